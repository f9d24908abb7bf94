"""A forked worker gives freed memory back once idle (bot/web_memory.py)."""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from typing import Any

import httpx
import pytest

from bot import web_memory
from bot.web_memory import TrimWhenIdle


class SlowApp:
    """An ASGI app answering after `delay` seconds; `entered` is set while one is in flight."""

    def __init__(self) -> None:
        self.delay = 0.0
        self.entered = threading.Event()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.entered.set()
        await asyncio.sleep(self.delay)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def wait_for(test: Any, limit: float = 5.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if test():
            return True
        time.sleep(0.01)
    return bool(test())


def test_trims_once_after_a_burst_not_between_its_requests() -> None:
    trims: list[float] = []
    app = TrimWhenIdle(SlowApp(), idle=0.5, trim=lambda: trims.append(time.monotonic()))

    async def burst() -> float:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            for _ in range(20):  # back to back: never idle for 0.5 s
                assert (await client.get("/")).status_code == 200
        return time.monotonic()

    ended = asyncio.run(burst())
    assert wait_for(lambda: len(trims) == 1)
    assert trims[0] >= ended + 0.45  # after the idle spell, not during the burst
    time.sleep(0.5)
    assert len(trims) == 1 and app.trims == 1  # once per idle spell


def test_no_trim_while_a_request_is_in_flight() -> None:
    trims: list[float] = []
    slow = SlowApp()
    app = TrimWhenIdle(slow, idle=0.05, trim=lambda: trims.append(time.monotonic()))

    async def two() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            await client.get("/")  # ends: the idle spell starts
            slow.delay = 0.6
            await client.get("/")  # starts before 0.05 s passed, in flight for 0.6 s

    started = time.monotonic()
    asyncio.run(two())
    assert wait_for(lambda: len(trims) >= 1)
    assert trims[-1] >= started + 0.6  # only after the second request ended


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_glibc_takes_the_one_arena_setting_and_trims() -> None:
    assert web_memory.one_arena()
    web_memory.malloc_trim()  # runs (no exception)
