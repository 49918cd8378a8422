"""csv, sarif and html reporters through the real ``scan`` command, plus baselines and
inline suppressions end to end."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "data" / "batch"))
from builders import xlsx_bytes  # noqa: E402

from govreview.cli import cli  # noqa: E402

SECRET = "机密★5年"
SPAM = "欢迎访问在线赌场，注册即送彩金"
CLEAN = "关于做好2024年度政府信息公开工作的通知。各单位不得公开涉及国家秘密的信息。"


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "a.html").write_text(f"<p>{CLEAN}</p><p>=cmd|{SPAM}<script>alert(1)</script>&lt;img src=x onerror=alert(2)&gt;</p>", encoding="utf-8")
    (root / "b.txt").write_text(CLEAN, encoding="utf-8")
    (root / "c.txt").write_text("附件：" + SECRET, encoding="utf-8")
    (root / "名单.xlsx").write_bytes(xlsx_bytes({"Sheet1": [["序号", "备注"], [1, SECRET]]}))
    (root / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    return root


def run(*args):
    r = CliRunner().invoke(cli, ["scan", *map(str, args), "--no-progress", "--workers", "1"])
    return r


def test_csv_one_row_per_finding_and_error(site):
    r = run(site, "--format", "csv", "--no-summary")
    assert r.exit_code == 1, r.output
    assert r.output.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(r.output.lstrip("\ufeff"))))
    findings = [x for x in rows if x["rule"] and not x["error_kind"]]
    errors = [x for x in rows if x["error_kind"]]
    assert {x["rule"] for x in findings} == {"advertising.gambling", "secrecy.marking"}
    assert any("Sheet1!B2" in x["location"] for x in findings)
    assert [x["error_kind"] for x in errors] == ["unsupported"]


def test_sarif_is_valid_210_shape(site):
    r = run(site, "--format", "sarif", "--no-summary")
    doc = json.loads(r.output)
    assert doc["version"] == "2.1.0"
    run0 = doc["runs"][0]
    rules = {x["id"] for x in run0["tool"]["driver"]["rules"]}
    assert {x["ruleId"] for x in run0["results"]} <= rules
    res = next(x for x in run0["results"] if x["ruleId"] == "secrecy.marking" and "c.txt" in x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
    region = res["locations"][0]["physicalLocation"]["region"]
    assert region["charOffset"] == 3 and region["charLength"] == len(SECRET) and region["snippet"]["text"] == SECRET
    assert res["level"] == "error" and res["partialFingerprints"]["govreview/v1"]
    uris = [x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in run0["results"]]
    assert all(u.isascii() and " " not in u and "#" not in u for u in uris)  # URI references, percent-encoded
    from urllib.parse import quote, unquote

    xl = next(x for x in run0["results"] if "名单.xlsx" in unquote(x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]))
    assert quote("名单.xlsx") in xl["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert "Sheet1!B2" in xl["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
    notes = run0["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 1 and "unsupported" in notes[0]["message"]["text"]


@pytest.mark.parametrize("url", ["http://www.example.gov.cn/xxgk/2024/通知 1.html?id=7", None])
def test_sarif_record_in_an_export_is_its_page_or_a_named_record(tmp_path, url):
    """Every record of an export or a WARC used to get the export file as its artifact, with a charOffset
    into the record's own text: a viewer opened the export at an unrelated place. A record with a URL now
    points at its page; one without names the record (export.jsonl#L2) as a logical location."""
    from urllib.parse import unquote

    recs = [{"id": "a1", "text": CLEAN}, {"id": "a2", "text": "附件：" + SECRET, **({"url": url} if url else {})}]
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    doc = json.loads(run(export, "--format", "sarif", "--no-summary", "--no-linkage").output)
    (res,) = [x for x in doc["runs"][0]["results"] if x["ruleId"] == "secrecy.marking"]
    loc = res["locations"][0]
    uri = loc["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.isascii() and " " not in uri and loc["physicalLocation"]["region"]["charOffset"] == 3
    if url:
        assert unquote(uri) == url and "logicalLocations" not in loc
    else:
        assert uri.endswith("export.jsonl") and loc["logicalLocations"][0]["fullyQualifiedName"].endswith("export.jsonl#L2")


def test_html_report_is_self_contained_escaped_and_filterable(site):
    r = run(site, "--format", "html", "--no-summary")
    html = r.output
    assert html.startswith("<!DOCTYPE html>") and "审查报告" in html
    # the page's markup is not shown, and its text (here a tag written as entities) is escaped
    assert "<script>alert(1)</script>" not in html and "<img" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<mark>在线赌场</mark>" in html  # highlighted in context
    assert 'id="f-cat"' in html and 'id="f-sev"' in html and 'id="f-rule"' in html
    assert "Sheet1!B2" in html
    assert "http://" not in html and "https://" not in html  # nothing loaded from the network
    assert html.count('class="doc"') == 4  # a.html, c.txt, 名单.xlsx, old.doc (error)


def test_csv_cells_cannot_inject_formulas():
    from govreview.reporters.csv_format import _safe

    assert _safe("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _safe("正常") == "正常"


def test_summary_balances_items(site):
    r = run(site, "--format", "jsonl", "-o", site.parent / "o.jsonl")
    assert "items in: 5 = 报告 reports 4 + 错误 errors 1" in r.output  # CliRunner mixes stderr in


def test_exit_codes(site, tmp_path):
    assert run(site, "--format", "jsonl", "--no-summary").exit_code == 1
    assert run(site, "--format", "jsonl", "--fail-on", "none", "--no-summary").exit_code == 0
    assert run(tmp_path / "missing", "--format", "jsonl").exit_code == 2
    assert run(site, "--map", "nonsense").exit_code == 2


def test_baseline_roundtrip_reports_only_new_findings_and_hides_pii(site, tmp_path):
    base = tmp_path / "baseline.json"
    r = run(site, "--format", "jsonl", "--write-baseline", base, "--no-summary")
    assert r.exit_code == 1
    text = base.read_text(encoding="utf-8")
    assert SECRET not in text and "在线赌场" not in text and "机密" not in text
    data = json.loads(text)
    assert data["format"] == "govreview.baseline/v1" and len(data["salt"]) == 32
    # same content: nothing new, exit 0
    r = run(site, "--format", "jsonl", "--baseline", base, "--no-summary")
    assert r.exit_code == 0, r.output
    assert all(not json.loads(line)["findings"] for line in r.output.splitlines())
    # text moved around and a new finding added: only the new one is reported
    (site / "c.txt").write_text("新增说明。\n\n附件：" + SECRET + "\n绝密★10年", encoding="utf-8")
    r = run(site, "--format", "jsonl", "--baseline", base, "--no-summary")
    new = [f for line in r.output.splitlines() for f in json.loads(line)["findings"]]
    assert [f["text"] for f in new] == ["绝密★10年"]
    assert r.exit_code == 1


def test_updating_a_baseline_keeps_what_it_accepted(site, tmp_path):
    """--baseline OLD --write-baseline NEW: NEW accepts the old findings and the new ones."""
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    assert run(site, "--format", "jsonl", "--write-baseline", old, "--no-summary").exit_code == 1
    (site / "d.txt").write_text("绝密★10年", encoding="utf-8")
    r = run(site, "--format", "jsonl", "--baseline", old, "--write-baseline", new, "--no-summary")
    assert [f["text"] for line in r.output.splitlines() for f in json.loads(line)["findings"]] == ["绝密★10年"]
    r = run(site, "--format", "jsonl", "--baseline", new, "--no-summary")
    assert r.exit_code == 0 and all(not json.loads(line)["findings"] for line in r.output.splitlines())


def test_archive_ids_do_not_depend_on_the_path_as_typed(site, tmp_path, monkeypatch):
    """A baseline written for `scan arc/site.zip` matches `cd arc; scan site.zip` and an absolute path."""
    import zipfile

    arc = tmp_path / "arc"
    arc.mkdir()
    with zipfile.ZipFile(arc / "site.zip", "w") as z:
        for p in sorted(site.iterdir()):
            z.write(p, p.name)
    base = tmp_path / "zb.json"
    monkeypatch.chdir(tmp_path)
    r = run("arc/site.zip", "--format", "jsonl", "--write-baseline", base, "--no-summary")
    ids = sorted(json.loads(line)["document"]["id"] for line in r.output.splitlines())
    assert "site.zip!c.txt" in ids
    monkeypatch.chdir(arc)
    for target in ("site.zip", str(arc / "site.zip")):
        r = run(target, "--format", "jsonl", "--baseline", base, "--no-summary")
        assert r.exit_code == 0, (target, r.output)
        assert sorted(json.loads(line)["document"]["id"] for line in r.output.splitlines()) == ids


def test_resume_counts_what_the_first_run_wrote(site, tmp_path):
    """Exit code and --write-baseline of a resumed scan cover the reports written before the interruption."""
    out, base = tmp_path / "o.jsonl", tmp_path / "b.json"
    assert run(site, "--format", "jsonl", "-o", out, "--no-summary").exit_code == 1
    r = run(site, "--format", "jsonl", "-o", out, "--resume", "--write-baseline", base, "--no-summary")
    assert r.exit_code == 1  # nothing left to scan, but the output holds high findings
    assert sum(e["count"] for e in json.loads(base.read_text(encoding="utf-8"))["entries"]) == sum(
        len(json.loads(line)["findings"]) for line in out.read_text(encoding="utf-8").splitlines())
    r = run(site, "--format", "jsonl", "--baseline", base, "--no-summary")
    assert r.exit_code == 0, r.output


def test_a_baseline_path_that_cannot_be_written_fails_before_the_scan(site, tmp_path):
    r = run(site, "--format", "jsonl", "--write-baseline", tmp_path / "nodir" / "b.json", "--no-summary")
    assert r.exit_code == 2 and "cannot write baseline" in r.output


def test_bad_baseline_is_a_usage_error(site, tmp_path):
    (tmp_path / "b.json").write_text("{}", encoding="utf-8")
    assert run(site, "--baseline", tmp_path / "b.json").exit_code == 2


def test_inline_suppression_with_reason_and_unused_report(tmp_path):
    root = tmp_path / "s"
    root.mkdir()
    (root / "p.html").write_text(
        "<div>\n<!-- govreview: ignore advertising.gambling reason=\"历史页面已核实\" -->\n"
        f"<p>{SPAM}</p>\n<p>{SPAM}</p>\n"
        "<!-- govreview: ignore secrecy -->\n<p>正文</p>\n</div>", encoding="utf-8")
    r = run(root, "--format", "jsonl", "--no-summary")
    rep = json.loads(r.output.splitlines()[0])
    starts = [f["start"] for f in rep["findings"]]
    second = (root / "p.html").read_text(encoding="utf-8").index(f"<p>{SPAM}</p>\n<p>") + len(f"<p>{SPAM}</p>\n")
    assert len(rep["findings"]) == 2 and all(s > second for s in starts)  # only the first <p> was suppressed
    msgs = [e["message"] for e in rep["errors"] if e["kind"] == "suppression"]
    assert any("未使用" in m and "secrecy" in m and "line 5" in m for m in msgs)
    assert any("缺少 reason" in m for m in msgs)  # the second marker has no reason
    assert not any("缺少 reason" in m and "line 2" in m for m in msgs)


def test_text_format_keeps_line_col_and_context_with_workers(site):
    r = CliRunner().invoke(cli, ["scan", str(site), "--format", "text", "--no-progress", "--no-summary", "--workers", "2"])
    assert "1:4" in r.output and "…附件：机密★5年…" in r.output


def test_limit_options(tmp_path):
    from builders import zip_bytes

    (tmp_path / "big.txt").write_text("正文" * 600_000, encoding="utf-8")  # ≈ 3.6 MB
    deep = zip_bytes({"d.txt": SECRET.encode()})
    for i in range(2):
        deep = zip_bytes({f"l{i}.zip": deep})
    (tmp_path / "deep.zip").write_bytes(deep)
    r = run(tmp_path, "--format", "jsonl", "--max-file-mb", "2", "--max-depth", "1", "--no-summary", "--fail-on", "none")
    recs = {json.loads(x)["document"]["source"].rsplit("/", 1)[-1]: json.loads(x) for x in r.output.splitlines()}
    assert recs["big.txt"]["errors"][0]["kind"] == "limit"
    assert [e["kind"] for rec in recs.values() if "deep.zip" in rec["document"]["source"] for e in rec["errors"]] == ["limit"]
    r = run(tmp_path, "--format", "jsonl", "--max-depth", "3", "--no-summary", "--fail-on", "none")
    assert not any(json.loads(x)["errors"] for x in r.output.splitlines())


def test_a_keyed_baseline_needs_its_key(site, tmp_path, monkeypatch):
    """With GOVREVIEW_BASELINE_KEY the entries are HMACs: the file alone cannot be brute-forced, and it
    cannot be used without the key (nor with a wrong one, which would silently match nothing)."""
    base = tmp_path / "kb.json"
    monkeypatch.setenv("GOVREVIEW_BASELINE_KEY", "s3cret-from-the-ci-store")
    assert run(site, "--format", "jsonl", "--write-baseline", base, "--no-summary").exit_code == 1
    data = json.loads(base.read_text(encoding="utf-8"))
    assert data["keyed"] is True and "s3cret" not in base.read_text(encoding="utf-8")
    assert run(site, "--format", "jsonl", "--baseline", base, "--no-summary").exit_code == 0
    monkeypatch.setenv("GOVREVIEW_BASELINE_KEY", "another key")
    r = run(site, "--format", "jsonl", "--baseline", base, "--no-summary")
    assert r.exit_code == 2 and "not the key" in r.output
    monkeypatch.delenv("GOVREVIEW_BASELINE_KEY")
    r = run(site, "--format", "jsonl", "--baseline", base, "--no-summary")
    assert r.exit_code == 2 and "GOVREVIEW_BASELINE_KEY" in r.output


# --- the HTML report: a page's context as its reader sees it; the linkage table in its own section --------
_PAGES = {
    # a 公示 table: cells, &nbsp; inside a name, a full-width comma as an entity
    "gongshi.html": ("<html><head><meta charset='utf-8'><title>低保对象公示</title></head><body>\n"
                     "<div class='TRS_Editor'><p>根据《社会救助暂行办法》，现将审核结果公示如下：</p>\n"
                     "<table><tr><td>姓名</td><td>身份证号</td></tr>\n"
                     "<tr><td>张&nbsp;三</td><td>110101199003074514</td></tr></table>\n"
                     "<p>联系电话：13912345678&#65292;公示期7天。</p></div></body></html>", "110101199003074514"),
    # hacked page: spam split by tags and entities, in a hidden block
    "news.html": ("<html><body><div class='content'><p>我局召开安全生产工作会议。</p>\n"
                  "<div style='display:none'><p>澳门<b>&#x535A;</b>彩</p><p>欢迎访问在线赌场，注册即送彩金</p></div>\n"
                  "<p>会议要求&hellip;&hellip;</p></div></body></html>", "在线赌场"),
    # hidden frame and an off-screen link: findings in markup alone (a src, an href)
    "frame.html": ("<html><body><div class='main'><p>市政府召开常务会议，研究部署近期重点工作。</p>\n"
                   "<iframe src='http://www.tyc-casino-888.com/ad.html' width='0' height='0'></iframe>\n"
                   "<div style='position:absolute;left:-9999px'><a href='http://www.abc-bet365.com/'>百家乐</a></div>\n"
                   "<p>会议强调……</p></div></body></html>", "百家乐"),
    # 繁体 page with a secrecy marking at the head of the document
    "fanti.htm": ("<!DOCTYPE html><html><body><div id='zoom'>\n<p align='right'>機密★5年</p>\n"
                  "<p>關於做好2025年度防汛工作的通知</p>\n<p>各區縣人民政府：</p></div></body></html>", "機密★5年"),
}


@pytest.fixture
def pages(tmp_path):
    root = tmp_path / "pages"
    root.mkdir()
    for name, (page, _) in _PAGES.items():
        (root / name).write_text(page, encoding="utf-8")
    return root


def _finding_blocks(report: str) -> list[str]:
    import re

    return re.findall(r'<div class="f [^"]*".*?</div>', report, re.S)


def test_html_report_shows_a_pages_text_not_its_markup(pages):
    report = run(pages, "--format", "html", "--no-summary").output
    blocks = _finding_blocks(report)
    assert len(blocks) >= len(_PAGES)
    for b in blocks:
        ctx = b[b.index('class="ctx">'):b.index("</span>")]
        assert "&lt;" not in ctx and "&gt;" not in ctx and "&amp;" not in ctx, ctx  # no tags, no entities
    text = "".join(blocks)
    assert "张\xa0三\t<mark>110101199003074514</mark>" in text  # the table row as it reads: a tab per column
    assert "联系电话：13912345678，公示期" in text  # &#65292; decoded
    assert "<mark>澳门博彩</mark>" in text and "源码：澳门&lt;b&gt;&amp;#x535A;&lt;/b&gt;彩" in text
    assert "重点工作。\n<mark>http://www.tyc-casino-888.com/ad.html</mark>\n百家乐" in text  # a src at its place
    assert "<mark>http://www.abc-bet365.com/</mark>百家乐" in text
    assert "<mark>機密★5年</mark>" in text and "關於做好2025年度防汛工作的通知" in text
    # the JSON contract is unchanged: the offsets the report shows are the HTML source's
    for line in run(pages, "--format", "jsonl", "--no-summary").output.splitlines():
        rec = json.loads(line)
        src = (pages / rec["document"]["id"]).read_text(encoding="utf-8") if (pages / rec["document"]["id"]).exists() \
            else next((pages / n).read_text(encoding="utf-8") for n in _PAGES if rec["document"]["source"].endswith(n))
        for f in rec["findings"]:
            assert src[f["start"]:f["end"]] == f["text"]
            assert f"字符 {f['start']}–{f['end']}" in report


def test_html_report_context_of_plain_text_is_unchanged(site):
    report = run(site, "--format", "html", "--no-summary").output
    assert "…附件：<mark>机密★5年</mark>…" in report and "源码：" not in report.split("c.txt", 1)[1].split('class="doc"')[0]


def test_source_to_view_round_trip_on_real_pages():
    """``TextView.from_source`` finds again the view text a view span maps to, on every page in the test data."""
    import random

    from govreview.html import parse_html

    files = sorted((Path(__file__).parent / "data").rglob("*.htm*"))
    assert files
    rnd = random.Random(7)
    for p in files:
        view = parse_html(p.read_text(encoding="utf-8", errors="replace")).view
        n = len(view.text)
        for _ in range(200 if n else 0):
            a = rnd.randrange(n)
            b = min(n, a + rnd.randrange(1, 12))
            s, e = view.to_source(a, b)
            got = view.from_source(s, e)
            assert got is not None and got[0] <= a and got[1] >= b, (p.name, a, b, got)
        assert view.point_from_source(len(view.source)) <= n


def test_html_report_has_no_linkage_section_without_policies(pages):
    report = run(pages, "--format", "html", "--no-summary", "--base-url", "https://www.example.gov.cn/").output
    assert 'id="linkage"' not in report and "0 个政策文件" not in report and "<table><tr><th>政策文件" not in report


def _structure(report: str):
    """Parse the report: (the ids of elements inside #docs, every tag with its attributes, style text)."""
    from html.parser import HTMLParser

    class P(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.in_docs, self.tags, self.style = [], set(), [], ""

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            self.tags.append((tag, a))
            if any(t == "div" and i == "docs" for t, i in self.stack) and a.get("id"):
                self.in_docs.add(a["id"])
            if tag not in ("br", "meta", "input"):
                self.stack.append((tag, a.get("id")))

        def handle_endtag(self, tag):
            while self.stack:
                if self.stack.pop()[0] == tag:
                    break

        def handle_data(self, data):
            if self.stack and self.stack[-1][0] == "style":
                self.style += data

    p = P()
    p.feed(report)
    p.close()
    return p.in_docs, p.tags, p.style


def test_html_report_linkage_table_is_its_own_section_and_the_report_is_offline(tmp_path):
    site = Path(__file__).parent / "data" / "linkage" / "site"
    cfg = tmp_path / "govreview.toml"
    cfg.write_text("[options.linkage]\nas_of = 2026-01-10\n", encoding="utf-8")
    out = tmp_path / "报告.html"
    r = run(site, "--base-url", "http://www.linjiang.gov.cn/", "--config", cfg, "--format", "html", "-o", out,
            "--fail-on", "none", "--no-summary")
    assert r.exit_code == 0, r.output
    report = out.read_text(encoding="utf-8")
    in_docs, tags, style = _structure(report)
    assert report.count('id="linkage"') == 1 and "linkage" not in in_docs
    assert '<a href="#linkage">' in report
    # opens from disk: nothing it shows is fetched — no external resources, links only inside the page
    assert not [t for t, _ in tags if t in ("link", "img", "iframe", "object", "embed", "base", "source", "video", "audio")]
    assert all("src" not in a for _, a in tags)
    assert all(a["href"].startswith("#") for t, a in tags if "href" in a)
    assert "url(" not in style and "@import" not in style


@pytest.mark.parametrize("tag", ["<div style='display:none'>", "<br/>", "<iframe src='http://www.tyc-casino-888.com/'>"])
def test_a_finding_on_a_whole_tag_shows_the_tag_not_a_blank_mark(tag):
    """A tag the view shows as a line break: the highlight is the tag's source, at its place in the text."""
    import govreview
    from govreview.batch.process import finding_contexts

    page = f"<html><body><p>市政府召开常务会议。{tag}百家乐在线</p></body></html>"
    rep = govreview.review(govreview.Document(id="p", html=page))
    (f0, *_) = rep.findings
    s = page.index(tag)
    f = f0.model_copy(update={"start": s, "end": s + len(tag), "text": tag})
    ((before, shown, after),) = finding_contexts(rep.model_copy(update={"findings": [f]}), page, True)
    assert shown == tag and before.endswith("常务会议。") and after.strip().startswith("百家乐在线")
