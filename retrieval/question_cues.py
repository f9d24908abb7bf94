"""Cue phrases of a question: what kind of answer it wants, and words that are no search terms.

"是什么意思" asks a definition, "哪些方面" or "第二部分" a section (a heading), "是怎么表述的"
the report's own words, "好不好" yes or no, "有多大" a figure; query.py reads these and leaves
them out of the words searched.
"""

from __future__ import annotations

import re

from .question import numeral_value
from .report_years import PLAN_NAME

DEFINITION = re.compile(
    r"是什么意思|什么意思|啥意思|指什么|指的是|是指|是什么(?!时候|时间|日子)|含义|定义|解释"
    r"|是一?个(?:什么|啥)(?:东西|玩意儿?)?(?!时候|时间|日子)|是啥东西"
    r"|哪[几两三四五六七八九十]"  # (not "是什么时候": a time)
    r"|(?:怎么|如何|怎样)概括|概括为(?:什么|哪|啥)"  # "浙江精神是怎么概括的": what it is
)
# The meaning asked of a quoted term right after it ("这个“三倍”指的是什么", "“双千计划”的含义")
MEANING_OF_QUOTED = re.compile(
    r"“([^“”]{1,20})”(?:这个词|一词|这个说法)?(?:到底|具体|究竟)?"
    r"(?:指的是|是指|指什么|是什么意思|什么意思|啥意思|的意思|的含义|含义|是什么|是啥)"
)
# The tasks asked as a list ("主要任务有哪些", "八项任务都有哪些", "有哪些重点任务"), not one
# task's figure ("棚户区改造任务包括多少套", "就业的目标任务是什么")
TASKS_ASKED = (
    r"(?:(?:主要|重点|[一二两三四五六七八九十几]+项)任务都?(?:有哪些|是什么|包括哪些)"
    # a list of several ("九项工作", "10项工作"), not one of them ("第五项", "最后一项工作")
    r"|(?<![第\d一二两三四五六七八九十几])(?!一项)[一二两三四五六七八九十几\d]+项工作都?"
    r"(?:有哪些|是什么|包括哪些)"
    r"|任务都?有哪些|有哪些(?:主要|重点)任务)"
)
SECTION = re.compile(
    r"标题|题目|(?<![大小])部分|[几两三四五六七八九十]大部分|(?:[哪那]一大部分|[哪那这]一?块儿?)(?=\W?的?(?:标题|题目))|哪几方面|哪些方面|[几两三四五六七八九十]+[个大]方面|几大?(?:块|板块)(?=[？?。！!，,呢吧]|$)|主要内容|重点工作|"
    + TASKS_ASKED
    + r"|讲了什么|讲什么|章节|一节"
    r"|(?:是|讲|说|写)的?是?什么内容|内容是什么|讲的是什么|说的是什么|写了什么"
    # "讲民生的是哪一条 / 第几部分": which heading, at the end of the question
    r"|(?:哪一?个?部分|第几部分|(?:哪一|第几)[条项节])(?=[？?。！!，,呢]|$)"
    # "关于文化的那一项是怎么表述的": the item (a heading) about something
    r"|(?:哪|那)一[条项节](?:任务|工作)?(?=\s*(?:是|叫|的?标题|[？?。！!，,呢]|$))"
)
# How something is worded ("是怎么表述的", "原文"): what is asked is the report's own words,
# which every citation quotes; these words are not searched for.
WORDING = re.compile(
    r"是?(?:怎么|如何|怎样)(?:表述|表达|写|说|提)的?(?=[？?。！!，,呢吗]|$)|原文|原话|原句"
)  # at a clause end: not 如何提振消费, 怎么写好
# What the report is said to say ("…政府工作报告提出今年…", "报告里提到的“X”"): the asker's
# framing, no word of the answer (the opening "…向大会报告工作，…提出意见" holds 报告 and 提出).
# The verb goes, 报告 stays (the place's report is matched by it: regions.py).
REPORT_SAYS = re.compile(
    r"(报告(?:中|里面?|上)?)(?:所|中所)?"
    r"(?:提出|提到|提及|指出|强调|谈到|讲到|说到|写到|(?:说|讲|写)(?![明法话解述入作]))(?:的|了|过)?"
)  # (not the verb of a word: 说明, 讲话, 写入)
# An A-not-A question ("好不好", "能不能", "有没有") asks yes or no; it is no word to search.
# Of A-not-AB ("安不安全", "满不满意") only "A不" goes: AB is the word asked about.
A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没]\1([\u4e00-\u9fff]?)")
# "有多大", "有多高" ask how big (wants_number); jieba cuts 有|多|大, and 多, 大 are no words
# of what is asked ("多大" alone is a stop word).
HOW_BIG = re.compile(r"多[大高](?=[？?。！!，,呢吗了啊]|$)")
# An item asked for by which one it is ("讲民生的那一条", "哪一项", "第几条"), not a part.
# The kind of thing or person a question asks for ("哪个国家", "哪些城市", "哪位领导"): what
# the answer is, not a word a passage must say ("隐形冠军" for "世界杯冠军是哪个国家")
KIND_ASKED = re.compile(r"哪一?[个些家座位所](\w{2})")
ITEM_ASKED = re.compile(r"[哪那]一[条项]|第几[条项]")
# A part asked for by what it is about ("讲生态环境的是哪一部分", "在第几部分", "讲维稳的那一大
# 部分…标题", "那块儿标题"): a top heading. (Read only where the question asks for headings:
# "那一大部分投向了哪些领域" asks none.)
PART_ASKED = re.compile(r"[哪那]一?个?部分|[哪那]一大部分|第几部分|[哪那这]一?块儿?(?=的?标题)")
LAST = -1  # Query.ordinal of "最后一部分": the last heading at that level
_N = r"[一二三四五六七八九十]{1,3}|\d{1,2}"  # a heading's number, in words or digits
ORDINAL = re.compile(
    r"(?:(?<!倒数)第[(（]?(" + _N + r")[)）]?|最后一?)(?:个大|个|大)?"
    r"(部分|项|方面|条|点|节|件(?:大?事|事情)?|板?块(?=内容|[讲说写叫呢？?。，,]|$))"
)  # "第（二）项": the report's own marker; "第三块（内容）讲什么": a part, said plainly, not
# "第一块金牌", "第三块是谁拿的"; the brackets of "第（二）项" are not checked for balance

# An ordinal whose unit a count before it says ("七个方面中的第六个", "六个方面重点工作里排第一
# 的", "七个方面里，第五个是什么"): the count's unit is the ordinal's.
COUNTED_ORDINAL = re.compile(
    r"(?:" + _N + r")(?:个|大)?(部分|方面|项|条|件)[^？?。第]{0,12}?"
    r"排?第(" + _N + r")(?:个|位|名)?(?=[是的？?，,]|$)"
)

# An ordinal said as a place, its unit asked after it ("重点工作里排在第一位的是哪项", "排第二
# 的是哪个方面", "排名第一的是哪项工作"): not a rank asked ("在全省排第几"), which asks no heading.
PLACED_ORDINAL = re.compile(
    r"(?:排名|[排放]在?)第(" + _N + r")(?:个|位|名)?的?(?:是|为)?"
    r"(?:哪一?|什么)(?:个|大)?(部分|方面|项|条|件)(?=工作|任务|内容|[？?。，,！!呢吗]|$)"
)  # the unit ends the question or names work ("哪项指标", "什么项目", "哪条街道" ask no heading)

# Things counted, then one of them by the same measure word ("五个突破”，第一个是什么", "三篇
# 大文章里的第二篇"): an item of a list of that many.
COUNTED_THING = re.compile(
    r"(" + _N + r")(个|篇|项|件|条)[^？?。第]{1,16}?"
    r"第(" + _N + r")\2(?=[是的？?，,呢]|$)"
)


def without_ordinal(text: str) -> str:
    """`text` without the ordinal ordinal_asked reads in it (no word to search)."""
    text = PLACED_ORDINAL.sub(" ", COUNTED_ORDINAL.sub(" ", ORDINAL.sub(" ", text)))
    if m := COUNTED_THING.search(text):
        text = text[: m.start(3) - 1] + " " + text[m.end() :]
    return text


def ordinal_asked(text: str) -> tuple[int | None, int, tuple[str, ...]]:
    """The heading a question numbers, its level ("第二部分" a part: 1, "第三项" an item: 2)
    and the words of a part named before it ("重点工作的第一部分", "重点工作的最后一项":
    重点工作; none for "报告的第二部分", "关于政府治理的第三部分", which says what the part is
    about)."""
    m = ORDINAL.search(text)
    if m:
        raw, unit = m.group(1), m.group(2)
    elif m := COUNTED_ORDINAL.search(text):
        raw, unit = m.group(2), m.group(1)
    elif m := COUNTED_THING.search(text):
        raw, unit = m.group(3), "项"
    elif m := PLACED_ORDINAL.search(text):
        raw, unit = m.group(1), m.group(2)
    else:
        return None, 1, ()
    n = LAST if raw is None else numeral_value(raw)  # None: 最后一部分
    named = tuple(_CJK_RUN.findall(_NOT_A_PART.sub(" ", text[: m.start()])))
    return n, (1 if unit in ("部分", "块", "板块") else 2), named


def list_size_asked(text: str) -> tuple[int | None, str]:
    """How many headings the list a question numbers in has, where it says ("八项工作中，第七项",
    "回顾2016年的六项重点工作，第四项", "七个方面中的第六个"): a count before the ordinal, of at
    least two and no fewer than the ordinal; and `text` without that count, which is no word
    to search ("六项" of "六项重点工作")."""
    if m := ORDINAL.search(text):
        n, end = (numeral_value(m.group(1)) if m.group(1) else 0), m.start()
    elif m := COUNTED_ORDINAL.search(text):
        n, end = numeral_value(m.group(2)), m.start(2)
    elif m := COUNTED_THING.search(text):
        n, end = numeral_value(m.group(3)), m.start(3)
    else:
        return None, text
    counts = list(_LIST_COUNT.finditer(text[:end]))
    size = numeral_value(counts[-1].group(1)) if counts else 0
    if size < max(2, n):
        return None, text
    return size, text[: counts[-1].start()] + " " + text[counts[-1].end() :]


def names_a_list(phrase: str) -> bool:
    """Does a quoted phrase name a list by its count ("五个突破", "三篇大文章")? Its items,
    asked for by number, do not repeat it."""
    return bool(_LIST_COUNT.match(phrase))


# A count of headings: "八项", "六个方面", "十件", "三大" (before the ordinal: its list).
_LIST_COUNT = re.compile(r"(?<![\d第])(" + _N + r")(?:个|大|项|件|条|篇)(?:方面|部分|项|件|条)?")


# What may stand before "第N部分" and name no part: the report, its year, 的 / 里 / 中.
_NOT_A_PART = re.compile(
    r"(?:本|这份|该)?(?:政府)?(?:工作)?报告|\d{4}年?|今年|[的里中省市县区]|关于.*"
)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def plan_qualifies(phrase: str, question: str) -> bool:
    """Is a plan quoted ("“十三五”时期的总目标是什么") there to say which years the question
    asks about, not asked itself ("“十四五”是指什么", "什么是“十四五”")?"""
    if not PLAN_NAME.fullmatch(phrase):
        return False
    asked = [m[1] for m in MEANING_OF_QUOTED.finditer(question)]
    return phrase not in asked and not re.search(rf"什么[是叫]“{phrase}”", question)
