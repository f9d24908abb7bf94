"""Which reports a question means: places named in it, resolved against the division table.

Every way a region is named counts: full (河南省), short (河南, 内蒙古), after its parent
(四平铁东区, 呼和浩特赛罕区), a sourced abbreviation (呼市), Traditional script (the question is
folded first). A place with no report of its own is searched in its parent's report (杭州 ->
浙江省) or else in the reports of places under it; a same-name place elsewhere is said to be
another (沈阳市和平区 is not 天津市和平区); a typo of a loaded region gets a suggestion; and of
several reports of one region, the one of the year asked for is picked.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cached_property

from .divisions import LEVELS, Division, Gazetteer, load_gazetteer
from .models import RegionMatch, Report
from .place_names import LEAD_IN, PlaceNames
from .region_typos import TypoFinder
from .report_years import YearPicker, pick_by_year
from .short_years import full_years, has_short_year, year_slots

# Words that mean the whole country, when a national report is loaded. Only 国务院 and
# 中华人民共和国 name the author; 全国/中国/国家 stay in the question as words too.
NATIONAL_WORDS = ("中华人民共和国", "国务院", "全国", "中国", "国家", "我国")
_AUTHOR_WORDS = ("中华人民共和国", "国务院")
# "2025年政府工作报告…" naming no place means the State Council's report, as it does in speech.
# A place's own report asked for, right after its name: "广州市2024年政府工作报告", "广州的报告"
_OWN_REPORT = re.compile(
    r"(?:(?:19|20)\d\d年)?(?:的|度)?(?:政府)?工作报告|(?:的|今年的|去年的)报告"
)
# The whole country as what is asked about ("2009年全国GDP增长目标是多少"): with no national
# report loaded, a province's figure is no answer; not the country a place is measured against
# ("全国首个…", "全国第一", "全国各地", "全国出口的汽车里，…占多大比例").
_NATION_ASKED = re.compile(r"(全国|我国)的?(?![首第唯最各])")
_FIGURE_ASKED = re.compile(r"多少|几|多大|多高")  # the country's own figure asked…
_SHARE_ASKED = re.compile(r"占|比例|比重|份额|之一|多少是|(?<![公哪])里(?!程)|中的")  # …not a share
_REPORT_WORD = "政府工作报告"  # named where the subject stands: not "保订市…", "各省…"


class RegionIndex:
    """The loaded reports by division, and the rules that find divisions in a question."""

    def __init__(
        self,
        reports: Iterable[Report],
        fold: Callable[[str], str],
        spans: Callable[[str], list[tuple[str, int, int]]],
        is_common_word: Callable[[str], bool] = lambda w: False,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self._fold = fold
        self._spans = spans
        self._by_code: dict[str, list[Report]] = defaultdict(list)
        self._national: list[Report] = []
        self._reports: dict[str, Report] = {}
        for report in reports:
            self._reports[report.name] = report
            if report.meta.level == "national":
                self._national.append(report)
            elif report.meta.code:
                self._by_code[report.meta.code].append(report)
        self._every = YearPicker(list(self._reports.values()))
        # Every division a loaded report is or lies under: short forms of these always count.
        self._covered: set[str] = set()
        for code in self._by_code:
            try:
                division = self.gazetteer.get(code)
            except KeyError:  # a code from reports.toml that the table does not have
                continue
            self._covered.update(a.code for a in self.gazetteer.chain(division))
        self._codes = {c for c in self._by_code if c in self._covered}  # codes the table knows
        self._names = PlaceNames(self.gazetteer, spans, is_common_word, self._covered)

    # -- routing ----------------------------------------------------------------------------

    def full_years(self, question: str) -> str:
        """The question with its two-digit years written in full (short_years.py), those
        after a word only where they follow a place's name."""
        if not has_short_year(question):
            return question
        text = self._fold(question)
        if len(text) != len(question):  # folding moved the places: only openings count
            return full_years(question)
        ends = [m.end for m in self._names.mentions(text)]
        return full_years(question, year_slots(ends, self._spans(text)))

    def match(self, question: str) -> RegionMatch:
        """The reports a question means (see the module's docstring)."""
        text = self._fold(question)
        chains = self._names.chains(text, self._names.mentions(text))
        names = tuple(name for name, _, _ in chains)
        lead = LEAD_IN.match(text)
        subject = lead.end() if lead else 0  # where the place the question is about stands
        own: list[Report] = []
        near: tuple[str, list[Report], str, Division, int] | None = (
            None  # a parent's or children's reports, and where the place's name ends
        )
        only = unknown = None
        for name, start, divisions in chains:
            if hits := self._reports_named(name, divisions):
                own.extend(hits)
                continue
            if start != subject:  # "帮扶甘肃…": a place the question is not about
                continue
            asked = divisions[0].name if len(divisions) == 1 else name
            asked = name if len(name) > len(asked) else asked  # 大庆市让胡路区 as written
            related = [(d, rs) for d in divisions if (rs := self._related(d))]
            if len(related) == 1:  # 西湖区: the one whose city or province we have
                place, reports = related[0]
                shown = place.name if len(divisions) > 1 else asked
                near = near or (shown, reports, name, place, start + len(name))
                continue
            unknown = unknown or asked
            regions = {d.name for d in divisions}
            same = [r for rs in self._by_code.values() for r in rs if r.meta.region in regions]
            only = only or (_place(same[0]) if same else None)
        if own:
            return pick_by_year(_unique(own), text, names, len(self._reports))
        if near and _OWN_REPORT.match(text, near[4]):
            shown = near[0]  # "广州市2024年政府工作报告提出…": 广州's own report, not loaded
            return RegionMatch((), unknown=shown, names=names)
        if near:  # the place stays in the search: the parent's passage must be about it
            shown, reports, said, place, _ = near
            kept = tuple(n for n in names if n != said)
            picked = pick_by_year(reports, text, kept, len(self._reports))
            spoken = (place.name, *self.gazetteer.short_forms(place))
            above = {a.code for a in self.gazetteer.chain(place)[:-1]}
            return replace(
                picked,
                fallback=shown,
                fallback_names=spoken,
                fallback_above=any(r.meta.code in above for r in reports),
            )
        if unknown:
            return RegionMatch((), unknown=unknown, names=names, only=only)
        national = [w for w in NATIONAL_WORDS if w in text]
        if self._national and (national or text.startswith(_REPORT_WORD, subject)):
            drop = tuple(w for w in national if w in _AUTHOR_WORDS)
            return pick_by_year(self._national, text, drop, len(self._reports))
        nation = None if self._national else _NATION_ASKED.match(text, subject)
        if nation and _FIGURE_ASKED.search(text) and not _SHARE_ASKED.search(text):
            return RegionMatch((), unknown=nation[1], names=names)  # "2009年全国GDP…目标"
        if typo := self._typos.suggest(text[subject:]):
            return RegionMatch((), unknown=typo[0], suggestion=typo[1])
        every = self._every
        return pick_by_year(every.reports, text, (), len(self._reports), False, every)

    def _reports_named(self, name: str, divisions: Iterable[Division]) -> list[Report]:
        """The loaded reports of the places a name stands for. A short name two levels share
        ("吉林": 吉林省 and 吉林市, "海南": 海南省 and 海南藏族自治州) means the higher, where
        both have reports; the lower is named in full ("吉林市")."""
        found = [(d, rs) for d in divisions if (rs := self._by_code.get(d.code))]
        if len(found) > 1 and all(d.name != name for d, _ in found):
            top = min(LEVELS.index(d.level) for d, _ in found)
            found = [(d, rs) for d, rs in found if LEVELS.index(d.level) == top]
        return [r for _, rs in found for r in rs]

    def _related(self, d: Division) -> list[Report]:
        """The reports of the nearest city or province above `d`, else of the places under it."""
        for a in reversed(self.gazetteer.chain(d)[:-1]):
            if reports := self._by_code.get(a.code):
                return reports
        return [
            r
            for code, reports in self._by_code.items()
            if code in self._codes and d in self.gazetteer.chain(self.gazetteer.get(code))[:-1]
            for r in reports
        ]

    @cached_property
    def _typos(self) -> TypoFinder:
        names = [reports[0].meta.region or "" for reports in self._by_code.values()]
        return TypoFinder(names, self.gazetteer.lookup)


def _place(report: Report) -> str:
    """天津市和平区: the region with the city or province it lies in."""
    meta = report.meta
    above = meta.parent or meta.province or ""
    region = meta.region or ""
    return f"{above}{region}" if above and above not in region else region


def _unique(reports: list[Report]) -> list[Report]:
    return list({r.name: r for r in reports}.values())
