"""Text *about* gambling and fraud lures vs text that *is* the lure.

Anti-gambling and anti-fraud publicity (反赌/反诈宣传), police and court news quote the lures they warn
about — in quotation marks (所谓“包赢计划”), as the items of a classification (常见的网络赌博形式有：…),
or as the name of what they describe (…的刷单广告, …等小广告) — often with a single report word
(诈骗, 被骗, 网络赌博…) in the paragraph. Such mentions must stay at ``low`` (visible, no review verdict).

Spam says the same words as its own sales claims: 绝无诈骗, 不是骗子, 拒绝黑钱, 谨防假冒, 无需审核.
A claim like that is not a prohibition, a warning or a report: it must neither hide the term as a
negation cue nor count as a report word.
"""

from __future__ import annotations

import pytest

from govreview import Document, Severity

RULES = ("advertising.gambling", "advertising.commercial", "sensitive.term")


def _doc(text: str) -> Document:
    return Document(html=text) if text.lstrip().startswith("<") else Document(text=text)


def _findings(reviewer, text):
    doc = _doc(text)
    report = reviewer.review(doc)
    for f in report.findings:
        assert doc.content[f.start:f.end] == f.text
    return report, [f for f in report.findings if f.rule in RULES]


# --- spam: blocked (gambling, illegal trade) or reviewed (commercial) ------------------------------------

SPAM_HIGH = [
    # the spam's own negations of fraud are sales claims, not cues
    "真人百家乐，信誉第一绝无诈骗",
    "澳门新葡京娱乐场，真人百家乐，信誉第一绝无诈骗，提款秒到！",
    "澳門新葡京娛樂場，真人百家樂，信譽第一，絕無詐騙！",
    "澳*门*新*葡*京 官 网，拒绝黑钱，认准唯一网址",
    "谨防假冒！澳门新葡京唯一官网：www.xpj888.com",
    "警惕山寨网站，太阳城集团唯一官方网址 yc88.com",
    "远离黑平台，选择真人百家乐大平台，首存即送",
    "“澳门银河”官方指定网站，绝非骗局，注册即送彩金",
    "「太阳城集团」官方網址，信譽保證，絕無騙局",
    "真人荷官在线发牌，网络赌博首选平台，正规合法不黑钱",
    "皇冠体育　足球投注　拒绝黑钱　秒速出款",
    "公平公正，拒绝作弊，真人荷官百家乐24小时在线",
    '<div style="display:none">澳门葡京赌场 真人百家乐 绝无诈骗 <a href="http://xpj.example.com">xpj</a></div>',
    # illegal trade (sensitive demo list): the spam's own assurance is not the after-cue 诈骗
    "出售枪支，货到付款，绝无诈骗",
    # illegal-service ads that are high by entry
    "谨防假冒，专业代开发票，点数低",
    "办证刻章，绝非骗子，当天取件",
]


@pytest.mark.parametrize("text", SPAM_HIGH, ids=[f"spam-{i:02d}" for i in range(len(SPAM_HIGH))])
def test_spam_is_blocked(reviewer, text):
    report, found = _findings(reviewer, text)
    assert [f for f in found if f.severity >= Severity.high], [(f.rule, f.text, f.severity.value) for f in found]
    assert report.verdict.value == "block"


SPAM_COMMERCIAL = [
    "兼职日结，日赚300元，手机就能做，正规平台不收押金不骗人。",
    "刷单兼职，日赚500+，绝对不是骗子，先做单后付款",
    "“兼职日结”火热招募中！日赚三百，绝无诈骗，加微信了解",
    "无抵押贷款，无需审核，快速放款",
    "黑户也能贷，免审核，网贷秒下",
    "招商加盟热线：400-800-1234，诚邀加盟，投资小回报高，谨防假冒！",
    "全场五折，绝无陷阱，扫码领取优惠券",
]


@pytest.mark.parametrize("text", SPAM_COMMERCIAL, ids=[f"ad-{i:02d}" for i in range(len(SPAM_COMMERCIAL))])
def test_commercial_spam_is_reviewed(reviewer, text):
    report, found = _findings(reviewer, text)
    assert [f for f in found if f.severity >= Severity.medium], [(f.rule, f.text, f.severity.value) for f in found]
    assert report.verdict.value in ("review", "block")


@pytest.mark.parametrize("text", [
    # the same words where they go on to name what to beware of: still warnings
    "谨防假冒网络赌场诱骗群众充值。",
    "请广大群众警惕假冒百家乐平台的诈骗手段。",
    "谨防假冒客服以“刷单返利”为名实施诈骗。",
    # a rule that forbids cheating in an exam and names the lure
    "诚信应考，严禁作弊，不要相信“考试包过”等虚假信息。",
], ids=["beware-casino", "beware-baccarat", "beware-rebate", "exam"])
def test_a_warning_that_names_its_object_is_not_an_assurance(reviewer, text):
    _, found = _findings(reviewer, text)
    assert [(f.rule, f.text) for f in found if f.severity > Severity.low] == []
