"""Text deleted under track changes (修订) in Word documents, as a unit of its own.

Word hides deleted text in the final view but keeps it in the file; the unit is the paragraph as it read
before the edit, where only the deleted text is the point (``Unit.only``).
"""

from __future__ import annotations

from ...model import Location
from .units import Unit
from .word_text import _SKIP_IN_PARAGRAPH, _W, _marked_text


_INSERTED = frozenset((_W + "ins", _W + "moveTo"))
_NOT_BEFORE = _SKIP_IN_PARAGRAPH - {_W + "del"} | _INSERTED


def _text_before_revision(paragraphs) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The paragraphs as they read before tracked changes, and the spans of the deleted text in it.

    Track changes keep deleted text in the file (``w:del``/``w:delText``): Word hides it in the final view,
    but 显示标记 or any unzip shows it, so a 公示 whose editor deleted an ID number with 修订 on still
    publishes it. Insertions are left out (they are not in the old version); ``(text, ())`` when
    nothing non-blank was deleted."""
    return _marked_text(paragraphs, _NOT_BEFORE, 1)


def _revision_unit(paragraphs, location: Location) -> Unit | None:
    """A unit for the text deleted under track changes in these paragraphs (see :func:`_text_before_revision`)."""
    if not any(True for p in paragraphs for _ in p.iter(_W + "delText")):
        return None
    text, spans = _text_before_revision(paragraphs)
    if not spans:
        return None
    return Unit(text, location.model_copy(update={"hidden": "revision"}), only=spans)
