"""Index versions: which segments make up the corpus as it is, and the corpus statistics.

A version is a folder `versions/<key>/` (the key hashes every file's name and content with
the versions of the code, retrieval/cache_keys.py): version.json names its segments in order
and the warnings of its build; union_hash.npy and union_df.npy hold every term's document
frequency over all segments (corpus_stats.CorpusStats), mapped by readers. Segments live in
`segments/<id>/` (retrieval/segment.py) and are shared by versions: adding one report makes
one small segment and a new version naming the old segments plus the new one.

Only the writer (under the cache's lock) makes versions; readers open a finished one and are
never blocked. Old versions are pruned (KEEP_VERSIONS stay), then segments no version names.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .build import FileEntry
from .corpus_stats import CorpusStats
from .duplicates import MIN_SENTENCES, DuplicateCandidate, could_be_copy, drop_duplicates
from .segment import Segment, remove_segment
from .segment_build import Kept, Part, build_segment, part_size

VERSION_FORMAT = 1
KEEP_VERSIONS = 2  # version folders kept (most recently used first)
SEGMENT_PASSAGES = 32_768  # a segment built in one go holds about this many passages at most
MAX_SEGMENTS = 32  # past this many segments, the smallest are merged


def version_dir(cache_dir: Path, key: str) -> Path:
    return cache_dir / "versions" / key


def segment_dir(cache_dir: Path, seg_id: str) -> Path:
    return cache_dir / "segments" / seg_id


def open_version(cache_dir: Path, key: str) -> tuple[list[Segment], CorpusStats, list[str]]:
    """The segments, statistics and warnings of version `key`; FileNotFoundError if there
    is none, ValueError (or OSError) if it or a segment it names is damaged."""
    where = version_dir(cache_dir, key)
    head = json.loads((where / "version.json").read_text("utf-8"))
    if head.get("format") != VERSION_FORMAT or head.get("key") != key:
        raise ValueError(f"version {key} is of another format")
    segments = [Segment.open(segment_dir(cache_dir, s)) for s in head["segments"]]
    union_hash = np.asarray(np.load(where / "union_hash.npy", mmap_mode="r"))
    union_df = np.asarray(np.load(where / "union_df.npy", mmap_mode="r"))
    s = head["stats"]
    stats = CorpusStats(int(s["n_docs"]), int(s["total_len"]), float(s["mean_idf"]),
                        union_hash, union_df)  # fmt: skip
    if len(union_hash) != len(union_df) or stats.n_docs != sum(g.size for g in segments):
        raise ValueError(f"version {key} does not match its segments")
    with contextlib.suppress(OSError):  # most recently used first when pruning
        os.utime(where)
    return segments, stats, list(head["warnings"])


def _named(where: Path) -> list[str]:
    """The segments version folder `where` names ([] if it cannot be read)."""
    try:
        return list(json.loads((where / "version.json").read_text("utf-8"))["segments"])
    except (OSError, ValueError, KeyError, TypeError):
        return []


def discard(cache_dir: Path, key: str) -> None:
    """Remove a damaged version and the segments it names that no other version names
    (they are made again)."""
    where = version_dir(cache_dir, key)
    others: set[str] = set()
    with contextlib.suppress(OSError):
        for other in (cache_dir / "versions").iterdir():
            if other.name != key and not other.name.startswith("."):
                others.update(_named(other))
    for seg in _named(where):
        if seg not in others:
            remove_segment(segment_dir(cache_dir, seg))
    shutil.rmtree(where, ignore_errors=True)


def write_version(
    cache_dir: Path,
    key: str,
    segments: Sequence[Segment],
    stats: CorpusStats,
    warnings: list[str],
    replace: bool = False,
    code: str = "",
) -> None:
    """Save the segments not yet on disk and the version naming them (renamed into place);
    `replace` swaps it for a version of the same key (the same files, merged differently)."""
    for seg in segments:
        where = segment_dir(cache_dir, seg.id)
        if not where.is_dir():
            seg.save(where)
    final = version_dir(cache_dir, key)
    if final.is_dir() and not replace:
        return
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=final.parent, prefix=f".{key}.", suffix=".tmp"))
    try:
        np.save(tmp / "union_hash.npy", stats.union_hash)
        np.save(tmp / "union_df.npy", stats.union_df)
        head = {
            "format": VERSION_FORMAT,
            "key": key,
            "code": code,  # the code versions that made its segments (see latest_key)
            "segments": [s.id for s in segments],
            "warnings": warnings,
            "stats": {"n_docs": stats.n_docs, "total_len": stats.total_len,
                      "mean_idf": stats.mean_idf},
        }  # fmt: skip
        (tmp / "version.json").write_text(json.dumps(head, ensure_ascii=False), "utf-8")
        for path in (tmp, *tmp.iterdir()):
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        if final.is_dir():
            old = final.with_name(f".{key}.old.tmp")
            shutil.rmtree(old, ignore_errors=True)
            os.rename(final, old)
            shutil.rmtree(old, ignore_errors=True)
        os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


# -- the folder's latest version --------------------------------------------------------------


def _pointer(cache_dir: Path, folder: Path, versions: str) -> Path:
    raw = f"{folder.resolve()}\n{versions}"
    return cache_dir / "current" / hashlib.sha256(raw.encode()).hexdigest()[:24]


def latest_key(cache_dir: Path, folder: Path, versions: str) -> str | None:
    """The key of the version last made for `folder` with these code versions; else (a
    folder moved or copied) the most recently used version made by the same code, if any:
    its segments are reused only for files of the same name and content."""
    try:
        return _pointer(cache_dir, folder, versions).read_text("utf-8").strip() or None
    except OSError:
        pass
    try:
        found = sorted(
            (p for p in (cache_dir / "versions").iterdir() if not p.name.startswith(".")),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
    except OSError:
        return None
    for where in found:
        with contextlib.suppress(OSError, ValueError, KeyError):
            if json.loads((where / "version.json").read_text("utf-8"))["code"] == versions:
                return where.name
    return None


def set_latest(cache_dir: Path, folder: Path, versions: str, key: str) -> None:
    from .atomic import atomic_write_bytes

    atomic_write_bytes(_pointer(cache_dir, folder, versions), key.encode(), mode=0o644)


# -- planning an update -----------------------------------------------------------------------


def carry_over(
    segments: Sequence[Segment], live: dict[str, str]
) -> tuple[list[Segment], list[Kept], set[str]]:
    """What of the old segments still holds: segments whose every report is live with the
    same content (kept as they are), reports kept out of the others (to be rewritten), and
    the names of every report carried over."""
    whole: list[Segment] = []
    partial: list[Kept] = []
    names: set[str] = set()
    for seg in segments:
        keep = tuple(r for r, rep in enumerate(seg.reports) if live.get(rep.name) == rep.digest)
        names.update(seg.reports[r].name for r in keep)
        if len(keep) == len(seg.reports):
            whole.append(seg)
        elif keep:
            partial.append(Kept(seg, keep))
    return whole, partial, names


def new_segments(parts: Sequence[Part], code: str = "") -> list[Segment]:
    """Segments of about SEGMENT_PASSAGES passages each made of `parts`, in order, by the
    code versions `code`."""
    out: list[Segment] = []
    batch: list[Part] = []
    size = 0
    for part in parts:
        n = part_size(part)
        if batch and size + n > SEGMENT_PASSAGES:
            out.append(build_segment(batch, code))
            batch, size = [], 0
        batch.append(part)
        size += n
    if batch:
        out.append(build_segment(batch, code))
    return out


def merged(segments: Sequence[Segment], bound: int = MAX_SEGMENTS, code: str = "") -> list[Segment]:
    """`segments` with the smallest merged into one while there are more than `bound`."""
    out = list(segments)
    while len(out) > max(bound, 1):
        small = sorted(range(len(out)), key=lambda i: out[i].size)[: len(out) - bound + 1]
        parts = [Kept(out[i], tuple(range(len(out[i].reports)))) for i in sorted(small)]
        joined = build_segment(parts, code)
        out = [s for i, s in enumerate(out) if i not in small] + [joined]
    return out


def first_name(part: Kept | FileEntry) -> str:
    return part.name if isinstance(part, FileEntry) else part.segment.reports[part.reports[0]].name


def without_copies(
    whole: list[Segment], partial: list[Kept], fresh: list[FileEntry]
) -> tuple[list[Segment], list[Kept], list[FileEntry], list[str]]:
    """Copies of a report dropped over old and new reports alike (duplicates.py); a kept
    segment that held a dropped copy is rewritten without it. Old reports were compared
    with each other when they were indexed: only those sharing a sentence with a new one
    are compared again."""
    if not fresh:
        return whole, partial, fresh, []
    new_keys = np.unique(np.concatenate([e.sentences for e in fresh]))
    sizes = [len(e.sentences) for e in fresh if len(e.sentences) >= MIN_SENTENCES]
    shortest = min(sizes) if sizes else None
    items: list[DuplicateCandidate | FileEntry] = []
    olds = [(seg, r) for seg in whole for r in range(len(seg.reports))]
    olds += [(kept.segment, r) for kept in partial for r in kept.reports]
    for seg, r in olds:
        if could_be_copy(seg.sentences(r), new_keys, shortest):
            items.append(DuplicateCandidate.of(seg, r))
    items.extend(fresh)
    kept_items, copies = drop_duplicates(items)
    if not copies:
        return whole, partial, fresh, []
    dropped = {i.name for i in items} - {i.name for i in kept_items}
    alive = {rep.name for seg, r in olds for rep in (seg.reports[r],)} | {e.name for e in fresh}
    alive -= dropped
    out_whole: list[Segment] = []
    out_partial: list[Kept] = []
    for seg in whole:
        keep = tuple(r for r, rep in enumerate(seg.reports) if rep.name in alive)
        if len(keep) == len(seg.reports):
            out_whole.append(seg)
        elif keep:
            out_partial.append(Kept(seg, keep))
    for kept in partial:
        keep = tuple(r for r in kept.reports if kept.segment.reports[r].name in alive)
        if keep:
            out_partial.append(Kept(kept.segment, keep))
    return out_whole, out_partial, [e for e in fresh if e.name in alive], copies


def prune(cache_dir: Path, keep: int = KEEP_VERSIONS, max_tmp_age: float = 3600.0) -> None:
    """Keep the `keep` most recently used versions and the segments they name; drop the
    rest, stale temporary folders, and the single-file snapshots of older releases."""
    import time

    try:
        root = cache_dir / "versions"
        found = sorted(
            (p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        named: set[str] = set()
        for old in found[keep:]:
            shutil.rmtree(old, ignore_errors=True)
        for version in found[:keep]:
            with contextlib.suppress(OSError, ValueError, KeyError):
                named.update(json.loads((version / "version.json").read_text("utf-8"))["segments"])
        now = time.time()
        for where in (root, cache_dir / "segments"):
            for tmp in where.glob(".*.tmp"):
                if now - tmp.stat().st_mtime > max_tmp_age:
                    shutil.rmtree(tmp, ignore_errors=True)
        for seg in (cache_dir / "segments").iterdir():
            if not seg.name.startswith(".") and seg.name not in named:
                remove_segment(seg)
        for snapshot in cache_dir.glob("index-*.npz"):  # format 4 and before
            snapshot.unlink(missing_ok=True)
    except OSError:
        pass
