"""Reading the corpus folder: encodings, and files that cannot be read."""

from __future__ import annotations

import codecs
import shutil

import pytest

from retrieval.cache import load_corpus
from retrieval.corpus import decode_report, read_corpus
from retrieval.engine import Engine
from retrieval.errors import CorpusNotFound, NoReadableReports
from retrieval.tokens import Tokenizer

from .conftest import SEEDS

REPORT = "政府工作报告\n各位代表:\n一、工作回顾\n全年地区生产总值增长百分之五，粮食产量稳定在十八万吨以上。\n"


def test_utf8_with_bom_gb18030_and_gbk_decode() -> None:
    assert decode_report(b"\xef\xbb\xbf" + REPORT.encode()) == REPORT
    assert decode_report(REPORT.encode("gb18030")) == REPORT
    assert decode_report(REPORT.encode("gbk")) == REPORT


NO_ASCII = "政府工作报告。各位代表，一、工作回顾。全年地区生产总值增长百分之五，粮食产量稳定。"


def test_utf32_with_bom_and_utf16_without_bom_decode() -> None:
    assert decode_report(REPORT.encode("utf-32")) == REPORT  # BOM, little endian
    assert decode_report(codecs.BOM_UTF32_BE + REPORT.encode("utf-32-be")) == REPORT
    assert decode_report(REPORT.encode("utf-16")) == REPORT  # BOM
    for text in (REPORT, NO_ASCII):
        assert decode_report(text.encode("utf-16-le")) == text
        assert decode_report(text.encode("utf-16-be")) == text


def test_binary_and_empty_are_not_text() -> None:
    assert decode_report(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))) is None
    assert decode_report(b"  \n ") is None


def test_bad_files_are_named_and_the_rest_is_served(tmp_path) -> None:
    shutil.copy(SEEDS / "002_853f39a04c100108.txt", tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.html").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    (tmp_path / "gbk.txt").write_bytes(REPORT.encode("gbk"))
    (tmp_path / "notes.md").write_text("not a report")
    files = read_corpus(tmp_path)
    assert [f.name for f in files.files] == ["002_853f39a04c100108.txt", "gbk.txt"]
    assert any(w.startswith("empty.txt") for w in files.warnings)
    assert any(w.startswith("image.html") for w in files.warnings)
    engine = Engine.from_dir(tmp_path)
    assert set(engine.reports) == {"002_853f39a04c100108.txt", "gbk.txt"}
    assert engine.answer("辽源粮食产量怎么样").answered


def test_missing_folder_and_folder_without_reports(tmp_path) -> None:
    with pytest.raises(CorpusNotFound):
        read_corpus(tmp_path / "missing")
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(NoReadableReports):
        Engine.from_dir(tmp_path)


def test_same_stem_different_suffix_are_two_reports(tmp_path) -> None:
    text = (SEEDS / "002_853f39a04c100108.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.html").write_text(
        f"<html><body><pre>{text}</pre></body></html>", encoding="utf-8"
    )
    engine = Engine.from_dir(tmp_path)
    ids = [p.id for p in engine.passages]
    assert len(ids) == len(set(ids))
    for p in engine.passages:
        assert p in engine.context(p)


def test_links_out_of_the_corpus_folder_are_skipped_unless_allowed(tmp_path) -> None:
    folder, outside = tmp_path / "corpus", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    shutil.copy(SEEDS / "002_853f39a04c100108.txt", folder)
    (outside / "secret.txt").write_text(REPORT, encoding="utf-8")
    (folder / "passwd.txt").symlink_to(outside / "secret.txt")
    (folder / "alias.txt").symlink_to(folder / "002_853f39a04c100108.txt")  # inside: fine
    files = read_corpus(folder)
    assert [f.name for f in files.files] == ["002_853f39a04c100108.txt", "alias.txt"]
    assert [w for w in files.warnings if w.startswith("passwd.txt")] == [
        "passwd.txt: links outside the corpus folder, skipped"
    ]
    allowed = read_corpus(folder, allow_outside_links=True)
    assert "passwd.txt" in [f.name for f in allowed.files] and not allowed.warnings
    cached = load_corpus(folder, Tokenizer(), cache_dir=tmp_path / "c")
    assert "passwd.txt" not in [r.name for r in cached.reports]
    assert any(w.startswith("passwd.txt") for w in cached.warnings)
