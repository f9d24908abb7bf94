"""Who may talk to the bot, when a group message is meant for it, and each chat's state."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections import OrderedDict
from collections.abc import Callable, Container, Coroutine
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from telegram import InlineQueryResultsButton, LinkPreviewOptions, Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from retrieval.models import Answer, Conversation

from . import telegram_render as tr
from .telegram_state import AllowList, ChatStore, RateLimiter, Verdict

log = logging.getLogger(__name__)

MAX_CHATS = 10_000  # conversations kept in memory (least recently used dropped)
INLINE_FACTOR = 3  # inline queries fire while the user types: a wider limit
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
PRIVATE = "本机器人仅供受邀用户使用（你的用户 ID：{user_id}）。"
SLOW_DOWN = "请稍后再问：每人每分钟最多提问 {limit} 次。"


def addressed_text(message: Message, bot_id: int, username: str) -> str | None:
    """The question of a group message meant for the bot (a mention or a reply), else None."""
    text = message.text or ""
    hit = False
    kinds: list[str | None] = [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
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


@dataclass(slots=True)
class ChatState:
    """One chat's conversation, and the lock that keeps its questions in order."""

    conv: Conversation
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    compared: Answer | None = None  # the last /compare, paged through with /more and 下一页
    compare_next: int = 0  # where its next page starts

    @property
    def comparing(self) -> bool:
        """Is the chat's last answer a comparison (so /more pages through it)?"""
        return self.compared is not None and self.compared is self.conv.last_answer


class ChatStates:
    """Each chat's state, the least recently used dropped; /report restrictions kept on disk."""

    def __init__(self, store: ChatStore, reports: Container[str], limit: int = MAX_CHATS) -> None:
        self.store = store
        self.reports = reports
        self.limit = limit
        self._chats: OrderedDict[int, ChatState] = OrderedDict()

    def get(self, chat_id: int) -> ChatState:
        """The chat's state; a new one starts with its /report restriction read from the store."""
        state = self._chats.get(chat_id)
        if state is not None:
            self._chats.move_to_end(chat_id)
            return state
        report = self.store.report(chat_id)
        if report is not None and report not in self.reports:
            log.warning("chat %s: restricted to %s, which is not in the corpus", chat_id, report)
            report = None
        state = ChatState(Conversation(report=report))
        self._chats[chat_id] = state
        if len(self._chats) > self.limit:
            self._chats.popitem(last=False)
        return state

    async def restrict(self, chat_id: int, report: str | None) -> bool:
        """Restrict the chat to a report (None: lift it) and save it; False if it was not saved."""
        state = self.get(chat_id)
        async with state.lock:
            state.conv.restrict(report)
        try:
            await asyncio.to_thread(self.store.set_report, chat_id, report)
        except OSError as exc:
            log.error("cannot save chat settings to %s: %s", self.store.path, exc)
            return False
        return True


class Gate:
    """The allow-list, then (for questions) the rate limit; a refused user is told once."""

    def __init__(self, allow: AllowList, rate_limit: int) -> None:
        self.allow = allow
        self.rate_limit = rate_limit
        self.questions = RateLimiter(rate_limit)
        self.inline_queries = RateLimiter(rate_limit * INLINE_FACTOR)
        self.strangers = RateLimiter(1)  # one "this bot is private" line per minute
        self._checks = 0

    async def admit(
        self, update: Update, question: bool = False, limiter: RateLimiter | None = None
    ) -> bool:
        """May this update's user be served (and, for a question, ask one more now)?"""
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
        elif update.inline_query is not None:  # always an answer, or the client keeps waiting
            button = InlineQueryResultsButton(text=text, start_parameter="start") if text else None
            await update.inline_query.answer([], cache_time=0, is_personal=True, button=button)
        elif text and update.message is not None:
            message = update.message
            await message.reply_html(
                tr.esc(text), do_quote=is_group(message), link_preview_options=NO_PREVIEW
            )


@dataclass(frozen=True, slots=True)
class Turn:
    """One admitted command: its message, its arguments and the chat's state."""

    update: Update
    message: Message
    arg: str  # the command's arguments, as one string
    chat: ChatState
    context: ContextTypes.DEFAULT_TYPE

    @property
    def conv(self) -> Conversation:
        return self.chat.conv


class Gated(Protocol):
    """What a handler's owner has for the gate: the gate itself and the chats' states."""

    gate: Gate
    chats: ChatStates


S = TypeVar("S", bound=Gated)
TurnMethod = Callable[[S, Turn], Coroutine[Any, Any, None]]
HandlerMethod = Callable[[S, Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def command(
    question: bool = False,
) -> Callable[[TurnMethod[S]], HandlerMethod[S]]:
    """The one gate of every command: a message, an admitted user, then the chat's state."""

    def wrap(method: TurnMethod[S]) -> HandlerMethod[S]:
        @functools.wraps(method)
        async def handler(self: S, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            message = update.message
            if message is None or not await self.gate.admit(update, question=question):
                return
            arg = " ".join(context.args or [])
            await method(self, Turn(update, message, arg, self.chats.get(message.chat_id), context))

        return handler

    return wrap
