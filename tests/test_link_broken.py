"""link.broken: links no public reader can follow (错链/断链) — local files, intranet addresses, malformed URLs,
placeholder attachment links — decided from the document alone, with clean official pages kept clean."""

import pytest

from govreview import Document, Reviewer, Severity
from govreview.detectors.link_broken import url_problem


def broken(reviewer, doc: Document) -> list:
    report = reviewer.review(doc)
    for f in report.findings:
        assert doc.content[f.start:f.end] == f.text
    assert not [e for e in report.errors if e.kind in ("detector", "config")]
    return [f for f in report.findings if f.rule == "link.broken"]


def page(body: str) -> str:
    return f'<html><head><title>关于做好2026年度政务公开工作的通知</title></head><body><div class="content">{body}</div></body></html>'


@pytest.mark.parametrize(
    "body, value, kind, severity",
    [
        # an attachment left on the editor's disk
        ('<p>附件：<a href="file:///C:/Users/admin/Desktop/附件1.doc">附件1.申报表</a></p>',
         "file:///C:/Users/admin/Desktop/附件1.doc", "local-file", Severity.medium),
        ('<p>附件：<a href="C:\\Documents and Settings\\Administrator\\桌面\\附件2.xls">附件2</a></p>',
         "C:\\Documents and Settings\\Administrator\\桌面\\附件2.xls", "local-file", Severity.medium),
        ('<p><a href="D:/工作/2026/统计表.pdf" target="_blank">统计表</a></p>', "D:/工作/2026/统计表.pdf", "local-file",
         Severity.medium),
        ('<p><a href="/C:/Users/zhang/Documents/通知.docx">通知原文</a></p>', "/C:/Users/zhang/Documents/通知.docx",
         "local-file", Severity.medium),
        ('<p><a href=\'\\\\192.168.1.5\\share\\办公室\\名单.xlsx\'>名单</a></p>', "\\\\192.168.1.5\\share\\办公室\\名单.xlsx",
         "local-file", Severity.medium),
        # Word pasted into the CMS: images still point into the editor's temp folder
        ('<p><img width=553 height=311 src="file:///C:/Users/ADMINI~1/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg" '
         'v:shapes="_x0000_i1025"></p>',
         "file:///C:/Users/ADMINI~1/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg", "local-file", Severity.medium),
        ('<p><a href="file:///C:/Users/&#x9644;&#x4EF6;3.doc">附件3</a></p>', "file:///C:/Users/&#x9644;&#x4EF6;3.doc",
         "local-file", Severity.medium),  # entities: the span is the value as written
        ('<table><tr><td background="file:///D:/素材/bg.gif">标题</td></tr></table>', "file:///D:/素材/bg.gif",
         "local-file", Severity.medium),
        # intranet systems
        ('<p>请登录<a href="http://192.168.1.5/oa/login.jsp">办公系统</a>填报。</p>', "http://192.168.1.5/oa/login.jsp",
         "intranet", Severity.medium),
        ('<p><a href="http://10.1.2.3:8080/">数据平台</a></p>', "http://10.1.2.3:8080/", "intranet", Severity.medium),
        ('<p><a href="https://172.20.3.4/xxgk/">信息公开</a></p>', "https://172.20.3.4/xxgk/", "intranet", Severity.medium),
        ('<p><a href="http://127.0.0.1:8081/preview/123.html">预览</a></p>', "http://127.0.0.1:8081/preview/123.html",
         "intranet", Severity.medium),
        ('<p><a href="http://localhost/cms/article/2026/01/02.html">原文</a></p>',
         "http://localhost/cms/article/2026/01/02.html", "intranet", Severity.medium),
        ('<p><a href="http://oa/portal/notice.do?id=12">通知</a></p>', "http://oa/portal/notice.do?id=12", "intranet",
         Severity.medium),
        ('<p><a href="http://zwoa:8080/">政务OA</a></p>', "http://zwoa:8080/", "intranet", Severity.medium),
        ('<p><a href="http://cms.gsszf.local/a.html">x</a></p>', "http://cms.gsszf.local/a.html", "intranet",
         Severity.medium),
        ('<p><a href="http://portal.internal/a">x</a></p>', "http://portal.internal/a", "intranet", Severity.medium),
        ('<p><a href="http://[fe80::1]/x">x</a></p>', "http://[fe80::1]/x", "intranet", Severity.medium),
        ('<p><img src="//10.20.30.40/upload/2026/pic.png"></p>', "//10.20.30.40/upload/2026/pic.png", "intranet",
         Severity.medium),
        ('<p><a href="http://zwfw.gsgov/">政务服务</a></p>', "http://zwfw.gsgov/", "unknown-tld", Severity.low),
        # malformed: a link no browser can follow is dead (medium); one browsers repair is low (below)
        ('<p><a href="http://http://www.gansu.gov.cn/">甘肃省人民政府</a></p>', "http://http://www.gansu.gov.cn/",
         "malformed", Severity.medium),
        ('<p><a href="htp://www.gansu.gov.cn/">甘肃省人民政府</a></p>', "htp://www.gansu.gov.cn/", "malformed",
         Severity.medium),
        ('<p><a href="http:/www.gansu.gov.cn/">甘肃省人民政府</a></p>', "http:/www.gansu.gov.cn/", "malformed", Severity.low),
        ('<p><a href="http：//www.gansu.gov.cn/">甘肃省人民政府</a></p>', "http：//www.gansu.gov.cn/", "malformed",
         Severity.medium),
        ('<p><a href="https//www.gov.cn/zhengce/">政策</a></p>', "https//www.gov.cn/zhengce/", "malformed",
         Severity.medium),
        ('<p><a href="http://www.gansu .gov.cn/">甘肃</a></p>', "http://www.gansu .gov.cn/", "malformed", Severity.medium),
        ('<p><a href="http://www。gansu。gov。cn/">甘肃</a></p>', "http://www。gansu。gov。cn/", "malformed", Severity.low),
        ('<p><a href="www.gansu.gov.cn">甘肃省人民政府网</a></p>', "www.gansu.gov.cn", "malformed", Severity.medium),
        ('<p><a href="zwfw.gansu.gov.cn/col/">政务服务网</a></p>', "zwfw.gansu.gov.cn/col/", "malformed", Severity.medium),
        # a placeholder attachment link: the click does nothing
        ('<p><a href="javascript:void(0)">附件1：2026年度项目申报表.docx</a></p>', "javascript:void(0)", "placeholder",
         Severity.low),
        ('<p><a href="javascript:;">点击下载</a></p>', "javascript:;", "placeholder", Severity.low),
        ('<p><a href="#">【查看原文】</a></p>', "#", "placeholder", Severity.low),
        ('<p><a href="javascript:void(0);">实施细则.pdf</a></p>', "javascript:void(0);", "placeholder", Severity.low),
    ],
)
def test_broken_link_targets_in_pages(reviewer, body, value, kind, severity):
    html = page(body)
    (f,) = broken(reviewer, Document(html=html))
    assert f.text == value and html[f.start:f.end] == value
    assert f.explanation.details["kind"] == kind and f.severity == severity


@pytest.mark.parametrize(
    "text, value, kind",
    [
        ("附件材料已放在file:///C:/Users/admin/Desktop/附件1.doc，请各单位下载。", "file:///C:/Users/admin/Desktop/附件1.doc",
         "local-file"),
        ("附件保存在C:\\Documents and Settings\\Administrator\\桌面\\附件.xls请查收。",
         "C:\\Documents and Settings\\Administrator\\桌面\\附件.xls", "local-file"),
        ("材料请报送至\\\\192.168.1.5\\共享\\综合科\\2026年报表，逾期不候。", "\\\\192.168.1.5\\共享\\综合科\\2026年报表",
         "local-file"),
        ("模板见\\\\fileserver\\公文模板\\通知.dotx。", "\\\\fileserver\\公文模板\\通知.dotx", "local-file"),
        ("初稿在C:\\Users\\zhangwei\\Desktop\\新建文件夹 里，定稿后删除此行", "C:\\Users\\zhangwei\\Desktop\\新建文件夹",
         "local-file"),
        ("数据来源：D:/统计科/2026年/一季度报表.xlsx", "D:/统计科/2026年/一季度报表.xlsx", "local-file"),
        ("请于3月10日前登录http://192.168.1.10/oa/index.jsp填报。", "http://192.168.1.10/oa/index.jsp", "intranet"),
        ("系统地址：http://10.12.3.4:8080/zwfw （仅限政务外网访问）", "http://10.12.3.4:8080/zwfw", "intranet"),
        ("请访问172.16.8.20:9090/report进行数据报送。", "172.16.8.20:9090/report", "intranet"),
        ("网上申报地址：http://sbxt/apply", "http://sbxt/apply", "intranet"),
        ("群众可登录http://http://www.gansu.gov.cn查询。", "http://http://www.gansu.gov.cn", "malformed"),
        ("详情请登录http：//www.gansu.gov.cn查询。", "http：//www.gansu.gov.cn", "malformed"),
        ("网址：htp://zwfw.gansu.gov.cn/col/", "htp://zwfw.gansu.gov.cn/col/", "malformed"),
        ("网址：http//www.lanzhou.gov.cn", "http//www.lanzhou.gov.cn", "malformed"),
        ("另见http://www。gansu。gov。cn/zwgk/", "http://www。gansu。gov。cn/zwgk/", "malformed"),
    ],
)
def test_paths_and_addresses_written_in_the_text(reviewer, text, value, kind):
    (f,) = broken(reviewer, Document(text=text))
    assert f.text == value and f.explanation.details["kind"] == kind


def test_text_findings_in_a_page_point_into_the_source_and_skip_anchor_text(reviewer):
    html = page("<p>请登录&nbsp;http://192.168.1.10/oa/&#x767B;录 填报，或访问"
                '<a href="http://192.168.1.10/oa/">http://192.168.1.10/oa/</a>。</p>')
    found = broken(reviewer, Document(html=html))
    assert [f.text for f in found] == ["http://192.168.1.10/oa/", "http://192.168.1.10/oa/"]
    assert "attribute" not in found[0].explanation.details and found[1].explanation.details["attribute"] == "href"


@pytest.mark.parametrize(
    "body",
    [
        '<p><a href="./P020260101.pdf">附件1.pdf</a> <a href="../index.html">返回</a> <a href="/zwgk/">政务公开</a></p>',
        '<p><a href="mailto:bgs@gansu.gov.cn">联系我们</a> <a href="tel:0931-8123456">0931-8123456</a> <a href="#top">顶部</a></p>',
        '<ul class="nav"><li><a href="javascript:void(0)">政务公开</a></li><li><a href="javascript:;">下载中心</a></li>'
        '<li><a href="javascript:void(0)" onclick="tab(2)">下载</a></li><li><a href="javascript:void(0)" data-id="3">附件</a></li>'
        '<li><a href="javascript:window.print()">打印本页</a></li><li><a href="javascript:window.close()">关闭窗口</a></li>'
        '<li><a href="#">【打印】</a></li><li><a href="javascript:void(0)" role="tab">原文</a></li></ul>',
        # download components of CMSs: the script finds the anchor by id or by its own attribute
        '<p><a href="javascript:void(0);" class="downfile" fileid="88123">附件1：申报表.docx</a> '
        '<a href="javascript:void(0)" id="down_2">附件2：汇总表.xlsx</a> '
        '<a href="javascript:;" class="btn" name="dl" urls="/upload/a.pdf">点击下载</a></p>',
        "<p>软件版本 1.2.3.4，发布于2026/01/02，办公时间9:00-17:00，比例1:1。</p>",
        "<p>各单位请勿使用内网地址发布信息，不得将内部办公系统链接到门户网站。</p>",
        '<p><a href="http://1.2.3.4/">x</a> <a href="http://www.gsei.gov.cn:8080/art/2026/1/1/art_1.html">公告</a></p>',
        '<p><a href="http://中央网信办.中国/">网信办</a> <a href="https://xn--zfr164b.cn/">政务</a> <a href="https://www.gov.cn/">中国政府网</a></p>',
        '<p><img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="></p>',
        '<p><a href="main.do?id=12">列表</a> <a href="/col/col123/index.html?uid=1&amp;pageNum=2">下一页</a> '
        '<a href="content_12345.htm">正文</a> <a href="tencent://message/?uin=123456">QQ咨询</a> '
        '<a href="weixin://dl/business">微信</a> <iframe src="about:blank"></iframe></p>',
        '<p><a href="http:///www.gansu.gov.cn/">甘肃</a> <a href="HTTPS://WWW.GANSU.GOV.CN/">甘肃</a> '
        '<a href="//www.gov.cn/a.js">s</a> <a href=" https://www.gov.cn/ ">s</a></p>',
        '<p>网址：www.gansu.gov.cn，http://www.gansu.gov.cn。3月1日起施行。https://zwfw.gansu.gov.cn:8443/col/</p>',
    ],
)
def test_official_pages_stay_clean(reviewer, body):
    assert broken(reviewer, Document(html=page(body))) == []


@pytest.mark.parametrize(
    "text",
    [
        "本办法自2026年3月1日起施行。政府网站不得链接内网地址，请勿使用内网地址或本机文件路径作为链接。",
        "软件版本 1.2.3.4；IP 段 10.0.0.0/8 属于内部地址；会议时间：9:00—17:00；比例为3:1。",
        "网址：http://www.gansu.gov.cn，邮箱：bgs@gansu.gov.cn，电话：0931-8123456。",
        "网址为http://www.gansu.gov.cn。3月1日起施行。另可访问https://www.gov.cn/zhengce/。",
        "查询网址：ｈｔｔｐ：／／ｗｗｗ．ｇａｎｓｕ．ｇｏｖ．ｃｎ",  # typeset all in full-width: a typesetting choice
        "Step: fill in the form. Tips: see the guide. GDP: 5.2%。选项A:/B",
        "安装完成后在浏览器访问http://127.0.0.1:8088 打开客户端。",  # the reader's own computer
        "在浏览器中输入http://192.168.1.1/ 登录路由器管理页面，修改无线网络密码。",  # the reader's own router
        "执法文书编号：甘市监罚〔2026〕12号，处罚依据：《中华人民共和国广告法》第五十七条。",
        "外部链接应以http://或https://开头，不得使用file://、ftp://等协议。",  # rules about links name the schemes
        "常见的错误写法有htp://、http：//和http//等，请各单位自查。",
        # 办事指南 tell readers where things are on their own computer
        "驱动程序默认安装在C:\\Program Files (x86)\\CA证书助手\\目录下，如无法识别请查看C:\\Windows\\System32\\drivers。",
        "请将下载的申报软件解压到D:\\申报软件\\ 后运行setup.exe。",
    ],
)
def test_official_text_stays_clean(reviewer, text):
    assert broken(reviewer, Document(text=text)) == []


def test_intranet_addresses_are_not_called_commercial_sites(reviewer):
    html = page('<a href="http://192.168.1.5/oa/">办公</a><a href="http://1.2.3.4/">x</a>')
    rules = [(f.rule, f.text) for f in reviewer.review(Document(html=html)).findings if f.rule.startswith("link.")]
    assert rules == [("link.broken", "http://192.168.1.5/oa/"), ("link.commercial", "http://1.2.3.4/")]
    # with link.broken off the address is still reported, as before
    r = Reviewer({"disable": ["link.broken"]})
    assert [f.rule for f in r.review(Document(html=html)).findings if f.rule.startswith("link.")] == [
        "link.commercial", "link.commercial"]


@pytest.mark.parametrize(
    "head, value, severity",
    [
        ('<meta http-equiv="refresh" content="0;url=http://192.168.10.2/portal/">', "http://192.168.10.2/portal/",
         Severity.high),
        ('<script>window.location.href = "http://10.0.0.8:8080/index.jsp";</script>', "http://10.0.0.8:8080/index.jsp",
         Severity.high),
        ("<script>location.replace('file:///C:/site/index.html')</script>", "file:///C:/site/index.html", Severity.high),
        ("<script>function s(){window.open('http://oa/share?u=1')}</script>", "http://oa/share?u=1", Severity.medium),
        ('<meta http-equiv="refresh" content="3;url=http//www.gansu.gov.cn/">', "http//www.gansu.gov.cn/", Severity.high),
    ],
)
def test_redirects_to_intranet_or_local_addresses(reviewer, head, value, severity):
    # the links detector leaves non-public addresses to link.broken: a redirect to one must not go silent; every
    # visitor is sent there, so the page is dead (high, as link.redirect called it)
    html = f"<html><head>{head}</head><body><p>正在跳转……</p></body></html>"
    (f,) = broken(reviewer, Document(html=html))
    assert f.text == value and f.severity == severity


def test_finding_details_name_the_tag_attribute_and_anchor(reviewer):
    html = page('<div style="display:none"><a href="file:///C:/x/附件.doc">附件</a></div>')
    (f,) = broken(reviewer, Document(html=html))
    d = f.explanation.details
    assert d["tag"] == "a" and d["attribute"] == "href" and d["anchor_text"] == "附件" and d["hidden_by"]
    assert "公众无法打开" in f.message


def test_the_rule_can_be_disabled():
    r = Reviewer({"disable": ["link.broken"]})
    assert broken(r, Document(text="登录http://192.168.1.10/oa/")) == []


@pytest.mark.parametrize(
    "url, kind",
    [
        ("FILE:///c:/a.doc", "local-file"), ("file://server/share/a.doc", "local-file"), ("c|/a.doc", "local-file"),
        ("http://100.64.1.2/", "intranet"), ("http://169.254.1.1/", "intranet"), ("http://[fd00::1]:8080/", "intranet"),
        ("http://a.b.lan/", "intranet"), ("http://intranet/", "intranet"), ("ftp://10.0.0.2/pub/", "intranet"),
        ("http://www.x,gov.cn/", "malformed"), ("https://", "malformed"), ("http;//www.gov.cn/", "malformed"),
        ("hhttp://www.gov.cn/", "malformed"), ("http:www.gov.cn", "malformed"), ("ｈｔｔｐ：／／ｗｗｗ．ｇｏｖ．ｃｎ/", "malformed"),
        ("http://１９２.１６８.１.５/oa/", "intranet"), ("http://ｏａ/", "intranet"),  # browsers fold the width
        ("http://www．gansu．gov．cn/", "malformed"), ("//www。gansu。gov。cn/", "malformed"),
        ("http://8.8.8.8/", None), ("http://172.32.0.1/", None), ("http://www.gov.cn:8080/", None), ("/zwgk/", None),
        ("javascript:void(0)", None), ("mailto:a@b.cn", None), ("data:image/png;base64,AAAA", None), ("#", None),
        ("http:\\\\www.gov.cn\\", None), ("index.php?m=a.b", None), ("README.md", None),
    ],
)
def test_url_problem(url, kind):
    p = url_problem(url)
    assert (p.kind if p else None) == kind


# What a browser does with a malformed target decides how broken it is. A host typed with 。．｡ is mapped to dots by
# every browser (UTS #46) and opens: a defect (copying, link checkers, other clients), low. http:/www.x and
# http:www.x are read as a path on the page's own site when the page has the same scheme (dead, medium) and as
# http://www.x on a page of the other scheme (repaired, low); with the page's scheme unknown they stay low and the
# message says when they fail. A misspelled scheme, a full-width colon, a missing colon or a domain without a scheme
# is never followed: a dead link, medium.
@pytest.mark.parametrize(
    "href, page_url, severity, says",
    [
        ("http://www。gansu。gov。cn/zwgk/", None, Severity.low, "自动纠正"),
        ("https://zwfw．hunan．gov．cn/col/", "https://www.hunan.gov.cn/a.html", Severity.low, "自动纠正"),
        ("http://www｡gov｡cn/", None, Severity.low, "自动纠正"),
        ("http:/www.gansu.gov.cn/zwgk/", "http://www.lanzhou.gov.cn/a.html", Severity.medium, "相对路径"),
        ("http:www.gansu.gov.cn/zwgk/", "http://www.lanzhou.gov.cn/a.html", Severity.medium, "相对路径"),
        ("https:/www.gov.cn/zhengce/", "https://www.lanzhou.gov.cn/a.html", Severity.medium, "相对路径"),
        ("http:/www.gansu.gov.cn/zwgk/", "https://www.lanzhou.gov.cn/a.html", Severity.low, "自动纠正"),
        ("http:www.gansu.gov.cn/zwgk/", None, Severity.low, "http 协议的页面上"),
        ("htp://www.gansu.gov.cn/", "https://www.lanzhou.gov.cn/a.html", Severity.medium, "无法打开"),
        ("http;//www.gov.cn/", None, Severity.medium, "无法打开"),
        ("ｈｔｔｐ：／／ｗｗｗ．ｇｏｖ．ｃｎ/", None, Severity.medium, "无法打开"),
    ],
)
def test_malformed_link_severity_follows_what_browsers_do(reviewer, href, page_url, severity, says):
    html = page(f'<p>详见<a href="{href}" target="_blank">甘肃省人民政府网</a>。</p>')
    (f,) = broken(reviewer, Document(html=html, url=page_url))
    assert f.text == href and f.severity == severity and says in f.message, f.message


def test_base_href_gives_the_page_scheme(reviewer):
    html = ('<html><head><base href="http://www.lanzhou.gov.cn/xxgk/"></head><body>'
            '<p><a href="http:/www.gansu.gov.cn/">甘肃</a></p></body></html>')
    (f,) = broken(reviewer, Document(html=html, url="https://mirror.example.gov.cn/x.html"))
    assert f.severity == Severity.medium and "相对路径" in f.message


def test_relative_base_href_keeps_the_document_scheme(reviewer):
    html = ('<html><head><base href="/xxgk/"></head><body>'
            '<p><a href="https:/www.gansu.gov.cn/">甘肃</a></p></body></html>')
    (f,) = broken(reviewer, Document(html=html, url="https://www.lanzhou.gov.cn/xxgk/a.html"))
    assert f.severity == Severity.medium and "相对路径" in f.message


def test_redirect_to_a_repaired_address_is_not_a_dead_page(reviewer):
    html = '<html><head><meta http-equiv="refresh" content="0;url=http://www。gansu。gov。cn/"></head><body></body></html>'
    (f,) = broken(reviewer, Document(html=html))
    assert f.severity == Severity.low and "自动纠正" in f.message


# An intranet address typed in full-width mode in running text is still an intranet address: readers outside cannot
# reach it and it shows the office network (the full-width typing itself is no malformed URL in prose)
@pytest.mark.parametrize(
    "text, value",
    [
        ("内网办公系统地址：ｈｔｔｐ：／／１９２．１６８．１．１０／oa，请各科室及时登录。", "ｈｔｔｐ：／／１９２．１６８．１．１０／oa"),
        ("內網辦公系統地址：ｈｔｔｐ：／／１９２．１６８．１．１０／ｏａ", "ｈｔｔｐ：／／１９２．１６８．１．１０／ｏａ"),
        ("请于3月10日前登录ｈｔｔｐ：／／１０．１２．３．４：８０８０／ｚｗｆｗ填报。", "ｈｔｔｐ：／／１０．１２．３．４：８０８０／ｚｗｆｗ"),
        ("请于3月10日前登录http：//10.12.3.4:8080/zwfw填报。", "http：//10.12.3.4:8080/zwfw"),
        # without a scheme, as 172.16.8.20:9090/report is read
        ("请访问１７２．１６．８．２０：９０９０／report进行数据报送。", "１７２．１６．８．２０：９０９０／report"),
        ("內網地址：１９２．１６８．１．１０／ｏａ，請及時登錄。", "１９２．１６８．１．１０／ｏａ"),
    ],
)
def test_intranet_address_typed_in_full_width(reviewer, text, value):
    (f,) = broken(reviewer, Document(text=text))
    assert f.text == value and f.explanation.details["kind"] == "intranet" and f.severity == Severity.medium


@pytest.mark.parametrize(
    "text",
    [
        "政府网站网址：ｈｔｔｐ：／／ｗｗｗ．ｇａｎｓｕ．ｇｏｖ．ｃｎ，欢迎访问。",  # a public site typed in full width
        "在浏览器地址栏输入ｈｔｔｐ：／／１９２．１６８．１．１进入路由器设置页面，修改无线网密码。",  # the reader's own router
        "安装客户端后访问ｈｔｔｐ：／／１２７．０．０．１：８０８８即可使用。",
        "登录１９２．１６８．１．１／ｌｏｇｉｎ进入路由器设置页面。",
        "本标准第10.2.3.4：2024年起执行；第１０．１．２．３：１２项指标。",  # clause numbers, not addresses
    ],
)
def test_full_width_addresses_readers_can_use(reviewer, text):
    assert broken(reviewer, Document(text=text)) == []


# The text of a working link that shows a file server path, a drive path or an intranet address: the href is fine,
# the text still shows the office network to every reader
@pytest.mark.parametrize(
    "body, value",
    [
        ('<p>附件：<a href="/upload/2026/03/P020260301.doc">\\\\fileserver\\共享\\综合科\\附件1.doc</a></p>',
         "\\\\fileserver\\共享\\综合科\\附件1.doc"),
        ('<p>附件：<a href="/upload/2026/03/P020260301.xls" target="_blank">\\\\192.168.1.5\\公文\\2026年报表.xls</a></p>',
         "\\\\192.168.1.5\\公文\\2026年报表.xls"),
        ('<p>附件：<a href="./P020260301.docx">C:\\Users\\zhangwei\\Desktop\\申报表.docx</a></p>',
         "C:\\Users\\zhangwei\\Desktop\\申报表.docx"),
        ('<td><a href="/xxgk/oa.html">http://10.12.3.4:8080/zwfw</a></td>', "http://10.12.3.4:8080/zwfw"),
        ('<p>附件：<a href="javascript:void(0)" onclick="down(3)">D:/统计科/一季度报表.xlsx</a></p>', "D:/统计科/一季度报表.xlsx"),
    ],
)
def test_anchor_text_showing_an_office_path(reviewer, body, value):
    html = page(body)
    (f,) = broken(reviewer, Document(html=html))
    assert f.text == value and html[f.start:f.end] == value
    assert f.severity == Severity.medium and f.message.startswith("超链接的文字写的是") and f.explanation.details["href"]


@pytest.mark.parametrize(
    "body",
    [
        # the href is the same broken target: reported once, on the href
        '<p><a href="file:///\\\\fileserver\\共享\\附件.doc">\\\\fileserver\\共享\\附件.doc</a></p>',
        '<p><a href="http://192.168.1.10/oa/">http://192.168.1.10/oa/</a></p>',
        # text that repeats a working target, or a path on the reader's own computer
        '<p><a href="http://www.gansu.gov.cn/">http://www.gansu.gov.cn/</a></p>',
        '<p><a href="/bszn/install.html">默认安装在C:\\Program Files\\CA\\驱动</a></p>',
        '<p><a href="/help/router.html">登录http://192.168.1.1进入路由器设置</a></p>',
        '<p><a href="http://www.gansu.gov.cn/">http:/www.gansu.gov.cn/</a></p>',
    ],
)
def test_anchor_text_repeating_its_target(reviewer, body):
    found = broken(reviewer, Document(html=page(body)))
    assert [f for f in found if f.explanation.details.get("in_anchor")] == []
    assert len(found) <= 1
