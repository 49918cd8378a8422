"""Classification markings (密级标志): 绝密/机密/秘密 + ★ + a period, e.g. 机密★5年.

A marking is a *label*, not a word: the bare words 秘密/机密 appear in every
rule about secrecy ("不涉及国家秘密"). So this detector matches the form of a
marking — the level, a star (★☆*＊, full-width or not, spaces allowed) and a
protection period (N年, 长期, a date) — and never the bare word.
"""

from __future__ import annotations

import regex

from ..model import Category, Severity
from ..registry import Rule, detector

RULE = Rule(
    "secrecy.marking", Category.secrecy, Severity.high,
    "密级标志（绝密/机密/秘密★保密期限），涉密文件不得公开", "发现密级标志，涉密内容不得公开",
)

_LEVEL = r"(?P<level>绝密|機密|机密|絕密|秘密)"
_STAR = r"[ \t\u3000]*[★☆*＊✱✲✳][ \t\u3000]*"
_PERIOD = r"(?P<period>长期|長期|\d{1,4}[ \t\u3000]*年(?:[ \t\u3000]*\d{1,2}[ \t\u3000]*月(?:[ \t\u3000]*\d{1,2}[ \t\u3000]*日)?)?)"
MARKING = regex.compile(_LEVEL + _STAR + _PERIOD)


@detector(RULE, name="secrecy_marking", order=20)
def detect(ctx):
    for m in MARKING.finditer(ctx.text):
        yield ctx.finding(
            RULE.id, m.start(), m.end(), confidence=0.97, pattern="level★period",
            details={"level": m.group("level"), "period": m.group("period")},
        )
