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


def test_reports_built_on_the_hot_path_equal_validated_ones():
    import govreview
    from govreview.model import Report

    for text in ("机密★5年 澳*门*博*彩 身份证号110101199003074514", "现将有关事项通知如下。", ""):
        report = govreview.review(text, id="a", url="https://www.gov.cn/x.html", published_at="2024-03-01")
        again = Report.model_validate(report.to_dict())
        assert again == report
        assert again.to_json() == report.to_json()
        assert report.model_fields_set >= {"document", "verdict", "findings"}


def test_enums_print_as_their_values():
    """README prints `f.severity` and reports' verdicts: users see `high` / `pass`, not `Severity.high`."""
    import govreview
    from govreview.model import Verdict

    report = govreview.review("百家樂在线")
    f = report.findings[0]
    assert (str(f.severity), f"{f.category}", str(report.verdict)) == ("high", "advertising", "block")
    assert f"{Verdict.pass_}|{Severity.info}" == "pass|info"
    assert Severity.high == "high" and Severity.high > Severity.medium and Severity.low < Severity.medium
    assert sorted([Severity.high, Severity.info, Severity.medium]) == [Severity.info, Severity.medium, Severity.high]
