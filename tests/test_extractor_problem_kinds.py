"""The kind of a problem met while reading an item that did not stop its review: ``decode`` only for bytes that could
not be decoded, ``parse`` for malformed structure, ``limit`` for a part over a size limit (docs/report-format.md).
Every such problem used to come out as ``decode``: a malformed CSV, a broken XML part of a .docx, unreadable
document properties, although every byte had been decoded."""

from __future__ import annotations

import csv
import io
import os
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "data" / "batch"))
from builders import docx_bytes, with_embedded, with_properties, xlsx_bytes  # noqa: E402

from govreview.batch import Limits, ScanSettings, Sources, scan_iter  # noqa: E402
from govreview.batch.extractors import Extracted, extractor  # noqa: E402
from govreview.batch.extractors.registry import _REGISTRY  # noqa: E402

ID = "11010519491231002X"
BODY = ["关于2024年度城乡居民最低生活保障对象的公示", f"申请人王秀英，身份证号{ID}。"]
CORE = (b'<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>')


def scan_one(tmp_path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    settings = ScanSettings()
    (result,) = list(scan_iter(str(tmp_path), settings, workers=1, sources=Sources(settings.limits, settings.fieldmap)))
    rep = result.report()
    assert [(f.rule, f.text) for f in rep.findings if f.rule == "pii.id_card"] == [("pii.id_card", ID)]  # the body is reviewed
    return rep


def kinds(rep, words: str) -> list[str]:
    return [e.kind for e in rep.errors if words in e.message]


@pytest.fixture
def csv_default_field_limit():
    """csv's field size limit is process-wide and reading a CSV export raises it (batch/sources.py): the default here."""
    old = csv.field_size_limit(131072)
    yield
    csv.field_size_limit(old)


def _unclosed_quote_csv(encoding: str = "utf-8") -> bytes:
    # a quote opened and never closed runs the field over csv's size limit: the file is reviewed as plain text
    rows = ["序号,姓名,身份证号,备注", f"1,王秀英,{ID},\"已核实"] + [f"{i},,,材料齐全" for i in range(2, 12000)]
    return "\r\n".join(rows).encode(encoding)


def test_a_malformed_csv_is_a_parse_problem(tmp_path, csv_default_field_limit):
    rep = scan_one(tmp_path, "名单.csv", _unclosed_quote_csv())
    assert kinds(rep, "malformed CSV") == ["parse"], rep.errors
    assert [e.kind for e in rep.errors] == ["parse"]


def test_replaced_bytes_in_a_malformed_csv_stay_decode(tmp_path, csv_default_field_limit):
    data = _unclosed_quote_csv("gb18030").replace("材料齐全".encode("gb18030"), b"\xff\xfe", 1)
    rep = scan_one(tmp_path, "名单.csv", data)
    assert sorted(e.kind for e in rep.errors) == ["decode", "parse"], rep.errors


def test_a_well_formed_csv_has_no_problem(tmp_path):
    rows = ["序号,姓名,身份证号", f"1,王秀英,{ID}", "2,李桂兰,\"1101**********0021\""]
    rep = scan_one(tmp_path, "名单.csv", "\r\n".join(rows).encode("gbk"))
    assert rep.errors == []


def _docx_with_header() -> bytes:
    import docx

    d = docx.Document()
    for t in BODY:
        d.add_paragraph(t)
    d.sections[0].header.paragraphs[0].text = "某县民政局"
    d.sections[0].footer.paragraphs[0].text = "第 1 页"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("part", ["word/header1.xml", "word/footer1.xml", "docProps/core.xml"])
def test_a_broken_xml_part_of_a_docx_is_a_parse_problem(tmp_path, part):
    data = with_properties(_docx_with_header(), raw={part: b"<w:hdr><w:p><w:r><w:t>\xff\xfe</w:t>"})
    rep = scan_one(tmp_path, "公示.docx", data)
    assert kinds(rep, f"part {part} not reviewed") == ["parse"], rep.errors
    assert [e.kind for e in rep.errors] == ["parse"]


def _sheet() -> bytes:
    return xlsx_bytes({"公示": [["姓名", "身份证号"], ["王秀英", ID]]})


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_document_properties_over_the_part_limit_are_a_limit(tmp_path, fmt):
    huge = CORE + os.urandom(800_000).hex().encode() + b"</dc:title></cp:coreProperties>"
    body = docx_bytes(BODY) if fmt == "docx" else _sheet()
    rep = scan_one(tmp_path, f"公示.{fmt}", with_properties(body, raw={"docProps/core.xml": huge}))
    assert kinds(rep, "document properties not reviewed") == ["limit"], rep.errors


def test_document_properties_that_cannot_be_inflated_are_a_parse_problem(tmp_path):
    data = with_properties(_sheet(), core={"title": "城乡低保对象公示名单"})
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("docProps/core.xml")
    raw = bytearray(data)
    raw[info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 2] ^= 0xFF  # its deflate stream
    rep = scan_one(tmp_path, "公示.xlsx", bytes(raw))
    assert kinds(rep, "document properties not reviewed") == ["parse"], rep.errors


def test_a_problem_of_an_embedded_file_keeps_its_kind_and_names_the_file(tmp_path):
    huge = CORE + os.urandom(800_000).hex().encode() + b"</dc:title></cp:coreProperties>"
    book = with_properties(xlsx_bytes({"底稿": [["姓名", "联系电话"], ["王秀英", "0931-8456123"]]}), raw={"docProps/core.xml": huge})
    rep = scan_one(tmp_path, "公示.docx", with_embedded(docx_bytes(BODY), {"Microsoft_Excel_Worksheet.xlsx": book}))
    assert [(e.kind, e.message.split(":")[0]) for e in rep.errors] == [("limit", "word/embeddings/Microsoft_Excel_Worksheet.xlsx")], rep.errors


def test_an_extractor_of_ones_own_reporting_a_bare_message_is_kind_extract(tmp_path):
    @extractor(".govreview-test-ofd")
    def _ofd(data: bytes, name: str, limits) -> Extracted:
        return Extracted("ofd", text=f"申请人王秀英，身份证号{ID}。", problems=("第 2 页的签章无法读取",))

    try:
        rep = scan_one(tmp_path, "公示.govreview-test-ofd", b"x")
    finally:
        _REGISTRY.pop(".govreview-test-ofd", None)
    assert [(e.kind, e.message) for e in rep.errors] == [("extract", "第 2 页的签章无法读取")]


@pytest.mark.parametrize("name", ["公示.txt", "公示.html"])
def test_a_file_over_the_size_limit_is_a_limit_for_check_as_for_scan(tmp_path, monkeypatch, name):
    import govreview.inputs as inputs

    p = tmp_path / name
    p.write_bytes(f"申请人王秀英，身份证号{ID}。".encode())
    monkeypatch.setattr(inputs, "MAX_FILE_BYTES", 16)
    problem = inputs.read_file(p)
    assert isinstance(problem, inputs.InputProblem) and problem.kind == "limit"
    assert [e.kind for e in problem.report().errors] == ["limit"]
    monkeypatch.setattr(inputs, "MAX_FILE_BYTES", 1 << 20)
    assert isinstance(inputs.read_file(p), inputs.Document)
