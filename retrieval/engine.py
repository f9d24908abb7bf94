"""The one entry point every front end calls: a question in, a cited Answer out."""

from __future__ import annotations

import functools
import itertools
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from . import across
from .abstention import Abstention
from .answer_choice import AnswerChoice
from .answer_types import asks_delivery
from .aspects import asks_aspects
from .browse import Browsing
from .cache import load_corpus
from .citing import Citer
from .compare import compare_reports
from .config import DEFAULT_CONFIG, EngineConfig
from .coverage import Words
from .cuts import Cuts
from .fold import passage_fold
from .follow_up import asks_for_more, rephrase_follow_up
from .index import PassageIndex
from .lazy_hits import OpenRankings
from .models import Answer, AnswerStatus, Conversation, Ranking, Report
from .ordinals import OrdinalBonus
from .overrides import apply_overrides, read_overrides
from .query import QueryBuilder
from .question import (
    MAX_QUESTION_CHARS,
    place_terms,
    question_text,
    quoted_phrases,
    too_long_answer,
    unknown_latin,
)
from .question_cues import names_a_list
from .regions import RegionIndex
from .report_words import in_reports
from .spelled_out import spell_out_within
from .store import FoldedTexts, PassageTable, Positions
from .tokens import Tokenizer

__all__ = ["MAX_QUESTION_CHARS", "Engine", "EngineConfig"]

log = logging.getLogger(__name__)

SCOPES_KEPT = 8  # report ranges of the last scopes (a year's reports: ~550 pairs, ~60 kB)
REPORTS_FOLDED = 8  # whole reports' folded texts kept for the spelled-out scan


class Engine(AnswerChoice, Browsing):
    """Built once from the corpus; read-only afterwards, safe to share between threads."""

    def __init__(
        self,
        reports: Sequence[Report],
        passages: PassageTable,
        index: PassageIndex,
        tokenizer: Tokenizer,
        config: EngineConfig = DEFAULT_CONFIG,
        warnings: Sequence[str] = (),
    ) -> None:
        self.reports = {r.name: r for r in reports}
        self.passages = passages  # arrays; Passage objects and folded texts made when asked for
        self.config = config
        self.warnings = tuple(warnings)  # copies of a report were dropped at build (duplicates.py)
        self.tokenizer = tokenizer
        # tokenizer.fold's strings, faster (fold.py): passages, headings, excerpts' sentences
        self._fold = fold = passage_fold(tokenizer)
        self._folded = FoldedTexts(self.passages, fold)
        self.index = index
        self._token_count = index.token_count
        # Scope by report number: an integer test over the candidates, no pass over N strings.
        self._report_number = {r.name: i for i, r in enumerate(self.passages.reports)}
        self._position = Positions(self.passages)
        cuts = Cuts(tokenizer)  # a question's jieba cuts, shared by the region match and query
        self.regions = RegionIndex(
            self.reports.values(), tokenizer.fold, cuts.spans, tokenizer.is_dictionary_word
        )
        self._build_seconds = 0.0
        self.rankings = OpenRankings()  # what follow-ups may page on, drawn when asked
        self._folded_report = functools.lru_cache(maxsize=REPORTS_FOLDED)(  # spelled_out's
            lambda name: fold(self.reports[name].text)
        )
        self._fold_section = functools.lru_cache(maxsize=65536)(
            lambda section: fold(" ".join(section))
        )
        self._section_words = functools.lru_cache(maxsize=4096)(  # asked of headings only
            lambda section: Words.of(self._fold_section(section), tokenizer.spans)
        )
        self._ordinals = OrdinalBonus(self.passages, config.ordinal_bonus)
        self._part_opens = {}  # does a part open on a plan asked (PhraseHolding._part_opens_on)
        self.queries = QueryBuilder(
            tokenizer,
            known=lambda word: self.index.idf(word) is not None,
            weights=config.query,
            cuts=cuts,
        )
        folded = self._folded.__getitem__
        self._aspect_passages = functools.lru_cache(maxsize=64)(self._find_aspects)
        self._report_parts = functools.lru_cache(maxsize=4096)(self._find_parts)
        self._speakers_named = functools.lru_cache(maxsize=64)(self._find_speakers)
        self._part_leads = functools.lru_cache(maxsize=64)(self._find_part_leads)
        self._scope_ranges = functools.lru_cache(maxsize=SCOPES_KEPT)(self._find_ranges)
        self._listed = functools.lru_cache(maxsize=64)(self._find_listed)
        self._abstention = Abstention(
            self.passages, self.reports, folded, self._headings, self._term_weight,
            config, lambda w: self.index.idf(w) is not None or in_reports(w),
            self._ordinals.is_under, self._report_holds, self._is_aspect, self._part,
            self._speakers_named, self._is_listed_item, self._defines_quoted,
            self._spells_out_quoted,
        )  # fmt: skip
        self._citer = Citer(
            self.passages,
            self.reports,
            fold,
            folded,
            self._term_weight,
            self._appendix,
            config,
            self._ordinals.is_under,
        )

    # -- building -------------------------------------------------------------------------

    @classmethod
    def from_dir(
        cls,
        folder: Path,
        config: EngineConfig = DEFAULT_CONFIG,
        tokenizer: Tokenizer | None = None,
        cache_dir: Path | None = None,
        progress: Callable[[int, int], None] | None = None,
        optimize: bool = False,
    ) -> Engine:
        """Read, clean and index every report of `folder`; unreadable files become warnings.

        With `cache_dir`, the index is kept there (retrieval/cache.py): a warm start reads it
        back without tokenizing, and only new or changed files are tokenized again;
        `optimize` merges its segments into one.
        """
        started = time.perf_counter()
        tokenizer = tokenizer or Tokenizer()
        corpus = load_corpus(folder, tokenizer, config.k1, config.b, cache_dir, progress=progress,
                             optimize=optimize)  # fmt: skip
        tables, problems = read_overrides(folder)
        reports, more = apply_overrides(corpus.reports, tables) if tables else (corpus.reports, [])
        for line in (*problems, *more):
            log.warning("%s", line)
        warnings = (*corpus.warnings, *problems, *more)
        engine = cls(reports, corpus.passages, corpus.index, tokenizer, config, warnings)
        engine._build_seconds = time.perf_counter() - started
        return engine

    # -- answering ------------------------------------------------------------------------

    def answer(self, question: str, conversation: Conversation | None = None) -> Answer:
        """Answer a question; `conversation` (if given) carries follow-ups and restrictions.

        The answer names the index version it came from (`index_version`)."""
        answer = self._answer(question, conversation)
        if not answer.index_version:
            stamped = replace(answer, index_version=self.index.version)
            if conversation is not None and conversation.last_answer is answer:
                conversation.last_answer = stamped
            answer = stamped
        return answer

    def _answer(self, question: str, conversation: Conversation | None) -> Answer:
        conv = conversation if conversation is not None else Conversation()
        text, too_long = question_text(question)
        if too_long:
            return too_long_answer(question)
        if asks_for_more(text):
            return self.more(conv)
        text = rephrase_follow_up(text, conv.last_question, self.regions, self.tokenizer.fold)
        # A new question: nothing of the last one's results carries over.
        conv.ranking, conv.offset, conv.last_answer = None, 0, None

        if unknown := unknown_latin(text, self._matches_nothing):
            conv.last_question = text
            return Answer(text, AnswerStatus.NOT_CHINESE, unknown_words=unknown)
        asked = self.regions.full_years(text)  # what is matched; the question is shown as written
        region = self.regions.match(asked)
        # (one report loaded: "每个县都通高速了吗" asks it, there is nothing to compare)
        if (
            not conv.report
            and len(region.reports) != 1
            and len(self.reports) > 1
            and across.asks_across(text)
        ):
            return self.compare(text, conv, cross=True)
        if region.unknown and not conv.report:
            conv.last_question = text
            return Answer(
                text,
                AnswerStatus.UNKNOWN_REGION,
                unknown_region=region.unknown,
                only_region=region.only,
                suggestion=region.suggestion,
            )
        scope: tuple[str, ...] = (conv.report,) if conv.report else region.reports
        if not scope and len(self.reports) == 1:
            scope = tuple(self.reports)  # one report loaded: every question is about it

        query = self._level_held(self.queries.build(asked, region.names), scope)
        ranges, scan = self._ranges(scope) if scope else [], self.config.spelled_out_scan
        texts = lambda: [self._folded_report(n) for n in scope if n in self.reports]  # noqa: E731
        query = spell_out_within(query, self.index, ranges, scan, texts, self.queries)
        one = len(scope) == 1
        header = asks_delivery(text)  # "报告的标题是什么": nothing to search, the header says
        if (
            not query.weights
            and query.ordinal is None
            and not (one and (asks_aspects(query) or header))
        ):
            # Only a place ("辽源"): say which report it is, the shells suggest what to ask.
            named = region.reports[0] if len(region.reports) == 1 else None
            return Answer(text, AnswerStatus.EMPTY_QUESTION, scope=named)
        conv.last_question = text
        phrases = quoted_phrases(text)
        if query.list_size is not None:  # "“五个突破”，第一个是什么": (一) does not say it
            phrases = tuple(p for p in phrases if not names_a_list(p))
        # A place asked in its city's or province's report, or a figure of a city asked in
        # its county's (高唐's targets are not 聊城's): a sentence must name it and hold the rest
        below = region.fallback and query.wants_number
        places = (
            region.fallback_names if (region.fallback_above or below) and not conv.report else ()
        )
        must_name = () if conv.report else region.fallback_names
        # "甘肃精神是什么": a place's name said as part of a term is searched as written, as a
        # quoted phrase is, where a passage holding it answers (else as the question's words)
        terms = (
            place_terms(self.tokenizer.fold(text), region.names, self.tokenizer.spans)
            if not phrases and (query.wants_definition or query.wants_section)
            else ()
        )
        answering = None
        if terms and (hits := self._hits(query, text, scope, terms, must_name, places)):
            answering = self._answering(query, hits, places)
        if answering is None:
            hits = self._hits(query, text, scope, phrases, must_name, places)
            answering = self._answering(query, hits, places)
        year = region.year
        if year is not None and not conv.report:  # no year asked: the latest report's, or…
            answering, year = self._fuller_earlier(
                query, text, scope, (phrases, must_name, places), answering, year
            )
        if answering is None:
            answer = Answer(text, AnswerStatus.NOT_FOUND, scope=conv.report, phrases=phrases)
        else:
            rest = self._abstention.relevant_each(query, answering[1:], places)  # (lazy_hits.py)
            cited = self._citer.one_per_paragraph_each(query, itertools.chain(answering[:1], rest))
            drawn = self.rankings.hits(cited)
            conv.ranking = Ranking(query, drawn, conv.report, self.index.version)
            answer = self._citer.page(text, conv.ranking, 0, self.config.top_k)
            answer = replace(answer, phrases=self._phrases_cited(phrases, answer))
            if not conv.report:
                answer = replace(answer, fallback=region.fallback, year=year)
        conv.offset = len(answer.citations)
        conv.last_answer = answer
        return answer

    def more(self, conv: Conversation) -> Answer:
        """The next top_k results of the conversation's last question."""
        ranked = conv.ranking
        question = conv.last_question or ""
        if ranked is not None and ranked.index_version != self.index.version:
            ranked = conv.ranking = None  # another index's passage numbers: ask again
        if ranked is None or not ranked.has(conv.offset):
            return Answer(question, AnswerStatus.NO_MORE, scope=conv.report)
        answer = self._citer.page(question, ranked, conv.offset, self.config.top_k)
        answer = replace(answer, index_version=self.index.version)
        conv.offset += len(answer.citations)
        conv.last_answer = answer
        return answer

    def _phrases_cited(self, phrases: tuple[str, ...], answer: Answer) -> tuple[str, ...]:
        """The quoted phrases every citation holds (in its text or headings): not a
        five-year plan its report names elsewhere (ranking.Ranker._plan_named)."""
        fold = self._fold
        cited = [fold(" ".join((*c.passage.section, c.passage.text))) for c in answer.citations]
        return tuple(p for p in phrases if all(fold(p) in text for text in cited))

    def _matches_nothing(self, word: str) -> bool:
        """A Latin word no passage holds and the thesaurus does not map ("Liaoyuan")."""
        folded = self.tokenizer.fold(word)
        return self.index.idf(folded) is None and set(self.queries.build(word, ()).weights) <= {
            folded
        }

    def compare(
        self, question: str, conversation: Conversation | None = None, cross: bool = False
    ) -> Answer:
        """The same question put to every report: a row each (retrieval/compare.py)."""
        return compare_reports(self, question, conversation, cross)
