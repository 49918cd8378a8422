"""The executable definition of folding: plain str.translate + one regex scan.

``govreview.normalize.fold`` is a vectorised implementation of exactly this;
tests/test_normalize.py checks with hypothesis that both agree (text and map).
"""

from __future__ import annotations

import functools

import regex

import sys
import unicodedata

from govreview.normalize import NOISE_CATEGORIES, NOISE_PUNCT, Folded, FoldSettings, substitution_table


def _char_class(cps) -> str:
    cps = sorted(cps)
    ranges, start, prev = [], cps[0], cps[0]
    for cp in cps[1:]:
        if cp != prev + 1:
            ranges.append((start, prev))
            start = cp
        prev = cp
    ranges.append((start, prev))
    return "[" + "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]"


# the definitions, spelled out with Python's own unicodedata:
# noise = these categories plus NOISE_PUNCT; collapsible (repeat fold) = letters, Nl, No
_CATS = [(cp, unicodedata.category(chr(cp))) for cp in range(sys.maxunicode + 1)]
_NOISE_CLASS = _char_class({cp for cp, c in _CATS if c in NOISE_CATEGORIES} | {ord(c) for c in NOISE_PUNCT})
_COLLAPSIBLE_CLASS = _char_class(
    {cp for cp, c in _CATS if c[0] == "L" or c in ("Nl", "No")} - {ord(c) for c in NOISE_PUNCT}
)
del _CATS


@functools.lru_cache(maxsize=16)
def _deletion_re(noise: bool, repeats: bool, max_gap: int):
    gap = f"{_NOISE_CLASS}{{0,{max_gap}}}" if noise else ""
    parts = []
    if repeats:
        # a letter-like character repeated, possibly with short noise between the repeats
        parts.append(rf"(?P<rep>(?P<ch>{_COLLAPSIBLE_CLASS}){gap}(?:(?P=ch){gap})*(?P=ch))")
    if noise:
        parts.append(rf"(?P<noise>{_NOISE_CLASS}+)")
    return regex.compile("|".join(parts)) if parts else None


def reference_fold(text: str, settings: FoldSettings = FoldSettings()) -> Folded:
    sub = substitution_table(settings.width, settings.case, settings.t2s)
    translated = text.translate(sub) if sub else text
    pattern = _deletion_re(settings.noise, settings.repeats, settings.max_gap)
    seg_f, seg_o, pieces = [0], [0], []
    pos = flen = 0
    if pattern is not None:
        for m in pattern.finditer(translated):
            s, e = m.span()
            keep = 1 if (m.lastgroup != "noise" or (e - s) > settings.max_gap) else 0
            cut = s + keep
            if cut >= e:
                continue
            if cut > pos:
                pieces.append(translated[pos:cut])
                flen += cut - pos
            pos = e
            if seg_f[-1] == flen:
                seg_o[-1] = pos
            else:
                seg_f.append(flen)
                seg_o.append(pos)
    if pos == 0:
        return Folded(text, translated, [0], [0], settings)
    pieces.append(translated[pos:])
    return Folded(text, "".join(pieces), seg_f, seg_o, settings)
