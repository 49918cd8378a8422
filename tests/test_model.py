"""The trusted constructor used on the hot path builds exactly what validation would."""

from govreview.model import Category, ContextEffect, Explanation, Finding, Location, Severity, trusted

import pytest


def test_trusted_equals_validated():
    values = dict(
        rule="pii.id_card", category=Category.pii, severity=Severity.high, start=3, end=21, text="x" * 18,
        message="m", confidence=0.9,
        explanation=Explanation(detector="pii_id_card", folds=["width"], context=[ContextEffect(word="身份证", effect="raise")]),
        fingerprint="abc", suggestion=None, location=Location(page=2), related=[],
    )
    a = trusted(Finding, **values)
    b = Finding(**values)
    assert a == b and hash(a.model_dump_json()) == hash(b.model_dump_json())
    assert a.model_dump(mode="json") == b.model_dump(mode="json")
    with pytest.raises(Exception):
        a.rule = "other"  # still frozen


def test_trusted_requires_every_field():
    with pytest.raises(TypeError, match="fields missing .*'folds'"):
        trusted(Explanation, detector="x")
    complete = dict(detector="x", lexicon=None, entry_id=None, term=None, pattern=None, folds=[], context=[],
                    validation=None, details={})
    with pytest.raises(TypeError, match="unknown .*'bogus'"):
        trusted(Explanation, **complete, bogus=1)
