"""Browsing the corpus beside answering: outlines, a report by name, a passage in context, a
report's annexes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .concordance import Concordance, concordance
from .errors import UnknownReport
from .models import OutlineEntry, Passage, Report
from .question import numeral
from .regions import RegionIndex
from .sections import split_sections
from .store import PassageTable, Positions
from .tokens import Tokenizer


@dataclass(frozen=True, slots=True)
class CorpusStats:
    reports: int
    sections: int
    passages: int
    tokens: int
    seconds: float


@dataclass(frozen=True, slots=True)
class ParagraphView:
    """A whole paragraph of a report (or the few a passage spans), as `:show` prints it."""

    first: int  # its paragraph number; first < last when a passage joined short paragraphs
    last: int
    section: tuple[str, ...]
    text: str
    focus: tuple[int, int] | None  # the cited passage, as offsets into text; None: a neighbour


class Browsing:
    """What Engine offers besides answers; it sets these attributes in its constructor."""

    reports: dict[str, Report]
    passages: PassageTable
    tokenizer: Tokenizer
    regions: RegionIndex
    _position: Positions
    _token_count: int
    _build_seconds: float
    _report_number: dict[str, int]

    def outline(self, report: str) -> list[OutlineEntry]:
        """A report's section tree, headings in order, with passage counts."""
        counts: dict[tuple[str, ...], int] = {}
        for p in self.report_passages(report):
            for depth in range(1, len(p.section) + 1):
                path = p.section[:depth]
                counts[path] = counts.get(path, 0) + 1
        return [OutlineEntry(path, n) for path, n in counts.items()]

    def find_report(self, name: str) -> Report:
        """A report by file name, region, alias or title; UnknownReport if none or several."""
        key = self.tokenizer.fold(name.strip())
        if not key:
            raise UnknownReport(name)
        for report in self.reports.values():
            if key in (
                self.tokenizer.fold(report.name),
                self.tokenizer.fold(Path(report.name).stem),
            ):
                return report
        found = self.regions.match(key).reports
        if len(found) == 1:
            return self.reports[found[0]]
        hits = [r for r in self.reports.values() if key in self.tokenizer.fold(r.meta.title or "")]
        if len(hits) == 1:
            return hits[0]
        raise UnknownReport(name)

    def context(self, passage: Passage, radius: int = 1) -> list[Passage]:
        """The passage with up to `radius` neighbours on each side, from the same report."""
        i = self._position[passage.id]
        lo, hi = max(0, i - radius), min(len(self.passages), i + radius + 1)
        return [p for p in self.passages[lo:hi] if p.report == passage.report]

    def paragraph_context(self, passage: Passage, radius: int = 1) -> list[ParagraphView]:
        """The whole paragraph a passage comes from, the passage marked in it, and up to
        `radius` whole paragraphs on each side: parts of one paragraph are never two rows."""
        text = self.reports[passage.report].text
        paras = split_sections(text)
        start, end = passage.span
        inside = [k for k, p in enumerate(paras) if p.span[0] < end and p.span[1] > start]
        if not inside:  # the header, or a passage the paragraph split does not see
            return [ParagraphView(passage.paragraph, passage.paragraph, passage.section,
                                  passage.text, (0, len(passage.text)))]  # fmt: skip
        lo, hi = inside[0], inside[-1]
        views = []
        for k in range(max(0, lo - radius), min(len(paras), hi + radius + 1)):
            if lo < k <= hi:
                continue  # part of the focus view
            if k == lo:
                s, e = paras[lo].span[0], paras[hi].span[1]
                focus: tuple[int, int] | None = (max(start, s) - s, min(end, e) - s)
                last = paras[hi].number
            else:
                s, e = paras[k].span
                focus, last = None, paras[k].number
            views.append(ParagraphView(paras[k].number, last, paras[k].section, text[s:e], focus))
        return views

    def find(
        self,
        phrase: str,
        region: str | None = None,
        level: str | None = None,
        year: int | None = None,
    ) -> Concordance:
        """Every occurrence of `phrase` across the reports (copies were dropped at build)."""
        reports = list(self.reports.values())
        return concordance(phrase, reports, self.report_passages, region, level, year)

    def passage_counts(self) -> dict[str, int]:
        """Passages per report, by file name."""
        counts = np.bincount(self.passages.report_idx, minlength=len(self.passages.reports))
        return {r.name: int(n) for r, n in zip(self.passages.reports, counts, strict=True)}

    def report_passages(self, report: str) -> list[Passage]:
        """A report's passages in order (by its row in the passage table, not a scan)."""
        k = next((k for k, r in enumerate(self.passages.reports) if r.name == report), None)
        if k is None:
            return []
        return [self.passages[int(i)] for i in np.flatnonzero(self.passages.report_idx == k)]

    def stats(self) -> CorpusStats:
        sections = {(p.report, p.section) for p in self.passages}
        return CorpusStats(
            reports=len(self.reports),
            sections=len(sections),
            passages=len(self.passages),
            tokens=self._token_count,
            seconds=self._build_seconds,
        )

    def _appendix(self, report: str, number: int) -> Passage | None:
        """The first passage of 附件<number> of a report (what "(见附件1)" points to)."""
        marker = re.compile(rf"^附件\s*(?:{number}|{numeral(number)})(?!\d)")
        for p in self.report_passages(report):
            if p.section and marker.match(p.section[0]) and p.paragraph > 0:
                return p
        return None
