"""Which ranked passage answers first: the first that abstention trusts (or a next one that
holds as much and answers where it does not), and where no year is asked, a fuller answer
from the place's earlier reports than its latest report gives."""

from __future__ import annotations

from collections.abc import Sequence

from .coverage import best_sentence_share, concept_weights
from .query_types import Query
from .ranking import Ranker

Hits = list[tuple[int, float]]


class AnswerChoice(Ranker):
    """What Engine does to choose the answering passage among its ranked hits."""

    def _answering(self, query: Query, hits: Hits, places: tuple[str, ...]) -> Hits | None:
        """`hits` with a passage that answers first (abstention.py), or None.

        The first hit, or one of the next best that holds every concept of the question the
        first holds and answers where the first does not ("种多少亩粮食、收多少斤": the plan's
        targets list 粮食 without a figure in 亩, the next passage gives both)."""
        lead = 0  # headers put first for "报告是谁作的" that do not answer are no measure
        while lead + 1 < len(hits) and self._header_declines(query, hits[lead][0]):
            lead += 1
        first = hits[lead][0] if hits else 0
        for at, (doc, _) in enumerate(hits[: lead + self.config.skip_misplaced]):
            if at > lead and not self._abstention.holds_as_much(query, doc, first):
                continue
            if self._abstention.confident(query, doc, places=places):
                return [hits[at], *hits[:at], *hits[at + 1 :]]
        return None

    def _sentence_share(self, query: Query, doc: int) -> float:
        """The share of the question passage `doc`'s best sentence holds (with its headings)."""
        weights = concept_weights(query, self._term_weight)
        return best_sentence_share(self._folded[doc], query, weights, self._headings(doc))[0]

    def _header_declines(self, query: Query, doc: int) -> bool:
        """Is passage `doc` a header that does not answer the question (header_answers.py)?"""
        header = int(self.passages.paragraph[doc]) == 0  # the table's column: no Passage made
        return header and not self._abstention.asks_header(query, doc)

    def _fuller_earlier(
        self,
        query: Query,
        text: str,
        scope: Sequence[str],
        searched: tuple[Sequence[str], tuple[str, ...], tuple[str, ...]],
        answering: Hits | None,
        year: int | None,
    ) -> tuple[Hits | None, int | None]:
        """No year asked: the latest report's answer, or the region's earlier reports' where
        the latest has none or one holding less of the question ("四川高铁运营里程": the 2023
        report's five-year review gives it, the 2024 one only names 高铁); and its year.
        `searched`: the quoted phrases, the names a passage must say, the places asked about."""
        phrases, must_name, places = searched
        latest = self._sentence_share(query, answering[0][0]) if answering else 0.0
        margin = self.config.fuller_earlier
        earlier = tuple(r.name for r in self._earlier_reports(scope))
        if earlier and latest < 1.0 - margin:  # else no earlier answer can be fuller
            found = self._hits(query, text, earlier, phrases, must_name, places)
            other = self._answering(query, found, places)
            if other is not None and (
                answering is None or self._sentence_share(query, other[0][0]) > latest + margin
            ):
                return other, self.reports[self.passages[other[0][0]].report].meta.plan_year
        return answering, year
