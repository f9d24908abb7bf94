"""Re-ranking the best BM25 candidates with what BM25 cannot see.

- proximity: the question's concepts found together in one sentence;
- coverage: the share of the question's concepts the passage has at all;
- question type: figures for 多少 questions, glossary entries for 是什么 questions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .config import RerankWeights
from .models import Passage
from .passages import sentence_spans
from .query import FIGURE, Query


def concept_weights(query: Query, idf: Callable[[str], float]) -> list[float]:
    """Weight of each concept: its query weight times the rarest idf among its words
    (a word no passage has counts at least as much as its rarest piece)."""
    return [
        c.weight * max(idf(t) for t in (*c.full, *c.partial))
        if c.partial
        else c.weight * max(idf(t) for t in c.full)
        for c in query.concepts
    ]


def share(text: str, query: Query, weights: Sequence[float]) -> float:
    """Share of the concepts' weight that `text` (folded) holds."""
    total = sum(weights)
    if total <= 0:
        return 0.0
    got = 0.0
    for c, w in zip(query.concepts, weights, strict=True):
        if any(t in text for t in c.full):
            got += w
        elif c.partial:
            found = sum(t in text for t in c.partial)
            got += query.partial_credit * w * found / len(c.partial)
    return got / total


def best_sentence_share(
    folded: str, query: Query, weights: Sequence[float], context: str = ""
) -> tuple[float, str]:
    """The sentence holding the largest share of the question, and that share.

    `context` (the passage's headings) counts as part of every sentence; among equal
    shares a sentence with a figure wins when the question asks for one.
    """
    best, best_text, best_digit = -1.0, "", False
    for s, e in sentence_spans(folded):
        sentence = folded[s:e]
        value = share(sentence + " " + context, query, weights)
        digit = query.wants_number and bool(FIGURE.search(sentence))
        if value > best or (value == best and digit and not best_digit):
            best, best_text, best_digit = value, sentence, digit
    return max(best, 0.0), best_text


def rerank(
    candidates: Sequence[tuple[int, float]],
    passages: Callable[[int], Passage],
    folded: Callable[[int], str],
    query: Query,
    weights: Sequence[float],
    params: RerankWeights | None = None,
    report_year: Callable[[int], int | None] = lambda i: None,
    headings: Callable[[int], str] = lambda i: "",
) -> list[tuple[int, float]]:
    """Candidates (passage index, BM25 score) re-scored and sorted, best first.

    `folded(i)` is passage i's folded text, `headings(i)` its folded section path.
    """
    if not candidates:
        return []
    params = params or RerankWeights()
    top = max(s for _, s in candidates) or 1.0
    out = []
    for i, score in candidates:
        text = folded(i)
        passage = passages(i)
        context = headings(i)
        near, sentence = best_sentence_share(text, query, weights, context)
        value = params.bm25 * score / top + params.proximity * near
        value += params.coverage * share(text, query, weights)
        if query.wants_number and FIGURE.search(sentence):
            value += params.number
        if query.wants_definition and passage.glossary:
            value += params.definition
        if query.wants_section and passage.section:
            value += params.section * share(context, query, weights)
        years = set(query.years)
        if query.relative_years and (base := report_year(i)) is not None:
            years |= {str(base + offset) for offset in query.relative_years}
        if any(y in text or y in context for y in years):
            value += params.year
        out.append((i, value))
    out.sort(key=lambda x: (-x[1], x[0]))
    return out
