"""Which clause of a sentence gives the figure a question asks for (the re-ranker's number
bonus, rerank.py).

A figure speaks of the thing asked in a clause naming it or in the clause after it ("粮食总产量
再上新台阶，突破1600亿斤大关"); in a list of figures (a year's targets: three clauses or more
each giving one) only in the clause naming it. What a share is taken of is not what its figure
measures ("旅游总收入达到4520亿元，占生产总值9%"), and where one year's growth is asked a
span's yearly average is no figure of it ("2015年GDP涨了多少": "全省生产总值…跨上万亿元新台阶，
年均增长11.1%").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .answer_types import asks_a_years_rate
from .query_types import FIGURE, Query
from .report_spans import span_asked

_CLAUSE = re.compile(r"[，,；;：:]")  # a sentence's clauses (a list of targets: one each)
_FIGURES_LISTED = 3  # clauses giving figures that make a sentence a list of figures
# What a share is of: "占生产总值9%", "占GDP的比重", "占全省比例"
_SHARE_OF = re.compile(r"占[^，,。；;：:\d]{1,12}?(?:的?(?:比重|比例)|(?=\d))")
_AVERAGE = re.compile(r"年均|年平均")  # a span's yearly average ("年均增长11.1%")


def years_rate_asked(query: Query) -> bool:
    """Does the question ask one year's growth or rate ("2015年GDP涨了多少"), not a span's?"""
    return query.one_year and asks_a_years_rate(query.text) and not span_asked(query.text)


def figure_with_topic(sentence: str, topic: Sequence[str], years_rate: bool = False) -> bool:
    """Does `sentence` give a figure of the thing asked (`topic`: its words; `years_rate`: one
    year's growth is asked)?"""
    if FIGURE.search(sentence) is None:
        return False  # (most sentences: no split)
    if not topic:
        return True
    clauses = _CLAUSE.split(sentence)
    figures = [FIGURE.search(c) is not None for c in clauses]
    listed = sum(figures) >= _FIGURES_LISTED
    clauses = [_SHARE_OF.sub("", c) if "占" in c else c for c in clauses]
    if years_rate:
        figures = [f and _AVERAGE.search(c) is None for f, c in zip(figures, clauses, strict=True)]
    return any(
        figure
        and (
            any(t in clauses[k] for t in topic)
            or (not listed and k > 0 and any(t in clauses[k - 1] for t in topic))
        )
        for k, figure in enumerate(figures)
    )
