"""The labelled corpus (tests/data/pii/): every rule at precision and recall ≥ 0.95 (issue 3's goal)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from govreview import Severity

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests/data/pii/corpus.jsonl"


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_pii", ROOT / "benchmarks/eval_pii.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not present")
def test_corpus_precision_and_recall_per_rule(reviewer):
    ev = _eval_module()
    items = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    tp, fp, fn, errors = ev.evaluate(items, reviewer)
    for rule in ev.RULES:
        p = tp[rule] / (tp[rule] + fp[rule]) if tp[rule] + fp[rule] else 1.0
        r = tp[rule] / (tp[rule] + fn[rule]) if tp[rule] + fn[rule] else 1.0
        assert p >= 0.95 and r >= 0.95, (rule, p, r, {k: v for k, v in errors.items() if rule in str(v)})


CLEAN = """
第十四条 行政机关不得公开涉及国家秘密、商业秘密、个人隐私的政府信息。公民身份号码、银行账户、通信方式、住址等个人信息，公开前应当进行去标识化处理。
政府信息公开工作机构：区政府办公室，办公地址：城关区南昌路1648号，邮政编码：730030，咨询电话：0931-8812345，电子邮箱：qzfb@lzcg.gov.cn。
2023年全市地区生产总值35612789万元，比上年增长6.2%；年末常住人口4387654人。甘政办发〔2023〕112号。
"""


def test_clean_official_text_has_no_actionable_pii(reviewer):
    r = reviewer.review(CLEAN)
    assert not [f for f in r.findings if f.category.value == "pii" and f.severity >= Severity.medium]
    assert r.verdict.value == "pass"
