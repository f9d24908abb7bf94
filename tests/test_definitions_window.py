"""A quoted term's definition looked for only around the places a passage says the term
(retrieval/definitions.py): the same answers as the patterns searched over the whole text."""

from __future__ import annotations

import random
import re

import pytest

from retrieval import definitions
from retrieval.definitions import says_what, says_what_it_is


def _whole(pattern, text: str, terms: list[str]) -> bool:
    return any(re.search(pattern(re.escape(t)), text) for t in terms)


def test_the_windows_find_what_the_whole_text_search_finds() -> None:
    rng = random.Random(13)
    pieces = ["“", "”", "、", "，", "的", "是", "就是", "即", "。", "五有", "四控", "甲", "乙",
              "丙丁", "平台体系", "a", " "]  # fmt: skip
    found = {True: 0, False: 0}
    for _ in range(6000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        if rng.random() < 0.3:  # long quotes and lists before the term
            text = "“" + "甲" * rng.randint(2, 90) + "”的" + text
        terms = rng.sample(["五有", "四控", "甲乙", "丙丁"], rng.randint(1, 2))
        want = _whole(definitions._says_what, text, terms)
        assert says_what(text, terms) == want, (text, terms)
        assert says_what_it_is(text, terms) == _whole(definitions._is, text, terms), (text, terms)
        found[want] += 1
    assert min(found.values()) > 300  # both answers well represented


def test_no_pattern_is_searched_in_a_passage_that_never_says_the_term(monkeypatch) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("searched a passage without the term")

    text = "坚持稳定、发展、生态、强边，" * 30 + "“四件大事”以外的话"
    monkeypatch.setattr(definitions.re, "search", refused)
    monkeypatch.setattr(definitions.re, "compile", refused)
    assert not says_what(text, ["五有"])
    assert not says_what_it_is(text, ["五有"])
    with pytest.raises(AssertionError):
        says_what(text, ["四件大事"])  # said there, with a list before it: searched
