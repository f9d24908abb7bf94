"""A word no report uses, found where the reports spell it out (spelled_out.py)."""

from __future__ import annotations

import random
from pathlib import Path

from retrieval.engine import Engine
from retrieval.spelled_out import matches, pattern, spellable, spellings

from .conftest import data_engine, one_report


def test_a_short_form_is_found_spelled_out_from_word_edge_to_word_edge(engine: Engine) -> None:
    spans = engine.tokenizer.spans
    text = engine.tokenizer.fold("今年要拆除违法建筑500万平方米，增加城市公共停车泊位2万个。")
    assert spellings("违建", [text], spans) == ["违法建筑"]
    assert spellings("停车位", [text], spans) == ["停车泊位"]
    assert spellings("人代会", ["召开人民代表大会"], spans) == ["人民代表大会"]


def test_characters_across_a_word_edge_or_a_clause_are_not_a_spelling(engine: Engine) -> None:
    spans = engine.tokenizer.spans
    assert spellings("护照", ["加强维护照明设施"], spans) == []  # 维护|照明: 护 starts no word
    assert spellings("违建", ["严查违法，建设新城"], spans) == []  # a comma between
    assert spellings("违建", ["严查违法行为建设新城"], spans) == []  # too far apart
    assert not spellable("2016") and not spellable("违") and spellable("违建")


def test_a_question_in_short_form_is_answered_from_the_spelled_out_passage(
    tmp_path: Path,
) -> None:
    review = "（一）城乡环境明显改善。\n拆除违法建筑120万平方米，新建城市绿道300公里。"
    plan = "（一）主要目标\n地区生产总值增长6%左右。\n（二）城市管理\n今年要拆除违法建筑500万平方米左右。"
    engine = one_report(tmp_path, 2016, review, plan)
    answer = engine.answer("2016年要拆掉多少违建？")
    assert answer.answered, answer.status
    assert "违法建筑500万平方米" in answer.citations[0].passage.text
    # the report's text is folded once for the scan, not each passage afresh each question
    assert engine.answer("2016年违建拆了多少？").answered
    kept = engine._folded_report.cache_info()
    assert kept.misses == 1 and kept.hits >= 1  # folded once, for the first question


def test_a_latin_word_is_not_spelled_out_as_another(engine: Engine) -> None:
    assert not spellable("ipo")  # "ipo" would be found in "iphone"


def test_a_locality_or_count_word_is_not_looked_for_spelled_out(
    tmp_path: Path, engine: Engine
) -> None:
    """以内 of "控制在多少以内" is no short form: 宿迁 2021 (of the six reports of
    tests/data/fresh33) has no 以内 but "以国内大循环为主体", which had answered
    "城镇登记失业率要控制在多少以内"."""
    from retrieval.word_kinds import names_a_bound

    assert names_a_bound("以内") and names_a_bound("左右") and not names_a_bound("停车位")
    for word in ("东部", "周边", "期间", "全年"):  # a place or a time, not a bound
        assert not names_a_bound(word), word
    names = ("huainan", "sanming", "songyuan", "suqian", "wuhai", "yingkou")
    six = data_engine(tmp_path, engine, *(f"fresh33/{n}_2021.txt" for n in names))
    assert not six.answer("宿迁2021年城镇登记失业率要控制在多少以内？").answered


def test_the_matches_are_the_patterns_found_without_compiling_it() -> None:
    rng = random.Random(3)
    pieces = ["违", "法", "建", "筑", "违法", "建设", "a", "Z", "-", "，", "。", "5", " ", "\n", "〇"]  # fmt: skip
    found = 0
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        word = rng.choice(["违建", "违法建", "违建筑", "建违", "违违", "法法法法"])
        want = [(m.start(), m.end()) for m in pattern(word).finditer(text)]
        assert matches(word, text) == want, (word, text)
        found += len(want)
    assert found > 1000
