"""Words of a question that jieba glues together though the reports write them apart.

Each function takes a folded question and gives it back with a space where a glued word is
cut: an adverb before its verb (一|共产 of "一共产了"), a plan verb 要 after a word the reports
have (比|重要|达到 of "比重要达到"), a year's 年 before what follows (年画 of "2017年画了"), a
question word cut across (多|少林 of "造多少林").
One word is said apart the other way: a separable verb with 了 or 过 inside ("脱了贫" for
脱贫), joined again (separable_joined).
`spans` are jieba's words with their places, `known` tells a word of the reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Spans = Callable[[str], list[tuple[str, int, int]]]

# "一共产了多少": jieba cuts 一|共产|了; an adverb of the question stands apart from its verb.
_ADVERB = re.compile(r"一共|总共|到底|究竟")
_YEAR_CHARACTER = re.compile(r"(?<!\d)(?:19|20)\d\d年")  # ends at the year's 年
# Question words (interrogative pronouns: how many, how big/long, what, how, which).
_QUESTION_WORD = re.compile(r"多少|多[大长久高远]|什么|怎么|怎样|哪[些个里儿]")


def adverbs_apart(folded: str, spans: Spans) -> str:
    """An adverb starting a jieba word (一|共产 of "一共产了") stands apart from what follows;
    one inside a word (统一|共享, 一抓到底) is left as it is."""
    if not _ADVERB.search(folded):
        return folded  # (no second cut of the question)
    starts = {s for _, s, _ in spans(folded)}
    return _ADVERB.sub(lambda m: f" {m[0]} " if m.start() in starts else m[0], folded)


def plan_verb_apart(
    folded: str, spans: Spans, known: Callable[[str], bool], listed: Callable[[str], bool]
) -> str:
    """要 that jieba joins to the character before it stands apart: where that character and
    the one before it make a word the reports have ("占GDP比重要达到多少": 比|重要|达到, said
    as 比重|要|达到, that word kept whole), or where the two make no word of the reports nor
    of jieba's dictionary (`listed`): "研发投入占比要达到多少": 占|比要|达到 (重要, 需要 stay)."""
    if "要" not in folded:
        return folded
    glued = [
        start
        for word, start, _ in spans(folded)
        if len(word) == 2 and word[1] == "要"
        and ((start > 0 and known(folded[start - 1 : start + 1]))
             or not (known(word) or listed(word)))
    ]  # fmt: skip
    for at in sorted(glued, reverse=True):
        folded = folded[: at + 1] + " " + folded[at + 1 :]
    return folded


def years_apart(folded: str, spans: Spans, known: Callable[[str], bool]) -> str:
    """A year's 年 that jieba joins to what follows into a word no report has ("2017年画了
    多少个停车位": 年画) stands with its year; one the reports have (年底, 年收入) stays. So
    does the 时 of "2016年时" ("2016年时说的": 时说)."""
    years = [m.end() - 1 for m in _YEAR_CHARACTER.finditer(folded)]
    if not years:
        return folded  # (no second cut of the question)
    # and "时" after it ("回顾2016年时说的": 时说, a word of jieba's no report has) stands apart
    # from what follows too: the year's "when"
    when = {at + 1 for at in years if folded[at + 1 : at + 2] == "时"}
    glued = {
        start
        for word, start, _ in spans(folded)
        if (start in years or start in when) and len(word) > 1 and not known(word)
    }
    for at in sorted(glued, reverse=True):
        before = " " if at in when else ""  # 时 stands alone: not 年时 either
        folded = folded[:at] + before + folded[at : at + 1] + " " + folded[at + 1 :]
    return folded


def question_words_apart(
    folded: str, spans: Spans, known: Callable[[str], bool], listed: Callable[[str], bool]
) -> str:
    """A question word that jieba cuts across into a word no report has stands apart: "造多少林"
    is 造|多|少林 (少林, a temple), "修多大面积" 修多|大面积; "造 多少 林", "修 多大 面积". A
    word holding it whole stays (多少岁, 怎么办, 什么样), and so does a cut between two report
    words (众多|大型), or after a word of jieba's dictionary (`listed`) that owns its first
    character ("好多少数民族", "很多少先队员", "差不多少了": 好多, 很多, 差不多, words of everyday
    talk no report may have)."""
    asked = [m.span() for m in _QUESTION_WORD.finditer(folded)]
    if not asked:
        return folded  # (no second cut of the question)
    words = spans(folded)
    apart = [
        (start, end)
        for start, end in asked
        if any(_crosses((s, e), (start, end)) and not known(w) for w, s, e in words)
        and not any(s < start < e < end and listed(w) for w, s, e in words)
    ]
    for start, end in reversed(apart):
        folded = f"{folded[:start]} {folded[start:end]} {folded[end:]}"
    return folded


def separable_joined(
    folded: str, spans: Spans, known: Callable[[str], bool], listed: Callable[[str], bool]
) -> str:
    """A two-character word said apart around 了 or 过 (a separable verb: "多少人脱了贫" says
    脱贫; "上了学", "通了车" where the reports say 上学, 通车) is said whole where the reports
    (`known`) and jieba's dictionary (`listed`) have it and its second character stands alone
    in the question (not "建了房子": 房子)."""
    found = [m for m in _SEPARABLE.finditer(folded) if known(w := m[1] + m[2]) and listed(w)]
    if not found:
        return folded  # (no second cut of the question)
    alone = {s for w, s, _ in spans(folded) if len(w) == 1}
    for m in reversed(found):
        if m.start(2) in alone:
            folded = folded[: m.start(1) + 1] + folded[m.start(2) :]
    return folded


_SEPARABLE = re.compile(r"([\u4e00-\u9fff])[了过]([\u4e00-\u9fff])")


def _crosses(word: tuple[int, int], asked: tuple[int, int]) -> bool:
    """Do the spans overlap with neither holding the other?"""
    (s, e), (start, end) = word, asked
    return s < end and start < e and not (s <= start and end <= e) and not (start <= s and e <= end)
