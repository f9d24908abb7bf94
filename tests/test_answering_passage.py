"""Which passage of the best few answers (engine._answering, abstention.holds_as_much)."""

from __future__ import annotations

from pathlib import Path

from retrieval.engine import Engine

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
