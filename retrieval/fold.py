"""Folding passage texts faster, to the same strings: `Tokenizer.fold` without its slow NFKC.

`Tokenizer.fold` is NFKC (after lone surrogates become U+FFFD), lower case, then OpenCC's t2s.
Of a report passage's ~20 µs, NFKC takes most: report text is full of full-width punctuation
(，：（）), so Python's quick check fails and the whole text is decomposed and composed again.
Here the common compatibility characters (full-width forms, the ideographic space, circled
numbers, squared units, …) are first replaced by their full compatibility decompositions (one
regex scan; a text the quick check finds in NFKC already is left alone). That changes no NFKC:
NFKD decomposes every character fully and then orders the marks of the whole sequence, so a
character and its full decomposition give one and the same NFKD, hence the same NFKC. The text
is then NFKC already, almost always, and the quick check sees it (~3x faster on the real
reports; the bench's synthetic reports are NFKC to begin with).

OpenCC's t2s (~3 µs a passage) is skipped where it cannot change the text: a text holds none
of the characters it converts and none of the phrases it converts without them
(retrieval/t2s_tables.py, from the installed OpenCC's own dictionaries). Reports in Simplified
Chinese seldom hold one (~7% of their paragraphs, mostly 覆 of 覆盖, which 答覆 makes suspect).

`tokens.py` itself is left as it is: its bytes are part of the tokenizer's version (editing it
would tokenize every report again). tests/test_fold.py checks both folds alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache

import opencc

from . import t2s_tables
from .tokens import _SURROGATE, Tokenizer

# Blocks of compatibility characters found in reports: Latin-1 (no-break space, ½), general
# punctuation (…), letterlike and number forms (℃, Ⅻ), enclosed numbers (①), CJK radicals,
# the ideographic space, enclosed and squared CJK (㈠, ㎡), compatibility ideographs, vertical
# and small forms, half- and full-width forms. Any block would do: the fold is the same.
_BLOCKS = ((0x00A0, 0x0100), (0x2000, 0x2070), (0x2100, 0x2190), (0x2460, 0x2500),
           (0x2E80, 0x2FE0), (0x3000, 0x3040), (0x3200, 0x3400), (0xF900, 0xFB00),
           (0xFE10, 0xFE70), (0xFF00, 0xFFF0))  # fmt: skip


@cache
def decompositions() -> tuple[re.Pattern[str], dict[str, str]]:
    """The compatibility characters of those blocks (~1.8k) as one character class, and each
    one's full compatibility decomposition."""
    table = {}
    for start, end in _BLOCKS:
        for code in range(start, end):
            decomposed = unicodedata.normalize("NFKD", chr(code))
            if decomposed != chr(code):
                table[chr(code)] = decomposed
    return re.compile("[" + "".join(re.escape(c) for c in sorted(table)) + "]"), table


def normalize(text: str) -> str:
    """tokens.normalize(text): NFKC and lower case, lone surrogates as U+FFFD."""
    text = _SURROGATE.sub("\ufffd", text)
    if not unicodedata.is_normalized("NFKC", text):
        pattern, table = decompositions()
        text = unicodedata.normalize("NFKC", pattern.sub(lambda m: table[m[0]], text))
    return text.lower()


@cache
def t2s_may_change() -> re.Pattern[str] | None:
    """Found in every text t2s changes. OpenCC changes a text only where a key of its
    dictionaries (a character or a phrase) with another value lies in it; each such key holds
    a character of CHANGED or is one of PHRASES (retrieval/t2s_tables.py). One character class
    (a big class of characters beyond U+FFFF is searched ~100x slower, so all of those are
    in): CHANGED, any character beyond U+FFFF, and for the phrases a character of each (沈
    覆 坏 …). None when the installed OpenCC is not the one the tables were made from: then
    every text goes through OpenCC."""
    if getattr(opencc, "__version__", None) != t2s_tables.OPENCC_VERSION:
        return None
    phrases = t2s_tables.PHRASES
    marks: set[str] = set()  # a character of each phrase, the most shared first
    for phrase in sorted(phrases):
        if not marks.intersection(phrase):
            marks.add(max(phrase, key=lambda c: sum(c in p for p in phrases)))
    chars = {c for c in "".join(t2s_tables.CHANGED) if ord(c) <= 0xFFFF} | marks
    return re.compile("[" + re.escape("".join(sorted(chars))) + "\U00010000-\U0010ffff]")


def passage_fold(tokenizer: Tokenizer) -> Callable[[str], str]:
    """`tokenizer.fold` (when it is Tokenizer's own), with the faster NFKC above."""
    if type(tokenizer).fold is not Tokenizer.fold:
        return tokenizer.fold
    return PassageFold()


# Joins texts folded at once. A control character no fold changes, found in no report text
# (a text holding it is folded alone) and in no OpenCC phrase: t2s matches phrases within
# the runs between two of them; NFKC neither composes nor reorders across it (a starter with
# no composition); lower case reads no letter across it (not case-ignorable). So the fold of
# the joined texts is their folds joined (tests/test_fold.py checks it on every report).
SEPARATOR = "\x1e"


class PassageFold:
    """`Tokenizer.fold` with the faster NFKC; `each` folds many texts in one OpenCC call."""

    def __init__(self) -> None:
        self._t2s = opencc.OpenCC("t2s")  # as Tokenizer's: one converter each, shared by threads
        self._may_change = t2s_may_change()

    def __call__(self, text: str) -> str:
        text = normalize(text)
        if self._may_change is not None and not self._may_change.search(text):
            return text  # what t2s would give back
        return str(self._t2s.convert(text))

    def each(self, texts: Sequence[str]) -> list[str]:
        """[self(t) for t in texts], joined and normalized at once, and those t2s may change
        converted at once (~2 µs a passage less than one by one)."""
        if len(texts) < 2 or any(SEPARATOR in t for t in texts):
            return [self(t) for t in texts]
        folded = normalize(SEPARATOR.join(texts)).split(SEPARATOR)
        if len(folded) != len(texts):
            return [self(t) for t in texts]
        may_change = self._may_change
        at = [k for k, t in enumerate(folded) if may_change is None or may_change.search(t)]
        if at:
            converted = str(self._t2s.convert(SEPARATOR.join(folded[k] for k in at)))
            parts = converted.split(SEPARATOR)
            if len(parts) != len(at):
                return [self(t) for t in texts]
            for k, part in zip(at, parts, strict=True):
                folded[k] = part
        return folded


def fold_each(fold: Callable[[str], str], texts: Sequence[str]) -> list[str]:
    """The folds of `texts`, at once when `fold` is a PassageFold."""
    return fold.each(texts) if isinstance(fold, PassageFold) else [fold(t) for t in texts]
