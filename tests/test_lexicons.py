"""Lexicon files: strict validation with file and line, built-ins valid, formats."""

from __future__ import annotations

import pytest

from govreview import Lexicon, LexiconError
from govreview.lexicons import builtin_dir, builtin_lexicons


def write(tmp_path, name, body):
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


def test_builtin_lexicons_load_and_record_their_source():
    lexicons = builtin_lexicons()
    assert {lx.name for lx in lexicons} >= {"advertising_gambling", "advertising_commercial", "secrecy_internal", "context_cues"}
    for lx in lexicons:
        assert lx.version and lx.version != "0", lx.name
        assert lx.header.get("source"), f"{lx.name} must say where its data comes from"
        assert lx.entries, lx.name
    for p in builtin_dir().rglob("*.tsv"):
        head = p.read_text(encoding="utf-8").splitlines()[:12]
        assert any(line.startswith("# source:") for line in head), p


@pytest.mark.parametrize(
    "body, message",
    [
        ("# name: x\nid\tterm\tseverity\na\t词\tsevere\n", "severity must be one of"),
        ("# name: x\nid\tterm\tcategory\na\t词\tspam\n", "category must be one of"),
        ("# name: x\nid\tterm\na\t词\na\t词二\n", "duplicate id"),
        ("# name: x\nid\tterm\tcolour\na\t词\tred\n", "unknown column"),
        ("# name: x\nid\tword\na\t词\n", "must include 'term'"),
        ("# name: x\nid\tterm\tafter\na\t词\t(unclosed\n", "bad after regex"),
        ("# name: x\nid\tterm\twindow\na\t词\tfar\n", "window must be an integer"),
        ("# name: x\nid\tterm\trule\na\t词\tBad Rule\n", "rule id must be dotted"),
        ("# name: x\n# kind: magic\nid\tterm\na\t词\n", "kind must be one of"),
    ],
)
def test_broken_lexicons_fail_loudly_with_file_and_line(tmp_path, body, message):
    p = write(tmp_path, "broken.tsv", body)
    with pytest.raises(LexiconError) as exc:
        Lexicon.load(p)
    assert message in str(exc.value)
    assert str(p) in str(exc.value) and ":" in str(exc.value)


def test_error_line_numbers_are_the_file_lines(tmp_path):
    p = write(tmp_path, "x.tsv", "# name: x\n# source: test\nid\tterm\tseverity\na\t甲\thigh\nb\t乙\tnope\n")
    with pytest.raises(LexiconError) as exc:
        Lexicon.load(p)
    assert exc.value.issues[0].line == 5


def test_non_utf8_lexicon_is_an_error_not_garbage(tmp_path):
    p = tmp_path / "gbk.txt"
    p.write_bytes("违禁词".encode("gbk"))
    with pytest.raises(LexiconError, match="not UTF-8"):
        Lexicon.load(p)


def test_digest_changes_with_content():
    a = Lexicon.from_terms(["甲乙"], name="n")
    b = Lexicon.from_terms(["甲丙"], name="n")
    assert a.digest != b.digest
