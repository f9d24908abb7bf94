"""Tokenizing with jieba: one normal form for report text and questions alike."""

from __future__ import annotations

import hashlib
import importlib
import logging
import re
import sys
import threading
import unicodedata
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

import opencc

from . import jieba_dict


def _import_jieba() -> ModuleType:
    """jieba, without letting it import pkg_resources.

    jieba 0.42 imports setuptools' pkg_resources (0.15 s, a fifth of a warm `govqa ask`)
    only to read its two bundled model files; without it, it opens them directly.
    """
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        return importlib.import_module("jieba")
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import fails: plain files
    try:
        return importlib.import_module("jieba")
    finally:
        del sys.modules["pkg_resources"]


jieba = _import_jieba()

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"
USER_DICT = DATA / "userdict.txt"
STOP_WORDS = DATA / "stopwords.txt"
_CONTENT = re.compile(r"[\w\u4e00-\u9fff]")
_PUNCT_ONLY = re.compile(r"^[\W_]+$")
# Lone surrogates ("\udcff" from bytes decoded with surrogateescape) cannot be encoded as
# UTF-8, which OpenCC and jieba's dictionary need; each becomes U+FFFD (offsets stay).
_SURROGATE = re.compile(r"[\ud800-\udfff]")
jieba.setLogLevel(logging.WARNING)


def normalize(text: str) -> str:
    """Full/half width and case folded (NFKC, lower): the form tokens are made from.

    Safe on any str: lone surrogates are replaced first (OpenCC would raise on them).
    """
    return unicodedata.normalize("NFKC", _SURROGATE.sub("\ufffd", text)).lower()


def read_word_list(path: Path) -> frozenset[str]:
    words = (ln.strip() for ln in path.read_text(encoding="utf-8").splitlines())
    return frozenset(normalize(w) for w in words if w and not w.startswith("#"))


class Tokenizer:
    """jieba with govqa's user dictionary and stop words; Traditional folded to Simplified.

    Loading jieba's dictionary takes most of a second, so it happens on first use.
    """

    def __init__(self, user_dict: Path = USER_DICT, stop_words: Path = STOP_WORDS) -> None:
        self._user_dict = user_dict
        self.stop_words = read_word_list(stop_words)
        self._lock = threading.Lock()
        self._t2s = opencc.OpenCC("t2s")

    @cached_property
    def _jieba(self) -> Any:  # jieba.Tokenizer; jieba ships no type information
        with self._lock:
            tk = jieba.Tokenizer()
            jieba_dict.initialize(tk, jieba)  # jieba's dictionary, kept in a faster form
            tk.load_userdict(str(self._user_dict))
            return tk

    @cached_property
    def version(self) -> str:
        """Changes whenever tokens could change: jieba, dictionary, stop words, this code."""
        h = hashlib.sha256()
        h.update(jieba.__version__.encode())
        h.update(self._user_dict.read_bytes())
        h.update("\n".join(sorted(self.stop_words)).encode())
        h.update(Path(__file__).read_bytes())
        return h.hexdigest()[:16]

    def fold(self, text: str) -> str:
        """Normal form for matching: NFKC, lower case, Simplified characters."""
        return str(self._t2s.convert(normalize(text)))

    def _content(self, tokens: Iterable[str]) -> list[str]:
        """Tokens with stop words and punctuation dropped."""
        stripped = (tok.strip() for tok in tokens)
        return [t for t in stripped if t and _CONTENT.search(t) and t not in self.stop_words]

    def words(self, text: str) -> list[str]:
        """Every jieba token of `text` (cut for search), stop words and punctuation dropped."""
        return self._content(self._jieba.cut_for_search(self.fold(text)))

    def precise_terms(self, text: str) -> list[str]:
        """The distinct content words of `text` in jieba's precise mode (no sub-words)."""
        return list(dict.fromkeys(self._content(self._jieba.cut(self.fold(text)))))

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """jieba's precise-mode words of an already folded text, with their offsets."""
        return [(w, s, e) for w, s, e in self._jieba.tokenize(text)]

    def query_terms(self, text: str) -> list[str]:
        """The distinct content words of a question, in order of first appearance."""
        return list(dict.fromkeys(self.words(text)))

    @cached_property
    def _tagger(self) -> Any:  # jieba.posseg.POSTokenizer over this dictionary
        import jieba.posseg  # loaded by the first question that needs it (~0.3 s)

        tk = self._jieba  # (takes the lock itself: not under it)
        with self._lock:
            return jieba.posseg.POSTokenizer(tk)

    def people(self, text: str) -> list[str]:
        """The personal names (jieba's tag nr) in `text`: "张三是在哪天作的报告" -> 张三."""
        return [
            p.word for p in self._tagger.cut(self.fold(text)) if p.flag == "nr" and len(p.word) > 1
        ]

    def is_dictionary_word(self, word: str, min_freq: int = 1000) -> bool:
        """A common word of jieba's dictionary (used to keep common words out of aliases)."""
        return bool(self._jieba.FREQ.get(word, 0) >= min_freq)

    def warm_up(self) -> None:
        self._jieba.cut("预热")
