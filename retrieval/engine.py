"""The one entry point every front end calls: a question in, a cited Answer out."""

from __future__ import annotations

import functools
import logging
import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from .cache import load_corpus
from .clean import strip_html
from .errors import UnknownReport
from .excerpt import choose_excerpt, surface_matches
from .index import PassageIndex
from .models import (
    Answer,
    AnswerStatus,
    Citation,
    Conversation,
    OutlineEntry,
    Passage,
    Ranking,
    Report,
)
from .overrides import apply_overrides, read_overrides
from .query import FIGURE, Query, QueryBuilder, unit_figure
from .regions import RegionIndex
from .rerank import best_sentence_share, concept_weights, rerank, share
from .store import FoldedTexts, PassageTable, Positions, passage_words
from .tokens import Tokenizer

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 500
MAX_RANKED = 50  # how far follow-ups can page
RERANK_DEPTH = 40  # BM25 candidates the re-ranker looks at
ORDINAL_BONUS = 5.0
FOLLOWER_COVERAGE = 2.0  # citations after the first need this share of min_coverage
OOV_WEIGHT = 0.25  # share of the highest idf given to a question word no passage has
_MORE = re.compile(r"^(?:还有呢|还有吗|还有没有|更多|再来点|继续|下一页|more)[？?。.!！]*$", re.I)
_OTHER_REGION = re.compile(
    r"^(?:那|那么)?(?P<place>.{2,16}?)(?:的情况)?(?:呢|怎么样|如何)[？?。.]*$"
)


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """Plain values the core needs; the shells build them from Settings."""

    top_k: int = 3
    k1: float = 1.5
    b: float = 0.75
    min_coverage: float = 0.35  # share of the question's weight the best passage must match


@dataclass(frozen=True, slots=True)
class CorpusStats:
    reports: int
    sections: int
    passages: int
    tokens: int
    seconds: float


def _question_text(question: str) -> tuple[str, bool]:
    """Tags out, white space collapsed, cut to the length limit; and whether it was cut."""
    text = " ".join(strip_html(question).split())
    return text[:MAX_QUESTION_CHARS], len(text) > MAX_QUESTION_CHARS


def _numeral(n: int) -> str:
    """1 -> 一, 12 -> 十二, 20 -> 二十 (how these reports number their headings)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


class Engine:
    """Built once from the corpus; read-only afterwards, safe to share between threads."""

    def __init__(
        self,
        reports: Sequence[Report],
        passages: Sequence[Passage],
        tokenizer: Tokenizer,
        config: EngineConfig = EngineConfig(),
        warnings: Sequence[str] = (),
        build_seconds: float = 0.0,
        index: PassageIndex | None = None,
    ) -> None:
        self.reports = {r.name: r for r in reports}
        # Passages live in arrays; Passage objects and folded texts are made when asked for.
        self.passages = (
            passages
            if isinstance(passages, PassageTable)
            else PassageTable.from_passages(list(reports), passages)
        )
        self.config = config
        self.warnings = tuple(warnings)
        self.tokenizer = tokenizer
        self._folded = FoldedTexts(self.passages, tokenizer.fold)
        if index is None:
            docs = [self._passage_tokens(p) for p in self.passages]
            index = PassageIndex(docs, k1=config.k1, b=config.b)
        self.index = index
        self._token_count = index.token_count
        self._report_of = self.passages.report_names()
        self._position = Positions(self.passages)
        self.regions = RegionIndex(
            self.reports.values(), tokenizer.fold, tokenizer.spans, tokenizer.is_dictionary_word
        )
        self._build_seconds = build_seconds
        self._fold_section = functools.lru_cache(maxsize=65536)(
            lambda section: tokenizer.fold(" ".join(section))
        )
        self.queries = QueryBuilder(tokenizer, known=lambda word: self.index.idf(word) is not None)

    # -- building -------------------------------------------------------------------------

    @classmethod
    def from_dir(
        cls,
        folder: Path,
        config: EngineConfig = EngineConfig(),
        tokenizer: Tokenizer | None = None,
        cache_dir: Path | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Engine:
        """Read, clean and index every report of `folder`; unreadable files become warnings.

        With `cache_dir`, the index is kept there (retrieval/cache.py): a warm start reads it
        back without tokenizing, and only new or changed files are tokenized again.
        """
        started = time.perf_counter()
        tokenizer = tokenizer or Tokenizer()
        corpus = load_corpus(folder, tokenizer, config.k1, config.b, cache_dir, progress=progress)
        tables, problems = read_overrides(folder)
        reports, more = apply_overrides(corpus.reports, tables) if tables else (corpus.reports, [])
        for line in (*problems, *more):
            log.warning("%s", line)
        engine = cls(
            reports,
            corpus.passages,
            tokenizer,
            config,
            (*corpus.warnings, *problems, *more),
            index=corpus.index,
        )
        engine._build_seconds = time.perf_counter() - started
        return engine

    def _passage_tokens(self, passage: Passage) -> list[str]:
        """Body words plus context: the section headings and the report's region names."""
        meta = self.reports[passage.report].meta
        return passage_words(self.tokenizer, passage.text, passage.section, meta)

    # -- answering ------------------------------------------------------------------------

    def answer(self, question: str, conversation: Conversation | None = None) -> Answer:
        """Answer a question; `conversation` (if given) carries follow-ups and restrictions."""
        conv = conversation if conversation is not None else Conversation()
        text, truncated = _question_text(question)

        if _MORE.match(text):
            return self.more(conv)
        text = self._rephrase_follow_up(text, conv)
        # A new question: nothing of the last one's results carries over.
        conv.ranking, conv.offset, conv.last_answer = None, 0, None

        region = self.regions.match(text)
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

        query = self.queries.build(text, region.names)
        if not query.weights and query.ordinal is None:
            # Only a place ("辽源"): say which report it is, the shells suggest what to ask.
            named = region.reports[0] if len(region.reports) == 1 else None
            return Answer(text, AnswerStatus.EMPTY_QUESTION, truncated=truncated, scope=named)
        conv.last_question = text
        hits = self._rank(query, scope)
        if not hits or not self._confident(query, hits[0][0]):
            answer = Answer(text, AnswerStatus.NOT_FOUND, truncated=truncated, scope=conv.report)
        else:
            hits = [hits[0], *self._relevant(query, hits[1:])]
            conv.ranking = Ranking(query, hits, conv.report)
            answer = self._page(text, conv.ranking, 0, truncated)
            if not conv.report:
                answer = replace(answer, fallback=region.fallback, year=region.year)
        conv.offset = len(answer.citations)
        conv.last_answer = answer
        return answer

    def more(self, conv: Conversation) -> Answer:
        """The next top_k results of the conversation's last question."""
        ranked = conv.ranking
        question = conv.last_question or ""
        if ranked is None or conv.offset >= len(ranked.hits):
            return Answer(question, AnswerStatus.NO_MORE, scope=conv.report)
        answer = self._page(question, ranked, conv.offset, False)
        conv.offset += len(answer.citations)
        conv.last_answer = answer
        return answer

    def _rephrase_follow_up(self, text: str, conv: Conversation) -> str:
        """ "那铁东区呢": the last question again, about another region."""
        m = _OTHER_REGION.match(text)
        if not m or not conv.last_question:
            return text
        place = self.tokenizer.fold(m.group("place"))
        new = self.regions.match(place)
        named = new.unknown or "".join(new.names)
        rest = place
        for name in (new.unknown, *new.names):
            rest = rest.replace(name or "", "")
        # Only a place ("那铁东区呢"), not a new question about one ("赛罕区的就业情况怎么样").
        if not named or rest.strip(" 的市区县省"):
            return text
        old = self.regions.match(conv.last_question)
        question = conv.last_question
        for name in old.names:
            question = question.replace(name, "")
        return named + question

    def _scores(self, query: Query) -> np.ndarray:
        """BM25 over each passage's text and context, plus the bonus for a numbered heading."""
        scores = self.index.scores(query.weights)
        if query.ordinal is not None:
            scores = scores + self._ordinal_bonus(query)
        return scores

    def _candidates(self, query: Query, scores: np.ndarray) -> np.ndarray:
        """Passages with a score, or holding a term when a tiny corpus zeroes every idf."""
        candidates = np.flatnonzero(scores)
        return candidates if candidates.size else self.index.docs_with(query.weights)

    def _rank(
        self, query: Query, scope: Sequence[str], scores: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The best BM25 candidates within `scope` (all reports if empty), re-ranked."""
        scores = self._scores(query) if scores is None else scores
        candidates = self._candidates(query, scores)
        if scope:
            candidates = candidates[np.isin(self._report_of[candidates], list(scope))]
        if candidates.size > RERANK_DEPTH:
            candidates = candidates[np.argpartition(-scores[candidates], RERANK_DEPTH - 1)]
            candidates = candidates[:RERANK_DEPTH]
        pool = [(int(i), float(scores[i])) for i in candidates]
        weights = concept_weights(query, self._term_weight)
        ranked = rerank(
            pool,
            self.passages.__getitem__,
            self._folded.__getitem__,
            query,
            weights,
            report_year=self._report_year,
            headings=self._headings,
        )
        return ranked[:MAX_RANKED]

    def _headings(self, i: int) -> str:
        """Passage i's section path, folded for matching (once per distinct section)."""
        return self._fold_section(self.passages[i].section)

    def _report_year(self, i: int) -> int | None:
        """The year the report plans for: what its 今年 means."""
        return self.reports[self.passages[i].report].meta.plan_year

    def _ordinal_bonus(self, query: Query) -> np.ndarray:
        """ "第二部分" / "第一项": passages under the heading numbered so."""
        n = query.ordinal or 0
        numeral = _numeral(n)
        marker = re.compile(
            rf"^{numeral}、" if query.ordinal_level == 1 else rf"^[(（]{numeral}[)）]"
        )
        level = query.ordinal_level - 1
        under = self.passages.section_mask(
            lambda section: len(section) > level and bool(marker.match(section[level]))
        )
        return under * ORDINAL_BONUS

    def _term_weight(self, term: str) -> float:
        idf = self.index.idf(term)
        if idf is None:  # a word no passage has: rare, but often just colloquial wording
            return OOV_WEIGHT * math.log((self.index.size + 0.5) / 0.5)
        return max(idf, 0.01)  # above zero: in a tiny corpus every idf may be zero

    def _confident(self, query: Query, doc: int, strict: bool = False) -> bool:
        """Does the best passage answer the question, or only share words with it?

        Three signals, none of them a raw BM25 score: the share of the question's weighted
        concepts the passage holds; a year the question names must occur in that report;
        a question asking for a figure needs a figure in the passage's best sentence.
        `strict` (compare) also wants the question's most telling concept itself.
        """
        if query.ordinal is not None and not query.weights:
            return True
        passage = self.passages[doc]
        if passage.paragraph == 0 and not self._asks_header(query, doc):
            return False
        report_text = self.reports[passage.report].text
        if any(year not in report_text for year in query.years):
            return False
        weights = concept_weights(query, self._term_weight)
        context = self._headings(doc)
        if query.wants_number:
            _, sentence = best_sentence_share(self._folded[doc], query, weights, context)
            if not FIGURE.search(sentence):
                return False
            if query.unit and not unit_figure(query.unit).search(self._folded[doc]):
                return False  # "多少元" answered by a growth rate is no answer
        text = self._folded[doc] + " " + context
        if strict and weights:
            top = max(range(len(weights)), key=weights.__getitem__)
            if not any(t in text for t in query.concepts[top].full):
                return False  # the question's most telling concept is not there
        return share(text, query, weights) >= self.config.min_coverage

    def _asks_header(self, query: Query, doc: int) -> bool:
        """The header (title, meeting, speaker) answers only for a word of its own besides a
        year: "辽源市长是谁" (市长), not "辽源市2022年GDP" (2022)."""
        text = self._folded[doc]
        return any(
            t in text for c in query.concepts for t in c.full if not t.isdigit() and len(t) > 1
        )

    def _relevant(self, query: Query, hits: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """The hits after the first that still hold enough of the question to be worth citing."""
        if not query.weights:  # "第二部分": every passage of that part is as good
            return hits
        weights = concept_weights(query, self._term_weight)
        return [
            (i, s)
            for i, s in hits
            if (self.passages[i].paragraph or self._asks_header(query, i))
            and share(self._folded[i] + " " + self._headings(i), query, weights)
            >= self.config.min_coverage
        ]

    def _page(self, question: str, ranked: Ranking, offset: int, truncated: bool) -> Answer:
        hits = ranked.hits[offset : offset + self.config.top_k]
        citations = tuple(self._cite(ranked.query, i, s) for i, s in hits)
        return Answer(
            question,
            AnswerStatus.ANSWERED,
            citations,
            truncated=truncated,
            scope=ranked.scope,
            offset=offset,
        )

    def _cite(self, query: Query, i: int, score: float) -> Citation:
        passage = self.passages[i]
        term_weights = {t: w * self._term_weight(t) for t, w in query.weights.items()}
        if query.wants_section and passage.section:
            excerpt = self._heading_asked_for(query, passage)
        elif passage.glossary or passage.paragraph == 0:  # a glossary entry, the header
            excerpt = passage.text
        else:
            excerpt = choose_excerpt(
                passage.text, self.tokenizer.fold, term_weights, wants_number=query.wants_number
            )
        spans = surface_matches(passage.text, self._folded[i], term_weights, self.tokenizer.fold)
        matched = tuple(sorted({passage.text[s:e] for s, e in spans}, key=len, reverse=True))
        return Citation(passage, self.reports[passage.report], excerpt, matched, score)

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
            key=lambda e: (
                share(self.tokenizer.fold(e[1]), query, weights) + preference.get(e[0], 0.0)
            ),
        )[1]

    def compare(self, question: str, conversation: Conversation | None = None) -> Answer:
        """The best passage of each report for the same question, best first.

        For questions like "各地地区生产总值增长多少": one citation per region, each from
        its own report and each held to the same abstention test as a normal answer.
        """
        conv = conversation if conversation is not None else Conversation()
        text, truncated = _question_text(question)
        region = self.regions.match(text)
        if region.unknown:
            return Answer(text, AnswerStatus.UNKNOWN_REGION, unknown_region=region.unknown)
        query = self.queries.build(text, region.names)
        if not query.weights:
            return Answer(text, AnswerStatus.EMPTY_QUESTION, truncated=truncated)
        scores = self._scores(query)
        found = set(self._report_of[self._candidates(query, scores)].tolist())
        best: list[tuple[int, float]] = []
        for name in sorted(found):
            hits = self._rank(query, (name,), scores)
            if hits and self._confident(query, hits[0][0], strict=True):
                best.append(hits[0])
        best.sort(key=lambda h: -h[1])
        citations = tuple(self._cite(query, i, s) for i, s in best)
        status = AnswerStatus.ANSWERED if citations else AnswerStatus.NOT_FOUND
        answer = Answer(text, status, citations, truncated=truncated)
        conv.last_answer = answer
        return answer

    # -- browsing -------------------------------------------------------------------------

    def outline(self, report: str) -> list[OutlineEntry]:
        """A report's section tree, headings in order, with passage counts."""
        counts: dict[tuple[str, ...], int] = {}
        for p in self.report_passages(report):
            for depth in range(1, len(p.section) + 1):
                path = p.section[:depth]
                counts[path] = counts.get(path, 0) + 1
        return [OutlineEntry(path, n) for path, n in counts.items()]

    def find_report(self, name: str) -> Report:
        """A report by file name, region, alias or title; UnknownReport if none or several."""
        key = self.tokenizer.fold(name.strip())
        if not key:
            raise UnknownReport(name)
        for report in self.reports.values():
            if key in (
                self.tokenizer.fold(report.name),
                self.tokenizer.fold(Path(report.name).stem),
            ):
                return report
        found = self.regions.match(key).reports
        if len(found) == 1:
            return self.reports[found[0]]
        hits = [r for r in self.reports.values() if key in self.tokenizer.fold(r.meta.title or "")]
        if len(hits) == 1:
            return hits[0]
        raise UnknownReport(name)

    def context(self, passage: Passage, radius: int = 1) -> list[Passage]:
        """The passage with up to `radius` neighbours on each side, from the same report."""
        i = self._position[passage.id]
        lo, hi = max(0, i - radius), min(len(self.passages), i + radius + 1)
        return [p for p in self.passages[lo:hi] if p.report == passage.report]

    def passage_counts(self) -> dict[str, int]:
        """Passages per report, by file name."""
        counts = np.bincount(self.passages.report_idx, minlength=len(self.passages.reports))
        return {r.name: int(n) for r, n in zip(self.passages.reports, counts, strict=True)}

    def report_passages(self, report: str) -> list[Passage]:
        return [p for p in self.passages if p.report == report]

    def stats(self) -> CorpusStats:
        sections = {(p.report, p.section) for p in self.passages}
        return CorpusStats(
            reports=len(self.reports),
            sections=len(sections),
            passages=len(self.passages),
            tokens=self._token_count,
            seconds=self._build_seconds,
        )
