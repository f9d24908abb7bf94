"""retrieval/cuts.py gives what the Tokenizer's own methods give: the same words, in order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.cuts import Cuts
from retrieval.query import read_thesaurus
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
