"""The shells: `govqa ask --json` contract, other commands, the REPL driven through stdin."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot import cli
from bot.repl import Repl
from retrieval.engine import Engine

from .conftest import ROOT, SEEDS

KEYS = {"question", "answered", "message", "notice", "comparison", "citations", "index_version"}
CITATION_KEYS = {"rank", "source", "region", "title", "section", "paragraph", "page", "pages",
                 "passage_id", "excerpt", "text", "score", "reference", "source_url",
                 "published", "appendix", "highlights"}  # fmt: skip


CACHE = ROOT / ".cache" / "test"  # the index cache the shells' tests share (not ~/.cache)
HOSTILE_ENV = "GOVQA_TOP_K=5\nGOVQA_CACHE_DIR=/nonexistent\nGOVQA_CORPUS_DIR=/nonexistent\n"


@pytest.fixture(autouse=True)
def hermetic(tmp_path, monkeypatch) -> None:
    """No GOVQA_* from the caller's environment, a clean working directory, caches in reach."""
    for name in [n for n in os.environ if n.startswith("GOVQA_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("GOVQA_CACHE_DIR", str(CACHE))
    monkeypatch.setenv("GOVQA_HISTORY_FILE", str(tmp_path / "history"))
    monkeypatch.setenv("GOVQA_DATA_DIR", str(tmp_path / "data"))
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)


def main(argv: list[str]) -> int:
    """The CLI in-process, settings from the environment only: never ./.env."""
    return cli.main(argv, env_file=None)


def run(
    args: list[str], stdin: str | bytes = "", env: dict | None = None
) -> subprocess.CompletedProcess:
    """`govqa` in a subprocess, in the test's clean working directory (no stray .env)."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=isinstance(stdin, str),
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_ask_json_contract(capsys) -> None:
    assert_ask_json_contract(capsys)


def assert_ask_json_contract(capsys) -> None:
    assert main(["ask", "--json", "辽源市过去五年粮食产量怎么样？"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert set(obj) == KEYS
    assert obj["answered"] is True and obj["message"] is None
    assert isinstance(obj["index_version"], str) and len(obj["index_version"]) == 32
    assert len(obj["citations"]) == 3
    first = obj["citations"][0]
    assert set(first) == CITATION_KEYS
    assert first["rank"] == 1 and first["source"] == "002_853f39a04c100108.txt"
    assert first["region"] == "辽源市" and isinstance(first["section"], list)
    assert first["excerpt"] in first["text"] and isinstance(first["score"], float)
    assert first["passage_id"].startswith("002_853f39a04c100108.txt#")
    assert first["reference"].startswith("《(吉林省)辽源市人民政府工作报告(2022年1月11日)》一、")
    assert first["reference"].endswith(f"第{first['paragraph']}段")
    # Highlights are spans of the excerpt, in order, each a word the question matched.
    spans = first["highlights"]
    assert spans and spans == sorted(spans)
    words = [first["excerpt"][s:e] for s, e in spans]
    assert words[0] == "粮食产量" and all(w in "过去五年粮食产量" for w in words)
    assert first["page"] is None and first["pages"] is None  # a .txt has no pages


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
    out = capsys.readouterr().out
    assert out.startswith("报告 5 份，章节") and "索引版本 " in out


def test_index_optimize_merges_the_segments(tmp_path, capsys, monkeypatch) -> None:
    corpus = tmp_path / "reports"
    corpus.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for path in seeds[:2]:
        shutil.copy(path, corpus / path.name)
    args = ["--corpus", str(corpus), "index"]
    monkeypatch.setenv("GOVQA_CACHE_DIR", str(tmp_path / "cache"))
    assert main(args) == 0
    shutil.copy(seeds[2], corpus / seeds[2].name)  # an added report: a segment of its own
    assert main(args) == 0
    assert "分段 2 个" in capsys.readouterr().out
    assert main([*args, "--optimize"]) == 0
    out = capsys.readouterr().out
    assert "报告 3 份" in out and "分段 1 个" in out


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
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == "govqa: 设置有误：GOVQA_TOP_K=zero（来自环境变量）：应为整数"


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


@pytest.mark.parametrize("line", ["退出", "退出。", "exit", "QUIT"])
def test_a_line_saying_only_quit_leaves_the_repl(engine: Engine, line: str) -> None:
    """ "退出" alone is the user leaving (it had been answered: "…脱贫监测户…全部退出监测");
    a question about leaving is still a question."""
    repl = Repl(engine)
    assert repl.handle(line) is None
    assert repl.handle("哪些企业退出了产能") is not None


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


def _repl_in_pty(history: Path) -> tuple[int, subprocess.Popen[bytes]]:
    """`govqa repl` on a real pseudo-terminal: its master end and the process."""
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "GOVQA_HISTORY_FILE": str(history)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "repl"],
        stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
    )  # fmt: skip
    os.close(slave)
    return master, proc


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_repl_in_a_terminal_ctrl_c_cancels_ctrl_d_exits(tmp_path) -> None:
    """The interactive path (prompt_toolkit) in a real pseudo-terminal."""

    master, proc = _repl_in_pty(tmp_path / "history")
    try:
        assert "已载入 5 份政府工作报告" in _read_until(master, "问>")
        os.write(master, "六稳六保是什么意思".encode() + b"\r")
        out = _read_until(master, "\x1b[1;33m")  # the excerpt, its matched words highlighted
        assert "六稳六保" in out and "\x1b[1;33m" in out
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


# -- hostile input, output and settings ---------------------------------------------------


def test_in_process_cli_ignores_a_hostile_env_file_in_the_working_directory(capsys) -> None:
    (Path.cwd() / ".env").write_text(HOSTILE_ENV, encoding="utf-8")
    assert_ask_json_contract(capsys)  # 3 citations from the seeds, cached where tests cache


def test_the_cli_does_read_env_of_the_working_directory(capsys) -> None:
    (Path.cwd() / ".env").write_text("GOVQA_TOP_K=2\n", encoding="utf-8")
    assert cli.main(["ask", "--json", "六稳六保是什么意思？"]) == 0
    assert len(json.loads(capsys.readouterr().out)["citations"]) == 2


def test_a_line_that_is_not_utf8_gets_its_own_answer_and_the_rest_go_on() -> None:
    stdin = "六稳六保是什么意思？\n".encode() + b"\xff\xfe\xc3(\n" + "赛罕区老旧小区改造\n".encode()
    proc = run(["ask", "--json", "-"], stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(ln) for ln in proc.stdout.decode("utf-8").splitlines()]
    assert [o["answered"] for o in lines] == [True, False, True]
    assert all(set(o) == KEYS for o in lines)
    assert lines[1]["message"].startswith("这一行不是有效的 UTF-8 文本")
    assert lines[1]["citations"] == [] and "\ufffd" in lines[1]["question"]


def test_lone_surrogates_in_a_question_are_answered_not_raised(engine: Engine, capsys) -> None:
    assert main(["ask", "--json", "\udcff六稳六保是什么意思？"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["question"].startswith("\ufffd") and obj["answered"] is True
    assert isinstance(Repl(engine).handle("\udcff"), str)


def test_the_piped_repl_survives_a_line_that_is_not_utf8() -> None:
    stdin = b"\xff\xfe\n" + "六稳六保是什么意思？\n".encode()
    proc = run(["repl"], stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    assert "这一行不是有效的 UTF-8 文本" in out and "名词解释 › 六稳六保" in out
    assert out.rstrip().endswith("再见。")


def test_cr_and_crlf_line_ends_split_questions() -> None:
    questions = ["六稳六保是什么意思？", "赛罕区老旧小区改造", "辽源粮食产量"]
    stdin = f"{questions[0]}\r{questions[1]}\r\n{questions[2]}\r"
    proc = run(["ask", "--json", "-"], stdin=stdin.encode())
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(ln) for ln in proc.stdout.decode("utf-8").splitlines()]
    assert [o["question"] for o in lines] == questions


def test_ask_into_head_stops_quietly(tmp_path) -> None:
    (tmp_path / "questions.txt").write_text("六稳六保是什么意思？\n" * 300, encoding="utf-8")
    script = f'"{sys.executable}" -m bot.cli ask - < questions.txt 2> err.txt | head -1'
    proc = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert proc.stdout.startswith("[1] ")
    assert (tmp_path / "err.txt").read_text(encoding="utf-8") == ""


def escape_corpus(folder: Path) -> Path:
    """The seeds, one report with terminal escapes in its title and body."""
    folder.mkdir()
    for path in SEEDS.iterdir():
        text = path.read_text(encoding="utf-8")
        if path.name.startswith("002_"):
            text = text.replace("粮食产量", "粮食\x1b[2J产量\x1bc\x07", 1)
            text = text.replace(
                "辽源市人民政府工作报告", "辽源市人民政府\x1b]0;pwned\x07工作报告", 1
            )
        (folder / path.name).write_text(text, encoding="utf-8")
    return folder


def test_terminal_output_drops_escapes_from_reports_keeps_its_own(tmp_path) -> None:
    corpus = escape_corpus(tmp_path / "corpus")
    proc = run(["ask", "--corpus", str(corpus), "辽源市过去五年粮食产量怎么样？"])
    assert proc.returncode == 0, proc.stderr
    assert "粮食产量" in proc.stdout and "\x1b" not in proc.stdout
    proc = run(["repl", "--corpus", str(corpus)], stdin=":reports\n辽源粮食产量\n:show 1\n")
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout and "▶ 第" in proc.stdout
    repl = Repl(Engine.from_dir(corpus), color=True)
    out = repl.handle("辽源市过去五年粮食产量怎么样？")
    assert "\x1b[1;33m" in out  # the REPL's own highlighting stays
    assert "\x1b[2J" not in out and "\x1b]" not in out and "\x1bc" not in out
    assert "\x07" not in out and "pwned" not in out


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_repl_with_a_directory_as_history_file_warns_and_runs(tmp_path) -> None:

    master, proc = _repl_in_pty(tmp_path)
    try:
        banner = _read_until(master, "问>", 30)
        assert "无法使用历史文件" in banner and "本次不保存历史" in banner
        os.write(master, "六稳六保是什么意思".encode() + b"\r")
        assert "名词解释" in _read_until(master, "名词解释", 30)
        _read_until(master, "问>", 10)  # the next prompt: Ctrl-D now reaches prompt_toolkit
        os.write(master, b"\x04")
        assert "再见" in _read_until(master, "再见", 30)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
