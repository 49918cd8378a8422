"""Traditional characters in a simplified document (or the reverse), as pasted text leaves them.

Only characters that *belong to one script* count: a traditional character is
one that OpenCC's character table maps to a different simplified character
and that GB2312 (the simplified repertoire) does not contain — so 乾, 著, 於,
which are correct in simplified text, never count; a simplified character is
the image of such a mapping that Big5 does not contain. The document's script
is the majority; the minority characters are reported when there are at least
``min_chars`` of them (default 2) and the majority has at least
``min_majority`` (default 10) — a short line has no script to violate — and
the minority is at most ``max_ratio`` (default 0.4) of all script-specific
characters (beyond that the page is bilingual on purpose).

One finding per run: minority characters less than ``gap`` (default 12)
characters apart are one finding, spanning the first to the last of them, with
the converted text as suggestion. Options: ``[options.quality_mixed_script]``.
"""

from __future__ import annotations

import functools

import numpy as np

from ..model import Category, Severity
from ..normalize import t2s_table
from ..registry import Rule, detector
from ._charclasses import TRADITIONAL, present

RULE = Rule("quality.mixed_script", Category.quality, Severity.low, "简繁混用（简体文档中夹杂繁体字，或反之）", "简繁混用")
NAME = "quality_mixed_script"
MAX_FINDINGS = 20


def _in(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


@functools.lru_cache(maxsize=1)
def script_tables() -> tuple[frozenset[str], frozenset[str], dict[int, int]]:
    """(traditional-only chars, simplified-only chars, t2s translate table)."""
    t2s = t2s_table()
    trad = frozenset(chr(t) for t, s in t2s.items() if t != s and not _in(chr(t), "gb2312"))
    keys = set(t2s)
    simp = frozenset(chr(s) for t, s in t2s.items() if t != s and s not in keys and not _in(chr(s), "big5"))
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
        if not present(ctx) & TRADITIONAL:
            return []  # the common case, decided by the shared gather: no traditional-only character at all
        text = ctx.text
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
        total = len(minority) + len(majority)
        if len(minority) < min_chars or len(majority) < min_majority or len(minority) / total > max_ratio:
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
