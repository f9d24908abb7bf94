"""Does a passage speak of another year, part of its report, indicator or place than asked?

A passage that does is passed over for one further down that may answer (placed_first); one
that does not hold the question is no better lower down, so a misplaced passage is never cited
(the abstention tests, abstention.py). The year and part tests are year_and_part.py's, the
indicator tests named_asked.py's; the place test wants a sentence that names the place asked
and holds the question ("兰州新区" is not 兰州, "宁波舟山港" says nothing of 宁波's figure).
"""

from __future__ import annotations

from collections.abc import Callable

from .answer_types import asks_growth
from .config import EngineConfig
from .coverage import best_sentence_share, concept_weights, share
from .figure_years import dates_span_ends, levels_of_other_years, other_year_only
from .figures_asked import gives_figure
from .named_asked import only_share_of, other_indicator
from .place_mentions import names_place
from .query_types import Query, is_topic
from .report_parts import Part
from .report_spans import behind_asked
from .sentences import sentence_spans
from .year_and_part import YearAndPart


class Misplacement:
    """The year, part, indicator and place tests over one engine's passages."""

    def __init__(
        self,
        folded: Callable[[int], str],
        headings: Callable[[int], str],
        term_weight: Callable[[str], float],
        config: EngineConfig,
        parts: YearAndPart,
    ) -> None:
        self._folded = folded
        self._headings = headings
        self._term_weight = term_weight
        self._config = config
        self._parts = parts

    def placed_first(
        self,
        query: Query,
        hits: list[tuple[int, float]],
        places: tuple[str, ...],
        depth: int,
    ) -> list[tuple[int, float]]:
        """`hits` with the first of the best `depth` that is not misplaced moved to the front:
        a passage about another year, part or place than the one asked is passed over for one
        further down that may answer."""
        for first, (doc, _) in enumerate(hits[:depth]):
            # 2022 asked, "这五年，是…的五年" found: the term's totals, passed over for a
            # passage of the year if there is one, cited if there is none
            if not self.misplaced(query, doc, places) and not self._parts.term_review(query, doc):
                return [hits[first], *hits[:first], *hits[first + 1 :]] if first else hits
        return hits  # all misplaced: the first stays, and is not cited (confident says no)

    def misplaced(self, query: Query, doc: int, places: tuple[str, ...] = ()) -> bool:
        """Does passage `doc` speak of another year, part of the report or place than the one
        asked about? (A passage further down may then answer; one that does not hold the
        question is no better lower down.)"""
        if query.ordinal is not None and not query.weights:
            return False
        context = self._headings(doc)
        folded = self._folded(doc)
        if (
            query.years
            and query.wants_number
            and other_year_only(folded, context, query.years, asks_growth(query.text))
        ):
            return True  # a figure of another year than the one asked for
        if (
            query.years
            and query.wants_number
            and not asks_growth(query.text)
            and dates_span_ends(folded)  # (the sentence is cut only where one may say so)
        ):
            weights = concept_weights(query, self._term_weight)
            sentence = best_sentence_share(folded, query, weights, context)[1]
            if levels_of_other_years(sentence, query.years):
                return True  # "从2020年的14.1万元/人提升至2024年的17.6万元/人" for 2025's
        if self._parts.wrong_part(query, doc):
            return True  # last year's result asked, next year's plan found (or the reverse)
        if behind_asked(query.text) and self._parts.part_of_passage(doc) is Part.PLAN:
            return True  # "这五年城镇新增就业多少": not this year's target
        if other_indicator(query, folded + " " + context):
            return True  # 城镇登记失业率 asked, 城镇调查失业率 found (variants.py)
        if only_share_of(query, folded + " " + context, self._config.indicator_chars):
            return True  # 地区生产总值 asked, "占地区生产总值比重达24.2%" found
        if not places:
            return False
        weights = concept_weights(query, self._term_weight)
        return not self._place_sentence(folded, query, weights, context, places)

    def _place_sentence(
        self,
        folded: str,
        query: Query,
        weights: list[float],
        context: str,
        places: tuple[str, ...],
    ) -> bool:
        topic = [  # the place itself is what the sentence must name, not part of the share
            w if is_topic(c) and not any(t in places for t in c.full) else 0.0
            for c, w in zip(query.concepts, weights, strict=True)
        ]
        if sum(topic) <= 0:
            return names_place(folded, places, query.text)
        for s, e in sentence_spans(folded):
            sentence = folded[s:e]
            if not names_place(sentence, places, query.text):  # not "兰州新区" for 兰州
                continue
            if query.wants_number and not gives_figure(sentence, query):
                continue
            if share(sentence + " " + context, query, topic) >= self._config.min_coverage:
                return True
        return False
