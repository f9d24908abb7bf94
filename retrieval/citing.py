"""From a ranked passage to a citation: the excerpt to quote and the words to highlight."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from .aspects import asks_aspects, asks_items, aspect_headings, is_lead
from .config import DEFAULT_CONFIG, EngineConfig
from .coverage import concept_weights, share
from .definitions import asks_meaning
from .excerpt import choose_excerpt, introduces_items, surface_matches, trim
from .models import Answer, AnswerStatus, Citation, Passage, Ranking, Report
from .query_types import Query, is_telling
from .question import numeral
from .question_cues import ITEM_ASKED
from .store import PassageTable

_SEE_APPENDIX = re.compile(r"见附件\s*(\d{1,2}|[一二三四五六七八九十]{1,3})")
_NUMERALS = {ch: n for n, ch in enumerate("一二三四五六七八九十", 1)}


def _appendix_number(written: str) -> int:
    """'1' -> 1, '三' -> 3, '十二' -> 12."""
    if written.isdigit():
        return int(written)
    if "十" in written:
        tens, _, ones = written.partition("十")
        return 10 * (_NUMERALS.get(tens, 1) if tens else 1) + _NUMERALS.get(ones, 0)
    return _NUMERALS.get(written, 0)


_AFTER = r"(?:^|(?<=[。；;，,：:！？\s]))"  # "二是" opens a clause, not 统一是


def inline_item(text: str, n: int) -> str | None:
    """Item n of a list written inside `text` ("…十件民生实事。（1）保障好重点群体就业，…。（2）…"),
    from its marker to the end of its sentence or the next item's marker; None if the text
    has no item n (or n is LAST)."""
    if n < 1:
        return None
    written, following = numeral(n), numeral(n + 1)
    start = re.search(
        rf"[(（](?:{n}|{written})[)）]|(?<![\d.]){n}[.、．](?!\d)|{_AFTER}{written}是", text
    )
    if start is None:
        return None
    rest = text[start.start() :]
    stop = re.compile(
        rf"(?<=[。；;！？])|(?=[(（](?:{n + 1}|{following})[)）])|{_AFTER}(?={following}是)"
    )
    end = stop.search(rest, 1)
    return rest[: end.start()] if end else rest


class Citer:
    """Makes citations from one engine's passages."""

    def __init__(
        self,
        passages: Sequence[Passage],
        reports: Mapping[str, Report],
        fold: Callable[[str], str],
        folded: Callable[[int], str],
        term_weight: Callable[[str], float],
        appendix: Callable[[str, int], Passage | None] = lambda report, number: None,
        config: EngineConfig = DEFAULT_CONFIG,
        numbered: Callable[[int, int, int, int | None], bool] = lambda i, n, level, size: True,
    ) -> None:
        self._sentences = config.excerpt_sentences
        self._chars = config.excerpt_chars
        self._passages = passages
        self._reports = reports
        self._fold = fold
        self._folded = folded
        self._term_weight = term_weight
        self._appendix = appendix
        self._numbered = numbered  # is passage i under heading n at a level (ordinals.py)?

    def page(self, question: str, ranked: Ranking, offset: int, size: int) -> Answer:
        """The citations of hits [offset, offset + size) of a ranking."""
        hits = ranked.hits[offset : offset + size]
        return Answer(
            question,
            AnswerStatus.ANSWERED,
            tuple(
                self.cite(ranked.query, i, s, sub_heading=offset + k > 0)
                for k, (i, s) in enumerate(hits)
            ),
            scope=ranked.scope,
            offset=offset,
        )

    def cite(self, query: Query, i: int, score: float, sub_heading: bool = False) -> Citation:
        """Passage i as a citation. For a question about a heading, the heading asked for;
        with `sub_heading` (the citations after the first) the sub-heading it leads to as well,
        so that each citation of one heading names a different part of it."""
        passage = self._passages[i]
        term_weights = {t: w * self._term_weight(t) for t, w in query.weights.items()}
        heading_asked = query.wants_section and passage.paragraph != 0  # the header: its text
        if query.ordinal is not None and not self._numbered(
            i, query.ordinal, query.ordinal_level - 1, query.list_size
        ):
            heading_asked = False  # "“十件民生实事”的第一件": not under （一）, its heading says no
        if heading_asked and passage.section and not is_lead(query, passage.section):
            headings = self.headings_asked_for(query, passage)
            whole = sub_heading or asks_aspects(query) or asks_items(query.text)
            excerpt = " › ".join(headings if whole else headings[:1])
        elif query.ordinal is not None and (item := inline_item(passage.text, query.ordinal)):
            excerpt = trim(item, self._fold, term_weights, self._chars)  # "（1）保障好…"
        elif passage.paragraph == 0 or (passage.glossary and len(passage.text) <= self._chars):
            # the header, a short glossary entry: whole
            excerpt = passage.text
        elif asks_aspects(query) and (lead := introduces_items(passage.text)):
            excerpt = trim(lead, self._fold, term_weights, self._chars)  # "…以下十个方面工作："
        else:
            excerpt = choose_excerpt(
                passage.text,
                self._fold,
                term_weights,
                query.wants_number,
                self._sentences,
                self._chars,
                asks_meaning(query),
                passage.section[-1] if passage.section else "",
            )
        spans = surface_matches(passage.text, self._folded(i), term_weights, self._fold)
        matched = tuple(sorted({passage.text[s:e] for s, e in spans}, key=lambda w: (-len(w), w)))
        see = _SEE_APPENDIX.search(excerpt)
        appendix = self._appendix(passage.report, _appendix_number(see.group(1))) if see else None
        return Citation(passage, self._reports[passage.report], excerpt, matched, score, appendix)

    def one_per_paragraph(
        self, query: Query, hits: Sequence[tuple[int, float]]
    ) -> list[tuple[int, float]]:
        """The best hit of each paragraph (of each heading, for a question about headings):
        two parts of one paragraph are one citation, a heading is not cited three times."""
        return list(self.one_per_paragraph_each(query, hits))

    def one_per_paragraph_each(
        self, query: Query, hits: Iterable[tuple[int, float]]
    ) -> Iterator[tuple[int, float]]:
        """one_per_paragraph's hits one at a time, each hit drawn when the one before was."""
        seen: set[tuple[str, object]] = set()
        first = True
        for i, score in hits:
            report, paragraph, section = self._place(i)
            keys: list[tuple[str, object]] = [(report, paragraph)]
            if query.wants_section and section:
                headings = self.headings_asked_for(query, self._passages[i])
                # the first is cited by its heading alone: no later one may repeat it
                keys = [(report, headings), *([(report, headings[:1])] if first else [])]
            if keys[0] not in seen:
                seen.update(keys)
                first = False
                yield i, score

    def _place(self, i: int) -> tuple[str, int, tuple[str, ...]]:
        """Passage i's report, paragraph and section path: read from the table's columns when
        the passages are a PassageTable (no Passage made: its id and text read and decoded,
        ~15 µs, for each of an answer's ~35 hits), else from the Passage."""
        table = self._passages
        if isinstance(table, PassageTable):
            return table.report_of(i), int(table.paragraph[i]), table.section(i)
        passage = table[i]
        return passage.report, passage.paragraph, passage.section

    def headings_asked_for(self, query: Query, passage: Passage) -> tuple[str, ...]:
        """The heading asked for and the sub-heading the passage sits under, if any: what a
        heading question cites, so that each part of a section is cited once."""
        if asks_aspects(query):  # "有哪些方面": the part and the item (aspects.py)
            return aspect_headings(query, passage.section)
        heading = self.heading_asked_for(query, passage)
        depth = passage.section.index(heading)
        return passage.section[depth : depth + 2]

    def heading_asked_for(self, query: Query, passage: Passage) -> str:
        """For a question about a heading: the heading of the passage's path it asks for.

        The numbered one ("第二部分") if numbered, else the best-matching one; on a tie a
        second-level heading wins over the top level, and both over a lead sentence.
        """
        section = passage.section
        if query.ordinal is not None and len(section) >= query.ordinal_level:
            return section[query.ordinal_level - 1]
        weights = concept_weights(query, self._term_weight)
        preference = {1: 0.02, 0: 0.01}
        best = max(
            enumerate(section),
            key=lambda e: share(self._fold(e[1]), query, weights) + preference.get(e[0], 0.0),
        )[0]
        # "2025年重点任务中关于文化的那一项": the part is where to look, the item under it that
        # names what the question is about (文化) is what it asks for
        held: set[int] = set()
        for depth, heading in enumerate(section):
            folded = self._fold(heading)
            new = {
                k
                for k, c in enumerate(query.concepts)
                if is_telling(c) and any(t in folded for t in c.full + c.partial)
            } - held
            if depth > best and new:
                best = depth
            held |= new
        if ITEM_ASKED.search(query.text) and len(section) > 1:
            best = max(best, 1)  # "讲民生的那一条": an item, under the part
        return section[best]
