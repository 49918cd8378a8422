"""The header cell of the table column a value stands in.

Tables reach the detectors as lines of tab-separated cells: HTML data rows
(:mod:`govreview.html`), Word and spreadsheet rows (``batch.extractors``) and
TSV-like text all look the same. The header row is the first line of such a
block of rows, and it says what a column holds: 准考证号 over a column of
15-digit numbers means exam numbers, however much a number looks like an old
ID number. The record-level checks read the row itself
(:func:`govreview.pii.context.row_evidence`); this reads the column.
"""

from __future__ import annotations

import threading

from ..lazyre import lazy_re, lazy_regex

_LONG_DIGITS = lazy_regex(r"\d{5,}")
# a non-blank line without a tab: prose, which ends a block of rows
_PROSE_LINE = lazy_re(r"(?m)^[^\t\n]*[^\t\n \r\u3000][^\t\n]*$")
_last = threading.local()  # the block found by this thread's previous call: (text, line start, header line)


def column_header(text: str, pos: int) -> str | None:
    """The header cell above ``pos``: the same column of the first row of its block, or None.

    A block is a run of lines with tabs; blank lines between rows (spreadsheet and Word rows end in
    one) do not end it. The first row counts as a header only when it holds no long number itself.
    Under a merged header cell (联系方式 over 手机 | 固话) the first row's cell is empty: the second
    row's cell is the header then, if that row holds no long number either.
    """
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if "\t" not in line:
        return None
    col = text.count("\t", line_start, pos)
    top = _block_top(text, line_start)
    if top is None or top == line_start:
        return None
    header = _line_at(text, top)
    if _LONG_DIGITS.search(header):
        return None
    cells = header.split("\t")
    cell = cells[col].strip() if col < len(cells) else ""
    if not cell:
        second = _next_tab_line(text, top, line_start)
        if second is not None and not _LONG_DIGITS.search(second):
            below = second.split("\t")
            cell = below[col].strip() if col < len(below) else ""
    return cell or None


def _line_at(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start:end if end >= 0 else len(text)].rstrip("\r")


def _next_tab_line(text: str, start: int, stop: int) -> str | None:
    """The first line with a tab after the line at ``start``, before ``stop``."""
    i = text.find("\n", start)
    while 0 <= i < stop:
        line = _line_at(text, i + 1)
        if "\t" in line:
            return line
        i = text.find("\n", i + 1)
    return None


def _block_top(text: str, line_start: int) -> int | None:
    """Where the first row of the block that the line at ``line_start`` belongs to starts.

    Rows are visited in order down a table (one call per value), so the previous call's block is
    reused when no prose line stands between its line and this one: a list of thousands of rows
    costs one look up, not one per row.
    """
    memo = getattr(_last, "memo", None)
    if memo is not None and memo[0] is text and memo[1] <= line_start \
            and _PROSE_LINE.search(text, memo[1], line_start) is None:
        _last.memo = (text, line_start, memo[2])
        return memo[2]
    # the last prose line before this one, looked for in growing windows (a table of thousands of rows
    # is one scan in C, prose is found in the first window)
    after_prose = 0
    size = 4096
    while True:
        lo = max(0, line_start - size)
        if lo > 0:  # from a line start: a piece of a row cut by the window is not a line of prose
            nl = text.find("\n", lo, line_start)
            lo = nl + 1 if nl >= 0 else line_start
        last = None
        for last in _PROSE_LINE.finditer(text, lo, line_start):
            pass
        if last is not None:
            after_prose = last.end()
            break
        if lo == 0:
            break
        size *= 4
    tab = text.find("\t", after_prose, line_start)
    top = line_start if tab < 0 else text.rfind("\n", 0, tab) + 1
    _last.memo = (text, line_start, top)
    return top
