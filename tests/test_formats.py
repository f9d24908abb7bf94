"""PDF and Word reports: what is read, how PDF pages are cleaned, what is warned about."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from retrieval.corpus import read_corpus
from retrieval.engine import Engine
from retrieval.pdf import SCAN, Line, garbled, read_pdf
from retrieval.pdf_layout import layout

from .conftest import SEEDS
from .format_fixtures import render_pdf

TITLE = "2023年示范市政府工作报告"
HEAD = [TITLE, "——2023年1月10日在示范市第十届人民代表大会第二次会议上", "市长 王某某"]
BODY = [
    "各位代表：",
    "现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。",
    "一、2022年工作回顾",
    "过去一年，全市地区生产总值增长百分之五点二，城乡居民收入稳步提高，粮食产量连续五年稳定在"
    "十八万吨以上，规模以上工业增加值增长百分之七，固定资产投资增长百分之九。",
]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    found = read_pdf(path.read_bytes())
    assert not isinstance(found, str), found
    return layout(found.pages)[0]


# -- PDF cleaning -----------------------------------------------------------------------------


def test_running_header_page_numbers_and_hard_wraps_go(tmp_path: Path) -> None:
    long = "加快建设现代化产业体系，推动制造业高端化、智能化、绿色化发展，" * 30 + "取得明显成效。"
    paras = [*HEAD, *BODY, long, "二、2023年工作安排", long.replace("加快", "持续")]
    pages = render_pdf(paras, tmp_path / "r.pdf", header=TITLE, centred=3)
    assert pages >= 2
    text = pdf_text(tmp_path / "r.pdf")
    lines = text.split("\n")
    assert lines[:3] == HEAD  # the title block: lines of its own; the title stays on page 1
    assert text.count(TITLE) == 1  # the running header does not
    assert not re.search(r"—\s*\d+\s*—", text)  # nor the page numbers
    assert long in lines  # one paragraph again, nothing inserted at the line joins
    assert "二、2023年工作安排" in lines and "一、2022年工作回顾" in lines


def test_a_number_broken_across_lines_is_joined_whole(tmp_path: Path) -> None:
    # 16 characters + "4779" fill the first line (indented two ems) exactly: "1元" wraps.
    para = "全市城镇常住居民人均可支配收入达" + "47791元，增长百分之五。"
    render_pdf([*HEAD, "各位代表：", para, "下一段。"], tmp_path / "n.pdf", line_width=12 * 20)
    found = read_pdf((tmp_path / "n.pdf").read_bytes())
    assert not isinstance(found, str)
    raw = [ln.text for page in found.pages for ln in page]
    assert any(t.endswith("4779") for t in raw)  # the PDF does break the number
    assert para in layout(found.pages)[0].split("\n")


def line(text: str, left: float = 72.0, right: float = 523.0) -> Line:
    return Line(text, left, right)


@pytest.mark.parametrize(
    "number", ["— {} —", "－ {} －", "-{}-", "第{}页", "{}/40", "第{}页 共40页", "{}"]
)
def test_page_number_forms_go(number: str) -> None:
    body = "全面推进乡村振兴，粮食产量稳定在十八万吨以上，农村居民收入增长百分之六点五，"
    bodies = [body.replace("乡村", word) for word in "甲乙丙丁戊己"]
    pages = [
        [line(bodies[2 * n]), line(bodies[2 * n + 1]), line(number.format(n + 1), 280, 300)]
        for n in range(3)
    ]
    text, page_map = layout(pages)
    assert text == "".join(bodies)
    assert [p for _, p in page_map] == [1, 2, 3]


def test_a_table_of_contents_goes_and_a_footnote_is_a_paragraph_of_its_own() -> None:
    body = "坚持“三个一批”①项目建设，全年新开工项目一百二十个，完成投资比上年增长百分之十二，"
    pages = [
        [line("目  录", 250, 280), line("一、工作回顾…………………………3", 96, 523)],
        [line(body), line(body), line("①三个一批：谋划一批、储备一批、", 72, 400),
         line("建设一批。", 72, 140)],
        [line("持续推进。", right=140), line("继续加大力度，确保项目按期建成投产。", 96, 300)],
    ]  # fmt: skip
    text, _ = layout(pages)
    assert "目  录" not in text and "…" not in text
    assert text.split("\n") == [
        body + body + "持续推进。",  # the paragraph the page break cut goes on
        "①三个一批：谋划一批、储备一批、建设一批。",
        "继续加大力度，确保项目按期建成投产。",
    ]


def test_lines_join_across_a_page_break_and_the_page_map_says_where() -> None:
    first = "全面推进乡村振兴，粮食产量稳定在十八万吨以上，农村居民收入增长百分之六点五，"
    pages = [[line(first)], [line("高于城镇居民收入增速。", right=200), line("下一段落开始。", 96)]]
    text, page_map = layout(pages)
    assert text == first + "高于城镇居民收入增速。\n下一段落开始。"
    assert page_map == ((0, 1), (len(first), 2))


def test_lines_without_geometry_join_by_length_and_ending() -> None:
    full = "全面推进乡村振兴，粮食产量稳定在十八万吨以上，农村居民收入增长百分之六点五"
    pages = [[Line(full, None, None), Line("4779", None, None), Line("1元。", None, None),
              Line(full + "。", None, None)]]  # fmt: skip
    text, _ = layout(pages)
    assert text.split("\n") == [full + "47791元。", full + "。"]


# -- PDFs that are not read -------------------------------------------------------------------


def scan_pdf(path: Path) -> None:
    """A page with only a picture on it (a scanner's output)."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (300, 400), 255)
    ImageDraw.Draw(image).rectangle((40, 40, 260, 60), fill=0)
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(image), 72, 300, 300, 400)
    c.showPage()
    c.save()


def garbage_pdf(path: Path) -> None:
    """A text layer of Latin-1 letters: what a font without a ToUnicode map decodes to."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 12)
    for n in range(30):
        c.drawString(72, 780 - 18 * n, "¸ÃÎÄ¿ÉÊÇ¹ú¼Ò·¢Õ¹ºÍ¸Ä¸ïÎ¯Ô±»á¹«²¼µÄ×ÊÁÏ")
    c.showPage()
    c.save()


def test_garbled_text_is_told_from_a_report() -> None:
    report = (SEEDS / "002_853f39a04c100108.txt").read_text(encoding="utf-8")
    assert not garbled(report)
    assert garbled("¸ÃÎÄ¿ÉÊÇ¹ú¼Ò·¢Õ¹ºÍ¸Ä¸ïÎ¯Ô±»á" * 20)
    assert garbled("\ue000\ue001\ue002" * 100)  # private use: glyph ids, no Unicode
    # CJK characters, but not a language: a wrong ToUnicode map.
    assert garbled("".join(chr(0x5000 + (i * 7919) % 0x3000) for i in range(400)))


def test_unreadable_pdfs_are_named_with_their_reason_and_the_rest_served(tmp_path: Path) -> None:
    shutil.copy(SEEDS / "002_853f39a04c100108.txt", tmp_path)
    scan_pdf(tmp_path / "scan.pdf")
    garbage_pdf(tmp_path / "garbage.pdf")
    render_pdf([*HEAD, *BODY], tmp_path / "locked.pdf", encrypt="secret")
    good = tmp_path / "good.pdf"
    render_pdf([*HEAD, *BODY], good)
    (tmp_path / "broken.pdf").write_bytes(good.read_bytes()[:200])
    (tmp_path / "fake.pdf").write_bytes(b"<html>not a pdf</html>")
    files = read_corpus(tmp_path)
    assert sorted(f.name for f in files.files) == ["002_853f39a04c100108.txt", "good.pdf"]
    said = dict(w.split(": ", 1) for w in files.warnings)
    assert said["scan.pdf"] == SCAN == "扫描件，无文字层，已跳过"
    assert "无法解码" in said["garbage.pdf"] and "已跳过" in said["garbage.pdf"]
    assert "加密" in said["locked.pdf"]
    assert "损坏" in said["broken.pdf"] and "损坏" in said["fake.pdf"]
    engine = Engine.from_dir(tmp_path)
    assert set(engine.reports) == {"002_853f39a04c100108.txt", "good.pdf"}
    assert {w.split(":")[0] for w in engine.warnings} >= {"scan.pdf", "garbage.pdf", "locked.pdf"}
    assert engine.answer("辽源粮食产量怎么样").answered


def test_an_owner_password_alone_does_not_stop_reading(tmp_path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    enc = StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0)
    render_pdf([*HEAD, *BODY], tmp_path / "r.pdf", encrypt=enc)  # type: ignore[arg-type]
    assert BODY[1] in pdf_text(tmp_path / "r.pdf")


# -- pages in passages ------------------------------------------------------------------------


def test_a_heading_on_page_two_and_a_paragraph_over_the_page_break(tmp_path: Path) -> None:
    over = "推动高质量发展取得新成效，" * 120 + "全年目标任务圆满完成。"
    paras = [*HEAD, *BODY, over, "二、2023年工作安排", "今年全市地区生产总值预期增长百分之六左右。"]
    assert render_pdf(paras, tmp_path / "r.pdf", header=TITLE, centred=3) == 2
    engine = Engine.from_dir(tmp_path)
    by_text = {p.text: p for p in engine.passages}
    planned = next(p for t, p in by_text.items() if "预期增长百分之六" in t)
    assert planned.section == ("二、2023年工作安排",)
    assert planned.page == 2 and planned.pages == (2, 2)
    spanning = [p for t, p in by_text.items() if "推动高质量发展" in t]
    assert spanning[0].page == 1
    assert any(p.pages == (1, 2) for p in spanning)
    header = next(p for p in engine.passages if p.paragraph == 0)
    assert header.page == 1
    txt = tmp_path / "t"
    txt.mkdir()
    (txt / "r.txt").write_text("\n".join(paras), encoding="utf-8")
    assert all(p.pages is None for p in Engine.from_dir(txt).passages)


# -- Word -------------------------------------------------------------------------------------


def test_docx_paragraphs_tables_and_heading_styles(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_heading(TITLE, level=0)  # the Title style: not a section
    for para in HEAD[1:]:
        doc.add_paragraph(para)
    doc.add_paragraph(BODY[0])
    doc.add_paragraph(BODY[1])
    doc.add_heading("过去一年的工作", level=1)  # no 一、: the style says it is a heading
    doc.add_paragraph(BODY[3])
    table = doc.add_table(rows=2, cols=3)
    for r, row in enumerate([["指标", "2022年", "增长"], ["地区生产总值", "1200亿元", "5.2%"]]):
        for k, cell in enumerate(row):
            table.cell(r, k).text = cell
    merged = doc.add_table(rows=1, cols=3)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "合并单元格"
    merged.cell(0, 2).text = "末列"
    doc.add_heading("今年的主要任务和措施安排", level=2)
    doc.add_paragraph("今年全市地区生产总值预期增长百分之六左右，居民收入增长与经济增长同步。")
    doc.save(str(tmp_path / "r.docx"))
    (source,) = read_corpus(tmp_path).files
    lines = source.text.split("\n")
    assert (
        lines[:3] == HEAD and "指标 2022年 增长" in lines and "地区生产总值 1200亿元 5.2%" in lines
    )
    assert "合并单元格 末列" in lines  # a merged cell once
    assert lines.index("过去一年的工作") < lines.index("指标 2022年 增长")  # document order
    engine = Engine.from_dir(tmp_path)
    passages = list(engine.passages)
    review = next(p for p in passages if "百分之五点二" in p.text)
    assert review.section[0] == "过去一年的工作" and review.page is None
    plan = next(p for p in passages if "预期增长百分之六" in p.text)
    assert plan.section == ("过去一年的工作", "今年的主要任务和措施安排")


def test_word_files_that_are_not_read_say_why(tmp_path: Path) -> None:
    from retrieval.docx_reader import OLE_MAGIC

    render_docx_ok = tmp_path / "ok.docx"
    from .format_fixtures import render_docx

    render_docx([*HEAD, *BODY], render_docx_ok)
    shutil.copy(render_docx_ok, tmp_path / "saved_as.doc")  # a .docx under the old name
    (tmp_path / "old.doc").write_bytes(OLE_MAGIC + b"\x00" * 600)
    (tmp_path / "locked.docx").write_bytes(OLE_MAGIC + "EncryptedPackage".encode("utf-16-le"))
    (tmp_path / "broken.docx").write_bytes(render_docx_ok.read_bytes()[:500])
    (tmp_path / "text.docx").write_text("不是 Word 文件")
    files = read_corpus(tmp_path)
    assert sorted(f.name for f in files.files) == ["ok.docx", "saved_as.doc"]
    said = dict(w.split(": ", 1) for w in files.warnings)
    assert "另存为 .docx" in said["old.doc"]
    assert "加密" in said["locked.docx"]
    assert "损坏" in said["broken.docx"] and "损坏" in said["text.docx"]


# -- every file not read is named ------------------------------------------------------------


def test_every_file_not_read_is_named_once_with_its_reason(tmp_path: Path) -> None:
    shutil.copy(SEEDS / "002_853f39a04c100108.txt", tmp_path)
    (tmp_path / "notes.md").write_text("笔记")
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "README").write_text("说明")
    (tmp_path / "old").mkdir()
    (tmp_path / ".DS_Store").write_bytes(b"\x00")  # hidden: not a user's file
    (tmp_path / "reports.toml").write_text("")  # read by retrieval/overrides.py
    files = read_corpus(tmp_path)
    named = [w.split(": ")[0] for w in files.warnings]
    assert sorted(named) == ["README", "notes.md", "old/", "sheet.xlsx"]
    assert any("（.xlsx）" in w and ".pdf .docx" in w for w in files.warnings)
    engine = Engine.from_dir(tmp_path)
    assert sorted(w.split(": ")[0] for w in engine.warnings) == sorted(named)


def test_a_folder_without_a_readable_report_names_what_it_found(tmp_path: Path) -> None:
    from retrieval.errors import NoReadableReports

    scan_pdf(tmp_path / "scan.pdf")
    (tmp_path / "notes.md").write_text("笔记")
    with pytest.raises(NoReadableReports) as caught:
        Engine.from_dir(tmp_path)
    assert "scan.pdf: 扫描件，无文字层，已跳过" in caught.value.found
    assert any(w.startswith("notes.md") for w in caught.value.found)
    assert "scan.pdf" in str(caught.value)


# -- one report, three formats ----------------------------------------------------------------

SAME = "003_1252a86347db7bf3.txt"


@pytest.fixture(scope="module")
def three_formats(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same seed report as .txt, as a typeset PDF and as a .docx, each in its own corpus."""
    from .format_fixtures import render_docx, report_paragraphs

    root = tmp_path_factory.mktemp("formats")
    paras = report_paragraphs((SEEDS / SAME).read_text(encoding="utf-8"))
    folders = {}
    for kind in ("txt", "pdf", "docx"):
        folders[kind] = root / kind
        folders[kind].mkdir()
    shutil.copy(SEEDS / SAME, folders["txt"] / SAME)
    render_pdf(paras, folders["pdf"] / "report.pdf", header="2021年政府工作报告")
    render_docx(paras, folders["docx"] / "report.docx")
    return folders


def test_the_same_report_answers_alike_as_txt_pdf_and_docx(three_formats: dict[str, Path]) -> None:
    from .conftest import OWN_SET, load_jsonl

    questions = [q["question"] for q in load_jsonl(OWN_SET) if q["doc"] == SAME]
    assert len(questions) >= 20
    engines = {kind: Engine.from_dir(folder) for kind, folder in three_formats.items()}
    assert all(not e.warnings for e in engines.values())
    same = 0
    for question in questions:
        tops = {}
        for kind, engine in engines.items():
            answer = engine.answer(question)
            tops[kind] = flat(answer.citations[0].passage.text) if answer.citations else None
        assert tops["pdf"] == tops["txt"] and tops["docx"] == tops["txt"], question
        same += tops["txt"] is not None
    assert same >= 20


def test_pdf_citations_carry_pages_in_json_and_text(
    three_formats: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from bot import cli

    folder = str(three_formats["pdf"])
    question = "赛罕区2021年地区生产总值预期增长多少？"
    assert cli.main(["ask", "--json", "--corpus", folder, question], env_file=None) == 0
    obj = json.loads(capsys.readouterr().out)
    first = obj["citations"][0]
    assert isinstance(first["page"], int) and first["page"] >= 1
    assert first["pages"] is None or first["pages"][0] == first["page"] < first["pages"][1]
    assert first["reference"].endswith(f"（第{first['page']}页）")
    found = read_pdf((three_formats["pdf"] / "report.pdf").read_bytes())
    assert not isinstance(found, str)
    page_text = flat("".join(ln.text for ln in found.pages[first["page"] - 1]))
    assert flat(first["text"])[:20] in page_text  # the passage does start on that page
    assert cli.main(["ask", "--corpus", folder, question], env_file=None) == 0
    assert f"第{first['paragraph']}段 · 第{first['page']}页" in capsys.readouterr().out
    txt = str(three_formats["docx"])
    assert cli.main(["ask", "--json", "--corpus", txt, question], env_file=None) == 0
    first = json.loads(capsys.readouterr().out)["citations"][0]
    assert first["page"] is None and first["pages"] is None


def test_one_report_in_three_formats_in_one_folder_is_kept_once_with_its_pages(
    three_formats: dict[str, Path], tmp_path: Path
) -> None:
    for folder in three_formats.values():
        for path in folder.iterdir():
            shutil.copy(path, tmp_path / path.name)
    shutil.copy(SEEDS / "002_853f39a04c100108.txt", tmp_path)  # another report stays
    engine = Engine.from_dir(tmp_path)
    assert set(engine.reports) == {"report.pdf", "002_853f39a04c100108.txt"}
    (warning,) = [w for w in engine.warnings if "同一份报告" in w]
    assert warning.startswith(f"{SAME}、report.docx: 与 report.pdf 是同一份报告")
    again = Engine.from_dir(tmp_path, cache_dir=tmp_path / "cache")
    assert set(again.reports) == set(engine.reports)
    warm = Engine.from_dir(tmp_path, cache_dir=tmp_path / "cache")  # from the snapshot
    assert warning in warm.warnings


def test_pdf_and_docx_are_extracted_again_only_when_they_change(tmp_path: Path) -> None:
    from retrieval.cache import load_corpus
    from retrieval.tokens import Tokenizer

    from .format_fixtures import render_docx

    folder, cache = tmp_path / "corpus", tmp_path / "cache"
    folder.mkdir()
    render_pdf([*HEAD, *BODY], folder / "a.pdf")
    render_docx(
        [*HEAD, *BODY[:2], "一、另一份报告", "全市粮食产量稳定在十八万吨以上。"], folder / "b.docx"
    )
    tokenizer = Tokenizer()
    first = load_corpus(folder, tokenizer, cache_dir=cache)
    assert first.tokenized == 2 and not first.from_snapshot
    assert load_corpus(folder, tokenizer, cache_dir=cache).from_snapshot
    render_pdf([*HEAD, *BODY, "二、今年安排", "今年预期增长百分之六。"], folder / "a.pdf")
    changed = load_corpus(folder, tokenizer, cache_dir=cache)
    assert changed.tokenized == 1  # the PDF again, the .docx from its cache entry
    assert any(p.page == 1 for p in changed.passages)


def test_many_whole_copies_are_one_report(tmp_path: Path) -> None:
    for k in range(25):  # more copies than a sentence may be shared by and still compared
        shutil.copy(SEEDS / "002_853f39a04c100108.txt", tmp_path / f"{k:02d}.txt")
    shutil.copy(SEEDS / "000_c0e9d1177daedea1.txt", tmp_path)
    engine = Engine.from_dir(tmp_path)
    assert set(engine.reports) == {"00.txt", "000_c0e9d1177daedea1.txt"}
    (warning,) = engine.warnings
    assert warning.startswith("01.txt、02.txt") and "与 00.txt 是同一份报告" in warning
