"""Question analysis: weighted search terms, concept groups, and what kind of answer is wanted."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache

from .answer_types import asked_attribute, asks_delivery
from .config import QueryWeights
from .cuts import Cuts
from .numbers import report_forms
from .query_types import RELATIVE_YEARS, UNIT_WORD, Concept, Query
from .question import outside_quotes
from .question_cues import (
    A_NOT_A,
    DEFINITION,
    HOW_BIG,
    REPORT_SAYS,
    SECTION,
    WORDING,
    list_size_asked,
    ordinal_asked,
    without_ordinal,
)
from .report_parts import asks_plan, asks_result
from .report_pieces import made_up, reports_pieces
from .thesaurus import Keys, read_thesaurus
from .tokens import DATA, Tokenizer, read_word_list
from .units import asked_unit, unglue_unit
from .variants import pieces_not_said_whole, town_and_country, whole_named
from .word_kinds import word_tag
from .words_apart import (
    adverbs_apart,
    plan_verb_apart,
    question_words_apart,
    separable_joined,
    years_apart,
)

# (百分之 with its figure, "“三个百分之百”", states one and asks none)
# (这几年, 近几年, 前几年, 过去几年, 这几个: a span or a group said, not how many asked; a
# rank, "排全国前几", is asked)
_NUMBER = re.compile(
    r"多少|(?:(?<![这近前])(?<!过去)|(?<=前)(?!几年))几[个项条家所名万千百亿年天次户人座]?|比例|比重|百分之(?![一二两三四五六七八九十百零])|占比|增速|增幅|规模|总额|总量|数量|多大|多长|多高|多远|多久|金额"
)
_MAGNITUDE = re.compile(r"(?:几|多少)[十百千万亿]+(?![元吨人户个家所条辆台套座头张床])")
# How a level asked is held ("保持在多少", "控制在多少以内"): the report says 稳定在, 控制在…
_HELD_AT = re.compile(r"(?:保持|稳定|控制|维持)(?=在(?:多少|几|百分之))")

_RELATIVE_YEAR = re.compile("|".join(RELATIVE_YEARS))
# A year asked, not one measured from ("比2011年减少了多少")
_YEAR = re.compile(r"(?<![\d比])(?<!(?<!比)较)((?:19|20)\d\d)(?=年|\D|$)")  # 比较2019年 asks
GENERIC_WORDS = DATA / "generic.txt"
# jieba's tags of words that say how a question is put, not what about: conjunctions (因为),
# prepositions (关于), pronouns (那些, 咱们), particles, interjections, onomatopoeia
_FUNCTION_TAGS = frozenset({"c", "p", "r", "u", "y", "e", "o"})


class _SpanSet:
    """Does a span lie strictly inside one of these word spans?"""

    def __init__(self, words: list[tuple[int, int]]) -> None:
        self._words = words

    def __contains__(self, span: object) -> bool:
        if not isinstance(span, tuple):
            return False
        s, e = span
        return any(ws <= s and e <= we and (ws, we) != (s, e) for ws, we in self._words)

    def crosses(self, span: tuple[int, int]) -> bool:
        """Does `span` cut one of these words in two, holding a part of it and running on
        past it ("少了" of 多少|了)?"""
        s, e = span
        return any(ws < s < we < e or s < ws < e < we for ws, we in self._words)


class QueryBuilder:
    """Turns a question into weighted terms, expanding colloquial wording via the thesaurus."""

    def __init__(
        self,
        tokenizer: Tokenizer,
        thesaurus: dict[str, tuple[str, ...]] | None = None,
        known: Callable[[str], bool] = lambda word: False,
        weights: QueryWeights | None = None,
        cuts: Cuts | None = None,
    ) -> None:
        self.tokenizer = tokenizer
        self.cuts = cuts or Cuts(tokenizer)  # the question's cuts, each string cut once
        self.weights = weights or QueryWeights()
        self.known = known  # is this a word of the reports' vocabulary?
        self.generic = read_word_list(GENERIC_WORDS)
        if thesaurus is None:
            thesaurus = read_thesaurus() if self.weights.thesaurus else {}
        self._thesaurus = {
            tokenizer.fold(k): tuple(tokenizer.fold(t) for t in v) for k, v in thesaurus.items()
        }
        self._keys = Keys(list(self._thesaurus))
        # jieba's cuts of thesaurus entries and question words, kept: the same strings come
        # back question after question (a thesaurus key costs a dozen cuts).
        self._words: Callable[[str], tuple[str, ...]] = lru_cache(maxsize=4096)(self._cut)
        self._precise: Callable[[str], tuple[str, ...]] = lru_cache(maxsize=1024)(self._cut_precise)
        # a word no report says, read as report words: asked of each word two or three times
        # a question (its search terms, its concepts, its weight); the index never changes
        self.pieces: Callable[[str], tuple[str, ...]] = lru_cache(maxsize=4096)(self._pieces)

    def _cut(self, text: str) -> tuple[str, ...]:
        return tuple(self.tokenizer.words(text))

    def _cut_precise(self, text: str) -> tuple[str, ...]:
        return tuple(self.tokenizer.precise_terms(text))

    def discount(self, term: str) -> float:
        """Generic report words, lone characters (or a word jieba glued of them that no report
        says and holds no report word) and function words say little about what is asked."""
        if term in self.generic:
            return self.weights.generic
        if UNIT_WORD.fullmatch(term):
            return self.weights.unit
        if len(term) == 1 and not term.isdigit():
            return self.weights.single_char
        if word_tag(term) in _FUNCTION_TAGS:
            return self.weights.function_word
        if made_up(term, self.tokenizer, self.known) and not self.pieces(term):
            return self.weights.single_char  # "要修", "能补": lone characters glued by jieba
        return 1.0

    def expansion_weight(self, term: str) -> float:
        """The weight of a report's wording for the user's own (the thesaurus's, say)."""
        return self.weights.expansion * self.discount(term)

    def _inside_known_words(self, text: str) -> _SpanSet:
        """Spans that lie strictly inside a longer word of the reports' vocabulary."""
        return _SpanSet(
            [(s, e) for word, s, e in self.cuts.spans(text) if len(word) > 1 and self.known(word)]
        )

    def _dictionary_words(self, text: str) -> _SpanSet:
        """The spans of the words of jieba's dictionary the question is cut into."""
        common = self.tokenizer.is_dictionary_word
        return _SpanSet([(s, e) for word, s, e in self.cuts.spans(text) if len(word) > 1
                         and common(word)])  # fmt: skip

    def _inside_own_spelling(self, text: str, key: str) -> _SpanSet:
        """Spans that lie strictly inside a common word of the dictionary that is one of the
        thesaurus key's own spellings: "可支配收入" of 收入 (收入 -> 可支配收入 收入) is said
        whole, not 可|支配 and the key; 规模以上工业增加值 keeps 工业's 规上工业."""
        spellings = self._thesaurus.get(key, ())
        common = self.tokenizer.is_dictionary_word
        return _SpanSet(
            [(s, e) for word, s, e in self.cuts.spans(text) if word in spellings and common(word)]
        )

    def _yes_or_no(self, m: re.Match[str]) -> str:
        """An A-not-A match left out; of A-not-AB the word AB stays ("安不安全": 安全), where
        A is no function word (有没有人, 是不是要, 能不能用: A-not-A, then a word), AB is a word
        of the reports or of the dictionary ("适不适合去": 适合, never 合去; "去不去上海": 上海)
        and B no start of the word after it ("降不降水费": 水费, not 降水; "通不通货车": 货车)."""
        a, ab = m.group(1), m.group(1) + m.group(2)
        after = m.string[m.start(2) : m.end() + 4]  # B and what follows it
        if (
            len(ab) == 2
            and a not in self.tokenizer.stop_words
            and (self.known(ab) or self.tokenizer.is_dictionary_word(ab, min_freq=1))
            and not self._starts_word(after)
        ):
            return f" {ab}"
        return f" {m.group(2)}"

    def _pieces(self, word: str) -> tuple[str, ...]:
        """report_pieces.reports_pieces: the report words a word no report says is read as."""
        return tuple(reports_pieces(word, self.tokenizer, self.known, self.weights.common_piece))

    def _starts_word(self, text: str) -> bool:
        """Does `text` open on a word of the dictionary longer than one character?"""
        first = next((w for w, _, _ in self.cuts.spans(text)), "")
        return len(first) > 1 and self.tokenizer.is_dictionary_word(first, min_freq=1)

    def build(self, text: str, drop: Sequence[str] = ()) -> Query:
        folded = REPORT_SAYS.sub(lambda m: m[1].ljust(len(m[0])), self.tokenizer.fold(text))
        for name in sorted(drop, key=len, reverse=True):  # (kept inside a quoted phrase:
            folded = outside_quotes(folded, name)  # "“新福建”" is searched as said)
        ordinal, level, part_named = ordinal_asked(folded)
        list_size = None
        if ordinal is not None:
            list_size, folded = list_size_asked(folded)
        if ordinal is not None:
            folded = without_ordinal(folded)
        spans, known = self.cuts.spans, self.known
        folded = adverbs_apart(unglue_unit(folded, spans, known), spans)
        listed = functools.partial(self.tokenizer.is_dictionary_word, min_freq=1)
        folded = plan_verb_apart(years_apart(folded, spans, known), spans, known, listed)
        folded = question_words_apart(folded, spans, known, listed)
        folded = separable_joined(folded, spans, known, listed)
        folded = self._keys.through_counts(folded, spans)
        words = [w for w, _, _ in self.cuts.spans(folded)]  # report_parts.py reads these
        # Cue phrases say what kind of answer is wanted; they are not searched for.
        folded = A_NOT_A.sub(self._yes_or_no, WORDING.sub(" ", folded))
        wants_section = bool(SECTION.search(folded)) or ordinal is not None
        folded = SECTION.sub(" ", folded)
        wants_definition = bool(DEFINITION.search(folded)) and not wants_section
        folded = DEFINITION.sub(" ", folded)
        # "过了几万亿", "多少亿": the size of the figure asked for, not a word to search.
        magnitude = bool(_MAGNITUDE.search(folded))
        folded = _HELD_AT.sub(" ", _MAGNITUDE.sub(" ", folded))

        weights: dict[str, float] = {}
        concepts: list[Concept] = []

        def add(term: str, weight: float) -> None:
            weights[term] = max(weights.get(term, 0.0), weight * self.discount(term))

        def concept(full: list[str], weight: float, said: int = 0) -> Concept:
            full = list(dict.fromkeys(full))
            own = [p for w in full[:said] for p in self._words(w) if p not in full]
            pieces = own or (p for w in full for p in self._words(w))
            apart = [
                _tiled(w, cut)
                for w in full
                if len(cut := tuple(p for p in self._words(w) if p != w)) > 1
            ]
            return Concept(
                tuple(full),
                tuple(p for p in dict.fromkeys(pieces) if p not in full),
                weight,
                tuple(dict.fromkeys(apart)),
            )

        # Thesaurus keys, longest first, each part of the question used once; a key inside
        # a longer word the reports use ("收入" in "可支配收入") is left to that word.
        # Figures come first, as entries made from the question (numbers.py): 百分之五 -> 5%.
        rest = folded
        inside_known = self._inside_known_words(folded)
        crossed = self._dictionary_words(folded)
        figures = report_forms(folded)
        for key in [*figures, *self._keys.held(folded)]:
            start = rest.find(key)
            spelled = self._inside_own_spelling(folded, key) if key not in figures else _SpanSet([])
            while start != -1 and (
                (start, start + len(key)) in inside_known
                or (start, start + len(key)) in spelled
                or crossed.crosses((start, start + len(key)))  # "少了" of "多少了"
            ):
                start = rest.find(key, start + 1)
            if start == -1:
                continue
            rest = rest[:start] + " " * len(key) + rest[start + len(key) :]
            spellings = figures[key] if key in figures else self._thesaurus[key]
            own = list(dict.fromkeys(self._words(key)))  # tokenizer.query_terms(key)
            for term in own:
                add(term, 1.0)
            for phrase in spellings:
                for term in self._words(phrase):
                    if term not in own:
                        add(term, self.weights.expansion)
            said = list(self._precise(key))
            if key in figures or len(said) > 1:
                said = [key]  # "专项债" (专项|债): the key, its pieces half (not 专项 alone)
            concepts.append(concept([*said, *spellings], 1.0, len(said)))
        rest = HOW_BIG.sub(lambda m: " " * len(m[0]), rest)
        for term in self.cuts.query_terms(rest):
            add(term, 1.0)
            for piece in self.pieces(term):
                add(piece, 1.0)
        for word in self.cuts.precise_terms(rest):  # a made-up word is said by its pieces
            concepts.append(concept([word, *self.pieces(word)], self.discount(word)))
        for k in town_and_country([c.full for c in concepts]):  # 城乡 says towns and country
            concepts[k] = replace(concepts[k], full=(*concepts[k].full, "城乡"))
        pieces = pieces_not_said_whole([(c.full, c.partial) for c in concepts])
        concepts = [replace(c, partial=p) for c, p in zip(concepts, pieces, strict=True)]
        for k, c in enumerate(concepts):  # "全年生产总值" says the 地区生产总值 asked
            if alone := [w for t in c.full if (w := whole_named(t)) and w not in c.full]:
                concepts[k] = replace(c, full=(*c.full, *alone))
        return Query(
            text=text,
            weights=weights,
            concepts=tuple(concepts),
            wants_number=magnitude or bool(_NUMBER.search(folded)),
            unit=asked_unit(folded),
            attribute=asked_attribute(words, word_tag),
            partial_credit=self.weights.partial_credit,
            wants_definition=wants_definition,
            wants_section=wants_section,
            asks_plan=asks_plan(words),
            asks_result=asks_result(words),
            words=tuple(words),
            people=tuple(self.tokenizer.people(text)) if asks_delivery(text) else (),
            ordinal=ordinal,
            ordinal_level=level,
            part_named=part_named,
            list_size=list_size,
            years=tuple(dict.fromkeys(_YEAR.findall(folded))),
            relative_years=tuple(
                dict.fromkeys(RELATIVE_YEARS[w] for w in _RELATIVE_YEAR.findall(folded))
            ),
        )


def _tiled(word: str, pieces: tuple[str, ...]) -> tuple[str, ...]:
    """The fewest of `pieces` that spell `word` end to end ("清华北大": 清华, 北大, not the
    华北 jieba also finds across them; "空气质量": 空气, 质量, not 气质), or all of them where
    none do: what a sentence saying the word apart must hold."""
    best: list[tuple[str, ...] | None] = [()] + [None] * len(word)  # spelling word[:end]
    for end in range(1, len(word) + 1):
        for piece in pieces:
            start = end - len(piece)
            before = best[start] if start >= 0 else None
            now = best[end]
            if (
                before is not None
                and word[start:end] == piece
                and (now is None or len(before) + 1 < len(now))
            ):
                best[end] = (*before, piece)
    tiled = best[len(word)]
    return tiled if tiled is not None and len(tiled) > 1 else pieces
