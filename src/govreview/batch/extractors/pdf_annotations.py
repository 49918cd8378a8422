"""What a PDF page's annotations carry besides its text layer: where its links lead, the notes' text, and the
values of its form fields.

All are read through PDFium's raw API (pypdfium2 exposes none): link targets outside the document
(``/URI``, ``/Launch``, ``/GoToR``), the ``/Contents`` of sticky notes, comments and free text boxes, and the
values of AcroForm text fields and choice fields (a filled 申请表 published as an attachment: the values are
drawn by the fields' widgets, not in the page's text layer). A page without annotations costs one call.
"""

from __future__ import annotations

import re


_MAX_PAGE_LINKS = 2_000  # link annotations read per page
_MAX_PAGE_ANNOTATIONS = 2_000  # annotations read per page for their text


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


_FIELD_INDEX = re.compile(r"\[\d+\]")  # the instance index in an XFA-made field name: 身份证号[0]
_HIDDEN_FLAGS = 1 | 2 | 32  # FPDF_ANNOT_FLAG_INVISIBLE | HIDDEN | NOVIEW


def _wide(fn, *args) -> str:
    """A UTF-16LE string from one of PDFium's ``(…, FPDF_WCHAR* buffer, unsigned long buflen)`` getters."""
    import ctypes

    import pypdfium2.raw as raw

    size = fn(*args, None, 0)  # bytes, with the two-byte terminator
    if size <= 2:
        return ""
    buf = ctypes.create_string_buffer(size)
    got = fn(*args, ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)), size)
    return buf.raw[:max(min(got, size) - 2, 0)].decode("utf-16-le", "replace")


def _pdf_form_fields(form, page) -> list[tuple[str, str, bool]]:
    """The values of a page's text fields, combo boxes and list boxes as ``(full field name, value, hidden)``,
    in page order; ``hidden`` when the widget is flagged hidden, invisible or not to be viewed. Checkboxes and
    radio buttons (a state, not text), push buttons and signatures are left out. ``form`` is the document's
    form handle (``PdfDocument.formenv.raw``). A page without annotations costs one call."""
    import pypdfium2.raw as raw

    count = raw.FPDFPage_GetAnnotCount(page.raw)
    if count <= 0:
        return []
    kinds = (raw.FPDF_FORMFIELD_TEXTFIELD, raw.FPDF_FORMFIELD_COMBOBOX, raw.FPDF_FORMFIELD_LISTBOX)
    out: list[tuple[str, str, bool]] = []
    for k in range(min(count, _MAX_PAGE_ANNOTATIONS)):
        annot = raw.FPDFPage_GetAnnot(page.raw, k)
        if not annot:
            continue
        try:
            if raw.FPDFAnnot_GetSubtype(annot) != raw.FPDF_ANNOT_WIDGET or raw.FPDFAnnot_GetFormFieldType(form, annot) not in kinds:
                continue
            value = _wide(raw.FPDFAnnot_GetFormFieldValue, form, annot)
            if not value.strip():
                continue
            name = _wide(raw.FPDFAnnot_GetFormFieldName, form, annot)
            hidden = bool(raw.FPDFAnnot_GetFlags(annot) & _HIDDEN_FLAGS)
        finally:
            raw.FPDFPage_CloseAnnot(annot)
        out.append((name, value, hidden))
    return out


def _field_label(name: str) -> str:
    """What a field's name says of its value, for the detectors' context: the last part of a dotted full name
    without XFA instance indexes (``form1[0].申请人[0].身份证号[0]`` → ``身份证号``)."""
    return _FIELD_INDEX.sub("", name.rsplit(".", 1)[-1]).strip().rstrip(":：")


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
