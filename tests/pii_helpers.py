"""Shared helpers for the PII tests: build valid ID numbers from the vendored region table."""

from __future__ import annotations

import datetime as dt

from govreview.pii.regions import load_divisions
from govreview.pii.validate import id_check_digit


def make_id(region: str, birth: dt.date, seq: int = 123) -> str:
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + id_check_digit(body)


def county_codes() -> list[str]:
    return sorted(c for c, d in load_divisions().items() if d.level == "county")


def found(report, rule, *, min_severity=None):
    out = [f for f in report.findings if f.rule == rule]
    if min_severity is not None:
        out = [f for f in out if f.severity >= min_severity]
    return out


_INFO = None


def info_reviewer():
    """A reviewer that also reports ``info`` PII findings (office phones, addresses, credit codes)."""
    global _INFO
    if _INFO is None:
        from govreview import Reviewer

        _INFO = Reviewer({"options": {"pii": {"report_info": True}}})
    return _INFO
