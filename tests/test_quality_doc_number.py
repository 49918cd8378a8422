"""quality.doc_number: malformed 文号 with the GB/T 9704 form as suggestion."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreview.docnumber import find_doc_numbers, normalize_doc_number


def _found(reviewer, text):
    rep = reviewer.review(text)
    for f in rep.findings:
        assert text[f.start:f.end] == f.text
    return [(f.text, f.suggestion) for f in rep.findings if f.rule == "quality.doc_number"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("根据《国务院办公厅关于加强政府网站信息内容建设的意见》（国办发[2014]57号）要求", ("国办发[2014]57号", "国办发〔2014〕57号")),
        ("按照国办发(2014)57号文件", ("国办发(2014)57号", "国办发〔2014〕57号")),
        ("按照国办发（2014）57号文件", ("国办发（2014）57号", "国办发〔2014〕57号")),
        ("依据云政办发【2015】98号", ("云政办发【2015】98号", "云政办发〔2015〕98号")),
        ("国办发〔14〕57号", ("国办发〔14〕57号", "国办发〔2014〕57号")),
        ("国办发〔2014〕第57号", ("国办发〔2014〕第57号", "国办发〔2014〕57号")),
        ("国办发〔2014〕057号", ("国办发〔2014〕057号", "国办发〔2014〕57号")),
        ("国办发〔２０１４〕５７号", ("国办发〔２０１４〕５７号", "国办发〔2014〕57号")),
        ("国办发〔2014年〕57号", ("国办发〔2014年〕57号", "国办发〔2014〕57号")),
        # a traditional rendering of a mainland 文号 (a repost, a Big5 file) has the same problem; the suggestion keeps its script
        ("國辦發[2014]57號", ("國辦發[2014]57號", "國辦發〔2014〕57號")),
        # spaces pasted into the 文号 (a line break is not: PDF text wraps lines anywhere)
        ("依据国办发 〔2014〕 57号", ("国办发 〔2014〕 57号", "国办发〔2014〕57号")),
        ("依据国办发〔2014〕57  号", ("国办发〔2014〕57  号", "国办发〔2014〕57号")),
        ("依据国办发〔\u30002014〕57号", ("国办发〔\u30002014〕57号", "国办发〔2014〕57号")),
        ("依据国办发〔2014〕\n57号", None),
        ("依据国办发〔2014]57号", ("国办发〔2014]57号", "国办发〔2014〕57号")),  # brackets mixed by a paste
        # the issuing office named before its 机关代字 is not part of the 文号
        ("按照省人力资源和社会保障厅湘人社发[2024]5号文件要求", ("湘人社发[2024]5号", "湘人社发〔2024〕5号")),
        ("按照省人社厅湘人社发（2024）5号文件要求", ("湘人社发（2024）5号", "湘人社发〔2024〕5号")),
        ("根据财政部财预[2024]5号", ("财预[2024]5号", "财预〔2024〕5号")),
        ("根据工业和信息化部工信部联规[2024]5号", ("工信部联规[2024]5号", "工信部联规〔2024〕5号")),
        ("根据工信部联规[2024]5号", ("工信部联规[2024]5号", "工信部联规〔2024〕5号")),
        ("根据省人民政府办公厅黔府办发〔2024〕第5号", ("黔府办发〔2024〕第5号", "黔府办发〔2024〕5号")),
    ],
)
def test_malformed_doc_numbers(reviewer, text, expected):
    found = _found(reviewer, text)
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    "text",
    [
        "根据《国务院办公厅关于印发政府网站发展指引的通知》（国办发〔2017〕47号）要求",
        "（2014）京0105民初123号民事判决书",  # a court case number: parentheses are correct there
        "第57号令",
        "共有2014人参加，发放证书57号",
        "地址：兰州市城关区南昌路 1 号",  # a space before 号 that is no 文号
    ],
)
def test_well_formed_or_other_numbers_pass(reviewer, text):
    assert _found(reviewer, text) == []


def test_extraction_is_shared_and_normalised():
    a, b = find_doc_numbers("执行川府发[2014]57号和川府函〔2015〕3号")
    assert (a.normalized, a.problems != []) == ("川府发〔2014〕57号", True)
    assert (b.normalized, b.problems) == ("川府函〔2015〕3号", [])


_GAP = st.sampled_from(["", "", " ", "\u3000", "\t", "\n", "\xa0", "  "])
_DOC_NUMBER_LIKE = st.tuples(
    st.sampled_from(["国办发", "甘政办发", "根据国办发", "的"]), _GAP, st.sampled_from(["〔", "[", "（", "(", "【", "［", "〖", "﹝"]), _GAP,
    st.sampled_from(["2017", "17", "２０１７", "2017年"]), _GAP, st.sampled_from(["〕", "]", "）", ")", "】", "］", "〗", "﹞"]), _GAP,
    st.sampled_from(["", "第", "第 "]), st.sampled_from(["47", "047", "４７", "7"]), _GAP, st.sampled_from(["号", "號", "条"]),
).map("".join)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(_DOC_NUMBER_LIKE, st.sampled_from(["，", "要求", "\n", " "])), min_size=1, max_size=3).map("".join))
def test_the_cheap_pre_check_accepts_every_text_with_a_malformed_doc_number(text):
    from govreview.detectors.quality_doc_number import _suspect

    if any(dn.problems for dn in find_doc_numbers(text)):
        assert _suspect(text)


@pytest.mark.parametrize(
    ("text", "doc_number", "normalized"),
    [
        # the small form of 六角括号 (U+FE5D/U+FE5E): looks right on screen, is another character
        ("根据《国务院办公厅关于印发政府网站发展指引的通知》（国办发﹝2017﹞47号）要求", "国办发﹝2017﹞47号", "国办发〔2017〕47号"),
        ("现将京政办发﹝2024﹞3号文件转发给你们", "京政办发﹝2024﹞3号", "京政办发〔2024〕3号"),
        ("依据甘政发﹝2023〕12号", "甘政发﹝2023〕12号", "甘政发〔2023〕12号"),
        ("川府發﹝２０２２﹞第５号", "川府發﹝２０２２﹞第５号", "川府發〔2022〕5号"),
    ],
)
def test_lookalike_tortoise_shell_brackets_are_reported_and_named(reviewer, text, doc_number, normalized):
    found = [f for f in reviewer.review(text).findings if f.rule == "quality.doc_number"]
    assert [(f.text, f.suggestion) for f in found] == [(doc_number, normalized)]
    assert "形似" in found[0].message and "U+FE5" in found[0].message
    assert normalize_doc_number(text) == normalized


# 公告, 通告 and 令 are numbered in a series of their own with 第; other problems of theirs are still reported
@pytest.mark.parametrize(
    "text",
    [
        "中国人民银行公告〔2024〕第8号",
        "根据《中国人民银行公告》（中国人民银行公告〔2020〕第3号）规定办理。",
        "某某市公安局通告〔2024〕第1号",
        "国家税务总局公告2024年第1号",
        "依据《不动产登记暂行条例》（国务院令第656号）执行。",
        "國家稅務總局公告〔2024〕第8號",
    ],
)
def test_series_numbers_of_announcements_keep_their_di(reviewer, text):
    assert _found(reviewer, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中国人民银行公告[2024]第8号", [("中国人民银行公告[2024]第8号", "中国人民银行公告〔2024〕第8号")]),
        ("中国人民银行公告〔2024〕第08号", [("中国人民银行公告〔2024〕第08号", "中国人民银行公告〔2024〕第8号")]),
        ("某政通〔2024〕第2号", [("某政通〔2024〕第2号", "某政通〔2024〕2号")]),  # 通 (通告's 代字) is not 通告
        ("京政发〔2024〕第3号", [("京政发〔2024〕第3号", "京政发〔2024〕3号")]),
    ],
)
def test_series_numbers_other_problems_and_ordinary_di(reviewer, text, expected):
    assert _found(reviewer, text) == expected


# 执法文书 (行政处罚决定书, 行政复议决定书…) are numbered by their own templates: 第 and a fixed-width 序号
@pytest.mark.parametrize(
    "text",
    [
        "我局于2024年3月15日作出的榕人社监罚字〔2024〕第21号行政处罚决定，现依法予以公示。",
        "行政复议决定书 京朝政复字〔2024〕第0312号：申请人不服被申请人作出的决定。",
        "某某县市场监督管理局行政处罚决定书\n某市监罚字〔2024〕第015号",
        # a 答复书 / 决定书 numbered without a 机关代字: its title line above is no 机关代字
        "政府信息公开申请答复书\n〔2026〕第8号\n申请人：王某某",
        "行政复议决定书\n〔2024〕第12号\n申请人：李某",
    ],
)
def test_legal_instrument_numbers_follow_their_templates(reviewer, text):
    assert _found(reviewer, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("京公（治）决字[2024]8号", [("京公（治）决字[2024]8号", "京公（治）决字〔2024〕8号")]),  # the bracket still counts
        ("榕人社监罚字〔24〕第21号", [("榕人社监罚字〔24〕第21号", "榕人社监罚字〔2024〕21号")]),
        ("根据《某某方案的通知》（某政办发\n〔2023〕045号）精神", [("某政办发\n〔2023〕045号", "某政办发〔2023〕45号")]),  # a wrap
        ("关于某某事项的通知\n某政办发\n〔2024〕第3号", [("某政办发\n〔2024〕第3号", "某政办发〔2024〕3号")]),
        ("于2024年3月15日作出的某政办发〔2024〕第3号文件", [("某政办发〔2024〕第3号", "某政办发〔2024〕3号")]),
    ],
)
def test_instrument_brackets_and_other_documents_still_reported(reviewer, text, expected):
    assert _found(reviewer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # 代字 in 字 that number 公文, not instruments: GB/T 9704 applies
        ("厅字〔2024〕第3号", [("厅字〔2024〕第3号", "厅字〔2024〕3号")]),
        ("组通字〔2024〕05号", [("组通字〔2024〕05号", "组通字〔2024〕5号")]),
    ],
)
def test_gongwen_codes_ending_in_zi_still_reported(reviewer, text, expected):
    assert _found(reviewer, text) == expected


@pytest.mark.parametrize(
    "html",
    [  # a bare number in its own table cell or paragraph: the title or office beside or above is no 机关代字
        "<table><tr><th>文件名称</th><th>文号</th></tr><tr><td>某某县人民政府关于调整城市规划区范围的批复</td>"
        "<td>〔2024〕第5号</td></tr></table>",
        "<p>某某市人民政府办公室</p><p>〔2024〕第5号</p>",
        "<p>某某县人民政府关于调整城市规划区范围的批复</p><p>〔2024〕第5号</p>",
    ],
)
def test_bare_number_beside_a_title_in_html(reviewer, html):
    from govreview import Document
    from govreview.docnumber import has_doc_number

    doc = Document(html=html)
    assert [f for f in reviewer.review(doc).findings if f.rule == "quality.doc_number"] == []
    import re

    text = re.sub(r"<[^>]+>", "", html.replace("</td><td>", "\t").replace("</td></tr><tr><td>", "\n").replace("</p><p>", "\n"))
    assert not has_doc_number(text), text


def test_doc_number_in_its_own_cell_still_checked(reviewer):
    from govreview import Document

    doc = Document(html="<table><tr><td>关于印发某某方案的通知</td><td>某政发[2024]3号</td></tr></table>")
    assert [f.text for f in reviewer.review(doc).findings if f.rule == "quality.doc_number"] == ["某政发[2024]3号"]


# A paragraph line of running text wrapped right before the bracket (PDF and Word line breaks) holds nothing but
# Han characters, as a title line does; the sentence going on after the number (文件精神, ）, ，) says it is one
# citation, and the 文号 is read (it was skipped as "a heading above a bare number").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("为贯彻落实市人民政府办公室印发的某政办发\n〔2024〕第5号文件精神，现将有关事项通知如下：",
         [("某政办发\n〔2024〕第5号", "某政办发〔2024〕5号")]),
        ("各乡镇人民政府要认真贯彻落实湘政办发\n[2024]5号文件要求，切实做好防汛工作。",
         [("湘政办发\n[2024]5号", "湘政办发〔2024〕5号")]),
        ("现将市人民政府办公室转发的某政办发\r\n〔2024〕05号）转发给你们，请遵照执行。",
         [("某政办发\r\n〔2024〕05号", "某政办发〔2024〕5号")]),
        ("根據市人民政府辦公室印發的某政辦發\n〔2024〕第5號，現將有關事項通知如下。",
         [("某政辦發\n〔2024〕第5號", "某政辦發〔2024〕5號")]),
    ],
)
def test_running_text_wrapped_before_the_bracket(reviewer, text, expected):
    assert _found(reviewer, text) == expected


@pytest.mark.parametrize(
    "text",
    [  # a title or an office's name above a number on its own line stays no 机关代字
        "某某县人民政府办公室\n〔2024〕第5号\n各乡镇人民政府，县直各单位：",
        "某某县人民政府办公室\n〔2024〕第5号",
        "某某县人民政府办公室关于某事项的复函\n〔2024〕第5号\n",
        "政府信息公开申请答复书\n〔2026〕第8号文\n申请人：王某某",
        # an office's full name, short, above the number (a 机关代字 is an abbreviation)
        "县政府办公室\n〔2024〕第5号\n各乡镇人民政府：",
        "市财政局\r\n〔2024〕第03号\r\n",
        "縣人民政府\n〔2024〕第5號",
        "区卫生健康委员会\n〔２０２４〕第５号",
    ],
)
def test_heading_above_a_number_on_its_own_line(reviewer, text):
    from govreview.docnumber import has_doc_number

    assert _found(reviewer, text) == []
    assert not has_doc_number(text)


def test_wrapped_citation_is_a_doc_number_for_linkage():
    from govreview.docnumber import normalize_doc_number

    assert normalize_doc_number("为贯彻落实市人民政府办公室印发的某政办发\n〔2024〕5号文件精神") == "某政办发〔2024〕5号"
