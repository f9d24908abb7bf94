"""The BM25 candidates of a question: passages with a score, within some reports' ranges.

The fast path scores only the query's postings inside the ranges (PassageIndex.scored); scores
already computed over every passage (a heading ordinal's bonus, compare's one pass for all
reports) are read range by range. With no passage scored, a tiny corpus whose idfs are all zero
falls back to the passages holding a term.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .index import PassageIndex
from .ranges import positions
from .segment import term_hash
from .topk import best, top


def scored_candidates(
    index: PassageIndex,
    weights: Mapping[str, float],
    ranges: Sequence[tuple[int, int]] | None,
    scores: np.ndarray | None = None,
    fallback: bool = True,
    k: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate passages (ascending) and their scores; `ranges` of passage numbers
    [lo, hi) restrict them (None: every passage); `scores`, if given, are every passage's.
    With `k`, only the k best (ties: the lower passage number; retrieval/topk.py)."""
    if scores is None and k is not None:
        candidates, values = top(index, weights, k, ranges)
    elif scores is None:
        candidates, values = index.scored(weights, ranges)
    else:
        if ranges is None:
            candidates = np.flatnonzero(scores)
        else:  # the ranges' passages only, range by range: compare asks report by report
            at = positions(ranges)
            candidates = at[scores[at] != 0]
        values = scores[candidates]
    if not candidates.size and fallback:
        candidates = index.docs_with(weights)
        if ranges is not None:
            candidates = candidates[within(candidates, ranges)]
        values = np.zeros(candidates.size)
    if k is not None and candidates.size > k:
        keep = best(candidates, values, k)
        candidates, values = candidates[keep], values[keep]
    return candidates, values


def within(candidates: np.ndarray, ranges: Sequence[tuple[int, int]]) -> np.ndarray:
    """Which candidates lie in any of the ranges [lo, hi) of passage numbers."""
    mask = np.zeros(candidates.size, dtype=bool)
    for lo, hi in ranges:
        mask |= (candidates >= lo) & (candidates < hi)
    return mask


def range_holds(index: PassageIndex, start: int, end: int, term: str) -> bool:
    """Does any passage in [start, end) (one report's) have the term? A binary search in the
    term's postings of each segment the range overlaps, not a pass over all its postings."""
    first = int(np.searchsorted(index.bases, start, side="right")) - 1
    last = int(np.searchsorted(index.bases, max(start, end - 1), side="right")) - 1
    hashed = term_hash(term)
    for s in range(first, last + 1):
        seg, base = index.segments[s], int(index.bases[s])
        found = seg.column(term, hashed)
        if found is None:
            continue
        docs = seg.docs(*found)
        at = int(np.searchsorted(docs, start - base))
        if at < len(docs) and int(docs[at]) < end - base:
            return True
    return False
