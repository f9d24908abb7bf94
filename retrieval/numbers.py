"""Figures in a question, also as reports write them: 百分之五 = 5%, 两成 = 20%,
1.2万亿元 = 12000亿元 (and back).

For matching only: the question's own form and the report's spellings are searched side by
side, like a thesaurus entry made from the question (query.py); a citation quotes the report
as it is written.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .question import numeral_value

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}  # fmt: skip
_CHINESE = "零〇一二两三四五六七八九十"
_PERCENT = re.compile(rf"百分之([{_CHINESE}\d]+(?:[点.][{_CHINESE}\d]+)?)(?![百千\d])")
# 两成, 增长三成以上: tenths; not 建成, 一成不变 (a numeral right before, a clause end after)
_TENTHS = re.compile(
    r"(?<![零〇一二两三四五六七八九十百千万亿\d])([一二两三四五六七八九])成"
    r"(?=[以左多的了吗呢，,。？?！!、]|$)"
)
_WAN_YI = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)万亿")
# 两万亿 -> 2万亿 (20000亿), 十亿 -> 10亿: a Chinese numeral of 1-99 before 万亿, 亿 or 万
_CHINESE_MAGNITUDE = re.compile(
    rf"(?<![{_CHINESE}百千\d.])([一二两三四五六七八九十]{{1,3}})(万亿|亿|万)(?![{_CHINESE}])"
)
_YI = re.compile(r"(?<![\d.万])(\d{5,}(?:\.\d+)?)亿")


def report_forms(text: str) -> dict[str, tuple[str, ...]]:
    """Each figure of `text` written otherwise than reports write it, with their spellings."""
    forms: dict[str, tuple[str, ...]] = {}
    for m in _PERCENT.finditer(text):
        if (value := decimal_text(m.group(1))) is not None:
            forms[m.group()] = (f"{value}%",)
    for m in _TENTHS.finditer(text):
        forms[m.group()] = (f"{_DIGITS[m.group(1)]}0%",)
    for m in _CHINESE_MAGNITUDE.finditer(text):
        if (value := decimal_text(m.group(1))) is not None:
            spelled = f"{value}{m.group(2)}"
            wan_yi = _plain(Decimal(value) * 10000) + "亿" if m.group(2) == "万亿" else None
            forms[m.group()] = (spelled, wan_yi) if wan_yi else (spelled,)
    for m in _WAN_YI.finditer(text):
        forms[m.group()] = (_plain(Decimal(m.group(1)) * 10000) + "亿",)
    for m in _YI.finditer(text):
        forms[m.group()] = (_plain(Decimal(m.group(1)) / 10000) + "万亿",)
    return forms


def decimal_text(written: str) -> str | None:
    """五 -> 5, 十二 -> 12, 五点五 -> 5.5, 5.5 -> 5.5, 九十九 -> 99; None if not such a number."""
    whole, _, part = written.replace("点", ".").partition(".")
    number = numeral_value(whole.replace("两", "二").replace("〇", "零"))  # 1-99, or digits
    if not number and whole not in ("0", "零", "〇"):
        return None
    if not part:
        return str(number)
    digits = "".join(c if c.isdigit() else str(_DIGITS.get(c, "")) for c in part)
    return f"{number}.{digits}" if len(digits) == len(part) else None


def _plain(value: Decimal) -> str:
    """12000, 1.2: no exponent, no trailing zeros."""
    try:
        return format(value.normalize(), "f")
    except InvalidOperation:
        return str(value)
