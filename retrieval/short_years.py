"""Two-digit years ("23年") read as years in full ("2023年") where they mean a year.

"23年" opening the question or a clause is a year; after a word it is a year only where it
follows a place's name, directly or after one or two short words ("海拉尔14年旅游收入",
"海拉尔棚改15年"): elsewhere "运营10年", "推行15年免费教育" or "改革开放40年" are spans of
years. Never after a word that makes the digits a span or a count ("连续23年", "近10年",
"历时12年"), nor before one that does ("10年来", "20年一遇").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?=年|\D|$)")
_SPAN_BEFORE = "近续第去时了有达满过约共这那每后前多几数余整足逾成经历用花耗长"
_OPENING = r"(?:^|(?<=[\s，,。；;：:？?！!、（(“\"]))"
_AFTER_WORD = r"(?<=[\u4e00-\u9fff])(?<![" + _SPAN_BEFORE + r"])"
_NOT_SPAN = r"年(?![来间内以后前多左里度代]|一遇)"
_SHORT_YEAR = re.compile(rf"(?:{_OPENING}|{_AFTER_WORD})(\d\d){_NOT_SPAN}")
_OPENING_YEAR = re.compile(rf"{_OPENING}(\d\d){_NOT_SPAN}")
MAX_BETWEEN = 4  # characters of the one or two words between a place and its year


def has_short_year(text: str) -> bool:
    """Whether `text` may hold a two-digit year to write in full (a cheap test first)."""
    return _YEAR.search(text) is None and _SHORT_YEAR.search(text) is not None


def year_slots(place_ends: Iterable[int], spans: list[tuple[str, int, int]]) -> set[int]:
    """Where a two-digit year may follow a word: right after a place's name, or after the
    one or two words (at most MAX_BETWEEN characters) that follow it. `spans`: the
    question's jieba words as (word, start, end)."""
    end_of = {s: e for _, s, e in spans}
    slots: set[int] = set()
    for end in place_ends:
        slots.add(end)
        at = end
        for _ in range(2):
            if (at := end_of.get(at, -1)) < 0 or at - end > MAX_BETWEEN:
                break
            slots.add(at)
    return slots


def full_years(text: str, slots: Collection[int] = ()) -> str:
    """The question with a two-digit year written in full ("23年" -> "2023年"), in a
    question that names no year in full. `slots`: where one may stand after a word."""
    if _YEAR.search(text):
        return text

    def full(m: re.Match[str]) -> str:
        if m.start() not in slots and not _OPENING_YEAR.match(text, m.start()):
            return m.group(0)
        return f"{19 if int(m.group(1)) >= 50 else 20}{m.group(1)}年"

    return _SHORT_YEAR.sub(full, text)
