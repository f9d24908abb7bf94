"""Scores over index segments equal rank-bm25's BM25Okapi over the whole corpus, after
adds, removes and merges; a change to a cached corpus rewrites only what changed."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from retrieval import versions
from retrieval.cache import load_corpus
from retrieval.duplicates import MIN_SENTENCES, could_be_copy
from retrieval.index import PassageIndex
from retrieval.postings_file import PostingsFile
from retrieval.segment import Segment
from retrieval.segment_build import build_segment, token_entry
from retrieval.tokens import Tokenizer
from retrieval.words import passage_words

from .conftest import SEEDS

REL = 1e-6


def _docs(rng: random.Random, n: int, vocab: int) -> list[list[str]]:
    # Zipf-like words, so that some are in over half the passages (BM25Okapi's idf floor).
    words = [f"w{i}" for i in range(vocab)]
    weights = [1 / (i + 1) for i in range(vocab)]
    return [rng.choices(words, weights, k=rng.randint(3, 30)) + ["common"] * (i % 2)
            for i in range(n)]  # fmt: skip


@pytest.fixture(scope="module")
def reports() -> dict[str, list[list[str]]]:
    rng = random.Random(11)
    return {name: _docs(rng, rng.randint(50, 300), 400) for name in "ABCDEF"}


def _expected(index: PassageIndex, reports: dict[str, list[list[str]]]) -> list[list[str]]:
    """The corpus in the index's passage order: its segments' reports, one after the other."""
    return [doc for seg in index.segments for r in seg.reports for doc in reports[r.name]]


def _check(index: PassageIndex, reports: dict[str, list[list[str]]]) -> None:
    docs = _expected(index, reports)
    assert index.size == len(docs)
    ref = BM25Okapi(docs)
    rng = random.Random(5)
    queries = [["common"], ["w0"], ["w1", "w399", "missing"]]
    queries += [list(set(rng.sample(docs[rng.randrange(len(docs))], 2))) for _ in range(25)]
    for terms in queries:
        want = ref.get_scores(terms)
        got = index.scores(dict.fromkeys(terms, 1.0))
        np.testing.assert_allclose(got, want, rtol=REL, atol=1e-12)
        top = np.argsort(-want, kind="stable")[:10]
        assert set(np.argsort(-got, kind="stable")[:10]) == set(top) or np.allclose(
            np.sort(got[top]), np.sort(want[top]), rtol=REL
        )
        docs_, values = index.scored(dict.fromkeys(terms, 1.0))
        np.testing.assert_array_equal(docs_, np.flatnonzero(want))
        np.testing.assert_allclose(values, want[docs_], rtol=REL)
    for term in ("common", "w0", "w5", "w399"):
        assert index.idf(term) == pytest.approx(ref.idf.get(term), rel=1e-12)


def test_scores_over_segments_equal_bm25okapi_after_adds_removes_and_merges(reports) -> None:
    entries = {name: token_entry(docs, name) for name, docs in reports.items()}
    segments = [build_segment([entries["A"], entries["B"]]), build_segment([entries["C"]])]
    _check(PassageIndex(segments), reports)
    segments.append(build_segment([entries["D"]]))  # an add: one more segment
    _check(PassageIndex(segments), reports)
    live = {name: name for name in "ACD"}  # B removed: its segment is rewritten without it
    whole, partial, carried = versions.carry_over(segments, live)
    assert [s.id for s in whole] == [segments[1].id, segments[2].id] and carried == set("ACD")
    segments = [*whole, *versions.new_segments(partial)]
    _check(PassageIndex(segments), {k: v for k, v in reports.items() if k in "ACD"})
    segments += [build_segment([entries["E"]]), build_segment([entries["F"]])]
    for bound in (3, 1):  # the smallest merged while there are more than `bound`
        segments = versions.merged(segments, bound)
        assert len(segments) == bound
        _check(PassageIndex(segments), reports)


def test_scored_within_ranges_touches_only_those_passages(reports) -> None:
    entries = [token_entry(docs, name) for name, docs in reports.items()]
    index = PassageIndex([build_segment(entries[:3]), build_segment(entries[3:])])
    ref = BM25Okapi(_expected(index, reports))
    want = ref.get_scores(["w3", "w7"])
    ranges = [(10, 60), (index.size - 40, index.size)]
    docs, values = index.scored({"w3": 1.0, "w7": 1.0}, ranges)
    inside = [i for lo, hi in ranges for i in range(lo, hi) if want[i]]
    assert docs.tolist() == inside
    np.testing.assert_allclose(values, want[docs], rtol=REL)


def test_postings_of_a_term_over_all_segments_at_once(reports) -> None:
    entries = [token_entry(docs, name) for name, docs in reports.items()]
    index = PassageIndex([build_segment(entries[:2]), build_segment(entries[2:4]),
                          build_segment(entries[4:])])  # fmt: skip
    docs = _expected(index, reports)
    for term in ("common", "w0", "w17", "w399"):
        found = index._term(term)[1]
        got, tf = index.postings(found)
        want = [i for i, d in enumerate(docs) if term in d]
        assert got.dtype == np.int64 and got.tolist() == want  # numbered across segments
        assert tf.tolist() == [docs[i].count(term) for i in want]
        ranges = [(5, 40), (index.size - 30, index.size)]
        inside, tf_inside = index.postings(found, ranges)
        assert inside.tolist() == [i for i in want if any(lo <= i < hi for lo, hi in ranges)]
        assert tf_inside.tolist() == [docs[i].count(term) for i in inside]
        # the bound: the most one posting adds before its weight, read or given
        k1p1 = index.k1 + 1
        most = max(c * k1p1 / (c + index._norm[i]) for i, c in zip(got, tf.tolist(), strict=True))
        assert index.bound(term) == pytest.approx(most, rel=1e-15)
        index._bounds.clear()
        assert index.bound(term, (got, tf)) == index.bound(term)


def test_postings_within_ranges_leave_the_other_segments_unread(tmp_path: Path, reports) -> None:
    entries = [token_entry(docs, name) for name, docs in reports.items()]
    built = [build_segment(entries[:3]), build_segment(entries[3:])]
    for seg in built:
        seg.save(tmp_path / seg.id)
    segments = [Segment.open(tmp_path / seg.id) for seg in built]
    index = PassageIndex(segments)
    read: list[str] = []
    for seg in segments:  # count the reads of each segment's postings
        file = seg.file
        assert isinstance(file, PostingsFile)

        def reading(*at: int, file: PostingsFile = file, seg_id: str = seg.id, **kw) -> tuple:
            read.append(seg_id)
            return PostingsFile.part(file, *at, **kw)

        file.part = reading  # type: ignore[method-assign]
    first = (0, segments[0].size)
    docs, values = index.scored({"w3": 1.0, "common": 0.5}, [first])
    assert len(docs) and set(read) == {segments[0].id}
    want, want_values = PassageIndex(built).scored({"w3": 1.0, "common": 0.5})
    inside = want < segments[0].size
    np.testing.assert_array_equal(docs, want[inside])
    np.testing.assert_array_equal(values, want_values[inside])


# -- a cached corpus that changes -------------------------------------------------------------


def _engine_docs(corpus) -> list[list[str]]:
    tokenizer = Tokenizer()
    reports = {r.name: r for r in corpus.reports}
    return [
        passage_words(tokenizer, p.text, p.section, reports[p.report].meta) for p in corpus.passages
    ]


def _seed_folder(tmp_path: Path, n: int) -> tuple[Path, Path, list[Path]]:
    """A corpus folder with the first n bundled reports, a cache folder, every seed report."""
    folder, cache = tmp_path / "reports", tmp_path / "cache"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for path in seeds[:n]:
        shutil.copy(path, folder / path.name)
    return folder, cache, seeds


def test_adding_and_removing_a_report_keeps_the_other_segments(tmp_path: Path) -> None:
    folder, cache, seeds = _seed_folder(tmp_path, 3)
    tokenizer = Tokenizer()
    first = load_corpus(folder, tokenizer, cache_dir=cache)
    before = {p.name for p in (cache / "segments").iterdir()}
    shutil.copy(seeds[3], folder / seeds[3].name)
    added = load_corpus(folder, tokenizer, cache_dir=cache)
    assert added.tokenized == 1 and not added.from_snapshot
    after = {p.name for p in (cache / "segments").iterdir()}
    assert before < after and len(after - before) == 1  # one new segment, the old one kept
    assert added.index.version != first.index.version
    for corpus in (added,):
        ref = BM25Okapi(_engine_docs(corpus))
        for terms in (["发展"], ["粮食", "产量"], ["营商", "环境", "优化"]):
            np.testing.assert_allclose(
                corpus.index.scores(dict.fromkeys(terms, 1.0)), ref.get_scores(terms), rtol=REL
            )
    (folder / seeds[0].name).unlink()
    removed = load_corpus(folder, tokenizer, cache_dir=cache)
    assert removed.tokenized == 0
    assert seeds[0].name not in {r.name for r in removed.reports}
    ref = BM25Okapi(_engine_docs(removed))
    np.testing.assert_allclose(
        removed.index.scores({"发展": 1.0, "粮食": 1.0}), ref.get_scores(["发展", "粮食"]), rtol=REL
    )
    warm = load_corpus(folder, tokenizer, cache_dir=cache)
    assert warm.from_snapshot and warm.index.version == removed.index.version
    assert isinstance(warm.index.segments[0].arrays["doc_len"].base, np.memmap)
    assert isinstance(warm.index.segments[0].file, PostingsFile)  # postings read by pread
    optimized = load_corpus(folder, tokenizer, cache_dir=cache, optimize=True)
    assert len(optimized.index.segments) == 1
    assert [Segment.open(cache / "segments" / s.id).size for s in optimized.index.segments] == [
        optimized.index.size
    ]


def test_a_copy_added_later_is_dropped_against_the_indexed_reports(tmp_path: Path) -> None:
    folder, cache, seeds = _seed_folder(tmp_path, 2)
    tokenizer = Tokenizer()
    load_corpus(folder, tokenizer, cache_dir=cache)
    # A copy whose name sorts first: it is kept, the indexed one is dropped (its segment
    # rewritten without it), and the warning names both.
    shutil.copy(seeds[1], folder / "000_copy.txt")
    corpus = load_corpus(folder, tokenizer, cache_dir=cache)
    names = [r.name for r in corpus.reports]
    assert names == sorted(["000_copy.txt", seeds[0].name])
    assert any("000_copy.txt" in w and seeds[1].name in w for w in corpus.warnings)
    (folder / "000_copy.txt").unlink()  # the copy goes: the original comes back
    again = load_corpus(folder, tokenizer, cache_dir=cache)
    assert [r.name for r in again.reports] == [seeds[0].name, seeds[1].name]


def test_a_moved_folder_reuses_the_segments_of_its_files(tmp_path: Path) -> None:
    folder, cache, seeds = _seed_folder(tmp_path, 2)
    tokenizer = Tokenizer()
    first = load_corpus(folder, tokenizer, cache_dir=cache)
    moved = shutil.copytree(folder, tmp_path / "moved")
    shutil.copy(seeds[2], moved / seeds[2].name)
    added = load_corpus(moved, tokenizer, cache_dir=cache)
    assert added.tokenized == 1
    assert first.index.segments[0].id in {s.id for s in added.index.segments}


def test_could_be_copy_is_a_necessary_condition_whatever_else_is_new() -> None:
    old = np.arange(50, dtype=np.uint64)
    near = np.arange(45, dtype=np.uint64)  # 45 of its 50 sentences: a copy (over 80%)
    short = np.array([1000, 1001, 1002], dtype=np.uint64)  # a 3-sentence file beside it
    keys = np.unique(np.concatenate([near, short]))
    shortest = min(n for n in (len(near), len(short)) if n >= MIN_SENTENCES)
    assert could_be_copy(old, keys, shortest)
    assert could_be_copy(short, keys, shortest)  # the same sentence set, however short
    assert not could_be_copy(np.arange(100, 200, dtype=np.uint64), keys, shortest)
    assert not could_be_copy(old, short, None)  # no new file long enough to pair with


def test_texts_of_a_mapped_segment_are_read_from_its_file(tmp_path: Path) -> None:
    folder, cache, _ = _seed_folder(tmp_path, 2)
    corpus = load_corpus(folder, Tokenizer(), cache_dir=cache)
    seg_dir = next((cache / "segments").iterdir())
    opened = Segment.open(seg_dir)
    assert opened._texts is not None  # read with os.pread, not through the mapping
    indices, tf = opened.postings()
    arrays = {**opened.arrays, "indices": indices, "tf": tf}
    in_memory = Segment(opened.id, opened.reports, opened.sections, arrays)
    for r in range(len(opened.reports)):
        assert opened.text(r) == in_memory.text(r)
        lo, hi = opened.report_bounds[r], opened.report_bounds[r + 1]
        for i in range(int(lo), int(hi)):
            assert opened.passage_text(i) == in_memory.passage_text(i)
            assert opened.passage_text(i) in opened.text(r)
    assert {p.text for p in corpus.passages} >= {opened.passage_text(0)}
    data = (seg_dir / "text_bytes.npy").read_bytes()
    (seg_dir / "text_bytes.npy").chmod(0o644)
    (seg_dir / "text_bytes.npy").write_bytes(data[: len(data) // 2])  # truncated
    with pytest.raises(ValueError):
        Segment.open(seg_dir)
