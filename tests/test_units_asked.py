"""Figures in the unit a question asks (units.py, figures_asked.py)."""

from __future__ import annotations

from pathlib import Path

from retrieval.units import asked_unit, unit_figure

from .conftest import one_report


def test_the_general_measure_word_counts_firms_schools_and_buildings() -> None:
    firms = unit_figure("家")
    assert firms.search("兴办31.4万个实体企业") and firms.search("新增企业20万家")
    assert unit_figure("所").search("新建学校12个") and not firms.search("带动就业463.4万人")
    assert not unit_figure("吨").search("建成12个粮库")  # only counts of things, not tonnes


def test_a_count_of_firms_given_with_ge_answers_how_many_firms(tmp_path: Path) -> None:
    review = "（一）返乡创业。\n鼓励外出务工人员返乡创业，兴办31.4万个实体企业，带动就业463.4万人。"
    engine = one_report(tmp_path, 2018, review, "（一）主要目标\n地区生产总值增长7%左右。")
    answer = engine.answer("回乡创业办起了多少家企业？")
    assert answer.answered, answer.status
    assert "31.4万个实体企业" in answer.citations[0].passage.text


def test_how_many_days_asks_a_time_in_any_numerals() -> None:
    assert asked_unit("挂一次号能管几天") == "几天"
    assert asked_unit("要多少天才能办完") == "多少天"
    days = unit_figure("几天")
    assert days.search("一次挂号管三天") and days.search("办结时间压缩至5个工作日")
    assert not days.search("“三年行动计划”") and not days.search("挂号费降低20元")


def test_a_time_written_in_chinese_numerals_answers_how_many_days(tmp_path: Path) -> None:
    plan = "（一）医疗服务\n推行一次挂号管三天，方便群众就医。\n（二）医院建设\n新建医院3所。"
    engine = one_report(tmp_path, 2024, "（一）民生改善。\n城镇新增就业50万人。", plan)
    answer = engine.answer("2024年看病挂一次号能管几天？")
    assert answer.answered, answer.status
    assert "一次挂号管三天" in answer.citations[0].passage.text
    refused = engine.answer("2024年新建医院要几天建成？")  # 3所 is no time
    assert not refused.answered
