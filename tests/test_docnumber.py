"""文号 extraction: the normalised form and format problems shared by quality and linkage."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreview.docnumber import find_doc_numbers, has_doc_number, normalize_doc_number


@pytest.mark.parametrize(
    "text, agency, normalized, n_problems",
    [
        ("根据《国务院办公厅关于印发政府网站发展指引的通知》（国办发〔2017〕47号）", "国办发", "国办发〔2017〕47号", 0),
        ("按照国办发[2014]57号文件要求", "国办发", "国办发〔2014〕57号", 1),
        ("甘政办发（2014）第057号", "甘政办发", "甘政办发〔2014〕57号", 3),
        ("财税〔19〕13号", "财税", "财税〔2019〕13号", 1),
        ("京政发【２０２０】５号", "京政发", "京政发〔2020〕5号", 2),
        ("市政府印发了临政办发〔2025〕21号文件", "临政办发", "临政办发〔2025〕21号", 0),
        ("根据甘经信发〔2020〕3号精神", "甘经信发", "甘经信发〔2020〕3号", 0),
        # 经 inside a 机关代字 is its own (经信, 经贸), with or without a leading word before it
        ("川经信发[2019]123号", "川经信发", "川经信发〔2019〕123号", 1),
        ("执行苏经信综合〔2020〕5号", "苏经信综合", "苏经信综合〔2020〕5号", 0),
        ("省商务厅印发的湘经贸发〔2003〕12号", "湘经贸发", "湘经贸发〔2003〕12号", 0),
        ("经国办发〔2017〕47号文件批准", "国办发", "国办发〔2017〕47号", 0),
        # leading words that follow one another are all cut
        ("以及国办发〔2017〕第47号", "国办发", "国办发〔2017〕47号", 1),
        ("关于印发国办发[2017]1号", "国办发", "国办发〔2017〕1号", 1),
        ("根据省政府办公厅转发国办发〔2017〕47号", "国办发", "国办发〔2017〕47号", 0),
        # a bracketed group inside the 机关代字 belongs to it; one before it does not
        ("京公（治）决字〔2024〕8号", "京公（治）决字", "京公（治）决字〔2024〕8号", 0),
        ("粤（穗）劳人仲案字〔2024〕12号", "粤（穗）劳人仲案字", "粤（穗）劳人仲案字〔2024〕12号", 0),
        ("关于（试行）国办发〔2017〕47号", "国办发", "国办发〔2017〕47号", 0),
    ],
)
def test_doc_numbers_are_normalised(text, agency, normalized, n_problems):
    (d,) = find_doc_numbers(text)
    assert (d.agency, d.normalized, len(d.problems)) == (agency, normalized, n_problems)
    assert text[d.start:d.end] == d.text
    assert (d.suggestion is None) == (n_problems == 0)


@pytest.mark.parametrize(
    "text, agency, issuer",
    [
        # the issuing office named right before its 机关代字 is not part of it
        ("按照省人力资源和社会保障厅湘人社发[2024]5号文件要求", "湘人社发", "社会保障厅"),
        ("根据湖南省人力资源社会保障厅湘人社发〔2024〕5号", "湘人社发", "力资源社会保障厅"),  # the 12 characters cut the name
        ("按照省人社厅湘人社发〔2024〕5号文件要求", "湘人社发", "省人社厅"),
        ("国家发展改革委发改价格〔2024〕5号", "发改价格", "国家发展改革委"),
        ("根据工业和信息化部工信部联规〔2024〕5号", "工信部联规", "信息化部"),
        ("执行财政部财预〔2024〕5号", "财预", "财政部"),
        ("按照教育部教高厅函〔2024〕5号要求", "教高厅函", "教育部"),
        ("转发省人民政府办公厅黔府办发〔2024〕5号", "黔府办发", "省人民政府办公厅"),
        ("教育部办公厅教职成厅函〔2024〕5号", "教职成厅函", "教育部办公厅"),
        ("人力资源社会保障部人社部发〔2024〕5号", "人社部发", "力资源社会保障部"),
        ("根据国务院国资委国资发〔2024〕5号", "国资发", "国务院国资委"),
        ("国家卫生健康委国卫医发〔2024〕5号", "国卫医发", "国家卫生健康委"),
        ("执行中共中央办公厅厅字〔2024〕5号", "厅字", "中共中央办公厅"),
        ("根据国务院办公厅国函〔2024〕5号", "国函", "国务院办公厅"),
        ("根据北京市人民政府京政发〔2024〕5号", "京政发", "北京市人民政府"),
        ("根据市委宣传部临宣发〔2024〕5号", "临宣发", "市委宣传部"),
        # 机关代字 that hold an office word themselves stay whole
        ("根据工信部联规〔2024〕5号", "工信部联规", ""),
        ("根据工信厅联信发〔2024〕5号", "工信厅联信发", ""),
        ("根据工信厅信管〔2024〕5号", "工信厅信管", ""),
        ("根据工业和信息化部办公厅工信厅信管〔2024〕5号", "工信厅信管", "信息化部办公厅"),
        ("根据国资厅产权〔2024〕5号", "国资厅产权", ""),
        ("根据教高厅函〔2024〕5号", "教高厅函", ""),
        ("根据人社部发〔2024〕5号", "人社部发", ""),
        ("根据国卫办医发〔2024〕5号", "国卫办医发", ""),
        ("根据国土资厅发〔2024〕5号", "国土资厅发", ""),
        ("根据宁委办发〔2024〕5号", "宁委办发", ""),
        ("根据县政府办发〔2024〕5号", "县政府办发", ""),
        ("根据中办发〔2024〕5号", "中办发", ""),
        ("根据市纪委市监委临纪发〔2024〕5号", "市纪委市监委临纪发", ""),
        ("省政府办公厅密发〔2024〕5号", "省政府办公厅密发", ""),  # the marker reads the whole 代字 (secrecy.internal)
        # a 公告/通告 is numbered in its issuer's own series
        ("某某市公安局通告〔2024〕第1号", "某某市公安局通告", ""),
        ("财政部公告〔2024〕第1号", "财政部公告", ""),
    ],
)
def test_issuing_office_before_the_agency_code_is_cut(text, agency, issuer):
    (d,) = find_doc_numbers(text)
    assert (d.agency, d.issuer) == (agency, issuer)
    assert text[d.start:d.end] == d.text and d.text.startswith(agency)
    assert text[d.start - len(d.issuer):d.start] == d.issuer


@pytest.mark.parametrize("text", ["（2024）甘0102民初1234号", "2023年第3号公告", "第（2）项"])
def test_things_that_are_not_doc_numbers(text):
    assert [d.agency for d in find_doc_numbers(text) if d.agency.endswith(("发", "函", "字"))] == []


def test_normalize_for_matching_citations():
    assert normalize_doc_number("国办发[2017]47号") == normalize_doc_number("国办发〔2017〕第47号") == "国办发〔2017〕47号"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("根据《通知》（国办发〔2017〕47号）要求", True),
        ("甘政办发（2014）第057号", True),
        ("（2024）甘0102民初1234号", False),  # a court case number, not a 文号
        ("〔2017〕47号", False),  # no 机关代字 before the bracket
        ("2023年第3号公告", False),
        ("各单位要严格落实信息发布审核制度", False),
    ],
)
def test_has_doc_number_answers_whether_any_is_found(text, expected):
    assert has_doc_number(text) is expected is bool(find_doc_numbers(text))


# pieces of real 文号 and the text around them, so that random strings often hold near-misses
_PIECES = ["国办发", "甘政办发", "根据", "〔", "〕", "[", "]", "（", "）", "2017", "17", "年", "第", "047", "47", "号",
           " ", "\n", "的", "通知", "〔2017〕", "47号"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_has_doc_number_agrees_with_find_doc_numbers(pieces):
    text = "".join(pieces)
    assert has_doc_number(text) == bool(find_doc_numbers(text))
