"""quality.mixed_script: minority-script characters in a document with a clear script."""

from pathlib import Path

import pytest

SEEDS = sorted((Path(__file__).resolve().parent / "data" / "seeds").glob("*.txt"))
CLEAN = sorted(Path(__file__).parent.joinpath("data", "clean").glob("*.txt"))
SIMPLIFIED = "为进一步加强政府网站信息内容建设，现就有关事项通知如下。各单位要高度重视，认真组织实施。"
TRADITIONAL = "為進一步加強政府網站資訊內容建設，現就有關事項通知如下。各單位要高度重視，認真組織實施。"


def _mixed(reviewer, text, **opts):
    rev = reviewer
    if opts:
        from govreview import Reviewer

        rev = Reviewer({"options": {"quality_mixed_script": opts}})
    rep = rev.review(text)
    for f in rep.findings:
        assert text[f.start:f.end] == f.text
    return [(f.text, f.suggestion) for f in rep.findings if f.rule == "quality.mixed_script"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SIMPLIFIED + "根据國務院辦公廳有关要求执行。", [("國務院辦公廳", "国务院办公厅")]),
        (SIMPLIFIED + "请于本週内报送，聯繫人见附件。", [("週内报送，聯繫", "周内报送，联系")]),
        (TRADITIONAL + "请各单位于本周内报送。", [("请各单位于本周内报", "請各單位於本週內報")]),
        (
            "國務院辦公廳" + SIMPLIFIED * 3 + "發佈",  # two runs far apart: two findings
            [("國務院辦公廳", "国务院办公厅"), ("發佈", "发布")],
        ),
    ],
)
def test_minority_script_runs(reviewer, text, expected):
    assert _mixed(reviewer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        SIMPLIFIED,
        TRADITIONAL,
        "乾隆年间著名的於氏家族后来迁居此地，" + SIMPLIFIED,  # 乾 著 於 are simplified characters too
        SIMPLIFIED + "國",  # one character is below the threshold
        "關於發佈",  # too short to have a script
        SIMPLIFIED[:20] + TRADITIONAL[:20],  # half and half: bilingual on purpose
    ],
)
def test_no_mixed_script(reviewer, text):
    assert _mixed(reviewer, text) == []


def test_threshold_is_configurable(reviewer):
    text = SIMPLIFIED + "國"
    assert _mixed(reviewer, text, min_chars=1) == [("國", "国")]


@pytest.mark.parametrize("path", SEEDS + CLEAN, ids=lambda p: p.name)
def test_clean_corpus(reviewer, path):
    assert _mixed(reviewer, path.read_text(encoding="utf-8")) == []


def _lookalike(reviewer, text):
    rep = reviewer.review(text)
    for f in rep.findings:
        assert text[f.start:f.end] == f.text
    return [(f.text, f.suggestion) for f in rep.findings if f.rule == "quality.mixed_script"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今日全市空气质量良好，P\u041c2.5平均浓度为35微克/立方米。", [("P\u041c2", "PM2")]),  # Cyrillic М
        ("做好人感染H7N9禽流感（\u041d7N9）防控工作", [("\u041d7N9", "H7N9")]),  # Cyrillic Н
        ("新冠病毒\u041emicron变异株", [("\u041emicron", "Omicron")]),  # Cyrillic О
        ("二氧化碳（C\u039f2）排放强度下降", [("C\u039f2", "CO2")]),  # Greek Ο
        ("全市新增国家4\u0410级旅游景区2家", [("4\u0410", "4A")]),  # Cyrillic А after a digit
        ("\u0412eijing Municipal Commission of Development and Reform", [("\u0412eijing", "Beijing")]),
        ("<p>型号：Think\u0420ad X1</p>", [("Think\u0420ad", "ThinkPad")]),
    ],
)
def test_lookalike_letters_in_latin_words(reviewer, text, expected):
    from govreview import Document

    doc = Document(html=text) if text.startswith("<") else Document(text=text)
    rep = reviewer.review(doc)
    found = [f for f in rep.findings if f.rule == "quality.mixed_script"]
    assert [(f.text, f.suggestion) for f in found] == expected
    assert "U+0" in found[0].message and "不是拉丁字母" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "α-淀粉酶、β-内酰胺酶活性检测；γ射线探伤",
        "TNF-α、IL-1β、NF-κB、Aβ42等指标",
        "电阻值为10kΩ，电流为5μA，波长550nm",
        "反应焓变ΔH<0，密度ρ=1.0g/cm³",
        "莫斯科（Москва）是俄罗斯首都；СССР即苏联。",
        "希腊首都雅典（Αθήνα），联合国希腊文缩写ΟΗΕ",
        "北京市发展和改革委员会 Beijing Municipal Commission of Development and Reform",
        "C₂H₅OH、CO₂、PM2.5、H7N9、ISO 9001:2015",
        "型号：ThinkPad X1 Carbon Gen 11；华为Mate 60 Pro",
    ],
)
def test_clean_greek_cyrillic_and_latin(reviewer, text):
    assert _lookalike(reviewer, text) == []


# Hong Kong and Taiwan text written in their own standard forms: 户 (戶), 温 (溫), 税 (稅), 脱 (脫), 悦 (悅),
# 卧 (臥), 况 (況), 凉 (涼) are what 香港字形 prints and what OpenCC's s2hk writes — a wholly traditional
# document, not 简繁混用
HK_NOTICE = ("為協助住戶應付生活開支，政府將為合資格住戶提供一次性電費補貼及差餉寬減，並寬減個人薪俸稅及利得稅。"
             "受惠住戶毋須申請，有關款項會直接存入其戶口。如有查詢，請致電熱線。")
HK_NOTICE_HK_FORMS = HK_NOTICE.replace("戶", "户").replace("稅", "税")


@pytest.mark.parametrize(
    "text",
    [
        HK_NOTICE_HK_FORMS,
        "申請人須於開戶時提交身份證明文件，並填寫户名、帳號及聯絡電話。本署將依法處理所有個人資料，確保資料保密。",
        "天文台預測明日天氣溫和，早上清涼，日間最高氣温約二十五度。市民外出時請注意保暖，情况如有變化將另行公布。",
    ],
)
def test_hong_kong_standard_forms_are_traditional(reviewer, text):
    assert _mixed(reviewer, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # simplified characters that no traditional standard writes are still reported
        (HK_NOTICE_HK_FORMS + "这些措施们说", [("这些措施们说", "這些措施們說")]),
        (TRADITIONAL + "请各单位于本周内报送。", [("请各单位于本周内报", "請各單位於本週內報")]),
    ],
)
def test_simplified_in_traditional_still_reported(reviewer, text, expected):
    assert _mixed(reviewer, text) == expected


def test_traditional_standard_forms_are_what_opencc_writes():
    """TRADITIONAL_STANDARD_FORMS is generated from OpenCC: regenerate it when the t2s table changes."""
    import opencc

    from govreview.detectors.quality_mixed_script import TRADITIONAL_STANDARD_FORMS, script_tables
    from govreview.normalize import t2s_table

    t2s = t2s_table()
    simp_side = "\n".join(sorted({chr(v) for v in t2s.values()}))
    trad_side = "\n".join(chr(k) for k in t2s)
    written: set[str] = set()
    for config, chars in (("s2t", simp_side), ("s2hk", simp_side), ("s2tw", simp_side), ("t2hk", trad_side), ("t2tw", trad_side)):
        written |= set(opencc.OpenCC(config).convert(chars))
    script_tables.cache_clear()
    try:
        simp_only = script_tables()[1] | TRADITIONAL_STANDARD_FORMS
    finally:
        script_tables.cache_clear()
    assert TRADITIONAL_STANDARD_FORMS == simp_only & written


# A title or quotation wholly in traditional script is reproduced as written; a quotation that mixes
# both scripts, or traditional characters outside quotation marks, is still a paste error.
@pytest.mark.parametrize(
    "text",
    [
        "市图书馆举办系列讲座，主讲人围绕《資治通鑑》《史記》的版本流传展开讲解，现场展示了馆藏刻本。",
        "讲座展示了馆藏清代刻本一部，扉页题有“鄱陽胡氏仿元刊本”字样，吸引了众多市民参观。",
        "香港特区政府在新闻公报中表示：“香港特區政府會繼續支持青年參與大灣區的技能交流。”据了解，本次竞赛设置12个项目。",
        "台湾同胞在座谈会上说：「兩岸一家親，我們都是中國人。」与会人员对此表示赞同，会议气氛热烈。",
        "该书收录了《康熙字典》《說文解字注》等古籍的影印本，供读者免费借阅，欢迎广大市民前来阅览。",
    ],
)
def test_traditional_quotations_and_titles_in_simplified_text(reviewer, text):
    assert _mixed(reviewer, text + SIMPLIFIED) == []  # a page long enough to have a script


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quotation with simplified characters in it: the traditional ones were pasted
        ("会议强调：“各单位要加強值班值守，切實做好防汛工作。”请各乡镇认真贯彻落实。", [("強值班值守，切實", "强值班值守，切实")]),
        # outside the quotation marks
        ("各乡镇要切實做好防汛準備工作，确保“人民群众生命财产安全”。" + SIMPLIFIED, [("實做好防汛準備", "实做好防汛准备")]),
        # a wholly traditional title beside a paste error in the running text: only the error
        ("主讲人围绕《資治通鑑》展开讲解，介紹了版本流傳情况。" + SIMPLIFIED, [("紹了版本流傳", "绍了版本流传")]),
    ],
)
def test_paste_errors_beside_quotations_still_reported(reviewer, text, expected):
    assert _mixed(reviewer, text) == expected


# A Latin code typed wholly in look-alike letters (soft keyboard, a PDF font's mapping): no Latin letter and no
# digit in the token, so it once read as a Cyrillic or Greek word
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("监测结果显示，\u0421\u041e平均浓度为0.8毫克/立方米，同比下降5.2%。", [("\u0421\u041e", "CO")]),
        ("監測結果顯示，\u0421\u041e平均濃度為０.８毫克／立方米。", [("\u0421\u041e", "CO")]),  # traditional, full-width
        ("全年二氧化硫（SO2）、一氧化碳（\u0421\u041e）浓度均达到国家二级标准。", [("\u0421\u041e", "CO")]),
        ("污水处理厂出水\u0440\u041d值为6～9，化学需氧量低于50mg/L。", [("\u0440\u041d", "pH")]),
        ("孕妇须携带\u0412超检查报告单及身份证原件办理。", [("\u0412", "B")]),
        ("机动车尾气中\u039d\u039f排放浓度超标的，依法予以处罚。", [("\u039d\u039f", "NO")]),  # Greek
    ],
)
def test_lookalike_letters_only(reviewer, text, expected):
    rep = reviewer.review(text)
    found = [f for f in rep.findings if f.rule == "quality.mixed_script"]
    assert [(f.text, f.suggestion) for f in found] == expected
    assert all(text[f.start:f.end] == f.text and f.confidence < 0.8 for f in found)
    assert "可忽略" in found[0].message


def test_lookalike_letters_only_in_html(reviewer):
    from govreview import Document

    html = "<table><tr><td>一氧化碳（&#1057;&#1054;）</td><td>0.8&nbsp;mg/m³</td></tr></table>"
    found = [f for f in reviewer.review(Document(html=html)).findings if f.rule == "quality.mixed_script"]
    assert [(f.text, f.suggestion) for f in found] == [("&#1057;&#1054;", "CO")]


@pytest.mark.parametrize(
    "text",
    [
        "莫斯科（Москва）是俄罗斯首都；СССР即苏联。",  # the page writes Russian
        "会见俄罗斯Вологодская州代表团，双方签署ООО合作协议。",
        "合作方为ООО «РОСАТОМ»，项目总投资12亿元。",  # a phrase in Russian
        "签约仪式在МОСКВА举行。",  # a longer word of look-alikes is the language's own
        "希腊首都雅典（Αθήνα），联合国希腊文缩写ΟΗΕ",
        "电阻值为10kΩ，电流为5μA；TNF-α、IL-1β、ΔH<0",  # Greek symbols
        # UTF-8 read as KOI8-R: Cyrillic all over the page, not a Latin code
        "监测结果显示一氧化碳".encode("utf-8").decode("koi8-r"),
        "一氧化碳（CO）、二氧化硫（SO2）、可吸入颗粒物（PM10）、臭氧（O3）",
    ],
)
def test_lookalike_letters_only_clean(reviewer, text):
    assert _lookalike(reviewer, text) == []


# Names of Hong Kong, Macao and Taiwan organisations in a simplified page are written in simplified characters on the
# mainland (香港中华总商会, 澳门特别行政区政府): outside a quotation or title they are reported like any pasted 繁体; a title
# or quotation written wholly in 繁体 is reproduced as written and stays clean
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3月5日，香港中華總商會代表团一行来我市考察交流，市政府副市长会见了代表团一行，双方就深化经贸合作进行了深入交流。",
         [("華總商會", "华总商会")]),
        ("会议邀请澳門特別行政區政府经济财政司代表出席，共同推进横琴粤澳深度合作区建设，双方签署了合作备忘录。",
         [("門特別行政區", "门特别行政区")]),
        ("市台办组织学习《臺灣同胞投资保护法》，进一步做好台胞台企服务工作，各区县台办负责同志参加了学习。",
         [("臺灣", "台湾")]),  # a title in both scripts is the mainland law's name, miswritten
    ],
)
def test_hk_macao_taiwan_names_in_simplified_text(reviewer, text, expected):
    assert _mixed(reviewer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "我市图书馆近日举办《臺灣文學史》读书分享会，吸引了众多读者参加，活动得到了社会各界的广泛关注和好评。",
        "特区政府发言人表示：“香港特區政府會繼續全力配合國家發展戰略。”我市有关部门将加强与香港的交流合作。",
    ],
)
def test_hk_macao_taiwan_titles_and_quotations_as_written(reviewer, text):
    assert _mixed(reviewer, text) == []
