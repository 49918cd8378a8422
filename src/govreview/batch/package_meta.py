"""What an Office package carries besides its body: the document properties.

File → 属性 shows them and any unzip reads them, but the body text does not: a 公示.docx made from an
internal draft keeps 标题 "内部资料", 主题 "机密★1年" or 备注 "联系人 139…" from the draft. They are
``docProps/core.xml`` (标题, 主题, 关键词, 备注, 类别, 状态, 作者, 最后修改者), ``docProps/app.xml``
(单位, 经理, 超链接基础) and ``docProps/custom.xml`` (自定义属性: OA systems write 密级, 文号… there).

Each property with text becomes one unit (``Location.hidden == "metadata"``, ``part`` naming the
property: ``docProps/core.xml#title``, ``docProps/custom.xml#密级``); a custom property reads
``名称：值`` as the properties dialog shows it, so that ``密级：机密`` is judged as the field it is. Author
names are reviewed like any text: a name alone is no finding, a phone number or ID in it is.

The parts are small and flat, so they are read with regular expressions (no XML parser, no entity
expansion); the package was checked against zip bombs before. Anything wrong with them is reported as
a problem of the item and never costs the body's review.
"""

from __future__ import annotations

import posixpath
import re
import zipfile

from .sheet_hidden import _ATTR, _REL, _xml_text

MAX_PROPERTY_CHARS = 4_000  # a property longer than this is cut (Word's own limit for a field is 255)
MAX_CUSTOM = 200  # custom properties read per document
MAX_PART_BYTES = 1 << 20

# core.xml: (element local name, the name the part is located by). Dates, revision and language are not text.
_CORE = (("title", "title"), ("subject", "subject"), ("keywords", "keywords"), ("description", "description"),
         ("category", "category"), ("contentStatus", "contentStatus"), ("creator", "creator"),
         ("lastModifiedBy", "lastModifiedBy"))
_APP = ("Company", "Manager", "HyperlinkBase")
_TYPES = {"core-properties": "core", "extended-properties": "app", "custom-properties": "custom"}
_DEFAULT_PATHS = {"core": "docProps/core.xml", "app": "docProps/app.xml", "custom": "docProps/custom.xml"}

_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
_TAGS = re.compile(r"<[^>]*>")
_PROPERTY = re.compile(r"<(?:\w+:)?property\b([^>]*)>(.*?)</(?:\w+:)?property>", re.S)
_STRING_VALUE = re.compile(r"<(?:\w+:)?(?:lpwstr|lpstr|bstr)\b[^>]*>(.*?)</(?:\w+:)?(?:lpwstr|lpstr|bstr)>", re.S)


def _element(xml: str, local: str) -> str | None:
    """The text of the first element named ``local`` (any prefix), or None."""
    m = re.search(rf"<(?:\w+:)?{local}\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?{local}>)", xml, re.S)
    return _text(m.group(1)) if m and m.group(1) is not None else None


def _text(inner: str) -> str:
    """Element content as text: CDATA kept as is, markup dropped, entities decoded once."""
    out: list[str] = []
    pos = 0
    for m in _CDATA.finditer(inner):
        out.append(_xml_text(_TAGS.sub("", inner[pos:m.start()])))
        out.append(m.group(1))
        pos = m.end()
    out.append(_xml_text(_TAGS.sub("", inner[pos:])))
    return "".join(out)[:MAX_PROPERTY_CHARS]


def _parts(z: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """kind (core/app/custom) → path, from the package relationships, else the usual paths."""
    found: dict[str, str] = {}
    if "_rels/.rels" in names:
        for m in _REL.finditer(z.read("_rels/.rels").decode("utf-8", "replace")):
            a = dict(_ATTR.findall(m.group(1)))
            kind = _TYPES.get(a.get("Type", "").rsplit("/", 1)[-1])
            if kind and "Target" in a and a.get("TargetMode") != "External":
                found.setdefault(kind, posixpath.normpath(a["Target"].lstrip("/")))
    for kind, path in _DEFAULT_PATHS.items():
        found.setdefault(kind, path)
    return {k: p for k, p in found.items() if p in names}


class PartTooLarge(ValueError):
    """A properties part larger than :data:`MAX_PART_BYTES` (a ``limit``, not a broken package)."""


def _read(z: zipfile.ZipFile, path: str) -> str:
    info = z.getinfo(path)
    if info.file_size > MAX_PART_BYTES:
        raise PartTooLarge(f"{path} is {info.file_size} bytes, over the {MAX_PART_BYTES} byte limit")
    return z.read(path).decode("utf-8", "replace")


def package_properties(z: zipfile.ZipFile) -> list[tuple[str, str]]:
    """``(part, text)`` for every document property with non-blank text, in the order of the properties
    dialog. Raises on an unreadable part (the caller turns that into a problem of the item)."""
    names = set(z.namelist())
    parts = _parts(z, names)
    out: list[tuple[str, str]] = []
    if "core" in parts:
        xml = _read(z, parts["core"])
        for local, label in _CORE:
            v = _element(xml, local)
            if v and v.strip():
                out.append((f"{parts['core']}#{label}", v))
    if "app" in parts:
        xml = _read(z, parts["app"])
        for local in _APP:
            v = _element(xml, local)
            if v and v.strip():
                out.append((f"{parts['app']}#{local}", v))
    if "custom" in parts:
        xml = _read(z, parts["custom"])
        for k, m in enumerate(_PROPERTY.finditer(xml)):
            if k == MAX_CUSTOM:
                break
            name = _xml_text(dict(_ATTR.findall(m.group(1))).get("name", "")).strip()
            v = _STRING_VALUE.search(m.group(2))  # numbers, dates and booleans are not text to review
            value = _text(v.group(1)) if v else ""
            if value.strip():
                out.append((f"{parts['custom']}#{name}", f"{name}：{value}" if name else value))
    return out
