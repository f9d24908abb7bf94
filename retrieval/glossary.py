"""A report's glossary (名词解释): its heading, and the term each entry explains.

A glossary is known by its heading's words ("名词解释", "名词释义", "词语解释"), or by its form
where the heading says something else ("附：短语说明"): a short unnumbered line followed by a
run of entries numbered from 1 in order, each "term：explanation", no two of the same term
(not a project table's "1.项目内容：", "2.建设规模：" under each numbered project).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEADING = re.compile(r"名词(?:解释|释义)|名词注释|词语解释|注释说明|^注\s*释$")  # "注 释"
# An entry's number: "1." "1、", or a note's "[1]" "〔1〕" (notes keyed by the text's marks)
_ITEM = re.compile(r"^(?:\d{1,3}\s*[.、．]|[\[［〔【]\d{1,3}[\]］〕】])\s*")
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）])"
)
_ENTRY = re.compile(r"^(?:(\d{1,2})\s*[.、．]|[\[［〔【](\d{1,2})[\]］〕】])\s*(.{1,30}?)[:：]")
MAX_HEADING = 30  # characters of a glossary's heading line
MIN_ENTRIES = 5  # numbered entries that make a run a glossary by its form
LOOK_AHEAD = 40  # lines read after a heading for its entries


def opens_glossary(line: str, following: Sequence[str]) -> bool:
    """Is `line` a glossary's heading, by its words or by the entries that follow it
    (`following`: the lines after it, LOOK_AHEAD of them or more)?"""
    if len(line) > MAX_HEADING or _ENTRY.match(line):
        return False
    if _HEADING.search(line):
        return True
    if _NUMBERED.match(line):  # "九、河北中医学院": a part or an item, its fields below
        return False
    entries = [m for ln in following[:LOOK_AHEAD] if (m := _ENTRY.match(ln))]
    numbers = [int(m.group(1) or m.group(2)) for m in entries[:MIN_ENTRIES]]
    if numbers != list(range(1, MIN_ENTRIES + 1)) or not _ENTRY.match(following[0]):
        return False
    terms = [m.group(3).strip('“”" ') for m in entries]
    return len(set(terms)) == len(terms)  # a table's fields come back under each row


def names_glossary(heading: str) -> bool:
    """Does an annex's heading say it is a glossary ("附件2 名词解释")?"""
    return bool(_HEADING.search(heading))


def glossary_term(line: str) -> str | None:
    """The term an entry explains ("1.“六稳”：稳就业…" -> "“六稳”"), or None."""
    body = _ITEM.sub("", line, count=1)
    m = re.match(r"^(.{1,30}?)[:：]", body)
    return m.group(1).strip() if m else None
