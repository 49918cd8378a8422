"""Phone numbers: personal mobiles vs. office lines, hotlines and service numbers.

Candidates come from two compiled patterns (mobile: 11 digits starting 13–19,
optionally ``+86``/``0086`` and grouped 3-4-4; landline: an area code in
parentheses or followed by a separator, 7–8 digits, optional extension).
Only candidates are handed to ``phonenumbers`` (region CN) for validity —
its own matcher is far too slow to run over archives.

Who owns the number decides the severity; the nearest cue before it wins:

* mobile next to a person (手机, 本人, 家属, 联系人, a name) → ``high``;
* mobile after an office cue (办公电话, 咨询电话, 监督电话, 值班电话, 热线…) → ``info``;
* mobile with neither → ``medium`` (a mobile is personal more often than not), ``info`` when an
  organisation is named in brackets right after it (139…（城关区应急管理局）);
* a Taiwan mobile (09 + 8 digits, ``+886 9…``) only right after a mobile label (行動電話, 手機), then
  as a mainland one;
* landline → ``info`` unless a private cue (家庭电话, 住宅电话, 家属, 本人) → ``high``, or a named
  party of the record (申请人：李秀英，/ 信访人张某) nearer than any office cue, with no organisation
  between → ``medium``.

Service numbers (12345, 110, 95588, 400-/800-) never match the patterns:
they have no area code and are not 11-digit mobiles.
"""

from __future__ import annotations

from ..lazyre import lazy_re, lazy_regex
from ..links import ADDRESS_AT_END
from ..model import Category, ContextEffect, Severity
from ..pii.columns import column_header
from ..pii.context import (
    CITIZEN_ROLES,
    DELIVERY_LABELS,
    HOME_LABELS,
    NAMED_CITIZEN,
    OFFICE_LINE_WORDS,
    ORG_MARKERS,
    OFFICE_PHONE_CUES,
    ORG_AFTER,
    PERSONAL_PHONE_CUES,
    STRONG_PRIVATE_LANDLINE,
    clause_before,
    last_match_end,
    person_before,
    row_evidence,
)
from ..pii.masking import not_after_mask, not_before_mask
from ..pii.report import pii_finding, report_info
from ..pii.scan import CONTEXT_BEFORE, DASHES, NUMBER_SPACE, cluster_context, iter_matches
from ..pii.validate import ascii_digits
from ..registry import Rule, detector
from .pii_id_card import OTHER_NUMBER

MOBILE_RULE = Rule(
    "pii.phone.mobile", Category.pii, Severity.high,
    "个人手机号码，属于个人信息，不得公开", "发现个人手机号码，公开前应删除或脱敏（如139****5678）",
)
LANDLINE_RULE = Rule(
    "pii.phone.landline", Category.pii, Severity.info,
    "固定电话号码（单位电话可公开；个人住宅电话不得公开）", "发现个人住宅电话，公开前应删除或脱敏",
)

_SP = "[" + NUMBER_SPACE + "]"
MOBILE = lazy_regex(
    not_after_mask("+＋") +
    r"(?P<cc>(?:[+＋]" + _SP + r"?86|0086)(?:" + _SP + r"|[\-－])?|86[\-－])?"  # +86 139…, 0086-139…, 86-139…
    r"(?P<num>[1１][3-9３-９]\d(?P<sep>(?:" + _SP + r"|[\-－])?)\d{4}(?P=sep)\d{4})"
    + not_before_mask()
)
LANDLINE = lazy_regex(
    not_after_mask() +
    r"(?:[(（](?P<pa>[0０]\d{2,3})[)）]" + _SP + r"?|(?P<area>[0０]\d{2,3})[\-－" + DASHES + NUMBER_SPACE + r"])"
    r"(?P<sub>\d{7,8})(?:(?:[\-－]|转)(?P<ext>\d{1,5}))?"
    + not_before_mask()
)
# Taiwan mobiles on 港澳台 material (行動電話：0912-345-678, 手機：+886 912 345 678): 09 and 8 digits, read only
# right after a mobile label (TW_LABEL in the clause, nearer than another number's label) and validated by
# phonenumbers (region TW, type mobile). 0912 is also a mainland area code (榆林), but a mainland number
# after it has 7 digits, and phonenumbers (TW) rejects it.
TW_MOBILE = lazy_regex(
    not_after_mask("+＋") +
    r"(?:(?:[+＋]" + _SP + r"?886|00886)(?:" + _SP + r"|[\-－])?9|09)\d{2}(?P<sep>(?:" + _SP + r"|[\-－])?)\d{3}(?P=sep)\d{3}"
    + not_before_mask()
)
TW_LABEL = lazy_regex(r"行动电话|移动电话|手机")
_TW_HEAD = r"(?:行动电话|移动电话|手机)[^0-9\n]{0,10}(?:09|[+＋][ ]?886|00886)"
_TW_NEAR = lazy_re(r"09|886")
WINDOW = 28
assert WINDOW <= CONTEXT_BEFORE  # the private-word checks read the scan's context text
# Necessary for a MOBILE match: the national number's 1[3-9], not right after a character its
# look-behind excludes (a digit, letter, plus or star), unless that is the 6 of a +86/0086 prefix.
# ASCII and full-width are listed, so that no other script's digit is wrongly excluded. The tests
# on the characters before come after the 1, so that the search skips ahead by first character.
# (a mask sign before the 1 is left to MOBILE's own look-behinds: after a masked name or a separating # or × the
# value is read, masking.not_after_mask)
_AFTER_ONE = r"(?<![0-57-9０-９A-Za-z+＋][1１])(?<![^8]6[1１])[3-9３-９]"
_MOBILE_HEAD = lazy_re(r"[1１]" + _AFTER_ONE)
# the same words and the citizen roles (a named one may own a landline), for the standard library's fast literal scan
_PRIVATE_LANDLINE = lazy_re(STRONG_PRIVATE_LANDLINE.pattern + "|" + CITIZEN_ROLES)
# Either of the two, in one search; each alternative starts with a literal so that the search
# skips ahead by first character.
_MOBILE_HEAD_OR_PRIVATE = lazy_re(_PRIVATE_LANDLINE.pattern + "|1" + _AFTER_ONE + "|１" + _AFTER_ONE + "|" + _TW_HEAD)


# 统计公报, 预决算 and 采购 tables hold 11-digit numbers that begin like a mobile: 13–19 billion 元 (15012345678.50,
# 18912345678元), and codes with a mobile-shaped middle (HT-18673145621, 13912345678-001). A decimal part or a unit
# after the number, a code's letters and hyphen before it or its hyphenated tail after it say it is none.
_QUANTITY_AFTER = lazy_regex(
    r"[.．]\d|[ \u3000]?(?:[万亿千百]?元|美元)|(?:[万亿](?:吨|人|户|辆|千瓦时|平方米)?|吨|千瓦时|人次|平方米|立方米|公顷|亩|公里|千克|公斤)"
    r"(?![\p{Han}])"
)
_CODE_BEFORE = lazy_regex(r"[A-Za-z][\-－_]$")
_CODE_AFTER = lazy_regex(r"[\-－_]\d")
# a column of amounts or quantities (金额（元）, 预算数, 合计…) is not a column of phone numbers
_AMOUNT_HEADER = lazy_regex(r"金额|[（(](?:万|亿)?元[）)]|预算|决算|执行数|合计|小计|余额|支出|收入|数量|产量|产值|投资|总额|价款|单价|总价|报价")
_PHONE_HEADER = lazy_regex(r"手机|电话|联系方式|号码")


# 准考证号13901021503, a 学号 column: the label of another number, nearer than any phone word, names the number
_PHONE_WORD = lazy_regex(r"电话|手机|联系方式|热线|传真|座机|[Tt][Ee][Ll]|致电|拨打|短信|微信")


# a number inside a web address written in the text: CMS article ids (t20240105_13912345678.html, art_13912345678_1)
# are not phones — unless the address passes a phone as a query value (…?mobile=139…: that is a leak).
# links.ADDRESS_AT_END says where an address begins; it differs from the link rules' on purpose (see links.py)
_PHONE_PARAM = lazy_re(r"(?i:phone|mobile|tel|sjh|shouji|lxdh|dh)=$")


def _in_web_address(text: str, s: int) -> bool:
    before = text[max(0, s - 200):s]
    return ADDRESS_AT_END.search(before) is not None and _PHONE_PARAM.search(before) is None


def _not_a_phone(text: str, s: int, e: int) -> bool:
    """An amount, a quantity, a piece of a code or a web address, or another labelled number that only looks
    like a mobile."""
    if _QUANTITY_AFTER.match(text, e) or _CODE_AFTER.match(text, e) or _CODE_BEFORE.search(text, max(0, s - 2), s):
        return True
    if s > 0 and text[s - 1] in "/／_=-.&?#" and _in_web_address(text, s):
        return True
    seg, _ = clause_before(text, s, 16)
    label = last_match_end(OTHER_NUMBER, seg)
    if label is not None:
        phone = last_match_end(_PHONE_WORD, seg)
        return phone is None or phone[0] < label[0]
    if "\t" in text[max(0, s - 1):s]:
        header = column_header(text, s)
        return header is not None and _PHONE_HEADER.search(header) is None and (
            _AMOUNT_HEADER.search(header) is not None or OTHER_NUMBER.search(header) is not None)
    return False


def _tw_mobile(text: str, s: int, e: int) -> bool:
    """A TW_MOBILE match at [s, e) under a mobile label that phonenumbers (TW) takes for a mobile."""
    seg, _ = clause_before(text, s, 16)
    label = last_match_end(TW_LABEL, seg)
    if label is None:
        return False
    other = last_match_end(OTHER_NUMBER, seg)
    if other is not None and other[0] > label[0]:
        return False
    return _cached_tw(ascii_digits(text[s:e]))


_TW_CACHE: dict[str, bool] = {}


def _cached_tw(digits: str) -> bool:
    national = "0" + digits[3:] if digits.startswith("886") else "0" + digits[5:] if digits.startswith("00886") else digits
    key = national[:5]  # validity depends on the prefix (09xx), not the last digits
    hit = _TW_CACHE.get(key)
    if hit is None:
        import phonenumbers

        try:
            num = phonenumbers.parse(national, "TW")
            hit = phonenumbers.is_valid_number(num) and phonenumbers.number_type(num) in (
                phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
        except phonenumbers.NumberParseException:
            hit = False
        if len(_TW_CACHE) < 4096:
            _TW_CACHE[key] = hit
    return hit


def _valid(national: str, mobile: bool) -> bool:
    """phonenumbers validity (region CN) for a national number, cached per number prefix.

    CN validity depends on the area code (or mobile prefix), the subscriber
    length and the leading subscriber digits — not on the last digits — so the
    answer is cached per (prefix, length) and phonenumbers parses each prefix
    once per process instead of once per candidate.
    """
    cut = 5 if mobile else (len(national) - _subscriber_len(national) + 2)
    return _cached_valid(national[:cut], len(national), mobile, national)


def _subscriber_len(national: str) -> int:
    # area codes: 10, 2x (2 digits + leading 0 → "010", "02x"), else 3 digits after the 0
    return len(national) - (3 if national[1] in "12" else 4)


_CACHE: dict[tuple[str, int, bool], bool] = {}


def _cached_valid(prefix: str, length: int, mobile: bool, national: str) -> bool:
    key = (prefix, length, mobile)
    hit = _CACHE.get(key)
    if hit is None:
        hit = _phonenumbers_valid(national, mobile)
        if len(_CACHE) < 65536:
            _CACHE[key] = hit
    return hit


def _phonenumbers_valid(national: str, mobile: bool) -> bool:
    import phonenumbers  # imported on the first candidate: most pages have none, and import costs ~50 ms

    try:
        num = phonenumbers.parse(national, "CN")
    except phonenumbers.NumberParseException:
        return False
    if not phonenumbers.is_valid_number(num):
        return False
    t = phonenumbers.number_type(num)
    if mobile:
        return t in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    return t in (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


def classify_mobile(text: str, start: int, end: int) -> tuple[Severity, float, list[ContextEffect], dict]:
    seg, _ = clause_before(text, start, WINDOW)
    office = last_match_end(OFFICE_PHONE_CUES, seg)
    personal = last_match_end(PERSONAL_PHONE_CUES, seg)
    person = person_before(text, start, WINDOW)
    p_end = max((personal[0] if personal else -1), (person.end if person else -1))
    details: dict = {}
    if person:
        details["person"] = person.text
    if office and office[0] > p_end:
        after = person_after(text, end)
        if after is not None:  # 咨询：139…（工作日），联系人：李老师 — the person is named after the number
            details["person"] = after
            return Severity.high, 0.85, [ContextEffect(word=after, effect="raise", delta=0.15)], details
        return Severity.info, 0.8, [ContextEffect(word=office[1], effect="lower", delta=-0.5)], details
    if personal or person:
        word = personal[1] if personal and (not person or personal[0] >= person.end) else person.text  # type: ignore[union-attr]
        return Severity.high, 0.95, [ContextEffect(word=word, effect="raise", delta=0.15)], details
    duty = _OFFICE_BRACKET.match(text, end)  # 联系电话：139…（值班手机）
    if duty is not None:
        word = duty.group().strip(" \u3000（()）")
        return Severity.info, 0.7, [ContextEffect(word=word, effect="lower", delta=-0.5)], details
    after = person_after(text, end)
    if after is not None:
        details["person"] = after
        return Severity.high, 0.85, [ContextEffect(word=after, effect="raise", delta=0.15)], details
    # 王秀英 … 住址：… 联系电话：139…, or the record's fields on the lines above (信访人：… / 联系电话：139…)
    evidence = row_evidence(text, start, mobiles=False, homes=True, record=True)
    if evidence is not None:
        details["person"] = ("same record as a valid ID number" if evidence == "身份证号" else
                             "same record as a home address" if evidence in HOME_LABELS or evidence in DELIVERY_LABELS else evidence)
        return Severity.high, 0.85, [ContextEffect(word=evidence, effect="raise", delta=0.15)], details
    org = ORG_AFTER.match(text, end)  # 联系电话：139…（城关区应急管理局）
    if org is not None:
        word = org.group().strip(" \u3000（()）")
        return Severity.info, 0.7, [ContextEffect(word=word, effect="lower", delta=-0.5)], details
    return Severity.medium, 0.7, [], details


# …（王科长）, …（王科长手机）, …（李老师的手机）: the person the number belongs to, in brackets after it
_AFTER_NAME = lazy_regex(
    r"[（(]([\p{Han}·]{1,3}(?:老师|先生|女士|同志|科长|主任|局长|处长|经理|警官|医生)|[\p{Han}·]{2,4}?)"
    r"(?:的?(?:手机号码|手机号|手机|电话))?[）)]"
)
# …（值班手机）, …（办公室手机）, …（举报专用电话）: the bracket says what line the number is, an office's
_OFFICE_BRACKET = lazy_regex(
    r"[ \u3000]?[（(](?:" + OFFICE_LINE_WORDS + r")(?:室)?(?:专用)?(?:手机号码|手机号|手机|电话|号码|专线|热线)?[）)]"
)
_AFTER_ROLE = lazy_regex(r"^[^。；;\n\d]{0,8}?(联系人|本人|家属|监护人)")


def person_after(text: str, end: int) -> str | None:
    """A person named right after the number: ``139…（张科长）`` or ``139…（工作日），联系人：李老师``."""
    seg = text[end:end + 14]
    m = _AFTER_NAME.match(seg)
    if m and (m.group(1)[-1] in "师生士志长任理官" or person_before(m.group(1) + "，", len(m.group(1)) + 1, use_jieba=True)):
        return m.group(1)
    r = _AFTER_ROLE.match(seg)
    return r.group(1) if r else None


def classify_landline(text: str, start: int) -> tuple[Severity, float, list[ContextEffect]]:
    seg, _ = clause_before(text, start, WINDOW)
    private = last_match_end(STRONG_PRIVATE_LANDLINE, seg)
    office = last_match_end(OFFICE_PHONE_CUES, seg)
    if private and (not office or private[0] > office[0]):
        return Severity.high, 0.85, [ContextEffect(word=private[1], effect="raise", delta=0.3)]
    citizen = last_match_end(NAMED_CITIZEN, seg)  # 申请人：李秀英，联系电话：0931-8456123
    if citizen and (not office or citizen[0] > office[0]) and ORG_MARKERS.search(seg, citizen[0]) is None:
        return Severity.medium, 0.6, [ContextEffect(word=citizen[1], effect="raise", delta=0.2)]
    return Severity.info, 0.8, ([ContextEffect(word=office[1], effect="lower", delta=-0.5)] if office else [])


def _private_word_before_cluster(ctx) -> bool:
    """Whether a private-line word (家庭电话, 本人…) or a party's role (申请人…) stands before a cluster that may hold a landline
    — the only way a landline is reported without ``report_info``.

    A landline match starts inside its cluster, and the characters between the cluster's start and
    the match are number characters, never part of a (Chinese) private word; so the clause that
    :func:`classify_landline` reads lies inside the ``WINDOW`` characters before the cluster, which
    the scan's context text holds. One search over it replaces seven substring scans of the page.
    """
    return _PRIVATE_LANDLINE.search(cluster_context(ctx)) is not None


def _nothing_to_report(ctx) -> bool:
    """Without ``report_info``: no cluster holds a mobile's head and no private-line word stands
    before one — the usual page, settled by one search over the scan's context text (which also
    gives a cluster's first characters what stands before them)."""
    return _MOBILE_HEAD_OR_PRIVATE.search(cluster_context(ctx)) is None


def _mobile_finding(ctx, text: str, s: int, e: int, pattern: str, validation: str, region: str | None = None):
    """A mobile's finding: severity from its context (person, office, duty), one message per outcome."""
    sev, conf, effects, details = classify_mobile(text, s, e)
    details["number_type"] = "mobile"
    if region:
        details["region"] = region
    msg = MOBILE_RULE.message if sev is not Severity.info else "手机号码（单位/办公语境，可公开，请确认非个人号码）"
    if "person" in details and sev is Severity.high:
        msg = f"{MOBILE_RULE.message}；附近有人员信息（{details['person']}），构成可识别个人的组合"
    return pii_finding(ctx, MOBILE_RULE.id, s, e, severity=sev, confidence=conf, message=msg,
                       pattern=pattern, validation=validation, context=effects, details=details)


@detector(MOBILE_RULE, LANDLINE_RULE, name="pii_phone", order=42)
def detect(ctx):
    text = ctx.text
    info = report_info(ctx)
    if not info and _nothing_to_report(ctx):
        return
    mobile_spans: list[tuple[int, int]] = []
    for m in iter_matches(ctx, MOBILE, min_digits=11, stars=False, near=_MOBILE_HEAD):
        national = ascii_digits(m.group("num"))
        if not _valid(national, mobile=True):
            continue
        s, e = m.span()
        if _not_a_phone(text, s, e):
            continue
        mobile_spans.append((s, e))
        yield _mobile_finding(ctx, text, s, e, "phone/mobile", "phonenumbers CN mobile")
    for m in iter_matches(ctx, TW_MOBILE, min_digits=10, stars=False, near=_TW_NEAR):
        s, e = m.span()
        if not _tw_mobile(text, s, e):
            continue
        mobile_spans.append((s, e))
        yield _mobile_finding(ctx, text, s, e, "phone/mobile-tw", "phonenumbers TW mobile", region="TW")
    if not info and not _private_word_before_cluster(ctx):
        return  # only office lines can be here, and they are not reported
    for m in iter_matches(ctx, LANDLINE, min_digits=10, stars=False):
        s, e = m.span()
        if any(a < e and s < b for a, b in mobile_spans):
            continue
        area = m.group("pa") or m.group("area")
        sev, conf, effects = classify_landline(text, s)
        if sev is Severity.info and not info:
            continue  # an office line: nothing to report unless info findings are asked for
        if not _valid(ascii_digits(area + m.group("sub")), mobile=False):
            continue
        yield pii_finding(ctx, LANDLINE_RULE.id, s, e, severity=sev, confidence=conf, pattern="phone/landline",
                          message=("固定电话（单位/办公电话，可公开）" if sev is Severity.info else
                                   "个人住宅电话，属于个人信息，不得公开" if sev is Severity.high else
                                   "当事人/申请人等的固定电话，属于个人信息，公开前请核实并删除或脱敏"),
                          validation="phonenumbers CN fixed line", context=effects,
                          details={"area_code": area, **({"extension": m.group("ext")} if m.group("ext") else {})})
