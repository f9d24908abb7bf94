"""Is what a question asks about named: the indicator in the passage that gives its figure,
the attribute ("X是多少", "X是谁") in the passage's report, and not another indicator in its
place (城镇调查失业率 for 城镇登记失业率, variants.py)? Part of the abstention tests."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from .answer_types import AMOUNT_WORDS, SHARE_GIVEN, SHARE_WORDS
from .config import EngineConfig
from .query_types import Query, is_telling, is_topic
from .said_apart import said_apart
from .variants import (
    MIN_WORD,
    both_town_and_country,
    other_modifier,
    other_modifier_of_run,
    runs,
)


def names_indicator(
    query: Query,
    text: str,
    weights: Sequence[float],
    config: EngineConfig,
    report_holds: Callable[[str], bool],
    known: Callable[[str], bool],
) -> bool:
    """Does the passage (`text`, with its headings) name the question's heaviest topic word,
    if that is an indicator (a long word its report uses elsewhere: 地区生产总值), in full or
    in most of its pieces ("城乡居民人均可支配收入" asked, "城乡人均可支配收入" found)?
    `report_holds`: does the passage's report have the word; `known`: does any passage."""
    topic = [(w, c) for c, w in zip(query.concepts, weights, strict=True)
             if is_telling(c)]  # fmt: skip
    if not topic:
        return True
    word = max(topic, key=lambda pair: pair[0])[1]
    if len(word.full[0]) < config.indicator_chars or any(t in text for t in word.full):
        return True
    if word.apart and said_apart(text, word.apart):
        return True  # "粮食生产再获丰收，总产达到557亿斤": 粮食总产, in one sentence
    pieces = sum(len(p) for p in word.partial if p in text)
    if pieces >= config.indicator_pieces * len(word.full[0]):
        return True
    # the user's own words, if the report does not use them; unless the passage holds no
    # piece of them either and other reports name them: a report that never names an
    # indicator the others name (固定资产投资) does not give it, one that words it its own
    # way ("居民消费价格上涨2.4%" for 价格指数) may
    # (a piece that only says a size, 总额 of 进出口总额, is no piece of the indicator)
    piece = any(len(p) > 1 and p in text and p not in AMOUNT_WORDS for p in word.partial)
    return not any(report_holds(t) or (not piece and known(t)) for t in word.full)


# A figure the question states: digits, a decimal part, a percent sign (jieba's "8.5%").
_STATED_FIGURE = re.compile(r"\d+(?:\.\d+)?%?")
_YEAR_FIGURE = re.compile(r"(?:19|20)\d\d")


def states_unheld_figure(query: Query, report_holds: Callable[[str], bool]) -> bool:
    """Does the question state a figure (not a year; over ten, as a report may spell a small
    one 三) that the passage's report never gives ("小孩发烧38度5要不要马上去医院": no 38)?
    A report that speaks of what the question says has its figures ("230个省重大项目",
    "“1222”制造业产业体系"). `report_holds`: does the passage's report have the word."""
    for concept in query.concepts:
        stated = [t for t in concept.full if _STATED_FIGURE.fullmatch(t)]
        if (
            stated
            and len(stated) == len(concept.full)
            and not any(_YEAR_FIGURE.fullmatch(t) for t in stated)
            and float(stated[0].rstrip("%")) > 10
            and not any(report_holds(t) for t in stated)
        ):
            return True
    return False


# The whole a share is of ("占地区生产总值比重", "占全省的比例"): named, but not given.
_SHARE_OF = re.compile(r"占[^，,。；;、]{0,12}?(?:比重|比例)")


# A part's figure, said with its share of the whole in the clause after it ("35个开发区…完成
# 生产总值1350亿元，占全省比重达到19.75%"): not the whole's (the share itself is cut above)
_SHARE_OF_WHOLE = r"[，,]\s*占(?:全[省市区县州国盟旗]|地区)"
_PART_OF_WHOLE = re.compile(rf"(?:^|(?<=[。；;]))[^。；;]*(?={_SHARE_OF_WHOLE})")  # a sentence's
_PART_SHARE = re.compile(_SHARE_OF_WHOLE)  # (most passages have none: nothing to cut)


def _part_cut(m: re.Match[str], query: Query, full: tuple[str, ...]) -> str:
    """The clause before the share in sentence `m` cut out ("全市实现…5000亿元，其中35个开发区
    完成生产总值1350亿元": the parks'), unless the sentence names a thing the question asks
    besides the indicator (`full`): "开发区生产总值是多少" asks that part's."""
    sentence = m.group(0)
    others = [t for c in query.concepts if is_topic(c) and c.full != full for t in c.full]
    if any(len(t) > 1 and t in sentence for t in others):
        return sentence
    cut = max(sentence.rfind("，"), sentence.rfind(","))  # the part's own clause only
    return sentence[: cut + 1] + " "


def only_share_of(query: Query, text: str, min_chars: int) -> bool:
    """Does the passage (`text`, with its headings) name an indicator the question asks a
    figure of (a word of `min_chars` or more) only as the whole a share is of ("十大生态产业
    增加值达到2179亿元，占地区生产总值比重达24.2%" for "地区生产总值达到多少亿元"), or only
    inside a ratio made of it ("研发经费投入强度" for "研发经费投入是多少")?"""
    if not query.wants_number or _RATIO_ASKED.search(query.text):
        return False
    parts = _PART_SHARE.search(text) is not None
    rest = None  # the text without its parts' figures and shares, made when a name is found
    for full, said_whole in _names(query, min_chars):
        if any(t in text for t in full):
            if parts:  # what is a part's depends on the indicator (_part_cut)
                cut = functools.partial(_part_cut, query=query, full=full)
                rest = _SHARE_OF.sub(" ", _PART_OF_WHOLE.sub(cut, text))
            elif rest is None:
                rest = _SHARE_OF.sub(" ", text)
            if not any(said_whole_in(word, per_unit, rest) for word, per_unit in said_whole):
                return True
    return False


# An indicator's words, and each word with whether the question says it as the unit of a rate
_Names = list[tuple[tuple[str, ...], list[tuple[str, bool]]]]


def _names(query: Query, min_chars: int) -> _Names:
    """The indicators only_share_of looks for (each concept's words, or a run of adjacent
    words), each with its words and whether the question says them per unit (said_whole_in):
    the same for every hit judged, so kept for the last query (held: no other takes its
    place)."""
    global _last_names
    last, chars, names = _last_names
    if last is not query or chars != min_chars:
        found = [  # (by any of its words: "GDP" asked is 地区生产总值)
            c.full for c in query.concepts if is_topic(c) and max(map(len, c.full)) >= min_chars
        ]
        found += [(p,) for p in _adjacent(query.words) if len(p) >= min_chars]  # 研发|经费|投入
        names = [(full, [(t, _per_unit(t, query.text)) for t in full]) for full in found]
        _last_names = (query, min_chars, names)
    return names


_last_names: tuple[object, int, _Names] = (None, 0, [])


def _per_unit(word: str, question: str) -> bool:
    """Does the question ask `word` as the unit of a rate per amount ("万元地区生产总值能耗")?"""
    return any(f"{unit}{word}" in question for unit in ("万元", "单位"))


def said_whole_in(word: str, per_unit: bool, text: str) -> bool:
    """Does `text` say `word` whole: not inside a ratio made of it ("研发经费投入强度"), nor as
    the unit of a rate per amount ("万元地区生产总值能耗", "单位GDP能耗") unless the question
    does (`per_unit`)? What a regex search of (?<!万元)(?<!单位)(?<!万元地区)(?<!单位地区)
    word(?!强度|比重|占比) finds, without compiling one for each question's words (~0.1 ms
    each: re's own cache of 512 patterns keeps few of them)."""
    at = text.find(word)
    while at != -1:
        end = at + len(word)
        if not text.startswith(_A_RATIO, end) and (
            per_unit or not text.endswith(_PER_UNIT, max(at - 4, 0), at)
        ):
            return True
        at = text.find(word, at + 1)
    return False


def _adjacent(words: Sequence[str]) -> list[str]:
    """The question's runs of two to four adjacent words of two or more Chinese characters,
    joined: what it names, whole ("研发经费投入" of 研发|经费|投入)."""
    found = []
    for start in range(len(words)):
        for end in range(start + 2, min(start + 4, len(words)) + 1):
            if not all(len(w) >= 2 and _CJK.fullmatch(w[0]) for w in words[start:end]):
                break
            found.append("".join(words[start:end]))
    return found


_CJK = re.compile(r"[\u4e00-\u9fff]")


_RATIO_ASKED = re.compile(r"比重|占比|比例|强度|率")
_A_RATIO = ("强度", "比重", "占比")  # after the word: a ratio made of it
_PER_UNIT = ("万元", "单位", "万元地区", "单位地区")  # before it: the unit of a rate


def names_attribute(
    query: Query,
    folded: str,
    report_holds: Callable[[str], bool],
    report_text: Callable[[], str],
) -> bool:
    """Does the passage's report name what the question asks the value of, if the question
    says ("X是多少", "X是谁": Query.attribute)? `folded`: the passage; `report_holds`: does
    its report have a word; `report_text`: its report's text (read only for a total asked)."""
    attribute = query.attribute
    concept = next((c for c in query.concepts if attribute in c.full), None)
    if concept is None and attribute and attribute[0] == "总" and len(attribute) > 2:
        # jieba cut 总|投资 (answer_types.asked_attribute): a report that says 总投资 or
        # 投资总额 (总产 for 总产量) gives the total
        noun = next((c for c in query.concepts if attribute[1:] in c.full), None)
        text = report_text()
        words = noun.full if noun else (attribute[1:],)
        return any(f in text for t in words for f in ("总" + t[0], t + "总"))
    if concept is None:  # no attribute, or one searched by its pieces (出口额: 出口)
        return True
    if attribute in AMOUNT_WORDS:  # "地区生产总值总量是多少": its size, however it is worded
        return True  # (the figure in an amount's units: figures_asked)
    if attribute in SHARE_WORDS and SHARE_GIVEN.search(folded):
        return True  # "比重是多少": "民生支出占一般公共预算支出的73.6%" says it
    return any(report_holds(t) for t in (*concept.full, *concept.partial))


def other_indicator(query: Query, text: str) -> bool:
    """Does the passage (`text`, with its headings) name an indicator the question names with
    another modifier?"""
    question, words, word_runs = _asked(query)
    for w in words:
        if other_modifier(w, text, question) is not None:
            return True
    return any(other_modifier_of_run(run, text, question) is not None for run in word_runs)


def _asked(query: Query) -> tuple[str, list[str], list[tuple[str, ...]]]:
    """The question's words joined (folded, place names left out), its words long enough to
    be judged (other_modifier passes over shorter ones) and its runs of words: the same for
    every hit judged, so kept for the last query (held: no other takes its place)."""
    global _last_asked
    last, asked = _last_asked
    if last is not query:
        question = "".join(query.words)
        question += both_town_and_country(question)
        long_words = [w for w in query.words if len(w) >= MIN_WORD]
        asked = (question, long_words, runs(query.words))
        _last_asked = (query, asked)
    return asked


_last_asked: tuple[object, tuple[str, list[str], list[tuple[str, ...]]]] = (None, ("", [], []))
