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
    ],
)
def test_government_text_about_commerce_is_not_an_ad(reviewer, text):
    assert _ads(reviewer, text) == []


def test_platform_names_stay_visible_as_low_mentions(reviewer):
    assert _ads(reviewer, "我县与拼多多平台签订合作协议。", Severity.low) == ["拼多多"]
