"""Progress: a rich bar on a terminal, a plain line every few seconds otherwise (logs, CI)."""

from __future__ import annotations

import sys
import time
from typing import IO

from .summary import Summary


class Progress:
    def __init__(self, summary: Summary, stream: IO[str] | None = None, *, enabled: bool = True,
                 interval: float = 10.0, total: int | None = None):
        self.summary = summary
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.interval = interval
        self.t0 = time.monotonic()
        self.last = self.t0
        self.total = total
        self._bar = None
        self._task = None
        if enabled and getattr(self.stream, "isatty", lambda: False)():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeRemainingColumn

            self._bar = RichProgress(TextColumn("[bold]扫描 scanning"), BarColumn(), MofNCompleteColumn(),
                                     TextColumn("{task.fields[stats]}"), TimeRemainingColumn(),
                                     console=Console(file=self.stream), transient=False)
            self._task = self._bar.add_task("scan", total=total, stats="")
            self._bar.start()

    def _stats(self) -> str:
        s = self.summary
        dt = max(time.monotonic() - self.t0, 1e-9)
        return (f"{s.items} items, {s.bytes / 1e6:.1f} MB, {s.items / dt:.1f} items/s, "
                f"{s.bytes / 1e6 / dt:.2f} MB/s, findings {s.findings}, errors {s.errors}")

    def update(self) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if self._bar is not None:
            if now - self.last >= 0.2:
                self._bar.update(self._task, completed=self.summary.items, stats=self._stats())
                self.last = now
        elif now - self.last >= self.interval:
            print(f"govreview: {self._stats()}", file=self.stream, flush=True)
            self.last = now

    def close(self) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=self.summary.items, stats=self._stats())
            self._bar.stop()

    def elapsed(self) -> float:
        return time.monotonic() - self.t0
