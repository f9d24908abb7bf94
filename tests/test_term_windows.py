"""A counted term's list found without a pattern compiled per term (retrieval/term_windows.py):
the same answers as the pattern joining its word with definitions._LIST_GAP."""

from __future__ import annotations

import random
import re

from retrieval import definitions
from retrieval.term_windows import said_in_a_row


def test_a_word_said_in_a_row_is_found_as_the_joined_pattern_finds_it() -> None:
    rng = random.Random(5)
    gap = definitions._LIST_GAP
    pieces = ["中心", "中心", "中心、", "心", "、", "和", "以及", "及", "与", "，", "。", "“", "政治", "甲",
              "乙乙", "文化", "国际交往", "\n"]  # fmt: skip
    found = {True: 0, False: 0}
    for _ in range(6000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        if rng.random() < 0.3:  # long items between two
            text = text.replace("、", "甲" * rng.randint(0, 24) + "、", 1)
        word = rng.choice(["中心", "心", "甲乙"])
        times = rng.randint(2, 4)
        pattern = f"(?:{gap.pattern})".join([re.escape(word)] * times)
        want = re.search(pattern, text) is not None
        got = said_in_a_row(text, word, times, gap, definitions._LIST_GAP_LONGEST)
        assert got == want, (text, word, times)
        found[want] += 1
    assert min(found.values()) > 300
