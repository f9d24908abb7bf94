"""benchmarks/question_sets.py: held-out parts scored in aggregate only, tuning parts with
their misses; asked_alone.py: the held-back sets' second mode. Over small folders of bundled
reports."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import asked_alone
import question_sets

SARTU = "000_c0e9d1177daedea1.txt"  # 萨尔图区
LIAOYUAN = "002_853f39a04c100108.txt"  # 辽源市
FOUND = {
    "question": "萨尔图区2021年地区生产总值预计能达到多少亿元？",
    "doc": SARTU,
    "answer": "地区生产总值预计实现151.7亿元",
    "type": "number",
    "region": "萨尔图区",
}
WRONG = {
    "question": "萨尔图区的地区生产总值是多少？",
    "doc": SARTU,
    "answer": "这句话不在报告里",
    "type": "number",
    "region": "萨尔图区",
}
# held out: questions of their own, none of them asked in a tuning part
HELD = [
    {
        "question": "萨尔图区的固定资产投资是多少？",
        "doc": SARTU,
        "answer": "不在报告里的话",
        "type": "number",
        "region": "萨尔图区",
    },
    {"question": "火星上有多少人口？", "doc": "", "answer": "", "type": "unanswerable"},
]
WHOLE = {"question": "萨尔图区的城镇居民收入是多少？", "doc": SARTU, "answer": "也不在报告里",
         "type": "number", "region": "萨尔图区"}  # fmt: skip


def _write(path: Path, items: list[dict], prefix: str) -> None:
    lines = [
        json.dumps({"id": f"{prefix}{k}", **d}, ensure_ascii=False) for k, d in enumerate(items)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    for folder in ("a", "fresh3"):
        (data / folder).mkdir(parents=True)
        shutil.copy(ROOT / "seeds" / SARTU, data / folder / SARTU)
    shutil.copy(ROOT / "seeds" / LIAOYUAN, data / "a" / LIAOYUAN)
    table = f"| file | full / excerpt |\n| --- | --- |\n| {SARTU} | excerpt (its first part) |\n"
    (data / "a" / "SOURCES.md").write_text(table, encoding="utf-8")
    _write(data / "a" / "qa_a_tune.jsonl", [FOUND, WRONG], "t")
    _write(data / "a" / "qa_a_heldout.jsonl", HELD, "h")
    _write(data / "fresh3" / "qa_fresh3.jsonl", [WHOLE], "w")  # held out whole
    return data


def test_only_sets_named_for_tuning_are_tuning() -> None:
    assert question_sets.is_held_out("prov2021/qa_prov2021a_heldout.jsonl")
    assert question_sets.is_held_out("fresh3/qa_fresh3.jsonl")
    assert question_sets.is_held_out("x/qa_x_held_out.jsonl")  # a new name: held out
    assert not question_sets.is_held_out("prov2021/qa_prov2021a_tune.jsonl")
    assert not question_sets.is_held_out("real/qa_tune2.jsonl")
    assert not question_sets.is_held_out("fresh4/qa_fresh4.jsonl")
    assert question_sets.corpus_key("fresh4/qa_fresh4.jsonl") == "fresh+fresh2"


def test_every_set_of_the_repository_is_named_as_one_part() -> None:
    names = question_sets.question_sets(ROOT / "tests" / "data", "both")
    assert len(names) >= 250
    for name in names:
        file = name.rpartition("/")[2]
        tuning = "_tune" in file or name in question_sets.TUNING_WHOLE
        held = "heldout" in file or name in ("fresh3/qa_fresh3.jsonl", "fresh6/qa_fresh6.jsonl")
        assert tuning != held, name  # each set is one or the other by its name, never both
        assert question_sets.is_held_out(name) == held, name


def test_held_out_printed_in_aggregate_tuning_misses_listed(tmp_path: Path, capsys) -> None:
    data = _folder(tmp_path)
    assert question_sets.main(["--data", str(data), "--jobs", "1", "--tuning-misses"]) == 0
    out = capsys.readouterr().out
    for item in (*HELD, WHOLE):  # no held-out question or id anywhere in the output
        assert item["question"] not in out
    assert not re.search(r"\t[hw]\d\t", out)
    assert not any(ln.startswith(("a/qa_a_heldout.jsonl\t", "fresh3/")) and "\t" in ln
                   for ln in out.splitlines())  # fmt: skip
    held, tuning = out.split("== tuning parts")
    assert "a/qa_a_heldout.jsonl" in held and "fresh3/qa_fresh3.jsonl" in held
    assert "ALL held-out parts:     2 / 1 " in held and "(0 / 0 / " in held
    # a's held-out question is about a report its SOURCES.md calls an excerpt; fresh3 has none
    assert "report excerpt          1 / 0 " in held and "report full text        1 / 0 " in held
    # tuning: one hit, one miss, listed with its question and id
    assert "ALL tuning parts:     2 / 0 " in tuning and "(1 / 1 / " in tuning
    misses = [ln for ln in tuning.splitlines() if ln.startswith("a/qa_a_tune.jsonl\tt")]
    assert len(misses) == 1 and WRONG["question"] in misses[0] and "\tt1\t" in misses[0]


def test_excerpts_are_read_from_the_sources_table() -> None:
    assert question_sets.excerpts(ROOT / "tests" / "data" / "fresh5") == {
        "city_baoding_2024.txt",
        "city_baoding_2007.txt",
    }
    assert question_sets.excerpts(ROOT / "tests" / "data" / "prov2021") == set()


def test_a_region_is_taken_out_once_outside_quotes() -> None:
    out = asked_alone.without_region
    assert out("河南今年GDP目标是多少？", "河南") == "今年GDP目标是多少？"
    assert out("河南省今年GDP目标", "河南省") == "今年GDP目标"
    assert out("宁夏回族自治区粮食产量", "宁夏回族自治区") == "粮食产量"
    assert out("萨尔图的GDP", "萨尔图区") == "的GDP"
    assert out("保定市2025年GDP目标", "河北省保定市") == "2025年GDP目标"  # a part of it
    assert out("福建说的“新福建”是什么", "福建") == "说的“新福建”是什么"  # once, not quoted
    assert out("国务院2025年赤字率", "国务院2025") == "2025年赤字率"  # its year dropped
    assert out("沙县小吃", None) == "沙县小吃"
    assert asked_alone.region_names("河北省保定市") == [["河北省", "河北"], ["保定市", "保定"]]


def test_alone_asks_each_answerable_question_of_its_report(tmp_path: Path, monkeypatch) -> None:
    from retrieval.engine import Engine

    data = _folder(tmp_path)
    asked: list[tuple[str, int]] = []
    answer = Engine.answer

    def recorded(self: Engine, question: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append((question, len(self.reports)))
        return answer(self, question, *args, **kwargs)

    monkeypatch.setattr(Engine, "answer", recorded)
    results = question_sets._score(data, "a", ["a/qa_a_tune.jsonl", "a/qa_a_heldout.jsonl"], True)
    # the unanswerable question is not asked; each other one of its report alone (one of the
    # folder's two), without 萨尔图区
    assert asked == [(q["question"].replace("萨尔图区", ""), 1) for q in (FOUND, WRONG, HELD[0])]
    assert results[0].tally.hit1 == 1 and results[1].tally.unanswerable == 0
    assert results[0].misses and "\t的地区生产总值是多少？\t" in results[0].misses[0]


def test_ablation_steps_end_at_the_engine_as_configured(tmp_path: Path) -> None:
    import quality_ablation

    data = _folder(tmp_path)
    names = ["a/qa_a_tune.jsonl", "a/qa_a_heldout.jsonl"]
    steps = quality_ablation.steps_over(data, "a", names)
    assert len(steps) == len(quality_ablation.STEPS)
    whole = question_sets.Tally()
    for result in question_sets._score(data, "a", names):
        whole.add(result.tally)
    assert steps[-1] == whole and (whole.answerable, whole.unanswerable) == (3, 1)
