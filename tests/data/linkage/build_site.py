"""Writes tests/data/linkage/site/: a small export of a fictional city government site (临江市).

Written for govreview (not copied from a real site); the page layout follows
the usual Chinese government CMS template (政府网站发展指引 metadata in
<meta>, an info table 索引号/发布机构/发文字号 above policy texts, nav bar,
breadcrumb). Run from the repo root: ``python tests/data/linkage/build_site.py``.

The cases (base URL http://www.linjiang.gov.cn/):

| policy (published) | interpretation (published) | what it exercises |
| --- | --- | --- |
| P1 促进消费若干措施 (2025-03-10) | I1 政策解读 (2025-03-14) | correct pair, links both ways (https vs http, relative) |
| P2 优化营商环境办法 (2025-05-06) | — | missing interpretation |
| P3 社区养老服务实施意见 (2025-06-03) | I3 解读 (2025-06-10) | one-way link: the policy page lacks the link |
| P4 住房公积金缴存管理规定 (2025-07-01) | I4 解读 (2025-07-25) | late: 18 working days |
| P5 支持民营经济发展若干措施 (2025-09-26) | I5 政策解读 (2025-10-16) | across National Day: 10 official working days (counting 调休 days 9-28 and 10-11, skipping 10-1..10-8) = on time; 14 by a naive Mon–Fri count = late |
| P6 老旧小区改造实施方案 (2025-08-12) | I6 答记者问 (2025-08-19) | interpretation cites only the 文号; no links either way |
| P7 数字经济三年行动方案 (2025-11-03) | I7 一图读懂 (2025-11-07) | image page citing only the quoted title; no links |
| — (dead link) | I8 公共数据开放管理暂行办法解读 (2025-04-20) | orphan: its 政策原文 link is dead |
| P9 职务任免的通知 (2025-04-01) | — | exempt: personnel notice |
| — | N1 解读培训会 news, N2 我市出台…措施 news, home and column pages | must stay "other" |
"""

from __future__ import annotations

from pathlib import Path

SITE = Path(__file__).with_name("site")
HOST = "http://www.linjiang.gov.cn"

NAV = """<div class="top-nav"><a href="/index.html">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/zwgk/zcwj/">政策文件</a> | <a href="/zwgk/zcjd/">政策解读</a> | <a href="/hdjl/">互动交流</a> | <a href="http://www.gov.cn/">中国政府网</a></div>"""
FOOT = """<div class="footer"><p>主办：临江市人民政府办公室　承办：临江市大数据中心</p><p>网站标识码：0000000001　<a href="/wzdt/">网站地图</a>　<a href="/lxwm/">联系我们</a></p></div>"""


def page(path: str, title: str, column: str, date: str, body: str, *, info: dict[str, str] | None = None,
         source: str = "临江市人民政府办公室") -> None:
    info_html = ""
    if info:
        cells = "".join(f"<tr><th>{k}：</th><td>{v}</td></tr>" for k, v in info.items())
        info_html = f'<table class="xxgk-info">{cells}</table>'
    html = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}_临江市人民政府门户网站</title>
<meta name="SiteName" content="临江市人民政府门户网站">
<meta name="SiteDomain" content="www.linjiang.gov.cn">
<meta name="ColumnName" content="{column}">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{date} 09:30">
<meta name="ContentSource" content="{source}">
<link rel="stylesheet" href="/css/article.css">
<script>var _hmt = _hmt || [];</script>
</head>
<body>
{NAV}
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; {column}</div>
{info_html}
<div class="article">
<h1>{title}</h1>
<div class="meta">发布日期：{date}　来源：{source}　<a href="javascript:window.print()">打印本页</a></div>
{body}
</div>
{FOOT}
</body>
</html>
"""
    p = SITE / path
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(html, encoding="utf-8")


def info(docno: str, date: str, org: str = "临江市人民政府办公室", index_no: str = "11330000MB0000000X/2025-00001") -> dict[str, str]:
    return {"索引号": index_no, "发布机构": org, "发文字号": docno, "成文日期": date, "发布日期": date}


def build() -> None:
    # --- home and column pages (other) -----------------------------------------------------------
    page("index.html", "临江市人民政府门户网站", "首页", "2025-11-10", """
<ul class="news"><li><a href="zwgk/zcwj/202511/t20251103_1007.html">临江市人民政府关于印发临江市数字经济高质量发展三年行动方案（2025—2027年）的通知</a></li>
<li><a href="zwgk/zcjd/202511/t20251107_2007.html">一图读懂《临江市数字经济高质量发展三年行动方案（2025—2027年）》</a></li>
<li><a href="xwzx/202510/t20251020_3001.html">我市出台支持民营经济发展二十条措施</a></li></ul>""")
    page("zwgk/zcwj/index.html", "政策文件", "政策文件", "2025-11-03", """
<ul class="list">
<li><a href="202511/t20251103_1007.html">临江市人民政府关于印发临江市数字经济高质量发展三年行动方案（2025—2027年）的通知</a><span>2025-11-03</span></li>
<li><a href="202509/t20250926_1005.html">临江市人民政府办公室关于印发临江市支持民营经济发展若干措施的通知</a><span>2025-09-26</span></li>
<li><a href="202508/t20250812_1006.html">临江市城镇老旧小区改造实施方案</a><span>2025-08-12</span></li>
<li><a href="202507/t20250701_1004.html">临江市住房公积金缴存管理规定</a><span>2025-07-01</span></li>
<li><a href="202506/t20250603_1003.html">临江市人民政府关于加强城市社区养老服务的实施意见</a><span>2025-06-03</span></li>
<li><a href="202505/t20250506_1002.html">临江市优化营商环境办法</a><span>2025-05-06</span></li>
<li><a href="202504/t20250401_1009.html">临江市人民政府关于张明等同志职务任免的通知</a><span>2025-04-01</span></li>
<li><a href="202503/t20250310_1001.html">临江市人民政府办公室关于印发临江市促进消费若干措施的通知</a><span>2025-03-10</span></li>
</ul>""")
    page("zwgk/zcjd/index.html", "政策解读", "政策解读", "2025-11-07", """
<ul class="list">
<li><a href="202511/t20251107_2007.html">一图读懂《临江市数字经济高质量发展三年行动方案（2025—2027年）》</a></li>
<li><a href="202510/t20251016_2005.html">临江市支持民营经济发展若干措施政策解读</a></li>
<li><a href="202508/t20250819_2006.html">市住房城乡建设局负责人就城镇老旧小区改造工作答记者问</a></li>
<li><a href="202507/t20250725_2004.html">《临江市住房公积金缴存管理规定》解读</a></li>
<li><a href="202506/t20250610_2003.html">关于《临江市人民政府关于加强城市社区养老服务的实施意见》的解读</a></li>
<li><a href="202504/t20250420_2008.html">《临江市公共数据开放管理暂行办法》解读</a></li>
<li><a href="202503/t20250314_2001.html">《临江市促进消费若干措施》政策解读</a></li>
</ul>""")

    # --- P1 / I1: correct pair ----------------------------------------------------------------------
    page("zwgk/zcwj/202503/t20250310_1001.html", "临江市人民政府办公室关于印发临江市促进消费若干措施的通知", "政策文件", "2025-03-10", """
<div class="content">
<p style="text-align:center">临政办发〔2025〕12号</p>
<p>各县（市、区）人民政府，市政府各部门、各直属机构：</p>
<p>《临江市促进消费若干措施》已经市政府同意，现印发给你们，请认真贯彻执行。</p>
<p style="text-align:right">临江市人民政府办公室<br>2025年3月7日</p>
<p>（此件公开发布）</p>
<h3>临江市促进消费若干措施</h3>
<p>一、开展汽车以旧换新。对报废旧车并购买新能源乘用车的个人消费者，给予一次性补贴。</p>
<p>二、支持家电家居消费。鼓励商贸企业开展家电以旧换新促销活动。</p>
<p>三、培育消费新场景。支持夜间经济集聚区建设，打造特色商业街区。</p>
</div>
<div class="related"><p>相关解读：<a href="../../zcjd/202503/t20250314_2001.html">《临江市促进消费若干措施》政策解读</a></p></div>""",
         info=info("临政办发〔2025〕12号", "2025-03-10"))
    page("zwgk/zcjd/202503/t20250314_2001.html", "《临江市促进消费若干措施》政策解读", "政策解读", "2025-03-14", """
<div class="content">
<p>近日，市政府办公室印发《临江市促进消费若干措施》（以下简称《措施》）。现就有关内容解读如下：</p>
<p><strong>一、出台背景</strong></p>
<p>为贯彻落实国家关于恢复和扩大消费的部署，进一步激发消费潜力，市商务局会同有关部门起草了《措施》。</p>
<p><strong>二、主要内容</strong></p>
<p>《措施》共三条，包括开展汽车以旧换新、支持家电家居消费、培育消费新场景。</p>
<p>解读机关：临江市商务局　解读人：王敏　联系电话：0000-12345678</p>
</div>
<div class="related"><p>政策原文：<a href="https://www.linjiang.gov.cn/zwgk/zcwj/202503/t20250310_1001.html">临江市人民政府办公室关于印发临江市促进消费若干措施的通知</a></p></div>""",
         source="临江市商务局")

    # --- P2: missing interpretation -----------------------------------------------------------------
    page("zwgk/zcwj/202505/t20250506_1002.html", "临江市优化营商环境办法", "政策文件", "2025-05-06", """
<div class="content">
<p>第一条　为了持续优化营商环境，激发市场主体活力，根据《优化营商环境条例》等法律法规，结合本市实际，制定本办法。</p>
<p>第二条　本市行政区域内优化营商环境工作，适用本办法。</p>
<p>第三条　市人民政府发展改革部门是本市优化营商环境工作的主管部门。</p>
<p>第四十条　本办法自2025年6月1日起施行。</p>
</div>""", info=info("临政规〔2025〕3号", "2025-05-06", org="临江市人民政府"))

    # --- P3 / I3: one-way link (the policy page does not link back) -----------------------------------
    page("zwgk/zcwj/202506/t20250603_1003.html", "临江市人民政府关于加强城市社区养老服务的实施意见", "政策文件", "2025-06-03", """
<div class="content">
<p style="text-align:center">临政发〔2025〕8号</p>
<p>各县（市、区）人民政府，市政府各部门：</p>
<p>为积极应对人口老龄化，加快发展城市社区养老服务，根据《国务院办公厅关于推进养老服务发展的意见》（国办发〔2019〕5号），现提出如下实施意见。</p>
<p>一、完善社区养老服务设施。新建城区和新建居住区按标准配套建设养老服务设施。</p>
<p>二、发展社区助餐服务。推动社区老年助餐点建设。</p>
<p style="text-align:right">临江市人民政府<br>2025年5月30日</p>
</div>""", info=info("临政发〔2025〕8号", "2025-06-03", org="临江市人民政府"))
    page("zwgk/zcjd/202506/t20250610_2003.html", "关于《临江市人民政府关于加强城市社区养老服务的实施意见》的解读", "政策解读", "2025-06-10", """
<div class="content">
<p>一、起草背景。《实施意见》根据《国务院办公厅关于推进养老服务发展的意见》（国办发〔2019〕5号）精神，结合我市实际制定。</p>
<p>二、主要内容。《实施意见》从设施建设、助餐服务等方面提出具体措施。</p>
<p>解读机关：临江市民政局</p>
</div>
<div class="related"><p>政策原文：<a href="http://www.linjiang.gov.cn/zwgk/zcwj/202506/t20250603_1003.html">临江市人民政府关于加强城市社区养老服务的实施意见</a></p></div>""",
         source="临江市民政局")

    # --- P4 / I4: late (18 working days) -------------------------------------------------------------
    page("zwgk/zcwj/202507/t20250701_1004.html", "临江市住房公积金缴存管理规定", "政策文件", "2025-07-01", """
<div class="content">
<p>第一条　为规范住房公积金缴存管理，维护缴存职工合法权益，根据《住房公积金管理条例》，制定本规定。</p>
<p>第二条　本市行政区域内住房公积金的缴存及其管理，适用本规定。</p>
<p>第二十条　本规定自2025年8月1日起施行。</p>
</div>
<div class="related"><p>相关解读：<a href="/zwgk/zcjd/202507/t20250725_2004.html">《临江市住房公积金缴存管理规定》解读</a></p></div>""",
         info=info("临政规〔2025〕5号", "2025-07-01", org="临江市人民政府"))
    page("zwgk/zcjd/202507/t20250725_2004.html", "《临江市住房公积金缴存管理规定》解读", "政策解读", "2025-07-25", """
<div class="content">
<p>一、制定依据。《规定》依据《住房公积金管理条例》制定。</p>
<p>二、缴存比例。单位和职工缴存比例均不低于5%，不高于12%。</p>
<p>解读机关：临江住房公积金中心</p>
</div>
<div class="related"><p>政策原文：<a href="../../zcwj/202507/t20250701_1004.html">临江市住房公积金缴存管理规定</a></p></div>""",
         source="临江住房公积金中心")

    # --- P5 / I5: across National Day 2025: on time only by the official calendar ------------------------
    page("zwgk/zcwj/202509/t20250926_1005.html", "临江市人民政府办公室关于印发临江市支持民营经济发展若干措施的通知", "政策文件", "2025-09-26", """
<div class="content">
<p style="text-align:center">临政办发〔2025〕30号</p>
<p>各县（市、区）人民政府，市政府各部门、各直属机构：</p>
<p>《临江市支持民营经济发展若干措施》已经市政府同意，现印发给你们，请结合实际认真贯彻落实。</p>
<p style="text-align:right">临江市人民政府办公室<br>2025年9月25日</p>
</div>
<div class="related"><p>相关解读：<a href="http://www.linjiang.gov.cn/zwgk/zcjd/202510/t20251016_2005.html">临江市支持民营经济发展若干措施政策解读</a></p></div>""",
         info=info("临政办发〔2025〕30号", "2025-09-26"))
    page("zwgk/zcjd/202510/t20251016_2005.html", "临江市支持民营经济发展若干措施政策解读", "政策解读", "2025-10-16", """
<div class="content">
<p>一、出台背景。为进一步促进民营经济发展壮大，市发展改革委牵头起草了本措施。</p>
<p>二、主要内容。措施从市场准入、要素保障、融资支持等方面提出二十条举措。</p>
<p>解读机关：临江市发展和改革委员会</p>
</div>
<div class="related"><p>政策原文：<a href="https://www.linjiang.gov.cn/zwgk/zcwj/202509/t20250926_1005.html">临江市人民政府办公室关于印发临江市支持民营经济发展若干措施的通知</a></p></div>""",
         source="临江市发展和改革委员会")

    # --- P6 / I6: interpretation citing only the 文号; no links either way -------------------------------
    page("zwgk/zcwj/202508/t20250812_1006.html", "临江市城镇老旧小区改造实施方案", "政策文件", "2025-08-12", """
<div class="content">
<p>为全面推进城镇老旧小区改造工作，根据《国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见》（国办发〔2020〕23号），制定本方案。</p>
<p>一、改造范围。2000年底前建成、失养失修失管的城镇老旧小区。</p>
<p>二、改造内容。分为基础类、完善类、提升类三类。</p>
</div>""", info=info("临政办发〔2025〕21号", "2025-08-12"))
    page("zwgk/zcjd/202508/t20250819_2006.html", "市住房城乡建设局负责人就城镇老旧小区改造工作答记者问", "政策解读", "2025-08-19", """
<div class="content">
<p>近日，市政府办公室印发了临政办发〔2025〕21号文件，对全市城镇老旧小区改造工作作出部署。市住房城乡建设局负责人就有关问题回答了记者提问。</p>
<p>问：哪些小区纳入改造范围？</p>
<p>答：主要是2000年底前建成、失养失修失管的城镇老旧小区。这与国办发〔2020〕23号文件的要求一致。</p>
<p>问：改造内容有哪些？</p>
<p>答：分为基础类、完善类、提升类三类。</p>
</div>""", source="临江市住房和城乡建设局")

    # --- P7 / I7: 一图读懂 page citing only the quoted title; no links ------------------------------------
    page("zwgk/zcwj/202511/t20251103_1007.html", "临江市人民政府关于印发临江市数字经济高质量发展三年行动方案（2025—2027年）的通知", "政策文件", "2025-11-03", """
<div class="content">
<p style="text-align:center">临政发〔2025〕15号</p>
<p>各县（市、区）人民政府，市政府各部门：</p>
<p>现将《临江市数字经济高质量发展三年行动方案（2025—2027年）》印发给你们，请认真组织实施。</p>
<p style="text-align:right">临江市人民政府<br>2025年10月31日</p>
</div>""", info=info("临政发〔2025〕15号", "2025-11-03", org="临江市人民政府"))
    page("zwgk/zcjd/202511/t20251107_2007.html", "一图读懂《临江市数字经济高质量发展三年行动方案（2025—2027年）》", "政策解读", "2025-11-07", """
<div class="content">
<p><img src="/images/2025/11/yitu_szjj_01.png" alt="一图读懂数字经济三年行动方案（一）"></p>
<p><img src="/images/2025/11/yitu_szjj_02.png" alt="一图读懂数字经济三年行动方案（二）"></p>
<p>来源：临江市经济和信息化局</p>
</div>""", source="临江市经济和信息化局")

    # --- I8: orphan (dead 政策原文 link) -----------------------------------------------------------------
    page("zwgk/zcjd/202504/t20250420_2008.html", "《临江市公共数据开放管理暂行办法》解读", "政策解读", "2025-04-20", """
<div class="content">
<p>一、制定背景。为规范公共数据开放，促进数据要素流通，市大数据局起草了《暂行办法》。</p>
<p>二、主要内容。《暂行办法》明确了公共数据开放的范围、方式和安全管理要求。</p>
</div>
<div class="related"><p>政策原文：<a href="../../zcwj/202504/t20250415_1008.html">临江市公共数据开放管理暂行办法</a></p></div>""",
         source="临江市大数据局")

    # --- P9: exempt personnel notice ------------------------------------------------------------------
    page("zwgk/zcwj/202504/t20250401_1009.html", "临江市人民政府关于张明等同志职务任免的通知", "政策文件", "2025-04-01", """
<div class="content">
<p style="text-align:center">临政任〔2025〕4号</p>
<p>各县（市、区）人民政府，市政府各部门：</p>
<p>经研究决定：任命张明为临江市商务局局长；免去李华的临江市商务局副局长职务。</p>
</div>""", info=info("临政任〔2025〕4号", "2025-04-01", org="临江市人民政府"))

    # --- news pages that must stay "other" -------------------------------------------------------------
    page("xwzx/202510/t20251020_3001.html", "我市出台支持民营经济发展二十条措施", "要闻动态", "2025-10-20", """
<div class="content">
<p>近日，市政府办公室印发《临江市支持民营经济发展若干措施》（临政办发〔2025〕30号），从市场准入、要素保障等方面提出二十条举措。</p>
<p>详见：<a href="/zwgk/zcwj/202509/t20250926_1005.html">临江市人民政府办公室关于印发临江市支持民营经济发展若干措施的通知</a></p>
</div>""", source="临江日报")
    page("xwzx/202506/t20250618_3002.html", "市政府办公室召开政策解读工作培训会", "要闻动态", "2025-06-18", """
<div class="content">
<p>6月17日，市政府办公室召开全市政策解读工作培训会，要求各部门严格落实《临江市人民政府关于加强城市社区养老服务的实施意见》等文件的解读要求，做到文件与解读同步起草、同步审签、同步发布。</p>
</div>""")


if __name__ == "__main__":
    build()
