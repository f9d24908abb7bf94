"""The k best passages by BM25, the full scorer's sums read back only above a floor.

Every posting of the query's terms is added into the score buffer, term by term in the order
PassageIndex.scored adds them (the same float64 sums, bit for bit); within many report ranges
(a year's reports) only passages inside them are read back: a kept term is added everywhere
(taking its passages inside out of it cost more than adding those outside), a term too large
to keep is saturated only inside (at 300k, the bench's 16 such calls, per-call min summed:
~22 -> ~20 ms for each of the two). What is saved is the read-back: instead of
every passage with a score (up to ~250k at 300k passages) going through a partition, a floor
is taken first. A term's passages are distinct, so the k-th best whole score among them is a
score the k best passages reach at least; passages below such a floor (the first term's with k
passages or more) cannot be among them and are never gathered. A term's passages and
saturations are read once and kept for the terms read last (retrieval/kept_terms.py).

Above 10M passages the terms are pruned instead (MaxScore, retrieval/maxscore.py: common terms
looked up by binary search only at the passages that could still win). BM25 top-40 of the
bench's 200 questions, min of 3 each, one process: at 300k passages adding every posting
takes p50 / p95 0.90 / 1.89 ms against MaxScore's 1.15 / 3.15 (its heavy questions have
12-19 terms and a k-th score far below their common terms' bounds: little is skipped, and a
lookup costs more than an addition); at 3M (session 5), 17.9 / 45.5 ms against 13.0 / 46.7.
Session 45, at 3M with the floor and the kept terms: adding every posting 14.9-16.6 / 41.3-47.2
ms against MaxScore's 17.5-23.4 / 55.5-68.2 (the same k best, checked on all 200), answers end to
end p50 / p95 15.2-16.7 / 55-57 ms against 20.1-20.5 / 79-107: MaxScore no longer pays at 3M,
so it is kept for larger corpora, which were not measured.

The result is exactly the k best of PassageIndex.scored, ties broken by the lower passage
number (tests/test_topk.py checks both paths against the full scorer and rank-bm25).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from . import kept_scored, maxscore
from .index import MANY_RANGES, Found
from .kept_terms import LARGEST, Saturated, kept_terms
from .postings_file import COUNT, DOC
from .ranges import union_of

if TYPE_CHECKING:
    from .index import PassageIndex

PRUNED_ABOVE = 10_000_000  # passages: a larger corpus takes MaxScore's path (see above)
MASKS_KEPT = 2  # the masks of the last scopes of many reports (n bytes each)
LATE_SHARE = 16  # late terms are added only near the floor if that is 1/16 of their postings


def best(docs: np.ndarray, values: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k highest values, ties to the lower doc; `docs` ascending. Sorted
    ascending (so docs[positions] stays ascending)."""
    if k <= 0:
        return np.empty(0, dtype=np.int64)
    if len(values) <= k:
        return np.arange(len(values))
    kth = -np.partition(-values, k - 1)[k - 1]
    above = np.flatnonzero(values > kth)
    tied = np.flatnonzero(values == kth)[: k - len(above)]  # docs ascending: lowest first
    return np.sort(np.concatenate([above, tied]))


def top(
    index: PassageIndex,
    terms: Mapping[str, float],
    k: int,
    ranges: Sequence[tuple[int, int]] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The k best passages (ascending) with a score above zero, and their scores: what
    `best` keeps of `index.scored(terms, ranges)`, the same values."""
    cols = index._columns(terms)
    if (
        k <= 0
        or len(cols) < 2
        or min(factor for factor, _ in cols) <= 0  # a tiny corpus's zero or negative idf
        or (ranges is not None and len(ranges) <= MANY_RANGES)  # few postings anyway
    ):
        if ranges is not None and 1 < len(ranges) <= MANY_RANGES and len(cols):
            docs, values = kept_scored.scored(index, terms, ranges)  # = index.scored
        else:
            docs, values = index.scored(terms, ranges)
        keep = best(docs, values, k)
        return docs[keep], values[keep]
    if index.size > PRUNED_ABOVE:
        docs, values = maxscore.candidates(index, terms, k, ranges)
        keep = best(docs, values, k)
        return docs[keep], values[keep]
    inside = None if ranges is None else _mask(tuple(ranges), index.size)
    buf = index._buffer()
    touched: list[np.ndarray] = []
    late = _late(cols)  # terms too large to keep, last: added only where it may count
    try:
        for factor, found in cols[: len(cols) - late]:
            _add(index, buf, factor, found, inside, touched)
        floor = _floor(buf, touched, k, inside)
        near = _late_added(index, buf, cols[len(cols) - late :], floor, inside) if late else None
        if near is not None:
            docs = near
        else:
            for factor, found in cols[len(cols) - late :]:
                _add(index, buf, factor, found, inside, touched)
            floor = _floor(buf, touched, k, inside) if late else floor
            if floor > 0:
                hit = buf >= floor
                if inside is not None:
                    hit &= inside
                docs = np.flatnonzero(hit)
            else:
                docs = _scored(buf, touched, index.size)
                docs = docs if inside is None else docs[inside[docs]]
        values = buf[docs]
    finally:
        index._reset(buf, touched)
    keep = best(docs, values, k)
    return docs[keep], values[keep]


def _add(index: PassageIndex, buf: np.ndarray, factor: float, found: Found,
         inside: np.ndarray | None, touched: list[np.ndarray]) -> None:  # fmt: skip
    """Add one term's BM25 terms into `buf` (its passages to `touched`)."""
    if inside is not None and _never_kept(found):
        # (a year asked: 2021年, in ~110k passages at 300k, with its ~550 reports in
        # scope) saturated only where the ranges take it: the same values there
        docs, tf = postings(index, found)
        keep = inside[docs]
        docs = docs[keep]
        saturations = _saturation(index, docs, tf[keep])
    else:  # kept: added everywhere (outside the ranges, never read back)
        docs, saturations = saturated(index, found)
    if len(docs):
        np.add.at(buf, docs, saturations * factor)  # (docs distinct)
        touched.append(docs)


def _late(cols: Sequence[tuple[float, Found]]) -> int:
    """How many of the last terms (the lowest weights) are too large to keep (not all)."""
    n = 0
    while n < len(cols) - 1 and _never_kept(cols[len(cols) - 1 - n][1]):
        n += 1
    return n


def _late_added(index: PassageIndex, buf: np.ndarray, late: Sequence[tuple[float, Found]],
                floor: float, inside: np.ndarray | None) -> np.ndarray | None:  # fmt: skip
    """The passages (ascending) whose whole score reaches `floor` (a floor of the k best,
    from the terms added before), with the `late` terms added only at the passages that may
    reach it; None (nothing added) where that would not save work.

    A late term adds at most factor·(k1 + 1) (its saturation is below k1 + 1), so a passage
    below floor − what they add at most (with room for the sums' roundings) cannot reach the
    floor, and all that do are among those above it (`near`, each holding an earlier term).
    There each late term adds what the full scorer adds, in the same order: the same float64
    sums bit for bit; the k best have at least the floor (the floor is the k-th best score
    before the late terms of a term's passages: they only add), so `best` keeps the same. At
    300k passages a term in over ~65k passages (工作, 经济, 2021) is then read but not
    saturated and added at most of them."""
    if not floor > 0:
        return None
    most = sum(factor for factor, _ in late) * (index.k1 + 1)
    margin = most * (1 + 1e-9) + floor * 1e-9  # (each sum is off by ~1e-16 at most)
    if margin >= floor:
        return None
    hit = buf >= floor - margin
    if inside is not None:
        hit &= inside
    near = np.flatnonzero(hit)
    if len(near) * LATE_SHARE > sum(end - start for _, found in late for _, start, end in found):
        return None  # a binary search for each costs more than adding every posting
    for factor, found in late:
        docs, tf = postings(index, found)
        at = np.searchsorted(docs, near)
        held = at < len(docs)
        held[held] = docs[at[held]] == near[held]
        where = near[held]
        buf[where] += _saturation(index, where, tf[at[held]]) * factor  # (distinct)
    return near[buf[near] >= floor]


def postings(index: PassageIndex, found: Found) -> tuple[np.ndarray, np.ndarray]:
    """index.postings(found): the same passages (int64, ascending) and counts. Each
    segment's part is read straight into its place (the counts into theirs, the segment's
    own passage numbers into one array), then all are checked, widened and offset at once:
    a term has a part in most segments, and numpy calls per part cost more than the reads
    (300k passages in the bench's 11 segments: ~115 parts a heavy question). A part of a
    segment's file is read by one os.preadv straight into byte views of the two arrays (its
    passage numbers and counts lie side by side: retrieval/postings_file.py), with no call,
    numpy slice or dtype made per part."""
    parts = [(s, start, end - start) for s, start, end in found if end > start]
    total = sum(size for _, _, size in parts)
    docs = np.empty(total, dtype=np.int64)
    tf = np.empty(total, dtype=COUNT)
    if not parts:
        return docs, tf
    local = np.empty(total, dtype=DOC)
    local_bytes, tf_bytes = local.data.cast("B"), tf.data.cast("B")
    width, tf_width = DOC.itemsize, COUNT.itemsize
    edges: list[int] = []  # each part's first and last place
    at = 0
    for s, start, size in parts:
        seg, end = index.segments[s], at + size
        file = seg.file
        if file is None:  # in memory
            local[at:end], tf[at:end] = seg.part(start, start + size, start, start + size)
        else:  # from the segment's file: one read
            file.read_into(start, start + size, local_bytes[at * width : end * width],
                           tf_bytes[at * tf_width : end * tf_width])  # fmt: skip
        edges += (at, end - 1)
        at = end
    ends = local[edges].tolist()
    for n, (s, _, _) in enumerate(parts):  # ascending, in the segment (its ends)
        if not 0 <= ends[2 * n] <= ends[2 * n + 1] < index.segments[s].size:
            raise ValueError(f"segment {index.segments[s].id} is damaged")
    bases = np.repeat(index.bases[[s for s, _, _ in parts]], [size for _, _, size in parts])
    np.add(local, bases, out=docs)
    return docs, tf


def saturated(index: PassageIndex, found: Found) -> Saturated:
    """A term's passages (its postings) and the saturation at each, before its weight: kept
    for the terms read last (retrieval/kept_terms.py; read-only when kept)."""
    return kept_terms(index).get(found, lambda: _saturated(index, found))


def _never_kept(found: Found) -> bool:
    """Is a term too large to be kept (retrieval/kept_terms.py: passages and saturations,
    16 bytes a posting, above LARGEST)?"""
    return sum(end - start for _, start, end in found) * 16 > LARGEST


def _saturated(index: PassageIndex, found: Found) -> Saturated:
    docs, tf = postings(index, found)
    return docs, _saturation(index, docs, tf)


def saturation(index: PassageIndex, docs: np.ndarray, tf: np.ndarray, factor: float) -> np.ndarray:
    """factor * index.saturation(docs, tf), what index.add adds: the same float64 operations
    in the same order (tf converted once, exactly; the norms gathered with take)."""
    values = _saturation(index, docs, tf)
    values *= factor
    return values


def _saturation(index: PassageIndex, docs: np.ndarray, tf: np.ndarray) -> np.ndarray:
    values: np.ndarray = tf.astype(np.float64)
    below = np.take(index._norm, docs)
    below += values
    values *= index.k1 + 1
    values /= below
    return values


def _floor(
    buf: np.ndarray, touched: Sequence[np.ndarray], k: int, inside: np.ndarray | None = None
) -> float:
    """A score the k best passages (`inside` the ranges, if given) reach at least: the k-th
    best whole score among the passages (inside) of the first term (rarest first) with k
    such passages or more (distinct); -inf when none has k. One term is enough: taking the
    best such floor over more terms (up to 32k passages) cost more in partitions than it
    saved in the read-back (300k, the bench's 200 questions, min of 3: BM25 top-40 summed
    454-528 ms against 263-395 ms)."""
    for docs in touched:
        if inside is not None and len(docs) >= k:
            docs = docs[inside[docs]]
        if len(docs) >= k:
            return float(-np.partition(-buf[docs], k - 1)[k - 1])
    return -np.inf


@functools.lru_cache(maxsize=MASKS_KEPT)
def _mask(ranges: tuple[tuple[int, int], ...], n: int) -> np.ndarray:
    """Which of n passages lie in any of the ranges [lo, hi) (read-only). The last few are
    kept: a year's reports (~550 ranges at 300k passages, ~0.12 ms to mark) are the scope
    of every question naming that year and no place."""
    inside = np.zeros(n, dtype=bool)
    for lo, hi in ranges:
        inside[lo:hi] = True
    inside.setflags(write=False)
    return inside


def _scored(buf: np.ndarray, touched: list[np.ndarray], n: int) -> np.ndarray:
    """The passages with a score (ascending), from the postings added or from the buffer."""
    if not touched:
        return np.empty(0, dtype=np.int64)
    if sum(len(t) for t in touched) * 8 > n:
        return np.flatnonzero(buf)
    docs = union_of(touched)
    scored: np.ndarray = docs[buf[docs] != 0]
    return scored
