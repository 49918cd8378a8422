"""pii.mask_inadequate: masked values are not leaks, but weak or combinable masks are flagged."""

from __future__ import annotations

import pytest

from govreview import Severity
from govreview.pii import masking

from pii_helpers import found

RULE = "pii.mask_inadequate"


@pytest.mark.parametrize("text", [
    "王*兰，身份证号620102********2326，家庭人口2人。",
    "张*，身份证号码1101011990****4514，拟录用职位：一级科员。",
    "李**，联系电话139****5678，救助金额3000元。",
    "刘*华，身份证号6201031941******11，补贴每月200元。",
])
def test_standard_masks_are_neither_leaks_nor_inadequate(reviewer, text):
    r = reviewer.review(text)
    assert not [f for f in r.findings if f.category.value == "pii" and f.severity >= Severity.medium]


@pytest.mark.parametrize("text,problem", [
    ("赵*军，残疾证号62010419720813****42，补贴每月100元。", "出生日期"),
    ("申请人身份证号620102199608147***，请核实。", "仅隐藏3位"),
    ("联系电话1391234567*。", "仅隐藏1位"),
])
def test_weak_masks_are_flagged_medium(reviewer, text, problem):
    hits = found(reviewer.review(text), RULE)
    assert len(hits) == 1 and hits[0].severity is Severity.medium
    assert problem in hits[0].message
    assert not found(reviewer.review(text), "pii.id_card", min_severity=Severity.medium)


def test_same_id_masked_differently_combines(reviewer):
    text = "户主张*，身份证号1101011990****4514；复核表中同一户主身份证号110101****030745**。"
    hits = found(reviewer.review(text), RULE)
    assert [f.text for f in hits] == ["110101****030745**"]
    assert hits[0].explanation.details["problem"] == "combined"


def test_different_people_with_standard_masks_do_not_combine(reviewer):
    text = "张*福（370102********0317）、何*平（510104********1235）均为分散供养。"
    assert not found(reviewer.review(text), RULE)


def test_mask_helpers_keep_separators_and_width():
    assert masking.mask_id("420106 19980412 3747") == "420106 ******** 3747"
    assert masking.mask_id("５１０１０４１９９３０９０９７７５５") == "５１０１０４＊＊＊＊＊＊＊＊７７５５"
    assert masking.mask_mobile("139-1234-5678") == "139-****-5678"
    assert masking.mask_mobile("+86 139 1234 5678", 2) == "+86 139 **** 5678"
    assert masking.mask_address("兰州市城关区张掖路街道庆阳路123号5栋") == "兰州市城关区张掖路街道" + "*" * 9
