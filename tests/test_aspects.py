"""What a part of a report is made of ("今年的主要任务有哪些方面", "报告分几个部分"): answered
by its headings, in the report's order (retrieval/aspects.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from retrieval.aspects import asks_aspects
from retrieval.coverage import Words
from retrieval.engine import Engine
from retrieval.excerpt import introduces_items
from retrieval.models import AnswerStatus, Conversation
from retrieval.query_types import Query
from retrieval.question_cues import PART_ASKED

from .conftest import ROOT, cited_section, data_engine, one_report

DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="module")
def provinces(tmp_path_factory: pytest.TempPathFactory, engine: Engine) -> Engine:
    folder: Path = tmp_path_factory.mktemp("aspects")
    for path in (DATA / "fresh" / "henan_2025.txt", DATA / "real" / "fujian_2025.txt",
                 DATA / "real" / "sichuan_2025.txt"):  # fmt: skip
        shutil.copy(path, folder / path.name)
    return Engine.from_dir(folder, tokenizer=engine.tokenizer)


def _excerpts(engine: Engine, question: str, conversation: Conversation | None = None) -> list[str]:
    answer = engine.answer(question, conversation)
    assert answer.answered, question
    return [c.excerpt for c in answer.citations]


def test_a_question_about_a_part_s_items_is_told_from_one_about_a_topic(engine: Engine) -> None:
    def build(question: str) -> Query:
        return engine.queries.build(question, ("河南",))  # the place is routed, not searched

    assert asks_aspects(build("河南今年的主要任务有哪些方面？"))
    assert asks_aspects(build("河南去年做了哪些方面的工作？"))
    assert asks_aspects(build("河南的报告有哪几部分？"))
    assert asks_aspects(build("河南2025年的工作安排一共分了几大块？"))  # 块: a part too
    assert asks_aspects(build("河南2025年的重点工作分成几块？"))
    assert not build("河南运动员在奥运会上拿了几块金牌？").wants_section  # 块 counts medals
    assert asks_aspects(build("河南2025年政府工作要着重抓好哪几个方面？"))  # how, not what
    # a verb says how the work is done ("统筹推进": 河北 2016, tests/data/fresh110)
    assert asks_aspects(build("河南2016年的工作要统筹推进哪几大方面？"))
    assert not asks_aspects(build("河南今年在生态方面有哪些主要任务？"))  # a topic of its own
    assert not asks_aspects(build("河南今年要治理生态环境的哪几个方面？"))  # a noun: what
    # a verb that is not said right before the list asked names a topic (就业, jieba's v)
    assert not asks_aspects(build("河南今年在就业方面有哪些重点工作？"))
    assert not asks_aspects(build("河南报告第二部分讲什么？"))  # one part, by its number
    assert not asks_aspects(build("河南今年粮食产量目标是多少？"))
    # how many items the list has is no topic ("重点抓好以下九项工作": 辽宁 2006, prov2006)
    assert asks_aspects(build("河南今年重点抓的九项工作有哪些？"))
    assert not asks_aspects(build("河南今年重点工作的第五项工作是什么？"))  # one, by its number
    assert build("河南今年重点工作的第五项工作是什么？").ordinal == 5
    assert asks_aspects(build("河南今年要做好的10项工作有哪些？"))  # (in digits)
    # one item is no list (最后一项, 有一项), and 二十大 is a congress, not a count of items
    assert not build("河南今年主要任务中有一项工作是什么？").wants_section
    assert not asks_aspects(build("河南今年主要任务的最后一项工作是什么？"))
    assert not asks_aspects(build("河南学习二十大精神做了哪几个方面的工作？"))


def test_this_year_s_tasks_are_the_items_of_the_plan_in_order(provinces: Engine) -> None:
    conversation = Conversation()
    answer = provinces.answer("河南今年的主要任务有哪些方面？", conversation)
    assert [c.excerpt for c in answer.citations] == [
        "围绕今年发展目标，重点抓好十个方面的工作:",  # the part's lead, as written
        "三、2025年重点工作 › （一）更大力度推动全方位扩大内需",
        "三、2025年重点工作 › （二）更大力度推动科技创新和产业创新深度融合",
    ]  # not "二、2025年工作总体要求和主要目标", which lists no tasks
    assert answer.citations[0].passage.text.startswith("围绕今年发展目标，重点抓好十个方面")
    more = provinces.more(conversation)
    assert more.citations[0].excerpt.startswith("三、2025年重点工作 › （三）")


def test_last_year_s_work_is_the_items_of_the_review(provinces: Engine) -> None:
    excerpts = _excerpts(provinces, "河南去年做了哪些方面的工作？")
    assert "一、2024 年工作回顾 › （一）经济运行持续向好。" in excerpts[:2]


def test_the_parts_of_a_report(provinces: Engine) -> None:
    assert _excerpts(provinces, "河南的报告有哪几部分？") == [
        "一、2024 年工作回顾",
        "二、2025年工作总体要求和主要目标",
        "三、2025年重点工作",
    ]


def test_parts_whose_headings_name_no_year_or_have_no_numbers(provinces: Engine) -> None:
    # 福建: "二、牢记历史使命…" says neither plan nor review: the part after the first
    fujian = _excerpts(provinces, "福建今年的主要任务有哪些方面？")
    assert fujian[1].startswith("二、牢记历史使命，在中国式现代化建设中奋勇争先 › （一）")
    # 四川: parts are plain lines ("2025年工作安排建议"), items are numbered
    sichuan = _excerpts(provinces, "四川今年的重点工作有哪些？")
    assert sichuan[1] == "2025年工作安排建议 › （一）全方位扩大内需，稳住经济大盘。"


def test_items_that_open_their_paragraphs(tmp_path: Path, engine: Engine) -> None:
    # 河北's 2023 report numbers its tasks inside the paragraph ("（一）深入落实重大国家战略。
    # 坚持…"): sections.py makes the opening its heading
    shutil.copy(DATA / "fresh5" / "hebei_2023.txt", tmp_path)
    hebei = Engine.from_dir(tmp_path, tokenizer=engine.tokenizer)
    excerpts = _excerpts(hebei, "河北2023年的主要任务有哪些方面？")
    assert excerpts[1:] == [
        "三、2023年目标任务和主要工作 › （一）深入落实重大国家战略。",
        "三、2023年目标任务和主要工作 › （二）千方百计扩大国内需求。",
    ]


def test_a_meeting_line_a_page_sets_apart_is_no_part() -> None:
    from retrieval.aspects import under_part

    assert under_part(("三、2023年目标任务和主要工作", "（一）深入落实重大国家战略。"))
    assert not under_part(("――2023年1月30日在保定市第十六届人民代表大会第四次会议上",))
    assert not under_part(("名词解释",)) and not under_part(("报告信息",)) and not under_part(())


def test_items_led_by_a_dash_and_reports_with_no_items(engine: Engine) -> None:
    # 铁东区 (bundled): the review's items are "——精准施策抓疫情,防控成果进一步巩固"
    excerpts = _excerpts(engine, "铁东区去年做了哪些方面的工作？")
    assert "一、2020年和“十三五”工作回顾 › ——精准施策抓疫情,防控成果进一步巩固" in excerpts[:2]
    # 辽源市 (bundled): its page keeps one part heading and no items: no passage of the
    # review is cited as this year's tasks
    answer = engine.answer("辽源今年的主要任务有哪些方面？", Conversation())
    assert answer.status is AnswerStatus.NOT_FOUND


def test_a_part_s_items_with_no_report_named_are_not_picked_at_random(provinces: Engine) -> None:
    # three reports loaded, none named: whose tasks? The first hit's report would be a guess
    answer = provinces.answer("今年的主要任务有哪些方面？")
    assert answer.status is AnswerStatus.NOT_FOUND
    # a year narrows the reports to three, still not one (found by a review)
    assert provinces.answer("2025年的主要任务有哪些方面？").status is AnswerStatus.NOT_FOUND
    cited = {c.report.name for c in provinces.answer("河南今年的主要任务有哪些方面？").citations}
    assert cited == {"henan_2025.txt"}


def test_how_many_aspects_of_a_year_s_plan_among_two_years_reports(
    tmp_path: Path, engine: Engine
) -> None:
    # tests/data/fresh9: 2022 is planned by the 2022 report and reviewed by the 2023 one; the
    # plan's lead sentence right before its first item says how many
    for year in (2022, 2023):
        shutil.copy(DATA / "fresh9" / f"guangdong_{year}.txt", tmp_path)
    two = Engine.from_dir(tmp_path, tokenizer=engine.tokenizer)
    answer = two.answer("广东2022年政府工作安排分为几个方面？")
    assert answer.answered and answer.citations[0].report.name == "guangdong_2022.txt"
    assert "我们将重点做好以下十个方面工作" in answer.citations[0].passage.text
    # the excerpt quotes the lead sentence, not the targets the passage opens with
    assert answer.citations[0].excerpt == "我们将重点做好以下十个方面工作："


def test_the_lead_into_a_list_is_the_sentence_ending_with_a_colon() -> None:
    lead = "做好今年工作，主要预期目标是：地区生产总值增长6%左右。着力做好以下三个方面工作："
    assert introduces_items(lead) == "着力做好以下三个方面工作："
    assert introduces_items("着力做好以下三个方面工作：扩大内需。") == ""
    # 安徽 2024 (tests/data/fresh15): the lead counts the items, ending with a full stop
    counted = "主要预期目标是：地区生产总值增长6%左右。重点做好十一个方面工作。"
    assert introduces_items(counted) == "重点做好十一个方面工作。"
    assert introduces_items("地区生产总值增长6%左右。完成三项改革。") == ""
    assert introduces_items("") == ""


def test_items_numbered_like_parts_under_parts_with_no_number(
    tmp_path: Path, engine: Engine
) -> None:
    # 高唐县 2023 (tests/data/fresh7): parts "2022年工作回顾", "2023年工作目标任务" carry no
    # number, so their items are numbered "一、", "二、"
    shutil.copy(DATA / "fresh7" / "county_gaotang_2023.txt", tmp_path)
    gaotang = Engine.from_dir(tmp_path, tokenizer=engine.tokenizer)
    excerpts = _excerpts(gaotang, "高唐县2023年政府工作重点要做好哪几个方面？")
    assert "今年重点做好八个方面的工作" in excerpts[0]
    assert excerpts[1] == "2023年工作目标任务 › 一、聚焦高质量发展，以更大力度推进制造业强县建设"


def test_the_items_of_a_part_the_question_names(tmp_path: Path) -> None:
    # 赛罕区 (seeds/): "政府自身建设主要从哪几方面来抓": the items of "四、加强政府自身建设",
    # in the report's order, not the one sharing most words first
    filler = "切实增强政府执行力和公信力，推动各项工作落地见效。" * 3
    plan = (
        "（一）扩大有效投资\n全年实施重点项目100个。\n"
        "三、加强政府自身建设\n"
        f"强化政治建设\n始终坚持以习近平新时代中国特色社会主义思想为指导。{filler}\n"
        f"坚持依法行政\n加强法治政府建设，推进政府建设法治化，让政府自身建设更加规范。{filler}\n"
        f"保持清正廉洁\n严格执行中央八项规定精神。{filler}"
    )
    engine = one_report(tmp_path, 2021, "全年地区生产总值增长5%。", plan)
    answer = engine.answer("政府自身建设主要从哪几方面来抓？")
    assert answer.answered
    assert [c.passage.section[1] for c in answer.citations[:3]] == [
        "强化政治建设",
        "坚持依法行政",
        "保持清正廉洁",
    ]
    # each cited by its part and its item
    assert answer.citations[0].excerpt == "三、加强政府自身建设 › 强化政治建设"


def test_the_items_of_the_part_a_question_names_by_its_heading(
    tmp_path: Path, engine: Engine
) -> None:
    # 河北 2011 (tests/data/prov2011): "三、2011年经济社会发展的重点工作" is named by the year
    # asked, not "二、“十二五”时期经济社会发展的主要任务"; 河北 says whose report, 重点工作 what
    # is asked. 内蒙古 2006 (tests/data/prov2006): "有哪些主要任务" asks a part's items too
    (tmp_path / "hb").mkdir(), (tmp_path / "nm").mkdir()
    hebei = data_engine(tmp_path / "hb", engine, "prov2011/hebei_2011.txt")
    answer = hebei.answer("河北2011年经济社会发展的重点工作有哪些方面？")
    assert [c.passage.section[:2] for c in answer.citations[:2]] == [
        ("三、2011年经济社会发展的重点工作", "（一）着力抓好投资和项目建设。"),
        ("三、2011年经济社会发展的重点工作", "（二）着力调整优化产业结构。"),
    ]
    neimenggu = data_engine(tmp_path / "nm", engine, "prov2006/neimenggu_2006.txt")
    assert neimenggu.queries.build("内蒙古2006年经济和社会发展有哪些主要任务？").wants_section
    answer = neimenggu.answer("内蒙古2006年经济和社会发展有哪些主要任务？")
    assert answer.citations[1].passage.section[:2] == (
        "三、2006年经济和社会发展的主要任务",
        "（二）提高工业经济整体素质，加快新型工业化进程。",
    )
    # the span asked names the five-year plan's part
    answer = neimenggu.answer("内蒙古“十一五”时期经济社会发展的工作重点有哪些方面？")
    assert answer.citations[0].passage.section[0].startswith("二、“十一五”时期")


def test_which_part_a_question_names_by_its_heading(tmp_path: Path, engine: Engine) -> None:
    # 河北 2011 (tests/data/prov2011): the report's own region and the words of structure
    # ("重点工作", "包括") name no part; of two parts named, the year or the span asked picks
    from retrieval.aspects import named_part_items

    hebei = data_engine(tmp_path, engine, "prov2011/hebei_2011.txt")
    span, fold, section = hebei.passages.range_of(0), engine.tokenizer.fold, hebei.passages.section

    def part(question: str, region: str = "河北省") -> str:
        items = named_part_items(hebei.queries.build(question), fold, section, span, region)
        return section(items[0])[0] if items else ""

    assert (
        part("河北2011年经济社会发展的重点工作有哪些方面？") == "三、2011年经济社会发展的重点工作"
    )
    assert part("河北2011年经济社会发展的重点工作有哪些方面？", region="") == ""
    assert (
        part("河北2011年经济社会发展的重点工作包括哪些方面？") == "三、2011年经济社会发展的重点工作"
    )
    assert part("河北今年经济社会发展的主要任务包括哪些方面？").startswith("三、")  # by order
    assert part("河北“十二五”时期经济社会发展的主要任务包括哪些方面？").startswith("二、“十二五”")
    # tasks asked as a list, not one task's figure
    build = engine.queries.build
    assert build("八项任务都有哪些？").wants_section and build("有哪些重点任务？").wants_section
    assert not build("棚户区改造任务包括多少套？").wants_section
    assert not build("城镇新增就业的目标任务是什么？").wants_section
    # a plan or its span says which part, whatever its number ("“十五”", "“十一五”时期")
    assert asks_aspects(build("“十五”时期主要抓了哪些方面？"))
    assert asks_aspects(build("“十一五”时期主要抓了哪些方面？"))
    assert not asks_aspects(build("十五个乡镇主要抓了哪些方面？"))


def test_a_span_asked_says_which_part_s_items_answer(tmp_path: Path, engine: Engine) -> None:
    # 青海 2006 (tests/data/prov2006): "“十一五”期间…八项任务都有哪些" asks the items of "三、
    # “十一五”时期经济社会发展的主要任务" (the span says which part; "任务都有哪些" a list)
    qinghai = data_engine(tmp_path, engine, "prov2006/qinghai_2006.txt")
    for question in (
        "青海“十一五”期间政府工作要抓的八项任务都有哪些？",
        "青海“十一五”时期要做好哪些方面的工作？",
    ):
        answer = qinghai.answer(question)
        assert [c.passage.section[1][:14] for c in answer.citations[1:3]] == [
            "（一）扎实推进社会主义新农村",
            "（二）实施资源转换战略，壮大",
        ], question


def test_a_heading_asked_for_says_the_topic_in_its_own_words(
    tmp_path: Path, engine: Engine
) -> None:
    # 云南 2024 (tests/data/fresh13): the review's "（七）人民生活水平再上新台阶" holds 民生
    # only across two words (人民|生活); the plan's "（八）着力保障和改善民生…" says it
    yunnan = data_engine(tmp_path, engine, "fresh13/yunnan_2024.txt")
    top = yunnan.answer("云南2024年报告里讲民生的那一部分标题是什么？").citations[0]
    assert top.excerpt.startswith("（八）着力保障和改善民生")
    words = Words.of("人民生活水平 民生工程 政府自身建设", engine.tokenizer.spans)
    assert "民生" in Words.of("民生工程", engine.tokenizer.spans) and "自身建设" in words
    assert "民生" not in Words.of("人民生活水平", engine.tokenizer.spans)


def test_an_item_s_title_asked_as_its_topic_word(tmp_path: Path, engine: Engine) -> None:
    # 安顺 2025 (tests/data/fresh43): "题目" says 标题; no report says 题目, so the question
    # was refused as off-topic
    assert engine.queries.build("讲民生的那一项题目是什么？").wants_section
    anshun = data_engine(tmp_path, engine, "fresh43/anshun_2025.txt")
    answer = anshun.answer("安顺2025年工作安排的第七项，题目是什么？")
    assert answer.answered
    assert answer.citations[0].excerpt == "（七）坚定不移防范化解风险，着力维护社会稳定"


def test_most_of_something_is_no_part_of_the_report(engine: Engine) -> None:
    # 青海 2021 (tests/data/fresh17): "大部分都是清洁能源" asks a share, not a part's heading
    assert not engine.queries.build("青海的电是不是大部分都是清洁能源发的？").wants_section
    assert not engine.queries.build("一小部分企业还没复工吗？").wants_section
    for asked in (
        "第一部分讲什么？",
        "讲民生的是哪一部分？",
        "报告分为几部分？",
        "报告分为几大部分？",
    ):
        assert engine.queries.build(asked).wants_section, asked


def test_that_item_about_a_topic_asks_for_a_heading(engine: Engine) -> None:
    query = engine.queries.build("黑龙江2023年重点工作里讲民生的那一项叫什么？")
    assert query.wants_section and [c.full for c in query.concepts if "一项" in c.full] == []


def test_which_item_asked_for_cites_the_item_not_its_part(tmp_path: Path, engine: Engine) -> None:
    # 江苏 2024 (tests/data/fresh14): "（九）更大力度创造人民群众高品质生活" under "三、2024年
    # 重点工作": "那一条" asks the item, whose heading does not say 民生
    jiangsu = data_engine(tmp_path, engine, "fresh14/jiangsu_2024.txt")
    answer = jiangsu.answer("江苏2024年重点工作里讲民生的那一条标题是什么？")
    assert answer.answered and "更大力度创造人民群众高品质生活" in answer.citations[0].excerpt


def test_this_year_s_tasks_are_not_the_five_year_plan_s(tmp_path: Path, engine: Engine) -> None:
    # 山东 2021 (tests/data/fresh16): 二、“十四五”时期经济社会发展主要目标任务 (more items) and
    # 三、2021年重点工作 both plan; "今年" asks the year's, "十四五时期" the plan's
    shandong = data_engine(tmp_path, engine, "fresh16/shandong_2021.txt")
    year = shandong.answer("山东今年的主要任务有哪些方面？").citations
    assert year and all(c.passage.section[0].startswith("三、2021年重点工作") for c in year)
    term = shandong.answer("山东十四五时期的主要任务有哪些方面？").citations
    assert term and all("十四五" in c.passage.section[0] for c in term)


def test_an_item_asked_about_is_an_item_heading_not_a_passage_under_the_part(
    tmp_path: Path, engine: Engine
) -> None:
    # 常州 2016: a paragraph on problems directly under part 二 speaks of 生态环境 and ranks
    # first; the item heading "（六）加强生态文明建设，促进绿色低碳发展" names it
    asked = "常州2016年工作里讲生态环境的那一项叫什么？"
    section = cited_section(tmp_path, engine, "fresh31/changzhou_2016.txt", asked)
    assert "（六）加强生态文明建设，促进绿色低碳发展" in section


def test_an_item_is_named_by_the_whole_word_before_its_pieces_and_not_by_generic_words(
    tmp_path: Path,
) -> None:
    # "讲生态环境的那一项": "（一）优化营商环境" holds only the piece 环境 and "（二）做好民生工作"
    # only the generic 工作; "（三）加强生态环境保护" names it whole
    plan = ("（一）优化营商环境\n深化改革，优化环境。\n（二）做好民生工作\n办好民生实事。\n"
            "（三）加强生态环境保护\n推进污染防治。")  # fmt: skip
    engine = one_report(tmp_path, 2024, "全年生产总值增长5%。", plan)
    query = engine.queries.build("2024年工作里讲生态环境的那一项叫什么？")
    sections = [engine.passages.section(i) for i in range(len(engine.passages))]
    under = {s[-1][:3]: i for i, s in enumerate(sections) if len(s) > 1}
    hits = [(under[item], 1.0) for item in ("（一）", "（二）", "（三）")]
    assert engine._items_first(query, hits, 3)[0][0] == under["（三）"]
    # neither names it whole: the piece 环境 lifts （一）, the generic 工作 does not lift （二）
    assert engine._items_first(query, [hits[1], hits[0]], 3) == [hits[0], hits[1]]


def test_a_part_asked_as_that_big_part_or_block_wants_its_heading(
    tmp_path: Path, engine: Engine
) -> None:
    # "那一大部分" is a part of the report ("大部分" alone is most of something); "那块儿标题"
    # asks a part's heading too. 吉林 2009 (tests/data/fresh77): part 三 is about growth
    for asked in ("讲稳增长的那一大部分标题叫什么？", "讲维稳的那块儿标题是啥？", "这块标题是什么"):
        assert PART_ASKED.search(asked) and engine.queries.build(asked).wants_section, asked
    for said in (
        "去年新增的专项债，那一大部分投向了哪些领域？",
        "报告里关于养老那块内容有什么新政策？",
    ):
        assert not engine.queries.build(said).wants_section, said  # no heading asked
    jilin = data_engine(tmp_path, engine, "fresh77/jilin_2009.txt")
    answer = jilin.answer("吉林2009年报告里讲稳增长的那一大部分，标题是什么？")
    assert answer.citations[0].passage.section[0] == "三、全力保持经济平稳较快增长"


def test_a_part_s_items_are_those_of_the_numbering_most_of_them_have(
    tmp_path: Path, engine: Engine
) -> None:
    # 青海 2023 (tests/data/prov2023): "二、今后五年工作思路和2023年重点任务" lists six
    # "——更加注重…" for the five years, then the year's seven tasks "（一）…（七）" after
    # "围绕上述目标要求，重点抓好七个方面工作": the tasks are the items, their lead the lead
    qinghai = data_engine(tmp_path, engine, "prov2023/qinghai_2023.txt")
    answer = qinghai.answer("青海今年重点抓好哪几个方面的工作？")
    assert "重点抓好七个方面工作" in answer.citations[0].passage.text
    assert [c.passage.section[1][:3] for c in answer.citations[1:3]] == ["（一）", "（二）"]
