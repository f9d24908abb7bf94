"""BM25 within a few report ranges, from the kept terms where a term is kept.

A question about a place with several reports (its latest not answering well enough, its
earlier ones asked again: up to ~7 ranges over as many segments) scores those reports'
passages alone (PassageIndex.scored with ranges): for each term and each segment a range
meets, the term's passage numbers there are read whole to find the ranges, then its postings
inside each (1 + 2 reads a range). A term retrieval/kept_terms.py keeps (read whole for a
question over all reports or a year's) already holds every passage that has it, ascending,
and the saturation there: the passages inside the ranges are found in it by binary search,
with no read and no saturation computed. Those saturations are the float64 values
PassageIndex.add computes (the same operations: retrieval/topk.py), times the same weight,
added at the same passages: the scores are the same bit for bit. A term not kept is read as
before, and is not kept from here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from .kept_terms import Saturated, kept_terms
from .ranges import union_of

if TYPE_CHECKING:
    from .index import PassageIndex


def scored(
    index: PassageIndex, terms: Mapping[str, float], ranges: Sequence[tuple[int, int]]
) -> tuple[np.ndarray, np.ndarray]:
    """What index.scored(terms, ranges) gives for a few ranges, the same values; a kept
    term's postings taken from where it is kept."""
    kept = kept_terms(index)
    buf = index._buffer()
    touched: list[np.ndarray] = []
    try:
        for factor, found in index._columns(terms):
            held = kept.peek(found)
            if held is None:
                docs, tf = index.postings(found, ranges)
                if len(docs):
                    index.add(buf, factor, docs, tf)
                    touched.append(docs)
                continue
            docs, values = inside(held, ranges)
            if len(docs):
                np.add.at(buf, docs, values * factor)  # what index.add adds (docs distinct)
                touched.append(docs)
        if not touched:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        docs = union_of(touched)
        docs = docs[buf[docs] != 0]
        return docs, buf[docs]
    finally:
        index._reset(buf, touched)


def inside(held: Saturated, ranges: Sequence[tuple[int, int]]) -> Saturated:
    """A kept term's passages (ascending) and saturations within `ranges`, range by range in
    ascending order, as PassageIndex.postings reads them."""
    docs, values = held
    parts = [(int(a), int(e)) for a, e in (np.searchsorted(docs, r) for r in sorted(ranges))]
    parts = [(a, e) for a, e in parts if e > a]
    if len(parts) == 1:
        ((a, e),) = parts
        return docs[a:e], values[a:e]
    if not parts:
        return docs[:0], values[:0]
    return (np.concatenate([docs[a:e] for a, e in parts]),
            np.concatenate([values[a:e] for a, e in parts]))  # fmt: skip
