"""Which part of a work report a passage sits in: the review of the past year or the plan for
the year ahead, read from the top-level heading above it.

Every work report has the two parts ("一、2024年工作回顾" / "二、2025年重点工作"), so a
figure asked for the year the report looks back on is not answered by its plan for the next
year ("浙江2024年实际的失业率": not "今年…控制在5%以内"), and a target is not answered by
last year's result.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from enum import Enum

from .heading_numbers import MARKED, marker_number
from .query_types import RELATIVE_YEARS
from .report_years import plans_named

# Heading words of the part that plans: tasks, arrangements, targets, the years ahead.
_PLAN_WORDS = re.compile(r"任务|安排|重点工作|建议|目标|今后|计划|今年")
# The year planned or the years ahead, said outright ("三、巩固“十五”成果，全面做好今年各项工作")
_AHEAD = re.compile(r"今年|今后|明年")
# Heading words of the part that reviews: looking back, the past years.
_REVIEW_WORDS = re.compile(r"回顾|过去|一年来|五年来|成绩|成就")
# How the tasks came out: a review, whatever plan word it names ("确定任务完成情况")
_DONE = re.compile(r"(?:完成|执行|落实)情况|完成了")  # "一、全面完成了…确定的各项目标和任务"
# Question words (whole jieba words, so not 预期 of 预期寿命 or 想 of 思想) that ask for a
# plan or target rather than a result, and ones that ask what came of a year.
_PLAN_WORDS_ASKED = frozenset(
    {"目标", "计划", "预期目标", "打算", "准备", "力争", "要", "将要", "拟", "想", "争取"}
)
# A word that asks for the plan says which part answers, not what is measured ("目标")
PLAN_WORD = re.compile("|".join(sorted(_PLAN_WORDS_ASKED, key=len, reverse=True)))


def only_plan_words(words: Iterable[str]) -> bool:
    """Are all of `words` (a concept's) words that ask for the plan ("目标")? They say which
    part of a report answers (wrong_parts), not what is asked about."""
    return all(w in _PLAN_WORDS_ASKED for w in words)


_RESULT_WORDS_ASKED = frozenset({"实际", "实际上", "最终", "完成", "实现", "达到"})


def only_result_words(words: Iterable[str]) -> bool:
    """Are all of `words` (a concept's) words that ask for a result ("达到", "实际")? Like a
    plan word, they say how a figure is asked ("经济总量要达到什么规模"), not what about."""
    return all(w in _RESULT_WORDS_ASKED for w in words)


_ACTUAL_ASKED = frozenset({"实际", "实际上", "最终"})  # not 达到 ("到2035年达到多少": a target)
# "Now" asked ("咸宁现在一共有多少家高新技术企业"): the latest figure a report gives is its
# review's, not a target for the year ahead
_NOW_ASKED = frozenset({"现在", "目前", "如今", "眼下", "当前"})


class Part(Enum):
    REVIEW = "review"
    PLAN = "plan"


def part_of(heading: str, plan_year: int | None) -> Part | None:
    """The part a top-level heading opens, when it says so unambiguously."""
    if plan_year is None or not heading:
        return None
    plan, review = _says(heading, plan_year)
    if plan == review:
        return None
    return Part.PLAN if plan else Part.REVIEW


def parts_of(tops: Sequence[str], plan_year: int | None) -> dict[str, Part]:
    """The part each of a report's top-level headings (in order) opens: as the heading says,
    or, where no heading says ("一、牢记殷殷嘱托，在接续奋斗中新福建建设取得新成效", "二、…"),
    by the order every work report keeps: the review first, the plan after it. Headings that
    are not the report's parts (_not_parts) are read by what they say, the first as review."""
    said = {t: part for t in tops if (part := part_of(t, plan_year)) is not None}
    if len(tops) < 2 or plan_year is None:
        return said
    # the first reviews, where it says neither ("一、“十三五”实现良好开局", "本届政府履行
    # 职责已经一年…", "（一）" of a report whose parts lost their own headings)
    first = tops[0]
    opening = {} if first in said or _says_both(first, plan_year) else {first: Part.REVIEW}
    if _not_parts(tops):
        return {**opening, **said}
    if not said:
        return {t: Part.REVIEW if k == 0 else Part.PLAN for k, t in enumerate(tops)}
    # some say, some not ("一、…取得新的重大成就", "三、踔厉奋发勇毅前行…", "新一届政府工作
    # 思路"): a part after a review that says neither plans ("二、“十三五”时期发展成就和
    # “十四五”时期主要目标任务", saying both, between a review and a plan is not guessed)
    reviews = [k for k, t in enumerate(tops) if said.get(t) is Part.REVIEW]
    if not reviews:
        return {**opening, **said}
    after = [t for t in tops[reviews[0] + 1 :] if t not in said and not _says_both(t, plan_year)]
    return {**opening, **said, **{t: Part.PLAN for t in after}}


def _not_parts(tops: Sequence[str]) -> bool:
    """Are the top-level headings not the report's parts, whose own headings the text lost,
    so that their order says nothing of review and plan? Items ("（一）…", "一是…", not
    "一、…"), or numbered anew ("（一）…" twice): 云南 2003's "一、…" run on at a paragraph's
    end, 贵州 2005's parts have no headings at all, only the review's "（一）…（五）"."""
    numbered = [(t, n) for t in tops if (n := marker_number(t))]
    items = any(not MARKED[0].match(t) for t, _ in numbered)
    return items or len(numbered) != len({n for _, n in numbered})


def _says_both(heading: str, plan_year: int) -> bool:
    """Does a top-level heading name both the review and the plan (part_of: neither)?"""
    plan, review = _says(heading, plan_year)
    return plan and review


def _says(heading: str, plan_year: int) -> tuple[bool, bool]:
    """Does a top-level heading name the plan, and the review (its year, its words)?"""
    done = _DONE.search(heading)
    # a plan that ended before the year planned is reviewed, whatever words name it ("一、…
    # “十五”目标任务胜利完成" of 福建 2006), unless the heading names the plan of the year or
    # the years ahead too ("三、巩固“十五”成果，全面做好今年各项工作")
    plans = plans_named(heading)
    ahead = f"{plan_year}年" in heading or bool(_AHEAD.search(heading))
    ahead = ahead or any(start <= plan_year < start + 5 for start in plans)
    ended = not ahead and any(start + 5 <= plan_year for start in plans)
    words = bool(_PLAN_WORDS.search(heading)) and not done and not ended
    review = bool(done or ended or _REVIEW_WORDS.search(heading))
    return f"{plan_year}年" in heading or words, f"{plan_year - 1}年" in heading or review


def asks_plan(words: Sequence[str]) -> bool:
    """Do the question's words ask for a target or plan ("今年要…", "目标是多少")?"""
    after = [*words[1:], "", "", ""]
    return any(_asks_plan(w, after[k], after[k + 1] + after[k + 2]) for k, w in enumerate(words))


# When a goal is to be reached by ("争取到2030年…", "争取到年底…", "争取到“十五五”末…")
_BY_WHEN = re.compile(r"(?:19|20)\d\d|年底|年末|本世纪|“?十[一二三四五六七八九]五|今年|明年")


_ASKING = frozenset(  # jieba's words after 想 that ask the reader, not plan ahead
    {"问", "问问", "问一下", "知道", "了解", "了解一下", "打听", "打听一下", "咨询", "请教"}
)


def _asks_plan(word: str, after: str, then: str = "") -> bool:
    """Does `word`, followed by the word `after` and the text `then`, ask for a plan? 要 right
    before the quantity asked is what a thing takes, not a plan ("开公司要几天", "要多长时间");
    预期 is one before a verb ("城镇化率预期达到多少"), not in 预期寿命 (人均预期寿命); 争取 asks
    one, but not as "争取到" or "争取了" (what was won: "地震以后争取到多少钱") unless a time
    follows ("争取到2030年…")."""
    if word == "要":
        return not after.startswith(("多", "几"))
    if word == "预期":
        return after not in ("", "寿命")
    if word == "想":  # "我想问一下", "想了解": the asker's framing, not a plan
        return after not in _ASKING
    if word == "争取":  # "争取到多少钱", "争取了": what was won, not a goal
        return after != "了" and (after != "到" or bool(_BY_WHEN.match(then)))
    return word in _PLAN_WORDS_ASKED


# What says a result may come, not that it came: "今年用手机查公交能实现吗" asks of a plan
_MAY = frozenset({"能", "不能", "能否", "能不能", "会", "会不会", "可以", "能够", "有望", "将"})
# What says the question looks back ("去年的目标能实现吗", "为什么没能完成", "已经能…了吗")
_LOOKS_BACK = frozenset({"去年", "上年", "前年", "过去", "已经", "已", "没", "没有", "未", "曾经"})


def asks_result(words: Sequence[str]) -> bool:
    """Do the question's words ask for the actual result of a year ("实际增长了多少")? Not a
    result word after one that says it may come ("今年能实现吗", "能不能完成"), where nothing
    says the question looks back (去年, 没能, 已经, "完成了"): that asks whether it is planned."""
    back = not _LOOKS_BACK.isdisjoint(words)
    return any(
        w in _RESULT_WORDS_ASKED
        and (back or not (k and words[k - 1] in _MAY) or words[k + 1 : k + 2] == ["了"])
        for k, w in enumerate(words)
    )


def only_time_words(words: Iterable[str]) -> bool:
    """Are all of `words` (a concept's) words that say when from the report's own time ("现在",
    "今年", "去年", "以后", "这几年")? They say which part of a report answers, not what it
    speaks of: no share of what is asked. (Abstention.misplaced judges the part for 今年, 去年,
    现在, 今后 and the spans 这几年; 以后 or 近年 asked, no part is required.)"""
    return all(w in _NOW_ASKED or w in RELATIVE_YEARS or w in _FROM_NOW for w in words)


# Times said from now, ahead or back, beside the now and the years said from the report's
# (not 未来, a name's word too: 未来乡村, 未来社区; nor 最近, also "nearest")
_FROM_NOW = frozenset(
    {"今后", "以后", "将来", "近年", "近年来", "过去", "这几年", "近几年", "这些年"}
)


def asks_now(words: Iterable[str]) -> bool:
    """Do the question's words ask how things stand now ("现在", "目前")?"""
    return not _NOW_ASKED.isdisjoint(words)


def asks_actual(words: Iterable[str]) -> bool:
    """Do the question's words ask what really came of a year ("实际达到了吗", "最终完成多少"),
    which no report given before that year's end can say?"""
    return not _ACTUAL_ASKED.isdisjoint(words)


def wrong_parts(
    year: int | None, plan_year: int | None, plan: bool, result: bool
) -> frozenset[Part]:
    """The parts of a report planning `plan_year` that cannot answer a question about `year`
    that asks for a `plan` (a target) or an actual `result`:

    - the year it looks back on: its plan (for the year after) gives neither that year's
      result nor its target, and its review gives the result, not the target that year's
      own report set;
    - the year it plans: its review (of the years before) says nothing of it, and nothing
      in it can give that year's actual result;
    - an earlier year (前年, 2023 of a 2025 report): neither part, unless the passage names
      that year as one it gives figures for (the caller's test: "从2023年的…" does, "比2023年
      增长" does not). A later year is not judged: "明年"
      is often the year a report plans, said by someone reading it the year before.
    """
    if year is None or plan_year is None:
        return frozenset()
    if year == plan_year - 1:
        return frozenset({Part.REVIEW, Part.PLAN} if plan and not result else {Part.PLAN})
    if year == plan_year:
        return frozenset({Part.PLAN, Part.REVIEW} if result and not plan else {Part.REVIEW})
    return frozenset({Part.PLAN, Part.REVIEW}) if year < plan_year else frozenset()


def opens_targets(text: str) -> bool:
    """Does a passage open with its report's targets ("经济社会发展的主要预期目标是：…"), which
    belong to the plan whatever its heading says?"""
    return bool(_TARGETS.match(text))


def declares_targets(text: str) -> bool:
    """Does a passage open by setting its report's targets ("经济社会发展主要预期目标是：…"),
    which plans even under a review's heading (a report whose plan has no heading of its own)?"""
    found = _TARGETS.match(text)
    return found is not None and text[found.end() :].startswith(("是", "为", ":", "："))


# (and as older reports propose them: "综合考虑…，建议2004年全省经济和社会发展的主要预期调控目标")
_TARGETS = re.compile(
    r"(?:[^。；;：:]{0,30}?[，,]建议)?(?:今年|\d{4}年)?[，,]?(?:全[省市县区])?"
    r"(?:经济和?社会发展的?)?主要预期(?:调控)?目标"
)
# A target said, not a result: "粮食产量稳定在715亿斤以上", "控制在每立方米25微克以内".
TARGET_SAID = re.compile(r"以上|以下|以内|左右|力争|控制在|确保|预期|目标")


def result_before_target(
    hits: list[tuple[int, float]],
    year: int,
    depth: int,
    plan_year: Callable[[int], int | None],
    part: Callable[[int], Part | None],
    target: Callable[[int], bool],
    answers: Callable[[int], bool],
) -> list[tuple[int, float]]:
    """`hits` with the next year's report's review of `year` moved before `year`'s own plan
    where that plan states a target (`target`): a figure asked of a year with no plan word
    ("宁波2022年PM2.5平均浓度是多少") is what the year gave, not what it aimed at; the review
    must answer (`answers`) within the best `depth`. `plan_year`, `part`: of passage i."""
    if not hits:
        return hits
    first = hits[0][0]
    if plan_year(first) != year or part(first) is not Part.PLAN or not target(first):
        return hits
    for k, (doc, _) in enumerate(hits[1:depth], 1):
        if plan_year(doc) == year + 1 and part(doc) is Part.REVIEW and answers(doc):
            return [hits[k], *hits[:k], *hits[k + 1 :]]
    return hits
