"""Traditional characters in a simplified document (or the reverse), as pasted text leaves them.

Only characters that *belong to one script* count: a traditional character is
one that OpenCC's character table maps to a different simplified character
and that GB2312 (the simplified repertoire) does not contain — so 乾, 著, 於,
which are correct in simplified text, never count; a simplified character is
the image of such a mapping that Big5 does not contain and that no traditional standard writes (the
Hong Kong forms 户, 温, 税 are traditional text too). The document's script
is the majority; the minority characters are reported when there are at least
``min_chars`` of them (default 2) and the majority has at least
``min_majority`` (default 10) — a short line has no script to violate — and
the minority is at most ``max_ratio`` (default 0.4) of all script-specific
characters (beyond that the page is bilingual on purpose).

One finding per run: minority characters less than ``gap`` (default 12)
characters apart are one finding, spanning the first to the last of them, with
the converted text as suggestion. Options: ``[options.quality_mixed_script]``.

A title 《…》 or a quotation (“…”, 「…」, 『…』, ‘…’) written wholly in the minority script is
reproduced as written, not pasted by mistake: 《資治通鑑》 in a simplified article, a Hong Kong
government statement quoted in 繁体 (“香港特區政府會繼續……”). Minority characters inside such a
span do not count; a quotation that mixes both scripts (“加強值班值守”) is still reported.

Also **look-alike letters**: a Cyrillic or Greek letter that is drawn exactly like a
Latin one (Р М О С Н Т, Α Ο Ρ…) inside a Latin word or code — PМ2.5, Н7N9, CО2,
Оmicron, 5А级 — typed from a soft keyboard or pasted; it breaks search and copying
and is often used to slip words past filters. A token (a run of Latin, Cyrillic,
Greek letters and digits) is reported when it holds such a letter together with
a Latin letter, or only such letters and digits (4А); the suggestion replaces them
by the Latin letters. Greek letters with a meaning of their own (α β γ κ μ Ω Δ…)
are not look-alikes, so TNF-α, NF-κB, 10kΩ, 5μA stay clean, and so does a word
wholly in Cyrillic or Greek (Москва). A short token of look-alike letters only (СО平均浓度 with
Cyrillic С and О, рН值, В超) is reported too, with less confidence, when the page writes no word in that
script anywhere (莫斯科（Москва）…СССР stays clean) and it is no word of a phrase in it (ООО «РОСАТОМ»).
"""

from __future__ import annotations

import functools

import numpy as np

from ..lazyre import lazy_re
from ..model import Category, Severity
from ..normalize import t2s_table
from ..registry import Rule, detector
from ._charclasses import LOOKALIKE, TRADITIONAL, present

RULE = Rule(
    "quality.mixed_script", Category.quality, Severity.low,
    "简繁混用（简体文档中夹杂繁体字，或反之）；拉丁字母词中混入形近的西里尔/希腊字母", "简繁混用或形近字母混用",
)
NAME = "quality_mixed_script"
MAX_FINDINGS = 20

# Cyrillic and Greek letters drawn like a Latin letter (the Unicode confusables that are identical in
# CJK fonts), with that letter. Greek letters used as symbols (α β γ δ κ μ ν Ω…) are not here.
LOOKALIKES = {
    **dict(zip("АВЕКМНОРСТХУаеорсухІіЈјЅѕ", "ABEKMHOPCTXYaeopcyxIiJjSs")),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧο", "ABEZHIKMNOPTYXo")),
}
_TOKEN = lazy_re(r"[0-9A-Za-zＡ-Ｚａ-ｚ０-９\u0370-\u03ff\u0400-\u04ff]+")
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ")
_OTHER_SCRIPT = lazy_re(r"[\u0370-\u03ff\u0400-\u04ff]")
# titles and quotations on one line: a span wholly in the minority script is quoted as written
_QUOTED = lazy_re(r"《[^《》\n]{1,80}》|〈[^〈〉\n]{1,80}〉|“[^“”\n]{1,300}”|「[^「」\n]{1,300}」|『[^『』\n]{1,300}』|‘[^‘’\n]{1,300}’")


def lookalike_tokens(text: str):
    """(start, end, fixed, [(offset, char, latin)]) for each token with look-alike letters that is reported."""
    written = None  # the scripts the text is written in somewhere (a word of its own), computed when needed
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if not _OTHER_SCRIPT.search(tok):
            continue
        if "\ufffd" in text[max(0, m.start() - 1):m.end() + 1]:
            continue  # letters that GBK bytes read as UTF-8 happen to form: quality.encoding reports the run
        looks = [(i, c) for i, c in enumerate(tok) if c in LOOKALIKES]
        if not looks:
            continue
        others = [c for c in tok if _OTHER_SCRIPT.match(c) and c not in LOOKALIKES]
        latin = any(c in _LATIN for c in tok)
        if not latin and (others or not any(c.isdigit() for c in tok)):
            if others or len(tok) > _MAX_BARE:
                continue  # a word in Cyrillic or Greek (Москва, МОСКВА), not a Latin one with a stray letter
            if written is None:
                written = _written_scripts(text)
            if _script_of(tok) in written or _in_phrase(text, m.start(), m.end()):
                continue  # the page writes that language (莫斯科（Москва）…СССР), or a phrase in it (ООО «РОСАТОМ»)
        fixed = None if others else "".join(LOOKALIKES.get(c, c) for c in tok)
        yield m.start(), m.end(), fixed, [(m.start() + i, c, LOOKALIKES[c]) for i, c in looks]


# A token made only of look-alike letters (СО平均浓度 with Cyrillic С and О, рН值, В超, ΝΟ) is a Latin code
# typed on a soft keyboard when the page writes no Cyrillic (or Greek) word anywhere and it is short: a
# Latin code or unit typed so is 1–4 letters (CO, pH, PM, TOC), while the longer all-look-alike words are
# the language's own (МОСКВА, РОСАТОМ)
_MAX_BARE = 4
_SCRIPT_LETTER = lazy_re(r"[\u0391-\u03a9\u03b1-\u03c9\u0400-\u04ff]")


def _script_of(tok: str) -> str:
    return "greek" if any(0x370 <= ord(c) <= 0x3FF for c in tok) else "cyrillic"


def _written_scripts(text: str) -> set[str]:
    """Scripts the text holds a letter of that is no look-alike: Cyrillic anywhere (no Cyrillic letter is a
    symbol in Chinese text; a mis-decoded page is Cyrillic too), Greek in a word of two letters or more
    (α, μg, ΔH, 10kΩ are symbols)."""
    out = set()
    for m in _TOKEN.finditer(text):
        tok = m.group()
        for c in tok:
            if 0x400 <= ord(c) <= 0x4FF and c not in LOOKALIKES:
                out.add("cyrillic")
                break
        else:
            if (len(tok) > 1 and all(0x370 <= ord(c) <= 0x3FF for c in tok)
                    and any(c not in LOOKALIKES for c in tok)):
                out.add("greek")
    return out


def _in_phrase(text: str, start: int, end: int) -> bool:
    """Is the token one word of several in its script, a few spaces or quote marks apart (ООО «РОСАТОМ»)?"""
    before = text[max(0, start - 4):start].rstrip(" \u00a0«»\"'-")
    after = text[end:end + 4].lstrip(" \u00a0«»\"'-")
    return bool(before and _SCRIPT_LETTER.match(before[-1])) or bool(after and _SCRIPT_LETTER.match(after[0]))


def _script_name(c: str) -> str:
    return "希腊字母" if 0x370 <= ord(c) <= 0x3FF else "西里尔字母"


def _in(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


# Characters outside Big5 that traditional text itself writes: the Hong Kong and Taiwan standard forms
# (户 温 税 脱 悦 卧 况 凉 — 香港字形 writes 户 for 戶, 温 for 溫) and the forms OpenCC keeps when it
# converts to traditional (着, 隣). A wholly traditional document from Hong Kong holds them, so they are
# no evidence of simplified script. Generated from OpenCC (s2t, s2hk, s2tw over the simplified side of
# the t2s table, t2hk and t2tw over its traditional side; tests/test_quality_mixed_script.py checks it).
TRADITIONAL_STANDARD_FORMS = frozenset(
    "㮝䀘兑况凉卧叁囱塀媪恵悦愠慠户捝揾敚棁榅氲涚温滛瀞煴爫猪甆画着礼秊税类脱腽艹葱蒀蘒蜕辶郞隣隷頋"
    "𢡄𢡊𣏕𤋮𥉉𥳐𧻓𫪄"
)


@functools.lru_cache(maxsize=1)
def script_tables() -> tuple[frozenset[str], frozenset[str], dict[int, int]]:
    """(traditional-only chars, simplified-only chars, t2s translate table)."""
    t2s = t2s_table()
    trad = frozenset(chr(t) for t, s in t2s.items() if t != s and not _in(chr(t), "gb2312"))
    keys = set(t2s)
    simp = frozenset(chr(s) for t, s in t2s.items()
                     if t != s and s not in keys and not _in(chr(s), "big5")) - TRADITIONAL_STANDARD_FORMS
    return trad, simp, t2s


@functools.lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


@functools.lru_cache(maxsize=1)
def _trad_table():
    """Traditional-only characters as a code-point table, cached on disk: deriving the set probes
    4.5k characters with the GB2312 codec (~40 ms), which would otherwise land on cold start."""
    from ..normalize import _cached_arrays, _lexicon_path, char_table

    t2s_file = _lexicon_path("fold_t2s.tsv")
    stamp = f"mixed-trad-v1|{t2s_file.stat().st_size}|{int(t2s_file.stat().st_mtime)}"
    return _cached_arrays("mixed-trad", stamp, lambda: {"trad": char_table(script_tables()[0])})["trad"]


@functools.lru_cache(maxsize=1)
def _simp_table():
    """Simplified-only characters as a code-point table; built on the first page that has a
    traditional character at all (never on cold start)."""
    from ..normalize import char_table

    return char_table(script_tables()[1])


@detector(RULE, name=NAME, order=63)
class MixedScript:
    """Reports runs of minority-script characters in a document with a clear majority script."""

    def __init__(self, reviewer):
        # script_tables() is built on first use (cached), so cold start does not pay for it
        opts = reviewer.config.options.get(NAME, {})
        self.min_chars = int(opts.get("min_chars", 2))
        self.min_majority = int(opts.get("min_majority", 10))
        self.max_ratio = float(opts.get("max_ratio", 0.4))
        self.gap = int(opts.get("gap", 12))

    def detect(self, ctx):
        bits = present(ctx)
        out = self._lookalikes(ctx) if bits & LOOKALIKE else []
        if bits & TRADITIONAL:
            out.extend(self._scripts(ctx))
            out.sort(key=lambda f: f.start or 0)
        return out  # the common case, decided by the shared gather: neither class occurs at all

    def _lookalikes(self, ctx):
        out = []
        for s, e, fixed, looks in lookalike_tokens(ctx.raw_text):
            named = "、".join(f"“{c}”是{_script_name(c)}（U+{ord(c):04X}），不是拉丁字母 {lat}" for _, c, lat in looks[:3])
            # only look-alike letters (СО, рН): a Latin code by every sign on the page, still possibly the language's own
            bare = len(looks) == e - s
            out.append(ctx.finding(
                RULE.id, s, e, confidence=0.6 if bare else 0.8, suggestion=fixed,
                pattern="look-alike letters only" if bare else "look-alike letters in a Latin word",
                message=f"形近字母混用：“{ctx.raw_text[s:e]}”中{named}" + (f"，建议改为“{fixed}”" if fixed else "")
                + (f"（如确为{_script_name(ctx.raw_text[s])}拼写的外文，可忽略）" if bare else ""),
                details={"letters": [f"U+{ord(c):04X}" for _, c, _ in looks], "latin": "".join(lat for _, _, lat in looks)},
            ))
            if len(out) == MAX_FINDINGS:
                break
        return out

    def _scripts(self, ctx):
        text = ctx.raw_text
        min_chars, min_majority, max_ratio, gap = self.min_chars, self.min_majority, self.max_ratio, self.gap
        t2s = script_tables()[2]
        codes = ctx.folded.codes  # the view's code points: positions are view offsets
        trad = np.flatnonzero(_trad_table().take(codes)).tolist()
        if not trad:
            return []
        simp = np.flatnonzero(_simp_table().take(codes)).tolist()
        if len(simp) >= len(trad):
            minority, majority, into = trad, simp, "simplified"
        else:
            minority, majority, into = simp, trad, "traditional"
        minority = _outside_quotes(text, minority, majority)
        total = len(minority) + len(majority)
        if len(minority) < min_chars or len(majority) < min_majority or len(minority) / total > max_ratio:
            return []
        if not minority:
            return []
        groups: list[list[int]] = [[minority[0]]]
        for p in minority[1:]:
            if p - groups[-1][-1] <= gap:
                groups[-1].append(p)
            else:
                groups.append([p])
        out = []
        for g in groups[:MAX_FINDINGS]:
            s, e = g[0], g[-1] + 1
            span = text[s:e]
            fixed = span.translate(t2s) if into == "simplified" else _s2t().convert(span)
            out.append(ctx.finding(
                RULE.id, s, e, confidence=0.7, pattern=f"{'traditional' if into == 'simplified' else 'simplified'} in {into}",
                suggestion=fixed if fixed != span else None,
                message=f"简繁混用：{'简体' if into == 'simplified' else '繁体'}文档中出现“{''.join(text[p] for p in g)}”",
                details={"document_script": into, "minority_chars": len(minority), "majority_chars": len(majority),
                         "run_chars": len(g), "runs": len(groups)},
            ))
        return out


def _outside_quotes(text: str, minority: list[int], majority: list[int]) -> list[int]:
    """``minority`` less the positions inside a title or quotation that holds no majority character."""
    if not minority:
        return minority
    from bisect import bisect_left

    drop: set[int] = set()
    lo = minority[0]
    for m in _QUOTED.finditer(text, max(0, lo - 301)):
        s, e = m.span()
        i = bisect_left(minority, s)
        if i == len(minority):
            break
        if minority[i] >= e:
            continue
        j = bisect_left(majority, s)
        if j < len(majority) and majority[j] < e:
            continue  # both scripts inside: a quotation with a pasted character
        drop.update(minority[i:bisect_left(minority, e)])
    return [p for p in minority if p not in drop] if drop else minority
