"""The text of a Word paragraph (``w:p``) as Word shows it, read from the XML.

python-docx's ``Paragraph.text`` reads only the paragraph's own runs; here runs at any depth count
(content controls, tracked insertions, fields, hyperlinks), while properties, deleted revisions, text
boxes and VML fallback copies are left out. Every paragraph of every document goes through
:func:`_para_text`, so the common case (no hidden text) has a lean loop of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .word_hidden import _Vanish


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


# not the paragraph's visible text: properties (w:pPr holds tab stops named w:tab), deleted revisions, text
# boxes anchored in it (read as boxes of their own) and the VML fallback copy of a drawing
_SKIP_IN_PARAGRAPH = frozenset((_W + "pPr", _W + "rPr", _W + "del", _W + "moveFrom", _W + "txbxContent", _MC_FALLBACK))


def _pieces(p, skip: frozenset, vanish: _Vanish | None = None):
    """The text pieces of a ``w:p`` in order, as ``(piece, deleted, hidden)``: runs at any depth, elements in
    ``skip`` and their content left out; ``deleted`` for a deleted revision's ``w:delText``; ``hidden`` for
    text formatted hidden (only with ``vanish``: see :class:`.word_hidden._Vanish`)."""
    stack = [(iter(p), vanish.paragraph(p) if vanish is not None else False)]
    while stack:
        it, hid = stack[-1]
        el = next(it, None)
        if el is None:
            stack.pop()
            continue
        tag = el.tag
        if tag == _W + "t":
            yield el.text or "", False, hid
        elif tag == _W + "delText":
            yield el.text or "", True, hid
        elif tag == _W + "tab":
            yield "\t", False, hid
        elif tag == _W + "br" or tag == _W + "cr":
            yield "\n", False, hid
        elif isinstance(tag, str) and tag not in skip and len(el):
            stack.append((iter(el), vanish.run(el, hid) if vanish is not None and tag == _W + "r" else hid))


def _para_text(p, vanish: _Vanish | None = None) -> str:
    """The text of a ``w:p`` as Word shows it: runs at any depth, so runs inside inline content controls
    (w:sdt), tracked insertions (w:ins), fields (w:fldSimple: mail-merged values), hyperlinks and smart
    tags count (python-docx's ``Paragraph.text`` reads only the paragraph's own runs and hyperlinks);
    hidden text left out (it is reviewed in a unit of its own: :func:`.word_hidden._vanish_unit`)."""
    if vanish is None:
        return "".join(_shown_pieces(p))
    return "".join(piece for piece, _, hidden in _pieces(p, _SKIP_IN_PARAGRAPH, vanish) if not hidden)


def _shown_pieces(p):
    """:func:`_pieces` for a part without hidden text, pieces only: every paragraph of every document goes
    through here, so it is kept as lean as the loop can be."""
    stack = [iter(p)]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        tag = el.tag
        if tag == _W + "t":
            yield el.text or ""
        elif tag == _W + "tab":
            yield "\t"
        elif tag == _W + "br" or tag == _W + "cr":
            yield "\n"
        elif isinstance(tag, str) and tag not in _SKIP_IN_PARAGRAPH and len(el):
            stack.append(iter(el))


def _in_fallback(el) -> bool:
    a = el.getparent()
    while a is not None:
        if a.tag == _MC_FALLBACK:
            return True
        a = a.getparent()
    return False


def _marked_text(paragraphs, skip: frozenset, mark: int, vanish=None) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The paragraphs' text, joined by line breaks, and the spans of its non-blank pieces that :func:`_pieces`
    flags — ``mark`` 1: deleted (a revision's ``w:delText``), 2: hidden (``vanish``) — adjacent ones joined.
    The text around them is kept so that a unit reads as the paragraph did (``Unit.only`` holds the spans)."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for k, p in enumerate(paragraphs):
        if k:
            out.append("\n")
            pos += 1
        for piece, *flags in _pieces(p, skip, vanish):
            if flags[mark - 1] and piece.strip():
                if spans and spans[-1][1] == pos:
                    spans[-1] = (spans[-1][0], pos + len(piece))
                else:
                    spans.append((pos, pos + len(piece)))
            out.append(piece)
            pos += len(piece)
    return "".join(out), tuple(spans)
