"""Answer types a question asks for beyond a figure: a date ("哪一天通车"), a rank ("排第几"),
who gave the report and when (its header); and a figure asked as a growth ("涨了多少") or a
year's rate ("增速是多少").

A passage that gives no day, month or year does not answer a question asking when, as one
with no figure does not answer a 多少 question (abstention.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .query_types import Concept

# A date asked for, and what a passage must give to answer it: "哪一天" a day, "几月" a month,
# "哪一年" a year, "什么时候" any of these or a part of a year ("年底前", "上半年").
_DAY = r"[\d一二三四五六七八九十]+日"  # reports write 日 ("4号线" is a metro line)
_MONTH = r"[\d一二三四五六七八九十]+月"
_YEAR_GIVEN = r"(?:19|20)\d\d年|[一二三四五六七八九十]+年(?:前|后|内|来)"
_DATE_ASKED = (
    (re.compile(r"哪[一几]?天|几号(?!线)|几月几[日号]"), re.compile(_DAY)),
    (re.compile(r"几月|哪个月"), re.compile(_MONTH)),
    (re.compile(r"哪一?年|几几年"), re.compile(_YEAR_GIVEN)),
    (
        re.compile(r"什么时候|何时|啥时候|多会儿"),
        re.compile(
            rf"{_DAY}|{_MONTH}|{_YEAR_GIVEN}|今年|明年|去年|年底|年初|年内|年中|[上下]半年|[一二三四1-4]季度"
        ),
    ),
)


def asked_date(question: str) -> re.Pattern[str] | None:
    """What a passage must hold to answer a question asking when, if it asks when."""
    return next((given for asked, given in _DATE_ASKED if asked.search(question)), None)


def gives_date(question: str, date: re.Pattern[str], sentence: str, planned: bool) -> bool:
    """Does `sentence` say when (`date`: asked_date's), or, in a plan (`planned`), commit to
    what is asked for the year planned ("石家庄啥时候能坐上地铁": "确保石家庄地铁1号、3号线按期
    投运" in 河北's 2017 plan: this year)?"""
    if date.search(sentence):
        return True
    return planned and bool(_WHEN.search(question)) and bool(_COMMITTED.search(sentence))


_WHEN = re.compile(r"什么时候|何时|啥时候|多会儿")  # not a day or a month asked
_COMMITTED = re.compile(r"确保|力争")  # a plan's commitment, for the year it plans


# A rank asked for ("排第几") and given ("第三", "第2位").
RANK_ASKED = re.compile(r"第几|排名|名次|位次|老几")
RANK = re.compile(  # a place in a ranking: "居全国第3位", "排名第一", "分列全国第三"
    r"第[\d一二两三四五六七八九十]+[位名]"
    r"|(?:排|居|列|位居|位列|排名|排在)[^，,。；;]{0,6}?第[\d一二两三四五六七八九十]+"
)


# Who gave the report, and when or at which meeting: the header's facts (paragraph 0). The
# report itself is the subject ("报告是由谁作的", "报告是在哪一天…作的", "谁作的报告"), not
# something it speaks of ("报告里第四次全国文物普查什么时候做的").
_WHO_WHEN = (
    r"(?:谁|哪位|哪一?天|哪一?日|何时|什么时候|什么时间|几月几[日号]"
    r"|哪一?次会议?|哪个会议?|什么会议?)"
)
# not 工作, 合作; "作2025年政府工作报告的" is, "写2025年营商环境评价报告" is not
_GAVE = (
    r"(?<![工合创动])(?:作|做|宣读|写|发布)"
    r"(?=的|了|报告|\d{4}年(?:的)?(?:政府)?工作报告|[？?。，,]|$)"
)
TITLE_WORDS = "标题|题目|名称|全称"  # of the report: asked, the header's first line says
_DELIVERY = re.compile(
    rf"报告的?(?:{TITLE_WORDS})(?:是|叫|为)"  # its title, on the header's first line
    rf"|报告(?:是|由|在){{0,3}}{_WHO_WHEN}[^，,。；;？?]{{0,10}}?{_GAVE}"
    rf"|{_WHO_WHEN}[^，,。；;？?]{{0,8}}?{_GAVE}[^，,。；;？?]{{0,12}}?报告"
    # "作报告的是谁", "作政府工作报告的是哪位省长"
    rf"|(?<![工合创动])(?:作|做|宣读)(?:政府)?(?:工作)?报告的?人?(?:是|为){_WHO_WHEN}"
)


def asks_delivery(question: str) -> bool:
    """Does the question ask who gave the report, when, or at which meeting ("2025年山东省
    政府工作报告是由谁作的", "…是在哪一天的省人代会上作的")? Its header answers."""
    return bool(_DELIVERY.search(question))


# What a question asks the value of: the noun right before "是/为" and a question word ("实验室的
# 主任是谁": 主任; "进口额是多少": 进口额). A report that never names it cannot give its value.
# A share asked ("比重是多少") is given as what something takes of a whole ("占…的73.6%").
SHARE_WORDS = frozenset({"比重", "占比", "比例"})
SHARE_GIVEN = re.compile(r"占[^，,。；;]{0,30}?\d+(?:\.\d+)?\s*%")
_ASKING = re.compile(r"^(?:谁|多少|几|哪)")  # not 什么: "X是什么" asks what X is
_COPULA = frozenset({"是", "为"})
_BETWEEN = frozenset({"到底", "究竟", "一共", "总共", "大概", "大约", "现在", "目前", "具体"})
_NOUN_TAGS = frozenset({"n", "nz", "ng", "nt", "b", "vn"})  # jieba tags 主任 b, 投资 vn


def asked_attribute(words: Sequence[str], tag: Callable[[str], str | None]) -> str | None:
    """The noun a question asks the value of ("X是多少", "X是谁"), if it says so in that form.

    `words` are the question's jieba words; `tag` gives a word's part of speech in jieba's
    dictionary: a word jieba made up ("共产" of "一共产了") or a verb is no attribute."""
    seen = [w for w in words if w.strip()]
    for i, word in enumerate(seen):
        if word not in _COPULA or i + 1 >= len(seen) or not _ASKING.match(seen[i + 1]):
            continue
        j = i - 1
        while j >= 0 and seen[j] in _BETWEEN:
            j -= 1
        if j >= 0 and len(seen[j]) > 1 and tag(seen[j]) in _NOUN_TAGS:
            # "总投资是多少": jieba cuts 总|投资; the total asked is 总投资, not any 投资
            return "总" + seen[j] if j and seen[j - 1] == "总" else seen[j]
    return None


AMOUNT_WORDS = frozenset({"总量", "总额", "规模"})  # words asking the size of a thing
# A count of something, not a thing (人数, 户数, 次数, 总数, 数量): what a figure measures
_COUNT_OF = re.compile(r"[人户次个件家名所辆台套座条项床]数|总数|数量")


def names_a_measure(word: str) -> bool:
    """Is `word` the size or count of a thing (总量, 规模, 人数, 数量), not a thing a
    report must say? ("高新技术企业数量要达到多少家": the report says
    高新技术企业突破800家.)"""
    return word in AMOUNT_WORDS or bool(_COUNT_OF.fullmatch(word))


def unsaid_measure(concept: Concept, text: str) -> bool:
    """Is `concept` the count or size asked (数量, 总量) and not said in `text`? It is not
    what the question is about: "突破800家" answers "高新技术企业数量" without the word, but a
    passage saying it ("赤字规模4.06万亿元") holds more of the question."""
    if any(t in text for t in concept.full):
        return False
    if concept.full[0] in _SHARE_WORDS:  # "占多大比例": a share, said by its percentage
        return any(not _RATE_BEFORE.search(text, max(0, m.start() - 8), m.start())
                   for m in _PERCENT.finditer(text))  # fmt: skip
    return names_a_measure(concept.full[0])


_SHARE_WORDS = frozenset({"比例", "比重", "占比", "百分比"})
_PERCENT = re.compile(r"[\d.]+\s*[%％]|百分之")
# a percentage that says how much something grew or was done, not a share ("增长8.5%")
_RATE_BEFORE = re.compile(r"(?:增长|增速|增幅|提高|下降|降低|回落|上涨|完成率)[^，,。；;%％]{0,6}$")


# An amount asked for ("GDP总量是多少", "做到多大规模", "多少万亿", "粮食总产量目标是多少"); a
# passage gives it in 万亿/亿, 元 or a unit (figures_asked.AMOUNT), not as a growth rate
# ("增长5.2%" does not say how much).
_WORD_CHAR = r"(?![呢吗啊呀吧了啦])[\u4e00-\u9fff]"  # a character of a word, not a particle (呢)
# Things measured in money: "人均纯收入多少" asks how much in 元, not by how much it grew
_MONEY = ("收入", "支出", "投资", "产值", "增加值", "生产总值", "gdp")  # (gdp in any case)
_AMOUNT_ASKED = re.compile(
    rf"(?:{'|'.join(sorted(AMOUNT_WORDS | {'产量'}))})(?:的?(?:目标|预期目标|计划))?"
    rf"(?:{'|'.join(sorted(_BETWEEN))})?"
    rf"(?:是|有|达到|达|为)?(?:多少|多大)(?![万亿千百]*{_WORD_CHAR})"  # not 多少亿斤: a unit's
    rf"|(?i:{'|'.join(_MONEY)})(?:是|有|达到|达|为)?多少(?![万亿千百]*{_WORD_CHAR})"
    rf"|多大规模|多少钱|多少万?亿元?(?!{_WORD_CHAR})"
)
_RATE_ASKED = re.compile(r"增长|增速|增幅|比重|占比|百分|提高|下降|涨")


def asks_amount(question: str) -> bool:
    """Does the question ask for an amount ("总量是多少", "多大规模"), and no rate or share
    ("进出口总额增长了多少", "规模经营比重是多少")?"""
    return bool(_AMOUNT_ASKED.search(question)) and not _RATE_ASKED.search(question)


def asks_output(question: str) -> bool:
    """Is the amount asked an output ("粮食总产量目标是多少"), given in tonnes, 斤 or pieces?"""
    return "产量" in question and asks_amount(question)


# A day or week relative to today ("明天天气怎么样", "今天的股价"): work reports speak of years,
# never of a day a reader is in, so no passage answers such a question.
_DAY_SCALE = re.compile(r"今天|明天|昨天|后天|前天|今晚|明早|今早|这周|本周|下周|上周|周末")
# An hour of the day asked ("几点开门", "几点钟"; not "几点意见", a few points): no report
# gives the hours of a market, a train or a school
_HOUR_ASKED = re.compile(
    r"几点(?:钟|半|开门|关门|开始|结束|发车|出发|到达?|放学|上学|上班|下班|营业|开放|闭馆|开馆|起飞)"
)


def asks_about_a_day(question: str) -> bool:
    """Does the question ask about a day or week relative to today, or an hour of a day?"""
    return bool(_DAY_SCALE.search(question) or _HOUR_ASKED.search(question))


# What one person must do to get something done ("怎么申请", "需要准备哪些材料", "去哪里办"): a
# work report says what the government did and will do, never a citizen's procedure.
_PROCEDURE = re.compile(
    r"(?:怎么|如何|怎样)(?:申请|申报|办理|报名|预约|挂号|开具|缴纳|查询|补办|挂失|换证)"
    r"|(?:需|(?<![主重只])要)(?:准备|带|提交|交)?(?:哪些|什么)材料"
    r"|(?:去|在|到)哪(?:里|儿)?(?:补办|挂失|换证|办理?|申请|预约)"
)


def asks_a_procedure(question: str) -> bool:
    """Does the question ask how a person applies for or arranges something, or for advice
    on a choice of their own?"""
    return bool(_PROCEDURE.search(question)) or bool(_ADVICE.search(question))


# A choice of one's own judged ("怎么安排比较好", "哪家最正宗", "买哪个更划算", "怎么选"): a
# work report gives no personal advice, whatever words it shares with the question.
_ADVICE = re.compile(
    r"(?:比较|最|更)(?:好吃|好玩|正宗|划算|合适)|(?:怎么|如何)(?:安排|选)?比较好|划算|怎么选"
    # 便宜 of a choice ("怎么买最便宜", "坐火车还是坐飞机更便宜"), not of a price asked to
    # fall ("今年机票会更便宜吗", "哪些药品集采后更便宜了": a price cut a report may state)
    r"|(?:买|住|吃|坐|订|租|哪(?:家|个|种|条|里|儿))[^。？?！!，,]{0,6}(?:比较|最)便宜"
    r"|(?:哪(?:家|个|种|条)|还是)[^。？?！!]{0,8}更便宜"
    # "幼儿园哪家比较好", "哪所好": a parent's choice (not "哪家企业效益最好": a fact)
    r"|哪(?:家|所)(?:[^。？?！!]{0,6}?(?:比较|更))?好(?=[吗呢啊呀？?，,。！!]|$)"
    r"|性价比"  # "住哪家酒店性价比最高": a buyer's judgement
    r"|穿(?:多厚|什么衣服)"  # what to wear
    # my own call or case ("我今年30岁了，该不该辞职", "我…社保断缴三个月会有什么影响"): not
    # 我市, 我们, 我党, nor the asker's framing ("我想问一下，减税对企业有什么影响"), nor
    # "政府要不要"
    r"|(?<!自)我(?![市省区县国州盟旗镇乡村们党军]|想(?:问|知道|了解|咨询)|听说|关心)"
    r"(?![^。？?！!]{0,16}(?:政府|市里|省里|国家|报告|部门))"
    r"[^。？?！!]{0,16}(?:该不该|应不应该|要不要|值不值得|有什么影响|有什么后果|会怎么样|怎么办)"
)


def asks_growth(question: str) -> bool:
    """Does the question ask by how much something grew or fell ("增长了多少", "涨了多少")?"""
    return bool(_GROWTH_ASKED.search(question))


def asks_a_years_rate(question: str) -> bool:
    """Does the question ask by how much something grew, or its rate ("增速是多少", "增幅是
    多少")? A span's yearly average gives no one year's (year_and_part.only_span_figure)."""
    return asks_growth(question) or bool(_RATE_NAMED.search(question))


_RATE_NAMED = re.compile(
    r"(?:增速|增幅|增长率|增长速度|涨幅|降幅)(?:预期)?(?:目标)?(?:分别|各)?"
    r"(?:是|为|有|达到?|定为?|定的是?|定在|定得)?(?:多少|几)"
)


# Words that say something grew or fell ("增长了多少"; a passage: "增长5.2%")
GROWTH_VERB = "增长|增加|提高|上涨|下降|降低|减少"
_GROWTH_ASKED = re.compile(  # "增长了多少", "百分之几", "增长目标是多少" (a growth target)
    rf"(?:{GROWTH_VERB}|涨|降)了?(?:百分之)?(?:多少|几)"
    r"|增长的?(?:预期)?目标(?:是|为|定为?|定的是?)?(?:多少|几)"
)


# A yearly average over years asked ("“十四五”时期年均增速", "平均每年增长多少"), and one given
_YEARLY_AVERAGE_ASKED = re.compile(r"年均|平均每年|每年平均|年平均(?:增长|增速|增幅)")
_AVERAGE_GIVEN = re.compile(r"年均|平均|每年")


def asks_yearly_average(question: str) -> bool:
    """Does the question ask a yearly average over several years ("十四五期间GDP年均增长多少")?"""
    return bool(_YEARLY_AVERAGE_ASKED.search(question))


def gives_average(text: str) -> bool:
    """Does `text` (a passage with its headings) give an average or a yearly figure at all
    ("年均增长6.2%", "平均", "每年")? One year's growth ("增长5.6%") is no yearly average."""
    return bool(_AVERAGE_GIVEN.search(text))
