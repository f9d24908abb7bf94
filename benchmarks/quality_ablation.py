"""Measure what each answer-quality mechanism adds: run the question sets with mechanisms
switched on one after another, and print one table (the README's before/after table).

Each step is an engine built with its own EngineConfig (retrieval/config.py); nothing is
patched. The index is built once and shared, since no step changes what is indexed.

With --parts tuning (or held-out): every tuning (held-out) part of tests/data instead
(benchmarks/question_sets.py), each asked of its own folder's reports, summed into one row per
step (hit@1 / hit@3 / false abstention / abstention, counts in brackets): aggregates only.

usage: python benchmarks/quality_ablation.py [--corpus DIR] [QA.jsonl ...]
       python benchmarks/quality_ablation.py --parts tuning|held-out [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.config import EngineConfig, QueryWeights, RerankWeights  # noqa: E402
from retrieval.engine import Engine  # noqa: E402
from retrieval.evaluation import QAItem, evaluate, hit_rank  # noqa: E402
from retrieval.models import Conversation  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
import question_sets  # noqa: E402

SETS = [ROOT / "tests" / "data" / "qa.jsonl", ROOT.parent / "shared" / "qa" / "dev.jsonl"]
NO_RERANK = RerankWeights(proximity=0, coverage=0, number=0, definition=0, section=0, year=0)
FLAT = QueryWeights(generic=1.0, unit=1.0, single_char=1.0, thesaurus=False)

STEPS = [
    ("BM25, text + headings + region; year/figure checks",
     EngineConfig(min_coverage=0.0, query=FLAT, rerank=NO_RERANK, ordinal_bonus=0.0)),
    ("+ abstain below 35% concept coverage",
     EngineConfig(query=FLAT, rerank=NO_RERANK, ordinal_bonus=0.0)),
    ("+ generic words and lone characters down-weighted",
     EngineConfig(query=QueryWeights(thesaurus=False), rerank=NO_RERANK, ordinal_bonus=0.0)),
    ("+ thesaurus (colloquial -> report wording)",
     EngineConfig(rerank=NO_RERANK, ordinal_bonus=0.0)),
    ("+ re-rank: proximity, coverage, type, year", EngineConfig(ordinal_bonus=0.0)),
    ("+ numbered headings (第二部分, 第一项)", EngineConfig()),
]  # fmt: skip


def run(engine: Engine, items: list[QAItem]) -> str:
    r = evaluate(items, [engine.answer(i.question, Conversation()) for i in items])
    return f"{r.hit1:.3f} {r.hit3:.3f} {r.excerpt1:.3f} {r.abstain:.2f} {r.false_abstain:.3f}"


def steps_over(data: Path, key: str, names: list[str]) -> list[question_sets.Tally]:
    """Each step's tally over the sets `names` of the corpus `key` under `data`."""
    with tempfile.TemporaryDirectory() as tmp:
        base = question_sets.corpus_engine([data / f for f in key.split("+")], Path(tmp))
        items = [QAItem.from_dict(row) for name in names for row in question_sets.rows(data / name)]
        tallies = []
        for _, config in STEPS:
            engine = Engine(
                list(base.reports.values()), base.passages, base.index, base.tokenizer,
                replace(config), base.warnings,
            )  # fmt: skip
            step = question_sets.Tally()
            for item in items:
                answer = engine.answer(item.question, Conversation())
                step.add(question_sets.tally(item, answer.answered, hit_rank(item, answer)))
            tallies.append(step)
        return tallies


def over_parts(parts: str, jobs: int) -> int:
    """The steps over every tuning (or held-out) part of tests/data, summed."""
    by_corpus: dict[str, list[str]] = {}
    for name in question_sets.question_sets(question_sets.DATA, parts):
        by_corpus.setdefault(question_sets.corpus_key(name), []).append(name)
    totals = [question_sets.Tally() for _ in STEPS]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        data = [question_sets.DATA] * len(by_corpus)
        for tallies in pool.map(steps_over, data, by_corpus, by_corpus.values()):
            for total, one in zip(totals, tallies, strict=True):
                total.add(one)
    n = len(by_corpus)
    print(f"| mechanism | all {parts} parts ({n} corpora): answerable / unanswerable, hit@1, "
          "hit@3, false abstention, abstention (counts) |")  # fmt: skip
    print("| --- | --- |")
    for (label, _), total in zip(STEPS, totals, strict=True):
        print(f"| {label} | {total.line()} |")
    return 0


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    ap.add_argument("--parts", choices=("tuning", "held-out"), help="every such part of tests/data")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("sets", nargs="*", type=Path)
    args = ap.parse_args(argv)
    if args.parts and (args.sets or "--corpus" in argv):
        ap.error("--parts runs the sets of tests/data over their own folders: no sets, no --corpus")
    if args.parts:
        return over_parts(args.parts, max(1, args.jobs))
    paths = args.sets or [p for p in SETS if p.exists()]
    sets = [[QAItem.from_dict(json.loads(ln)) for ln in p.open() if ln.strip()] for p in paths]
    base = Engine.from_dir(args.corpus)
    names = " | ".join(p.name for p in paths)
    print(f"| mechanism | {names} (hit@1 hit@3 excerpt@1 abstain false_abstain) |")
    print("| --- | " + " | ".join("---" for _ in paths) + " |")
    for label, config in STEPS:
        engine = Engine(
            list(base.reports.values()), base.passages, base.index, base.tokenizer,
            replace(config), base.warnings,
        )  # fmt: skip
        print(f"| {label} | " + " | ".join(run(engine, items) for items in sets) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
