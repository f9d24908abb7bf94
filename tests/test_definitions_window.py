"""A quoted term's definition looked for only around the places a passage says the term
(retrieval/definitions.py): the same answers as the patterns searched over the whole text."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from retrieval import definitions, term_windows
from retrieval.definitions import says_what, says_what_it_is
from retrieval.engine import Engine
from retrieval.question_cues import plan_qualifies

from .conftest import data_engine


def _whole(pattern, text: str, terms: list[str]) -> bool:
    return any(re.search(pattern(re.escape(t)), text) for t in terms)


def _says_what_pattern(term: str):
    counted = definitions._count_named(term)
    return lambda escaped: definitions._says_what(escaped, count=counted)


def test_the_windows_find_what_the_whole_text_search_finds() -> None:
    rng = random.Random(13)
    pieces = ["“", "”", "、", "，", "的", "是", "就是", "即", "。", "五有", "四控", "甲", "乙",
              "丙丁", "平台体系", "a", " ", "等", "医疗保障"]  # fmt: skip
    found = {True: 0, False: 0}
    for _ in range(6000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        if rng.random() < 0.3:  # a list (items may quote a name), its long last item and
            # what its items are, after 等
            items = [
                rng.choice(["甲", "乙乙", "丙“丁”", "甲“乙乙乙”丙"])
                for _ in range(rng.randint(1, 5))
            ]
            text = (
                "、".join([*items, "乙" * rng.randint(1, 14)])
                + rng.choice(["", "等" + "丙" * rng.randint(0, 10)])
                + rng.choice(["", "“"])
                + rng.choice(["", "五有", "四控"])
                + text
            )
        if rng.random() < 0.3:  # long quotes and lists before the term
            text = "“" + "甲" * rng.randint(2, 90) + "”的" + text
        terms = rng.sample(["五有", "四控", "甲乙", "丙丁"], rng.randint(1, 2))
        want = any(_whole(_says_what_pattern(t), text, [t]) for t in terms)
        assert says_what(text, terms) == want, (text, terms)
        assert says_what_it_is(text, terms) == _whole(definitions._is, text, terms), (text, terms)
        found[want] += 1
    assert min(found.values()) > 300  # both answers well represented


def test_the_parts_around_the_term_match_as_the_whole_patterns_do() -> None:
    # term_windows: each pattern's parts before and after the term compiled once, the term
    # found by str.find; the same answer as the pattern compiled with the term, in any window
    rng = random.Random(7)
    found = {True: 0, False: 0}
    pieces = ["“", "”", "、", "，", "的", "是", "就是", "特别是", "即", "随即", "。", "为", "内容",
              "主要", "五有", "“五有”", "“五有”，是", "甲、乙乙、丙丁等五有", "甲", "乙", "丙丁", "等",
              "和"]  # fmt: skip
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 50)))
        if rng.random() < 0.4:
            text = "、".join(rng.choice(["甲", "乙乙", "丙“丁”"]) for _ in range(4)) + text
        if rng.random() < 0.3:
            text = "“" + "甲" * rng.randint(2, 90) + "”" + rng.choice(["", "为内容"]) + "的" + text
        term = rng.choice(["五有", "五有", "丁", "甲乙", "乙乙"])
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text) + 3)
        escaped = re.escape(term)
        want = re.compile(definitions._is(escaped)).search(text, lo, hi) is not None
        assert term_windows.says_it_is(text, term, lo, hi) == want, (text, term, lo, hi)
        count = rng.choice([0, 2, 3, 5])
        want = re.compile(definitions._says_what(escaped, count)).search(text, lo, hi) is not None
        got = term_windows.says_what_it_is(text, term, lo, hi, definitions._ITEM,
                                           definitions._KIND, definitions._separators(count),
                                           bool(count))  # fmt: skip
        assert got == want, (text, term, lo, hi, count)
        found[want] += 1
    assert min(found.values()) > 300


def test_no_pattern_is_searched_in_a_passage_that_never_says_the_term(monkeypatch) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("searched a passage without the term")

    text = "坚持稳定、发展、生态、强边，" * 30 + "“四件大事”以外的话"
    monkeypatch.setattr(definitions.re, "search", refused)
    monkeypatch.setattr(definitions.re, "compile", refused)
    monkeypatch.setattr(term_windows, "says_it_is", refused)
    monkeypatch.setattr(term_windows, "says_what_it_is", refused)
    assert not says_what(text, ["五有"])
    assert not says_what_it_is(text, ["五有"])
    with pytest.raises(AssertionError):
        says_what(text, ["四件大事"])  # said there, with a list before it: searched


def test_a_list_before_the_term_may_say_what_its_items_are(tmp_path: Path, engine: Engine) -> None:
    # 江西 2011 (tests/data/fresh44): the three health-insurance schemes, then 等医疗保障
    text = "实现了新型农村合作医疗、城镇居民基本医疗保险、城镇职工基本医疗保险等医疗保障“三张网”全覆盖。"
    assert says_what(text, ["三张网"])
    assert not says_what("巩固完善城乡居民医疗保障“三张网”成果。", ["三张网"])
    # the longest such tail: a 12-character item, 等, 8 characters, an opening quote
    assert says_what("甲、" + "乙" * 12 + "等" + "丙" * 8 + "“三张网成果", ["三张网"])
    jiangxi = data_engine(tmp_path, engine, "fresh44/jiangxi_2011.txt")
    top = jiangxi.answer("江西说的医疗保障“三张网”指的是哪三张网？").citations[0]
    assert "城镇职工基本医疗保险等医疗保障“三张网”" in top.excerpt


def test_a_list_before_a_name_that_counts_nothing_is_a_list_it_stands_in(
    tmp_path: Path, engine: Engine
) -> None:
    # 云南 2009 (tests/data/fresh48): the year's decisions, one of them the 兴边富民工程
    listed = "推进滇池截污和牛栏江—滇池补水工程、实施新三年“兴边富民工程”、调整铁路建设规划。"
    assert not says_what(listed, ["兴边富民工程"])
    assert says_what("抓好稳定、发展、生态、强边“四件大事”。", ["四件大事"])
    assert says_what("弘扬“登高望远、自信开放、团结奉献”的兴边富民工程精神", ["兴边富民工程精神"])
    yunnan = data_engine(tmp_path, engine, "fresh48/yunnan_2009.txt")
    top = yunnan.answer("云南“兴边富民工程”新三年行动计划要实施哪六大工程？").citations[0]
    assert "补水工程" not in top.passage.text


def test_a_plan_quoted_to_say_which_years_is_not_the_term_asked(
    tmp_path: Path, engine: Engine
) -> None:
    # 天津 2016 (tests/data/prov2016): "“十三五”时期，是…的关键时期" says what the years are;
    # the question asks the target the next passages state ("努力实现…奋斗目标")
    question = "天津市“十三五”时期经济社会发展的总目标是什么？"
    assert plan_qualifies("十三五", question)
    assert not plan_qualifies("十三五", "“十三五”是什么意思？")
    assert not plan_qualifies("先行示范", "苏州要在哪八个方面“先行示范”？")
    tianjin = data_engine(tmp_path, engine, "prov2016/tianjin_2016.txt")
    answer = tianjin.answer(question)
    assert answer.answered
    assert "一基地三区" in answer.citations[0].passage.text  # "…奋斗目标…一基地三区"
    for asked in ("“十四五”是指什么？", "“十四五”的含义是什么？", "什么是“十四五”？"):
        assert not plan_qualifies("十四五", asked), asked  # the plan itself asked
