"""Logging for the bot: one format, secrets (the token is in every Bot API URL) blanked out."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def secrets_pattern(secrets: Sequence[str]) -> re.Pattern[str] | None:
    """Any of the secrets in any letter case (PTB capitalises error descriptions, which
    lower-cases the rest: a token quoted by Telegram comes back lower-cased)."""
    found = sorted({s for s in secrets if s}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, found)), re.IGNORECASE) if found else None


def redact(text: str, secrets: Sequence[str]) -> str:
    pattern = secrets_pattern(secrets)
    return pattern.sub("***", text) if pattern else text


class RedactingFormatter(logging.Formatter):
    """Formats a record, then blanks out secrets."""

    def __init__(self, fmt: str, secrets: Sequence[str]) -> None:
        super().__init__(fmt)
        self.pattern = secrets_pattern(secrets)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return self.pattern.sub("***", text) if self.pattern else text


def configure_logging(secrets: Sequence[str]) -> None:
    """INFO to stderr, secrets redacted, httpx quiet (it logs URLs, which contain the token)."""
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT, force=True)
    formatter = RedactingFormatter(LOG_FORMAT, secrets)
    for handler in logging.getLogger().handlers:
        handler.setFormatter(formatter)
    for noisy in ("httpx", "httpcore", "tornado.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
