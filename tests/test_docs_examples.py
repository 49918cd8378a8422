"""The README's Python example runs as written (it names the public API: a rename that forgets the README fails here).

The example leaves two things to the reader: `page_html` and a `govreview.toml` in the working directory.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)


def test_readme_python_example_runs(tmp_path, monkeypatch):
    block = python_blocks(README.read_text(encoding="utf-8"))[0]  # the "Use it" example
    (tmp_path / "govreview.toml").write_text('disable = ["quality"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    page_html = "<html><body><p>文中有某违禁词。</p><p>澳门<b>博彩</b></p></body></html>"
    ns: dict = {"page_html": page_html}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, str(README), "exec"), ns)
    masked, findings = ns["masked"], ns["findings"]
    assert masked == "身份证号：110101********4514" and [f.rule for f in findings] == ["pii.id_card"]
    report = ns["reviewer"].review(ns["govreview"].Document(id="n-1", html=page_html))
    assert {(f.rule, page_html[f.start:f.end]) for f in report.findings} >= {
        ("sensitive.term", "某违禁词"), ("advertising.gambling", "澳门<b>博彩")}
    assert str(report.verdict) == "block"
