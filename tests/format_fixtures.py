"""Reports as PDF and DOCX, made from text (reportlab's built-in STSong-Light CID font, whose
text pypdfium2 extracts as written; python-docx). Used by tests/test_formats.py and
benchmarks/formats.py."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

FONT = "STSong-Light"
SIZE = 12.0
LEADING = 18.0
MARGIN = 72.0
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])")
_L1 = re.compile(r"^[一二三四五六七八九十]{1,3}、")
# Never at the start of a line (kinsoku): these hang past the margin, as Word and WPS set them.
_HANGING = "。，、；：？！）」』”’》%)]}.,;:!?"


def report_paragraphs(text: str) -> list[str]:
    """The non-empty lines of a report text, stripped: one paragraph each."""
    return [ln.strip().strip("\u3000") for ln in text.splitlines() if ln.strip().strip("\u3000")]


def _wrap(text: str, width: float, first_indent: float, measure) -> list[tuple[float, str]]:  # type: ignore[no-untyped-def]
    """Hard-wrap a paragraph anywhere (as Chinese typesetting does): (indent, line) pairs."""
    lines: list[tuple[float, str]] = []
    indent, current, used = first_indent, "", 0.0
    for ch in text:
        w = measure(ch)
        if current and used + w > width - indent and ch not in _HANGING:
            lines.append((indent, current))
            indent, current, used = 0.0, "", 0.0
        current += ch
        used += w
    if current:
        lines.append((indent, current))
    return lines


def render_pdf(
    paragraphs: Sequence[str],
    path: Path,
    *,
    header: str | None = None,
    page_number: str = "— {} —",
    centred: int = 0,
    line_width: float | None = None,
    encrypt: str | None = None,
    breaks_before: Sequence[int] = (),
) -> int:
    """Typeset paragraphs like a printed report: first lines indented two ems, hard-wrapped
    lines, `header` on top of every page after the first, a page number at the foot; the
    first `centred` paragraphs (the title block) centred. Returns the number of pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    page_w, page_h = A4
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    width = line_width or page_w - 2 * MARGIN

    def measure(s: str) -> float:
        return float(pdfmetrics.stringWidth(s, FONT, SIZE))

    page = 1
    y = page_h - MARGIN

    def start_page() -> None:
        nonlocal y
        c.setFont(FONT, SIZE)
        if header and page > 1:
            c.setFont(FONT, 9)
            c.drawCentredString(page_w / 2, page_h - 40, header)
            c.setFont(FONT, SIZE)
        y = page_h - MARGIN

    def end_page() -> None:
        nonlocal page
        if page_number:
            c.setFont(FONT, 9)
            c.drawCentredString(page_w / 2, 36, page_number.format(page))
        c.showPage()
        page += 1

    start_page()
    for n, para in enumerate(paragraphs):
        if n in breaks_before and y < page_h - MARGIN:
            end_page()
            start_page()
        if n < centred:
            lines = [((width - measure(para)) / 2, para)]
        else:
            lines = _wrap(para, width, 2 * SIZE, measure)
        for indent, line in lines:
            if y < MARGIN:
                end_page()
                start_page()
            c.drawString(MARGIN + indent, y, line)
            y -= LEADING
    end_page()
    c.save()
    return page - 1


def render_docx(paragraphs: Sequence[str], path: Path, *, table: Sequence[Sequence[str]] = (),
                table_after: int = -1) -> None:  # fmt: skip
    """A Word file: headings (一、 Heading 1, （一） Heading 2) in heading styles, paragraphs
    in Normal, and `table` after paragraph `table_after`."""
    from docx import Document

    doc = Document()
    for n, para in enumerate(paragraphs):
        if _HEADING.match(para) and len(para) <= 40:
            doc.add_heading(para, level=1 if _L1.match(para) else 2)
        else:
            doc.add_paragraph(para)
        if n == table_after and table:
            t = doc.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for k, cell in enumerate(row):
                    t.cell(r, k).text = cell
    doc.save(str(path))
