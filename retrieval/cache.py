"""The persisted index: corpus folder -> reports, passages and BM25 index, cached on disk.

Two kinds of cache file, both npz (numpy arrays plus one JSON header; nothing that runs code
when loaded, so a cache folder can be shared between users):

* ``files/<key>.npz``, one per report file, keyed by its name and content hash, the tokenizer
  version and the version of the code that cleans and cuts reports: its cleaned text,
  metadata, passages and their tokens. Only new or changed files are tokenized again.
* ``index-<key>.npz``, one per corpus state, keyed by every file's name and hash plus the same
  versions and the BM25 settings (k1, b): everything the engine needs, so a warm start reads
  one file and tokenizes nothing.

Files are written to a temporary name and renamed into place, so two processes starting
together never see half a file. A file that cannot be read back (truncated, corrupt, from
another format) is reported in the log, removed and rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import IO, Any

import numpy as np

from .clean import clean_report
from .corpus import REPORT_SUFFIXES, read_corpus
from .errors import CorpusNotFound, NoReadableReports
from .index import IndexArrays, PassageIndex, StringTable, bm25okapi_arrays
from .metadata import extract_metadata
from .models import Report, ReportMeta, SourceFile
from .passages import split_passages
from .store import PassageTable
from .tokens import Tokenizer
from .words import passage_words

log = logging.getLogger(__name__)

FORMAT = 2  # bump when the layout of the cache files (this module, store.py) changes
KEEP_SNAPSHOTS = 2  # index-*.npz files kept (most recently used first)
PARALLEL_CHARS = 1_500_000  # below this much text, worker start-up (~1 s each) does not pay
PROGRESS_CHARS = 300_000  # show a progress bar (on a terminal) above this much text
_HERE = Path(__file__).resolve().parent
# The code and data that turn a report file into passages and tokens (keys of files/*.npz),
# and the code that turns tokens into BM25 arrays (also in the keys of index-*.npz).
_PASSAGE_CODE = ("clean.py", "corpus.py", "sections.py", "passages.py", "metadata.py",
                 "models.py", "words.py", "divisions.py", "data/divisions.tsv",
                 "data/aliases.tsv")  # fmt: skip
_INDEX_CODE = ("index.py",)
_CORRUPT = (OSError, ValueError, KeyError, IndexError, TypeError, EOFError, zipfile.BadZipFile,
            zlib.error, UnicodeDecodeError)  # fmt: skip


@cache
def _code_version(names: tuple[str, ...]) -> str:
    h = hashlib.sha256(f"format {FORMAT}".encode())
    for name in names:
        path = _HERE / name
        h.update(name.encode())
        h.update(path.read_bytes() if path.is_file() else b"-")
    return h.hexdigest()[:16]


def pipeline_version() -> str:
    """Changes whenever the passages or tokens made from a file could change."""
    return _code_version(_PASSAGE_CODE)


# -- one report file --------------------------------------------------------------------------


@dataclass(slots=True)
class FileEntry:
    """One report file, cleaned, cut into passages and tokenized (or skipped, with a reason)."""

    name: str
    digest: str
    warning: str | None
    text: str
    meta: ReportMeta
    ids: list[str]  # passage ids
    start: np.ndarray  # int32 span start per passage
    end: np.ndarray  # int32 span end
    paragraph: np.ndarray  # int32
    sections: list[tuple[str, ...]]  # distinct section paths of this file
    section_idx: np.ndarray  # int32, into sections
    glossary: np.ndarray  # bool
    overrides: dict[int, str]  # passage texts that are not a slice of the report (none today)
    vocab: list[str]  # distinct tokens of this file
    token_ids: np.ndarray  # int32, into vocab, every passage's tokens one after the other
    token_offsets: np.ndarray  # int64 [passages + 1]


def process_file(tokenizer: Tokenizer, source: SourceFile) -> FileEntry:
    """Clean, cut and tokenize one report (what Engine.from_dir did per file)."""
    text = clean_report(source.text)
    found = split_passages(source.name, text)
    meta = extract_metadata(text, source.name) if found else ReportMeta()
    warning = None if found else f"{source.name}: no report text after cleaning, skipped"
    vocab: dict[str, int] = {}
    sections: dict[tuple[str, ...], int] = {}
    token_ids: list[int] = []
    offsets = [0]
    section_idx = []
    overrides = {}
    for i, p in enumerate(found):
        section_idx.append(sections.setdefault(p.section, len(sections)))
        if text[p.span[0] : p.span[1]] != p.text:
            overrides[i] = p.text
        words = passage_words(tokenizer, p.text, p.section, meta)
        token_ids.extend(vocab.setdefault(w, len(vocab)) for w in words)
        offsets.append(len(token_ids))
    return FileEntry(
        name=source.name,
        digest=source.digest,
        warning=warning,
        text=text if found else "",
        meta=meta,
        ids=[p.id for p in found],
        start=np.array([p.span[0] for p in found], dtype=np.int32),
        end=np.array([p.span[1] for p in found], dtype=np.int32),
        paragraph=np.array([p.paragraph for p in found], dtype=np.int32),
        sections=list(sections),
        section_idx=np.array(section_idx, dtype=np.int32),
        glossary=np.array([p.glossary for p in found], dtype=bool),
        overrides=overrides,
        vocab=list(vocab),
        token_ids=np.array(token_ids, dtype=np.int32),
        token_offsets=np.array(offsets, dtype=np.int64),
    )


def _header(obj: dict[str, Any]) -> np.ndarray:
    return np.frombuffer(json.dumps(obj, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)


def _read_header(arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    return json.loads(arrays["header"].tobytes().decode("utf-8"))


def _text_array(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def entry_arrays(entry: FileEntry) -> dict[str, np.ndarray]:
    header = {
        "format": FORMAT,
        "name": entry.name,
        "digest": entry.digest,
        "warning": entry.warning,
        "meta": asdict(entry.meta),
        "ids": entry.ids,
        "sections": entry.sections,
        "overrides": {str(k): v for k, v in entry.overrides.items()},
        "vocab": entry.vocab,
    }
    return {
        "header": _header(header),
        "text": _text_array(entry.text),
        "start": entry.start,
        "end": entry.end,
        "paragraph": entry.paragraph,
        "section_idx": entry.section_idx,
        "glossary": entry.glossary,
        "token_ids": entry.token_ids,
        "token_offsets": entry.token_offsets,
    }


def entry_from_arrays(arrays: dict[str, np.ndarray], name: str, digest: str) -> FileEntry:
    h = _read_header(arrays)
    if h["format"] != FORMAT or h["name"] != name or h["digest"] != digest:
        raise ValueError("cache entry is for another file or format")
    entry = FileEntry(
        name=name,
        digest=digest,
        warning=h["warning"],
        text=arrays["text"].tobytes().decode("utf-8"),
        meta=ReportMeta(**h["meta"]),
        ids=list(h["ids"]),
        start=arrays["start"],
        end=arrays["end"],
        paragraph=arrays["paragraph"],
        sections=[tuple(s) for s in h["sections"]],
        section_idx=arrays["section_idx"],
        glossary=arrays["glossary"],
        overrides={int(k): v for k, v in h["overrides"].items()},
        vocab=list(h["vocab"]),
        token_ids=arrays["token_ids"],
        token_offsets=arrays["token_offsets"],
    )
    n = len(entry.ids)
    if (
        any(len(a) != n for a in (entry.start, entry.end, entry.paragraph, entry.glossary))
        or len(entry.section_idx) != n
        or len(entry.token_offsets) != n + 1
        or entry.token_offsets[-1] != len(entry.token_ids)
        or (len(entry.token_ids) and entry.token_ids.max() >= len(entry.vocab))
        or (n and entry.section_idx.max() >= len(entry.sections))
    ):
        raise ValueError("cache entry arrays are inconsistent")
    return entry


# -- cache files ------------------------------------------------------------------------------


def _save(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write an npz atomically: a temporary file in the same folder, then os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **arrays)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the cache may be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


# -- progress ---------------------------------------------------------------------------------


class Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(
        self, total: int, label: str, stream: IO[str] | None = None, show: bool | None = None
    ) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.show = self.stream.isatty() if show is None else show
        self._started = time.perf_counter()
        self._drawn = 0.0

    def update(self, n: int) -> None:
        self.done += n
        now = time.perf_counter()
        if self.show and (now - self._drawn > 0.2 or self.done >= self.total):
            self._drawn = now
            share = min(self.done / self.total, 1.0)
            bar = "#" * int(share * 30)
            elapsed = now - self._started
            eta = elapsed / share - elapsed if share > 0 else 0.0
            self.stream.write(f"\r{self.label} [{bar:<30}] {share:4.0%} 剩余约 {eta:4.0f} 秒 ")
            self.stream.flush()

    def close(self) -> None:
        if self.show:
            self.stream.write("\n")
            self.stream.flush()


# -- tokenizing many files --------------------------------------------------------------------

_worker_tokenizer: Tokenizer | None = None


def _init_worker(user_dict: str, stop_words: frozenset[str]) -> None:
    global _worker_tokenizer
    tokenizer = Tokenizer(Path(user_dict))
    tokenizer.stop_words = stop_words
    tokenizer.warm_up()  # jieba's dictionary, once per worker
    _worker_tokenizer = tokenizer


def _process_in_worker(source: SourceFile) -> FileEntry:
    assert _worker_tokenizer is not None
    return process_file(_worker_tokenizer, source)


def process_files(
    tokenizer: Tokenizer,
    sources: Sequence[SourceFile],
    on_done: Callable[[FileEntry], None] = lambda e: None,
    workers: int | None = None,
    show_progress: bool | None = None,
) -> list[FileEntry]:
    """Process files, in worker processes (one per core) when there is enough text."""
    chars = sum(len(s.text) for s in sources)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    progress = Progress(chars, "建立索引", show=show_progress if chars >= PROGRESS_CHARS else False)
    entries: dict[str, FileEntry] = {}
    sizes = {s.name: len(s.text) for s in sources}
    try:
        parallel = workers > 1 and len(sources) > 1 and chars >= PARALLEL_CHARS
        if parallel and type(tokenizer) is Tokenizer:
            try:
                for entry in _process_parallel(tokenizer, sources, workers):
                    entries[entry.name] = entry
                    on_done(entry)
                    progress.update(sizes[entry.name])
            except (OSError, RuntimeError) as exc:  # no processes here: do it in this one
                log.warning("parallel tokenizing failed (%s); tokenizing in one process", exc)
        for source in sources:
            if source.name not in entries:
                entry = process_file(tokenizer, source)
                entries[entry.name] = entry
                on_done(entry)
                progress.update(len(source.text))
    finally:
        progress.close()
    return [entries[s.name] for s in sources]


def _process_parallel(
    tokenizer: Tokenizer, sources: Sequence[SourceFile], workers: int
) -> Iterable[FileEntry]:
    """jieba is pure Python: processes, not threads. Spawned (not forked) so that a process
    with threads running is safe; each worker loads jieba's dictionary once."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("spawn")
    init = (str(tokenizer._user_dict), tokenizer.stop_words)
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=init
    ) as pool:
        # Big files first, so that no worker is left with a big one at the end.
        order = sorted(sources, key=lambda s: -len(s.text))
        futures = [pool.submit(_process_in_worker, s) for s in order]
        for future in as_completed(futures):
            yield future.result()


# -- the whole corpus -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Corpus:
    """What the engine is built from."""

    reports: list[Report]
    passages: PassageTable
    index: PassageIndex
    warnings: list[str]
    from_snapshot: bool = False  # read whole from index-<key>.npz
    tokenized: int = 0  # files tokenized this time (the rest came from the cache)


def _scan(folder: Path) -> list[tuple[str, str]]:
    """(name, sha256) of every file read_corpus would look at, without decoding them."""
    out = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.suffix.lower() not in REPORT_SUFFIXES:
            continue
        try:
            out.append((path.name, hashlib.sha256(path.read_bytes()).hexdigest()))
        except OSError as exc:
            out.append((path.name, f"unreadable {exc.errno}"))
    return out


def corpus_key(
    files: Iterable[tuple[str, str]], tokenizer_version: str, k1: float, b: float
) -> str:
    h = hashlib.sha256()
    versions = [
        pipeline_version(),
        _code_version(_INDEX_CODE),
        tokenizer_version,
        repr(k1),
        repr(b),
    ]
    h.update(json.dumps(versions).encode())
    for name, digest in files:
        h.update(f"\n{name}\t{digest}".encode())
    return h.hexdigest()[:32]


def file_key(name: str, digest: str, tokenizer_version: str) -> str:
    raw = json.dumps([pipeline_version(), tokenizer_version, name, digest])
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def assemble(
    entries: Sequence[FileEntry], k1: float, b: float
) -> tuple[list[Report], PassageTable, IndexArrays]:
    """Join processed files into one passage table and one BM25 index (global vocabulary)."""
    reports: list[Report] = []
    vocab: dict[str, int] = {}
    sections: dict[tuple[str, ...], int] = {}
    ids: list[str] = []
    overrides: dict[int, str] = {}
    cols: dict[str, list[np.ndarray]] = {
        k: []
        for k in ("report", "start", "end", "paragraph", "section", "glossary", "terms", "lengths")
    }
    for entry in entries:
        if entry.warning is not None:
            continue
        r = len(reports)
        reports.append(Report(entry.name, entry.meta, entry.text))
        base = len(ids)
        n = len(entry.ids)
        ids.extend(entry.ids)
        overrides.update({base + i: t for i, t in entry.overrides.items()})
        to_global = np.fromiter(
            (vocab.setdefault(w, len(vocab)) for w in entry.vocab),
            dtype=np.int32,
            count=len(entry.vocab),
        )
        sec = np.array(
            [sections.setdefault(s, len(sections)) for s in entry.sections], dtype=np.int32
        )
        cols["report"].append(np.full(n, r, dtype=np.int32))
        cols["start"].append(entry.start)
        cols["end"].append(entry.end)
        cols["paragraph"].append(entry.paragraph)
        cols["section"].append(sec[entry.section_idx] if n else np.zeros(0, dtype=np.int32))
        cols["glossary"].append(entry.glossary)
        cols["terms"].append(
            to_global[entry.token_ids] if len(entry.token_ids) else np.zeros(0, dtype=np.int32)
        )
        cols["lengths"].append(np.diff(entry.token_offsets))
    if not ids:
        raise NoReadableReports("no passages")
    cat = {k: np.concatenate(v) for k, v in cols.items()}
    table = PassageTable(
        reports, cat["report"], cat["start"], cat["end"], cat["paragraph"], cat["section"],
        cat["glossary"], list(sections), StringTable.from_strings(ids), overrides,
    )  # fmt: skip
    doc_ids = np.repeat(np.arange(len(ids), dtype=np.int32), cat["lengths"])
    arrays = bm25okapi_arrays(
        StringTable.from_strings(vocab), doc_ids, cat["terms"], len(ids), k1, b
    )
    return reports, table, arrays


def snapshot_arrays(key: str, corpus: Corpus) -> dict[str, np.ndarray]:
    table, ix = corpus.passages, corpus.index.arrays
    texts, text_offsets = StringTable.from_strings(r.text for r in corpus.reports).to_arrays()
    ids, id_offsets = table.ids.to_arrays()
    terms, term_offsets = ix.terms.to_arrays()
    header = {
        "format": FORMAT,
        "key": key,
        "reports": [{"name": r.name, "meta": asdict(r.meta)} for r in corpus.reports],
        "warnings": corpus.warnings,
        "sections": table.sections,
        "overrides": {str(k): v for k, v in table._texts.items()},
        "k1": ix.k1,
        "b": ix.b,
    }
    return {
        "header": _header(header),
        "texts": texts, "text_offsets": text_offsets, "ids": ids, "id_offsets": id_offsets,
        "report_idx": table.report_idx, "start": table.start, "end": table.end,
        "paragraph": table.paragraph, "section_idx": table.section_idx, "glossary": table.glossary,
        "terms": terms, "term_offsets": term_offsets, "indptr": ix.indptr, "indices": ix.indices,
        "weights": ix.weights, "idf": ix.idf, "doc_len": ix.doc_len,
    }  # fmt: skip


def corpus_from_snapshot(arrays: dict[str, np.ndarray], key: str) -> Corpus:
    h = _read_header(arrays)
    if h["format"] != FORMAT or h["key"] != key:
        raise ValueError("snapshot is for another corpus or format")
    texts = StringTable.from_arrays(arrays["texts"], arrays["text_offsets"]).tolist()
    if len(texts) != len(h["reports"]):
        raise ValueError("snapshot report texts do not match its reports")
    reports = [
        Report(r["name"], ReportMeta(**r["meta"]), text)
        for r, text in zip(h["reports"], texts, strict=True)
    ]
    table = PassageTable(
        reports, arrays["report_idx"], arrays["start"], arrays["end"], arrays["paragraph"],
        arrays["section_idx"], arrays["glossary"], [tuple(s) for s in h["sections"]],
        StringTable.from_arrays(arrays["ids"], arrays["id_offsets"]),
        {int(k): v for k, v in h["overrides"].items()},
    )  # fmt: skip
    ix = IndexArrays(
        StringTable.from_arrays(arrays["terms"], arrays["term_offsets"]),
        arrays["indptr"], arrays["indices"], arrays["weights"], arrays["idf"], arrays["doc_len"],
        float(h["k1"]), float(h["b"]),
    )  # fmt: skip
    if len(ix.doc_len) != len(table):
        raise ValueError("snapshot index and passages differ in size")
    return Corpus(
        reports, table, PassageIndex.from_arrays(ix), list(h["warnings"]), from_snapshot=True
    )


def load_corpus(
    folder: Path,
    tokenizer: Tokenizer,
    k1: float = 1.5,
    b: float = 0.75,
    cache_dir: Path | None = None,
    show_progress: bool | None = None,
    workers: int | None = None,
) -> Corpus:
    """Reports, passages and index of `folder`, from the cache when nothing changed.

    Without `cache_dir` (or a tokenizer without a version), everything is built in memory.
    """
    if not folder.is_dir():
        raise CorpusNotFound(str(folder))
    version = getattr(tokenizer, "version", None) if cache_dir is not None else None
    key = snapshot = None
    if cache_dir is not None and version:
        key = corpus_key(_scan(folder), version, k1, b)
        snapshot = cache_dir / f"index-{key}.npz"
        try:
            arrays = _load(snapshot)
            if arrays is not None:
                corpus = corpus_from_snapshot(arrays, key)
                _touch(snapshot)
                for line in corpus.warnings:  # skipped files are named on every start
                    log.warning("%s", line)
                return corpus
        except _CORRUPT as exc:
            _corrupt(snapshot, exc)

    files = read_corpus(folder)
    entries: dict[str, FileEntry] = {}
    todo: list[SourceFile] = []
    for source in files.files:
        entry = _cached_entry(cache_dir, source, version) if version else None
        if entry is None:
            todo.append(source)
        else:
            entries[source.name] = entry

    def store(entry: FileEntry) -> None:
        if cache_dir is not None and version:
            _try_save(
                _entry_path(cache_dir, entry.name, entry.digest, version), entry_arrays(entry)
            )

    for entry in process_files(tokenizer, todo, store, workers, show_progress):
        entries[entry.name] = entry
    ordered = [entries[s.name] for s in files.files]
    warnings = list(files.warnings)
    for entry in ordered:
        if entry.warning:
            warnings.append(entry.warning)
            log.warning("%s", entry.warning)
    try:
        reports, table, arrays = assemble(ordered, k1, b)
    except NoReadableReports:
        raise NoReadableReports(str(folder)) from None
    corpus = Corpus(reports, table, PassageIndex.from_arrays(arrays), warnings, tokenized=len(todo))
    if snapshot is not None and key is not None and cache_dir is not None:
        _try_save(snapshot, snapshot_arrays(key, corpus))
        _prune(cache_dir, "index-*.npz", KEEP_SNAPSHOTS)
    return corpus


def _entry_path(cache_dir: Path, name: str, digest: str, version: str) -> Path:
    return cache_dir / "files" / f"{file_key(name, digest, version)}.npz"


def _cached_entry(cache_dir: Path | None, source: SourceFile, version: str) -> FileEntry | None:
    if cache_dir is None:
        return None
    path = _entry_path(cache_dir, source.name, source.digest, version)
    try:
        arrays = _load(path)
        return None if arrays is None else entry_from_arrays(arrays, source.name, source.digest)
    except _CORRUPT as exc:
        _corrupt(path, exc)
        return None


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):  # a read-only shared cache
        os.utime(path)
