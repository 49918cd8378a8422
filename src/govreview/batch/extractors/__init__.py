"""Pluggable extractors: file bytes → reviewable text, by file suffix.

An extractor returns an :class:`Extracted` (plain text, HTML source, or a list
of located *units*: one spreadsheet cell, one PDF page, one docx paragraph) or
raises :class:`NotReviewed` with a kind and a reason. Formats we cannot read
(legacy ``.doc``/``.wps``, scanned PDFs without a text layer) are never
skipped silently: they become "not reviewed: reason" records.

Units are joined into one text (cells of a row by a tab, everything else by a
newline) and reviewed in **one** pass, so detectors keep their cross-cell
context (a 姓名 column header next to an ID number) and the automaton runs
once per file; each finding is then mapped back to the unit its start falls
in, which supplies its ``Location`` (sheet + cell, page, paragraph, part).
Offsets stay offsets into that extracted text.

Register a new format with ``@extractor(".ext")``.

One module per format, each registering itself on import: :mod:`.text` (.txt, .html, .csv),
:mod:`.word` (.docx), :mod:`.spreadsheet` (.xlsx, .xls…), :mod:`.pdf`, :mod:`.legacy` (.doc, .wps…: not
reviewed). What they share: :mod:`.units` (``Extracted``, ``Unit``, ``NotReviewed``, table rows, link
targets), :mod:`.registry` (suffix → extractor), :mod:`.package` (OOXML zip limits and members),
:mod:`.properties` (document properties) and :mod:`.embedded` (files stored inside a document).
"""

from __future__ import annotations

# each format registers its suffixes on import (in this order, as when they were one module)
from . import text, legacy, word, spreadsheet, pdf  # noqa: F401, I001
from .package import check_package
from .registry import (
    _REGISTRY,  # noqa: F401
    ARCHIVE_SUFFIXES,
    Extractor,
    document_suffixes,
    extractor,
    get_extractor,
    suffix_for_content_type,
    suffix_of,
)
from .spreadsheet import _cell_str, _fifteen_digits  # noqa: F401  (tests read them from here)
from .text import sniff_text
from .units import ROW_END, Extracted, NotReviewed, Unit, col_letter, row_units

__all__ = [
    "ARCHIVE_SUFFIXES", "ROW_END", "Extracted", "Extractor", "NotReviewed", "Unit", "check_package", "col_letter",
    "document_suffixes", "extractor", "get_extractor", "row_units", "sniff_text", "suffix_for_content_type", "suffix_of",
]
