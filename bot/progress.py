"""A one-line progress bar on stderr for index builds, drawn only on a terminal.

The core reports progress through a callback, (files done, files to do); this draws it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

WIDTH = 30
DELAY = 1.0  # seconds before the first draw: quick builds show nothing
INTERVAL = 0.2  # seconds between draws


class ProgressBar:
    """Callable(done, total); draws "建立索引 [####    ]  40% 剩余约 12 秒" in place."""

    def __init__(self, stream: TextIO, label: str = "建立索引", delay: float = DELAY) -> None:
        self.stream = stream
        self.label = label
        self.delay = delay
        self._started: float | None = None
        self._drawn = 0.0
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if self._started is None or done == 0:
            self._started = now
        elapsed = now - self._started
        finished = total > 0 and done >= total
        if total <= 0 or (elapsed < self.delay and not self._shown):
            return
        if not finished and now - self._drawn < INTERVAL:
            return
        self._drawn = now
        self._shown = True
        share = min(done / total, 1.0)
        bar = "#" * int(share * WIDTH)
        eta = elapsed / share - elapsed if share > 0 else 0.0
        self.stream.write(f"\r{self.label} [{bar:<{WIDTH}}] {share:4.0%} 剩余约 {eta:4.0f} 秒 ")
        if finished:
            self.stream.write("\n")
            self._shown = False
        self.stream.flush()


def terminal_progress(stream: TextIO | None = None) -> Callable[[int, int], None] | None:
    """A ProgressBar on `stream` (stderr) if it is a terminal; None (draw nothing) if not."""
    stream = stream if stream is not None else sys.stderr
    return ProgressBar(stream) if stream.isatty() else None
