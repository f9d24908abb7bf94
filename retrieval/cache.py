"""The persisted index: corpus folder -> reports, passages and BM25 index, cached on disk.

Two kinds of cache file, both npz (numpy arrays plus one JSON header; nothing that runs code
when loaded, so a cache folder can be shared between users):

* ``files/<key>.npz``, one per report file, keyed by its name and content hash, the tokenizer
  version and the version of the code that cleans and cuts reports: its cleaned text,
  metadata, passages and their tokens. Only new or changed files are tokenized again.
* ``index-<key>.npz``, one per corpus state, keyed by every file's name and hash plus the same
  versions and the BM25 settings (k1, b): everything the engine needs, so a warm start reads
  one file and tokenizes nothing.

The layout of both is in retrieval/cache_format.py; the pipeline that builds what goes into
them is retrieval/build.py. Files are written to a temporary name and renamed into place
(retrieval/atomic.py), so two processes starting together never see half a file. A file
that cannot be read back (truncated, corrupt, from another format) is reported in the log,
removed and rebuilt.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
import zipfile
import zlib
from pathlib import Path

import numpy as np

from .atomic import atomic_writer
from .build import FileEntry, Progress, assemble, process_files
from .cache_format import (
    Corpus,
    corpus_from_snapshot,
    entry_arrays,
    entry_from_arrays,
    snapshot_arrays,
)
from .cache_keys import corpus_key, file_key, pipeline_version
from .corpus import source_file
from .duplicates import drop_duplicates
from .errors import CorpusNotFound, NoReadableReports
from .index import PassageIndex
from .lock import try_writer_lock, writer_lock
from .models import SourceFile
from .scan import FileState, StatRecords, read_state, scan
from .tokens import Tokenizer

__all__ = [
    "Corpus",
    "cached_entries",
    "corpus_key",
    "file_key",
    "load_corpus",
    "pipeline_version",
    "snapshot_path",
]

log = logging.getLogger(__name__)

KEEP_SNAPSHOTS = 2  # index-*.npz files kept (most recently used first)
_CORRUPT = (OSError, ValueError, KeyError, IndexError, TypeError, EOFError, zipfile.BadZipFile,
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


def _prune(folder: Path, pattern: str, keep: int, max_tmp_age: float = 3600.0) -> None:
    """Keep the `keep` most recently used files matching `pattern`; drop stale temp files."""
    try:
        found = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in found[keep:]:
            old.unlink(missing_ok=True)
        now = time.time()
        for tmp in folder.glob(".*.tmp"):
            if now - tmp.stat().st_mtime > max_tmp_age:
                tmp.unlink(missing_ok=True)
    except OSError:
        pass


# -- the whole corpus -------------------------------------------------------------------------


def _snapshot(cache_dir: Path, key: str, writer: bool) -> Corpus | None:
    """The snapshot under `key`, if there is a good one. Only the writer removes a bad one."""
    path = cache_dir / f"index-{key}.npz"
    try:
        arrays = _load(path)
        if arrays is None:
            return None
        corpus = corpus_from_snapshot(arrays, key)
    except _CORRUPT as exc:
        if writer:
            _corrupt(path, exc)
        return None
    _touch(path)
    for line in corpus.warnings:  # skipped files are named on every start
        log.warning("%s", line)
    return corpus


def load_corpus(
    folder: Path,
    tokenizer: Tokenizer,
    k1: float = 1.5,
    b: float = 0.75,
    cache_dir: Path | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    allow_outside_links: bool = False,
) -> Corpus:
    """Reports, passages and index of `folder`, from the cache when nothing changed.

    Without `cache_dir` (or a tokenizer without a version), everything is built in memory.
    `progress` is called with (files tokenized, files to tokenize) while building. Links to
    files outside `folder` are skipped unless `allow_outside_links`.
    """
    if not folder.is_dir():
        raise CorpusNotFound(str(folder))
    version = getattr(tokenizer, "version", None) if cache_dir is not None else None
    if cache_dir is None or not version:
        states = scan(folder, StatRecords(None), allow_outside_links)
        return _build(folder, states, StatRecords(None), tokenizer, k1, b, None, None, workers,
                      progress)  # fmt: skip
    records = StatRecords.for_folder(cache_dir, folder)
    states = scan(folder, records, allow_outside_links)

    def key() -> str:
        return corpus_key(((s.name, s.digest) for s in states), version, k1, b)

    corpus = _snapshot(cache_dir, key(), writer=False)
    if corpus is not None:
        if records.changed:
            with try_writer_lock(cache_dir) as locked:
                if locked:
                    records.save()
        return corpus
    with writer_lock(cache_dir):
        corpus = _snapshot(cache_dir, key(), writer=True)  # a writer before us may have made it
        if corpus is None:
            corpus = _build(folder, states, records, tokenizer, k1, b, cache_dir, version,
                            workers, progress)  # fmt: skip
            # Keyed by the hashes of the bytes it was built from (a file may have changed).
            _try_save(cache_dir / f"index-{key()}.npz", snapshot_arrays(key(), corpus))
            _prune(cache_dir, "index-*.npz", KEEP_SNAPSHOTS)
        records.save()
    return corpus


def _build(
    folder: Path,
    states: list[FileState],
    records: StatRecords,
    tokenizer: Tokenizer,
    k1: float,
    b: float,
    cache_dir: Path | None,
    version: str | None,
    workers: int | None,
    progress: Progress | None,
) -> Corpus:
    """Every file from its cache entry, or decoded and processed from the bytes it was hashed
    from; then one index. Updates `states` with the hash of each file read again."""
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
    ordered, copies = drop_duplicates(ordered)
    for line in copies:
        warnings.append(line)
        log.warning("%s", line)
    try:
        reports, table, bm25 = assemble(ordered, k1, b)
    except NoReadableReports:
        raise NoReadableReports(str(folder), tuple(warnings)) from None
    return Corpus(reports, table, PassageIndex.from_arrays(bm25), warnings, tokenized=len(todo))


def _entry_path(cache_dir: Path, name: str, digest: str, version: str) -> Path:
    return cache_dir / "files" / f"{file_key(name, digest, version)}.npz"


def _cached_entry(cache_dir: Path, name: str, digest: str, version: str) -> FileEntry | None:
    path = _entry_path(cache_dir, name, digest, version)
    try:
        arrays = _load(path)
        return None if arrays is None else entry_from_arrays(arrays, name, digest)
    except _CORRUPT as exc:
        _corrupt(path, exc)
        return None


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):  # a read-only shared cache
        os.utime(path)


# -- for tools (the benchmark) ----------------------------------------------------------------


def snapshot_path(
    folder: Path, cache_dir: Path, tokenizer_version: str, k1: float = 1.5, b: float = 0.75
) -> Path:
    """Where the snapshot of `folder` as it is now lives (or would live) in `cache_dir`."""
    states = scan(folder, StatRecords.for_folder(cache_dir, folder))
    key = corpus_key(((s.name, s.digest) for s in states), tokenizer_version, k1, b)
    return cache_dir / f"index-{key}.npz"


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
