"""What the header of a report (title, meeting, speaker: paragraph 0) answers.

Who gave the report, when and where (answer_types.asks_delivery), if the header holds what the
question says of it (or, of the work report itself, its text does: "这份回顾2016年…的政府工作
报告"); any other question only if the header holds every word of it, besides a year, a
question word and what jieba made up.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .answer_types import TITLE_WORDS, asks_delivery
from .clean import OFFICE
from .query_types import Query, is_topic
from .question_cues import KIND_ASKED
from .word_kinds import word_tag

# 哪一年, 第几次, 什么时候, 标题是什么: asked, not held
_QUESTION_WORD = re.compile(rf"[谁哪几啥]|什么|多少|时候|{TITLE_WORDS}")
_WHEN_OR_WHICH = frozenset({"t", "mq", "r"})  # 年初, 这份, 本次: its date and the report asked
_SPEAKER = re.compile(rf"(?:{OFFICE})\s*[\u4e00-\u9fff]{{2}}")  # an office and a name


def header_answers(
    query: Query,
    header: str,
    speakers: tuple[str, ...] = (),
    report_holds: Callable[[str], bool] | None = None,
) -> bool:
    """Does the header (folded) answer the question? "辽源市长是谁" (市长), not "辽源市2022年
    GDP" (2022) nor "省长金湘军是哪一年出生的" (出生); "报告是由谁作的" yes, "张三是在哪天作
    的…" not where the header does not name 张三 (nor a loaded report's speaker named, in
    `speakers`)."""
    own = [
        c
        for c in query.concepts
        if c.weight >= 1.0
        and is_topic(c)
        and not _QUESTION_WORD.search(c.full[0])
        and any(not t.isdigit() and len(t) > 1 and word_tag(t) for t in c.full)
    ]  # "在第几次会议上作的": 上作 is no word of jieba's dictionary
    if not asks_delivery(query.text):
        return bool(own) and all(any(t in header for t in c.full) for c in own)
    # who gave it, when, where: the header is the answer if it holds what is said of it, but
    # for when ("年初": its date says) and who in general ("哪位领导": its office says)
    kind = KIND_ASKED.findall(query.text)  # "哪位领导": the header names the office, not 领导
    if kind and not _SPEAKER.search(header):
        return False  # "哪位县长作的": a header that names no one does not say
    own = [c for c in own if word_tag(c.full[0]) not in _WHEN_OR_WHICH and c.full[0] not in kind]
    # what the question says of the work report ("回顾2016年、部署2017年的政府工作报告"): its text
    # says it (not of another report it names: "营商环境评价报告什么时候发布")
    text_says = report_holds if "工作报告" in query.text else None
    held = all(
        any(t in header or (text_says is not None and text_says(t)) for t in c.full) for c in own
    )
    # every person named: by jieba's tagger, or a speaker of a loaded report it misses
    return held and all(name in header for name in (*query.people, *speakers))
