"""benchmarks/question_sets.py: held-out parts scored in aggregate only, tuning parts with
their misses, over a small folder of one bundled report."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import question_sets

REPORT = "000_c0e9d1177daedea1.txt"  # 萨尔图区
FOUND = {"question": "萨尔图区2021年地区生产总值预计能达到多少亿元？", "doc": REPORT,
         "answer": "地区生产总值预计实现151.7亿元", "type": "number"}  # fmt: skip
WRONG = {"question": "萨尔图区的地区生产总值是多少？", "doc": REPORT,
         "answer": "这句话不在报告里", "type": "number"}  # fmt: skip
NONE = {"question": "火星上有多少人口？", "doc": "", "answer": "", "type": "unanswerable"}


def _folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "a").mkdir(parents=True)
    shutil.copy(ROOT / "seeds" / REPORT, data / "a" / REPORT)
    table = f"| file | full / excerpt |\n| --- | --- |\n| {REPORT} | excerpt (its first part) |\n"
    (data / "a" / "SOURCES.md").write_text(table, encoding="utf-8")
    for name, items in (("qa_a_tune.jsonl", [FOUND, WRONG]), ("qa_a_heldout.jsonl", [WRONG, NONE])):
        lines = [json.dumps({"id": f"q{k}", **d}, ensure_ascii=False) for k, d in enumerate(items)]
        (data / "a" / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data


def test_parts_are_told_apart_by_name() -> None:
    assert question_sets.is_held_out("prov2021/qa_prov2021a_heldout.jsonl")
    assert question_sets.is_held_out("fresh3/qa_fresh3.jsonl")  # held out whole
    assert not question_sets.is_held_out("prov2021/qa_prov2021a_tune.jsonl")
    assert question_sets.corpus_key("fresh4/qa_fresh4.jsonl") == "fresh+fresh2"


def test_every_set_of_the_repository_is_in_one_part() -> None:
    data = ROOT / "tests" / "data"
    held = question_sets.question_sets(data, "held-out")
    tuning = question_sets.question_sets(data, "tuning")
    assert len(held) >= 100 and len(tuning) >= 100
    assert not set(held) & set(tuning)
    assert sorted(held + tuning) == question_sets.question_sets(data, "both")


def test_held_out_printed_in_aggregate_tuning_misses_listed(tmp_path: Path, capsys) -> None:
    data = _folder(tmp_path)
    assert question_sets.main(["--data", str(data), "--jobs", "1", "--tuning-misses"]) == 0
    out = capsys.readouterr().out
    held, tuning = out.split("== tuning parts")
    # held out: one answerable missed, one unanswerable refused; no question shown
    assert "a/qa_a_heldout.jsonl" in held and "(0 / 0 / " in held and " / 1)" in held
    assert WRONG["question"] not in held and NONE["question"] not in held
    # tuning: one hit, one miss, listed with its question
    assert "ALL tuning parts:     2 / 0 " in tuning and "(1 / 1 / " in tuning
    misses = [ln for ln in tuning.splitlines() if ln.startswith("a/qa_a_tune.jsonl\tq")]
    assert len(misses) == 1 and WRONG["question"] in misses[0]
    assert FOUND["question"] not in tuning
    # the answerable questions are about a report SOURCES.md calls an excerpt
    assert "report excerpt          1 / 0 " in held and "report full text" not in held


def test_excerpts_are_read_from_the_sources_table() -> None:
    assert question_sets.excerpts(ROOT / "tests" / "data" / "fresh5") == {
        "city_baoding_2024.txt",
        "city_baoding_2007.txt",
    }
    assert question_sets.excerpts(ROOT / "tests" / "data" / "prov2021") == set()


def test_ablation_steps_end_at_the_engine_as_configured(tmp_path: Path, capsys) -> None:
    import quality_ablation

    data = _folder(tmp_path)
    steps = quality_ablation.steps_over(data, "a", ["a/qa_a_tune.jsonl", "a/qa_a_heldout.jsonl"])
    assert len(steps) == len(quality_ablation.STEPS)
    assert question_sets.main(["--data", str(data), "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    total = question_sets.Tally()
    for line in out.splitlines():  # the two parts' totals, as question_sets prints them
        if line.startswith("ALL "):
            counts = line.rsplit("(", 1)[1].rstrip(")").split(" / ")
            total.add(question_sets.Tally(0, 0, *map(int, counts)))
    last = steps[-1]
    assert (last.hit1, last.hit3, last.false_abstain, last.abstain) == (
        total.hit1,
        total.hit3,
        total.false_abstain,
        total.abstain,
    )
    assert (last.answerable, last.unanswerable) == (3, 1)


def test_region_taken_out_in_full_or_without_its_level() -> None:
    assert question_sets.without_region("河南今年GDP目标是多少？", "河南") == "今年GDP目标是多少？"
    assert question_sets.without_region("河南省今年GDP目标", "河南") == "今年GDP目标"
    assert question_sets.without_region("宁夏回族自治区粮食产量", "宁夏") == "粮食产量"
    assert question_sets.without_region("内蒙古今年", "内蒙古自治区") == "今年"
    assert question_sets.without_region("萨尔图区的GDP", "萨尔图区") == "的GDP"
    assert question_sets.without_region("萨尔图的GDP", "萨尔图区") == "的GDP"
    assert question_sets.without_region("沙县小吃", "") == "沙县小吃"


def test_alone_asks_each_answerable_question_of_its_report(tmp_path: Path, capsys) -> None:
    data = _folder(tmp_path)
    for name in ("qa_a_tune.jsonl", "qa_a_heldout.jsonl"):  # the sets name their region
        path = data / "a" / name
        rows = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines()]
        lines = [json.dumps({**r, "region": "萨尔图区"}, ensure_ascii=False) for r in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert question_sets.main(["--data", str(data), "--jobs", "1", "--alone"]) == 0
    out = capsys.readouterr().out
    assert "held-out parts (each of its own report alone, its region taken out)" in out
    # the unanswerable question is not asked; the answerable ones are, without 萨尔图区
    assert (
        "ALL tuning parts (each of its own report alone, its region taken out):     2 / 0 " in out
    )
    assert "(1 / 1 / " in out.split("== tuning parts")[1]
