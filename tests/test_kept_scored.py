"""BM25 within a few report ranges takes a kept term's postings from where it is kept
(retrieval/kept_scored.py): the same passages and scores as PassageIndex.scored, bit for bit,
with no read of that term."""

from __future__ import annotations

import random

import numpy as np
import pytest

from retrieval import kept_scored
from retrieval.index import PassageIndex
from retrieval.kept_terms import kept_terms
from retrieval.segment_build import build_segment, token_entry
from retrieval.topk import best, top


@pytest.fixture(scope="module")
def index() -> PassageIndex:
    rng = random.Random(7)
    words = [f"w{i}" for i in range(300)]
    weights = [1 / (i + 1) ** 0.8 for i in range(300)]
    docs = [rng.choices(words, weights, k=rng.randint(2, 30)) for _ in range(2400)]
    parts = [docs[:500], docs[500:1300], docs[1300:]]  # three segments
    return PassageIndex([build_segment([token_entry(p, f"r{i}")]) for i, p in enumerate(parts)])


def _ranges(rng: random.Random) -> list[tuple[int, int]]:
    starts = sorted(rng.sample(range(0, 2300, 50), rng.randint(2, 12)))
    return [(lo, lo + rng.randint(5, 50)) for lo in starts]  # (some cross a segment's end)


def test_within_a_few_ranges_kept_terms_give_the_full_scorers_scores(index) -> None:
    rng = random.Random(11)
    for _ in range(60):
        terms = {f"w{rng.randrange(40)}": rng.choice((1.0, 0.7, 0.3)) for _ in range(5)}
        if rng.random() < 0.7:
            top(index, terms, 10)  # over every passage: its terms kept
        ranges = _ranges(rng)
        got_docs, got = kept_scored.scored(index, terms, ranges)
        want_docs, want = index.scored(terms, ranges)
        np.testing.assert_array_equal(got_docs, want_docs)
        assert got.tobytes() == want.tobytes()
        docs, values = top(index, terms, 10, ranges)
        keep = best(want_docs, want, 10)
        np.testing.assert_array_equal(docs, want_docs[keep])
        assert values.tobytes() == want[keep].tobytes()


def test_a_kept_term_is_not_read_again_for_a_few_ranges(index, monkeypatch) -> None:
    terms = {"w1": 1.0, "w2": 0.7, "w250": 1.0}
    top(index, terms, 10)  # w1 and w2 kept (w250 too)
    kept = {found for _, found in index._columns(terms) if kept_terms(index).peek(found)}
    assert kept
    read: list[object] = []
    real = PassageIndex.postings

    def counted(self, found, ranges=None):  # type: ignore[no-untyped-def]
        read.append(found)
        return real(self, found, ranges)

    monkeypatch.setattr(PassageIndex, "postings", counted)
    top(index, terms, 10, [(100, 160), (900, 950), (2000, 2100)])
    assert not kept & set(read)
