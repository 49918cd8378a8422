"""Lexicon terms: one finding per surviving hit of every ``kind: terms`` lexicon.

The rules come from the lexicons themselves (header ``rule``/``category``/
``severity``/``description``), so a user lexicon adds rules without code.
Lexicons whose header names another ``detector`` are left to that detector,
which applies its own position logic (e.g. secrecy labels).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import Category, Finding, Severity
from ..registry import Rule, detector

NAME = "terms"


def _owned(lexicon) -> bool:
    return lexicon.kind == "terms" and lexicon.header.get("detector", NAME) == NAME


@detector(name=NAME, order=10)
class TermDetector:
    """Reports lexicon terms found in the folded text."""

    def __init__(self, reviewer):
        self.lexicons = {lx.name for lx in reviewer.lexicons if _owned(lx)}

    @staticmethod
    def dynamic_rules(reviewer) -> Iterable[Rule]:
        seen: dict[str, Rule] = {}
        for lx in reviewer.lexicons:
            if not _owned(lx):
                continue
            desc = lx.header.get("description") or f"词表 {lx.name} 中的词语"
            for e in lx.entries:
                if e.rule not in seen:
                    seen[e.rule] = Rule(e.rule, e.category, e.severity, desc, lx.header.get("message"))
        return seen.values()

    def detect(self, ctx) -> Iterator[Finding]:
        for k in ctx.kept:
            slot = ctx.slot(k.hit)
            if slot.lexicon.name in self.lexicons:
                yield ctx.term_finding(k)


__all__ = ["TermDetector", "Category", "Severity"]
