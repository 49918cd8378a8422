"""Per-request rule/category selection, applied by filtering the full report.

Why filtering and not one cached Reviewer per selection: the expensive part
of a review (folding and the one automaton pass) is shared by every rule, so
a narrower Reviewer saves little per request, while each distinct selection
would cost a Reviewer build and its memory — and a client could force
rebuilds by varying selections. Filtering is exact because overlap
resolution is per rule: a rule's findings do not depend on which other rules
ran. The verdict is recomputed from the kept findings (``engine.verdict_for``)
and the report's ``config_digest`` is derived from the server's digest and
the selection, so two differently filtered reports never claim the same
configuration. A selection narrows the server's configuration; it cannot turn
on a rule the server disabled.
"""

from __future__ import annotations

import hashlib
import json

from ..config import ReviewConfig, prefix_known
from ..engine import Reviewer, verdict_for
from ..model import Category, Report
from .errors import ApiError
from .schemas import Selection


def selection_config(sel: Selection, reviewer: Reviewer) -> ReviewConfig | None:
    """The selection as a ReviewConfig (reusing its enable/disable semantics); None when nothing is selected.

    Unknown rule ids or prefixes are a 422: a typo must not silently select nothing.
    """
    if sel.empty:
        return None
    ids = list(reviewer.rules)
    unknown = [p for p in [*(sel.rules or []), *sel.exclude] if not prefix_known(p, ids)]
    if unknown:
        raise ApiError(422, "unknown_rule", "未知的规则或类别 unknown rule id, prefix or category (see GET /v1/rules)",
                       details=[{"rule": p} for p in unknown[:20]])
    disable_categories = tuple(c for c in Category if sel.categories is not None and c not in sel.categories)
    return ReviewConfig(enable=tuple(sel.rules or ()), disable=tuple(sel.exclude), disable_categories=disable_categories)


def selection_digest(base: str, sel: ReviewConfig) -> str:
    blob = json.dumps([base, sel.model_dump(mode="json", include={"enable", "disable", "disable_categories"})],
                      sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def apply_selection(report: Report, sel: ReviewConfig | None, reviewer: Reviewer) -> Report:
    if sel is None:
        return report
    kept = [f for f in report.findings if sel.rule_enabled(f.rule, f.category)]
    return report.model_copy(update={
        "findings": kept,
        "verdict": verdict_for(kept, reviewer.config),
        "config_digest": selection_digest(report.config_digest, sel),
    })
