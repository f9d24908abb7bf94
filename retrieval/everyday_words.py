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

from functools import cache
from pathlib import Path

from .word_kinds import word_frequency

COUNTS_FILE = Path(__file__).parent / "data" / "report_word_counts.tsv"


@cache
def _counts() -> tuple[dict[str, int], int, int]:
    """Each word's count in the reports, the reports' token total and the dictionary's."""
    counts: dict[str, int] = {}
    totals = (1, 1)
    for line in COUNTS_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#total\t"):
            _, reports, dictionary = line.split("\t")
            totals = (int(reports), int(dictionary))
        elif line and not line.startswith("#"):
            word, count = line.split("\t")
            counts[word] = int(count)
    return counts, *totals


def everyday(word: str, factor: float) -> bool:
    """Is `word` said at least `factor` times as often (per word) in Chinese at large, as
    jieba's dictionary counts it, as in work reports? (附近 ~400 times, 便宜 ~450, 吃饭 ~27,
    不到 ~22; 改造 and 创业 ~25 and ~30 times rarer.) Counts are smoothed by half a word."""
    general = word_frequency(word)
    if not general:
        return False
    counts, reports, dictionary = _counts()
    ratio = ((counts.get(word, 0) + 0.5) / reports) / ((general + 0.5) / dictionary)
    return ratio * factor <= 1.0
