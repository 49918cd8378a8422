"""What an extractor hands back: located units of text, or the reason the file was not reviewed.

An extractor returns an :class:`Extracted` (plain text, HTML source, or a list of :class:`Unit`: one
cell, one page, one paragraph, each with its ``Location``) or raises :class:`NotReviewed`. The helpers
here build the units every format shares: a table row as one tab-separated record (:func:`row_units`),
spreadsheet column letters, and the unit for link targets a reader follows but the text does not
show (:func:`_targets_unit`, for Word, PDF and xlsx links alike).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ...model import Location


class NotReviewed(Exception):
    """The item was read but cannot be reviewed; becomes an error record."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass
class Unit:
    text: str
    location: Location
    sep: str = "\n\n"  # written after this unit: a blank line, so that a paragraph boundary stops negation cues (context.py)
    # spans of ``text`` that are the unit's point; a finding overlapping none of them is dropped. A deleted
    # revision's unit is the paragraph as it was before the edit: only what was deleted is news there
    only: tuple[tuple[int, int], ...] = ()
    # rule prefixes whose findings starting in this unit are dropped (document properties: see _QUIET_META)
    quiet: tuple[str, ...] = ()


ROW_END = "\n\n"  # a spreadsheet row is a record: a paragraph boundary for negation cues, like Unit.sep
MAX_EMPTY_COLUMNS = 64  # empty cells kept as tabs between two filled ones (beyond, a row far wider than its header)


def row_units(cells: list[tuple[int, str, Location]]) -> list[Unit]:
    """One table row as units: the filled cells ``(column index, text, location)`` in column order.

    Cells are joined by tabs, one per column, so that an empty cell still counts as a column: the
    n-th tab-separated field of every row of a table is the same column, which is what
    :func:`govreview.pii.columns.column_header` reads (a 公示 row with no ID number must not put its
    mobile under the 身份证号 header). Leading empty columns become tabs at the start of the line;
    trailing ones are left out; a run of empty columns counts at most ``MAX_EMPTY_COLUMNS``.
    The row ends with ``ROW_END``.
    """
    units: list[Unit] = []
    prev = -1
    for col, text, loc in cells:
        gap = min(col - prev - 1, MAX_EMPTY_COLUMNS)
        if units:
            units[-1].sep = "\t" * (gap + 1)
        elif gap > 0:
            units.append(Unit("", loc, "\t" * gap))
        units.append(Unit(text, loc, ROW_END))
        prev = col
    return units


def problem_pair(problem: tuple[str, str] | str) -> tuple[str, str]:
    """An :attr:`Extracted.problems` entry as (kind, message): a bare message is kind ``extract``."""
    return ("extract", problem) if isinstance(problem, str) else problem


@dataclass
class Extracted:
    format: str
    text: str | None = None
    html: str | None = None
    units: list[Unit] | None = None
    encoding: str | None = None
    # problems met while reading that did not stop it, as (kind, message) for the report's errors: ``decode`` bytes that
    # could not be decoded (replaced), ``parse`` malformed structure (a CSV, a broken XML part, an unreadable PDF
    # annotation), ``limit`` a part over a size limit. A bare message (an extractor of one's own) is kind ``extract``.
    problems: tuple[tuple[str, str] | str, ...] = ()
    starts: list[int] = field(default_factory=list)
    # parts that were read but could not be reviewed (a scanned page among text pages): (kind, message, where)
    unreviewed: list[tuple[str, str, Location]] = field(default_factory=list)

    def joined(self) -> str:
        """The reviewed text; for units, remembers where each unit starts."""
        if self.units is None:
            return self.html if self.html is not None else (self.text or "")
        parts: list[str] = []
        self.starts = []
        pos = 0
        for u in self.units:
            self.starts.append(pos)
            parts.append(u.text)
            parts.append(u.sep)
            pos += len(u.text) + len(u.sep)
        return "".join(parts)

    def location_at(self, offset: int) -> Location | None:
        if not self.units or not self.starts:
            return None
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.units[max(i, 0)].location

    def quieted(self, start: int, rule: str) -> bool:
        """Whether a finding of ``rule`` starting at ``start`` lies in a unit that leaves such rules out (``Unit.quiet``)."""
        if not self.units or not self.starts:
            return False
        unit = self.units[max(bisect.bisect_right(self.starts, start) - 1, 0)]
        return bool(unit.quiet) and rule.startswith(unit.quiet)

    def beside_the_point(self, start: int, end: int) -> bool:
        """Whether [start, end) lies in a unit with ``only`` spans and overlaps none of them (the unchanged
        text around a deleted revision: it was reviewed, and is reported, where the paragraph stands now)."""
        if not self.units or not self.starts:
            return False
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        unit, base = self.units[i], self.starts[i]
        if not unit.only:
            return False
        return not any(start < base + b and base + a < max(end, start + 1) for a, b in unit.only)


def col_letter(i: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _targets_unit(targets: list[str], shown: str, location: Location) -> Unit | None:
    """A unit for the link targets a reader follows but the text does not show (Word, PDF and xlsx links):
    one per line, each once; ``mailto:`` left out (the address is what the text shows); a URL printed on the
    page and linked (a typed address made a link) is reviewed once, in the page's text, even where the page
    breaks it across lines."""
    flat = None
    urls: list[str] = []
    for url in targets:
        if url.lower().startswith("mailto:") or url in urls:
            continue
        if flat is None:
            flat = "".join(shown.split())
        if url in shown or "".join(url.split()) in flat:
            continue
        urls.append(url)
    return Unit("\n".join(urls), location) if urls else None
