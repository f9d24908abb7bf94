"""Index segments: a batch of reports with their passages and postings, written once as .npy
files and mapped into memory when read, so that every process serving them shares one copy.

A segment holds, for its reports: the cleaned texts (UTF-8), each report's sentence hashes
(retrieval/duplicates.py), every passage's columns (report, span, paragraph, section, glossary,
pages, id) and the postings of its passages: per term, the passages that have it (ascending)
and how often (tf), columns ordered by a 64-bit hash of the term so that a term is found by
binary search without a dictionary in memory (on disk a column's passages and counts lie side
by side in one file, retrieval/postings_file.py: one read fetches both). No BM25 weight is
stored: idf and the average passage length are corpus-wide (retrieval/index.py computes them
over every segment), so a segment stays valid whatever is added to or removed from the corpus
beside it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import weakref
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .models import ReportMeta
from .postings_file import PostingsFile, data_offset, interleave

SEGMENT_FORMAT = 3  # 3: the postings in one file, each column's passages then its counts
_PASSAGE_COLUMNS = ("report", "start", "end", "paragraph", "section", "glossary", "pages",
                    "byte_start", "byte_end")  # fmt: skip
_ARRAYS = (*_PASSAGE_COLUMNS, "doc_len", "id_bytes", "id_offsets", "text_bytes", "text_offsets",
           "sentences", "sentence_offsets", "term_hash", "term_bytes", "term_offsets", "indptr",
           "indices", "tf")  # fmt: skip
_MAPPED = _ARRAYS[:-2]  # on disk "indices" and "tf" are one file, postings.npy (postings_file.py)
_SAVED = (*_MAPPED, "postings")


def term_hash(term: str) -> int:
    """A stable 64-bit hash of a term (the order of a segment's columns)."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little")


def term_hashes(terms: Sequence[str]) -> np.ndarray:
    return np.fromiter((term_hash(t) for t in terms), dtype=np.uint64, count=len(terms))


@dataclass(frozen=True, slots=True)
class SegmentReport:
    """A report file of a segment: what it was made from (name and content hash) and its
    metadata."""

    name: str
    digest: str
    meta: ReportMeta


def utf8_table(strings: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """UTF-8 bytes of every string one after the other, and byte offsets."""
    encoded = [s.encode("utf-8") for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


class TextFile:
    """An .npy file read with os.pread at byte offsets of its array: the pages read stay in
    the page cache, shared by every process, and count in no process's own memory (PSS), as
    pages of a mapping it touched would. The texts are read this way (the postings alike:
    postings_file.py)."""

    def __init__(self, path: Path) -> None:
        self._offset = data_offset(path)[0]  # where the array's bytes start
        self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        weakref.finalize(self, os.close, self._fd)

    def read(self, start: int, end: int) -> bytes:
        data = os.pread(self._fd, end - start, self._offset + start)
        if len(data) != end - start:
            raise ValueError("a segment's file is truncated")
        return data


class Segment:
    """One segment's arrays: mapped from its folder, or in memory for an uncached corpus."""

    def __init__(
        self,
        seg_id: str,
        reports: Sequence[SegmentReport],
        sections: Sequence[tuple[str, ...]],
        arrays: dict[str, np.ndarray],
        texts: TextFile | None = None,
        postings: PostingsFile | None = None,
    ) -> None:
        self.id = seg_id
        self._texts = texts  # read from the file, when opened from one
        self.reports = tuple(reports)
        self.sections = tuple(tuple(s) for s in sections)
        self.arrays = arrays
        a = arrays
        n, n_terms = len(a["doc_len"]), len(a["term_hash"])
        if (
            any(len(a[k]) != n for k in _PASSAGE_COLUMNS)
            or a["pages"].shape != (n, 2)
            or len(a["id_offsets"]) != n + 1
            or len(a["text_offsets"]) != len(self.reports) + 1
            or len(a["sentence_offsets"]) != len(self.reports) + 1
            or len(a["term_offsets"]) != n_terms + 1
            or len(a["indptr"]) != n_terms + 1
            or (postings is None and (n_terms and a["indptr"][-1] != len(a["indices"])))
            or (postings is None and len(a["tf"]) != len(a["indices"]))
            or (postings is not None and len(postings) != (int(a["indptr"][-1]) if n_terms else 0))
            or (n and not 0 <= a["report"].min() <= a["report"].max() < len(self.reports))
            or (n and a["section"].max() >= len(self.sections))
        ):  # postings are checked column by column when read (index.py): no pass over all
            raise ValueError(f"segment {seg_id} is inconsistent")
        self.size = n
        self.term_hash = a["term_hash"]
        self.indptr = a["indptr"]
        # Read column by column (index.py, topk.py): from the file when opened from a folder.
        self.file = postings
        bounds = np.searchsorted(a["report"], np.arange(len(self.reports) + 1))
        self.report_bounds = bounds  # report r's passages: [bounds[r], bounds[r + 1])
        self.text = lru_cache(maxsize=16)(self._decode_text)

    # -- reports and passages -------------------------------------------------------------

    def _text_bytes(self, start: int, end: int) -> bytes:
        if self._texts is not None:
            return self._texts.read(start, end)
        return bytes(self.arrays["text_bytes"][start:end])

    def _decode_text(self, r: int) -> str:
        off = self.arrays["text_offsets"]
        return self._text_bytes(int(off[r]), int(off[r + 1])).decode("utf-8")

    def passage_text(self, i: int) -> str:
        """Passage i's text, decoded from its own bytes (not its whole report's)."""
        a = self.arrays
        return self._text_bytes(int(a["byte_start"][i]), int(a["byte_end"][i])).decode("utf-8")

    def passage_id(self, i: int) -> str:
        off = self.arrays["id_offsets"]
        return bytes(self.arrays["id_bytes"][off[i] : off[i + 1]]).decode("utf-8")

    def sentences(self, r: int) -> np.ndarray:
        off = self.arrays["sentence_offsets"]
        return np.asarray(self.arrays["sentences"][off[r] : off[r + 1]])

    def has_pages(self, r: int) -> bool:
        lo, hi = self.report_bounds[r], self.report_bounds[r + 1]
        return bool(np.any(self.arrays["pages"][lo:hi]))

    # -- postings ---------------------------------------------------------------------------

    def term(self, col: int) -> str:
        off = self.arrays["term_offsets"]
        return bytes(self.arrays["term_bytes"][off[col] : off[col + 1]]).decode("utf-8")

    def docs(self, start: int, end: int) -> np.ndarray:
        """The passages (local numbers, ascending) of the column [start, end)."""
        if self.file is None:
            return np.asarray(self.arrays["indices"][start:end])
        return self.file.docs(start, end)

    def part(self, start: int, end: int, a: int, e: int) -> tuple[np.ndarray, np.ndarray]:
        """Postings [a, e) of the column [start, end): their passages and counts."""
        if self.file is None:
            return np.asarray(self.arrays["indices"][a:e]), np.asarray(self.arrays["tf"][a:e])
        return self.file.part(start, end, a, e)

    def postings(self) -> tuple[np.ndarray, np.ndarray]:
        """Every column's passages and counts one after the other (what a merge copies)."""
        if self.file is None:
            return np.asarray(self.arrays["indices"]), np.asarray(self.arrays["tf"])
        return self.file.everything(np.asarray(self.indptr))

    def column(self, term: str, hashed: int) -> tuple[int, int] | None:
        """The postings range [start, end) of a term, or None if no passage here has it."""
        col = int(np.searchsorted(self.term_hash, np.uint64(hashed)))
        while col < len(self.term_hash) and int(self.term_hash[col]) == hashed:
            if self.term(col) == term:  # two terms with one hash are told apart here
                return int(self.indptr[col]), int(self.indptr[col + 1])
            col += 1
        return None

    # -- on disk ----------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Write the segment to `folder` (made whole in a temporary folder, then renamed)."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".tmp"))
        try:
            indices, tf = self.postings()
            arrays = {**self.arrays, "postings": interleave(np.asarray(self.indptr), indices, tf)}
            for name in _SAVED:
                np.save(tmp / f"{name}.npy", np.ascontiguousarray(arrays[name]))
            head = {
                "format": SEGMENT_FORMAT,
                "id": self.id,
                "reports": [
                    {"name": r.name, "digest": r.digest, "meta": asdict(r.meta)}
                    for r in self.reports
                ],
                "sections": self.sections,
            }
            (tmp / "segment.json").write_text(json.dumps(head, ensure_ascii=False), "utf-8")
            for path in (tmp, *tmp.iterdir()):
                os.chmod(path, 0o755 if path.is_dir() else 0o644)  # a cache may be shared
            os.rename(tmp, folder)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    @classmethod
    def open(cls, folder: Path) -> Segment:
        """The segment in `folder`, its arrays mapped read-only; ValueError if damaged."""
        head = json.loads((folder / "segment.json").read_text("utf-8"))
        if head.get("format") != SEGMENT_FORMAT or head.get("id") != folder.name:
            raise ValueError(f"segment {folder.name} is of another format")
        # Plain ndarray views of the maps: slicing a np.memmap makes a memmap each time.
        arrays = {n: np.asarray(np.load(folder / f"{n}.npy", mmap_mode="r")) for n in _MAPPED}
        reports = [
            SegmentReport(r["name"], r["digest"], ReportMeta(**r["meta"])) for r in head["reports"]
        ]
        texts = TextFile(folder / "text_bytes.npy")
        if len(arrays["text_offsets"]) and int(arrays["text_offsets"][-1]) > len(
            arrays["text_bytes"]
        ):
            raise ValueError(f"segment {folder.name} is inconsistent")
        postings = PostingsFile(folder / "postings.npy")  # read by pread, not mapped
        sections = [tuple(s) for s in head["sections"]]
        return cls(head["id"], reports, sections, arrays, texts, postings)


def remove_segment(folder: Path) -> None:
    with contextlib.suppress(OSError):
        shutil.rmtree(folder)
