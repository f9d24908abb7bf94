"""Which passage spells out an abbreviation without saying it: reports shorten a list to a
count and the word its items share (数字缩略语: “三抓” for 抓环境、抓项目、抓落实, “三城” for
草原音乐名城、冰雪运动名城、生态旅游名城) or to one character of each item (“强富美高” for
经济强、百姓富、环境美、社会文明程度高), and often spell the list out where the short form is
not said. A question asking what such a term means is answered by that list.

Read on folded text (NFKC: ，→, but 、 and “” stay)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

# A count (three or more: two items sharing a character are too common), a measure word or 大,
# and the word each item says ("三抓", "三城", "四个广西")
_COUNTS = {c: n for n, c in enumerate("三四五六七八九十", 3)}
_COUNTED = re.compile(rf"([{''.join(_COUNTS)}])(?:个|大|项|种|类)?(\w{{1,4}})")
_MEASURES = set("个大项种类")  # what follows a count: "三大" counts no 大 of its items
# A run of three to six characters, none of them a count, each standing for an item
_INITIALS = re.compile(r"[\u4e00-\u9fff]{3,6}")
_NUMERALS = set("一二两三四五六七八九十百千万双")
# A list sits between these: a clause's punctuation or quotes
_CLAUSE = re.compile(r"[,，.。;；:：“”\"()（）!！?？\n]")
_LONGEST_ITEM = 12  # inner items; the first and last may run on (the lead-in, the tail)


@functools.lru_cache(maxsize=256)
def items_said(term: str) -> tuple[str, ...] | None:
    """What each item of an abbreviated list says, in order, for a term that reads as one
    ("三抓": 抓 thrice; "四个广西": 广西 four times; "强富美高": 强, 富, 美, 高); None for any
    other term."""
    counted = _COUNTED.fullmatch(term)
    if counted is not None and not _NUMERALS & set(counted[2]):
        return (counted[2],) * _COUNTS[counted[1]]
    if _INITIALS.fullmatch(term) and not _NUMERALS & set(term) and len(set(term)) == len(term):
        return tuple(term)
    return None


def spells_out_abbreviation(text: str, term: str) -> bool:
    """Does `text` (folded) hold a list of exactly as many items as the abbreviated `term`
    has, separated by 、, item k saying what items_said gives it ("抓环境、抓项目、抓落实" for
    三抓)? Inner items are short; the first is read from its end, the last from its start."""
    said = items_said(term)
    if said is None or any(w not in text for w in set(said)):
        return False
    n = len(said)
    for clause in _CLAUSE.split(text):
        items = clause.split("、")
        if len(items) != n or len(set(items)) != n or term in clause:
            continue  # (a list holding the term is one it stands in: "河长制、湖长制、林长制")
        first, *inner, last = items
        if (
            said[0] in first[-_LONGEST_ITEM:]
            and said[-1] in last[:_LONGEST_ITEM]
            and all(
                len(it) <= _LONGEST_ITEM and w in it
                for it, w in zip(inner, said[1:-1], strict=True)
            )
        ):
            return True
    return False


def of_initials(term: str) -> bool:
    """Does `term` abbreviate its items by their initials, each a character of its own
    (强富美高, 放管服; not the counted 三化, 四个广西)?"""
    said = items_said(term)
    return said is not None and len(set(said)) == len(said)


def spells_out_initials(
    text: str, report: Callable[[], Sequence[str]], terms: Sequence[str]
) -> bool:
    """Does `text` spell out one of `terms` that abbreviates its items by their initials (each a
    character of its own: 强富美高, not the counted 三化, whose lists sharing 化 are too common)
    and that its report (`report()`: its passages' folded texts) says only within quotation
    marks? A term said unquoted is a word of its own ("加快推进城中村、旧城区和棚户区改造": 城中村
    is no abbreviation of a list "…城镇…、…中心城市…、…农村…")."""
    spelled = [t for t in terms if of_initials(t) and spells_out_abbreviation(text, t)]
    if not spelled:
        return False
    texts = report()
    return any(all(x.count(t) == x.count(f"“{t}”") for x in texts) for t in spelled)


CLAUSE_ENDS = "，,。；;：:“”\n"  # what ends a clause of a list (NFKC keeps these)
ITEM_ENDS = CLAUSE_ENDS + "、和及与"  # and what ends one of its items


def spells_out_opening(text: str, term: str) -> bool:
    """Does `text` (folded) spell out a count of one character ("五懂") by a list of as many
    items, each opening on it, in one clause ("懂科技、懂产业、懂资本、懂市场、懂管理"; after up
    to 8 characters of the clause: "推广新技术、新产品、新模式")? A formula written so; items
    that only end on it are words of their own ("新型工业化、农业产业化、林业产业化" spells no
    “三化”)."""
    opening = _opening_list(term)
    return opening is not None and opening.search(text) is not None


@functools.lru_cache(maxsize=256)
def _opening_list(term: str) -> re.Pattern[str] | None:
    """spells_out_opening's pattern for `term`, or None for a term that is no count of one
    character (initials such as 强富美高 have their own test; a measure word is no item's)."""
    said = items_said(term)
    if said is None or len(said[0]) != 1 or of_initials(term) or said[0] in _MEASURES:
        return None
    ends, item_ends = re.escape(CLAUSE_ENDS), re.escape(ITEM_ENDS)
    item = rf"{re.escape(said[0])}[^{item_ends}]{{1,12}}?"
    more = len(said) - 1
    return re.compile(  # the lead-in holds no item ("发展新技术和新产品、…": four)
        rf"(?<![^{ends}])[^{item_ends}]{{0,8}}?{item}(?:[、和及与]{item}){{{more}}}"
        rf"(?=[{ends}]|$)"
    )
