"""Metadata, the section tree and passage invariants of every bundled report."""

from __future__ import annotations

import re

import pytest

from retrieval.clean import clean_report
from retrieval.metadata import extract_metadata
from retrieval.models import ReportMeta
from retrieval.passages import MAX_CHARS, split_passages
from retrieval.sections import split_sections

from .conftest import SEEDS

# Regions come from the division table: parent city and province by the table, not by guess.
META = {
    "000_c0e9d1177daedea1.txt": ReportMeta(
        title="政府工作报告", region="萨尔图区", parent="大庆市", province="黑龙江省",
        date="2021-12-18", meeting="萨尔图区第十二届人民代表大会第一次会议",
        speaker="权占峰", office="区长", code="230602", level="county", plan_year=2022,
    ),
    "001_1bbc185302e42d3c.txt": ReportMeta(
        title="和平区人民政府工作报告", region="和平区", parent=None, province="天津市",
        date="2021-12-12", meeting="和平区第十八届人民代表大会第一次会议",
        speaker="郑伟铭", office="区长", code="120101", level="county", plan_year=2022,
    ),
    "002_853f39a04c100108.txt": ReportMeta(
        title="(吉林省)辽源市人民政府工作报告(2022年1月11日)", region="辽源市", parent=None,
        province="吉林省", date="2022-01-11", meeting="辽源市第九届人民代表大会第一次会议",
        speaker="程宇", office="市长", code="220400", level="prefecture", plan_year=2022,
    ),
    "003_1252a86347db7bf3.txt": ReportMeta(
        title="呼和浩特市赛罕区2021年政府工作报告", region="赛罕区", parent="呼和浩特市",
        province="内蒙古自治区", date="2021-02-07",
        meeting="呼和浩特市赛罕区第四届人民代表大会第四次会议", speaker="程重重", office="代区长",
        code="150105", level="county", plan_year=2021,
    ),
    "004_1b65f65be8f80fa8.txt": ReportMeta(
        title="2020年铁东区政府工作报告", region="铁东区", parent="四平市", province="吉林省",
        date="2021-01-09", meeting="铁东区第九届人民代表大会第六次会议",
        speaker="申洪业", office="代区长", code="220303", level="county", plan_year=2021,
    ),
}  # fmt: skip
# Number of top-level "一、" sections, and of glossary entries.
TOP_SECTIONS = {"000": 1, "001": 1, "002": 1, "003": 4, "004": 2}
GLOSSARY = {"000": 0, "001": 0, "002": 0, "003": 19, "004": 24}
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _cleaned(path) -> str:
    return clean_report(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_metadata(path) -> None:
    assert extract_metadata(_cleaned(path)) == META[path.name]


def test_metadata_absent_is_none() -> None:
    meta = extract_metadata("各位代表:\n一、回顾\n今年粮食产量稳定。")
    assert meta == ReportMeta()


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_section_tree(path) -> None:
    paragraphs = split_sections(_cleaned(path))
    tops = {
        p.section[0] for p in paragraphs if p.section and re.match(r"^[一二三四五]、", p.section[0])
    }
    assert len(tops) == TOP_SECTIONS[path.name[:3]]
    assert sum(p.glossary for p in paragraphs) == GLOSSARY[path.name[:3]]


def test_second_level_and_lead_headings() -> None:
    paragraphs = split_sections(_cleaned(SEEDS / "003_1252a86347db7bf3.txt"))
    sections = {p.section for p in paragraphs}
    assert ("一、“十三五”期间经济社会发展和2020年工作回顾", "(一)综合实力显著增强。") in sections
    assert (
        "三、2021年重点工作",
        "(一)着力融入新发展格局,推动实体经济稳定增长",
        "增强经济发展动能",
    ) in sections
    assert ("四、加强政府自身建设", "强化政治建设") in sections
    assert ("名词解释", "五种思维") in sections
    paragraphs = split_sections(_cleaned(SEEDS / "000_c0e9d1177daedea1.txt"))
    heading = "——这五年,是聚焦品质提升,推动城市建管展现新形象的五年"
    assert any(p.section[1:2] == (heading,) for p in paragraphs)


def test_annexes_and_their_glossary() -> None:
    paragraphs = split_sections(_cleaned(SEEDS / "004_1b65f65be8f80fa8.txt"))
    sections = {p.section for p in paragraphs}
    assert ("附件1:2021年10项民生工程",) in sections
    assert ("附件2:《政府工作报告》名词释义", "春风计划") in sections


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_passage_invariants(path) -> None:
    text = _cleaned(path)
    passages = split_passages(path.name, text)
    paragraphs = split_sections(text)
    covered = [0] * len(text)
    for p in passages:
        assert p.report == path.name
        assert text[p.span[0] : p.span[1]] == p.text
        for i in range(*p.span):
            covered[i] += 1
        # Cut only at sentence ends: a passage ends with closing punctuation or a line end.
        end = p.span[1]
        assert end == len(text) or text[end] == "\n" or text[end - 1] in "。！？；!?;”’)）", p.id
        assert len(p.text) <= MAX_CHARS or "\n" not in p.text
    for para in paragraphs:  # every body character is in exactly one passage
        assert all(covered[i] == 1 for i in range(*para.span)), para.number
    assert len({p.id for p in passages}) == len(passages)
    sizes = [len(p.text) for p in passages if not p.glossary and p.paragraph]  # not the header
    assert sum(80 <= s <= 400 for s in sizes) >= 0.75 * len(sizes)


def test_long_paragraph_is_cut_at_sentence_ends() -> None:
    sentence = "全年新建和改造市政道路九十九条,综合改造老旧小区一百四十五个。"
    text = "各位代表:\n一、回顾\n" + sentence * 30
    passages = split_passages("x.txt", text)
    body = [p for p in passages if p.section]
    assert len(body) > 1
    assert all(p.text.endswith("。") and len(p.text) <= 400 for p in body)
    assert "".join(p.text for p in body) == sentence * 30


def test_sentences_do_not_end_inside_quotes() -> None:
    from retrieval.passages import sentence_spans

    text = "他说“要做到最多跑一次。再加强。”然后走了。提出《关于A。的意见》要求；最后"
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "他说“要做到最多跑一次。再加强。”",
        "然后走了。",
        "提出《关于A。的意见》要求；",
        "最后",
    ]
    unbalanced = "“" + "很长的句子。" * 80
    assert len(sentence_spans(unbalanced)) > 1
