"""Any input: the PII detectors never raise, offsets always slice the input, redaction stays inside spans."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreview

PIECES = [
    "0", "1", "3", "8", "9", "X", "x", "６", "２", "*", "＊", " ", "-", "－", "(", "）", "+86", "@", ".", "com", "qq",
    "\u00a0", "\u200b", "\u2009", "身份证号", "手机", "住址", "家住", "住", "号", "栋", "单元", "室", "村", "组", "护照", "通行证", "QQ：", "微信号",
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


# The spaces a number can carry when typed or pasted: rich-text editors write &nbsp; (U+00A0) between
# groups, typesetting tools thin or figure spaces, copy-paste a zero-width space.
SPACES = ["\u00a0", "\u2002", "\u2007", "\u2009", "\u200a", "\u200b", "\u202f", "\u3000"]
GROUPED = [
    "联系电话：139 1931 2345",
    "身份证号：620102 19580715 3216",
    "身份证号：620102 1958 0715 3216",
    "银行卡号：6222 0212 3456 7890 128",
    "电话：0931 8123456，手机：+86 139 1931 2345",
]


@pytest.mark.parametrize("space", SPACES, ids=[f"U+{ord(c):04X}" for c in SPACES])
@pytest.mark.parametrize("text", GROUPED)
def test_any_space_between_number_groups_is_a_separator(reviewer, text, space):
    """The same number grouped by another kind of space is found exactly as with an ASCII space."""
    expected = [(f.rule, f.severity, f.start, f.end) for f in reviewer.review(text).findings]
    assert expected, "the ASCII-space form must be found: the test would guard nothing"
    variant = text.replace(" ", space)
    report = reviewer.review(variant)
    assert [(f.rule, f.severity, f.start, f.end) for f in report.findings] == expected
    for f in report.findings:
        assert variant[f.start:f.end] == f.text


def test_nbsp_entities_in_html_are_separators_too(reviewer):
    html = "<p>联系电话：139&nbsp;1931&nbsp;2345，身份证号：620102&nbsp;19580715&nbsp;3216</p>"
    found = {f.rule: f.text for f in reviewer.review(govreview.Document(html=html)).findings}
    assert found == {"pii.phone.mobile": "139&nbsp;1931&nbsp;2345", "pii.id_card": "620102&nbsp;19580715&nbsp;3216"}

