"""Malformed 文号 (document numbers): [2014], (2014), 【2014】, 〔14〕, 第57号, 057号.

GB/T 9704-2012 §7.2.4 fixes the form 机关代字〔年份〕序号号: the year in 六角括号,
four digits, no 第, no leading zeros. Government-website inspections count
every deviation as an error, and a malformed 文号 also breaks the citation
match between a policy and its interpretation. Extraction and normalisation
live in :mod:`govreview.docnumber` (shared with the linkage check); this
detector only reports the occurrences that have problems, with the normalised
form as the suggestion.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..docnumber import SERIES, find_doc_numbers
from ..model import Category, Severity
from ..normalize import match_view
from ..registry import Rule, detector
from ._charclasses import RARE_BRACKET, RARE_BRACKETS, present

RULE = Rule(
    "quality.doc_number", Category.quality, Severity.low,
    "文号格式不规范（应为 机关代字〔年份〕序号号，GB/T 9704）", "文号格式不规范",
)


# Every format problem shows in the bracket or right after it; well-formed 〔2017〕47号 does not match.
# A stdlib ``re`` scan for this is ~10× cheaper than extracting every 文号 of the page.
# One pattern per bracket, each led by its bracket as a literal: the stdlib engine skips to a literal at
# C speed (a leading class is tested at every character). Most pages hold （ and 〔〕; whether they hold
# any of the other brackets the shared character-class gather says, so those cost nothing there.
# Gaps are ``\s*`` as in docnumber's own pattern: the check must accept everything it accepts.
_YEAR_IN_BRACKETS = r"\s*[0-9０-９]{2,4}\s*年?\s*[\])）】］}｝〗〕﹞]"
_COMMON = tuple(
    (lead, re.compile(re.escape(lead) + rest))
    for lead, rest in [
        ("（", _YEAR_IN_BRACKETS),
        # 〔14〕, 〔2014年〕, full-width digits, or a year closed by another bracket (〔2014]: mixed by a paste)
        ("〔", r"\s*(?:[0-9]{2}\s*〕|[0-9]{4}\s*年|[０-９]|[0-9]{2,4}\s*[\])）】］}｝〗﹞])"),
        ("〕", r"\s*(?:第|0[0-9]|[０-９])"),
        # a space inside the 文号 (国办发 〔2017〕 47 号): before or after either bracket, or before 号
        ("〔", r"(?:(?<=[ \t\u3000\xa0]〔)|[ \t\u3000\xa0])"),
        ("〕", r"(?:(?<=[ \t\u3000\xa0]〕)|[ \t\u3000\xa0])"),
        ("号", r"(?<=[ \t\u3000\xa0]号)"),
    ]
)
_RARE = tuple((bracket, re.compile(re.escape(bracket) + _YEAR_IN_BRACKETS)) for bracket in RARE_BRACKETS)


def _suspect(text: str, rare_brackets: bool = True) -> bool:
    """Whether a malformed 文号 may occur (a necessary condition; :mod:`govreview.docnumber` decides).
    ``rare_brackets=False`` when the text holds none of :data:`RARE_BRACKETS`."""
    patterns = _COMMON + _RARE if rare_brackets else _COMMON
    return any(lead in text and pattern.search(text) for lead, pattern in patterns)


@detector(RULE, name="quality_doc_number", order=61)
def detect(ctx):
    # traditional characters simplified (國辦發…57號 is a 文号 as 国办发…57号 is), full-width digits kept:
    # they are one of the problems reported
    text = ctx.text
    if text is not ctx.raw_text:
        text = match_view(ctx.raw_text, replace(ctx.reviewer.settings, width=False), ctx.folded.codes)
    if not _suspect(text, rare_brackets=bool(present(ctx) & RARE_BRACKET)):
        return ()
    return _findings(ctx, text)


def _findings(ctx, text):
    raw = ctx.raw_text
    for dn in find_doc_numbers(text):
        if not dn.problems:
            continue
        # the suggestion in the document's own script: its 机关代字 and 号 as written (國辦發〔2014〕57號)
        agency = raw[dn.start:dn.start + len(dn.agency)]
        # a 公告/通告/令 keeps the 第 of its own series (中国人民银行公告〔2024〕第8号)
        di = "第" if dn.agency.endswith(SERIES) and "第" in dn.text[len(dn.agency):] else ""
        suggestion = f"{agency}〔{dn.year}〕{di}{dn.seq}{raw[dn.end - 1]}"
        yield ctx.finding(
            RULE.id, dn.start, dn.end, confidence=0.9, pattern="文号",
            message=f"文号格式不规范：“{raw[dn.start:dn.end]}”，建议改为“{suggestion}”（{'；'.join(dn.problems)}）",
            suggestion=suggestion, normalized=suggestion,
            details={"agency": agency, "year": dn.year, "seq": dn.seq, "problems": list(dn.problems)},
        )
