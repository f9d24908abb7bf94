"""The persisted index: warm starts, changed corpora, corrupt files, no pickle, progress."""

from __future__ import annotations

import logging
import shutil
import threading
import zipfile
from pathlib import Path

import numpy as np
import pytest

from retrieval import build, cache, versions
from retrieval.build import process_file, process_files
from retrieval.cache import load_corpus
from retrieval.corpus import read_corpus
from retrieval.engine import Engine
from retrieval.models import Conversation
from retrieval.tokens import Tokenizer

from .conftest import SEEDS

QUESTION = "辽源市过去五年粮食产量怎么样？"


@pytest.fixture(scope="module")
def tokenizer(engine: Engine) -> Tokenizer:
    return engine.tokenizer  # jieba loaded once


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("002_853f39a04c100108.txt", "003_1252a86347db7bf3.txt"):
        shutil.copy(SEEDS / name, folder / name)
    return folder


def summary(corpus: cache.Corpus) -> tuple:
    table = corpus.passages
    return (
        [r.name for r in corpus.reports],
        list(table.ids),
        [p.text for p in table],
        corpus.index.scores({"粮食": 1.0, "发展": 0.5}).round(5).tolist(),
        corpus.warnings,
    )


def test_warm_start_reads_the_snapshot_and_tokenizes_nothing(
    corpus_dir: Path, tmp_path: Path, tokenizer: Tokenizer
) -> None:
    cold = load_corpus(corpus_dir, tokenizer, cache_dir=tmp_path / "c")
    assert not cold.from_snapshot and cold.tokenized == 2
    warm = load_corpus(corpus_dir, tokenizer, cache_dir=tmp_path / "c")
    assert warm.from_snapshot and warm.tokenized == 0
    assert summary(warm) == summary(cold) == summary(load_corpus(corpus_dir, tokenizer))
    assert [r.meta for r in warm.reports] == [r.meta for r in cold.reports]
    assert len(list((tmp_path / "c" / "versions").iterdir())) == 1
    assert not list((tmp_path / "c").rglob("*.tmp"))  # temp files renamed into place


def test_only_new_or_changed_files_are_tokenized(
    corpus_dir: Path, tmp_path: Path, tokenizer: Tokenizer
) -> None:
    where = tmp_path / "c"
    load_corpus(corpus_dir, tokenizer, cache_dir=where)
    shutil.copy(SEEDS / "004_1b65f65be8f80fa8.txt", corpus_dir)
    added = load_corpus(corpus_dir, tokenizer, cache_dir=where)
    assert added.tokenized == 1 and len(added.reports) == 3
    assert any(p.report.startswith("004_") for p in added.passages)

    path = corpus_dir / "002_853f39a04c100108.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("粮食产量创历史", "火星氧气产量创历史", 1), "utf-8")
    changed = load_corpus(corpus_dir, tokenizer, cache_dir=where)
    assert changed.tokenized == 1 and changed.index.idf("氧气") is not None

    (corpus_dir / "003_1252a86347db7bf3.txt").unlink()
    removed = load_corpus(corpus_dir, tokenizer, cache_dir=where)
    assert removed.tokenized == 0 and not removed.from_snapshot
    assert [r.name[:4] for r in removed.reports] == ["002_", "004_"]
    assert len(list((where / "versions").iterdir())) == versions.KEEP_VERSIONS
    named = {s.id for v in (changed, removed) for s in v.index.segments}
    assert {p.name for p in (where / "segments").iterdir()} == named  # the rest pruned


def test_bm25_settings_and_tokenizer_version_are_part_of_the_key(
    corpus_dir: Path, tmp_path: Path, tokenizer: Tokenizer, monkeypatch
) -> None:
    where = tmp_path / "c"
    base = load_corpus(corpus_dir, tokenizer, cache_dir=where)
    other = load_corpus(corpus_dir, tokenizer, k1=1.2, b=0.5, cache_dir=where)
    assert not other.from_snapshot and other.tokenized == 0  # same tokens, new scores
    assert other.index.k1 == 1.2 and other.index.b == 0.5
    assert not np.allclose(base.index.scores({"粮食": 1.0}), other.index.scores({"粮食": 1.0}))
    monkeypatch.setitem(tokenizer.__dict__, "version", "another-dictionary")
    again = load_corpus(corpus_dir, tokenizer, cache_dir=where)
    assert again.tokenized == 2
    # Other tokens make other segments: none made with the old dictionary is reused.
    assert not {s.id for s in again.index.segments} & {s.id for s in base.index.segments}
    warm = load_corpus(corpus_dir, tokenizer, cache_dir=where)
    assert [s.id for s in warm.index.segments] == [s.id for s in again.index.segments]


@pytest.mark.parametrize("damage", ["truncate", "garbage", "flip"])
def test_a_damaged_cache_is_reported_and_rebuilt(
    corpus_dir: Path, tmp_path: Path, tokenizer: Tokenizer, caplog, damage: str
) -> None:
    where = tmp_path / "c"
    good = summary(load_corpus(corpus_dir, tokenizer, cache_dir=where))
    damaged = sorted((where / "files").glob("*.npz"))[:1]
    if damage == "flip":  # mapped arrays carry no checksum (their shapes and bounds are
        shutil.rmtree(where / "versions")  # checked): the entry's CRC is what is tested here
    else:
        damaged += [*where.glob("segments/*/postings.npy"), *where.glob("versions/*/union_df.npy")]
    for path in damaged:
        data = path.read_bytes()
        if damage == "truncate":
            path.write_bytes(data[: len(data) // 2])
        elif damage == "garbage":
            path.write_bytes(b"not a zip file at all")
        else:  # one byte changed inside the arrays: zip's CRC catches it
            i = len(data) // 3
            path.write_bytes(data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1 :])
    with caplog.at_level(logging.WARNING, logger="retrieval.cache"):
        again = load_corpus(corpus_dir, tokenizer, cache_dir=where)
    assert "unreadable" in caplog.text and "rebuilding" in caplog.text
    assert not again.from_snapshot and again.tokenized == 1
    assert summary(again) == good
    assert load_corpus(corpus_dir, tokenizer, cache_dir=where).from_snapshot


def test_cache_files_hold_no_pickles(
    corpus_dir: Path, tmp_path: Path, tokenizer: Tokenizer
) -> None:
    where = tmp_path / "c"
    load_corpus(corpus_dir, tokenizer, cache_dir=where)
    files = list(where.rglob("*.npz"))
    assert len(files) == 2
    for path in where.rglob("*.npy"):
        assert np.load(path, allow_pickle=False).dtype != object
    for path in files:
        with zipfile.ZipFile(path) as zf:
            assert all(n.endswith(".npy") for n in zf.namelist())
        with np.load(path, allow_pickle=False) as npz:  # would raise on an object array
            assert all(npz[name].dtype != object for name in npz.files)


def test_an_unwritable_cache_folder_is_not_an_error(
    corpus_dir: Path, tmp_path: Path, tokenizer: Tokenizer, caplog
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with caplog.at_level(logging.WARNING, logger="retrieval.cache"):
        corpus = load_corpus(corpus_dir, tokenizer, cache_dir=blocker / "sub")
    assert len(corpus.reports) == 2 and "cannot write the index cache" in caplog.text


def test_processes_starting_together_share_one_cache(
    corpus_dir: Path, tmp_path: Path, tokenizer: Tokenizer
) -> None:
    where = tmp_path / "c"
    results: list[tuple] = []

    def start() -> None:
        results.append(summary(load_corpus(corpus_dir, tokenizer, cache_dir=where)))

    threads = [threading.Thread(target=start) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 3 and results[0] == results[1] == results[2]
    assert load_corpus(corpus_dir, tokenizer, cache_dir=where).from_snapshot


def test_engine_from_cache_answers_like_a_fresh_engine(
    engine: Engine, tmp_path: Path, tokenizer: Tokenizer
) -> None:
    Engine.from_dir(SEEDS, tokenizer=tokenizer, cache_dir=tmp_path / "c")
    warm = Engine.from_dir(SEEDS, tokenizer=tokenizer, cache_dir=tmp_path / "c")
    for question in (QUESTION, "六稳六保是什么意思？", "赛罕区老旧小区改造", "火星上的氧气产量"):
        a, b = engine.answer(question, Conversation()), warm.answer(question, Conversation())
        assert a.status == b.status
        assert [(c.passage, c.excerpt, c.matched) for c in a.citations] == [
            (c.passage, c.excerpt, c.matched) for c in b.citations
        ]
        assert [c.score for c in a.citations] == pytest.approx([c.score for c in b.citations])
    first = warm.answer(QUESTION).citations[0].passage
    assert warm.context(first)[1] == first
    assert warm.stats().passages == engine.stats().passages
    assert warm.stats().tokens == engine.stats().tokens


def test_lazy_passages_behave_like_a_tuple(engine: Engine) -> None:
    passages = engine.passages
    assert list(passages) == [passages[i] for i in range(len(passages))]
    assert passages[-1] == list(passages)[-1]
    first = passages.section_mask(lambda s: bool(s) and s[0].startswith("一、"))
    assert first.tolist() == [bool(p.section) and p.section[0].startswith("一、") for p in passages]
    assert passages[2:5] == tuple(list(passages)[2:5])
    p = passages[10]
    assert p.text == engine.reports[p.report].text[p.span[0] : p.span[1]]
    assert engine._position[p.id] == 10
    assert engine._folded[10] == engine.tokenizer.fold(p.text)
    names = [q.report for q in passages]
    for r, report in enumerate(passages.reports):  # a report's passages: one range
        lo, hi = passages.report_range(r)
        assert names[lo:hi] == [report.name] * (hi - lo) and names.count(report.name) == hi - lo
    with pytest.raises(IndexError):
        passages[len(passages)]
    with pytest.raises(KeyError):
        engine._position["nope#1"]


def test_parallel_tokenizing_equals_one_process(tokenizer: Tokenizer, monkeypatch) -> None:
    sources = read_corpus(SEEDS).files[:3]
    monkeypatch.setattr(build, "PARALLEL_CHARS", 0)
    parallel = process_files(tokenizer, sources, workers=2)
    single = [process_file(tokenizer, s) for s in sources]
    for a, b in zip(parallel, single, strict=True):
        assert a.name == b.name and a.ids == b.ids and a.vocab == b.vocab
        np.testing.assert_array_equal(a.token_ids, b.token_ids)


def test_progress_is_reported_to_a_callback_and_nothing_is_drawn(
    corpus_dir: Path, tmp_path: Path, tokenizer: Tokenizer, capfd
) -> None:
    calls: list[tuple[int, int]] = []
    load_corpus(
        corpus_dir, tokenizer, cache_dir=tmp_path / "c", progress=lambda d, t: calls.append((d, t))
    )
    assert calls == [(0, 2), (1, 2), (2, 2)]
    calls.clear()
    load_corpus(
        corpus_dir, tokenizer, cache_dir=tmp_path / "c", progress=lambda d, t: calls.append((d, t))
    )
    assert calls == []  # a warm start builds nothing
    out, err = capfd.readouterr()
    assert out == "" and "建立索引" not in err
