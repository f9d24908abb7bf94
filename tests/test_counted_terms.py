"""A counted term ("三个一流", "四个中心") held by the list of its things, each saying its word
(retrieval/definitions.py spells_out, read by phrase_holding.py and says_what)."""

from __future__ import annotations

from pathlib import Path

from retrieval.definitions import says_what, spells_out
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
    # a one-character word: as many items as counted, one clause, each saying it (安徽 2023:
    # "为培养“懂科技、懂产业、懂资本、懂市场、懂管理”的复合型…人才")
    assert spells_out("为培养“懂科技、懂产业、懂资本、懂市场、懂管理”的复合型人才", "五懂")
    assert not spells_out("为培养“懂科技、懂产业、懂资本、懂市场”的复合型人才", "五懂")
    assert not spells_out("经济强、百姓富、环境美、社会文明程度高", "强富美高")  # initials: no
    # items that only end on it are words of their own (黑龙江 2012 spells no “三化”)
    assert not spells_out("坚持新型工业化、农业产业化、林业产业化和经济外向化等发展方向", "三化")
    assert spells_out("推广新技术、新产品、新模式，", "三新")  # after a verb
    assert not spells_out("推广新技术、新产品、新模式和新业态，", "三新")  # four
    assert not spells_out("发展新技术和新产品、新模式、新业态，", "三新")  # four, one led in
    assert not spells_out("扩大有效投资、大力发展数字经济、大幅降低成本", "三大")  # 大 measures


def test_a_counted_term_asked_is_answered_by_its_list(tmp_path: Path, engine: Engine) -> None:
    # 太原 2012 says “三个一流” in its guiding idea, and lists them only in the year's tasks
    taiyuan = data_engine(tmp_path, engine, "fresh47/taiyuan_2012.txt")
    top = taiyuan.answer("太原说的“三个一流”是哪三个？").citations[0]
    assert "一流的新兴产业基地、一流的自主创新基地和一流的现代宜居城市" in top.excerpt
    assert top.excerpt in taiyuan.reports[top.passage.report].text


def test_a_counted_term_of_one_character_asked_is_answered_by_its_list(
    tmp_path: Path, engine: Engine
) -> None:
    # 安徽 2023 (tests/data/prov2023) never says “五懂”: the list of five 懂 answers
    anhui = data_engine(tmp_path, engine, "prov2023/anhui_2023.txt")
    answer = anhui.answer("安徽要培养的科技产业组织人才需要具备哪“五懂”？")
    assert answer.answered
    assert "懂科技、懂产业、懂资本、懂市场、懂管理" in answer.citations[0].excerpt


def test_a_list_says_what_a_counted_term_is_when_it_counts_as_many() -> None:
    """A list right before a counted term says what it is made of when it has about as many
    items as the term counts (the last may follow 和), items may quote a name ("改造升级“老字号”")
    and a name standing as one item in a shorter list is only named ("七优享")."""
    four_elements = (
        "以种植业为基础、养殖业为牵引、菌业为纽带、种养菌废弃物为资源的“三元双向”循环体系"
    )
    assert says_what(four_elements, ["三元双向"])
    quoted_items = "扎实做好改造升级“老字号”、深度开发“原字号”、培育壮大“新字号”三篇大文章"
    assert says_what(quoted_items, ["三篇大文章"])
    assert not says_what("全面落实“四个着力”、“三篇大文章”、“五头五尾”等部署", ["三篇大文章"])
    in_a_list = (
        "深入实施县城承载能力提升和深化“千村示范、万村整治”、土地综合整治、公共服务“七优享”工程"
    )
    assert not says_what(in_a_list, ["七优享"])


def test_a_passage_saying_what_a_term_is_comes_before_a_heading_only_naming_it(
    tmp_path: Path, engine: Engine
) -> None:
    """庆阳 2025 (tests/data/fresh43): the heading "（三）持续加力发展“三元双向”循环农业…" opens on
    a paragraph that only names the term; the review says what it is made of, and answers."""
    qingyang = data_engine(tmp_path, engine, "fresh43/qingyang_2025.txt")
    top = qingyang.answer("庆阳搞的“三元双向”循环农业到底是什么意思？").citations[0]
    assert "以种植业为基础、养殖业为牵引、菌业为纽带" in top.passage.text


def test_a_place_named_in_a_term_is_searched_as_the_term(tmp_path: Path, engine: Engine) -> None:
    """ "新疆精神", "甘肃精神": the question's place name is part of the term, which the router
    had taken away (精神 alone was searched: "十八大精神"). The term is looked for as written,
    like a quoted phrase, where a passage holding it answers; a list or quoted words before
    "的新疆精神" (or "为主要内容的甘肃精神") say what it is; "主要内容" asks what it is made of."""
    from retrieval.question import place_terms

    folded = engine.tokenizer.fold("新疆2013年报告中的新疆精神是什么？")
    assert place_terms(folded, ("新疆",), engine.tokenizer.spans) == ("新疆精神",)
    assert place_terms("新疆2013年的gdp是多少?", ("新疆",), engine.tokenizer.spans) == ()
    assert says_what("爱国爱疆、团结奉献、勤劳互助、开放进取的新疆精神逐渐融入", ["新疆精神"])
    assert says_what("发扬以“人一之、我十之，人十之、我百之”为主要内容的甘肃精神", ["甘肃精神"])
    assert not says_what("自觉弘扬新疆精神，强化马克思主义“五观”", ["新疆精神"])
    (tmp_path / "xinjiang").mkdir()
    (tmp_path / "gansu").mkdir()
    xinjiang = data_engine(tmp_path / "xinjiang", engine, "fresh53/xinjiang_2013.txt")
    cited = xinjiang.answer("新疆2013年报告中的新疆精神是什么？").citations[0].passage.text
    assert "爱国爱疆、团结奉献、勤劳互助、开放进取的新疆精神" in cited
    gansu = data_engine(tmp_path / "gansu", engine, "fresh42/gansu_2012.txt")
    cited = gansu.answer("甘肃精神主要内容是什么？").citations[0].passage.text
    assert "人一之、我十之，人十之、我百之" in cited


def test_a_term_of_several_counts_is_spelled_out_by_each_word_as_often_as_counted() -> None:
    """ "两区一胜地": two items saying 区, then one saying 胜地 (怒江 2022), in that order, as
    many as counted, three things or more ("一县一场" counts too few to be a list); a word of
    one character opens or ends its item: a character inside one is any word's (idioms)."""
    nujiang = "全面建设脱贫致富示范区、生物多样性保护核心区、世界级高山峡谷旅游胜地，加快建设"
    assert spells_out(nujiang, "两区一胜地")
    assert not spells_out(nujiang, "三区一胜地")  # one 区 too few
    assert not spells_out("建设旅游胜地、脱贫致富示范区和保护核心区", "两区一胜地")  # order
    assert not spells_out("各县、农场", "一县一场")
    assert not spells_out("以人民为中心、增强信心、凝聚人心和满意度、意见建议", "三心二意")
    assert not spells_out("明确单位、岗位、部位和整体责任", "三位一体")
    assert not spells_out("推动园区、景区和公园建设", "两区一园")
    # (so "创业最宽松、社会最文明、人居最安全" spells out no 三最: 最 inside each item)
    assert spells_out("推进开工一批、在建一批、投产一批、储备一批", "四个一批")  # one count


def test_a_term_of_several_counts_asked_is_answered_by_its_list(
    tmp_path: Path, engine: Engine
) -> None:
    """怒江 2022 (tests/data/fresh98) names “两区一胜地” as its aim, and lists its things in the
    five-year plan's requirements, which answer."""
    nujiang = data_engine(tmp_path, engine, "fresh98/nujiang_2022.txt")
    top = nujiang.answer("怒江说的“两区一胜地”指什么？").citations[0]
    assert "脱贫致富示范区、生物多样性保护核心区、世界级高山峡谷旅游胜地" in top.excerpt
