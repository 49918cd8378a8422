"""quality.encoding: the span of the garbage only, one finding per run, repair where the bytes allow."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

SEEDS = sorted((Path(__file__).resolve().parent / "data" / "seeds").glob("*.txt"))
CLEAN = sorted(Path(__file__).parent.joinpath("data", "clean").glob("*.txt"))
ORIGINAL = "政府网站工作年度报表"  # its UTF-8 bytes decode as GBK without a lost byte
COMMON = "".join(
    bytes([a, b]).decode("gb2312") for a in range(0xB0, 0xD8) for b in range(0xA1, 0xFF) if (a, b) < (0xD7, 0xFA)
)  # GB2312 level 1: the characters ordinary Chinese text is made of


def _enc(reviewer, text):
    rep = reviewer.review(text)
    for f in rep.findings:
        assert text[f.start:f.end] == f.text
    return [f for f in rep.findings if f.rule == "quality.encoding"]


def test_utf8_read_as_gbk_reports_only_the_garbage_with_repair(reviewer):
    garbage = ORIGINAL.encode("utf-8").decode("gbk", errors="replace")
    assert garbage == "鏀垮簻缃戠珯宸ヤ綔骞村害鎶ヨ〃"
    text = "标题：" + garbage + "\n发布日期：2024年3月1日"
    found = _enc(reviewer, text)
    assert len(found) == 1
    f = found[0]
    assert (f.start, f.end) == (3, 3 + len(garbage))
    assert f.suggestion == ORIGINAL
    assert f.severity.value == "medium"


@pytest.mark.parametrize(
    "original",
    ["政府网站", "政府网站信息内容建设", "各县（市、区）人民政府，市政府各部门：", "首页", "通知公告", "政府网"],
)
def test_utf8_read_as_gbk_variants(reviewer, original):
    garbage = original.encode("utf-8").decode("gbk", errors="replace")
    text = "正文　" + garbage + "\n"
    found = _enc(reviewer, text)
    assert [(f.start, f.end) for f in found] == [(3, 3 + len(garbage))]
    repaired = found[0].explanation.details["repaired"].replace("□", "")
    assert repaired and original.startswith(repaired[:2])


def test_lost_byte_keeps_one_run_and_no_false_repair(reviewer):
    garbage = "政府网站信息内容建设".encode("utf-8").decode("gbk", errors="replace")
    assert "\ufffd" in garbage
    found = _enc(reviewer, "A " + garbage + " B")
    assert [f.text for f in found] == [garbage]
    assert found[0].suggestion is None  # bytes were lost: no claim of a full repair
    assert found[0].explanation.details["repaired"].startswith("政府网站信息")


def test_gbk_read_as_utf8_replacement_run(reviewer):
    garbage = "关于做好政府网站信息内容保障工作的通知".encode("gbk").decode("utf-8", errors="replace")
    assert "\ufffd" in garbage
    text = "栏目：" + garbage + "\n正文内容正常显示。"
    found = _enc(reviewer, text)
    assert len(found) == 1
    assert found[0].text == garbage.strip()
    assert found[0].start == 3


def test_example_gbk_file_read_as_utf8(reviewer):
    data = Path(__file__).parents[1].joinpath("examples", "05_gbk_notice.txt").read_bytes()
    text = data.decode("utf-8", errors="replace")
    found = _enc(reviewer, text)
    assert found
    for f in found:
        assert "\ufffd" in f.text


def test_utf8_read_as_cp1252(reviewer):
    garbage = "政府网站".encode("utf-8").decode("cp1252", errors="replace")
    found = _enc(reviewer, "页面：" + garbage + "。")
    assert [(f.text, f.suggestion) for f in found] == [(garbage, "政府网站")]


@pytest.mark.parametrize(
    ("text", "garbage", "suggestion"),
    [
        ("数据显示????的情况", "????", None),
        ("关于??工作的通知", "??", None),
        ("网页文字&#25919;&#24220;网站", "&#25919;&#24220;", "政府"),
        ("接口返回\\u653f\\u5e9c网站", "\\u653f\\u5e9c", "政府"),
    ],
)
def test_question_runs_and_escape_leftovers(reviewer, text, garbage, suggestion):
    assert [(f.text, f.suggestion) for f in _enc(reviewer, text)] == [(garbage, suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "网址：http://www.gov.cn/index.jsp?id=3&page=2",
        "这是为什么？",
        "真的吗??",
        "α、β、γ三类指标",
        "Ĉu vi parolas? Москва — столица России.",
        "乾隆年间著名的於氏家族",
        "鏖战、瑷珲、锛刨、鍪、缃素",  # rare characters that garbage is made of, in real words
    ],
)
def test_clean_text_has_no_encoding_finding(reviewer, text):
    assert _enc(reviewer, text) == []


@pytest.mark.parametrize("path", SEEDS + CLEAN, ids=lambda p: p.name)
def test_clean_corpus(reviewer, path):
    assert _enc(reviewer, path.read_text(encoding="utf-8")) == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(COMMON), min_size=4, max_size=30),
       st.text(alphabet="，。、：；（）0123456789abc ", max_size=10))
def test_mojibake_of_any_text_is_found_inside_its_span(reviewer, original, tail):
    garbage = original.encode("utf-8").decode("gbk", errors="replace")
    text = "正文：" + garbage + "\n" + tail
    found = _enc(reviewer, text)
    assert found, garbage
    s, e = 3, 3 + len(garbage)
    assert all(s <= f.start and f.end <= e for f in found)


def _leadset_char():
    from govreview.detectors.quality_encoding import _gbk_sets

    return min(_gbk_sets()[1])


@pytest.mark.parametrize(
    "char, bit",
    [
        ("é", "ENCODING"), ("\ufffd", "ENCODING"), ("?", "ENCODING"), ("？", "ENCODING"), ("&", "ENCODING"),
        ("\\", "ENCODING"), (None, "ENCODING"), ("\x85", "ENCODING"), ("锟", "ENCODING"), ("烫", "ENCODING"),
        ("學", "TRADITIONAL|FOLDABLE"), ("a", "LATIN"), ("Ｚ", "LATIN|FOLDABLE"), ("\u0420", "LOOKALIKE"),
        ("\u039f", "LOOKALIKE"), ("α", None), ("μ", None),
        ("[", "RARE_BRACKET"), ("【", "RARE_BRACKET"), ("〖", "RARE_BRACKET"), ("〔", None), ("（", None), ("5", None),
        # the detectors' view fold: 後 (in GB2312, so not TRADITIONAL) and a full-width digit change under it
        ("後", "FOLDABLE"), ("５", "FOLDABLE"),
    ],
)
def test_shared_character_classes_say_which_class_occurs(reviewer, char, bit):
    """detectors/_charclasses: one gather answers encoding, mixed script, links and 文号 pre-checks."""
    from govreview import Document
    from govreview.detectors import _charclasses as cc

    char = _leadset_char() if char is None else char
    plain = reviewer.prepare(Document(text="关于做好政务公开工作的通知\n各单位：现将有关事项通知如下。"))
    assert cc.present(plain) == 0
    ctx = reviewer.prepare(Document(text=f"关于做好政务公开工作的通知{char}各单位"))
    assert cc.present(ctx) == (sum(getattr(cc, b) for b in bit.split("|")) if bit else 0)
    assert cc.present(plain) == 0  # the answer kept for one document never leaks into another




@pytest.mark.parametrize(
    ("text", "garbage", "cause"),
    [
        # U+FFFD saved as UTF-8 (EF BF BD) and shown as GBK: 锟斤拷 per pair, 锟/锟斤 left by an odd count
        ("标题：锟斤拷锟斤拷锟斤拷\n发布日期：2024年3月1日", "锟斤拷锟斤拷锟斤拷", "U+FFFD"),
        ("关于开展锟斤拷锟斤拷工作的通知", "锟斤拷锟斤拷", "U+FFFD"),
        ("附件：锟斤拷锟斤拷锟.doc", "锟斤拷锟斤拷锟", "U+FFFD"),
        ("<p>联系人：锟斤拷锟斤拷</p>", "锟斤拷锟斤拷", "U+FFFD"),
        # uninitialised memory (bytes CC / CD) shown as GBK
        ("办理结果：烫烫烫烫烫烫烫烫烫烫", "烫烫烫烫烫烫烫烫烫烫", "0xCC"),
        ("申请人：屯屯屯屯屯屯\n", "屯屯屯屯屯屯", "0xCD"),
    ],
)
def test_placeholder_garbage_is_reported_with_its_cause(reviewer, text, garbage, cause):
    from govreview import Document

    doc = Document(html=text) if text.startswith("<") else Document(text=text)
    rep = reviewer.review(doc)
    found = [f for f in rep.findings if f.rule == "quality.encoding"]
    assert [f.text for f in found] == [garbage]
    assert doc.content[found[0].start:found[0].end] == garbage
    assert cause in found[0].message and "原文已丢失" in found[0].message
    assert found[0].suggestion is None  # nothing to repair from


@pytest.mark.parametrize(
    ("text", "garbage"),
    [
        ("关于开展\x85工作的通知", "\x85"),
        ("主题：\x80\x81\x9f检查通知", "\x80\x81\x9f"),
        ("发布机构：市政府办公室\x96\x97\n", "\x96\x97"),
    ],
)
def test_c1_control_characters_are_reported(reviewer, text, garbage):
    found = _enc(reviewer, text)
    assert [f.text for f in found] == [garbage]
    assert "控制字符" in found[0].message and "U+00" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "出现“锟斤拷”“烫烫烫”等乱码，多是因为网页编码与声明不一致。",
        "常见乱码有「锟斤拷」和「屯屯屯」两种。",
        "烫伤急救：被开水烫到后，应立即用冷水冲洗。火锅汤底烫烫的，小心入口。",
        "屯溪区、屯昌县、屯留区",
        "价格：¥100，约合€12；温度25℃；PM2.5浓度35μg/m³",
    ],
)
def test_words_and_mentions_of_garbage_are_clean(reviewer, text):
    assert _enc(reviewer, text) == []


def test_every_garbage_finding_says_what_happened(reviewer):
    texts = [
        "标题：" + ORIGINAL.encode("utf-8").decode("gbk", errors="replace"),
        "栏目：" + "关于做好政府网站信息内容保障工作的通知".encode("gbk").decode("utf-8", errors="replace"),
        "页面：" + "政府网站".encode("utf-8").decode("cp1252", errors="replace"),
        "数据显示????的情况", "网页文字&#25919;&#24220;网站",
    ]
    for text in texts:
        (f,) = _enc(reviewer, text)
        assert "像是" in f.message or "是未还原" in f.message, f.message


# GBK (GB2312) text read as Latin-1/cp1252: both bytes of a character are A1–FE, shown as ¡…þ
@pytest.mark.parametrize(
    ("original", "before", "after"),
    [
        ("市场监管局", "会议指出，", " 要围绕兜牢民生底线。"),
        ("民政工作会议", "", "在市政府召开"),
        ("年3月5日，市民政局", "2024", "召开会议。"),  # digits pass through GBK unchanged
        ("关于做好安全生产工作的通知", "标题：", "\n发布日期：2024-03-01"),
        ("政府信息公开年度报告", "<p>", "</p>"),
    ],
)
def test_gbk_read_as_latin1_is_reported_with_repair(reviewer, original, before, after):
    garbage = original.encode("gbk").decode("latin-1")
    text = before + garbage + after
    found = _enc(reviewer, text)
    assert [(f.text, f.suggestion) for f in found] == [(garbage, original)]


@pytest.mark.parametrize(
    "text",
    [
        "Café crème brûlée à la française, Ångström, Ñoño, Müller-Lüdenscheid Straße, Öffnungszeiten.",
        "温度为25°C±2°C，精度±0.5%，PM2.5浓度为35µg/m³，面积约120㎡。",
        "©2024 某某市人民政府 版权所有 ®™ «引文» ¼ ½ ¾ §3 ¶",
        "São Paulo, Bogotá, Zürich, Malmö, Kraków 等城市的代表参加了会议。",
        "ÀÉÈÌ",  # too short to be a GB2312 phrase
        # masks and placeholders written with × (U+00D7, a Latin-1 character)
        "王*兰，身份证号620102××××××××2326，家庭人口2人。",
        "身份证号码：××××××195505050350",
        "申请人：××××××，联系电话：138××××××××。",
    ],
)
def test_latin1_letters_in_real_text_are_not_gbk_garbage(reviewer, text):
    assert _enc(reviewer, text) == []


# citizens' messages (互动交流, 领导信箱) stress a question with ?? or ？？？: punctuation, not lost characters
@pytest.mark.parametrize(
    "text",
    [
        "网友留言：请问公积金怎么提取??谢谢",
        "网友留言：小区门口的路灯坏了半个月了，什么时候能修好???",
        "留言内容：为什么还没有答复？？？请尽快处理。",
        "来信：我们村的低保为什么取消了??我家符合条件啊",
        "留言：办理居住证需要多长时间??在哪里办",
        "问：新生儿医保是否可以线上办理??答：可以，登录市医保局网站办理。",
    ],
)
def test_question_marks_ending_a_question_are_punctuation(reviewer, text):
    assert _enc(reviewer, text) == []


@pytest.mark.parametrize(
    ("text", "garbage"),
    [
        ("请问????在哪里办理", "????"),  # four or more: lost text whatever the sentence
        ("全镇共公开政府信息326条，其中????????发布82条。", "????????"),
        ("关于??工作的通知", "??"),
        ("我们想问一下。数据显示???的情况", "???"),  # the question word is in another sentence
    ],
)
def test_question_runs_outside_a_question_still_reported(reviewer, text, garbage):
    assert [f.text for f in _enc(reviewer, text)] == [garbage]
