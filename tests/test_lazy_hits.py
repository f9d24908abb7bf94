"""A ranking's hits after the first page are judged only when asked for (retrieval/lazy_hits.py):
the same hits in the same order as judging them all with the answer, pages and `has_more` alike,
and a newer engine settles what an older one left open."""

from __future__ import annotations

import gc
import shutil
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

import retrieval.abstention as abstention
from retrieval.engine import Engine
from retrieval.lazy_hits import Hits, OpenRankings
from retrieval.live import LiveEngine
from retrieval.models import AnswerStatus, Conversation

from .conftest import SEEDS

QUESTIONS = [
    "辽源市吸引了多少域外投资？",
    "赛罕区老旧小区改造",
    "辽源市过去五年粮食产量怎么样",
    "今年的主要预期目标有哪些",
    "生态环境保护做了哪些工作",
]


def _counted(drawn: list[int], n: int) -> Iterator[tuple[int, float]]:
    for i in range(n):
        drawn.append(i)
        yield i, float(n - i)


def test_hits_are_drawn_only_as_far_as_asked() -> None:
    drawn: list[int] = []
    hits = Hits(_counted(drawn, 10))
    assert hits[:3] == [(0, 10.0), (1, 9.0), (2, 8.0)] and drawn == [0, 1, 2]
    assert hits.has(3) and drawn == [0, 1, 2, 3]
    assert hits[1] == (1, 9.0) and len(drawn) == 4
    assert not hits.has(10) and len(drawn) == 10
    assert len(hits) == 10 and hits[-1] == (9, 1.0) and list(hits)[4] == (4, 6.0)
    assert hits[8:20] == [(8, 2.0), (9, 1.0)] and hits[20:30] == []


def test_open_rankings_are_closed_and_later_ones_drawn_at_once() -> None:
    rankings, drawn, later = OpenRankings(), [], []
    first = rankings.hits(_counted(drawn, 5))
    assert first.has(1) and drawn == [0, 1]
    rankings.close()
    assert len(first) == 2 and drawn == [0, 1]  # no more drawn
    rankings.hits(_counted(later, 3))  # made after closing: drawn now
    assert later == [0, 1, 2]


def test_a_hit_that_cannot_be_judged_ends_its_ranking() -> None:
    def failing() -> Iterator[tuple[int, float]]:
        yield (0, 2.0)
        yield (1, 1.0)
        raise ValueError("judging failed")

    hits = Hits(failing())
    assert bool(hits) and not hits.has(7)  # logged, not raised
    assert len(hits) == 2 and hits[:5] == [(0, 2.0), (1, 1.0)]


def _pages(engine: Engine, question: str) -> list[tuple[str, tuple[str, ...], bool]]:
    """Every page of a question and its follow-ups: status, passages cited, has_more."""
    conv = Conversation()
    answer = engine.answer(question, conv)
    pages = []
    while True:
        cited = tuple(f"{c.passage.id} {c.excerpt}" for c in answer.citations)
        pages.append((answer.status.name, cited, conv.has_more))
        if answer.status is not AnswerStatus.ANSWERED or not conv.has_more:
            return pages
        answer = engine.more(conv)


def test_pages_and_has_more_are_those_of_hits_judged_with_the_answer(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hits judged when a page or has_more asks for them are those judged all at once
    with the answer (an engine whose rankings are settled draws each at once), and the answer
    judges fewer of them than there are."""
    judged: list[str] = []
    real = abstention.share

    def counted(text: str, *args: object, **kwargs: object) -> float:
        judged.append(text)
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(abstention, "share", counted)
    lazy = [_pages(engine, q) for q in QUESTIONS]
    eager_rankings = OpenRankings()
    eager_rankings.close()
    monkeypatch.setattr(engine, "rankings", eager_rankings)
    assert [_pages(engine, q) for q in QUESTIONS] == lazy
    assert any(len(p) > 1 for p in lazy)  # some page on

    monkeypatch.setattr(engine, "rankings", OpenRankings())
    conv = Conversation()
    judged.clear()
    engine.answer("生态环境保护做了哪些工作", conv)
    with_answer = len(judged)
    assert conv.ranking is not None
    total = len(conv.ranking.hits)  # every hit judged now
    assert with_answer < len(judged) and total >= engine.config.top_k


def test_a_newer_engine_closes_the_rankings_the_older_left_open(tmp_path: Path) -> None:
    """After a reload, a follow-up on an older answer is refused (its passage numbers are
    the older index's: citing them from the newer one would quote other passages), and the
    conversation no longer keeps the older engine alive."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / "003_1252a86347db7bf3.txt", corpus)
    served = LiveEngine(lambda: Engine.from_dir(corpus, cache_dir=tmp_path / "c"), corpus, None)
    old = served.engine
    conv = Conversation()
    assert old.answer("赛罕区老旧小区改造", conv).answered
    assert conv.ranking is not None and isinstance(conv.ranking.hits, Hits)
    assert conv.ranking.hits._rest is not None  # open: it holds what judges its hits
    shutil.copy(SEEDS / "002_853f39a04c100108.txt", corpus)
    assert served.reload() is not old
    assert conv.ranking.hits._rest is None  # closed: nothing of `old` kept
    assert served.engine.more(conv).status is AnswerStatus.NO_MORE and conv.ranking is None
    gone = weakref.ref(old)
    del old
    gc.collect()
    assert gone() is None  # the conversation no longer keeps the older engine alive
