"""Masked values (``110101********4514``, ``139****5678``): not leaks, but are they masked enough?

A value that is already masked is not reported as an ID number or a mobile.
It is checked instead (``pii.mask_inadequate``, ``medium``). A mask is written
with any of :data:`govreview.pii.masking.MASK_CHARS` (``*``, ``＊``, ``×``,
``x``/``X``, ``●``, ``#``…), not only stars. What may show follows the common
practice (GB/T 35273 de-identification, 政府网站 公示 rules): an ID keeps at
most the first 6 and the last 4 digits, or the first and the last only; a
mobile 3+4+4. Inadequate is:

* an ID mask that still shows the whole birth date (positions 7–14, a real
  date) — with the sequence and check digit beside it that identifies a person
  within a region even when the region code is hidden (``******195505050350``)
  — or hides fewer than 4 digits; a mobile with fewer than 4 digits hidden;
* the same value masked differently in two places of one document, so that
  the visible pieces combine (``1101011990****4514`` + ``110101****0307****``
  gives the whole number away).
"""

from __future__ import annotations

from ..lazyre import lazy_regex
from ..model import Category, Severity
from ..pii.masking import (
    MASK_CHARS,
    MASK_SIGNS,
    SEPARATING_SIGNS,
    combine,
    id_mask_problem,
    mobile_mask_problem,
    plausible_mask,
    visible_positions,
)
from ..pii.report import pii_finding
from ..pii.scan import cluster_spans, iter_matches
from ..registry import Rule, detector

RULE = Rule(
    "pii.mask_inadequate", Category.pii, Severity.medium,
    "个人信息脱敏不充分（仍可识别或可拼合还原）", "请按统一规则脱敏：身份证号保留前6位和后4位，手机号隐藏中间4位",
)

# one value position: a digit or a mask character (masking.MASK_CHARS: *, ×, x, ●, #…)
_V = r"[\d" + MASK_CHARS + "]"
_EDGE = r"[\dA-Za-z" + MASK_SIGNS + "]"
# 18 positions (20: a 残疾证号, the ID and two digits) with a mask character among them; which positions are
# hidden, and whether an X is a mask or the check digit, visible_positions() decides
# where a masked value starts: after no digit, letter or mask sign — or after a masked name glued to it (王**139****5678,
# 赵*43010219680312****) or a separating # or × (张三#1391234**78), as the plain values are read (masking.not_after_mask)
_START = (r"(?:(?<!" + _EDGE + r")|(?<=\p{Han}[" + MASK_SIGNS + r"]{1,2})"
          r"|(?<=(?:^|[^\dA-Za-zＸｘ" + MASK_SIGNS + r"])[" + SEPARATING_SIGNS + r"]{1,2}))")
MASKED_ID = lazy_regex(_START + r"(?=" + _V + r"*[" + MASK_CHARS + r"])(?:" + _V + r"{20}|" + _V + r"{18})(?!" + _EDGE + ")")
MASKED_MOBILE = lazy_regex(_START + r"(?=" + _V + r"*[" + MASK_CHARS + r"])1[3-9]" + _V + r"{9}(?!" + _EDGE + ")")


def _combined_hidden(pos: list[str | None]) -> int:
    return sum(1 for p in pos if p is None)


class _SeenMasks:
    """The masks of one kind met so far, indexed so that a new one is compared only with those whose pieces could
    combine with it: the same length, another set of visible positions (masks that show the same positions add
    nothing to each other), at least 4 positions visible in both, the same characters there. A 公示 list of
    thousands of rows masked alike was compared row by row with every earlier row (3,000 rows of 139****5678:
    4.5 million comparisons, 15 s)."""

    def __init__(self) -> None:
        self.by_shape: dict[tuple[int, tuple[int, ...]], list[tuple[int, int, int, list[str | None]]]] = {}
        self.index: dict[tuple, tuple[int, dict[tuple, list[tuple[int, int, int, list[str | None]]]]]] = {}
        self.n = 0

    @staticmethod
    def _shape(pos: list[str | None]) -> tuple[int, tuple[int, ...]]:
        return len(pos), tuple(i for i, x in enumerate(pos) if x is not None)

    def add(self, s: int, e: int, pos: list[str | None]) -> None:
        self.by_shape.setdefault(self._shape(pos), []).append((self.n, s, e, pos))
        self.n += 1

    def candidates(self, pos: list[str | None]) -> list[tuple[int, int, list[str | None]]]:
        """(start, end, positions) of the earlier masks that may combine with ``pos``, in the order they came."""
        n, shown = shape = self._shape(pos)
        found: list[tuple[int, int, int, list[str | None]]] = []
        for other, entries in self.by_shape.items():
            if other == shape or other[0] != n:
                continue
            shared = tuple(sorted(set(shown) & set(other[1])))
            if len(shared) < 4:
                continue
            built, table = self.index.get((other, shared), (0, {}))
            for entry in entries[built:]:  # index the entries added since the last look
                table.setdefault(tuple(entry[3][i] for i in shared), []).append(entry)
            self.index[(other, shared)] = (len(entries), table)
            found.extend(table.get(tuple(pos[i] for i in shared), ()))
        found.sort(key=lambda entry: entry[0])
        return [(s, e, p) for _, s, e, p in found]


@detector(RULE, name="pii_mask", order=48)
def detect(ctx):
    if not cluster_spans(ctx, stars=True):
        return  # no number with a mask star on the page (the usual case)
    seen_ids = _SeenMasks()
    for m in iter_matches(ctx, MASKED_ID, stars=True):
        s, e = m.span()
        pos = visible_positions(m.group())[:18]
        if not plausible_mask(m.group()):
            continue
        problem = id_mask_problem(m.group())
        if problem:
            yield pii_finding(ctx, RULE.id, s, e, confidence=0.85, message=f"身份证号脱敏不充分：{problem}",
                              pattern="mask/id", details={"value": "id_card", "problem": problem})
            seen_ids.add(s, e, pos)
            continue
        for ps, pe, prev in seen_ids.candidates(pos):
            both = combine(prev, pos)
            if both is None or both == prev or both == pos:
                continue
            shared = sum(1 for x, y in zip(prev, pos) if x is not None and y is not None)
            if shared >= 4 and (_combined_hidden(both) < 4 or all(p is not None for p in both[6:14])):
                yield pii_finding(ctx, RULE.id, s, e, confidence=0.7,
                                  message="同一身份证号在文中以不同方式脱敏，拼合后可还原",
                                  pattern="mask/id-combined", details={"value": "id_card", "problem": "combined", "other": [ps, pe]})
                break
        seen_ids.add(s, e, pos)
    seen_phones = _SeenMasks()
    for m in iter_matches(ctx, MASKED_MOBILE, stars=True):
        s, e = m.span()
        if not plausible_mask(m.group()):
            continue
        pos = visible_positions(m.group())
        problem = mobile_mask_problem(m.group())
        if problem:
            yield pii_finding(ctx, RULE.id, s, e, confidence=0.85, message=f"手机号脱敏不充分：{problem}",
                              pattern="mask/mobile", details={"value": "mobile", "problem": problem})
        else:
            for ps, pe, prev in seen_phones.candidates(pos):
                both = combine(prev, pos)
                if both is None or both == prev or both == pos:
                    continue
                shared = sum(1 for x, y in zip(prev, pos) if x is not None and y is not None)
                if shared >= 4 and _combined_hidden(both) < 4:
                    yield pii_finding(ctx, RULE.id, s, e, confidence=0.7,
                                      message="同一手机号在文中以不同方式脱敏，拼合后可还原",
                                      pattern="mask/mobile-combined", details={"value": "mobile", "problem": "combined", "other": [ps, pe]})
                    break
        seen_phones.add(s, e, pos)
