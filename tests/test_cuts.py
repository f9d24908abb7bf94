"""Question-time shortcuts that must give what the plain code gives: retrieval/cuts.py the
Tokenizer's words, in order; thesaurus.Keys the keys a question holds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.coverage import concept_weights
from retrieval.cuts import Cuts
from retrieval.query_types import Concept, Query
from retrieval.thesaurus import Keys, read_thesaurus
from retrieval.tokens import Tokenizer

from .conftest import OWN_SET, SEEDS, load_jsonl


def _strings(tokenizer: Tokenizer) -> list[str]:
    """Questions, their folded forms, thesaurus entries and report lines."""
    questions = [row["question"] for row in load_jsonl(OWN_SET)]
    thesaurus = [w for k, v in read_thesaurus().items() for w in (k, *v)]
    lines = [ln for p in sorted(SEEDS.glob("*.txt"))[:3] for ln in p.read_text("utf-8").split("\n")]
    fold = tokenizer.fold
    return [*questions, *(fold(q) for q in questions), *thesaurus, *lines[:400], "", " ", "ＡＢ"]


TOKENIZER = Tokenizer()  # jieba loads at the first cut


def test_cuts_equal_the_tokenizer() -> None:
    tokenizer, cuts = TOKENIZER, Cuts(TOKENIZER, kept=64)
    for text in _strings(tokenizer) * 2:  # the second time from what is kept
        assert cuts.spans(text) == tokenizer.spans(text)
        assert cuts.words(text) == tokenizer.words(text)
        assert cuts.precise_terms(text) == tokenizer.precise_terms(text)
        assert cuts.query_terms(text) == tokenizer.query_terms(text)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.text(
        alphabet="中华人民共和国经济社会发展规划纲要十四五GDP增长了多少亿元 ，。1２", max_size=40
    )
)
def test_cuts_equal_the_tokenizer_on_any_text(text: str) -> None:
    tokenizer = TOKENIZER
    cuts = Cuts(tokenizer)
    assert cuts.spans(text) == tokenizer.spans(text)
    assert cuts.words(text) == tokenizer.words(text)
    assert cuts.precise_terms(text) == tokenizer.precise_terms(text)


def test_thesaurus_keys_held_are_those_found() -> None:
    thesaurus = read_thesaurus()
    keys = Keys([*thesaurus, "两 个"])
    for text in [*_strings(TOKENIZER), "两 个确保", "城里人", *thesaurus]:
        assert keys.held(text) == [k for k in keys.keys if k in text or " " in k]


def test_concept_weights_kept_for_the_last_query_and_idf() -> None:
    query = Query("q", {"发展": 1.0}, (Concept(("发展",)), Concept(("改革", "革新"), ("改",), 0.5)))
    first = concept_weights(query, {"发展": 2.0, "改革": 1.0, "革新": 3.0, "改": 0.5}.get)
    assert first == [2.0, 1.5]
    first.append(9.0)  # a caller's copy: what is kept stays as it was
    assert concept_weights(query, {"发展": 2.0, "改革": 1.0, "革新": 3.0, "改": 0.5}.get) == [
        2.0,
        1.5,
    ]
    assert concept_weights(query, lambda t: 1.0) == [1.0, 0.5]  # another idf: made again
