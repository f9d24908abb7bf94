"""A scan over every report (compare) keeps its texts apart from the shared caches."""

from __future__ import annotations

from retrieval import sentences
from retrieval.engine import Engine
from retrieval.models import Conversation
from retrieval.scans import scan_cache, scanning


def test_a_scan_has_caches_of_its_own_dropped_at_its_end() -> None:
    calls: list[int] = []

    def compute(x: int) -> int:
        calls.append(x)
        return 2 * x

    assert scan_cache("owner", compute, 4) is None  # outside a scan: the shared cache
    with scanning():
        kept = scan_cache("owner", compute, 4)
        assert kept is not None and kept(3) == 6 and kept(3) == 6
        with scanning():  # a scan within a scan is the same scan
            assert scan_cache("owner", compute, 4) is kept
        assert scan_cache("other", compute, 4) is not kept
    assert calls == [3]
    assert scan_cache("owner", compute, 4) is None


def test_compare_leaves_the_shared_caches_of_texts_and_passages_as_they_were(
    engine: Engine,
) -> None:
    engine.answer("辽源市粮食产量是多少？", Conversation())
    shared = (engine._folded._cached, engine.passages._recent, sentences._kept)
    before = [f.cache_info() for f in shared]
    answer = engine.compare("各地地区生产总值增长多少")
    assert answer.rows  # every report ranked: texts folded, sentences cut, passages made
    assert [f.cache_info() for f in shared] == before
    again = engine.compare("各地地区生产总值增长多少")
    assert again.rows == answer.rows


def test_a_scan_in_one_thread_leaves_the_others_on_the_shared_caches() -> None:
    import threading

    seen: list[object] = []
    inside, done = threading.Event(), threading.Event()

    def scan() -> None:
        with scanning():
            inside.set()
            done.wait(5)

    other = threading.Thread(target=scan)
    other.start()
    inside.wait(5)
    seen.append(scan_cache("owner", lambda x: x, 4))  # this thread: no scan of its own
    done.set()
    other.join()
    assert seen == [None]
