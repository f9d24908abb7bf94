"""Reading a PDF's text layer: lines per page with where they start and end on the page.

pypdfium2 (Google's PDFium; BSD-3-Clause / Apache-2.0, so nothing binds our users) reads the
text layer; chosen over pdfplumber/pdfminer.six on measurement (benchmarks/formats.py): the
same Chinese text from CID fonts, about 30 times faster. Each line comes with the x of its first
and last character, so that the layout step (retrieval/pdf_layout.py) can tell an indented
first line or a short last line of a paragraph from a hard-wrapped one.

A PDF that cannot be read as text says why, in Chinese, for the warning that names it: a scan
(no text layer), a text layer that decodes to garbage (fonts without a usable ToUnicode map),
a password, a damaged file.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

log = logging.getLogger(__name__)

SCAN = "扫描件，无文字层，已跳过"
GARBLED = "文字层无法解码（字体缺少可用的 ToUnicode 映射），按扫描件处理，已跳过"
ENCRYPTED = "PDF 已加密（需要密码），已跳过"
DAMAGED = "PDF 文件损坏或不是 PDF（{}），已跳过"

MIN_CHARS_PER_PAGE = 20  # fewer visible characters per page on average: no text layer
MIN_GOOD_SHARE = 0.9  # of visible characters: CJK, ASCII, punctuation and common symbols
MIN_COMMON_SHARE = 0.05  # of CJK characters: the commonest ones (real reports: 18-20 %)
_COMMON_CJK = frozenset("的和发展业化建新全大国进实加政力推中动设一工人产民保生区持作高强制")
# PDFium error codes (fpdfview.h): FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY
_PASSWORD_ERRORS = (4, 6)
_PDFIUM = threading.Lock()  # PDFium is not thread-safe; a build may run beside a server


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page's text layer, in reading order."""

    text: str
    left: float | None  # x of its first visible character (points); None when unknown
    right: float | None  # x where its last visible character ends


@dataclass(frozen=True, slots=True)
class PdfPages:
    pages: tuple[tuple[Line, ...], ...]  # page 1 first


def _good(ch: str) -> bool:
    o = ord(ch)
    return (
        (0x20 <= o < 0x7F)
        or 0x4E00 <= o <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= o <= 0x4DBF  # extension A
        or 0x3000 <= o <= 0x303F  # CJK punctuation
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x2000 <= o <= 0x2BFF  # punctuation, letterlike, numbers (Ⅱ), arrows, ①, ■, ★
        or ch in "·×÷°±²³µ¥§¨¯´¸¼½¾"
        or 0x0391 <= o <= 0x03C9  # Greek letters (α, β, Ω in units)
    )


def garbled(text: str) -> bool:
    """Text that no real report decodes to: many private-use, control or stray Latin-1/other
    characters, or CJK characters without the commonest ones (a wrong ToUnicode map)."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return False
    good = sum(map(_good, visible))
    if good < MIN_GOOD_SHARE * len(visible):
        return True
    cjk = [ch for ch in visible if "\u4e00" <= ch <= "\u9fff"]
    common = sum(ch in _COMMON_CJK for ch in cjk)
    return len(cjk) >= 200 and common < MIN_COMMON_SHARE * len(cjk)


def _page_lines(page: object) -> tuple[Line, ...]:
    import pypdfium2 as pdfium

    assert isinstance(page, pdfium.PdfPage)
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        # PDFium counts the line breaks it generates as characters, so text index i is
        # character i, unless a character was more than one code unit (then no geometry).
        geometry = len(text) == textpage.count_chars()
        lines: list[Line] = []
        pos = 0
        for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            start = pos
            pos += len(raw) + (2 if text.startswith("\r\n", start + len(raw)) else 1)
            first = len(raw) - len(raw.lstrip())
            last = len(raw.rstrip()) - 1
            if last < first:
                continue
            left = right = None
            if geometry:
                left = textpage.get_charbox(start + first, loose=True)[0]
                right = textpage.get_charbox(start + last, loose=True)[2]
            lines.append(Line(raw.rstrip("\x00"), left, right))
        return tuple(lines)
    finally:
        textpage.close()


def read_pdf(data: bytes) -> PdfPages | str:
    """The text layer of a PDF, line by line; or why it cannot be read (a warning's words)."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) in _PASSWORD_ERRORS:
                return ENCRYPTED
            return DAMAGED.format(exc)
        try:
            pages = []
            for i in range(len(doc)):
                page = doc[i]
                try:
                    pages.append(_page_lines(page))
                finally:
                    page.close()
        except pdfium.PdfiumError as exc:
            return DAMAGED.format(exc)
        finally:
            doc.close()
    text = "".join(line.text for page in pages for line in page)
    visible = sum(not ch.isspace() for ch in text)
    if not pages or visible < MIN_CHARS_PER_PAGE * len(pages):
        return SCAN
    if garbled(text):
        return GARBLED
    return PdfPages(tuple(pages))
