"""The command line as users and pipelines call it: exit codes, formats, encodings, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args, stdin: bytes | None = None, cwd=None):
    return subprocess.run([sys.executable, "-m", "govreview.cli", *args], input=stdin, capture_output=True, cwd=cwd, timeout=120)


def test_check_clean_text_exits_0(tmp_path):
    p = tmp_path / "clean.txt"
    p.write_text("发布信息前应当进行保密审查，不得发布广告等经营性信息。", encoding="utf-8")
    r = run("check", str(p))
    assert r.returncode == 0, r.stderr.decode()
    assert "通过" in r.stdout.decode()


def test_check_json_and_fail_on(tmp_path):
    p = tmp_path / "spam.txt"
    p.write_text("欢迎光临澳*门*博*彩", encoding="utf-8")
    r = run("check", str(p), "--format", "json")
    assert r.returncode == 1
    report = json.loads(r.stdout)
    f = report["findings"][0]
    assert report["verdict"] == "block" and f["text"] == "澳*门*博*彩" and f["start"] == 4
    assert run("check", str(p), "--fail-on", "none").returncode == 0


def test_check_reads_stdin_and_undeclared_gbk():
    data = "关于开展安全检查的通知。近期发现网站被植入百家乐等赌博信息，内容如下：澳门葡京娱乐场欢迎您。".encode("gbk")
    r = run("check", "-", "--format", "json", stdin=data)
    report = json.loads(r.stdout)
    assert report["document"]["encoding"] in ("gb18030", "gbk", "gb2312")
    assert any(f["text"] == "澳门葡京" for f in report["findings"])


def test_missing_file_and_bad_lexicon_exit_2_without_traceback(tmp_path):
    r = run("check", str(tmp_path / "nope.txt"))
    assert r.returncode == 2 and b"Traceback" not in r.stderr and b"nope.txt" in r.stderr
    bad = tmp_path / "bad.tsv"
    bad.write_text("# name: bad\nid\tterm\tseverity\n1\t词\tterrible\n", encoding="utf-8")
    p = tmp_path / "a.txt"
    p.write_text("文本", encoding="utf-8")
    r = run("check", str(p), "--lexicon", str(bad))
    assert r.returncode == 2 and b"Traceback" not in r.stderr
    assert b"bad.tsv:3" in r.stderr


def test_binary_file_is_an_input_error(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    r = run("check", str(p))
    assert r.returncode == 2 and b"binary" in r.stderr


def test_scan_folder_jsonl_streams_one_report_per_item(tmp_path):
    (tmp_path / "a.txt").write_text("正常的通知内容。", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>百家樂</p>", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    r = run("scan", str(tmp_path), "--format", "jsonl")
    lines = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert [x["document"]["id"] for x in lines] == ["a.txt", "b.html", "c.txt"]
    assert lines[1]["findings"][0]["text"] == "百家樂" and lines[1]["document"]["content_type"] == "html"
    assert lines[2]["errors"][0]["kind"] == "decode" and lines[2]["verdict"] == "review"
    assert r.returncode == 1


def test_scan_jsonl_export_with_bad_lines(tmp_path):
    src = tmp_path / "export.jsonl"
    src.write_text(
        json.dumps({"id": "n1", "url": "https://www.example.gov.cn/1.html", "title": "通知", "published_at": "2024-03-01", "text": "机密★5年"}, ensure_ascii=False)
        + "\nnot json\n"
        + json.dumps({"id": "n3", "title": "无正文"}) + "\n",
        encoding="utf-8",
    )
    r = run("scan", str(src), "--format", "json")
    reports = json.loads(r.stdout)
    ids = [x["document"]["id"] for x in reports]
    assert len(reports) == 3 and ids[0] == "n1"  # every line ends as exactly one record
    assert "export.jsonl" in ids[1] and "2" in ids[1]  # a broken line is named by file and line
    assert reports[0]["findings"][0]["rule"] == "secrecy.marking"
    assert reports[0]["document"]["published_at"] == "2024-03-01"
    assert reports[1]["errors"] and reports[2]["errors"]
    assert reports[1]["verdict"] == reports[2]["verdict"] == "review"


def test_text_output_highlights_in_context(tmp_path):
    p = tmp_path / "n.txt"
    p.write_text("第一行\n近期网站出现百家樂广告", encoding="utf-8")
    out = run("check", str(p)).stdout.decode()
    assert "2:7" in out and "百家樂" in out and "advertising.gambling" in out


def test_text_output_of_a_page_shows_what_the_reader_sees(tmp_path):
    """For an HTML page the context is the page as read (cells, entities decoded), not its markup; the
    line:column still points into the source."""
    p = tmp_path / "公示.html"
    p.write_text("<html><body><table><tr><td>姓名</td><td>身份证号</td></tr><tr><td>张&nbsp;三</td>"
                 "<td>110101199003074514</td></tr></table></body></html>", encoding="utf-8")
    out = run("check", str(p)).stdout.decode()
    assert "1:78" in out and "110101199003074514" in out
    assert "</td>" not in out and "&nbsp;" not in out and "身份证号 张 三" in out.replace("\xa0", " ")


def test_rules_lists_every_rule():
    r = run("rules", "--format", "json")
    rules = {x["rule"]: x for x in json.loads(r.stdout)}
    assert {"advertising.gambling", "secrecy.marking", "secrecy.internal"} <= set(rules)
    assert all(x["description"] for x in rules.values())


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_scan_examples_folder(fmt):
    r = run("scan", str(ROOT / "examples"), "--format", fmt, "--fail-on", "none")
    assert r.returncode == 0, r.stderr.decode()


@pytest.mark.parametrize("fmt", ["sarif", "csv", "jsonl"])
def test_check_writes_the_scan_formats_for_one_file(tmp_path, fmt):
    p = tmp_path / "draft.txt"
    p.write_text("附件：机密★5年", encoding="utf-8")
    r = run("check", str(p), "--format", fmt)
    assert r.returncode == 1, r.stderr.decode()
    out = r.stdout.decode()
    if fmt == "sarif":
        assert json.loads(out)["runs"][0]["results"][0]["ruleId"] == "secrecy.marking"
    elif fmt == "csv":
        assert "secrecy.marking" in out.splitlines()[1]
    else:
        assert json.loads(out)["findings"][0]["text"] == "机密★5年"


def _check_with_cache(cache, *args):
    import os

    env = {**os.environ, "GOVREVIEW_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "govreview.cli", "check", *args, "--format", "json"],
                          capture_output=True, env=env, timeout=180)


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_a_damaged_cache_is_rebuilt_not_an_error(tmp_path, damage):
    """A cache file cut short (disk full, a copied or half-synced cache folder) used to stop every check:
    `配置无效 invalid configuration: File is not a zip file`, exit 2, until the user found and cleared the cache."""
    lexicon = tmp_path / "issued.txt"
    lexicon.write_text("# name: 省词表\n翻墙软件下载\n", encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text("本站提供翻牆軟件下載服务。", encoding="utf-8")
    cache = tmp_path / "cache"
    first = _check_with_cache(cache, str(doc), "--lexicon", str(lexicon), "--fail-on", "medium")
    assert first.returncode == 1, first.stderr.decode()
    files = [p for p in cache.iterdir() if p.is_file()]
    assert any(p.suffix == ".npz" for p in files) and any(p.name.startswith("terms-") for p in files)
    for p in files:
        data = p.read_bytes()
        p.write_bytes(data[: len(data) // 3] if damage == "truncated" else b"not a cache file\n")
    again = _check_with_cache(cache, str(doc), "--lexicon", str(lexicon), "--fail-on", "medium")
    assert again.returncode == 1, again.stderr.decode()
    assert [f["text"] for f in json.loads(first.stdout)["findings"]] == ["翻牆軟件下載"]
    assert json.loads(again.stdout)["findings"] == json.loads(first.stdout)["findings"]


def test_a_cache_path_that_cannot_be_written_still_reviews(tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text("欢迎光临澳*门*博*彩", encoding="utf-8")
    r = _check_with_cache(blocker / "govreview", str(doc))
    assert r.returncode == 1, r.stderr.decode()
    assert json.loads(r.stdout)["findings"][0]["text"] == "澳*门*博*彩"


@pytest.mark.parametrize(
    "toml",
    [
        'lexicons = ["issued/2026-sensitive.txt"]\n',
        'lexicons = ["issued/2026-sensitive.txt", { path = "issued/extra.txt", severity = "low" }]\n',
        '[[lexicons]]\npath = "issued/2026-sensitive.txt"\nseverity = "high"\n',
    ],
)
def test_config_lexicons_as_paths_or_tables(tmp_path, toml):
    """`lexicons = ["org_terms.txt"]` is how docs/cms.md writes the [server] list; the review configuration
    took only [[lexicons]] tables and answered a list of paths with a pydantic dump."""
    (tmp_path / "issued").mkdir()
    (tmp_path / "issued" / "2026-sensitive.txt").write_text("# name: 省词表\n翻墙软件下载\n", encoding="utf-8")
    (tmp_path / "issued" / "extra.txt").write_text("代开发票\n", encoding="utf-8")
    (tmp_path / "govreview.toml").write_text(toml, encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text("本站提供翻牆軟件下載服务。", encoding="utf-8")
    elsewhere = tmp_path / "run"
    elsewhere.mkdir()
    r = run("check", str(doc), "--config", str(tmp_path / "govreview.toml"), "--format", "json", cwd=elsewhere)
    assert r.returncode in (0, 1), r.stderr.decode()
    assert [f["text"] for f in json.loads(r.stdout)["findings"]] == ["翻牆軟件下載"]


@pytest.mark.parametrize(
    "toml, words",
    [
        ('[[lexicons]]\npath = "a.txt"\nseverity = "高"\n', ["lexicons[1].severity", "'高'"]),
        ('[[lexicons]]\npath = "a.txt"\n[[lexicons]]\npath = "b.txt"\nenabled = false\n', ["lexicons[2].enabled", "unknown setting"]),
        ('fold = { max_gap = 50 }\n', ["fold.max_gap", "20"]),
        ('disable = ["quality"]\nseverity = { "pii.email" = high }\n', ["line 2"]),  # TOML syntax: tomllib's line
    ],
)
def test_config_errors_name_the_file_and_the_setting(tmp_path, toml, words):
    cfg = tmp_path / "site.toml"
    cfg.write_text(toml, encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text("正常的通知内容。", encoding="utf-8")
    r = run("check", str(doc), "--config", str(cfg))
    err = r.stderr.decode()
    assert r.returncode == 2 and "site.toml" in err and "配置无效" in err, err
    assert all(w in err for w in words), err
    assert "pydantic.dev" not in err and "Traceback" not in err and "type=" not in err


@pytest.mark.parametrize(
    "name, body, rule",
    [
        ("2026-sensitive.txt", "# name: 省网信办2026年第一批\n# version: 2026.01\n翻墙软件下载\n", "sensitive.term"),
        ("org.tsv", "# name: 省网信办2026年第一批\n# version: 2026.01\n# rule: sensitive.provincial\nterm\n代开发票\n",
         "sensitive.provincial"),
    ],
)
def test_rules_shows_an_issued_lexicon_given_with_lexicon(tmp_path, name, body, rule):
    """`govreview rules` took no --lexicon: an office could not see that its list loaded, nor its rule."""
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    r = run("rules", "--format", "json", "--lexicon", str(p))
    assert r.returncode == 0, r.stderr.decode()
    assert rule in {x["rule"] for x in json.loads(r.stdout)}
    import os

    text = subprocess.run([sys.executable, "-m", "govreview.cli", "rules", "--lexicon", str(p), "--lexicon-severity", "high"],
                          capture_output=True, timeout=120, env={**os.environ, "COLUMNS": "300"})
    out = text.stdout.decode()
    assert text.returncode == 0 and "省网信办2026年第一批" in out and "2026.01" in out


def test_rules_with_a_broken_lexicon_exits_2_naming_it(tmp_path):
    p = tmp_path / "issued.txt"
    p.write_text("翻墙软件下载\t高\n", encoding="utf-8")
    r = run("rules", "--lexicon", str(p))
    assert r.returncode == 2 and "issued.txt:1" in r.stderr.decode()


@pytest.mark.parametrize("flag, value", [("--lexicon-severity", "高"), ("--lexicon-category", "政治")])
def test_lexicon_flags_are_checked_once_not_per_line(tmp_path, flag, value):
    p = tmp_path / "issued.txt"
    p.write_text("".join(f"词语{i}\n" for i in range(200)), encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text("正常的通知内容。", encoding="utf-8")
    r = run("check", str(doc), "--lexicon", str(p), flag, value)
    err = r.stderr.decode()
    assert r.returncode == 2 and flag in err and "issued.txt:" not in err


def test_python_dash_m_govreview_is_the_command(tmp_path):
    """`python -m govreview` (no script on PATH, e.g. an embedded interpreter) used to fail: 'govreview' is a
    package and cannot be directly executed."""
    p = tmp_path / "d.txt"
    p.write_text("百家樂在线", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "govreview", "check", str(p), "--format", "json"], capture_output=True)
    assert r.returncode == 1, r.stderr.decode()
    assert json.loads(r.stdout)["verdict"] == "block"
    r = subprocess.run([sys.executable, "-m", "govreview", "check", "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "check [OPTIONS] FILE" in r.stdout


def _builders():
    sys.path.insert(0, str(ROOT / "tests" / "data" / "batch"))
    import builders

    return builders


@pytest.mark.parametrize("name,make", [
    ("通知.pdf", lambda b: b.pdf_bytes([["关于做好年度工作的通知"], ["机密★5年", "各区县人民政府：现将有关事项通知如下。"]])),
    ("通知.docx", lambda b: b.docx_bytes(["机密★5年", "各区县人民政府：现将有关事项通知如下。"])),
    ("名单.xlsx", lambda b: b.xlsx_bytes({"公示名单": [["姓名", "身份证号"], ["张建国", "620102195807153216"]]})),
])
def test_check_reviews_attachments_like_scan(tmp_path, name, make):
    """`check 通知.pdf` read the file's bytes as text: mojibake, verdict pass, exit 0, whatever the PDF said."""
    p = tmp_path / name
    p.write_bytes(make(_builders()))
    r = run("check", str(p), "--format", "json")
    assert r.returncode == 1, r.stderr.decode()
    rep = json.loads(r.stdout)
    assert rep["verdict"] == "block" and rep["document"]["id"] == name
    s = run("scan", str(p), "--format", "jsonl", "--workers", "1", "--no-summary", "--no-progress")
    scanned = json.loads(s.stdout.splitlines()[0])
    assert [(f["rule"], f["text"], f["location"]) for f in rep["findings"]] == \
        [(f["rule"], f["text"], f["location"]) for f in scanned["findings"]]
    assert run("check", str(p)).returncode == 1  # the text format shows them too


def test_check_refuses_what_it_cannot_review(tmp_path):
    legacy = tmp_path / "旧.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    archive = tmp_path / "site.zip"
    archive.write_bytes(_builders().zip_bytes({"a.txt": "机密★5年".encode()}))
    for p, says in ((legacy, "docx"), (archive, "govreview scan")):
        r = run("check", str(p))
        assert r.returncode == 2 and says in r.stderr.decode() and "Traceback" not in r.stderr.decode()


@pytest.mark.parametrize("name", ["名单.xlsx", "通知.pdf", "通知.docx", "site.zip"])
def test_redact_refuses_formats_it_cannot_rewrite(tmp_path, name):
    """`redact 名单.pdf -o out.pdf` copied the file and said 'masked 0' — as if it held no personal data."""
    p = tmp_path / name
    b = _builders()
    p.write_bytes({"名单.xlsx": lambda: b.xlsx_bytes({"S": [["身份证号"], ["620102195807153216"]]}),
                   "通知.pdf": lambda: b.pdf_bytes([["身份证号：620102195807153216"]]),
                   "通知.docx": lambda: b.docx_bytes(["身份证号：620102195807153216"]),
                   "site.zip": lambda: b.zip_bytes({"a.txt": "身份证号：620102195807153216".encode()})}[name]())
    out = tmp_path / ("out-" + name)
    r = run("redact", str(p), "-o", str(out))
    assert r.returncode == 2 and "govreview check" in r.stderr.decode() and not out.exists()
