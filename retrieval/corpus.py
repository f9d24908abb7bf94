"""Reading the corpus folder: the core's only file I/O."""

from __future__ import annotations

import codecs
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusNotFound
from .models import SourceFile

log = logging.getLogger(__name__)

REPORT_SUFFIXES = (".txt", ".html", ".htm")
_GB_FAMILY = {"gb2312", "gbk", "cp936", "gb18030", "hz"}
_CJK_PUNCT = "，。、：；！？“”‘’（）《》【】—…·\u3000"


@dataclass(frozen=True, slots=True)
class CorpusFiles:
    files: tuple[SourceFile, ...]
    warnings: tuple[str, ...]  # one line per file that was skipped, naming it


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in _CJK_PUNCT


def decode_report(data: bytes) -> str | None:
    """Decode bytes of a report; None when they are binary or not text in any charset.

    UTF-8 (with or without BOM) is tried first; otherwise charset-normalizer picks the
    encoding (GB18030/GBK pages are common).
    """
    if not data.strip():
        return None
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    if b"\x00" in data[:4096]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
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
    plausible = sum(1 for ch in text if ch.isascii() or _is_cjk(ch))
    if plausible < 0.8 * len(text):
        return None
    return text


def read_corpus(folder: Path) -> CorpusFiles:
    """Read every report file in `folder`; unreadable ones are named in warnings."""
    if not folder.is_dir():
        raise CorpusNotFound(str(folder))
    files: list[SourceFile] = []
    warnings: list[str] = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.suffix.lower() not in REPORT_SUFFIXES:
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            warnings.append(f"{path.name}: cannot be read ({exc.strerror})")
            continue
        if not data.strip():
            warnings.append(f"{path.name}: empty file, skipped")
            continue
        text = decode_report(data)
        if text is None:
            warnings.append(f"{path.name}: binary or undecodable, skipped")
            continue
        files.append(SourceFile(path.name, text, hashlib.sha256(data).hexdigest()))
    for line in warnings:
        log.warning("%s", line)
    return CorpusFiles(tuple(files), tuple(warnings))
