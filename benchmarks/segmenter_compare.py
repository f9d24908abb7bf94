"""jieba against jieba_fast (a C port) on the same folded report texts: same tokens? how fast?

Not part of the unit tests. Two steps, because jieba_fast is not a dependency:

    .venv/bin/python benchmarks/segmenter_compare.py --dump /tmp/texts.json [FOLDER ...]
    python -m venv /tmp/jf && /tmp/jf/bin/pip install jieba==0.42.1 jieba_fast==0.53
    /tmp/jf/bin/python benchmarks/segmenter_compare.py --compare /tmp/texts.json
"""

from __future__ import annotations

import argparse
import difflib
import json
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def dump(out: Path, folders: list[Path], per_folder: int = 120) -> None:
    """Every report's cleaned, folded text (what the index tokenizes) and the user dictionary."""
    sys.path.insert(0, str(ROOT))
    from retrieval.clean import clean_report
    from retrieval.corpus import read_corpus
    from retrieval.tokens import Tokenizer

    logging.disable(logging.WARNING)
    tokenizer = Tokenizer()
    texts = []
    for folder in folders:
        for f in read_corpus(folder).files[:per_folder]:
            texts.append(tokenizer.fold(clean_report(f.text, markup=f.markup)))
    data = {"texts": texts, "userdict": str(tokenizer._user_dict)}
    out.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    print(f"{len(texts)} texts, {sum(map(len, texts))} characters -> {out}")


def compare(path: Path) -> None:
    import jieba  # type: ignore[import-untyped]
    import jieba_fast  # type: ignore[import-untyped]

    jieba.setLogLevel(logging.WARNING)
    jieba_fast.setLogLevel(logging.WARNING)
    data = json.loads(path.read_text("utf-8"))
    texts = data["texts"]
    timed = {}
    tokens = {}
    for name, module in (("jieba", jieba), ("jieba_fast", jieba_fast)):
        tk = module.Tokenizer()
        tk.load_userdict(data["userdict"])
        tk.cut("预热")
        t = time.perf_counter()
        tokens[name] = [list(tk.cut_for_search(x)) for x in texts]
        timed[name] = time.perf_counter() - t
    a, b = tokens["jieba"], tokens["jieba_fast"]
    same = sum(x == y for x, y in zip(a, b, strict=True))
    print(f"texts {len(texts)}, characters {sum(map(len, texts))}, tokens {sum(map(len, a))}")
    print(f"jieba {timed['jieba']:.2f} s, jieba_fast {timed['jieba_fast']:.2f} s, "
          f"speed-up {timed['jieba'] / timed['jieba_fast']:.2f}x")  # fmt: skip
    print(f"texts with identical tokens: {same}/{len(texts)}")
    for x, y in zip(a, b, strict=True):
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=x, b=y, autojunk=False).get_opcodes():
            if op != "equal":
                print(f"first difference: jieba {x[i1:i2][:8]} / jieba_fast {y[j1:j2][:8]}")
                return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("folders", nargs="*", type=Path)
    args = parser.parse_args()
    if args.dump:
        dump(args.dump, args.folders or [ROOT / "seeds", ROOT / "tests" / "data" / "real"])
    if args.compare:
        compare(args.compare)


if __name__ == "__main__":
    main()
