"""The ranked passages of an answer: BM25 candidates within the reports in scope, re-ranked,
then put in the order the question's kind asks for (the header for who gave the report, the
passages under the heading numbered for 第一项), a misplaced first hit passed over."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from .abstention import Abstention
from .answer_types import asks_delivery
from .aspects import (
    asks_aspects,
    aspect_passages,
    named_part_items,
    report_of_year,
    under_part,
)
from .candidates import scored_candidates
from .config import EngineConfig
from .definitions import definition_first, terms_defined
from .glossary import glossary_term
from .index import PassageIndex
from .models import Report
from .ordinals import OrdinalBonus
from .place_mentions import names_place
from .query import LAST, Query
from .report_parts import (
    TARGET_SAID,
    Part,
    parts_of,
    past_span_asked,
    result_before_target,
    span_first,
    speaks_of_span,
)
from .rerank import Words, best_sentence_share, concept_weights, rerank
from .store import FoldedTexts, PassageTable
from .tokens import Tokenizer


class Ranker:
    """What Engine does to rank passages; it sets these attributes in its constructor."""

    reports: dict[str, Report]
    passages: PassageTable
    index: PassageIndex
    config: EngineConfig
    tokenizer: Tokenizer
    _folded: FoldedTexts
    _ordinals: OrdinalBonus
    _abstention: Abstention
    _report_number: dict[str, int]
    _fold_section: Callable[[tuple[str, ...]], str]
    _section_words: Callable[[tuple[str, ...]], Words]  # and where its words are
    _aspect_passages: Callable[[str, str], tuple[int, ...]]  # _find_aspects, cached
    _report_parts: Callable[[str], dict[str, Part]]  # _find_parts, cached
    _speakers_named: Callable[[str], tuple[str, ...]]  # _find_speakers, cached

    def _headings(self, i: int) -> str:
        """Passage i's section path, folded for matching (once per distinct section); asked
        ~100 times an answer, so the table's column is read here (a candidate's number is
        never out of range: numpy would say so too)."""
        table = self.passages
        return self._fold_section(table.sections[table.section_idx.item(i)])

    def _heading_words(self, i: int) -> Words:
        """Passage i's section path, folded, and where its words are: "人民生活" holds no 民生."""
        table = self.passages
        return self._section_words(table.sections[table.section_idx.item(i)])

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
            hits = self._ordinals.under_first(hits, query.ordinal, level, ranges, depth)
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
        if must_name:  # 杭州 in 浙江's report: it must say 杭州
            hits = [h for h in hits if names_place(self._folded[h[0]], must_name, query.text)]
        hits = self._abstention.placed_first(query, hits, places, self.config.skip_misplaced)
        if len(query.years) == 1 and query.wants_number and not query.asks_plan and hits:
            hits = self._result_first(query, hits, places)  # a year's result, not its target
        if past_span_asked(query.text) and hits:
            hits = self._span_first(query, hits, places)  # "过去五年": the term's review
        return hits

    def _span_first(self, query: Query, hits: list[tuple[int, float]],
                    places: tuple[str, ...]) -> list[tuple[int, float]]:  # fmt: skip
        """report_parts.span_first: a passage of the term's review before one of a year."""
        ab, first = self._abstention, hits[0][0]

        def of_span(d: int) -> bool:
            return speaks_of_span(self.passages.section(d), self.passages.text(d))

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
                                     ab.part_of_passage, target, answers)  # fmt: skip
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
            scores = scores + self._ordinals.bonus(query.ordinal or 0, level, ranges)
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
            held = []
            for at in order.tolist():
                if self._holds(int(candidates[at]), wanted):
                    held.append(at)
                    if len(held) == depth:
                        break
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
        )
        if terms := terms_defined(query, [self.tokenizer.fold(p) for p in phrases]):
            answers = functools.partial(self._abstention.confident, query)
            ranked = definition_first(ranked, terms, bool(phrases), self.passages.__getitem__,
                                      self._folded.__getitem__, self.tokenizer.fold,
                                      answers)  # fmt: skip
        return ranked[: self.config.max_ranked]

    def _named_part_items(self, query: Query, i: int) -> list[int]:
        """aspects.named_part_items over the report of passage i."""
        span = self.passages.range_of(i)
        return named_part_items(query, self.tokenizer.fold, self.passages.section, span)

    def _holds(self, i: int, phrases: Sequence[str]) -> bool:
        """Does passage i hold every phrase (folded) in its text or its headings, or is it
        the glossary entry of one ("“三农”领域“九大攻坚”行动": the entry "“九大攻坚”行动：…")?"""
        text, headings = self._folded[i], self._headings(i)
        if all(p in text or p in headings for p in phrases):
            return True
        term = glossary_term(text) if len(phrases) > 1 else None
        return term is not None and any(p in term for p in phrases) and self.passages[i].glossary

    def _report_of_year(self, query: Query, text: str, scope: Sequence[str]) -> str | None:
        plan_years = {name: self.reports[name].meta.plan_year for name in scope}
        return report_of_year(text, query.years, plan_years)

    def _aspects_first(
        self, query: Query, hits: list[tuple[int, float]], scope: Sequence[str]
    ) -> list[tuple[int, float]]:
        """The first passage under each item of the part asked for (or each part) of the
        report asked about or the first hit's (aspects.py), in the report's order, then
        `hits`."""
        report = scope[0] if len(scope) == 1 else self.passages[hits[0][0]].report
        firsts = self._aspect_passages(query.text, report)
        top = hits[0][1] if hits else 1.0
        chosen = set(firsts)
        return [(i, top) for i in firsts] + [h for h in hits if h[0] not in chosen]

    def _find_aspects(self, question: str, report: str) -> tuple[int, ...]:
        """The passages that answer a question about what a part of `report` is made of
        (aspects.py); Engine keeps the last 64 (question, report) pairs."""
        span = self.passages.report_range(self._report_number[report])
        plan_year = self.reports[report].meta.plan_year
        return tuple(aspect_passages(question, self.passages.section, span, plan_year))

    def _find_parts(self, report: str) -> dict[str, Part]:
        """The part (review, plan) each top-level heading of `report` opens
        (report_parts.parts_of); Engine keeps the last 4096 reports'."""
        start, end = self.passages.report_range(self._report_number[report])
        # Its distinct sections in the order they first come (a top's first place the same)
        distinct, first = np.unique(self.passages.section_idx[start:end], return_index=True)
        sections = (self.passages.sections[k] for k in distinct[np.argsort(first)].tolist())
        tops = dict.fromkeys(s[0] for s in sections if under_part(s))
        return parts_of(list(tops), self.reports[report].meta.plan_year)

    def _find_speakers(self, question: str) -> tuple[str, ...]:
        """The speakers of loaded reports a question names ("王正谱是哪天作…"): a pass over
        every report, once per question (Engine keeps the last 64)."""
        speakers = (r.meta.speaker for r in self.reports.values() if r.meta.speaker)
        return tuple(dict.fromkeys(s for s in speakers if s in question))

    def _part(self, doc: int) -> Part | None:
        """The part of its report passage `doc` is in, if its headings or their order say."""
        section = self.passages.section(doc)
        return self._report_parts(self.passages.report_of(doc)).get(section[0]) if section else None

    def _is_aspect(self, query: Query, doc: int) -> bool:
        """Is passage `doc` one of those answering what a part of its report is made of?"""
        return doc in self._aspect_passages(query.text, self.passages.report_of(doc))

    def _headers_first(
        self, hits: list[tuple[int, float]], scope: Sequence[str], question: str
    ) -> list[tuple[int, float]]:
        """The header passages (paragraph 0) of the reports in `scope`, those whose speaker
        the question names first ("王正谱是哪天作…的" among nine reports of 2022), then `hits`."""
        heads = [s for s, e in self._ranges(scope) if e > s and self.passages[s].paragraph == 0]
        named = self._speakers_named(question)
        heads.sort(key=lambda i: self.reports[self.passages[i].report].meta.speaker not in named)
        top = hits[0][1] if hits else 1.0
        return [(i, top) for i in heads] + [h for h in hits if h[0] not in heads]

    def _level_held(self, query: Query, scope: Sequence[str]) -> Query:
        """`query`, its 第N部分 read as the N-th item where the reports asked about have no
        N-th part but an N-th item ("江苏2025年重点工作第八部分": three parts, nine items)."""
        n = query.ordinal
        if n is None or n == LAST or query.ordinal_level != 1 or not scope:
            return query
        words = query.part_named

        def named(i: int) -> bool:  # part n's heading names the part asked for
            heading = self._fold_section(self.passages.section(i)[:1])
            return all(w in heading for w in words)

        level = self._ordinals.level_held(n, self._ranges(scope), named)
        return replace(query, ordinal_level=level + 1) if level else query

    def _ranges(self, scope: Sequence[str]) -> list[tuple[int, int]]:
        """The passage number ranges of the reports in `scope`."""
        numbers = [self._report_number[n] for n in scope if n in self._report_number]
        return self.passages.report_ranges(numbers)

    def _earlier_reports(self, scope: Sequence[str]) -> list[Report]:
        """The other reports of the one region in `scope`, latest first."""
        if len(scope) != 1 or scope[0] not in self.reports:
            return []
        meta = self.reports[scope[0]].meta
        return [r for r in self._by_region.get(meta.code or meta.region, ()) if r.name != scope[0]]

    @functools.cached_property
    def _by_region(self) -> dict[str | None, list[Report]]:
        """Every report by its region (code, else name), latest first: made once."""
        regions: dict[str | None, list[Report]] = {}
        for r in self.reports.values():
            regions.setdefault(r.meta.code or r.meta.region, []).append(r)
        for reports in regions.values():
            reports.sort(key=lambda r: (-(r.meta.plan_year or 0), r.name))
        return regions
