"""Reporters: streaming writers of Reports, one module per format.

A reporter is a class with ``__init__(stream, **options)``, ``add(report)``
called as each report is ready, and ``close()`` at the end; the registry maps
a format name to it. Output never waits for the whole scan.
"""

from __future__ import annotations

from typing import IO, Protocol

from ..model import Report


class Reporter(Protocol):
    def __init__(self, stream: IO[str], **options: object) -> None: ...
    def add(self, report: Report) -> None: ...
    def close(self) -> None: ...


def get_reporter(name: str):
    from . import csv_format, html_report, json_formats, sarif, text

    table = {"text": text.TextReporter, "json": json_formats.JsonReporter, "jsonl": json_formats.JsonlReporter,
             "csv": csv_format.CsvReporter, "sarif": sarif.SarifReporter, "html": html_report.HtmlReporter}
    try:
        return table[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; choose from {', '.join(sorted(table))}") from None


FORMATS = ("text", "json", "jsonl", "csv", "sarif", "html")
