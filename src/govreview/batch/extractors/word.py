"""The .docx/.docm extractor: body paragraphs and tables in document order, then headers, footers, notes,
comments and text boxes, embedded files and document properties.

What a paragraph's text is lives in :mod:`.word_text`; hidden text, deleted revisions and link targets, each
reviewed as a unit after its paragraph, in :mod:`.word_hidden`, :mod:`.word_revisions` and :mod:`.word_links`.
A table row is one record, as a spreadsheet row.
"""

from __future__ import annotations

import io

from ...model import Location
from ..limits import Limits
from .embedded import _embedded
from .package import _package_members, check_package
from .properties import _property_units
from .registry import extractor
from .units import Extracted, NotReviewed, Unit, row_units
from .word_hidden import _Vanish, _vanish_for, _vanish_styles, _vanish_unit
from .word_links import _link_unit
from .word_repair import _without_broken_parts
from .word_revisions import _revision_unit
from .word_text import _W, _in_fallback, _para_text


def _blocks(el, parent):
    """The paragraphs and tables of a body or table cell in document order, including those inside
    content controls (``w:sdt``, which python-docx's ``paragraphs``/``tables`` leave out)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in el.iterchildren():
        if child.tag == _W + "p":
            yield Paragraph(child, parent)
        elif child.tag == _W + "tbl":
            yield Table(child, parent)
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if content is not None:
                yield from _blocks(content, parent)


def _table_units(table, part: str, units: list[Unit], rels, vanish: _Vanish | None = None) -> None:
    """A table's rows as records (cells joined by tabs at their grid columns, the row ending a paragraph),
    then any tables nested in its cells, located as ``{part}/R2C1/table1``."""
    from docx.table import Table

    # a merged cell repeats in row.cells with the same <w:tc>: read it once. The elements themselves are
    # kept (not their id()): python-docx makes a new proxy per access, and a freed proxy's id is reused
    seen: set = set()
    for r, row in enumerate(table.rows, start=1):
        cells: list[tuple[int, str, Location]] = []
        extras: list[Unit] = []  # deleted revisions, link targets: after the row, which stays one record
        nested: list[tuple[str, Table]] = []
        try:
            before = row.grid_cols_before
        except Exception:  # malformed w:gridBefore
            before = 0
        for c, cell in enumerate(row.cells, start=1 + before):
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            texts: list[str] = []
            k = 0
            for block in _blocks(cell._tc, cell):
                if isinstance(block, Table):
                    k += 1
                    nested.append((f"{part}/R{r}C{c}/table{k}", block))
                else:
                    texts.append(_para_text(block._p, vanish))
            text = "\n".join(texts)
            loc = Location(part=part, cell=f"R{r}C{c}")
            if text.strip():
                cells.append((c - 1, text, loc))
            paragraphs = [b._p for b in _blocks(cell._tc, cell) if not isinstance(b, Table)]
            for extra in (_revision_unit(paragraphs, loc), _vanish_unit(paragraphs, loc, vanish), _link_unit(paragraphs, rels, loc)):
                if extra is not None:
                    extras.append(extra)
        units.extend(row_units(cells))
        units.extend(extras)
        for name, t in nested:
            _table_units(t, name, units, rels, vanish)


@extractor(".docx", ".docm")
def extract_docx(data: bytes, name: str, limits: Limits) -> Extracted:
    """Body paragraphs and tables (nested ones and those in content controls too) in document order via
    python-docx; headers, footers, footnotes, endnotes, comments and text boxes from the package XML."""
    check_package(data, limits)
    try:
        import docx
        from docx.table import Table
        from lxml import etree
    except ImportError:
        raise NotReviewed("unsupported", "需要安装 python-docx：pip install 'govreview[archive]' docx support needs python-docx") from None
    repairs: list[str] = []
    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as exc:
        # python-docx parses the properties, headers, footers, comments… on opening and looks up every part's
        # content type: one malformed or untyped part there must not cost the body. Repair it and say which
        repaired, repairs = _without_broken_parts(data)
        try:
            if not repairs:
                raise exc
            d = docx.Document(io.BytesIO(repaired))
        except Exception as exc2:
            raise NotReviewed("parse", f"无法解析 docx cannot parse docx: {type(exc2).__name__}: {exc2}") from None
    units: list[Unit] = []
    rels = d.part.rels  # hyperlink targets of the body (headers and footers have their own)
    try:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        styles = _vanish_styles(d.part.part_related_by(RT.STYLES).element)  # (d.styles would make a default part)
    except Exception:  # a malformed or missing styles part: direct formatting still says what is hidden
        styles = ({}, None)
    vanish = _vanish_for(d.element.body, styles)
    pi = ti = 0
    # a table row is a record, as in a spreadsheet: its cells are joined by a tab, so a 公示 row's name, ID,
    # mobile and address stand on one line for the detectors' row context; the row ends a paragraph
    for block in _blocks(d.element.body, d._body):
        if isinstance(block, Table):
            ti += 1
            _table_units(block, f"word/document.xml#table{ti}", units, rels, vanish)
        else:
            pi += 1
            t = _para_text(block._p, vanish)
            loc = Location(part="word/document.xml", paragraph=pi)
            if t.strip():
                units.append(Unit(t, loc))
            for extra in (_revision_unit([block._p], loc), _vanish_unit([block._p], loc, vanish), _link_unit([block._p], rels, loc)):
                if extra is not None:
                    units.append(extra)
    # text boxes in the body
    for bi, box in enumerate(d.element.body.iter(_W + "txbxContent"), start=1):
        if _in_fallback(box):
            continue
        for pi, p in enumerate(box.iter(_W + "p"), start=1):
            t = _para_text(p, vanish)
            loc = Location(part=f"word/document.xml#textbox{bi}", paragraph=pi)
            if t.strip():
                units.append(Unit(t, loc))
            for extra in (_revision_unit([p], loc), _vanish_unit([p], loc, vanish), _link_unit([p], rels, loc)):
                if extra is not None:
                    units.append(extra)
    for part in d.part.package.iter_parts():
        pn = str(part.partname).lstrip("/")
        if not pn.startswith("word/") or not any(k in pn for k in ("header", "footer", "footnotes", "endnotes", "comments")):
            continue
        try:
            root = etree.fromstring(part.blob)
        except Exception:
            continue
        part_vanish = _vanish_for(root, styles)
        # a comment (批注) is not body text: Word shows it beside the page, and the author often forgets it is there
        hidden = "comment" if "comments" in pn else None
        for pi, p in enumerate((p for p in root.iter(_W + "p") if not _in_fallback(p)), start=1):
            t = _para_text(p, part_vanish)
            loc = Location(part=pn, paragraph=pi, hidden=hidden)
            if t.strip():
                units.append(Unit(t, loc))
            for extra in (_revision_unit([p], loc), _vanish_unit([p], loc, part_vanish),
                          _link_unit([p], getattr(part, "rels", {}), loc)):
                if extra is not None:
                    units.append(extra)
    embedded = _embedded(_package_members(data, "word/embeddings/"), limits)
    meta, problems = _property_units(data)
    problems += tuple(("parse", note) for note in repairs)  # repairs of a malformed package: its structure
    return Extracted("docx", units=units + embedded.units + meta, problems=embedded.problems + problems,
                     unreviewed=embedded.unreviewed)
