"""Checks of what a web request asks: the question, the report, the answer's own refusals."""

from __future__ import annotations

import re

from retrieval.engine import MAX_QUESTION_CHARS, Engine
from retrieval.models import Answer, AnswerStatus

from . import render
from .web_errors import ApiError

_MARKUP = re.compile(r"<[A-Za-z!/?]")  # the start of an HTML tag, comment or directive


def check_question(question: object) -> str:
    """The question of a request, stripped; refused when missing, not text, or markup."""
    if question is None:
        raise ApiError(400, "empty_question", render.HINT)
    if not isinstance(question, str):
        raise ApiError(400, "bad_question", "question 应为字符串。")
    text = question.strip()
    if not text:
        raise ApiError(400, "empty_question", render.HINT)
    if _MARKUP.search(text[: 4 * MAX_QUESTION_CHARS]):
        raise ApiError(400, "markup", "问题中不能含有 HTML 标记，请只输入文字。")
    return text


def check_report(engine: Engine, report: object) -> str | None:
    """A report restriction: its id (path in the corpus folder) or anything find_report
    takes (region, title); None for no restriction."""
    if report is None or report == "":
        return None
    if not isinstance(report, str) or len(report) > 1000:
        raise ApiError(400, "bad_report", "report 应为报告 id（见 /api/v1/reports）。")
    if report in engine.reports:
        return report
    return engine.find_report(report).name  # UnknownReport: 404


def refuse(answer: Answer, engine: Engine) -> None:
    """An answer that is a refusal of the question itself is a 400."""
    if answer.status is AnswerStatus.TOO_LONG or (
        answer.status is AnswerStatus.EMPTY_QUESTION and not answer.scope
    ):
        message = render.message(answer, engine.reports.values()) or render.HINT
        raise ApiError(400, answer.status.value, message)
