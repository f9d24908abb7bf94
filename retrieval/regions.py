"""Which report a question is about: region names, their short forms and parents."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .metadata import PROVINCES
from .models import Report
from .tokens import normalize

_SUFFIX = re.compile(r"(?:自治区|自治州|自治县|新区|省|市|区|县|旗|盟)$")
# A run of place names at the start of a question: "大庆市让胡路区…", "上海浦东新区…".
# Two or more characters closed by a suffix that does not run on into a word (市场, 区域).
_LEADING_PLACE = re.compile(
    r"[\u4e00-\u9fff]{2,7}?(?:自治区|自治州|自治县|新区|省|市|区|县|旗|盟)"
    r"(?![场民域委级政容属内外直貌情长])"
)
_NOT_IN_PLACE = re.compile(
    r"[的了和在是有哪几多少么啥年月日过去我对与及等并]|代表|推进|加强|按照|配合|助力|实现|新增|完善"
    r"|打造|加快|建设|开展|落实|贯彻|深入|积极|认真|坚决|坚定|全面|全力|激发|更新|培育|恢复|重建"
    r"|开工|完成|实行|新建|维修|立足|得益|接受|用好|探索|创建|守住|提升|优势|建成|自治区$"
)
# A county or district a report's text names ("东丰县" in 辽源's report) is not unknown.
_LOCAL_SUFFIX = re.compile(r"(?:县|区|旗|镇|乡)$")
# Words closed by an administrative suffix that are not place names.
_GENERIC = re.compile(
    r"(?:小|社|园|景|城|市|辖|片|山|牧|灾|老|全|我|本|街|营|战|军|盲|误|禁|专|地|矿|库|校|郊|学|分"
    r"|特|林|湖|港|农|垦|边|苏|疫|商|管|各|该|此|两|三|多|试验|示范|开发|功能|湿地|保护|服务|核心"
    r"|集聚|产业|高新|自贸|保税|风景|旅游|工业|商业|生活|住宅|棚户|城乡|城中|经济|贫困|革命)区$"
    r"|(?:全|我|本|城|都|超|股|楼|菜|夜|集|门|上|早|晚)市$|(?:全|我|本|郡|州|市)县$"
    r"|(?:全|我|本|外|反|节|各)省$"
)
_BOOK_TITLE = re.compile(r"《[^》]*》")
_STREET = re.compile(r"(?:路|街|大街|大道|巷|桥|广场|公园)")
_LEAD_IN = re.compile(r"^(?:请问|那么|那|关于|我想知道|想知道|问一下|说说|讲讲)[，,、\s]*")


@dataclass(frozen=True, slots=True)
class RegionMatch:
    reports: tuple[str, ...]  # reports the question names, best first; empty: none named
    unknown: str | None  # a place the question is about that no report covers
    names: tuple[str, ...]  # the words that named a region, to leave out of the search


class RegionIndex:
    """Aliases of every report's region ("赛罕区", "赛罕", "呼和浩特") to report names."""

    def __init__(
        self,
        reports: Iterable[Report],
        is_common_word: Callable[[str], bool] = lambda w: False,
        places: Iterable[str] = (),
        fold: Callable[[str], str] = normalize,
    ) -> None:
        self._fold = fold
        aliases: dict[str, set[str]] = defaultdict(set)
        self._own: set[str] = set()  # aliases that are a report's own region, not a parent
        self._levels: dict[str, tuple[str | None, str | None]] = {}  # report -> parent, province
        self._texts: dict[str, str] = {}  # report -> its cleaned text
        self._city_named: dict[str, bool] = {}  # report -> speaks of some city (lazily)
        for report in reports:
            meta = report.meta
            self._levels[report.name] = (meta.parent, meta.province)
            self._texts[report.name] = report.text  # shared, not copied
            for level, name in enumerate((meta.region, meta.parent, meta.province)):
                if not name:
                    continue
                names = [name]
                short = _SUFFIX.sub("", name)
                if len(short) >= 2 and short != name and not is_common_word(short):
                    names.append(short)
                for alias in map(fold, names):
                    aliases[alias].add(report.name)
                    if level == 0:
                        self._own.add(alias)
        self._aliases = {a: tuple(sorted(r)) for a, r in aliases.items()}
        self._by_length = sorted(self._aliases, key=len, reverse=True)
        self._pattern = (
            re.compile("|".join(re.escape(a) for a in self._by_length)) if self._aliases else None
        )
        self._places = tuple(sorted({fold(p) for p in places}, key=len, reverse=True))
        self._cities = tuple(p for p in self._places if p not in PROVINCES)

    def match(self, question: str) -> RegionMatch:
        """The reports a question names, and a leading place no report covers."""
        text = self._fold(question)
        names: list[str] = []
        votes: dict[str, int] = defaultdict(int)
        if self._pattern:
            for m in self._pattern.finditer(text):
                names.append(m.group())
                for name in self._aliases[m.group()]:
                    # A region's own name outweighs a parent shared by several reports.
                    votes[name] += 10 // len(self._aliases[m.group()])
        reports = tuple(sorted(votes, key=lambda r: -votes[r]))
        if reports:
            best = votes[reports[0]]
            reports = tuple(r for r in reports if votes[r] == best)
        unknown = self._unknown_place(text)
        if unknown and not reports:
            # A county a report names ("东丰县"), or a name the report uses in the same
            # words ("大庆赛车小镇"), is that report's business, not an unknown region.
            start = _LEAD_IN.sub("", text)
            probe = unknown if _LOCAL_SUFFIX.search(unknown) else start[: len(unknown) + 2]
            mentioned = tuple(r for r, t in self._texts.items() if probe in t)
            if mentioned:
                return RegionMatch(mentioned, None, ())
        return RegionMatch(reports, unknown, tuple(names))

    def _unknown_place(self, text: str) -> str | None:
        """A place the question starts with that none of the corpus's reports covers.

        "大庆市让胡路区…": a known city, then a district with no report: unknown.
        "长春市朝阳区…": a known city, then a known district of another city: unknown.
        "鞍山市铁东区…": a city that contradicts our 铁东区's (四平): unknown.
        "吉林省抚松县…": a province our 抚松县 report does not name: fine, it may be right.
        "赛罕区老旧小区…": a report's own region, then ordinary words: known.
        """
        text = _LEAD_IN.sub("", text)
        pos = 0
        found: list[str] = []
        strangers: list[str] = []  # places before the region that no report names
        within: set[str] | None = None  # reports a parent named so far allows
        while pos < len(text):
            known = next((a for a in self._by_length if text.startswith(a, pos)), None)
            if known:
                word = known
                if pos + len(word) < len(text) and _SUFFIX.match(text[pos + len(word)]):
                    word += text[pos + len(word)]  # "吉林" + "省"
            elif (m := _LEADING_PLACE.match(text, pos)) and _is_place(m.group()):
                word = m.group()
            elif (bare := self._bare_place(text, pos)) is not None:
                word = bare
            else:
                break
            found.append(word)
            pos += len(word)
            if not known:
                strangers.append(word)
                continue
            reports = set(self._aliases[known])
            if known not in self._own:  # a parent: narrows which regions may follow
                within = reports if within is None else within & reports
                continue
            # The report's own region: does what came before fit it?
            if within is not None and not reports & within:
                return "".join(found)
            if any(self._contradicts(s, reports) for s in strangers):
                return "".join(found)
            return None
        return "".join(found) if strangers else None

    def _bare_place(self, text: str, pos: int) -> str | None:
        """A province or city name without its suffix, unless it names a street ("桂林路")."""
        for place in self._places:
            if text.startswith(place, pos):
                after = text[pos + len(place) : pos + len(place) + 2]
                return None if _STREET.match(after) else place
        return None

    def _contradicts(self, place: str, reports: set[str]) -> bool:
        """Does a place before a region contradict what its report says?

        A report that names its city or province is contradicted by any other. One that
        does not is contradicted by a city its text never mentions while it often speaks
        of another ("鞍山市铁东区" against a 铁东区 report that speaks of 四平 only).
        """
        bare = _SUFFIX.sub("", place)
        level = 1 if bare in PROVINCES else 0
        for name in reports:
            if self._levels[name][level] is not None:
                return True
            text = self._texts[name]
            if level == 0 and bare not in text and self._names_a_city(name):
                return True
        return False

    def _names_a_city(self, report: str) -> bool:
        """Does the report speak of some city at least twice (outside 《titles》)? Cached."""
        known = self._city_named.get(report)
        if known is None:
            text = _BOOK_TITLE.sub("", self._texts[report])
            known = self._city_named[report] = any(text.count(c) >= 2 for c in self._cities)
        return known


def _is_place(word: str) -> bool:
    return not _NOT_IN_PLACE.search(word) and not _GENERIC.search(word)
