"""When the reports do not answer: the tests a passage must pass to be cited.

None of them is a raw BM25 score: the share of the question's weighted concepts a passage holds,
a year the question names that its report must mention, the figure a 多少 question asks for
(figures_asked.py) from a passage naming the indicator asked, what a question asks the value
of ("X是多少", "X是谁") named somewhere in the report, and for the header (title, meeting,
speaker) every word of the question. A passage is also passed over when it speaks of another
year, part of its report, indicator or place than the one asked (misplaced.py); the engine
then looks a few hits further down for one that does not.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping

from .answer_types import (
    AMOUNT_WORDS,
    asked_date,
    asks_a_procedure,
    asks_about_a_day,
    asks_delivery,
    asks_yearly_average,
    gives_average,
    gives_date,
    unsaid_measure,
)
from .aspects import asks_aspects
from .config import EngineConfig
from .coverage import best_sentence_share, concept_weights, sentences_holding, share
from .definitions import counted_terms_listed
from .everyday_words import everyday
from .figures_asked import gives_figure_asked
from .header_answers import header_answers
from .misplaced import Misplacement
from .models import Report
from .named_asked import (
    names_attribute,
    names_indicator,
    states_unheld_figure,
)
from .off_topic import off_topic
from .query_types import Concept, Query, is_telling, is_topic
from .report_parts import Part, only_plan_words, only_result_words, only_time_words
from .report_spans import years_span_asked
from .said_apart import said_apart
from .store import PassageTable
from .year_and_part import YearAndPart


def _says(concept: Concept, text: str) -> bool:
    """Does `text` say the concept, whole or in every piece ("粮食生产…，产量达1094.86万吨"
    for 粮食产量)?"""
    pieces = concept.partial
    return any(t in text for t in concept.full) or (
        len(pieces) > 1 and all(p in text for p in pieces)
    )


def _says_some(concept: Concept, text: str) -> bool:
    """Does `text` say the concept whole, apart in one sentence, or any piece of it (what
    earns it a share of its weight, coverage.share)?"""
    return (
        any(t in text for t in concept.full)
        or bool(concept.apart and said_apart(text, concept.apart))
        or any(p in text for p in concept.partial)
    )


class Abstention:
    """The abstention tests over one engine's passages (see the module docstring)."""

    def __init__(
        self,
        passages: PassageTable,
        reports: Mapping[str, Report],
        folded: Callable[[int], str],
        headings: Callable[[int], str],
        term_weight: Callable[[str], float],
        config: EngineConfig,
        known: Callable[[str], bool],
        numbered: Callable[[int, int, int, int | None], bool],
        report_holds: Callable[[int, str], bool],
        is_aspect: Callable[[Query, int], bool],
        part: Callable[[int], Part | None],
        speakers: Callable[[str], tuple[str, ...]],
        listed_item: Callable[[Query, int, tuple[str, ...]], bool] = lambda q, i, p: False,
        defines_quoted: Callable[[Query, int], bool] = lambda q, i: False,
        spells_out_quoted: Callable[[Query, int], bool] = lambda q, i: False,
    ) -> None:
        self._passages = passages
        self._listed_item = listed_item  # is passage i the item asked of a list named?
        self._defines_quoted = defines_quoted  # the glossary entry of a quoted term asked?
        self._spells_out_quoted = spells_out_quoted  # a list an abbreviation asked stands for?
        self._report_holds = report_holds  # does passage i's report have this word anywhere?
        self._is_aspect = is_aspect  # does passage i answer "主要任务有哪些方面" (aspects.py)?
        self._speakers = speakers  # the speakers of loaded reports a question names
        self._known = known  # does any passage hold this word?
        self._numbered = numbered  # is passage i under heading n at a level (ordinals.py)?
        self._reports = reports
        self._folded = folded
        self._headings = headings
        self._term_weight = term_weight
        self._config = config
        self.parts = YearAndPart(passages, reports, folded, headings, part)
        self.placement = Misplacement(folded, headings, term_weight, config, self.parts)
        self._asker_own: tuple[Query | None, tuple[bool, ...], tuple[bool, ...]] = (None, (), ())

    def confident(
        self, query: Query, doc: int, strict: bool = False, places: tuple[str, ...] = ()
    ) -> bool:
        """Does passage `doc` answer the question, or only share words with it?

        `strict` (compare) also wants the question's most telling concept itself. `places`:
        the names of a place asked about in its parent's report ("宁波" in 浙江's): a sentence
        must name it and hold the question, not only mention it somewhere ("宁波舟山港").
        """
        if query.ordinal is not None and not query.weights:
            return True
        if asks_about_a_day(query.text):
            return False  # "明天北京天气怎么样": reports speak of years, not of tomorrow
        if asks_a_procedure(query.text):
            return False  # "个人所得税退税怎么申请": no report gives a citizen's procedure
        if asks_aspects(query) and self._is_aspect(query, doc):
            return True  # "今年的主要任务有哪些方面": the part's items answer (aspects.py)
        if query.ordinal is not None and self._numbered(
            doc, query.ordinal, query.ordinal_level - 1, query.list_size
        ):
            # "第一项是什么": the heading it is under answers, unless the question is about
            # a thing no report names ("第二项里红烧肉怎么做")
            text = self._folded(doc) + " " + self._headings(doc)
            return not off_topic(query, text, self._known, self._config.rare_word)
        if self._listed_item(query, doc, places) or self._defines_quoted(query, doc):
            # "“六大体系”中第三个" (named_lists.py); "强力实施“三倍”，“三倍”指的是什么": its entry
            text = self._folded(doc) + " " + self._headings(doc)
            return not off_topic(query, text, self._known, self._config.rare_word)
        passage = self._passages[doc]
        if passage.paragraph == 0 and not self.asks_header(query, doc):
            return False
        if query.years and self.parts.year_unsaid(
            query.years,
            self._reports[passage.report],
            years_span_asked(query.text),
        ):
            return False
        if self.placement.misplaced(query, doc, places):
            return False
        if self.parts.only_span_figure(query, doc):
            return False  # "2015年增长了百分之几": "年均增长11.1%" (or "累计…") is the term's
        if asks_yearly_average(query.text) and not gives_average(
            self._folded(doc) + " " + self._headings(doc)
        ):
            return False  # "“十四五”时期GDP年均增速": "增长5.6%" is one year's
        if passage.paragraph == 0 and asks_delivery(query.text):
            return True  # who gave the report, when, where: the header says, in its own words
        holds = functools.partial(self._report_holds, doc)  # a word anywhere in its report?
        if not names_attribute(
            query, self._folded(doc), holds, lambda: self._reports[passage.report].text
        ):
            return False  # "实验室的主任是谁": a report that never says 主任 does not answer
        if states_unheld_figure(query, holds):
            return False  # "发烧38度5": a report that never gives 38 does not speak of it
        weights = concept_weights(query, self._term_weight)
        folded = self._folded(doc)
        # "这五年，…": the span a passage opens on is said of each of its sentences; a counted
        # term asked is said by the list of its things ("“三个一流”": "一流的…、一流的…和一流的…")
        context = self._headings(doc) + " " + self.parts.span_said(doc)
        context += counted_terms_listed(query.text, folded)
        if query.wants_number and not gives_figure_asked(folded, context, query, weights):
            return False  # no figure, none in the unit asked, a rate for an amount (figures_asked)
        if (date := asked_date(query.text)) and not gives_date(
            query.text,
            date,
            best_sentence_share(folded, query, weights, context)[1],
            self.parts.part_of_passage(doc) is Part.PLAN,
        ):  # or one telling on its own gives it ("确立2018年为我省率先全面建成小康社会的目标年"
            # beside "“一个率先”就是率先全面建成小康社会。": "哪一年定为…目标年")
            holding = sentences_holding(folded, query, weights, "", self._config.min_coverage)
            if not any(date.search(sentence) for sentence in holding):
                return False  # "哪一天通车": a passage that gives no day where it speaks of it
        text = folded + " " + context
        if off_topic(query, text, self._known, self._config.rare_word, places):
            return False
        if strict and weights:
            top = max(range(len(weights)), key=weights.__getitem__)
            if not any(t in text for t in query.concepts[top].full):
                return False  # the question's most telling concept is not there
        if query.wants_number and not names_indicator(
            query, text, weights, self._config, holds, self._known
        ):
            return False  # "吉林2024年地区生产总值增长了多少": "红旗汽车产销量增长22.9%" no answer
        if self._spells_out_quoted(query, doc):
            return True  # "“强富美高”指什么": "经济强、百姓富、…", though 强富, 美高 are unsaid
        topic = [w if is_topic(c) and not only_plan_words(c.full) and not only_time_words(c.full)
                 and not unsaid_measure(c, text)
                 else 0.0 for c, w in zip(query.concepts, weights, strict=True)]  # fmt: skip
        if sum(topic) > 0:  # the share of what it is about, not of its year, unit or when
            weights = topic
        telling = [c for c, w in zip(query.concepts, weights, strict=True) if w and is_telling(c)]
        if telling and not any(_says_some(c, text) for c in telling):
            return False  # "2026年高考是哪几天": 天 alone of it said ("优良天数")
        asker_own, talk = self._asker_own_words(query)
        held = [  # nor everyday wording it does not hold whole (附近, 便宜: everyday_words.py)
            0.0 if own or (everyday_only and not any(t in text for t in c.full)) else w
            for own, everyday_only, c, w in zip(
                asker_own, talk, query.concepts, weights, strict=True
            )
        ]
        if sum(held) > 0:  # what no passage could hold does not count against this one
            weights = held
        return share(text, query, weights) >= self._config.min_coverage

    def _asker_own_words(self, query: Query) -> tuple[tuple[bool, ...], tuple[bool, ...]]:
        """Which of the question's concepts no report holds, in any of its words: the asker's
        own way of saying it, a verb or a count ("一天有几趟", "免签待几天") or a thing ("准妈妈",
        "房本", "茅房"). No passage could hold it, so it does not count against one; whether a
        thing no report names leaves the question off the reports' topics is the off-topic
        test's, judged before (docs/quality-history.md, session 46). And which are said only
        in words of everyday talk (附近, 便宜, 吃饭: everyday_words.py), held by few passages
        that answer. The same for every passage judged: kept for the last query."""
        last, own, talk = self._asker_own
        if last is not query:
            own = tuple(
                not any(self._known(t) for t in (*c.full, *c.partial)) for c in query.concepts
            )
            factor = self._config.everyday_factor
            talk = tuple(all(everyday(t, factor) for t in c.full) for c in query.concepts)
            self._asker_own = (query, own, talk)
        return own, talk

    def holds_as_much(self, query: Query, doc: int, first: int) -> bool:
        """Does passage `doc` hold every concept of the question that passage `first` holds
        (two words of it, if `first` holds none whole: it ranked first on pieces and years),
        or more of the question than `first` does, the rarest concept `first` holds among it?"""
        text = self._folded(doc) + " " + self._headings(doc)
        other = self._folded(first) + " " + self._headings(first)
        held = [  # a plan word (目标) or a time word (今年, 现在, 以后) says which part
            c  # answers (wrong_part judges that), not what a passage must hold
            for c in query.concepts
            if is_topic(c)
            and not only_plan_words(c.full)
            and not only_time_words(c.full)
            and not only_result_words(c.full)  # "要达到什么规模": how it is asked
            and not AMOUNT_WORDS.issuperset(c.full)  # "GDP总量": the size asked, not a thing
            and any(t in other for t in c.full)
        ]
        if not held:
            words = [c for c in query.concepts if is_topic(c) and len(c.full[0]) > 1]
            return sum(any(t in text for t in c.full) for c in words) > 1
        if all(_says(c, text) for c in held):
            return True
        # or more of the question than the first, with the rarest word the first holds
        # ("城里人和农村人…挣多少": 城乡居民收入 beside a first holding only 城镇 and 平均)
        weights = concept_weights(query, self._term_weight)
        topics = [(c, w) for c, w in zip(query.concepts, weights, strict=True) if is_topic(c)]
        mine = [c for c, _ in topics if any(t in text for t in c.full)]
        theirs = [(w, c) for c, w in topics if any(t in other for t in c.full)]
        rarest = max(theirs, key=lambda wc: wc[0])[1]  # (held is some of theirs)
        more = sum(c.weight for c in mine) > sum(c.weight for _, c in theirs)
        return more and rarest in mine

    def asks_header(self, query: Query, doc: int) -> bool:
        """Does the question ask what the header (passage `doc`) says (header_answers.py)?"""
        named = self._speakers(query.text) if asks_delivery(query.text) else ()
        holds = functools.partial(self._report_holds, doc)  # a word anywhere in its report?
        return header_answers(query, self._folded(doc), named, holds)

    def relevant(
        self, query: Query, hits: list[tuple[int, float]], places: tuple[str, ...] = ()
    ) -> list[tuple[int, float]]:
        """The hits after the first that still hold enough of the question to be worth citing,
        and speak of the year, part and place asked (a passage passed over is not cited
        further down either)."""
        return list(self.relevant_each(query, hits, places))

    def relevant_each(
        self, query: Query, hits: list[tuple[int, float]], places: tuple[str, ...] = ()
    ) -> Iterator[tuple[int, float]]:
        """relevant's hits one at a time, each judged only when the one before was drawn."""
        if not query.weights:  # "第二部分": every passage of that part is as good
            yield from hits
            return
        report = self._passages.report_of(hits[0][0]) if hits else ""
        if asks_aspects(query) and (
            items := [
                (i, s)
                for i, s in hits
                if self._passages.report_of(i) == report and self._is_aspect(query, i)
            ]
        ):
            yield from items  # the items of the part asked for, of one report: each heading cited
            return
        weights = concept_weights(query, self._term_weight)
        for i, s in hits:
            if (
                (self._passages.paragraph[i] or self.asks_header(query, i))
                and share(self._folded(i) + " " + self._headings(i), query, weights)
                >= min(self._config.cited_coverage, self._config.min_coverage)
                and not self.placement.misplaced(query, i, places)
            ):
                yield i, s
