"""pii.license_plate: plates of motor vehicles (GA 36) with a plate word or a person are medium."""

from __future__ import annotations

import pytest

from govreview import Severity

from pii_helpers import found

RULE = "pii.license_plate"


@pytest.mark.parametrize("text, value, severity", [
    ("留言内容：我的车牌号湘A8K2M7被违停贴条，车主李秀英。", "湘A8K2M7", Severity.medium),
    ("车牌号码：苏E·5D7X9，车辆类型：小型轿车。", "苏E·5D7X9", Severity.medium),
    ("当事人驾驶粤B·D12345号小型汽车在禁停路段停车。", "粤B·D12345", Severity.medium),  # new-energy plate, word after it
    ("对湘ＡＤ１２３４５号车辆作出罚款200元的处罚。", "湘ＡＤ１２３４５", Severity.medium),  # full-width
    ("京A12345", "京A12345", Severity.low),  # a plate-shaped code without context: visible, no verdict
    ("号牌号码：甘A·D12345（单位公务用车）。", "甘A·D12345", Severity.low),  # an office's vehicle
    ("对执法车辆湘A·12345进行年检。", "湘A·12345", Severity.low),
])
def test_plates_are_found_with_exact_spans(reviewer, text, value, severity):
    hits = found(reviewer.review(text), RULE)
    assert [(f.text, f.severity) for f in hits] == [(value, severity)]
    assert all(text[f.start:f.end] == f.text for f in hits)


@pytest.mark.parametrize("text", [
    "湘A8K***号车辆违停，已依法处理。",                       # masked, as 曝光台 publish them
    "粤ICP备12345678号 粤公网安备44010602000001号",          # site registrations
    "增值电信业务经营许可证：粤B2-20090059",
    "推进京津冀协同发展，苏A区域试点。",
    "京AB·CDEFG",                                            # letters only: not a plate
])
def test_other_codes_are_not_plates(reviewer, text):
    assert not found(reviewer.review(text), RULE)
