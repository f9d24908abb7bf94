"""Several reports of one region: which year a question asks for, and which report that is."""

from __future__ import annotations

import functools
import re
from collections import defaultdict

from .models import RegionMatch, Report
from .question import numeral_value

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:年|$|[^\d])")
_DOCUMENT = re.compile(r"(?:国务院)?政府工作报告|报告(?=[里中])")
_AHEAD = re.compile(r"(?:今后|未来)的?五年")
# A five-year plan by its number, any of them: "十一五", "“十五”", "“九五”" (quoted where it is
# short: 十五 alone is a count)
_PLAN_NUMBER = re.compile(r"“(十?[一二三四五六七八九]?)五”|十([一二三四五六七八九])五")


def plan_start(numeral: str) -> int:
    """The first year of the Nth five-year plan: the first began in 1953, the third in 1966,
    after the years of adjustment (第十一个 2006, “十五” 2001)."""
    n = numeral_value(numeral)
    return 1953 + 5 * (n - 1) if n <= 2 else 1956 + 5 * (n - 1)


# The plans of the reports we meet by their short name: 十二五 is 2011-2015 (the reports that
# plan or review it)
_PERIOD_START = {n: plan_start("十" + n) for n in "一二三四五"}
_PLAN_PERIOD = re.compile(f"十([{''.join(_PERIOD_START)}])五")
PLAN_NAME = re.compile(f"十[{''.join(_PERIOD_START)}]五")  # a five-year plan by its number


def plans_named(text: str) -> set[int]:
    """The first years of the five-year plans `text` names ("“十五”目标任务胜利完成": 2001)."""
    return {plan_start(m[0] or "十" + m[1]) for m in _PLAN_NUMBER.findall(text) if m[0] or m[1]}


def speaks_ahead(text: str, year: int) -> bool:
    """Does `text` (a passage with its headings) speak of the years ahead that hold `year`: the
    next five ("今后五年发展目标任务") or the five-year plan of that year ("“十四五”末")?"""
    n = next((n for n, start in _PERIOD_START.items() if start <= year < start + 5), None)
    return bool(_AHEAD.search(text)) or (n is not None and f"十{n}五" in text)


_RELATIVE_YEAR = re.compile(r"今年|明年|去年|前年|本年度|上一年")
# A year that names the report itself: "2015年国务院政府工作报告", "国务院2015年说".
# Between the year and 报告 only what names a report: a place, who gave it, 政府, 工作
# ("2024年湖北省政府工作报告", "2021年的报告"), not what is asked ("2024年的重点任务在报告哪…").
_PLACE = (
    r"(?:[\u4e00-\u9fff]{2,9}?(?:省|市|区|县|旗|州|盟)的?|[\u4e00-\u9fff]{2,4}的"
    r"|[\u4e00-\u9fff]{0,4}(?:总理|[省市县区]长)作?的?)"  # "李克强总理作的报告"
)
_GOVERNMENT = r"(?:[\u4e00-\u9fff]{0,6}?(?:人民)?政府)"
_REPORT_YEAR = re.compile(
    r"((?:19|20)\d\d)年(?:的)?(?:国务院|中央|总理|[省市县区]长)?"
    rf"(?:{_PLACE}?{_GOVERNMENT}?(?:工作)?的?报告|说|提出|提到|要求|指出|部署|讲)"
    r"|(?:国务院|政府工作报告|报告)((?:19|20)\d\d)年"
)


def pick_by_year(
reports: list[Report], text: str, names: tuple[str, ...], corpus_size: int,
pick_latest: bool = True, every: YearPicker | None = None,
) -> RegionMatch:  # fmt: skip
    """Among several reports of one region, the one of the year asked for (else the latest).

    A year that names the report ("2015年政府工作报告") keeps the report of that plan year;
    another explicit year keeps the reports that plan for it or look back on it; 今年/去年
    and no year at all keep the latest. Reports of different regions are each picked alike.
    `every`: `reports` are the whole corpus, whose picks it keeps made.
    """
    years = {int(y) for y in _YEAR.findall(text)}
    for n in _PLAN_PERIOD.findall(text):  # "十三五期间": a year of the period, or the one after
        years |= set(range(_PERIOD_START[n], _PERIOD_START[n] + 6))
    named = naming_years(text)
    # Words that name the document, not what it says: left out of the search.
    names = (
        *names,
        *(m.group() for m in _REPORT_YEAR.finditer(text)),
        *_DOCUMENT.findall(text),
    )
    if not pick_latest and not named and not years and len(reports) == corpus_size:
        return RegionMatch((), names=names)  # every report, no year: no pass over them
    relative = bool(_RELATIVE_YEAR.search(text))
    key = (frozenset(named), frozenset(years), pick_latest, relative)
    picked = every.pick(*key) if every is not None else _pick(reports, *key)
    kept, picked_year, unknown = picked
    if unknown is not None:
        return RegionMatch((), unknown=unknown, names=names)
    if not pick_latest and len(kept) == corpus_size:
        return RegionMatch((), names=names)
    return RegionMatch(kept, names=names, year=picked_year)


class YearPicker:
    """pick_by_year's choice among every report of the corpus, kept per kind of question
    (the years it names): a question over all reports makes no pass over them again."""

    def __init__(self, reports: list[Report]) -> None:
        self.reports = reports
        self.pick = functools.lru_cache(maxsize=256)(self._pick)

    def _pick(
        self, named: frozenset[int], years: frozenset[int], pick_latest: bool, relative: bool
    ) -> tuple[tuple[str, ...], int | None, str | None]:
        return _pick(self.reports, named, years, pick_latest, relative)


def _pick(
    reports: list[Report],
    named: frozenset[int],
    years: frozenset[int],
    pick_latest: bool,
    relative: bool,
) -> tuple[tuple[str, ...], int | None, str | None]:
    """The names of the reports kept, the plan year picked, or what is unknown."""
    by_region: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        by_region[r.meta.code or r.name].append(r)
    kept: list[Report] = []
    picked_year = None
    for group in by_region.values():
        if named:
            matching = [r for r in group if r.meta.plan_year in named]
            if pick_latest and not matching:  # "2020年国务院政府工作报告": not loaded
                return (), None, f"{min(named)}年{group[0].label}"
            kept.extend(matching)
        elif years:
            matching = [r for r in group if _years_of(r) & years]
            kept.extend(matching)
        elif pick_latest and len(group) > 1:
            latest = max(group, key=lambda r: (r.meta.plan_year or 0, r.meta.date or ""))
            kept.append(latest)
            picked_year = None if relative else latest.meta.plan_year
        else:
            kept.extend(group)
    if not kept and named and not pick_latest:  # "2020年政府工作报告…": none of that year
        return (), None, f"{min(named)}年"
    if not kept:  # no report of that year: keep them all, abstention will say so
        kept = reports
    return tuple(r.name for r in kept), picked_year, None


@functools.lru_cache(maxsize=1024)
def naming_years(text: str) -> frozenset[int]:
    """Years that name a report in a question ("2015年政府工作报告"), not years it asks about."""
    return frozenset(int(a or b) for a, b in _REPORT_YEAR.findall(text))


def _years_of(report: Report) -> set[int]:
    """The years a report speaks for: the one it plans and the one it looks back on."""
    plan = report.meta.plan_year
    return {plan, plan - 1} if plan else set()
