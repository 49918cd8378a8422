"""The HTML layer: text view, tag stream with source spans, DOM hidden regions and attribute links."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreview import Document
from govreview.html import parse_html
from govreview.htmldom import hiding_reason, style_rules


def hidden_texts(src: str) -> list[str]:
    doc = parse_html(src)
    return [src[h.start:h.end] for h in doc.structure.hidden]


@pytest.mark.parametrize(
    "css, reason",
    [
        ("display:none", "display:none"),
        ("DISPLAY: NONE !important", "display:none"),
        ("visibility:hidden", "visibility:hidden"),
        ("font-size:0px", "font-size:0px"),
        ("font-size:0", "font-size:0"),
        ("opacity:0", "opacity:0"),
        ("width:0;height:0;overflow:hidden", "zero size with overflow:hidden"),
        ("height:0px; overflow: hidden", "zero size with overflow:hidden"),
        ("height:1px;overflow:hidden", "zero size with overflow:hidden"),
        ("position:absolute;left:-9999px", "position:absolute; left:-9999px"),
        ("position:fixed; top:-1000px", "position:fixed; top:-1000px"),
        ("text-indent:-9999px", "text-indent:-9999px"),
        ("text-indent:-999em", "text-indent:-999em"),
        ("margin-left:-5000px", "margin-left:-5000px"),
        ("position:absolute;clip:rect(0 0 0 0)", "clip:rect(0 0 0 0)"),
    ],
)
def test_hiding_declarations(css, reason):
    assert hiding_reason(css) == reason


@pytest.mark.parametrize(
    "css",
    [
        "display:block", "font-size:12px", "width:0", "height:0", "height:2px;overflow:hidden", "height:1em;overflow:hidden",  # zero size without overflow:hidden shows its overflow
        "position:relative;left:-20px", "left:-9999px",  # static position ignores left
        "text-indent:2em", "margin-left:-10px", "opacity:0.5", "visibility:visible", "",
    ],
)
def test_visible_declarations(css):
    assert hiding_reason(css) is None


def test_style_rules_keep_only_hiding_selectors():
    css = "/* .z{display:none} */ .a{color:red} .b, #c a {display:none} .d { visibility:hidden }"
    assert style_rules(css) == [(".b", "display:none"), ("#c a", "display:none"), (".d", "visibility:hidden")]


def test_media_conditional_hiding_is_layout_not_a_dark_link():
    css = ("@media print { .nav, .footer { display:none } .x { color: red } } .k{display:none} "
           "@media (max-width: 600px) { .side { display:none } } .m{font-size:0}")
    assert style_rules(css) == [(".k", "display:none"), (".m", "font-size:0")]
    src = '<style>@media print{.footer{display:none}}</style><div class="footer"><a href="http://x.com/">x</a></div>'
    assert parse_html(src).structure.links[0].hidden is None


def test_inline_attribute_and_style_block_hiding_with_exact_extents():
    src = (
        '<html><head><style>.gg{position:absolute;left:-9999px} #x a{font-size:0}</style></head><body>'
        '<p>正文<a href="http://www.beijing.gov.cn/">北京</a></p>'
        '<div class="gg"><a href="http://a.com">A</a><div>inner</div> tail</div>'
        '<span id="x"><a href="http://b.com">B</a></span>'
        '<section hidden>S</section>'
        '<iframe src="http://c.com" width="0" height="0"></iframe>'
        '<marquee width=1 height=1>M</marquee>'
        "</body></html>"
    )
    assert hidden_texts(src) == [
        '<div class="gg"><a href="http://a.com">A</a><div>inner</div> tail</div>',
        '<a href="http://b.com">B</a>',
        "<section hidden>S</section>",
        '<iframe src="http://c.com" width="0" height="0"></iframe>',
        "<marquee width=1 height=1>M</marquee>",
    ]


def test_nested_same_name_elements_end_at_their_own_end_tag():
    src = '<div style="display:none"><div>a</div>b</div><div>visible</div>'
    assert hidden_texts(src) == ['<div style="display:none"><div>a</div>b</div>']


def test_unclosed_hidden_paragraph_ends_where_the_parser_closes_it():
    src = "<body><p hidden>spam<p>visible text</body>"
    assert hidden_texts(src) == ["<p hidden>spam"]


def test_links_carry_source_spans_anchor_text_and_hiding():
    src = (
        '<style>.k{display:none}</style><ul class="k"><li><a href="http://x.com/?a=1&amp;b=2">澳门<b>博彩</b></a></li></ul>'
        '<a href=\'//cdn.y.com/z\'><img alt="图片说明"></a><form action=/search></form><script src="http://s.com/a.js"></script>'
    )
    doc = parse_html(src)
    links = doc.structure.links
    assert [(lk.kind, lk.url, lk.anchor, lk.hidden) for lk in links] == [
        ("a", "http://x.com/?a=1&b=2", "澳门博彩", "<style> .k {display:none}"),
        ("a", "//cdn.y.com/z", "图片说明", None),
        ("form", "/search", "", None),
        ("script", "http://s.com/a.js", "", None),
    ]
    for lk in links:
        assert src[lk.start:lk.end] in (lk.url, "http://x.com/?a=1&amp;b=2")


def test_foster_parented_table_content_keeps_its_source_position():
    # lexbor moves the stray <div> in front of the table; the position marker still names its source offset
    src = '<table><tr><td>x</td></tr><div style="display:none"><a href="http://z.com">Z</a></div></table>'
    doc = parse_html(src)
    (lk,) = doc.structure.links
    assert src[lk.start:lk.end] == "http://z.com" and lk.hidden == "display:none"


def test_comments_are_in_the_view_but_conditional_comments_are_not():
    src = "<p>正文</p><!-- 友情链接 澳门博彩 --><!--[if lt IE 9]><script src='html5.js'></script><![endif]--><p>尾</p>"
    doc = parse_html(src)
    assert "澳门博彩" in doc.view.text
    assert "html5" not in doc.view.text
    assert [src[a:b] for a, b in doc.comments][0] == " 友情链接 澳门博彩 "
    assert any(h.reason == "HTML 注释" for h in doc.structure.hidden)


@pytest.mark.parametrize(("src", "found"), [
    ("<p>澳<!--x-->门博彩</p>", "澳<!--x-->门博彩"),
    ("<p>澳门博<!--广告位-->彩平台</p>", "澳门博<!--广告位-->彩"),
    ("<p>澳<!---->门博彩</p>", "澳<!---->门博彩"),
])
def test_a_comment_inside_a_word_is_markup_not_a_break(reviewer, src, found):
    """Spam splits words with comments; between two text characters a comment is skipped like <b>."""
    report = reviewer.review(Document(html=src))
    assert found in [f.text for f in report.findings if f.rule == "advertising.gambling"]
    for f in report.findings:
        assert src[f.start:f.end] == f.text


@pytest.mark.parametrize("src", [
    "<p>正文</p><!--澳门博彩--><p>尾</p>",    # between tags
    "<p>正文 <!--澳门博彩--> 尾</p>",         # with spaces around
    "<p>正文<!--澳门博彩--></p>",             # before a tag
])
def test_a_comment_between_blocks_keeps_its_text_in_the_view(src):
    assert "澳门博彩" in parse_html(src).view.text


def test_tag_stream_has_raw_element_bodies():
    src = "<script type='text/javascript'>var a = '<p>';</script><style>p{}</style><p id=q>t</p>"
    doc = parse_html(src)
    script = doc.tags[0]
    assert script.name == "script" and src[script.body[0]:script.body[1]] == "var a = '<p>';"
    assert doc.tag_at(src.index("<p id")).attr("id") == "q"
    assert "var a" not in doc.view.text


_pieces = st.sampled_from([
    "<div>", "</div>", "<p>", "</p>", '<a href="http://x.com">', "</a>", "<span style='display:none'>", "</span>",
    "<table><tr><td>", "</td></tr></table>", "<!-- c -->", "<script>location.href='http://r.com'</script>",
    "<style>.h{display:none}</style>", "<b class=h>", "</b>", "&amp;", "&#x4e2d;", "<", ">", "澳门博彩", "正文",
    "www.xpj.com", "<img alt='图'>", "<br/>", "<tr>", "</tr>", "<td>", "</td>", "<th title='号'>", "\n  ", '<meta http-equiv="refresh" content="0;url=http://m.com">', "<!--", "-->",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_pieces, max_size=30))
def test_arbitrary_tag_soup_never_crashes_and_spans_point_into_the_source(parts):
    src = "".join(parts)
    doc = parse_html(src)
    s = doc.structure
    assert s.error is None
    for h in s.hidden:
        assert 0 <= h.start < h.end <= len(src)
    for lk in s.links:
        assert 0 <= lk.start <= lk.end <= len(src)
    for i in range(len(doc.view.text)):
        a, b = doc.view.to_source(i, i + 1)
        assert 0 <= a < b <= len(src)


@pytest.mark.parametrize(("src", "view"), [
    # a 公示 row: one line, cells by a tab; the next row is the next line
    ("<table><tr><th>姓名</th><th>家庭住址</th></tr><tr><td>张三</td><td>幸福村3组12号</td></tr></table>",
     "姓名\t家庭住址\n张三\t幸福村3组12号\n"),
    # pretty-printed source, Word-pasted <p>/<span> and a title attribute inside cells: still one line
    ("<table>\n  <tr>\n    <td><p class=MsoNormal><span>李四</span></p></td>\n    <td>\n      110101199003074514\n    </td>\n"
     "    <td><a href='/x' title='详情'>查看</a></td>\n  </tr>\n</table>",
     "李四 \t110101199003074514 \t详情 查看 \n"),
])
def test_a_table_data_row_is_one_line(src, view):
    assert parse_html(src).view.text.strip("\n") == view.strip("\n")


@pytest.mark.parametrize(("src", "view"), [
    # an empty cell and a colspan still count as columns: the n-th field of every row is the same column
    ("<table><tr><th>序号</th><th>姓名</th><th>准考证号</th></tr><tr><td>1</td><td></td><td>620102990123456</td></tr></table>",
     "序号\t姓名\t准考证号\n1\t\t620102990123456"),
    ('<table><tr><th colspan="2">基本信息</th><th>证件号码</th></tr><tr><td>张三</td><td>男</td><td>1101</td></tr></table>',
     "基本信息\t\t证件号码\n张三\t男\t1101"),
])
def test_table_columns_stay_aligned(src, view):
    assert parse_html(src).view.text.strip("\n") == view


def test_an_exam_number_under_its_header_in_a_row_with_an_empty_cell(reviewer):
    src = ("<table><tr><th>序号</th><th>姓名</th><th>准考证号</th><th>成绩</th></tr>"
           "<tr><td>1</td><td></td><td>620102990123456</td><td>78.5</td></tr></table>")
    assert [f.rule for f in reviewer.review(Document(html=src)).findings if f.rule == "pii.id_card"] == []


@pytest.mark.parametrize("src", [
    # a layout table: the article's paragraphs inside one cell stay paragraphs
    "<table><tr><td><p>一段</p><p>二段</p><p>三段</p><p>四段</p><p>五段</p><p>六段</p><p>七段</p></td><td>侧栏</td></tr></table>",
    # a nested table makes the outer row a layout row
    "<table><tr><td><table><tr><td>甲</td><td>乙</td></tr></table></td><td>丙</td></tr></table>",
    # one cell is not a record
    "<table><tr><td>正文一</td></tr><tr><td>正文二</td></tr></table>",
])
def test_layout_rows_keep_their_line_breaks(src):
    view = parse_html(src).view.text
    assert "\t" not in view.replace("甲\t乙", "")


def test_a_person_in_a_html_publicity_table_row(reviewer):
    """The row's mobile and ID make its address a person's; before, each cell was its own line."""
    src = ("<table><tr><td>姓名</td><td>联系电话</td><td>家庭住址</td></tr>\n"
           "<tr><td>张三</td><td>13912345678</td><td>临江市城关镇幸福村3组12号</td></tr></table><p>咨询电话：0871-63212345</p>")
    rep = reviewer.review(Document(html=src))
    got = sorted((f.rule, f.severity.value, f.text) for f in rep.findings)
    assert got == [("pii.address", "high", "临江市城关镇幸福村3组12号"), ("pii.phone.mobile", "high", "13912345678")]
    assert all(src[f.start:f.end] == f.text for f in rep.findings)


def test_quoted_gt_in_an_attribute_cannot_hide_the_href():
    src = '<a title="a>b" href="http://www.xpj3388.com/">澳门博彩</a>'
    doc = parse_html(src)
    (lk,) = doc.structure.links
    assert lk.url == "http://www.xpj3388.com/" and src[lk.start:lk.end] == lk.url
    assert doc.view.text.startswith("a>b")  # the title is reader-visible text; the rest of the tag is not
    assert "href" not in doc.view.text


def test_noscript_content_is_text_and_its_links_are_hidden():
    src = '<p>正文</p><noscript><div><a href="http://www.xpj3388.com/">澳门博彩</a></div></noscript>'
    doc = parse_html(src)
    assert "澳门博彩" in doc.view.text
    (lk,) = doc.structure.links
    assert lk.hidden.startswith("<noscript>") and src[lk.start:lk.end] == lk.url
