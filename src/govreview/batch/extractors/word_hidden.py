"""Hidden text in Word documents (字体 → 隐藏, ``w:vanish``): which runs are hidden, and a unit for them.

Word neither shows nor prints hidden text, but it is stored and 显示/隐藏编辑标记 shows it. It is left out
of the paragraph as Word shows it and reviewed in a unit of its own, where only the hidden text is the
point (``Unit.only``).
"""

from __future__ import annotations

from ...model import Location
from .units import Unit
from .word_text import _SKIP_IN_PARAGRAPH, _W, _marked_text


def _on(el) -> bool:
    """A toggle property (``<w:vanish/>``, ``<w:vanish w:val="0"/>``) is on unless its value says off."""
    return el.get(_W + "val") not in ("0", "false", "off")


class _Vanish:
    """Which runs of a part are hidden text (字体 → 隐藏, ``w:vanish``): Word does not show or print them,
    but they are stored and 显示/隐藏编辑标记 shows them. A run is hidden by its own ``w:rPr/w:vanish``,
    else by its character style, else by its paragraph's style (styles inherit through ``w:basedOn``)."""

    __slots__ = ("styles", "default_paragraph")

    def __init__(self, styles: dict[str, bool], default_paragraph: str | None):
        self.styles = styles
        self.default_paragraph = default_paragraph

    def paragraph(self, p) -> bool:
        ppr = p.find(_W + "pPr")
        ps = ppr.find(_W + "pStyle") if ppr is not None else None
        sid = ps.get(_W + "val") if ps is not None else self.default_paragraph
        return self.styles.get(sid, False) if sid is not None else False

    def run(self, r, default: bool) -> bool:
        rpr = r.find(_W + "rPr")
        if rpr is None:
            return default
        v = rpr.find(_W + "vanish")
        if v is not None:
            return _on(v)
        rs = rpr.find(_W + "rStyle")
        if rs is not None:
            s = self.styles.get(rs.get(_W + "val"))
            if s is not None:
                return s
        return default


def _vanish_styles(styles_root) -> tuple[dict[str, bool], str | None]:
    """Style id → whether it makes text hidden (only styles that say so either way, through ``w:basedOn``),
    and the default paragraph style's id."""
    own: dict[str, bool | None] = {}
    based: dict[str, str] = {}
    default = None
    if styles_root is None or next(styles_root.iter(_W + "vanish"), None) is None:
        return {}, None  # the usual styles part: no style hides text, and the default paragraph style does not matter
    for st in styles_root.iter(_W + "style"):
        sid = st.get(_W + "styleId")
        if sid is None:
            continue
        if st.get(_W + "type") == "paragraph" and _on_attr(st.get(_W + "default")):
            default = sid
        rpr = st.find(_W + "rPr")
        v = rpr.find(_W + "vanish") if rpr is not None else None
        own[sid] = _on(v) if v is not None else None
        b = st.find(_W + "basedOn")
        if b is not None and b.get(_W + "val"):
            based[sid] = b.get(_W + "val")
    if not any(v is not None for v in own.values()):
        return {}, default
    out: dict[str, bool] = {}
    for sid in own:
        seen, cur = set(), sid
        while cur is not None and cur not in seen:
            seen.add(cur)
            if own.get(cur) is not None:
                out[sid] = bool(own[cur])
                break
            cur = based.get(cur)
    return out, default


def _on_attr(v) -> bool:
    return v is not None and v not in ("0", "false", "off")


def _vanish_for(root, styles: tuple[dict[str, bool], str | None]) -> _Vanish | None:
    """A :class:`_Vanish` for a part, or None when nothing in it can be hidden text (the usual document:
    one pass of lxml's C iterator, and the paragraphs are read as before)."""
    if not styles[0] and next(root.iter(_W + "vanish"), None) is None:
        return None
    return _Vanish(*styles)


def _vanish_unit(paragraphs, location: Location, vanish: _Vanish | None) -> Unit | None:
    """A unit for the hidden text of these paragraphs: the paragraphs with it, as 显示编辑标记 shows them,
    where only the hidden text is the point (``Unit.only``); None when none is hidden."""
    if vanish is None:
        return None
    text, spans = _marked_text(paragraphs, _SKIP_IN_PARAGRAPH, 2, vanish)
    if not spans:
        return None
    return Unit(text, location.model_copy(update={"hidden": "vanish"}), only=spans)
