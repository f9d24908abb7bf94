"""Per-file cache entries (`files/<key>.npz`): one processed report file each, keyed by its
name and content hash, the tokenizer version and the version of the code that cleans and cuts
reports (retrieval/cache_keys.py; layout in retrieval/cache_format.py). Only new or changed
files are decoded and tokenized again; a damaged entry is logged, removed and made again.
"""

from __future__ import annotations

import contextlib
import logging
import zipfile
import zlib
from pathlib import Path

import numpy as np

from .atomic import atomic_writer
from .build import FileEntry, Progress, process_files
from .cache_format import entry_arrays, entry_from_arrays
from .cache_keys import file_key
from .corpus import source_file
from .models import SourceFile
from .scan import FileState, StatRecords, read_state, scan
from .tokens import Tokenizer

log = logging.getLogger("retrieval.cache")  # one name for everything the cache logs

CORRUPT = (OSError, ValueError, KeyError, IndexError, TypeError, EOFError, zipfile.BadZipFile,
            zlib.error, UnicodeDecodeError)  # fmt: skip


# -- cache files ------------------------------------------------------------------------------


def _save(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write an npz atomically (readable by everyone: the cache may be shared)."""
    with atomic_writer(path, mode=0o644) as f:
        # numpy's stubs read **arrays as its allow_pickle keyword; every value is an array.
        np.savez(f, **arrays)  # type: ignore[arg-type]


def _try_save(path: Path, arrays: dict[str, np.ndarray]) -> None:
    try:
        _save(path, arrays)
    except OSError as exc:
        log.warning("cannot write the index cache %s (%s); going on without it", path, exc)


def _load(path: Path) -> dict[str, np.ndarray] | None:
    """Every array of an npz, or None if there is no such file."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            return {name: npz[name] for name in npz.files}
    except FileNotFoundError:
        return None


def _corrupt(path: Path, exc: BaseException) -> None:
    log.warning(
        "index cache %s is unreadable (%s: %s); rebuilding it", path, type(exc).__name__, exc
    )
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def file_entries(
    folder: Path,
    states: list[FileState],
    records: StatRecords,
    tokenizer: Tokenizer,
    cache_dir: Path | None,
    version: str | None,
    workers: int | None,
    progress: Progress | None,
) -> tuple[list[FileEntry], list[str]]:
    """Every file from its cache entry, or decoded and processed from the bytes it was hashed
    from; skipped files become warnings. Updates `states` with the hash of each file read."""
    warnings: list[str] = []
    entries: dict[str, FileEntry] = {}
    todo: list[SourceFile] = []
    order: list[str] = []
    for state in states:
        entry = None
        if state.warning is None and cache_dir is not None and version:
            entry = _cached_entry(cache_dir, state.name, state.digest, version)
        if entry is None and state.warning is None and state.data is None:
            read_state(state, records)  # not kept from the scan: read (and hashed) now
        if entry is None and state.data is not None:
            found = source_file(state.name, state.data)
            state.data = None
            if isinstance(found, str):
                state.warning = found
            else:
                todo.append(found)
        if state.warning is not None:
            warnings.append(state.warning)
            continue
        order.append(state.name)
        if entry is not None:
            entries[state.name] = entry
    for line in warnings:
        log.warning("%s", line)

    def store(entry: FileEntry) -> None:
        entry.tokenized = True
        if cache_dir is not None and version:
            path = _entry_path(cache_dir, entry.name, entry.digest, version)
            _try_save(path, entry_arrays(entry))

    for entry in process_files(tokenizer, todo, store, workers, progress):
        entries[entry.name] = entry
    ordered = [entries[name] for name in order]
    for entry in ordered:
        if entry.warning:
            warnings.append(entry.warning)
            log.warning("%s", entry.warning)
    return ordered, warnings


def _entry_path(cache_dir: Path, name: str, digest: str, version: str) -> Path:
    return cache_dir / "files" / f"{file_key(name, digest, version)}.npz"


def _cached_entry(cache_dir: Path, name: str, digest: str, version: str) -> FileEntry | None:
    path = _entry_path(cache_dir, name, digest, version)
    try:
        arrays = _load(path)
        return None if arrays is None else entry_from_arrays(arrays, name, digest)
    except CORRUPT as exc:
        _corrupt(path, exc)
        return None


def cached_entries(folder: Path, cache_dir: Path, tokenizer_version: str) -> list[FileEntry]:
    """The cached entry of every report file of `folder`; KeyError names one not cached."""
    entries = []
    for state in scan(folder, StatRecords.for_folder(cache_dir, folder)):
        if state.warning is not None:
            continue
        entry = _cached_entry(cache_dir, state.name, state.digest, tokenizer_version)
        if entry is None:
            raise KeyError(f"no cache entry for {state.name}")
        entries.append(entry)
    return entries
