"""Which raw matches survive: allow-lists, entry constraints and negation cues.

Government text talks *about* secrecy, privacy and ads all the time
("不得发布广告等经营性信息", "不涉及国家秘密"). A bare-word matcher that flags the
rules themselves is useless, so a term hit is kept only if

* it is not inside an allow-list match (``kind: allow`` lexicons, config allow terms);
* its entry's ``near`` words occur within its window and ``not_near`` words do not;
* its ``before``/``after`` patterns match the original text around it, read as patterns are written:
  traditional characters simplified and full-width digits half-width, one for one (簽定共建協議 is
  签定共建协议 to an ``after`` that names 协议);
* for lexicons with ``negation: true``, no prohibition/negation cue
  (``lexicons/context_cues.tsv``) stands before it — or, for post-posed cues
  (…信息不得公开), after it — in the same clause; a prohibition proper (rule ``context.prohibition``:
  严禁, 不得…) also reaches the object of a publishing verb past the sentence's subject
  (严禁任何单位和个人，以任何形式发布澳门博彩广告).

Spam makes claims with the same words: 绝无诈骗, 不是骗子, 拒绝黑钱, 谨防假冒, 无需审核. Such an
*assurance* (rule ``context.assurance`` in the cue lexicon) negates nothing the page offers: a cue,
a ``not_near`` word or a report word inside one does not count (真人百家乐，信誉第一绝无诈骗 is spam,
not a case report ending in 诈骗).

A cue governs a term in its own comma clause, or across a comma when its own clause holds no object of
another kind. Spam refuses scams in a clause of its own next to what it sells — 远离骗子平台，选择真人百家乐;
真人百家乐，拒绝诈骗平台，信誉保证 — and there 远离/拒绝 are spent on 骗子平台/诈骗平台
(``context.claim_object`` in the cue lexicon): neither that cue, nor a ``not_near`` word in that position,
nor a post-posed cue (诈骗) that such a cue itself negates reaches the term. Official text keeps its reach:
严禁各单位，在网站刊登澳门博彩广告 (the cue's clause names no claim object).

A cue does not reach across a paragraph boundary, nor across the line break of a warning note
(警方提醒：谨防网络赌博 / 澳门新葡京官网注册送88元; 澳门新葡京官网注册 / 警方提醒：谨防诈骗): spam is injected next
to such lines. For a lexicon with a report check the term is then lowered, not dropped, like a ``not_near``
word on another line (see :func:`note_break_between`); a warning ending in a colon still governs its examples.

Allow terms are matched by the same automaton pass as the terms. Cues are
frequent words (不得, 审查…) while term hits are rare, so cues are *not* in the
automaton: each term hit checks a short window with one compiled alternation,
and a clean document pays nothing. Each decision is recorded so that explanations can
say which context words changed the outcome.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .lazyre import LazyPattern, lazy_re
from .matcher import Hit, Slot
from .model import ContextEffect
from .normalize import Folded, match_view, strip_noise, substitution_table, width_table
from .textview import TextView

CUE_BEFORE = "context.negation.before"
CUE_PROHIBITION = "context.prohibition"  # a CUE_BEFORE cue whose reach extends to a publishing verb's object
CUE_AFTER = "context.negation.after"
CUE_ASSURANCE = "context.assurance"  # spam's own claims (绝无诈骗, 拒绝黑钱): not cues, not report words
CUE_CLAIM = "context.claim_object"  # what spam says it refuses (诈骗平台, 骗子, 黑平台): a cue with one is spent on it
CUE_WINDOW = 12
LIST_WINDOW = 48  # how far a cue reaches along a 、 enumeration
_CLAUSE_END = lazy_re(r"[。！？；;!?\n]")
_COMMA = lazy_re(r"[，,]")
_COMMA_OR_CLAUSE_END = lazy_re(r"[，,。！？；;!?\n]")
_OPEN_QUOTES = frozenset("“‘\"'「『《")


@dataclass(slots=True)
class KeptHit:  # treated as immutable (see Hit)
    hit: Hit
    context: tuple[ContextEffect, ...] = ()


def _enumerates(text: str, a: int, b: int, tail: str = "") -> bool:
    """Whether text[a:b] continues an enumeration (a 、, or ``tail`` such as 等) without a comma."""
    seg = text[a:b]
    return ("、" in seg or bool(tail) and tail in seg) and "，" not in seg and "," not in seg


#: a verb of publishing right before the term (an opening quotation mark may stand between): 发布澳门博彩广告
#: — or a list's head after its 等 (转载真人百家乐等境外赌博网站的内容)
_PUBLISHED_OBJECT = lazy_re(r"(?:发布|刊登|登载|刊载|刊播|播放|传播|散布|散播|转载|转发|推送|推广|宣传|链接|张贴|投放|制作)"
                            r"(?:[“‘\"'「『《]?|[^，,。；;！？!?\n]{0,30}等[^，,。；;！？!?、\n]{0,6})$")

#: what a rule sentence's subject ends with, when a comma follows it (严禁任何单位和个人，…)
_SUBJECT_END = lazy_re(r"(?:人|单位|组织|部门|机构|机关|企业|网站|账号|帐号|媒体|平台|公民|用户|网民|者)$")


def _prohibited_publication(window: str, cue_end: int, cue: str, prohibitions: frozenset[str]) -> bool:
    """Whether the term at the end of ``window`` is what a prohibition forbids to publish: the cue is one of
    ``prohibitions`` (folded words of rule ``context.prohibition`` in the cue lexicon: prohibitions proper,
    whose object a rule sentence names after its scope) and the term is the object of a publishing verb.
    Rule sentences put the scope between them — 严禁任何单位和个人，以任何形式在网站上发布澳门博彩广告 — further than a cue's usual reach. A comma
    in between must close the sentence's subject (…单位和个人，): 严禁酒驾，发布澳门博彩… is two clauses."""
    if cue not in prohibitions:
        return False
    m = _PUBLISHED_OBJECT.search(window, cue_end)
    if m is None:
        return False
    pieces = window[cue_end:m.start()].replace(",", "，").split("，")
    return all(_SUBJECT_END.search(p) for p in pieces[:-1])


def _clause_clear(text: str, a: int, b: int) -> bool:
    return a >= b or _CLAUSE_END.search(text, a, b) is None


def _window_has(folded_text: str, words: tuple[str, ...], start: int, end: int, window: int) -> str | None:
    lo = max(0, start - window)
    hi = min(len(folded_text), end + window)
    seg = folded_text[lo:hi]
    for w in words:
        if w and w in seg:
            return w
    return None


NOT_NEAR_OTHER_LINE = "not_near_other_line"  # ContextEffect.effect: a not_near word on a neighbouring line


def _not_near(ftext: str, words: tuple[str, ...], start: int, end: int, window: int, folded: Folded,
              view: TextView | None, assured=None, spent=None, opens_line=None) -> str | bool:
    """A ``not_near`` word within the window, in the term's own paragraph: 破获赌博案 in the previous
    paragraph does not excuse 澳门新葡京在线开户 injected in the next (the fold deleted the break).
    A word inside a spam assurance (``assured``: 谨防假冒, 远离黑平台) does not count, nor one whose own
    comma clause, apart from the term's, holds a claim object (``spent``: 远离骗子平台，选择真人百家乐).
    A word on a line before the term past a soft break that ``opens_line(gap)`` says ends a complete clause under
    which the term opens a line of its own that sells it (…抓获犯罪嫌疑人5名 / 澳门新葡京官网注册送88元, see
    :meth:`HitFilter.opens_selling_line`) counts as on another line too, not as a wrapped sentence.

    Returns True for a word on the term's own line or across a line wrap inside a sentence (the term is
    dropped), the word when every such word stands on another line past the end of a sentence
    (「澳門新葡京」 / 警方提醒：… — spam appends such lines on purpose; the terms detector decides from the
    term's own line, see :func:`sentence_break_between`), False for none."""
    lo = max(0, start - window)
    seg = ftext[lo:min(len(ftext), end + window)]
    other_line: str | None = None
    for w in words:
        i = seg.find(w) if w else -1
        while i >= 0:
            a, b = lo + i, lo + i + len(w)
            gap = (b, start) if b <= start else (end, a) if a >= end else None
            if (view is None or gap is None or not _paragraph_between(folded, view, *gap)) and not (
                    assured is not None and assured(ftext, a, b)) and not (
                    spent is not None and gap is not None and spent(ftext, a, b, start, end)):
                if view is None or gap is None or not (
                        sentence_break_between(folded, view, *gap)
                        or (opens_line is not None and b <= start and opens_line(*gap))):
                    return True
                other_line = other_line or w
            i = seg.find(w, i + 1)
    return other_line or False


# what ends a sentence at the end of a line: not a colon (警方提醒：/ … introduces the next line, whose content is
# the police's), not a closing quote or bracket (…通过“太阳城集团”/ 网站组织… wraps a sentence after one)
_LINE_END_SENTENCE = lazy_re(r"[。！？；!?;]\s*$")
# 警方提醒：, 温馨提示：, 注意: — or in brackets, 【警方提醒】, ★温馨提示★ — at the start of a line
_LINE_LABEL = lazy_re(r"\s*(?:[^\s，。：:,；;【】〔〕\[\]［］★☆]{1,8}[：:]|[【〔\[［★☆][^\s，。：:,；;【】〔〕\[\]［］★☆]{1,8}[】〕\]］★☆])")
# a warning's label at the start of a line (警方提醒：, 公安机关提示：, 市公安局提醒广大群众：, 温馨提示：, 【警方提醒】): the
# line is a note of its own, ended at its end (not 经查：, 案情：, whose narrative may wrap onto the next line)
_WARNING_LABEL = lazy_re(r"\s*(?:[^\s，。：:,；;【】〔〕\[\]［］★☆]{0,8}?(?:提醒|提示|警示|忠告|注意)[^\s，。：:,；;【】〔〕\[\]［］★☆]{0,6}[：:]"
                         r"|[【〔\[［★☆][^\s，。：:,；;【】〔〕\[\]［］★☆]{0,8}?(?:提醒|提示|警示|忠告|注意)"
                         r"[^\s，。：:,；;【】〔〕\[\]［］★☆]{0,6}[】〕\]］★☆][：:]?)")


def sentence_break_between(folded: Folded, view: TextView, a: int, b: int) -> bool:
    """Whether a line break in the folded gap [a, b) ends a sentence rather than wrapping one: the line before
    it ends with 。！？； or starts with a warning's label (警方提醒：…), or the line after it starts with a label
    such as 警方提醒：. A hard-wrapped sentence (…破获一起利用 / 澳门新葡京网站开设赌场案) has none of them, and
    a line ending in a colon otherwise introduces the next (经查，该团伙通过以下网站组织赌博： / …).

    A warning line is a note of its own whether it ends in a colon or in nothing: spam is injected after
    警方提醒： / 警方提醒：远离赌博 lines as after 警方提醒：远离赌博。 — and a real warning's examples on the next
    lines (“澳门新葡京”“太阳城集团”均为境外赌博网站) are then lowered, not dropped, as the terms detector
    judges them from their own line (a line that promotes, 澳门新葡京官网注册送88元, stays spam)."""
    text = view.text
    return any(_LINE_END_SENTENCE.search(text, line_start, i) or _LINE_LABEL.match(text, i + 1)
               or _WARNING_LABEL.match(text, line_start, i) for line_start, i in _line_breaks(folded, view, a, b))


_LINE_END_COLON = lazy_re(r"[：:]\s*$")
_COUNT = r"[0-9０-９一二三四五六七八九十百千万两]+(?:余|多)?"
# what closes a clause of case news at the end of a line (see HitFilter.opens_selling_line): a count after the persons
# it counts, a sum of money, a case
_CLAUSE_COMPLETE = lazy_re(rf"(?:(?:人|员|者|客|徒){_COUNT}(?:名|人)|(?:资金|金额|流水|赌资|款)[^\s，,。；;]{{0,6}}?[0-9０-９.．]+"
                           rf"(?:余|多)?[万亿]?(?:余|多)?元|案|案件|案件{_COUNT}起)[ \t\r\u3000]*$")
_INDENTED = lazy_re(r"\n(?:[ \t\r\u3000]*\n|\u3000\u3000| {2}|\t)")


def wraps_sentence(view: TextView, i: int) -> bool:
    """Whether the line break at view index ``i`` wraps a sentence onto the next line — a hard-wrapped line of
    plain text, PDF or a ``<br>`` (…通过短信发送“澳门新葡京”等信息，/ 诱骗群众登录…) — rather than ending one: the
    line does not end with 。！？；, a colon or its warning's label (警方提醒：…), the next line starts with no
    label, and the break is no paragraph boundary (blank line, indent, a table cell, a block element)."""
    text = view.text
    line_start = text.rfind("\n", 0, i) + 1
    nxt = text.find("\n", i + 1)
    if (_LINE_END_SENTENCE.search(text, line_start, i) or _LINE_END_COLON.search(text, line_start, i)
            or _WARNING_LABEL.match(text, line_start, i) or _LINE_LABEL.match(text, i + 1)
            or not text[line_start:i].strip() or not text[i + 1:len(text) if nxt < 0 else nxt].strip()
            or _INDENTED.match(text, i) or "\t" in text[line_start:i]):
        return False
    s, _ = view.to_source(i, i + 1)
    src = view.source
    return not (src.startswith("<", s) and not src.startswith(("<br", "<BR", "<Br"), s))


def note_break_between(folded: Folded, view: TextView, a: int, b: int) -> bool:
    """Whether a line break in the folded gap [a, b) between a negation cue and a term separates a note from
    the text next to it, so that the cue does not reach across: the line before it is a warning with its own
    object (警方提醒：谨防网络赌博 / 澳门新葡京官网注册就送88元 — spam injected under a warning), or the line after
    it starts with a label (澳门新葡京官网注册 / 警方提醒：谨防诈骗). A warning line ending in a colon introduces
    its examples, which the cue still governs (温馨提示：请勿登录以下网站： / 澳门新葡京、太阳城集团), and a
    wrapped rule sentence keeps its cue (不得刊登 / 博彩广告)."""
    text = view.text
    return any(_LINE_LABEL.match(text, i + 1) or (_WARNING_LABEL.match(text, line_start, i)
                                                  and not _LINE_END_COLON.search(text, line_start, i))
               for line_start, i in _line_breaks(folded, view, a, b))


def _line_breaks(folded: Folded, view: TextView, a: int, b: int):
    """(start of the line, index of its break) for each line break of the view in the folded gap [a, b)."""
    lo = folded.orig_index(a - 1) + 1 if a > 0 else 0
    hi = folded.orig_index(b) if b < len(folded.text) else len(folded.original)
    text = view.text
    i = text.find("\n", lo, hi)
    while i >= 0:
        yield text.rfind("\n", 0, i) + 1, i
        i = text.find("\n", i + 1, hi)


class HitFilter:
    """Built once per Reviewer: folded context words per slot, cue and allow slot sets."""

    def __init__(self, slots: list[Slot], fold_word, cue_words: list[tuple[str, str]] = ()):
        self.slots = slots
        # a prohibition (严禁, 不得…) is a before-cue too: the lexicon lists it once, under its own rule
        self.cues_before = _cue_regex(cue_words, (CUE_BEFORE, CUE_PROHIBITION), fold_word)
        self.prohibitions = frozenset(fold_word(t) for t, r in cue_words if r == CUE_PROHIBITION) - {""}
        self.cues_after = _cue_regex(cue_words, CUE_AFTER, fold_word)
        # a claim ends its clause (绝无诈骗，提款秒到; 谨防假冒！): 谨防假冒公检法… goes on to name what to beware of
        self.assurance = _cue_regex(cue_words, CUE_ASSURANCE, fold_word, suffix=r"(?![\u3400-\u9fff])")
        self._assurance_reach = max((len(fold_word(t)) for t, r in cue_words if r == CUE_ASSURANCE), default=0)
        self.claims = _cue_regex(cue_words, CUE_CLAIM, fold_word)
        self.allow = {i for i, s in enumerate(slots) if s.lexicon.kind == "allow"}
        self._is_term = [s.lexicon.kind == "terms" for s in slots]  # read per hit: a list index, not attribute chains
        fold_word = functools.lru_cache(maxsize=None)(fold_word)  # context words repeat across entries
        self.near = {i: tuple(fold_word(w) for w in s.entry.near) for i, s in enumerate(slots) if s.entry.near}
        self.not_near = {i: tuple(fold_word(w) for w in s.entry.not_near) for i, s in enumerate(slots) if s.entry.not_near}
        # a lexicon's promotion wording (report_line_promo: 官网, 注册, 开户, 提款…): a term its own comma clause offers
        # with it is out of reach of a cue in an earlier clause (杜绝虚假宣传，澳门新葡京官网注册送88元)
        # — unless that clause names the lexicon's topic (clause_topic: 赌, 博彩, 彩票): 严禁发布赌博广告，…官网链接一律删除
        # — and an age limit (age_limit: 未满18岁, 18岁以下, 未成年) that a cue governs instead of the term:
        # 澳门新葡京，未满18岁禁止注册. Read once per lexicon, indexed per slot.
        per_lexicon: dict[str, tuple[LazyPattern | None, LazyPattern | None, LazyPattern | None]] = {}
        for sl in slots:
            lx = sl.lexicon
            if lx.name not in per_lexicon:
                per_lexicon[lx.name] = tuple(header_pattern(lx, key, fold_word)
                                             for key in ("report_line_promo", "clause_topic", "age_limit"))
        self.offer = [per_lexicon[sl.lexicon.name][:2] for sl in slots]
        self.age_limit = [per_lexicon[sl.lexicon.name][2] for sl in slots]

    def allow_spans(self, hits: list[Hit]) -> list[tuple[int, int, tuple[str, ...]]]:
        return [(h.start, h.end, self.slots[h.slot].entry.applies_to) for h in hits if h.slot in self.allow]

    def assured(self, folded_text: str, start: int, end: int) -> bool:
        """Whether folded [start, end) — a cue, ``not_near`` or report word — lies inside a spam assurance
        (绝无诈骗, 不是骗子, 拒绝黑钱, 谨防假冒, 无需审核…): the claim negates nothing the page offers."""
        if self.assurance is None:
            return False
        reach = self._assurance_reach
        for m in self.assurance.finditer(folded_text, max(0, start - reach), min(len(folded_text), end + reach + 1)):
            if m.start() <= start and end <= m.end():
                return True
        return False

    def spent(self, folded_text: str, a: int, b: int, start: int, end: int) -> bool:
        """Whether the cue or ``not_near`` word at folded [a, b) is spent on a claim object of its own comma
        clause (远离骗子平台，选择真人百家乐; 真人百家乐，拒绝诈骗平台): a comma stands between it and the term
        [start, end), and the word's clause — from the word to the next comma or clause end — names a
        claim object (诈骗, 骗子, 黑平台…) that is not the term. Such a word governs that object, not the term."""
        if self.claims is None:
            return False
        lo, hi = (b, start) if b <= start else (end, a)
        if _COMMA.search(folded_text, lo, hi) is None:
            return False  # same comma clause: the cue governs the term (拒绝澳门博彩)
        stop = _COMMA.search(folded_text, b)
        clause_end = _CLAUSE_END.search(folded_text, b)
        e = min(x.start() if x else len(folded_text) for x in (stop, clause_end))
        return self.claims.search(folded_text, b, e) is not None

    def _after_cue_negated(self, folded_text: str, a: int, b: int, end: int) -> bool:
        """Whether a post-posed cue at [a, b), beyond a comma after the term ending at ``end``, is itself negated
        by a cue before it in its own comma clause (真人百家乐，拒绝诈骗平台: 诈骗 is what the page refuses)."""
        if self.cues_before is None or _COMMA.search(folded_text, end, a) is None:
            return False
        lo = max((m.end() for m in _COMMA.finditer(folded_text, end, a)), default=end)
        return self.cues_before.search(folded_text, lo, a) is not None

    def negation_cue(self, start: int, end: int, folded_text: str) -> str | None:
        """The cue that negates the folded span [start, end), or None (also for detectors' own position rules)."""
        found = self._negation(start, end, folded_text)
        return found[0] if found is not None else None

    def _sold_in_its_clause(self, slot: int, start: int, end: int, folded_text: str) -> bool:
        """Whether promotion wording of the term's lexicon (``report_line_promo``) follows the unquoted term at
        folded [start, end) in its comma clause (澳门新葡京官网注册送88元 — not “澳门新葡京官网”等网站)."""
        pattern = self.offer[slot][0]
        if pattern is None or (start > 0 and folded_text[start - 1] in _OPEN_QUOTES):
            return False
        stop = _COMMA_OR_CLAUSE_END.search(folded_text, end)
        return pattern.search(folded_text, end, stop.start() if stop else len(folded_text)) is not None

    def offered(self, slot: int, start: int, end: int, folded_text: str, cue_start: int, cue_end: int) -> bool:
        """Whether a cue at folded [cue_start, cue_end), in an earlier comma clause, is spent on that clause while the
        term at folded [start, end) is offered by its own: promotion wording of the term's lexicon
        (``report_line_promo``: 官网, 注册, 开户, 提款, 秒到…) follows the unquoted term in its clause (澳门新葡京官网注册送88元,
        真人百家乐在线开户, 金沙娱乐提款秒到 — not “澳门新葡京官网”等网站), and the cue's clause refuses something other
        than the lexicon's topic (``clause_topic``: 杜绝虚假宣传, 拒绝套路 — not 严禁发布赌博广告, 坚决取缔非法彩票,
        whose next clause names what they forbid: …官网链接一律删除). The term opens its clause, after at most a pitch
        (认准澳门新葡京官网), rather than being the object of a verb there (规范网络彩票平台注册管理). Spam refuses its
        competitors' vices, then sells."""
        pattern, topic = self.offer[slot]
        if not self._sold_in_its_clause(slot, start, end, folded_text):
            return False
        # the term is what its clause is about: it opens the clause, after at most a pitch (认准, 选择) — not the object
        # of a clause of its own (…，规范网络彩票平台注册管理)
        head = _clause_start(folded_text, start)
        if start - head > 2 and pattern.search(folded_text, head, start) is None:
            return False
        if topic is None:
            return True
        lo = _clause_start(folded_text, cue_start)
        stop = _COMMA_OR_CLAUSE_END.search(folded_text, cue_end, start)
        return topic.search(folded_text, lo, stop.start() if stop else start) is None

    def opens_selling_line(self, slot: int, start: int, end: int, folded_text: str, folded: Folded, view: TextView,
                           a: int, b: int) -> bool:
        """Whether the line break in the folded gap [a, b) before the term at [start, end) ends a complete clause
        under which the term opens a line that sells it — spam injected under a line of police news
        (…县公安局破获一起网络赌博案，抓获犯罪嫌疑人5名 / 澳门新葡京官网注册送88元), not a sentence wrapped onto
        the next line (…破获一起利用 / “澳门新葡京”网站招揽会员…; …在网上发布 / 澳门新葡京官网注册送88元等信息).
        The term starts its line, unquoted; promotion wording of its lexicon (``report_line_promo``) follows it in
        its comma clause; and the line above ends in what closes a clause of case news: a count after the persons
        it counts (犯罪嫌疑人5名, 涉赌人员30余人), a sum (涉案资金300余万元), a case (…赌博案, 案件12起) — a count
        before its noun (抓获5名 / …代理人员) or a verb (利用 / …) continues on the next line."""
        if not self._sold_in_its_clause(slot, start, end, folded_text):
            return False
        text = view.text
        vs = folded.orig_index(start)
        i = text.rfind("\n", 0, vs)
        if i < 0 or text[i + 1:vs].strip() or (a > 0 and folded.orig_index(a - 1) >= i):
            return False  # the term does not open its line, or that line's break is not between the word and the term
        return _CLAUSE_COMPLETE.search(text, text.rfind("\n", 0, i) + 1, i) is not None

    def for_minors(self, slot: int, start: int, end: int, folded_text: str, cue_start: int, cue_end: int) -> bool:
        """Whether the cue at folded [cue_start, cue_end) restricts minors rather than negating the term at [start, end):
        an age limit of the term's lexicon (``age_limit``: 未满18岁, 18岁以下, 未成年) is the cue's subject — it stands
        right before the cue in the cue's comma clause, after the term — as in 澳门新葡京，未满18岁禁止注册;
        太阳城集团 未满十八岁严禁投注; 18岁以下禁止进入，真人百家乐. The casino's disclaimer offers the term to adults; it
        forbids nothing. An age group the cue names after it is what official text protects, and a cue before the term
        in the term's own clause still governs it (禁止未成年人参与百家乐等赌博活动; 教育未成年人不得参与百家乐)."""
        pattern = self.age_limit[slot]
        if pattern is None:
            return False
        lo = _clause_start(folded_text, cue_start)
        if cue_start >= end:
            lo = max(lo, end)
        elif _COMMA_OR_CLAUSE_END.search(folded_text, cue_end, start) is None:
            return False
        return pattern.search(folded_text, lo, cue_start) is not None

    def _negation(self, start: int, end: int, folded_text: str, barrier=None, offered=None, minors=None,
                  soft=None, stopped: list[str] | None = None) -> tuple[str, int, int] | None:
        """The negating cue and the folded gap [a, b) between it and the span, or None. A cue whose gap holds a
        ``barrier`` (a callable of the gap: a paragraph boundary) does not count, nor one beyond a comma that
        ``offered(cue span)`` says is spent on its own clause while the term's clause sells the term
        (杜绝虚假宣传，澳门新葡京官网注册送88元, see :meth:`offered`) — unless the cue forbids publishing it
        (严禁任何单位和个人，在网站发布澳门新葡京官网链接) — nor one that ``minors(cue span)`` says restricts an age
        group (澳门新葡京，未满18岁禁止注册, see :meth:`for_minors`). A cue that would negate but for a ``soft``
        barrier in its gap (a note's line break) does not count either; it is added to ``stopped``.

        A cue reaches CUE_WINDOW characters; across an enumeration it reaches LIST_WINDOW: in
        严禁发布澳门博彩、网络赌场、百家乐等赌博广告 the cue governs every item of the 、 list, however far
        down it. A comma between cue and term ends that reach (严禁酒驾，推荐百家乐、… is two clauses) — except
        for a prohibition whose object is published (严禁任何单位和个人，以任何形式发布澳门博彩广告)."""
        if self.cues_before is not None:
            lo = max(0, start - LIST_WINDOW - 8)
            window = folded_text[lo:start]
            cut = _last_clause_end(window)
            for m in self.cues_before.finditer(window, cut):
                if self.assured(folded_text, lo + m.start(), lo + m.end()):
                    continue
                if self.spent(folded_text, lo + m.start(), lo + m.end(), start, end):
                    continue  # 远离骗子平台，选择真人百家乐: 远离 governs 骗子平台
                if barrier is not None and barrier(lo + m.end(), start):
                    continue
                if (offered is not None and _COMMA.search(window, m.end()) is not None
                        and offered(lo + m.start(), lo + m.end())
                        and not _prohibited_publication(window, m.end(), m.group(), self.prohibitions)):
                    continue  # 杜绝虚假宣传，澳门新葡京官网注册送88元: the cue's clause is done, the next one sells
                if minors is not None and minors(lo + m.start(), lo + m.end()):
                    continue  # 18岁以下禁止进入，真人百家乐: a disclaimer
                if m.end() >= len(window) - CUE_WINDOW or (
                        m.end() >= len(window) - LIST_WINDOW and (_enumerates(window, m.end(), len(window))
                                                                 or _prohibited_publication(window, m.end(), m.group(),
                                                                                              self.prohibitions))):
                    if soft is not None and soft(lo + m.end(), start):
                        if stopped is not None:
                            stopped.append(m.group())
                        continue
                    return m.group(), lo + m.end(), start
        if self.cues_after is not None:
            window = folded_text[end:end + LIST_WINDOW + 8]
            stop = _CLAUSE_END.search(window)
            for m in self.cues_after.finditer(window, 0, stop.start() if stop else len(window)):
                if (self.assured(folded_text, end + m.start(), end + m.end())
                        or self._after_cue_negated(folded_text, end + m.start(), end + m.end(), end)
                        or (barrier is not None and barrier(end, end + m.start()))
                        or (minors is not None and minors(end + m.start(), end + m.end()))):
                    continue
                if not (m.start() <= CUE_WINDOW or (
                        m.start() <= LIST_WINDOW and _enumerates(window, 0, m.start(), tail="等"))):
                    break  # the nearest cue that counts is out of reach
                if soft is not None and soft(end, end + m.start()):
                    if stopped is not None:
                        stopped.append(m.group())
                    continue
                return m.group(), end, end + m.start()
        return None

    def filter(self, hits: list[Hit], folded: Folded, view: TextView | None = None) -> list[KeptHit]:
        """Term hits (kind 'terms') that survive; see the module docstring. ``view`` (the text the fold
        read, with its source) lets a paragraph boundary the fold deleted stop a negation cue."""
        ftext = folded.text
        slots = self.slots
        is_term = self._is_term
        terms = [h for h in hits if is_term[h.slot]]
        if not terms:
            return []
        allow = self.allow_spans(hits)

        def paragraph(a: int, b: int) -> bool:  # a paragraph boundary in the folded gap [a, b) stops a negation cue
            return _paragraph_between(folded, view, a, b)

        def note(a: int, b: int) -> bool:  # so does a note's line break (警方提醒：谨防网络赌博 / 澳门新葡京官网注册…)
            return note_break_between(folded, view, a, b)

        if view is None:
            paragraph = note = None
        kept: list[KeptHit] = []
        negated: list[tuple[int, int]] = []  # spans of term hits a negation cue governs
        for h in terms:
            slot = slots[h.slot]
            e = slot.entry
            if slot.ascii_word and not _ascii_boundary(folded, h.start, h.end):
                continue
            if slot.exact is not None and not _shows_repeats(folded, h, slot.exact):
                continue
            if (view is not None and h.end - h.start > 1 and folded.deletes_in(h.start, h.end - 1)
                    and _paragraph_between(folded, view, h.start + 1, h.end - 1)):
                continue  # 北京 | 赛车 in two table cells, 澳门 and 博彩 in two menu items: two fields, no term
            if any(
                a <= h.start and h.end <= b
                for a, b, applies in allow
                if not applies or e.rule in applies or e.category.value in applies
            ):
                continue
            effects: list[ContextEffect] = []
            if h.slot in self.near:
                w = _window_has(ftext, self.near[h.slot], h.start, h.end, e.window)
                if w is None:
                    continue
                effects.append(ContextEffect(word=w, effect="require"))
            # a selling line under a complete clause of case news (…抓获犯罪嫌疑人5名 / 澳门新葡京官网注册送88元): the
            # break ends the sentence for a not_near word or a cue above, as a note's line break does
            opens = (functools.partial(self.opens_selling_line, h.slot, h.start, h.end, ftext, folded, view)
                     if view is not None and self.offer[h.slot][0] is not None
                     and slot.lexicon.header.get("report_words") else None)
            if h.slot in self.not_near:
                near = _not_near(ftext, self.not_near[h.slot], h.start, h.end, e.window, folded, view,
                                 self.assured if self.assurance is not None else None,
                                 self.spent if self.claims is not None else None, opens)
                if near is True:
                    continue
                if near:  # only on a neighbouring line, past a sentence end: the terms detector lowers or keeps it
                    if not slot.lexicon.header.get("report_words"):
                        continue  # no paragraph-level report check to judge it: dropped, as before
                    effects.append(ContextEffect(word=near, effect=NOT_NEAR_OTHER_LINE))
            if e.before is not None or e.after is not None:
                os_, oe = folded.to_original(h.start, h.end)
                lo = max(0, os_ - 40)
                # the window in the script the patterns are written in (1:1, so offsets hold)
                orig = match_view(folded.original[lo:oe + 40], folded.settings)
                os_, oe = os_ - lo, oe - lo
                if e.after is not None and not e.after.match(orig, oe, len(orig)):
                    continue
                if e.before is not None and not e.before.search(orig[:os_]):
                    continue
            if slot.lexicon.negation:
                reported = bool(slot.lexicon.header.get("report_words"))
                offered = (functools.partial(self.offered, h.slot, h.start, h.end, ftext)
                           if self.offer[h.slot][0] is not None else None)
                minors = (functools.partial(self.for_minors, h.slot, h.start, h.end, ftext)
                          if self.age_limit[h.slot] is not None else None)
                stopped: list[str] = []
                soft = note if opens is None or note is None else (lambda a, b: note(a, b) or opens(a, b))
                neg = self._negation(h.start, h.end, ftext, paragraph, offered, minors,
                                     soft if reported else None, stopped)
                if neg is not None:
                    negated.append((h.start, h.end))
                    continue
                if stopped:
                    # a cue only across a note's line break: a warning next to the term, or spam dressed in one —
                    # lowered, not dropped; the terms detector judges the term's own line, as for a not_near word
                    effects.append(ContextEffect(word=stopped[0], effect=NOT_NEAR_OTHER_LINE))
            kept.append(KeptHit(h, tuple(effects)))
        if negated and kept:
            # a term inside a negated longer one is negated with it: 严禁…发布澳门博彩广告 governs 澳门博彩, and so
            # the 博彩 inside it (which, seen alone, follows 澳门 rather than the verb)
            kept = [k for k in kept if not (slots[k.hit.slot].lexicon.negation and any(
                a <= k.hit.start and k.hit.end <= b and b - a > k.hit.end - k.hit.start for a, b in negated))]
        return kept


# a blank line, or a line break before a paragraph indent (Chinese text starts a paragraph with 　　;
# plain-text exports with spaces or a tab): a wrapped line carries no indent
_PARAGRAPH_BREAK = lazy_re(r"\n[ \t\r\u3000]*\n|\n(?:\u3000\u3000| {2}|\t)")


def _paragraph_between(folded: Folded, view: TextView, a: int, b: int) -> bool:
    """Whether a paragraph boundary stands in the folded gap [a, b) between a cue and a term, or
    between the first and the last character of a match (a term never spans two paragraphs or cells).

    The fold deletes line breaks (a term wrapped across lines must still match), so the clause-end
    check above cannot see them. A *soft* break — one line break in plain text, as PDF and
    hard-wrapped text put inside sentences, or an HTML ``<br>`` — keeps the cue (不得刊登\n博彩广告 is
    one rule sentence). A *paragraph* boundary stops it: a blank line, a line break before a paragraph
    indent (　　 in Chinese text), a tab (the boundary between the cells of a table row), or a line break the HTML view
    made from a block element (``</p><p>``, ``<div>``, ``<li>``, ``<td>``…). Otherwise a page footer's
    未经许可不得转载 or a paragraph starting 严禁… would hide spam injected next to it.
    """
    lo = folded.orig_index(a - 1) + 1 if a > 0 else 0  # a == b when the fold deleted all that stood between
    hi = folded.orig_index(b) if b < len(folded.text) else len(folded.original)
    text = view.text
    if text.find("\t", lo, hi) >= 0:
        return True  # a table cell boundary (HTML data rows, Word and spreadsheet rows, TSV): cells are separate fields
    i = text.find("\n", lo, hi)
    if i < 0:
        return False
    if _PARAGRAPH_BREAK.search(text, lo, min(hi + 2, len(text))):  # the indent may follow the gap
        return True
    source = view.source
    while i >= 0:
        s, e = view.to_source(i, i + 1)
        if source.startswith("<", s) and not source.startswith(("<br", "<BR", "<Br"), s):
            return True
        i = text.find("\n", i + 1, hi)
    return False


def header_words(lexicon, key: str, fold_word) -> list[str]:
    """The ``|``-separated words of a lexicon header (``report_words``, ``report_line_promo``, ``age_limit``…),
    folded as terms are, longest first (an alternation then prefers the longer word)."""
    return sorted({fold_word(w) for w in lexicon.header.get(key, "").split("|") if w.strip()} - {""},
                  key=len, reverse=True)


def header_pattern(lexicon, key: str, fold_word) -> LazyPattern | None:
    """:func:`header_words` as one literal alternation, or None when the header has none."""
    words = header_words(lexicon, key, fold_word)
    return lazy_re("|".join(map(re.escape, words))) if words else None


def _cue_regex(cue_words, rules: str | tuple[str, ...], fold_word, suffix: str = "") -> LazyPattern | None:
    rules = (rules,) if isinstance(rules, str) else rules
    words = sorted({fold_word(t) for t, r in cue_words if r in rules} - {""}, key=len, reverse=True)
    # a literal alternation: the standard library engine scans it ~2× faster than ``regex``
    if not words:
        return None
    alt = "|".join(re.escape(w) for w in words)
    return lazy_re(f"(?:{alt}){suffix}" if suffix else alt)


def _clause_start(folded_text: str, pos: int) -> int:
    """Where the comma clause holding folded ``pos`` starts (looking back at most LIST_WINDOW characters)."""
    lo = max(0, pos - LIST_WINDOW)
    return max((m.end() for m in _COMMA_OR_CLAUSE_END.finditer(folded_text, lo, pos)), default=lo)


_UP_TO_LAST_CLAUSE_END = lazy_re(r".*[。！？；;!?\n]", re.S)  # greedy: one call finds the last one


def _last_clause_end(window: str) -> int:
    m = _UP_TO_LAST_CLAUSE_END.match(window)
    return m.end() if m else 0


def _shows_repeats(folded: Folded, h: Hit, exact: str) -> bool:
    """A term the repeat fold shortened (谢谢 → 谢) matches only where the text has the repeats."""
    if not folded.deletes_in(h.start, h.end):  # cheap and usual: nothing was folded away there
        return False
    os_, oe = folded.to_original(h.start, h.end)
    if oe - os_ < len(exact):  # the original span is shorter than the unshortened term: no repeats there
        return False
    st = folded.settings
    span = folded.original[os_:oe].translate(substitution_table(st.width, st.case, st.t2s))
    if st.noise:
        span = strip_noise(span)
    return exact in span


def _ascii_boundary(folded: Folded, start: int, end: int) -> bool:
    """ASCII terms must not be part of a longer word in the *original* text (bet ≠ alphabet)."""
    os_, oe = folded.to_original(start, end)
    orig = folded.original
    before = orig[os_ - 1] if os_ > 0 else ""
    after = orig[oe] if oe < len(orig) else ""
    return not (_is_word_char(before) or _is_word_char(after))


def _is_word_char(ch: str) -> bool:
    """A letter or digit of an alphabetic script, as written or once width-folded: ｂ, 𝑎, ⓐ, é, α, д
    continue a Latin word (alphabet, 𝑎𝑏𝑒𝑡, débet, αbet hold no term bet); CJK characters do not (bet365官网)."""
    if not ch:
        return False
    cp = ord(ch)
    if cp >= 0x80:
        cp = width_table().get(cp, cp)
    return (cp < 0x530 or 0x1E00 <= cp <= 0x1FFF) and chr(cp).isalnum()
