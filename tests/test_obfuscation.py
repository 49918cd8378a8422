"""Obfuscated spam end to end: each way of writing a term past a literal filter is found, the finding
covers exactly the obfuscated source text, and official text with the same characters stays clean."""

from __future__ import annotations

import pytest

from govreview.model import Document

SPAM = "欢迎光临{}官方网站，注册就送38元，信誉第一。"


def gambling(reviewer, text, *, html=False):
    doc = Document(id="t", html=text) if html else Document(id="t", text=text)
    report = reviewer.review(doc)
    assert report.errors == []
    for f in report.findings:
        assert text[f.start:f.end] == f.text
    return [f for f in report.findings if f.rule == "advertising.gambling"]


def spans(findings):
    return {f.text for f in findings}


# compatibility forms: each character looks like (or is, to NFC) the character of the term
@pytest.mark.parametrize("written, shown", [
    ("澳⻔博彩", "澳⻔博彩"),            # CJK radical C-SIMPLIFIED GATE for 门 (no decomposition in Unicode)
    ("澳⾨博彩", "澳⾨博彩"),            # Kangxi radical GATE for 門 (PDF text extraction writes these too)
    ("真人百家\uf914", "真人百家\uf914"),  # CJK compatibility ideograph 樂 (NFC maps it to 樂)
    ("太阳城⾦沙娱乐", "⾦沙娱乐"),       # Kangxi radical GOLD for 金
    ("⻢会开奖结果", "开奖结果"),         # 马 written with the horse radical: not a term, 开奖结果 is
    ("官网 🄱🄴🅃365", "🄱🄴🅃365"),      # squared Latin letters
    ("官网 bét365", "bét365"),          # precomposed é (NFC): the decomposed e + U+0301 (NFD) matched already
    ("官网 BÉT365", "BÉT365"),
])
def test_compatibility_forms_and_accents_fold_to_the_term(reviewer, written, shown):
    text = SPAM.format(written)
    found = gambling(reviewer, text)
    assert shown in spans(found)
    assert all(f.text in written for f in found)


@pytest.mark.parametrize("nfd", ["be\u0301t365", "bét365"])
def test_nfc_and_nfd_spellings_give_the_same_finding(reviewer, nfd):
    found = gambling(reviewer, f"最新官网 {nfd} 注册送彩金")
    assert nfd in spans(found)


@pytest.mark.parametrize("filler", ["\u3164", "\uffa0", "\u115f", "\u1160"])
def test_invisible_hangul_fillers_between_characters_are_noise(reviewer, filler):
    written = filler.join("澳门博彩")
    text = SPAM.format(written)
    assert written in spans(gambling(reviewer, text))


@pytest.mark.parametrize("text", [
    # a radicals table, a dictionary page and extracted PDF text with Kangxi radicals
    "部首检字表：⼈ ⼉ ⼊ ⼋ ⼌ ⻔ ⻋ ⻢ ⻥ ⻦ ⻓ ⾨ ⾦ ⾺ ⿂",
    "《通用规范汉字表》附表：⻔（门字旁）、⻋（车字旁）、⻢（马字旁）。",
    "市⼈⺠政府办公室关于印发澳⻔特别⾏政区来访⼈员接待⼯作⽅案的通知",
    "Café, élève, Noël, São Paulo, Zürich, Kraków: sister-city delegations.",
    "拼音：Àomén（澳门）、Xiānggǎng（香港），不得发布任何博彩广告。",
    "检测报告编号 🄰🄱-2024-017，结论：合格。",
    # Korean text keeps its syllables; fillers are not letters of any word
    "대한민국 정부 공고 제2024-15호",
])
def test_official_text_with_these_characters_stays_clean(reviewer, text):
    assert gambling(reviewer, text) == []


# an ASCII term inside a longer word is no term (bet in alphabet): the word may be written in any
# letters the fold reads as Latin, or in Greek/Cyrillic letters glued to it
@pytest.mark.parametrize("text", [
    "其中 𝑎𝑏𝑒𝑡 为待定系数，𝑥 取值见表 2。",       # mathematical italic product in a formula
    "式中𝑥𝑏𝑒𝑡𝑎表示修正项。",
    "Le solde débet du compte est réglé.",
    "系数 αbet 由实验确定。",
    "ⓐⓑⓔⓣ 为示意图中的标注。",
    "ＡＬＰＨＡＢＥＴ 字母表",
])
def test_an_ascii_term_inside_a_word_of_other_letters_is_no_term(reviewer, text):
    assert gambling(reviewer, text) == []


@pytest.mark.parametrize("text, shown", [
    ("皇冠bet开户，信誉第一", "bet"),
    ("官网：𝐛𝐞𝐭365注册送彩金", "𝐛𝐞𝐭365"),
    ("【ｂｅｔ３６５】 开户 注册送", "ｂｅｔ３６５"),
    ("最新网址 bét365，注册送彩金", "bét365"),
])
def test_an_ascii_term_next_to_cjk_or_punctuation_is_found(reviewer, text, shown):
    assert shown in spans(gambling(reviewer, text))


@pytest.mark.parametrize("text, shown", [
    # every character doubled: the doubled last character is the same obfuscation, not the next word's
    ("澳澳门门博博彩彩官网注册送彩金", "澳澳门门博博彩彩"),
    ("欢迎光临澳门门葡京京彩票平台", "澳门门葡京京"),
    ("點擊進入澳澳門門賭賭場場官方網站", "澳澳門門賭賭場場"),
    ("网址：博彩公公司司官方网站", "博彩公公司司"),
    # a separator inside the match: the doubled first character is the obfuscation's too
    ("点击进入真真★人😀百|家*乐官网", "真真★人😀百|家*乐"),
    ("欢迎光临永永-\u200b利皇_😀|宫官方网站", "永永-\u200b利皇_😀|宫"),
])
def test_edge_repeats_of_an_obfuscated_match_are_covered(reviewer, text, shown):
    assert shown in spans(gambling(reviewer, text))


@pytest.mark.parametrize("text, shown", [
    # a repeat run at the edge of a plain match goes on into a word, which keeps its copy
    ("重庆时时彩彩票平台", ["时时彩", "彩票平台"]),
    ("百家乐乐园开业", ["百家乐"]),
    ("时时彩彩金", ["时时彩", "彩金"]),
    ("时时彩\n彩金，首存即送", ["时时彩", "彩金", "首存"]),  # a line wrap is no obfuscation
])
def test_edge_repeats_of_a_plain_match_stay_with_the_next_word(reviewer, text, shown):
    assert [f.text for f in gambling(reviewer, text)] == shown


# the fold deletes line breaks and tabs (a term wrapped across lines must match), but a term never
# spans two fields: table cells, list items, paragraphs
@pytest.mark.parametrize("text, html", [
    ("<table><tr><th>序号</th><th>举办地</th><th>项目</th><th>日期</th></tr>"
     "<tr><td>1</td><td>北京</td><td>赛车</td><td>5月1日</td></tr></table>", True),
    ("序号\t举办地\t项目\n1\t北京\t赛车\n2\t上海\t帆船\n", False),
    ("<ul class=\"nav\"><li><a href=\"/a\">体育</a></li><li><a href=\"/b\">投注站管理</a></li></ul>", True),
    ("<div>市体育局召开北京</div><div>赛车场馆安全检查部署会</div>", True),
    ("二、赛事安排：北京\n\n赛车场馆由市体育局负责。", False),
    ("各区县彩票销售情况：北京\n　　赛车运动协会另行通知。", False),
])
def test_a_term_does_not_span_two_cells_items_or_paragraphs(reviewer, text, html):
    assert gambling(reviewer, text, html=html) == []


@pytest.mark.parametrize("text, html, shown", [
    ("欢迎光临澳门\n博彩官网，注册就送", False, "澳门\n博彩"),  # a hard-wrapped line
    ("<div style=\"display:none\">澳<br>门<br>博<br>彩官网注册送</div>", True, "澳<br>门<br>博<br>彩"),
    ("<p>欢迎<span>澳</span><span>门</span>博彩官网</p>", True, "澳</span><span>门</span>博彩"),
    ("<td>欢迎光临澳门<br/>博彩官网，注册就送</td>", True, "澳门<br/>博彩"),
])
def test_a_term_across_a_line_break_inside_a_paragraph_is_found(reviewer, text, html, shown):
    assert shown in spans(gambling(reviewer, text, html=html))


# Japanese character forms (shinjitai) of the words spam uses: 娯楽 for 娱乐/娛樂, 百家楽 for 百家乐
@pytest.mark.parametrize("text, shown", [
    ("澳门新葡京娯楽城，注册就送38元", "娯楽城"),
    ("真人娯楽 百家楽 在线开户，首存即送", "百家楽"),
    ("威尼斯人娯楽官网，信誉第一", "威尼斯人娯楽"),
    ("金沙娯樂 最新网址", "金沙娯樂"),            # Japanese 娯 with traditional 樂
    ("<p>太陽城娯楽城</p><p>註冊就送彩金</p>", "太陽城娯楽城"),
])
def test_japanese_character_forms_fold_to_the_term(reviewer, text, shown):
    assert shown in spans(gambling(reviewer, text, html=text.startswith("<")))


@pytest.mark.parametrize("text", [
    # Chinese characters that are also Japanese forms are words of their own: 沪 is not 滤, 芸 not 艺
    "沪府发〔2024〕3号 关于芸芸众生与弁言的说明：欠款予以核销。",
    "市文化和旅游局：中日青少年交流团参观“楽天”文化展（日文原名照录）。",
    "《日本娯楽産業調査報告》（日文文献题名照录），仅供研究参考。",
    "旅游公告：本市与日本某市缔结友好城市，双方在文化娱乐、体育交流等领域开展合作。",
])
def test_japanese_forms_in_official_text_stay_clean(reviewer, text):
    assert gambling(reviewer, text) == []


def test_japanese_forms_are_not_counted_as_traditional(reviewer):
    from govreview.normalize import fold_small, t2s_table

    assert fold_small("娯楽沪芸弁") == "娱乐沪芸弁"
    assert ord("楽") not in t2s_table()  # quality.mixed_script reads this table: 楽 is not a traditional character


# Cyrillic and Greek letters drawn like Latin ones inside a Latin code (Unicode confusables)
@pytest.mark.parametrize("text, shown", [
    ("bеt365官网注册", "bеt365"),                  # Cyrillic е
    ("ВЕТ365 最新网址，注册送彩金", "ВЕТ365"),     # Cyrillic В Е Т
    ("ΒΕΤ 365 官方开户", "ΒΕΤ 365"),              # Greek Β Ε Τ, with a space
    ("хрj娱乐城官网", "хрj"),                      # Cyrillic х р
    ("【ВВІN】真人视讯，注册就送", "ВВІN"),          # Cyrillic В В І
    ("Ѕbоbеt 体育投注，信誉第一", "Ѕbоbеt"),        # Cyrillic Ѕ о е
])
def test_cyrillic_and_greek_look_alikes_fold_to_the_latin_term(reviewer, text, shown):
    assert shown in spans(gambling(reviewer, text))


@pytest.mark.parametrize("text", [
    "俄方代表团团长签名：ВЕТЕР И. П.（照录），双方签署《合作备忘录》。",
    "外事办公告：莫斯科（Москва）友好城市代表团来访，团员名单附后。",
    "检测指标包括α粒子、β射线、γ辐射及TNF-α，结果均符合ΒΕΤΑ标准编号 GB 18871。",
    "希腊雅典市代表团（ΑΘΗΝΑ）访问我市，双方就旅游合作交换意见。",
])
def test_cyrillic_and_greek_words_in_official_text_stay_clean(reviewer, text):
    assert gambling(reviewer, text) == []
