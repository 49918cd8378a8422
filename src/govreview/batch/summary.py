"""End-of-scan accounting: items in = reports + errors, per rule and severity,
top documents, errors by kind, files skipped as non-documents."""

from __future__ import annotations

import heapq
from collections import Counter
from typing import IO

from .process import ItemResult

_SEVS = ("high", "medium", "low", "info")


class Summary:
    def __init__(self) -> None:
        self.items = 0
        self.reports = 0
        self.errors = 0
        self.resumed = 0
        self.bytes = 0
        self.findings = 0
        self.rules: Counter[tuple[str, str]] = Counter()
        self.error_kinds: Counter[str] = Counter()
        self.verdicts: Counter[str] = Counter()
        self.skipped: Counter[str] = Counter()
        self._top: list[tuple[int, str]] = []
        self.timings: Counter[str] = Counter()
        self.linkage_reports = 0  # extra records from the collection-level linkage pass (not input items)

    def add(self, r: ItemResult) -> None:
        self.items += 1
        self.bytes += r.size
        if r.is_error:
            self.errors += 1
        else:
            self.reports += 1
        self.verdicts[r.verdict] += 1
        self.findings += len(r.findings)
        for rule, sev, *_ in r.findings:
            self.rules[(rule, sev)] += 1
        for k in r.error_kinds:
            self.error_kinds[k] += 1
        for k, v in r.timings.items():
            self.timings[k] += v
        if r.findings:
            entry = (len(r.findings), r.doc_id)
            if len(self._top) < 10:
                heapq.heappush(self._top, entry)
            else:
                heapq.heappushpop(self._top, entry)

    def balanced(self) -> bool:
        return self.items == self.reports + self.errors

    def line(self) -> str:
        s = f"条目 items in: {self.items} = 报告 reports {self.reports} + 错误 errors {self.errors}"
        if self.resumed:
            s += f"（续扫跳过已完成 resumed, already in output: {self.resumed}）"
        return s

    def add_linkage(self, report) -> None:
        """A record of the linkage pass: its findings count in the totals and the rule table; it is not an
        input item (items in = reports + errors still holds), and a page's verdict is its item's."""
        self.linkage_reports += 1
        self.findings += len(report.findings)
        for f in report.findings:
            self.rules[(f.rule, f.severity.value)] += 1

    def render(self, stream: IO[str]) -> None:
        from rich.console import Console
        from rich.table import Table

        c = Console(file=stream, highlight=False, soft_wrap=True)
        c.print(f"[bold]{self.line()}[/bold]")
        c.print(f"发现 findings: {self.findings}; 结论 verdicts: " +
                ", ".join(f"{k}={self.verdicts.get(k, 0)}" for k in ("block", "review", "pass")))
        if self.rules:
            t = Table(title="按规则与严重程度 per rule and severity")
            t.add_column("规则 rule")
            for s in _SEVS:
                t.add_column(s, justify="right")
            for rule in sorted({r for r, _ in self.rules}):
                t.add_row(rule, *[str(self.rules.get((rule, s), "")) for s in _SEVS])
            c.print(t)
        if self._top:
            t = Table(title="发现最多的文档 top documents")
            t.add_column("文档 document")
            t.add_column("发现 findings", justify="right")
            for n, doc in sorted(self._top, reverse=True):
                t.add_row(doc, str(n))
            c.print(t)
        if self.error_kinds:
            t = Table(title="错误类型 errors by kind")
            t.add_column("kind")
            t.add_column("count", justify="right")
            for k, n in self.error_kinds.most_common():
                t.add_row(k, str(n))
            c.print(t)
        if self.linkage_reports:
            c.print(f"政策解读关联 linkage: {self.linkage_reports} 个页面需修改 pages to change (extra records after the items)")
        if self.skipped:
            c.print("非文档文件（未作为条目） non-document files skipped: " +
                    ", ".join(f"{k}={n}" for k, n in self.skipped.most_common(12)))
