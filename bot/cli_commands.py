"""What each govqa command does (the cmd_* functions bot.cli's parser dispatches to)."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from retrieval.concordance import level_key
from retrieval.models import Conversation

from . import render, render_json, render_terminal
from .app import (
    NOT_UTF8,
    Exit,
    InputLine,
    clean_question,
    input_lines,
    load_engine,
    load_live_engine,
)
from .messages import chinese_warning
from .settings import Settings

if TYPE_CHECKING:
    from retrieval.evaluation import QAItem


def cmd_repl(settings: Settings, args: argparse.Namespace) -> int:
    from .repl import run_repl

    return run_repl(load_live_engine(settings), settings.history_file)


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    live = load_live_engine(settings)  # a long `ask -` run sees reports added meanwhile
    color = sys.stdout.isatty()
    columns = shutil.get_terminal_size().columns if color else None
    conversation = Conversation()  # with --conversation, lines follow up on each other
    if args.question == "-":  # bytes: one line that is not UTF-8 must not end the run
        lines: Iterable[InputLine] = input_lines(sys.stdin.buffer)
    else:
        lines = [InputLine(args.question, True)]
    for line in lines:
        question = clean_question(line.text)
        engine = live.engine
        reports = engine.reports.values()
        if line.valid:
            conv = conversation if args.conversation else Conversation()
            answer = engine.answer(question, conv)
            obj = render_json.answer_json(answer, reports)
            obj["question"] = question  # the line asked ("还有呢"), not the question it pages on
            text = render_terminal.render_text(answer, reports, color, columns)
        else:
            obj = {**render_json.empty_json(question), "message": NOT_UTF8}
            text = NOT_UTF8
        if args.json:
            print(json.dumps(obj, ensure_ascii=False), flush=True)
        else:
            print(text + "\n", flush=True)
    return 0


def cmd_find(settings: Settings, args: argparse.Namespace) -> int:
    if args.level is not None and level_key(args.level) is None:
        raise Exit(f"不认识的级别“{args.level}”：可用 全国、省级、地级、县级。")
    engine = load_engine(settings)
    found = engine.find(args.phrase, args.region, args.level, args.year)
    columns = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    print(render_terminal.render_concordance(found, columns))
    return 0 if found.reports else 1


def cmd_reports(settings: Settings, args: argparse.Namespace) -> int:
    engine = load_engine(settings)
    print(render_terminal.report_lines(engine.reports.values(), engine.passage_counts()))
    return 0


def cmd_index(settings: Settings, args: argparse.Namespace) -> int:
    engine = load_engine(settings, optimize=args.optimize)
    s = engine.stats()
    print(
        f"报告 {s.reports} 份，章节 {s.sections} 个，段落 {s.passages} 段，"
        f"词元 {s.tokens} 个，用时 {s.seconds:.2f} 秒"
    )
    index = engine.index
    print(f"索引版本 {index.version or '（未缓存）'}，分段 {len(index.segments)} 个")
    for warning in engine.warnings:
        print(f"注意：{render.plain(chinese_warning(warning))}")
    return 0


EVAL_FORMAT = """问题集是 JSONL 文件，每行一个 JSON 对象：
  id        问题编号（字符串，可省略）
  question  问题（必填）
  doc       答案所在报告的文件名；空字符串表示报告中没有答案（应当拒答）
  answer    正确段落必含的原文片段（doc 非空时填写）
  type      问题类型，如 number、definition、paraphrase、unanswerable（必填）
  region    问题所问的地区（可省略，不参与评分）
例如：
  {"id": "t001", "question": "辽源市吸引了多少域外投资？", "doc": "002_853f39a04c100108.txt",
   "answer": "吸引域外投资739亿元", "type": "number", "region": "辽源市"}"""


def read_question_set(path: Path) -> list[QAItem]:
    """The items of a question set; Exit naming the line and the field when one is bad."""
    from retrieval.evaluation import QAItem

    items = []
    try:
        with path.open(encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise Exit(f"问题集 {path} 第 {number} 行不是有效的 JSON：{exc.msg}") from None
                if not isinstance(row, dict):
                    raise Exit(f"问题集 {path} 第 {number} 行应是一个 JSON 对象") from None
                missing = [k for k in ("question", "type") if k not in row]
                if missing:
                    names = "、".join(missing)
                    where = f"问题集 {path} 第 {number} 行"
                    raise Exit(f"{where}缺少字段：{names}（格式见 govqa eval -h）")
                items.append(QAItem.from_dict(row))
    except (OSError, UnicodeDecodeError) as exc:
        raise Exit(f"无法读取问题集 {path}：{getattr(exc, 'strerror', None) or exc}") from exc
    return items


def cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    from retrieval.evaluation import evaluate

    items = read_question_set(args.file)
    engine = load_engine(settings)
    result = evaluate(items, [engine.answer(i.question, Conversation()) for i in items])
    if not args.summary:
        for kind, (n, ok) in result.by_type.items():
            print(f"  {kind:13s} {ok}/{n}")
        if args.misses:
            for m in result.misses:
                print(f"  miss {m.item.id} {m.item.question} rank={m.rank} top={m.got}")
    print(result.summary())
    return 0


def cmd_bot(settings: Settings, args: argparse.Namespace) -> int:
    from .telegram_bot import run_bot  # python-telegram-bot is loaded only for this command

    return run_bot(settings, webhook=args.webhook)


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    from .web import serve  # starlette and uvicorn are loaded only for this command

    return serve(settings)


def cmd_bench(settings: Settings, args: argparse.Namespace) -> int:
    """Run benchmarks/bench.py (kept beside the package, not installed with it)."""
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"
    spec = importlib.util.spec_from_file_location("govqa_bench", path)
    if spec is None or spec.loader is None or not path.is_file():
        raise Exit(f"找不到基准测试脚本：{path}")
    missing = [m for m in ("tantivy", "psutil") if importlib.util.find_spec(m) is None]
    if missing:
        raise Exit(
            f"基准测试需要额外的依赖（缺少 {'、'.join(missing)}）：请先运行 "
            "pip install -e '.[bench]'，或直接用 make bench（会自动安装）。"
        )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    try:
        return int(module.main(args.bench_args) or 0)
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"")[-500:]
        text = detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)
        raise Exit(f"基准测试的子进程失败（退出码 {exc.returncode}）：{text.strip()}") from None
