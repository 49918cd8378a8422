"""Unified social credit codes (统一社会信用代码, GB 32100): an organisation's code, ``info``.

Reported so that reviewers and the redaction step know the 18 characters are
a checked credit code and not an ID number; publishing an organisation's code
is normal. The GB 32100 check character makes random 18-character strings
fail.
"""

from __future__ import annotations

from ..lazyre import lazy_regex
from ..model import Category, Severity
from ..pii.report import pii_finding, report_info
from ..pii.validate import bank_card_ok, check_id, uscc_ok
from ..registry import Rule, detector

RULE = Rule(
    "pii.uscc", Category.pii, Severity.info,
    "统一社会信用代码（机构代码，可公开）", "统一社会信用代码属于机构公开信息",
)

USCC = lazy_regex(r"(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])")


@detector(RULE, name="pii_uscc", order=46)
def detect(ctx):
    if not report_info(ctx):
        return
    for m in USCC.finditer(ctx.text):
        code = m.group()
        if not uscc_ok(code):
            continue
        if code.isdigit() and (check_id(code).ok or bank_card_ok(code)):
            continue  # an ID number or card that happens to pass MOD 31 is reported as such
        yield pii_finding(ctx, RULE.id, m.start(), m.end(), severity=Severity.info, confidence=0.9, pattern="uscc",
                          validation="GB 32100 check character", details={"registration_dept": code[0], "org_type": code[1]})
