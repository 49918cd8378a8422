"""One cheap pass that finds every number-like cluster in a document.

Scanning each PII pattern over the whole text costs 15–30 ms/MB *per
pattern* (the patterns start with look-behinds, so the regex engines try
every position). A government page is mostly text with short numbers
(years, amounts, percentages), so the digit-based detectors (ID numbers,
phones, bank cards, masks) share one pass instead: a single character-class
run of digits (ASCII and full-width), mask stars, ``X`` and the separators
that may sit inside a number (space, hyphens, parentheses, ``+``), at least
10 characters long — every value the detectors look for, and every mask they
check, is at least that long. The standard library's ``re`` runs such a
class loop in C at ~10 ms/MB (a numpy version measured slower: its fixed
per-call costs dominate on pages of a few KB). Only clusters with at least 10
digits, or with a mask star and some digits, are kept — typically a few per
page.

Detectors then run their exact patterns inside each surviving cluster
(``pattern.finditer(text, start, end)``), so look-behinds still see the real
text before the cluster. The result is cached on the review context, so the
pass runs once per document whichever detector asks first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_DIGITS = 10


@dataclass(frozen=True, slots=True)
class Cluster:
    start: int
    end: int
    digits: int
    stars: int


_CLUSTER = re.compile(r"[0-9０-９*＊XxＸｘ\-－()（）+＋][0-9０-９*＊XxＸｘ \-－\u3000()（）+＋]{9,}")
_NOT_DIGIT = re.compile(r"[^0-9０-９]")


def _clusters(text: str) -> list[Cluster]:
    out = []
    for m in _CLUSTER.finditer(text):
        seg = m.group()
        stars = seg.count("*") + seg.count("＊")
        digits = len(_NOT_DIGIT.sub("", seg))
        if digits >= MIN_DIGITS or (stars and digits >= 2):
            out.append(Cluster(m.start(), m.end(), digits, stars))
    return out


def clusters(ctx) -> list[Cluster]:
    """Number-like clusters of ``ctx.text`` (computed once per document)."""
    cached = getattr(ctx, "_pii_clusters", None)
    if cached is None:
        cached = _clusters(ctx.text)
        ctx._pii_clusters = cached
    return cached


def iter_matches(ctx, pattern, *, min_digits: int = 0, stars: bool | None = None):
    """``pattern.finditer`` restricted to the clusters (look-arounds see one character beyond)."""
    text = ctx.text
    n = len(text)
    for c in clusters(ctx):
        if c.digits < min_digits:
            continue
        if stars is not None and (c.stars > 0) != stars:
            continue
        yield from pattern.finditer(text, c.start, min(n, c.end + 1))
