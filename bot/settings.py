"""Settings from the environment and .env (prefix GOVQA_); the core gets plain values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from retrieval.config import EngineConfig

BUNDLED_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def default_cache_dir() -> Path:
    return Path.home() / ".cache" / "govqa"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="GOVQA_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    corpus_dir: Path = BUNDLED_SEEDS
    top_k: int = Field(default=3, ge=1, le=20)
    bm25_k1: float = Field(default=1.5, gt=0, le=10)
    bm25_b: float = Field(default=0.75, ge=0, le=1)
    min_coverage: float = Field(default=0.35, ge=0, le=1)
    cache_dir: Path = Field(default_factory=default_cache_dir)
    reload_seconds: float = Field(default=5.0, ge=0)  # corpus folder looked at; 0: only :reload
    history_file: Path = Field(default_factory=lambda: default_cache_dir() / "repl_history")

    # Telegram bot (govqa bot)
    telegram_token: SecretStr = SecretStr("")
    telegram_base_url: str = "https://api.telegram.org/bot"
    allowed_users: str = ""  # comma separated user ids or @usernames; empty: everyone
    admin_users: str = ""  # who may /reload: user ids or @usernames, comma separated
    rate_limit: int = Field(default=10, ge=1)  # questions per user per minute
    data_dir: Path = Field(default_factory=lambda: default_cache_dir() / "bot")
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_url: str = ""
    webhook_secret: SecretStr = SecretStr("")

    # Web page and HTTP API (govqa serve)
    web_host: str = "127.0.0.1"
    web_port: int = Field(default=8000, ge=1, le=65535)
    web_workers: int = Field(default=1, ge=1, le=64)
    web_secret: SecretStr = SecretStr("")  # signs conversation tokens; empty: new at each start
    web_conversation_ttl: int = Field(default=86400, ge=60)  # seconds a token stays valid
    web_rate_limit: int = Field(default=60, ge=0)  # requests per client per minute; 0: off
    web_trusted_proxies: str = ""  # proxy addresses/networks whose X-Forwarded-For counts
    web_cors_origins: str = ""  # comma-separated origins allowed by CORS; empty: CORS off
    web_max_body: int = Field(default=16384, ge=1024, le=1048576)  # bytes of a request body
    web_log_questions: bool = False  # log each question (no address) to stderr

    @field_validator("*", mode="after")
    @classmethod
    def _expand_home(cls, value: Any) -> Any:
        """~ in any path setting means the home folder (GOVQA_CACHE_DIR=~/.cache/govqa),
        as in a shell; never a folder named "~" in the working directory."""
        return value.expanduser() if isinstance(value, Path) else value

    def engine_config(self) -> EngineConfig:
        return EngineConfig(
            top_k=self.top_k, k1=self.bm25_k1, b=self.bm25_b, min_coverage=self.min_coverage
        )
