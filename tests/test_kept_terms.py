"""The kept terms of BM25's k best (retrieval/kept_terms.py): values as made, read-only,
within the budget, the least recently used dropped first, large terms never kept."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.kept_terms import KeptTerms


def _made(n: int, calls: list[int]) -> tuple[np.ndarray, np.ndarray]:
    calls.append(n)
    return np.arange(n, dtype=np.int64), np.full(n, 0.5)


def test_a_term_is_made_once_and_kept_read_only() -> None:
    kept, calls = KeptTerms(budget=10_000, largest=5_000), []
    docs, values = kept.get("a", lambda: _made(10, calls))
    again = kept.get("a", lambda: _made(10, calls))
    assert calls == [10] and again[0] is docs and again[1] is values
    with pytest.raises(ValueError):
        docs[0] = 1


def test_the_least_recently_used_go_first_and_large_terms_are_not_kept() -> None:
    kept, calls = KeptTerms(budget=16 * 300, largest=16 * 200), []
    kept.get("a", lambda: _made(100, calls))  # 1,600 bytes each
    kept.get("b", lambda: _made(100, calls))
    kept.get("a", lambda: _made(100, calls))  # a used last: b goes when c comes
    kept.get("c", lambda: _made(150, calls))
    kept.get("a", lambda: _made(100, calls))
    kept.get("b", lambda: _made(100, calls))
    assert calls == [100, 100, 150, 100]
    big = kept.get("big", lambda: _made(300, calls))
    assert big[0].flags.writeable  # not kept: the caller's own
    kept.get("big", lambda: _made(300, calls))
    assert calls[-2:] == [300, 300]
