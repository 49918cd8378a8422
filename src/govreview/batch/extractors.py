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
"""

from __future__ import annotations

import bisect
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, time

from ..decoding import decode_bytes
from ..html import looks_like_html
from ..model import Location
from .limits import Limits
from .package_meta import package_properties
from .pdflayout import page_text
from .sheet_hidden import sheet_facts

ARCHIVE_SUFFIXES = {".zip", ".tar", ".tar.gz", ".tgz"}
_DOUBLE = (".tar.gz", ".warc.gz", ".arc.gz")


def suffix_of(name: str) -> str:
    low = name.lower()
    for d in _DOUBLE:
        if low.endswith(d):
            return d
    base = low.replace("\\", "/").rsplit("/", 1)[-1]
    dot = base.rfind(".")
    return base[dot:] if dot > 0 else ""


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


@dataclass
class Extracted:
    format: str
    text: str | None = None
    html: str | None = None
    units: list[Unit] | None = None
    encoding: str | None = None
    problems: tuple[str, ...] = ()
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


Extractor = Callable[[bytes, str, Limits], Extracted]
_REGISTRY: dict[str, Extractor] = {}


def extractor(*suffixes: str):
    def deco(fn: Extractor) -> Extractor:
        for s in suffixes:
            _REGISTRY[s.lower()] = fn
        return fn
    return deco


def document_suffixes() -> set[str]:
    return set(_REGISTRY)


def get_extractor(name: str) -> Extractor | None:
    return _REGISTRY.get(suffix_of(name))


_CTYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt", "application/pdf": ".pdf",
           "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
           "application/vnd.ms-excel": ".xls", "application/msword": ".doc", "text/csv": ".csv"}


def suffix_for_content_type(ctype: str, url: str) -> str | None:
    """A name with the right suffix for a crawled response, or ``None`` if it is not a document."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    s = suffix_of(path.rsplit("/", 1)[-1])
    if s in _REGISTRY:
        return "response" + s
    s = _CTYPES.get(ctype.split(";")[0].strip().lower())
    return "response" + s if s else None


# --- text and HTML ---------------------------------------------------------------

def _decode(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    d = decode_bytes(data)
    if d.encoding == "binary":
        raise NotReviewed("decode", d.problem or "binary content")
    return d.text, d.encoding, ((d.problem,) if d.problem else ())


@extractor(".txt", ".md", ".text")
def extract_text(data: bytes, name: str, limits: Limits) -> Extracted:
    text, enc, probs = _decode(data)
    return Extracted("text", text=text, encoding=enc, problems=probs)


@extractor(".html", ".htm", ".shtml", ".xhtml")
def extract_html(data: bytes, name: str, limits: Limits) -> Extracted:
    text, enc, probs = _decode(data)
    return Extracted("html", html=text, encoding=enc, problems=probs)


def col_letter(i: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


@extractor(".csv")
def extract_csv(data: bytes, name: str, limits: Limits) -> Extracted:
    text, enc, probs = _decode(data)
    units: list[Unit] = []
    try:
        for r, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            units.extend(row_units([(c, v, Location(cell=f"{col_letter(c)}{r}")) for c, v in enumerate(row) if v.strip()]))
    except csv.Error:
        return Extracted("text", text=text, encoding=enc, problems=probs + ("CSV 格式错误，按纯文本审查 malformed CSV; reviewed as plain text",))
    return Extracted("csv", units=units, encoding=enc, problems=probs)


# --- legacy formats -----------------------------------------------------------------

@extractor(".doc", ".wps", ".et", ".dps", ".ppt")
def extract_legacy(data: bytes, name: str, limits: Limits) -> Extracted:
    raise NotReviewed("unsupported", "未审查：旧版二进制格式（.doc/.wps 等），请转换为 .docx 后重新扫描 "
                                     "not reviewed: legacy binary office format; convert to .docx")


# --- OOXML packages ----------------------------------------------------------------------

def check_package(data: bytes, limits: Limits) -> None:
    """docx/xlsx are zips: apply the same bomb limits before a library inflates them."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise NotReviewed("parse", f"文件损坏，不是有效的 Office 文档 corrupt Office file: {exc}") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > 10_000:
            raise NotReviewed("limit", f"Office 包内部件过多 package has {len(infos)} parts")
        total = sum(i.file_size for i in infos)
        comp = sum(i.compress_size for i in infos)
        if total > limits.max_file_bytes:
            raise NotReviewed("limit", f"Office 文档解压后过大 package expands to {total} bytes")
        if total >= limits.ratio_min_bytes and total > limits.max_ratio * max(comp, 1):
            raise NotReviewed("zip_bomb", f"压缩比异常（疑似压缩炸弹） package compression ratio {total / max(comp, 1):.0f}:1")


def _property_units(data: bytes) -> tuple[list[Unit], tuple[str, ...]]:
    """The document properties of an OOXML package (see :mod:`.package_meta`) as units after the body,
    each marked ``hidden="metadata"``; a part that cannot be read is a problem of the item, and the body
    is reviewed all the same."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            props = package_properties(z)
    except Exception as exc:
        return [], (f"文档属性无法读取，未审查 document properties not reviewed: {type(exc).__name__}: {exc}",)
    return [Unit(text, Location(part=part, hidden="metadata"), quiet=_QUIET_LINK if part.endswith("#HyperlinkBase") else _QUIET_META)
            for part, text in props], ()


# Document properties are reviewed for what must not be published (markings, personal data, ads), not as
# prose: a typo or a traditional-script 单位 stamped by the installer is no quality problem of the document,
# and a domain in 单位 or 作者 ("www.deepbbs.org", from pirated system images) is not a link anyone follows.
# The hyperlink base (超链接基础) is a link: only the quality rules are left out there.
_QUIET_META = ("link.", "quality.")
_QUIET_LINK = ("quality.",)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


# not the paragraph's visible text: properties (w:pPr holds tab stops named w:tab), deleted revisions, text
# boxes anchored in it (read as boxes of their own) and the VML fallback copy of a drawing
_SKIP_IN_PARAGRAPH = frozenset((_W + "pPr", _W + "rPr", _W + "del", _W + "moveFrom", _W + "txbxContent", _MC_FALLBACK))


def _on(el) -> bool:
    """A toggle property (``<w:vanish/>``, ``<w:vanish w:val="0"/>``) is on unless its value says off."""
    return el.get(_W + "val") not in ("0", "false", "off")


class _Vanish:
    """Which runs of a part are hidden text (字体 → 隐藏, ``w:vanish``): Word does not show or print them,
    but they are stored and 显示/隐藏编辑标记 shows them. A run is hidden by its own ``w:rPr/w:vanish``,
    else by its character style, else by its paragraph's style (styles inherit through ``w:basedOn``)."""

    __slots__ = ("styles", "default_paragraph")

    def __init__(self, styles: dict[str, bool], default_paragraph: str | None):
        self.styles = styles
        self.default_paragraph = default_paragraph

    def paragraph(self, p) -> bool:
        ppr = p.find(_W + "pPr")
        ps = ppr.find(_W + "pStyle") if ppr is not None else None
        sid = ps.get(_W + "val") if ps is not None else self.default_paragraph
        return self.styles.get(sid, False) if sid is not None else False

    def run(self, r, default: bool) -> bool:
        rpr = r.find(_W + "rPr")
        if rpr is None:
            return default
        v = rpr.find(_W + "vanish")
        if v is not None:
            return _on(v)
        rs = rpr.find(_W + "rStyle")
        if rs is not None:
            s = self.styles.get(rs.get(_W + "val"))
            if s is not None:
                return s
        return default


def _vanish_styles(styles_root) -> tuple[dict[str, bool], str | None]:
    """Style id → whether it makes text hidden (only styles that say so either way, through ``w:basedOn``),
    and the default paragraph style's id."""
    own: dict[str, bool | None] = {}
    based: dict[str, str] = {}
    default = None
    if styles_root is None or next(styles_root.iter(_W + "vanish"), None) is None:
        return {}, None  # the usual styles part: no style hides text, and the default paragraph style does not matter
    for st in styles_root.iter(_W + "style"):
        sid = st.get(_W + "styleId")
        if sid is None:
            continue
        if st.get(_W + "type") == "paragraph" and _on_attr(st.get(_W + "default")):
            default = sid
        rpr = st.find(_W + "rPr")
        v = rpr.find(_W + "vanish") if rpr is not None else None
        own[sid] = _on(v) if v is not None else None
        b = st.find(_W + "basedOn")
        if b is not None and b.get(_W + "val"):
            based[sid] = b.get(_W + "val")
    if not any(v is not None for v in own.values()):
        return {}, default
    out: dict[str, bool] = {}
    for sid in own:
        seen, cur = set(), sid
        while cur is not None and cur not in seen:
            seen.add(cur)
            if own.get(cur) is not None:
                out[sid] = bool(own[cur])
                break
            cur = based.get(cur)
    return out, default


def _on_attr(v) -> bool:
    return v is not None and v not in ("0", "false", "off")


def _vanish_for(root, styles: tuple[dict[str, bool], str | None]) -> _Vanish | None:
    """A :class:`_Vanish` for a part, or None when nothing in it can be hidden text (the usual document:
    one pass of lxml's C iterator, and the paragraphs are read as before)."""
    if not styles[0] and next(root.iter(_W + "vanish"), None) is None:
        return None
    return _Vanish(*styles)


def _pieces(p, skip: frozenset, vanish: _Vanish | None = None):
    """The text pieces of a ``w:p`` in order, as ``(piece, deleted, hidden)``: runs at any depth, elements in
    ``skip`` and their content left out; ``deleted`` for a deleted revision's ``w:delText``; ``hidden`` for
    text formatted hidden (only with ``vanish``: see :class:`_Vanish`)."""
    stack = [(iter(p), vanish.paragraph(p) if vanish is not None else False)]
    while stack:
        it, hid = stack[-1]
        el = next(it, None)
        if el is None:
            stack.pop()
            continue
        tag = el.tag
        if tag == _W + "t":
            yield el.text or "", False, hid
        elif tag == _W + "delText":
            yield el.text or "", True, hid
        elif tag == _W + "tab":
            yield "\t", False, hid
        elif tag == _W + "br" or tag == _W + "cr":
            yield "\n", False, hid
        elif isinstance(tag, str) and tag not in skip and len(el):
            stack.append((iter(el), vanish.run(el, hid) if vanish is not None and tag == _W + "r" else hid))


def _para_text(p, vanish: _Vanish | None = None) -> str:
    """The text of a ``w:p`` as Word shows it: runs at any depth, so runs inside inline content controls
    (w:sdt), tracked insertions (w:ins), fields (w:fldSimple: mail-merged values), hyperlinks and smart
    tags count (python-docx's ``Paragraph.text`` reads only the paragraph's own runs and hyperlinks);
    hidden text left out (it is reviewed in a unit of its own: :func:`_vanish_unit`)."""
    if vanish is None:
        return "".join(_shown_pieces(p))
    return "".join(piece for piece, _, hidden in _pieces(p, _SKIP_IN_PARAGRAPH, vanish) if not hidden)


def _shown_pieces(p):
    """:func:`_pieces` for a part without hidden text, pieces only: every paragraph of every document goes
    through here, so it is kept as lean as the loop can be."""
    stack = [iter(p)]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        tag = el.tag
        if tag == _W + "t":
            yield el.text or ""
        elif tag == _W + "tab":
            yield "\t"
        elif tag == _W + "br" or tag == _W + "cr":
            yield "\n"
        elif isinstance(tag, str) and tag not in _SKIP_IN_PARAGRAPH and len(el):
            stack.append(iter(el))


def _vanish_unit(paragraphs, location: Location, vanish: _Vanish | None) -> Unit | None:
    """A unit for the hidden text of these paragraphs: the paragraphs with it, as 显示编辑标记 shows them,
    where only the hidden text is the point (``Unit.only``); None when none is hidden."""
    if vanish is None:
        return None
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for k, p in enumerate(paragraphs):
        if k:
            out.append("\n")
            pos += 1
        for piece, _, hidden in _pieces(p, _SKIP_IN_PARAGRAPH, vanish):
            if hidden and piece.strip():
                if spans and spans[-1][1] == pos:
                    spans[-1] = (spans[-1][0], pos + len(piece))
                else:
                    spans.append((pos, pos + len(piece)))
            out.append(piece)
            pos += len(piece)
    if not spans:
        return None
    return Unit("".join(out), location.model_copy(update={"hidden": "vanish"}), only=tuple(spans))


_INSERTED = frozenset((_W + "ins", _W + "moveTo"))
_NOT_BEFORE = _SKIP_IN_PARAGRAPH - {_W + "del"} | _INSERTED


def _text_before_revision(paragraphs) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The paragraphs as they read before tracked changes, and the spans of the deleted text in it.

    Track changes keep deleted text in the file (``w:del``/``w:delText``): Word hides it in the final view,
    but 显示标记 or any unzip shows it, so a 公示 whose editor deleted an ID number with 修订 on still
    publishes it. Insertions are left out (they are not in the old version); ``(text, ())`` when
    nothing non-blank was deleted."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for k, p in enumerate(paragraphs):
        if k:
            out.append("\n")
            pos += 1
        for piece, deleted, _ in _pieces(p, _NOT_BEFORE):
            if deleted and piece.strip():
                spans.append((pos, pos + len(piece)))
            out.append(piece)
            pos += len(piece)
    return "".join(out), tuple(spans)


def _revision_unit(paragraphs, location: Location) -> Unit | None:
    """A unit for the text deleted under track changes in these paragraphs (see :func:`_text_before_revision`)."""
    if not any(True for p in paragraphs for _ in p.iter(_W + "delText")):
        return None
    text, spans = _text_before_revision(paragraphs)
    if not spans:
        return None
    return Unit(text, location.model_copy(update={"hidden": "revision"}), only=spans)


_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_FIELD_URL = re.compile(r'HYPERLINK\s+"([^"]+)"')


def _link_unit(paragraphs, rels, location: Location) -> Unit | None:
    """The external targets of the paragraphs' hyperlinks that their text does not show, as a unit (see
    :func:`_targets_unit`): readers follow the target, not the words (附件1.doc → file:///C:/Users/…/附件1.doc,
    a link into the editor's own disk, or an ad site behind 点击查看). From ``w:hyperlink`` relationships and
    ``HYPERLINK "…"`` field codes."""
    targets: list[str] = []
    for p in paragraphs:
        for el in p.iter(_W + "hyperlink", _W + "instrText", _W + "fldSimple"):
            if el.tag == _W + "hyperlink":
                rel = rels.get(el.get(_R_ID)) if el.get(_R_ID) else None
                found = [rel.target_ref] if rel is not None and rel.is_external else []
            else:
                code = el.text if el.tag == _W + "instrText" else el.get(_W + "instr")
                found = _FIELD_URL.findall(code or "")
            targets.extend(url.strip() for url in found if url.strip())
    if not targets:
        return None
    return _targets_unit(targets, "\n".join(_para_text(p) for p in paragraphs), location)


def _in_fallback(el) -> bool:
    a = el.getparent()
    while a is not None:
        if a.tag == _MC_FALLBACK:
            return True
        a = a.getparent()
    return False


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
    broken: list[str] = []
    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as exc:
        # python-docx parses the properties, headers, footers, comments… on opening: one malformed part there
        # must not cost the body. Put an empty part in its place and say which was not reviewed
        repaired, broken = _without_broken_parts(data)
        try:
            if not broken:
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
    problems += tuple(f"部件 {pn} 已损坏（XML 格式错误），未审查 part {pn} not reviewed: malformed XML" for pn in broken)
    return Extracted("docx", units=units + embedded.units + meta, problems=embedded.problems + problems,
                     unreviewed=embedded.unreviewed)


# --- embedded files: a workbook inserted into a Word 公示 as an object, a file attached to a PDF ------------------

MAX_EMBEDDED = 64  # embedded files read per document
MAX_EMBED_DEPTH = 2  # a file embedded in an embedded file is read; one level further is not
_EMBED_DEPTH: ContextVar[int] = ContextVar("govreview_embed_depth", default=0)


def _package_members(data: bytes, prefix: str) -> Iterable[tuple[str, Callable[[], bytes]]]:
    """The package's members under ``prefix`` (``word/embeddings/``) as ``(name, read)``; the package was
    checked against zip bombs before, and each member is checked again as a package when it is one."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = [n for n in z.namelist() if n.startswith(prefix) and suffix_of(n) in _REGISTRY]
        for n in names:
            yield n, (lambda n=n: z.read(n))


def _embedded(members: Iterable[tuple[str, Callable[[], bytes]]], limits: Limits) -> Extracted:
    """The embedded files' units, located under the file's name (``part`` ``word/embeddings/Microsoft_Excel_
    Worksheet.xlsx!…``, the embedded file's own sheet, cell, page, hidden mark kept). An Excel table inserted into
    a Word document as an object shows a picture of a range: the whole workbook, every sheet and column of
    it, is stored. An embedded file that cannot be reviewed is an unreviewed part of the item (its verdict is
    at least ``review``, as for a scanned page), and the rest is reviewed."""
    out = Extracted("embedded", units=[])
    depth = _EMBED_DEPTH.get()
    problems: list[str] = []
    try:
        for k, (name, read) in enumerate(members):
            if k == MAX_EMBEDDED:
                out.unreviewed.append(("limit", f"未审查：嵌入文件超过 {MAX_EMBEDDED} 个，其余未审查 not reviewed: more than "
                                                f"{MAX_EMBEDDED} embedded files", Location(part=name)))
                break
            if depth >= MAX_EMBED_DEPTH:
                out.unreviewed.append(("limit", f"未审查：嵌入层数过深 embedded file not reviewed: nested more than "
                                                f"{MAX_EMBED_DEPTH} deep", Location(part=name)))
                continue
            ex = get_extractor(name)
            if ex is None:
                continue  # not a document (an image, an OLE object's .bin)
            token = _EMBED_DEPTH.set(depth + 1)
            try:
                inner = ex(read(), name, limits)
            except NotReviewed as exc:
                out.unreviewed.append((exc.kind, f"嵌入文件未审查 embedded file not reviewed: {exc.message}", Location(part=name)))
                continue
            except Exception as exc:  # a broken embedded file is that file's problem, not the document's
                out.unreviewed.append(("extract", f"嵌入文件无法读取 embedded file not reviewed: {type(exc).__name__}: {exc}",
                                       Location(part=name)))
                continue
            finally:
                _EMBED_DEPTH.reset(token)
            def moved(loc: Location, name: str = name) -> Location:
                return loc.model_copy(update={"part": f"{name}!{loc.part}" if loc.part else name})

            if inner.html is not None:
                out.unreviewed.append(("unsupported", "嵌入的网页文件未审查 embedded HTML file not reviewed", Location(part=name)))
                continue
            if inner.units is None:
                text = inner.text or ""
                units = [Unit(text, Location(part=name))] if text.strip() else []
            else:
                units = [Unit(u.text, moved(u.location), u.sep, u.only, u.quiet) for u in inner.units]
            if units and "\n" not in units[-1].sep:
                units[-1].sep = "\n\n"
            out.units.extend(units)
            problems.extend(f"{name}: {p}" for p in inner.problems)
            out.unreviewed.extend((kind, msg, moved(loc)) for kind, msg, loc in inner.unreviewed)
    except Exception as exc:  # the container's list of embedded files itself
        out.unreviewed.append(("extract", f"嵌入文件无法读取，未审查 embedded files not reviewed: {type(exc).__name__}: {exc}", Location()))
    out.problems = tuple(problems)
    return out


_WNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# the parts python-docx parses on opening besides the body, and an empty one of each
_EMPTY_PARTS = (
    (re.compile(r"docProps/core\.xml"), '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>'),
    (re.compile(r"word/header\d*\.xml"), f'<w:hdr xmlns:w="{_WNS}"/>'),
    (re.compile(r"word/footer\d*\.xml"), f'<w:ftr xmlns:w="{_WNS}"/>'),
    (re.compile(r"word/comments\.xml"), f'<w:comments xmlns:w="{_WNS}"/>'),
    (re.compile(r"word/footnotes\.xml"), f'<w:footnotes xmlns:w="{_WNS}"/>'),
    (re.compile(r"word/endnotes\.xml"), f'<w:endnotes xmlns:w="{_WNS}"/>'),
    (re.compile(r"word/styles\.xml"), f'<w:styles xmlns:w="{_WNS}"/>'),
    (re.compile(r"word/numbering\.xml"), f'<w:numbering xmlns:w="{_WNS}"/>'),
    (re.compile(r"word/settings\.xml"), f'<w:settings xmlns:w="{_WNS}"/>'),
)


def _without_broken_parts(data: bytes) -> tuple[bytes, list[str]]:
    """The package with each of its malformed non-body parts (``_EMPTY_PARTS``) replaced by an empty one, and
    their names; ``(data, [])`` when none is malformed (the body itself is, or something else is wrong)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    out = io.BytesIO()
    broken: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            b = zin.read(info)
            empty = next((e for pat, e in _EMPTY_PARTS if pat.fullmatch(info.filename)), None)
            if empty is not None:
                try:
                    etree.fromstring(b, parser)
                except etree.XMLSyntaxError:
                    broken.append(info.filename)
                    b = empty.encode()
            zout.writestr(info, b)
    return (out.getvalue(), broken) if broken else (data, [])


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


@extractor(".pdf")
def extract_pdf(data: bytes, name: str, limits: Limits) -> Extracted:
    """Text layer page by page (location: page number), with paragraph breaks from the line geometry
    (:mod:`.pdflayout`), each page followed by the targets of its links that its text does not show (a 附件
    link to file:///C:/Users/… in a PDF saved from Word) and by the text of its annotations (注释: sticky notes,
    comments on highlights, typewriter boxes; ``hidden="comment"``); then the document information (标题, 主题,
    关键词, 作者, 创建程序; ``hidden="metadata"``). No text on any page means a scan."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise NotReviewed("unsupported", "需要安装 pypdfium2：pip install 'govreview[archive]' PDF support needs pypdfium2") from None
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:
        raise NotReviewed("parse", f"无法打开 PDF（损坏或加密） cannot open PDF (corrupt or encrypted): {exc}") from None
    units: list[Unit] = []
    scanned: list[int] = []
    problems: list[str] = []
    meta: list[Unit] = []
    try:
        n = len(pdf)
        for i in range(n):
            page = pdf[i]
            tp = page.get_textpage()
            text = page_text(tp)
            tp.close()
            if text.strip():
                units.append(Unit(text, Location(page=i + 1)))
            elif next(page.get_objects(max_depth=1), None) is not None:
                scanned.append(i + 1)  # something is drawn, but not as text: an image of a page (a blank page has nothing)
            targets = _pdf_link_targets(pdf, page)
            if targets:
                link_unit = _targets_unit(targets, text, Location(page=i + 1))
                if link_unit is not None:
                    units.append(link_unit)
            try:
                notes = _pdf_annotation_texts(page)
            except Exception as exc:  # a malformed annotation: the page's text is reviewed all the same
                notes = []
                problems.append(f"第 {i + 1} 页的注释无法读取，未审查 annotations of page {i + 1} not reviewed: {type(exc).__name__}: {exc}")
            units.extend(Unit(t, Location(page=i + 1, hidden="comment")) for t in notes)
            page.close()
        meta = _pdf_info_units(pdf, problems)
        embedded = _embedded(_pdf_attachments(pdf, limits), limits)
    finally:
        pdf.close()
    if not units and not embedded.units:  # the document information alone is not the document
        raise NotReviewed("no_text", f"未审查：PDF 共 {n} 页，无文字层（扫描件，需要 OCR） not reviewed: PDF has no text layer (scanned; needs OCR)")
    out = Extracted("pdf", units=units + embedded.units + meta, problems=embedded.problems + tuple(problems),
                    unreviewed=embedded.unreviewed)
    if scanned:
        pages = _page_ranges(scanned)
        out.unreviewed.append(("no_text", f"未审查：第 {pages} 页无文字层（扫描件或图片，需要 OCR 或人工审查） "
                                          f"not reviewed: page(s) {pages} of {n} have no text layer (scanned; needs OCR)",
                               Location(page=scanned[0])))
    return out


_MAX_PAGE_LINKS = 2_000  # link annotations read per page
_MAX_PAGE_ANNOTATIONS = 2_000  # annotations read per page for their text
_PDF_INFO = ("Title", "Subject", "Keywords", "Author", "Creator")  # not Producer (the PDF library) nor dates


def _pdf_annotation_texts(page) -> list[str]:
    """The text (``/Contents``) of a page's annotations that carry one, in page order: sticky notes, comments on
    highlights and strike-outs, free text boxes (drawn on the page but not in its text layer), stamps. Links,
    form fields and pop-ups (which repeat their parent's text) are left out. A page with none costs one call."""
    import ctypes

    import pypdfium2.raw as raw

    count = raw.FPDFPage_GetAnnotCount(page.raw)
    if count <= 0:
        return []
    skip = (raw.FPDF_ANNOT_LINK, raw.FPDF_ANNOT_POPUP, raw.FPDF_ANNOT_WIDGET)
    out: list[str] = []
    for k in range(min(count, _MAX_PAGE_ANNOTATIONS)):
        annot = raw.FPDFPage_GetAnnot(page.raw, k)
        if not annot:
            continue
        try:
            if raw.FPDFAnnot_GetSubtype(annot) in skip:
                continue
            size = raw.FPDFAnnot_GetStringValue(annot, b"Contents", None, 0)  # bytes of UTF-16LE, with the terminator
            if size <= 2:
                continue
            buf = ctypes.create_string_buffer(size)
            got = raw.FPDFAnnot_GetStringValue(annot, b"Contents", ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)), size)
            text = buf.raw[:max(min(got, size) - 2, 0)].decode("utf-16-le", "replace")
        finally:
            raw.FPDFPage_CloseAnnot(annot)
        if text.strip():
            out.append(text)
    return out


def _pdf_attachments(pdf, limits: Limits) -> Iterable[tuple[str, Callable[[], bytes]]]:
    """The files attached to the PDF (附件 in the attachments panel, /EmbeddedFiles) as ``(EmbeddedFiles/name, read)``;
    one larger than a file may be is not read."""
    for i in range(pdf.count_attachments()):
        att = pdf.get_attachment(i)
        name = att.get_name() or f"attachment{i + 1}"

        def read(att=att, name=name) -> bytes:
            data = bytes(att.get_data())
            if len(data) > limits.max_file_bytes:
                raise NotReviewed("limit", f"附件过大 attachment {name} is {len(data)} bytes")
            return data
        yield f"EmbeddedFiles/{name}", read


def _pdf_info_units(pdf, problems: list[str]) -> list[Unit]:
    """The document information dictionary's text entries as units (``part`` ``Info#Title``…), link and quality
    rules left out (see ``_QUIET_META``)."""
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except Exception as exc:
        problems.append(f"PDF 文档信息无法读取，未审查 document information not reviewed: {type(exc).__name__}: {exc}")
        return []
    return [Unit(info[key], Location(part=f"Info#{key}", hidden="metadata"), quiet=_QUIET_META)
            for key in _PDF_INFO if isinstance(info.get(key), str) and info[key].strip()]


def _pdf_link_targets(pdf, page) -> list[str]:
    """The targets outside the document of a page's link annotations, in page order: ``/URI`` actions,
    and the file a ``/Launch`` or ``/GoToR`` action opens. A page with no annotation costs one call."""
    import ctypes

    import pypdfium2.raw as raw

    if raw.FPDFPage_GetAnnotCount(page.raw) <= 0:
        return []
    out: list[str] = []
    pos = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    for _ in range(_MAX_PAGE_LINKS):
        if not raw.FPDFLink_Enumerate(page.raw, ctypes.byref(pos), ctypes.byref(link)):
            break
        action = raw.FPDFLink_GetAction(link)
        if not action:
            continue  # a link to a place in the document (/Dest)
        kind = raw.FPDFAction_GetType(action)
        if kind == raw.PDFACTION_URI:
            n = raw.FPDFAction_GetURIPath(pdf.raw, action, None, 0)
            buf = ctypes.create_string_buffer(max(n, 1))
            got = raw.FPDFAction_GetURIPath(pdf.raw, action, buf, n) if n else 0
            target = _pdf_bytes_str(buf.raw[:max(got - 1, 0)])
        elif kind in (raw.PDFACTION_LAUNCH, raw.PDFACTION_REMOTEGOTO):
            n = raw.FPDFAction_GetFilePath(action, None, 0)
            buf = ctypes.create_string_buffer(max(n, 1))
            got = raw.FPDFAction_GetFilePath(action, buf, n) if n else 0
            target = buf.raw[:max(got - 1, 0)].decode("utf-8", "replace")
            # PDFium reads the file name's bytes as single-byte text and hands them back in UTF-8: a name that
            # Word wrote in UTF-8 (D:\公示\附件1.xls) comes back doubly encoded; undo that when it is what happened
            try:
                target = target.encode("latin-1").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                pass
        else:
            continue
        target = target.strip()
        if target:
            out.append(target)
    return out


def _pdf_bytes_str(b: bytes) -> str:
    """A link target as the PDF holds it: ASCII by the standard, UTF-16 with a BOM or UTF-8 from Word and WPS
    when it names a Chinese file, GB18030 from older Chinese writers."""
    if b[:2] == b"\xfe\xff":
        return b[2:].decode("utf-16-be", "replace")
    for enc in ("utf-8", "gb18030"):
        try:
            return b.decode(enc)
        except UnicodeDecodeError:
            pass
    return b.decode("latin-1")


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


def _page_ranges(pages: list[int]) -> str:
    """[2, 3, 4, 7] → "2-4, 7"."""
    runs: list[list[int]] = []
    for p in pages:
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    return ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in runs)


def sniff_text(data: bytes, name: str, limits: Limits) -> Extracted:
    """For records and suffix-less items: HTML if it looks like HTML, else text."""
    text, enc, probs = _decode(data)
    if looks_like_html(text):
        return Extracted("html", html=text, encoding=enc, problems=probs)
    return Extracted("text", text=text, encoding=enc, problems=probs)
