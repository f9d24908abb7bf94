"""What the thesaurus reads through (session 36): a count said inside a key's words
(开个公司) or a place name (回亳州老家), and GDP, which reports write for the 地区生产总值 a
question names (达州 2021, tests/data/fresh96; 崇左 2023, fresh97; 亳州 2022, fresh98). Each
question is worded apart from the sets' own."""

from __future__ import annotations

from pathlib import Path

from retrieval.engine import Engine
from retrieval.thesaurus import Keys

from .conftest import data_engine, first_cited, set_engine


def test_a_count_inside_a_keys_words_is_left_out() -> None:
    keys = Keys(["开公司", "注册公司", "企业"])
    assert keys.through_counts("在崇左注册一家公司要多久") == "在崇左注册公司要多久"
    assert keys.through_counts("在云南开个公司要等几天") == "在云南开公司要等几天"
    # a count that makes no key stays: it may be the question's own word
    assert keys.through_counts("新增了一家企业") == "新增了一家企业"
    assert keys.through_counts("两个公司开业") == "两个公司开业"
    # the blank of a place name left out ("回亳州老家"), and a key that holds the count stays
    keys = Keys(["回老家", "每个月", "每月", "老人家", "老人"])
    assert keys.through_counts("这几年有多少人回 老家创业") == "这几年有多少人回老家创业"
    assert keys.through_counts("每个月能领多少") == "每个月能领多少"
    assert keys.through_counts("老人家看病") == "老人家看病"


def test_going_home_said_around_a_place_is_the_reports_return_home(
    tmp_path: Path, engine: Engine
) -> None:
    """ "回亳州老家创业": 亳州 is matched as the region, and what is left is 回老家 (the
    thesaurus' 返乡): 亳州 2022 among the six reports of tests/data/fresh98 answers."""
    cities = set_engine(tmp_path, engine, "fresh98")
    assert "吸引3.5万人返乡成功创业" in first_cited(cities, "这些年回亳州老家创业的人有多少？")


def test_opening_a_company_asked_with_a_count_is_the_reports_enterprise_opening(
    tmp_path: Path, engine: Engine
) -> None:
    """ "注册一家公司" is 注册公司 (the thesaurus' 企业开办), not 一家 searched for: among the six
    2023 reports of tests/data/fresh97, 崇左's "企业开办实现“零成本半天办结”" answers."""
    cities = set_engine(tmp_path, engine, "fresh97")
    assert "零成本半天办结" in first_cited(cities, "崇左注册一家公司要等几天？")
    assert "零成本半天办结" in first_cited(cities, "崇左开个公司要交钱吗？")


def test_a_gdp_target_written_gdp_answers_a_question_naming_the_regional_product(
    tmp_path: Path, engine: Engine
) -> None:
    """达州 2021 writes its targets "GDP增长7.5%以上"; the question says 地区生产总值."""
    dazhou = data_engine(tmp_path, engine, "fresh96/dazhou_2021.txt")
    assert "GDP增长7.5%以上" in first_cited(dazhou, "达州今年地区生产总值预计增长多少？")


def test_everyday_words_of_the_second_batch_find_the_reports_wording(
    tmp_path: Path, engine: Engine
) -> None:
    """领结婚证 -> 婚姻登记 (data/thesaurus.tsv, the session-36 batch written blind to our
    sets): 哈密 2016 among the six reports of tests/data/fresh93 waives the registration fee."""
    cities = set_engine(tmp_path, engine, "fresh93")
    assert "免收婚姻登记费" in first_cited(cities, "哈密领结婚证还要交钱吗？")
