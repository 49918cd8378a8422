"""DOM-level facts about an HTML page — hidden elements, links with anchor text — at source offsets.

selectolax (lexbor) builds a real HTML5 tree (implied ``<tbody>``, unclosed
``<p>``, CSS selector matching) but reports no source offsets, and every
finding must point into the HTML source the caller sent. The bridge: before
parsing, each start tag found by :func:`govreview.html.parse_html`'s scanner
gets an extra attribute carrying its source offset (``data-govreview-pos``).
Every DOM element that came from a tag in the source therefore knows where
that tag starts; elements the parser implied carry none. This survives the
parser moving nodes around (foster parenting in tables, misnested tags),
which matching DOM and tags by order would not.

Hiding is what dark links (暗链) rely on: readers never see them, crawlers do.
An element is hidden by

* its inline ``style`` (``display:none``, ``visibility:hidden``,
  ``font-size:0`` or ``1px``, ``opacity:0``, text in the colour of the
  element's own background, zero width/height with ``overflow:hidden``,
  off-screen positioning such as ``left:-9999px``, ``text-indent:-9999px``,
  ``clip:rect(0 0 0 0)``),
* the ``hidden`` attribute, zero-size ``<iframe>``/``<marquee>`` attributes,
* ``<noscript>`` (every reader's browser runs scripts, crawlers read it),
* being an HTML comment (crawlers read them, readers never do),
* an unconditional rule (not inside ``@media``) in a ``<style>`` block of the same page whose selector matches it
  (matched by lexbor's own selector engine, so ``.a``, ``#b``, ``div.c a`` and
  selector lists all work),

or by being inside such an element. ``font-size:0`` does not hide an element
holding a descendant that sets a readable font size of its own (the inline-block
gap fix of navigation bars: ``ul{font-size:0} li{font-size:14px}``).
"""

from __future__ import annotations

import html as _html
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from .lazyre import lazy_regex

if TYPE_CHECKING:  # pragma: no cover
    from .html import HtmlDocument

POS_ATTR = "data-govreview-pos"
_NAME_END = lazy_regex(r"<\s*[a-zA-Z][^\s/>]*")
_CSS_COMMENT = lazy_regex(r"/\*.*?\*/", regex.S)
_CSS_RULE = lazy_regex(r"([^{}]+)\{([^{}]*)\}")
_ZERO = lazy_regex(r"^[-+]?0*\.?0+(?:px|pt|em|rem|%|vw|vh|ex|ch)?$")
_LENGTH = lazy_regex(r"^(-?\d+(?:\.\d+)?)(px|pt|em|rem|%|vw|vh|ex|ch)?$")
_CLIP_ZERO = lazy_regex(r"rect\(\s*0(?:px)?[\s,]+0(?:px)?[\s,]+0(?:px)?[\s,]+0(?:px)?\s*\)")
VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"])

#: element → the attribute holding its outbound target
LINK_ATTRS = {"a": "href", "area": "href", "iframe": "src", "frame": "src", "script": "src", "form": "action",
              "embed": "src", "object": "data"}
_ZERO_SIZE_ATTR_TAGS = frozenset({"iframe", "frame", "marquee", "embed", "object"})


def _declarations(css: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in css.split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            out[k.strip().lower()] = v.replace("!important", "").strip().lower()
    return out


def _is_zero(v: str | None) -> bool:
    return v is not None and bool(_ZERO.match(v))


def _is_tiny(v: str | None) -> bool:
    """0 or at most 1px: a box nobody can read anything in."""
    if v is None:
        return False
    if _is_zero(v):
        return True
    m = _LENGTH.match(v)
    return bool(m) and (m.group(2) or "px") == "px" and 0 <= float(m.group(1)) <= 1


def _far_negative(v: str | None) -> bool:
    """``-9999px``, ``-200em``: far enough off-screen that nobody scrolls there."""
    if not v:
        return False
    m = _LENGTH.match(v.split()[0])
    if not m:
        return False
    n = float(m.group(1))
    unit = m.group(2) or "px"
    limit = {"px": -500, "pt": -400, "em": -30, "rem": -30, "%": -100, "vw": -100, "vh": -100}.get(unit, -500)
    return n <= limit


_NAMED_COLOURS = {"white": "ffffff", "black": "000000", "red": "ff0000", "blue": "0000ff", "green": "008000",
                  "yellow": "ffff00", "gray": "808080", "grey": "808080", "silver": "c0c0c0"}
_HEX_COLOUR = lazy_regex(r"^#([0-9a-f]{3}|[0-9a-f]{6})$")
_RGB_COLOUR = lazy_regex(r"^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*(?:1|1\.0+)\s*)?\)$")


def _colour(v: str | None) -> str | None:
    """An opaque colour as ``rrggbb``; None for anything else (transparent, gradients, var(), inherit…)."""
    if not v:
        return None
    v = v.strip()
    if v in _NAMED_COLOURS:
        return _NAMED_COLOURS[v]
    m = _HEX_COLOUR.match(v)
    if m:
        h = m.group(1)
        return "".join(c * 2 for c in h) if len(h) == 3 else h
    m = _RGB_COLOUR.match(v)
    if m and all(int(x) <= 255 for x in m.groups()):
        return "".join(f"{int(x):02x}" for x in m.groups())
    return None


def _background_colour(d: dict[str, str]) -> str | None:
    if "background-color" in d:
        return _colour(d["background-color"])
    bg = d.get("background")
    if not bg or "url(" in bg or "gradient" in bg:  # an image under the text: its colour decides, not ours
        return None
    return _colour(bg.split()[0]) if len(bg.split()) == 1 else None


def hiding_reason(css: str) -> str | None:
    """Why a declaration block hides its element, or ``None``: ``"display:none"``, ``"left:-9999px"``..."""
    d = _declarations(css)
    if d.get("display") == "none":
        return "display:none"
    if d.get("visibility") in ("hidden", "collapse"):
        return f"visibility:{d['visibility']}"
    if _is_tiny(d.get("font-size")):  # 0, or 1px: nobody reads that
        return f"font-size:{d['font-size']}"
    if _is_zero(d.get("opacity")):
        return f"opacity:{d['opacity']}"
    overflow = d.get("overflow") or d.get("overflow-x") or d.get("overflow-y")
    if (_is_tiny(d.get("width")) or _is_tiny(d.get("height")) or _is_tiny(d.get("max-height"))) and overflow == "hidden":
        return "zero size with overflow:hidden"
    if d.get("position") in ("absolute", "fixed"):
        for k in ("left", "top", "right", "bottom"):
            if _far_negative(d.get(k)):
                return f"position:{d['position']}; {k}:{d[k]}"
        if _CLIP_ZERO.search(d.get("clip", "")):
            return "clip:rect(0 0 0 0)"
    for k in ("margin-left", "margin-top", "text-indent"):
        if _far_negative(d.get(k)):
            return f"{k}:{d[k]}"
    fg = _colour(d.get("color"))
    if fg is not None and fg == _background_colour(d):  # text in the colour of its own background
        return f"color:{d['color']} on background {d.get('background-color') or d.get('background')}"
    return None


_MEDIA = lazy_regex(r"@media\b([^{]*)\{", regex.I)


def _drop_media_blocks(css: str) -> str:
    """Remove ``@media … {…}`` blocks: hiding for print or for narrow screens is layout, not a dark link
    (a dark link must be invisible to every reader, and injected ones never depend on the device)."""
    out, pos = [], 0
    for m in _MEDIA.finditer(css):
        if m.start() < pos:
            continue
        depth, i = 1, m.end()
        while i < len(css) and depth:
            depth += {"{": 1, "}": -1}.get(css[i], 0)
            i += 1
        out.append(css[pos:m.start()])
        pos = i
    out.append(css[pos:])
    return "".join(out)


_FONT_KEYWORDS = frozenset(["xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large", "xxx-large"])


def sets_readable_font_size(css: str) -> bool:
    """Whether a declaration block gives its element a readable font size of its own, whatever its parent's:
    ``14px``, ``12pt``, ``1rem``, ``small`` (``em`` and ``%`` are relative to a parent's 0 and stay 0)."""
    v = _declarations(css).get("font-size")
    if not v:
        return False
    if v in _FONT_KEYWORDS:
        return True
    m = _LENGTH.match(v)
    return bool(m) and (m.group(2) or "") in ("px", "pt", "rem", "vw", "vh") and not _is_tiny(v)


def font_size_rules(css: str) -> list[str]:
    """Selectors of the unconditional rules of a stylesheet that set a readable font size."""
    css = _drop_media_blocks(_CSS_COMMENT.sub(" ", css))
    return [sel.strip() for m in _CSS_RULE.finditer(css) if sets_readable_font_size(m.group(2))
            for sel in m.group(1).split(",") if sel.strip() and not sel.strip().startswith("@")]


def style_rules(css: str) -> list[tuple[str, str]]:
    """(selector, hiding reason) for every unconditional rule of a stylesheet that hides what it selects."""
    css = _drop_media_blocks(_CSS_COMMENT.sub(" ", css))
    out = []
    for m in _CSS_RULE.finditer(css):
        reason = hiding_reason(m.group(2))
        if reason is None:
            continue
        for sel in m.group(1).split(","):
            sel = sel.strip()
            if sel and not sel.startswith("@"):
                out.append((sel, reason))
    return out


@dataclass(frozen=True, slots=True)
class HiddenRegion:
    """A hidden element: ``source[start:end]`` runs from its start tag to the end of its end tag."""

    start: int
    end: int
    tag: str
    reason: str


@dataclass(frozen=True, slots=True)
class DomLink:
    """An outbound target written as an element attribute; ``source[start:end]`` is the raw value."""

    kind: str  # the element: a, iframe, script, form...
    url: str  # entity-decoded, stripped
    start: int
    end: int
    anchor: str = ""
    hidden: str | None = None  # why it is hidden, if it is
    element_start: int = 0


@dataclass
class Structure:
    hidden: list[HiddenRegion] = field(default_factory=list)  # outermost hidden elements, by start
    links: list[DomLink] = field(default_factory=list)
    anchors: list[tuple[int, int]] = field(default_factory=list)  # source extents of <a> elements
    error: str | None = None

    def hidden_at(self, pos: int) -> HiddenRegion | None:
        """The hidden region containing source offset ``pos`` (regions are sorted and disjoint)."""
        starts = self.__dict__.get("_starts")
        if starts is None or len(starts) != len(self.hidden):
            starts = self.__dict__["_starts"] = [h.start for h in self.hidden]
        i = bisect_right(starts, pos) - 1
        if i >= 0 and self.hidden[i].start <= pos < self.hidden[i].end:
            return self.hidden[i]
        return None

    def in_anchor(self, start: int, end: int) -> bool:
        """Whether a source span lies inside an ``<a>`` element (anchors are sorted; nested ones are rare)."""
        i = bisect_right(self.anchors, (start, float("inf"))) - 1
        # <a> cannot nest in HTML, so the anchor starting last before ``start`` (or, after parser repair, the one
        # before it) is the only candidate
        return any(a <= start and end <= b for a, b in self.anchors[max(0, i - 1):i + 1])


def _marked(doc: HtmlDocument) -> str:
    src = doc.source
    parts: list[str] = []
    pos = 0
    for t in doc.tags:
        if t.closing:
            continue
        end = t.start + 1 + len(t.name)  # the scanner's tags start with "<" and the name, nothing between
        if src[t.start + 1:end].lower() != t.name:
            m = _NAME_END.match(src, t.start)
            if not m:
                continue
            end = m.end()
        parts.append(src[pos:end])
        parts.append(f' {POS_ATTR}="{t.start}"')
        pos = end
    parts.append(src[pos:])
    return "".join(parts)


def _own_hiding(tag: str, attrs: dict[str, str | None]) -> str | None:
    if tag == "noscript":
        return "<noscript>（浏览器启用脚本时不显示）"
    if "hidden" in attrs:
        return "hidden attribute"
    style = attrs.get("style")
    if style:
        r = hiding_reason(style)
        if r:
            return r
    if tag in _ZERO_SIZE_ATTR_TAGS:
        w, h = attrs.get("width"), attrs.get("height")
        small = [v for v in (w, h) if v is not None and _LENGTH.match(v.strip()) and float(_LENGTH.match(v.strip()).group(1)) <= 1]
        if small:
            return f"<{tag}> width/height {w or '-'}×{h or '-'}"
    return None


def analyse(doc: HtmlDocument) -> Structure:
    """Build the DOM once and collect hidden regions and attribute links (never raises)."""
    try:
        return _analyse(doc)
    except Exception as exc:  # a parser failure must not lose the text findings
        return Structure(error=f"{type(exc).__name__}: {exc}")


_HIDING_CANDIDATES = "[style],[hidden],iframe,frame,marquee,embed,object,noscript"
_LINK_SELECTOR = ",".join(f"{t}[{a}]" for t, a in LINK_ATTRS.items())


def _pos(node) -> int | None:
    raw = node.attrs.get(POS_ATTR)
    return int(raw) if raw and raw.isdigit() else None


def _font_size_resets(tree, styles: list[str]) -> set[int]:
    """Elements (mem_id) that hold a descendant setting a readable font size of its own.

    ``font-size:0`` on a list whose items set ``font-size:14px`` is the inline-block gap fix of countless
    navigation bars and 友情链接 rows, not hiding: such an element does not hide by its font size."""
    setters = [n for n in tree.css("[style]") if sets_readable_font_size(n.attributes.get("style") or "")]
    for css in styles:
        for sel in font_size_rules(css):
            try:
                setters.extend(tree.css(sel))
            except Exception:
                continue
    out: set[int] = set()
    for n in setters:
        p = n.parent
        while p is not None and p.mem_id not in out:
            out.add(p.mem_id)
            p = p.parent
    return out


def _analyse(doc: HtmlDocument) -> Structure:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(_marked(doc))
    if tree.root is None:
        return Structure()
    # lexbor's selector engine picks the few candidate nodes; Python looks only at those
    styles = [doc.source[t.body[0]:t.body[1]] for t in doc.tags if t.name == "style" and t.body and not t.closing]
    resets: set[int] | None = None

    def font_reset(n) -> bool:  # built on first need: most pages hide nothing by font size
        nonlocal resets
        if resets is None:
            resets = _font_size_resets(tree, styles)
        return n.mem_id in resets

    own: dict[int, tuple[object, str]] = {}
    for node in tree.css(_HIDING_CANDIDATES):
        r = _own_hiding(node.tag, node.attributes)
        if r and not (r.startswith("font-size") and font_reset(node)):
            own[node.mem_id] = (node, r)
    for css in styles:
        for sel, reason in style_rules(css):
            try:
                matched = tree.css(sel)
            except Exception:  # a selector lexbor does not support: skip the rule, not the page
                continue
            for n in matched:
                if not (reason.startswith("font-size") and font_reset(n)):
                    own.setdefault(n.mem_id, (n, f"<style> {sel} {{{reason}}}"))
    st = Structure()
    tag_index = {t.start: i for i, t in enumerate(doc.tags) if not t.closing}

    def hidden_by(node) -> str | None:
        """Why the nearest hidden element at or above ``node`` is hidden (None: visible)."""
        n = node
        while n is not None:
            got = own.get(n.mem_id)
            if got is not None:
                return got[1]
            n = n.parent
        return None

    for node, reason in own.values():
        pos = _pos(node)
        if pos is None or pos not in tag_index:
            continue
        if node.parent is not None and hidden_by(node.parent) is not None:
            continue  # inside a hidden ancestor: covered by the ancestor's region
        st.hidden.append(HiddenRegion(pos, _element_end(doc, node, pos, tag_index), node.tag, reason))
    for node in tree.css(_LINK_SELECTOR):
        pos = _pos(node)
        if pos is None:
            continue
        tag = doc.tag_at(pos)
        attr = LINK_ATTRS[node.tag]
        if tag is None or attr not in tag.attrs:
            continue
        value, vs, ve = tag.attrs[attr]
        url = _html.unescape(value).strip()
        anchor = ""
        if node.tag == "a":
            st.anchors.append((pos, _anchor_end(doc, tag_index[pos]) if pos in tag_index else pos))
        if not url:
            continue
        if node.tag in ("a", "area"):
            anchor = " ".join(node.text(deep=True).split())
            if not anchor:
                img = node.css_first("img")
                anchor = ((img.attributes.get("alt") or img.attributes.get("title") or "") if img is not None else "") \
                    or node.attributes.get("title") or ""
        st.links.append(DomLink(node.tag, url, vs, ve, anchor, hidden_by(node), pos))
    # comments are never shown to readers but are read by crawlers: treat them as hidden blocks
    st.hidden.extend(HiddenRegion(a - 4, b, "!--", "HTML 注释") for a, b in doc.comments)
    st.hidden.sort(key=lambda h: h.start)
    # drop regions nested in an earlier one (possible when the parser reparents nodes)
    merged: list[HiddenRegion] = []
    for h in st.hidden:
        if merged and h.start < merged[-1].end:
            continue
        merged.append(h)
    st.hidden = merged
    st.links.sort(key=lambda lk: lk.start)
    st.anchors.sort()
    return st


def _anchor_end(doc: HtmlDocument, i: int) -> int:
    """End of the ``<a>`` at tag index ``i``: its ``</a>``, or the next ``<a>`` (anchors cannot nest in HTML)."""
    tags = doc.tags
    for j in range(i + 1, len(tags)):
        u = tags[j]
        if u.name == "a":
            return u.end if u.closing else u.start
    return len(doc.source)


def _next_outside(node) -> int | None:
    """Source position of the first element after ``node``'s subtree (next sibling, else an ancestor's)."""
    n = node
    while n is not None:
        sib = n.next
        while sib is not None:
            if sib.tag and not sib.tag.startswith("-"):
                p = _pos(sib)
                if p is not None:
                    return p
            sib = sib.next
        n = n.parent
    return None


def _element_end(doc: HtmlDocument, node, pos: int, tag_index: dict[int, int]) -> int:
    """Source end of the element starting at ``pos``: its matching end tag, capped by the next element outside it."""
    tags = doc.tags
    i = tag_index[pos]
    t = tags[i]
    if t.body is not None:  # raw-text element: the scanner already paired it
        nxt = tags[i + 1] if i + 1 < len(tags) and tags[i + 1].closing and tags[i + 1].name == t.name else None
        return nxt.end if nxt else t.body[1]
    if node.tag in VOID or t.self_closing:
        return t.end
    cap = _next_outside(node)
    if cap is None or cap <= pos:
        cap = len(doc.source)
    level = 1
    for j in range(i + 1, len(tags)):
        u = tags[j]
        if u.start >= cap:
            break
        if u.name != t.name:
            continue
        if u.closing:
            level -= 1
            if level == 0:
                return u.end
        elif not u.self_closing:
            level += 1
    return cap
