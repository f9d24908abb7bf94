"""The fast index against the reference, rank-bm25's BM25Okapi, on the seeds and synthetic data."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from retrieval.candidates import range_holds
from retrieval.engine import Engine
from retrieval.index import PassageIndex
from retrieval.postings_file import PostingsFile
from retrieval.segment import Segment
from retrieval.words import passage_words

from .conftest import OWN_SET, load_jsonl

REL = 1e-5


def check_against_reference(ix: PassageIndex, ref: BM25Okapi, queries: list[list[str]]) -> None:
    for terms in queries:
        want = ref.get_scores(terms)
        got = ix.scores(dict.fromkeys(terms, 1.0))
        np.testing.assert_allclose(got, want, rtol=REL, atol=1e-9)


# -- the bundled seeds ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_docs(engine: Engine) -> list[list[str]]:
    # What the build indexes for each passage: its words, headings and the report's places.
    return [
        passage_words(engine.tokenizer, p.text, p.section, engine.reports[p.report].meta)
        for p in engine.passages
    ]


@pytest.fixture(scope="module")
def seed_reference(engine: Engine, seed_docs: list[list[str]]) -> BM25Okapi:
    return BM25Okapi(seed_docs, k1=engine.config.k1, b=engine.config.b)


def test_seed_scores_and_rankings_equal_bm25okapi(
    engine: Engine, seed_reference: BM25Okapi
) -> None:
    questions = [row["question"] for row in load_jsonl(OWN_SET)][:60]
    queries = [engine.tokenizer.query_terms(q) for q in questions]
    queries += [["发展"], ["粮食产量"], ["六稳", "六保"], ["不存在的词"]]
    check_against_reference(engine.index, seed_reference, [q for q in queries if q])


def test_seed_idf_equals_bm25okapi_floor_included(
    engine: Engine, seed_reference: BM25Okapi
) -> None:
    floored = [t for t, v in seed_reference.idf.items() if v == pytest.approx(
        seed_reference.epsilon * seed_reference.average_idf)]  # fmt: skip
    assert floored, "the seeds have words in over half the passages"
    for term, idf in seed_reference.idf.items():
        assert engine.index.idf(term) == pytest.approx(idf, rel=1e-12)
    assert engine.index.idf("火星氧气") is None


def test_seed_contains_matches_the_tokens(engine: Engine, seed_docs: list[list[str]]) -> None:
    for doc in (0, 7, len(seed_docs) - 1):
        for term in seed_docs[doc][:20]:
            assert engine.index.contains(doc, term)
        assert not engine.index.contains(doc, "火星氧气")
    assert not engine.index.contains(0, next(t for t in seed_docs[1] if t not in seed_docs[0]))


def test_a_range_holds_a_term_exactly_when_one_of_its_passages_does(
    engine: Engine, seed_docs: list[list[str]]
) -> None:
    terms = {t for doc in seed_docs[:60] for t in doc[:5]} | {"火星氧气"}
    for start, end in ((0, 1), (3, 9), (10, 60), (59, 60), (5, 5)):
        for term in terms:
            held = any(term in seed_docs[d] for d in range(start, end))
            assert range_holds(engine.index, start, end, term) is held, (start, end, term)


def test_token_count_is_every_token(engine: Engine, seed_docs: list[list[str]]) -> None:
    assert engine.index.token_count == sum(len(d) for d in seed_docs)
    assert engine.stats().tokens == engine.index.token_count


# -- a synthetic corpus -----------------------------------------------------------------------


def synthetic_docs(n: int, seed: int = 7) -> list[list[str]]:
    """Zipf-like words: a few in most passages (idf floor), many rare ones, some empty docs."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(4000)]
    docs = []
    for i in range(n):
        length = 0 if i % 997 == 0 else rng.randint(5, 120)
        doc = [vocab[min(int(rng.paretovariate(0.9)) - 1, 3999)] for _ in range(length)]
        if i % 3:
            doc.append("common")  # in two thirds of the passages
        docs.append(doc)
    return docs


@pytest.fixture(scope="module")
def synthetic() -> tuple[PassageIndex, BM25Okapi, list[list[str]]]:
    docs = synthetic_docs(3000)
    return PassageIndex.from_tokens(docs), BM25Okapi(docs), docs


def synthetic_queries(docs: list[list[str]], count: int = 40) -> list[list[str]]:
    rng = random.Random(3)
    queries = [["common"], ["w0"], ["w0", "w1", "common"], ["w3999", "missing"]]
    for _ in range(count):
        doc = docs[rng.randrange(len(docs))] or ["w5"]
        queries.append(list(dict.fromkeys(rng.sample(doc, min(len(doc), rng.randint(1, 6))))))
    return queries


def test_synthetic_scores_and_rankings_equal_bm25okapi(synthetic) -> None:
    ix, ref, docs = synthetic
    assert ix.idf("common") == pytest.approx(ref.epsilon * ref.average_idf)
    check_against_reference(ix, ref, synthetic_queries(docs))


def test_weighted_terms_scale_each_term(synthetic) -> None:
    ix, ref, _ = synthetic
    weights = {"w0": 1.0, "w2": 0.7, "w10": 0.3, "common": 0.4, "missing": 1.0, "w3": 0.0}
    want = sum(w * ref.get_scores([t]) for t, w in weights.items())
    np.testing.assert_allclose(ix.scores(weights), want, rtol=REL, atol=1e-9)


def test_scores_buffer_is_not_shared_between_calls_or_threads(synthetic) -> None:
    ix, ref, docs = synthetic
    queries = synthetic_queries(docs, 20)
    want = [ix.scores(dict.fromkeys(q, 1.0)) for q in queries]
    first = ix.scores({"w0": 1.0})
    ix.scores({"w1": 1.0})
    np.testing.assert_allclose(first, ref.get_scores(["w0"]), rtol=REL)  # a copy, not the buffer
    errors: list[str] = []

    def worker() -> None:
        for _ in range(15):
            for q, w in zip(queries, want, strict=True):
                if not np.array_equal(ix.scores(dict.fromkeys(q, 1.0)), w):
                    errors.append(" ".join(q))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_segments_round_trip_through_disk_and_damaged_ones_are_refused(
    synthetic, tmp_path: Path
) -> None:
    ix = synthetic[0]
    seg = ix.segments[0]
    seg.save(tmp_path / seg.id)
    again = PassageIndex([Segment.open(tmp_path / seg.id)])
    opened = again.segments[0]
    assert isinstance(opened.arrays["doc_len"].base, np.memmap)  # mapped, not read
    assert "indices" not in opened.arrays and "postings" not in opened.arrays  # not mapped
    file = opened.file
    assert isinstance(file, PostingsFile)  # read by columns with pread, the same values
    indices, tf = opened.postings()
    np.testing.assert_array_equal(indices, seg.arrays["indices"])
    np.testing.assert_array_equal(tf, seg.arrays["tf"])
    indptr = seg.arrays["indptr"]
    for c in range(len(indptr) - 1):  # each column whole, by parts, its passages alone
        start, end = int(indptr[c]), int(indptr[c + 1])
        docs, counts = file.part(start, end, start, end)
        np.testing.assert_array_equal(docs, seg.arrays["indices"][start:end])
        np.testing.assert_array_equal(counts, seg.arrays["tf"][start:end])
        np.testing.assert_array_equal(opened.docs(start, end), docs)
        a, e = start + (end - start) // 3, end - (end - start) // 4
        docs, counts = opened.part(start, end, a, e)
        np.testing.assert_array_equal(docs, seg.arrays["indices"][a:e])
        np.testing.assert_array_equal(counts, seg.arrays["tf"][a:e])
    assert [len(x) for x in file.part(5, 9, 7, 7)] == [0, 0]
    with pytest.raises(IndexError):
        file.part(0, len(file) + 1, 0, 1)
    data = (tmp_path / seg.id / "postings.npy").read_bytes()
    (tmp_path / seg.id / "postings.npy").write_bytes(data[:-6])  # a posting short
    with pytest.raises(ValueError):
        Segment.open(tmp_path / seg.id)
    np.testing.assert_array_equal(again.scores({"w1": 1.0}), ix.scores({"w1": 1.0}))
    broken = dict(seg.arrays, tf=seg.arrays["tf"][:-1])
    with pytest.raises(ValueError):
        Segment(seg.id, seg.reports, seg.sections, broken)
    with pytest.raises(ValueError):
        PassageIndex.from_tokens([])
