"""The bench's measurements of an index at scale (benchmarks/bench.py runs them per size).

* disk: what the index of a corpus takes on disk, by kind of file;
* change: one report added to (or removed from) an indexed corpus, in a fresh process with the
  index warm: `Engine.from_dir` plus the first answer about it, and that process's peak RSS;
* warm start: `govqa ask` from the warm cache against jieba's own dictionary load;
* serving memory: RSS, PSS and private memory (USS) of `govqa serve --workers N`.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
MB = 2**20

# -- disk -------------------------------------------------------------------------------------

# What each .npy of a segment holds (retrieval/segment.py).
_KINDS = {
    "postings": ("term_hash", "term_bytes", "term_offsets", "indptr", "postings"),
    "passage table": ("report", "start", "end", "paragraph", "section", "glossary", "pages",
                      "byte_start", "byte_end", "doc_len", "id_bytes", "id_offsets"),
    "sentence hashes": ("sentences", "sentence_offsets"),
    "stored texts": ("text_bytes", "text_offsets"),
}  # fmt: skip


def disk_sizes(folder: Path, cache_dir: Path, tokenizer_version: str) -> dict[str, float]:
    """MB on disk of the current version of `folder`'s index, by kind of file.

    "index" is what answering needs (postings, passage table, sentence hashes, segment heads,
    corpus statistics); stored texts and per-file token caches are counted beside it.
    "cleaned text" is the UTF-8 size of every report's cleaned text (what text_bytes holds)."""
    from retrieval import cache
    from retrieval.cache_keys import file_key
    from retrieval.scan import StatRecords, scan

    where = cache.version_path(folder, cache_dir, tokenizer_version)
    head = json.loads((where / "version.json").read_text("utf-8"))
    kind_of = {name: kind for kind, names in _KINDS.items() for name in names}
    out = dict.fromkeys((*_KINDS, "segment heads", "statistics", "token caches"), 0.0)
    cleaned = 0
    for seg in head["segments"]:
        for path in (cache_dir / "segments" / seg).iterdir():
            size = path.stat().st_size
            out[kind_of.get(path.stem, "segment heads")] += size
            if path.stem == "text_bytes":
                cleaned += np.load(path, mmap_mode="r").nbytes
    out["statistics"] = sum(p.stat().st_size for p in where.iterdir())
    for state in scan(folder, StatRecords.for_folder(cache_dir, folder)):
        if state.warning is None:
            key = file_key(state.name, state.digest, tokenizer_version)
            entry = cache_dir / "files" / f"{key}.npz"
            out["token caches"] += entry.stat().st_size if entry.is_file() else 0
    mb = {k: v / MB for k, v in out.items()}
    mb["index"] = sum(mb[k] for k in ("postings", "passage table", "sentence hashes",
                                      "segment heads", "statistics"))  # fmt: skip
    mb["cleaned text"] = cleaned / MB
    mb["segments"] = len(head["segments"])
    return mb


# -- adding and removing one report -----------------------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM): that of its own address space.

    Not getrusage's ru_maxrss: on Linux that is kept across fork and exec, so a child of a
    large parent reports the parent's size."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def change_step(folder: Path, cache_dir: Path, report: str, questions: list[str]) -> dict:
    """In this (fresh) process: jieba loaded first (as in a serving process), then the engine
    from the cache after a change of the folder, and answers until one cites `report` (or,
    if it is gone, the first answer). Seconds, peak RSS, whether `report` was cited."""
    from retrieval.engine import Engine
    from retrieval.models import Conversation
    from retrieval.tokens import Tokenizer

    t = time.perf_counter()
    tokenizer = Tokenizer()
    tokenizer.warm_up()
    jieba_s = time.perf_counter() - t
    rss_jieba = peak_rss_mb()
    t = time.perf_counter()
    engine = Engine.from_dir(folder, tokenizer=tokenizer, cache_dir=cache_dir)
    load_s = time.perf_counter() - t
    present = report in engine.reports
    cited, scoped, asked, first = False, False, [], ""
    # Unscoped first (the question names the report's place); where the place is not
    # recognised (a synthetic name can be unknown to the region table), then scoped to the
    # report, as the API's `report` filter or the REPL's /report does.
    for conv in (Conversation, lambda: Conversation(report=report)):
        for q in questions:
            answer = engine.answer(q, conv())
            first = first or answer.status.name
            asked.append(q)
            cited = any(c.report.name == report for c in answer.citations)
            if cited or not present:
                break
        if cited or not present:
            break
        scoped = True
    total = time.perf_counter() - t
    return {
        "seconds": total,
        "load_s": load_s,
        "answer_s": total - load_s,
        "jieba_s": jieba_s,
        "peak_mb": peak_rss_mb(),
        "ru_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_jieba_mb": rss_jieba,
        "present": present,
        "cited": cited,
        "scoped": scoped,
        "first_status": first,
        "asked": len(asked),
        "question": asked[-1] if asked else "",
        "segments": len(engine.index.segments),
        "version": engine.index.version,
    }


def measure_changes(
    n: int,
    folder: Path,
    cache_dir: Path,
    new_text: str,
    new_name: str,
    questions_about: Callable[[str], list[str]],
    bench: Path,
) -> dict:
    """Four fresh processes, each timed to its first answer: add one new report; remove it
    again (the folder is then as before: its version is still cached); remove an original
    report (its segment is rewritten); put it back. The folder is as it was afterwards."""
    files = sorted(folder.glob("*.txt"))
    original = files[0]
    hold = Path(tempfile.mkdtemp(prefix="govqa-bench-"))
    out: dict[str, dict] = {}

    def step(label: str, report: str) -> None:
        cmd = [sys.executable, str(bench), "--change-step", str(n), "--report", report]
        done = subprocess.run(cmd, check=True, capture_output=True, text=True)
        out[label] = json.loads(done.stdout.splitlines()[-1])

    added = folder / new_name
    try:
        added.write_text(new_text, encoding="utf-8")
        step("add", new_name)
        added.unlink()
        step("remove added", new_name)
        shutil.move(original, hold / original.name)
        step("remove original", original.name)
        shutil.move(hold / original.name, original)
        step("restore original", original.name)
    finally:
        added.unlink(missing_ok=True)
        if (hold / original.name).exists():
            shutil.move(hold / original.name, original)
        shutil.rmtree(hold, ignore_errors=True)
    return out


# -- warm start ---------------------------------------------------------------------------------


def wall(cmd: list[str], env: dict[str, str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def warm_start(folder: Path, cache_dir: Path, question: str, bench: Path) -> dict:
    """Median wall time of `govqa ask` from the warm cache (compiled modules kept, see
    with_bytecode) and of jieba's own load, each in a fresh process, and what the `ask` time
    is made of (one more process, timed inside)."""
    env = with_bytecode(_env(folder, cache_dir))
    py = sys.executable
    ask = [py, "-m", "bot.cli", "ask", question]
    subprocess.run(ask, env=env, check=True, capture_output=True, cwd=ROOT)  # warm
    jieba_alone = wall([py, "-c", "import jieba; jieba.initialize()"], env)
    ask_s = wall(ask, env)
    split = subprocess.run(
        [py, str(bench), "--startup-split", "--corpus", str(folder), "--cache", str(cache_dir)],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return {"jieba_alone": jieba_alone, "ask": ask_s, **json.loads(split.stdout)}


def with_bytecode(env: dict[str, str]) -> dict[str, str]:
    """`env` letting Python keep compiled modules: a warm start of an installed govqa has
    them, as jieba has in site-packages; with PYTHONDONTWRITEBYTECODE set (as on this
    machine), each `govqa ask` compiled ~60 of its modules again (~0.1-0.2 s)."""
    return {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _env(folder: Path, cache_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVQA_")}
    env |= {"GOVQA_CORPUS_DIR": str(folder), "GOVQA_CACHE_DIR": str(cache_dir),
            "PYTHONPATH": str(ROOT)}  # fmt: skip
    return env


# -- serving memory -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serving_memory(
    folder: Path, cache_dir: Path, questions: list[str], workers: int, per_worker: int = 200
) -> dict:
    """`govqa serve --workers N` over `folder` (warm cache): once every worker answers, N x
    `per_worker` questions from N clients (new connection each, the kernel spreads them over
    the workers), then RSS, PSS and USS of every process of the server."""
    import httpx
    import psutil
    from load import stop, wait_ready  # beside this file, like scale.py beside bench.py

    port = _free_port()
    env = _env(folder, cache_dir) | {"GOVQA_WEB_SECRET": "bench", "GOVQA_WEB_RATE_LIMIT": "0"}
    cmd = [sys.executable, "-m", "bot.cli", "serve", "--port", str(port),
           "--workers", str(workers)]  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        ready_s = wait_ready(base, proc, workers, limit=600.0)
        rng = random.Random(f"govqa-bench-serve-{workers}")
        asked = [rng.choice(questions) for _ in range(per_worker * workers)]
        statuses: list[int] = []

        def ask(q: str) -> int:
            return httpx.get(f"{base}/api/v1/ask", params={"q": q}, timeout=60).status_code

        with ThreadPoolExecutor(workers) as pool:
            statuses = list(pool.map(ask, asked))
        time.sleep(0.5)
        root = psutil.Process(proc.pid)
        rows = []
        for p in [root, *root.children(recursive=True)]:
            try:
                info = p.memory_full_info()
                line = " ".join(p.cmdline())
            except psutil.Error:
                continue
            role = "worker"
            if "resource_tracker" in line:
                role = "other"
            elif workers > 1 and p.pid == proc.pid:
                role = "parent"
            rows.append({"role": role, "rss": info.rss / MB, "pss": info.pss / MB,
                         "uss": info.uss / MB})  # fmt: skip
        work = [r for r in rows if r["role"] == "worker"]
        return {
            "workers": workers,
            "found_workers": len(work),
            "ready_s": ready_s,
            "questions": len(asked),
            "non_200": sum(1 for s in statuses if s != 200),
            "worker_rss": [r["rss"] for r in work],
            "worker_pss": [r["pss"] for r in work],
            "worker_uss": [r["uss"] for r in work],
            "processes": rows,
            "total_rss": sum(r["rss"] for r in rows),
            "total_pss": sum(r["pss"] for r in rows),
            "total_uss": sum(r["uss"] for r in rows),
        }
    finally:
        try:
            left = psutil.Process(proc.pid).children(recursive=True)
        except psutil.Error:
            left = []
        stop(proc)
        for child in left:  # workers the supervisor did not stop (by their own pids)
            with contextlib.suppress(psutil.Error):
                child.kill()
