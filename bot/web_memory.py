"""A forked web worker gives the memory its answers freed back to the system once it is idle.

An answer allocates and frees several MB (numpy buffers, texts read and folded); glibc's
malloc keeps freed memory for reuse, spread over one arena per thread that allocated, so a
worker's private memory grows with the threads that answered and stays there. In a forked
worker (`govqa serve --workers N`) that is what each further worker costs: the engine is
shared with the parent. Two measures, both glibc-only (elsewhere nothing happens):

* `one_arena()`: every thread allocates from the same arena (mallopt M_ARENA_MAX = 1);
* `TrimWhenIdle`: an ASGI wrapper counting requests in flight; a thread calls
  `malloc_trim(0)` (1-7 ms) once the worker has been idle for `IDLE` seconds after
  answering, so it never runs between the requests of a burst.

300k bench corpus, after 200 questions a worker: README, Performance.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger("govqa.web")

IDLE = 0.2  # seconds without a request in flight before freed memory is given back
M_ARENA_MAX = -8  # glibc's mallopt parameter


def _libc() -> Any:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def one_arena() -> bool:
    """Threads allocate from one malloc arena; True when glibc took the setting."""
    libc = _libc()
    return bool(libc is not None and libc.mallopt(M_ARENA_MAX, 1) == 1)


def malloc_trim() -> None:
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


class TrimWhenIdle:
    """ASGI wrapper: `trim` runs in a thread once no request has been in flight for `idle`
    seconds since the last one ended (once per idle spell)."""

    def __init__(
        self, app: Any, idle: float = IDLE, trim: Callable[[], None] = malloc_trim
    ) -> None:
        self.app = app
        self.idle = idle
        self.trim = trim
        self.in_flight = 0
        self.ended = 0.0  # monotonic time the last request ended; 0: trimmed since
        self.trims = 0
        self._wake = threading.Event()
        threading.Thread(target=self._run, name="govqa-trim", daemon=True).start()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
            self.ended = time.monotonic()
            self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            while self.ended:
                ended = self.ended
                wait = ended + self.idle - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                    continue
                if self.in_flight:
                    break  # its end wakes this thread again
                if self.ended != ended:
                    continue
                self.ended = 0.0
                try:
                    self.trim()
                    self.trims += 1
                except Exception:
                    log.exception("giving freed memory back failed")
