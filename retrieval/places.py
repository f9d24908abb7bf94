"""Names of provinces and larger cities (data/places.txt)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

PLACES = Path(__file__).parent / "data" / "places.txt"


@cache
def read_places(path: Path = PLACES) -> tuple[str, ...]:
    lines = (ln.strip() for ln in path.read_text(encoding="utf-8").splitlines())
    return tuple(ln for ln in lines if ln and not ln.startswith("#"))
