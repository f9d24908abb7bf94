"""The divisions table (data/divisions.tsv) and its lookups, on the real data."""

from __future__ import annotations

import time
import tomllib
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

import pytest

from retrieval.divisions import (
    ALIASES_TSV,
    DIVISIONS_TSV,
    Gazetteer,
    load_gazetteer,
    read_aliases,
    short_forms_of,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return load_gazetteer()


def names(ds) -> list[str]:
    return [d.name for d in ds]


def test_counts_per_level(g):
    counts = Counter(d.level for d in g)
    assert 31 <= counts["province"] <= 34
    assert 320 <= counts["prefecture"] <= 345
    assert 2700 <= counts["county"] <= 2900
    assert {g.get("710000").name, g.get("810000").name, g.get("820000").name} == {
        "台湾省",
        "香港特别行政区",
        "澳门特别行政区",
    }


def test_every_parent_exists_and_levels_nest(g):
    for d in g:
        chain = g.chain(d)
        assert chain[0].level == "province" and chain[0].code == d.province
        assert chain[-1] is d
        assert [x.level for x in chain] in (
            ["province"],
            ["province", "prefecture"],
            ["province", "county"],
            ["province", "prefecture", "county"],
        )
    assert not any(d.name in ("市辖区", "县") for d in g)


def test_province_short_forms(g):
    assert names(g.lookup("河南"))[0] == "河南省"
    assert g.lookup("河南")[0].level == "province"  # provinces first (河南蒙古族自治县 too)
    for short, full in [
        ("宁夏", "宁夏回族自治区"),
        ("广西", "广西壮族自治区"),
        ("内蒙古", "内蒙古自治区"),
        ("新疆", "新疆维吾尔自治区"),
        ("西藏", "西藏自治区"),
        ("北京", "北京市"),
        ("香港", "香港特别行政区"),
    ]:
        assert names(g.lookup(short)) == [full]
        assert short in g.short_forms(g.lookup(full)[0])


def test_autonomous_short_forms():
    assert short_forms_of("延边朝鲜族自治州", "prefecture") == ("延边",)
    assert short_forms_of("伊犁哈萨克自治州", "prefecture") == ("伊犁",)
    assert short_forms_of("积石山保安族东乡族撒拉族自治县", "county") == ("积石山",)
    assert short_forms_of("鄂温克族自治旗", "county") == ("鄂温克",)
    assert short_forms_of("龙胜各族自治县", "county") == ("龙胜",)
    assert short_forms_of("管城回族区", "county") == ("管城",)
    assert short_forms_of("大兴安岭地区", "prefecture") == ("大兴安岭",)
    assert "浦东" in short_forms_of("浦东新区", "county")
    assert "神农架" in short_forms_of("神农架林区", "county")


def test_no_short_form_keeps_an_ethnic_name_or_one_character(g):
    for d in g:
        for s in g.short_forms(d):
            assert len(s) >= 2, (d.name, s)
            assert not s.endswith("族"), (d.name, s)
    assert g.short_forms(g.lookup("和县")[0]) == ()
    assert g.short_forms(g.lookup("郊区")[0]) == ()
    assert g.lookup("和") == ()


def test_heping_is_ambiguous(g):
    assert g.is_ambiguous("和平区")
    chains = {tuple(names(g.chain(d))) for d in g.lookup("和平区")}
    assert chains == {("天津市", "和平区"), ("辽宁省", "沈阳市", "和平区")}


def test_tiedong_under_siping_and_anshan(g):
    parents = {g.get(d.parent).name for d in g.lookup("铁东区") if d.parent}
    assert parents == {"四平市", "鞍山市"}


def test_saihan_chain(g):
    (d,) = g.lookup("赛罕区")
    assert names(g.chain(d)) == ["内蒙古自治区", "呼和浩特市", "赛罕区"]


def test_directly_administered_units_hang_off_the_province(g):
    for name, province in [
        ("仙桃市", "湖北省"),
        ("济源市", "河南省"),
        ("石河子市", "新疆维吾尔自治区"),
    ]:
        (d,) = g.lookup(name)
        assert d.level == "county"
        assert g.get(d.parent).name == province


def test_municipal_districts_hang_off_the_municipality(g):
    (d,) = g.lookup("浦东新区")
    assert names(g.chain(d)) == ["上海市", "浦东新区"]


def test_scan_finds_city_and_district(g):
    found = g.scan("四平铁东区失业率")
    assert [(s, e) for s, e, _ in found] == [(0, 2), (2, 5)]
    assert names(found[0][2]) == ["四平市"]
    assert "铁东区" in names(found[1][2])


def test_scan_finds_province(g):
    (hit,) = g.scan("河南今年GDP目标")
    assert hit[:2] == (0, 2)
    assert hit[2][0].name == "河南省"


def test_scan_is_leftmost_longest(g):
    found = g.scan("吉林省吉林市和北京市朝阳区")
    assert [names(ds)[0] for _, _, ds in found] == ["吉林省", "吉林市", "北京市", "朝阳区"]


def test_scan_is_fast(g):
    question = (
        "呼和浩特市赛罕区2023年政府工作报告提出的地区生产总值增长目标是多少，和四平铁东区比呢"
    )
    g.scan(question)
    start = time.perf_counter()
    for _ in range(200):
        g.scan(question)
    assert (time.perf_counter() - start) / 200 < 1e-3


def test_former_names(g):
    assert names(g.lookup("襄樊")) == ["襄阳市"]
    assert names(g.lookup("襄樊市")) == ["襄阳市"]
    assert "普洱市" in names(g.lookup("思茅市"))
    assert "襄樊市" in g.former_names(g.lookup("襄阳市")[0])


def test_aliases_resolve_to_one_division(g):
    aliases = read_aliases()
    assert 10 <= len(aliases) <= 30
    for alias, code in aliases.items():
        assert [d.code for d in g.lookup(alias)] == [code], alias
    assert names(g.lookup("呼市")) == ["呼和浩特市"]
    assert names(g.lookup("内蒙")) == ["内蒙古自治区"]
    for line in ALIASES_TSV.read_text(encoding="utf-8").splitlines()[4:]:
        assert line.split("\t")[2].startswith("http")


def test_data_files_ship_with_the_package():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = pyproject["tool"]["setuptools"]["package-data"]["retrieval"]
    for path in (DIVISIONS_TSV, ALIASES_TSV):
        rel = path.relative_to(ROOT / "retrieval").as_posix()
        assert any(fnmatch(rel, glob) for glob in globs), rel
