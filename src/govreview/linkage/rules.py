"""The linkage rules: stable ids, category ``linkage``, default severities, reviewer messages."""

from __future__ import annotations

from ..model import Category, Severity
from ..registry import Rule

MISSING_INTERPRETATION = Rule(
    "linkage.missing_interpretation", Category.linkage, Severity.medium,
    "政策文件发布后逾期未发布政策解读（站内未找到对应解读）", "政策文件逾期未发布解读",
)
MISSING_BACKLINK = Rule(
    "linkage.missing_backlink", Category.linkage, Severity.low,
    "政策文件与解读材料页面未相互关联（一方缺少指向另一方的链接）", "政策文件与解读页面未相互链接",
)
LATE = Rule(
    "linkage.late", Category.linkage, Severity.medium,
    "政策解读晚于政策文件发布后规定的工作日数（按含调休的官方工作日历计算）", "政策解读发布逾期",
)
ORPHAN_INTERPRETATION = Rule(
    "linkage.orphan_interpretation", Category.linkage, Severity.low,
    "解读材料找不到对应的政策文件（站内不存在或链接失效）", "解读找不到对应政策文件",
)
UNDETERMINED = Rule(
    "linkage.undetermined", Category.linkage, Severity.info,
    "无法判断解读是否逾期（缺少发布日期，或日期超出已知工作日历）", "无法判断解读时限",
)

ATTACHED_INTERPRETATION = Rule(
    "linkage.attached_interpretation", Category.linkage, Severity.info,
    "政策文件的解读不是站内单独页面（附件、站外链接或与文件同页），无法自动核实其内容与发布时间", "解读以附件或同页形式提供，请人工核实",
)

ALL_RULES = (MISSING_INTERPRETATION, MISSING_BACKLINK, LATE, ORPHAN_INTERPRETATION, UNDETERMINED, ATTACHED_INTERPRETATION)
