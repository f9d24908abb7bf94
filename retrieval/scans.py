"""Scans over every report (compare) keep what they compute apart from the shared caches.

A comparison ranks each report's candidates in turn: at 300k passages ~22k texts folded,
their sentences cut and ~2k Passages made, one report after the other, each asked for once or
twice. Through the shared caches (of the last texts and passages asked for) they pushed out
what the questions asked before had left there: the bench's questions asked right after its
three comparisons took ~1-1.5 ms more each. Within `scanning()` each such cache is a cache of
the scan's own, made on first use and dropped when the scan ends; what is computed is the same.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

_local = threading.local()  # this thread's scan: its caches by owner, or None
_scans = [0]  # scans under way in any thread: none, and no thread's is looked for
_scans_lock = threading.Lock()


@contextmanager
def scanning() -> Iterator[None]:
    """Within it, this thread's scan caches (scan_cache) stand in for the shared ones."""
    if getattr(_local, "caches", None) is not None:  # within a scan already
        yield
        return
    _local.caches = {}
    with _scans_lock:
        _scans[0] += 1
    try:
        yield
    finally:
        _local.caches = None
        with _scans_lock:
            _scans[0] -= 1


def scan_cache(
    owner: Hashable, compute: Callable[..., Any], size: int
) -> Callable[..., Any] | None:
    """Within a scan, its own cache (`size` entries) of `compute` for `owner` (one per shared
    cache it stands in for); None outside a scan: the shared cache is used."""
    if not _scans[0]:  # (asked ~80 times an answer: no thread-local looked up)
        return None
    caches: dict[Hashable, Callable[..., Any]] | None = getattr(_local, "caches", None)
    if caches is None:
        return None
    found = caches.get(owner)
    if found is None:
        found = caches[owner] = lru_cache(maxsize=size)(compute)
    return found
