"""govqa's command line: repl (default), ask, reports, index, eval, bot, serve, bench."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from retrieval.models import Conversation

from . import render
from .app import NOT_UTF8, Exit, InputLine, clean_question, input_lines, load_engine, load_settings
from .settings import Settings

log = logging.getLogger("govqa")


def cmd_repl(settings: Settings, args: argparse.Namespace) -> int:
    from .repl import run_repl

    return run_repl(load_engine(settings), settings.history_file)


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    engine = load_engine(settings)
    reports = engine.reports.values()
    color = sys.stdout.isatty()
    if args.question == "-":  # bytes: one line that is not UTF-8 must not end the run
        lines: Iterable[InputLine] = input_lines(sys.stdin.buffer)
    else:
        lines = [InputLine(args.question, True)]
    for line in lines:
        question = clean_question(line.text)
        if line.valid:
            answer = engine.answer(question, Conversation())
            obj = render.answer_json(answer, reports)
            text = render.render_text(answer, reports, color)
        else:
            obj = {**render.empty_json(question), "message": NOT_UTF8}
            text = NOT_UTF8
        if args.json:
            print(json.dumps(obj, ensure_ascii=False), flush=True)
        else:
            print(text + "\n", flush=True)
    return 0


def cmd_reports(settings: Settings, args: argparse.Namespace) -> int:
    engine = load_engine(settings)
    print(render.report_lines(engine.reports.values(), engine.passage_counts()))
    return 0


def cmd_index(settings: Settings, args: argparse.Namespace) -> int:
    engine = load_engine(settings)
    s = engine.stats()
    print(
        f"报告 {s.reports} 份，章节 {s.sections} 个，段落 {s.passages} 段，"
        f"词元 {s.tokens} 个，用时 {s.seconds:.2f} 秒"
    )
    for warning in engine.warnings:
        print(f"跳过：{render.plain(warning)}")
    return 0


def cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    from retrieval.evaluation import QAItem, evaluate

    try:
        with args.file.open(encoding="utf-8") as f:
            items = [QAItem.from_dict(json.loads(line)) for line in f if line.strip()]
    except (OSError, ValueError, KeyError) as exc:
        raise Exit(f"无法读取问题集 {args.file}：{exc}") from exc
    engine = load_engine(settings)
    result = evaluate(items, [engine.answer(i.question, Conversation()) for i in items])
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
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return int(module.main(args.bench_args) or 0)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: an option given before the sub-command is not reset by the sub-parser.
    common.add_argument(
        "--corpus", type=Path, default=argparse.SUPPRESS, help="报告文件夹（默认：内置 seeds/）"
    )
    common.add_argument(
        "--top-k", type=int, default=argparse.SUPPRESS, help="返回几条引文（默认 3）"
    )
    parser = argparse.ArgumentParser(
        prog="govqa", description="政府工作报告问答：每个回答都引自报告原文。", parents=[common]
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("repl", parents=[common], help="交互问答（默认）").set_defaults(func=cmd_repl)
    ask = sub.add_parser("ask", parents=[common], help="回答一个问题；- 表示从标准输入逐行读取")
    ask.add_argument("question", help="问题，或 - 从标准输入每行读一个问题")
    ask.add_argument("--json", action="store_true", help="每个问题输出一行 JSON")
    ask.set_defaults(func=cmd_ask)
    sub.add_parser("reports", parents=[common], help="列出报告").set_defaults(func=cmd_reports)
    sub.add_parser("index", parents=[common], help="建立索引并打印统计").set_defaults(
        func=cmd_index
    )
    ev = sub.add_parser("eval", parents=[common], help="在问题集上评估检索质量")
    ev.add_argument("file", type=Path, help="问题集 JSONL（格式同 qa/dev.jsonl）")
    ev.add_argument("--misses", action="store_true", help="列出每个未命中的问题")
    ev.set_defaults(func=cmd_eval)
    bot = sub.add_parser("bot", parents=[common], help="启动 Telegram 机器人")
    bot.add_argument("--webhook", action="store_true", help="用 webhook 接收更新（默认长轮询）")
    bot.set_defaults(func=cmd_bot)
    web = sub.add_parser("serve", parents=[common], help="启动网页与 HTTP API")
    web.add_argument("--host", default=argparse.SUPPRESS, help="监听地址（默认 127.0.0.1）")
    web.add_argument("--port", type=int, default=argparse.SUPPRESS, help="端口（默认 8000）")
    web.add_argument("--workers", type=int, default=argparse.SUPPRESS, help="进程数（默认 1）")
    web.set_defaults(func=cmd_serve)
    bench = sub.add_parser("bench", help="性能基准测试（参数见 govqa bench -- --help）")
    bench.add_argument("bench_args", nargs=argparse.REMAINDER, help="传给 benchmarks/bench.py")
    bench.set_defaults(func=cmd_bench)
    return parser


def main(argv: Sequence[str] | None = None, env_file: Path | str | None = ".env") -> int:
    """Run one command; `env_file` is read for settings (None: only the environment)."""
    logging.basicConfig(level=logging.WARNING, format="govqa: %(levelname)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    overrides: dict[str, object] = {}
    if "corpus" in args:
        overrides["corpus_dir"] = args.corpus
    if "top_k" in args:
        overrides["top_k"] = args.top_k
    for option in ("host", "port", "workers"):  # govqa serve
        if option in args:
            overrides[f"web_{option}"] = getattr(args, option)
    func = getattr(args, "func", cmd_repl)
    try:
        code: int = func(load_settings(overrides, env_file), args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
    except Exit as exc:
        print(f"govqa: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `govqa ask - | head -1`: the reader has gone; stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # as a process killed by SIGPIPE
    return code


if __name__ == "__main__":
    sys.exit(main())
