"""Whose report, and for which year: an audit over a git repository of real reports.

Not part of the unit tests (it needs a copy of the public lawtext/gov repository). Every
`政府工作报告-主要城市`, `-其他地市` and `-省自治区` file (`<place>/<year>.md`) is read as an index
run reads it (`corpus.source_file`, `clean.clean_report`, `metadata.extract_metadata`), and
its region and plan year are checked against the repository's folder and file name. The
provincial reports of 2026 are held back from us and are never read.

    .venv/bin/python benchmarks/identity_audit.py /path/to/lawtext-gov.git

It prints the count of files and of each kind of disagreement (no region, another region, a
plan year more than one off the file's, no plan year), then the files, one a line. Some
disagreements are the repository's own (a folder holding another city's report).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("政府工作报告-主要城市/", "政府工作报告-其他地市/", "政府工作报告-省自治区/")
HELD_BACK = ("政府工作报告-省自治区/", "/2026.md")  # the provincial reports of 2026


def audit(git_dir: Path) -> tuple[Counter[str], list[tuple[str, str, str, int | None]]]:
    """The kinds of disagreement counted, and each file's (kind, path, region, plan year)."""
    sys.path.insert(0, str(ROOT))
    from retrieval.clean import clean_report
    from retrieval.corpus import source_file
    from retrieval.metadata import extract_metadata

    git = ["git", f"--git-dir={git_dir}", "-c", "core.quotepath=off"]
    listed = subprocess.run(
        [*git, "ls-tree", "-r", "--name-only", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    paths = [
        p
        for p in listed
        if p.startswith(FOLDERS)
        and p.endswith(".md")
        and not (p.startswith(HELD_BACK[0]) and p.endswith(HELD_BACK[1]))
    ]
    counts: Counter[str] = Counter(files=0)
    found: list[tuple[str, str, str, int | None]] = []
    for path in paths:
        *_, place, name = path.split("/")
        year = name.removesuffix(".md")
        if not year.isdigit():
            continue
        counts["files"] += 1
        raw = subprocess.run([*git, "show", f"HEAD:{path}"], capture_output=True, check=True)
        source = source_file(f"report_{year}.txt", raw.stdout)
        if isinstance(source, str):  # a reason it cannot be read
            counts["unreadable"] += 1
            found.append(("unreadable", path, source, None))
            continue
        meta = extract_metadata(clean_report(source.text, markup=source.markup), f"r_{year}.txt")
        region = meta.region or ""
        if not region:
            kind = "no region"
        elif region != place and not place.startswith(region[:2]):
            kind = "another region"
        elif meta.plan_year is None:
            kind = "no plan year"
        elif abs(meta.plan_year - int(year)) > 1:  # (a series off by one year is common)
            kind = "plan year"
        else:
            continue
        counts[kind] += 1
        found.append((kind, path, region, meta.plan_year))
    return counts, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("git_dir", type=Path, help="a clone (or bare copy) of lawtext/gov")
    args = parser.parse_args()
    counts, found = audit(args.git_dir)
    print(dict(counts))
    for kind, path, region, year in found:
        print(kind, path, region, year, sep="\t")


if __name__ == "__main__":
    main()
