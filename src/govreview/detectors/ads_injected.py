"""Gambling spam planted in an official page: suspected tampering (``advertising.injected``).

A casino brand in a county notice is not an editor's slip: somebody broke into
the site. The response differs (a security incident: keep evidence, find the
entry point, check the server — not just delete the words), so besides the
plain ``advertising.gambling`` finding, each gambling hit that shows one of
these signs is reported again as ``advertising.injected`` with the reason:

* ``hidden`` — it sits in an element readers cannot see (dark-link blocks are
  concentrated in ``display:none``/off-screen containers, see
  :mod:`govreview.htmldom`) — or that an inline script writes after a hiding
  style (document.write('<div style="display:none">…'), which the DOM never sees);
* ``issuer`` — it stands where the issuing body's or the place's name belongs
  (``澳门葡京人民政府关于…``, ``新葡京县应急管理局``);
* ``official`` — the rest of the document is an official text (issuer names,
  文号, 特此通知, 各有关单位…) and the gambling words are a small intrusion in
  it, e.g. in the page title or the meta keywords that search engines show —
  unless the document is about fighting gambling (two or more of 赌博, 破获,
  涉案, 公安, 打击…): such notices name the brands on purpose. Not in the title or
  a meta tag that *sells* the brand, though: hacked sites inject gambling SEO text
  into the head of every page, a police page about 打击跨境赌博 included. A hit
  there that the terms detector keeps as the entry says (no report or warning
  lowers it) and whose own line promotes (the lexicon's ``report_line_promo``:
  官网, 注册, 首存, 信誉… — 澳门新葡京官网注册送88元，首存100送100) is the intrusion;
  a head that reports (打击网络赌博专项行动，破获澳门新葡京等跨境赌博案件) keeps
  the exemption — its enforcement words drop or lower the hit.

Only hits that survived the context filter count, so the rules' own sentences
(严禁发布赌博信息) never become "tampering". A hit the terms detector lowered — a paragraph of
police news or 反赌/反诈 publicity (揭露“百家乐”“六合彩”等赌博骗局，十赌九骗), a warning on the
neighbouring line (「澳門新葡京」 / 警方提醒：…) — is the page talking about gambling, which an
official notice does (关于开展禁赌宣传月活动的通知): it counts where publicity never stands — in a
hidden element, in an issuer's position, in the page title, meta tags or comments — but not for
the ``official`` signal in the visible text. Where its own line promotes (澳门新葡京官网注册 /
警方提醒：…) the terms detector keeps it high, and it counts like any hit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from ..docnumber import has_doc_number
from ..htmldom import HiddenRegion
from ..lazyre import lazy_re, lazy_regex
from ..model import Category, Finding, Severity
from ..registry import Rule, detector
from .terms import TermDetector, line_promotes

NAME = "ads_injected"
INJECTED = Rule("advertising.injected", Category.advertising, Severity.high,
                "公文页面中被植入的博彩内容，疑似网站被篡改（按安全事件处置）", "疑似网站被篡改植入博彩内容")

#: the words that follow an issuer's or a place's name
_ISSUER_AFTER = lazy_regex(
    r"^[\s\*·\-_]{0,2}(?:(?:省|市|县|区|镇|乡|街道)?(?:人民政府|人民代表大会|政府|人大|政协|党委|纪委|委员会|办公厅|办公室|管委会|办事处)"
    r"|(?:省|市|县|区|镇|乡)\p{Han}{0,6}?(?:局|厅|委|办)(?:关于|[，。、\s]|$))"
)
_ISSUER_BEFORE = lazy_regex(r"(?:中共|中国共产党)[\s]{0,2}$")
# word lists (literals only): the stdlib engine finds the same matches about three times faster
_OFFICIAL_CUES = lazy_re(
    r"人民政府|委员会|办公厅|办公室|管理局|特此通知|特此公告|特此通告|通知如下|现将有关事项|各有关单位|各乡镇|各区县|"
    r"各县（市、区）|县直各部门|各部门|政府信息公开|主办单位|网站标识码|ICP备|公网安备|发布机构|成文日期"
)


#: a document about fighting gambling names brands on purpose: no "official document" signal for it
_ENFORCEMENT = lazy_re(r"赌博|犯罪|嫌疑人|涉案|案件|破获|侦破|打击|查处|举报|抓获|判处|涉嫌|公安|警方|治理|整治|取缔|诈骗")


def _official_score(text: str, url: str | None) -> tuple[int, list[str]]:
    cues = sorted(set(_OFFICIAL_CUES.findall(text)))  # findall: no Match object per hit (pages have hundreds)
    score = len(cues)
    if has_doc_number(text):
        score += 2
        cues.append("文号")
    if url and ".gov.cn" in url.lower():
        score += 2
        cues.append("gov.cn 网址")
    return score, cues


# what hides the HTML a script writes (document.write('<div style="display:none">…')): the DOM never sees it
_WRITTEN_HIDING = lazy_regex(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]*[1-9])|(?:left|top|text-indent)\s*:\s*-\d{3,}",
    regex.I)


def _written_hidden(source: str, scripts: list[tuple[int, int]], pos: int) -> HiddenRegion | None:
    """The script whose body holds source offset ``pos`` — text it writes (see :mod:`govreview.html`) — as a hidden
    region when it writes a hiding style before that text (var s='<div style="display:none">'+…; document.write(s))."""
    for bs, be in scripts:
        if bs <= pos < be:
            found = None
            for found in _WRITTEN_HIDING.finditer(source, bs, pos):
                pass
            return HiddenRegion(bs, be, "script", f"脚本写入的 {found.group()}") if found is not None else None
    return None


def _page_parts(html) -> list[tuple[int, int, str]]:
    """Source spans of the page parts that search engines show: title, meta tags, comments."""
    parts = [(a, b, "HTML 注释") for a, b in html.comments]
    open_title = None
    for t in html.tags:
        if t.name == "meta" and not t.closing:
            parts.append((t.start, t.end, "页面关键词/描述（meta）"))
        elif t.name == "title":
            if not t.closing:
                open_title = t.end
            elif open_title is not None:
                parts.append((open_title, t.start, "页面标题"))
                open_title = None
    return parts


@detector(INJECTED, name=NAME, order=60)
class InjectedGambling:
    """Gambling hits in hidden elements, issuer positions or otherwise official documents."""

    def __init__(self, reviewer):
        opts = reviewer.config.options.get(NAME, {})
        self.min_official = int(opts.get("min_official_score", 3))
        self.max_share = float(opts.get("max_spam_share", 0.2))
        self.max_enforcement = int(opts.get("max_enforcement_words", 2))
        self.terms = TermDetector(reviewer)  # which hits it lowers (a report, publicity, a warning beside)

    def _sells(self, ctx, k) -> bool:
        """Whether the terms detector keeps the hit as the entry says and its own line (a title, a meta tag's
        content) promotes it, outside its quotations: the head sells the brand rather than reporting on it."""
        rep = self.terms.report.get(ctx.slot(k.hit).lexicon.name)
        if rep is None or rep.line_promo is None:
            return False
        if next((low for h, low in self.terms.judged(ctx) if h is k), None) is not None:
            return False  # a report or a warning lowers it (the list holds every kept hit, so k is in it)
        return line_promotes(ctx, k.hit, rep.line_promo)

    def detect(self, ctx) -> Iterable[Finding]:
        hits = ctx.term_hits(rule_prefix="advertising.gambling")
        if not hits:
            return ()
        return self._findings(ctx, hits)

    def _findings(self, ctx, hits) -> Iterator[Finding]:
        text = ctx.text
        spans = [ctx.view_span(k.hit) for k in hits]
        structure = ctx.html.structure if ctx.html is not None else None
        hidden_at = [structure.hidden_at(ctx.view.to_source(s, e)[0]) if structure is not None else None for s, e in spans]
        if structure is not None and any(h is None for h in hidden_at):
            scripts = [t.body for t in ctx.html.tags if t.name == "script" and t.body is not None and not t.closing]
            if scripts:
                hidden_at = [h or _written_hidden(ctx.source, scripts, ctx.view.to_source(s, e)[0])
                             for h, (s, e) in zip(hidden_at, spans)]
        # spam in hidden blocks does not make the visible page any less official
        # (the union of the visible spans: 澳门新葡京娱乐场 holds five overlapping entries, one run of spam)
        spam_chars, reach = 0, 0
        for s, e in sorted(span for span, h in zip(spans, hidden_at) if h is None):
            spam_chars += max(0, e - max(s, reach))
            reach = max(reach, e)
        pieces, pos = [], 0
        for s, e in sorted(spans):
            if s > pos:
                pieces.append(text[pos:s])
            pos = max(pos, e)
        pieces.append(text[pos:])
        clean = "".join(pieces)  # the page without its gambling words: is the rest official?
        score, cues = _official_score(clean, str(ctx.document.url) if ctx.document.url else None)
        letters = (len(text) - sum(map(text.count, " \n\t\r\u3000"))) or 1
        # the enforcement scan only matters for a page that is otherwise official (most spam pages are not)
        official_page = score >= self.min_official and spam_chars / letters <= self.max_share
        official = official_page and len(set(_ENFORCEMENT.findall(clean))) < self.max_enforcement
        about_gambling = official_page and not official  # an official page about fighting gambling
        page_parts = _page_parts(ctx.html) if ctx.html is not None else []
        lowered: set[int] | None = None  # ids of the hits the terms detector lowered: worked out when needed
        for k, (vs, ve), hidden in zip(hits, spans, hidden_at):
            src_s, _ = ctx.view.to_source(vs, ve)
            reasons: list[str] = []
            details: dict = {"official_score": score, "official_cues": cues[:8]}
            if hidden is not None:
                reasons.append("hidden")
                details["hidden_by"] = hidden.reason
                details["hidden_element"] = [hidden.start, hidden.end]
            after = text[ve:ve + 16]
            before = text[max(0, vs - 6):vs]
            if _ISSUER_AFTER.match(after) or _ISSUER_BEFORE.search(before):
                reasons.append("issuer")
            where = next((name for a, b, name in page_parts if a <= src_s < b), None)
            if official and where is None and lowered is None:
                wanted = {id(h) for h in hits}
                lowered = {id(h) for h, low in self.terms.judged(ctx) if low is not None and id(h) in wanted}
            if official and (where is not None or id(k) not in lowered):
                reasons.append("official")  # a lowered hit: only where search engines show it, not readers
            elif about_gambling and where is not None and self._sells(ctx, k):
                reasons.append("official")  # 澳门新葡京官网注册送88元 in the meta of a page on 打击跨境赌博
                details["sells_in_head"] = True
            if not reasons:
                continue
            if where:
                details["where"] = where
            details["signals"] = reasons
            shown = text[vs:ve]
            parts = []
            if "hidden" in reasons:
                parts.append(f"位于被隐藏的元素中（{hidden.reason}），读者看不到而搜索引擎可见")
            if "issuer" in reasons:
                parts.append("出现在发文机关或地名应在的位置")
            if "official" in reasons:
                parts.append(f"出现在公文页面{('的' + where) if where else '中'}（公文特征：{'、'.join(cues[:4])}）")
            msg = (f"疑似网站被篡改植入博彩内容“{shown}”：{'；'.join(parts)}。"
                   "请按网络安全事件处置（保留证据、排查后台账号与服务器），而不只是删除文字")
            conf = 0.9 if "hidden" in reasons or "issuer" in reasons else 0.75
            slot = ctx.slot(k.hit)
            yield ctx.finding(INJECTED.id, vs, ve, confidence=conf, message=msg, lexicon=slot.lexicon.name,
                              entry_id=slot.entry.id, term=slot.entry.term, context=k.context, details=details,
                              normalized=slot.folded)
