"""Drafts for 政务新媒体 accounts, as CMS plugins send them: WeChat articles (the editor's ``<section>``
nesting, ``data-src`` images, embed cards), Weibo posts, Douyin captions, mini-program notices.

The ordinary wording of these accounts (关注、转发、点赞、在看、扫码、阅读原文, the names of government
service mini-programs) must stay clean; what really goes wrong in them (a shop card left in, a
mini-program of a shop, spam quoted from the comments) must be found at the right place in the HTML.
"""

from __future__ import annotations

import pytest

from govreview import Document, Severity


def _review(reviewer, text: str):
    doc = Document(html=text) if text.lstrip().startswith("<") else Document(text=text)
    report = reviewer.review(doc)
    for f in report.findings:
        assert doc.content[f.start:f.end] == f.text
    return report


def _at_least(report, severity=Severity.medium):
    return [(f.rule, f.text) for f in report.findings if f.severity >= severity]


# --- ordinary new-media wording stays clean ------------------------------------------------------------

WECHAT_ARTICLE = (
    '<section style="margin: 0px auto;text-align: center;"><section style="display: inline-block;">'
    '<p style="font-size: 14px;color: rgb(0, 112, 192);"><span leaf=""><strong>点击蓝字</strong></span>'
    '<span leaf="">关注我们</span></p></section></section>'
    '<section style="line-height: 1.75em;"><span style="font-size: 15px;letter-spacing: 1px;">近日，清河市政务服务中心推出'
    '“一件事一次办”新举措，市民可通过“粤省事”小程序、“随申办”APP和国务院客户端小程序办理社保、公积金等高频事项。</span></section>'
    '<section style="text-align: center;"><img class="rich_pages wxw-img" data-src="https://mmbiz.qpic.cn/mmbiz_jpg/AbCd/640?wx_fmt=jpeg"'
    ' data-ratio="0.5625" data-type="jpeg" data-w="1080" style="width: 100%;" alt="政务服务中心大厅"></section>'
    '<section><span>欢迎大家关注、转发、点赞、点“在看”，扫码进入小程序即可预约办理。</span></section>'
    '<section><p><strong><span style="color: rgb(255, 104, 39);">往期推荐</span></strong></p>'
    '<p><a target="_blank" href="http://mp.weixin.qq.com/s?__biz=MzA5MTIzNDU2Nw==&amp;mid=2651234567&amp;idx=1#rd"'
    ' data-linktype="2">清河市2026年民生实事项目公布</a></p></section>'
    '<section style="text-align: center;"><img data-src="https://mmbiz.qpic.cn/mmbiz_png/xyz/640?wx_fmt=png"'
    ' alt="长按识别二维码关注我们"><p><span style="font-size: 12px;color: #888;">长按识别二维码 关注我们</span></p></section>'
    '<section class="mp_profile_iframe_wrp"><mp-common-profile class="js_uneditable custom_select_card mp_profile_iframe"'
    ' data-pluginname="mpprofile" data-id="MzA5MTIzNDU2Nw==" data-nickname="清河发布" data-alias="qinghefabu"'
    ' data-signature="清河市人民政府新闻办公室官方微信，权威发布政务信息。" data-from="0"></mp-common-profile></section>'
    '<section><p style="font-size: 12px;">来源：清河市政务服务数据管理局</p><p style="font-size: 12px;">编辑：王晓丽 | 审核：李建国</p></section>'
    '<p>点击“阅读原文”，了解更多详情</p>'
)


def test_wechat_article_wording_is_clean(reviewer):
    report = _review(reviewer, WECHAT_ARTICLE)
    assert report.verdict.value == "pass"
    # the 往期推荐 link to the account's own article is named as a platform link at low, nothing else is reported
    assert [(f.rule, f.severity, f.explanation.pattern) for f in report.findings] == [
        ("link.commercial", Severity.low, "new-media")]


# --- WeChat embed cards: their attributes are what the reader sees ------------------------------------

CARDS = [
    ('<p><mp-miniprogram class="miniprogram_element" data-miniprogram-appid="wx91d27dbf599dff74"'
     ' data-miniprogram-path="pages/item/detail?sku=1" data-miniprogram-nickname="某某商城"'
     ' data-miniprogram-title="【限时抢购】清河特产礼盒" data-miniprogram-type="card"></mp-miniprogram></p>', "限时抢购"),
    ('<section nodeleaf=""><mp-common-miniprogram class="js_uneditable custom_select_card" data-pluginname="insertminiprogram"'
     ' data-miniprogram-path="pages/index" data-miniprogram-nickname="好物优选" data-miniprogram-title="全场包邮&nbsp;今日下单"'
     ' data-miniprogram-type="card" data-miniprogram-appid="wx1234567890abcdef"></mp-common-miniprogram></section>', "全场包邮"),
    ('<section class="mp_profile_iframe_wrp"><mp-common-profile class="js_uneditable" data-pluginname="mpprofile"'
     ' data-nickname="澳門新葡京娛樂" data-signature="官方唯一指定" data-from="0"></mp-common-profile></section>', "澳門新葡京"),
    ('<p><mp-common-videosnap class="js_uneditable custom_select_card channels_iframe" data-nickname="好物直播间"'
     ' data-desc="今晚8点直播 秒杀 九块九包邮" data-type="video"></mp-common-videosnap></p>', "秒杀"),
]


@pytest.mark.parametrize("html,term", CARDS, ids=[c[1] for c in CARDS])
def test_card_attributes_are_text(reviewer, html, term):
    report = _review(reviewer, html)
    hits = [f for f in report.findings if f.rule.startswith("advertising.") and f.severity >= Severity.medium]
    assert any(f.text.startswith(term) for f in hits), report.findings
    f = next(f for f in hits if f.text.startswith(term))
    assert html.rfind('"', 0, f.start) > html.rfind("data-", 0, f.start)  # inside the attribute value


def test_card_attributes_of_other_elements_stay_out(reviewer):
    # data-title on a plain <div> is not drawn for the reader; nor is a mini-program's path
    html = ('<div data-title="限时抢购">清河市政务服务中心</div>'
            '<p><mp-miniprogram data-miniprogram-path="pages/miaosha/限时抢购" data-miniprogram-nickname="粤省事"'
            ' data-miniprogram-appid="wx5e1b2f3a4c5d6e7f"></mp-miniprogram></p>')
    assert _at_least(_review(reviewer, html)) == []
