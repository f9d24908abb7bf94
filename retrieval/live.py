"""An engine that follows its corpus folder while serving.

A report added, removed or rewritten is picked up without a restart: the folder is looked at
(names, sizes, modification times; no file is read) at most every `interval` seconds, when a
question comes; if it changed, the next engine is built in a background thread, from the
cache so that only the changed files are read again, while the current engine goes on
answering. The new engine is swapped in with one assignment: a question is answered by one
engine from start to end. Builds are serialised here, and across processes by the cache's
writer lock (retrieval/lock.py), so several workers sharing a cache build each file once.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .engine import Engine
from .errors import GovqaError

log = logging.getLogger(__name__)

Signature = tuple[tuple[str, int, int], ...]


def folder_signature(folder: Path) -> Signature:
    """What the folder holds, cheaply: (name, size, mtime in ns) of every entry; () if gone."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return ()
    out = []
    for entry in entries:
        try:
            st = entry.stat()
        except OSError:
            continue
        out.append((entry.name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(out))


class LiveEngine:
    """Holds the current Engine and builds the next one when the corpus folder changes."""

    def __init__(
        self,
        load: Callable[[], Engine],
        folder: Path,
        interval: float | None = 5.0,
        on_reload: Callable[[Engine], None] | None = None,
        first: Engine | None = None,
    ) -> None:
        self._load = load
        self._folder = folder
        self._interval = interval
        self._on_reload = on_reload
        self._signature = folder_signature(folder)
        self._engine = first if first is not None else load()
        self._checked = time.monotonic()
        self._lock = threading.Lock()  # one build at a time
        self._building: threading.Thread | None = None
        self.last_error: str | None = None  # why the last rebuild failed, if it did

    @property
    def engine(self) -> Engine:
        """The current engine; starts a rebuild in the background if the folder changed
        (looked at no more than every `interval` seconds; never when `interval` is None)."""
        now = time.monotonic()
        if self._interval is not None and now - self._checked >= self._interval:
            self._checked = now
            if folder_signature(self._folder) != self._signature:
                self._start_build()
        return self._engine

    def reload(self) -> Engine:
        """Rebuild now if the folder changed (or was never looked at) and wait for it."""
        self._checked = time.monotonic()
        if folder_signature(self._folder) != self._signature:
            self._start_build()
        building = self._building
        if building is not None:
            building.join()
        return self._engine

    def _start_build(self) -> None:
        with self._lock:
            if self._building is not None and self._building.is_alive():
                return
            self._building = threading.Thread(target=self._build, name="govqa-reload", daemon=True)
            self._building.start()

    def _build(self) -> None:
        signature = folder_signature(self._folder)
        try:
            engine = self._load()
        except GovqaError as exc:  # e.g. the folder now holds no readable report
            self.last_error = f"{type(exc).__name__}: {exc}"
            log.warning(
                "corpus changed but could not be loaded (%s); still serving the last one", exc
            )
            self._signature = signature  # do not retry until it changes again
            return
        self.last_error = None
        old, self._engine = self._engine, engine  # one assignment: readers see one or the other
        self._signature = signature
        log.info("corpus reloaded: %d reports", len(engine.reports))
        if self._on_reload is not None:
            self._on_reload(engine)
        # the old engine's rankings page on no further (Engine.more), nor keep `old` alive
        old.rankings.close()


def current(source: Engine | LiveEngine) -> Engine:
    """The engine to answer with now, from a fixed engine or one that follows its folder."""
    return source.engine if isinstance(source, LiveEngine) else source
