import govreview


def test_obfuscated_gambling_found_with_exact_offsets(reviewer):
    text = "联系人：澳*门*博*彩，百家樂，ＢＥＴ，博博彩彩。"
    report = reviewer.review(text)
    found = {f.text for f in report.findings if f.rule == "advertising.gambling"}
    assert found == {"澳*门*博*彩", "百家樂", "ＢＥＴ", "博博彩彩"}
    for f in report.findings:
        assert text[f.start:f.end] == f.text
    assert report.verdict == govreview.Verdict.block


def test_package_is_marked_typed():
    """PEP 561: without py.typed in the package, mypy/pyright treat every govreview name as Any."""
    from importlib.resources import files

    assert files("govreview").joinpath("py.typed").is_file()
    assert all(hasattr(govreview, name) for name in govreview.__all__)
