"""The JSON the web API returns for reports, passages and answers."""

from __future__ import annotations

from retrieval.engine import Engine
from retrieval.models import Answer, Passage, Report

from . import render_json


def page_answer_json(answer: Answer, engine: Engine) -> dict[str, object]:
    """render_json.answer_json plus what the page needs: status, matched words, page."""
    obj = render_json.answer_json(answer, engine.reports.values())
    obj["status"] = answer.status.value
    citations = obj["citations"]
    assert isinstance(citations, list)
    for item, c in zip(citations, answer.citations, strict=True):
        item.setdefault("matched", list(c.matched))
        item.setdefault("page", getattr(c.passage, "page", None))
    return obj


def report_json(report: Report, passages: int) -> dict[str, object]:
    m = report.meta
    return {
        "id": report.name,
        "region": m.region,
        "parent": m.parent,
        "province": m.province,
        "level": m.level,
        "plan_year": m.plan_year,
        "title": m.title,
        "document_title": report.document_title,
        "date": m.date,
        "speaker": m.speaker,
        "office": m.office,
        "passages": passages,
        "source_url": m.source_url,
        "published": m.published,
    }


def passage_json(p: Passage) -> dict[str, object]:
    return {
        "id": p.id,
        "source": p.report,
        "section": list(p.section),
        "paragraph": p.paragraph,
        "page": getattr(p, "page", None),
        "text": p.text,
    }
