"""Sending to a chat: answers as HTML pages with their buttons, passages, plain replies."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Sequence

from telegram import InlineKeyboardMarkup, Message

from retrieval.engine import Engine
from retrieval.live import LiveEngine, current
from retrieval.models import Answer, Conversation, Passage

from . import telegram_buttons as tb
from . import telegram_render as tr
from .telegram_gate import NO_PREVIEW, ChatState, ChatStates, is_group


class Sender:
    """Asks the engine off the event loop, one question at a time per chat, and sends the reply."""

    def __init__(self, engine: Engine | LiveEngine, chats: ChatStates) -> None:
        self._source = engine
        self.chats = chats

    @property
    def engine(self) -> Engine:
        """The engine now (a LiveEngine follows the corpus folder)."""
        return current(self._source)

    async def pages(
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

    async def reply(self, message: Message, text: str) -> None:
        """Plain Chinese text (escaped here) to the message."""
        await self.pages(message, [tr.fit(text, tr.esc, tr.MAX_MESSAGE)])

    async def answer(
        self, message: Message, answer: Answer, quote: bool | None, more: bool = True
    ) -> None:
        pages = tr.answer_pages(answer, self.engine.reports)
        keyboard = tb.answer_keyboard(answer, self.engine.passages.position, more)
        await self.pages(message, pages, keyboard, quote)

    async def ask(self, message: Message, question: str) -> None:
        """Answer a question in the chat's conversation."""
        chat = self.chats.get(message.chat_id)
        async with chat.lock:
            # has_more judges the next hit (lazy_hits.py): in the worker thread, not the loop
            respond = functools.partial(self.engine.answer, question, chat.conv)
            answer, more = await asyncio.to_thread(_with_more, respond, chat.conv)
            await self.answer(message, answer, None, more=more)

    async def page_on(self, message: Message, quote: bool | None) -> None:
        """The next results of the chat's last question."""
        chat = self.chats.get(message.chat_id)
        async with chat.lock:
            respond = functools.partial(self.engine.more, chat.conv)
            answer, more = await asyncio.to_thread(_with_more, respond, chat.conv)
            await self.answer(message, answer, quote, more=more)

    async def compare(self, message: Message, question: str) -> None:
        """The best passage of each report, a page of them at a time."""
        chat = self.chats.get(message.chat_id)
        async with chat.lock:
            chat.compared = await asyncio.to_thread(self.engine.compare, question, chat.conv)
            await self._compare_page(message, chat, 0, None)

    async def compare_page(self, message: Message, start: int | None, quote: bool | None) -> bool:
        """A page of the chat's comparison (None: the next one); False if it is not current."""
        chat = self.chats.get(message.chat_id)
        async with chat.lock:
            if not chat.comparing or chat.compared is None:
                return False
            start = chat.compare_next if start is None else start
            if start >= len(chat.compared.citations):
                total = len(chat.compared.citations)
                await self.reply(message, f"对比结果已全部显示（共{total}份报告）。")
            else:
                await self._compare_page(message, chat, start, quote)
        return True

    async def _compare_page(
        self, message: Message, chat: ChatState, start: int, quote: bool | None
    ) -> None:
        answer = chat.compared
        assert answer is not None
        chat.compare_next = start + tr.COMPARE_PAGE
        pages = tr.compare_pages(answer, start, self.engine.reports)
        keyboard = tb.compare_keyboard(answer, start, self.engine.passages.position)
        await self.pages(message, pages, keyboard, quote)

    async def passage(
        self, message: Message, n: int, passage: Passage, words: Sequence[str], quote: bool | None
    ) -> None:
        """Citation n's passage with its neighbours."""
        views = self.engine.paragraph_context(passage, radius=1)
        report = self.engine.reports[passage.report]
        pages = tr.paragraph_pages(n, report, passage, views, words)
        await self.pages(message, pages, None, quote)


def _with_more(respond: Callable[[], Answer], conv: Conversation) -> tuple[Answer, bool]:
    """`respond()`'s answer and whether `conv` has more (which judges the next hit)."""
    return respond(), conv.has_more
