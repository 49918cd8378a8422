"""Resident ID numbers (公民身份号码, GB 11643): 18-digit and legacy 15-digit.

Candidates come from one compiled pattern (plain, full-width, 6-8-4 and
6-4-4-4 groups split by spaces or hyphens). A candidate is reported only if
it *is* an ID number: MOD 11-2 check digit, a real birth date not in the
future, and a division code that still existed in the birth year (see
:mod:`govreview.pii.regions`). 18-digit statistics, order numbers and 文号
fail at least one of these, so they stay quiet; a number whose only fault is
the check digit, right after 身份证号, is reported at ``low`` (a typo'd ID is
still someone's ID). 15-digit numbers have no check digit, so they need an ID
cue or a person nearby to be ``high``. HK/Macau/Taiwan residence permits use
the 810000/820000/830000 prefixes and pass the same checks.
"""

from __future__ import annotations

from ..lazyre import lazy_re, lazy_regex
from ..model import Category, ContextEffect, Severity
from ..pii.columns import column_header
from ..pii.context import clause_before, person_before
from ..pii.masking import NEXT_TO_MASK, not_after_mask, not_before_mask
from ..pii.report import pii_finding
from ..pii.scan import NUMBER_SPACE, iter_matches
from ..pii.validate import ascii_digits, check_id
from ..registry import Rule, detector

RULE = Rule(
    "pii.id_card", Category.pii, Severity.high,
    "公民身份号码（含港澳台居民居住证号码），属于个人敏感信息，不得公开",
    "发现公民身份号码，公开前应删除或脱敏（保留前6位和后4位）",
)

_X = r"[\dXxＸｘ]"
_SEP = r"[\-－" + NUMBER_SPACE + "]"
ID_CANDIDATE = lazy_regex(
    not_after_mask() + r"(?:"
    r"(?P<id18>\d{17}" + _X + r")"
    r"|(?P<id684>\d{6}(?P<s1>" + _SEP + r")\d{8}(?P=s1)\d{3}" + _X + r")"
    r"|(?P<id6444>\d{6}(?P<s2>" + _SEP + r")\d{4}(?P=s2)\d{4}(?P=s2)\d{3}" + _X + r")"
    r"|(?P<id15>\d{15})"
    r")" + not_before_mask("")
)
ID_CUE = lazy_regex(
    r"身份证|身份号码|公民身份|证件号码|(?<!准考|学生|毕业|资格|执业|许可|合格|工作|会员|出生|结婚)证号|身份证件|驾驶证|"
    r"纳税人识别号|社会保障号|残疾证|居住证|社保号|证件|身份号"
)
# labels of the other long numbers that 公示 lists carry: a 15-digit number under one of them (in its clause
# or as its column's header) is that number — old-format ID numbers have no check digit to say otherwise
OTHER_NUMBER = lazy_regex(
    r"准考证号?|准考号|考生号|考号|考试号|报名号|报名序号|学号|学籍号|工号|编号|证书号|档案号|流水号|订单号|单号|合同号|"
    r"许可证号|资格证号|执业证号|毕业证号|学生证号|合格证号|登记号|注册号|备案号|批准文号|车架号|发动机号|条形码|条码"
)
# the labels of numbers that projects, contracts and orders carry — not a person's or a certificate's (人员编号,
# 证书编号, 学籍号, 工号 can be the ID number itself)
DOCUMENT_NUMBER = lazy_regex(
    r"(?:项目|采购|计划|招标|标段|合同|公告|交易|业务|文件|受理|办件|申请|审批|事项|工单|留言|批次)编号|"
    r"受理号|办件号|合同号|订单号|运单号|快递单号|工单号|流水号|批次号|批准文号|条形码|条码|案号"
)
_TRAILING_DIGITS = lazy_regex(r"\d{1,2}(?!\d)")
_DISABILITY = lazy_regex(r"残疾证")
CUE_WINDOW = 14
# An 18-digit ID number typed into Excel as a number keeps 15 significant digits: the file (and the cell,
# with a number format) shows 620102195807153000. Region and birth date are still there, under a name.
ROUNDED_TAIL = "000"
ROUNDED_MESSAGE = ("身份证号以数值格式保存，末3位已被 Excel 舍为0，但地区码和出生日期仍然公开，可识别个人；"
                   "公开前应删除该列，或改为文本格式后按规则脱敏")


def _header_cue(text: str, start: int):
    """The ID label heading the column the number stands in (身份证号, 公民身份号码…), as a match; or None."""
    header = column_header(text, start)
    if header is None or OTHER_NUMBER.search(header):
        return None
    return ID_CUE.search(header)


def _followed_ok(text: str, end: int, start: int) -> bool:
    """No digit right after the number — except 残疾证号 (the ID plus two category/grade digits)."""
    if end >= len(text) or not text[end].isdigit():
        return True
    if _TRAILING_DIGITS.match(text, end) and _DISABILITY.search(text, max(0, start - CUE_WINDOW), start):
        return True
    return False


def _other_number(text: str, start: int, seg: str, cue, labels=OTHER_NUMBER):
    """The label of another kind of number (准考证号, 编号…) that stands nearer than any ID cue, or heads the
    column: the label's text, or None."""
    label = labels.search(seg)
    if label is not None:
        # 证件编号, 身份证编号: the ID cue names the number
        return label.group() if cue is None or label.start() > cue.end() else None
    header = column_header(text, start)
    if header is not None and ID_CUE.search(header) is None:
        found = labels.search(header)
        return found.group() if found is not None else None
    return None


# PDF text and hard-wrapped plain text break a long number at the line's end (身份证号：4301811975⏎11020146).
# Two digit runs are joined across ONE line break only after an ID label and only when together they are a
# valid 18-digit number (check digit, date, region): the check digit is what licenses the join — arbitrary
# digits at the end of one line and the start of the next are never put together. The pattern's leading
# words are the cues of a detector of its own (pii_id_card_wrapped), so that pages without them never pay
# for the search (~13 ms/MB over every page otherwise); the label is confirmed with ID_CUE after.
_WRAP_WORDS = ("身份", "证件", "证号")
_LINE_GAP = "[ \t\u3000\u00a0]*"
WRAPPED_ID = lazy_re(
    r"(?:身份|证件|证号)[^\d\n。；;]{0,12}?(?<![0-9A-Za-z])(?P<a>[0-9]{1,17})" + _LINE_GAP + r"\r?\n" + _LINE_GAP
    + r"(?P<b>[0-9]{1,17}[Xx]?|[Xx])(?![0-9A-Za-z" + NEXT_TO_MASK + "])"
)


def _wrapped_ids(text: str):
    """(start, end, number, check, cue) of the ID numbers broken across one line break after an ID label."""
    for m in WRAPPED_ID.finditer(text):
        a, b = m.group("a"), m.group("b")
        if len(a) + len(b) != 18:
            continue
        s = m.start("a")
        seg, _ = clause_before(text, s, CUE_WINDOW)
        cue = ID_CUE.search(seg)
        if cue is None or _other_number(text, s, seg, cue):
            continue
        number = (a + b).upper()
        chk = check_id(number)
        if chk.ok and not chk.legacy:
            yield s, m.end("b"), number, chk, cue


@detector(RULE, name="pii_id_card", order=40)
class IdCardDetector:
    """GB 11643 ID numbers validated by check digit, date and the division-code timeline."""

    def __init__(self, reviewer):
        from ..pii.regions import table_path

        if not table_path().is_file():  # fail at start-up, not per document; the table loads on first use
            raise FileNotFoundError(f"division-code table missing: {table_path()}")

    def detect(self, ctx):
        text = ctx.text
        for m in iter_matches(ctx, ID_CANDIDATE, min_digits=15, stars=False):
            s, e = m.start(), m.end()
            if not _followed_ok(text, e, s):
                continue
            number = ascii_digits(m.group())
            chk = check_id(number)
            seg, _ = clause_before(text, s, CUE_WINDOW)
            cue = ID_CUE.search(seg)
            if cue is None and not chk.ok and chk.structural:
                cue = _header_cue(text, s)  # a 身份证号 column of a 公示 table: the label is the column's header
            fmt = "15" if m.group("id15") else ("18" if m.group("id18") else "grouped")
            if chk.ok and chk.legacy and _other_number(text, s, seg, cue):
                continue
            if chk.ok:
                # jieba only where the name decides (15-digit numbers have no check digit)
                person = person_before(text, s, use_jieba=chk.legacy and cue is None)
                label = (None if person is not None or cue is not None or chk.legacy
                         else _other_number(text, s, seg, cue, DOCUMENT_NUMBER))
                if label is not None:
                    # 项目编号：430102202603150010 — 采购/合同 numbers are often 区划代码 + date + serial, and one
                    # in eleven passes the check digit: under such a label, with no person, it is shown for a
                    # person to check, not blocked
                    yield pii_finding(ctx, RULE.id, s, e, severity=Severity.low, confidence=0.3,
                        message=f"号码形如公民身份号码（校验通过），但标注为{label}且附近无人员信息，请核实",
                        pattern=f"id/{fmt}", validation="MOD 11-2 + date + region timeline; labelled as another number",
                        context=[ContextEffect(word=label, effect="lower", delta=-0.6)],
                        details={"format": fmt, "region": number[:6], "label": label})
                    continue
                effects = []
                conf = 0.93 if not chk.legacy else 0.6
                if cue:
                    effects.append(ContextEffect(word=cue.group(), effect="raise", delta=0.05))
                    conf += 0.05 if not chk.legacy else 0.3
                if person:
                    effects.append(ContextEffect(word=person.text, effect="raise", delta=0.02))
                    conf += 0.02 if not chk.legacy else 0.25
                severity = Severity.high
                if chk.legacy and not (cue or person):
                    severity = Severity.low
                region = number[:6]
                details = {"format": fmt, "birth_date": chk.birth.isoformat() if chk.birth else None, "region": region}
                if region in ("810000", "820000", "830000"):
                    details["permit"] = {"810000": "香港", "820000": "澳门", "830000": "台湾"}[region] + "居民居住证"
                if person:
                    details["person"] = person.text
                msg = RULE.message
                if person:
                    msg = f"{RULE.message}；附近有人员信息（{person.text}），构成可识别个人的组合"
                yield pii_finding(ctx, RULE.id, s, e, severity=severity, confidence=conf, message=msg, pattern=f"id/{fmt}",
                    validation=("legacy-15: date+region" if chk.legacy else "MOD 11-2 + date + region timeline"),
                    context=effects, details=details,
                )
            elif chk.structural and cue is not None and fmt == "18" and number.endswith(ROUNDED_TAIL):
                yield pii_finding(ctx, RULE.id, s, e, severity=Severity.medium, confidence=0.8, message=ROUNDED_MESSAGE,
                    pattern="id/18-rounded", validation="date + region ok; last digits zero (a number rounded to 15 significant digits)",
                    context=[ContextEffect(word=cue.group(), effect="require")],
                    details={"format": fmt, "failed": "checksum", "rounded": True, "region": number[:6]},
                )
            elif chk.structural and cue is not None:
                yield pii_finding(ctx, RULE.id, s, e, severity=Severity.low, confidence=0.4,
                    message="疑似公民身份号码（校验位不符），请核实后再公开",
                    pattern=f"id/{fmt}", validation="date + region ok; check digit wrong",
                    context=[ContextEffect(word=cue.group(), effect="require")],
                    details={"format": fmt, "failed": "checksum"},
                )


@detector(RULE, name="pii_id_card_wrapped", order=40, cues=_WRAP_WORDS)
def detect_wrapped(ctx):
    """ID numbers broken across one line break after an ID label (PDF text, hard-wrapped text)."""
    text = ctx.text
    if "\n" not in text:
        return
    for s, e, number, chk, cue in _wrapped_ids(text):
        person = person_before(text, s, use_jieba=False)
        details = {"format": "wrapped", "birth_date": chk.birth.isoformat() if chk.birth else None, "region": number[:6]}
        if person:
            details["person"] = person.text
        yield pii_finding(ctx, RULE.id, s, e, confidence=0.9, message=f"{RULE.message}（号码被换行分成两段）",
            pattern="id/wrapped", validation="MOD 11-2 + date + region timeline, across one line break",
            context=[ContextEffect(word=cue.group(), effect="require")], details=details)
