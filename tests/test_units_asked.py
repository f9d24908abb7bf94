"""Figures in the unit a question asks (units.py, figures_asked.py)."""

from __future__ import annotations

from pathlib import Path

from retrieval.engine import Engine
from retrieval.models import AnswerStatus
from retrieval.units import asked_unit, unit_figure

from .conftest import data_engine, first_cited, one_report


def test_the_general_measure_word_counts_firms_schools_and_buildings() -> None:
    firms = unit_figure("家")
    assert firms.search("兴办31.4万个实体企业") and firms.search("新增企业20万家")
    assert unit_figure("所").search("新建学校12个") and not firms.search("带动就业463.4万人")
    # machines too ("9个天文望远镜落户赛什腾山", 海西 2022, tests/data/fresh98); not vehicles
    assert unit_figure("台").search("9个天文望远镜") and not unit_figure("辆").search("3个基地")
    for not_a_count in ("高于全省2个百分点", "用了3个月时间", "带动12个人就业"):
        assert not firms.search(not_a_count), not_a_count


def test_a_count_of_firms_given_with_ge_answers_how_many_firms(tmp_path: Path) -> None:
    review = "（一）返乡创业。\n鼓励外出务工人员返乡创业，兴办31.4万个实体企业，带动就业463.4万人。"
    engine = one_report(tmp_path, 2018, review, "（一）主要目标\n地区生产总值增长7%左右。")
    answer = engine.answer("回乡创业办起了多少家企业？")
    assert answer.answered, answer.status
    assert "31.4万个实体企业" in answer.citations[0].passage.text


def test_a_rate_asked_is_answered_by_a_share(tmp_path: Path, engine: Engine) -> None:
    """ "城镇化率是多少" asks a percentage (or 成, ‰, 个百分点): 江西 2021 (tests/data/fresh16)
    gives its 2020 森林覆盖率 nowhere, and its review's 302万亩 and 432.8亿斤 are no rate."""
    assert asked_unit("陕西2014年城镇化率是多少？") == "率" and asked_unit("占比多高") == "率"
    assert asked_unit("粮食产量多少吨") == "吨" and asked_unit("大桥有多长") == "多长"
    share = unit_figure("率")
    assert share.search("城镇化率达到52.6%") and share.search("提高2个百分点")
    assert not share.search("粮食总产432.8亿斤") and not share.search("粮食生产实现“十一连丰”")
    jiangxi = data_engine(tmp_path, engine, "fresh16/jiangxi_2021.txt")
    assert jiangxi.answer("江西2020年森林覆盖率是多少？").status is AnswerStatus.NOT_FOUND
    assert "失业率5.5%" in first_cited(jiangxi, "江西2021年城镇调查失业率目标是多少？")


def test_households_are_not_asked_by_a_word_that_opens_with_hu() -> None:
    # 佛山 2021 (tests/data/fresh111): "新增了多少户籍人口" counts people ("84.8万人")
    assert asked_unit("“十三五”这五年佛山新增了多少户籍人口？") != "户"
    assert asked_unit("今年改造了多少户老旧小区") == "户"
    for word in ("户外运动场地", "户型", "户口"):  # words that open with 户
        assert asked_unit(f"新建了多少{word}") != "户", word


def test_money_asked_by_what_it_is_is_asked_in_yuan(tmp_path: Path, engine: Engine) -> None:
    # 辽宁 2021 (tests/data/prov2021) lists its 10件民生实事 in 公里, 个, 套 and gives no sum
    assert asked_unit("辽宁今年10件民生实事一共要投入多少资金？") == "元"
    assert asked_unit("今年安排多少亿专项资金") == "元" and asked_unit("资金增长多少") is None
    assert asked_unit("引进多少社会资金") == "元" and asked_unit("经费有多少") == "元"
    assert asked_unit("多少个亿资金") == "元"
    assert asked_unit("利用外资多少资金") is None  # in 美元 as often as in 元
    assert asked_unit("多少资金到位率") is None  # a rate
    liaoning = data_engine(tmp_path, engine, "prov2021/liaoning_2021.txt")
    answer = liaoning.answer("辽宁今年10件民生实事一共要投入多少资金？")
    assert answer.status is AnswerStatus.NOT_FOUND


def test_dollars_asked_are_answered_by_a_figure_in_dollars(tmp_path: Path, engine: Engine) -> None:
    # 海口 2013 gives its 2012 GDP in 元 and no GDP per head at all: no figure in 美元 answers
    assert asked_unit("海口2012年人均GDP是多少美元？") == "美元"
    assert asked_unit("实际利用外资多少亿美元") == "美元" and asked_unit("多少亿元") == "元"
    dollars = unit_figure("美元")
    assert dollars.search("实际利用外资4.5亿美元") and not dollars.search("地区生产总值820.58亿元")
    assert not unit_figure("元").search("出口12亿美元")
    haikou = data_engine(tmp_path, engine, "fresh45/haikou_2013.txt")
    assert haikou.answer("海口2012年人均GDP是多少美元？").status is AnswerStatus.NOT_FOUND
    assert "820.58亿元" in first_cited(haikou, "海口2012年地区生产总值是多少亿元？")
    assert "实际利用外资4.5亿美元" in first_cited(haikou, "海口2012年实际利用外资多少美元？")


def test_so_many_days_months_or_years_asked_is_a_time() -> None:
    for question in ("挂一次号能管几天？", "用了几年完成", "要多少个月", "连着多少年了"):
        assert asked_unit(question) == "多久", question
    # a span spoken of, a few more, a school grade: no time asked
    for question in ("海南这几年小孩戴眼镜的少了吗", "近几年来", "能多几天好天气", "几年级",
                     "过去几年GDP涨了多少", "十几年来"):  # fmt: skip
        assert asked_unit(question) is None, question
    time = unit_figure("多久")
    assert time.search("一次挂号管三天") and time.search("实现“二十一连丰”")
    assert not time.search("粮食产量达到83.1万吨")


def test_a_figure_is_read_where_the_weightiest_topic_held_is_said(tmp_path: Path) -> None:
    # 辽宁 2018's wording: the sentence holding most of the question (补助, 提高) gives no
    # figure; the one saying 低保, the question's rarest word the passage holds, does
    plan = (
        "（一）社会保障\n继续提高退休人员基本养老金标准，提高城乡居民医保政府补助标准。"
        "城乡低保标准和特困供养标准平均提高5%以上。"
    )
    engine = one_report(tmp_path, 2018, "（一）民生\n新增城镇就业45万人。", plan)
    answer = engine.answer("今年吃低保的人补助能涨多少？")
    assert answer.answered, answer.status
    assert "平均提高5%以上" in answer.citations[0].excerpt


def test_vehicles_proportions_and_households_asked() -> None:
    """Vehicles are counted in 辆 or 台; a proportion is given as one ("比例为9.7:39.5:50.8");
    "多少家里困难的学生" and "多少家庭" ask no count of firms in 家."""
    assert unit_figure("辆").search("新增电动公交车170台")
    assert unit_figure(asked_unit("新增多少台清扫车") or "").search("购置清扫车35辆")
    assert unit_figure("率").search("三次产业结构更加优化，比例为9.7:39.5:50.8。")
    assert not unit_figure("率").search("三次产业结构更加优化。")
    assert asked_unit("给多少家里特别困难的学生免掉学杂费") is None
    assert asked_unit("多少家庭用上了天然气") is None
    assert asked_unit("新增多少家企业") == "家"
    for firms in ("新开多少家门店", "多少家乡镇卫生院达标", "新增多少家人工智能企业"):
        assert asked_unit(firms) == "家", firms
    assert asked_unit("多少户人家") == "户"


def test_a_proportion_answers_what_the_ratio_is(tmp_path: Path) -> None:
    review = "（一）结构调整。\n三次产业结构更加优化，比例为9.7:39.5:50.8。服务业增加值增长6%。"
    engine = one_report(tmp_path, 2024, review, "（一）主要目标\n地区生产总值增长5%左右。")
    answer = engine.answer("现在三次产业结构比例是多少？")
    assert answer.answered, answer.status
    assert "9.7:39.5:50.8" in answer.citations[0].excerpt


def test_units_asked_in_everyday_words(tmp_path: Path, engine: Engine) -> None:
    # people counted by who they are ("解决4.8万居民的饮水安全问题", 三亚 2014, tests/data/fresh92)
    assert unit_figure("人").search("解决4.8万居民的饮水安全问题")
    # "多少人家" asks households, not a count of people (云南 2019: "…户")
    assert asked_unit("能有多少人家用上干净的卫生厕所") != "人"
    assert asked_unit("能给多少人解决") == "人"
    # how often: "多久…一次" is answered by "每月巡河两次", "每年进行一次" (昆明 2009, 通辽 2016)
    assert asked_unit("要多久去河边巡一次") == "多久一次"
    often = unit_figure("多久一次")
    assert often.search("坚持每月巡河两次") and often.search("对贫困人口每年进行一次免费体检")
    assert not often.search("每年新增就业5万人")
    tongliao = data_engine(tmp_path, engine, "fresh93/tongliao_2016.txt")
    assert "每年进行一次免费体检" in first_cited(tongliao, "通辽的贫困户能免费体检吗？多久一次？")


def test_a_share_said_in_words_is_a_figure() -> None:
    # "新增财力的三分之二用于民生" (杭州 2008, tests/data/fresh80) gives a figure
    from retrieval.query_types import FIGURE

    assert FIGURE.search("三分之二用于民生") and FIGURE.search("要有三分之一达到熄灭标准")
    assert not FIGURE.search("十分之重要")


def test_people_counted_after_their_own_words(tmp_path: Path, engine: Engine) -> None:
    # 山东 2016 (tests/data/fresh108): "今年为200万进城农民工和140万…居民办理城镇户口" counts the
    # people a "准备给多少人办" asks for, with words of their own between the figure and them
    people = unit_figure("人")
    assert people.search("今年为200万进城农民工和140万城中村、城边村原有居民办理城镇户口")
    assert people.search("关爱15万农村留守儿童")
    # farmers and herders (西藏 2011, tests/data/prov2011: "143万农牧民住上了安全适用的房屋")
    assert people.search("27.5万户、143万农牧民住上了安全适用的房屋")
    assert people.search("转移就业12万贫困牧民") and people.search("安置3万移民")
    assert not people.search("3万民营企业")
    assert not people.search("新建100万亩高标准农田，惠及农民")  # 亩: a measure of its own
    assert not people.search("发放5万元补贴给农民")
    shandong = data_engine(tmp_path, engine, "fresh108/shandong_2016.txt")
    question = "今年在山东打工的农村人能不能转成城里户口？准备给多少人办？"
    assert "200万进城农民工" in first_cited(shandong, question)


def test_couples_asked_are_counted_in_pairs(tmp_path: Path, engine: Engine) -> None:
    # 上海 2011 (tests/data/prov2011) gives no marriages or divorces: "新增就业岗位63万个"
    # was cited for "离婚登记多少对"
    assert asked_unit("上海2010年全市办理离婚登记多少对？") == "对"
    assert asked_unit("有多少对外贸易企业？") is None and asked_unit("多少对口支援项目") is None
    assert unit_figure("对").search("全年登记结婚5.2万对")
    shanghai = data_engine(tmp_path, engine, "prov2011/shanghai_2011.txt")
    answer = shanghai.answer("上海2010年全市办理离婚登记多少对？")
    assert answer.status is AnswerStatus.NOT_FOUND
