"""The Chinese wording of answers: labels of reports and sections, the message that goes with an
answer, and the inert text every shell shows (terminal text: render_terminal; JSON: render_json)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from retrieval.engine import MAX_QUESTION_CHARS
from retrieval.models import Answer, AnswerStatus, Report

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
    if not answer.across or answer.not_compared:
        return None  # (reports left out of a comparison may hold a higher figure)
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
    return text + not_compared_note(answer)


def not_compared_note(answer: Answer) -> str:
    """What a comparison of very many reports left out, if anything."""
    if not answer.not_compared:
        return ""
    return (
        f"另有 {answer.not_compared} 份报告与问题关键词的匹配度较低，未逐份比较"
        "（指明地区可缩小范围）。"
    )


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
            text = f"{len(answer.rows)} 份报告中都没有找到相关内容。" + not_compared_note(answer)
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
            text = (
                f"以下出自{answer.year}年的报告（问题未指明年份：先查最新一份，未答再查更早的）。"
            )
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
