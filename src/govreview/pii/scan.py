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
class loop in C at ~5 µs/KB; a numpy run-length version measured no faster
(its fixed per-call costs dominate on pages of a few KB). Only clusters with
at least 10 digits, or with a mask star and some digits, are kept — typically
a few per page (about ten office phone numbers on a contact-heavy one).

Detectors then run their exact patterns inside each surviving cluster
(``pattern.finditer(text, start, end)``), so look-behinds still see the real
text before the cluster. The result is cached on the review context, so the
pass runs once per document whichever detector asks first; it is kept split
into plain and masked clusters, with the largest digit count of the plain
ones, so that a detector whose values need more digits than any cluster has
(an ID number on a page of office phones) costs one comparison.
"""

from __future__ import annotations

import re
from typing import NamedTuple

MIN_DIGITS = 10


class Cluster(NamedTuple):
    """A run of number characters; a named tuple because pages with many phone numbers build many."""

    start: int
    end: int
    digits: int
    stars: int


class _Scan(NamedTuple):
    """A document's clusters, split by whether they contain a mask star."""

    all: list[Cluster]
    plain: list[Cluster]
    masked: list[Cluster]
    plain_max_digits: int


_CLUSTER = re.compile(r"[0-9０-９*＊XxＸｘ\-－()（）+＋][0-9０-９*＊XxＸｘ \-－\u3000()（）+＋]{9,}")
_NOT_DIGIT = re.compile(r"[^0-9０-９]")


def _clusters(text: str) -> list[Cluster]:
    out = []
    for m in _CLUSTER.finditer(text):
        seg = m.group()
        digits = len(seg) - len(_NOT_DIGIT.findall(seg))
        stars = seg.count("*") + seg.count("＊") if ("*" in seg or "＊" in seg) else 0
        if digits >= MIN_DIGITS or (stars and digits >= 2):
            out.append(Cluster(m.start(), m.end(), digits, stars))
    return out


def _scan(ctx) -> _Scan:
    """The document's clusters, computed on first use and cached on the review context."""
    cached = getattr(ctx, "_pii_clusters", None)
    if cached is None:
        found = _clusters(ctx.text)
        plain = [c for c in found if not c.stars]
        masked = [c for c in found if c.stars] if len(plain) < len(found) else []
        cached = _Scan(found, plain, masked, max((c.digits for c in plain), default=0))
        ctx._pii_clusters = cached
    return cached


def clusters(ctx) -> list[Cluster]:
    """Number-like clusters of ``ctx.text`` (computed once per document)."""
    return _scan(ctx).all


def iter_matches(ctx, pattern, *, min_digits: int = 0, stars: bool | None = None, near=None):
    """``pattern.finditer`` restricted to the clusters (look-arounds see one character beyond).

    ``min_digits`` and ``stars`` skip clusters that cannot hold a match. ``near`` is an optional
    cheap stdlib pattern that every match's cluster, with the one character before it, must
    contain (a mobile number's ``1[3-9]`` head): a quick search that spares the exact pattern
    on clusters that only look alike (office phone numbers on a page scanned for mobiles).
    """
    scan = _scan(ctx)
    if stars is None:
        pool = scan.all
    elif stars:
        pool = scan.masked
    else:
        pool = scan.plain if scan.plain_max_digits >= min_digits else ()
    text = ctx.text
    n = len(text)
    for c in pool:
        if c.digits < min_digits:
            continue
        if near is not None and near.search(text, max(0, c.start - 1), c.end) is None:
            continue
        yield from pattern.finditer(text, c.start, min(n, c.end + 1))
