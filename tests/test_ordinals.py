"""第N部分 / 第N项: by marker where a report numbers its headings, by place where it does not."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from retrieval.engine import Engine
from retrieval.heading_numbers import heading_places, list_sizes, under_heading
from retrieval.ordinals import OrdinalBonus
from retrieval.question_cues import LAST

from .conftest import ROOT, cited_section, data_engine, one_report

REAL = ROOT / "tests" / "data" / "real"


def test_places_count_distinct_headings_under_one_parent_and_skip_the_header() -> None:
    sections = [("报告信息",), ("回顾",), ("回顾", "甲"), ("回顾", "乙"), ("回顾", "乙"),
                ("安排",), ("安排", "甲"), ("附件",)]  # fmt: skip
    assert heading_places(sections, 0).tolist() == [0, 1, 1, 1, 1, 2, 2, 3]
    assert heading_places(sections, 1).tolist() == [0, 0, 1, 2, 2, 0, 1, 0]
    # Markers win where the report has them: 二、 is the second part wherever it stands.
    marked = [("报告信息",), ("前言",), ("一、回顾",), ("二、安排",)]
    assert under_heading(marked, 2, 0).tolist() == [False, False, False, True]
    assert under_heading(sections, 2, 0).tolist() == [False] * 5 + [True, True, False]


def test_the_last_heading_by_marker_or_by_place_leaves_annexes_out() -> None:
    marked = [("报告信息",), ("一、回顾",), ("一、回顾", "（三）甲"), ("二、安排",),
              ("二、安排", "（一）乙"), ("二、安排", "（二）丙"), ("附件",), ("附件", "（九）丁")]  # fmt: skip
    assert under_heading(marked, LAST, 0).tolist() == [False] * 3 + [True] * 3 + [False] * 2
    # the last item of each part, never one of an annex
    last_items = [False, False, True, False, False, True, False, False]
    assert under_heading(marked, LAST, 1).tolist() == last_items
    plain = [("报告信息",), ("回顾",), ("安排",), ("安排", "甲"), ("名词解释",)]
    assert under_heading(plain, LAST, 0).tolist() == [False, False, True, True, False]
    # no heading at that level: nothing is the last one
    assert not under_heading([("报告信息",), ("回顾",), ("安排",)], LAST, 1).any()


def test_a_plain_list_in_a_numbered_report_is_read_by_place_when_its_size_is_asked() -> None:
    # 合肥 2013 numbers its review's items (（一）, （二）) and heads its plan's aims with plain
    # lines: "在三个方面…，第三个方面" is the third of those lines; with no list counted the
    # plain lines of a numbered report do not compete with its （三）
    sections = [("报告信息",), ("一、回顾",), ("一、回顾", "（一）甲"), ("一、回顾", "（二）乙"),
                ("一、回顾", "（三）丙"), ("一、回顾", "（四）丁"), ("二、任务",),
                ("二、任务", "在产业上跨越"), ("二、任务", "在城市上跨越"),
                ("二、任务", "在创新上跨越"), ("二、任务", "在创新上跨越")]  # fmt: skip
    marked_third = [False] * 4 + [True] + [False] * 6
    plain_third = [False] * 9 + [True, True]
    assert under_heading(sections, 3, 1).tolist() == marked_third
    assert under_heading(sections, 3, 1, size=4).tolist() == marked_third
    assert under_heading(sections, 3, 1, size=3).tolist() == [
        a or b for a, b in zip(marked_third, plain_third, strict=True)
    ]
    assert under_heading(sections, LAST, 1, size=3).tolist() == [False] * 5 + [True] + [
        False
    ] * 3 + [True, True]
    assert list_sizes(sections, 1).tolist() == [0, 0, 4, 4, 4, 4, 0, 3, 3, 3, 3]


@pytest.fixture(scope="module")
def counties(tmp_path_factory: pytest.TempPathFactory, engine: Engine) -> Engine:
    folder: Path = tmp_path_factory.mktemp("counties")
    for name in ("county_fuping_2022.txt", "county_miyi_2023.txt", "guangdong_2025.txt"):
        shutil.copy(REAL / name, folder / name)
    # items numbered （一）… in one part, plain lines (seven aims) in another
    shutil.copy(ROOT / "tests" / "data" / "fresh45" / "hefei_2013.txt", folder)
    return Engine.from_dir(folder, tokenizer=engine.tokenizer)


@pytest.mark.parametrize("level", [0, 1])
def test_the_bonus_of_every_report_at_once_is_the_report_by_report_one(
    counties: Engine, engine: Engine, level: int
) -> None:
    for table in (counties.passages, engine.passages):  # parts by place and by marker
        ranges = [table.report_range(r) for r in range(len(table.reports))]
        for n, size in itertools.product((1, 2, 3, 7, LAST), (None, 3, 7, 8)):
            whole = OrdinalBonus(table, 0.5).bonus(n, level, None, size)
            one_by_one = OrdinalBonus(table, 0.5).bonus(n, level, ranges, size)
            assert whole.tolist() == one_by_one.tolist()
            under = OrdinalBonus(table, 0.5)
            assert [under.is_under(i, n, level, size) for i in range(len(table))] == (
                (one_by_one > 0).tolist()
            )


def test_the_corpus_wide_answer_is_kept_as_one_byte_a_passage(
    counties: Engine, engine: Engine
) -> None:
    # a serving worker keeps a few of these: a byte a passage (not a float64 bonus) is what
    # brings its private memory under issue 13's 60 MB at 300k passages
    for table in (counties.passages, engine.passages):
        ordinals = OrdinalBonus(table, 0.5)
        hits = [(d, 1.0) for d in range(0, len(table), 2)]
        reports = [table.report_range(r) for r in range(len(table.reports))]
        for n, level in ((1, 0), (2, 1), (LAST, 0)):
            bonus = ordinals.bonus(n, level, None)
            kept = ordinals._everywhere(n, level, None)
            assert kept.dtype == bool and bonus.tolist() == (kept * 0.5).tolist()
            assert ordinals.under_first(hits, n, level, None, 4) == OrdinalBonus(
                table, 0.5
            ).under_first(hits, n, level, reports, 4)


def test_the_bonus_of_a_few_passages_in_report_ranges_needs_no_corpus_wide_array(
    counties: Engine, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """level_held and under_first within report ranges (a year's reports) read each
    passage's report alone, with the answers the corpus-wide array gives."""
    import retrieval.ordinals as ordinals_module

    for table in (counties.passages, engine.passages):
        ranges = [table.report_range(r) for r in range(len(table.reports))][::-1][:-1]
        docs = list(range(0, len(table), 3))
        hits = [(d, 1.0) for d in docs[:60]]
        for n in (1, 2, 3, 7, LAST):
            with monkeypatch.context() as m:  # the corpus-wide array, as before
                m.setattr(ordinals_module, "disjoint", lambda ranges: False)
                old = OrdinalBonus(table, 0.5)
                want = [old.level_held(n, ranges), old.level_held(n, ranges, lambda i: i % 2 == 0)]
                want += [old.under_first(hits, n, level, ranges, 8) for level in (0, 1)]
            new = OrdinalBonus(table, 0.5)
            monkeypatch.setattr(new, "bonus", None)  # never called: no array made
            got = [new.level_held(n, ranges), new.level_held(n, ranges, lambda i: i % 2 == 0)]
            got += [new.under_first(hits, n, level, ranges, 8) for level in (0, 1)]
            assert got == want


def test_a_headings_marked_number_is_the_n_whose_marker_it_opens_with(
    counties: Engine, engine: Engine
) -> None:
    """marked_number(h, level) is read once per heading for every n asked: the one n whose
    marker(n, level) matches, 0 where none does (numerals not written as reports write them,
    a part's marker at an item's level and the reverse)."""
    from retrieval.heading_numbers import marked_number, marker

    heads = {"十一、扩大开放", "一二、甲", "（十）乙", "十是丙", "第十一，丁", "一十、戊", "二十、己",
             "第二、庚", "（二)辛", "二是、壬", "零、癸", "（三）", "三、"}  # fmt: skip
    for table in (counties.passages, engine.passages):
        heads.update(h for section in table.sections for h in section)
    for h in heads:
        for level in (0, 1, 2):
            want = [n for n in range(1, 40) if marker(n, level).match(h)]
            assert [marked_number(h, level)] == want if want else marked_number(h, level) == 0
    assert marked_number("十一、扩大开放", 0) == 11 and marked_number("（十）乙", 0) == 0
    assert marked_number("零、癸", 0) == 0 and not marker(0, 0).match("扩大开放")
    assert marked_number("（十）乙", 1) == 10 and marked_number("一十、戊", 0) == 0


def test_the_bonus_over_many_report_ranges_is_the_corpus_wide_answer_read_at_them(
    counties: Engine, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over many report ranges (a year's reports) the bonus is read from the corpus-wide
    answer, kept for the heading asked, not computed report by report: the same bonus, and
    none outside the ranges."""
    import retrieval.ordinals as ordinals_module

    for table in (counties.passages, engine.passages):
        every = [table.report_range(r) for r in range(len(table.reports))]
        for ranges in (every, every[::2], every[::-1][:-1]):
            for n, level, size in ((1, 0, None), (2, 1, None), (3, 1, 5), (7, 2, None),
                                   (LAST, 0, None), (2, 1, 3), (0, 0, None), (0, 1, None)):  # fmt: skip
                with monkeypatch.context() as m:  # report by report, as below the bound
                    m.setattr(ordinals_module, "EVERYWHERE_ABOVE", 10**9)
                    want = OrdinalBonus(table, 0.5).bonus(n, level, ranges, size)
                monkeypatch.setattr(ordinals_module, "EVERYWHERE_ABOVE", 0)
                new = OrdinalBonus(table, 0.5)
                if n != LAST and size is None:  # (the last, plain lists: report by report)
                    monkeypatch.setattr(new, "_under", None)  # never called
                got = new.bonus(n, level, ranges, size)
                assert got.tobytes() == want.tobytes()
                assert got[[i for i in range(len(table)) if not any(
                    lo <= i < hi for lo, hi in ranges)]].sum() == 0  # fmt: skip


@pytest.mark.parametrize(
    ("question", "heading"),
    [
        ("阜平县第二部分讲什么", "2022年工作目标和主要任务"),  # plain-line parts: by place
        ("米易县第三部分讲什么", "全面加强政府自身建设"),
        ("广东第二部分讲什么", "二、2025年工作安排"),  # numbered parts: by marker
        ("广东最后一部分讲什么", "二、2025年工作安排"),  # the last: the highest marker
        ("米易县最后一大部分讲的是什么", "全面加强政府自身建设"),  # by place, 名词解释 left out
    ],
)
def test_the_numbered_part_is_cited_by_its_heading(
    counties: Engine, question: str, heading: str
) -> None:
    answer = counties.answer(question)
    assert answer.answered
    assert answer.citations[0].passage.section[0].startswith(heading)


def test_an_item_asked_by_number_beats_the_part_opening_that_shares_more_words(
    tmp_path: Path,
) -> None:
    engine = one_report(
        tmp_path,
        2025,
        "全省地区生产总值增长5%。",
        "2025年要重点做好以下9项工作。\n（一）提振信心稳定预期，全方位扩大有效需求\n"
        "大力提振消费，提高投资效益。\n（二）加快建设现代化产业体系\n推动传统产业升级，培育新兴产业。",
    )
    answer = engine.answer("2025年重点做好的9项工作中第一项是什么？")
    assert answer.answered
    assert "（一）提振信心稳定预期" in answer.citations[0].excerpt


def test_an_item_asked_by_number_about_a_thing_no_report_names_is_refused(tmp_path: Path) -> None:
    engine = one_report(
        tmp_path,
        2025,
        "全省地区生产总值增长5%。",
        "（一）扩大有效需求\n大力提振消费。\n（二）建设现代化产业体系\n推动传统产业升级，培育新兴产业。",
    )
    assert engine.answer("2025年工作安排第二项里红烧肉怎么做").status.value == "not_found"
    assert engine.answer("2025年工作安排第二项是什么").answered


def test_an_item_of_a_list_inside_a_part_is_not_the_parts_first_heading(tmp_path: Path) -> None:
    # 贵州's 十件民生实事: "第一条" of that list, not （一） of the plan, which ranks lower
    shutil.copy(ROOT / "tests" / "data" / "real" / "guizhou_2025.txt", tmp_path)
    engine = Engine.from_dir(tmp_path)
    answer = engine.answer("贵州2025年十件民生实事里促进就业的第一条有哪些指标？")
    assert answer.answered
    assert "完成高职院校“订单班”就业2万人" in answer.citations[0].passage.text


def test_a_part_number_no_part_has_is_the_item_of_that_number(tmp_path: Path) -> None:
    # 江苏 2025 (tests/data/fresh4): "重点工作第八部分" of a report of three parts is its
    # eighth item; a part that exists is still the part
    plan = (
        "（一）全力扩大内需\n大力提振消费，扩大有效投资。\n"
        "（二）加快建设现代化产业体系\n推动传统产业转型升级。\n"
        "（三）久久为功提升文化影响力\n建设大运河国家文化公园。"
    )
    engine = one_report(tmp_path, 2025, "全年地区生产总值增长5.8%。", plan)
    top = engine.answer("2025年工作安排第三部分的标题是什么？").citations[0]
    assert top.excerpt.startswith("（三）久久为功提升文化影响力")
    top = engine.answer("2025年工作安排第二部分的标题是什么？").citations[0]
    assert top.excerpt.startswith("二、2025年工作安排")


def test_a_part_s_opening_paragraphs_do_not_push_its_first_item_out(tmp_path: Path) -> None:
    # 宁波 2022 (tests/data/fresh11): "今后五年发展目标任务的第一项": three opening paragraphs of
    # that part share more of the question's words than its (一)
    filler = (
        "今后五年发展的目标任务是：经济实力、科技实力、综合竞争力大幅跃升，发展目标任务全面完成。"
    )
    plan = (
        f"{filler * 3}\n{filler * 3}\n{filler * 3}\n"
        "（一）推进高质量发展，奋力锻造“全球智造创新之都”硬实力\n"
        "强化创新赋能、数字赋能，加快建设高水平创新型城市。\n"
        "（二）建设高能级城市，奋力提升“东方滨海时尚之都”美誉度\n推进城市有机更新。"
    )
    engine = one_report(tmp_path, 2022, "全年地区生产总值增长8.2%。", plan)
    top = engine.answer("2022年发展目标任务的第一项是打造什么之都？").citations[0]
    assert "全球智造创新之都" in top.excerpt


def test_the_n_th_part_of_a_part_named_is_its_n_th_item(tmp_path: Path, engine: Engine) -> None:
    # 陕西 2024 (tests/data/fresh13): 三、2024年重点工作 (一)… (八); its part 一 is the review
    shaanxi = data_engine(tmp_path, engine, "fresh13/shaanxi_2024.txt")
    top = shaanxi.answer("陕西2024年重点工作的第一部分是什么？").citations[0]
    assert top.excerpt.startswith("（一）强化创新引领，加快构建现代化产业体系")
    top = shaanxi.answer("陕西报告第一部分讲什么？").citations[0]  # the report's own part
    assert top.excerpt.startswith("一、2023年工作回顾")
    build = shaanxi.queries.build
    assert build("2024年重点工作的第一部分是什么").part_named == ("重点工作",)
    assert build("政府工作报告中关于政府治理的第三部分标题是什么").part_named == ()
    assert build("2024年政府工作报告的第二部分讲什么").part_named == ()
    # "工作回顾的第一部分": the review's first item, though the review is the report's part 一
    top = shaanxi.answer("陕西2023年工作回顾的第一部分讲的是什么？").citations[0]
    assert "（一）紧盯关键环节" in top.excerpt


def test_items_headed_yi_shi_or_di_yi_are_numbered_items(tmp_path: Path, engine: Engine) -> None:
    from retrieval.heading_numbers import marker

    assert marker(2, 1).match("二是大力推动产业转型升级") and marker(3, 1).match("第三，全面推进")
    assert marker(2, 1).match("（二）加快构建") and not marker(2, 1).match("（三）加快构建")
    # "二、" at the item level: items under a part without a number (扬州 2022, below)
    assert marker(2, 1).match("二、着力构建现代产业体系") and marker(2, 0).match("二、2021年")
    # 吉林 2022 (tests/data/fresh19): its review's items are headed 一是 … 八是, its plan's （一）
    jilin = data_engine(tmp_path, engine, "fresh19/jilin_2022.txt")
    top = jilin.answer("吉林2021年工作回顾里列的第一项工作是什么？").citations[0]
    assert "一是全力以赴推动经济持续稳定增长" in top.excerpt


def test_the_last_item_of_the_part_named(tmp_path: Path, engine: Engine) -> None:
    # 江苏 2020 (tests/data/fresh20): the review ends with （七）, 三、扎实抓好全年重点工作 with （十）
    jiangsu = data_engine(tmp_path, engine, "fresh20/jiangsu_2020.txt")
    top = jiangsu.answer("江苏2020年重点工作的最后一项是什么？").citations[0]
    assert "（十）全力保持社会安全稳定" in top.excerpt
    assert jiangsu.queries.build("2020年重点工作的最后一项是什么").part_named == ("重点工作",)


def test_an_ordinal_in_the_report_s_own_marker_or_as_a_block(
    tmp_path: Path, engine: Engine
) -> None:
    """ "第（二）项": the item the report marks （二）; "第二块": a part, said plainly."""
    from retrieval.question_cues import ordinal_asked

    assert ordinal_asked("工作安排中第（二）项工作的标题是什么")[:2] == (2, 2)
    assert ordinal_asked("报告第三块讲什么")[:2] == (3, 1)
    assert ordinal_asked("第三块内容叫什么")[:2] == (3, 1)
    assert ordinal_asked("辽源拿了第一块金牌是什么时候")[0] is None  # a medal, not a part
    # "最后一个大部分", "第二个大部分": a part (哈尔滨 2006, tests/data/fresh88)
    assert ordinal_asked("报告最后一个大部分的标题是什么")[:2] == (LAST, 1)
    assert ordinal_asked("第二个大部分讲什么")[:2] == (2, 1)
    asked = "哈尔滨2006年政府工作报告最后一个大部分的标题是什么？"
    assert cited_section(tmp_path, engine, "fresh88/haerbin_2006.txt", asked)[0] == (
        "三、加强自身建设，提高行政能力"
    )
    # 宁德 2025 (tests/data/fresh43): （三） under 二、2025年工作安排, not part 三
    ningde = data_engine(tmp_path, engine, "fresh43/ningde_2025.txt")
    top = ningde.answer("宁德2025年工作安排第(三)项是什么？").citations[0]
    assert top.excerpt.startswith("（三）一以贯之打造“三大梦想”升级版")
    # 江西 2011 (tests/data/fresh44)
    jiangxi = data_engine(tmp_path, engine, "fresh44/jiangxi_2011.txt")
    top = jiangxi.answer("江西2011年的报告，第二块讲的是什么？").citations[0]
    assert top.excerpt == "二、关于“十二五”规划纲要（草案）的主要内容"


def test_an_ordinal_whose_unit_a_count_before_it_says(tmp_path: Path, engine: Engine) -> None:
    """ "七个方面中的第六个": the sixth of the items counted; "排第一" of "六个方面" the first."""
    from retrieval.question_cues import ordinal_asked

    assert ordinal_asked("工作部署七个方面中的第六个是什么") == (6, 2, ("工作部署",))
    assert ordinal_asked("2016年六个方面重点工作里排第一的是什么")[:2] == (1, 2)
    assert ordinal_asked("GDP排全国第一吗")[0] is None  # a rank, no count of headings
    assert ordinal_asked("六个方面里排第几")[0] is None
    assert ordinal_asked("主要抓的七个方面里，第五个是什么")[:2] == (5, 2)  # a comma between
    # 湖北 2016 (tests/data/fresh22): 三、2016年工作部署 (一)… (七)
    hubei = data_engine(tmp_path, engine, "fresh22/hubei_2016.txt")
    top = hubei.answer("湖北2016年工作部署七个方面中的第六个是什么？").citations[0]
    assert top.passage.section[1].startswith("（六）加强生态文明建设")


def test_an_ordinal_said_as_a_place_with_its_unit_asked_after(
    tmp_path: Path, engine: Engine
) -> None:
    """ "重点工作里排在第一位的是哪项": the first item, its unit asked after the place; "排第几"
    alone is a rank, and "排第一的是哪个县" asks a county, no heading."""
    from retrieval.question_cues import ordinal_asked

    assert ordinal_asked("重点工作里排在第一位的是哪项")[:2] == (1, 2)
    assert ordinal_asked("今年工作排第二的是哪个方面")[:2] == (2, 2)
    assert ordinal_asked("粮食产量在全省排第几")[0] is None
    assert ordinal_asked("在全省排第一的是哪个县")[0] is None
    assert ordinal_asked("排名第一的是哪项工作")[:2] == (1, 2)
    # a unit that opens another word asks no heading (指标, 项目, 街道)
    assert ordinal_asked("排在第三位的是哪项指标")[0] is None
    assert ordinal_asked("十大工程排第一的是什么项目")[0] is None
    assert ordinal_asked("排在第一位的是哪条街道")[0] is None
    # 枣庄 2016 (tests/data/fresh99): "（一）突出抓好产业支撑" heads its year's work
    zaozhuang = data_engine(tmp_path, engine, "fresh99/zaozhuang_2016.txt")
    top = zaozhuang.answer("枣庄2016年的重点工作，排在第一的是哪一项？").citations[0]
    assert "突出抓好产业支撑" in top.passage.text + " ".join(top.passage.section)


def test_items_numbered_like_parts_under_a_part_without_a_number(
    tmp_path: Path, engine: Engine
) -> None:
    """扬州 2022 (tests/data/fresh25): "2022年主要工作", then "一、着力推进创新驱动发展" … "八、"
    under it: the first item of 主要工作 is "一、", not the part's opening."""
    yangzhou = data_engine(tmp_path, engine, "fresh25/city_yangzhou_2022.txt")
    top = yangzhou.answer("扬州2022年主要工作的第一项是什么？").citations[0]
    assert top.passage.section[1].startswith("一、着力推进创新驱动发展")


def test_the_part_named_by_its_opening_sentence_where_no_heading_names_it(
    tmp_path: Path, engine: Engine
) -> None:
    # 株洲's plan: "三、坚定不移推动高质量发展" opens "围绕全年目标，…重点抓好以下工作。"
    asked = "株洲2020年重点工作的第一项是什么？"
    section = cited_section(tmp_path, engine, "fresh30/zhuzhou_2020.txt", asked)
    assert "（一）高质量推动产业转型升级" in section


def test_a_heading_naming_the_part_wins_over_an_opening_sentence(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "2020年某市政府工作报告\n各位代表：\n一、2019年工作回顾\n（一）产业发展\n新增企业300家。\n"
        "二、坚定不移推动高质量发展\n围绕全年目标，重点抓好以下工作。\n"
        "（一）高质量推动产业转型升级\n加快制造业升级。\n（二）高质量打赢三大攻坚战\n打好蓝天保卫战。\n"
        "三、扎实做好民生重点工作\n持续实施民生工程。\n（一）致力让就业更加充分\n新增就业3万人。\n",
        encoding="utf-8",
    )
    top = Engine.from_dir(tmp_path).answer("2020年重点工作的第一项是什么？").citations[0]
    assert "致力让就业更加充分" in top.passage.text + " ".join(top.passage.section)


def test_a_review_sentence_naming_the_part_asked_is_no_list_of_its_items(
    tmp_path: Path, engine: Engine
) -> None:
    # 辽宁 2020: the review opens on "…做好“六项重点工作”…"; the items are the plan's
    asked = "辽宁2020年重点工作的第一项是什么？"
    section = cited_section(tmp_path, engine, "fresh20/liaoning_2020.txt", asked)
    assert section[0] == "二、2020年主要目标任务"


def test_the_list_a_count_before_the_ordinal_names(tmp_path: Path, engine: Engine) -> None:
    """ "八项工作中的第七项": (七) of the part with eight items, not the review's (七) that
    shares more words; the count is no word searched ("六项" of "六项重点工作")."""
    from retrieval.heading_numbers import list_sizes
    from retrieval.question_cues import list_size_asked

    assert list_size_asked("回顾2016年的六项重点工作，第四项是什么")[0] == 6
    assert "六项" not in list_size_asked("回顾2016年的六项重点工作，第四项是什么")[1]
    assert list_size_asked("主要抓的七个方面里，第五个是什么")[0] == 7
    assert list_size_asked("2017年第二部分讲什么")[0] is None
    assert list_size_asked("两个方面里的第三项")[0] is None  # fewer than the ordinal: no list
    sections = [("一、回顾",), ("一、回顾", "（一）甲"), ("一、回顾", "（二）乙"), ("二、安排", "（二）丙"),
                ("二、安排", "（三）丁"), ("附件", "（九）戊")]  # fmt: skip
    assert list_sizes(sections, 1).tolist() == [0, 2, 2, 3, 3, 0]  # by the highest marker
    # 哈尔滨 2017 (tests/data/fresh37): 过去五年工作回顾 (一)-(七), 今后五年及2017年工作 (一)-(八)
    harbin = data_engine(tmp_path, engine, "fresh37/haerbin_2017.txt")
    top = harbin.answer("哈尔滨2017年报告部署的八项工作里，第七项讲的是什么").citations[0]
    assert top.passage.section[:2] == (
        "今后五年及2017年工作",
        "（七）全面推进哈尔滨新区建设，进一步打造全省改革开放创新发展样板区。",
    )


def test_an_ordinal_of_things_counted_in_jian(tmp_path: Path, engine: Engine) -> None:
    """ "第三件大事" numbers an item as "第三项" does: 南宁 2017 (tests/data/fresh37)."""
    nanning = data_engine(tmp_path, engine, "fresh37/nanning_2017.txt")
    top = nanning.answer("南宁2017年工作安排里的第三件大事是什么").citations[0]
    assert top.excerpt.startswith("（三）不断扩大“南宁渠道”影响力")


def test_an_item_of_a_list_inside_a_paragraph(tmp_path: Path, engine: Engine) -> None:
    """ "“十件民生实事”的第二件": 贵州 2022 (tests/data/fresh19) lists them inside one paragraph
    ("（1）…（2）…"), under (八): the excerpt quotes item (2), not the heading (八)."""
    from retrieval.citing import inline_item

    text = "扎实办好“十件民生实事”。（1）保障好就业，培训60万人次。（2）新建100所幼儿园。"
    assert inline_item(text, 2) == "（2）新建100所幼儿园。"
    assert inline_item("一是加强A，做好B；二是C。", 1) == "一是加强A，做好B；"
    assert inline_item("增长1.5%。", 1) is None
    assert inline_item("标准统一是关键，一是加强监管。", 1) == "一是加强监管。"  # not 统一是
    guizhou = data_engine(tmp_path, engine, "fresh19/guizhou_2022.txt")
    top = guizhou.answer("贵州2022年“十件民生实事”的第二件是什么").citations[0]
    assert top.excerpt.startswith("（2）努力解决群众入园入学烦心事")


def test_things_counted_then_one_by_the_same_measure_word(tmp_path: Path, engine: Engine) -> None:
    """ "“五个突破”，第一个是什么": the first of a list of five, an item; the quoted name of the
    list is not asked of the item, which does not repeat it (鄂尔多斯 2016, tests/data/fresh31:
    （一）…（五）…实现更大突破 under the plan)."""
    from retrieval.question_cues import names_a_list, ordinal_asked, without_ordinal

    assert ordinal_asked("“五个突破”，第一个是什么")[:2] == (1, 2)
    assert ordinal_asked("三篇大文章里的第二篇是什么")[:2] == (2, 2)
    assert ordinal_asked("第一个问题是什么")[0] is None  # no count before it
    assert "第二篇" not in without_ordinal("三篇大文章里的第二篇是什么")
    assert names_a_list("五个突破") and not names_a_list("双高发展")
    ordos = data_engine(tmp_path, engine, "fresh31/eerduosi_2016.txt")
    top = ordos.answer("鄂尔多斯“五个突破”里的第三个是什么").citations[0]
    assert top.excerpt.startswith("（三）推进绿色发展")


def test_a_part_asked_for_by_what_it_is_about(tmp_path: Path, engine: Engine) -> None:
    """ "讲脱贫攻坚的是哪个部分": a part whose heading names it (贵州 2019, tests/data/fresh26:
    三、坚决夺取脱贫攻坚决战之年根本性胜利), not the review's "——脱贫攻坚连战连捷"."""
    guizhou = data_engine(tmp_path, engine, "fresh26/guizhou_2019.txt")
    poverty = guizhou.answer("贵州2019年报告里讲脱贫攻坚的是哪个部分").citations[0]
    assert poverty.passage.section[0] == "三、坚决夺取脱贫攻坚决战之年根本性胜利"
    ecology = guizhou.answer("贵州2019年报告里讲生态的是哪一部分").citations[0]
    assert ecology.passage.section[0] == "五、全面提升生态文明建设水平"


def test_an_aim_of_a_plan_headed_by_plain_lines_is_found_by_its_place(
    tmp_path: Path, engine: Engine
) -> None:
    section = cited_section(
        tmp_path, engine, "fresh45/hefei_2013.txt",
        "合肥报告提出今后五年要在七个方面实现新跨越，第三个方面是哪个？",
    )  # fmt: skip
    assert section[-1] == "在自主创新上实现新跨越"


def test_an_item_of_a_list_its_opening_paragraph_names(tmp_path: Path, engine: Engine) -> None:
    """黑龙江 2009 (tests/data/fresh48) has two lists of ten items: the economy's under part
    三, and the one "今年，我们要继续实施“十项民生工程”：" opens under part 四. Both are as long
    as the question counts; the one named is the list asked about."""
    heilongjiang = data_engine(tmp_path, engine, "fresh48/heilongjiang_2009.txt")
    asked = heilongjiang.answer("黑龙江省2009年“十项民生工程”中的第一项是什么？")
    assert asked.citations[0].passage.section[-1].startswith("（一）坚持优先发展教育")
    # with no list named, the count alone leaves the order to the rest of the question
    first = heilongjiang.answer("黑龙江2009年十项工作中的第一项是什么？").citations[0]
    assert first.passage.section[-1].startswith("（一）")
