"""Answer quality: question analysis, re-ranking, compare, outline, and the measured floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval.engine import Engine
from retrieval.evaluation import QAItem, evaluate
from retrieval.models import AnswerStatus, Conversation
from retrieval.query import QueryBuilder, read_thesaurus

from .conftest import DEV_SET, OWN_SET, data_engine, first_cited, load_jsonl, one_report


@pytest.fixture(scope="module")
def queries(engine: Engine) -> QueryBuilder:
    return engine.queries


def test_thesaurus_file_is_well_formed() -> None:
    entries = read_thesaurus()
    assert len(entries) > 150
    assert "地区生产总值" in entries["gdp"]
    assert all(values for values in entries.values())


def test_colloquial_words_expand_to_report_wording(queries: QueryBuilder) -> None:
    q = queries.build("GDP涨了多少")
    assert q.weights["gdp"] == 1.0
    assert 0 < q.weights["地区生产总值"] < 1.0  # expansions count less than the user's words
    assert 0 < q.weights["国内生产总值"] < 1.0  # a national report's GDP
    assert q.wants_number
    concept = next(c for c in q.concepts if "gdp" in c.full)
    assert "地区生产总值" in concept.full
    # "全省/全县生产总值" as many reports write it
    assert "生产总值" in next(c for c in queries.build("经济总量多大").concepts).full


def test_a_thesaurus_key_cutting_a_word_in_two_is_not_read(queries: QueryBuilder) -> None:
    """ "少了" (-> 下降, 减少) is no key of "涨到多少了": it holds half of 多少 and runs on."""
    fulls = [c.full for c in queries.build("农村五保户的补助今年涨到多少了？").concepts]
    assert not any("减少" in full for full in fulls), fulls
    assert any("增长" in full for full in fulls), fulls  # 涨到 is read
    assert any("减少" in c.full for c in queries.build("人口少了多少").concepts)


def test_everyday_wording_finds_the_report_s(tmp_path: Path, engine: Engine) -> None:
    """The entries written blind to our questions (工钱 -> 拖欠工资, 欠薪; 打工的 -> 农民工):
    宁夏 2024 (tests/data/fresh15) says "为2.7万名农民工追回工资"."""
    q = engine.queries.build("帮打工的讨回了多少人的工钱")
    assert {"农民工", "工资"} <= set(q.weights)
    ningxia = data_engine(tmp_path, engine, "fresh15/ningxia_2024.txt")
    assert "为2.7万名农民工追回工资" in first_cited(
        ningxia, "宁夏2023年帮打工的讨回了多少人的工钱？"
    )
    # an entry whose everyday words share two characters with its report terms is left out:
    # "坐动车" -> 高铁 would have searched 坐动车 whole, and lost the report's own 动车
    assert "坐动车" not in read_thesaurus()


def test_a_word_s_pieces_are_its_own_not_those_of_the_report_s_other_wordings(
    queries: QueryBuilder,
) -> None:
    # 城里人 -> 城镇居民 (thesaurus): part credit for the pieces of the word said (城里), not
    # diluted by pieces of the report's wordings (居民), which count in full anyway
    concept = next(c for c in queries.build("城里人挣钱多少").concepts if "城里人" in c.full)
    assert "城镇居民" in concept.full and concept.partial and "居民" not in concept.partial
    # a word of one piece ("gdp") takes the pieces of the report's wordings
    concept = next(c for c in queries.build("GDP是多少").concepts if "gdp" in c.full)
    assert "总值" in concept.partial
    # 二胎, 三胎: the reports' 二孩, 三孩 (雅安 2025: "兑现二孩三孩育儿补贴1656万元")
    concept = next(c for c in queries.build("生二胎有补贴吗").concepts if "二胎" in c.full)
    assert "二孩" in concept.full
    # 花销, 开销: what reports call 支出, 经费 (廊坊 2014 "会议费压减10%，培训费和“三公”经费…")
    concept = next(c for c in queries.build("开会的花销要省多少").concepts if "花销" in c.full)
    assert "经费" in concept.full
    # 煤 alone: the reports' 煤炭, 原煤 (山西 2022 "全年煤炭产量达到11.9亿吨")
    concept = next(c for c in queries.build("去年挖了多少煤").concepts if "煤" in c.full)
    assert "煤炭" in concept.full


def test_cue_phrases_set_the_question_type_and_are_not_searched(queries: QueryBuilder) -> None:
    q = queries.build("“五种思维”指的是什么意思？")
    assert q.wants_definition and not q.wants_number
    assert "意思" not in q.weights and "五种" in q.weights
    q = queries.build("赛罕区报告第二部分的标题是什么？", ["赛罕区"])
    assert q.wants_section and q.ordinal == 2 and q.ordinal_level == 1
    assert "标题" not in q.weights
    q = queries.build("2021年重点工作第十二项")
    assert q.ordinal == 12 and q.ordinal_level == 2 and q.years == ("2021",)
    q = queries.build("专门讲民生和社会建设的是第几部分？")
    assert q.wants_section and not q.wants_number
    assert not {"第几", "专门", "部分"} & set(q.weights) and "民生" in q.weights
    q = queries.build("甘肃重点工作里讲民生福祉的是哪一条")
    assert q.wants_section and "哪一条" not in q.weights
    assert not queries.build("新疆开工了哪一条铁路？").wants_section  # which railway
    # the parts counted ("十个方面的工作里"), the item asked ("那一项任务标题"): cues, not words
    # searched (淄博 2021, 山西 2012: the count and 一项 outweighed 金融 and 安全生产)
    q = queries.build("淄博今年十个方面的工作里，讲金融的那一条标题是什么？", ["淄博"])
    assert q.wants_section and "十个" not in q.weights and "金融" in q.weights
    q = queries.build("山西专门讲安全生产的那一项任务标题是什么？", ["山西"])
    assert q.wants_section and not {"一项", "任务"} & set(q.weights)


@pytest.mark.parametrize(
    ("question", "matched"),
    [
        ("23年国家准备发多少专项债？", "2023年国家准备发多少专项债？"),
        ("北京（99年）的数据", "北京（1999年）的数据"),
        ("连续23年增长了吗", "连续23年增长了吗"),  # a span of years, not a year
        ("10年来投入多少", "10年来投入多少"),
        ("2023年和24年", "2023年和24年"),  # a year in full is there: left alone
        ("海拉尔14年旅游收入有多少", "海拉尔2014年旅游收入有多少"),  # after the place
        ("佛山棚改15年一共改了多少户", "佛山棚改2015年一共改了多少户"),  # a word between
        ("遵义农村人19年人均收入多少", "遵义农村人2019年人均收入多少"),  # two words
        ("历时12年建成了吗", "历时12年建成了吗"),  # spans after a word
        ("近10年增长多少", "近10年增长多少"),
        ("用了10年时间", "用了10年时间"),
        # durations after a word that follows no place
        ("地铁运营10年了吗", "地铁运营10年了吗"),
        ("有没有推行15年免费教育", "有没有推行15年免费教育"),
        ("防洪标准提高到20年一遇了吗", "防洪标准提高到20年一遇了吗"),
        ("改革开放40年取得了哪些成就", "改革开放40年取得了哪些成就"),
        ("住宅产权70年到期怎么办", "住宅产权70年到期怎么办"),
        ("海拉尔20年一遇的洪水", "海拉尔20年一遇的洪水"),  # after a place, still a span
    ],
)
def test_two_digit_years_are_matched_in_full(engine: Engine, question: str, matched: str) -> None:
    assert engine.regions.full_years(question) == matched


def test_a_year_glued_by_jieba_to_a_word_no_report_has_stands_apart(
    engine: Engine, queries: QueryBuilder
) -> None:
    q = queries.build(
        engine.regions.full_years("海拉尔17年画了多少个停车位")
    )  # jieba: 2017|年画|了
    assert "年画" not in q.weights and "停车位" in q.weights and "年" in q.words
    assert "年末" in queries.build("2023年末存款余额多少").words  # a word of the reports stays
    # the year's "when": 时 stands apart (jieba: 2016|年|时说, and 年时 once 时说 is cut)
    when = queries.build("回顾2016年时说的重点工作有哪些")
    assert not {"时说", "年时"} & set(when.weights) and "回顾" in when.weights


def test_a_question_word_jieba_cuts_across_stands_apart(queries: QueryBuilder) -> None:
    # jieba: 造|多|少林 (a temple no report names, which made the question off-topic)
    q = queries.build("云南2015年打算种多少树、造多少林")
    assert "少林" not in q.weights and "林" in q.weights
    assert not any("少林" in c.full for c in q.concepts)
    # a cut between two report words stays (众多|大型 across 多大), as does a word holding
    # the question word whole (怎么办)
    assert {"众多", "大型"} <= set(queries.build("众多大型企业有多少家").weights)
    assert "怎么办" in queries.build("家里的猫不爱吃猫粮怎么办").weights
    # nor after a word of everyday talk that owns the question word's first character
    assert "少数民族" in queries.build("好多少数民族群众住上新房了吗").weights
    assert "大学生" in queries.build("许多大学生毕业后去哪里工作").weights


def test_a_separable_verb_said_apart_is_said_whole(queries: QueryBuilder) -> None:
    # 贵州 2016 (tests/data/fresh110): jieba cuts 人脱|了|贫, and 贫 alone is no topic
    assert "脱贫" in queries.build("这五年总共有多少人脱了贫").weights
    # not where its second character opens a word of its own (房子; 建房 is a report word)
    assert queries.known("建房")
    assert "建房" not in queries.build("多少户人家建了房子").weights


def test_a_thesaurus_key_jieba_cuts_is_said_whole(queries: QueryBuilder) -> None:
    # 专项债 is 专项|债 to jieba: 专项 alone (专项资金, 专项行动) is not the debt asked about
    q = queries.build("2024年打算发多少地方政府专项债")
    debt = next(c for c in q.concepts if "专项债券" in c.full)
    assert "专项债" in debt.full and "专项" not in debt.full and "专项" in debt.partial


def test_a_thesaurus_key_inside_its_own_spelling_is_left_to_it(
    tmp_path: Path, engine: Engine
) -> None:
    """收入 (a key: 收入 -> 可支配收入, 收入) inside 可支配收入, a common word of the dictionary
    and one of the key's own spellings, is left to that word: the question is not about 可 and
    支配 apart. A key inside a word it does not spell keeps its entry: 工业 in 规模以上工业增加值
    still brings 规上工业, as the reports also write it."""
    concepts = [c.full for c in engine.queries.build("人均可支配收入是多少").concepts]
    assert ("可支配收入",) in concepts and ("可",) not in concepts and ("支配",) not in concepts
    henan = data_engine(tmp_path, engine, "fresh/henan_2025.txt")  # (规上工业增加值 only)
    industry = henan.queries.build("规模以上工业增加值增长多少").concepts
    assert any("规上工业" in c.full for c in industry)


def test_an_a_not_a_question_word_is_not_searched(queries: QueryBuilder) -> None:
    q = queries.build("冬泳对身体到底好不好")  # asks yes or no: 好不好 is no topic
    assert not any("好" in t for c in q.concepts for t in c.full)
    # A-not-AB: the word AB is what is asked about, not its last character
    assert "安全" in queries.build("食品安不安全").weights
    assert "满意" in queries.build("群众满不满意").weights
    assert "稳定" in queries.build("就业稳不稳定").weights
    assert "有人" not in queries.build("有没有人管").weights  # A-not-A, then a word
    # AB a word of the dictionary, though of no report: never its last character glued on
    weights = queries.build("西宁凉快吗，适不适合去避暑").weights
    assert "适合" in weights and "合去" not in weights
    assert "上海" in queries.build("去不去上海").weights
    # nor where B opens the word after it: 水费 is asked, not 降水 (rain)
    weights = queries.build("这里降不降水费").weights
    assert "水费" in weights and "降水" not in weights
    assert "货车" in queries.build("这条路通不通货车").weights
    assert "身体" in q.weights and "不断" in queries.build("不断提高收入").weights


def test_generic_words_and_single_characters_weigh_less(queries: QueryBuilder) -> None:
    q = queries.build("推进工作的粮食产量")
    assert q.weights["工作"] < q.weights["粮食"]
    assert queries.discount("跟") < 1.0


@pytest.mark.parametrize(
    ("question", "doc", "expected"),
    [
        ("天津和平区老百姓一年平均能挣多少钱？", "001_", "居民人均可支配收入"),
        ("铁东区去年翻新了多少个旧小区？", "004_", "完成老旧小区改造24个"),
        ("赛罕区报告第四部分讲什么？", "003_", "四、加强政府自身建设"),
        ("鐵東區2021年老舊小區改造投入多少資金？", "004_", "1.58亿元"),
    ],
)
def test_mechanisms_find_the_passage(
    engine: Engine, question: str, doc: str, expected: str
) -> None:
    top = engine.answer(question).citations[0]
    assert top.passage.report.startswith(doc)
    assert expected in top.passage.text + "".join(top.passage.section)


def test_number_question_prefers_the_sentence_with_the_figure(engine: Engine) -> None:
    top = engine.answer("赛罕区2020年帮企业减了多少税费？").citations[0]
    assert "11.1亿元" in top.excerpt


def test_year_the_report_never_mentions_abstains(engine: Engine) -> None:
    assert engine.answer("铁东区2015年地区生产总值是多少？").status is AnswerStatus.NOT_FOUND
    assert engine.answer("铁东区2020年地区生产总值是多少？").answered


def test_a_figure_the_report_does_not_give_abstains(engine: Engine) -> None:
    # The report says the census was organised, but gives no population figure.
    answer = engine.answer("赛罕区第七次人口普查的常住人口是多少？")
    assert answer.status is AnswerStatus.NOT_FOUND


def test_compare_gives_one_passage_per_region(engine: Engine) -> None:
    answer = engine.compare("各地地区生产总值增长多少")
    reports = [c.passage.report for c in answer.citations]
    assert len(reports) == len(set(reports)) >= 4
    assert all("地区生产总值" in c.passage.text for c in answer.citations)
    assert engine.compare("量子计算机的比特数").status is AnswerStatus.NOT_FOUND


def test_one_report_loaded_compares_nothing(tmp_path: Path, engine: Engine) -> None:
    """ "每个县都能通上高速了吗" of 贵州 2015 alone (tests/data/fresh35): its report answers;
    with several loaded and no region named, the same words compare them."""
    question = "2015年是不是每个县都能通上高速了？"
    guizhou = data_engine(tmp_path, engine, "fresh35/guizhou_2015.txt")
    answer = guizhou.answer(question)
    assert not answer.across and not answer.rows
    assert "县县通高速公路" in first_cited(guizhou, question)
    assert engine.answer("是不是每个区都有文化馆？").across


def test_outline_lists_headings_with_passage_counts(engine: Engine) -> None:
    outline = engine.outline("003_1252a86347db7bf3.txt")
    tops = [e for e in outline if len(e.section) == 1]
    assert tops[0].section == ("报告信息",) and tops[0].passages == 1  # title, meeting, speaker
    assert [e.section[0][:2] for e in tops][1:5] == ["一、", "二、", "三、", "四、"]
    assert tops[-1].section == ("名词解释",) and tops[-1].passages == 19
    total = sum(e.passages for e in tops)
    assert total == len(engine.report_passages("003_1252a86347db7bf3.txt")) - 1  # the preamble


def test_follow_up_pages_after_compare_are_independent(engine: Engine) -> None:
    conv = Conversation()
    engine.compare("地区生产总值增长", conv)
    assert conv.last_answer is not None and conv.last_answer.answered


def _score(engine: Engine, path) -> object:
    items = [QAItem.from_dict(d) for d in load_jsonl(path)]
    return evaluate(items, [engine.answer(i.question, Conversation()) for i in items])


def test_own_question_set_floor(engine: Engine) -> None:
    """tests/data/qa.jsonl, written blind; a floor that rises with quality.

    hit@1 0.94 (0.952 in session 12, one question below). t093 (一样 -> 同工同酬) was answered
    only through a thesaurus entry fitted to it, removed since (issue 12).
    """
    r = _score(engine, OWN_SET)
    assert r.answerable >= 100 and r.unanswerable >= 10
    assert r.hit1 >= 0.94 and r.hit3 >= 0.97 and r.excerpt1 >= 0.93, r.summary()
    assert r.abstain >= 0.80 and r.false_abstain <= 0.03, r.summary()


@pytest.mark.skipif(not DEV_SET.exists(), reason="../shared/qa/dev.jsonl is not present")
def test_dev_set_floor(engine: Engine) -> None:
    r = _score(engine, DEV_SET)
    assert r.hit1 >= 0.97 and r.hit3 >= 0.97 and r.excerpt1 >= 0.97, r.summary()  # issue: 0.90
    assert r.abstain >= 0.75 and r.false_abstain <= 0.03, r.summary()


def test_evaluation_matches_the_reference_rule(engine: Engine) -> None:
    """A hit needs the right report and the answer in the passage or its section path."""
    item = QAItem(
        "x", "赛罕区报告第四部分讲什么？", "003_1252a86347db7bf3.txt", "加强政府自身建设", "section"
    )
    answer = engine.answer(item.question)
    r = evaluate([item], [answer])
    assert r.hit1 == 1.0  # the heading is in the section path, not the text
    wrong = QAItem("y", item.question, "004_1b65f65be8f80fa8.txt", "加强政府自身建设", "section")
    assert evaluate([wrong], [answer]).hit1 == 0.0


def test_own_set_is_well_formed() -> None:
    rows = load_jsonl(OWN_SET)
    assert len({r["id"] for r in rows}) == len(rows) >= 110
    kinds = [r["type"] for r in rows]
    assert kinds.count("paraphrase") >= len(rows) / 3 - 1 and kinds.count("unanswerable") >= 10
    for r in rows:
        if r["answer"]:
            text = (OWN_SET.parent.parent.parent / "seeds" / r["doc"]).read_text(encoding="utf-8")
            assert r["answer"] in text, r["id"]
    json.dumps(rows)


def test_heading_question_quotes_the_heading(engine: Engine) -> None:
    top = engine.answer("赛罕区政府工作报告第四部分的标题是什么？").citations[0]
    assert top.excerpt == "四、加强政府自身建设"
    top = engine.answer("铁东区2021年在深化改革方面的工作部署标题是什么？").citations[0]
    assert top.excerpt == "(四)打好深化改革“三张牌”,释放机制体制新活力"


def test_the_heading_asked_for_is_the_one_naming_the_topic(tmp_path: Path) -> None:
    # 湖北 2025 (tests/data/fresh): "2025年重点任务中关于文化的那一项": the part (2025年…重点
    # 任务) is where to look; the item naming 文化 is the heading asked for
    plan = (
        "（一）在扩大内需上担当使命\n全力扩大有效投资，大力提振消费。\n"
        "（二）在加强文化资源保护和推动文化创新发展上担当使命\n建设长江文化公园，办好楚文化节。"
    )
    engine = one_report(tmp_path, 2025, "全年地区生产总值增长5.8%。", plan)
    top = engine.answer("2025年工作安排中关于文化的那一项是怎么表述的？").citations[0]
    assert top.excerpt.startswith("（二）在加强文化资源保护和推动文化创新发展上担当使命")
    # 生态环境 asked: the item naming 生态 of it, not its part
    plan = "（一）聚焦生态优势，着力促进全面绿色转型\n持续打好污染防治攻坚战，推进美丽城市建设。"
    engine = one_report(tmp_path, 2025, "全年地区生产总值增长5.8%。", plan)
    top = engine.answer("2025年工作安排中关于生态环境的那一部分标题是什么？").citations[0]
    assert top.excerpt.startswith("（一）聚焦生态优势")


def test_a_passage_beside_the_answer_is_cited_on_a_lower_share(
    tmp_path: Path, engine: Engine
) -> None:
    """The first citation must hold min_coverage of the question; those beside it only
    cited_coverage (贵州 2013, tests/data/fresh53: its 2012 review's 营养改善计划 shares less of
    this everyday wording than the first passage does, and is offered beside it)."""
    guizhou = data_engine(tmp_path, engine, "fresh53/guizhou_2013.txt")
    answer = guizhou.answer("贵州农村的学生在学校吃饭，政府有啥政策？")
    assert any("学生营养改善计划" in c.passage.text for c in answer.citations[1:])


def test_citations_after_the_first_must_still_be_relevant(engine: Engine) -> None:
    weak = engine.answer("火锅怎么做")  # one passage mentions 火锅食材; none tells how to cook
    assert len(weak.citations) <= 1
    strong = engine.answer("赛罕区老旧小区改造")
    assert len(strong.citations) == 3


def test_highlights_survive_folding_that_changes_length(engine: Engine) -> None:
    from retrieval.excerpt import surface_matches

    text = "人均公园绿地面积19.1㎡,新建公园３座"
    spans = surface_matches(
        text, engine.tokenizer.fold(text), {"公园": 1.0, "m2": 1.0}, engine.tokenizer.fold
    )
    assert [text[a:b] for a, b in spans] == ["公园", "公园", "㎡"]


def test_passage_counts(engine: Engine) -> None:
    counts = engine.passage_counts()
    assert sum(counts.values()) == len(engine.passages) and counts["003_1252a86347db7bf3.txt"] > 50


def test_overlapping_highlights_do_not_depend_on_hash_order() -> None:
    from retrieval.models import spans_of

    # equal length, overlapping: the same word wins in every process (code point order)
    assert spans_of("城乡居民", ("城乡", "乡居")) == ((1, 3),)
    assert spans_of("城乡居民", ("乡居", "城乡")) == ((1, 3),)


def test_a_figure_in_the_unit_asked_as_reports_write_it() -> None:
    from retrieval.units import unit_figure

    people = unit_figure("人")
    # people counted by their noun: "纳税人", and (北京 2009, tests/data/fresh85) "志愿者"
    for text in (
        "新增就业48万人",
        "6600多万人",
        "6600多万纳税人受益",
        "三万名教师",
        "170万志愿者参与",
    ):
        assert people.search(text), text
    for text in ("投资120亿元人民币", "增长5%，人均收入"):
        assert not people.search(text), text
    assert unit_figure("吨").search("粮食产量1.2万吨") and not unit_figure("吨").search("1.2万亩")


def test_wording_and_the_item_about_something_are_cues(queries: QueryBuilder) -> None:
    q = queries.build("2025年重点任务中关于文化的那一项是怎么表述的？")
    assert q.wants_section and "文化" in q.weights
    assert not {"表述", "一项", "那"} & set(q.weights)  # how it is worded: not searched
    assert not queries.build("这个政策原文是什么").weights.keys() & {"原文"}
    # at a clause end only: 如何提振消费 keeps 提振
    assert "提振" in queries.build("2025年如何提振消费").weights
    # what the report is said to say: the asker's framing ("…报告提出今年…": the opening
    # "…向大会报告工作，…提出意见" says 提出 too), not what is said in it
    q = queries.build("浙江省2023年政府工作报告提出今年重点抓几个方面的工作？")
    assert "提出" not in q.weights and "重点" in q.weights
    assert not {"提到", "指出"} & set(
        queries.build("报告里提到、报告中指出的“双潜能”是什么").weights
    )
    assert "提出" in queries.build("哪一年提出了这个目标").weights  # no report named: a word
    assert "说明" in queries.build("报告说明了哪些问题").weights  # a word of its own, kept


def test_plan_periods_are_words(queries: QueryBuilder) -> None:
    # 2026's reports open the 十五五 period: one word, not 十五 (of 第十五届) and 五
    for period in ("十三五", "十四五", "十五五"):
        assert any(c.full == (period,) for c in queries.build(f"{period}时期的目标").concepts)


def test_a_word_the_question_says_is_no_piece_of_another_concept(
    queries: QueryBuilder, tmp_path: Path, engine: Engine
) -> None:
    # 旅游 is said as 旅游收入 too, whose piece 收入 the question says as a word of its own:
    # a passage of incomes (城镇居民人均可支配收入…) is not half about 旅游 for it
    q = queries.build("2009年山东旅游一共收入多少钱")
    tourism = next(c for c in q.concepts if "旅游" in c.full)
    assert "收入" not in tourism.partial and any("收入" in c.full for c in q.concepts)
    shandong = data_engine(tmp_path, engine, "fresh46/shandong_2010.txt")
    assert "旅游总收入2452.2亿元" in first_cited(shandong, "2009年山东旅游一共收入多少钱")
