"""pii.address: detailed personal addresses vs institution addresses and coarse locations."""

from __future__ import annotations

import pytest

from govreview import Severity

from pii_helpers import found, info_reviewer

RULE = "pii.address"


@pytest.mark.parametrize("text,value", [
    ("当事人：张某强，住址：甘肃省兰州市城关区张掖路街道庆阳路123号5栋2单元301室。",
     "甘肃省兰州市城关区张掖路街道庆阳路123号5栋2单元301室"),
    ("申请人冯玉梅，家住临夏市城郊镇王坪村三组56号，家庭人口4人。", "临夏市城郊镇王坪村三组56号"),
    ("张德福，男，户籍地永登县城关镇满城村五社，分散供养。", "永登县城关镇满城村五社"),
    ("诉求人李女士反映家住哈尔滨市道里区安静街道安发街55号3单元302室楼上漏水。", "哈尔滨市道里区安静街道安发街55号3单元302室"),
    ("当事人马金花，住临夏市八坊街道新华街社区北大街47号，从事食品销售。", "临夏市八坊街道新华街社区北大街47号"),
    ("丁海洋，户籍地沈阳市和平区南湖街道三好街32号2-5-1。", "沈阳市和平区南湖街道三好街32号2-5-1"),
    ("来电人：韦先生；联系方式：略；地址：南宁市青秀区中山街道七星路136号9栋2单元401；诉求：化粪池堵塞。",
     "南宁市青秀区中山街道七星路136号9栋2单元401"),
    ("当事人：张三\n住所：临海市古城街道巾山西路38号3幢2单元501室", "临海市古城街道巾山西路38号3幢2单元501室"),
    ("申请人：XX有限公司员工李四\n住所：临海市古城街道巾山西路38号3幢501室", "临海市古城街道巾山西路38号3幢501室"),
    # a wide 公示 row: the name is far back, but the row holds a valid ID number and a mobile
    ("序号 姓名 身份证号 手机 住址\n1 王建军  11010519850612123X  13812345678  北京市朝阳区建国路88号院3号楼2单元501室",
     "北京市朝阳区建国路88号院3号楼2单元501室"),
    # a reply to a citizen (答复书) addresses them
    ("经审查，现答复如下：……（你的通讯地址：兰州市城关区酒泉路街道庆阳路189号2单元501室）",
     "兰州市城关区酒泉路街道庆阳路189号2单元501室"),
    ("请将补正材料寄至您的联系地址：临海市古城街道巾山西路38号3幢2单元501室。", "临海市古城街道巾山西路38号3幢2单元501室"),
])
def test_personal_addresses_are_high_with_exact_span(reviewer, text, value):
    hits = found(reviewer.review(text), RULE, min_severity=Severity.high)
    assert [f.text for f in hits] == [value]


@pytest.mark.parametrize("text", [
    "单位地址：兰州市城关区南昌路1648号市政府大楼，邮政编码：730030。",
    "报名地点：武汉市武昌区中北路86号汉街总部国际F座12楼1203室（区人才服务中心）。",
    "复议机关：成都市锦江区人民政府，地址：成都市锦江区工农院街1号，邮编610021。",
    "招标代理机构：某工程咨询有限公司，地址：南京市玄武区珠江路88号新世界中心A座2506室。",
    "当事人：成都某餐饮管理有限公司，统一社会信用代码91510104MAY7EUXP8U，住所：成都市锦江区红星路三段1号。",
    "联系人：王老师，联系电话：027-87654321，联系地址：武汉市武昌区中北路109号。",
    "违法行为人：吴某某，住厦门市思明区，于2024年4月2日在禁渔期内捕捞。",
    "法律援助受援人公示：受援人陈*，联系地址：海口市龙华区***。",
    "社区党群服务中心位于城关区皋兰路街道白银路社区中山路220号。",
    "定西市安定区内官营镇锦花村便民服务站于2024年5月挂牌运行，服务覆盖全村6个社312户。",
    "住院自付费用32618.45元，住房保障资格复审合格。",
    # one field per line (处罚决定书, 中标公告): the 住所 is the organisation's on the lines above
    "当事人：临海市好运来食品有限公司\n统一社会信用代码：91331082MA2H7XXX1Q\n住所：临海市古城街道巾山西路38号\n法定代表人：王某某",
    "中标人：云南建工集团有限公司（联合体牵头人）\n住所：昆明市五华区华山南路38号",
    "项目编号 20231234567890123X 北京市朝阳区建国路88号院3号楼2单元501室",  # not an ID: no person in the row
    "本机关通讯地址：兰州市城关区酒泉路街道庆阳路189号2单元501室。",  # the office's own address in a reply
])
def test_institution_addresses_and_coarse_locations_are_not_personal(reviewer, text):
    assert not found(reviewer.review(text), RULE, min_severity=Severity.medium)


def test_institution_address_is_reported_as_info(reviewer):
    hits = found(info_reviewer().review("办公地址：北京市朝阳区日坛北路1号，邮编100020。"), RULE)
    assert [(f.text, f.severity) for f in hits] == [("北京市朝阳区日坛北路1号", Severity.info)]
    assert hits[0].explanation.details["owner"] == "institution"


@pytest.mark.parametrize("text,value", [
    ("张三，男，兰州市城关区张掖路街道庆阳路123号5栋2单元301室人。", "兰州市城关区张掖路街道庆阳路123号5栋2单元301室"),
    ("拟录用人员：李明轩，甘肃省兰州市七里河区西站街道建西东路128号3号楼1单元502室。",
     "甘肃省兰州市七里河区西站街道建西东路128号3号楼1单元502室"),
])
def test_addresses_without_cue_via_gazetteer(reviewer, text, value):
    hits = found(reviewer.review(text), RULE, min_severity=Severity.high)
    assert [f.text for f in hits] == [value]
    assert hits[0].explanation.pattern == "address/gazetteer+detail"
    assert hits[0].explanation.details["gazetteer"] in value


@pytest.mark.parametrize("text", [
    "夏官营镇便民服务中心（榆中县夏官营镇夏官营村二组政府院内）。",
    "兰州市城关区张掖路街道庆阳路123号5栋2单元301室的电梯已完成更换。",  # no person: a building, not someone's home
    "市图书馆新馆：上海市徐汇区漕溪北路40号3楼，总建筑面积约115000平方米。",
])
def test_gazetteer_needs_a_person_and_no_institution(reviewer, text):
    assert not found(reviewer.review(text), RULE, min_severity=Severity.medium)


def test_gazetteer_names():
    from govreview.pii.gazetteer import division_names, first_place

    names = division_names()
    assert {"兰州市", "城关区", "甘肃省", "崇文区"} <= names  # withdrawn names stay (old addresses)
    assert not {"市辖区", "城区", "郊区"} & names
    text = "张三，甘肃省兰州市城关区某路1号"
    assert first_place(text, 0, len(text)) == (3, 6)


_FOLDS_OFF = {"width": False, "case": False, "t2s": False, "noise": False, "repeats": False}


@pytest.fixture(scope="module")
def unfolded_reviewer():
    """Folds switched off: the address cue words then only match literally, as the detector's patterns do."""
    from govreview import Reviewer

    return Reviewer({"fold": _FOLDS_OFF})


@pytest.mark.parametrize("text,value", [
    # gazetteer path: the trigger (单元/室…) after a full-width digit, or 组/社 after a Chinese numeral
    ("张三，兰州市城关区庆阳路１２号３单元５０１室。", "兰州市城关区庆阳路１２号３单元５０１室"),
    ("申请人冯玉梅，临夏市城郊镇王坪村三组。", "临夏市城郊镇王坪村三组"),
    ("户主王桂兰，永登县城关镇满城村五社，低保户。", "永登县城关镇满城村五社"),
    # cue path: the cue word next to a repeated character or split by a space stays where it literally is
    ("当事人：张某强，住住址：甘肃省兰州市城关区张掖路街道庆阳路123号5栋2单元301室。",
     "甘肃省兰州市城关区张掖路街道庆阳路123号5栋2单元301室"),
    ("当事人：张某强，住 址：甘肃省兰州市城关区张掖路街道庆阳路123号5栋2单元301室。",
     "甘肃省兰州市城关区张掖路街道庆阳路123号5栋2单元301室"),
])
def test_found_with_and_without_folds(reviewer, unfolded_reviewer, text, value):
    """The detector runs only where one of its cue words occurs in the folded text; with any fold
    setting, every address it reports still has its cue there."""
    for rev in (reviewer, unfolded_reviewer):
        hits = found(rev.review(text), RULE, min_severity=Severity.high)
        assert [f.text for f in hits] == [value]


@pytest.mark.parametrize("text", [
    "行政处罚决定书\n当事人：兰州市某某商贸有限公司\n统一社会信用代码：91620102MA71234567\n法定代表人：王某某\n"
    "住所：兰州市城关区张掖路街道中山路118号3层301室",
    "被处罚单位：甘肃某某建筑工程有限公司\n法人代表：李某\n住所地：兰州市七里河区西站街道建西东路128号3号楼1单元502室",
    "当事人：某某县农民专业合作社，负责人：张某某，住所：某某县城关镇东街村3组。",
    "被申请人：兰州某某物业管理有限公司，法定代表人：王某，住所地：兰州市城关区东岗西路588号1单元1101室。",
])
def test_company_seat_after_its_legal_representative_is_not_personal(reviewer, text):
    """法定代表人/负责人 is a field of the organisation's record, not the person the record is about."""
    assert not found(reviewer.review(text), RULE, min_severity=Severity.medium)


@pytest.mark.parametrize("text,value", [
    ("当事人：城关区某某便利店（个体工商户）\n经营者：赵某某\n住所：兰州市城关区雁滩路街道雁园路588号7号楼1单元602室",
     "兰州市城关区雁滩路街道雁园路588号7号楼1单元602室"),
    ("申请人：XX有限公司员工李四，法定代表人同意其申请\n住所：临海市古城街道巾山西路38号3幢501室",
     "临海市古城街道巾山西路38号3幢501室"),
])
def test_a_person_after_the_company_still_owns_the_home_address(reviewer, text, value):
    hits = found(reviewer.review(text), RULE, min_severity=Severity.high)
    assert [f.text for f in hits] == [value]


def test_gazetteer_address_in_an_html_table_row_with_an_id(reviewer):
    html = ("<table><tr><th>户主</th><th>身份证号</th><th>家庭人口</th><th>地址</th></tr>"
            "<tr><td>王桂兰</td><td>620102198506121230</td><td>3</td><td>城关区伏龙坪街道伏龙坪村5组</td></tr>"
            "<tr><td>李富贵</td><td>440305197811020884</td><td>2</td><td>七里河区西园街道西津西路128号4栋2单元302室</td></tr>"
            "</table>")
    hits = found(reviewer.review(html), RULE, min_severity=Severity.high)
    assert [f.text for f in hits] == ["城关区伏龙坪街道伏龙坪村5组", "七里河区西园街道西津西路128号4栋2单元302室"]


def test_gazetteer_address_in_an_html_table_row_without_a_person_is_not_reported(reviewer):
    html = ("<table><tr><th>项目</th><th>地点</th></tr>"
            "<tr><td>老旧小区改造</td><td>城关区伏龙坪街道伏龙坪村5组</td></tr>"
            "<tr><td>20231234567890123X</td><td>七里河区西园街道西津西路128号4栋2单元302室</td></tr></table>")
    assert not found(reviewer.review(html), RULE, min_severity=Severity.medium)


@pytest.mark.parametrize("text", [
    "行政复议决定书\n申请人：刘某某，女，1962年出生。\n被申请人：长沙市天心区人民政府。\n住所地：长沙市天心区芙蓉南路二段99号。\n"
    "法定代表人：王某某，区长。",
    "被申请人：株洲市自然资源和规划局。\n住所地：株洲市天元区神农大道66号2号楼5楼。\n法定代表人：李某，局长。",
    "原告：湖南某置业有限公司。\n住所地：长沙市岳麓区麓谷大道627号1栋1201室。\n法定代表人：李某，该公司董事长。",
    "被上诉人（原审原告）：长沙银行股份有限公司芙蓉支行。\n住所：長沙市芙蓉區五一大道1號3棟。\n負責人：劉某，該支行行長。",
    "被申請人：衡陽市珠暉區人民政府。\n住所地：衡陽市珠暉區東風南路28號1棟。",
])
def test_organisation_party_closed_by_a_full_stop_owns_the_seat_below(reviewer, text):
    """复议决定书/判决书 end each party's line with 。: the 住所地 on the next line is still that party's."""
    assert not found(reviewer.review(text), RULE, min_severity=Severity.medium)


@pytest.mark.parametrize("text,value", [
    ("被申请人：长沙市天心区人民政府。\n第三人：刘某某，女，汉族。\n住所地：长沙市天心区书院路青园小区12栋1门303室。",
     "长沙市天心区书院路青园小区12栋1门303室"),
    ("上诉人（原审被告）：湖南某物业有限公司。\n被上诉人（原审原告）：陈某，男，1968年3月12日出生。\n"
     "住所：长沙市芙蓉区蔡锷中路98号2栋401室。", "长沙市芙蓉区蔡锷中路98号2栋401室"),
    ("本案由区人民政府负责协调。\n住址：长沙市天心区书院路青园小区12栋1门303室。", "长沙市天心区书院路青园小区12栋1门303室"),
    ("申请人：刘某某，男，1962年出生。\n住址：长沙市天心区书院路青园小区12栋1门303室。", "长沙市天心区书院路青园小区12栋1门303室"),
])
def test_a_person_party_after_an_organisation_party_keeps_the_home_address(reviewer, text, value):
    hits = found(reviewer.review(text), RULE, min_severity=Severity.high)
    assert [f.text for f in hits] == [value]


@pytest.mark.parametrize("text,value,severity", [
    ("政府信息公开申请答复书\n刘明华：\n本机关于2026年3月2日收到您提交的申请……特此告知。\n\n长沙市自然资源和规划局\n2026年3月20日\n\n"
     "送达地址：长沙市天心区书院路街道青园小区12栋1门303室\n", "长沙市天心区书院路街道青园小区12栋1门303室", Severity.high),
    ("受送达人：陈某某，送达地址：衡阳市珠晖区东风路街道和平小区5栋2单元402室。", "衡阳市珠晖区东风路街道和平小区5栋2单元402室",
     Severity.high),
    ("邮寄地址：湘潭市岳塘区建设北路锦绣花园3幢1单元601室（王某收）", "湘潭市岳塘区建设北路锦绣花园3幢1单元601室", Severity.high),
    ("申请人：王某某\n收件地址：株洲市芦淞区建设南路68号2栋301室", "株洲市芦淞区建设南路68号2栋301室", Severity.high),
    ("申请人：王某某\n收件地址：株洲市芦淞区建设南路68号2栋301室，收件人：王某某", "株洲市芦淞区建设南路68号2栋301室",
     Severity.high),
    # fine, but no compound and no person: an office's floor and room as often as a home
    ("收件地址：长沙市芙蓉区五一大道1号3楼301室", "长沙市芙蓉区五一大道1号3楼301室", Severity.medium),
])
def test_delivery_address_of_a_reply_is_the_addressees(reviewer, text, value, severity):
    """答复书/告知书 end with 送达地址 (or 邮寄地址) of the applicant: a home address, often far from the name."""
    hits = found(reviewer.review(text), RULE, min_severity=Severity.medium)
    assert [(f.text, f.severity) for f in hits] == [(value, severity)]


@pytest.mark.parametrize("text", [
    "邮寄地址：长沙市岳麓区岳麓大道218号市政府1号楼，邮编410013。",
    "申请材料邮寄地址：长沙市开福区芙蓉中路一段129号，长沙市民政局（邮编410005）。",
    "文书送达地址：长沙市天心区芙蓉南路二段99号天心区人民法院诉讼服务中心。",
    "受送达人：张三，送达地址：长沙市芙蓉区韶山北路18号。",
    "当事人：湖南某物流有限公司，送达地址：长沙市雨花区劳动东路388号5栋301室。",
    # 办事指南: the office is named after its mailing address
    "申请材料邮寄地址：长沙市芙蓉区五一大道1号3楼301室（市政务服务中心），收件人：办证窗口。",
    "办理方式：邮寄办理。邮寄地址：长沙市芙蓉区五一大道1号3楼301室，收件人：市人社局职业能力建设处，邮编410011。",
    "地址：长沙市芙蓉区五一大道1号3栋301室（区民政局）",
])
def test_delivery_addresses_of_offices_or_without_detail_are_not_personal(reviewer, text):
    assert not found(reviewer.review(text), RULE, min_severity=Severity.medium)


@pytest.mark.parametrize("text,value", [
    # 处罚决定书/判决书 templates align their labels with spaces
    ("当事人：张某某\n住　　址：长沙市岳麓区望城坡街道金星北路一段润和紫郡6栋2单元1903室",
     "长沙市岳麓区望城坡街道金星北路一段润和紫郡6栋2单元1903室"),
    ("户 籍 地：衡山县开云镇师古村七组", "衡山县开云镇师古村七组"),
    ("姓　名：刘建军\n家庭住址：浏阳市淮川街道北正路88号5栋3单元602室", "浏阳市淮川街道北正路88号5栋3单元602室"),
    # a space between the parts of the address
    ("住址：岳麓区望城坡街道金星北路一段 润和紫郡 6栋2单元1903室", "岳麓区望城坡街道金星北路一段 润和紫郡 6栋2单元1903室"),
    ("<p>病例5：彭某某，女，41岁，住&nbsp;址：岳麓区望城坡街道金星北路一段&nbsp;润和紫郡&nbsp;6&#26635;2&#21333;&#20803;1903&#23460;，"
     "在某幼儿园工作。</p>",
     "岳麓区望城坡街道金星北路一段&nbsp;润和紫郡&nbsp;6&#26635;2&#21333;&#20803;1903&#23460;"),
])
def test_spaced_cues_and_addresses(reviewer, text, value):
    hits = found(reviewer.review(text), RULE, min_severity=Severity.high)
    assert [f.text for f in hits] == [value]
    assert all(text[f.start:f.end] == f.text for f in hits)


@pytest.mark.parametrize("text", [
    "单位地址：长沙市芙蓉区五一大道88号 联系电话：0731-84411234",
    "办 公 地 址：长沙市岳麓区岳麓大道218号市政府1号楼3楼301室",
    "家住芙蓉区 2026年3月5日到访",
    "当事人：湖南某建材贸易有限公司\n住　　所：长沙市雨花区劳动东路388号5栋",
])
def test_spaced_cues_of_institutions_or_without_detail_stay_quiet(reviewer, text):
    assert not found(reviewer.review(text), RULE, min_severity=Severity.medium)


@pytest.mark.parametrize("text,value", [
    # 流调通报: 病例N：X某某，性别，年龄，居住在… — the case record is a person's
    ("病例1：李某某，女，56岁，居住在岳麓区望城坡街道润和紫郡6栋2单元1903室。", "岳麓区望城坡街道润和紫郡6栋2单元1903室"),
    ("病例1：李某某，女，56岁，居住在润和紫郡6栋2单元1903室。", "润和紫郡6栋2单元1903室"),
    ("无症状感染者2：陈某某，男，35岁，居住在开福区芙蓉中路一段华远国际中心公寓3栋1205室。",
     "开福区芙蓉中路一段华远国际中心公寓3栋1205室"),
    ("陈某某，男，35岁，长期居住在雨花区万家丽中路东方红小区12栋3单元402室，无业。", "雨花区万家丽中路东方红小区12栋3单元402室"),
    ("病例3：王某，居住于锦绣华庭小区3栋2单元1102室，系某超市员工。", "锦绣华庭小区3栋2单元1102室"),
])
def test_case_records_of_an_epidemic_report_own_their_addresses(reviewer, text, value):
    hits = found(reviewer.review(text), RULE, min_severity=Severity.high)
    assert [f.text for f in hits] == [value]


@pytest.mark.parametrize("text", [
    # the officially acceptable forms: 某小区, a building of a 封控 area, the residents of a building
    "病例1：李某某，女，56岁，住芙蓉区某小区，系某超市员工。",
    "本次疫情涉及的居住小区：岳麓区润和紫郡6栋。",
    "请居住在润和紫郡6栋、7栋的居民于今日18时前到小区东门参加核酸检测。",
    "居住在锦绣华庭小区3栋2单元的居民请注意，明日停水。",
    "将雨花区韶山中路金色比华利小区7栋划定为高风险区，病例1（王某，男，47岁）住所位于上述高风险区。",
    "密切接触者已全部落实隔离管控，咨询电话：0731-84411234。",
    # 病例 as a common noun (not 病例1：) names no one
    "确诊病例活动轨迹涉及：岳麓区润和紫郡6栋（封控区）、望城坡街道金星北路一段188号万家福超市（5月2日9:00—11:00）。",
    "无症状感染者活动轨迹涉及：雨花区金色比华利小区7栋（封控区）。",
])
def test_anonymised_epidemic_reports_stay_clean(reviewer, text):
    assert [(f.rule, f.text) for f in reviewer.review(text).findings if f.severity >= Severity.medium] == []


@pytest.mark.parametrize("text,value", [
    # 答复书/信访 records written one field per line: the party's role line above the address line
    ("申请人：刘明华\n通讯地址：长沙市天心区书院路街道青园小区12栋1门303室\n联系电话：0731-84561234",
     "长沙市天心区书院路街道青园小区12栋1门303室"),
    ("信访人：陈秀兰\n地址：兰州市七里河区敦煌路街道郑家庄村3组", "兰州市七里河区敦煌路街道郑家庄村3组"),
    ("姓名：周某某\n身份证号：430102196803120846\n联系地址：长沙市开福区四方坪街道银河新村6栋2单元502室",
     "长沙市开福区四方坪街道银河新村6栋2单元502室"),
])
def test_neutral_address_under_a_citizen_s_record_lines_is_personal(reviewer, text, value):
    hits = found(reviewer.review(text), RULE, min_severity=Severity.high)
    assert [f.text for f in hits] == [value]


@pytest.mark.parametrize("text", [
    "联系人：王老师\n地址：长沙市芙蓉区五一大道1号3楼301室",
    "申请人：湖南某某有限公司\n联系地址：长沙市芙蓉区五一大道1号3栋301室",
    "承办科室：行政审批科\n地址：长沙市岳麓区岳麓大道218号市政府1号楼3楼301室",
])
def test_neutral_address_under_office_record_lines_stays_quiet(reviewer, text):
    assert not found(reviewer.review(text), RULE, min_severity=Severity.medium)
