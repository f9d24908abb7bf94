"""Lines a PDF's text layer wrapped at its right margin, saved as a text file, joined again.

A report copied out of a PDF keeps the PDF's line breaks: "…细颗粒" at one line's end and
"物年均浓度32微克/立方米" at the next line's start, so that neither 细颗粒物 nor the sentence
is found. Such a file is known by its lines: most long lines are as long as the page is wide
(give or take NEAR characters), and most of those end no sentence. In such a file a line of
the full width that ends no sentence runs on into the next, unless the next starts a heading
(一、 （一） 一是 第一 1.) or the salutation; a line of the title block (title, meeting,
speaker: the lines `alone`) is joined to nothing. Nothing is added between Chinese characters,
one space between two Latin words (the PDF's own spacing, "增长 5.2%", stays as it is).
A file wrapped by its author at a paragraph's end is not touched: its lines vary in length.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence

MIN_LINES = 40  # long lines a file needs before its wrapping is judged
MIN_WIDTH = 20  # characters of a line counted as long
NEAR = 2  # characters from the usual width that still make a full line
FULL_SHARE = 0.5  # share of the long lines at the usual width
OPEN_SHARE = 0.7  # share of the full lines that end no sentence
_ENDS = "。！？；：…!?;:"
_CLOSERS = "”’」』）)】》\"'"  # after a sentence's end: "…。”" ends it too
_STARTS_ANEW = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]"
    r"|[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}|\d{1,2}[.、．](?!\d)|各位代表)"
)


def unwrap(lines: Sequence[str], alone: Collection[int] = ()) -> list[str]:
    """`lines` (trimmed, none empty) with a PDF's wrapped lines joined into paragraphs; the
    same lines where the file is not wrapped at one width."""
    widths = [len(line) for line in lines if len(line) >= MIN_WIDTH]
    if len(widths) < MIN_LINES:
        return list(lines)
    width = Counter(widths).most_common(1)[0][0]
    full = [line for line in lines if abs(len(line) - width) <= NEAR]
    open_ = sum(_open(line) for line in full)
    if len(full) < FULL_SHARE * len(widths) or open_ < OPEN_SHARE * len(full):
        return list(lines)
    out: list[str] = []
    runs_on = False
    for i, line in enumerate(lines):
        if runs_on and i not in alone and not _STARTS_ANEW.match(line):
            out[-1] += (" " if _latin(out[-1][-1]) and _latin(line[0]) else "") + line
        else:
            out.append(line)
        runs_on = i not in alone and len(line) >= width - NEAR and _open(line)
    return out


def _open(line: str) -> bool:
    """Does the line end no sentence ("…细颗粒", not "…为次优水平。" or "…。”")?"""
    return line.rstrip(_CLOSERS)[-1:] not in _ENDS


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()
