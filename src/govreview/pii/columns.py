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

from ..lazyre import lazy_regex

_LONG_DIGITS = lazy_regex(r"\d{5,}")
_MAX_LINES = 400  # how far up a block of rows is followed to its header (a long 公示 list)


def column_header(text: str, pos: int) -> str | None:
    """The header cell above ``pos``: the same column of the first row of its block, or None.

    A block is a run of lines with tabs; blank lines between rows (spreadsheet and Word rows end in
    one) do not end it. The first row counts as a header only when it holds no long number itself.
    """
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if "\t" not in line:
        return None
    col = text.count("\t", line_start, pos)
    header = None
    end = line_start - 1  # the newline before the current line
    for _ in range(_MAX_LINES):
        if end < 0:
            break
        start = text.rfind("\n", 0, end) + 1
        above = text[start:end]
        if "\t" in above:
            header = above
        elif above.strip():
            break  # a line of prose ends the block
        end = start - 1
    if header is None or _LONG_DIGITS.search(header):
        return None
    cells = header.split("\t")
    return cells[col].strip() if col < len(cells) else None
