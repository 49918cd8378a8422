"""pii.id_card: GB 11643 validation, formats, region timeline, hard negatives, properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreview import Severity
from govreview.pii.regions import load_divisions, region_ok
from govreview.pii.validate import check_id, id_check_digit

from pii_helpers import county_codes, found, make_id

RULE = "pii.id_card"


def test_check_digit_of_the_standard_example():
    # GB 11643-1999 annex example: 11010519491231002X
    assert id_check_digit("11010519491231002") == "X"
    assert check_id("11010519491231002X").ok


@pytest.mark.parametrize("text,value", [
    ("拟录用人员：李明轩，男，身份证号620102199608147890，拟录用职位一级科员。", "620102199608147890"),
    ("陈思雨 女 1998年4月 420106 19980412 3747 拟聘岗位：语文教师", "420106 19980412 3747"),
    ("拟聘用人员：刘建国，身份证号：５１０１０４１９９３０９０９７７５５，拟聘岗位：临床医师。", "５１０１０４１９９３０９０９７７５５"),
    ("黄丽萍，女，440106-19940126-3423，中山大学会计学专业本科。", "440106-19940126-3423"),
    ("孙浩然 男 身份证：21010219911103531x 拟录用为社区工作者", "21010219911103531x"),
    ("马晓军，公民身份号码620102 1992 1118 0975，现工作单位为街道办事处。", "620102 1992 1118 0975"),
    ("知青返城档案摘录：周秀兰，女，1958年生，身份证号620102580316550，1979年返城。", "620102580316550"),
    ("残疾人两项补贴名单：赵建军，残疾证号62010419720813811242，重度残疾人护理补贴每月100元。", "620104197208138112"),
])
def test_finds_valid_id_numbers_with_exact_offsets(reviewer, text, value):
    r = reviewer.review(text)
    hits = found(r, RULE, min_severity=Severity.high)
    assert [f.text for f in hits] == [value]
    f = hits[0]
    assert text[f.start:f.end] == value
    assert f.explanation.validation


@pytest.mark.parametrize("text", [
    "系统中存在出生日期不合法的号码，如620102199013458550，月份为13，已退回采集单位核实。",  # month 13
    "经比对，户籍系统中号码110101199003076969校验位错误，请重新采集。",  # bad check digit, no ID cue
    "测试用例：字段输入000000198501019452（行政区划代码为000000）时应提示无效。",
    "社保系统提示：210102189912318732出生年份早于1900年，疑似录入错误。",
    "人脸识别比对失败：310104-19880431-7258（4月无31日），已转人工复核。",
    "全年一般公共预算收入1893256.47万元，政府性基金预算收入873120万元。",
    "截至2023年末，储蓄存款余额为110234567890123456分。",
    "案号（2023）甘0102民初1234号，本院于2023年9月12日立案受理。",
    "施工许可证编号：440106202405200101，工程名称：天河区某小学改扩建工程。",
    "外汇登记编号：35637776698181529，登记金额：USD 1,250,000.00。",
    "非税收入电子缴款码：62013437548187783450，请于缴款期限内缴纳。",
    "2024年第二季度城乡低保新增对象公示：王*兰，身份证号620102********2326，家庭人口2人。",
    "排污许可证编号：91620102MA71Q2XX3P001V，有效期限至2028年12月31日。",
])
def test_hard_negatives_are_not_reported_high(reviewer, text):
    assert not found(reviewer.review(text), RULE, min_severity=Severity.medium)


def test_checksum_typo_after_id_cue_is_low_not_high(reviewer):
    good = make_id("620102", dt.date(1990, 3, 7))
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    r = reviewer.review(f"申请人身份证号码：{bad}，请核实。")
    hits = found(r, RULE)
    assert [f.severity for f in hits] == [Severity.low]
    assert hits[0].explanation.details["failed"] == "checksum"


def test_region_timeline_uses_last_listed_year_plus_one():
    div = load_divisions()["110103"]  # 崇文区, last listed 2009, merged into 东城区 in 2010
    assert div.end_year == 2009
    assert region_ok("110103", 2010)
    assert not region_ok("110103", 2011)
    assert check_id(make_id("110103", dt.date(2010, 6, 1))).ok
    assert check_id(make_id("110103", dt.date(2011, 6, 1))).reason == "region"


def test_future_birth_date_is_rejected():
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert check_id(make_id("110101", tomorrow)).reason == "date"


@pytest.mark.parametrize("prefix,place", [("810000", "香港"), ("820000", "澳门"), ("830000", "台湾")])
def test_hk_macau_taiwan_residence_permits(reviewer, prefix, place):
    number = make_id(prefix, dt.date(1988, 5, 20), 31)
    r = reviewer.review(f"申请人陈先生，港澳台居民居住证号码{number}。")
    hits = found(r, RULE, min_severity=Severity.high)
    assert hits and hits[0].explanation.details["permit"].startswith(place)


def test_legacy_15_digit_without_context_is_only_low(reviewer):
    r = reviewer.review("快递单号：620102580316550，内件：判决书。")
    assert not found(r, RULE, min_severity=Severity.medium)


@pytest.mark.parametrize("text", [
    # 招聘 results: a column of 15-digit exam numbers under 准考证号, in TSV text, an HTML table and a label
    "序号\t姓名\t准考证号\t笔试成绩\n1\t张伟\t620102990123456\t78.5\n2\t李娜\t620102990123457\t80.5",
    "<table><tr><th>序号</th><th>姓名</th><th>准考证号</th><th>面试成绩</th></tr>"
    "<tr><td>1</td><td>张伟</td><td>620102990123456</td><td>85.2</td></tr></table>",
    "拟录用人员：张伟，准考证号：620102990123456，总成绩81.6分。",
    "序号\t姓名\t学号\n\n1\t王芳\t430102980716231\n\n2\t李强\t430102980716232",  # spreadsheet rows: blank lines between
])
def test_a_legacy_length_number_labelled_as_another_number_is_not_an_id(reviewer, text):
    assert not found(reviewer.review(text), RULE)


@pytest.mark.parametrize("text,value", [
    # the ID column of the same table, an ID cue glued to 编号, a 15-digit ID after its cue
    ("序号\t姓名\t身份证号\t准考证号\n1\t张伟\t620102750123456\t2025010101", "620102750123456"),
    ("申请人：张伟，身份证编号：620102750123456", "620102750123456"),
    ("姓名：张伟，身份证号：620102750123456，准考证号：2025010101", "620102750123456"),
    # an 18-digit number with a valid check digit stays an ID under any header (certificates use the ID as number)
    ("序号\t姓名\t证书编号\n1\t张伟\t110101199003074514", "110101199003074514"),
])
def test_ids_next_to_other_number_labels_are_still_found(reviewer, text, value):
    assert [f.text for f in found(reviewer.review(text), RULE, min_severity=Severity.high)] == [value]


# --- properties --------------------------------------------------------------------------------

_CODES = county_codes()
_FULL = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


@st.composite
def valid_ids(draw):
    code = draw(st.sampled_from(_CODES))
    d = load_divisions()[code]
    last = min(dt.date.today().year - 1, d.end_year + 1 if d.end_year else 2024)
    year = draw(st.integers(min_value=max(1940, last - 80), max_value=last))
    birth = draw(st.dates(min_value=dt.date(year, 1, 1), max_value=dt.date(year, 12, 31)))
    seq = draw(st.integers(min_value=0, max_value=999))
    return make_id(code, birth, seq)


def _formats(n: str) -> dict[str, str]:
    return {
        "plain": n,
        "lower-x": n.lower(),
        "space-684": f"{n[:6]} {n[6:14]} {n[14:]}",
        "hyphen-684": f"{n[:6]}-{n[6:14]}-{n[14:]}",
        "space-6444": f"{n[:6]} {n[6:10]} {n[10:14]} {n[14:]}",
        "full-width": n.translate(_FULL),
    }


CONTEXTS = ["身份证号：{}，", "户主王桂兰，{}，家庭人口2人", "当事人（公民身份号码{}）", "{}", "序号 3 李娜 女 {} 护士"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=valid_ids(), fmt=st.sampled_from(list(_formats("0" * 18))), ctx=st.sampled_from(CONTEXTS))
def test_every_valid_generated_id_is_found_with_exact_offsets(reviewer, number, fmt, ctx):
    shown = _formats(number)[fmt]
    text = ctx.format(shown)
    start = text.index(shown)
    hits = found(reviewer.review(text), RULE, min_severity=Severity.high)
    assert [(f.start, f.end) for f in hits] == [(start, start + len(shown))]
    assert hits[0].text == shown


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=valid_ids(), pos=st.integers(min_value=0, max_value=17), delta=st.integers(min_value=1, max_value=9),
       fmt=st.sampled_from(["plain", "space-684", "full-width"]), ctx=st.sampled_from(CONTEXTS))
def test_single_digit_corruption_is_never_high(reviewer, number, pos, delta, fmt, ctx):
    ch = number[pos]
    new = str((int(ch) + delta) % 10) if ch.isdigit() else str(delta)
    corrupted = number[:pos] + new + number[pos + 1:]
    assert corrupted != number
    text = ctx.format(_formats(corrupted)[fmt])
    assert not found(reviewer.review(text), RULE, min_severity=Severity.high)


_PROJECT = make_id("430102", dt.date(2026, 3, 15), 1)    # 区划代码 + date + serial that passes the check digit
_CONTRACT = make_id("430121", dt.date(2025, 11, 20), 36)
_ORDER = make_id("430104", dt.date(2019, 6, 1), 7)


@pytest.mark.parametrize("text,value", [
    (f"项目编号：{_PROJECT}\n采购方式：竞争性磋商\n成交金额：1,268,500.00元", _PROJECT),
    (f"合同编号：{_CONTRACT}；采购合同签订日期：20251120", _CONTRACT),
    (f"采购计划编号 {_PROJECT} 成交金额 128000元", _PROJECT),
    (f"订单号：{_ORDER}，请妥善保管。", _ORDER),
    (f"办件编号：{_PROJECT}　办理状态：已办结", _PROJECT),   # 政务服务 办件/受理 numbers: 区划代码 + date + serial
    (f"您的留言已受理，受理号：{_CONTRACT}，请凭此号查询办理进度。", _CONTRACT),
    (f"项目编号：{_PROJECT}", _PROJECT),
    (f"<table><tr><td>项目编号</td><td>{_PROJECT}</td></tr><tr><td>预算金额</td><td>3200000元</td></tr></table>", _PROJECT),
    (f"<table><tr><th>序号</th><th>项目编号</th><th>项目名称</th></tr><tr><td>1</td><td>{_PROJECT}</td><td>教学设备采购</td></tr>"
     "</table>", _PROJECT),
])
def test_project_and_contract_numbers_shaped_like_ids_are_low(reviewer, text, value):
    """区划代码+日期+流水号 numbers pass the check digit one time in eleven: under their label, with no person, low."""
    hits = found(reviewer.review(text), RULE)
    assert [(f.text, f.severity) for f in hits] == [(value, Severity.low)]


_ID = make_id("430102", dt.date(1968, 3, 12), 84)


@pytest.mark.parametrize("text", [
    f"人员编号：{_ID}",
    f"社保编号：{_ID}",
    f"证件编号：{_ID}",
    f"学籍号：{_ID}",
    f"姓名：张三，编号：{_ID}",
    f"身份证号码（编号）：{_ID}",
    f"证书编号：{_ID}",
    f"登记编号：{_ID}",
    f"<table><tr><th>编号</th><th>姓名</th><th>证件编号</th></tr><tr><td>001</td><td>王桂兰</td><td>{_ID}</td></tr></table>",
])
def test_id_numbers_under_a_person_s_number_label_stay_high(reviewer, text):
    assert [f.severity for f in found(reviewer.review(text), RULE)] == [Severity.high]


# ---- numbers broken across one line break (PDF text, hard-wrapped plain text) ---------------------------

_WRAP_ID = make_id("430181", dt.date(1975, 11, 2), 14)
_WRAP_ID_X = next(n for n in (make_id("620102", dt.date(1961, 7, 9), s) for s in range(100, 999)) if n.endswith("X"))


@pytest.mark.parametrize("text,value", [
    (f"身份证号：{_WRAP_ID[:10]}\n{_WRAP_ID[10:]}", f"{_WRAP_ID[:10]}\n{_WRAP_ID[10:]}"),
    (f"申请人：王某某，公民身份号码：{_WRAP_ID[:13]}  \r\n  {_WRAP_ID[13:]}，住址：长沙市天心区。",
     f"{_WRAP_ID[:13]}  \r\n  {_WRAP_ID[13:]}"),
    (f"当事人：李某，男，汉族，身份证号码{_WRAP_ID_X[:17]}\n{_WRAP_ID_X[17:]}，住甘肃省兰州市。",
     f"{_WRAP_ID_X[:17]}\n{_WRAP_ID_X[17:]}"),
    (f"身份證號碼：{_WRAP_ID[:6]}\u3000\n{_WRAP_ID[6:]}，聯繫電話：略", f"{_WRAP_ID[:6]}\u3000\n{_WRAP_ID[6:]}"),
])
def test_id_broken_across_one_line_after_a_label_is_found(reviewer, text, value):
    hits = found(reviewer.review(text), RULE, min_severity=Severity.high)
    assert [f.text for f in hits] == [value]
    assert hits[0].explanation.details["format"] == "wrapped"


def test_id_broken_in_html_by_br_is_found(reviewer):
    from govreview import Document

    html = f"<p>身份证号：{_WRAP_ID[:10]}<br>{_WRAP_ID[10:]}</p>"
    r = reviewer.review(Document(html=html))
    hits = found(r, RULE, min_severity=Severity.high)
    assert len(hits) == 1 and html[hits[0].start:hits[0].end] == hits[0].text


@pytest.mark.parametrize("text", [
    f"编号：{_WRAP_ID[:10]}\n{_WRAP_ID[10:]}",                       # no ID label
    f"身份证号：{_WRAP_ID[:10]}\n\n{_WRAP_ID[10:]}",                  # two line breaks
    f"身份证号：{_WRAP_ID[:10]}\n{_WRAP_ID[10:-1]}{'0' if _WRAP_ID[-1] != '0' else '1'}",  # check digit fails
    "证件号码：4301811975\n2026年3月1日前提交。",
    "身份证号码共18位，由17位本体码\n和1位校验码组成。",
    f"准考证号：{_WRAP_ID[:10]}\n{_WRAP_ID[10:]}",                   # another number's label
    "受理身份证件：1234567890\n12345678",
])
def test_digits_on_two_lines_are_not_joined_without_label_and_checksum(reviewer, text):
    assert not found(reviewer.review(text), RULE, min_severity=Severity.medium)
