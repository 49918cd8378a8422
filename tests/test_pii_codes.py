"""pii.bank_card, pii.email, pii.uscc, pii.travel_document, pii.im_account."""

from __future__ import annotations

import pytest

from govreview import Severity
from govreview.pii.validate import bank_card_ok, luhn_ok, uscc_ok

from pii_helpers import found, info_reviewer


def test_luhn_and_uscc_checksums():
    assert luhn_ok("6228480402564890018") and not luhn_ok("6228480402564890019")
    assert uscc_ok("91350100M000100Y43")  # GB 32100 example code
    assert not uscc_ok("91350100M000100Y44")
    assert not bank_card_ok("6201061860680400")  # 6201… is a division-code block, not a card prefix


@pytest.mark.parametrize("text,value", [
    ("高龄津贴：刘振华 每月200元 社保卡号 6236689080751656145", "6236689080751656145"),
    ("发放至工商银行卡6222 0270 3015 9259 530。", "6222 0270 3015 9259 530"),
    ("返乡创业补贴拨付至其个人账户4367428929652768。", "4367428929652768"),
    # 补贴发放 lists: the holder label names a person
    ("户名：李秀英  账号：6228480040123456788  开户行：农行临海支行", "6228480040123456788"),
    ("户主：李满堂，存折号：6228480012345678903，补贴金额840元。", "6228480012345678903"),
    ("户主：李满堂，惠农一折通：6228480012345678903", "6228480012345678903"),
])
def test_personal_bank_cards(reviewer, text, value):
    hits = found(reviewer.review(text), "pii.bank_card", min_severity=Severity.high)
    assert [f.text for f in hits] == [value]


@pytest.mark.parametrize("text", [
    "非税收入缴款账户：户名：兰州市城关区财政局；账号：2703 0011 0902 4900 138。",
    "户名：临海市好运来食品有限公司，账号：6228480040123456788，开户行：农行临海支行。",
    "本次抽查任务编号4401227066946084，抽查对象共计128户。",
    "12345工单编号：2024624376310723，办理结果：已办结。",
    "一卡通账号6228********1234567，补贴金额1341.90元。",
])
def test_not_personal_cards(reviewer, text):
    assert not found(reviewer.review(text), "pii.bank_card", min_severity=Severity.medium)


def test_emails_personal_vs_official(reviewer):
    r = info_reviewer().review("联系人：马老师，邮箱：mahuan2019@126.com；单位邮箱：rsk@km.gov.cn；学会邮箱office@csa.org.cn")
    sev = {f.text: f.severity for f in found(r, "pii.email")}
    assert sev == {"mahuan2019@126.com": Severity.high, "rsk@km.gov.cn": Severity.info,
                   "office@csa.org.cn": Severity.info}


def test_uscc_is_info_and_not_an_id(reviewer):
    r = info_reviewer().review("企业名称：兰州某某商贸有限公司，统一社会信用代码：91620102MAQETY5858，法定代表人：马某。")
    hits = found(r, "pii.uscc")
    assert [(f.text, f.severity) for f in hits] == [("91620102MAQETY5858", Severity.info)]
    assert not found(r, "pii.id_card")


@pytest.mark.parametrize("text,value,kind", [
    ("往来港澳通行证号码CN0461670，出访时间2024年7月8日", "CN0461670", "hkmo_permit"),
    ("持往来港澳通行证（证件号：W82620082）赴港就读", "W82620082", "hkmo_permit"),
    ("林志明，台湾居民来往大陆通行证号码21743404，补贴6000元", "21743404", "tw_permit"),
    ("团长 陈立华，护照号E87785316；", "E87785316", "passport"),
    ("团员 赵敏，护照号EU6037680；", "EU6037680", "passport"),
    ("回乡证号码：H1234567801", "H1234567801", "hkmo_resident_permit"),
    ("陈大文，男，香港居民，回鄉證號碼：H0263541702，現居深圳。", "H0263541702", "hkmo_resident_permit"),
    ("港澳居民来往内地通行证号码：M10293847，姓名：梁嘉欣", "M10293847", "hkmo_resident_permit"),
    ("申请人何志强（港澳居民來往內地通行證：H60284517）", "H60284517", "hkmo_resident_permit"),
])
def test_travel_documents_need_a_document_word(reviewer, text, value, kind):
    hits = found(reviewer.review(text), "pii.travel_document", min_severity=Severity.high)
    assert [(f.text, f.explanation.details["document"]) for f in hits] == [(value, kind)]


@pytest.mark.parametrize("text", [
    "增值税专用发票 发票号码：01234567，金额 8,850.00 元。",
    "护照号码E1234****的持证人员请到人事处领取证件。",
    "港澳通行证号码C*******2的持证人员请领取证件。",
    "护照号E12345（位数不足）",
    "回乡证办理指南：请携带回乡证原件及复印件1份，受理时限10个工作日，咨询电话12345。",
    "往来港澳通行证：H12345678",                # H is a 回乡证's letter, not a 港澳通行证's
    "回乡证号码：C12345678",
    "项目编号H1234567801，回乡证补办流程见附件。",  # the code stands before the document word
])
def test_no_travel_document_without_shape_or_word(reviewer, text):
    assert not found(reviewer.review(text), "pii.travel_document")


def test_qq_and_wechat_only_with_a_label(reviewer):
    r = reviewer.review("联系人杜先生，QQ：312443213，微信号：du_xs2020；共处理312443213件；关注微信公众号：lzzwfw")
    vals = [f.text for f in found(r, "pii.im_account")]
    assert vals == ["312443213", "du_xs2020"]
    assert "2837461905" not in [f.text for f in found(reviewer.review("发送至2837461905@qq.com"), "pii.im_account")]


@pytest.mark.parametrize("text,rule,values", [
    ("王某，微信号：wxid_abc123，QQ：123456789。", "pii.im_account", ["wxid_abc123", "123456789"]),
    ("王某，ＱＱ号：123456789。", "pii.im_account", ["123456789"]),
    ("申请人李某，护照号码E12345678。", "pii.travel_document", ["E12345678"]),
    ("申请人李某，PASSPORT：E12345678。", "pii.travel_document", ["E12345678"]),
])
def test_labelled_codes_found_with_folds_off(reviewer, text, rule, values):
    """These detectors run only where a label word occurs in the folded text; their cue lists
    name every spelling the patterns accept, so switching folds off loses nothing."""
    from govreview import Reviewer

    unfolded = Reviewer({"fold": {"width": False, "case": False, "t2s": False, "noise": False, "repeats": False}})
    for rev in (reviewer, unfolded):
        assert [f.text for f in found(rev.review(text), rule)] == values


@pytest.mark.parametrize("text,value", [
    ("如对公示对象有异议，请于公示期内将书面材料发送至举报邮箱：cgqjw2024@163.com。", "cgqjw2024@163.com"),
    ("部门信箱：cgqmzj@163.com（城关区民政局）", "cgqmzj@163.com"),
    ("区民政局邮箱：cgqmzj@163.com，邮编730030。", "cgqmzj@163.com"),
    ("投稿邮箱：lzcgtougao@126.com，来稿请注明作者姓名及联系方式。", "lzcgtougao@126.com"),
    ("报名邮箱：cgrsjzp@126.com，邮件标题注明“姓名+岗位”。", "cgrsjzp@126.com"),
    ("电子邮箱：xfjzx2020@qq.com（城关区信访局）", "xfjzx2020@qq.com"),
    # a 会议通知 names the office that receives the 回执, then its mailbox; or says where material is sent
    ("请各单位于3月16日17:00前将参会回执报送市政府办公厅政务公开办，电子邮箱：cszwgk@163.com。", "cszwgk@163.com"),
    ("各乡镇、各部门请于每月5日前将信息报送县政府办，邮箱：xzfb_xx@126.com。", "xzfb_xx@126.com"),
    ("请于6月10日前将汇总表电子版发送至邮箱：hnsjyt2026@163.com，纸质版加盖公章后报送市教育局。", "hnsjyt2026@163.com"),
    ("推荐材料请报至指定邮箱xxbsjlb@qq.com，逾期不予受理。", "xxbsjlb@qq.com"),
])
def test_office_free_mail_mailboxes_are_not_personal(reviewer, text, value):
    """County offices publish 163/126/qq mailboxes: the label (or the office after it) says whose it is."""
    assert not found(reviewer.review(text), "pii.email", min_severity=Severity.low)
    hits = found(info_reviewer().review(text), "pii.email")
    assert [(f.text, f.severity) for f in hits] == [(value, Severity.info)]


@pytest.mark.parametrize("text,value", [
    ("联系人：马老师，邮箱：mahuan2019@126.com。", "mahuan2019@126.com"),
    ("报名材料请发送至负责人邮箱luoyun_hr@163.com。", "luoyun_hr@163.com"),
    ("招聘专员刘老师个人邮箱liuwenjing1988@qq.com，邮件标题注明姓名。", "liuwenjing1988@qq.com"),
    ("您于5月7日通过市长信箱yangxuemei1985@163.com反映的问题已收悉。", "yangxuemei1985@163.com"),
    ("报名邮箱见附件。联系人：王丽，电子邮箱：wangli_86@163.com（区人社局）", "wangli_86@163.com"),
    ("申请人：李某，住址：长沙市某小区3栋502室，电子邮箱：lisi1988@qq.com", "lisi1988@qq.com"),
    ("申请人：李某，住所：长沙市岳麓区某小区，电子邮箱：lisi1988@qq.com。", "lisi1988@qq.com"),
])
def test_personal_free_mail_stays_high(reviewer, text, value):
    hits = found(reviewer.review(text), "pii.email", min_severity=Severity.high)
    assert [f.text for f in hits] == [value]


@pytest.mark.parametrize("text,value", [
    ("招生咨询QQ群：123456789，官方微信：cgjyj2024。", "cgjyj2024"),
    ("咨询QQ：800012345（城关区政务服务中心）", "800012345"),
    ("城关区人社局微信号：cgrsj_gov，欢迎关注。", "cgrsj_gov"),
    ("QQ：2837461905（区政务服务中心）", "2837461905"),
])
def test_office_im_accounts_are_info(reviewer, text, value):
    assert not found(reviewer.review(text), "pii.im_account", min_severity=Severity.low)
    assert [(f.text, f.severity) for f in found(info_reviewer().review(text), "pii.im_account")] == [(value, Severity.info)]


def test_person_nearer_than_office_label_keeps_im_account_personal(reviewer):
    r = reviewer.review("咨询联系人：张老师，微信号：zhang_ls88，QQ：312443213。")
    assert [f.text for f in found(r, "pii.im_account", min_severity=Severity.high)] == ["zhang_ls88", "312443213"]
