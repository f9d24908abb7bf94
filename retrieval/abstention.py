"""When the reports do not answer: the tests a passage must pass to be cited.

None of them is a raw BM25 score: the share of the question's weighted concepts a passage holds,
a year the question names that its report must mention, a figure (in the unit asked) where a
figure is asked for, and for the header (title, meeting, speaker) a word of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from .models import Passage, Report
from .query import FIGURE, Query, is_topic, unit_figure
from .rerank import best_sentence_share, concept_weights, share


class Abstention:
    """The abstention tests over one engine's passages (see the module docstring)."""

    def __init__(
        self,
        passages: Sequence[Passage],
        reports: Mapping[str, Report],
        folded: Callable[[int], str],
        headings: Callable[[int], str],
        term_weight: Callable[[str], float],
        min_coverage: float,
    ) -> None:
        self._passages = passages
        self._reports = reports
        self._folded = folded
        self._headings = headings
        self._term_weight = term_weight
        self._min_coverage = min_coverage

    def confident(self, query: Query, doc: int, strict: bool = False) -> bool:
        """Does passage `doc` answer the question, or only share words with it?

        `strict` (compare) also wants the question's most telling concept itself.
        """
        if query.ordinal is not None and not query.weights:
            return True
        passage = self._passages[doc]
        if passage.paragraph == 0 and not self.asks_header(query, doc):
            return False
        if query.years and any(  # the whole text is read (decoded) only when a year is asked
            year not in self._reports[passage.report].text for year in query.years
        ):
            return False
        weights = concept_weights(query, self._term_weight)
        context = self._headings(doc)
        folded = self._folded(doc)
        if query.years and query.wants_number and other_year_only(folded, context, query.years):
            return False  # a figure of another year than the one asked for
        if query.wants_number:
            _, sentence = best_sentence_share(folded, query, weights, context)
            if not FIGURE.search(sentence):
                return False
            if query.unit and not unit_figure(query.unit).search(folded):
                return False  # "多少元" answered by a growth rate is no answer
        text = folded + " " + context
        if strict and weights:
            top = max(range(len(weights)), key=weights.__getitem__)
            if not any(t in text for t in query.concepts[top].full):
                return False  # the question's most telling concept is not there
        topic = [w if is_topic(c) else 0.0 for c, w in zip(query.concepts, weights, strict=True)]
        if sum(topic) > 0:  # the share of what the question is about, not of its year or unit
            weights = topic
        return share(text, query, weights) >= self._min_coverage

    def asks_header(self, query: Query, doc: int) -> bool:
        """The header (title, meeting, speaker) answers only for a word of its own besides a
        year: "辽源市长是谁" (市长), not "辽源市2022年GDP" (2022)."""
        text = self._folded(doc)
        return any(
            t in text for c in query.concepts for t in c.full if not t.isdigit() and len(t) > 1
        )

    def relevant(self, query: Query, hits: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """The hits after the first that still hold enough of the question to be worth citing."""
        if not query.weights:  # "第二部分": every passage of that part is as good
            return hits
        weights = concept_weights(query, self._term_weight)
        return [
            (i, s)
            for i, s in hits
            if (self._passages[i].paragraph or self.asks_header(query, i))
            and share(self._folded(i) + " " + self._headings(i), query, weights)
            >= self._min_coverage
        ]


_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def other_year_only(folded: str, headings: str, years: tuple[str, ...]) -> bool:
    """Does the passage give its figures for years it names, none of them one asked about?
    ("2019年…增长6%" for a question about 2021.) A passage naming no year is not judged."""
    named = set(_YEAR_IN_TEXT.findall(folded))
    return bool(named) and not any(y in named or y in headings for y in years)
