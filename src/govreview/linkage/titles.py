"""Matching keys for document titles, quoted (《…》) or not.

An interpretation names its policy in many ways: 《临江市促进消费若干措施》,
《临江市人民政府办公室关于印发临江市促进消费若干措施的通知》, or the bare title
in its own headline (临江市促进消费若干措施政策解读). The policy page's title
may be the 印发 notice or the attached measure itself. Keys make these meet:
width/bracket/dash folding (NFKC, whitespace removed), the issuing body in
front of 关于 dropped, and 关于印发《X》的通知 unwrapped to X. Year ranges and
(试行) are kept, because the 2021–2023 and 2025–2027 plans are different
documents.
"""

from __future__ import annotations

import unicodedata

from ..lazyre import lazy_regex
from ..normalize import t2s_table

MIN_KEY = 4
_DASHES = lazy_regex(r"[—–―‐‑‒−─-]+")
_QUOTES = lazy_regex(r"[《》〈〉“”\"'‘’「」『』]")
_SPACE = lazy_regex(r"\s+")
_WRAPPED = lazy_regex(r"^(?:.{0,40}?)关于(?:印发|转发|发布|颁布|公布|修订|修改)(?P<inner>.+?)的(?:通知|公告|通告|决定)$")
_QUOTED = lazy_regex(r"《(?P<t>[^《》\n]{2,120})》")
_SITE_SUFFIX = lazy_regex(r"\s*(?:[_|｜]|\s[-—]\s).*$")
_SEP = r"[:：\s|丨/·]*"
_INTERP_AFFIX = lazy_regex(
    # 一图读懂X, 图解：X, 【图解】X, 专家解读X, 权威解读｜X, 政策问答丨X
    r"^[【\[(]?(?:(?:专家|权威|深度|政策|图文|视频|动漫|漫画)?解读|一图(?:读懂|看懂|了解|解读|速览)|图解|图说|(?:政策)?问答)"
    r"[】\])]?" + _SEP +
    # X政策解读, X的解读说明, X(解读), X政策问答, X新闻发布会实录, X政策吹风会
    r"|" + _SEP + r"(?:的)?(?:政策)?(?:解读|问答|答记者问|图解)(?:材料|文章|说明|稿)?$"
    r"|\((?:政策)?解读\)$"
    r"|(?:政策)?(?:新闻)?(?:发布会|吹风会)(?:实录|文字实录)?$"
    # 市发展改革委负责同志就X答记者问 (after the suffix went): the speaker
    r"|^.{1,30}?(?:负责人|负责同志|有关负责人|局长|主任|专家)(?:就|解读|谈)"
)


def fold_title(s: str) -> str:
    """Width, brackets and dashes folded, traditional script to simplified (a 繁体 page of the same
    policy or 解读 is the same title); whitespace and quote marks removed."""
    s = unicodedata.normalize("NFKC", s or "").translate(t2s_table())
    s = _DASHES.sub("-", s)
    s = _QUOTES.sub("", s)
    return _SPACE.sub("", s)


def strip_site_suffix(title: str) -> str:
    """``X - 临江市人民政府`` / ``X_临江市人民政府门户网站`` → ``X`` (HTML ``<title>`` decorations)."""
    t = (title or "").strip()
    cut = _SITE_SUFFIX.sub("", t)
    return cut if len(cut) >= MIN_KEY else t


def title_keys(title: str | None) -> set[str]:
    """Every key a title can be cited by."""
    out: set[str] = set()
    if not title:
        return out
    t = fold_title(title)
    pending = [t]
    while pending:
        k = pending.pop()
        if len(k) < MIN_KEY or k in out:
            continue
        out.add(k)
        i = k.find("关于")
        if 0 < i <= 40:  # issuing body before 关于: 国务院办公厅关于… → 关于…
            pending.append(k[i:])
        m = _WRAPPED.match(k)
        if m:
            pending.append(m.group("inner"))
    return out


def quoted_titles(text: str, limit: int = 60) -> list[str]:
    """Titles quoted with 《》 in order of first appearance (at most ``limit``)."""
    seen: dict[str, None] = {}
    for m in _QUOTED.finditer(text or ""):
        t = m.group("t").strip()
        if t and t not in seen:
            seen[t] = None
            if len(seen) >= limit:
                break
    return list(seen)


def unquoted_subject(interpretation_title: str) -> str | None:
    """The policy title inside an interpretation headline without 《》: ``X政策解读`` → ``X``."""
    t = fold_title(interpretation_title)
    prev = None
    while prev != t:
        prev = t
        t = _INTERP_AFFIX.sub("", t)
    return t if len(t) >= MIN_KEY and t != fold_title(interpretation_title) else None
