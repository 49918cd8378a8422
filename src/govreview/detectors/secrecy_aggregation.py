"""Precise coordinates of sensitive sites: the 数据汇聚 risk that a single page can carry.

保密审查 rules warn that harmless pieces can add up to a secret. Most of that
is a judgement about a whole collection, but one pattern is concrete enough to
check on every page: the *precise position* of a military, security or key
infrastructure site published next to its name — 某部队营区位于东经102°43′12″、
北纬25°02′35″, or a table row ``XX油库 | 102.723456, 25.043210``. Each piece is
public (the name, a map), the pair is a target location. 测绘 and 军事设施 rules
keep such positions off public pages.

What counts as precise: degrees-minutes-*seconds* (about 30 m), or decimal
degrees with at least four decimals (about 10 m) that are labelled (东经, 北纬,
经度, 纬度, E/N) or come as a longitude/latitude pair inside China's ranges.
Coarser positions (东经102°、北纬25°, a county's extent) are geography, not a
target. What counts as sensitive: a word for a military, security or
key-target site (:data:`SITE_WORDS`) in the same sentence or table row, within
:data:`WINDOW` characters.

Government text talks about this rule itself (不得公开军事设施的精确坐标): no
coordinate value, no finding. Geological-hazard points, mining-right corners and
project sites carry coordinates legitimately and have no site word next to them,
so they stay quiet. A 军事设施保护范围 notice that publishes boundary
coordinates on purpose is reported ``medium`` (verdict *review*): a person
decides, the tool does not block.

One finding per coordinate (each is what has to go), at most :data:`MAX_FINDINGS`
per document; the site word is in the explanation.
"""

from __future__ import annotations

import functools
import re

from ..lazyre import lazy_re
from ..model import Category, Severity
from ..normalize import t2s_table
from ..registry import Rule, detector

RULE = Rule(
    "secrecy.aggregation", Category.secrecy, Severity.medium,
    "敏感目标的精确位置（坐标）等汇聚后可能涉密的信息（数据汇聚）",
    "敏感目标（军事、安全、要害设施）旁出现精确坐标，汇聚公开可能泄密，请保密审查确认",
)
NAME = "secrecy_aggregation"
WINDOW = 60
MAX_FINDINGS = 50

_D = r"[0-9０-９]"
_DMS = (_D + r"{1,3}\s*[°º度]\s*" + _D + r"{1,2}\s*[′'’分]\s*" + _D + r"{1,2}(?:[.．]" + _D + r"+)?\s*[″\"”秒]")
_LABEL = r"(?:[东東西][经經]|[北南][纬緯]|[经經]度|[纬緯]度|[EN])\s*[:：为是]?\s*"
_DEC = _D + r"{1,3}[.．]" + _D + r"{4,}"
COORDINATE = lazy_re(
    r"(?:" + _LABEL + r")?" + _DMS                               # 东经102°43′12″ / 25°02′35.6″
    + r"|" + _LABEL + _DEC + r"\s*°?"                               # 经度：102.723456 / E102.7234°
    + r"|(?<![0-9０-９.．])(?P<a>" + _DEC + r")\s*[,，、/]\s*(?P<b>" + _DEC + r")(?![0-9０-９.．])"  # 102.7234, 25.0432
)
_ANCHOR = lazy_re(r"[0-9０-９][.．][0-9０-９]{4}|[°º度]\s*[0-9０-９]{1,2}\s*[′'’分]")
ANCHOR_BEFORE, ANCHOR_AFTER = 16, 48  # a label and degrees before the anchor; a pair's second number after it
SITE_WORDS = (
    "军事禁区", "军事管理区", "军事设施", "军事基地", "军用", "军营", "营区", "营房", "驻军", "部队", "武警", "哨所",
    "弹药", "武器库", "导弹", "雷达阵地", "指挥所", "战备", "人防工程", "军工", "涉密单位", "要害部位",
    "核设施", "核电站", "油库", "国家安全机关",
)  # not 阵地 (宣传阵地) or 雷达 alone (weather radar sites are published)
_CLAUSE_END = lazy_re(r"[。！？；]")
_LINE_END = lazy_re(r"[。！？；\n]")
CELL_LINES = 4  # cells of an HTML table row above the coordinate's cell
CELL_CHARS = 24
_FULL = str.maketrans("０１２３４５６７８９．", "0123456789.")


def _china_pair(a: str, b: str) -> bool:
    """A decimal pair that is a longitude/latitude inside China's extent, in either order."""
    x, y = float(a.translate(_FULL)), float(b.translate(_FULL))
    return (73 <= x <= 136 and 3 <= y <= 54) or (73 <= y <= 136 and 3 <= x <= 54)


@functools.lru_cache(maxsize=2)
def _site_pattern(t2s: bool) -> re.Pattern[str]:
    """The site words, with each character also in its traditional forms when the t2s fold is on
    (部隊營區 is 部队营区): the view text is not folded, and the fold's own table says which characters
    those are. With t2s off the cue words (folded the same way) would not see 部隊, so neither may this."""
    variants: dict[str, set[str]] = {}
    for trad, simp in (t2s_table().items() if t2s else ()):
        variants.setdefault(chr(simp), set()).add(chr(trad))

    def chars(c: str) -> str:
        alts = sorted(variants.get(c, ()))
        return f"[{c}{''.join(alts)}]" if alts else re.escape(c)

    return re.compile("|".join("".join(chars(c) for c in w) for w in SITE_WORDS))


def _site_near(text: str, start: int, end: int, site: re.Pattern[str]) -> str | None:
    """A site word in the coordinate's own sentence (or table row), or in the short lines just above it.

    Plain-text tables keep a row on one line. HTML tables reach the view as one cell per line, so
    when nothing but a short label stands before the coordinate on its line, up to
    :data:`CELL_LINES` short lines above it are read too (the row's other cells), stopping at a
    line that holds a coordinate itself (the previous row) or ends a sentence.
    """
    lo = max(0, start - WINDOW)
    nl = text.rfind("\n", lo, start)
    cut = nl + 1 if nl >= 0 else lo
    for m in _CLAUSE_END.finditer(text, cut, start):
        cut = m.end()
    hi = min(len(text), end + WINDOW)
    stop = _LINE_END.search(text, end, hi)
    m = site.search(text, cut, stop.start() if stop else hi)
    if m is not None:
        return m.group()
    if nl < 0 or cut != nl + 1 or len(text[cut:start].strip()) > CELL_CHARS:
        return None
    line_end = nl
    for _ in range(CELL_LINES):
        if line_end <= 0:
            break
        line_start = text.rfind("\n", 0, line_end) + 1
        cell = text[line_start:line_end]
        if len(cell.strip()) > CELL_CHARS or _CLAUSE_END.search(cell) or COORDINATE.search(cell):
            break
        m = site.search(cell)
        if m is not None:
            return m.group()
        line_end = line_start - 1
    return None


def _coordinates(text: str):
    """COORDINATE matches, searched only around anchors (a 4-decimal number, or 度/° followed by minutes).

    COORDINATE begins with an optional label, so the engine would try it at every position of the
    page (milliseconds on a long one); the anchor class is a plain character-class scan. Each match
    lies within ANCHOR_BEFORE/ANCHOR_AFTER characters of its anchor, so the windows lose nothing."""
    windows: list[list[int]] = []
    for a in _ANCHOR.finditer(text):
        lo, hi = max(0, a.start() - ANCHOR_BEFORE), a.end() + ANCHOR_AFTER
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        yield from COORDINATE.finditer(text, lo, min(hi, len(text)))


@detector(RULE, name=NAME, order=33, cues=SITE_WORDS)  # rarer than coordinate marks, and unlabelled pairs have none
def detect(ctx):
    text = ctx.text
    site = _site_pattern(ctx.reviewer.settings.t2s)
    found = 0
    for m in _coordinates(text):
        if m.group("a") is not None and not _china_pair(m.group("a"), m.group("b")):
            continue
        s, e = m.span()
        word = _site_near(text, s, e, site)
        if word is None:
            continue
        yield ctx.finding(RULE.id, s, e, confidence=0.7, pattern="coordinate+site",
                          message=f"{RULE.message}：“{word}”附近的坐标“{ctx.raw_text[s:e].strip()}”",
                          details={"site_word": word})
        found += 1
        if found >= MAX_FINDINGS:
            return
