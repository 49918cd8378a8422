"""QQ numbers and WeChat ids — only with an explicit label (QQ：…, 微信号：…).

Without the label a 5–11 digit number is anything (a count, an order, a
code), so there is no unlabelled detection. 微信公众号 (an office's official
account) and 微信同号 (no value) do not match; an account whose label says it
is an office's (官方微信, 咨询QQ, 区人社局微信, or the organisation in brackets
after it) is ``info`` unless a person is named nearer.
"""

from __future__ import annotations

from ..lazyre import lazy_regex
from ..model import Category, ContextEffect, Severity
from ..pii.context import OFFICE_IM, clause_before, office_contact, person_before
from ..pii.report import pii_finding
from ..registry import Rule, detector

RULE = Rule(
    "pii.im_account", Category.pii, Severity.medium,
    "个人QQ号、微信号等即时通信账号，属于个人信息，不宜公开", "发现个人即时通信账号，公开前应删除或脱敏",
)

QQ = lazy_regex(r"(?<![A-Za-z])(?P<cue>(?:QQ|qq|ＱＱ)(?:号码|号)?)[：:\s]{0,3}(?P<val>[1-9]\d{4,11})(?![\dA-Za-z@])")
WECHAT = lazy_regex(
    r"(?P<cue>微信(?:号码|号|ID|id)?)[：:\s]{0,3}(?P<val>[A-Za-z][A-Za-z0-9_\-]{5,19}|1[3-9]\d{9})(?![\dA-Za-z_\-@])"
)


# Every account the patterns take follows one of these labels: the detector's cue words. Folded,
# QQ becomes a single q, so the cue also opens on stray letters; the literal check stays.
_LABELS = ("微信", "QQ", "qq", "ＱＱ")


@detector(RULE, name="pii_im_account", order=47, cues=_LABELS)
def detect(ctx):
    text = ctx.text
    if not any(label in text for label in _LABELS):
        return
    for kind, pat in (("qq", QQ), ("wechat", WECHAT)):
        yield from _found(ctx, text, kind, pat)


def _found(ctx, text, kind, pat):
    for m in pat.finditer(text):
        s, e = m.span("val")
        person = person_before(text, m.start(), 28, use_jieba=False)
        # the label itself (官方微信) is the clause's end: search it together with what stands before
        office = office_contact(text, clause_before(text, m.start("cue") + len(m.group("cue")), 28)[0], e,
                                person, OFFICE_IM)
        if office is not None:
            yield pii_finding(ctx, RULE.id, s, e, severity=Severity.info, confidence=0.6, pattern=f"im/{kind}",
                              message="单位/部门即时通信账号（可公开，请确认非个人账号）",
                              context=[ContextEffect(word=office, effect="lower", delta=-0.5)],
                              details={"account": kind, "owner": "organisation"})
            continue
        yield pii_finding(ctx, RULE.id, s, e, severity=Severity.high if person else Severity.medium,
                          confidence=0.85 if person else 0.7, pattern=f"im/{kind}",
                          context=[ContextEffect(word=m.group("cue"), effect="require")],
                          details={"account": kind, **({"person": person.text} if person else {})})
