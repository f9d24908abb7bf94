"""Reading the corpus folder: the core's only file I/O.

Reports come as text (.txt, .html, .htm, in any common charset), PDF with a text layer
(retrieval/pdf.py, retrieval/pdf_layout.py) and Word .docx (retrieval/docx_reader.py). Every
other file of the folder is named in a warning saying why it is not read, except hidden files
and reports.toml (read by retrieval/overrides.py).
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusNotFound
from .models import SourceFile

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".html", ".htm")
REPORT_SUFFIXES = (*TEXT_SUFFIXES, ".pdf", ".docx", ".doc")  # .doc: read to say why not
READABLE = ".txt .html .htm .pdf .docx"
QUIET = frozenset(("reports.toml",))  # read by retrieval/overrides.py
_GB_FAMILY = {"gb2312", "gbk", "cp936", "gb18030", "hz"}
_CJK_PUNCT = "，。、：；！？“”‘’（）《》【】—…·\u3000"


@dataclass(frozen=True, slots=True)
class CorpusFiles:
    files: tuple[SourceFile, ...]
    warnings: tuple[str, ...]  # one line per file that was skipped, naming it


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in _CJK_PUNCT


_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _plausible(text: str, share: float) -> bool:
    """Mostly CJK or ASCII text (what a report decoded with the right charset looks like)."""
    good = sum(1 for ch in text if (ch.isascii() and (ch.isprintable() or ch in "\t\r\n"))
               or _is_cjk(ch))  # fmt: skip
    return good >= share * len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte order mark, little or big endian, if it reads as text.

    ASCII characters (line ends, digits) put a zero in every other byte, on the odd bytes for
    little endian; a report with no ASCII at all still decodes to mostly CJK in one order.
    """
    if len(data) % 2:
        return None
    head = data[:4096]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    orders = ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")
    for codec in orders:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _plausible(text, 0.95):
            return text
    return None


def decode_report(data: bytes) -> str | None:
    """Decode bytes of a report; None when they are binary or not text in any charset.

    A byte order mark decides (UTF-32, UTF-8, UTF-16); then UTF-8, then UTF-16 without a
    mark; otherwise charset-normalizer picks the encoding (GB18030/GBK pages are common).
    """
    if not data.strip():
        return None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                return None
            return text if text.strip() and "\x00" not in text else None
    try:
        text = data.decode("utf-8")
        return text if "\x00" not in text else _utf16_without_bom(data)
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data[:4096]:
        return None
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    best = from_bytes(data).best()
    if best is None:
        return None
    if best.encoding.lower().replace("_", "") in _GB_FAMILY:
        # GB18030 is a superset of GB2312/GBK and maps A1AA to "—" (U+2014), as the pages mean.
        text = data.decode("gb18030", errors="replace")
    else:
        text = str(best)
    # GB18030 decodes nearly anything; reject results that are mostly not CJK or ASCII text.
    return text if _plausible(text, 0.8) else None


def _not_a_report(path: Path) -> str | None:
    """Why a file of the folder that is not a report is not read (None: say nothing)."""
    if path.name.startswith(".") or path.name in QUIET:
        return None  # hidden files (.DS_Store, .gitkeep), and reports.toml, read elsewhere
    if path.is_dir():
        return f"{path.name}/: 子文件夹，未读取（报告请直接放在语料文件夹中）"
    kind = path.suffix.lower() or "无扩展名"
    return f"{path.name}: 不是可读的报告格式（{kind}），未读取；可读格式：{READABLE}"


def report_paths(
    folder: Path, allow_outside_links: bool = False
) -> tuple[list[Path], list[tuple[str, str]]]:
    """The report files of `folder` (by suffix), sorted, and (name, warning) for every other
    entry of the folder that is left out.

    A link whose target lies outside the folder is left out unless `allow_outside_links`:
    a corpus folder should not be a way to read /etc/passwd.
    """
    if not folder.is_dir():
        raise CorpusNotFound(str(folder))
    root = folder.resolve()
    paths: list[Path] = []
    warnings: list[tuple[str, str]] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in REPORT_SUFFIXES or not path.is_file():
            if (why := _not_a_report(path)) is not None:
                warnings.append((path.name, why))
            continue
        # Only a link can point elsewhere (the folder itself was resolved above).
        outside = path.is_symlink() and not path.resolve().is_relative_to(root)
        if not allow_outside_links and outside:
            warnings.append((path.name, f"{path.name}: links outside the corpus folder, skipped"))
            continue
        paths.append(path)
    return paths, warnings


def read_bytes(path: Path) -> tuple[bytes, os.stat_result]:
    """A file's bytes and its status taken after reading them (on the same open file)."""
    with open(path, "rb") as f:
        data = f.read()
        return data, os.fstat(f.fileno())


def source_file(name: str, data: bytes) -> SourceFile | str:
    """The decoded file (by its suffix), or the warning that says why it is skipped."""
    if not data.strip():
        return f"{name}: empty file, skipped"
    digest = hashlib.sha256(data).hexdigest()
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf":
        return _pdf_source(name, data, digest)
    if suffix in (".docx", ".doc"):
        return _docx_source(name, data, digest)
    text = decode_report(data)
    if text is None:
        return f"{name}: binary or undecodable, skipped"
    return SourceFile(name, text, digest)


def _pdf_source(name: str, data: bytes, digest: str) -> SourceFile | str:
    from .pdf import read_pdf
    from .pdf_layout import layout

    found = read_pdf(data)
    if isinstance(found, str):
        return f"{name}: {found}"
    text, pages = layout(found.pages)
    return SourceFile(name, text, digest, pages=pages, markup=False)


def _docx_source(name: str, data: bytes, digest: str) -> SourceFile | str:
    """A .docx; a .doc only when it is a .docx under another name (old Word is not read)."""
    from .docx_reader import OLD_WORD, read_docx

    if name.lower().endswith(".doc") and not data.startswith(b"PK"):
        return f"{name}: {OLD_WORD}"
    found = read_docx(data)
    if isinstance(found, str):
        return f"{name}: {found}"
    return SourceFile(name, found.text, digest, markup=False, headings=found.headings)


def read_corpus(folder: Path, allow_outside_links: bool = False) -> CorpusFiles:
    """Read every report file in `folder`; unreadable ones are named in warnings."""
    paths, skipped = report_paths(folder, allow_outside_links)
    warnings = [w for _, w in skipped]
    files: list[SourceFile] = []
    for path in paths:
        try:
            data, _ = read_bytes(path)
        except OSError as exc:
            warnings.append(f"{path.name}: cannot be read ({exc.strerror})")
            continue
        found = source_file(path.name, data)
        if isinstance(found, str):
            warnings.append(found)
        else:
            files.append(found)
    for line in warnings:
        log.warning("%s", line)
    return CorpusFiles(tuple(files), tuple(warnings))
