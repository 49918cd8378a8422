"""Classification markings (密级标志): 绝密/机密/秘密 + ★ + a period, e.g. 机密★5年.

A marking is a *label*, not a word: the bare words 秘密/机密 appear in every
rule about secrecy ("不涉及国家秘密"). So this detector decides by form and
position:

* the full form — level, a star (★☆*＊✱, full-width or not, spaces allowed)
  and a protection period (N年, 长期, a date, Chinese numerals) — is a marking
  wherever it stands (``high``), except when it is quoted inside a running
  sentence, as rules describing the format do (“机密★1年”), is an option of a
  test question (A．机密★10年), or a sentence goes on from it (机密★5年的文件,
  机密★5年、秘密★1年等) (``low``);
* level + star without a period is a marking alone on its line or in the head
  (``high``), else ``low`` (rules name the marks: “机密★、秘密★等密级标志”);
* the bare level (秘密, 秘　密, 機密) is a marking only when it stands alone on a
  line of the document's head, before the title, possibly beside 份号 and
  紧急程度 (特急/加急) (``high``) — not as an item of a list (1. 秘密, （一）机密,
  ① 绝密); alone on a line elsewhere it is ``low``;
* ``密级：机密`` as a field of the document's head is ``high``.

Traditional script and full-width digits are matched directly (``\\d`` is
Unicode-aware), so no folding is needed.
"""

from __future__ import annotations

import regex

from ..lazyre import lazy_re, lazy_regex
from ..model import Category, Severity
from ..registry import Rule, detector
from ._quotes import is_quoted as _is_quoted
from .secrecy_layout import layout_of, mi_of_interest, strip_decor

RULE = Rule(
    "secrecy.marking", Category.secrecy, Severity.high,
    "密级标志（绝密/机密/秘密★保密期限），涉密文件不得公开", "发现密级标志，涉密内容不得公开",
)

_SP = r"[ \t\u3000]*"
_LEVEL = rf"(?P<level>绝{_SP}密|絕{_SP}密|机{_SP}密|機{_SP}密|秘{_SP}密)"
_STAR = rf"{_SP}[★☆*＊✱✲✳✩✪⭐]{_SP}"
_NUM = r"(?:\d{1,4}|[一二两三四五六七八九十〇零]{1,4})"
_PERIOD = (
    rf"(?P<period>长期|長期|{_NUM}{_SP}(?:年|[個个]{_SP}月)"
    rf"(?:{_SP}\d{{1,2}}{_SP}月(?:{_SP}\d{{1,2}}{_SP}[日号])?)?)"
)
MARKING = lazy_regex(_LEVEL + _STAR + _PERIOD)
STAR_ONLY = lazy_regex(_LEVEL + rf"{_SP}[★☆*＊✱✲✳✩✪⭐]")
BARE = lazy_regex(_LEVEL)
FIELD = lazy_regex(rf"密{_SP}级{_SP}[:：]{_SP}" + _LEVEL)
# What may share a head line with a bare level: 份号 (6 digits), 紧急程度, 保密期限 words.
_HEAD_COMPANIONS = lazy_regex(r"(?:特急|加急|特提|平急|急件|份号|第\d+份|No\.?|\d{1,8})+")
# A level that is an item of a list or an option of a test question (保密知识竞赛试题: “A．机密★10年
# B．★机密10年”, “1. 秘密 2. 机密”) names the marks; a 份号 before a level has no list punctuation.
_LIST_ITEM = lazy_regex(
    r"(?:^|[\s\u3000])[（(]?[ \t\u3000]*(?:\d{1,3}|[A-HＡ-Ｈa-h]|[一二三四五六七八九十]{1,3})[ \t\u3000]*[.．、)）][ \t\u3000]*$"
    r"|[①-⑳][ \t\u3000]*$"
)
# before a full marking only letters count: a numbered list of markings may be a list of classified files
_OPTION_BEFORE = lazy_regex(r"(?:^|[\s\u3000（(])[A-HＡ-Ｈa-h][ \t\u3000]*[.．、)）][ \t\u3000]*$")
# a marking that a sentence goes on from (机密★5年的文件, 机密★5年、秘密★1年等) is named, not printed on the document
_PARTICLE_AFTER = lazy_regex(r"[ \t\u3000]*[的是等和与或及、]")
_DECLASSIFIED = lazy_re(r"已解密|已經解密|解密日期|解密时间|解除密级|原密级|原密級|已降密")
_DECLASSIFIED_REACH = 24  # characters either side of a marking: the stamp or field next to it
_LEVEL_CHARS = "绝絕机機秘"
_GAP_CHARS = " \t\u3000"
_STARS = "★☆*＊✱✲✳✩✪⭐"
_ANY_STAR = lazy_re(f"[{_STARS}]")


def _before(text: str, ln, s: int) -> str:
    """The (at most 12) characters before ``s`` on its line."""
    return text[max(ln.start if ln is not None else 0, s - 12):s]


def _has_candidate(text: str) -> bool:
    """Whether ``text`` holds something a marking could be made of; most pages mention 保密/秘密 in
    sentences and hold none. Every form contains 密, so the check is made around each 密 that
    :func:`~.secrecy_layout.mi_of_interest` keeps (regex scans for the whole forms cost several times more).
    A candidate is

    * a level with a star: ``[绝絕机機秘]<gap>密<gap>[★☆*＊…]``,
    * a 密级 field: ``密<gap>级<gap>[:：]``,
    * a level word on a short line: at most 12 characters other than whitespace either side of
      ``[绝絕机機秘]<gap>密``,

    where ``<gap>`` is any run of spaces, tabs and ideographic spaces.
    """
    return any(_candidate_at(text, p) for p in mi_of_interest(text))


def _candidate_at(text: str, p: int) -> bool:
    """Is the 密 at ``p`` part of a candidate (see :func:`_has_candidate`)?"""
    n = len(text)
    after = p + 1
    while after < n and text[after] in _GAP_CHARS:
        after += 1
    nxt = text[after] if after < n else ""
    if nxt == "级":  # 密级 field: 密<gap>级<gap>[:：]
        k = after + 1
        while k < n and text[k] in _GAP_CHARS:
            k += 1
        if k < n and text[k] in ":：":
            return True
    start = p - 1
    while start >= 0 and text[start] in _GAP_CHARS:
        start -= 1
    if start < 0 or text[start] not in _LEVEL_CHARS:
        return False
    # a level word [start, p + 1)
    return bool(nxt and nxt in _STARS) or _on_short_line(text, start, p + 1)


def _on_short_line(text: str, start: int, end: int) -> bool:
    """At most 12 characters other than whitespace between [start, end) and either end of its line
    (a bare marking at the head; such lines are often padded with spaces to align them)."""
    le = text.find("\n", end)
    if _solid(text, end, len(text) if le < 0 else le) > 12:
        return False
    return _solid(text, text.rfind("\n", 0, start) + 1, start) <= 12


def _solid(text: str, a: int, b: int) -> int:
    """Characters in text[a:b] that are not whitespace."""
    if b - a <= 12:
        return b - a  # an upper bound is enough below the limit
    return sum(map(len, text[a:b].split()))


@detector(RULE, name="secrecy_marking", order=20)
class SecrecyMarking:
    """Finds 密级标志 by form (★ + period) and by position (alone in the head)."""

    def __init__(self, reviewer):
        pass

    def detect(self, ctx):
        text = ctx.text
        # most pages mention 保密/秘密 in sentences: look for a candidate before cutting lines
        if "密" not in text or not _has_candidate(text):
            return ()
        return self._findings(ctx, text)

    def _findings(self, ctx, text):
        layout = layout_of(ctx)  # ctx.text is text
        taken: list[tuple[int, int]] = []
        mi_lines = candidate_lines(layout, text)
        # a star form needs a star on its line and a 密级 field needs 级: most candidate lines are
        # sentences naming 国家秘密 and hold neither, so those patterns are not even started there
        star_lines = [ln for ln in mi_lines if _ANY_STAR.search(ln.text)]
        field_lines = [ln for ln in mi_lines if "级" in ln.text]

        def scan(pattern, lines):
            for ln in lines:
                yield from pattern.finditer(text, ln.start, ln.end)

        def emit(s, e, sev, conf, pattern, m, why):
            taken.append((s, e))
            details = {"level": _level(m), "period": m.groupdict().get("period"), "position": why}
            message = None
            if sev is Severity.high and _DECLASSIFIED.search(text, max(0, s - _DECLASSIFIED_REACH), e + _DECLASSIFIED_REACH):
                # an archive or 信息公开 page publishing a declassified document shows the old marking with 已解密 /
                # 原密级: publishable once declassification was approved — for a person to confirm, not a block
                sev, details["declassified"] = Severity.medium, True
                message = "密级标志旁标注已解密/原密级：请确认已履行解密审批程序后再公开"
            return ctx.finding(RULE.id, s, e, severity=sev, confidence=conf, pattern=pattern, message=message,
                               details=details)

        for m in scan(MARKING, star_lines):
            s, e = m.span()
            ln = layout.line_at(s)
            alone = ln is not None and not layout.rest_of_line(ln, s, e)
            if not alone and _is_quoted(text, s, e):
                yield emit(s, e, Severity.low, 0.5, "level★period", m, "quoted in a sentence")
            elif not alone and (_OPTION_BEFORE.search(_before(text, ln, s)) or _PARTICLE_AFTER.match(text, e)):
                yield emit(s, e, Severity.low, 0.5, "level★period", m, "named in a sentence or a test question")
            else:
                yield emit(s, e, Severity.high, 0.97, "level★period", m, "alone on its line" if alone else "in text")
        for m in scan(STAR_ONLY, star_lines):
            s, e = m.span()
            if _overlaps(taken, s, e):
                continue
            ln = layout.line_at(s)
            rest = layout.rest_of_line(ln, s, e) if ln is not None else "x"
            alone = not rest or (
                ln is not None and layout.in_head(ln) and bool(_HEAD_COMPANIONS.fullmatch(rest))
                and not _LIST_ITEM.search(_before(text, ln, s))
            )
            if not alone and _is_quoted(text, s, e):
                continue
            # level★ without a period inside a sentence is usually the rule naming the marks
            yield emit(s, e, Severity.high if alone else Severity.low, 0.9 if alone else 0.4, "level★", m,
                       "head or alone" if alone else "in text")
        for m in scan(FIELD, field_lines):
            s, e = m.span()
            if _overlaps(taken, s, e):
                continue
            ln = layout.line_at(s)
            head = ln is not None and layout.in_head(ln)
            yield emit(s, e, Severity.high if head else Severity.medium, 0.9 if head else 0.6, "密级：level", m,
                       "head" if head else "in text")
        for ln in mi_lines:
            # a bare level stands on a short line; str.split drops a superset of what ``compact``
            # drops (it also splits at \x1f), so more than 12 left there means more than 12 in ``compact``
            if len(ln.text) > 12 and sum(map(len, ln.text.split())) > 12:
                continue
            for m in BARE.finditer(text, ln.start, ln.end):
                s, e = m.span()
                if _overlaps(taken, s, e):
                    continue
                rest = layout.rest_of_line(ln, s, e)
                if layout.in_head(ln) and (not rest or _HEAD_COMPANIONS.fullmatch(rest)) and not _LIST_ITEM.search(_before(text, ln, s)):
                    yield emit(s, e, Severity.high, 0.9, "bare level in the head", m, "head")
                elif not rest:
                    yield emit(s, e, Severity.low, 0.4, "bare level alone on a line", m, "alone on a line")


# The 密 of a level word (after a level character and a gap): every form holds one (a 密级 field ends in a level).
_FORM_MI = lazy_re(r"[绝絕机機秘][ \t\u3000]*密")


def candidate_lines(layout, text: str) -> list:
    """The lines that can hold a form, in order, each once.

    Every form contains a level word and none crosses a line (gaps are
    spaces, tabs and ideographic spaces only), so scanning these lines finds exactly what a
    whole-text scan finds, in the same order. Sentences are full of 保密/泄密/涉密, so this is far
    fewer lines than all those holding a 密.
    """
    out = []
    last = None
    for m in _FORM_MI.finditer(text):
        ln = layout.line_at(m.start())
        if ln is not None and ln is not last:
            out.append(ln)
            last = ln
    return out


def _level(m: regex.Match) -> str:
    return strip_decor(m.group("level"))


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)
