"""Does a passage name a place, or only an area named after it ("兰州新区" is not 兰州市)?"""

from __future__ import annotations

import re
from collections.abc import Sequence

# An area named after a place and run apart from it: a state-level new area, a development
# zone, a free-trade or bonded zone, an industrial park ("兰州新区地区生产总值增长20%").
_ZONE = re.compile(
    r"新区|开发区|经开区|高新区|园区|片区|工业园"
    r"|(?:高新技术|经济技术|高新|经济|综合保税|保税|自贸|临空)(?:产业)?(?:开发)?区"
)


def names_place(text: str, places: Sequence[str], question: str = "") -> bool:
    """Does `text` name one of `places` as the question does: the place itself, or the same
    area named after it where the question asks about that area ("兰州新区…增长了多少")?"""
    for place in places:
        at = question.find(place)
        asked = _zone_after(question, at + len(place)) if at != -1 else ""
        start = text.find(place)
        while start != -1:
            end = start + len(place)
            if _zone_after(text, end) == asked:
                return True
            start = text.find(place, end)
    return False


def _zone_after(text: str, end: int) -> str:
    m = _ZONE.match(text, end)
    return m.group() if m else ""
