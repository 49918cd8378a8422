"""Building PII findings cheaply, and the one switch for ``info`` findings.

Every government page carries office phones, the office address and the
office mailbox. Classifying them as ``info`` is the point of the context
rules, but *reporting* each one costs a finding per contact line on every
page of a 10^7-page archive and buries the real leaks. So ``info`` findings
(office phones and addresses, organisation mailboxes and accounts, credit
codes) are emitted only when asked for::

    [options.pii]
    report_info = true

Findings are built with the canonical value as their normalised form (digits
folded to ASCII, separators dropped) — the same ID in two formats gets one
fingerprint — and without re-running the folds on the value, which the
numbers do not need and which dominated the cost of a finding.
"""

from __future__ import annotations

import unicodedata

from ..lazyre import lazy_regex
from ..model import Finding, Severity

_SEPS = lazy_regex(r"[\s\u200b\-－()（）]")


def canonical(value: str) -> str:
    v = unicodedata.normalize("NFKC", value)
    return _SEPS.sub("", v) if any(c.isdigit() for c in v) else v


def report_info(ctx) -> bool:
    return bool(ctx.options("pii").get("report_info", False))


def pii_finding(ctx, rule: str, start: int, end: int, **kw) -> Finding | None:
    """``ctx.finding`` with the canonical value; ``None`` for an ``info`` finding nobody asked for."""
    sev = kw.get("severity")
    if sev is not None and Severity(sev) is Severity.info and not report_info(ctx):
        return None
    kw.setdefault("folds", [])
    kw.setdefault("normalized", canonical(ctx.raw_text[start:end]))
    return ctx.finding(rule, start, end, **kw)
