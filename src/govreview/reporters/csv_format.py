"""CSV: one row per finding (spreadsheet triage), plus one row per error so nothing is hidden.

UTF-8 with a BOM so Excel on Chinese Windows opens it correctly; cells that
start with ``= + - @`` are prefixed with ``'`` (CSV formula injection: the
matched text comes from untrusted pages).
"""

from __future__ import annotations

import csv
from typing import IO

from ..model import Location, Report

COLUMNS = ("document", "source", "verdict", "rule", "category", "severity", "start", "end", "text", "message",
           "location", "confidence", "fingerprint", "error_kind", "error")


_HIDDEN_ZH = {"sheet": "（隐藏的工作表 hidden sheet）", "row": "（隐藏行 hidden row）", "column": "（隐藏列 hidden column）",
              "revision": "（修订时删除、仍保存在文件中的文字 deleted revision still in the file）",
              "vanish": "（隐藏文字 hidden text）", "comment": "（批注/注释 comment）", "metadata": "（文档属性 document property）"}


def location_str(loc: Location | None) -> str:
    """``a.zip!附件/名单.xlsx Sheet1!C12`` style, the same in every reporter."""
    if loc is None:
        return ""
    parts = []
    if loc.path:
        parts.append(loc.path + (f"!{loc.member}" if loc.member else ""))
    elif loc.member:
        parts.append(loc.member)
    if loc.sheet or loc.cell:
        parts.append(f"{loc.sheet}!{loc.cell}" if loc.sheet else f"{loc.cell}")
    if loc.hidden:
        parts.append(_HIDDEN_ZH.get(loc.hidden, loc.hidden))
    if loc.page is not None:
        parts.append(f"第{loc.page}页 p.{loc.page}")
    if loc.part:
        parts.append(loc.part)
    if loc.paragraph is not None:
        parts.append(f"¶{loc.paragraph}")
    return " ".join(parts)


def _safe(v: object) -> str:
    s = "" if v is None else str(v)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


class CsvReporter:
    def __init__(self, stream: IO[str], **options: object):
        self.stream = stream
        stream.write("\ufeff")
        self.w = csv.writer(stream)
        self.w.writerow(COLUMNS)

    def add(self, report: Report, **_: object) -> None:
        d = report.document
        for f in report.findings:
            self.w.writerow([_safe(x) for x in (d.id, d.source, report.verdict.value, f.rule, f.category.value, f.severity.value,
                                                f.start, f.end, f.text, f.message, location_str(f.location), f.confidence,
                                                f.fingerprint, "", "")])
        for e in report.errors:
            self.w.writerow([_safe(x) for x in (d.id, d.source, report.verdict.value, e.rule or "", "", "", "", "", "", "",
                                                location_str(e.location), "", "", e.kind, e.message)])
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()
