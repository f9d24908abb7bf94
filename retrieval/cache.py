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

File entries are read and made by retrieval/file_entries.py (layout in cache_format.py,
pipeline in build.py). Everything is written under a temporary name and renamed into place, by
one writer at a time (retrieval/lock.py): readers never see half a file. Anything that cannot
be read back (truncated, corrupt, from another format) is reported in the log, removed and
rebuilt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from . import versions
from .build import FileEntry, Progress
from .cache_format import Corpus
from .cache_keys import corpus_key, file_key, index_code_version, pipeline_version
from .corpus_stats import CorpusStats
from .duplicates import drop_duplicates
from .errors import CorpusNotFound, NoReadableReports
from .file_entries import CORRUPT, cached_entries, file_entries
from .index import PassageIndex
from .lock import try_writer_lock, writer_lock
from .scan import FileState, StatRecords, scan
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


def _open(cache_dir: Path, key: str, k1: float, b: float, writer: bool) -> Corpus | None:
    """Version `key` if there is a good one. Only the writer removes a bad one."""
    try:
        segments, stats, warnings = versions.open_version(cache_dir, key)
        corpus = _corpus(segments, stats, k1, b, key, warnings, from_snapshot=True)
    except FileNotFoundError:
        return None
    except CORRUPT as exc:
        if writer:
            _corrupt_version(cache_dir, key, exc)
        return None
    for line in warnings:  # skipped files are named on every start
        log.warning("%s", line)
    return corpus


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
        entries, warnings = file_entries(folder, states, StatRecords(None), tokenizer, None, None,
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
    stats = CorpusStats.of(segments)
    return _corpus(segments, stats, k1, b, key, warnings, tokenized=len(entries))


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
        except (FileNotFoundError, *CORRUPT):
            old = []
    live = {s.name: s.digest for s in states if s.warning is None}
    whole, partial, carried = versions.carry_over(old, live)
    todo = [s for s in states if s.name not in carried]
    fresh, warnings = file_entries(folder, todo, records, tokenizer, cache_dir, version, workers,
                               progress)  # fmt: skip
    tokenized = sum(1 for e in fresh if getattr(e, "tokenized", False))
    whole, partial, fresh, copies = versions.without_copies(whole, partial, fresh)
    for line in copies:
        warnings.append(line)
        log.warning("%s", line)
    parts: list[Kept | FileEntry] = [*partial, *(e for e in fresh if e.ids)]
    parts.sort(key=versions.first_name)
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
    return _corpus(segments, stats, k1, b, name, warnings, tokenized=tokenized)


def _corpus(
    segments: list[Segment],
    stats: CorpusStats,
    k1: float,
    b: float,
    key: str,
    warnings: list[str],
    from_snapshot: bool = False,
    tokenized: int = 0,
) -> Corpus:
    """What the engine serves of `segments`; reports in file name order, whatever segment
    each is in."""
    table = PassageTable(segments)
    index = PassageIndex(segments, k1, b, stats, version=key)
    reports = sorted(table.reports, key=lambda r: r.name)
    return Corpus(reports, table, index, warnings, from_snapshot, tokenized)


def version_path(
    folder: Path, cache_dir: Path, tokenizer_version: str, k1: float = 1.5, b: float = 0.75
) -> Path:
    """Where the index version of `folder` as it is now lives (or would live) in `cache_dir`."""
    states = scan(folder, StatRecords.for_folder(cache_dir, folder))
    key = corpus_key(((s.name, s.digest) for s in states), tokenizer_version, k1, b)
    return versions.version_dir(cache_dir, key)
