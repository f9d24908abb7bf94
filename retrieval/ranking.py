"""The ranked passages of an answer: BM25 candidates within the reports in scope, re-ranked,
then put in the order the question's kind asks for (the header for who gave the report, the
passages under the heading numbered for 第一项), a misplaced first hit passed over."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence

import numpy as np

from .abstention import Abstention
from .answer_types import asks_delivery
from .aspects import asks_aspects
from .candidates import scored_candidates
from .config import EngineConfig
from .coverage import Words, best_sentence_share, concept_weights
from .definition_lookups import DefinitionLookups
from .definitions import definition_first, terms_defined
from .index import PassageIndex
from .models import Report
from .named_lists import ItemAsked, item_asked, item_of
from .ordinals import OrdinalBonus
from .phrase_holding import PhraseHolding
from .place_mentions import names_place
from .query_types import Query
from .question_cues import ITEM_ASKED, PART_ASKED
from .report_parts import TARGET_SAID, Part, result_before_target
from .report_spans import past_span_asked, span_first, speaks_of_span
from .rerank import rerank
from .store import FoldedTexts, PassageTable
from .tokens import Tokenizer


class Ranker(PhraseHolding, DefinitionLookups):
    """What Engine does to rank passages; it sets these attributes in its constructor."""

    reports: dict[str, Report]
    passages: PassageTable
    index: PassageIndex
    config: EngineConfig
    tokenizer: Tokenizer
    _folded: FoldedTexts
    _listed: Callable[[ItemAsked, int, int], tuple[int, int] | None]
    _ordinals: OrdinalBonus
    _abstention: Abstention
    _report_number: dict[str, int]
    _fold_section: Callable[[tuple[str, ...]], str]
    _section_words: Callable[[tuple[str, ...]], Words]  # and where its words are

    def _heading_words(self, i: int) -> Words:
        """Passage i's section path, folded, and where its words are: "人民生活" holds no 民生."""
        table = self.passages
        return self._section_words(table.sections[table.section_idx.item(i)])

    def _glossary(self, i: int) -> bool:
        """Is passage i a glossary entry (the table's column: no Passage made)?"""
        return bool(self.passages.glossary[i])

    def _report_year(self, i: int) -> int | None:
        """The year the report plans for: what its 今年 means (no Passage made)."""
        name = self.passages.reports[int(self.passages.report_idx[i])].name
        return self.reports[name].meta.plan_year

    def _term_weight(self, term: str) -> float:
        idf = self.index.idf(term)
        if idf is None:  # a word no passage has: rare, but often just colloquial wording
            return self.config.oov_weight * math.log((self.index.size + 0.5) / 0.5)
        return max(idf, 0.01)  # above zero: in a tiny corpus every idf may be zero

    def _hits(
        self,
        query: Query,
        text: str,
        scope: Sequence[str],
        phrases: Sequence[str],
        must_name: tuple[str, ...],
        places: tuple[str, ...],
    ) -> list[tuple[int, float]]:
        """The ranked passages of `scope`: the header first for who gave the report, those
        under the heading numbered for 第一项, those naming the place asked about in its
        parent's report, and one about another year, part or place passed over."""
        hits = self._rank(query, scope, phrases=phrases)
        if asks_delivery(text):  # who gave the report, when: its header answers
            if not scope and len(self.reports) > 1:
                return []  # which report's? none is named: not one picked at random
            hits = self._headers_first(hits, scope, text)
        if query.ordinal is not None:  # 第一项: the passages under that heading first
            level, ranges = query.ordinal_level - 1, self._ranges(scope) if scope else None
            depth = self.config.skip_misplaced
            within = self._lists_named(query, level)
            hits = self._ordinals.under_first(
                hits, query.ordinal, level, ranges, depth, within, query.list_size
            )
        if hits and (asked := item_asked(self.tokenizer.fold(query.text))) is not None:
            hits = self._item_first(hits, asked, query, places)  # "“六大体系”中第三个"
        if (hits or len(scope) == 1) and asks_aspects(query):  # "主要任务有哪些方面"
            if len(scope) > 1 and (one := self._report_of_year(query, text, scope)):
                scope = (one,)  # "2022年工作安排…": the report planning 2022
            if len(scope) != 1 and len(self.reports) > 1:
                return []  # which report's parts? none is named: not one picked at random
            hits = self._aspects_first(query, hits, scope)
        elif (
            query.wants_section
            and hits
            and (items := self._named_part_items(query, hits[0][0]))
            and self._abstention.confident(query, items[0], places=places)
        ):
            chosen = set(items)  # "政府自身建设主要从哪几方面来抓": that part's items, in order
            hits = [(i, hits[0][1]) for i in items] + [h for h in hits if h[0] not in chosen]
        if query.wants_section and ITEM_ASKED.search(query.text) and hits:
            # "讲民生的那一项": an item's heading answers
            hits = self._items_first(query, hits, self.config.item_heading_depth)
        elif query.wants_section and PART_ASKED.search(query.text) and hits:
            # "讲生态环境的是哪一部分": a part's heading answers
            hits = self._items_first(query, hits, self.config.item_heading_depth, parts=True)
        if must_name:  # 杭州 in 浙江's report: it must say 杭州
            hits = [h for h in hits if names_place(self._folded[h[0]], must_name, query.text)]
        hits = self._abstention.placement.placed_first(
            query, hits, places, self.config.skip_misplaced
        )
        if len(query.years) == 1 and query.wants_number and not query.asks_plan and hits:
            hits = self._result_first(query, hits, places)  # a year's result, not its target
        if past_span_asked(query.text) and hits:
            hits = self._span_first(query, hits, places)  # "过去五年": the term's review
        return hits

    def _span_first(self, query: Query, hits: list[tuple[int, float]],
                    places: tuple[str, ...]) -> list[tuple[int, float]]:  # fmt: skip
        """report_spans.span_first: a passage of the term's review before one of a year."""
        ab, first = self._abstention, hits[0][0]

        def of_span(d: int) -> bool:
            if query.asks_plan and ab.parts.part_of_passage(d) is not Part.PLAN:
                return False  # "十二五期间打算年均增长多少": the plan for the span, not its review
            return speaks_of_span(self.passages.section(d), "") or bool(ab.parts.span_said(d))

        def answers(d: int) -> bool:
            return ab.confident(query, d, places=places) and ab.holds_as_much(query, d, first)

        return span_first(hits, self.config.skip_misplaced, of_span, answers)

    def _result_first(self, query: Query, hits: list[tuple[int, float]],
                      places: tuple[str, ...]) -> list[tuple[int, float]]:  # fmt: skip
        """report_parts.result_before_target for a question naming one year, from the first
        hit that answers (a header put first for its year does not)."""
        ab, depth = self._abstention, self.config.skip_misplaced
        lead = next((k for k, (d, _) in enumerate(hits[:depth]) if ab.confident(query, d)), None)
        if lead is None:
            return hits
        first = hits[lead][0]

        def answers(d: int) -> bool:
            return ab.confident(query, d, places=places) and ab.holds_as_much(query, d, first)

        target = functools.partial(self._target_said, query)
        moved = result_before_target(hits[lead:], int(query.years[0]), depth, self._report_year,
                                     ab.parts.part_of_passage, target, answers)  # fmt: skip
        return hits[:lead] + moved

    def _target_said(self, query: Query, i: int) -> bool:
        """Does passage i's sentence that holds most of the question state a target?"""
        weights = concept_weights(query, self._term_weight)
        sentence = best_sentence_share(self._folded[i], query, weights, self._headings(i))[1]
        return bool(TARGET_SAID.search(sentence))

    def _scores(self, query: Query, ranges: Sequence[tuple[int, int]] | None = None) -> np.ndarray:
        """BM25 over each passage's text and context, plus the bonus for a numbered heading
        (given only within `ranges` of passages, when given)."""
        scores = self.index.scores(query.weights)
        if query.ordinal is not None:
            level = query.ordinal_level - 1
            scores = scores + self._ordinals.bonus(
                query.ordinal or 0, level, ranges, query.list_size
            )
        return scores

    def _candidates(self, query: Query, scope: Sequence[str], scores: np.ndarray | None,
                    fallback: bool, k: int) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
        """The k best passages with a score within `scope` (all reports if empty) and their
        scores (retrieval/candidates.py)."""
        ranges = self._ranges(scope) if scope else None
        full = None if scores is None and query.ordinal is None else scores
        if full is None and query.ordinal is not None:
            full = self._scores(query, ranges)
        return scored_candidates(self.index, query.weights, ranges, full, fallback, k)

    def _rank(
        self,
        query: Query,
        scope: Sequence[str],
        scores: np.ndarray | None = None,
        phrases: Sequence[str] = (),
        fallback: bool = True,
    ) -> list[tuple[int, float]]:
        """The best BM25 candidates within `scope` (all reports if empty), re-ranked.

        Copies of a report were dropped at build (duplicates.py). With `phrases`
        only passages holding each of them exactly (in their text or headings) are kept.
        `fallback`: with no passage scored, those holding a term (a tiny corpus).
        """
        depth = self.config.rerank_depth
        k = self.config.phrase_scan if phrases else depth  # the k best, ties to the lower number
        candidates, values = self._candidates(query, scope, scores, fallback, k)
        if phrases:  # best first, until the re-ranker has its fill of passages holding them
            wanted = [self.tokenizer.fold(p) for p in phrases]
            order = np.argsort(-values, kind="stable")
            # a year asked: a five-year plan quoted beside it says when (_plan_named)
            plans: dict[tuple[int, str], bool] | None = {} if query.years else None
            held = order[self._holding(candidates[order].tolist(), wanted, depth, plans)]
            candidates, values = candidates[held], values[held]
        pool = list(zip(candidates.tolist(), values.tolist(), strict=True))
        weights = concept_weights(query, self._term_weight)
        ranked = rerank(
            pool,
            self.passages.__getitem__,
            self._folded.__getitem__,
            query,
            weights,
            params=self.config.rerank,
            report_year=self._report_year,
            headings=self._headings,
            heading_words=self._heading_words,
            glossary=self._glossary,
            section=self.passages.section,
        )
        if terms := terms_defined(query, [self.tokenizer.fold(p) for p in phrases]):
            answers = functools.partial(self._abstention.confident, query)
            # (an abbreviation the question quotes: "三农" unquoted is a word of its own)
            spelled = functools.partial(self._spelled_out, ranked, terms) if phrases else None
            ranked = definition_first(ranked, terms, bool(phrases), self.passages.__getitem__,
                                      self._folded.__getitem__, self.tokenizer.fold, answers,
                                      self._glossary, self.passages.section,
                                      spelled)  # fmt: skip
        return ranked[: self.config.max_ranked]

    def _item_first(
        self,
        ranked: list[tuple[int, float]],
        asked: ItemAsked,
        query: Query,
        places: tuple[str, ...] = (),
    ) -> list[tuple[int, float]]:
        """`ranked` with the item asked of a list the question names (named_lists.py) first,
        found in the best passage's report, if the passage naming the list answers."""
        found = self._listed(asked, *self.passages.range_of(ranked[0][0]))
        if found is None or not self._abstention.confident(query, found[0], places=places):
            return ranked
        return [(found[1], ranked[0][1]), *((i, s) for i, s in ranked if i != found[1])]

    def _is_listed_item(self, query: Query, i: int, places: tuple[str, ...] = ()) -> bool:
        """Is passage i the item asked of a list the question names, in a report where the
        passage naming the list answers the question (about the place asked, `places`)?"""
        asked = item_asked(self.tokenizer.fold(query.text))
        found = None if asked is None else self._listed(asked, *self.passages.range_of(i))
        return (
            found is not None
            and found[1] == i
            and self._abstention.confident(query, found[0], places=places)
        )

    def _find_listed(self, asked: ItemAsked, first: int, end: int) -> tuple[int, int] | None:
        """(the passage naming the list, its item asked) among passages [first, end) of one
        report (named_lists.item_of; kept per report and list: Engine._listed)."""
        texts = self._folded.each(range(first, end))
        heads, names, before = [], [], None
        for i, text in enumerate(texts, first):
            section = self.passages.section(i)
            heading = self.tokenizer.fold(section[-1]) if section and section != before else ""
            fresh = heading and not text.startswith(heading[:4])
            heads.append(f"{heading}\n{text}" if fresh else text)
            names.append(asked.name in text.replace("“", "").replace("”", ""))
            before = section
        found = item_of(asked, heads, names)
        return None if found is None else (first + found[0], first + found[1])
