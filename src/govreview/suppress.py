"""Inline suppressions for reviewed exceptions in HTML sources.

    <!-- govreview: ignore pii.phone.landline reason="对外公开的咨询电话" -->
    <p>咨询电话：010-12345678</p>

A marker applies to the **next element** (from its start tag to the matching
end tag) and to the listed rules (space/comma separated; a prefix such as
``pii`` covers ``pii.phone.landline``). ``reason`` is recorded; a marker
without one is reported, and so is a marker that suppressed nothing (the
exception it documented has gone, so the marker should go too). Both are
``Report.errors`` entries of kind ``suppression``: they never change the
verdict by themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .config import ReviewConfig
from .lazyre import lazy_regex
from .model import Report, ReviewError

_MARK = lazy_regex(r"<!--\s*govreview:\s*ignore\s+(?P<body>.*?)-->", regex.S | regex.I)
_REASON = lazy_regex(r"""reason\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""", regex.I)
_TAG = lazy_regex(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*?(/?)>", regex.S)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Suppression:
    rules: tuple[str, ...]
    reason: str | None
    mark_start: int
    start: int  # span of the element it applies to, in the HTML source
    end: int
    used: int = 0

    def covers(self, rule: str, pos: int) -> bool:
        return self.start <= pos < self.end and any(rule == r or rule.startswith(r + ".") for r in self.rules)


def _element_span(html: str, pos: int) -> tuple[int, int]:
    """From the first start tag at/after ``pos`` to the end of its matching end tag."""
    m = _TAG.search(html, pos)
    while m and m.group(1):  # skip stray end tags
        m = _TAG.search(html, m.end())
    if not m:
        return pos, pos
    name = m.group(2).lower()
    if m.group(3) or name in _VOID:
        return m.start(), m.end()
    depth = 1
    for t in _TAG.finditer(html, m.end()):
        if t.group(2).lower() != name or t.group(3):
            continue
        depth += -1 if t.group(1) else 1
        if depth == 0:
            return m.start(), t.end()
    return m.start(), len(html)


def parse_suppressions(html: str) -> list[Suppression]:
    out = []
    for m in _MARK.finditer(html):
        body = m.group("body")
        rm = _REASON.search(body)
        reason = next((g for g in rm.groups() if g is not None), None) if rm else None
        rules_part = body[:rm.start()] if rm else body
        rules = tuple(r for r in regex.split(r"[\s,，]+", rules_part.strip()) if r)
        s, e = _element_span(html, m.end())
        out.append(Suppression(rules, reason, m.start(), s, e))
    return out


def _line(html: str, pos: int) -> int:
    return html.count("\n", 0, pos) + 1


def apply_suppressions(report: Report, html: str, config: ReviewConfig) -> Report:
    sups = parse_suppressions(html)
    if not sups:
        return report
    kept = []
    for f in report.findings:
        hit = next((s for s in sups if f.start is not None and s.covers(f.rule, f.start)), None)
        if hit is None:
            kept.append(f)
        else:
            hit.used += 1
    errors = list(report.errors)
    for s in sups:
        where = f"第 {_line(html, s.mark_start)} 行 line {_line(html, s.mark_start)}"
        if not s.rules:
            errors.append(ReviewError(kind="suppression", message=f"忽略标记未列出规则 suppression marker lists no rule ({where})"))
        elif s.used == 0:
            errors.append(ReviewError(kind="suppression", rule=s.rules[0],
                                      message=f"未使用的忽略标记 unused suppression of {' '.join(s.rules)} ({where}): nothing matched; remove it"))
        if s.rules and not s.reason:
            errors.append(ReviewError(kind="suppression", rule=s.rules[0],
                                      message=f"忽略标记缺少 reason suppression without reason ({where})"))
    if len(kept) == len(report.findings) and len(errors) == len(report.errors):
        return report
    from .engine import verdict_for

    return report.model_copy(update={"findings": kept, "errors": errors, "verdict": verdict_for(kept, config)})
