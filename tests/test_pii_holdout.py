"""Items written after the detectors were tuned on tests/data/pii/ — a small out-of-sample check.

Same markup as the corpus (``[[rule|value]]``); every labelled span must be
found at ``medium`` or above with its exact offsets, and nothing else of the
six evaluated rules may be. Numbers that must be valid (ID check digits,
Luhn) were computed; all data is invented.
"""

from __future__ import annotations

import re

import pytest

from govreview import Severity

RULES = ("pii.id_card", "pii.phone.mobile", "pii.address", "pii.bank_card", "pii.email", "pii.travel_document")
MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")

ITEMS = [
    ('h01', '关于2024年度区级优秀教师拟表彰对象的公示：周雅琴，女，区实验小学语文教师，身份证号码[[pii.id_card|62010319881104352X]]，手机号码[[pii.phone.mobile|18919871234]]。'),
    ('h02', '公示期间如有异议，请以书面形式向区教育局人事科反映，联系电话：0931-4861234，传真：0931-4861235，地址：城关区庆阳路88号。'),
    ('h03', '行政处罚决定书 当事人：黄某某，男，汉族，住址：[[pii.address|兰州市安宁区培黎街道北滨河西路689号11栋1单元402室]]，公民身份号码：[[pii.id_card|620105197312210416]]。'),
    ('h04', '2023年全区共发放高龄补贴12834528元，惠及老年人21356人，人均发放601元。'),
    ('h05', '低保对象：杨二虎，户籍[[pii.address|七里河区阿干镇阿干村三社]]，保障人数3人。'),
    ('h06', '请各单位联络员于周五前将材料报送至区政务服务中心，联络员：王涛（[[pii.phone.mobile|13893102766]]）。'),
    ('h07', '接报警情后，民警立即赶赴现场，报警人李某（手机尾号2345）称其电动车被盗。'),
    ('h08', '项目负责人：张立，联系电话：0931-8862345，手机：[[pii.phone.mobile|15193112345]]，电子邮箱：[[pii.email|zhangli_lz@126.com]]。'),
    ('h09', '根据《中华人民共和国行政处罚法》第四十四条规定，当事人享有陈述、申辩的权利。'),
    ('h10', '工程款支付：收款人刘建军，开户行：中国农业银行兰州东岗支行，卡号：[[pii.bank_card|6228480488123456789]]。'),
    ('h11', '本次招标的项目编号为LZCG-2024-0618，采购预算为6228480488万元（数据录入错误，应为62.28万元）。'),
    ('h12', '会议联系人：市政府办公室秘书一科 马丽 电话：0931-8881234。'),
    ('h13', '申请人孙立华（台湾居民），台湾居民来往大陆通行证号码[[pii.travel_document|08123456]]，申请在兰创业补贴。'),
    ('h14', '请将申报材料发送至邮箱lzkjj@lanzhou.gov.cn，联系人：科技局高新技术科 李科长。'),
    ('h15', '下列人员因公出国：王建设（市外办副主任），护照号码[[pii.travel_document|E51234567]]。'),
    ('h16', '2024年5月18日，城关区人民法院公开审理了被告人陈某某（身份证号[[pii.id_card|620102198506205610]]）盗窃一案。'),
    ('h17', '经核实，投诉人反映的“兰州市城关区皋兰路街道中山路120号”商铺占道经营问题属实。'),
    ('h18', '户主：马福海\u3000身份证：[[pii.id_card|622921 19680315 2418]]\u3000家庭住址：[[pii.address|临夏县土桥镇王家村五社18号]]'),
    ('h19', '联系电话：[[pii.phone.mobile|139-1935-4321]]（李女士）。'),
    ('h20', '监督举报电话：0931-12388；政策咨询：[[pii.phone.mobile|13909311234]]（工作日），联系人：李老师。'),
    ('h21', '全市共有13912345家次企业参与网上年报（统计口径含个体户）。'),
    ('h22', '网友“金城之子”留言：我住在[[pii.address|七里河区西湖街道民乐路3号院5号楼2单元601]]，楼下烧烤店油烟扰民。'),
    ('h23', '本次公示的统一社会信用代码为91620102MA73X9D1XK的企业，已被列入经营异常名录。'),
    ('h24', '失信被执行人：赵永强，证件号码：[[pii.id_card|620102196910122412]]，执行法院：城关区人民法院。'),
    ('h25', 'QQ群：123456789（兰州市政务公开交流群），欢迎各单位信息员加入。'),
    ('h26', '请考生通过微信公众号“兰州人社”查询成绩，咨询电话0931-8468612。'),
    ('h27', '疫情防控期间，社区网格员韩冬梅（[[pii.phone.mobile|173 9311 4567]]）负责该楼栋的物资配送。'),
    ('h28', '原告张某，住[[pii.address|兰州市西固区陈坪街道陈官营村七组]]；被告李某，住址不详。'),
    ('h29', '2024年第一季度，全市12345热线共受理诉求386512件，按期办结率98.7%。'),
    ('h30', '经审核，以下人员符合公租房保障条件：1.魏晓红 [[pii.id_card|620102199203150645]] 2.陶建国 [[pii.id_card|620104198611092235]]'),
]


def parse(src: str) -> tuple[str, set[tuple[int, int, str]]]:
    text, spans, pos = "", set(), 0
    for m in MARK.finditer(src):
        text += src[pos:m.start()]
        start = len(text)
        text += m.group(2)
        spans.add((start, len(text), m.group(1)))
        pos = m.end()
    return text + src[pos:], spans


@pytest.mark.parametrize("iid,src", ITEMS, ids=[i for i, _ in ITEMS])
def test_holdout_item(reviewer, iid, src):
    text, gold = parse(src)
    got = {(f.start, f.end, f.rule) for f in reviewer.review(text).findings
           if f.rule in RULES and f.severity >= Severity.medium}
    assert got == gold
