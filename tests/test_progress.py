"""The shells' progress bar: drawn on a terminal only, and only for builds that take a while."""

from __future__ import annotations

import io

from bot.progress import ProgressBar, terminal_progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_drawn_when_stderr_is_not_a_terminal() -> None:
    assert terminal_progress(io.StringIO()) is None
    assert isinstance(terminal_progress(_Terminal()), ProgressBar)


def test_a_slow_build_draws_a_bar_that_ends_the_line() -> None:
    term = _Terminal()
    bar = ProgressBar(term, delay=0.0)
    for done in range(11):
        bar(done, 10)
    assert "建立索引" in term.getvalue() and "100%" in term.getvalue()
    assert term.getvalue().endswith("\n")


def test_a_quick_build_draws_nothing() -> None:
    term = _Terminal()
    bar = ProgressBar(term)  # the default delay: a second before the first draw
    for done in range(3):
        bar(done, 2)
    assert term.getvalue() == ""
