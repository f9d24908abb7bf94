"""A place name one character off a loaded region's name ("辽原市" for 辽源市): a suggestion."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence

_LEADING_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,6}?(?:省|市|区|县|旗|州|盟)")


class TypoFinder:
    """The loaded regions' names by every one-character deletion, for a lookup in O(length)."""

    def __init__(self, names: Sequence[str], known: Callable[[str], object]) -> None:
        self._known = known  # is this a division name of the table?
        self._near: dict[tuple[int, str], list[tuple[int, str]]] = defaultdict(list)
        for order, name in enumerate(names):  # (position, name without it) -> (order, name)
            for at in range(len(name)):
                self._near[at, name[:at] + name[at + 1 :]].append((order, name))

    def suggest(self, text: str) -> tuple[str, str] | None:
        """(the name as written, the loaded region's name) where `text` opens with a place
        name not in the table, one character off a loaded region's (the first in order)."""
        m = _LEADING_PLACE.match(text)
        if not m or self._known(m.group()):
            return None
        word = m.group()
        keys = ((at, word[:at] + word[at + 1 :]) for at in range(len(word)))
        found = [hit for key in keys for hit in self._near.get(key, ()) if hit[1] != word]
        return (word, min(found)[1]) if found else None
