"""Travel documents: 往来港澳通行证, 港澳居民来往内地通行证 (回乡证), 台湾居民来往大陆通行证 (台胞证), passports.

Their numbers are short letter+digit codes that look like a hundred other
codes, so a number is taken only right after an explicit document word, and
must have the shape that document uses: 港澳 ``C`` + 8 characters (old ``W`` +
8 digits), 回乡证 ``H``/``M`` + 8 digits (old 10), 台胞证 8 (or 10) digits, passports ``E``/``G``/… + 8 digits or
``E`` + letter + 7 digits.
"""

from __future__ import annotations

from ..lazyre import lazy_regex
from ..model import Category, ContextEffect, Severity
from ..pii.context import person_before
from ..pii.masking import NEXT_TO_MASK
from ..pii.report import pii_finding
from ..registry import Rule, detector

RULE = Rule(
    "pii.travel_document", Category.pii, Severity.high,
    "出入境证件号码（港澳通行证、回乡证、台胞证、护照），属于个人信息，不得公开",
    "发现出入境证件号码，公开前应删除或脱敏",
)

TRAVEL = lazy_regex(
    r"(?P<cue>港澳居民来往内地通行证|来往内地通行证|回乡证|往来港澳通行证|港澳通行证|台湾居民来往大陆通行证|来往大陆通行证|"
    r"台胞证|通行证|护照|Passport|passport|PASSPORT)"
    r"(?:号码|号|证号|编号|No\.?)?[^\dA-Za-z\n。；;、]{0,8}?"
    r"(?P<val>[A-Za-z]\d{10}|[A-Za-z]{1,2}\d{7,8}|\d{8}(?:\d{2})?)(?![\dA-Za-z" + NEXT_TO_MASK + "])"
)
# Every document word in TRAVEL contains one of these: the detector's cue words.
_CUE_WORDS = ("护照", "通行证", "台胞证", "回乡证", "Passport", "passport", "PASSPORT")
HKMO = lazy_regex(r"C[A-Z0-9]\d{7}|W\d{8}")
# 港澳居民来往内地通行证 (回乡证), held by Hong Kong and Macau residents: H (香港) or M (澳门) and 8 digits,
# the older booklet and card numbers 10 (8 + a 2-digit issue count)
HKMO_RESIDENT = lazy_regex(r"[HM]\d{8}(?:\d{2})?")
TW = lazy_regex(r"\d{8}|\d{10}")
PASSPORT = lazy_regex(r"[EGDSP]\d{8}|E[A-HJ-NP-Z]\d{7}")


def _kind(cue: str, val: str) -> str | None:
    v = val.upper()
    if "内地" in cue or cue == "回乡证":
        return "hkmo_resident_permit" if HKMO_RESIDENT.fullmatch(v) else None
    if "港澳" in cue:
        return "hkmo_permit" if HKMO.fullmatch(v) else None
    if "台" in cue or "大陆" in cue:
        return "tw_permit" if TW.fullmatch(v) else None
    if "护照" in cue or cue.lower() == "passport":
        return "passport" if PASSPORT.fullmatch(v) else None
    if HKMO.fullmatch(v):  # bare 通行证
        return "hkmo_permit"
    if TW.fullmatch(v):
        return "tw_permit"
    return None


@detector(RULE, name="pii_travel_document", order=41, cues=_CUE_WORDS)
def detect(ctx):
    text = ctx.text
    for m in TRAVEL.finditer(text):
        kind = _kind(m.group("cue"), m.group("val"))
        if kind is None:
            continue
        s, e = m.span("val")
        person = person_before(text, m.start(), use_jieba=False)
        yield pii_finding(ctx, RULE.id, s, e, confidence=0.95 if person else 0.9, pattern=f"travel/{kind}",
            context=[ContextEffect(word=m.group("cue"), effect="require")],
            details={"document": kind, **({"person": person.text} if person else {})},
        )
