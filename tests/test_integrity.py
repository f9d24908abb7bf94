"""The cache stays true to the files: one read per build, one writer, no orphan workers."""

from __future__ import annotations

import builtins
import fcntl
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from retrieval.cache import load_corpus
from retrieval.engine import Engine
from retrieval.tokens import Tokenizer

from .conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("002_853f39a04c100108.txt", "003_1252a86347db7bf3.txt")


@pytest.fixture(scope="module")
def tokenizer(engine: Engine) -> Tokenizer:
    return engine.tokenizer


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(SEEDS / name, folder / name)
    return folder


def _age(folder: Path, seconds: float = 100.0) -> None:
    """Date every file back, as a corpus that has not changed for a while."""
    then = time.time() - seconds
    for path in folder.iterdir():
        os.utime(path, (then, then))


# -- one read: the bytes hashed are the bytes indexed -----------------------------------------


def test_a_file_rewritten_during_a_build_does_not_poison_the_cache(
    corpus_dir: Path, tmp_path: Path, tokenizer: Tokenizer, monkeypatch
) -> None:
    target = corpus_dir / NAMES[1]
    good = target.read_bytes()
    real_open = builtins.open
    opened: list[str] = []

    def open_(file, mode="r", *args, **kwargs):  # a writer truncates the file after one read
        if Path(str(file)).name == target.name and "r" in mode and "b" in mode:
            opened.append(str(file))
            if len(opened) == 2:
                os.truncate(target, 0)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(io, "open", open_)
    first = load_corpus(corpus_dir, tokenizer, cache_dir=tmp_path / "c")
    monkeypatch.undo()
    target.write_bytes(good)  # the writer is done: the very bytes the build first saw
    again = load_corpus(corpus_dir, tokenizer, cache_dir=tmp_path / "c")
    assert [r.name for r in again.reports] == list(NAMES), again.warnings
    assert not again.warnings
    assert [r.name for r in first.reports] == list(NAMES)


def test_unchanged_files_are_not_read_and_changed_ones_are(
    corpus_dir: Path, tmp_path: Path, tokenizer: Tokenizer, monkeypatch
) -> None:
    _age(corpus_dir)
    load_corpus(corpus_dir, tokenizer, cache_dir=tmp_path / "c")
    real_open = builtins.open
    opened: list[str] = []

    def open_(file, mode="r", *args, **kwargs):
        if Path(str(file)).parent == corpus_dir and "r" in mode:
            opened.append(Path(str(file)).name)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(io, "open", open_)
    assert load_corpus(corpus_dir, tokenizer, cache_dir=tmp_path / "c").from_snapshot
    assert opened == []  # size and mtime as recorded: not even hashed
    target = corpus_dir / NAMES[0]
    text = target.read_text(encoding="utf-8")
    opened.clear()
    same_size = text.replace("粮食产量创历史", "火星氧气产历史", 1)
    assert len(same_size.encode()) == len(text.encode())
    target.write_text(same_size, encoding="utf-8")
    changed = load_corpus(corpus_dir, tokenizer, cache_dir=tmp_path / "c")
    assert changed.tokenized == 1 and changed.index.idf("氧气") is not None
    assert opened == [NAMES[0]]  # read once: hashed and indexed from the same bytes


# -- one writer at a time ---------------------------------------------------------------------

_STARTER = """
import json, sys, time
from pathlib import Path
from retrieval.cache import load_corpus
from retrieval.tokens import Tokenizer

tokenizer = Tokenizer()
tokenizer.warm_up()
print("ready", flush=True)
go = Path(sys.argv[3])
while not go.exists():
    time.sleep(0.005)
corpus = load_corpus(Path(sys.argv[1]), tokenizer, cache_dir=Path(sys.argv[2]))
print(json.dumps({"tokenized": corpus.tokenized, "passages": len(corpus.passages)}))
"""


def test_two_processes_building_together_take_turns(corpus_dir: Path, tmp_path: Path) -> None:
    where, go = tmp_path / "c", tmp_path / "go"
    cmd = [sys.executable, "-c", _STARTER, str(corpus_dir), str(where), str(go)]
    procs = [
        subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    go.touch()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert results[0]["passages"] == results[1]["passages"]
    # The second waited for the first and read its snapshot instead of tokenizing again.
    assert sorted(r["tokenized"] for r in results) == [0, 2]
    assert len(list((where / "versions").iterdir())) == 1


def test_a_reader_does_not_wait_for_a_writer(
    corpus_dir: Path, tmp_path: Path, tokenizer: Tokenizer
) -> None:
    where = tmp_path / "c"
    load_corpus(corpus_dir, tokenizer, cache_dir=where)
    with open(where / "lock", "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # a writer building something else
        done: list[bool] = []
        reader = threading.Thread(
            target=lambda: done.append(
                load_corpus(corpus_dir, tokenizer, cache_dir=where).from_snapshot
            )
        )
        reader.start()
        reader.join(timeout=30)
        assert done == [True]


# -- worker processes die with their parent ---------------------------------------------------

_COLD_BUILD = """
import sys
from pathlib import Path
from retrieval import build
from retrieval.cache import load_corpus
from retrieval.tokens import Tokenizer

if __name__ == "__main__":
    build.PARALLEL_CHARS = 0
    load_corpus(Path(sys.argv[1]), Tokenizer(), cache_dir=Path(sys.argv[2]), workers=2)
"""


def _children(pid: int) -> dict[int, str]:
    """Live (not zombie) processes whose parent is `pid`, with their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found[int(entry.name)] = cmdline
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return state[state.rindex(")") + 2] != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_a_killed_cold_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):  # enough text to keep two workers busy for a while
        for name in NAMES:
            shutil.copy(SEEDS / name, corpus / f"{i:02d}_{name}")
    script = tmp_path / "cold_build.py"
    script.write_text(_COLD_BUILD)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    parent = subprocess.Popen(
        [sys.executable, str(script), str(corpus), str(tmp_path / "c")],
        cwd=ROOT, env=env, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    children: dict[int, str] = {}
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            children = _children(parent.pid)
            if sum("spawn_main" in c for c in children.values()) >= 2:
                break
            assert parent.poll() is None, "the build ended before it could be killed"
            time.sleep(0.05)
        assert sum("spawn_main" in c for c in children.values()) >= 2, children
        time.sleep(0.5)  # the workers are past their start-up
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_alive(pid) for pid in children):
            time.sleep(0.05)
        assert not [c for pid, c in children.items() if _alive(pid)]
    finally:
        if parent.poll() is None:
            parent.kill()
        for pid in [*children, *_children(parent.pid)]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
