"""Passages: paragraphs cut to chat size, each knowing its report, section and span."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .models import Passage
from .sections import Paragraph, split_sections

MIN_CHARS = 80  # smaller fragments join a neighbour of the same section
TARGET_CHARS = 300  # long paragraphs are cut near this size ...
MAX_CHARS = 400  # ... and a piece never grows past this by merging
_SENTENCE = re.compile(r".+?(?:[。！？!?；;]+[”’」』)）]*|$)", re.S)
MAX_QUOTED = 300  # a quote still open after this many characters is taken as unbalanced
_OPEN = "“‘「『《（("
_CLOSE = "”’」』》）)"


@dataclass(slots=True)
class _Piece:
    paragraph: int
    part: int
    start: int
    end: int
    section: tuple[str, ...]
    glossary: bool


def sentence_spans(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Sentence spans (ending 。！？； or a line) offset by `base`.

    Closing quotes stay with their sentence, and a sentence end inside quotes or brackets
    (“…。…”, 《…》) does not end the sentence, so a quoted term is never cut in half.
    A line break always ends one: merged paragraphs and table rows are read apart.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        spans.extend(_line_sentences(line, base + offset))
        offset += len(line) + 1
    return spans


def _line_sentences(text: str, base: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    depth = 0
    for m in _SENTENCE.finditer(text):
        piece = m.group()
        depth += sum(piece.count(o) for o in _OPEN) - sum(piece.count(c) for c in _CLOSE)
        if depth > 0 and m.end() < len(text) and m.end() - start < MAX_QUOTED:
            continue  # inside quotes: the sentence goes on (unless the quote never closes)
        depth = 0
        if text[start : m.end()].strip():
            spans.append((base + start, base + m.end()))
        start = m.end()
    return spans


def _cut_paragraph(text: str, para: Paragraph) -> list[_Piece]:
    start, end = para.span
    if end - start <= MAX_CHARS or para.glossary:
        return [_Piece(para.number, 0, start, end, para.section, para.glossary)]
    pieces: list[_Piece] = []
    cur_start = start
    cur_end = start
    for s, e in sentence_spans(text[start:end], start):
        full = e - cur_start > TARGET_CHARS and cur_end - cur_start >= MIN_CHARS
        if cur_end > cur_start and full:
            pieces.append(_Piece(para.number, len(pieces), cur_start, cur_end, para.section, False))
            cur_start = s
        cur_end = e
    pieces.append(_Piece(para.number, len(pieces), cur_start, end, para.section, False))
    # A short tail joins the piece before it.
    if len(pieces) > 1 and pieces[-1].end - pieces[-1].start < MIN_CHARS:
        tail = pieces.pop()
        pieces[-1].end = tail.end
    return pieces


def _merge_small(pieces: list[_Piece]) -> list[_Piece]:
    """Join fragments under MIN_CHARS to a neighbour in the same section."""
    out: list[_Piece] = []
    for piece in pieces:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not piece.glossary
            and not prev.glossary
            and prev.section == piece.section
            and (prev.end - prev.start < MIN_CHARS or piece.end - piece.start < MIN_CHARS)
            and piece.end - prev.start <= MAX_CHARS
        ):
            prev.end = piece.end
            continue
        out.append(piece)
    return out


def split_passages(
    report_name: str, text: str, styled: Mapping[str, int] | None = None
) -> list[Passage]:
    """Cut a cleaned report into passages of roughly 80-400 characters.

    Long paragraphs are cut only at sentence ends; small fragments join a neighbour
    within the same section; every glossary entry is a passage of its own.
    """
    pieces: list[_Piece] = []
    for para in split_sections(text, styled):
        pieces.extend(_cut_paragraph(text, para))
    passages = []
    for p in _merge_small(pieces):
        pid = f"{report_name}#{p.paragraph}" + (f".{p.part + 1}" if p.part else "")
        passages.append(
            Passage(
                id=pid,
                report=report_name,
                section=p.section,
                paragraph=p.paragraph,
                span=(p.start, p.end),
                text=text[p.start : p.end],
                glossary=p.glossary,
            )
        )
    return passages
