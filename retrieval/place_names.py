"""Place names in a question: division names found as words, leftmost-longest.

Full names (河南省), short forms (河南), names after their parent (四平铁东区), sourced
abbreviations (呼市) and a province's one-character abbreviation where the subject stands
("鄂今年…"); a name that is a common word elsewhere ("和平", "城区") only where it names the
place asked about. regions.py routes a question to reports with what is found here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .divisions import Division, Gazetteer, read_abbreviations

MAX_NAME = 12  # the longest division name looked for
# What a word may swallow after a name ("辽源市|长", "四川|人"): the name still ends before it.
_SUFFIX_CHARS = "省市区县旗州盟人"
_AUTONOMOUS_SUFFIXES = ("自治区", "自治州", "自治县", "自治旗")
_GOVERNMENT = "政府"
# What follows a place name when it names a street, a school or a sight, not the region.
_LANDMARK = re.compile(r"路|街|大道|巷|胡同|桥|广场|公园|风景")
# What may stand before the place a question is about: lead-in words, a year, a time.
LEAD_IN = re.compile(
    r"^(?:请问|那么|那|关于|我想知道|想知道|问一下|说说|讲讲|介绍一下|听说)?[，,、\s]*"
    r"(?:(?:19|20)\d\d年|今年|去年|明年|前年|近年来?|过去[一二三四五\d]年"
    r"|[春夏秋冬](?:天|季)|周末|现在|最近|平时)?(?:的)?"  # "冬天去长春玩…"
    r"(?:在|到|去|据|根据)?"  # "在辽宁大连买海鲜…": the place after the preposition
)
# What follows a county's short name when it names the place: a year, a relative year, 的.
_AFTER_PLACE = re.compile(r"(?:19|20)?\d\d年(?!来|一遇)|今年|去年|前年|明年|近年|的|[，,]")
# What follows a province's one-character abbreviation where it names the place asked about:
# a year or a time ("鄂今年…", "粤2024年…"); "新的一年" is no 新疆.
_AFTER_ABBREVIATION = re.compile(r"(?:19|20)\d\d年|今年|去年|前年|明年|近年|近几年|这几年|过去")


@dataclass(frozen=True, slots=True)
class Mention:
    """A division name found in a question: where, and what it may mean."""

    start: int
    end: int
    divisions: tuple[Division, ...]


class PlaceNames:
    """Finds the divisions a folded question names (see the module docstring)."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        spans: Callable[[str], list[tuple[str, int, int]]],
        is_common_word: Callable[[str], bool],
        covered: set[str],
    ) -> None:
        self.gazetteer = gazetteer
        self._spans = spans
        self._common = is_common_word
        self._abbreviations = read_abbreviations()
        self._covered = covered  # every division a loaded report is or lies under

    def mentions(self, text: str) -> list[Mention]:
        """Division names in a folded question, leftmost-longest, standing as words.

        A run of names may be one jieba word ("上海浦东新区"): a name must start where a word
        starts or the name before it ends, and end where a word ends or another name begins.
        """
        spans = self._spans(text)
        starts = {s for _, s, _ in spans}
        ends = {e for _, _, e in spans}
        # "辽源市|长": a word that swallowed a place's suffix still ends a short form before it.
        ends |= {e - 1 for w, _, e in spans if len(w) > 2 and w[-1] in _SUFFIX_CHARS}
        # "新疆自治区|去年": one jieba word, the short name before its suffix said loosely
        ends |= {e - len(suffix) for w, _, e in spans for suffix in _AUTONOMOUS_SUFFIXES
                 if len(w) > len(suffix) + 1 and w.endswith(suffix)}  # fmt: skip
        # "山东省政府|工作报告": jieba joins a place to 政府; the place still ends before it.
        ends |= {e - len(_GOVERNMENT) for w, _, e in spans
                 if len(w) > len(_GOVERNMENT) and w.endswith(_GOVERNMENT)}  # fmt: skip
        glued = {s for w, s, e in spans if len(w) > 1}  # a word of two characters or more starts
        found: list[Mention] = []
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
                    found.append(Mention(i, end, kept))
                    i = end
                    break
            else:
                i += 1
        return found

    def _abbreviated_province(self, text: str, spans: list[tuple[str, int, int]]) -> Mention | None:
        """A province by its one-character abbreviation (简称), a word of its own where the
        question's subject stands, before a year or a time: "鄂今年给老百姓办多少件实事"."""
        lead = LEAD_IN.match(text)
        at = lead.end() if lead else 0
        code = self._abbreviations.get(text[at : at + 1])
        if code is None or (text[at], at, at + 1) not in spans:
            return None
        if not _AFTER_ABBREVIATION.match(text, at + 1):
            return None
        return Mention(at, at + 1, (self.gazetteer.get(code),))

    def _name_at(self, text: str, i: int) -> bool:
        return any(self.gazetteer.lookup(text[i : i + n]) for n in range(2, MAX_NAME + 1))

    def _accept(
        self,
        text: str,
        divisions: tuple[Division, ...],
        start: int,
        end: int,
        before: Sequence[Mention],
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
        lead = LEAD_IN.match(text)
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

    def chains(
        self, text: str, found: list[Mention]
    ) -> list[tuple[str, int, tuple[Division, ...]]]:
        """Runs of adjacent names, each name in the one before ("沈阳市和平区"), each narrowed
        to what its last name means; a name not in the one before it starts a run of its own
        ("宁波舟山港": 宁波 and 舟山, two places side by side)."""
        chains: list[tuple[str, int, tuple[Division, ...]]] = []
        run: list[Mention] = []
        for m in [*found, None]:
            if m is not None and run and run[-1].end == m.start and self._inside(m, run[-1]):
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

    def _inside(self, name: Mention, before: Mention) -> bool:
        """Does one place `name` may mean lie in one `before` may mean?"""
        codes = {d.code for d in before.divisions}
        return any(a.code in codes for d in name.divisions for a in self.gazetteer.chain(d)[:-1])
