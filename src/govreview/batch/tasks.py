"""Tasks: small, picklable descriptions of one input item.

A task names where its bytes are (a file path, a zip member) so a worker
process reads them itself; only items that cannot be reopened cheaply
(tar.gz members, nested-archive members, stdin and export records) carry
their bytes or fields. ``key`` is unique per item within a scan and becomes
``Report.document.source``: the resume checkpoint is built from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Task:
    key: str
    kind: str  # file | zip | bytes | record | problem
    name: str = ""  # file/member name; its suffix picks the extractor
    doc_id: str | None = None
    path: str | None = None  # file, or the archive a zip member lives in
    member: str | None = None  # member name inside ``path`` (zip) or the member chain (nested)
    data: bytes | None = None
    record: dict[str, Any] | None = None
    problem: tuple[str, str] | None = None  # (kind, message) for items known to be unreadable
    size: int = 0  # bytes, for progress
    meta: dict[str, Any] = field(default_factory=dict)  # url, title... for records and WARC responses
    open_as: str | None = None  # the name zipfile knows ``member`` by, where they differ (legacy GBK names)

    @property
    def id(self) -> str:
        return self.doc_id or self.key


def problem(key: str, kind: str, message: str, *, path: str | None = None, member: str | None = None) -> Task:
    return Task(key=key, kind="problem", path=path, member=member, problem=(kind, message))
