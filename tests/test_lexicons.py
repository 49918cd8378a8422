"""Lexicon files: strict validation with file and line, built-ins valid, formats."""

from __future__ import annotations

import codecs

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


# --- issued lists as they really arrive (Excel exports, GBK, spaces for tabs) ---------------------------------

ISSUED_TSV = "term\tseverity\tnote\n翻墙软件下载\thigh\t\n代开发票\tmedium\t示例\n"
ISSUED_DOC = "本站提供翻墙软件下载服务，另有代開發票业务，代 开 发 票請聯繫。"


@pytest.mark.parametrize(
    "name, data",
    [
        ("bom-crlf.tsv", ("\ufeff" + ISSUED_TSV.replace("\n", "\r\n")).encode("utf-8")),
        ("excel-unicode.tsv", ISSUED_TSV.replace("\n", "\r\n").encode("utf-16")),  # Excel "Unicode 文本": UTF-16LE + BOM
        ("utf16be.tsv", codecs.BOM_UTF16_BE + ISSUED_TSV.encode("utf-16-be")),
        ("blank-lines.tsv", ("# name: 省网信办\n\n" + ISSUED_TSV.replace("\n", "\n\n")).encode("utf-8")),
    ],
)
def test_issued_tsv_in_any_unicode_form_loads_and_matches_with_folds(tmp_path, name, data):
    import govreview

    p = tmp_path / name
    p.write_bytes(data)
    lex = Lexicon.load(p)
    assert [e.term for e in lex.entries] == ["翻墙软件下载", "代开发票"]
    found = [f.text for f in govreview.Reviewer(lexicons=[lex]).review(ISSUED_DOC).findings if f.explanation.lexicon == lex.name]
    assert found == ["翻墙软件下载", "代開發票", "代 开 发 票"]


@pytest.mark.parametrize(
    "body, line, words",
    [
        # Excel's "文本文件(制表符分隔)" saved as .txt: every term would have been "词<Tab>高<Tab>…" and never match
        ("翻墙软件下载\t高\t政治\n代开发票\t中\t广告\n", 1, "Tab"),
        ("# name: 省词表\n翻墙软件下载\n代开发票\t中\n", 3, "Tab"),
    ],
)
def test_txt_list_with_table_columns_is_an_error(tmp_path, body, line, words):
    p = write(tmp_path, "issued.txt", body)
    with pytest.raises(LexiconError) as exc:
        Lexicon.load(p)
    assert exc.value.issues[0].line == line and words in str(exc.value) and ".tsv" in str(exc.value)


@pytest.mark.parametrize(
    "body, words",
    [
        ("# name: x\n翻墙软件下载\n代开发票\n出售枪支\n", "column header"),  # a term list saved as .tsv: no header row
        ("词语\t级别\n翻墙软件下载\t高\n代开发票\t中\n", "must include 'term'"),  # Chinese column names
        ("term  severity\n翻墙软件下载  high\n", "not spaces"),
        ("term\u3000severity\n翻墙软件下载\u3000high\n", "not spaces"),
    ],
)
def test_tsv_without_a_usable_header_is_one_clear_error(tmp_path, body, words):
    p = write(tmp_path, "issued.tsv", body)
    with pytest.raises(LexiconError) as exc:
        Lexicon.load(p)
    assert len(exc.value.issues) == 1, exc.value  # not one "empty term" per row as well
    assert words in str(exc.value) and str(p) in str(exc.value)


@pytest.mark.parametrize("row", ["翻墙软件下载\u3000high", "翻墙软件下载  high", "代开发票 \u3000medium"])
def test_spaces_typed_for_a_tab_in_a_row_are_an_error(tmp_path, row):
    p = write(tmp_path, "issued.tsv", f"term\tseverity\n出售枪支\thigh\n{row}\n")
    with pytest.raises(LexiconError) as exc:
        Lexicon.load(p)
    assert exc.value.issues[0].line == 3 and "Tab" in str(exc.value)


@pytest.mark.parametrize(
    "body, terms",
    [
        ("term\tseverity\nVPN 下载\thigh\n", ["VPN 下载"]),  # one space inside a term is a term
        ("id\tterm\tseverity\tnote\na\tfree bet\n", ["free bet"]),  # trailing cells left out
        ("id\tterm\tnote\na\t代开发票\t见 2026  年通知\n", ["代开发票"]),  # spaces in a complete row's note
    ],
)
def test_spaces_inside_terms_and_notes_still_load(tmp_path, body, terms):
    assert [e.term for e in Lexicon.load(write(tmp_path, "ok.tsv", body)).entries] == terms


@pytest.mark.parametrize("encoding, body", [("gbk", "翻墙软件下载\n代开发票\n"), ("gb18030", "# name: 省词表\n出售枪支\n")])
def test_gbk_list_error_names_the_line_and_says_how_to_convert(tmp_path, encoding, body):
    p = tmp_path / "issued.txt"
    p.write_bytes(body.encode(encoding))
    with pytest.raises(LexiconError) as exc:
        Lexicon.load(p)
    msg = str(exc.value)
    assert "not UTF-8" in msg and "GBK" in msg and "UTF-8" in msg and "codec" not in msg
    assert exc.value.issues[0].line == body.count("\n", 0, body.index(next(c for c in body if ord(c) > 127))) + 1


@pytest.mark.parametrize("name, body", [("empty.txt", ""), ("comments.txt", "# name: 省词表\n# version: 2026.1\n\n"),
                                        ("header-only.tsv", "# name: x\nid\tterm\n")])
def test_a_list_with_no_terms_is_an_error(tmp_path, name, body):
    with pytest.raises(LexiconError, match="no terms"):
        Lexicon.load(write(tmp_path, name, body))


@pytest.mark.parametrize("term", ["***", "……", "★★", "——"])
def test_a_term_without_letters_or_digits_is_an_error(tmp_path, term):
    with pytest.raises(LexiconError) as exc:
        Lexicon.load(write(tmp_path, "x.txt", f"出售枪支\n{term}\n"))
    assert exc.value.issues[0].line == 2 and "never match" in str(exc.value)


def test_a_huge_broken_list_gives_a_short_message(tmp_path):
    p = write(tmp_path, "big.txt", "".join(f"词语{i}\t高\n" for i in range(50_000)))
    with pytest.raises(LexiconError) as exc:
        Lexicon.load(p)
    assert len(exc.value.issues) == 50_000
    lines = str(exc.value).splitlines()
    assert len(lines) <= 21 and "49980" in lines[-1]


def test_unreadable_file_message_has_no_line_zero(tmp_path):
    with pytest.raises(LexiconError) as exc:
        Lexicon.load(tmp_path / "missing.txt")
    assert ":0:" not in str(exc.value) and "missing.txt" in str(exc.value)


def test_folded_term_cache_is_keyed_by_the_fold_data(monkeypatch, tmp_path):
    """The cached folded terms must not outlive the fold tables they were folded with (an upgrade that
    adds a 繁→简 pair or a noise character would leave the cached terms folded the old way)."""
    from govreview import normalize
    from govreview.matcher import Matcher

    lex = Lexicon.from_terms(["翻墙软件下载"], name="issued")
    before = Matcher([lex], normalize.FoldSettings()).key
    stamp = normalize.fold_data_stamp()
    assert Matcher([lex], normalize.FoldSettings()).key == before
    monkeypatch.setattr(normalize, "NOISE_PUNCT", normalize.NOISE_PUNCT + "§")
    assert Matcher([lex], normalize.FoldSettings()).key != before
    monkeypatch.undo()
    newer = tmp_path / "fold_t2s.tsv"  # a new table file, as an upgrade installs one
    newer.write_text((builtin_dir() / "fold_t2s.tsv").read_text(encoding="utf-8") + "錒\t锕\n", encoding="utf-8")
    monkeypatch.setattr(normalize, "_lexicon_path", lambda name: newer if name == "fold_t2s.tsv" else builtin_dir() / name)
    assert normalize.fold_data_stamp() != stamp
    assert Matcher([lex], normalize.FoldSettings()).key != before


@pytest.mark.parametrize(
    "name, body",
    [
        ("org.tsv", "# name: org\n# severity: high\n# message: 发现省网信办通报的敏感词\nterm\n翻墙软件下载\n"),
        ("org.txt", "# name: org\n# message: 发现省网信办通报的敏感词\n翻墙软件下载\n"),
        ("org-rule.tsv", "# name: org\n# rule: sensitive.term\n# message: 发现省网信办通报的敏感词\nid\tterm\n1\t翻墙软件下载\n"),
    ],
)
def test_an_issued_lists_message_header_is_used_when_its_rule_is_shared(tmp_path, name, body):
    """An issued list's rule defaults to sensitive.term, which the demo list defines first: its
    `# message:` header was ignored and every finding read 发现敏感词."""
    import govreview

    reviewer = govreview.Reviewer(lexicons=[Lexicon.load(write(tmp_path, name, body))])
    [f] = [f for f in reviewer.review("本站提供翻牆軟件下載服务").findings if f.explanation.lexicon == "org"]
    assert f.rule == "sensitive.term" and f.message == "发现省网信办通报的敏感词：“翻牆軟件下載”"
    demo = [f for f in reviewer.review("网上出售枪支").findings if f.explanation.lexicon == "sensitive_demo"]
    assert demo and demo[0].message.startswith("发现敏感词：")  # the other list keeps its own


def test_a_list_without_a_message_header_takes_the_rules_message(tmp_path):
    import govreview

    reviewer = govreview.Reviewer(lexicons=[Lexicon.load(write(tmp_path, "plain.txt", "翻墙软件下载\n"))])
    [f] = [f for f in reviewer.review("提供翻墙软件下载").findings if f.explanation.lexicon == "plain"]
    assert f.message == "发现敏感词：“翻墙软件下载”"
