"""The local REPL: type a question, get cited passages; ':' starts a command."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from retrieval.engine import Engine
from retrieval.errors import UnknownReport
from retrieval.live import LiveEngine, current
from retrieval.models import Answer, Conversation

from . import render, render_terminal
from .app import NOT_UTF8, clean_question, input_lines, parse_find
from .wrap import wrap

if TYPE_CHECKING:
    from prompt_toolkit.history import History

HELP = """直接输入问题即可，例如：{example}
命令：
  :reports        列出所有报告
  :report 名称    只在某份报告中检索（如 :report 辽源）
  :all            取消限定，在全部报告中检索
  :more           下一批结果（也可以输入“还有呢”）
  :show N         查看第 N 条引文的完整段落及上下文
  :compare 问题   每份报告各取最相关的一段，没有的注明“未找到”（如 :compare 地区生产总值增长多少）
  :find 词语      精确查找词语在各报告中的每一处出现（如 :find 六稳；可加 --region 辽源
                  --level 县级 --year 2022）
  :toc 名称       查看报告的章节目录（如 :toc 赛罕）
  :reload         重新检查报告文件夹（新增、删除、改动的报告也会每隔几秒自动载入）
  :help           显示本帮助
  :quit           退出（Ctrl-D 或只输入“退出”也可以）
问题中用引号括起的词语（“六稳” 或 "六稳"）按原文精确匹配；
“哪个区……最高”“各地……对比”这类跨报告的问题，按报告逐一列出。"""

# A line of only these leaves too, as :quit does: no report question is one word of leaving
_QUIT_WORDS = frozenset({"退出", "exit", "quit"})


class Repl:
    """Turns one input line into the text to print; holds the conversation state."""

    def __init__(
        self, engine: Engine | LiveEngine, color: bool = False, columns: int | None = None
    ) -> None:
        self._source = engine
        self._live = engine if isinstance(engine, LiveEngine) else None
        self.color = color
        self.columns = columns  # the terminal's width: wrap to it (None: do not wrap)
        self.conversation = Conversation()

    @property
    def engine(self) -> Engine:
        """The engine now: a LiveEngine follows the corpus folder (a report added, removed or
        rewritten is answered from without a restart)."""
        return current(self._source)

    def _width(self) -> int | None:
        """The terminal's width now (it may have been resized), if output goes to one."""
        return shutil.get_terminal_size().columns if self.columns is not None else None

    def _known(self) -> str:
        return render.known_reports(self.engine.reports.values())

    def banner(self) -> str:
        n = len(self.engine.reports)
        text = (
            f"govqa：已载入 {n} 份政府工作报告（{self._known()}）。"
            "输入问题，:help 查看命令，:quit 退出。"
        )
        columns = self._width()
        return text if columns is None else wrap(text, columns - 1)

    def handle(self, line: str) -> str | None:
        """The reply to one line; None means quit."""
        line = render.plain(clean_question(line)).strip()
        if not line:
            return ""
        if line.startswith((":", "：")):
            return self._command(line[1:].strip())
        if line.lower().rstrip("。.!！") in _QUIT_WORDS:  # "退出" alone: the user leaves
            return None
        answer = self.engine.answer(line, self.conversation)
        return self._render(answer)

    def _render(self, answer: Answer) -> str:
        return render_terminal.render_text(
            answer, self.engine.reports.values(), self.color, self._width()
        )

    def _command(self, text: str) -> str | None:
        name, _, arg = text.partition(" ")
        arg = arg.strip()
        conv = self.conversation
        match name.lower():
            case "quit" | "q" | "exit":
                return None
            case "help" | "h" | "?":
                return HELP.format(example=render.EXAMPLES[0])
            case "reload":
                if self._live is None:
                    return "本会话的报告是固定的，无需重新载入。"
                engine = self._live.reload()
                failed = f"（文件夹读取失败，仍用上一版：{self._live.last_error}）"
                note = failed if self._live.last_error else ""
                return f"已重新载入：{len(engine.reports)} 份报告。{note}"
            case "reports":
                counts = self.engine.passage_counts()
                return render_terminal.report_lines(self.engine.reports.values(), counts)
            case "report":
                if not arg:
                    return "用法：:report 名称（如 :report 辽源）"
                try:
                    report = self.engine.find_report(arg)
                except UnknownReport:
                    return f"找不到报告“{arg}”。现有报告：{self._known()}"
                conv.restrict(report.name)
                return f"已限定在：{render.report_label(report)}。输入 :all 取消。"
            case "all":
                conv.restrict(None)
                return "已取消限定，在全部报告中检索。"
            case "more":
                return self._render(self.engine.more(conv))
            case "show":
                return self._show(arg)
            case "compare":
                if not arg:
                    return "用法：:compare 问题（如 :compare 地区生产总值增长多少）"
                return self._render(self.engine.compare(arg, conv))
            case "find":
                return self._find(arg)
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
                    return f"找不到报告“{arg}”。现有报告：{self._known()}"
                return render_terminal.render_outline(report, self.engine.outline(report.name))
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
        views = self.engine.paragraph_context(citation.passage, radius=1)
        columns = self._width()
        head = render_terminal.citation_header(n, citation, columns)
        return head + "\n\n" + render_terminal.render_paragraphs(views, self.color, columns)

    def _find(self, arg: str) -> str:
        """:find 词语 [--region X] [--level Y] [--year N]: every occurrence, counted per report."""
        args = parse_find(arg, ":")
        if isinstance(args, str):
            return args
        found = self.engine.find(args.phrase, args.region, args.level, args.year)
        return render_terminal.render_concordance(found, self._width())


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


def run_repl(engine: Engine | LiveEngine, history: Path, lines: Iterable[str] | None = None) -> int:
    """Read lines (a terminal with prompt_toolkit, else stdin) until :quit or end of input."""
    interactive = lines is None and sys.stdin.isatty() and sys.stdout.isatty()
    columns = shutil.get_terminal_size().columns if interactive else None
    repl = Repl(engine, color=interactive, columns=columns)
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
