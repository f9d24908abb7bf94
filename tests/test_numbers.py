"""Figures in a question as reports write them (retrieval/numbers.py)."""

from __future__ import annotations

from pathlib import Path

from retrieval.numbers import decimal_text, report_forms

from .conftest import one_report


def test_report_spellings_of_a_figure() -> None:
    assert report_forms("增长目标是百分之五吗") == {"百分之五": ("5%",)}
    assert report_forms("百分之九十九点九") == {"百分之九十九点九": ("99.9%",)}
    assert report_forms("三成左右的企业") == {"三成": ("30%",)}
    assert report_forms("GDP突破1.2万亿元") == {"1.2万亿": ("12000亿",)}
    assert report_forms("财政收入12000亿元") == {"12000亿": ("1.2万亿",)}
    # words that hold 成 or 亿 are no figures
    assert report_forms("建成了吗") == {} and report_forms("成为第一") == {}
    assert report_forms("投资500亿元") == {}
    assert report_forms("收入增长了两成吗") == {"两成": ("20%",)}  # after a verb
    assert report_forms("一成不变") == {}
    # 百分之一百 is no 1%: not read rather than misread
    assert report_forms("研发投入增长百分之一百了吗") == {}
    # a Chinese numeral before 万亿, 亿, 万 (湖北 2024, tests/data/fresh10: "武汉GDP过两万亿了没")
    assert report_forms("武汉GDP过两万亿了没") == {"两万亿": ("2万亿", "20000亿")}
    assert report_forms("投资二十三亿") == {"二十三亿": ("23亿",)}
    assert report_forms("一千万") == {}  # 千 is past what is read: not read rather than misread


def test_chinese_numerals() -> None:
    assert [decimal_text(w) for w in ("五", "十二", "二十", "九十九", "五点五", "5.5")] == [
        "5", "12", "20", "99", "5.5", "5.5"
    ]  # fmt: skip
    assert decimal_text("百") is None and decimal_text("十十") is None


def test_a_figure_asked_in_words_finds_the_report_written_in_digits(tmp_path: Path) -> None:
    engine = one_report(
        tmp_path,
        2024,
        "全市地区生产总值增长4.8%。",
        "主要预期目标是：地区生产总值增长5.5%左右。\n城镇新增就业2万人，粮食产量稳定在100万吨。",
    )
    query = engine.queries.build("增长目标是百分之五点五吗")
    assert any("5.5%" in c.full for c in query.concepts)
    answer = engine.answer("地区生产总值增长目标是百分之五点五吗")
    assert answer.answered and "增长5.5%左右" in answer.citations[0].excerpt
    assert "百分之五点五" not in answer.citations[0].passage.text  # quoted as written
    # the figure decides between two passages that share every other word
    for said, written in (("百分之四点八", "增长4.8%"), ("百分之五点五", "增长5.5%")):
        answer = engine.answer(f"地区生产总值增长{said}")
        assert answer.answered and written in answer.citations[0].excerpt, said
