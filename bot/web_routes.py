"""The web API's routes (WebApp), over one engine; every call into the core runs off the event
loop."""

from __future__ import annotations

import html
import json
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from retrieval.engine import MAX_QUESTION_CHARS, Engine
from retrieval.errors import UnknownReport
from retrieval.live import LiveEngine
from retrieval.models import Answer, Conversation, Passage

from . import render
from .settings import Settings
from .web_checks import check_question, check_report, refuse
from .web_errors import ApiError
from .web_guard import (
    BadToken,
    ConversationState,
    ConversationTokens,
    RateLimiter,
    client_address,
    parse_networks,
)
from .web_json import page_answer_json, passage_json, report_json
from .web_openapi import openapi_spec
from .web_slot import EngineSlot

log = logging.getLogger("govqa.web")
question_log = logging.getLogger("govqa.web.questions")

STATIC = Path(__file__).resolve().parent / "static"
MAX_TOP_K = 20
MAX_RADIUS = 5
MAX_TOKEN = 8192  # characters of a conversation token (a 500-character question fits)


class WebApp:
    """The routes, over one engine; every call into the core runs off the event loop."""

    def __init__(
        self, engine: Engine | Callable[[], Engine | LiveEngine], settings: Settings
    ) -> None:
        self.slot = EngineSlot(engine)
        self.settings = settings
        secret = settings.web_secret.get_secret_value()
        if not secret:
            secret = secrets.token_urlsafe(32)
            log.warning("GOVQA_WEB_SECRET 未设置：使用临时密钥，重启后对话令牌失效。")
        self.tokens = ConversationTokens(secret.encode(), settings.web_conversation_ttl)
        self.limiter = RateLimiter(settings.web_rate_limit) if settings.web_rate_limit else None
        self.trusted = parse_networks(settings.web_trusted_proxies)
        self.page = (STATIC / "index.html").read_text(encoding="utf-8")

    # -- plumbing -------------------------------------------------------------------------

    def guard(self, request: Request) -> Engine:
        """Rate limit per client, then the engine (503 while it loads)."""
        if self.limiter is not None:
            peer = request.client.host if request.client else None
            client = client_address(peer, request.headers.get("x-forwarded-for"), self.trusted)
            wait = self.limiter.check(client)
            if wait:
                message = f"请求过于频繁，请{wait}秒后再试。"
                raise ApiError(429, "rate_limited", message, {"Retry-After": str(wait)})
        return self.slot.get()

    async def read_json(self, request: Request) -> dict[str, Any]:
        """The request body as a JSON object, at most web_max_body bytes."""
        limit = self.settings.web_max_body
        too_big = ApiError(413, "too_large", f"请求体过大，上限为{limit}字节。")
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            raise too_big
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise too_big
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ApiError(400, "bad_json", "请求体不是有效的 JSON（UTF-8）。") from None
        if not isinstance(data, dict):
            raise ApiError(400, "bad_json", '请求体应为 JSON 对象，例如 {"question": "…"}。')
        return data

    # -- pages ----------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        """The single page; a question in the URL (/?q=…) is filled in and asked at once."""
        q = request.query_params.get("q", "")[: 4 * MAX_QUESTION_CHARS]
        page = self.page.replace("{{q}}", html.escape(q, quote=True))
        page = page.replace("{{hint}}", html.escape(render.EXAMPLES[0], quote=True))
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    async def health(self, request: Request) -> Response:
        engine = self.slot.engine
        if engine is None:
            self.slot.start()
            status = "failed" if self.slot.failure else "loading"
            return JSONResponse({"status": status}, 503, headers={"Retry-After": "5"})
        return JSONResponse(
            {"status": "ok", "reports": len(engine.reports), "passages": len(engine.passages)}
        )

    async def openapi(self, request: Request) -> Response:
        return JSONResponse(openapi_spec())

    # -- the API --------------------------------------------------------------------------

    async def ask_get(self, request: Request) -> Response:
        engine = self.guard(request)
        params = request.query_params
        top_k = params.get("top_k")
        if top_k is not None:
            try:
                top_k_value: object = int(top_k)
            except ValueError:
                top_k_value = top_k
        else:
            top_k_value = None
        return await self._ask(
            engine, params.get("q"), params.get("report"), top_k_value, params.get("conversation")
        )

    async def ask_post(self, request: Request) -> Response:
        engine = self.guard(request)
        body = await self.read_json(request)
        return await self._ask(
            engine,
            body.get("question"),
            body.get("report"),
            body.get("top_k"),
            body.get("conversation"),
        )

    async def _ask(
        self, engine: Engine, question: object, report: object, top_k: object, token: object
    ) -> Response:
        text = check_question(question)
        scope = check_report(engine, report)
        if top_k is not None and (
            not isinstance(top_k, int) or isinstance(top_k, bool) or not 1 <= top_k <= MAX_TOP_K
        ):
            raise ApiError(400, "bad_top_k", f"top_k 应为 1 到 {MAX_TOP_K} 之间的整数。")
        if token is not None and (not isinstance(token, str) or len(token) > MAX_TOKEN):
            raise ApiError(400, "bad_conversation", "conversation 应为上次回答给出的字符串。")
        state = self._state(token) if token else None
        obj = await run_in_threadpool(self._answer, engine, text, scope, top_k, state)
        if self.settings.web_log_questions:
            question_log.info(
                "%s",
                json.dumps(
                    {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "question": text,
                     "report": scope, "answered": obj["answered"]},
                    ensure_ascii=False,
                ),
            )  # fmt: skip
        return JSONResponse(obj)

    def _answer(
        self,
        engine: Engine,
        question: str,
        scope: str | None,
        top_k: int | None,
        state: ConversationState | None,
    ) -> dict[str, object]:
        """Rebuild the conversation from its token, answer, and issue the next token."""
        conv = Conversation(report=state.report if state else None)
        if state and state.question:
            engine.answer(state.question, conv)  # the ranking follow-ups page through
            conv.offset = state.offset
        if scope is not None and scope != conv.report:
            conv.restrict(scope)
        answer = engine.answer(question, conv)
        refuse(answer, engine)
        if top_k is not None:
            answer = _resize(engine, answer, conv, top_k)
        obj = page_answer_json(answer, engine)
        obj["has_more"] = conv.has_more
        obj["conversation"] = self.tokens.issue(
            ConversationState(conv.last_question, conv.offset, conv.report)
        )
        return obj

    async def compare(self, request: Request) -> Response:
        engine = self.guard(request)
        if request.method == "GET":
            question: object = request.query_params.get("q")
        else:
            question = (await self.read_json(request)).get("question")
        text = check_question(question)
        answer = await run_in_threadpool(engine.compare, text)
        refuse(answer, engine)
        return JSONResponse(page_answer_json(answer, engine))

    async def reports(self, request: Request) -> Response:
        engine = self.guard(request)
        counts = engine.passage_counts()
        return JSONResponse(
            {"reports": [report_json(r, counts.get(r.name, 0)) for r in engine.reports.values()]}
        )

    async def outline(self, request: Request) -> Response:
        engine = self.guard(request)
        name = request.path_params["report_id"]
        report = engine.reports.get(name)
        if report is None:
            raise UnknownReport(name)
        entries = await run_in_threadpool(engine.outline, name)
        counts = engine.passage_counts()
        return JSONResponse(
            {
                "report": report_json(report, counts.get(name, 0)),
                "outline": [
                    {"section": list(e.section), "level": len(e.section), "passages": e.passages}
                    for e in entries
                ],
            }
        )

    async def passage(self, request: Request) -> Response:
        engine = self.guard(request)
        passage_id = request.path_params["passage_id"]
        radius_text = request.query_params.get("radius", "1")
        if not radius_text.isdigit() or int(radius_text) > MAX_RADIUS:
            raise ApiError(400, "bad_radius", f"radius 应为 0 到 {MAX_RADIUS} 之间的整数。")

        def find() -> tuple[Passage, list[Passage]]:
            try:
                focus = engine.passages[engine.passages.position(passage_id)]
            except KeyError:
                raise ApiError(
                    404, "unknown_passage", f"找不到段落“{render.field(passage_id)}”。"
                ) from None
            return focus, engine.context(focus, int(radius_text))

        focus, around = await run_in_threadpool(find)
        report = engine.reports[focus.report]
        return JSONResponse(
            {
                "passage": passage_json(focus),
                "report": report_json(report, engine.passage_counts().get(report.name, 0)),
                "context": [{**passage_json(p), "focus": p.id == focus.id} for p in around],
            }
        )

    def _state(self, token: str) -> ConversationState:
        try:
            return self.tokens.read(token)
        except BadToken as exc:
            why = "已过期" if exc.expired else "无效（可能是服务已重启）"
            raise ApiError(400, "bad_conversation", f"对话{why}，请重新提问。") from None


def _resize(engine: Engine, answer: Answer, conv: Conversation, top_k: int) -> Answer:
    """The answer with top_k citations instead of the engine's own number; the conversation
    pages on from the last one shown."""
    if not answer.citations:
        return answer
    cites = list(answer.citations)
    while len(cites) < top_k and conv.has_more:
        more = engine.more(conv)
        if not more.citations:
            break
        cites.extend(more.citations)
    if len(cites) > top_k:
        cites = cites[:top_k]
        conv.offset = answer.offset + top_k
    return replace(answer, citations=tuple(cites))
