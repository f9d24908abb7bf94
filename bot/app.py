"""What every shell shares: the one-line Exit, settings and engine loading, input lines.

No shell imports another shell; each imports this.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from retrieval.corpus import READABLE
from retrieval.engine import Engine
from retrieval.errors import CorpusNotFound, NoReadableReports

from .progress import terminal_progress
from .render import plain
from .settings import Settings


class Exit(Exception):
    """Stop with a one-line message and an exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def settings_error(exc: ValidationError) -> str:
    """A settings error in one Chinese line: which setting, and what is wrong with it."""
    err = exc.errors()[0]
    where = ".".join(str(x) for x in err["loc"])
    return f"设置有误：{where}：{err['msg']}"


def load_settings(
    overrides: Mapping[str, Any] | None = None, env_file: Path | str | None = ".env"
) -> Settings:
    """Settings from the environment and `env_file` (None: no file), then `overrides`."""
    try:
        settings = Settings(_env_file=env_file)
        if overrides:
            settings = Settings.model_validate({**settings.model_dump(), **overrides})
    except ValidationError as exc:
        raise Exit(settings_error(exc)) from None
    return settings


def load_engine(settings: Settings) -> Engine:
    """Build the engine from the corpus folder, or stop with a one-line reason."""
    try:
        return Engine.from_dir(
            settings.corpus_dir,
            settings.engine_config(),
            cache_dir=settings.cache_dir,
            progress=terminal_progress(),
        )
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
