"""A ranking's hits after the first page, judged only when a follow-up asks for them.

An answer cites its first page (top_k hits) of a ranking that is kept for follow-ups ("还有呢",
the API's `has_more` and `offset`). Every one of the ~40 re-ranked hits after the answering one
was judged before the answer was given (abstention.relevant: does it hold enough of the
question, is it about another year, part or place) and cut to one a paragraph
(citing.one_per_paragraph); most answers are never followed up. The hits are now drawn from
those two filters one at a time, as far as they are asked for: the first page with the
answer, one more when `has_more` is asked, the rest when a follow-up pages on. The same hits in
the same order: each is judged by the same engine, with the same question, whenever it is
drawn. At 300k passages that took 0.3-1.3 ms off the bench's slowest plain questions.

A newer engine taking over (retrieval/live.py) closes the rankings the older one left open:
no more of their hits are drawn, so that no conversation keeps the older engine alive (a
follow-up on them is refused: their passage numbers are the older index's, Engine.more).
A hit that cannot be judged (an error) ends its ranking; the error is logged.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

Hit = tuple[int, float]  # passage index, score
log = logging.getLogger(__name__)


class Hits(Sequence[Hit]):
    """Hits drawn from an iterator only as far as they are asked for; thread-safe."""

    def __init__(self, hits: Iterable[Hit] = ()) -> None:
        self._got: list[Hit] = []
        self._rest: Iterator[Hit] | None = iter(hits)
        self._lock = threading.Lock()

    def _draw(self, n: int | None) -> list[Hit]:
        """The hits, drawn until there are n (None: all)."""
        with self._lock:
            while self._rest is not None and (n is None or len(self._got) < n):
                try:
                    hit = next(self._rest, None)
                except Exception:  # a follow-up gets what was drawn, not the error
                    log.exception("ranking ended: a hit could not be judged")
                    hit = None
                if hit is None:
                    self._rest = None  # (and what it held)
                else:
                    self._got.append(hit)
            return self._got

    def has(self, n: int) -> bool:
        """Is there a hit at position n (from 0)?"""
        return n < len(self._draw(n + 1))

    def settle(self) -> None:
        """Draw every hit now."""
        self._draw(None)

    def close(self) -> None:
        """Draw no more hits: those drawn so far are all (and what drew them is let go)."""
        with self._lock:
            self._rest = None

    def __bool__(self) -> bool:  # (Sequence's would draw them all to count them)
        return self.has(0)

    def __len__(self) -> int:
        return len(self._draw(None))

    @overload
    def __getitem__(self, at: int) -> Hit: ...

    @overload
    def __getitem__(self, at: slice) -> list[Hit]: ...

    def __getitem__(self, at: int | slice) -> Hit | list[Hit]:
        if isinstance(at, slice):
            bounded = at.stop is not None and at.stop >= 0 and (at.start or 0) >= 0
            return self._draw(at.stop if bounded and not at.step else None)[at]
        return self._draw(at + 1 if at >= 0 else None)[at]


def hit_at(hits: Sequence[Hit], n: int) -> bool:
    """Is there a hit at position n of `hits` (drawn that far if they are Hits)?"""
    return hits.has(n) if isinstance(hits, Hits) else n < len(hits)


class OpenRankings:
    """The Hits an engine's answers left to be drawn later; closed all at once."""

    def __init__(self) -> None:
        self._open: weakref.WeakSet[Hits] = weakref.WeakSet()
        self._closed = False
        self._lock = threading.Lock()

    def hits(self, drawn: Iterable[Hit]) -> Hits:
        """Hits of `drawn`, left open unless these rankings were closed (then drawn now)."""
        hits = Hits(drawn)
        with self._lock:
            if not self._closed:
                self._open.add(hits)
                return hits
        hits.settle()
        return hits

    def close(self) -> None:
        """Draw no more of any open ranking's hits (a ranking made from now on is drawn
        whole when made)."""
        with self._lock:
            self._closed = True
            pending = list(self._open)
            self._open.clear()
        for hits in pending:
            hits.close()
