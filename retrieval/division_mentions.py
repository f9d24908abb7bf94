"""Names of divisions in a report's text, and the one division a run of them names.

"四平铁东区" names one 铁东区 of two (四平's, not 鞍山's); a short form counts only where it
is a province's or a city's, or follows its parent's name. The report identity reader
(metadata.py) resolves the place a report's header names with these.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .divisions import Division, Gazetteer

Mention = tuple[int, int, tuple[Division, ...]]


def mentions(
    gazetteer: Gazetteer, text: str, accept: Callable[[str, int, int], bool] | None = None
) -> list[Mention]:
    """Names of divisions in `text`: full names always; a short form only where `accept` allows.

    Without `accept`, a short form counts when it is a province's or a city's, or when a
    county's follows a name of its own parent ("四平铁东").
    """
    found: list[Mention] = []
    for start, end, divisions in gazetteer.scan(text):
        name = text[start:end]
        full = tuple(d for d in divisions if d.name == name or name in gazetteer.former_names(d))
        if full:
            found.append((start, end, full))
            continue
        if accept is not None:
            if accept(name, start, end):
                found.append((start, end, divisions))
            continue
        wide = tuple(d for d in divisions if d.level != "county")
        after_parent = found and found[-1][1] == start
        if after_parent:
            parents = {d.code for d in found[-1][2]}
            narrow = tuple(d for d in divisions if d.parent in parents)
            if narrow:
                found.append((start, end, narrow))
                continue
        if wide:
            found.append((start, end, wide))
    return found


def resolve_chain(
    gazetteer: Gazetteer, found: Sequence[Mention], body: str = ""
) -> Division | None:
    """The last name of a run, narrowed by the names before it, then by the body's evidence."""
    if not found:
        return None
    candidates = list(found[-1][2])
    for _, _, earlier in found[:-1]:
        codes = {d.code for d in earlier}
        narrowed = [c for c in candidates if any(a.code in codes for a in gazetteer.chain(c))]
        if narrowed:
            candidates = narrowed
    if len(candidates) == 1 or not body:
        return candidates[0] if candidates else None

    def evidence(d: Division) -> int:
        return sum(
            body.count(n)
            for a in gazetteer.chain(d)[:-1]
            for n in {a.name, *gazetteer.short_forms(a)}
        )

    scored = sorted(candidates, key=evidence, reverse=True)
    return scored[0]
