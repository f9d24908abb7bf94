"""A report's identity read from its header: title, region (from the division table), dates.

The header is everything above the salutation ("各位代表"). Portal furniture, 来源/时间/作者
lines and photo captions are skipped; the title line, the meeting line ("在XX第N届人民代表大会第N次
会议上") and the speaker line are read; the file name is the last resort. Every place is resolved
against the division table (retrieval/divisions.py), so 嘉興市 (folded) is 嘉兴市 and 铁东区 is the
one of 四平 or of 鞍山, whichever city the report itself speaks of.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePath

import opencc

from .clean import REPORT_TITLE, SPEAKER_LINE, TITLE_LABEL, body_start
from .division_mentions import mentions, resolve_chain
from .divisions import Division, Gazetteer, load_gazetteer
from .models import ReportMeta
from .question import numeral_value
from .report_years import plan_start
from .tokens import normalize
from .word_kinds import word_frequency, word_tag

_T2S = opencc.OpenCC("t2s")

NATIONAL = "全国"  # the region of the State Council's report
NATIONAL_CODE = "100000"
HEADER_LINES = 60  # the salutation is looked for this far down
MAX_LINE = 300  # header lines are read this far: a runaway line costs nothing
MIN_SELF_MENTIONS = 5  # a report names itself this often at least (header-less pages)
SELF_DOMINANCE = 2.0  # ... and this many times as often as any other county or city
COMMON_WORD = 1000  # jieba's count of a word this common: a short form that is not counted
MAX_FIELD = 120  # title, meeting, speaker are capped to this many characters

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# A date in Chinese numerals, as many headers write it: "二〇一九年一月十四日".
_CN_DATE = re.compile(
    r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_MEETING = re.compile(r"在(.{2,60}?(?:会议|大会))上")
# "2021年1月21日长沙市第十五届人民代表大会第七次会议通过" (or "…会议上", no 在): the meeting
_ADOPTED = re.compile(r"\d{1,2}月\d{1,2}日在?([^。，,：:]{2,40}?(?:会议|大会))(?:审议通过|通过|上)")
_CONGRESS = re.compile(r"^(?P<place>.{2,30}?)第[一二三四五六七八九十百\d]+届")
_LABEL = re.compile(r"^(?:来源|信息来源)\s*[:：]\s*")
# Lines a page or a newspaper puts around the report: not its title, meeting or speaker.
_NOT_HEADER = re.compile(
    r"^(?:来源|时间|作者|发布时间|发布日期|日期|编辑|责任编辑|字号|浏览|点击|阅读|内容摘要)\s*[:：]"
    r"|(?:记者|通讯员|摄影)\s*[\u4e00-\u9fff·]{0,12}\s*摄\s*$|摄\s*$|^图[为：:]"
    r"|同志作政府工作报告|新华社"
)
_YEAR_PLAN = re.compile(
    r"(?<![到至])(20\d\d|19\d\d) ?年"
    r"(?:的?(?:主要)?(?:预期)?目标|(?:重点)?工作(?:安排|任务|部署)|政府工作(?!回顾))"
)  # " ?": a PDF's text layer spaces a number from the word after it ("2023 年工作回顾");
# "到2010年的主要预期目标" is a five-year plan's horizon, not the year planned; "2006年政府
# 工作回顾" the year reviewed
_YEAR_REVIEW = re.compile(r"(20\d\d|19\d\d) ?年(?:及[^，。]{0,12})?(?:政府)?(?:工作)?回顾")
# The opening sentence names the government that reports: "现在，我代表北京市人民政府…";
# "我代表省人民政府" names only its level.
_OPENING = re.compile(r"我代表([\u4e00-\u9fff]{1,12}?)(?:人民)?政府")
_PROVINCIAL = frozenset({"省", "自治区"})
_CITY = "市"  # "我代表市人民政府": a city, or one of the four municipalities (北京市)
_TITLE_YEAR = re.compile(r"(20\d\d|19\d\d)年")


def header_lines(text: str) -> list[str]:
    """The lines above the salutation, without furniture, folded, each capped."""
    lines = text.splitlines()[:HEADER_LINES]
    end = body_start(lines)
    head = lines[: end if end is not None else 12]
    out = []
    for line in head:
        folded = _T2S.convert(normalize(line.strip()[:MAX_LINE]))
        if _MEETING.search(folded):  # "来源：…在…会议上省长叶建春作…": the header's facts
            folded = _LABEL.sub("", folded)
        if folded and not _NOT_HEADER.search(folded):
            out.append(folded)
    return out


def _compact(line: str) -> str:
    return re.sub(r"\s+", "", line)[:MAX_FIELD]


def _title(line: str) -> str:
    """The title line without a label a page puts before it ("标题：")."""
    return TITLE_LABEL.sub("", _compact(line))


def _plan_year(date: str | None, text: str, title: str | None) -> int | None:
    """The year a report plans for: a report given in Nov/Dec plans the next year."""
    if date:
        year, month = int(date[:4]), int(date[5:7])
        return year + 1 if month >= 11 else year
    head = text[:20000]
    if years := [int(y) for y in _YEAR_PLAN.findall(head)]:
        return max(set(years), key=years.count)
    if years := [int(y) for y in _YEAR_REVIEW.findall(head)]:
        return max(years) + 1
    titled = int(m.group(1)) if title and (m := _TITLE_YEAR.search(title)) else None
    if m := _YEAR_OF_PLAN.search(head):  # "今年是实施“十一五”规划的第一年": 2006, where the
        said = plan_start(m.group(1)) + _YEAR_OF_PLAN_AT[m.group(2)]  # title names no year
        if titled is None or said in (titled, titled + 1):  # or the one it reviews (2005)
            return said  # (not "一年前…说过：今年是“十五”计划的最后一年" of another year)
    if titled is not None:
        return titled
    if m := _PLAN_PRESENTED.search(head):  # "作关于…第十一个五年规划纲要的报告": its first year
        return plan_start(m.group(1))
    if m := _PLAN_REVIEWED.search(head):  # "“十五”时期的回顾": the year after its last
        return plan_start(m.group(1)) + 5
    return None


# A report that presents a new five-year plan, or reviews the last one, names no year: 北京 2006
# ("关于国民经济和社会发展第十一个五年规划纲要的报告", "一、“十五”时期的回顾")
_PLAN_PRESENTED = re.compile(r"关于[^。]{0,20}第([一二三四五六七八九十]{1,3})个五年(?:规划|计划)")
_PLAN_REVIEWED = re.compile(
    r"“([一二三四五六七八九十]{1,3})五”(?:计划)?(?:时期|期间)?的?(?:工作)?回顾"
)
# "今年是“十二五”的开局之年", "今年是实施“十一五”规划的第一年": the year planned, said outright
# (四川 2006's front matter is titled "2005年四川省人民政府工作报告", the year it reviews)
_YEAR_OF_PLAN_AT = {
    "开局之年": 0, "起步之年": 0, "第一年": 0, "第二年": 1, "第三年": 2, "第四年": 3,
    "最后一年": 4, "收官之年": 4,
}  # fmt: skip
_YEAR_OF_PLAN = re.compile(
    r"今年是[^。，；]{0,6}“([一二三四五六七八九十]{1,3})五”(?:规划|计划)?(?:实施)?的?"
    "(" + "|".join(_YEAR_OF_PLAN_AT) + ")"
)


class IdentityReader:
    """Reads ReportMeta from cleaned report texts against one division table."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()

    def read(self, text: str, file_name: str = "") -> ReportMeta:
        """Anything the header does not say stays None; `file_name` is the last resort."""
        header = header_lines(text)
        joined = "".join(_compact(ln) for ln in header)
        title = next((_title(ln) for ln in header if REPORT_TITLE.search(ln)), None)

        meeting = date = None
        if m := _MEETING.search(joined) or _ADOPTED.search(joined):
            meeting = _DATE.sub("", m.group(1)).lstrip("在")[:MAX_FIELD]
        if d := _DATE.search(joined):
            date = f"{int(d.group(1)):04d}-{int(d.group(2)):02d}-{int(d.group(3)):02d}"
        elif c := _CN_DATE.search(joined):
            year = c.group(1).translate(_CN_DIGITS)
            date = f"{year}-{numeral_value(c.group(2)):02d}-{numeral_value(c.group(3)):02d}"

        speaker = office = org = None
        for line in header:
            if om := SPEAKER_LINE.search(line[:MAX_FIELD]):
                office, org = om.group("office"), om.group("org")
                speaker = re.sub(r"\s+", "", om.group("name"))
                break

        body = normalize(text[:200000])
        division: Division | None
        level: str | None
        if self._national(meeting, office, org, title, body[:2000]):
            division, level = None, "national"
        else:
            congress = _CONGRESS.match(meeting) if meeting else None
            opening = _OPENING.search(body[:2000])
            sources = [
                congress.group("place") if congress else "",
                title or "",
                org or "",
                next((ln for ln in header if "人民政府" in ln), ""),
                opening.group(1) if opening else "",
                normalize(PurePath(file_name).stem),
            ]
            said = opening.group(1) if opening else ""
            division = next(
                (f for s in sources if s and (f := self.resolve(s, body)) is not None), None
            ) or self._named_in_body(body, said in _PROVINCIAL, said == _CITY)
            level = division.level if division else None
        names = self.names_of(division) if division else ((NATIONAL, None, None) if level else None)
        region, parent, province = names or (None, None, None)
        return ReportMeta(
            title=title,
            region=region,
            parent=parent,
            province=province,
            date=date,
            meeting=meeting,
            speaker=speaker,
            office=office,
            code=division.code if division else (NATIONAL_CODE if level else None),
            level=level,
            plan_year=_plan_year(date, body, title),
        )

    @staticmethod
    def _national(
        meeting: str | None, office: str | None, org: str | None, title: str | None, opening: str
    ) -> bool:
        """The State Council's report: a national congress, the premier, or 国务院 as author."""
        return bool(
            (meeting and "全国人民代表大会" in meeting)
            or (office and "总理" in office)
            or (org and "国务院" in org)
            or (title and "国务院" in title)
            or "我代表国务院" in opening
        )

    def _named_in_body(
        self, body: str, provincial: bool = False, city: bool = False
    ) -> Division | None:
        """Where nothing above the body names a place (a page with only "政府工作报告" and a
        date): the county or city the report speaks of as itself, by far most often among
        the places it names ("建设经济强县、和谐清苑": 清苑 19 times, 保定 7); the province,
        where the report opens "我代表省人民政府" (a province's short name is its own: 广东);
        a city or a municipality (北京市, by its short name too) where it opens
        "我代表市人民政府"."""
        counts: Counter[Division] = Counter()
        full: set[Division] = set()
        for start, end, divisions in self.gazetteer.scan(body):
            name = body[start:end]
            of_level = [  # 河南 is a province and a county of 青海: the province, for 全省
                d for d in divisions
                if (d.level == "province") == provincial
                or (city and d.level == "province" and d.name[-1] == _CITY)
            ]  # fmt: skip
            if city and len(of_level) > 1:  # 长沙 is a city and a county: "我代表市人民政府"
                of_level = [d for d in of_level if d.level == "prefecture"] or of_level
            if len(of_level) != 1:
                continue  # one place, of the level the report speaks as (全省: a province)
            division = of_level[0]
            municipality = city and division.level == "province" and division.name[-1] == _CITY
            if (
                provincial
                or municipality
                or name == division.name
                or name in self.gazetteer.former_names(division)
                or (city and division.name[-1] == _CITY and word_tag(name) == "ns")
            ):  # a city jieba knows by its short name (宁波, a place), not 新建 of 新建区
                full.add(division)
            elif word_frequency(name) >= COMMON_WORD and word_tag(name) != "ns":
                continue  # a short form that is a common word: 合作 (合作市), 资源 (资源县),
                # not a place known well (长沙, 成都: jieba tags them places)
            counts[division] += 1
        # named in full at least once: not 安新 of 雄安新区 alone
        ranked = [(d, n) for d, n in counts.most_common() if d in full][:2]
        if not ranked or ranked[0][1] < MIN_SELF_MENTIONS:
            return None
        if len(ranked) > 1 and ranked[0][1] < SELF_DOMINANCE * ranked[1][1]:
            return None
        return ranked[0][0]

    def names_of(self, d: Division) -> tuple[str, str | None, str | None]:
        """region, parent (its prefecture, for a county), province; as the table spells them."""
        chain = self.gazetteer.chain(d)
        province = chain[0].name if len(chain) > 1 else None
        parent = chain[-2].name if len(chain) > 2 else None
        return d.name, parent, province

    def resolve(self, place_text: str, body: str = "") -> Division | None:
        """The most specific division a run of place names means ("呼和浩特市赛罕区").

        Each name narrows the next ("四平铁东区": the 铁东区 under 四平). A name still shared by
        several divisions (和平区) is the one whose city or province the report speaks of most.
        """
        return resolve_chain(self.gazetteer, mentions(self.gazetteer, place_text), body)


def extract_metadata(text: str, file_name: str = "") -> ReportMeta:
    """The identity of one cleaned report (see IdentityReader.read)."""
    return _reader().read(text, file_name)


_READER: list[IdentityReader] = []


def _reader() -> IdentityReader:
    if not _READER:
        _READER.append(IdentityReader())
    return _READER[0]
