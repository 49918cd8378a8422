"""What a reader of a workbook does not see: hidden sheets, rows and columns.

A 公示 spreadsheet with masked ID numbers in column C and the full numbers in
a hidden column D is a real incident: the reviewer who opens the file sees a
correctly masked list, and whoever unhides the column sees everything. The
extractor reads hidden cells like any other (nothing escapes review); this
module says which cells are hidden, so that a finding's location can say so
(``Location.hidden``: ``"sheet"``, ``"row"`` or ``"column"``; ``"vanish"`` for a cell whose number format
shows nothing, below).

Sheet visibility comes from python-calamine's metadata (every format it reads).
Hidden rows and columns it does not expose, so for ``.xlsx``/``.xlsm`` they are
read from the package XML: ``<row r="5" hidden="1">`` and
``<col min="4" max="4" hidden="1">``. The package was already checked against
zip bombs (``check_package``) before any of this is read.

A cell can be hidden by its format too: the custom number format ``;;;`` (every section empty) shows nothing
on screen or in print while the cell holds its value, the classic way to "hide" a column of full ID numbers
without hiding the column. A format of only semicolons (``;;``, ``;``) hides numbers, ``;;;`` text as well.
Such cells are found from ``xl/styles.xml`` (``numFmts`` → ``cellXfs`` → the cells' ``s``); a workbook
without such a format costs reading the styles part and two substring tests on it.

The same pass over the sheet XML reads where the cells' hyperlinks lead, which
calamine does not expose either: ``<hyperlink ref="B3" r:id="rId1"/>`` with its
external target in the sheet's relationships, and ``HYPERLINK("…", "…")``
formulas (the cell shows the second argument). A sheet without the word costs
a substring test.

It also reads the cells' comments (批注, notes), which calamine does not expose: a reviewer's note "核对：
身份证号 620102…" on a cell of a published list is in the file for anyone who hovers over the cell. Both
the legacy comments part and Excel 365's threaded comments (whose legacy copy is a placeholder with an
English notice) are read, each comment once. And the sheets' page headers and footers (页眉/页脚: shown
in print and 页面布局 only), where a draft's "内部资料 注意保存" or "机密" stays when the list is published,
and the text of the shapes and text boxes drawn on the sheet (``xl/drawings/``: a 说明 box, a stamp-like
"内部资料" label), which calamine does not read either.
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
_HYPERLINK = re.compile(rb"<(?:\w+:)?hyperlink\b([^>]*)>")
_FORMULA_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b[^>]*>([^<]*HYPERLINK[^<]*)</")
_FORMULA_TARGET = re.compile(r'\bHYPERLINK\s*\(\s*"([^"]+)"', re.I)
_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d{1,7})")
_MAX_SHEET_LINKS = 10_000
_MAX_SHEET_COMMENTS = 10_000
_COMMENT = re.compile(rb"<(?:\w+:)?comment\b([^>]*)>(.*?)</(?:\w+:)?comment>", re.S)
_THREADED = re.compile(rb"<(?:\w+:)?threadedComment\b([^>]*)>(.*?)</(?:\w+:)?threadedComment>", re.S)
_PHONETIC = re.compile(rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)
_T = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>", re.S)
_HEADER_FOOTER = re.compile(rb"<(?:\w+:)?(oddHeader|oddFooter|evenHeader|evenFooter|firstHeader|firstFooter)\b[^>]*>(.*?)"
                            rb"</(?:\w+:)?\1>", re.S)
# codes in a header's text: sections (&L &C &R), fields (&P page, &N pages, &D date, &A sheet, &F file…), font
# ("&\"宋体,加粗\""), size (&12), colour (&KFF0000), toggles (&B &I &U…); && is an ampersand
_HF_CODE = re.compile(r'&(?:"[^"]*"|K[0-9A-Fa-f]{6}|K\d\d[+-]\d{3}|\d+|[LCRPNDTAFZGUEXYSBIOH]|&)')
_ANCHOR = re.compile(rb"<(?:\w+:)?(twoCellAnchor|oneCellAnchor|absoluteAnchor)\b.*?</(?:\w+:)?\1>", re.S)
_FROM = re.compile(rb"<(?:\w+:)?from>\s*<(?:\w+:)?col>(\d+)</(?:\w+:)?col>.*?<(?:\w+:)?row>(\d+)</(?:\w+:)?row>", re.S)
_TXBODY = re.compile(rb"<(?:\w+:)?txBody\b.*?</(?:\w+:)?txBody>", re.S)
_A_P = re.compile(rb"<a:p\b.*?</a:p>|<a:p/>", re.S)
_A_T = re.compile(rb"<a:t(?:\s[^>]*)?>(.*?)</a:t>", re.S)
_MAX_SHAPES = 2_000
_THREAD_TEXT = re.compile(rb"<(?:\w+:)?text(?:\s[^>]*)?>(.*?)</(?:\w+:)?text>", re.S)
# a number format that shows nothing: only semicolons (and blanks) in its code
_BLANK_FORMAT = re.compile(rb"<(?:\w+:)?numFmt\b[^>]*\bformatCode=\"[;\s]*;[;\s]*\"")
_NUM_FMT = re.compile(rb"<(?:\w+:)?numFmt\b([^>]*)>")
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.S)
_XF = re.compile(rb"<(?:\w+:)?xf\b([^>]*)>")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\b([^>]*?)/?>")
_STYLE_ATTR = re.compile(rb"\bs=\"(\d+)\"")
_TYPE_ATTR = re.compile(rb"\bt=\"(\w+)\"")
_REF_ATTR = re.compile(rb"\br=\"([A-Z]{1,3}\d{1,7})\"")
_TEXT_TYPES = (b"s", b"inlineStr", b"str", b"e", b"b")  # shown by the text section, or not by a number's


@dataclass
class HiddenParts:
    sheet: bool = False
    rows: set[int] = field(default_factory=set)   # 1-based row numbers, as in A1 references
    cols: set[int] = field(default_factory=set)   # 0-based column indexes, as the extractor counts them
    cells: set[tuple[int, int]] = field(default_factory=set)  # (row, column) whose number format shows nothing

    def of(self, row: int, col: int) -> str | None:
        """``"sheet"``, ``"row"`` or ``"column"`` when the cell at (1-based row, 0-based column) is hidden,
        ``"vanish"`` when its number format shows nothing (``;;;``)."""
        if self.sheet:
            return "sheet"
        if row in self.rows:
            return "row"
        if col in self.cols:
            return "column"
        if (row, col) in self.cells:
            return "vanish"
        return None


def hidden_parts(data: bytes, workbook, *, xml: bool) -> dict[str, HiddenParts]:
    """Sheet name → what is hidden in it; sheets with nothing hidden are left out (see :func:`sheet_facts`)."""
    return sheet_facts(data, workbook, xml=xml)[0]


CellLinks = dict[tuple[int, int], list[str]]  # (1-based row, 0-based column) → the targets of the cell's links


SheetTexts = list[tuple[str, "tuple[int, int] | None", str]]  # (part, (1-based row, 0-based column) or None, text)


def sheet_facts(data: bytes, workbook, *, xml: bool, comments: dict[str, CellLinks] | None = None,
                page_texts: dict[str, SheetTexts] | None = None) -> tuple[dict[str, HiddenParts], dict[str, CellLinks]]:
    """Sheet name → what is hidden in it, and sheet name → its cells' link targets; sheets with nothing
    hidden, or no link, are left out. ``comments``, when given, is filled with sheet name → its cells'
    comments (the text of each, in the file's order), ``page_texts`` with sheet name → the texts on its
    pages outside the cells as ``(part, cell, text)``: page headers and footers (part ``headerFooter#oddHeader``…,
    each distinct text once, no cell) and shapes and text boxes (part ``xl/drawings/drawing1.xml``, the cell
    their top left corner is anchored at).

    ``xml``: read hidden rows and columns, hyperlinks and comments from the package (``.xlsx``/``.xlsm``). Any
    problem reading the package XML leaves rows and columns unmarked and links and comments unread: the cells
    are reviewed all the same.
    """
    out: dict[str, HiddenParts] = {}
    links: dict[str, CellLinks] = {}
    for meta in getattr(workbook, "sheets_metadata", None) or ():
        if str(getattr(meta, "visible", "")).rsplit(".", 1)[-1].lower() != "visible":
            out.setdefault(meta.name, HiddenParts()).sheet = True
    if xml:
        try:
            for name, rows, cols, cells, cell_links, cell_comments, texts in _package_sheets(data):
                if cell_comments and comments is not None:
                    comments[name] = cell_comments
                if texts and page_texts is not None:
                    page_texts[name] = texts
                if rows or cols or cells:
                    parts = out.setdefault(name, HiddenParts())
                    parts.rows, parts.cols, parts.cells = rows, cols, cells
                if cell_links:
                    links[name] = cell_links
        except (zipfile.BadZipFile, KeyError, OSError, ValueError):
            pass
    return out, links


def _rels(z: zipfile.ZipFile, names: set[str], path: str) -> dict[str, dict[str, str]]:
    """The relationships of the part at ``path``: Id → its attributes."""
    rels_path = posixpath.join(posixpath.dirname(path), "_rels", posixpath.basename(path) + ".rels")
    if rels_path not in names:
        return {}
    out = {}
    for m in _REL.finditer(z.read(rels_path).decode("utf-8", "replace")):
        a = dict(_ATTR.findall(m.group(1)))
        if "Id" in a:
            out[a["Id"]] = a
    return out


def _cell(ref: str) -> tuple[int, int] | None:
    """``"B3"`` (or the first cell of ``"B3:D3"``) → (3, 1)."""
    m = _REF.match(ref.strip())
    if not m:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col - 1


def _links(z: zipfile.ZipFile, names: set[str], path: str, xml: bytes) -> CellLinks:
    found: CellLinks = {}

    def add(ref: str, target: str) -> None:
        cell = _cell(ref)
        target = target.strip()
        if cell is not None and target and len(found) < _MAX_SHEET_LINKS:
            got = found.setdefault(cell, [])
            if target not in got:
                got.append(target)

    if b"hyperlink" in xml:
        rels = None
        for m in _HYPERLINK.finditer(xml):
            a = dict(_ATTR.findall(m.group(1).decode("utf-8", "replace")))
            rid = next((v for k, v in a.items() if k.endswith(":id")), None)
            if rid is None or "ref" not in a:
                continue  # a link to a place in the workbook (location="Sheet2!A1")
            if rels is None:
                rels = _rels(z, names, path)
            rel = rels.get(rid)
            if rel is not None and rel.get("TargetMode") == "External" and "Target" in rel:
                add(a["ref"], _xml_text(rel["Target"]))
    if b"HYPERLINK" in xml:
        for m in _FORMULA_CELL.finditer(xml):
            a = dict(_ATTR.findall(m.group(1).decode("utf-8", "replace")))
            t = _FORMULA_TARGET.search(_xml_text(m.group(2).decode("utf-8", "replace")))
            if t and "r" in a:
                add(a["r"], t.group(1))
    return found


def _package_sheets(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        has_comments = any("comment" in n.lower() for n in names)  # the usual workbook has none: no sheet's rels are read
        book = z.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace") if "xl/_rels/workbook.xml.rels" in names else ""
        targets = {}
        for m in _REL.finditer(rels):
            a = dict(_ATTR.findall(m.group(1)))
            if "Id" in a and "Target" in a:
                t = a["Target"]
                targets[a["Id"]] = t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join("xl", t))
        blank_all, blank_numbers = _blank_styles(z, names, targets)
        for m in _SHEET.finditer(book):
            a = dict(_ATTR.findall(m.group(1)))
            rid = next((v for k, v in a.items() if k.endswith(":id") or k == "id"), None)
            path = targets.get(rid or "")
            if "name" not in a or path not in names:
                continue
            xml = z.read(path)
            links = _links(z, names, path, xml) if (b"hyperlink" in xml or b"HYPERLINK" in xml) else {}
            notes = _comments(z, names, path) if has_comments else {}
            texts: SheetTexts = []  # outside the cells: page headers and footers, shapes
            if b"Header>" in xml or b"Footer>" in xml:
                texts += [(f"headerFooter#{kind}", None, text) for kind, text in _header_footer(xml)]
            if b"drawing" in xml:
                texts += _drawing_texts(z, names, path)
            cells = _blank_cells(xml, blank_all, blank_numbers) if blank_all or blank_numbers else set()
            if b"hidden=" not in xml:  # the usual sheet: one substring test instead of two pattern scans
                if links or notes or texts or cells:
                    yield _unescape(a["name"]), set(), set(), cells, links, notes, texts
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
            yield _unescape(a["name"]), rows, cols, cells, links, notes, texts


def _blank_styles(z: zipfile.ZipFile, names: set[str], targets: dict[str, str]) -> tuple[set[bytes], set[bytes]]:
    """The cell style indexes (``s``) whose number format shows nothing: of any value (``;;;``), and of numbers
    only (``;;``, ``;``: text is still shown). Two empty sets, after two substring tests on the styles part, for
    a workbook without such a format."""
    path = next((t for rid, t in targets.items() if t.rsplit("/", 1)[-1] == "styles.xml"), "xl/styles.xml")
    if path not in names:
        return set(), set()
    styles = z.read(path)
    # the code of such a format starts with a semicolon or a blank: two substring tests before a pattern scan
    if (b'formatCode=";' not in styles and b'formatCode=" ' not in styles) or not _BLANK_FORMAT.search(styles):
        return set(), set()
    hide_all: set[bytes] = set()
    hide_numbers: set[bytes] = set()
    for m in _NUM_FMT.finditer(styles):
        a = dict(_ATTR.findall(m.group(1).decode("utf-8", "replace")))
        code = a.get("formatCode", "")
        if ";" in code and not code.replace(";", "").strip() and "numFmtId" in a:
            (hide_all if code.count(";") >= 3 else hide_numbers).add(a["numFmtId"].encode())
    blank_all: set[bytes] = set()
    blank_numbers: set[bytes] = set()
    xfs = _CELL_XFS.search(styles)
    for k, xf in enumerate(_XF.finditer(xfs.group(1)) if xfs else ()):
        fmt = re.search(rb"\bnumFmtId=\"(\d+)\"", xf.group(1))
        if fmt and fmt.group(1) in hide_all:
            blank_all.add(str(k).encode())
        elif fmt and fmt.group(1) in hide_numbers:
            blank_numbers.add(str(k).encode())
    return blank_all, blank_numbers


def _blank_cells(xml: bytes, blank_all: set[bytes], blank_numbers: set[bytes]) -> set[tuple[int, int]]:
    """The cells of a sheet whose style's number format shows nothing of their value, as (1-based row, 0-based
    column)."""
    out: set[tuple[int, int]] = set()
    if b' s="' not in xml:
        return out
    for m in _CELL_TAG.finditer(xml):
        attrs = m.group(1)
        s = _STYLE_ATTR.search(attrs)
        if s is None or (s.group(1) not in blank_all and s.group(1) not in blank_numbers):
            continue
        if s.group(1) not in blank_all:
            t = _TYPE_ATTR.search(attrs)
            if t is not None and t.group(1) in _TEXT_TYPES:
                continue  # text under a format with no text section: shown as it is
        ref = _REF_ATTR.search(attrs)
        cell = _cell(ref.group(1).decode()) if ref else None
        if cell is not None:
            out.add(cell)
    return out


def _drawing_texts(z: zipfile.ZipFile, names: set[str], path: str) -> SheetTexts:
    """The text of the shapes and text boxes drawn on the sheet at ``path``: one text per shape (its paragraphs
    as lines), located at the cell of its anchor's top left corner (None for an absolute anchor)."""
    out: SheetTexts = []
    for rel in _rels(z, names, path).values():
        if rel.get("Type", "").rsplit("/", 1)[-1] != "drawing" or rel.get("TargetMode") == "External" or "Target" not in rel:
            continue
        t = _xml_text(rel["Target"])
        target = t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(path), t))
        if target not in names:
            continue
        drawing = z.read(target)
        if b"<a:t" not in drawing:
            continue
        for anchor in _ANCHOR.finditer(drawing):
            f = _FROM.search(anchor.group())
            cell = (int(f.group(2)) + 1, int(f.group(1))) if f else None
            for body in _TXBODY.finditer(anchor.group()):
                lines = ["".join(_xml_text(x.decode("utf-8", "replace")) for x in _A_T.findall(p.group()))
                         for p in _A_P.finditer(body.group())]
                text = "\n".join(lines).strip()
                if text and len(out) < _MAX_SHAPES:
                    out.append((target, cell, text))
    return out


def _header_footer(xml: bytes) -> list[tuple[str, str]]:
    """The sheet's page headers and footers as ``(kind, text)``: codes dropped, each section (left, centre,
    right) a line of its own, each distinct text once."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for m in _HEADER_FOOTER.finditer(xml):
        raw = _xml_text(m.group(2).decode("utf-8", "replace"))
        text = _HF_CODE.sub(lambda c: "&" if c.group() == "&&" else "\n" if c.group() in ("&L", "&C", "&R") else "", raw)
        text = "\n".join(line.strip() for line in text.split("\n") if line.strip())
        if text and text not in seen:
            seen.add(text)
            out.append((m.group(1).decode(), text))
    return out


def _comments(z: zipfile.ZipFile, names: set[str], path: str) -> CellLinks:
    """The comments of the sheet at ``path``: cell → texts. Threaded comments (and their replies) are read from
    their own part; the legacy part's copy of them, a placeholder, is then left out for those cells."""
    found: CellLinks = {}
    legacy: list[str] = []
    threaded: list[str] = []
    for rel in _rels(z, names, path).values():
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        if kind not in ("comments", "threadedComment") or rel.get("TargetMode") == "External" or "Target" not in rel:
            continue
        t = _xml_text(rel["Target"])
        target = t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(path), t))
        if target in names:
            (legacy if kind == "comments" else threaded).append(target)

    def add(ref: str, text: str) -> None:
        cell = _cell(ref)
        if cell is not None and text.strip() and sum(map(len, found.values())) < _MAX_SHEET_COMMENTS:
            found.setdefault(cell, []).append(text)

    for part in threaded:
        for m in _THREADED.finditer(z.read(part)):
            a = dict(_ATTR.findall(m.group(1).decode("utf-8", "replace")))
            t = _THREAD_TEXT.search(m.group(2))
            if t and "ref" in a:
                add(a["ref"], _xml_text(t.group(1).decode("utf-8", "replace")))
    in_threads = set(found)
    for part in legacy:
        for m in _COMMENT.finditer(z.read(part)):
            a = dict(_ATTR.findall(m.group(1).decode("utf-8", "replace")))
            if "ref" not in a or _cell(a["ref"]) in in_threads:
                continue
            body = _PHONETIC.sub(b"", m.group(2))
            add(a["ref"], "".join(_xml_text(t.decode("utf-8", "replace")) for t in _T.findall(body)))
    return found


_XML_REF = re.compile(r"&(lt|gt|quot|apos|amp|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_XML_NAMED = {"lt": "<", "gt": ">", "quot": '"', "apos": "'", "amp": "&"}


def _xml_char(m: re.Match) -> str:
    ref = m.group(1)
    if ref[0] != "#":
        return _XML_NAMED[ref]
    code = int(ref[2:], 16) if ref[1] in "xX" else int(ref[1:])
    return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else m.group()


def _xml_text(s: str) -> str:
    """Attribute or element text as XML defines it: the five entities and character references, once."""
    return _XML_REF.sub(_xml_char, s) if "&" in s else s


def _unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")
