"""govqa benchmark: synthetic corpora of N passages; the engine against rank-bm25, bm25s, tantivy.

    python benchmarks/bench.py --sizes 30k,300k --runs 2   (or: govqa bench -- --sizes ...)

For each size: a synthetic corpus made from the bundled reports (sentences recombined, place
names and figures varied so the vocabulary grows), indexed through the engine's own cache
(benchmarks/.cache/, kept between runs; the cold build is timed on the first run only). Each
run of each size reports, side by side:

* build: rebuild of the index from the cached tokens, and what the index takes on disk
  (postings, passage table, statistics) against the cleaned text, with the stored texts and
  per-file token caches beside it;
* serving in a fresh process: cache load, memory, throughput with 1 and 2 threads, and three
  latencies: `Engine.answer` end to end; BM25 as answers score (`PassageIndex.scored` with the
  engine's query weights, cut to the re-ranker's candidates); BM25 scoring + top-10 on unit
  weights, the figure comparable with rank-bm25 (`get_scores` + sort), bm25s (`retrieve`) and
  tantivy (`search`), run on the very same tokens and queries;
* warm start: `govqa ask` from the warm cache against `import jieba; jieba.initialize()`;
* serving memory: RSS, PSS and USS of `govqa serve --workers 1, 2, 4` after 200 questions a
  worker;
* one report added, then removed, in fresh processes: seconds to the first answer about it
  and the peak memory of that process (benchmarks/scale.py).

Needs the bench extra: pip install -e ".[bench]".
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, Path(__file__).resolve().parent):  # retrieval/, and scale.py beside this
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
GENERATOR = 2  # bump to regenerate the synthetic corpora
QUESTIONS = ROOT / "tests" / "data" / "qa.jsonl"
STARTUP_QUESTION = "辽源市过去五年粮食产量怎么样？"
SIZES = {"1k": 1_000, "10k": 10_000, "30k": 30_000, "100k": 100_000, "300k": 300_000,
         "3m": 3_000_000}  # fmt: skip
_SYLLABLES = (
    "安宝北昌成大德东丰富广海和河华吉嘉江金锦景靖康乐临龙隆梅明南宁平普青清庆荣瑞山上盛石顺"
    "泰天通万旺文西祥新兴秀阳永玉元长正忠春汇集雁岭松柏桥湾泉溪峰原川岗"
)
_SUFFIXES = ("区", "县", "市", "旗")
_SITES = ("产业园", "科技园", "物流园", "工业园", "大街", "水库", "新村", "商贸城", "示范区")
_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_NUMERALS = "一二三四五六七八九十"
_TOPICS = (
    "粮食产量是多少", "老旧小区改造", "地区生产总值增长了多少", "招商引资情况", "营商环境",
    "城镇新增就业多少人", "固定资产投资", "乡村振兴", "生态环境保护", "教育医疗",
    "财政收入", "重点项目", "民生工程", "疫情防控", "科技创新",
)  # fmt: skip


# -- synthetic corpora ------------------------------------------------------------------------


def _place(rng: random.Random, suffixes: Sequence[str] = _SUFFIXES) -> str:
    return rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES) + rng.choice(suffixes)


def _seed_material() -> tuple[dict[str, list[str]], list[str]]:
    """Sentences of the bundled reports by top-level heading, place names masked as {P}."""
    from retrieval.clean import clean_report
    from retrieval.corpus import read_corpus
    from retrieval.metadata import extract_metadata
    from retrieval.passages import sentence_spans, split_passages

    by_heading: dict[str, list[str]] = {}
    names: set[str] = set()
    for source in read_corpus(ROOT / "seeds").files:
        text = clean_report(source.text)
        meta = extract_metadata(text)
        for name in (meta.region, meta.parent):
            if name:
                names.update({name, re.sub(r"[区市县旗]$", "", name)})
        for p in split_passages(source.name, text):
            if p.glossary or not p.section:
                continue
            heading = re.sub(r"^[一二三四五六七八九十]+、", "", p.section[0])
            pool = by_heading.setdefault(heading, [])
            pool.extend(p.text[s:e].strip() for s, e in sentence_spans(p.text))
    pattern = re.compile(
        "|".join(sorted((re.escape(n) for n in names if len(n) >= 2), key=len, reverse=True))
    )
    for heading, pool in by_heading.items():
        by_heading[heading] = [pattern.sub("{P}", s) for s in pool if len(s) >= 8]
    return by_heading, sorted(by_heading)


def synthetic_report(i: int, by_heading: dict[str, list[str]], headings: list[str]) -> str:
    """Report number i (the same for every corpus size): its own places, sites and figures."""
    rng = random.Random(f"govqa-bench-{GENERATOR}-{i}")
    region, city = _place(rng), _place(rng, ("市",))
    sites = [_place(rng, ("",)) + rng.choice(_SITES) for _ in range(12)]

    def vary(sentence: str) -> str:
        s = sentence.replace("{P}", rng.choice((region, region[:-1], city)))
        s = _FIGURE.sub(
            lambda m: str(round(rng.uniform(1, 10 ** len(m.group())), rng.choice((0, 1)))), s
        )
        if rng.random() < 0.3:
            s = rng.choice(sites) + s
        return s

    lines = [
        f"{city}{region}{rng.randint(2015, 2023)}年政府工作报告",
        f"——{rng.randint(2015, 2023)}年1月{rng.randint(1, 28)}日在{region}"
        f"第{rng.choice(_NUMERALS)}届人民代表大会第{rng.choice(_NUMERALS[:5])}次会议上",
        f"{region}人民政府区长 {rng.choice(_SYLLABLES)}{rng.choice(_SYLLABLES)}",
        "各位代表:",
        "现在,我代表区人民政府向大会报告工作,请予审议。",
    ]
    for n, heading in enumerate(rng.sample(headings, min(len(headings), 6))):
        lines.append(f"{_NUMERALS[n]}、{heading}")
        pool = by_heading[heading]
        for _ in range(rng.randint(18, 32)):
            lines.append("".join(vary(rng.choice(pool)) for _ in range(rng.randint(2, 4))))
    return "\n".join(lines) + "\n"


def ensure_corpus(n: int) -> Path:
    """benchmarks/.cache/corpus-N: report files totalling at least N passages (made once)."""
    from retrieval.clean import clean_report
    from retrieval.passages import split_passages

    folder = CACHE / f"corpus-{n}"
    marker = folder / ".complete"
    if marker.is_file() and json.loads(marker.read_text()).get("generator") == GENERATOR:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    by_heading, headings = _seed_material()
    total = i = 0
    while total < n:
        text = synthetic_report(i, by_heading, headings)
        name = f"n{n}_{i:05d}.txt"  # names differ between sizes: each cold build is cold
        total += len(split_passages(name, clean_report(text)))
        (folder / name).write_text(text, encoding="utf-8")
        i += 1
    marker.write_text(json.dumps({"generator": GENERATOR, "files": i, "passages": total}))
    return folder


def questions() -> list[str]:
    """About 200 fixed questions: the test set's, plus templated ones about synthetic places."""
    rows = [
        json.loads(ln) for ln in QUESTIONS.read_text(encoding="utf-8").splitlines() if ln.strip()
    ]
    rng = random.Random("govqa-bench-questions")
    # Places of the first reports, which every corpus size has.
    places = [_place(random.Random(f"govqa-bench-{GENERATOR}-{i}")) for i in range(6)]
    seed_places = re.compile(
        r"萨尔图区?|和平区|辽源市?|赛罕区?|铁东区?|" r"大庆市?|呼和浩特市?|四平市?|天津市?"
    )
    out = [seed_places.sub(lambda m: rng.choice(places), r["question"]) for r in rows]
    while len(out) < 200:
        out.append(rng.choice(places) + rng.choice(_TOPICS))
    return out[:200]


# -- serving, in a fresh process --------------------------------------------------------------


def percentiles(values: Sequence[float]) -> tuple[float, float]:
    a = np.asarray(values) * 1000.0
    return float(np.percentile(a, 50)), float(np.percentile(a, 95))


def serve(
    n: int, ref_limit: int, use_tantivy: bool, use_bm25s: bool = True, throughput: bool = True
) -> dict:
    """Load the cached engine, answer every question; latency, memory, throughput.

    Then, in the same process (same code and tokenizer versions, memory already measured),
    the references on the same tokens and queries.
    """
    from concurrent.futures import ThreadPoolExecutor

    import psutil

    from retrieval import cache
    from retrieval.config import DEFAULT_CONFIG
    from retrieval.engine import Engine

    RERANK_DEPTH = DEFAULT_CONFIG.rerank_depth
    from retrieval.models import Conversation
    from retrieval.tokens import Tokenizer
    from retrieval.topk import top

    proc = psutil.Process()
    tokenizer = Tokenizer()
    folder = CACHE / f"corpus-{n}"
    warm = cache.version_path(folder, CACHE / "index", tokenizer.version).is_dir()
    t = time.perf_counter()
    tokenizer.warm_up()
    jieba_s = time.perf_counter() - t
    rss_jieba = proc.memory_info().rss
    t = time.perf_counter()
    engine = Engine.from_dir(folder, tokenizer=tokenizer, cache_dir=CACHE / "index")
    load_s = time.perf_counter() - t
    qs = questions()
    terms = [tokenizer.query_terms(q) for q in qs]
    # The weights Engine.answer scores with (its query builder, the question's regions).
    asked = [engine.queries.build(q, engine.regions.match(q).names).weights for q in qs]
    for q in qs[:20]:  # warm up (buffers, caches)
        engine.answer(q, Conversation())
    e2e, scoring, unit, tops = [], [], [], []
    for q, weights, ts in zip(qs, asked, terms, strict=True):
        t = time.perf_counter()
        engine.answer(q, Conversation())
        e2e.append(time.perf_counter() - t)
        t = time.perf_counter()
        top(engine.index, weights, RERANK_DEPTH)  # the path answers take (retrieval/topk.py)
        scoring.append(time.perf_counter() - t)
        t = time.perf_counter()
        hits, values = top_k(*engine.index.scored(dict.fromkeys(ts, 1.0)), 10)
        unit.append(time.perf_counter() - t)
        tops.append([[int(d), float(v)] for d, v in zip(hits, values, strict=True)])
    qps = {}
    for threads in (1, 2) if throughput else ():
        with ThreadPoolExecutor(threads) as pool:
            t = time.perf_counter()
            list(pool.map(lambda q: engine.answer(q, Conversation()), qs * 2))
            qps[threads] = 2 * len(qs) / (time.perf_counter() - t)
    rss_mb = proc.memory_info().rss / 2**20
    docs = cached_tokens(folder) if ref_limit or use_tantivy or use_bm25s else []
    assert not docs or len(docs) == len(engine.passages)
    ref = agree = worst = None  # rank-bm25 left out (3M: it would not fit in memory)
    if ref_limit:
        ref = rank_bm25_reference(docs, terms, ref_limit)
        agree, worst = agreement(tops, ref.pop("scores"))
    tv = tantivy_reference(docs, terms) if use_tantivy else None
    bs = bm25s_reference(docs, terms) if use_bm25s else None
    return {
        "warm": warm,
        "ref": ref,
        "tantivy": tv,
        "bm25s": bs,
        "agree": agree,
        "worst": worst,
        "passages": len(engine.passages),
        "reports": len(engine.reports),
        "tokens": engine.index.token_count,
        "terms": engine.index.vocabulary_size,
        "segments": len(engine.index.segments),
        "jieba_s": jieba_s,
        "load_s": load_s,
        "rss_mb": rss_mb,
        "rss_jieba_mb": rss_jieba / 2**20,
        "e2e": percentiles(e2e),
        "scoring": percentiles(scoring),
        "topk": percentiles(unit),
        "qps": qps,
    }


def top_k(docs: np.ndarray, values: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k best of the scored passages, best first (the engine's cut: argpartition, sort)."""
    if docs.size > k:
        part = np.argpartition(-values, k - 1)[:k]
        docs, values = docs[part], values[part]
    order = np.argsort(-values, kind="stable")
    return docs[order], values[order]


def candidates(scores: np.ndarray, k: int) -> np.ndarray:
    """The k best passages with a score, best first (Engine's cut: argpartition, then sort)."""
    found = np.flatnonzero(scores)
    if found.size > k:
        found = found[np.argpartition(-scores[found], k - 1)[:k]]
    return found[np.lexsort((found, -scores[found]))]


# -- the references ---------------------------------------------------------------------------


def cached_tokens(folder: Path) -> list[list[str]]:
    """Every passage's tokens, read back from the engine's per-file cache entries."""
    from retrieval import cache
    from retrieval.tokens import Tokenizer

    docs: list[list[str]] = []
    for entry in cache.cached_entries(folder, CACHE / "index", Tokenizer().version):
        if not entry.warning:
            docs.extend(entry.passage_tokens())
    return docs


def rank_bm25_reference(docs: list[list[str]], queries: list[list[str]], limit: int) -> dict:
    from rank_bm25 import BM25Okapi

    t = time.perf_counter()
    bm25 = BM25Okapi(docs)
    build_s = time.perf_counter() - t
    times, scores = [], []
    for q in queries[:limit]:
        t = time.perf_counter()
        s = bm25.get_scores(q)  # what get_top_n does, then it sorts
        np.argsort(s)[::-1][:10]
        times.append(time.perf_counter() - t)
        scores.append(s)
    return {"build_s": build_s, "lat": percentiles(times), "measured": len(times), "scores": scores}


def tantivy_reference(docs: list[list[str]], queries: list[list[str]]) -> dict:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", tokenizer_name="whitespace", index_option="freq")
    schema = builder.build()
    index = tantivy.Index(schema)
    t = time.perf_counter()
    writer = index.writer(heap_size=512 * 2**20, num_threads=2)
    for doc in docs:
        writer.add_document(tantivy.Document(body=" ".join(doc)))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    build_s = time.perf_counter() - t
    searcher = index.searcher()
    built = [
        tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(schema, "body", w)) for w in q]
        )
        for q in queries
    ]
    for q in built[:20]:
        searcher.search(q, 10)
    times = []
    for q in built:
        t = time.perf_counter()
        searcher.search(q, 10)
        times.append(time.perf_counter() - t)
    return {"build_s": build_s, "lat": percentiles(times)}


def bm25s_reference(docs: list[list[str]], queries: list[list[str]]) -> dict | None:
    """bm25s with its defaults (`BM25()`: Lucene's idf, k1 1.5, b 0.75; its scores are not
    BM25Okapi's, its top-10 is compared for time only), indexed from the same token lists,
    one `retrieve` of top-10 per query. None if bm25s is not installed."""
    try:
        import bm25s
    except ImportError:
        return None

    t = time.perf_counter()
    retriever = bm25s.BM25()
    retriever.index(docs, show_progress=False)
    build_s = time.perf_counter() - t
    asked = [q for q in queries if q]
    for q in asked[:20]:
        retriever.retrieve([q], k=10, show_progress=False)
    times = []
    for q in asked:
        t = time.perf_counter()
        retriever.retrieve([q], k=10, show_progress=False)
        times.append(time.perf_counter() - t)
    return {"build_s": build_s, "lat": percentiles(times), "measured": len(times)}


def agreement(tops: list[list[list[float]]], scores: list[np.ndarray]) -> tuple[float, float]:
    """Share of our top-10 that is rank-bm25's top-10 (ties allowed), and worst score error."""
    shares, worst = [], 0.0
    for top, ref in zip(tops, scores, strict=False):
        positive = np.sort(ref[ref > 0])[::-1]
        want = positive[:10]
        if not len(want):
            shares.append(1.0 if not top else 0.0)
            continue
        kth = want[-1]
        ok = sum(1 for d, _ in top if ref[int(d)] >= kth * (1 - 1e-5))
        shares.append(ok / len(want))
        for d, s in top:
            worst = max(worst, abs(s - ref[int(d)]) / max(abs(ref[int(d)]), 1e-12))
    return float(np.mean(shares)), worst


# -- startup of `govqa ask` on the bundled corpus ---------------------------------------------


def startup_split(folder: Path = ROOT / "seeds", cache_dir: Path = CACHE / "startup") -> dict:
    """Inside one process doing what `govqa ask` does in the core: imports, jieba, cache
    load, answer (rendering, a few string joins, left out)."""
    t0 = time.perf_counter()
    from retrieval.engine import Engine, EngineConfig
    from retrieval.models import Conversation
    from retrieval.tokens import Tokenizer

    t1 = time.perf_counter()
    tokenizer = Tokenizer()
    tokenizer.warm_up()
    t2 = time.perf_counter()
    engine = Engine.from_dir(folder, EngineConfig(), tokenizer, cache_dir)
    t3 = time.perf_counter()
    engine.answer(STARTUP_QUESTION if folder == ROOT / "seeds" else questions()[-1],
                  Conversation())  # fmt: skip
    t4 = time.perf_counter()
    return {"imports": t1 - t0, "jieba": t2 - t1, "engine": t3 - t2, "answer": t4 - t3}


def _wall(cmd: list[str], env: dict[str, str], runs: int = 5) -> float:
    from scale import wall

    return wall(cmd, env, runs)


def measure_startup() -> dict:
    from scale import with_bytecode

    env = with_bytecode({**os.environ, "GOVQA_CACHE_DIR": str(CACHE / "startup")})
    py = sys.executable
    ask = [py, "-m", "bot.cli", "ask", "辽源市过去五年粮食产量怎么样？"]
    subprocess.run(ask, env=env, check=True, capture_output=True, cwd=ROOT)  # warm the cache
    jieba_alone = _wall([py, "-c", "import jieba; jieba.initialize()"], env)
    ask_wall = _wall(ask, env)
    python_alone = _wall([py, "-c", "pass"], env)
    split = json.loads(
        subprocess.run(
            [py, __file__, "--startup-split"], env=env, check=True, capture_output=True, text=True
        ).stdout
    )
    return {"jieba_alone": jieba_alone, "ask": ask_wall, "python": python_alone, **split}


# -- the run ----------------------------------------------------------------------------------


def build(n: int) -> dict:
    """Corpus, cold build (first run only: tokenizing in parallel), rebuild from cached tokens."""
    from retrieval import build as pipeline
    from retrieval import cache
    from retrieval.corpus import read_corpus
    from retrieval.tokens import Tokenizer

    folder = ensure_corpus(n)
    tokenizer = Tokenizer()
    record = CACHE / f"build-{n}.json"
    info = json.loads(record.read_text()) if record.is_file() else {}
    sources = read_corpus(folder).files
    chars, files = sum(len(s.text) for s in sources), len(sources)
    sample = sources[: max(1, min(files, 20))]  # (the texts themselves are let go: 3M holds GBs)
    del sources
    code = cache.pipeline_version()
    if (
        info.get("generator") != GENERATOR
        or info.get("version") != tokenizer.version
        or info.get("pipeline") != code
    ):
        # Cold: this corpus's per-file token caches go first (made by older code, or left by
        # an interrupted run), so that every file is tokenized again.
        from retrieval.cache_keys import file_key
        from retrieval.scan import StatRecords, scan

        for state in scan(folder, StatRecords.for_folder(CACHE / "index", folder)):
            key = file_key(state.name, state.digest, tokenizer.version)
            (CACHE / "index" / "files" / f"{key}.npz").unlink(missing_ok=True)
        shutil.rmtree(cache.version_path(folder, CACHE / "index", tokenizer.version), True)
        shutil.rmtree(CACHE / "index" / "segments", True)
        t = time.perf_counter()
        corpus = cache.load_corpus(folder, tokenizer, cache_dir=CACHE / "index")
        info = {
            "generator": GENERATOR,
            "version": tokenizer.version,
            "pipeline": code,
            "cold_s": time.perf_counter() - t,
            "tokenized": corpus.tokenized,
        }
        assert corpus.tokenized == files, "a cold build tokenizes every file"
        record.write_text(json.dumps(info))
        del corpus  # before the rebuild below: at 3M both would not fit in 24 GB
    # Tokenizing throughput of one process, on a sample of files.
    tokenizer.warm_up()
    t = time.perf_counter()
    for s in sample:
        pipeline.process_file(tokenizer, s)
    tok_s = time.perf_counter() - t
    info["tok_chars_s"] = sum(len(s.text) for s in sample) / tok_s
    info["tok_passages_s"] = 0.0
    # Index build from cached tokens: drop the index version and its segments, keep the
    # per-file entries.
    shutil.rmtree(cache.version_path(folder, CACHE / "index", tokenizer.version), True)
    shutil.rmtree(CACHE / "index" / "segments", True)
    t = time.perf_counter()
    corpus = cache.load_corpus(folder, tokenizer, cache_dir=CACHE / "index")
    info["rebuild_s"] = time.perf_counter() - t
    assert corpus.tokenized == 0 and not corpus.from_snapshot
    info["tok_passages_s"] = info["tok_chars_s"] * len(corpus.passages) / chars
    info["chars"] = chars
    info["files"] = files
    return info


def place_questions(i: int) -> list[str]:
    """Questions about synthetic report i: its place name with each topic."""
    region = _place(random.Random(f"govqa-bench-{GENERATOR}-{i}"))
    return [region + topic for topic in _TOPICS]


def change_step(n: int, report: str) -> dict:
    """One fresh process of the add/remove measurement (benchmarks/scale.py)."""
    import scale

    i = int(re.sub(r"\D", "", report.rpartition("_")[2]))
    return scale.change_step(CACHE / f"corpus-{n}", CACHE / "index", report, place_questions(i))


def scale_measures(n: int, workers: Sequence[int], out: dict,
                   save: Callable[[], None] = lambda: None) -> None:  # fmt: skip
    """Disk, warm start, serving memory (1, 2, 4 workers), add and remove one report, into
    `out`; `save` after each step (a long run's figures so far)."""
    import scale

    from retrieval.tokens import Tokenizer

    folder, index = CACHE / f"corpus-{n}", CACHE / "index"
    out["disk"] = scale.disk_sizes(folder, index, Tokenizer().version)
    print(f"[{n}] warm start ...", file=sys.stderr, flush=True)
    out["warm"] = scale.warm_start(folder, index, questions()[-1], Path(__file__))
    save()
    out["memory"] = []
    for w in workers:
        print(f"[{n}] serving memory, {w} worker(s) ...", file=sys.stderr, flush=True)
        out["memory"].append(scale.serving_memory(folder, index, questions(), w))
        save()
    print(f"[{n}] add and remove one report ...", file=sys.stderr, flush=True)
    files = len(list(folder.glob("*.txt")))
    i = files + 1000  # not a report of this corpus
    by_heading, headings = _seed_material()
    out["change"] = scale.measure_changes(
        n, folder, index, synthetic_report(i, by_heading, headings), f"n{n}_{i:05d}.txt",
        place_questions, Path(__file__),
    )  # fmt: skip
    save()


def run(
    sizes: list[int],
    ref_limit: dict[int, int],
    use_tantivy: bool,
    runs: int = 2,
    workers: Sequence[int] = (1, 2, 4),
    use_bm25s: bool = True,
    partial: Path | None = None,
    throughput: bool = True,
) -> list[dict]:
    """Every size, `runs` times; with `partial`, the results so far are written there as JSON
    after each step (a long run stopped early keeps its figures)."""
    results: list[dict] = []

    def save() -> None:
        if partial:
            partial.write_text(json.dumps({"results": results, "startup": None}, indent=1))

    for r in range(1, runs + 1):
        for n in sizes:
            print(f"[{n}] run {r}: corpus and index ...", file=sys.stderr, flush=True)
            result: dict = {"n": n, "run": r, **build(n)}
            results.append(result)
            save()
            print(f"[{n}] serving and references (fresh process) ...", file=sys.stderr, flush=True)
            cmd = [
                sys.executable,
                __file__,
                "--serve",
                str(n),
                "--ref-limit",
                str(ref_limit.get(n, 200)),
            ]
            if not use_tantivy:
                cmd.append("--no-tantivy")
            if not use_bm25s:
                cmd.append("--no-bm25s")
            if not throughput:
                cmd.append("--no-throughput")
            out = subprocess.run(cmd, check=True, capture_output=True, text=True)
            result.update(json.loads(out.stdout))
            save()
            scale_measures(n, workers, result, save)
    return results


def _size(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1000}k"


def _ms(pair: Sequence[float]) -> str:
    return f"{pair[0]:.2f} / {pair[1]:.2f}"


def _ref(r: dict, name: str, key: str, fmt: str) -> str:
    return format(r[name][key], fmt) if r.get(name) else "-"


def _mem(r: dict, w: int, what: str) -> str:
    """Per-worker figures (mean) and the total over every process of the server."""
    for m in r["memory"]:
        if m["workers"] == w:
            each = m[f"worker_{what}"]
            return f"{statistics.mean(each):.0f} ({m[f'total_{what}']:.0f})" if each else "-"
    return "-"


def _added_uss(r: dict, w: int) -> str:
    """Private memory each worker past the first adds: (total USS(w) - USS(1)) / (w - 1)."""
    by = {m["workers"]: m["total_uss"] for m in r["memory"]}
    if 1 not in by or w not in by:
        return "-"
    return f"{(by[w] - by[1]) / (w - 1):.0f}"


def _change(r: dict, step: str) -> str:
    c = r["change"][step]
    ok = "cites it" if c["cited"] else ("gone" if not c["present"] else "NOT cited")
    if c["cited"] and c.get("scoped"):
        ok = f"cites it, scoped to it; unscoped: {c['first_status']}"
    return f"{c['seconds']:.2f} s, {c['peak_mb']:.0f} MB ({ok})"


CELLS: list[tuple[str, Callable[[dict], str]]] = [
    ("passages (reports)", lambda r: f"{r['passages']:,} ({r['reports']:,})"),
    ("tokens / distinct terms", lambda r: f"{r['tokens'] / 1e6:.1f}M / {r['terms']:,}"),
    ("segments", lambda r: str(r["segments"])),
    ("**build**", lambda r: ""),
    ("tokenizing, 1 process (chars/s)", lambda r: f"{r['tok_chars_s'] / 1e3:.0f}k"),
    ("cold build, 2 processes (s; first run of the cache only)", lambda r: f"{r['cold_s']:.1f}"),
    ("index build from cached tokens (s)", lambda r: f"{r['rebuild_s']:.2f}"),
    ("index on disk: postings + passage table + sentence hashes + stats (MB)",
     lambda r: f"{r['disk']['index']:.1f}"),
    ("  of which postings / passage table (MB)",
     lambda r: f"{r['disk']['postings']:.1f} / {r['disk']['passage table']:.1f}"),
    ("cleaned text (MB)", lambda r: f"{r['disk']['cleaned text']:.1f}"),
    ("index / cleaned text (target <= 2x)",
     lambda r: f"{r['disk']['index'] / r['disk']['cleaned text']:.2f}x"),
    ("stored texts, in the segments (MB)", lambda r: f"{r['disk']['stored texts']:.1f}"),
    ("per-file token caches (MB)", lambda r: f"{r['disk']['token caches']:.1f}"),
    ("**add / remove one report** (fresh process, jieba loaded first; s to first answer, "
     "peak RSS of the process: VmHWM)", lambda r: ""),
    ("add a new report", lambda r: _change(r, "add")),
    ("remove it again (folder as before: version still cached)",
     lambda r: _change(r, "remove added")),
    ("remove an original report (its segment rewritten)",
     lambda r: _change(r, "remove original")),
    ("put it back", lambda r: _change(r, "restore original")),
    ("  add: engine load / answers / jieba before (s)",
     lambda r: f"{r['change']['add']['load_s']:.2f} / {r['change']['add']['answer_s']:.2f} / "
     f"{r['change']['add']['jieba_s']:.2f}"),
    ("  peak RSS after jieba alone, same process (MB)",
     lambda r: f"{r['change']['add']['peak_jieba_mb']:.0f}"),
    ("**warm start**", lambda r: ""),
    ("`govqa ask` warm (s, median of 3)", lambda r: f"{r['warm']['ask']:.2f}"),
    ("`import jieba; jieba.initialize()` (s, median of 3)",
     lambda r: f"{r['warm']['jieba_alone']:.2f}"),
    ("ratio (target <= 1.3x)", lambda r: f"{r['warm']['ask'] / r['warm']['jieba_alone']:.2f}x"),
    ("  inside: imports / jieba / engine from cache / answer (s)",
     lambda r: " / ".join(f"{r['warm'][k]:.2f}" for k in ("imports", "jieba", "engine",
                                                          "answer"))),
    ("**serving memory** (`govqa serve`, after 200 questions a worker; MB per worker, mean "
     "(all processes))", lambda r: ""),
    ("1 worker: RSS", lambda r: _mem(r, 1, "rss")),
    ("1 worker: PSS (target <= 250)", lambda r: _mem(r, 1, "pss")),
    ("1 worker: USS (private)", lambda r: _mem(r, 1, "uss")),
    ("2 workers: RSS / PSS / USS", lambda r: " / ".join(_mem(r, 2, k) for k in ("rss", "pss",
                                                                               "uss"))),
    ("4 workers: RSS / PSS / USS", lambda r: " / ".join(_mem(r, 4, k) for k in ("rss", "pss",
                                                                               "uss"))),
    ("private memory each further worker adds, 2 / 4 workers (target <= 60)",
     lambda r: f"{_added_uss(r, 2)} / {_added_uss(r, 4)}"),
    ("RSS of the bench's serving process, MB (jieba alone)",
     lambda r: f"{r['rss_mb']:.0f} ({r['rss_jieba_mb']:.0f})"),
    ("cache load in that process (s)", lambda r: f"{r['load_s']:.2f}"),
    ("**latency**", lambda r: ""),
    ("answer, Engine.answer end to end, p50 / p95 (ms)", lambda r: _ms(r["e2e"])),
    ("BM25 as answers score (engine weights, exact top-40 by retrieval/topk.py), p50 / p95 (ms)",
     lambda r: _ms(r["scoring"])),
    ("BM25 scoring + top-10, unit weights, p50 / p95 (ms)", lambda r: _ms(r["topk"])),
    ("rank-bm25 get_scores + sort, p50 / p95 (ms)",
     lambda r: _ms(r["ref"]["lat"]) if r.get("ref") else "- (not run)"),
    ("rank-bm25 queries measured", lambda r: str(r["ref"]["measured"]) if r.get("ref") else "0"),
    ("tantivy search top-10, p50 / p95 (ms)",
     lambda r: _ms(r["tantivy"]["lat"]) if r.get("tantivy") else "-"),
    ("bm25s retrieve top-10, p50 / p95 (ms)",
     lambda r: _ms(r["bm25s"]["lat"]) if r.get("bm25s") else "-"),
    ("scoring p95: rank-bm25 / ours", lambda r: f"{r['ref']['lat'][1] / r['topk'][1]:.0f}x"
     if r.get("ref") else "-"),
    ("scoring p95: ours / tantivy", lambda r: f"{r['topk'][1] / r['tantivy']['lat'][1]:.2f}"
     if r.get("tantivy") else "-"),
    ("scoring p95: ours / bm25s", lambda r: f"{r['topk'][1] / r['bm25s']['lat'][1]:.2f}"
     if r.get("bm25s") else "-"),
    ("top-10 agreement with rank-bm25",
     lambda r: f"{r['agree']:.1%}" if r.get("agree") is not None else "-"),
    ("max relative score error",
     lambda r: f"{r['worst']:.1e}" if r.get("worst") is not None else "-"),
    ("answers/s, 1 / 2 threads",
     lambda r: f"{r['qps']['1']:.0f} / {r['qps']['2']:.0f}" if r["qps"] else "- (not run)"),
    ("build s: rank-bm25 / tantivy / bm25s", lambda r: _ref(r, "ref", "build_s", ".1f") + " / "
     + _ref(r, "tantivy", "build_s", ".1f") + " / " + _ref(r, "bm25s", "build_s", ".1f")),
]  # fmt: skip


def targets(r: dict) -> list[tuple[str, str, bool]]:
    """The issue's targets (set for 300k passages) against one result: (what, figure, met)."""
    add, rem = r["change"]["add"], r["change"]["remove original"]
    mem = {m["workers"]: m for m in r["memory"]}
    out = [
        ("answer p95 <= 5 ms", f"{r['e2e'][1]:.2f} ms", r["e2e"][1] <= 5),
        ("add one report <= 2 s", f"{add['seconds']:.2f} s", add["seconds"] <= 2 and add["cited"]),
        ("add one report peak <= 1 GB", f"{add['peak_mb']:.0f} MB", add["peak_mb"] <= 1024),
        ("remove one report <= 2 s", f"{rem['seconds']:.2f} s", rem["seconds"] <= 2),
        ("remove one report peak <= 1 GB", f"{rem['peak_mb']:.0f} MB", rem["peak_mb"] <= 1024),
        ("warm start <= 1.3x jieba", f"{r['warm']['ask'] / r['warm']['jieba_alone']:.2f}x",
         r["warm"]["ask"] / r["warm"]["jieba_alone"] <= 1.3),
        ("index on disk <= 2x cleaned text",
         f"{r['disk']['index'] / r['disk']['cleaned text']:.2f}x",
         r["disk"]["index"] <= 2 * r["disk"]["cleaned text"]),
    ]  # fmt: skip
    if 1 in mem and mem[1]["worker_pss"]:
        pss = mem[1]["worker_pss"][0]
        out.append(("PSS of one worker <= 250 MB", f"{pss:.0f} MB", pss <= 250))
    for w in (2, 4):
        if 1 in mem and w in mem:
            added = (mem[w]["total_uss"] - mem[1]["total_uss"]) / (w - 1)
            out.append((f"private memory per further worker ({w} workers) <= 60 MB",
                        f"{added:.0f} MB", added <= 60))  # fmt: skip
    return out


def table(results: list[dict], startup: dict | None) -> str:
    head = "| metric | " + " | ".join(f"{_size(r['n'])} run {r.get('run', 1)}"
                                      for r in results) + " |"  # fmt: skip
    lines = [head, "|" + " --- |" * (len(results) + 1)]
    for name, cell in CELLS:
        try:
            values = [cell(r) for r in results]
        except KeyError:
            continue  # a result saved before this row existed
        lines.append(f"| {name} | " + " | ".join(values) + " |")
    at = [r for r in results if r["n"] == 300_000 and "change" in r]
    if at:
        lines += ["", "Targets (issue 13, set for 300k passages):", ""]
        lines.append("| target | " + " | ".join(f"300k run {r.get('run', 1)}" for r in at) + " |")
        lines.append("|" + " --- |" * (len(at) + 1))
        rows = [targets(r) for r in at]
        for k, (what, _, _) in enumerate(rows[0]):
            cells = [f"{row[k][1]} {'met' if row[k][2] else '**missed**'}" for row in rows]
            lines.append(f"| {what} | " + " | ".join(cells) + " |")
    if startup:
        s = startup
        lines.append("")
        lines.append(
            f"`govqa ask` warm, bundled corpus: {s['ask']:.2f} s = "
            f"{s['ask'] / s['jieba_alone']:.2f}x `import jieba; jieba.initialize()` alone "
            f"({s['jieba_alone']:.2f} s). Inside (core only): imports {s['imports']:.2f} s, "
            f"jieba dictionary "
            f"{s['jieba']:.2f} s, engine from cache {s['engine']:.2f} s, answer "
            f"{s['answer']:.3f} s; bare interpreter {s['python']:.2f} s."
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="govqa bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="30k,300k", help="comma separated: 1k,10k,30k,...")
    parser.add_argument("--runs", type=int, default=2, help="measure each size this often")
    parser.add_argument("--workers", default="1,2,4", help="server worker counts for memory")
    parser.add_argument(
        "--ref-queries",
        default="100k:60,300k:30",
        help="rank-bm25 queries per size, SIZE:N,... (all 200 where not given; it is slow)",
    )
    parser.add_argument("--no-tantivy", action="store_true")
    parser.add_argument("--no-bm25s", action="store_true")
    parser.add_argument("--no-startup", action="store_true", help="skip the `govqa ask` timing")
    parser.add_argument("--no-throughput", action="store_true", help="skip answers/s (3M: slow)")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--table", type=Path, help="print the table of a --json file and stop")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--ref-limit", type=int, default=200, help=argparse.SUPPRESS)
    parser.add_argument("--startup-split", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--change-step", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--report", help=argparse.SUPPRESS)
    args = parser.parse_args(argv[1:] if argv and argv[0] == "--" else argv)
    if args.serve:
        print(json.dumps(serve(args.serve, args.ref_limit, not args.no_tantivy,
                               not args.no_bm25s, not args.no_throughput)))  # fmt: skip
        return 0
    if args.change_step:
        print(json.dumps(change_step(args.change_step, args.report)))
        return 0
    if args.startup_split:
        where = {} if args.corpus is None else {"folder": args.corpus, "cache_dir": args.cache}
        print(json.dumps(startup_split(**where)))
        return 0
    if args.table:
        saved = json.loads(args.table.read_text())
        print(table(saved["results"], saved["startup"]))
        return 0
    sizes = [SIZES.get(s.strip(), 0) or int(s.strip()) for s in args.sizes.split(",")]
    limits = {}
    for item in filter(None, args.ref_queries.split(",")):
        size, _, count = item.partition(":")
        limits[SIZES.get(size, 0) or int(size)] = int(count)
    workers = [int(w) for w in args.workers.split(",") if w.strip()]
    results = run(sizes, limits, not args.no_tantivy, args.runs, workers, not args.no_bm25s,
                  args.json, not args.no_throughput)  # fmt: skip
    startup = None if args.no_startup else measure_startup()
    if args.json:
        args.json.write_text(json.dumps({"results": results, "startup": startup}, indent=1))
    print(table(results, startup))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
