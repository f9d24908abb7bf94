"""Wording and rendering of answers for people (terminal) and programs (JSON)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from retrieval.engine import MAX_QUESTION_CHARS
from retrieval.models import Answer, AnswerStatus, Citation, OutlineEntry, Passage, Report

EXAMPLES = (
    "辽源市过去五年粮食产量怎么样？",
    "六稳六保是什么意思？",
    "赛罕区2021年GDP计划增长多少？",
)
HINT = "请输入具体问题，例如：" + EXAMPLES[0]

BOLD = "\033[1;33m"
RESET = "\033[0m"
MAX_PLACE = 40  # characters of a region name a label shows
MAX_TITLE = 80  # of a report title
MAX_HEADING = 60  # of one section heading
MAX_SECTION = 160  # of a whole section path
MAX_FIELD = 60  # of any other metadata field (date, speaker, file name)

# Escape sequences (CSI, OSC/DCS/APC strings, two-character ones), then the control
# characters left (all but tab and newline, C1 included) and bidi overrides.
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|.?)", re.S)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(text: str) -> str:
    """Text from a report (or a user) made inert for a terminal: no escapes, no controls."""
    return _CONTROL.sub("", _ESCAPE.sub("", text))


def cap(text: str, limit: int) -> str:
    """At most `limit` characters, "…" marking a cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def field(text: str | None, limit: int = MAX_FIELD) -> str:
    """A metadata field as shells show it: plain and capped ('' for None)."""
    return cap(plain(text or ""), limit)


def report_label(report: Report) -> str:
    """'赛罕区 · 呼和浩特市赛罕区2021年政府工作报告' (region, then title)."""
    meta = report.meta
    place = meta.region or ""
    if meta.parent and meta.region and meta.parent not in meta.region:
        place = f"{meta.parent}{meta.region}"
    parts = [p for p in (field(place, MAX_PLACE), field(meta.title, MAX_TITLE)) if p]
    return " · ".join(parts) if parts else field(report.name)


def short_label(report: Report) -> str:
    """Region, else title, else file name: plain and capped."""
    meta = report.meta
    if meta.region:
        return field(meta.region, MAX_PLACE)
    return field(meta.title, MAX_TITLE) if meta.title else field(report.name)


def section_label(section: Sequence[str]) -> str:
    if not section:
        return "开头"
    return cap(" › ".join(field(h, MAX_HEADING) for h in section), MAX_SECTION)


def reports_list(reports: Iterable[Report]) -> str:
    return "、".join(short_label(r) for r in reports)


def message(answer: Answer, reports: Iterable[Report]) -> str | None:
    """The Chinese sentence that goes with an answer, None when the citations say it all."""
    reports = list(reports)
    known = reports_list(reports)
    text: str | None
    match answer.status:
        case AnswerStatus.EMPTY_QUESTION if answer.scope:
            report = next((r for r in reports if r.name == answer.scope), None)
            place = short_label(report) if report else field(answer.scope)
            text = f"想了解{place}的哪方面？例如：{place}地区生产总值增长多少？"
        case AnswerStatus.EMPTY_QUESTION:
            text = HINT
        case AnswerStatus.UNKNOWN_REGION if answer.suggestion:
            asked = field(answer.unknown_region, MAX_PLACE)
            text = f"没有{asked}的报告。您是不是要问{answer.suggestion}？"
        case AnswerStatus.UNKNOWN_REGION if answer.only_region:
            asked = field(answer.unknown_region, MAX_PLACE)
            text = f"没有{asked}的报告，只有{field(answer.only_region, MAX_PLACE)}的报告。"
        case AnswerStatus.UNKNOWN_REGION:
            text = f"没有{field(answer.unknown_region, MAX_PLACE)}的报告。现有报告：{known}。"
        case AnswerStatus.ANSWERED if answer.fallback and answer.citations:
            source = answer.citations[0].report.meta.region or answer.citations[0].report.label
            text = f"没有{answer.fallback}的报告，以下出自{field(source, MAX_PLACE)}的报告。"
        case AnswerStatus.ANSWERED if answer.year:
            text = f"以下出自{answer.year}年的报告（问题未指明年份，取最新一份）。"
        case AnswerStatus.NOT_FOUND:
            where = "所选报告" if answer.scope else "报告"
            text = f"{where}中没有找到能回答这个问题的内容。现有报告：{known}。"
        case AnswerStatus.NO_MORE:
            text = "没有更多结果了。"
        case AnswerStatus.TOO_LONG:
            text = f"问题太长（{answer.length}字），请控制在{MAX_QUESTION_CHARS}字以内。"
        case _:
            text = None
    return text


def highlight(text: str, words: Sequence[str], start: str = BOLD, end: str = RESET) -> str:
    """Wrap every occurrence of the words (longest first) in start/end markers."""
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    return pattern.sub(lambda m: f"{start}{m.group()}{end}", text)


def citation_header(n: int, c: Citation) -> str:
    p = c.passage
    page = f" · 第{p.page}页" if p.page else ""  # PDF reports
    where = f"{section_label(p.section)} · 第{p.paragraph}段{page}"
    return f"[{n}] {report_label(c.report)}\n    {where}"


def render_text(answer: Answer, reports: Iterable[Report], color: bool = False) -> str:
    """An answer for the terminal: message, then each citation with its excerpt."""
    lines: list[str] = []
    if note := message(answer, reports):
        lines.append(note)
    for n, c in enumerate(answer.citations, answer.offset + 1):
        excerpt = highlight(plain(c.excerpt), c.matched) if color else plain(c.excerpt)
        lines.append(citation_header(n, c))
        lines.append("    " + excerpt.replace("\n", "\n    "))
    return "\n".join(lines)


def render_passages(passages: Sequence[Passage], focus: Passage, color: bool = False) -> str:
    """A passage with its neighbours, the cited one marked."""
    out = []
    for p in passages:
        mark = "▶ " if p.id == focus.id else "  "
        text = plain(p.text)
        text = f"{BOLD}{text}{RESET}" if color and p.id == focus.id else text
        out.append(f"{mark}第{p.paragraph}段 · {section_label(p.section)}\n{text}")
    return "\n\n".join(out)


def empty_json(question: str) -> dict[str, object]:
    """The `ask --json` object of a line that could not be asked at all."""
    notice = {"fallback_from": None, "only_region": None, "suggestion": None, "year": None}
    return {"question": question, "answered": False, "message": None, "notice": notice,
            "citations": []}  # fmt: skip


def _pages(passage: Passage) -> list[int] | None:
    """[first, last] when a passage runs over a page break, else None."""
    pages = passage.pages
    return list(pages) if pages and pages[0] != pages[1] else None


def answer_json(answer: Answer, reports: Iterable[Report]) -> dict[str, object]:
    """The stable machine-readable form of `govqa ask --json`."""
    return {
        "question": answer.question,
        "answered": answer.answered,
        "message": message(answer, reports),
        "notice": {
            "fallback_from": answer.fallback,
            "only_region": answer.only_region,
            "suggestion": answer.suggestion,
            "year": answer.year,
        },
        "citations": [
            {
                "rank": n,
                "source": c.passage.report,
                "region": c.report.meta.region,
                "title": c.report.meta.title,
                "section": list(c.passage.section),
                "paragraph": c.passage.paragraph,
                "page": c.passage.page,  # PDF page where the passage starts; None otherwise
                "pages": _pages(c.passage),
                "passage_id": c.passage.id,
                "excerpt": c.excerpt,
                "text": c.passage.text,
                "score": round(c.score, 4),
                "reference": c.reference,
                "source_url": c.report.meta.source_url,
                "published": c.report.meta.published,
            }
            for n, c in enumerate(answer.citations, answer.offset + 1)
        ],
    }


_LEVELS = {"national": "全国", "province": "省级", "prefecture": "地级", "county": "县级"}


def report_lines(reports: Iterable[Report], counts: dict[str, int] | None = None) -> str:
    """One line per report with its metadata."""
    out = []
    for r in reports:
        m = r.meta
        place = [m.region or "？地区不明", m.parent or "", m.province or ""]
        bits = [
            field("／".join(p for p in place if p), 3 * MAX_PLACE),
            _LEVELS.get(m.level or "", "？级别不明"),
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
