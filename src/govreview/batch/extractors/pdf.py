"""The PDF extractor: the text layer page by page, with each page's links and notes, then the document information.

Paragraph breaks come from the line geometry (:mod:`govreview.batch.pdflayout`), links and annotation texts
from :mod:`.pdf_annotations`. Pages without text are scans: reported as not reviewed, never passed over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ...model import Location
from ..limits import Limits
from ..pdflayout import page_text
from .embedded import _embedded
from .pdf_annotations import _field_label, _pdf_annotation_texts, _pdf_form_fields, _pdf_link_targets
from .properties import _QUIET_META
from .registry import extractor
from .units import Extracted, NotReviewed, Unit, _targets_unit


@extractor(".pdf")
def extract_pdf(data: bytes, name: str, limits: Limits) -> Extracted:
    """Text layer page by page (location: page number), with paragraph breaks from the line geometry
    (:mod:`govreview.batch.pdflayout`), each page followed by the targets of its links that its text does not show (a 附件
    link to file:///C:/Users/… in a PDF saved from Word) and by the text of its annotations (注释: sticky notes,
    comments on highlights, typewriter boxes; ``hidden="comment"``) and by the values of its form fields (a filled
    申请表: part ``AcroForm#<field name>``, each field once); then the document information (标题, 主题,
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
    problems: list[tuple[str, str]] = []
    meta: list[Unit] = []
    form = None
    seen_fields: set[str] = set()
    try:
        try:  # before any page is loaded; a document without a form costs one call
            if pdf.init_forms():
                form = pdf.formenv.raw
        except Exception as exc:
            problems.append(("parse", f"PDF 表单无法读取，表单域的值未审查 form field values not reviewed: {type(exc).__name__}: {exc}"))
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
            if form is not None:
                try:
                    fields = _pdf_form_fields(form, page)
                except Exception as exc:  # a malformed field: the page's text is reviewed all the same
                    fields = []
                    problems.append(("parse", f"第 {i + 1} 页的表单域无法读取，未审查 form fields of page {i + 1} not reviewed: "
                                                  f"{type(exc).__name__}: {exc}"))
                units.extend(_field_units(fields, text, i + 1, seen_fields))
            targets = _pdf_link_targets(pdf, page)
            if targets:
                link_unit = _targets_unit(targets, text, Location(page=i + 1))
                if link_unit is not None:
                    units.append(link_unit)
            try:
                notes = _pdf_annotation_texts(page)
            except Exception as exc:  # a malformed annotation: the page's text is reviewed all the same
                notes = []
                problems.append(("parse", f"第 {i + 1} 页的注释无法读取，未审查 annotations of page {i + 1} not reviewed: {type(exc).__name__}: {exc}"))
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


def _field_units(fields: list[tuple[str, str, bool]], shown: str, page: int, seen: set[str]) -> list[Unit]:
    """Units for a page's form field values ``(name, value, hidden)``: ``标签：值`` with the field name's last part as
    the label, for the detectors' context (a 身份证号 field's value), and only the value reviewed (``Unit.only``).
    A field is read once (its widgets on later pages repeat its value); a value the page's text already shows
    (a flattened copy drawn on the page) is reviewed there. A widget flagged hidden is ``hidden="vanish"``."""
    out: list[Unit] = []
    flat = None
    for name, value, hidden in fields:
        key = name or f"{page}:{value}"
        if key in seen:
            continue
        seen.add(key)
        if flat is None:
            flat = "".join(shown.split())
        if "".join(value.split()) in flat:
            continue
        label = _field_label(name)
        head = f"{label}：" if label else ""
        out.append(Unit(head + value, Location(page=page, part=f"AcroForm#{name}", hidden="vanish" if hidden else None),
                        only=((len(head), len(head) + len(value)),)))
    return out


_PDF_INFO = ("Title", "Subject", "Keywords", "Author", "Creator")  # not Producer (the PDF library) nor dates


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


def _pdf_info_units(pdf, problems: list[tuple[str, str]]) -> list[Unit]:
    """The document information dictionary's text entries as units (``part`` ``Info#Title``…), link and quality
    rules left out (see ``_QUIET_META``)."""
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except Exception as exc:
        problems.append(("parse", f"PDF 文档信息无法读取，未审查 document information not reviewed: {type(exc).__name__}: {exc}"))
        return []
    return [Unit(info[key], Location(part=f"Info#{key}", hidden="metadata"), quiet=_QUIET_META)
            for key in _PDF_INFO if isinstance(info.get(key), str) and info[key].strip()]


def _page_ranges(pages: list[int]) -> str:
    """[2, 3, 4, 7] → "2-4, 7"."""
    runs: list[list[int]] = []
    for p in pages:
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    return ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in runs)
