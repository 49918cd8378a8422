"""The two passes wired together: feed documents (pass 1), then ``finish`` (pass 2)."""

from __future__ import annotations

from typing import Any

from ..model import Document, Finding
from .classify import Classification
from .features import extract
from .index import LinkageIndex
from .options import LinkageOptions
from .resolve import LinkageResult, resolve
from .workdays import WorkCalendar


class LinkageCollector:
    """Pass 1 keeps a :class:`LinkageIndex` only; documents are not retained."""

    def __init__(self, config: Any = None, *, base_url: str | None = None, calendar: WorkCalendar | None = None):
        opts = LinkageOptions.from_config(config)
        if base_url:
            opts = opts.model_copy(update={"base_url": base_url})
        self.options = opts
        self.config = config
        self.index = LinkageIndex(opts)
        self.calendar = calendar or WorkCalendar(opts.calendar_files)  # fail early on a bad calendar file

    def add(self, document: Document) -> Classification:
        f = extract(document, base_url=self.options.base_url, head_chars=self.options.head_chars)
        return self.index.add(f)

    def finish(self) -> LinkageResult:
        result = resolve(self.index, self.calendar)
        enabled = getattr(self.config, "rule_enabled", None)
        severity_for = getattr(self.config, "severity_for", None)
        if enabled is None and severity_for is None:
            return result

        def keep(f: Finding) -> Finding | None:
            if enabled is not None and not enabled(f.rule, f.category):
                return None
            if severity_for is not None:
                sev = severity_for(f.rule, f.severity)
                if sev != f.severity:
                    return f.model_copy(update={"severity": sev})
            return f

        result.keep = keep
        return result
