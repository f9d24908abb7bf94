"""BM25 over passages: rank-bm25's BM25Okapi, queried with weighted terms."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from rank_bm25 import BM25Okapi


class PassageIndex:
    """BM25Okapi over token lists, one per passage; read-only once built."""

    def __init__(self, docs: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75) -> None:
        if not docs:
            raise ValueError("an index needs at least one passage")
        self.k1 = k1
        self.b = b
        self._bm25 = BM25Okapi([list(d) for d in docs], k1=k1, b=b)
        self.size = len(docs)

    def idf(self, term: str) -> float | None:
        """BM25Okapi's idf of a term (its floor included); None for a term no passage has."""
        return self._bm25.idf.get(term)

    def contains(self, doc: int, term: str) -> bool:
        """Does passage `doc` have the term (in its text or its context)?"""
        return term in self._bm25.doc_freqs[doc]

    def term_scores(self, term: str) -> np.ndarray:
        return self._bm25.get_scores([term])

    def scores(self, terms: Mapping[str, float]) -> np.ndarray:
        """Sum over terms of weight * BM25 score of that term, for every passage."""
        total = np.zeros(self.size)
        for term, weight in terms.items():
            if weight and term in self._bm25.idf:
                total += weight * self._bm25.get_scores([term])
        return total

    def top(
        self, terms: Mapping[str, float], k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The k best passages (index, score) with a score above zero, best first."""
        scores = self.scores(terms)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        candidates = np.flatnonzero(scores > 0)
        if candidates.size > k:
            part = np.argpartition(-scores[candidates], k - 1)[:k]
            candidates = candidates[part]
        order = sorted(candidates.tolist(), key=lambda i: (-scores[i], i))
        return [(i, float(scores[i])) for i in order]
