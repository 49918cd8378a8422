"""Attachments as reviewers meet them in a batch scan: 公示 lists in Word, Excel, PDF and CSV, built the
way offices really make them (nested layout tables, content controls, title and notes rows above the
header, IDs typed as numbers, hidden columns, scanned pages among text pages). Every leak must be found
in the cell or page a reviewer opens, and nothing may be skipped silently."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "data" / "batch"))
from builders import docx_bytes, pdf_bytes, xlsx_bytes  # noqa: E402

from govreview.batch import Limits, ScanSettings, Sources, scan_iter  # noqa: E402
from govreview.batch.extractors import get_extractor  # noqa: E402

IDS = ["620102195807153216", "11010519491231002X", "530102198506123023", "350203198708152015"]
NAMES = ["王秀英", "李桂兰", "张建国", "刘志强"]


def scan_one(tmp_path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    settings = ScanSettings()
    results = list(scan_iter(str(tmp_path), settings, workers=1, sources=Sources(settings.limits, settings.fieldmap)))
    (result,) = [r for r in results if r.key == str(tmp_path / name)]
    return result.report()


def extracted_text(name: str, data: bytes) -> str:
    return get_extractor(name)(data, name, Limits()).joined()


def located(rep, rule: str):
    return sorted((f.text, f.location.part, f.location.cell) for f in rep.findings if f.rule == rule)


# --- Word: tables inside tables, content controls ------------------------------------------

def _docx(build) -> bytes:
    import docx

    d = docx.Document()
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _fill(table, rows):
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            table.cell(r, c).text = v


LIST = [["姓名", "身份证号", "联系电话"]] + [[n, i, f"1391234567{k}"] for k, (n, i) in enumerate(zip(NAMES[:2], IDS[:2]))]


@pytest.mark.parametrize("where", ["layout", "second_column", "deep"])
def test_a_table_nested_in_a_word_table_is_reviewed(tmp_path, where):
    """Offices lay a 公示 out in a frame table (title cell, list cell, seal cell); the list is a table inside
    a cell. python-docx's cell.text leaves nested tables out: the IDs were never read and the file passed."""
    def build(d):
        d.add_paragraph("关于2024年度危房改造补助对象的公示")
        outer = d.add_table(rows=2, cols=2)
        outer.cell(0, 0).text = "附件"
        host = outer.cell(1, 1) if where == "second_column" else outer.cell(1, 0)
        if where == "deep":
            host = host.add_table(rows=1, cols=1).cell(0, 0)
        _fill(host.add_table(rows=3, cols=3), LIST)
    rep = scan_one(tmp_path, "公示.docx", _docx(build))
    part = {"layout": "word/document.xml#table1/R2C1/table1", "second_column": "word/document.xml#table1/R2C2/table1",
            "deep": "word/document.xml#table1/R2C1/table1/R1C1/table1"}[where]
    assert located(rep, "pii.id_card") == sorted([(IDS[0], part, "R2C2"), (IDS[1], part, "R3C2")])
    assert rep.verdict.value == "block"


def _wrap_in_content_control(element):
    from docx.oxml import OxmlElement

    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    element.addprevious(sdt)
    sdt.append(OxmlElement("w:sdtPr"))
    sdt.append(content)
    content.append(element)


def test_paragraphs_and_tables_in_content_controls_are_reviewed(tmp_path):
    """Templates put the body in content controls (w:sdt); python-docx's paragraphs/tables skip them."""
    def build(d):
        d.add_paragraph("关于城乡低保对象的公示")
        p = d.add_paragraph(f"申请人{NAMES[2]}，身份证号{IDS[2]}，现住城关镇幸福村3组12号。")
        t = d.add_table(rows=3, cols=3)
        _fill(t, LIST)
        d.add_paragraph("公示期：七个工作日。")
        _wrap_in_content_control(p._p)
        _wrap_in_content_control(t._tbl)
    data = _docx(build)
    rep = scan_one(tmp_path, "模板.docx", data)
    assert located(rep, "pii.id_card") == sorted([(IDS[0], "word/document.xml#table1", "R2C2"),
                                                  (IDS[1], "word/document.xml#table1", "R3C2"),
                                                  (IDS[2], "word/document.xml", None)])
    assert [f.location.paragraph for f in rep.findings if f.text == IDS[2]] == [2]  # paragraphs counted in document order
    assert extracted_text("模板.docx", data).index("关于城乡") < extracted_text("模板.docx", data).index(IDS[2])


def test_clean_nested_word_layout_stays_clean(tmp_path):
    """A frame table around an office contact block: nested tables are read, office rows stay clean."""
    def build(d):
        d.add_paragraph("关于开展2024年度政府信息公开工作年度报告编制的通知")
        outer = d.add_table(rows=1, cols=1)
        _fill(outer.cell(0, 0).add_table(rows=3, cols=3), [
            ["单位", "联系人", "咨询电话"], ["市政府办公室", "政务公开科", "0931-8123456"],
            ["市数据局", "信息公开办", "0931-8765432"]])
        d.add_paragraph("各单位不得公开涉及国家秘密、商业秘密和个人隐私的信息。")
    rep = scan_one(tmp_path, "通知.docx", _docx(build))
    assert rep.verdict.value == "pass", rep.findings


# --- table rows keep their columns -----------------------------------------------------------

ADMIT = [["2005年成人高等学校招生录取名单"], ["序号", "姓名", "准考证号", "身份证号", "录取专业"],
         ["1", "张三", "", "370102800101123", "会计"], ["2", "李四", "370102050100123", "", "法学"],
         ["3", "王五", "", "", "护理"], ["4", "赵六", "370102050100456", "370102791231002", "药学"]]


def _as(fmt: str, rows) -> tuple[str, bytes]:
    if fmt == "xlsx":
        return "名单.xlsx", xlsx_bytes({"Sheet1": rows})
    if fmt == "csv":
        return "名单.csv", "\r\n".join(",".join(r) for r in rows).encode("gbk")
    return "名单.docx", docx_bytes([rows[0][0]], table=[r for r in rows[1:]])


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "docx"])
def test_an_empty_cell_still_counts_as_a_column(tmp_path, fmt):
    """A row with no 准考证号 put its old 15-digit ID number one column left, under the 准考证号 header, and
    the ID was taken for an exam number and dropped. Empty cells are kept as columns; the exam numbers
    under 准考证号 stay quiet."""
    name, data = _as(fmt, ADMIT)
    rep = scan_one(tmp_path, name, data)
    got = sorted(f.text for f in rep.findings if f.rule == "pii.id_card")
    assert got == ["370102791231002", "370102800101123"]
    lines = [ln for ln in extracted_text(name, data).split("\n") if "\t" in ln]
    assert [ln.count("\t") for ln in lines] == [4, 4, 4, 4, 4]


# --- PDF: a scanned page among text pages ---------------------------------------------------

NOTICE = ["关于2024年度城乡居民最低生活保障对象的公示", "根据有关规定，现将名单公示如下（见附件扫描件）。",
          "公示期间如有异议，请向镇民政办反映，监督电话：0931-8123456。"]


@pytest.mark.parametrize(("pages", "verdict", "message_pages", "first"), [
    ([NOTICE, [], []], "review", "2-3", 2),                     # the name list is a scan appended to the notice
    ([NOTICE, [], NOTICE, []], "review", "2, 4", 2),
    ([[], NOTICE], "review", "1", 1),                            # a scanned cover page
    ([NOTICE, [f"申请人王秀英，身份证号{IDS[0]}"], []], "block", "3", 3),  # a finding elsewhere keeps its verdict
])
def test_scanned_pages_among_text_pages_are_reported(tmp_path, pages, verdict, message_pages, first):
    """Only a PDF with no text at all was 'not reviewed'; one scanned page among text pages (the usual way a
    signed list is attached) passed as if it had been read."""
    rep = scan_one(tmp_path, "公示.pdf", pdf_bytes(pages))
    assert rep.verdict.value == verdict
    (err,) = [e for e in rep.errors if e.kind == "no_text"]
    assert f"第 {message_pages} 页" in err.message
    assert err.location.page == first and err.location.path == str(tmp_path / "公示.pdf")


def test_blank_pages_are_not_unreviewed_parts(tmp_path):
    """A blank page (nothing drawn: the back of a duplex print) has nothing to review."""
    rep = scan_one(tmp_path, "通知.pdf", pdf_bytes([NOTICE, None, NOTICE]))
    assert rep.verdict.value == "pass" and rep.errors == [], (rep.errors, rep.findings)
