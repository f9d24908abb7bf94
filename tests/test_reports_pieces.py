"""A word of the question no report says, read as the report words it holds, and the words
that say how a question is put, not what about (query.py)."""

from __future__ import annotations

from pathlib import Path

from retrieval.engine import Engine
from retrieval.query import QueryBuilder

from .conftest import data_engine


def test_a_word_jieba_makes_up_is_searched_by_the_reports_words_in_it(
    tmp_path: Path, engine: Engine
) -> None:
    # jieba glues 讲|维稳 into one word no report says; 西藏 2009 (tests/data/fresh77) heads a
    # part "五、打牢维稳工作基础…". A dictionary word no report says stays whole (世界杯)
    xizang = data_engine(tmp_path, engine, "fresh77/xizang_2009.txt")
    query = xizang.queries.build("西藏讲维稳的是哪一部分？")
    assert any("维稳" in c.full for c in query.concepts)
    assert query.weights["讲维稳"] == 1.0  # (holding a report word, it weighs as a word)
    assert ("世界杯",) in [c.full for c in xizang.queries.build("世界杯冠军是谁").concepts]
    for question in ("西藏讲维稳的是哪一部分？", "西藏报告讲维稳的是哪一部分？"):
        answer = xizang.answer(question)  # (报告讲: what the report is said to say, not 讲)
        assert "五、打牢维稳工作基础，保障和谐稳定的社会秩序" in [
            c.passage.section[1] for c in answer.citations[:3]
        ]


def test_a_dictionary_word_no_report_says_is_its_rarer_word_one_shorter(
    tmp_path: Path, engine: Engine
) -> None:
    # 甘肃 2014 (tests/data/fresh68) says 农村五保, never 五保户; 世界 (of 世界杯) is an everyday
    # word, 百分之 and 十五五 no common nouns
    gansu = data_engine(tmp_path, engine, "fresh68/gansu_2014.txt")
    concepts = [c.full for c in gansu.queries.build("五保户补助标准提高到多少了？").concepts]
    assert ("五保户", "五保") in concepts
    for question, word in (
        ("世界杯冠军是谁", "世界杯"),
        ("信阳进出口总值增长百分之多少", "百分之"),
    ):
        assert (word,) in [c.full for c in gansu.queries.build(question).concepts], question
    # the shorter word must be a word itself, of a common noun, not a count's figure dropped:
    # a name (江西人: 西人; 荆州市: 州市; 红楼梦: 红楼) is never cut
    made = QueryBuilder(
        engine.tokenizer, known=lambda w: w in {"西人", "州市", "红楼", "保户", "五保"}
    )
    for name in ("江西人", "荆州市", "红楼梦"):
        assert made.pieces(name) == (), name
    assert made.pieces("五保户") == ("五保",)
    only_dropped = QueryBuilder(engine.tokenizer, known=lambda w: w == "保户")
    assert only_dropped.pieces("五保户") == ()  # 五 is a count's figure
    answer = gansu.answer("甘肃五保户的补助标准提高到了多少？")
    assert answer.answered
    assert "农村五保省级补助标准由年人均2000元提高到2510元" in answer.citations[0].passage.text


def test_function_words_say_little_of_what_is_asked(tmp_path: Path, engine: Engine) -> None:
    # a pronoun (每个) or a conjunction (因为) counts as little as a word of every report;
    # 安徽 2020 (tests/data/fresh72) says "成为全国第二个“市市通高铁”的省份" without 每个
    weights = engine.queries.build("因为高铁每个市都通了吗").weights
    assert weights["因为"] == weights["每个"] == 0.4
    assert weights["高铁"] == 1.0
    anhui = data_engine(tmp_path, engine, "fresh72/anhui_2020.txt")
    answer = anhui.answer("听说安徽现在每个市都通高铁了，是全国第几个做到的？")
    assert answer.answered
    assert "全国第二个“市市通高铁”的省份" in answer.citations[0].passage.text


def test_a_made_up_word_of_lone_characters_counts_as_they_do(
    tmp_path: Path, engine: Engine
) -> None:
    # jieba glues 要|修 and 能|补 into words in neither its dictionary nor any report: they
    # weigh what lone characters do, not what a rare word would. 山西 2008 (tests/data/fresh76)
    # says "全长660公里的从大同到运城的客运高速铁路" without 修
    shanxi = data_engine(tmp_path, engine, "fresh76/shanxi_2008.txt")
    weights = shanxi.queries.build("山西要修一条大同到运城的高铁，有多长？").weights
    assert weights["要修"] == 0.3 and weights["高铁"] == 1.0
    answer = shanxi.answer("山西要修一条大同到运城的高铁，有多长？")
    assert answer.answered
    assert "全长660公里的从大同到运城" in answer.citations[0].passage.text
