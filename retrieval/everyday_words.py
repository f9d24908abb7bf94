"""Words of everyday talk: far more common in Chinese at large than in work reports.

An asker says 附近, 便宜, 吃饭, 不到 where a report says 周边, 实惠, 餐饮, 未: words that some
passages hold, so they are not the asker's own in the sense of abstention._asker_own_words
(no report holds them), but a passage that answers seldom does. Which words they are is
learned, not listed: a word's rate in about 770 real reports (data/report_word_counts.tsv,
scripts/build_report_word_counts.py) against its rate in jieba's dictionary, which counts
Chinese at large. A word the dictionary does not have is not judged (the reports' own
terms, 黄标车, and the asker's coinages alike). The reports are counted in the index's own
tokens (jieba's search cut, whose pieces overlap; stop words, 左右 or 多少, left out as the
index leaves them, and no concept of a question either), so the two rates are alike, not
equal: the factor they are compared by was measured, not derived (config.everyday_factor).
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
    worker. A word's UTF-8 bytes are hashed, not the str: CPython hashes a str's stored
    code units, so "ar" and "牡" (bytes 61 72 either way) would share one; two words' bytes
    sharing a 64-bit hash in one process: about one chance in 10^10."""
    hashes, counts = array("q"), array("i")  # (line by line: no list of every word held)
    totals: tuple[int, int] | None = None
    with COUNTS_FILE.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#total\t"):
                _, reports, dictionary = line.split("\t")
                totals = (int(reports), int(dictionary))
            elif line.strip() and not line.startswith("#"):
                word, count = line.rstrip("\n").split("\t")
                hashes.append(hash(word.encode("utf-8")))
                counts.append(int(count))
    if totals is None:
        raise ValueError(f"{COUNTS_FILE.name}: no #total line (its totals give the rates)")
    keys = np.array(hashes, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    return keys[order], np.array(counts, dtype=np.int32)[order], *totals


def _count(word: str) -> int:
    """How often the reports say `word` (0 if not listed)."""
    keys, counts, _, _ = _counts()
    key = hash(word.encode("utf-8"))
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
