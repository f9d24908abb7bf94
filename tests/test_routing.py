"""Report identity (header -> division table) and routing a question to the reports it means."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.clean import clean_report
from retrieval.engine import Engine
from retrieval.metadata import extract_metadata
from retrieval.models import AnswerStatus

from .conftest import ROOT, data_engine

REAL = ROOT / "tests" / "data" / "real"
BODY = (
    "各位代表：\n现在，我代表{who}人民政府，向大会报告工作，请予审议。\n一、{year}年工作回顾\n"
    "过去一年，全{level}地区生产总值增长{growth}%，粮食总产量达到{grain}万吨。\n"
    "二、{plan}年工作安排\n{plan}年主要预期目标是：地区生产总值增长{target}%左右。\n"
)


def report(title: str, meeting: str, speaker: str, **kw: object) -> str:
    fill = dict(who="市", year=2023, plan=2024, level="市", growth=5, grain=100, target=6)
    fill.update(kw)
    return f"{title}\n——{meeting}\n{speaker}\n" + BODY.format(**fill)


def make_corpus(tmp_path: Path, files: dict[str, str]) -> Engine:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return Engine.from_dir(tmp_path)


# -- identity -------------------------------------------------------------------------------


def test_short_name_province_title_and_plan_year() -> None:
    meta = extract_metadata(
        report(
            "2024年河南省政府工作报告",
            "2024年1月25日在河南省第十四届人民代表大会第二次会议上",
            "河南省省长 王凯",
        )
    )
    assert (meta.region, meta.level, meta.code, meta.plan_year) == (
        "河南省",
        "province",
        "410000",
        2024,
    )
    assert (meta.speaker, meta.office) == ("王凯", "省长")


def test_a_meeting_line_without_zai_names_the_place() -> None:
    """ "——2015年2月9日吉林省第十二届人民代表大会第四次会议上" (no 在) and "我代表省政府" (no
    人民), as 吉林 2015 is headed; "…会议通过" as 长沙 2021 is."""
    for meeting, place in (
        ("2015年2月9日吉林省第十二届人民代表大会第四次会议上", "吉林省"),
        ("2021年1月21日长沙市第十五届人民代表大会第七次会议通过", "长沙市"),
    ):
        text = report("政府工作报告", meeting, "省长 某某", who="省", level="省")
        meta = extract_metadata(text.replace("人民政府", "政府").replace("——", ""))
        assert meta.region == place, meeting
        assert meta.meeting == meeting[meeting.index("日") + 1 : meeting.rindex("会议") + 2]


def test_december_report_plans_the_next_year() -> None:
    meta = extract_metadata(
        report(
            "政府工作报告",
            "2021年12月18日在萨尔图区第十二届人民代表大会第一次会议上",
            "区长 权占峰",
        )
    )
    assert meta.plan_year == 2022 and meta.review_year == 2021
    assert (meta.parent, meta.province) == ("大庆市", "黑龙江省")  # from the table, not the text


def test_a_five_year_plans_horizon_is_not_the_year_planned() -> None:
    """陕西 2006 has no dateline; "到2010年的主要预期目标" is the 11th plan's horizon, while
    its title names the year it plans (it was read as a 2010 report: 2006 was "not loaded")."""
    text = (
        "陕西省2006年政府工作报告\n\n各位代表：\n\n现在，我代表省人民政府向大会作工作报告。\n\n"
        "二、“十一五”规划的总体思路和目标任务\n\n到2010年的主要预期目标是：生产总值年均增长11%。\n\n"
        "今年全省经济社会发展的主要预期目标是：生产总值增长11%。\n"
    )
    assert extract_metadata(text).plan_year == 2006


def test_the_year_a_heading_reviews_is_not_the_year_planned() -> None:
    """贵州 2007 (tests/data/fresh57) has no dateline; "2006年政府工作回顾" names the year it
    reviews, "2007年政府工作主要任务" the year it plans (it was read as a 2006 report)."""
    text = (
        "2007年《政府工作报告》\n\n各位代表：\n\n现在，我代表省人民政府，向大会作工作报告。\n\n"
        "**2006年政府工作回顾**\n\n过去一年，全省生产总值增长11.6%。\n\n"
        "**2007年政府工作主要任务**\n\n今年经济社会发展的主要预期目标是：生产总值增长10%。\n"
    )
    assert extract_metadata(text).plan_year == 2007
    assert extract_metadata(text.replace("**2007年政府工作主要任务**", "")).plan_year == 2007


def test_a_front_matter_title_with_a_date_is_the_title() -> None:
    """文山 2020 (tests/data/fresh62): the front matter's title is dated, the body's own title
    line names no place ("政府工作报告", "在州第十四届…"); the dated line was passed over as a
    meeting line, so the report had no region and every 文山州 question was refused."""
    text = (
        "---\ntitle: 文山州政府工作报告（2020年1月14日 张秀兰）\n---\n\n政府工作报告\n\n"
        "——2020年1月14日在州第十四届人民代表大会第五次会议上\n\n州长张秀兰\n\n各位代表：\n\n"
        "现在，我代表州人民政府，向大会报告工作。\n\n一、2019年工作回顾\n\n"
        "全州地区生产总值增长10%。\n"
    )
    meta = extract_metadata(clean_report(text, markup=False))
    assert (meta.region, meta.province, meta.plan_year) == ("文山壮族苗族自治州", "云南省", 2020)


def test_photo_caption_is_not_the_title() -> None:
    text = (
        "王凯同志作政府工作报告。本报记者 张三 摄\n2024年河南省政府工作报告\n"
        "——2024年1月25日在河南省第十四届人民代表大会第二次会议上\n河南省省长 王凯\n"
    ) + BODY.format(who="省", year=2023, plan=2024, level="省", growth=5, grain=1, target=5)
    meta = extract_metadata(text)
    assert meta.title == "2024年河南省政府工作报告" and meta.region == "河南省"


def test_traditional_header_is_read() -> None:
    meta = extract_metadata(
        report(
            "2024年嘉興市政府工作報告",
            "2024年1月9日在嘉興市第九屆人民代表大會第四次會議上",
            "市長 李軍",
        )
    )
    assert (meta.region, meta.province) == ("嘉兴市", "浙江省")


def test_same_name_district_is_the_one_its_report_speaks_of() -> None:
    body = "天津市委、市政府的坚强领导下，和平区坚持……天津港、天津站、天津的发展。"
    meta = extract_metadata(
        report(
            "和平区人民政府工作报告",
            "2021年12月12日在和平区第十八届人民代表大会第一次会议上",
            "区长 郑伟铭",
        )
        + body
    )
    assert (meta.region, meta.province, meta.code) == ("和平区", "天津市", "120101")


def test_national_report() -> None:
    meta = extract_metadata((REAL / "national_2019.txt").read_text(encoding="utf-8"))
    assert (meta.region, meta.level, meta.plan_year) == ("全国", "national", 2019)


def test_every_real_report_gets_a_region_and_a_year() -> None:
    for path in sorted(REAL.glob("*.txt")):
        meta = extract_metadata(path.read_text(encoding="utf-8"), path.name)
        assert meta.region and meta.plan_year, path.name


def test_a_city_named_only_in_its_body_by_a_short_form_jieba_knows_as_a_place() -> None:
    """长沙 2021 without its meeting line: "我代表市人民政府" and 长沙 70 times in the body. 长沙
    is a city and a county (长沙县): the report speaks as a city; and a short form jieba counts
    often is a common word (合作, 资源) only when it does not tag it a place (长沙 is one)."""
    from retrieval.clean import clean_report
    from retrieval.corpus import source_file

    path = ROOT / "tests" / "data" / "fresh23" / "city_changsha_2021.txt"
    source = source_file(path.name, path.read_bytes())
    assert not isinstance(source, str)
    text = clean_report(source.text, markup=source.markup)
    text = text.replace("2021年1月21日长沙市第十五届人民代表大会第七次会议通过", "")
    meta = extract_metadata(text, "report.txt")
    assert (meta.region, meta.level) == ("长沙市", "prefecture")


def test_a_city_never_named_in_full_is_named_by_the_short_form_jieba_tags_a_place() -> None:
    """宁波 2016 (lawtext/gov, tests/data/fresh114) has no dateline, no speaker, a title of
    "2016年政府工作报告" and says 宁波 51 times but never 宁波市: a short form jieba tags a
    place (ns) names the city as its full name would; 安新 (of 雄安新区, jieba's nr) does not."""
    body = "宁波港口经济圈建设加快。" * 8 + "宁波舟山港货物吞吐量增长。镇海、北仑建设加快。"
    text = f"2016年政府工作报告\n各位代表：\n现在，我代表市人民政府向大会报告工作。\n{body}\n"
    meta = extract_metadata(text, "report.txt")
    assert (meta.region, meta.level) == ("宁波市", "prefecture")
    # only a city's short form (a 市): 新建 (jieba's ns, 新建区 of 南昌) is mostly "newly built"
    # (呼和浩特 2022: 呼和浩特 16 times, "新建" 15)
    body = "呼和浩特市" + "呼和浩特新建学校。" * 16
    text = f"2022年政府工作报告\n各位代表：\n现在，我代表市人民政府向大会报告工作。\n{body}\n"
    assert extract_metadata(text, "report.txt").region == "呼和浩特市"
    body = "雄安新区建设加快，安新、容城、雄县齐头并进。" * 6
    text = f"2019年政府工作报告\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n{body}\n"
    assert extract_metadata(text, "report.txt").region != "安新县"


def test_a_report_naming_only_its_five_year_plan_plans_the_plan_s_first_year() -> None:
    """北京 2006 (tests/data/fresh88) has no dateline and names no year it plans for: it
    presents the eleventh five-year plan (2006-2010) and reviews the tenth ("“十五”")."""
    opening = "各位代表：\n\n现在，我代表北京市人民政府，向大会作关于国民经济和社会发展第十一个五年规划纲要的报告。\n"
    assert extract_metadata(opening, "report.txt").plan_year == 2006
    review = "各位代表：\n\n现在，我代表市人民政府，向大会报告工作。\n\n一、“十二五”时期的回顾\n"
    assert extract_metadata(review, "report.txt").plan_year == 2016
    from retrieval.report_years import plan_start

    starts = [plan_start(n) for n in ("一", "二", "三", "九", "十", "十一", "十四", "十五")]
    assert starts == [1953, 1958, 1966, 1996, 2001, 2006, 2021, 2026]


def test_the_year_a_report_says_it_is_of_its_plan_is_the_year_planned() -> None:
    """四川 2006 (tests/data/prov2006) has no dateline; its front matter is titled by the year
    it reviews ("2005年四川省人民政府工作报告"), its text says which year of the plan it opens."""
    text = (
        "2005年四川省人民政府工作报告\n\n各位代表：\n\n我代表省人民政府，向大会报告工作。\n\n"
        "一、“十五”工作回顾\n\n初步核算，2005年全省生产总值达到7385.1亿元。\n\n"
        "三、2006年工作\n\n各位代表，今年是实施“十一五”规划的第一年。\n"
    )
    assert extract_metadata(text).plan_year == 2006
    third = text.replace("实施“十一五”规划的第一年", "“十一五”的第三年").replace(
        "2005年四川", "四川"
    )
    assert extract_metadata(third).plan_year == 2008
    assert extract_metadata(text.replace("今年是实施", "明年是实施")).plan_year == 2005
    # a report recalling another year's words ("一年前…说过：今年是“十五”计划的最后一年") keeps
    # its title's year
    recalled = "2006年某省人民政府工作报告\n\n各位代表：\n\n一年前，我们说过：今年是“十五”计划的最后一年。\n"
    assert extract_metadata(recalled).plan_year == 2006


def test_every_blind_set_report_gets_its_region_and_the_year_its_file_names() -> None:
    """The reports of tests/data/fresh* and prov*, named <place>_<year>.txt, read as an index run
    reads them (cleaned first): "三、2016年工作部署" is a plan heading (湖北 2016 names its year
    nowhere else); "2021年1月21日长沙市第十五届人民代表大会第七次会议通过" names the meeting
    that adopted it (长沙 2021's only header line naming its place)."""
    from retrieval.clean import clean_report
    from retrieval.corpus import source_file

    data = ROOT / "tests" / "data"
    paths = sorted([*data.glob("fresh*/*_[12][09][0-9][0-9].txt"), *data.glob("prov*/*_*.txt")])
    assert len(paths) > 200
    for path in paths:
        source = source_file(path.name, path.read_bytes())
        assert not isinstance(source, str), source
        meta = extract_metadata(clean_report(source.text, markup=source.markup), path.name)
        assert meta.region and meta.plan_year == int(path.stem[-4:]), path.name


# -- routing --------------------------------------------------------------------------------


def test_an_autonomous_region_said_with_a_loose_suffix_routes_to_it(tmp_path: Path) -> None:
    # "宁夏自治区", "新疆自治区" (tests/data/prov2006): one jieba word each, and not the name
    # (宁夏回族自治区): the question was searched over every report, 河北's answered
    files = {
        f"{short}.txt": report(
            f"2024年{name}政府工作报告", f"2024年1月20日在{name}第十三届人民代表大会第二次会议上",
            "主席 张工", level="区", who="自治区",
        )
        for short, name in (("nx", "宁夏回族自治区"), ("xj", "新疆维吾尔自治区"), ("hb", "河北省"))
    }  # fmt: skip
    engine = make_corpus(tmp_path, files)
    assert engine.regions.match("宁夏自治区的“一号工程”指的是哪个项目？").reports == ("nx.txt",)
    assert engine.regions.match("新疆自治区去年粮食产量是多少").reports == ("xj.txt",)
    assert engine.regions.match("新疆维吾尔自治区去年粮食产量是多少").reports == ("xj.txt",)


@pytest.mark.parametrize(
    "question",
    [
        "四平铁东区失业率是多少",
        "铁东区城镇登记失业率",
        "吉林四平铁东区失业率",
        "四平市铁东区失业率",
    ],
)
def test_parent_prefixed_and_bare_names_route_to_the_report(engine: Engine, question: str) -> None:
    region = engine.regions.match(question)
    assert region.reports == ("004_1b65f65be8f80fa8.txt",) and not region.unknown


@pytest.mark.parametrize(
    ("question", "report"),
    [
        ("呼市赛罕区老旧小区改造", "003_"),
        ("大庆萨尔图区绿化覆盖率", "000_"),
        ("天津和平区新增就业", "001_"),
    ],
)
def test_aliases_and_city_short_forms(engine: Engine, question: str, report: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and answer.citations[0].passage.report.startswith(report)


def test_same_name_region_elsewhere_is_not_answered(engine: Engine) -> None:
    answer = engine.answer("沈阳市和平区新增就业多少人")
    assert answer.status is AnswerStatus.UNKNOWN_REGION
    assert (answer.unknown_region, answer.only_region) == ("沈阳市和平区", "天津市和平区")


def test_typo_of_a_loaded_region_gets_a_suggestion(engine: Engine) -> None:
    answer = engine.answer("辽原市粮食产量")
    assert answer.status is AnswerStatus.UNKNOWN_REGION and answer.suggestion == "辽源市"


def test_place_under_a_loaded_report_is_searched_there(engine: Engine) -> None:
    answer = engine.answer("东丰县获评了什么优势区")
    assert answer.answered and answer.fallback == "东丰县"
    assert answer.citations[0].passage.report.startswith("002_")
    assert "东丰县、东辽县获评吉林省特色农产品梅花鹿、柞蚕优势区" in answer.citations[0].excerpt
    # 辽源's grain output is the city's: a passage naming 东丰 in another sentence is no answer
    assert engine.answer("东丰县粮食产量怎么样").status is AnswerStatus.NOT_FOUND
    # 东丰's own report asked for: not loaded, whatever 辽源's says of it
    own = engine.answer("东丰县2021年政府工作报告里获评了什么优势区")
    assert own.status is AnswerStatus.UNKNOWN_REGION and own.unknown_region == "东丰县"
    assert engine.answer("东丰县的报告说获评了什么优势区").status is AnswerStatus.UNKNOWN_REGION


def test_county_short_name_without_a_report_is_still_the_place_asked(engine: Engine) -> None:
    # 东丰 (a county of 辽源) has no report: its city's report answers if a sentence names it.
    answer = engine.answer("东丰的特色农产品获评了什么优势区")
    assert answer.answered and answer.fallback == "东丰县"
    assert "东丰县、东辽县获评" in answer.citations[0].excerpt
    # 涿州 (under 保定, not loaded): said to be missing, not answered from another place.
    answer = engine.answer("涿州2024年地区生产总值是多少")
    assert answer.status is AnswerStatus.UNKNOWN_REGION and answer.unknown_region == "涿州市"
    # Only where the subject stands: elsewhere a county's short form is not read as a place.
    assert engine.answer("辽源市支持涿州吗").status is not AnswerStatus.UNKNOWN_REGION
    # ... and only followed by a year or 的: 双城经济圈, 灯塔工厂 are words, not 双城区, 灯塔市
    for question in ("双城经济圈建设怎么样", "灯塔工厂有多少家"):
        assert engine.answer(question).status is not AnswerStatus.UNKNOWN_REGION, question


def test_unloaded_province_is_refused_and_topics_are_not(engine: Engine) -> None:
    assert engine.answer("河南今年GDP目标是多少").unknown_region == "河南省"
    assert engine.answer("长白山旅游发展").status is not AnswerStatus.UNKNOWN_REGION
    assert engine.answer("桂林路商圈建设").status is not AnswerStatus.UNKNOWN_REGION


def test_a_facility_named_by_a_place_is_in_that_place(engine: Engine) -> None:
    """A road or a park may bear another city's name (桂林路); an airport, a station, a
    hospital or a school named by a place lies in it: "枣庄机场建好以后能飞哪些城市" asks
    about 枣庄, whose report is not loaded, not about the loaded reports' airports."""
    for question, place in (
        ("枣庄机场建好以后都能飞哪些城市？", "枣庄市"),
        ("郑州机场三期扩建总投资是多少钱？", "郑州市"),
        ("襄阳火车站什么时候改造？", "襄阳市"),
    ):
        assert engine.answer(question).unknown_region == place, question
    assert engine.answer("北京路步行街改造").status is not AnswerStatus.UNKNOWN_REGION


def test_two_places_side_by_side_neither_in_the_other_are_two_places(
    tmp_path: Path, engine: Engine
) -> None:
    # 宁波 2021 (tests/data/fresh112): "宁波舟山港" is a port of 宁波 and 舟山, not 舟山 of 宁波;
    # 宁波 is asked and its report is loaded ("没有舟山市的报告" was said)
    ningbo = data_engine(tmp_path, engine, "fresh112/ningbo_2021.txt")
    answer = ningbo.answer("2020年宁波舟山港的集装箱吞吐量是多少标箱？")
    assert answer.answered and "2872万标箱" in answer.citations[0].passage.text
    assert ningbo.answer("浙江宁波舟山港去年集装箱吞吐量是多少标箱？").answered  # 浙江宁波, 舟山
    assert ningbo.answer("舟山今年GDP目标是多少").unknown_region == "舟山市"
    # nested: one place, 舟山 of 浙江 (shown as written)
    assert ningbo.answer("浙江舟山今年GDP目标是多少").unknown_region == "浙江舟山"


def test_one_report_its_short_name_is_recognised(tmp_path: Path) -> None:
    engine = make_corpus(
        tmp_path,
        {
            "ningxia.txt": report(
                "2024年宁夏回族自治区政府工作报告",
                "2024年1月22日在宁夏回族自治区第十三届人民代表大会第二次会议上",
                "自治区主席 张雨浦",
                who="自治区",
                level="区",
            )
        },
    )
    answer = engine.answer("宁夏2024年地区生产总值增长目标")
    assert answer.answered and answer.citations[0].passage.report == "ningxia.txt"


def test_a_short_name_two_levels_share_means_the_higher(tmp_path: Path) -> None:
    """ "吉林" is 吉林省's short name and 吉林市's: with both loaded, the province is meant;
    the city is named in full ("吉林市")."""
    files = {
        "jilin_province.txt": report(
            "2024年吉林省政府工作报告",
            "2024年1月23日在吉林省第十四届人民代表大会第二次会议上",
            "吉林省省长 胡玉亭",
            who="省",
            level="省",
            target=6,
        ),
        "jilin_city.txt": report(
            "2024年吉林市政府工作报告",
            "2024年1月10日在吉林市第十七届人民代表大会第四次会议上",
            "市长 王路",
            target=8,
        ),
    }
    engine = make_corpus(tmp_path, files)
    province = engine.answer("吉林2024年地区生产总值增长目标")
    assert {c.passage.report for c in province.citations} == {"jilin_province.txt"}
    city = engine.answer("吉林市2024年地区生产总值增长目标")
    assert city.citations[0].passage.report == "jilin_city.txt"


def test_several_years_pick_the_year_asked_else_the_latest(tmp_path: Path) -> None:
    files = {
        f"hz_{y}.txt": report(
            f"{y}年湖州市政府工作报告",
            f"{y}年1月10日在湖州市第九届人民代表大会第{y - 2020}次会议上",
            "市长 某某",
            year=y - 1,
            plan=y,
            target=y - 2018,
        )
        for y in (2022, 2023, 2024)
    }
    engine = make_corpus(tmp_path, files)
    latest = engine.answer("湖州地区生产总值增长目标")
    assert latest.citations[0].passage.report == "hz_2024.txt" and latest.year == 2024
    asked = engine.answer("湖州2023年政府工作报告地区生产总值增长目标")
    assert asked.citations[0].passage.report == "hz_2023.txt"


def test_parent_city_report_answers_for_its_district_with_a_notice(tmp_path: Path) -> None:
    text = report(
        "2024年杭州市政府工作报告",
        "2024年1月8日在杭州市第十四届人民代表大会第四次会议上",
        "市长 姚高员",
    )
    engine = make_corpus(tmp_path, {"hz.txt": text + "西湖区粮食总产量达到12万吨，增长3%。\n"})
    answer = engine.answer("西湖区粮食总产量")
    assert answer.answered and answer.fallback == "西湖区"
    assert "西湖区" in answer.citations[0].passage.text  # the parent's passage is about it
    # A district the parent's report never names is not answered with the city's figure.
    assert not engine.answer("上城区粮食总产量").answered


def test_national_words_route_to_national_reports(tmp_path: Path) -> None:
    for year in (2018, 2019):
        (tmp_path / f"national_{year}.txt").write_bytes(
            (REAL / f"national_{year}.txt").read_bytes()
        )
    (tmp_path / "gd.txt").write_bytes((REAL / "guangdong_2025.txt").read_bytes())
    engine = Engine.from_dir(tmp_path)
    region = engine.regions.match("国务院2019年政府工作报告说国内生产总值增长目标是多少")
    assert region.reports == ("national_2019.txt",)
    # The report named with no place is the State Council's, as in speech; a topic alone is
    # still searched in every report.
    region = engine.regions.match("2019年政府工作报告定的进出口增长目标是多少")
    assert region.reports == ("national_2019.txt",)
    assert engine.regions.match("进出口增长目标是多少").reports == ()  # () = every report
    # only a lead-in or a year before it: not a mistyped place, not 各省
    typo = engine.regions.match("广冬省政府工作报告里GDP是多少")
    assert typo.reports == () and typo.suggestion == "广东省"
    assert engine.regions.match("各省政府工作报告里GDP增长目标是多少").reports == ()


def test_a_place_joined_to_its_government_by_jieba_is_still_read(tmp_path: Path) -> None:
    for name in ("guangdong_2025.txt", "zhejiang_2025.txt"):
        (tmp_path / name).write_bytes((REAL / name).read_bytes())
    engine = Engine.from_dir(tmp_path)
    # jieba cuts "广东省政府" as one word; the place still ends before 政府
    region = engine.regions.match("2025年广东省政府工作报告里GDP增长目标是多少")
    assert region.reports == ("guangdong_2025.txt",)


def test_reports_toml_overrides_the_header(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "各位代表：\n现在，我代表政府报告工作。\n一、回顾\n全年粮食产量增长3%。\n", encoding="utf-8"
    )
    (tmp_path / "reports.toml").write_text(
        '["a.txt"]\nregion = "湖北省仙桃市"\nplan_year = 2023\n'
        'source_url = "https://example.org/a"\ntitle = "2023年仙桃市政府工作报告"\n'
        '["missing.txt"]\nregion = "河南省"\n',
        encoding="utf-8",
    )
    engine = Engine.from_dir(tmp_path)
    meta = engine.reports["a.txt"].meta
    assert (meta.region, meta.province, meta.plan_year) == ("仙桃市", "湖北省", 2023)
    answer = engine.answer("仙桃粮食产量")
    assert answer.answered and answer.citations[0].report.meta.source_url == "https://example.org/a"
    assert answer.citations[0].reference.startswith("《2023年仙桃市政府工作报告》")
    assert any("missing.txt" in w for w in engine.warnings)


def test_header_facts_are_answered_from_the_header(engine: Engine) -> None:
    answer = engine.answer("辽源市长是谁")
    first = answer.citations[0]
    assert first.passage.paragraph == 0 and "市长 程 宇" in first.excerpt
    assert first.passage.section == ("报告信息",)
    assert "会议" in engine.answer("赛罕区的报告是在哪次会议上作的").citations[0].excerpt
    said = engine.answer("赛罕区的报告是哪天、在什么会上作的？")  # 会上 for 会议上
    assert said.answered and said.citations[0].passage.paragraph == 0
    # A year and a place alone do not make the header an answer.
    assert all(c.passage.paragraph for c in engine.answer("辽源市2022年粮食产量").citations)


def test_title_above_a_source_line_is_kept_not_the_meeting_line() -> None:
    from retrieval.clean import clean_report

    text = clean_report((REAL / "fujian_2025.txt").read_text(encoding="utf-8"))
    meta = extract_metadata(text)
    assert meta.title == "2025年福建省政府工作报告" and meta.speaker == "赵龙"


def test_demonyms_plan_periods_and_magnitudes(tmp_path: Path) -> None:
    for name in ("national_2011.txt", "national_2025.txt", "sichuan_2025.txt"):
        (tmp_path / name).write_bytes((REAL / name).read_bytes())
    engine = Engine.from_dir(tmp_path)
    # 四川人: the province, though jieba reads one word
    assert engine.regions.match("四川人现在平均能活到多少岁").reports == ("sichuan_2025.txt",)
    # 十二五 (2011-2015) is planned in the 2011 report, not in the latest
    assert engine.regions.match("十二五期间全国经济打算每年平均增长多少").reports == (
        "national_2011.txt",
    )
    # 几万亿: the size of the figure asked for, not a word to search
    query = engine.queries.build("经济总量过了几万亿", ())
    assert query.wants_number and not any("万" in t for c in query.concepts for t in c.full)


def test_no_year_asked_the_latest_report_first_then_the_earlier_ones(tmp_path: Path) -> None:
    for name in ("city_baoding_2022.txt", "city_baoding_2025.txt"):
        (tmp_path / name).write_bytes((REAL / name).read_bytes())
    engine = Engine.from_dir(tmp_path)
    # only the 2022 report speaks of the trophy: asked with no year, it answers
    answer = engine.answer("保定获得过什么奥运冠军之城的奖杯？")
    assert answer.answered and answer.year == 2022
    assert answer.citations[0].passage.report == "city_baoding_2022.txt"
    # a question the latest report answers is answered from it
    latest = engine.answer("保定地区生产总值是多少？")
    assert latest.answered and latest.year == 2025


def test_a_place_after_a_preposition_is_the_place_asked(tmp_path: Path) -> None:
    for name in ("liaoning_2025.txt", "jilin_2025.txt"):
        (tmp_path / name).write_bytes((ROOT / "tests" / "data" / "fresh2" / name).read_bytes())
    engine = Engine.from_dir(tmp_path)
    # "在辽宁大连…": the place asked about stands after the preposition, and is 大连 in 辽宁's
    region = engine.regions.match("在辽宁大连买海鲜去哪个市场最便宜？")
    assert region.reports == ("liaoning_2025.txt",) and "大连" in region.fallback_names
    # ... and after a time before it ("冬天去长春玩…": 长春 in 吉林's report, which must name it)
    region = engine.regions.match("冬天去长春玩要穿多厚的衣服？")
    assert region.reports == ("jilin_2025.txt",) and "长春" in region.fallback_names
    # a word jieba makes of a city's name and more is no place ("朝阳产业": no 朝阳市)
    region = engine.regions.match("朝阳产业有哪些？")
    assert not region.names and region.unknown is None and not region.fallback_names


def test_a_county_name_that_is_a_word_after_another_place_is_the_word(tmp_path: Path) -> None:
    # 城区 is a district of 阳泉, 长治, 晋城 and 汕尾, and the word for a county's town area
    body = "城区投放共享电单车1600辆，新建城区公厕10座，群众出行更加便捷。\n"
    engine = make_corpus(
        tmp_path,
        {
            "gaotang.txt": report(
                "高唐县2023年政府工作报告",
                "2023年1月10日在高唐县第十九届人民代表大会第二次会议上",
                "县长 李 明",
                who="县",
                level="县",
            ).replace("二、", body + "二、"),
            "yangquan.txt": report(
                "阳泉市城区2023年政府工作报告",
                "2023年1月8日在阳泉市城区第十六届人民代表大会第二次会议上",
                "区长 王 强",
                who="区",
                level="区",
            ),
        },
    )
    answer = engine.answer("高唐城区一共投放了多少辆共享电单车？")
    assert answer.answered and answer.citations[0].passage.report == "gaotang.txt"
    assert engine.answer("阳泉城区2023年地区生产总值增长多少？").citations[0].passage.report == (
        "yangquan.txt"
    )
    # after its province, not only its city: 阳泉's 城区 lies in 山西
    region = engine.regions.match("山西城区2023年地区生产总值增长多少？")
    assert region.reports == ("yangquan.txt",) and region.fallback is None  # its own report


def test_a_province_by_its_one_character_abbreviation_before_a_time(tmp_path: Path) -> None:
    engine = make_corpus(
        tmp_path,
        {
            "hubei.txt": report(
                "2024年湖北省政府工作报告",
                "2024年1月23日在湖北省第十四届人民代表大会第二次会议上",
                "省长 王忠林",
                who="省",
                level="省",
                grain=2777,
            ),
            "jiangsu.txt": report(
                "2024年江苏省政府工作报告",
                "2024年1月14日在江苏省第十四届人民代表大会第二次会议上",
                "省长 许昆林",
                who="省",
                level="省",
                grain=3797,
            ),
        },
    )
    answer = engine.answer("鄂去年粮食总产量多少？")
    assert answer.answered and answer.citations[0].passage.report == "hubei.txt"
    assert "2777万吨" in answer.citations[0].passage.text
    assert engine.answer("苏2023年粮食总产量多少？").citations[0].passage.report == ("jiangsu.txt")
    # one character is a place only before a year or a time: 新的一年 is no 新疆
    assert engine.regions.match("新的一年粮食总产量多少？").unknown is None


def test_no_year_asked_an_earlier_report_that_answers_more_fully_is_taken(tmp_path: Path) -> None:
    # 四川 2023 and 2024 (tests/data/fresh10): "四川城市轨道交通运营里程多少": the 2023
    # report's five-year review gives it, the 2024 one only names 轨道交通 among projects
    engine = make_corpus(
        tmp_path,
        {
            "a2023.txt": report(
                "2023年河南省政府工作报告", "2023年1月14日在河南省第十四届人民代表大会第一次会议上",
                "河南省省长 王凯", year=2022, plan=2023, level="省", who="省",
            ).replace("二、", "高铁运营里程达到2176公里，城市轨道交通运营里程达到558公里。\n二、"),
            "a2024.txt": report(
                "2024年河南省政府工作报告", "2024年1月25日在河南省第十四届人民代表大会第二次会议上",
                "河南省省长 王凯", year=2023, plan=2024, level="省", who="省",
            ).replace("二、", "城市轨道交通建设加快推进，新建高速公路300公里。\n二、"),
        },
    )  # fmt: skip
    answer = engine.answer("河南城市轨道交通运营里程多少？")
    assert answer.answered and "558公里" in answer.citations[0].passage.text
    # what the latest report says as fully as an earlier one is still the latest's
    answer = engine.answer("河南地区生产总值增长多少？")
    assert answer.citations[0].passage.report == "a2024.txt"


def test_an_area_named_after_a_city_is_not_the_city(tmp_path: Path) -> None:
    # 甘肃 2022 (tests/data/fresh10): "兰州新区地区生产总值增长20%" is no figure of 兰州市
    from retrieval.place_mentions import names_place

    assert not names_place("兰州新区地区生产总值增长20%", ("兰州",), "兰州市2021年GDP是多少")
    assert names_place("兰州新区地区生产总值增长20%", ("兰州",), "兰州新区2021年经济增长了多少")
    assert names_place("兰州市区人口增加", ("兰州",)) and names_place("兰州区域中心", ("兰州",))
    gansu = report(
        "2022年甘肃省政府工作报告", "2022年1月19日在甘肃省第十三届人民代表大会第六次会议上",
        "甘肃省省长 任振鹤", year=2021, plan=2022, level="省", who="省",
    ).replace("二、", "兰州新区地区生产总值增长20%，增幅居国家级新区前列。\n二、")  # fmt: skip
    engine = make_corpus(tmp_path, {"gansu.txt": gansu})
    assert not engine.answer("兰州市2021年GDP是多少？").answered
    answer = engine.answer("兰州新区2021年地区生产总值增长了多少？")
    assert answer.answered and "增长20%" in answer.citations[0].passage.text


def test_a_province_named_only_in_its_body_by_a_name_a_county_shares(
    tmp_path: Path, engine: Engine
) -> None:
    # 河南 2023 (tests/data/fresh14, lawtext/gov): "title: 政府工作报告", "我代表省人民政府";
    # 河南 is also the short name of 青海's 河南蒙古族自治县: the province is meant
    henan = data_engine(tmp_path, engine, "fresh14/henan_2023.txt")
    assert henan.reports["henan_2023.txt"].meta.region == "河南省"
    # the year before the report's own is what its review speaks of, though it never says
    # "2022" ("过去一年")
    answer = henan.answer("河南2022年生产总值增长了多少？")
    assert answer.answered and "生产总值增长3.1%" in answer.citations[0].passage.text
    assert "2022" not in henan.reports["henan_2023.txt"].text


def test_the_country_asked_with_no_national_report_is_named_as_missing(tmp_path: Path) -> None:
    """fresh48's "2009年全国GDP增长目标是多少": with provincial reports only, a province's own
    target is no answer; the country as what a place is measured against still routes."""
    engine = make_corpus(
        tmp_path,
        {
            f"{name}.txt": report(
                f"2024年{province}政府工作报告",
                f"2024年1月23日在{province}第十四届人民代表大会第二次会议上",
                "省长 某某",
                who="省",
                level="省",
            )
            for name, province in (("hubei", "湖北省"), ("jiangsu", "江苏省"))
        },
    )
    answer = engine.answer("2024年全国GDP增长目标是多少？")
    assert answer.status is AnswerStatus.UNKNOWN_REGION and answer.unknown_region == "全国"
    assert engine.regions.match("我国粮食总产量有多少？").unknown == "我国"
    assert engine.regions.match("2024年全国高速公路通车里程多少公里？").unknown == "全国"
    for asked in (
        "全国出口的汽车里，湖北造的占多少？",
        "全国首个示范区在哪？",
        "全国各省GDP增长多少？",
    ):
        assert engine.regions.match(asked).unknown is None, asked
    # with the State Council's report loaded, the country is its report's
    (tmp_path / "national.txt").write_text(
        "2024年国务院政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n"
        "国务院总理 某某\n各位代表：\n今年发展主要预期目标是：国内生产总值增长5%左右。\n",
        encoding="utf-8",
    )
    national = Engine.from_dir(tmp_path)
    assert national.regions.match("2024年全国GDP增长目标是多少？").reports == ("national.txt",)
