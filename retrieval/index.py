"""BM25 over passages in segments: BM25Okapi's scores (rank-bm25's formula) over the corpus.

Each segment (retrieval/segment.py) keeps, per term, the passages that have it and how often.
The corpus-wide statistics BM25Okapi needs (passages, average length, every term's document
frequency and the mean idf its floor uses) are summed over all segments (CorpusStats), so the
scores over any number of segments equal BM25Okapi's over the whole corpus; rank-bm25 stays the
reference (tests check scores against `BM25Okapi.get_scores` after adds, removes and merges).
A query touches only its terms' postings, in float64, adding them into a reused per-thread
buffer; restricted to ranges of passages (one report's), it touches only the postings there.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from .corpus_stats import CorpusStats
from .ranges import union_of
from .segment import term_hash

if TYPE_CHECKING:
    from .segment import Segment

MANY_RANGES = 16  # more report ranges than this: whole columns scored, then masked
TERMS_KEPT = 16384  # terms whose idf and columns are kept looked up


Found = tuple[tuple[int, int, int], ...]  # a term's columns: (segment, start, end) each
_Columns = list[tuple[float, Found]]  # per query term: (weight * idf, its columns)


class PassageIndex:
    """BM25Okapi over the passages of some segments, numbered one segment after the other;
    read-only once made, thread-safe."""

    def __init__(
        self,
        segments: Sequence[Segment],
        k1: float = 1.5,
        b: float = 0.75,
        stats: CorpusStats | None = None,
        version: str = "",
    ) -> None:
        self.segments = tuple(segments)
        self.stats = stats if stats is not None else CorpusStats.of(self.segments)
        self.size = self.stats.n_docs
        if self.size == 0:
            raise ValueError("an index needs at least one passage")
        self.k1, self.b = float(k1), float(b)
        self.token_count = self.stats.total_len
        self.version = version  # the index version answers cite (see retrieval/versions.py)
        self.bases = np.cumsum([0, *(s.size for s in self.segments)])
        doc_len = np.concatenate([np.asarray(s.arrays["doc_len"]) for s in self.segments])
        avgdl = self.token_count / self.size
        self._norm = self.k1 * (1 - self.b + self.b * doc_len.astype(np.float64) / avgdl)
        self._local = threading.local()  # one score buffer per thread, reused
        self._stat = functools.lru_cache(maxsize=TERMS_KEPT)(self._find)
        self._term = functools.lru_cache(maxsize=TERMS_KEPT)(self._find_columns)
        self._bounds: OrderedDict[str, float] = OrderedDict()  # kept for TERMS_KEPT terms
        self._bounds_lock = threading.Lock()

    @classmethod
    def from_tokens(
        cls, docs: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75
    ) -> PassageIndex:
        """An index of token lists (one per passage), in memory: for tests and tools."""
        from .segment_build import token_segment

        if not docs:
            raise ValueError("an index needs at least one passage")
        return cls([token_segment(docs)], k1, b)

    @property
    def vocabulary_size(self) -> int:
        return len(self.stats.union_hash)

    # -- lookups ----------------------------------------------------------------------------

    def idf(self, term: str) -> float | None:
        """BM25Okapi's idf of a term (its floor included); None for a term no passage has."""
        _, df, idf = self._stat(term)
        return idf if df else None

    def _segment_of(self, doc: int) -> int:
        return int(np.searchsorted(self.bases, doc, side="right")) - 1

    def contains(self, doc: int, term: str) -> bool:
        """Does passage `doc` have the term (in its text or its context)?"""
        s = self._segment_of(doc)
        seg = self.segments[s]
        found = seg.column(term, term_hash(term))
        if found is None:
            return False
        docs = seg.docs(*found)
        local = doc - int(self.bases[s])
        at = int(np.searchsorted(docs, local))
        return at < len(docs) and int(docs[at]) == local

    def docs_with(self, terms: Iterable[str]) -> np.ndarray:
        """The passages that have any of the terms, in order."""
        found = [self.postings(f)[0] for _, f in self._columns(dict.fromkeys(terms, 1.0), False)]
        return union_of(found) if found else np.empty(0, dtype=np.int64)

    # -- scoring ----------------------------------------------------------------------------

    def _buffer(self) -> np.ndarray:
        buf = getattr(self._local, "buf", None)
        if buf is None:
            buf = self._local.buf = np.zeros(self.size, dtype=np.float64)
        return buf

    def _columns(self, terms: Mapping[str, float], floor: bool = True) -> _Columns:
        cols: _Columns = []
        for term, weight in terms.items():
            if not weight:
                continue
            idf, found = self._term(term)
            if found:
                cols.append((float(weight) * idf if floor else 1.0, found))
        # Highest weight first (stable): the order retrieval/topk.py adds them in, so that
        # both make the same float64 sums, bit for bit.
        cols.sort(key=lambda c: -c[0])
        return cols

    def _find(self, term: str) -> tuple[int, int, float]:
        """A term's hash, document frequency and idf (kept for the terms asked for last:
        questions share their words)."""
        hashed = term_hash(term)
        df = self.stats.df(hashed)
        return hashed, df, self.stats.idf(df) if df else 0.0

    def _find_columns(self, term: str) -> tuple[float, Found]:
        """A term's idf and columns (segment, start, end); none for a term no passage has."""
        hashed, df, idf = self._stat(term)
        if not df:
            return 0.0, ()
        found = ((s, seg.column(term, hashed)) for s, seg in enumerate(self.segments))
        return idf, tuple((s, *c) for s, c in found if c is not None)

    def bound(self, term: str, postings: tuple[np.ndarray, np.ndarray] | None = None) -> float:
        """The most one occurrence count of the term adds to a passage's score before its
        weight (tf·(k1+1)/(tf + norm), at most k1 + 1), over its whole postings (read here
        unless given: retrieval/topk.py reads them anyway); kept for the last terms asked."""
        with self._bounds_lock:
            known = self._bounds.get(term)
            if known is not None:
                self._bounds.move_to_end(term)
                return known
        docs, tf = postings if postings is not None else self.postings(self._term(term)[1])
        most = float(np.max(self.saturation(docs, tf))) if len(docs) else 0.0
        with self._bounds_lock:
            self._bounds[term] = most
            if len(self._bounds) > TERMS_KEPT:
                self._bounds.popitem(last=False)
        return most

    def postings(
        self, found: Found, ranges: Sequence[tuple[int, int]] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """One term's postings over all its segments at once: the passages that have it
        (numbered across segments, ascending, int64) and how often (the stored integers:
        arithmetic with float64 converts them exactly); only those within `ranges` of
        passage numbers when given (a segment outside them is not read). One pass of numpy
        over the whole term, not one per segment."""
        locals_: list[np.ndarray] = []
        tfs: list[np.ndarray] = []
        bases: list[int] = []
        for s, start, end in found:
            seg, base = self.segments[s], int(self.bases[s])
            for a, e in self._spans(seg, base, start, end, ranges):
                local, tf = seg.part(start, end, a, e)
                if not 0 <= local[0] <= local[-1] < seg.size:  # ascending, in the segment
                    raise ValueError(f"segment {seg.id} is damaged")
                locals_.append(local)
                tfs.append(tf)
                bases.append(base)
        if len(locals_) == 1:
            docs = locals_[0].astype(np.int64)
            docs += bases[0]
            return docs, tfs[0]
        if not locals_:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.uint16)
        docs = np.concatenate(locals_, dtype=np.int64)
        docs += np.repeat(np.array(bases, dtype=np.int64), [len(x) for x in locals_])
        return docs, np.concatenate(tfs)

    @staticmethod
    def _spans(
        seg: Segment, base: int, start: int, end: int, ranges: Sequence[tuple[int, int]] | None
    ) -> list[tuple[int, int]]:
        """The non-empty parts of column [start, end) of a segment within `ranges` (all of
        it when None); the column is read only when a range meets the segment."""
        if ranges is None:
            return [(start, end)] if end > start else []
        near = sorted((lo, hi) for lo, hi in ranges if hi > base and lo < base + seg.size)
        if not near:
            return []
        local = seg.docs(start, end)
        spans = []
        for lo, hi in near:
            a, e = np.searchsorted(local, (lo - base, hi - base))
            if e > a:
                spans.append((start + int(a), start + int(e)))
        return spans

    def _accumulate(
        self, buf: np.ndarray, cols: _Columns, ranges: Sequence[tuple[int, int]] | None
    ) -> list[np.ndarray]:
        """Add each term's BM25 terms into `buf`; the passages touched, for the reset."""
        touched = []
        for factor, found in cols:
            docs, tf = self.postings(found, ranges)
            if len(docs):
                self.add(buf, factor, docs, tf)
                touched.append(docs)
        return touched

    def add(self, buf: np.ndarray, factor: float, docs: np.ndarray, tf: np.ndarray) -> None:
        """Add one term's BM25 terms at its postings (`docs` distinct) into `buf`."""
        values = self.saturation(docs, tf)
        values *= factor
        np.add.at(buf, docs, values)  # = buf[docs] += values, docs being distinct; faster

    def saturation(self, docs: np.ndarray, tf: np.ndarray) -> np.ndarray:
        """tf·(k1+1) / (tf + norm) at some postings: BM25 of one occurrence count before the
        term's weight and idf (a new array; worked in place, the same float64 values)."""
        below = self._norm[docs]
        below += tf
        values: np.ndarray = np.multiply(tf, self.k1 + 1, dtype=np.float64)
        values /= below
        return values

    def _reset(self, buf: np.ndarray, touched: list[np.ndarray]) -> None:
        if sum(len(t) for t in touched) * 8 > self.size:
            buf.fill(0.0)
        else:
            for docs in touched:
                buf[docs] = 0.0

    def scores(self, terms: Mapping[str, float]) -> np.ndarray:
        """Sum over terms of weight * BM25 score of that term, for every passage (a copy)."""
        buf = self._buffer()
        touched = []
        try:
            touched = self._accumulate(buf, self._columns(terms), None)
            return buf.copy()
        finally:
            self._reset(buf, touched)

    def scored(
        self, terms: Mapping[str, float], ranges: Sequence[tuple[int, int]] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The passages with a score above zero (within `ranges` of passage numbers, if
        given) and their scores: only the query's postings are touched, no pass over all."""
        if ranges is not None and len(ranges) > MANY_RANGES:  # one pass, then a mask
            docs, values = self.scored(terms)
            keep = np.zeros(len(docs), dtype=bool)
            for lo, hi in ranges:
                a, e = np.searchsorted(docs, (lo, hi))
                keep[a:e] = True
            return docs[keep], values[keep]
        buf = self._buffer()
        touched: list[np.ndarray] = []
        try:
            touched = self._accumulate(buf, self._columns(terms), ranges)
            if not touched:
                return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
            if ranges is None and sum(len(t) for t in touched) * 8 > self.size:
                docs = np.flatnonzero(buf)
            else:
                docs = union_of(touched)
                docs = docs[buf[docs] != 0]
            return docs, buf[docs]
        finally:
            self._reset(buf, touched)
