"""Generate retrieval/data/report_words.txt: the words of work reports in general.

The off-topic test asks whether a word of a question is one any report speaks of ("火星",
"护照": none does). Asked of the reports a user loaded alone, a small folder knows too few
words: one city's report never says 房子 or 洪水, which many reports do. This list is learned
from real reports: every jieba word (the index's own tokens, tokens.Tokenizer.words) found in
at least --min-reports distinct reports of the folders given (by default every report under
tests/data and seeds/: about 300 real reports of every level, 2003-2025, SOURCES.md in each
folder). A word rarer than that (火星 is in one report of ~300) is not listed. Run once,
offline, from the repository root:

    python scripts/build_report_words.py
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.clean import clean_report  # noqa: E402
from retrieval.corpus import decode_report  # noqa: E402
from retrieval.tokens import Tokenizer  # noqa: E402

OUT = ROOT / "retrieval" / "data" / "report_words.txt"
SUFFIXES = (".txt", ".html", ".htm")
FIGURE = re.compile(r"^[\d.%]+$")  # 2035, 10.5%: figures, not words
MIN_REPORTS = 30  # about one report in nine: 房子 58, 洪水 34; not 世界杯 7, 火星 1


def report_files(folders: list[Path]) -> list[Path]:
    """The report files of `folders` (and their sub-folders), each text once."""
    seen: set[str] = set()
    files = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix not in SUFFIXES or path.parent.name == "messy":
                continue
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest not in seen:
                seen.add(digest)
                files.append(path)
    return files


def report_words(folders: list[Path]) -> Iterator[list[str]]:
    """The index's words (tokens.Tokenizer.words, figures left out) of each readable report
    of `folders`, one list a report (also scripts/build_report_word_counts.py)."""
    tokenizer = Tokenizer()
    for path in report_files(folders):
        text = decode_report(path.read_bytes())
        if text:
            yield [w for w in tokenizer.words(clean_report(text)) if not FIGURE.match(w)]


def counted(folders: list[Path], each_once: bool) -> tuple[collections.Counter[str], int]:
    """Each word's count over the reports of `folders` (by default every report under
    tests/data and seeds), or the number of reports saying it (`each_once`), and how many
    reports were read (also scripts/build_report_word_counts.py)."""
    counts: collections.Counter[str] = collections.Counter()
    read = 0
    for words in report_words(folders or [ROOT / "tests" / "data", ROOT / "seeds"]):
        read += 1
        counts.update(set(words) if each_once else words)
    return counts, read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--min-reports", type=int, default=MIN_REPORTS)
    args = parser.parse_args()
    counts, read = counted(args.folders, each_once=True)
    words = sorted(w for w, n in counts.items() if n >= args.min_reports)
    header = (
        f"# Words of work reports in general: each in at least {args.min_reports} of {read} "
        "real reports\n# (tests/data, seeds; scripts/build_report_words.py). One word a line.\n"
    )
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words from {read} reports -> {OUT}")


if __name__ == "__main__":
    main()
