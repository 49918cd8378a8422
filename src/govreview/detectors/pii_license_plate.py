"""Motor-vehicle plate numbers (机动车号牌, GA 36): 湘A8K2M7, 苏E·5D7X9, 粤B·D12345.

A private car's plate leads to its owner, so 政务公开 guidance treats it like other personal data:
留言板 messages (我的车牌号湘A8K2M7被违停贴条), 信访 records and 处罚决定书 carry them, and
traffic-violation notices (曝光台) publish them partly masked (湘A8K***). A plate is:

* ``medium`` — for a person to judge — when a plate word (车牌, 号牌, 牌照, 车号, 车主, 驾驶…) stands in
  the clause before it or right after it (…号小型汽车), or a named person before it;
* ``low`` otherwise (visible, no review verdict): a plate-shaped code without context, or the
  vehicle of an office (单位公务用车, 执法车辆, 警车).

The form: a province abbreviation, an issuing-authority letter (no I or O), an optional separator
(· • ・ - or a space), then five characters (ordinary plates) or six (new-energy: D/F first or
last), letters without I and O, optionally followed by 学/警/挂/港/澳/领/试/超. Masked plates
(湘A8K***) are not matched; ``pii.mask_inadequate`` is not about plates.
"""

from __future__ import annotations

from ..lazyre import lazy_regex
from ..model import Category, ContextEffect, Severity
from ..pii.context import clause_before, person_before
from ..pii.report import pii_finding
from ..registry import Rule, detector

RULE = Rule(
    "pii.license_plate", Category.pii, Severity.medium,
    "机动车号牌号码，可关联到车主个人，公开前应核实或部分遮挡", "发现机动车号牌号码，公开前应核实或部分遮挡（如湘A8K***）",
)

_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_L = "A-HJ-NP-Z"  # letters on plates: no I, no O
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}  # full-width ASCII → ASCII, one code point each
PLATE = lazy_regex(
    rf"(?<![A-Za-z0-9])[{_PROVINCES}][{_L}][·•・\-\s]?"
    rf"(?:[DF][{_L}0-9][0-9]{{4}}|[0-9]{{5}}[DF]|[{_L}0-9]{{5}})"
    r"[学警挂港澳领试超]?(?![A-Za-z0-9])"
)
# a vehicle of an office (单位公务用车, 执法车辆, 警车) is no one's personal data: named in brackets right after the
# plate or before it in the clause
_OFFICIAL_AFTER = lazy_regex(r"[（(][^）)\n]{0,10}?(?:单位|公务|公车|执法|警用|警车|消防|救护|政府|机关)")
_OFFICIAL_BEFORE = lazy_regex(r"单位车辆|公务用车|公务车|公车|执法车|警车|消防车|救护车")
_PLATE_WORDS = lazy_regex(r"车牌|号牌|牌照|车号|车主|驾驶|驾驶人|机动车|车辆|小型汽车|小型轿车|货车|摩托车|违停|违章")


@detector(RULE, name="pii_license_plate", order=49, gate=rf"[{_PROVINCES}][{_L}Ａ-ＨＪ-ＮＰ-Ｚ]")
def detect(ctx):
    text = ctx.text
    folded = text.translate(_WIDTH) if any("\uff01" <= c <= "\uff5e" for c in text) else text
    for m in PLATE.finditer(folded):
        s, e = m.span()
        value = folded[s:e]
        if not any(c.isdigit() for c in value[2:]):
            continue  # 京AB·CDEFG-like letter runs are words and codes, not plates (a plate holds digits)
        seg, _ = clause_before(text, s, 16)
        word = _PLATE_WORDS.search(seg) or _PLATE_WORDS.search(text, e, e + 8)  # …号小型汽车 after it
        person = person_before(text, s, 24, use_jieba=False)
        effects = []
        if word:
            effects.append(ContextEffect(word=word.group(), effect="raise", delta=0.2))
        if person:
            effects.append(ContextEffect(word=person.text, effect="raise", delta=0.1))
        official = _OFFICIAL_AFTER.match(text, e) or _OFFICIAL_BEFORE.search(seg)
        sev = Severity.medium if (word or person) and not official else Severity.low
        yield pii_finding(ctx, RULE.id, s, e, severity=sev, confidence=0.8 if word else 0.5, pattern="plate/GA36",
                          message=RULE.message, context=effects,
                          details={"province": value[0], **({"person": person.text} if person else {})})
