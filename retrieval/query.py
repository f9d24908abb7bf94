"""Question analysis: weighted search terms, concept groups, and what kind of answer is wanted."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from .answer_types import asked_attribute, asks_delivery
from .config import QueryWeights
from .cuts import Cuts
from .numbers import report_forms
from .question import numeral_value
from .report_parts import asks_plan, asks_result
from .thesaurus import Keys, read_thesaurus
from .tokens import DATA, Tokenizer, read_word_list
from .units import asked_unit, unglue_unit
from .variants import town_and_country, whole_named
from .word_kinds import word_tag

_UNIT = re.compile(
    r"[万亿千百]?(?:人|元|户|个|家|所|条|座|亩|吨|公里|米|平方米|平方公里|千瓦|台|辆|件|项|次)"
)
# "一共产了多少": jieba cuts 一|共产|了; an adverb of the question stands apart from its verb.
_ADVERB = re.compile(r"一共|总共|到底|究竟")


_NUMBER = re.compile(
    r"多少|几[个项条家所名万千百亿年天次户人座]?|比例|比重|百分之|占比|增速|增幅|规模|总额|总量|数量|多大|多长|多高|多远|多久|金额"
)
_MAGNITUDE = re.compile(r"(?:几|多少)[十百千万亿]+(?![元吨人户个家所条辆台套座头张床])")
_DEFINITION = re.compile(
    r"是什么意思|什么意思|指什么|指的是|是指|是什么|含义|定义|解释|哪[几两三四五六七八九十]"
)
_SECTION = re.compile(
    r"标题|部分|哪几方面|哪些方面|几个方面|几大方面|几大?(?:块|板块)(?=[？?。！!，,呢吧]|$)|主要内容|重点工作|讲了什么|讲什么|章节|一节"
    r"|(?:是|讲|说|写)的?是?什么内容|内容是什么|讲的是什么|说的是什么|写了什么"
    # "讲民生的是哪一条 / 第几部分": which heading, at the end of the question
    r"|(?:哪一?个?部分|第几部分|(?:哪一|第几)[条项节])(?=[？?。！!，,呢]|$)"
    # "关于文化的那一项是怎么表述的": the item (a heading) about something
    r"|(?:哪|那)一[条项节](?=\s*(?:是|叫|的?标题|[？?。！!，,呢]|$))"
)
# How something is worded ("是怎么表述的", "原文"): what is asked is the report's own words,
# which every citation quotes; these words are not searched for.
_WORDING = re.compile(
    r"是?(?:怎么|如何|怎样)(?:表述|表达|写|说|提)的?(?=[？?。！!，,呢吗]|$)|原文|原话|原句"
)  # at a clause end: not 如何提振消费, 怎么写好
# An A-not-A question ("好不好", "能不能", "有没有") asks yes or no; it is no word to search.
# Of A-not-AB ("安不安全", "满不满意") only "A不" goes: AB is the word asked about.
_A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没]\1([\u4e00-\u9fff]?)")
# "有多大", "有多高" ask how big (wants_number); jieba cuts 有|多|大, and 多, 大 are no words
# of what is asked ("多大" alone is a stop word).
_HOW_BIG = re.compile(r"多[大高](?=[？?。！!，,呢吗了啊]|$)")
LAST = -1  # Query.ordinal of "最后一部分": the last heading at that level
_ORDINAL = re.compile(
    r"(?:(?<!倒数)第([一二三四五六七八九十]{1,3}|\d{1,2})|最后一?)(?:个|大)?(部分|项|方面|条|点|节)"
)
# A figure: digits, or a Chinese numeral with what it counts ("十五连增", "三个", "两倍"),
# not an ordinal ("第七次").
FIGURE = re.compile(
    r"\d|(?<![第一二两三四五六七八九十百千万])[二两三四五六七八九十百千万][一二两三四五六七八九十百千万]*"
    r"(?:连[增涨升降]|倍|成|[个项条家所座户名])"
)
_RELATIVE_YEARS = {
    "今年": 0,
    "本年": 0,
    "当年": 0,
    "去年": -1,
    "上年": -1,
    "前年": -2,
    "明年": 1,
}
_RELATIVE_YEAR = re.compile("|".join(_RELATIVE_YEARS))
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=年|\D|$)")
_YEAR_CHARACTER = re.compile(r"(?<!\d)(?:19|20)\d\d年")  # ends at the year's 年
GENERIC_WORDS = DATA / "generic.txt"


@dataclass(frozen=True, slots=True)
class Concept:
    """One thing the question asks about, and the words that say it.

    Any `full` word (the question's word, or the report's wording from the thesaurus)
    satisfies it; a `partial` word (a piece of a longer word, "世界" of "世界杯") only half.
    """

    full: tuple[str, ...]
    partial: tuple[str, ...] = ()
    weight: float = 1.0


def is_topic(concept: Concept) -> bool:
    """What the question is about, not when or in what unit: a year (2021) or a unit (吨,
    万人) is checked on its own (the year test, the unit test), not counted as topic."""
    return not all(t.isdigit() or _UNIT.fullmatch(t) for t in concept.full)


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    weights: dict[str, float]  # search term -> query weight
    concepts: tuple[Concept, ...]
    wants_number: bool = False
    wants_definition: bool = False
    wants_section: bool = False
    asks_plan: bool = False  # a target or plan ("今年要…", "目标"), report_parts.py
    asks_result: bool = False  # the actual result of a year ("实际增长了多少")
    words: tuple[str, ...] = ()  # the question's jieba words, place names left out
    people: tuple[str, ...] = ()  # names of people, where it asks who gave the report
    ordinal: int | None = None  # "第二部分" -> 2, "最后一部分" -> LAST
    ordinal_level: int = 1  # 1: 一、 (部分); 2: (一) (项, 方面)
    part_named: tuple[str, ...] = ()  # "重点工作的第一部分": the part whose N-th part is asked
    years: tuple[str, ...] = ()  # years the question names, e.g. ("2020",)
    relative_years: tuple[int, ...] = ()  # 今年 0, 去年 -1, 明年 1: from the report's own year
    unit: str | None = None  # the unit a figure is asked in ("多少吨": 吨)
    attribute: str | None = None  # what "X是多少 / X是谁" asks the value of (answer_types.py)
    partial_credit: float = 0.0  # share of a concept's weight its pieces earn (config)


def _ordinal(text: str) -> tuple[int | None, int, tuple[str, ...]]:
    """The heading a question numbers, its level ("第二部分" a part: 1, "第三项" an item: 2)
    and the words of a part named before a 第N部分 ("重点工作的第一部分": 重点工作; none for
    "报告的第二部分", "关于政府治理的第三部分", which says what the part is about)."""
    m = _ORDINAL.search(text)
    if not m:
        return None, 1, ()
    raw, unit = m.group(1), m.group(2)
    n = LAST if raw is None else numeral_value(raw)  # None: 最后一部分
    if unit != "部分":
        return n, 2, ()
    return n, 1, tuple(_CJK_RUN.findall(_NOT_A_PART.sub(" ", text[: m.start()])))


# What may stand before "第N部分" and name no part: the report, its year, 的 / 里 / 中.
_NOT_A_PART = re.compile(
    r"(?:本|这份|该)?(?:政府)?(?:工作)?报告|\d{4}年?|今年|[的里中省市县区]|关于.*"
)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


class _SpanSet:
    """Does a span lie strictly inside one of these word spans?"""

    def __init__(self, words: list[tuple[int, int]]) -> None:
        self._words = words

    def __contains__(self, span: object) -> bool:
        if not isinstance(span, tuple):
            return False
        s, e = span
        return any(ws <= s and e <= we and (ws, we) != (s, e) for ws, we in self._words)


class QueryBuilder:
    """Turns a question into weighted terms, expanding colloquial wording via the thesaurus."""

    def __init__(
        self,
        tokenizer: Tokenizer,
        thesaurus: dict[str, tuple[str, ...]] | None = None,
        known: Callable[[str], bool] = lambda word: False,
        weights: QueryWeights | None = None,
        cuts: Cuts | None = None,
    ) -> None:
        self.tokenizer = tokenizer
        self.cuts = cuts or Cuts(tokenizer)  # the question's cuts, each string cut once
        self.weights = weights or QueryWeights()
        self.known = known  # is this a word of the reports' vocabulary?
        self.generic = read_word_list(GENERIC_WORDS)
        if thesaurus is None:
            thesaurus = read_thesaurus() if self.weights.thesaurus else {}
        self._thesaurus = {
            tokenizer.fold(k): tuple(tokenizer.fold(t) for t in v) for k, v in thesaurus.items()
        }
        self._keys = Keys(list(self._thesaurus))
        # jieba's cuts of thesaurus entries and question words, kept: the same strings come
        # back question after question (a thesaurus key costs a dozen cuts).
        self._words: Callable[[str], tuple[str, ...]] = lru_cache(maxsize=4096)(self._cut)
        self._precise: Callable[[str], tuple[str, ...]] = lru_cache(maxsize=1024)(self._cut_precise)

    def _cut(self, text: str) -> tuple[str, ...]:
        return tuple(self.tokenizer.words(text))

    def _cut_precise(self, text: str) -> tuple[str, ...]:
        return tuple(self.tokenizer.precise_terms(text))

    def discount(self, term: str) -> float:
        """Generic report words and lone characters say little about what is asked."""
        if term in self.generic:
            return self.weights.generic
        if _UNIT.fullmatch(term):
            return self.weights.unit
        if len(term) == 1 and not term.isdigit():
            return self.weights.single_char
        return 1.0

    def _inside_known_words(self, text: str) -> _SpanSet:
        """Spans that lie strictly inside a longer word of the reports' vocabulary."""
        return _SpanSet(
            [(s, e) for word, s, e in self.cuts.spans(text) if len(word) > 1 and self.known(word)]
        )

    def _yes_or_no(self, m: re.Match[str]) -> str:
        """An A-not-A match left out; of A-not-AB the word AB stays ("安不安全": 安全), where
        A is no function word (有没有人, 是不是要, 能不能用: A-not-A, then a word)."""
        a, ab = m.group(1), m.group(1) + m.group(2)
        if len(ab) == 2 and a not in self.tokenizer.stop_words and self.known(ab):
            return f" {ab}"
        return f" {m.group(2)}"

    def _adverbs_apart(self, folded: str) -> str:
        """An adverb starting a jieba word (一|共产 of "一共产了") stands apart from what follows;
        one inside a word (统一|共享, 一抓到底) is left as it is."""
        if not _ADVERB.search(folded):
            return folded  # (no second cut of the question)
        starts = {s for _, s, _ in self.cuts.spans(folded)}
        return _ADVERB.sub(lambda m: f" {m[0]} " if m.start() in starts else m[0], folded)

    def _years_apart(self, folded: str) -> str:
        """A year's 年 that jieba joins to what follows into a word no report has ("2017年画了
        多少个停车位": 年画) stands with its year; one the reports have (年底, 年收入) stays."""
        years = [m.end() - 1 for m in _YEAR_CHARACTER.finditer(folded)]
        if not years:
            return folded  # (no second cut of the question)
        glued = {
            start
            for word, start, _ in self.cuts.spans(folded)
            if start in years and len(word) > 1 and not self.known(word)
        }
        for at in sorted(glued, reverse=True):
            folded = folded[: at + 1] + " " + folded[at + 1 :]
        return folded

    def build(self, text: str, drop: Sequence[str] = ()) -> Query:
        folded = self.tokenizer.fold(text)
        for name in sorted(drop, key=len, reverse=True):
            folded = folded.replace(name, " ")
        ordinal, level, part_named = _ordinal(folded)
        if ordinal is not None:
            folded = _ORDINAL.sub(" ", folded)
        folded = self._adverbs_apart(unglue_unit(folded, self.cuts.spans, self.known))
        folded = self._years_apart(folded)
        words = [w for w, _, _ in self.cuts.spans(folded)]  # report_parts.py reads these
        # Cue phrases say what kind of answer is wanted; they are not searched for.
        folded = _A_NOT_A.sub(self._yes_or_no, _WORDING.sub(" ", folded))
        wants_section = bool(_SECTION.search(folded)) or ordinal is not None
        folded = _SECTION.sub(" ", folded)
        wants_definition = bool(_DEFINITION.search(folded)) and not wants_section
        folded = _DEFINITION.sub(" ", folded)
        # "过了几万亿", "多少亿": the size of the figure asked for, not a word to search.
        magnitude = bool(_MAGNITUDE.search(folded))
        folded = _MAGNITUDE.sub(" ", folded)

        weights: dict[str, float] = {}
        concepts: list[Concept] = []

        def add(term: str, weight: float) -> None:
            weights[term] = max(weights.get(term, 0.0), weight * self.discount(term))

        def concept(full: list[str], weight: float, said: int = 0) -> Concept:
            full = list(dict.fromkeys(full))
            own = [p for w in full[:said] for p in self._words(w) if p not in full]
            pieces = own or (p for w in full for p in self._words(w))
            return Concept(
                tuple(full), tuple(p for p in dict.fromkeys(pieces) if p not in full), weight
            )

        # Thesaurus keys, longest first, each part of the question used once; a key inside
        # a longer word the reports use ("收入" in "可支配收入") is left to that word.
        # Figures come first, as entries made from the question (numbers.py): 百分之五 -> 5%.
        rest = folded
        inside_known = self._inside_known_words(folded)
        figures = report_forms(folded)
        for key in [*figures, *self._keys.held(folded)]:
            start = rest.find(key)
            while start != -1 and (start, start + len(key)) in inside_known:
                start = rest.find(key, start + 1)
            if start == -1:
                continue
            rest = rest[:start] + " " * len(key) + rest[start + len(key) :]
            spellings = figures[key] if key in figures else self._thesaurus[key]
            own = list(dict.fromkeys(self._words(key)))  # tokenizer.query_terms(key)
            for term in own:
                add(term, 1.0)
            for phrase in spellings:
                for term in self._words(phrase):
                    if term not in own:
                        add(term, self.weights.expansion)
            said = list(self._precise(key))
            if key in figures or len(said) > 1:
                said = [key]  # "专项债" (专项|债): the key, its pieces half (not 专项 alone)
            concepts.append(concept([*said, *spellings], 1.0, len(said)))
        rest = _HOW_BIG.sub(lambda m: " " * len(m[0]), rest)
        for term in self.cuts.query_terms(rest):
            add(term, 1.0)
        for word in self.cuts.precise_terms(rest):
            concepts.append(concept([word], self.discount(word)))
        for k in town_and_country([c.full for c in concepts]):  # 城乡 says towns and country
            concepts[k] = replace(concepts[k], full=(*concepts[k].full, "城乡"))
        for k, c in enumerate(concepts):  # "全年生产总值" says the 地区生产总值 asked
            if alone := [w for t in c.full if (w := whole_named(t)) and w not in c.full]:
                concepts[k] = replace(c, full=(*c.full, *alone))
        return Query(
            text=text,
            weights=weights,
            concepts=tuple(concepts),
            wants_number=magnitude or bool(_NUMBER.search(folded)),
            unit=asked_unit(folded),
            attribute=asked_attribute(words, word_tag),
            partial_credit=self.weights.partial_credit,
            wants_definition=wants_definition,
            wants_section=wants_section,
            asks_plan=asks_plan(words),
            asks_result=asks_result(words),
            words=tuple(words),
            people=tuple(self.tokenizer.people(text)) if asks_delivery(text) else (),
            ordinal=ordinal,
            ordinal_level=level,
            part_named=part_named,
            years=tuple(dict.fromkeys(_YEAR.findall(folded))),
            relative_years=tuple(
                dict.fromkeys(_RELATIVE_YEARS[w] for w in _RELATIVE_YEAR.findall(folded))
            ),
        )
