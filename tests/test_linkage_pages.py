"""Linkage on pages as CMS templates write them: 相关文章 boxes, interpretations given as attachments or set into the
policy page, interpretation pages titled only with their column's name (政策问答)."""

from __future__ import annotations

import json

import pytest

from govreview.linkage import run
from govreview.linkage.classify import Kind, classify
from govreview.linkage.features import extract
from govreview.linkage.links import extract_structure
from govreview.model import Document

HOST = "https://www.qinghe.gov.cn"
NAV = ('<div class="nav"><a href="/">首页</a><a href="/col/col1229/index.html">政务公开</a>'
       '<a href="/col/col1230/index.html">政策文件</a><a href="/col/col1231/index.html">政策解读</a>'
       '<a href="/col/col1232/index.html">政策问答</a></div>')
FOOT = ('<div class="footer">主办单位：清河市人民政府办公室　网站标识码：3300000099　'
        '<a href="http://www.beian.gov.cn/">浙公网安备 33010002000099号</a></div>')
AS_OF = {"options": {"linkage": {"as_of": "2026-01-10"}}}


def _page(path: str, title: str, body: str, day: str, *, docno: str | None = None, after: str = "",
          head_title: str | None = None, headline: bool = True, column: str = "政策文件") -> Document:
    """A Hanweb-style article page: nav, breadcrumb, 信息公开 table, headline, body, boxes after it, footer."""
    table = (f'<table class="xxgk"><tr><td>索引号：</td><td>11330000002482071Q/2025-00123</td></tr>'
             f'<tr><td>发文字号：</td><td>{docno}</td></tr><tr><td>发布日期：</td><td>{day}</td></tr></table>') if docno else ""
    meta = f'<meta name="ArticleTitle" content="{title}">' if headline else ""
    h1 = f'<h1 class="title">{title}</h1>' if headline else ""
    html = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{head_title or title + " - 清河市人民政府"}</title>'
            f'{meta}<meta name="PubDate" content="{day} 10:00"></head><body>'
            f'<div class="header"><img src="/images/logo.png" alt="清河市人民政府"></div>{NAV}'
            f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; {column}</div><div class="main">{table}'
            f'<div class="article">{h1}<div class="info">发布日期：{day}　来源：清河市人民政府办公室</div>'
            f'<div class="content" id="zoom">{body}</div>{after}</div></div>{FOOT}</body></html>')
    return Document(id=path, url=f"{HOST}/{path}", html=html)


def _rows(res) -> dict[str, tuple[str, list[str]]]:
    return {r.policy.id: (r.status, [q.interpretation.id for q in r.pairs]) for r in res.rows}


def _rules(res, doc_id: str) -> list[str]:
    return sorted(f.rule for f in res.findings if f.explanation.details["document_id"] == doc_id)


# --- 相关文章 / 相关阅读 / 相关推荐 boxes ------------------------------------------------------------------------
A = "清河市人民政府关于印发清河市城市更新行动实施方案的通知"
B = "清河市促进民营经济高质量发展若干措施"
IB = f"关于《{B}》的解读"

_BOXES = [
    # heading in its own element, date beside each entry
    '<div class="xgwz"><h3>相关文章</h3><ul><li><a href="{href}">{text}</a><span>2025-05-08</span></li>'
    '<li><a href="/art/z.html">清河市召开全市经济运行分析会</a></li></ul></div>',
    # heading row with a 更多>> link, entries in a sibling element
    '<div class="box"><div class="box-hd"><span class="tit">相关阅读</span><a class="more" href="/col/col1231/">更多&gt;&gt;</a>'
    '</div><div class="box-bd"><ul><li><a href="{href}">{text}</a></li></ul></div></div>',
    # the heading is a link to the box's column
    '<div class="m-box"><h3><a href="/col/xgwz/">相关文章</a></h3><ul><li><a href="{href}">{text}</a></li></ul></div>',
    # label in the same paragraph as the links
    '<p>【相关推荐】<a href="{href}">{text}</a>　<a href="/art/z.html">清河市召开全市经济运行分析会</a></p>',
    # recognised by the box's class alone
    '<div class="related-articles"><ul><li><a href="{href}">{text}</a></li></ul></div>',
    # in a table cell, with a colon; traditional script
    '<table><tr><td class="hd">猜你喜欢：</td></tr><tr><td><a href="{href}">{text}</a></td></tr></table>',
    '<div class="r"><h4>相關閱讀</h4><a href="{href}">{text}</a></div>',
]


@pytest.mark.parametrize("box", _BOXES)
def test_related_article_boxes_do_not_pair_an_unrelated_policy(box):
    """Before: the policy whose 相关文章 box (filled by keyword) listed another policy's 解读, and that 解读's
    相关阅读 box listing the policy, were paired by links both ways: the policy's missing interpretation was hidden."""
    docs = [
        _page("art/a.html", A, "<p>现将《清河市城市更新行动实施方案》印发给你们。</p>", "2025-05-06", docno="清政办发〔2025〕7号",
              after=box.format(href="/art/ib.html", text=IB)),
        _page("art/b.html", B, '<p>第一条……</p><div class="xgjd">相关解读：<a href="/art/ib.html">政策解读</a></div>',
              "2025-05-07", docno="清政规〔2025〕3号"),
        _page("art/ib.html", IB, f'<p>《若干措施》共二十条。</p><p>政策原文：<a href="/art/b.html">{B}</a></p>'
              + box.format(href="/art/a.html", text=A), "2025-05-08", column="政策解读"),
    ]
    res = run(docs, AS_OF)
    assert _rows(res) == {"art/a.html": ("missing", []), "art/b.html": ("ok", ["art/ib.html"])}
    assert _rules(res, "art/a.html") == ["linkage.missing_interpretation"]


@pytest.mark.parametrize("box", _BOXES[:4])
def test_a_related_article_link_still_counts_between_a_pair_found_by_title(box):
    """Like a sidebar link: it does not make a pair, but once the title pairs them the pages do link."""
    docs = [
        _page("art/b.html", B, "<p>第一条……</p>" + box.format(href="/art/ib.html", text=IB), "2025-05-07",
              docno="清政规〔2025〕3号"),
        _page("art/ib.html", IB, f'<p>《若干措施》共二十条。</p><p>政策原文：<a href="/art/b.html">{B}</a></p>', "2025-05-08"),
    ]
    res = run(docs, AS_OF)
    (pair,) = res.rows[0].pairs
    assert pair.linked_from_policy and res.findings == []
    assert any(e["type"] == "backlink" and e.get("template") for e in pair.evidence)


@pytest.mark.parametrize("html", [
    # the editor's boxes keep their links: 相关解读 next to a 相关推荐 box, gov.cn's 相关链接, 延伸阅读
    '<div class="side"><div class="b1"><div class="hd"><span>相关推荐</span></div></div>'
    '<div class="b2"><h3>相关解读</h3><a href="/art/ib.html">x</a></div></div>',
    '<div class="related"><div class="related_title">相关链接</div><ul><li><a href="/art/ib.html">x</a></li></ul></div>',
    '<div class="ycyd"><h3>延伸阅读</h3><a href="/art/ib.html">x</a></div>',
    # a box closed before the link; a page titled 相关文章
    '<div class="xgwz"><h3>相关文章</h3><ul><li><a href="/art/z.html">z</a></li></ul></div><p>原文：<a href="/art/ib.html">x</a></p>',
    # a menu entry named 相关文章 is not a box heading
    '<div class="main"><div class="menu"><a href="/col/xgwz/">最新文件</a></div><p>详见<a href="/art/ib.html">x</a></p></div>',
    '<div class="main"><a href="/col/xgwz/">相关文章</a><p>详见<a href="/art/ib.html">x</a></p></div>',
])
def test_links_outside_automatic_boxes_are_ordinary(html):
    st = extract_structure(f"<html><head><title>相关文章</title></head><body>{html}</body></html>")
    assert [ln.auto for ln in st.links if ln.href == "/art/ib.html"] == [False]


# --- an interpretation given as an attachment, on another site, or in the policy page itself ------------------------
P = "清河市人民政府办公室关于印发清河市促进民营经济高质量发展若干措施的通知"
_PBODY = ("<p>各县（市、区）人民政府，市政府直属各单位：</p><p>现将《清河市促进民营经济高质量发展若干措施》印发给你们，"
          "请认真贯彻执行。</p><p>清河市人民政府办公室</p><p>2025年9月24日</p>")


@pytest.mark.parametrize("extra, kind, evidence", [
    ('<p>附件：<a href="/module/download/downfile.jsp?classid=0&filename=2509261630123.pdf">'
     '《清河市促进民营经济高质量发展若干措施》政策解读.pdf</a></p>', "attachment", "downfile.jsp"),
    ('<p><a href="/picture/0/2509261630456.jpg" target="_blank"><img src="/picture/0/s2509261630456.jpg" '
     'alt="一图读懂《清河市促进民营经济高质量发展若干措施》"></a></p>', "attachment", "2509261630456.jpg"),
    ('<div class="fj">附件：<a href="./P020250926563214785231.docx">1.清河市促进民营经济高质量发展若干措施</a><br>'
     '<a href="./P020250926563214785232.docx">2.政策解读</a></div>', "attachment", "P020250926563214785232.docx"),
    ('<p>附件：<a href="/attach/0/x.wps">关于《若干措施》的解读说明（WPS）</a></p>', "attachment", "x.wps"),
    ('<p style="text-align:center"><strong>《清河市促进民营经济高质量发展若干措施》政策解读</strong></p>'
     '<p>一、制定背景。为贯彻落实中央和省委关于促进民营经济发展壮大的决策部署，市发展改革委牵头起草了《若干措施》。</p>'
     '<p>二、主要内容。《若干措施》共二十条。</p>', "embedded", "政策解读"),
    ('<p>【政策解读】</p><p>一、制定背景。为贯彻落实中央和省委关于促进民营经济发展壮大的决策部署，市发展改革委牵头起草了'
     '《若干措施》，广泛征求了意见。</p><p>二、主要内容。《若干措施》共二十条，从市场准入、要素保障、融资支持等方面提出具体措施。</p>',
     "embedded", "政策解读"),
    ('<p><img src="/picture/0/yt1.jpg" alt="图解：清河市促进民营经济高质量发展若干措施"></p>', "embedded", "图解"),
    ('<div class="xgjd">相关解读：<a href="/art/2025/9/27/art_1231_7799.html">关于《清河市促进民营经济高质量发展若干措施》的解读</a></div>',
     "not-in-export", "art_1231_7799.html"),
    ('<div class="xgjd">相关解读：<a href="https://fgw.qinghe.gov.cn/art/2025/9/27/art_1.html">'
     '《清河市促进民营经济高质量发展若干措施》政策解读</a></div>', "external", "fgw.qinghe.gov.cn"),
])
def test_interpretation_given_outside_a_page_of_its_own_is_for_a_person_to_check(extra, kind, evidence):
    """Before: linkage.missing_interpretation (medium) — the site had published the 解读, as a file, elsewhere or
    on the same page. Now an info finding says where, with the link, and asks for a person to check."""
    res = run([_page("art/p.html", P, _PBODY + extra, "2025-09-26", docno="清政办发〔2025〕31号")], AS_OF)
    (row,) = res.rows
    assert row.status == "attached" and row.elsewhere[0]["type"] == kind
    (f,) = res.findings
    assert f.rule == "linkage.attached_interpretation" and f.severity.value == "info"
    assert "请人工核实" in f.message and evidence in str(f.explanation.details["interpretation_elsewhere"])
    json.dumps(f.explanation.details, ensure_ascii=False)
    from govreview.linkage.table import render_html

    assert "待人工核实" in render_html(res) and evidence in render_html(res)


@pytest.mark.parametrize("extra", [
    "",
    # the policy's own attachments, and files about 解读 work
    '<p>附件：<a href="/module/download/downfile.jsp?filename=x.pdf">清河市促进民营经济高质量发展若干措施.pdf</a></p>',
    '<p>附件：<a href="/module/download/downfile.jsp?filename=y.docx">政策解读工作流程图.docx</a></p>',
    # another document's 解读 on another site (the province's), and a column page linked as 政策解读
    '<div class="xgjd">相关解读：<a href="https://www.zj.gov.cn/art/2025/9/27/art_1229_99.html">'
    '《浙江省促进民营经济高质量发展若干措施》政策解读</a></div>',
    '<p>更多内容请访问<a href="https://www.gov.cn/zhengce/jiedu/">政策解读</a>栏目。</p>',
    # a sidebar heading over a line of description, a 解读 box of links
    '<div class="side"><h3>政策解读</h3><p>解读栏目发布本市政策文件的解读材料，欢迎关注。</p></div>',
    '<div class="side"><h3>政策解读</h3><ul><li><a href="/art/9.html">《清河市城市更新行动实施方案》政策解读</a></li></ul></div>',
])
def test_a_policy_without_an_interpretation_is_still_missing_one(extra):
    res = run([_page("art/p.html", P, _PBODY + extra, "2025-09-26", docno="清政办发〔2025〕31号")], AS_OF)
    assert [(r.status, r.elsewhere) for r in res.rows] == [("missing", [])]
    assert _rules(res, "art/p.html") == ["linkage.missing_interpretation"]


def test_an_attachment_shared_by_many_policies_is_not_their_interpretation():
    box = '<p>附件：<a href="/module/download/downfile.jsp?filename=jd.pdf">政策解读.pdf</a></p>'
    docs = [_page(f"art/p{i}.html", f"清河市{n}管理办法", "<p>第一条……</p>" + box, "2025-09-26", docno=f"清政规〔2025〕{i}号")
            for i, n in enumerate(["河道", "公园", "停车场", "养犬", "广告牌", "地下管线"], 1)]
    assert {r.status for r in run(docs, AS_OF).rows} == {"missing"}


def test_a_policy_about_interpretation_work_is_a_policy():
    """Before: 关于进一步做好政策解读工作的通知 (own 文号) was taken for an interpretation and reported as an orphan."""
    body = ("<p>各县（市、区）人民政府：</p><p>为进一步做好政策解读工作，现就有关事项通知如下。</p>"
            "<p>（三）政策解读</p><p>各单位要坚持“谁起草、谁解读”的原则，文件与解读材料同步组织、同步审签、同步部署。</p>"
            "<p>政策解读</p><p>解读材料应当在文件公开后3个工作日内发布。对社会关注度高的政策，要通过新闻发布会等方式进行解读。"
            "解读材料应当与文件相互链接。</p>")
    for title in ("清河市人民政府办公室关于进一步做好政策解读工作的通知", "清河市人民政府办公室关于印发《清河市政策解读工作规范》的通知"):
        res = run([_page("art/p.html", title, body, "2025-05-06", docno="清政办发〔2025〕9号")], AS_OF)
        assert _rows(res) == {"art/p.html": ("missing", [])} and not res.orphans


@pytest.mark.parametrize("title", [
    "一图读懂国务院办公厅关于加快发展银发经济的意见", "权威解读｜清河市人民政府关于加快发展银发经济的实施意见",
    "《清河市人民政府关于加快发展银发经济的实施意见》政策问答",
])
def test_interpretations_of_an_issued_document_stay_interpretations(title):
    assert classify(extract(Document(id="i", title=title, text=title + "\n主要内容如下。"))).kind is Kind.interpretation


# --- an interpretation page titled only with its column's name -------------------------------------------------------
X = "清河市空气质量持续改善行动计划实施方案"
_XPOLICY = "清河市人民政府关于印发清河市空气质量持续改善行动计划实施方案的通知"
_XBODY = f"<p>各县（市、区）人民政府：</p><p>现将《{X}》印发给你们，请认真贯彻执行。</p>"
_LINK = '<div class="xgjd">相关解读：<a href="/art/2025/7/10/art_1232_7030.html">{}</a></div>'


def _qa(body: str) -> Document:
    """<title>政策问答_…</title>, no <h1>, no ArticleTitle."""
    return _page("art/2025/7/10/art_1232_7030.html", "政策问答", body, "2025-07-10", headline=False,
                 head_title="政策问答_清河市人民政府", column="政策问答")


def _column() -> Document:
    items = "".join(f'<li><a href="/art/2025/7/{i}/art_1232_{i}.html">政策问答{i}</a><span>2025-07-0{i}</span></li>'
                    for i in range(1, 4))
    return _page("col/col1232/index.html", "政策问答", f"<ul>{items}</ul>", "2025-07-10", headline=False,
                 head_title="政策问答_清河市人民政府", column="政策问答")


@pytest.mark.parametrize("policy_extra, body, evidence", [
    # the body starts with the real headline: no link needed
    ("", f"<p>《{X}》（清政发〔2025〕12号）政策问答</p><p>问：目标是什么？</p><p>答：到2025年，全市细颗粒物浓度下降。</p>",
     "title:quoted-in-title"),
    ("", f"<h2>《{X}》政策问答</h2><p>问：目标是什么？</p><p>答：到2025年，全市细颗粒物浓度下降。</p>", "title:quoted-in-title"),
    # the policy links to it as its 解读 and the page cites the policy (title or 文号) or the anchor names it
    (_LINK.format("政策问答"), f"<p>问：出台《{X}》的背景是什么？</p><p>答：为深入打好蓝天保卫战……</p>", "backlink"),
    (_LINK.format("政策问答"), "<p>近日，市政府印发了清政发〔2025〕12号文件，现就有关问题解答如下。</p><p>问：目标是什么？</p>",
     "backlink"),
    (_LINK.format(f"《{X}》政策问答"), "<p>问：目标是什么？</p><p>答：到2025年，全市细颗粒物浓度下降。</p>", "backlink"),
])
def test_interpretation_titled_only_with_its_column_name_is_paired(policy_extra, body, evidence):
    """Before: the page was "other" (its title only names the column) and its policy got
    linkage.missing_interpretation, even with a 相关解读 link to it."""
    docs = [_page("art/p.html", _XPOLICY, _XBODY + policy_extra, "2025-07-04", docno="清政发〔2025〕12号"),
            _qa(body), _column()]
    res = run(docs, AS_OF)
    assert _rows(res) == {"art/p.html": ("ok", ["art/2025/7/10/art_1232_7030.html"])}
    assert evidence in [e["type"] for e in res.rows[0].pairs[0].evidence]
    assert "linkage.missing_interpretation" not in _rules(res, "art/p.html") and not res.orphans


def test_a_column_titled_page_that_does_not_cite_the_policy_is_for_a_person_to_check():
    docs = [_page("art/p.html", _XPOLICY, _XBODY + _LINK.format("政策问答"), "2025-07-04", docno="清政发〔2025〕12号"),
            _qa("<p>问：目标是什么？</p><p>答：到2025年，全市细颗粒物浓度下降。</p>"), _column()]
    res = run(docs, AS_OF)
    assert [(r.status, r.elsewhere[0]["type"]) for r in res.rows] == [("attached", "unconfirmed")]
    assert _rules(res, "art/p.html") == ["linkage.attached_interpretation"]


def test_the_column_page_linked_from_the_navigation_is_not_an_interpretation():
    """Every page's navigation links to the 政策问答 column with anchor 政策问答; the column lists 《X》政策问答."""
    items = f'<ul><li><a href="/art/2025/7/10/art_1232_7030.html">《{X}》政策问答</a></li></ul>'
    docs = [_page("art/p.html", _XPOLICY, _XBODY, "2025-07-04", docno="清政发〔2025〕12号"),
            _page("col/col1232/index.html", "政策问答", items, "2025-07-10", headline=False, head_title="政策问答_清河市人民政府"),
            _page("col/col1232/index_2.html", "政策问答", items, "2025-07-10", headline=False, head_title="政策问答_清河市人民政府")]
    res = run(docs, AS_OF)
    assert _rows(res) == {"art/p.html": ("missing", [])} and res.counts["interpretation"] == 0
