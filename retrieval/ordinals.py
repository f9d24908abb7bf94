"""第二部分 / 第三项: the passages under the heading a question numbers.

A report that numbers its headings at that level (二、 for parts, （三） for items) is read
by its markers, but for a list of plain lines as long as the question counts ("在七个方面…，
第三个方面": heading_numbers._plain_lists). One that does not (many county reports head their
parts with plain lines, "2022年工作安排") is read by place: the n-th distinct heading at that
level under the same parent, in reading order. The header (报告信息) is no part; annexes and
glossaries come last, so they never shift the parts before them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from .heading_numbers import APPENDIX, HEADER, MARKED, list_sizes, marked_number, under_heading
from .question_cues import LAST
from .ranges import disjoint, positions

if TYPE_CHECKING:
    from .store import PassageTable

# Report ranges above which a question's bonus is read from the corpus-wide answer (all
# reports at once, kept for the question's heading) rather than report by report: at 300k
# passages (2,400 reports) the corpus-wide answer takes 5-22 ms once, each report ~0.05 ms
# (the bench's "溪石区2021年重点工作第一项的标题是什么", over 2021's reports: 37 ms on a first ask).
# Not the last heading (最后一部分): that is read report by report either way.
EVERYWHERE_ABOVE = 100


def _matching(heads: Sequence[str], pattern: re.Pattern[str]) -> np.ndarray:
    """Which of the headings match, and one False more (for the -1 of "no heading")."""
    out = np.zeros(len(heads) + 1, dtype=bool)
    out[:-1] = np.fromiter((bool(pattern.match(h)) for h in heads), dtype=bool, count=len(heads))
    return out


def _places(report: np.ndarray, parent: np.ndarray, head: np.ndarray) -> np.ndarray:
    """heading_places of many reports at once: for passages in reading order, their report,
    the number of their headings above the level (-1: no place) and of their heading at it;
    each one's place from 1 among the headings under the same parent, 0 for none."""
    places = np.zeros(len(report), dtype=np.int32)
    at = np.flatnonzero(parent >= 0)
    if not len(at):
        return places
    group = report[at].astype(np.int64) * (int(parent.max()) + 1) + parent[at]
    width = int(head.max()) + 1
    items, first, inverse = np.unique(group * width + head[at], True, True)
    by_first = np.argsort(first, kind="stable")  # headings in order of first appearance
    groups = items[by_first] // width
    by_group = np.argsort(groups, kind="stable")  # then by parent, that order kept in each
    ordered = groups[by_group]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    rank = np.arange(len(ordered)) - np.repeat(starts, np.diff(np.r_[starts, len(ordered)]))
    place = np.empty(len(items), dtype=np.int32)
    place[by_first[by_group]] = rank + 1
    places[at] = place[inverse.ravel()]
    return places


class OrdinalBonus:
    """The score bonus of passages under heading n: report by report over a few reports (each
    report's answer kept), from one corpus-wide answer over many (kept per heading asked)."""

    def __init__(self, table: PassageTable, bonus: float, kept: int = 8192) -> None:
        self._table = table
        self._bonus = bonus
        self._under = functools.lru_cache(maxsize=kept)(self._report_under)
        self._sizes = functools.lru_cache(maxsize=64)(self._report_sizes)
        self._everywhere = functools.lru_cache(maxsize=8)(self._all_reports)
        self._heads = functools.lru_cache(maxsize=4)(self._section_heads)
        self._marks = functools.lru_cache(maxsize=4)(self._heading_marks)
        self._parents = functools.lru_cache(maxsize=4)(self._section_parents)

    def _section_heads(self, level: int) -> tuple[np.ndarray, list[str]]:
        """Each distinct section path's heading at `level` as a number into the distinct
        headings (-1: the path has none at that level), and those headings."""
        numbers: dict[str, int] = {}
        ids = np.fromiter(
            (numbers.setdefault(s[level], len(numbers)) if len(s) > level else -1
             for s in self._table.sections),
            dtype=np.int64,
            count=len(self._table.sections),
        )  # fmt: skip
        return ids, list(numbers)

    def _heading_marks(self, level: int) -> tuple[np.ndarray, np.ndarray]:
        """For each distinct heading at `level` (_section_heads, and one more for "none"):
        is it numbered (MARKED), and the n of its marker(n, level), -1 where none (so that no
        heading is under "第0项"), read once for every heading n asked (read-only)."""
        _, heads = self._heads(level)
        numbers = np.full(len(heads) + 1, -1, dtype=np.int64)
        numbers[:-1] = np.fromiter((marked_number(h, level) or -1 for h in heads),
                                   dtype=np.int64, count=len(heads))  # fmt: skip
        marked = _matching(heads, MARKED[min(level, 1)])
        marked.flags.writeable = numbers.flags.writeable = False
        return marked, numbers

    def _section_parents(self, level: int) -> np.ndarray:
        """Each distinct section path's headings above `level` as a number, -1 where
        heading_places gives it no place (no heading at `level`, or the header)."""
        numbers: dict[tuple[str, ...], int] = {}
        return np.fromiter(
            (numbers.setdefault(s[:level], len(numbers))
             if len(s) > level and s[:1] != HEADER else -1
             for s in self._table.sections),
            dtype=np.int64,
            count=len(self._table.sections),
        )  # fmt: skip

    def _all_reports(self, n: int, level: int, size: int | None = None) -> np.ndarray:
        """Which passages of every report lie under heading n at `level`, at once: by marker
        (each distinct heading's number, _heading_marks), for the reports that number
        `level`; by place, all at once, for the others; report by report for LAST, and for
        the reports that number the level and head a list of `size` headings with plain
        lines (heading_numbers._plain_lists)."""
        table = self._table
        under = np.zeros(len(table), dtype=bool)
        if n == LAST:
            by_place = list(range(len(table.reports)))
        else:
            ids, _ = self._heads(level)
            marked, numbers = self._marks(level)
            marked, wanted = marked[ids], (numbers == n)[ids]
            counts = np.bincount(table.report_idx, marked[table.section_idx], len(table.reports))
            by_marker = counts > 0
            under = by_marker[table.report_idx] & wanted[table.section_idx]
            by_place = [] if size is None else self._plain_list_reports(level, size, by_marker)
            plain = np.flatnonzero(~by_marker[table.report_idx])
            sections = table.section_idx[plain]
            places = _places(table.report_idx[plain], self._parents(level)[sections], ids[sections])
            under[plain] = places == n
        for r in by_place:
            lo, hi = table.report_range(r)
            under[lo:hi] = self._under(lo, hi, n, level, size)
        under.flags.writeable = False  # kept and shared between questions: a bit a passage,
        return under  # not the 8 bytes of its bonus

    def _plain_list_reports(self, level: int, size: int, numbered: np.ndarray) -> list[int]:
        """The reports among `numbered` (a bool a report) with a parent whose headings at
        `level` are `size` plain lines, none with a marker, in no annex or glossary: those
        heading_numbers._plain_lists reads by place."""
        table, parent_of = self._table, self._parents(level)
        ids, heads = self._heads(level)
        annex = np.fromiter((bool(s) and bool(APPENDIX.match(s[0])) for s in table.sections),
                            dtype=bool, count=len(table.sections))  # fmt: skip
        at = np.flatnonzero(((parent_of >= 0) & ~annex)[table.section_idx])  # passages counted
        sections = table.section_idx[at]
        width = int(parent_of.max(initial=0)) + 1  # a (report, parent) pair as one number
        group = table.report_idx[at].astype(np.int64) * width + parent_of[sections]
        groups, inverse = np.unique(group, return_inverse=True)
        inverse = inverse.ravel()
        marked = np.bincount(inverse, self._marks(level)[0][ids][sections], len(groups)) > 0
        pairs = np.unique(inverse.astype(np.int64) * (len(heads) + 1) + ids[sections])
        counts = np.bincount(pairs // (len(heads) + 1), minlength=len(groups))  # headings each
        reports = np.unique(groups[~marked & (counts == size)] // width)
        return [int(r) for r in reports if numbered[r]]

    def _report_under(
        self, lo: int, hi: int, n: int, level: int, size: int | None = None
    ) -> np.ndarray:
        table = self._table
        sections = [table.sections[j] for j in table.section_idx[lo:hi].tolist()]
        return under_heading(sections, n, level, size)

    def _report_sizes(self, lo: int, hi: int, level: int) -> np.ndarray:
        table = self._table
        return list_sizes([table.sections[j] for j in table.section_idx[lo:hi].tolist()], level)

    def list_size(self, i: int, level: int) -> int:
        """How many headings at `level` the parent of passage i's heading there has (0: it
        is under none; heading_numbers.list_sizes)."""
        lo, hi = self._table.range_of(i)
        return int(self._sizes(lo, hi, level)[i - lo])

    def bonus(
        self, n: int, level: int, ranges: Sequence[tuple[int, int]] | None, size: int | None = None
    ) -> np.ndarray:
        """Every passage's bonus (zero outside `ranges`, when given: whole reports' ranges,
        as the engine's scopes give them): heading n at `level` (0: parts, 1: items) of a list
        of `size` headings, when the question counts it."""
        if ranges is None:
            everywhere: np.ndarray = self._everywhere(n, level, size) * self._bonus
            return everywhere
        out = np.zeros(len(self._table))
        if n != LAST and len(ranges) > EVERYWHERE_ABOVE:
            # a year's reports (~550 at 300k passages): the corpus-wide answer, read at theirs
            at = positions(ranges)
            out[at] = self._everywhere(n, level, size)[at] * self._bonus
        elif ranges:  # each report's kept answer, put in place at once
            under = np.concatenate([self._under(lo, hi, n, level, size) for lo, hi in ranges])
            out[positions(ranges)] = under * self._bonus
        return out

    def level_held(
        self,
        n: int,
        ranges: Sequence[tuple[int, int]],
        named: Callable[[int], bool] = lambda i: True,
        size: int | None = None,
    ) -> int:
        """1 (items) where `ranges` have an item n and no part n, or none that is the part
        the question names (`named`: does passage i's part heading name it), else 0: 第八部分
        of reports with three parts is the eighth item, and so is "重点工作的第二部分" where
        part 二 is not 重点工作 ("工作安排第二部分" of a report whose 二 is 工作安排 is 二)."""
        if disjoint(ranges):  # report ranges: read report by report, no corpus-wide array
            if self._first_under(n, 1, ranges, size) is None:
                return 0
            first = self._first_under(n, 0, ranges, size)
            return int(first is None or not named(first))
        if not self.bonus(n, 1, ranges, size).any():
            return 0
        parts = np.flatnonzero(self.bonus(n, 0, ranges, size))
        return int(not any(named(int(i)) for i in parts[:1]))

    def _first_under(
        self, n: int, level: int, ranges: Sequence[tuple[int, int]], size: int | None
    ) -> int | None:
        """The lowest passage that bonus(n, level, ranges) gives a bonus (`ranges` disjoint),
        or None."""
        if self._bonus:
            for lo, hi in sorted(ranges):
                under = self._under(lo, hi, n, level, size) if hi > lo else None
                if under is not None and under.any():
                    return lo + int(np.argmax(under))
        return None

    def _bonus_at(
        self,
        docs: list[int],
        n: int,
        level: int,
        ranges: Sequence[tuple[int, int]] | None,
        size: int | None,
    ) -> dict[int, float]:
        """bonus(n, level, ranges)[d] of each of `docs`: the corpus-wide array (kept) without
        ranges, else each passage's report range read alone (`ranges` disjoint: a year's
        reports made a 300k-passage array for the few hits asked about, ~1 ms)."""
        if ranges is None:  # the kept mask: no corpus-wide array of bonuses made for a few
            under = self._everywhere(n, level, size)
            return {d: float(under[d]) * self._bonus for d in docs}
        if not disjoint(ranges):
            bonus = self.bonus(n, level, ranges, size)
            return {d: float(bonus[d]) for d in docs}
        bounds = sorted(ranges)
        los = np.array([lo for lo, _ in bounds], dtype=np.int64)
        at = np.searchsorted(los, np.array(docs, dtype=np.int64), side="right") - 1
        out = {}
        for d, r in zip(docs, at.tolist(), strict=True):
            lo, hi = bounds[r] if r >= 0 else (0, 0)
            under_report = self._under(lo, hi, n, level, size) if d < hi else None
            out[d] = float(under_report[d - lo]) * self._bonus if under_report is not None else 0.0
        return out

    def under_first(
        self,
        hits: list[tuple[int, float]],
        n: int,
        level: int,
        ranges: Sequence[tuple[int, int]] | None,
        depth: int,
        within: Sequence[Callable[[int], bool]] = (),
        size: int | None = None,
    ) -> list[tuple[int, float]]:
        """`hits` with those of the best `depth` that lie under heading n at `level` first:
        "第一项是什么" is answered under (一), not by a part's opening paragraph that shares
        more of the question's words ("重点做好9项工作"). Further down the question's other
        words decide ("十件民生实事里的第一条" is no （一） of the plan). A part's opening
        passages (above the level asked) do not count against `depth`: "今后五年发展目标任务的
        第一项" is （一） of that part, however many of its opening paragraphs rank above it.
        `within`: tests of passage i being in the list the question names ("八项工作中的第七项":
        one of eight headings; "重点工作的最后一项": in that part), all of them, else the first
        that some of `hits` under heading n pass, puts those first from all of `hits`."""
        bonus = self._bonus_at([d for d, _ in hits], n, level, ranges, size)
        every = [lambda i: all(test(i) for test in within)] if len(within) > 1 else []
        for test in [*every, *within]:  # in every list named, else in the first one named
            if named := [h for h in hits if bonus[h[0]] > 0 and test(h[0])]:
                return [*named, *(h for h in hits if h not in named)]  # in the list named
        table, window, counted = self._table, [], 0
        for h in hits:
            if counted == depth:
                break
            window.append(h)
            counted += len(table.sections[table.section_idx[h[0]]]) > level
        under = [h for h in window if bonus[h[0]] > 0]
        return [*under, *(h for h in hits if h not in under)] if under else hits

    def is_under(self, i: int, n: int, level: int, size: int | None = None) -> bool:
        """Is passage i under heading n at `level` of its report (in a list of `size`
        headings, when the question counts it)? (its report's sections only)"""
        lo, hi = self._table.range_of(i)
        return bool(self._under(lo, hi, n, level, size)[i - lo] * self._bonus > 0)
