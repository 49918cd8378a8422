"""What a reader of a workbook does not see: hidden sheets, rows and columns.

A 公示 spreadsheet with masked ID numbers in column C and the full numbers in
a hidden column D is a real incident: the reviewer who opens the file sees a
correctly masked list, and whoever unhides the column sees everything. The
extractor reads hidden cells like any other (nothing escapes review); this
module says which cells are hidden, so that a finding's location can say so
(``Location.hidden``: ``"sheet"``, ``"row"`` or ``"column"``).

Sheet visibility comes from python-calamine's metadata (every format it reads).
Hidden rows and columns it does not expose, so for ``.xlsx``/``.xlsm`` they are
read from the package XML: ``<row r="5" hidden="1">`` and
``<col min="4" max="4" hidden="1">``. The package was already checked against
zip bombs (``check_package``) before any of this is read.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

_SHEET = re.compile(r"<(?:\w+:)?sheet\b([^>]*)>")
_ATTR = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"')
_REL = re.compile(r"<(?:\w+:)?Relationship\b([^>]*)>")
_HIDDEN_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*\bhidden=\"(?:1|true)\"[^>]*>")
_ROW_NUMBER = re.compile(rb"\br=\"(\d+)\"")
_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
_HIDDEN_ATTR = re.compile(rb"\bhidden=\"(?:1|true)\"")
_MIN_MAX = re.compile(rb"\b(min|max)=\"(\d+)\"")
_MAX_COLUMN_SPAN = 16_384  # columns in a sheet (XFD)


@dataclass
class HiddenParts:
    sheet: bool = False
    rows: set[int] = field(default_factory=set)   # 1-based row numbers, as in A1 references
    cols: set[int] = field(default_factory=set)   # 0-based column indexes, as the extractor counts them

    def of(self, row: int, col: int) -> str | None:
        """``"sheet"``, ``"row"`` or ``"column"`` when the cell at (1-based row, 0-based column) is hidden."""
        if self.sheet:
            return "sheet"
        if row in self.rows:
            return "row"
        if col in self.cols:
            return "column"
        return None


def hidden_parts(data: bytes, workbook, *, xml: bool) -> dict[str, HiddenParts]:
    """Sheet name → what is hidden in it; sheets with nothing hidden are left out.

    ``xml``: read hidden rows and columns from the package (``.xlsx``/``.xlsm``). Any problem reading
    the package XML leaves rows and columns unmarked: the cells are reviewed all the same.
    """
    out: dict[str, HiddenParts] = {}
    for meta in getattr(workbook, "sheets_metadata", None) or ():
        if str(getattr(meta, "visible", "")).rsplit(".", 1)[-1].lower() != "visible":
            out.setdefault(meta.name, HiddenParts()).sheet = True
    if xml:
        try:
            for name, rows, cols in _package_rows_cols(data):
                if rows or cols:
                    parts = out.setdefault(name, HiddenParts())
                    parts.rows, parts.cols = rows, cols
        except (zipfile.BadZipFile, KeyError, OSError, ValueError):
            pass
    return out


def _package_rows_cols(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        book = z.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace") if "xl/_rels/workbook.xml.rels" in names else ""
        targets = {}
        for m in _REL.finditer(rels):
            a = dict(_ATTR.findall(m.group(1)))
            if "Id" in a and "Target" in a:
                t = a["Target"]
                targets[a["Id"]] = t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join("xl", t))
        for m in _SHEET.finditer(book):
            a = dict(_ATTR.findall(m.group(1)))
            rid = next((v for k, v in a.items() if k.endswith(":id") or k == "id"), None)
            path = targets.get(rid or "")
            if "name" not in a or path not in names:
                continue
            xml = z.read(path)
            if b"hidden=" not in xml:  # the usual sheet: one substring test instead of two pattern scans
                continue
            rows = {int(n.group(1)) for r in _HIDDEN_ROW.finditer(xml) if (n := _ROW_NUMBER.search(r.group()))}
            cols: set[int] = set()
            for c in _COL.finditer(xml):
                attrs = c.group(1)
                if not _HIDDEN_ATTR.search(attrs):
                    continue
                bounds = dict((k.decode(), int(v)) for k, v in _MIN_MAX.findall(attrs))
                lo, hi = bounds.get("min", 1), bounds.get("max", bounds.get("min", 1))
                cols.update(range(lo - 1, min(hi, lo + _MAX_COLUMN_SPAN)))
            yield _unescape(a["name"]), rows, cols


def _unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")
