"""The layout of the two kinds of cache file (see retrieval/cache.py), both npz: numpy
arrays plus one JSON header, nothing that runs code when loaded.

`entry_arrays`/`entry_from_arrays`: one processed report file (build.FileEntry).
`snapshot_arrays`/`corpus_from_snapshot`: a whole Corpus, everything the engine needs.
Readers check what they read (format, key, array sizes) and raise ValueError when it does
not fit, so that a damaged or foreign file is rebuilt rather than served.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from .build import FileEntry
from .index import IndexArrays, PassageIndex, StringTable
from .models import Report, ReportMeta
from .store import PassageTable

FORMAT = 4  # bump when this layout (or store.py's) changes


@dataclass(frozen=True, slots=True)
class Corpus:
    """What the engine is built from."""

    reports: list[Report]
    passages: PassageTable
    index: PassageIndex
    warnings: list[str]
    from_snapshot: bool = False  # read whole from index-<key>.npz
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
        "k1": ix.k1,
        "b": ix.b,
    }
    return {
        "header": _header(header),
        "texts": texts, "text_offsets": text_offsets, "ids": ids, "id_offsets": id_offsets,
        "report_idx": table.report_idx, "start": table.start, "end": table.end,
        "paragraph": table.paragraph, "section_idx": table.section_idx, "glossary": table.glossary,
        "pages": table.pages,
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
        StringTable.from_arrays(arrays["ids"], arrays["id_offsets"]), arrays["pages"],
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
