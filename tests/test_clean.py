"""Cleaning: tags, furniture and spam go; every paragraph of the report body stays."""

from __future__ import annotations

import re

import pytest

from retrieval.clean import INJECTION_MARK, clean_report, remove_spam, strip_html

from .conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
FURNITURE = ["WAP手机版", "本文地址", "留言与评论", "验证码", "主办单位", "本文仅代表作者观点",
             "网站地图", "版权所有", "ICP备", "导航菜单", "[纠错]", "内容摘要", "<", ">", "&nbsp;"]  # fmt: skip
SPAM = ["365", "娱乐场", "投注", "bet", "ag旗舰厅", "旗舰厅"]
_FOOTER = re.compile(r"本文仅代表作者观点|主办单位|\[纠错\]")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _body_lines(raw: str) -> list[str]:
    """The report's own paragraphs in the raw page: from the salutation to the footer."""
    lines = [ln.strip() for ln in raw.splitlines()]
    start = next(i for i, ln in enumerate(lines) if ln.startswith("各位代表"))
    body = []
    for line in lines[start:]:
        if _FOOTER.search(line):
            break
        if line and not line.startswith("<"):
            body.append(line)
    return body


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_furniture_and_spam_are_gone(path) -> None:
    cleaned = clean_report(path.read_text(encoding="utf-8"))
    for word in FURNITURE + SPAM:
        assert word not in cleaned, word


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_every_body_paragraph_survives(path) -> None:
    raw = path.read_text(encoding="utf-8")
    cleaned = _squash(clean_report(raw))
    body = _body_lines(raw)
    assert len(body) >= 5
    for line in body:
        assert _squash(remove_spam(line)) in cleaned, line[:40]


def test_spam_inside_a_sentence_is_marked_and_the_sentence_kept() -> None:
    line = "9.一平方公里:由完美体育365_365娱乐场体育投注_365bet投注技巧政府提出划定的重要项目载体区"
    assert remove_spam(line) == f"9.一平方公里:由{INJECTION_MARK}政府提出划定的重要项目载体区"
    assert remove_spam("建议您到相关地区政府ag旗舰厅首页官网浏览") == (
        f"建议您到相关地区政府{INJECTION_MARK}浏览"
    )


def test_report_words_that_look_like_spam_words_stay() -> None:
    for line in (
        "不断繁荣文化体育事业,推进两馆建设。",
        "发行福利彩票和体育彩票",
        "登录平台办理业务",
    ):
        assert remove_spam(line) == line


def test_titles_lose_the_spam_that_replaced_the_city() -> None:
    raw = (SEEDS / "004_1b65f65be8f80fa8.txt").read_text(encoding="utf-8")
    first = clean_report(raw).splitlines()[0]
    assert first == "2020年铁东区政府工作报告"


def test_html_page_is_reduced_to_its_text() -> None:
    page = (
        "<html><head><title>x</title><style>p{color:red}</style></head><body>"
        "<div class='nav'>WAP手机版</div><h1>某某区政府工作报告</h1>"
        "<p>各位代表:</p><p>现在,我代表区人民政府&nbsp;向大会报告工作。</p>"
        "<script>var a = '<p>';</script><p>一、工作回顾</p><p>全年地区生产总值增长5%&amp;以上。</p>"
        "<div>本文地址:/x.html</div><div>网站地图</div></body></html>"
    )
    text = clean_report(page)
    assert text.splitlines() == [
        "某某区政府工作报告",
        "各位代表:",
        "现在,我代表区人民政府 向大会报告工作。",
        "一、工作回顾",
        "全年地区生产总值增长5%&以上。",
    ]


def test_strip_html_keeps_block_boundaries() -> None:
    assert strip_html("<p>甲</p><p>乙</p>").split() == ["甲", "乙"]


def test_a_gt_sign_inside_an_attribute_does_not_end_the_tag() -> None:
    assert strip_html('<p title="a>b">正文</p>').split() == ["正文"]
    assert strip_html('<img alt="x>y" src="z.png">文').split() == ["文"]
    assert strip_html("<p>甲<!-- <p>注释> --></p><p>乙</p>").split() == ["甲", "乙"]


def test_strip_html_keeps_table_rows_plain_text_and_the_page_title() -> None:
    page = "<title>某县政府工作报告_某县人民政府</title><table><tr><td>甲</td><td>1.5</td></tr></table>"
    assert strip_html(page).split("\n")[0] == "某县政府工作报告"
    assert "甲 1.5" in [ln.strip() for ln in strip_html(page).splitlines()]
    assert strip_html("增长5%&amp;以上\n第二行") == "增长5%&以上\n第二行"
