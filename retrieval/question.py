"""The question as typed: its length limit, tags and white space, quoted phrases, Latin words."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from .html_text import strip_html
from .models import Answer, AnswerStatus
from .word_kinds import word_tag

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


def question_text(question: str) -> tuple[str, bool]:
    """Tags out, white space collapsed; and whether it is over the length limit.

    The limit is checked on the raw input first, so that a huge input is never parsed.
    """
    if len(question) > 4 * MAX_QUESTION_CHARS:
        return question[:MAX_QUESTION_CHARS], True
    text = " ".join(strip_html(question).split())
    return text, len(text) > MAX_QUESTION_CHARS


def too_long_answer(question: str) -> Answer:
    """A question over the limit is refused whole: answering its start could mislead."""
    shown = question[:MAX_QUESTION_CHARS]
    return Answer(shown, AnswerStatus.TOO_LONG, length=len(question))


def quoted_phrases(text: str) -> tuple[str, ...]:
    """The quoted phrases of a question, in order."""
    return tuple(next(g for g in m.groups() if g) for m in _PHRASE.finditer(text))


# A note in brackets after an item of a list: "三江(长江、汉江、清江)、五湖(洪湖…)" (folded)
_NOTE = re.compile(r"\([^()]{1,60}\)")


def said_between_notes(phrase: str, text: str) -> bool:
    """Is a quoted list ("三江、五湖、六库") in `text` (folded) with a note after some of its
    items ("三江(长江、汉江、清江)、五湖(梁子湖、洪湖…)、六库(…)"): the same words, spelled out?"""
    return "、" in phrase and "(" in text and phrase in _NOTE.sub("", text)


def outside_quotes(text: str, name: str) -> str:
    """`text` with `name` blanked out wherever it stands outside a quoted phrase."""
    parts, last = [], 0
    for m in _PHRASE.finditer(text):
        parts += [text[last : m.start()].replace(name, " "), m.group()]
        last = m.end()
    return "".join([*parts, text[last:].replace(name, " ")])


def numeral(n: int) -> str:
    """1 -> 一, 12 -> 十二, 20 -> 二十 (how these reports number their headings)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def numeral_value(written: str) -> int:
    """一 -> 1, 十二 -> 12, 二十 -> 20, "3" -> 3: the inverse of `numeral` (0 if not one)."""
    if written.isdigit():
        return int(written)
    return next((n for n in range(1, 100) if numeral(n) == written), 0)


def unknown_latin(text: str, matches_nothing: Callable[[str], bool]) -> tuple[str, ...]:
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
    return tuple(
        word
        for word in dict.fromkeys(words)
        if not (word.lower() in _ENGLISH_STOP or (chinese and word.isupper()))
        and matches_nothing(word)
    )


def place_terms(
    folded: str, names: Sequence[str], spans: Callable[[str], list[tuple[str, int, int]]]
) -> tuple[str, ...]:
    """A place's name said as the first part of a term ("新疆精神", "甘肃精神"): each name of
    `names` the question (`folded`) says with the noun right after it (`spans`: jieba's words
    with their places)."""
    words = spans(folded)
    found = [
        word + after
        for (word, _, end), (after, start, _) in itertools.pairwise(words)
        if word in names and start == end and len(after) > 1 and word_tag(after) == "n"
    ]
    return tuple(dict.fromkeys(found))
