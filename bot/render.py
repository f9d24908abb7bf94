"""Wording and rendering of answers for people (terminal) and programs (JSON)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from retrieval.models import Answer, AnswerStatus, Citation, OutlineEntry, Passage, Report

EXAMPLES = (
    "辽源市过去五年粮食产量怎么样？",
    "六稳六保是什么意思？",
    "赛罕区2021年GDP计划增长多少？",
)
HINT = "请输入具体问题，例如：" + EXAMPLES[0]
TRUNCATED = "（问题超过500字，只按前500字检索。）"

BOLD = "\033[1;33m"
RESET = "\033[0m"


def report_label(report: Report) -> str:
    """'赛罕区 · 呼和浩特市赛罕区2021年政府工作报告' (region, then title)."""
    meta = report.meta
    place = meta.region or ""
    if meta.parent and meta.region and meta.parent not in meta.region:
        place = f"{meta.parent}{meta.region}"
    parts = [p for p in (place, meta.title) if p]
    return " · ".join(parts) if parts else report.name


def section_label(section: Sequence[str]) -> str:
    return " › ".join(section) if section else "开头"


def reports_list(reports: Iterable[Report]) -> str:
    return "、".join(r.meta.region or r.meta.title or r.name for r in reports)


def message(answer: Answer, reports: Iterable[Report]) -> str | None:
    """The Chinese sentence that goes with an answer, None when the citations say it all."""
    reports = list(reports)
    known = reports_list(reports)
    text: str | None
    match answer.status:
        case AnswerStatus.EMPTY_QUESTION if answer.scope:
            report = next((r for r in reports if r.name == answer.scope), None)
            place = report.label if report else answer.scope
            text = f"想了解{place}的哪方面？例如：{place}地区生产总值增长多少？"
        case AnswerStatus.EMPTY_QUESTION:
            text = HINT
        case AnswerStatus.UNKNOWN_REGION:
            text = f"没有{answer.unknown_region}的报告。现有报告：{known}。"
        case AnswerStatus.NOT_FOUND:
            where = "所选报告" if answer.scope else "报告"
            text = f"{where}中没有找到能回答这个问题的内容。现有报告：{known}。"
        case AnswerStatus.NO_MORE:
            text = "没有更多结果了。"
        case _:
            text = None
    if answer.truncated:
        text = f"{TRUNCATED}{text or ''}"
    return text


def highlight(text: str, words: Sequence[str], start: str = BOLD, end: str = RESET) -> str:
    """Wrap every occurrence of the words (longest first) in start/end markers."""
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    return pattern.sub(lambda m: f"{start}{m.group()}{end}", text)


def citation_header(n: int, c: Citation) -> str:
    p = c.passage
    return f"[{n}] {report_label(c.report)}\n    {section_label(p.section)} · 第{p.paragraph}段"


def render_text(answer: Answer, reports: Iterable[Report], color: bool = False) -> str:
    """An answer for the terminal: message, then each citation with its excerpt."""
    lines: list[str] = []
    if note := message(answer, reports):
        lines.append(note)
    for n, c in enumerate(answer.citations, answer.offset + 1):
        excerpt = highlight(c.excerpt, c.matched) if color else c.excerpt
        lines.append(citation_header(n, c))
        lines.append("    " + excerpt.replace("\n", "\n    "))
    return "\n".join(lines)


def render_passages(passages: Sequence[Passage], focus: Passage, color: bool = False) -> str:
    """A passage with its neighbours, the cited one marked."""
    out = []
    for p in passages:
        mark = "▶ " if p.id == focus.id else "  "
        text = f"{BOLD}{p.text}{RESET}" if color and p.id == focus.id else p.text
        out.append(f"{mark}第{p.paragraph}段 · {section_label(p.section)}\n{text}")
    return "\n\n".join(out)


def answer_json(answer: Answer, reports: Iterable[Report]) -> dict[str, object]:
    """The stable machine-readable form of `govqa ask --json`."""
    return {
        "question": answer.question,
        "answered": answer.answered,
        "message": message(answer, reports),
        "citations": [
            {
                "rank": n,
                "source": c.passage.report,
                "region": c.report.meta.region,
                "title": c.report.meta.title,
                "section": list(c.passage.section),
                "paragraph": c.passage.paragraph,
                "passage_id": c.passage.id,
                "excerpt": c.excerpt,
                "text": c.passage.text,
                "score": round(c.score, 4),
            }
            for n, c in enumerate(answer.citations, answer.offset + 1)
        ],
    }


def report_lines(reports: Iterable[Report], counts: dict[str, int] | None = None) -> str:
    """One line per report with its metadata."""
    out = []
    for r in reports:
        m = r.meta
        bits = [
            f"{m.region or '?'}",
            m.title or "",
            f"{m.date}" if m.date else "",
            f"{m.office}{m.speaker}" if m.speaker else "",
            f"{counts[r.name]}段" if counts and r.name in counts else "",
        ]
        out.append(f"- {r.name}: " + " · ".join(b for b in bits if b))
    return "\n".join(out)


def render_outline(report: Report, entries: Sequence[OutlineEntry]) -> str:
    """A report's section tree, indented by level, with passage counts."""
    lines = [report_label(report)]
    for e in entries:
        indent = "  " * len(e.section)
        lines.append(f"{indent}{e.section[-1]}（{e.passages}段）")
    return "\n".join(lines)
