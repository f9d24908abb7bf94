"""Making a segment: from newly processed report files, from reports kept out of older
segments (a merge, or a segment rewritten without a report that changed or went), or both.

Kept reports are copied from their segment's arrays, postings included: nothing is
tokenized again. Term frequencies are summed by scipy's compressed-matrix construction (C++,
linear time); columns are laid out in the order of their terms' hashes (see segment.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .build import FileEntry
from .models import ReportMeta
from .segment import Segment, SegmentReport, term_hashes, utf8_table

_TF_MAX = np.iinfo(np.uint16).max


@dataclass(frozen=True, slots=True)
class Kept:
    """Reports (local numbers, ascending) carried over from an older segment."""

    segment: Segment
    reports: tuple[int, ...]


Part = FileEntry | Kept


def part_size(part: Part) -> int:
    """Passages of a part."""
    if isinstance(part, FileEntry):
        return len(part.ids)
    b = part.segment.report_bounds
    return int(sum(b[r + 1] - b[r] for r in part.reports))


def segment_id(parts: Sequence[Part], code: str = "") -> str:
    """A name for the segment made of `parts` by the code versions `code`: a hash of both
    (the same files cut or tokenized by other code make another segment)."""
    h = hashlib.sha256(f"{code}\n".encode())
    for part in parts:
        reports = (
            [(part.name, part.digest)]
            if isinstance(part, FileEntry)
            else [
                (part.segment.reports[r].name, part.segment.reports[r].digest) for r in part.reports
            ]
        )
        for name, digest in reports:
            h.update(f"{name}\t{digest}\n".encode())
    return h.hexdigest()[:24]


class _Builder:
    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.sections: dict[tuple[str, ...], int] = {}
        self.reports: list[SegmentReport] = []
        self.texts: list[str] = []
        self.sentences: list[np.ndarray] = []
        self.ids: list[str] = []
        names = ("report", "start", "end", "paragraph", "section", "glossary", "pages", "doc_len")
        self.cols: dict[str, list[np.ndarray]] = {k: [] for k in names}
        self.doc: list[np.ndarray] = []
        self.term: list[np.ndarray] = []
        self.tf: list[np.ndarray] = []
        self.size = 0

    def add_entry(self, e: FileEntry) -> None:
        n = len(e.ids)
        self._report(SegmentReport(e.name, e.digest, e.meta), e.text, e.sentences)
        section_map = np.array([self._section(s) for s in e.sections], dtype=np.int32)
        lengths = np.diff(e.token_offsets)
        self._columns(
            n, e.start, e.end, e.paragraph,
            section_map[e.section_idx] if n else np.zeros(0, dtype=np.int32),
            e.glossary, e.pages.reshape(n, 2), lengths,
        )  # fmt: skip
        self.ids.extend(e.ids)
        to_global = np.fromiter(
            (self._word(w) for w in e.vocab), dtype=np.int64, count=len(e.vocab)
        )
        self.doc.append(self.size + np.repeat(np.arange(n, dtype=np.int64), lengths))
        self.term.append(to_global[e.token_ids] if len(e.token_ids) else np.zeros(0, np.int64))
        self.tf.append(np.ones(len(e.token_ids), dtype=np.int64))
        self.size += n

    def add_kept(self, part: Kept) -> None:
        seg, a = part.segment, part.segment.arrays
        mask = np.zeros(seg.size, dtype=bool)
        for r in part.reports:
            lo, hi = int(seg.report_bounds[r]), int(seg.report_bounds[r + 1])
            mask[lo:hi] = True
            self._report(seg.reports[r], seg.text(r), seg.sentences(r))
            self.ids.extend(seg.passage_id(i) for i in range(lo, hi))
        section_map = np.array([self._section(s) for s in seg.sections], dtype=np.int32)
        report_map = np.full(len(seg.reports), -1, dtype=np.int32)
        report_map[list(part.reports)] = np.arange(len(part.reports), dtype=np.int32)
        n = int(mask.sum())
        first = len(self.reports) - len(part.reports)
        self.cols["report"].append(first + report_map[a["report"][mask]])
        self._columns(
            n, a["start"][mask], a["end"][mask], a["paragraph"][mask],
            section_map[a["section"][mask]] if n else np.zeros(0, dtype=np.int32),
            a["glossary"][mask], a["pages"][mask], a["doc_len"][mask], report=False,
        )  # fmt: skip
        renumber = self.size + np.cumsum(mask) - 1
        term_of = np.repeat(np.arange(len(seg.indptr) - 1), np.diff(seg.indptr))
        indices, tf = seg.postings()
        keep = mask[indices]
        to_global = np.fromiter(
            (self._word(seg.term(c)) for c in range(len(seg.indptr) - 1)),
            dtype=np.int64,
            count=len(seg.indptr) - 1,
        )
        self.doc.append(renumber[indices[keep]])
        self.term.append(to_global[term_of[keep]])
        self.tf.append(np.asarray(tf[keep], dtype=np.int64))
        self.size += n

    def _report(self, report: SegmentReport, text: str, sentences: np.ndarray) -> None:
        self.reports.append(report)
        self.texts.append(text)
        self.sentences.append(np.asarray(sentences, dtype=np.uint64))

    def _section(self, section: tuple[str, ...]) -> int:
        return self.sections.setdefault(tuple(section), len(self.sections))

    def _word(self, word: str) -> int:
        return self.vocab.setdefault(word, len(self.vocab))

    def _columns(self, n: int, start: np.ndarray, end: np.ndarray, paragraph: np.ndarray,
                 section: np.ndarray, glossary: np.ndarray, pages: np.ndarray,
                 doc_len: np.ndarray, report: bool = True) -> None:  # fmt: skip
        if report:
            self.cols["report"].append(np.full(n, len(self.reports) - 1, dtype=np.int32))
        for key, values, dtype in (
            ("start", start, np.int32), ("end", end, np.int32), ("paragraph", paragraph, np.int32),
            ("section", section, np.int32), ("glossary", glossary, np.bool_),
            ("pages", pages, np.int32), ("doc_len", doc_len, np.int32),
        ):  # fmt: skip
            self.cols[key].append(np.asarray(values, dtype=dtype))

    def segment(self, seg_id: str) -> Segment:
        # build time only: importing scipy costs ~0.1 s; it ships no type stubs.
        from scipy.sparse import coo_matrix

        cat = {k: np.concatenate(v) if v else np.zeros(0, np.int32) for k, v in self.cols.items()}
        cat["pages"] = cat["pages"].reshape(self.size, 2)
        doc = np.concatenate(self.doc) if self.doc else np.zeros(0, np.int64)
        term = np.concatenate(self.term) if self.term else np.zeros(0, np.int64)
        tf = np.concatenate(self.tf) if self.tf else np.zeros(0, np.int64)
        words = list(self.vocab)
        present = np.bincount(term, minlength=len(words)) > 0
        hashes = term_hashes(words)
        order = np.array([t for t in np.argsort(hashes, kind="stable") if present[t]], np.int64)
        column = np.full(len(words), -1, dtype=np.int64)
        column[order] = np.arange(len(order))
        counts = coo_matrix(
            (tf, (doc, column[term])), shape=(self.size, len(order)), dtype=np.int64
        ).tocsc()
        counts.sum_duplicates()  # also sorts the passages of each column
        id_bytes, id_offsets = utf8_table(self.ids)
        text_bytes, text_offsets = utf8_table(self.texts)
        cat["byte_start"], cat["byte_end"] = _byte_spans(
            self.texts, text_offsets, cat["report"], cat["start"], cat["end"]
        )
        term_bytes, term_offsets = utf8_table([words[t] for t in order])
        sentence_offsets = np.zeros(len(self.sentences) + 1, dtype=np.int64)
        np.cumsum([len(s) for s in self.sentences], out=sentence_offsets[1:])
        arrays = {
            **cat,
            "id_bytes": id_bytes, "id_offsets": id_offsets,
            "text_bytes": text_bytes, "text_offsets": text_offsets,
            "sentences": (np.concatenate(self.sentences) if self.sentences
                          else np.zeros(0, np.uint64)),
            "sentence_offsets": sentence_offsets,
            "term_hash": hashes[order] if len(order) else np.zeros(0, np.uint64),
            "term_bytes": term_bytes, "term_offsets": term_offsets,
            "indptr": counts.indptr.astype(np.int64),
            "indices": counts.indices.astype(np.int32),
            "tf": np.minimum(counts.data, _TF_MAX).astype(np.uint16),
        }  # fmt: skip
        return Segment(seg_id, self.reports, list(self.sections), arrays)


def _byte_spans(
    texts: Sequence[str], offsets: np.ndarray, report: np.ndarray, start: np.ndarray,
    end: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Every passage's span in the segment's UTF-8 bytes, from its character span."""
    byte_start = np.zeros(len(report), dtype=np.int64)
    byte_end = np.zeros(len(report), dtype=np.int64)
    for r, text in enumerate(texts):
        rows = np.flatnonzero(report == r)
        if not rows.size:
            continue
        cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        width = 1 + (cp >= 0x80).astype(np.int64) + (cp >= 0x800) + (cp >= 0x10000)
        cum = np.concatenate(([0], np.cumsum(width)))
        byte_start[rows] = offsets[r] + cum[start[rows]]
        byte_end[rows] = offsets[r] + cum[end[rows]]
    return byte_start, byte_end


def build_segment(parts: Sequence[Part], code: str = "") -> Segment:
    """One segment of `parts` (new files and kept reports), in that order; `code` names the
    code versions that made them (part of the segment's id)."""
    builder = _Builder()
    for part in parts:
        if isinstance(part, FileEntry):
            builder.add_entry(part)
        else:
            builder.add_kept(part)
    return builder.segment(segment_id(parts, code))


def token_entry(docs: Sequence[Sequence[str]], name: str = "tokens") -> FileEntry:
    """A report of bare token lists, one per passage (no text): for tests and tools."""
    vocab: dict[str, int] = {}
    token_ids = np.fromiter((vocab.setdefault(t, len(vocab)) for d in docs for t in d), np.int32)
    n = len(docs)
    zeros = np.zeros(n, dtype=np.int32)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum([len(d) for d in docs], out=offsets[1:])
    return FileEntry(
        name=name, digest=name, warning=None, text="", meta=ReportMeta(),
        ids=[f"{name}#{i}" for i in range(n)], start=zeros, end=zeros, paragraph=zeros,
        sections=[()], section_idx=zeros, glossary=np.zeros(n, dtype=bool), vocab=list(vocab),
        token_ids=token_ids, token_offsets=offsets, pages=np.zeros((n, 2), dtype=np.int32),
        sentences=np.zeros(0, dtype=np.uint64),
    )  # fmt: skip


def token_segment(docs: Sequence[Sequence[str]]) -> Segment:
    """A segment of one report of bare token lists: for tests and tools."""
    return build_segment([token_entry(docs)])
