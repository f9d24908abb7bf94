"""Typed values that flow through the core: reports, passages, citations, answers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from .lazy_hits import hit_at

if TYPE_CHECKING:
    from .query_types import Query


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One decoded file of the corpus folder, before cleaning."""

    name: str  # file name in the corpus folder
    text: str
    digest: str  # sha256 of the raw bytes
    pages: tuple[tuple[int, int], ...] = ()  # (offset, page): from offset on, that page (PDF)
    markup: bool = True  # may hold HTML (a .txt or .html); False: plain text from PDF/DOCX
    headings: tuple[tuple[str, int], ...] = ()  # (line, level) a .docx's heading styles mark


@dataclass(frozen=True, slots=True)
class ReportMeta:
    """What a report's header says about it; None where the header does not say."""

    title: str | None = None
    region: str | None = None  # e.g. 赛罕区
    parent: str | None = None  # the city it belongs to, e.g. 呼和浩特市, 四平
    province: str | None = None  # province-level name, e.g. 内蒙古, 天津
    date: str | None = None  # ISO date of the meeting
    meeting: str | None = None
    speaker: str | None = None
    office: str | None = None  # 区长, 代区长, 市长 ...
    code: str | None = None  # division code (adcode) of the region; 100000 for 全国
    level: str | None = None  # national | province | prefecture | county
    plan_year: int | None = None  # the year the report plans for (its 今年)
    source_url: str | None = None  # from reports.toml, when known
    published: str | None = None  # publication date, from reports.toml

    @property
    def review_year(self) -> int | None:
        """The year the report looks back on (its 去年)."""
        return self.plan_year - 1 if self.plan_year else None


@dataclass(frozen=True, slots=True)
class Report:
    name: str  # file name in the corpus
    meta: ReportMeta
    # cleaned text, or what reads it when asked for (a mapped index segment decodes it then)
    body: str | Callable[[], str] = field(repr=False, compare=False)

    @property
    def text(self) -> str:
        """The cleaned text; passage spans point into it."""
        body = self.body
        return body if isinstance(body, str) else body()

    @property
    def label(self) -> str:
        """Short human name: region, else title, else file name."""
        return self.meta.region or self.meta.title or self.name

    @property
    def document_title(self) -> str:
        """How the report is cited: its own title if it names the report, else one made up
        of year and region ("2022年辽源市政府工作报告"), else the file name."""
        meta = self.meta
        if meta.title and "报告" in meta.title and len(meta.title) > len("政府工作报告"):
            return meta.title
        place = f"{meta.province or ''}{meta.region}" if meta.level == "county" else meta.region
        if place and meta.plan_year:
            return f"{meta.plan_year}年{place}政府工作报告"
        return meta.title or self.name


@dataclass(frozen=True, slots=True)
class Passage:
    id: str
    report: str  # file name in the corpus
    section: tuple[str, ...]  # headings, top level first
    paragraph: int  # 1-based paragraph number in the cleaned report
    span: tuple[int, int]  # offsets into the cleaned text
    text: str
    glossary: bool = False  # one glossary entry (term + definition)
    pages: tuple[int, int] | None = None  # PDF pages of its first and last character

    @property
    def page(self) -> int | None:
        """The PDF page where the passage starts (None for a report without pages)."""
        return self.pages[0] if self.pages else None


def spans_of(text: str, words: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """Every occurrence of `words` in `text`, longest word first where they overlap."""
    taken = [False] * len(text)
    spans: list[tuple[int, int]] = []
    for word in sorted({w for w in words if w}, key=lambda w: (-len(w), w)):  # fixed order
        start = text.find(word)
        while start != -1:
            end = start + len(word)
            if not any(taken[start:end]):
                spans.append((start, end))
                taken[start:end] = [True] * len(word)
            start = text.find(word, start + 1)
    return tuple(sorted(spans))


@dataclass(frozen=True, slots=True)
class Citation:
    passage: Passage
    report: Report
    excerpt: str  # 1-3 best sentences of the passage
    matched: tuple[str, ...]  # query terms found in the passage; shells highlight them
    score: float
    appendix: Passage | None = None  # the appendix a "(见附件1)" in the excerpt refers to

    @property
    def highlights(self) -> tuple[tuple[int, int], ...]:
        """Where the matched words stand in the excerpt: [start, end) offsets, in order, not
        overlapping (a longer word wins). Shells render these spans; they need not search."""
        return spans_of(self.excerpt, self.matched)

    @property
    def reference(self) -> str:
        """A copy-ready reference: 《2022年辽源市政府工作报告》一、… › （二）… 第4段, and
        （第3页） for a PDF."""
        path = " › ".join(self.passage.section)
        where = f"{path} 第{self.passage.paragraph}段" if path else f"第{self.passage.paragraph}段"
        page = f"（第{self.passage.page}页）" if self.passage.page else ""
        return f"《{self.report.document_title}》{where}{page}"


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure read from a compared passage: "地区生产总值增长6.5%" -> 6.5, "%"."""

    indicator: str  # the question's term it follows, with 增长/年均增长 when that comes between
    value: float
    unit: str
    year: int | None  # the year its sentence names, else the report's plan year
    text: str  # as written in the excerpt ("6.5%"); shells highlight it


@dataclass(frozen=True, slots=True)
class CompareRow:
    """One report of a comparison: its best passage, or None (nothing confident: 未找到)."""

    report: Report
    citation: Citation | None
    figure: Figure | None = None


class AnswerStatus(Enum):
    ANSWERED = "answered"
    NOT_FOUND = "not_found"  # the reports do not answer it
    NOT_CHINESE = "not_chinese"  # Latin words only, some of them unknown: maybe a place name
    EMPTY_QUESTION = "empty_question"  # nothing left to search for
    UNKNOWN_REGION = "unknown_region"  # asks about a place with no report
    NO_MORE = "no_more"  # a follow-up asked for more, nothing left
    TOO_LONG = "too_long"  # over MAX_QUESTION_CHARS: refused, not cut (every shell alike)


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    status: AnswerStatus
    citations: tuple[Citation, ...] = ()  # best first
    unknown_region: str | None = None
    length: int = 0  # the question's length in characters (TOO_LONG says it)
    scope: str | None = None  # report the answer was restricted to, if any
    offset: int = 0  # rank of the first citation minus one (follow-ups page on)
    fallback: str | None = None  # the place asked for; answered from its parent's report
    only_region: str | None = None  # with UNKNOWN_REGION: the same-name region we do have
    suggestion: str | None = None  # with UNKNOWN_REGION: a loaded region a typo probably means
    year: int | None = None  # the plan year of the report picked when a region has several
    rows: tuple[CompareRow, ...] = ()  # a comparison: one row per report, found ones first
    across: bool = False  # the question asked across reports, so it was answered as a comparison
    leader: CompareRow | None = None  # highest (or lowest) when the figures are comparable
    leader_is_lowest: bool = False  # the question asked for the lowest
    not_compared: int = 0  # a comparison of more reports than config.compare_reports: those
    # whose best passage scored lowest, not ranked one by one (compare.py)
    unknown_words: tuple[str, ...] = ()  # with NOT_CHINESE: the words that match nothing
    phrases: tuple[str, ...] = ()  # quoted phrases the citations contain exactly
    index_version: str = ""  # the index version it came from, to reproduce its citations

    @property
    def answered(self) -> bool:
        return self.status is AnswerStatus.ANSWERED


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """One heading of a report's section tree."""

    section: tuple[str, ...]  # the path down to this heading
    passages: int  # passages under it, its sub-sections included


@dataclass(slots=True)
class Ranking:
    """The full ranking of a question: the analysed question and (passage index, score) hits."""

    query: Query
    hits: Sequence[tuple[int, float]] = field(default_factory=list)
    scope: str | None = None  # the report it was restricted to
    index_version: str = ""  # the index its passage numbers are of

    def has(self, n: int) -> bool:
        """Is there a hit at position n (from 0)?"""
        return hit_at(self.hits, n)


@dataclass(slots=True)
class Conversation:
    """Small per-conversation state: the REPL keeps one, the bot one per chat."""

    report: str | None = None  # restrict answers to this report (file name)
    last_question: str | None = None
    offset: int = 0
    last_answer: Answer | None = None
    ranking: Ranking | None = None

    @property
    def has_more(self) -> bool:
        """Would a follow-up ("还有呢") find further results?"""
        return self.ranking is not None and self.ranking.has(self.offset)

    def restrict(self, report: str | None) -> None:
        """Answer from one report only (None: from all); results so far no longer page on."""
        self.report = report
        self.ranking, self.offset, self.last_answer = None, 0, None


@dataclass(frozen=True, slots=True)
class RegionMatch:
    reports: tuple[str, ...]  # reports to search, best first; empty: every report
    unknown: str | None = None  # a place named that no loaded report covers
    names: tuple[str, ...] = ()  # the words that named a region, left out of the search
    fallback: str | None = None  # the place asked for, searched in its parent's report
    fallback_names: tuple[str, ...] = ()  # its names: a passage cited for it must name it
    fallback_above: bool = False  # searched in the report of its city or province (not below)
    only: str | None = None  # a loaded same-name region the question does not mean
    suggestion: str | None = None  # a loaded region a mistyped name probably means
    year: int | None = None  # the plan year picked among several reports of one region
