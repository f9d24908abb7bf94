"""Logging for the bot: one format, secrets (the token is in every Bot API URL) blanked out."""

from __future__ import annotations

import logging
from collections.abc import Sequence

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactingFormatter(logging.Formatter):
    """Formats a record, then blanks out secrets."""

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
