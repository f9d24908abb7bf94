"""From a ranked passage to a citation: the excerpt to quote and the words to highlight."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .excerpt import choose_excerpt, surface_matches
from .models import Answer, AnswerStatus, Citation, Passage, Ranking, Report
from .query import Query
from .rerank import concept_weights, share


class Citer:
    """Makes citations from one engine's passages."""

    def __init__(
        self,
        passages: Sequence[Passage],
        reports: Mapping[str, Report],
        fold: Callable[[str], str],
        folded: Callable[[int], str],
        term_weight: Callable[[str], float],
    ) -> None:
        self._passages = passages
        self._reports = reports
        self._fold = fold
        self._folded = folded
        self._term_weight = term_weight

    def page(self, question: str, ranked: Ranking, offset: int, size: int) -> Answer:
        """The citations of hits [offset, offset + size) of a ranking."""
        hits = ranked.hits[offset : offset + size]
        return Answer(
            question,
            AnswerStatus.ANSWERED,
            tuple(self.cite(ranked.query, i, s) for i, s in hits),
            scope=ranked.scope,
            offset=offset,
        )

    def cite(self, query: Query, i: int, score: float) -> Citation:
        passage = self._passages[i]
        term_weights = {t: w * self._term_weight(t) for t, w in query.weights.items()}
        if query.wants_section and passage.section:
            excerpt = self._heading_asked_for(query, passage)
        elif passage.glossary or passage.paragraph == 0:  # a glossary entry, the header
            excerpt = passage.text
        else:
            excerpt = choose_excerpt(
                passage.text, self._fold, term_weights, wants_number=query.wants_number
            )
        spans = surface_matches(passage.text, self._folded(i), term_weights, self._fold)
        matched = tuple(sorted({passage.text[s:e] for s, e in spans}, key=len, reverse=True))
        return Citation(passage, self._reports[passage.report], excerpt, matched, score)

    def _heading_asked_for(self, query: Query, passage: Passage) -> str:
        """For a question about a heading: the heading of the passage's path it asks for.

        The numbered one ("第二部分") if numbered, else the best-matching one; on a tie a
        second-level heading wins over the top level, and both over a lead sentence.
        """
        section = passage.section
        if query.ordinal is not None and len(section) >= query.ordinal_level:
            return section[query.ordinal_level - 1]
        weights = concept_weights(query, self._term_weight)
        preference = {1: 0.02, 0: 0.01}
        return max(
            enumerate(section),
            key=lambda e: share(self._fold(e[1]), query, weights) + preference.get(e[0], 0.0),
        )[1]
