"""The section tree of a cleaned report: which headings each paragraph sits under.

A heading is a line shaped like one, in any of the numbering styles these reports use:
``一、`` ``（一）``/``(一)`` ``第一部分`` ``一是`` ``1.`` ``（1）``, a standalone ``——…`` line, a
line a .docx styles as a heading, or an unnumbered short line between whole sentences
(``2022年工作回顾``). Levels nest as in a Word outline: within a report, a style seen first
is the higher level, and a heading closes every open heading of its level or below. An
annex (``附件N``) or a glossary (``名词解释``) starts afresh under its own heading.

A numbered lead sentence (``(一)…。`` or ``一、…。`` at the head of a paragraph) opens a section
like a heading line does; other lead sentences (``1、…。``, ``（1）…。``, ``——…。``, ``一是…。``,
a short first sentence such as ``增强经济发展动能。``) name their own paragraph only (a list's
next item with no lead, or the words after the list, "这八件实事，是…", stay under what holds
the list). Glossary entries (``10.五种思维:指…``) become paragraphs of their own, named by
their term.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .clean import MEETING_LINE, SALUTATION, SPEAKER_LINE, body_start
from .glossary import LOOK_AHEAD, glossary_term, names_glossary, opens_glossary, term_line
from .outline import OpenHeading, Outline
from .run_on_headings import split_run_on

_CN = "一二三四五六七八九十"
_L1 = re.compile(rf"^[{_CN}]{{1,3}}[、．]")
_L2 = re.compile(rf"^[(（][{_CN}]{{1,3}}[)）]")
# Numbering styles of heading lines, by the key that ranks them in a report's outline.
_NUMBERED = (
    ("一、", _L1),
    ("(一)", _L2),
    ("第一", re.compile(rf"^第[{_CN}]{{1,3}}(?:部分|章|篇|[、，,：:．.\s])")),
    ("一是", re.compile(rf"^[{_CN}]{{1,3}}是")),
    ("1.", re.compile(r"^\d{1,2}\s*[.、．](?!\d)")),
    ("(1)", re.compile(r"^[(（]\d{1,2}[)）]")),
)
_LIST_STYLES = ("1.", "(1)")  # also list items: a heading only when it heads a paragraph
# Numbered lead sentences as long as a numbered heading line: of a part or an item, opening a
# section, or (_LIST_STYLES) of a list item, naming its own paragraph ("1、在体制机制创新上实现新
# 突破，增强内在发展动力。一是…", 辽宁 2006); not "第一，…。" (贵州 2010 reviews its year so)
_OPENING_STYLES = ("一、", "(一)")
_DASH = re.compile(r"^(?:——|――|—{1,2}|－－|--)(?=\S)")
_ANNEX = re.compile(r"^附件\s*\d*\s*[:：]?")
_ITEM = re.compile(r"^\d{1,3}\s*[.、．]\s*")
_SENTENCE_END = "。！？!?；;"
_FIRST_SENTENCE = re.compile(r"^(.+?[。！？!?])")
_CLOSERS = "”’」』)）》】"
_NOT_A_START = "，,、。；;：:！!？?" + _CLOSERS  # a line starting so continues a broken one
_NOT_AN_END = "，,、“‘「『(（《【"  # ... and one ending so breaks off mid-sentence
_COMMAS = "，,"

MAX_HEADING = 50  # characters; longer lines are paragraphs
MAX_NUMBERED_HEADING = 80  # a numbered part or item heading (一、, （一）) with no sentence end
MAX_PLAIN = 30  # an unnumbered heading line is shorter still
MAX_LEAD = 40  # a lead sentence heading a paragraph
MAX_SHORT_LEAD = 18  # an unmarked first sentence that reads as a heading
PLAIN = "plain"  # style of an unnumbered heading line; with a comma it is "plain，" (below)


@dataclass(frozen=True, slots=True)
class Paragraph:
    number: int  # 1-based among body paragraphs of the report
    span: tuple[int, int]  # offsets into the cleaned text
    section: tuple[str, ...]  # headings, top level first
    glossary: bool = False  # a glossary entry: section's last element is its term


HEADER_SECTION = "报告信息"  # the section of the header paragraph (number 0)


def _is_heading_line(line: str, longest: int = MAX_HEADING) -> bool:
    body = line.rstrip("。")
    return len(line) <= longest and not any(ch in body for ch in _SENTENCE_END)


def _is_body(line: str) -> bool:
    """A line of running text: not shaped as a heading, or a sentence or lead-in line."""
    return not _is_heading_line(line) or line.endswith(("。", ":", "："))


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in (_SENTENCE_END + ":：…")


def _numbered(line: str) -> str | None:
    return next((style for style, pattern in _NUMBERED if pattern.match(line)), None)


def _numbered_heading(line: str) -> bool:
    style = _numbered(line)
    return style is not None and style not in _LIST_STYLES and _is_heading_line(line)


def _plain_heading(line: str, before: str, after: str) -> str | None:
    """The style of an unnumbered heading line, judged by its shape and its neighbours:
    short, no sentence inside, after a finished sentence (or a heading), before a whole
    paragraph or a numbered heading. Lines a web page broke at its links fail one of these."""
    if (
        len(line) > MAX_PLAIN
        or not _is_heading_line(line)
        or line.endswith(("。", ":", "："))
        or line[0] in _NOT_A_START
        or line[-1] in _NOT_AN_END
        or _ITEM.match(line)
        or not (before == "" or _ends_sentence(before) or _header_line(before))  # "": a heading
        or not ((len(after) > MAX_HEADING and _is_body(after)) or _numbered_heading(after))
    ):
        return None
    # "2022年工作回顾" over "一年来，我们坚持…，…": a comma makes a sub-heading's style.
    return PLAIN + "，" if any(c in line for c in _COMMAS) else PLAIN


def _header_line(line: str) -> bool:
    """The meeting or the speaker above a report with no salutation ("――2023年1月30日在…会议
    上", "保定市人民政府市长 闫继红"): what follows it starts afresh."""
    return bool(MEETING_LINE.search(line) or SPEAKER_LINE.search(line))


def _lead(line: str, glossary: bool = False) -> str | None:
    """The sentence heading this paragraph, if it starts with one (a list item's, "1.…：…" of a
    note or any in a glossary, only as a short plain one: its term, not its whole meaning)."""
    m = _FIRST_SENTENCE.match(line)
    if not m or len(line) <= len(m.group(1)) + 10:
        return None
    first = m.group(1)[:-1]
    style = _numbered(first)
    listed = style in _LIST_STYLES and not glossary and ":" not in first and "：" not in first
    if style in _OPENING_STYLES or listed:  # a numbered lead is as long as its line would be
        # quoted as written, its closing mark included, as a heading line is ("（一）…战略。")
        return m.group(1) if len(first) <= MAX_NUMBERED_HEADING else None
    if _DASH.match(first):
        return first if len(first) <= MAX_LEAD else None
    plain = not SALUTATION.match(first) and ":" not in first and "：" not in first
    if len(first) <= MAX_SHORT_LEAD and plain:
        return first
    return None


def _style(line: str, before: str, after: str, styled: Mapping[str, int]) -> str | None:
    """The style of a heading line (see _NUMBERED, _plain_heading), or None."""
    numbered = _numbered(line)
    if numbered is not None:
        # a part's or an item's heading may run long ("（一）纵深推进“双区”建设…，全面推进…")
        longest = MAX_NUMBERED_HEADING if numbered in ("一、", "(一)") else MAX_HEADING
        if not _is_heading_line(line, longest) or (len(line) > MAX_HEADING and "。" in line):
            return None  # past MAX_HEADING, only a line that ends no sentence at all
        if numbered in _LIST_STYLES:  # "1.完成….": a list item unless it heads running text
            unfinished = not line.endswith("。") and ":" not in line and "：" not in line
            return numbered if unfinished and _is_body(after) else None
        if numbered == "一是" and not (_is_body(after) or _numbered(after)):
            return None
        return numbered
    if _DASH.match(line) and _is_heading_line(line) and not MEETING_LINE.search(line):
        return "——"  # not "――2023年1月30日在…会议上", the meeting a page sets apart
    if styled.get(line) and len(line) <= MAX_HEADING:  # a .docx heading style says so
        return f"h{min(styled[line], 9)}"
    return _plain_heading(line, before, after)


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
    start = body_start([ln for _, ln in lines]) or 0
    body = split_run_on([(offset, line) for offset, line in lines[start:] if line])

    out: list[Paragraph] = []
    outline = Outline()
    glossary = False
    pending: tuple[Paragraph, OpenHeading] | None = None  # a heading with no body under it yet

    def settle() -> None:
        """Keep a heading closed with nothing under it as a paragraph of its own."""
        nonlocal pending
        if pending is not None and not any(e is pending[1] for e in outline.stack):
            out.append(replace(pending[0], number=len(out) + 1))
            pending = None

    k = 0
    after_heading = False
    while k < len(body):
        offset, line = body[k]
        before = "" if after_heading or not k else body[k - 1][1]
        after = body[k + 1][1] if k + 1 < len(body) else ""
        k += 1
        end = offset + len(line)
        entry: OpenHeading | None = None
        if glossary and (term := term_line(line, after)):  # "15.五主并举" over its meaning
            settle()
            pending, (offset, line), k = None, body[k], k + 1
            span, path = (offset, offset + len(line)), (*outline.path(), term)
            out.append(Paragraph(len(out) + 1, span, path, glossary=True))
            continue
        if _ANNEX.match(line) and len(line) <= MAX_HEADING:
            heading = line
            # "附件1:" alone: its title is the next short line.
            if _ANNEX.fullmatch(line) and k < len(body) and _is_heading_line(body[k][1]):
                heading, end = line + body[k][1], body[k][0] + len(body[k][1])
                k += 1
            entry = outline.restart(heading)
            # "附件2" + "《政府工作报告》注释": a glossary by its words or by the entries below
            following = [ln for _, ln in body[k : k + LOOK_AHEAD]]
            glossary = names_glossary(heading) or opens_glossary(body[k - 1][1], following)
        elif opens_glossary(line, [ln for _, ln in body[k : k + LOOK_AHEAD]]):
            in_annex = outline.stack and _ANNEX.match(outline.stack[0].heading)
            entry = outline.restart(*([outline.stack[0].heading] if in_annex else []), line)
            glossary = True
        elif (out or _numbered(line) == "一、") and (  # a page that opens at its first part
            style := _style(line, before, after, styled)
        ) is not None:
            if style == "——" and pending is not None:  # a subtitle under a heading: text
                style = None
            elif glossary and style.startswith(PLAIN) and glossary_term(after):
                style = None  # a line among glossary entries
            elif glossary and (style == "一、" or style.startswith(PLAIN)):
                outline.restart()  # the glossary is over: what follows is a part of its own
                glossary = False
            if style is not None:
                entry = outline.open(style, line)  # as written, closing 。 included
        if entry is not None:
            settle()
            parents = outline.path()[:-1]
            pending = (Paragraph(0, (offset, end), parents), entry)
            after_heading = True
            continue

        after_heading = False
        span = (offset, end)
        if glossary and (term := glossary_term(line)):
            settle()
            pending = None
            out.append(Paragraph(len(out) + 1, span, (*outline.path(), term), glossary=True))
            continue
        if SALUTATION.match(line):  # "各位代表！…": back to the part, out of its items
            del outline.stack[1:]
        elif line.endswith((":", "：")) and _is_heading_line(line):  # "主要做了以下工作："
            while outline.stack and outline.stack[-1].run_in:
                outline.stack.pop()
        lead = _lead(line, glossary)
        if lead and not glossary and (style := _numbered(lead)) in _OPENING_STYLES:
            outline.open(style, lead, run_in=True)  # "(一)…。…": a section, not a label
            lead = None
        settle()
        pending = None
        section = outline.path()
        out.append(Paragraph(len(out) + 1, span, (*section, lead) if lead else section))
    if pending is not None:
        out.append(replace(pending[0], number=len(out) + 1))
    return [*_header(lines[:start]), *out]


def _header(lines: list[tuple[int, str]]) -> list[Paragraph]:
    """The lines above the salutation (title, meeting, speaker) as paragraph 0, so that
    "辽源市长是谁" is answered from them, quoted as they stand."""
    kept = [(offset, line) for offset, line in lines if line.strip()]
    if not kept:
        return []
    start, end = kept[0][0], kept[-1][0] + len(kept[-1][1])
    return [Paragraph(0, (start, end), (HEADER_SECTION,))]
