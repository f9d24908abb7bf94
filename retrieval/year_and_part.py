"""Does a passage speak of the year and the part of its report a question asks about?

A report reviews the year before and the term behind it and plans the year it is delivered in
(report_parts.py): a question naming one year is not answered by the term's review, a result
asked is not answered by a plan (or the reverse), and a year asked must be one the report
names or speaks of by its nature. Used by the abstention tests (abstention.py) and the ranking
(ranking.py: a year's result before its target).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .answer_types import asks_a_years_rate, asks_growth
from .figure_years import years_given, years_not_measured_from
from .figures_asked import only_cumulative, only_span_average
from .models import Report
from .query_types import Query, is_topic
from .report_parts import (
    Part,
    asks_actual,
    asks_now,
    declares_targets,
    opens_targets,
    part_of,
    wrong_parts,
)
from .report_spans import paragraph_span, span_asked, span_opening, term_review
from .report_years import naming_years, speaks_ahead
from .store import PassageTable


class YearAndPart:
    """The year and part tests over one engine's passages (see the module docstring)."""

    def __init__(
        self,
        passages: PassageTable,
        reports: Mapping[str, Report],
        folded: Callable[[int], str],
        headings: Callable[[int], str],
        part: Callable[[int], Part | None],
    ) -> None:
        self._passages = passages
        self._reports = reports
        self._folded = folded
        self._headings = headings
        self._part = part  # the part of its report passage i is in (report_parts.parts_of)

    def only_span_figure(self, query: Query, doc: int) -> bool:
        """Does one year's figure asked find in passage `doc` only a span's: its yearly average
        growth ("2022年GDP增长了多少": "地区生产总值年均增长7.2%") or its total ("2015年外贸进出口
        总额是多少": "累计完成外贸进出口总额1170亿美元")?"""
        if not query.one_year or not query.wants_number or span_asked(query.text):
            return False
        folded = self._folded(doc)
        topics = [c for c in query.concepts if is_topic(c)]
        if any(only_cumulative(folded, c.full) for c in topics):
            return True
        if not asks_a_years_rate(query.text):
            return False
        return any(only_span_average(folded, c.full) for c in topics)

    def term_review(self, query: Query, doc: int) -> bool:
        """Is the passage part of the term's review while one year is asked (report_parts)?"""
        if not query.one_year:
            return False
        folded = self._folded(doc)
        if self.only_span_figure(query, doc):
            return True  # "2022年GDP增长了多少": "地区生产总值年均增长7.2%" is the term's
        if not term_review(self._passages.section(doc), query.text) and (
            span_asked(query.text) or not self.span_said(doc)
        ):
            return False  # neither its heading nor its paragraph speaks of the term
        # "从2017年的3.06万亿元增长到2022年的4.2万亿元": 2022's level, not its growth
        named = years_given(folded) if asks_growth(query.text) else folded
        return not any(y in named for y in query.years)

    def span_said(self, doc: int) -> str:
        """The span of years passage `doc` opens on ("这五年，…"), or its paragraph does in its
        first sentences ("2020年是“十三五”收官之年。五年来，…": 五年来), or ""."""
        own = span_opening(self._folded(doc))
        return own or paragraph_span(self._folded(self._paragraph_start(doc)))

    def _paragraph_start(self, doc: int) -> int:
        """The first passage of passage `doc`'s paragraph (a long one is cut in several)."""
        first, _ = self._passages.range_of(doc)
        paragraph = self._passages.paragraph
        while doc > first and paragraph[doc - 1] == paragraph[doc]:
            doc -= 1
        return doc

    def wrong_part(self, query: Query, doc: int) -> bool:
        """Is the passage in a part of its report that cannot answer for any of the years
        asked (report_parts.py)?"""
        section = self._passages.section(doc)  # (no Passage made: most hits are not cited)
        plan_year = self._reports[self._passages.report_of(doc)].meta.plan_year
        if plan_year is None or not section:
            return False
        naming = naming_years(query.text)
        years = [int(y) for y in query.years if int(y) not in naming] or [
            plan_year + offset for offset in query.relative_years
        ]
        if not years and query.wants_number and not query.asks_plan and asks_now(query.words):
            years = [plan_year - 1]  # a figure "now": the year the report looks back on
        later = bool(query.years and years) and all(y > plan_year for y in years)
        if later and asks_actual(query.words) and not query.asks_plan:
            return True  # "高阳县到2021年实际达到170亿元了吗" of a 2017 report: not yet known
        if not years:
            return False
        found = self.part_of_passage(doc)
        if found is None:
            return False
        named = self._folded(doc) + " " + self._headings(doc)

        def wrong(y: int) -> bool:
            if y > plan_year and str(y) in query.years:  # "2025年目标" of a 2021 report
                # ("到2025年…" answers, and so does a passage of the years ahead within five:
                # "二、今后五年发展目标任务", "“十四五”末"); 明年 is not judged
                return str(y) not in named and not (y <= plan_year + 5 and speaks_ahead(named, y))
            return found in wrong_parts(y, plan_year, query.asks_plan, query.asks_result) and (
                y in (plan_year - 1, plan_year) or str(y) not in years_not_measured_from(named)
            )  # an earlier year: "2023年增长6%" gives it, "比2023年增长6%" does not

        return all(wrong(y) for y in years)

    @staticmethod
    def year_unsaid(years: tuple[str, ...], report: Report, span: bool) -> bool:
        """Is a year asked neither named in the report nor one it speaks of by its nature (the
        year it plans for, the year before it reviews: "过去一年" of a 2023 report is 2022; with
        `span`, a span asked, "这五年（2018-2022年）", "十三五期间（2016-2020年）", "今后五年
        （2018-2022年）" or "（2013-2017年）", the five years before and after)? (The whole text is
        read, decoded, only when a year is asked.)"""
        plan = report.meta.plan_year
        back, ahead = (5, 5) if span else (1, 0)
        own = () if plan is None else tuple(str(y) for y in range(plan - back, plan + ahead + 1))
        return any(year not in own and year not in report.text for year in years)

    def part_of_passage(self, doc: int) -> Part | None:
        """The part of its report passage `doc` is in: the heading says; else the report's
        order (computed once per report, only then); one opening with the targets plans."""
        section = self._passages.section(doc)  # (no Passage made: most hits are not cited)
        if not section:
            return None
        plan_year = self._reports[self._passages.report_of(doc)].meta.plan_year
        found = part_of(section[0], plan_year) or self._part(doc)
        if found is None and opens_targets(self._folded(doc)):
            found = Part.PLAN  # "经济社会发展的主要预期目标是：…" under a heading that does not say
        elif found is Part.REVIEW and declares_targets(self._folded(doc)):
            found = Part.PLAN  # under "一、2014年工作回顾" of a report whose plan has no heading
        return found
