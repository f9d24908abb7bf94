"""definitions.py's patterns around a quoted term, matched without compiling one per term.

Each pattern of definitions._is and definitions._says_what is `PREFIX term SUFFIX`, the term
written literally (escaped). Compiling such a pattern for every new term cost 0.2-0.9 ms
(its character classes with Chinese characters are optimized in pure Python), once per term
asked: a question quoting a term paid ~1 ms before its first answer. Here the parts around
the term are compiled once (per count, for a list's items) and the term is found by
str.find: a pattern matches within text[lo:hi] exactly when the term stands at some q with
lo <= q and q + len(term) <= hi, PREFIX matches text[s:q] for some s >= lo and SUFFIX matches
from q + len(term) to some end <= hi. PREFIX has no anchors nor lookarounds (so searching it
anchored at the end of text[lo:q], endpos q, finds such an s exactly when there is one);
SUFFIX's lookbehinds read the same characters in both (a search's pos does not hide what lies
before it). tests/test_definitions_window.py checks them against the whole patterns.
"""

from __future__ import annotations

import functools
import re

# The pieces of definitions._is and _says_what (which build their whole patterns from these):
# _is: “term”, then up to six characters, a comma, and 是 or 即 ("“民声呼应”平台体系，是…";
# not "“放管服”改革特别是…", "“X”改革随即…")
IS_PREFIX = "“"
IS_SUFFIX = r"”[^，,。；;“”]{0,6}[，,]?(?:(?<![别其还也都更或凡于])是|(?<![立随])即)"
# _says_what's first pattern: the words quoted before the term, “…”的新青海精神
QUOTED_BEFORE = r"“[^“”]{4,80}”(?:为(?:主要)?内容)?的"


def list_before(item: str, kind: str, separators: int, counted: bool) -> str:
    """_says_what's second pattern, the part before the term: a list of `item`s, at least
    `separators` 、 and 等 `kind` before a term that counts its things (强边“四件大事”), or
    three items and 的 before one that does not (…、开放进取的新疆精神)."""
    if counted:
        return rf"(?:{item}、){{{separators},}}{item}(?:等{kind})?“?"
    return rf"(?:{item}、){{2,}}{item}的"


_IS_SUFFIX = re.compile(IS_SUFFIX)
_QUOTED_BEFORE = re.compile(rf"(?:{QUOTED_BEFORE})\Z")


@functools.lru_cache(maxsize=32)
def _list_before(item: str, kind: str, separators: int, counted: bool) -> re.Pattern[str]:
    """list_before's pattern, anchored at the end of what is searched (the term's start)."""
    return re.compile(rf"(?:{list_before(item, kind, separators, counted)})\Z")


def compile_lists(item: str, kind: str, most: int) -> None:
    """Compile _list_before's patterns for up to `most` separators now (~1 ms each, at
    import), not on the first question quoting a term of that count."""
    for separators in range(most + 1):
        _list_before(item, kind, max(1, separators), bool(separators))


def says_it_is(text: str, term: str, lo: int, hi: int) -> bool:
    """re.search(definitions._is(re.escape(term)), text, lo, hi) is not None; `term` not
    empty."""
    size, at = len(term), text.find(term, lo + 1)
    while at != -1 and at + size <= hi:
        if text[at - 1] == IS_PREFIX and _IS_SUFFIX.match(text, at + size, hi) is not None:
            return True
        at = text.find(term, at + 1)
    return False


def says_what_it_is(
    text: str, term: str, lo: int, hi: int, item: str, kind: str, separators: int, counted: bool
) -> bool:
    """re.search(definitions._says_what(re.escape(term), count), text, lo, hi) is not None,
    for a count that is `counted` (not 0) and needs `separators` (definitions._separators);
    `item` and `kind`: definitions._ITEM and _KIND; `term` not empty."""
    if says_it_is(text, term, lo, hi):
        return True
    listed = _list_before(item, kind, separators, counted)
    size, at = len(term), text.find(term, lo)
    while at != -1 and at + size <= hi:
        if _QUOTED_BEFORE.search(text, lo, at) or listed.search(text, lo, at):
            return True
        at = text.find(term, at + 1)
    return False


def said_in_a_row(text: str, word: str, times: int, gap: re.Pattern[str], longest: int) -> bool:
    """re.search(f"(?:{gap.pattern})".join([re.escape(word)] * times), text) is not None, with
    no pattern compiled for the word: `word` said `times` times, each after the one before
    with `gap` (no anchors nor lookarounds; at least one character and at most `longest`)
    fully between them.
    A chain of its occurrences, each the longest ending there from those just before it."""
    size, starts, at = len(word), [], text.find(word)
    while at != -1:
        starts.append(at)
        at = text.find(word, at + 1)
    if times <= 1 or not starts:
        return bool(starts) or times <= 0
    chain: list[int] = []  # the longest run ending at each occurrence
    for start in starts:
        best = 1
        for k in range(len(chain) - 1, -1, -1):
            end = starts[k] + size
            if start - end > longest:
                break  # (the ones before end earlier still)
            if end < start and chain[k] >= best and gap.fullmatch(text, end, start):
                best = chain[k] + 1
        if best >= times:
            return True
        chain.append(best)
    return False
