"""Division names as a gazetteer: where does an address start?

The names come from the vendored GB/T 2260 table (current and withdrawn
provinces, prefectures and counties); summary rows (市辖区, 县, …直辖…) and
generic names that are ordinary words (城区, 郊区, 矿区, every two-character
…区) are left out, and short forms (兰州 for 兰州市) are not added — an address
names its divisions in full.

Why not a ``kind: data`` lexicon in the core automaton (as first built):
place names occur in nearly every sentence of government text, and
materialising a hit for each of them cost 16% of the whole review on the
benchmark corpus (``benchmarks/pii_throughput.py``), for a lookup that only
matters next to a detailed address. The address detector therefore looks up
names only in the few characters before a detail component (…号3单元501室),
with a set lookup per name-final character (省市区县旗州盟).
"""

from __future__ import annotations

import functools

from .regions import load_divisions

_GENERIC = {"市辖区", "县", "市区", "城区", "郊区", "矿区", "新区", "市中区", "县级市"}
SUFFIXES = frozenset("省市区县旗州盟")


@functools.lru_cache(maxsize=1)
def division_names() -> frozenset[str]:
    out = set()
    for d in load_divisions().values():
        n = d.name.strip()
        if len(n) < 2 or n in _GENERIC or "直辖" in n or (len(n) == 2 and n.endswith("区")):
            continue
        if n[-1] in SUFFIXES:
            out.add(n)
    return frozenset(out)


def first_place(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Span of the leftmost division name inside ``text[start:end]``, or None."""
    names = division_names()
    best: tuple[int, int] | None = None
    for j in range(start, end):
        if text[j] not in SUFFIXES:
            continue
        for length in range(2, 11):
            k = j - length + 1
            if k < start:
                break
            if text[k:j + 1] in names and (best is None or k < best[0]):
                best = (k, j + 1)
        if best is not None and best[1] <= j:
            break
    return best
