"""What a passage is indexed with: its own words, its headings and its report's places.

Kept apart so that the cache's keys (retrieval/cache.py) hash exactly the code that decides
a passage's tokens.
"""

from __future__ import annotations

from collections.abc import Sequence

from .models import ReportMeta
from .tokens import Tokenizer


def passage_context(section: Sequence[str], meta: ReportMeta) -> str:
    """What a passage is indexed with besides its text: headings and the report's places."""
    return " ".join([*section, meta.region or "", meta.parent or ""])


def passage_words(
    tokenizer: Tokenizer, text: str, section: Sequence[str], meta: ReportMeta
) -> list[str]:
    """Body words plus context: the section headings and the report's region names."""
    return tokenizer.words(text) + tokenizer.words(passage_context(section, meta))
