"""Abstention on real reports: the year, part of the report and place a passage speaks of."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from retrieval.config import EngineConfig
from retrieval.engine import Engine
from retrieval.everyday_words import COUNTS_FILE, everyday
from retrieval.figures_asked import only_span_average
from retrieval.models import AnswerStatus
from retrieval.named_asked import states_unheld_figure
from retrieval.report_parts import Part, asks_plan, asks_result, part_of, parts_of, wrong_parts
from retrieval.report_spans import behind_asked, past_span_asked, speaks_of_span

from .conftest import ROOT, data_engine, first_cited, one_report, set_engine

REAL = ROOT / "tests" / "data" / "real"


def test_heading_says_which_part_of_the_report() -> None:
    assert part_of("一、2024年工作回顾", 2025) is Part.REVIEW
    assert part_of("二、2025年目标任务和重点工作", 2025) is Part.PLAN
    assert part_of("二、今年经济社会发展的总体要求、主要预期目标", 2013) is Part.PLAN
    assert part_of("一、过去五年和2021年工作回顾", 2022) is Part.REVIEW
    # both, neither, or no year known: not judged
    assert part_of("一、2024年工作回顾和2025年工作安排", 2025) is None
    assert part_of("（三）推进乡村全面振兴", 2025) is None
    assert part_of("一、2024年工作回顾", None) is None
    # how the tasks came out is a review, whatever plan word it names (陕西 2015, fresh35)
    assert part_of("一、十二届人大二次会议确定任务完成情况", 2015) is Part.REVIEW
    assert part_of("一、“十二五”规划完成情况及2015年工作回顾", 2016) is Part.REVIEW
    # a plan that ended before the year planned is reviewed, whatever words name it (福建 2006,
    # tests/data/prov2006), unless the heading names the plan of the year too
    assert part_of("一、海峡西岸经济区建设全面展开 “十五”目标任务胜利完成", 2006) is Part.REVIEW
    assert part_of("二、“十一五”时期的主要目标和任务", 2006) is Part.PLAN
    assert part_of("二、“十五”成就和“十一五”目标任务", 2006) is None
    assert part_of("二、第十五届全运会筹办目标任务", 2025) is Part.PLAN  # 十五 a count
    # the year planned or the years ahead named beside the ended plan: the plan
    assert part_of("三、巩固“十五”成果，全面做好今年各项工作", 2006) is Part.PLAN
    assert part_of("三、在“十五”基础上，明确今后五年的目标任务", 2006) is Part.PLAN
    assert part_of("二、“十四五”发展成效和“十五五”目标任务", 2026) is Part.PLAN  # 南京 2026


def test_headings_that_name_no_part_are_read_by_order(tmp_path: Path) -> None:
    tops = [
        "一、牢记殷殷嘱托，在接续奋斗中新福建建设取得新成效",
        "二、牢记历史使命，奋力谱写新篇章",
    ]
    assert parts_of(tops, 2025) == {tops[0]: Part.REVIEW, tops[1]: Part.PLAN}
    # a part after the last that says it reviews plans (云南 2023, tests/data/fresh15:
    # "一、…取得新的重大成就", "三、踔厉奋发勇毅前行…")
    assert parts_of(["一、2024年工作回顾", tops[1]], 2025) == {
        "一、2024年工作回顾": Part.REVIEW,
        tops[1]: Part.PLAN,
    }
    # one before it opens the report: it reviews (吉林 2014: "本届政府履行职责已经一年…")
    assert parts_of([tops[1], "二、2024年工作回顾"], 2025) == {
        tops[1]: Part.REVIEW,
        "二、2024年工作回顾": Part.REVIEW,
    }
    both = "二、“十三五”时期发展成就和“十四五”时期主要目标任务"  # 2021's national report
    assert parts_of(["一、2020年工作回顾", both, "三、2021年重点工作"], 2021) == {
        "一、2020年工作回顾": Part.REVIEW,
        "三、2021年重点工作": Part.PLAN,
    }
    assert parts_of(tops[:1], 2025) == {}
    # headings numbered anew are not the report's parts (云南 2003, tests/data/fresh56: its
    # "一、…" run on at paragraph ends; "——国民经济较快增长…" reviews 2002, after "过去的五年…")
    lost = ["过去的五年，是经济持续增长的五年", "——国民经济较快增长，结构调整继续推进",
            "（一）以全面建设小康社会统领发展全局", "（二）以创新的思路加快经济发展",
            "（一）加快工业发展，促进结构调整迈出新步伐"]  # fmt: skip
    assert parts_of(lost, 2003) == {lost[0]: Part.REVIEW}
    # the first reviews where it says neither; "全面完成了…任务" is done, not planned
    bare = ["（一）", "（二）", "（三）"]  # 黑龙江 2010 (fresh50): parts headed by a number alone
    assert parts_of(bare, 2010) == {"（一）": Part.REVIEW}
    anhui = [
        "一、“十三五”实现良好开局",
        "二、用新发展理念统领发展全局",
        "三、扎实做好2017年重点工作",
    ]
    assert parts_of(anhui, 2017) == {anhui[0]: Part.REVIEW, anhui[2]: Part.PLAN}
    done = ["一、全面完成了省十一届人大一次会议确定的各项目标和任务",
            "二、2009年面临的形势及经济社会发展的总体要求", "三、着力推动经济又好又快发展"]  # fmt: skip
    assert parts_of(done, 2009) == dict(zip(done, [Part.REVIEW, Part.PLAN, Part.PLAN], strict=True))
    # 福建 2025: "一、牢记殷殷嘱托…取得新成效" is its review of 2024, the parts after it plan
    for name in ("fujian_2025.txt", "sichuan_2025.txt"):
        shutil.copy(REAL / name, tmp_path / name)
    answer = Engine.from_dir(tmp_path).answer("福建今年计划城镇新增就业多少人？")
    assert answer.answered and "城镇新增就业50万人" in answer.citations[0].passage.text


def test_which_parts_cannot_answer_for_a_year(engine: Engine) -> None:
    queries = engine.queries

    def wrong(year: int, plan_year: int, question: str) -> frozenset[Part]:
        q = queries.build(question)
        return wrong_parts(year, plan_year, q.asks_plan, q.asks_result)

    # the year looked back on: its result is in the review, not in next year's plan
    assert wrong(2024, 2025, "浙江2024年城镇调查失业率是多少") == {Part.PLAN}
    # that year's target was set in that year's own report: the review gives results, the
    # plan next year's targets
    assert wrong(2024, 2025, "广东2024年年初定的GDP增长目标是多少") == {Part.REVIEW, Part.PLAN}
    # the year planned: a target is in the plan; its actual result is nowhere yet
    assert wrong(2025, 2025, "今年GDP要增长多少") == {Part.REVIEW}
    assert wrong(2022, 2022, "2022年GDP实际增长了多少") == {Part.PLAN, Part.REVIEW}
    assert wrong(2021, 2021, "2021年计划完成造林多少亩") == {Part.REVIEW}  # a plan, not a result
    assert wrong(2025, 2025, "2025年GDP增长多少") == {Part.REVIEW}
    # a result that may come this year ("能实现吗") is asked of the plan, as a target is
    assert wrong(2016, 2016, "在江苏坐公交车，今年用手机查公交能实现吗？") == {Part.REVIEW}
    assert wrong(2016, 2016, "今年用手机查公交实现了吗") == {Part.PLAN, Part.REVIEW}
    # any other year: neither part, unless the passage names it (YearAndPart.wrong_part)
    assert wrong(2020, 2025, "2020年GDP") == {Part.PLAN, Part.REVIEW}
    assert wrong(2026, 2025, "明年GDP目标") == set()  # often the year planned, said early


def test_a_year_neither_part_covers_is_answered_only_where_named(tmp_path: Path) -> None:
    review = "全省地区生产总值增长5.1%，粮食产量1344亿斤。\n（二）民生\n居民收入比2023年增长5%。"
    plan = (
        "（一）主要目标\n地区生产总值增长5%左右。\n（二）农业\n到2027年，高标准农田达到8000万亩。"
    )
    engine = one_report(tmp_path, 2025, review, plan)
    for question in ("某省前年地区生产总值增长了多少？", "某省2023年粮食产量是多少？",
                     "某省2027年地区生产总值增长目标是多少？"):  # fmt: skip
        assert engine.answer(question).status is AnswerStatus.NOT_FOUND, question
    answer = engine.answer("某省2027年高标准农田要达到多少万亩？")  # named: answered
    assert answer.answered and "8000万亩" in answer.citations[0].passage.text


def test_an_earlier_year_measured_from_is_not_the_year_of_the_figures(tmp_path: Path) -> None:
    review = "全省粮食产量1344亿斤。\n（二）民生\n居民收入比2023年增长5%。"
    engine = one_report(tmp_path, 2025, review, "（一）主要目标\n地区生产总值增长5%左右。")
    # 2023 asked of a 2025 report: "比2023年增长" is 2024's growth, measured from 2023
    answer = engine.answer("某省2023年居民收入增长了多少？")
    assert answer.status is AnswerStatus.NOT_FOUND
    given = "全省粮食产量1344亿斤。\n（二）民生\n2023年居民收入增长6%，2024年增长5%。"
    (tmp_path / "given").mkdir()
    answer = one_report(tmp_path / "given", 2025, given, "（一）主要目标\n增长5%左右。").answer(
        "某省2023年居民收入增长了多少？"
    )
    assert answer.answered and "2023年居民收入增长6%" in answer.citations[0].passage.text


def test_what_really_came_of_a_later_year_is_in_no_report_before_it(tmp_path: Path) -> None:
    plan = "（一）主要目标\n到2021年，全县生产总值达到170亿元，年均增长12%以上。"
    engine = one_report(tmp_path, 2017, "全县生产总值完成96.3亿元。", plan)
    answer = engine.answer("某省到2021年生产总值实际达到多少亿元？")
    assert answer.status is AnswerStatus.NOT_FOUND  # a 2017 report cannot know it
    answer = engine.answer("某省到2021年生产总值要达到多少亿元？")  # its target: answered
    assert answer.answered and "170亿元" in answer.citations[0].passage.text


def test_plan_and_result_cues_are_whole_words() -> None:
    assert asks_plan(["今年", "打算", "新建"]) and asks_plan(["目标", "是", "多少"])
    # 预期 of 人均预期寿命, 想 of 思想, 要 of 纲要 ask for no plan
    assert not asks_plan(["人均", "预期", "寿命"]) and not asks_plan(["思想", "纲要"])
    assert asks_result(["实际", "增长"]) and not asks_result(["最后", "一公里"])
    # a result word after one that says it may come asks whether it is planned
    assert asks_result(["完成", "了", "吗"]) and not asks_result(["能", "完成", "吗"])
    assert not asks_result(["能否", "达到"]) and asks_result(["达到", "了", "多少"])
    # ... unless the question looks back: last year's target, a failure, what is done already
    assert asks_result(["去年", "的", "目标", "能", "实现", "吗"])
    assert asks_result(["为什么", "没", "能", "完成", "目标"])
    assert asks_result(["已经", "能", "实现", "了", "吗"])
    assert asks_result(["能", "实现", "了", "吗"])
    # 要 before the quantity asked is what a thing takes ("开公司要几天"), not a plan
    assert not asks_plan(["开", "公司", "要", "多长时间"]) and not asks_plan(["要", "几天"])
    assert asks_plan(["今年", "要", "新增", "多少"]) and asks_plan(["要", "达到", "多少"])
    # 预期 before a verb asks a target; in 人均预期寿命 (above) it does not
    assert asks_plan(["城镇化率", "预期", "达到", "多少"])
    assert not asks_plan([]) and asks_plan(("今年", "要")) and not asks_plan(("预期",))


def test_what_a_thing_takes_is_read_in_the_review(tmp_path: Path, engine: Engine) -> None:
    """ "2020年开一家公司要多长时间" of a 2021 report: 2020's result, in the review."""
    ningxia = data_engine(tmp_path, engine, "fresh21/ningxia_2021.txt")
    text = first_cited(ningxia, "2020年在宁夏注册开一家公司要多长时间？")
    assert "企业开办时间压缩到1个工作日内" in text


def test_the_years_ahead_asked_are_the_report_s_own(tmp_path: Path, engine: Engine) -> None:
    """ "今后五年（2018-2022年）" of a 2018 report that never writes 2022: the term it plans."""
    jiangsu = data_engine(tmp_path, engine, "fresh24/jiangsu_2018.txt")
    text = first_cited(jiangsu, "江苏今后五年（2018-2022年）科技进步贡献率的目标是多少？")
    assert "科技进步贡献率达66%" in text
    # a range of years is a span too: "（2013-2017年）" of 浙江 2018, which never writes 2013
    zhejiang = data_engine(tmp_path, engine, "fresh24/zhejiang_2018.txt")
    text = first_cited(zhejiang, "浙江老百姓的收入在全国各省里排第几？（2013-2017年）")
    assert "连续多年位居全国各省（区）第1" in text
    # a later year asked ("到2026年") is answered by the plan of the five years ahead that
    # holds it, though it never writes 2026 (大庆 2022: "二、今后五年发展目标任务")
    daqing = data_engine(tmp_path, engine, "fresh25/city_daqing_2022.txt")
    text = first_cited(daqing, "大庆计划今后五年（到2026年左右）GDP要达到多少？")
    assert "大庆地区生产总值要迈上4000亿元台阶" in text


def test_a_named_term_says_its_years(tmp_path: Path, engine: Engine) -> None:
    """ "“十三五”期间（2016-2020年）" of a 2021 report that never writes 2016: the term it
    reviews, as "这五年（2016-2020年）" would be."""
    hunan = data_engine(tmp_path, engine, "fresh21/hunan_2021.txt")
    text = first_cited(hunan, "“十三五”期间（2016-2020年）湖南GDP年均增长多少？")
    assert "地区生产总值年均增长7%" in text


@pytest.fixture(scope="module")
def provinces(tmp_path_factory: pytest.TempPathFactory, engine: Engine) -> Engine:
    folder: Path = tmp_path_factory.mktemp("provinces")
    for name in ("zhejiang_2025.txt", "gansu_2025.txt", "district_mancheng_2022.txt",
                 "hebei_2022.txt", "city_baoding_2022.txt"):  # fmt: skip
        shutil.copy(REAL / name, folder / name)
    return Engine.from_dir(folder, tokenizer=engine.tokenizer)


@pytest.mark.parametrize(
    "question",
    [
        "浙江2024年实际的城镇调查失业率是多少？",  # only next year's target is given
        "满城区2022年全年GDP实际增长了多少？",  # the year the report plans: no result yet
        "宁波2024年GDP总量是多少？",  # 浙江's report names 宁波 (宁波舟山港), not its GDP
        "浙江2024年年初定的地区生产总值增长目标是多少？",  # set in 2024's report, not loaded
    ],
)
def test_a_passage_about_another_year_part_or_place_is_no_answer(
    provinces: Engine, question: str
) -> None:
    assert provinces.answer(question).status is AnswerStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("浙江今年城镇调查失业率的目标是多少？", "城镇调查失业率控制在5%以内"),
        ("满城区今年地区生产总值增长目标是多少？", "地区生产总值增长8%以上"),
        ("酒泉2024年经济总量是多少？", "酒泉经济总量突破千亿、达到1042亿元"),
        ("河北运动员在东京奥运会上金牌数排全国第几？", "金牌数分列全国第三和第二位"),
    ],
)
def test_the_passage_of_the_year_part_and_place_asked_is_cited(
    provinces: Engine, question: str, quoted: str
) -> None:
    answer = provinces.answer(question)
    assert answer.status is AnswerStatus.ANSWERED, question
    assert quoted in answer.citations[0].passage.text


def test_a_figure_in_the_unit_asked_must_be_about_what_is_asked(provinces: Engine) -> None:
    # 甘肃's report gives its residents' income as a growth rate only; its 元 figures are of
    # other things in other sentences
    answer = provinces.answer("甘肃2024年全体居民人均可支配收入是多少元？")
    assert answer.status is AnswerStatus.NOT_FOUND
    answer = provinces.answer("酒泉2024年经济总量是多少亿元？")
    assert answer.answered and "达到1042亿元" in answer.citations[0].excerpt


def test_a_question_asking_when_wants_a_date() -> None:
    from retrieval.answer_types import asked_date

    day = asked_date("深中通道是哪一天通车的")
    assert day is not None and day.search("12月27日") and not day.search("通车运营")
    month = asked_date("独库公路每年几月份开放")
    assert month is not None and month.search("6月") and not month.search("旅游旺季")
    when = asked_date("什么时候建成")
    assert when is not None and when.search("2025年底前建成") and not when.search("加快建设")
    # a quarter is a time ("一季度"); "每季度举行集中开工" says nothing of when a bridge opens
    assert when.search("一季度开工") and not when.search("每季度举行集中开工")
    assert asked_date("粮食产量是多少") is None
    # "哪几天" asks days too (the review's "2026年中考是哪几天" was answered by 长春's "参加中考
    # 报名条件" passage, which gives none)
    days = asked_date("2026年中考是哪几天")
    assert days is not None and days.search("6月20日") and not days.search("优良天数超过330天")


def test_a_sentence_giving_the_date_answers_beside_one_holding_more(tmp_path: Path) -> None:
    # 广东 2016 (tests/data/prov2016): the sentence holding most of "哪一年定为…目标年" is
    # "“一个率先”就是率先全面建成小康社会。", which gives no year; the next one does
    goal = (
        "“十三五”时期我省经济社会发展主要目标是“一个率先、四个基本”。“一个率先”就是率先全面建成"
        "小康社会。确立2018年为我省率先全面建成小康社会的目标年，力争提前实现地区生产总值翻一番。"
    )
    engine = one_report(tmp_path, 2016, "全省地区生产总值增长8%。", f"（一）主要目标\n{goal}")
    answer = engine.answer("把哪一年定为率先全面建成小康社会的目标年？")
    assert answer.answered and "确立2018年" in answer.citations[0].passage.text
    # a date in a sentence about something else does not answer
    other = goal.replace(
        "确立2018年为我省率先全面建成小康社会的目标年", "2018年建成高速公路1000公里"
    )
    (tmp_path / "a.txt").unlink()
    engine = one_report(tmp_path, 2016, "全省地区生产总值增长8%。", f"（一）主要目标\n{other}")
    assert not engine.answer("把哪一年定为率先全面建成小康社会的目标年？").answered


def test_a_plan_s_commitment_answers_when_with_the_year_it_plans(
    tmp_path: Path, engine: Engine
) -> None:
    """兰州 2018 (tests/data/fresh91): "确保轨道交通1号线一期工程建成运营" in the plan says
    when: the year planned; a review's sentence or a day asked still wants a date."""
    from retrieval.answer_types import asked_date, gives_date

    when = asked_date("兰州啥时候能坐上地铁")
    assert when is not None
    committed = "集中一切力量确保轨道交通1号线一期工程建成运营。"
    assert gives_date("兰州啥时候能坐上地铁", when, committed, planned=True)
    assert not gives_date("兰州啥时候能坐上地铁", when, committed, planned=False)
    day = asked_date("哪一天建成运营")
    assert day is not None and not gives_date("哪一天建成运营", day, committed, planned=True)
    assert not gives_date("什么时候建成", when, "加快轨道交通建设。", planned=True)
    assert not gives_date("什么时候建成", when, "争取国家支持轨道交通建设。", planned=True)
    lanzhou = data_engine(tmp_path, engine, "fresh91/lanzhou_2018.txt")
    assert "确保轨道交通1号线" in first_cited(lanzhou, "兰州啥时候能坐上地铁？")


def test_a_passage_that_gives_no_date_does_not_answer_when(provinces: Engine) -> None:
    # 甘肃's report says "柳红铁路建成投运", never on which day
    assert provinces.answer("甘肃的柳红铁路具体是哪一天建成投运的？").status is (
        AnswerStatus.NOT_FOUND
    )
    answer = provinces.answer("保定主城区城中村改造一期安置区是哪一天首批封顶的？")
    assert answer.answered and "一期安置区1月14日首批封顶" in answer.citations[0].excerpt


def test_the_date_must_be_where_the_passage_speaks_of_what_is_asked(tmp_path: Path) -> None:
    # "今年" in the sentence before says when the targets are, not when the museum opens
    plan = (
        "今年，全省经济社会发展的主要预期目标是地区生产总值增长6%左右。"
        "推进环城水系二期、古动物博物馆、西部文体新城等标志性工程。"
        "新建城市书房20个，年底前全部开放。"
    )
    engine = one_report(tmp_path, 2024, "全年地区生产总值增长5%。", plan)
    assert engine.answer("古动物博物馆什么时候开馆？").status is AnswerStatus.NOT_FOUND
    answer = engine.answer("城市书房什么时候开放？")
    assert answer.answered and "年底前全部开放" in answer.citations[0].excerpt


def test_years_that_name_the_report_are_not_years_asked_about() -> None:
    from retrieval.report_years import naming_years

    assert naming_years("2015年总理报告中讲民生的是第几部分") == {2015}
    assert naming_years("2018年那份国务院政府工作报告最后讲什么") == {2018}
    assert naming_years("2024年城镇调查失业率是多少") == set()
    # between the year and 报告 only what names a report: a place, 政府, 工作, 的
    assert naming_years("2024年湖北省人民政府工作报告里GDP目标") == {2024}
    assert naming_years("2019年河北政府工作报告") == {2019}
    assert naming_years("2024年湖北的报告说") == {2024}
    assert naming_years("湖北2024年的重点任务在报告哪一部分") == set()  # 重点任务 is asked


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("2017年人均预期寿命是多少岁？", "人均预期寿命达到76.7岁"),  # 预期 is no target
        ("2017年怎么打通最后一公里？", "打通“最后一公里”"),  # 最后 is no result
        ("2018年李克强总理作的报告，最后一大部分讲的是什么？", "三、对2018年政府工作的建议"),
    ],
)
def test_cue_words_inside_other_words_do_not_misplace(
    nationals: Engine, question: str, quoted: str
) -> None:
    answer = nationals.answer(question)
    assert answer.answered, question
    top = answer.citations[0]
    assert quoted in top.passage.text or quoted in " ".join(top.passage.section)


@pytest.fixture(scope="module")
def nationals(tmp_path_factory: pytest.TempPathFactory, engine: Engine) -> Engine:
    folder: Path = tmp_path_factory.mktemp("nationals")
    for name in ("national_2017.txt", "national_2018.txt"):
        shutil.copy(REAL / name, folder / name)
    return Engine.from_dir(folder, tokenizer=engine.tokenizer)


def test_a_misplaced_passage_is_not_cited_further_down_either(provinces: Engine) -> None:
    answer = provinces.answer("满城区今年地区生产总值增长目标是多少？")
    assert answer.answered
    assert all(not c.passage.section[0].startswith("一、2021年") for c in answer.citations)


def test_metro_line_numbers_and_ordinals_are_not_dates_or_ranks() -> None:
    from retrieval.answer_types import RANK, asked_date

    day = asked_date("地铁4号线是哪一天建成的")
    assert day is not None and not day.search("福州地铁4号线后通段建成")
    assert asked_date("坐几号线去机场") is None
    assert RANK.search("金牌数分列全国第三和第二位") and RANK.search("增速居全国第3位")
    assert not RANK.search("第一产业增加值增长3%")


def test_who_gave_the_report_and_when_is_its_header() -> None:
    from retrieval.answer_types import asks_delivery

    assert asks_delivery("2025年山东省政府工作报告是由谁作的？")
    assert asks_delivery("2025年黑龙江省政府工作报告是在哪一天的省人代会上作的？")
    assert not asks_delivery("报告提出哪一天完成工作")  # 工作 is no delivery
    assert not asks_delivery("深中通道是哪一天通车的")
    assert asks_delivery("2025年政府工作报告是谁写的") and asks_delivery("报告是哪天发布的")
    assert asks_delivery("江西省长叶建春是哪天在省人代会上作2025年政府工作报告的？")
    assert not asks_delivery("什么时候做好2025年工作报告提到的任务")
    assert not asks_delivery("谁来写2025年营商环境评价报告")  # another report (review)
    # the report is the subject, not what it speaks of
    assert not asks_delivery("2024年政府工作报告里第四次全国文物普查什么时候做的")


def test_who_gave_a_report_with_no_report_named_is_not_answered_at_random(engine: Engine) -> None:
    assert engine.answer("政府工作报告是由谁作的").status is AnswerStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("辽源市政府工作报告是谁作的", "市长 程 宇"),
        ("辽源市政府工作报告是哪一天作的", "2022年1月11日在辽源市第九届人民代表大会"),
        ("赛罕区政府工作报告是在什么会议上作的", "第四届人民代表大会第四次会议上"),
    ],
)
def test_the_header_answers_who_gave_the_report(engine: Engine, question: str, quoted: str) -> None:
    _header_quotes(engine, question, quoted)


def _header_quotes(engine: Engine, question: str, quoted: str) -> None:
    """`engine` answers `question` with its report's header first, quoting `quoted`."""
    answer = engine.answer(question)
    assert answer.answered and answer.citations[0].passage.paragraph == 0, answer.status
    assert quoted in answer.citations[0].excerpt


def test_a_year_measured_from_or_to_is_not_the_year_of_the_figures() -> None:
    from retrieval.figure_years import other_year_only

    review = "改造老旧小区610个，确保2000年前建成的老旧小区全部改造完成，新建口袋公园179个。"
    assert not other_year_only(review, "", ("2022",))  # 2000年前: which houses, not when
    for bound in ("比2020年增长12%", "2012年以来累计新增", "到2035年基本实现", "较2019年下降"):
        assert not other_year_only(bound, "", ("2022",)), bound
    assert other_year_only("2019年全市生产总值增长6%", "", ("2022",))
    assert other_year_only("2019 年增长6%，2020—2021年持平", "", ("2022",))


def test_a_level_asked_is_given_at_a_span_s_end(tmp_path: Path, engine: Engine) -> None:
    from retrieval.figure_years import other_year_only

    # 盐城 2012 (a new term's report) gives 2011's income only as the end of the term's rise
    rise = "城镇居民人均可支配收入由2007年13857元增加到2011年22851元"
    assert not other_year_only(rise, "", ("2011",), growth=False)  # 2011's level
    assert other_year_only(rise, "", ("2011",), growth=True)  # no growth of 2011 alone
    assert other_year_only("到2025年基本实现，2023年增长6%", "", ("2025",), growth=False)
    yancheng = data_engine(tmp_path, engine, "fresh47/yancheng_2012.txt")
    cited = first_cited(yancheng, "盐城2011年城镇居民人均可支配收入是多少？")
    assert "2011年22851元" in cited


def test_a_figure_that_begins_like_a_year_is_not_one(tmp_path: Path, engine: Engine) -> None:
    from retrieval.figure_years import other_year_only

    # 云南's 2023 report gives 2022's grain beside "2000万千瓦" and "1958万吨", no year named
    figures = "开工新能源项目超过2000万千瓦。粮食播种面积6316.5万亩、产量1958万吨。"
    assert not other_year_only(figures, "", ("2022",))
    yunnan = data_engine(tmp_path, engine, "fresh15/yunnan_2023.txt")
    assert "产量1958万吨" in first_cited(yunnan, "云南2022年粮食播种面积和产量是多少？")


def test_one_year_asked_is_not_answered_by_the_term_s_review(
    tmp_path: Path, engine: Engine
) -> None:
    # 河北's 2023 report reviews the five years of the term ("这五年，是生态环境显著改善的
    # 五年…累计下降40.6%") and then 2022 (tests/data/fresh5)
    hebei = data_engine(tmp_path, engine, "fresh5/hebei_2023.txt")
    assert "36.8微克" in first_cited(hebei, "河北2022年PM2.5平均浓度降到了多少？")
    # the growth of one year, not of the span that ends in it ("从…增长到2022年的4084亿元");
    # the level it reached ("达到多少") is the span's end
    assert "可比增长6.6%" in first_cited(hebei, "河北2022年一般公共预算收入增长了多少？")
    assert "增长到4084亿元" in first_cited(hebei, "河北2022年一般公共预算收入达到多少？")
    # an earlier year a span starts from gives that year's figure (found by a review)
    assert "从2017年的3.06万亿元" in first_cited(hebei, "河北2017年全省生产总值是多少万亿元？")
    # a span asked: the term's review answers
    assert "累计下降40.6%" in first_cited(hebei, "河北过去五年PM2.5平均浓度累计下降了多少？")


def test_targets_under_a_heading_that_names_no_part_are_the_plan(tmp_path: Path) -> None:
    # 保定's 2024 page (tests/data/fresh5) gives only the plan, under a slogan for a heading
    (tmp_path / "a.txt").write_text(
        "2024年某市政府工作报告\n各位代表：\n——奋力推动现代化品质生活之城更高质量\n"
        "今年政府工作的总体要求是：坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实"
        "党的二十大精神，坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，推动高质量发展。\n"
        "经济社会发展的主要预期目标是：生产总值增长6%以上，一般公共预算收入增长6%以上，规上"
        "工业增加值增长6%以上，固定资产投资增长7%左右，社会消费品零售总额增长6%左右。\n"
        "（一）聚力灾后恢复重建，提升防灾减灾救灾能力。推动各项任务落地落实。\n",
        encoding="utf-8",
    )
    engine = Engine.from_dir(tmp_path)
    assert engine.answer("某市去年生产总值增长了多少？").status is AnswerStatus.NOT_FOUND
    assert "增长6%以上" in first_cited(engine, "某市今年生产总值增长目标是多少？")


_FILLER = (  # a paragraph long enough to be a passage of its own
    "我们坚持稳中求进工作总基调，统筹稳增长、促改革、调结构、惠民生、防风险，经济社会保持"
    "平稳健康发展，各项事业取得新的进步，人民群众获得感不断增强，发展基础更加坚实。"
)


def test_targets_set_under_the_review_s_heading_are_the_plan(tmp_path: Path) -> None:
    # 河池's 2015 report (tests/data/fresh41) gives its plan no part heading: the targets sit
    # under "一、2014年工作回顾"; a review that says how last year's targets went does not plan
    (tmp_path / "a.txt").write_text(
        "某市2015年政府工作报告\n各位代表：\n一、2014年工作回顾\n"
        "2014年，全市地区生产总值增长8.1%，主要预期目标基本完成。" + _FILLER + "\n"
        "主要预期目标全面完成，财政收入增长9.2%，城乡居民收入稳步提高。" + _FILLER + "\n"
        "今年是全面深化改革的关键之年，做好今年的工作，意义重大。" + _FILLER + "\n"
        "经济社会发展主要预期目标是：地区生产总值增长7%，财政收入增长8%，规模以上工业增加值"
        "增长13%，固定资产投资增长15%。" + _FILLER + "\n",
        encoding="utf-8",
    )
    engine = Engine.from_dir(tmp_path)
    assert "地区生产总值增长7%" in first_cited(engine, "某市2015年地区生产总值预期增长多少？")
    assert "增长8.1%" in first_cited(engine, "某市2014年地区生产总值增长了多少？")
    assert "财政收入增长9.2%" in first_cited(engine, "某市2014年财政收入增长了多少？")


def test_a_citizen_s_procedure_is_in_no_report(tmp_path: Path, engine: Engine) -> None:
    from retrieval.answer_types import asks_a_procedure

    assert asks_a_procedure("个人所得税退税怎么申请？") and asks_a_procedure(
        "办理护照需要准备哪些材料"
    )
    assert asks_a_procedure("去哪里办居住证") and not asks_a_procedure("去年粮食产量怎么样")
    assert not asks_a_procedure("企业开办时间压缩到几天？")
    # a card lost or a licence run out: 补办, 挂失, 换证 (襄阳 2019's "社会保障卡功能融合" was cited)
    assert asks_a_procedure("社保卡丢了去哪里补办？") and asks_a_procedure(
        "驾驶证快到期了，怎么换证？"
    )
    assert not asks_a_procedure("去年补办了多少张社保卡？")
    assert asks_a_procedure("电动自行车上牌要带什么材料？")  # what to bring: 要带
    assert not asks_a_procedure("政府工作报告主要讲了什么材料？")  # 主要: no 要 of need
    # 河南 2023 (tests/data/fresh14): "退税减税降费1297亿元" shared 退税 and was cited
    henan = data_engine(tmp_path, engine, "fresh14/henan_2023.txt")
    assert henan.answer("个人所得税退税怎么申请？").status is AnswerStatus.NOT_FOUND
    assert henan.answer("河南2022年退税减税降费多少？").answered
    # advice on a choice of one's own: 旅游 is shared with the report, the choice is not in it
    assert asks_a_procedure("去河南旅游五天，行程怎么安排比较好？")
    assert asks_a_procedure("现在买黄金还是买基金更划算？") and asks_a_procedure("高考志愿怎么选")
    assert asks_a_procedure("石家庄到北京的高铁票怎么买最便宜？")  # 石家庄 2026 (fresh106)
    assert asks_a_procedure("冬天去呼和浩特旅游要穿多厚？")  # what to wear: 呼和浩特 2026
    # a buyer's judgement and one's own case (海南 and 陕西 2021, tests/data/prov2021)
    assert asks_a_procedure("去海南三亚旅游住哪家酒店性价比最高？")
    assert asks_a_procedure("我在陕西西安上班，社保断缴三个月会有什么影响？")
    assert not asks_a_procedure("我省今年的减税降费会有什么影响？")
    # a price that will fall is no choice: 西藏 2021's "区内航线票价年内再降20%" answers
    assert not asks_a_procedure("在西藏区内坐飞机，今年机票会更便宜吗？")
    assert asks_a_procedure("去拉萨坐火车还是坐飞机更便宜？")
    assert asks_a_procedure("我在广西南宁想给孩子选幼儿园，哪家比较好？")  # prov2016
    assert not asks_a_procedure("广西哪所高校入选了“双一流”？")
    # the asker's framing, 我党, a price cut, a fact of the best: no advice asked
    for question in (
        "我想问一下，湖南减税降费对小微企业有什么影响？",
        "我听说今年要降低社保费率，对企业有什么影响？",
        "请问我党全面从严治党有什么影响？",
        "哪些药品集采后更便宜了？",
        "政府如何让药品比较便宜？",
        "哪家企业效益最好？",
    ):
        assert not asks_a_procedure(question), question
    assert asks_a_procedure("在大连买海鲜去哪个市场最便宜？")
    assert not asks_a_procedure("河南2022年空气质量是不是历史最好？")
    assert henan.answer("去河南旅游五天，行程怎么安排比较好？").status is AnswerStatus.NOT_FOUND


def test_a_question_about_tomorrow_is_not_about_a_report(engine: Engine) -> None:
    from retrieval.answer_types import asks_about_a_day

    assert asks_about_a_day("明天北京天气怎么样？") and asks_about_a_day("茅台今天的股价多少")
    assert not asks_about_a_day("北京今年要增强极端天气应对能力吗？")  # a year, not a day
    # an hour of the day (大连 2026, tests/data/fresh104: a market's opening hour), not points
    assert asks_about_a_day("大连的海鲜市场早上几点开门？") and asks_about_a_day("几点钟放学")
    assert not asks_about_a_day("报告提出了几点意见？")
    # nine provinces: 北京's "极端天气" was shared with the question, and cited
    provinces = Engine.from_dir(ROOT / "tests" / "data" / "fresh3", tokenizer=engine.tokenizer)
    assert provinces.answer("明天北京天气怎么样？").status is AnswerStatus.NOT_FOUND


def test_a_quoted_term_jieba_tags_a_time_is_still_the_report_s_term(
    tmp_path: Path, engine: Engine
) -> None:
    # jieba tags 三清 a time word: a lone time word shared ("保定的明天") was read as off-topic,
    # though the user quoted the term and 珠海 2013's glossary explains it
    zhuhai = data_engine(tmp_path, engine, "fresh45/zhuhai_2013.txt")
    cited = first_cited(zhuhai, "珠海说的“三清”工作，到底是清哪三样？")
    assert "清土地、清项目、清政策" in cited
    assert zhuhai.answer("珠海明天天气怎么样？").status is AnswerStatus.NOT_FOUND


def test_a_city_asked_is_not_answered_by_its_county_s_figures(engine: Engine) -> None:
    # fresh7 has 高唐县 (a county of 聊城市), not 聊城: a passage of 高唐's report that names
    # 聊城 somewhere gives 高唐's targets, not the city's
    counties = Engine.from_dir(ROOT / "tests" / "data" / "fresh7", tokenizer=engine.tokenizer)
    answer = counties.answer("聊城2023年规模以上工业增加值增长目标是多少？")
    assert answer.status is AnswerStatus.NOT_FOUND


def test_who_gave_which_report_among_several_of_one_year(provinces: Engine) -> None:
    # three reports of 2022 loaded: the header of the one whose speaker is named comes first
    answer = provinces.answer("王正谱是哪天在省人代会上作2022年政府工作报告的？")
    assert answer.answered and answer.citations[0].report.name == "hebei_2022.txt"
    assert answer.citations[0].passage.paragraph == 0


def test_a_span_s_average_growth_is_no_year_s_growth(tmp_path: Path) -> None:
    # 四川 2023 (tests/data/fresh10): the five-year review's "地区生产总值年均增速…" first,
    # the year's "地区生产总值增长2.9%" after it, under one heading for both
    review = ("（一）经济实力上新台阶\n地区生产总值年均增长7.2%，到2022年达到5.67万亿元。\n"
              "（二）稳住经济大盘\n全省经济运行稳中有进，地区生产总值增长2.9%。")  # fmt: skip
    engine = one_report(tmp_path, 2023, review, "（一）主要目标\n地区生产总值增长6%左右。")
    assert "增长2.9%" in first_cited(engine, "某省2022年地区生产总值增长了多少？")
    answer = engine.answer("某省五年来地区生产总值年均增长多少？")  # a span asked: the average
    assert answer.answered and "年均增长7.2%" in answer.citations[0].passage.text


def test_a_span_s_average_alone_does_not_answer_a_year_s_growth(
    tmp_path: Path, engine: Engine
) -> None:
    # 九江 2016 (tests/data/fresh31): the five-year review gives "生产总值由1032亿元增加到“十二五”
    # 末的1902.7亿元，年均增长11.1%" and no growth of 2015 itself: "增加到" says a level
    assert only_span_average(
        "生产总值由1032亿元增加到“十二五”末的1902.7亿元，年均增长11.1%", ["生产总值"]
    )
    assert not only_span_average("生产总值增加到1902.7亿元、增长8.5%", ["生产总值"])
    jiujiang = data_engine(tmp_path, engine, "fresh31/jiujiang_2016.txt")
    assert not jiujiang.answer("九江2015年一年生产总值比上年增长了百分之几？").answered
    answer = jiujiang.answer("九江“十二五”期间生产总值年均增长多少？")  # a span asked: the average
    assert answer.answered and "年均增长11.1%" in answer.citations[0].passage.text


def test_a_span_s_average_after_its_levels_is_no_year_s_growth(tmp_path: Path) -> None:
    # 广东 2021 (tests/data/fresh9): the span's levels stand between the indicator and its
    # average ("地区生产总值2015年为7.5万亿元，2020年超过11万亿元，年均增长6%")
    review = ("（一）综合实力大幅跃升\n全省地区生产总值2015年为7.5万亿元，2020年超过11万亿元，"
              "年均增长6%，总量连续32年位居全国第一。\n（二）经受住考验\n全年新增市场主体230万户，"
              "全省地区生产总值增长2.3%，地方一般公共预算收入增长2.1%。")  # fmt: skip
    engine = one_report(tmp_path, 2021, review, "（一）主要目标\n地区生产总值增长6%以上。")
    assert "增长2.3%" in first_cited(engine, "某省2020年全年地区生产总值实际增长了多少？")
    assert only_span_average(
        "地区生产总值2015年为7.5万亿元，2020年超过11万亿元，年均增长6%", ["地区生产总值"]
    )
    assert not only_span_average("地区生产总值达到11万亿元、增长2.3%，年均增长6%", ["地区生产总值"])
    assert not only_span_average("地区生产总值年均增长6%。工业增加值增长5%", ["工业增加值"])


def test_a_target_amount_asked_is_no_growth_target(tmp_path: Path) -> None:
    # 安徽 2025 (tests/data/fresh): the targets list gives 进出口总额's growth under a heading
    # that says 目标; the amount aimed at is under another heading
    plan = ("（一）主要预期目标\n地区生产总值增长5.5%左右，社会消费品零售总额增长5.5%左右，"
            "进出口总额增长5.5%左右，一般公共预算收入增长2%左右，粮食产量820亿斤以上。\n"
            "（二）扩大高水平对外开放\n加强经贸合作，大力开拓新兴市场，全年进出口总额9000亿元以上。")  # fmt: skip
    engine = one_report(tmp_path, 2025, "全年生产总值5万亿元、增长5.8%。", plan)
    assert "9000亿元" in first_cited(engine, "某省2025年进出口总额的目标是多少？")
    answer = engine.answer("某省2025年进出口总额的增长目标是多少？")  # the growth asked
    assert answer.answered and "增长5.5%" in answer.citations[0].passage.text


def test_a_phone_is_not_online_nor_cheap_inclusive(tmp_path: Path) -> None:
    # the thesaurus said 手机 -> 网上/线上/掌上/网办 and 便宜 -> 普惠/降低: neither means the other
    review = "打造全覆盖的网上信访平台，依法解决好群众诉求。发展普惠性托育服务，降低企业成本。"
    engine = one_report(tmp_path, 2018, review, "（一）主要目标\n地区生产总值增长6%左右。")
    assert not engine.answer("双十一买手机哪个平台便宜？").answered
    assert engine.answer("某省去年网上信访平台建得怎么样？").answered


def test_an_amount_asked_is_given_by_a_quantity_in_its_unit(tmp_path: Path) -> None:
    # 甘肃 2022 (tests/data/fresh10): "酒泉那个风电基地有多大规模": "千万千瓦级" answers it
    review = ("（一）能源\n新能源项目集中开工，建设规模达到3355万千瓦，"
              "酒泉建成全国首个千万千瓦级风电基地。")  # fmt: skip
    engine = one_report(tmp_path, 2022, review, "（一）主要目标\n地区生产总值增长6.5%左右。")
    assert "千万千瓦级风电基地" in first_cited(engine, "某省酒泉那个风电基地有多大规模")
    # money asked: a quantity in 千瓦 is no answer
    assert not engine.answer("某省酒泉风电基地的总投资是多少亿元").answered


def test_a_growth_asked_in_percent_needs_the_growth_of_what_is_asked(tmp_path: Path) -> None:
    # 上海 2023 (tests/data/fresh10): "2022年GDP实际增长了百分之几" is not answered by the
    # level of 生产总值 and the share of R&D in it ("生产总值的比例提高到4.2%")
    from retrieval.answer_types import asks_growth

    assert asks_growth("增长了百分之几") and asks_growth("收入增长了百分之多少")
    review = ("（一）综合实力\n全市生产总值突破4万亿元大关，2022年预计达到4.45万亿元。"
              "全社会研发经费支出相当于全市生产总值的比例提高到4.2%左右。")  # fmt: skip
    engine = one_report(tmp_path, 2023, review, "（一）主要目标\n地方一般公共预算收入增长5.5%。")
    assert not engine.answer("某省2022年生产总值实际增长了百分之几").answered
    grown = review.replace("，2022年预计", "，增长3%，2022年预计")
    engine = one_report(tmp_path, 2023, grown, "（一）主要目标\n地方一般公共预算收入增长5.5%。")
    assert engine.answer("某省2022年生产总值实际增长了百分之几").answered


def test_a_rank_asked_prefers_a_passage_that_gives_a_rank(tmp_path: Path) -> None:
    # 四川 2023 (tests/data/fresh10): "四川GDP总量在全国排第几": "稳居全国第6位"
    review = (
        "——经济实力上新台阶\n地区生产总值年均增速高于全国0.8个百分点，连跨两个万亿元台阶，"
        "达到5.67万亿元，稳居全国第6位。人均地区生产总值超过6.5万元。\n"
        "——区域发展更趋协调\n成都跻身全国超大城市之列，成为第三个经济总量突破2万亿元、"
        "第一个常住人口突破2000万人的副省级城市。"
    )
    engine = one_report(tmp_path, 2023, review, "（一）主要目标\n地区生产总值增长6%左右。")
    assert "全国第6位" in first_cited(engine, "某省GDP总量在全国排第几？")


def test_a_year_s_figure_is_its_result_where_a_later_report_gives_it(tmp_path: Path) -> None:
    # 四川 2023 and 2024 (tests/data/fresh10): "2023年粮食产量是多少" is the 2024 report's
    # review of 2023, not the 2023 report's target "稳定在715亿斤以上"
    def report(year: int, review: str, plan: str) -> None:
        (tmp_path / f"r{year}.txt").write_text(
            f"{year}年某省政府工作报告\n各位代表：\n一、{year - 1}年工作回顾\n{review}\n"
            f"二、{year}年工作安排\n{plan}\n",
            encoding="utf-8",
        )

    report(2023, "全年粮食产量达到714亿斤。", "（一）稳定粮食生产\n粮食产量稳定在715亿斤以上。")
    report(
        2024,
        "全年粮食产量达到718.8亿斤，再创新高。",
        "（一）稳定粮食生产\n粮食产量稳定在720亿斤以上。",
    )
    engine = Engine.from_dir(tmp_path)
    answer = engine.answer("2023年粮食产量是多少？")
    assert answer.answered and "718.8亿斤" in answer.citations[0].excerpt

    # only before a plan that states a target, and for a review that answers
    from retrieval.report_parts import (
        Part,
        result_before_target,
    )

    hits = [(1, 2.0), (2, 1.0)]
    year = {1: 2023, 2: 2024}.__getitem__
    part = {1: Part.PLAN, 2: Part.REVIEW}.__getitem__

    def first(target: bool, answers: bool) -> int:
        moved = result_before_target(hits, 2023, 3, year, part, lambda d: target, lambda d: answers)
        return moved[0][0]

    assert first(True, True) == 2
    assert first(False, True) == 1 and first(True, False) == 1


def test_a_past_span_asked_is_answered_by_the_term_s_review(tmp_path: Path, engine: Engine) -> None:
    # the 2021 national report (tests/data/real) reviews 2020, then the 十三五 as a whole
    # ("二、“十三五”时期发展成就…: 过去五年，…城镇新增就业超过6000万人"); its 2020 passage
    # and the 2016 plan say more of the words asked alone
    years = (2016, 2017, 2018, 2019, 2021)
    national = data_engine(tmp_path, engine, *(f"real/national_{y}.txt" for y in years))
    assert "超过6000万人" in first_cited(national, "2021年报告说过去五年城镇新增就业多少？")
    answer = national.answer("十三五期间农村贫困人口脱贫多少？")  # not 2016's "今年要完成…"
    assert answer.answered and "5575万" in answer.citations[0].passage.text
    answer = national.answer("2020年城镇新增就业多少？")  # one year asked: that year's
    assert answer.answered and "1186万人" in answer.citations[0].passage.text


def test_a_heading_of_a_year_and_its_term_does_not_say_which_it_is_of(
    tmp_path: Path, engine: Engine
) -> None:
    # 湖南 2021 (tests/data/prov2021): "一、2020年和“十三五”时期工作回顾" holds 2020's
    # "剩余19.9万贫困人口全部脱贫" and the paragraph that opens "这五年，…五年脱贫477.6万人"
    hunan = data_engine(tmp_path, engine, "prov2021/hunan_2021.txt")
    assert "五年脱贫477.6万人" in first_cited(hunan, "湖南这五年一共让多少人脱了贫？")
    assert speaks_of_span(("“十三五”时期发展成就", "（一）…"), "")
    assert speaks_of_span(("过去五年（2016—2020年）工作回顾",), "")
    assert not speaks_of_span(("一、2020年和“十三五”时期工作回顾", "五是…"), "")


def test_the_years_behind_are_not_answered_by_the_plan(tmp_path: Path, engine: Engine) -> None:
    # 东莞 2022 (tests/data/fresh12): "过去五年回顾…R&D投入强度提升至3.54%", and the next
    # five years' target "推动R&D投入强度达到3.7%" in the plan
    dongguan = data_engine(tmp_path, engine, "fresh12/dongguan_2022.txt")
    assert "提升至3.54%" in first_cited(dongguan, "东莞这五年研发投入强度提高到多少？")
    answer = dongguan.answer("东莞今后五年研发投入强度要达到多少？")  # ahead: the plan's
    assert answer.answered and "达到3.7%" in answer.citations[0].passage.text
    assert behind_asked("过去五年城镇新增就业多少") and behind_asked("这几年公园增加了多少座")
    assert not behind_asked("今后五年的目标") and not behind_asked("“十四五”时期的目标")
    assert past_span_asked("“十三五”期间年均增长多少") and not past_span_asked("2022年增长多少")


def test_the_years_of_the_term_reviewed_need_not_be_written(tmp_path: Path, engine: Engine) -> None:
    # 黑龙江 2023 (tests/data/fresh14): "五年来…全省62.5万贫困人口全部脱贫" never writes 2018
    hlj = data_engine(tmp_path, engine, "fresh14/heilongjiang_2023.txt")
    assert "2018" not in hlj.reports["heilongjiang_2023.txt"].text
    assert "62.5万贫困人口" in first_cited(hlj, "黑龙江这五年（2018-2022年）一共有多少穷人脱了贫？")
    # one year asked that the report never names and does not review is still no answer
    assert not hlj.answer("黑龙江2018年一共有多少贫困人口脱贫？").answered


def test_the_size_asked_is_no_thing_a_lower_passage_must_hold(
    tmp_path: Path, engine: Engine
) -> None:
    # 福建 2023 (tests/data/fresh13): "4.4%的经济总量" ranks first for "GDP总量" and gives
    # no amount; "2022年全省地区生产总值5.3万亿元" says no 总量 and is still an answer
    fujian = data_engine(tmp_path, engine, "fresh13/fujian_2023.txt")
    answer = fujian.answer("福建2022年GDP总量是多少？")
    assert answer.answered
    assert any("地区生产总值5.3万亿元" in c.passage.text for c in answer.citations[:3])


def test_the_span_a_passage_opens_on_is_said_of_each_sentence(
    tmp_path: Path, engine: Engine
) -> None:
    # 云南 2023 (tests/data/fresh15): "这五年，脱贫攻坚全面胜利…。…933万农村贫困人口全部脱贫"
    yunnan = data_engine(tmp_path, engine, "fresh15/yunnan_2023.txt")
    assert "933万农村贫困人口" in first_cited(
        yunnan, "云南这五年（2018-2022年）一共有多少穷人摆脱了贫困？"
    )


# the six provincial reports of tests/data/fresh15
FRESH15 = tuple(
    f"fresh15/{name}_{year}.txt"
    for name, year in (("hainan", 2024), ("anhui", 2024), ("liaoning", 2024),
                       ("neimenggu", 2023), ("ningxia", 2024), ("yunnan", 2023))
)  # fmt: skip


def test_a_size_word_is_no_piece_of_the_indicator_asked(tmp_path: Path, engine: Engine) -> None:
    # 海南's 2024 targets name no 进出口 (five other reports do); their "社会消费品零售总额"
    # holds the 总额 of 进出口总额, which says a size, not the thing asked about
    six = data_engine(tmp_path, engine, *FRESH15)
    assert not six.answer("海南2024年进出口总额增长目标是多少？").answered
    assert "地区生产总值增长8%左右" in first_cited(six, "海南2024年地区生产总值增长目标是多少？")


def test_two_things_no_report_names_make_a_question_off_topic(
    tmp_path: Path, engine: Engine
) -> None:
    # 药 is shared with "医药…" passages; 感冒 and 发烧 are in none of the six reports
    six = data_engine(tmp_path, engine, *FRESH15)
    assert not six.answer("感冒发烧吃什么药好得快？").answered
    assert "医疗中心15个" in first_cited(six, "安徽2024年要建多少个省级区域医疗中心？")


def test_a_gdp_target_said_as_economic_growth(tmp_path: Path, engine: Engine) -> None:
    """河南 2025 (tests/data/fresh) sets its GDP target as "经济增长5.5%左右", the way reports say
    a growth of GDP; "河南今年GDP目标是多少" cited "…经济总量千亿县…" (经济总量 through gdp)."""
    henan = data_engine(tmp_path, engine, "fresh/henan_2025.txt")
    for question in ("河南今年GDP目标是多少？", "河南2025年GDP增长目标是多少？"):
        assert "主要预期目标是:经济增长5.5%左右" in first_cited(henan, question)
    assert "全年生产总值6.36万亿元、增长5.1%" in first_cited(henan, "河南去年GDP增长了多少？")


def test_an_indicator_said_in_pieces_in_one_sentence(tmp_path: Path, engine: Engine) -> None:
    """湖北, 江苏 and 吉林 2025 (tests/data/fresh, fresh2) give their grain output in pieces: "粮食生产再获
    丰收，总产达到557亿斤" (粮食总产, the thesaurus' wording of 粮食产量), "…居粮食主产省第1位，总产量
    达到853.2亿斤"; each was refused. Pieces in two sentences say nothing of it."""
    from retrieval.said_apart import said_apart

    three = data_engine(
        tmp_path, engine, "fresh/hubei_2025.txt", "fresh/jiangsu_2025.txt", "fresh2/jilin_2025.txt"
    )
    assert "总产达到557亿斤" in first_cited(three, "湖北去年粮食产量是多少？")
    assert "总产762亿斤" in first_cited(three, "江苏去年粮食产量是多少？")
    assert "总产量达到853.2亿斤" in first_cited(three, "吉林去年粮食产量是多少？")
    assert said_apart("粮食生产再获丰收，总产达到557亿斤。", [("粮食", "总产")])
    assert not said_apart("粮食生产再获丰收。总产达到557亿斤。", [("粮食", "总产")])
    assert not said_apart("粮食生产再获丰收，总产达到557亿斤。", [("粮食", "产量")])


def test_a_word_said_apart_is_spelled_by_the_pieces_that_tile_it(
    tmp_path: Path, engine: Engine
) -> None:
    """ "清华北大" is cut 清华, 华北, 北大 (jieba's pieces overlap): "被清华、北大录取" says it
    apart, though 华北 is in no sentence of it (周口 2014, tests/data/fresh99): the pieces a
    sentence must hold are the fewest that spell the word end to end."""
    from retrieval.query import _tiled

    assert _tiled("清华北大", ("清华", "华北", "北大")) == ("清华", "北大")
    assert _tiled("空气质量", ("空气", "气质", "质量")) == ("空气", "质量")
    assert _tiled("颗粒物", ("颗粒", "粒物")) == ("颗粒", "粒物")
    assert _tiled("颗粒物", ("颗粒",)) == ("颗粒",)  # none spell it: all of them, as before
    query = engine.queries.build("周口去年有多少孩子考上了清华北大？")
    assert ("清华", "北大") in [a for c in query.concepts for a in c.apart]
    zhoukou = data_engine(tmp_path, engine, "fresh99/zhoukou_2014.txt")
    cited = first_cited(zhoukou, "周口去年有多少孩子考上了清华北大？")
    assert "其中有51名新生被清华、北大录取" in cited


def test_a_rate_per_unit_of_gdp_is_another_indicator(tmp_path: Path, engine: Engine) -> None:
    """ "万元地区生产总值能耗下降3.2%" gives no GDP growth (山西 2019, tests/data/fresh26); "GDP"
    asked is 地区生产总值 (the concept's longest word is judged, not only "gdp")."""
    from retrieval.named_asked import _per_unit, said_whole_in

    shanxi = data_engine(tmp_path, engine, "fresh26/shanxi_2019.txt")
    text = first_cited(shanxi, "山西今年（2019年）GDP增长目标是多少？")
    assert "全省地区生产总值增长6.3%左右" in text
    # unless the question asks the rate itself
    per_unit = _per_unit("地区生产总值", "万元地区生产总值能耗下降多少")
    assert said_whole_in("地区生产总值", per_unit, "万元地区生产总值能耗下降3.2%")
    per_unit = _per_unit("地区生产总值", "GDP增长多少")
    assert not said_whole_in("地区生产总值", per_unit, "万元地区生产总值能耗下降3.2%")


def test_modal_verbs_are_no_topic_of_a_question(tmp_path: Path, engine: Engine) -> None:
    """需要, 应该 (能愿动词, like 可以 and 能够) say how, not what: "家里养猫需要打哪些疫苗" shared
    需要 with "需要强调的是" and 疫苗 with "疫苗接种", two topics, and was answered."""
    fujian = data_engine(tmp_path, engine, "fresh19/fujian_2022.txt")
    assert not fujian.answer("家里养猫需要打哪些疫苗？").answered
    assert "需要" in engine.tokenizer.stop_words and "应该" in engine.tokenizer.stop_words


def test_when_words_are_no_topic_of_a_question(tmp_path: Path, engine: Engine) -> None:
    """啥时候, 何时 (jieba's one word each) ask when, like 什么时候: "宝鸡的机场到底啥时候开建"
    weighed 啥时候, a word no report has, above 机场 and was refused."""
    for when in ("啥时候", "何时", "几时", "多会儿", "时候", "哪一年", "几号"):
        assert when in engine.tokenizer.stop_words
        assert when not in engine.queries.build(f"机场{when}开工？").weights
    for why in ("为什么", "为啥", "为何"):  # nor why
        assert why not in engine.queries.build(f"机场{why}要建？").weights
    baoji = data_engine(tmp_path, engine, "fresh28/baoji_2023.txt")
    cited = first_cited(baoji, "宝鸡的机场到底啥时候开建？2023年报告怎么说的")
    assert "确保宝鸡凤翔机场、北过境和钓磻高速尽快开工" in cited


def test_a_paragraph_s_later_pieces_speak_of_the_span_it_opens_on(
    tmp_path: Path, engine: Engine
) -> None:
    from retrieval.report_spans import paragraph_span

    lead = (
        "各位代表！2020年是“十三五”收官之年。五年来，我们始终牢记嘱托。这是综合实力大跨越的五年。"
    )
    assert paragraph_span(lead) == "五年来"
    assert paragraph_span("绘制好2025年、“十五五”时期、到2035年的蓝图。") == ""  # ahead
    assert paragraph_span("过去一年，我们主要做了以下工作。") == ""
    # 湖北 2021: "…五年来，…" is cut in three passages; the third, "累计新增城镇就业441.8万人",
    # is the term's total, not 2020's ("城镇新增就业75万人" under the year's review)
    hubei = data_engine(tmp_path, engine, "fresh16/hubei_2021.txt")
    assert "城镇新增就业75万人" in first_cited(hubei, "湖北2020年城里新找到工作的有多少人？")


def test_an_indicator_named_only_as_the_whole_of_a_share_is_not_given(
    tmp_path: Path, engine: Engine
) -> None:
    # 甘肃 2021 (tests/data/fresh17): "十大生态产业增加值达到2179亿元，占地区生产总值比重达
    # 24.2%" names 地区生产总值 but gives the share of it; the GDP itself is a passage below
    gansu = data_engine(tmp_path, engine, "fresh17/gansu_2021.txt")
    assert "增加到9017亿元" in first_cited(gansu, "甘肃“十三五”末地区生产总值达到多少亿元？")
    assert "24.2%" in first_cited(gansu, "甘肃十大生态产业增加值占地区生产总值比重是多少？")


def test_a_growth_target_asked_wants_a_growth_figure(tmp_path: Path, engine: Engine) -> None:
    from retrieval.answer_types import asks_growth

    assert asks_growth("地区生产总值增长目标是多少？") and asks_growth("增长的预期目标定的多少")
    assert not asks_growth("地区生产总值目标是多少？")  # a level may answer that
    # 辽宁 2024 (tests/data/fresh15) names 沈阳 with "地区生产总值过万亿", no growth of 沈阳's
    liaoning = data_engine(tmp_path, engine, "fresh15/liaoning_2024.txt")
    assert not liaoning.answer("沈阳2024年地区生产总值增长目标是多少？").answered
    assert "增长5.5%左右" in first_cited(liaoning, "辽宁2024年地区生产总值增长目标是多少？")


def test_an_indicator_named_only_inside_a_ratio_of_it_is_not_given(engine: Engine) -> None:
    from retrieval.named_asked import only_share_of

    asked = engine.queries.build("广东2023年研发经费投入是多少？")
    # 广东 2024's glossary: "…设定固定资产投资强度、容积率、亩均税收、研发经费投入强度…"
    assert only_share_of(asked, "设定亩均税收、研发经费投入强度、就业贡献等指标", 4)
    assert not only_share_of(asked, "全社会研发经费投入增长10%，投入强度2.9%", 4)
    ratio = engine.queries.build("广东2023年研发经费投入强度是多少？")  # the ratio asked
    assert not only_share_of(ratio, "设定亩均税收、研发经费投入强度、就业贡献等指标", 4)


def test_a_part_s_figure_said_with_its_share_of_the_whole_is_not_the_whole_s(
    tmp_path: Path, engine: Engine
) -> None:
    """甘肃 2015 (tests/data/fresh71): "35个国家和省级开发区…完成生产总值1350亿元，占全省比重
    达到19.75%" is the parks' output; the province's is "全省实现生产总值6835.27亿元"."""
    from retrieval.named_asked import only_share_of

    asked = engine.queries.build("甘肃2014年全省生产总值是多少？")
    parks = "35个国家和省级开发区聚集功能显著增强，完成生产总值1350亿元，占全省比重达到19.75%。"
    assert only_share_of(asked, parks, 4)
    assert not only_share_of(asked, "全省实现生产总值6835.27亿元，增长8.9%。", 4)
    whole_and_part = (
        "全市实现生产总值5000亿元，增长6%，其中35个开发区完成生产总值1350亿元，占全市比重达到27%。"
    )
    assert not only_share_of(asked, whole_and_part, 4)  # the part's clause only is cut
    part = engine.queries.build("甘肃2014年开发区生产总值是多少？")  # the part asked: its own
    assert not only_share_of(part, parks, 4)
    gansu = data_engine(tmp_path, engine, "fresh71/gansu_2015.txt")
    assert "6835.27亿元" in first_cited(gansu, "甘肃2014年全省生产总值是多少，增长多少？")


def test_a_figure_asked_of_a_word_said_in_its_pieces(tmp_path: Path, engine: Engine) -> None:
    # 贵州 2022 (tests/data/fresh19): "粮食生产超额完成国家下达任务，产量达1094.86万吨" gives the
    # 粮食产量 in 吨 the question asks for, though it never writes 粮食产量
    names = ("shandong", "jilin", "jiangxi", "guizhou", "hunan", "fujian")
    six = data_engine(tmp_path, engine, *(f"fresh19/{name}_2022.txt" for name in names))
    assert "产量达1094.86万吨" in first_cited(six, "贵州2021年粮食产量多少吨？")


def test_the_past_year_is_the_year_the_report_reviews(tmp_path: Path, engine: Engine) -> None:
    # 山东 2022 (tests/data/fresh19): "过去一年" is 2021, reviewed; not 2022's targets
    assert engine.queries.build("过去一年城镇新增就业多少人？").relative_years == (-1,)
    assert engine.queries.build("过去五年城镇新增就业多少人？").relative_years == ()
    shandong = data_engine(tmp_path, engine, "fresh19/shandong_2022.txt")
    assert "城镇新增就业124.2万人" in first_cited(shandong, "山东过去一年城镇新增就业多少人？")


def test_grain_output_is_said_as_the_reports_say_it(tmp_path: Path, engine: Engine) -> None:
    # 河南 2020 (tests/data/fresh20): "粮食总产达到1339亿斤" is the 粮食产量 asked
    assert "总产" in engine.queries.build("去年粮食产量多少？").weights
    henan = data_engine(tmp_path, engine, "fresh20/henan_2020.txt")
    assert "粮食总产达到1339亿斤" in first_cited(henan, "河南去年粮食产量多少？")


def test_a_figure_the_question_states_is_one_its_report_gives(
    tmp_path: Path, engine: Engine
) -> None:
    # 福建 2021 (tests/data/fresh21) never gives a 38: "省儿童医院建成投用" shares 儿童 and 医院
    # with a question about a child's 38-degree fever, but does not speak of it
    fever = engine.queries.build("小孩发烧38度5要不要马上去医院？")
    assert states_unheld_figure(fever, lambda term: term != "38")
    assert not states_unheld_figure(fever, lambda term: True)
    # a year, or a figure of ten or less (a report may write 三个), is not judged so
    years = engine.queries.build("2021年3个省实验室叫什么？")
    assert not states_unheld_figure(years, lambda term: False)
    fujian = data_engine(tmp_path, engine, "fresh21/fujian_2021.txt")
    assert fujian.answer("小孩发烧38度5要不要马上去医院？").status is AnswerStatus.NOT_FOUND
    stated = "全省11752个村卫生所开通医保服务"  # a figure it gives is still found
    assert stated in first_cited(fujian, "11752个村卫生所开通了什么服务？")


def test_a_later_hit_that_holds_two_words_answers_when_the_first_holds_none(
    tmp_path: Path, engine: Engine
) -> None:
    # 扬州 2022 (tests/data/fresh25): the 2021 review's "城镇新增就业6万人" ranks first on 2021
    # and 城镇 (a piece), holding no word of the question whole; the five years' "常住人口城镇化率
    # 提高6.5个百分点、达71.4%" further down holds two and answers
    yangzhou = data_engine(tmp_path, engine, "fresh25/city_yangzhou_2022.txt")
    cited = first_cited(yangzhou, "扬州常住人口城镇化率到2021年是多少？")
    assert "常住人口城镇化率提高6.5个百分点、达71.4%" in cited
    # one word of two is not enough: 湖南 2025's "土地承包到期后再延长三十年" holds 到期 alone
    hunan = data_engine(tmp_path, engine, "real/hunan_2025.txt")
    assert hunan.answer("驾驶证快到期了，怎么换证？").status is AnswerStatus.NOT_FOUND


def test_a_five_year_plan_quoted_beside_a_year_says_when(tmp_path: Path, engine: Engine) -> None:
    # 吉林 2017 (tests/data/fresh27, its six reports) names “十三五” ("十三五"良好开局), but its
    # review of 2016 gives the growth without it: the plan beside the year says when, as it does
    (tmp_path / "2017").mkdir(), (tmp_path / "2021").mkdir()
    names = ("anhui", "guangxi", "hebei", "jiangxi", "jilin", "shaanxi")
    jilin = data_engine(tmp_path / "2017", engine, *(f"fresh27/{n}_2017.txt" for n in names))
    question = "吉林“十三五”开局之年（2016年）地区生产总值增长多少？"
    answer = jilin.answer(question)
    assert "地区生产总值增长6.9%" in answer.citations[0].passage.text
    assert answer.phrases == ()  # the citation does not hold the phrase: not said it does
    # with no year asked the plan is the time asked: 吉林 2021 (fresh16) gives the 十三五's
    # growth, not the 十四五's target ("地区生产总值年均增长6.5%") that lacks the name
    jilin_2021 = data_engine(tmp_path / "2021", engine, "fresh16/jilin_2021.txt")
    answer = jilin_2021.answer("吉林“十三五”期间经济年均增长多少？")
    assert "经济年均增长4.3%" in answer.citations[0].passage.text
    assert answer.phrases == ("十三五",)
    # a plan its report never names is still asked of no passage
    assert not jilin.answer("吉林“十二五”开局之年（2011年）地区生产总值增长多少？").answered


def test_a_part_between_the_review_and_the_plan_that_says_neither_plans(
    tmp_path: Path, engine: Engine
) -> None:
    # 扬州 2022 (tests/data/fresh25): "新一届政府工作思路" between the review and "2022年主要工作"
    tops = ["本届政府和2021年工作回顾", "新一届政府工作思路", "2022年主要工作"]
    parts = [Part.REVIEW, Part.PLAN, Part.PLAN]
    assert parts_of(tops, 2022) == dict(zip(tops, parts, strict=True))
    both = "二、“十三五”时期发展成就和“十四五”时期主要目标任务"  # says both: not guessed
    assert both not in parts_of(["一、2020年工作回顾", both, "三、2021年重点工作"], 2021)
    yangzhou = data_engine(tmp_path, engine, "fresh25/city_yangzhou_2022.txt")
    cited = first_cited(yangzhou, "扬州地区生产总值到2021年达到了多少亿元？")
    assert "全市地区生产总值连跨两个千亿级台阶、达6696.4亿元" in cited  # not 今后五年's 8000亿元


def test_a_plan_verb_jieba_glues_to_the_next_word_stands_apart(
    tmp_path: Path, engine: Engine
) -> None:
    # "比重要达到": jieba cuts 比|重要|达到; 比重 is a word the reports have, so 要 asks a plan
    asked = engine.queries.build("服务业增加值占GDP比重要达到多少？")
    assert "比重" in asked.words and "要" in asked.words and asked.asks_plan
    assert "重要" in engine.queries.build("这个很重要吗？").words  # 很重 is no word: left
    xiangyang = data_engine(tmp_path, engine, "fresh29/xiangyang_2019.txt")
    cited = first_cited(xiangyang, "襄阳2019年服务业增加值占GDP比重要达到多少？")
    assert "服务业增加值占地区生产总值比重提高3个百分点、达到41%" in cited


def test_a_plan_verb_jieba_glues_into_no_word_of_the_reports_stands_apart(
    tmp_path: Path, engine: Engine
) -> None:
    # "占比要达到": jieba cuts 占|比要|达到; 比要 is no word, so 要 asks a plan and 达到 does
    # not make it a result of the year the report plans
    asked = engine.queries.build("全社会研发投入占比要达到多少？")
    assert "要" in asked.words and "比要" not in asked.words and asked.asks_plan
    assert "需要" in engine.queries.build("还需要多少资金？").words  # a word: left whole
    plan = "（一）主要目标\n地区生产总值增长6%左右。\n（二）创新\n全社会研发投入占比达2.05%。"
    review = "全社会研发投入占比达到1.9%，高新技术企业达到450家。"
    cited = first_cited(one_report(tmp_path, 2021, review, plan), "2021年研发投入占比要达到多少？")
    assert "2.05%" in cited


def test_a_question_word_inside_a_longer_word_of_the_passage_is_not_what_grew(
    tmp_path: Path, engine: Engine
) -> None:
    # 邯郸 2019 (tests/data/fresh29): "进出口总值要增长百分之多少" and a targets list that gives
    # 生产总值's growth: 总值 there is the end of 生产总值, a word of its own
    handan = data_engine(tmp_path, engine, "fresh29/handan_2019.txt")
    assert not handan.answer("邯郸2019年进出口总值要增长百分之多少？").answered
    assert "全市生产总值增长6.5%左右" in first_cited(
        handan, "邯郸2019年全市生产总值要增长百分之多少？"
    )
    # a word asked alone is said by a longer name of the same thing (a review finding)
    plan = "（一）主要目标\n地区生产总值增长6%左右。"
    (tmp_path / "made").mkdir()
    made = one_report(tmp_path / "made", 2021, "年末常住人口352万人，工业总产值1200亿元。", plan)
    assert "352万人" in first_cited(made, "2020年人口有多少万人？")
    assert "1200亿元" in first_cited(made, "2020年工业产值是多少亿元？")


def test_a_review_headed_as_the_tasks_come_out_answers_the_year_before(
    tmp_path: Path, engine: Engine
) -> None:
    """陕西 2015 (tests/data/fresh35) heads its review "一、十二届人大二次会议确定任务完成情况":
    任务 made it the plan, and 2014's figures were refused as the plan's."""
    shaanxi = data_engine(tmp_path, engine, "fresh35/shaanxi_2015.txt")
    assert "生产总值1.77万亿元" in first_cited(shaanxi, "陕西2014年生产总值是多少？")


def test_a_year_measured_from_is_not_the_year_asked(tmp_path: Path, engine: Engine) -> None:
    """ "比2011年减少了多少" asks how much less than in 2011, not about 2011: 贵州 2015
    (tests/data/fresh35) gives it in its review of 2014, which says nothing of 2011's own."""
    assert engine.queries.build("2015年GDP比2014年增长了多少？").years == ("2015",)
    assert engine.queries.build("比2011年减少了多少？").years == ()
    # 比较 compares: both years are asked
    assert engine.queries.build("比较2019年和2020年的GDP").years == ("2019", "2020")
    guizhou = data_engine(tmp_path, engine, "fresh35/guizhou_2015.txt")
    question = "贵州省级行政许可和非行政许可审批事项比2011年减少了多少（十二五以来）？"
    assert "分别比2011年减少69%和91%" in first_cited(guizhou, question)


def test_a_thing_known_only_by_its_pieces_and_the_kind_asked_are_not_spoken_of(
    tmp_path: Path, engine: Engine
) -> None:
    """ "2018年世界杯冠军是哪个国家": the six reports of tests/data/fresh34 name 隐形冠军 and
    国家 but never 世界杯 (only 世界); 国家 is what the answer would be, not what is asked."""
    names = ("dezhou", "huangshi", "huizhou", "tianshui", "xinyu", "yanbian")
    six = data_engine(tmp_path, engine, *(f"fresh34/{n}_2018.txt" for n in names))
    assert not six.answer("2018年世界杯冠军是哪个国家？").answered
    assert "“隐形冠军”" in first_cited(six, "德州2018年要培育哪些隐形冠军企业？")


def test_how_a_level_asked_is_held_is_no_topic(tmp_path: Path, engine: Engine) -> None:
    """ "控制在多少以内", "保持在多少": the report says how (稳定在, 控制在) of its own thing; 湖南
    2015 (tests/data/fresh35) gives no 物价涨幅 target, and "控制政府性债务规模" shared only 控制."""
    held = engine.queries.build("2024年粮食产量打算保持在多少？")
    assert held.wants_number and not any("保持" in c.full for c in held.concepts)
    hunan = data_engine(tmp_path, engine, "fresh35/hunan_2015.txt")
    assert not hunan.answer("湖南2015年物价涨幅打算控制在多少以内？").answered


def test_a_rare_word_of_reports_is_shared_enough(tmp_path: Path, engine: Engine) -> None:
    """河北 2013 (tests/data/fresh53): "加快“黄标车”淘汰步伐" was refused for "冒黑烟的黄标车",
    黑烟 being a thing no report names and 黄标车 the one word shared; a noun this rare is the
    reports' own topic. A place's or a person's name is not (沙县 in 三明 2021, 马拉松 nr)."""
    three = data_engine(
        tmp_path,
        engine,
        "fresh53/hebei_2013.txt",
        "fresh33/sanming_2021.txt",
        "fresh10/shanghai_2023.txt",
    )
    assert "加快“黄标车”淘汰步伐" in first_cited(three, "河北对那些冒黑烟的黄标车打算怎么办？")
    assert not three.answer("沙县拌面的酱料怎么调？").answered
    assert not three.answer("跑马拉松前一天应该吃什么").answered


def test_a_rare_verb_of_reports_is_shared_enough(tmp_path: Path, engine: Engine) -> None:
    """山东 2025 (tests/data/fresh): "找矿" (a verb jieba counts 74 times) is the reports' own
    word, shared with "探获全国首个亿吨级富铁矿"'s passage; 宝贝 is the asker's own wording."""
    shandong = data_engine(tmp_path, engine, "fresh/shandong_2025.txt")
    assert "探获全国首个亿吨级富铁矿" in first_cited(shandong, "咱山东去年找矿挖到啥大宝贝了？")
    assert not shandong.answer("山东去年打麻将挖到啥大宝贝了？").answered


def test_targets_an_older_report_proposes_are_the_plan(tmp_path: Path, engine: Engine) -> None:
    """浙江 2004 (tests/data/fresh54) heads its first part "2003年工作回顾和2004年工作总体要求"
    and proposes the year's targets in older wording ("综合考虑…，建议2004年全省经济和社会发展的
    主要预期调控目标是：…确保全省生产总值超过10000亿元"): that is the plan, no answer for 2003."""
    from retrieval.report_parts import (
        declares_targets,
        opens_targets,
    )

    proposed = "综合考虑国内外发展环境的可能变化和我们的现实基础，建议2004年全省经济和社会发展的主要预期调控目标是:"
    assert opens_targets(proposed) and declares_targets(proposed)
    assert not opens_targets("2014年，全市地区生产总值增长8.1%，主要预期目标基本完成。")
    zhejiang = data_engine(tmp_path, engine, "fresh54/zhejiang_2004.txt")
    assert "全省生产总值9200亿元" in first_cited(zhejiang, "浙江2003年全省生产总值是多少？")


def test_five_years_gone_by_are_the_years_behind(tmp_path: Path, engine: Engine) -> None:
    """石嘴山 2022 (tests/data/fresh55): "五年下来GDP到了多少" asks the term behind ("预计全市地区
    生产总值达到600亿元，年均增长7%"), not "二、今后五年主要目标任务" ("年均增长6.5%左右")."""
    assert behind_asked("五年下来GDP到了多少") and past_span_asked("这五年下来收入涨了多少")
    shizuishan = data_engine(tmp_path, engine, "fresh55/shizuishan_2022.txt")
    cited = first_cited(shizuishan, "石嘴山五年下来GDP到了多少，年均增长多少？")
    assert "预计全市地区生产总值达到600亿元，年均增长7%" in cited


def test_compared_with_last_year_is_year_on_year(tmp_path: Path, engine: Engine) -> None:
    """安康 2021 (tests/data/fresh66): "比上年怎么样" is what a report says "同比" ("全年实现生产
    总值1088.78亿元，同比下降9.2%"); the passage that said 上年 elsewhere held the answer out."""
    ankang = data_engine(tmp_path, engine, "fresh66/ankang_2021.txt")
    cited = first_cited(ankang, "安康2020年生产总值是多少，比上年怎么样？")
    assert "全年实现生产总值1088.78亿元，同比下降9.2%" in cited


def test_a_figure_now_is_the_review_s_not_a_target(tmp_path: Path, engine: Engine) -> None:
    """咸宁 2025 (tests/data/fresh70): "现在一共有多少家高新技术企业" asks the latest count the
    report gives ("新增高新技术企业120家，总数680家"), not its target ("力争高新技术企业数突破800
    家"); a plan asked now ("现在的目标") still asks the plan."""
    xianning = data_engine(tmp_path, engine, "fresh70/xianning_2025.txt")
    assert "总数680家" in first_cited(xianning, "咸宁现在一共有多少家高新技术企业？")
    assert "突破800家" in first_cited(xianning, "咸宁高新技术企业数量现在的目标是多少？")


def test_a_decision_of_ones_own_is_in_no_report(tmp_path: Path, engine: Engine) -> None:
    """温州 2026 (tests/data/fresh100): "我今年30岁了，该不该辞职去考公务员" shared 公务 with
    "深化公务人员业务素养提升行动" and was answered; a report decides nothing for one reader."""
    from retrieval.answer_types import asks_a_procedure

    assert asks_a_procedure("我明年就毕业了，要不要回老家找工作？")
    assert asks_a_procedure("我这个年纪还值不值得去读研究生？")
    # not a decision of the asker's own, nor a question asked in the first person only
    assert not asks_a_procedure("农民今年要不要交农业税？")
    assert not asks_a_procedure("我市今年新增就业多少人？")
    for policy in ("我市今年要不要建地铁？", "我国今年要不要发行超长期特别国债？",
                   "我想问一下，政府要不要提高最低工资标准？", "自我革命要不要坚持？"):  # fmt: skip
        assert not asks_a_procedure(policy), policy  # (review)
    wenzhou = data_engine(tmp_path, engine, "fresh100/wenzhou_2026.txt")
    question = "我在温州上班五年了，该不该辞职去考公务员？"
    assert wenzhou.answer(question).status is AnswerStatus.NOT_FOUND


def test_a_result_word_asked_is_no_concept_a_further_passage_must_hold(tmp_path: Path) -> None:
    """无锡 2026 (tests/data/fresh100): "“十五五”末无锡的经济总量要达到多少": the first hit (the
    2035 goals, "…人均地区生产总值在2020年基础上翻一番…达到…") does not answer; the next, "今后
    五年的总体目标是：…经济总量突破2万亿元", was passed over for lacking 达到, a word that says
    how a figure is asked (like 目标), not what about."""
    wuxi = Path(tmp_path / "wuxi")
    wuxi.mkdir()
    shutil.copy(ROOT / "tests" / "data" / "fresh100" / "wuxi_2026.txt", wuxi)
    engine = Engine.from_dir(wuxi)
    for question in (
        "“十五五”末无锡的经济总量要达到多少？",
        "到“十五五”末，无锡经济总量能达到多少？",
    ):
        assert "经济总量突破2万亿元" in first_cited(engine, question), question


def test_a_sentence_dating_both_ends_of_its_span_gives_no_other_years_figure(
    tmp_path: Path, engine: Engine
) -> None:
    """东莞 2026 (tests/data/fresh100) reviews 2025 under "2025年主要工作成效" and writes "全员劳动
    生产率从2020年的14.1万元/人提升至2024年的17.6万元/人": 2024's level, not 2025's, which it
    does not give; the heading's year had let it answer a question about 2025."""
    dongguan = data_engine(tmp_path, engine, "fresh100/dongguan_2026.txt")
    asked = dongguan.answer("东莞2025年的全员劳动生产率是多少？")
    assert asked.status is AnswerStatus.NOT_FOUND
    assert "17.6万元/人" in first_cited(dongguan, "东莞全员劳动生产率提高到了多少？")  # no year
    # one end dated leaves the other to its context (the review's year)
    from retrieval.figure_years import levels_of_other_years

    assert levels_of_other_years("从2020年的14.1万元/人提升至2024年的17.6万元/人", ("2025",))
    assert not levels_of_other_years("最低工资标准从2015年的1123元提高到1628元", ("2020",))
    assert not levels_of_other_years("从2020年的14.1万元提升至2025年的18万元", ("2025",))
    assert not levels_of_other_years("从2023年10月至2024年3月，新增就业2.1万人", ("2025",))


def test_funds_won_are_asked_of_the_review_not_the_plan(tmp_path: Path, engine: Engine) -> None:
    """银川 2026 (tests/data/fresh101): "…争取到多少钱" asks what was won ("争取城中村、危旧房改造
    专项债资金111.8亿元", in the review of 2025); 争取 read as a goal sent it to the plan."""
    from retrieval.report_parts import asks_plan

    assert asks_plan(["今年", "争取", "新增", "多少"]) and not asks_plan(
        ["去年", "争取", "到", "多少"]
    )
    # a goal to be reached by a time is still a goal (review)
    assert asks_plan(["争取", "到", "2030", "年", "达到", "多少"])
    assert asks_plan(["争取", "到", "“", "十五五", "”", "末"]) and asks_plan(["争取", "到", "年底"])
    yinchuan = data_engine(tmp_path, engine, "fresh101/yinchuan_2026.txt")
    question = "银川去年为城中村和危旧房改造一共争取到了多少专项债资金？"
    assert "111.8亿元" in first_cited(yinchuan, question)


def test_a_yearly_average_asked_is_not_one_years_growth(tmp_path: Path, engine: Engine) -> None:
    """武汉 2026 (tests/data/fresh102) gives 2025's "地区生产总值…增长5.6％" and no average of the
    十四五 years: "“十四五”时期GDP年均增速" was answered with the one year's growth."""
    from retrieval.answer_types import asks_yearly_average, gives_average

    assert asks_yearly_average("十四五期间GDP年均增长多少") and asks_yearly_average(
        "平均每年增长多少"
    )
    # an average person's income is no yearly average over years
    assert not asks_yearly_average("江苏城里人去年平均一年能挣多少钱？")
    assert gives_average("地区生产总值年均增长6.2%") and not gives_average("地区生产总值增长5.6%")
    wuhan = data_engine(tmp_path, engine, "fresh102/wuhan_2026.txt")
    answer = wuhan.answer("“十四五”这五年武汉地区生产总值平均每年增长多少？")
    assert answer.status is AnswerStatus.NOT_FOUND
    assert "22147.35亿元" in first_cited(wuhan, "武汉去年地区生产总值是多少？")


def test_a_passage_holding_nothing_telling_of_the_question_does_not_answer(
    tmp_path: Path, engine: Engine
) -> None:
    """长春 2026 (tests/data/fresh106): "2026年高考是哪几天" shares only the lone 天 with "空气质量
    优良天数…" (高考, the one telling word, is not there, not even in part); 天 weighs enough
    by itself to pass the share, but a passage must hold something of what is asked."""
    fresh106 = data_engine(tmp_path, engine, "fresh106/changchun_2026.txt",
                           "fresh106/national_2026.txt")  # fmt: skip
    assert not fresh106.answer("2026年高考是哪几天？").answered
    assert "空气质量优良天数" in first_cited(fresh106, "长春空气质量优良天数要达到多少天？")


def test_the_place_asked_is_not_what_a_passage_shares_with_the_question(
    tmp_path: Path, engine: Engine
) -> None:
    # 湖南 2016 (tests/data/fresh108): "去长沙旅游有哪些必吃的小吃" shared 旅游 and the place
    # 长沙 with a paragraph on service trade ("发展旅游…服务贸易，…中国（长沙）跨境…"); the place
    # says where, not what, so 旅游 alone is shared beside things no report names (必吃, 小吃)
    hunan = data_engine(tmp_path, engine, "fresh108/hunan_2016.txt")
    assert not hunan.answer("去长沙旅游有哪些必吃的小吃？").answered
    assert "长沙中低速磁浮线" in first_cited(hunan, "长沙的磁浮线通车了吗？")


def test_a_figure_set_for_a_plan_s_horizon_is_that_year_s(tmp_path: Path, engine: Engine) -> None:
    # 浙江 2021 (tests/data/fresh107): "浙江2021年社会消费品零售总额的增长目标是多少" was answered
    # by the five-year plan's "到2025年，社会消费品零售总额达到3.5万亿元": 2025's level, not 2021's
    from retrieval.figure_years import other_year_only

    assert other_year_only("到2025年，社会消费品零售总额达到3.5万亿元。", "", ("2021",), True)
    assert not other_year_only("到2035年基本实现社会主义现代化。", "", ("2021",), True)
    zhejiang = data_engine(tmp_path, engine, "fresh107/zhejiang_2021.txt")
    assert not zhejiang.answer("浙江2021年社会消费品零售总额的增长目标是多少？").answered
    assert "3.5万亿元" in first_cited(zhejiang, "浙江到2025年社会消费品零售总额要达到多少？")


def test_who_gave_it_asked_after_the_giving_is_its_header(tmp_path: Path, engine: Engine) -> None:
    # 新疆 2021 (tests/data/fresh107): "…代表自治区政府作工作报告的是哪位领导" asks who gave it
    # ("作…报告的是谁"); its date says 年初, its speaker line the office (主席), not 领导
    from retrieval.answer_types import asks_delivery

    assert asks_delivery("2021年在河南省人代会上作报告的是谁？")
    assert asks_delivery("今年在石家庄人代会上作政府工作报告的是谁？")
    assert not asks_delivery("和企业合作报告的是谁")  # 合作: no giving
    xinjiang = data_engine(tmp_path, engine, "fresh107/xinjiang_2021.txt")
    question = "2021年初新疆的自治区人代会上，代表自治区政府作工作报告的是哪位领导？"
    _header_quotes(xinjiang, question, "雪克来提·扎克尔")


def test_a_header_naming_no_one_does_not_say_who_gave_it(tmp_path: Path, engine: Engine) -> None:
    # 清苑县 2013 (tests/data/fresh7): "政府工作报告 2013年3月19日", no speaker line
    qingyuan = data_engine(tmp_path, engine, "fresh7/county_qingyuan_2013.txt")
    assert not qingyuan.answer("2013年清苑县政府工作报告是哪位县长作的？").answered


def test_what_a_who_question_says_of_the_report_is_in_its_text(
    tmp_path: Path, engine: Engine
) -> None:
    # 四川 2017 (tests/data/fresh108): "四川这份回顾2016年、部署2017年的政府工作报告是谁作的" says
    # which report (这份; it reviews, 回顾, and deploys, 部署): its text says so, not its header
    sichuan = data_engine(tmp_path, engine, "fresh108/sichuan_2017.txt")
    _header_quotes(sichuan, "四川这份回顾2016年、部署2017年的政府工作报告是谁作的？", "尹力")


def test_words_of_the_asker_s_own_no_report_holds_do_not_count_against(
    tmp_path: Path, engine: Engine
) -> None:
    # 西安 2015 (tests/data/fresh82, its six reports): 待 and 几天 are in none of them (a verb,
    # a count); the passage holds the rest of the question
    names = ("beijing", "changsha", "chengdu", "haerbin", "hangzhou", "xian")
    xian = data_engine(tmp_path, engine, *(f"fresh82/{n}_2015.txt" for n in names))
    assert "72小时过境免签" in first_cited(xian, "外国人在西安转机能免签待几天？")
    # a thing no report names still does (as before: the off-topic test refuses "火星")
    assert xian.answer("西安的火星基地能待几天？").status is AnswerStatus.NOT_FOUND


def test_the_asker_s_framing_is_no_word_searched(tmp_path: Path, engine: Engine) -> None:
    # "我想问一下": 问 was searched and judged as a word of the question (陕西 2021,
    # tests/data/prov2021: refused; without the framing it is answered)
    shaanxi = data_engine(tmp_path, engine, "prov2021/shaanxi_2021.txt")
    plain = shaanxi.answer("陕西去年生产总值是多少？")
    assert plain.answered
    for framed in ("我想问一下，陕西去年生产总值是多少？", "想打听一下陕西去年生产总值是多少？"):
        answer = shaanxi.answer(framed)
        assert answer.answered, framed
        assert answer.citations[0].passage == plain.citations[0].passage


def test_the_lead_that_counts_the_items_answers_which_items(tmp_path: Path, engine: Engine) -> None:
    # 广东 2011 (tests/data/prov2011): its ten tasks are unnumbered headings; "抓好人口计生、
    # 民政等工作" shared 抓好 and 工作 and came first
    guangdong = data_engine(tmp_path, engine, "prov2011/guangdong_2011.txt")
    answer = guangdong.answer("广东2011年政府要抓好哪几项工作？")
    assert answer.answered
    assert "必须抓好以下十项工作" in answer.citations[0].passage.text


def test_a_thing_no_report_names_does_not_count_against_a_passage(
    tmp_path: Path, engine: Engine
) -> None:
    # fresh72 (six provincial reports of 2020): no report says 人多 or 心脏 (the asker's
    # "心脏除颤仪"); 山西's "在人流密集公共场所配置自动体外除颤器" answers, held to the share of
    # the question a report could hold. A thing no report names beside one shared word is
    # still the off-topic test's ("火星": 人口 alone shared)
    reports = set_engine(tmp_path, engine, "fresh72")
    answer = reports.answer("山西今年会不会在商场车站这些人多的地方放心脏除颤仪？")
    assert answer.status is AnswerStatus.ANSWERED
    assert "自动体外除颤器" in answer.citations[0].excerpt
    assert not reports.answer("山西火星人口有多少？").answered


def test_everyday_wording_no_passage_holds_does_not_count_against_it(
    tmp_path: Path, engine: Engine
) -> None:
    # 山东 2023 among the 31 provincial reports of 2023 (tests/data/prov2023): "办好社区食堂，
    # 为社区居民提供安全、实惠、便利的餐饮服务" answers though it says none of 附近, 便宜, 吃饭,
    # 方便: words Chinese at large says tens to hundreds of times as often as reports do
    # (everyday_words.py). What no report names is still refused ("火锅店": off-topic), and
    # so is a thing the reports name that no passage holds beside them (幼儿托管班)
    shandong = set_engine(tmp_path, engine, "prov2023")
    question = "山东今年会不会在小区附近多开便宜的食堂，让居民吃饭方便些？"
    assert "办好社区食堂" in first_cited(shandong, question)
    assert not shandong.answer("山东附近哪家火锅店便宜又好吃？").answered
    assert not shandong.answer("山东今年会不会在小区附近多开便宜的幼儿托管班？").answered


def test_everyday_words_are_learned_from_the_reports_rates() -> None:
    factor = EngineConfig().everyday_factor
    for word in ("附近", "便宜", "吃饭", "不到"):
        assert everyday(word, factor), word
    for word in ("改造", "创业", "食堂", "居民", "养老金", "数"):
        assert not everyday(word, factor), word  # (数's UTF-16 bytes are "ce"'s, 250 to 2)
    assert not everyday("房本", factor)  # not in jieba's dictionary: not judged


def test_the_word_counts_were_made_against_this_jieba_s_dictionary(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A word's rate in talk is its count over the dictionary's total, recorded when the
    counts were built (scripts/build_report_word_counts.py): another jieba's dictionary would
    need them built again."""
    spec = importlib.util.spec_from_file_location(
        "build_report_word_counts", ROOT / "scripts" / "build_report_word_counts.py"
    )
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    monkeypatch.setattr(sys, "path", list(sys.path))  # (the script adds its folders)
    spec.loader.exec_module(builder)
    header = COUNTS_FILE.read_text(encoding="utf-8").split("#total\t", 1)[1].split("\n", 1)[0]
    reports, dictionary = (int(n) for n in header.split("\t"))
    assert dictionary == builder.dictionary_total()
    assert reports > 5_000_000  # the 770 reports' tokens
