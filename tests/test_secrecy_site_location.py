"""secrecy.aggregation from a protected site named next to its precise address (detectors/secrecy_site_location.py)."""

from __future__ import annotations

import pytest

from govreview import Document, Reviewer

RULE = "secrecy.aggregation"


@pytest.fixture(scope="module")
def reviewer():
    return Reviewer()


def _found(reviewer, doc):
    report = reviewer.review(doc)
    src = doc.content if isinstance(doc, Document) else doc
    out = [f for f in report.findings if f.rule == RULE]
    for f in out:
        assert src[f.start:f.end] == f.text
    return [f.text for f in out]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a 重要目标 list from a 人防/安保 plan: the military rows carry their addresses
        ("全县重要目标防护清单\n序号\t目标名称\t地址\n1\t县自来水厂取水口\t城关镇河滨路1号\n"
         "2\t县武警中队营区\t城关镇营房路8号\n3\t县人武部弹药库\t青山乡后山村\n",
         ["重要目标防护清单", "营区\t城关镇营房路8号", "弹药库\t青山乡后山村"]),
        ("县人武部弹药库位于青山乡后山村3组，距最近居民点约800米。", ["弹药库位于青山乡后山村3组"]),
        ("本单位要害部位：机要室（办公楼301室）、档案室（203室）。", ["要害部位：机要室（办公楼301室"]),
        ("涉密单位：市某某研究所（高新区科技路12号）", ["涉密单位：市某某研究所（高新区科技路12号"]),
        ("战时指挥所设于市政府大楼地下二层，平时由人防办管理。", ["战时指挥所设于市政府大楼地下二层"]),
        # traditional script and full-width digits read as the simplified, half-width view
        ("某部隊營區位於城關鎮營房路８號。", ["營區位於城關鎮營房路８號"]),
    ],
)
def test_protected_site_with_its_address(reviewer, text, expected):
    assert _found(reviewer, text) == expected


def test_a_protection_target_list_is_reported_at_its_heading(reviewer):
    text = ("附件2\n某市人民防空重要经济目标一览表\n序号\t名称\t地址\n1\t市第一水厂\t滨江路1号\n"
            "2\t220千伏城南变电站\t城南镇南岗村\n3\t市燃气储配站\t工业大道18号\n")
    assert _found(reviewer, text) == ["重要经济目标一览表"]


@pytest.mark.parametrize(
    "text",
    [
        "2024年重点目标任务清单\n1\t人民路改造\t人民路1号至88号\n2\t学校扩建\t学府路2号\n3\t公园提升\t东湖村\n",
        "重要目标任务分解表\n1\t招商引资\t开发区管委会（科技路1号）\n2\t项目建设\t发改局（人民路8号）\n3\t民生实事\t民政局（健康路3号）\n",
        "地质灾害隐患点防护目标清单\n1\t后山村滑坡\t后山村3组\n2\t前进村崩塌\t前进村5组\n3\t河口泥石流\t河口村1组\n",
        "要害目标清单由市人防办负责编制，按规定密级管理，不得公开。",
    ],
)
def test_work_plans_and_hazard_lists_are_no_target_list(reviewer, text):
    assert _found(reviewer, text) == []


def test_site_in_an_html_table_row(reviewer):
    html = ("<table><tr><th>目标</th><th>地址</th></tr>"
            "<tr><td>武警中队营区</td><td>城关镇营房路8号</td></tr></table>")
    found = _found(reviewer, Document(html=html))
    assert len(found) == 1 and found[0].startswith("营区") and found[0].endswith("8号")


def test_a_site_finding_asks_for_review_not_a_block(reviewer):
    report = reviewer.review("县人武部弹药库位于青山乡后山村3组。")
    f = next(f for f in report.findings if f.rule == RULE)
    assert str(f.severity) == "medium" and str(report.verdict) == "review"
    assert f.explanation.details["site_word"] == "弹药库"


@pytest.mark.parametrize(
    "text",
    [
        "不得公开军事禁区、军事管理区的具体位置和范围，不得泄露涉密单位、要害部位的地址。",
        "县领导走访慰问驻地部队官兵，来到武警中队营区，看望慰问执勤官兵。",
        "应征青年于9月1日到县人民武装部（人民路18号）报到，武警部队体检在县医院（健康路2号）进行。",
        "营房路8号至12号路段将于本周六进行管网改造施工，请过往车辆绕行。",
        "城东人防工程（人民路地下停车场，人民路88号）可容纳2000人避难。",
        "加强对涉密单位、要害部位的保密检查，确保不发生失泄密事件。",
        "110千伏城东变电站（城东工业园区纬三路8号）检修，届时城东片区停电。",
        "营区新建3层宿舍楼已竣工，官兵住宿条件明显改善。",
        "军营开放日活动报名：请于7月20日前到各社区服务中心报名，村委会统一组织。",
        "中石化县油库（城北镇油库路6号）列入危险化学品重大危险源企业名单。",
        "驻地部队营区周边乡村振兴工作取得成效，军民共建农村环境整治。",
        "县委书记走访慰问驻地部队，在营区与官兵共庆八一建军节，并为农村籍官兵家属送去慰问品。",
        "国防教育进军营活动走进某部营区，来自偏远山村的30名留守儿童参加。",
        # numbers that are no door numbers: a 文号, a date, a series number
        "根据《中华人民共和国军事设施保护法》和某政发〔2024〕8号文件，县政府划定军事管理区保护范围，具体以公告为准。",
        "县人武部召开营区安全管理会议，传达上级〔2024〕12号文件精神。",
        "8月8号，县领导到驻地部队营区开展八一慰问活动。",
        "营区管理规定（第3号）已印发。",
    ],
)
def test_official_text_about_sites_is_clean(reviewer, text):
    assert _found(reviewer, text) == []
