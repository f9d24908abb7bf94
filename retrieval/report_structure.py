"""What a report's structure says to the ranking: its parts (review, plan), the items of a
part a question names, its headers and speakers, the reports of one region; Ranker's base."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from .aspects import aspect_passages, named_part_items, report_of_year, under_part
from .models import Report
from .ordinals import OrdinalBonus
from .query_types import Query, is_telling
from .question_cues import LAST, ORDINAL
from .report_parts import Part, parts_of
from .sentences import sentence_spans
from .store import FoldedTexts, PassageTable
from .tokens import Tokenizer


class ReportStructure:
    """The report-structure lookups Engine ranks with; it sets these attributes."""

    reports: dict[str, Report]
    passages: PassageTable
    tokenizer: Tokenizer
    _ordinals: OrdinalBonus
    _report_number: dict[str, int]
    _fold_section: Callable[[tuple[str, ...]], str]
    _folded: FoldedTexts  # passage texts folded, kept for the few asked for
    _aspect_passages: Callable[[str, str], tuple[int, ...]]  # _find_aspects, cached
    _report_parts: Callable[[str], dict[str, Part]]  # _find_parts, cached
    _speakers_named: Callable[[str], tuple[str, ...]]  # _find_speakers, cached
    _part_leads: Callable[[tuple[int, int]], dict[tuple[str, ...], str]]  # _find_part_leads
    _scope_ranges: Callable[[tuple[str, ...]], tuple[tuple[int, int], ...]]  # _find_ranges

    def _named_part_items(self, query: Query, i: int) -> list[int]:
        """aspects.named_part_items over the report of passage i."""
        span = self.passages.range_of(i)
        region = self.reports[self.passages.report_of(i)].meta.region or ""
        return named_part_items(query, self.tokenizer.fold, self.passages.section, span, region)

    def _report_of_year(self, query: Query, text: str, scope: Sequence[str]) -> str | None:
        plan_years = {name: self.reports[name].meta.plan_year for name in scope}
        return report_of_year(text, query.years, plan_years)

    def _aspects_first(
        self, query: Query, hits: list[tuple[int, float]], scope: Sequence[str]
    ) -> list[tuple[int, float]]:
        """The first passage under each item of the part asked for (or each part) of the
        report asked about or the first hit's (aspects.py), in the report's order, then
        `hits`."""
        report = scope[0] if len(scope) == 1 else self.passages[hits[0][0]].report
        firsts = self._aspect_passages(query.text, report)
        top = hits[0][1] if hits else 1.0
        chosen = set(firsts)
        return [(i, top) for i in firsts] + [h for h in hits if h[0] not in chosen]

    def _find_aspects(self, question: str, report: str) -> tuple[int, ...]:
        """The passages that answer a question about what a part of `report` is made of
        (aspects.py); Engine keeps the last 64 (question, report) pairs."""
        span = self.passages.report_range(self._report_number[report])
        plan_year = self.reports[report].meta.plan_year
        return tuple(aspect_passages(question, self.passages.section, span, plan_year))

    def _find_parts(self, report: str) -> dict[str, Part]:
        """The part (review, plan) each top-level heading of `report` opens
        (report_parts.parts_of); Engine keeps the last 4096 reports'."""
        start, end = self.passages.report_range(self._report_number[report])
        # Its distinct sections in the order they first come (a top's first place the same)
        distinct, first = np.unique(self.passages.section_idx[start:end], return_index=True)
        sections = (self.passages.sections[k] for k in distinct[np.argsort(first)].tolist())
        tops = dict.fromkeys(s[0] for s in sections if under_part(s))
        return parts_of(list(tops), self.reports[report].meta.plan_year)

    def _find_speakers(self, question: str) -> tuple[str, ...]:
        """The speakers of loaded reports a question names ("王正谱是哪天作…"): a pass over
        every report, once per question (Engine keeps the last 64)."""
        speakers = (r.meta.speaker for r in self.reports.values() if r.meta.speaker)
        return tuple(dict.fromkeys(s for s in speakers if s in question))

    def _part(self, doc: int) -> Part | None:
        """The part of its report passage `doc` is in, if its headings or their order say."""
        section = self.passages.section(doc)
        return self._report_parts(self.passages.report_of(doc)).get(section[0]) if section else None

    def _is_aspect(self, query: Query, doc: int) -> bool:
        """Is passage `doc` one of those answering what a part of its report is made of?"""
        return doc in self._aspect_passages(query.text, self.passages.report_of(doc))

    def _headers_first(
        self, hits: list[tuple[int, float]], scope: Sequence[str], question: str
    ) -> list[tuple[int, float]]:
        """The header passages (paragraph 0) of the reports in `scope`, those whose speaker
        the question names first ("王正谱是哪天作…的" among nine reports of 2022), then `hits`."""
        heads = [s for s, e in self._ranges(scope) if e > s and self.passages[s].paragraph == 0]
        named = self._speakers_named(question)
        heads.sort(key=lambda i: self.reports[self.passages[i].report].meta.speaker not in named)
        top = hits[0][1] if hits else 1.0
        return [(i, top) for i in heads] + [h for h in hits if h[0] not in heads]

    def _level_held(self, query: Query, scope: Sequence[str]) -> Query:
        """`query`, its 第N部分 read as the N-th item where the reports asked about have no
        N-th part but an N-th item ("江苏2025年重点工作第八部分": three parts, nine items)."""
        n = query.ordinal
        if n is None or n == LAST or query.ordinal_level != 1 or not scope:
            return query
        words = query.part_named
        said = ORDINAL.search(query.text)
        # "工作回顾的第一部分": the first part of the review, even where the review is part 一
        possessive = bool(words) and said is not None and query.text[: said.start()].endswith("的")

        def named(i: int) -> bool:  # part n's heading names the part asked for
            heading = self._fold_section(self.passages.section(i)[:1])
            return not possessive and all(w in heading for w in words)

        level = self._ordinals.level_held(n, self._ranges(scope), named, query.list_size)
        return replace(query, ordinal_level=level + 1) if level else query

    def _items_first(
        self, query: Query, hits: list[tuple[int, float]], depth: int, parts: bool = False
    ) -> list[tuple[int, float]]:
        """`hits` with those of the best `depth` under an item heading (below its part's) that
        names a thing the question asks about first: "工作里讲生态环境的那一项" is an item, not
        a passage that speaks of 生态环境 directly under the part. A word the question says
        whole counts before its pieces (生态环境 before 环境 alone, in "优化营商环境"); words
        that say little (工作, 今年: discounted in query.py) name no item. With `parts`, the
        same of part headings: "讲生态环境的是哪一部分" is a part, not a review's "——生态环境…"."""
        table = self.passages
        telling = [c for c in query.concepts if is_telling(c)]
        kept = slice(0, 1) if parts else slice(1, None)

        def items(i: int) -> str:
            return self._fold_section(table.sections[table.section_idx.item(i)][kept])

        window = hits[:depth]
        for words in (
            [t for c in telling for t in c.full],
            [t for c in telling for t in c.partial],
        ):
            first = [h for h in window if (named := items(h[0])) and any(t in named for t in words)]
            if first:
                return [*first, *(h for h in hits if h not in first)]
        return hits

    def _lists_named(self, query: Query, level: int) -> list[Callable[[int], bool]]:
        """Tests of a passage being in the list of headings the question numbers in: of as
        many headings as it counts ("八项工作中的第七项"), in the part it names ("重点工作的最后
        一项"; items only)."""
        tests = []
        if (size := query.list_size) is not None:
            tests.append(lambda i: self._ordinals.list_size(i, level) == size)
        if level and query.part_named:
            tests.append(self._in_part_named(query, level))
        return tests

    def _in_part_named(self, query: Query, level: int) -> Callable[[int], bool]:
        """Is passage i in a part whose heading names the part a question names before its
        item ("重点工作的最后一项": 三、扎实抓好全年重点工作), or, where no heading of its report
        does, whose opening paragraph names it in one sentence ("三、坚定不移推动高质量发展" opens
        "围绕全年目标，…重点抓好以下工作。")?"""
        words = query.part_named
        pieces = [p for w in words for p in self.tokenizer.words(w)]

        def named(heading: tuple[str, ...]) -> bool:
            return all(w in self._fold_section(heading) for w in words)

        def within(i: int) -> bool:
            if named(self.passages.section(i)[:1]):
                return True
            leads = self._part_leads(self.passages.range_of(i))
            if any(named(part) for part in leads):
                return False  # a heading names it: that part only
            lead = leads.get(self.passages.section(i)[:1], "")
            if any(  # the sentence that introduces the items ("…重点抓好以下工作。")
                "以下" in lead[s:e] and all(p in lead[s:e] for p in pieces)
                for s, e in sentence_spans(lead)
            ):
                return True
            # or the paragraph right before the list, naming it ("今年，我们要继续实施“十项民生
            # 工程”：" before （一）…（十）)
            intro = self._list_intro(i, level)
            return intro.rstrip().endswith(("：", ":")) and all(p in intro for p in pieces)

        return within

    def _list_intro(self, i: int, level: int) -> str:
        """The folded paragraph right before the first heading at `level` of the list passage
        i is in (under the same headings above it, itself under none at that level), or ""."""
        section = self.passages.section
        parent, start = section(i)[:level], self.passages.range_of(i)[0]
        if len(parent) < level:
            return ""
        j = i
        while j > start and len(above := section(j - 1)) > level and above[:level] == parent:
            j -= 1
        opening = j > start and section(j - 1) == parent
        return self._folded[j - 1] if opening else ""

    def _find_part_leads(self, span: tuple[int, int]) -> dict[tuple[str, ...], str]:
        """The folded opening paragraph of each part (top-level heading) of the report whose
        passages are `span`: its first passage under no lower heading."""
        leads: dict[tuple[str, ...], str] = {}
        for i in range(*span):
            path = self.passages.section(i)
            if len(path) == 1 and path not in leads and int(self.passages.paragraph[i]) > 0:
                leads[path] = self.tokenizer.fold(self.passages.text(i))
            elif len(path) > 1:
                leads.setdefault(path[:1], "")  # a part that opens on its first item
        return leads

    def _ranges(self, scope: Sequence[str]) -> tuple[tuple[int, int], ...]:
        """The passage number ranges of the reports in `scope` (read-only: kept for the last
        few scopes, as a year's ~550 reports take ~90 µs and are asked twice an answer)."""
        return self._scope_ranges(tuple(scope))

    def _find_ranges(self, scope: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
        numbers = [self._report_number[n] for n in scope if n in self._report_number]
        return tuple(self.passages.report_ranges(numbers))

    def _earlier_reports(self, scope: Sequence[str]) -> list[Report]:
        """The other reports of the one region in `scope`, latest first."""
        if len(scope) != 1 or scope[0] not in self.reports:
            return []
        meta = self.reports[scope[0]].meta
        return [r for r in self._by_region.get(meta.code or meta.region, ()) if r.name != scope[0]]

    @functools.cached_property
    def _by_region(self) -> dict[str | None, list[Report]]:
        """Every report by its region (code, else name), latest first: made once."""
        regions: dict[str | None, list[Report]] = {}
        for r in self.reports.values():
            regions.setdefault(r.meta.code or r.meta.region, []).append(r)
        for reports in regions.values():
            reports.sort(key=lambda r: (-(r.meta.plan_year or 0), r.name))
        return regions
