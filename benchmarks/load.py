"""A bounded load test of `govqa serve` on 127.0.0.1 (not part of the unit tests).

For each worker count: start `govqa serve --workers N` on a free port over the bundled reports
(warm index cache), wait until every worker answers /api/v1/health, then let C concurrent
clients (httpx, async) send R requests in all: questions from tests/data/qa.jsonl (GET and POST
/api/v1/ask), every tenth a follow-up (还有呢, with the last answer's conversation token), every
twentieth a comparison (of a few fixed topics). Prints p50/p95 latency, requests/s, non-200
answers, the resident memory of the server's processes together and each worker's CPU time.
The rate limit is off for that run; a last run with it on (1 worker, one client over the
limit) checks that it answers 429 with Retry-After.

    .venv/bin/python -m pip install -e '.[dev,bench]'   # httpx, psutil
    .venv/bin/python benchmarks/load.py [--workers 1,2] [--clients 20] [--requests 2000]

With --bench-size 300k it serves the benchmark's synthetic corpus of that size (its index in
benchmarks/.cache/, made by benchmarks/bench.py) and asks the benchmark's questions;
--no-compare leaves out the comparisons (each asks every report of the corpus).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [
    json.loads(line)["question"]
    for line in (ROOT / "tests" / "data" / "qa.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]

# Comparisons ask every report the same thing (a question about one report's "第二部分" is not
# one to compare, and the core says so).
COMPARE = ["地区生产总值增长多少", "粮食产量", "城镇新增就业", "固定资产投资", "一般公共预算收入"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(
    workers: int, cache: Path, rate_limit: int, corpus: Path = ROOT / "seeds"
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVQA_")}
    env |= {
        "GOVQA_CORPUS_DIR": str(corpus),
        "GOVQA_CACHE_DIR": str(cache),
        "GOVQA_WEB_SECRET": "load test",
        "GOVQA_WEB_RATE_LIMIT": str(rate_limit),
        "PYTHONPATH": str(ROOT),
    }
    cmd = [sys.executable, "-m", "bot.cli", "serve", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, env=env, cwd=cache.parent, stdout=subprocess.DEVNULL)
    return proc, f"http://127.0.0.1:{port}"


def wait_ready(
    base: str, proc: subprocess.Popen[bytes], workers: int, limit: float = 300.0
) -> float:
    """Seconds until every worker is loaded: 20 x workers health checks in a row answer 200,
    each on a new connection (the kernel hands connections to the workers in turn)."""
    started = time.monotonic()
    streak = 0
    while streak < 20 * workers:
        if proc.poll() is not None:
            raise SystemExit(f"govqa serve exited with {proc.returncode}")
        if time.monotonic() - started > limit:
            raise SystemExit(f"the server did not become ready in {limit:.0f} s")
        try:
            ok = httpx.get(f"{base}/api/v1/health", timeout=10).status_code == 200
        except httpx.TransportError:
            ok = False
        streak = streak + 1 if ok else 0
        if not ok:
            time.sleep(0.2)
    return time.monotonic() - started


def rss_mb(proc: subprocess.Popen[bytes]) -> tuple[float, int]:
    """Resident memory of the server and all its processes (MB), and how many processes."""
    root = psutil.Process(proc.pid)
    procs = [root, *root.children(recursive=True)]
    return sum(p.memory_info().rss for p in procs) / 2**20, len(procs)


def workers_of(proc: subprocess.Popen[bytes]) -> list[psutil.Process]:
    """The processes that serve: with several workers, uvicorn's supervisor's children that
    run govqa (not multiprocessing's resource tracker); with one, the process itself."""
    children = [
        p for p in psutil.Process(proc.pid).children() if "resource_tracker" not in p.cmdline()[-1]
    ]
    return children or [psutil.Process(proc.pid)]


def worker_rss_mb(proc: subprocess.Popen[bytes]) -> list[float]:
    return [p.memory_info().rss / 2**20 for p in workers_of(proc)]


def worker_cpu_s(proc: subprocess.Popen[bytes]) -> list[float]:
    """CPU seconds each serving process has used: how the requests were shared out."""
    return [sum(p.cpu_times()[:2]) for p in workers_of(proc)]


async def load(
    base: str, clients: int, total: int, questions: list[str], compare: bool = True
) -> dict[str, object]:
    latencies: list[float] = []
    statuses: Counter[int | str] = Counter()
    refused: list[str] = []
    counter = iter(range(total))
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)

    async def client(n: int, http: httpx.AsyncClient) -> None:
        token: str | None = None
        for i in counter:
            question = questions[(i * 7 + n) % len(questions)]
            t0 = time.perf_counter()
            try:
                if compare and i % 20 == 19:
                    topic = COMPARE[i % len(COMPARE)]
                    r = await http.post("/api/v1/compare", json={"question": topic})
                elif i % 10 == 9 and token:
                    r = await http.post(
                        "/api/v1/ask", json={"question": "还有呢", "conversation": token}
                    )
                elif i % 2:
                    r = await http.post("/api/v1/ask", json={"question": question})
                else:
                    r = await http.get("/api/v1/ask", params={"q": question})
                statuses[r.status_code] += 1
                if r.status_code != 200 and len(refused) < 5:
                    refused.append(f"{question[:30]} -> {r.status_code} {r.text[:120]}")
                if r.status_code == 200 and "conversation" in r.json():
                    token = r.json()["conversation"]
            except httpx.HTTPError as exc:
                statuses[type(exc).__name__] += 1
                continue
            latencies.append(time.perf_counter() - t0)

    async def one(n: int) -> None:
        """A client of its own (as each browser is), one connection, arriving 20 ms apart."""
        await asyncio.sleep(0.02 * n)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
            await client(n, http)

    started = time.perf_counter()
    await asyncio.gather(*(one(n) for n in range(clients)))
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": total,
        "seconds": elapsed,
        "rps": total / elapsed,
        "p50_ms": cuts[49] * 1000,
        "p95_ms": cuts[94] * 1000,
        "errors": sum(n for s, n in statuses.items() if s != 200),
        "statuses": dict(statuses),
        "refused": refused,
    }


async def over_the_limit(
    base: str, limit: int, requests: int, questions: list[str]
) -> dict[str, object]:
    statuses: Counter[int] = Counter()
    retry_after: set[str] = set()
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        for i in range(requests):
            r = await http.get("/api/v1/ask", params={"q": questions[i % len(questions)]})
            statuses[r.status_code] += 1
            if r.status_code == 429:
                retry_after.add(r.headers.get("retry-after", "missing"))
    return {"limit": limit, "sent": requests, "statuses": dict(statuses),
            "retry_after": sorted(retry_after)}  # fmt: skip


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", default="1,2", help="worker counts to run, e.g. 1,2")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--json", action="store_true", help="print the results as JSON too")
    parser.add_argument(
        "--bench-size",
        help="serve the benchmark's synthetic corpus of this size instead (e.g. 300k: made and "
        "indexed by benchmarks/bench.py first), asked the benchmark's questions",
    )
    parser.add_argument(
        "--no-compare", action="store_true", help="no comparisons (they ask every report)"
    )
    args = parser.parse_args(argv)
    rows = []
    corpus, questions, index = ROOT / "seeds", QUESTIONS, None
    if args.bench_size:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import bench

        size = bench.SIZES.get(args.bench_size, 0) or int(args.bench_size)
        corpus, questions, index = bench.ensure_corpus(size), bench.questions(), bench.CACHE
    with tempfile.TemporaryDirectory(prefix="govqa-load-") as tmp:
        cache = index / "index" if index else Path(tmp) / "cache"
        for workers in [int(w) for w in args.workers.split(",")]:
            proc, base = start(workers, cache, 0, corpus)
            try:
                ready = wait_ready(base, proc, workers)
                idle, processes = rss_mb(proc)
                cpu_before = worker_cpu_s(proc)
                result = asyncio.run(
                    load(base, args.clients, args.requests, questions, not args.no_compare)
                )
                result |= {"workers": workers, "processes": processes, "ready_s": ready,
                           "rss_idle_mb": idle, "rss_mb": rss_mb(proc)[0],
                           "worker_rss_mb": worker_rss_mb(proc),
                           "worker_cpu_s": [a - b for a, b in zip(worker_cpu_s(proc), cpu_before,
                                                                  strict=True)]}  # fmt: skip
            finally:
                stop(proc)
            rows.append(result)
            print(
                f"workers={workers}: ready in {ready:.1f} s; {result['requests']} requests, "
                f"{args.clients} clients, "
                f"{result['seconds']:.1f} s, {result['rps']:.0f} req/s, "
                f"p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms, "
                f"errors {result['errors']} {result['statuses']}, "
                f"RSS {result['rss_idle_mb']:.0f} MB loaded -> {result['rss_mb']:.0f} MB after, "
                f"{result['processes']} processes (workers: "
                + ", ".join(f"{m:.0f}" for m in result["worker_rss_mb"])  # type: ignore[attr-defined]
                + " MB; CPU s during the run: "
                + ", ".join(f"{s:.1f}" for s in result["worker_cpu_s"])  # type: ignore[attr-defined]
                + ")",
                flush=True,
            )
            for line in result["refused"]:  # type: ignore[attr-defined]
                print("  refused:", line)
        proc, base = start(1, cache, 60, corpus)
        try:
            wait_ready(base, proc, 1)
            limited = asyncio.run(over_the_limit(base, 60, 100, questions))
        finally:
            stop(proc)
        print(
            f"rate limit 60/min, one client, 100 requests: {limited['statuses']}, "
            f"Retry-After {limited['retry_after']}"
        )
    if args.json:
        print(json.dumps({"runs": rows, "rate_limit": limited}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
