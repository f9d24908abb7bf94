"""Reading a Word (.docx) report through python-docx (MIT): the plain text the cleaning step
takes, one paragraph a line, and the headings its styles mark.

Body paragraphs and tables come in document order; a table is one line per row, its cells
separated by a space (a merged cell once). A paragraph in a heading style (Heading 1-9, 标题
1-9) is a hint for the section tree: retrieval/sections.py takes its level from the style
when the line's own form (一、 （一）) does not say. Page headers, footers and footnotes are
not body text and are not read.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass

log = logging.getLogger(__name__)

ENCRYPTED = "Word 文件已加密（需要密码），已跳过"
OLD_WORD = "旧版 Word 文件（.doc），无法读取：请用 Word 或 WPS 另存为 .docx，已跳过"
DAMAGED = "Word 文件损坏（{}），已跳过"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, and encrypted .docx (an OLE wrapper)
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)


@dataclass(frozen=True, slots=True)
class DocxText:
    text: str  # one paragraph (or table row) a line
    headings: tuple[tuple[str, int], ...]  # (line, level) of paragraphs in heading styles


def ole_reason(data: bytes) -> str:
    """Why an OLE compound file cannot be read: a password-protected .docx, or an old .doc."""
    return ENCRYPTED if "EncryptedPackage".encode("utf-16-le") in data else OLD_WORD


def _level(style_name: str | None) -> int:
    m = _HEADING_STYLE.match((style_name or "").strip())
    return int(m.group(1)) if m else 0


def read_docx(data: bytes) -> DocxText | str:
    """The text of a .docx; or why it cannot be read (a warning's words)."""
    if data.startswith(OLE_MAGIC):
        return ole_reason(data)
    if not data.startswith(b"PK"):
        return DAMAGED.format("不是 zip 格式")
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from lxml.etree import LxmlError

    try:
        doc = Document(io.BytesIO(data))
        lines: list[str] = []
        headings: list[tuple[str, int]] = []
        for block in doc.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_rows(block))
                continue
            text = block.text.strip()
            if not text:
                continue
            style = block.style.name if block.style is not None else None
            level = _level(style)
            parts = [ln.strip() for ln in text.split("\n") if ln.strip()]  # <w:br/> breaks
            lines.extend(parts)
            if level and len(parts) == 1:
                headings.append((parts[0], level))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, LxmlError) as exc:
        return DAMAGED.format(f"{type(exc).__name__}: {exc}"[:120])
    return DocxText("\n".join(lines), tuple(headings))


def _rows(table: object) -> list[str]:
    from docx.table import Table

    assert isinstance(table, Table)
    rows = []
    for row in table.rows:
        seen: set[int] = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is listed once per grid column it spans
                continue
            seen.add(id(cell._tc))
            text = " ".join(cell.text.split())
            if text:
                cells.append(text)
        if cells:
            rows.append(" ".join(cells))
    return rows
