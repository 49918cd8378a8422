"""JSON and JSON Lines: the ``govreview.report/v1`` contract, verbatim."""

from __future__ import annotations

from typing import IO

from ..model import Report


class JsonlReporter:
    """One report per line, flushed as it goes (pipelines, resumable scans)."""

    def __init__(self, stream: IO[str], **options: object):
        self.stream = stream

    def add(self, report: Report) -> None:
        self.stream.write(report.to_json())
        self.stream.write("\n")
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()


class JsonReporter:
    """A single report as an object (one document), or an array written incrementally."""

    def __init__(self, stream: IO[str], *, single: bool = False, **options: object):
        self.stream = stream
        self.single = single
        self.count = 0

    def add(self, report: Report) -> None:
        if self.single:
            self.stream.write(report.to_json(indent=2))
            self.stream.write("\n")
        else:
            self.stream.write("[\n" if self.count == 0 else ",\n")
            self.stream.write(report.to_json(indent=2))
        self.count += 1

    def close(self) -> None:
        if not self.single:
            self.stream.write("[]\n" if self.count == 0 else "\n]\n")
        self.stream.flush()
