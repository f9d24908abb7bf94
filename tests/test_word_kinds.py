"""Off-topic questions: a thing no report names, and one shared word (retrieval/word_kinds.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from retrieval.engine import Engine
from retrieval.models import AnswerStatus
from retrieval.report_words import in_reports
from retrieval.word_kinds import names_a_thing, names_a_time, word_tag

from .conftest import ROOT


def test_word_kinds_come_from_jiebas_dictionary() -> None:
    assert word_tag("护照") == "n" and names_a_thing("护照") and names_a_thing("火星")
    assert names_a_time("明天") and names_a_thing("明天")
    # verbs, counts and place words a colloquial question uses are no things
    assert not names_a_thing("考上") and not names_a_thing("几天") and not names_a_thing("屋里")
    assert word_tag("不存在的词语") is None and word_tag("") is None and word_tag("a b") is None


@pytest.mark.parametrize(
    "question", ["火星人口有多少", "明天天气怎么样", "怎么办理护照", "煎饼怎么做才好吃"]
)
def test_off_topic_questions_are_refused(engine: Engine, question: str) -> None:
    assert engine.answer(question).status is AnswerStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("在天津和平区开一家公司要几天？", "企业开办"),  # 几天: a count, not a thing
        ("铁东区现在有没有能在屋里滑冰的地方？", "滑冰"),  # 屋里: a place word
    ],
)
def test_colloquial_questions_sharing_one_word_are_answered(
    engine: Engine, question: str, quoted: str
) -> None:
    answer = engine.answer(question)
    assert answer.answered and quoted in answer.citations[0].passage.text


def test_a_passage_sharing_only_lone_characters_is_no_answer(tmp_path: Path) -> None:
    # 山东's report: "做优做强海洋战略科技力量…" shares 做 and 才 with the question, nothing else
    for report in (ROOT / "tests" / "data" / "fresh").glob("*.txt"):
        shutil.copy(report, tmp_path)
    engine = Engine.from_dir(tmp_path)
    assert engine.answer("山东煎饼怎么做才好吃？").status is AnswerStatus.NOT_FOUND
    assert engine.answer("山东怎么做优做强海洋战略科技力量？").answered


def test_the_line_index_finds_what_the_scan_finds() -> None:
    from retrieval import word_kinds

    data = word_kinds._dictionary()
    assert data is not None
    index = word_kinds._LineIndex(data)
    lines = bytes(data[:200_000]).split(b"\n")[1:-1]  # whole lines only
    words = [line.split(b" ")[0] for line in lines[::97] if b" " in line]
    # words, words it lacks, and B超, which it has twice
    for word in [*words, *(w + b"x" for w in words[:50]), "B超".encode(), b"\xe6\x97\xa0\xe6"]:
        key = word + b" "
        assert index.find(data, key) == word_kinds._scan(data, key), word


def test_a_word_s_frequency_in_jieba_s_dictionary() -> None:
    from retrieval.word_kinds import word_frequency

    assert word_frequency("合作") > 1000 > word_frequency("清苑") > 0  # 合作 (合作市): common
    assert word_frequency("清苑县政府工作报告") == 0  # no such word


def test_a_server_builds_the_dictionary_index_before_it_forks_its_workers(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # bot.web_slot.warm_up runs before the fork: the index is shared, not built per worker
    from bot.web_slot import warm_up
    from retrieval import word_kinds

    monkeypatch.setattr(word_kinds, "_scans", 0)
    word_kinds._line_index.cache_clear()
    warm_up(engine)
    assert word_kinds._line_index.cache_info().currsize == 1
    assert word_tag("粮食") == "n"  # read through the index


def test_a_count_asked_is_no_thing_no_report_names(tmp_path: Path, engine: Engine) -> None:
    """ "2023年城镇新增就业人数" asked of 湖北 2024 alone (tests/data/fresh10): the report says
    "城镇新增就业92.8万人", never 人数; a count (人数, 户数, 数量) is what a figure measures."""
    shutil.copy(ROOT / "tests" / "data" / "fresh10" / "hubei_2024.txt", tmp_path)
    hubei = Engine.from_dir(tmp_path, tokenizer=engine.tokenizer)
    answer = hubei.answer("2023年城镇新增就业人数")
    assert answer.answered and "城镇新增就业92.8万人" in answer.citations[0].passage.text
    assert not hubei.answer("2023年火星移民人数").answered  # 火星 is still no report's


def test_words_of_reports_in_general_are_known_to_a_folder_of_one(
    engine: Engine, tmp_path: Path
) -> None:
    """延边 2018 (tests/data/fresh34) alone never says 遇上 nor 洪水, which dozens of other
    reports do (data/report_words.txt): a question worded so is not about a thing no report
    names. 世界杯 and 火星, in few reports, still are."""
    assert in_reports("洪水") and in_reports("房子")
    assert not in_reports("世界杯") and not in_reports("火星")
    shutil.copy(ROOT / "tests/data/fresh34/yanbian_2018.txt", tmp_path)
    yanbian = Engine.from_dir(tmp_path, tokenizer=engine.tokenizer)
    answer = yanbian.answer("延边2017年遇上洪水了吗？政府怎么应对")
    assert answer.answered and "洪涝灾害" in answer.citations[0].passage.text
    for question in ("延边2017年世界杯冠军是哪个国家", "延边火星上有多少人口"):
        assert not yanbian.answer(question).answered
