"""The spreadsheet extractor (.xlsx, .xlsm, .xls, .xlsb, .ods): every non-empty cell, located as ``Sheet1!C12``.

python-calamine reads the cells; what it does not expose (hidden rows and columns, link targets, comments,
page headers and footers, shapes) comes from :mod:`govreview.batch.sheet_hidden`. A row is one record,
its link targets and comments after it; a cell's value is written as Excel shows it (:func:`_cell_str`).
"""

from __future__ import annotations

import io
from datetime import date, datetime, time

from ...model import Location
from ..limits import Limits
from ..sheet_hidden import sheet_facts
from .embedded import _embedded
from .package import _package_members, check_package
from .properties import _property_units
from .registry import extractor, suffix_of
from .units import Extracted, NotReviewed, Unit, _targets_unit, col_letter, row_units


EXACT_INTEGERS = 2 ** 53  # a double holds every whole number below this exactly


def _cell_str(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if v.is_integer() and abs(v) < EXACT_INTEGERS:
            return str(int(v))
        if v.is_integer() and abs(v) < 1e20:
            # a long number typed as a number (an 18-digit ID, a 19-digit bank card): Excel keeps 15 significant
            # digits and shows the rest as zeros (620102195807153000); int(v) would print the double's binary
            # remainder instead (…153024), digits that are in neither the file nor Excel's display
            return _fifteen_digits(v)
        return repr(v)
    if isinstance(v, (datetime, date, time)):
        return v.isoformat()
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    return str(v)


def _fifteen_digits(v: float) -> str:
    """A whole number as Excel displays it with a number format: 15 significant digits, then zeros."""
    mantissa, exp = f"{abs(v):.14e}".split("e")
    digits = mantissa.replace(".", "")
    zeros = int(exp) - 14
    return ("-" if v < 0 else "") + (digits + "0" * zeros if zeros >= 0 else digits[:zeros])


@extractor(".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
def extract_sheet(data: bytes, name: str, limits: Limits) -> Extracted:
    """Every non-empty cell of every sheet, located as ``Sheet1!C12``. Numbers that are whole
    (ID numbers typed as numbers) are written without a decimal point. For ``.xlsx``/``.xlsm`` also the cells'
    link targets, notes and comments (after their row), each sheet's page header and footer (after the sheet)
    and the document properties (after everything)."""
    if suffix_of(name) in (".xlsx", ".xlsm", ".ods"):
        check_package(data, limits)
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        raise NotReviewed("unsupported", "需要安装 python-calamine：pip install 'govreview[archive]' spreadsheet support needs python-calamine") from None
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:
        raise NotReviewed("parse", f"无法解析电子表格 cannot parse spreadsheet: {type(exc).__name__}: {exc}") from None
    units: list[Unit] = []
    unreviewed: list[tuple[str, str, Location]] = []
    ooxml = suffix_of(name) in (".xlsx", ".xlsm")
    comments: dict[str, dict[tuple[int, int], list[str]]] = {}
    page_texts: dict[str, list] = {}
    hidden, links = sheet_facts(data, wb, xml=ooxml, comments=comments, page_texts=page_texts)
    for sheet_name in wb.sheet_names:
        hid = hidden.get(sheet_name)
        by_row: dict[int, dict[int, list[str]]] = {}
        for (lr, lc), targets in links.get(sheet_name, {}).items():
            by_row.setdefault(lr, {})[lc] = targets
        notes_by_row: dict[int, dict[int, list[str]]] = {}
        for (lr, lc), texts in comments.get(sheet_name, {}).items():
            notes_by_row.setdefault(lr, {})[lc] = texts
        try:
            sheet = wb.get_sheet_by_name(sheet_name)
            end = sheet.end
            # the grid is built from A1 to the last used cell: one stray cell at XFD1048576 would take
            # gigabytes; such a sheet is reported as not reviewed, the other sheets still are
            if end is not None and (end[0] + 1) * (end[1] + 1) > limits.max_sheet_cells:
                unreviewed.append(("limit", f"未审查：工作表 {sheet_name} 的范围 A1:{col_letter(end[1])}{end[0] + 1} 超过 "
                                            f"{limits.max_sheet_cells} 个单元格（可能有远处的零散单元格），请删除空白区域后重新审查 "
                                            f"not reviewed: sheet {sheet_name!r} spans more than {limits.max_sheet_cells} cells",
                                   Location(sheet=sheet_name)))
                continue
            rows = sheet.to_python(skip_empty_area=False)
        except Exception as exc:
            raise NotReviewed("parse", f"无法读取工作表 cannot read sheet {sheet_name!r}: {type(exc).__name__}: {exc}") from None
        for r, row in enumerate(rows, start=1):
            cells = [(c, _cell_str(v)) for c, v in enumerate(row)]
            units.extend(row_units([(c, s, Location(sheet=sheet_name, cell=f"{col_letter(c)}{r}",
                                                    hidden=hid.of(r, c) if hid is not None else None))
                                    for c, s in cells if s.strip()]))
            if r in by_row:  # after the row, which stays one record (as a Word table row's link targets)
                _cell_link_units(units, by_row.pop(r), sheet_name, hid, r, dict(cells))
            if r in notes_by_row:
                _cell_comment_units(units, notes_by_row.pop(r), sheet_name, r)
        for r in sorted(by_row):  # links on cells beyond the sheet's values
            _cell_link_units(units, by_row[r], sheet_name, hid, r, {})
        for r in sorted(notes_by_row):
            _cell_comment_units(units, notes_by_row[r], sheet_name, r)
        # the page header and footer (页眉/页脚) and the shapes drawn on the sheet, after the sheet, as a Word
        # document's headers and text boxes after its body
        hid_sheet = "sheet" if hid is not None and hid.sheet else None
        units.extend(Unit(text, Location(sheet=sheet_name, cell=f"{col_letter(cell[1])}{cell[0]}" if cell else None,
                                         part=part, hidden=hid_sheet))
                     for part, cell, text in page_texts.get(sheet_name, ()))
    if not units and unreviewed:
        raise NotReviewed("limit", unreviewed[0][1])
    embedded = _embedded(_package_members(data, "xl/embeddings/"), limits) if ooxml else Extracted("sheet", units=[])
    meta, problems = _property_units(data) if ooxml else ([], ())
    return Extracted("sheet", units=units + embedded.units + meta, unreviewed=unreviewed + embedded.unreviewed,
                     problems=embedded.problems + problems)


def _cell_comment_units(units: list[Unit], row_notes: dict[int, list[str]], sheet_name: str, r: int) -> None:
    """Units for the comments (批注) on row ``r``'s cells (column → texts), after the row, each located at its cell."""
    for c in sorted(row_notes):
        loc = Location(sheet=sheet_name, cell=f"{col_letter(c)}{r}", hidden="comment")
        units.extend(Unit(text, loc) for text in row_notes[c])


def _cell_link_units(units: list[Unit], row_links: dict[int, list[str]], sheet_name: str, hid, r: int,
                     shown: dict[int, str]) -> None:
    """Units for the link targets of row ``r``'s cells (column → targets) that the cells do not show (see
    :func:`_targets_unit`), each located at its cell."""
    for c in sorted(row_links):
        loc = Location(sheet=sheet_name, cell=f"{col_letter(c)}{r}", hidden=hid.of(r, c) if hid is not None else None)
        unit = _targets_unit(row_links[c], shown.get(c, ""), loc)
        if unit is not None:
            units.append(unit)
