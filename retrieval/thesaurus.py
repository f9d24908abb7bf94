"""The thesaurus: colloquial wording mapped to the reports' own (data/thesaurus.tsv), and
which of its keys a question holds."""

from __future__ import annotations

from pathlib import Path

from .tokens import DATA

THESAURUS = DATA / "thesaurus.tsv"


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
