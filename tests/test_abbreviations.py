"""An abbreviation asked about ("“三抓”是指哪三抓", "“强富美高”指什么") is answered by the
list that spells it out where the short form is not said (retrieval/abbreviations.py)."""

from __future__ import annotations

from pathlib import Path

from retrieval.abbreviations import items_said, of_initials, spells_out_abbreviation
from retrieval.engine import Engine

from .conftest import data_engine, first_cited


def test_what_each_item_of_an_abbreviation_says() -> None:
    assert items_said("三抓") == ("抓", "抓", "抓")
    assert items_said("四个广西") == ("广西",) * 4
    assert items_said("强富美高") == ("强", "富", "美", "高")
    assert items_said("放管服") == ("放", "管", "服")
    # two items, a count inside, a repeated character, too short or long: not read as one
    assert items_said("两点") is None
    assert items_said("三点一线") is None
    assert items_said("双过千") is None
    assert items_said("强强联合") is None
    assert items_said("凤凰") is None
    assert items_said("中国特色社会主义") is None
    # initials, each item its own character, not a count and the word its items share
    assert of_initials("强富美高") and of_initials("放管服")
    assert not of_initials("三化") and not of_initials("四个广西") and not of_initials("十四五")


def test_a_list_spells_out_an_abbreviation_item_by_item() -> None:
    assert spells_out_abbreviation("开展“抓环境、抓项目、抓落实”行动，取得积极成效", "三抓")
    named = "以打造国际化的草原音乐名城、冰雪运动名城、生态旅游名城为目标，精准发力"
    assert spells_out_abbreviation(named, "三城")
    four = "建设“经济强、百姓富、环境美、社会文明程度高”新江苏的宏伟蓝图"
    assert spells_out_abbreviation(four, "强富美高")
    # the wrong count, the wrong order, items in separate clauses, an item too long: no
    assert not spells_out_abbreviation("开展“抓环境、抓项目”行动", "三抓")
    assert not spells_out_abbreviation("抓环境、抓项目、抓落实、抓服务", "三抓")
    assert not spells_out_abbreviation(four, "富强美高")
    assert not spells_out_abbreviation("抓环境，抓项目，抓落实", "三抓")
    long_inner = "抓环境、统筹推进全市重大基础设施项目建设抓项目、抓落实"
    assert not spells_out_abbreviation(long_inner, "三抓")
    assert not spells_out_abbreviation("环境、项目、落实", "三抓")
    # a list the term stands in is no spelling of it
    assert not spells_out_abbreviation("全面推行河长制、湖长制、林长制", "河长制")


def test_an_abbreviation_asked_is_answered_by_the_list_it_stands_for(
    tmp_path: Path, engine: Engine
) -> None:
    """吉林 2018 (tests/data/fresh69) names “三抓” among other campaigns in its tasks and
    spells it out, unnamed, in its review: the review answers what it is."""
    jilin = data_engine(tmp_path, engine, "fresh69/jilin_2018.txt")
    answer = jilin.answer("吉林说的“三抓”是哪三抓？")
    top = answer.citations[0]
    assert "抓环境、抓项目、抓落实" in top.passage.text
    assert top.passage.text in jilin.reports[top.passage.report].text


def test_a_counted_term_quoted_with_which_asks_its_items(tmp_path: Path, engine: Engine) -> None:
    # 海南 2021 (tests/data/fresh107): "“六治”，到底要治哪些毛病" asks what the six are; its
    # glossary entry ("[8]六治：治懒散、治酗酒、…") answers, not the paragraph that only names it
    hainan = data_engine(tmp_path, engine, "fresh107/hainan_2021.txt")
    assert "治懒散、治酗酒" in first_cited(hainan, "海南扶贫说要搞“六治”，到底要治哪些毛病？")


def test_a_passage_spelling_out_the_term_asked_answers_though_it_never_says_it(
    tmp_path: Path, engine: Engine
) -> None:
    """江苏 2023 (tests/data/fresh75) says “强富美高” twice, in passages that do not say
    what it is, and spells it out once without naming it: the spelled-out list answers, though
    jieba's pieces of the term (强富, 美高) are nowhere in it (an abbreviation of initials only:
    a counted term, below, is not answered so)."""
    jiangsu = data_engine(tmp_path, engine, "fresh75/jiangsu_2023.txt")
    answer = jiangsu.answer("江苏常说的“强富美高”新江苏具体指什么？")
    assert answer.answered
    top = answer.citations[0]
    assert "经济强、百姓富、环境美、社会文明程度高" in top.passage.text
    assert top.passage.text in jiangsu.reports[top.passage.report].text
    for quoted in ('"强富美高"', "「强富美高」"):  # quoted as quoted_phrases reads any quote
        again = jiangsu.answer(f"江苏常说的{quoted}新江苏具体指什么？")
        assert again.citations[0].passage.text == top.passage.text
    # the tests of year and place still hold: the 2023 report does not say what 2010's did
    assert not jiangsu.answer("2010年江苏提出的“强富美高”具体指什么？").answered


def test_a_counted_term_is_not_answered_by_a_list_that_merely_shares_its_word(
    tmp_path: Path, engine: Engine
) -> None:
    """黑龙江 2012 (tests/data/fresh64) speaks of “三化”草原 (degraded grassland) without
    spelling it out, and elsewhere of "新型工业化、农业产业化、林业产业化": three items sharing
    化 are no spelling of 三化, so the passage that says the term comes first."""
    heilongjiang = data_engine(tmp_path, engine, "fresh64/heilongjiang_2012.txt")
    assert "“三化”草原" in first_cited(heilongjiang, "黑龙江说的“三化”是什么意思？")


def test_a_term_the_report_says_unquoted_is_no_abbreviation(tmp_path: Path, engine: Engine) -> None:
    """河南 2012 (tests/data/fresh64) says 城中村 unquoted ("加快推进城中村、旧城区和棚户区改
    造"): a word of its own, not the initials of a list that happens to hold 城, 中, 村 in turn
    ("…县域城镇…、…中心城市…、…农村…"), so the passage saying it comes first."""
    henan = data_engine(tmp_path, engine, "fresh64/henan_2012.txt")
    assert "城中村" in first_cited(henan, "河南2012年说的“城中村”是什么意思？")
