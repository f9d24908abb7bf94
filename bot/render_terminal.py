"""Answers and reports as terminal text: citations wrapped to the width, matched words in
colour, whole paragraphs, concordances, report lists and outlines."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from retrieval.browse import ParagraphView
from retrieval.concordance import Concordance
from retrieval.models import Answer, Citation, CompareRow, OutlineEntry, Report

from .render import (
    BOLD,
    INDENT,
    LEVEL_NAMES,
    MAX_APPENDIX,
    MAX_HEADING,
    MAX_PLACE,
    MAX_TITLE,
    RESET,
    cap,
    field,
    message,
    plain,
    report_label,
    section_label,
    short_label,
)
from .wrap import shorten_path, width, wrap


def highlight(text: str, words: Sequence[str], start: str = BOLD, end: str = RESET) -> str:
    """Wrap every occurrence of the words (longest first) in start/end markers."""
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    return pattern.sub(lambda m: f"{start}{m.group()}{end}", text)


def citation_header(n: int, c: Citation, columns: int | None = None) -> str:
    p = c.passage
    page = f" · 第{p.page}页" if p.page else ""  # PDF reports
    where = f" · 第{p.paragraph}段{page}"
    if columns is None:
        section = section_label(p.section)
    elif not p.section:
        section = "开头"
    else:
        room = columns - 1 - width(INDENT) - width(where)
        section = shorten_path([field(h, MAX_HEADING) for h in p.section], room)
    head = f"[{n}] {report_label(c.report)}"
    if columns is not None:
        head = wrap(head, columns - 1).replace("\n", "\n" + INDENT)
    return f"{head}\n{INDENT}{section}{where}"


def _block(text: str, columns: int | None, color: bool, words: Sequence[str] = ()) -> str:
    """Report text indented four spaces: wrapped to the terminal when `columns` is known
    (never inside a number or a matched word), then the matched words highlighted."""
    body = _indented(plain(text), columns, words)
    return highlight(body, words) if color else body


def _indented(text: str, columns: int | None, words: Sequence[str] = ()) -> str:
    """Inert text indented four spaces, wrapped when `columns` is known."""
    if columns is None:
        return INDENT + text.replace("\n", "\n" + INDENT)
    return wrap(text, columns - 1, INDENT, words)


def _marked_block(
    text: str, spans: Sequence[tuple[int, int]], columns: int | None, color: bool
) -> str:
    """An excerpt with the core's highlight spans marked (bold on a terminal), wrapped like
    _block: the words are not searched for again, and a marked word is never broken."""
    parts, last = [], 0
    for start, end in spans:
        parts += [plain(text[last:start]), "\x02", plain(text[start:end]), "\x03"]
        last = end
    parts.append(plain(text[last:]))
    words = [plain(text[s:e]) for s, e in spans]
    body = _indented("".join(parts), columns, words)  # markers survive: the parts are inert
    return body.replace("\x02", BOLD if color else "").replace("\x03", RESET if color else "")


def _note(text: str, columns: int | None) -> str:
    return text if columns is None else wrap(text, columns - 1)


def render_citation(n: int, c: Citation, color: bool = False, columns: int | None = None) -> str:
    """One citation: where it is from, its excerpt, and the appendix it refers to."""
    lines = [citation_header(n, c, columns), _marked_block(c.excerpt, c.highlights, columns, color)]
    if c.appendix is not None:
        heading = c.appendix.section[0] if c.appendix.section else "附件"
        lines.append(f"{INDENT}↳ {field(heading, MAX_HEADING)}（第{c.appendix.paragraph}段）：")
        lines.append(_block(cap(c.appendix.text, MAX_APPENDIX), columns, False))
    return "\n".join(lines)


def render_rows(rows: Sequence[CompareRow], color: bool, columns: int | None) -> list[str]:
    """A comparison: each report with a passage as a numbered citation, then 未找到 ones."""
    lines = []
    n = 0
    for row in rows:
        if row.citation is not None:
            n += 1
            lines.append(render_citation(n, row.citation, color, columns))
    missing = [short_label(r.report) for r in rows if r.citation is None]
    if missing:
        text = "未找到：" + "、".join(missing) + "（这些报告没有可靠的相关段落，不引用）"
        lines.append(_note(text, columns))
    return lines


def render_text(
    answer: Answer, reports: Iterable[Report], color: bool = False, columns: int | None = None
) -> str:
    """An answer for the terminal: message, then each citation with its excerpt.

    With `columns` (a terminal's width) every line is wrapped to it, East-Asian widths
    counted; without, lines are left whole (a pipe, a file).
    """
    lines: list[str] = []
    if note := message(answer, reports):
        lines.append(_note(note, columns))
    if answer.rows:
        lines.extend(render_rows(answer.rows, color, columns))
        return "\n".join(lines)
    for n, c in enumerate(answer.citations, answer.offset + 1):
        lines.append(render_citation(n, c, color, columns))
    return "\n".join(lines)


def paragraph_label(view: ParagraphView) -> str:
    """'第7段', or '第7-8段' for a passage that joined short paragraphs."""
    if view.last != view.first:
        return f"第{view.first}-{view.last}段"
    return "报告开头" if view.first == 0 else f"第{view.first}段"


def render_paragraphs(
    views: Sequence[ParagraphView], color: bool = False, columns: int | None = None
) -> str:
    """Whole paragraphs: the cited one marked ▶, its cited part between ⟦ ⟧ (bold in colour),
    its neighbours labelled with their own paragraph numbers."""
    out = []
    partial = False
    for v in views:
        mark = "▶ " if v.focus is not None else "  "
        head = f"{mark}{paragraph_label(v)} · {section_label(v.section)}"
        if v.focus is not None and v.focus != (0, len(v.text)):
            partial = True
            s, e = v.focus
            before, cited, after = plain(v.text[:s]), plain(v.text[s:e]), plain(v.text[e:])
            if color:
                body = _indented(f"{before}\x02{cited}\x03{after}", columns)
                body = body.replace("\x02", BOLD).replace("\x03", RESET)
            else:
                body = _indented(f"{before}⟦{cited}⟧{after}", columns)
        else:
            body = _block(v.text, columns, False)
        out.append(f"{head}\n{body}")
    if partial:
        out.append("（高亮部分为引文所在部分）" if color else "（⟦ ⟧ 内为引文所在部分）")
    return "\n\n".join(out)


def render_concordance(found: Concordance, columns: int | None = None) -> str:
    """Every occurrence of a phrase: a count per report, then one line of context each."""
    phrase = field(found.phrase)
    if not found.reports:
        return f"在 {found.searched} 份报告中没有找到“{phrase}”。"
    lines = [
        _note(
            f"“{phrase}”共出现 {found.total} 次，分布在 {len(found.reports)} 份报告中"
            f"（共检索 {found.searched} 份）：",
            columns,
        )
    ]
    for row in found.reports:
        lines.append(f"{report_label(row.report)}：{len(row.occurrences)} 次")
        for o in row.occurrences:
            where = f"第{o.paragraph}段" if o.paragraph else "开头"
            match = f"【{plain(o.match)}】"
            line = f"{plain(o.before)}{match}{plain(o.after)}（{where}）"
            lines.append(_block(line, columns, False, (match,)))
    return "\n".join(lines)


def report_lines(reports: Iterable[Report], counts: dict[str, int] | None = None) -> str:
    """One line per report with its metadata."""
    out = []
    for r in reports:
        m = r.meta
        place = [m.region or "？地区不明", m.parent or "", m.province or ""]
        bits = [
            field("／".join(p for p in place if p), 3 * MAX_PLACE),
            LEVEL_NAMES.get(m.level or "", "？级别不明"),
            f"{m.plan_year}年" if m.plan_year else "？年份不明",
            field(m.title, MAX_TITLE),
            field(m.date),
            field(f"{m.office or ''}{m.speaker}") if m.speaker else "",
            f"{counts[r.name]}段" if counts and r.name in counts else "",
        ]
        out.append(f"- {field(r.name)}: " + " · ".join(b for b in bits if b))
    return "\n".join(out)


def render_outline(report: Report, entries: Sequence[OutlineEntry]) -> str:
    """A report's section tree, indented by level, with passage counts."""
    lines = [report_label(report)]
    for e in entries:
        indent = "  " * len(e.section)
        lines.append(f"{indent}{field(e.section[-1], MAX_HEADING)}（{e.passages}段）")
    return "\n".join(lines)
