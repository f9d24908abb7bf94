"""Scraped pages as real sites serve them: templates, encodings, tables, spam, bad files.

The pages in tests/data/messy were written to look like government sites and aggregators
(nav menus, breadcrumbs, share bars, ICP footers, GBK/GB2312/UTF-16/BOM/CRLF, tables,
injected gambling spam), with report text of their own.
"""

from __future__ import annotations

import pytest

from retrieval.clean import clean_report
from retrieval.corpus import decode_report
from retrieval.engine import Engine
from retrieval.models import AnswerStatus
from retrieval.sections import split_sections

from .conftest import ROOT

MESSY = ROOT / "tests" / "data" / "messy"


@pytest.fixture(scope="module")
def messy() -> Engine:
    return Engine.from_dir(MESSY)


def _clean(name: str) -> str:
    text = decode_report((MESSY / name).read_bytes())
    assert text is not None
    return clean_report(text)


def test_bad_files_are_named_and_the_rest_served(messy: Engine) -> None:
    # arong_banner.txt, arong_gb2312.html and utf16.txt are one report: one copy is kept.
    assert len(messy.reports) == 7 and "arong_banner.txt" in messy.reports
    assert any(w.startswith("arong_gb2312.html、utf16.txt: ") for w in messy.warnings)
    assert any(w.startswith("empty_report.html") for w in messy.warnings)
    assert any(w.startswith("scan_of_report.html") for w in messy.warnings)


def test_metadata_of_every_template(messy: Engine) -> None:
    meta = {r.name: r.meta for r in messy.reports.values()}
    assert (
        meta["tonghua_h1.html"].title == "通化市政府工作报告"
    )  # from <title>; the page says only 政府工作报告
    assert (
        meta["chaoyang_bj.html"].title.endswith("朝阳区政府工作报告")
        or "2023年政府工作报告" in meta["chaoyang_bj.html"].title
    )
    assert meta["chaoyang_bj.html"].title != "政府工作报告"  # not the menu item
    assert meta["jingyu.html"].title == "靖宇县2023年政府工作报告"  # spam suffix cut
    assert (meta["arong_banner.txt"].region, meta["arong_banner.txt"].office) == ("阿荣旗", "旗长")
    assert (meta["fusong_agg.html"].region, meta["fusong_agg.html"].office) == ("抚松县", "县长")
    assert meta["fusong_agg.html"].parent == "白山市"  # from the division table
    assert (meta["nanguan_br.htm"].region, meta["nanguan_br.htm"].parent) == ("南关区", "长春市")
    assert (
        meta["tonghua_h1.html"].office == "代市长" and meta["tonghua_h1.html"].date == "2023-01-08"
    )


def test_page_furniture_and_spam_are_gone() -> None:
    for name in ("baicheng_gov.html", "chaoyang_bj.html", "fusong_agg.html", "tonghua_h1.html"):
        text = _clean(name)
        for junk in ("首页", "当前位置", "分享到", "打印本页", "ICP备", "公网安备", "主办单位",
                     "字体", "<", "&nbsp;", "\u2002", "澳门", "百家乐", "bet365", "hg8868", "投注"):  # fmt: skip
            assert junk not in text, (name, junk)
    # Only the injected string goes, marked; the report's own comma stays.
    assert "同比增长9.2%，〔网页插入内容已删除〕。长白山" in _clean("fusong_agg.html")


def test_table_rows_keep_their_figures() -> None:
    text = _clean("tonghua_h1.html")
    assert "地区生产总值（亿元） 580.2 4.5" in text.splitlines()


def test_gb2312_utf16_and_crlf_pages_read_like_the_utf8_one() -> None:
    reference = split_sections(_clean("arong_banner.txt"))
    for name in ("arong_gb2312.html", "utf16.txt"):
        sections = [p.section for p in split_sections(_clean(name))]
        assert sections == [p.section for p in reference], name
    assert ("一、2022年工作回顾", "——农牧业基础更加稳固。") in {p.section for p in reference}


def test_heading_with_subheadings_is_not_a_passage_of_its_own(messy: Engine) -> None:
    assert not [p for p in messy.passages if p.text.startswith("二、2023年工作安排")]


@pytest.mark.parametrize(
    ("question", "report", "expected"),
    [
        ("通化市2022年地区生产总值是多少？", "tonghua_h1.html", "580.2"),
        ("吉林省抚松县人参产业产值是多少？", "fusong_agg.html", "120亿元"),
        ("呼伦贝尔市阿荣旗大豆种植面积多少？", None, "280万亩"),
        ("桂林路商圈引进首店品牌多少个？", "nanguan_br.htm", "35个"),
        ("北京市朝阳区地区生产总值是多少？", "chaoyang_bj.html", "8014亿元"),
    ],
)
def test_region_named_questions(
    messy: Engine, question: str, report: str | None, expected: str
) -> None:
    answer = messy.answer(question)
    assert answer.answered, question
    top = answer.citations[0]
    assert report is None or top.passage.report == report
    assert expected in top.excerpt


def test_a_district_of_another_city_has_no_report(messy: Engine) -> None:
    answer = messy.answer("长春市朝阳区地区生产总值是多少？")
    assert answer.status is AnswerStatus.UNKNOWN_REGION
    assert answer.unknown_region == "长春市朝阳区"


def test_a_photo_caption_is_not_the_title() -> None:
    from retrieval.metadata import extract_metadata

    # a provincial portal's page (hebei.gov.cn, tests/data/fresh5): scraper labels, the
    # meeting line, the speaker and a photo caption longer than the title line
    page = (
        "标题：2021年河北省政府工作报告\n发文单位：河北省人民政府\n发文时间：未知\n\n正文：\n\n"
        "——2021年2月19日在河北省第十三届人民代表大会第四次会议上\n河北省人民政府省长 许勤\n"
        "许勤作政府工作报告。河北日报记者孟宇光摄\n各位代表：\n现在，我代表河北省人民政府向大会作"
        "工作报告，请予审议。\n一、2020年工作回顾\n全省生产总值增长3.9%。\n"
    )
    text = clean_report(page)
    assert text.startswith("标题：2021年河北省政府工作报告\n——2021年2月19日")
    assert "发文单位" not in text and "发文时间" not in text and "正文：" not in text
    meta = extract_metadata(text, "x.txt")
    assert (meta.region, meta.date, meta.speaker, meta.plan_year) == (
        "河北省",
        "2021-02-19",
        "许勤",
        2021,
    )
    # a date in Chinese numerals
    page = page.replace("——2021年2月19日", "二〇二一年二月十九日")
    assert extract_metadata(clean_report(page), "x.txt").date == "2021-02-19"


def test_a_labelled_line_that_says_where_the_report_was_given_is_its_header() -> None:
    from retrieval.metadata import extract_metadata

    # 江西 2025 (tests/data/fresh2): the meeting and speaker only on a "来源：" line
    line = "来源：江西省人民政府2025年1月17日在江西省第十四届人民代表大会第三次会议上省长叶建春作政府工作报告。"
    page = f"2025年江西省政府工作报告\n{line}\n各位代表：\n一、2024年工作回顾\n全省生产总值增长5.1%。\n"
    text = clean_report(page)
    assert line in text
    assert extract_metadata(text, "x.txt").date == "2025-01-17"
    # a source line that says no meeting is the page's
    assert "来源" not in clean_report(page.replace(line, "来源：江西日报"))


def test_line_breaks_a_scraper_wrote_out_as_characters_are_line_breaks() -> None:
    from retrieval.metadata import extract_metadata

    # tests/data/fresh7: whole reports on one line, "\r\n" written out between paragraphs,
    # and no header naming the place: the county it names itself by in full and most often
    body = (
        "全县上下紧紧围绕建设经济强县、和谐清苑，深化合作。清苑县生产总值增长9%。"
        "清苑蔬菜、清苑西瓜走向保定，合作社发展到120家，合作共赢。"
        "清苑工业园区、清苑新城建设提速。"
    )
    page = "政府工作报告\\r\\n2013年3月19日\\r\\n各位代表：\\r\\n一、2012年工作回顾\\r\\n" + body
    text = clean_report(page)
    assert text.splitlines()[:3] == ["政府工作报告", "2013年3月19日", "各位代表："]
    meta = extract_metadata(text, "x.txt")
    assert (meta.region, meta.parent, meta.date) == ("清苑区", "保定市", "2013-03-19")
    # a place named only by a short form inside a longer name (安新 of 雄安新区) is not itself
    page = "各位代表：\n" + "雄安新区建设提速，容城新城加快建设。" * 6 + "容城县生产总值增长8%。"
    assert extract_metadata(clean_report(page), "x.txt").region == "容城县"
    # one backslash sequence is text, not a line break
    assert clean_report("各位代表：\n路径C:\\new\\report保持原样。").endswith(
        "C:\\new\\report保持原样。"
    )


def test_a_report_with_no_header_is_the_government_its_opening_names() -> None:
    from retrieval.metadata import extract_metadata

    # tests/data/fresh9: provincial reports that start at 各位代表 (no title, meeting, speaker)
    opening = "各位代表：\n现在，我代表北京市人民政府，向大会报告政府工作，请予审议。\n"
    page = opening + "一、2023 年工作回顾\n全市地区生产总值增长5.2%。\n"  # a PDF's "2023 年"
    meta = extract_metadata(clean_report(page), "x.txt")
    assert (meta.region, meta.level, meta.plan_year) == ("北京市", "province", 2024)
    # "我代表省人民政府" names only the level: the province the report names most often
    body = (
        "习近平总书记亲临广东视察，赋予广东重大使命。广东经济总量连续领跑，湖南、广西与广东合作。"
        * 3
    )
    page = "各位代表：\n现在，我代表省人民政府，向大会报告工作。\n一、2022年工作回顾\n" + body
    meta = extract_metadata(clean_report(page), "x.txt")
    assert (meta.region, meta.level, meta.plan_year) == ("广东省", "province", 2023)
    # a county's report still names itself, not the province it lies in
    page = (
        "各位代表：\n现在，我代表县人民政府报告工作。\n"
        + "河北省清苑县蔬菜增产，清苑西瓜走俏。" * 6
    )
    assert extract_metadata(clean_report(page), "x.txt").region == "清苑区"
    # "我代表市人民政府" in a municipality's report: the municipality, not its busiest district
    body = "上海加快建设国际金融中心，浦东新区引领区建设，上海自贸试验区临港新片区扩区。" * 3
    page = "各位代表：\n现在，我代表市人民政府，向大会报告工作。\n一、2024年工作回顾\n" + body
    meta = extract_metadata(clean_report(page), "x.txt")
    assert (meta.region, meta.level) == ("上海市", "province")
    # ... and a city's report its city
    body = "保定市蔬菜增产，保定西瓜走俏，清苑区、满城区同步推进。" * 4
    page = "各位代表：\n现在，我代表市人民政府报告工作。\n" + body
    assert extract_metadata(clean_report(page), "x.txt").region == "保定市"


def test_a_front_matter_title_is_the_title_without_its_key() -> None:
    from retrieval.metadata import extract_metadata

    # a report kept as Markdown with front matter (lawtext/gov, tests/data/fresh13)
    page = (ROOT / "tests" / "data" / "fresh13" / "shaanxi_2024.txt").read_text(encoding="utf-8")
    assert page.startswith("---\nsource: ")
    meta = extract_metadata(clean_report(page), "shaanxi_2024.txt")
    assert meta.title == "陕西省2024年政府工作报告" and meta.region == "陕西省"
