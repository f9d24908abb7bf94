"""The open headings of a report's outline while its lines are read (sections.py): each
heading's level is the rank of its numbering style, the style seen first ranking highest, as
in a Word outline; a .docx's heading levels keep their own order."""

from __future__ import annotations

from dataclasses import dataclass, field

DOCX_LEVELS = tuple(f"h{n}" for n in range(1, 10))  # styles of lines a .docx marks


@dataclass(eq=False, slots=True)
class OpenHeading:
    rank: int  # of its style in the outline; lower is higher
    heading: str
    run_in: bool  # opened by a lead sentence, not a heading line


@dataclass(slots=True)
class Outline:
    """The open headings, nested by the rank of their style (first seen ranks highest)."""

    ranks: list[str] = field(default_factory=list)
    stack: list[OpenHeading] = field(default_factory=list)

    def rank(self, style: str) -> int:
        if style not in self.ranks:
            at = len(self.ranks)
            if style in DOCX_LEVELS:  # .docx heading levels keep their own order
                at = next(
                    (k for k, s in enumerate(self.ranks) if s in DOCX_LEVELS and s > style), at
                )
            self.ranks.insert(at, style)
        return self.ranks.index(style)

    def open(self, style: str, heading: str, run_in: bool = False) -> OpenHeading:
        """Open `heading`, closing the open headings at its level or below."""
        entry = OpenHeading(self.rank(style), heading, run_in)
        while self.stack and self.stack[-1].rank >= entry.rank:
            self.stack.pop()
        self.stack.append(entry)
        return entry

    def restart(self, *roots: str) -> OpenHeading:
        """A new scope (an annex, a glossary) under `roots`: styles rank afresh."""
        self.ranks = []
        self.stack = [OpenHeading(k - len(roots), root, False) for k, root in enumerate(roots)]
        return self.stack[-1]

    def path(self) -> tuple[str, ...]:
        return tuple(e.heading for e in self.stack)
