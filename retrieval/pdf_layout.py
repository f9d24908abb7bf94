"""From a PDF's lines (retrieval/pdf.py) to the plain text the cleaning step takes, with a
page map.

What a PDF adds to a report's text, and what goes here:
- page numbers ("— 3 —", "－ 3 －", "第3页", "3/40", a bare number counting with the pages)
  and running headers/footers (a line at the top or bottom of most pages, the report's title
  say) are dropped; a table of contents (leader dots and page numbers) too;
- a cover page (little text, no sentence, not even a clause) keeps its lines apart: title,
  date, speaker;
- footnotes at a page's foot (①… whose mark stands in the page's text, 注：…) are paragraphs
  of their own, placed after the paragraph the page break interrupted;
- hard-wrapped lines are joined into paragraphs. A paragraph ends at a short line (ending
  before the right margin) or before an indented line or a heading (一、 （一）); joining adds
  nothing between the lines (no space inside Chinese text, none inside a number: "4779" +
  "1元" is "47791元"), except one space between two Latin words that had it.

Nothing else is changed: the text stays as the report has it (folding is for matching only).
The page map is a tuple of (offset, page): from that offset of the text on, page `page`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .pdf import Line

EDGE = 3  # lines at the top and at the bottom of a page that may be running headers/footers
SHORT_EMS = 1.5  # a line ending this much before the right margin ends its paragraph
INDENT_EMS = 0.8  # a line starting this much right of the left margin starts a paragraph
MAX_SHIFT = 20  # a page number is near its page's index (covers and front matter unnumbered)
COVER_CHARS = 200  # a first page with fewer visible characters and no sentence is a cover

_DASHES = "-－—–~～·•_ "
_PAGE_NUMBER = re.compile(
    rf"[{_DASHES}]+\d{{1,4}}[{_DASHES}]+"  # — 3 —, －3－, - 3 -
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"  # 第3页, 第3页 共40页
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"  # 3/40
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?",
    re.I,
)
_BARE_NUMBER = re.compile(r"\d{1,4}")
_TOC_LINE = re.compile(r"(?:\.{4,}|…{2,}|·{4,}|-{4,}|_{4,})\s*\d{1,4}$")
_TOC_HEAD = re.compile(r"目\s*录")
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}[章部篇]"
    r"|附件\s*\d*\s*[:：]?$|名词(?:解释|释义))"
)
_FOOTNOTE_MARK = re.compile(r"^([①-⑳])")
_NOTE = re.compile(r"^(?:注\s*[:：]|注释\s*[:：]|\[\d{1,2}\]|［\d{1,2}］)")
_SENTENCE_END = "。！？!?；;…”’"


@dataclass(slots=True)
class _Row:
    text: str
    left: float | None
    right: float | None
    page: int  # 1-based
    space_after: bool  # the line had a space at its end (kept between Latin words)


def _units(text: str) -> float:
    """Width in ems: a CJK character is one, an ASCII one half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def _key(text: str) -> str:
    """A running header's identity: digits (the page number) and spaces do not count."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _is_page_number(text: str) -> bool:
    return _PAGE_NUMBER.fullmatch(text.strip()) is not None


def _page_numbers(pages: list[list[Line]]) -> list[list[Line]]:
    """`pages` without their page-number lines."""
    out: list[list[Line]] = []
    bare: list[tuple[int, Line, int]] = []  # (page index, line, number - page index)
    for p, lines in enumerate(pages):
        n = len(lines)
        kept = []
        for i, line in enumerate(lines):
            text = line.text.strip()
            edge = i < EDGE or i >= n - EDGE
            if edge and _is_page_number(text):
                continue
            if edge and _BARE_NUMBER.fullmatch(text) and abs(int(text) - p) <= MAX_SHIFT:
                bare.append((p, line, int(text) - p))
            kept.append(line)
        out.append(kept)
    if bare:
        shift, count = Counter(s for _, _, s in bare).most_common(1)[0]
        if count >= 2 or len(pages) == 1:
            gone = {id(line) for _, line, s in bare if s == shift}
            out = [[ln for ln in lines if id(ln) not in gone] for lines in out]
    return out


def _running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """`pages` without the lines at their edges that repeat on many pages (page 1 keeps its
    own: there the report's title is the title)."""
    if len(pages) < 2:
        return pages
    seen: Counter[str] = Counter()
    for lines in pages:
        n = len(lines)
        seen.update({_key(ln.text) for i, ln in enumerate(lines) if i < EDGE or i >= n - EDGE})
    need = max(2, round(0.4 * len(pages)))
    running = {k for k, c in seen.items() if c >= need and k}
    if not running:
        return pages
    out = [pages[0]]
    for lines in pages[1:]:
        n = len(lines)
        out.append(
            [ln for i, ln in enumerate(lines)
             if not ((i < EDGE or i >= n - EDGE) and _key(ln.text) in running)]
        )  # fmt: skip
    return out


def _is_cover(lines: Sequence[Line]) -> bool:
    text = "".join(ln.text for ln in lines)
    visible = sum(not ch.isspace() for ch in text)
    return 0 < visible < COVER_CHARS and not any(ch in text for ch in "。，,；")


def _footnotes(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """A page's body lines and the footnote block at its foot, if there is one: lines from the
    lower half of the page on that start with a note mark (①, whose mark also stands in the
    page's text above; 注：, [1])."""
    half = len(lines) // 2
    for i in range(max(half, 1), len(lines)):
        text = lines[i].text.strip()
        m = _FOOTNOTE_MARK.match(text)
        above = "".join(ln.text for ln in lines[:i])
        if (m and m.group(1) in above) or _NOTE.match(text):
            return lines[:i], lines[i:]
    return lines, []


@dataclass(frozen=True, slots=True)
class _Margins:
    """Where the document's lines start and end (the same on every page of a report)."""

    left: float | None  # the leftmost x many lines share
    right: float | None  # where full lines end
    em: float  # the font size of body text
    units: float  # the longest line in ems (for lines without geometry)


def _margins(rows: Sequence[_Row]) -> _Margins:
    lefts = [round(r.left) for r in rows if r.left is not None]
    rights = sorted(r.right for r in rows if r.right is not None)
    ems = sorted(
        (r.right - r.left) / _units(r.text)
        for r in rows
        if r.left is not None and r.right is not None and _units(r.text) >= 8
    )
    units = max((_units(r.text) for r in rows), default=0.0)
    if not lefts or not rights:
        return _Margins(None, None, 0.0, units)
    # Not one odd line's x: centred and indented lines start right of the margin.
    counts = Counter(lefts)
    most = counts.most_common(1)[0][1]
    left = float(min(v for v, c in counts.items() if c >= max(1, most // 3)))
    right = rights[round(0.9 * (len(rights) - 1))]
    em = ems[len(ems) // 2] if ems else 12.0
    return _Margins(left, right, em, units)


def _breaks(prev: _Row, row: _Row, m: _Margins) -> bool:
    """Does a new paragraph start at `row` (the line after `prev`)?"""
    if _HEADING.match(row.text):
        return True
    if prev.right is not None and m.right is not None and prev.right < m.right - SHORT_EMS * m.em:
        return True
    if row.left is not None and m.left is not None and row.left > m.left + INDENT_EMS * m.em:
        return True
    if prev.right is None or row.left is None:  # no geometry: by line length and ending
        return _units(prev.text) < m.units - 2 and prev.text[-1] in _SENTENCE_END
    return False


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _join(prev: str, prev_space: bool, nxt: str) -> str:
    """What goes between two joined lines: nothing, or the space two Latin words had."""
    return " " if prev_space and _latin(prev[-1:]) and _latin(nxt[:1]) else ""


def _row(line: Line, page: int) -> _Row:
    return _Row(line.text.strip(), line.left, line.right, page, line.text.endswith(" "))


def layout(pages: Sequence[Sequence[Line]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain text (a paragraph a line) and its page map from a PDF's lines."""
    cleaned = _running_lines(_page_numbers([list(p) for p in pages]))
    cleaned = [[ln for ln in lines if not _TOC_LINE.search(ln.text.strip())
                and not _TOC_HEAD.fullmatch(ln.text.strip())] for lines in cleaned]  # fmt: skip
    cover = len(cleaned) > 1 and _is_cover(cleaned[0])
    split = [_footnotes(lines) for lines in cleaned]
    bodies = [
        [_row(ln, p) for ln in body if ln.text.strip()] for p, (body, _) in enumerate(split, 1)
    ]
    margins = _margins([r for rows in bodies[1 if cover else 0 :] for r in rows])
    paragraphs: list[list[_Row]] = []  # rows of each paragraph
    pending: list[list[_Row]] = []  # footnotes waiting for the open paragraph to end
    open_paragraph: list[_Row] | None = None
    for p, rows in enumerate(bodies, 1):
        for row in rows:
            if p == 1 and cover:
                paragraphs.append([row])
                continue
            if open_paragraph is not None and not _breaks(open_paragraph[-1], row, margins):
                open_paragraph.append(row)
                continue
            paragraphs.extend(pending)
            pending = []
            open_paragraph = [row]
            paragraphs.append(open_paragraph)
        for note in (_row(ln, p) for ln in split[p - 1][1]):
            if not note.text:
                continue
            if _FOOTNOTE_MARK.match(note.text) or _NOTE.match(note.text) or not pending:
                pending.append([note])
            else:
                pending[-1].append(note)
    paragraphs.extend(pending)
    return _render(paragraphs)


def _render(paragraphs: Sequence[Sequence[_Row]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    parts: list[str] = []
    page_map: list[tuple[int, int]] = []
    offset = 0
    for n, rows in enumerate(paragraphs):
        if n:
            parts.append("\n")
            offset += 1
        prev: _Row | None = None
        for row in rows:
            if prev is not None:
                glue = _join(prev.text, prev.space_after, row.text)
                parts.append(glue)
                offset += len(glue)
            if not page_map or page_map[-1][1] != row.page:
                page_map.append((offset, row.page))
            parts.append(row.text)
            offset += len(row.text)
            prev = row
    return "".join(parts), tuple(page_map)


def passage_pages(
    source: str,
    page_map: Sequence[tuple[int, int]],
    cleaned: str,
    spans: Sequence[tuple[int, int]],
) -> list[tuple[int, int]]:
    """(first, last) page of each span of `cleaned`, the cleaning of `source` whose pages
    `page_map` gives. Cleaning keeps or drops whole lines (trimmed), so each cleaned line is
    found in the source, in order; a line it changed takes the place of the one before."""
    line_at: list[int] = []  # cleaned offset where each line starts
    found_at: list[int] = []  # source offset of that line
    pos = offset = 0
    for line in cleaned.split("\n"):
        j = source.find(line, pos) if line else -1
        line_at.append(offset)
        found_at.append(j if j >= 0 else pos)
        if j >= 0:
            pos = j + len(line)
        offset += len(line) + 1
    starts = [s for s, _ in page_map]

    def page(o: int) -> int:
        k = bisect_right(line_at, o) - 1
        src = found_at[k] + (o - line_at[k])
        return page_map[max(0, bisect_right(starts, src) - 1)][1]

    out = []
    for s, e in spans:
        first, last = page(s), page(max(s, e - 1))
        out.append((first, max(first, last)))
    return out
