"""Every tuned number of answering in one typed place, each with what it does.

The engine receives one EngineConfig; the shells build it from Settings (the first four fields
are settings), benchmarks/quality_ablation.py builds variants of it. Nothing else in the core
holds a weight. Build-time sizes (passage lengths in passages.py, heading lengths in sections.py)
decide what is indexed, not how it is ranked, and stay with the code that cuts the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class QueryWeights:
    """How much each kind of question word counts (query.py)."""

    expansion: float = 0.7  # report wording found through the thesaurus, against the user's own
    generic: float = 0.4  # words in almost every paragraph of a work report (data/generic.txt)
    unit: float = 0.4  # a unit (万人, 亿元, 公里) says a figure is wanted, not what it is about
    single_char: float = 0.3  # a lone character left over by the tokenizer ("多", "跟", "装")
    function_word: float = 0.4  # a conjunction, preposition, pronoun or particle (因为, 那些):
    # tuning hit@1 +2, FA -4, abstention -2 (adverbs too, 还/已经/比较: FA -6, abstention -9)
    partial_credit: float = 0.4  # a concept found only in pieces, all of its pieces there
    thesaurus: bool = True  # expand colloquial wording through data/thesaurus.tsv
    common_piece: int = 5000  # jieba's count from which a word is everyday talk: a question's
    # word no report says is not read as its report word one character shorter that common
    # (世界杯 is no 世界; 五保户 is 五保, 拉面馆 拉面; tuning: the same at 10000, -2 at 2000)


@dataclass(frozen=True, slots=True)
class RerankWeights:
    """What the re-ranker adds to a BM25 candidate's score (rerank.py)."""

    bm25: float = 1.0  # BM25 score relative to the best candidate's
    proximity: float = 0.3  # best single sentence's share of the question's weight
    coverage: float = 0.5  # whole passage's share of the question's weight
    number: float = 0.5  # a 多少 question and a best sentence that gives a figure
    definition: float = 0.6  # a 是什么 question and a glossary entry
    section: float = 0.4  # a question about headings and a heading that matches
    year: float = 0.3  # the year the question asks about, in the passage or its headings
    phrase: float = 0.45  # share of the question's weight in word pairs found as written


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """Plain values the core needs; the shells build them from Settings."""

    top_k: int = 3  # citations per answer
    k1: float = 1.5  # BM25Okapi's k1 (rank-bm25's default)
    b: float = 0.75  # BM25Okapi's b
    min_coverage: float = 0.35  # share of the question's weight the best passage must match
    everyday_factor: float = 7.0  # a question's word said this many times as often in
    # Chinese at large as in reports is everyday talk: no passage is judged short of the
    # question for not holding it (everyday_words.py; tuning FA -8, abstention -5)
    cited_coverage: float = 0.26  # ... and each further passage cited (the best one answers;
    # the others are offered beside it: held out, hit@3 +5 against 0.35, nothing else moved)
    skip_misplaced: int = 3  # best hits looked through for one about the year/part/place
    # asked (and for one under the heading a 第N项 question numbers), and for one that answers
    # where the first does not (holding every concept of the question the first holds)
    indicator_chars: int = 4  # a 多少 question's heaviest word this long (地区生产总值), a word
    # its report uses, must be in the passage that gives the figure ...
    indicator_pieces: float = 0.6  # ... or pieces of it covering this share of its characters
    fuller_earlier: float = 0.0  # no year asked: an earlier report's answer is taken where its
    # best sentence holds more than this share of the question beyond the latest report's
    item_heading_depth: int = 3  # best hits looked through for one under an item heading
    # that names what an item question ("讲民生的那一项") asks about
    max_ranked: int = 50  # how far follow-ups (还有呢) can page
    rerank_depth: int = 40  # BM25 candidates the re-ranker looks at
    spelled_out_scan: int = 1000  # passages of the reports asked about searched for a word no
    # report uses, spelled out (spelled_out.py); a question of more reports is not
    phrase_scan: int = 5000  # quoted phrases: best BM25 candidates read for them, at most
    # (a bound on the cost at scale: ~0.1 s at 300k passages when no passage holds them)
    ordinal_bonus: float = 5.0  # "第二部分": added to passages under the heading numbered so
    rare_word: int = 100  # jieba's count under which a noun the question shares with a
    # passage is a topic of reports, not everyday talk (黄标车, 尿毒症): shared, it stands
    # against a thing no report names (off_topic.py: "冒黑烟的黄标车" is not off-topic)
    oov_weight: float = 0.25  # share of the highest idf given to a question word no passage has
    excerpt_sentences: int = 3  # an excerpt is the best sentence and up to this many in all
    excerpt_chars: int = 220  # ... and no longer than this; a longer sentence is cut at commas
    figure_gap: int = 30  # compare: characters a figure may follow its indicator by
    compare_reports: int = 300  # compare: reports ranked one by one, those whose best passage
    # scores highest; the rest are counted, not ranked (~1 ms a report at 300k passages)
    query: QueryWeights = field(default_factory=QueryWeights)
    rerank: RerankWeights = field(default_factory=RerankWeights)


DEFAULT_CONFIG = EngineConfig()
