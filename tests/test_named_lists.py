"""The k-th item of a list a report names by its count ("“六大体系”中第三个") is the k-th
numbered item after the passage naming it, or the k-th paragraph opening with the word it
counts (retrieval/named_lists.py)."""

from __future__ import annotations

from pathlib import Path

from retrieval.engine import Engine
from retrieval.named_lists import ItemAsked, item_asked, item_of

from .conftest import data_engine


def test_the_item_asked_of_a_counted_list() -> None:
    assert item_asked("贵州“六大体系”中第三个是什么") == ItemAsked("六大体系", 6, "体系", 3)
    assert item_asked("广西十项为民办实事工程里的第八项") == ItemAsked(
        "十项为民办实事工程", 10, "为民办实事工程", 8
    )
    assert item_asked("要实现“六个突破”,其中第六个是什么") == ItemAsked("六个突破", 6, "突破", 6)
    # no counted name before the ordinal, or an ordinal past the count: none
    assert item_asked("全国第二个市市通高铁的省份") is None
    assert item_asked("报告第一部分讲了什么") is None
    assert item_asked("“三大体系”中第五个是什么") is None
    # an ordinal that numbers no item of a list (第一产业, 第一年, 第十四个五年规划's own count)
    assert item_asked("第十四个五年规划的第一年是哪一年") is None
    assert item_asked("三大产业中第一产业增加值多少") is None
    assert item_asked("十大工程第二批项目") is None
    # the count right before the ordinal names the list, not an earlier one
    assert item_asked("两大平台和六大体系中第三个是什么") == ItemAsked("六大体系", 6, "体系", 3)


def test_items_are_counted_after_the_passage_naming_the_list() -> None:
    asked = ItemAsked("三大体系", 3, "体系", 2)
    heads = [
        "(二)构建产业体系。…",  # another list's item, before the name
        "今后五年,着力构建“三大体系”:",
        "(一)构建产业体系。…",
        "推进产业升级…",
        "(二)构建基础设施体系。…",
        "(三)构建公共服务体系。…",
    ]
    names = ["三大体系" in h.replace("“", "").replace("”", "") for h in heads]
    assert item_of(asked, heads, names) == (1, 4)
    # a gap in the numbers is another list: no item
    gap = [*heads[:4], "(三)构建公共服务体系。…"]
    assert item_of(asked, gap, names[:5]) is None
    # (1) (2) points inside an item are another numbering than (一) (二)
    points = [*heads[:3], "(1)做强工业。", "(2)做优服务业。", *heads[4:]]
    assert item_of(asked, points, [*names[:3], False, False, *names[4:]]) == (1, 5)
    # unnumbered: paragraphs opening with the word the list counts
    words = ItemAsked("三个务必", 3, "务必", 3)
    paragraphs = ["做到“三个务必”:", "务必稳增长。…", "抓好…", "务必促改革。…", "务必惠民生。…"]
    assert item_of(words, paragraphs, [True, False, False, False, False]) == (0, 4)
    assert item_of(words, paragraphs, [False] * 5) is None


def test_the_item_of_a_named_list_answers(tmp_path: Path, engine: Engine) -> None:
    """贵州 2013 (tests/data/fresh53): "着力构建“六大体系”：" then (一)…(六), none of them
    saying the name."""
    guizhou = data_engine(tmp_path, engine, "fresh53/guizhou_2013.txt")
    top = guizhou.answer("贵州的“六大体系”里第五个体系是什么？").citations[0]
    assert top.passage.text.startswith("（五）构建助推科学发展的动力支撑体系")
