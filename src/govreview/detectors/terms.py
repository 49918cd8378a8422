"""Lexicon terms: one finding per surviving hit of every ``kind: terms`` lexicon.

The rules come from the lexicons themselves (header ``rule``/``category``/
``severity``/``description``), so a user lexicon adds rules without code.
Lexicons whose header names another ``detector`` are left to that detector,
which applies its own position logic (e.g. secrecy labels).

Reported speech. Police and court news name the gambling brands and fraud
schemes they fight (该团伙以“澳门博彩”“百家乐”为幌子…警方提醒…), often further
from an enforcement word than an entry's ``not_near`` window. A lexicon whose
header lists ``report_words`` (破获, 涉案, 被告人, 判处…) gets a paragraph-level
check: a hit in a paragraph holding at least ``report_min`` distinct report
words is reported at ``low`` — still visible, no review verdict. Anti-fraud
publicity (反诈宣传) quotes the lures it warns about in the same way
(以“稳赚不赔”“兼职日结”为诱饵，诱导受害人…), so the shipped lists count its words
(诈骗, 骗局, 受害人, 诱饵…) too. Spam does not talk about arrests, sentences,
victims and scams; injected spam on such a page is still found by
``advertising.injected`` (hidden elements) and the link rules. When spam does use
the words, it is as a claim about itself (信誉第一，绝无诈骗; 绝对不是骗子): a report
word inside such an assurance (``context.assurance`` in the cue lexicon) is not counted.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from ..model import Category, Finding, Severity
from ..normalize import fold_term
from ..registry import Rule, detector

NAME = "terms"


def _owned(lexicon) -> bool:
    return lexicon.kind == "terms" and lexicon.header.get("detector", NAME) == NAME


@detector(name=NAME, order=10)
class TermDetector:
    """Reports lexicon terms found in the folded text."""

    def __init__(self, reviewer):
        self.lexicons = {lx.name for lx in reviewer.lexicons if _owned(lx)}
        self.settings = reviewer.settings
        self.assurance = reviewer.filter.assurance  # spam's own claims: 绝无诈骗 is no report word
        self.report: dict[str, tuple[re.Pattern[str], int]] = {}
        for lx in reviewer.lexicons:
            words = [fold_term(w, reviewer.settings) for w in lx.header.get("report_words", "").split("|") if w.strip()]
            if _owned(lx) and words:
                words = sorted(set(filter(None, words)), key=len, reverse=True)
                self.report[lx.name] = (re.compile("|".join(map(re.escape, words))), int(lx.header.get("report_min", "2")))

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
        said = functools.lru_cache(maxsize=64)(lambda a, b, pattern, need: self._report_words(ctx.text[a:b], pattern, need))
        for k in ctx.kept:
            slot = ctx.slot(k.hit)
            name = slot.lexicon.name
            if name not in self.lexicons:
                continue
            rep = self.report.get(name)
            if rep is not None:
                words = said(*_paragraph(ctx, k.hit), *rep)
                if words:
                    yield ctx.term_finding(k, severity=Severity.low, confidence=0.5,
                                           message=f"执法/司法报道或反诈宣传中引述的词语（本段含“{'”“'.join(words[:3])}”），"
                                                   f"请确认不是植入内容", details={"report_words": list(words)})
                    continue
            yield ctx.term_finding(k)

    def _report_words(self, paragraph: str, pattern: re.Pattern[str], need: int) -> tuple[str, ...]:
        folded = fold_term(paragraph, self.settings)
        if self.assurance is not None:
            folded = self.assurance.sub("\x00", folded)
        found = tuple(sorted(set(pattern.findall(folded))))
        return found if len(found) >= need else ()


def _paragraph(ctx, hit) -> tuple[int, int]:
    """The view line (an HTML block, a text line) holding a hit."""
    vs, ve = ctx.folded.to_original(hit.start, hit.end)
    text = ctx.text
    end = text.find("\n", ve)
    return text.rfind("\n", 0, vs) + 1, (len(text) if end < 0 else end)


__all__ = ["TermDetector", "Category", "Severity"]
