"""Re-ranking the best BM25 candidates with what BM25 cannot see.

- proximity: the question's concepts found together in one sentence;
- coverage: the share of the question's concepts the passage has at all;
- question type: figures for 多少 questions, glossary entries for 是什么 questions, the lead
  that counts a list's items for 哪几项 questions.

What a passage holds of the question (the first two) is measured by coverage.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .answer_types import RANK, RANK_ASKED
from .config import RerankWeights
from .coverage import QuestionCoverage, Words, share
from .models import Passage
from .query_types import Query

# Items counted where the question asks how many and which ("哪几项工作", "几大方面"), and the
# lead that announces them ("重点抓好以下九项工作", "做好六个方面的工作"): the list's answer
_COUNT_ASKED = re.compile(r"哪几[项个大条]|几大|几个方面|几项")
_COUNT_LEAD = re.compile(
    r"以下[一二三四五六七八九十\d]+[项个大条]|[一二三四五六七八九十\d]+个方面的?(?:工作|任务)"
)


def rerank(
    candidates: Sequence[tuple[int, float]],
    passages: Callable[[int], Passage],
    folded: Callable[[int], str],
    query: Query,
    weights: Sequence[float],
    params: RerankWeights | None = None,
    report_year: Callable[[int], int | None] = lambda i: None,
    headings: Callable[[int], str] = lambda i: "",
    heading_words: Callable[[int], Words] | None = None,
    glossary: Callable[[int], bool] | None = None,
    section: Callable[[int], tuple[str, ...]] | None = None,
) -> list[tuple[int, float]]:
    """Candidates (passage index, BM25 score) re-scored and sorted, best first.

    `folded(i)` is passage i's folded text, `headings(i)` its folded section path,
    `heading_words(i)` that path's words (a heading asked for says what is asked in words);
    `glossary(i)` and `section(i)`, when given, say what passages(i).glossary and .section
    say without a Passage made (PassageTable's columns).
    """
    glossary = glossary or (lambda i: passages(i).glossary)
    section = section or (lambda i: passages(i).section)
    if not candidates:
        return []
    params = params or RerankWeights()
    top = max(s for _, s in candidates) or 1.0
    concepts = QuestionCoverage(query, weights)
    rank_asked = bool(RANK_ASKED.search(query.text))
    out = []
    asked_years = set(query.years)
    count_asked = bool(_COUNT_ASKED.search(query.text))
    for i, score in candidates:
        text = folded(i)
        context = headings(i)
        near, sentence, covered = concepts.judge(text, context)
        value = params.bm25 * score / top + params.proximity * near
        value += params.coverage * covered + params.phrase * concepts.phrases(text)
        if query.wants_number and (
            RANK.search(sentence) if rank_asked else concepts.figure_with_topic(sentence)
        ):
            value += params.number  # a rank where one is asked ("排第几": "居全国第6位")
        # (looked up only when asked about: most questions ask neither)
        if query.wants_definition and glossary(i):
            value += params.definition
        if count_asked and _COUNT_LEAD.search(text):
            value += params.section  # "抓好哪几项工作": "必须抓好以下十项工作："
        if query.wants_section and section(i):
            said = heading_words(i) if heading_words else context  # in words: 人[民生]活 no
            value += params.section * share(said, query, weights)
        years = asked_years
        if query.relative_years and (base := report_year(i)) is not None:
            years = asked_years | {str(base + offset) for offset in query.relative_years}
        if any(y in text or y in context for y in years):
            value += params.year
        out.append((i, value))
    out.sort(key=lambda x: (-x[1], x[0]))
    return out
