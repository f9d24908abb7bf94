"""Words of work reports in general, learned from about 265 real reports.

The off-topic test (off_topic.py) and the indicator test (named_asked.py) ask whether any report
speaks of a word of the question ("火星", "护照": none does). The reports a user loaded are
too few to say so when there are one or a handful: a city's report never says 房子 or 洪水,
which dozens of others do. data/report_words.txt lists every index word found in at least
30 real reports (scripts/build_report_words.py); 火星, in one report of 265, is not in it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

WORDS_FILE = Path(__file__).parent / "data" / "report_words.txt"


@cache
def _words() -> frozenset[str]:
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def in_reports(word: str) -> bool:
    """Is `word` one that work reports in general use (in at least 30 of the 265)?"""
    return word in _words()
