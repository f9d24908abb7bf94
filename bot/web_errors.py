"""The web API's errors: ApiError (a request refused), and one handler per kind of exception,
every body {"error": code, "message": 中文}."""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from retrieval.errors import UnknownReport

from . import render

log = logging.getLogger("govqa.web")


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
