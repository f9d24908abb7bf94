"""Terminal wrapping that knows Chinese characters take two columns.

wcwidth (already installed with prompt_toolkit, so no new weight) gives each character's
width; lines break between characters, never inside a number, a Latin word or one of the
words the caller protects (the matched terms), and never before a closing mark (，。”）).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wcwidth import wcwidth

ANSI = re.compile(r"\x1b\[[0-9;]*m")
_UNBROKEN = r"[0-9A-Za-z][0-9A-Za-z.,%．％:/_\-]*[0-9A-Za-z%％]|[0-9A-Za-z]"
_CLOSING = set("，。、；：！？”’）》」』】〕%％…,.;:!?)]}·")
_OPENING = set("“‘（《「『【〔([{")
SEPARATOR = " › "
MIN_HEADING = 4  # columns a shortened heading keeps before its "…"


def width(text: str) -> int:
    """Columns `text` takes in a terminal (escape sequences take none)."""
    return sum(max(wcwidth(ch), 0) for ch in ANSI.sub("", text))


def _atoms(text: str, protect: Sequence[str]) -> list[str]:
    """Pieces a line may not break inside: protected words, numbers and Latin words, single
    characters; closing marks stick to what precedes them, opening marks to what follows."""
    words = sorted({w for w in protect if w}, key=len, reverse=True)
    pattern = "|".join([*(re.escape(w) for w in words), _UNBROKEN, r"\x1b\[[0-9;]*m", r"."])
    atoms: list[str] = []
    glue_next = False
    for m in re.finditer(pattern, text, re.S):
        piece = m.group()
        if atoms and (glue_next or piece[0] in _CLOSING or piece.startswith("\x1b")):
            atoms[-1] += piece
        else:
            atoms.append(piece)
        glue_next = piece[-1] in _OPENING or (piece.startswith("\x1b") and piece != "\x1b[0m")
    return atoms


def wrap(text: str, columns: int, indent: str = "", protect: Sequence[str] = ()) -> str:
    """`text` in lines of at most `columns` columns, each starting with `indent`."""
    room = max(columns - width(indent), 8)
    out: list[str] = []
    for para in text.split("\n"):
        line, used = "", 0
        for atom in _atoms(para, protect):
            w = width(atom)
            if used + w > room and line:
                out.append(indent + line.rstrip())
                atom = atom.lstrip()
                line, used = "", 0
                w = width(atom)
            while w > room:  # one atom wider than a line (a very long number): cut it
                cut = _fit(atom, room)
                out.append(indent + atom[:cut])
                atom = atom[cut:]
                w = width(atom)
            line += atom
            used += w
        out.append(indent + line.rstrip())
    return "\n".join(out)


def _fit(text: str, room: int) -> int:
    """How many characters of `text` fit in `room` columns (at least one)."""
    used = 0
    for i, ch in enumerate(text):
        used += max(wcwidth(ch), 0)
        if used > room:
            return max(i, 1)
    return len(text)


def clip(text: str, columns: int) -> str:
    """`text` cut to `columns` columns, "…" marking a cut."""
    if width(text) <= columns:
        return text
    return text[: _fit(text, max(columns - 1, 1))] + "…"


def shorten_path(headings: Sequence[str], columns: int) -> str:
    """A section path in `columns` columns, shortened in the middle of each heading first
    (一、回首过往… › ——这五年…), then by leaving out the middle headings."""
    full = SEPARATOR.join(headings)
    if width(full) <= columns or not headings:
        return full
    longest = max(width(h) for h in headings)
    for keep in range(longest - 1, MIN_HEADING - 1, -1):
        short = SEPARATOR.join(clip(h, keep) for h in headings)
        if width(short) <= columns:
            return short
    if len(headings) > 2:
        ends = [clip(headings[0], MIN_HEADING), "…", clip(headings[-1], MIN_HEADING)]
        short = SEPARATOR.join(ends)
        if width(short) <= columns:
            return short
    return clip(full, columns)
