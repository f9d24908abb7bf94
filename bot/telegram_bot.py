"""The Telegram bot: cited answers in private chats, groups and inline mode.

A thin shell over retrieval.Engine, built on python-telegram-bot's Application: long polling by
default, a webhook server (secret token checked on every request) with --webhook.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import logging
import re
import sys
import warnings
from collections import OrderedDict
from collections.abc import Callable, Coroutine, Sequence
from typing import Any
from urllib.parse import urlparse

import httpx
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import (
    BadRequest,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import (
    Application,
    BaseRateLimiter,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBDeprecationWarning

from retrieval.engine import Engine
from retrieval.errors import UnknownReport
from retrieval.models import Answer, Conversation, Passage

from . import render
from . import telegram_render as tr
from .app import Exit, load_engine
from .settings import Settings
from .telegram_state import AllowList, ChatStore, RateLimiter, Verdict

log = logging.getLogger(__name__)

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_CHATS = 10_000  # conversations kept in memory (least recently used dropped)
INLINE_FACTOR = 3  # inline queries fire while the user types: a wider limit
INLINE_CACHE_SECONDS = 60
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_TOKEN = re.compile(r"\d{1,20}:[A-Za-z0-9_-]{20,}")
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
    ("toc", "报告的章节目录：/toc 名称"),
)
HELP = """直接发送问题即可，例如：{example}
/reports 列出所有报告
/report 名称 只在某份报告中检索（如 /report 辽源）
/all 取消限定，在全部报告中检索
/more 下一批结果（也可以发送“还有呢”）
/show N 查看第 N 条引文的完整段落及上下文
/compare 问题 每份报告各取最相关的一段，便于对比（如 /compare 地区生产总值增长多少）
/toc 名称 查看报告的章节目录（如 /toc 赛罕）
/help 显示本帮助
追问：“还有呢”翻到下一批，“那铁东区呢”就上一个问题问另一个地区。
在群里：@{username} 加问题，或回复我的消息。在任何聊天中输入 @{username} 问题，可直接引用原文。"""
PRIVATE = "本机器人仅供受邀用户使用（你的用户 ID：{user_id}）。"
SLOW_DOWN = "请稍后再问：每人每分钟最多提问 {limit} 次。"
APOLOGY = "抱歉，处理这条消息时出错了，请稍后再试。"
NOT_TEXT = "请用文字提问，例如：{example}"
NO_CITATIONS = "还没有可查看的引文，请先提问。"
STALE_BUTTON = "这个按钮已失效，请重新提问。"

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


# -- network ----------------------------------------------------------------------------------


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
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
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
                if attempt == self.attempts or not _may_retry(exc, endpoint):
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


_IDEMPOTENT = {"getMe", "setMyCommands", "deleteWebhook", "setWebhook", "getWebhookInfo"}


def _may_retry(exc: NetworkError, endpoint: str) -> bool:
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


# -- who is talking to whom ---------------------------------------------------------------


def addressed_text(message: Message, bot_id: int, username: str) -> str | None:
    """The question of a group message meant for the bot (a mention or a reply), else None."""
    text = message.text or ""
    hit = False
    kinds = [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
    for entity, value in message.parse_entities(kinds).items():
        by_name = entity.type == MessageEntity.MENTION and value.lower() == f"@{username}".lower()
        by_id = (
            entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id
        )
        if by_name or by_id:
            hit = True
            text = text.replace(value, " ")
    reply = message.reply_to_message
    if reply is not None and reply.from_user is not None and reply.from_user.id == bot_id:
        hit = True
    return " ".join(text.split()) if hit else None


def is_group(message: Message) -> bool:
    return message.chat.type != ChatType.PRIVATE


# -- the bot ----------------------------------------------------------------------------------


class GovqaBot:
    """Handlers and per-chat state over one read-only Engine; one per process."""

    def __init__(
        self, engine: Engine, store: ChatStore, allow: AllowList, rate_limit: int, mode: str
    ) -> None:
        self.engine = engine
        self.store = store
        self.allow = allow
        self.rate_limit = rate_limit
        self.mode = mode
        self.questions = RateLimiter(rate_limit)
        self.inline_queries = RateLimiter(rate_limit * INLINE_FACTOR)
        self.strangers = RateLimiter(1)  # one "this bot is private" line per minute
        self.position = {p.id: i for i, p in enumerate(engine.passages)}
        self._chats: OrderedDict[int, tuple[Conversation, asyncio.Lock]] = OrderedDict()
        self._checks = 0

    def install(self, app: Application) -> None:
        """Register every handler, in the order they are tried."""
        message = filters.UpdateType.MESSAGE  # edited messages and channel posts are ignored
        commands: dict[str, Handler] = {
            "start": self.cmd_start,
            "help": self.cmd_help,
            "reports": self.cmd_reports,
            "report": self.cmd_report,
            "all": self.cmd_all,
            "more": self.cmd_more,
            "show": self.cmd_show,
            "compare": self.cmd_compare,
            "toc": self.cmd_toc,
        }
        for name, callback in commands.items():
            app.add_handler(CommandHandler(name, callback, filters=message))
        app.add_handler(MessageHandler(message & filters.COMMAND, self.on_unknown_command))
        app.add_handler(MessageHandler(message & filters.TEXT & ~filters.COMMAND, self.on_text))
        app.add_handler(MessageHandler(message & filters.ChatType.PRIVATE, self.on_other))
        app.add_handler(CallbackQueryHandler(self.on_button))
        app.add_handler(InlineQueryHandler(self.on_inline))
        app.add_error_handler(self.on_error)

    async def on_startup(self, app: Application) -> None:
        """Register the command menu and log, once, what was loaded."""
        try:
            await app.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS])
        except TelegramError as exc:
            log.warning("setMyCommands failed (%s); the command menu may be out of date", exc)
        stats = self.engine.stats()
        log.info(
            "govqa bot @%s ready (%s): %d reports, %d passages",
            app.bot.username,
            self.mode,
            stats.reports,
            stats.passages,
        )

    # -- state ------------------------------------------------------------------------------

    def chat_state(self, chat_id: int) -> tuple[Conversation, asyncio.Lock]:
        """The chat's conversation (its /report restriction read from the store) and its lock."""
        state = self._chats.get(chat_id)
        if state is not None:
            self._chats.move_to_end(chat_id)
            return state
        report = self.store.report(chat_id)
        if report is not None and report not in self.engine.reports:
            log.warning("chat %s: restricted to %s, which is not in the corpus", chat_id, report)
            report = None
        state = (Conversation(report=report), asyncio.Lock())
        self._chats[chat_id] = state
        if len(self._chats) > MAX_CHATS:
            self._chats.popitem(last=False)
        return state

    async def save_restriction(self, chat_id: int, report: str | None) -> bool:
        try:
            await asyncio.to_thread(self.store.set_report, chat_id, report)
        except OSError as exc:
            log.error("cannot save chat settings to %s: %s", self.store.path, exc)
            return False
        return True

    # -- gatekeeping -----------------------------------------------------------------------

    async def admit(
        self, update: Update, question: bool = False, limiter: RateLimiter | None = None
    ) -> bool:
        """Allow-list, then (for questions) the rate limit; tells the user once when refused."""
        user = update.effective_user
        if user is None:
            return False
        self._checks += 1
        if self._checks % 1000 == 0:
            for each in (self.questions, self.inline_queries, self.strangers):
                each.forget_idle()
        if not self.allow.allows(user.id, user.username):
            log.info("update %s: user %s is not on the allow-list", update.update_id, user.id)
            tell = self.strangers.check(user.id) is Verdict.ALLOW
            await self.refuse(update, PRIVATE.format(user_id=user.id) if tell else None)
            return False
        if question:
            verdict = (limiter or self.questions).check(user.id)
            if verdict is not Verdict.ALLOW:
                log.info("update %s: user %s is over the rate limit", update.update_id, user.id)
                notice = SLOW_DOWN.format(limit=self.rate_limit)
                await self.refuse(update, notice if verdict is Verdict.NOTICE else None)
                return False
        return True

    async def refuse(self, update: Update, text: str | None) -> None:
        """Say `text` (or nothing) in the form the update calls for."""
        if update.callback_query is not None:
            await update.callback_query.answer(text)
        elif update.inline_query is not None:
            if text:
                button = InlineQueryResultsButton(text=text, start_parameter="start")
                await update.inline_query.answer([], cache_time=0, is_personal=True, button=button)
        elif text and update.message is not None:
            await self.send_pages(update.message, [tr.esc(text)])

    # -- sending ----------------------------------------------------------------------------

    async def send_pages(
        self,
        message: Message,
        pages: Sequence[str],
        keyboard: InlineKeyboardMarkup | None = None,
        quote: bool | None = None,
    ) -> None:
        """Send HTML pages to the message's chat; in groups the first one quotes the message."""
        quote = is_group(message) if quote is None else quote
        for i, page in enumerate(pages):
            await message.reply_html(
                page,
                do_quote=quote and i == 0,
                reply_markup=keyboard if i == len(pages) - 1 else None,
                link_preview_options=NO_PREVIEW,
            )

    async def send_answer(
        self, message: Message, answer: Answer, quote: bool | None, more: bool = True
    ) -> None:
        pages = tr.answer_pages(answer, self.engine.reports)
        keyboard = tr.answer_keyboard(answer, self.position, more)
        await self.send_pages(message, pages, keyboard, quote)

    async def ask(self, message: Message, question: str) -> None:
        """Answer off the event loop; one question at a time per chat, in order."""
        conv, lock = self.chat_state(message.chat_id)
        async with lock:
            answer = await asyncio.to_thread(self.engine.answer, question, conv)
            await self.send_answer(message, answer, None, more=conv.has_more)

    async def page_on(self, message: Message, quote: bool | None) -> None:
        conv, lock = self.chat_state(message.chat_id)
        async with lock:
            answer = await asyncio.to_thread(self.engine.more, conv)
            await self.send_answer(message, answer, quote, more=conv.has_more)

    async def show_passage(
        self, message: Message, n: int, passage: Passage, words: Sequence[str], quote: bool | None
    ) -> None:
        around = self.engine.context(passage, radius=1)
        report = self.engine.reports[passage.report]
        await self.send_pages(
            message, tr.passage_pages(n, report, around, passage, words), None, quote
        )

    async def reply(self, update: Update, text: str) -> None:
        """Plain Chinese text (escaped here) to the update's message."""
        if update.message is not None:
            await self.send_pages(update.message, [tr.fit(text, tr.esc, tr.MAX_MESSAGE)])

    # -- handlers ---------------------------------------------------------------------------

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Any text is a question; in groups only one that mentions or replies to the bot."""
        message = update.message
        if message is None or message.text is None:
            return
        if message.via_bot is not None and message.via_bot.id == context.bot.id:
            return  # a citation someone posted with inline mode, not a question
        addressed = addressed_text(message, context.bot.id, context.bot.username)
        if addressed is None and is_group(message):
            return
        if await self.admit(update, question=True):
            await self.ask(message, addressed if addressed is not None else message.text)

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A sticker, photo or other non-text message in a private chat: a hint."""
        if update.message is not None and await self.admit(update):
            await self.reply(update, NOT_TEXT.format(example=render.EXAMPLES[0]))

    async def cmd_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """What the bot is, three example questions, the reports it knows."""
        if not await self.admit(update):
            return
        examples = "\n".join(f"• {q}" for q in render.EXAMPLES)
        names = render.reports_list(self.engine.reports.values())
        await self.reply(
            update,
            "我是政府工作报告问答机器人：直接发送问题，我用报告原文回答，"
            "并注明出处（地区、报告、章节、段落）。不编写任何内容，每个字都引自报告。\n\n"
            f"可以这样问：\n{examples}\n\n"
            f"现有报告（{len(self.engine.reports)} 份）：{names}\n"
            "发送 /help 查看全部命令。",
        )

    async def cmd_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The commands, and how to ask in groups and inline."""
        if await self.admit(update):
            username = context.bot.username
            await self.reply(update, HELP.format(example=render.EXAMPLES[0], username=username))

    async def cmd_reports(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """One line per report: region, title, date, paragraphs."""
        if not await self.admit(update) or update.message is None:
            return
        counts = self.engine.passage_counts()
        lines = [f"现有报告 {len(self.engine.reports)} 份（/report 名称 只在一份中检索）："]
        for r in self.engine.reports.values():
            m = r.meta
            bits = [m.title or r.name, m.date or "", f"{counts.get(r.name, 0)} 段"]
            lines.append(
                f"• <b>{tr.esc(r.label)}</b> · " + tr.esc(" · ".join(b for b in bits if b))
            )
        await self.send_pages(update.message, tr.paginate(lines, sep="\n"))

    async def cmd_report(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/report 名称: answer from that report only, in this chat, until /all."""
        message = update.message
        if message is None or not await self.admit(update):
            return
        name = " ".join(context.args or [])
        conv, lock = self.chat_state(message.chat_id)
        names = render.reports_list(self.engine.reports.values())
        if not name:
            now = self.engine.reports.get(conv.report or "")
            where = f"限定在 {render.report_label(now)}" if now else "在全部报告中检索"
            await self.reply(update, f"用法：/report 名称（如 /report 辽源）。现在{where}。")
            return
        try:
            report = self.engine.find_report(name)
        except UnknownReport:
            await self.reply(update, f"找不到报告“{name}”。现有报告：{names}。")
            return
        async with lock:
            conv.restrict(report.name)
        saved = await self.save_restriction(message.chat_id, report.name)
        note = "" if saved else "（设置未能保存，重启后失效。）"
        await self.reply(update, f"已限定在：{render.report_label(report)}。发送 /all 取消。{note}")

    async def cmd_all(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/all: lift this chat's restriction."""
        message = update.message
        if message is None or not await self.admit(update):
            return
        conv, lock = self.chat_state(message.chat_id)
        async with lock:
            conv.restrict(None)
        saved = await self.save_restriction(message.chat_id, None)
        note = "" if saved else "（设置未能保存，重启后失效。）"
        await self.reply(update, f"已取消限定，在全部报告中检索。{note}")

    async def cmd_more(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/more: the next results of the last question."""
        if update.message is not None and await self.admit(update, question=True):
            await self.page_on(update.message, None)

    async def cmd_show(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/show N: citation N's full passage with its neighbours."""
        message = update.message
        if message is None or not await self.admit(update):
            return
        last = self.chat_state(message.chat_id)[0].last_answer
        if last is None or not last.citations:
            await self.reply(update, NO_CITATIONS)
            return
        first, end = last.offset + 1, last.offset + len(last.citations)
        arg = context.args[0] if context.args else ""
        if not arg.isdigit():
            await self.reply(update, f"用法：/show N（N 为引文编号，{first}-{end}）")
            return
        n = int(arg)
        if not first <= n <= end:
            await self.reply(update, f"没有第 {n} 条引文；当前引文编号为 {first}-{end}。")
            return
        citation = last.citations[n - first]
        await self.show_passage(message, n, citation.passage, citation.matched, None)

    async def cmd_compare(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/compare 问题: the best passage of each report, for side-by-side reading."""
        message = update.message
        if message is None:
            return
        question = " ".join(context.args or [])
        if not question:
            if await self.admit(update):
                await self.reply(update, "用法：/compare 问题（如 /compare 地区生产总值增长多少）")
            return
        if not await self.admit(update, question=True):
            return
        conv, lock = self.chat_state(message.chat_id)
        async with lock:
            answer = await asyncio.to_thread(self.engine.compare, question, conv)
            # no 更多: a comparison has no next page (it would page the previous question)
            await self.send_answer(message, answer, None, more=False)

    async def cmd_toc(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/toc 名称: a report's section tree (the chat's /report one if no name)."""
        message = update.message
        if message is None or not await self.admit(update):
            return
        name = " ".join(context.args or [])
        restricted = self.chat_state(message.chat_id)[0].report
        if not name and not restricted:
            await self.reply(update, "用法：/toc 名称（如 /toc 赛罕）")
            return
        try:
            report = self.engine.find_report(name) if name else self.engine.reports[restricted]
        except UnknownReport:
            names = render.reports_list(self.engine.reports.values())
            await self.reply(update, f"找不到报告“{name}”。现有报告：{names}。")
            return
        entries = await asyncio.to_thread(self.engine.outline, report.name)
        await self.send_pages(message, tr.outline_pages(report, entries))

    async def on_unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A command we do not have: in groups only when it names this bot."""
        message = update.message
        if message is None or message.text is None:
            return
        command = message.text.split()[0]
        if is_group(message) and not command.lower().endswith(f"@{context.bot.username}".lower()):
            return
        if await self.admit(update):
            await self.reply(update, f"未知命令“{command}”。发送 /help 查看命令。")

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """更多 pages on; 原文 N shows a cited passage with its neighbours."""
        query = update.callback_query
        if query is None:
            return
        data = tr.parse_callback(query.data)
        if not await self.admit(update, question=data == tr.MORE_DATA):
            return
        message = query.message
        if not isinstance(message, Message):  # too old for Telegram to show us
            await query.answer(STALE_BUTTON)
            return
        if data == tr.MORE_DATA:
            await query.answer()
            await self.page_on(message, False)
            return
        passage = self.button_passage(data) if isinstance(data, tr.ShowButton) else None
        if passage is None or not isinstance(data, tr.ShowButton):
            await query.answer(STALE_BUTTON)
            return
        await query.answer()
        await self.show_passage(
            message, data.n, passage, self.matched(message.chat_id, passage), False
        )

    def button_passage(self, button: tr.ShowButton) -> Passage | None:
        passages = self.engine.passages
        if not 0 <= button.index < len(passages):
            return None
        passage = passages[button.index]
        return passage if tr.passage_check(passage.id) == button.check else None

    def matched(self, chat_id: int, passage: Passage) -> tuple[str, ...]:
        """The terms to bold in a passage: those of the chat's last answer citing it."""
        last = self.chat_state(chat_id)[0].last_answer
        for c in last.citations if last else ():
            if c.passage.id == passage.id:
                return c.matched
        return ()

    async def on_inline(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """@bot 问题 in any chat: one result per citation; choosing one posts its excerpt."""
        query = update.inline_query
        if query is None:
            return
        text = query.query.strip()
        if not text:
            hint = InlineQueryResultsButton(
                text="输入问题，例如：" + render.EXAMPLES[0], start_parameter="help"
            )
            await query.answer([], cache_time=0, is_personal=True, button=hint)
            return
        if not await self.admit(update, question=True, limiter=self.inline_queries):
            return
        answer = await asyncio.to_thread(self.engine.answer, text, Conversation())
        results = [
            InlineQueryResultArticle(
                id=str(n),
                title=f"[{n}] {render.report_label(c.report)}",
                description=c.excerpt[:200],
                input_message_content=InputTextMessageContent(
                    tr.inline_page(answer.question, n, c), parse_mode=ParseMode.HTML
                ),
            )
            for n, c in enumerate(answer.citations, 1)
        ]
        button = None
        if not results:
            note = render.message(answer, self.engine.reports.values()) or "没有找到"
            button = InlineQueryResultsButton(text=note[:60], start_parameter="help")
        # is_personal: Telegram must not serve one user's cached results to another
        await query.answer(
            results, cache_time=INLINE_CACHE_SECONDS, is_personal=True, button=button
        )

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log a handler's error with its update id; tell the user briefly; keep running."""
        if update is None and isinstance(context.error, TelegramError):
            # getUpdates failed; the Updater retries it (waiting as told on a 429)
            log.warning("getUpdates failed (%s); polling goes on", context.error)
            return
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("update %s: handler failed: %s", update_id, context.error, exc_info=context.error)
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is not None:
            with contextlib.suppress(TelegramError):
                await context.bot.send_message(chat.id, APOLOGY)


# -- start --------------------------------------------------------------------------------


class RedactingFormatter(logging.Formatter):
    """Formats a record, then blanks out secrets (the token is in every Bot API URL)."""

    def __init__(self, fmt: str, secrets: Sequence[str]) -> None:
        super().__init__(fmt)
        self.secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text


def configure_logging(secrets: Sequence[str]) -> None:
    """INFO to stderr, secrets redacted, httpx quiet (it logs URLs, which contain the token)."""
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT, force=True)
    formatter = RedactingFormatter(LOG_FORMAT, secrets)
    for handler in logging.getLogger().handlers:
        handler.setFormatter(formatter)
    for noisy in ("httpx", "httpcore", "tornado.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


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
    raise Exit(f"连不上 Telegram Bot API（{base_url}）：{problem.replace(token, '***')}", code=1)


def build_application(
    settings: Settings, engine: Engine, token: str, allow: AllowList, mode: str
) -> Application:
    """The PTB Application with our handlers, retries and concurrency."""
    base_url, file_url = api_urls(settings.telegram_base_url)
    shell = GovqaBot(
        engine, ChatStore(settings.data_dir / "chats.json"), allow, settings.rate_limit, mode
    )
    app = (
        Application.builder()
        .token(token)
        .base_url(base_url)
        .base_file_url(file_url)
        .rate_limiter(RetryingRequests())
        .concurrent_updates(32)  # chats in parallel; each chat keeps its order (a lock)
        .post_init(shell.on_startup)
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
    except Exit as exc:  # one line, no traceback, whoever called us
        print(f"govqa: {exc}", file=sys.stderr)
        return exc.code


def _run(settings: Settings, webhook: bool) -> int:
    token = settings.telegram_token.get_secret_value().strip()
    if not token:
        raise Exit(
            "未设置 GOVQA_TELEGRAM_TOKEN：向 @BotFather 申请机器人令牌，写入环境变量或 .env。"
        )
    if not _TOKEN.fullmatch(token):
        raise Exit(
            "GOVQA_TELEGRAM_TOKEN 格式不对：应形如 123456789:AAE…（@BotFather 给出的令牌）。"
        )
    try:
        allow = AllowList.parse(settings.allowed_users)
    except ValueError as exc:
        raise Exit(f"GOVQA_ALLOWED_USERS 中的“{exc}”既不是用户 ID 也不是 @用户名。") from None
    hook = check_webhook(settings) if webhook else None
    configure_logging([token, settings.webhook_secret.get_secret_value()])

    base_url, file_url = api_urls(settings.telegram_base_url)
    asyncio.run(check_token(token, base_url, file_url))
    engine = load_engine(settings)
    if allow.everyone:
        log.warning("GOVQA_ALLOWED_USERS is empty: anyone can use this bot")
    app = build_application(settings, engine, token, allow, "webhook" if hook else "polling")
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
