"""An indicator said whole (retrieval/named_asked.py), checked against the regex it replaces."""

from __future__ import annotations

import random
import re

from retrieval.named_asked import said_whole_in

_WORDS = ("地区生产总值", "研发经费投入", "GDP", "能耗", "生产")
_PIECES = ("万元", "单位", "地区", "强度", "比重", "占比", "增长", "，", "能耗", "生产", "总值")


def _regex(word: str, per_unit: bool) -> re.Pattern[str]:
    """The pattern only_share_of searched for before (one compiled per question's word)."""
    before = "" if per_unit else r"(?<!万元)(?<!单位)(?<!万元地区)(?<!单位地区)"
    return re.compile(before + re.escape(word) + r"(?!强度|比重|占比)")


def test_said_whole_in_finds_what_the_regex_finds() -> None:
    rng = random.Random(3)
    for _ in range(3000):
        word = rng.choice(_WORDS)
        text = "".join(rng.choice((*_PIECES, word)) for _ in range(rng.randint(0, 8)))
        for per_unit in (False, True):
            want = bool(_regex(word, per_unit).search(text))
            assert said_whole_in(word, per_unit, text) is want, (word, per_unit, text)


def test_said_whole_in_examples() -> None:
    assert not said_whole_in("研发经费投入", False, "研发经费投入强度达2.4%")
    assert said_whole_in("研发经费投入", False, "研发经费投入强度2.4%，研发经费投入增长9%")
    assert not said_whole_in("地区生产总值", False, "万元地区生产总值能耗下降3%")
    assert said_whole_in("地区生产总值", True, "万元地区生产总值能耗下降3%")
