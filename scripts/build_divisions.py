"""Generate retrieval/data/divisions.tsv from the Ministry of Civil Affairs code list.

Source: https://github.com/yescallop/areacodes (CC0), which collects the 民政部 list
"中华人民共和国县级以上行政区划代码" for every year since 1981 (data/<year>.txt, "code name",
each year as of 31 December) and a summary of every code's history (result.csv: code, names,
status 在用/变更/弃用, years in use, successor codes). Run once, offline, e.g.

    git -C areacodes show HEAD:data/2024.txt > 2024.txt
    git -C areacodes show HEAD:result.csv > result.csv
    python scripts/build_divisions.py 2024.txt --history result.csv \\
        --source "github.com/yescallop/areacodes@<commit>" --data-date 2024-12-31

Levels follow the code: XX0000 province, XXYY00 prefecture, anything else county. A county's
parent is its prefecture (XXYY00) if that code exists, else its province: the districts of
北京/天津/上海/重庆 and the directly administered county-level units (仙桃市, 济源市) hang off the
province. The 民政部 list has no 市辖区/县 placeholder rows and no development zones.

Former names (--history): a name a current division had under the same code (襄樊市 -> 襄阳市,
思茅市 -> 普洱市), or under a code abolished with that division as its only successor (鄞县 ->
鄞州区), if that name was still in use in or after --since (default 2000). A former name equal
to a current division's full name, or with no short form of two characters (郊区), is left out.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from retrieval.divisions import short_forms_of

OUT = Path(__file__).resolve().parent.parent / "retrieval" / "data" / "divisions.tsv"


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


def read_year(path: Path) -> dict[str, str]:
    """code -> name from one year's "code name" list."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if line.strip():
            code, name = line.split()
            if len(code) != 6 or not code.isdigit():
                raise SystemExit(f"bad line in {path}: {line!r}")
            out[code] = name
    return out


def parent_of(code: str, names: dict[str, str]) -> str:
    level = level_of(code)
    if level == "province":
        return ""
    prefecture = code[:4] + "00"
    if level == "county" and prefecture in names:
        return prefecture
    return code[:2] + "0000"


Row = dict[str, str]


def former_names(path: Path, current: dict[str, str], since: int) -> dict[str, list[str]]:
    """code -> former full names, from areacodes' result.csv."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    by_code: dict[str, list[Row]] = {}
    for r in rows:
        by_code.setdefault(r["代码"], []).append(r)
    for rs in by_code.values():
        rs.sort(key=lambda r: int(r["启用时间"]))

    def row_at(code: str, year: int) -> Row | None:
        """The row of code in use in year."""
        for r in by_code.get(code, ()):
            if int(r["启用时间"]) <= year and (
                not r["变更/弃用时间"] or year < int(r["变更/弃用时间"])
            ):
                return r
        return None

    def resolve(r: Row, depth: int = 0) -> str | None:
        """The current code that carries on r's division, if exactly one does."""
        if depth > 20:
            return None
        if r["状态"] == "在用":
            return r["代码"]
        end = int(r["变更/弃用时间"])
        if r["状态"] == "变更":  # the code carries on under a new name or parent
            nxt = row_at(r["代码"], end)
        else:  # 弃用: follow the single successor at the time of abolition
            succ = [s for s in r["新代码"].split(";") if s and "[" not in s]
            nxt = row_at(succ[0], end) if len(succ) == 1 else None
        return resolve(nxt, depth + 1) if nxt is not None else None

    full_names = set(current.values())
    out: dict[str, list[str]] = {}
    for r in rows:
        name = r["名称"]
        if r["状态"] == "在用" or int(r["变更/弃用时间"]) <= since or name in full_names:
            continue
        code = resolve(r)
        if code is None or code not in current or level_of(code) != level_of(r["代码"]):
            continue
        if not short_forms_of(name, level_of(code)):
            continue
        if name not in out.setdefault(code, []):
            out[code].append(name)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("year_list", type=Path, help="areacodes data/<year>.txt")
    ap.add_argument("--history", type=Path, help="areacodes result.csv, for former names")
    ap.add_argument("--since", type=int, default=2000, help="oldest year a former name was used")
    ap.add_argument("--source", required=True, help="repository@commit the files come from")
    ap.add_argument("--data-date", required=True, help="date the code list is as of")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    names = read_year(args.year_list)
    former = former_names(args.history, names, args.since) if args.history else {}
    counts = {
        lv: sum(level_of(c) == lv for c in names) for lv in ("province", "prefecture", "county")
    }
    lines = [
        "# China's administrative divisions down to county level (县级以上行政区划代码).",
        f"# Source: {args.source}, file {args.year_list.name}"
        + (f" (+ {args.history.name} for former names since {args.since})" if args.history else ""),
        "# Data: 民政部 中华人民共和国县级以上行政区划代码, as of " + args.data_date,
        f"# Generated {datetime.date.today().isoformat()} by scripts/build_divisions.py; "
        + ", ".join(f"{n} {lv}" for lv, n in counts.items()),
        "# former_names: earlier full names, '|'-separated.",
        "code\tname\tlevel\tparent_code\tformer_names",
    ]
    for code in sorted(names):
        row = [
            code,
            names[code],
            level_of(code),
            parent_of(code, names),
            "|".join(former.get(code, [])),
        ]
        lines.append("\t".join(row))
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {counts}, {sum(map(len, former.values()))} former names")


if __name__ == "__main__":
    main()
