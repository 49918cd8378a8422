"""Precision on realistic official text of many genres, with controls that must still fire.

The texts (tests/data/clean/official_genres.jsonl) were written for a precision sweep in the style of
Chinese government websites: 政府工作报告, 通知 with 文号 and office phones, 干部任前公示, 中标公告,
行政处罚决定书, 统计公报, police and court news about gambling and fraud, 保密 training, 政务公开
rules, 彩票公益金, 澳门 cooperation, 繁体 and full-width variants. None may reach the review verdict;
the controls beside them (a citizen's number in a 公示, 机密★5年, injected spam…) must.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govreview import Document, Severity

DATA = Path(__file__).parent / "data" / "clean"


def _rows(name: str) -> list[dict]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("#")]


def _doc(text: str) -> Document:
    return Document(html=text) if text.lstrip().startswith("<") else Document(text=text)


CLEAN = _rows("official_genres.jsonl")
CONTROLS = _rows("official_controls.jsonl")


@pytest.mark.parametrize("row", CLEAN, ids=[r["id"] for r in CLEAN])
def test_official_text_passes(reviewer, row):
    doc = _doc(row["text"])
    report = reviewer.review(doc)
    for f in report.findings:
        assert doc.content[f.start:f.end] == f.text
    assert [(f.rule, f.text) for f in report.findings if f.severity >= Severity.medium] == []
    assert not [e for e in report.errors if e.kind in ("detector", "config")]


@pytest.mark.parametrize("row", CONTROLS, ids=[r["id"] for r in CONTROLS])
def test_controls_still_fire(reviewer, row):
    report = reviewer.review(_doc(row["text"]))
    assert row["rule"] in {f.rule for f in report.findings if f.severity >= Severity.medium}


def test_the_sweep_is_large_enough_to_mean_something():
    assert len(CLEAN) >= 70 and len(CONTROLS) >= 9
