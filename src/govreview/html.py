"""HTML source → readable text view with exact offsets into the source.

Parsers such as selectolax/lexbor build a DOM fast but do not report source
offsets, and CMS plugins must highlight the exact spot in the HTML they sent.
So the *text view* is produced by a small scanner over the source itself:
comments, ``<script>``/``<style>`` bodies and tags are skipped (except the text an inline
script writes with string literals: ``document.write('<a …>'+'澳门'+'博彩</a>')``, see
``_script_written_text``), entities are
decoded as atomic characters, block-level tags become line breaks (barriers
for matching), and reader-visible attributes (``title``, ``alt``, meta
description/keywords, the attributes WeChat draws its embed cards from:
``<mp-miniprogram data-miniprogram-title>``…) are included as their own lines.

A *data row* of a table (a ``<tr>`` with two or more cells, no nested table,
and no more block elements and text than a record's cells hold) is one line:
its cells are separated by a tab, block elements and line breaks inside a cell
by a space, and the row ends a paragraph. A 公示 row — 姓名, 身份证号, 手机,
家庭住址 — is thereby one record, as it is in a spreadsheet, and detectors
that judge a field by the rest of its record see the whole row. Layout tables
(a page's article inside a cell) keep their paragraphs.

HTML comments are readable to crawlers and a favourite hiding place for
injected spam, so their text is part of the view too, on lines of its own
(conditional comments ``<!--[if IE]>`` are markup, not text, and stay out).
A comment inside a run of text (``澳<!--x-->门博彩``: text right before and
after it) is markup like ``<b>``, with no text and no line break: spam splits
words with comments so that filters miss them.

The same pass records the *tag stream* — every start/end tag with its source
span and attribute value spans, and the body span of ``<script>``/``<style>``
elements — so structure-level analysis (:mod:`govreview.htmldom`: the DOM,
hidden elements, links with anchor text) can report offsets into the source
even though the DOM parser knows none. Both read the same :class:`HtmlDocument`.
"""

from __future__ import annotations

import html as _html
import re as _re
from dataclasses import dataclass, field

import regex

from . import jsstring
from .lazyre import lazy_re, lazy_regex
from .textview import TextView, ViewBuilder

_TOKEN = lazy_regex(
    r"<!--.*?(?:-->|\Z)"  # comment
    r"|(?P<rawopen><(?P<raw>script|style|textarea|xmp)\b[^>]*>)(?P<rawbody>.*?)(?:</(?P=raw)\s*>|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<[!?/]?[a-zA-Z](?:[^>\"']|\"[^\"]*\"|'[^']*')*>?"  # tag, declaration, PI; a quoted value may hold ">"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?",
    regex.S | regex.I,
)
_TAG_NAME = lazy_regex(r"</?\s*([a-zA-Z][^\s/>]*)")
_ATTR = lazy_regex(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_ENTITY = lazy_regex(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?")
_BLOCK = frozenset(
    ["address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul", "option", "body", "html", "head", "meta", "img"]
)
_VISIBLE_ATTRS = {"title", "alt"}
# WeChat (微信公众号) editor embeds are empty elements whose card the platform draws from attributes: the
# attributes are what the reader sees (a mini-program card's name and title, an account card's name and
# introduction, a 视频号 card's description, a product card's title), so they are text like alt
_CARD_ATTRS = {
    "mp-miniprogram": ("data-miniprogram-nickname", "data-miniprogram-title"),
    "mp-common-miniprogram": ("data-miniprogram-nickname", "data-miniprogram-title"),
    "mp-common-profile": ("data-nickname", "data-signature"),
    "mpprofile": ("data-nickname", "data-signature"),
    "mp-common-videosnap": ("data-nickname", "data-desc"),
    "mpvideosnap": ("data-nickname", "data-desc"),
    "mp-common-product": ("data-title",),
}
_CONDITIONAL = lazy_regex(r"\s*\[(?:if|endif)\b|\s*<!\[endif", regex.I)
_META_NAMES = {"description", "keywords"}
_ROW_EDGE = lazy_re(r"<(/?)(tr|table)\b[^>]*>", _re.I)  # row and table start and end tags, in order
_ROW_CELL = lazy_re(r"<t[dh]\b", _re.I)
_ROW_BLOCK = lazy_re(r"<(?:p|div|br|li|h[1-6]|hr|ul|ol|section|article|blockquote|pre)\b", _re.I)
_ROW_MARKUP = lazy_re(r"<[^>]*>|&[#\w]+;?")
_ROW_CELL_TEXT = 160  # characters of text per cell, on average, that a record's row stays within
_CELL_TAGS = frozenset(["td", "th"])
_MAX_COLSPAN = 20
_ROW_TAGS = frozenset(["tr", "table", "tbody", "thead", "tfoot"])
_FORMAT_WS = lazy_regex(r"\s*[\r\n]\s*")


def data_rows(source: str) -> list[tuple[int, int]]:
    """Source spans of the table rows that are records (see the module docstring), in order.

    A candidate is a ``<tr>…</tr>`` with no other row or table tag between its ends (so no nested
    table); the stdlib engine walks the row and table tags once.
    """
    if "<tr" not in source and "<TR" not in source and "<Tr" not in source:
        return []
    rows = []
    open_at = -1
    for m in _ROW_EDGE.finditer(source):
        closing, name = m.group(1), m.group(2).lower()
        if name == "tr" and not closing:
            open_at = m.start()
            continue
        if name == "tr" and open_at >= 0:
            span = source[open_at:m.end()]
            cells = len(_ROW_CELL.findall(span))
            if (cells >= 2 and len(_ROW_BLOCK.findall(span)) <= 2 * cells + 2
                    and len(_ROW_MARKUP.sub("", span).strip()) <= _ROW_CELL_TEXT * cells):
                rows.append((open_at, m.end()))
        open_at = -1
    return rows


@dataclass(frozen=True, slots=True)
class Tag:
    """One tag as written in the source: ``source[start:end]`` is the whole tag.

    ``attrs`` maps a lower-cased attribute name to ``(raw value, value start,
    value end)``; ``source[vs:ve]`` is the value as written (entities not
    decoded). ``body`` is the source span of a raw-text element's content
    (``<script>``, ``<style>``...), else ``None``.
    """

    name: str
    start: int
    end: int
    closing: bool = False
    self_closing: bool = False
    attrs: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    body: tuple[int, int] | None = None

    def attr(self, name: str) -> str | None:
        v = self.attrs.get(name)
        return None if v is None else _html.unescape(v[0])


@dataclass
class HtmlDocument:
    """What the text detectors and the structure detectors share about one page."""

    source: str
    view: TextView
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    tags: list[Tag] = field(default_factory=list)
    comments: list[tuple[int, int]] = field(default_factory=list)  # source spans of comment bodies
    _structure: object = field(default=None, repr=False)

    @property
    def structure(self):
        """DOM-level facts (hidden regions, links with anchor text); built on first use.

        Lazy so that a review with every link/structure rule disabled pays
        nothing for the DOM; see :mod:`govreview.htmldom`.
        """
        if self._structure is None:
            from .htmldom import analyse

            self._structure = analyse(self)
        return self._structure

    @property
    def targets(self):
        """Every outbound target (links with anchor text, frames, scripts, forms, redirects, typed URLs) at source offsets.

        The shared link model for the link detectors, the linkage check and the
        archive scanner: :class:`govreview.links.Target`, sorted by position.
        """
        got = self.__dict__.get("_targets")
        if got is None:
            from .links import html_targets

            got = sorted(html_targets(self), key=lambda t: (t.start, t.end))
            self.__dict__["_targets"] = got
        return got

    def tag_at(self, start: int) -> Tag | None:
        """The start tag beginning at source offset ``start``."""
        idx = self.__dict__.get("_by_start")
        if idx is None:
            idx = {t.start: t for t in self.tags if not t.closing}
            self.__dict__["_by_start"] = idx
        return idx.get(start)


def _attrs(tag_src: str, offset: int):
    # skip the tag name so that `<a"x"=1>` style garbage cannot start an attribute inside it
    nm = _TAG_NAME.match(tag_src)
    for m in _ATTR.finditer(tag_src, nm.end() if nm else 0):
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


def _colspan(attrs) -> int:
    """The columns a cell takes (its ``colspan``, 1 to ``_MAX_COLSPAN``)."""
    for k, v, _, _ in attrs:
        if k == "colspan":
            v = v.strip()
            return max(1, min(_MAX_COLSPAN, int(v))) if v.isdigit() else 1
    return 1


def _emit_row_text(b: ViewBuilder, start: int, end: int, after_sep: bool) -> bool:
    """Text inside a data row: source line breaks (and the spaces around them) are formatting, one space.

    Returns whether the view now ends in a separator (the chunk was only formatting whitespace).
    """
    pos = start
    for m in _FORMAT_WS.finditer(b.source, start, end):
        if m.start() > pos:
            _emit_text(b, pos, m.start())
            after_sep = False
        if not after_sep:
            b.atom(" ", m.start(), m.end())
            after_sep = True
        pos = m.end()
    if end > pos:
        _emit_text(b, pos, end)
        after_sep = False
    return after_sep


# --- text an inline script writes into the page ---------------------------------------------------------
# document.write('<a href="http://x.com">'+'澳门'+'博彩</a>'): the page shows 澳门博彩, and spam splits its words
# across string literals so that nothing reading the source sees them. The literals of each write call's
# argument (document.write/writeln, innerHTML/outerHTML =, insertAdjacentHTML) are one HTML stream, as the
# browser writes them: their text (tags dropped, entities and JavaScript escapes decoded) is part of the view,
# on a line of its own, each character at its place in the literal (jsstring.literal). A string variable assigned
# literals before the call (var s='<div …>澳门葡京</div>'; document.write(s)) writes what it holds; other operands (calls,
# properties) add nothing. Scripts that build their HTML otherwise are not read.
_WRITE_CALL = lazy_re(r"document\s*\.\s*write(?:ln)?\s*\(|\.\s*(?:innerHTML|outerHTML)\s*\+?=(?!=)"
                      r"|\.\s*insertAdjacentHTML\s*\(\s*(?:'[^'\n]*'|\"[^\"\n]*\")\s*,")
_JS_OPERAND = lazy_re(r"[\w$.]+(?:\s*\[[^\]\n]{0,40}\])*(?:\s*\([^()\n]{0,80}\))?|\((?:[^()\n]|\([^()\n]{0,40}\)){0,80}\)")
_WRITTEN_TAG_NAME = lazy_re(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)")
_WRITTEN_CSS = lazy_re(r"(?:\s*[^{}]*\{[^{}]*\})+\s*")
_MAX_WRITTEN = 20_000  # characters of written HTML read per script


_JS_ASSIGN = lazy_re(r"(?<![\w$.])([A-Za-z_$][\w$]*)\s*(\+?=)(?!=)\s*")
_JS_NAME = lazy_re(r"[A-Za-z_$][\w$]*")


def _js_concat(src: str, j: int, be: int, stream: list[tuple[str, int, int]], var=None,
               barrier: tuple[int, int] | None = None) -> int:
    """Read the ``+``-joined expression at src[j:] into ``stream`` (the characters of its string literals) and
    return where it ends. A bare variable name adds what ``var(name)`` says it holds; other operands (calls,
    properties, unknown names) add nothing. Each character keeps its place in the source, so a variable
    assigned before what the stream already holds ('<b>'+s+'</b>') goes between two line breaks that stand for
    ``barrier`` (the ``<script>`` tag: a block, which no term spans) — or, without one, is left out."""
    while j < be and len(stream) < _MAX_WRITTEN:
        while j < be and src[j] in " \t\r\n":
            j += 1
        if j < be and src[j] in "'\"`":
            lit = jsstring.literal(src, j, be)
            if lit is None:
                break
            stream.extend(lit[0])
            j = lit[1]
        else:
            op = _JS_OPERAND.match(src, j, be)
            if op is None or op.end() == j:
                break
            if var is not None and _JS_NAME.fullmatch(op.group()):
                held = var(op.group(), j)
                if held and (not stream or held[0][1] >= stream[-1][2]):
                    stream.extend(held)
                elif held and barrier is not None:
                    stream.append(("\n", *barrier))
                    stream.extend(held)
                    stream.append(("\n", *barrier))
            j = op.end()
        while j < be and src[j] in " \t\r\n":
            j += 1
        if j < be and src[j] == "+":
            j += 1
            continue
        break
    return j


def _js_variables(src: str, bs: int, be: int):
    """``var(name, pos)``: the characters the string variable ``name`` holds at src[pos] — built from the
    literals assigned to it before (var s='<div …>'+'澳门'; s+='葡京</div>'; document.write(s)) — or None."""
    history: dict[str, list[tuple[int, list[tuple[str, int, int]]]]] = {}

    def var(name: str, pos: int) -> list[tuple[str, int, int]] | None:
        held = None
        for p, chars in history.get(name, ()):
            if p >= pos:
                break
            held = chars
        return held

    for m in _JS_ASSIGN.finditer(src, bs, be):
        name, op = m.group(1), m.group(2)
        chars: list[tuple[str, int, int]] = list(var(name, m.start()) or ()) if op == "+=" else []
        _js_concat(src, m.end(), be, chars, var)
        if chars or op == "=":
            history.setdefault(name, []).append((m.start(), chars))
    return var


def _written_stream(src: str, bs: int, be: int) -> list[tuple[str, int, int]]:
    """The characters every write call of the script body [bs, be) writes, in order (string variables the
    script assigned before the call included)."""
    stream: list[tuple[str, int, int]] = []
    var = None
    tag = max(0, src.rfind("<", 0, bs))
    for m in _WRITE_CALL.finditer(src, bs, be):
        if var is None and "=" in src[bs:m.start()]:
            var = _js_variables(src, bs, be)
        _js_concat(src, m.end(), be, stream, var, (tag, bs))
    return stream


def _script_written_text(src: str, bs: int, be: int) -> list[tuple[str | None, int, int]] | None:
    """The view pieces of the text an inline script writes (see above): ``(None, s, e)`` for literal source
    text, ``(char, s, e)`` for one character standing for source[s:e] (an escape, an entity, a block tag
    as a line break); None when the script writes no text."""
    if "write" not in src[bs:be] and "HTML" not in src[bs:be]:
        return None
    stream = _written_stream(src, bs, be)
    if not stream:
        return None
    pieces: list[tuple[str | None, int, int]] = []
    text = "".join(c for c, _, _ in stream)
    i, n = 0, len(stream)
    while i < n:
        c = text[i]
        if c == "<" and i + 1 < n and (text[i + 1].isalpha() or text[i + 1] in "/!"):
            close = text.find(">", i)
            k = n - 1 if close < 0 else close
            nm = _WRITTEN_TAG_NAME.match(text, i, k + 1)
            tag = nm.group(1).lower() if nm else ""
            if tag in _BLOCK and pieces and pieces[-1][0] != "\n":
                pieces.append(("\n", stream[i][1], stream[k][2]))
            if tag in ("script", "style") and not text.startswith("</", i):  # a written <style>/<script>: no text
                end_tag = text.lower().find(f"</{tag}", k)
                k = n - 1 if end_tag < 0 else max(k, text.find(">", end_tag) if text.find(">", end_tag) >= 0 else n - 1)
            i = k + 1
            continue
        if c == "&":
            em = _ENTITY.match(text, i)
            if em:
                decoded = _html.unescape(em.group())
                if len(decoded) == 1:
                    pieces.append((decoded, stream[i][1], stream[em.end() - 1][2]))
                    i = em.end()
                    continue
        ch, cs, ce = stream[i]
        if ce - cs == 1 and src[cs] == ch:  # written as itself: literal source text, merged into runs
            if pieces and pieces[-1][0] is None and pieces[-1][2] == cs:
                pieces[-1] = (None, pieces[-1][1], ce)
            else:
                pieces.append((None, cs, ce))
        else:
            pieces.append((ch if ch not in "\r" else "\n", cs, ce))
        i += 1
    while pieces and pieces[-1][0] == "\n":
        pieces.pop()
    shown = "".join(src[a:b] if c is None else c for c, a, b in pieces)
    if not shown.strip() or _WRITTEN_CSS.fullmatch(shown):
        return None  # nothing, or a stylesheet written into a <style> (s.innerHTML = "body{…}")
    return pieces


_FILLER_MAX = 3  # characters a hidden filler inside a word holds (澳<span style="display:none">x</span>门)
_FILLER = lazy_regex(r"([^<>\n]{1,24}?)</([a-zA-Z][a-zA-Z0-9]*)\s*>")
_QUOTED = lazy_re(r"\"[^\"]*\"|'[^']*'")
_BARE_HIDDEN = lazy_re(r"\shidden(?=[\s/>])", _re.I)  # the boolean attribute, which _attrs (name=value) does not list


def _is_ideograph(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or c >= "\U00020000"


_STYLE_BLOCK = lazy_re(r"<style\b[^>]*>(.*?)</style\s*>", _re.I | _re.S)
_CLASS_SELECTOR = lazy_re(r"([a-zA-Z][a-zA-Z0-9]*)?\.([-\w]+)")  # .x, span.x: what a filler's class is hidden by


def hidden_classes(source: str) -> dict[str, frozenset[str] | None]:
    """Class names that an unconditional rule of a ``<style>`` block of the page hides on their own (``.x{display:none}``,
    ``span.x{font-size:0}``), each with the tag names the rule is limited to (None: any element)."""
    if "<style" not in source and "<STYLE" not in source and "<Style" not in source:
        return {}
    from .htmldom import style_rules

    out: dict[str, set[str] | None] = {}
    for m in _STYLE_BLOCK.finditer(source):
        for sel, _reason in style_rules(m.group(1)):
            cm = _CLASS_SELECTOR.fullmatch(sel)
            if cm is None:
                continue
            tag, cls = cm.group(1), cm.group(2)
            if tag is None:
                out[cls] = None
            elif cls not in out or out[cls] is not None:
                out.setdefault(cls, set()).add(tag.lower())  # type: ignore[union-attr]
    return {k: (None if v is None else frozenset(v)) for k, v in out.items()}


def _class_hidden(name: str, attrs, classes) -> bool:
    """Whether the element's ``class`` names one that the page's ``<style>`` hides (``classes()``, built on first need)."""
    value = next((v for k, v, _, _ in attrs if k == "class"), None)
    if not value:
        return False
    hidden = classes()
    for cls in value.split():
        tags = hidden.get(cls, False)
        if tags is None or (tags and name in tags):
            return True
    return False


def _hidden_filler_end(source: str, name: str, s: int, e: int, attrs, classes=None) -> int:
    """The source end of a hidden inline element that splits a run of text, or 0.

    Spam splits a word with an element readers never see — 澳<span style="display:none">x</span>门<i hidden>q</i>博彩
    reads 澳门博彩 — so that a filter reading the source text misses it. Like a comment inside a run, such a
    *filler* is markup, not text: hidden by its own ``hidden`` attribute, its inline style or a class that a
    ``<style>`` block of the page hides (.x{display:none} … 澳<span class="x">中</span>门; ``classes``), holding one
    character, or two or three that are not all Chinese characters (a hidden 博彩 may be a word written for
    crawlers, and stays), plain text (no tags), with text right before it (the caller checks) and right
    after its end tag. A hidden block of its own (a dark-link ``<div style="display:none">``, text
    with spaces or tags around it) stays in the view."""
    d = {k: v for k, v, _, _ in attrs}
    style = d.get("style")
    tag = source[s:e]
    hidden = "hidden" in d or ("IDDEN" in tag.upper() and _BARE_HIDDEN.search(_QUOTED.sub("", tag)) is not None)
    if not hidden and not style and not (classes is not None and d.get("class")):
        return 0  # most inline tags: no hiding attribute at all
    m = _FILLER.match(source, e)
    if m is None or m.group(2).lower() != name:
        return 0
    shown = _html.unescape(m.group(1))
    end = m.end()
    if not shown.strip() or len(shown) > _FILLER_MAX or end >= len(source):
        return 0
    if len(shown) > 1 and all(_is_ideograph(c) for c in shown):
        return 0  # two or three hidden Chinese characters may be a word (博彩, 百家乐) hidden for crawlers: keep it
    if not hidden:
        from .htmldom import hiding_reason

        if not (style and hiding_reason(style) is not None) and not (
                classes is not None and _class_hidden(name, attrs, classes)):
            return 0
    after = source[end]
    return end if not after.isspace() and after != "<" else 0


def parse_html(source: str) -> HtmlDocument:
    b = ViewBuilder(source)
    rows = data_rows(source)
    ri = 0  # the first data row that does not end before the current position
    prev_span = 0  # columns the previous cell of the current row took (0: no cell yet)
    attrs: list = []
    in_cell_sep = False  # the view ends in a row-internal separator (tab or space)
    title_parts: list[str] = []
    meta: dict[str, str] = {}
    tags: list[Tag] = []
    comments: list[tuple[int, int]] = []
    in_title = False
    pos = 0
    last_break = True
    skip_to = 0  # the end of a hidden filler inside a run of text (see _hidden_filler_end): its tokens are not text
    page_classes: list[dict] = []

    def classes() -> dict[str, frozenset[str] | None]:  # the classes the page's <style> hides: read on first need
        if not page_classes:
            page_classes.append(hidden_classes(source))
        return page_classes[0]
    for m in _TOKEN.finditer(source):
        s, e = m.span()
        if s < skip_to:
            continue
        while ri < len(rows) and rows[ri][1] <= s:
            ri += 1
        in_row = ri < len(rows) and rows[ri][0] <= s
        if s > pos:
            if in_row:
                in_cell_sep = _emit_row_text(b, pos, s, last_break or in_cell_sep)
                last_break = last_break and in_cell_sep
            else:
                _emit_text(b, pos, s)
                last_break = in_cell_sep = False
            if in_title:
                title_parts.append(_html.unescape(source[pos:s]))
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
            last_break = in_cell_sep = False
            continue
        if tok.startswith("<!--"):
            body_s, body_e = s + 4, (e - 3 if tok.endswith("-->") and e - 3 >= s + 4 else e)
            comments.append((body_s, body_e))
            if (not last_break and not source[s - 1].isspace()
                    and e < len(source) and not source[e].isspace() and source[e] != "<"):
                continue  # inside a run of text (澳<!--x-->门博彩) a comment is markup, like <b>: spam splits words so
            if not last_break:
                b.atom("\n", s, body_s)
                last_break = True
            if not _CONDITIONAL.match(source, body_s, body_e) and source[body_s:body_e].strip():
                _emit_text(b, body_s, body_e)
                last_break = in_cell_sep = False
                if body_e < e:
                    b.atom("\n", body_e, e)
                    last_break = True
            continue
        if m.group("raw"):
            os_, oe = m.span("rawopen")
            name = m.group("raw").lower()
            tags.append(Tag(name, os_, oe, attrs={k: (v, vs, ve) for k, v, vs, ve in _attrs(m.group("rawopen"), os_)},
                            body=m.span("rawbody")))
            be = m.end("rawbody")
            if be < e:
                tags.append(Tag(name, be, e, closing=True))
            bs = m.start("rawbody")
            written = _script_written_text(source, bs, be) if name == "script" else None
            if written:
                if not last_break:
                    b.atom("\n", s, bs)
                for ch, cs, ce in written:
                    if ch is None:
                        b.literal(cs, ce)
                    else:
                        b.atom(ch, cs, ce)
                b.atom("\n", be, e)
                last_break = True
                continue
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
        if closing:
            tags.append(Tag(name, s, e, closing=True))
        elif not tok.startswith(("<!", "<?")):
            attrs = list(_attrs(tok, s))
            tags.append(Tag(name, s, e, self_closing=tok.endswith("/>"),
                            attrs={k: (v, vs, ve) for k, v, vs, ve in attrs}))
            if name == "meta":
                d = {k: (v, vs, ve) for k, v, vs, ve in attrs}
                meta_name = (d.get("name") or d.get("property") or ("", 0, 0))[0].lower()
                if meta_name in _META_NAMES and "content" in d:
                    v, vs, ve = d["content"]
                    meta[meta_name] = _html.unescape(v)
                    b.atom("\n", s, s + 1)
                    _emit_text(b, vs, ve)
                    last_break = in_cell_sep = False
            card = _CARD_ATTRS.get(name, ())
            for k, v, vs, ve in attrs:
                if (k in _VISIBLE_ATTRS or k in card) and v.strip():
                    brk = " " if in_row else "\n"  # a title/alt inside a record stays on the record's line
                    if not last_break and not (in_row and in_cell_sep):
                        b.atom(brk, s, s + 1)
                    _emit_text(b, vs, ve)
                    b.atom(brk, ve, min(ve + 1, e))
                    last_break, in_cell_sep = not in_row, in_row
            if not last_break and name not in _BLOCK and b.parts and not b.parts[-1][-1].isspace():
                filler_end = _hidden_filler_end(source, name, s, e, attrs, classes)
                if filler_end:
                    close = source.rindex("</", e, filler_end)
                    tags.append(Tag(name, close, filler_end, closing=True))
                    pos = skip_to = filler_end
                    continue
        if name == "tr":
            prev_span = 0  # a new row: its first cell gets no tab
        if in_row and name not in _ROW_TAGS:
            if name in _CELL_TAGS:
                if not closing:
                    # between the cells of a record, one tab per column the previous cell took (an empty cell and
                    # a colspan count), so the n-th field of every row is the same column, as in extracted
                    # spreadsheets; each tab stands for one character of this tag
                    for k in range(min(prev_span, e - s)):
                        b.atom("\t", s + k, s + k + 1)
                    if prev_span:
                        in_cell_sep = True
                    prev_span = _colspan(attrs)
            elif name in _BLOCK and not last_break and not in_cell_sep:
                b.atom(" ", s, e)  # <p>, <br>, <div> inside a cell: a space, not a new line
                in_cell_sep = True
        elif name in _BLOCK and not last_break:
            b.atom("\n", s, e)
            last_break = True
    if pos < len(source):
        _emit_text(b, pos, len(source))
    title = "".join(title_parts).strip() or None
    return HtmlDocument(source=source, view=b.build(), title=title, meta=meta, tags=tags, comments=comments)


# a WeChat editor's fragment (秀米, 135编辑器, the 公众号 editor) is <section> blocks, images and line breaks
# with no <p> or <div>: it is a page too
_HTML_SNIFF = lazy_regex(
    r"<(?:!doctype\s+html|html|head|body|div|p|span|a\s|table|meta|section|article|img|br|h[1-6]|ul|ol|li|strong)\b", regex.I
)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.search(text[:4096]))
