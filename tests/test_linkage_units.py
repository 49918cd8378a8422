"""Units of govreview.linkage: URL keys, title keys, link extraction, classification, working days."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreview.linkage.classify import Kind, classify
from govreview.linkage.features import extract
from govreview.linkage.links import extract_structure
from govreview.linkage.titles import quoted_titles, title_keys, unquoted_subject
from govreview.linkage.urls import resolve, url_key
from govreview.linkage.workdays import CalendarFileError, OutsideCalendar, WorkCalendar
from govreview.model import Document

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"
DATA = Path(__file__).parent / "data" / "linkage"


# --- URLs -----------------------------------------------------------------------------------------
PAGE = "http://www.linjiang.gov.cn/zwgk/zcjd/202503/t20250314_2001.html"


@pytest.mark.parametrize("href, expected", [
    ("../../zcwj/202503/t20250310_1001.html", "//www.linjiang.gov.cn/zwgk/zcwj/202503/t20250310_1001.html"),
    ("https://www.linjiang.gov.cn/zwgk/zcwj/202503/t20250310_1001.html", "//www.linjiang.gov.cn/zwgk/zcwj/202503/t20250310_1001.html"),
    ("/zwgk/zcwj/index.html", "//www.linjiang.gov.cn/zwgk/zcwj"),
    ("/zwgk/zcwj/", "//www.linjiang.gov.cn/zwgk/zcwj"),
    ("HTTP://WWW.LINJIANG.GOV.CN:80/zwgk/zcwj", "//www.linjiang.gov.cn/zwgk/zcwj"),
    ("/art/view.jsp?id=1001#top", "//www.linjiang.gov.cn/art/view.jsp?id=1001"),
    ("./t20250310_1001.html", "//www.linjiang.gov.cn/zwgk/zcjd/202503/t20250310_1001.html"),
    ("//www.linjiang.gov.cn/zwgk/./zcwj/../zcwj/default.htm", "//www.linjiang.gov.cn/zwgk/zcwj"),
])
def test_url_key_resolves_relative_and_folds_variants(href, expected):
    assert url_key(resolve(href, PAGE)) == expected


@pytest.mark.parametrize("href", ["javascript:window.print()", "mailto:ban@linjiang.gov.cn", "#top", "", "tel:12345"])
def test_non_page_links_are_dropped(href):
    assert resolve(href, PAGE) is None


def test_query_and_port_distinguish_pages():
    assert url_key("http://a.gov.cn/view?id=1") != url_key("http://a.gov.cn/view?id=2")
    assert url_key("http://a.gov.cn:8080/x") != url_key("http://a.gov.cn/x")


_segment = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-", min_size=1, max_size=8)


@settings(max_examples=150, deadline=None)
@given(st.lists(_segment, min_size=0, max_size=4), st.sampled_from(["http", "https"]), st.sampled_from(["", "/", "/index.html", "/index.htm"]))
def test_url_key_same_page_variants_agree(parts, scheme, tail):
    path = "/".join(parts)
    base = f"http://www.example.gov.cn/{path}".rstrip("/")
    variant = f"{scheme}://WWW.Example.gov.cn/{path}".rstrip("/") + tail
    assert url_key(variant) == url_key(base)
    assert url_key(url_key("http:" + url_key(base))) == url_key(base)  # idempotent


# --- titles -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("policy_title, cited", [
    ("临江市人民政府办公室关于印发临江市促进消费若干措施的通知", "临江市促进消费若干措施"),
    ("临江市人民政府办公室关于印发临江市促进消费若干措施的通知", "临江市人民政府办公室关于印发临江市促进消费若干措施的通知"),
    ("关于印发《临江市数字经济高质量发展三年行动方案（2025—2027年）》的通知", "临江市数字经济高质量发展三年行动方案(2025-2027年)"),
    ("国务院办公厅关于加强政府网站信息内容建设的意见", "关于加强政府网站信息内容建设的意见"),
    ("国务院办公厅关于加强政府网站信息内容建设的意见", "国务院办公厅关于加强政府网站信息内容建设的意见"),
])
def test_title_keys_meet(policy_title, cited):
    assert title_keys(policy_title) & title_keys(cited)


def test_title_keys_keep_year_ranges_apart():
    assert not title_keys("临江市数字经济三年行动方案（2021—2023年）") & title_keys("临江市数字经济三年行动方案（2025—2027年）")


def test_quoted_titles_and_headline_subject():
    assert quoted_titles("近日，《临江市促进消费若干措施》（以下简称《措施》）印发。") == ["临江市促进消费若干措施", "措施"]
    assert unquoted_subject("临江市支持民营经济发展若干措施政策解读") == "临江市支持民营经济发展若干措施"
    assert unquoted_subject("一图读懂：临江市城镇老旧小区改造实施方案") == "临江市城镇老旧小区改造实施方案"
    assert unquoted_subject("临江市城镇老旧小区改造实施方案") is None


# --- links ------------------------------------------------------------------------------------------
def test_links_with_anchor_text_image_alt_and_meta():
    html = """<html><head><title>x</title><meta name="PubDate" content="2025-03-14 09:30">
    <link rel="canonical" href="https://www.linjiang.gov.cn/a.html"><base href="/zwgk/"></head><body>
    <script>var a = '<a href="/no">';</script>
    <a href="a.html" title="t">《临江市促进消费<b>若干措施</b>》</a>
    <a href="/yt.html"><img src="1.png" alt="一图读懂"></a>
    <a href="/unclosed">未闭合
    </body></html>"""
    st_ = extract_structure(html)
    assert [(ln.href, ln.text) for ln in st_.links] == [
        ("a.html", "t《临江市促进消费若干措施》"), ("/yt.html", "一图读懂"), ("/unclosed", "未闭合")]
    assert st_.meta["pubdate"] == "2025-03-14 09:30"
    assert st_.canonical == "https://www.linjiang.gov.cn/a.html"
    assert st_.base == "/zwgk/"


@pytest.mark.parametrize("junk", ["<a href='x", "<<<>>>", "<a href=\"a\"><a href=\"b\">", "\x00\ufffd<meta name=", ""])
def test_link_extractor_never_raises(junk):
    extract_structure(junk)


# --- classification -----------------------------------------------------------------------------------
def _doc(title: str, text: str = "", **kw) -> Document:
    return Document(id=kw.pop("id", "d"), title=title, text=text or title, **kw)


@pytest.mark.parametrize("title, text, kind", [
    # policies
    ("临江市人民政府办公室关于印发临江市促进消费若干措施的通知", "", Kind.policy),
    ("临江市优化营商环境办法", "", Kind.policy),
    ("临江市人民政府关于加强城市社区养老服务的实施意见", "", Kind.policy),
    ("临江市住房公积金缴存管理规定（试行）", "", Kind.policy),
    ("临江市城镇老旧小区改造实施方案", "", Kind.policy),
    ("临江市人民政府关于表彰2024年度安全生产先进单位的决定", "", Kind.policy),
    ("国务院办公厅关于进一步加强政府网站管理工作的通知", "", Kind.policy),
    ("临江市人民政府通知", "临江市人民政府通知\n临政发〔2025〕9号\n各县（市、区）人民政府：", Kind.policy),
    # interpretations
    ("《临江市促进消费若干措施》政策解读", "", Kind.interpretation),
    ("一图读懂《临江市数字经济高质量发展三年行动方案（2025—2027年）》", "", Kind.interpretation),
    ("图解：临江市优化营商环境办法", "", Kind.interpretation),
    ("市住房城乡建设局负责人就城镇老旧小区改造工作答记者问", "", Kind.interpretation),
    ("《临江市优化营商环境办法》政策问答", "", Kind.interpretation),
    ("临江市政府新闻办举行《临江市优化营商环境办法》新闻发布会", "", Kind.interpretation),
    ("市政府召开政策吹风会", "会上介绍了临政办发〔2025〕30号文件的主要内容。", Kind.interpretation),
    ("临江市推动大规模设备更新和消费品以旧换新实施方案新闻发布会实录", "主持人：各位媒体朋友，大家上午好！", Kind.interpretation),
    ("临江市优化营商环境条例实施办法政策问答", "问：哪些主体适用？答：……", Kind.interpretation),
    ("临江市人民政府关于加快发展银发经济的实施意见政策吹风会", "主持人：……", Kind.interpretation),
    # other: false-positive guards
    ("市政府办公室召开政策解读工作培训会", "要求各部门落实《临江市人民政府关于加强城市社区养老服务的实施意见》解读要求。", Kind.other),
    ("我市出台支持民营经济发展二十条措施", "近日，市政府办公室印发《临江市支持民营经济发展若干措施》（临政办发〔2025〕30号）。", Kind.other),
    ("市政府召开新闻发布会通报一季度经济运行情况", "一季度全市地区生产总值同比增长5.2%。", Kind.other),
    ("临江市2025年第三季度新闻发布会", "主持人：今天发布前三季度经济运行情况。", Kind.other),
    ("临江市第十届运动会新闻发布会实录", "主持人：……", Kind.other),
    ("临江市政务服务问答", "问：如何办理居住证？答：……", Kind.other),
    ("我市出台支持民营经济发展二十条措施新闻发布会", "主持人：……", Kind.other),
    ("政策解读", "政策解读\n栏目列表", Kind.other),
    ("临江市2025年春季植树活动圆满结束", "根据临政办发〔2025〕3号文件精神，全市开展植树活动。", Kind.other),
])
def test_classification(title, text, kind):
    c = classify(extract(_doc(title, text)))
    assert c.kind is kind, c.reasons
    assert c.reasons and all(isinstance(r, str) and r for r in c.reasons)


def test_kind_hint_wins_and_is_explained():
    c = classify(extract(_doc("市政府召开常务会议", kind="政策解读")))
    assert c.kind is Kind.interpretation and "kind hint" in c.reasons[0]


def test_policy_own_docno_needs_label_or_own_line():
    f = extract(_doc("临江市人民政府通知", "临江市人民政府通知\n根据临政发〔2025〕9号文件精神，现通知如下。"))
    assert f.own_docnos == [] and f.head_docnos == ["临政发〔2025〕9号"]
    f = extract(_doc("临江市人民政府通知", "临江市人民政府通知\n（临政发〔2025〕9号）\n各县："))
    assert f.own_docnos == [("临政发〔2025〕9号", "own line below the title")]
    # the issuing office written before the 机关代字 on that line (省人社厅湘人社发): still the page's own 文号
    f = extract(_doc("关于做好2025年就业工作的通知", "关于做好2025年就业工作的通知\n省人社厅湘人社发〔2025〕9号\n各市州："))
    assert f.own_docnos == [("湘人社发〔2025〕9号", "own line below the title")]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")
def test_real_rule_documents_are_policies_not_interpretations():
    """The two real seed documents talk about 政策解读 at length; they are policies (or other), never interpretations."""
    yunnan = (SEEDS / "002_yunnan_2015_gov_site_content.txt").read_text(encoding="utf-8")
    c = classify(extract(Document(id="yn", title="云南省人民政府办公厅关于加强政府网站信息内容建设的实施意见", text=yunnan)))
    assert c.kind is Kind.policy
    repost = (SEEDS / "003_guobanfa_2011_repost_on_commercial_site.txt").read_text(encoding="utf-8")
    c = classify(extract(Document(id="gb", text=repost)))  # no title: first line is the commercial site's nav
    assert c.kind is Kind.other


# --- working days -----------------------------------------------------------------------------------------
CAL = WorkCalendar()


def test_national_day_2025_counts_makeup_days_and_skips_holidays():
    r = CAL.count(date(2025, 9, 26), date(2025, 10, 16))
    assert r.days == 10  # on time under a 10-day rule
    assert r.naive_days == 14  # a Monday–Friday count would call it late
    assert r.makeup_days == (date(2025, 9, 28), date(2025, 10, 11))
    assert date(2025, 10, 1) in r.holidays_skipped and date(2025, 10, 8) in r.holidays_skipped
    assert r.sources and r.sources[0].startswith("chinesecalendar")
    assert CAL.deadline(date(2025, 9, 26), 10) == date(2025, 10, 16)


@pytest.mark.parametrize("day, work", [
    (date(2024, 2, 4), True),    # Sunday, 春节调休上班
    (date(2024, 2, 12), False),  # Monday, 春节
    (date(2024, 2, 18), True),   # Sunday, 春节调休上班
    (date(2025, 10, 11), True),  # Saturday, 国庆调休上班
    (date(2025, 10, 8), False),  # Wednesday, 国庆中秋
    (date(2025, 7, 15), True),
    (date(2025, 7, 19), False),
])
def test_official_workdays(day, work):
    assert CAL.is_workday(day) is work


def test_outside_calendar_is_said_not_guessed():
    with pytest.raises(OutsideCalendar) as e:
        CAL.count(date(2026, 12, 25), date(2027, 1, 8))
    assert e.value.day == date(2027, 1, 1) and "2004–2026" in e.value.known
    with pytest.raises(OutsideCalendar):
        CAL.is_workday(date(2003, 5, 1))


def test_user_calendar_file_extends_years():
    cal = WorkCalendar([DATA / "calendar_2027_test.tsv"])
    assert "file:calendar_2027_test.tsv" in cal.describe()
    assert cal.is_workday(date(2027, 1, 1)) is False
    assert cal.is_workday(date(2027, 2, 7)) is True  # a Sunday declared a working day in the test file
    assert cal.is_workday(date(2027, 3, 3)) is True  # unlisted weekday of a declared year
    r = cal.count(date(2026, 12, 30), date(2027, 1, 6))
    assert r.days == 4 and any(s.startswith("file:") for s in r.sources) and any(s.startswith("chinese") for s in r.sources)
    with pytest.raises(OutsideCalendar):
        cal.is_workday(date(2028, 1, 3))


@pytest.mark.parametrize("content, msg", [
    ("2027-01-01\tholiday\n", "years"),
    ("# years: 2027\n2027-13-01\tholiday\n", "not a date"),
    ("# years: 2027\n2027-01-01\tday off\n", "type must be"),
    ("# years: 2027\n2028-01-01\tholiday\n", "not declared"),
])
def test_bad_calendar_files_are_clear_errors(tmp_path, content, msg):
    p = tmp_path / "cal.tsv"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(CalendarFileError, match=msg):
        WorkCalendar([p])


_days = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 12, 1))


@settings(max_examples=150, deadline=None)
@given(_days, st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=400))
def test_workday_count_is_additive_and_matches_day_by_day(a, k1, k2):
    m = min(a + timedelta(days=k1), date(2026, 12, 31))
    b = min(m + timedelta(days=k2), date(2026, 12, 31))
    whole = CAL.count(a, b)
    assert whole.days == CAL.count(a, m).days + CAL.count(m, b).days
    assert whole.days == sum(CAL.is_workday(a + timedelta(days=i)) for i in range(1, (b - a).days + 1))
    assert whole.naive_days == sum((a + timedelta(days=i)).weekday() < 5 for i in range(1, (b - a).days + 1))


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 9, 30)), st.integers(min_value=1, max_value=30))
def test_deadline_is_the_nth_working_day(a, n):
    due = CAL.deadline(a, n)
    assert CAL.is_workday(due) and CAL.count(a, due).days == n


_html_bits = st.sampled_from(["<a href='", "'>", "</a>", "<h1>", "</h1>", "《", "》", "解读", "一图读懂", "办法", "关于印发",
                              "的通知", "临政发〔2025〕8号", "发文字号：", "\n", "<meta name='PubDate' content='2025-13-45'>",
                              "<img alt='", "../", "http://", "?", "#", "&amp;", "<script>", "</script>", "<<", ">"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_html_bits, st.text(max_size=8)), max_size=40), st.booleans(), st.booleans())
def test_bad_input_never_crashes_the_collection(parts, as_html, with_url):
    from govreview.linkage import run

    body = "".join(parts)
    doc = Document(id="x/y.html", url="http://a.gov.cn/x/y.html" if with_url else None,
                   **({"html": body} if as_html else {"text": body}))
    other = Document(id="z.html", text="《" + body[:30] + "》解读")
    res = run([doc, other], {"options": {"linkage": {"as_of": "2026-01-10"}}})
    for f in res.findings:
        assert f.category.value == "linkage" and f.start is None


# --- publication date from the page ------------------------------------------------------------------
_INFO_DIVS = """<div class="xxgk-info"><ul>
<li><span class="lab">索&nbsp;引&nbsp;号：</span><span>11330000002482071Q/2025-00123</span></li>
<li><span class="lab">发布机构：</span><span>清河市人民政府</span></li>
<li><span class="lab">文&nbsp;&nbsp;&nbsp;&nbsp;号：</span><span>清政规〔2025〕3号</span></li>
<li><span class="lab">成文日期：</span><span>{written}</span></li>
<li><span class="lab">发布日期：</span><span>{pub}</span></li></ul></div>"""
_INFO_TABLE = """<table class="bd1"><tbody>
<tr><td><b>索&nbsp;&nbsp;引&nbsp;&nbsp;号：</b></td><td>000014349/2025-00089</td><td><b>主题分类：</b></td><td>综合政务</td></tr>
<tr><td><b>发文机关：</b></td><td>清源省人民政府办公厅</td><td><b>成文日期：</b></td><td>{written}</td></tr>
<tr><td><b>标　　题：</b></td><td colspan="3">清源省人民政府办公厅关于加快场景培育的实施意见</td></tr>
<tr><td><b>发文字号：</b></td><td>清政办发〔2025〕35号</td><td><b>发布日期：</b></td><td>{pub}</td></tr></tbody></table>"""
_INFO_ONE_LINE = "<p>发布机构：清河市人民政府　成文日期：{written}　发布时间：{pub}</p>"


@pytest.mark.parametrize("template", [_INFO_DIVS, _INFO_TABLE, _INFO_ONE_LINE])
@pytest.mark.parametrize("written, pub", [
    ("2025年09月24日", "2025年09月26日"), ("2025-9-24", "2025-9-26"), ("2025/09/24", "2025/09/26 10:00:00"),
])
def test_info_table_publication_date_wins_over_the_written_date(template, written, pub):
    """The 信息公开 info table lists 成文日期 before 发布日期; the deadline runs from publication."""
    html = (f"<html><head><title>清河市优化营商环境办法</title></head><body>{template.format(written=written, pub=pub)}"
            "<h1>清河市优化营商环境办法</h1><p>第一条　为了持续优化营商环境，制定本办法。</p></body></html>")
    f = extract(Document(id="p.html", html=html))
    assert f.date == date(2025, 9, 26), f.date_source


@pytest.mark.parametrize("text, day", [
    ("清河市优化营商环境办法\n成文日期：2025年09月24日\n第一条……", date(2025, 9, 24)),  # only the written date: better than none
    ("清河市优化营商环境办法\n发布日期：\n成文日期：2025年09月24日\n第一条……", date(2025, 9, 24)),  # empty 发布日期 cell
    ("清河市优化营商环境办法\n日期：2025-9-26　来源：市发展改革委\n第一条……", date(2025, 9, 26)),
])
def test_labelled_date_variants(text, day):
    assert extract(_doc("清河市优化营商环境办法", text)).date == day


# --- www and no-www -----------------------------------------------------------------------------------
def _page(path: str, title: str, day: str, body: str, host: str = "https://www.qinghe.gov.cn") -> Document:
    html = (f'<html><head><meta charset="utf-8"><title>{title} - 清河市人民政府</title>'
            f'<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="{day} 10:00"></head>'
            f'<body><h1>{title}</h1><div id="zoom">{body}</div></body></html>')
    return Document(id=path, url=f"{host}/{path}", html=html)


@pytest.mark.parametrize("policy_host, href_prefix", [
    ("https://www.qinghe.gov.cn", "http://qinghe.gov.cn"),
    ("http://qinghe.gov.cn", "https://www.qinghe.gov.cn"),
    ("http://www.qinghe.gov.cn", "//qinghe.gov.cn"),
])
def test_links_between_www_and_bare_host_pair_and_are_not_dead(policy_host, href_prefix):
    from govreview.linkage import run

    p = "art/2025/9/26/art_1229_5601.html"
    i = "art/2025/10/16/art_1231_7701.html"
    docs = [
        _page(p, "清河市人民政府关于印发清河市促进民营经济高质量发展若干措施的通知", "2025-09-26",
              f'<p>清政规〔2025〕3号</p><p>现将《清河市促进民营经济高质量发展若干措施》印发给你们。</p>'
              f'<div class="xgjd">相关解读：<a href="{href_prefix}/{i}">关于《清河市促进民营经济高质量发展若干措施》的解读</a></div>',
              host=policy_host),
        _page(i, "关于《清河市促进民营经济高质量发展若干措施》的解读", "2025-10-16",
              f'<p>《若干措施》共二十条。</p><p>政策原文：<a href="{href_prefix}/{p}">清河市人民政府关于印发清河市促进民营经济高质量发展若干措施的通知</a></p>'),
    ]
    res = run(docs, {"options": {"linkage": {"as_of": "2026-01-10"}}})
    assert res.findings == [] and not res.orphans
    (pair,) = res.rows[0].pairs
    assert pair.linked_to_policy and pair.linked_from_policy and pair.workdays.days == 10


def test_dead_link_on_the_bare_host_is_still_dead():
    from govreview.linkage import run

    docs = [_page("art/2025/4/20/art_1231_7708.html", "《清河市公共数据开放管理暂行办法》解读", "2025-04-20",
                  '<p>政策原文：<a href="http://qinghe.gov.cn/art/2025/4/15/art_1229_5608.html">清河市公共数据开放管理暂行办法</a></p>')]
    res = run(docs, {"options": {"linkage": {"as_of": "2026-01-10"}}})
    assert [o.dead[0][0] for o in res.orphans] == ["http://qinghe.gov.cn/art/2025/4/15/art_1229_5608.html"]


# --- headline forms of an interpretation ---------------------------------------------------------------
_SUBJ = "清河市优化营商环境条例实施办法"


@pytest.mark.parametrize("headline", [
    f"专家解读{_SUBJ}", f"权威解读｜{_SUBJ}", f"权威解读 | {_SUBJ}", f"深度解读丨{_SUBJ}", f"【图解】{_SUBJ}",
    f"图解丨{_SUBJ}", f"一图看懂｜{_SUBJ}", f"政策问答：{_SUBJ}", f"{_SUBJ}的解读说明", f"{_SUBJ}（解读）",
    f"{_SUBJ}新闻发布会实录", f"{_SUBJ}政策吹风会", f"{_SUBJ}政策问答", f"市司法局负责同志就{_SUBJ}答记者问",
    f"一图读懂{_SUBJ}", f"{_SUBJ}政策解读",
])
def test_unquoted_subject_of_common_headline_forms(headline):
    assert unquoted_subject(headline) == _SUBJ


@pytest.mark.parametrize("headline", [_SUBJ, "政策解读", "一图读懂", "权威解读｜", "《清河市优化营商环境条例实施办法》起草说明"])
def test_unquoted_subject_needs_a_genre_word_and_a_subject(headline):
    assert unquoted_subject(headline) is None


@pytest.mark.parametrize("policy_title, headline", [
    ("清河市住房公积金提取管理办法", "权威解读｜清河市住房公积金提取管理办法"),
    ("清河市人民政府办公室关于印发清河市社区嵌入式服务设施建设工作方案的通知", "图解丨清河市社区嵌入式服务设施建设工作方案"),
    ("清河市促进民营经济高质量发展若干措施", "清河市促进民营经济高质量发展若干措施的解读说明"),
    ("清河市优化营商环境条例实施办法", "关于清河市优化营商环境条例实施办法的解读"),
    ("关于加快发展银发经济的实施意见", "关于加快发展银发经济的实施意见的解读"),
    ("清河市推动大规模设备更新和消费品以旧换新实施方案", "专家解读清河市推动大规模设备更新和消费品以旧换新实施方案"),
    # a 繁体 page of the 解读 (the site's traditional-script channel) is the same title
    ("清河市优化营商环境办法", "《清河市優化營商環境辦法》政策解讀"),
    ("清河市住房公积金提取管理办法", "權威解讀｜清河市住房公積金提取管理辦法"),
])
def test_interpretation_paired_by_bare_headline_forms(policy_title, headline):
    from govreview.linkage import run

    docs = [Document(id="p", url="http://www.qinghe.gov.cn/p.html", title=policy_title, published_at=date(2025, 4, 8),
                     text=f"{policy_title}\n清政规〔2025〕1号\n第一条……"),
            Document(id="other", url="http://www.qinghe.gov.cn/o.html", title="清河市城市更新行动实施方案",
                     published_at=date(2025, 4, 8), text="清河市城市更新行动实施方案\n清政办发〔2025〕2号\n……"),
            Document(id="i", url="http://www.qinghe.gov.cn/i.html", title=headline, published_at=date(2025, 4, 10),
                     text=f"{headline}\n主要内容如下。")]
    res = run(docs, {"options": {"linkage": {"as_of": "2025-12-31"}}})
    assert not res.orphans
    rows = {r.policy.id: [q.interpretation.id for q in r.pairs] for r in res.rows}
    assert rows == {"p": ["i"], "other": []}


# --- links written by scripts ------------------------------------------------------------------------------
@pytest.mark.parametrize("script, href", [
    # a URL variable put into a 相关解读 box by innerHTML
    ("""var jdurl = "/art/2025/6/3/art_1231_7703.html";
if (jdurl != "") { document.getElementById("xgjd").innerHTML = '<span>相关解读：</span><a href="' + jdurl + '">专家解读</a>'; }""",
     "/art/2025/6/3/art_1231_7703.html"),
    # TRS: document.write of escaped markup
    ("""document.write("<a href=\\"../../zcjd/202510/t20251016_2005.html\\" target=\\"_blank\\">《清河市促进消费若干措施》政策解读</a>");""",
     "../../zcjd/202510/t20251016_2005.html"),
    # single-quoted markup in a variable, https absolute URL
    ("""var jd = '<li><a href="https://www.qinghe.gov.cn/art/2025/6/3/art_1231_7703.html">相关解读</a></li>'; $("#jd").html(jd);""",
     "https://www.qinghe.gov.cn/art/2025/6/3/art_1231_7703.html"),
])
def test_links_rendered_by_a_script_are_links(script, href):
    html = f'<html><body><div id="xgjd"></div><script type="text/javascript">{script}</script><p>正文</p></body></html>'
    assert href in [ln.href for ln in extract_structure(html).links]


def test_script_resources_and_code_are_not_links():
    html = """<html><head><script src="/js/jquery.min.js"></script><script>
    var _hmt = _hmt || []; var hm = document.createElement("script"); hm.src = "https://hm.baidu.com/hm.js?abc";
    var logo = "/images/logo.png"; var css = '/css/a.css'; var a = '<a href="/no">';
    </script></head><body><p>正文</p></body></html>"""
    assert extract_structure(html).links == []


def test_policy_whose_interpretation_link_is_written_by_a_script_is_linked():
    from govreview.linkage import run

    p = "art/2025/6/3/art_1229_5603.html"
    i = "art/2025/6/3/art_1231_7703.html"
    docs = [
        _page(p, "清河市人民政府关于加快发展银发经济的实施意见", "2025-06-03",
              f'<p>清政发〔2025〕9号</p><p>为积极应对人口老龄化，提出如下实施意见。</p><div id="xgjd"></div>'
              f'<script>var jdurl = "/{i}"; document.getElementById("xgjd").innerHTML = '
              f"'相关解读：<a href=\"' + jdurl + '\">专家解读</a>';</script>"),
        _page(i, "专家解读《清河市人民政府关于加快发展银发经济的实施意见》", "2025-06-05",
              f'<p>近日，市政府出台了实施意见。</p><p>原文链接：<a href="/{p}">清河市人民政府关于加快发展银发经济的实施意见</a></p>'),
    ]
    res = run(docs, {"options": {"linkage": {"as_of": "2026-01-10"}}})
    assert res.findings == []
    (pair,) = res.rows[0].pairs
    assert pair.linked_from_policy and pair.linked_to_policy


# --- 上一篇/下一篇 navigation ---------------------------------------------------------------------------------
_IB = "关于《清河市促进民营经济高质量发展若干措施》的解读"


@pytest.mark.parametrize("nav", [
    f'<div class="prenext"><p>上一篇：<a href="/z.html">清河市人民政府关于公布第二批历史建筑名录的通知</a></p><p>下一篇：<a href="/ib.html">{_IB}</a></p></div>',
    f'<ul class="page-turn"><li><span>上一条</span><a href="/z.html">清河市人民政府关于公布历史建筑名录的通知</a></li><li><span>下一条</span> <a href="/ib.html">{_IB}</a></li></ul>',
    f'<div><a href="/ib.html">下一篇：{_IB}</a></div>',
    f'<table><tr><td>下篇：</td><td><a href="/ib.html" target="_blank">{_IB}</a></td></tr></table>',
])
def test_previous_next_article_links_do_not_pair_an_unrelated_policy(nav):
    """A policy and the next interpretation published in the same column are not a pair: the unrelated policy
    is still missing its interpretation."""
    from govreview.linkage import run

    docs = [
        _page("a.html", "清河市人民政府关于印发清河市城市更新行动实施方案的通知", "2025-05-06", f"<p>清政发〔2025〕7号</p><p>……</p>{nav}"),
        _page("b.html", "清河市促进民营经济高质量发展若干措施", "2025-05-07", '<p>清政规〔2025〕3号</p><p>相关解读：<a href="/ib.html">政策解读</a></p>'),
        _page("ib.html", _IB, "2025-05-08", '<p>政策原文：<a href="/b.html">清河市促进民营经济高质量发展若干措施</a></p>'
              '<p>上一篇：<a href="/a.html">清河市人民政府关于印发清河市城市更新行动实施方案的通知</a></p>'),
    ]
    res = run(docs, {"options": {"linkage": {"as_of": "2026-01-10"}}})
    rows = {r.policy.id: (r.status, [q.interpretation.id for q in r.pairs]) for r in res.rows}
    assert rows == {"a.html": ("missing", []), "b.html": ("ok", ["ib.html"])}


@pytest.mark.parametrize("label", ["相关解读：", "政策原文：", "相关链接", "下一步工作：详见", "上一篇文章提到的"])
def test_other_labels_before_a_link_keep_it(label):
    html = f'<html><body><p>{label}<a href="/ib.html">{_IB}</a></p></body></html>'
    assert [ln.href for ln in extract_structure(html).links] == ["/ib.html"]


# --- the headline of a page without ArticleTitle --------------------------------------------------------------
@pytest.mark.parametrize("html_title, body, expected", [
    # logo <h1> with the site name, the article title in a div
    ("清河市优化营商环境条例实施办法_清河市人民政府门户网站",
     '<div class="header"><h1 class="logo">清河市人民政府门户网站</h1></div><div class="title">清河市优化营商环境条例实施办法</div>',
     "清河市优化营商环境条例实施办法"),
    ("清河市优化营商环境条例实施办法 - 清河市人民政府",
     '<h1><a href="/">清河市人民政府</a></h1><div class="nav">首页</div><h1>清河市优化营商环境条例实施办法</h1>',
     "清河市优化营商环境条例实施办法"),
    # title over two headings
    ("清河市人民政府_政策文件", "<h1>清河市人民政府关于印发</h1>\n<h1>清河市优化营商环境三年行动方案的通知</h1>",
     "清河市人民政府关于印发清河市优化营商环境三年行动方案的通知"),
    ("一图读懂_清河市人民政府", "<h1>一图读懂</h1><h2>《清河市优化营商环境条例实施办法》</h2>",
     "一图读懂《清河市优化营商环境条例实施办法》"),
    ("权威解读", '<div class="tit"><h1>权威解读</h1>\n  <h2>清河市住房公积金提取管理办法</h2></div>',
     "权威解读清河市住房公积金提取管理办法"),
    # cut short, the next heading is not adjacent: the <title> has it whole
    ("清河市人民政府关于印发清河市城市更新行动实施方案的通知_清河市人民政府",
     "<h1>清河市人民政府关于印发</h1><p>来源：市政府办公室</p><h2>相关链接</h2>",
     "清河市人民政府关于印发清河市城市更新行动实施方案的通知"),
    # <br> and a newline inside the title
    ("x", "<h1>清河市人民政府办公室关于印发<br>\n清河市城市更新行动实施方案的通知</h1>",
     "清河市人民政府办公室关于印发清河市城市更新行动实施方案的通知"),
    # a real subtitle is not glued on, and a complete <h1> wins over a decorated <title>
    ("清河市优化营商环境条例实施办法-政策文件", "<h1>清河市优化营商环境条例实施办法</h1><h2>（2025年9月20日市人民政府第45次常务会议通过）</h2>",
     "清河市优化营商环境条例实施办法"),
])
def test_headline_from_the_page_headings(html_title, body, expected):
    html = f'<html><head><meta charset="utf-8"><title>{html_title}</title></head><body>{body}<p>发布日期：2025-09-26</p><p>正文</p></body></html>'
    assert extract(Document(id="x.html", html=html)).title == expected


def test_own_docno_below_a_title_broken_by_br():
    nav = "".join(f'<a href="/col/{i}.html">栏目{i}</a>' for i in range(80))
    html = (f"<html><head><title>x</title></head><body><div>{nav}</div><div>清河市人民政府办公室关于印发</div>"
            "<h1>清河市人民政府办公室关于印发<br>\n清河市城市更新行动实施方案的通知</h1>"
            "<p style='text-align:center'>清政办发〔2025〕2号</p><p>各县（市、区）人民政府：</p></body></html>")
    f = extract(Document(id="x.html", html=html), head_chars=200)
    assert f.own_docnos == [("清政办发〔2025〕2号", "own line below the title")]


@pytest.mark.parametrize("published_at", [
    1758817800, 1758817800000, "2025-09-25T16:30:00Z", "2025-09-26T00:30:00+08:00", "2025年09月26日", "2025/9/26 0:30",
])
def test_publication_day_is_the_day_in_china(published_at):
    """An epoch timestamp (UTC) of 2025-09-26 00:30 Beijing time is published on the 26th, not the 25th."""
    assert extract(_doc("清河市优化营商环境办法", published_at=published_at)).date == date(2025, 9, 26)
