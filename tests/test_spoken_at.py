"""Where a sentence names what a figure question asks (figures_asked._spoken_at) is found by
str.find, the places re.finditer finds, with no pattern escaped and looked up per word."""

from __future__ import annotations

import random
import re

from retrieval import figures_asked


def test_places_are_re_finditers() -> None:
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice("收入总值生产的增长aa，") for _ in range(rng.randint(0, 30)))
        word = "".join(rng.choice("收入总值aa") for _ in range(rng.randint(0, 3)))
        want = [m.start() for m in re.finditer(re.escape(word), text)]
        assert figures_asked._places(text, word) == want, (text, word)


def test_no_pattern_is_made_for_each_word(monkeypatch) -> None:
    class NoFinditer:
        def __getattr__(self, name: str) -> object:
            if name == "finditer":
                raise AssertionError("a pattern looked up for a word")
            return getattr(re, name)

    monkeypatch.setattr(figures_asked, "re", NoFinditer())
    sentence = "地区生产总值增长6%，研发经费支出相当于全市生产总值的比例达到3%"
    assert figures_asked._spoken_at(sentence, ["生产总值", "增长"]) == [2, 6]
