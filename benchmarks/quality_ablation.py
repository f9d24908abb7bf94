"""Measure what each answer-quality mechanism adds: run the question sets with mechanisms
switched on one after another, and print one table (the README's before/after table).

usage: python benchmarks/quality_ablation.py [QA.jsonl ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import retrieval.engine as engine_mod  # noqa: E402
import retrieval.query as query_mod  # noqa: E402
import retrieval.rerank as rerank_mod  # noqa: E402
from retrieval.engine import Engine, EngineConfig  # noqa: E402
from retrieval.evaluation import QAItem, evaluate  # noqa: E402
from retrieval.models import Conversation  # noqa: E402
from retrieval.query import QueryBuilder  # noqa: E402
from retrieval.rerank import RerankWeights  # noqa: E402

SETS = [ROOT / "tests" / "data" / "qa.jsonl", ROOT.parent / "shared" / "qa" / "dev.jsonl"]
NO_RERANK = RerankWeights(proximity=0, coverage=0, number=0, definition=0, section=0, year=0)


def run(engine: Engine, items: list[QAItem]) -> str:
    r = evaluate(items, [engine.answer(i.question, Conversation()) for i in items])
    return f"{r.hit1:.3f} {r.hit3:.3f} {r.excerpt1:.3f} {r.abstain:.2f} {r.false_abstain:.3f}"


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [p for p in SETS if p.exists()]
    sets = [[QAItem.from_dict(json.loads(ln)) for ln in p.open() if ln.strip()] for p in paths]
    engine = Engine.from_dir(ROOT / "seeds")
    full_rerank = rerank_mod.rerank
    saved = (query_mod.GENERIC_WEIGHT, query_mod.SINGLE_CHAR_WEIGHT, engine_mod.ORDINAL_BONUS)

    def configure(thesaurus: bool, discounts: bool, rerank: RerankWeights | None,
                  ordinal: bool, abstain: float) -> None:  # fmt: skip
        engine.queries = QueryBuilder(
            engine.tokenizer, None if thesaurus else {}, known=engine.queries.known
        )
        query_mod.GENERIC_WEIGHT = saved[0] if discounts else 1.0
        query_mod.SINGLE_CHAR_WEIGHT = saved[1] if discounts else 1.0
        params = rerank or NO_RERANK
        engine_mod.rerank = lambda *a, **k: full_rerank(*a, **{**k, "params": params})
        engine_mod.ORDINAL_BONUS = saved[2] if ordinal else 0.0
        engine.config = EngineConfig(min_coverage=abstain)

    steps = [
        ("BM25, text + headings + region; year/figure checks", (False, False, None, False, 0.0)),
        ("+ abstain below 35% concept coverage", (False, False, None, False, 0.35)),
        ("+ generic words and lone characters down-weighted", (False, True, None, False, 0.35)),
        ("+ thesaurus (colloquial -> report wording)", (True, True, None, False, 0.35)),
        ("+ re-rank: proximity, coverage, type, year", (True, True, RerankWeights(), False, 0.35)),
        ("+ numbered headings (第二部分, 第一项)", (True, True, RerankWeights(), True, 0.35)),
    ]  # fmt: skip
    names = " | ".join(p.name for p in paths)
    print(f"| mechanism | {names} (hit@1 hit@3 excerpt@1 abstain false_abstain) |")
    print("| --- | " + " | ".join("---" for _ in paths) + " |")
    for label, cfg in steps:
        configure(*cfg)
        print(f"| {label} | " + " | ".join(run(engine, items) for items in sets) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
