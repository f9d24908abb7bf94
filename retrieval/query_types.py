"""What a question is, once read: its concepts (the things it asks about and the words that
say them) and the Query the whole core passes around (built by query.QueryBuilder)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A unit word ("万人", "吨"): said with a figure, no topic of its own
UNIT_WORD = re.compile(
    r"[万亿千百]?(?:人|元|户|个|家|所|条|座|亩|吨|公里|米|平方米|平方公里|千瓦|台|辆|件|项|次)"
)

# A figure: digits, or a Chinese numeral with what it counts ("十五连增", "三个", "两倍"),
# not an ordinal ("第七次") nor a term's name quoted ("“三个代表”", "“十项民生工程”").
FIGURE = re.compile(
    r"\d|(?<![第一二两三四五六七八九十百千万“「『])[二两三四五六七八九十百千万][一二两三四五六七八九十百千万]*"
    r"(?:连[增涨升降]|倍|成|[个项条家所座户名]|方面)"
    r"|[一二两三四五六七八九十百]分之[一二两三四五六七八九十]"  # a share in words: "三分之一"
)
# A year said from the report's own ("今年": the year it plans; "去年": the year it reviews),
# by how far from the year the report plans for
RELATIVE_YEARS = {
    "今年": 0,
    "本年": 0,
    "当年": 0,
    "去年": -1,
    "上年": -1,
    "过去一年": -1,  # the year the report reviews
    "过去的一年": -1,
    "前年": -2,
    "明年": 1,
}
# A year is no figure: four digits before 年, or before a dash and another year
_A_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?=\s?年|\s?[—\-–~～至到、]\s?(?:19|20)\d\d)")


def not_years(text: str) -> str:
    """`text` with its years left out ("全面完成2018年的化债任务" gives no figure)."""
    return _A_YEAR.sub("", text)


@dataclass(frozen=True, slots=True)
class Concept:
    """One thing the question asks about, and the words that say it.

    Any `full` word (the question's word, or the report's wording from the thesaurus)
    satisfies it; a `partial` word (a piece of a longer word, "世界" of "世界杯") only half.
    `apart`: the pieces of each full word of more than one, which say it whole in one sentence
    ("粮食生产再获丰收，总产达到557亿斤" says 粮食总产, the thesaurus' 粮食产量).
    """

    full: tuple[str, ...]
    partial: tuple[str, ...] = ()
    weight: float = 1.0
    apart: tuple[tuple[str, ...], ...] = ()


def is_topic(concept: Concept) -> bool:
    """What the question is about, not when or in what unit: a year (2021) or a unit (吨,
    万人) is checked on its own (the year test, the unit test), not counted as topic."""
    return not all(t.isdigit() or UNIT_WORD.fullmatch(t) for t in concept.full)


def is_telling(concept: Concept) -> bool:
    """A topic that says what is asked: not one discounted as a word of every report (工作,
    今年) or a lone character (做) by QueryBuilder.discount."""
    return is_topic(concept) and concept.weight >= 1.0


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
    list_size: int | None = None  # "八项工作中的第七项": how many headings its list has
    years: tuple[str, ...] = ()  # years the question names, e.g. ("2020",)
    relative_years: tuple[int, ...] = ()  # 今年 0, 去年 -1, 明年 1: from the report's own year
    unit: str | None = None  # the unit a figure is asked in ("多少吨": 吨)
    attribute: str | None = None  # what "X是多少 / X是谁" asks the value of (answer_types.py)
    partial_credit: float = 0.0  # share of a concept's weight its pieces earn (config)

    @property
    def one_year(self) -> bool:
        """Does it ask about one year (2022, or 去年 alone)?"""
        return len(self.years) == 1 or (not self.years and self.relative_years == (-1,))
