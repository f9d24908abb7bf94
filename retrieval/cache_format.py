"""The layout of a per-file cache entry (see retrieval/cache.py): npz, numpy arrays plus one
JSON header, nothing that runs code when loaded. (The index itself is in segments and
versions: retrieval/segment.py, retrieval/versions.py.)

`entry_arrays`/`entry_from_arrays`: one processed report file (build.FileEntry). Readers
check what they read (format, key, array sizes) and raise ValueError when it does not fit,
so that a damaged or foreign file is rebuilt rather than served.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from .build import FileEntry
from .index import PassageIndex
from .models import Report, ReportMeta
from .store import PassageTable

FORMAT = 5  # bump when this layout (or a segment's) changes


@dataclass(frozen=True, slots=True)
class Corpus:
    """What the engine is built from."""

    reports: list[Report]
    passages: PassageTable
    index: PassageIndex
    warnings: list[str]
    from_snapshot: bool = False  # a saved index version opened as it was, nothing built
    tokenized: int = 0  # files tokenized this time (the rest came from the cache)


def _header(obj: dict[str, Any]) -> np.ndarray:
    return np.frombuffer(json.dumps(obj, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)


def _read_header(arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    header: dict[str, Any] = json.loads(arrays["header"].tobytes().decode("utf-8"))
    return header


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
        "pages": entry.pages,
        "sentences": entry.sentences,
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
        vocab=list(h["vocab"]),
        token_ids=arrays["token_ids"],
        token_offsets=arrays["token_offsets"],
        pages=arrays["pages"],
        sentences=arrays["sentences"],
    )
    n = len(entry.ids)
    if (
        any(len(a) != n for a in (entry.start, entry.end, entry.paragraph, entry.glossary))
        or entry.pages.shape != (n, 2)
        or len(entry.section_idx) != n
        or len(entry.token_offsets) != n + 1
        or entry.token_offsets[-1] != len(entry.token_ids)
        or (len(entry.token_ids) and entry.token_ids.max() >= len(entry.vocab))
        or (n and entry.section_idx.max() >= len(entry.sections))
    ):
        raise ValueError("cache entry arrays are inconsistent")
    return entry
