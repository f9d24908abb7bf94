"""What reports of tests/data showed in session 35, prefecture-level cities' (fresh92-95:
lawtext/gov, 其他地市, 2014, 2016, 2020, 2022; fresh59: 2023) and provinces' (fresh57: 2007,
fresh60: 2011): each test asks a question worded apart from the sets' own of a real report,
and checks what is cited first."""

from __future__ import annotations

from pathlib import Path

from retrieval.answer_types import unsaid_measure
from retrieval.engine import Engine
from retrieval.query_types import Concept
from retrieval.report_parts import only_time_words

from .conftest import data_engine, first_cited, set_engine


def test_a_next_passage_need_not_say_this_year_when_it_is_in_the_plan(
    tmp_path: Path, engine: Engine
) -> None:
    """The 2014 reports of six cities (tests/data/fresh92): the best passage, the plan's
    opening ("做好今年的经济社会发展工作…"), gives no count of people; the next one, in the
    plan too, does ("实现城镇新增就业3.1万人") without saying 今年: the part it is in says it."""
    cities = set_engine(tmp_path, engine, "fresh92")
    assert "城镇新增就业3.1万人" in first_cited(cities, "六安今年在城里能给多少人添上工作？")
    assert "城镇新增就业" in first_cited(cities, "咸阳今年能在城里新添多少人的工作？")


def test_a_monthly_figure_written_per_month_says_each_month(tmp_path: Path, engine: Engine) -> None:
    """ "每个月能领多少": reports write a monthly amount "560元/月" (攀枝花 2020 among the six
    reports of tests/data/fresh94); it says 每月 where the question's share is near the bar."""
    cities = set_engine(tmp_path, engine, "fresh94")
    assert "560元/月" in first_cited(cities, "攀枝花城里吃低保的现在每个月能领多少？")


def test_a_quoted_phrase_said_earlier_in_the_paragraph_is_held(
    tmp_path: Path, engine: Engine
) -> None:
    """哈密 2016 (tests/data/fresh93): a paragraph cut into passages names “加减乘除” in its
    first, and says what “除” is in a later one, which holds both quoted phrases."""
    hami = data_engine(tmp_path, engine, "fresh93/hami_2016.txt")
    question = "哈密供给侧改革讲的“加减乘除”中，“除”是什么意思？"
    assert "“除”就是要坚决淘汰落后产能" in first_cited(hami, question)


def test_when_the_question_says_now_is_no_share_of_what_it_asks(
    tmp_path: Path, engine: Engine
) -> None:
    """锦州 2023 among the city reports of tests/data/fresh59: "现在" (like 今年, 去年) says
    which part answers, not what is asked; the review's "23批1527人次医务工作者驰援…" answers."""
    cities = set_engine(tmp_path, engine, "fresh59")
    cited = first_cited(cities, "锦州现在派了多少医护人员去外地帮忙抗疫？")
    assert "1527人次医务工作者" in cited


def test_when_ahead_is_no_share_of_what_it_asks(tmp_path: Path, engine: Engine) -> None:
    """江苏 2011 among the provincial reports of tests/data/fresh60: "以后" says the plan
    answers, as 今年 does; "免收义务教育阶段学生作业本费" in the plan's list answers."""
    reports = set_engine(tmp_path, engine, "fresh60")
    assert "作业本费" in first_cited(reports, "江苏小学生的作业本以后还要自己掏钱买吗？")


def test_a_share_asked_is_said_by_its_percentage(tmp_path: Path, engine: Engine) -> None:
    """江苏 2007 among the provincial reports of tests/data/fresh57: "比例" asks a share, which
    "高等教育毛入学率达到35.6%" gives by its percentage without the word, as "突破800家" gives a
    数量 asked."""
    reports = set_engine(tmp_path, engine, "fresh57")
    assert "毛入学率达到35.6%" in first_cited(reports, "江苏年轻人现在上大学的比例是多少？")


def test_a_growth_rate_is_no_share_and_a_name_s_future_is_no_time() -> None:
    share = Concept(("比重", "占比"))
    assert unsaid_measure(share, "高等教育毛入学率达到35.6%")
    assert unsaid_measure(share, "民营经济占百分之三十")
    assert not unsaid_measure(share, "民营经济增加值增长8.5%")  # how much it grew
    assert not unsaid_measure(share, "年度任务完成率100%")
    assert only_time_words(["以后"]) and only_time_words(["现在"]) and only_time_words(["去年"])
    assert not only_time_words(["未来"])  # 未来乡村, 未来社区: a name's word
