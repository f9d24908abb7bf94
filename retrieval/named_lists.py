"""The k-th item of a list a report names and counts: "“六大体系”中第三个是什么" is answered by
the third item after the passage naming “六大体系” ("着力构建“六大体系”：" then (一)…(六)),
"十项为民办实事工程中的第八项" by （8）… after "实施好以下十项为民办实事工程：", "“八个务必”里的
第四个务必" by the fourth paragraph opening with 务必. The items are numbered paragraphs or
headings in one style (（一） (1) 一是 第一， 一、 1.) counted from 一 on, or, numbered in none,
paragraphs opening with the word the list counts.

Read on folded text (NFKC: （一） is (一))."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .question import numeral_value

_CN = "一二两三四五六七八九十"
# "中的第三个", "里第八项", "的第四个务必": the ordinal asked, with its measure word or closing
# the question ("…中第三是"), not 第一产业, 第二年, 第一季度
_ORDINAL = re.compile(rf"第([{_CN}]{{1,3}}|\d{{1,2}})(?:个|项|条|方面|件|种|类|(?=是|的|$|[?？]))")
# A counted list's name: a count (the last one before the ordinal, not one of 第十四个…), a
# measure word or 大, and what it counts ("六大体系", "十项为民办实事工程", "八个务必")
_NAME = re.compile(rf"^.*(?<!第)([{_CN}]{{1,3}}|\d{{1,2}})(个|项|大|条|件|种|类)([\w“”]{{1,14}}?)”?"
                   r"(?:当中|之中|中|里)?的?[,，]?(?:其中)?的?$")  # fmt: skip
_MARKERS = (  # an item's number, in each numbering style
    re.compile(rf"^[(]([{_CN}]{{1,3}})[)]"),
    re.compile(r"^[(](\d{1,2})[)]"),
    re.compile(rf"^([{_CN}]{{1,3}})是"),
    re.compile(rf"^第([{_CN}]{{1,3}})[,、]"),
    re.compile(rf"^([{_CN}]{{1,3}})、"),
    re.compile(r"^(\d{1,2})[.、．](?!\d)"),
)
FIRST_ITEM_WITHIN = 4  # passages after the naming one in which item 1 must start
ITEMS_WITHIN = 120  # passages after it in which the items are looked for


@dataclass(frozen=True, slots=True)
class ItemAsked:
    name: str  # the list's name as asked, folded ("六大体系", "十项为民办实事工程")
    count: int  # how many items the name counts
    word: str  # what it counts ("体系", "务必")
    k: int  # the item asked, from 1


@functools.lru_cache(maxsize=256)
def item_asked(question: str) -> ItemAsked | None:
    """The item a question asks of a list it names by its count ("“六大体系”中第三个"), or
    None: no ordinal, no counted name right before it, or an ordinal past the count."""
    for m in _ORDINAL.finditer(question):
        named = _NAME.search(question[: m.start()].rstrip("“”\"'"))
        if named is None:
            continue
        count, k = _value(named[1]), _value(m[1])
        word = named[3].strip("“”")
        if 1 <= k <= count and word:
            name = (named[1] + named[2] + named[3]).replace("“", "").replace("”", "")
            return ItemAsked(name, count, word, k)
    return None


def _value(written: str) -> int:
    return int(written) if written.isdigit() else numeral_value(written.replace("两", "二"))


def _number(head: str) -> tuple[int, int] | None:
    """(numbering style, number) of a passage or heading opening with an item's marker."""
    for style, marker in enumerate(_MARKERS):
        m = marker.match(head)
        if m is not None:
            return style, _value(m[1])
    return None


def item_of(
    asked: ItemAsked, heads: Sequence[str], names: Sequence[bool]
) -> tuple[int, int] | None:
    """(the naming passage, the item asked) as places in a report's passages (`heads`: each
    one's opening, its new heading first, folded; `names`: which name the list), the item
    counted after the first naming passage a list follows; None when none does."""
    for start in (i for i, named in enumerate(names) if named):
        item = _item_after(asked, heads, start)
        if item is not None:
            return start, item
    return None


def _item_after(asked: ItemAsked, heads: Sequence[str], start: int) -> int | None:
    """The item asked of a list following passage `start` (numbered, else by its word)."""
    after = range(start + 1, min(len(heads), start + 1 + ITEMS_WITHIN))
    numbers = [_number(heads[i]) for i in after]
    opens = ((j, n[0]) for j, n in enumerate(numbers[:FIRST_ITEM_WITHIN]) if n and n[1] == 1)
    if (found := next(opens, None)) is not None:
        (first, style), expected = found, 1
        for j in range(first, len(numbers)):
            number = numbers[j]
            if number is not None and number[0] == style:
                if number[1] != expected:
                    return None  # another list, or a gap: not this list's items
                if expected == asked.k:
                    return after[j]
                expected += 1
        return None
    opening = [i for i in after if heads[i].startswith(asked.word)]
    if opening and opening[0] - start <= FIRST_ITEM_WITHIN and len(opening) >= asked.k:
        return opening[asked.k - 1]
    return None
