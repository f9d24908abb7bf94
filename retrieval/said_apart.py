"""A word said in its pieces within one sentence ("粮食生产再获丰收，总产达到557亿斤" says
粮食总产): the question's concepts carry the pieces of their words (query.Concept.apart)."""

from __future__ import annotations

import re
from collections.abc import Container, Sequence


def said_apart(text: str | Container[str], apart: Sequence[tuple[str, ...]]) -> bool:
    """Does one sentence of `text` hold every piece of a word ("粮食…总产" for 粮食总产)?"""
    if not isinstance(text, str):
        text = getattr(text, "text", "")
    for pieces in apart:
        if all(p in text for p in pieces):
            for clause in _SENTENCE_END.split(text):
                if all(p in clause for p in pieces):
                    return True
    return False


_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
