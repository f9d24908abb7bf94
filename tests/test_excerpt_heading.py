"""An excerpt whose best sentence is the passage's own heading said again keeps the sentence
after it (retrieval/excerpt.py): the citation shows the heading already."""

from __future__ import annotations

from pathlib import Path

from retrieval.excerpt import choose_excerpt
from retrieval.tokens import Tokenizer

from .conftest import one_report

HEADING = "全力办好首届中国—亚欧博览会"
TEXT = (
    HEADING + "。亚欧博览会是推动合作的重要渠道。加快组建相关机构，制订具体工作计划。"
    "努力把博览会办成精彩的盛会。"
)


def test_a_heading_said_again_is_followed_by_the_next_sentence() -> None:
    fold = Tokenizer().fold
    weights = {"亚欧博览会": 3.0, "全力": 1.0}
    alone = choose_excerpt(TEXT, fold, weights)
    assert alone == HEADING + "。"  # the heading's sentence alone, with nothing said of it
    kept = choose_excerpt(TEXT, fold, weights, heading=HEADING)
    assert kept == HEADING + "。亚欧博览会是推动合作的重要渠道。"
    # another first sentence, or none of it the heading: as before
    assert choose_excerpt(TEXT, fold, weights, heading="（一）扩大开放") == alone


def test_the_engine_passes_the_heading(tmp_path: Path) -> None:
    plan = f"（一）扩大开放\n{HEADING}\n{TEXT}"
    engine = one_report(tmp_path, 2011, "（一）开放\n外贸增长20%。", plan)
    top = engine.answer("2011年要办一个什么博览会？").citations[0]
    assert top.passage.section[-1] == HEADING, top.passage.section
    assert top.excerpt.startswith(HEADING + "。亚欧博览会是")
