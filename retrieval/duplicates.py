"""The same report in several files (a portal page and its PDF, say): one copy is kept.

Two reports are the same when most sentences of the shorter one are sentences of the other:
sentences are compared folded (NFKC) and without white space, so that line joins, page
breaks and full-width forms do not count, and a page's extra title or footer line does not
either. Sentences many reports share (boilerplate such as "现在，我代表市人民政府，向大会报告
工作") are not evidence. Of a group of copies the one with page numbers (a PDF) is kept, then
the first by name; the others are named in one warning.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

import numpy as np

if TYPE_CHECKING:
    from .segment import Segment

MIN_SENTENCE = 10  # characters; shorter sentences are too common to tell reports apart
MIN_SENTENCES = 5  # a report with fewer is never called a copy
SAME_SHARE = 0.8  # of the shorter report's sentences found in the other
COMMON = 20  # a sentence in more reports than this is boilerplate
_SPLIT = re.compile(r"[。！？!?；;\n]+")
_SPACE = re.compile(r"\s+")


def sentence_keys(text: str) -> np.ndarray:
    """Hashes of a report's distinct sentences, folded and without white space (uint64,
    sorted; made once per file with its passages and kept in its cache entry)."""
    folded = _SPACE.sub("", unicodedata.normalize("NFKC", text).replace("\n", "。"))
    keys = {
        int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")
        for s in _SPLIT.split(folded)
        if len(s) >= MIN_SENTENCE
    }
    return np.array(sorted(keys), dtype=np.uint64)


class Candidate(Protocol):
    """A report as duplicate detection sees it (a FileEntry, or a report of a segment)."""

    @property
    def name(self) -> str: ...
    @property
    def warning(self) -> str | None: ...
    @property
    def sentences(self) -> np.ndarray: ...
    @property
    def paged(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    """A report already in an index segment."""

    name: str
    sentences: np.ndarray
    paged: bool
    warning: str | None = None

    @classmethod
    def of(cls, segment: Segment, r: int) -> DuplicateCandidate:
        return cls(segment.reports[r].name, segment.sentences(r), segment.has_pages(r))


C = TypeVar("C", bound=Candidate)


def could_be_copy(keys: np.ndarray, new_keys: np.ndarray, shortest_new: int | None) -> bool:
    """Could an indexed report (sentence `keys`) be a copy of one of the new reports (all
    their sentences `new_keys`; the fewest any of those with MIN_SENTENCES or more has:
    `shortest_new`, None if none has)? A necessary condition of drop_duplicates' test, so
    that only such reports need comparing again: the same sentence set, or a pair of at least
    MIN_SENTENCES each sharing SAME_SHARE of the smaller one."""
    if not len(keys):
        return False
    shared = int(np.isin(keys, new_keys, assume_unique=True).sum())
    if shared == len(keys):  # all its sentences in the new ones: maybe the same set
        return True
    if shortest_new is None or len(keys) < MIN_SENTENCES:
        return False
    return shared >= SAME_SHARE * min(len(keys), shortest_new)


def drop_duplicates(entries: Sequence[C]) -> tuple[list[C], list[str]]:
    """`entries` without the copies of a report another entry holds, and a warning per report
    that had copies. Entries with a warning (skipped files) are kept as they are."""
    live = [i for i, e in enumerate(entries) if e.warning is None]
    keys = {i: set(entries[i].sentences.tolist()) for i in live}
    parent = {i: i for i in live}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[frozenset[int], int] = {}  # whole copies, however many (sentences in more
    for i in live:  # than COMMON files are not compared one by one)
        if keys[i]:
            parent[i] = root(first.setdefault(frozenset(keys[i]), i))
    holders: dict[int, list[int]] = defaultdict(list)
    for i in live:
        for k in keys[i]:
            holders[k].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for found in holders.values():
        if 1 < len(found) <= COMMON:
            for a, j in enumerate(found):
                for b in found[a + 1 :]:
                    shared[(j, b)] += 1
    for (a, b), n in shared.items():
        smaller = min(len(keys[a]), len(keys[b]))
        if smaller >= MIN_SENTENCES and n >= SAME_SHARE * smaller:
            parent[root(a)] = root(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in live:
        groups[root(i)].append(i)
    dropped: set[int] = set()
    warnings: list[str] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        names = {i: entries[i].name for i in members}
        keep = min(members, key=lambda i: (not entries[i].paged, names[i]))
        others = sorted((i for i in members if i != keep), key=names.__getitem__)
        dropped.update(others)
        why = "有页码" if entries[keep].paged else "按文件名排在最前"
        warnings.append(
            f"{'、'.join(names[i] for i in others)}: 与 {names[keep]} 是同一份报告，"
            f"未重复收录（保留 {names[keep]}：{why}）"
        )
    return [e for i, e in enumerate(entries) if i not in dropped], warnings
