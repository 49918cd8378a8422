"""A .docx whose header, footer, comments, styles or properties part is malformed XML, made openable.

python-docx parses those parts on opening: one broken part must not cost the body's review. Each is
replaced by an empty one and named, so the report can say which part was not reviewed.
"""

from __future__ import annotations

import io
import re
import zipfile


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
