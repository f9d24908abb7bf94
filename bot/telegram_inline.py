"""The bot's buttons (原文 N, 更多, 下一页) and inline mode (@bot 问题 in any chat).

A mixin of GovqaBot: its handlers pass the same gate as the commands.
"""

from __future__ import annotations

import asyncio

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from retrieval.engine import Engine
from retrieval.models import Conversation, Passage

from . import render
from . import telegram_buttons as tb
from . import telegram_render as tr
from . import telegram_texts as tt
from .app import clean_question
from .telegram_gate import ChatStates, Gate
from .telegram_send import Sender

INLINE_CACHE_SECONDS = 60


class ButtonsAndInline:
    """on_button and on_inline, over what GovqaBot holds."""

    chats: ChatStates
    gate: Gate
    send: Sender

    @property
    def engine(self) -> Engine:
        raise NotImplementedError

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """更多 pages on; 原文 N shows a cited passage with its neighbours."""
        query = update.callback_query
        if query is None:
            return
        data = tb.parse_callback(query.data)
        paging = data == tb.MORE_DATA or isinstance(data, tb.ComparePage)
        if not await self.gate.admit(update, question=paging):
            return
        message = query.message
        if not isinstance(message, Message):  # too old for Telegram to show us
            await query.answer(tt.STALE_BUTTON)
            return
        if data == tb.MORE_DATA:
            await query.answer()
            await self.send.page_on(message, False)
            return
        if isinstance(data, tb.ComparePage):
            shown = await self.send.compare_page(message, data.start, False)
            await query.answer(None if shown else tt.STALE_BUTTON)
            return
        passage = self.button_passage(data) if isinstance(data, tb.ShowButton) else None
        if passage is None or not isinstance(data, tb.ShowButton):
            await query.answer(tt.STALE_BUTTON)
            return
        await query.answer()
        words = self.matched(message.chat_id, passage)
        await self.send.passage(message, data.n, passage, words, False)

    def button_passage(self, button: tb.ShowButton) -> Passage | None:
        passages = self.engine.passages
        if not 0 <= button.index < len(passages):
            return None
        passage = passages[button.index]
        return passage if tb.passage_check(passage.id) == button.check else None

    def matched(self, chat_id: int, passage: Passage) -> tuple[str, ...]:
        """The terms to bold in a passage: those of the chat's last answer citing it."""
        last = self.chats.get(chat_id).conv.last_answer
        for c in last.citations if last else ():
            if c.passage.id == passage.id:
                return c.matched
        return ()

    async def on_inline(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """@bot 问题 in any chat: one result per citation; choosing one posts its excerpt."""
        query = update.inline_query
        if query is None:
            return
        text = clean_question(query.query).strip()
        if not text:
            hint = InlineQueryResultsButton(
                text="输入问题，例如：" + render.EXAMPLES[0], start_parameter="help"
            )
            await query.answer([], cache_time=0, is_personal=True, button=hint)
            return
        if not await self.gate.admit(update, question=True, limiter=self.gate.inline_queries):
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
            note = render.message(answer, self.engine.reports.values(), "/reports") or "没有找到"
            button = InlineQueryResultsButton(text=note[:60], start_parameter="help")
        # is_personal: Telegram must not serve one user's cached results to another
        await query.answer(
            results, cache_time=INLINE_CACHE_SECONDS, is_personal=True, button=button
        )
