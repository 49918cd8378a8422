"""Bytes → text, the way Chinese government files actually arrive.

Order: byte-order mark, then a declared charset (HTML ``<meta charset>``,
``http-equiv`` content type, XML declaration), then strict UTF-8, then
charset-normalizer's detection (undeclared GBK/GB18030/Big5 files are common).
GB2312 and GBK declarations are decoded as GB18030, their superset, because
real "GB2312" pages routinely contain characters outside GB2312.

Nothing here raises on bad input: the result carries the encoding used and,
when bytes had to be replaced, a problem with the byte position.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import regex

from .lazyre import lazy_regex

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = lazy_regex(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)|<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-]+)""",
    regex.I,
)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "big5": "big5hkscs",
              "iso-8859-1": "cp1252", "latin-1": "cp1252", "us-ascii": "utf-8", "ascii": "utf-8"}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    method: str  # bom | declared | utf-8 | detected | fallback
    problem: str | None = None  # human-readable; set when bytes were replaced or the file looks binary


def _canonical(name: str) -> str | None:
    name = name.strip().lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 8 KB (outside UTF-16/32) mean this is not a text file."""
    head = data[:8192]
    return b"\x00" in head


def decode_bytes(data: bytes) -> Decoded:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(enc, errors="replace")
            return Decoded(text, enc, "bom", _replaced_problem(data[len(bom):], enc) if "\ufffd" in text else None)
    if looks_binary(data):
        return Decoded("", "binary", "fallback", "binary content (NUL bytes): not a text file")
    m = _DECLARED.search(data[:4096])
    if m:
        declared = _canonical((m.group(1) or m.group(2)).decode("ascii", "ignore"))
        if declared:
            try:
                return Decoded(data.decode(declared), declared, "declared")
            except UnicodeDecodeError:
                pass  # a wrong declaration is common; fall through to detection
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_8", "utf_16", "cp1252", "euc_jp", "shift_jis"]).best()
    if best is not None and best.encoding:
        enc = _canonical(best.encoding) or best.encoding
        if enc in ("gb2312", "gbk"):
            enc = "gb18030"
        try:
            return Decoded(data.decode(enc), enc, "detected")
        except (UnicodeDecodeError, LookupError):
            pass
    # charset-normalizer gives up on short files (a one-line GBK notice); the Chinese legacy
    # encodings are strict enough that a clean decode is strong evidence
    # (Big5 bytes also decode as GB18030, but into private-use characters: reject those)
    for enc in ("gb18030", "big5hkscs"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff") <= len(text) // 100:
            return Decoded(text, enc, "detected")
    text = data.decode("utf-8", errors="replace")
    return Decoded(text, "utf-8", "fallback",
                   f"undecodable bytes at byte {utf8_error.start}: decoded as UTF-8 with replacement characters")


def _replaced_problem(data: bytes, enc: str) -> str:
    try:
        data.decode(enc)
    except UnicodeDecodeError as exc:
        return f"undecodable bytes at byte {exc.start} ({enc}); replaced"
    return f"replacement characters present ({enc})"
