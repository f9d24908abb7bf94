"""Answers as JSON: the stable machine-readable form of `govqa ask --json` (and of the web API)."""

from __future__ import annotations

from collections.abc import Iterable

from retrieval.models import Answer, Citation, Passage, Report

from .render import message


def empty_json(question: str) -> dict[str, object]:
    """The `ask --json` object of a line that could not be asked at all."""
    notice = {"fallback_from": None, "only_region": None, "suggestion": None, "year": None}
    return {"question": question, "answered": False, "message": None, "notice": notice,
            "comparison": None, "index_version": None, "citations": []}  # fmt: skip


def _pages(passage: Passage) -> list[int] | None:
    """[first, last] when a passage runs over a page break, else None."""
    pages = passage.pages
    return list(pages) if pages and pages[0] != pages[1] else None


def answer_json(answer: Answer, reports: Iterable[Report]) -> dict[str, object]:
    """The stable machine-readable form of `govqa ask --json`."""
    return {
        "question": answer.question,
        "answered": answer.answered,
        "message": message(answer, reports),
        "notice": {
            "fallback_from": answer.fallback,
            "only_region": answer.only_region,
            "suggestion": answer.suggestion,
            "year": answer.year,
        },
        "comparison": comparison_json(answer),
        "index_version": answer.index_version or None,  # cite it to reproduce these citations
        "citations": [
            {
                "rank": n,
                "source": c.passage.report,
                "region": c.report.meta.region,
                "title": c.report.meta.title,
                "section": list(c.passage.section),
                "paragraph": c.passage.paragraph,
                "page": c.passage.page,  # PDF page where the passage starts; None otherwise
                "pages": _pages(c.passage),
                "passage_id": c.passage.id,
                "excerpt": c.excerpt,
                "highlights": [list(span) for span in c.highlights],
                "text": c.passage.text,
                "score": round(c.score, 4),
                "reference": c.reference,
                "source_url": c.report.meta.source_url,
                "published": c.report.meta.published,
                "appendix": appendix_json(c),
            }
            for n, c in enumerate(answer.citations, answer.offset + 1)
        ],
    }


def appendix_json(c: Citation) -> dict[str, object] | None:
    """The appendix a "(见附件N)" in the excerpt refers to."""
    if c.appendix is None:
        return None
    p = c.appendix
    return {"section": list(p.section), "paragraph": p.paragraph, "passage_id": p.id,
            "text": p.text}  # fmt: skip


def comparison_json(answer: Answer) -> dict[str, object] | None:
    """A comparison's rows, every report (rank None: 未找到), and the leader if any."""
    if not answer.rows:
        return None
    rows = []
    ranks = {id(c): n for n, c in enumerate(answer.citations, 1)}
    for row in answer.rows:
        f = row.figure
        figure = None
        if f is not None:
            figure = {"indicator": f.indicator, "value": f.value, "unit": f.unit,
                      "year": f.year, "text": f.text}  # fmt: skip
        rows.append(
            {
                "source": row.report.name,
                "region": row.report.meta.region,
                "found": row.citation is not None,
                "rank": ranks.get(id(row.citation)) if row.citation is not None else None,
                "figure": figure,
            }
        )
    leader = answer.leader
    return {
        "across": answer.across,
        "rows": rows,
        "leader": leader.report.name if leader is not None else None,
        "leader_is_lowest": answer.leader_is_lowest,
        "not_compared": answer.not_compared,
    }
