"""Secrecy markings and internal-material labels: decided by form and position, not by the word."""

import re
from pathlib import Path

import pytest

from govreview import Severity

CLEAN = sorted(Path(__file__).parent.joinpath("data", "clean").glob("*.txt"))
SEEDS = sorted((Path(__file__).resolve().parent / "data" / "seeds").glob("00*.txt"))


def _find(reviewer, text, prefix="secrecy."):
    rep = reviewer.review(text)
    for f in rep.findings:
        assert text[f.start:f.end] == f.text
    return [f for f in rep.findings if f.rule.startswith(prefix)]


BODY = "\n\n关于重点项目前期工作推进情况的报告\n\n县发展改革局：\n现将重点项目前期工作推进情况报告如下。\n"


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("机密★5年" + BODY, "机密★5年"),
        ("秘密★1年" + BODY, "秘密★1年"),
        ("绝密★长期" + BODY, "绝密★长期"),
        ("机密★2025年12月31日" + BODY, "机密★2025年12月31日"),
        ("機密★10年" + BODY, "機密★10年"),
        ("絕密★長期" + BODY, "絕密★長期"),
        ("秘密 ★ 1年" + BODY, "秘密 ★ 1年"),
        ("秘密☆1年" + BODY, "秘密☆1年"),
        ("机密*5年" + BODY, "机密*5年"),
        ("机密＊５年" + BODY, "机密＊５年"),
        ("机密　★　５年" + BODY, "机密　★　５年"),
        ("秘密★一年" + BODY, "秘密★一年"),
        ("000123\n秘密\n特急" + BODY, "秘密"),
        ("秘　密" + BODY, "秘　密"),
        ("000123　机密　特急" + BODY, "机密"),
        ("機密" + BODY, "機密"),
        ("绝密★" + BODY, "绝密★"),
        ("密级：秘密" + BODY, "密级：秘密"),
        ("<p>机密★5年</p><h1>关于重点项目的报告</h1>", "机密★5年"),
        ("会议纪要正文。机密★5年 请妥善保管本页内容", "机密★5年"),
    ],
)
def test_markings_are_high(reviewer, text, marked):
    found = [f for f in _find(reviewer, text) if f.rule == "secrecy.marking"]
    assert [f.text for f in found] == [marked]
    assert found[0].severity == Severity.high


@pytest.mark.parametrize(
    "text",
    [
        "本文件不涉及国家秘密，可以公开。",
        "国家秘密的密级分为绝密、机密、秘密三级。",
        "国家秘密的标志为“★”，★前标密级，★后标保密期限，例如“机密★5年”。",
        "机密★、秘密★等密级标志的标注位置，按照有关规定执行。",
        "关于加强保密工作的通知\n\n各单位：\n秘密级事项的保密期限一般不超过10年。",
        "这是一个关于成长的秘密\n\n秘密\n\n文章正文很长很长，讲述了一个普通人的故事，与公文无关，也与密级无关。",
        "商业秘密保护指引",
        "机密文件管理办法",
    ],
)
def test_rule_sentences_are_not_markings(reviewer, text):
    assert not [f for f in _find(reviewer, text) if f.severity >= Severity.medium]


@pytest.mark.parametrize(
    ("text", "label", "severity"),
    [
        ("内部资料　注意保存" + BODY, "内部资料　注意保存", Severity.high),
        ("内部资料" + BODY, "内部资料", Severity.medium),
        ("（内部使用）" + BODY, "内部使用", Severity.medium),
        ("【仅供领导参阅】" + BODY, "仅供领导参阅", Severity.high),
        ("内部明电" + BODY, "内部明电", Severity.high),
        ("密码电报\n特急" + BODY, "密码电报", Severity.high),
        ("內部資料" + BODY, "內部資料", Severity.medium),
        (BODY + "\n县发展改革局\n2024年3月1日\n内部资料 不得外传", "不得外传", Severity.high),
        (BODY + "\n本材料为内部资料，请勿外传。\n", "内部资料", Severity.medium),
        (BODY + "\n内部参考\n" + "正文段落。" * 30, "内部参考", Severity.medium),
        # the 附注 of a GB/T 9704 document gives its 公开属性, under the date
        (BODY + "\n县发展改革局\n2024年3月1日\n（此件不公开）\n", "此件不公开", Severity.high),
        (BODY + "\n县发展改革局\n2024年3月1日\n（此件不予公开）", "此件不予公开", Severity.high),
        (BODY + "\n县发展改革局\n2024年3月1日\n（此件依申请公开）", "此件依申请公开", Severity.medium),
        # the 发文范围 附注: sent to offices down to a level, not published
        ("（此件发至县级）\n" + BODY, "此件发至县级", Severity.medium),
        (BODY + "\n县人民政府办公室\n2024年3月1日\n（此件发至县团级）", "此件发至县团级", Severity.medium),
        (BODY + "\n市委办公室\n2024年3月1日\n（此件发至乡科级）\n", "此件发至乡科级", Severity.medium),
    ],
)
def test_internal_labels(reviewer, text, label, severity):
    found = [f for f in _find(reviewer, text) if f.rule == "secrecy.internal" and f.severity >= Severity.medium]
    assert label in {f.text for f in found}
    assert max(f.severity for f in found) == severity


def test_internal_footer_label_with_page_number(reviewer):
    text = "关于某项工作的汇报\n\n" + "正文内容。\n" * 10 + "内部资料 第3页\n"
    found = [f for f in _find(reviewer, text) if f.rule == "secrecy.internal"]
    assert [(f.text, f.severity) for f in found] == [("内部资料", Severity.medium)]


@pytest.mark.parametrize(
    "text",
    [
        "涉密文件、内部资料不得上网。",
        "严格执行《内部资料性出版物管理办法》。",
        "对标注“内部资料”“注意保存”字样的文件，原则上不予公开。",
        "严禁将涉密文件在非涉密计算机上处理。",
        "仅供领导参阅的材料不得对外提供。",
        "请注意保存好相关票据。",
        "做好内部审计工作，强化内部控制。",
        "内部明电按照内部文件管理，不得在政府网站公开。",
        "对标注“此件不公开”的文件，一律不得在政府网站发布。",
        "公开属性为此件不予公开的文件，按照规定不得上网。",
        BODY + "\n县发展改革局\n2024年3月1日\n（此件公开发布）",
        BODY + "\n县发展改革局\n2024年3月1日\n（此件主动公开）",
        "该文件已于3月5日印发，此件发至县级以上各单位后，各地要认真组织学习。",
        "经研究，此件发至县级，请各县市区认真贯彻落实。",
    ],
)
def test_internal_mentions_in_rules_stay_below_medium(reviewer, text):
    assert not [f for f in _find(reviewer, text) if f.severity >= Severity.medium]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("根据省委办公厅密发〔2019〕12号文件精神", True),
        ("市政府办公室印发市政办内发〔2020〕3号", True),
        ("根据国办发〔2017〕47号文件精神", False),
        ("密政发〔2020〕5号", False),  # 密云区政府
        ("国家保密局保密发〔2019〕1号", False),
    ],
)
def test_internal_doc_numbers(reviewer, text, flagged):
    found = [f for f in _find(reviewer, text) if f.rule == "secrecy.internal"]
    assert bool(found) == flagged


@pytest.mark.parametrize("path", CLEAN + SEEDS, ids=lambda p: p.name)
def test_clean_corpus_has_no_secrecy_at_medium(reviewer, path):
    text = path.read_text(encoding="utf-8")
    bad = [(f.rule, f.text, f.severity.value) for f in _find(reviewer, text) if f.severity >= Severity.medium]
    assert bad == []


def test_clean_corpus_is_not_trivial():
    assert len(CLEAN) >= 2
    assert sum(len(p.read_text(encoding="utf-8").splitlines()) for p in CLEAN) >= 60


def test_internal_labels_come_from_the_position_aware_detector(reviewer):
    found = [f for f in _find(reviewer, "内部资料" + BODY) if f.rule == "secrecy.internal"]
    assert found and {f.explanation.detector for f in found} == {"secrecy_internal"}
    assert found[0].explanation.details["position"] == "label line (head)"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from govreview.detectors.secrecy_internal import _agency_hint  # noqa: E402
from govreview.detectors.secrecy_marking import _has_candidate  # noqa: E402

_FW = str.maketrans("0123456789", "０１２３４５６７８９")


@settings(max_examples=120, deadline=None)
@given(
    level=st.sampled_from(["绝密", "机密", "秘密", "機密", "絕密"]),
    star=st.sampled_from(["★", "☆", "*", "＊"]),
    years=st.integers(min_value=1, max_value=30),
    spaces=st.sampled_from(["", " ", "　", "  "]),
    fullwidth=st.booleans(),
    lines=st.lists(st.sampled_from(CLEAN[0].read_text(encoding="utf-8").splitlines()[3:40]), max_size=5),
)
def test_any_written_form_of_a_marking_is_high(reviewer, level, star, years, spaces, fullwidth, lines):
    period = f"{years}年"
    if fullwidth:
        period = period.translate(_FW)
    marking = f"{level}{spaces}{star}{spaces}{period}"
    text = marking + BODY + "\n".join(lines)
    found = [f for f in _find(reviewer, text) if f.rule == "secrecy.marking" and f.severity >= Severity.medium]
    assert [f.text for f in found] == [marking]


# The detectors' cheap pre-checks must accept exactly what their regex definitions accept: every
# finding depends on them. The definitions, written as plainly as possible:
_CANDIDATE_FORMS = (
    re.compile(r"[绝絕机機秘][ \t\u3000]*密[ \t\u3000]*[★☆*＊✱✲✳✩✪⭐]"),  # level + star
    re.compile(r"密[ \t\u3000]*级[ \t\u3000]*[:：]"),  # 密级 field
)
_LEVEL_WORD = re.compile(r"[绝絕机機秘][ \t\u3000]*密")


def _candidate_by_definition(text):
    if any(p.search(text) for p in _CANDIDATE_FORMS):
        return True
    for m in _LEVEL_WORD.finditer(text):  # a level word with at most 12 non-blank characters either side on its line
        ls = text.rfind("\n", 0, m.start()) + 1
        le = text.find("\n", m.end())
        before, after = text[ls:m.start()], text[m.end():len(text) if le < 0 else le]
        if len("".join(before.split())) <= 12 and len("".join(after.split())) <= 12:
            return True
    return False


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"绝絕机機秘密级:：★*⭐发函电字参内 \t\u3000\n\r\xa0保国家", "秘密", "\n秘密", "秘密\n",
                                  "的" * 11, "的" * 12, "的" * 13, " " * 13, "\u3000" * 20]), max_size=12).map("".join))
def test_secrecy_prechecks_accept_what_their_definitions_accept(text):
    assert _has_candidate(text) == _candidate_by_definition(text)
    assert _agency_hint(text) == bool(re.search(r"[密内][发函电字参]", text))


@pytest.mark.parametrize("pad", [
    "\u3000" * 20 + "秘密\n",          # indented to the right with ideographic spaces
    "秘密" + " " * 30 + "\n",           # trailing spaces from a layout-preserving text export
    "\xa0" * 16 + "机　密\xa0\xa0\r\n",  # &nbsp; padding in an HTML page's text
])
def test_a_bare_level_on_a_padded_head_line_is_a_marking(reviewer, pad):
    text = pad + "关于做好安全生产工作的通知\n各乡镇人民政府：现将有关事项通知如下。\n"
    found = [f for f in _find(reviewer, text) if f.rule == "secrecy.marking"]
    assert [(f.text.replace("　", ""), f.severity) for f in found] == [(pad.strip().replace("　", ""), Severity.high)]


@pytest.mark.parametrize("before", [11, 12, 13])
@pytest.mark.parametrize("after", [11, 12, 13])
@pytest.mark.parametrize("word", ["秘密", "机\u3000\u3000密"])
def test_short_line_precheck_at_its_bounds(before, after, word):
    for text in ("的" * before + word + "的" * after, "标题\n" + "的" * before + word + "的" * after + "\n正文"):
        assert _has_candidate(text) == _candidate_by_definition(text) == (before <= 12 and after <= 12)


MARKING_ALPHABET = st.sampled_from(list("绝絕机機秘密级：:★☆*＊✱✲✳✩✪⭐ \t\u3000\n\r\u2028年月日个個长期5１0一十文件内部保泄") + ["\r\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKING_ALPHABET, max_size=60).map("".join))
def test_marking_forms_scanned_line_by_line_equal_a_whole_text_scan(text):
    # secrecy_marking scans only the lines holding a 密: valid because no form crosses a line break
    from govreview.detectors.secrecy_layout import Layout
    from govreview.detectors.secrecy_marking import _ANY_STAR, BARE, FIELD, MARKING, STAR_ONLY, candidate_lines

    lines = candidate_lines(Layout(text), text)
    star_lines = [ln for ln in lines if _ANY_STAR.search(ln.text)]
    field_lines = [ln for ln in lines if "级" in ln.text]
    for pattern, scanned in ((MARKING, star_lines), (STAR_ONLY, star_lines), (FIELD, field_lines), (BARE, lines)):
        whole = [m.span() for m in pattern.finditer(text)]
        per_line = [m.span() for ln in scanned for m in pattern.finditer(text, ln.start, ln.end)]
        assert per_line == whole


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="密级 \t\u3000\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029ab内部", max_size=50))
def test_layout_lines_are_the_non_blank_bodies_of_splitlines(text):
    from govreview.detectors.secrecy_layout import Layout

    expected, _, _ = _eager_layout(text)
    assert [(ln.start, ln.end, ln.text) for ln in Layout(text).lines] == expected


def _eager_layout(text):
    """The layout as first written (every line built up front, head and tail by line ordinal): the reference."""
    from govreview.detectors.secrecy_layout import _SPACES, _TITLE, HEAD_MAX_CHARS, HEAD_MAX_LINES, SHORT_LINE, TAIL_LINES

    lines, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        if body.strip():
            lines.append((pos, pos + len(body), body))
        pos += len(raw)
    head_end = min(len(lines), HEAD_MAX_LINES)
    for k, (s, _, body) in enumerate(lines[:HEAD_MAX_LINES]):
        c = _SPACES.sub("", body)
        if s > HEAD_MAX_CHARS or len(c) > SHORT_LINE or _TITLE.search(c):
            head_end = k
            break
    tail_start = max(head_end, len(lines) - TAIL_LINES)
    return lines, head_end, tail_start


_LINE_PIECES = st.sampled_from(["密", "关于", "通知", "内部资料", " ", "\u3000", "机密★", "的" * 7, "字" * 31, "文" * 200])
LAYOUT_TEXTS = st.lists(
    st.tuples(st.lists(_LINE_PIECES, max_size=4).map("".join), st.sampled_from(["\n", "\r\n", "\u2028", "\x0c", "\n\n"])),
    max_size=16,
).map(lambda lines: "".join(body + brk for body, brk in lines))


@settings(max_examples=400, deadline=None)
@given(LAYOUT_TEXTS)
def test_lazy_layout_answers_as_the_eager_one(text):
    from govreview.detectors.secrecy_layout import HEAD_MAX_LINES, Layout

    lines, head_end, tail_start = _eager_layout(text)
    lay = Layout(text)
    assert [(ln.start, ln.end, ln.text) for ln in lay.lines] == lines
    assert [(ln.start, ln.end) for ln in lay.lines_with("密")] == [(s, e) for s, e, b in lines if "密" in b]
    for pos in range(len(text) + 1):
        k = max((i for i, (s, _, _) in enumerate(lines) if s <= pos), default=None)
        expected = k if k is not None and pos <= lines[k][1] else None
        got = lay.line_at(pos)
        assert (got.start, got.end) == lines[expected][:2] if expected is not None else got is None
        if got is not None:
            assert lay.in_head(got) == (expected < head_end)
            assert lay.in_tail(got) == (expected >= tail_start and len(lines) > HEAD_MAX_LINES)


@pytest.mark.parametrize(
    ("text", "label", "severity"),
    [
        ("仅供内部参阅" + BODY, "仅供内部参阅", Severity.high),
        ("【仅供内部参阅】" + BODY, "仅供内部参阅", Severity.high),
        ("内部参阅\n第12期\n市政府研究室编" + BODY, "内部参阅", Severity.medium),
        ("内部交流材料" + BODY, "内部交流材料", Severity.medium),
        ("工作秘密" + BODY, "工作秘密", Severity.medium),
        ("工作秘密　注意保管" + BODY, "工作秘密", Severity.medium),
        (BODY + "\n县发展改革局\n2024年3月1日\n（本件不公开）", "本件不公开", Severity.high),
        # labels written together with the issuing office, or with each other, are still labels
        ("××市发展改革委　内部资料" + BODY, "内部资料", Severity.medium),
        ("××市发展改革委内部资料请勿外传" + BODY, "请勿外传", Severity.medium),
    ],
)
def test_more_internal_labels(reviewer, text, label, severity):
    found = [f for f in _find(reviewer, text) if f.rule == "secrecy.internal" and f.severity >= Severity.medium]
    assert label in {f.text for f in found}
    assert max(f.severity for f in found if f.text == label) == severity


@pytest.mark.parametrize(
    "text",
    [
        # a news headline or FAQ question names the label: quoted, or part of a longer word
        "市保密局开展“内部资料”专项检查\n3月5日，市保密局对全市党政机关开展专项检查。",
        "问：什么是“此件不公开”？\n答：是公文附注中标注的公开属性。",
        "问：信息公开申请答复中“不予公开”是什么意思？\n答：申请公开的信息属于国家秘密的，行政机关依法不予公开。",
        "“不予公开”答复书的法律效力\n行政复议机关认为，被申请人作出的答复符合规定。",
        "内部资料怎么处理？\n正文。",
        "涉密文件销毁工作简报\n近日，县保密局组织开展涉密载体集中销毁。",
        "政府信息不予公开告知书\n申请人：张某\n经审查，您申请公开的信息属于国家秘密，决定不予公开。",
        "不予公开告知书\n××〔2024〕3号\n申请人：张某",
        "机关内部资料室开放时间\n周一至周五 9:00-17:00",
        "严守工作秘密\n全市机关干部参加保密知识测试。",
        "工作秘密保护须知\n一、不在互联网上存储、处理工作秘密。",
        "內部資料室開放時間\n週一至週五 9:00-17:00",
    ],
)
def test_headlines_that_name_a_label_are_not_labels(reviewer, text):
    assert not [(f.text, f.severity) for f in _find(reviewer, text) if f.severity >= Severity.medium]


QUIZ = """2024年保密知识竞赛试题（单选题）
1．国家秘密的密级分为（  ）。
A．绝密、机密、秘密
B．绝密、机密、秘密、内部
2．下列密级标志中，标注正确的是（  ）。
A．机密★10年
B．★机密10年
C．机密10年★
D．10年★机密
参考答案：1．A　2．A"""


@pytest.mark.parametrize(
    "text",
    [
        # 保密知识竞赛/测试题, published on every site in 保密宣传月: options and statements name the marks
        QUIZ,
        "保密知识测试\n选择题：下列标注规范的是（ ）\nA、秘密★1年　　B、秘密1年★　　C、★秘密1年",
        "保密知识测试\n判断题：机密★5年的标注方式是正确的。（ ）",
        "3. 秘密级国家秘密的保密期限一般不超过（ ）。\n(A) 秘密★5年\n(B) 秘密★10年\n(C) 秘密★20年",
        "保密知识测验\n国家秘密的密级有哪些？\n1. 秘密\n2. 机密\n3. 绝密\n答案：以上都是",
        "保密知识问答\n（一）绝密\n（二）机密\n（三）秘密",
        "① 绝密\n② 机密\n③ 秘密",
        "培训中讲解了机密★5年、秘密★1年等标志的标注位置。",
    ],
)
def test_test_questions_and_lists_name_the_marks(reviewer, text):
    assert not [(f.text, f.severity) for f in _find(reviewer, text) if f.severity >= Severity.medium]


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        # a 份号 beside a level is no list number; a marking before the title glued by a lost line break stays
        ("000123\n秘密\n特急" + BODY, "秘密"),
        ("000123　机密　特急" + BODY, "机密"),
        ("No.000123 秘密" + BODY, "秘密"),
        ("机密★5年关于重点项目前期工作推进情况的报告", "机密★5年"),
        ("1. 机密★5年 关于重点项目前期工作推进情况的报告\n2. 秘密★1年 关于资金安排的请示", "机密★5年"),
    ],
)
def test_markings_beside_numbers_stay_high(reviewer, text, marked):
    found = [f for f in _find(reviewer, text) if f.rule == "secrecy.marking" and f.severity == Severity.high]
    assert marked in [f.text for f in found]


@pytest.mark.parametrize(
    "text, marked",
    [
        # an archive publishing a declassified document: the old marking beside 已解密 / 原密级 is for a person to confirm
        ("本文件已解密\n原密级：机密★5年\n关于印发某某办法的通知" + BODY, "机密★5年"),
        ("机密★10年\n（2015年1月印发，2025年12月已解密）\n关于加强水资源管理的通知" + BODY, "机密★10年"),
        ("原密级：秘密\n某某市人民政府文件" + BODY, "密级：秘密"),
    ],
)
def test_a_declassified_marking_is_medium(reviewer, text, marked):
    found = [(f.text, f.severity) for f in _find(reviewer, text) if f.rule == "secrecy.marking"]
    assert found == [(marked, Severity.medium)]


def test_a_document_about_declassification_work_keeps_its_own_marking_high(reviewer):
    text = "机密★5年\n关于开展2020年度文件解密审核工作的通知\n各单位：现将有关事项通知如下。" + BODY
    assert [(f.text, f.severity) for f in _find(reviewer, text) if f.rule == "secrecy.marking"] == [("机密★5年", Severity.high)]
