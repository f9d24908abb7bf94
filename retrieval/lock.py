"""One writer at a time in a cache folder: an flock'd lock file; readers never take it."""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path

LOCK_NAME = "lock"


@contextlib.contextmanager
def writer_lock(cache_dir: Path) -> Iterator[None]:
    """Hold `cache_dir/lock` (flock, exclusive) while writing; wait for another writer.

    A cache folder that cannot hold the lock file (read-only) is written without it: every
    write there fails anyway and is logged. The lock goes with the process if it dies.
    """
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        lock = open(cache_dir / LOCK_NAME, "a+b")  # noqa: SIM115 (held across the yield)
    except OSError:
        yield
        return
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        yield


@contextlib.contextmanager
def try_writer_lock(cache_dir: Path) -> Iterator[bool]:
    """The writer lock if it is free now (True), else nothing (False): for optional writes."""
    try:
        lock = open(cache_dir / LOCK_NAME, "a+b")  # noqa: SIM115 (held across the yield)
    except OSError:
        yield False
        return
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        yield True
