"""What a cache entry is keyed by: the code, data and libraries that made it, and the files.

A change to any module that turns a report file into passages and tokens (or of the PDF/Word
libraries) changes pipeline_version(), so every entry is made again; a change to the BM25 code
changes the corpus key. Keys are content hashes: a renamed folder or a touched file is no change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path

from .cache_format import FORMAT

HERE = Path(__file__).resolve().parent
# The code and data that turn a report file into passages and tokens (keys of files/*.npz),
# and the code that turns tokens into BM25 arrays (also in the keys of index-*.npz).
PASSAGE_CODE = ("clean.py", "unwrap.py", "html_text.py", "markdown_text.py", "spam.py",
                 "corpus.py", "sections.py", "passages.py", "glossary.py", "metadata.py",
                 "models.py", "words.py", "build.py", "divisions.py", "pdf.py", "pdf_layout.py",
                 "docx_reader.py", "duplicates.py", "word_kinds.py", "data/divisions.tsv",
                 "data/aliases.tsv")  # fmt: skip
_EXTRACTORS = ("pypdfium2", "python-docx")
INDEX_CODE = ("index.py", "duplicates.py", "segment.py", "segment_build.py", "versions.py")


@cache
def _code_version(names: tuple[str, ...]) -> str:
    h = hashlib.sha256(f"format {FORMAT}".encode())
    for name in names:
        path = HERE / name
        h.update(name.encode())
        h.update(path.read_bytes() if path.is_file() else b"-")
    return h.hexdigest()[:16]


@cache
def _extractors() -> str:
    """Versions of the libraries that read PDF and Word files (an upgrade may read them
    differently: their entries are made again)."""
    versions = []
    for dist in _EXTRACTORS:
        try:
            versions.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{dist} -")
    return ";".join(versions)


def pipeline_version() -> str:
    """Changes whenever the passages or tokens made from a file could change."""
    raw = f"{_code_version(PASSAGE_CODE)} {_extractors()}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def index_code_version() -> str:
    """Changes whenever the segments made of the same tokens could change."""
    return _code_version(INDEX_CODE)


def corpus_key(
    files: Iterable[tuple[str, str]], tokenizer_version: str, k1: float, b: float
) -> str:
    h = hashlib.sha256()
    versions = [
        pipeline_version(),
        _code_version(INDEX_CODE),
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
