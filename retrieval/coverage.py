"""How much of a question a passage holds: the weight of each of its concepts, the share of
that weight a text holds (whole words, pieces, a word said apart in one sentence), and the
sentence that holds the most of it.

The re-ranker (rerank.py) scores candidates by these, and the abstention tests
(abstention.py, misplaced.py) and the citer (citing.py) ask them of the passages they judge:
one definition of "holds the question", so what ranks a passage and what cites it agree.
"""

from __future__ import annotations

import inspect
import re
import weakref
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass, replace

from .figure_clauses import figure_with_topic, years_rate_asked
from .query_types import FIGURE, Query
from .said_apart import said_apart
from .sentences import sentence_spans

_YEAR_WORD = re.compile(r"(?:19|20)\d\d")


def concept_weights(query: Query, idf: Callable[[str], float]) -> list[float]:
    """Weight of each concept: its query weight times the rarest idf among its words
    (a word no passage has counts at least as much as its rarest piece).

    An answer asks this of its query many times (re-ranking, each hit judged): the last
    query's weights are kept (the query held, so no other takes its place in memory; an
    engine's method only weakly, so a reloaded engine is not kept alive)."""
    global _last_weights
    last, by, weights = _last_weights
    if last is not query or by() != idf:
        weights = [
            c.weight * max(idf(t) for t in (*c.full, *c.partial))
            if c.partial
            else c.weight * max(idf(t) for t in c.full)
            for c in query.concepts
        ]
        held = weakref.WeakMethod(idf) if inspect.ismethod(idf) else lambda: idf
        _last_weights = (query, held, weights)
    return list(weights)


_last_weights: tuple[object, Callable[[], object], list[float]] = (None, lambda: None, [])


def share(text: Container[str], query: Query, weights: Sequence[float]) -> float:
    """Share of the concepts' weight that `text` (folded; or its `Words`) holds."""
    total = sum(weights)
    if total <= 0:
        return 0.0
    got = 0.0
    for c, w in zip(query.concepts, weights, strict=True):
        for t in c.full:  # (loops, not generators: the same tests and sums, faster)
            if t in text:
                got += w
                break
        else:
            if c.apart and said_apart(text, c.apart):
                got += w
            elif c.partial:
                found = 0
                for t in c.partial:
                    if t in text:
                        found += 1
                got += query.partial_credit * w * found / len(c.partial)
    return got / total


def pieces_where_unsaid(query: Query, folded: str) -> Query:
    """The query a sentence of passage `folded` is judged by: a concept the passage says whole
    is said by the sentence that says it, not by its pieces in another ("粮食产量稳定在…。粮食
    生产再获丰收，总产…"): its pieces apart are dropped (the fast path's rule, `judge`)."""
    if not any(c.apart and any(t in folded for t in c.full) for c in query.concepts):
        return query
    kept = [replace(c, apart=()) if any(t in folded for t in c.full) else c
            for c in query.concepts]  # fmt: skip
    return replace(query, concepts=tuple(kept))


@dataclass(frozen=True, slots=True)
class Words:
    """A text and where jieba's words in it start and end: what it says in whole words."""

    text: str
    bounds: frozenset[int]

    @classmethod
    def of(cls, text: str, spans: Callable[[str], list[tuple[str, int, int]]]) -> Words:
        return cls(text, frozenset(b for _, s, e in spans(text) for b in (s, e)))

    def __contains__(self, term: object) -> bool:
        """Does the text say `term` within one word or from a word's start to a word's end,
        not across a word's edge ("人民生活" holds no 民生; "民生工程" and "政府自身建设" do)?"""
        if not isinstance(term, str):
            return False
        at = self.text.find(term)
        while at != -1:
            end = at + len(term)
            if (at in self.bounds and end in self.bounds) or not any(
                b in self.bounds for b in range(at + 1, end)
            ):
                return True
            at = self.text.find(term, at + 1)
        return False


def best_sentence_share(
    folded: str, query: Query, weights: Sequence[float], context: str = ""
) -> tuple[float, str]:
    """The sentence holding the largest share of the question, and that share.

    `context` (the passage's headings) counts as part of every sentence; among equal
    shares a sentence with a figure wins when the question asks for one.
    """
    near, sentence, _ = QuestionCoverage(query, weights).judge(folded, context)
    return near, sentence


def sentences_holding(
    folded: str, query: Query, weights: Sequence[float], context: str, minimum: float
) -> Iterator[str]:
    """The sentences of `folded` that hold at least `minimum` of the question, with `context`
    (the passage's headings) counted as part of each."""
    for s, e in sentence_spans(folded):
        if share(folded[s:e] + " " + context, query, weights) >= minimum:
            yield folded[s:e]


class QuestionCoverage:
    """The question's concepts, made ready once to judge passage after passage.

    `judge` gives what best_sentence_share and share(text) give, without testing every word
    against every sentence: a word the passage does not hold is in none of its sentences, and
    a word without a space is in `sentence + " " + context` exactly when it is in one of the
    two. Shares are summed as `share` sums them (same order, same float operations), so they
    are equal to the last bit; a question with a spaced word takes `share` itself.
    """

    __slots__ = ("_contexts", "_credit", "_parts", "_phrases", "_plain", "_query", "_topic",
                 "_total", "_weights", "_words", "_years_rate")  # fmt: skip

    def __init__(self, query: Query, weights: Sequence[float]) -> None:
        self._query, self._weights = query, weights
        self._total = sum(weights)
        self._credit = query.partial_credit
        each = [(*c.full, *c.partial, *(p for a in c.apart for p in a)) for c in query.concepts]
        self._plain = self._total > 0 and not any(" " in t for words in each for t in words)
        self._parts = [
            (w, c.full, c.partial, frozenset(words), c.apart)
            for c, w, words in zip(query.concepts, weights, each, strict=True)
        ]
        self._words = tuple({t: None for words in each for t in words})  # a concept's words
        self._contexts: dict[str, frozenset[str]] = {}  # headings -> the words they hold
        self._phrases = _phrases(query, weights)
        self._years_rate = years_rate_asked(query)
        self._topic = tuple(  # the words of the question's concepts, but its years
            {t: None for w, full, _, words, _ in self._parts
             if w > 0 and not all(_YEAR_WORD.fullmatch(f) for f in full) for t in words}
        )  # fmt: skip

    def figure_with_topic(self, sentence: str) -> bool:
        """Does `sentence` give a figure of what is asked (figure_clauses.py)?"""
        return figure_with_topic(sentence, self._topic, self._years_rate)

    def phrases(self, folded: str) -> float:
        """The share of the question's weight in two of its words found side by side as the
        question wrote them ("旅游收入": 旅游 and 收入 in one word, not apart)."""
        if not self._phrases or self._total <= 0:
            return 0.0
        return sum(w for joined, w in self._phrases if joined in folded) / self._total

    def judge(self, folded: str, context: str) -> tuple[float, str, float]:
        """best_sentence_share(folded, …, context) and share(folded, …)."""
        query = self._query
        if not self._plain:
            judged = pieces_where_unsaid(query, folded)
            near, sentence = self._best(folded, lambda s: share(s + " " + context, judged,
                                                                self._weights))  # fmt: skip
            return near, sentence, share(folded, query, self._weights)
        credit = self._credit
        # Each distinct word looked for once in the passage and once in its context; a
        # concept with none of its words in either adds 0.0 to the coverage and to every
        # sentence, and is passed over.
        in_text = {t for t in self._words if t in folded}
        in_context_words = self._contexts.get(context)
        if in_context_words is None:  # candidates share headings: each looked at once
            in_context_words = frozenset(t for t in self._words if t in context)
            self._contexts[context] = in_context_words
        # Per concept: its weight; True if a full word is in the context (every sentence has
        # it), else the full words the passage holds; credit * weight, the partial words in
        # the context (a count) and those the passage holds apart from them; the number of
        # partial words.
        present: list[tuple[float, bool, tuple[str, ...], float, int, tuple[str, ...], int]] = []
        said: dict[int, tuple[tuple[str, ...], ...]] = {}  # present's, said apart: their pieces
        covered = 0.0
        for w, full, partial, every, cut in self._parts:
            if in_text.isdisjoint(every) and in_context_words.isdisjoint(every):
                continue
            in_context = not in_context_words.isdisjoint(full)
            here = tuple([t for t in full if t in in_text])
            if partial:
                held = len([t for t in partial if t in in_text])
                known = len([t for t in partial if t in in_context_words])
                pieces = tuple([t for t in partial if t not in in_context_words and t in in_text])
            else:
                held = known = 0
                pieces = ()
            # the pieces of a word each in the passage or its context: one sentence may say it
            cut = tuple(a for a in cut if all(p in in_text or p in in_context_words for p in a))
            if in_context or here or known or pieces or cut:  # else it adds 0.0 everywhere
                if cut and not in_context and not here:  # (pieces_where_unsaid)
                    said[len(present)] = cut
                present.append((w, in_context, here, credit * w, known, pieces, len(partial)))
            if here or (cut and said_apart(folded, cut)):
                covered += w
            elif partial:
                covered += credit * w * held / len(partial)
        total = self._total

        def share_of(sentence: str) -> float:  # share(sentence + " " + context)
            got = 0.0
            for k, (w, in_context, here, cw, known, pieces, n) in enumerate(present):
                if in_context:
                    got += w
                    continue
                for t in here:
                    if t in sentence:
                        got += w
                        break
                else:  # credit * w * (known + pieces in the sentence) / n, as share adds it
                    if (cut := said.get(k)) and said_apart(sentence + " " + context, cut):
                        got += w
                        continue
                    if pieces:
                        found = known
                        for t in pieces:
                            if t in sentence:
                                found += 1
                        got += cw * found / n
                    elif n:
                        got += cw * known / n
            return got / total

        near, sentence = self._best(folded, share_of)
        return near, sentence, covered / total

    def _best(self, folded: str, value_of: Callable[[str], float]) -> tuple[float, str]:
        """The sentence of the highest value (a figure wins a tie if one is asked for)."""
        wants_number = self._query.wants_number
        best, best_text, best_digit = -1.0, "", False
        for s, e in sentence_spans(folded):
            sentence = folded[s:e]
            value = value_of(sentence)
            if value > best or (value == best and wants_number and not best_digit):
                digit = wants_number and bool(FIGURE.search(sentence))  # only when it counts
                if value > best or digit:
                    best, best_text, best_digit = value, sentence, digit
        return max(best, 0.0), best_text


def _phrases(query: Query, weights: Sequence[float]) -> list[tuple[str, float]]:
    """Two words the question says side by side, each a concept's own word, with their
    weight together."""
    said = {c.full[0]: w for c, w in zip(query.concepts, weights, strict=True) if c.full}
    pairs = zip(query.words, query.words[1:], strict=False)
    return [(a + b, said[a] + said[b]) for a, b in pairs if a in said and b in said]
