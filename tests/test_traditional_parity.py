"""Every rule reads a traditional-script or full-width rendering of a document as it reads the original.

Real drafts arrive in 繁体 (reposts, 港澳台 material, Big5 files, old archives) and with full-width
digits and letters typed by an IME. The pattern detectors match words written in simplified characters
(身份证号, 手机, 住址, 号) and ASCII values; they read ``ctx.text``, the view with the 1:1 t2s and
width folds, so 身份證號碼：３２０１… finds what 身份证号码：3201… finds, at the same offsets into the
caller's own text. The traditional renderings here are OpenCC's (s2t, s2hk, s2tw: one character for one
character), so spans must coincide exactly.
"""

from __future__ import annotations

import datetime as dt
import functools

import pytest

from govreview import Document, Reviewer
from pii_helpers import make_id

ID1 = make_id("440104", dt.date(1985, 3, 12), 751)
ID2 = make_id("110105", dt.date(1990, 7, 4), 452)
ID3 = make_id("320102", dt.date(1978, 11, 23), 36)
CARD = "6222021001123456789"  # Luhn-valid
FULLWIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"})

DOCS = {
    "marking_secret": "秘密★1年\n\n省发展改革委关于下达2023年第二批省预算内投资计划的通知\n\n各地级以上市发展改革局：",
    "marking_confidential": "机密★5年\n\n关于做好2024年度防汛抗旱工作的通知\n\n各市人民政府，省直各有关单位：",
    "marking_top": "绝密\n★\n\n广东省人民政府办公厅\n关于重点目标防护工作的紧急通知\n\n各地级以上市人民政府：",
    "internal_label": "2024年第5期\n工作简报\n（内部资料，不得外传）\n\n市委政法委员会办公室编　　　　2024年5月20日",
    "id_list": f"城乡居民最低生活保障对象公示\n\n序号　姓名　身份证号码　家庭人口\n1　张某某　{ID1}　3\n2　李某某　{ID2}　2",
    "id_party": f"当事人陈某，身份证号{ID2}，联系电话13912345678。经查，当事人于2023年5月在某镇违法占用耕地。",
    "mobile_petition": "关于张某某信访事项的处理意见\n\n信访人：张某某，手机：13812345678，家住广东省广州市天河区龙口西路某号。",
    "address_home": "经审理查明，被告人黄某某，男，1979年出生，汉族，初中文化，家住广东省东莞市长安镇某村某巷12号。",
    "address_taiwan": "申请人：林某某，台湾居民，住址：台湾省台北市大安区复兴南路一段100号5楼，现居福建省厦门市思明区莲前西路88号。",
    "bank_card": f"补贴发放名单\n\n户主姓名：周某某　银行卡号：{CARD}　开户行：中国农业银行某支行",
    "bank_account": f"请将补助款汇入以下账号：{CARD}，户名：吴某某，开户银行：中国工商银行某分理处。",
    "email": "举报人：郑某某，电子邮箱：zhengmou1988@163.com，联系地址：湖南省长沙市岳麓区某小区。",
    "travel_documents": "申请人：何某某，港澳通行证号码：C12345678，护照号码：E12345678，申请事项：出入境记录查询。",
    "passport": "出国（境）人员名单：孙某某，护照号：EA1234567，前往国家：新加坡。",
    "im_account": "联系人：冯某，QQ号：123456789，微信号：fengmou_2021，欢迎咨询。",
    "plate": "当事人驾驶车牌号为粤B·D12345的小型轿车，于2024年3月5日在某路段违法停车。",
    "uscc": "企业名称：广州某某科技有限公司，统一社会信用代码：91440101MA59XXXX1K，法定代表人：某某。",
    "gambling": "澳门博彩官方网站，百家乐在线真人娱乐，六合彩开奖结果，时时彩计划免费看，注册即送彩金。",
    "ads": "代开各类发票，正规税票，联系电话：13612345678，QQ：88886666。",
    "typo": "各单位要再接再励，按步就班地推进各项工作，一如继往地加强作风建设。",
    # entries whose before/after patterns decide (截止 + 时间点 + 统计数, 签定 + 协议, 必需 + verb)
    "typo_context": "截止今年6月，全县累计发放补贴3.2亿元。各单位必需在5月底前与项目单位签定土地出让协议。",
    "doc_number": "根据《国务院办公厅关于进一步激发社会领域投资活力的意见》（国办发[2017]21号）和国办发（2017）47号文件精神。",
    "aggregation": "某军用机场位于北纬23°10′12″、东经113°18′45″，附近居民区正在进行改造。",
    # clean official text must stay clean in every script
    "clean_secrecy_rules": "各单位要严格执行保密制度，涉及国家秘密的文件不得公开，内部资料不得外传，严禁在互联网上传播涉密信息。",
    "clean_disclosure": "依法确定为国家秘密的政府信息，以及公开后可能危及国家安全的政府信息，不予公开。行政机关不得公开涉及商业秘密、个人隐私的政府信息。",
    "clean_gambling_news": "公安机关依法打击网络赌博犯罪，严禁组织参与六合彩、百家乐等赌博活动，坚决打击澳门博彩网站的推广行为。",
    "clean_contact": "咨询电话：020-83133456（工作日上午9:00-12:00），来信请寄市人民政府办公室，电子邮箱：zfbgs@gz.gov.cn。",
    "clean_typo_context": "报名截止时间为2024年5月31日。各地要保障群众生活必需品供应，储备防汛必需物资。",
    "clean_doc_number": "根据《国务院办公厅关于印发全国深化“放管服”改革优化营商环境电视电话会议重点任务分工方案的通知》（国办发〔2019〕39号）要求。",
}


@functools.lru_cache(maxsize=1)
def _reviewer() -> Reviewer:
    return Reviewer({"options": {"pii": {"report_info": True}}})


@functools.lru_cache(maxsize=4)
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


def _findings(text: str) -> list[tuple[str, str, int, int]]:
    report = _reviewer().review(Document(text=text))
    for f in report.findings:
        assert text[f.start:f.end] == f.text
    return sorted((f.rule, f.severity.value, f.start, f.end) for f in report.findings)


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2tw"])
@pytest.mark.parametrize("name", sorted(DOCS))
def test_traditional_rendering_has_the_same_findings(name, config):
    simplified = DOCS[name]
    traditional = _opencc(config).convert(simplified)
    assert len(traditional) == len(simplified)
    assert traditional != simplified
    assert _findings(traditional) == _findings(simplified)


# full-width digits in a 文号 are themselves a problem the doc_number rule reports, so not that document
@pytest.mark.parametrize("name", sorted(set(DOCS) - {"doc_number", "clean_doc_number"}))
def test_traditional_full_width_rendering_has_the_same_findings(name):
    simplified = DOCS[name]
    wide = _opencc("s2t").convert(simplified).translate(FULLWIDTH)
    assert _findings(wide) == _findings(simplified)


def test_clean_documents_are_clean():
    for name, text in DOCS.items():
        if name.startswith("clean_"):
            assert [f for f in _findings(text) if f[1] != "info"] == [], name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Taiwan and Hong Kong wording around the same values
        (f"當事人：林某某，身分證號碼：{ID2}。", [("pii.id_card", ID2)]),
        (f"戶名：黃某某，帳號：{CARD}，開戶銀行：中國銀行。", [("pii.bank_card", CARD)]),
        ("聯絡人：張先生，聯絡電話：１３８１２３４５６７８", [("pii.phone.mobile", "１３８１２３４５６７８")]),
        ("申請人：吳某某，通訊地址：廣東省廣州市天河區天河北路某號某棟1203室",
         [("pii.address", "廣東省廣州市天河區天河北路某號某棟1203室")]),
        ("申請人：何某某，港澳通行證號碼：Ｃ１２３４５６７８", [("pii.travel_document", "Ｃ１２３４５６７８")]),
        ("舉報人：何某某，電子郵箱：ｈｅｍｏｕ１９９０＠１６３．ｃｏｍ", [("pii.email", "ｈｅｍｏｕ１９９０＠１６３．ｃｏｍ")]),
        ("（內部資料　請勿外傳）\n\n全省安全生產形勢分析", [("secrecy.internal", "內部資料"), ("secrecy.internal", "請勿外傳")]),
        (f"行政處罰決定書\n\n當事人：王某某，身份證號碼：{ID3.translate(FULLWIDTH)}。", [("pii.id_card", ID3.translate(FULLWIDTH))]),
    ],
)
def test_hand_written_traditional_values(text, expected):
    report = _reviewer().review(text)
    assert [(f.rule, f.text) for f in report.findings if f.severity != "info"] == expected


# --- linkage: a 繁体 site (or a 繁体 page among simplified ones) pairs as the simplified one does ----------------------
def _convert_document(doc, config: str):
    field = "html" if doc.html is not None else "text"
    return doc.model_copy(update={field: _opencc(config).convert(doc.content)})


def _linkage_summary(res):
    findings = sorted((f.rule, str(f.severity), f.explanation.details["document_id"]) for f in res.findings)
    rows = sorted((r.policy.id, r.status, tuple(q.interpretation.id for q in r.pairs),
                   tuple(e["type"] for e in r.elsewhere)) for r in res.rows)
    return findings, rows


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2tw"])
def test_linkage_on_a_traditional_site_export(config):
    """發文字號 / 國辦發〔2020〕23號 / 臨政辦發〔2025〕21號 pair a policy and its 答記者問 as the simplified pages do."""
    from test_linkage import _config, _docs

    from govreview.linkage import run

    docs = _docs()
    converted = [_convert_document(d, config) for d in docs]
    assert sum(c.content != d.content for c, d in zip(converted, docs)) >= 10
    assert _linkage_summary(run(converted, _config())) == _linkage_summary(run(docs, _config()))


def _linkage_page_cases():
    from test_linkage_pages import _PBODY, AS_OF, P, X, _XBODY, _XPOLICY, _LINK, _column, _page, _qa

    cases = {}
    for i, (extra, _kind, _evidence) in enumerate([
        ('<p>附件：<a href="/module/download/downfile.jsp?classid=0&filename=2509261630123.pdf">'
         '《清河市促进民营经济高质量发展若干措施》政策解读.pdf</a></p>', None, None),
        ('<div class="fj">附件：<a href="./P1.docx">1.清河市促进民营经济高质量发展若干措施</a><br>'
         '<a href="./P2.docx">2.政策解读</a></div>', None, None),
        ('<p>【政策解读】</p><p>一、制定背景。为贯彻落实中央和省委关于促进民营经济发展壮大的决策部署，市发展改革委牵头起草了'
         '《若干措施》，广泛征求了意见。</p><p>二、主要内容。《若干措施》共二十条，从市场准入、要素保障、融资支持等方面提出具体措施。</p>',
         None, None),
        ('<p><img src="/picture/0/yt1.jpg" alt="图解：清河市促进民营经济高质量发展若干措施"></p>', None, None),
    ]):
        cases[f"attached-{i}"] = (lambda extra=extra: [
            _page("art/p.html", P, _PBODY + extra, "2025-09-26", docno="清政办发〔2025〕31号")], AS_OF)
    for i, (policy_extra, body) in enumerate([
        ("", f"<p>《{X}》（清政发〔2025〕12号）政策问答</p><p>问：目标是什么？</p><p>答：到2025年，全市细颗粒物浓度下降。</p>"),
        (_LINK.format("政策问答"), "<p>近日，市政府印发了清政发〔2025〕12号文件，现就有关问题解答如下。</p><p>问：目标是什么？</p>"),
        (_LINK.format(f"《{X}》政策问答"), "<p>问：目标是什么？</p><p>答：到2025年，全市细颗粒物浓度下降。</p>"),
    ]):
        cases[f"column-titled-{i}"] = (lambda policy_extra=policy_extra, body=body: [
            _page("art/p.html", _XPOLICY, _XBODY + policy_extra, "2025-07-04", docno="清政发〔2025〕12号"),
            _qa(body), _column()], AS_OF)
    return cases


_PAGE_CASES = _linkage_page_cases()


@pytest.mark.parametrize("config", ["s2t", "s2hk"])
@pytest.mark.parametrize("case", sorted(_PAGE_CASES))
def test_linkage_pages_in_traditional_script(case, config):
    from govreview.linkage import run

    make, cfg = _PAGE_CASES[case]
    docs = make()
    assert _linkage_summary(run([_convert_document(d, config) for d in docs], cfg)) == _linkage_summary(run(docs, cfg))


# --- lexicon terms: every typo and expression error reads the same in each traditional standard -----------------------
def _lexicon_terms(name: str) -> list[str]:
    from govreview.lexicons import builtin_dir

    rows = [ln.rstrip("\n").split("\t") for ln in (builtin_dir() / name).read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")]
    col = rows[0].index("term")
    return [r[col] for r in rows[1:]]


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2tw"])
@pytest.mark.parametrize("lexicon", ["quality_typos.tsv", "quality_expressions.tsv"])
def test_quality_terms_in_traditional_script(lexicon, config):
    """坏境卫生 in Hong Kong script is 壞境衞生: 衞 (the HK form of 衛) must fold to 卫 as 衛 does."""
    missed = []
    for term in _lexicon_terms(lexicon):
        simplified = f"各单位要{term}，认真落实。"
        traditional = _opencc(config).convert(simplified)
        rules = lambda text: [f.rule for f in _reviewer().review(Document(text=text)).findings if f.rule.startswith("quality.")]
        if rules(traditional) != rules(simplified):
            missed.append(traditional)
    assert missed == []


@pytest.mark.parametrize(("variant", "standard"), [("衞", "衛"), ("敍", "敘"), ("衹", "只"), ("枱", "檯"), ("粧", "妝")])
def test_hong_kong_variant_forms_fold_as_the_standard_ones(variant, standard):
    from govreview.normalize import fold_term

    assert fold_term(variant) == fold_term(standard)


@pytest.mark.parametrize(("text", "term"), [
    ("澳門博彩官方網站，百家樂在線真人娛樂", "澳門博彩"),
    ("各單位要再接再勵，認真落實。", "再接再勵"),
])
def test_term_findings_quote_the_text_as_written_and_name_the_t2s_fold(text, term):
    (f,) = [f for f in _reviewer().review(Document(text=text)).findings if f.text == term]
    assert term in f.message and "t2s" in f.explanation.folds


# --- files: a Big5 or GB18030 file of the traditional text is decoded, named, and reviewed like the original ------------
def _check_file(path) -> dict:
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "govreview.cli", "check", str(path), "--format", "json", "--fail-on", "none"],
                         capture_output=True, timeout=120)
    assert out.returncode in (0, 1), out.stderr.decode("utf-8", "replace")
    return json.loads(out.stdout)


def test_big5_and_gb18030_files_of_a_traditional_document(tmp_path):
    simplified = ("机密★5年\n\n关于做好城乡居民最低生活保障对象公示工作的通知\n\n粤民发[2024]12号\n\n各地级以上市民政局：\n"
                  "现将有关事项通知如下。\n\n序号　姓名　身份证号码　联系电话　家庭住址\n"
                  f"1　张某某　{ID1}　13812345678　广东省广州市天河区龙口西路某小区3栋201室\n"
                  f"户主周某某，银行卡号：{CARD}，开户行：中国农业银行某支行。\n\n内部资料，不得外传。\n")
    traditional = _opencc("s2tw").convert(simplified)
    (tmp_path / "simplified.txt").write_text(simplified, encoding="utf-8")
    (tmp_path / "big5.txt").write_bytes(traditional.encode("big5"))
    (tmp_path / "gb18030.txt").write_bytes(traditional.encode("gb18030"))
    expected = _findings(simplified)
    assert {f[0] for f in expected} >= {"secrecy.marking", "secrecy.internal", "pii.id_card", "pii.phone.mobile",
                                        "pii.address", "pii.bank_card", "quality.doc_number"}
    for name, encoding in (("simplified.txt", "utf-8"), ("big5.txt", "big5"), ("gb18030.txt", "gb18030")):
        report = _check_file(tmp_path / name)
        assert report["document"]["encoding"].startswith(encoding)
        text = simplified if name == "simplified.txt" else traditional
        assert sorted((f["rule"], f["severity"], f["start"], f["end"]) for f in report["findings"]) == expected
        assert all(text[f["start"]:f["end"]] == f["text"] for f in report["findings"])


def test_the_view_fold_costs_nothing_on_a_page_it_does_not_change():
    """ctx.text is the text as written (the same object) unless a traditional or full-width character occurs."""
    plain = _reviewer().prepare(Document(text="关于做好2024年度防汛抗旱工作的通知，联系电话：020-83133456。"))
    assert plain.text is plain.raw_text
    for text in ("關於做好防汛工作的通知", "联系电话：０２０-83133456", "各单位：後续工作另行通知"):
        ctx = _reviewer().prepare(Document(text=text))
        assert ctx.text != ctx.raw_text and len(ctx.text) == len(ctx.raw_text)


@pytest.mark.parametrize(("text", "rule", "folds"), [
    (f"行政處罰決定書\n\n當事人：王某某，身份證號碼：{ID3.translate(FULLWIDTH)}。", "pii.id_card", ["width"]),
    ("申請人：吳某某，通訊地址：廣東省廣州市天河區天河北路某號某棟1203室", "pii.address", ["t2s"]),
    ("申請人：何某某，港澳通行證號碼：Ｃ１２３４５６７８", "pii.travel_document", ["width"]),
    (f"當事人：林某某，身份證號碼：{ID2}。", "pii.id_card", []),  # the value itself needed no fold
])
def test_pattern_findings_name_the_folds_their_span_needed(text, rule, folds):
    (f,) = [f for f in _reviewer().review(Document(text=text)).findings if f.rule == rule]
    assert f.explanation.folds == folds
