"""jieba's cuts of a question, made once and read by every step that cuts it.

Answering cuts the same few strings again and again: the region match cuts the folded
question, the query builder cuts it again (units, adverbs, years, its words, the spans inside
known words), then cuts what is left of it twice, for its search words and its precise words.
jieba's precise cut is a function of the string alone (its dictionary does not change once
loaded), so each distinct string is cut once here and kept (the last few hundred): search
words are the precise words with their dictionary sub-words, as jieba's `cut_for_search`
makes them. tokens.py is left as it is: its bytes key every token cache.
tests/test_cuts.py checks these against the Tokenizer's own methods.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

from .tokens import Tokenizer

KEPT = 512  # distinct strings kept cut (a question makes ~5)


class Cuts:
    """Tokenizer.spans, words and precise_terms, with each distinct string cut once."""

    def __init__(self, tokenizer: Tokenizer, kept: int = KEPT) -> None:
        self._tokenizer = tokenizer
        self._spans: Callable[[str], tuple[tuple[str, int, int], ...]] = lru_cache(maxsize=kept)(
            self._cut
        )

    def _cut(self, text: str) -> tuple[tuple[str, int, int], ...]:
        return tuple(self._tokenizer.spans(text))

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """Tokenizer.spans(text): jieba's precise-mode words of a folded text, with offsets."""
        return list(self._spans(text))

    def words(self, text: str) -> list[str]:
        """Tokenizer.words(text): every token cut for search, stop words and punctuation out."""
        tokenizer = self._tokenizer
        precise = [w for w, _, _ in self._spans(tokenizer.fold(text))]
        return tokenizer._content(_for_search(precise, tokenizer.is_dictionary_word))

    def precise_terms(self, text: str) -> list[str]:
        """Tokenizer.precise_terms(text): the distinct content words, precise mode."""
        tokenizer = self._tokenizer
        precise = [w for w, _, _ in self._spans(tokenizer.fold(text))]
        return list(dict.fromkeys(tokenizer._content(precise)))

    def query_terms(self, text: str) -> list[str]:
        """Tokenizer.query_terms(text): the distinct search words, in order."""
        return list(dict.fromkeys(self.words(text)))


def _for_search(words: list[str], known: Callable[[str, int], bool]) -> Iterator[str]:
    """jieba's cut_for_search from its precise cut: before each word longer than two
    characters, its two-character pieces of the dictionary, then (longer than three) its
    three-character ones (`known(piece, 1)`: a frequency above zero, jieba's test)."""
    for w in words:
        if len(w) > 2:
            for i in range(len(w) - 1):
                if known(w[i : i + 2], 1):
                    yield w[i : i + 2]
        if len(w) > 3:
            for i in range(len(w) - 2):
                if known(w[i : i + 3], 1):
                    yield w[i : i + 3]
        yield w
