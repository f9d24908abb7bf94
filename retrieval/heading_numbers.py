"""The numbers of a report's headings: markers (二、, （三）, 二是, 第三，) and places.

One report's section paths in reading order are read here: which heading a passage is under
at a level, by its marker where the report numbers that level, else by its place among the
headings under the same parent; the last heading at a level ("最后一部分"). A report that
numbers a level may head one list at it with plain lines (合肥 2013: its review's items are
（一）, （二）…, its plan's seven aims are not): such a list is read by place only when the
question counts it ("在七个方面实现新跨越，第三个方面": a list of seven), or the plain headings
of every part would compete with the numbered ones. The header (报告信息) is no part;
annexes and glossaries come last and count for nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from .question import numeral, numeral_value
from .question_cues import LAST

HEADER = ("报告信息",)  # the header section (retrieval/sections.py)
ANY_SIZE = -1  # _plain_lists: every plain list, whatever its length (list_sizes)
APPENDIX = re.compile(r"^(?:附件|附录|名词解释|注释|注解)")
_NUMERALS = "一二三四五六七八九十"


def _item_marks(n: str) -> str:
    """An item numbered n (a pattern) marked "（二）" or, as a heading of its own, "二是…" or
    "第三，…" ("二是大力推动产业转型升级", "第三，全面推进乡村振兴")."""
    return rf"[(（]{n}[)）]|{n}是|第{n}[，,、]"


_MARKER_NUMBER = re.compile(rf"^(?:{_item_marks(f'([{_NUMERALS}]+)')}|([{_NUMERALS}]+)、)")
MARKED = (  # a heading numbered at level 0 (二、), at 1 or deeper (（二）, 二是, 二、)
    re.compile(rf"^[{_NUMERALS}]+、"),
    re.compile(rf"^(?:{_item_marks(f'[{_NUMERALS}]+')}|[{_NUMERALS}]+、)"),
)


def marker(n: int, level: int) -> re.Pattern[str]:
    """The marker of heading n at `level` (0: 二、, 1: （二）, 二是, 第二， or, where a part
    without a number holds them, 二、: "2022年主要工作" then "一、着力推进创新驱动发展")."""
    written = numeral(n)
    return re.compile(
        rf"^{written}、" if level == 0 else rf"^(?:{_item_marks(written)}|{written}、)"
    )


def heading_places(sections: Sequence[tuple[str, ...]], level: int) -> np.ndarray:
    """For each passage's section path (one report, reading order): the place (from 1) of its
    heading at `level` among the headings under the same parent; 0 where it has none."""
    seen: dict[tuple[str, ...], dict[str, int]] = {}
    places = np.zeros(len(sections), dtype=np.int32)
    for i, section in enumerate(sections):
        if len(section) > level and section[:1] != HEADER:
            siblings = seen.setdefault(section[:level], {})
            places[i] = siblings.setdefault(section[level], len(siblings) + 1)
    return places


def numbered(sections: Sequence[tuple[str, ...]], level: int) -> bool:
    """Does the report number its headings at `level` with markers?"""
    pattern = MARKED[min(level, 1)]
    return any(len(s) > level and pattern.match(s[level]) for s in sections)


def _plain_lists(
    sections: Sequence[tuple[str, ...]], level: int, size: int | None
) -> tuple[np.ndarray, set[tuple[str, ...]]]:
    """The places at `level` (heading_places) and the parents whose plain headings count by
    them in a report that numbers the level: those with `size` headings, none carrying a
    marker, in no annex or glossary (ANY_SIZE: every such list, as list_sizes reads them;
    a list of the size asked plus one plain line more, "为此，要抓好以下工作", is not it)."""
    places = heading_places(sections, level)
    if size is None:
        return places, set()
    pattern = MARKED[min(level, 1)]
    counts: dict[tuple[str, ...], int] = {}
    marked: set[tuple[str, ...]] = set()
    for s, place in zip(sections, places.tolist(), strict=True):
        if place and not APPENDIX.match(s[0]):
            counts[s[:level]] = max(counts.get(s[:level], 0), place)
            if pattern.match(s[level]):
                marked.add(s[:level])
    plain = {p for p, count in counts.items() if p not in marked and size in (count, ANY_SIZE)}
    return places, plain


def under_last(
    sections: Sequence[tuple[str, ...]], level: int, size: int | None = None
) -> np.ndarray:
    """Which passages lie under the last heading at `level` of their parent ("最后一部分",
    "重点任务最后一项"): the highest marker where the report numbers that level, else the last
    place (and of a plain list of `size` headings); annexes and glossaries are no part and
    count for nothing."""
    numbers, last = _numbers_and_last(sections, level, size)
    pairs = zip(sections, numbers.tolist(), strict=True)
    return np.fromiter(
        (bool(n) and n == last.get(s[:level]) for s, n in pairs),
        dtype=bool,
        count=len(sections),
    )


def list_sizes(sections: Sequence[tuple[str, ...]], level: int) -> np.ndarray:
    """For each passage under a heading at `level`: how many headings that level of its parent
    has (the highest marker, or the last place where the level has no markers; "八项工作中的
    第七项" is (七) of the part with eight items; a plain list is counted too); 0 for the
    others."""
    numbers, last = _numbers_and_last(sections, level, ANY_SIZE)
    pairs = zip(sections, numbers.tolist(), strict=True)
    return np.fromiter(
        (last.get(s[:level], 0) if n else 0 for s, n in pairs), dtype=np.int32, count=len(sections)
    )


def _numbers_and_last(
    sections: Sequence[tuple[str, ...]], level: int, size: int | None
) -> tuple[np.ndarray, dict[tuple[str, ...], int]]:
    """Each passage's heading number at `level` (_heading_numbers; 0: none, annexes and
    glossaries included) and each parent's last."""
    numbers = _heading_numbers(sections, level, size)
    last: dict[tuple[str, ...], int] = {}
    for i, section in enumerate(sections):
        if section[:1] and APPENDIX.match(section[0]):
            numbers[i] = 0
        elif numbers[i]:
            last[section[:level]] = max(last.get(section[:level], 0), int(numbers[i]))
    return numbers, last


def _heading_numbers(
    sections: Sequence[tuple[str, ...]], level: int, size: int | None
) -> np.ndarray:
    """Each passage's heading number at `level`: its marker where the report numbers that
    level (its place in a plain list of `size` headings: _plain_lists), else its place; 0
    where it has none."""
    if not numbered(sections, level):
        return heading_places(sections, level)
    places, plain = _plain_lists(sections, level, size)
    return np.fromiter(
        (0 if len(s) <= level else place if s[:level] in plain else marker_number(s[level])
         for s, place in zip(sections, places.tolist(), strict=True)),
        dtype=np.int32,
        count=len(sections),
    )  # fmt: skip


def marker_number(heading: str) -> int:
    """The number a heading is marked with ("（三）…", "三是…", "三、…": 3); 0 if none."""
    m = _MARKER_NUMBER.match(heading)
    written = next((g for g in m.groups() if g), None) if m else None
    return numeral_value(written) if written else 0


def marked_number(heading: str, level: int) -> int:
    """The n whose marker(n, level) `heading` opens with ("二、…" at 0; "（三）…", "三是…",
    "第三，…" or "三、…" at 1 or deeper), 0 if none (and no heading is marked 0: marker(0, …)
    is "零、", which no heading opens with); read once a heading for every n asked."""
    return marker_number(heading) if level or MARKED[0].match(heading) else 0


def under_heading(
    sections: Sequence[tuple[str, ...]], n: int, level: int, size: int | None = None
) -> np.ndarray:
    """Which passages (one report's section paths, reading order) lie under heading n at
    `level` (LAST: the last one): by marker where the report has markers at that level (by
    place in a plain list of `size` headings, the size the question counts), else by place
    (every list, whatever its size: a report with no markers has no other reading)."""
    if n == LAST:
        return under_last(sections, level, size)
    if numbered(sections, level):
        wanted = marker(n, level)
        at, plain = _plain_lists(sections, level, size)
        return np.fromiter(
            (len(s) > level and (place == n if s[:level] in plain else bool(wanted.match(s[level])))
             for s, place in zip(sections, at.tolist(), strict=True)),
            dtype=bool,
            count=len(sections),
        )  # fmt: skip
    places: np.ndarray = heading_places(sections, level) == n
    return places
