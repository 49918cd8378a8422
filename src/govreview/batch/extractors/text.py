"""Files that are text already: plain text, HTML and CSV, decoded from their bytes.

Text and HTML stay one piece (HTML offsets point into its source); a CSV file is a table, so its cells
become units located by cell (``B7``), a row a record as in a spreadsheet. :func:`sniff_text` reads
records and items without a suffix.
"""

from __future__ import annotations

import csv
import io

from ...decoding import decode_bytes
from ...html import looks_like_html
from ...model import Location
from ..limits import Limits
from .registry import extractor
from .units import Extracted, NotReviewed, Unit, col_letter, row_units


def _decode(data: bytes) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    d = decode_bytes(data)
    if d.encoding == "binary":
        raise NotReviewed("decode", d.problem or "binary content")
    return d.text, d.encoding, ((("decode", d.problem),) if d.problem else ())


@extractor(".txt", ".md", ".text")
def extract_text(data: bytes, name: str, limits: Limits) -> Extracted:
    text, enc, probs = _decode(data)
    return Extracted("text", text=text, encoding=enc, problems=probs)


@extractor(".html", ".htm", ".shtml", ".xhtml")
def extract_html(data: bytes, name: str, limits: Limits) -> Extracted:
    text, enc, probs = _decode(data)
    return Extracted("html", html=text, encoding=enc, problems=probs)


@extractor(".csv")
def extract_csv(data: bytes, name: str, limits: Limits) -> Extracted:
    text, enc, probs = _decode(data)
    units: list[Unit] = []
    try:
        for r, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            units.extend(row_units([(c, v, Location(cell=f"{col_letter(c)}{r}")) for c, v in enumerate(row) if v.strip()]))
    except csv.Error as exc:  # in practice a quote never closed, whose field runs over csv's field size limit
        return Extracted("text", text=text, encoding=enc,
                         problems=probs + (("parse", f"CSV 格式错误，按纯文本审查 malformed CSV ({exc}); reviewed as plain text"),))
    return Extracted("csv", units=units, encoding=enc, problems=probs)


def sniff_text(data: bytes, name: str, limits: Limits) -> Extracted:
    """For records and suffix-less items: HTML if it looks like HTML, else text."""
    text, enc, probs = _decode(data)
    if looks_like_html(text):
        return Extracted("html", html=text, encoding=enc, problems=probs)
    return Extracted("text", text=text, encoding=enc, problems=probs)
