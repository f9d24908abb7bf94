"""A corpus that changes while serving: reports added, removed, rewritten, without a restart."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from retrieval.engine import Engine
from retrieval.live import LiveEngine, folder_signature
from retrieval.models import AnswerStatus

from .conftest import SEEDS

LIAOYUAN = "002_853f39a04c100108.txt"
SAIHAN = "003_1252a86347db7bf3.txt"


def live(folder: Path, cache: Path, interval: float | None = 0.0) -> LiveEngine:
    return LiveEngine(lambda: Engine.from_dir(folder, cache_dir=cache), folder, interval)


def test_added_removed_and_rewritten_reports_are_served_without_restart(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / SAIHAN, corpus / SAIHAN)
    served = live(corpus, tmp_path / "cache")
    assert served.engine.answer("辽源市粮食产量").status is AnswerStatus.UNKNOWN_REGION

    shutil.copy(SEEDS / LIAOYUAN, corpus / LIAOYUAN)  # added
    answer = served.reload().answer("辽源市过去五年粮食产量怎么样")
    assert answer.answered and answer.citations[0].passage.report == LIAOYUAN

    text = (corpus / LIAOYUAN).read_text(encoding="utf-8")
    (corpus / LIAOYUAN).write_text(
        text.replace("粮食产量创历史最好水平", "粮食产量再创历史新高"), encoding="utf-8"
    )
    answer = served.reload().answer("辽源市过去五年粮食产量怎么样")  # rewritten
    assert "粮食产量再创历史新高" in answer.citations[0].passage.text

    (corpus / LIAOYUAN).unlink()  # removed: never cited again
    answer = served.reload().answer("辽源市过去五年粮食产量怎么样")
    assert all(c.passage.report != LIAOYUAN for c in answer.citations)


def test_the_old_engine_answers_until_the_new_one_is_ready(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / SAIHAN, corpus / SAIHAN)
    served = live(corpus, tmp_path / "cache")
    before = served.engine
    shutil.copy(SEEDS / LIAOYUAN, corpus / LIAOYUAN)
    during = served.engine  # starts the build, answers from the old engine meanwhile
    assert during is before and during.answer("赛罕区老旧小区改造").answered
    deadline = time.monotonic() + 60
    while served.engine is before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert LIAOYUAN in served.engine.reports


def test_a_folder_emptied_keeps_serving_the_last_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / SAIHAN, corpus / SAIHAN)
    served = live(corpus, tmp_path / "cache")
    (corpus / SAIHAN).unlink()
    engine = served.reload()
    assert SAIHAN in engine.reports and served.last_error is not None


def test_the_folder_is_looked_at_only_every_interval(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / SAIHAN, corpus / SAIHAN)
    served = live(corpus, tmp_path / "cache", interval=3600)
    before = served.engine
    shutil.copy(SEEDS / LIAOYUAN, corpus / LIAOYUAN)
    assert served.engine is before  # not looked at again within the hour
    assert folder_signature(corpus) != folder_signature(tmp_path)


def test_the_repl_reloads_on_request_and_by_itself(tmp_path: Path) -> None:
    from bot.repl import Repl

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / SAIHAN, corpus / SAIHAN)
    repl = Repl(live(corpus, tmp_path / "cache", interval=None))
    shutil.copy(SEEDS / LIAOYUAN, corpus / LIAOYUAN)
    assert repl.handle(":reload") == "已重新载入：2 份报告。"
    assert "辽源市" in (repl.handle("辽源市过去五年粮食产量怎么样") or "")
    fixed = Repl(Engine.from_dir(corpus, cache_dir=tmp_path / "cache"))
    assert fixed.handle(":reload") == "本会话的报告是固定的，无需重新载入。"
