"""The corpus-wide statistics BM25Okapi needs, summed over all segments of an index.

Passages, tokens, every term's document frequency (by term hash) and the mean idf the floor
uses: with these, the scores over any number of segments (retrieval/index.py) equal
rank-bm25's BM25Okapi over the whole corpus.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .segment import Segment

EPSILON = 0.25  # BM25Okapi's floor: idf of words in over half the passages = EPSILON * mean idf


@dataclass(frozen=True, slots=True)
class CorpusStats:
    """What BM25Okapi needs of the whole corpus: passages, tokens, and every term's document
    frequency (by term hash, sorted), with the mean idf over the vocabulary (its floor)."""

    n_docs: int
    total_len: int
    mean_idf: float
    union_hash: np.ndarray  # uint64, sorted: every distinct term of the corpus
    union_df: np.ndarray  # int64: passages that have it

    @classmethod
    def of(cls, segments: Sequence[Segment]) -> CorpusStats:
        n_docs = sum(s.size for s in segments)
        total = sum(int(np.asarray(s.arrays["doc_len"]).sum(dtype=np.int64)) for s in segments)
        hashes = np.concatenate([np.asarray(s.term_hash) for s in segments])
        dfs = np.concatenate([np.diff(np.asarray(s.indptr)) for s in segments])
        union, inverse = np.unique(hashes, return_inverse=True)
        df = np.bincount(inverse.ravel(), weights=dfs, minlength=len(union)).astype(np.int64)
        idf = np.log(n_docs - df + 0.5) - np.log(df + 0.5)
        mean = float(idf.sum() / len(idf)) if len(idf) else 0.0
        return cls(n_docs, total, mean, union, df)

    def df(self, hashed: int) -> int:
        at = int(np.searchsorted(self.union_hash, np.uint64(hashed)))
        if at < len(self.union_hash) and int(self.union_hash[at]) == hashed:
            return int(self.union_df[at])
        return 0

    def idf(self, df: int) -> float:
        """rank-bm25 0.2.2, BM25Okapi._calc_idf: log(N - n + 0.5) - log(n + 0.5); words in
        more than half the passages get EPSILON times the mean idf (taken before flooring)."""
        idf = math.log(self.n_docs - df + 0.5) - math.log(df + 0.5)
        return EPSILON * self.mean_idf if idf < 0 else idf
