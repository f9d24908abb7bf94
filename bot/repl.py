"""The local REPL: type a question, get cited passages; ':' starts a command."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from retrieval.engine import Engine
from retrieval.errors import UnknownReport
from retrieval.models import Conversation

from . import render
from .app import NOT_UTF8, clean_question, input_lines

if TYPE_CHECKING:
    from prompt_toolkit.history import History

HELP = """直接输入问题即可，例如：{example}
命令：
  :reports        列出所有报告
  :report 名称    只在某份报告中检索（如 :report 辽源）
  :all            取消限定，在全部报告中检索
  :more           下一批结果（也可以输入“还有呢”）
  :show N         查看第 N 条引文的完整段落及上下文
  :compare 问题   每份报告各取最相关的一段，便于对比（如 :compare 地区生产总值增长多少）
  :toc 名称       查看报告的章节目录（如 :toc 赛罕）
  :help           显示本帮助
  :quit           退出（Ctrl-D 也可以）"""


class Repl:
    """Turns one input line into the text to print; holds the conversation state."""

    def __init__(self, engine: Engine, color: bool = False) -> None:
        self.engine = engine
        self.color = color
        self.conversation = Conversation()

    def banner(self) -> str:
        n = len(self.engine.reports)
        names = render.reports_list(self.engine.reports.values())
        return (
            f"govqa：已载入 {n} 份政府工作报告（{names}）。输入问题，:help 查看命令，:quit 退出。"
        )

    def handle(self, line: str) -> str | None:
        """The reply to one line; None means quit."""
        line = render.plain(clean_question(line)).strip()
        if not line:
            return ""
        if line.startswith((":", "：")):
            return self._command(line[1:].strip())
        answer = self.engine.answer(line, self.conversation)
        return render.render_text(answer, self.engine.reports.values(), self.color)

    def _command(self, text: str) -> str | None:
        name, _, arg = text.partition(" ")
        arg = arg.strip()
        conv = self.conversation
        match name.lower():
            case "quit" | "q" | "exit":
                return None
            case "help" | "h" | "?":
                return HELP.format(example=render.EXAMPLES[0])
            case "reports":
                counts = self.engine.passage_counts()
                return render.report_lines(self.engine.reports.values(), counts)
            case "report":
                if not arg:
                    return "用法：:report 名称（如 :report 辽源）"
                try:
                    report = self.engine.find_report(arg)
                except UnknownReport:
                    names = render.reports_list(self.engine.reports.values())
                    return f"找不到报告“{arg}”。现有报告：{names}"
                conv.restrict(report.name)
                return f"已限定在：{render.report_label(report)}。输入 :all 取消。"
            case "all":
                conv.restrict(None)
                return "已取消限定，在全部报告中检索。"
            case "more":
                answer = self.engine.more(conv)
                return render.render_text(answer, self.engine.reports.values(), self.color)
            case "show":
                return self._show(arg)
            case "compare":
                if not arg:
                    return "用法：:compare 问题（如 :compare 地区生产总值增长多少）"
                answer = self.engine.compare(arg, conv)
                return render.render_text(answer, self.engine.reports.values(), self.color)
            case "toc":
                if not arg and conv.report is None:
                    return "用法：:toc 名称（如 :toc 赛罕）"
                try:
                    report = (
                        self.engine.reports[conv.report]
                        if not arg and conv.report is not None
                        else self.engine.find_report(arg)
                    )
                except UnknownReport:
                    names = render.reports_list(self.engine.reports.values())
                    return f"找不到报告“{arg}”。现有报告：{names}"
                return render.render_outline(report, self.engine.outline(report.name))
            case _:
                return f"未知命令“:{name}”。输入 :help 查看命令。"

    def _show(self, arg: str) -> str:
        last = self.conversation.last_answer
        if not last or not last.citations:
            return "还没有可查看的引文，请先提问。"
        first = last.offset + 1
        try:
            n = int(arg)
        except ValueError:
            return f"用法：:show N（N 为引文编号，{first}-{first + len(last.citations) - 1}）"
        if not first <= n < first + len(last.citations):
            return f"没有第 {n} 条引文；当前引文编号为 {first}-{first + len(last.citations) - 1}。"
        citation = last.citations[n - first]
        around = self.engine.context(citation.passage, radius=1)
        head = render.citation_header(n, citation)
        return head + "\n\n" + render.render_passages(around, citation.passage, self.color)


def _prompt_lines(history: Path) -> Iterator[str]:
    """Lines from a terminal, with line editing and history (prompt_toolkit)."""
    from prompt_toolkit import PromptSession

    session: PromptSession[str] = PromptSession(history=_history(history))
    while True:
        try:
            yield session.prompt("问> ")
        except KeyboardInterrupt:  # Ctrl-C cancels the line
            continue
        except EOFError:  # Ctrl-D exits
            return


def _history(path: Path) -> History:
    """The history file, if it can be written; else history for this session only."""
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8"):  # a directory or a read-only file fails here
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(f"govqa: 无法使用历史文件 {path}（{reason}），本次不保存历史。", file=sys.stderr)
        return InMemoryHistory()
    return FileHistory(str(path))


def _stdin_lines() -> Iterator[str | None]:
    """Lines of a piped stdin; None for one that is not UTF-8."""
    for line in input_lines(sys.stdin.buffer):
        yield line.text if line.valid else None


def run_repl(engine: Engine, history: Path, lines: Iterable[str] | None = None) -> int:
    """Read lines (a terminal with prompt_toolkit, else stdin) until :quit or end of input."""
    interactive = lines is None and sys.stdin.isatty() and sys.stdout.isatty()
    repl = Repl(engine, color=interactive)
    print(repl.banner(), flush=True)
    source: Iterable[str | None]
    if interactive:
        source = _prompt_lines(history)
    else:  # bytes from a pipe: one line that is not UTF-8 must not end the session
        source = lines if lines is not None else _stdin_lines()
    for line in source:
        reply = NOT_UTF8 if line is None else repl.handle(line)
        if reply is None:
            break
        if reply:
            print(reply + "\n", flush=True)
    print("再见。")
    return 0
