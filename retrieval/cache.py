"""The persisted index: corpus folder -> reports, passages and BM25 index, cached on disk.

Three kinds of thing in a cache folder, none of which runs code when loaded (a cache folder
can be shared between users):

* ``files/<key>.npz``, one per report file, keyed by its name and content hash, the tokenizer
  version and the version of the code that cleans and cuts reports: its cleaned text,
  metadata, passages and their tokens. Only new or changed files are tokenized again.
* ``segments/<id>/``: batches of reports with their passages and postings as .npy files,
  mapped into memory by every process that serves them (retrieval/segment.py).
* ``versions/<key>/``: one per corpus state, keyed by every file's name and hash plus the
  code versions and the BM25 settings: which segments make the corpus, and its statistics
  (retrieval/versions.py). A warm start opens one and tokenizes nothing; a change makes the
  next version from the last one's unchanged segments plus a segment of what is new.

The layout of a file entry is in retrieval/cache_format.py; the pipeline that builds it is
retrieval/build.py. Everything is written under a temporary name and renamed into place, by
one writer at a time (retrieval/lock.py): readers never see half a file. Anything that cannot
be read back (truncated, corrupt, from another format) is reported in the log, removed and
rebuilt.
"""

from __future__ import annotations

import contextlib
import logging
import os
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np

from . import versions
from .atomic import atomic_writer
from .build import FileEntry, Progress, process_files
from .cache_format import (
    Corpus,
    entry_arrays,
    entry_from_arrays,
)
from .cache_keys import corpus_key, file_key, index_code_version, pipeline_version
from .corpus import source_file
from .duplicates import MIN_SENTENCES, DuplicateCandidate, could_be_copy, drop_duplicates
from .errors import CorpusNotFound, NoReadableReports
from .index import CorpusStats, PassageIndex
from .lock import try_writer_lock, writer_lock
from .models import Report, SourceFile
from .scan import FileState, StatRecords, read_state, scan
from .segment import Segment
from .segment_build import Kept
from .store import PassageTable
from .tokens import Tokenizer

__all__ = [
    "Corpus",
    "cached_entries",
    "corpus_key",
    "file_key",
    "load_corpus",
    "pipeline_version",
    "version_path",
]

log = logging.getLogger(__name__)

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


# -- the whole corpus -------------------------------------------------------------------------


def _open(cache_dir: Path, key: str, k1: float, b: float, writer: bool) -> Corpus | None:
    """Version `key` if there is a good one. Only the writer removes a bad one."""
    try:
        segments, stats, warnings = versions.open_version(cache_dir, key)
        table = PassageTable(segments)
        index = PassageIndex(segments, k1, b, stats, version=key)
    except FileNotFoundError:
        return None
    except _CORRUPT as exc:
        if writer:
            _corrupt_version(cache_dir, key, exc)
        return None
    for line in warnings:  # skipped files are named on every start
        log.warning("%s", line)
    return Corpus(_by_name(table), table, index, warnings, from_snapshot=True)


def _corrupt_version(cache_dir: Path, key: str, exc: BaseException) -> None:
    log.warning("index version %s is unreadable (%s: %s); rebuilding it", key,
                type(exc).__name__, exc)  # fmt: skip
    versions.discard(cache_dir, key)


def load_corpus(
    folder: Path,
    tokenizer: Tokenizer,
    k1: float = 1.5,
    b: float = 0.75,
    cache_dir: Path | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    allow_outside_links: bool = False,
    optimize: bool = False,
) -> Corpus:
    """Reports, passages and index of `folder`, from the cache when nothing changed.

    Without `cache_dir` (or a tokenizer without a version), everything is built in memory.
    With it, a change is an update: segments of unchanged reports are kept, new or changed
    files make a new segment (retrieval/versions.py). `progress` is called with (files
    tokenized, files to tokenize) while building. Links to files outside `folder` are
    skipped unless `allow_outside_links`. `optimize` merges the segments into as few as
    their size bound allows.
    """
    if not folder.is_dir():
        raise CorpusNotFound(str(folder))
    version = getattr(tokenizer, "version", None) if cache_dir is not None else None
    if cache_dir is None or not version:
        states = scan(folder, StatRecords(None), allow_outside_links)
        entries, warnings = _entries(folder, states, StatRecords(None), tokenizer, None, None,
                                     workers, progress)  # fmt: skip
        name = corpus_key(((s.name, s.digest) for s in states), version or "-", k1, b)
        return _in_memory(folder, entries, warnings, k1, b, name)
    records = StatRecords.for_folder(cache_dir, folder)
    states = scan(folder, records, allow_outside_links)

    def key() -> str:
        return corpus_key(((s.name, s.digest) for s in states), version, k1, b)

    corpus = None if optimize else _open(cache_dir, key(), k1, b, writer=False)
    if corpus is not None:
        if records.changed:
            with try_writer_lock(cache_dir) as locked:
                if locked:
                    records.save()
        return corpus
    with writer_lock(cache_dir):
        corpus = None if optimize else _open(cache_dir, key(), k1, b, writer=True)
        if corpus is None:
            corpus = _update(folder, states, records, tokenizer, k1, b, cache_dir, version,
                             workers, progress, optimize, key)  # fmt: skip
        records.save()
    return corpus


def _in_memory(
    folder: Path, entries: list[FileEntry], warnings: list[str], k1: float, b: float, key: str
) -> Corpus:
    entries, copies = drop_duplicates(entries)
    for line in copies:
        warnings.append(line)
        log.warning("%s", line)
    if not any(e.ids for e in entries):
        raise NoReadableReports(str(folder), tuple(warnings))
    segments = versions.new_segments([e for e in entries if e.ids])
    table = PassageTable(segments)
    index = PassageIndex(segments, k1, b, version=key)
    return Corpus(_by_name(table), table, index, warnings, tokenized=len(entries))


def _update(
    folder: Path,
    states: list[FileState],
    records: StatRecords,
    tokenizer: Tokenizer,
    k1: float,
    b: float,
    cache_dir: Path,
    version: str,
    workers: int | None,
    progress: Progress | None,
    optimize: bool,
    key: Callable[[], str],
) -> Corpus:
    """The next version of `folder`'s index: the last version's segments whose reports did
    not change are kept, the rest is made from cached entries or tokenized."""
    code = f"{pipeline_version()} {index_code_version()} {version}"
    old: list[Segment] = []
    last = versions.latest_key(cache_dir, folder, code)
    if last is not None:
        try:
            old = versions.open_version(cache_dir, last)[0]
        except (FileNotFoundError, *_CORRUPT):
            old = []
    live = {s.name: s.digest for s in states if s.warning is None}
    whole, partial, carried = versions.carry_over(old, live)
    todo = [s for s in states if s.name not in carried]
    fresh, warnings = _entries(folder, todo, records, tokenizer, cache_dir, version, workers,
                               progress)  # fmt: skip
    tokenized = sum(1 for e in fresh if getattr(e, "tokenized", False))
    whole, partial, fresh, copies = _without_copies(whole, partial, fresh)
    for line in copies:
        warnings.append(line)
        log.warning("%s", line)
    parts: list[Kept | FileEntry] = [*partial, *(e for e in fresh if e.ids)]
    parts.sort(key=_first_name)
    segments = [*whole, *versions.new_segments(parts, code)]
    if not segments:
        raise NoReadableReports(str(folder), tuple(warnings))
    segments = versions.merged(segments, 1 if optimize else versions.MAX_SEGMENTS, code)
    stats = CorpusStats.of(segments)
    name = key()  # the hashes of the bytes it was built from (a file may have changed)
    try:
        versions.write_version(cache_dir, name, segments, stats, warnings, optimize, code)
        versions.set_latest(cache_dir, folder, code, name)
        versions.prune(cache_dir)
    except OSError as exc:
        log.warning("cannot write the index cache in %s (%s); going on without it", cache_dir,
                    exc)  # fmt: skip
    table = PassageTable(segments)
    index = PassageIndex(segments, k1, b, stats, version=name)
    return Corpus(_by_name(table), table, index, warnings, tokenized=tokenized)


def _by_name(table: PassageTable) -> list[Report]:
    """Reports in file name order, whatever segment each is in."""
    return sorted(table.reports, key=lambda r: r.name)


def _first_name(part: Kept | FileEntry) -> str:
    return part.name if isinstance(part, FileEntry) else part.segment.reports[part.reports[0]].name


def _without_copies(
    whole: list[Segment], partial: list[Kept], fresh: list[FileEntry]
) -> tuple[list[Segment], list[Kept], list[FileEntry], list[str]]:
    """Copies of a report dropped over old and new reports alike (duplicates.py); a kept
    segment that held a dropped copy is rewritten without it. Old reports were compared
    with each other when they were indexed: only those sharing a sentence with a new one
    are compared again."""
    if not fresh:
        return whole, partial, fresh, []
    new_keys = np.unique(np.concatenate([e.sentences for e in fresh]))
    sizes = [len(e.sentences) for e in fresh if len(e.sentences) >= MIN_SENTENCES]
    shortest = min(sizes) if sizes else None
    items: list[DuplicateCandidate | FileEntry] = []
    olds = [(seg, r) for seg in whole for r in range(len(seg.reports))]
    olds += [(kept.segment, r) for kept in partial for r in kept.reports]
    for seg, r in olds:
        if could_be_copy(seg.sentences(r), new_keys, shortest):
            items.append(DuplicateCandidate.of(seg, r))
    items.extend(fresh)
    kept_items, copies = drop_duplicates(items)
    if not copies:
        return whole, partial, fresh, []
    dropped = {i.name for i in items} - {i.name for i in kept_items}
    alive = {rep.name for seg, r in olds for rep in (seg.reports[r],)} | {e.name for e in fresh}
    alive -= dropped
    out_whole: list[Segment] = []
    out_partial: list[Kept] = []
    for seg in whole:
        keep = tuple(r for r, rep in enumerate(seg.reports) if rep.name in alive)
        if len(keep) == len(seg.reports):
            out_whole.append(seg)
        elif keep:
            out_partial.append(Kept(seg, keep))
    for kept in partial:
        keep = tuple(r for r in kept.reports if kept.segment.reports[r].name in alive)
        if keep:
            out_partial.append(Kept(kept.segment, keep))
    return out_whole, out_partial, [e for e in fresh if e.name in alive], copies


def _entries(
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
    except _CORRUPT as exc:
        _corrupt(path, exc)
        return None


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):  # a read-only shared cache
        os.utime(path)


# -- for tools (the benchmark) ----------------------------------------------------------------


def version_path(
    folder: Path, cache_dir: Path, tokenizer_version: str, k1: float = 1.5, b: float = 0.75
) -> Path:
    """Where the index version of `folder` as it is now lives (or would live) in `cache_dir`."""
    states = scan(folder, StatRecords.for_folder(cache_dir, folder))
    key = corpus_key(((s.name, s.digest) for s in states), tokenizer_version, k1, b)
    return versions.version_dir(cache_dir, key)


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
