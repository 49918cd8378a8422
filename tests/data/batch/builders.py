"""Build small office files and hostile archives at test time (no committed binaries).

Used by ``tests/test_batch*.py`` and by ``benchmarks/gen_archive.py``. The xlsx and
pdf writers are minimal on purpose (no writer library is a dependency): an xlsx
with inline strings and numbers, and a PDF whose text uses the predefined
``STSong-Light`` CID font with the ``UniGB-UCS2-H`` CMap, so Chinese text has a
real text layer without embedding a font.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape


def col(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


HIDDEN_STATE = ' state="hidden"'
HIDDEN = ' hidden="1"'


def xlsx_bytes(sheets: dict[str, list[list[object]]], *, hidden_sheets: tuple[str, ...] = (),
               hidden_cols: dict[str, tuple[int, ...]] | None = None, hidden_rows: dict[str, tuple[int, ...]] | None = None,
               merged: dict[str, tuple[str, ...]] | None = None, raw_numbers: dict[str, dict[str, str]] | None = None,
               links: dict[str, dict[str, str]] | None = None, formulas: dict[str, dict[str, tuple[str, str]]] | None = None,
               comments: dict[str, dict[str, str]] | None = None, threaded: dict[str, dict[str, list[str]]] | None = None,
               header_footer: dict[str, dict[str, str]] | None = None, shapes: dict[str, list[tuple[str, list[str]]]] | None = None,
               num_formats: dict[str, dict[str, str]] | None = None) -> bytes:
    """Inline strings and numbers. Per sheet name: ``hidden_sheets`` (state="hidden"), ``hidden_cols`` (0-based
    column indexes), ``hidden_rows`` (1-based row numbers), ``merged`` ranges ("A1:F1"), ``raw_numbers``
    ({"C4": "6.20102195807153E+17"}: the ``<v>`` text exactly as Excel writes a long number it has rounded),
    ``links`` ({"C3": "file:///C:/…"}: a hyperlink on the cell, its target an external relationship of the sheet;
    "#Sheet2!A1" a link to a place in the workbook) and ``formulas`` ({"C3": ('HYPERLINK("http://…","附件1")', "附件1")}:
    a formula with the string value Excel cached for it), ``comments`` ({"C3": "审核人:\n核对身份证号…"}: a note (批注) as
    Excel writes it, the author's name in a bold run) and ``threaded`` ({"C3": ["…", "reply…"]}: an Excel 365
    threaded comment and its replies, with the placeholder legacy note Excel writes beside it), ``header_footer``
    ({"oddHeader": '&C&"宋体,加粗"&14内部资料', "oddFooter": "第 &P 页"}: page headers and footers with Excel's codes),
    ``shapes`` ([("E2", ["说明：", "1. …"])]: text boxes drawn on the sheet, anchored at a cell, a paragraph per line),
    ``num_formats`` ({"D3": ";;;"}: the cell's custom number format, in a styles part as Excel writes it: numFmts,
    then cellXfs whose index the cell's ``s`` names; a built-in id given as "#14" is used as is)."""
    styles = _xlsx_styles(num_formats or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                             for i in range(1, len(sheets) + 1))
                   + ('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                      if styles else "") + "</Types>")
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   + "".join(f'<sheet name="{escape(n)}" sheetId="{i}"{HIDDEN_STATE if n in hidden_sheets else ""} r:id="rId{i}"/>'
                           for i, n in enumerate(sheets, 1))
                   + "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                             for i in range(1, len(sheets) + 1))
                   + ('<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                      if styles else "") + "</Relationships>")
        if styles:
            z.writestr("xl/styles.xml", styles[0])
        for i, (name, rows) in enumerate(sheets.items(), 1):
            raw = (raw_numbers or {}).get(name, {})
            fx = (formulas or {}).get(name, {})
            hrows = set((hidden_rows or {}).get(name, ()))
            fmts = (num_formats or {}).get(name, {})
            out = []
            for r, row in enumerate(rows, 1):
                cells = []
                for c, v in enumerate(row):
                    if v is None or v == "":
                        continue
                    ref = f"{col(c)}{r}"
                    st = f' s="{styles[1][fmts[ref]]}"' if ref in fmts else ""
                    if ref in fx:
                        cells.append(f'<c r="{ref}"{st} t="str"><f>{escape(fx[ref][0])}</f><v>{escape(fx[ref][1])}</v></c>')
                    elif ref in raw:
                        cells.append(f'<c r="{ref}"{st}><v>{raw[ref]}</v></c>')
                    elif isinstance(v, (int, float)):
                        cells.append(f'<c r="{ref}"{st}><v>{v}</v></c>')
                    else:
                        cells.append(f'<c r="{ref}"{st} t="inlineStr"><is><t>{escape(str(v))}</t></is></c>')
                out.append(f'<row r="{r}"{HIDDEN if r in hrows else ""}>{"".join(cells)}</row>')
            cols = "".join(f'<col min="{c + 1}" max="{c + 1}" width="0" hidden="1"/>' for c in (hidden_cols or {}).get(name, ()))
            merges = (merged or {}).get(name, ())
            sheet_links = (links or {}).get(name, {})
            hyper = ""
            if sheet_links:
                hyper = "<hyperlinks>" + "".join(
                    f'<hyperlink ref="{ref}" location="{escape(t[1:])}" display="{escape(t[1:])}"/>' if t.startswith("#")
                    else f'<hyperlink ref="{ref}" r:id="rIdL{k}"/>' for k, (ref, t) in enumerate(sheet_links.items())) + "</hyperlinks>"
                z.writestr(f"xl/worksheets/_rels/sheet{i}.xml.rels",
                           '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                           + "".join(f'<Relationship Id="rIdL{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
                                     f'Target="{escape(t, {chr(34): "&quot;"})}" TargetMode="External"/>'
                                     for k, (ref, t) in enumerate(sheet_links.items()) if not t.startswith("#"))
                           + "</Relationships>")
            notes = dict((comments or {}).get(name, {}))
            threads = (threaded or {}).get(name, {})
            for ref in threads:
                notes[ref] = ("[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any "
                              "edits to it will get removed if the file is opened in a newer version of Excel. Learn more: "
                              "https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    " + threads[ref][0])
            note_rels = ""
            if notes:
                z.writestr(f"xl/comments{i}.xml",
                           '<?xml version="1.0" encoding="UTF-8"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                           '<authors><author>审核人</author></authors><commentList>'
                           + "".join(f'<comment ref="{ref}" authorId="0"><text><r><rPr><b/><sz val="9"/></rPr><t>审核人:</t></r>'
                                     f'<r><rPr><sz val="9"/></rPr><t xml:space="preserve">\n{escape(t)}</t></r></text></comment>'
                                     for ref, t in notes.items()) + "</commentList></comments>")
                note_rels += (f'<Relationship Id="rIdC1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" '
                              f'Target="../comments{i}.xml"/>')
            if threads:
                z.writestr(f"xl/threadedComments/threadedComment{i}.xml",
                           '<?xml version="1.0" encoding="UTF-8"?><ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
                           + "".join(f'<threadedComment ref="{ref}" dT="2024-03-01T08:00:00.00" personId="{{0}}" id="{{{k}-{j}}}"'
                                     + (f' parentId="{{{k}-0}}"' if j else "") + f'><text>{escape(t)}</text></threadedComment>'
                                     for k, (ref, texts) in enumerate(threads.items()) for j, t in enumerate(texts))
                           + "</ThreadedComments>")
                note_rels += (f'<Relationship Id="rIdT1" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" '
                              f'Target="../threadedComments/threadedComment{i}.xml"/>')
            sheet_shapes = (shapes or {}).get(name, [])
            if sheet_shapes:
                z.writestr(f"xl/drawings/drawing{i}.xml",
                           '<?xml version="1.0" encoding="UTF-8"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
                           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
                           + "".join(f'<xdr:twoCellAnchor><xdr:from><xdr:col>{_col_index(ref)}</xdr:col><xdr:colOff>0</xdr:colOff>'
                                     f'<xdr:row>{_row_index(ref)}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>8</xdr:col>'
                                     f'<xdr:colOff>0</xdr:colOff><xdr:row>20</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>'
                                     f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{k + 2}" name="文本框 {k + 1}"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr>'
                                     f'<xdr:spPr/><xdr:txBody><a:bodyPr/><a:lstStyle/>'
                                     + "".join(f'<a:p><a:r><a:rPr lang="zh-CN" altLang="en-US" sz="1100"/><a:t>{escape(line)}</a:t></a:r></a:p>' for line in lines)
                                     + "</xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>"
                                     for k, (ref, lines) in enumerate(sheet_shapes)) + "</xdr:wsDr>")
                note_rels += (f'<Relationship Id="rIdD1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" '
                              f'Target="../drawings/drawing{i}.xml"/>')
            if note_rels:
                rels_name = f"xl/worksheets/_rels/sheet{i}.xml.rels"
                if sheet_links:  # the links' relationships are written above: write them again with the notes'
                    raise ValueError("builders: links and comments on one sheet are not supported")
                z.writestr(rels_name, '<?xml version="1.0" encoding="UTF-8"?><Relationships '
                           'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + note_rels + "</Relationships>")
            z.writestr(f"xl/worksheets/sheet{i}.xml",
                       '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                       + (f"<cols>{cols}</cols>" if cols else "") + f'<sheetData>{"".join(out)}</sheetData>'
                       + (f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>" if merges else "")
                       + hyper + (f"<headerFooter>{''.join(f'<{k}>{escape(v)}</{k}>' for k, v in header_footer[name].items())}</headerFooter>"
                                  if name in (header_footer or {}) else "")
                       + ('<drawing r:id="rIdD1"/>' if sheet_shapes else "")
                       + ('<legacyDrawing r:id="rIdV1"/>' if notes else "") + "</worksheet>")
    return buf.getvalue()


def _xlsx_styles(num_formats: dict[str, dict[str, str]]) -> tuple[str, dict[str, int]] | None:
    """A styles part for the number formats used (``#14``: a built-in id), and format → its cellXfs index."""
    codes = sorted({code for cells in num_formats.values() for code in cells.values()})
    if not codes:
        return None
    custom = [c for c in codes if not c.startswith("#")]
    ids = {c: int(c[1:]) if c.startswith("#") else 164 + custom.index(c) for c in codes}
    xf = {c: k + 1 for k, c in enumerate(codes)}  # 0 is the default style
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + (f'<numFmts count="{len(custom)}">' + "".join(f'<numFmt numFmtId="{ids[c]}" formatCode="{escape(c, {chr(34): "&quot;"})}"/>'
                                                              for c in custom) + "</numFmts>" if custom else "")
            + '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(codes) + 1}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            + "".join(f'<xf numFmtId="{ids[c]}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' for c in codes)
            + "</cellXfs></styleSheet>"), xf


def _col_index(ref: str) -> int:
    n = 0
    for ch in ref.rstrip("0123456789"):
        n = n * 26 + ord(ch) - 64
    return n - 1


def _row_index(ref: str) -> int:
    return int(ref[len(ref.rstrip("0123456789")):]) - 1


def _pdf_string(s: str | bytes) -> bytes:
    """A PDF literal string: UTF-8 bytes (as Word and WPS write a URI with Chinese in it), ( ) \\ escaped."""
    b = s.encode("utf-8") if isinstance(s, str) else s
    return b"(" + b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _link_action(target: str) -> bytes:
    """``"launch:C:\\附件.xls"`` opens a file (/Launch), ``"goto:2"`` jumps to a page of the document (no target
    outside it), anything else is a /URI action."""
    if target.startswith("launch:"):
        return b"<< /S /Launch /F " + _pdf_string(target[7:]) + b" >>"
    if target.startswith("goto:"):
        return b"<< /S /GoTo /D [%d /Fit] >>" % (int(target[5:]) - 1)  # a page index, as some writers put it
    return b"<< /S /URI /URI " + _pdf_string(target) + b" >>"


def _pdf_text(s: str) -> bytes:
    """A PDF text string as writers store Chinese: UTF-16BE with a BOM, as a hex string."""
    return b"<FEFF" + s.encode("utf-16-be").hex().upper().encode() + b">"


def pdf_bytes(pages: list[list[str | tuple[int, str]] | None], *, links: dict[int, list[str]] | None = None,
              info: dict[str, str] | None = None, notes: dict[int, list[tuple[str, str]]] | None = None,
              raw_info: bytes | None = None) -> bytes:
    """Each page is a list of lines, 12 pt characters from x = 50; an empty list makes a page with no text (a "scan":
    a drawing but no text layer), ``None`` a blank page (nothing drawn).

    A line given as ``(indent, text)`` starts ``indent`` points further right (a paragraph's first line);
    ``None`` leaves a blank line's height. ``links``: per page index, the targets of link annotations on it
    (over its first lines, one each, as a PDF saved from Word has them; see ``_link_action``). ``info``: the document
    information dictionary (Title, Author…), ``raw_info`` its body as given (malformed ones); ``notes``: per page
    index, ``(subtype, text)`` annotations with ``/Contents`` (Text: a sticky note; Highlight; FreeText), each with
    a Popup that repeats the text, as some writers make them.
    """
    objs: list[bytes] = []

    def add(b: bytes) -> int:
        objs.append(b)
        return len(objs)

    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
               b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
               b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
               b"/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
               b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> >>] >>")
    pages_id = (len(objs) + 1 + 2 * len(pages) + sum(len(v) for k, v in (links or {}).items() if 0 <= k < len(pages))
                + sum(2 * len(v) for k, v in (notes or {}).items() if 0 <= k < len(pages)))
    kids = []
    for pno, lines in enumerate(pages):
        annots = []
        for k, target in enumerate((links or {}).get(pno, ())):
            y0 = 800 - 20 * k
            annots.append(add(b"<< /Type /Annot /Subtype /Link /Rect [50 %d 300 %d] /Border [0 0 0] /A %s >>"
                              % (y0 - 2, y0 + 12, _link_action(target))))
        for k, (subtype, text) in enumerate((notes or {}).get(pno, ())):
            y0 = 700 - 30 * k
            note = add(b"<< /Type /Annot /Subtype /%s /Rect [400 %d 420 %d] /T %s /Contents %s /QuadPoints [50 %d 300 %d 50 %d 300 %d] >>"
                       % (subtype.encode(), y0, y0 + 20, _pdf_text("审核人"), _pdf_text(text), y0 + 20, y0 + 20, y0, y0))
            annots.append(note)
            annots.append(add(b"<< /Type /Annot /Subtype /Popup /Rect [420 %d 600 %d] /Parent %d 0 R /Contents %s >>"
                              % (y0 - 80, y0 + 20, note, _pdf_text(text))))
        ops = []
        y = 800
        for line in lines or ():
            if line is None:
                y -= 20
                continue
            indent, line = line if isinstance(line, tuple) else (0, line)
            hexs = line.encode("utf-16-be").hex().upper()
            ops.append(f"BT /F1 12 Tf {50 + indent} {y} Td <{hexs}> Tj ET")
            y -= 20
        content = "\n".join(ops).encode() if ops else (b"" if lines is None else b"0 0 m 100 100 l S")
        cid = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        annot_ref = (b" /Annots [%s]" % b" ".join(b"%d 0 R" % a for a in annots)) if annots else b""
        pid = add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R%s >>"
                  % (pages_id, font, cid, annot_ref))
        kids.append(pid)
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))) == pages_id
    cat = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info_id = None
    if info is not None or raw_info is not None:
        info_id = add(raw_info if raw_info is not None else
                      b"<< " + b" ".join(b"/%s %s" % (k.encode(), _pdf_text(v)) for k, v in info.items()) + b" >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, b in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + b + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for o in offsets:
        out.write(b"%010d 00000 n \n" % o)
    info_ref = b" /Info %d 0 R" % info_id if info_id is not None else b""
    out.write(b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, cat, info_ref, xref))
    return out.getvalue()


def docx_bytes(body: list[str], *, header: str | None = None, footer: str | None = None, table: list[list[str]] | None = None,
               textbox: str | None = None, footnote: str | None = None) -> bytes:
    """python-docx for body, table, header and footer; a text box and a footnote are added to the XML by hand."""
    import docx

    d = docx.Document()
    for p in body:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, v in enumerate(row):
                t.cell(r, c).text = v
    sec = d.sections[0]
    if header:
        sec.header.paragraphs[0].text = header
    if footer:
        sec.footer.paragraphs[0].text = footer
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    if textbox is None and footnote is None:
        return data
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            b = zin.read(info)
            if info.filename == "word/document.xml" and textbox is not None:
                box = (f'<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
                       f'<w:p><w:r><w:t>{escape(textbox)}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>')
                b = b.replace(b"<w:sectPr", box.encode() + b"<w:sectPr", 1)
            if info.filename == "[Content_Types].xml" and footnote is not None:
                b = b.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            if info.filename == "word/_rels/document.xml.rels" and footnote is not None:
                b = b.replace(b"</Relationships>", b'<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
            z.writestr(info, b)
        if footnote is not None:
            z.writestr("word/footnotes.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="{W}">'
                       f'<w:footnote w:id="1"><w:p><w:r><w:t>{escape(footnote)}</w:t></w:r></w:p></w:footnote></w:footnotes>')
    return out.getvalue()


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def tar_bytes(members: dict[str, bytes], mode: str = "w:gz", links: dict[str, str] | None = None) -> bytes:
    import tarfile

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as t:
        for name, data in members.items():
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            t.addfile(ti, io.BytesIO(data))
        for name, target in (links or {}).items():
            ti = tarfile.TarInfo(name)
            ti.type = tarfile.SYMTYPE
            ti.linkname = target
            t.addfile(ti)
    return buf.getvalue()


_CORE_NS = {"title": "dc", "subject": "dc", "creator": "dc", "description": "dc", "keywords": "cp", "lastModifiedBy": "cp",
            "category": "cp", "contentStatus": "cp"}


def with_properties(data: bytes, *, core: dict[str, str] | None = None, app: dict[str, str] | None = None,
                    custom: dict[str, str] | None = None, raw: dict[str, bytes] | None = None) -> bytes:
    """An OOXML package (docx/xlsx) with its document properties replaced: ``core`` (title, subject, keywords,
    description, category, contentStatus, creator, lastModifiedBy), ``app`` (Company, Manager…), ``custom``
    (name → string value, as WPS and OA systems write them); ``raw``: parts written as given (malformed ones).
    The parts and their package relationships are added when the package has none."""
    parts: dict[str, bytes] = {}
    if core is not None:
        parts["docProps/core.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            + "".join(f"<{_CORE_NS[k]}:{k}>{escape(v)}</{_CORE_NS[k]}:{k}>" for k, v in core.items())
            + '<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-01T08:00:00Z</dcterms:created></cp:coreProperties>').encode()
    if app is not None:
        parts["docProps/app.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties '
            'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Template>Normal.dotm</Template>'
            '<TotalTime>3</TotalTime><Pages>1</Pages>'
            + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in app.items()) + "<AppVersion>16.0000</AppVersion></Properties>").encode()
    if custom is not None:
        parts["docProps/custom.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties '
            'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            + "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{k}" name="{escape(n, {chr(34): "&quot;"})}">'
                      f"<vt:lpwstr>{escape(v)}</vt:lpwstr></property>" for k, (n, v) in enumerate(custom.items(), 2))
            + "</Properties>").encode()
    parts.update(raw or {})
    rel_types = {"docProps/core.xml": "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                 "docProps/app.xml": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
                 "docProps/custom.xml": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"}
    zin = zipfile.ZipFile(io.BytesIO(data))
    names = set(zin.namelist())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            if info.filename in parts:
                continue
            b = zin.read(info)
            if info.filename == "_rels/.rels":
                for k, part in enumerate(p for p in parts if p in rel_types and p not in names):
                    b = b.replace(b"</Relationships>", f'<Relationship Id="rIdP{k}" Type="{rel_types[part]}" Target="{part}"/></Relationships>'.encode())
            z.writestr(info, b)
        for part, b in parts.items():
            z.writestr(part, b)
    return out.getvalue()


def with_embedded(data: bytes, files: dict[str, bytes]) -> bytes:
    """A docx (or xlsx) with files embedded as Word and Excel store an inserted object: ``word/embeddings/`` (or
    ``xl/embeddings/``) members, each the target of a package relationship of the body (the object's picture is
    left out: only the stored file matters here)."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    names = zin.namelist()
    word = "word/document.xml" in names
    folder, body_rels = ("word/embeddings/", "word/_rels/document.xml.rels") if word else ("xl/embeddings/", "xl/_rels/workbook.xml.rels")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            b = zin.read(info)
            if info.filename == body_rels:
                b = b.replace(b"</Relationships>", "".join(
                    f'<Relationship Id="rIdE{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/package" '
                    f'Target="embeddings/{escape(n)}"/>' for k, n in enumerate(files)).encode() + b"</Relationships>")
            if info.filename == "[Content_Types].xml":
                types = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "doc": "application/msword",
                         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf"}
                b = b.replace(b"</Types>", "".join(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in types.items()
                                                   if f'Extension="{e}"'.encode() not in b).encode() + b"</Types>")
            z.writestr(info, b)
        for n, b in files.items():
            z.writestr(folder + n, b)
    return out.getvalue()


def pdf_with_attachments(data: bytes, files: dict[str, bytes]) -> bytes:
    """A PDF with files attached (the attachments panel: /EmbeddedFiles), written by pypdfium2."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    for n, b in files.items():
        pdf.new_attachment(n).set_data(b)
    buf = io.BytesIO()
    pdf.save(buf)
    pdf.close()
    return buf.getvalue()


def pdf_with_fields(data: bytes, fields: dict[int, list[tuple]]) -> bytes:
    """A PDF from :func:`pdf_bytes` with an AcroForm filled in, saved as an incremental update (as Acrobat and
    WPS save a filled form). Per page index, fields ``(name, value)`` or ``(name, value, ft)``: ``ft`` ``"Tx"`` (a
    text field, the default), ``"Ch"`` (a combo box), ``"Btn"`` (a checkbox: ``value`` its state, ``"Yes"``);
    ``"Tx/split"``: the field's value in a field dictionary whose widget is a kid of it (the value inherited);
    ``"Tx/hidden"``: a widget flagged hidden. A dotted name ``申请人.身份证号`` is a field under a parent field."""
    import re

    pages = [(int(m.group(1)), m.group(2)) for m in re.finditer(rb"(\d+) 0 obj\n(<< /Type /Page .*?>>)\nendobj", data)]
    cat_id, cat = next((int(m.group(1)), m.group(2)) for m in re.finditer(rb"(\d+) 0 obj\n(<< /Type /Catalog .*?>>)\nendobj", data))
    size = int(re.search(rb"/Size (\d+)", data).group(1))
    prev = int(re.findall(rb"startxref\n(\d+)", data)[-1])
    root = re.search(rb"/Root \d+ 0 R(?: /Info \d+ 0 R)?", data).group()
    objs: dict[int, bytes] = {}
    top: list[int] = []
    parents: dict[str, int] = {}
    kids_of: dict[int, list[int]] = {}

    def new(body: bytes = b"") -> int:
        nonlocal size
        objs[size] = body
        size += 1
        return size - 1

    for pno, specs in fields.items():
        page_id, page = pages[pno]
        annots = []
        for k, spec in enumerate(specs):
            name, value = spec[0], spec[1]
            ft, _, how = (spec[2] if len(spec) > 2 else "Tx").partition("/")
            *path, leaf = name.split(".")
            parent = None
            for depth, part in enumerate(path):
                key = ".".join(path[:depth + 1])
                if key not in parents:
                    parents[key] = new()
                    kids_of[parents[key]] = []
                    (kids_of[parent] if parent is not None else top).append(parents[key])
                    objs[parents[key]] = b"<< /T %s%s" % (_pdf_text(part), b" /Parent %d 0 R" % parent if parent is not None else b"")
                parent = parents[key]
            y0 = 600 - 30 * k
            v = b"/%s" % value.encode() if ft == "Btn" else _pdf_text(value)
            widget = b"/Type /Annot /Subtype /Widget /Rect [200 %d 400 %d] /F %d /P %d 0 R" % (y0, y0 + 20, 6 if how == "hidden" else 4, page_id)
            if ft == "Btn":
                widget += b" /AS %s" % v
            if how == "split":
                field = new()
                w = new(b"<< %s /Parent %d 0 R >>" % (widget, field))
                objs[field] = b"<< /FT /%s /T %s /V %s /Kids [%d 0 R]%s >>" % (
                    ft.encode(), _pdf_text(leaf), v, w, b" /Parent %d 0 R" % parent if parent is not None else b"")
                annots.append(w)
                fid = field
            else:
                fid = new(b"<< %s /FT /%s /T %s /V %s%s >>" % (widget, ft.encode(), _pdf_text(leaf), v,
                                                              b" /Parent %d 0 R" % parent if parent is not None else b""))
                annots.append(fid)
            (kids_of[parent] if parent is not None else top).append(fid)
        refs = b" ".join(b"%d 0 R" % a for a in annots)
        page = page.replace(b"/Annots [", b"/Annots [" + refs + b" ", 1) if b"/Annots [" in page else page[:-2] + b" /Annots [" + refs + b"] >>"
        objs[page_id] = page
    for pid, kids in kids_of.items():
        objs[pid] += b" /Kids [%s] >>" % b" ".join(b"%d 0 R" % c for c in kids)
    objs[cat_id] = cat[:-2] + b" /AcroForm << /Fields [%s] /DA (/Helv 0 Tf 0 g) >> >>" % b" ".join(b"%d 0 R" % t for t in top)
    out = io.BytesIO()
    out.write(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = out.tell()
        out.write(b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n")
    for num in sorted(offsets):
        out.write(b"%d 1\n%010d 00000 n \n" % (num, offsets[num]))
    out.write(b"trailer\n<< /Size %d %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, prev, xref))
    return out.getvalue()
