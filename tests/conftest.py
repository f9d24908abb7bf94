"""Shared fixtures: the real engine (real jieba, real BM25Okapi) over the bundled seeds."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from retrieval.engine import Engine
from retrieval.models import Citation

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
DEV_SET = SHARED / "qa" / "dev.jsonl"
OWN_SET = ROOT / "tests" / "data" / "qa.jsonl"


@pytest.fixture(autouse=True)
def hermetic(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the user's settings or writes into their home.

    HOME is a fresh folder (so ~/.cache/govqa lands there), every GOVQA_ variable is unset and the
    working directory holds no .env. Tests that need settings pass them explicitly.
    """
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    for key in [k for k in os.environ if k.startswith("GOVQA_")]:
        monkeypatch.delenv(key)
    monkeypatch.chdir(home)


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.from_dir(SEEDS)


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def first_cited(engine: Engine, question: str) -> str:
    """The text of the passage `engine` cites first for `question`, which it must answer."""
    return first_citation(engine, question).passage.text


def first_citation(engine: Engine, question: str) -> Citation:
    """The citation `engine` gives first for `question`, which it must answer."""
    answer = engine.answer(question)
    assert answer.answered and answer.citations, (question, answer.status)
    return answer.citations[0]


def data_engine(folder: Path, engine: Engine, *names: str) -> Engine:
    """An engine over reports of tests/data (`names`: paths under it) copied into `folder`,
    with the session engine's tokenizer (jieba loaded once)."""
    for name in names:
        shutil.copy(ROOT / "tests" / "data" / name, folder)
    return Engine.from_dir(folder, tokenizer=engine.tokenizer)


def set_engine(folder: Path, engine: Engine, name: str) -> Engine:
    """An engine over every report of the set tests/data/`name` (copied into `folder`)."""
    reports = sorted((ROOT / "tests" / "data" / name).glob("*.txt"))
    return data_engine(folder, engine, *(f"{name}/{p.name}" for p in reports))


def cited_section(folder: Path, engine: Engine, name: str, question: str) -> tuple[str, ...]:
    """The section path of the passage cited first for `question` over the one report of
    tests/data `name` (copied into `folder`), which must be answered."""
    return first_citation(data_engine(folder, engine, name), question).passage.section


def one_report(folder: Path, year: int, review: str, plan: str) -> Engine:
    """An engine over one made-up report of `year`: a header, its review of the year before
    (`review`) and its plan (`plan`, lines of headings and paragraphs)."""
    (folder / "a.txt").write_text(
        f"{year}年某省政府工作报告\n各位代表：\n一、{year - 1}年工作回顾\n{review}\n"
        f"二、{year}年工作安排\n{plan}\n",
        encoding="utf-8",
    )
    return Engine.from_dir(folder)
