"""What the corpus folder holds now: each report file's name and content hash.

A file's hash comes from the same bytes that are then parsed (`FileState.data`), so a cache
entry can never pair one version's hash with another version's passages. Files whose size,
mtime and inode match what was recorded last time (`StatRecords`, a JSON file in the cache)
are not read at all; a record is only made when the file did not change while being read
and its mtime is older than the read by a margin (a write in the same clock tick as the read
would otherwise go unnoticed).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import atomic_write_bytes
from .corpus import read_bytes, report_paths

log = logging.getLogger(__name__)

KEEP_BYTES = 64 * 2**20  # bytes held from the scan for the build; beyond, files are re-read
_MARGIN_NS = 2_000_000_000  # a file modified this close to its read is hashed again next time
_STATS_FORMAT = 1


@dataclass(slots=True)
class FileState:
    """One report file: its hash, the bytes hashed (if read this time), or why it is left out."""

    name: str
    path: Path
    digest: str  # sha256 of the bytes; for a file left out, a word saying why
    data: bytes | None = None
    warning: str | None = None


def _stat_key(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ino]


class StatRecords:
    """file name -> (size, mtime, inode, sha256) of one corpus folder, kept between runs."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._old: dict[str, list[Any]] = {}
        self._new: dict[str, list[Any]] = {}
        if path is not None:
            try:
                saved = json.loads(path.read_bytes())
                if saved.get("format") == _STATS_FORMAT:
                    self._old = dict(saved["files"])
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                pass  # none yet, or unreadable: every file is hashed

    @classmethod
    def for_folder(cls, cache_dir: Path | None, folder: Path) -> StatRecords:
        if cache_dir is None:
            return cls(None)
        name = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
        return cls(cache_dir / "stat" / f"{name}.json")

    def digest(self, name: str, st: os.stat_result) -> str | None:
        """The recorded hash of the file, if it has not changed since it was recorded."""
        old = self._old.get(name)
        if isinstance(old, list) and len(old) == 4 and old[:3] == _stat_key(st):
            self._new[name] = old
            return str(old[3])
        return None

    def record(self, name: str, before: os.stat_result, after: os.stat_result, digest: str,
               started_ns: int) -> None:  # fmt: skip
        if _stat_key(before) == _stat_key(after) and after.st_mtime_ns < started_ns - _MARGIN_NS:
            self._new[name] = [*_stat_key(after), digest]

    @property
    def changed(self) -> bool:
        return self._new != self._old

    def save(self) -> None:
        """Write the records of this scan (files gone since are dropped); best effort."""
        if self.path is None or not self.changed:
            return
        data = json.dumps({"format": _STATS_FORMAT, "files": self._new}).encode()
        try:
            atomic_write_bytes(self.path, data, mode=0o644)
            self._old = dict(self._new)
        except OSError as exc:
            log.debug("cannot record file states in %s: %s", self.path, exc)


def read_state(state: FileState, records: StatRecords) -> None:
    """Read the file now: its bytes, and the hash of exactly those bytes."""
    started = time.time_ns()
    try:
        before = state.path.stat()
        data, after = read_bytes(state.path)
    except OSError as exc:
        state.digest, state.data = f"unreadable {exc.errno}", None
        state.warning = f"{state.name}: cannot be read ({exc.strerror})"
        return
    state.digest, state.data, state.warning = hashlib.sha256(data).hexdigest(), data, None
    records.record(state.name, before, after, state.digest, started)


def scan(folder: Path, records: StatRecords, allow_outside_links: bool = False) -> list[FileState]:
    """Every report file of `folder` by name, hashed (or known unchanged from `records`)."""
    paths, skipped = report_paths(folder, allow_outside_links)
    states = [FileState(name, folder / name, "left out", None, w) for name, w in skipped]
    kept = 0
    for path in paths:
        state = FileState(path.name, path, "")
        try:
            known = records.digest(path.name, path.stat())
        except OSError:
            known = None
        if known is not None:
            state.digest = known
        else:
            read_state(state, records)
            if state.data is not None:
                kept += len(state.data)
                if kept > KEEP_BYTES:
                    state.data = None  # read again (and checked) if it must be built
        states.append(state)
    states.sort(key=lambda s: s.name)
    return states
