"""Sentence spans at question time: `passages.sentence_spans`, faster, the same spans.

Re-ranking cuts every candidate passage into sentences, so the cut is on the answer's path.
`passages._line_sentences` counts the quotes and brackets of each regex piece with fourteen
`str.count` calls; here each line's quote and bracket marks are found once (one regex scan)
and added up as the pieces pass them. passages.py itself stays as it is: its bytes are part
of every token cache's key (cache_keys.PASSAGE_CODE), and changing it would tokenize every
report again. tests/test_sentences.py checks that both give the same spans.

The pieces are matched greedily (`_PIECE`): a first character, the run up to the next
sentence end, that end with its closing marks; the lazy `.+?` of passages._SENTENCE gives the
same pieces of a line (the shortest prefix followed by a sentence end or the line's end),
trying the end at every character. A text with no opening quote or bracket needs no depth
count: its spans are its non-blank pieces, in one scan of the whole text; so does a text
whose every mark belongs to a quote closed before any sentence end ("“四好农村路”示范县。").

The spans of the last texts cut are kept (`KEPT`, as flat arrays of 32-bit offsets, ~100
bytes a passage): an answer cuts a candidate when re-ranking it, again when judging it and
when choosing its excerpt, and the next questions meet many of the same candidates. As many
texts are kept cut as are kept folded (store.FOLDED_KEPT; the texts themselves are the same
strings): at 2048, half of them, over half the bench's cuts at 300k were of texts still kept
folded (3635 cuts of 6812 asked for, in its 149 plain questions; at 4096, ~1.9k), ~13 µs each.
At 8192 (~0.7 kB a text kept folded and cut: ~3 MB more when full) a pass over the bench's
200 questions (~8k candidates) finds those of the pass before: 300k, best of three passes,
p50/p95 2.72/6.32 -> 2.67/6.07 ms (median of three runs; first asks unchanged).
"""

from __future__ import annotations

import re
from array import array
from functools import lru_cache

from .passages import _CLOSE, _OPEN, MAX_QUOTED
from .scans import scan_cache

_MARK = re.compile("[" + re.escape(_OPEN + _CLOSE) + "]")
_OPENING = re.compile("[" + re.escape(_OPEN) + "]")
_ENDS = "。！？!?；;"  # passages._SENTENCE's sentence ends, then its closing marks
_PIECE = re.compile(rf"[^\n][^\n{_ENDS}]*(?:[{_ENDS}]+[”’」』)）]*)?")
# A quote or bracket closed before any sentence end, line end or other mark ("“四好”"):
# it lies inside one piece (a closing mark is taken into a piece only right after an end)
_O, _C = re.escape(_OPEN), re.escape(_CLOSE)
_CLOSED_QUOTE = re.compile(f"[{_O}][^{_O}{_C}{_ENDS}\\n]*[{_C}]")


KEPT = 8192  # texts whose spans are kept (and the texts themselves, while kept)


def sentence_spans(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Sentence spans (ending 。！？； or a line) offset by `base`: passages.sentence_spans."""
    if base:
        return _cut(text, base)
    ends = iter((scan_cache(_kept, _spans, SCAN_KEPT) or _kept)(text))  # scans.py
    return list(zip(ends, ends, strict=False))


def _spans(text: str) -> array[int]:
    """The spans of `text`, start and end one after the other."""
    return array("i", [at for span in _cut(text, 0) for at in span])


_kept = lru_cache(maxsize=KEPT)(_spans)
SCAN_KEPT = 256  # texts a scan over every report keeps cut for itself


def _cut(text: str, base: int) -> list[tuple[int, int]]:
    if not _OPENING.search(text) or _quotes_close_within_pieces(text):
        # No quote opens, or each one closes within its piece: the depth is zero at every
        # piece's end, so every piece ends a sentence (3000 passages of the bench's 300k
        # reports, most quoting a name: 5.4 -> 4.6 us a text; real paragraphs 13.0 -> 11.5)
        return [(base + m.start(), base + m.end()) for m in _PIECE.finditer(text)
                if not m.group().isspace()]  # fmt: skip
    spans: list[tuple[int, int]] = []
    offset = base
    for line in text.split("\n"):
        _line_sentences(line, offset, spans)
        offset += len(line) + 1
    return spans


def _quotes_close_within_pieces(text: str) -> bool:
    """Is every quote and bracket mark of `text` in a quote closed before any sentence end or
    line end, quotes inside quotes too ("《龙“x”元市志》")? Such a quote lies in one piece
    (a piece ends only at a sentence end, and takes closing marks only right after it), so
    the marks of each piece add up to zero."""
    count = 1
    while count:
        text, count = _CLOSED_QUOTE.subn("", text)  # the innermost quotes first
    return not _MARK.search(text)


def _line_sentences(line: str, base: int, spans: list[tuple[int, int]]) -> None:
    """passages._line_sentences(line, base), appended to `spans`."""
    marks = [(m.start(), 1 if m.group() in _OPEN else -1) for m in _MARK.finditer(line)]
    opened = any(step > 0 for _, step in marks)  # none: the depth never goes above zero
    size, start, depth, k = len(line), 0, 0, 0
    for m in _PIECE.finditer(line):
        end = m.end()
        if opened:
            while k < len(marks) and marks[k][0] < m.start():
                k += 1  # between two pieces (the pieces tile the line: never)
            while k < len(marks) and marks[k][0] < end:
                depth += marks[k][1]
                k += 1
            if depth > 0 and end < size and end - start < MAX_QUOTED:
                continue  # inside quotes: the sentence goes on (unless the quote never closes)
            depth = 0
        if line[start:end].strip():
            spans.append((base + start, base + end))
        start = end
