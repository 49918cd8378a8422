"""pii.phone.*: candidate forms, phonenumbers validity, personal vs office classification."""

from __future__ import annotations

import pytest

from govreview import Severity

from pii_helpers import found, info_reviewer

MOBILE = "pii.phone.mobile"
LANDLINE = "pii.phone.landline"


@pytest.mark.parametrize("text,value", [
    ("技术咨询：张工，手机：13610867705。", "13610867705"),
    ("家属联系电话135-7680-9098，请保持畅通。", "135-7680-9098"),
    ("联系人：郭蕾，电话150 2050 9597。", "150 2050 9597"),
    ("合作导师郑教授，手机：+86 139 4744 9477。", "+86 139 4744 9477"),
    ("联系人 Dr. Wang（王立群），Tel：+86-138-4542-2608。", "+86-138-4542-2608"),
    ("联系人：许文，008618355388535。", "008618355388535"),
    ("会务组：蔡振华，手机+8613902714358。", "+8613902714358"),
    ("联系人：许文，手机：86-18355388535。", "86-18355388535"),  # the country code without its plus
    ("当事人本人手机１３９１２３４５６７８，已告知。", "１３９１２３４５６７８"),
    # the record's name is far back, but its home address (or a valid ID) makes it a person's
    ("困难群众临时救助对象公示：王秀英，女，住址：城关镇幸福路18号3单元502室，联系电话：13912345678，救助金额3000元。",
     "13912345678"),
    ("2  11010519850612123X  北京市朝阳区建国路88号院3号楼2单元501室  13812345678", "13812345678"),
])
def test_personal_mobiles_are_high(reviewer, text, value):
    hits = found(reviewer.review(text), MOBILE, min_severity=Severity.high)
    assert [f.text for f in hits] == [value]


@pytest.mark.parametrize("text", [
    "如对公示人员有异议，监督电话：0931-12380，政务服务便民热线：12345。",
    "咨询电话：400-123-4567（工作日9:00-17:30），投诉电话：12315。",
    "防汛办值班室电话：023-63851234，火警119，急救120，报警110。",
    "中国工商银行客服热线95588，中国建设银行客服热线95533。",
    "联系人：张三，联系电话：0931-8912345。",
    "办公电话：0931-8912345；传真：0931-8912346；举报电话：0931-8465120。",
    "全市移动电话用户4587263户，快递业务量1231045879件。",
    "临时救助对象：李**，联系电话139****5678，救助金额3000元。",
    "如有异议，举报电话：0576-12380，手机短信：13905761238。",  # 手机短信 is a reporting channel, not a person's phone
])
def test_office_lines_service_numbers_and_masks_are_not_personal(reviewer, text):
    r = reviewer.review(text)
    assert not [f for f in r.findings if f.rule.startswith("pii.phone") and f.severity >= Severity.medium]


def test_landlines_are_found_and_classified(reviewer):
    r = info_reviewer().review("值班电话：(0931)8912345，分机0931-8912345-801；家庭电话：0931-2234567。")
    lines = found(r, LANDLINE)
    assert [f.text for f in lines] == ["(0931)8912345", "0931-8912345-801", "0931-2234567"]
    assert [f.severity for f in lines] == [Severity.info, Severity.info, Severity.high]


def test_mobile_in_office_context_is_info(reviewer):
    text = "政务服务咨询热线：13909310000（工作日接听）"
    hits = found(info_reviewer().review(text), MOBILE)
    assert hits and hits[0].severity is Severity.info
    assert not found(reviewer.review(text), MOBILE)  # info findings are opt-in


def test_invalid_mobile_prefix_is_not_a_phone(reviewer):
    # 12 is not a mobile prefix; 140 is a data-only range that phonenumbers does not accept as a mobile
    r = reviewer.review("手机：12912345678，编号14012345678。")
    assert not found(r, MOBILE)


def test_person_is_noted_in_the_explanation(reviewer):
    r = reviewer.review("申请人白云飞，联系电话18309970701。")
    f = found(r, MOBILE)[0]
    assert f.severity is Severity.high
    assert f.explanation.details.get("person")
    assert f.explanation.context


@pytest.mark.parametrize("text,value", [
    ("家属电话：0931-8969201，请保持畅通。", "0931-8969201"),
    ("家属电话 2 0931-8969201，请保持畅通。", "0931-8969201"),  # the landline starts inside a longer number run
    # an IME's em or en dash between the area code and the number
    ("家庭电话：0931—8456123。", "0931—8456123"),
    ("住宅电话：０９３１–８４５６１２３", "０９３１–８４５６１２３"),
])
def test_private_landline_word_before_the_number(reviewer, text, value):
    hits = [f for f in reviewer.review(text).findings if f.rule == "pii.phone.landline"]
    assert [(f.text, f.severity) for f in hits] == [(value, Severity.high)]


@pytest.mark.parametrize("text", [
    "防汛值班手机：13993112345，值班室电话：0931-8456789。",
    "举报电话：0931-12380，举报手机：13993112345，举报邮箱：cgjw@gs.gov.cn。",
    "疫情防控咨询手机：18993112345（24小时）。",
    "森林防火应急手机 13893156789，请保持畅通。",
    "联系电话：13993112345（城关区应急管理局）",
    "受理咨询：18993112345（区政务服务中心）",
    # 12380 公示 and 纪检 notices: a reporting line kept on a mobile, labelled 专用 or by the SMS channel
    "短信举报：13707360123（市委组织部举报专用手机）",
    "短信举报：13873412380",
    "举报专用手机：13907311234，来信请寄县纪委监委信访室。",
    "县纪委监委举报电话：0745-1234567，举报专用手机：13974512345",
    "防汛值班专用手机：18907451234。",
    "联系电话：13907451234（县应急管理局值班专用）",
])
def test_duty_and_service_mobiles_are_not_personal(reviewer, text):
    """值班手机/举报手机 are duty lines kept on a mobile; an office named right after a number owns it."""
    assert not found(reviewer.review(text), MOBILE, min_severity=Severity.low)
    assert [f.severity for f in found(info_reviewer().review(text), MOBILE)] == [Severity.info]


@pytest.mark.parametrize("text,expected", [
    ("各乡镇联系电话：东岗镇 13993112345；青白石街道 13893156789", Severity.medium),
    ("各镇防汛联络：焦家湾街道 13993112345，彭家坪镇 13893156789", Severity.medium),
    ("防汛物资储备点：晏家坪 13993112345，柳泉乡 13893156789", Severity.medium),
])
def test_place_names_jieba_tags_nr_are_not_people(reviewer, text, expected):
    """jieba tags many place names nr (东岗镇, 焦家湾, 白石 before 街道): they do not make a number personal."""
    assert {f.severity for f in found(reviewer.review(text), MOBILE)} == {expected}


@pytest.mark.parametrize("text", [
    "值班人员：张伟 13993112345，王芳 13893156789",
    "联系人：刘家堡街道 王建国，手机：13993112345",
    "值班领导手机：13993112345（李局长）",
    "来电人王某某，手机13893156789，反映小区停水问题。",
    "举报人：张某，手机：13907451234，反映村干部优亲厚友问题。",
    "举报人手机：13907451234",
    "联系人：李科长，手机13907451234（县纪委监委）",
])
def test_people_among_duty_words_stay_personal(reviewer, text):
    hits = found(reviewer.review(text), MOBILE)
    assert hits and all(f.severity is Severity.high for f in hits)


@pytest.mark.parametrize("text,value", [
    ("信访事项处理意见书\n信访人：陈秀兰\n身份证号：110101199003074514\n住址：兰州市七里河区敦煌路街道郑家庄村3组\n"
     "联系电话：13893112345\n你于2024年5月6日反映的问题收悉。", "13893112345"),
    ("申请人：刘某某\n通讯地址：兰州市城关区庆阳路189号\n联系电话：13609318888\n申请内容：……", "13609318888"),
    ("救助对象登记表\r\n姓名：王桂兰\r\n性别：女\r\n家庭人口：3人\r\n联系电话：139 9311 2345\r\n", "139 9311 2345"),
    ("被执行人：赵国强\n户籍地：甘肃省兰州市\n联系方式：18993112345", "18993112345"),
])
def test_mobile_in_a_one_field_per_line_record_of_a_person_is_high(reviewer, text, value):
    """信访意见书, 答复书 and 登记表 put one field per line: the person is named lines above the phone."""
    hits = found(reviewer.review(text), MOBILE, min_severity=Severity.high)
    assert [f.text for f in hits] == [value]


@pytest.mark.parametrize("text", [
    "受理单位：城关区信访局\n办公地址：城关区中山路1号\n联系电话：13893112345",
    "信访人：陈秀兰\n\n如对处理意见不服，可向上级机关申请复查。\n联系电话：13893112345",  # a blank line ends the record
    "本次公示对象的申请人均已签字确认。\n联系电话：13893112345",
    "项目名称：城关区老旧小区改造工程\n建设地点：城关区雁滩路街道\n咨询电话：13893112345",
])
def test_office_field_blocks_are_not_raised(reviewer, text):
    assert not found(reviewer.review(text), MOBILE, min_severity=Severity.high)


_ROW_ID = "620102198506121230"


@pytest.mark.parametrize("html,value", [
    ("<table><tr><th>序号</th><th>户主</th><th>身份证号</th><th>联系电话</th></tr>"
     f"<tr><td>1</td><td>王桂兰</td><td>{_ROW_ID}</td><td>13993112345</td></tr></table>", "13993112345"),
    ("<table>\n<tr>\n  <td>1</td>\n  <td>李富贵</td>\n  <td>男</td>\n  <td>住址：七里河区西园街道</td>\n"
     "  <td>138&nbsp;0931&nbsp;5678</td>\n</tr>\n</table>", "138&nbsp;0931&nbsp;5678"),
    ("<html><body><p>2024年临时救助对象公示</p><table><tbody><tr><td>陈秀英</td><td>现住：伏龙坪村5组</td>"
     "<td>15193112345</td></tr></tbody></table></body></html>", "15193112345"),
])
def test_mobile_in_an_html_table_row_of_a_person_is_high(reviewer, html, value):
    """Each <td> is a line of the view; the row's other cells (a valid ID, a home-address label) still say whose it is."""
    r = reviewer.review(html)
    hits = found(r, MOBILE, min_severity=Severity.high)
    assert [f.text for f in hits] == [value]
    assert all(html[f.start:f.end] == f.text for f in r.findings)


@pytest.mark.parametrize("html", [
    "<table><tr><td>乡镇</td><td>联系科室</td><td>联系电话</td></tr>"
    "<tr><td>东岗镇</td><td>党政办</td><td>13993112345</td></tr>"
    f"<tr><td>青白石街道</td><td>社会事务办</td><td>13809315678</td></tr></table><p>身份证号：{_ROW_ID}</p>",
    f"<table><tr><td>{_ROW_ID}</td></tr><tr><td>咨询电话</td><td>13809315678</td></tr></table>",  # another row's ID
])
def test_html_table_rows_of_offices_or_other_rows_do_not_raise(reviewer, html):
    assert not found(reviewer.review(html), MOBILE, min_severity=Severity.high)


@pytest.mark.parametrize("text,value", [
    ("申请人：李秀英，联系电话：0931-8456123。", "0931-8456123"),
    ("户主王桂兰，家庭人口3人，电话：(0931)8456123", "(0931)8456123"),
    ("举报人王某，联系电话：0931-8456123（已核实）", "0931-8456123"),
    ("被执行人：赵国强，联系方式：0931 8456123", "0931 8456123"),
])
def test_landline_of_a_named_party_is_medium(reviewer, text, value):
    """A citizen's landline after 申请人：李秀英 is theirs; without report_info it used to vanish as an office line."""
    hits = found(reviewer.review(text), LANDLINE)
    assert [(f.text, f.severity) for f in hits] == [(value, Severity.medium)]


@pytest.mark.parametrize("text", [
    "申请人：兰州某某商贸有限公司，联系电话：0931-8456123。",
    "申请人须携带户口簿到所在社区申请，联系电话0931-8456123。",
    "申请人：李秀英，咨询电话：0931-8456123。",  # the office's line for her questions
    "当事人对处罚决定不服的，可向城关区人民政府申请复议，电话：0931-8456123。",
    "户主签字，联系电话0931-8456123",
    "申请人可拨打0931-8456123咨询。",
    "联系人：王老师，联系电话：0931-8456123。",
])
def test_landlines_without_a_named_party_stay_office_lines(reviewer, text):
    assert not found(reviewer.review(text), LANDLINE)


@pytest.mark.parametrize("text", [
    # 统计公报 / 预决算: 13–19 billion 元 is an 11-digit amount that begins like a mobile
    "年末金融机构本外币各项存款余额13876543210万元，各项贷款余额15912345678万元。",
    "全年完成固定资产投资18912345678元，其中民间投资13512345678元。",
    "全年全社会用电量13512345678千瓦时，货运量15912345678吨。",
    "一般公共预算支出决算数为15012345678.50元，完成调整预算的98.6%。",
    "<table><tr><td>项目</td><td>金额（元）</td></tr><tr><td>基本支出</td><td>13812345678</td></tr>"
    "<tr><td>项目支出</td><td>15012345678.50</td></tr></table>",
    "<table><tr><th>功能分类科目</th><th>预算数</th><th>决算数</th></tr><tr><td>教育支出</td><td>13812345678</td>"
    "<td>13798765432</td></tr></table>",
    # codes with a mobile-shaped middle
    "采购项目编号：13912345678-001；包号：1",
    "本合同编号为 HT-18673145621 ，签订日期 2026-04-15。",
    # CMS article ids in a web address written in the text (原文链接, 转载自; PDF and xlsx link targets too)
    "原文链接：http://www.hunan.gov.cn/hnszf/xxgk/t20240105_13912345678.html",
    "详见 www.hunan.gov.cn/zwgk/13912345678.html 。",
    "来源：https://www.gov.cn/zhengce/content/202401/content_13912345678.htm?ddtab=true",
    "详见hunan.gov.cn/art/2024/1/5/art_13912345678_1.html",  # a bare host with a path
    "转载自：WWW.HUNAN.GOV.CN/zwgk/t20240105_13912345678.html",  # www. typed in capitals
    "原文地址：ｗｗｗ．ｈｕｎａｎ．ｇｏｖ．ｃｎ／ｚｗｇｋ／１３９１２３４５６７８．ｈｔｍｌ",  # typed in full width
])
def test_amounts_and_codes_shaped_like_mobiles_are_not_phones(reviewer, text):
    assert not found(reviewer.review(text), MOBILE)


@pytest.mark.parametrize("text,value", [
    ("联系人张三 13812345678 万家丽路门店", "13812345678"),
    ("联系电话：13812345678/13912345678（王先生）", "13912345678"),
    ("<table><tr><th>姓名</th><th>联系电话</th><th>补助金额（元）</th></tr><tr><td>王桂兰</td><td>13812345678</td>"
     "<td>1260</td></tr></table>", "13812345678"),
    ("户主：李满堂，手机：13812345678。发放金额：840元。", "13812345678"),
    ("网址：http://www.hunan.gov.cn 联系人：张三 13812345678", "13812345678"),
    ("网站hunan.gov.cn/ 联系人：张三 13812345678", "13812345678"),  # the address ends at the space
    ("见附件.doc，联系人张三13812345678", "13812345678"),  # a file name is no host
])
def test_mobiles_next_to_amounts_stay_personal(reviewer, text, value):
    assert value in [f.text for f in found(reviewer.review(text), MOBILE, min_severity=Severity.high)]


@pytest.mark.parametrize("text", [
    # 拟录用/拟聘用 公示: exam and student numbers of 11 digits can begin like a mobile
    "1 陈思远 男 准考证号：13901021503 湖南大学 法学",
    "拟录用人员：陈思远，准考证号13901021503，总成绩81.6分。",
    "<table><tr><th>序号</th><th>姓名</th><th>准考证号</th><th>总成绩</th></tr>"
    "<tr><td>1</td><td>陈思远</td><td>13901021503</td><td>81.6</td></tr></table>",
    "<table><tr><th>序号</th><th>姓名</th><th>学号</th></tr><tr><td>1</td><td>陈思远</td><td>15301021503</td></tr></table>",
    "考生号：18430102123，报考岗位：小学语文。",
])
def test_other_labelled_numbers_shaped_like_mobiles_are_not_phones(reviewer, text):
    assert not found(reviewer.review(text), MOBILE)


@pytest.mark.parametrize("text,value", [
    ("陈思远，准考证号12301021503，联系电话13901021503。", "13901021503"),
    ("工号1234，手机13901021503", "13901021503"),
    ("<table><tr><th>姓名</th><th>准考证号</th><th>联系电话</th></tr>"
     "<tr><td>陈思远</td><td>12301021503</td><td>13901021503</td></tr></table>", "13901021503"),
])
def test_a_phone_word_nearer_than_another_number_s_label_keeps_the_mobile(reviewer, text, value):
    assert [f.text for f in found(reviewer.review(text), MOBILE, min_severity=Severity.high)] == [value]


def test_a_mobile_passed_in_a_web_address_is_still_found(reviewer):
    """A query value named as a phone (…?mobile=139…) publishes the number in the address."""
    rep = reviewer.review("查询结果：http://www.example.gov.cn/query?mobile=13812345678&name=zhang")
    assert [f.text for f in found(rep, MOBILE)] == ["13812345678"]


@pytest.mark.parametrize("text,value", [
    ("联系电话：13907451234（王科长手机）", "13907451234"),
    ("受理咨询：13907451234（李老师的手机），工作日8:30—17:30。", "13907451234"),
    ("如有疑问，请拨打13807318452（张建国手机）。", "13807318452"),
    ("聯繫電話：13907451234（王科長手機）", "13907451234"),
    ("报名电话：139 0745 1234（刘主任电话）", "139 0745 1234"),
])
def test_a_named_owner_in_brackets_after_the_mobile_makes_it_personal(reviewer, text, value):
    hits = found(reviewer.review(text), MOBILE)
    assert [f.text for f in hits] == [value] and hits[0].severity is Severity.high


@pytest.mark.parametrize("text", [
    "联系电话：13907451234（值班手机）",
    "联系电话：13907451234（办公室手机）",
    "防汛值守联系方式：13907451234（值守专用手机）",
    "举报受理：13907451234（举报专用电话），邮箱：jubao@example.gov.cn",
    "聯繫電話：13907451234（值班手機）",
    "联系电话：13907451234（咨询热线）",
])
def test_a_duty_line_named_in_brackets_after_the_mobile_is_an_office_line(reviewer, text):
    assert not found(reviewer.review(text), MOBILE, min_severity=Severity.medium)


@pytest.mark.parametrize("text,value", [
    ("王秀英：\n    你于2026年3月2日提出的政府信息公开申请收悉。现答复如下：……\n"
     "    送达地址：长沙市岳麓区麓山南路368号3栋303室\n    联系电话：13807318452\n", "13807318452"),
    ("李某某同志：\n　　你提交的信访事项已收悉。\n　　邮寄地址：湘潭市雨湖区韶山西路102号2单元501室\n　　联系电话：13907326541",
     "13907326541"),
    ("張秀蘭女士：\n你的申請已收悉。\n送達地址：長沙市天心區書院路9號4棟1單元602室\n聯繫電話：13907326541", "13907326541"),
    ("政府信息公开申请答复书\n送达地址：长沙市开福区芙蓉中路一段88号锦绣小区5栋303室\n联系电话：13807318452", "13807318452"),
    ("收件人：王某某，邮寄地址：株洲市芦淞区建设南路12号3单元201室，联系电话：13807318452。", "13807318452"),
])
def test_mobile_after_a_named_addressee_s_delivery_address_is_high(reviewer, text, value):
    hits = found(reviewer.review(text), MOBILE)
    assert [f.text for f in hits] == [value] and hits[0].severity is Severity.high


@pytest.mark.parametrize("text", [
    "各有关单位：\n    现将申报事项通知如下。\n    邮寄地址：长沙市岳麓区麓山南路368号3楼301室\n    联系电话：13907451234\n",
    "办理流程：\n材料邮寄地址：长沙市岳麓区麓山南路368号市政务服务中心3楼301室\n联系电话：13907451234",
    "王秀英：\n    你的申请收悉。\n    送达地址：长沙市天心区人民政府办公室\n    联系电话：13807318452\n",
    "申报材料请寄送至以下地址。\n邮寄地址：长沙市岳麓区麓山南路368号3楼301室\n联系电话：13907451234",
])
def test_an_office_s_delivery_address_does_not_raise_the_mobile(reviewer, text):
    assert not found(reviewer.review(text), MOBILE, min_severity=Severity.high)


# ---- Taiwan mobiles on 港澳台 material -----------------------------------------------------------------

@pytest.mark.parametrize("text,value,severity", [
    ("行動電話：0912345678", "0912345678", Severity.high),
    ("聯絡人：林美玲，行動電話：0912-345-678，電子郵件：略", "0912-345-678", Severity.high),
    ("台胞陈志明，手机：+886 912 345 678，来闽投资项目：……", "+886 912 345 678", Severity.high),
    ("參訪團成員 黃淑芬（手機 0987 654 321）", "0987 654 321", Severity.high),
    ("来访登记　移动电话：0912345678", "0912345678", Severity.medium),  # a mobile, nobody named
])
def test_taiwan_mobiles_after_a_mobile_label(reviewer, text, value, severity):
    hits = found(reviewer.review(text), MOBILE)
    assert [(f.text, f.severity) for f in hits] == [(value, severity)]
    assert hits[0].explanation.details["region"] == "TW"


@pytest.mark.parametrize("text", [
    "联系电话：0912345678",                        # no mobile label: not read as a Taiwan mobile
    "榆林市政务服务中心，手机：0912-3456789",          # 榆林 0912 area code + 7 digits
    "行动电话：0212345678",                          # a Taipei landline shape
    "准考证号：0912345678，手机短信查询成绩",
    "值班手机：0912345678",                          # an office's duty line
    "2026年09月12日至09月30日，每日09:00—17:00受理。",
])
def test_nothing_else_reads_as_a_taiwan_mobile(reviewer, text):
    assert not found(reviewer.review(text), MOBILE, min_severity=Severity.medium)
