"""Outbound targets: extraction, registrable-domain classification, allow-lists and the link.* rules."""

import pytest

from govreview import Document, Reviewer
from govreview.links import DomainPolicy, is_government, parse_host, text_targets, url_host
from govreview.textview import TextView


@pytest.mark.parametrize(
    "host, registrable, government",
    [
        ("www.gov.cn", "www.gov.cn", True),
        ("gov.cn", "gov.cn", True),
        ("WWW.BEIJING.GOV.CN.", "beijing.gov.cn", True),
        ("zwfw.a.b.sheng.gov.cn", "sheng.gov.cn", True),
        ("国务院.政务", "国务院.政务", True),
        ("xn--zfr54hdx6e.xn--zfr164b", "国务院.政务", True),  # the same host in punycode
        ("www.政务.cn", "政务.cn", True),
        ("www.xn--zfr164b.cn", "政务.cn", True),
        ("www。beijing。gov。cn", "beijing.gov.cn", True),  # full-width dots
        ("gov.cn.xpj3388.com", "xpj3388.com", False),  # "gov.cn" as a subdomain of a casino
        ("govcn.com", "govcn.com", False),
        ("www.gov.cn.com", "cn.com", False),
        ("www.xpj3388.com", "xpj3388.com", False),
        ("shop.taobao.com", "taobao.com", False),
        ("例子.中国", "例子.中国", False),
        ("1.2.3.4", "1.2.3.4", False),
    ],
)
def test_registrable_domain_and_government_class(host, registrable, government):
    h = parse_host(host)
    assert h is not None and h.registrable == registrable
    assert is_government(h) is government


@pytest.mark.parametrize(
    "url, host",
    [
        ("http://www.beijing.gov.cn/x", "www.beijing.gov.cn"),
        ("HTTPS://Www.Xpj.COM:8080/a?b=1", "www.xpj.com"),
        ("//cdn.example.com/a.js", "cdn.example.com"),
        ("www.abc.com/x", "www.abc.com"),
        ("http://user:pw@evil.cc/", "evil.cc"),
        ("/zwgk/index.html", None),
        ("index.html", None),
        ("#top", None),
        ("javascript:void(0)", None),
        ("mailto:a@b.com", None),
        ("tel:12345", None),
        ("http://localhost/", None),
        ("http://[::1", None),  # malformed: no crash
    ],
)
def test_url_host(url, host):
    h = url_host(url)
    assert (h.unicode if h else None) == host


def test_policy_allow_list_matches_subdomains_in_both_idn_forms():
    p = DomainPolicy(["新华网.中国", "example.org"], builtin=False)
    assert p.classify(parse_host("a.b.example.org"))[0] == "allowed"
    assert p.classify(parse_host("xn--xkrr14bows.xn--fiqs8s"))[0] == "allowed"  # 新华网.中国 in punycode
    assert p.classify(parse_host("example.org.evil.com"))[0] == "commercial"
    assert DomainPolicy().classify(parse_host("www.news.cn"))[0] == "allowed"  # built-in media list
    assert DomainPolicy(builtin=False).classify(parse_host("www.news.cn"))[0] == "commercial"


def test_text_targets_find_urls_and_bare_domains_but_not_file_names_or_emails():
    text = ("访问www.xpj3388.com或ｗｗｗ．ｂｅｔ３６５．ｃｏｍ，见附件1.docx和Mr.Li，https://a.b.com/x?y=1。"
            "邮箱abc@qq.com，版本v1.2，另见xpj88.vip、3.5万元。")
    view = TextView(text)
    got = [text[t.start:t.end] for t in text_targets(view)]
    assert got == ["www.xpj3388.com", "ｗｗｗ．ｂｅｔ３６５．ｃｏｍ", "https://a.b.com/x?y=1", "xpj88.vip"]


@pytest.mark.parametrize(
    "text, url",
    [
        ("澳门新葡京娱乐场官网-真人百家乐-信誉博彩第一品牌-www.xpj3388.com", "www.xpj3388.com"),
        ("太阳城娱乐城_www.tyc88.vip_开户送彩金", "www.tyc88.vip"),
        ("百家乐官网--https://bjl.cc/reg?a=1", "https://bjl.cc/reg?a=1"),
        ("【皇冠体育】-hg0088.com-足球投注", "hg0088.com"),
        ("新葡京—_ｗｗｗ．ｘｐｊ．ｃｏｍ", "ｗｗｗ．ｘｐｊ．ｃｏｍ"),
    ],
)
def test_text_url_after_a_dash_or_underscore_separator(text, url):
    # spam titles join brand, slogan and domain with "-" or "_"; after a non-word character that is a separator,
    # not the inside of a host name
    assert [text[t.start:t.end] for t in text_targets(TextView(text))] == [url]


@pytest.mark.parametrize(
    "text, urls",
    [
        ("my-site.com 与 a-www.b.com", ["my-site.com", "a-www.b.com"]),  # a dash inside a host stays inside it
        ("见 http://x.gov.cn/a_www.b.com 与 /zwgk/www.x.com", ["http://x.gov.cn/a_www.b.com"]),  # inside a path
        ("邮箱 zfb-www.abc@qq.com", []),  # inside an e-mail address
        ("编号 ZFCG-2026-0031，附件 通知-2.docx、表_1.xlsx", []),
    ],
)
def test_dash_inside_hosts_paths_and_codes_is_not_a_separator(text, urls):
    assert [text[t.start:t.end] for t in text_targets(TextView(text))] == urls


def findings(reviewer, html, rule_prefix="link", **meta):
    report = reviewer.review({"html": html, **meta})
    for f in report.findings:
        assert html[f.start:f.end] == f.text
    return [(f.rule, f.text) for f in report.findings if f.rule.startswith(rule_prefix)]


def test_visible_commercial_link_hidden_link_and_government_links(reviewer):
    html = (
        '<p><a href="http://www.beijing.gov.cn/">北京</a><a href="https://shop.taobao.com/">店</a>'
        '<a href="http://xn--zfr54hdx6e.xn--zfr164b/">国务院</a></p>'
        '<div style="display:none"><a href="http://www.xpj3388.com/">xx</a><a href="http://www.sz.gov.cn/">深圳</a></div>'
    )
    assert findings(reviewer, html) == [
        ("link.commercial", "https://shop.taobao.com/"),
        ("link.hidden", "http://www.xpj3388.com/"),  # the hidden government link is a collapsed menu, not a dark link
    ]


@pytest.mark.parametrize(("html", "severity", "service"), [
    ('<script src="https://hm.baidu.com/hm.js?0123abcd"></script>', "low", "百度统计"),
    ('<script type="text/javascript" src="//s4.cnzz.com/z_stat.php?id=1"></script>', "low", "友盟+ CNZZ 统计"),
    ('<script src="https://webapi.amap.com/maps?v=2.0&key=k"></script>', "low", "高德地图 JavaScript API"),
    ('<script src="https://res.wx.qq.com/open/js/jweixin-1.6.0.js"></script>', "low", "微信 JS-SDK"),
    # not a service script: a hyperlink to the same host, another baidu host, a library CDN
    ('<a href="https://hm.baidu.com/">统计</a>', "medium", None),
    ('<script src="https://dup.baidustatic.com/js/ds.js"></script>', "medium", None),
    ('<script src="https://cdn.jsdelivr.net/npm/jquery@3/dist/jquery.min.js"></script>', "medium", None),
])
def test_statistics_and_map_scripts_are_low_and_named(reviewer, html, severity, service):
    (f,) = [f for f in reviewer.review(Document(html=html + "<p>正文</p>")).findings if f.rule == "link.commercial"]
    assert f.severity.value == severity
    assert f.explanation.details.get("service") == service


def test_redirects_meta_refresh_and_script_location(reviewer):
    html = (
        '<meta http-equiv="Refresh" content="0;URL=\'http://www.hg0088.net/\'">'
        "<script>if(a){window.location.href=\"https://am.example.com/\"}"
        "top.location = 'http://www.mou.gov.cn/';</script><p>正文</p>"
    )
    assert findings(reviewer, html) == [
        ("link.redirect", "http://www.hg0088.net/"),
        ("link.redirect", "https://am.example.com/"),
    ]


def test_text_url_inside_its_own_anchor_is_reported_once(reviewer):
    html = '<p>详见<a href="http://www.tc-nongzi.com/">www.tc-nongzi.com</a></p>'
    assert findings(reviewer, html) == [("link.commercial", "http://www.tc-nongzi.com/")]


def test_plain_text_documents_get_text_urls(reviewer):
    text = "本站不得链接商业网站。如有疑问请访问 www.mou.gov.cn 或新华网 www.news.cn。广告：ｗｗｗ．ｘｐｊ３３８８．ｃｏｍ"
    report = reviewer.review(text)
    assert [(f.rule, f.text) for f in report.findings if f.category.value == "link"] == [
        ("link.commercial", "ｗｗｗ．ｘｐｊ３３８８．ｃｏｍ")
    ]


def test_allow_domains_from_config_options_and_own_site():
    html = '<a href="http://www.partner.com/">合作</a><a href="http://www.mysite.org/a">本站</a><a href="http://x.net/">x</a>'
    r = Reviewer({"allow": {"domains": ["partner.com"]}, "options": {"links": {"allow_domains": ["x.net"]}}})
    assert findings(r, html) == [("link.commercial", "http://www.mysite.org/a")]
    assert findings(r, html, url="https://www.mysite.org/index.html") == []
    r2 = Reviewer({"options": {"links": {"site_domains": ["mysite.org"], "builtin_allow": False}}})
    assert findings(r2, '<a href="http://www.news.cn/">新华</a><a href="http://mysite.org/">s</a>') == [
        ("link.commercial", "http://www.news.cn/")
    ]


def test_link_rules_can_be_disabled(reviewer):
    r = Reviewer({"disable": ["link"]})
    assert findings(r, '<a href="http://x.com/">x</a>') == []


def test_finding_explains_domain_in_both_forms(reviewer):
    html = '<div hidden><a href="http://xn--pss230c.com/">威尼斯人</a></div>'
    (f,) = [f for f in reviewer.review({"html": html}).findings if f.rule == "link.hidden"]
    d = f.explanation.details
    assert d["registrable_domain_ascii"] == "xn--pss230c.com"
    assert d["registrable_domain"] != d["registrable_domain_ascii"]
    assert d["hidden_by"] == "hidden attribute" and d["anchor_text"] == "威尼斯人"
    assert "暗链" in f.message


def test_html_document_exposes_targets_with_anchor_text_for_other_layers():
    from govreview.html import parse_html

    html = '<a href="http://www.gov.cn/">中国政府网</a><p>见 www.xpj.com</p><meta http-equiv=refresh content="0;url=/x">'
    doc = parse_html(html)
    assert [(t.kind, t.url, t.anchor) for t in doc.targets] == [
        ("a", "http://www.gov.cn/", "中国政府网"), ("text", "www.xpj.com", ""), ("meta-refresh", "/x", ""),
    ]


def test_dom_failure_is_a_reported_error_not_a_silent_pass(monkeypatch):
    import govreview.htmldom as htmldom

    def boom(doc):
        raise ValueError("parser exploded")

    monkeypatch.setattr(htmldom, "_analyse", boom)
    report = Reviewer().review({"html": '<div hidden><a href="http://x.com/">x</a></div>澳门博彩'})
    assert any(e.detector == "links" and "parser exploded" in e.message for e in report.errors)
    assert any(f.rule == "advertising.gambling" for f in report.findings)  # the text checks still ran


def test_upper_case_markup_and_relative_redirects(reviewer):
    html = ('<DIV STYLE="DISPLAY:NONE"><A HREF="HTTP://WWW.XPJ3388.COM/">x</A></DIV>'
            "<SCRIPT>window.location.href = '/zwgk/index.html';</SCRIPT>")
    assert findings(reviewer, html) == [("link.hidden", "HTTP://WWW.XPJ3388.COM/")]


def test_ideographic_full_stops_do_not_hide_a_domain(reviewer):
    text = "详情请访问 www。xpj3388。com 领取"
    report = reviewer.review(text)
    assert [(f.rule, f.text) for f in report.findings if f.category.value == "link"] == [
        ("link.commercial", "www。xpj3388。com")
    ]


def test_public_suffix_list_is_the_bundled_snapshot_never_fetched(monkeypatch, tmp_path):
    import socket

    from govreview import links

    def no_network(*a, **k):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    links._extractor.cache_clear()
    links.parse_host.cache_clear()
    assert links.parse_host("a.b.example.com.cn").registrable == "example.com.cn"
    assert list(tmp_path.iterdir()) == []  # nothing cached on disk either


@pytest.mark.parametrize(
    "html, url, hidden",
    [
        # the "新媒体矩阵" drop-down of a county portal: hidden until hovered
        ('<div class="xmt"><span>政务新媒体</span><ul class="sub" style="display:none">'
         '<li><a href="https://weibo.com/mouxianfabu">某某县发布官方微博</a></li></ul></div>',
         "https://weibo.com/mouxianfabu", True),
        ('<style>.pop{display:none}</style><div class="pop"><a href="https://www.douyin.com/user/MS4wLjAB">政务抖音号</a></div>',
         "https://www.douyin.com/user/MS4wLjAB", True),
        ('<p>分享到：<a href="http://service.weibo.com/share/share.php?url=http%3A%2F%2Fwww.moux.gov.cn%2F1.html">微博</a></p>',
         "http://service.weibo.com/share/share.php?url=http%3A%2F%2Fwww.moux.gov.cn%2F1.html", False),
        ('<p>原文链接：<a href="https://mp.weixin.qq.com/s/AbCdEf123">“某某发布”微信公众号</a></p>',
         "https://mp.weixin.qq.com/s/AbCdEf123", False),
        ('<p><a href="https://www.toutiao.com/c/user/token/MS4wLj/">某某县融媒体中心头条号</a></p>',
         "https://www.toutiao.com/c/user/token/MS4wLj/", False),
        # an article address typed in the text (a new-media editor's draft)
        ("<p>本文首发于“某某发布”微信公众号，原文地址：https://mp.weixin.qq.com/s/AbCdEf123</p>",
         "https://mp.weixin.qq.com/s/AbCdEf123", False),
    ],
)
def test_links_to_government_new_media_accounts_are_low_not_dark_links(reviewer, html, url, hidden):
    report = reviewer.review({"html": html})
    got = [f for f in report.findings if f.category.value == "link"]
    assert [(f.rule, f.severity.value, f.text) for f in got] == [("link.commercial", "low", url)]
    assert got[0].explanation.pattern == "new-media" and got[0].explanation.details["platform"]
    assert ("hidden_by" in got[0].explanation.details) is hidden
    assert report.verdict.value == "pass"


@pytest.mark.parametrize(
    "html, rule",
    [
        # a redirect to a platform is still a hijack; a frame or a script is not a menu link
        ('<script>window.location.href="https://weibo.com/xpj8888";</script>', "link.redirect"),
        ('<iframe src="https://www.douyin.com/x" width="0" height="0"></iframe>', "link.hidden"),
        # look-alike hosts are not the platform
        ('<div style="display:none"><a href="http://weibo.com.xpj3388.com/">新葡京</a></div>', "link.hidden"),
        ('<div style="display:none"><a href="http://www.douyin-bet.com/">体育投注</a></div>', "link.hidden"),
        # other hosts of the same companies are not account pages
        ('<p><a href="https://www.qq.com/">腾讯网</a></p>', "link.commercial"),
    ],
)
def test_new_media_exception_does_not_cover_redirects_frames_or_look_alikes(reviewer, html, rule):
    report = reviewer.review({"html": html})
    assert [f.rule for f in report.findings if f.category.value == "link"] == [rule]


_DARK = '<div style="display:none"><a href="http://www.xpj9.com/">澳门新葡京</a></div>'


def _pct(s):
    from urllib.parse import quote

    return quote(s, safe="")


@pytest.mark.parametrize(
    "script, rule, shown",
    [
        # document.write of a dark-link block hidden in escapes, as injected template footers do
        (f'document.write(unescape("{_pct(_DARK)}"));', "link.hidden", "http%3A%2F%2Fwww.xpj9.com%2F"),
        ("document.write('" + "".join(f"\\x{ord(c):02x}" if ord(c) < 128 else c for c in _DARK) + "');",
         "link.hidden", "\\x68\\x74\\x74\\x70\\x3a\\x2f\\x2f\\x77\\x77\\x77\\x2e\\x78\\x70\\x6a\\x39\\x2e\\x63\\x6f\\x6d\\x2f"),
        ("document.writeln(\"" + "".join(f"\\u{ord(c):04x}" for c in _DARK) + "\");", "link.hidden", None),
        ("document.write(unescape('" + "".join(f"%u{ord(c):04X}" for c in _DARK) + "'));", "link.hidden", None),
        # redirects whose URL is escaped
        ("window.location.href=unescape('%68%74%74%70%3a%2f%2f%77%77%77%2e%68%67%30%30%38%38%2e%63%6f%6d');",
         "link.redirect", "%68%74%74%70%3a%2f%2f%77%77%77%2e%68%67%30%30%38%38%2e%63%6f%6d"),
        ('if(document.referrer.indexOf("baidu")>0){location.replace("\\x68\\x74\\x74\\x70\\x73://www.am-pj9.com/");}',
         "link.redirect", "\\x68\\x74\\x74\\x70\\x73://www.am-pj9.com/"),
        ("top.location = decodeURIComponent('https%3A%2F%2Fwww.am-pj9.com%2F%3Fref%3Dzf');",
         "link.redirect", "https%3A%2F%2Fwww.am-pj9.com%2F%3Fref%3Dzf"),
    ],
)
def test_escaped_urls_in_inline_scripts_are_decoded(reviewer, script, rule, shown):
    html = f"<p>县文旅局开展文化惠民演出活动。</p><script>{script}</script>"
    got = [f for f in reviewer.review({"html": html}).findings if f.category.value == "link"]
    assert [f.rule for f in got] == [rule]
    assert html[got[0].start:got[0].end] == got[0].text  # the escaped URL as written in the source
    if shown is not None:
        assert got[0].text == shown
    assert got[0].explanation.details["url"].startswith("http")
    assert "%" not in got[0].explanation.details["host"] and "\\" not in got[0].explanation.details["host"]


@pytest.mark.parametrize(
    "script",
    [
        'var w = "100%"; var q = "a%20b"; document.getElementById("src").innerHTML = "\\u6765\\u6e90\\uff1a\\u53bf\\u653f\\u5e9c";',
        "document.write(unescape('%3Ca%20href%3D%22http%3A%2F%2Fwww.sc.gov.cn%2F%22%3E%E5%9B%9B%E5%B7%9D%3C%2Fa%3E'));",
        'location.href = "\\x2f\\x7a\\x77\\x67\\x6b\\x2f";',  # a relative path, escaped
        "var hm=document.createElement('script');hm.src='https://hm.baidu.com/hm.js?%61%62';",
    ],
)
def test_escapes_in_ordinary_scripts_add_nothing(reviewer, script):
    html = f"<p>正文。</p><script>{script}</script>"
    assert [f for f in reviewer.review({"html": html}).findings if f.category.value == "link"] == []


@pytest.mark.parametrize(
    "script, rule, severity",
    [
        # share buttons: window.open on a click opens a new window, the visitor stays on the page
        ("function shareTo(t){var u=encodeURIComponent(location.href);"
         "if(t=='weibo'){window.open('http://service.weibo.com/share/share.php?url='+u);}}", "link.commercial", "low"),
        ("function share(){window.open('https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url='"
         "+encodeURIComponent(document.URL));}", "link.commercial", "medium"),
        ("$('#gw').click(function(){ window.open(\"https://www.xpj3388.com/\"); });", "link.commercial", "medium"),
        # a location change is still a hijack
        ("window.location.href = 'https://www.xpj3388.com/';", "link.redirect", "high"),
        ("location.replace('http://www.hg0088.net/?from=gov');", "link.redirect", "high"),
    ],
)
def test_window_open_is_a_link_not_a_redirect(reviewer, script, rule, severity):
    html = f"<p>正文。</p><a href=\"javascript:;\" onclick=\"shareTo('weibo')\">分享</a><script>{script}</script>"
    got = [(f.rule, f.severity.value) for f in reviewer.review({"html": html}).findings if f.category.value == "link"]
    assert got == [(rule, severity)]


@pytest.mark.parametrize(("html", "rule", "shortener"), [
    ('<p>详情请见<a href="http://t.cn/A6aBcDeF">活动链接</a></p>', "link.commercial", "新浪微博短链接"),
    ("<p>报名入口：https://dwz.cn/abc123</p>", "link.commercial", "百度短网址"),
    # a hidden short link is still a dark link, a redirect through one still a hijack
    ('<p>正文</p><div style="display:none"><a href="http://t.cn/A6xx">澳门新葡京</a></div>', "link.hidden", None),
    ('<script>window.location.href="https://bit.ly/3abc";</script><p>正文</p>', "link.redirect", None),
])
def test_short_links_say_their_target_is_unknown(reviewer, html, rule, shortener):
    (f,) = [f for f in reviewer.review(Document(html=html)).findings if f.category.value == "link"]
    assert f.rule == rule and f.explanation.details.get("shortener") == shortener
    if shortener:
        assert f.severity.value == "medium" and "短链接" in f.message


@pytest.mark.parametrize("text, link, in_address, protected", [
    ("原文链接：http://www.hunan.gov.cn/t20240105_13912345678.html", True, True, True),  # all three agree
    ("详见hunan.gov.cn/art/t20240105_13912345678.html", True, True, False),    # a bare name.tld with a path
    ("打开weixin://dl/business/?t=13912345678", False, True, False),            # any scheme starts an address
    ("网址：WWW.HUNAN.GOV.CN/t_13912345678.html", True, True, False),          # www. in any case
    ("见http://x.gov.cn/通知_13912345678.html", False, False, True),           # Han glued to it: still protected
    ("邮箱：13912345678@163.com", False, False, True),                         # an e-mail address is protected
    ("说明见第13912345678号", False, False, False),
], ids=["all", "bare-domain", "other-scheme", "upper-case", "han-in-path", "email", "none"])
def test_the_three_url_readers_differ_on_purpose(text, link, in_address, protected):
    """links.py owns the three readers of an address in running text (see the comment above _TEXT_URL): the
    link rules' targets, pii_phone's "does this number continue an address" and quality_typo's protected
    spans. They differ on purpose; this table is what a change that unifies them would change."""
    from govreview.links import ADDRESS_AT_END, URL_OR_EMAIL

    i = text.index("13912345678")
    j = i + len("13912345678")
    assert any(t.start <= i and j <= t.end for t in text_targets(TextView(text))) is link
    assert (ADDRESS_AT_END.search(text[max(0, i - 200):i]) is not None) is in_address
    assert any(m.start() <= i and j <= m.end() for m in URL_OR_EMAIL.finditer(text)) is protected
