"""Which raw matches survive: allow-lists, entry constraints and negation cues.

Government text talks *about* secrecy, privacy and ads all the time
("不得发布广告等经营性信息", "不涉及国家秘密"). A bare-word matcher that flags the
rules themselves is useless, so a term hit is kept only if

* it is not inside an allow-list match (``kind: allow`` lexicons, config allow terms);
* its entry's ``near`` words occur within its window and ``not_near`` words do not;
* its ``before``/``after`` patterns match the original text around it;
* for lexicons with ``negation: true``, no prohibition/negation cue
  (``lexicons/context_cues.tsv``) stands before it — or, for post-posed cues
  (…信息不得公开), after it — in the same clause.

Cues and allow terms are matched by the same automaton pass as the terms, so
this costs no extra scan. Each decision is recorded so that explanations can
say which context words changed the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .matcher import Hit, Slot
from .model import ContextEffect
from .normalize import Folded

CUE_BEFORE = "context.negation.before"
CUE_AFTER = "context.negation.after"
CUE_WINDOW = 12
_CLAUSE_END = regex.compile(r"[。！？；;!?\n]")


@dataclass(frozen=True, slots=True)
class KeptHit:
    hit: Hit
    context: tuple[ContextEffect, ...] = ()


def _clause_clear(text: str, a: int, b: int) -> bool:
    return a >= b or _CLAUSE_END.search(text, a, b) is None


def _window_has(folded_text: str, words: tuple[str, ...], start: int, end: int, window: int) -> str | None:
    lo = max(0, start - window)
    hi = min(len(folded_text), end + window)
    seg = folded_text[lo:hi]
    for w in words:
        if w and w in seg:
            return w
    return None


class HitFilter:
    """Built once per Reviewer: folded context words per slot, cue and allow slot sets."""

    def __init__(self, slots: list[Slot], fold_word):
        self.slots = slots
        self.cue_before = {i for i, s in enumerate(slots) if s.lexicon.kind == "data" and s.entry.rule == CUE_BEFORE}
        self.cue_after = {i for i, s in enumerate(slots) if s.lexicon.kind == "data" and s.entry.rule == CUE_AFTER}
        self.allow = {i for i, s in enumerate(slots) if s.lexicon.kind == "allow"}
        self.near = {i: tuple(fold_word(w) for w in s.entry.near) for i, s in enumerate(slots) if s.entry.near}
        self.not_near = {i: tuple(fold_word(w) for w in s.entry.not_near) for i, s in enumerate(slots) if s.entry.not_near}

    def allow_spans(self, hits: list[Hit]) -> list[tuple[int, int, tuple[str, ...]]]:
        return [(h.start, h.end, self.slots[h.slot].entry.applies_to) for h in hits if h.slot in self.allow]

    def filter(self, hits: list[Hit], folded: Folded) -> list[KeptHit]:
        """Term hits (kind 'terms') that survive; see the module docstring."""
        ftext = folded.text
        allow = self.allow_spans(hits)
        cues_b = [h for h in hits if h.slot in self.cue_before]
        cues_a = [h for h in hits if h.slot in self.cue_after]
        kept: list[KeptHit] = []
        for h in hits:
            slot = self.slots[h.slot]
            if slot.lexicon.kind != "terms":
                continue
            e = slot.entry
            if slot.ascii_word and not _ascii_boundary(folded, h.start, h.end):
                continue
            if any(
                a <= h.start and h.end <= b
                for a, b, applies in allow
                if not applies or e.rule in applies or e.category.value in applies
            ):
                continue
            effects: list[ContextEffect] = []
            if h.slot in self.near:
                w = _window_has(ftext, self.near[h.slot], h.start, h.end, e.window)
                if w is None:
                    continue
                effects.append(ContextEffect(word=w, effect="require"))
            if h.slot in self.not_near and _window_has(ftext, self.not_near[h.slot], h.start, h.end, e.window):
                continue
            if e.before is not None or e.after is not None:
                os_, oe = folded.to_original(h.start, h.end)
                orig = folded.original
                if e.after is not None and not e.after.match(orig, oe, min(len(orig), oe + 40)):
                    continue
                if e.before is not None and not e.before.search(orig[max(0, os_ - 40):os_]):
                    continue
            if slot.lexicon.negation:
                cue = _negated(h, cues_b, cues_a, ftext, self.slots)
                if cue is not None:
                    continue
            kept.append(KeptHit(h, tuple(effects)))
        return kept


def _negated(h: Hit, cues_b: list[Hit], cues_a: list[Hit], ftext: str, slots: list[Slot]) -> str | None:
    for c in cues_b:
        if c.end <= h.start and h.start - c.end <= CUE_WINDOW and _clause_clear(ftext, c.end, h.start):
            return slots[c.slot].entry.term
    for c in cues_a:
        if c.start >= h.end and c.start - h.end <= CUE_WINDOW and _clause_clear(ftext, h.end, c.start):
            return slots[c.slot].entry.term
    return None


def negation_cue(h: Hit, cues_b: list[Hit], cues_a: list[Hit], ftext: str, slots: list[Slot]) -> str | None:
    """Public form of the cue test, for detectors that decide by their own rules."""
    return _negated(h, cues_b, cues_a, ftext, slots)


def _ascii_boundary(folded: Folded, start: int, end: int) -> bool:
    """ASCII terms must not be part of a longer word in the *original* text (bet ≠ alphabet)."""
    os_, oe = folded.to_original(start, end)
    orig = folded.original
    before = orig[os_ - 1] if os_ > 0 else ""
    after = orig[oe] if oe < len(orig) else ""
    return not (_is_word_char(before) or _is_word_char(after))


def _is_word_char(ch: str) -> bool:
    if not ch:
        return False
    cp = ord(ch)
    if 0xFF10 <= cp <= 0xFF5A:  # full-width ASCII letters/digits
        ch = chr(cp - 0xFEE0)
    return ch.isascii() and ch.isalnum()
