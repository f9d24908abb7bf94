"""A sliding-window rate limit per key, shared by the Telegram bot and the web API."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable


class SlidingWindow:
    """At most `limit` events per `window` seconds per key. Thread-safe; memory follows the
    keys active within the window (idle ones are forgotten once a window has passed)."""

    def __init__(
        self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._events: dict[Hashable, deque[float]] = {}
        self._lock = threading.Lock()
        self._swept = clock()

    def check(self, key: Hashable) -> int:
        """Count one event for `key`: 0 if under the limit, else the seconds to wait."""
        now = self._clock()
        with self._lock:
            if now - self._swept > self.window:
                self._forget_idle(now)
            events = self._events.setdefault(key, deque())
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) < self.limit:
                events.append(now)
                return 0
            return max(1, math.ceil(events[0] + self.window - now))

    def forget_idle(self) -> None:
        """Drop keys with no event inside the window now."""
        with self._lock:
            self._forget_idle(self._clock())

    def keys(self) -> set[Hashable]:
        with self._lock:
            return set(self._events)

    def _forget_idle(self, now: float) -> None:
        cutoff = now - self.window
        for key in [k for k, ev in self._events.items() if not ev or ev[-1] <= cutoff]:
            del self._events[key]
        self._swept = now
