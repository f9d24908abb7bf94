"""The bot's small state and policies: per-chat settings on disk, the allow-list, rate limits."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .rate_limit import SlidingWindow

log = logging.getLogger(__name__)

_USERNAME = re.compile(r"@?([A-Za-z][A-Za-z0-9_]{4,31})")


class ChatStore:
    """Per-chat settings (the /report restriction) in one JSON file, replaced atomically.

    JSON, not pickle: the file is data and cannot run code when it is read back.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._chats: dict[str, dict[str, str]] = self._load()

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as exc:
            log.warning("cannot read %s (%s); starting without chat settings", self.path, exc)
            return {}
        try:
            data = json.loads(raw)
            chats = data["chats"]
            if not isinstance(chats, dict):
                raise TypeError("chats is not an object")
            return {
                str(chat): {k: v for k, v in values.items() if isinstance(v, str)}
                for chat, values in chats.items()
                if isinstance(values, dict)
            }
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("%s is not a chat settings file (%s); starting without it", self.path, exc)
            return {}

    def report(self, chat_id: int) -> str | None:
        with self._lock:
            return self._chats.get(str(chat_id), {}).get("report")

    def set_report(self, chat_id: int, report: str | None) -> None:
        """Remember (or forget) a chat's restriction and write the file at once."""
        with self._lock:
            values = self._chats.setdefault(str(chat_id), {})
            if report is None:
                values.pop("report", None)
            else:
                values["report"] = report
            if not values:
                del self._chats[str(chat_id)]
            self._write()

    def _write(self) -> None:
        """Write a temporary file beside the target, then os.replace it: never half a file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"version": 1, "chats": self._chats}, f, ensure_ascii=False, indent=1)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


@dataclass(frozen=True, slots=True)
class AllowList:
    """Who may use the bot: user ids and @usernames; empty means everyone."""

    ids: frozenset[int] = frozenset()
    usernames: frozenset[str] = frozenset()  # lower case, no @

    @classmethod
    def parse(cls, text: str) -> AllowList:
        """'123, @alice bob' -> ids {123}, usernames {alice, bob}; ValueError names a bad entry."""
        ids: set[int] = set()
        names: set[str] = set()
        for entry in re.split(r"[,，\s]+", text.strip()):
            if not entry:
                continue
            if entry.isdigit():
                ids.add(int(entry))
            elif m := _USERNAME.fullmatch(entry):
                names.add(m.group(1).lower())
            else:
                raise ValueError(entry)
        return cls(frozenset(ids), frozenset(names))

    @property
    def everyone(self) -> bool:
        return not self.ids and not self.usernames

    def allows(self, user_id: int, username: str | None) -> bool:
        if self.everyone or user_id in self.ids:
            return True
        return username is not None and username.lower() in self.usernames


class Verdict(Enum):
    ALLOW = "allow"
    NOTICE = "notice"  # just went over the limit: tell the user once
    SILENT = "silent"  # still over the limit: say nothing


class RateLimiter:
    """At most `limit` events per `window` seconds per key; over it, the user is told once."""

    def __init__(
        self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._window = SlidingWindow(limit, window, clock)
        self._noticed: set[Hashable] = set()

    def check(self, key: Hashable) -> Verdict:
        """Count one event for `key` if it is under the limit."""
        if self._window.check(key) == 0:
            self._noticed.discard(key)
            return Verdict.ALLOW
        if key in self._noticed:
            return Verdict.SILENT
        self._noticed.add(key)
        return Verdict.NOTICE

    def forget_idle(self) -> None:
        """Drop keys with no event inside the window, so memory follows active users only."""
        self._window.forget_idle()
        self._noticed &= self._window.keys()
