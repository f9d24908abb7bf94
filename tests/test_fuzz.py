"""Property tests: cleaning keeps every body sentence word for word; answering never crashes.

Generated reports put trap words (主办单位, 版权所有, 上一篇, 彩票, 亚博, (Tibet) …) inside
body sentences, surround the body with page furniture and injected spam, and may wrap it all
in HTML. Derandomized, so CI sees the same examples every run.
"""

from __future__ import annotations

import contextlib
import html

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrieval.clean import INJECTION_MARK, clean_report
from retrieval.engine import Engine
from retrieval.errors import GovqaError

from .conftest import SEEDS

SAIHAN = SEEDS / "003_1252a86347db7bf3.txt"
FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

TITLE = "某某区2023年政府工作报告"
HEADER = [TITLE, "——2023年1月5日在某某区第五届人民代表大会第三次会议上", "区长 张 三"]
TRAPS = ["主办单位", "版权所有", "上一篇", "下一篇", "承办单位", "扫一扫", "手机版", "赌博", "彩票",
         "亚博", "网站", "投注站", "网站地图", "首页", "当前位置", "分享到", "ICP备案", "娱乐",
         "体育彩票", "在线", "官方网站", "(Tibet)", "(WTO)", "(Beijing)", "APP"]  # fmt: skip
TRAP_PHRASES = ["我区作为{}", "{}的各项工作", "依法打击{}", "做好{}工作", "推进{}建设", "{}",
                "开通{}服务", "组团参加2021{}会", "新建{}15个"]  # fmt: skip
# Characters of no spam token, so random words cannot spell a brand by accident.
SAFE = "发展改革建设推进全面工作经济社会民生项目产业城市乡村文化教育医疗保障生态环境稳定增长"
FURNITURE = [
    "• WAP手机版 | 网站地图 | 设为首页 | 加入收藏",
    "首页 | 县域经济 | 工作报告 | 招商引资",
    "当前位置：首页 > 政务公开 > 政府工作报告",
    "时间:2023-04-11 作者:中国县域 来源:政府官网 阅读:225",
    "【字体：大 中 小】 打印本页 关闭窗口",
    "分享到：微信 微博",
    "扫一扫",
]
FOOTER = [
    "主办单位：某某区人民政府办公室 承办：某某区政务服务中心",
    "版权所有 © 2021 某某市人民政府",
    "Copyright (C) 2023 中国县域网 版权所有",
    "京ICP备05060933号 京公网安备11010502000001号",
    "上一篇：某某县2022年政府工作报告",
    "相关阅读：靖宇县2023年政府工作报告",
]
SPAM = [
    "澳门新葡京娱乐场_bet365体育投注官网",
    "完美体育365_365娱乐场体育投注_365bet投注技巧",
    "皇冠体育投注网址hg8868com",
    "亚博体育官网入口",
]

words = st.text(alphabet=SAFE, min_size=2, max_size=8)
numbers = st.integers(0, 9999).map(str)
trap = st.builds(lambda p, w: p.format(w), st.sampled_from(TRAP_PHRASES), st.sampled_from(TRAPS))
# A clause has words (a line of figures alone is not a sentence). Its parts are joined by
# "与": two trap words side by side can spell a gambling brand's shape ("亚博" + "官方网站").
clause = st.builds(
    lambda first, rest: "与".join([first, *rest]),
    st.one_of(words, trap),
    st.lists(st.one_of(words, trap, numbers), max_size=3),
)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    clauses = draw(st.lists(clause, min_size=2, max_size=5))
    return "，".join(clauses) + draw(st.sampled_from("。！；"))


@st.composite
def pages(draw: st.DrawFn) -> tuple[str, list[str], list[str]]:
    """A page: furniture, title block, salutation, body with spam lines, footer."""
    body = draw(st.lists(sentences(), min_size=1, max_size=6))
    top = draw(st.lists(st.sampled_from(FURNITURE + SPAM), max_size=4))
    spam = draw(st.lists(st.sampled_from(SPAM), max_size=3))
    middle = list(body)
    for i, line in enumerate(spam):
        middle.insert(draw(st.integers(0, len(middle))) if i else len(middle), line)
    bottom = draw(st.lists(st.sampled_from(FURNITURE + FOOTER), max_size=4))
    footer = draw(st.sampled_from(FOOTER))
    lines = [*top, *HEADER, "各位代表：", *middle, footer, *bottom]
    if draw(st.booleans()):
        tag = draw(st.sampled_from(["p", "div", "li"]))
        inner = "".join(f'<{tag} class="x">{html.escape(ln)}</{tag}>' for ln in lines)
        raw = (
            f"<html><head><title>{TITLE}_某某区人民政府</title><script>var a='<p>';</script>"
            f"</head><body><!-- 各位代表 --><ul>{inner}</ul></body></html>"
        )
    else:
        raw = "\n".join(lines)
    return raw, body, top + spam + bottom + [footer]


@FUZZ
@given(pages())
def test_body_sentences_survive_word_for_word_and_furniture_goes(
    page: tuple[str, list[str], list[str]],
) -> None:
    raw, body, junk = page
    lines = clean_report(raw).splitlines()
    assert lines[0] == TITLE
    start = lines.index("各位代表：")
    assert lines[start + 1 :] == body  # every sentence, in order, nothing else
    for line in junk:
        assert line not in lines
    assert INJECTION_MARK not in lines


_HTML_QUESTION = st.builds(
    lambda t, q: f"<{t}>{q}</{t}>",
    st.sampled_from(["p", "b", "script", "div"]),
    st.text(max_size=50),
)
_LONG_QUESTION = st.builds(
    lambda s, n: s * n,
    st.sampled_from(["<!--", "辽源", "<div>", " ", "投注:", "&#", "\udcff"]),
    st.integers(1, 4000),
)
_REAL_QUESTION = st.builds(
    lambda q, t: q + t,
    st.sampled_from(["辽源市吸引了多少域外投资？", "更多", "第二条"]),
    st.text(max_size=30),
)
questions = st.one_of(
    st.text(max_size=200),
    # st.text() leaves out lone surrogates; a question decoded with surrogateescape has them
    st.lists(st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=50).map(
        "".join
    ),
    _HTML_QUESTION,
    _LONG_QUESTION,
    _REAL_QUESTION,
)


@FUZZ
@given(questions)
def test_answer_never_raises_anything_but_govqa_errors(engine: Engine, question: str) -> None:
    with contextlib.suppress(GovqaError):  # anything else is a bug
        engine.answer(question)


@FUZZ
@given(questions)
def test_every_citation_is_quoted_from_its_report(engine: Engine, question: str) -> None:
    with contextlib.suppress(GovqaError):
        for c in engine.answer(question).citations:
            report = engine.reports[c.passage.report].text
            start, end = c.passage.span
            assert report[start:end] == c.passage.text  # the passage is a slice of the report
            # An excerpt is the passage's text, "…" marking a cut; or a heading it sits under.
            parts = [p for p in c.excerpt.split("…") if p]
            in_text = all(p in c.passage.text for p in parts)
            assert in_text or all(p in " › ".join(c.passage.section) for p in parts)
            assert all(word in c.passage.text for word in c.matched)


ODD_BYTES = [
    b"",
    b"\xff\xfe",
    "各位代表：".encode("utf-16"),
    "政府工作报告".encode("gb18030"),
    b"<html><body>" + "各位代表：\n".encode() * 3 + b"</body></html>",
    b"\x00" * 64,
]
# A corpus folder of odd files beside one real report: none may stop the rest being served.
_ODD_FILES = st.lists(
    st.one_of(
        st.binary(max_size=400),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.sampled_from(ODD_BYTES),
    ),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(_ODD_FILES, st.sampled_from([".txt", ".html", ".htm", ".md", ""]))
def test_odd_corpus_files_never_stop_the_real_report(
    tmp_path_factory: pytest.TempPathFactory, files: list[bytes], suffix: str
) -> None:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "report.txt").write_bytes(SAIHAN.read_bytes())
    for n, data in enumerate(files):
        (folder / f"odd{n}{suffix}").write_bytes(data)
    engine = Engine.from_dir(folder)
    assert "report.txt" in engine.reports
    answer = engine.answer("赛罕区老旧小区改造了多少个")
    assert answer.answered and answer.citations[0].passage.report == "report.txt"
