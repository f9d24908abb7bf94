"""`govqa serve --workers N` (N > 1): the engine loaded once, then N forked worker processes.

uvicorn's own workers are spawned: each would load jieba's dictionary (~75 MB of Python
objects) and open the index itself. Here the parent loads the engine first (jieba, the
mapped index segments) and freezes the garbage collector's view of it (gc.freeze), then
forks the workers, which share those pages copy-on-write; the index files are mapped, so
they are shared whatever happens. Each worker runs a uvicorn Server on the one listening
socket the parent opened (the kernel spreads connections), follows the corpus folder on its
own (LiveEngine, reusing the shared tokenizer), and is started again if it dies. SIGINT or
SIGTERM to the parent stops every worker.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import socket
import time
from collections.abc import Callable
from typing import Any

from retrieval.engine import Engine

log = logging.getLogger("govqa.web")

RESPAWN_PAUSE = 1.0  # seconds between a worker's death and its replacement
QUICK_DEATH = 10.0  # a worker that dies sooner than this after starting doubles the pause
MAX_PAUSE = 60.0


def listening_socket(host: str, port: int) -> socket.socket:
    """The socket every worker accepts on (IPv6 when the host is an IPv6 address)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def serve_prefork(
    engine: Engine,
    workers: int,
    sock: socket.socket,
    run_worker: Callable[[Engine, socket.socket], None],
) -> int:
    """Fork `workers` processes that each call run_worker(engine, sock); wait, respawn,
    stop them all on SIGINT/SIGTERM."""
    gc.collect()
    gc.freeze()  # what is loaded now stays out of the workers' collections: pages stay shared
    children: dict[int, int] = {}
    stopping = False

    started: dict[int, float] = {}
    pauses: dict[int, float] = {}
    signals = {signal.SIGINT, signal.SIGTERM}

    def start(slot: int) -> None:
        # Signals wait until the child is registered (or, in the child, its handlers reset).
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
        pid = os.fork()
        if pid == 0:  # the worker
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            code = 0
            try:
                run_worker(engine, sock)
            except BaseException:
                log.exception("worker %d stopped on an error", slot)
                code = 1
            finally:
                os._exit(code)
        children[pid] = slot
        started[slot] = time.monotonic()
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def stop(signum: int, frame: Any) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        for slot in range(workers):
            start(slot)
        while children:
            try:
                pid, _ = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:
                continue
            slot = children.pop(pid, -1)
            if slot < 0 or stopping:
                continue
            # A worker that dies soon after starting waits longer each time (up to a minute).
            quick = time.monotonic() - started.get(slot, 0.0) < QUICK_DEATH
            pause = min(pauses.get(slot, RESPAWN_PAUSE) * 2, MAX_PAUSE) if quick else RESPAWN_PAUSE
            pauses[slot] = pause
            log.warning("worker %d (pid %d) ended; another in %.0f s", slot, pid, pause)
            until = time.monotonic() + pause
            while not stopping and time.monotonic() < until:  # a stop ends the pause
                time.sleep(0.1)
            if not stopping:
                start(slot)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        sock.close()
    return 0
