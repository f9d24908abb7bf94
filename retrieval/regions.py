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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from .divisions import Division, Gazetteer, load_gazetteer, read_abbreviations
from .models import RegionMatch, Report
from .region_typos import TypoFinder
from .report_years import YearPicker, pick_by_year
from .short_years import full_years, has_short_year, year_slots

MAX_NAME = 12  # the longest division name looked for
# What a word may swallow after a name ("辽源市|长", "四川|人"): the name still ends before it.
_SUFFIX_CHARS = "省市区县旗州盟人"
# Words that mean the whole country, when a national report is loaded. Only 国务院 and
# 中华人民共和国 name the author; 全国/中国/国家 stay in the question as words too.
NATIONAL_WORDS = ("中华人民共和国", "国务院", "全国", "中国", "国家", "我国")
_AUTHOR_WORDS = ("中华人民共和国", "国务院")
# "2025年政府工作报告…" naming no place means the State Council's report, as it does in speech.
# A place's own report asked for, right after its name: "广州市2024年政府工作报告", "广州的报告"
_OWN_REPORT = re.compile(
    r"(?:(?:19|20)\d\d年)?(?:的|度)?(?:政府)?工作报告|(?:的|今年的|去年的)报告"
)
_REPORT_WORD = "政府工作报告"  # named where the subject stands: not "保订市…", "各省…"
_GOVERNMENT = "政府"
# What follows a place name when it names a street, a school or a sight, not the region.
_LANDMARK = re.compile(r"路|街|大道|巷|胡同|桥|广场|公园|大学|学院|中学|小学|医院|机场|车站|风景")
# What may stand before the place a question is about: lead-in words, a year, a time.
_LEAD_IN = re.compile(
    r"^(?:请问|那么|那|关于|我想知道|想知道|问一下|说说|讲讲|介绍一下|听说)?[，,、\s]*"
    r"(?:(?:19|20)\d\d年|今年|去年|明年|前年|近年来?|过去[一二三四五\d]年)?(?:的)?"
    r"(?:在|到|去|据|根据)?"  # "在辽宁大连买海鲜…": the place after the preposition
)
# What follows a county's short name when it names the place: a year, a relative year, 的.
_AFTER_PLACE = re.compile(r"(?:19|20)?\d\d年(?!来|一遇)|今年|去年|前年|明年|近年|的|[，,]")
# What follows a province's one-character abbreviation where it names the place asked about:
# a year or a time ("鄂今年…", "粤2024年…"); "新的一年" is no 新疆.
_AFTER_ABBREVIATION = re.compile(r"(?:19|20)\d\d年|今年|去年|前年|明年|近年|近几年|这几年|过去")


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    divisions: tuple[Division, ...]


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
        self._common = is_common_word
        self._abbreviations = read_abbreviations()
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

    # -- finding places ---------------------------------------------------------------------

    def _mentions(self, text: str) -> list[_Mention]:
        """Division names in a folded question, leftmost-longest, standing as words.

        A run of names may be one jieba word ("上海浦东新区"): a name must start where a word
        starts or the name before it ends, and end where a word ends or another name begins.
        """
        spans = self._spans(text)
        starts = {s for _, s, _ in spans}
        ends = {e for _, _, e in spans}
        # "辽源市|长": a word that swallowed a place's suffix still ends a short form before it.
        ends |= {e - 1 for w, _, e in spans if len(w) > 2 and w[-1] in _SUFFIX_CHARS}
        # "山东省政府|工作报告": jieba joins a place to 政府; the place still ends before it.
        ends |= {e - len(_GOVERNMENT) for w, _, e in spans
                 if len(w) > len(_GOVERNMENT) and w.endswith(_GOVERNMENT)}  # fmt: skip
        glued = {s for w, s, e in spans if len(w) > 1}  # a word of two characters or more starts
        found: list[_Mention] = []
        if abbreviated := self._abbreviated_province(text, spans):
            found.append(abbreviated)
        i = found[0].end if found else 0
        while i < len(text):
            after_name = bool(found) and found[-1].end == i
            for length in (
                range(min(MAX_NAME, len(text) - i), 1, -1) if (i in starts or after_name) else ()
            ):
                end = i + length
                divisions = self.gazetteer.lookup(text[i:end])
                if not divisions or not (end in ends or self._name_at(text, end)):
                    continue
                kept = self._accept(text, divisions, i, end, found, glued)
                if kept:
                    found.append(_Mention(i, end, kept))
                    i = end
                    break
            else:
                i += 1
        return found

    def _abbreviated_province(
        self, text: str, spans: list[tuple[str, int, int]]
    ) -> _Mention | None:
        """A province by its one-character abbreviation (简称), a word of its own where the
        question's subject stands, before a year or a time: "鄂今年给老百姓办多少件实事"."""
        lead = _LEAD_IN.match(text)
        at = lead.end() if lead else 0
        code = self._abbreviations.get(text[at : at + 1])
        if code is None or (text[at], at, at + 1) not in spans:
            return None
        if not _AFTER_ABBREVIATION.match(text, at + 1):
            return None
        return _Mention(at, at + 1, (self.gazetteer.get(code),))

    def _name_at(self, text: str, i: int) -> bool:
        return any(self.gazetteer.lookup(text[i : i + n]) for n in range(2, MAX_NAME + 1))

    def _accept(
        self,
        text: str,
        divisions: tuple[Division, ...],
        start: int,
        end: int,
        before: Sequence[_Mention],
        glued: set[int],
    ) -> tuple[Division, ...]:
        """What a name found at start:end may mean here; empty: it is no place name here.

        A full name counts unless its suffix begins a longer word (辽源市长: 市长). A short
        form must stand as a word of its own and name a province or a city, a county right
        after its own parent (四平铁东), or a loaded report's county: where the question's
        subject stands, or elsewhere if it is not a common word (和平, 仙桃).
        """
        name = text[start:end]
        full = tuple(
            d
            for d in divisions
            if name == d.name or name in self.gazetteer.former_names(d) or self._is_alias(name, d)
        )
        if full:
            # "辽源市长", "阜平县城": the suffix is the start of a word; the short form is the name.
            word = text[end - 1 : end + 1]
            runs_on = len(word) == 2 and self._common(word) and self.gazetteer.short_forms(full[0])
            if runs_on or ((end - 1) in glued and (end - 1) != start):
                return ()
            if before and before[-1].end == start and self._common(name):
                # "高唐城区": a county's name that is also a word (城区, 解放区) right after a
                # place it is not part of is the word ("高唐's town area")
                above = {d.code for d in before[-1].divisions}  # "山西城区": 阳泉's, in 山西
                return tuple(d for d in full if above & self._ancestors(d))
            return full
        if _LANDMARK.match(text, end):  # 桂林路, 黄山风景区: a name used for something else
            return ()
        if before and before[-1].end == start:
            parents = {d.code for d in before[-1].divisions}
            narrow = tuple(d for d in divisions if d.parent in parents)
            if narrow:
                return narrow
        wide = tuple(d for d in divisions if d.level != "county")
        if wide:
            return wide
        covered = tuple(d for d in divisions if d.code in self._covered)
        lead = _LEAD_IN.match(text)
        at_subject = start == (lead.end() if lead else 0)  # "仙桃粮食产量": the question's subject
        if covered:
            return covered if at_subject or not self._common(name) else ()
        # "定州2024年GDP": a county no report covers, named where the subject stands and
        # followed by a year or 的, is still the place asked about (its parent's report must
        # then name it); "双城经济圈", "灯塔工厂" are words, not places.
        named_alone = at_subject and _AFTER_PLACE.match(text, end) is not None
        return divisions if named_alone and not self._common(name) else ()

    def _ancestors(self, d: Division) -> set[str]:
        return {a.code for a in self.gazetteer.chain(d)[:-1]}

    def _is_alias(self, name: str, d: Division) -> bool:
        return name not in self.gazetteer.short_forms(d) and len(self.gazetteer.lookup(name)) == 1

    def _chains(
        self, text: str, found: list[_Mention]
    ) -> list[tuple[str, int, tuple[Division, ...]]]:
        """Runs of adjacent names ("沈阳市和平区"), each narrowed to what its last name means."""
        chains: list[tuple[str, int, tuple[Division, ...]]] = []
        run: list[_Mention] = []
        for m in [*found, None]:
            if m is not None and run and run[-1].end == m.start:
                run.append(m)
                continue
            if run:
                candidates = run[-1].divisions
                for earlier in run[:-1]:
                    codes = {d.code for d in earlier.divisions}
                    narrowed = tuple(
                        c
                        for c in candidates
                        if any(a.code in codes for a in self.gazetteer.chain(c))
                    )
                    candidates = narrowed or candidates
                chains.append((text[run[0].start : run[-1].end], run[0].start, candidates))
            run = [m] if m is not None else []
        return chains

    # -- routing ----------------------------------------------------------------------------

    def full_years(self, question: str) -> str:
        """The question with its two-digit years written in full (short_years.py), those
        after a word only where they follow a place's name."""
        if not has_short_year(question):
            return question
        text = self._fold(question)
        if len(text) != len(question):  # folding moved the places: only openings count
            return full_years(question)
        ends = [m.end for m in self._mentions(text)]
        return full_years(question, year_slots(ends, self._spans(text)))

    def match(self, question: str) -> RegionMatch:
        """The reports a question means (see the module's docstring)."""
        text = self._fold(question)
        chains = self._chains(text, self._mentions(text))
        names = tuple(name for name, _, _ in chains)
        lead = _LEAD_IN.match(text)
        subject = lead.end() if lead else 0  # where the place the question is about stands
        own: list[Report] = []
        near: tuple[str, list[Report], str, Division, int] | None = (
            None  # a parent's or children's reports, and where the place's name ends
        )
        only = unknown = None
        for name, start, divisions in chains:
            if hits := [r for d in divisions for r in self._by_code.get(d.code, [])]:
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
        if typo := self._typos.suggest(text[subject:]):
            return RegionMatch((), unknown=typo[0], suggestion=typo[1])
        every = self._every
        return pick_by_year(every.reports, text, (), len(self._reports), False, every)

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
