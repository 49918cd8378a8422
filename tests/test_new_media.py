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


# --- product cards and mini-program entries ------------------------------------------------------------

PRODUCTS = [
    # 微信小店 product card (large picture)
    ('<section class="js_product_container"><mp-common-product class="js_product_section" data-windowproduct="v2=HH167QV72FLz"'
     ' data-cardtype="0" data-title="清河蜜桃 5斤装 产地直发" data-type="0"></mp-common-product></section>', "清河蜜桃 5斤装 产地直发"),
    # text-link form the editor writes inline
    ('<p>推荐阅读：<a class="js_uneditable" data-cardtype="2" data-windowproduct="v2=AAA111" data-title="清河小米礼盒"'
     ' tagname="mp-common-product" linktype="product">清河小米礼盒</a></p>', "清河小米礼盒"),
    # text-link wrapping the card element: one product, one finding
    ('<p><a class="js_uneditable" tagname="mp-common-product" data-windowproduct="v2=B2" data-title="有机大米&amp;杂粮">'
     '<mp-common-product data-windowproduct="v2=B2" data-title="有机大米&amp;杂粮"></mp-common-product>有机大米</a></p>', "有机大米&amp;杂粮"),
    # the older commission (CPS) element, no title
    ('<section><mpcps frameborder="0" class="js_editor_cps" data-datakey="1621234567_0" data-uid="16212"'
     ' data-type="1"></mpcps></section>', "mpcps"),
]


@pytest.mark.parametrize("html,shown", PRODUCTS, ids=["card", "text-link", "nested", "cps"])
def test_product_card_is_commercial(reviewer, html, shown):
    report = _review(reviewer, html)
    got = [f for f in report.findings if f.explanation.pattern == "wechat-product"]
    assert [(f.rule, f.severity, f.text) for f in got] == [("advertising.commercial", Severity.medium, shown)]
    assert report.verdict.value == "review"


MINI_PROGRAMS = [
    ('<p><mp-miniprogram class="miniprogram_element" data-miniprogram-appid="wx91d27dbf599dff74" data-miniprogram-path="pages/item"'
     ' data-miniprogram-nickname="京东购物" data-miniprogram-title="清河特产馆" data-miniprogram-type="card"></mp-miniprogram></p>',
     "京东购物"),
    ('<p>办事请进：<a class="weapp_text_link" data-miniprogram-appid="wx82d43fee89cdc7df" data-miniprogram-path="pages/index/index"'
     ' data-miniprogram-nickname="国务院客户端" href="" data-miniprogram-type="text">国务院客户端小程序</a></p>', "国务院客户端"),
    # an image link without a name: the appid is shown
    ('<p><a class="weapp_image_link" data-miniprogram-appid="wx1a2b3c4d5e6f7a8b" data-miniprogram-path="pages/index" href=""'
     ' data-miniprogram-type="image"><img data-src="https://mmbiz.qpic.cn/a/640" alt="点击进入小程序"></a></p>', "wx1a2b3c4d5e6f7a8b"),
    # the editor's iframe preview and the element for the same card: one entry
    ('<iframe class="res_iframe weapp_app_iframe js_editor_weapp" data-miniprogram-appid="wx0b1c2d3e4f5a6b7c"'
     ' data-miniprogram-nickname="随申办市民云" data-miniprogram-path="pages/home"></iframe><p><mp-miniprogram'
     ' data-miniprogram-appid="wx0b1c2d3e4f5a6b7c" data-miniprogram-path="pages/home" data-miniprogram-nickname="随申办市民云"'
     ' data-miniprogram-title="一网通办"></mp-miniprogram></p>', "随申办市民云"),
]


@pytest.mark.parametrize("html,shown", MINI_PROGRAMS, ids=["card", "text-link", "image-link", "iframe-and-card"])
def test_mini_program_entry_is_named_at_low(reviewer, html, shown):
    report = _review(reviewer, html)
    got = [f for f in report.findings if f.explanation.pattern == "mini-program"]
    assert [(f.rule, f.severity, f.text) for f in got] == [("link.commercial", Severity.low, shown)]
    assert shown in got[0].message or shown.startswith("wx")
    assert report.verdict.value == "pass"


@pytest.mark.parametrize("text", [
    "<p>市商务局提醒：选购农产品请认准正规渠道，product 质量问题可拨打12315投诉。</p>",
    '<div class="product-list"><a href="/zwgk/cps/">城市公共服务（CPS）专栏</a></div>',
    "点击下方小程序卡片，进入“随申办市民云”即可预约。",  # plain text: no element
])
def test_product_and_program_words_alone_are_nothing(reviewer, text):
    report = _review(reviewer, text)
    assert [f for f in report.findings if f.explanation.pattern in ("wechat-product", "mini-program")] == []


# --- national reporting platforms outside gov.cn --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "#清河网信# 如发现网络赌博、诈骗信息，请拨打举报电话12377或登录www.12377.cn举报。",
    '<p>举报入口：<a href="https://www.12377.cn/">中央网信办违法和不良信息举报中心</a></p>',
    "垃圾短信、骚扰电话可向12321举报，网址：https://www.12321.cn",
    "<p>网络违法犯罪线索请登录公安部网络违法犯罪举报网站（www.cyberpolice.cn）。</p>",
    "消费者权益受到侵害，可通过全国12315平台（www.12315.cn）或拨打12315投诉举报。",
    '<p><a href="http://jubao.12377.cn/wap/">手机举报</a></p>',
])
def test_reporting_platform_links_are_allowed(reviewer, text):
    assert [f for f in _review(reviewer, text).findings if f.rule.startswith("link.")] == []


@pytest.mark.parametrize("text", [
    "举报请登录 www.12377-jubao.cn",  # look-alike registrable domains are not the platform
    '<p><a href="https://12315.cn.example-shop.com/">12315投诉</a></p>',
])
def test_reporting_platform_look_alikes_still_reported(reviewer, text):
    assert [f.rule for f in _review(reviewer, text).findings if f.rule.startswith("link.")] == ["link.commercial"]


# --- links to the platforms' own hosts ------------------------------------------------------------------

@pytest.mark.parametrize("text,platform", [
    ('<p><a href="http://weixin.qq.com/r/AbCdEfGhIjKl" target="_blank">关注“清河发布”微信公众号</a></p>', "微信"),
    ("清河发布视频号最新一期：https://weixin.qq.com/sph/AbCdEf ，欢迎点赞转发。", "微信"),
    ("#清河文旅# 清河文旅B站账号上新啦👉 https://b23.tv/BV1xx411c7mD", "哔哩哔哩"),
    ("清河发布小红书：http://xhslink.com/a/AbCdEfGh 复制后打开【小红书】查看笔记！", "小红书"),
])
def test_platform_share_hosts_are_platform_links(reviewer, text, platform):
    got = [f for f in _review(reviewer, text).findings if f.rule.startswith("link.")]
    assert [(f.rule, f.severity) for f in got] == [("link.commercial", Severity.low)]
    assert got[0].explanation.details["platform"].startswith(platform)


@pytest.mark.parametrize("text", [
    "详情戳👉 http://t.cn/A6aBcDeF",  # a general shortener leads anywhere: for a person to check
    '<p><a href="https://weixin.qq.com.cn-verify.top/r/x">关注我们</a></p>',
])
def test_shorteners_and_look_alikes_stay_medium(reviewer, text):
    got = [f for f in _review(reviewer, text).findings if f.rule.startswith("link.")]
    assert [(f.rule, f.severity) for f in got] == [("link.commercial", Severity.medium)]


def test_the_most_specific_platform_host_names_the_link(reviewer):
    html = ('<p><a href="https://channels.weixin.qq.com/web/pages/home">视频号</a>'
            '<a href="https://mp.weixin.qq.com/s/AbC">公众号文章</a></p>')
    got = [f.explanation.details["platform"] for f in _review(reviewer, html).findings]
    assert got == ["微信视频号", "微信公众号"]


# --- spam quoted from the comments, set apart as examples ------------------------------------------------

QUOTED_EXAMPLES = [
    # WeChat: the examples in a grey box, one <p> each, the warning in the blocks around them
    ('<section style="line-height:1.75em;"><p><span>近期，清河市公安局网安大队在巡查中发现，部分平台评论区出现大量赌博引流信息，'
     '不法分子用表情符号把关键词隔开，企图躲避审核，例如：</span></p></section>'
     '<section style="background:#f5f5f5;padding:10px;"><p><span style="color:#888;">“澳🎲门💰注册送彩金”</span></p>'
     '<p><span style="color:#888;">“🈲百家🎲乐 真人荷官 点我头像”</span></p></section>'
     '<section><p><span>警方提示：网络赌博“十赌九骗”，切勿点击此类链接、添加陌生人微信。</span></p></section>'),
    # Weibo: one example a line, the comment after them
    "【警惕评论区引流】近期不少网友反映，评论区出现这样的留言：\n“澳🎲门💰注册送彩金”\n\n“百家🎲乐 真人荷官 点我头像”\n"
    "以上均为赌博诈骗引流，请勿添加对方微信！#反诈# @清河公安",
    # traditional script, 「」 quotes
    "<p>網友留言截圖：</p><p>「澳門新葡京 首存送彩金」</p><p>以上均為賭博詐騙引流信息，請勿輕信。</p>",
    # numbered examples with blank paragraphs between them
    ('<p>以下是近期市民接到的诈骗短信：</p><p><br></p><p>1.“兼职日结，日赚300，加v详聊”</p><p><br></p>'
     '<p>2.“刷单返利 稳赚不赔”</p><p>收到类似信息请立即删除，切勿回复。</p>'),
]


@pytest.mark.parametrize("text", QUOTED_EXAMPLES, ids=["wechat-box", "weibo-lines", "traditional", "numbered"])
def test_quoted_examples_take_the_warning_around_them(reviewer, text):
    report = _review(reviewer, text)
    terms = [f for f in report.findings if f.rule in ("advertising.gambling", "advertising.commercial")]
    assert terms, "the quoted lures are still shown"
    assert _at_least(report) == []
    assert all(f.explanation.details.get("cited") == "quoted" or len(f.explanation.details.get("report_words", ())) >= 2
               for f in terms)


SPAM_EXAMPLES = [
    # quoted lines with no warning anywhere near: spam
    "<p>“澳门新葡京”</p><p>“注册送彩金 百家乐”</p>",
    # the lines around hold promotion wording outside quotations: the quote is the spam's own
    "<p>认准官方唯一网址，小心被骗</p><p>“太阳城集团 注册送88”</p>",
    # a line with words of its own beside the quotation is not an example set apart
    "<p>谨防诈骗！</p><p>“澳门新葡京”官网，首存即送</p>",
    # the warning is two lines away, past a line of other text
    "<p>警方提示：谨防诈骗</p><p>今日推荐</p><p>“澳门新葡京”</p>",
]


@pytest.mark.parametrize("text", SPAM_EXAMPLES, ids=["no-warning", "promotion", "own-words", "far"])
def test_quoted_spam_without_a_warning_still_reported(reviewer, text):
    report = _review(reviewer, text)
    assert any(f.rule == "advertising.gambling" and f.severity == Severity.high for f in report.findings)


# --- government handouts and consumption vouchers are not sales ---------------------------------------------

@pytest.mark.parametrize("text", [
    "清河市第三批餐饮消费券今晚8点开抢！市民可通过“云闪付”APP或“清河政务服务”小程序领取优惠券，满100减30，数量有限，先到先得。",
    "本次活动由清河市商务局主办，发放汽车消费券，购车可领取优惠券最高5000元。",
    "家电以旧换新活动期间，消费者可在“清河惠民”小程序领取优惠券，每台最高补贴2000元。",
    "<p>【惠民】第二批文旅消費券明日發放，市民可在“清河文旅”公眾號領取優惠券，每人限領一張。</p>",
    "即日起，市民可凭身份证到所在街道免费领取家庭应急包，数量有限，先到先得。",
    "备孕妇女可到户籍所在地社区卫生服务中心免费领取叶酸，详情请咨询当地卫生健康部门。",
    "<p>市民可在各社区卫生服务中心自助发放机免费领取避孕药具。</p>",
    "#全民阅读# 市图书馆推出“阅读护照”，持读者证即可免费领取。",
])
def test_government_handouts_are_not_ads(reviewer, text):
    report = _review(reviewer, text)
    assert [(f.rule, f.text) for f in report.findings if f.rule == "advertising.commercial"
            and f.severity >= Severity.medium] == []


@pytest.mark.parametrize("text,term", [
    ("全场五折，扫码领取优惠券。", "优惠券"),
    ("社区团购新人专享优惠券，点击领取，全场包邮！", "优惠券"),
    ("扫码免费领取价值199元护肤套装，仅需支付邮费", "免费领取"),
    ("<p>新店开业！进店即可免费领取精美礼品一份，充值再享8折优惠券。</p>", "免费领取"),
])
def test_shop_coupons_still_reported(reviewer, text, term):
    report = _review(reviewer, text)
    assert term in [f.text for f in report.findings if f.rule == "advertising.commercial" and f.severity >= Severity.medium]


# --- a WeChat editor's fragment is a page ----------------------------------------------------------------

FRAGMENTS = [
    '<section style="text-align:center;"><img data-src="https://mmbiz.qpic.cn/mmbiz_png/x/640?wx_fmt=png" alt="二维码"></section>'
    '<section>寻人：家属王先生&nbsp;13812345678</section>',
    '<section data-tools="135编辑器" data-id="94535"><section style="border:1px solid #0c8918;">'
    '<section style="padding:10px;">寻人：家属王先生&nbsp;13812345678</section></section></section>',
    "<SECTION>寻人：家属王先生&nbsp;13812345678<BR/>清河区公安分局</SECTION>",
    '<h2 style="color:#c00">寻人启事</h2><img src="https://mmbiz.qpic.cn/x/640">寻人：家属王先生&nbsp;13812345678',
]


@pytest.mark.parametrize("fragment", FRAGMENTS, ids=["section-img", "135-nested", "upper-case", "h2-img"])
def test_wechat_fragment_is_reviewed_as_html(reviewer, fragment):
    import govreview
    from govreview.html import looks_like_html

    assert looks_like_html(fragment)
    report = govreview.review(fragment)
    for f in report.findings:
        assert fragment[f.start:f.end] == f.text
    # as HTML: &nbsp; is a space, so the number is one with its person; the image address is no link
    assert [(f.rule, f.text) for f in report.findings if f.severity >= Severity.medium] == [
        ("pii.phone.mobile", "13812345678")]
    assert not [f for f in report.findings if "mmbiz" in f.text]


@pytest.mark.parametrize("text", ["如果 p<0.05 则差异显著", "公式 a<b 且 b>c", "<brand>清河</brand>"])
def test_text_with_angle_brackets_stays_text(text):
    from govreview.html import looks_like_html

    assert not looks_like_html(text)
