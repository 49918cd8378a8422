"""The automaton slots a detector reads, found once when the detector is built.

``ReviewContext.term_hits(lexicon=…, rule_prefix=…)`` tests every kept hit's
lexicon name or rule string on every document. The set of slots that pass is
fixed once the reviewer is built, so detectors compute it in ``__init__`` and
pick their hits with one set lookup each (``k.hit.slot in slots``): the same
hits, in the same order, without the per-document string work.
"""

from __future__ import annotations


def lexicon_slots(reviewer, *names: str) -> frozenset[int]:
    """Slots of the lexicons called ``names`` (as ``term_hits(lexicon=name)`` selects them)."""
    return frozenset(i for i, s in enumerate(reviewer.matcher.slots) if s.lexicon.name in names)


def rule_slots(reviewer, prefix: str) -> frozenset[int]:
    """Slots whose entry's rule is ``prefix`` or below it (as ``term_hits(rule_prefix=prefix)`` selects them)."""
    return frozenset(i for i, s in enumerate(reviewer.matcher.slots)
                     if s.entry.rule == prefix or s.entry.rule.startswith(prefix + "."))
