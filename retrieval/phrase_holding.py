"""Which passages hold a question's quoted phrases (“十四五”, “三江、五湖、六库”): in their text or
headings, as a list with notes after its items, as a glossary entry's term, a counted term as
the list of its things (“三个一流”: "一流的…、一流的…和一流的…"), or, for a five-year plan,
named by their report (a year asked) or by the opening of their part."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .candidates import range_holds
from .definitions import spells_out
from .glossary import glossary_term
from .index import PassageIndex
from .question import said_between_notes
from .report_structure import ReportStructure
from .report_years import PLAN_NAME
from .store import FoldedTexts

PART_OPENING = 3  # passages at the start of a part that say what period it is about
_A_YEAR = re.compile(r"(?:19|20)\d\d年")


class PhraseHolding(ReportStructure):
    """The quoted-phrase lookups Ranker filters candidates with; Engine sets these attributes."""

    index: PassageIndex
    _folded: FoldedTexts
    _part_opens: dict[tuple[int, str, str], bool]  # (report start, part heading, plan)

    def _headings(self, i: int) -> str:
        """Passage i's section path, folded for matching (once per distinct section); asked
        ~100 times an answer, so the table's column is read here (a candidate's number is
        never out of range: numpy would say so too)."""
        table = self.passages
        return self._fold_section(table.sections[table.section_idx.item(i)])

    def _plan_named(self, i: int, phrase: str, plans: dict[tuple[int, str], bool]) -> bool:
        """Is `phrase` a five-year plan (十三五) that passage i's report names?"""
        if not PLAN_NAME.fullmatch(phrase):
            return False
        key = (int(self.passages.report_idx[i]), phrase)
        if key not in plans:
            plans[key] = self._report_holds(i, phrase)
        return plans[key]

    def _part_opens_on(self, i: int, plan: str) -> bool:
        """Does the part of its report passage i is in open on the plan (folded) asked about
        ("二、未来发展的总体安排和主要任务" / "“十四五”时期，是…" / … / "（二）…全市常住人口城镇化率
        达到55%": the item is the plan's though it does not name it)?"""
        table = self.passages
        sections, section_idx = table.sections, table.section_idx
        top = sections[section_idx[i]][:1]
        if not top or _A_YEAR.search(top[0]):
            return False  # "二、2020年工作安排": a year's part, though "…“十三五”收官之年"
        first, end = table.range_of(i)
        key = (first, top[0], plan)  # (a report's part is asked of again for each candidate)
        if (opens := self._part_opens.get(key)) is None:
            start = i
            while start > first and sections[section_idx[start - 1]][:1] == top:
                start -= 1
            texts = (self._folded[k] for k in range(start, min(end, start + PART_OPENING)))
            opens = self._part_opens[key] = any(plan in text for text in texts)
            if len(self._part_opens) > 4096:
                self._part_opens.clear()
        return opens

    def _report_holds(self, doc: int, term: str) -> bool:
        """Does any passage of passage `doc`'s report have the term?"""
        start, end = self.passages.range_of(doc)
        return range_holds(self.index, start, end, self.tokenizer.fold(term))

    def _holding(
        self,
        docs: list[int],
        phrases: Sequence[str],
        depth: int,
        plans: dict[tuple[int, str], bool] | None,
    ) -> list[int]:
        """Where in `docs` the first `depth` passages holding every phrase are (_holds, with
        `plans`): the texts folded a chunk at a time (up to 5000 candidates a report for a
        quoted phrase asked of every report), in chunks growing from 64 (most questions find
        theirs early). One phrase that names no plan: in the text or the headings, these
        folded once per section of the scan (~1 µs a candidate less than _holds)."""
        table, held, folded_sections = self.passages, list[int](), dict[int, str]()
        one = phrases[0] if len(phrases) == 1 and not PLAN_NAME.fullmatch(phrases[0]) else None
        start, size = 0, 64
        while start < len(docs):
            chunk = docs[start : start + size]
            texts, sections = self._folded.each(chunk), table.section_idx[chunk].tolist()
            for at, (i, text, s) in enumerate(zip(chunk, texts, sections, strict=True)):
                if (
                    one is not None
                    and one not in text
                    and not said_between_notes(one, text)
                    and not spells_out(text, one)
                ):
                    if (headings := folded_sections.get(s)) is None:
                        headings = folded_sections[s] = self._fold_section(table.sections[s])
                    if one not in headings:
                        continue
                elif one is None and not self._holds(i, text, phrases, plans):
                    continue
                held.append(start + at)
                if len(held) == depth:
                    return held
            start, size = start + size, min(2 * size, 1024)
        return held

    def _holds(
        self,
        i: int,
        text: str,
        phrases: Sequence[str],
        plans: dict[tuple[int, str], bool] | None = None,
    ) -> bool:
        """Does passage i (`text`, folded) hold every phrase (folded) in its text or its
        headings, or is it the glossary entry of one ("“三农”领域“九大攻坚”行动": the entry
        "“九大攻坚”行动：…")? A five-year plan quoted ("“十三五”开局之年（2016年）") says
        when, beside the year asked: its report must name it, not each passage ("2016年工作回顾
        … 地区生产总值增长6.9%"); `plans` (None where no year is asked: "“十三五”期间年均增长
        多少" asks of the plan's years) keeps what each report was found to name."""
        headings = self._headings(i)
        if all(
            p in text
            or p in headings
            or said_between_notes(p, text)
            or spells_out(text, p)
            or (plans is not None and self._plan_named(i, p, plans))
            or (plans is None and PLAN_NAME.fullmatch(p) is not None and self._part_opens_on(i, p))
            or (any(q in text for q in phrases) and self._said_earlier_in_paragraph(i, p))
            for p in phrases
        ):
            return True
        term = glossary_term(text) if len(phrases) > 1 else None
        return term is not None and any(p in term for p in phrases) and self.passages[i].glossary

    def _said_earlier_in_paragraph(self, i: int, phrase: str) -> bool:
        """Does a passage before passage i in its paragraph (one cut into several) hold the
        phrase ("要…“加减乘除”并举做好供给侧改革。“加”就是…" / "…“除”就是要坚决淘汰落后产能")?"""
        table = self.passages
        paragraph, first = int(table.paragraph[i]), table.range_of(i)[0]
        k = i - 1
        while k >= first and int(table.paragraph[k]) == paragraph:
            if phrase in self._folded[k]:
                return True
            k -= 1
        return False
