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

from ..model import Document, Report, ReviewError
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
    """One report per page that must change, with its linkage findings, built as pass 2 goes (not all held)."""
    for rec, findings in result.groups():
        doc = Document(id=rec.id, url=rec.url, title=rec.title, published_at=_day(rec.day))
        yield reviewer.assemble(doc, findings, [])


def _day(ordinal: int):
    from datetime import date

    return date.fromordinal(ordinal) if ordinal else None


def scan_collection(items: Iterable[Document | InputProblem], reviewer: Reviewer, *, linkage: bool = True,
                    base_url: str | None = None) -> CollectionScan:
    return CollectionScan(items, reviewer, linkage=linkage, base_url=base_url)
