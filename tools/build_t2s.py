"""Build lexicons/fold_t2s.tsv: a character-level traditional→simplified fold.

Why not call OpenCC at match time: OpenCC's phrase conversion can change the
length of the text, which breaks the 1:1 fold that keeps match offsets exact,
and calling it per document costs start-up and throughput. So we apply OpenCC's
own t2s conversion to every CJK code point *in isolation* (one per line, so no
phrase rule can fire across characters) and keep the pairs that map one code
point to one different code point. The same table folds lexicon terms and text.

Run:  python tools/build_t2s.py  (needs the `opencc` wheel; records its version)
"""

from __future__ import annotations

import datetime
import importlib.metadata
import pathlib

import opencc

RANGES = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF)]
OUT = pathlib.Path(__file__).resolve().parents[1] / "lexicons" / "fold_t2s.tsv"


def main() -> None:
    chars = [chr(cp) for lo, hi in RANGES for cp in range(lo, hi + 1)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    assert len(converted) == len(chars), "OpenCC changed the line structure"
    pairs = [(c, s) for c, s in zip(chars, converted) if len(s) == 1 and s != c]
    version = importlib.metadata.version("opencc")
    header = [
        "# name: fold_t2s",
        f"# version: opencc-{version}",
        f"# source: OpenCC {version} (https://github.com/BYVoid/OpenCC, Apache-2.0) t2s configuration applied to each CJK code point in isolation by tools/build_t2s.py",
        f"# built: {datetime.date.today().isoformat()}",
        "# license: Apache-2.0 (OpenCC dictionary data)",
        "# kind: table",
        "traditional\tsimplified",
    ]
    OUT.write_text("\n".join(header + [f"{c}\t{s}" for c, s in pairs]) + "\n", encoding="utf-8")
    print(f"wrote {len(pairs)} pairs to {OUT}")


if __name__ == "__main__":
    main()
