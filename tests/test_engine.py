"""Answers from the real index: citations, regions, abstention and follow-ups."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from retrieval.engine import Engine
from retrieval.errors import UnknownReport
from retrieval.models import AnswerStatus, Conversation

from .conftest import ROOT, data_engine, first_cited, one_report


def test_answer_cites_the_report_with_the_figure(engine: Engine) -> None:
    answer = engine.answer("辽源市过去五年粮食产量怎么样?")
    assert answer.status is AnswerStatus.ANSWERED
    top = answer.citations[0]
    assert top.passage.report.startswith("002_")
    assert "粮食产量创历史最好水平" in top.excerpt
    assert "粮食产量" in top.matched
    assert top.report.meta.region == "辽源市"
    assert top.passage.section == ("一、过去五年和2021年工作回顾",)
    assert top.excerpt in top.passage.text
    assert [c.score for c in answer.citations] == sorted(
        (c.score for c in answer.citations), reverse=True
    )


def test_top_k_citations(engine: Engine) -> None:
    answer = engine.answer("赛罕区老旧小区改造")
    assert len(answer.citations) == engine.config.top_k == 3


def test_glossary_entry_answers_a_definition(engine: Engine) -> None:
    answer = engine.answer("六稳六保是什么意思?")
    top = answer.citations[0]
    assert top.passage.glossary
    assert top.passage.section[-1] == "六稳六保"
    assert top.excerpt.startswith("1.六稳六保:六稳指稳就业")


def test_region_named_in_question_restricts_to_its_report(engine: Engine) -> None:
    for question, prefix in [("铁东区老旧小区改造", "004_"), ("赛罕区老旧小区改造", "003_"),
                             ("呼和浩特老旧小区改造", "003_"), ("辽源 粮食", "002_")]:  # fmt: skip
        answer = engine.answer(question)
        assert answer.citations, question
        assert all(c.passage.report.startswith(prefix) for c in answer.citations), question


def test_region_not_in_corpus_says_so(engine: Engine) -> None:
    for question, place in [("大庆市让胡路区过去五年市场主体增长到了多少家？", "大庆市让胡路区"),
                            ("上海浦东新区的地区生产总值是多少", "上海浦东新区"),
                            ("鞍山市铁东区2020年固定资产投资", "鞍山市铁东区")]:  # fmt: skip
        answer = engine.answer(question)
        assert answer.status is AnswerStatus.UNKNOWN_REGION, question
        assert answer.unknown_region == place
        assert not answer.citations


def test_place_as_topic_is_not_an_unknown_region(engine: Engine) -> None:
    answer = engine.answer("帮扶甘肃打赢脱贫攻坚战，帮的是哪三个县？")
    assert answer.status is AnswerStatus.ANSWERED


@pytest.mark.parametrize("question", ["", "   ", "？？！", "的吗呢", "<b></b>", "多少？"])
def test_empty_questions_get_a_hint(engine: Engine, question: str) -> None:
    assert engine.answer(question).status is AnswerStatus.EMPTY_QUESTION


def test_nonsense_is_not_answered(engine: Engine) -> None:
    for question in ["asdfghjkl", "量子计算机的比特数", "今天天气怎么样", "区块链挖矿"]:
        assert engine.answer(question).status is AnswerStatus.NOT_FOUND, question


def test_html_in_question_is_searched_as_text(engine: Engine) -> None:
    answer = engine.answer("<b>辽源</b>粮食产量 &amp; <a href='x'>怎么样</a>")
    assert answer.answered
    assert answer.citations[0].passage.report.startswith("002_")


def test_long_question_is_refused_whole_with_its_length(engine: Engine) -> None:
    answer = engine.answer("辽源粮食产量" + "啊" * 600)
    assert answer.status is AnswerStatus.TOO_LONG and answer.length == 606
    assert not answer.citations and len(answer.question) == 500
    assert engine.compare("<!--" * 25000).status is AnswerStatus.TOO_LONG
    assert engine.answer("辽源粮食产量" + "啊" * 490).status is not AnswerStatus.TOO_LONG


def test_more_pages_on_and_ends(engine: Engine) -> None:
    conv = Conversation()
    first = engine.answer("老旧小区改造", conv)
    second = engine.answer("还有呢", conv)
    assert second.answered and second.offset == 3
    assert not {c.passage.id for c in first.citations} & {c.passage.id for c in second.citations}
    for _ in range(30):
        last = engine.more(conv)
    assert last.status is AnswerStatus.NO_MORE


def test_more_without_a_question(engine: Engine) -> None:
    assert engine.answer("还有呢", Conversation()).status is AnswerStatus.NO_MORE


def test_follow_up_about_another_region(engine: Engine) -> None:
    conv = Conversation()
    engine.answer("赛罕区老旧小区改造了多少个", conv)
    answer = engine.answer("那铁东区呢", conv)
    assert answer.question == "铁东区老旧小区改造了多少个"
    assert answer.citations[0].passage.report.startswith("004_")


def test_restriction_to_one_report(engine: Engine) -> None:
    conv = Conversation(report=engine.find_report("辽源").name)
    answer = engine.answer("老旧小区", conv)
    assert all(c.passage.report.startswith("002_") for c in answer.citations)


def test_find_report(engine: Engine) -> None:
    assert engine.find_report("赛罕").name.startswith("003_")
    assert engine.find_report("004_1b65f65be8f80fa8.txt").meta.region == "铁东区"
    assert engine.find_report("呼和浩特市赛罕区2021年政府工作报告").name.startswith("003_")
    with pytest.raises(UnknownReport):
        engine.find_report("长春")


def test_context_gives_neighbours_of_the_same_report(engine: Engine) -> None:
    passage = engine.answer("辽源市粮食产量").citations[0].passage
    around = engine.context(passage)
    assert passage in around and 2 <= len(around) <= 3
    assert all(p.report == passage.report for p in around)


def test_traditional_characters_match_simplified_text(engine: Engine) -> None:
    answer = engine.answer("遼源市糧食產量怎麼樣")
    assert answer.citations[0].passage.report.startswith("002_")
    assert "粮食产量创历史最好水平" in answer.citations[0].excerpt


def test_stats(engine: Engine) -> None:
    stats = engine.stats()
    assert stats.reports == 5 and stats.passages == len(engine.passages) > 150
    assert stats.tokens > 10000


def test_a_new_question_about_a_region_is_not_a_follow_up(engine: Engine) -> None:
    conv = Conversation()
    engine.answer("辽源市过去五年粮食产量怎么样", conv)
    assert engine.answer("赛罕区的就业情况怎么样", conv).question == "赛罕区的就业情况怎么样"
    assert engine.answer("那天津和平区呢", conv).question == "天津和平区的就业情况怎么样"


def test_a_question_without_results_ends_the_last_ones_paging(engine: Engine) -> None:
    conv = Conversation()
    engine.answer("老旧小区改造", conv)
    assert engine.answer("大庆市让胡路区市场主体", conv).status is AnswerStatus.UNKNOWN_REGION
    assert engine.answer("还有呢", conv).status is AnswerStatus.NO_MORE
    assert conv.last_answer is None


def test_changing_the_restriction_ends_paging(engine: Engine) -> None:
    conv = Conversation()
    engine.answer("老旧小区改造", conv)
    conv.restrict(engine.find_report("辽源").name)
    assert engine.more(conv).status is AnswerStatus.NO_MORE


def test_numbered_part_pages_on(engine: Engine) -> None:
    conv = Conversation()
    first = engine.answer("赛罕区报告第二部分讲什么", conv)
    assert len(first.citations) == 3
    more = engine.answer("还有呢", conv)
    assert more.answered and all(c.passage.section[0].startswith("二、") for c in more.citations)


def test_a_one_passage_corpus_still_answers(tmp_path) -> None:
    (tmp_path / "tiny.txt").write_text(
        "某某区政府工作报告\n各位代表:\n一、工作回顾\n全年粮食产量稳定在十八万吨以上,新建高标准农田两万亩。\n",
        encoding="utf-8",
    )
    tiny = Engine.from_dir(tmp_path)
    assert tiny.answer("粮食产量").answered


def test_has_more_tells_whether_paging_would_find_anything(engine: Engine) -> None:
    conv = Conversation()
    assert not conv.has_more
    engine.answer("辽源粮食产量怎么样", conv)  # one passage of 辽源 names it
    assert not conv.has_more
    engine.answer("老旧小区改造", conv)
    assert conv.has_more


@pytest.mark.parametrize(
    "question", ["地区生产总值增长多少", "社区服务中心建了几个", "园区企业多少家", "全区GDP多少"]
)
def test_words_ending_like_places_are_not_places(engine: Engine, question: str) -> None:
    assert engine.answer(question).status is not AnswerStatus.UNKNOWN_REGION


def test_places_a_report_names_are_its_business(engine: Engine) -> None:
    answer = engine.answer("东丰县、东辽县被评成了哪些特色农产品的优势区？")
    assert answer.answered and answer.citations[0].passage.report.startswith("002_")
    answer = engine.answer("大庆赛车小镇被评为什么？")
    assert answer.answered and answer.citations[0].passage.report.startswith("000_")


def test_a_figure_the_passage_gives_for_another_year_is_no_answer() -> None:
    from retrieval.figure_years import other_year_only

    assert other_year_only("2019年地区生产总值增长6%", "", ("2021",))
    assert not other_year_only("2021年地区生产总值增长6%", "", ("2021",))
    assert not other_year_only(
        "地区生产总值增长6%", "一、2020年工作回顾", ("2021",)
    )  # no year named
    assert not other_year_only("比2019年增长6%", "二、2021年工作安排", ("2021",))  # heading says it


def test_a_glossary_entry_of_one_quoted_term_is_kept_for_a_question_quoting_two(
    tmp_path: Path,
) -> None:
    # 广东 2022 (tests/data/fresh9): "“三农”领域“九大攻坚”行动包括哪些": the glossary entry
    # explains "九大攻坚" without saying "三农"; it is no longer left out for that
    review = (
        "（一）深入实施“三农”领域“九大攻坚”行动\n加快深远海大型智能养殖渔场建设，推进养殖池塘改造。"
    )
    plan = (
        "（一）主要目标\n地区生产总值增长5%左右。\n名词解释\n"
        "1.“九大攻坚”行动：农村违法乱占耕地建房整治、高标准农田建设、种业翻身仗等攻坚行动。\n"
        "2.“两新”：大规模设备更新和消费品以旧换新。"
    )
    engine = one_report(tmp_path, 2022, review, plan)
    question = "某省“三农”领域“九大攻坚”行动包括哪些？"
    query = engine.queries.build(question)
    ranked = engine._rank(query, (), phrases=("三农", "九大攻坚"))
    assert any("种业翻身仗" in engine.passages[i].text for i, _ in ranked)
    # not for a passage that is no glossary entry, nor for one quoted term it lacks
    assert not any("两新" in engine.passages[i].text for i, _ in ranked)
    ranked = engine._rank(engine.queries.build("某省“三农”工作"), (), phrases=("三农",))
    assert not any("种业翻身仗" in engine.passages[i].text for i, _ in ranked)


def test_a_quoted_phrase_keeps_the_place_name_inside_it(tmp_path: Path, engine: Engine) -> None:
    """ "“新福建”" asked of 福建: the place routes the question and is left out of the search,
    but not out of the phrase quoted (it was searched as 新 alone, and with "什么样" beside it
    no passage held "新福建": refused)."""
    from retrieval.question import outside_quotes

    assert outside_quotes("福建“新福建”是什么样的新福建", "福建") == " “新福建”是什么样的新 "
    # 福建 2021 (tests/data/fresh21)
    fujian = data_engine(tmp_path, engine, "fresh21/fujian_2021.txt")
    answer = fujian.answer("福建报告里反复说的“新福建”是什么样的新福建？")
    assert answer.answered and all("新福建" in c.passage.text for c in answer.citations)


def test_the_glossary_entry_of_the_term_asked_answers_what_it_means(tmp_path: Path) -> None:
    # 广东 2021 (tests/data/fresh9): the body names "孵化育成体系“双千计划”" with more of the
    # question's words; what the term means is what the glossary entry of it says
    review = "全年地区生产总值增长2.3%。"
    plan = (
        "（一）强化科技创新\n实施孵化育成体系“双千计划”，开展创业导师倍增行动，完善孵化育成体系。\n"
        "（二）优化营商环境\n深化放管服改革，持续优化营商环境，推进政务服务改革。\n"
        "名词解释\n"
        "1.“双千计划”：建设科技企业孵化器1000家、众创空间1000家以上。\n"
        "2.“两新”：大规模设备更新和消费品以旧换新。\n"
        "3.放管服：简政放权、放管结合、优化服务。"
    )
    engine = one_report(tmp_path, 2021, review, plan)
    answer = engine.answer("孵化育成“双千计划”的含义是什么？")
    assert answer.answered and answer.citations[0].passage.glossary
    assert "孵化器1000家" in answer.citations[0].excerpt
    # unquoted: the entry whose term is a word of the question
    for question in ("放管服改革是什么意思？", "营商环境里的放管服是什么意思？"):
        answer = engine.answer(question)
        assert answer.answered and answer.citations[0].excerpt.startswith("3.放管服"), question
    # a question that asks no definition keeps its order
    answer = engine.answer("放管服改革要做什么？")
    assert answer.answered and not answer.citations[0].passage.glossary


def test_the_glossary_entry_of_a_quoted_term_answers_whatever_words_surround_the_quote(
    tmp_path: Path,
) -> None:
    # 长沙 2015 (tests/data/fresh82): "长沙提出强力实施“三倍”，这个“三倍”指的是什么": the entry
    # "9.三倍：即…" holds none of 提出, 强力, 实施, so it did not pass as an answer and the
    # closing sentence naming "强力实施“三倍”" came first
    review = "全年地区生产总值增长8.5%。"
    plan = (
        "（一）总体要求\n为率先建成“三市”、强力实施“三倍”、加快实现基本现代化作出新的更大的贡献！\n"
        "名词解释\n"
        "8.三市：即率先建成全面小康之市、两型引领之市、秀美幸福之市。\n"
        "9.三倍：即产业倍增、收入倍加、城乡品质倍升。\n"
        "10.两个毫不动摇：毫不动摇巩固和发展公有制经济，毫不动摇鼓励、支持、引导非公有制经济发展。"
    )
    plan = plan.replace(
        "（一）总体要求\n",
        "（一）总体要求\n坚持“两个毫不动摇”，完善党政领导与企业家恳谈会制度，建立“政企直通车”制度。\n",
    )
    engine = one_report(tmp_path, 2015, review, plan)
    answer = engine.answer("某市提出强力实施“三倍”，这个“三倍”指的是什么？")
    assert answer.answered and answer.citations[0].excerpt.startswith("9.三倍")
    # the meaning asked of something else than the quoted term: the body answers (review)
    answer = engine.answer("某市坚持“两个毫不动摇”，和企业家恳谈会相关的制度有哪些？")
    assert answer.answered and "政企直通车" in answer.citations[0].excerpt
    # a question asking no meaning keeps its order
    answer = engine.answer("某市提出强力实施“三倍”，这个“三倍”要怎么落实？")
    assert answer.answered and not answer.citations[0].passage.glossary


def test_a_quoted_list_is_found_where_the_report_notes_what_its_items_are(
    tmp_path: Path, engine: Engine
) -> None:
    """湖北 2014 (tests/data/fresh38) writes "加强“三江（长江、汉江、清江）、五湖（梁子湖、…）、
    六库（…）”等重点流域区域综合治理": a question quoting "“三江、五湖、六库”" found no passage
    holding it and was refused. The list is found with the notes after its items skipped; a
    list whose items stand in another order, or a phrase that is no list, is not."""
    from retrieval.question import said_between_notes

    text = "加强“三江(长江、汉江、清江)、五湖(梁子湖、洪湖)、六库(三峡水库)”等综合治理"
    assert said_between_notes("三江、五湖、六库", text)
    assert not said_between_notes("五湖、三江、六库", text)
    assert not said_between_notes("三江五湖", "三江(长江)五湖")  # no list: said as written only
    hubei = data_engine(tmp_path, engine, "fresh38/hubei_2014.txt")
    text = first_cited(hubei, "湖北报告里“三江、五湖、六库”中的三江是哪三条江？")
    assert "三江（长江、汉江、清江）" in text


def test_a_numbered_note_says_what_a_quoted_programme_is_made_of(tmp_path: Path) -> None:
    # 阜平县 2022 (tests/data/real): "中医院“一门诊三中心”〔6〕建成运营", its note 〔6〕 lists them
    review = (
        "卫生服务有力提升，完成县医院传染病房改造，中医院“一门诊三中心”〔6〕建成运营，"
        "医药卫生体制改革获评全市工作先进县。创建三级退役军人之家，实现退役军人服务保障机构"
        "网络建设“五有”目标。"
    )
    plan = (
        "（一）办好民生实事\n新建中医院康复大楼。\n名词解释\n"
        "〔5〕两新：大规模设备更新和消费品以旧换新。\n"
        "〔6〕一门诊三中心：即发热门诊，胸痛中心、创伤中心、医养结合康养中心。\n"
        "〔7〕“五有”目标：有编制、有人员、有机构、有经费、有保障。"
    )
    engine = one_report(tmp_path, 2022, review, plan)
    answer = engine.answer("中医院的“一门诊三中心”都有啥？")
    assert answer.answered and "胸痛中心" in answer.citations[0].excerpt
    # 铁东区 (seeds/): an entry explains a name made on the quoted term ("“五有”目标")
    answer = engine.answer("退役军人服务保障机构的“五有”目标是哪五有？")
    assert answer.answered and "有编制、有人员" in answer.citations[0].excerpt
    # what it did is in the body, not in the note
    answer = engine.answer("中医院的“一门诊三中心”建成了吗？")
    assert answer.answered and "建成运营" in answer.citations[0].excerpt


def test_with_no_glossary_entry_the_section_a_heading_quotes_the_term_in_opens_with_it(
    tmp_path: Path,
) -> None:
    # 河北 2019 (tests/data/fresh5): "“三件大事”指的是哪三件": the section headed by it says
    # so in its first passage; a later one only speaks of what they did
    filler = "深入推进各项工作，取得明显成效，为全省发展提供了有力支撑。" * 4
    review = (
        "（一）“三件大事”扎实有效推进\n"
        "坚持把京津冀协同发展、雄安新区规划建设、冬奥会筹办作为重大政治任务，举全省之力推动落地见效。"
        f"{filler}\n全力做好冬奥会筹办工作，76个冬奥项目开工65个。{filler}\n"
        f"“三件大事”的实施，有力推动了北京新两翼和河北两翼的形成，“三件大事”成效显著。{filler}"
    )
    plan = "（一）主要目标\n扎实抓好“三件大事”，加快建设现代化经济体系。"
    engine = one_report(tmp_path, 2019, review, plan)
    answer = engine.answer("“三件大事”指的是哪三件？")
    assert answer.answered and "坚持把京津冀协同发展" in answer.citations[0].passage.text


def test_a_definition_is_put_first_only_where_it_answers() -> None:
    from retrieval.definitions import definition_first
    from retrieval.models import Passage

    texts = {1: "实施“双千计划”，完善孵化育成体系。", 2: "8.“双千计划”：建设孵化器1000家。"}
    passages = {
        i: Passage(f"a#{i}", "a.txt", ("名词解释",) if i == 2 else (), i, (0, 1), t, i == 2)
        for i, t in texts.items()
    }
    ranked = [(1, 2.0), (2, 1.0)]

    def order(answers: bool) -> list[int]:
        moved = definition_first(
            ranked, ["双千计划"], True, passages.__getitem__, texts.__getitem__,
            lambda s: s, lambda i: answers,
        )  # fmt: skip
        return [i for i, _ in moved]

    assert order(True) == [2, 1]
    assert order(False) == [1, 2]  # an entry the abstention tests refuse is no reason to refuse


def test_with_no_entry_nor_heading_the_body_says_what_a_quoted_term_is(
    tmp_path: Path, engine: Engine
) -> None:
    from retrieval.definitions import says_what

    assert says_what("弘扬“登高望远、自信开放、团结奉献、不懈奋斗”的新青海精神", ["新青海精神"])
    assert says_what("抓好稳定、发展、生态、强边“四件大事”，确保国家安全", ["四件大事"])
    assert not says_what("新青海精神是阔步前进的不竭动力。", ["新青海精神"])  # not what it is
    assert says_what(
        "“建成支点、走在前列、谱写新篇”，是习近平总书记赋予湖北的…",
        ["建成支点、走在前列、谱写新篇"],
    )
    assert says_what("创办“民声呼应”平台体系，是我省践行宗旨、为民造福的品牌工程", ["民声呼应"])
    # a connective before 是 or 即 goes on about something else
    assert not says_what("深化“放管服”改革特别是审批制度改革", ["放管服"])
    assert not says_what("推进“最多跑一次”还是要靠数字化", ["最多跑一次"])
    assert not says_what("“放管服”改革随即启动", ["放管服"])
    # 西藏 2021 (tests/data/fresh17): "“四件大事”催人奋进" names it; the list before it says it
    xizang = data_engine(tmp_path, engine, "fresh17/xizang_2021.txt")
    answer = xizang.answer("西藏2021年报告里的“四件大事”指什么？")
    assert answer.answered and "抓好稳定、发展、生态、强边" in answer.citations[0].passage.text


def test_towns_and_the_country_asked_together_are_the_reports_chengxiang(tmp_path: Path) -> None:
    # 兰州 2023 (tests/data/fresh11): "城里人和农村人…挣多少钱" is answered by "城乡居民人均可支配
    # 收入分别达到45406元和17162元"; a question about towns alone is not
    review = (
        "城乡居民人均可支配收入分别达到45406元和17162元，分别增长4.2%和6.5%。城镇新增就业4.8万人。"
    )
    plan = "（一）主要目标\n经济发展主要预期目标是：生产总值增长6.5%，城镇新增就业4.5万人。"
    engine = one_report(tmp_path, 2023, review, plan)
    query = engine.queries.build("城里人和农村人一年人均能挣多少钱？")
    assert sum("城乡" in c.full for c in query.concepts) == 2
    assert not any("城乡" in c.full for c in engine.queries.build("城里人挣多少钱？").concepts)
    answer = engine.answer("城里人和农村人一年人均能挣多少钱？")
    assert answer.answered and "45406元和17162元" in answer.citations[0].excerpt


def test_a_scope_s_report_ranges_are_kept(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """A scope's passage ranges are worked out once (a year's ~550 reports: ~90 µs, asked
    twice an answer), the same as each report's range."""
    scope = (*sorted(engine.reports)[:3], "no such report")
    expected = tuple(engine.passages.report_range(engine._report_number[n]) for n in scope[:3])
    made: list[int] = []
    report_ranges = engine.passages.report_ranges

    def counted(numbers: list[int]) -> list[tuple[int, int]]:
        made.append(len(numbers))
        return report_ranges(numbers)

    monkeypatch.setattr(engine.passages, "report_ranges", counted)
    engine._scope_ranges.cache_clear()  # type: ignore[attr-defined]
    assert engine._ranges(scope) == expected
    assert engine._ranges(list(scope)) == expected
    assert made == [3]


def test_one_quoted_phrase_is_found_in_texts_and_headings_as_holds_finds_it(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """_holding's own test for one phrase naming no plan (its text or its headings, each
    section folded once) finds the passages _holds finds, in the same order."""
    docs = list(range(len(engine.passages)))[::-1]
    headed = next(i for i in docs if len(engine._headings(i)) >= 4)
    phrases = ["六稳", engine._headings(headed)[:4], "发展"]
    expected = {
        (p, plan): [at for at, i in enumerate(docs)
                    if engine._holds(i, engine._folded[i], [p], {} if plan else None)][:7]
        for p in phrases for plan in (False, True)
    }  # fmt: skip
    assert all(expected.values()) and expected[phrases[1], False] != expected["发展", False]

    def holds(*args: object) -> bool:
        raise AssertionError("one phrase is looked for without _holds")

    monkeypatch.setattr(engine, "_holds", holds)
    for (p, plan), found in expected.items():
        assert engine._holding(docs, [p], 7, {} if plan else None) == found


def test_what_a_quoted_term_is_said_to_be_answers_before_a_heading_quoting_it(
    tmp_path: Path, engine: Engine
) -> None:
    """安徽 2024 (tests/data/fresh15): "“民声呼应”是个什么东西" asks a definition; "创办“民声呼应”
    平台体系，是我省践行宗旨、为民造福的品牌工程" says what it is, the plan's item heading
    "推动“民声呼应”提质增效" only quotes it."""
    from retrieval.question_cues import DEFINITION

    assert DEFINITION.search("是个什么东西") and DEFINITION.search("是啥东西")
    assert not DEFINITION.search("是个什么时候")
    anhui = data_engine(tmp_path, engine, "fresh15/anhui_2024.txt")
    text = first_cited(anhui, "安徽的“民声呼应”是个什么东西？")
    assert "践行宗旨、为民造福的品牌工程" in text


def test_a_glossary_entry_named_on_the_line_above_answers_what_the_term_means(
    tmp_path: Path,
) -> None:
    """滨州 2024 (tests/data/fresh39) puts "15.五主并举" on a line above its meaning: the
    body's "坚持“五主并举”，…" holds more of the question, the entry says what it is."""
    shutil.copy(ROOT / "tests/data/fresh39/binzhou_2024.txt", tmp_path)
    engine = Engine.from_dir(tmp_path)
    answer = engine.answer("滨州科技创新提的“五主并举”指的是什么")
    assert answer.answered and answer.citations[0].passage.glossary
    assert answer.citations[0].passage.text.startswith("政府主抓、企业主体")


def test_a_plan_quoted_is_held_by_the_items_of_a_part_that_opens_on_it(tmp_path: Path) -> None:
    """松原 2021 (tests/data/fresh33): "“十四五”时期常住人口城镇化率目标是多少" was refused: the
    target stands in an item ("（二）城乡建设…城镇化率达到55%") of the part "二、未来发展的总体安排
    和主要任务", which opens on "“十四五”时期，…" but whose items do not name it. A part headed by
    one year ("三、2021年工作安排", opening "…“十四五”开局之年") is that year's, not the plan's."""
    (tmp_path / "a.txt").write_text(
        "2021年某市政府工作报告\n各位代表：\n一、2020年工作回顾\n全市生产总值增长3%。\n"
        "二、未来发展的总体安排和主要任务\n“十四五”时期，是开启全面建设新征程的第一个五年。\n"
        "（一）经济转型取得新突破。做大新型工业，工业增加值年均增长6%。\n"
        "（二）城乡建设呈现新气象。全力推进新型城镇化，全市常住人口城镇化率达到55%。\n"
        "三、2021年工作安排\n2021年是“十四五”开局之年，做好今年工作至关重要。\n"
        "（一）主要目标\n全市户籍人口城镇化率提高1个百分点，地区生产总值增长6%。\n",
        encoding="utf-8",
    )
    engine = Engine.from_dir(tmp_path)
    answer = engine.answer("“十四五”时期常住人口城镇化率目标是多少？")
    assert answer.answered and "城镇化率达到55%" in answer.citations[0].passage.text
    answer = engine.answer("“十四五”时期户籍人口城镇化率提高多少？")
    assert not any("户籍人口" in c.passage.text for c in answer.citations)
