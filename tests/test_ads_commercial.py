"""advertising.commercial: the sales and illegal-service wording of spam, not government text about commerce."""

import pytest

from govreview import Severity


def _ads(reviewer, text, min_severity=Severity.medium):
    report = reviewer.review(text)
    return [f.text for f in report.findings if f.rule == "advertising.commercial" and f.severity >= min_severity]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("专业代开发票，点数低，可验证后付款", ["代开发票"]),
        ("代开发票，联系电话13919312345", ["代开发票"]),
        ("代开各类发票，诚信经营", ["代开各类发票"]),
        ("全场五折，扫码领取优惠券。", ["全场五折", "扫码领取", "优惠券"]),
        ("招商加盟热线：400-800-1234，限时优惠，抢购从速！", ["招商加盟", "限时优惠"]),
        # the footer of a commercial site's repost or a self-media sign-off
        ("更多精彩内容，请关注某某科技官方微信：mkj2025，商务合作QQ：123456789，优惠热线：400-888-1234",
         ["商务合作QQ", "优惠热线"]),
        ("广告合作、广告投放请联系：mkj2025@163.com", ["广告合作", "广告投放请联系"]),
    ],
)
def test_spam_wording_is_an_ad(reviewer, text, expected):
    assert _ads(reviewer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # tax-bureau pages describe 代开发票 as their own service
        "纳税人可以向主管税务机关申请代开发票。",
        "代开发票办理指南",
        "办理代开发票业务需要携带身份证件。",
        "自然人代开发票可通过电子税务局办理。",
        "严厉打击代开发票等涉税违法行为。",
        # e-commerce news and regulation name platforms and trades
        "我县与拼多多平台签订农产品上行合作协议。",
        "全县电商企业入驻天猫旗舰店、京东自营等平台。",
        "微商从业人员应依法办理市场主体登记。",
        "副县长走进直播间直播带货，助力农产品销售。",
        # consumption subsidies
        "市商务局组织开展家电以旧换新活动，消费者可扫码领取补贴。",
        "我市开展“惠民消费季”活动，发放消费券。",
        "区商务局举办中外商务合作洽谈会，签约项目12个。",
    ],
)
def test_government_text_about_commerce_is_not_an_ad(reviewer, text):
    assert _ads(reviewer, text) == []


def test_platform_names_stay_visible_as_low_mentions(reviewer):
    assert _ads(reviewer, "我县与拼多多平台签订合作协议。", Severity.low) == ["拼多多"]


def _ad_rules(reviewer, text, min_severity=Severity.medium):
    report = reviewer.review(text)
    for f in report.findings:
        assert text[f.start:f.end] == f.text
    return [(f.rule, f.text) for f in report.findings
            if f.rule in ("advertising.commercial", "advertising.gambling") and f.severity >= min_severity]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("网络赌博类诈骗：以“稳赚不赔”“内部消息”为诱饵，诱导受害人下载博彩APP充值投注。", "稳赚不赔"),
        ("骗子以“兼职日结”“足不出户日赚数百元”为诱饵，先让受害人刷小单返佣金，再诱导其大额充值。", "兼职日结"),
        ("切记：网上“百家乐”“时时彩”平台都是非法赌博，赢了不给提现，输了血本无归。", "百家乐"),
        ("反诈提醒：所谓“刷单返利”“日赚三百”都是骗局，凡是要求先垫付资金的都是诈骗！", "日赚"),
        ("<p>市反诈中心提示：以“投资小回报高”“月入过万”为诱饵的网络投资，都是诈骗陷阱。</p>", "投资小回报高"),
        ("十赌九骗！所谓“稳赚不赔”的赌博平台，专门设局诱骗参与者不断充值。", "稳赚不赔"),
    ],
)
def test_anti_fraud_publicity_quoting_the_lures_is_not_an_ad(reviewer, text, quoted):
    # 反诈宣传 quotes the lures it warns about; the words stay visible at low
    assert _ad_rules(reviewer, text) == []
    assert any(t == quoted for _, t in _ad_rules(reviewer, text, Severity.low))


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("澳门新葡京娱乐场，真人百家乐，信誉第一绝无诈骗，提款秒到！", "新葡京娱乐场"),
        ("正规网络赌博平台推荐：太阳城集团、皇冠体育，注册送彩金。", "太阳城集团"),
        ("招商加盟热线：400-800-1234，诚邀加盟，投资小回报高，谨防假冒！", "招商加盟"),
        ("兼职日结，日赚300元，手机就能做，正规平台不收押金不骗人。", "兼职日结"),
    ],
)
def test_spam_that_mentions_one_fraud_word_is_still_an_ad(reviewer, text, term):
    assert any(t == term for _, t in _ad_rules(reviewer, text))


@pytest.mark.parametrize("text", [
    "如需咨询，请添加微信公众号“某某县政务服务”，随时获取办事指南。",
    "欢迎扫码添加微信小程序“某某市民服务”，在线预约办理。",
    "群众可添加微信视频号“某某发布”观看新闻发布会直播。",
])
def test_an_office_asking_readers_to_follow_its_account_is_no_ad(reviewer, text):
    assert not [f for f in reviewer.review(text).findings if f.rule == "advertising.commercial"]


def test_contact_solicitation_with_a_wechat_id_stays_an_ad(reviewer):
    found = [f.text for f in reviewer.review("代开各类发票，需要的加微信 fp8888 联系。").findings if f.rule == "advertising.commercial"]
    assert "加微信" in found


@pytest.mark.parametrize("text", [
    "反诈提示：近期有不法分子以“注册送彩金”为诱饵，诱骗群众添加微信 xpj888，请勿轻信，谨防被骗。",
    "警方提醒：骗子常以“兼职刷单”为诱饵，诱导受害人加微信 sd2024 后实施诈骗，请勿轻信，谨防被骗。",
])
def test_anti_fraud_publicity_naming_the_lure_s_wechat_is_no_ad(reviewer, text):
    # the lure's own 加微信 is what the warning names, not a pitch of the page: low, and no contact solicitation
    report = reviewer.review(text)
    ads = [f for f in report.findings if f.rule == "advertising.commercial"]
    assert ads and all(str(f.severity) == "low" for f in ads)
    assert not [f for f in report.findings if f.rule == "advertising.contact"]


@pytest.mark.parametrize("text", [
    "远离骗子平台，认准加微信 xpj888，正规平台秒到账。",
    "不是骗子！诚招代理，加微信 dl6666 详聊。",
])
def test_spam_that_talks_about_scams_and_pitches_stays_an_ad(reviewer, text):
    ads = [f for f in reviewer.review(text).findings if f.rule == "advertising.commercial" and f.text == "加微信"]
    assert ads and all(str(f.severity) == "medium" for f in ads)
