"""The thesaurus: colloquial wording mapped to the reports' own (data/thesaurus.tsv), and
which of its keys a question holds."""

from __future__ import annotations

import re
from pathlib import Path

from .tokens import DATA

THESAURUS = DATA / "thesaurus.tsv"
# A count said between a key's words ("开个公司", "注册一家公司", "开一间店"), or the blank a
# place name the question names leaves there ("回亳州老家": the name is matched on its own)
_COUNT = re.compile("一?[个家间]| +")


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

    def through_counts(self, folded: str) -> str:
        """`folded` without a count said inside a key's words, where leaving it out makes the
        key ("开个公司": 开公司, "注册一家公司": 注册公司): the asker's count of the thing, not a
        word of the question (一家, which reports say in other senses); nor the blank of a place
        name left out ("回 老家": 回老家)."""
        for m in reversed(list(_COUNT.finditer(folded))):
            (at, end), joined = m.span(), folded[: m.start()] + folded[m.end() :]
            held = self._covering(folded, at - 1, end) or self._covering(folded, at, end + 1)
            if not held and self._covering(joined, at - 1, at + 1):
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
