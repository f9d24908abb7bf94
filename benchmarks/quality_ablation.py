"""Measure what each answer-quality mechanism adds: run the question sets with mechanisms
switched on one after another, and print one table (the README's before/after table).

Each step is an engine built with its own EngineConfig (retrieval/config.py); nothing is
patched. The index is built once and shared, since no step changes what is indexed.

usage: python benchmarks/quality_ablation.py [--corpus DIR] [QA.jsonl ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.config import EngineConfig, QueryWeights, RerankWeights  # noqa: E402
from retrieval.engine import Engine  # noqa: E402
from retrieval.evaluation import QAItem, evaluate  # noqa: E402
from retrieval.models import Conversation  # noqa: E402

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


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    ap.add_argument("sets", nargs="*", type=Path)
    args = ap.parse_args(argv)
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
