"""Markdown marks taken off a report saved as Markdown text ("**各位代表：**", "## 一、…").

Reports copied into Markdown (a repository of reports, a notes app) bold their headings and
the lead sentence of a paragraph: "**——经济实力上新台阶。**地区生产总值…". The marks are markup,
as HTML tags are: without them the salutation, the headings and the sentences read as they do
in the report. Only a text that is Markdown by its form loses them (a front matter block at
the top, or several lines that open in bold); no word of the report is touched.

A numbered heading in bold that its paragraph runs on after ("**二、开拓创新，努力推动云南科学
发展再上新台阶** “十二五”时期是…", 云南 2011) is a line of its own: the bold's end and the space
after it are where the copy lost the line break. A bold lead that ends a clause ("**（一）聚焦…，
**实施…") or a sentence ("**（二）…**。") is left in its paragraph. A bold opened at a
line's start and closed at a later line's end loses its two marks too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_FRONT_MATTER = "---"
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_BOLD_OPENING = re.compile(r"^(?:#{1,6}\s+)?\*\*(?=\S).+?(?<=\S)\*\*")
_CN = "一二三四五六七八九十"
_RUN_ON_HEADING = re.compile(
    rf"^\*\*((?:[{_CN}]{{1,3}}、|[(（][{_CN}]{{1,3}}[)）])[^*。！？]+?)"  # the numbered heading
    r"(?<![，,；;：:、])\*\*[ \t\u3000]+(?=[^\s。，,；;：:！？])"  # a space, then its text
)
# A bold opened at a line's start and closed at a later line's end (山东 2006: "**一、“十五”时期
# 政府工作的回顾" is closed at the end of the file; 武汉 2026's header over two lines)
_OPENING = re.compile(r"\*\*(?=[^\s*])")
_CLOSING = re.compile(r"(?<=[^\s*])\*\*$")
MIN_BOLD_LINES = 3  # lines opening in bold that make a text without front matter Markdown


def is_markdown(lines: Sequence[str]) -> bool:
    """Is the text Markdown by its form: front matter first, or lines opening in bold?"""
    first = next((line for line in lines if line), "")
    if first == _FRONT_MATTER:
        return True
    return sum(1 for line in lines if _BOLD_OPENING.match(line)) >= MIN_BOLD_LINES


def without_markdown(lines: Sequence[str]) -> list[str]:
    """`lines` (trimmed) with bold and heading marks taken off, where the text is Markdown."""
    if not is_markdown(lines):
        return list(lines)
    out: list[str] = []
    opened: int | None = None  # the line whose start opens a bold no line has closed yet
    for line in lines:
        line = _HEADING_MARK.sub("", line)
        if m := _RUN_ON_HEADING.match(line):
            out.append(m.group(1))
            line = line[m.end() :]
        line = _BOLD.sub(r"\1", line)
        if opened is not None and _CLOSING.search(line):
            out[opened] = out[opened][2:]  # "**一、…回顾" … "…而努力奋斗！**": one bold
            line, opened = line[:-2], None
        elif opened is None and _OPENING.match(line) and "**" not in line[2:]:
            opened = len(out)
        out.append(line)
    return out
