"""What kind of word jieba's own dictionary says a word is (noun, verb, time word, ...).

jieba ships its dictionary with a part-of-speech tag on every line ("护照 242 n"). Loading the
tags for all 350,000 words as a dict would cost ~40 MB in every worker, and they are needed
only for a few words of each question. The first few words asked about are looked up in the
file itself (a scan of 5 MB, about a millisecond, two for a word it lacks); after that the
file's lines are indexed once (~70 ms, 2.8 MB): a hash of each line's first field, sorted,
with the line's offset. A word is then found by binary search on its hash and checked
against the line itself, so a collision is never taken for the word: the same answer as the
scan, the first line that starts with the word and a space. Each word's tag is kept.
"""

from __future__ import annotations

import mmap
import threading
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from .tokens import jieba  # imported as tokens.py does (without pkg_resources)

# Tags of things a question can be about: nouns of every kind, and time words (明天).
TIME_TAGS = frozenset({"t", "tg"})
COUNT_TAGS = frozenset({"m", "mq", "q"})  # numerals and measure words: 第几次, 三个
THING_TAGS = frozenset({"n", "ng", "nr", "nrfg", "nrt", "ns", "nt", "nz"}) | TIME_TAGS
BOUND_TAGS = frozenset({"f"}) | COUNT_TAGS  # 以内, 以上, 之间; 左右
_BOUND_STARTS = ("以", "之")  # 以内, 以上, 以来, 之间: a bound, not a place (东部) or a time (全年)

SCANS_BEFORE_INDEX = 8  # a one-question process (govqa ask) scans; a server indexes
_HASHED = 16  # bytes of a word hashed (longer words sharing them are told apart by the check)
_PRIME = 1099511628211  # FNV-1a's, on 64 bits
_BASIS = 14695981039346656037
_MASK = (1 << 64) - 1
_CHUNK = 1 << 18  # bytes of the file indexed at a time


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


def word_hash(key: bytes) -> int:
    """FNV-1a of the first _HASHED bytes, then the length: what `_LineIndex` sorts by."""
    h = _BASIS
    for byte in key[:_HASHED]:
        h = ((h ^ byte) * _PRIME) & _MASK
    return ((h ^ len(key)) * _PRIME) & _MASK


class _LineIndex:
    """Every line's first field (up to its first space) by hash: one sorted array of
    hash << 32 | offset, so equal hashes come in the order of their lines.

    Made 256 kB of the file at a time, so that its temporary arrays stay small; what is
    kept is 8 bytes a line (~2.8 MB)."""

    def __init__(self, data: mmap.mmap) -> None:
        raw = np.frombuffer(data, np.uint8)
        lines = 1 + sum(
            int(np.count_nonzero(raw[a : a + _CHUNK] == 10)) for a in range(0, raw.size, _CHUNK)
        )
        keys = np.empty(lines, dtype=np.uint64)  # a key a line at most
        at = kept = 0
        while at < len(data):
            end = data.find(b"\n", at + _CHUNK)
            end = len(data) if end == -1 else end + 1
            hashes, starts = _hash_lines(raw[at:end])
            part = keys[kept : kept + hashes.size]
            np.left_shift(hashes, np.uint64(32), out=part)
            part |= (starts + at).astype(np.uint64)
            kept += hashes.size
            at = end
        self.keys = keys[:kept]
        self.keys.sort()

    def find(self, data: mmap.mmap, key: bytes) -> int:
        """Offset of the first line that starts with `key` (a word and a space), or -1."""
        h = word_hash(key[:-1]) & 0xFFFFFFFF
        at = int(np.searchsorted(self.keys, np.uint64(h << 32)))
        while at < self.keys.size and int(self.keys[at]) >> 32 == h:
            start = int(self.keys[at]) & 0xFFFFFFFF
            if data[start : start + len(key)] == key:
                return start
            at += 1
        return -1


def _hash_lines(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The low 32 bits of `word_hash` of each line's first field, and the lines' offsets in
    `raw` (whole lines), for the lines that have a space."""
    size = raw.size
    breaks = np.flatnonzero(raw == 10)
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [size]))
    spaces = np.flatnonzero(raw == 32)
    at = np.searchsorted(spaces, starts)
    first = np.full(starts.size, size, dtype=np.int64)
    inside = at < spaces.size
    first[inside] = spaces[at[inside]]
    fielded = (first < ends) & (starts < size)  # "word freq tag": a space in the line
    starts, lengths = starts[fielded], (first - starts)[fielded]
    h = np.full(starts.size, _BASIS, dtype=np.uint64)
    prime = np.uint64(_PRIME)
    for j in range(min(_HASHED, int(lengths.max(initial=0)))):
        byte = raw[np.minimum(starts + j, size - 1)].astype(np.uint64)
        h = np.where(lengths > j, (h ^ byte) * prime, h)
    h = (h ^ lengths.astype(np.uint64)) * prime
    h &= np.uint64(0xFFFFFFFF)
    return h, starts


_lock = threading.Lock()
_scans = 0


def prepare() -> None:
    """Build the dictionary's line index now: a server does before it forks its workers,
    which then share it instead of each building its own (~3-6 MB) on its first questions."""
    global _scans
    with _lock:
        _scans = SCANS_BEFORE_INDEX + 1
    _line_index()


@cache
def _line_index() -> _LineIndex | None:
    data = _dictionary()
    return None if data is None else _LineIndex(data)


def _scan(data: mmap.mmap, key: bytes) -> int:
    if data[: len(key)] == key:
        return 0
    found = data.find(b"\n" + key)
    return found + 1 if found != -1 else -1


@lru_cache(maxsize=4096)
def _entry(word: str) -> tuple[int, str | None] | None:
    """jieba's dictionary line of `word`: its frequency and tag, or None if it has none."""
    global _scans
    data = _dictionary()
    if data is None or not word or "\n" in word or " " in word:
        return None
    try:
        key = word.encode("utf-8") + b" "
    except UnicodeEncodeError:  # a lone surrogate: no word of the dictionary
        return None
    with _lock:
        _scans += 1
        indexed = _scans > SCANS_BEFORE_INDEX
    index = _line_index() if indexed else None
    at = index.find(data, key) if index is not None else _scan(data, key)
    if at == -1:
        return None
    end = data.find(b"\n", at)
    fields = data[at : end if end != -1 else len(data)].split()
    frequency = int(fields[1]) if len(fields) >= 2 and fields[1].isdigit() else 0
    return frequency, fields[2].decode("ascii", "replace") if len(fields) >= 3 else None


def word_tag(word: str) -> str | None:
    """jieba's tag of `word` ("n", "v", "t", ...), or None if its dictionary has no such word."""
    entry = _entry(word)
    return entry[1] if entry else None


def word_frequency(word: str) -> int:
    """How often jieba's dictionary counts `word` (0 if it has no such word): 合作 13478."""
    entry = _entry(word)
    return entry[0] if entry else 0


def names_a_thing(word: str) -> bool:
    """Is `word` a noun or a time word in jieba's dictionary ("护照", "火星", "明天")?"""
    return word_tag(word) in THING_TAGS


def names_a_time(word: str) -> bool:
    """Is `word` a time word in jieba's dictionary ("明天", "去年")?"""
    return word_tag(word) in TIME_TAGS


def names_a_bound(word: str) -> bool:
    """Is `word` a locality or count word of jieba's dictionary ("以内", "以上", "左右"), that
    no report shortens from a longer phrase?"""
    return word_tag(word) in BOUND_TAGS and (word.startswith(_BOUND_STARTS) or word == "左右")


def is_a_word(word: str) -> bool:
    """Is `word` in jieba's dictionary, and no numeral or measure word ("感冒", "好得快"; not
    "上作", which jieba cut out of "会议上作的", nor "第几次")?"""
    tag = word_tag(word)
    return tag is not None and tag not in COUNT_TAGS
