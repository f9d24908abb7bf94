"""What a passage must give to answer a question that asks for a figure.

A figure in the sentence that holds most of the question (or a rank where one is asked:
"排第几"), in the unit asked where one is ("多少吨": 吨, 斤, 公斤…), an amount (万/亿/元) where
an amount is asked ("GDP总量是多少": "增长5.2%" does not say how much), standing where the
passage speaks of what is asked. Which years a passage's figures are of: figure_years.py.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence

from .answer_types import (
    GROWTH_VERB,
    RANK,
    RANK_ASKED,
    asks_amount,
    asks_growth,
    asks_output,
)
from .coverage import best_sentence_share
from .query_types import FIGURE, Query, is_topic, not_years
from .report_parts import PLAN_WORD
from .sentences import sentence_spans
from .units import COUNTED, NUMERAL, is_dimension, unit_figure
from .word_kinds import word_frequency

# An amount: money, or a figure in 亿, or a quantity measured in a unit ("3355万千瓦", "86.8万辆")
_MADE = "千瓦时?|吨|斤|立方米|辆|台|套|件|头|只|艘|架"  # units of what is made or grown
AMOUNT = re.compile(  # (counted: "万元地区生产总值能耗" gives no amount)
    rf"{unit_figure('元', COUNTED).pattern}|{COUNTED}\s*多?(?:万亿|亿)"
    rf"|{COUNTED}\s*多?[万亿]?(?:{_MADE}|亩|公顷|平方米|公里)"
    rf"|[（(][万亿千百]*元[）)]\s*{COUNTED}"  # a table's row: "地区生产总值（亿元） 580.2"
)
# An output (产量): what is made or grown, counted or weighed, not land sown nor money
# ("粮食总产量目标是多少": "再建成高标准粮田900万亩" gives none)
OUTPUT = re.compile(rf"{NUMERAL}\s*多?[万亿]?(?:{_MADE}|公斤|千克)")


def gives_figure_asked(folded: str, context: str, query: Query, weights: Sequence[float]) -> bool:
    """Does the passage (`folded`, its headings `context`) give the figure a 多少 question
    asks for?"""
    _, sentence = best_sentence_share(folded, query, weights, context)
    if query.unit and is_dimension(query.unit):  # "到成都仅需4小时", "一次挂号管三天"
        return bool(unit_figure(query.unit).search(sentence))
    if not gives_figure(sentence, query):
        sentence = _figure_of_weightiest(folded, context, query, weights) or _figure_after(
            folded, sentence, query
        )
        if not sentence:
            return False
    if query.unit and not unit_sentence(folded, query, context):
        return False  # "多少元" answered by a growth rate is no answer
    if _PERCENT_ASKED.search(query.text) and not unit_sentence(
        folded, query, context, _PERCENT, _GROWTH_WORD
    ):
        return False  # "养老金上调百分之几": "再提高20元" gives no percentage
    if asks_growth(query.text) and not unit_sentence(folded, query, context, _GROWTH, _GROWTH_WORD):
        return False  # "收入增长了多少": a growth where the passage speaks of what is asked
    if _DONE_ASKED.search(query.text) and not unit_sentence(
        folded, query, context, _NOT_A_RATE, PLAN_WORD
    ):
        return False  # "固定资产投资要完成多少": what is done is an amount, not "增长18%"
    # "进出口总额的目标是多少": 目标 in the headings does not make a growth target an amount
    if not asks_amount(query.text):
        return True
    amount = OUTPUT if asks_output(query.text) else AMOUNT
    return unit_sentence(folded, query, context, amount, PLAN_WORD)


# A percentage asked in so many words, and one given
_PERCENT_ASKED = re.compile(r"百分之(?:几|多少)|(?:几|多少)个?百分点")
_PERCENT = re.compile(r"\d(?:\.\d+)?\s*(?:%|‰)|百分之|百分点")  # "近两个百分点", "5个多百分点"
# How much is to be done or was done ("要完成多少", "完成了多少"), not by how much it grew
_DONE_ASKED = re.compile(r"完成了?多少(?!倍)")
# A figure that is no rate ("2.6万亿元", "34万户"; not "18%", "2个百分点", "1.5倍")
_NOT_A_RATE = re.compile(r"\d[\d.,]*(?![\d.,])(?!\s*(?:%|％|个百分点|倍|成))")


def _figure_of_weightiest(folded: str, context: str, query: Query, weights: Sequence[float]) -> str:
    """The first sentence with a figure that says the weightiest of the question's topics the
    passage holds, or "": the sentence holding most of the question may only share its lesser
    words ("吃低保的人补助能涨多少": "提高城乡居民医保政府补助标准。" beside "城乡低保标准和特困
    供养标准平均提高5%以上。")."""
    held = [
        (w, c)
        for c, w in zip(query.concepts, weights, strict=True)
        if is_topic(c) and any(t in folded for t in c.full)
    ]
    if not held:
        return ""
    words = max(held, key=lambda wc: wc[0])[1].full
    for s, e in sentence_spans(folded):
        sentence = folded[s:e]
        if any(t in sentence for t in words) and gives_figure(sentence, query):
            return sentence
    return ""


def _figure_after(folded: str, best: str, query: Query) -> str:
    """The sentence after `best` (the one holding most of the question, with no figure), where
    it goes on with a word of the question and gives a figure, or "" ("…支援灾区抗震救灾。全省
    累计向灾区派出救援人员1.29万人，…捐款43亿元。")."""
    spans = sentence_spans(folded)
    for (s, e), (s2, e2) in itertools.pairwise(spans):
        if folded[s:e] == best:
            after = folded[s2:e2]
            words = [t for c in query.concepts if is_topic(c) for t in c.full if len(t) > 1]
            return after if any(t in after for t in words) and gives_figure(after, query) else ""
    return ""


# Words that say something grew or fell; a passage gives a figure after them ("增长5.2%",
# "增幅回落到3%") or a rate ("5%", "2个百分点", "1.5倍").
_GROWTH = re.compile(
    rf"(?:{GROWTH_VERB}|回落|增速|增幅|涨幅|降幅)[^，,；;。]{{0,8}}?\d"
    r"|\d(?:\.\d+)?\s*(?:%|个百分点|倍)"
)
# How a growth is asked, not what grew: the verbs, and what it is measured from (比上年, 同比)
_GROWTH_WORD = re.compile(rf"{GROWTH_VERB}|涨了?|降了?|比|较|上年|同比")


def unit_sentence(
    folded: str,
    query: Query,
    context: str,
    figure: re.Pattern[str] | None = None,
    asking: re.Pattern[str] | None = None,
) -> bool:
    """Is there a figure in the unit asked where the passage speaks of what is asked?
    ("农村居民人均可支配收入多少元": "…收入增长7%" and "…完成86亿元" in another sentence is no
    answer.) What is asked: a word of the question's topic in the headings, or in the sentence
    before the figure or in its clause or the clause before ("财政民生支出突破万亿元，…农村居民
    人均可支配收入增长6.2%" gives no income in 元)."""
    figure = figure or unit_figure(query.unit or "")
    asked = [  # what is asked, not how (增长 of "增长了多少")
        c
        for c in query.concepts
        if is_topic(c) and not (asking and any(asking.fullmatch(t) for t in c.full))
    ]
    words = [t for c in asked for t in c.full]
    modifiers = _modifiers(query.text, words)
    if any(t in context for t in words):
        return any(figure.search(folded[s:e]) for s, e in sentence_spans(folded))
    # a word the sentence says in its pieces ("粮食生产超额完成…，产量达1094.86万吨" for 粮食产量)
    pieced = [
        (c.full, c.partial)
        for c in asked
        if len(c.partial) > 1 and all(len(p) > 1 for p in c.partial)
    ]
    apart = [(c.full, a) for c in asked for a in c.apart if all(len(p) > 1 for p in a)]
    for s, e in sentence_spans(folded):
        sentence = folded[s:e]
        spoken = _spoken_at(sentence, words, modifiers) + [
            min(sentence.find(p) for p in pieces)
            for full, pieces in pieced  # (a whole word is judged above: "生产总值的比例" no)
            if all(p in sentence for p in pieces) and not any(t in sentence for t in full)
        ]
        spoken += [  # "粮食生产再获丰收，总产达到557亿斤" (粮食总产); a whole word is judged above
            min(sentence.find(p) for p in pieces)
            for full, pieces in apart
            if all(p in sentence for p in pieces) and not any(t in sentence for t in full)
        ]
        first = min(spoken, default=-1)
        if first != -1 and _follows(sentence[first:], figure):
            return True  # "…生产总值增长6%、全省第二，…总量达到4773.3亿元"
        clauses = _CLAUSE.split(sentence)
        for i, clause in enumerate(clauses):
            near = clause if i == 0 else clauses[i - 1] + clause
            if figure.search(clause) and (
                _spoken_at(clause, words, modifiers)
                or (
                    _spoken_at(near, words, modifiers)
                    and not _settled_before(clauses[i - 1], clause)
                )
            ):
                return True  # "投资42.9亿元实施69个治污项目"
    return False


# "生产总值的比例提高到4.2%": what follows 的 is another thing, whose figure that is
_OF_ANOTHER = re.compile(rf"的(?!{GROWTH_VERB}|增速|增幅|总量|规模)")


def _spoken_at(
    text: str, words: Sequence[str], modifiers: Mapping[str, str] | None = None
) -> list[int]:
    """Where `text` names what is asked: a word of it, not one that another thing belongs to
    ("研发经费支出相当于全市生产总值的比例": a share, not the 生产总值), nor one the question
    puts its own modifier before (`modifiers`) found as the end of another thing's name."""
    return [at for t in words for at in _places(text, t)
            if not _OF_ANOTHER.match(text, at + len(t))
            and not _other_thing(text, at, t, (modifiers or {}).get(t))]  # fmt: skip


def _places(text: str, word: str) -> list[int]:
    """Where re.finditer(re.escape(word), text) finds `word`: each place from the end of the
    one before (no pattern escaped and looked up for each word of each sentence)."""
    if not word:
        return [m.start() for m in re.finditer("", text)]
    places, at = [], text.find(word)
    while at != -1:
        places.append(at)
        at = text.find(word, at + len(word))
    return places


def _other_thing(text: str, at: int, word: str, modifier: str | None) -> bool:
    """Is `word` at `at` the end of a longer word of jieba's dictionary that is not what the
    question names with its `modifier` ("进出口总值" asked: 总值 of "生产总值" is another thing's;
    "人口" asked alone: 常住人口 says it)? A lone character is not judged (路 of 公路)."""
    if modifier is None or len(word) < 2 or text[max(0, at - len(modifier)) : at] == modifier:
        return False
    longer = (text[at - k : at] + word for k in (1, 2) if at >= k)
    return any(word_frequency(w) > 0 for w in longer)


def _modifiers(question: str, words: Sequence[str]) -> dict[str, str]:
    """Each question word that another of them stands right before in the question, with that
    word ("进出口总值": 总值 -> 进出口)."""
    return {t: u for t in words for u in words if len(u) > 1 and u != t and u + t in question}


_CLAUSE = re.compile(r"[，,；;]")


def _follows(text: str, figure: re.Pattern[str]) -> bool:
    """A figure in the unit asked in the first clause of `text` or a later one, before a
    clause that gives a figure of its own: "地区生产总值年均增长4.3%，规模以上工业增加值年均增长
    6.1%，…一般公共预算收入增加到44亿元" lists other indicators, 44亿元 is none of the first's;
    nor is one after a clause that said how the thing moved without a figure
    (`_settled_before`)."""
    clauses = _CLAUSE.split(text)
    for k, clause in enumerate(clauses):
        if figure.search(clause):
            return not k or not _settled_before(clauses[k - 1], clause)
        if k and _own_figure(clause) and not _COMPARED.match(clause.lstrip()):
            return False  # (not "高于全国1.7个百分点": the figure before, compared)
    return False


def _own_figure(clause: str) -> bool:
    """Does a clause give a figure of its own: not a year ("到2025年"), nor a number that
    names a thing ("争取开工6、7、8号线", "1号楼")?"""
    return bool(FIGURE.search(_NUMBERED_NAME.sub("", not_years(clause))))


# Numbers that name things: "5号线", "6、7、8号线", "1~3号楼" (a clause's, split at commas)
_NUMBERED_NAME = re.compile(r"(?<![\d.])\d+(?:[、和及至到~～—－-]\d+)*\s*号")


# A clause that compares the figure before it with another ("，高于全国1.7个百分点", "，比上年
# 提高2个百分点"): the same indicator's, not another's
_COMPARED = re.compile(r"(?:高于|低于|快于|慢于|[比较](?:上年|去年|全国|全省)|居全|居于|位居)")


# What a clause that goes on with the thing the clause before named opens on: a verb of
# quantity or a comparison ("，增长5%", "，达到4万元", "，比上年增长", "，总量达到…")
_MOVED = re.compile(rf"{GROWTH_VERB}|增速|增幅")  # how a thing moved
_GOES_ON = re.compile(rf"(?:{GROWTH_VERB}|达到?|突破|超过|为|比|较|同比|年均|分别|总量|总额|规模)")


def _settled_before(before: str, clause: str) -> bool:
    """Did the clause `before` say how its thing moved without a figure ("进出口总值保持平稳
    增长"), so that `clause`'s figure ("一般公共预算收入增长6%") is another thing's, unless
    `clause` goes on with it ("稳步增长，达到4万元")?"""
    moved = _MOVED.search(before) and not FIGURE.search(before)
    return bool(moved) and not _GOES_ON.match(clause.lstrip())


def gives_figure(sentence: str, query: Query) -> bool:
    """A figure, or a rank where one is asked for ("排第几": "居全国第3位"); a year is none
    ("全面完成2018年的化债任务" gives no amount)."""
    return bool(FIGURE.search(not_years(sentence))) or bool(
        RANK_ASKED.search(query.text) and RANK.search(sentence)
    )


# The first growth said after an indicator, in its sentence: a yearly average over a span
# ("地区生产总值年均增速高于全国…", "年平均增长") or a year's own ("地区生产总值增长2.9%",
# "比上年增长"); levels may come between ("地区生产总值2015年为7.5万亿元，2020年超过11万亿元，
# 年均增长6%").
# (a verb with 到 or 至 says the level it rose to: "由1032亿元增加到1902.7亿元，年均增长11.1%")
_FIRST_GROWTH = re.compile(rf"[^。；;！!？?]*?(年均|年平均)?(?:{GROWTH_VERB}|增速|增幅)(?![到至])")


def only_span_average(text: str, words: Sequence[str]) -> bool:
    """Does `text` give the growth of the indicator (any of `words`) only as a yearly average
    over a span ("地区生产总值年均增长7.2%"), never a year's own ("地区生产总值增长2.9%")?"""
    ends = {m.end() for w in words for m in re.finditer(re.escape(w), text)}
    firsts = [m for end in ends if (m := _FIRST_GROWTH.match(text, end))]
    return any(m[1] for m in firsts) and not any(m[1] is None for m in firsts)


def only_cumulative(text: str, words: Sequence[str]) -> bool:
    """Does `text` say the indicator (any of `words` four characters long or more: "累计接种疫苗"
    or "累计建成100所" are what "打了多少针", "总共要建成多少" ask) only in clauses or list items
    that give a span's total ("累计完成外贸进出口总额1170亿美元", "过去五年累计…")?"""
    if "累计" not in text:
        return False  # (most passages: no split)
    pieces = _LIST_PIECE.split(text)
    said = [c for c in pieces if any(w in c for w in words if len(w) > 3)]
    return bool(said) and all(_SPAN_TOTAL.search(c) for c in said)


# A clause or a list's item: "进出口总额245亿美元、“十二五”累计1170亿美元" gives the year's
_LIST_PIECE = re.compile(r"[，,。；;！!？?、]")
# A total over years, not the year's own ("全年累计化解政府债务12.43亿元", "今年累计…")
_SPAN_TOTAL = re.compile(r"(?<![全当今去本上]年)(?<!年内)累计")
