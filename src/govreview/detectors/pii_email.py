"""Email addresses: personal (free-mail next to a person) vs. an office's mailbox.

Government pages publish their own mailboxes (…@xx.gov.cn, org.cn/edu.cn
domains) as contact points: ``info``. So is a mailbox whose label says it is
an office's (举报邮箱, 投稿信箱, 区民政局邮箱, or the organisation in brackets
after it) — county offices often publish a 163.com or qq.com mailbox — unless
a person is named nearer. Any other free-mail address (qq.com, 163.com …) is
a person's: ``high``. Other domains are ``medium`` with a person before them,
``info`` otherwise.
"""

from __future__ import annotations

from ..lazyre import lazy_regex
from ..model import Category, ContextEffect, Severity
from ..pii.context import OFFICE_MAILBOX, clause_before, office_contact, person_before
from ..pii.report import pii_finding
from ..registry import Rule, detector

RULE = Rule(
    "pii.email", Category.pii, Severity.high,
    "个人电子邮箱，属于个人信息，不得公开", "发现个人电子邮箱，公开前应删除或脱敏",
)

EMAIL = lazy_regex(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,12}(?![A-Za-z0-9\-])")
FREE_MAIL = frozenset(
    "qq.com 163.com 126.com yeah.net sina.com sina.cn sohu.com gmail.com outlook.com hotmail.com live.com foxmail.com "
    "139.com 189.cn wo.cn aliyun.com yahoo.com yahoo.com.cn icloud.com me.com msn.com 21cn.com tom.com vip.qq.com "
    "vip.163.com vip.sina.com 188.com proton.me protonmail.com".split()
)
OFFICIAL_SUFFIXES = (".gov.cn", ".org.cn", ".edu.cn", ".ac.cn", ".gov", ".mil.cn")


@detector(RULE, name="pii_email", order=45)
def detect(ctx):
    text = ctx.text
    if "@" not in text:
        return
    for m in EMAIL.finditer(text):
        addr = m.group()
        domain = addr.rsplit("@", 1)[1].lower()
        s, e = m.span()
        if domain == "gov.cn" or domain.endswith(OFFICIAL_SUFFIXES):
            yield pii_finding(ctx, RULE.id, s, e, severity=Severity.info, confidence=0.8, pattern="email/official",
                              message="单位电子邮箱（可公开）", details={"domain": domain, "owner": "organisation"})
            continue
        person = person_before(text, s, 28, use_jieba=False)
        office = office_contact(text, clause_before(text, s, 28)[0], e, person, OFFICE_MAILBOX)
        if office is not None:
            yield pii_finding(ctx, RULE.id, s, e, severity=Severity.info, confidence=0.7, pattern="email/office-label",
                              message="单位/部门电子邮箱（可公开，请确认非个人邮箱）",
                              context=[ContextEffect(word=office, effect="lower", delta=-0.5)],
                              details={"domain": domain, "owner": "organisation"})
            continue
        if domain in FREE_MAIL:
            sev, conf = Severity.high, 0.95 if person else 0.85
        elif person:
            sev, conf = Severity.medium, 0.7
        else:
            sev, conf = Severity.info, 0.5
        details = {"domain": domain, "owner": "person" if sev is not Severity.info else "unknown"}
        if person:
            details["person"] = person.text
        yield pii_finding(ctx, RULE.id, s, e, severity=sev, confidence=conf, pattern="email/" + ("free-mail" if domain in FREE_MAIL else "other"),
                          message=RULE.message if sev is not Severity.info else "电子邮箱（归属不明，请确认非个人邮箱）",
                          details=details)
