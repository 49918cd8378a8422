"""Lone surrogates (a JSON export cut inside an emoji, "\\ud800") never crash a review or an output.

They stay in the report exactly where they are (offsets index the caller's string) and are written
as the JSON escape \\udXXXX, which decodes back to the same string.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreview import Document, Report, Reviewer

URL_TEXT = "详见 http://example.com/a\ud800b 。联系电话13919312345\udfff结束"


@pytest.fixture(scope="module")
def reviewer():
    return Reviewer()


@pytest.mark.parametrize("doc", [Document(text=URL_TEXT), Document(html=f"<p>{URL_TEXT}</p><a href='http://casino.com/\ud83d'>百家乐</a>")],
                         ids=["text", "html"])
def test_report_json_round_trips_with_the_surrogate_inside_a_finding(reviewer, doc):
    report = reviewer.review(doc)
    assert any("\ud800" in f.text or "\ud83d" in f.text for f in report.findings)
    data = report.to_json()
    data.encode("utf-8")  # always encodable
    assert "\\ud8" in data
    back = Report.from_json(data)
    assert back == report
    assert [(f["start"], f["end"], f["text"]) for f in json.loads(data)["findings"]] == \
        [(f.start, f.end, doc.content[f.start:f.end]) for f in report.findings]
    assert json.loads(report.to_json(indent=2)) == json.loads(data)


@pytest.mark.parametrize("fmt", ["jsonl", "json", "sarif", "csv", "html", "text"])
def test_scan_of_an_export_with_lone_surrogates_writes_every_format(tmp_path, fmt):
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps({"id": "a", "text": URL_TEXT}) + "\n" + json.dumps({"id": "b", "text": "联系电话13919312346。"}) + "\n",
                      encoding="utf-8")  # json.dumps writes the surrogates as \\ud800 escapes, as exports do
    out = tmp_path / f"out.{fmt}"
    proc = subprocess.run([sys.executable, "-m", "govreview.cli", "scan", str(export), "--format", fmt, "--fail-on", "none",
                           "-o", str(out)], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    written = out.read_text(encoding="utf-8")
    if fmt == "jsonl":
        reports = [json.loads(line) for line in written.splitlines()]
        texts = {r["document"]["id"]: [URL_TEXT[f["start"]:f["end"]] == f["text"] for f in r["findings"]] for r in reports}
        assert texts["a"] and all(texts["a"])
    elif fmt in ("json", "sarif"):
        assert "\\ud800" in json.dumps(json.loads(written))
    else:
        assert "\\ud800" in written  # shown as a visible escape


_PIECES = ["澳门博彩", "澳*门*博*彩", "百家樂", "机密★5年", "内部资料", "13919312345", "110101199003074514", "0931-8888888",
           "国办发〔2017〕47号", "http://example.com/", "住址：北京市东城区东华门街道1号", "联系电话：", "邮箱a@b.cn",
           "<p>", "</p>", "<div style='display:none'>", "</div>", "&amp;", "\n", "\u2028", "\ufeff", "\u200b", "ｂｅｔ"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.characters(categories=["Cs", "Lo", "Mn", "Cc", "Zs", "So"])),
                max_size=30).map("".join),
       st.booleans())
def test_any_text_with_surrogates_reviews_without_errors_and_round_trips(reviewer, text, as_html):
    doc = Document(html=text) if as_html else Document(text=text)
    report = reviewer.review(doc)
    assert not [e for e in report.errors if e.kind == "detector"]
    for f in report.findings:
        assert doc.content[f.start:f.end] == f.text
    data = report.to_json()
    data.encode("utf-8")
    assert Report.from_json(data) == report
