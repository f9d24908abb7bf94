"""Read the identity (place, plan year) of every report in a lawtext/gov clone and list misreads.

lawtext/gov (github.com/lawtext/gov) files each report as 政府工作报告-<kind>/<place>/<year>.md,
where <kind> is 省自治区, 主要城市 or 其他地市: the folder names the place, the file the year.
Each report is read as an index run reads it (decoded, cleaned, retrieval.metadata) and
compared with its folder; the plan year may be the file's year or the next (a report given in
December plans the next year). Reports of 2026 are left out: the provincial ones are held back
for evaluation, and a city's may be too. Some files are filed under another place than they
are (沧州市/2016.md holds 池州's report): a misread listed is not always govqa's. Run offline, e.g.

    python scripts/check_identity.py /path/to/lawtext-gov.git [--kinds 主要城市]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from retrieval.clean import clean_report
from retrieval.corpus import source_file
from retrieval.metadata import extract_metadata

KINDS = ("省自治区", "主要城市", "其他地市")


def git(git_dir: str, *args: str) -> bytes:
    return subprocess.run(["git", f"--git-dir={git_dir}", "-c", "core.quotepath=off", *args],
                          check=True, capture_output=True).stdout  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("git_dir", help="a clone (or bare mirror) of lawtext/gov")
    parser.add_argument("--kinds", nargs="*", default=list(KINDS), choices=KINDS)
    args = parser.parse_args()
    listed = git(args.git_dir, "ls-tree", "-r", "--name-only", "HEAD").decode().splitlines()
    pattern = re.compile(rf"^政府工作报告-({'|'.join(args.kinds)})/([^/]+)/(\d{{4}})\.md$")
    misread: Counter[str] = Counter()
    read = 0
    for path in listed:
        m = pattern.match(path)
        if not m or m[3] == "2026":
            continue
        source = source_file("report.md", git(args.git_dir, "show", f"HEAD:{path}"))
        if isinstance(source, str):
            print(f"unreadable {path}: {source}")
            continue
        meta = extract_metadata(clean_report(source.text, markup=source.markup), "report.md")
        read += 1
        if meta.region != m[2]:
            misread["place"] += 1
            print(f"place {path} -> {meta.region}")
        if meta.plan_year not in (int(m[3]), int(m[3]) + 1):
            misread["year"] += 1
            print(f"year {path} -> {meta.plan_year}")
    print(f"{read} reports read; misread: {dict(misread) or 'none'}")


if __name__ == "__main__":
    main()
