"""A neighbouring indicator (retrieval/variants.py): the head asked, under another modifier."""

from __future__ import annotations

import shutil
from pathlib import Path

from retrieval.engine import Engine
from retrieval.models import AnswerStatus
from retrieval.variants import other_modifier, other_modifier_of_run, runs, whole_named

from .conftest import ROOT, data_engine, first_cited, one_report


def test_another_modifier_of_the_head_asked_is_found() -> None:
    text = "城镇调查失业率5.5%左右，居民消费价格涨幅2%左右。"
    assert other_modifier("城镇登记失业率", text, "城镇登记失业率目标是多少") == "调查"
    text = "全体居民人均可支配收入增长5%，农村居民人均可支配收入增长6.1%。"
    assert other_modifier("城镇居民人均可支配收入", text, "城镇居民人均可支配收入") == "全体"
    # the question's modifier elsewhere, not on the head, gives no figure of it (湖南's report)
    text += "均跑赢城镇居民收入增速。"
    assert other_modifier("城镇居民人均可支配收入", text, "城镇居民人均可支配收入") == "全体"


def test_an_indicator_jieba_cuts_into_words_is_judged_whole() -> None:
    question = "米易县2022年城镇调查失业率是多少"
    words = ["2022", "年", "城镇", "调查", "失业率", "是", "多少"]
    assert runs(words) == [("城镇", "调查", "失业率")]  # nouns only: no 是, no 多少
    text = "城镇新增就业2599人，城镇登记失业率为3.55%。"
    assert other_modifier_of_run(("城镇", "调查", "失业率"), text, question) == "登记"
    # the indicator asked is there, or its middle shortened (电商 for 电子商务), or a time
    assert other_modifier_of_run(("城镇", "调查", "失业率"), "城镇调查失业率5.5%", question) is None
    run = ("金桥", "电子商务", "产业园")
    assert other_modifier_of_run(run, "金桥电商产业园交易额", "金桥电子商务产业园") is None
    assert runs(["企业", "一年", "交易额"]) == []  # 一年 is a count, not part of a name


def test_the_whole_for_a_part_is_another_indicator() -> None:
    asked = "城镇居民人均可支配收入"
    text = "民生实事全面完成，居民人均可支配收入增长5.4%。"
    assert other_modifier(asked, text, asked) == ""
    # ... unless the question's modifier stands on a head of the passage
    text = "城镇、农村居民人均可支配收入分别增长5%、7%，居民人均可支配收入增长6%。"
    assert other_modifier(asked, text, asked) is None


def test_what_is_no_variant() -> None:
    asked = "城镇居民人均可支配收入"
    # the word itself is there, or the question's modifier is ("城镇、农村居民…")
    assert other_modifier(asked, "城镇居民人均可支配收入增长5%", asked) is None
    assert other_modifier(asked, "城镇、农村居民人均可支配收入分别增长5%、7%", asked) is None
    # the passage's modifier is the question's own word ("城乡" asked and found)
    question = "城乡居民人均可支配收入分别是多少"
    assert other_modifier("居民人均可支配收入", "城乡人均可支配收入分别达到3万元", question) is None
    # a short head ("质量") or a one-character difference is not judged
    assert other_modifier("空气质量", "地表水环境质量持续改善", "空气质量") is None
    assert other_modifier("农村居民", "乡村居民收入增长", "农村居民") is None


def test_a_neighbouring_indicator_is_no_answer(tmp_path: Path) -> None:
    engine = one_report(
        tmp_path,
        2024,
        "全市地区生产总值增长5%。",
        "主要预期目标是：城镇调查失业率5.5%左右，粮食产量稳定在100万吨。",
    )
    assert engine.answer("城镇登记失业率的目标是多少").status is AnswerStatus.NOT_FOUND
    answer = engine.answer("城镇调查失业率的目标是多少")
    assert answer.answered and "城镇调查失业率5.5%" in answer.citations[0].excerpt


def test_town_and_country_asked_together_are_城乡(tmp_path: Path) -> None:
    plan = "主要预期目标是：生产总值增长5%左右，城乡居民人均可支配收入分别增长5%、6%。"
    engine = one_report(tmp_path, 2025, "全省地区生产总值增长5.3%。", plan)
    answer = engine.answer("今年城镇和农村居民人均可支配收入分别预期增长多少？")
    assert answer.answered and "分别增长5%、6%" in answer.citations[0].passage.text


def test_the_whole_place_or_year_said_another_way_is_the_same_indicator(tmp_path: Path) -> None:
    # 陕西's 2024 report (tests/data/fresh13): "全年生产总值达到33786亿元" for 地区生产总值
    text = "全年生产总值达到33786亿元、增长4.3%，城镇调查失业率平均为5.2%。"
    assert other_modifier("地区生产总值", text, "2023年地区生产总值是多少亿元") is None
    assert other_modifier("地区生产总值", "，生产总值增长5%", "地区生产总值") is None
    assert other_modifier("地区生产总值", "全省生产总值5.3万亿元", "地区生产总值") is None
    # 兰州 2018 (tests/data/fresh91): a verb before the indicator is no modifier of it
    reached = "预计全市实现生产总值2445.7亿元，增长6.3%。"
    assert other_modifier("地区生产总值", reached, "2017年地区生产总值是多少") is None
    assert other_modifier("城镇登记失业率", "城镇调查失业率5%", "城镇登记失业率") == "调查"
    part = "县域经济实现生产总值800亿元。"  # the verb after a part: still the part's
    assert other_modifier("地区生产总值", part, "2017年地区生产总值是多少") is not None
    assert whole_named("地区生产总值") == "生产总值" and whole_named("全省粮食产量") == "粮食产量"
    assert whole_named("生产总值") is None and whole_named("城镇居民收入") is None
    assert whole_named("地区") is None
    shutil.copy(ROOT / "tests" / "data" / "fresh13" / "shaanxi_2024.txt", tmp_path)
    answer = Engine.from_dir(tmp_path).answer("陕西2023年地区生产总值是多少亿元？")
    assert answer.answered and "33786亿元" in answer.citations[0].passage.text


def test_the_whole_named_beside_a_part_of_it_is_the_whole_asked(
    tmp_path: Path, engine: Engine
) -> None:
    # 陕西 2021 (tests/data/fresh16): "生产总值年均增长6.3%…陕北生产总值占全省比重提升": the
    # whole named (bare, as the report says it) beside a part of the province
    text = "一是综合实力明显增强。生产总值年均增长6.3%。陕北生产总值占全省比重提升0.6个百分点"
    assert other_modifier("地区生产总值", text, "过去五年地区生产总值年均增长多少") is None
    assert other_modifier("地区生产总值", "陕北生产总值增长5%", "地区生产总值增长多少") == "陕北"
    shaanxi = data_engine(tmp_path, engine, "fresh16/shaanxi_2021.txt")
    assert "生产总值年均增长6.3%" in first_cited(shaanxi, "陕西过去五年地区生产总值年均增长多少？")
