"""Index segments: a batch of reports with their passages and postings, written once as .npy
files and mapped into memory when read, so that every process serving them shares one copy.

A segment holds, for its reports: the cleaned texts (UTF-8), each report's sentence hashes
(retrieval/duplicates.py), every passage's columns (report, span, paragraph, section, glossary,
pages, id) and the postings of its passages: per term, the passages that have it (ascending)
and how often (tf), columns ordered by a 64-bit hash of the term so that a term is found by
binary search without a dictionary in memory. No BM25 weight is stored: idf and the average
passage length are corpus-wide (retrieval/index.py computes them over every segment), so a
segment stays valid whatever is added to or removed from the corpus beside it.
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

SEGMENT_FORMAT = 2
_PASSAGE_COLUMNS = ("report", "start", "end", "paragraph", "section", "glossary", "pages",
                    "byte_start", "byte_end")  # fmt: skip
_ARRAYS = (*_PASSAGE_COLUMNS, "doc_len", "id_bytes", "id_offsets", "text_bytes", "text_offsets",
           "sentences", "sentence_offsets", "term_hash", "term_bytes", "term_offsets", "indptr",
           "indices", "tf")  # fmt: skip


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
    pages of a mapping it touched would. The texts are read this way, and the postings."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as f:
            version = np.lib.format.read_magic(f)
            if version == (1, 0):
                np.lib.format.read_array_header_1_0(f)
            else:
                np.lib.format.read_array_header_2_0(f)
            self._offset = f.tell()  # where the array's bytes start
        self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        weakref.finalize(self, os.close, self._fd)

    def read(self, start: int, end: int) -> bytes:
        data = os.pread(self._fd, end - start, self._offset + start)
        if len(data) != end - start:
            raise ValueError("a segment's file is truncated")
        return data


class Column:
    """A 1-d array of a segment's file (the postings' indices or tf), read by slices with
    os.pread: `column[a:b]` is a new read-only array of those values, as the mapping's slice
    would be, but the mapping's pages are never touched (at 300k passages one worker that
    touched them held ~120 MB of postings in its PSS; the copies cost ~0.5 ms an answer)."""

    def __init__(self, path: Path, mapped: np.ndarray) -> None:
        self._file = TextFile(path)  # keeps the descriptor open while the column lives
        self._fd, self._offset = self._file._fd, self._file._offset
        self._size = len(mapped)
        self.dtype = mapped.dtype
        self._width = mapped.dtype.itemsize

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, at: slice) -> np.ndarray:
        start, stop, step = at.indices(self._size)
        if step != 1:
            raise IndexError("a column is read by contiguous slices")
        size = max(stop - start, 0) * self._width
        data = os.pread(self._fd, size, self._offset + start * self._width)
        if len(data) != size:
            raise ValueError("a segment's file is truncated")
        return np.frombuffer(data, self.dtype)


class Segment:
    """One segment's arrays: mapped from its folder, or in memory for an uncached corpus."""

    def __init__(
        self,
        seg_id: str,
        reports: Sequence[SegmentReport],
        sections: Sequence[tuple[str, ...]],
        arrays: dict[str, np.ndarray],
        texts: TextFile | None = None,
        postings: tuple[Column, Column] | None = None,
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
            or (n_terms and a["indptr"][-1] != len(a["indices"]))
            or len(a["tf"]) != len(a["indices"])
            or (n and not 0 <= a["report"].min() <= a["report"].max() < len(self.reports))
            or (n and a["section"].max() >= len(self.sections))
        ):  # postings are checked column by column when read (index.py): no pass over all
            raise ValueError(f"segment {seg_id} is inconsistent")
        self.size = n
        self.term_hash = a["term_hash"]
        self.indptr = a["indptr"]
        # Read by slices (index.py, topk.py): from the files when opened from a folder.
        self.indices: np.ndarray | Column = a["indices"] if postings is None else postings[0]
        self.tf: np.ndarray | Column = a["tf"] if postings is None else postings[1]
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
            for name in _ARRAYS:
                np.save(tmp / f"{name}.npy", np.ascontiguousarray(self.arrays[name]))
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
        arrays = {n: np.asarray(np.load(folder / f"{n}.npy", mmap_mode="r")) for n in _ARRAYS}
        reports = [
            SegmentReport(r["name"], r["digest"], ReportMeta(**r["meta"])) for r in head["reports"]
        ]
        texts = TextFile(folder / "text_bytes.npy")
        if len(arrays["text_offsets"]) and int(arrays["text_offsets"][-1]) > len(
            arrays["text_bytes"]
        ):
            raise ValueError(f"segment {folder.name} is inconsistent")
        postings = (Column(folder / "indices.npy", arrays["indices"]),
                    Column(folder / "tf.npy", arrays["tf"]))  # fmt: skip
        sections = [tuple(s) for s in head["sections"]]
        return cls(head["id"], reports, sections, arrays, texts, postings)


def remove_segment(folder: Path) -> None:
    with contextlib.suppress(OSError):
        shutil.rmtree(folder)
