"""Where a protected site is: a military or security site named next to its precise address.

The other half of the 数据汇聚 risk that one page can carry (``secrecy_aggregation`` handles coordinates):
the barracks, ammunition store or command post itself is a known fact and the address of a road is
public, but the pair — 县武警中队营区 | 城关镇营房路8号, 人武部弹药库位于青山乡后山村 — is the site's
location on a public page. 军事设施保护法 and the 人民防空 rules keep such locations (营区, 弹药库,
人防指挥所, 涉密单位, 要害部位) out of public view; a 重要目标 list attached to a 人防 or 安保 plan is the
usual way they get there, and such a list (重要目标防护清单, 要害目标一览表) with at least :data:`LIST_ROWS` rows
holding a location is reported at its heading whatever its targets are (water works and substations
included: the list is what 人民防空 rules classify, not each address).

What counts as a site: :data:`SITES`, words for places whose location is protected — not 部队, 武警
or 人武部 alone (offices that conscription notices and 拥军 news name with their address on purpose),
not 人防工程 (public shelters are listed with addresses), not 油库, 变电站, 水厂 or 核电站 (their
addresses are published in 安全生产 and outage notices). A site word that is part of a road or place
name (营房路, 营区街道) is no site.

What counts as a precise location (:data:`LOCATION`): a door number (…路8号, 8号院), a village named
as a place (青山乡后山村, 后山村3组 — not 乡村/农村 in a sentence), an underground floor or a room
(地下二层, 301室), in the site word's own sentence or table row
within :data:`WINDOW` characters. Rule text (不得公开军事禁区的位置) names no location and stays
quiet; 军事设施保护 notices that publish a protected area on purpose are reported ``medium``
(verdict *review*) like coordinates: a person decides, the tool does not block.
"""

from __future__ import annotations

from ..lazyre import lazy_re
from ..registry import detector
from .secrecy_aggregation import RULE

NAME = "secrecy_site_location"
WINDOW = 40
MAX_FINDINGS = 50
SITES = (
    "营区", "营房", "军营", "弹药库", "武器库", "军械库", "军火库", "军用仓库", "军事禁区", "军事管理区", "导弹阵地",
    "雷达阵地", "人防指挥所", "战时指挥所", "战备指挥所", "地下指挥所", "战备仓库", "涉密单位", "涉密场所", "要害部位",
)
_NUM = r"[0-9０-９一二三四五六七八九十百]+"
# A village named as a place: a name before 村 that is no generic word (乡村, 农村, 渔村) and no 村委会/村民/村庄…
_VILLAGE = r"[\u4e00-\u9fff]{1,4}(?<![乡农渔])村(?![委民级镇庄落干里务容])"
# A precise location: a door number after its road, street or village; a village after its township (青山乡后山村), with its group (后山村3组) or
# after 位于/地址 (位于后山村); an underground floor or a room number — not a bare 3层/2楼 (营区新建3层宿舍楼 says
# how tall, not where), nor 乡村/农村 in a sentence (营区周边乡村振兴).
LOCATION = lazy_re(
    r"(?<=[路街道巷弄里村组区院])[0-9０-９]+(?:-[0-9０-９]+)?号(?:院|楼)?"  # …路8号: not 〔2024〕8号, 8月8号, 第3号
    r"|[\u4e00-\u9fff]{1,4}?(?:乡|镇|街道)" + _VILLAGE + r"(?:" + _NUM + r"组)?"
    r"|" + _VILLAGE + _NUM + r"组"
    r"|(?:位于|坐落于|地址[：:])" + _VILLAGE
    + r"|地下" + _NUM + r"?层"
    r"|[0-9０-９]{3,4}室"
)
# A list of 人防/安保 protection targets (重要目标防护清单, 要害目标一览表): its rows are the targets' locations.
# Not 重点目标任务清单 (a work plan's goals), the commonest 目标 list on government sites, nor 防护目标/防护对象 of
# 地质灾害 plans (the villages a hazard threatens are published on purpose, to warn them).
TARGET_WORDS = ("重要目标", "要害目标", "重要经济目标")
_TARGET_LIST = lazy_re(r"(?:重要|要害|重要经济)目标(?!任务|考核|责任)[^\n。；]{0,12}?(?:清单|名单|一览表?|目录|分布|汇总表|统计表)")
LIST_ROWS = 3  # rows with a location below the heading (within the next LIST_LINES lines) that make it a list
LIST_LINES = 12
_SITE = lazy_re("(?:" + "|".join(SITES) + r")(?![路街巷道村]|社区|小区|大道|大街)")  # not 营房路, 营区街道
_CLAUSE_END = lazy_re(r"[。！？；;!?\n]")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence or table row around [start, end), at most WINDOW characters either side."""
    lo = max(0, start - WINDOW)
    for m in _CLAUSE_END.finditer(text, lo, start):
        lo = m.end()
    hi = min(len(text), end + WINDOW)
    stop = _CLAUSE_END.search(text, end, hi)
    return lo, stop.start() if stop else hi


def _shown(span: str) -> str:
    span = " ".join(span.split())
    return span if len(span) <= 40 else span[:18] + "…" + span[-18:]


def _nearest(text: str, lo: int, hi: int, start: int, end: int):
    """The location in text[lo:hi] nearest to the site word at [start, end), or None."""
    best = None
    for m in LOCATION.finditer(text, lo, hi):
        if m.start() < end and start < m.end():
            continue  # inside the site's own name
        d = m.start() - end if m.start() >= end else start - m.end()
        if best is None or d < best[0]:
            best = (d, m)
    return best[1] if best is not None else None


def _target_lists(text: str):
    """(heading match, rows with a location) for each 重要目标 list heading followed by LIST_ROWS such rows."""
    for m in _TARGET_LIST.finditer(text):
        rows = 0
        pos = text.find("\n", m.end())
        for _ in range(LIST_LINES):
            if pos < 0:
                break
            nxt = text.find("\n", pos + 1)
            line = (pos + 1, nxt if nxt >= 0 else len(text))
            if LOCATION.search(text, *line):
                rows += 1
            pos = nxt
        if rows >= LIST_ROWS:
            yield m, rows


@detector(RULE, name=NAME, order=34, cues=SITES + TARGET_WORDS)
def detect(ctx):
    text = ctx.text
    found = 0
    taken: list[tuple[int, int]] = []
    for m, rows in _target_lists(text):
        s, e = m.span()
        taken.append((s, e))
        found += 1
        yield ctx.finding(RULE.id, s, e, confidence=0.6, pattern="target list",
                          message=f"“{_shown(ctx.raw_text[s:e])}”下列出{rows}处目标的具体位置：重要目标清单汇聚公开可能泄密"
                                  f"（数据汇聚），请保密审查确认",
                          details={"rows_with_location": rows})
    for site in _SITE.finditer(text):
        s, e = site.span()
        lo, hi = _clause(text, s, e)
        loc = _nearest(text, lo, hi, s, e)
        if loc is None:
            continue
        a, b = min(s, loc.start()), max(e, loc.end())
        if any(x < b and a < y for x, y in taken):
            continue
        taken.append((a, b))
        yield ctx.finding(RULE.id, a, b, confidence=0.6, pattern="site+location",
                          message=f"受保护场所与其具体位置一并出现（“{_shown(ctx.raw_text[a:b])}”），汇聚公开可能泄露其位置"
                                  f"（数据汇聚），请保密审查确认",
                          details={"site_word": site.group(), "location": loc.group()})
        found += 1
        if found >= MAX_FINDINGS:
            return
