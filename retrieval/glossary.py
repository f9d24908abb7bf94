"""A report's glossary (名词解释): its heading, and the term each entry explains.

A glossary is known by its heading's words ("名词解释", "名词释义", "词语解释", "注解"), or by
its form where the heading says something else ("附：短语说明"): a short unnumbered line
followed by a run of entries numbered from 1 in order, each "term：explanation", no two of the
same term (not a project table's "1.项目内容：", "2.建设规模：" under each numbered project).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEADING = re.compile(r"名词(?:解释|释义)|名词注释|词语解释|注释说明|^注\s*[释解]$")  # "注 释"
# An entry's number: "1." "1、", or a note's "[1]" "〔1〕" (notes keyed by the text's marks)
_ITEM = re.compile(r"^(?:\d{1,3}\s*[.、．]|[\[［〔【]\d{1,3}[\]］〕】])\s*")
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）])"
)
_ENTRY_NUMBER = r"^(?:(\d{1,2})\s*[.、．]|[\[［〔【](\d{1,2})[\]］〕】])\s*"  # "1." or "〔1〕"
_ENTRY = re.compile(_ENTRY_NUMBER + r"(.{1,30}?)[:：]")  # "1.“六稳”：稳就业…"
# An entry's term alone on its line, its explanation on the next ("15.五主并举")
_TERM_LINE = re.compile(_ENTRY_NUMBER + r"([^\s，。；：:]{1,20})$")
MAX_HEADING = 30  # characters of a glossary's heading line
MIN_ENTRIES = 5  # numbered entries that make a run a glossary by its form
LOOK_AHEAD = 40  # lines read after a heading for its entries
MAX_SENTENCES = 2  # of an explanation on its own line


def opens_glossary(line: str, following: Sequence[str]) -> bool:
    """Is `line` a glossary's heading, by its words or by the entries that follow it
    (`following`: the lines after it, LOOK_AHEAD of them or more)?"""
    if len(line) > MAX_HEADING or _ENTRY.match(line):
        return False
    if _HEADING.search(line):
        return True
    if _NUMBERED.match(line):  # "九、河北中医学院": a part or an item, its fields below
        return False
    ahead = following[:LOOK_AHEAD]
    entries = [
        m
        for k, ln in enumerate(ahead)
        if (m := _ENTRY.match(ln) or (_TERM_LINE.match(ln) if _explained(ahead, k) else None))
    ]
    numbers = [int(m.group(1) or m.group(2)) for m in entries[:MIN_ENTRIES]]
    if numbers != list(range(1, MIN_ENTRIES + 1)) or entries[0].string != following[0]:
        return False
    terms = [m.group(3).strip('“”" ') for m in entries]
    return len(set(terms)) == len(terms)  # a table's fields come back under each row


def term_line(line: str, after: str) -> str | None:
    """The term of an entry whose explanation is the next line ("15.五主并举" over "政府主抓、
    企业主体、…"), or None."""
    m = _TERM_LINE.match(line)
    return m.group(3).strip() if m and _explained([line, after], 0) else None


def _explained(lines: Sequence[str], k: int) -> bool:
    """Is line k followed by a line of explanation (a sentence or two, not a paragraph of
    running text under a numbered heading), not by another entry or heading?"""
    after = lines[k + 1] if k + 1 < len(lines) else ""
    return 0 < after.count("。") <= MAX_SENTENCES and not (
        _ENTRY.match(after) or _TERM_LINE.match(after) or _NUMBERED.match(after)
    )


def names_glossary(heading: str) -> bool:
    """Does an annex's heading say it is a glossary ("附件2 名词解释")?"""
    return bool(_HEADING.search(heading))


def glossary_term(line: str) -> str | None:
    """The term an entry explains ("1.“六稳”：稳就业…" -> "“六稳”"), or None."""
    body = _ITEM.sub("", line, count=1)
    m = re.match(r"^(.{1,30}?)[:：]", body)
    return m.group(1).strip() if m else None
