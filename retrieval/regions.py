"""Which report a question is about: region names, their short forms and parents."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .models import Report
from .tokens import normalize

_SUFFIX = re.compile(r"(?:自治区|自治州|自治县|新区|省|市|区|县|旗|盟)$")
# A run of place names at the start of a question: "大庆市让胡路区…", "上海浦东新区…".
_LEADING_PLACE = re.compile(r"[\u4e00-\u9fff]{1,7}?(?:自治区|自治州|自治县|新区|省|市|区|县|旗|盟)")
_NOT_IN_PLACE = re.compile(r"[的了和在是有哪几多少么啥年月日过去]")
# Words closed by an administrative suffix that are not place names.
_GENERIC = re.compile(
    r"(?:小|社|园|景|城|市|辖|片|山|牧|灾|老|全|我|本|街|营|战|军|盲|误|禁|专|试验|示范|开发|功能"
    r"|保护|服务|核心|集聚|产业|高新|自贸|保税|风景|旅游|工业|商业|生活|住宅|棚户|城乡|城中)区$"
    r"|(?:全|我|本|城|都|超|股|楼|菜|夜|集|门|上|早|晚)市$|(?:全|我|本|郡|州|市)县$"
    r"|(?:全|我|本|外|反|节|各)省$"
)
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
        for report in reports:
            meta = report.meta
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

    @property
    def aliases(self) -> dict[str, tuple[str, ...]]:
        return dict(self._aliases)

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
        return RegionMatch(reports, self._unknown_place(text), tuple(names))

    def _unknown_place(self, text: str) -> str | None:
        """A place the question starts with that none of the corpus's reports covers.

        "大庆市让胡路区…": a known city, then a district with no report: unknown.
        "赛罕区老旧小区…": a report's own region, then ordinary words: known.
        """
        text = _LEAD_IN.sub("", text)
        pos = 0
        found: list[str] = []
        unknown = False
        while pos < len(text):
            known = next((a for a in self._by_length if text.startswith(a, pos)), None)
            if known:
                word = known
                if pos + len(word) < len(text) and _SUFFIX.match(text[pos + len(word)]):
                    word += text[pos + len(word)]  # "吉林" + "省"
            elif (m := _LEADING_PLACE.match(text, pos)) and _is_place(m.group()):
                word, unknown = m.group(), True
            elif bare := next((p for p in self._places if text.startswith(p, pos)), None):
                word, unknown = bare, True
            else:
                break
            found.append(word)
            pos += len(word)
            if known in self._own:  # the report's own region: what follows is the question
                break
        return "".join(found) if unknown else None


def _is_place(word: str) -> bool:
    return not _NOT_IN_PLACE.search(word) and not _GENERIC.search(word)
