"""A question's word that no report says, read as the report words it holds (query.py).

jieba makes up words for a question from characters its dictionary does not join ("讲维稳",
"要修"), and a question uses dictionary words no report uses ("五保户" where reports say 农村五保).
Such a word matches no passage; read as the report words inside it, it does. Measured on the
tuning parts (docs/quality-history.md, session 34) and narrowed after a review on all 572
reports: names, counts and scraps of two words are never cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .tokens import Tokenizer
from .word_kinds import word_tag

_HAN = re.compile(r"[\u4e00-\u9fff]+")  # a word of Chinese characters only
_PIECE_TAGS = frozenset({"n", "j", "v", "vn"})  # a shorter word a noun can be read as
_NUMERALS = frozenset("〇零一二两三四五六七八九十百千万亿")


def made_up(word: str, tokenizer: Tokenizer, known: Callable[[str], bool]) -> bool:
    """A word jieba made up for the question: Chinese characters only, in neither its
    dictionary nor any report (`known`)."""
    return (
        len(word) > 1
        and bool(_HAN.fullmatch(word))
        and not tokenizer.is_dictionary_word(word, min_freq=1)
        and not known(word)
    )


def reports_pieces(
    word: str, tokenizer: Tokenizer, known: Callable[[str], bool], common: int
) -> list[str]:
    """A word of the question no report says (`known`), read as the report words it holds.
    One jieba made up (in neither its dictionary nor the reports) is cut into the longest
    report words inside it: "讲维稳" -> 维稳, "老凉房" -> 凉房. A common noun of the dictionary
    is its report word one character shorter (a noun, verb or abbreviation of the
    dictionary), where that is no word of everyday talk (jieba's count under `common`):
    "五保户" -> 五保, "踢足球" -> 足球; "世界杯" is no 世界, "常住人口" no 人口."""
    if len(word) < 3 or not _HAN.fullmatch(word) or known(word):
        return []
    in_dictionary = tokenizer.is_dictionary_word
    if in_dictionary(word, min_freq=1):
        if word_tag(word) != "n":
            return []  # a place's, a person's or a work's name (荆州市, 红楼梦), a count
        shorter = [  # a word itself (not 江西人's 西人), not of a count (三轮车 no 轮车)
            p
            for p, cut in ((word[:-1], word[-1]), (word[1:], word[0]))
            if cut not in _NUMERALS
            and word_tag(p) in _PIECE_TAGS
            and not in_dictionary(p, min_freq=common)
        ]
        return [p for p in shorter if known(p)][:1]
    pieces, start = [], 0
    while start < len(word) - 1:
        ends = range(len(word), start + 1, -1)
        end = next((e for e in ends if known(word[start:e])), start + 1)
        if end > start + 1:
            pieces.append(word[start:end])
        start = end
    return pieces
