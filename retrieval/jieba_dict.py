"""jieba's prefix dictionary, loaded faster: the same dict, the same tokens.

jieba keeps its dictionary (`Tokenizer.FREQ`, ~500k words and prefixes mapped to their
frequencies) as one `marshal` dump in the temp folder and loads it at every start: 0.5-0.7 s,
most of `govqa ask`. Here the same dict is kept as three parts, in one file beside jieba's:

* the words, joined by newlines into one UTF-8 string (`str.split` makes them at C speed),
* the distinct frequencies (~5,000 of them),
* for each word, the number of its frequency among those (an array of 16-bit integers),

and rebuilt with `dict(zip(words, map(distinct.__getitem__, numbers)))`: about a third of
jieba's time, the same keys in the same order with equal values (`tests/test_jieba_dict.py`).

Equal frequencies are then one int object each instead of one per word: in a forked
server, where every lookup changes the reference count of the value it reads (and a write to
a shared page copies it), those writes go to a few pages. Measured at 300k after 200
questions a worker, that made no difference to what a worker copies (~30 MB either way: the
questions touch few words); it comes with the format and costs nothing.

The file is named after what jieba would load (its version, its dictionary file, its own cache
file's size and time), so a change to any of them makes a new one; anything unreadable is
ignored and jieba loads as usual.
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import logging
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FORMAT = 1


def _stat_key(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return "-"
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


def cache_path(jieba: Any) -> Path:
    """Where the dictionary jieba would load now is kept in parts."""
    tmp = Path(tempfile.gettempdir())
    package = Path(jieba.__file__).parent
    key = "|".join(
        (
            str(FORMAT),
            jieba.__version__,
            str(package),
            _stat_key(package / jieba.DEFAULT_DICT_NAME),
            _stat_key(tmp / "jieba.cache"),
        )
    )
    return tmp / f"govqa-jieba-{hashlib.sha256(key.encode()).hexdigest()[:16]}.dict"


def to_parts(freq: dict[str, int], total: int) -> bytes:
    """`freq` and `total` as one marshal dump of the three parts (module docstring)."""
    distinct = sorted(set(freq.values()))
    number = {value: i for i, value in enumerate(distinct)}
    code = "H" if len(distinct) <= 1 << 16 else "I"
    numbers = array.array(code, [number[v] for v in freq.values()])
    words = "\n".join(freq).encode("utf-8")
    return marshal.dumps((FORMAT, total, tuple(distinct), words, code, numbers.tobytes()))


def from_parts(data: bytes) -> tuple[dict[str, int], int]:
    """The dict and total back from `to_parts`' bytes; ValueError when they do not fit."""
    try:
        form, total, distinct, words, code, raw = marshal.loads(data)
    except (EOFError, TypeError, ValueError) as exc:  # cut short, or not six parts
        raise ValueError("not a dictionary of this format") from exc
    if form != FORMAT or not isinstance(total, int) or not isinstance(distinct, tuple):
        raise ValueError("not a dictionary of this format")
    keys = words.decode("utf-8").split("\n")
    numbers = array.array(code)
    numbers.frombytes(raw)
    if len(numbers) != len(keys):
        raise ValueError("words and frequencies differ in number")
    freq = dict(zip(keys, map(distinct.__getitem__, numbers), strict=True))
    if len(freq) != len(keys):
        raise ValueError("a word twice")
    return freq, total


def _write(path: Path, data: bytes) -> None:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=".govqa-jieba-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(name, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(name)
        log.warning("could not keep jieba's dictionary in %s", path.parent, exc_info=True)


def initialize(tk: Any, jieba: Any) -> None:
    """`tk.initialize()` (a jieba.Tokenizer of the default dictionary), from the parts when
    they are kept, else by jieba, keeping them for the next start."""
    if tk.initialized:
        return
    if tk.dictionary != jieba.DEFAULT_DICT or tk.tmp_dir or tk.cache_file:
        tk.initialize()  # a dictionary of one's own: jieba's way
        return
    path = cache_path(jieba)
    try:
        with tk.lock:
            tk.FREQ, tk.total = from_parts(path.read_bytes())
            tk.initialized = True
        return
    except FileNotFoundError:
        pass
    except (OSError, ValueError, IndexError, TypeError):  # unreadable: jieba's load, made again
        log.warning("jieba's dictionary in %s unreadable; loading it again", path, exc_info=True)
    tk.initialize()
    data = to_parts(tk.FREQ, tk.total)
    with tk.lock:
        tk.FREQ, tk.total = from_parts(data)  # equal values shared, as after a kept load
    _write(cache_path(jieba), data)  # named after jieba's cache as it is now
