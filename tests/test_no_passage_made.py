"""An answer's hits are judged from the passage table's columns, no Passage made for each:
the same results as from the Passages (retrieval/citing.py, retrieval/rerank.py)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from retrieval.citing import Citer
from retrieval.engine import Engine
from retrieval.models import Passage
from retrieval.query_types import Concept, Query
from retrieval.rerank import rerank


@pytest.fixture
def counted(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The passages the engine's table makes Passages of, from now on."""
    made: list[int] = []
    table = engine.passages
    recent = table._recent
    monkeypatch.setattr(table, "_recent", lambda i: made.append(i) or recent(i))
    return made


def test_one_per_paragraph_reads_the_columns(engine: Engine, counted: list[int]) -> None:
    table = engine.passages
    hits = [(i, 1.0 / (i + 1)) for i in range(len(table))]
    query = engine.queries.build("地区生产总值增长多少", ())
    assert not query.wants_section
    got = engine._citer.one_per_paragraph(query, hits)
    assert not counted  # no Passage made
    as_passages = list(table)
    citer = Citer(as_passages, engine.reports, engine.tokenizer.fold,
                  engine._folded.__getitem__, engine._term_weight)  # fmt: skip
    assert got == citer.one_per_paragraph(query, hits)
    assert len(got) < len(hits)  # two parts of a paragraph are one citation


def _no_passage(i: int) -> Passage:
    raise AssertionError("glossary and section are read from the columns given")


def test_rerank_reads_glossary_and_section_from_the_columns(engine: Engine) -> None:
    table = engine.passages
    query = Query(
        text="政府工作报告是什么意思",
        weights={"政府": 1.0, "工作": 1.0},
        concepts=(Concept(("政府",)), Concept(("工作",))),
        words=("政府", "工作"),
    )
    candidates = [(i, 1.0) for i in range(min(len(table), 300))]
    folded = engine._folded.__getitem__
    for asked in (replace(query, wants_definition=True), replace(query, wants_section=True)):
        want = rerank(candidates, table.__getitem__, folded, asked, [1.0, 1.0])
        got = rerank(candidates, _no_passage, folded, asked, [1.0, 1.0],
                     glossary=lambda i: bool(table.glossary[i]), section=table.section)  # fmt: skip
        assert got == want


def test_definition_first_reads_glossary_and_section_from_the_columns(engine: Engine) -> None:
    from retrieval.definitions import definition_first
    from retrieval.glossary import glossary_term

    table = engine.passages
    entries = [int(i) for i in np.flatnonzero(table.glossary)]
    assert entries  # the seeds have glossary entries (名词解释)
    ranked = [(i, 1.0) for i in [*range(40), *entries[:40]]]
    folded, fold = engine._folded.__getitem__, engine.tokenizer.fold
    terms = [glossary_term(folded(i)) or "" for i in entries[:3]]  # terms they explain
    for quoted in (True, False):
        for asked in (terms, ["三农"]):
            want = definition_first(ranked, asked, quoted, table.__getitem__, folded, fold,
                                    lambda i: True)  # fmt: skip
            got = definition_first(ranked, asked, quoted, _no_passage, folded, fold,
                                   lambda i: True, lambda i: bool(table.glossary[i]),
                                   table.section)  # fmt: skip
            assert got == want
