"""The pruned top-k (retrieval/topk.py) is exactly the k best of the full scorer: the same
passages, the same float64 scores bit for bit, ties to the lower passage number; and those are
rank-bm25's BM25Okapi top k."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from retrieval.engine import Engine
from retrieval.index import MANY_RANGES, PassageIndex
from retrieval.segment import Segment
from retrieval.segment_build import build_segment, token_entry
from retrieval.topk import best, top

from .conftest import OWN_SET, load_jsonl

REL = 1e-6


def _docs(rng: random.Random, n: int, vocab: int) -> list[list[str]]:
    # Zipf-like words: rare ones decide, common ones (some in over half) are pruned.
    words = [f"w{i}" for i in range(vocab)]
    weights = [1 / (i + 1) ** 0.8 for i in range(vocab)]
    docs = [rng.choices(words, weights, k=rng.randint(2, 40)) for _ in range(n)]
    return docs + [list(d) for d in docs[:30]]  # copies: equal scores, ties to break


@pytest.fixture(scope="module")
def corpus() -> tuple[PassageIndex, list[list[str]]]:
    rng = random.Random(3)
    docs = _docs(rng, 3000, 600)
    parts = [docs[:700], docs[700:1900], docs[1900:]]  # three segments
    segments = [build_segment([token_entry(p, f"r{i}")]) for i, p in enumerate(parts)]
    return PassageIndex(segments), docs


@pytest.fixture(params=["dense", "pruned"])
def path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both of top's paths: every posting added (up to PRUNED_ABOVE passages), MaxScore."""
    import retrieval.topk as topk

    monkeypatch.setattr(topk, "PRUNED_ABOVE", 10**9 if request.param == "dense" else 0)
    return str(request.param)


def _queries(rng: random.Random, docs: list[list[str]]) -> list[dict[str, float]]:
    queries = [{"w0": 1.0, "w1": 0.5, "w599": 1.0}, {"w0": 1.0, "w2": 1.0}]
    for _ in range(60):
        doc = docs[rng.randrange(len(docs))]
        terms = [*rng.sample(doc, min(len(doc), rng.randint(2, 8))), f"w{rng.randrange(8)}"]
        queries.append({t: rng.choice((1.0, 0.7, 0.4, 0.3)) for t in terms} | {"nowhere": 1.0})
    return queries


def _full_top(
    index: PassageIndex, terms: dict[str, float], k: int, ranges: list | None = None
) -> tuple[np.ndarray, np.ndarray]:
    docs, values = index.scored(terms, ranges)
    keep = best(docs, values, k)
    return docs[keep], values[keep]


@pytest.mark.parametrize("k", [1, 5, 40, 5000])
def test_top_equals_the_full_scorers_k_best_bit_for_bit(corpus, path: str, k: int) -> None:
    index, docs = corpus
    for terms in _queries(random.Random(k), docs):
        got_docs, got = top(index, terms, k)
        want_docs, want = _full_top(index, terms, k)
        np.testing.assert_array_equal(got_docs, want_docs)
        np.testing.assert_array_equal(got, want)  # the same sums, not just close ones


def test_the_floor_is_reached_by_the_k_best_and_leaves_most_passages_unread(
    corpus, monkeypatch
) -> None:
    """The equality above holds on the path that reads back only the passages at or above
    the floor: the floor is at most the k-th best score, and most queries read far fewer
    passages than have a score."""
    import retrieval.topk as topk

    monkeypatch.setattr(topk, "PRUNED_ABOVE", 10**9)
    index, docs = corpus
    seen: list[tuple[float, int, int]] = []
    real = topk._floor

    def recorded(
        buf: np.ndarray, touched: list[np.ndarray], k: int, inside: np.ndarray | None = None
    ) -> float:
        floor = real(buf, touched, k, inside)
        seen.append((floor, int((buf >= floor).sum()), int((buf != 0).sum())))
        return floor

    monkeypatch.setattr(topk, "_floor", recorded)
    queries = _queries(random.Random(40), docs)
    cut = 0
    for terms in queries:
        before = len(seen)
        top(index, terms, 40)
        if len(seen) == before:
            continue  # one term only: the full scorer's path
        floor, above, scored = seen[-1]
        _, want = _full_top(index, terms, 40)
        assert floor <= want.min()
        cut += floor > 0 and above * 2 < scored
    assert cut > len(queries) // 2


def test_the_pruned_path_is_taken_and_cuts_passages(corpus, monkeypatch) -> None:
    """On a large corpus (here: any) most queries stop scoring whole columns early, and the
    leaders' whole scores leave fewer passages to finish."""
    import retrieval.maxscore as maxscore
    import retrieval.topk as topk

    monkeypatch.setattr(topk, "PRUNED_ABOVE", 0)
    index, docs = corpus
    sizes: list[int] = []
    real = maxscore.contributions

    def counted(
        index: PassageIndex, factor: float, column: np.ndarray, tf: np.ndarray, passages: np.ndarray
    ) -> np.ndarray:
        sizes.append(len(passages))
        return real(index, factor, column, tf, passages)

    monkeypatch.setattr(maxscore, "contributions", counted)
    queries = _queries(random.Random(40), docs)
    pruned = 0
    for terms in queries:
        before = len(sizes)
        top(index, terms, 40)
        pruned += len(sizes) > before
        # the first calls are the leaders' (k of them); later ones finish the candidates
        assert all(n == 40 for n in sizes[before : before + 1])
    assert pruned > len(queries) // 2


def test_top_within_many_report_ranges(corpus, path: str) -> None:
    index, docs = corpus
    rng = random.Random(8)
    starts = sorted(rng.sample(range(0, index.size - 20, 20), MANY_RANGES + 5))
    ranges = [(lo, lo + rng.randint(1, 20)) for lo in starts]
    for terms in _queries(rng, docs):
        got_docs, got = top(index, terms, 10, ranges)
        want_docs, want = _full_top(index, terms, 10, ranges)
        np.testing.assert_array_equal(got_docs, want_docs)
        np.testing.assert_array_equal(got, want)
        assert all(any(lo <= d < hi for lo, hi in ranges) for d in got_docs)


def test_top_is_bm25okapis_top_k(corpus, path: str) -> None:
    index, docs = corpus
    ref = BM25Okapi(docs)
    for terms in _queries(random.Random(1), docs)[:30]:
        want = ref.get_scores([t for t in terms if t != "nowhere"])
        unit = dict.fromkeys(terms, 1.0)
        got_docs, got = top(index, unit, 10)
        np.testing.assert_allclose(got, want[got_docs], rtol=REL)
        kth = np.sort(want)[-10]
        assert set(np.flatnonzero(want > kth * (1 + REL))) <= set(got_docs.tolist())
        assert (want[got_docs] >= kth * (1 - REL)).all()


def test_best_breaks_ties_by_the_lower_passage() -> None:
    docs = np.arange(10, 20)
    values = np.array([1.0, 3.0, 2.0, 3.0, 2.0, 2.0, 0.5, 2.0, 3.0, 1.0])
    assert docs[best(docs, values, 5)].tolist() == [11, 12, 13, 14, 18]
    assert best(docs, values, 20).tolist() == list(range(10))


def test_engine_candidates_on_the_seeds_equal_the_full_cut(engine: Engine) -> None:
    questions = [row["question"] for row in load_jsonl(OWN_SET)][:60]
    for q in questions:
        weights = engine.queries.build(q, ()).weights
        if not weights:
            continue
        got_docs, got = top(engine.index, weights, engine.config.rerank_depth)
        want_docs, want = _full_top(engine.index, weights, engine.config.rerank_depth)
        np.testing.assert_array_equal(got_docs, want_docs)
        np.testing.assert_array_equal(got, want)


def test_postings_and_saturation_read_as_the_index_does(
    corpus: tuple[PassageIndex, list[list[str]]],
) -> None:
    """topk's own postings read and saturation give index.postings and factor * index's
    saturation, bit for bit, for every term (one segment, several, none)."""
    import retrieval.topk as topk

    index, _ = corpus
    for term in ("w0", "w1", "w17", "w599", "nowhere"):
        found = index._term(term)[1]
        docs, tf = topk.postings(index, found)
        want_docs, want_tf = index.postings(found)
        assert docs.dtype == want_docs.dtype and np.array_equal(docs, want_docs)
        assert tf.dtype == want_tf.dtype and np.array_equal(tf, want_tf)
        values = topk.saturation(index, docs, tf, 0.7)
        want = index.saturation(want_docs, want_tf)
        want *= 0.7
        assert values.tobytes() == want.tobytes()


def test_postings_read_from_segment_files_as_the_index_reads_them(
    corpus: tuple[PassageIndex, list[list[str]]], tmp_path: Path
) -> None:
    """The same with the segments saved and opened (their postings read from the files by
    os.preadv, part by part into one array), and a column read past its end refused."""
    import retrieval.topk as topk

    built, _ = corpus
    for seg in built.segments:
        seg.save(tmp_path / seg.id)
    index = PassageIndex([Segment.open(tmp_path / seg.id) for seg in built.segments])
    assert index.segments[0].file is not None  # read from the files
    for term in ("w0", "w1", "w17", "w599", "nowhere"):
        found = index._term(term)[1]
        docs, tf = topk.postings(index, found)
        want_docs, want_tf = built.postings(built._term(term)[1])
        assert docs.dtype == want_docs.dtype and np.array_equal(docs, want_docs)
        assert tf.dtype == want_tf.dtype and np.array_equal(tf, want_tf)
    s, start, end = index._term("w0")[1][0]
    with pytest.raises(IndexError):
        topk.postings(index, ((s, start, end + index.segments[s].size * 1000),))


def test_a_part_of_the_postings_is_one_read(
    corpus: tuple[PassageIndex, list[list[str]]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A term's part in a segment's file (its passages and counts side by side) is fetched
    by one os.preadv, not one for the passages and one for the counts."""
    import os

    import retrieval.topk as topk

    built, _ = corpus
    for seg in built.segments:
        seg.save(tmp_path / seg.id)
    index = PassageIndex([Segment.open(tmp_path / seg.id) for seg in built.segments])
    reads: list[int] = []
    preadv = os.preadv

    def counted(fd: int, buffers: list, offset: int) -> int:
        reads.append(fd)
        return preadv(fd, buffers, offset)

    monkeypatch.setattr(os, "preadv", counted)
    found = index._term("w0")[1]
    assert len(found) == len(index.segments) > 1
    docs, tf = topk.postings(index, found)
    assert len(reads) == len(found)
    want_docs, want_tf = built.postings(built._term("w0")[1])
    assert np.array_equal(docs, want_docs) and np.array_equal(tf, want_tf)


def test_the_mask_of_many_ranges_is_kept_for_the_next_question(corpus) -> None:
    """A year's reports, asked of again and again: their mask is made once (read-only)."""
    import retrieval.topk as topk

    index, _ = corpus
    ranges = [(lo, lo + 7) for lo in range(0, 2000, 50)]  # more than MANY_RANGES
    first = topk._mask(tuple(ranges), index.size)
    assert topk._mask(tuple(list(ranges)), index.size) is first and not first.flags.writeable
    want = np.zeros(index.size, dtype=bool)
    for lo, hi in ranges:
        want[lo:hi] = True
    np.testing.assert_array_equal(first, want)
    docs, values = top(index, {"w0": 1.0, "w3": 0.5, "w9": 0.7}, 10, ranges)
    full, full_values = index.scored({"w0": 1.0, "w3": 0.5, "w9": 0.7}, ranges)
    keep = best(full, full_values, 10)
    np.testing.assert_array_equal(docs, full[keep])
    assert values.tobytes() == full_values[keep].tobytes()


def test_a_term_never_kept_is_saturated_only_within_many_ranges(corpus, monkeypatch) -> None:
    """Within many report ranges a term too large to be kept is saturated only at its
    postings inside them (a year asked, with the year's reports in scope), and the k best
    are the full scorer's, bit for bit."""
    import retrieval.topk as topk

    index, _ = corpus
    monkeypatch.setattr(topk, "PRUNED_ABOVE", 10**9)
    monkeypatch.setattr(topk, "LARGEST", 0)  # every term too large to keep
    ranges = [(lo, lo + 9) for lo in range(0, 3000, 40)]
    inside = topk._mask(tuple(ranges), index.size)
    sizes: list[tuple[int, int]] = []
    real = topk._saturation

    def counted(ix: PassageIndex, docs: np.ndarray, tf: np.ndarray) -> np.ndarray:
        sizes.append((len(docs), int(inside[docs].sum())))
        return real(ix, docs, tf)

    monkeypatch.setattr(topk, "_saturation", counted)
    terms = {"w0": 1.0, "w3": 0.5, "w9": 0.7}
    docs, values = top(index, terms, 10, ranges)
    assert sizes and all(n == held for n, held in sizes)  # none outside the ranges
    full, full_values = index.scored(terms, ranges)
    keep = best(full, full_values, 10)
    np.testing.assert_array_equal(docs, full[keep])
    assert values.tobytes() == full_values[keep].tobytes()


def test_within_many_ranges_the_floor_is_taken_inside_them(corpus) -> None:
    """Within many ranges every posting of a kept term is added, those outside never read
    back: the floor is the k-th best score inside the ranges, whatever scores lie outside."""
    import retrieval.topk as topk

    index, _ = corpus
    buf = np.zeros(index.size)
    docs = np.arange(0, 200, dtype=np.int64)
    buf[docs] = np.where(docs < 100, 10.0, np.arange(200) / 100.0)  # high outside [100, 200)
    inside = topk._mask(((100, 200),), index.size)
    assert topk._floor(buf, [docs], 10, inside) == np.sort(buf[100:200])[-10]
    assert topk._floor(buf, [docs], 10) == 10.0  # (the ranges left out: above every inside)


@pytest.mark.parametrize("k", [1, 5, 40])
@pytest.mark.parametrize("many_ranges", [False, True])
def test_late_large_terms_added_only_near_the_floor_give_the_full_k_best(
    corpus, monkeypatch, k: int, many_ranges: bool
) -> None:
    """Terms too large to keep that come last (the lowest weights) are added only at the
    passages that may still reach the floor (_late_added): the k best and their scores are
    still the full scorer's, bit for bit, and that path is taken."""
    import retrieval.topk as topk

    index, _ = corpus
    monkeypatch.setattr(topk, "PRUNED_ABOVE", 10**9)
    monkeypatch.setattr(topk, "LARGEST", 16 * 200)  # w0..w9 or so: in over 200 passages
    monkeypatch.setattr(topk, "LATE_SHARE", 1)
    taken: list[bool] = []
    real = topk._late_added

    def counted(*args: object) -> np.ndarray | None:
        near = real(*args)  # type: ignore[arg-type]
        taken.append(near is not None)
        return near

    monkeypatch.setattr(topk, "_late_added", counted)
    ranges = [(lo, lo + 30) for lo in range(0, 3000, 70)] if many_ranges else None
    rng = random.Random(k)
    queries = [{"w0": 0.3, "w1": 0.4, "w599": 1.0, "w300": 1.0}]
    for _ in range(80):
        rare = rng.sample([f"w{i}" for i in range(40, 600)], rng.randint(1, 4))
        common = rng.sample([f"w{i}" for i in range(6)], rng.randint(1, 3))
        queries.append({t: 1.0 for t in rare} | {t: rng.choice((0.3, 0.4)) for t in common})
    for terms in queries:
        got_docs, got = top(index, terms, k, ranges)
        want_docs, want = _full_top(index, terms, k, ranges)
        np.testing.assert_array_equal(got_docs, want_docs)
        np.testing.assert_array_equal(got, want)
    assert sum(taken) > len(queries) // 4
