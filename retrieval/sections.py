"""The section tree of a cleaned report: which headings each paragraph sits under.

Heading shapes these reports use:
- level 1: ``一、…`` lines, ``附件N``, the glossary heading (``名词解释`` / ``名词释义``);
- level 2: ``(一)…`` / ``（一）…`` lines, standalone ``——…`` lines, short bold-style lines;
- a lead sentence that heads one paragraph: ``——…。``, ``(一)…。`` or a short first sentence
  such as ``增强经济发展动能。``; it names that paragraph only.
Glossary entries (``10.五种思维:指…``) become paragraphs of their own, named by their term.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .clean import SALUTATION

_L1 = re.compile(r"^[一二三四五六七八九十]{1,3}、")
_L2 = re.compile(r"^[(（][一二三四五六七八九十]{1,3}[)）]")
_DASH = re.compile(r"^(?:——|――|—{1,2}|－－|--)(?=\S)")
_ANNEX = re.compile(r"^附件\s*\d*\s*[:：]?")
_GLOSSARY = re.compile(r"名词(?:解释|释义)|名词注释|词语解释|注释说明")
_ITEM = re.compile(r"^\d{1,3}\s*[.、．]\s*")
_SENTENCE_END = "。！？!?；;"
_FIRST_SENTENCE = re.compile(r"^(.+?[。！？!?])")

MAX_HEADING = 50  # characters; longer lines are paragraphs
MAX_LEAD = 40  # a lead sentence heading a paragraph
MAX_SHORT_LEAD = 18  # an unmarked first sentence that reads as a heading


@dataclass(frozen=True, slots=True)
class Paragraph:
    number: int  # 1-based among body paragraphs of the report
    span: tuple[int, int]  # offsets into the cleaned text
    section: tuple[str, ...]  # headings, top level first
    glossary: bool = False  # a glossary entry: section's last element is its term


HEADER_SECTION = "报告信息"  # the section of the header paragraph (number 0)


def _is_heading_line(line: str) -> bool:
    body = line.rstrip("。")
    return len(line) <= MAX_HEADING and not any(ch in body for ch in _SENTENCE_END)


def _lead(line: str) -> str | None:
    """The sentence heading this paragraph, if it starts with one."""
    m = _FIRST_SENTENCE.match(line)
    if not m or len(line) <= len(m.group(1)) + 10:
        return None
    first = m.group(1)[:-1]
    if _DASH.match(first) or _L2.match(first) or _L1.match(first):
        return first if len(first) <= MAX_LEAD else None
    plain = not SALUTATION.match(first) and ":" not in first and "：" not in first
    if len(first) <= MAX_SHORT_LEAD and plain:
        return first
    return None


def _glossary_term(line: str) -> str | None:
    body = _ITEM.sub("", line, count=1)
    m = re.match(r"^(.{1,30}?)[:：]", body)
    return m.group(1).strip() if m else None


def split_sections(text: str, styled: Mapping[str, int] | None = None) -> list[Paragraph]:
    """Body paragraphs (from the salutation on) with the headings they sit under.

    Heading lines are not paragraphs; a heading with nothing under it is kept as a
    paragraph of its own so that no report text is lost. `styled` maps lines a .docx marks
    as headings to their style's level: a hint where the line's form does not say.
    """
    styled = styled or {}
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, raw))
        pos += len(raw) + 1
    start = next((i for i, (_, ln) in enumerate(lines) if SALUTATION.match(ln)), 0)

    out: list[Paragraph] = []
    path: list[str] = []  # the persistent heading path
    glossary = False
    pending: Paragraph | None = None  # a heading with no body under it yet
    pending_level = 0
    i = start
    while i < len(lines):
        offset, line = lines[i]
        i += 1
        if not line:
            continue
        heading_level = 0
        heading = line
        if _ANNEX.match(line) and len(line) <= MAX_HEADING:
            heading_level = 1
            # "附件1:" alone: its title is the next short line.
            if _ANNEX.fullmatch(line) and i < len(lines) and _is_heading_line(lines[i][1]):
                heading = line + lines[i][1]
                i += 1
        elif _GLOSSARY.search(line) and len(line) <= 30:
            heading_level = 2 if path and _ANNEX.match(path[0]) else 1
        elif _L1.match(line) and _is_heading_line(line):
            heading_level = 1
        elif (_L2.match(line) or _DASH.match(line)) and _is_heading_line(line):
            heading_level = 2
        elif styled.get(line) and len(line) <= MAX_HEADING:  # a .docx heading style says so
            heading_level = min(styled[line], 2)
        elif (
            not glossary
            and _is_heading_line(line)
            and len(line) <= 30
            and not _ITEM.match(line)
            and not line.endswith((":", "：", "。"))
            and out
        ):
            heading_level = 2

        if heading_level:
            heading = heading.rstrip("。")
            # A heading followed by a deeper heading has something under it after all.
            if pending is not None and heading_level <= pending_level:
                out.append(replace(pending, number=len(out) + 1))
            end = lines[i - 1][0] + len(lines[i - 1][1])  # two lines for "附件1:" + title
            path = [heading] if heading_level == 1 else [*path[:1], heading]
            if _GLOSSARY.search(heading):
                glossary = True
            elif heading_level == 1:
                glossary = False
            pending = Paragraph(0, (offset, end), tuple(path[:-1]))
            pending_level = heading_level
            continue

        pending = None
        span = (offset, offset + len(line))
        if glossary and (term := _glossary_term(line)):
            out.append(Paragraph(len(out) + 1, span, (*path, term), glossary=True))
            continue
        lead = _lead(line)
        section = (*path, lead) if lead else tuple(path)
        out.append(Paragraph(len(out) + 1, span, section))
    if pending is not None:
        out.append(replace(pending, number=len(out) + 1))
    return [*_header(lines[:start]), *out]


def _header(lines: list[tuple[int, str]]) -> list[Paragraph]:
    """The lines above the salutation (title, meeting, speaker) as paragraph 0, so that
    "辽源市长是谁" is answered from them, quoted as they stand."""
    kept = [(offset, line) for offset, line in lines if line.strip()]
    if not kept:
        return []
    start, end = kept[0][0], kept[-1][0] + len(kept[-1][1])
    return [Paragraph(0, (start, end), (HEADER_SECTION,))]
