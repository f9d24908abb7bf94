"""The engine a web worker serves, given or loaded in a thread at start-up."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from retrieval import word_kinds
from retrieval.engine import Engine
from retrieval.live import LiveEngine, current
from retrieval.models import Conversation

from . import render
from .app import Exit
from .web_errors import ApiError

log = logging.getLogger("govqa.web")


def warm_up(engine: Engine) -> None:
    """One question: jieba's dictionary (about a second) and what the first answer builds are
    loaded now, not in a user's wait (and, before a fork, once for every worker), with the
    index of jieba's dictionary lines that tells a word's kind."""
    engine.answer(render.EXAMPLES[0], Conversation())
    word_kinds.prepare()


class EngineSlot:
    """The engine a worker serves: given, or loaded in a thread while the server already answers
    (health says 503 until then)."""

    def __init__(self, engine: Engine | Callable[[], Engine | LiveEngine]) -> None:
        self.engine: Engine | None = engine if isinstance(engine, Engine) else None
        self.live: LiveEngine | None = None  # set when the loader gives one: it follows the folder
        self.failure: str | None = None
        self._load = None if isinstance(engine, Engine) else engine
        self._lock = threading.Lock()
        self._started = False

    def start(self) -> None:
        """Load in a thread, once (at start-up; or at the first request, without a lifespan)."""
        with self._lock:
            if self.engine is not None or self._load is None or self._started:
                return
            self._started = True
            threading.Thread(target=self._run, name="govqa-load", daemon=True).start()

    def _run(self) -> None:
        assert self._load is not None
        try:
            loaded = self._load()
            self.live = loaded if isinstance(loaded, LiveEngine) else None
            engine = current(loaded)
            warm_up(engine)
            self.engine = engine
        except Exit as exc:
            self.failure = str(exc)
            log.error("索引载入失败：%s", exc)
        except Exception:
            self.failure = "索引载入失败"
            log.exception("索引载入失败")

    def get(self) -> Engine:
        if self.engine is None:
            self.start()
            raise ApiError(503, "loading", "索引正在载入，请稍候再试。", {"Retry-After": "5"})
        return self.live.engine if self.live is not None else self.engine
