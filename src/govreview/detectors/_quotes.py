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


# quotation marks (opening → closing) that publicity puts around the lures it cites; 【】 and 《》 are not
# among them: spam brackets its brands in 【】, and 《》 holds titles
_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", "\"": "\"", "＂": "＂"}
_CLOSING_OF = {c for o, c in _QUOTES.items() if c != o}
_QUOTE_REACH = 40  # characters from a term to its quotation marks


def quoted_on_line(text: str, vs: int, ve: int) -> bool:
    """Whether [vs, ve) stands inside quotation marks (“…”, 「…」, "…", within 40 characters) on its line.

    Wider than :func:`is_quoted`: the term may be one of several words inside the quotation
    (所谓“包赢计划”都是骗局; 诈骗分子冒充“博彩导师”), and straight quotes count when they open one.
    """
    line_start = text.rfind("\n", 0, vs) + 1
    i = vs - 1
    lo = max(line_start, vs - _QUOTE_REACH)
    while i >= lo:
        ch = text[i]
        if ch in _CLOSING_OF:
            return False  # the nearest quotation before the term is closed before it
        close = _QUOTES.get(ch)
        if close is not None:
            if close == ch and text.count(ch, line_start, i) % 2:
                return False  # a straight quote that closes an earlier one
            j = text.find(close, ve, ve + _QUOTE_REACH)
            return j >= 0 and text.find("\n", ve, j) < 0
        i -= 1
    return False
