"""SARIF 2.1.0 for code-review tools and CI (GitHub code scanning and the like).

Streamed: the ``results`` array is written as reports arrive; the rule
descriptors (``tool.driver.rules``) go after it, since JSON object member
order is free. Severity maps high→error, medium→warning, low/info→note.
Error records become ``toolExecutionNotifications`` so unreviewed items stay
visible. Findings in archive members use the member path as the artifact URI
and the sheet/cell/page as a logical location; a record of a WARC or an
export uses its page URL, or the export with the record key as a logical
location.
"""

from __future__ import annotations

from urllib.parse import quote

from ..jsonsafe import dumps
from typing import IO

from ..model import Report
from .csv_format import location_str

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"high": "error", "medium": "warning", "low": "note", "info": "note"}


class SarifReporter:
    def __init__(self, stream: IO[str], **options: object):
        self.stream = stream
        self.rules: dict[str, dict] = {}
        self.notes: list[dict] = []
        self.n = 0
        stream.write('{"$schema": "%s", "version": "2.1.0", "runs": [{"results": [' % SCHEMA)

    @staticmethod
    def _record(report: Report, loc) -> str | None:
        """The item key of a record inside a file that is not a file of its own (a WARC record
        ``crawl.warc.gz#386``, an export line ``export.jsonl#L12``, a CSV row ``export.csv#R3``):
        the offsets index that record's text, not the file's bytes."""
        src = report.document.source or ""
        if loc is not None and loc.path and not loc.member and src.startswith(loc.path + "#"):
            return src
        return None

    def _uri(self, report: Report, loc) -> str:
        """A relative URI reference, as SARIF requires: non-ASCII (公示名单.xlsx), spaces, '#' and '%'
        percent-encoded (UTF-8), so that viewers resolve the file; '/' and '!' (archive!member) stay.
        A record inside a file (WARC, export) with a URL has that page as its artifact."""
        if report.document.url and self._record(report, loc):
            return quote(report.document.url, safe="/!:@$&'()*+,;=-._~?#%[]", errors="surrogatepass")
        if loc is not None and loc.path:
            raw = loc.path + (f"/{loc.member}" if loc.member else "")
        else:
            raw = report.document.source or report.document.id
        return quote(raw.replace("\\", "/"), safe="/!:@$&'()*+,;=-._~", errors="surrogatepass")

    def add(self, report: Report, **_: object) -> None:
        for f in report.findings:
            if f.rule not in self.rules:
                self.rules[f.rule] = {"id": f.rule, "properties": {"category": f.category.value},
                                      "defaultConfiguration": {"level": _LEVEL[f.severity.value]}}
            phys = {"artifactLocation": {"uri": self._uri(report, f.location)}}
            if f.start is not None:
                phys["region"] = {"charOffset": f.start, "charLength": (f.end or f.start) - f.start,
                                  "snippet": {"text": f.text}}
            loc: dict = {"physicalLocation": phys}
            where = location_str(f.location) if f.location and (f.location.sheet or f.location.cell or f.location.page or f.location.part) else ""
            record = self._record(report, f.location)
            if record and not report.document.url:  # the artifact is the whole export: name the record
                where = record + where[len(f.location.path):] if where.startswith(f.location.path) else f"{record} {where}".strip()
            if where:
                loc["logicalLocations"] = [{"fullyQualifiedName": where}]
            res = {"ruleId": f.rule, "level": _LEVEL[f.severity.value], "message": {"text": f.message},
                   "locations": [loc], "partialFingerprints": {"govreview/v1": f.fingerprint},
                   "properties": {"severity": f.severity.value, "category": f.category.value,
                                  "confidence": f.confidence, "document": report.document.id}}
            self.stream.write(("," if self.n else "") + dumps(res))
            self.n += 1
        for e in report.errors:
            self.notes.append({"level": "warning" if e.kind == "suppression" else "error",
                               "message": {"text": f"{report.document.id}: [{e.kind}] {e.message}"},
                               "locations": [{"physicalLocation": {"artifactLocation": {"uri": self._uri(report, e.location)}}}]})

    def close(self) -> None:
        run_rest = {
            "tool": {"driver": {"name": "govreview", "informationUri": "https://example.invalid/govreview",
                                "rules": sorted(self.rules.values(), key=lambda r: r["id"])}},
            "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": self.notes}],
            "columnKind": "unicodeCodePoints",
        }
        self.stream.write("], " + dumps(run_rest)[1:] + "]}\n")
        self.stream.flush()
