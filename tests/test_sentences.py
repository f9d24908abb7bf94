"""Question-time speed-ups that must give what the plain code gives, to the last bit.

retrieval/sentences.py cuts sentences as passages.sentence_spans does; rerank's
best_sentence_share finds the sentence `share(sentence + " " + context)` finds, and the
re-ranker's coverage is `share(text)`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval import passages, sentences
from retrieval.coverage import QuestionCoverage, best_sentence_share, concept_weights, share
from retrieval.engine import Engine
from retrieval.models import Passage
from retrieval.query_types import FIGURE, Concept, Query
from retrieval.rerank import rerank

from .conftest import OWN_SET, ROOT, SEEDS

REAL = ROOT / "tests" / "data" / "real"

TEXT = st.text(alphabet="发展改革建设12。！？!?；;”’」』)）“‘「『《》（( \n", max_size=400)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(TEXT, st.integers(0, 1000))
def test_sentence_spans_equal_the_passage_cut(text: str, base: int) -> None:
    assert sentences.sentence_spans(text, base) == passages.sentence_spans(text, base)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(
    st.text(alphabet="发展12。！？!?；;”’」』)）》 \t\r\u3000\n", max_size=400), st.integers(0, 9)
)
def test_sentence_spans_equal_without_an_opening_mark(text: str, base: int) -> None:
    """The one-scan path of a text no quote or bracket opens in."""
    assert sentences.sentence_spans(text, base) == passages.sentence_spans(text, base)


QUOTED = [
    "发展",
    "“改革”",
    "（建设）",
    "《规划》",
    "“”",
    "。",
    "；",
    "!",
    "\n",
    " ",
    "12",
    "”",
    "）",
    "（",
    "“",
]


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(QUOTED), max_size=60), st.integers(0, 9))
def test_sentence_spans_equal_with_closed_quotes(pieces: list[str], base: int) -> None:
    """The one-scan path of a text whose every mark is a quote closed within its piece."""
    text = "".join(pieces)
    assert sentences.sentence_spans(text, base) == passages.sentence_spans(text, base)


def test_sentence_spans_equal_on_the_bundled_reports(engine: Engine) -> None:
    for i in range(len(engine.passages)):
        folded = engine.tokenizer.fold(engine.passages[i].text)
        assert sentences.sentence_spans(folded) == passages.sentence_spans(folded)
    for path in [*SEEDS.glob("*.txt"), *REAL.glob("*.txt")]:
        text = engine.tokenizer.fold(path.read_text(encoding="utf-8"))
        assert sentences.sentence_spans(text) == passages.sentence_spans(text)


def reference(
    folded: str, query: Query, weights: Sequence[float], context: str = ""
) -> tuple[float, str]:
    """best_sentence_share as first written: every sentence, `share` of sentence + context;
    a concept the passage says whole is not said by its pieces in another sentence."""
    query = replace(
        query,
        concepts=tuple(
            replace(c, apart=()) if any(t in folded for t in c.full) else c for c in query.concepts
        ),
    )
    best, best_text, best_digit = -1.0, "", False
    for s, e in passages.sentence_spans(folded):
        sentence = folded[s:e]
        value = share(sentence + " " + context, query, weights)
        digit = query.wants_number and bool(FIGURE.search(sentence))
        if value > best or (value == best and digit and not best_digit):
            best, best_text, best_digit = value, sentence, digit
    return max(best, 0.0), best_text


def test_best_sentence_share_equals_share_of_every_sentence(engine: Engine) -> None:
    rows = [json.loads(ln) for ln in OWN_SET.read_text(encoding="utf-8").splitlines() if ln]
    folded = [engine.tokenizer.fold(engine.passages[i].text) for i in range(len(engine.passages))]
    headings = [engine._headings(i) for i in range(len(engine.passages))]
    for row in rows[:40]:
        query = engine.queries.build(row["question"])
        weights = concept_weights(query, engine._term_weight)
        # Half credit for pieces, a concept with a space (the plain path) and none at all.
        spaced = (*query.concepts, Concept(("工作 报告",), ("工作",), 1.0))
        for q, w in (
            (replace(query, partial_credit=0.5), weights),
            (replace(query, concepts=spaced), [*weights, 1.0]),
            (query, [0.0] * len(weights)),
        ):
            concepts = QuestionCoverage(q, w)
            for i in range(0, len(folded), 7):
                near, sentence = reference(folded[i], q, w, headings[i])
                assert best_sentence_share(folded[i], q, w, headings[i]) == (near, sentence)
                coverage = share(folded[i], q, w)
                assert concepts.judge(folded[i], headings[i]) == (near, sentence, coverage)


def test_a_word_said_apart_in_another_sentence_than_its_whole(engine: Engine) -> None:
    """The fast path (`QuestionCoverage.judge`) credits a word said in its pieces in one sentence as
    `share` does, and not where another sentence of the passage says it whole."""
    query = engine.queries.build("去年粮食产量是多少")
    weights = concept_weights(query, engine._term_weight)
    assert any(c.apart for c in query.concepts)
    for text in (
        "粮食产量稳定在1300亿斤以上。粮食生产再获丰收，总产达到557亿斤。",
        "粮食产量稳定。去年粮食生产再获丰收，总产达到557亿斤。",
        "粮食生产再获丰收，总产达到557亿斤。其他产量增长。",
        "粮食生产再获丰收。总产达到557亿斤。",
    ):
        folded = engine.tokenizer.fold(text)
        spaced = replace(query, concepts=(*query.concepts, Concept(("工作 报告",), (), 1.0)))
        for q, w in ((query, weights), (spaced, [*weights, 1.0])):  # fast path, plain path
            for context in ("", "一、2024年工作回顾", "粮食产量"):
                near, sentence = reference(folded, q, w, context)
                assert QuestionCoverage(q, w).judge(folded, context) == (
                    near,
                    sentence,
                    share(folded, q, w),
                )


def _no_passage(i: int) -> Passage:
    raise AssertionError("the question asks for no definition: no Passage is made")


def test_two_question_words_found_as_written_rank_first() -> None:
    query = Query(
        text="旅游收入有多少",
        weights={"旅游": 1.0, "收入": 1.0},
        concepts=(Concept(("旅游",)), Concept(("收入",))),
        words=("旅游", "收入", "有", "多少"),
    )
    texts = ["旅游和居民收入稳步增长。", "旅游收入稳步增长。"]  # both words in one sentence
    ranked = rerank([(0, 1.0), (1, 1.0)], _no_passage, texts.__getitem__, query, [1.0, 1.0])
    assert [i for i, _ in ranked] == [1, 0]


def test_sentence_spans_kept_are_the_spans_cut() -> None:
    text = "一、发展“两个确保”。\n二、（一）稳增长；保就业！\n"
    first = sentences.sentence_spans(text)
    assert sentences.sentence_spans(text) == first == passages.sentence_spans(text)
    assert sentences.sentence_spans(text, 7) == passages.sentence_spans(text, 7)


def test_a_definition_s_excerpt_keeps_the_sentence_that_says_it(engine: Engine) -> None:
    from retrieval.excerpt import choose_excerpt

    # 湖南 2023 (tests/data/fresh13): the sentence naming the term, then the one saying it
    text = "四是一体布局“三大支撑”。以电力保障算力、算力促进动力，加快建设数字湖南。另起一事。"
    weights = {"三大支撑": 3.0}
    fold = engine.tokenizer.fold
    assert choose_excerpt(text, fold, weights) == "四是一体布局“三大支撑”。"
    said = choose_excerpt(text, fold, weights, explained=True)
    assert said == "四是一体布局“三大支撑”。以电力保障算力、算力促进动力，加快建设数字湖南。"
    # "是什么时候" asks a time, not what a term means
    assert not engine.queries.build("曲阳县是什么时候脱贫摘帽的？").wants_definition
    assert engine.queries.build("“三大支撑”是什么？").wants_definition
    # "是怎么概括的" asks what a term is (浙江 2003: "“自强不息、…”的浙江精神")
    assert engine.queries.build("浙江精神是怎么概括的？").wants_definition


def test_a_definition_s_excerpt_starts_where_the_term_is_said_to_be_something(
    engine: Engine,
) -> None:
    from retrieval.excerpt import choose_excerpt

    # 浙江 2018 (tests/data/fresh24): 大花园 in a list of four first, then "大花园是…"
    text = ("全面实施大湾区大花园大通道大都市区建设行动计划。大湾区是现代化浙江的空间特征。"
            "大花园是现代化浙江的普遍形态，全省域建设美丽大花园。")  # fmt: skip
    said = choose_excerpt(text, engine.tokenizer.fold, {"大花园": 3.0}, explained=True)
    assert said.startswith("大花园是现代化浙江的普遍形态")
    listed = choose_excerpt(text, engine.tokenizer.fold, {"大花园": 3.0})  # not asked what
    assert listed.startswith("全面实施大湾区大花园")


def test_a_count_of_aspects_is_a_figure() -> None:
    # 江西 2022 (tests/data/fresh19): "重点做了九方面工作" answers "一共重点做了几方面工作"
    assert FIGURE.search("一年来，我们重点做了九方面工作")
    assert not FIGURE.search("一方面扩大内需，另一方面稳定外需")  # "on the one hand"


def test_as_many_texts_are_kept_cut_as_are_kept_folded() -> None:
    """An answer's candidates still kept folded are still kept cut into sentences."""
    from retrieval import sentences, store

    assert sentences.KEPT >= store.FOLDED_KEPT
