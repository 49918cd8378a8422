"""The text the personal-data detectors read: the view, with traditional characters simplified.

Their context words (申请人, 住址, 手机, 卡号, 单元, 栋…) are simplified Chinese, and 繁体 pages —
a site's 繁体 version, a page pasted from a 繁体 source — carry the same records in traditional
script (申請人, 戶籍地, 3棟2單元, 手機). With the ``t2s`` fold on, a page that holds a traditional-only
character is read through OpenCC's character table (:func:`govreview.normalize.t2s_table`). The
table maps one code point to one code point, so every offset into this text is the same offset
into the view: findings are still built from view offsets and sliced from the caller's input.
"""

from __future__ import annotations

from ..detectors._charclasses import TRADITIONAL, present
from ..normalize import t2s_table


def context_text(ctx) -> str:
    """``ctx.text``, simplified when the t2s fold is on and the page has traditional characters;
    computed once per review and cached on the context."""
    cached = getattr(ctx, "_pii_text", None)
    if cached is None:
        cached = ctx.text
        if ctx.folded.settings.t2s and present(ctx) & TRADITIONAL:
            cached = cached.translate(t2s_table())
            assert len(cached) == len(ctx.text)  # one code point for one: offsets are the view's
        ctx._pii_text = cached
    return cached
