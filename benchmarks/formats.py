"""PDF and DOCX extraction speed: pages per second for a 40-page report.

    python benchmarks/formats.py [--pages 40] [--repeat 3] [--compare]

Typesets the bundled seed reports into a PDF of `--pages` pages (reportlab, STSong-Light,
hard-wrapped lines, running header, page numbers) and a DOCX of the same paragraphs, then
times what a build does with them: pypdfium2's text layer + retrieval/pdf_layout.py, and
python-docx. `--compare` also times pdfplumber and pdfminer.six on the same PDF (if they are
installed) and says how many of the report's paragraphs each gives back whole: the
measurement behind the choice of pypdfium2.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.docx_reader import read_docx  # noqa: E402
from retrieval.pdf import read_pdf  # noqa: E402
from retrieval.pdf_layout import layout  # noqa: E402
from tests.format_fixtures import render_docx, render_pdf, report_paragraphs  # noqa: E402

HEADER = "2023年政府工作报告"


def _paragraphs(pages: int) -> list[str]:
    paras: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        paras += report_paragraphs(path.read_text(encoding="utf-8"))
    per_page = 1400  # characters a page of 12 pt STSong holds, about
    out: list[str] = []
    total = 0
    while total < pages * per_page:
        for p in paras:
            out.append(p)
            total += len(p)
            if total >= pages * per_page:
                break
    return out


def _time(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def _found(paragraphs: list[str], text: str, raw: bool = True) -> float:
    """Share of the paragraphs found whole in `text`, white space removed (and, from a raw
    extractor's text, the running header and page numbers that interrupt paragraphs)."""
    flat = re.sub(r"\s+", "", text)
    if raw:
        flat = re.sub(r"[—-]\d+[—-]", "", flat.replace(HEADER, ""))
    wanted = [re.sub(r"\s+", "", p) for p in paragraphs if len(p) > 20]
    return sum(p in flat for p in wanted) / len(wanted)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--compare", action="store_true", help="also pdfplumber and pdfminer.six")
    args = ap.parse_args(argv)
    paragraphs = _paragraphs(args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "report.pdf"
        pages = render_pdf(paragraphs, pdf, header=HEADER)
        data = pdf.read_bytes()
        seconds, _ = _time(lambda: read_pdf(data), args.repeat)
        read = read_pdf(data)
        assert not isinstance(read, str), read
        both, (text, _) = _time(lambda: layout(read.pages), args.repeat)  # type: ignore[misc]
        print(f"PDF: {pages} pages, {len(data) / 1e6:.2f} MB")
        print(f"  pypdfium2 text layer    {pages / seconds:8.1f} pages/s")
        print(f"  + layout (joins, pages) {pages / (seconds + both):8.1f} pages/s"
              f"   paragraphs whole: {_found(paragraphs, text, raw=False):.1%}")  # fmt: skip
        if args.compare:
            _compare(pdf, pages, paragraphs, args.repeat)
        docx = Path(tmp) / "report.docx"
        render_docx(paragraphs, docx)
        blob = docx.read_bytes()
        seconds, _ = _time(lambda: read_docx(blob), args.repeat)
        print(
            f"DOCX: {len(paragraphs)} paragraphs ({pages} pages as PDF), {len(blob) / 1e6:.2f} MB"
        )
        print(f"  python-docx             {pages / seconds:8.1f} pages/s (PDF-page equivalents)")
    return 0


def _compare(pdf: Path, pages: int, paragraphs: list[str], repeat: int) -> None:
    try:
        import pdfplumber

        def plumber() -> str:
            with pdfplumber.open(pdf) as doc:
                return "\n".join(p.extract_text() or "" for p in doc.pages)

        seconds, text = _time(plumber, repeat)
        print(f"  pdfplumber              {pages / seconds:8.1f} pages/s"
              f"   paragraphs whole: {_found(paragraphs, str(text)):.1%}")  # fmt: skip
    except ImportError:
        print("  pdfplumber: not installed")
    try:
        from pdfminer.high_level import extract_text

        seconds, text = _time(lambda: extract_text(pdf), repeat)
        print(f"  pdfminer.six            {pages / seconds:8.1f} pages/s"
              f"   paragraphs whole: {_found(paragraphs, str(text)):.1%}")  # fmt: skip
    except ImportError:
        print("  pdfminer.six: not installed")


if __name__ == "__main__":
    sys.exit(main())
