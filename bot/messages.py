"""The shells' Chinese wording of what is not an answer: log warnings, argparse, settings.

The core logs in English for developers (and keeps those lines in its cache); what a user
sees goes through here. A line with no wording of its own is shown as it is.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from typing import Any, NoReturn

# The core's warning shapes (retrieval/corpus.py, cache.py, build.py, overrides.py, engine.py).
_WARNINGS = [
    (r"(.+): binary or undecodable, skipped", "{0}：是二进制文件或无法识别其编码，已跳过"),
    (r"(.+): empty file, skipped", "{0}：是空文件，已跳过"),
    (r"(.+): links outside the corpus folder, skipped", "{0}：链接指向语料文件夹之外，已跳过"),
    (r"(.+?): cannot be read \((.*)\), ignored", "{0}：无法读取（{1}），已忽略"),
    (r"(.+?): cannot be read \((.*)\)", "{0}：无法读取（{1}），已跳过"),
    (r"(.+): same content as (.+), cited once", "{0}：与 {1} 内容完全相同，只引用一次"),
    (r"(.+?): \[(.+)\] is not a table, ignored", "{0}：[{1}] 不是一张表，已忽略"),
    (r"(.+?): (.+) is not a report in the folder", "{0}：{1} 不是文件夹中的报告"),
    (r"(.+?): \[(.+)\] region (.+) is not in the division table, ignored",
     "{0}：[{1}] 地区 {2} 不在行政区划表中，已忽略"),
    (r"(.+?): \[(.+)\] plan_year (.+) is not a year, ignored",
     "{0}：[{1}] plan_year {2} 不是年份，已忽略"),
    (r"cannot write the index cache (.+) \((.*)\); going on without it",
     "无法写入索引缓存 {0}（{1}），本次不使用缓存"),
    (r"index cache (.+) is unreadable \((.*)\); rebuilding it",
     "索引缓存 {0} 无法读取（{1}），正在重建"),
    (r"parallel tokenizing failed \((.*)\); tokenizing in one process",
     "并行分词失败（{0}），改为单进程分词"),
]  # fmt: skip
_COMPILED = [(re.compile(pattern, re.S), wording) for pattern, wording in _WARNINGS]
_LEVELS = {
    "DEBUG": "调试", "INFO": "信息", "WARNING": "警告", "ERROR": "错误", "CRITICAL": "严重错误"
}  # fmt: skip


def chinese_warning(text: str) -> str:
    """A core warning in Chinese, naming the file; unknown shapes as they are."""
    for pattern, wording in _COMPILED:
        if m := pattern.fullmatch(text):
            return wording.format(*m.groups())
    return text


class ChineseLogFormatter(logging.Formatter):
    """'govqa: 警告：bad.txt：是二进制文件或无法识别其编码，已跳过'."""

    def format(self, record: logging.LogRecord) -> str:
        level = _LEVELS.get(record.levelname, record.levelname)
        text = f"govqa: {level}：{chinese_warning(record.getMessage())}"
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


def log_handler() -> logging.Handler:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(ChineseLogFormatter())
    return handler


# -- argparse ---------------------------------------------------------------------------------

_ARGPARSE = [
    (r"the following arguments are required: (.+)", "缺少参数：{0}"),
    (r"unrecognized arguments: (.+)", "无法识别的参数：{0}"),
    (r"argument (.+?): invalid choice: (.+?) \(choose from (.+)\)",
     "{0} 的取值 {1} 无效（可选：{2}）"),
    (r"argument (.+?): invalid (\w+) value: (.+)", "{0} 的值 {2} 无效（应为{1}）"),
    (r"argument (.+?): expected one argument", "{0} 需要一个值"),
    (r"argument (.+?): expected at least one argument", "{0} 至少需要一个值"),
    (r"argument (.+?): not allowed with argument (.+)", "{0} 不能与 {1} 同时使用"),
    (r"ambiguous option: (.+?) could match (.+)", "选项 {0} 不明确，可能是：{1}"),
]  # fmt: skip
_SECTIONS = {"options": "选项", "optional arguments": "选项", "positional arguments": "参数"}
_TYPES = {"int": "整数", "float": "数字", "Path": "路径"}


def chinese_argparse_error(message: str) -> str:
    for pattern, wording in _ARGPARSE:
        if m := re.fullmatch(pattern, message, re.S):
            groups = [_TYPES.get(g, g) for g in m.groups()]
            return wording.format(*groups)
    return message


class ChineseHelpFormatter(argparse.HelpFormatter):
    """argparse's help with a Chinese "用法：" line."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        super().start_section(_SECTIONS.get(heading or "", heading))


class ChineseRawFormatter(argparse.RawDescriptionHelpFormatter, ChineseHelpFormatter):
    """The same, keeping the line breaks of a description or epilog (a format example)."""


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, section titles, -h text and errors are Chinese."""

    def __init__(self, *args: Any, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        kwargs["add_help"] = False  # ours below, in Chinese
        super().__init__(*args, **kwargs)
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出"
            )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 错误：{chinese_argparse_error(message)}\n")
