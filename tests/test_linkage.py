"""Policy ↔ interpretation linkage over the fixture site export (tests/data/linkage/site, see build_site.py)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from govreview import Category, Document, Reviewer, ReviewConfig
from govreview.cli import cli
from govreview.inputs import iter_inputs
from govreview.linkage import check, run, scan_collection

DATA = Path(__file__).parent / "data" / "linkage"
SITE = DATA / "site"
BASE = "http://www.linjiang.gov.cn/"
AS_OF = "2026-01-10"

P1, I1 = "zwgk/zcwj/202503/t20250310_1001.html", "zwgk/zcjd/202503/t20250314_2001.html"
P2 = "zwgk/zcwj/202505/t20250506_1002.html"
P3, I3 = "zwgk/zcwj/202506/t20250603_1003.html", "zwgk/zcjd/202506/t20250610_2003.html"
P4, I4 = "zwgk/zcwj/202507/t20250701_1004.html", "zwgk/zcjd/202507/t20250725_2004.html"
P5, I5 = "zwgk/zcwj/202509/t20250926_1005.html", "zwgk/zcjd/202510/t20251016_2005.html"
P6, I6 = "zwgk/zcwj/202508/t20250812_1006.html", "zwgk/zcjd/202508/t20250819_2006.html"
P7, I7 = "zwgk/zcwj/202511/t20251103_1007.html", "zwgk/zcjd/202511/t20251107_2007.html"
I8 = "zwgk/zcjd/202504/t20250420_2008.html"
P9 = "zwgk/zcwj/202504/t20250401_1009.html"


def _config(**linkage) -> dict:
    return {"options": {"linkage": {"as_of": AS_OF, "base_url": BASE, **linkage}}}


def _docs() -> list[Document]:
    docs = list(iter_inputs(SITE))
    assert all(isinstance(d, Document) for d in docs)
    return docs


@pytest.fixture(scope="module")
def result():
    return run(_docs(), _config())


def _on(result, doc_id):
    return sorted((f.rule, tuple(f.related)) for f in result.findings if f.explanation.details["document_id"] == doc_id)


def _row(result, policy_id):
    return next(r for r in result.rows if r.policy.id == policy_id)


def test_exact_findings_for_the_site(result):
    got = sorted((f.explanation.details["document_id"], f.rule, tuple(f.related)) for f in result.findings)
    assert got == sorted([
        (P2, "linkage.missing_interpretation", ()),
        (P3, "linkage.missing_backlink", (I3,)),
        (I4, "linkage.late", (P4,)),
        (P6, "linkage.missing_backlink", (I6,)),
        (I6, "linkage.missing_backlink", (P6,)),
        (P7, "linkage.missing_backlink", (I7,)),
        (I7, "linkage.missing_backlink", (P7,)),
        (I8, "linkage.orphan_interpretation", ()),
    ])


def test_findings_follow_the_report_contract(result):
    ids = {d.id for d in _docs()}
    for f in result.findings:
        assert f.category is Category.linkage and f.start is None and f.end is None and f.text == ""
        assert f.explanation.detector == "linkage" and f.message and 0 < f.confidence <= 1
        assert set(f.related) <= ids and f.explanation.details["document_id"] in ids
        json.dumps(f.explanation.details, ensure_ascii=False)  # evidence is plain JSON
    assert len({f.fingerprint for f in result.findings}) == len(result.findings)


def test_correct_pair_is_clean_and_matched_by_links_both_ways(result):
    assert _on(result, P1) == [] and _on(result, I1) == []
    row = _row(result, P1)
    assert row.status == "ok" and [q.interpretation.id for q in row.pairs] == [I1]
    types = {e["type"] for e in row.pairs[0].evidence}
    assert {"link", "backlink"} <= types  # the interpretation's https:// link matches the http:// policy URL
    assert row.pairs[0].workdays.days == 4


def test_missing_interpretation_names_deadline_and_calendar(result):
    (f,) = [f for f in result.findings if f.rule == "linkage.missing_interpretation"]
    d = f.explanation.details
    assert d["policy_published"] == "2025-05-06" and d["deadline"] == "2025-05-20"
    assert d["calendar"][0].startswith("chinesecalendar") and d["policy_docnos"] == ["临政规〔2025〕3号"]
    assert "逾期" in f.message or "超过" in f.message


def test_one_way_link_is_reported_on_the_policy(result):
    (f,) = [f for f in result.findings if f.rule == "linkage.missing_backlink" and f.related == [I3]]
    assert f.explanation.details["missing"] == "policy → interpretation"
    link = next(e for e in f.explanation.details["matched_by"] if e["type"] == "link")
    assert link["href"].endswith("t20250603_1003.html") and "养老服务" in link["anchor"]
    assert _on(result, I3) == []


def test_late_interpretation_counts_working_days(result):
    (f,) = [f for f in result.findings if f.rule == "linkage.late"]
    d = f.explanation.details
    assert d["working_days"] == 18 and d["deadline_working_days"] == 10
    assert d["calendar"] == [next(iter(d["calendar"]))] and d["calendar"][0].startswith("chinesecalendar")


def test_national_day_interpretation_is_on_time_only_by_the_official_calendar(result):
    row = _row(result, P5)
    assert row.status == "ok"
    wd = row.pairs[0].workdays
    assert wd.days == 10 and wd.naive_days == 14
    assert [d.isoformat() for d in wd.makeup_days] == ["2025-09-28", "2025-10-11"]
    assert _on(result, I5) == [] and _on(result, P5) == []


def test_interpretation_citing_only_the_docno_is_paired(result):
    row = _row(result, P6)
    assert [q.interpretation.id for q in row.pairs] == [I6]
    (ev,) = row.pairs[0].evidence
    assert ev["type"] == "docno:text" and ev["docno"] == "临政办发〔2025〕21号"
    # the background 国办发〔2020〕23号 cited in the same text pairs with nothing


def test_yitu_page_citing_only_the_quoted_title_is_paired(result):
    row = _row(result, P7)
    assert [q.interpretation.id for q in row.pairs] == [I7]
    assert [e["type"] for e in row.pairs[0].evidence] == ["title:quoted-in-title"]
    assert row.pairs[0].evidence[0]["title"] == "临江市数字经济高质量发展三年行动方案(2025-2027年)"


def test_orphan_names_the_dead_link(result):
    (f,) = [f for f in result.findings if f.rule == "linkage.orphan_interpretation"]
    (dead,) = f.explanation.details["dead_links"]
    assert dead["href"] == "http://www.linjiang.gov.cn/zwgk/zcwj/202504/t20250415_1008.html"


def test_exempt_and_other_pages(result):
    assert _row(result, P9).status == "exempt" and _on(result, P9) == []
    assert result.counts == {"policy": 8, "interpretation": 7, "other": 5}


def test_deadline_is_configurable():
    res = run(_docs(), _config(deadline_days=20))
    assert not [f for f in res.findings if f.rule == "linkage.late"]
    res = run(_docs(), _config(deadline_days=5))
    late = {f.explanation.details["document_id"] for f in res.findings if f.rule == "linkage.late"}
    assert late == {I4, I5}  # 18 and 10 working days


def test_before_the_deadline_a_missing_interpretation_is_pending():
    res = run(_docs(), _config(as_of="2025-05-15"))
    assert _row(res, P2).status == "pending"
    assert not [f for f in res.findings if f.rule == "linkage.missing_interpretation"]


def test_rules_can_be_disabled_and_reweighted_through_config():
    cfg = ReviewConfig.model_validate({**_config(), "disable": ["linkage.missing_backlink"],
                                       "severity": {"linkage.late": "high"}})
    fs = list(check(_docs(), cfg))
    assert not [f for f in fs if f.rule == "linkage.missing_backlink"]
    assert [f.severity.value for f in fs if f.rule == "linkage.late"] == ["high"]


def test_jsonl_export_without_kind_gives_the_same_findings(tmp_path, result):
    """A CMS export: url/title/published_at/html per line, no kind field."""
    lines = []
    for d in _docs():
        lines.append(json.dumps({"id": d.id, "url": BASE + d.id, "html": d.html}, ensure_ascii=False))
    p = tmp_path / "export.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = run(iter_inputs(p), {"options": {"linkage": {"as_of": AS_OF}}})
    key = lambda r: sorted((f.explanation.details["document_id"], f.rule, tuple(f.related)) for f in r.findings)  # noqa: E731
    assert key(res) == key(result)


def test_text_export_with_metadata_and_dates_outside_the_calendar():
    docs = [
        Document(id="p", url="http://x.gov.cn/p.html", title="临江市人民政府关于印发临江市节水行动方案的通知",
                 published_at=date(2026, 12, 24), text="临政发〔2026〕40号\n各县（市、区）人民政府："),
        Document(id="i", url="http://x.gov.cn/i.html", title="《临江市节水行动方案》解读", published_at=date(2027, 1, 8),
                 text="近日，《临江市节水行动方案》（临政发〔2026〕40号）印发。"),
        Document(id="q", url="http://x.gov.cn/q.html", title="临江市公共停车场管理办法", published_at=date(2026, 12, 28),
                 text="第一条 为规范停车场管理，制定本办法。"),
    ]
    res = run(docs, {"options": {"linkage": {"as_of": "2027-03-01"}}})
    und = {f.explanation.details["document_id"]: f for f in res.findings if f.rule == "linkage.undetermined"}
    assert set(und) == {"i", "q"}
    assert "2027" in und["i"].message and "calendar_files" in und["i"].message
    assert not [f for f in res.findings if f.rule in ("linkage.late", "linkage.missing_interpretation")]
    # with a calendar file for 2027 both are decided
    cal = str(DATA / "calendar_2027_test.tsv")
    res = run(docs, {"options": {"linkage": {"as_of": "2027-03-01", "calendar_files": [cal]}}})
    rules = {(f.explanation.details["document_id"], f.rule) for f in res.findings}
    assert ("q", "linkage.missing_interpretation") in rules and ("i", "linkage.late") not in rules
    i_row = next(r for r in res.rows if r.policy.id == "p")
    assert i_row.pairs[0].workdays.days == 10  # 12-25, 12-28..12-31, then 01-04..01-08 (01-01 a holiday in the file)
    assert any(s.startswith("file:") for s in i_row.pairs[0].workdays.sources)


def test_scan_collection_streams_reports_then_linkage_records():
    reviewer = Reviewer(ReviewConfig.model_validate(_config()))
    scan = scan_collection(iter_inputs(SITE), reviewer)
    out = list(scan)
    n = len(_docs())
    assert len(out) == n + 8  # one extra record per page that must change
    per_doc, extra = out[:n], out[n:]
    assert all(not any(f.category is Category.linkage for f in r.findings) for r, _ in per_doc)
    assert {r.document.id for r, _ in extra} == {P2, P3, I4, P6, I6, P7, I7, I8}
    assert all(f.category is Category.linkage for r, _ in extra for f in r.findings)
    late = next(r for r, _ in extra if r.document.id == I4)
    assert late.verdict.value == "review" and late.document.url.endswith("t20250725_2004.html")
    assert scan.result is not None and len(scan.result.rows) == 8


def test_unreadable_item_does_not_stop_the_collection(tmp_path):
    p = tmp_path / "export.jsonl"
    p.write_text('{"id": "a", "title": "临江市优化营商环境办法", "text": "第一条", "published_at": "2025-05-06"}\nnot json\n',
                 encoding="utf-8")
    reviewer = Reviewer(ReviewConfig.model_validate(_config()))
    out = list(scan_collection(iter_inputs(p), reviewer))
    assert [r.errors[0].kind for r, _ in out if r.errors] == ["parse"]
    assert [f.rule for r, _ in out for f in r.findings if f.category is Category.linkage] == ["linkage.missing_interpretation"]


# --- CLI --------------------------------------------------------------------------------------------
@pytest.fixture()
def cfg_file(tmp_path):
    p = tmp_path / "govreview.toml"
    p.write_text(f'[options.linkage]\nas_of = {AS_OF}\n', encoding="utf-8")
    return str(p)


def test_cli_text_shows_findings_and_the_site_table(cfg_file):
    r = CliRunner().invoke(cli, ["scan", str(SITE), "--base-url", BASE, "--config", cfg_file, "--fail-on", "none"])
    assert r.exit_code == 0, r.output
    assert "linkage.missing_interpretation" in r.output and "linkage.late" in r.output
    assert "政策文件与解读关联" in r.output and "找不到政策文件的解读" in r.output
    for status in ("按时", "逾期", "缺少解读", "无需解读"):
        assert status in r.output
    assert "chinesecalendar" in r.output


def test_cli_jsonl_only_linkage_and_no_linkage(cfg_file):
    r = CliRunner().invoke(cli, ["scan", str(SITE), "--base-url", BASE, "--config", cfg_file, "--format", "jsonl",
                                 "--only", "linkage", "--fail-on", "none"])
    assert r.exit_code == 0, r.output
    recs = [json.loads(ln) for ln in r.stdout.splitlines()]  # stderr carries progress and the summary
    rules = sorted(f["rule"] for rec in recs for f in rec["findings"])
    assert rules.count("linkage.missing_backlink") == 5 and "linkage.late" in rules
    assert all(f["category"] == "linkage" for rec in recs for f in rec["findings"])
    r = CliRunner().invoke(cli, ["scan", str(SITE), "--base-url", BASE, "--config", cfg_file, "--format", "jsonl",
                                 "--no-linkage", "--fail-on", "none"])
    assert r.exit_code == 0 and "linkage." not in r.stdout
    assert len(r.stdout.splitlines()) == len(_docs())


def test_cli_baseline_covers_linkage_records(cfg_file, tmp_path):
    """Accepted linkage findings stay accepted: a rerun with the baseline reports none and exits 0."""
    base = tmp_path / "lb.json"
    args = ["scan", str(SITE), "--base-url", BASE, "--config", cfg_file, "--format", "jsonl", "--only", "linkage",
            "--no-progress", "--workers", "1"]
    r = CliRunner().invoke(cli, [*args, "--fail-on", "none", "--write-baseline", str(base)])
    assert r.exit_code == 0 and "linkage.late" in r.stdout
    r = CliRunner().invoke(cli, [*args, "--fail-on", "low", "--baseline", str(base)])
    assert r.exit_code == 0, r.output
    assert "linkage." not in r.stdout


def test_cli_summary_counts_linkage_findings(cfg_file):
    r = CliRunner().invoke(cli, ["scan", str(SITE), "--base-url", BASE, "--config", cfg_file, "--format", "jsonl",
                                 "--only", "linkage", "--fail-on", "none", "--no-progress", "--workers", "1"])
    n = sum(len(json.loads(ln)["findings"]) for ln in r.stdout.splitlines())
    assert n > 0 and f"发现 findings: {n};" in r.stderr


def test_resume_into_an_empty_output_is_a_full_scan_with_linkage(cfg_file, tmp_path):
    """The README's `scan export.jsonl --format jsonl -o reports.jsonl --resume`, used from the first run, skipped
    the linkage pass ("needs a full scan") although nothing was being resumed; a real resume still skips it."""
    out = tmp_path / "reports.jsonl"
    args = ["scan", str(SITE), "--base-url", BASE, "--config", cfg_file, "--format", "jsonl", "-o", str(out),
            "--fail-on", "none", "--no-progress", "--workers", "1", "--resume"]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 0, r.output
    assert "skipped on resume" not in r.stderr
    rules = {f["rule"] for line in out.read_text(encoding="utf-8").splitlines() for f in json.loads(line)["findings"]}
    assert {"linkage.missing_interpretation", "linkage.late"} <= rules
    lines = out.read_text(encoding="utf-8").splitlines()
    out.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")  # an interrupted run
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 0 and "skipped on resume" in r.stderr


def test_cli_bad_calendar_file_is_a_usage_error(tmp_path):
    p = tmp_path / "govreview.toml"
    p.write_text('[options.linkage]\ncalendar_files = ["/nonexistent/cal.tsv"]\n', encoding="utf-8")
    r = CliRunner().invoke(cli, ["scan", str(SITE), "--config", str(p)])
    assert r.exit_code == 2 and "calendar" in r.output


def test_calendar_files_are_relative_to_the_config_file(tmp_path, monkeypatch):
    """`--config /etc/govreview/govreview.toml` with `calendar_files = ["cal2027.tsv"]` beside it: the file was
    looked up in the working directory (a service's is often /), so the scan failed with exit 2."""
    import shutil

    conf = tmp_path / "etc" / "govreview"
    conf.mkdir(parents=True)
    shutil.copy(DATA / "calendar_2027_test.tsv", conf / "cal2027.tsv")
    (conf / "govreview.toml").write_text('[options.linkage]\ncalendar_files = ["cal2027.tsv"]\n', encoding="utf-8")
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    cfg = ReviewConfig.from_file(conf / "govreview.toml")
    assert cfg.options["linkage"]["calendar_files"] == [str((conf / "cal2027.tsv").resolve())]
    r = CliRunner().invoke(cli, ["scan", str(SITE), "--config", str(conf / "govreview.toml"), "--only", "linkage",
                                 "--format", "jsonl", "--fail-on", "none", "--no-progress", "--workers", "1"])
    assert r.exit_code == 0, r.output
    assert "file:cal2027.tsv" in r.stdout or "chinesecalendar" in r.stdout


def test_rules_command_lists_linkage_rules():
    r = CliRunner().invoke(cli, ["rules", "--format", "json"])
    listed = {x["rule"] for x in json.loads(r.output) if x["category"] == "linkage"}
    assert listed == {"linkage.missing_interpretation", "linkage.missing_backlink", "linkage.late",
                      "linkage.orphan_interpretation", "linkage.undetermined", "linkage.attached_interpretation"}


def test_folder_without_base_url_uses_the_site_domain_meta(result):
    res = run(iter_inputs(SITE), {"options": {"linkage": {"as_of": AS_OF}}})
    key = lambda r: sorted((f.explanation.details["document_id"], f.rule, tuple(f.related)) for f in r.findings)  # noqa: E731
    assert key(res) == key(result) and res.placeholder_urls == 0


def test_pages_without_any_url_pair_by_relative_links_and_the_table_warns(tmp_path):
    docs = [
        Document(id="zcwj/a.html", published_at=date(2025, 3, 10),
                 html='<h1>临江市优化营商环境办法</h1><p>第一条</p><a href="../zcjd/b.html">《临江市优化营商环境办法》解读</a>'),
        Document(id="zcjd/b.html", published_at=date(2025, 3, 12),
                 html='<h1>《临江市优化营商环境办法》解读</h1><a href="../zcwj/a.html">政策原文：临江市优化营商环境办法</a>'),
    ]
    res = run(docs, {"options": {"linkage": {"as_of": AS_OF}}})
    assert res.findings == [] and res.placeholder_urls == 2
    assert {e["type"] for e in res.rows[0].pairs[0].evidence} >= {"link", "backlink"}
    import io

    from govreview.linkage.table import render_text

    buf = io.StringIO()
    render_text(res, buf)
    assert "--base-url" in buf.getvalue() and "按时" in buf.getvalue()


def test_sidebar_links_on_every_page_do_not_pair_policies_with_the_latest_interpretations():
    """A 最新解读 sidebar on every policy page links to the same two interpretations: those links alone pair nothing."""
    names = ["优化营商环境办法", "促进消费若干措施", "社区养老服务实施意见", "老旧小区改造实施方案", "数字经济行动方案",
             "公共数据开放管理办法", "住房公积金缴存管理规定", "河道管理办法"]
    sidebar = ('<div class="side"><h3>最新解读</h3><a href="/zcjd/x.html">《临江市优化营商环境办法》解读</a>'
               '<a href="/zcjd/y.html">《临江市促进消费若干措施》解读</a></div>')
    docs = [Document(id=f"zcwj/{i}.html", url=f"http://lj.gov.cn/zcwj/{i}.html", published_at=date(2025, 3, 3),
                     html=f"<h1>临江市{n}</h1><p>第一条</p>{sidebar}") for i, n in enumerate(names)]
    docs += [
        Document(id="zcjd/x.html", url="http://lj.gov.cn/zcjd/x.html", published_at=date(2025, 3, 5),
                 html="<h1>《临江市优化营商环境办法》解读</h1><p>解读内容</p>"),
        Document(id="zcjd/y.html", url="http://lj.gov.cn/zcjd/y.html", published_at=date(2025, 3, 5),
                 html="<h1>《临江市促进消费若干措施》解读</h1><p>解读内容</p>"),
    ]
    res = run(docs, {"options": {"linkage": {"as_of": AS_OF}}})
    paired = {r.policy.id: [q.interpretation.id for q in r.pairs] for r in res.rows}
    assert paired["zcwj/0.html"] == ["zcjd/x.html"] and paired["zcwj/1.html"] == ["zcjd/y.html"]
    assert all(not v for k, v in paired.items() if k not in ("zcwj/0.html", "zcwj/1.html"))
    missing = {f.explanation.details["document_id"] for f in res.findings if f.rule == "linkage.missing_interpretation"}
    assert missing == {f"zcwj/{i}.html" for i in range(2, 8)}
    # the sidebar link of the right policy still counts as its link to the interpretation
    assert not [f for f in res.findings if f.rule == "linkage.missing_backlink" and f.related == ["zcjd/x.html"]]


def test_equal_title_evidence_goes_to_the_policy_cited_first():
    docs = [
        Document(id="a", url="http://lj.gov.cn/a.html", title="临江市河道管理办法", published_at=date(2025, 3, 3), text="第一条"),
        Document(id="b", url="http://lj.gov.cn/b.html", title="临江市水资源管理规定", published_at=date(2025, 1, 6), text="第一条"),
        Document(id="i", url="http://lj.gov.cn/i.html", title="市水务局负责人答记者问", published_at=date(2025, 3, 6),
                 text="近日，《临江市河道管理办法》印发。办法与《临江市水资源管理规定》相衔接。"),
    ]
    res = run(docs, {"options": {"linkage": {"as_of": AS_OF}}})
    paired = {r.policy.id: [q.interpretation.id for q in r.pairs] for r in res.rows}
    assert paired == {"a": ["i"], "b": []}


def test_cli_html_report_has_the_site_table(cfg_file, tmp_path):
    out = tmp_path / "report.html"
    r = CliRunner().invoke(cli, ["scan", str(SITE), "--base-url", BASE, "--config", cfg_file, "--format", "html",
                                 "-o", str(out), "--fail-on", "none"])
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert page.count('id="linkage"') == 1 and page.rstrip().endswith("</html>")
    table = page[page.index('id="linkage"'):]
    for status in ("按时", "逾期", "缺少解读", "无需解读"):
        assert f">{status}</span>" in table
    assert "临政办发〔2025〕30号" in table and "找不到政策文件的解读" in table


def test_html_table_escapes_page_content():
    from govreview.linkage.table import render_html

    docs = [Document(id="<b>p</b>", url="http://lj.gov.cn/p.html", title="临江市<script>alert(1)</script>管理办法",
                     published_at=date(2025, 3, 3), text="第一条")]
    frag = render_html(run(docs, {"options": {"linkage": {"as_of": AS_OF}}}))
    assert "<script>" not in frag and "&lt;script&gt;" in frag and "&lt;b&gt;p&lt;/b&gt;" in frag


# --- a CMS export with dates as CMSs write them, and a kind column ----------------------------------------
_EXPORT = [
    {"id": "1001", "url": "http://www.qinghe.gov.cn/art/2025/9/26/art_1229_5601.html", "kind": "规范性文件",
     "title": "清河市人民政府关于印发清河市促进民营经济高质量发展若干措施的通知",
     "text": "清政规〔2025〕3号\n各县（市、区）人民政府：\n现将《清河市促进民营经济高质量发展若干措施》印发给你们。"},
    {"id": "2001", "url": "https://www.qinghe.gov.cn/art/2025/10/16/art_1231_7701.html", "kind": "解读",
     "title": "《清河市促进民营经济高质量发展若干措施》起草说明", "text": "一、起草背景……《若干措施》共二十条。"},
    {"id": "1002", "url": "http://www.qinghe.gov.cn/art/2025/1/24/art_1229_5602.html",
     "title": "清河市人民政府办公室关于印发清河市城市更新行动实施方案的通知",
     "text": "清政办发〔2025〕2号\n《清河市城市更新行动实施方案》已经市政府同意，现印发给你们。"},
    {"id": "2002", "url": "http://www.qinghe.gov.cn/art/2025/2/13/art_1231_7702.html",
     "title": "一图读懂清河市城市更新行动实施方案", "text": "（图片）"},
]


@pytest.mark.parametrize("dates", [
    ("2025/09/26 16:30:00", "2025/10/16 09:00:00", "2025/01/24 17:00:00", "2025/02/13 10:00:00"),
    ("2025年09月26日", "2025年10月16日", "2025年1月24日", "2025年2月13日"),
    ("2025-9-26", "2025-10-16", "2025-1-24", "2025-2-13"),
    ("2025-09-26 16:30:00", "2025.10.16", "2025年01月24日 17时00分", "2025-02-13T10:00:00+08:00"),
])
@pytest.mark.parametrize("via", ["library", "cli"])
def test_cms_export_dates_and_kind_are_read(tmp_path, cfg_file, dates, via):
    """Before: any published_at but ISO made the record unreadable (library) or dateless (CLI: every policy
    linkage.undetermined), and the CLI dropped the kind column (a 起草说明 marked 解读 was an orphan's policy's
    missing interpretation). The 春节 2025 pair counts the 调休 days 01-26 and 02-08: 10 working days."""
    p = tmp_path / "export.jsonl"
    p.write_text("".join(json.dumps({**rec, "published_at": d}, ensure_ascii=False) + "\n"
                         for rec, d in zip(_EXPORT, dates)), encoding="utf-8")
    if via == "library":
        res = run(iter_inputs(p), {"options": {"linkage": {"as_of": AS_OF}}})
        rows = {r.policy.id: (r.status, [(q.interpretation.id, q.workdays.days) for q in r.pairs]) for r in res.rows}
        assert rows == {"1001": ("ok", [("2001", 10)]), "1002": ("ok", [("2002", 10)])}
        return
    r = CliRunner().invoke(cli, ["scan", str(p), "--config", cfg_file, "--format", "jsonl", "--only", "linkage",
                                 "--fail-on", "none"])
    assert r.exit_code == 0, r.output
    recs = [json.loads(ln) for ln in r.stdout.splitlines()]
    rules = sorted(f["rule"] for rec in recs for f in rec["findings"])
    assert rules == ["linkage.missing_backlink"] * 4  # text export: no links either way, nothing else
    assert not any(rec["errors"] for rec in recs)


def test_unreadable_export_date_keeps_the_record_and_says_so(tmp_path):
    p = tmp_path / "export.jsonl"
    p.write_text(json.dumps({**_EXPORT[0], "published_at": "去年九月"}, ensure_ascii=False) + "\n", encoding="utf-8")
    (doc,) = list(iter_inputs(p))
    assert isinstance(doc, Document) and doc.published_at is None and doc.input_problems[0][0] == "parse"
    assert "published_at" in doc.input_problems[0][1]


@pytest.mark.parametrize("headline", [
    "权威解读丨清源省数字政府建设三年行动计划（2025—2027年）",
    "清源省数字政府建设三年行动计划（2025—2027年）政策解读",
    "一图读懂清源省数字政府建设三年行动计划（2025—2027年）",
])
def test_headline_outranks_a_predecessor_quoted_first_in_the_text(headline):
    """The interpretation recalls the previous plan before the new one; its headline says which one it is."""
    base = "http://www.qingyuan.gov.cn/"
    docs = [
        Document(id="old", url=base + "old", title="清源省数字政府建设三年行动计划（2021—2023年）",
                 published_at=date(2021, 1, 15), text="清政发〔2021〕3号\n为推进数字政府建设……"),
        Document(id="new", url=base + "new", title="清源省数字政府建设三年行动计划（2025—2027年）",
                 published_at=date(2025, 3, 3), text="清政发〔2025〕5号\n为推进数字政府建设……"),
        Document(id="i", url=base + "i", title=headline, published_at=date(2025, 3, 7),
                 text="《清源省数字政府建设三年行动计划（2021—2023年）》实施以来成效明显。"
                      "日前，省政府印发《清源省数字政府建设三年行动计划（2025—2027年）》。"),
    ]
    res = run(docs, {"options": {"linkage": {"as_of": "2025-12-31"}}})
    rows = {r.policy.id: [q.interpretation.id for q in r.pairs] for r in res.rows}
    assert rows == {"old": [], "new": ["i"]}


def test_interpretation_dated_before_its_policy_is_on_time_and_said():
    base = "http://www.qinghe.gov.cn/"
    docs = [Document(id="p", url=base + "p", title="清河市住房公积金提取管理办法", published_at=date(2025, 4, 8),
                     text="清政规〔2025〕1号\n第一条……"),
            Document(id="i", url=base + "i", title="权威解读｜清河市住房公积金提取管理办法", published_at="2025-04-07 20:00",
                     text="《办法》共二十五条。")]
    (row,) = run(docs, {"options": {"linkage": {"as_of": "2025-12-31"}}}).rows
    assert row.status == "ok" and row.note == "0 个工作日（解读早于政策文件 1 天发布）"


def test_no_base_url_advice_when_the_collection_has_no_policy_or_interpretation():
    """A scanned archive of news pages without URLs: nothing to link, so the table does not tell the reviewer
    to rerun with --base-url (it did, in the text table and in the html report)."""
    import io

    from govreview.linkage.table import render_html, render_text

    docs = [Document(id=f"xwzx/{i}.html", published_at=date(2025, 3, 10),
                     html=f"<h1>临江市召开第{i}次安全生产工作会议</h1><p>会议强调，要压实责任。</p>") for i in range(3)]
    res = run(docs, {"options": {"linkage": {"as_of": AS_OF}}})
    assert res.placeholder_urls == 3 and not res.rows and not res.orphans
    buf = io.StringIO()
    render_text(res, buf)
    assert "--base-url" not in buf.getvalue() and "--base-url" not in render_html(res)
    assert "政策文件与解读关联" not in buf.getvalue()  # no empty table; the page counts still say 政策文件 0
    assert "政策文件 0" in buf.getvalue()
