"""Is a span quoted? Shared by the detectors that judge a word by whether a sentence names it.

A sentence that quotes a label (不得标注“内部资料”), a marking (“机密★1年”) or garbled text
(出现“锟斤拷”等乱码) names it; it is not the label, the marking or the garbling itself.
"""

from __future__ import annotations

from ..lazyre import lazy_regex

# an opening quotation mark within 20 characters before the span, with no closing one or line break after it
_OPEN_BEFORE = lazy_regex(r"[“\"「『‘'][^“”\"「」『』‘’'\n]{0,20}$")
_CLOSING = "”\"」』’'"


def is_quoted(text: str, start: int, end: int) -> bool:
    """Is [start, end) enclosed in quotation marks (“机密★1年”, “内部资料”)?"""
    before = text[max(0, start - 20):start]
    after = text[end:end + 2]
    return bool(_OPEN_BEFORE.search(before)) and bool(after) and after[0] in _CLOSING
