"""The thesaurus: colloquial wording mapped to the reports' own (data/thesaurus.tsv), and
which of its keys a question holds."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .tokens import DATA

THESAURUS = DATA / "thesaurus.tsv"
Spans = Callable[[str], list[tuple[str, int, int]]]  # jieba's words of a text, with places
# A count said between a key's words, as jieba cuts it: a word of its own ("注册一家公司",
# "开一间店") or the 个 a verb takes ("开个公司": 开个); not 家 or 间 of a word (老家, 房间, 国家)
_COUNT_WORD = re.compile("一?[个家间]")
_QUOTED = re.compile("“[^“”]*”")


def read_thesaurus(path: Path = THESAURUS) -> dict[str, tuple[str, ...]]:
    entries: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        key, _, value = line.partition("\t")
        entries[key.strip().lower()] = tuple(value.split())
    return entries


class Keys:
    """Thesaurus keys, longest first (the order the query builder tries them in)."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = sorted(keys, key=len, reverse=True)
        self._at = {k: at for at, k in enumerate(self.keys)}
        self._sizes = sorted({len(k) for k in self.keys})
        self._spaced = {at for at, k in enumerate(self.keys) if " " in k}  # (none so far)

    def held(self, folded: str) -> list[str]:
        """The keys `folded` holds, in their order: no other key without a space is found in
        what the query builder leaves of it, which only loses characters to spaces (a lookup
        of its pieces, not a search for each of ~360 keys)."""
        pieces = {folded[i : i + n] for n in self._sizes for i in range(len(folded) - n + 1)}
        found = {at for piece in pieces if (at := self._at.get(piece)) is not None}
        return [self.keys[at] for at in sorted(found | self._spaced)]

    def through_counts(self, folded: str, spans: Spans) -> str:
        """`folded` without a count said inside a key's words, where leaving it out makes the
        key, a whole run of jieba's words (`spans`): "开个公司" -> 开公司, "注册一家公司" ->
        注册公司. The asker's count of the thing is no word of the question (一家, which reports
        say in other senses). A count inside a quoted phrase stays ("“找个工作”"), and so does one a
        key holds itself (每个月) or one a key would end inside a word ("住一家农家乐": 住农家)."""
        quoted = [m.span() for m in _QUOTED.finditer(folded)]
        counts = [(s, e) if _COUNT_WORD.fullmatch(w) else (e - 1, e)
                  for w, s, e in spans(folded)
                  if _COUNT_WORD.fullmatch(w) or (len(w) == 2 and w[1] == "个")]  # fmt: skip
        for at, end in reversed(counts):
            if any(a <= at < b for a, b in quoted):
                continue
            joined = folded[:at] + folded[end:]
            held = self._covering(folded, at - 1, end) or self._covering(folded, at, end + 1)
            if not held and self._whole_key_across(joined, at, spans):
                folded = joined  # (a key that holds the count stays: 每个月, 老人家)
        return folded

    def _covering(self, text: str, start: int, end: int) -> bool:
        """Is there a key in `text` that holds all of [start, end)?"""
        return start >= 0 and any(
            text[s : s + n] in self._at
            for n in self._sizes
            if n >= end - start
            for s in range(max(0, end - n), start + 1)
        )

    def _whole_key_across(self, text: str, at: int, spans: Spans) -> bool:
        """Is there a key in `text` across `at` that starts and ends where jieba's words do?"""
        cuts = spans(text)
        starts, ends = {s for _, s, _ in cuts}, {e for _, _, e in cuts}
        return any(
            text[s : s + n] in self._at and s in starts and s + n in ends
            for n in self._sizes
            for s in range(max(0, at - n + 1), at)
            if s + n > at
        )
