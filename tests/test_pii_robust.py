"""Any input: the PII detectors never raise, offsets always slice the input, redaction stays inside spans."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreview

PIECES = [
    "0", "1", "3", "8", "9", "X", "x", "６", "２", "*", "＊", " ", "-", "－", "(", "）", "+86", "@", ".", "com", "qq",
    "身份证号", "手机", "住址", "家住", "住", "号", "栋", "单元", "室", "村", "组", "护照", "通行证", "QQ：", "微信号",
    "卡号", "户名", "当事人", "张", "王某", "兰州市", "城关区", "街道", "，", "。", "\n", "620102", "19900307", "139",
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_review_and_redact_never_fail_and_keep_offsets(reviewer, text):
    report = reviewer.review(text)
    assert not [e for e in report.errors if e.kind == "detector"], report.errors
    for f in report.findings:
        assert text[f.start:f.end] == f.text
    out, done = govreview.redact(text, html=False, reviewer=reviewer)
    pos = 0
    rebuilt = []
    for f in done:  # outside the masked spans the output is the input
        rebuilt.append(text[pos:f.start])
        pos = f.end
    rebuilt.append(text[pos:])
    kept = [seg for seg in rebuilt]
    cursor = 0
    for seg in kept:
        i = out.find(seg, cursor)
        assert i >= 0
        cursor = i + len(seg)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_html_offsets_point_into_the_source(reviewer, text):
    html = f"<div><p>{text}</p><span>{text[::-1]}</span></div>"
    report = reviewer.review(govreview.Document(html=html))
    assert not [e for e in report.errors if e.kind == "detector"], report.errors
    for f in report.findings:
        assert html[f.start:f.end] == f.text
