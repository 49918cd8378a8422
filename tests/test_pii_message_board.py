"""互动交流/留言板 pages: the 留言人 is the citizen party of the record, as 信访人/来电人 are.

A user saw a 留言人's own landline and 通讯地址 pass, and a mobile on the field line under
``留言人：`` reported only at medium, because 留言人 was neither a citizen role nor a role word.
"""

from __future__ import annotations

import pytest

from govreview import Severity

from pii_helpers import found

HIGH = Severity.high


@pytest.mark.parametrize("text,rule,value,severity", [
    ("留言人：李秀英，联系电话：0731-84561234，反映小区停车难问题。", "pii.phone.landline", "0731-84561234", Severity.medium),
    ("留言人：王建国，联系方式：（0551）62345678，反映道路积水。", "pii.phone.landline", "（0551）62345678", Severity.medium),
    ("留言人：李秀英，通讯地址：长沙市岳麓区桐梓坡路158号枫林小区3栋1102室", "pii.address",
     "长沙市岳麓区桐梓坡路158号枫林小区3栋1102室", HIGH),
    ("留言人：赵某，联系地址：城关镇人民路12号2单元301室，请尽快答复。", "pii.address", "城关镇人民路12号2单元301室", HIGH),
    ("留言人：李秀英\n联系电话：13873115620\n留言内容：小区停车难。", "pii.phone.mobile", "13873115620", HIGH),
    ("留言标题：噪音扰民\n留言人：陈志强\n手机号码：139 0731 2468\n留言时间：2025-03-12", "pii.phone.mobile",
     "139 0731 2468", HIGH),
])
def test_message_board_citizen_data_is_found(reviewer, text, rule, value, severity):
    hits = found(reviewer.review(text), rule, min_severity=Severity.medium)
    assert [(f.text, f.severity) for f in hits] == [(value, severity)]


@pytest.mark.parametrize("text", [
    # the department's answer under the same page: office lines and the office's address stay clean
    "留言人：李秀英\n留言内容：小区停车难。\n答复单位：岳麓区城市管理和综合执法局\n答复内容：如有疑问，请致电执法一大队，联系电话：0731-88991234。",
    "留言人：王建国\n答复机构：城关镇人民政府\n咨询电话：0551-62345678\n地址：城关镇人民路1号镇政府二楼",
    "请留言人如实填写联系方式，工作人员将在5个工作日内答复。咨询电话：0731-88991234。",
    "答复内容：王建国同志：您好！我局已责令该店整改。办公地址：岳麓区金星中路428号，电话0731-88991234。",
])
def test_message_board_office_reply_stays_clean(reviewer, text):
    report = reviewer.review(text)
    assert [f for f in report.findings if f.rule.startswith("pii.") and f.severity >= Severity.medium] == []


# A citizen writes 我家在… (and a reply quotes 您家位于…) where a form would say 家庭住址：; these were not cues,
# so an address without 家住/住址 passed.
@pytest.mark.parametrize("text,value", [
    ("留言内容：我家在城关镇幸福村二组37号，房子漏雨。", "城关镇幸福村二组37号"),
    ("留言内容：我家在长沙市岳麓区桐梓坡路158号枫林小区3栋1102室，楼下噪音大。", "长沙市岳麓区桐梓坡路158号枫林小区3栋1102室"),
    ("留言內容：我家在長沙市嶽麓區桐梓坡路１５８號楓林小區３棟１１０２室。", "長沙市嶽麓區桐梓坡路１５８號楓林小區３棟１１０２室"),
    ("答复：李女士您好，经核实，您家位于幸福村二组37号的房屋属于危房改造对象。", "幸福村二组37号"),
    ("你家位于黄兴镇蓝田村5组12号的宅基地已完成确权登记。", "黄兴镇蓝田村5组12号"),
])
def test_home_in_a_message_is_found(reviewer, text, value):
    hits = found(reviewer.review(text), "pii.address", min_severity=HIGH)
    assert [f.text for f in hits] == [value]


@pytest.mark.parametrize("text", [
    "大家在3号楼会议室集合。我家在农村，种了3亩地。",
    "国家在2025年安排资金12亿元。项目位于城关镇人民路12号。",
    "我家在外地工作，请问如何办理？咨询电话0731-88991234。",
    "专家位于3号楼2层评审室，请按时到场。",
])
def test_home_words_without_a_home_stay_clean(reviewer, text):
    assert [f for f in reviewer.review(text).findings if f.severity >= Severity.medium] == []
