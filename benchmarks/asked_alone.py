"""The held-back sets' second mode, for benchmarks/question_sets.py --alone: each answerable
question asked of its own report alone, with the name of the region it asks about taken out
("河南今年GDP目标是多少" of 河南's report alone as "今年GDP目标是多少").

What it does not do: a region said by a short name of its own (冀, 皖, 呼市, 克州) stays in
the question, and a region's name that is part of a longer name asked about ("宁波舟山港" of
宁波) is taken out with it, when it is the first time the question says it.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retrieval.engine import Engine
    from retrieval.tokens import Tokenizer

# The level a region's name ends with ("河南省", "宁夏回族自治区", "保定市", "满城区")
_LEVEL = "维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|自治州|省|市|区|县|州|盟|旗"
_PARTS = re.compile(rf".+?(?:{_LEVEL})")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|「[^」]*」|《[^》]*》")


def region_names(region: str | None) -> list[list[str]]:
    """The names each part of a region may be said by, the longest first: "河北省保定市" ->
    [["河北省", "河北"], ["保定市", "保定"]]. A year written after it ("国务院2025") is
    dropped; a stem is never one character."""
    region = re.sub(r"\d+$", "", region or "")
    parts = _PARTS.findall(region) if _PARTS.fullmatch(region) else [region]
    names = []
    for part in filter(None, parts):
        stem = re.sub(rf"(?:{_LEVEL})$", "", part)
        names.append([part, stem] if len(stem) >= 2 and stem != part else [part])
    return names


def without_region(question: str, region: str | None) -> str:
    """`question` with each part of its region taken out once: the first time it is said,
    by its full name or its stem, outside quotes (“新福建” stays)."""
    for forms in region_names(region):
        quoted = [m.span() for m in _QUOTED.finditer(question)]
        found = [
            m.span()
            for form in forms
            for m in re.finditer(re.escape(form), question)
            if not any(s <= m.start() < e for s, e in quoted)
        ]
        if found:  # the first place it is said, by its longest name there
            start, end = min(found, key=lambda span: (span[0], -span[1]))
            question = question[:start] + question[end:]
    return question


class AloneEngines:
    """An engine over each report alone, made when first asked and kept (a folder holds up
    to ~35 reports), over one jieba."""

    def __init__(self, folders: list[Path], tokenizer: Tokenizer) -> None:
        self._folders = folders
        self._tokenizer = tokenizer
        self._engines: dict[str, Engine] = {}

    def __call__(self, doc: str) -> Engine:
        from retrieval.engine import Engine

        if doc not in self._engines:
            source = next(f / doc for f in self._folders if (f / doc).is_file())
            with tempfile.TemporaryDirectory(prefix="govqa-alone-") as tmp:
                shutil.copy(source, Path(tmp) / doc)
                self._engines[doc] = Engine.from_dir(Path(tmp), tokenizer=self._tokenizer)
        return self._engines[doc]
