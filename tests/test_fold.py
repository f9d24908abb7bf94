"""retrieval/fold.py folds as Tokenizer.fold does, to the same strings."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval import fold, t2s_tables, tokens
from retrieval.engine import Engine

from .conftest import ROOT, SEEDS

REAL = ROOT / "tests" / "data" / "real"
T2S_SCRIPT = ROOT / "scripts" / "t2s_tables.py"

# Compatibility characters of the blocks fold.py decomposes and of others, combining marks
# before and after them, Hangul syllables and jamo (composed again), a lone surrogate.
ALPHABET = (
    "发展改革，。：（）、；！？ＡＢＣａｂｃ１２３％　①⑳㈠㎡℃Ⅻ…½\u00a0ﬁ"
    "\u0301\u0308\u0323e가각\u1100\u1161\u11a8﹐︰ｶﾞ\uff9e\u309b\ufa10\u2f00Σσ\ud800 \n"
)


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_normalize_is_the_tokenizers(text: str) -> None:
    assert fold.normalize(text) == tokens.normalize(text)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(max_size=60))
def test_normalize_is_the_tokenizers_on_any_text(text: str) -> None:
    assert fold.normalize(text) == tokens.normalize(text)


def test_every_character_of_the_blocks_decomposes_as_nfkd_says() -> None:
    _, table = fold.decompositions()
    for char, decomposed in table.items():
        assert fold.normalize(char) == tokens.normalize(char)
        assert fold.normalize("a" + char + "\u0301") == tokens.normalize("a" + char + "\u0301")
        assert len(decomposed) >= 1


def test_the_fold_of_every_bundled_and_real_passage_and_report(engine: Engine) -> None:
    passage_fold = fold.passage_fold(engine.tokenizer)
    for i in range(len(engine.passages)):
        text = engine.passages.text(i)
        assert passage_fold(text) == engine.tokenizer.fold(text)
    for path in [*SEEDS.glob("*.txt"), *REAL.glob("*.txt")]:
        text = path.read_text(encoding="utf-8")
        assert passage_fold(text) == engine.tokenizer.fold(text)
        for line in text.splitlines():
            assert passage_fold(line) == engine.tokenizer.fold(line)


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(st.lists(st.text(alphabet=ALPHABET + "發展臺灣乾隆後面ΣΑ", max_size=30), max_size=6))
def test_texts_folded_at_once_are_each_folded(texts: list[str]) -> None:
    passage_fold = fold.PassageFold()
    assert passage_fold.each(texts) == [passage_fold(t) for t in texts]


def test_every_passage_folded_at_once_as_alone(engine: Engine) -> None:
    passage_fold = fold.passage_fold(engine.tokenizer)
    assert isinstance(passage_fold, fold.PassageFold)
    texts = [engine.passages.text(i) for i in range(len(engine.passages))]
    texts += [p.read_text(encoding="utf-8") for p in [*SEEDS.glob("*.txt"), *REAL.glob("*.txt")]]
    for start in range(0, len(texts), 500):
        chunk = texts[start : start + 500]
        assert passage_fold.each(chunk) == [engine.tokenizer.fold(t) for t in chunk]
    assert passage_fold.each(["a\x1eb", "c"]) == [passage_fold("a\x1eb"), passage_fold("c")]


def test_passages_read_together_as_one_by_one(engine: Engine) -> None:
    table, n = engine.passages, len(engine.passages)
    picks = [list(range(n)), list(range(n - 1, -1, -7)), [0, n - 1, 0], [n // 2], []]
    for indices in picks:
        assert table.texts(indices) == [table.text(i) for i in indices]
        assert engine._folded.each(indices) == [engine._folded[i] for i in indices]


def _tables_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("t2s_tables_script", T2S_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_t2s_tables_are_the_installed_opencc_s() -> None:
    """scripts/t2s_tables.py made retrieval/t2s_tables.py from this OpenCC (run it again after
    an upgrade); with another OpenCC the fold does not trust them and converts every text."""
    if getattr(opencc, "__version__", None) != t2s_tables.OPENCC_VERSION:
        assert fold.t2s_may_change() is None
        return
    script = _tables_script()
    if not script.TOOL.is_file():  # an OpenCC built without the wheel's tools
        pytest.skip("no opencc_dict to dump OpenCC's dictionaries with")
    changed, phrases = script.tables()
    assert (changed, phrases) == (t2s_tables.CHANGED, t2s_tables.PHRASES)
    may_change = fold.t2s_may_change()
    assert may_change is not None
    assert all(may_change.search(c) for c in changed)
    assert all(may_change.search(p) for p in phrases)


class _Counting:
    """An OpenCC converter that counts its calls."""

    def __init__(self) -> None:
        self.inner, self.calls = opencc.OpenCC("t2s"), 0

    def convert(self, text: str) -> str:
        self.calls += 1
        return str(self.inner.convert(text))


def test_opencc_is_skipped_only_for_texts_it_cannot_change() -> None:
    if fold.t2s_may_change() is None:  # another OpenCC than the tables': every text converted
        pytest.skip(
            f"tables made from OpenCC {t2s_tables.OPENCC_VERSION}, not {opencc.__version__}"
        )
    passage_fold, tokenizer = fold.PassageFold(), tokens.Tokenizer()
    counting = passage_fold._t2s = _Counting()  # type: ignore[assignment]
    plain = "全市地区生产总值增长6.5%，城乡居民收入稳步提高，ＧＤＰ过万亿。"
    assert passage_fold(plain) == tokenizer.fold(plain) and counting.calls == 0
    assert passage_fold.each([plain, plain.upper()]) == [tokenizer.fold(plain)] * 2
    assert counting.calls == 0
    # a character converted alone, a phrase converted with none (沈, 覆 stay alone) or a
    # character of one (覆盖), a character beyond U+FFFF: each goes through OpenCC
    for text in ("發展", "深沈的思考", "答覆群众", "回覆", "毛坏房", "覆盖", "𠮷野家", "ＡＢ臺"):
        calls = counting.calls
        assert passage_fold(text) == tokenizer.fold(text)
        assert counting.calls == calls + 1
    texts = [plain, "深沈", plain, "臺灣", "𠮷"]
    calls = counting.calls
    assert passage_fold.each(texts) == [tokenizer.fold(t) for t in texts]
    assert counting.calls == calls + 1  # the three that may change, in one call
    assert fold.normalize("深沈") == "深沈" and tokenizer.fold("深沈") == "深沉"


def test_citations_and_headings_are_folded_by_the_passage_fold(engine: Engine) -> None:
    """The engine folds excerpts' sentences, headings and the phrases it cites with the
    passage fold (tokenizer.fold's strings without its slow NFKC and needless t2s): the same
    citations as a Citer folding with tokenizer.fold."""
    from retrieval.citing import Citer

    assert isinstance(engine._citer._fold, fold.PassageFold)
    assert isinstance(engine._fold, fold.PassageFold)
    slow = Citer(engine.passages, engine.reports, engine.tokenizer.fold,
                 engine._folded.__getitem__, engine._term_weight, engine._appendix,
                 engine.config)  # fmt: skip
    query = engine.queries.build("地区生产总值增长多少，粮食产量是多少", ())
    for i in range(0, len(engine.passages), 7):
        assert engine._citer.cite(query, i, 1.0) == slow.cite(query, i, 1.0)
        section = engine.passages.section(i)
        assert engine._fold_section(section) == engine.tokenizer.fold(" ".join(section))
