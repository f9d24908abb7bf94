"""A counted term ("三个一流", "四个中心") held by the list of its things, each saying its word
(retrieval/definitions.py spells_out, read by phrase_holding.py and says_what)."""

from __future__ import annotations

from pathlib import Path

from retrieval.definitions import spells_out
from retrieval.engine import Engine

from .conftest import data_engine


def test_a_counted_term_is_spelled_out_by_a_list_of_its_things() -> None:
    listed = "全面推进一流的新兴产业基地、一流的自主创新基地和一流的现代宜居城市建设"
    assert spells_out(listed, "三个一流")
    assert spells_out("建设政治中心、文化中心、国际交往中心、科技创新中心", "四个中心")
    assert spells_out("建设政治中心、文化中心、国际交往中心、科技创新中心", "两大中心")
    # fewer things than counted, things in separate clauses, or a one-character word: no
    assert not spells_out("推进一流的新兴产业基地、一流的自主创新基地建设", "三个一流")
    assert not spells_out("一流的新兴产业，一流的自主创新基地和一流的城市", "三个一流")
    assert not spells_out("历史文化名城、生态宜居城和商贸名城", "三城")
    assert not spells_out(listed, "一流")  # no count: the word itself


def test_a_counted_term_asked_is_answered_by_its_list(tmp_path: Path, engine: Engine) -> None:
    # 太原 2012 says “三个一流” in its guiding idea, and lists them only in the year's tasks
    taiyuan = data_engine(tmp_path, engine, "fresh47/taiyuan_2012.txt")
    top = taiyuan.answer("太原说的“三个一流”是哪三个？").citations[0]
    assert "一流的新兴产业基地、一流的自主创新基地和一流的现代宜居城市" in top.excerpt
    assert top.excerpt in taiyuan.reports[top.passage.report].text
