"""Internal material (内部资料、不得外传、仅供领导参阅…) as a label of the document.

The same words are a label on an internal document and a topic of the rules
that govern publication ("内部资料性出版物管理办法", "涉密文件不得上网"). The
generic terms detector cannot tell them apart, so ``lexicons/secrecy_internal.tsv``
says ``detector: secrecy_internal`` and this module decides by position:

* **label line** — the line holds nothing but labels and decoration
  (“内部资料　注意保存”, “（内部使用）”, “内部资料 第3页”): the entry's severity,
  at least ``medium``; in the head (before the title) or the last lines
  (footer) with higher confidence;
* **self-description** — a short sentence about this very document
  ("本材料为内部资料，请勿外传"): ``medium``;
* **head/footer line** — a short line of the head or footer without rule
  wording: ``medium``;
* a mention in a running sentence is ``low``, and nothing at all when the
  clause holds prohibition or rule wording (不得/严禁/规定/管理/审查…) or the
  mention sits inside a quoted title 《…》.

Also 文号 whose 机关代字 marks classified or internal circulation (…密发、
…密函、…内发) are reported as ``medium``.
"""

from __future__ import annotations

from ..docnumber import find_doc_numbers
from ..lazyre import lazy_re, lazy_regex
from ..model import Category, Severity
from ..registry import Rule, detector
from ._quotes import is_quoted
from .secrecy_layout import (
    AGENCY_AFTER_MI,
    RULE_WORDS,
    SHORT_LINE,
    clause_around,
    layout_of,
    mi_of_interest,
    strip_decor,
)

RULE = Rule(
    "secrecy.internal", Category.secrecy, Severity.medium,
    "内部资料/内部文件等标注，表明材料不宜公开", "发现内部资料标注，请确认是否可以公开",
)
LEXICON = "secrecy_internal"

_PAGE = lazy_regex(r"(?:第\d+页|共\d+页|\d+|页|第\d+期|总第\d+期)+")
_SELF = lazy_regex(r"(?:本|此)(?:文件|材料|资料|文|件|刊|报告|简报|信息|稿|期)(?:系|为|属|属于|是|仅供|仅限|限)?")
# 内 before 发函电字参 (led by the literal 内, which the stdlib engine skips to at C speed; 内 is rare in
# notices, so `in` decides most pages); 密 before them is found by the scan shared with secrecy_marking
_INTERNAL_HINT = lazy_re(rf"内[{AGENCY_AFTER_MI}]")


def _agency_hint(text: str) -> bool:
    """A 机关代字 marker of internal circulation may occur (a necessary condition for ``_INTERNAL_AGENCY``):
    密 or 内 before 发函电字参."""
    n = len(text)
    if any(p + 1 < n and text[p + 1] in AGENCY_AFTER_MI for p in mi_of_interest(text)):
        return True
    return "内" in text and _INTERNAL_HINT.search(text) is not None
_INTERNAL_AGENCY = lazy_regex(r"(?<=\p{Han})(?<!保)密(?:发|函|电)(?!改)|(?<=\p{Han})内(?:发|字|参|函)$")


def _in_title(text: str, s: int, e: int) -> bool:
    """Inside a quoted title 《…》 (the name of a rule, never a label)."""
    lo = text.rfind("《", max(0, s - 60), s)
    if lo < 0 or text.find("》", lo, s) >= 0:
        return False
    hi = text.find("》", e, e + 60)
    return hi >= 0 and text.find("《", e, hi) < 0


@detector(RULE, name=LEXICON, order=21)
class SecrecyInternal:
    """Reports internal-circulation labels by their position in the document."""

    def __init__(self, reviewer):
        pass

    def detect(self, ctx):
        text = ctx.text
        hits = []
        for k in ctx.term_hits(lexicon=LEXICON):
            s, e = ctx.view_span(k.hit)
            hits.append((s, e, k))
        findings = []
        if hits:
            findings.extend(self._labels(ctx, text, hits))
        if _agency_hint(text):
            for dn in find_doc_numbers(text):
                m = _INTERNAL_AGENCY.search(dn.agency)
                if m:
                    findings.append(ctx.finding(
                        RULE.id, dn.start, dn.end, severity=Severity.medium, confidence=0.7,
                        pattern="internal 文号", message=f"文号“{ctx.raw_text[dn.start:dn.end]}”的机关代字表明为涉密或内部文件，请确认是否可以公开",
                        details={"agency": dn.agency, "marker": m.group(0)},
                    ))
        return findings

    def _labels(self, ctx, text, hits):
        layout = layout_of(ctx)  # ctx.text is text
        # longest first, so 内部资料注意保存 wins over 内部资料 and 注意保存
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        by_line: dict[int, list[tuple[int, int]]] = {}
        for s, e, _ in hits:
            ln = layout.line_at(s)
            if ln is not None:
                by_line.setdefault(ln.start, []).append((s, e))
        done: list[tuple[int, int]] = []
        for s, e, k in hits:
            if any(a <= s and e <= b for a, b in done):
                continue
            if _in_title(text, s, e):
                continue
            entry = ctx.slot(k.hit).entry
            ln = layout.line_at(s)
            if ln is None:
                continue
            rest = _rest_without(text, ln, by_line.get(ln.start, []))
            head, tail = layout.in_head(ln), layout.in_tail(ln)
            label_sev = entry.severity if entry.severity.rank >= Severity.medium.rank else Severity.medium
            where = "head" if head else "footer" if tail else "body"
            if not rest or _PAGE.fullmatch(rest):
                conf = 0.95 if head or tail else 0.85
                done.append((s, e))
                yield ctx.term_finding(k, severity=label_sev, confidence=conf,
                                       details={"position": f"label line ({where})"})
                continue
            clause = clause_around(text, s, e)
            around = clause.replace(text[s:e], "")
            ruled = RULE_WORDS.search(around)
            # 此件/本件 inside the term (此件不公开) says nothing: the rest of the clause must refer to the document
            selfref = _SELF.search(around)
            if selfref and not ruled and len(strip_decor(clause)) <= 40:
                done.append((s, e))
                yield ctx.term_finding(k, severity=Severity.medium, confidence=0.8,
                                       details={"position": f"self-description ({where})"})
            elif (head or tail) and len(ln.compact) <= SHORT_LINE and not ruled and not _named(text, s, e, by_line.get(ln.start, ())):
                done.append((s, e))
                yield ctx.term_finding(k, severity=Severity.medium, confidence=0.7,
                                       details={"position": f"short {where} line"})
            elif not ruled and entry.severity.rank >= Severity.medium.rank:
                done.append((s, e))
                yield ctx.term_finding(k, severity=Severity.low, confidence=0.3,
                                       details={"position": "mention in a sentence"})


_HAN_NEXT = lazy_regex(r"\p{Han}")


def _named(text: str, s: int, e: int, spans) -> bool:
    """Does a short line name the term rather than carry it as a label? A quoted term (市保密局开展“内部资料”
    专项检查) is named; so is one that Han characters continue into a longer word or phrase
    (政府信息不予公开告知书, 涉密文件销毁工作简报, 内部资料怎么处理, 严守工作秘密): a label stands apart,
    set off by a space, a bracket, the edge of the line or another label (内部资料　第3期, 【内部参阅】,
    ××委内部资料请勿外传 is two labels)."""
    if is_quoted(text, s, e):
        return True
    left = s > 0 and _HAN_NEXT.match(text, s - 1) is not None and not any(b == s for _, b in spans)
    right = e < len(text) and _HAN_NEXT.match(text, e) is not None and not any(a == e for a, _ in spans)
    return left or right


def _rest_without(text: str, ln, spans) -> str:
    parts = []
    pos = ln.start
    for s, e in sorted(spans):
        if s > pos:
            parts.append(text[pos:s])
        pos = max(pos, e)
    parts.append(text[pos:ln.end])
    return strip_decor("".join(parts))
