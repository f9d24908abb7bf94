"""Wording and rendering of answers for people (terminal) and programs (JSON)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from retrieval.browse import ParagraphView
from retrieval.concordance import Concordance
from retrieval.engine import MAX_QUESTION_CHARS
from retrieval.models import (
    Answer,
    AnswerStatus,
    Citation,
    CompareRow,
    OutlineEntry,
    Passage,
    Report,
)

from .wrap import shorten_path, width, wrap

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
MAX_LISTED = 8  # up to this many reports are named; more are counted by province and level
MAX_APPENDIX = 600  # characters of an appendix shown under the citation that refers to it
INDENT = "    "

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


LEVEL_NAMES = {"national": "全国", "province": "省级", "prefecture": "地级", "county": "县级"}


def reports_summary(reports: Iterable[Report]) -> str:
    """'吉林省 2 份（地级 1、县级 1）、天津市 1 份（县级 1）': counts by province and level."""
    by_province: dict[str, Counter[str]] = {}
    for r in reports:
        m = r.meta
        own = m.region if m.level in ("national", "province") else None  # 全国, 河南省 itself
        province = field(m.province or own or m.parent or "地区不明", MAX_PLACE)
        level = LEVEL_NAMES.get(r.meta.level or "", "级别不明")
        by_province.setdefault(province, Counter())[level] += 1
    parts = []
    for province, levels in sorted(by_province.items(), key=lambda kv: -kv[1].total()):
        detail = "、".join(f"{lv} {n}" for lv, n in levels.most_common())
        parts.append(f"{province} {levels.total()} 份（{detail}）")
    return "、".join(parts)


def known_reports(reports: Iterable[Report], command: str = ":reports") -> str:
    """The reports at hand: their names when few, else counts and the command that lists them."""
    reports = list(reports)
    if len(reports) <= MAX_LISTED:
        return reports_list(reports)
    return f"共 {len(reports)} 份：{reports_summary(reports)}（{command} 查看完整列表）"


def _figure_note(answer: Answer) -> str | None:
    """What a cross-report question's figures allow saying."""
    if not answer.across:
        return None
    if answer.leader is not None and answer.leader.figure is not None:
        f = answer.leader.figure
        which = "最低" if answer.leader_is_lowest else "最高"
        place = short_label(answer.leader.report)
        return (
            f"数字可比（{f.indicator}，单位{f.unit}，{f.year}年）：{which}的是{place}（{f.text}）。"
        )
    if any(r.figure for r in answer.rows):
        return "各报告的数字指标、单位或年份不一，不能直接比较高低，请自行对照原文。"
    return None


def compare_note(answer: Answer) -> str:
    """The line above a comparison: how many reports have something, how many do not."""
    found = sum(1 for r in answer.rows if r.citation is not None)
    missing = len(answer.rows) - found
    head = "这个问题涉及多份报告，按报告逐一列出" if answer.across else "逐份报告对比"
    text = f"{head}：{found} 份有相关内容，{missing} 份未找到。"
    if not missing:
        text = f"{head}：{found} 份报告都有相关内容。"
    if note := _figure_note(answer):
        text += note
    return text


def message(answer: Answer, reports: Iterable[Report], command: str = ":reports") -> str | None:
    """The Chinese sentence that goes with an answer, None when the citations say it all."""
    reports = list(reports)
    known = known_reports(reports, command)
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
        case AnswerStatus.NOT_CHINESE:
            words = "、".join(field(w, MAX_PLACE) for w in answer.unknown_words[:5])
            text = (
                f"报告是中文的，问题中的“{words}”在报告里找不到（若是地名，请写中文名称，"
                f"如“辽源市”）。请用中文提问，例如：{EXAMPLES[2]}"
            )
        case _ if answer.rows and answer.answered:
            text = compare_note(answer)
        case AnswerStatus.NOT_FOUND if answer.rows:
            text = f"{len(answer.rows)} 份报告中都没有找到相关内容。"
        case AnswerStatus.ANSWERED if answer.phrases:
            quoted = "、".join(f"“{field(p)}”" for p in answer.phrases)
            text = f"以下段落都含有原文{quoted}（引号内按原文精确匹配）。"
        case AnswerStatus.NOT_FOUND if answer.phrases:
            quoted = "、".join(f"“{field(p)}”" for p in answer.phrases)
            text = f"没有段落含有原文{quoted}（引号内按原文精确匹配）。现有报告：{known}。"
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
    text = plain(text)
    if columns is None:
        body = INDENT + text.replace("\n", "\n" + INDENT)
    else:
        body = wrap(text, columns - 1, INDENT, words)
    return highlight(body, words) if color else body


def _note(text: str, columns: int | None) -> str:
    return text if columns is None else wrap(text, columns - 1)


def render_citation(n: int, c: Citation, color: bool = False, columns: int | None = None) -> str:
    """One citation: where it is from, its excerpt, and the appendix it refers to."""
    lines = [citation_header(n, c, columns), _block(c.excerpt, columns, color, c.matched)]
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
                body = _block(f"{before}\x02{cited}\x03{after}", columns, False)
                body = body.replace("\x02", BOLD).replace("\x03", RESET)
            else:
                body = _block(f"{before}⟦{cited}⟧{after}", columns, False)
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


def empty_json(question: str) -> dict[str, object]:
    """The `ask --json` object of a line that could not be asked at all."""
    notice = {"fallback_from": None, "only_region": None, "suggestion": None, "year": None}
    return {"question": question, "answered": False, "message": None, "notice": notice,
            "comparison": None, "citations": []}  # fmt: skip


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
        "comparison": comparison_json(answer),
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
                "highlights": [list(span) for span in c.highlights],
                "text": c.passage.text,
                "score": round(c.score, 4),
                "reference": c.reference,
                "source_url": c.report.meta.source_url,
                "published": c.report.meta.published,
                "appendix": appendix_json(c),
            }
            for n, c in enumerate(answer.citations, answer.offset + 1)
        ],
    }


_LEVELS = LEVEL_NAMES


def appendix_json(c: Citation) -> dict[str, object] | None:
    """The appendix a "(见附件N)" in the excerpt refers to."""
    if c.appendix is None:
        return None
    p = c.appendix
    return {"section": list(p.section), "paragraph": p.paragraph, "passage_id": p.id,
            "text": p.text}  # fmt: skip


def comparison_json(answer: Answer) -> dict[str, object] | None:
    """A comparison's rows, every report (rank None: 未找到), and the leader if any."""
    if not answer.rows:
        return None
    rows = []
    ranks = {id(c): n for n, c in enumerate(answer.citations, 1)}
    for row in answer.rows:
        f = row.figure
        figure = None
        if f is not None:
            figure = {"indicator": f.indicator, "value": f.value, "unit": f.unit,
                      "year": f.year, "text": f.text}  # fmt: skip
        rows.append(
            {
                "source": row.report.name,
                "region": row.report.meta.region,
                "found": row.citation is not None,
                "rank": ranks.get(id(row.citation)) if row.citation is not None else None,
                "figure": figure,
            }
        )
    leader = answer.leader
    return {
        "across": answer.across,
        "rows": rows,
        "leader": leader.report.name if leader is not None else None,
        "leader_is_lowest": answer.leader_is_lowest,
    }


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
