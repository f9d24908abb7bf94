"""What every shell shares: the one-line Exit, loading settings and the engine, in Chinese.

No shell imports another shell; each imports this.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from retrieval.engine import Engine
from retrieval.errors import CorpusNotFound, NoReadableReports

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
            settings.corpus_dir, settings.engine_config(), cache_dir=settings.cache_dir
        )
    except CorpusNotFound as exc:
        raise Exit(
            f"语料文件夹不存在：{settings.corpus_dir}（用 --corpus 或 GOVQA_CORPUS_DIR 指定）"
        ) from exc
    except NoReadableReports as exc:
        raise Exit(f"语料文件夹中没有可读的报告（.txt/.html）：{settings.corpus_dir}") from exc
