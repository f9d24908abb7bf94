"""A word of the question that no report uses, found where the reports spell it out.

Chinese shortens a phrase to some of its characters (缩略语: 违法建筑 -> 违建, 停车泊位 -> 停车位,
人民代表大会 -> 人代会, 医疗保险 -> 医保), and a question often uses the short form where a report
writes the phrase in full. Such a word is in no passage, so BM25 cannot find it and the
coverage tests count it missing. Here its characters are looked for in order in the texts of
the reports asked about, each at most `GAP` characters after the one before within one clause,
from the start of a jieba word to the end of one: the spans found are the word as the reports
spell it, searched for and counted as the word itself. A span must start and end on word
edges, so "护照" is not found in "维护|照明", and it may be at most twice the word's length.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from .candidates import range_holds
from .index import PassageIndex
from .query import QueryBuilder
from .query_types import Query, is_topic
from .word_kinds import names_a_bound

GAP = 2  # characters allowed between two of the word's
MAX_FORMS = 3  # spellings kept, the most frequent first
_SPELLABLE = re.compile(r"[\u4e00-\u9fd5]{2,4}")  # a Chinese word (a Latin one may match another)
_IN_BLOCK = re.compile(r"[\u4e00-\u9fd5a-zA-Z0-9+#&._%\-]")  # what jieba cuts as one run
_BETWEEN = rf"[\u4e00-\u9fffa-z\-]{{0,{GAP}}}?"  # within a clause: no punctuation, no digits


def _block_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The run of characters jieba cuts as one block (its re_han_default) that holds
    text[start:end]."""
    while start > 0 and _IN_BLOCK.match(text, start - 1):
        start -= 1
    while end < len(text) and _IN_BLOCK.match(text, end):
        end += 1
    return start, end


def spellable(word: str) -> bool:
    """Could `word` be a short form looked for spelled out (two to four Chinese characters)?"""
    return bool(_SPELLABLE.fullmatch(word))


def pattern(word: str) -> re.Pattern[str]:
    """`word`'s characters in order, each at most GAP characters after the one before: the
    regex `matches` finds without compiling it (kept as its definition; tests hold them
    equal)."""
    return re.compile(_BETWEEN.join(re.escape(c) for c in word))


def _between(c: str) -> bool:
    """Is `c` one of _BETWEEN's characters (its class, written out)?"""
    return "\u4e00" <= c <= "\u9fff" or "a" <= c <= "z" or c == "-"


def matches(word: str, text: str) -> list[tuple[int, int]]:
    """The spans of pattern(word).finditer(text), found without compiling the pattern (its
    classes of Chinese characters cost ~0.5 ms each to compile, once per word asked): at each
    place the first character stands, from the left, the gaps tried shortest first, the
    earlier ones before the later (as the lazy quantifiers backtrack); the next search from
    the end of a match."""
    found: list[tuple[int, int]] = []
    at = text.find(word[0])
    while at != -1:
        end = _rest(word, 1, text, at + 1)
        if end is None:
            at = text.find(word[0], at + 1)
        else:
            found.append((at, end))
            at = text.find(word[0], end)
    return found


def _rest(word: str, k: int, text: str, at: int) -> int | None:
    """Where a match of word[k:] (each character after up to GAP of _BETWEEN's) from `at`
    ends, the first the regex finds, or None."""
    if k == len(word):
        return at
    for j in range(at, min(at + GAP + 1, len(text))):
        if j > at and not _between(text[j - 1]):
            return None  # the gap holds another character
        if text[j] == word[k] and (end := _rest(word, k + 1, text, j + 1)) is not None:
            return end
    return None


def spellings(
    word: str,
    texts: Iterable[str],
    spans: Callable[[str], list[tuple[str, int, int]]],
) -> list[str]:
    """How `texts` (folded) spell `word` out: the spans, from a word's start to a word's end,
    that hold its characters in order (`spans`: jieba's words of a text with offsets), the
    most frequent first, at most MAX_FORMS; [] when no text does."""
    found: Counter[str] = Counter()
    for text in texts:
        for start, stop in matches(word, text):
            if stop - start == len(word):
                continue  # the word itself, inside a longer word: not spelled out
            # jieba cuts each run of its block characters on its own: only the match's is cut
            lo, hi = _block_around(text, start, stop)
            first, last = start - lo, stop - lo  # the match within the block
            cut = spans(text[lo:hi])
            end = next((e for _, s, e in cut if s < last <= e), None)
            if (
                any(s == first for _, s, _ in cut)
                and end is not None
                and end - first <= 2 * len(word)
            ):
                found[text[start : lo + end]] += 1
    return [form for form, _ in found.most_common(MAX_FORMS)]


def spell_out(
    query: Query,
    unused: Callable[[str], bool],
    texts: Callable[[], list[str]],
    spans: Callable[[str], list[tuple[str, int, int]]],
    words: Callable[[str], list[str]],
    weight: Callable[[str], float],
) -> Query:
    """`query` with each topic word no report uses (`unused`) given the spellings `texts`
    (called only when there is such a word) hold of it: counted as the word itself, and
    their words searched for at `weight` (the thesaurus's reduced weight)."""
    asked = [
        k
        for k, c in enumerate(query.concepts)
        if is_topic(c)
        and spellable(c.full[0])
        and all(unused(t) for t in c.full)
        and not names_a_bound(c.full[0])  # 以内 is no 以国内
    ]
    if not asked:
        return query
    concepts, weights, scanned = list(query.concepts), dict(query.weights), texts()
    for k in asked:
        forms = spellings(concepts[k].full[0], scanned, spans)
        if not forms:
            continue
        concepts[k] = replace(concepts[k], full=(*concepts[k].full, *forms))
        for term in dict.fromkeys(w for form in forms for w in words(form)):
            weights[term] = max(weights.get(term, 0.0), weight(term))
    return replace(query, concepts=tuple(concepts), weights=weights)


def spell_out_within(
    query: Query,
    index: PassageIndex,
    ranges: Sequence[tuple[int, int]],
    scan: int,
    texts: Callable[[], list[str]],
    queries: QueryBuilder,
) -> Query:
    """`query` with its words that no passage in `ranges` (the reports asked about) has found
    spelled out in those reports (`texts`: their folded texts, asked for only when a word is
    unused), searched at the thesaurus's weight. Only where they are few enough to scan
    whole (`scan` passages): a question of many reports (or of all) is left as it is."""
    if not ranges or sum(e - s for s, e in ranges) > scan:
        return query

    def unused(term: str) -> bool:
        return not any(range_holds(index, s, e, term) for s, e in ranges)

    tokenizer = queries.tokenizer
    return spell_out(
        query, unused, texts, tokenizer.spans, tokenizer.precise_terms, queries.expansion_weight
    )
