"""Bank card numbers: 16–19 digits, Luhn-valid, with a card-scheme prefix.

Luhn passes one random number in ten, so a Luhn-valid number is reported at
``high`` only with a card cue just before it (卡号, 银行卡, 账号, 工资卡, a bank
name, 发放至…); an organisation's account (户名 …财政局, 非税收入, 专户) is
``info``. Case, task and work-order numbers that happen to pass Luhn are
left alone: they have an identifier cue (编号, 单号) instead.
"""

from __future__ import annotations

from ..lazyre import lazy_regex
from ..model import Category, ContextEffect, Severity
from ..pii.columns import column_header
from ..pii.context import (
    PERSON_IDENTIFIER,
    clause_before,
    last_match_end,
    person_before,
)
from ..pii.masking import NEXT_TO_MASK, not_after_mask, not_before_mask
from ..pii.report import pii_finding
from ..pii.scan import NUMBER_SPACE, iter_matches
from ..pii.validate import ascii_digits, bank_card_ok, card_prefix_ok
from ..registry import Rule, detector

RULE = Rule(
    "pii.bank_card", Category.pii, Severity.high,
    "个人银行卡号，属于个人敏感信息，不得公开", "发现个人银行卡号，公开前应删除或脱敏（保留前6位和后4位）",
)

CARD = lazy_regex(
    not_after_mask(r"\-") + r"(?:\d{4}(?P<sep>[\-" + NUMBER_SPACE + r"])\d{4}(?P=sep)\d{4}(?P=sep)\d{4}(?:(?P=sep)\d{1,3})?|\d{16,19})" + not_before_mask()
)
CARD_CUE = lazy_regex(
    r"卡号|银行卡|借记卡|信用卡|工资卡|社保卡|一卡通|一折通|存折|(?<!破)折号|打卡|账号|帐号|账户|帐户|收款|还款|退费|开户行|"
    r"(?:工商|农业|建设|交通|招商|邮储|中国|民生|兴业|浦发|光大|华夏|平安|农商|农村商业|中信|广发)银行|发放至|汇入|拨付至|打入|转入"
)
ORG_ACCOUNT = lazy_regex(r"财政|非税|专户|国库|零余额|基金|单位|中心|慈善会|公积金|汇缴|缴款|归集")
# 户名 says whose account it is: an organisation (户名：某某县财政局) or a person (户名：李秀英, as 补贴发放 lists
# print it). The label alone proves nothing; its value decides.
HOLDER = lazy_regex(r"户名[：:\s]*(?P<name>[^\s，,。；;：:]{2,40})")
_ORG_NAME = lazy_regex(r"公司|集团|合作社|政府|机关|委员会|[局厅委办院所站队社馆会行]$|中心|学校|医院|银行|财政|专户|基金")
EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of a number and shows the rest as zeros
ROUNDED_MESSAGE = ("银行卡号以数值格式保存，末{n}位已被 Excel 舍为0，但前15位（发卡行和账户的大部分）仍然公开；"
                   "请删除该列或脱敏（保留前6位和后4位），并把卡号列设为文本格式")
NOT_CARD = lazy_regex(r"编号|单号|工单|批次|流水号|代码|发票|案件|任务|票据|序号|码")
WINDOW = 24


def _header_cue(text: str, start: int) -> tuple[int, str] | None:
    """The card label heading the column the number stands in (银行卡号, 开户银行账号…), as (0, word); or None.

    A header that names another number (编号, 流水号…) or an organisation's account (单位账号, 专户…) is not one.
    """
    header = column_header(text, start)
    if header is None or NOT_CARD.search(header) or ORG_ACCOUNT.search(header):
        return None
    m = CARD_CUE.search(header)
    return (0, m.group()) if m else None


def _rounded_by_excel(digits: str) -> bool:
    """A 16–19 digit card number typed into Excel as a number: 15 significant digits, then zeros."""
    return 16 <= len(digits) <= 19 and digits.endswith("0" * (len(digits) - EXCEL_DIGITS)) and card_prefix_ok(digits)


def _rounded(ctx, text: str, s: int, e: int, digits: str):
    """A rounded card in a card column (银行卡号, 一卡通账号…) is still most of a person's card: medium.
    The column header decides — in running text nobody writes 6222 0212 3456 7890 000 — and an
    organisation's account column or an 编号 column is not one."""
    cue = _header_cue(text, s)
    if cue is None:
        return
    yield pii_finding(ctx, RULE.id, s, e, severity=Severity.medium, confidence=0.75,
                      message=ROUNDED_MESSAGE.format(n=len(digits) - EXCEL_DIGITS), pattern="card/excel-rounded",
                      validation="card prefix ok; Luhn fails on the zeros Excel wrote (15 significant digits)",
                      context=[ContextEffect(word=cue[1], effect="require")],
                      details={"owner": "person", "length": len(digits), "rounded": True})


@detector(RULE, name="pii_bank_card", order=44)
def detect(ctx):
    text = ctx.text
    for m in iter_matches(ctx, CARD, min_digits=16, stars=False):
        digits = ascii_digits(m.group())
        s, e = m.span()
        if not bank_card_ok(digits):
            if _rounded_by_excel(digits):
                yield from _rounded(ctx, text, s, e, digits)
            continue
        seg, _ = clause_before(text, s, WINDOW)
        cue = last_match_end(CARD_CUE, seg)
        if cue is None:
            cue = _header_cue(text, s)  # a 银行卡号 column of a 发放/补偿 table: the label is the column's header
        notcard = last_match_end(NOT_CARD, seg)
        wide = clause_before(text, s, 48)[0]
        org = last_match_end(ORG_ACCOUNT, wide)
        if notcard and (not cue or notcard[0] > cue[0]):
            continue
        person = person_before(text, s, 48, use_jieba=False)
        ident = last_match_end(PERSON_IDENTIFIER, wide)
        p_end = max(ident[0] if ident else -1, (person.end if person else -1))
        holder = None
        for holder in HOLDER.finditer(wide):
            pass
        if holder is not None:
            name = holder.group("name")
            if _ORG_NAME.search(name):
                org = (holder.end(), name) if not org or holder.end() > org[0] else org
            else:  # a person's name as the account holder
                p_end = max(p_end, holder.end())
        if org and org[0] > p_end and "个人" not in seg:
            yield pii_finding(ctx, RULE.id, s, e, severity=Severity.info, confidence=0.6,
                              message="银行账号（单位/对公账户，可公开）", pattern="card/luhn+prefix",
                              validation="Luhn + card prefix",
                              context=[ContextEffect(word=org[1], effect="lower", delta=-0.5)],
                              details={"owner": "organisation"})
            continue
        if cue is None:
            yield pii_finding(ctx, RULE.id, s, e, severity=Severity.low, confidence=0.35,
                              message="疑似银行卡号（无卡号语境），请核实", pattern="card/luhn+prefix",
                              validation="Luhn + card prefix", details={"owner": "unknown"})
            continue
        yield pii_finding(ctx, RULE.id, s, e, confidence=0.95 if person else 0.9, pattern="card/luhn+prefix",
                          validation="Luhn + card prefix", context=[ContextEffect(word=cue[1], effect="require")],
                          details={"owner": "person", "length": len(digits),
                                   **({"person": person.text} if person else {})})
