"""From a scraped page to the report's own text: tags, page furniture and spam go."""

from __future__ import annotations

import html
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Elements whose text is not page text; <title> is read on its own (see strip_html).
_SKIP = frozenset(("script", "style", "head", "noscript", "template", "iframe", "title", "svg"))
# Elements that start and end a line. A table row is one line, its cells spaced.
_BLOCKS = frozenset(
    ("address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "div", "dl",
     "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
     "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
     "tfoot", "thead", "tr", "ul")
)  # fmt: skip
_CELLS = frozenset(("td", "th"))
_TAG_START = re.compile(r"<[A-Za-z!/?]")  # no tag at all: plain text, no parser needed
# lexbor checks the open-element stack on each of these start tags: thousands left open
# (never closed) make parsing quadratic. Past _MAX_BLOCK_TAGS they are read as <br>: same
# text, same line breaks, no nesting.
_NESTING_TAG = re.compile(
    r"<(/?)(?:address|article|aside|blockquote|center|dd|details|dialog|dir|div|dl|dt"
    r"|fieldset|figcaption|figure|footer|form|h[1-6]|header|hgroup|li|main|menu|nav|ol"
    r"|section|summary|ul)(?=[\s/>])",
    re.I,
)
_MAX_BLOCK_TAGS = 3000
_TITLE_SEPARATOR = re.compile(r"[_|｜]|\s[-–—]\s")  # parts are stripped after the split
_MAX_TITLE = 300  # longer is not a page title

# Lines of page furniture: navigation, share bars, comment boxes, footers, disclaimers.
_FURNITURE = re.compile(
    r"WAP手机版|手机版|网站地图|本文地址|留言与评论|验证码|主办单位|承办单位|运行维护单位|版权所有"
    r"|ICP备|ICP证|公网安备|本文仅代表作者观点|不代表本站立场|导航菜单|^\[纠错\]$"
    r"|^时间[:：].*(?:作者|来源)|^内容摘要[:：]|^来源[:：]|^作者[:：]|^阅读[:：]|^责任编辑"
    r"|^编辑[:：]|上一篇|下一篇|打印本页|关闭窗口|分享到|^字号|扫一扫|返回顶部|^首页\s*[>＞]"
    r"|^当前位置|^您的位置|^相关(?:阅读|文章|链接)|^点击[:：]|^浏览次数|浏览量[:：]"
    r"|\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}.*来源"
)
# Once one of these appears after the report has begun, the rest of the page is footer.
_FOOTER_START = re.compile(
    r"本文仅代表作者观点|不代表本站立场|本文地址|留言与评论|版权所有|主办单位|ICP备|上一篇|下一篇"
    r"|^相关(?:阅读|文章)"
)

# Injected gambling spam: runs of gambling words, latin letters, digits and underscores.
_SPAM_WORD = (
    r"完美体育|体育投注|投注技巧|投注|娱乐场|娱乐城|娱乐平台|娱乐|旗舰厅|首页|官方网站|官网|网址"
    r"|博彩|百家乐|彩票|棋牌|真人|老虎机|赌场|赌博|开户|注册|登录|下载|平台|体育|电竞|电子|在线"
    r"|入口|网站|网投|彩金|注册送|手机版|app|www|com|net"
    r"|皇冠|亚博|新葡京|葡京|威尼斯人|太阳城|金沙|澳门|银河|永利|新濠|美高梅|betway|bet365|bet|casino"
)
_SPAM_RUN = re.compile(rf"(?:(?:{_SPAM_WORD})|[A-Za-z0-9_]+)+", re.I)
_SPAM_STRONG = re.compile(
    r"投注|娱乐场|娱乐城|旗舰厅|博彩|百家乐|老虎机|赌场|赌博|真人|新葡京|葡京|威尼斯人|亚博|网投"
    r"|彩金|bet|casino",
    re.I,
)
_SPAM_WEAK = re.compile(r"彩票|棋牌|娱乐|体育|开户|首页|官网|入口|在线|澳门|银河|皇冠|[A-Za-z0-9_]")
# Punctuation a cut leaves orphaned: "增长9.2%，。" -> "增长9.2%。"
_ORPHAN_PUNCT = re.compile(r"[，,、：:]+\s*(?=[。；！？，,、;!?）)]|$)")

_WORDY = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_SPACED_CJK = re.compile(r"^(?:[\u4e00-\u9fff]\s+){2,}[\u4e00-\u9fff]$")
REPORT_TITLE = re.compile(r"政府工作报告")
SALUTATION = re.compile(r"^各位代表")  # the line where the report's body begins
_HEADER_LINE = re.compile(r"报告|\d|[年月日]|会议|大会|长|主席|书记|——")
_WS = " \t\r\f\v\u3000\xa0\u200b\ufeff"
_INNER_SPACE = re.compile(r"[\xa0\u2000-\u200a\u202f\u205f]")


def strip_html(raw: str) -> str:
    """Tags out, entities decoded, block boundaries kept as line breaks.

    An HTML parser (lexbor, through selectolax) reads the page, so a ">" inside a quoted
    attribute or a comment is not taken for the end of a tag. Text outside tags keeps its own
    line breaks; script, style and comments go.

    The page's <title>, when it names the report ("通化市政府工作报告_通化市人民政府"),
    is kept as a first line: sites often put only "政府工作报告" in the page itself.
    """
    if not _TAG_START.search(raw):
        return html.unescape(raw)
    if len(_NESTING_TAG.findall(raw)) > _MAX_BLOCK_TAGS:
        raw = _NESTING_TAG.sub(r"<\1br", raw)
    tree = LexborHTMLParser(raw)
    title_node = tree.css_first("title")
    title = _page_title(title_node.text(deep=True)) if title_node is not None else None
    text = _page_text(tree.root) if tree.root is not None else ""
    return f"{title}\n{text}" if title else text


def _page_text(root: LexborNode) -> str:
    """The text of the tree under `root`, in document order (iterative: nesting is unbounded)."""
    out: list[str] = []
    stack: list[tuple[LexborNode, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        tag = node.tag or ""
        if not entering:
            out.append(" " if tag in _CELLS else "\n")
        elif tag == "-text":
            out.append(node.text_content or "")
        elif (tag.startswith("-") and tag != "-document") or tag in _SKIP:
            continue  # comments, doctype, scripts, styles
        else:
            if tag in _BLOCKS:
                out.append("\n")
            if tag in _BLOCKS or tag in _CELLS:
                stack.append((node, False))
            children = []
            child = node.child
            while child is not None:
                children.append(child)
                child = child.next
            stack.extend((c, True) for c in reversed(children))
    return "".join(out)


def _page_title(title: str) -> str | None:
    title = title[:_MAX_TITLE]
    parts = (p.strip() for p in _TITLE_SEPARATOR.split(title))
    return next((p for p in parts if REPORT_TITLE.search(p) and len(p) <= 60), None)


def remove_spam(line: str) -> str:
    """Cut injected gambling phrases (e.g. "完美体育365_365娱乐场…") out of a line."""

    def cut(match: re.Match[str]) -> str:
        run = match.group(0)
        strong = _SPAM_STRONG.findall(run)
        rest = _SPAM_STRONG.sub("", run)
        if len(strong) >= 2 or (strong and _SPAM_WEAK.search(rest)):
            return ""
        return run

    if not _SPAM_STRONG.search(line):
        return line
    cleaned = _SPAM_RUN.sub(cut, line)
    return cleaned if cleaned == line else _ORPHAN_PUNCT.sub("", cleaned)


def _tidy(line: str) -> str:
    """Edges trimmed of every kind of white space (&ensp;, &#12288; ...), inner ones made plain."""
    line = _INNER_SPACE.sub(" ", line.strip().strip(_WS))
    if _SPACED_CJK.match(line):
        line = re.sub(r"\s+", "", line)
    return line


def clean_report(raw: str) -> str:
    """Drop tags, page furniture and spam; leave the report's wording alone.

    Returns one paragraph per line, without indentation or blank lines.
    """
    lines = [_tidy(remove_spam(line)) for line in strip_html(raw).splitlines()]
    lines = _trim_footer([ln for ln in lines if ln and _WORDY.search(ln)])
    lines = [ln for ln in _trim_header(lines) if not _FURNITURE.search(ln)]
    return "\n".join(lines)


def _trim_header(lines: list[str]) -> list[str]:
    """Drop page chrome above the report's title and repeated header lines."""
    head_end = next((i for i, ln in enumerate(lines) if SALUTATION.match(ln)), None)
    if head_end is None or head_end > 40:
        return lines
    titles = [
        i
        for i in range(head_end)
        if REPORT_TITLE.search(lines[i]) and len(lines[i]) <= 60 and not _FURNITURE.search(lines[i])
    ]
    # The most specific title line ("北京市朝阳区2023年政府工作报告", not a menu item
    # "政府工作报告"); among equals the first.
    title = max(titles, key=lambda i: (len(lines[i]), -i)) if titles else None
    start = title if title is not None else 0
    header: list[str] = []
    for line in lines[start:head_end]:
        # Between title and salutation a report has its title, date, meeting and speaker;
        # short lines that are none of these are site menus ("首页", "政务公开").
        if line not in header and (len(line) > 8 or _HEADER_LINE.search(line)):
            header.append(line)
    return header + lines[head_end:]


def _trim_footer(lines: list[str]) -> list[str]:
    begun = False
    for i, line in enumerate(lines):
        if SALUTATION.match(line):
            begun = True
        elif begun and _FOOTER_START.search(line):
            return lines[:i]
    return lines
