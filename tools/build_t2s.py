"""Build lexicons/fold_t2s.tsv: a character-level traditional→simplified fold.

Why not call OpenCC at match time: OpenCC's phrase conversion can change the
length of the text, which breaks the 1:1 fold that keeps match offsets exact,
and calling it per document costs start-up and throughput. So we apply OpenCC's
own t2s conversion to every CJK code point *in isolation* (one per line, so no
phrase rule can fire across characters) and keep the pairs that map one code
point to one different code point. The same table folds lexicon terms and text.

Hong Kong and Taiwan texts also write variant forms that OpenCC's generic t2s leaves alone (衞 for 衛,
敍, 枱, 衹; 痺, 簷): its hk2s and tw2s configurations fold them. Their pairs are added where t2s keeps
the character, the character is not in GB2312 (so 著 and 么, correct simplified characters that tw2s
rewrites, stay) and its image is (a real simplified character).

Run:  python tools/build_t2s.py  (needs the `opencc` wheel; records its version)
"""

from __future__ import annotations

import datetime
import importlib.metadata
import pathlib

import opencc

RANGES = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF)]
OUT = pathlib.Path(__file__).resolve().parents[1] / "lexicons" / "fold_t2s.tsv"


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def main() -> None:
    chars = [chr(cp) for lo, hi in RANGES for cp in range(lo, hi + 1)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    assert len(converted) == len(chars), "OpenCC changed the line structure"
    pairs = [(c, s) for c, s in zip(chars, converted) if len(s) == 1 and s != c]
    have = {c for c, _ in pairs}
    for config in ("hk2s", "tw2s"):
        variant = opencc.OpenCC(config).convert("\n".join(chars)).split("\n")
        assert len(variant) == len(chars), "OpenCC changed the line structure"
        for c, s in zip(chars, variant):
            if len(s) == 1 and s != c and c not in have and not _in_gb2312(c) and _in_gb2312(s):
                pairs.append((c, s))
                have.add(c)
    pairs.sort(key=lambda p: ord(p[0]))
    version = importlib.metadata.version("opencc")
    header = [
        "# name: fold_t2s",
        f"# version: opencc-{version}+variants.1",
        f"# source: OpenCC {version} (https://github.com/BYVoid/OpenCC, Apache-2.0) t2s configuration applied to each CJK code point in isolation by tools/build_t2s.py, plus the hk2s/tw2s pairs of characters t2s keeps (outside GB2312, onto GB2312)",
        f"# built: {datetime.date.today().isoformat()}",
        "# license: Apache-2.0 (OpenCC dictionary data)",
        "# kind: table",
        "traditional\tsimplified",
    ]
    OUT.write_text("\n".join(header + [f"{c}\t{s}" for c, s in pairs]) + "\n", encoding="utf-8")
    print(f"wrote {len(pairs)} pairs to {OUT}")


if __name__ == "__main__":
    main()
