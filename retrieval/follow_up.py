"""Follow-up questions in a conversation: "还有呢" pages on, "那铁东区呢" asks again elsewhere."""

from __future__ import annotations

import re
from collections.abc import Callable

from .regions import RegionIndex

_MORE = re.compile(r"^(?:还有呢|还有吗|还有没有|更多|再来点|继续|下一页|more)[？?。.!！]*$", re.I)
_OTHER_REGION = re.compile(
    r"^(?:那|那么)?(?P<place>.{2,16}?)(?:的情况)?(?:呢|怎么样|如何)[？?。.]*$"
)


def asks_for_more(text: str) -> bool:
    """ "还有呢", "更多": the next results of the last question."""
    return _MORE.match(text) is not None


def rephrase_follow_up(
    text: str, last_question: str | None, regions: RegionIndex, fold: Callable[[str], str]
) -> str:
    """ "那铁东区呢": the last question again, about another region; else `text` itself."""
    m = _OTHER_REGION.match(text)
    if not m or not last_question:
        return text
    place = fold(m.group("place"))
    new = regions.match(place)
    named = new.unknown or "".join(new.names)
    rest = place
    for name in (new.unknown, *new.names):
        rest = rest.replace(name or "", "")
    # Only a place ("那铁东区呢"), not a new question about one ("赛罕区的就业情况怎么样").
    if not named or rest.strip(" 的市区县省"):
        return text
    question = last_question
    for name in regions.match(last_question).names:
        question = question.replace(name, "")
    return named + question
