"""A neighbouring indicator: the passage names the indicator asked about with another modifier.

"城镇登记失业率" asked, "城镇调查失业率5.5%" found: the head (失业率) is there, but under a
modifier (调查) where the question has another (登记), and the question's modifier is nowhere in
the passage. Such a passage gives a figure for another indicator than the one asked.

The test reads only the two texts: no list of indicators. It is kept narrow on purpose (a
colloquial question must not be refused for wording the report does not share):
- the question's word is at least 4 characters and absent from the passage;
- the longest of its endings (3 characters or more) found in the passage is the head;
- what the question puts before the head and what the passage puts before it differ by two
  characters or more on each side, the question's part does not stand just before any of the
  passage's heads ("城镇、农村居民人均可支配收入" gives the town figure; "均跑赢城镇居民" does
  not), and the passage's part is nowhere in the question ("城乡居民…" asked and "城乡…" found
  is no variant);
- or the head stands with no modifier at all, after punctuation: "居民人均可支配收入增长5.4%"
  gives the whole population's figure, not the town residents' asked (the question's own
  modifier, two characters or more, again not just before any of the passage's heads).

An indicator jieba cuts into three or more nominal words ("城镇/调查/失业率": no one word is 4
characters) is judged whole (`runs`, `other_modifier_of_run`): the passage names its first
word and head with another middle of its own ("城镇登记失业率"), sharing no character with the
question's middle (电商 for 电子商务 is the same middle, shortened).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from .word_kinds import word_tag

_CJK = re.compile(r"[\u4e00-\u9fff]")
MIN_WORD = 4  # characters of a question word judged
MIN_HEAD = 3  # characters of the ending shared with the passage
MIN_DIFFERENCE = 2  # characters of each side's own modifier
NEAR = 8  # characters before the head where the question's modifier still qualifies it
# The whole of the place a report is about, or of its year: "地区生产总值", "全省生产总值",
# "全年生产总值" and "生产总值" alone are one indicator ("全体居民" is not: the town's is a part)
_WHOLE = re.compile(r"(?:地区|全[省市县区州盟旗年])?")


# Verbs a figure's indicator follows ("全市实现生产总值2445.7亿元"): what the passage says of it,
# not a modifier naming a part (unless a part is named before the verb)
_REACHED = ("实现", "完成", "达到", "创造")


def _reached_by_whole(before: str) -> bool:
    """Does `before` end with a verb of _REACHED said of the whole or of nothing named
    ("全市实现", "，实现"; not "县域经济实现": a part's)?"""
    return before.endswith(_REACHED) and bool(_WHOLE.fullmatch(before[:-2][-2:]))


def whole_named(word: str) -> str | None:
    """`word` without a modifier naming the whole ("地区生产总值" -> "生产总值"), or None."""
    m = _WHOLE.match(word)
    rest = word[m.end() :] if m else word
    return rest if rest != word and len(rest) >= MIN_HEAD else None


def other_modifier(word: str, text: str, question: str) -> str | None:
    """The passage's modifier where `word` (from `question`) has another ("" where the head
    stands alone after punctuation: the whole, "居民…" for a question about "城镇居民…"), or
    None.

    `text` is the passage with its headings, folded like the question."""
    if len(word) < MIN_WORD or word in text:
        return None
    for cut in range(1, len(word) - MIN_HEAD + 1):  # the longest ending first
        asked, head = word[:cut], word[cut:]
        if head not in text:
            continue
        starts = [m.start() for m in re.finditer(re.escape(head), text)]
        if any(asked[-MIN_DIFFERENCE:] in text[max(0, at - NEAR) : at] for at in starts):
            return None  # "城镇、农村居民人均可支配收入": the question's modifier on the head too
        befores = [_modifier_before(text, at, len(asked) + 2) for at in starts]
        if _WHOLE.fullmatch(asked) and any(
            not f or _WHOLE.fullmatch(f[-2:]) or _reached_by_whole(f) for f in befores
        ):  # "全年生产总值", "。生产总值", "全市实现生产总值" for "地区生产总值": the whole
            return None
        for found in befores:
            if not found and len(asked) >= MIN_DIFFERENCE:
                return ""  # "，居民人均可支配收入增长5.4%": the whole, not the 城镇 asked
            own, theirs = _differing(asked, found)
            if (
                len(own) >= MIN_DIFFERENCE
                and len(theirs) >= MIN_DIFFERENCE
                and theirs not in question
            ):
                return theirs
        return None  # only the longest ending the passage holds is judged
    return None


def _modifier_before(text: str, at: int, most: int) -> str:
    """Up to `most` Chinese characters right before position `at`."""
    start = at
    while start > 0 and at - start < most and _CJK.match(text[start - 1]):
        start -= 1
    return text[start:at]


def _differing(a: str, b: str) -> tuple[str, str]:
    """`a` and `b` without what they share at both ends ("城镇登记", "城镇调查" -> 登记, 调查)."""
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    return a[k:], b[k:]


def other_modifier_of_run(run: Sequence[str], text: str, question: str) -> str | None:
    """other_modifier for an indicator jieba cut into three words or more ("城镇调查失业率":
    城镇/调查/失业率): the passage names the same first word and head with another middle
    ("城镇登记失业率为3.55%"), and the question's own middle is nowhere in the passage."""
    first, middle, head = run[0], "".join(run[1:-1]), run[-1]
    if len(head) < MIN_HEAD or "".join(run) in text or middle in text:
        return None
    frame = re.compile(
        rf"{re.escape(first)}([\u4e00-\u9fff]{{2,{len(middle) + 2}}}?){re.escape(head)}"
    )
    for m in frame.finditer(text):
        theirs = m[1]
        if (
            len(theirs) >= MIN_DIFFERENCE
            and theirs not in question
            and not set(theirs) & set(middle)
        ):
            return theirs  # (电商 for 电子商务 is the same middle, shortened)
    return None


def _nominal(word: str) -> bool:
    """A noun or a verb used as one (调查 of 调查失业率) by jieba's dictionary: what makes up an
    indicator's name, not a question word, a count (一年) or a verb (完成)."""
    tag = word_tag(word) or ""
    return tag.startswith("n") or tag == "vn"


def runs(words: Sequence[str], longest: int = 4) -> list[tuple[str, ...]]:
    """Runs of three or more of the question's words (up to `longest`), each word of two or
    more Chinese characters."""
    return list(_runs(tuple(words), longest))


@functools.lru_cache(maxsize=256)
def _runs(words: tuple[str, ...], longest: int) -> tuple[tuple[str, ...], ...]:
    """runs(), kept for the last questions: abstention asks it once per hit judged."""
    found = []
    for start in range(len(words)):
        for end in range(start + 3, min(start + longest, len(words)) + 1):
            run = tuple(words[start:end])
            if not all(len(w) >= 2 and _CJK.fullmatch(w[0]) and _nominal(w) for w in run):
                break
            found.append(run)
    return tuple(found)


def both_town_and_country(question: str) -> str:
    """ " 城乡" where a question asks about towns and the country both ("城镇和农村居民…"), for
    the passage's 城乡 is then the question's own modifier."""
    return " 城乡" if _TOWN.search(question) and _COUNTRY.search(question) else ""


_TOWN = re.compile(r"城镇|城市|城里")
_COUNTRY = re.compile(r"农村|乡村|村里")


def town_and_country(fulls: Sequence[tuple[str, ...]]) -> list[int]:
    """Of a question's concepts (each its full words), those of towns and of the country,
    where it names both ("兰州城里人和农村人…": 城里人 -> 城镇居民, 农村人 -> 农村居民): the
    reports' 城乡 ("城乡居民人均可支配收入分别达到45406元和17162元") says each of them; [] where
    it names only one."""
    town = [k for k, full in enumerate(fulls) if any(_TOWN.match(t) for t in full)]
    country = [k for k, full in enumerate(fulls) if any(_COUNTRY.match(t) for t in full)]
    return sorted({*town, *country}) if town and country else []


def pieces_not_said_whole(
    concepts: Sequence[tuple[tuple[str, ...], tuple[str, ...]]],
) -> list[tuple[str, ...]]:
    """Of a question's concepts (each its full words and pieces), each one's pieces but those
    another concept says whole: a piece the question says as a word of its own counts for that
    word only ("2009年山东旅游一共收入多少钱": 收入, a piece of 旅游收入, is no half of 旅游)."""
    return [
        tuple(p for p in partial if not any(p in f for j, (f, _) in enumerate(concepts) if j != k))
        for k, (_, partial) in enumerate(concepts)
    ]
