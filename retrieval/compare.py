"""The same question put to every report: one row each, found or 未找到 (Engine.compare)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from . import across
from .models import Answer, AnswerStatus, CompareRow, Conversation
from .query_types import Query
from .question import question_text, quoted_phrases, too_long_answer
from .scans import scanning
from .sentences import sentence_spans

if TYPE_CHECKING:
    from .engine import Engine


def compare_reports(
    engine: Engine, question: str, conversation: Conversation | None = None, cross: bool = False
) -> Answer:
    """Every report's best passage for the same question: a row per report, those with
    a confident passage first (best first), then those without (未找到, nothing cited).

    For questions like "各地地区生产总值增长多少": each row from its own report and held
    to the same abstention test as a normal answer. `cross`: the question asked across
    reports ("哪个区的GDP最高"); its cues are left out of the search, and when every
    figure found is comparable the highest (or lowest) row is named. Of more reports than
    config.compare_reports, those whose best passage scores highest are ranked and the rest
    counted (Answer.not_compared).
    """
    conv = conversation if conversation is not None else Conversation()
    text, too_long = question_text(question)
    if too_long:
        return too_long_answer(question)
    asked = engine.regions.full_years(text)  # what is matched; the question is shown as written
    region = engine.regions.match(asked)
    if region.unknown:
        return Answer(text, AnswerStatus.UNKNOWN_REGION, unknown_region=region.unknown)
    topic = across.topic(asked) or asked
    query = engine.queries.build(topic, region.names)
    if not query.weights:
        return Answer(text, AnswerStatus.EMPTY_QUESTION)
    conv.last_question = text
    conv.ranking, conv.offset = None, 0
    phrases = quoted_phrases(text)
    scores = engine._scores(query)
    fallback = not scores.any()  # a tiny corpus whose idfs are all zero: terms, not scores
    names = list(engine.reports)
    if len(set(region.reports)) >= 2:  # "辽源和铁东……对比": those reports only
        names = [n for n in names if n in region.reports]
    names, not_compared = _best_scored(engine, names, scores, engine.config.compare_reports)
    found: list[tuple[CompareRow, float]] = []
    missing: list[CompareRow] = []
    with scanning():  # every report's candidates: not kept for other questions (scans.py)
        for name in names:
            report = engine.reports[name]
            hits = engine._rank(query, (name,), scores, phrases, fallback)
            if hits and compared(engine, query, hits[0][0], topic):
                citation = engine._citer.cite(query, *hits[0])
                gap = engine.config.figure_gap
                figure = across.read_figure(citation, report.meta.plan_year, gap)
                if figure is not None:
                    citation = replace(citation, matched=(*citation.matched, figure.text))
                found.append((CompareRow(report, citation, figure), hits[0][1]))
            else:
                missing.append(CompareRow(report, None))
    found.sort(key=lambda f: -f[1])
    rows = tuple([row for row, _ in found] + missing)
    citations = tuple(row.citation for row, _ in found if row.citation is not None)
    lowest = across.wants_lowest(text)
    # no highest named where reports were left out: one of them may hold a higher figure
    ranked_all = not not_compared
    leader = across.leader(rows, lowest) if cross and lowest is not None and ranked_all else None
    status = AnswerStatus.ANSWERED if citations else AnswerStatus.NOT_FOUND
    answer = Answer(
        text,
        status,
        citations,
        rows=rows,
        across=cross,
        leader=leader,
        leader_is_lowest=bool(lowest),
        not_compared=not_compared,
        phrases=phrases,
        index_version=engine.index.version,
    )
    conv.last_answer = answer
    return answer


def _best_scored(
    engine: Engine, names: list[str], scores: np.ndarray, most: int
) -> tuple[list[str], int]:
    """`names` where no more than `most` of them have a passage scored; else those `most`
    whose best passage scores highest (ties to the earlier) and every report with none scored
    (it has no candidate: a row 未找到 at no cost), in their order, and how many were left out.
    Each report ranked costs about a millisecond at 300k passages: a question asked across
    2,400 reports took 3 s."""
    if len(names) <= most:
        return names, 0
    best = np.array(
        [max((float(scores[lo:hi].max()) for lo, hi in engine._ranges((n,)) if hi > lo),
             default=0.0) for n in names]
    )  # fmt: skip
    scored = int(np.count_nonzero(best > 0))
    if scored <= most:
        return names, 0
    keep = np.sort(np.r_[np.argsort(-best, kind="stable")[:most], np.flatnonzero(best <= 0)])
    return [names[k] for k in keep.tolist()], scored - most


def compared(engine: Engine, query: Query, i: int, topic: str) -> bool:
    """Is passage i a confident answer for its report in a comparison?

    The strict test, or the normal one when a sentence of the passage holds every word
    of the question's terms in another order ("改造96个老旧小区" for 老旧小区改造).
    """
    if engine._abstention.confident(query, i, strict=True):
        return True
    if not engine._abstention.confident(query, i):
        return False
    pieces = []
    for term in engine.tokenizer.precise_terms(topic):
        words = [w for w in engine.tokenizer.words(term) if w != term] or [term]
        pieces.append([w for w in words if not any(v != w and v in w for v in words)])
    if not pieces:
        return False
    folded = engine._folded[i]
    sentences = [folded[a:b] for a, b in sentence_spans(folded)]
    return any(all(all(w in s for w in ws) for ws in pieces) for s in sentences)
