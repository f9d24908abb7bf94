"""The shells: `govqa ask --json` contract, other commands, the REPL driven through stdin."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from bot.cli import main
from bot.repl import Repl
from retrieval.engine import Engine

from .conftest import ROOT

KEYS = {"question", "answered", "message", "notice", "citations"}
CITATION_KEYS = {"rank", "source", "region", "title", "section", "paragraph", "passage_id",
                 "excerpt", "text", "score", "reference", "source_url", "published"}  # fmt: skip


def run(args: list[str], stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "GOVQA_CACHE_DIR": str(ROOT / ".cache" / "test"), **(env or {})},
        timeout=120,
    )


def test_ask_json_contract(capsys) -> None:
    assert main(["ask", "--json", "辽源市过去五年粮食产量怎么样？"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert set(obj) == KEYS
    assert obj["answered"] is True and obj["message"] is None
    assert len(obj["citations"]) == 3
    first = obj["citations"][0]
    assert set(first) == CITATION_KEYS
    assert first["rank"] == 1 and first["source"] == "002_853f39a04c100108.txt"
    assert first["region"] == "辽源市" and isinstance(first["section"], list)
    assert first["excerpt"] in first["text"] and isinstance(first["score"], float)
    assert first["passage_id"].startswith("002_853f39a04c100108.txt#")
    assert first["reference"].startswith("《(吉林省)辽源市人民政府工作报告(2022年1月11日)》一、")
    assert first["reference"].endswith(f"第{first['paragraph']}段")


def test_ask_json_stdin_one_line_per_question_in_order() -> None:
    questions = [
        "六稳六保是什么意思？",
        "",
        "大庆市让胡路区市场主体有多少家",
        "量子计算机的比特数",
        "赛罕区老旧小区改造",
    ]
    proc = run(["ask", "--json", "--top-k", "2", "-"], stdin="\n".join(questions) + "\n")
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(ln) for ln in proc.stdout.splitlines()]
    assert [o["question"] for o in lines] == questions
    assert [o["answered"] for o in lines] == [True, False, False, False, True]
    assert len(lines[0]["citations"]) == 2
    assert lines[1]["message"].startswith("请输入具体问题")
    assert "没有大庆市让胡路区的报告" in lines[2]["message"] and "辽源市" in lines[2]["message"]
    assert "没有找到" in lines[3]["message"]


def test_ask_text_output(capsys) -> None:
    assert main(["ask", "六稳六保是什么意思？"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("[1] 呼和浩特市赛罕区 · 呼和浩特市赛罕区2021年政府工作报告")
    assert "名词解释 › 六稳六保 · 第" in out


def test_reports_and_index(capsys) -> None:
    assert main(["reports"]) == 0
    out = capsys.readouterr().out
    assert (
        out.count("\n") == 5
        and "铁东区／四平市／吉林省 · 县级 · 2021年 · 2020年铁东区政府工作报告 · 2021-01-09 · 代区长申洪业"
        in out
    )
    assert main(["index"]) == 0
    assert capsys.readouterr().out.startswith("报告 5 份，章节")


def test_missing_corpus_exits_2_with_one_line(tmp_path) -> None:
    proc = run(["ask", "--corpus", str(tmp_path / "nope"), "问题"])
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "语料文件夹不存在" in proc.stderr
    proc = run(["--corpus", str(tmp_path), "ask", "问题"])
    assert proc.returncode == 2 and "没有可读的报告" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_corpus_from_environment_and_bad_setting(tmp_path) -> None:
    proc = run(["ask", "问题"], env={"GOVQA_CORPUS_DIR": str(tmp_path / "nope")})
    assert proc.returncode == 2 and str(tmp_path / "nope") in proc.stderr
    proc = run(["ask", "问题"], env={"GOVQA_TOP_K": "zero"})
    assert proc.returncode == 2 and "top_k" in proc.stderr and "Traceback" not in proc.stderr


def test_unreadable_file_is_named_and_the_rest_served(tmp_path) -> None:
    (tmp_path / "a.txt").write_text((ROOT / "seeds" / "002_853f39a04c100108.txt").read_text())
    (tmp_path / "broken.txt").write_bytes(b"\x00\xff" * 100)
    proc = run(["ask", "--corpus", str(tmp_path), "--json", "辽源粮食产量"])
    assert proc.returncode == 0
    assert "broken.txt" in proc.stderr
    assert json.loads(proc.stdout)["answered"] is True


def test_repl_through_stdin() -> None:
    script = "\n".join(
        [":help", ":reports", "六稳六保是什么意思？", ":show 1", ":more", ":show 9",
         ":report 辽源", "粮食产量", ":report 长春", ":all", ":nope", "", "？？", ":quit", "不会执行"]
    )  # fmt: skip
    proc = run(["repl"], stdin=script)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("govqa：已载入 5 份政府工作报告")
    assert ":report 名称" in out
    assert "▶ 第" in out  # :show marks the cited passage among its neighbours
    assert "[4] " in out  # :more continues the numbering
    assert "没有第 9 条引文" in out
    assert "已限定在：辽源市" in out and "找不到报告“长春”" in out
    assert "已取消限定" in out and "未知命令“:nope”" in out
    assert "请输入具体问题" in out
    assert out.rstrip().endswith("再见。")
    assert "不会执行" not in out


def test_repl_restriction_applies_to_questions(engine: Engine) -> None:
    repl = Repl(engine)
    repl.handle(":report 赛罕")
    reply = repl.handle("老旧小区改造")
    assert "赛罕区" in reply and "铁东区 ·" not in reply
    assert repl.handle(":quit") is None


@pytest.mark.parametrize("question", ["<script>alert(1)</script>", "a" * 2000])
def test_absurd_questions_keep_the_repl_running(engine: Engine, question: str) -> None:
    repl = Repl(engine)
    assert isinstance(repl.handle(question), str)
    assert isinstance(repl.handle("辽源粮食产量"), str)


@pytest.mark.skipif(
    not (ROOT.parent / "shared" / "qa" / "qa_eval.py").exists(), reason="no ../shared"
)
def test_eval_prints_the_reference_scorers_figures(tmp_path) -> None:
    shared = ROOT.parent / "shared" / "qa"
    qa = shared / "dev.jsonl"
    questions = [
        json.loads(ln)["question"]
        for ln in qa.read_text(encoding="utf-8").splitlines()
        if ln.strip()
    ]
    answers = run(["ask", "--json", "-"], stdin="\n".join(questions) + "\n")
    assert answers.returncode == 0, answers.stderr
    (tmp_path / "answers.jsonl").write_text(answers.stdout, encoding="utf-8")
    reference = subprocess.run(
        [sys.executable, str(shared / "qa_eval.py"), str(qa), str(tmp_path / "answers.jsonl")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    ours = run(["eval", str(qa)])
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout.strip().splitlines()[-1] == reference.stdout.strip().splitlines()[-1]


def test_env_example_and_readme_document_every_setting() -> None:
    from bot.settings import Settings

    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        var = f"GOVQA_{name.upper()}"
        assert var in example, var
        assert var in readme, var


def _read_until(fd: int, needle: str, timeout: float = 60) -> str:
    import select
    import time

    buf = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end and needle.encode() not in buf:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
    return buf.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_repl_in_a_terminal_ctrl_c_cancels_ctrl_d_exits(tmp_path) -> None:
    """The interactive path (prompt_toolkit) in a real pseudo-terminal."""
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "GOVQA_HISTORY_FILE": str(tmp_path / "history")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "repl"],
        stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env, close_fds=True,
    )  # fmt: skip
    os.close(slave)
    try:
        assert "已载入 5 份政府工作报告" in _read_until(master, "问>")
        os.write(master, "六稳六保是什么意思".encode() + b"\r")
        out = _read_until(master, "名词解释")
        assert "六稳六保" in out and "\x1b[1;33m" in out  # matched words highlighted
        os.write(master, b"abc\x03")  # Ctrl-C cancels the line, the REPL goes on
        _read_until(master, "问>", 5)
        assert proc.poll() is None
        os.write(master, b"\x04")  # Ctrl-D exits
        assert "再见" in _read_until(master, "再见", 30)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    assert "六稳六保是什么意思" in (tmp_path / "history").read_text(encoding="utf-8")


def test_a_bare_region_gets_a_hint_about_that_region(capsys) -> None:
    assert main(["ask", "--json", "辽源"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["answered"] is False and obj["message"].startswith("想了解辽源市的哪方面")
