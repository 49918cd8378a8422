"""Build lexicons/fold_variants.tsv: Japanese shinjitai forms → simplified Chinese, a character-level fold.

Spam writes casino words in Japanese forms (娯楽城, 百家楽) that neither OpenCC's t2s table nor the
width fold touch. OpenCC's own ``jp2t`` configuration (shinjitai → traditional) followed by its ``t2s``
is applied to every CJK code point in isolation, as tools/build_t2s.py does, and a pair is kept when

* it maps one code point to one different code point that is a simplified character (GB 2312 has it);
* the shinjitai form is not a Chinese character in its own right: neither GB 2312 nor Big5 encodes it,
  and it is neither side of a t2s pair (芸, 弁, 欠, 予, 沪 are Chinese words, and stay as written).

A few Japanese forms are missing from OpenCC's table; they are listed in ``SUPPLEMENT`` with the
Chinese character they stand for. The fold is part of the t2s fold (``fold.t2s = false`` turns it off);
quality.mixed_script does not count these characters as traditional.

Run:  python tools/build_fold_variants.py  (needs the `opencc` wheel; records its version)
"""

from __future__ import annotations

import datetime
import importlib.metadata
import pathlib

import opencc

RANGES = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF)]
ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "lexicons" / "fold_variants.tsv"
# Japanese forms OpenCC 1.4.2's jp2t does not map, written by the maintainers: (form, simplified, the word spam uses)
SUPPLEMENT = [("娯", "娱", "娯楽 = 娛樂 = 娱乐")]


def _encodes(c: str, codec: str) -> bool:
    try:
        c.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def main() -> None:
    t2s_pairs = {}
    for line in (ROOT / "lexicons" / "fold_t2s.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not line.startswith("#") and len(parts) == 2 and len(parts[0]) == 1:
            t2s_pairs[parts[0]] = parts[1]
    t2s_chars = set(t2s_pairs) | set(t2s_pairs.values())
    chars = [chr(cp) for lo, hi in RANGES for cp in range(lo, hi + 1)]
    trad = opencc.OpenCC("jp2t").convert("\n".join(chars)).split("\n")
    simp = opencc.OpenCC("t2s").convert("\n".join(trad)).split("\n")
    assert len(trad) == len(simp) == len(chars), "OpenCC changed the line structure"
    pairs = [(c, s, "OpenCC jp2t+t2s") for c, t, s in zip(chars, trad, simp)
             if t != c and len(s) == 1 and s != c and _encodes(s, "gb2312")
             and c not in t2s_chars and not _encodes(c, "gb2312") and not _encodes(c, "big5")]
    have = {c for c, _, _ in pairs}
    pairs += [(c, s, f"supplement: {why}") for c, s, why in SUPPLEMENT if c not in have]
    pairs.sort()
    version = importlib.metadata.version("opencc")
    header = [
        "# name: fold_variants",
        f"# version: opencc-{version}.1",
        f"# source: OpenCC {version} (https://github.com/BYVoid/OpenCC, Apache-2.0) jp2t then t2s configurations applied to each "
        "CJK code point in isolation by tools/build_fold_variants.py, keeping Japanese-only forms (not in GB 2312 or Big5, "
        "not in fold_t2s.tsv); plus the maintainers' supplement of forms OpenCC lacks (see the tool)",
        f"# built: {datetime.date.today().isoformat()}",
        "# license: Apache-2.0 (OpenCC dictionary data); the supplement MIT",
        "# kind: table",
        "variant\tsimplified\tfrom",
    ]
    OUT.write_text("\n".join(header + [f"{c}\t{s}\t{why}" for c, s, why in pairs]) + "\n", encoding="utf-8")
    print(f"wrote {len(pairs)} pairs to {OUT}")


if __name__ == "__main__":
    main()
