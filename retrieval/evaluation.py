"""Scoring answers against a question set (the format of qa/dev.jsonl).

A citation hits when it comes from the right report and its passage text or section path
contains the expected answer, after NFKC and with white space removed; the same rule as the
reference scorer qa_eval.py, so both print the same figures for the same answers.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from .models import Answer


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(ch for ch in text if not ch.isspace())


@dataclass(frozen=True, slots=True)
class QAItem:
    id: str
    question: str
    doc: str  # report file name; empty: the reports do not answer it
    answer: str  # exact substring a correct passage contains
    type: str

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> QAItem:
        return cls(
            str(d.get("id", "")), d["question"], d.get("doc", ""), d.get("answer", ""), d["type"]
        )


@dataclass(slots=True)
class Miss:
    item: QAItem
    rank: int | None  # rank of the first hit within the top 5, if any
    got: str  # what came first instead


@dataclass(slots=True)
class EvalResult:
    answerable: int = 0
    unanswerable: int = 0
    hit1: float = 0.0
    hit3: float = 0.0
    mrr5: float = 0.0
    excerpt1: float = 0.0
    abstain: float = 1.0
    false_abstain: float = 0.0
    by_type: dict[str, tuple[int, int]] = field(default_factory=dict)  # type -> (n, ok)
    misses: list[Miss] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"hit@1={self.hit1:.3f} hit@3={self.hit3:.3f} mrr@5={self.mrr5:.3f} "
            f"excerpt@1={self.excerpt1:.3f} abstain={self.abstain:.3f} "
            f"false_abstain={self.false_abstain:.3f} "
            f"(n={self.answerable}+{self.unanswerable})"
        )


def hit_rank(item: QAItem, answer: Answer, depth: int = 5) -> int | None:
    want = norm(item.answer)
    for rank, c in enumerate(answer.citations[:depth], 1):
        shown = norm(c.passage.text) + "\n" + norm("\n".join(c.passage.section))
        if PurePath(c.passage.report).name == item.doc and want in shown:
            return rank
    return None


def evaluate(items: Sequence[QAItem], answers: Sequence[Answer]) -> EvalResult:
    """hit@1, hit@3, MRR@5, excerpt@1, abstention and false abstention, per type."""
    if len(items) != len(answers):
        raise ValueError(f"{len(answers)} answers for {len(items)} questions")
    res = EvalResult()
    n_ans = n_un = 0
    hit1 = hit3 = rr = excerpt = 0.0
    abstained_ok = false_abstain = 0
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item, answer in zip(items, answers, strict=True):
        first = answer.citations[0] if answer.citations else None
        got = f"{first.passage.report}:{norm(first.excerpt)[:60]}" if first else "(no citation)"
        if not item.answer:
            n_un += 1
            ok = not answer.answered
            abstained_ok += ok
            by_type[item.type][0] += 1
            by_type[item.type][1] += ok
            if not ok:
                res.misses.append(Miss(item, None, "answered: " + got))
            continue
        n_ans += 1
        false_abstain += not answer.answered
        rank = hit_rank(item, answer) if answer.answered else None
        ok1 = rank == 1
        hit1 += ok1
        hit3 += rank is not None and rank <= 3
        rr += 1.0 / rank if rank else 0.0
        if ok1 and first is not None and norm(item.answer) in norm(first.excerpt):
            excerpt += 1
        by_type[item.type][0] += 1
        by_type[item.type][1] += ok1
        if not ok1:
            res.misses.append(Miss(item, rank, got if answer.answered else "abstained"))
    res.answerable, res.unanswerable = n_ans, n_un
    if n_ans:
        res.hit1, res.hit3, res.mrr5 = hit1 / n_ans, hit3 / n_ans, rr / n_ans
        res.excerpt1 = excerpt / n_ans
        res.false_abstain = false_abstain / n_ans
    res.abstain = abstained_ok / n_un if n_un else 1.0
    res.by_type = {t: (n, k) for t, (n, k) in sorted(by_type.items())}
    return res
