"""错别字 and corrupted fixed expressions, from confusion lexicons matched by the automaton.

``lexicons/quality_typos.tsv`` (wrong form → suggestion, ``quality.typo``) and
``lexicons/quality_expressions.tsv`` (corrupted expression → correct one,
``quality.expression``) say ``detector: quality_typo``, so their hits come
here instead of the generic terms detector. Matching runs on folded text, so
traditional script (不辦則以) and noise are handled by the core; negation cues
are off for these lexicons (``negation: false``): "不得再接再励" is still a typo.

Typo checkers are distrusted for one failure above all: "correcting" what must
be reproduced verbatim. So this detector drops hits that fall inside

* a 文号 (``docnumber.find_doc_numbers``),
* a quoted title 《…》/〈…〉 (the title of another document is quoted as issued)
  — for typos only: a corrupted country name in a title is still reported,
* a name: the value of a name field (姓名：, 联系人：, 记者…), a person before
  同志/先生/女士, an organisation name ending in 公司/集团/合作社…,
* a boilerplate line (版权所有, 主办单位, ICP备…), a URL or e-mail address,
* a quotation that names the wrong form (不得使用“两岸三地”的说法, 不能写成“再接再励”),

and short terms (≤ 3 characters) that straddle two dictionary words: if a
word of jieba's dictionary (a base dependency; frequency ≥ 5, not itself a
listed error) crosses the hit's edge (发布|署名 around 布署), the hit is not a
typo. jieba is loaded lazily, only when such a hit occurs.
"""

from __future__ import annotations

import threading

import regex

from ..docnumber import find_doc_numbers
from ..lazyre import lazy_regex
from ..links import URL_OR_EMAIL
from ..model import Category, Severity
from ..registry import Rule, detector
from ._quotes import is_quoted

TYPO = Rule("quality.typo", Category.quality, Severity.low, "错别字（公文常见易错词）", "疑似错别字")
EXPRESSION = Rule("quality.expression", Category.quality, Severity.medium, "规范表述错误（国名、机构名称、固定提法）", "规范表述有误")
NAME = "quality_typo"

_TITLES = lazy_regex(r"《[^《》\n]{1,80}》|〈[^〈〉\n]{1,80}〉")
_NAME_FIELD = lazy_regex(
    r"(?:姓\s*名|联系人|申请人|负责人|经办人|法定代表人|法人代表|记者|通讯员|作者|责任编辑|编辑|审核|主持人|发言人|撰稿)"
    r"\s*[:：]\s*[^\n，,。；;]{1,20}"
)
_PERSON = lazy_regex(r"\p{Han}{2,3}(?=同志|先生|女士)")
_ORG = lazy_regex(r"\p{Han}{2,20}?(?:有限责任公司|股份有限公司|有限公司|公司|集团|合作社|事务所|工作室|商行|门市部)")

# a sentence that quotes the wrong form to name it: 不得使用“两岸三地”的说法, “再接再厉”不能写成“再接再励”
_NAMING_BEFORE = lazy_regex(r"(?:不得|禁止|严禁|不能|不宜|不要|避免|慎用|禁用|停止|不应|勿|错写成|误写为|写成|写作|误作|称为|叫做)"
                            r"[^，。；！？\n]{0,8}[“「『\"]$")
_NAMING_AFTER = lazy_regex(r"[”」』\"](?:等|之类|这种|这一|这类|的)?[^，。；！？\n]{0,4}?(?:说法|提法|表述|称谓|称呼|用语|字样|写法)")

_MIN_FREQ = 5
_JIEBA = None
_JIEBA_LOCK = threading.Lock()


def _tokenizer():
    """jieba's default dictionary, loaded once and only when a short hit needs it."""
    global _JIEBA
    if _JIEBA is None:
        with _JIEBA_LOCK:
            if _JIEBA is None:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                tok.initialize()
                _JIEBA = tok
    return _JIEBA


_BOILERPLATE_WORDS = lazy_regex(r"版权所有|主办单位|承办单位|ICP备|网站标识码|公网安备|技术支持|网站地图|Copyright|©", regex.I)
_LOCAL = 40  # characters around a hit that decide whether it is protected


def protected_spans(text: str, *, titles: bool = True) -> list[tuple[int, int]]:
    """Spans of ``text`` that a typo checker must never correct (titles, 文号, names, URLs)."""
    spans: list[tuple[int, int]] = []
    if titles:
        spans.extend(m.span() for m in _TITLES.finditer(text))
    spans.extend((d.start, d.end) for d in find_doc_numbers(text))
    for pat in (_NAME_FIELD, _PERSON, _ORG, URL_OR_EMAIL):  # addresses: links.URL_OR_EMAIL, generous on purpose
        spans.extend(m.span() for m in pat.finditer(text))
    spans.sort()
    return spans


def is_protected(text: str, s: int, e: int, *, titles: bool = True) -> bool:
    """Is [s, e) protected? Decided on the hit's line (boilerplate) and a window around it,
    so the cost follows the number of hits, not the length of the document."""
    ls = text.rfind("\n", 0, s) + 1
    le = text.find("\n", e)
    le = len(text) if le < 0 else le
    if _BOILERPLATE_WORDS.search(text, ls, le):
        return True
    lo, hi = max(ls, s - _LOCAL), min(le, e + _LOCAL)
    return any(a <= s - lo and e - lo <= b for a, b in protected_spans(text[lo:hi], titles=titles))


def _named(text: str, s: int, e: int) -> bool:
    """Whether the wrong form is quoted to be named — a usage rule or a list of corrections (不得使用“两岸三地”的
    说法; “再接再厉”不能写成“再接再励”) — rather than used."""
    if not is_quoted(text, s, e):
        return False
    open_at = max(text.rfind(q, max(0, s - 20), s) for q in "“「『\"")
    return (open_at >= 0 and _NAMING_BEFORE.search(text[max(0, open_at - 16):open_at + 1]) is not None) or \
        _NAMING_AFTER.match(text, e) is not None


@detector(TYPO, EXPRESSION, name=NAME, order=60)
class QualityTypo:
    """Reports confusion-lexicon hits that are not names, 文号, titles or boilerplate."""

    def __init__(self, reviewer):
        self.lexicons = {
            lx.name: lx for lx in reviewer.lexicons if lx.kind == "terms" and lx.header.get("detector") == NAME
        }
        self.errors = {e.term for lx in self.lexicons.values() for e in lx.entries}
        self.names = frozenset(self.lexicons)
        self.ignore = set(reviewer.config.options.get(NAME, {}).get("ignore", ()))

    def detect(self, ctx):
        mine = ctx.term_hits(lexicon=self.names)
        if not mine:
            return ()
        return self._findings(ctx, mine)

    def _findings(self, ctx, mine):
        ignore = self.ignore
        for k in mine:
            slot = ctx.slot(k.hit)
            e = slot.entry
            if e.term in ignore:
                continue
            s, end = ctx.view_span(k.hit)
            if is_protected(ctx.text, s, end, titles=e.rule == TYPO.id) or _named(ctx.text, s, end):
                continue
            if len(slot.folded) <= 3 and self._straddles(ctx.folded.text, k.hit.start, k.hit.end):
                continue
            yield ctx.term_finding(k, confidence=0.8 if len(slot.folded) >= 4 else 0.6,
                                   details={"suggestion": e.suggestion, "kind": e.note})

    def _straddles(self, ftext: str, s: int, e: int) -> bool:
        """Does a dictionary word cross the edge of [s, e)? (发布|署名 around 布署, 预防|犯罪 around 防犯).

        Every substring of 2–4 characters that crosses an edge is looked up, not
        only jieba's chosen segmentation: jieba's dictionary holds some typo
        forms itself, and its best path may pick one (预/防犯/罪).
        """
        lo, hi = max(0, s - 3), min(len(ftext), e + 3)
        freq = _tokenizer().FREQ
        errors = self.errors
        for a in range(lo, hi - 1):
            for b in range(a + 2, min(hi, a + 4) + 1):
                if not (a < s < b or a < e < b):
                    continue
                w = ftext[a:b]
                if freq.get(w, 0) >= _MIN_FREQ and w not in errors:
                    return True
        return False
