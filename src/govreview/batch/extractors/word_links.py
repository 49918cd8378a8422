"""Where a Word paragraph's hyperlinks lead, when the words do not say (附件1.doc → file:///C:/Users/…).

Targets come from ``w:hyperlink`` relationships and ``HYPERLINK "…"`` field codes; the unit is built as
for every format's links (:func:`.units._targets_unit`).
"""

from __future__ import annotations

import re

from ...model import Location
from .units import Unit, _targets_unit
from .word_text import _W, _para_text


_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_FIELD_URL = re.compile(r'HYPERLINK\s+"([^"]+)"')


def _link_unit(paragraphs, rels, location: Location) -> Unit | None:
    """The external targets of the paragraphs' hyperlinks that their text does not show, as a unit (see
    :func:`_targets_unit`): readers follow the target, not the words (附件1.doc → file:///C:/Users/…/附件1.doc,
    a link into the editor's own disk, or an ad site behind 点击查看). From ``w:hyperlink`` relationships and
    ``HYPERLINK "…"`` field codes."""
    targets: list[str] = []
    for p in paragraphs:
        for el in p.iter(_W + "hyperlink", _W + "instrText", _W + "fldSimple"):
            if el.tag == _W + "hyperlink":
                rel = rels.get(el.get(_R_ID)) if el.get(_R_ID) else None
                found = [rel.target_ref] if rel is not None and rel.is_external else []
            else:
                code = el.text if el.tag == _W + "instrText" else el.get(_W + "instr")
                found = _FIELD_URL.findall(code or "")
            targets.extend(url.strip() for url in found if url.strip())
    if not targets:
        return None
    return _targets_unit(targets, "\n".join(_para_text(p) for p in paragraphs), location)
