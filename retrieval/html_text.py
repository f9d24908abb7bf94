"""HTML to text through a real parser (lexbor, via selectolax): block boundaries as line breaks.

A ">" inside a quoted attribute or a comment is not taken for the end of a tag; scripts, styles
and comments go; a table row stays one line with its cells spaced; the page's <title>, when it
names the report, is kept as a first line.
"""

from __future__ import annotations

import html
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

REPORT_TITLE = re.compile(r"政府工作报告")

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
