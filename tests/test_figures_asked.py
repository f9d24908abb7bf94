"""Which figure a passage gives for the indicator a question asks about (figures_asked.py)."""

from __future__ import annotations

from pathlib import Path

from retrieval.answer_types import asks_a_years_rate, asks_amount, asks_output
from retrieval.coverage import concept_weights
from retrieval.engine import Engine
from retrieval.figure_years import years_given
from retrieval.figures_asked import (
    AMOUNT,
    gives_figure_asked,
    only_cumulative,
)
from retrieval.models import AnswerStatus

from .conftest import data_engine, first_cited, set_engine


def _gives(engine: Engine, question: str, passage: str) -> bool:
    query = engine.queries.build(question)
    weights = concept_weights(query, engine._term_weight)
    return gives_figure_asked(passage, "", query, weights)


def test_a_clause_that_said_how_its_thing_moved_has_no_figure_after_it(engine: Engine) -> None:
    # 信阳 2023's targets: the 进出口 growth is given without a figure; 6% is the revenue's
    question = "进出口总值要增长百分之多少？"
    targets = "进出口总值保持平稳增长，一般公共预算收入增长6%，居民消费价格涨幅3%左右。"
    assert not _gives(engine, question, targets)
    # a clause that goes on with it still gives its figure
    assert _gives(engine, question, "进出口总值平稳增长，增长6%。")
    assert _gives(engine, question, "进出口总值持续增长，比上年增长6%。")
    # a clause that names it without saying how it moved leaves the figure to the next
    income = "城镇居民人均可支配收入稳步提高，达到4万元。"
    assert _gives(engine, "城镇居民人均可支配收入多少元？", income)


def test_a_target_given_without_a_figure_is_refused(tmp_path: Path, engine: Engine) -> None:
    xinyang = data_engine(tmp_path, engine, "fresh28/xinyang_2023.txt")
    answer = xinyang.answer("信阳2023年进出口总值要增长百分之多少？")
    assert answer.status is AnswerStatus.NOT_FOUND


def test_a_year_is_no_figure(tmp_path: Path, engine: Engine) -> None:
    """海拉尔 2018's plan (tests/data/fresh8) says "全面完成2018年的化债任务": no amount. The
    2019 report's review gives it; a figure that begins like a year is still one."""
    question = "2018年化解了多少政府债务？"
    assert not _gives(engine, question, "加大政府债务化解力度，全面完成2018年的化债任务。")
    assert not _gives(engine, question, "化解政府债务，2021—2025年全面完成。")
    assert _gives(engine, question, "2018年全年累计化解政府债务12.43亿元。")
    assert _gives(engine, "装机容量多少？", "风电装机容量达2000万千瓦。")
    names = ("district_hailaer_2018.txt", "district_hailaer_2019.txt")
    hailaer = data_engine(tmp_path, engine, *(f"fresh8/{n}" for n in names))
    assert "12.43亿元" in first_cited(hailaer, "2018年海拉尔区化解了多少政府债务？")


def test_an_output_asked_is_a_quantity_where_the_passage_speaks_of_it(
    tmp_path: Path, engine: Engine
) -> None:
    """ "粮食总产量多少" asks an amount: 临沂 2016 (tests/data/fresh31) gives 2015's grain
    output nowhere, and "粮食综合生产能力稳步提高，认证“三品一标”产品1737个" counts other
    things; 安徽 2024 (fresh15) gives its cars' output in 辆."""
    assert asks_amount("粮食总产量多少？") and not asks_amount("粮食产量增长了多少？")
    assert asks_amount("粮食总产量目标是多少？")  # 目标 between, as after 总量 or 规模
    assert asks_amount("GDP总量是多少呢？") and asks_amount("进出口总额是多少亿呀")  # a particle
    assert not asks_amount("粮食总产量是多少亿斤？")  # a unit asked: the unit test's
    assert AMOUNT.search("新能源汽车产量86.8万辆") and AMOUNT.search("粮食总产432.8亿斤")
    (tmp_path / "linyi").mkdir()
    (tmp_path / "anhui").mkdir()
    linyi = data_engine(tmp_path / "linyi", engine, "fresh31/linyi_2016.txt")
    assert linyi.answer("临沂2015年粮食总产量多少？").status is AnswerStatus.NOT_FOUND
    anhui = data_engine(tmp_path / "anhui", engine, "fresh15/anhui_2024.txt")
    assert "86.8万辆" in first_cited(anhui, "安徽2023年新能源汽车产量是多少？")


def test_an_output_is_not_given_as_land_or_money(tmp_path: Path, engine: Engine) -> None:
    """ "粮食总产量目标是多少" asks what is grown, in 斤 or 吨: 河南 2015 (tests/data/fresh35)
    plans "再建成高标准粮田900万亩" under a heading of 粮食, and gives no output target."""
    question = "粮食总产量目标是多少？"
    assert asks_output(question) and not asks_output("粮食播种面积是多少？")
    assert _gives(engine, question, "粮食总产量达到1200亿斤。")
    assert not _gives(engine, question, "粮食总产量稳定，再建成高标准粮田900万亩。")
    assert not _gives(engine, "粮食产量是多少？", "粮食产业产值达到900亿元。")
    henan = data_engine(tmp_path, engine, "fresh35/henan_2015.txt")
    assert henan.answer("河南2015年粮食总产量目标是多少？").status is AnswerStatus.NOT_FOUND


def test_a_quoted_term_counts_no_figure(tmp_path: Path, engine: Engine) -> None:
    # 陕西 2009 (tests/data/fresh48): the plan's outline names “三个代表” and 民生八大工程 in
    # one long sentence with no figure; the paragraph giving the investment answers
    question = "民生八大工程计划投资多少？"
    outline = "高举邓小平理论和“三个代表”重要思想伟大旗帜，以实施民生八大工程提升公共服务水平。"
    assert not _gives(engine, question, outline)
    assert _gives(engine, question, "今年民生八大工程计划投资400亿元，比上年增加70亿元。")
    assert _gives(engine, "建了几个驿站？", "建成三个驿站。")
    shaanxi = data_engine(tmp_path, engine, "fresh48/shaanxi_2009.txt")
    assert "计划投资400亿元" in first_cited(shaanxi, "陕西省2009年民生八大工程计划投资多少？")


def test_a_percentage_stated_in_words_asks_no_figure(engine: Engine) -> None:
    # 山东 2010: "“三个百分之百”，是哪三个" asks for the three, not a percentage
    asked = engine.queries.build("中央新增投资项目要做到“三个百分之百”，是哪三个百分之百？")
    assert not asked.wants_number
    assert engine.queries.build("城镇化率是百分之多少？").wants_number
    assert engine.queries.build("第三产业占比多少？").wants_number


def test_these_few_years_is_a_span_not_a_count(engine: Engine) -> None:
    # 贵州 2016 (tests/data/fresh110): "这几年" says when; the question asks which site
    assert not engine.queries.build("贵州哪处土司遗址这几年被列入世界文化遗产？").wants_number
    assert not engine.queries.build("过去几年新疆哪处景观列入了世界遗产名录？").wants_number
    assert engine.queries.build("这几年一共建了几所学校？").wants_number
    assert engine.queries.build("广东GDP排全国前几？").wants_number  # a rank asked
    assert not engine.queries.build("前几年建成的那个博物馆叫什么？").wants_number


def test_the_sentence_after_the_best_gives_its_figure(tmp_path: Path, engine: Engine) -> None:
    # 江苏 2009 (tests/data/fresh48): the sentence naming 汶川 gives no figure, the next
    # one, going on about the 灾区, does
    question = "江苏给汶川地震灾区捐了多少钱？"
    named = "四川汶川特大地震灾害发生后，我们举全省之力支援灾区抗震救灾。"
    assert _gives(engine, question, named + "全省累计向灾区派出救援人员1.29万人，捐款43亿元。")
    # a next sentence about something else gives no figure of it
    assert not _gives(engine, question, named + "全年新增城镇就业120万人。")
    jiangsu = data_engine(tmp_path, engine, "fresh48/jiangsu_2009.txt")
    assert "捐款43亿元" in first_cited(jiangsu, question)


def test_how_much_is_done_is_an_amount_not_a_growth(tmp_path: Path, engine: Engine) -> None:
    # 湖南 2015 (tests/data/fresh35): the targets give the investment's growth, a later
    # paragraph the amount to be done
    question = "固定资产投资要完成多少？"
    assert not _gives(engine, question, "固定资产投资增长18%左右，社会消费品零售总额增长12%。")
    assert _gives(engine, question, "力争完成固定资产投资2.6万亿元。")
    assert _gives(engine, "固定资产投资要增长多少？", "固定资产投资增长18%左右。")
    hunan = data_engine(tmp_path, engine, "fresh35/hunan_2015.txt")
    assert "2.6万亿元" in first_cited(hunan, "湖南2015年固定资产投资要完成多少？")


def test_a_year_a_figure_is_a_multiple_of_is_no_year_it_gives(
    tmp_path: Path, engine: Engine
) -> None:
    # 河南 2008 (tests/data/fresh49): the five-year review gives 2007's income, "分别是2002年的
    # 1.8倍、1.7倍"; 2002 is what it is measured against
    text = "城镇居民人均可支配收入11477元，农民人均纯收入3852元，分别是2002年的1.8倍、1.7倍。"
    assert years_given(text) == set()
    assert years_given("2002年城镇居民人均可支配收入6245元。") == {"2002"}
    henan = data_engine(tmp_path, engine, "fresh49/henan_2008.txt")
    assert "11477元" in first_cited(henan, "2007年河南城镇居民人均可支配收入是多少？")


def test_a_year_measured_from_in_any_wording_is_no_year_a_figure_is_of(
    tmp_path: Path, engine: Engine
) -> None:
    # 西安 2016 (tests/data/fresh86): "是2010年的1.8和2.0倍" (two multiples, 和 between);
    # 深圳 2005 (fresh84): "由1999年的第十一位跃升至第四位" (由 as 从): neither year is the figures'
    assert years_given("收入分别达到33188元和14072元，是2010年的1.8和2.0倍。") == set()
    assert years_given("分别是2010年的2.6、3.5和5.1倍。") == set()
    assert years_given("吞吐量1366万标箱，排名由1999年的第十一位跃升至第四位。") == set()
    assert years_given("2010年的产量达到5万吨。") == {"2010"}
    xian = data_engine(tmp_path, engine, "fresh86/xian_2016.txt")
    asked = "西安2015年城乡常住居民人均可支配收入分别是多少？"
    assert "33188元" in first_cited(xian, asked)
    shenzhen = data_engine(tmp_path, engine, "fresh84/shenzhen_2005.txt")
    assert "1366万标箱" in first_cited(shenzhen, "深圳港2004年集装箱吞吐量有多少？")


def test_a_clause_comparing_a_figure_is_no_other_indicator_s(
    tmp_path: Path, engine: Engine
) -> None:
    # 重庆 2006 (tests/data/fresh88): "地区生产总值年均增长11%，高于“九五”1.7个百分点，2005年
    # 达到3100亿元": the comparison is the growth's, the amount after it still the GDP's
    question = "重庆2005年地区生产总值是多少？"
    chongqing = data_engine(tmp_path, engine, "fresh88/chongqing_2006.txt")
    assert "3100亿元" in first_cited(chongqing, question)
    text = "全市地区生产总值年均增长11%，高于全国1.7个百分点，2005年达到3100亿元。"
    assert _gives(engine, question, text)
    other = "地区生产总值年均增长11%，工业增加值增长12%，财政收入达到300亿元。"
    assert not _gives(engine, question, other)  # another indicator's figure between
    residents = "地区生产总值增长6.5%，居民人均可支配收入增长7%，一般公共预算收入增加到44亿元。"
    assert not _gives(engine, question, residents)  # 居民…: no comparison


def test_a_number_that_names_a_thing_or_a_year_is_no_other_figure(engine: Engine) -> None:
    # 宁波 2021's plan: the lines numbered 5 to 8 are names, not figures before 28公里
    question = "今年地铁能多通车多少公里？"
    metro = "建成轨道交通5号线一期，加快在建工程进度，争取开工6、7、8号线，新增运营里程28公里。"
    assert _gives(engine, question, metro)
    assert _gives(engine, question, "建成轨道交通1~3号线，新增运营里程28公里。")
    dated = "加快轨道交通建设，到2025年基本建成，新增运营里程28公里。"
    assert _gives(engine, question, dated)
    # a clause with a figure of its own still stands between
    other = "建成轨道交通5号线，投资增长8%，新增公路120公里。"
    assert not _gives(engine, question, other)


def test_a_years_rate_asked_is_not_a_spans_average(tmp_path: Path, engine: Engine) -> None:
    # 福建 2008 (tests/data/fresh49): the five-year review's "年均增长12.9%" is no growth of 2007
    assert asks_a_years_rate("福建省2007年全省生产总值及增速是多少？")
    assert asks_a_years_rate("2007年GDP增幅为多少？") and asks_a_years_rate("增长了多少？")
    assert not asks_a_years_rate("2007年全省生产总值是多少？")
    # a rate set as a target (河北 2016, tests/data/fresh110: not "十三五"'s "年均增长7%左右")
    assert asks_a_years_rate("河北2016年GDP预期增速定的是多少？")
    assert asks_a_years_rate("2016年经济增速定在多少？")
    assert asks_a_years_rate("2016年经济增速目标定在多少？")
    assert asks_a_years_rate("陕西去年的生产总值和增速分别是多少？")  # the two of one year
    fujian = data_engine(tmp_path, engine, "fresh49/fujian_2008.txt")
    assert "增长15.1%" in first_cited(fujian, "福建省2007年全省生产总值及增速是多少？")


def test_one_years_figure_asked_is_not_a_spans_total(tmp_path: Path, engine: Engine) -> None:
    """云南 2016 (tests/data/fresh51) gives the five-year plan's trade only as its total
    ("累计完成外贸进出口总额1170亿美元"), no figure of 2015: asked for 2015's, it says it has
    none. A year's own total ("全年累计化解政府债务12.43亿元") is that year's."""
    assert only_cumulative("大力培育外向型企业，累计完成外贸进出口总额1170亿美元。", ["进出口总额"])
    assert not only_cumulative("全年累计化解政府债务12.43亿元。", ["政府债务"])
    assert not only_cumulative("外贸进出口总额增长5%，累计完成1170亿美元。", ["进出口总额"])
    assert only_cumulative("过去五年累计完成外贸进出口总额1170亿美元。", ["进出口总额"])
    # a list's item gives the year's own beside the term's total
    assert not only_cumulative("进出口总额245亿美元、“十二五”累计1170亿美元", ["进出口总额"])
    yunnan = data_engine(tmp_path, engine, "fresh51/yunnan_2016.txt")
    assert not yunnan.answer("云南2015年外贸进出口总额是多少亿美元？").answered


def test_a_thing_measured_in_money_asked_how_much_wants_an_amount(
    tmp_path: Path, engine: Engine
) -> None:
    """湖北 2008 (tests/data/fresh49): "农民去年人均纯收入多少" ranked first the year's growths
    ("…农民人均纯收入分别增长17.2%和16.9%"); "农民人均纯收入3997元" says how much."""
    assert asks_amount("湖北农民去年人均纯收入多少？") and asks_amount("GDP是多少？")
    assert not asks_amount("农民人均纯收入增长了多少？") and not asks_amount("粮食产了多少？")
    hubei = data_engine(tmp_path, engine, "fresh49/hubei_2008.txt")
    assert "农民人均纯收入3997元" in first_cited(hubei, "湖北农民去年人均纯收入多少？")


def test_a_magnitude_alone_is_no_amount(tmp_path: Path, engine: Engine) -> None:
    """北京 2025 (tests/data/fresh3) gives 2024's GDP only as a growth ("预计全市地区生产总值增长
    5.2%左右，…万元地区生产总值能耗、水耗…"): the 万元 of energy per 万元 of GDP is a rate's
    base, not an amount of it, and "2024年地区生产总值是多少" was answered with the growth."""
    assert not AMOUNT.search("人均地区生产总值和万元地区生产总值能耗保持全国省级地区最优水平")
    assert AMOUNT.search("地区生产总值4.98万亿元") and AMOUNT.search("投资五亿元")
    assert AMOUNT.search("千万元级项目") and AMOUNT.search("完成十亿元")
    assert AMOUNT.search("地区生产总值（亿元） 580.2 4.5")  # a table's row (test_messy_pages)
    beijing = data_engine(tmp_path, engine, "fresh3/beijing_2025.txt")
    assert not beijing.answer("北京市2024年地区生产总值是多少？").answered
    assert beijing.answer("北京市2024年地区生产总值增长了多少？").answered


def test_the_year_of_the_prices_is_no_year_a_figure_is_of(tmp_path: Path, engine: Engine) -> None:
    """辽宁 2004 (tests/data/fresh54) sets "到2010年，全省GDP达到11800亿元（按2002年价格）":
    2002 is the year of the prices, and "辽宁2002年GDP是多少" (a year the report gives no
    figure for) was answered with 2010's target."""
    from retrieval.figure_years import years_not_measured_from

    target = "到2010年，全省GDP达到11800亿元（按2002年价格），年均增长10%以上"
    assert "2002" not in years_not_measured_from(target) and "2002" not in years_given(target)
    assert years_given("农民人均纯收入2300元（2010年不变价）") == set()
    assert years_given("2002年全省生产总值5458亿元") == {"2002"}
    liaoning = data_engine(tmp_path, engine, "fresh54/liaoning_2004.txt")
    assert not liaoning.answer("辽宁2002年GDP是多少？").answered


def test_a_plans_period_in_brackets_dates_no_figure(tmp_path: Path, engine: Engine) -> None:
    # 厦门 2026 (tests/data/fresh104): the passage with 2025's "地区生产总值增长5.7%" names only
    # "国土空间总体规划（2021―2035年）获批实施" (its 2025年 opens the passage before): the plan's
    # period is no year the figures are of, so the passage is not about another year
    assert years_given("国土空间总体规划（2021―2035年）获批实施，地区生产总值增长5.7%") == set()
    assert years_given("《行动方案(2023-2024年)》印发") == set()
    assert years_given("国土空间总体规划(2021-2035)获批实施") == set()  # (no 年: as common)
    assert years_given("2021—2025年累计投资3000亿元") == {"2021", "2025"}
    fresh104 = set_engine(tmp_path, engine, "fresh104")  # (its six reports, as the set asks)
    assert "地区生产总值增长5.7%" in first_cited(fresh104, "厦门2025年地区生产总值增长了多少？")


def test_a_percentage_asked_is_answered_by_one(tmp_path: Path, engine: Engine) -> None:
    # 2026 (tests/data/fresh105, fresh106): "上调百分之几" found the national report's "城乡居民
    # 基础养老金月最低标准再提高20元", "研发投入强度是百分之几" 福州's "研究与试验发展经费投入
    # 总量保持全省第1": neither gives a percentage where it speaks of what is asked
    reports = data_engine(tmp_path, engine, "fresh105/fuzhou_2026.txt",
                          "fresh106/national_2026.txt")  # fmt: skip
    assert not reports.answer("今年企业退休人员基本养老金上调百分之几？").answered
    assert not reports.answer("福州去年全社会研发投入强度是百分之几？").answered
    assert "%" in first_cited(reports, "福州2025年地区生产总值增长了百分之几？")
    assert not reports.answer("今年企业退休人员基本养老金上调多少个百分点？").answered
    # points said in words are a percentage too (浙江 2003, tests/data/fresh56: "城市化水平
    # 年均上升近两个百分点"; 云南: "森林覆盖率提高了5个多百分点")
    (tmp_path / "fresh56").mkdir()
    fresh56 = set_engine(tmp_path / "fresh56", engine, "fresh56")
    assert "近两个百分点" in first_cited(fresh56, "浙江城市化水平年均上升几个百分点？")
    assert "5个多百分点" in first_cited(fresh56, "云南森林覆盖率提高了几个百分点？")


def test_a_span_started_at_a_year_leaves_its_end_to_the_context(
    tmp_path: Path, engine: Engine
) -> None:
    # 重庆 2008 (tests/data/fresh80): "《重庆市城乡总体规划（2007-2020年）》获得国务院批准。城镇化率
    # 由2002年的39.9%提高到48.3%": 48.3% is 2007's (the year reviewed), the plan's period no
    # year of a figure; the span's start alone does not make the passage 2002's
    from retrieval.figure_years import other_year_only

    text = "城镇化率由2002年的39.9%提高到48.3%"
    assert not other_year_only(text, "", ("2007",), growth=False)
    assert other_year_only("由2002年的39.9%提高到2007年的48.3%", "", ("2005",), growth=False)
    # a month is no level ("从2023年10月至2024年3月": a period, its figures the context's)
    period = "从2023年10月至2024年3月，累计完成投资50亿元"
    assert not other_year_only(period, "", ("2025",), growth=False)
    chongqing = data_engine(tmp_path, engine, "fresh80/chongqing_2008.txt")
    assert "48.3%" in first_cited(chongqing, "重庆2007年城镇化率是多少？")
