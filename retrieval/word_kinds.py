"""What kind of word jieba's own dictionary says a word is (noun, verb, time word, ...).

jieba ships its dictionary with a part-of-speech tag on every line ("护照 242 n"). Loading the
tags for all 350,000 words would cost memory in every worker, and they are needed only for a
question word that no report uses, so a word is looked up in the file itself when asked about
(one memchr-speed scan of 5 MB, about a millisecond, kept per word).
"""

from __future__ import annotations

import mmap
from functools import cache, lru_cache
from pathlib import Path

from .tokens import jieba  # imported as tokens.py does (without pkg_resources)

# Tags of things a question can be about: nouns of every kind, and time words (明天).
TIME_TAGS = frozenset({"t", "tg"})
THING_TAGS = frozenset({"n", "ng", "nr", "nrfg", "nrt", "ns", "nt", "nz"}) | TIME_TAGS


@cache
def _dictionary() -> mmap.mmap | None:
    if jieba.__file__ is None:
        return None
    path = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    try:
        with path.open("rb") as f:
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # no dictionary file: every word is of no known kind
        return None


@lru_cache(maxsize=4096)
def word_tag(word: str) -> str | None:
    """jieba's tag of `word` ("n", "v", "t", ...), or None if its dictionary has no such word."""
    data = _dictionary()
    if data is None or not word or "\n" in word or " " in word:
        return None
    try:
        key = word.encode("utf-8") + b" "
    except UnicodeEncodeError:  # a lone surrogate: no word of the dictionary
        return None
    if data[: len(key)] == key:
        at = 0
    elif (found := data.find(b"\n" + key)) != -1:
        at = found + 1
    else:
        return None
    end = data.find(b"\n", at)
    fields = data[at : end if end != -1 else len(data)].split()
    return fields[2].decode("ascii", "replace") if len(fields) >= 3 else None


def names_a_thing(word: str) -> bool:
    """Is `word` a noun or a time word in jieba's dictionary ("护照", "火星", "明天")?"""
    return word_tag(word) in THING_TAGS


def names_a_time(word: str) -> bool:
    """Is `word` a time word in jieba's dictionary ("明天", "去年")?"""
    return word_tag(word) in TIME_TAGS
