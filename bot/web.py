"""The web page and the HTTP API (govqa serve): Starlette under uvicorn, one Engine per worker.

`create_app(engine, settings)` builds the app from what it serves; `app_from_env` is the factory
uvicorn calls in each worker process; `serve(settings)` starts uvicorn.
"""

from __future__ import annotations

import contextlib
import html
import json
import logging
import os
import re
import secrets
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from retrieval.engine import MAX_QUESTION_CHARS, Engine
from retrieval.errors import GovqaError, UnknownReport
from retrieval.live import LiveEngine, current
from retrieval.models import Answer, AnswerStatus, Conversation, Passage, Report

from . import render
from .app import Exit, load_live_engine, load_settings
from .settings import Settings
from .web_guard import (
    BadToken,
    ConversationState,
    ConversationTokens,
    RateLimiter,
    SecurityHeaders,
    client_address,
    parse_networks,
)
from .web_openapi import openapi_spec

log = logging.getLogger("govqa.web")
question_log = logging.getLogger("govqa.web.questions")

STATIC = Path(__file__).resolve().parent / "static"
MAX_TOP_K = 20
MAX_RADIUS = 5
MAX_TOKEN = 8192  # characters of a conversation token (a 500-character question fits)
_MARKUP = re.compile(r"<[A-Za-z!/?]")  # the start of an HTML tag, comment or directive


class ApiError(Exception):
    """A request the API refuses: HTTP status, a machine-readable code, a Chinese message."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status, headers=headers)


class EngineSlot:
    """The engine a worker serves: given, or loaded in a thread while the server already answers
    (health says 503 until then)."""

    def __init__(self, engine: Engine | Callable[[], Engine | LiveEngine]) -> None:
        self.engine: Engine | None = engine if isinstance(engine, Engine) else None
        self.live: LiveEngine | None = None  # set when the loader gives one: it follows the folder
        self.failure: str | None = None
        self._load = None if isinstance(engine, Engine) else engine
        self._lock = threading.Lock()
        self._started = False

    def start(self) -> None:
        """Load in a thread, once (at start-up; or at the first request, without a lifespan)."""
        with self._lock:
            if self.engine is not None or self._load is None or self._started:
                return
            self._started = True
            threading.Thread(target=self._run, name="govqa-load", daemon=True).start()

    def _run(self) -> None:
        assert self._load is not None
        try:
            loaded = self._load()
            self.live = loaded if isinstance(loaded, LiveEngine) else None
            engine = current(loaded)
            # The first question loads jieba's dictionary (about a second): not a user's wait.
            engine.answer(render.EXAMPLES[0], Conversation())
            self.engine = engine
        except Exit as exc:
            self.failure = str(exc)
            log.error("索引载入失败：%s", exc)
        except Exception:
            self.failure = "索引载入失败"
            log.exception("索引载入失败")

    def get(self) -> Engine:
        if self.engine is None:
            self.start()
            raise ApiError(503, "loading", "索引正在载入，请稍候再试。", {"Retry-After": "5"})
        return self.live.engine if self.live is not None else self.engine


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
        text = self._question(question)
        scope = self._report(engine, report)
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
        self._refuse(answer, engine)
        if top_k is not None:
            answer = _resize(engine, answer, conv, top_k)
        obj = self._answer_json(answer, engine)
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
        text = self._question(question)
        answer = await run_in_threadpool(engine.compare, text)
        self._refuse(answer, engine)
        return JSONResponse(self._answer_json(answer, engine))

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

    # -- checks ---------------------------------------------------------------------------

    def _question(self, question: object) -> str:
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

    def _report(self, engine: Engine, report: object) -> str | None:
        """A report restriction: its id (path in the corpus folder) or anything find_report
        takes (region, title); None for no restriction."""
        if report is None or report == "":
            return None
        if not isinstance(report, str) or len(report) > 1000:
            raise ApiError(400, "bad_report", "report 应为报告 id（见 /api/v1/reports）。")
        if report in engine.reports:
            return report
        return engine.find_report(report).name  # UnknownReport: 404

    def _state(self, token: str) -> ConversationState:
        try:
            return self.tokens.read(token)
        except BadToken as exc:
            why = "已过期" if exc.expired else "无效（可能是服务已重启）"
            raise ApiError(400, "bad_conversation", f"对话{why}，请重新提问。") from None

    @staticmethod
    def _refuse(answer: Answer, engine: Engine) -> None:
        """An answer that is a refusal of the question itself is a 400."""
        if answer.status is AnswerStatus.TOO_LONG or (
            answer.status is AnswerStatus.EMPTY_QUESTION and not answer.scope
        ):
            message = render.message(answer, engine.reports.values()) or render.HINT
            raise ApiError(400, answer.status.value, message)

    @staticmethod
    def _answer_json(answer: Answer, engine: Engine) -> dict[str, object]:
        """render.answer_json plus what the page needs: status, matched words, page."""
        obj = render.answer_json(answer, engine.reports.values())
        obj["status"] = answer.status.value
        citations = obj["citations"]
        assert isinstance(citations, list)
        for item, c in zip(citations, answer.citations, strict=True):
            item.setdefault("matched", list(c.matched))
            item.setdefault("page", getattr(c.passage, "page", None))
        return obj


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


# -- errors: one handler per kind, every body {"error": code, "message": 中文} ----------------

_HTTP_MESSAGES = {
    404: ("not_found", "没有这个地址。API 见 /api/v1/openapi.json。"),
    405: ("method_not_allowed", "不支持这种请求方法。"),
}


async def on_api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.headers)


async def on_govqa_error(request: Request, exc: Exception) -> Response:
    """The core's deliberate errors, worded in Chinese."""
    if isinstance(exc, UnknownReport):
        name = render.field(str(exc.args[0]) if exc.args else "")
        engine = request.app.state.web.slot.engine
        known = render.reports_list(engine.reports.values()) if engine else ""
        return error_response(404, "unknown_report", f"找不到报告“{name}”。现有报告：{known}。")
    log.warning("核心错误：%s", type(exc).__name__)
    return error_response(400, "bad_request", "无法处理这个请求。")


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code, message = _HTTP_MESSAGES.get(exc.status_code, ("http_error", "请求有误。"))
    return error_response(exc.status_code, code, message, dict(exc.headers or {}))


async def on_unexpected(request: Request, exc: Exception) -> Response:
    """A bug: logged with its traceback (never the question), answered without one."""
    log.error("未处理的错误：%s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal_error", "服务器内部错误，请稍后再试。")


@contextlib.asynccontextmanager
async def _lifespan(app: Starlette) -> AsyncIterator[None]:
    app.state.web.slot.start()
    yield


def create_app(engine: Engine | Callable[[], Engine | LiveEngine], settings: Settings) -> Starlette:
    """The app over `engine`, or over what the callable loads (in a thread, at start-up)."""
    web = WebApp(engine, settings)
    api = "/api/v1"
    routes = [
        Route("/", web.index, methods=["GET"]),
        Route(f"{api}/health", web.health, methods=["GET"]),
        Route(f"{api}/openapi.json", web.openapi, methods=["GET"]),
        Route(f"{api}/ask", web.ask_get, methods=["GET"]),
        Route(f"{api}/ask", web.ask_post, methods=["POST"]),
        Route(f"{api}/compare", web.compare, methods=["GET", "POST"]),
        Route(f"{api}/reports", web.reports, methods=["GET"]),
        Route(f"{api}/reports/{{report_id:path}}/outline", web.outline, methods=["GET"]),
        Route(f"{api}/passages/{{passage_id:path}}", web.passage, methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders)]
    origins = [o.strip() for o in settings.web_cors_origins.split(",") if o.strip()]
    if origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=origins,
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type"],
                max_age=600,
            )
        )
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={
            ApiError: on_api_error,
            GovqaError: on_govqa_error,
            HTTPException: on_http_error,
            Exception: on_unexpected,
        },
        lifespan=_lifespan,
    )
    app.state.web = web
    return app


# -- serving ------------------------------------------------------------------------------


def app_from_env() -> Starlette:
    """uvicorn's factory in each worker: settings from the environment `serve` exported."""
    logging.basicConfig(level=logging.WARNING, format="govqa: %(levelname)s: %(message)s")
    settings = load_settings(env_file=None)
    if settings.web_log_questions:
        question_log.setLevel(logging.INFO)
    return create_app(lambda: load_live_engine(settings), settings)


def export_settings(settings: Settings) -> None:
    """Every setting into this process's environment (GOVQA_*), for the workers to read."""
    for name in Settings.model_fields:
        value = getattr(settings, name)
        if hasattr(value, "get_secret_value"):
            value = value.get_secret_value()
        os.environ[f"GOVQA_{name.upper()}"] = str(value)


def serve(settings: Settings) -> int:
    """Run uvicorn with `settings.web_workers` processes, each loading the engine itself."""
    import uvicorn

    if not settings.corpus_dir.is_dir():
        raise Exit(
            f"语料文件夹不存在：{settings.corpus_dir}（用 --corpus 或 GOVQA_CORPUS_DIR 指定）"
        )
    try:
        parse_networks(settings.web_trusted_proxies)
    except ValueError as exc:
        raise Exit(f"设置有误：web_trusted_proxies：{exc}") from None
    if not settings.web_secret.get_secret_value():
        # One secret for all workers of this run: a token from one works on the others.
        settings = settings.model_copy(
            update={"web_secret": type(settings.web_secret)(secrets.token_urlsafe(32))}
        )
        log.warning("GOVQA_WEB_SECRET 未设置：本次启动生成临时密钥，重启后对话令牌失效。")
    export_settings(settings)
    host = settings.web_host
    shown = f"[{host}]" if ":" in host else host
    print(f"govqa: 网页与 API：http://{shown}:{settings.web_port}/（Ctrl-C 停止）", flush=True)
    uvicorn.run(
        "bot.web:app_from_env",
        factory=True,
        host=host,
        port=settings.web_port,
        workers=settings.web_workers,
        proxy_headers=False,  # X-Forwarded-For is read by the app, from trusted proxies only
        server_header=False,
        access_log=False,  # an access log would keep the questions of GET /api/v1/ask?q=…
        log_level="warning",
        timeout_graceful_shutdown=5,
    )
    return 0
