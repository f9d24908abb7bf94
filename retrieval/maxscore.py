"""The k best passages by BM25 without scoring every posting (MaxScore, term at a time):
the path retrieval/topk.py takes on a large corpus (see there).

A term adds at most weight · idf · (k1 + 1) to a passage's score (tf·(k1+1)/(tf+norm) < k1+1).
Terms are taken in order of that bound, highest (rarest) first, and scored over their whole
columns until the bounds of the terms left sum to less than the k-th best partial score: from
then on no passage without any of the scored ("essential") terms can enter the k best. The
passages that have one and could still reach the k best get their exact scores, every term
added in the query's order as PassageIndex.scored adds them (the same float64 sums, bit for
bit); the common terms are looked up only at those passages (a binary search in their
postings). Each term's postings are read once a question, over all segments at once. The k
leaders' whole scores (their other terms looked up) are a score the k best reach at least:
it often ends the full-column phase sooner and leaves fewer passages to finish.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .index import PassageIndex

MARGIN = 1e-9  # relative: float64 rounding of sums of a few dozen terms is far below it
CLOSE = 1.25  # the leaders' whole scores are worked out when the bounds left are this close


def candidates(
    index: PassageIndex,
    terms: Mapping[str, float],
    k: int,
    ranges: Sequence[tuple[int, int]] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Passages (ascending) and their whole scores, among which are the k best of
    `index.scored(terms, ranges)` with the same values. For two terms or more, every
    weight · idf above zero, and `ranges` None or many (retrieval/topk.py checks)."""
    found = [(t, cols) for t, w in terms.items() if (cols := index._columns({t: w}))]
    per_term = [cols for _, cols in found]  # one (factor, columns) each
    factors = [cols[0][0] for cols in per_term]
    postings = [index.postings(cols[0][1]) for cols in per_term]  # each read once
    bounds = [f * index.bound(t, p) for f, (t, _), p in zip(factors, found, postings, strict=True)]
    order = sorted(range(len(per_term)), key=lambda j: -factors[j])  # as index._columns
    left = [0.0] * (len(order) + 1)  # left[n]: sum of the bounds of order[n:]
    for n in range(len(order) - 1, -1, -1):
        left[n] = left[n + 1] + bounds[order[n]]
    read = postings.__getitem__
    buf = index._buffer()
    touched: list[np.ndarray] = []
    try:
        leaders = np.empty(0, dtype=np.int64)  # the k best partial scores so far
        kth, floor, scored = -np.inf, -np.inf, len(order)
        for n, j in enumerate(order):
            new, tf = read(j)
            index.add(buf, factors[j], new, tf)
            touched.append(new)
            leaders, kth = _leaders(buf, leaders, _within(new, ranges), k)
            kth = max(kth, floor)
            if 0 < kth <= left[n + 1] + _slack(kth, left[n + 1]) < CLOSE * kth:
                # the leaders' whole scores: the k-th of them is reached by the k best
                rest = [(factors[m], *read(m)) for m in order[n + 1 :]]
                floor = max(floor, _whole(index, buf[np.sort(leaders)], np.sort(leaders), rest))
                kth = max(kth, floor)
            if left[n + 1] + _slack(kth, left[n + 1]) < kth:
                scored = n + 1
                break
        if scored == len(order):  # every term scored in full: the plain cut
            return _touched(buf, touched, ranges, index.size)
        leaders = np.sort(leaders)
        ahead = buf[leaders]
        docs = np.concatenate(touched)
        docs = docs[buf[docs] + left[scored] + _slack(kth, left[scored]) >= kth]
        docs = _within(_unique(docs, index.size), ranges)
        partial = buf[docs]
    finally:
        index._reset(buf, touched)
    # The leaders' whole scores: the k-th best of them is a score the k-th best passage
    # reaches at least, often far above the partial one; passages that cannot reach it go.
    rest = [(factors[j], *read(j)) for j in order[scored:]]
    kth = max(kth, _whole(index, ahead, leaders, rest))
    keep = partial + left[scored] + _slack(kth, left[scored]) >= kth
    docs, partial = docs[keep], partial[keep]
    for n, (factor, column, tf) in enumerate(rest, scored):  # the rest, one term at a time
        partial = partial + contributions(index, factor, column, tf, docs)
        if len(partial) >= k:
            kth = max(kth, float(-np.partition(-partial, k - 1)[k - 1]))
        keep = partial + left[n + 1] + _slack(kth, left[n + 1]) >= kth
        docs, partial = docs[keep], partial[keep]
    return docs, partial  # every term added, in the full scorer's order


def _whole(
    index: PassageIndex,
    partial: np.ndarray,
    leaders: np.ndarray,
    rest: Sequence[tuple[float, np.ndarray, np.ndarray]],
) -> float:
    """The lowest whole score of the k leaders (ascending, their `partial` scores so far):
    the k-th best passage scores at least that."""
    for factor, column, tf in rest:
        partial = partial + contributions(index, factor, column, tf, leaders)
    return float(np.min(partial))


def _slack(kth: float, bound: float) -> float:
    return MARGIN * (abs(kth) + bound)


def _unique(docs: np.ndarray, size: int) -> np.ndarray:
    """The distinct docs, ascending (a mark per passage when there are many)."""
    if len(docs) < 4096:
        return np.unique(docs)
    marks = np.zeros(size, dtype=bool)
    marks[docs] = True
    return np.flatnonzero(marks)


def _leaders(
    buf: np.ndarray, leaders: np.ndarray, docs: np.ndarray, k: int
) -> tuple[np.ndarray, float]:
    """The k best of the last leaders and the docs just scored (only their scores changed),
    and the k-th best score (-inf while fewer than k passages have one)."""
    if len(leaders):
        at = np.minimum(np.searchsorted(docs, leaders), max(len(docs) - 1, 0))
        fresh = leaders if not len(docs) else leaders[docs[at] != leaders]
        docs = np.concatenate([fresh, docs])
    if len(docs) < k:
        return docs, -np.inf
    values = buf[docs]
    part = np.argpartition(-values, k - 1)[:k]
    return docs[part], float(values[part].min())


def _within(docs: np.ndarray, ranges: Sequence[tuple[int, int]] | None) -> np.ndarray:
    """The docs (ascending) inside any of the ranges [lo, hi) (all when None)."""
    if ranges is None or not len(docs):
        return docs
    bounds = sorted(ranges)
    los = np.array([lo for lo, _ in bounds], dtype=np.int64)
    his = np.array([hi for _, hi in bounds], dtype=np.int64)
    at = np.searchsorted(los, docs, side="right") - 1
    inside = (at >= 0) & (docs < his[np.maximum(at, 0)])
    return docs[inside]


def _touched(
    buf: np.ndarray, touched: list[np.ndarray], ranges: Sequence[tuple[int, int]] | None, n: int
) -> tuple[np.ndarray, np.ndarray]:
    if not touched:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
    if ranges is None and sum(len(t) for t in touched) * 8 > n:
        docs = np.flatnonzero(buf)
    else:
        docs = _within(np.unique(np.concatenate(touched)), ranges)
        docs = docs[buf[docs] != 0]
    return docs, buf[docs]


def contributions(
    index: PassageIndex, factor: float, column: np.ndarray, tf: np.ndarray, docs: np.ndarray
) -> np.ndarray:
    """One term's BM25 contributions to some passages (ascending; 0 where absent), from its
    postings (`column` ascending, `tf`; PassageIndex.postings): the values the full scorer
    adds there."""
    out = np.zeros(len(docs), dtype=np.float64)
    if not len(docs) or not len(column):
        return out
    at = np.searchsorted(column, docs)
    hit = at < len(column)
    hit[hit] = column[at[hit]] == docs[hit]
    where = np.flatnonzero(hit)
    if len(where):
        values = index.saturation(docs[where], tf[at[where]])
        values *= factor
        out[where] = values
    return out
