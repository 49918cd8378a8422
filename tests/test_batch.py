"""Bulk scanning: every source and format gives one record per item, with locations;
hostile inputs become reported errors and the scan completes with items in = items out."""

from __future__ import annotations

import io
import json
import os
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "data" / "batch"))
from builders import docx_bytes, pdf_bytes, tar_bytes, xlsx_bytes, zip_bytes  # noqa: E402

from govreview.batch import FieldMap, Limits, ScanSettings, Sources, scan_iter  # noqa: E402
from govreview.batch.extractors import col_letter, suffix_of  # noqa: E402

SECRET = "机密★5年"
SPAM = "欢迎访问在线赌场，注册即送彩金"
CLEAN = "关于做好2024年度政府信息公开工作的通知。各单位不得公开涉及国家秘密的信息。"


def scan(target, workers=1, **kw):
    settings = ScanSettings(**kw)
    src = Sources(settings.limits, settings.fieldmap)
    results = list(scan_iter(str(target), settings, workers=workers, sources=src))
    return {r.key: r for r in results}, results, src


def reports(results):
    return {k: r.report() for k, r in results.items()}


# --- formats and locations --------------------------------------------------------------

@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    root = tmp_path_factory.mktemp("mixed")
    (root / "pages").mkdir()
    (root / "pages" / "a.html").write_text(f"<html><body><p>{CLEAN}</p><p>{SPAM}</p></body></html>", encoding="utf-8")
    (root / "pages" / "b.txt").write_text(CLEAN, encoding="utf-8")
    (root / "gbk.txt").write_bytes(("关于印发《内部资料管理办法》的通知。" + SECRET + "。" * 20).encode("gbk"))
    (root / "名单.xlsx").write_bytes(xlsx_bytes({"Sheet1": [["序号", "备注"], [1, CLEAN], [2, "某某 " + SECRET]],
                                                 "第二页": [[None, None, SPAM]]}))
    (root / "公告.pdf").write_bytes(pdf_bytes([[CLEAN], ["第二页正文", "附件：" + SECRET]]))
    (root / "扫描件.pdf").write_bytes(pdf_bytes([[], []]))
    (root / "报告.docx").write_bytes(docx_bytes([CLEAN, "正文第二段"], header=SECRET, table=[["项目", SPAM]],
                                                textbox="文本框：" + SECRET, footnote="脚注：" + SPAM))
    (root / "旧文件.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (root / "旧文件.wps").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    (root / "附表.csv").write_text(f"姓名,备注\n张三,{SECRET}\n", encoding="utf-8")
    (root / "logo.png").write_bytes(b"\x89PNG....")
    (root / "style.css").write_text("body{}")
    return root


def test_every_document_is_one_record_and_non_documents_are_counted(mixed):
    results, ordered, src = scan(mixed)
    assert len(ordered) == len(results) == 10  # each key once
    assert src.skipped == {".png": 1, ".css": 1}


@pytest.mark.parametrize("name,kind", [("旧文件.doc", "unsupported"), ("旧文件.wps", "unsupported"), ("扫描件.pdf", "no_text")])
def test_unreadable_formats_are_reported_not_reviewed(mixed, name, kind):
    results, _, _ = scan(mixed)
    r = results[str(mixed / name)]
    assert r.is_error
    rep = r.report()
    assert rep.errors[0].kind == kind and "未审查" in rep.errors[0].message
    assert rep.verdict.value == "review" and rep.findings == []


def test_xlsx_findings_carry_sheet_and_cell(mixed):
    rep = reports(scan(mixed)[0])[str(mixed / "名单.xlsx")]
    locs = {(f.rule, f.location.sheet, f.location.cell) for f in rep.findings}
    assert ("secrecy.marking", "Sheet1", "B3") in locs
    assert ("advertising.gambling", "第二页", "C1") in locs
    assert all(f.location.path == str(mixed / "名单.xlsx") for f in rep.findings)


def test_pdf_findings_carry_page(mixed):
    rep = reports(scan(mixed)[0])[str(mixed / "公告.pdf")]
    assert [(f.rule, f.location.page) for f in rep.findings] == [("secrecy.marking", 2)]


def test_docx_reads_header_table_textbox_and_footnote(mixed):
    rep = reports(scan(mixed)[0])[str(mixed / "报告.docx")]
    parts = {(f.rule, f.location.part) for f in rep.findings}
    assert ("secrecy.marking", "word/header1.xml") in parts
    assert ("secrecy.marking", "word/document.xml#textbox1") in parts
    assert ("advertising.gambling", "word/document.xml#table1") in parts
    assert ("advertising.gambling", "word/footnotes.xml") in parts


def test_every_docx_table_cell_is_read(tmp_path):
    """A 公示 table of ID numbers: each cell is one unit with its R/C location, none dropped (python-docx
    makes a new proxy per cell access, so cells must not be told apart by id())."""
    ids = ["620102195807153216", "11010519491231002X", "530102198506123023", "350203198708152015",
           "440306199901011231", "530112197803041516"]
    rows = [["序号", "姓名", "身份证号"]] + [[str(i), f"张某{i}", n] for i, n in enumerate(ids, start=1)]
    (tmp_path / "公示.docx").write_bytes(docx_bytes(["2024年度低保对象公示"], table=rows))
    rep = reports(scan(tmp_path)[0])[str(tmp_path / "公示.docx")]
    found = sorted((f.text, f.location.cell) for f in rep.findings if f.rule == "pii.id_card")
    assert found == sorted((n, f"R{i}C3") for i, n in enumerate(ids, start=2))


def test_a_cue_in_the_next_docx_paragraph_does_not_hide_spam(tmp_path):
    """Extracted paragraphs and table rows are joined by a blank line and cells by a tab: boundaries for negation cues."""
    (tmp_path / "n.docx").write_bytes(docx_bytes(["首存送彩金，注册即送", "本文件不得转载"],
                                                 table=[["严禁", "百家乐"]]))
    (tmp_path / "n.xlsx").write_bytes(xlsx_bytes({"S": [[1, "张军", "澳门葡京"], [2, "张伟", "不得公开涉及国家秘密"]]}))
    found = reports(scan(tmp_path)[0])
    rep = found[str(tmp_path / "n.docx")]
    assert {f.text for f in rep.findings if f.rule == "advertising.gambling"} >= {"送彩金", "百家乐"}
    rows = found[str(tmp_path / "n.xlsx")]  # the next row is another record
    assert [(f.text, f.location.cell) for f in rows.findings if f.rule == "advertising.gambling"] == [("澳门葡京", "C1")]


FULL = "各地区各部门要按照要求加强网站内容建设管理，确保信息发布及时准确"  # 30 characters: a full line


@pytest.mark.parametrize(("lines", "found"), [
    # a short line ends its paragraph: the footer's cue does not excuse spam in the next paragraph
    ([FULL, "本网站信息未经许可不得转载", "澳门新葡京在线开户送彩金"], True),
    # the next paragraph starts indented after a full line
    ([FULL, FULL[:26] + "严禁发布", (24, "澳门新葡京在线开户送彩金，" + FULL[:15])], True),
    # a wider gap between lines (a blank line's height)
    ([FULL, FULL[:26] + "严禁发布", None, "澳门新葡京在线开户送彩金，" + FULL[:17], FULL], True),
    # a rule sentence wrapped at the right margin is one sentence: the cue reaches the next line
    ([FULL, FULL[:26] + "严禁发布", "澳门新葡京在线开户等博彩信息，" + FULL[:15]], False),
])
def test_pdf_paragraphs_come_from_line_geometry(tmp_path, lines, found):
    (tmp_path / "p.pdf").write_bytes(pdf_bytes([lines]))
    rep = reports(scan(tmp_path)[0])[str(tmp_path / "p.pdf")]
    hits = {f.text for f in rep.findings if f.rule == "advertising.gambling"}
    assert ("澳门新葡京" in hits or "新葡京" in hits) is found, rep.findings


def test_a_docx_table_row_is_one_record(tmp_path):
    """A 公示 table in a Word attachment: the row's ID and mobile make its address and mobile a person's,
    as in a spreadsheet; a negation cue reaches within its own cell only."""
    rows = [["序号", "姓名", "身份证号", "联系电话", "家庭住址"],
            ["1", "张三", "110101199003074514", "13912345678", "临江市城关镇幸福村3组12号"],
            ["2", "李四", "", "13812345678", "临江市东风路18号2栋302室"],
            ["3", "严禁发布澳门葡京等博彩广告", "", "", ""], ["4", "不得", "", "百家乐", ""]]
    (tmp_path / "公示.docx").write_bytes(docx_bytes(["关于2025年城乡低保对象的公示"], table=rows))
    rep = reports(scan(tmp_path)[0])[str(tmp_path / "公示.docx")]
    got = sorted((f.rule, f.severity.value, f.location.cell) for f in rep.findings)
    assert got == [("advertising.gambling", "high", "R5C4"),
                   ("pii.address", "high", "R2C5"), ("pii.address", "high", "R3C5"), ("pii.id_card", "high", "R2C3"),
                   ("pii.phone.mobile", "high", "R2C4"), ("pii.phone.mobile", "high", "R3C4")]


def test_offsets_index_the_extracted_text(mixed):
    from govreview.batch.extractors import get_extractor

    path = mixed / "名单.xlsx"
    ex = get_extractor(path.name)(path.read_bytes(), path.name, Limits())
    text = ex.joined()
    rep = reports(scan(mixed)[0])[str(path)]
    for f in rep.findings:
        assert text[f.start:f.end] == f.text


def test_undeclared_gbk_is_detected_and_recorded(mixed):
    rep = reports(scan(mixed)[0])[str(mixed / "gbk.txt")]
    assert rep.document.encoding == "gb18030"
    assert any(f.rule == "secrecy.marking" for f in rep.findings)


def test_csv_attachment_cells(mixed):
    rep = reports(scan(mixed)[0])[str(mixed / "附表.csv")]
    assert [(f.rule, f.location.cell) for f in rep.findings] == [("secrecy.marking", "B2")]


def test_clean_official_text_has_no_findings(mixed):
    rep = reports(scan(mixed)[0])[str(mixed / "pages" / "b.txt")]
    assert rep.findings == [] and rep.verdict.value == "pass"


def test_parallel_gives_the_same_records(mixed):
    one = {k: [(f[0], f[3]) for f in r.findings] for k, r in scan(mixed)[0].items()}
    two = {k: [(f[0], f[3]) for f in r.findings] for k, r in scan(mixed, workers=2)[0].items()}
    assert one == two


# --- archives ------------------------------------------------------------------------------

def test_zip_tar_tgz_and_nested(tmp_path):
    inner = zip_bytes({"inner/spam.html": f"<p>{SPAM}</p>".encode()})
    docs = {"a/notice.txt": CLEAN.encode(), "a/secret.txt": SECRET.encode(), "a/list.xlsx": xlsx_bytes({"S": [[SECRET]]}),
            "nested.zip": inner}
    (tmp_path / "site.zip").write_bytes(zip_bytes(docs))
    (tmp_path / "site.tar").write_bytes(tar_bytes(docs, mode="w"))
    (tmp_path / "site.tgz").write_bytes(tar_bytes(docs, mode="w:gz"))
    for name in ("site.zip", "site.tar", "site.tgz"):
        results, ordered, _ = scan(tmp_path / name)
        assert len(ordered) == 4, name
        arch = str(tmp_path / name)
        sec = results[f"{arch}!a/secret.txt"].report()
        assert sec.findings[0].rule == "secrecy.marking" and sec.findings[0].location.member == "a/secret.txt"
        xl = results[f"{arch}!a/list.xlsx"].report().findings[0]
        assert (xl.location.member, xl.location.sheet, xl.location.cell) == ("a/list.xlsx", "S", "A1")
        nested = results[f"{arch}!nested.zip!inner/spam.html"].report()
        assert nested.findings and nested.findings[0].location.member == "nested.zip/inner/spam.html"


def _legacy_zip(members: list[tuple[bytes, bytes]]) -> bytes:
    """A zip as old Windows tools write it: raw (GBK) name bytes and no UTF-8 flag."""
    class Legacy(zipfile.ZipInfo):
        raw = b""

        def _encodeFilenameFlags(self):
            return self.raw, self.flag_bits & ~0x800

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for raw, data in members:
            info = Legacy(raw.decode("cp437"))
            info.raw = raw
            z.writestr(info, data)
    return buf.getvalue()


@pytest.mark.parametrize("nested", [False, True], ids=["on-disk", "nested"])
def test_zip_members_with_the_same_name_are_each_reviewed(tmp_path, nested):
    import warnings

    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w") as z:
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate, as it should
        z.writestr("a.txt", "联系电话：13919312345（本人）")
        z.writestr("a.txt", SECRET)
        z.writestr("b.txt", CLEAN)
    data = buf.getvalue() if not nested else zip_bytes({"outer/in.zip": buf.getvalue()})
    (tmp_path / "dup.zip").write_bytes(data)
    results, ordered, _ = scan(tmp_path / "dup.zip")
    assert len(ordered) == 3 and len(results) == 3  # three items, three distinct keys (resume tells them apart)
    rules = sorted(f.rule for r in ordered for f in r.report().findings)
    assert rules == ["pii.phone.mobile", "secrecy.marking"]


def test_legacy_gbk_member_names_are_decoded(tmp_path):
    (tmp_path / "gbk.zip").write_bytes(_legacy_zip([("附件一：名单.txt".encode("gbk"), SECRET.encode()),
                                                      ("readme.txt".encode(), CLEAN.encode())]))
    results, ordered, _ = scan(tmp_path / "gbk.zip")
    arch = str(tmp_path / "gbk.zip")
    rep = results[f"{arch}!附件一：名单.txt"].report()
    assert rep.findings[0].rule == "secrecy.marking" and rep.findings[0].location.member == "附件一：名单.txt"
    assert f"{arch}!readme.txt" in results


def test_zip_bomb_is_reported(tmp_path):
    bomb = zip_bytes({"bomb.txt": b"0" * (20 * 1024 * 1024), "ok.txt": SECRET.encode()})
    assert len(bomb) < 100_000
    (tmp_path / "bomb.zip").write_bytes(bomb)
    results, ordered, _ = scan(tmp_path / "bomb.zip")
    assert len(ordered) == 2
    r = results[f"{tmp_path / 'bomb.zip'}!bomb.txt"]
    assert r.is_error and r.error_kinds == ["zip_bomb"]
    assert not results[f"{tmp_path / 'bomb.zip'}!ok.txt"].is_error


def test_tgz_bomb_stops_the_archive_with_a_record(tmp_path):
    data = {f"f{i}.txt": b"0" * (4 * 1024 * 1024) for i in range(3)}
    (tmp_path / "b.tgz").write_bytes(tar_bytes(data))
    results, ordered, _ = scan(tmp_path / "b.tgz")
    assert any(r.error_kinds == ["zip_bomb"] for r in ordered)
    assert len(ordered) <= 3


@pytest.mark.parametrize("name", ["../../etc/evil.txt", "/etc/abs.txt", "a/../../x.txt", "C:/windows/x.txt"])
def test_path_traversal_members_are_reported(tmp_path, name):
    (tmp_path / "t.zip").write_bytes(zip_bytes({name: SECRET.encode(), "fine.txt": CLEAN.encode()}))
    (tmp_path / "t.tar").write_bytes(tar_bytes({name: SECRET.encode(), "fine.txt": CLEAN.encode()}, mode="w"))
    for arch in ("t.zip", "t.tar"):
        results, ordered, _ = scan(tmp_path / arch)
        assert len(ordered) == 2
        bad = [r for r in ordered if r.is_error]
        assert len(bad) == 1 and bad[0].error_kinds == ["unsafe_path"]


def test_symlinks_are_not_followed_out(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(SECRET, encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / "ok.txt").write_text(CLEAN, encoding="utf-8")
    os.symlink(outside, root / "escape.txt")
    os.symlink(tmp_path, root / "dirlink")
    results, ordered, _ = scan(root)
    assert len(ordered) == 3
    assert results[str(root / "escape.txt")].error_kinds == ["unsafe_path"]
    assert results[str(root / "dirlink")].error_kinds == ["unsafe_path"]
    # tar symlink members
    (tmp_path / "l.tar").write_bytes(tar_bytes({"ok.txt": CLEAN.encode()}, mode="w", links={"passwd.txt": "/etc/passwd"}))
    results, ordered, _ = scan(tmp_path / "l.tar")
    assert [r.error_kinds for r in ordered] == [[], ["unsafe_path"]]


def test_truncated_gzip_keeps_what_was_read_and_reports_the_rest(tmp_path):
    data = tar_bytes({f"d{i}.txt": (CLEAN * 50 + str(i)).encode() for i in range(30)})
    (tmp_path / "cut.tgz").write_bytes(data[: len(data) // 2])
    results, ordered, _ = scan(tmp_path / "cut.tgz")
    errors = [r for r in ordered if r.is_error]
    assert 1 <= len(errors) <= 2 and {k for e in errors for k in e.error_kinds} == {"archive"}
    assert any("截断" in e.report().errors[0].message for e in errors)
    assert 0 < len(ordered) - len(errors) < 30


def test_a_member_cut_off_by_truncation_is_named(tmp_path):
    """Every item ends as one record: the member the archive ends inside gets its own error record."""
    data = tar_bytes({"a.txt": CLEAN.encode(), "big.txt": (CLEAN * 400).encode(), "c.txt": SECRET.encode()}, mode="w")
    cut = data.index(CLEAN.encode() * 3, 1024) + 20_000  # well inside big.txt's data
    (tmp_path / "cut.tar").write_bytes(data[:cut])
    results, ordered, _ = scan(tmp_path / "cut.tar")
    arch = str(tmp_path / "cut.tar")
    assert not results[f"{arch}!a.txt"].is_error
    big = results[f"{arch}!big.txt"]
    assert big.is_error and big.error_kinds == ["archive"] and big.report().errors[0].location.member == "big.txt"
    rest = [r for r in ordered if r.key.endswith("!…")]
    assert len(rest) == 1 and "已读 1 个成员" in rest[0].report().errors[0].message


def test_corrupt_zip_is_one_error_record(tmp_path):
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 this is not a zip")
    _, ordered, _ = scan(tmp_path / "bad.zip")
    assert len(ordered) == 1 and ordered[0].error_kinds == ["archive"]


def test_binary_named_txt_is_a_decode_error(tmp_path):
    (tmp_path / "x.txt").write_bytes(bytes(range(256)) * 10)
    _, ordered, _ = scan(tmp_path)
    assert ordered[0].is_error and ordered[0].error_kinds == ["decode"]


def test_limits_member_count_depth_total_and_file_size(tmp_path):
    (tmp_path / "many.zip").write_bytes(zip_bytes({f"{i}.txt": b"x" for i in range(10)}))
    _, ordered, _ = scan(tmp_path / "many.zip", limits=Limits(max_members=5))
    assert [r.error_kinds for r in ordered] == [["limit"]]

    deep = zip_bytes({"d.txt": SECRET.encode()})
    for i in range(4):
        deep = zip_bytes({f"level{i}.zip": deep})
    (tmp_path / "deep.zip").write_bytes(deep)
    _, ordered, _ = scan(tmp_path / "deep.zip", limits=Limits(max_depth=3))
    assert [r.error_kinds for r in ordered] == [["limit"]]
    _, ordered, _ = scan(tmp_path / "deep.zip", limits=Limits(max_depth=6))
    assert [r.error_kinds for r in ordered] == [[]] and ordered[0].findings

    (tmp_path / "total.zip").write_bytes(zip_bytes({f"{i}.txt": b"a" * 1000 for i in range(5)}))
    _, ordered, _ = scan(tmp_path / "total.zip", limits=Limits(max_total_bytes=2500))
    assert [bool(r.is_error) for r in ordered] == [False, False, True, True, True]

    big = tmp_path / "big"
    big.mkdir()
    with open(big / "huge.txt", "wb") as fh:  # sparse: 200 MB without writing it
        fh.truncate(200 * 1024 * 1024)
    _, ordered, _ = scan(big, limits=Limits(max_file_bytes=100 * 1024 * 1024))
    assert ordered[0].error_kinds == ["limit"]


def test_docx_bomb_is_caught_before_python_docx(tmp_path):
    data = docx_bytes([CLEAN])
    zin = zipfile.ZipFile(io.BytesIO(data))
    members = {i.filename: zin.read(i) for i in zin.infolist()}
    members["word/media/zeros.bin"] = b"\0" * (30 * 1024 * 1024)
    (tmp_path / "bomb.docx").write_bytes(zip_bytes(members))
    _, ordered, _ = scan(tmp_path / "bomb.docx")
    assert ordered[0].error_kinds == ["zip_bomb"]


# --- exports, WARC, stdin -----------------------------------------------------------------

def test_jsonl_export_with_field_mapping_and_bad_lines(tmp_path):
    lines = [json.dumps({"article_id": "a1", "content": SPAM, "pub": "2024-01-02"}, ensure_ascii=False),
             "{not json", json.dumps({"article_id": "a3", "other": "x"}),
             json.dumps({"article_id": "a4", "content": CLEAN, "pub": "not a date"}, ensure_ascii=False)]
    (tmp_path / "e.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    fm = FieldMap.parse(["id=article_id,text=content", "published_at=pub"])
    results, ordered, _ = scan(tmp_path / "e.jsonl", fieldmap=fm)
    assert len(ordered) == 4
    r1 = results[f"{tmp_path / 'e.jsonl'}#L1"].report()
    assert r1.document.id == "a1" and str(r1.document.published_at) == "2024-01-02" and r1.findings
    assert [r.is_error for r in ordered] == [False, True, True, False]
    r4 = results[f"{tmp_path / 'e.jsonl'}#L4"].report()
    assert r4.errors and "pub" in r4.errors[0].message


@pytest.mark.parametrize("pub", ["not a date", "2024年13月45日", "2024-02-30", "去年九月", "２０２４／１３／０１"])
@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_unreadable_export_date_is_a_parse_error(tmp_path, pub, suffix):
    # the record's bytes decoded fine: its date field is what cannot be read (kind parse, not decode); reviewed still
    p = tmp_path / f"e{suffix}"
    if suffix == ".jsonl":
        p.write_text(json.dumps({"article_id": "a1", "content": CLEAN, "pub": pub}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    else:
        p.write_text(f"article_id,content,pub\na1,{CLEAN.replace(',', '，')},{pub}\n", encoding="utf-8")
    results, ordered, _ = scan(p, fieldmap=FieldMap.parse(["id=article_id,text=content", "published_at=pub"]))
    (item,) = ordered
    rep = item.report()
    assert not item.is_error and rep.document.published_at is None
    assert [e.kind for e in rep.errors] == ["parse"] and "pub" in rep.errors[0].message


def test_fieldmap_rejects_unknown_names():
    with pytest.raises(ValueError):
        FieldMap.parse(["body=content"])


def test_csv_export_is_recognised_by_its_header(tmp_path):
    (tmp_path / "cms.csv").write_text(f'id,title,html\n1,通知,"<p>{SPAM}</p>"\n2,公告,"<p>{CLEAN}</p>"\n', encoding="utf-8")
    results, ordered, _ = scan(tmp_path / "cms.csv")
    assert len(ordered) == 2
    assert ordered[0].report().document.id == "1" and ordered[0].findings
    assert ordered[0].report().document.content_type == "html"


def test_warc_responses(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for url, ctype, body in [("http://www.example.gov.cn/a.html", "text/html; charset=utf-8", f"<p>{SPAM}</p>".encode()),
                                 ("http://www.example.gov.cn/logo.png", "image/png", b"\x89PNG"),
                                 ("http://www.example.gov.cn/f.pdf", "application/pdf", pdf_bytes([[SECRET]]))]:
            hdrs = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=hdrs))
    results, ordered, src = scan(path)
    assert len(ordered) == 2 and src.skipped["image/png"] == 1
    by_url = {r.report().document.url: r.report() for r in ordered}
    assert by_url["http://www.example.gov.cn/a.html"].findings[0].rule == "advertising.gambling"
    assert by_url["http://www.example.gov.cn/f.pdf"].findings[0].location.page == 1


def test_stdin_jsonl(monkeypatch):
    data = (json.dumps({"id": "s1", "text": SECRET}, ensure_ascii=False) + "\n\n" +
            json.dumps({"id": "s2", "text": CLEAN}, ensure_ascii=False) + "\n").encode()
    src = Sources()
    tasks = list(src.tasks("-", stdin=io.BytesIO(data)))
    assert [t.key for t in tasks] == ["stdin#L1", "stdin#L3"]


def test_scan_partition_is_engine_agnostic():
    from govreview.batch import scan_partition

    out = list(scan_partition([{"id": "p1", "text": SECRET}, {"id": "p2", "html": f"<p>{SPAM}</p>"}, {"id": "p3"}]))
    assert [r.document.id for r in out] == ["p1", "p2", "p3"]
    assert out[0].findings and out[1].findings and out[2].errors


def test_helpers():
    assert [col_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert suffix_of("a/b.TAR.GZ") == ".tar.gz" and suffix_of(".hidden") == "" and suffix_of("x.d/noext") == ""


# --- properties -----------------------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_name_parts = st.lists(st.sampled_from(["..", ".", "a", "b.txt", "", "C:", "x\\..", "附件"]), min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(_name_parts)
def test_accepted_member_names_stay_inside_the_scan(parts):
    import posixpath

    from govreview.batch.limits import unsafe_member_name

    name = "/".join(parts)
    if unsafe_member_name(name) is None:
        resolved = posixpath.normpath(posixpath.join("/scan", name.replace("\\", "/")))
        assert resolved == "/scan" or resolved.startswith("/scan/")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="机密★年甲乙\t\n 12", min_size=0, max_size=8), min_size=1, max_size=12))
def test_every_unit_offset_maps_back_to_its_unit(texts):
    from govreview.batch.extractors import Extracted, Unit
    from govreview.model import Location

    ex = Extracted("t", units=[Unit(t, Location(cell=f"A{i + 1}"), "\t" if i % 2 else "\n") for i, t in enumerate(texts)])
    joined = ex.joined()
    for i, t in enumerate(texts):
        start = ex.starts[i]
        assert joined[start:start + len(t)] == t
        if t:
            assert ex.location_at(start).cell == f"A{i + 1}"
            assert ex.location_at(start + len(t) - 1).cell == f"A{i + 1}"


@pytest.mark.parametrize("text,codec,expected", [
    ("关于印发通知的说明。附件：机密★5年。", "gbk", "gb18030"),  # too short for charset-normalizer
    ("關於印發通知的說明。附件：機密★5年。", "big5", "big5hkscs"),
])
def test_short_undeclared_chinese_legacy_files(tmp_path, text, codec, expected):
    (tmp_path / "short.txt").write_bytes(text.encode(codec))
    _, ordered, _ = scan(tmp_path)
    rep = ordered[0].report()
    assert rep.document.encoding == expected and not rep.errors
    assert [f.rule for f in rep.findings] == ["secrecy.marking"]


def test_gbk_csv_export_and_a_bad_byte_later(tmp_path):
    rows = "id,title,text\n" + "".join(f"{i},通知{i},{SECRET if i == 2 else CLEAN}\n" for i in range(1, 4))
    (tmp_path / "gbk.csv").write_bytes(rows.encode("gbk"))
    results, ordered, _ = scan(tmp_path / "gbk.csv")
    assert [r.report().document.id for r in ordered] == ["1", "2", "3"]
    assert [bool(r.findings) for r in ordered] == [False, True, False]
    (tmp_path / "bad.csv").write_bytes(rows.encode("utf-8") + b"4,x,\xff\xfe broken\n")
    _, ordered, _ = scan(tmp_path / "bad.csv")
    assert [r.is_error for r in ordered] == [False, False, False, True]
    assert ordered[-1].error_kinds == ["decode"] and "record 4" in ordered[-1].report().errors[0].message


def test_truncated_warc_keeps_earlier_records(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for i in range(6):
        hdrs = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        body = f"<p>{SPAM if i == 0 else CLEAN * 40}</p>".encode()
        w.write_record(w.create_warc_record(f"http://x.gov.cn/{i}.html", "response", payload=io.BytesIO(body), http_headers=hdrs))
    data = buf.getvalue()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) * 2 // 3])
    _, ordered, _ = scan(tmp_path / "cut.warc.gz")
    assert ordered and ordered[0].findings
    assert all(not r.is_error for r in ordered[:-1])
    assert ordered[-1].is_error and ordered[-1].error_kinds == ["archive"]


def test_a_sheet_spanning_too_many_cells_is_reported_and_the_others_reviewed(tmp_path):
    """One stray cell far out makes the grid from A1 huge: that sheet is not reviewed (said so, located),
    the other sheets of the workbook are."""
    from govreview.batch import Limits

    book = {"名单": [["姓名", "身份证号"], ["张伟", "110101199003074514"]],
            "备注": [["说明"]] + [[]] * 60 + [[None] * 40 + ["x"]]}
    (tmp_path / "公示.xlsx").write_bytes(xlsx_bytes(book))
    rep = reports(scan(tmp_path, limits=Limits(max_sheet_cells=1000))[0])[str(tmp_path / "公示.xlsx")]
    assert [(f.rule, f.location.sheet) for f in rep.findings] == [("pii.id_card", "名单")]
    assert [(e.kind, e.location.sheet) for e in rep.errors] == [("limit", "备注")]


def test_a_native_panic_in_an_extractor_is_that_items_error(tmp_path, monkeypatch):
    """pyo3 panics (python-calamine on a pathological sheet) derive from BaseException: one error record,
    the scan goes on."""
    from govreview.batch.extractors import registry

    class PanicException(BaseException):  # the shape of pyo3_runtime.PanicException
        pass

    def panics(data, name, limits):
        raise PanicException("called `Result::unwrap()` on an `Err` value")

    monkeypatch.setitem(registry._REGISTRY, ".xlsx", panics)
    (tmp_path / "a.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "b.txt").write_text(SECRET + "\n正文", encoding="utf-8")
    results, ordered, _ = scan(tmp_path)
    assert len(ordered) == 2
    a = reports(results)[str(tmp_path / "a.xlsx")]
    assert [e.kind for e in a.errors] == ["extract"] and "PanicException" in a.errors[0].message
    assert any(f.rule == "secrecy.marking" for f in reports(results)[str(tmp_path / "b.txt")].findings)
