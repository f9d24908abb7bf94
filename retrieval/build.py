"""The build pipeline: report files -> cleaned text -> passages -> tokens.

`process_file` turns one decoded file into a FileEntry (its cleaned text, passages and token
ids); `process_files` does many, in worker processes when there is enough text. Entries are
joined into index segments by retrieval/segment_build.py. Nothing here reads or writes the
cache (retrieval/cache.py does, and calls this).
"""

from __future__ import annotations

import ctypes
import itertools
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .clean import clean_report
from .duplicates import sentence_keys
from .metadata import extract_metadata
from .models import ReportMeta, SourceFile
from .passages import split_passages
from .pdf_layout import passage_pages
from .tokens import Tokenizer
from .words import passage_words

log = logging.getLogger(__name__)

PARALLEL_CHARS = 1_500_000  # below this much text, worker start-up (~1 s each) does not pay


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
    vocab: list[str]  # distinct tokens of this file
    token_ids: np.ndarray  # int32, into vocab, every passage's tokens one after the other
    token_offsets: np.ndarray  # int64 [passages + 1]
    pages: np.ndarray  # int32 [passages, 2]: first and last PDF page; 0 for a file without
    sentences: np.ndarray  # uint64 hashes of its sentences (retrieval/duplicates.py)
    tokenized: bool = False  # made this time (not read from the cache)

    @property
    def paged(self) -> bool:
        """Does the file have page numbers (a PDF)?"""
        return bool(self.pages.any())

    def passage_tokens(self) -> list[list[str]]:
        """Every passage's tokens, as strings (what BM25 indexes for it)."""
        words = [self.vocab[t] for t in self.token_ids.tolist()]
        offsets = self.token_offsets.tolist()
        return [words[a:b] for a, b in itertools.pairwise(offsets)]


def process_file(tokenizer: Tokenizer, source: SourceFile) -> FileEntry:
    """Clean, cut and tokenize one report (what Engine.from_dir did per file)."""
    text = clean_report(source.text, markup=source.markup)
    found = split_passages(source.name, text, dict(source.headings))
    meta = extract_metadata(text, source.name) if found else ReportMeta()
    warning = None if found else f"{source.name}: no report text after cleaning, skipped"
    vocab: dict[str, int] = {}
    sections: dict[tuple[str, ...], int] = {}
    token_ids: list[int] = []
    offsets = [0]
    section_idx = []
    for p in found:
        section_idx.append(sections.setdefault(p.section, len(sections)))
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
        vocab=list(vocab),
        token_ids=np.array(token_ids, dtype=np.int32),
        token_offsets=np.array(offsets, dtype=np.int64),
        pages=_pages(source, text, [p.span for p in found]),
        sentences=sentence_keys(text) if found else np.zeros(0, dtype=np.uint64),
    )


def _pages(source: SourceFile, text: str, spans: list[tuple[int, int]]) -> np.ndarray:
    """First and last page of each passage (zeros for a report without pages)."""
    if not source.pages:
        return np.zeros((len(spans), 2), dtype=np.int32)
    found = passage_pages(source.text, source.pages, text, spans)
    return np.array(found, dtype=np.int32).reshape(len(spans), 2)


# -- tokenizing many files --------------------------------------------------------------------

_worker_tokenizer: Tokenizer | None = None
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_WATCH_SECONDS = 0.5


def _die_with_parent(parent: int) -> None:
    """End this worker when the process that started it ends, even by SIGKILL.

    On Linux the kernel sends SIGKILL when the parent goes (prctl PR_SET_PDEATHSIG); a
    thread watching os.getppid() covers other systems and a parent gone before the prctl.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError) as exc:
            log.debug("prctl(PR_SET_PDEATHSIG) unavailable: %s", exc)
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="govqa-parent-watch", daemon=True).start()


def _init_worker(user_dict: str, stop_words: frozenset[str], parent: int) -> None:
    global _worker_tokenizer
    _die_with_parent(parent)
    tokenizer = Tokenizer(Path(user_dict))
    tokenizer.stop_words = stop_words
    tokenizer.warm_up()  # jieba's dictionary, once per worker
    _worker_tokenizer = tokenizer


def _process_in_worker(source: SourceFile) -> FileEntry:
    assert _worker_tokenizer is not None
    return process_file(_worker_tokenizer, source)


Progress = Callable[[int, int], None]  # (files done, files to do), after each file


def process_files(
    tokenizer: Tokenizer,
    sources: Sequence[SourceFile],
    on_done: Callable[[FileEntry], None] = lambda e: None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> list[FileEntry]:
    """Process files, in worker processes (one per core) when there is enough text.

    `progress`, if given, is called with (0, total) first and (done, total) after each file;
    the shells draw it (the core never writes to the terminal).
    """
    chars = sum(len(s.text) for s in sources)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    entries: dict[str, FileEntry] = {}
    total = len(sources)

    def finished(entry: FileEntry) -> None:
        entries[entry.name] = entry
        on_done(entry)
        if progress is not None:
            progress(len(entries), total)

    if progress is not None and total:
        progress(0, total)
    parallel = workers > 1 and len(sources) > 1 and chars >= PARALLEL_CHARS
    if parallel and type(tokenizer) is Tokenizer:
        try:
            for entry in _process_parallel(tokenizer, sources, workers):
                finished(entry)
        except (OSError, RuntimeError) as exc:  # no processes here: do it in this one
            log.warning("parallel tokenizing failed (%s); tokenizing in one process", exc)
    for source in sources:
        if source.name not in entries:
            finished(process_file(tokenizer, source))
    return [entries[s.name] for s in sources]


def _process_parallel(
    tokenizer: Tokenizer, sources: Sequence[SourceFile], workers: int
) -> Iterable[FileEntry]:
    """jieba is pure Python: processes, not threads. Spawned (not forked) so that a process
    with threads running is safe; each worker loads jieba's dictionary once."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("spawn")
    init = (str(tokenizer._user_dict), tokenizer.stop_words, os.getpid())
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=init
    ) as pool:
        # Big files first, so that no worker is left with a big one at the end.
        order = sorted(sources, key=lambda s: -len(s.text))
        futures = [pool.submit(_process_in_worker, s) for s in order]
        for future in as_completed(futures):
            yield future.result()
