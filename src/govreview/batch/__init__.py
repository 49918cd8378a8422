"""Bulk archive scanning: sources → tasks → worker processes → one record per item.

Public entry points::

    from govreview.batch import scan_iter, scan_partition, ScanSettings
    for result in scan_iter("site-archive.tar.gz", ScanSettings(), workers=8): ...
    for report in scan_partition([{"id": "a1", "html": "<p>…</p>"}]): ...

See ``docs/batch.md``.
"""

from __future__ import annotations

from collections.abc import Iterator

from .extractors import Extracted, NotReviewed, Unit, extractor, get_extractor
from .limits import Limits
from .pool import default_workers, run
from .process import ItemResult, Processor, ScanSettings, scan_partition
from .sources import FieldMap, Sources
from .summary import Summary
from .tasks import Task


def scan_iter(target: str, settings: ScanSettings | None = None, *, workers: int = 1, skip: set[str] | None = None,
              sources: Sources | None = None) -> Iterator[ItemResult]:
    """Stream one ItemResult per input item of ``target`` (items whose key is in ``skip`` are left out)."""
    settings = settings or ScanSettings()
    src = sources or Sources(settings.limits, settings.fieldmap)
    tasks = src.tasks(target)
    if skip:
        tasks = (t for t in tasks if t.key not in skip)
    return run(tasks, settings, workers)


__all__ = ["Extracted", "FieldMap", "ItemResult", "Limits", "NotReviewed", "Processor", "ScanSettings", "Sources",
           "Summary", "Task", "Unit", "default_workers", "extractor", "get_extractor", "run", "scan_iter", "scan_partition"]
