"""The quality rules on realistic official documents: proof-read ones stay clean, edited ones are found.

tests/data/clean/quality_official.jsonl holds documents written in the style of government pages (通知, 意见,
实施方案, 工作总结, 政策解读, 新闻稿, 领导讲话, 会议纪要, 公示, 办事指南, 留言选登, 行政处罚公示) — half
proof-read, citing 文号 in many correct forms, quoting 繁体 titles and statements, using 必需品, 既…又…,
中央军事委员会; half with the errors editors make (错别字, 规范表述, 文号, 乱码, 简繁混用). A clean
document must have no quality finding at all; an edited one must have each expected finding and no other.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govreview import Document

ROWS = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "clean" / "quality_official.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def _quality(reviewer, text):
    doc = Document(html=text) if text.lstrip().startswith("<") else Document(text=text)
    report = reviewer.review(doc)
    for f in report.findings:
        assert doc.content[f.start:f.end] == f.text
    return [f for f in report.findings if f.rule.startswith("quality.")]


def test_corpus_has_both_halves():
    assert sum(1 for r in ROWS if r["expected"]) >= 15 and sum(1 for r in ROWS if not r["expected"]) >= 20


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_quality_findings_on_official_documents(reviewer, row):
    text = row["text"]
    found = _quality(reviewer, text)
    spans = []  # every occurrence of an expected text
    for rule, want in row["expected"]:
        i = text.find(want)
        assert i >= 0, want
        hits = []
        while i >= 0:
            spans.append((rule, i, i + len(want)))
            hits += [f for f in found if f.rule == rule and f.start < i + len(want) and i < f.end]
            i = text.find(want, i + 1)
        assert hits, f"missed {rule} {want!r}"
    extra = [(f.rule, f.text) for f in found
             if not any(f.rule == r and f.start < b and a < f.end for r, a, b in spans)]
    assert extra == []
