"""The last terms' postings read for BM25's k best, kept with their saturation (per index).

retrieval/topk.py adds every posting of a question's terms: for each term, a read per segment
of its passages and one of its counts (two `pread`s each: ~22 a term over 11 segments), then
tf·(k1+1)/(tf+norm) at each posting. Questions share many of their words (the places asked
about, 多少, 增长, 今年): the passages (int64) and saturations (float64, before the term's
weight) of the terms read last are kept, up to BUDGET bytes an index, the least recently used
dropped first. The values are the ones computed when read, so scores stay the same bit for bit.

This is no cache of questions: a term is kept for any question that asks it. In the engine at
300k passages, over the bench's questions, the share of postings found kept is 0.61 in the
first pass and 0.51 in the next two (16 MB: 0.36, 0.35, 0.35): what is found comes from words
other questions asked, not from a question asked again. An LRU simulation at 64 MB gave 0.70
in the first pass and 0.80 later (repeats would count there). The budget is private memory in
each serving process: at 32 MB each further worker cost 82-87 MB at 300k (target 60) and one
worker's PSS 248 MB (target 250); at 8 MB, 57.6 MB and 226 MB, so it is 8 MB.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .index import PassageIndex

BUDGET = 8 << 20  # bytes of passages and saturations kept per index (memory: see above)
LARGEST = BUDGET // 8  # a term above this is not kept (it would push out most of the others)

Saturated = tuple[np.ndarray, np.ndarray]  # a term's passages (ascending) and saturations


class KeptTerms:
    """The saturated postings of the terms read last, by their columns; thread-safe."""

    def __init__(self, budget: int = BUDGET, largest: int = LARGEST) -> None:
        self._budget, self._largest = budget, largest
        self._kept: OrderedDict[Hashable, Saturated] = OrderedDict()
        self._used = 0
        self._lock = threading.Lock()

    def peek(self, key: Hashable) -> Saturated | None:
        """The kept value of `key` if it is kept (counted as used), else None: nothing made."""
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def get(self, key: Hashable, make: Callable[[], Saturated]) -> Saturated:
        """The kept value of `key`, else `make()`'s (kept read-only, if small enough)."""
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                return found
        docs, values = make()
        size = docs.nbytes + values.nbytes
        if size > self._largest:
            return docs, values
        docs.setflags(write=False)
        values.setflags(write=False)
        with self._lock:
            if key not in self._kept:
                self._kept[key] = (docs, values)
                self._used += size
            while self._used > self._budget:
                _, (old_docs, old_values) = self._kept.popitem(last=False)
                self._used -= old_docs.nbytes + old_values.nbytes
        return docs, values


_BY_INDEX: weakref.WeakKeyDictionary[PassageIndex, KeptTerms] = weakref.WeakKeyDictionary()
_BY_INDEX_LOCK = threading.Lock()


def kept_terms(index: PassageIndex) -> KeptTerms:
    """The kept terms of an index (made on first use, dropped with the index)."""
    with _BY_INDEX_LOCK:
        kept = _BY_INDEX.get(index)
        if kept is None:
            kept = _BY_INDEX[index] = KeptTerms()
        return kept
