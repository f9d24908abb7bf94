"""The one entry point every front end calls: a question in, a cited Answer out."""

from __future__ import annotations

import functools
import logging
import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from . import across
from .abstention import Abstention
from .browse import Browsing
from .cache import load_corpus
from .citing import Citer
from .config import DEFAULT_CONFIG, EngineConfig
from .follow_up import asks_for_more, rephrase_follow_up
from .html_text import strip_html
from .index import PassageIndex
from .models import Answer, AnswerStatus, CompareRow, Conversation, Passage, Ranking, Report
from .overrides import apply_overrides, read_overrides
from .passages import sentence_spans
from .query import Query, QueryBuilder, full_years
from .regions import RegionIndex
from .rerank import concept_weights, rerank
from .store import FoldedTexts, PassageTable, Positions
from .tokens import Tokenizer

__all__ = ["MAX_QUESTION_CHARS", "Engine", "EngineConfig"]

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 500
# A phrase in quotes is matched exactly: “六稳” or "六稳" (or 「六稳」).
_PHRASE = re.compile(r"“([^“”]{1,50})”|\"([^\"]{1,50})\"|「([^「」]{1,50})」")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# English words that carry no topic: a question made of these and unknown words names nothing.
_ENGLISH_STOP = frozenset(
    (
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "do",
        "does",
        "did",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "much",
        "many",
        "about",
        "this",
        "that",
        "these",
        "those",
        "its",
        "it",
        "there",
        "their",
        "his",
        "her",
        "please",
        "tell",
        "me",
        "show",
        "give",
    )
)


def _question_text(question: str) -> tuple[str, bool]:
    """Tags out, white space collapsed; and whether it is over the length limit.

    The limit is checked on the raw input first, so that a huge input is never parsed.
    """
    if len(question) > 4 * MAX_QUESTION_CHARS:
        return question[:MAX_QUESTION_CHARS], True
    text = " ".join(strip_html(question).split())
    return text, len(text) > MAX_QUESTION_CHARS


def _too_long(question: str) -> Answer:
    """A question over the limit is refused whole: answering its start could mislead."""
    shown = question[:MAX_QUESTION_CHARS]
    return Answer(shown, AnswerStatus.TOO_LONG, length=len(question))


def _phrases(text: str) -> tuple[str, ...]:
    """The quoted phrases of a question, in order."""
    return tuple(next(g for g in m.groups() if g) for m in _PHRASE.finditer(text))


def _numeral(n: int) -> str:
    """1 -> 一, 12 -> 十二, 20 -> 二十 (how these reports number their headings)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


class Engine(Browsing):
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
        self._folded = FoldedTexts(self.passages, tokenizer.fold)
        self.index = index
        self._token_count = index.token_count
        # Scope by report number: an integer test over the candidates, no pass over N strings.
        self._report_number = {r.name: i for i, r in enumerate(self.passages.reports)}
        self._position = Positions(self.passages)
        self.regions = RegionIndex(
            self.reports.values(), tokenizer.fold, tokenizer.spans, tokenizer.is_dictionary_word
        )
        self._build_seconds = 0.0
        self._fold_section = functools.lru_cache(maxsize=65536)(
            lambda section: tokenizer.fold(" ".join(section))
        )
        self.queries = QueryBuilder(
            tokenizer, known=lambda word: self.index.idf(word) is not None, weights=config.query
        )
        folded = self._folded.__getitem__
        self._abstention = Abstention(
            self.passages, self.reports, folded, self._headings, self._term_weight,
            config.min_coverage,
        )  # fmt: skip
        self._citer = Citer(
            self.passages, self.reports, tokenizer.fold, folded, self._term_weight, self._appendix
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
        warnings = (*corpus.warnings, *problems, *more)
        engine = cls(reports, corpus.passages, corpus.index, tokenizer, config, warnings)
        engine._build_seconds = time.perf_counter() - started
        return engine

    # -- answering ------------------------------------------------------------------------

    def answer(self, question: str, conversation: Conversation | None = None) -> Answer:
        """Answer a question; `conversation` (if given) carries follow-ups and restrictions."""
        conv = conversation if conversation is not None else Conversation()
        text, too_long = _question_text(question)
        if too_long:
            return _too_long(question)
        if asks_for_more(text):
            return self.more(conv)
        text = rephrase_follow_up(text, conv.last_question, self.regions, self.tokenizer.fold)
        # A new question: nothing of the last one's results carries over.
        conv.ranking, conv.offset, conv.last_answer = None, 0, None

        if unknown := self._unknown_latin(text):
            conv.last_question = text
            return Answer(text, AnswerStatus.NOT_CHINESE, unknown_words=unknown)
        asked = full_years(text)  # what is matched; the question is shown as written
        region = self.regions.match(asked)
        if not conv.report and len(region.reports) != 1 and across.asks_across(text):
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

        query = self.queries.build(asked, region.names)
        if not query.weights and query.ordinal is None:
            # Only a place ("辽源"): say which report it is, the shells suggest what to ask.
            named = region.reports[0] if len(region.reports) == 1 else None
            return Answer(text, AnswerStatus.EMPTY_QUESTION, scope=named)
        conv.last_question = text
        phrases = _phrases(text)
        hits = self._rank(query, scope, phrases=phrases)
        if not hits or not self._abstention.confident(query, hits[0][0]):
            answer = Answer(text, AnswerStatus.NOT_FOUND, scope=conv.report, phrases=phrases)
        else:
            hits = [hits[0], *self._abstention.relevant(query, hits[1:])]
            conv.ranking = Ranking(query, self._one_per_paragraph(query, hits), conv.report)
            answer = self._citer.page(text, conv.ranking, 0, self.config.top_k)
            answer = replace(answer, phrases=phrases)
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
        answer = self._citer.page(question, ranked, conv.offset, self.config.top_k)
        conv.offset += len(answer.citations)
        conv.last_answer = answer
        return answer

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
        self,
        query: Query,
        scope: Sequence[str],
        scores: np.ndarray | None = None,
        phrases: Sequence[str] = (),
    ) -> list[tuple[int, float]]:
        """The best BM25 candidates within `scope` (all reports if empty), re-ranked.

        Copies of a report were dropped at build (duplicates.py). With `phrases`
        only passages holding each of them exactly (in their text or headings) are kept.
        """
        scores = self._scores(query) if scores is None else scores
        candidates = self._candidates(query, scores)
        if scope:  # by report number: an integer test over the candidates only
            numbers = [self._report_number[name] for name in scope if name in self._report_number]
            candidates = candidates[np.isin(self.passages.report_idx[candidates], numbers)]
        if phrases:
            wanted = [self.tokenizer.fold(p) for p in phrases]
            candidates = np.array(
                [i for i in candidates.tolist() if self._holds(int(i), wanted)], dtype=np.int64
            )
        depth = self.config.rerank_depth
        if candidates.size > depth:
            candidates = candidates[np.argpartition(-scores[candidates], depth - 1)][:depth]
        pool = [(int(i), float(scores[i])) for i in candidates]
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
        )
        return ranked[: self.config.max_ranked]

    def _compared(self, query: Query, i: int, topic: str) -> bool:
        """Is passage i a confident answer for its report in a comparison?

        The strict test, or the normal one when a sentence of the passage holds every word
        of the question's terms in another order ("改造96个老旧小区" for 老旧小区改造).
        """
        if self._abstention.confident(query, i, strict=True):
            return True
        if not self._abstention.confident(query, i):
            return False
        pieces = []
        for term in self.tokenizer.precise_terms(topic):
            words = [w for w in self.tokenizer.words(term) if w != term] or [term]
            pieces.append([w for w in words if not any(v != w and v in w for v in words)])
        if not pieces:
            return False
        folded = self._folded[i]
        sentences = [folded[a:b] for a, b in sentence_spans(folded)]
        return any(all(all(w in s for w in ws) for ws in pieces) for s in sentences)

    def _holds(self, i: int, phrases: Sequence[str]) -> bool:
        """Does passage i hold every phrase (folded) in its text or its headings?"""
        text, headings = self._folded[i], self._headings(i)
        return all(p in text or p in headings for p in phrases)

    def _one_per_paragraph(
        self, query: Query, hits: Sequence[tuple[int, float]]
    ) -> list[tuple[int, float]]:
        """The best hit of each paragraph (of each heading, for a question about headings):
        two parts of one paragraph are one citation, a heading is not cited three times."""
        seen: set[tuple[str, object]] = set()
        out: list[tuple[int, float]] = []
        for i, score in hits:
            p = self.passages[i]
            keys: list[tuple[str, object]] = [(p.report, p.paragraph)]
            if query.wants_section and p.section:
                headings = self._citer.headings_asked_for(query, p)
                # the first is cited by its heading alone: no later one may repeat it
                keys = [(p.report, headings), *([(p.report, headings[:1])] if not out else [])]
            if keys[0] not in seen:
                seen.update(keys)
                out.append((i, score))
        return out

    def _appendix(self, report: str, number: int) -> Passage | None:
        """The first passage of 附件<number> of a report (what "(见附件1)" points to)."""
        marker = re.compile(rf"^附件\s*(?:{number}|{_numeral(number)})(?!\d)")
        for p in self.report_passages(report):
            if p.section and marker.match(p.section[0]) and p.paragraph > 0:
                return p
        return None

    def _unknown_latin(self, text: str) -> tuple[str, ...]:
        """Latin words of a question that match nothing and may name a place ("Liaoyuan").

        A question in English or pinyin would otherwise be answered from whatever report
        holds its one known term; all-capital acronyms in a Chinese question are left alone.
        """
        words = _LATIN_WORD.findall(text)
        if not words:
            return ()
        chinese = bool(_CJK.search(text))
        if not chinese and len(words) < 2:
            return ()  # one Latin word alone is a search term like any other
        unknown = []
        for word in dict.fromkeys(words):
            if word.lower() in _ENGLISH_STOP or (chinese and word.isupper()):
                continue
            folded = self.tokenizer.fold(word)
            if self.index.idf(folded) is None and set(self.queries.build(word, ()).weights) <= {
                folded
            }:
                unknown.append(word)
        return tuple(unknown)

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
        return under * self.config.ordinal_bonus

    def _term_weight(self, term: str) -> float:
        idf = self.index.idf(term)
        if idf is None:  # a word no passage has: rare, but often just colloquial wording
            return self.config.oov_weight * math.log((self.index.size + 0.5) / 0.5)
        return max(idf, 0.01)  # above zero: in a tiny corpus every idf may be zero

    def compare(
        self, question: str, conversation: Conversation | None = None, cross: bool = False
    ) -> Answer:
        """Every report's best passage for the same question: a row per report, those with
        a confident passage first (best first), then those without (未找到, nothing cited).

        For questions like "各地地区生产总值增长多少": each row from its own report and held
        to the same abstention test as a normal answer. `cross`: the question asked across
        reports ("哪个区的GDP最高"); its cues are left out of the search, and when every
        figure found is comparable the highest (or lowest) row is named.
        """
        conv = conversation if conversation is not None else Conversation()
        text, too_long = _question_text(question)
        if too_long:
            return _too_long(question)
        asked = full_years(text)  # what is matched; the question is shown as written
        region = self.regions.match(asked)
        if region.unknown:
            return Answer(text, AnswerStatus.UNKNOWN_REGION, unknown_region=region.unknown)
        topic = across.topic(asked) or asked
        query = self.queries.build(topic, region.names)
        if not query.weights:
            return Answer(text, AnswerStatus.EMPTY_QUESTION)
        conv.last_question = text
        conv.ranking, conv.offset = None, 0
        phrases = _phrases(text)
        scores = self._scores(query)
        names = list(self.reports)
        if len(set(region.reports)) >= 2:  # "辽源和铁东……对比": those reports only
            names = [n for n in names if n in region.reports]
        found: list[tuple[CompareRow, float]] = []
        missing: list[CompareRow] = []
        for name in names:
            report = self.reports[name]
            hits = self._rank(query, (name,), scores, phrases)
            if hits and self._compared(query, hits[0][0], topic):
                citation = self._citer.cite(query, *hits[0])
                figure = across.read_figure(citation, report.meta.plan_year)
                if figure is not None:
                    citation = replace(citation, matched=(*citation.matched, figure.text))
                found.append((CompareRow(report, citation, figure), hits[0][1]))
            else:
                missing.append(CompareRow(report, None))
        found.sort(key=lambda f: -f[1])
        rows = tuple([row for row, _ in found] + missing)
        citations = tuple(row.citation for row, _ in found if row.citation is not None)
        lowest = across.wants_lowest(text)
        leader = across.leader(rows, lowest) if cross and lowest is not None else None
        status = AnswerStatus.ANSWERED if citations else AnswerStatus.NOT_FOUND
        answer = Answer(
            text,
            status,
            citations,
            rows=rows,
            across=cross,
            leader=leader,
            leader_is_lowest=bool(lowest),
            phrases=phrases,
        )
        conv.last_answer = answer
        return answer
