"""What guards the web shell: signed conversation tokens, the rate limit, the client's address,
security headers. Plain classes; bot/web.py wires them into the app."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import ipaddress
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .rate_limit import SlidingWindow

TOKEN_VERSION = 1


class BadToken(Exception):
    """A conversation token that was not made by us (with this secret), or has expired."""

    def __init__(self, expired: bool = False) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


@dataclass(frozen=True, slots=True)
class ConversationState:
    """What a follow-up needs: the last question, how far it has paged, the report asked about."""

    question: str | None
    offset: int
    report: str | None


class ConversationTokens:
    """Stateless conversations: the state travels with the client, signed with HMAC-SHA256.

    Any worker (or machine) holding the same secret can check a token and rebuild the
    conversation from it, so nothing is stored on the server; a token cannot be forged or
    altered, only replayed until it expires.
    """

    def __init__(self, secret: bytes, ttl: float, clock: Callable[[], float] = time.time) -> None:
        if not secret:
            raise ValueError("empty secret")
        self._key = hashlib.sha256(b"govqa conversation\0" + secret).digest()
        self._ttl = ttl
        self._clock = clock

    def issue(self, state: ConversationState) -> str:
        body = {"v": TOKEN_VERSION, "t": int(self._clock()), "q": state.question,
                "o": state.offset, "r": state.report}  # fmt: skip
        payload = _b64(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode())
        return f"{payload}.{self._sign(payload)}"

    def read(self, token: str) -> ConversationState:
        payload, _, signature = token.partition(".")
        if not payload or not hmac.compare_digest(signature, self._sign(payload)):
            raise BadToken()
        try:
            body = json.loads(_unb64(payload))
        except (ValueError, binascii.Error) as exc:
            raise BadToken() from exc
        if not isinstance(body, dict) or body.get("v") != TOKEN_VERSION:
            raise BadToken()
        issued, question, offset, report = (body.get(k) for k in ("t", "q", "o", "r"))
        if not isinstance(issued, int) or issued + self._ttl < self._clock():
            raise BadToken(expired=True)
        if not (
            isinstance(offset, int)
            and offset >= 0
            and isinstance(question, str | None)
            and isinstance(report, str | None)
        ):
            raise BadToken()
        return ConversationState(question, offset, report)

    def _sign(self, payload: str) -> str:
        return _b64(hmac.new(self._key, payload.encode("ascii"), hashlib.sha256).digest())


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# Held in memory, so per worker process: with N workers a client gets up to N times the
# limit, as README says.
RateLimiter = SlidingWindow


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(text: str) -> tuple[Network, ...]:
    """ "127.0.0.1, 10.0.0.0/8" -> networks; ValueError on a bad entry."""
    parts = (p.strip() for p in text.split(","))
    return tuple(ipaddress.ip_network(p, strict=False) for p in parts if p)


def client_address(
    peer: str | None,
    forwarded_for: str | None,
    trusted: Iterable[Network],
) -> str:
    """The client's address: the peer's, unless the peer is a trusted proxy.

    Behind trusted proxies, X-Forwarded-For is read from the right: the first address that
    is not itself a trusted proxy is the client (entries further left are the client's own
    claims and could be forged).
    """
    trusted = tuple(trusted)
    if not peer or not forwarded_for or not _within(peer, trusted):
        return peer or "unknown"
    hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _within(hop, trusted):
            return hop
    return hops[0] if hops else peer


def _within(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


SECURITY_HEADERS = (
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        b"form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response (a pure ASGI middleware)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in dict(SECURITY_HEADERS)
                ]
                message = {**message, "headers": [*headers, *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
