"""Compact passage storage: Passage objects made on demand from arrays and report texts.

At 300k passages, one Python object (and one text string) per passage costs hundreds of MB.
A passage's text is a slice of its report's cleaned text, so the table keeps only integers
per passage (report, span, paragraph, section) and the ids in one string; `Passage` values
are built when asked for.
"""

from __future__ import annotations

import bisect
import functools
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import overload

import numpy as np
import numpy.ma  # (imported by np.unique's first call: ~6 ms of an answer, not of the load)

from .fold import fold_each
from .models import Passage, Report
from .scans import scan_cache
from .segment import Segment
from .sentences import KEPT
from .words import passage_context, passage_words

__all__ = ["FoldedTexts", "PassageTable", "Positions", "passage_context", "passage_words"]


class SegmentIds(Sequence[str]):
    """Passage ids read from the segments' mapped bytes when asked for (no string each)."""

    def __init__(self, segments: Sequence[Segment], bases: np.ndarray) -> None:
        self._segments = tuple(segments)
        self._bases = bases.tolist()  # a list: bisect finds a passage's segment in ~0.2 µs
        self._size = int(bases[-1])

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = _checked_index(i, self._size)
        s = bisect.bisect_right(self._bases, i) - 1
        return self._segments[s].passage_id(i - self._bases[s])

    def tolist(self) -> list[str]:
        return [self[i] for i in range(len(self))]


PASSAGES_KEPT = 2048  # Passage objects kept made, most recently asked for first
FOLDED_KEPT = KEPT  # folded passage texts kept, as many as their sentence spans (sentences.py)
SCAN_KEPT = 256  # texts and Passages a scan keeps for itself (compare: a report at a time)
TEXTS_KEPT = 64  # passage texts kept read: asked twice in a row (folded, then a Passage)


class PassageTable(Sequence[Passage]):
    """Every passage of the corpus, in index order, as arrays; read-only, thread-safe."""

    def __init__(self, segments: Sequence[Segment]) -> None:
        """The passages of `segments`, one segment after the other (each segment checked its
        own columns when opened); report texts decoded from the mapped segments when asked
        for. Process-private: the columns concatenated, ~29 bytes a passage."""
        reports: list[Report] = []
        sections: list[tuple[str, ...]] = []
        names = ("report", "start", "end", "paragraph", "section", "glossary", "pages")
        cols: dict[str, list[np.ndarray]] = {k: [] for k in names}
        for seg in segments:
            a = seg.arrays
            cols["report"].append(np.asarray(a["report"]) + len(reports))
            cols["section"].append(np.asarray(a["section"]) + len(sections))
            for key in ("start", "end", "paragraph", "glossary", "pages"):
                cols[key].append(np.asarray(a[key]))
            reports.extend(
                Report(r.name, r.meta, functools.partial(seg.text, n))
                for n, r in enumerate(seg.reports)
            )
            sections.extend(seg.sections)
        cat = {k: np.concatenate(v) for k, v in cols.items()}
        self.reports = tuple(reports)
        self.report_idx = cat["report"].astype(np.int32)
        self.start = cat["start"].astype(np.int32)
        self.end = cat["end"].astype(np.int32)
        self.paragraph = cat["paragraph"].astype(np.int32)
        self.section_idx = cat["section"].astype(np.int32)
        self.glossary = cat["glossary"].astype(bool)
        self.pages = cat["pages"].astype(np.int32).reshape(-1, 2)  # first, last PDF page; 0: none
        self.sections = tuple(sections)
        self._segments = tuple(segments)
        bases = np.cumsum([0, *(s.size for s in segments)])
        self._bases = bases.tolist()  # as in SegmentIds
        self.ids = SegmentIds(segments, bases)
        self._size = len(self.ids)  # asked at every passage looked up: kept, not recounted
        # Passages of a report are contiguous (segments keep them so): report -> [first, last).
        self._ranges = np.searchsorted(self.report_idx, np.arange(len(self.reports) + 1))
        # An answer looks at its ~40 candidates many times (re-ranking, abstention, citing).
        self._recent = functools.lru_cache(maxsize=PASSAGES_KEPT)(self._make)
        self._texts = functools.lru_cache(maxsize=TEXTS_KEPT)(self._read_text)

    def __len__(self) -> int:
        return self._size

    def report_range(self, r: int) -> tuple[int, int]:
        """Report number r's passages: [first, last + 1)."""
        return int(self._ranges[r]), int(self._ranges[r + 1])

    def report_ranges(self, numbers: Sequence[int]) -> list[tuple[int, int]]:
        """report_range of each report number, in one pass (a year's reports: ~550)."""
        at = np.asarray(numbers, dtype=np.int64)
        return list(zip(self._ranges[at].tolist(), self._ranges[at + 1].tolist(), strict=True))

    def text(self, i: int) -> str:
        """Passage i's text, without making a Passage: decoded from its own bytes only (the
        last few kept: the re-ranker folds a candidate's text, then makes its Passage)."""
        text: str = self._texts(int(i))
        return text

    def _read_text(self, i: int) -> str:
        s = bisect.bisect_right(self._bases, i) - 1
        return self._segments[s].passage_text(i - self._bases[s])

    def texts(self, indices: Sequence[int]) -> list[str]:
        """text(i) of each, not kept: a segment's passages read in one piece when they lie
        close together (a report's candidates for a quoted phrase: one read, not ~50), each
        decoded from its own bytes as passage_text decodes it."""
        at = np.asarray(indices, dtype=np.int64)
        if at.size and (int(at.min()) < 0 or int(at.max()) >= self._size):
            raise IndexError("a passage number out of range")
        out = [""] * len(at)
        of_segment = np.searchsorted(np.asarray(self._bases), at, side="right") - 1
        for s in np.unique(of_segment).tolist():
            where = np.flatnonzero(of_segment == s)
            seg, local = self._segments[s], at[where] - self._bases[s]
            starts = seg.arrays["byte_start"][local].astype(np.int64)
            ends = seg.arrays["byte_end"][local].astype(np.int64)
            lo, hi = int(starts.min()), int(ends.max())
            if hi - lo > 2 * int((ends - starts).sum()) + (64 << 10):  # far apart: one by one
                for k, a, e in zip(where.tolist(), starts.tolist(), ends.tolist(), strict=True):
                    out[k] = seg._text_bytes(a, e).decode("utf-8")  # as passage_text reads
                continue
            data = seg._text_bytes(lo, hi)
            for k, a, e in zip(where.tolist(), (starts - lo).tolist(), (ends - lo).tolist(),
                               strict=True):  # fmt: skip
                out[k] = data[a:e].decode("utf-8")
        return out

    def range_of(self, i: int) -> tuple[int, int]:
        """The passages of passage i's report: report_range of its report number."""
        return self.report_range(int(self.report_idx[_checked_index(i, self._size)]))

    def report_of(self, i: int) -> str:
        """Passage i's report (its name), without making a Passage."""
        return self.reports[int(self.report_idx[_checked_index(i, self._size)])].name

    def section(self, i: int) -> tuple[str, ...]:
        """Passage i's section path, without making a Passage (or reading its text)."""
        return self.sections[int(self.section_idx[_checked_index(i, self._size)])]

    def _make(self, i: int) -> Passage:
        s, e = int(self.start[i]), int(self.end[i])
        return Passage(
            id=self.ids[i],
            report=self.reports[self.report_idx[i]].name,
            section=self.sections[self.section_idx[i]],
            paragraph=int(self.paragraph[i]),
            span=(s, e),
            text=self.text(i),
            glossary=bool(self.glossary[i]),
            pages=_pages(int(self.pages[i, 0]), int(self.pages[i, 1])),
        )

    @overload
    def __getitem__(self, i: int) -> Passage: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Passage, ...]: ...
    def __getitem__(self, i: int | slice) -> Passage | tuple[Passage, ...]:
        if isinstance(i, slice):
            return tuple(self._make(j) for j in range(*i.indices(len(self))))
        made = scan_cache(self, self._make, SCAN_KEPT) or self._recent  # scans.py
        return made(_checked_index(i, self._size))

    def __iter__(self) -> Iterator[Passage]:
        """Every passage in order; columns converted once, ~1 µs a passage."""
        names = [r.name for r in self.reports]
        texts = [r.text for r in self.reports]
        columns = zip(
            self.ids.tolist(),
            self.report_idx.tolist(),
            self.start.tolist(),
            self.end.tolist(),
            self.paragraph.tolist(),
            self.section_idx.tolist(),
            self.glossary.tolist(),
            self.pages.tolist(),
            strict=True,
        )
        for pid, r, s, e, paragraph, section, glossary, (first, last) in columns:
            yield Passage(
                id=pid,
                report=names[r],
                section=self.sections[section],
                paragraph=paragraph,
                span=(s, e),
                text=texts[r][s:e],
                glossary=glossary,
                pages=_pages(first, last),
            )

    def section_mask(self, wanted: Callable[[tuple[str, ...]], bool]) -> np.ndarray:
        """Passages whose section path satisfies `wanted` (asked once per distinct section)."""
        hits = np.fromiter((wanted(s) for s in self.sections), dtype=bool, count=len(self.sections))
        return hits[self.section_idx]

    def position(self, passage_id: str) -> int:
        """Index of the passage with this id; KeyError if none."""
        stem = passage_id.rpartition("#")[0]
        if stem:
            for r, report in enumerate(self.reports):
                if report.name.rpartition(".")[0] == stem or report.name == stem:
                    for i in range(*self.report_range(r)):
                        if self.ids[i] == passage_id:
                            return i
        for i in range(len(self)):  # ids of another shape: a full scan
            if self.ids[i] == passage_id:
                return i
        raise KeyError(passage_id)


class Positions(Mapping[str, int]):
    """passage id -> index in the table, looked up on demand (no dict of every id)."""

    def __init__(self, table: PassageTable) -> None:
        self._table = table

    def __getitem__(self, passage_id: str) -> int:
        return self._table.position(passage_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self._table.ids)

    def __len__(self) -> int:
        return len(self._table)


class FoldedTexts(Sequence[str]):
    """Folded passage texts (NFKC, lower case, Simplified), computed for the few asked for."""

    def __init__(
        self, table: PassageTable, fold: Callable[[str], str], cache: int = FOLDED_KEPT
    ) -> None:
        self._table = table
        self._size = len(table)
        self._fold = fold
        self._lock = threading.Lock()
        self._cached = lru_cache(maxsize=cache)(self._compute)

    def _compute(self, i: int) -> str:
        return self._fold(self._table.text(i))

    def each(self, indices: Sequence[int]) -> list[str]:
        """The folded texts of passages `indices`, folded at once and not kept: a scan of
        thousands of candidates for a quoted phrase would push out the re-ranker's texts."""
        return fold_each(self._fold, self._table.texts(indices))

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        kept = scan_cache(self, self._compute, SCAN_KEPT) or self._cached  # scans.py
        folded: str = kept(_checked_index(i, self._size))
        return folded


def _pages(first: int, last: int) -> tuple[int, int] | None:
    return (first, last) if first else None


def _checked_index(i: int, size: int) -> int:
    """A sequence index made non-negative; IndexError when out of range."""
    i = int(i)
    if i < 0:
        i += size
    if not 0 <= i < size:
        raise IndexError(i)
    return i
