"""Which character classes occur in a document, found with one table gather shared by several detectors.

Some detectors can only report on text that holds a character of a fixed set:
garbled text needs a UTF-8-lead character, U+FFFD, a Latin-1 letter or one of
``? ？ & \\`` (``quality_encoding``); mixed script needs a traditional-only
character (``quality_mixed_script``); a URL or domain typed as text needs a
Latin letter (``links``). Each test alone is a gather over the document's code
points (``ctx.folded.codes``) costing a few microseconds; one gather over a
table holding a bit per class answers all of them, and the result is kept for
the document being reviewed so the second and third detector pay nothing.

The answer is a *necessary* condition only: a detector whose bit is set still
runs its own exact checks.
"""

from __future__ import annotations

import functools

import numpy as np

ENCODING = 1  # quality_encoding: a garbled run, a ? run or an escape leftover is possible
TRADITIONAL = 2  # quality_mixed_script: a traditional-only character
LATIN = 4  # links: a letter A-Z/a-z, half- or full-width

LATIN_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _encoding_chars() -> set[int]:
    from .quality_encoding import trigger_codepoints

    return trigger_codepoints() | {ord(c) for c in "?？&\\"}


def _traditional_chars() -> np.ndarray:
    from .quality_mixed_script import _trad_table

    return _trad_table()


def _latin_chars() -> set[int]:
    return {ord(c) for c in LATIN_LETTERS} | {ord(c) + 0xFEE0 for c in LATIN_LETTERS}


@functools.lru_cache(maxsize=1)
def _table() -> np.ndarray:
    """A uint8 per code point with the bits of the classes it belongs to (built on first use)."""
    table = np.zeros(0x110000, dtype=np.uint8)
    table[np.fromiter(_encoding_chars(), dtype=np.int64)] |= ENCODING
    table[_traditional_chars()] |= TRADITIONAL
    table[np.fromiter(_latin_chars(), dtype=np.int64)] |= LATIN
    return table


# (codes array, bits) of the last document asked about: the detectors of one review run one after
# the other on the same ctx. Identity (``is``) of the array held here keys it, so a concurrent review
# in another thread can only cause a recomputation, never a wrong answer.
_last: tuple[np.ndarray | None, int] = (None, 0)


def present(ctx) -> int:
    """The class bits of every character of the view text (OR over its code points)."""
    global _last
    codes = ctx.folded.codes
    cached_codes, bits = _last
    if cached_codes is codes:
        return bits
    bits = int(np.bitwise_or.reduce(_table().take(codes))) if len(codes) else 0
    _last = (codes, bits)
    return bits
