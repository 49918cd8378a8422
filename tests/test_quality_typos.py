"""quality.typo and quality.expression: confusion lexicons, position filter, lexicon validation."""

import os
from pathlib import Path

import ahocorasick
import pytest

from govreview import Severity
from govreview.lexicons import Lexicon, builtin_dir

TYPOS = Lexicon.load(builtin_dir() / "quality_typos.tsv")
EXPRESSIONS = Lexicon.load(builtin_dir() / "quality_expressions.tsv")
SEEDS = sorted((Path(__file__).resolve().parent / "data" / "seeds").glob("*.txt"))
CLEAN = sorted(Path(__file__).parent.joinpath("data", "clean").glob("*.txt"))


def _quality(reviewer, text, rule):
    rep = reviewer.review(text)
    for f in rep.findings:
        assert text[f.start:f.end] == f.text
    return [(f.text, f.suggestion) for f in rep.findings if f.rule == rule]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("各单位要再接再励，圆满完成全年目标任务。", [("再接再励", "再接再厉")]),
        ("不办则以，办就办好。", [("不办则以", "不办则已")]),
        ("不辦則以，辦就辦好。", [("不辦則以", "不办则已")]),
        ("要按步就班推进，一股作气完成。", [("按步就班", "按部就班"), ("一股作气", "一鼓作气")]),
        ("对主动说明问题的既往不究，坚决防止重蹈复辙。", [("既往不究", "既往不咎"), ("重蹈复辙", "重蹈覆辙")]),
        ("认真贯切落实党中央决策部署。", [("贯切落实", "贯彻落实")]),
        ("市委召开会议，对下一步工作进行布署。", [("布署", "部署")]),
        ("严厉打击通辑在逃人员。", [("通辑", "通缉")]),
        ("截止2024年底，全市累计发放补贴3.2亿元。", [("截止", "截至")]),
        ("截止目前，已完成投资12亿元。", [("截止", "截至")]),
        ("截止到9月30日，全县共受理申请1200件。", [("截止", "截至")]),
        ("做好防犯工作，确保安全。", [("防犯", "防范")]),
        ("不得再接再励地铺张浪费。", [("再接再励", "再接再厉")]),  # negation cues never hide a typo
        ("要再 接 再 励，久久为功。", [("再 接 再 励", "再接再厉")]),
        ("不得以任何理由防碍执法人员依法履职。", [("防碍", "妨碍")]),
        ("正确处理各方面的厉害关系，出谋化策，义不荣辞。",
         [("厉害关系", "利害关系"), ("出谋化策", "出谋划策"), ("义不荣辞", "义不容辞")]),
        ("新建侯车室一座，配套建设公交站台。", [("侯车", "候车")]),
        ("做到融汇贯通，避免饮鸩止喝。", [("融汇贯通", "融会贯通"), ("饮鸩止喝", "饮鸩止渴")]),
    ],
)
def test_typos_found_with_suggestion(reviewer, text, expected):
    assert _quality(reviewer, text, "quality.typo") == expected


@pytest.mark.parametrize(
    "text",
    [
        "报名截止日期为2024年5月31日。",
        "报名截止时间：2024年5月31日17时。",
        "申报截止2024年6月30日，逾期不予受理。",
        "截止阀门需定期检查。",
        "根据《关于再接再励做好年度工作的通知》要求，现将有关事项通知如下。",  # quoted title, reproduced verbatim
        "联系人：王既将，电话：12345678。",  # a name field
        "张布署同志任县委常委。",  # a person's name
        "北京再接再励科技有限公司中标。",  # an organisation name
        "版权所有：某某市人民政府办公室 再接再励网络技术支持",  # boilerplate line
        "发布署名文章，宣传典型经验。",  # 发布|署名
        "全部暑期活动按计划进行。",  # 全部|暑期
        "加强基础设施建设及维护。",  # 建设|及
        "坚持以经济建设为中心。",
        "依法预防犯罪，严防犯罪分子逃脱。",
        "各部门要认真贯彻落实，周密部署，竞争上岗，按时竣工。",
    ],
)
def test_typo_hard_negatives(reviewer, text):
    assert _quality(reviewer, text, "quality.typo") == []


def test_typo_inside_doc_number_is_not_reported(reviewer):
    from govreview.docnumber import find_doc_numbers

    text = "依据竟标办发〔2020〕3号文件执行。"
    assert [d.agency for d in find_doc_numbers(text)] == ["竟标办发"]
    assert _quality(reviewer, text, "quality.typo") == []
    assert _quality(reviewer, "各单位竟标时应遵守规定。", "quality.typo") == [("竟标", "竞标")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("依据中华人名共和国有关法律。", [("中华人名共和国", "中华人民共和国")]),
        ("《中华人民共合国政府信息公开条例》", [("中华人民共合国", "中华人民共和国")]),  # titles are not exempt here
        ("中華人名共和國成立七十五周年", [("中華人名共和國", "中华人民共和国")]),
        ("由最高人民检查院负责解释。", [("最高人民检查院", "最高人民检察院")]),
        ("推动京津翼协同发展。", [("京津翼", "京津冀")]),
        ("中国人民共和国成立75周年", [("中国人民共和国", "中华人民共和国")]),
        # 规范称谓: wrong in any context, so found wherever they stand
        ("台湾总统在记者会上表示", [("台湾总统", "台湾地区领导人")]),
        ("台湾政府宣布调整政策", [("台湾政府", "台湾当局")]),
        ("臺灣政府宣布", [("臺灣政府", "台湾当局")]),
        ("推动中台关系发展", [("中台关系", "两岸关系")]),
        ("香港政府发布公告", [("香港政府", "香港特区政府")]),
        ("纪念香港主权移交25周年", [("香港主权移交", "香港回归")]),
        ("北朝鲜举行阅兵", [("北朝鲜", "朝鲜")]),
        ("走访慰问残废军人和烈属", [("残废军人", "残疾军人")]),
        ("积极融入一带一路战略", [("一带一路战略", "“一带一路”倡议")]),
        ("主动服务“一带一路”战略", [("一带一路”战略", "一带一路”倡议")]),
    ],
)
def test_expressions(reviewer, text, expected):
    assert _quality(reviewer, text, "quality.expression") == expected


def test_sovereignty_expressions_are_high_and_others_medium(reviewer):
    rep = reviewer.review("台湾总统表示。北朝鲜举行阅兵。")
    assert {f.text: f.severity for f in rep.findings if f.rule == "quality.expression"} == {
        "台湾总统": Severity.high, "北朝鲜": Severity.medium}


@pytest.mark.parametrize(
    "text", ["中华人民共和国国务院", "最高人民检察院工作报告", "推动京津冀协同发展", "国家发展改革委印发通知",
             "台湾地区领导人", "台湾当局", "台湾国民党主席", "两岸关系和平发展", "香港特区政府", "香港特别行政区政府",
             "港英政府时期", "朝鲜民主主义人民共和国", "吉林省东北朝鲜族聚居区", "西北朝鲜族村落", "北朝鲜族",
             "数据中台关系到全局", "残疾人保障法", "残疾军人抚恤优待", "中华民国时期的档案",
             "高质量共建“一带一路”倡议", "一带一路沿线国家"]
)
def test_expressions_correct_forms_pass(reviewer, text):
    assert _quality(reviewer, text, "quality.expression") == []


def test_severities(reviewer):
    rep = reviewer.review("要再接再励。依据中华人名共和国法律。做好防犯工作。")
    sev = {f.text: f.severity for f in rep.findings}
    assert sev == {"再接再励": Severity.medium, "中华人名共和国": Severity.medium, "防犯": Severity.low}


@pytest.mark.parametrize("path", SEEDS + CLEAN, ids=lambda p: p.name)
def test_no_typos_in_clean_text(reviewer, path):
    text = path.read_text(encoding="utf-8")
    assert _quality(reviewer, text, "quality.typo") == []
    assert _quality(reviewer, text, "quality.expression") == []


# --- lexicon validation ------------------------------------------------------

def test_typo_lexicon_size_and_shape():
    assert len(TYPOS.entries) >= 300
    assert TYPOS.negation is False and EXPRESSIONS.negation is False
    assert TYPOS.header["detector"] == EXPRESSIONS.header["detector"] == "quality_typo"
    assert "version" in TYPOS.header and "source" in TYPOS.header
    for e in TYPOS.entries + EXPRESSIONS.entries:
        assert e.suggestion and e.suggestion != e.term, e.id
    terms = [e.term for e in TYPOS.entries]
    assert len(terms) == len(set(terms))
    corrections = {e.suggestion for e in TYPOS.entries}
    assert not corrections & set(terms), "a suggestion is itself listed as an error"


def _jieba_words(min_freq=5):
    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2 and int(parts[1]) >= min_freq:
                yield parts[0]


def test_no_typo_is_part_of_a_common_correct_word():
    errors = {e.term for e in TYPOS.entries if e.after is None}
    a = ahocorasick.Automaton()
    for t in errors:
        a.add_word(t, t)
    a.make_automaton()
    conflicts = []
    for word in _jieba_words():
        if word in errors:
            continue
        conflicts.extend((t, word) for _, t in a.iter(word))
    assert conflicts == []


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_no_typo_occurs_in_seed_documents(path):
    text = path.read_text(encoding="utf-8")
    assert [e.term for e in TYPOS.entries if e.term in text] == []


def test_user_expression_list_in_the_documented_format():
    from govreview import Reviewer
    from govreview.lexicons import parse_lexicon

    raw = (
        "# name: my_expressions\n# version: 1\n# category: quality\n# rule: quality.expression\n"
        "# severity: medium\n# detector: quality_typo\n# negation: false\n# source: test\n"
        "id\tterm\tsuggestion\tnote\nmy-0001\t某某市人民正府\t某某市人民政府\t机构名称\n"
    )
    lex = parse_lexicon(raw, "my_expressions.tsv", tabular=True)
    rev = Reviewer(lexicons=[lex], use_cache=False)
    rep = rev.review("不得以某某市人民正府名义对外发布。")
    found = [(f.text, f.suggestion, f.explanation.lexicon) for f in rep.findings if f.rule == "quality.expression"]
    assert ("某某市人民正府", "某某市人民政府", "my_expressions") in found
    assert all(f.explanation.detector == "quality_typo" for f in rep.findings if f.rule.startswith("quality."))


# 必需/必须, 做为/作为, 签定/签订: the wrong form is a dictionary word, so the context decides
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("各单位必需在规定时间内完成整改。", [("必需", "必须")]),
        ("申请人必需如实填写申请表，并对材料真实性负责。", [("必需", "必须")]),
        ("考生必需携带身份证原件参加考试。", [("必需", "必须")]),
        ("学校与供餐企业必需签订供餐合同。", [("必需", "必须")]),
        ("做为全区首批试点，我街道率先建成便民生活圈。", [("做为", "作为")]),
        ("符合条件的企业做为申报主体，通过网站在线申报。", [("做为", "作为")]),
        ("要把安全生产做为一项重点任务来抓。", [("做为", "作为")]),
        ("與轄區12家企業簽定共建協議。", [("簽定", "签订")]),
        ("县自然资源局要与项目单位及时签定土地出让合同。", [("签定", "签订")]),
        ("双方签定了战略合作框架协议。", [("签定", "签订")]),
        ("签定目标责任书后方可施工。", [("签定", "签订")]),
        ("双方签定合同，明确责任。", [("签定合同", "签订合同")]),  # the longer entry, once
    ],
)
def test_dictionary_word_typos_in_context(reviewer, text, expected):
    assert _quality(reviewer, text, "quality.typo") == expected


@pytest.mark.parametrize(
    "text",
    [
        "保障群众生活必需品供应，确保市场价格基本稳定。",
        "储备防汛必需物资，做好应急准备工作。",
        "这是完成任务所必需的条件。",
        "必需的执法装备配备还不到位。",
        "为医疗机构配备必需药品和设备。",
        "要做为民服务的“店小二”，持续优化营商环境。",
        "争做为群众办实事的好干部。",
        "在商品标签定价方面存在问题。",
        "各单位必须在规定时间内完成整改，作为年度考核的重要内容，签订目标责任书。",
    ],
)
def test_dictionary_word_typos_correct_use(reviewer, text):
    assert _quality(reviewer, text, "quality.typo") == []


# 规范称谓 of 港澳台 (新华社《新闻信息报道中的禁用词和慎用词》): not juxtaposed with China, not counted
# among countries, no 中华民国 in a present-day context; 五年“规划” since the 11th, not “计划”
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("组织企业参加中港台经贸论坛。", [("中港台", "内地与港澳台")]),
        ("推动两岸三地青年交流。", [("两岸三地", "海峡两岸和香港（或：大陆与港澳台）")]),
        ("推動兩岸三地青年交流。", [("兩岸三地", "海峡两岸和香港（或：大陆与港澳台）")]),
        ("深化中港两地合作，推动中港澳融合发展。", [("中港两地", "内地与香港两地"), ("中港澳", "内地与港澳")]),
        ("全年接待来自美国、日本、中国香港、台湾等国家的访问团组56批次。", [("等国家", "等国家和地区")]),
        ("来自台湾、新加坡、马来西亚等国家的客商参会。", [("等国家", "等国家和地区")]),
        ("来自香港、澳门和新加坡等国家的嘉宾出席。", [("等国家", "等国家和地区")]),
        ("推介会吸引了来自中华民国（台湾）、新加坡等地的客商。", [("中华民国（台湾）", "台湾地区")]),
        ("县政府与中华民国台商协会签订合作意向书。", [("中华民国", "台湾地区（或：台湾当局）")]),
        ("持中华民国护照的人员入境。", [("中华民国", "台湾地区（或：台湾当局）")]),
        ("编制“十四五”计划，谋划“十五五”规划。", [("十四五”计划", "十四五”规划")]),
        ("全面完成十三五计划目标任务。", [("十三五计划", "十三五规划")]),
    ],
)
def test_hk_macao_taiwan_and_plan_expressions(reviewer, text, expected):
    assert _quality(reviewer, text, "quality.expression") == expected


@pytest.mark.parametrize(
    "text",
    [
        "与美国、日本、台湾等国家和地区开展交流。",
        "来自美国、英国、中国香港、中国台湾等国家和地区的代表出席会议。",
        "香港、澳门、台湾地区以及美国、英国等国家和地区的代表出席会议。",
        "来自香港、澳门、台湾等地区的同胞参加活动。",
        "台湾同胞关注美国等国家的动向。",
        "产品远销香港、澳门等地区和欧美等国家。",  # the 港澳 list is closed by its own 等
        "向香港、澳门等地和东南亚等国家出口。",
        "香港、澳门等特别行政区和台湾地区的学生。",
        "参观了中华民国时期的地方革命斗争专题展览。",
        "1912年中华民国成立，孙中山任临时大总统。",
        "1937年，中华民国政府迁都重庆，两岸人民共同抗战。",
        "该档案形成于中华民国政府统治时期。",
        "总结十三五规划和“十四五”规划实施情况，编制“十五五”规划纲要。",
        "“十五”计划时期，我市地区生产总值年均增长12%。",
        "中澳自由贸易协定于2015年生效。",
        "推动内地与香港、澳门合作，深化两岸经济文化交流。",
    ],
)
def test_hk_macao_taiwan_and_plan_correct_forms(reviewer, text):
    assert _quality(reviewer, text, "quality.expression") == []


# 既…又… with the verb repeated is no typo for 即使/即将; 既使…也要 is
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("这项改革既使企业降低了成本，又使群众得到了实惠。", []),
        ("既使企业受益，也让群众满意。", []),
        ("既将政策落实到位，又将服务送到群众家门口。", []),
        ("既将问题整改到位，也把制度建立起来。", []),
        ("既使遇到困难，也要迎难而上。", [("既使", "即使")]),
        ("既使工作再忙，也不能放松安全这根弦。", [("既使", "即使")]),
        ("既将到来的汛期形势严峻，各地要提前做好准备。", [("既将", "即将")]),
    ],
)
def test_ji_you_parallel_construction(reviewer, text, expected):
    assert _quality(reviewer, text, "quality.typo") == expected


@pytest.mark.parametrize("lexicon", [TYPOS, EXPRESSIONS], ids=["typos", "expressions"])
def test_a_correct_form_is_never_reported(reviewer, lexicon):
    """The suggestion of every entry, in a sentence and alone, holds nothing to report
    (中央军事委员会 must not be found as the incomplete 中央军事委员)."""
    wrong = []
    for e in lexicon.entries:
        for text in (f"各单位要{e.suggestion}，认真落实。", e.suggestion):
            found = [f for f in reviewer.review(text).findings if f.rule.startswith("quality.")]
            if found:
                wrong.append((e.id, text, [f.text for f in found]))
    assert wrong == []


@pytest.mark.parametrize(
    "text",
    ["中央军事委员会主席签署命令。", "中共中央军事委员会委员", "访问香港政府一站通网站办理。", "据香港政府新闻网消息。"],
)
def test_full_names_that_contain_an_entry(reviewer, text):
    assert _quality(reviewer, text, "quality.expression") == []


def test_incomplete_name_still_reported(reviewer):
    assert _quality(reviewer, "中央军事委员主席签署命令。", "quality.expression") == [("中央军事委员", "中央军事委员会")]


@pytest.mark.parametrize("text", [
    "新闻报道中不得使用“两岸三地”的说法，应表述为“内地与港澳”。",
    "不能把台湾地区领导人称为“台湾总统”。",
    "“再接再厉”不能写成“再接再励”，“按部就班”不要写作“按步就班”。",
    "对“中港台”等不规范提法，各单位要认真自查。",
])
def test_a_quoted_wrong_form_that_a_sentence_names_is_not_reported(reviewer, text):
    """Usage rules and correction lists quote the wrong form to name it; they are not using it."""
    assert _quality(reviewer, text, "quality.typo") == [] and _quality(reviewer, text, "quality.expression") == []


@pytest.mark.parametrize("text, wrong", [
    ("我们要“再接再励”，争取更大成绩。", "再接再励"),
    ("举办“两岸三地”青年论坛。", "两岸三地"),
    ("两岸三地的青年代表齐聚一堂。", "两岸三地"),
])
def test_a_quoted_wrong_form_in_use_is_still_reported(reviewer, text, wrong):
    found = _quality(reviewer, text, "quality.typo") + _quality(reviewer, text, "quality.expression")
    assert wrong in str(found)
