"""Ranges of passage numbers [lo, hi) (a report's passages each) as one array of numbers."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def positions(ranges: Sequence[tuple[int, int]]) -> np.ndarray:
    """The passage numbers of each range, range after range in the order given (int64): what
    concatenating np.arange(lo, hi) of each gives, in a few numpy calls however many ranges
    there are (a year's reports at 300k passages: ~550)."""
    if len(ranges) <= 1:  # compare asks report by report: one range
        return np.arange(*ranges[0], dtype=np.int64) if ranges else np.empty(0, dtype=np.int64)
    bounds = np.array(ranges, dtype=np.int64).reshape(-1, 2)
    sizes = np.maximum(bounds[:, 1] - bounds[:, 0], 0)
    starts = np.cumsum(sizes) - sizes  # where each range's numbers start in the whole
    at: np.ndarray = np.arange(int(sizes.sum()), dtype=np.int64)
    at += np.repeat(bounds[:, 0] - starts, sizes)
    return at
