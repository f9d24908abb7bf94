"""Exact search: every occurrence of a phrase across the reports, with a line of context.

Journalists check wording this way before they quote: no ranking, no tokenizing, the
characters as written (after NFKC, so ，and , or ％ and % are the same).
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .models import Passage, Report

CONTEXT = 20  # characters of context on each side, within the line

LEVELS = {
    "national": "national", "全国": "national", "国家": "national",
    "province": "province", "省": "province", "省级": "province",
    "prefecture": "prefecture", "地": "prefecture", "地级": "prefecture", "市": "prefecture",
    "地市": "prefecture", "市级": "prefecture",
    "county": "county", "县": "county", "县级": "county", "区县": "county", "县区": "county",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place a phrase occurs: the line around it, where it is in the report."""

    start: int  # offsets into the report's cleaned text
    end: int
    before: str  # up to CONTEXT characters of the same line before it
    match: str  # the text as the report has it
    after: str
    section: tuple[str, ...]
    paragraph: int


@dataclass(frozen=True, slots=True)
class ReportOccurrences:
    report: Report
    occurrences: tuple[Occurrence, ...]


@dataclass(frozen=True, slots=True)
class Concordance:
    phrase: str
    reports: tuple[ReportOccurrences, ...]  # reports holding the phrase, most occurrences first
    searched: int  # reports searched, after the filters

    @property
    def total(self) -> int:
        return sum(len(r.occurrences) for r in self.reports)


def normal(text: str) -> str:
    """NFKC, if it keeps the length (offsets then still point into the text); else the text."""
    folded = unicodedata.normalize("NFKC", text)
    return folded if len(folded) == len(text) else text


def level_key(level: str) -> str | None:
    """'县级' / 'county' -> 'county'; None for a level we do not know."""
    return LEVELS.get(level.strip().lower())


def select(
    reports: Iterable[Report],
    region: str | None = None,
    level: str | None = None,
    year: int | None = None,
) -> list[Report]:
    """The reports a filter keeps: region (part of its region, city or province name),
    level (national, province, prefecture, county, or 省级/地级/县级) and plan year."""
    want_level = level_key(level) if level else None
    out = []
    for r in reports:
        m = r.meta
        places = [normal(p) for p in (m.region, m.parent, m.province, m.title) if p]
        if region and not any(normal(region.strip()) in p for p in places):
            continue
        if level and m.level != want_level:
            continue
        if year is not None and m.plan_year != year:
            continue
        out.append(r)
    return out


def occurrences(phrase: str, report: Report, passages: Sequence[Passage]) -> list[Occurrence]:
    """Every (non-overlapping) occurrence of `phrase` in the report's cleaned text."""
    needle = normal(phrase.strip())
    if not needle:
        return []
    text = report.text
    hay = normal(text)
    starts = [p.span[0] for p in passages]
    found = []
    at = hay.find(needle)
    while at != -1:
        end = at + len(needle)
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end
        before = text[max(line_start, at - CONTEXT) : at]
        after = text[end : min(line_end, end + CONTEXT)]
        k = bisect.bisect_right(starts, at) - 1
        where = passages[k] if k >= 0 else None
        found.append(
            Occurrence(
                at,
                end,
                ("…" if at - CONTEXT > line_start else "") + before,
                text[at:end],
                after + ("…" if end + CONTEXT < line_end else ""),
                where.section if where else (),
                where.paragraph if where else 0,
            )
        )
        at = hay.find(needle, end)
    return found


def concordance(
    phrase: str,
    reports: Iterable[Report],
    passages_of: Callable[[str], Sequence[Passage]],
    region: str | None = None,
    level: str | None = None,
    year: int | None = None,
) -> Concordance:
    """Every occurrence of `phrase` in the reports the filters keep."""
    chosen = select(reports, region, level, year)
    rows = []
    for report in chosen:
        found = occurrences(phrase, report, passages_of(report.name))
        if found:
            rows.append(ReportOccurrences(report, tuple(found)))
    rows.sort(key=lambda r: -len(r.occurrences))  # stable: ties keep the corpus order
    return Concordance(phrase.strip(), tuple(rows), len(chosen))
