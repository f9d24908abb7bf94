"""What every shell shares: the one-line Exit, settings and engine loading, input lines.

No shell imports another shell; each imports this.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
from collections.abc import Iterator, Mapping, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from retrieval.concordance import level_key
from retrieval.corpus import READABLE
from retrieval.engine import Engine
from retrieval.errors import CorpusNotFound, NoReadableReports
from retrieval.live import LiveEngine
from retrieval.tokens import Tokenizer

from .progress import terminal_progress
from .render import plain
from .settings import Settings


class Exit(Exception):
    """Stop with a one-line message and an exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


_PROBLEMS = {
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "greater_than_equal": "应不小于 {ge}",
    "greater_than": "应大于 {gt}",
    "less_than_equal": "应不大于 {le}",
    "less_than": "应小于 {lt}",
    "string_too_long": "太长（最多 {max_length} 个字符）",
    "string_too_short": "太短（至少 {min_length} 个字符）",
    "missing": "缺少",
}


def _source(name: str, env_file: Path | str | None, from_cli: Set[str]) -> str:
    """Where a setting's value came from, as the user would look for it."""
    field_name = name.removeprefix("GOVQA_").lower()
    if field_name in from_cli:
        return "来自命令行参数"
    if any(key.upper() == name for key in os.environ):
        return "来自环境变量"
    if env_file is not None:
        path = Path(env_file)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []
        if any(ln.strip().upper().startswith((f"{name}=", f"EXPORT {name}=")) for ln in lines):
            return f"来自 {path} 文件"
    return "来源不明"


def settings_error(
    exc: ValidationError, env_file: Path | str | None = None, from_cli: Set[str] = frozenset()
) -> str:
    """A settings error in one Chinese line: the variable, its value and where it came from,
    and what is wrong with it ("设置有误：GOVQA_TOP_K=abc（来自环境变量）：应为整数")."""
    err = exc.errors()[0]
    field_name = ".".join(str(x) for x in err["loc"])
    name = f"GOVQA_{field_name.upper()}"
    value = err.get("input")
    shown = value if isinstance(value, str | int | float) else None
    problem = _PROBLEMS.get(err["type"], err["msg"])
    with contextlib.suppress(KeyError, IndexError):
        ctx = {k: f"{v:g}" if isinstance(v, float) else v for k, v in err.get("ctx", {}).items()}
        problem = problem.format(**ctx)
    where = _source(name, env_file, from_cli)
    text = f"{name}={shown}" if shown is not None else name
    return f"设置有误：{text}（{where}）：{problem}"


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    env_file: Path | str | None = ".env",
    from_cli: Set[str] = frozenset(),
) -> Settings:
    """Settings from the environment and `env_file` (None: no file), then `overrides`."""
    try:
        settings = Settings(_env_file=env_file)
        if overrides:
            settings = Settings.model_validate({**settings.model_dump(), **overrides})
    except ValidationError as exc:
        raise Exit(settings_error(exc, env_file, from_cli)) from None
    return settings


def build_engine(
    settings: Settings, optimize: bool = False, tokenizer: Tokenizer | None = None
) -> Engine:
    """The engine of the corpus folder; the core's errors are left to the caller.
    `optimize` merges the index segments into one (govqa index --optimize); `tokenizer`
    reuses one already loaded (jieba's dictionary is loaded once per tokenizer)."""
    return Engine.from_dir(
        settings.corpus_dir,
        settings.engine_config(),
        tokenizer=tokenizer,
        cache_dir=settings.cache_dir,
        progress=terminal_progress(),
        optimize=optimize,
    )


def load_live_engine(settings: Settings, first: Engine | None = None) -> LiveEngine:
    """An engine that follows the corpus folder while serving (retrieval/live.py); each
    new engine reuses the first one's tokenizer (no second jieba dictionary)."""
    if first is None:
        first = load_engine(settings)  # a folder that cannot be read stops here, in Chinese
    interval = settings.reload_seconds or None
    tokenizer = first.tokenizer
    return LiveEngine(
        lambda: build_engine(settings, tokenizer=tokenizer),
        settings.corpus_dir,
        interval,
        first=first,
    )


def load_engine(settings: Settings, optimize: bool = False) -> Engine:
    """Build the engine from the corpus folder, or stop with a one-line reason."""
    try:
        return build_engine(settings, optimize)
    except CorpusNotFound as exc:
        raise Exit(
            f"语料文件夹不存在：{settings.corpus_dir}（用 --corpus 或 GOVQA_CORPUS_DIR 指定）"
        ) from exc
    except NoReadableReports as exc:
        found = "".join(f"\n  {plain(w)}" for w in exc.found[:20])
        found += f"\n  ……另有 {len(exc.found) - 20} 个文件" if len(exc.found) > 20 else ""
        raise Exit(
            f"语料文件夹中没有可读的报告（可读格式：{READABLE}）：{settings.corpus_dir}"
            + (f"，其中有：{found}" if found else "（文件夹是空的）")
        ) from exc


# -- :find / /find arguments ------------------------------------------------------------------

FIND_USAGE = (
    "用法：{c}find 词语 [--region 地区] [--level 级别] [--year 年份]"
    "（如 {c}find 六稳 --level 县级）"
)


@dataclass(frozen=True, slots=True)
class FindArgs:
    phrase: str
    region: str | None = None
    level: str | None = None
    year: int | None = None


def parse_find(arg: str, command: str) -> FindArgs | str:
    """`六稳 --level 县级 --year 2021` as FindArgs, or the Chinese line saying what is wrong."""
    try:
        words = shlex.split(arg)
    except ValueError:
        words = arg.split()
    options: dict[str, str] = {}
    phrase: list[str] = []
    while words:
        word = words.pop(0)
        if word in ("--region", "--level", "--year") and words:
            options[word[2:]] = words.pop(0)
        else:
            phrase.append(word)
    if not phrase:
        return FIND_USAGE.format(c=command)
    year = options.get("year")
    if year is not None and not year.isdigit():
        return f"年份应为数字，如 --year 2022（收到“{year}”）。"
    level = options.get("level")
    if level is not None and level_key(level) is None:
        return f"不认识的级别“{level}”：可用 全国、省级、地级、县级。"
    return FindArgs(" ".join(phrase), options.get("region"), level, int(year) if year else None)


# -- input from a pipe or a terminal ----------------------------------------------------------

NOT_UTF8 = "这一行不是有效的 UTF-8 文本，无法作答；请用 UTF-8 编码输入问题。"
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_END = re.compile(rb"\r\n|\r|\n")


def clean_question(text: str) -> str:
    """Lone surrogates (undecodable bytes of argv or a pipe) as U+FFFD: the core takes text."""
    return _SURROGATE.sub("\ufffd", text)


@dataclass(frozen=True, slots=True)
class InputLine:
    text: str  # without its line end; bytes that are not UTF-8 shown as U+FFFD
    valid: bool  # False: the line was not UTF-8


def input_lines(stream: BinaryIO) -> Iterator[InputLine]:
    """Lines of a byte stream as they arrive, ended by \\n, \\r\\n or a lone \\r (old Macs)."""
    for raw in _raw_lines(stream):
        try:
            yield InputLine(raw.decode("utf-8"), True)
        except UnicodeDecodeError:
            yield InputLine(raw.decode("utf-8", "replace"), False)


def _raw_lines(stream: BinaryIO) -> Iterator[bytes]:
    read = getattr(stream, "read1", stream.read)  # read1: what has arrived, without waiting
    pending = b""
    while chunk := read(65536):
        pending += chunk
        start = 0
        for end in _LINE_END.finditer(pending):
            if end.group() == b"\r" and end.end() == len(pending):
                break  # a \r last in the chunk: the next one may start with its \n
            yield pending[start : end.start()]
            start = end.end()
        pending = pending[start:]
    if pending:
        yield pending.removesuffix(b"\r")
