"""secrecy.aggregation: precise coordinates next to a sensitive site's name (数据汇聚)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreview import Document

RULE = "secrecy.aggregation"


def _agg(reviewer, doc):
    rep = reviewer.review(doc)
    source = doc.content if isinstance(doc, Document) else doc
    for f in rep.findings:
        assert source[f.start:f.end] == f.text
    return [f for f in rep.findings if f.rule == RULE]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("某部队营区位于东经102°43′12″、北纬25°02′35″，占地约200亩。", ["东经102°43′12″", "北纬25°02′35″"]),
        # a plain-text table: the row's site word counts, the row above does not
        ("序号 名称 位置\n1 XX油库 102.723456, 25.043210\n2 XX学校 102.731234, 25.051234", ["102.723456, 25.043210"]),
        ("武警XX支队营房坐标：E102.7234，N25.0432。", ["E102.7234", "N25.0432"]),
        ("某部隊營區位於東經102°43′12″、北緯25°02′35″。", ["東經102°43′12″", "北緯25°02′35″"]),
        ("人防工程（地下指挥所）：经度：１０２．７２３４５６，纬度：２５．０４３２１０", ["经度：１０２．７２３４５６", "纬度：２５．０４３２１０"]),
        ("XX军事管理区范围：25.043210,102.723456 至 25.051234,102.731234。",
         ["25.043210,102.723456", "25.051234,102.731234"]),
    ],
)
def test_precise_coordinates_of_a_sensitive_site_are_reported(reviewer, text, expected):
    found = _agg(reviewer, text)
    assert [f.text for f in found] == expected
    assert {f.severity.value for f in found} == {"medium"}  # a person decides; never a block on its own
    assert all(f.explanation.details["site_word"] for f in found)


@pytest.mark.parametrize(
    "text",
    [
        # the rule itself, with no coordinate value
        "不得在互联网上公开军事设施、营区的精确坐标和位置信息。",
        # coordinates without a site word in the sentence: hazard points, project sites, mining corners
        "地质灾害隐患点：XX村滑坡，位于东经102°43′12″、北纬25°02′35″，威胁群众12户。",
        "驻地部队官兵参加抢险。现场位于东经102°43′12″、北纬25°02′35″。",
        "项目选址位于东经102.723456度，北纬25.043210度，总投资3.2亿元。",
        "采矿权范围由4个拐点圈定：1号 X=2770123.45 Y=34567890.12；2号 102.723456, 25.043210。",
        # coarse positions are geography
        "我县位于东经102°、北纬25°之间，部队驻地历史悠久。",
        "XX营区位于东经102°43′、北纬25°02′一带。",
        # decimal pairs outside China's extent, or amounts
        "部队慰问金 1234.5678, 2345.6789 万元。",
        "XX油库 12.3456, 10.1234 为检测数值。",
        # 宣传阵地 and weather radar are not sites
        "打造红色宣传阵地，位于东经102°43′12″、北纬25°02′35″。",
        "新一代天气雷达站位于东经102°43′12″、北纬25°02′35″。",
    ],
)
def test_no_finding_without_a_precise_coordinate_next_to_a_site(reviewer, text):
    assert _agg(reviewer, text) == []


def test_html_offsets_point_into_the_source(reviewer):
    html = "<table><tr><td>XX部队营区</td><td>东经102&deg;43&prime;12&Prime;</td></tr></table>"
    found = _agg(reviewer, Document(html=html))
    assert [f.text for f in found] == ["东经102&deg;43&prime;12&Prime;"]


def test_html_table_rows_are_read_cell_by_cell(reviewer):
    """The view has one cell per line: the row's own cells count, the previous row's do not."""
    html = ("<table><tr><th>序号</th><th>名称</th><th>坐标</th></tr>"
            "<tr><td>1</td><td>XX油库</td><td>102.723456, 25.043210</td></tr>"
            "<tr><td>2</td><td>XX学校</td><td>102.731234, 25.051234</td></tr></table>")
    assert [f.text for f in _agg(reviewer, Document(html=html))] == ["102.723456, 25.043210"]


def test_findings_per_document_are_capped(reviewer):
    rows = "\n".join(f"{i} XX油库 102.{i:06d}, 25.{i:06d}" for i in range(1, 80))
    assert len(_agg(reviewer, rows)) == 50


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="部队营区油库东经北纬°′″.,，、 0123456789０１２３４５\n。", max_size=80))
def test_offsets_hold_on_arbitrary_coordinate_like_text(text):
    import govreview

    for f in govreview.review(Document(text=text)).findings:
        assert text[f.start:f.end] == f.text
