"""Which passage says what a quoted term means, for the ranking and the abstention tests: the
glossary entry explaining it, a list spelling out an abbreviation of initials where the report
only quotes the term, or the first passage of a report spelling an abbreviated term out
(definitions.py, abbreviations.py)."""

from __future__ import annotations

from collections.abc import Sequence

from .abbreviations import (
    items_said,
    of_initials,
    spells_out_abbreviation,
    spells_out_initials,
)
from .definitions import entry_term, explains, terms_defined
from .query_types import Query
from .question import quoted_phrases
from .question_cues import MEANING_OF_QUOTED
from .store import FoldedTexts, PassageTable
from .tokens import Tokenizer


class DefinitionLookups:
    """The definition lookups of Ranker; Engine sets these attributes."""

    passages: PassageTable
    tokenizer: Tokenizer
    _folded: FoldedTexts

    def _defines_quoted(self, query: Query, i: int) -> bool:
        """Is passage i the glossary entry of a term the question quotes and asks the meaning
        of right after the quote ("长沙提出强力实施“三倍”，这个“三倍”指的是什么": "9.三倍：即产业
        倍增、…")? The words around it say where the term is used, not what its entry must
        hold. A meaning asked of something else ("坚持“两个毫不动摇”，…的制度有哪些") is not."""
        if not self.passages.glossary[i]:
            return False
        quoted = [self.tokenizer.fold(m[1]) for m in MEANING_OF_QUOTED.finditer(query.text)]
        if not quoted:
            return False
        term = entry_term(self._folded[i], self.passages.section(i), self.tokenizer.fold)
        return bool(term) and explains(term, quoted)

    def _spells_out_quoted(self, query: Query, i: int) -> bool:
        """Does passage i spell out an abbreviation of initials the question quotes and asks
        the meaning of ("经济强、百姓富、环境美、社会文明程度高" for “强富美高”)? Its report's
        texts are read only for a passage that does (abbreviations.spells_out_initials)."""
        quoted = [self.tokenizer.fold(p) for p in quoted_phrases(query.text)]
        if not any(of_initials(t) for t in quoted):
            return False  # (most quoted questions: “十四五”; judged for every candidate)
        asked = [t for t in terms_defined(query, quoted) if t in quoted]
        span = range(*self.passages.range_of(i))
        return spells_out_initials(self._folded[i], lambda: self._folded.each(span), asked)

    def _spelled_out(self, ranked: list[tuple[int, float]], terms: Sequence[str]) -> int | None:
        """The first passage of the best-ranked passage's report that spells out one of the
        abbreviated `terms` (abbreviations.py), or None."""
        terms = [t for t in terms if items_said(t) is not None]
        if not terms or not ranked:
            return None
        first, end = self.passages.range_of(ranked[0][0])
        texts = self._folded.each(range(first, end))  # one read, folded at once, not kept
        return next(
            (i for i, text in enumerate(texts, first)
             if any(spells_out_abbreviation(text, t) for t in terms)),
            None,
        )  # fmt: skip
