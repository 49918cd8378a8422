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

from collections.abc import Iterable, Iterator
from typing import Any

from ..model import Document, Finding
from .classify import Classification, Kind, classify
from .collector import LinkageCollector
from .features import DocFeatures, extract
from .index import LinkageIndex
from .options import LinkageOptions
from .resolve import LinkageResult, Orphan, Pair, PolicyStatus, resolve
from .scan import CollectionScan, linkage_reports, scan_collection
from .workdays import CalendarFileError, OutsideCalendar, WorkCalendar, WorkdayCount


def run(documents: Iterable[Document], config: Any = None, *, base_url: str | None = None) -> LinkageResult:
    """Both passes; the result has the findings and the per-policy status rows."""
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
