"""A segment's postings on disk: one file, each column's passages and then its counts.

Column c holds postings [indptr[c], indptr[c + 1]) of the segment; posting j is 6 bytes, a
passage number (int32) and a count (uint16). On disk (postings.npy, bytes) a column of n
postings starting at posting s lies at byte 6·s: its n passage numbers, then its n counts.
A column is then read whole by one os.preadv straight into two arrays, where a passage file
and a count file took two reads (at 300k passages in the bench's 11 segments, ~115 reads a
heavy question became ~58). The file is read by os.pread, never mapped: the pages read stay
in the page cache, shared by every process, in no process's own memory (segment.TextFile).
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path

import numpy as np

DOC = np.dtype("<i4")  # a passage number, local to its segment
COUNT = np.dtype("<u2")  # how often the term occurs in it
WIDTH = DOC.itemsize + COUNT.itemsize


def data_offset(path: Path) -> tuple[int, int]:
    """Where an .npy file's array starts (bytes) and how many items it holds."""
    with path.open("rb") as f:
        version = np.lib.format.read_magic(f)
        if version == (1, 0):
            shape, _, _ = np.lib.format.read_array_header_1_0(f)
        else:
            shape, _, _ = np.lib.format.read_array_header_2_0(f)
        return f.tell(), int(np.prod(shape))


def _kinds(indptr: np.ndarray) -> np.ndarray:
    """Per byte of the file: True for a passage number's, False for a count's."""
    sizes = np.diff(indptr).astype(np.int64)
    runs = np.empty(2 * len(sizes), dtype=np.int64)
    runs[0::2], runs[1::2] = sizes * DOC.itemsize, sizes * COUNT.itemsize
    return np.repeat(np.tile(np.array([True, False]), len(sizes)), runs)


def interleave(indptr: np.ndarray, indices: np.ndarray, tf: np.ndarray) -> np.ndarray:
    """The file's bytes of a segment's postings (`indices` and `tf` in column order)."""
    out = np.empty(WIDTH * len(indices), dtype=np.uint8)
    kinds = _kinds(indptr)
    out[kinds] = np.ascontiguousarray(indices, dtype=DOC).view(np.uint8)
    out[~kinds] = np.ascontiguousarray(tf, dtype=COUNT).view(np.uint8)
    return out


class PostingsFile:
    """A segment's postings.npy, read by columns with os.pread(v)."""

    def __init__(self, path: Path) -> None:
        self._offset, size = data_offset(path)
        if size % WIDTH:
            raise ValueError(f"{path} is truncated")
        self._size = size // WIDTH
        self.fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        weakref.finalize(self, os.close, self.fd)
        if os.fstat(self.fd).st_size < self._offset + size:
            raise ValueError(f"{path} is truncated")

    def __len__(self) -> int:
        """Postings in the file."""
        return self._size

    def where(self, start: int, end: int) -> tuple[int, int]:
        """The file offsets of column [start, end)'s passage numbers and of its counts."""
        if not 0 <= start <= end <= self._size:
            raise IndexError("a column is read within the file")
        at = self._offset + WIDTH * start
        return at, at + DOC.itemsize * (end - start)

    def read_into(self, start: int, end: int, docs: memoryview, counts: memoryview) -> None:
        """Column [start, end) whole into byte views of two arrays, by one os.preadv."""
        at, _ = self.where(start, end)
        if os.preadv(self.fd, [docs, counts], at) != WIDTH * (end - start):
            raise ValueError("a segment's file is truncated")

    def docs(self, start: int, end: int) -> np.ndarray:
        """Column [start, end)'s passage numbers."""
        return self.part(start, end, start, end, counts=False)[0]

    def part(
        self, start: int, end: int, a: int, e: int, counts: bool = True
    ) -> tuple[np.ndarray, np.ndarray]:
        """Postings [a, e) of column [start, end): passage numbers and (unless not asked
        for: then empty) counts; two reads unless the whole column is asked for."""
        if not start <= a <= e <= end:
            raise IndexError("a part of a column lies within it")
        docs = np.empty(e - a, dtype=DOC)
        tf = np.empty(e - a if counts else 0, dtype=COUNT)
        if a == start and e == end and counts:
            self.read_into(start, end, docs.data.cast("B"), tf.data.cast("B"))
            return docs, tf
        at_docs, at_counts = self.where(start, end)
        if os.preadv(self.fd, [docs.data.cast("B")], at_docs + DOC.itemsize * (a - start)) != (
            docs.nbytes
        ):
            raise ValueError("a segment's file is truncated")
        if counts and os.preadv(
            self.fd, [tf.data.cast("B")], at_counts + COUNT.itemsize * (a - start)
        ) != (tf.nbytes):
            raise ValueError("a segment's file is truncated")
        return docs, tf

    def everything(self, indptr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every column's passage numbers and counts one after the other (for a merge)."""
        raw = np.empty(WIDTH * self._size, dtype=np.uint8)
        if self._size and os.preadv(self.fd, [raw.data.cast("B")], self._offset) != raw.nbytes:
            raise ValueError("a segment's file is truncated")
        kinds = _kinds(indptr)
        return raw[kinds].view(DOC), raw[~kinds].view(COUNT)
