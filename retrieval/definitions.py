"""Which passage says what a term is: a definition question ("“双千计划”的含义是什么",
"放管服是什么意思") or one about what a quoted programme is made of ("“一门诊三中心”都有啥")
is answered first by the report's glossary entry of that term (名词解释, numbered notes
"〔6〕…"), or, with no entry, by the first passage under a heading that quotes the term, where
a section says what it is about ("（一）“三件大事”扎实有效推进。坚持把京津冀协同发展、…"),
unless only another passage says in its body what the term is (says_what)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence

from . import term_windows
from .abbreviations import ITEM_ENDS, items_said, spells_out_opening
from .glossary import glossary_term
from .models import Passage
from .query_types import Query
from .question import quoted_phrases
from .question_cues import plan_qualifies

# What a named programme is made of ("“一门诊三中心”都有啥"): its glossary entry says.
_COMPONENTS = re.compile(r"都有(?:啥|哪些|什么)|有哪些|包括(?:哪些|什么|啥)|包含|主要内容")
_QUOTES = "“”‘’\"'「」『』《》"  # around a glossary entry's term
_NOTE = re.compile(r"^[〔\[(（【]\d{1,3}[〕\])）】]")  # the note's number: "〔6〕一门诊三中心"


def asks_meaning(query: Query) -> bool:
    """Does the question ask what a term means or is made of ("“三大支撑”是什么意思", "“七优享”
    包括哪些")?"""
    return query.wants_definition or bool(_COMPONENTS.search(query.text))


def terms_defined(query: Query, phrases: Sequence[str]) -> list[str]:
    """The terms (folded) whose meaning the question asks: the quoted ones, else its words;
    [] when it asks no definition."""
    if not (
        query.wants_definition
        or (phrases and _COMPONENTS.search(query.text))
        or ("哪" in query.text and any(items_said(p) for p in phrases))  # "“六治”要治哪些"
    ):
        return []
    if phrases and all(plan_qualifies(p, query.text) for p in phrases):
        return []  # "“十三五”时期的总目标是什么" asks the target, not what 十三五 is
    return list(phrases) or [c.full[0] for c in query.concepts if len(c.full[0]) > 1]


def explains(term: str, asked: Sequence[str]) -> bool:
    """Is a glossary entry's term (its note number left out) one asked about, or a name made
    on one the entry quotes ("“五有”目标" for 五有)?"""
    term = _NOTE.sub("", term)
    return term.strip(_QUOTES) in asked or any(term.startswith(f"“{t}”") for t in asked)


def entry_term(folded: str, section: Sequence[str], fold: Callable[[str], str]) -> str:
    """The term a glossary entry (`folded`, under `section`) explains: its own "term：…", else
    its heading's ("名词解释 > 三倍")."""
    return glossary_term(folded) or (fold(section[-1]) if section else "")


def definition_first(
    ranked: list[tuple[int, float]],
    terms: Sequence[str],
    quoted: bool,
    passage: Callable[[int], Passage],
    folded: Callable[[int], str],
    fold: Callable[[str], str],
    answers: Callable[[int], bool],
    glossary: Callable[[int], bool] | None = None,
    section: Callable[[int], tuple[str, ...]] | None = None,
    spelled_elsewhere: Callable[[], int | None] | None = None,
) -> list[tuple[int, float]]:
    """`ranked` with the passage that says what one of `terms` is first (see the module
    docstring), if it answers the question (`answers`: the abstention tests): one that does
    not is no reason to refuse. `folded`: passage i's folded text; `quoted`: the terms were
    quoted in the question; `glossary(i)` and `section(i)`, when given, say what
    passage(i).glossary and .section say without a Passage made (PassageTable's columns).
    `spelled_elsewhere`: a passage that spells an abbreviated term out without saying it
    (abbreviations.py), looked for when none of `ranked` says what the term is."""
    glossary = glossary or (lambda i: passage(i).glossary)
    section = section or (lambda i: passage(i).section)
    for k, (i, _) in enumerate(ranked):
        term = entry_term(folded(i), section(i), fold) if glossary(i) else None
        if term is not None and explains(term, terms):
            return _first(ranked, k) if answers(i) else ranked
    marks = [f"“{t}”" for t in terms] if quoted else []

    def quotes_term(i: int) -> bool:
        path = section(i)
        return bool(path) and any(m in fold(path[-1]) for m in marks)

    # "创办“民声呼应”平台体系，是…": a passage saying what it is, before a heading quoting it
    is_ = next((k for k, (i, _) in enumerate(ranked) if says_what_it_is(folded(i), terms)), None)
    if quoted and is_ is not None and answers(ranked[is_][0]):
        return _first(ranked, is_)
    under = [k for k, (i, _) in enumerate(ranked) if marks and quotes_term(i)]
    said = (  # (terms not quoted: not looked for)
        next((k for k, (i, _) in enumerate(ranked) if says_what(folded(i), terms)), None)
        if quoted
        else None
    )
    said = said if said is not None and answers(ranked[said][0]) else None
    if under:  # the section's opening passage, unless only another says what it is
        k = min(under, key=lambda k: ranked[k][0])
        if said is None or says_what(folded(ranked[k][0]), terms):
            return _first(ranked, k) if answers(ranked[k][0]) else ranked
    if said is not None:
        return _first(ranked, said)
    spelled = spelled_elsewhere() if spelled_elsewhere is not None and ranked else None
    if spelled is not None and answers(spelled):
        return [(spelled, ranked[0][1]), *((i, s) for i, s in ranked if i != spelled)]
    return ranked


def says_what(text: str, terms: Sequence[str]) -> bool:
    """Does `text` (folded) say in its body what one of `terms` (quoted in the question) is
    made of or is: the words quoted before it ("弘扬“登高望远、自信开放、团结奉献、不懈奋斗”
    的新青海精神"), a list right before it ("抓好稳定、发展、生态、强边“四件大事”", "新型农村
    合作医疗、…、城镇职工基本医疗保险等医疗保障“三张网”"), or the
    quoted term said to be something ("“建成支点、走在前列、谱写新篇”，是…", "创办“民声呼应”
    平台体系，是…")?"""
    return any(_says_what_near(text, t) or spells_out(text, t) for t in terms)


def _says_what_near(text: str, term: str) -> bool:
    """_says_what's patterns for `term`, looked for around where `text` says it."""
    count = _count_named(term)
    pattern = functools.partial(_says_what, count=count)
    within = functools.partial(term_windows.says_what_it_is, item=_ITEM, kind=_KIND,
                               separators=_separators(count), counted=bool(count))  # fmt: skip
    return _near_term(pattern, text, term, _says_what_before(count), _may_say_what, within)


# A list before a term says what it is made of only where the term counts its things ("四件大事",
# "三张网"); one before a name ("…补水工程、实施新三年“兴边富民工程”") is a list it stands in.
_NAMES_A_COUNT = re.compile(r"[一二两三四五六七八九十百千万]")


def _count_named(term: str) -> int:
    """The count a term names ("七优享": 7, "三元双向": 3; 一: 1; 百, 千, 万: more than a
    short list holds, 10), 0 for none."""
    found = _NAMES_A_COUNT.search(term)
    return 0 if found is None else _COUNTS.get(found[0], 1 if found[0] == "一" else 10)


# A counted term: a count, a measure word or 大, and the word each of its things says ("三个一流",
# "四个中心", "两大基地"); the word is two characters or more (one, 城 or 子, says too little,
# but for a term of several counts, whose list _item reads whole item by item).
_COUNTS = {c: n for n, c in enumerate("二三四五六七八九十", 2)} | {"两": 2}
_COUNTED = re.compile(rf"([{''.join(_COUNTS)}])(?:个|大|项|种|类)?(\w{{2,6}})")
# A term of several counts, each with its word ("两区一胜地": 两 区, 一 胜地); no measure word
# opens a word ("三个一批" is one count of 一批)
_COUNTED_PARTS = re.compile(r"([一二两三四五六七八九十])([^一二两三四五六七八九十个大项种类]{1,3})")
_LIST_GAP = re.compile(r"[^，,。；;：:“”]{0,20}?(?:、|和|及|与|以及)[^，,。；;：:“”]{0,20}")
_LIST_GAP_LONGEST = 20 + 2 + 20  # _LIST_GAP's longest match: 20, 以及, 20 characters


def counted_terms_listed(question: str, text: str) -> str:
    """The counted terms the question quotes that `text` (folded) spells out, space-led ("
    三个一流"), or "": what the list says, as the passage's heading says what it is under."""
    listed = [t for t in quoted_phrases(question) if spells_out(text, t)]
    return " " + " ".join(listed) if listed else ""


def spells_out(text: str, term: str) -> bool:
    """Does `text` (folded) list the things a counted term names, each saying its word, one
    after another in a list ("“三个一流”": "一流的新兴产业基地、一流的自主创新基地和一流的现代
    宜居城市"; "“四个中心”": "政治中心、文化中心、国际交往中心、科技创新中心"; "“两区一胜地”":
    "…示范区、…核心区、世界级高山峡谷旅游胜地")?"""
    counted = _counted(term)
    if counted is None:  # a count of one character ("“五懂”": "懂科技、懂产业、…、懂管理")
        return spells_out_opening(text, term)
    words, listed = counted
    return all(text.count(w) >= n for w, n in words) and bool(listed(text))


@functools.lru_cache(maxsize=256)
def _counted(term: str) -> tuple[tuple[tuple[str, int], ...], Callable[[str], object]] | None:
    """A counted term's words with how many things say each, and the list that spells it out;
    None for any other term (read once per term: the quoted-phrase scan asks it of up to 5000
    candidates). A term of several counts ("两区一胜地") lists each word as often as its count
    says, in order, one whole item each (three things or more: "一县一场" is no list); its words
    may be one character, the counts say the rest (_item)."""
    parts = _COUNTED_PARTS.findall(term)
    counts = [(w, _COUNTS.get(c, 1)) for c, w in parts]
    several = len(parts) > 1 and "".join(c + w for c, w in parts) == term
    if several and sum(n for _, n in counts) >= 3:
        items = "[、和及与]".join(_item(w) for w, n in counts for _ in range(n))
        listed = re.compile(rf"(?:^|(?<=[{ITEM_ENDS}])){items}(?=[{ITEM_ENDS}]|$)")
        said: Callable[[str], object] = listed.search
    elif (counted := _COUNTED.fullmatch(term)) is not None:
        counts = [(counted[2], _COUNTS[counted[1]])]
        said = functools.partial(term_windows.said_in_a_row, word=counted[2], times=counts[0][1],
                                 gap=_LIST_GAP, longest=_LIST_GAP_LONGEST)  # fmt: skip
    else:
        return None
    words = Counter[str]()
    for w, n in counts:
        words[w] += n
    return tuple(words.items()), said


def _item(word: str) -> str:
    """One item of a list spelling out a term of several counts: a whole item saying `word`;
    a word of one character opens or ends it ("示范区", "低交易成本"), as a character in the
    middle may be any word's ("整体责任" says no 体 of 三位一体)."""
    other, w = f"[^{ITEM_ENDS}]{{0,20}}", re.escape(word)
    return f"(?:{w}{other}|{other}{w})" if len(word) == 1 else f"{other}{w}{other}"


# A list's item: up to 12 characters, or up to 20 with one name quoted ("改造升级“老字号”")
_ITEM = r"(?:[^，,。；;、“”]{1,12}|[^，,。；;、“”]{0,8}“[^，,。；;、“”]{1,6}”[^，,。；;、“”]{0,4})"
_ITEM_LONGEST = 8 + 1 + 6 + 1 + 4
# After a list's 等, up to 8 more characters before the term ("…、城镇职工基本医疗保险等医疗保障
# “三张网”": the last item may run that much longer)
_KIND = r"[^，,。；;、“”等]{0,8}"
# How far a match of _says_what may start before the term it ends on: “ + 80 + ” + 为主要内容
# + 的, or the items a list before a counted term needs (_says_what: any longer list ends with
# one that matches), each with its 、, then 等, KIND and “.
_QUOTED_BEFORE = 1 + 80 + 1 + 5 + 1
_LIST_TAIL = _ITEM_LONGEST + 1 + 8 + 1 + 1  # ITEM, 等, KIND, “: how far a list's last 、 stands


def _says_what_before(count: int) -> int:
    """How far before a term with `count` (_count_named) a match of _says_what may start."""
    items = _separators(count) + 1
    return max(_QUOTED_BEFORE, items * (_ITEM_LONGEST + 1) + 1 + 8 + 1)


_IS_AFTER = 1 + 6 + 1 + 2  # ”, six characters, a comma, 就是: how far _is runs past the term


def says_what_it_is(text: str, terms: Sequence[str]) -> bool:
    """Does `text` (folded) say one of `terms` (quoted) is something ("“X”平台体系，是…")?"""
    return any(_near_term(_is, text, t, 1, _quoted, term_windows.says_it_is) for t in terms)


def _quoted(text: str, at: int, end: int) -> bool:
    """Is text[at:end] within “”, as _is's matches have it?"""
    return text[at - 1 : at] == "“" and text[end : end + 1] == "”"


def _may_say_what(text: str, at: int, end: int) -> bool:
    """What each of _says_what's patterns needs around the term at text[at:end]: ”的 right
    before it, a 、 at most _LIST_TAIL characters before it (ITEM、ITEM等KIND“?), or quotes round
    it."""
    return (
        text[at - 2 : at] == "”的"
        or "、" in text[max(0, at - _LIST_TAIL) : at]
        or _quoted(text, at, end)
    )


def _near_term(pattern: Callable[[str], str], text: str, term: str, before: int,
               may: Callable[[str, int, int], bool],
               within: Callable[..., bool]) -> bool:  # fmt: skip
    """re.search(pattern(term), text), looked for (`within`: term_windows.py) only where `text`
    says `term` and `may` finds there what every match needs, from `before` characters before
    it to _IS_AFTER after it, where every match lies: not in each candidate's whole text."""
    if not term:
        return re.search(pattern(""), text) is not None
    found = text.find(term)
    while found != -1:
        end = found + len(term)
        if may(text, found, end) and within(text, term, max(0, found - before), end + _IS_AFTER):
            return True
        found = text.find(term, found + 1)
    return False


def _is(term: str) -> str:
    """The pattern of says_what_it_is for `term` (escaped): the whole regex that
    term_windows.says_it_is matches without compiling it (tests hold the two equal)."""
    return term_windows.IS_PREFIX + term + term_windows.IS_SUFFIX


def _says_what(term: str, count: int) -> str:
    """The patterns of says_what; `count`: the count the term names (0: none). A list before
    a counted term says what it is made of when it has at least one item less than the count
    (its last item may follow 和, not 、); "七优享" standing in a list of three only names it.
    (term_windows.says_what_it_is matches it without compiling it.)"""
    listed = term_windows.list_before(_ITEM, _KIND, _separators(count), bool(count))
    return rf"{term_windows.QUOTED_BEFORE}{term}|{listed}{term}|{_is(term)}"


def _separators(count: int) -> int:
    """The 、 a list before a term counting `count` things has at least (see _says_what)."""
    return max(1, count - 2)


def _first(ranked: list[tuple[int, float]], k: int) -> list[tuple[int, float]]:
    return [ranked[k], *ranked[:k], *ranked[k + 1 :]] if k else ranked


term_windows.compile_lists(_ITEM, _KIND, _separators(10))  # every count's list, at import
