"""Telegram HTML for answers: escaped text, our own <b>/<i> tags, pages under 4,096 characters."""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from retrieval.browse import ParagraphView
from retrieval.concordance import Concordance
from retrieval.models import Answer, Citation, OutlineEntry, Passage, Report

from . import render, render_terminal

MAX_MESSAGE = 4096  # Telegram's limit on one message's text
ELLIPSIS = "…"
COMPARE_PAGE = 10  # reports per /compare page: 10 原文 buttons and 下一页, under Telegram's 100
_SENTENCE_END = re.compile(r"[。！？；!?;…\n]")


def tg_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units); of the HTML source, so an upper bound."""
    return len(text.encode("utf-16-le")) // 2


def esc(text: str) -> str:
    """Report or user text as inert Telegram HTML."""
    return html.escape(text, quote=False)


def bold_terms(text: str, words: Sequence[str]) -> str:
    """Escape `text` and wrap every occurrence of the words (longest first) in <b>."""
    words = [w for w in words if w]
    if not words:
        return esc(text)
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    parts = re.split(f"({alternatives})", text)
    # re.split with one group: even indexes are between matches, odd ones are matches
    return "".join(f"<b>{esc(p)}</b>" if i % 2 else esc(p) for i, p in enumerate(parts))


def bold_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """Escape `text` and wrap the core's highlight spans in <b> (a prefix of the excerpt: spans
    past its end are dropped, one it cuts is cut too)."""
    out, last = [], 0
    for start, end in spans:
        if start >= len(text):
            break
        end = min(end, len(text))
        out += [esc(text[last:start]), f"<b>{esc(text[start:end])}</b>"]
        last = end
    out.append(esc(text[last:]))
    return "".join(out)


def fit(text: str, show: Callable[[str], str], limit: int) -> str:
    """show(text), or show() of the longest prefix cut at a sentence end (then "…") that fits."""
    whole = show(text)
    if tg_len(whole) <= limit:
        return whole
    cuts = [m.end() for m in _SENTENCE_END.finditer(text) if m.end() < len(text)]
    if not cuts or tg_len(show(text[: cuts[0]] + ELLIPSIS)) > limit:
        cuts = list(range(1, len(text)))  # no sentence short enough: cut anywhere
    lo, hi, best = 0, len(cuts) - 1, None
    while lo <= hi:  # the shown length grows with the prefix: binary search
        mid = (lo + hi) // 2
        shown = show(text[: cuts[mid]].rstrip() + ELLIPSIS)
        if tg_len(shown) <= limit:
            best, lo = shown, mid + 1
        else:
            hi = mid - 1
    return best if best is not None else show(ELLIPSIS)


def paginate(blocks: Iterable[str], limit: int = MAX_MESSAGE, sep: str = "\n\n") -> list[str]:
    """Join blocks into messages under `limit`, splitting only between blocks."""
    pages: list[str] = []
    current = ""
    for block in blocks:
        joined = f"{current}{sep}{block}" if current else block
        if current and tg_len(joined) > limit:
            pages.append(current)
            current = block
        else:
            current = joined
    if current:
        pages.append(current)
    return pages


def citation_head(n: int, report: Report, passage: Passage) -> str:
    """'<b>[1] region · title</b>' and '<i>section path · 第4段</i>'."""
    where = f"{render.section_label(passage.section)} · 第{passage.paragraph}段"
    return f"<b>[{n}] {esc(render.report_label(report))}</b>\n<i>{esc(where)}</i>"


def citation_block(n: int, citation: Citation, limit: int = MAX_MESSAGE) -> str:
    """One citation: where it comes from, then its excerpt with the matched terms in bold."""
    head = citation_head(n, citation.report, citation.passage)
    spans = citation.highlights
    return fit(citation.excerpt, lambda t: f"{head}\n{bold_spans(t, spans)}", limit)


def scope_line(answer: Answer, reports: Mapping[str, Report]) -> str | None:
    if not answer.scope:
        return None
    report = reports.get(answer.scope)
    label = render.report_label(report) if report else answer.scope
    return f"<i>{esc(f'限定在：{label}（/all 取消）')}</i>"


def answer_pages(answer: Answer, reports: Mapping[str, Report]) -> list[str]:
    """An answer as Telegram HTML messages: its note, then each citation, best first."""
    return paginate(answer_blocks(answer, reports))


def answer_blocks(answer: Answer, reports: Mapping[str, Report]) -> list[str]:
    blocks: list[str] = []
    if line := scope_line(answer, reports):
        blocks.append(line)
    if note := render.message(answer, reports.values(), "/reports"):
        blocks.append(fit(note, esc, MAX_MESSAGE))
    blocks.extend(citation_block(n, c) for n, c in enumerate(answer.citations, answer.offset + 1))
    if answer.rows and (missing := missing_block(answer)):
        blocks.append(missing)
    return blocks


def compare_part(answer: Answer, start: int) -> Answer:
    """The citations of one /compare page, numbered on from `start` (its head says the rest)."""
    part = answer.citations[start : start + COMPARE_PAGE]
    return dataclasses.replace(answer, citations=part, offset=start, rows=())


def missing_block(answer: Answer) -> str | None:
    """The reports of a comparison without a confident passage: named, nothing cited."""
    missing = [render.short_label(r.report) for r in answer.rows if r.citation is None]
    if not missing:
        return None
    return fit("未找到：" + "、".join(missing) + "（这些报告没有可靠的相关段落，不引用）",
               esc, MAX_MESSAGE)  # fmt: skip


def compare_pages(answer: Answer, start: int, reports: Mapping[str, Report]) -> list[str]:
    """One page of a comparison: how many reports matched, then at most COMPARE_PAGE citations."""
    part = compare_part(answer, start)
    if not part.citations:
        return answer_pages(part, reports)
    total, end = len(answer.citations), start + len(part.citations)
    head = f"共{total}份报告有相关内容"
    if total > COMPARE_PAGE:
        head += f"，这是第{start + 1}-{end}份"
    head += "。" if end == total else "。发送 /more 或点“下一页”看后面的报告。"
    tail = [missing] if end == total and (missing := missing_block(answer)) else []
    return paginate([esc(head), *answer_blocks(part, reports), *tail])


def concordance_pages(found: Concordance) -> list[str]:
    """/find: how often a phrase occurs in each report, a line of context for each."""
    phrase = render.field(found.phrase)
    if not found.reports:
        return [esc(f"在 {found.searched} 份报告中没有找到“{phrase}”。")]
    lines = [
        esc(f"“{phrase}”共出现 {found.total} 次，分布在 {len(found.reports)} 份报告中"
            f"（共检索 {found.searched} 份）：")
    ]  # fmt: skip
    for row in found.reports:
        label = render.report_label(row.report)
        lines.append(f"\n<b>{esc(label)}</b>：{len(row.occurrences)} 次")
        for o in row.occurrences:
            where = f"第{o.paragraph}段" if o.paragraph else "开头"
            lines.append(
                f"• {esc(render.plain(o.before))}<b>{esc(render.plain(o.match))}</b>"
                f"{esc(render.plain(o.after))}（{where}）"
            )
    return paginate(lines, sep="\n")


def inline_page(question: str, n: int, citation: Citation) -> str:
    """What choosing an inline result posts: the question asked, then the citation."""
    head = fit(question, lambda t: f"<i>问：{esc(t)}</i>", 500)
    return f"{head}\n\n{citation_block(n, citation, MAX_MESSAGE - tg_len(head) - 2)}"


def passage_pages(
    n: int,
    report: Report,
    around: Sequence[Passage],
    focus: Passage,
    words: Sequence[str] = (),
) -> list[str]:
    """Citation n's full passage with its neighbours; the cited one marked, its terms bold."""
    blocks = [citation_head(n, report, focus)]
    for p in around:
        where = esc(f"第{p.paragraph}段 · {render.section_label(p.section)}")
        show = _focus_block(where, words) if p.id == focus.id else _neighbour_block(where)
        blocks.append(fit(p.text, show, MAX_MESSAGE))
    return paginate(blocks)


def paragraph_pages(
    n: int,
    report: Report,
    focus: Passage,
    views: Sequence[ParagraphView],
    words: Sequence[str] = (),
) -> list[str]:
    """Citation n's whole paragraph, the cited part underlined and its terms bold, between
    its neighbouring paragraphs, each labelled with its own paragraph number."""
    blocks = [citation_head(n, report, focus)]
    for v in views:
        where = esc(f"{render_terminal.paragraph_label(v)} · {render.section_label(v.section)}")
        if v.focus is None:
            blocks.append(fit(v.text, _neighbour_block(where), MAX_MESSAGE))
            continue
        s, e = v.focus
        whole = (
            f"▶ <b>{where}</b>\n{esc(v.text[:s])}<u>{bold_terms(v.text[s:e], words)}</u>"
            f"{esc(v.text[e:])}"
        )
        if tg_len(whole) <= MAX_MESSAGE:
            blocks.append(whole)
        else:  # too long for one message: the cited part alone
            blocks.append(fit(v.text[s:e], _focus_block(where, words), MAX_MESSAGE))
    return paginate(blocks)


def _focus_block(where: str, words: Sequence[str]) -> Callable[[str], str]:
    return lambda text: f"▶ <b>{where}</b>\n{bold_terms(text, words)}"


def _neighbour_block(where: str) -> Callable[[str], str]:
    return lambda text: f"<i>{where}</i>\n{esc(text)}"


def reports_pages(reports: Iterable[Report], counts: Mapping[str, int]) -> list[str]:
    """One line per report: region in bold, then title, date, paragraphs."""
    reports = list(reports)
    lines = [f"现有报告 {len(reports)} 份（/report 名称 只在一份中检索）："]
    for r in reports:
        m = r.meta
        title = render.field(m.title, render.MAX_TITLE) or render.field(r.name)
        bits = [title, render.field(m.date), f"{counts.get(r.name, 0)} 段"]
        label = render.short_label(r)
        lines.append(f"• <b>{esc(label)}</b> · " + esc(" · ".join(b for b in bits if b)))
    return paginate(lines, sep="\n")


def outline_pages(report: Report, entries: Sequence[OutlineEntry]) -> list[str]:
    """A report's section tree, indented by level, with passage counts."""
    lines = [f"<b>{esc(render.report_label(report))}</b>"]
    for e in entries:
        indent = "\u3000" * (len(e.section) - 1)  # ideographic spaces survive in Telegram
        line = f"{indent}{render.field(e.section[-1], render.MAX_HEADING)}（{e.passages}段）"
        lines.append(fit(line, esc, MAX_MESSAGE))
    return paginate(lines, sep="\n")
