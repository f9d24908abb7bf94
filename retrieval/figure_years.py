"""Which years a passage gives its figures for: "2023年增长6%" gives 2023's, "比2023年增长6%"
and "是2002年的1.8倍" measure from 2023 and 2002, "由2007年13857元增加到2011年22851元" gives the
levels of both ends of a span (figures_asked.py, year_and_part.py)."""

from __future__ import annotations

import re

# Four digits are a year when 年 follows, or a dash and another year ("2021—2025年"); a
# figure that begins like one is not ("2000万千瓦", "产量1958万吨").
_YEAR_ENDS = r"(?=\s?年|\s?[—―\-–~～至到、]\s?(?:19|20)\d\d)"

# A year the passage's figures are given for, not one it measures from or to ("比2020年",
# "由1999年的第十一位", "2000年前建成的", "2012年以来", "到2035年", "是2002年的1.8倍", "是2010年的
# 1.8和2.0倍"), nor the year of the prices
# it is counted in ("按2002年价格", "2010年不变价": the figure may be of any year).
_PRICES_OF = r"\s?年(?:不变|可比)?价"
_YEAR_IN_TEXT = re.compile(
    rf"(?<![\d比较与同从由到至按])((?:19|20)\d\d){_YEAR_ENDS}"
    rf"(?!\s?年?(?:以?前|以来|以后|起)|\s?年的\s?[\d.]+(?:\s?[、和及与]\s?[\d.]+)*\s?倍|{_PRICES_OF})"
)


def years_given(text: str) -> set[str]:
    """The years `text` gives figures for: "2023年增长6%", not "比2023年增长6%" nor the ends of
    a span ("从2017年…增长到2022年…": the span's growth is neither year's), nor the period of a
    plan named ("国土空间总体规划（2021—2035年）获批实施")."""
    return set(_YEAR_IN_TEXT.findall(_PLAN_PERIOD.sub("", text)))


# A plan's period in brackets after its name: "规划（2021—2035年）", "规划(2021-2035)"
_PLAN_PERIOD = re.compile(r"[（(](?:19|20)\d\d\s?[—―\-–~～－至到]\s?(?:19|20)\d\d\s?年?[）)]")


def years_not_measured_from(text: str) -> set[str]:
    """The years `text` names, but for those it measures from ("比2023年增长"): a span's ends
    count ("从2017年的3.06万亿元" gives 2017's figure)."""
    return set(_YEAR_NOT_FROM.findall(text))


_YEAR_NOT_FROM = re.compile(rf"(?<![\d比较与同按])((?:19|20)\d\d){_YEAR_ENDS}(?!{_PRICES_OF})")
# The level a span starts from or rises or falls to, its figure right after the year ("从2017年的
# 3.06万亿元", "增加到2011年22851元", "降至2022年底的3.1%"); not "到2025年基本实现", nor a month
# ("从2023年10月至…")
_LEVEL_AT_SPAN_END = re.compile(r"[从由到至]((?:19|20)\d\d)\s?年[底末]?的?\s?\d(?!\d?\s?月)")
# The rest of a span's clause up to a dated end ("…增加到2011年")
_END_DATED = r"[^，,。；;]{0,30}?[到至]\s?(?:19|20)\d\d\s?年"
# The start of a rise to another year's level ("由2007年13857元增加到2011年…"; not
# "由1999年的第十一位跃升至第四位", where the figure is the year asked about's)
_RISE_FROM = re.compile(r"由((?:19|20)\d\d)\s?年" + _END_DATED)
_END_DATED_AT = re.compile(_END_DATED)


def other_year_only(
    folded: str, headings: str, years: tuple[str, ...], growth: bool = True
) -> bool:
    """Does the passage give its figures for years it names, none of them one asked about?
    ("2019年…增长6%" for a question about 2021.) A passage naming no year is not judged.
    A level asked (not `growth`) is given at a span's ends too, where the figure follows the
    year ("由2007年13857元增加到2011年22851元" gives 2007's and 2011's; "到2025年基本实现"
    gives none)."""
    named = years_given(folded) | set(_HORIZON_FIGURE.findall(folded))
    if not growth:
        named |= _levels_dated(folded)
    else:  # "由2007年13857元增加到2011年22851元": the span's rise, not 2011's growth
        named |= set(_RISE_FROM.findall(folded))
    return bool(named) and not any(y in named or y in headings for y in years)


# A figure set for a plan's horizon, in the clause that names it ("到2025年，社会消费品零售总额
# 达到3.5万亿元"; not "到2035年基本实现…", which gives none)
_HORIZON_FIGURE = re.compile(
    r"到((?:19|20)\d\d)\s?年[底末]?[，,]?[^，,。；;]{0,30}?"
    r"(?:达到|突破|超过|提高到|提升到|增长到|增加到|控制在|降至|降到|下降到)\s?\d"
)


def _levels_dated(folded: str) -> set[str]:
    """The years of the levels at a span's ends (_LEVEL_AT_SPAN_END), a start only where the
    span's end is dated too: "城镇化率由2002年的39.9%提高到48.3%" gives 2002's level and one of
    its context's year, not 2002's alone."""
    return {
        m[1]
        for m in _LEVEL_AT_SPAN_END.finditer(folded)
        if m[0][0] in "到至" or _END_DATED_AT.match(folded, m.end())
    }


def levels_of_other_years(sentence: str, years: tuple[str, ...]) -> bool:
    """Does `sentence` give the levels at both ends of a span, each with its year ("全员劳动生产率
    从2020年的14.1万元/人提升至2024年的17.6万元/人"), and name no year asked? Such a sentence
    dates its own figures, whatever year its headings name ("2025年主要工作成效"); one end
    dated ("从2015年的1123元提高到1628元") leaves the other to its context."""
    return dates_span_ends(sentence) and not any(y in sentence for y in years)


def dates_span_ends(text: str) -> bool:
    """Does `text` give levels with their years at two ends of a span ("从2020年的14.1万元/人
    提升至2024年的17.6万元/人")? (Cheap: asked of a passage before its sentences are judged.)"""
    return len(set(_LEVEL_AT_SPAN_END.findall(text))) > 1
