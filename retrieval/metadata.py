"""Report metadata read from the header: title, region, date, meeting, speaker."""

from __future__ import annotations

import re
from collections import Counter

from .clean import REPORT_TITLE, SALUTATION
from .models import ReportMeta
from .places import read_places

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MEETING = re.compile(r"在(.+?(?:会议|大会))上")
_OFFICE = re.compile(
    r"(?P<org>[\u4e00-\u9fff]*?)\s*(?P<office>代?(?:常务)?副?(?:区|市|县|旗|州|盟|省)长|代?主席)"
    r"\s+(?P<name>[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3})\s*$"
)
# A place name: a few characters closed by an administrative suffix.
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:自治区|自治州|自治县|新区|省|市|区|县|旗|盟|州)")
_REGION_IN_MEETING = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,14}?)第[一二三四五六七八九十百]+届")
PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "江苏",
    "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南",
    "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
)  # fmt: skip
_CITIES = tuple(p for p in read_places() if p not in PROVINCES)
_PROVINCE_PREFIX = re.compile(
    r"^[(（]?(" + "|".join(PROVINCES) + r")"
    r"(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)?[)）]?"
)


def _header(lines: list[str]) -> list[str]:
    end = next((i for i, ln in enumerate(lines) if SALUTATION.match(ln)), None)
    return lines[: end if end is not None and end <= 40 else 12]


def split_place(place: str) -> tuple[str, str | None]:
    """'呼和浩特市赛罕区' -> ('赛罕区', '呼和浩特市'); '辽源市' -> ('辽源市', None)."""
    parts = _PLACE.findall(place)
    if "".join(parts) != place or not parts:
        return place, None
    if len(parts) == 1:
        return parts[0], None
    return parts[-1], parts[-2]


def _region_from(text: str) -> tuple[str | None, str | None]:
    text = re.sub(r"\s+", "", text)
    m = _PROVINCE_PREFIX.match(text)
    province = m.group(1) if m else None
    rest = text[m.end() :] if m else text
    m2 = re.match(r"([\u4e00-\u9fff]{2,14}?)(?:人民政府|政府|\d{4}年)", rest)
    if not m2:
        return None, province
    region, parent = split_place(m2.group(1))
    if not _PLACE.fullmatch(region):
        return None, province
    return region, parent or province


def extract_metadata(text: str) -> ReportMeta:
    """Read the header above "各位代表"; anything the header does not say stays None."""
    lines = text.splitlines()
    header = _header(lines)
    joined = "".join(re.sub(r"\s+", "", ln) for ln in header)
    title = next((re.sub(r"\s+", "", ln) for ln in header if REPORT_TITLE.search(ln)), None)

    meeting = date = None
    if m := _MEETING.search(joined):
        meeting = m.group(1)
        if d := _DATE.search(joined[: m.start() + 1] or joined):
            date = f"{int(d.group(1)):04d}-{int(d.group(2)):02d}-{int(d.group(3)):02d}"
        meeting = _DATE.sub("", meeting).lstrip("在")

    speaker = office = org = None
    for line in header:
        if om := _OFFICE.search(line.strip()):
            office, org = om.group("office"), om.group("org")
            speaker = re.sub(r"\s+", "", om.group("name"))
            break

    region = parent = None
    if meeting and (rm := _REGION_IN_MEETING.match(meeting)):
        region, parent = split_place(rm.group("place"))
    if title:
        t_region, t_parent = _region_from(_DATE.sub("", title))
        region = region or t_region
        parent = parent or t_parent
    if not region and org:
        region, parent = _region_from(org + "政府")
    if parent and _PROVINCE_PREFIX.fullmatch(parent):
        province, parent = parent, None
    else:
        province = None
    if region:
        # A city only when the text names it as one ("四平市"), not inside 长白山 or a brand.
        cities = tuple(c for c in _CITIES if f"{c}市" in text)
        city = _most_named(text, cities, region)
        parent = parent or (f"{city}市" if city else None)
        province = province or _most_named(text, PROVINCES, region + (parent or ""))
    return ReportMeta(
        title=title,
        region=region,
        parent=parent,
        province=province,
        date=date,
        meeting=meeting,
        speaker=speaker,
        office=office,
    )


def _most_named(text: str, names: tuple[str, ...], exclude: str) -> str | None:
    """The name the text mentions most (outside 《titles》), if at least twice."""
    text = re.sub(r"《[^》]*》", "", text)
    counts = Counter({n: text.count(n) for n in names if n not in exclude and n in text})
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    return name if n >= 2 else None
