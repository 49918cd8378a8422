"""``govreview scan`` integration: per-document reports stream in pass 1, linkage reports follow in pass 2.

Choice (see docs/linkage.md): linkage findings are emitted as *additional
records* at the end of the stream — one ``Report`` per page that must change,
carrying only its linkage findings — rather than merged into the page's
earlier report, because merging would mean holding every report until the
whole export has been read. Consumers that want one record per page merge by
``document.id``. Items that could not be read still produce their error
report and are simply absent from the index.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..model import Document, Finding, Report, ReviewError
from .collector import LinkageCollector
from .resolve import LinkageResult

if TYPE_CHECKING:  # pragma: no cover
    from ..engine import Reviewer
    from ..inputs import InputProblem


class CollectionScan:
    """Iterate to get ``(report, source)`` pairs; after the loop, ``result`` holds the linkage result (or None)."""

    def __init__(self, items: Iterable[Document | InputProblem], reviewer: Reviewer, *, linkage: bool = True,
                 base_url: str | None = None):
        self.items = items
        self.reviewer = reviewer
        self.collector = LinkageCollector(reviewer.config, base_url=base_url) if linkage else None
        self.result: LinkageResult | None = None

    def __iter__(self) -> Iterator[tuple[Report, str | None]]:
        rv = self.reviewer
        for item in self.items:
            if not isinstance(item, Document):
                yield item.report(rv.lexicon_version, rv.config_digest), None
                continue
            report = rv.review(item)
            if self.collector is not None:
                try:
                    self.collector.add(item)
                except Exception as exc:  # never lose the document: say linkage could not read it
                    err = ReviewError(kind="linkage", detector="linkage",
                                      message=f"linkage index could not read this document: {type(exc).__name__}: {exc}")
                    report = report.model_copy(update={"errors": [*report.errors, err]})
            yield report, item.content
        if self.collector is None:
            return
        self.result = self.collector.finish()
        yield from ((r, None) for r in linkage_reports(self.result, rv))


def linkage_reports(result: LinkageResult, reviewer: Reviewer) -> Iterator[Report]:
    """One report per page that must change, in index order, with its linkage findings."""
    by_doc: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_doc.setdefault(f.explanation.details["document_id"], []).append(f)
    if not by_doc:
        return
    recs = {}
    for row in result.rows:
        recs[row.policy.id] = row.policy
        for q in row.pairs:
            recs[q.interpretation.id] = q.interpretation
    for rec, _ in result.orphans:
        recs[rec.id] = rec
    for doc_id, findings in by_doc.items():
        rec = recs.get(doc_id)
        doc = Document(id=doc_id, url=rec.url if rec else None, title=rec.title if rec else None,
                       published_at=_day(rec.day) if rec else None)
        yield reviewer.assemble(doc, findings, [])


def _day(ordinal: int):
    from datetime import date

    return date.fromordinal(ordinal) if ordinal else None


def scan_collection(items: Iterable[Document | InputProblem], reviewer: Reviewer, *, linkage: bool = True,
                    base_url: str | None = None) -> CollectionScan:
    return CollectionScan(items, reviewer, linkage=linkage, base_url=base_url)
