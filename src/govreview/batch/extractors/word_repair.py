"""A .docx that python-docx cannot open because of a part other than the body, made openable.

python-docx parses the properties, headers, footers, comments and styles parts on opening, and looks up the
content type of every part the package's relationships reach: one broken part must not cost the body's review.

- A malformed header, footer, comments, styles or properties part is replaced by an empty one.
- A part that ``[Content_Types].xml`` gives no content type (an embedded ``x.docx`` with no
  ``<Default Extension="docx">``, an image with an unusual extension: WPS and older converters write such
  packages) gets one inferred from its name, as Word itself does when it opens the file.
- A relationship to a part the package does not hold (an image or embedded file a converter left out) is
  dropped: Word opens such a file and shows the missing picture as a box.

Each repair is named, so the report can say which part was not reviewed or was read with a guessed type.
"""

from __future__ import annotations

import io
import posixpath
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

_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
# a part's content type from its name, for parts [Content_Types].xml leaves out: Word's own parts by name
# (python-docx reads the body, headers, styles… by their type), anything else by its extension
_PART_TYPES = (
    (re.compile(r"word/(document|main)\.xml", re.I), _WML + "document.main+xml"),
    (re.compile(r"word/(header|footer)\d*\.xml", re.I), None),  # _WML + "header+xml" / "footer+xml"
    (re.compile(r"word/(styles|numbering|settings|comments|footnotes|endnotes|fontTable|webSettings)\.xml", re.I), None),
    (re.compile(r"docProps/core\.xml", re.I), "application/vnd.openxmlformats-package.core-properties+xml"),
    (re.compile(r"docProps/app\.xml", re.I), "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    (re.compile(r"docProps/custom\.xml", re.I), "application/vnd.openxmlformats-officedocument.custom-properties+xml"),
    (re.compile(r"word/theme/theme\d*\.xml", re.I), "application/vnd.openxmlformats-officedocument.theme+xml"),
)
_EXTENSION_TYPES = {
    "xml": "application/xml", "rels": "application/vnd.openxmlformats-package.relationships+xml",
    "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "jpe": "image/jpeg", "gif": "image/gif",
    "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff", "emf": "image/x-emf", "wmf": "image/x-wmf",
    "svg": "image/svg+xml", "bin": "application/vnd.openxmlformats-officedocument.oleObject",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docm": "application/vnd.ms-word.document.macroEnabled.12",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint",
    "pdf": "application/pdf", "odttf": "application/vnd.openxmlformats-officedocument.obfuscatedFont",
}
_UNKNOWN_TYPE = "application/octet-stream"


def _inferred_type(name: str) -> str:
    for pat, ct in _PART_TYPES:
        m = pat.fullmatch(name)
        if m:
            return ct or _WML + m.group(1)[0].lower() + m.group(1)[1:] + "+xml"
    ext = posixpath.splitext(name)[1][1:].lower()
    return _EXTENSION_TYPES.get(ext, _UNKNOWN_TYPE)


def _with_content_types(types: bytes | None, names: list[str], parser) -> tuple[bytes | None, list[tuple[str, str]], bool]:
    """``[Content_Types].xml`` with an ``Override`` for each member it gives no content type, those
    ``(member, type)``, and whether it was missing or malformed (then made anew, an ``Override`` for every
    member); ``(None, [], False)`` when every member has a type."""
    from lxml import etree

    defaults: set[str] = set()
    overrides: set[str] = set()
    root = None
    if types is not None:
        try:
            root = etree.fromstring(types, parser)
        except etree.XMLSyntaxError:
            root = None
    if root is not None:
        for el in root:
            if not isinstance(el.tag, str):
                continue
            tag = etree.QName(el).localname
            if tag == "Default" and el.get("Extension") is not None:
                defaults.add(el.get("Extension").lower())
            elif tag == "Override" and el.get("PartName") is not None:
                overrides.add(el.get("PartName").lower())
    else:
        root = etree.Element(f"{{{_CT_NS}}}Types", nsmap={None: _CT_NS})
    added: list[tuple[str, str]] = []
    for name in names:
        if name.endswith("/") or name == "[Content_Types].xml" or name.endswith(".rels"):
            continue  # relationships are read by their path, never by their type
        if ("/" + name).lower() in overrides or posixpath.splitext(name)[1][1:].lower() in defaults:
            continue
        ct = _inferred_type(name)
        etree.SubElement(root, f"{{{_CT_NS}}}Override", PartName="/" + name, ContentType=ct)
        added.append((name, ct))
    if not added:
        return None, [], False
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), added, not (defaults or overrides)


_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _without_dangling(rels_name: str, b: bytes, names: set[str], parser) -> tuple[bytes, list[str]]:
    """A relationships part without its internal relationships to parts the package does not hold, and
    those parts' names; ``(b, [])`` when every target is there (or the part cannot be read)."""
    from urllib.parse import unquote

    from lxml import etree

    folder = posixpath.dirname(posixpath.dirname(rels_name))  # word/_rels/document.xml.rels → word
    try:
        root = etree.fromstring(b, parser)
    except etree.XMLSyntaxError:
        return b, []
    missing: list[str] = []
    for rel in list(root):
        if not isinstance(rel.tag, str) or rel.get("TargetMode") == "External" or not rel.get("Target"):
            continue
        t = rel.get("Target")
        target = t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join(folder, t))
        if target not in names and unquote(target) not in names:
            root.remove(rel)
            missing.append(target)
    if not missing:
        return b, []
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), missing


def _without_broken_parts(data: bytes) -> tuple[bytes, list[str]]:
    """The package with each of its malformed non-body parts (``_EMPTY_PARTS``) replaced by an empty one, a
    content type for each part ``[Content_Types].xml`` leaves out and no relationship to a part it does not
    hold, and a note on each repair (Chinese and English,
    as the report's input errors are); ``(data, [])`` when nothing was repaired (the body itself is malformed,
    or something else is wrong)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    out = io.BytesIO()
    notes: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        names = zin.namelist()
        types = zin.read("[Content_Types].xml") if "[Content_Types].xml" in names else None
        new_types, untyped, made = _with_content_types(types, names, parser)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                if info.filename == "[Content_Types].xml" and new_types is not None:
                    continue
                b = zin.read(info)
                empty = next((e for pat, e in _EMPTY_PARTS if pat.fullmatch(info.filename)), None)
                if empty is not None:
                    try:
                        etree.fromstring(b, parser)
                    except etree.XMLSyntaxError:
                        notes.append(f"部件 {info.filename} 已损坏（XML 格式错误），未审查 part {info.filename} not reviewed: malformed XML")
                        b = empty.encode()
                if info.filename.endswith(".rels"):
                    b, missing = _without_dangling(info.filename, b, set(names), parser)
                    notes += [f"部件 {pn} 不在文件中（{info.filename} 的关系指向它），已忽略 "
                              f"part {pn} is missing from the package (related from {info.filename}): ignored" for pn in missing]
                zout.writestr(info, b)
            if new_types is not None:
                zout.writestr("[Content_Types].xml", new_types)
    if made:  # one note for the package, not one per part
        notes.append("[Content_Types].xml 缺失或损坏，已按部件名推断各部件的内容类型 "
                     "[Content_Types].xml missing or malformed: each part's content type inferred from its name")
        untyped = []
    notes += [f"部件 {pn} 在 [Content_Types].xml 中没有内容类型，已按 {ct} 读取 "
              f"part {pn} has no content type in [Content_Types].xml: read as {ct}" for pn, ct in untyped]
    return (out.getvalue(), notes) if notes else (data, [])
