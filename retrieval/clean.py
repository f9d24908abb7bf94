"""From a scraped page to the report's own text: tags, page furniture and spam go."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .html_text import REPORT_TITLE, strip_html
from .markdown_text import without_markdown
from .spam import INJECTION_MARK, only_spam, remove_spam
from .unwrap import unwrap

__all__ = ["INJECTION_MARK", "REPORT_TITLE", "SALUTATION", "clean_report", "remove_spam",
           "strip_html"]  # fmt: skip

_MAX_SPACED = 300  # "政 府 工 作 报 告": letter-spaced titles are short
_MAX_HEADER_LINE = 200  # a title block's lines (title, date, meeting, speaker) are short
_HEAD_LINES = 20  # where no salutation is found, the title block is in the first lines

# -- Page furniture, known by its form and position, never by a word a sentence may hold --

_SENTENCE_END = "。！？!?；;…"
_CLAUSE = re.compile(r"[，,；;]")
# Forms that only a page footer has, wherever they stand in the line.
_ICP = re.compile(r"[\u4e00-\u9fff]\s*ICP\s*[备证]\s*\d{4,}号|公网安备\s*\d{6,}号", re.I)
_ADDRESS_URL = re.compile(r"(?:本文|原文)(?:地址|链接|网址)\s*[:：]\s*(?:https?://|www\.)", re.I)
# Label forms at the start of a line: "主办单位：XX市人民政府办公室", "版权所有 © 2021 XX".
_LEAD = r"^[·•\s]*"
_COPYRIGHT = re.compile(
    _LEAD + r"(?:copyright\b|©|\(c\)|（c）|版权所有(?:\s|[:：©]|\(c\)|（c）|$))", re.I
)
_SITE_LABEL = re.compile(
    _LEAD + r"(?:主办单位|承办单位|协办单位|主管单位|运行维护单位|维护单位|技术支持|网站标识码"
    r"|主办|承办|联系电话|联系我们|联系地址)\s*[:：]"
)
_PAGE_LINK = re.compile(
    _LEAD + r"(?:上一篇|下一篇|上一条|下一条|相关(?:阅读|文章|链接|新闻|推荐|报告)"
    r"|留言与评论|发表评论|网友评论|验证码|本文地址|原文地址|本文链接|原文链接)(?:\s|[:：(（]|$)"
)
_DISCLAIMER = re.compile(r"^(?:本文仅代表作者(?:个人)?观点|免责声明\s*[:：])")
# Labels of page chrome no report line starts with.
_PAGE_LABEL = re.compile(
    _LEAD + r"(?:当前位置|您的位置|您现在的位置|所在位置|分享到|字号|字体|内容摘要|责任编辑"
    r"|浏览次数|点击数|阅读次数)\s*[:：]"
)
# Article metadata labels ("时间:2023-04-11 作者:中国县域 来源:政府官网"). A report may have
# one ("来源：县统计局" under a table): in the body only a line with two of them is furniture.
_META_LABEL = re.compile(
    r"(?:^|\s)[·•]?(?:时间|发布时间|发布日期|日期|来源|信息来源|作者|阅读|点击|编辑|评论|浏览)\s*[:：]"
)
# A scraper's or a portal's fields above the text ("发文单位：…", "来源URL：http…", "正文：").
_SCRAPER_LABEL = re.compile(
    _LEAD
    + r"(?:(?:发文单位|发文机关|发文时间|发布机构|来源(?:url|网址|链接)|原文(?:url|网址))\s*[:：]"
    r"|正文\s*[:：]\s*$)",
    re.I,
)
# A labelled line that says where the report was given is its header, not the page's:
# "来源：江西省人民政府2025年1月17日在江西省第十四届人民代表大会第三次会议上省长叶建春作…"
_MEETING_HELD = re.compile(r"会议上|大会上")
_NAV_START = re.compile(_LEAD + r"首页\s*[>＞»|｜]")
_LINK_SEPARATOR = re.compile(r"\s*[|｜>＞»]\s*|\s+[·•]\s+")
_ITEM_SEPARATOR = re.compile(r"[\s|｜【】\[\]:：·•]+")
# Commands of a site's toolbars; a line made of nothing else is a toolbar.
_UI_WORDS = frozenset(
    ("打印", "打印本页", "打印此页", "关闭", "关闭窗口", "关闭本页", "返回", "返回顶部", "收藏",
     "加入收藏", "设为首页", "分享", "分享到", "微信", "微博", "QQ空间", "纠错", "字体", "字号",
     "大", "中", "小", "默认", "扫一扫", "手机版", "WAP手机版", "网站地图", "导航菜单",
     "无障碍浏览", "无障碍", "English", "繁體", "繁体", "简体", "登录", "注册", "首页", "评论")
)  # fmt: skip

_WORDY = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_SPACED_CJK = re.compile(r"^(?:[\u4e00-\u9fff]\s+){2,}[\u4e00-\u9fff]$")
SALUTATION = re.compile(r"^各位代表")  # the line where the report's body begins
_HEADER_LINE = re.compile(r"报告|\d|[年月日]|会议|大会|长|主席|书记|——")
_WS = " \t\r\f\v\u3000\xa0\u200b\ufeff"
_INNER_SPACE = re.compile(r"[\xa0\u2000-\u200a\u202f\u205f]")


def _tidy(line: str) -> str:
    """Edges trimmed of every kind of white space (&ensp;, &#12288; ...), inner ones made plain."""
    line = _INNER_SPACE.sub(" ", line.strip().strip(_WS))
    if len(line) <= _MAX_SPACED and _SPACED_CJK.match(line):
        line = re.sub(r"\s+", "", line)
    return line


def is_sentence(line: str) -> bool:
    """A line of running text: some length, and a sentence end or clauses. Never furniture."""
    return len(line) >= 12 and (line[-1] in _SENTENCE_END or bool(_CLAUSE.search(line)))


def is_footer_line(line: str) -> bool:
    """A line that only a page footer has: ICP number, copyright notice, site labels."""
    if _ICP.search(line) or _ADDRESS_URL.search(line) or _DISCLAIMER.match(line):
        return True
    return not is_sentence(line) and bool(
        _COPYRIGHT.match(line) or _SITE_LABEL.match(line) or _PAGE_LINK.match(line)
    )


def is_furniture_line(line: str, in_body: bool = True) -> bool:
    """Page furniture by its form: footer forms, breadcrumbs, link lists, toolbars.

    In the report's body (from the salutation on) a line must look like furniture beyond
    doubt; above it (`in_body=False`) any metadata label ("来源：", "时间：") is enough.
    """
    if is_footer_line(line):
        return True
    if not in_body and (
        (_META_LABEL.match(line) and not _MEETING_HELD.search(line))
        or _PAGE_LABEL.match(line)
        or _SCRAPER_LABEL.match(line)
        or _is_top_bar(line)
    ):
        return True
    if is_sentence(line):
        return False
    if _PAGE_LABEL.match(line) or _NAV_START.match(line) or _is_link_list(line):
        return True
    if len(_META_LABEL.findall(line)) >= 2:
        return True
    return _is_toolbar(line)


def _is_link_list(line: str) -> bool:
    """Menu or breadcrumb: "首页 | 县域经济 | 工作报告", "A > B > C"; short items only."""
    if len(line) > 200:
        return False
    items = [i for i in _LINK_SEPARATOR.split(line.strip("·• ")) if i]
    piped = "|" in line or "｜" in line
    return (
        len(items) >= (2 if piped else 3)
        and all(len(i) <= 12 and _WORDY.search(i) for i in items)
        and not any(c in line for c in "。，、")
    )


def _is_toolbar(line: str) -> bool:
    """Nothing but toolbar commands: "【字体：大 中 小】 打印本页 关闭窗口"."""
    if len(line) > 60:
        return False
    items = [i for i in _ITEM_SEPARATOR.split(line) if i]
    return bool(items) and all(i in _UI_WORDS or i.startswith("扫一扫") for i in items)


def _is_top_bar(line: str) -> bool:
    """A bar of links mostly toolbar commands: "白城市人民政府 手机版 English 无障碍浏览"."""
    if len(line) > 60 or any(c in line for c in "。，、"):
        return False
    items = [i for i in _ITEM_SEPARATOR.split(line) if i]
    return 2 * sum(i in _UI_WORDS for i in items) > len(items)


# a page's label before the title line, or a front matter's key ("title: …")
TITLE_LABEL = re.compile(r"^(?:标题|题目|文章标题|题名|title)[:：]", re.IGNORECASE)
MEETING_LINE = re.compile(rf"{_MEETING_HELD.pattern}|\d{{4}}年\d{{1,2}}月\d{{1,2}}日")
# The speaker's line: "保定市人民政府市长 闫继红" (metadata.py reads the office and name).
OFFICE = r"国务院总理|总理|代?(?:常务)?副?(?:区|市|县|旗|州|盟|省)长|代?主席"  # who gives it
SPEAKER_LINE = re.compile(
    r"(?P<org>[\u4e00-\u9fff]{0,30}?)\s*"
    rf"(?P<office>{OFFICE})"
    r"\s*(?P<name>[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff·]){1,12}?)\s*(?:作政府工作报告)?[。.]?$"
)
_CAPTION = re.compile(r"作(?:政府)?工作报告[。.]?(?:\S{0,20}摄)?$|摄\s*$")


def clean_report(raw: str, markup: bool = True) -> str:
    """Drop tags, page furniture and spam; leave every word of the report's body as it is.

    `markup=False` for plain text that cannot hold HTML (a PDF's or a .docx's text): no tags
    are looked for and no entity is decoded ("&lt;" in a PDF stays as printed).

    Returns one paragraph per line, without indentation or blank lines. Above the salutation
    ("各位代表") only the title block stays; from it on a line goes only when its form is
    furniture (or injected spam standing alone), and the page footer starts at the first
    line that looks like one by its form. Spam a page injected inside a sentence is replaced
    by INJECTION_MARK.
    """
    raw = _escaped_line_breaks(raw)
    lines = [_tidy(line) for line in (strip_html(raw) if markup else raw).splitlines()]
    lines = without_markdown(lines)  # "**各位代表：**": Markdown's marks, as tags are
    lines = _unwrapped([ln for ln in lines if ln and _WORDY.search(ln)])
    salutation = body_start(lines)
    if salutation is not None and salutation <= 40:
        head, body = _header(lines[:salutation]), lines[salutation:]
    else:  # no title block to tell apart: the whole page is judged as body
        head, body = [], lines
    body = [remove_spam(ln) for ln in _until_footer(body) if not only_spam(ln)]
    return "\n".join(head + [ln for ln in body if not is_furniture_line(ln)])


_ORDINAL = "[一二三四五六七八九十]{1,3}"
_PART_HEADING = re.compile(rf"^(?:{_ORDINAL}[、.．]|第{_ORDINAL}部分)")


def _unwrapped(lines: list[str]) -> list[str]:
    """A PDF's wrapped lines joined (unwrap.py); the title block's lines above the
    salutation (title, meeting, speaker) are joined to nothing."""
    salutation = next((i for i, ln in enumerate(lines) if SALUTATION.match(ln)), _HEAD_LINES)
    return unwrap(lines, {i for i in range(min(salutation, len(lines))) if _heads(lines[i])})


def body_start(lines: Sequence[str]) -> int | None:
    """Where the report's body begins: the salutation ("各位代表"), or above it where the
    page lacks the opening and the report's running text comes first (a page that starts at
    "一、2018年工作回顾" and says "各位代表，2018年是…" only at the end of that part): the
    part heading above the first of two paragraphs longer than a header line, with the
    sentences between. Not where a title, meeting or speaker line stands between those
    paragraphs and the salutation: they are an abstract or an editor's note above the
    header. None where no salutation is found."""
    salutation = next((i for i, ln in enumerate(lines) if SALUTATION.match(ln.strip())), None)
    if salutation is None:
        return None
    long = [i for i in range(salutation) if len(lines[i].strip()) > _MAX_HEADER_LINE]
    if len(long) < 2 or any(_heads(lines[i].strip()) for i in range(long[0], salutation)):
        return salutation
    start, heading = long[0], salutation
    while start > 0 and _runs_on(lines[start - 1].strip()):
        start -= 1
        if _PART_HEADING.match(lines[start].strip()):
            heading = start  # the topmost part heading of the run
    return heading


def _heads(line: str) -> bool:
    """A line of the header: the title, the meeting, the speaker."""
    return bool(
        MEETING_LINE.search(line)
        or SPEAKER_LINE.match(line)
        or (REPORT_TITLE.search(line) and len(line) <= _MAX_HEADER_LINE)
    )


def _runs_on(line: str) -> bool:
    """A line of the body right above its first long paragraph: a part heading or a sentence,
    not the header's meeting line."""
    if _heads(line):
        return False
    return (bool(_PART_HEADING.match(line)) and len(line) <= 30) or (
        is_sentence(line) and not REPORT_TITLE.search(line)
    )


# Line breaks a scraper wrote out as the characters "\r\n" (a whole report on one line).
_ESCAPED_BREAK = re.compile(r"\\r\\n|\\n|\\r")
MIN_ESCAPED_BREAKS = 3


def _escaped_line_breaks(raw: str) -> str:
    r"""`raw` with line breaks written as "\r\n" made real, where they stand for its lines
    (more of them than real ones): no report's words hold a backslash."""
    escaped = len(_ESCAPED_BREAK.findall(raw))
    if escaped < MIN_ESCAPED_BREAKS or escaped <= raw.count("\n"):
        return raw
    return _ESCAPED_BREAK.sub("\n", raw)


def _header(lines: list[str]) -> list[str]:
    """The title block above the salutation: title, date, meeting, speaker.

    Page chrome above the title goes, and so do repeated lines, site menus, labels and long
    lines (an abstract; metadata reads these lines with regexes made for short ones). Spam
    injected into a title line is cut without a mark: the block names the report, it is not
    quoted.
    """
    lines = [remove_spam(ln, "") for ln in lines if len(ln) <= _MAX_HEADER_LINE]
    lines = [ln for ln in lines if _WORDY.search(ln)]
    lines = [ln for ln in lines if not is_furniture_line(ln, in_body=False)]
    titles = [i for i, ln in enumerate(lines) if REPORT_TITLE.search(ln) and len(ln) <= 60]
    # "…在XX第N届人民代表大会第N次会议上…作政府工作报告" is the meeting line, not the title.
    # "许勤作政府工作报告。河北日报记者孟宇光摄" is a photo caption, not the title either.
    # A title its label names ("title: 文山州政府工作报告（2020年1月14日 张秀兰）", a front
    # matter's) is the title, dated or not.
    titles = [
        i
        for i in titles
        if TITLE_LABEL.match(lines[i])
        or (not MEETING_LINE.search(lines[i]) and not _CAPTION.search(lines[i]))
    ] or titles
    # The most specific title line ("北京市朝阳区2023年政府工作报告", not a menu item
    # "政府工作报告"); among equals the first.
    title = max(titles, key=lambda i: (len(lines[i]), -i)) if titles else None
    header: list[str] = []
    for line in lines[title or 0 :]:
        # Between title and salutation a report has its title, date, meeting and speaker;
        # short lines that are none of these are site menus ("首页", "政务公开").
        if line not in header and (len(line) > 8 or _HEADER_LINE.search(line)):
            header.append(line)
    return header


def _until_footer(lines: list[str]) -> list[str]:
    """Lines up to the page footer: the first line, once the text has begun, that has a
    footer's form. A sentence of the report never starts the footer."""
    begun = False
    for i, line in enumerate(lines):
        if begun and is_footer_line(line):
            return lines[:i]
        begun = begun or SALUTATION.match(line) is not None or is_sentence(line)
    return lines
