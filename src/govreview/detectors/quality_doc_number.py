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

from ..docnumber import find_doc_numbers
from ..model import Category, Severity
from ..registry import Rule, detector

RULE = Rule(
    "quality.doc_number", Category.quality, Severity.low,
    "文号格式不规范（应为 机关代字〔年份〕序号号，GB/T 9704）", "文号格式不规范",
)


# Every format problem shows in the bracket or right after it; well-formed 〔2017〕47号 does not match.
# A stdlib ``re`` scan for this is ~10× cheaper than extracting every 文号 of the page.
# One pattern per branch (not one alternation), so each starts with a class or literal the stdlib engine
# skips to at C speed; 〔 and 〕 are rare, so their branches cost almost nothing.
_SUSPECT = (
    re.compile(r"[\[(（【［{｛〖][ \t]*[0-9０-９]{2,4}[ \t]*年?[ \t]*[\])）】］}｝〗〕]"),
    re.compile(r"〔[ \t]*(?:[0-9]{2}[ \t]*〕|[0-9]{4}[ \t]*年|[０-９])"),
    re.compile(r"〕[ \t]*(?:第|0[0-9]|[０-９])"),
)


@detector(RULE, name="quality_doc_number", order=61)
def detect(ctx):
    if not any(p.search(ctx.text) for p in _SUSPECT):
        return
    for dn in find_doc_numbers(ctx.text):
        if not dn.problems:
            continue
        yield ctx.finding(
            RULE.id, dn.start, dn.end, confidence=0.9, pattern="文号",
            message=f"文号格式不规范：“{dn.text}”，建议改为“{dn.normalized}”（{'；'.join(dn.problems)}）",
            suggestion=dn.normalized, normalized=dn.normalized,
            details={"agency": dn.agency, "year": dn.year, "seq": dn.seq, "problems": list(dn.problems)},
        )
