"""Passage-number helpers (retrieval/ranges.py)."""

from __future__ import annotations

import random

import numpy as np

from retrieval.ranges import union_of


def test_union_of_equals_numpys_unique_of_the_concatenation() -> None:
    rng = random.Random(7)
    for _ in range(300):
        parts = [
            np.array(sorted(rng.sample(range(5000), rng.randint(0, 300))), dtype=np.int64)
            for _ in range(rng.randint(1, 6))
        ]
        if rng.random() < 0.2:  # one part holding a number twice: merged, not taken whole
            parts = [np.sort(np.concatenate([parts[0], parts[0][:3]]))]
        got = union_of(parts)
        want = np.unique(np.concatenate(parts))
        assert got.dtype == np.int64 and np.array_equal(got, want)


def test_union_of_takes_one_ascending_part_as_it_is() -> None:
    part = np.array([3, 9, 40], dtype=np.int64)
    assert union_of([part]) is part
    assert np.array_equal(union_of([np.array([5, 5], dtype=np.int64)]), [5])
