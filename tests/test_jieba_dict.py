"""jieba's dictionary kept in parts (retrieval/jieba_dict.py): the same dict, the same tokens."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from retrieval import jieba_dict
from retrieval.corpus import read_corpus
from retrieval.tokens import USER_DICT, Tokenizer, jieba

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def plain() -> Any:
    """jieba loaded its own way (marshal), with govqa's user dictionary."""
    tk = jieba.Tokenizer()
    tk.initialize()
    tk.load_userdict(str(USER_DICT))
    return tk


def test_parts_give_the_same_dict_in_the_same_order() -> None:
    freq = {"中": 5, "中国": 9000, "中国人": 9000, "国": 0, "人": 300000}
    again, total = jieba_dict.from_parts(jieba_dict.to_parts(freq, 42))
    assert again == freq and list(again) == list(freq) and total == 42
    assert again["中国"] is again["中国人"]  # equal values: one object


def test_parts_that_do_not_fit_are_refused() -> None:
    data = jieba_dict.to_parts({"中": 5, "国": 6}, 11)
    with pytest.raises(ValueError):
        jieba_dict.from_parts(data[:-1])


def test_the_kept_dictionary_is_jiebas_with_shared_values(plain: Any) -> None:
    tokenizer = Tokenizer()
    freq = tokenizer._jieba.FREQ
    assert freq == plain.FREQ and list(freq) == list(plain.FREQ)
    assert tokenizer._jieba.total == plain.total
    assert len({id(v) for v in freq.values()}) < len(freq) // 50  # ~5,000 objects, not ~500k


def test_same_tokens_as_jieba_on_the_bundled_and_real_reports(plain: Any) -> None:
    tokenizer = Tokenizer()
    seeds = [s.text for s in read_corpus(ROOT / "seeds").files]
    real = [s.text for s in read_corpus(ROOT / "tests" / "data" / "real").files]
    assert len(seeds) == 5 and len(real) > 30
    for text in seeds + real:
        folded = tokenizer.fold(text)
        assert list(tokenizer._jieba.cut_for_search(folded)) == list(plain.cut_for_search(folded))
    for text in seeds:  # precise mode, with offsets
        folded = tokenizer.fold(text)
        assert tokenizer.spans(folded) == list(plain.tokenize(folded))


def test_made_once_then_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new temp folder: jieba builds its dictionary and the parts are kept; the next start
    reads the parts and not jieba's cache; a damaged file is made again."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    first = jieba.Tokenizer()
    jieba_dict.initialize(first, jieba)
    kept = jieba_dict.cache_path(jieba)
    assert kept.parent == tmp_path and kept.is_file() and (tmp_path / "jieba.cache").is_file()

    second = jieba.Tokenizer()
    monkeypatch.setattr(second, "initialize", lambda *a: pytest.fail("jieba's load"))
    jieba_dict.initialize(second, jieba)
    assert second.initialized and second.FREQ == first.FREQ and second.total == first.total

    kept.write_bytes(kept.read_bytes()[:1000])
    third = jieba.Tokenizer()
    jieba_dict.initialize(third, jieba)
    assert third.FREQ == first.FREQ
    assert jieba_dict.from_parts(kept.read_bytes())[0] == first.FREQ  # written again


def test_a_dictionary_of_ones_own_is_loaded_by_jieba(tmp_path: Path) -> None:
    own = tmp_path / "dict.txt"
    own.write_text("中国 100 n\n人民 50 n\n", encoding="utf-8")
    tk = jieba.Tokenizer(str(own))
    tk.tmp_dir = str(tmp_path)
    jieba_dict.initialize(tk, jieba)
    assert tk.FREQ == {"中": 0, "中国": 100, "人": 0, "人民": 50}
    assert not list(tmp_path.glob("govqa-jieba-*"))
