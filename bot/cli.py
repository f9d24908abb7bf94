"""govqa's command line: repl (default), ask, find, reports, index, eval, bot, serve, bench.

The parser and main; what each command does is in cli_commands.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .app import Exit, load_settings
from .cli_commands import (
    EVAL_FORMAT,
    cmd_ask,
    cmd_bench,
    cmd_bot,
    cmd_eval,
    cmd_find,
    cmd_index,
    cmd_repl,
    cmd_reports,
    cmd_serve,
)
from .messages import (
    ChineseArgumentParser,
    ChineseHelpFormatter,
    ChineseRawFormatter,
    log_handler,
)

log = logging.getLogger("govqa")


def build_parser() -> argparse.ArgumentParser:
    common = ChineseArgumentParser(add_help=False)
    # SUPPRESS: an option given before the sub-command is not reset by the sub-parser.
    common.add_argument(
        "--corpus", type=Path, default=argparse.SUPPRESS, help="报告文件夹（默认：内置 seeds/）"
    )
    common.add_argument(
        "--top-k", type=int, default=argparse.SUPPRESS, help="返回几条引文（默认 3）"
    )
    parser = ChineseArgumentParser(
        prog="govqa", description="政府工作报告问答：每个回答都引自报告原文。", parents=[common]
    )
    sub = parser.add_subparsers(dest="command", title="命令", metavar="命令")

    def command(
        name: str,
        help: str,
        epilog: str | None = None,
        formatter_class: type[argparse.HelpFormatter] = ChineseHelpFormatter,
    ) -> argparse.ArgumentParser:
        made: argparse.ArgumentParser = sub.add_parser(
            name,
            parents=[common],
            help=help,
            description=help,
            epilog=epilog,
            formatter_class=formatter_class,
        )
        return made

    command("repl", "交互问答（默认）").set_defaults(func=cmd_repl)
    ask = command("ask", "回答一个问题；- 表示从标准输入逐行读取")
    ask.add_argument("question", help="问题，或 - 从标准输入每行读一个问题")
    ask.add_argument("--json", action="store_true", help="每个问题输出一行 JSON")
    ask.add_argument(
        "--conversation",
        action="store_true",
        help="各行是同一段对话：“还有呢”“那赛罕区呢”承接上一行（默认各行互不相关）",
    )
    ask.set_defaults(func=cmd_ask)
    find = command(
        "find",
        "精确查找词语在各报告中的每一处出现，按报告计数，每处附一行上下文",
        epilog="例如：govqa find 六稳 --level 县级 --year 2021",
    )
    find.add_argument("phrase", help="要查找的词语或短语（按原文精确匹配）")
    find.add_argument("--region", help="只查地区名称含此词的报告（如 辽源、吉林）")
    find.add_argument("--level", help="只查此级别的报告：全国、省级、地级、县级")
    find.add_argument("--year", type=int, help="只查此年份（报告规划的年份）的报告")
    find.set_defaults(func=cmd_find)
    command("reports", "列出报告").set_defaults(func=cmd_reports)
    index = command("index", "建立索引并打印统计")
    index.add_argument(
        "--optimize", action="store_true", help="把索引的各个分段合并为一个（查询更快）"
    )
    index.set_defaults(func=cmd_index)
    ev = command(
        "eval",
        "在问题集上评估检索质量",
        epilog=EVAL_FORMAT,
        formatter_class=ChineseRawFormatter,
    )
    ev.add_argument("file", type=Path, help="问题集 JSONL（格式见下）")
    ev.add_argument("--misses", action="store_true", help="列出每个未命中的问题")
    ev.add_argument(
        "--summary",
        action="store_true",
        help="只打印总体指标（不列各类型与未命中的问题，适合保留集）",
    )
    ev.set_defaults(func=cmd_eval)
    bot = command("bot", "启动 Telegram 机器人")
    bot.add_argument("--webhook", action="store_true", help="用 webhook 接收更新（默认长轮询）")
    bot.set_defaults(func=cmd_bot)
    web = command("serve", "启动网页与 HTTP API")
    web.add_argument("--host", default=argparse.SUPPRESS, help="监听地址（默认 127.0.0.1）")
    web.add_argument("--port", type=int, default=argparse.SUPPRESS, help="端口（默认 8000）")
    web.add_argument("--workers", type=int, default=argparse.SUPPRESS, help="进程数（默认 1）")
    web.set_defaults(func=cmd_serve)
    bench = sub.add_parser(
        "bench",
        help="性能基准测试（参数见 govqa bench -- --help；需要 pip install -e '.[bench]'）",
        formatter_class=ChineseHelpFormatter,
    )
    bench.add_argument("bench_args", nargs=argparse.REMAINDER, help="传给 benchmarks/bench.py")
    bench.set_defaults(func=cmd_bench)
    return parser


def main(argv: Sequence[str] | None = None, env_file: Path | str | None = ".env") -> int:
    """Run one command; `env_file` is read for settings (None: only the environment)."""
    logging.basicConfig(level=logging.WARNING, handlers=[log_handler()])
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
        code: int = func(load_settings(overrides, env_file, from_cli=set(overrides)), args)
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
