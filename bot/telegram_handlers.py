"""The bot's handlers: questions and commands over one Engine (buttons and inline queries are
in telegram_inline).

Every command goes through one gate (`command`): the allow-list (and for questions the rate
limit), then the chat's state. One error handler logs what fails and apologises.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import (
    Update,
)
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from retrieval.engine import Engine
from retrieval.errors import UnknownReport
from retrieval.live import LiveEngine, current
from retrieval.models import Report

from . import render
from . import telegram_render as tr
from . import telegram_texts as tt
from .app import clean_question, parse_find
from .telegram_gate import ChatStates, Gate, Turn, addressed_text, command, is_group
from .telegram_inline import ButtonsAndInline
from .telegram_send import Sender
from .telegram_state import AllowList

log = logging.getLogger(__name__)

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]
BotApp = Application[Any, Any, Any, Any, Any, Any]


class GovqaBot(ButtonsAndInline):
    """Handlers and per-chat state over one read-only Engine; one per process."""

    def __init__(
        self,
        engine: Engine | LiveEngine,
        chats: ChatStates,
        gate: Gate,
        admins: AllowList | None = None,
    ) -> None:
        self._source = engine
        self.chats = chats
        self.gate = gate
        self.admins = admins  # who may /reload; None or empty: nobody
        self.send = Sender(engine, chats)

    @property
    def engine(self) -> Engine:
        """The engine now (a LiveEngine follows the corpus folder)."""
        return current(self._source)

    def install(self, app: BotApp) -> None:
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
            "find": self.cmd_find,
            "toc": self.cmd_toc,
            "reload": self.cmd_reload,
        }
        for name, callback in commands.items():
            app.add_handler(CommandHandler(name, callback, filters=message))
        app.add_handler(MessageHandler(message & filters.COMMAND, self.on_unknown_command))
        app.add_handler(MessageHandler(message & filters.TEXT & ~filters.COMMAND, self.on_text))
        app.add_handler(MessageHandler(message & filters.ChatType.PRIVATE, self.on_other))
        app.add_handler(CallbackQueryHandler(self.on_button))
        app.add_handler(InlineQueryHandler(self.on_inline))
        app.add_error_handler(self.on_error)

    async def find_report(self, turn: Turn, name: str) -> Report | None:
        """The report `name` means (the chat's /report one if empty), else say which exist."""
        try:
            if not name and turn.conv.report is not None:
                return self.engine.reports[turn.conv.report]
            return self.engine.find_report(name)
        except UnknownReport:
            names = render.known_reports(self.engine.reports.values(), "/reports")
            await self.send.reply(turn.message, f"找不到报告“{name}”。现有报告：{names}。")
            return None

    # -- messages ---------------------------------------------------------------------------

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
        if await self.gate.admit(update, question=True):
            question = addressed if addressed is not None else message.text
            await self.send.ask(message, clean_question(question))

    @command()
    async def on_other(self, turn: Turn) -> None:
        """A sticker, photo or other non-text message in a private chat: a hint."""
        await self.send.reply(turn.message, tt.NOT_TEXT.format(example=render.EXAMPLES[0]))

    async def on_unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A command we do not have: in groups only when it names this bot."""
        message = update.message
        if message is None or message.text is None:
            return
        name = message.text.split()[0]
        if is_group(message) and not name.lower().endswith(f"@{context.bot.username}".lower()):
            return
        if await self.gate.admit(update):
            await self.send.reply(message, f"未知命令“{name}”。发送 /help 查看命令。")

    # -- commands ---------------------------------------------------------------------------

    @command()
    async def cmd_start(self, turn: Turn) -> None:
        """What the bot is, three example questions, the reports it knows."""
        examples = "\n".join(f"• {q}" for q in render.EXAMPLES)
        names = render.known_reports(self.engine.reports.values(), "/reports")
        text = tt.START.format(
            examples=examples,
            count=len(self.engine.reports),
            names=names,
        )
        await self.send.reply(turn.message, text)

    @command()
    async def cmd_help(self, turn: Turn) -> None:
        """The commands, and how to ask in groups and inline."""
        username = turn.context.bot.username
        await self.send.reply(
            turn.message, tt.HELP.format(example=render.EXAMPLES[0], username=username)
        )

    @command()
    async def cmd_reports(self, turn: Turn) -> None:
        """One line per report: region, title, date, paragraphs."""
        pages = tr.reports_pages(self.engine.reports.values(), self.engine.passage_counts())
        await self.send.pages(turn.message, pages)

    @command()
    async def cmd_report(self, turn: Turn) -> None:
        """/report 名称: answer from that report only, in this chat, until /all."""
        if not turn.arg:
            now = self.engine.reports.get(turn.conv.report or "")
            where = f"限定在 {render.report_label(now)}" if now else "在全部报告中检索"
            await self.send.reply(
                turn.message, f"用法：/report 名称（如 /report 辽源）。现在{where}。"
            )
            return
        report = await self.find_report(turn, turn.arg)
        if report is None:
            return
        saved = await self.chats.restrict(turn.message.chat_id, report.name)
        label = render.report_label(report)
        note = "" if saved else tt.NOT_SAVED
        await self.send.reply(turn.message, f"已限定在：{label}。发送 /all 取消。{note}")

    @command()
    async def cmd_all(self, turn: Turn) -> None:
        """/all: lift this chat's restriction."""
        saved = await self.chats.restrict(turn.message.chat_id, None)
        note = "" if saved else tt.NOT_SAVED
        await self.send.reply(turn.message, f"已取消限定，在全部报告中检索。{note}")

    @command(question=True)
    async def cmd_more(self, turn: Turn) -> None:
        """/more: the next results of the last question (or the next page of a comparison)."""
        if not await self.send.compare_page(turn.message, None, None):
            await self.send.page_on(turn.message, None)

    @command()
    async def cmd_show(self, turn: Turn) -> None:
        """/show N: citation N's full passage with its neighbours."""
        last = turn.conv.last_answer
        if last is None or not last.citations:
            await self.send.reply(turn.message, tt.NO_CITATIONS)
            return
        first, end = last.offset + 1, last.offset + len(last.citations)
        try:
            n = int(turn.arg.split()[0]) if turn.arg else 0  # int(), not isdigit(): '²' is a digit
        except ValueError:
            n = 0
        if n == 0:
            await self.send.reply(turn.message, f"用法：/show N（N 为引文编号，{first}-{end}）")
            return
        if not first <= n <= end:
            await self.send.reply(
                turn.message, f"没有第 {n} 条引文；当前引文编号为 {first}-{end}。"
            )
            return
        citation = last.citations[n - first]
        await self.send.passage(turn.message, n, citation.passage, citation.matched, None)

    @command()
    async def cmd_find(self, turn: Turn) -> None:
        """/find 词语 [--region X] [--level Y] [--year N]: every occurrence, per report."""
        args = parse_find(turn.arg, "/")
        if isinstance(args, str):
            await self.send.reply(turn.message, args)
            return
        if not await self.gate.admit(turn.update, question=True):
            return
        found = await asyncio.to_thread(
            self.engine.find, args.phrase, args.region, args.level, args.year
        )
        await self.send.pages(turn.message, tr.concordance_pages(found), None, None)

    @command()
    async def cmd_compare(self, turn: Turn) -> None:
        """/compare 问题: the best passage of each report, for side-by-side reading."""
        if not turn.arg:
            await self.send.reply(
                turn.message, "用法：/compare 问题（如 /compare 地区生产总值增长多少）"
            )
            return
        if not await self.gate.admit(turn.update, question=True):
            return
        await self.send.compare(turn.message, clean_question(turn.arg))

    @command()
    async def cmd_reload(self, turn: Turn) -> None:
        """/reload: look at the corpus folder now (admins only; it is also looked at by itself)."""
        user = turn.update.effective_user
        admins = self.admins
        if (
            user is None
            or admins is None
            or admins.everyone
            or not admins.allows(user.id, user.username)
        ):
            await self.send.reply(turn.message, tt.RELOAD_REFUSED)
            return
        if not isinstance(self._source, LiveEngine):
            await self.send.reply(turn.message, tt.RELOAD_FIXED)
            return
        live = self._source
        engine = await asyncio.to_thread(live.reload)
        text = tt.RELOADED.format(count=len(engine.reports))
        if live.last_error:
            text += tt.RELOAD_FAILED.format(error=live.last_error)
        await self.send.reply(turn.message, text)

    @command()
    async def cmd_toc(self, turn: Turn) -> None:
        """/toc 名称: a report's section tree (the chat's /report one if no name)."""
        if not turn.arg and not turn.conv.report:
            await self.send.reply(turn.message, "用法：/toc 名称（如 /toc 赛罕）")
            return
        report = await self.find_report(turn, turn.arg)
        if report is not None:
            entries = await asyncio.to_thread(self.engine.outline, report.name)
            await self.send.pages(turn.message, tr.outline_pages(report, entries))

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
                await context.bot.send_message(chat.id, tt.APOLOGY)
