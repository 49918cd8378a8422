"""Linkage on pages as CMS templates write them."""

from __future__ import annotations

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
])
def test_links_outside_automatic_boxes_are_ordinary(html):
    st = extract_structure(f"<html><head><title>相关文章</title></head><body>{html}</body></html>")
    assert [ln.auto for ln in st.links if ln.href == "/art/ib.html"] == [False]


# --- which pages are policies -------------------------------------------------------------------------------------
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
