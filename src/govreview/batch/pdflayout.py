"""Paragraph boundaries in a PDF page's text layer, from the geometry of its lines.

A PDF has no paragraphs, only lines: pdfium ends every line with ``\\r\\n``,
whether the writer wrapped a sentence at the margin or ended a paragraph. The
two mean different things to the review. A prohibition wrapped across lines
(不得刊登\\n博彩广告) is one rule sentence, and its cue must reach the next
line; gambling spam in the paragraph after a 未经许可不得转载 line must not be
excused by it (see :mod:`govreview.context`: a single line break is soft, a
blank line is a paragraph boundary).

So each line break is classified the way a reader sees it:

* a line that ends well short of the page's right text edge ends its paragraph
  (titles, headings, signatures, the last line of a paragraph);
* a line that starts indented (Chinese paragraphs begin with two full-width
  spaces' worth of indent) starts a new paragraph;
* a vertical gap clearly larger than the page's usual line spacing separates
  paragraphs;
* anything else is a wrap inside a paragraph.

Paragraph breaks become a blank line (``\\n\\n``), wraps a single ``\\n``. The
text is otherwise pdfium's own. When the character count does not line up with
the text (characters outside the BMP), the page keeps single line breaks: the
old behaviour, never a wrong offset.
"""

from __future__ import annotations

import statistics


def page_text(textpage) -> str:
    """The page's text with paragraph breaks as blank lines and wrapped lines joined by one line break."""
    text = textpage.get_text_range()
    if "\n" not in text:
        return text.replace("\r", "\n")
    if len(text) != textpage.count_chars():
        return text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _lines(text)
    if len(lines) < 2:
        return text.replace("\r\n", "\n").replace("\r", "\n")
    boxes = [(textpage.get_charbox(s), textpage.get_charbox(e - 1)) for s, e in lines]
    # a line's left, right, baseline and the width of its last character (the em size of CJK text)
    geo = [(first[0], last[2], first[1], max(last[2] - last[0], 1.0)) for first, last in boxes]
    em = statistics.median(g[3] for g in geo)
    right_edge = _edge(sorted((g[1] for g in geo), reverse=True), em)
    left_edge = -_edge(sorted(-g[0] for g in geo), em)
    gaps = [geo[i][2] - geo[i + 1][2] for i in range(len(geo) - 1)]
    usual_gap = statistics.median([g for g in gaps if g > 0] or [0.0])
    out: list[str] = []
    for i, (s, e) in enumerate(lines):
        out.append(text[s:e])
        if i == len(lines) - 1:
            break
        ends_short = geo[i][1] < right_edge - 1.5 * em
        next_indented = geo[i + 1][0] > left_edge + 1.2 * em
        wide_gap = usual_gap > 0 and gaps[i] > 1.6 * usual_gap
        blank_between = text.count("\n", e, lines[i + 1][0]) > 1
        out.append("\n\n" if ends_short or next_indented or wide_gap or blank_between else "\n")
    return "".join(out)


def _edge(values: list[float], em: float) -> float:
    """The outermost edge that two lines share (within half an em), from values sorted outermost first.

    Full lines of a justified or wrapped paragraph end at the same x; one line sticking out beyond the
    others (an unbreakable URL, a wide table row) does not move the margin. With no shared edge (one
    full line among short ones), the outermost line is the margin.
    """
    for a, b in zip(values, values[1:]):
        if abs(a - b) <= em / 2:
            return a
    return values[0]


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line between pdfium's generated line breaks."""
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        i = text.find("\n", pos)
        end = n if i < 0 else i
        e = end - 1 if end > pos and text[end - 1] == "\r" else end
        if e > pos:
            spans.append((pos, e))
        if i < 0:
            break
        pos = i + 1
    return spans
