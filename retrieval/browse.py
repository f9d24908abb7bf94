"""Browsing the corpus beside answering: outlines, a report by name, a passage in context."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import UnknownReport
from .models import OutlineEntry, Passage, Report
from .regions import RegionIndex
from .store import PassageTable, Positions
from .tokens import Tokenizer


@dataclass(frozen=True, slots=True)
class CorpusStats:
    reports: int
    sections: int
    passages: int
    tokens: int
    seconds: float


class Browsing:
    """What Engine offers besides answers; it sets these attributes in its constructor."""

    reports: dict[str, Report]
    passages: PassageTable
    tokenizer: Tokenizer
    regions: RegionIndex
    _position: Positions
    _token_count: int
    _build_seconds: float

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

    def passage_counts(self) -> dict[str, int]:
        """Passages per report, by file name."""
        counts = np.bincount(self.passages.report_idx, minlength=len(self.passages.reports))
        return {r.name: int(n) for r, n in zip(self.passages.reports, counts, strict=True)}

    def report_passages(self, report: str) -> list[Passage]:
        return [p for p in self.passages if p.report == report]

    def stats(self) -> CorpusStats:
        sections = {(p.report, p.section) for p in self.passages}
        return CorpusStats(
            reports=len(self.reports),
            sections=len(sections),
            passages=len(self.passages),
            tokens=self._token_count,
            seconds=self._build_seconds,
        )
