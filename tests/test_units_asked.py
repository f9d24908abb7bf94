"""Figures in the unit a question asks (units.py, figures_asked.py)."""

from __future__ import annotations

from pathlib import Path

from retrieval.units import unit_figure

from .conftest import one_report


def test_the_general_measure_word_counts_firms_schools_and_buildings() -> None:
    firms = unit_figure("家")
    assert firms.search("兴办31.4万个实体企业") and firms.search("新增企业20万家")
    assert unit_figure("所").search("新建学校12个") and not firms.search("带动就业463.4万人")
    for not_a_count in ("高于全省2个百分点", "用了3个月时间", "带动12个人就业"):
        assert not firms.search(not_a_count), not_a_count


def test_a_count_of_firms_given_with_ge_answers_how_many_firms(tmp_path: Path) -> None:
    review = "（一）返乡创业。\n鼓励外出务工人员返乡创业，兴办31.4万个实体企业，带动就业463.4万人。"
    engine = one_report(tmp_path, 2018, review, "（一）主要目标\n地区生产总值增长7%左右。")
    answer = engine.answer("回乡创业办起了多少家企业？")
    assert answer.answered, answer.status
    assert "31.4万个实体企业" in answer.citations[0].passage.text
