"""Generate retrieval/data/report_word_counts.tsv: how often work reports say each word.

retrieval/everyday_words.py compares a word's rate in work reports with its rate in jieba's
own dictionary (Chinese at large) to tell the asker's everyday wording (附近, 便宜, 吃饭,
不到: far more common in talk than in any report) from the reports' own (改造, 创业). The
rates are learned from real reports: every jieba word (the index's tokens) of every distinct
report of the folders given (by default every report under tests/data and seeds/: about 770
real reports of every level, 2003-2026, SOURCES.md in each folder), counted where it occurs
twice or more; the header holds the reports' token total and the dictionary's. Run once,
offline, from the repository root:

    python scripts/build_report_word_counts.py
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_report_words import counted  # noqa: E402

from retrieval.tokens import jieba  # noqa: E402

OUT = ROOT / "retrieval" / "data" / "report_word_counts.tsv"
MIN_COUNT = 2  # a word said once in ~6.6M tokens is as good as never (its rate is smoothed)


def dictionary_total() -> int:
    """The sum of jieba's dictionary counts: the size of the text they were counted in."""
    path = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    with path.open(encoding="utf-8") as f:
        return sum(int(line.split()[1]) for line in f if line.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    counts, read = counted(parser.parse_args().folders, each_once=False)
    total = sum(counts.values())
    header = (
        f"# How often {read} real reports (tests/data, seeds) say each word, said {MIN_COUNT}"
        " times or more\n# (scripts/build_report_word_counts.py). Totals: the reports' tokens,"
        " jieba's dictionary counts.\n"
        f"#total\t{total}\t{dictionary_total()}\n"
    )
    lines = [f"{w}\t{n}" for w, n in sorted(counts.items()) if n >= MIN_COUNT]
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} words, {total} tokens from {read} reports -> {OUT}")


if __name__ == "__main__":
    main()
