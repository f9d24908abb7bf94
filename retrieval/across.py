"""Questions across reports ("哪个区的GDP最高", "各地……对比") and the figures they compare.

A question that ranks or compares places is answered as a comparison: one row per report.
Which one is highest is said only when every figure found is the same indicator, unit and
year; otherwise the rows are shown and the reading is left to the user.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .models import Citation, CompareRow, Figure

_PLACE = r"(?:省份|省|城市|市|区县|县区|区|县|旗|州|盟|地方|地区|地|报告)"
# Cues that a question is about several places at once; general phrasing, no topic words.
_ACROSS = re.compile(
    rf"哪(?:一|几)?(?:个|些|座)?{_PLACE}"
    rf"|各(?:个)?{_PLACE}"
    rf"|(?:所有|每个|每一个|全部)的?{_PLACE}"
)
_HIGHEST = re.compile(r"最(?:高|多|大|快|强)|第一|排名靠前")
_LOWEST = re.compile(r"最(?:低|少|小|慢|弱)|倒数第一")
_RANKING = re.compile(r"(?:相)?(?:对比|比较|排名|排行|排序|分别|情况)(?:一下)?|谁|最\w")

_NUMBER = r"\d+(?:\.\d+)?"
_UNIT = (
    r"(?:个百分点|%|万亿元|亿元|万元|元|万人次|万人|人次|人|万吨|吨|万千瓦|千瓦|平方公里|公里|"
    r"万平方米|平方米|万亩|亩|万户|户|个|项|家|所|座|条|倍)"
)
_FIGURE = re.compile(rf"({_NUMBER})({_UNIT})")
_YEAR = re.compile(r"(20\d\d|19\d\d)年")
_SENTENCE_END = re.compile(r"[。！？；;!?\n]")
_GROWTH = re.compile(r"增长|增加|提高|提升|下降|减少|回落")


def asks_across(text: str) -> bool:
    """Does the question compare or rank places ("哪个区……最高", "各地……")?"""
    return bool(_ACROSS.search(text))


def topic(text: str) -> str:
    """The question without its cross-report cues: what to look for in each report."""
    text = _ACROSS.sub(" ", text)
    text = _HIGHEST.sub(" ", text)
    text = _LOWEST.sub(" ", text)
    return " ".join(_RANKING.sub(" ", text).split())


def wants_lowest(text: str) -> bool | None:
    """True for 最低/最少, False for 最高/最多, None when the question ranks neither way."""
    if _LOWEST.search(text):
        return True
    if _HIGHEST.search(text):
        return False
    return None


def read_figure(citation: Citation, plan_year: int | None, gap: int) -> Figure | None:
    """The first figure, in its sentence, after the longest matched term that has one."""
    excerpt = citation.excerpt
    for term in sorted(citation.matched, key=len, reverse=True):
        if not term.strip() or _FIGURE.fullmatch(term):
            continue
        for m in re.finditer(re.escape(term), excerpt):
            end = _SENTENCE_END.search(excerpt, m.end())
            stop = min(end.start() if end else len(excerpt), m.end() + gap)
            fig = _FIGURE.search(excerpt, m.end(), stop)
            if fig is None:
                continue
            between = excerpt[m.end() : fig.start()]
            qualifier = "增长" if _GROWTH.search(between) else ""
            qualifier = "年均增长" if "年均" in between else qualifier
            year = _YEAR.search(excerpt, _sentence_start(excerpt, m.start()), fig.start())
            return Figure(
                indicator=term + qualifier,
                value=float(fig.group(1)),
                unit=fig.group(2),
                year=int(year.group(1)) if year else plan_year,
                text=fig.group(),
            )
    return None


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding `at` starts."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    return ends[-1] if ends else 0


def leader(rows: Sequence[CompareRow], lowest: bool) -> CompareRow | None:
    """The highest (or lowest) row, if at least two rows have figures and all are comparable."""
    figures = [r for r in rows if r.citation is not None]
    if len(figures) < 2 or any(r.figure is None for r in figures):
        return None
    kinds = {(r.figure.indicator, r.figure.unit, r.figure.year) for r in figures if r.figure}
    if len(kinds) != 1:
        return None
    values = sorted(figures, key=lambda r: r.figure.value if r.figure else 0.0, reverse=not lowest)
    first, second = values[0], values[1]
    assert first.figure is not None and second.figure is not None
    if first.figure.value == second.figure.value:
        return None  # a tie: no single answer
    return first
