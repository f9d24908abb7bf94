"""Words of everyday talk: far more common in Chinese at large than in work reports.

An asker says 附近, 便宜, 吃饭, 不到 where a report says 周边, 实惠, 餐饮, 未: words that some
passages hold, so they are not the asker's own in the sense of abstention._asker_own_words
(no report holds them), but a passage that answers seldom does. Which words they are is
learned, not listed: a word's rate in about 770 real reports (data/report_word_counts.tsv,
scripts/build_report_word_counts.py) against its rate in jieba's dictionary, which counts
Chinese at large. A word the dictionary does not have is not judged (the reports' own
terms, 黄标车, and the asker's coinages alike).
"""

from __future__ import annotations

from array import array
from functools import cache
from pathlib import Path

import numpy as np

from .word_kinds import word_frequency

COUNTS_FILE = Path(__file__).parent / "data" / "report_word_counts.tsv"


@cache
def _counts() -> tuple[np.ndarray, np.ndarray, int, int]:
    """Each listed word's hash (sorted) and count in the reports, the reports' token total
    and the dictionary's. Hashes, not a dict of the words: 0.6 MB against ~11 MB in every
    worker (two words sharing a 64-bit hash in one process: about one chance in 10^10)."""
    hashes, counts = array("q"), array("q")  # (line by line: no list of every word held)
    totals = (1, 1)
    with COUNTS_FILE.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#total\t"):
                _, reports, dictionary = line.split("\t")
                totals = (int(reports), int(dictionary))
            elif line.strip() and not line.startswith("#"):
                word, count = line.rstrip("\n").split("\t")
                hashes.append(hash(word))
                counts.append(int(count))
    keys = np.array(hashes, dtype=np.int64)
    order = np.argsort(keys)
    return keys[order], np.array(counts, dtype=np.int64)[order], *totals


def _count(word: str) -> int:
    """How often the reports say `word` (0 if not listed)."""
    keys, counts, _, _ = _counts()
    key = hash(word)
    at = int(np.searchsorted(keys, key))
    return int(counts[at]) if at < keys.size and int(keys[at]) == key else 0


def everyday(word: str, factor: float) -> bool:
    """Is `word` said at least `factor` times as often (per word) in Chinese at large, as
    jieba's dictionary counts it, as in work reports? (附近 ~400 times, 便宜 ~450, 吃饭 ~27,
    不到 ~22; 改造 and 创业 ~25 and ~30 times rarer.) Counts are smoothed by half a word."""
    general = word_frequency(word)
    if not general:
        return False
    _, _, reports, dictionary = _counts()
    ratio = ((_count(word) + 0.5) / reports) / ((general + 0.5) / dictionary)
    return ratio * factor <= 1.0
