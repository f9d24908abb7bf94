"""Which passage of the best few answers (engine._answering, abstention.holds_as_much)."""

from __future__ import annotations

from pathlib import Path

from retrieval.abstention import _says
from retrieval.coverage import QuestionCoverage
from retrieval.engine import Engine
from retrieval.query_types import Concept

from .conftest import data_engine, first_cited


def test_a_passage_further_down_holding_more_of_the_question_answers(
    tmp_path: Path, engine: Engine
) -> None:
    """湖南 2022 among the six reports of tests/data/fresh19: "城里人和农村人…一年平均能挣多少钱" ranks first a summary
    holding 城镇 (调查失业率) and 平均 (两年平均增长) but no income; the passage giving 城乡居民收入
    holds more of the question, and the rarest word the first holds (城里人 as 城镇) with it:
    it answers, though it lacks the first's 平均."""
    names = ("fujian", "guizhou", "hunan", "jiangxi", "jilin", "shandong")
    six = data_engine(tmp_path, engine, *(f"fresh19/{n}_2022.txt" for n in names))
    text = first_cited(six, "湖南城里人和农村人2021年一年平均能挣多少钱？")
    assert "城乡居民收入分别达44866元、18295元" in text


def test_a_passage_saying_a_word_in_its_pieces_holds_it(tmp_path: Path, engine: Engine) -> None:
    """宁波 (tests/data/fresh11, 2022 and 2023): "2022年城乡低保标准提到一年多少钱" ranks first
    2023's review of 2022, which names 低保标准 whole ("低保标准…均居全省第一") but gives no
    figure; 2022's plan "扩大低保边缘对象认定范围，城乡居民最低生活保障年标准提高到1.4万元" says
    低保 and 标准 apart: it holds what the first does, and answers. A word said in all its
    pieces counts; one piece alone does not."""
    concept = Concept(full=("粮食产量",), partial=("粮食", "产量"))
    assert _says(concept, "粮食生产超额完成国家下达任务，产量达1094.86万吨")
    assert not _says(concept, "粮食生产超额完成国家下达任务")
    ningbo = data_engine(tmp_path, engine, "fresh11/ningbo_2022.txt", "fresh11/ningbo_2023.txt")
    assert "1.4万元" in first_cited(ningbo, "宁波2022年城乡低保标准提到一年多少钱？")


def test_a_figure_of_the_thing_asked_not_of_the_next_thing_listed(
    tmp_path: Path, engine: Engine
) -> None:
    """江苏 2024 (tests/data/fresh14): the sentence of the year's targets gives a figure a
    clause ("地区生产总值增长5%以上，…") and says of grain only "粮食产量保持基本稳定": its
    figures are other things'. The passage giving "产量750亿斤左右" answers. A figure in the
    clause after the one naming the thing still counts where the sentence lists no figures
    ("粮食总产量再上新台阶，突破1600亿斤大关", 黑龙江 2025)."""
    jiangsu = data_engine(tmp_path, engine, "fresh14/jiangsu_2024.txt")
    assert "产量750亿斤左右" in first_cited(jiangsu, "2024年江苏粮食产量打算保持在多少？")
    query = engine.queries.build("黑龙江去年粮食产了多少？")
    concepts = QuestionCoverage(query, [1.0] * len(query.concepts))
    assert concepts.figure_with_topic("粮食总产量再上新台阶，突破1600亿斤大关，连续15年居全国首位")
    listed = "地区生产总值增长5%以上，就业120万人以上，粮食产量保持基本稳定，物价涨幅3%左右"
    assert not concepts.figure_with_topic(listed)
    assert concepts.figure_with_topic(listed.replace("保持基本稳定", "750亿斤左右"))


def test_what_a_share_is_of_gives_no_figure_of_it(tmp_path: Path, engine: Engine) -> None:
    """山东 2013 (tests/data/fresh53): "去年GDP到底有多少" ranked first "旅游总收入达到4520亿元，
    占生产总值9%" (a figure beside 生产总值, but of tourism); "生产总值…达到50013.2亿元" answers."""
    shandong = data_engine(tmp_path, engine, "fresh53/shandong_2013.txt")
    assert "达到50013.2亿元" in first_cited(shandong, "山东去年GDP到底有多少？")
    query = engine.queries.build("山东去年GDP到底有多少？")
    concepts = QuestionCoverage(query, [1.0] * len(query.concepts))
    assert not concepts.figure_with_topic("旅游总收入达到4520亿元，占生产总值9%。")
    assert not concepts.figure_with_topic("全社会研发投入占生产总值比重达到2%。")
    assert concepts.figure_with_topic("生产总值达到50013.2亿元，年均增长11.4%。")


def test_a_spans_yearly_average_is_no_figure_of_one_years_growth(
    tmp_path: Path, engine: Engine
) -> None:
    """云南 2016 (tests/data/fresh51): "2015年GDP涨了多少" ranked first "全省生产总值、固定资产投资
    跨上万亿元新台阶，年均增长11.1%和24.7%" (the five years'); "全省生产总值增长8.7%" answers.
    A span's question keeps the average's figure."""
    from retrieval.figure_clauses import figure_with_topic, years_rate_asked

    yunnan = data_engine(tmp_path, engine, "fresh51/yunnan_2016.txt")
    assert "全省生产总值增长8.7%" in first_cited(yunnan, "云南2015年GDP涨了多少？")
    sentence = "全省生产总值、固定资产投资跨上万亿元新台阶，年均增长11.1%和24.7%。"
    assert years_rate_asked(engine.queries.build("云南2015年GDP涨了多少？"))
    assert not years_rate_asked(engine.queries.build("云南“十二五”期间GDP每年涨了多少？"))
    assert not figure_with_topic(sentence, ("生产总值",), years_rate=True)
    assert figure_with_topic(sentence, ("生产总值",), years_rate=False)
