"""Contact solicitation next to ad or gambling text (``advertising.contact``).

Spam ends with a way to reach the seller: ``加微信 abc123``, ``QQ：312443213``,
``V信 18912345678``. A QQ or WeChat id alone is ordinary on government pages
(政务服务QQ群, 公众号), so it is reported only within ``window`` characters
(default 40, option ``[options.ads_contact] window``) and in the same paragraph as an advertising hit
that survived the context filter; the ad words themselves are reported by
the ``terms`` detector.

Only a hit the terms detector reports as the entry says counts (:meth:`.TermDetector.judged`, the
judgement shared per review): one it lowers is the page talking about the ad — police news or 反诈
publicity quoting the lure (不法分子冒充“澳门新葡京”客服，以加微信 xpj888 等方式诱骗群众充值), or a term
with a warning on the next line and no promotion on its own (「澳門新葡京」 微信：xpj888 / 警方提醒：…) — and
its contact id is the one the report warns about. A hit whose own line sells keeps its contact even with a
warning appended under it (QQ：312443213 澳门新葡京官网 / 警方提醒：谨防网络赌博).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
import regex

from ..context import NOT_NEAR_OTHER_LINE
from ..lazyre import lazy_regex
from ..model import Category, Finding, Severity
from ..registry import Rule, detector
from .terms import TermDetector

NAME = "ads_contact"
CONTACT = Rule("advertising.contact", Category.advertising, Severity.medium,
               "广告/博彩内容旁的联系方式（QQ、微信等招揽）", "广告内容附带联系方式")

# full-width forms are folded before matching (see _fold), so only ASCII forms are listed
CONTACT_RE = lazy_regex(
    r"(?P<kind>qq|扣扣|企鹅|q群|qq群)\s*(?:号|号码|群)?\s*[:：]?\s*(?P<id>[1-9][0-9]{4,10})(?![0-9])"
    r"|(?P<kind2>微信|薇信|威信|徽信|v信|vx|wx|weixin|wechat|加v|\+v|v)\s*(?:号|号码)?\s*[:：]?\s*"
    r"(?P<id2>1[3-9][0-9]{9}(?![0-9])|[a-z][-_a-z0-9]{5,19})",
    regex.I,
)

# every contact kind above holds one of these (with IGNORECASE, q/v/w match only their upper-case forms)
_KIND_CHARS = "qQvVwW扣企微薇威徽"


def _fold(text: str, codes: np.ndarray | None) -> str:
    """Width fold of equal length (offsets unchanged), on the text's code array: a fold character by
    character in Python (or ``str.translate``) costs ~0.1 µs per character, ~300 µs for a page of spam.
    ``codes`` are the text's code points when the caller has them."""
    if codes is None:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    wide = (codes >= 0xFF01) & (codes <= 0xFF5E)
    if not wide.any():
        return text
    folded = codes.copy()
    folded[wide] -= 0xFEE0
    return folded.tobytes().decode("utf-32-le", "surrogatepass")


@detector(CONTACT, name=NAME, order=55)
class AdContact:
    """QQ/WeChat contact ids near advertising hits."""

    def __init__(self, reviewer):
        self.window = int(reviewer.config.options.get(NAME, {}).get("window", 40))
        self.terms = TermDetector(reviewer)  # which hits it lowers (a report, publicity, a warning beside)

    def detect(self, ctx) -> Iterable[Finding]:
        hits = ctx.term_hits(rule_prefix="advertising")
        if not hits:
            return ()
        judged = {id(k): low for k, low in self.terms.judged(ctx)}
        # a lowered hit is a report or publicity quoting the ad; a hit of a lexicon the terms detector does not
        # judge (a user lexicon left to another detector) only drops for a not_near word on another line
        ads = [ctx.view_span(k.hit) for k in hits
               if (judged[id(k)] is None if id(k) in judged
                   else not (k.context and any(c.effect == NOT_NEAR_OTHER_LINE for c in k.context)))]
        if not ads:
            return ()
        return self._findings(ctx, ads)

    def _findings(self, ctx, ads: list[tuple[int, int]]) -> Iterator[Finding]:
        # the detectors' view (企鵝 read as 企鹅), then full-width punctuation too (＋v, ：)
        text = ctx.text
        text = _fold(text, ctx.folded.codes if text is ctx.raw_text else None)
        if not any(c in text for c in _KIND_CHARS):
            return  # no QQ/WeChat word at all (most spam pages): the contact pattern cannot match
        for m in CONTACT_RE.finditer(text):
            s, e = m.span()
            near = min(
                ((a, b) for a, b in ads
                 if a - self.window <= e and s <= b + self.window and "\n" not in text[min(b, s):max(a, e)]),
                key=lambda ab: abs(ab[0] - s), default=None,
            )
            if near is None:  # no ad text in the same paragraph nearby
                continue
            if m.group("kind2") and m.group("kind2").lower() == "v" and not m.group("id2")[0].isdigit():
                continue  # a bare "v" followed by a word is too weak
            kind = "QQ" if m.group("kind") else "微信"
            ad = ctx.raw_text[near[0]:near[1]]
            yield ctx.finding(
                CONTACT.id, s, e, confidence=0.85, pattern=kind, folds=[],
                message=f"广告/博彩内容“{ad}”旁附有{kind}联系方式“{ctx.raw_text[s:e]}”，属招揽联系，疑似广告或被植入内容",
                details={"contact_kind": kind, "contact_id": m.group("id") or m.group("id2"), "near_ad": ad},
            )
