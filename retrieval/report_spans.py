"""The span of years a report reviews ("这五年", "过去五年", "十三五时期") and questions about one.

A work report opens its review with the term behind it ("五年来，…", "“十四五”时期发展成就")
before the past year: a question naming no span is not answered by the term's totals
(term_review), one asking about the years behind ("过去五年", "这几年") is answered by a passage
that speaks of them, in its heading or its opening (speaks_of_span, span_first), and a
paragraph's later passages speak of the span its first sentences name (paragraph_span). The
parts of a report (review, plan) are report_parts.py's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .report_years import PLAN_NAME


def span_asked(question: str) -> bool:
    """Does the question ask about a span of years ("五年", "十三五", "以来", "累计")?"""
    return bool(_SPAN.search(question))


def years_span_asked(question: str) -> bool:
    """Does the question ask about a span, in words or as a range of years ("（2013-2017年）")?"""
    return span_asked(question) or bool(_YEAR_RANGE.search(question))


_YEAR_RANGE = re.compile(r"(?:19|20)\d\d年?\s*[-—–~～至到]\s*(?:19|20)\d\d")
_ONE_YEAR = re.compile(r"(?:19|20)\d\d年(?!代)")  # a heading of one year's review


def term_review(section: tuple[str, ...], question: str) -> bool:
    """Is a passage with this section path part of the review of a span of years ("这五年，是
    …的五年", "十三五时期") while the question asks about no span?"""
    return (
        len(section) > 1
        and bool(_TERM_HEADING.search(" ".join(section[1:])))
        and not _SPAN.search(question)
    )


# A span of years: a term's review ("这五年", "过去五年", "十三五时期"), or a question about one.
# A heading of the term's review: its own wording, not any span ("三年行动", "十四五收官之年").
_TERM_HEADING = re.compile(r"这[五几两三]年|[五几]年来|过去[五几]年|[五几]年间")
_SPAN = re.compile(r"[五几两三]年|十[一二三四五六]五|以来|累计|期间|历年|这些年")


# A past span asked ("过去五年", "这几年", "十三五期间") and a passage of a term's review: a
# heading or an opening that speaks of the span ("这五年，是…的五年", "“十三五”时期发展成就",
# "五年来，…"), not of one year ("今年要完成1000万以上农村贫困人口脱贫任务").
_BEHIND_WORDS = (
    r"过去的?[五几]年|这[五几]年|[五几]年来|近[五几]年|这几年|这些年|[五几]年里|[五几]年下来"
)
_TERM = rf"{PLAN_NAME.pattern}”?"  # "十三五", "“十三五”"
_BEHIND = re.compile(_BEHIND_WORDS)
_PAST_SPAN = re.compile(rf"{_BEHIND_WORDS}|{_TERM}(?:时期|期间|以来|末)")
_SPAN_HEADING = re.compile(rf"{_TERM_HEADING.pattern}|过去的[五几]年|{_TERM}(?:时期|期间)")
_SPAN_OPENING = re.compile(
    rf"(?:各位代表[！!，,]?)?(?:过去的?|这)[五几]年|[五几]年来|“?{_TERM}(?:时期|期间|以来)"
)


def past_span_asked(question: str) -> bool:
    """Does the question ask about a span of years behind the report ("过去五年", "这几年")?"""
    return bool(_PAST_SPAN.search(question))


def behind_asked(question: str) -> bool:
    """Does the question ask about the years behind the report in its own words ("过去五年",
    "这几年"), which no part planning ahead answers ("十四五时期" may be either)?"""
    return bool(_BEHIND.search(question))


def span_opening(text: str) -> str:
    """The span of years a passage opens on ("这五年，脱贫攻坚全面胜利…": 这五年), or ""."""
    m = _SPAN_OPENING.match(text)
    return m.group() if m else ""


def paragraph_span(lead: str) -> str:
    """The span of years a paragraph speaks of, said in its first two sentences (`lead`: its
    first passage): "各位代表！2020年是“十三五”收官之年。五年来，…" (五年来), or "". Its later
    passages ("累计新增城镇就业441.8万人。") speak of that span too."""
    head = _TWO_SENTENCES.match(lead)
    m = _BEHIND.search(head.group() if head else "")  # not "绘制好“十五五”时期…": ahead
    return m.group() if m else ""


_TWO_SENTENCES = re.compile(r"(?:各位代表[！!，,]?)?[^。！？!?]*[。！？!?]?[^。！？!?]*")


def speaks_of_span(section: tuple[str, ...], text: str) -> bool:
    """Is a passage (its section path and text: "" where its paragraph's span is read
    elsewhere, year_and_part.span_said) part of the review of a span of years? A
    heading that also names one year ("一、2020年和“十三五”时期工作回顾") holds the year's
    review too: it does not say which its passage is of."""
    return any(
        _SPAN_HEADING.search(h) and not (_ONE_YEAR.search(h) and not _YEAR_RANGE.search(h))
        for h in section
    ) or bool(_SPAN_OPENING.match(text))


def span_first(
    hits: list[tuple[int, float]],
    depth: int,
    of_span: Callable[[int], bool],
    answers: Callable[[int], bool],
) -> list[tuple[int, float]]:
    """`hits` with the first of the best `depth` that speaks of the span asked (`of_span`)
    and answers (`answers`) moved to the front, when the first does not speak of it."""
    if not hits or of_span(hits[0][0]):
        return hits
    for k, (doc, _) in enumerate(hits[1:depth], 1):
        if of_span(doc) and answers(doc):
            return [hits[k], *hits[:k], *hits[k + 1 :]]
    return hits
