"""Gambling spam that pages inject: known by the shape of a brand, never by one ordinary word.

Spam that stands alone on a line goes with the line (clean.py); spam injected inside a report
sentence is replaced by INJECTION_MARK, and only the injected string goes.
"""

from __future__ import annotations

import re

INJECTION_MARK = "〔网页插入内容已删除〕"
"""Stands where a page had injected spam inside a report sentence, so the user sees that the
page was altered there; shells can find its offsets with str.find."""

# -- Injected gambling spam, known by the shape of a gambling site's brand --
# A run of these tokens and latin/digit strings is spam when it has that shape
# (brand or bet365-like string, with a gambling or site word): "完美体育365_365娱乐场体育投注
# _365bet投注技巧", "皇冠体育投注网址hg8868com", "亚博体育官网入口". An ordinary word alone
# (赌博, 彩票, 投注站, 亚博会, Tibet) never is.
_BRANDS = frozenset(
    ("完美体育", "新葡京", "葡京", "威尼斯人", "太阳城", "金沙", "澳门", "银河", "永利", "新濠",
     "美高梅", "皇冠", "亚博")
)  # fmt: skip
_GAMBLING = frozenset(
    ("投注", "投注技巧", "娱乐场", "娱乐城", "娱乐平台", "博彩", "百家乐", "老虎机", "赌场",
     "旗舰厅", "网投", "彩金", "真人视讯")
)  # fmt: skip
_SITE = frozenset(("官网", "官方网站", "网址", "入口", "首页", "登录", "注册", "开户", "下载"))
_GLUE = frozenset(
    ("体育", "在线", "娱乐", "电竞", "电子", "真人", "彩票", "棋牌", "赌博", "平台", "手机版")
)  # fmt: skip
_SPAM_TOKEN = re.compile(
    r"[A-Za-z0-9_.]+|"
    + "|".join(sorted(_BRANDS | _GAMBLING | _SITE | _GLUE, key=len, reverse=True))
)

_WORDY = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def _latin_brand(segment: str) -> bool:
    """A latin/digit string shaped like a gambling site: bet365, hg8868com, 365_365, www."""
    low = segment.lower()
    if any(w in low for w in ("bet", "casino", "www", "_")) or low.endswith("com"):
        return True
    letters = sum(c.isascii() and c.isalpha() for c in segment)
    digits = sum(c.isdigit() for c in segment)
    return letters >= 2 and digits >= 2


def _is_spam_run(tokens: list[str]) -> bool:
    latin = [t for t in tokens if t[0].isascii()]
    brand = any(t in _BRANDS for t in tokens)
    gambling = any(t in _GAMBLING for t in tokens)
    site = any(t in _SITE for t in tokens)
    lettered = any(any(c.isalpha() for c in t) for t in latin)
    return (
        (brand and (gambling or site))
        or (any(_latin_brand(t) for t in latin) and (gambling or site or brand))
        or (lettered and gambling)
    )


def _spam_spans(line: str) -> list[tuple[int, int]]:
    """Where injected gambling strings stand in `line` (linear: one pass of a token regex)."""
    spans: list[tuple[int, int]] = []
    run: list[str] = []
    start = end = 0
    for m in _SPAM_TOKEN.finditer(line):
        if run and m.start() != end:
            if _is_spam_run(run):
                spans.append((start, end))
            run = []
        if not run:
            start = m.start()
        run.append(m.group())
        end = m.end()
    if run and _is_spam_run(run):
        spans.append((start, end))
    return spans


def remove_spam(line: str, mark: str = INJECTION_MARK) -> str:
    """Injected gambling strings (e.g. "完美体育365_365娱乐场…") replaced by `mark`.

    Only the injected string goes: the words around it, punctuation too, stay as they are.
    """
    spans = _spam_spans(line)
    if not spans:
        return line
    out, last = [], 0
    for start, end in spans:
        out += [line[last:start], mark]
        last = end
    out.append(line[last:])
    return "".join(out)


def only_spam(line: str) -> bool:
    """Nothing but injected strings and punctuation: a line the page injected whole."""
    spans = _spam_spans(line)
    if not spans:
        return False
    rest, last = [], 0
    for start, end in spans:
        rest.append(line[last:start])
        last = end
    rest.append(line[last:])
    return not _WORDY.search("".join(rest))
