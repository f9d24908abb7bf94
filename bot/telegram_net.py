"""The bot's network policy: one retry policy for Bot API requests, and the start-up token check."""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
import re
import warnings
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from telegram import Bot
from telegram.error import (
    BadRequest,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

from .app import Exit

log = logging.getLogger(__name__)

TOKEN_FORMAT = re.compile(r"\d{1,20}:[A-Za-z0-9_-]{20,}")  # what @BotFather hands out
_IDEMPOTENT = {"getMe", "setMyCommands", "deleteWebhook", "setWebhook", "getWebhookInfo"}

ApiResult = bool | dict[str, Any] | list[dict[str, Any]]


class RetryingRequests(BaseRateLimiter[None]):
    """Retries a Bot API request that Telegram (or the network) refused.

    429 (wait `retry_after` as told), 5xx answers, refused or dropped connections and
    connect/pool timeouts are retried with backoff: Telegram did not act on the request (a 5xx
    or a connection dropped mid-request almost never did, so there a rare duplicate is the
    price of not losing an answer). A read or write timeout of a request that posts something
    is not retried: Telegram may well have acted on it. getUpdates never comes here: the
    Updater's own loop retries it. (PTB expects a rate limiter to retry only RetryAfter; this
    one is the bot's single retry policy for outgoing requests, on purpose.)
    """

    def __init__(self, attempts: int = 5, backoff: float = 0.5, max_wait: float = 60.0) -> None:
        self.attempts = attempts
        self.backoff = backoff
        self.max_wait = max_wait

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, ApiResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> ApiResult:
        delay = self.backoff
        for attempt in range(1, self.attempts + 1):
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                wait = retry_after_seconds(exc) + 0.1
                if wait > self.max_wait or attempt == self.attempts:
                    raise
                reason = f"flood control, retry after {wait:.1f} s"
            except BadRequest:  # a NetworkError subclass, but our request is wrong: no retry
                raise
            except NetworkError as exc:
                if attempt == self.attempts or not may_retry(exc, endpoint):
                    raise
                wait, delay = delay, min(delay * 2, self.max_wait)
                reason = exc.message
            log.warning(
                "%s failed (%s); retry %d/%d in %.1f s",
                endpoint,
                reason,
                attempt,
                self.attempts - 1,
                wait,
            )
            await asyncio.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover


def may_retry(exc: NetworkError, endpoint: str) -> bool:
    """A timeout after the request went out may have been acted on: retry only what is safe."""
    if not isinstance(exc, TimedOut):
        return True  # 5xx, refused or dropped connection
    unsent = isinstance(exc.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout)
    return unsent or endpoint in _IDEMPOTENT


def retry_after_seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # int or timedelta, depending on PTB_TIMEDELTA
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


def api_urls(base_url: str) -> tuple[str, str]:
    """Bot API base URL and its file URL: '…/bot' -> '…/file/bot'."""
    base = base_url.rstrip("/")
    file_base = re.sub(r"/bot$", "/file/bot", base) if base.endswith("/bot") else f"{base}/file"
    return base, file_base


async def check_token(token: str, base_url: str, file_url: str, attempts: int = 4) -> str:
    """getMe once before anything else: the bot's username, or Exit with Telegram's reason."""
    bot = Bot(token, base_url=base_url, base_file_url=file_url)
    problem = ""
    for attempt in range(attempts):
        try:
            async with bot:
                return bot.username
        except InvalidToken as exc:
            cause = exc.__cause__
            reason = cause.message if isinstance(cause, TelegramError) else "令牌无效"
            raise Exit(
                f"Telegram 拒绝了 GOVQA_TELEGRAM_TOKEN（{reason}）：请检查 @BotFather 给出的令牌。"
            ) from None
        except RetryAfter as exc:
            problem = exc.message
            await asyncio.sleep(min(retry_after_seconds(exc), 30))
        except TelegramError as exc:
            problem = exc.message
            await asyncio.sleep(2**attempt)
    raise Exit(f"连不上 Telegram Bot API（{base_url}）：{problem}", code=1)
