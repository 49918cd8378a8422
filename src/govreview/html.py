"""HTML source → readable text view with exact offsets into the source.

Parsers such as selectolax/lexbor build a DOM fast but do not report source
offsets, and CMS plugins must highlight the exact spot in the HTML they sent.
So the *text view* is produced by a small scanner over the source itself:
comments, ``<script>``/``<style>`` bodies and tags are skipped, entities are
decoded as atomic characters, block-level tags become line breaks (barriers
for matching), and reader-visible attributes (``title``, ``alt``, meta
description/keywords) are included as their own lines.

Structure-level analysis (links, hidden elements) lives with the link
detectors and may use a DOM; both read the same :class:`HtmlDocument`.
"""

from __future__ import annotations

import functools
import html as _html
from dataclasses import dataclass, field

import regex

from .textview import TextView, ViewBuilder

_TOKEN = regex.compile(
    r"<!--.*?(?:-->|\Z)"  # comment
    r"|<(?P<raw>script|style|textarea|noscript)\b[^>]*>.*?(?:</(?P=raw)\s*>|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<[!?/]?[a-zA-Z][^>]*>?"  # tag, declaration, processing instruction
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?",
    regex.S | regex.I,
)
_TAG_NAME = regex.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)")
_ATTR = regex.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?")
_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead title tr ul option body html head meta img".split()
)
_VISIBLE_ATTRS = {"title", "alt"}
_META_NAMES = {"description", "keywords"}


@dataclass
class HtmlDocument:
    """What the text detectors and the structure detectors share about one page."""

    source: str
    view: TextView
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def _attrs(tag_src: str, offset: int):
    for m in _ATTR.finditer(tag_src):
        gi = 2 if m.group(2) is not None else 3 if m.group(3) is not None else 4
        yield m.group(1).lower(), m.group(gi), offset + m.start(gi), offset + m.end(gi)


def _emit_text(b: ViewBuilder, start: int, end: int) -> None:
    """Literal text with entities decoded atomically."""
    src = b.source
    pos = start
    for m in _ENTITY.finditer(src, start, end):
        b.literal(pos, m.start())
        decoded = _html.unescape(m.group())
        if len(decoded) == 1:
            b.atom(decoded, m.start(), m.end())
        else:  # unknown entity or multi-char expansion: keep the source text itself
            b.literal(m.start(), m.end())
        pos = m.end()
    b.literal(pos, end)


def parse_html(source: str) -> HtmlDocument:
    b = ViewBuilder(source)
    title_parts: list[str] = []
    meta: dict[str, str] = {}
    in_title = False
    pos = 0
    last_break = True
    for m in _TOKEN.finditer(source):
        s, e = m.span()
        if s > pos:
            _emit_text(b, pos, s)
            if in_title:
                title_parts.append(_html.unescape(source[pos:s]))
            last_break = False
        pos = e
        tok = m.group()
        if tok.startswith("&"):
            decoded = _html.unescape(tok)
            if len(decoded) == 1:
                b.atom(decoded, s, e)
            else:
                b.literal(s, e)
            if in_title:
                title_parts.append(decoded)
            last_break = False
            continue
        if tok.startswith("<!--") or m.group("raw"):
            if not last_break:
                b.atom("\n", s, e)
                last_break = True
            continue
        nm = _TAG_NAME.match(tok)
        if not nm:
            continue
        name = nm.group(1).lower()
        closing = tok.startswith("</")
        if name == "title":
            in_title = not closing
        if not closing:
            attrs = list(_attrs(tok, s))
            if name == "meta":
                d = {k: (v, vs, ve) for k, v, vs, ve in attrs}
                meta_name = (d.get("name") or d.get("property") or ("", 0, 0))[0].lower()
                if meta_name in _META_NAMES and "content" in d:
                    v, vs, ve = d["content"]
                    meta[meta_name] = _html.unescape(v)
                    b.atom("\n", s, s + 1)
                    _emit_text(b, vs, ve)
                    last_break = False
            for k, v, vs, ve in attrs:
                if k in _VISIBLE_ATTRS and v.strip():
                    if not last_break:
                        b.atom("\n", s, s + 1)
                    _emit_text(b, vs, ve)
                    b.atom("\n", ve, min(ve + 1, e))
                    last_break = True
        if name in _BLOCK and not last_break:
            b.atom("\n", s, e)
            last_break = True
    if pos < len(source):
        _emit_text(b, pos, len(source))
    title = "".join(title_parts).strip() or None
    return HtmlDocument(source=source, view=b.build(), title=title, meta=meta)


@functools.lru_cache(maxsize=1)
def looks_like_html_re() -> regex.Pattern[str]:
    return regex.compile(r"<(?:!doctype\s+html|html|head|body|div|p|span|a\s|table|meta)\b", regex.I)


def looks_like_html(text: str) -> bool:
    return bool(looks_like_html_re().search(text[:4096]))
