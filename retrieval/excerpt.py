"""Excerpts: the 1-3 sentences of a passage that answer the question best."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .config import DEFAULT_CONFIG
from .query_types import FIGURE
from .sentences import sentence_spans


def surface_matches(
    text: str, folded: str, terms: Mapping[str, float], fold: Callable[[str], str] | None = None
) -> list[tuple[int, int]]:
    """Spans of `text` where a term occurs, found in its folded form.

    When folding changed the length (NFKC turns ㎡ into m2), `fold` is applied character
    by character to map folded offsets back onto the text.
    """
    if len(folded) != len(text):
        if fold is None:
            return []
        pieces = [fold(ch) for ch in text]
        folded = "".join(pieces)
        origin = [i for i, piece in enumerate(pieces) for _ in piece] + [len(text)]
        return [(origin[s], origin[e - 1] + 1) for s, e in surface_matches(folded, folded, terms)]
    spans = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + 1)
    return spans


def choose_excerpt(
    text: str,
    fold: Callable[[str], str],
    weights: Mapping[str, float],
    wants_number: bool = False,
    max_sentences: int = DEFAULT_CONFIG.excerpt_sentences,
    max_chars: int = DEFAULT_CONFIG.excerpt_chars,
    explained: bool = False,
    heading: str = "",
) -> str:
    """The best sentence and, while they add matched terms, its neighbours (up to three).

    Sentences are scored by the weight of the distinct terms they contain; a question that
    asks for a figure prefers sentences that give one. `explained`: the question asks what a
    term means or is made of; the sentence after the best one, which says it in words of its
    own ("四是一体布局“三大支撑”。以电力保障算力、…"), is kept where it fits. `heading`: the
    passage's own heading, which its first sentence may say again.
    """
    spans = sentence_spans(text)
    if len(spans) <= 1:
        return trim(text.strip(), fold, weights, max_chars)
    folded = [fold(text[s:e]) for s, e in spans]
    found = [{t for t in weights if t in f} for f in folded]

    def value(i: int, have: frozenset[str] | set[str] = frozenset()) -> float:
        gain = sum(weights[t] for t in found[i] - have)
        if wants_number and FIGURE.search(folded[i]):
            gain *= 1.5
        return gain

    def defines(i: int) -> bool:  # "大花园是现代化浙江的普遍形态": the term explained
        return explained and any(_DEFINES.match(folded[i], at + len(t)) for t in found[i]
                                 if (at := folded[i].find(t)) >= 0)  # fmt: skip

    best = max(range(len(spans)), key=lambda i: (value(i), defines(i), -i))
    chosen = [best]
    have = set(found[best])
    # the passage's own heading said again as its first sentence ("全力办好首届中国—亚欧博览会。"):
    # the citation shows it already, so the sentence after it is kept too
    restated = best == 0 and bool(heading) and folded[0].rstrip("。；;") == fold(heading)
    if (
        (explained or restated)
        and best + 1 < len(spans)
        and spans[best + 1][1] - spans[best][0] <= max_chars
    ):
        chosen.append(best + 1)
        have |= found[best + 1]
    while len(chosen) < max_sentences:
        lo, hi = min(chosen), max(chosen)
        options = [i for i in (lo - 1, hi + 1) if 0 <= i < len(spans)]
        options = [i for i in options if value(i, have) > 0]
        if not options:
            break
        nxt = max(options, key=lambda i: value(i, have))
        start, end = spans[min(lo, nxt)][0], spans[max(hi, nxt)][1]
        if end - start > max_chars:
            break
        chosen.append(nxt)
        have |= found[nxt]
    excerpt = text[spans[min(chosen)][0] : spans[max(chosen)][1]].strip()
    return trim(excerpt, fold, weights, max_chars)


def introduces_items(text: str) -> str:
    """The passage's last sentence if it leads into a list with a colon ("着力做好以下十一个
    方面工作：") or counts its items ("重点做好十一个方面工作。"): what a question about the
    items of a part ("分为几个方面") quotes of the part's lead, rather than the targets before
    it; else ""."""
    spans = sentence_spans(text)
    if not spans:
        return ""
    last = text[spans[-1][0] : spans[-1][1]].strip()
    return last if last.endswith(("：", ":")) or _COUNTS_ITEMS.search(last) else ""


# A sentence that counts the items that follow ("重点做好十一个方面工作。").
_COUNTS_ITEMS = re.compile(
    r"[一二两三四五六七八九十]+个?(?:方面|大任务|项重点)的?(?:工作|任务)?。$"
)


_CLAUSE = re.compile(r".+?(?:[，,、：:]|$)", re.S)
# After a term, what says what it is: "大花园是…", "“由大到强”，就是…", "两新即…"
_DEFINES = re.compile(r"[”\"]?[，,]?(?:就是|即(?!将|时)|是指|是(?!否)|指(?![标导数出挥]))")


def trim(
    text: str,
    fold: Callable[[str], str],
    weights: Mapping[str, float],
    max_chars: int = DEFAULT_CONFIG.excerpt_chars,
) -> str:
    """A sentence over `max_chars` cut to the run of its clauses that matches best,
    "…" marking each cut; cuts fall after a comma, never inside a number or a term."""
    if len(text) <= max_chars:
        return text
    clauses = [(m.start(), m.end()) for m in _CLAUSE.finditer(text) if m.group()]
    value = [sum(w for t, w in weights.items() if t in fold(text[s:e])) for s, e in clauses]
    best = (0.0, 0, 0)
    for i in range(len(clauses)):
        total = 0.0
        for j in range(i, len(clauses)):
            if clauses[j][1] - clauses[i][0] > max_chars - 2:
                break
            total += value[j]
            if total > best[0]:
                best = (total, i, j)
    if best[0] == 0.0:  # nothing matched: the start of the text
        _, i, j = 0.0, 0, 0
        while j + 1 < len(clauses) and clauses[j + 1][1] <= max_chars - 1:
            j += 1
    else:
        _, i, j = best
    start, end = clauses[i][0], clauses[j][1]
    if end - start > max_chars:  # one clause longer than the limit: cut at its end
        start = end - (max_chars - 1)
    return ("…" if start > 0 else "") + text[start:end] + ("…" if end < len(text) else "")
