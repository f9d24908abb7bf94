"""The Telegram bot's inline buttons: 原文 N, 更多 and 下一页, and the callback data they carry."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from retrieval.models import Answer, Passage

from .telegram_render import COMPARE_PAGE, compare_part

MAX_CALLBACK_DATA = 64  # bytes
MORE_DATA = "m"
_BUTTONS_PER_ROW = 5


@dataclass(frozen=True, slots=True)
class ShowButton:
    """A 原文 N button: passage position in Engine.passages, a check on its id, and N."""

    index: int
    check: str
    n: int


def passage_check(passage_id: str) -> str:
    """A short fingerprint of a passage id, so a button never shows another corpus's passage."""
    return f"{zlib.crc32(passage_id.encode('utf-8')):08x}"


def show_data(index: int, passage: Passage, n: int) -> str:
    data = f"s:{index}:{passage_check(passage.id)}:{n}"
    assert len(data.encode()) <= MAX_CALLBACK_DATA, data
    return data


@dataclass(frozen=True, slots=True)
class ComparePage:
    """A 下一页 button of a comparison: the rank its page starts after."""

    start: int


def parse_callback(data: str | None) -> str | ShowButton | ComparePage | None:
    """MORE_DATA, a ShowButton, a ComparePage, or None for data this bot did not make."""
    if data == MORE_DATA:
        return MORE_DATA
    if m := re.fullmatch(r"c:(\d{1,6})", data or ""):
        return ComparePage(int(m.group(1)))
    m = re.fullmatch(r"s:(\d{1,9}):([0-9a-f]{8}):(\d{1,4})", data or "")
    if not m:
        return None
    return ShowButton(int(m.group(1)), m.group(2), int(m.group(3)))


def answer_keyboard(
    answer: Answer, position: Callable[[str], int], more: bool = True
) -> InlineKeyboardMarkup | None:
    """`原文 N` for each citation, then `更多` (if `more`); None when the answer cites nothing.

    `position` maps a passage id to its index in Engine.passages (PassageTable.position).
    """
    if not answer.citations:
        return None
    buttons = [
        InlineKeyboardButton(
            f"原文 {n}", callback_data=show_data(position(c.passage.id), c.passage, n)
        )
        for n, c in enumerate(answer.citations, answer.offset + 1)
    ]
    rows = [buttons[i : i + _BUTTONS_PER_ROW] for i in range(0, len(buttons), _BUTTONS_PER_ROW)]
    if more:
        rows.append([InlineKeyboardButton("更多", callback_data=MORE_DATA)])
    return InlineKeyboardMarkup(rows)


def compare_keyboard(
    answer: Answer, start: int, position: Callable[[str], int]
) -> InlineKeyboardMarkup | None:
    """`原文 N` for the page's citations, then `下一页` if more reports follow."""
    keyboard = answer_keyboard(compare_part(answer, start), position, more=False)
    end = start + COMPARE_PAGE
    if keyboard is None or end >= len(answer.citations):
        return keyboard
    last = min(end + COMPARE_PAGE, len(answer.citations))
    label = f"下一页（第{end + 1}-{last}份）"
    rows = [*keyboard.inline_keyboard, [InlineKeyboardButton(label, callback_data=f"c:{end}")]]
    return InlineKeyboardMarkup(rows)
