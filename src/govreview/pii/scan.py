"""One cheap pass that finds every number-like cluster in a document.

Scanning each PII pattern over the whole text costs 15–30 ms/MB *per
pattern* (the patterns start with look-behinds, so the regex engines try
every position). A government page is mostly text with short numbers
(years, amounts, percentages), so the digit-based detectors (ID numbers,
phones, bank cards, masks) share one pass instead: a single character-class
run of digits (ASCII and full-width), mask characters (``masking.MASK_CHARS``: ``*``, ``×``, ``x``…) and the separators
that may sit inside a number (space, hyphens, parentheses, ``+``), at least
10 characters long — every value the detectors look for, and every mask they
check, is at least that long. The standard library's ``re`` runs such a
class loop in C at ~5 ns per character; numpy run-length versions (on the
fold's code points) and a bytes pattern over a class table measured no faster
(their fixed per-call costs dominate on pages of a few KB). Only clusters with
at least 10 digits, or with a mask and at least 2 digits, hold values.

Detectors then run their exact patterns inside each cluster
(``pattern.finditer(text, start, end)``), so look-behinds still see the real
text before the cluster. The pass runs once per document whichever detector
asks first (cached on the review context) and keeps only each cluster's span
and whether it has a mask: a contact-heavy page has a dozen office phone
numbers, and most detectors can rule such a cluster out by its length alone
(an ID number needs 15 digits, an office number has 13 characters), so
digits are counted only for the clusters that survive the cheap checks.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..lazyre import lazy_re
from .masking import MASK_CHARS, MASK_LETTERS, MASK_SIGNS

# Spaces that stand inside numbers as typed or pasted: ASCII and ideographic spaces, the no-break space
# rich-text editors write for &nbsp;, en/em/figure/thin/hair spaces, the narrow no-break space and the
# zero-width space. For character classes of the PII patterns (each detector's separator class uses it).
NUMBER_SPACE = " \u00a0\u2002-\u200b\u202f\u205f\u3000"
MIN_DIGITS = 10  # a cluster without a mask star holds a value only with this many digits
MIN_MASKED_DIGITS = 2
CONTEXT_BEFORE = 28  # characters before each plain cluster kept in the joined context text


class _Scan(NamedTuple):
    """A document's clusters as (start, end) spans, and those of them that contain a mask;
    ``context`` is the text of each cluster with the ``CONTEXT_BEFORE`` characters before it,
    joined by newlines."""

    plain: list[tuple[int, int]]  # every cluster
    masked: list[tuple[int, int]]  # the clusters that hold a mask (a subset)
    longest_plain: int
    context: str


# DASHES: hyphen, non-breaking hyphen, figure/en/em dash, horizontal bar — an IME types 0931—8456123 as often as 0931-
DASHES = "\u2010-\u2015"
_NUM = "0-9０-９" + MASK_CHARS + "\\-－()（）+＋"
_CLUSTER = lazy_re("[" + _NUM + "][" + _NUM + DASHES + NUMBER_SPACE + "]{9,}")
_NOT_DIGIT = lazy_re(r"[^0-9０-９]")
# A cluster holds a mask when it has a mask sign, or an X that is not an ID number's check digit (one
# followed by another X or a digit: 139xxxx5678, 43010219680312xxxx)
_MASK_IN = lazy_re("[" + MASK_SIGNS + "]|[" + MASK_LETTERS + "][" + MASK_LETTERS + "0-9０-９]")


def _clusters(text: str) -> _Scan:
    plain: list[tuple[int, int]] = []
    masked: list[tuple[int, int]] = []
    pieces: list[str] = []
    longest = 0
    for m in _CLUSTER.finditer(text):
        s, e = m.span()
        lo = s - CONTEXT_BEFORE if s > CONTEXT_BEFORE else 0
        if _MASK_IN.search(text, s, e) is not None:
            masked.append((s, e))
        # every cluster is searched for plain values too: a table row typed with spaces holds a masked
        # mobile and the unmasked ID number beside it in one cluster (张三 110101199003074514 139****5678)
        plain.append((s, e))
        pieces.append(text[lo:e])
        if e - s > longest:
            longest = e - s
    return _Scan(plain, masked, longest, "\n".join(pieces))


def _scan(ctx) -> _Scan:
    """The document's clusters, computed on first use and cached on the review context."""
    cached = getattr(ctx, "_pii_clusters", None)
    if cached is None:
        cached = _clusters(ctx.text)
        ctx._pii_clusters = cached
    return cached


def digit_count(text: str, start: int, end: int) -> int:
    seg = text[start:end]
    return len(seg) - len(_NOT_DIGIT.findall(seg))


def cluster_spans(ctx, *, stars: bool = False) -> list[tuple[int, int]]:
    """Spans of the plain (or masked) clusters — a superset of those holding values, whose digits
    are not counted: for checks that only need to know where numbers could be."""
    scan = _scan(ctx)
    return scan.masked if stars else scan.plain


def cluster_context(ctx) -> str:
    """Each plain cluster with the ``CONTEXT_BEFORE`` characters before it, joined by newlines: one
    quick search over it tells whether a word that makes a number personal (家属, 本人…) stands
    before any number, or whether any number starts like a mobile — on most pages, neither."""
    return _scan(ctx).context


def _containing(text: str, spans: list[tuple[int, int]], pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """The spans whose text contains ``pattern`` (its look-behinds seeing the text before).

    One search over the spans' texts joined by newlines first; each span is searched on its own
    only when that finds something. A match inside a span is a match in the joined text too,
    provided that a newline is never what ``pattern``'s look-behinds exclude; a false alarm
    across a joint only costs the per-span searches.
    """
    if not spans or pattern.search("\n".join([text[s:e] for s, e in spans])) is None:
        return []
    return [(s, e) for s, e in spans if pattern.search(text, s, e) is not None]


def iter_matches(ctx, pattern, *, min_digits: int = 0, stars: bool = False, near=None):
    """``pattern.finditer`` restricted to the clusters (look-arounds see one character beyond).

    ``stars`` picks the masked clusters instead of the plain ones; ``min_digits`` skips clusters
    with fewer digits (first by their length). ``near`` is an optional cheap stdlib pattern that
    every match's cluster must contain (a mobile number's ``1[3-9]`` head): it spares the exact
    pattern on clusters that only look alike (office phone numbers on a page scanned for mobiles).
    """
    scan = _scan(ctx)
    spans = scan.masked if stars else scan.plain
    if not stars and scan.longest_plain < min_digits:
        return
    text = ctx.text
    if near is not None:
        spans = _containing(text, spans, near)
    need = max(min_digits, MIN_MASKED_DIGITS if stars else MIN_DIGITS)
    n = len(text)
    for s, e in spans:
        if e - s < need or digit_count(text, s, e) < need:
            continue
        yield from pattern.finditer(text, s, min(n, e + 1))
