"""What a part of a report is made of: "今年的主要任务有哪些方面", "去年做了哪些方面的工作",
"报告分几个部分". The answer is the headings themselves, in the report's order: the items
(（一）…, 一是…) of the part asked for (this year's plan, last year's review), or the parts
(一、二、…) of the whole report, each cited by the first passage under it; a part's lead
("围绕今年发展目标，重点抓好十个方面的工作：") first.

Which part: the review when the question looks back (去年, 过去, 回顾, 做了…), else the plan;
of the report's top-level headings of that part (report_parts.part_of), the one with the most
numbered items, which is where a report lists its tasks ("三、2025年重点工作", not "二、总体
要求和主要目标"). A question naming a topic of its own ("生态方面有哪些任务") is not one of
these: its words must all be the vocabulary of a report's structure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from .clean import MEETING_LINE
from .heading_numbers import APPENDIX, HEADER
from .query_types import Query, is_telling
from .question_cues import TASKS_ASKED
from .report_parts import Part, part_of
from .report_spans import span_asked
from .report_years import plans_named
from .word_kinds import word_tag

# A list asked for, of parts or items ("哪些方面", "哪几个部分", "重点工作是什么").
_LIST = re.compile(r"哪些|哪几|几个|几大|几块|几方面|几部分|什么")
# The whole report's parts ("报告分几个部分"), not a part's items.
_PARTS = re.compile(r"(?:几个|哪几个?|哪些|几大)部分|分几部分")
_REVIEW_ASKED = re.compile(r"去年|上一年|过去|回顾|做了|干了|完成了|成绩|成就")
# Words that name a report's structure or the work it plans, not a topic of its own (and the
# verbs right before the list asked: how the work is done, "统筹推进哪几大方面").
_STRUCTURE = frozenset(
    {"主要", "任务", "重点", "工作", "安排", "部署", "做好", "做", "抓", "分", "方面", "部分",
     "内容", "今年", "去年", "过去", "回顾", "政府", "要点", "举措", "抓好", "分为", "分成",
     "包括", "一共", "块", "板块", "着重", "着力", "突出", "集中", "全力"}
)  # fmt: skip
# How many items the list has ("九项工作", "八项任务"): a count of the part's items, no topic
_COUNT = re.compile(r"[一二两三四五六七八九十几\d]+[项个条]")  # (not 大: 二十大 is a congress)
# An item of a part: numbered (（一）, 一是, 第一, 1., and 一、 under a part whose heading has no
# number: "2023年工作目标任务" / "一、聚焦高质量发展…") or led by a dash ("——精准施策抓疫情").
_ITEM = re.compile(
    r"^(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[是、]|第[一二三四五六七八九十]+"
    r"|\d{1,2}[.、．]|——)"
)


def asks_aspects(query: Query) -> bool:
    """Does the question ask what a part of the report (or the report) is made of?"""
    if not query.wants_section or query.ordinal is not None or not _LIST.search(query.text):
        return False
    if "标题" in query.text or "题目" in query.text:  # "报告的标题是什么": the title
        return False
    rest = {
        c.full[0]
        for c in query.concepts
        if is_telling(c)
        and c.full[0] not in _STRUCTURE
        and not _COUNT.fullmatch(c.full[0])
        and not _names_span(c.full[0], query.text)
    }  # "“十一五”时期…哪些方面": which part the span says (aspect_passages)
    if not rest:
        return True
    verbs = [c.full[0] for c in query.concepts if word_tag(c.full[0]) == "v"]  # (推进 too)
    return rest <= _how_verbs(query.text, verbs)


def _names_span(word: str, question: str) -> bool:
    """Is `word` a five-year plan ("十一五", or "十五" quoted: “十五”) or its span (时期)?"""
    quoted = f"“{word}”"
    return word in ("时期", "期间") or bool(plans_named(word if quoted not in question else quoted))


def _how_verbs(text: str, verbs: list[str]) -> set[str]:
    """The verbs (jieba's v) said right before the list asked, one after another ("统筹推进哪几
    大方面"): how the work is done. A verb said elsewhere names a topic ("在就业方面有哪些重点
    工作": 就业)."""
    if not verbs:
        return set()
    run = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    return {v for m in re.finditer(f"(?:{run})+(?=[哪几])", text) for v in re.findall(run, m[0])}


def report_of_year(
    question: str, years: tuple[str, ...], plan_years: dict[str, int | None]
) -> str | None:
    """Of several reports (name -> plan year), the one whose part a question naming a year
    asks about: the plan of that year is in the report planning it, its review in the next
    year's report ("广东2022年政府工作安排分为几个方面": the 2022 report, not the 2023 one)."""
    if len(years) != 1:
        return None
    wanted = int(years[0]) + (1 if _REVIEW_ASKED.search(question) else 0)
    found = [name for name, year in plan_years.items() if year == wanted]
    return found[0] if len(found) == 1 else None


def aspect_passages(
    question: str,
    section: Callable[[int], tuple[str, ...]],
    span: tuple[int, int],
    plan_year: int | None,
) -> list[int]:
    """The first passage under each item of the part asked for (or under each part of the
    report), in order, among the passages `span` of one report; [] when the report has no
    such numbered headings (sections.py reads "（一）深入落实重大国家战略。坚持…" as one)."""
    firsts: dict[tuple[str, ...], int] = {}  # heading path (one or two levels) -> first passage
    for i in range(*span):
        path = section(i)
        if path:
            firsts.setdefault(path[:1], i)
            if len(path) > 1 and _ITEM.match(path[1]):
                firsts.setdefault(path[:2], i)
    tops = [p for p in firsts if len(p) == 1 and under_part(p)]
    if _PARTS.search(question) and not _REVIEW_ASKED.search(question):
        return [firsts[p] for p in tops] if len(tops) >= 2 else []
    wanted = Part.REVIEW if _REVIEW_ASKED.search(question) else Part.PLAN
    items = {top: [p for p in firsts if len(p) == 2 and p[0] == top[0]] for top in tops}
    kinds = {t: part_of(t[0], plan_year) for t in tops}
    listed = [t for t in tops if len(items[t]) >= 2]
    parts = [t for t in listed if kinds[t] is wanted]
    # "今年的主要任务": the year's part, not the five-year plan's ("二、“十四五”时期…主要目标
    # 任务" beside "三、2021年重点工作"); "十四五时期的主要任务": the plan's
    spans = span_asked(question)
    parts = [t for t in parts if span_asked(t[0]) is spans] or parts
    if (
        not any(kinds.values()) and len(listed) >= 2
    ):  # no heading says ("二、牢记历史使命…"): the review first
        parts = listed[:1] if wanted is Part.REVIEW else listed[1:]
    if not parts:
        return []
    items = {t: _one_style(items[t]) for t in parts}
    best = max(parts, key=lambda t: len(items[t]))  # ties: the first
    first_item = firsts[items[best][0]]
    lead = first_item - 1  # "重点抓好十个方面的工作：", right before the first item
    return [*([lead] if lead >= firsts[best] else []), *(firsts[p] for p in items[best])]


_Path = TypeVar("_Path", bound=tuple[str, ...])


def _style(heading: str) -> str:
    """How an item is numbered: "（" (（一）), "是" (一是), "、" (一、 or 1、), "第", "."
    (1.) or "—" (——)."""
    mark = _ITEM.match(heading)
    said = mark[0] if mark else ""
    if said.startswith(("(", "（", "第", "——")):
        return said[:1].replace("(", "（")
    return said[-1:].replace("．", ".")


def _one_style(paths: Sequence[_Path]) -> list[_Path]:
    """A part's items of the numbering most of them have (ties: the first): a part listing
    "——更加注重…" (six) before its tasks "（一）…" (seven) lists the tasks in the second."""
    styles = [_style(p[1]) for p in paths]
    most = max(dict.fromkeys(styles), key=styles.count)
    return [p for p, style in zip(paths, styles, strict=True) if style == most]


def under_part(section: tuple[str, ...]) -> bool:
    """Is a passage with this section path under a part of its report (not its header, an
    annex, a glossary, or a meeting line a page set apart like a heading)?"""
    return (
        bool(section)
        and section[0] != HEADER[0]
        and not APPENDIX.match(section[0])
        and not MEETING_LINE.search(section[0])
    )


def aspect_headings(query: Query, section: tuple[str, ...]) -> tuple[str, ...]:
    """What an answer about a report's parts or a part's items cites a passage by: its part,
    and its item where the question asks for items."""
    if _PARTS.search(query.text) and not _REVIEW_ASKED.search(query.text):
        return section[:1]
    return section[:2] if len(section) > 1 and _ITEM.match(section[1]) else section[:1]


def is_lead(query: Query, section: tuple[str, ...]) -> bool:
    """Is a passage with this section path the lead of the part whose items a question asks
    for ("围绕今年发展目标，重点抓好十个方面的工作："), quoted as it is, not by its heading?"""
    return asks_aspects(query) and len(section) == 1 and not _PARTS.search(query.text)


# The items of a part a question names asked for ("政府自身建设主要从哪几方面来抓").
_ITEMS_ASKED = re.compile(rf"哪几个?方面|哪些方面|几个方面|哪几项|哪几条|{TASKS_ASKED}")


def asks_items(question: str) -> bool:
    """Does the question ask for the items of a part ("从哪几方面", "哪几项")?"""
    return bool(_ITEMS_ASKED.search(question))


def named_part_items(
    query: Query,
    fold: Callable[[str], str],
    section: Callable[[int], tuple[str, ...]],
    span: tuple[int, int],
    region: str = "",
) -> list[int]:
    """The first passage under each sub-heading of the one part of a report whose heading
    names every word the question is about ("四、加强政府自身建设" for "政府自身建设主要从哪几
    方面来抓"), in the report's order, among the passages `span`; [] when the question asks
    for no items, no part or more than one is named, or the part has fewer than two. The
    report's own `region` ("内蒙古自治区") says whose report, and the vocabulary of structure
    ("主要任务包括哪些方面") what is asked, not which part; of two parts named, the one naming
    the year asked, or of a span of years where the question asks about one ("“十二五”时期…的
    主要任务" / "2011年…")."""
    topic = [
        c
        for c in query.concepts
        if is_telling(c) and c.full[0] not in _STRUCTURE and not all(t in region for t in c.full)
    ]
    if not topic or not asks_items(query.text):
        return []
    firsts: dict[str, dict[tuple[str, ...], int]] = {}
    named: dict[str, bool] = {}
    for i in range(*span):
        path = section(i)
        if len(path) < 2 or not under_part(path):
            continue
        if path[0] not in named:
            heading = fold(path[0])
            named[path[0]] = all(any(t in heading for t in c.full) for c in topic)
        if named[path[0]]:
            firsts.setdefault(path[0], {}).setdefault(path[:2], i)
    parts = [h for h, said in named.items() if said]
    if len(parts) > 1 and query.years:  # "2006年…有哪些主要任务": "三、2006年…的主要任务"
        parts = [h for h in parts if any(f"{y}年" in h for y in query.years)] or parts
    if len(parts) > 1:
        spans = span_asked(query.text)
        parts = [h for h in parts if span_asked(h) == spans]
    if len(parts) != 1 or len(firsts[parts[0]]) < 2:
        return []
    return list(firsts[parts[0]].values())
