"""Numbered headings a page ran into the paragraph before them.

Some copies of a report lost the line break before a part's or an item's heading: "…积极申创
国家级低碳城市。（八）严密防范重大风险，推动平安铜仁展现新面貌。统筹发展和安全，…" (铜仁
2024). The heading is still the next one in the report's own numbering: an item marker
("（八）") right after a finished sentence, numbered one past the last item heading seen under
the same part; or a part marker ("三、") one past the last part. Such a line is read as two
lines at that place; the text itself is not changed (offsets stay those of the cleaned text).
An enumeration inside a sentence ("：（一）…；（二）…") follows no sentence end and starts
anew at one, so it is left alone.
"""

from __future__ import annotations

import re

from .question import numeral_value

_CN = "一二三四五六七八九十"
_PART = re.compile(rf"^([{_CN}]{{1,3}})、")
_ITEM = re.compile(rf"^[(（]([{_CN}]{{1,3}})[)）]")
_RUN_ON = re.compile(rf"(?<=[。！？])(?:[(（]([{_CN}]{{1,3}})[)）]|([{_CN}]{{1,3}})、)")


def split_run_on(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """`lines` (offset, text) with each run-on numbered heading starting a line of its own."""
    out: list[tuple[int, str]] = []
    part = item = 0  # the last part and item numbers seen
    for offset, line in lines:
        if m := _PART.match(line):
            part, item = numeral_value(m.group(1)), 0
        elif m := _ITEM.match(line):
            item = numeral_value(m.group(1))
        start = 0
        for m in _RUN_ON.finditer(line):
            if m.group(1) and item and numeral_value(m.group(1)) == item + 1:
                item += 1
            elif m.group(2) and part and numeral_value(m.group(2)) == part + 1:
                part, item = part + 1, 0
            else:
                continue
            out.append((offset + start, line[start : m.start()]))
            start = m.start()
        out.append((offset + start, line[start:]))
    return out
