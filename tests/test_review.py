"""End-to-end behaviour of review(): offsets, obfuscation, precision on official text, config, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreview
from govreview import Category, Document, Lexicon, ReviewConfig, Reviewer, Severity, Verdict
from govreview.registry import _REGISTRY, Rule, detector

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def assert_offsets(source: str, report):
    for f in report.findings:
        if f.start is not None:
            assert source[f.start:f.end] == f.text, f


@pytest.mark.parametrize(
    "text, expected",
    [
        ("近日有网友发现某县政府网站出现“澳*门*博*彩”字样。", "澳*门*博*彩"),
        ("热门推荐：百家樂真人在线", "百家樂"),
        ("点击进入ＢＥＴ官网", "ＢＥＴ"),
        ("博博彩彩，天天好运", "博博彩彩"),
        ("新 葡 京 娱 乐 场 欢迎您", "新 葡 京 娱 乐 场"),
        ("威尼斯人娛樂場、澳門威尼斯人", "澳門威尼斯人"),
        ("注册即送彩金888元", "送彩金"),
    ],
)
def test_obfuscated_gambling_spam_is_found_with_exact_offsets(reviewer, text, expected):
    report = reviewer.review(text)
    hits = [f for f in report.findings if f.rule == "advertising.gambling"]
    assert any(f.text == expected for f in hits), [f.text for f in hits]
    assert_offsets(text, report)
    assert report.verdict == Verdict.block


@pytest.mark.parametrize(
    "sentence",
    [
        "发布信息前应当进行保密审查，涉及国家秘密的信息不得公开。",
        "政府网站不得链接商业网站，不得刊登商业广告。",
        "不得发布广告等经营性信息，严禁链接澳门博彩等赌博网站。",
        "本文件不涉及国家秘密，可以公开发布。",
        "严厉打击网络赌博、六合彩等违法犯罪活动。",
        "依法查处利用网络从事百家乐等赌博活动的违法行为。",
        "请广大群众警惕网络博彩诈骗，切勿轻信“开户送彩金”等虚假宣传。",
        "各单位要加强保密管理，防止失泄密。",
        "中国福利彩票和中国体育彩票发行销售工作平稳有序。",
        "彩票公益金使用情况公告",
        "中国福利彩票双色球第2024030期开奖结果公告",  # the issue number stands between 双色球 and 开奖结果
        "实施灌区返水渠道整治工程，提高灌溉水利用率。",  # 返水: backflow in water works
        # incident reports quote the spam they found
        "近期有个别网站首页出现“百家乐”“真人荷官”等暗链，请各单位严加防范。",
        "网站曾于2024年遭植入“澳门新葡京”暗链，目前已完成整改。",
        "经排查，该页面被篡改并挂马，植入“太阳城集团”等博彩链接。",
    ],
)
def test_rule_sentences_do_not_fire(reviewer, sentence):
    report = reviewer.review(sentence)
    assert [f for f in report.findings if f.severity >= Severity.medium] == []


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_real_rule_documents_give_no_high_term_finding(reviewer, path):
    assert len(SEED_FILES) == 2
    text = path.read_text(encoding="utf-8")
    report = reviewer.review(text)
    assert_offsets(text, report)
    high = [f for f in report.findings if f.severity == Severity.high and f.explanation.lexicon]
    assert high == []
    for word in ("国家秘密", "保密", "广告", "商业"):
        assert not any(f.text == word for f in report.findings)


def test_user_lexicon_and_allow_list():
    lex = Lexicon.from_terms(["某某违禁词"], category="sensitive", severity="high", name="issued")
    text = "文中出现了某某违禁词。"
    assert Reviewer(lexicons=[lex]).review(text).verdict == Verdict.block
    cfg = ReviewConfig(allow={"terms": ["出现了某某违禁词"]})
    assert Reviewer(cfg, lexicons=[lex]).review(text).findings == []


def test_plain_text_list_import(tmp_path):
    p = tmp_path / "issued.txt"
    p.write_text("# name: issued-2026\n# version: 3\n测试违禁词甲\n\n测试违禁词乙\n", encoding="utf-8")
    lex = Lexicon.load(p, category="sensitive", severity="high")
    assert lex.name == "issued-2026" and [e.term for e in lex.entries] == ["测试违禁词甲", "测试违禁词乙"]
    report = Reviewer(lexicons=[lex]).review("含有测试违禁词乙的句子")
    assert [(f.rule, f.severity.value, f.text) for f in report.findings] == [("sensitive.term", "high", "测试违禁词乙")]


def test_disable_and_severity_override():
    text = "百家乐"
    assert Reviewer({"disable": ["advertising.gambling"]}).review(text).findings == []
    assert Reviewer({"disable_categories": ["advertising"]}).review(text).findings == []
    r = Reviewer({"severity": {"advertising.gambling": "low"}}).review(text)
    assert r.findings[0].severity == Severity.low and r.verdict == Verdict.pass_
    r = Reviewer({"verdict": {"block": "high", "review": "low"}, "severity": {"advertising.gambling": "low"}}).review(text)
    assert r.verdict == Verdict.review


def test_fold_settings_are_configurable():
    assert Reviewer({"fold": {"t2s": False}}).review("百家樂").findings == []
    assert Reviewer({"fold": {"noise": False}}).review("澳*门*博*彩").findings == []


def test_explanations_say_why():
    r = govreview.review("澳*门*博*彩")
    e = r.findings[0].explanation
    assert e.detector == "terms" and e.lexicon == "advertising_gambling" and e.term == "澳门博彩" and e.folds == ["noise"]
    assert r.findings[0].message.startswith("发现疑似赌博")


def test_fingerprint_survives_moves_and_differs_by_document():
    a = govreview.review("百家乐", id="doc1").findings[0]
    b = govreview.review("前面加了很多字。百家乐", id="doc1").findings[0]
    c = govreview.review("百家乐", id="doc2").findings[0]
    assert a.fingerprint == b.fingerprint != c.fingerprint
    assert a.start != b.start


def test_html_offsets_point_into_the_source(reviewer):
    html = '<p title="x">正文&nbsp;内容</p><div style="display:none">澳&#x95e8;博彩 &amp; 百家樂</div>'
    report = reviewer.review(Document(id="p1", html=html))
    assert_offsets(html, report)
    assert {f.text for f in report.findings} == {"澳&#x95e8;博彩", "百家樂"}


HACKED_PAGE = ('<html><head><title>XX县人民政府</title></head><body><p>通知公告</p>'
               '<div style="position:absolute;left:-9999px"><a href="https://www.hg0088.com">皇冠体育</a></div></body></html>')


@pytest.mark.parametrize("page, html", [
    (HACKED_PAGE, True),
    ("<!DOCTYPE html><p>政务公开</p><marquee width=1 height=1><a href='http://www.bet365-cn.com/'>x</a></marquee>", True),
    ("各单位要严格执行 a<b 的数值要求，不得擅自调整。", False),  # a '<' in prose is not markup
    ("关于印发《p值统计规范》的通知", False),
])
def test_a_bare_string_is_sniffed_like_the_cli_so_page_sources_are_reviewed_as_html(reviewer, page, html):
    """A caller who passes a page's source as a plain str gets the HTML review (hidden links), as with
    ``govreview check page.html`` and ``govreview.redact(str)``; prose stays text."""
    report = reviewer.review(page)
    assert report.document.content_type == ("html" if html else "text")
    assert_offsets(page, report)
    assert ("link.hidden" in {f.rule for f in report.findings}) is html
    forced = reviewer.review(Document(text=page))
    assert forced.document.content_type == "text"
    assert "link.hidden" not in {f.rule for f in forced.findings}

def test_failing_detector_is_reported_and_others_still_run():
    rule = Rule("quality.test_boom", Category.quality, Severity.low, "测试用")

    @detector(rule, name="test_boom")
    def boom(ctx):
        raise RuntimeError("kaput")

    try:
        report = Reviewer().review("百家乐")
        assert [e.detector for e in report.errors] == ["test_boom"]
        assert "kaput" in report.errors[0].message
        assert [f.rule for f in report.findings] == ["advertising.gambling"]
    finally:
        del _REGISTRY["test_boom"]


def test_cue_words_decide_whether_a_detector_runs_and_where_its_cues_are():
    rule = Rule("quality.test_cued", Category.quality, Severity.low, "测试用")
    seen: list[list[str]] = []

    @detector(rule, name="test_cued", cues=["联系地址", "住址"])
    def cued(ctx):
        seen.append([ctx.folded.text[h.start:h.end] for h in ctx.cue_hits()])
        return ()

    try:
        reviewer = Reviewer()
        reviewer.review("现将有关事项通知如下。")  # no cue: the detector does not run
        assert seen == []
        reviewer.review("申请人住 址：某某路")  # found through the folds, like lexicon terms
        reviewer.review("联系地址：某某路；住址同上")
        assert seen == [["住址"], ["联系地址", "住址"]]
        assert not any(lx.name.startswith("cues:") for lx in reviewer.lexicons)  # not a user-visible lexicon
    finally:
        del _REGISTRY["test_cued"]


def test_report_contract_shape():
    d = govreview.review("机密★5年", id="a").to_dict()
    assert d["schema"] == "govreview.report/v1"
    assert set(d) == {"schema", "document", "verdict", "findings", "errors", "lexicon_version", "config_digest"}
    f = d["findings"][0]
    for key in ("rule", "category", "severity", "start", "end", "text", "message", "confidence", "explanation", "fingerprint"):
        assert key in f


# --- the invariant, over arbitrary text and random lexicons ------------------------------------

PIECES = st.sampled_from(list("澳门博彩百家樂乐机密内部资料★*＊ 　ＡＢab12。，\n\r\u0301𠀀谢"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    terms=st.lists(st.text(alphabet=PIECES, min_size=1, max_size=5), min_size=1, max_size=6),
    text=st.text(alphabet=PIECES, max_size=80),
)
def test_offsets_invariant_holds_for_random_lexicons(terms, text):
    lex = Lexicon.from_terms(terms, category="sensitive", severity="medium", name="random")
    report = Reviewer(lexicons=[lex], use_cache=False).review(text)
    assert_offsets(text, report)
    for f in report.findings:
        assert f.start < f.end


def test_many_matches_take_the_vectorised_offset_path():
    # more than 64 matches in one document switches byte→code-point conversion to numpy; offsets stay exact
    text = "，".join(["关于澳门博彩的通告", "ａｂｃ百家樂"] * 60)
    report = govreview.review(text)
    assert len([f for f in report.findings if f.rule == "advertising.gambling"]) == 120
    assert_offsets(text, report)


@pytest.mark.parametrize("text, fires", [("天天向上", True), ("天 天向上", True), ("今天开会", False), ("天气晴", False)])
def test_terms_shortened_by_the_repeat_fold_need_their_repeats(text, fires):
    lex = Lexicon.from_terms(["天天"], category="sensitive", severity="high", name="aa")
    report = Reviewer(lexicons=[lex]).review(text)
    assert bool([f for f in report.findings if f.rule == "sensitive.term"]) == fires
    assert_offsets(text, report)


@pytest.mark.parametrize("text, fires", [("call zz now", True), ("call z z now", True), ("call z now", False)])
def test_shortened_terms_in_ascii_text_need_their_repeats_too(text, fires):
    # ASCII-only text takes the matcher's byte-offset shortcut; the repeat check applies there as well
    lex = Lexicon.from_terms(["zz"], category="sensitive", severity="high", name="zz")
    report = Reviewer(lexicons=[lex]).review(text)
    assert bool([f for f in report.findings if f.rule == "sensitive.term"]) == fires
    assert_offsets(text, report)


@pytest.mark.parametrize("text, shown", [
    # a repeat run that goes on into a word belongs to that word: the finding is the term
    ("重庆时时彩彩票平台", "时时彩"),
    ("时时彩 彩票平台", "时时彩"),
    ("<p>時時彩彩票</p>", "時時彩"),
    ("百家乐乐园开业", "百家乐"),
    # a run at a word end is obfuscation: the finding covers all of it
    ("澳门博彩彩彩，欢迎光临", "澳门博彩彩彩"),
    ("澳门博彩彩彩", "澳门博彩彩彩"),
])
def test_a_term_ending_in_a_repeat_run_shows_what_it_matched(text, shown):
    report = govreview.review(text)
    assert [f.text for f in report.findings if f.rule == "advertising.gambling"][:1] == [shown]
    assert_offsets(text, report)


@pytest.mark.parametrize("text, shown", [
    # a term that starts where another term's repeat run began: the fold kept the first 彩 (时时彩's),
    # and each finding shows its own copies — neither swallows the other
    ("时时彩彩金", ["时时彩", "彩金"]),
    ("时时彩 彩金", ["时时彩", "彩金"]),
    ("六合彩彩金，首存即送", ["六合彩", "彩金", "首存"]),
    ("<p>時時彩　彩金</p>", ["時時彩", "彩金"]),
])
def test_a_term_starting_in_another_term_s_repeat_run_shows_its_own_copies(text, shown):
    report = govreview.review(text)
    assert [f.text for f in report.findings if f.rule == "advertising.gambling"] == shown
    assert_offsets(text, report)


def test_collection_level_rules_are_listed_but_never_run_per_document():
    reviewer = Reviewer()
    assert {"linkage.late", "linkage.missing_interpretation"} <= set(reviewer.rules)
    assert "linkage" not in {spec.name for spec, _ in reviewer.detectors}


@pytest.mark.parametrize("text", [
    "\ud800 澳门博彩 13919312345 \udfff",                # lone surrogates around findings (JSON "\ud800" decodes to one)
    "\udc80\udc81身份证号110101199003074514",            # surrogateescape residue of undecodable bytes
    "，".join(["\ud83d澳门博彩"] * 70),                  # many matches: the vectorised offset path
])
@pytest.mark.parametrize("as_html", [False, True])
def test_lone_surrogates_do_not_crash_and_offsets_stay_exact(reviewer, text, as_html):
    doc = Document(html=f"<p>{text}</p>") if as_html else Document(text=text)
    report = reviewer.review(doc)
    assert report.findings and not report.errors
    assert_offsets(doc.content, report)
    assert report.to_json()  # serialisable (the surrogate is escaped in JSON)


@pytest.mark.parametrize("doc", [
    Document(id="t1", title="澳门博彩官网：注册送彩金", text="各单位要做好安全生产工作。"),
    Document(id="t2", title="关于张三（身份证号620102195807153216）的公示", html="<p>经研究，予以公示。</p>"),
])
def test_a_title_sent_beside_the_body_is_reviewed_too(reviewer, doc):
    """A CMS headline is published with the body: its findings count, located in the title field."""
    report = reviewer.review(doc)
    titled = [f for f in report.findings if f.location is not None and f.location.part == "title"]
    assert titled and report.verdict.value == "block"
    for f in titled:
        assert doc.title[f.start:f.end] == f.text  # offsets index the title string
    assert reviewer.review(doc.model_copy(update={"title": None})).verdict.value == "pass"


def test_a_title_the_body_already_holds_is_not_reported_twice(reviewer):
    page = "<html><head><title>澳门博彩</title></head><body><p>正文</p></body></html>"
    once = reviewer.review(Document(html=page))
    assert [f.text for f in once.findings if f.rule == "advertising.gambling"] == ["澳门博彩"]
    assert reviewer.review(Document(html=page, title="澳门博彩")).findings == once.findings
    text = "澳门博彩\n正文第一段。"
    assert reviewer.review(Document(text=text, title="澳门博彩")).findings == reviewer.review(text).findings


def test_a_misspelt_rule_in_the_configuration_is_reported_not_ignored():
    """disable = ["pii.phne"] would silently disable nothing: every report says so."""
    reviewer = govreview.Reviewer({"disable": ["pii.phne", "quality"], "severity": {"pii.emial": "low"}})
    report = reviewer.review("联系电话：13919312345（本人）")
    (err,) = [e for e in report.errors if e.kind == "config"]
    assert "disable: pii.phne" in err.message and "severity: pii.emial" in err.message and "quality" not in err.message
    assert [e for e in govreview.Reviewer({"disable": ["pii.phone", "linkage"]}).review("x").errors if e.kind == "config"] == []


# police, court and consumer news name the schemes they fight, often far from any single enforcement word
ENFORCEMENT_AND_GUIDANCE = [
    '近日，市公安局成功破获一起特大跨境网络赌博案，抓获犯罪嫌疑人36名，冻结涉案资金1.2亿余元。经查，该团伙以“澳门博彩”“百家乐”“真人视讯”为幌子，在境外设立赌博网站，通过社交软件招揽国内人员参赌。警方提醒，网络赌博是违法犯罪行为，广大群众要自觉抵制，发现线索请拨打110举报。',  # c10_gongan_dubo
    '经查，2023年以来，犯罪嫌疑人刘某等人搭建“皇冠体育”“澳门新葡京”等网络赌博平台，发展下线代理200余人，招揽参赌人员5000余人，赌资流水达3.6亿元。目前，该案已移送检察机关审查起诉。',  # d01_dubo2
    '澳門司法警察局近日搗破一個非法網上賭博集團，拘捕12人。該集團以“百家樂”網站招攬內地居民參賭，涉案金額逾二億澳門元。',  # d12_fanti_dubo
    '区人民法院近日公开宣判一起电信网络诈骗案件。被告人冒充“客服”，以“刷单返利”“注销校园贷”为由，诱骗被害人下载所谓“安全APP”并转账，涉案金额达280余万元。法院以诈骗罪判处主犯有期徒刑十二年，并处罚金人民币三十万元。法官提示，凡是要求“刷单”“转账到安全账户”的都是诈骗。',  # c11_fayuan_zp
    '区人民法院审结一起非法经营案：被告人利用POS机为他人信用卡套现，累计套现金额1,860万元，从中牟取手续费82万元。法院以非法经营罪判处被告人有期徒刑五年。',  # d03_taoxian
    '为促进消费回暖，市商务局将于5月1日发放第二批电子消费券，总额3,000万元。市民可通过“云闪付”APP扫码领取，每人限领一次，消费券有效期至5月31日。',  # d04_xiaofeiquan
    '根据《商业特许经营管理条例》，特许人从事特许经营活动应当自首次订立特许经营合同之日起15日内向商务主管部门备案。消费者在选择代理加盟项目时，应核实特许人备案信息，警惕“零风险”“高回报”等虚假宣传。',  # d05_jiameng
]


@pytest.mark.parametrize("text", ENFORCEMENT_AND_GUIDANCE)
def test_enforcement_reports_and_consumer_guidance_do_not_block(reviewer, text):
    report = reviewer.review(text)
    assert [f for f in report.findings if f.category.value == "advertising" and f.severity >= Severity.medium] == []
    assert report.verdict.value == "pass"


@pytest.mark.parametrize("doc", [
    Document(html=f"<p>{ENFORCEMENT_AND_GUIDANCE[0]}</p><p>澳门新葡京百家乐在线开户，首充送88%</p>"),
    Document(text=ENFORCEMENT_AND_GUIDANCE[0] + "\n\n澳门新葡京百家乐在线开户，首充送88%"),
], ids=["html", "text"])
def test_spam_next_to_a_report_paragraph_is_still_spam(reviewer, doc):
    """Report words and not_near words count in the term's own paragraph: spam injected in the next one stays high."""
    report = reviewer.review(doc)
    high = [f.text for f in report.findings if f.rule == "advertising.gambling" and f.severity is Severity.high]
    assert high == ["澳门新葡京", "百家乐"]

