"""The Telegram bot's start-up: settings checked, token checked, then polling or a webhook.

A thin shell over retrieval.Engine, built on python-telegram-bot's Application: long polling by
default, a webhook server (secret token checked on every request) with --webhook. The handlers
are in telegram_handlers.py, the network policy in telegram_net.py.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sys
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlparse

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import Application

from retrieval.engine import Engine
from retrieval.live import LiveEngine, current

from .app import Exit, load_live_engine
from .log_redaction import configure_logging, redact
from .settings import Settings
from .telegram_gate import ChatStates, Gate
from .telegram_handlers import BotApp, GovqaBot
from .telegram_net import TOKEN_FORMAT, RetryingRequests, api_urls, check_token
from .telegram_state import AllowList, ChatStore

log = logging.getLogger(__name__)

_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram accepts as a webhook secret
COMMANDS = (
    ("start", "介绍与示例问题"),
    ("help", "使用帮助"),
    ("reports", "列出报告"),
    ("report", "只在某份报告中检索：/report 名称"),
    ("all", "取消限定，在全部报告中检索"),
    ("more", "下一批结果"),
    ("show", "查看第 N 条引文的原文：/show N"),
    ("compare", "各报告各取最相关的一段：/compare 问题"),
    ("find", "精确查找词语的每一处出现：/find 词语"),
    ("toc", "报告的章节目录：/toc 名称"),
    ("reload", "重新载入报告文件夹（管理员）"),
)


def on_startup(
    engine: Engine | LiveEngine, mode: str
) -> Callable[[BotApp], Coroutine[Any, Any, None]]:
    """post_init: register the command menu and log, once, what was loaded."""

    async def startup(app: BotApp) -> None:
        try:
            await app.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS])
        except TelegramError as exc:
            log.warning("setMyCommands failed (%s); the command menu may be out of date", exc)
        stats = current(engine).stats()
        log.info(
            "govqa bot @%s ready (%s): %d reports, %d passages",
            app.bot.username,
            mode,
            stats.reports,
            stats.passages,
        )

    return startup


def build_application(
    settings: Settings,
    engine: Engine | LiveEngine,
    token: str,
    allow: AllowList,
    mode: str,
    admins: AllowList | None = None,
) -> BotApp:
    """The PTB Application with our handlers, retries and concurrency."""
    base_url, file_url = api_urls(settings.telegram_base_url)
    chats = ChatStates(ChatStore(settings.data_dir / "chats.json"), current(engine).reports)
    shell = GovqaBot(engine, chats, Gate(allow, settings.rate_limit), admins)
    app = (
        Application.builder()
        .token(token)
        .base_url(base_url)
        .base_file_url(file_url)
        .rate_limiter(RetryingRequests())
        .concurrent_updates(32)  # chats in parallel; each chat keeps its order (a lock)
        .post_init(on_startup(engine, mode))
        .build()
    )
    shell.install(app)
    return app


def check_webhook(settings: Settings) -> tuple[str, str, str]:
    """The webhook's public URL, its path and secret, or Exit naming the setting to fix."""
    url = settings.webhook_url.strip()
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise Exit(
            "webhook 模式需要设置 GOVQA_WEBHOOK_URL（公网地址，如 https://example.org/govqa）。"
        )
    try:
        import tornado  # noqa: F401  (PTB's webhook server)
    except ImportError:
        raise Exit(
            "webhook 模式需要 tornado：pip install 'python-telegram-bot[webhooks]'。"
        ) from None
    secret = settings.webhook_secret.get_secret_value()
    if not _SECRET.fullmatch(secret):
        raise Exit("webhook 模式需要设置 GOVQA_WEBHOOK_SECRET（1-256 个字母、数字、_ 或 -）。")
    return url, parts.path.strip("/"), secret


def run_bot(settings: Settings, webhook: bool = False) -> int:
    """Start the bot with long polling (or a webhook server) until a stop signal; exit code."""
    try:
        return _run(settings, webhook)
    except Exit as exc:  # one line, no traceback, whoever called us; Telegram's words redacted
        print(f"govqa: {redact(str(exc), secrets(settings))}", file=sys.stderr)
        return exc.code


def secrets(settings: Settings) -> list[str]:
    """What must never be printed: the token, its secret half, the webhook secret."""
    token = settings.telegram_token.get_secret_value().strip()
    half = token.partition(":")[2] if TOKEN_FORMAT.fullmatch(token) else ""
    return [token, half, settings.webhook_secret.get_secret_value()]


def _run(settings: Settings, webhook: bool) -> int:
    token = settings.telegram_token.get_secret_value().strip()
    if not token:
        raise Exit(
            "未设置 GOVQA_TELEGRAM_TOKEN：向 @BotFather 申请机器人令牌，写入环境变量或 .env。"
        )
    if not TOKEN_FORMAT.fullmatch(token):
        raise Exit(
            "GOVQA_TELEGRAM_TOKEN 格式不对：应形如 123456789:AAE…（@BotFather 给出的令牌）。"
        )
    try:
        allow = AllowList.parse(settings.allowed_users)
    except ValueError as exc:
        raise Exit(f"GOVQA_ALLOWED_USERS 中的“{exc}”既不是用户 ID 也不是 @用户名。") from None
    hook = check_webhook(settings) if webhook else None
    configure_logging(secrets(settings))

    base_url, file_url = api_urls(settings.telegram_base_url)
    asyncio.run(check_token(token, base_url, file_url))
    try:
        admins = AllowList.parse(settings.admin_users)
    except ValueError as exc:
        raise Exit(f"GOVQA_ADMIN_USERS 中的“{exc}”既不是用户 ID 也不是 @用户名。") from None
    engine = load_live_engine(settings)  # reports added, removed or changed: served in seconds
    if allow.everyone:
        log.warning("GOVQA_ALLOWED_USERS is empty: anyone can use this bot")
    mode = "webhook" if hook else "polling"
    app = build_application(settings, engine, token, allow, mode, admins)
    if hook is None:
        app.run_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=3)
    else:
        url, path, secret = hook
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=path,
            webhook_url=url,
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
            bootstrap_retries=3,
        )
    return 0
