"""What a published attachment carries beyond its body text, built as offices leave it: document properties
(File → 属性: 标题, 主题, 关键词, 备注, 单位, custom 密级) copied from an internal draft, Word text formatted
hidden (字体 → 隐藏), Excel notes and threaded comments (批注) with an applicant's ID, PDF document information and
annotations (sticky notes, comments on highlights) a reviewer left. Each is reviewed like the body, and its
location says where it is (``Location.hidden``: metadata, vanish, comment); clean official properties and notes
stay clean, and a broken part never costs the body's review."""

from __future__ import annotations

import io
import os
import re
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "data" / "batch"))
from builders import docx_bytes, pdf_bytes, pdf_with_attachments, pdf_with_fields, with_embedded, with_properties, xlsx_bytes  # noqa: E402

from govreview.batch import Limits, ScanSettings, Sources, scan_iter  # noqa: E402
from govreview.batch.extractors import get_extractor  # noqa: E402

IDS = ["620102195807153216", "11010519491231002X", "530102198506123023", "350203198708152015"]
BODY = ["关于2024年度城乡居民最低生活保障对象的公示", "根据《社会救助暂行办法》，经村（居）委会评议、乡镇人民政府审核，现将拟纳入保障对象公示如下。",
        "公示期为七个工作日，如有异议，请向乡镇民政办反映。"]
ROSTER = {"公示": [["关于2024年度城乡低保对象的公示"], ["序号", "姓名", "身份证号", "保障人数"],
                   [1, "王秀英", "6201**********3216", 3], [2, "李桂兰", "1101**********002X", 2]]}
PDF_PAGES = [["关于2024年度城乡低保对象的公示", "经审核，现将拟保障对象公示如下。"], ["公示期：七个工作日。"]]


def scan_one(tmp_path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    settings = ScanSettings()
    (result,) = list(scan_iter(str(tmp_path), settings, workers=1, sources=Sources(settings.limits, settings.fieldmap)))
    return result.report()


def found(rep):
    return sorted((f.rule, f.text, f.location.part, f.location.hidden) for f in rep.findings)


def _docx(build) -> bytes:
    import docx

    d = docx.Document()
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# --- document properties (docx, xlsx) -----------------------------------------------------------------

LEAKS = [  # (which property, value, rule, finding text)
    ({"core": {"title": "内部资料　注意保存"}}, "docProps/core.xml#title", "secrecy.internal", "内部资料　注意保存"),
    ({"core": {"subject": "机密★1年"}}, "docProps/core.xml#subject", "secrecy.marking", "机密★1年"),
    ({"core": {"subject": "本材料為內部資料，請勿外傳"}}, "docProps/core.xml#subject", "secrecy.internal", "請勿外傳"),
    ({"core": {"description": "联系人：王秀英　１３９１２３４５６７８"}}, "docProps/core.xml#description", "pii.phone.mobile", "１３９１２３４５６７８"),
    ({"core": {"keywords": "澳门新葡京;百家乐;在线开户"}}, "docProps/core.xml#keywords", "advertising.gambling", "百家乐"),
    ({"core": {"creator": f"王秀英{IDS[0]}"}}, "docProps/core.xml#creator", "pii.id_card", IDS[0]),
    ({"core": {"lastModifiedBy": "13974512345"}}, "docProps/core.xml#lastModifiedBy", "pii.phone.mobile", "13974512345"),
    ({"app": {"Company": "某县民政局（内部使用）"}}, "docProps/app.xml#Company", "secrecy.internal", "内部使用"),
    ({"custom": {"密级": "机密", "保密期限": "5年"}}, "docProps/custom.xml#密级", "secrecy.marking", "密级：机密"),
]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize(("props", "part", "rule", "text"), LEAKS)
def test_document_properties_are_reviewed(tmp_path, fmt, props, part, rule, text):
    """A 公示 made from an internal draft keeps the draft's properties: File → 属性, or any unzip, shows them."""
    body = docx_bytes(BODY) if fmt == "docx" else xlsx_bytes(ROSTER)
    rep = scan_one(tmp_path, f"公示.{fmt}", with_properties(body, **props))
    assert (rule, text, part, "metadata") in found(rep), found(rep)
    assert all(f.location.hidden == "metadata" for f in rep.findings)  # the body is clean


CLEAN_PROPERTIES = [
    dict(core={"title": "Microsoft Word - 关于印发《某市政府信息公开保密审查办法》的通知.docx", "subject": "政府信息公开保密审查",
               "keywords": "保密审查;个人隐私;国家秘密;内部资料管理", "description": "本办法自2024年1月1日起施行，由市保密局负责解释。",
               "creator": "市政府办公室", "lastModifiedBy": "Administrator", "category": "规范性文件"},
         app={"Company": "微软中国", "Manager": "政务公开科"},
         custom={"KSOProductBuildVer": "2052-11.1.0.12763", "ICV": "C7A5D0E0A5E44B5F8A0B6E9B4F1C2D3E",
                 "文号": "某政办发〔2024〕3号", "密级": "公开"}),
    # system images and downloaded templates stamp their site into 单位: not a link anyone follows
    dict(core={"creator": "深度技术", "lastModifiedBy": "雨林木风"}, app={"Company": "http://www.deepbbs.org"}),
    dict(core={"creator": "User", "lastModifiedBy": "番茄花园"}, app={"Company": "www.ghost5.com"}),
    dict(core={"creator": "Sky123.Org", "title": "关于不得在互联网上发布涉密和内部资料的通知"}, app={"Company": "Sky123.Org"}),
    dict(core={"title": "關於做好個人信息保護工作的通知", "creator": "李桂兰", "keywords": "個人隱私；身份證號；脫敏"},
         app={"Company": "某縣人民政府辦公室"}),
    dict(core={"description": "政务服务热线：12345；咨询电话：0931-8123456"}, app={"Company": "某市政务服务中心"}),
]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("props", CLEAN_PROPERTIES)
def test_clean_official_properties_stay_clean(tmp_path, fmt, props):
    body = docx_bytes(BODY) if fmt == "docx" else xlsx_bytes({"名单": [
        ["关于公布2024年度政务公开工作联系人名单的通知"], ["单位", "联系人", "咨询电话"], ["市政府办公室", "政务公开科", "0931-8123456"]]})
    rep = scan_one(tmp_path, f"通知.{fmt}", with_properties(body, **props))
    assert rep.verdict.value == "pass", found(rep)
    assert rep.findings == [] and rep.errors == []


def test_properties_follow_the_body_in_the_extracted_text():
    data = with_properties(docx_bytes(BODY), core={"title": "内部资料", "creator": "张建国"}, app={"Company": "某县民政局"})
    units = get_extractor("a.docx")(data, "a.docx", Limits()).units
    assert [u.text for u in units[:3]] == BODY and all(u.location.hidden is None for u in units[:3])
    assert [(u.text, u.location.part, u.location.hidden) for u in units[3:]] == [
        ("内部资料", "docProps/core.xml#title", "metadata"), ("张建国", "docProps/core.xml#creator", "metadata"),
        ("某县民政局", "docProps/app.xml#Company", "metadata")]


@pytest.mark.parametrize("broken", [
    {"docProps/core.xml": b'<?xml version="1.0"?><cp:coreProperties xmlns:cp="x"><dc:title>\xff\xfe<<<'},  # truncated, bad bytes
    {"docProps/core.xml": b""},
    {"docProps/custom.xml": b'<Properties><property name="&#xD800;&bogus;"><vt:lpwstr>a&#99999999;b</vt:lpwstr>'},
])
def test_malformed_properties_never_cost_the_body(tmp_path, broken):
    body = docx_bytes([BODY[0], f"申请人王秀英，身份证号{IDS[1]}。"])
    rep = scan_one(tmp_path, "公示.docx", with_properties(body, raw=broken))
    assert [(f.rule, f.text, f.location.hidden) for f in rep.findings] == [("pii.id_card", IDS[1], None)]


def test_an_unreadable_properties_part_is_a_note_not_a_lost_item(tmp_path):
    """A properties part that cannot be read (here: larger than any real one) is said in the report's errors; the
    body is reviewed all the same."""
    huge = (b'<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>' + os.urandom(800_000).hex().encode() + b"</dc:title></cp:coreProperties>")
    body = docx_bytes([BODY[0], f"申请人王秀英，身份证号{IDS[1]}。"])
    rep = scan_one(tmp_path, "公示.docx", with_properties(body, raw={"docProps/core.xml": huge}))
    assert [(f.rule, f.text) for f in rep.findings] == [("pii.id_card", IDS[1])]
    assert any("document properties not reviewed" in e.message for e in rep.errors), rep.errors


# --- Word: hidden text (w:vanish) and comments ------------------------------------------------------------

def _hidden_style(d, name: str, kind: str):
    from docx.enum.style import WD_STYLE_TYPE

    st = d.styles.add_style(name, WD_STYLE_TYPE.CHARACTER if kind == "character" else WD_STYLE_TYPE.PARAGRAPH)
    st.font.hidden = True
    return st


@pytest.mark.parametrize("how", ["run", "character style", "paragraph style", "based on a hidden style", "table cell", "header",
                                 "whole paragraph"])
def test_hidden_text_is_reviewed_and_marked(tmp_path, how):
    """字体 → 隐藏 keeps text out of Word's view and print, but it is stored, and 显示编辑标记 shows it."""
    secret = f"身份证号：{IDS[3]}"

    def build(d):
        d.add_paragraph("关于拟推荐2024年度劳动模范人选的公示")
        if how == "table cell":
            t = d.add_table(rows=2, cols=2)
            t.cell(0, 0).text, t.cell(0, 1).text, t.cell(1, 0).text = "姓名", "备注", "张建国"
            p = t.cell(1, 1).paragraphs[0]
        elif how == "header":
            p = d.sections[0].header.paragraphs[0]
        else:
            p = d.add_paragraph("张建国，男，1975年生，")
        if how == "paragraph style":
            p.style = _hidden_style(d, "隐藏段落", "paragraph")
            p.add_run(secret)
        elif how == "whole paragraph":
            p = d.add_paragraph()
            p.add_run(secret).font.hidden = True
        elif how in ("character style", "based on a hidden style"):
            st = _hidden_style(d, "隐藏字符", "character")
            if how == "based on a hidden style":
                from docx.enum.style import WD_STYLE_TYPE

                child = d.styles.add_style("批注字符", WD_STYLE_TYPE.CHARACTER)
                child.base_style = st
                st = child
            p.add_run(secret, style=st)
        else:
            p.add_run(secret).font.hidden = True
        if how not in ("header", "whole paragraph"):
            p.add_run("现任某公司高级工程师。")
    data = _docx(build)
    rep = scan_one(tmp_path, "公示.docx", data)
    (f,) = [f for f in rep.findings if f.rule == "pii.id_card"]
    assert (f.text, f.location.hidden) == (IDS[3], "vanish")
    assert f.location.part == {"table cell": "word/document.xml#table1", "header": "word/header1.xml"}.get(how, "word/document.xml")
    shown = [u for u in get_extractor("a.docx")(data, "a.docx", Limits()).units if u.location.hidden is None]
    assert not any(IDS[3] in u.text for u in shown)  # the paragraph as Word shows it has no hidden text


def test_text_a_hidden_style_shows_again_is_not_hidden(tmp_path):
    """Direct formatting wins over the style: a run of a hidden style with 隐藏 switched off (w:vanish w:val="0") is shown."""
    def build(d):
        st = _hidden_style(d, "隐藏字符", "character")
        p = d.add_paragraph("联系人：张建国，")
        p.add_run("手机：13974512345。", style=st).font.hidden = False
    rep = scan_one(tmp_path, "通知.docx", _docx(build))
    assert [(f.rule, f.text, f.location.hidden) for f in rep.findings] == [("pii.phone.mobile", "13974512345", None)]


def test_visible_text_beside_hidden_text_is_reported_once(tmp_path):
    def build(d):
        p = d.add_paragraph("联系人：张建国，手机：13974512345，")
        p.add_run("（此处原有说明）").font.hidden = True
        d.add_paragraph("各单位不得公开涉及国家秘密、商业秘密和个人隐私的信息。")
    rep = scan_one(tmp_path, "通知.docx", _docx(build))
    assert [(f.rule, f.text, f.location.hidden) for f in rep.findings] == [("pii.phone.mobile", "13974512345", None)]


def test_word_comments_are_marked(tmp_path):
    def build(d):
        d.add_paragraph(BODY[0])
        p = d.add_paragraph("申请人王秀英，家庭人口3人。")
        d.add_comment(p.runs[0], text=f"身份证号{IDS[1]}，已与户籍系统核对", author="审核人", initials="SH")
        d.add_comment(p.runs[0], text="已入户核实，符合条件。", author="民政办", initials="MZ")
    rep = scan_one(tmp_path, "公示.docx", _docx(build))
    assert found(rep) == [("pii.id_card", IDS[1], "word/comments.xml", "comment")]


# --- Excel: notes and threaded comments ----------------------------------------------------------------

@pytest.mark.parametrize("kind", ["note", "threaded", "reply", "beyond the values"])
def test_excel_comments_are_reviewed_at_their_cell(tmp_path, kind):
    """A note (批注) on a masked cell holds the full number the reviewer checked against."""
    text = f"核对：{IDS[0]}，联系电话13912345678"
    ref = "F9" if kind == "beyond the values" else "C3"
    if kind == "threaded":
        data = xlsx_bytes(ROSTER, threaded={"公示": {ref: [text]}})
    elif kind == "reply":
        data = xlsx_bytes(ROSTER, threaded={"公示": {ref: ["请核对身份证号", text]}})
    else:
        data = xlsx_bytes(ROSTER, comments={"公示": {ref: text}})
    rep = scan_one(tmp_path, "公示.xlsx", data)
    got = sorted((f.rule, f.text, f.location.sheet, f.location.cell, f.location.hidden) for f in rep.findings)
    assert got == [("pii.id_card", IDS[0], "公示", ref, "comment"), ("pii.phone.mobile", "13912345678", "公示", ref, "comment")]
    assert rep.verdict.value == "block"


def test_threaded_comments_are_read_once_without_their_placeholder():
    data = xlsx_bytes(ROSTER, threaded={"公示": {"C4": ["已核实"]}}, comments={"公示": {"B3": "户籍已迁出"}})
    text = get_extractor("a.xlsx")(data, "a.xlsx", Limits()).joined()
    assert text.count("已核实") == 1 and "户籍已迁出" in text
    assert "Your version of Excel" not in text and "go.microsoft.com" not in text


def test_clean_excel_notes_stay_clean(tmp_path):
    data = xlsx_bytes({"名单": [["单位", "联系人", "咨询电话"], ["市政府办公室", "政务公开科", "0931-8123456"]]},
                      comments={"名单": {"A2": "已核实，符合条件。", "C2": "工作日 9:00-17:00 接听；不得公开个人手机号码。"}})
    rep = scan_one(tmp_path, "名单.xlsx", data)
    assert rep.verdict.value == "pass" and rep.findings == [], found(rep)


# --- PDF: document information and annotations ---------------------------------------------------------

@pytest.mark.parametrize(("subtype", "page"), [("Text", 0), ("Highlight", 0), ("FreeText", 1), ("StrikeOut", 1)])
def test_pdf_annotations_are_reviewed_on_their_page(tmp_path, subtype, page):
    """A reviewer's sticky note or comment on a highlight stays in the PDF (注释), and a pop-up repeats it:
    reported once, on its page."""
    rep = scan_one(tmp_path, "公示.pdf", pdf_bytes(PDF_PAGES, notes={page: [(subtype, f"此人身份证号{IDS[2]}，核对后删除")]}))
    assert [(f.rule, f.text, f.location.page, f.location.hidden) for f in rep.findings] == [
        ("pii.id_card", IDS[2], page + 1, "comment")]


@pytest.mark.parametrize(("info", "rule", "text", "part"), [
    ({"Title": "内部资料 注意保存"}, "secrecy.internal", "内部资料 注意保存", "Info#Title"),
    ({"Subject": "秘密★6个月"}, "secrecy.marking", "秘密★6个月", "Info#Subject"),
    ({"Keywords": "低保;公示;联系人王秀英13912345678"}, "pii.phone.mobile", "13912345678", "Info#Keywords"),
    ({"Author": f"王秀英 {IDS[0]}"}, "pii.id_card", IDS[0], "Info#Author"),
])
def test_pdf_document_information_is_reviewed(tmp_path, info, rule, text, part):
    rep = scan_one(tmp_path, "公示.pdf", pdf_bytes(PDF_PAGES, info={"Creator": "Microsoft® Word 2016", **info}))
    assert found(rep) == [(rule, text, part, "metadata")]


@pytest.mark.parametrize("info", [
    {"Title": "关于印发《政府信息公开保密审查办法》的通知", "Author": "Administrator", "Creator": "WPS 文字",
     "Producer": "www.foxitsoftware.com", "Keywords": "保密审查;个人隐私;国家秘密"},
    {"Title": "Microsoft Word - 关于不得公开涉密信息的通知.docx", "Author": "深度技术", "Creator": "http://www.deepbbs.org"},
])
def test_clean_pdf_information_and_notes_stay_clean(tmp_path, info):
    data = pdf_bytes(PDF_PAGES, info=info, notes={0: [("Text", "已核实，符合条件。"), ("Highlight", "此处措辞请改为“按规定”")]})
    rep = scan_one(tmp_path, "通知.pdf", data)
    assert rep.verdict.value == "pass" and rep.findings == [] and rep.errors == [], found(rep)


def test_malformed_pdf_information_never_costs_the_body(tmp_path):
    pages = [PDF_PAGES[0], [f"申请人王秀英，身份证号{IDS[1]}"]]
    rep = scan_one(tmp_path, "公示.pdf", pdf_bytes(pages, raw_info=b"<< /Title (unterminated /Author <FEFF00"))
    assert [(f.rule, f.text, f.location.page) for f in rep.findings] == [("pii.id_card", IDS[1], 2)]


def test_a_scan_with_a_sticky_note_is_still_a_scan(tmp_path):
    """A note on a scanned page is reviewed, and the page still says it was not read (no text layer)."""
    rep = scan_one(tmp_path, "公示.pdf", pdf_bytes([[], []], notes={0: [("Text", f"身份证号{IDS[2]}")]}, info={"Title": "公示"}))
    assert [(f.rule, f.location.hidden) for f in rep.findings] == [("pii.id_card", "comment")]
    assert [e.kind for e in rep.errors] == ["no_text"]
    (tmp_path / "b").mkdir()  # the document information alone does not make a scan reviewed
    only_info = scan_one(tmp_path / "b", "扫描.pdf", pdf_bytes([[], []], info={"Title": "关于低保对象的公示"}))
    assert only_info.errors[0].kind == "no_text" and only_info.findings == []


def test_pdf_without_annotations_or_information_is_unchanged():
    units = get_extractor("a.pdf")(pdf_bytes(PDF_PAGES), "a.pdf", Limits()).units
    assert [(u.location.page, u.location.hidden) for u in units] == [(1, None), (2, None)]


def test_docx_package_without_properties_parts():
    """A package without properties parts (some converters write none) is read as before."""
    data = docx_bytes(BODY)
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in zin.infolist():
            b = zin.read(info)
            if info.filename == "_rels/.rels":
                b = re.sub(rb'<Relationship [^>]*docProps/[^>]*/>', b"", b)
            if not info.filename.startswith("docProps/"):
                z.writestr(info, b)
    ex = get_extractor("a.docx")(out.getvalue(), "a.docx", Limits())
    assert [u.text for u in ex.units] == BODY and ex.problems == ()


@pytest.mark.parametrize("part", ["word/header1.xml", "word/comments.xml", "word/styles.xml"])
def test_a_malformed_header_comments_or_styles_part_never_costs_the_body(tmp_path, part):
    """python-docx parses these on opening: one broken part made the whole document 'cannot parse docx'."""
    def build(d):
        d.add_paragraph(BODY[0])
        p = d.add_paragraph(f"申请人王秀英，身份证号{IDS[1]}。")
        d.sections[0].header.paragraphs[0].text = "某县民政局"
        d.add_comment(p.runs[0], text="已核实", author="审核人", initials="SH")
    data = _docx(build)
    rep = scan_one(tmp_path, "公示.docx", with_properties(data, raw={part: b"<w:hdr><w:p><w:r><w:t>\xff\xfe</w:t>"}))
    assert [(f.rule, f.text) for f in rep.findings] == [("pii.id_card", IDS[1])]
    assert any(f"part {part} not reviewed" in e.message for e in rep.errors), rep.errors


# --- Excel: page headers and footers -----------------------------------------------------------------

@pytest.mark.parametrize(("hf", "rule", "text", "kind"), [
    ({"oddHeader": '&C&"宋体,加粗"&14内部资料　注意保存', "oddFooter": "&R第 &P 页，共 &N 页"}, "secrecy.internal", "内部资料　注意保存", "oddHeader"),
    ({"oddHeader": "&R&12机密★1年"}, "secrecy.marking", "机密★1年", "oddHeader"),
    ({"oddFooter": "&L制表：王秀英　13912345678&R第 &P 页"}, "pii.phone.mobile", "13912345678", "oddFooter"),
    ({"oddHeader": "&C公示名单", "firstHeader": "&C內部資料，請勿外傳"}, "secrecy.internal", "請勿外傳", "firstHeader"),
])
def test_excel_page_headers_and_footers_are_reviewed(tmp_path, hf, rule, text, kind):
    """A list's 页眉 from the internal draft prints on every page of the published file."""
    rep = scan_one(tmp_path, "公示.xlsx", xlsx_bytes(ROSTER, header_footer={"公示": hf}))
    assert (rule, text, "公示", f"headerFooter#{kind}") in [(f.rule, f.text, f.location.sheet, f.location.part) for f in rep.findings]


@pytest.mark.parametrize("hf", [
    {"oddHeader": "&C&A", "oddFooter": "&C第 &P 页，共 &N 页"},
    {"oddHeader": "&L某县民政局&C&D&R&&公示", "oddFooter": "&C咨询电话：0931-8123456"},
    {"oddHeader": '&C&"仿宋_GB2312,常规"&16关于不得公开内部资料的说明'},
])
def test_clean_excel_headers_stay_clean(tmp_path, hf):
    rep = scan_one(tmp_path, "公示.xlsx", xlsx_bytes(ROSTER, header_footer={"公示": hf}))
    assert rep.verdict.value == "pass" and rep.findings == [], found(rep)


def test_excel_header_codes_are_not_text():
    data = xlsx_bytes(ROSTER, header_footer={"公示": {"oddHeader": '&L某县民政局&C&"宋体,加粗"&KFF0000&14&D&R&&公示', "evenHeader": "&L某县民政局&C&D&R&&公示"}})
    units = [u for u in get_extractor("a.xlsx")(data, "a.xlsx", Limits()).units if u.location.part and "headerFooter" in u.location.part]
    assert [(u.text, u.location.part) for u in units] == [("某县民政局\n&公示", "headerFooter#oddHeader")]


# --- embedded files: objects inserted into Word and Excel, files attached to a PDF ---------------------------

DRAFT = {"公示": [["序号", "姓名", "身份证号"], [1, "王秀英", "6201**********3216"], [2, "李桂兰", "1101**********002X"]],
         "底稿": [["姓名", "身份证号", "联系电话"], ["王秀英", IDS[0], "13912345678"], ["李桂兰", IDS[1], "13974512345"]]}
CHART_DATA = {"Sheet1": [["年份", "地区生产总值（亿元）", "增速（%）"], ["2021年", 1523.6, 6.8], ["2022年", 1611.2, 5.7], ["2023年", 1702.9, 5.6]]}


@pytest.mark.parametrize("container", ["docx", "xlsx", "pdf"])
def test_an_embedded_workbook_is_reviewed_whole(tmp_path, container):
    """A masked list pasted into a 公示 as an Excel object shows a picture of one range; the whole workbook is stored,
    the hidden 底稿 sheet with the full numbers too. A PDF can carry the workbook as an attachment."""
    book = xlsx_bytes(DRAFT, hidden_sheets=("底稿",))
    if container == "pdf":
        data, where = pdf_with_attachments(pdf_bytes(PDF_PAGES), {"低保名单.xlsx": book}), "EmbeddedFiles/低保名单.xlsx"
    elif container == "docx":
        data, where = with_embedded(docx_bytes(BODY), {"Microsoft_Excel_Worksheet.xlsx": book}), "word/embeddings/Microsoft_Excel_Worksheet.xlsx"
    else:
        data, where = with_embedded(xlsx_bytes(ROSTER), {"Microsoft_Excel_Worksheet1.xlsx": book}), "xl/embeddings/Microsoft_Excel_Worksheet1.xlsx"
    rep = scan_one(tmp_path, f"公示.{container}", data)
    got = sorted((f.rule, f.text, f.location.part, f.location.sheet, f.location.cell, f.location.hidden) for f in rep.findings)
    assert got == sorted([("pii.id_card", IDS[0], where, "底稿", "B2", "sheet"), ("pii.id_card", IDS[1], where, "底稿", "B3", "sheet"),
                          ("pii.phone.mobile", "13912345678", where, "底稿", "C2", "sheet"),
                          ("pii.phone.mobile", "13974512345", where, "底稿", "C3", "sheet")])
    assert rep.verdict.value == "block" and rep.errors == []


def test_a_text_file_attached_to_a_pdf_is_reviewed(tmp_path):
    data = pdf_with_attachments(pdf_bytes(PDF_PAGES), {"说明.txt": "联系人：王秀英，手机：13974512345".encode("gb18030")})
    rep = scan_one(tmp_path, "公示.pdf", data)
    assert found(rep) == [("pii.phone.mobile", "13974512345", "EmbeddedFiles/说明.txt", None)]


@pytest.mark.parametrize("container", ["docx", "pdf"])
def test_clean_embedded_chart_data_stays_clean(tmp_path, container):
    """A 统计公报's chart keeps its data in an embedded workbook: statistics, nothing to report."""
    book = xlsx_bytes(CHART_DATA)
    data = (with_embedded(docx_bytes(BODY), {"Microsoft_Excel_Worksheet.xlsx": book}) if container == "docx"
            else pdf_with_attachments(pdf_bytes(PDF_PAGES), {"附表.xlsx": book}))
    rep = scan_one(tmp_path, f"公报.{container}", data)
    assert rep.verdict.value == "pass" and rep.findings == [] and rep.errors == [], found(rep)


@pytest.mark.parametrize(("files", "kind"), [
    ({"Microsoft_Word_97-2003_Document.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600}, "unsupported"),
    ({"Microsoft_Excel_Worksheet.xlsx": b"PK\x03\x04 not really a workbook"}, "parse"),
])
def test_an_embedded_file_that_cannot_be_read_is_an_unreviewed_part(tmp_path, files, kind):
    body = docx_bytes([BODY[0], f"申请人王秀英，身份证号{IDS[1]}。"])
    rep = scan_one(tmp_path, "公示.docx", with_embedded(body, files))
    assert [(f.rule, f.text) for f in rep.findings] == [("pii.id_card", IDS[1])]
    (err,) = rep.errors
    assert err.kind == kind and err.location.part == "word/embeddings/" + next(iter(files))


def test_embedding_deeper_than_the_limit_is_an_unreviewed_part(tmp_path):
    book = xlsx_bytes(DRAFT)
    level2 = with_embedded(docx_bytes(["第二层"]), {"Microsoft_Excel_Worksheet.xlsx": book})
    level1 = with_embedded(docx_bytes(["第一层"]), {"Microsoft_Word_Document.docx": level2})
    rep = scan_one(tmp_path, "公示.docx", with_embedded(docx_bytes(BODY), {"Microsoft_Word_Document.docx": level1}))
    assert rep.findings == [] and rep.verdict.value == "review"
    (err,) = rep.errors
    assert err.kind == "limit" and "nested" in err.message


# --- Excel: text boxes and shapes drawn on a sheet -----------------------------------------------------

@pytest.mark.parametrize(("lines", "rule", "text"), [
    (["内部资料", "注意保存"], "secrecy.internal", "内部资料\n注意保存"),
    (["说明：", f"1. 王秀英（身份证号{IDS[0]}）已迁出，待核实。"], "pii.id_card", IDS[0]),
    (["機密★1年"], "secrecy.marking", "機密★1年"),
])
def test_excel_text_boxes_are_reviewed_at_their_anchor(tmp_path, lines, rule, text):
    """A 说明 text box or a label drawn over a list is part of the sheet a reader sees, but not a cell."""
    rep = scan_one(tmp_path, "公示.xlsx", xlsx_bytes(ROSTER, shapes={"公示": [("F3", lines)]}))
    assert [(f.rule, f.text, f.location.sheet, f.location.cell, f.location.part) for f in rep.findings] == [
        (rule, text, "公示", "F3", "xl/drawings/drawing1.xml")]


def test_clean_excel_text_boxes_stay_clean(tmp_path):
    shapes = {"公示": [("F3", ["说明：", "1. 本表数据来源于各乡镇民政办；", "2. 身份证号已按规定脱敏，不得公开涉及个人隐私的信息。"]),
                       ("F12", ["咨询电话：0931-8123456"])]}
    rep = scan_one(tmp_path, "公示.xlsx", xlsx_bytes(ROSTER, shapes=shapes))
    assert rep.verdict.value == "pass" and rep.findings == [], found(rep)


# --- Word: parts [Content_Types].xml gives no content type ----------------------------------------------

def _repackaged(data: bytes, *, types=None, rename: dict[str, str] | None = None) -> bytes:
    """The package with ``[Content_Types].xml`` passed through ``types`` (bytes → bytes, or → None to leave it out)
    and members renamed (their relationship targets too), as WPS and older converters leave packages."""
    rename = rename or {}
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            b = zin.read(info)
            if info.filename == "[Content_Types].xml":
                b = types(b) if types is not None else b
                if b is None:
                    continue
            if info.filename.endswith(".rels"):
                for old, new in rename.items():
                    b = b.replace(old.split("/", 1)[1].encode(), new.split("/", 1)[1].encode())
            z.writestr(rename.get(info.filename, info.filename), b)
    return out.getvalue()


def _drop(pattern: bytes):
    return lambda b: re.sub(pattern, b"", b)


def _png() -> bytes:
    """A 1×1 PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def _with_picture(d):
    d.add_paragraph(BODY[0])
    d.add_picture(io.BytesIO(_png()))
    d.add_paragraph(f"申请人王秀英，身份证号{IDS[1]}。")
    d.sections[0].header.paragraphs[0].text = "内部资料　注意保存"


@pytest.mark.parametrize(("case", "repack", "note"), [
    ("embedded docx without <Default Extension=docx>",
     lambda data: _repackaged(with_embedded(data, {"x.docx": docx_bytes([f"附件：身份证号{IDS[0]}"])}),
                              types=_drop(rb'<Default Extension="docx"[^>]*/>')),
     "part word/embeddings/x.docx has no content type"),
    ("image with an extension the types leave out",
     lambda data: _repackaged(data, rename={"word/media/image1.png": "word/media/image1.jfif"}),
     "part word/media/image1.jfif has no content type"),
    ("image without an extension",
     lambda data: _repackaged(data, rename={"word/media/image1.png": "word/media/image1"}),
     "part word/media/image1 has no content type"),
    ("header without its Override and no Default for xml",
     lambda data: _repackaged(data, types=_drop(rb'<Default Extension="xml"[^>]*/>|<Override PartName="/word/header1\.xml"[^>]*/>')),
     "part word/header1.xml has no content type"),
    ("no [Content_Types].xml at all", lambda data: _repackaged(data, types=lambda b: None),
     "[Content_Types].xml missing or malformed"),
    ("malformed [Content_Types].xml", lambda data: _repackaged(data, types=lambda b: b[:-20]),
     "[Content_Types].xml missing or malformed"),
])
def test_a_part_without_content_type_never_costs_the_body(tmp_path, case, repack, note):
    """python-docx looks up every related part's content type on opening: an embedded x.docx with no
    <Default Extension="docx"> (WPS) made the whole document 'cannot parse docx: no content type for partname'."""
    data = repack(_docx(_with_picture))
    rep = scan_one(tmp_path, "公示.docx", data)
    got = {(f.rule, f.text, f.location.part) for f in rep.findings}
    assert ("pii.id_card", IDS[1], "word/document.xml") in got, (case, got, rep.errors)
    assert any(f.rule == "secrecy.internal" and f.location.part == "word/header1.xml" for f in rep.findings), got
    if "x.docx" in case:
        assert ("pii.id_card", IDS[0]) in {(f.rule, f.text) for f in rep.findings}
    assert [e for e in rep.errors if note in e.message], rep.errors
    assert not any("cannot parse docx" in e.message for e in rep.errors)


def _without_members(data: bytes, *gone: str) -> bytes:
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            if info.filename not in gone:
                z.writestr(info, zin.read(info))
    return out.getvalue()


@pytest.mark.parametrize(("gone", "related_from", "header"), [
    ("word/media/image1.png", "word/_rels/document.xml.rels", True),   # a picture a converter left out
    ("word/embeddings/x.docx", "word/_rels/document.xml.rels", True),  # an embedded file
    ("word/header1.xml", "word/_rels/document.xml.rels", False),       # the header itself: the body still counts
    ("docProps/core.xml", "_rels/.rels", True),
])
def test_a_relationship_to_a_missing_part_never_costs_the_body(tmp_path, gone, related_from, header):
    """python-docx reads every related part on opening: one the package does not hold made the whole document
    'cannot parse docx: There is no item named … in the archive'."""
    data = _without_members(with_embedded(_docx(_with_picture), {"x.docx": docx_bytes(["x"])}), gone)
    rep = scan_one(tmp_path, "公示.docx", data)
    got = {(f.rule, f.text, f.location.part) for f in rep.findings}
    assert ("pii.id_card", IDS[1], "word/document.xml") in got, (got, rep.errors)
    assert any(f.rule == "secrecy.internal" and f.location.part == "word/header1.xml" for f in rep.findings) == header
    assert [e for e in rep.errors if f"part {gone} is missing from the package (related from {related_from})" in e.message], rep.errors
    assert not any("cannot parse docx" in e.message for e in rep.errors)


def test_a_typed_package_is_not_repaired():
    """The repair runs only when python-docx cannot open the file: a well-formed package notes nothing."""
    ex = get_extractor("a.docx")(_docx(_with_picture), "a.docx", Limits())
    assert ex.problems == ()


# --- PDF: form field values (a filled 申请表/登记表) ----------------------------------------------------

FORM_PAGES = [["城乡居民最低生活保障申请表", "申请人姓名：", "身份证号：", "联系电话：", "家庭住址："], ["申请承诺", "本人承诺所填信息真实。"]]


@pytest.mark.parametrize(("fields", "rule", "text", "part", "page", "hidden"), [
    ({0: [("申请人姓名", "王秀英"), ("身份证号", IDS[0])]}, "pii.id_card", IDS[0], "AcroForm#身份证号", 1, None),
    ({0: [("Text2", IDS[2])]}, "pii.id_card", IDS[2], "AcroForm#Text2", 1, None),  # a field named by the form tool
    ({0: [("form1[0].申请人[0].联系电话[0]", "13912345678")]}, "pii.phone.mobile", "13912345678",
     "AcroForm#form1[0].申请人[0].联系电话[0]", 1, None),
    ({0: [("申请人.联系电话", "13912345678", "Tx/split")]}, "pii.phone.mobile", "13912345678", "AcroForm#申请人.联系电话", 1, None),
    ({1: [("承诺人身份证号", IDS[3], "Ch")]}, "pii.id_card", IDS[3], "AcroForm#承诺人身份证号", 2, None),
    # the field's name is the value's label: an address reads as one only next to 住址
    ({0: [("家庭住址", "兰州市城关区庆阳路100号3单元502室")]}, "pii.address", "兰州市城关区庆阳路100号3单元502室", "AcroForm#家庭住址", 1, None),
    ({0: [("备注", "内部资料　注意保存", "Tx/hidden")]}, "secrecy.internal", "内部资料　注意保存", "AcroForm#备注", 1, "vanish"),
])
def test_pdf_form_field_values_are_reviewed(tmp_path, fields, rule, text, part, page, hidden):
    """A filled form's values are drawn by its fields' widgets, not in the page's text layer: an applicant's
    身份证号 in a published 申请表 was never reviewed."""
    rep = scan_one(tmp_path, "申请表.pdf", pdf_with_fields(pdf_bytes(FORM_PAGES), fields))
    got = [(f.rule, f.text, f.location.part, f.location.page, f.location.hidden) for f in rep.findings]
    assert (rule, text, part, page, hidden) in got, (got, rep.errors)
    assert rep.errors == []


def test_pdf_form_fields_offsets_checkboxes_and_repeats(tmp_path):
    """Offsets point into the extracted text; checkbox states are not text; a field's value is read once though
    its widgets repeat it, and a value the page's text already shows (a flattened copy) is not read twice."""
    pages = [FORM_PAGES[0] + [f"身份证号：{IDS[1]}"], FORM_PAGES[1]]
    data = pdf_with_fields(pdf_bytes(pages), {0: [("同意", "Yes", "Btn"), ("低保", "Off", "Btn"), ("证件号码", IDS[1]),
                                                  ("身份证号", IDS[0])],
                                              1: [("身份证号", IDS[0])]})
    ex = get_extractor("a.pdf")(data, "a.pdf", Limits())
    fields = [(u.text, u.location.part) for u in ex.units if u.location.part]
    assert fields == [(f"身份证号：{IDS[0]}", "AcroForm#身份证号")]
    rep = scan_one(tmp_path, "申请表.pdf", data)
    text = ex.joined()
    assert sorted((f.text, f.location.part) for f in rep.findings if f.rule == "pii.id_card") == \
        sorted([(IDS[1], None), (IDS[0], "AcroForm#身份证号")])
    for f in rep.findings:
        assert text[f.start:f.end] == f.text


@pytest.mark.parametrize("fields", [
    {0: [("申请人姓名", "王秀英"), ("身份证号", "6201**********3216"), ("联系电话", "139****5678")]},
    {0: [("经办单位", "某县民政局"), ("备注", "材料齐全，同意上报")], 1: [("内部资料", "无")]},  # a field's name is not its value
    {0: [("同意", "Yes", "Btn")]},
])
def test_clean_pdf_forms_stay_clean(tmp_path, fields):
    rep = scan_one(tmp_path, "申请表.pdf", pdf_with_fields(pdf_bytes(FORM_PAGES), fields))
    assert rep.findings == [] and rep.errors == [], found(rep)
