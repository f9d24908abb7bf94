"""The web page and the HTTP API (govqa serve): Starlette under uvicorn.

`create_app(engine, settings)` builds the app from what it serves; `app_from_env` is the factory
uvicorn calls in a single-process server; `serve(settings)` starts uvicorn, with several
workers forked from one loaded engine (bot/web_prefork.py). The routes are in
web_routes, the error handlers in web_errors.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import socket
from collections.abc import AsyncIterator, Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from retrieval.engine import Engine
from retrieval.errors import GovqaError
from retrieval.live import LiveEngine

from .app import Exit, load_engine, load_live_engine, load_settings
from .settings import Settings
from .web_errors import ApiError, on_api_error, on_govqa_error, on_http_error, on_unexpected
from .web_guard import SecurityHeaders, parse_networks
from .web_memory import TrimWhenIdle, one_arena
from .web_prefork import listening_socket, serve_prefork
from .web_routes import STATIC, WebApp
from .web_slot import warm_up

log = logging.getLogger("govqa.web")
question_log = logging.getLogger("govqa.web.questions")


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


def _uvicorn_options(settings: Settings) -> dict[str, object]:
    return {
        "proxy_headers": False,  # X-Forwarded-For is read by the app, from trusted proxies only
        "server_header": False,
        "access_log": False,  # an access log would keep the questions of GET /api/v1/ask?q=…
        "log_level": "warning",
        "timeout_graceful_shutdown": 5,
    }


def _run_forked_worker(settings: Settings, engine: Engine, sock: socket.socket) -> None:
    """One forked worker: the app over the parent's engine, following the folder itself."""
    import uvicorn

    if settings.web_log_questions:
        question_log.setLevel(logging.INFO)
    one_arena()  # what answers free stays in one place, given back when idle (web_memory)
    app = TrimWhenIdle(create_app(lambda: load_live_engine(settings, first=engine), settings))
    config = uvicorn.Config(app, **_uvicorn_options(settings))  # type: ignore[arg-type]
    uvicorn.Server(config).run(sockets=[sock])


def serve(settings: Settings) -> int:
    """Run uvicorn: one process, or with `settings.web_workers` > 1 the engine loaded once
    and that many forked workers sharing it (bot/web_prefork.py)."""
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
    if settings.web_workers > 1 and hasattr(os, "fork"):
        try:
            sock = listening_socket(host, settings.web_port)
        except OSError as exc:
            raise Exit(f"无法监听 {shown}:{settings.web_port}：{exc.strerror}") from None
        engine = load_engine(settings)  # before the fork: shared by every worker
        # A warm cache is read without tokenizing: jieba's dictionary (~75 MB of objects) is
        # loaded here by a first question, or every worker would load its own after the fork.
        warm_up(engine)
        print(f"govqa: 网页与 API：http://{shown}:{settings.web_port}/（{settings.web_workers} 个"
              "工作进程，Ctrl-C 停止）", flush=True)  # fmt: skip
        return serve_prefork(
            engine,
            settings.web_workers,
            sock,
            lambda e, s: _run_forked_worker(settings, e, s),
        )
    print(f"govqa: 网页与 API：http://{shown}:{settings.web_port}/（Ctrl-C 停止）", flush=True)
    uvicorn.run(
        "bot.web:app_from_env",
        factory=True,
        host=host,
        port=settings.web_port,
        workers=settings.web_workers,
        **_uvicorn_options(settings),  # type: ignore[arg-type]
    )
    return 0
