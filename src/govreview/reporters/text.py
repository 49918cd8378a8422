"""Human-readable output: each finding with its matched text highlighted in context,
then a summary table (per rule and severity, verdicts, errors)."""

from __future__ import annotations

from collections import Counter
from typing import IO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..model import Location, Report, is_title
from .csv_format import location_str

_SEV_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}
_SEV_ZH = {"high": "高", "medium": "中", "low": "低", "info": "提示"}
_VERDICT_ZH = {"block": "拦截", "review": "需复核", "pass": "通过"}


def _inside(loc: Location | None) -> str:
    """Where inside the document (sheet and cell, page, hidden part): line:column of the extracted text
    does not tell a reviewer where to look in a spreadsheet or a PDF."""
    if loc is None or not (loc.sheet or loc.cell or loc.page is not None or loc.hidden):
        return ""
    return location_str(loc.model_copy(update={"path": None, "member": None}))


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def snippet(source: str, start: int, end: int, width: int = 24) -> tuple[str, str, str]:
    lo = max(0, start - width)
    hi = min(len(source), end + width)
    clean = lambda s: s.replace("\r", " ").replace("\n", " ").replace("\t", " ")  # noqa: E731
    return clean(source[lo:start]), clean(source[start:end]), clean(source[end:hi])


class TextReporter:
    def __init__(self, stream: IO[str], *, sources: dict[str, str] | None = None, summary: bool = True,
                 show_clean: bool = False, **options: object):
        self.console = Console(file=stream, highlight=False, soft_wrap=True)
        self.sources = sources if sources is not None else {}
        self.summary = summary
        self.show_clean = show_clean
        self.rules: Counter[tuple[str, str]] = Counter()
        self.verdicts: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.docs = 0

    def add(self, report: Report, source: str | None = None) -> None:
        self.docs += 1
        self.verdicts[report.verdict.value] += 1
        for f in report.findings:
            self.rules[(f.rule, f.severity.value)] += 1
        for e in report.errors:
            self.errors[e.kind] += 1
        if not report.findings and not report.errors and not self.show_clean:
            return
        c = self.console
        v = report.verdict.value
        c.print(f"[bold]{escape(report.document.id)}[/bold]  结论: [{'bold red' if v == 'block' else 'yellow' if v == 'review' else 'green'}]"
                f"{_VERDICT_ZH[v]} ({v})[/]" + (f"  编码: {report.document.encoding}" if report.document.encoding else ""))
        src = source if source is not None else self.sources.get(report.document.id)
        views = None
        if src is not None and report.document.content_type == "html" and report.findings:
            from ..batch.process import finding_contexts

            views = finding_contexts(report, src, True, width=24)  # the page as read, not its markup
        for i, f in enumerate(report.findings):
            sev = f.severity.value
            where = ""
            ctx = ""
            fsrc = report.document.title if is_title(f) else src
            if f.start is not None and fsrc is not None:
                ln, col = line_col(fsrc, f.start)
                where = f"标题 {col}" if is_title(f) else f"{ln}:{col}"
                before, hit, after = views[i] if views is not None else snippet(fsrc, f.start, f.end or f.start)
                before, hit, after = (x.replace("\n", " ").replace("\t", " ") for x in (before, hit, after))
                ctx = f"    …{escape(before)}[reverse]{escape(hit)}[/reverse]{escape(after)}…"
            elif f.start is not None:
                where = f"@{f.start}"
            c.print(f"  [{_SEV_STYLE[sev]}]{_SEV_ZH[sev]:<2}[/] {escape(f.rule):<28} {where:<9} {escape(f.message)}")
            inside = _inside(f.location)
            if inside:
                c.print(f"    位置 {escape(inside)}")
            if ctx:
                c.print(ctx)
            if f.explanation.folds:
                c.print(f"    [dim]归一化: {', '.join(f.explanation.folds)}[/dim]")
        for e in report.errors:
            c.print(f"  [magenta]错误[/magenta] {escape(e.kind)}: {escape(e.message)}")
        c.print()

    def close(self) -> None:
        if not self.summary:
            return
        c = self.console
        t = Table(title=f"汇总 Summary — {self.docs} 个文档")
        t.add_column("规则 rule")
        for sev in ("high", "medium", "low", "info"):
            t.add_column(f"{_SEV_ZH[sev]} {sev}", justify="right")
        rules = sorted({r for r, _ in self.rules})
        for r in rules:
            t.add_row(r, *[str(self.rules.get((r, s), "")) for s in ("high", "medium", "low", "info")])
        if not rules:
            t.add_row("(无发现 no findings)", "", "", "", "")
        c.print(t)
        c.print("结论 verdicts: " + ", ".join(f"{_VERDICT_ZH[k]} {k}={self.verdicts.get(k, 0)}" for k in ("block", "review", "pass")))
        if self.errors:
            c.print("错误 errors: " + ", ".join(f"{k}={n}" for k, n in sorted(self.errors.items())))
