"""Redaction: standard masks inside the finding spans, every other byte unchanged."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

import govreview
from govreview.cli import cli
from govreview.redact import redact_bytes

TEXT = (
    "当事人：张某强，性别：男，身份证号码：620102198503146010，住址：甘肃省兰州市城关区张掖路街道庆阳路123号5栋2单元301室，"
    "手机13936591285。监督电话：0931-8912345，咨询邮箱xxgk@wuhan.gov.cn，统一社会信用代码91620102MAQETY5858。"
)
EXPECTED = (
    "当事人：张某强，性别：男，身份证号码：620102********6010，住址：甘肃省兰州市城关区张掖路街道****************，"
    "手机139****1285。监督电话：0931-8912345，咨询邮箱xxgk@wuhan.gov.cn，统一社会信用代码91620102MAQETY5858。"
)


def _changed_regions(a: str, b: str) -> list[tuple[int, int]]:
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [(i1, i2) for tag, i1, i2, _, _ in sm.get_opcodes() if tag != "equal"]


def test_redact_masks_personal_data_and_keeps_office_data():
    out, findings = govreview.redact(TEXT)
    assert out == EXPECTED
    assert [f.rule for f in findings] == ["pii.id_card", "pii.address", "pii.phone.mobile"]


def test_only_finding_spans_change():
    out, findings = govreview.redact(TEXT)
    spans = [(f.start, f.end) for f in findings]
    for a, b in _changed_regions(TEXT, out):
        assert any(s <= a and b <= e for s, e in spans), (a, b)


def test_redacting_twice_changes_nothing_more():
    once, _ = govreview.redact(TEXT)
    twice, findings = govreview.redact(once)
    assert twice == once
    assert not findings


def test_html_redaction_touches_text_only():
    html = ('<html><body><p class="x">户主：王桂兰，身份证号：<b>620102</b>195604124781，'
            '手机&nbsp;15114327962</p><a href="tel:15114327962">电话</a></body></html>')
    out, findings = govreview.redact(html, html=True)
    assert out == ('<html><body><p class="x">户主：王桂兰，身份证号：<b>620102</b>********4781，'
                   '手机&nbsp;151****7962</p><a href="tel:15114327962">电话</a></body></html>')
    assert all(html[f.start:f.end] == f.text for f in findings)


def test_redact_bytes_keeps_encoding_and_bom():
    data = "\ufeff拟录用人员：李明轩，身份证号620102199608147890。\r\n".encode("utf-8")
    res = redact_bytes(data, suffix=".txt")
    assert res.data == "\ufeff拟录用人员：李明轩，身份证号620102********7890。\r\n".encode("utf-8")
    gb = "联系人：赵娜，手机15205250305\n".encode("gb18030")
    res = redact_bytes(gb, suffix=".txt")
    assert res.data == "联系人：赵娜，手机152****0305\n".encode("gb18030") and res.encoding == "gb18030"


def test_cli_redact(tmp_path):
    src = tmp_path / "notice.txt"
    src.write_bytes(TEXT.encode("utf-8"))
    out = tmp_path / "masked.txt"
    res = CliRunner().invoke(cli, ["redact", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_bytes() == EXPECTED.encode("utf-8")
    assert "masked 3" in res.output


def test_cli_redact_missing_file_is_exit_2(tmp_path):
    env = dict(os.environ)
    p = subprocess.run([sys.executable, "-m", "govreview.cli", "redact", str(tmp_path / "nope.txt")],
                       capture_output=True, text=True, env=env)
    assert p.returncode == 2
    assert "cannot read" in p.stderr and "Traceback" not in p.stderr


def test_an_entity_inside_a_number_is_masked_as_the_character_it_shows():
    """&#48; is one digit of the ID on screen: left in place it would show a birth-date digit."""
    out, done = govreview.redact("<p>身份证号：4403061990&#48;1012343</p>")
    assert out == "<p>身份证号：440306********2343</p>" and len(done) == 1
    out, _ = govreview.redact("<p>手机：139&nbsp;1931&nbsp;2345</p>")  # kept characters keep their entity
    assert out == "<p>手机：139&nbsp;****&nbsp;2345</p>"


@pytest.mark.parametrize("text, masked", [
    ("联系人：张三，手机：+86 139 1234 5678", "联系人：张三，手机：+86 139 **** 5678"),
    ("联系人：张三，手机：0086-13912345678", "联系人：张三，手机：0086-139****5678"),
    ("联系人：张三，手机：86-13912345678", "联系人：张三，手机：86-139****5678"),  # the country code is not the number
])
def test_a_country_code_is_kept_and_the_number_masked_after_it(text, masked):
    assert govreview.redact(text)[0] == masked


@pytest.mark.parametrize("text,expected", [
    ("行動電話：0912345678", "行動電話：091****678"),
    ("聯絡人：林美玲，行動電話：0912-345-678", "聯絡人：林美玲，行動電話：091*-***-678"),
    ("台胞陈志明，手机：+886 912 345 678", "台胞陈志明，手机：+886 912 *** *78"),
    ("身份证号：43010219680312××××", "身份证号：430102********××××"),
    ("身份证号：4301811975\n11020149", "身份证号：430181****\n****0149"),
])
def test_redaction_hides_four_digits_of_every_mobile_and_remasks_weak_masks(text, expected):
    out, findings = govreview.redact(text)
    assert out == expected and findings
    again, more = govreview.redact(out)
    assert again == out and not more
