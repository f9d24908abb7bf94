"""Units a question asks a figure in ("多少吨", "几所", "全长多少"), and figures given in them.

"多少吨" is answered by a figure in 吨, 斤, 公斤…; "几所" by 所, 家 or 座; "全长多少" by 公里 or 米.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

# The unit a question asks a figure in ("多少吨", "几所"), and the units that answer it.
_UNIT_GROUPS = (
    ("吨", "斤", "公斤", "千克", "克"),
    ("元", "钱"),
    ("美元",),  # "人均GDP多少美元": a figure in 元 gives no dollars
    ("公里", "千米", "米"),
    ("亩", "公顷", "平方米", "平方公里"),
    ("人", "人次", "名"),
    ("所", "家", "座"),  # (个 counts them too, unit_figure); any classifier answers "多少个"
    ("辆", "台"),  # vehicles are counted in either ("新增电动公交车170台")
    ("岁",), ("条",), ("户",), ("套",), ("头",), ("对",),  # 对: couples ("离婚登记多少对")
    ("张",), ("床",), ("微克",), ("千瓦",), ("立方米",), ("倍",),
)  # fmt: skip
_ASKED_UNIT = re.compile(
    r"(?:多少|(?<![哪第])几)((?:[十百]|千(?![米克瓦]))*)\s?([万亿]?)\s?("  # not 千米
    + "|".join(sorted({u for g in _UNIT_GROUPS for u in g}, key=len, reverse=True))
    + ")(?<!家(?=庭|里|长|属|人(?![工民力才])|乡(?![镇村])|门口))"  # "多少家里困难的学生",
    + "(?<!人(?=家))"  # "多少人家": households, no count of people
    + "(?<!户(?=籍|口|外|型))"  # "多少户籍人口": people, no count of households
    + "(?<!对(?=[外于口接标比话象策待照应称手岸]))"  # "多少对外贸易企业": no couples
)  # "多少家庭": no 家 of firms (but "多少家人工智能企业", "多少家乡镇卫生院")
# Money asked by what it is ("投入多少资金", "多少经费"), not by its unit ("多少元", "多少钱")
_MONEY_ASKED = re.compile(
    r"(?:(?:多少|几)个?[十百千]?(?:万|亿|万亿)?(?:[^\W\d外]{0,4}?)(?:资金|经费|费用)"
    r"|(?<!外)(?:资金|经费)(?:总额|总量)?(?:一共|总共)?(?:有|是|为)?多少)"
    r"(?![^，,。？?]{0,6}(?:率|占比|比例|比重))"  # "资金到位率是多少": a rate
)
_FOREIGN = re.compile(r"外资|外汇|境外|美元")  # money from abroad: in 美元 as often as in 元
# A length asked in so many words ("全长多少", "里程有多长"); "过渡期有多长" asks a time.
_LENGTH_ASKED = re.compile(r"(?:全长|总长|长度|里程)(?:有|是|为|达到)?多(?:长|少)")
NUMERAL = r"(?:\d[\d.,]*|[零〇一二两三四五六七八九十百千万亿]+)"
# A numeral that counts: not a magnitude alone ("万元" of "万元地区生产总值能耗", a rate's base)
COUNTED = r"(?:\d[\d.,]*|[零〇一二两三四五六七八九十百千万亿]{2,}|[零〇一二两三四五六七八九十])"
# "多久" asks a time; "多长", "多远" a length or a time ("大桥有多长", "要多长时间",
# "离成都多远": 公里 or 小时). A time is a count of hours, days, months or years, not a date
# ("9月", "17日") nor a year ("2024年").
_TIME = (
    r"(?<![\d.])(?:\d{1,3}(?:\.\d+)?|[一二两三四五六七八九十百半]+)\s*多?个?"
    r"(?:小时|分钟|天|周|星期|个月|年|工作日)(?!行动|计划|规划|攻坚|工程|专项)"
    r"|(?:\d{1,3}|[一二两三四五六七八九十]+)连[增丰涨升降]"  # so many years in a row: "二十一连丰"
)  # not the name of a plan ("三年行动计划")
# A rate or share ("城镇化率是多少", "占比多高") is a percentage, a 成 or so many per mille;
# a figure of another kind ("粮食生产实现“十一连丰”") gives none.
_SHARE = (  # or a proportion ("三次产业结构比例为9.7:39.5:50.8")
    r"\d[\d.]*\s*(?:%|‰|个?百分点)|百分之|[一二两三四五六七八九]成|\d[\d.]*\s*[:∶]\s*\d"
)
_SHARE_ASKED = re.compile(r"(?:率|比重|比例|占比)(?:是|有|为|达到|达|能达到|大概)?(?:多少|多高|几)")
# How often ("每月巡河两次", "每年进行一次免费体检"): what "多久一次" asks
_FREQUENCY = r"每(?:年|月|周|季度?|天|日|半年)[^，,。；;]{0,10}?[一两二三四五六七八九十\d]+次"
_DIMENSIONS = {"多久": _TIME, "多长": _TIME, "多远": _TIME, "率": _SHARE, "多久一次": _FREQUENCY}
_DIMENSION_ASKED = re.compile("多久|多长|多远")
# How often asked ("要多久去河边巡一次", "多久一次")
_FREQUENCY_ASKED = re.compile(r"(?:多久|多长时间|隔多少天)[^，,。？?]{0,6}?一次")
# So many hours, days, months or years asked ("能管几天", "用了几年", "要多少个月"): a time, as
# 多久 asks it; not "这几年", "过去几年", "十几年" (a span spoken of), "多几天" (a few more).
_TIME_ASKED = re.compile(
    r"(?<![这近前头多去十好些])(?:多少|几)个?(?:小时|天|周|个月|年)(?![级前后来])"
)


@cache
def unit_figure(unit: str, numeral: str = NUMERAL) -> re.Pattern[str]:
    """A figure given in `unit` or a unit of the same kind: "1.2万吨", "3000斤", "五所";
    for a dimension asked ("多长"), a figure of a kind that answers it. `numeral`: what its
    number may be (COUNTED: not a magnitude alone)."""
    if unit in _DIMENSIONS:
        length = unit_figure("公里").pattern if unit in ("多长", "多远") else ""
        return re.compile("|".join(p for p in (_DIMENSIONS[unit], length) if p))
    group = next(g for g in _UNIT_GROUPS if unit in g)
    units = "|".join(sorted((u for u in group if u != "钱"), key=len, reverse=True))
    if "家" in group or unit == "台":  # 个, the general measure word, counts them too:
        # "兴办31.4万个实体企业", "9个天文望远镜" (machines; not vehicles: "多少辆车")
        units += "|个(?!百分点|月|季度|小时|工作日|人)"  # not "3个百分点", "用了3个月"
    if "人" in group:  # people counted by a noun: "6600多万纳税人", "170万志愿者", "2万运动员"
        units += r"|(?:(?!元)[\u4e00-\u9fff]){1,2}[人者员]"  # not "120亿元人民币"
        # "解决4.8万居民的饮水安全问题", "143万农牧民住上了安全适用的房屋"
        units += "|居民|群众|农民|农牧民|牧民|渔民|移民|市民|村民|职工|学生|儿童|游客"
        # and after their own words ("为200万进城农民工…办理城镇户口", "15万农村留守儿童")
        units += (  # (not a figure in a measure of its own: "100万亩耕地")
            r"|(?![万亿千百亩吨斤个家户所项座台辆套次件条元公米平倍%‰])"
            r"[^\d\s，,。；;、：:（）()元]{1,6}?(?:农民工|居民|群众|农民|农牧民|牧民|妇女|儿童|学生|职工)"
        )
    return re.compile(rf"{numeral}\s*多?(?:[万亿千百]+)?多?\s*(?:{units})")


# Every unit's pattern compiled at import (~7 ms in all), not on the first question asking it
for _unit in (*(u for group in _UNIT_GROUPS for u in group), *_DIMENSIONS):
    unit_figure(_unit)
del _unit


def is_dimension(unit: str) -> bool:
    """Is `unit` a kind of figure asked ("多长": a length or a time), not a unit ("公里")?"""
    return unit in _DIMENSIONS


def asked_unit(folded: str) -> str | None:
    """The unit a (folded) question asks a figure in, if any."""
    if m := _ASKED_UNIT.search(folded):
        return m.group(3)
    if _LENGTH_ASKED.search(folded):
        return "公里"
    if _MONEY_ASKED.search(folded) and not _FOREIGN.search(folded):
        return "元"  # "投入多少资金": money, so a figure in 元
    if _SHARE_ASKED.search(folded):
        return "率"
    if _FREQUENCY_ASKED.search(folded):
        return "多久一次"
    m = _DIMENSION_ASKED.search(folded)
    if m is None and _TIME_ASKED.search(folded):
        return "多久"
    return m.group(0) if m else None


def unglue_unit(
    folded: str,
    spans: Callable[[str], list[tuple[str, int, int]]],
    known: Callable[[str], bool],
) -> str:
    """The unit asked stands apart: from the number word before it ("多少岁", "几所", "几千人":
    jieba's words, which no report has, become "多少 岁", "多少 所", "多少 人"; a 万 or 亿 stays
    with its unit: "几万亩" -> "多少 万亩") and from the thing counted after it ("多少辆车":
    jieba cuts 辆车, a word no report has; a word the reports have, "人口" of "多少人口", stays
    whole). `spans` are jieba's words with their places, `known` tells a word of the reports."""
    m = _ASKED_UNIT.search(folded)
    if m is None:
        return folded
    at = m.start(3)  # where the unit starts
    if any(start < at < end for _, start, end in spans(folded)):  # one word with its number
        asked = f"多少 {m[2]}"
        folded = folded[: m.start()] + asked + folded[at:]
        at = m.start() + len(asked)
    unit = m[3]
    for word, start, _ in spans(folded):
        if start == at and len(word) > len(unit) and not known(word):
            return folded[: at + len(unit)] + " " + folded[at + len(unit) :]
    return folded
