"""A small fake Telegram Bot API on 127.0.0.1: real HTTP, long polling, recorded calls, faults.

It checks what Telegram checks and the bot could get wrong (the token in the URL, HTML parse
mode, the 4,096-character limit, 64-byte callback data, inline result ids) and answers like
Telegram does, so the real python-telegram-bot Application can run against it.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlparse

BOT_USER = {
    "id": 4242,
    "is_bot": True,
    "first_name": "govqa",
    "username": "govqa_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
_RAW = {"text", "message_text", "query", "description", "url", "secret_token", "parse_mode"}
_ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre"}
_HTML_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>|&(#\d+|#x[0-9a-fA-F]+|\w+);|[<>&]")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

REASONS = {400: "Bad Request: chat not found", 500: "Internal Server Error", 502: "Bad Gateway"}
# 500 | ("retry", seconds) | (code, description) | "drop"
Fault = int | tuple[str, float] | tuple[int, str] | str


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_html(source: str) -> tuple[str, list[str]]:
    """Telegram's HTML parse mode: (plain text, bold runs); ValueError where Telegram says 400."""
    out: list[str] = []
    bold: list[str] = []
    stack: list[tuple[str, int]] = []
    pos = 0
    for m in _HTML_TOKEN.finditer(source):
        out.append(source[pos : m.start()])
        pos = m.end()
        closing, tag, entity = m.group(1), m.group(2), m.group(4)
        if tag is not None:
            tag = tag.lower()
            if tag not in _ALLOWED_TAGS:
                raise ValueError(f'Unsupported start tag "{tag}" at byte offset {m.start()}')
            if closing:
                if not stack or stack[-1][0] != tag:
                    raise ValueError(
                        f'Unmatched end tag at byte offset {m.start()}, expected "</{stack[-1][0] if stack else ""}>"'
                    )
                opened, start = stack.pop()
                if opened in ("b", "strong"):
                    bold.append("".join(out)[start:])
            else:
                stack.append((tag, len("".join(out))))
        elif entity is not None:
            if entity.startswith("#x"):
                out.append(chr(int(entity[2:], 16)))
            elif entity.startswith("#"):
                out.append(chr(int(entity[1:])))
            elif entity in _ENTITIES:
                out.append(_ENTITIES[entity])
            else:
                raise ValueError(f"Unsupported HTML entity &{entity};")
        else:
            raise ValueError(
                f"Unsupported start tag or bare {m.group()!r} at byte offset {m.start()}"
            )
    out.append(source[pos:])
    if stack:
        raise ValueError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return "".join(out), bold


class BadRequest(Exception):
    """Answered as 400 with Telegram's wording."""


@dataclass
class Sent:
    """A message the bot sent (or edited)."""

    method: str
    chat_id: int
    message_id: int
    source: str  # the text as sent (HTML)
    text: str  # as a user sees it
    bold: list[str]
    keyboard: list[list[dict[str, Any]]] | None
    reply_to: int | None
    at: float = field(default_factory=time.monotonic)

    @property
    def buttons(self) -> list[dict[str, Any]]:
        return [b for row in self.keyboard or [] for b in row]


class FakeTelegram:
    """The Bot API methods the bot calls, over ThreadingHTTPServer in a thread."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.cond = threading.Condition()
        self.pending: list[dict[str, Any]] = []  # updates not yet confirmed by an offset
        self.delivered: Counter[int] = Counter()  # update id -> times returned by getUpdates
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.sent: list[Sent] = []
        self.faults: dict[str, deque[Fault]] = {}
        self.faults_served: list[tuple[str, Fault]] = []
        self.chats: dict[int, dict[str, Any]] = {}
        self._update_id = 100
        self._message_id = 1
        self._poll_generation = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> FakeTelegram:
        self._thread.start()
        return self

    def stop(self) -> None:
        with self.cond:
            self._poll_generation += 1
            self.cond.notify_all()
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    # -- what tests do ----------------------------------------------------------------------

    def fail(self, method: str, *faults: Fault) -> None:
        """The next requests to `method` get these faults, in order; wakes a waiting getUpdates."""
        with self.cond:
            self.faults.setdefault(method, deque()).extend(faults)
            self._poll_generation += 1  # an in-flight long poll returns [] now
            self.cond.notify_all()

    def push(self, kind: str, payload: dict[str, Any]) -> int:
        """Queue an update for getUpdates; returns its update_id."""
        with self.cond:
            self._update_id += 1
            update = {"update_id": self._update_id, kind: payload}
            chat = payload.get("chat") or (payload.get("message") or {}).get("chat")
            if chat:
                self.chats[chat["id"]] = chat
            self.pending.append(update)
            self.cond.notify_all()
            return self._update_id

    def new_message_id(self) -> int:
        with self.cond:
            self._message_id += 1
            return self._message_id

    def message(
        self,
        user: dict[str, Any],
        text: str | None = None,
        chat: dict[str, Any] | None = None,
        reply_to: Sent | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """A message as Telegram builds it, with bot_command and mention entities."""
        msg: dict[str, Any] = {
            "message_id": self.new_message_id(),
            "date": int(time.time()),
            "chat": chat or {"id": user["id"], "type": "private", "first_name": user["first_name"]},
            "from": user,
            **extra,
        }
        if text is not None:
            msg["text"] = text
            entities = entities_of(text)
            if entities:
                msg["entities"] = entities
        if reply_to is not None:
            msg["reply_to_message"] = self.as_message(reply_to)
        return msg

    def as_message(self, sent: Sent) -> dict[str, Any]:
        chat = self.chats.get(sent.chat_id, {"id": sent.chat_id, "type": "private"})
        msg: dict[str, Any] = {
            "message_id": sent.message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": BOT_USER,
            "text": sent.text,
        }
        if sent.keyboard:
            msg["reply_markup"] = {"inline_keyboard": sent.keyboard}
        return msg

    def wait(self, predicate: Callable[[], bool], timeout: float = 15.0) -> None:
        """Block until predicate() holds (checked on every request), or fail the test."""
        with self.cond:
            if not self.cond.wait_for(predicate, timeout):
                raise AssertionError(f"timed out after {timeout} s; calls: {self.methods()[-20:]}")

    def sent_to(self, chat_id: int) -> list[Sent]:
        with self.cond:
            return [s for s in self.sent if s.chat_id == chat_id]

    def methods(self) -> list[str]:
        with self.cond:
            return [m for m, _ in self.calls]

    def calls_of(self, method: str) -> list[dict[str, Any]]:
        with self.cond:
            return [p for m, p in self.calls if m == method]

    # -- the API ------------------------------------------------------------------------------

    def handle(self, method: str, params: dict[str, Any]) -> Any:
        """The result of one API call; raises BadRequest for a 400."""
        if method == "getMe":
            return BOT_USER
        if method in ("deleteWebhook", "setWebhook", "sendChatAction", "close", "logOut"):
            return True
        if method == "getUpdates":
            return self._get_updates(params)
        if method == "setMyCommands":
            commands = params.get("commands") or []
            for c in commands:
                if (
                    not re.fullmatch(r"[a-z0-9_]{1,32}", c["command"])
                    or not 1 <= len(c["description"]) <= 256
                ):
                    raise BadRequest("Bad Request: BOT_COMMAND_INVALID")
            return True
        if method in ("sendMessage", "editMessageText"):
            return self._send(method, params)
        if method == "answerCallbackQuery":
            text = params.get("text")
            if text is not None and len(text) > 200:
                raise BadRequest("Bad Request: MESSAGE_TOO_LONG")
            return True
        if method == "answerInlineQuery":
            results = params.get("results") or []
            ids = [r["id"] for r in results]
            if len(set(ids)) != len(ids) or any(len(i.encode()) > 64 for i in ids):
                raise BadRequest("Bad Request: RESULT_ID_INVALID")
            for r in results:
                content = r["input_message_content"]
                self._check_text(content["message_text"], content.get("parse_mode"))
            return True
        raise LookupError(method)

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        with self.cond:
            generation = self._poll_generation
            while True:
                if offset:
                    self.pending = [u for u in self.pending if u["update_id"] >= offset]
                if self.pending or self._poll_generation != generation:
                    break
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self.cond.wait(left)
            if self._poll_generation != generation:
                return []
            batch = self.pending[:limit]
            for u in batch:
                self.delivered[u["update_id"]] += 1
            return batch

    def _check_text(self, source: str, parse_mode: str | None) -> tuple[str, list[str]]:
        if parse_mode and parse_mode.upper() == "HTML":
            try:
                text, bold = parse_html(source)
            except ValueError as exc:
                raise BadRequest(f"Bad Request: can't parse entities: {exc}") from None
        else:
            text, bold = source, []
        if not text.strip():
            raise BadRequest("Bad Request: message text is empty")
        if utf16_len(text) > 4096:
            raise BadRequest("Bad Request: message is too long")
        return text, bold

    def _send(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        text, bold = self._check_text(str(params.get("text", "")), params.get("parse_mode"))
        keyboard = (params.get("reply_markup") or {}).get("inline_keyboard")
        for row in keyboard or []:
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= 64:
                    raise BadRequest("Bad Request: BUTTON_DATA_INVALID")
        reply = params.get("reply_parameters") or {}
        message_id = (
            int(params["message_id"]) if method == "editMessageText" else self.new_message_id()
        )
        sent = Sent(
            method,
            chat_id,
            message_id,
            str(params["text"]),
            text,
            bold,
            keyboard,
            reply.get("message_id"),
        )
        with self.cond:
            self.sent.append(sent)
            self.cond.notify_all()
        return self.as_message(sent)

    # -- HTTP ---------------------------------------------------------------------------------

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass  # quiet

            def handle_one_request(self) -> None:
                try:
                    super().handle_one_request()
                except ConnectionError:  # the bot hung up on a keep-alive connection
                    self.close_connection = True

            def do_GET(self) -> None:
                self._serve()

            def do_POST(self) -> None:
                self._serve()

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                m = re.fullmatch(r"/bot([^/]+)/(\w+)", urlparse(self.path).path)
                if not m or m.group(1) != api.token:
                    self._reply(
                        401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
                    )
                    return
                method = m.group(2)
                params = decode_params(
                    body, self.headers.get("Content-Type", ""), urlparse(self.path).query
                )
                with api.cond:
                    api.calls.append((method, params))
                    queue = api.faults.get(method)
                    fault = queue.popleft() if queue else None
                    if fault is not None:
                        api.faults_served.append((method, fault))
                    api.cond.notify_all()
                if fault == "drop":  # the connection dies without an answer
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if isinstance(fault, tuple) and isinstance(fault[0], int):
                    code, description = fault
                    self._reply(code, {"ok": False, "error_code": code, "description": description})
                    return
                if isinstance(fault, tuple):
                    self._reply(
                        429,
                        {
                            "ok": False,
                            "error_code": 429,
                            "description": f"Too Many Requests: retry after {fault[1]}",
                            "parameters": {"retry_after": fault[1]},
                        },
                    )
                    return
                if isinstance(fault, int):
                    self._reply(
                        fault,
                        {
                            "ok": False,
                            "error_code": fault,
                            "description": REASONS.get(fault, "Error"),
                        },
                    )
                    return
                try:
                    result = api.handle(method, params)
                except BadRequest as exc:
                    self._reply(400, {"ok": False, "error_code": 400, "description": str(exc)})
                except LookupError:
                    self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                else:
                    self._reply(200, {"ok": True, "result": result})

            def _reply(self, code: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode()
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the bot hung up (a long poll cancelled at shutdown)
                    self.close_connection = True

        return Handler


def decode_params(body: bytes, content_type: str, query: str) -> dict[str, Any]:
    """PTB posts form fields whose non-string values are JSON; JSON bodies work too."""
    if "application/json" in content_type:
        return json.loads(body or b"{}")
    pairs = parse_qsl(query) + parse_qsl(body.decode("utf-8"), keep_blank_values=True)
    params: dict[str, Any] = {}
    for key, value in pairs:
        if key in _RAW:
            params[key] = value
            continue
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


def entities_of(text: str) -> list[dict[str, Any]]:
    """bot_command (at the start) and @mention entities, offsets in UTF-16 units."""
    found = []
    m = re.match(r"/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?", text)
    if m:
        found.append({"type": "bot_command", "offset": 0, "length": utf16_len(m.group())})
    for m in re.finditer(r"@[A-Za-z0-9_]{5,32}", text):
        if found and m.start() < found[0]["length"]:
            continue
        found.append(
            {
                "type": "mention",
                "offset": utf16_len(text[: m.start()]),
                "length": utf16_len(m.group()),
            }
        )
    return found


def user(uid: int, username: str | None = "tester", first_name: str = "测试") -> dict[str, Any]:
    u: dict[str, Any] = {
        "id": uid,
        "is_bot": False,
        "first_name": first_name,
        "language_code": "zh-hans",
    }
    if username:
        u["username"] = username
    return u
