"""Shared fixtures: the real engine (real jieba, real BM25Okapi) over the bundled seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
DEV_SET = SHARED / "qa" / "dev.jsonl"
OWN_SET = ROOT / "tests" / "data" / "qa.jsonl"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.from_dir(SEEDS)


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
