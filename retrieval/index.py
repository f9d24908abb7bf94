"""BM25 over passages: BM25Okapi's scores (rank-bm25's formula), precomputed per term.

Every (term, passage) pair's BM25Okapi weight, idf floor included, is computed once at build
time and kept in compressed sparse columns: for each term, the passages that have it (int32,
ascending) and their weights (float32). A query then touches only its terms' columns, adding
them into a reused per-thread float32 buffer; `scores` returns every passage's score, and the
engine picks its candidates from that. rank-bm25 stays the reference: tests check scores
against `BM25Okapi.get_scores`.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np

EPSILON = 0.25  # BM25Okapi's floor: idf of words in over half the passages = EPSILON * mean idf


class StringTable(Sequence[str]):
    """Many short strings kept as one str and int64 offsets (no object per string)."""

    __slots__ = ("_blob", "_offsets")

    def __init__(self, blob: str, offsets: np.ndarray) -> None:
        self._blob = blob
        self._offsets = np.asarray(offsets, dtype=np.int64)

    @classmethod
    def from_strings(cls, strings: Iterable[str]) -> StringTable:
        items = list(strings)
        offsets = np.zeros(len(items) + 1, dtype=np.int64)
        np.cumsum([len(s) for s in items], out=offsets[1:])
        return cls("".join(items), offsets)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._blob[self._offsets[i] : self._offsets[i + 1]]

    def tolist(self) -> list[str]:
        off = self._offsets.tolist()
        blob = self._blob
        return [blob[a:b] for a, b in itertools.pairwise(off)]

    def to_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """UTF-8 bytes and character offsets, for an npz file."""
        return np.frombuffer(self._blob.encode("utf-8"), dtype=np.uint8), self._offsets

    @classmethod
    def from_arrays(cls, data: np.ndarray, offsets: np.ndarray) -> StringTable:
        table = cls(data.tobytes().decode("utf-8"), offsets)
        if len(table._offsets) == 0 or table._offsets[-1] != len(table._blob):
            raise ValueError("string table offsets do not match its text")
        return table


@dataclass(frozen=True, slots=True)
class IndexArrays:
    """Everything a PassageIndex is made of, as plain arrays (what the cache stores)."""

    terms: StringTable  # vocabulary, column order
    indptr: np.ndarray  # int64 [terms + 1]: column t is indices/weights[indptr[t]:indptr[t+1]]
    indices: np.ndarray  # int32 [nnz]: passages, ascending within a column
    weights: np.ndarray  # float32 [nnz]: BM25Okapi weight of (term, passage)
    idf: np.ndarray  # float64 [terms]: BM25Okapi idf, floor applied
    doc_len: np.ndarray  # int32 [passages]: tokens per passage
    k1: float
    b: float


def bm25okapi_arrays(
    terms: StringTable,
    doc_ids: np.ndarray,
    term_ids: np.ndarray,
    n_docs: int,
    k1: float = 1.5,
    b: float = 0.75,
) -> IndexArrays:
    """BM25Okapi weights of every (term, passage) pair, from one entry per token occurrence.

    scipy's compressed-matrix construction (C++, linear time) turns the token occurrences into
    per-term columns of term frequencies; the formula is rank-bm25's, in float64, stored as
    float32.
    """
    # build time only: importing it costs ~0.1 s. scipy ships no type stubs.
    from scipy.sparse import coo_matrix

    n_terms = len(terms)
    doc_ids = np.asarray(doc_ids, dtype=np.int32)
    term_ids = np.asarray(term_ids, dtype=np.int32)
    doc_len = np.bincount(doc_ids, minlength=n_docs).astype(np.int32)
    counts = coo_matrix(
        (np.ones(len(doc_ids), dtype=np.float32), (doc_ids, term_ids)), shape=(n_docs, n_terms)
    ).tocsc()
    counts.sum_duplicates()  # also sorts the passages of each column
    indptr = counts.indptr.astype(np.int64)
    indices = counts.indices.astype(np.int32)
    tf = counts.data.astype(np.float64)
    df = np.diff(indptr).astype(np.float64)

    # rank-bm25 0.2.2, BM25Okapi._calc_idf: log(N - n + 0.5) - log(n + 0.5); words in more
    # than half the passages get EPSILON times the mean idf (taken before flooring).
    idf = np.log(n_docs - df + 0.5) - np.log(df + 0.5)
    if n_terms:
        negative = idf < 0
        idf[negative] = EPSILON * (idf.sum() / n_terms)
    avgdl = doc_len.sum() / n_docs if n_docs else 0.0
    if len(indices):
        dl = doc_len[indices].astype(np.float64)
        norm = k1 * (1 - b + b * dl / avgdl)
        term_of = np.repeat(np.arange(n_terms), np.diff(indptr))
        weights = (idf[term_of] * (tf * (k1 + 1) / (tf + norm))).astype(np.float32)
    else:
        weights = np.zeros(0, dtype=np.float32)
    return IndexArrays(terms, indptr, indices, weights, idf, doc_len, float(k1), float(b))


class PassageIndex:
    """BM25Okapi over token lists, one per passage; read-only once built, thread-safe."""

    def __init__(self, docs: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75) -> None:
        if not docs:
            raise ValueError("an index needs at least one passage")
        vocab: dict[str, int] = {}
        term_ids = np.fromiter(
            (vocab.setdefault(t, len(vocab)) for d in docs for t in d), dtype=np.int32
        )
        doc_ids = np.repeat(np.arange(len(docs), dtype=np.int32), [len(d) for d in docs])
        arrays = bm25okapi_arrays(
            StringTable.from_strings(vocab), doc_ids, term_ids, len(docs), k1, b
        )
        self._load(arrays, vocab)

    @classmethod
    def from_arrays(cls, arrays: IndexArrays) -> PassageIndex:
        """An index from stored arrays (checked for consistency: a corrupt cache is refused)."""
        n_terms, n_docs = len(arrays.terms), len(arrays.doc_len)
        if n_docs == 0:
            raise ValueError("an index needs at least one passage")
        if (
            arrays.indptr.shape != (n_terms + 1,)
            or arrays.idf.shape != (n_terms,)
            or arrays.indptr[0] != 0
            or arrays.indptr[-1] != len(arrays.indices)
            or len(arrays.weights) != len(arrays.indices)
            or np.any(np.diff(arrays.indptr) < 0)
            or (
                len(arrays.indices)
                and not 0 <= arrays.indices.min() <= arrays.indices.max() < n_docs
            )
        ):
            raise ValueError("index arrays are inconsistent")
        self = cls.__new__(cls)
        self._load(arrays, None)
        return self

    def _load(self, arrays: IndexArrays, vocab: dict[str, int] | None) -> None:
        self.arrays = arrays
        self.k1 = arrays.k1
        self.b = arrays.b
        self.size = len(arrays.doc_len)
        self.token_count = int(arrays.doc_len.sum())
        self._vocab = (
            vocab if vocab is not None else {t: i for i, t in enumerate(arrays.terms.tolist())}
        )
        self._indptr = arrays.indptr
        self._indices = arrays.indices
        self._weights = arrays.weights
        self._idf = arrays.idf
        self._local = threading.local()  # one score buffer per thread, reused

    # -- lookups ----------------------------------------------------------------------------

    def idf(self, term: str) -> float | None:
        """BM25Okapi's idf of a term (its floor included); None for a term no passage has."""
        col = self._vocab.get(term)
        return None if col is None else float(self._idf[col])

    def contains(self, doc: int, term: str) -> bool:
        """Does passage `doc` have the term (in its text or its context)?"""
        col = self._vocab.get(term)
        if col is None:
            return False
        docs = self._indices[self._indptr[col] : self._indptr[col + 1]]
        at = int(np.searchsorted(docs, doc))
        return at < len(docs) and int(docs[at]) == doc

    def docs_with(self, terms: Iterable[str]) -> np.ndarray:
        """The passages that have any of the terms, in order."""
        cols = self._columns(dict.fromkeys(terms, 1.0))
        if not cols:
            return np.empty(0, dtype=np.int64)
        return np.unique(np.concatenate([self._indices[start:end] for start, end, _ in cols]))

    # -- scoring ----------------------------------------------------------------------------

    def _buffer(self) -> np.ndarray:
        buf = getattr(self._local, "buf", None)
        if buf is None:
            buf = self._local.buf = np.zeros(self.size, dtype=np.float32)
        return buf

    def _columns(self, terms: Mapping[str, float]) -> list[tuple[int, int, float]]:
        cols = []
        for term, weight in terms.items():
            col = self._vocab.get(term) if weight else None
            if col is not None:
                cols.append((int(self._indptr[col]), int(self._indptr[col + 1]), float(weight)))
        return cols

    def _accumulate(self, buf: np.ndarray, cols: list[tuple[int, int, float]]) -> None:
        for start, end, weight in cols:
            idx = self._indices[start:end]
            contrib = self._weights[start:end]
            buf[idx] += contrib if weight == 1.0 else contrib * np.float32(weight)

    def _reset(self, buf: np.ndarray, cols: list[tuple[int, int, float]]) -> None:
        touched = sum(end - start for start, end, _ in cols)
        if touched * 8 > self.size:
            buf.fill(0.0)
        else:
            for start, end, _ in cols:
                buf[self._indices[start:end]] = 0.0

    def scores(self, terms: Mapping[str, float]) -> np.ndarray:
        """Sum over terms of weight * BM25 score of that term, for every passage (float64)."""
        buf = self._buffer()
        cols = self._columns(terms)
        try:
            self._accumulate(buf, cols)
            return buf.astype(np.float64)
        finally:
            self._reset(buf, cols)
