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
from govreview.batch.extractors import _fifteen_digits, get_extractor  # noqa: E402

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


# --- Excel: ID numbers typed as numbers -------------------------------------------------------

def _excel_rounded(n: str) -> str:
    """The <v> text Excel writes for an 18-digit number typed into a General cell: 15 significant digits."""
    return f"{int(n):.14E}"


def _roster(header_rows, id_header="身份证号", n_rows=4, as_text=()):
    rows = [list(r) for r in header_rows] + [["序号", "姓名", id_header, "补贴面积（亩）", "补贴金额（元）"]]
    raw: dict[str, str] = {}
    for k in range(n_rows):
        n = IDS[k % len(IDS)]
        r = len(rows) + 1
        numeric = n.isdigit() and k not in as_text
        rows.append([k + 1, NAMES[k % len(NAMES)], int(n) if numeric else n, 5.2, 536.12])
        if numeric:
            raw[f"C{r}"] = _excel_rounded(n)
    return rows, raw


@pytest.mark.parametrize(("header_rows", "id_header"), [
    ([], "身份证号"),
    ([["2024年度耕地地力保护补贴发放花名册"], ["填报单位：城关镇人民政府", None, None, "填报日期：2024年5月"]], "身份证号"),
    ([["2024年度耕地地力保护补贴发放花名册"], ["单位：亩、元"]], "公民身份号码"),
    ([["城乡居民养老保险待遇领取人员公示"]], "证件号码"),
])
def test_id_numbers_typed_as_numbers_are_found_in_their_cells(tmp_path, header_rows, id_header):
    """An 18-digit ID typed into Excel as a number is stored with 15 significant digits (6.20102195807153E+17):
    the check digit no longer validates, so the roster passed, and the extracted cell read 620102195807153024,
    digits that are neither in the file nor on screen. The cell now reads as Excel shows it (…153000) and a
    number under an ID column header with a valid region and birth date is reported, medium, in its cell."""
    rows, raw = _roster(header_rows, id_header)
    rep = scan_one(tmp_path, "花名册.xlsx", xlsx_bytes({"Sheet1": rows}, raw_numbers={"Sheet1": raw}))
    first = len(header_rows) + 2
    got = sorted((f.text, f.location.cell) for f in rep.findings if f.rule == "pii.id_card")
    want = sorted((n[:15] + "000" if n.isdigit() else n, f"C{first + k}") for k, n in enumerate(IDS))
    assert got == want
    rounded = [f for f in rep.findings if f.rule == "pii.id_card" and f.text.endswith("000")]
    assert rounded and all(f.severity.value == "medium" and "末3位" in f.message for f in rounded)
    assert rep.verdict.value == "block"  # the one ID typed as text (…002X) is whole


def test_a_roster_of_numeric_ids_alone_is_not_passed(tmp_path):
    rows = [["2024年度耕地地力保护补贴发放花名册"], ["序号", "户主姓名", "身份证号", "补贴金额（元）"]]
    raw = {}
    for k, n in enumerate(n for n in IDS if n.isdigit()):
        rows.append([k + 1, NAMES[k], int(n), 536.12])
        raw[f"C{len(rows)}"] = _excel_rounded(n)
    rep = scan_one(tmp_path, "花名册.xlsx", xlsx_bytes({"Sheet1": rows}, raw_numbers={"Sheet1": raw}))
    assert rep.verdict.value == "review"
    assert len([f for f in rep.findings if f.rule == "pii.id_card"]) == 3


def test_the_header_is_found_from_the_last_row_of_a_long_list(tmp_path):
    """A 公示 list of hundreds of rows: the column header was looked for at most 400 lines up (200 rows)."""
    rows, raw = _roster([["2024年度耕地地力保护补贴发放花名册"]], n_rows=900)
    rep = scan_one(tmp_path, "花名册.xlsx", xlsx_bytes({"Sheet1": rows}, raw_numbers={"Sheet1": raw}))
    assert len([f for f in rep.findings if f.rule == "pii.id_card"]) == 900


@pytest.mark.parametrize("header", ["订单号", "合同编号", "项目编号", "准考证号", "流水号"])
def test_long_numbers_under_other_headers_stay_quiet(tmp_path, header):
    """Rounded 18-digit numbers in other columns (order, contract, exam numbers) are not ID numbers."""
    rows = [["2024年度政府采购合同公示"], ["序号", "供应商", header, "金额（元）"]]
    rows += [[k + 1, f"城关{k}建材有限公司", int(n[:15] + "000"), 125000] for k, n in enumerate(IDS) if n.isdigit()]
    rep = scan_one(tmp_path, "采购.xlsx", xlsx_bytes({"Sheet1": rows}))
    assert [f for f in rep.findings if f.rule == "pii.id_card"] == []


def test_rounded_numbers_without_an_id_label_stay_quiet():
    import govreview

    text = "本年度累计交易额为620102195807153000元，统计编号530102198506123000。"
    assert [f for f in govreview.review(text).findings if f.rule == "pii.id_card"] == []


CARDS = ["6222021001234567890", "6217002870012345678", "6228480402564881234", "6210810730012345"]  # 19/19/19/16 digits


@pytest.mark.parametrize("header", ["银行卡号", "一卡通账号", "社保卡号", "开户银行账号"])
def test_bank_cards_typed_as_numbers_are_found_in_their_column(tmp_path, header):
    """征地补偿/惠农补贴 rosters list each family's 一卡通 account; typed as numbers, Excel keeps 15 digits
    (6222021001234560000): Luhn fails on the zeros and the cards vanished from the report, yet the bank and
    most of the account are published. A rounded number under a card column's header is medium, in its cell."""
    rows = [["2024年度征地补偿款发放明细表"], ["序号", "姓名", "补偿金额（元）", header]]
    raw = {}
    for k, n in enumerate(CARDS):
        rows.append([k + 1, NAMES[k], 23650.5, int(n)])
        raw[f"D{len(rows)}"] = f"{int(n):.14E}"
    rep = scan_one(tmp_path, "补偿.xlsx", xlsx_bytes({"Sheet1": rows}, raw_numbers={"Sheet1": raw}))
    got = sorted((f.text, f.location.cell, f.severity.value) for f in rep.findings if f.rule == "pii.bank_card")
    want = sorted((_fifteen_digits(float(n)), f"D{k + 3}", "medium") for k, n in enumerate(CARDS))  # rounded, not cut
    assert got == want
    assert rep.verdict.value == "review"


@pytest.mark.parametrize("header", ["单位账号", "合同编号", "交易流水号", "订单号"])
def test_rounded_long_numbers_under_other_headers_are_not_cards(tmp_path, header):
    rows = [["2024年度政府采购资金支付明细"], ["序号", "收款单位", "金额（元）", header]]
    rows += [[k + 1, f"城关{k}建材有限公司", 125000, int(_fifteen_digits(float(n)))] for k, n in enumerate(CARDS)]
    rep = scan_one(tmp_path, "支付.xlsx", xlsx_bytes({"Sheet1": rows}))
    assert [f for f in rep.findings if f.rule == "pii.bank_card" and f.severity.value != "info"] == []


def test_a_rounded_card_number_in_running_text_is_not_reported():
    import govreview

    text = "联系人张建国的银行卡号为6222021001234570000，补偿款已于5月发放。"
    assert [f for f in govreview.review(text).findings if f.rule == "pii.bank_card"] == []


def test_cell_text_is_what_excel_shows():
    from govreview.batch.extractors import _cell_str

    assert _cell_str(6.20102195807153e17) == "620102195807153000"
    assert _cell_str(620102195807153216.0) == "620102195807153000"  # written in full by a library: Excel shows 15 digits
    assert _cell_str(13912345678.0) == "13912345678"
    assert _cell_str(9007199254740991.0) == "9007199254740991"
    assert _cell_str(-6.2e17) == "-620000000000000000"
    assert _cell_str(536.12) == "536.12"


def test_exam_numbers_deep_in_a_long_list_stay_exam_numbers(tmp_path):
    """15-digit 准考证号 that read as old ID numbers are told apart by their column header; past row 200 the
    header was no longer found and they became ID findings next to each candidate's name."""
    rows = [["2005年成人高等学校招生录取名单"], ["序号", "姓名", "准考证号", "录取专业"]]
    rows += [[str(k + 1), NAMES[k % 4], f"3701028{k % 9 + 1}0{k % 9 + 1}{k % 28 + 1:02d}{k:03d}"[:15], "会计"] for k in range(600)]
    for fmt in ("xlsx", "csv"):
        name, data = _as(fmt, rows)
        rep = scan_one(tmp_path, name, data)
        assert [f for f in rep.findings if f.rule == "pii.id_card"] == [], fmt


# --- home addresses under an address column header ---------------------------------------------

HOMES = ["城关镇幸福村3组12号", "红旗乡红旗村二组", "东风路18号2栋302室", "城关镇东街社区人民路12号"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "docx"])
@pytest.mark.parametrize(("header", "with_ids"), [("家庭住址", False), ("现住址", False), ("户籍地址", True),
                                                  ("住址", False), ("地址", True), ("户主家庭住址（详细到组）", False)])
def test_home_addresses_under_an_address_header_are_found(tmp_path, fmt, header, with_ids):
    """A 公示 list of 姓名 | 家庭住址: the address cue is the column header, not the words before the value,
    and village addresses (幸福村3组) carry no county name for the gazetteer: every address passed."""
    rows = [["2024年度农村危房改造补助对象公示"], ["序号", "户主姓名", "身份证号" if with_ids else "家庭人口", header, "补助金额（元）"]]
    for k, home in enumerate(HOMES):
        rows.append([str(k + 1), NAMES[k], IDS[k] if with_ids else "3", home, "15000"])
    rows.append(["公示期间如有异议，请向镇人民政府反映，监督电话：0931-8123456。"])
    name, data = _as(fmt, rows)
    rep = scan_one(tmp_path, name, data)
    # a neutral 地址 needs a detail finer than the street number (as after 地址： in prose)
    homes = HOMES[:3] if header == "地址" else HOMES
    got = sorted((f.text, f.severity.value) for f in rep.findings if f.rule == "pii.address")
    assert got == sorted((h, "high") for h in homes)
    cells = {f.location.cell for f in rep.findings if f.rule == "pii.address"}
    assert cells == ({f"D{r}" for r in range(3, 3 + len(homes))} if fmt != "docx" else {f"R{r}C4" for r in range(2, 2 + len(homes))})


@pytest.mark.parametrize("rows", [
    # an office directory: addresses of places, phones of offices
    [["序号", "服务网点", "地址", "咨询电话"], ["1", "幸福村便民服务站", "城关镇幸福村3组", "0931-8123456"],
     ["2", "城关镇政务服务中心", "人民路12号3楼", "0931-8765432"]],
    # clinics with the doctor's mobile: the address is the clinic's, no ID number in the row
    [["序号", "村卫生室", "负责人", "联系电话", "地址"], ["1", "幸福村卫生室", "王秀英", "13912345678", "幸福村3组"],
     ["2", "红旗村卫生室", "李桂兰", "13812345678", "红旗村二组"]],
    # enterprises: 住址/地址 of a company
    [["序号", "企业名称", "统一社会信用代码", "地址"], ["1", "城关建材有限公司", "91620102MA73XXXX0A", "东风路18号2栋302室"]],
    [["序号", "单位名称", "办公地址", "联系人"], ["1", "城关镇人民政府", "人民路12号3楼302室", "张科长"]],
    # a village only: no detail finer than the village
    [["序号", "户主姓名", "家庭住址"], ["1", "王秀英", "城关镇幸福村"], ["2", "李桂兰", "红旗乡红旗村"]],
])
def test_address_columns_of_offices_and_coarse_places_stay_clean(tmp_path, rows):
    rep = scan_one(tmp_path, "名录.xlsx", xlsx_bytes({"Sheet1": [["2024年度便民服务网点名录"]] + rows}))
    assert [f for f in rep.findings if f.rule == "pii.address" and f.severity.value != "info"] == []


# --- Word: runs inside inline wrappers ------------------------------------------------------------

_WNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_RUN = "<w:r><w:t>{}</w:t></w:r>"
WRAPPERS = {
    "inline content control": "<w:sdt {ns}><w:sdtPr/><w:sdtContent>{run}</w:sdtContent></w:sdt>",
    "tracked insertion": '<w:ins {ns} w:id="1" w:author="办公室" w:date="2024-05-01T00:00:00Z">{run}</w:ins>',
    "mail-merge field": '<w:fldSimple {ns} w:instr=" MERGEFIELD 身份证号 ">{run}</w:fldSimple>',
    "smart tag": '<w:smartTag {ns} w:uri="urn:schemas" w:element="place">{run}</w:smartTag>',
}


@pytest.mark.parametrize("in_table", [False, True])
@pytest.mark.parametrize("wrapper", sorted(WRAPPERS))
def test_runs_inside_inline_wrappers_are_read(tmp_path, wrapper, in_table):
    """A 公示 made by mail merge or from a form template holds each person's values in fields or content
    controls; python-docx's Paragraph.text reads only a paragraph's own runs, so those values were never
    reviewed and the file passed."""
    from docx.oxml import parse_xml

    def build(d):
        d.add_paragraph("关于城乡低保对象的公示")
        if in_table:
            t = d.add_table(rows=2, cols=2)
            _fill(t, [["姓名", "身份证号"], [NAMES[0], ""]])
            p = t.cell(1, 1).paragraphs[0]
        else:
            p = d.add_paragraph(f"申请人：{NAMES[0]}，身份证号：")
        p._p.append(parse_xml(WRAPPERS[wrapper].format(ns=_WNS, run=_RUN.format(IDS[0]))))
    rep = scan_one(tmp_path, "合并.docx", _docx(build))
    assert [(f.rule, f.text) for f in rep.findings] == [("pii.id_card", IDS[0])]


def test_deleted_revisions_and_tab_stops_are_not_text(tmp_path):
    """Text of a deleted revision is not shown as the paragraph's text, and tab stop definitions are not tabs."""
    from docx.oxml import parse_xml

    def build(d):
        p = d.add_paragraph("各单位要严格执行信息发布审核制度。")
        p._p.append(parse_xml(f'<w:del {_WNS} w:id="2" w:author="a" w:date="2024-05-01T00:00:00Z"><w:r><w:delText>欢迎</w:delText></w:r></w:del>'))
        p._p.insert(0, parse_xml(f'<w:pPr {_WNS}><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>'))
    units = get_extractor("t.docx")(_docx(build), "t.docx", Limits()).units
    assert units[0].text == "各单位要严格执行信息发布审核制度。"  # the paragraph as it reads now: no 欢迎, no tab
    assert (units[1].text, units[1].location.hidden) == ("各单位要严格执行信息发布审核制度。欢迎", "revision")


def _deleted(text: str) -> str:
    return f'<w:del {_WNS} w:id="7" w:author="办公室" w:date="2024-05-01T00:00:00Z"><w:r><w:delText>{text}</w:delText></w:r></w:del>'


@pytest.mark.parametrize("where", ["paragraph", "table row", "whole table row deleted"])
def test_text_deleted_under_track_changes_is_reviewed(tmp_path, where):
    """An editor deletes the ID numbers from a 公示 with 修订 (track changes) on and the file is published:
    Word's final view hides them, but they are stored in the .docx and 显示标记 shows them. The finding is
    located in that paragraph or cell and says it is a deleted revision."""
    from docx.oxml import parse_xml

    def build(d):
        d.add_paragraph("关于2024年度临时救助对象的公示")
        if where == "paragraph":
            p = d.add_paragraph(f"救助对象：{NAMES[0]}，身份证号：")
        else:
            t = d.add_table(rows=2, cols=3)
            _fill(t, [["姓名", "身份证号", "救助金额（元）"], [NAMES[0] if where == "table row" else "", "", "" if where != "table row" else "800"]])
            if where == "whole table row deleted":
                name_p = t.cell(1, 0).paragraphs[0]
                name_p._p.append(parse_xml(_deleted(NAMES[0])))
            p = t.cell(1, 1).paragraphs[0]
        p._p.append(parse_xml(_deleted(IDS[0])))
        d.add_paragraph("公示期间如有异议，请与民政办联系。")
    rep = scan_one(tmp_path, "公示.docx", _docx(build))
    (f,) = [f for f in rep.findings if f.rule == "pii.id_card"]
    assert (f.text, f.location.hidden) == (IDS[0], "revision")
    assert rep.verdict.value == "block"
    if where == "paragraph":
        assert (f.location.part, f.location.paragraph) == ("word/document.xml", 2)
    else:
        assert f.location.cell == "R2C2"


def test_unchanged_text_around_a_deleted_revision_is_reported_once(tmp_path):
    """The old version of a paragraph repeats its unchanged text: a mobile number in it is reported once,
    where the paragraph stands now, and a harmless deletion adds nothing."""
    from docx.oxml import parse_xml

    def build(d):
        p = d.add_paragraph("联系人：张建国，手机：13974512345，")
        p._p.append(parse_xml(_deleted("欢迎来电咨询")))
    rep = scan_one(tmp_path, "通知.docx", _docx(build))
    assert [(f.rule, f.text, f.location.hidden) for f in rep.findings] == [("pii.phone.mobile", "13974512345", None)]


def test_a_two_row_header_under_a_merged_cell(tmp_path):
    """基本信息 merged over two columns in the first header row: the second row (性别 | 证件号码) names the column."""
    rows = [["2024年度城乡居民养老保险待遇领取人员公示"],
            ["序号", "姓名", "基本信息", None, "待遇（元）"],
            [None, None, "性别", "证件号码", None]]
    raw = {}
    for k, n in enumerate(n for n in IDS if n.isdigit()):
        rows.append([k + 1, NAMES[k], "女" if k % 2 else "男", int(n), 213.5])
        raw[f"D{len(rows)}"] = _excel_rounded(n)
    rep = scan_one(tmp_path, "养老.xlsx", xlsx_bytes({"Sheet1": rows}, merged={"Sheet1": ("A1:E1", "C2:D2", "A2:A3", "B2:B3")},
                                                     raw_numbers={"Sheet1": raw}))
    assert sorted(f.location.cell for f in rep.findings if f.rule == "pii.id_card") == ["D4", "D5", "D6"]


# --- hidden sheets, rows and columns: reviewed, and the location says they are hidden ------------------

def test_findings_in_hidden_sheets_rows_and_columns_say_so(tmp_path):
    """Masked IDs on show and the full ones in a hidden column, a hidden row and a hidden sheet: every full ID
    is found, and its location tells the reviewer that a reader of the file does not see it."""
    book = {"公示": [["姓名", "身份证号", "身份证号（原）"],
                     [NAMES[0], "620102********3216", IDS[0]],
                     [NAMES[1], "110105********002X", IDS[1]],
                     [NAMES[2], IDS[2], ""]],
            "底稿": [["姓名", "身份证号"], [NAMES[3], IDS[3]]]}
    data = xlsx_bytes(book, hidden_sheets=("底稿",), hidden_cols={"公示": (2,)}, hidden_rows={"公示": (4,)})
    rep = scan_one(tmp_path, "公示.xlsx", data)
    got = sorted((f.text, f.location.sheet, f.location.cell, f.location.hidden) for f in rep.findings if f.rule == "pii.id_card")
    assert got == sorted([(IDS[0], "公示", "C2", "column"), (IDS[1], "公示", "C3", "column"),
                          (IDS[2], "公示", "B4", "row"), (IDS[3], "底稿", "B2", "sheet")])


def test_visible_cells_have_no_hidden_mark(tmp_path):
    rep = scan_one(tmp_path, "名单.xlsx", xlsx_bytes({"名单": [["姓名", "身份证号"], [NAMES[0], IDS[0]]]}))
    assert [f.location.hidden for f in rep.findings if f.rule == "pii.id_card"] == [None]


# --- cells hidden by their number format (;;;): reviewed, and the location says so -------------------------

@pytest.mark.parametrize(("fmt", "value", "hidden"), [
    (";;;", "text", "vanish"),        # every section empty: nothing shows, text or number
    (";;", "number", "vanish"),       # no text section: numbers show nothing…
    (";;", "text", None),             # …text shows as it is
    (";", "number", "vanish"),
    (" ; ; ; ", "text", "vanish"),    # blanks show nothing either
    ("0", "number", None),            # an ordinary custom format
    ("#49", "text", None),            # the built-in text format (@)
    (";;;@", "text", None),           # the text section shows the text
])
def test_cells_hidden_by_their_number_format_say_so(tmp_path, fmt, value, hidden):
    """The full ID number in a column formatted ;;; shows nothing on screen or in print while the masked one
    beside it does: the finding's location says that a reader does not see it."""
    rows = [["姓名", "身份证号", "核对"], [NAMES[0], "620102********3216", IDS[0]]]
    raw = {}
    if value == "number":
        rows[1][2] = int(IDS[0])
        raw = {"C2": _excel_rounded(IDS[0])}
        rows[1].append(int(IDS[2]))  # an unformatted number beside it stays unmarked
    data = xlsx_bytes({"公示": rows}, num_formats={"公示": {"C2": fmt}}, raw_numbers={"公示": raw})
    rep = scan_one(tmp_path, "公示.xlsx", data)
    got = [(f.location.cell, f.location.hidden) for f in rep.findings if f.rule == "pii.id_card" and f.location.cell == "C2"]
    if value == "number":
        assert got == [] or got == [("C2", hidden)]  # Excel's rounded 15 digits fail the checksum
        ex = get_extractor("a.xlsx")(data, "a.xlsx", Limits())
        assert {u.location.cell: u.location.hidden for u in ex.units if u.text.strip()}["C2"] == hidden
        assert {u.location.cell: u.location.hidden for u in ex.units if u.text.strip()}["D2"] is None
    else:
        assert got == [("C2", hidden)]


def test_a_hidden_row_says_row_before_its_format(tmp_path):
    data = xlsx_bytes({"公示": [["姓名", "身份证号"], [NAMES[0], IDS[0]], [NAMES[1], IDS[1]]]},
                      num_formats={"公示": {"B2": ";;;", "B3": ";;;"}}, hidden_rows={"公示": (3,)})
    rep = scan_one(tmp_path, "公示.xlsx", data)
    assert sorted((f.location.cell, f.location.hidden) for f in rep.findings if f.rule == "pii.id_card") == \
        [("B2", "vanish"), ("B3", "row")]


def test_a_workbook_without_blank_formats_reads_no_cell_styles(monkeypatch):
    """Ordinary custom formats (0.00, yyyy年m月d日) cost two substring tests on the styles part: numFmts, cellXfs and the
    sheets' cell tags are not read."""
    from govreview.batch import sheet_hidden

    class Untouchable:
        def finditer(self, *a):
            raise AssertionError("styles parsed for a workbook without a blank format")
        search = finditer

    for name in ("_BLANK_FORMAT", "_NUM_FMT", "_CELL_XFS", "_CELL_TAG"):
        monkeypatch.setattr(sheet_hidden, name, Untouchable())
    data = xlsx_bytes({"名单": [["姓名", "补贴", "日期"], [NAMES[0], 213.5, 45000]]},
                      num_formats={"名单": {"B2": "0.00", "C2": "yyyy年m月d日"}})
    units = get_extractor("a.xlsx")(data, "a.xlsx", Limits()).units
    assert [u.location.hidden for u in units if u.text.strip()] == [None] * 6


# --- Word hyperlinks: the target is what a reader follows ---------------------------------------------------

def _hyperlink(d, p, url: str, shown: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rid = d.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    h = OxmlElement("w:hyperlink")
    h.set(qn("r:id"), rid)
    r, t = OxmlElement("w:r"), OxmlElement("w:t")
    t.text = shown
    r.append(t)
    h.append(r)
    p._p.append(h)


def _field_link(p, url: str, shown: str) -> None:
    from docx.oxml import parse_xml

    for xml in (f'<w:r {_WNS}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {_WNS}><w:instrText xml:space="preserve"> HYPERLINK "{url}" </w:instrText></w:r>',
                f'<w:r {_WNS}><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {_WNS}><w:t>{shown}</w:t></w:r>',
                f'<w:r {_WNS}><w:fldChar w:fldCharType="end"/></w:r>'):
        p._p.append(parse_xml(xml))


@pytest.mark.parametrize("url, rule", [
    ("file:///C:/Users/Administrator/Desktop/2024年补贴名单.xls", "link.broken"),
    ("http://10.12.1.5:8080/oa/download?id=88", "link.broken"),
    ("http://www.tyc-casino-888.com/reg", "link.commercial"),
])
@pytest.mark.parametrize("how", ["relationship", "field code", "table cell"])
def test_a_word_hyperlinks_target_is_reviewed(tmp_path, url, rule, how):
    """附件1.doc shown, file:///C:/Users/… behind it: the reader clicks the words and lands on the editor's
    own disk (or an intranet server, or an ad site). The target never appeared in the extracted text."""
    def build(d):
        d.add_paragraph("关于2024年度耕地地力保护补贴发放情况的公示")
        if how == "table cell":
            t = d.add_table(rows=1, cols=2)
            t.cell(0, 0).paragraphs[0].add_run("附件")
            p = t.cell(0, 1).paragraphs[0]
        else:
            p = d.add_paragraph("附件：")
        (_field_link(p, url, "附件1.xls") if how == "field code" else _hyperlink(d, p, url, "附件1.xls"))
    rep = scan_one(tmp_path, "公示.docx", _docx(build))
    assert [(f.rule, f.text) for f in rep.findings if f.rule.startswith("link.")] == [(rule, url)]
    (f,) = [f for f in rep.findings if f.rule.startswith("link.")]
    if how == "table cell":
        assert (f.location.part, f.location.cell) == ("word/document.xml#table1", "R1C2")
    else:
        assert (f.location.part, f.location.paragraph) == ("word/document.xml", 2)


@pytest.mark.parametrize("url, shown", [
    ("http://www.gov.cn/zhengce/content/2024-01/05/content_6924.htm", "国务院关于…的通知"),
    ("mailto:zhangsan@qq.com", "联系我们"),
    ("http://www.tyc-casino-888.com/", "http://www.tyc-casino-888.com/"),
])
def test_hyperlinks_that_add_nothing_are_not_repeated(tmp_path, url, shown):
    """A link to a government site is fine; a mailto: target is the address the text shows; a target the text
    already shows is reviewed once, in the text."""
    def build(d):
        _hyperlink(d, d.add_paragraph("详见："), url, shown)
    rep = scan_one(tmp_path, "通知.docx", _docx(build))
    found = [f.rule for f in rep.findings if f.rule.startswith("link.")]
    assert found == (["link.commercial"] if shown == url else [])


# --- PDF link annotations: a PDF saved from Word keeps the 附件 link's target -------------------------------

_PDF_NOTICE = ["关于2024年度耕地地力保护补贴发放情况的公示", "根据省农业农村厅有关要求，现将补贴发放情况予以公示。",
               "附件：2024年补贴名单.xls"]


@pytest.mark.parametrize("target, rule, shown", [
    ("file:///C:/Users/Administrator/Desktop/2024年补贴名单.xls", "link.broken", None),
    ("file:///D:/%E5%85%AC%E7%A4%BA/2024%E5%B9%B4%E8%A1%A5%E8%B4%B4%E5%90%8D%E5%8D%95.xls", "link.broken", None),
    ("http://10.12.1.5:8080/oa/download?id=88", "link.broken", None),
    ("http://www.tyc-casino-888.com/reg", "link.commercial", None),
    ("launch:C:\\Users\\Administrator\\Desktop\\附件1.xls", "link.broken", "C:\\Users\\Administrator\\Desktop\\附件1.xls"),
])
@pytest.mark.parametrize("page", [1, 2])
def test_a_pdf_links_target_is_reviewed(tmp_path, target, rule, shown, page):
    """The page shows 附件：2024年补贴名单.xls; the link over it opens the editor's own disk (or an intranet server,
    or an ad site). The target is not in the text layer: it was never reviewed."""
    pages = [_PDF_NOTICE, ["二、补贴标准", "每亩补贴资金为105元。"]] if page == 1 else [["二、补贴标准"], _PDF_NOTICE]
    rep = scan_one(tmp_path, "公示.pdf", pdf_bytes(pages, links={page - 1: [target]}))
    found = [(f.rule, f.text, f.location.page) for f in rep.findings if f.rule.startswith("link.")]
    assert [(r, p) for r, _, p in found] == [(rule, page)]
    assert found[0][1] in (shown or target)


@pytest.mark.parametrize("targets", [
    ["http://www.gov.cn/zhengce/content/2024-01/05/content_6924.htm"],   # a link to a government site: fine
    ["mailto:zhangsan@qq.com"],                                           # the address is what the text shows
    ["goto:2"],                                                           # a jump inside the document
    ["http://www.moa.gov.cn/", "http://www.moa.gov.cn/"],                 # the same target twice
])
def test_pdf_links_that_lead_nowhere_wrong_add_nothing(tmp_path, targets):
    rep = scan_one(tmp_path, "通知.pdf", pdf_bytes([_PDF_NOTICE, ["第二页"]], links={0: targets}))
    assert [f.rule for f in rep.findings if f.rule.startswith("link.")] == []


def test_a_linked_url_the_page_shows_is_reviewed_once(tmp_path):
    """Word makes a typed address a link: the text layer has it already (here broken across two lines)."""
    url = "http://www.tyc-casino-888.com/register/index.html"
    pages = [["详见：http://www.tyc-casino-888.com/", "register/index.html"]]
    text = extracted_text("a.pdf", pdf_bytes(pages, links={0: [url]}))
    assert url not in text
    rep = scan_one(tmp_path, "通知.pdf", pdf_bytes([["详见：" + url]], links={0: [url]}))
    assert [f.rule for f in rep.findings if f.rule.startswith("link.")] == ["link.commercial"]


def test_pdf_link_targets_follow_their_page(tmp_path):
    text = extracted_text("a.pdf", pdf_bytes([_PDF_NOTICE, ["第二页"]],
                                            links={0: ["http://10.12.1.5/a.xls"], 1: ["http://10.12.1.5/b.xls"]}))
    assert text.index("附件：2024年补贴名单.xls") < text.index("http://10.12.1.5/a.xls") < text.index("第二页") \
        < text.index("http://10.12.1.5/b.xls")


# --- Excel hyperlinks: a 名单's 附件 column links somewhere the cell does not say -----------------------------

_ROSTER = [["关于2024年度耕地地力保护补贴发放情况的公示", None, None, None],
           ["序号", "姓名", "身份证号", "附件"]] + [
    [k + 1, n, i, f"附件{k + 1}"] for k, (n, i) in enumerate(zip(NAMES, IDS))]


@pytest.mark.parametrize("target, rule", [
    ("file:///C:/Users/Administrator/Desktop/2024年补贴名单.xls", "link.broken"),
    ("http://10.12.1.5:8080/oa/download.jsp?id=88&reg=0", "link.broken"),  # &reg: one unescape, not two
    ("http://www.tyc-casino-888.com/reg", "link.commercial"),
])
@pytest.mark.parametrize("how", ["relationship", "formula"])
def test_an_excel_hyperlinks_target_is_reviewed(tmp_path, target, rule, how):
    """附件1 shown in D3; the link behind it opens the editor's own disk, an intranet server or an ad site."""
    cell = "D3"
    kw = ({"links": {"名单": {cell: target}}} if how == "relationship"
          else {"formulas": {"名单": {cell: (f'HYPERLINK("{target}","附件1")', "附件1")}}})
    rep = scan_one(tmp_path, "名单.xlsx", xlsx_bytes({"名单": _ROSTER}, **kw))
    found = [(f.rule, f.text, f.location.sheet, f.location.cell) for f in rep.findings if f.rule.startswith("link.")]
    assert [(r, s, c) for r, _, s, c in found] == [(rule, "名单", cell)]
    assert found[0][1] in target
    # the rows below the link still read as rows of the list: every ID is found, under its column
    assert [f.location.cell for f in rep.findings if f.rule == "pii.id_card"] == ["C3", "C4", "C5", "C6"]


@pytest.mark.parametrize("links, formulas", [
    ({"D3": "http://www.moa.gov.cn/ztzl/nybt/"}, {}),            # a government site: fine
    ({"D3": "mailto:nybt@163.com"}, {}),                         # the address is what one writes to
    ({"D3": "#明细!A1"}, {}),                                     # a place in the workbook
    ({"D3": "http://www.tyc-casino-888.com/"}, {}),              # shown in the cell: reviewed once, in the text
    ({}, {"D3": ('HYPERLINK(明细!A1,"附件1")', "附件1")}),          # a formula whose target is a cell reference
])
def test_excel_links_that_add_nothing_are_not_repeated(tmp_path, links, formulas):
    rows = [r[:] for r in _ROSTER]
    if "D3" in links and links["D3"].startswith("http://www.tyc"):
        rows[2][3] = links["D3"]
    rep = scan_one(tmp_path, "名单.xlsx", xlsx_bytes({"名单": rows, "明细": [["x"]]}, links={"名单": links},
                                                     formulas={"名单": formulas}))
    found = [f.rule for f in rep.findings if f.rule.startswith("link.")]
    assert found == (["link.commercial"] if rows[2][3].startswith("http") else [])


def test_excel_link_on_an_empty_cell_beyond_the_values_is_reviewed(tmp_path):
    rep = scan_one(tmp_path, "名单.xlsx", xlsx_bytes({"名单": _ROSTER}, links={"名单": {"F20": "\\\\oa-server\\share\\名单.xls"}}))
    assert [(f.rule, f.location.cell) for f in rep.findings if f.rule.startswith("link.")] == [("link.broken", "F20")]
