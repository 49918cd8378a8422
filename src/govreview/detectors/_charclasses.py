"""Which character classes occur in a document, found with one table gather shared by several detectors.

Some detectors can only report on text that holds a character of a fixed set:
garbled text needs a UTF-8-lead character, U+FFFD, a Latin-1 letter or one of
``? ？ & \\`` (``quality_encoding``); mixed script needs a traditional-only
character or a Cyrillic/Greek letter drawn like a Latin one (``quality_mixed_script``); a URL or domain typed as text needs a
Latin letter (``links``); a 文号 year in a bracket other than （ or 〔 needs
that bracket (``quality_doc_number``); the detectors' view (``ctx.text``) differs from the text as
written only where a traditional or full-width character occurs (the engine). Each test alone is a gather over the
document's code points (``ctx.folded.codes``) costing a few microseconds; one
gather over a table holding a bit per class answers all of them, and the
result is kept for the document being reviewed so the other detectors pay
nothing.

The answer is a *necessary* condition only: a detector whose bit is set still
runs its own exact checks.
"""

from __future__ import annotations

import functools
import operator

import numpy as np

ENCODING = 1  # quality_encoding: a garbled run, a ? run or an escape leftover is possible
TRADITIONAL = 2  # quality_mixed_script: a traditional-only character
LATIN = 4  # links: a letter A-Z/a-z, half- or full-width
RARE_BRACKET = 8  # quality_doc_number: an opening bracket other than （ and 〔 that a 文号's year may stand in
LOOKALIKE = 16  # quality_mixed_script: a Cyrillic or Greek letter drawn like a Latin one (Р, М, О, Α…)
FOLDABLE = 32  # the engine: a character the detectors' 1:1 view fold changes (traditional, full-width digit or letter)

LATIN_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
RARE_BRACKETS = "[(【［{｛〖﹝"


def _encoding_chars() -> set[int]:
    from .quality_encoding import trigger_codepoints

    return trigger_codepoints() | {ord(c) for c in "?？&\\"}


def _traditional_chars() -> np.ndarray:
    from .quality_mixed_script import _trad_table

    return _trad_table()


def _lookalike_chars() -> str:
    from .quality_mixed_script import LOOKALIKES

    return "".join(LOOKALIKES)


def _foldable_chars() -> np.ndarray:
    from ..normalize import _match_lut

    lut = _match_lut(True, True)
    return np.flatnonzero(lut != np.arange(len(lut), dtype=lut.dtype))


def _latin_chars() -> set[int]:
    return {ord(c) for c in LATIN_LETTERS} | {ord(c) + 0xFEE0 for c in LATIN_LETTERS}


@functools.lru_cache(maxsize=1)
def _table() -> np.ndarray:
    """A uint8 per code point with the bits of the classes it belongs to (built on first use)."""
    table = np.zeros(0x110000, dtype=np.uint8)
    table[np.fromiter(_encoding_chars(), dtype=np.int64)] |= ENCODING
    table[_traditional_chars()] |= TRADITIONAL
    table[np.fromiter(_latin_chars(), dtype=np.int64)] |= LATIN
    table[[ord(c) for c in RARE_BRACKETS]] |= RARE_BRACKET
    table[[ord(c) for c in _lookalike_chars()]] |= LOOKALIKE
    table[_foldable_chars()] |= FOLDABLE
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
    bits = _or_bytes(_table().take(codes).tobytes())
    _last = (codes, bits)
    return bits


_BIT_VALUES = tuple(bytes((v,)) for v in range(1, 32))  # every combination of the five low class bits
_LOW_BITS = bytes(v & 31 for v in range(256))  # a translate table: the byte without its FOLDABLE bit
_HIGH = bytes(range(32))  # deleted by translate: what is left has the FOLDABLE bit


def _or_bytes(classes: bytes) -> int:
    """OR of the class bytes. ``bytes`` methods, not a numpy reduction: the text holds no class
    character at all on most pages (one ``count``), and a ufunc call costs microseconds in the middle
    of a review, several times its cost in a tight loop. FOLDABLE (bit 5) is read with one translate
    that deletes the bytes below it, the five low bits by testing for each of their 31 values."""
    if classes.count(0) == len(classes):
        return 0
    bits = FOLDABLE if classes.translate(None, _HIGH) else 0
    low = classes.translate(_LOW_BITS) if bits else classes
    return functools.reduce(operator.or_, (v[0] for v in _BIT_VALUES if v in low), bits)
