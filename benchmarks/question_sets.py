"""Score every question set under tests/data: the figures README's quality section gives.

Each folder of tests/data holds real reports and the question sets written about them by
helpers who never saw the code, most split before any tuning into a tuning part
(`*_tune*.jsonl`) and a held-out part (`*heldout*.jsonl`); `fresh4/qa_fresh4.jsonl` is tuning
whole. Every other set is held out (`fresh3/qa_fresh3.jsonl` and `fresh6/qa_fresh6.jsonl` are,
whole): a set is only treated as tuning by its name. Each set is asked of its own folder's
reports, all loaded together; the sets of `fresh`, `fresh2` and `fresh4` of the reports of
`fresh` and `fresh2` together.

Held-out parts are printed in aggregate only (per set, per group of folders, per question
type): never question by question, so no one tunes on them. `--tuning-misses` lists the
tuning parts' misses, one line each; there is no such option for the held-out parts.

`--alone` asks each answerable question instead of its own report alone, with the name of
the region it asks about taken out (benchmarks/asked_alone.py): the held-back sets' second
mode. Unanswerable questions are not asked then.

usage: python benchmarks/question_sets.py [--parts held-out|tuning|both] [--tuning-misses]
       [--alone] [--jobs N] [--data DIR]
"""

from __future__ import annotations

import argparse
import functools
import json
import shutil
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.evaluation import QAItem, hit_rank  # noqa: E402
from retrieval.models import Answer  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from asked_alone import AloneEngines, without_region  # noqa: E402

if TYPE_CHECKING:
    from retrieval.engine import Engine
    from retrieval.tokens import Tokenizer

DATA = ROOT / "tests" / "data"
TUNING_WHOLE = ("fresh4/qa_fresh4.jsonl",)  # a tuning set never split
TOGETHER = ("fresh", "fresh2", "fresh4")  # asked of the reports of fresh and fresh2 at once
# Groups printed beside the total: the provincial reports, every province's of one year loaded
# together (the held-back provincial set's setting), and the city reports of 2026.
GROUPS = {
    "provincial reports of 2006, 2011, 2013, 2016, 2021, 2023 (prov20*)": ("prov20",),
    "the same without 2013 (the five years before session 48)": tuple(
        f"prov{year}/" for year in (2006, 2011, 2016, 2021, 2023)
    ),
    "city reports of 2026 (fresh100-fresh106)": tuple(f"fresh{n}/" for n in range(100, 107)),
}


@dataclass(slots=True)
class Tally:
    """Counts of one set or group: answerable, unanswerable, hit@1, hit@3, false
    abstentions, correct abstentions."""

    answerable: int = 0
    unanswerable: int = 0
    hit1: int = 0
    hit3: int = 0
    false_abstain: int = 0
    abstain: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self) -> str:
        def rate(k: int, n: int) -> str:
            return f"{k / n:.3f}" if n else "  -  "

        a, u = self.answerable, self.unanswerable
        return (
            f"{a:>5} / {u:<5} hit@1 {rate(self.hit1, a)} hit@3 {rate(self.hit3, a)} "
            f"false_abstain {rate(self.false_abstain, a)} abstain {rate(self.abstain, u)}  "
            f"({self.hit1} / {self.hit3} / {self.false_abstain} / {self.abstain})"
        )


@dataclass(slots=True)
class SetResult:
    name: str  # folder/file.jsonl
    tally: Tally
    by_type: dict[str, Tally] = field(default_factory=dict)
    by_report: dict[str, Tally] = field(default_factory=dict)  # full text / excerpt
    misses: list[str] = field(default_factory=list)  # tuning parts only


def is_held_out(name: str) -> bool:
    """Is the set `name` (folder/file.jsonl) held out? Every set is, but those its name says
    are for tuning (so that a set named some new way is never listed question by question)."""
    return not ("_tune" in name.rpartition("/")[2] or name in TUNING_WHOLE)


def question_sets(data: Path, parts: str) -> list[str]:
    """The sets under `data` (folder/file.jsonl), held-out parts, tuning parts or both."""
    names = sorted(p.relative_to(data).as_posix() for p in data.glob("*/*.jsonl"))
    if parts == "held-out":
        return [n for n in names if is_held_out(n)]
    if parts == "tuning":
        return [n for n in names if not is_held_out(n)]
    return names


def corpus_key(name: str) -> str:
    folder = name.split("/")[0]
    return "+".join(TOGETHER[:2]) if folder in TOGETHER else folder


def excerpts(folder: Path) -> set[str]:
    """The reports of `folder` its SOURCES.md lists as excerpts (a table cell "excerpt …":
    the part of a page a search tool stored), not full texts."""
    sources = folder / "SOURCES.md"
    found = set()
    for line in sources.read_text(encoding="utf-8").splitlines() if sources.is_file() else []:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and any(c.lower().startswith("excerpt") for c in cells[1:]):
            found.add(cells[0])
    return found


def corpus_engine(folders: list[Path], tmp: Path) -> Engine:
    """The engine over the reports of `folders`: one folder as it is, several copied into
    `tmp` (their .txt reports only: notes and question sets stay behind)."""
    from retrieval.engine import Engine

    if len(folders) == 1:
        return Engine.from_dir(folders[0], tokenizer=tokenizer())
    for folder in folders:
        for path in folder.glob("*.txt"):
            shutil.copy(path, tmp / path.name)
    return Engine.from_dir(tmp, tokenizer=tokenizer())


@functools.cache
def tokenizer() -> Tokenizer:
    """One jieba per process, shared by its engines."""
    from retrieval.tokens import Tokenizer

    return Tokenizer()


def rows(path: Path) -> list[dict[str, Any]]:
    """The questions of a set, as written (a JSON object a line)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _score(data: Path, key: str, names: list[str], alone: bool = False) -> list[SetResult]:
    """Ask every question of the sets `names`, which share the corpus `key` (with `alone`,
    each answerable one of its own report alone, its region's name taken out)."""
    from retrieval.models import Conversation

    with tempfile.TemporaryDirectory() as tmp:
        folders = [data / f for f in key.split("+")]
        engine = None if alone else corpus_engine(folders, Path(tmp))
        alone_engine = AloneEngines(folders, tokenizer())
        excerpted = {name for f in folders for name in excerpts(f)}
        results = []
        for name in names:
            result = SetResult(name, Tally())
            for asked in rows(data / name):
                item = QAItem.from_dict(asked)
                if alone and not item.answer:
                    continue
                if alone:
                    item = replace(
                        item, question=without_region(item.question, asked.get("region"))
                    )
                    answer = alone_engine(item.doc).answer(item.question, Conversation())
                else:
                    assert engine is not None
                    answer = engine.answer(item.question, Conversation())
                one = tally(item, answer.answered, hit_rank(item, answer))
                result.tally.add(one)
                result.by_type.setdefault(item.type, Tally()).add(one)
                if item.doc:  # (an unanswerable question is about no report)
                    kind = "excerpt" if item.doc in excerpted else "full text"
                    result.by_report.setdefault(kind, Tally()).add(one)
                if not is_held_out(name) and (one.hit1 + one.abstain) == 0:
                    result.misses.append(_miss(name, item, answer))
            results.append(result)
        return results


def tally(item: QAItem, answered: bool, rank: int | None) -> Tally:
    if not item.answer:
        return Tally(unanswerable=1, abstain=int(not answered))
    if not answered:
        return Tally(answerable=1, false_abstain=1)
    return Tally(answerable=1, hit1=int(rank == 1), hit3=int(rank is not None and rank <= 3))


def _miss(name: str, item: QAItem, answer: Answer) -> str:
    first = answer.citations[0].passage if answer.citations else None
    got = f"{Path(first.report).name}: {first.text[:40]}" if first else "-"
    what = "answered" if not item.answer else ("missed" if answer.answered else "refused")
    return f"{name}\t{item.id}\t{what}\t{item.question}\t{got}"


def score(data: Path, parts: str, jobs: int, alone: bool = False) -> list[SetResult]:
    """Every set of `parts`, one corpus per worker process."""
    names = question_sets(data, parts)
    by_corpus: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_corpus[corpus_key(name)].append(name)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_score, data, k, v, alone) for k, v in by_corpus.items()]
        results = [r for f in futures for r in f.result()]
    return sorted(results, key=lambda r: names.index(r.name))


def report(results: Iterable[SetResult], title: str) -> list[str]:
    """The lines printed for a part: each set, the groups, the total, each type."""
    results = list(results)
    lines = [f"== {title}: {len(results)} sets"]
    lines += [f"{r.name:<46} {r.tally.line()}" for r in results]
    for label, prefixes in GROUPS.items():
        group = Tally()
        for r in results:
            if r.name.startswith(prefixes):
                group.add(r.tally)
        if group.answerable:
            lines.append(f"{label}: {group.line()}")
    total, by_type, by_report = (
        Tally(),
        defaultdict[str, Tally](Tally),
        defaultdict[str, Tally](Tally),
    )
    for r in results:
        total.add(r.tally)
        for kind, tally in r.by_type.items():
            by_type[kind].add(tally)
        for kind, tally in r.by_report.items():
            by_report[kind].add(tally)
    lines.append(f"ALL {title}: {total.line()}")
    lines += [f"  type {kind:<14} {t.line()}" for kind, t in sorted(by_type.items())]
    lines += [f"  report {kind:<12} {t.line()}" for kind, t in sorted(by_report.items())]
    return lines


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--parts", choices=("held-out", "tuning", "both"), default="both")
    ap.add_argument("--tuning-misses", action="store_true", help="list the tuning parts' misses")
    ap.add_argument("--alone", action="store_true", help="each question of its report alone")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (one corpus each)")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args(argv)
    results = score(args.data, args.parts, max(1, args.jobs), args.alone)
    held = [r for r in results if is_held_out(r.name)]
    tuning = [r for r in results if not is_held_out(r.name)]
    mode = " (each of its own report alone, its region taken out)" if args.alone else ""
    if held:
        print("\n".join(report(held, "held-out parts" + mode)))
    if tuning:
        print("\n".join(report(tuning, "tuning parts" + mode)))
        if args.tuning_misses:
            print("\n".join(m for r in tuning for m in r.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
