"""Policy ↔ interpretation (政策文件 ↔ 解读) linkage across a site export.

Two passes over a stream: pass 1 classifies each page (policy /
interpretation / other) and keeps a compact index (:mod:`.index`); pass 2
pairs interpretations with policies by link, 文号 and title and applies the
rules ``linkage.missing_interpretation``, ``linkage.missing_backlink``,
``linkage.late`` and ``linkage.orphan_interpretation`` (plus
``linkage.undetermined`` when a date is unknown or outside the working-day
calendar). See docs/linkage.md.

    from govreview.linkage import check
    for finding in check(documents, config):      # documents: iterable of govreview.Document
        print(finding.explanation.details["document_id"], finding.rule, finding.related)
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Document, Finding
    from .resolve import LinkageResult

# Public names and the submodule that defines each. Loaded on first use (PEP 562), because
# every review imports ``linkage.rules`` (to list the rules) and the rest of the package —
# calendars, indexes, title matching, ~20 compiled patterns — costs a tenth of the
# cold-start budget that a one-draft CMS check does not need.
_EXPORTS = {
    "Classification": "classify", "Kind": "classify", "classify": "classify",
    "LinkageCollector": "collector",
    "DocFeatures": "features", "extract": "features",
    "LinkageIndex": "index",
    "LinkageOptions": "options",
    "LinkageResult": "resolve", "Orphan": "resolve", "Pair": "resolve", "PolicyStatus": "resolve", "resolve": "resolve",
    "CollectionScan": "scan", "linkage_reports": "scan", "scan_collection": "scan",
    "CalendarFileError": "workdays", "OutsideCalendar": "workdays", "WorkCalendar": "workdays", "WorkdayCount": "workdays",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def run(documents: Iterable[Document], config: Any = None, *, base_url: str | None = None) -> LinkageResult:
    """Both passes; the result has the findings and the per-policy status rows."""
    from .collector import LinkageCollector

    c = LinkageCollector(config, base_url=base_url)
    for d in documents:
        c.add(d)
    return c.finish()


def check(documents: Iterable[Document], config: Any = None, *, base_url: str | None = None) -> Iterator[Finding]:
    """Linkage findings for a collection; each names its page in ``explanation.details['document_id']``."""
    for _, findings in run(documents, config, base_url=base_url).groups():
        yield from findings


__all__ = [
    "CalendarFileError", "Classification", "CollectionScan", "DocFeatures", "Kind", "LinkageCollector", "LinkageIndex",
    "LinkageOptions", "LinkageResult", "Orphan", "OutsideCalendar", "Pair", "PolicyStatus", "WorkCalendar", "WorkdayCount", "check",
    "classify", "extract", "linkage_reports", "resolve", "run", "scan_collection",
]
