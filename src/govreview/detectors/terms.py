"""Lexicon terms: one finding per surviving hit of every ``kind: terms`` lexicon.

The rules come from the lexicons themselves (header ``rule``/``category``/
``severity``/``description``), so a user lexicon adds rules without code.
Lexicons whose header names another ``detector`` are left to that detector,
which applies its own position logic (e.g. secrecy labels).

Reported speech. Police and court news name the gambling brands and fraud
schemes they fight (该团伙以“澳门博彩”“百家乐”为幌子…警方提醒…), often further
from an enforcement word than an entry's ``not_near`` window. A lexicon whose
header lists ``report_words`` (破获, 涉案, 被告人, 判处…) gets a paragraph-level
check: a hit in a paragraph holding at least ``report_min`` distinct report
words is reported at ``low`` — still visible, no review verdict. Anti-fraud
publicity (反诈宣传) quotes the lures it warns about in the same way
(以“稳赚不赔”“兼职日结”为诱饵，诱导受害人…), so the shipped lists count its words
(诈骗, 骗局, 受害人, 诱饵…) too. Spam does not talk about arrests, sentences,
victims and scams; injected spam on such a page is still found by
``advertising.injected`` (hidden elements) and the link rules. When spam does use
the words, it is as a claim about itself (信誉第一，绝无诈骗; 绝对不是骗子): a report
word inside such an assurance (``context.assurance`` in the cue lexicon) is not counted.

One report word is enough where the sentence shows that it cites the term rather than
offers it — the three forms publicity, news and court text use:

* quoted: 所谓“包赢计划”都是骗局; 诈骗分子冒充“博彩导师”; 在「澳門新葡京」網站;
* listed under a classification: 常见的网络赌博形式有：六合彩、百家乐…; 话术有：兼职日结…;
* named as what the sentence is about: …的刷单广告; 网络赌博平台常用的伎俩; “代开发票”等小广告.

Publicity that sets its examples apart — a WeChat article's grey box with one quoted comment a
paragraph (“澳🎲门💰注册送彩金”), a Weibo post with one quoted lure a line — has the report words in
the sentence that introduces the examples (…评论区出现大量赌博引流信息，例如：) and the one that
follows them (警方提示：网络赌博“十赌九骗”). A line that is nothing but quotations (with punctuation,
emoji or list numbers around them) is such an example: its paragraph is the run of example lines
with the nearest other line before and after it. A line with words of its own beside the quotation
(“澳门新葡京”官网) is not an example, and promotion wording in the lines around still makes it spam.

An entry's ``not_near`` word (警方, 公安, 打击…) drops a hit on its own line, but on a neighbouring line past the
end of a sentence it only lowers it: spam appends 警方提醒：… lines on purpose (「澳門新葡京」 / 警方提醒：…
is low, not gone). Where the term's own line, outside its quotations, promotes (``report_line_promo``:
官网, 网址, 注册, 首存, 彩金, 信誉… — 澳门新葡京官网注册 / 警方提醒：谨防网络赌博) the next line changes nothing, and neither
does a warning appended on the term's own line after the clause that sells it (澳门新葡京官网注册送88元，警方提醒：
谨防网络赌博): its report words are the warning's, not the line's.

The paragraph is the term's line, or — where the line does not promote and is not a line of bare terms —
the sentence a hard wrap or a ``<br>`` runs over several lines (…通过短信发送“澳门新葡京”等信息，/ 诱骗群众
登录赌博网站充值。): a report's words stand in its sentence. A line ending in 。！？；, a colon or a warning's
label, a label starting the next line, and a paragraph boundary end the sentence.

Spam quotes and lists too, but without a report word that is not its own claim. Words that
spam also says of itself (``report_weak``: 网络赌博 — 网络赌博首选“澳门新葡京”) count toward
``report_min`` and, alone, only for a term listed under a classification or named as one
(网络赌博平台常用的伎俩有：…). And spam quotes its brand next to a warning of its own (小心被骗！
选择“太阳城集团”正规平台，注册送88元): a quoted term is no citation where the paragraph, outside its
quotations, holds the lexicon's ``report_promo`` wording (认准, 唯一官网, 注册送, 正规平台…).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from ..lazyre import lazy_re, lazy_regex
from ..model import Category, Finding, Severity
from ..normalize import fold_term, substitution_table
from ..context import NOT_NEAR_OTHER_LINE, header_pattern, header_words, wraps_sentence
from ..registry import Rule, detector
from ._quotes import quoted_on_line

NAME = "terms"

# the fragments below are matched on the width/case/t2s fold of the text (類型 → 类型, ： → :)
_CLASS_NOUN = "形式|类型|种类|手段|套路|伎俩|名目|幌子|花样|手法|话术|骗术|噱头"
# 常见的网络赌博形式有：… — the term is one of the items after it, in the same sentence
_LISTED = lazy_re(rf"(?:{_CLASS_NOUN})(?:主要|通常|一般|大多|多)?(?:有|包括|包含|如下|为|是|如)[:,]?")
# …的刷单广告, 网络赌博平台常用的伎俩, “代开发票”等小广告 — the term names what its clause is about
# (“百家乐”“炸金花”等网络赌博游戏: across the items to the 等 that closes their enumeration)
_NAMED = lazy_re(rf"(?:[^。!?;\n,]{{0,24}}?等)?[^。!?;\n,、]{{0,6}}?(?:({_CLASS_NOUN})|广告|短信|链接|截图|骗局|陷阱|诈骗|赌博)")
# a listing sentence runs on across ；: 表现形式主要有：一是“真人荷官”视频赌博；二是“快三”…
_SENTENCE_END = lazy_re(r"[。!?\n]")
_WEAK_FORMS = ("listed", "classified")  # what a report_weak word alone is enough for
# what may stand outside the quotations of an exhibit line: spaces, punctuation, symbols (emoji), list numbers
_EXHIBIT_REST = lazy_regex(r"[\s\p{P}\p{S}\p{N}]*")
_EXHIBIT_REACH = 8  # lines walked from an exhibit line to the text around it
_QUOTATION = lazy_re("“[^”\n]*”|‘[^’\n]*’|「[^」\n]*」|『[^』\n]*』|\"[^\"\n]*\"|＂[^＂\n]*＂")


@functools.lru_cache(maxsize=8)
def _fold_table(width: bool, case: bool, t2s: bool) -> dict[int, int]:
    return substitution_table(width, case, t2s)


def _owned(lexicon) -> bool:
    return lexicon.kind == "terms" and lexicon.header.get("detector", NAME) == NAME


@detector(name=NAME, order=10)
class TermDetector:
    """Reports lexicon terms found in the folded text."""

    def __init__(self, reviewer):
        self.lexicons = {lx.name for lx in reviewer.lexicons if _owned(lx)}
        self.settings = reviewer.settings
        self.assurance = reviewer.filter.assurance  # spam's own claims: 绝无诈骗 is no report word
        self.report: dict[str, _Report] = {}
        for lx in reviewer.lexicons:
            words = _word_pattern(lx, "report_words", reviewer.settings) if _owned(lx) else None
            if words is not None:
                self.report[lx.name] = _Report(
                    words, int(lx.header.get("report_min", "2")),
                    _word_set(lx, "report_weak", reviewer.settings), _word_pattern(lx, "report_promo", reviewer.settings),
                    _word_set(lx, "report_talk", reviewer.settings), _word_pattern(lx, "report_pitch", reviewer.settings),
                    _word_pattern(lx, "report_line_promo", reviewer.settings))

    @staticmethod
    def dynamic_rules(reviewer) -> Iterable[Rule]:
        seen: dict[str, Rule] = {}
        for lx in reviewer.lexicons:
            if not _owned(lx):
                continue
            desc = lx.header.get("description") or f"词表 {lx.name} 中的词语"
            for e in lx.entries:
                if e.rule not in seen:
                    seen[e.rule] = Rule(e.rule, e.category, e.severity, desc, lx.header.get("message"))
        return seen.values()

    def detect(self, ctx) -> Iterator[Finding]:
        for k, lowered in self.judged(ctx):
            yield ctx.term_finding(k) if lowered is None else ctx.term_finding(k, **lowered)

    def judged(self, ctx) -> list[tuple[object, dict | None]]:
        """Each kept hit of this detector's lexicons with how it is lowered — the ``term_finding`` arguments
        (severity low, message, details) for a report, publicity or a warning on the next line — or None
        (reported as the entry says). :mod:`.ads_injected` reads it too: a lowered hit is the page talking
        about gambling, not an intrusion in it. Judged once per review and kept on the context: judging is
        most of this detector's cost on a spam page, and the second reader would pay it again."""
        cached = getattr(ctx, "_term_judgments", None)
        if cached is None:
            cached = ctx._term_judgments = list(self._judge(ctx))
        return cached

    def _judge(self, ctx) -> Iterator[tuple[object, dict | None]]:
        said = functools.lru_cache(maxsize=64)(lambda a, b, pattern: self._report_words(ctx.text[a:b], pattern))
        promoted = functools.lru_cache(maxsize=64)(lambda a, b, pattern: self._promoted(ctx.text[a:b], pattern))

        def pitched(a: int, b: int, hit, pattern) -> bool:
            """Whether the paragraph [a, b) pitches, the term's own span set aside."""
            vs, ve = ctx.view_span(hit)
            return _promotes_beside(ctx, a, b, hit, pattern) if a <= vs and ve <= b else promoted(a, b, pattern)
        exhibits = functools.lru_cache(maxsize=64)(lambda a, b: _exhibit_context(ctx.text, a, b))
        def stuffed(a: int, b: int) -> bool:
            # the view spans of the term matches that can lie in the line: a match inside view [a, b) ends after
            # folded_index(a) and starts before folded_index(b) (the fold's map is monotonic), so only those are
            # mapped — a contact-heavy page hits an issued word on every line
            fa, fb = ctx.folded.folded_index(a), ctx.folded.folded_index(b)
            slots = ctx.reviewer.matcher.slots
            spans = sorted(ctx.view_span(h) for h in ctx.hits
                           if h.end > fa and h.start < fb and slots[h.slot].lexicon.kind == "terms")
            return _stuffed(ctx.text, a, b, spans)
        stuffed = functools.lru_cache(maxsize=64)(stuffed)
        sentence = functools.lru_cache(maxsize=64)(lambda a, b: _sentence(ctx, a, b))

        for k in ctx.kept:
            slot = ctx.slot(k.hit)
            name = slot.lexicon.name
            if name not in self.lexicons:
                continue
            rep = self.report.get(name)
            beside = next((c.word for c in k.context if c.effect == NOT_NEAR_OTHER_LINE), None) if k.context else None
            if beside is not None and rep is not None and not line_promotes(ctx, k.hit, rep.line_promo):
                # 「澳門新葡京」 / 警方提醒：… — an enforcement word on the next line: a report or publicity quoting the
                # term, or spam dressing itself as one; low either way, never dropped
                yield k, dict(severity=Severity.low, confidence=0.4,
                              message=f"相邻行有“{beside}”等执法/报道用语，可能是报道或宣传中引述的词语，"
                                      f"请确认不是植入内容", details={"not_near_other_line": beside})
                continue
            if rep is not None:
                pattern, need, weak, promo = rep.words, rep.min, rep.weak, rep.promo
                line = _paragraph(ctx, k.hit)
                para = exhibits(*line)
                if para == line:
                    wrapped = sentence(*line)
                    # a line that promotes is judged on its own (spam injected next to a wrapped line) — unless it
                    # speaks as a report before the term: 不法分子通过短信发送…链接，/ 诱骗群众登录赌博网站充值 (not
                    # 澳门新葡京官网注册送88元，谨防诈骗, where the warning word follows the pitch)
                    if wrapped != line and not stuffed(*line) and (
                            not line_promotes(ctx, k.hit, rep.line_promo) or said(line[0], ctx.view_span(k.hit)[0], pattern)):
                        para = wrapped
                para = _before_appended_warning(ctx, k.hit, para, rep.line_promo)
                words = said(*para, pattern)
                if words and rep.pitch is not None and all(w in rep.talk for w in words) and pitched(*para, k.hit, rep.pitch):
                    # 揭穿骗局：不是所有平台都是骗子，太阳城集团信誉第一 — spam talks about scams too, but only a seller
                    # vouches for itself (信誉第一, 官方网址) outside quotation marks; police and court text has words
                    # of its own (破获, 被告人) that keep it a report. The term itself is no pitch: 反诈 publicity
                    # names the lure it warns about (…诱骗群众添加微信 xpj888，请勿轻信), and 加微信 is a pitch word
                    words = ()
                form = None
                if words and len(words) < need:
                    form = self._cited(ctx, k.hit)
                    if form not in _WEAK_FORMS and all(w in weak for w in words):
                        form = None  # 网络赌博首选“澳门新葡京”: spam says that word of itself
                    elif form == "quoted" and promo is not None and promoted(*para, promo):
                        form = None  # 小心被骗！选择“太阳城集团”正规平台: the quote is the spam's own
                if words and (len(words) >= need or form):
                    details: dict = {"report_words": list(words)}
                    if form:
                        details["cited"] = form
                    yield k, dict(severity=Severity.low, confidence=0.5,
                                  message=f"执法/司法报道或反诈宣传中引述的词语（本段含“{'”“'.join(words[:3])}”），"
                                          f"请确认不是植入内容", details=details)
                    continue
            yield k, None

    def _report_words(self, paragraph: str, pattern: re.Pattern[str]) -> tuple[str, ...]:
        folded = fold_term(paragraph, self.settings)
        if self.assurance is not None:
            folded = self.assurance.sub("\x00", folded)
        return tuple(sorted(set(pattern.findall(folded))))

    def _promoted(self, paragraph: str, pattern: re.Pattern[str]) -> bool:
        return _promotes(paragraph, pattern, self.settings)

    def _cited(self, ctx, hit) -> str | None:
        """How the sentence cites the term — ``quoted``, ``listed``, ``classified`` (named as a 手段/套路/类型…)
        or ``named`` (…广告, …诈骗, …等网络赌博游戏) — or None."""
        vs, ve = ctx.view_span(hit)
        text = ctx.text
        st = self.settings
        table = _fold_table(st.width, st.case, st.t2s)
        # read across the line breaks that wrap the sentence (…“太阳城集团”等网站 / 都是境外赌博平台)
        before = _unwrapped(ctx, max(0, vs - 60), vs).translate(table)
        ends = list(_SENTENCE_END.finditer(before))
        if _LISTED.search(before, ends[-1].end() if ends else 0):
            return "listed"
        m = _NAMED.match(_unwrapped(ctx, ve, min(len(text), ve + 40)).translate(table))
        if m is not None and m.group(1):
            return "classified"
        if quoted_on_line(text, vs, ve):
            return "quoted"
        return "named" if m is not None else None


# a warning's label inside a line, after a clause or sentence end: 澳门新葡京官网注册送88元，警方提醒：谨防网络赌博
_MIDLINE_WARNING = lazy_re(r"[,;。!?\s]\s*[【\[★]?[^\s,;。!?:：【】\[\]★]{0,8}?(?:提醒|提示|警示)[^\s,;。!?:：【】\[\]★]{0,4}[】\]★]?[:：]?")
_CLAUSE_MARK = lazy_re(r"[,;。!?\n]")


def _before_appended_warning(ctx, hit, para: tuple[int, int], promo: re.Pattern[str] | None) -> tuple[int, int]:
    """The paragraph whose report words speak for the hit: up to a warning appended after the term's clause when
    that clause sells the term (澳门新葡京官网注册送88元，警方提醒：谨防网络赌博 — spam appends the warning on its own
    line or after a comma alike, see :func:`govreview.context.sentence_break_between`). The term opens its clause
    (after at most a pitch such as 认准) and promotion wording (``report_line_promo``) follows it there, unquoted.
    Otherwise, and for a warning before the term, the whole paragraph."""
    if promo is None:
        return para
    a, b = para
    vs, ve = ctx.view_span(hit)
    tail = ctx.text[ve:b]
    if "提醒" not in tail and "提示" not in tail and "警示" not in tail:  # most lines: no warning after the term
        return para
    st = ctx.reviewer.settings
    table = _fold_table(st.width, st.case, st.t2s)
    line = ctx.text[a:b].translate(table)
    s, e = vs - a, ve - a
    m = _MIDLINE_WARNING.search(line, e)
    if m is None or (s > 0 and line[s - 1] in "“‘\"'「『《"):
        return para
    starts = [x.end() for x in _CLAUSE_MARK.finditer(line, 0, s)]
    head = starts[-1] if starts else 0
    stop = _CLAUSE_MARK.search(line, e)
    clause_end = stop.start() if stop else len(line)
    if (s - head > 2 and promo.search(line, head, s) is None) or promo.search(line, e, clause_end) is None:
        return para
    return a, a + m.start()


def line_promotes(ctx, hit, pattern: re.Pattern[str] | None) -> bool:
    """Whether the term's own line, outside its quotations and the term itself, promotes (``report_line_promo``:
    官网, 注册, 首存, 信誉…): then an enforcement word or a cue on the next line does not make it a report
    (澳门新葡京官网注册 / 警方提醒：…)."""
    return pattern is not None and _promotes_beside(ctx, *_paragraph(ctx, hit), hit, pattern)


def _promotes_beside(ctx, a: int, b: int, hit, pattern: re.Pattern[str]) -> bool:
    """Whether the view text [a, b), outside its quotations and the hit's own span (which it holds), has ``pattern``'s
    promotion wording: the term itself is no evidence of what the text around it does."""
    vs, ve = ctx.view_span(hit)
    return _promotes(ctx.text[a:vs] + "\x00" + ctx.text[ve:b], pattern, ctx.reviewer.settings)


def _promotes(text: str, pattern: re.Pattern[str], settings) -> bool:
    """Whether ``text``, outside its quotations, holds promotion wording (认准, 注册送…)."""
    return pattern.search(fold_term(_QUOTATION.sub("\x00", text), settings)) is not None


def _is_exhibit(line: str) -> bool:
    """A line that is nothing but quotations (“澳🎲门💰注册送彩金”), with punctuation, symbols or list numbers
    around them: an example set apart from the sentence that introduces it."""
    rest = _QUOTATION.sub("", line)
    return len(rest) < len(line) and _EXHIBIT_REST.fullmatch(rest) is not None


def _exhibit_context(text: str, a: int, b: int) -> tuple[int, int]:
    """The paragraph that speaks for the line [a, b): the line itself, or — for an exhibit line — the run
    of exhibit lines it belongs to with the nearest other line before and after (the sentence that
    introduces the examples, 不法分子…例如：, and the one that comments on them, 警方提示：…)."""
    if not _is_exhibit(text[a:b]):
        return a, b
    start, end = a, b
    for _ in range(_EXHIBIT_REACH):  # up: over exhibit and blank lines to the introducing line
        if start == 0:
            break
        ls = text.rfind("\n", 0, start - 1) + 1
        line = text[ls:start - 1]
        start = ls
        if line.strip() and not _is_exhibit(line):
            break
    for _ in range(_EXHIBIT_REACH):  # down: to the line that follows the examples
        if end >= len(text):
            break
        le = text.find("\n", end + 1)
        le = len(text) if le < 0 else le
        line = text[end + 1:le]
        end = le
        if line.strip() and not _is_exhibit(line):
            break
    return start, end


class _Report(NamedTuple):
    """A lexicon's paragraph-level report check (see the module docstring)."""

    words: re.Pattern[str]                # report_words
    min: int                              # report_min
    weak: frozenset[str]                  # report_weak: spam says these of itself
    promo: re.Pattern[str] | None         # report_promo: a quoted term is no citation where these stand unquoted
    talk: frozenset[str]                  # report_talk: scam vocabulary spam uses too (骗子, 被骗)
    pitch: re.Pattern[str] | None         # report_pitch: a seller's vouching (信誉第一) — cancels talk words
    line_promo: re.Pattern[str] | None    # report_line_promo: on the term's own line, a report word on the next line does not lower it


def _word_set(lx, key: str, settings) -> frozenset[str]:
    return frozenset(header_words(lx, key, functools.partial(fold_term, settings=settings)))


def _word_pattern(lx, key: str, settings):  # a (lazily compiled) pattern, or None
    return header_pattern(lx, key, functools.partial(fold_term, settings=settings))


def _paragraph(ctx, hit) -> tuple[int, int]:
    """The view line (an HTML block, a text line) holding a hit."""
    vs, ve = ctx.folded.to_original(hit.start, hit.end)
    text = ctx.text
    end = text.find("\n", ve)
    return text.rfind("\n", 0, vs) + 1, (len(text) if end < 0 else end)


_WRAP_REACH = 3  # lines a wrapped sentence is followed over, each way


_WORDS_OF_ITS_OWN = lazy_regex(r"\p{Han}{2}")


def _stuffed(text: str, a: int, b: int, term_spans: list[tuple[int, int]]) -> bool:
    """Whether the line [a, b) is nothing but terms (澳门新葡京 太阳城集团 金沙娱乐): keyword stuffing, no wrapped
    sentence, whatever the line before it says. ``term_spans``: the sorted view spans of every term match, kept
    or not (澳门新葡京 dropped for a not_near word is still a term)."""
    line = list(text[a:b])
    for vs, ve in term_spans[bisect_left(term_spans, (a, a)):]:
        if vs >= b:
            break
        if ve <= b:
            line[vs - a:ve - a] = " " * (ve - vs)
    return _WORDS_OF_ITS_OWN.search("".join(line)) is None


def _unwrapped(ctx, a: int, b: int) -> str:
    """The view text [a, b) without the line breaks that wrap a sentence (see :func:`_sentence`)."""
    text = ctx.text
    i = text.find("\n", a, b)
    if i < 0:
        return text[a:b]
    out, pos = [], a
    while i >= 0:
        if wraps_sentence(ctx.view, i):
            out.append(text[pos:i])
            pos = i + 1
        i = text.find("\n", i + 1, b)
    out.append(text[pos:b])
    return "".join(out)


def _sentence(ctx, a: int, b: int) -> tuple[int, int]:
    """The line [a, b) with the lines a hard-wrapped sentence runs over before and after it (see
    :func:`govreview.context.wraps_sentence`): a report's words stand in its sentence, not in its line
    (…通过短信发送“澳门新葡京官网注册送88元”等信息，/ 诱骗群众登录赌博网站充值。). Only for a line that does not
    promote: spam injected next to a wrapped line is judged by its own."""
    text, view = ctx.text, ctx.view
    if view.identity and "\n" not in text:
        return a, b
    for _ in range(_WRAP_REACH):
        if b >= len(text) or not wraps_sentence(view, b):
            break
        nxt = text.find("\n", b + 1)
        b = len(text) if nxt < 0 else nxt
    for _ in range(_WRAP_REACH):
        if a == 0 or not wraps_sentence(view, a - 1):
            break
        a = text.rfind("\n", 0, a - 1) + 1
    return a, b


__all__ = ["TermDetector", "Category", "Severity"]
