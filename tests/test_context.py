"""Clause boundaries used by the negation-cue check (不得公开…国家秘密 must not fire across a clause)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from govreview.context import _clause_clear, _last_clause_end

ENDS = "。！？；;!?\n"
WINDOWS = st.text(alphabet=ENDS + "不得公开涉及国家秘密ab ，、", max_size=40)


@settings(max_examples=200, deadline=None)
@given(WINDOWS)
def test_last_clause_end_is_just_after_the_last_terminator(window):
    ends = [i + 1 for i, ch in enumerate(window) if ch in ENDS]
    assert _last_clause_end(window) == (ends[-1] if ends else 0)


@settings(max_examples=200, deadline=None)
@given(WINDOWS, st.data())
def test_clause_clear_means_no_terminator_between(text, data):
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(0, len(text)))
    assert _clause_clear(text, a, b) == (a >= b or re.search(f"[{re.escape(ENDS)}]", text[a:b]) is None)


# --- paragraph boundaries stop a negation cue; soft line breaks do not ---------------------------------

import pytest  # noqa: E402

from govreview import Document, Reviewer  # noqa: E402

_REVIEWER = Reviewer()


def _gambling(doc: Document) -> list[str]:
    report = _REVIEWER.review(doc)
    for f in report.findings:
        assert doc.content[f.start:f.end] == f.text
    return [f.text for f in report.findings if f.rule == "advertising.gambling"]


@pytest.mark.parametrize("doc", [
    # spam injected next to a page footer or a paragraph that happens to hold a cue word
    Document(html="<p>做好安全生产工作。送彩金</p><p>不得公开</p>"),
    Document(html="<div>首存送彩金</div><div class='footer'>版权所有 未经许可不得转载</div>"),
    Document(html="<p>严禁酒驾</p>\n<p>送彩金</p>"),
    Document(html="<ul><li>严禁</li><li>送彩金</li></ul>"),
    Document(html="<table><tr><td>不得</td><td>送彩金</td></tr></table>"),
    Document(text="首存送彩金\n\n本站内容不得转载"),  # a blank line is a paragraph in any text
    Document(text="　　首存送彩金\n　　本通知不得转载。"),  # so is a line starting with the 　　 indent
], ids=["p-after", "footer", "p-before", "li", "td", "blank-line", "indent"])
def test_a_cue_in_another_paragraph_does_not_hide_a_term(doc):
    assert _gambling(doc), "the cue sits in another paragraph: the term must be reported"


@pytest.mark.parametrize("doc", [
    Document(text="不得发布\n博彩广告"),               # a hard-wrapped (PDF) rule sentence
    Document(text="严禁在网站上刊登送彩金\n等博彩内容"),
    Document(text="　　严禁在网站上刊登送彩\n金等博彩内容。"),          # a wrapped line has no indent
    Document(html="<p>严禁发布<br>博彩广告</p>"),      # <br> inside a sentence
    Document(html="<div>严禁发布博彩广告</div>"),
    Document(html="<p>严禁发布<b>博彩</b>广告</p>"),   # inline markup is no boundary
], ids=["pdf-wrap", "pdf-wrap-2", "pdf-wrap-indented-paragraph", "br", "same-block", "inline"])
def test_a_soft_break_or_inline_markup_keeps_the_cue(doc):
    assert _gambling(doc) == []


@pytest.mark.parametrize("text", [
    "严禁利用政府网站发布澳门博彩、网络赌场、百家乐等赌博广告信息。",
    "严防政府网站被植入澳门博彩、网络赌场等有害信息。",
    "澳门博彩、网络赌场、百家乐、真人荷官等赌博广告一律不得发布。",
    "不得在网站上刊登澳门葡京、威尼斯人娱乐、太阳城集团、百家乐、真人荷官等赌博推广内容。",
])
def test_a_cue_governs_every_item_of_an_enumeration(text):
    """The rule sentence lists what it forbids: items far down the 、 list are still under the cue."""
    assert _gambling(Document(text=text)) == []


@pytest.mark.parametrize("text", [
    "严禁任何单位和个人，以任何形式发布澳门博彩广告。",
    "严禁任何单位和个人以任何形式在政府网站上发布澳门博彩广告。",
    "禁止任何组织或者个人利用网络发布、传播六合彩、百家乐等赌博信息。",
    "各级政务新媒体账号，不得以任何名义在评论区推送“澳门新葡京”链接。",
    "严禁各乡镇、各部门网站和政务新媒体，擅自转载真人百家乐等境外赌博网站的内容。",
])
def test_a_prohibition_reaches_the_object_of_its_publishing_verb(text):
    """A rule sentence puts its scope (任何单位和个人，以任何形式，在…上) between the prohibition and what it
    forbids to publish, further than a cue's usual reach; the term inside a negated term (博彩 in 澳门博彩)
    is negated with it."""
    assert _gambling(Document(text=text)) == []


@pytest.mark.parametrize("text", [
    "请遵守交通规则，严禁酒后驾驶机动车上路行驶，发布澳门博彩最新优惠活动，注册送彩金。",  # the comma does not close a subject
    "本站严格审核所有信息，诚信经营，每日推广真人百家乐最新玩法",                       # 审核 is no prohibition
    "严禁酒驾，欢迎光临澳门新葡京官方网站，首存即送。",                                  # no publishing verb before it
])
def test_a_prohibition_far_away_does_not_hide_spam(text):
    assert _gambling(Document(text=text)) != []


def test_which_words_are_prohibitions_is_cue_lexicon_data():
    """A prohibition is added in the cue lexicon alone (rule context.prohibition): the word becomes a cue
    and reaches past the sentence's subject to what it forbids to publish; the same word as a plain
    context.negation.before cue does not reach that far."""
    from govreview import Lexicon

    text = "不许任何单位和个人，以任何形式发布澳门博彩广告。"
    assert _gambling(Document(text=text)) != []  # 不许 is no shipped cue

    def reviewer(rule: str) -> Reviewer:
        return Reviewer(lexicons=[Lexicon.from_terms(["不许"], name="extra-cues", kind="cues", rule=rule)])

    def gambling(rv: Reviewer, t: str) -> list[str]:
        return [f.text for f in rv.review(Document(text=t)).findings if f.rule == "advertising.gambling"]

    before, prohibition = reviewer("context.negation.before"), reviewer("context.prohibition")
    assert gambling(before, text) != []
    assert gambling(prohibition, text) == []
    assert gambling(before, "不许发布澳门博彩广告。") == gambling(prohibition, "不许发布澳门博彩广告。") == []


@pytest.mark.parametrize("text", [
    "严禁酒驾。澳门博彩、百家乐、真人荷官，在线开户。",            # another sentence
    "请各单位严格落实保密审查制度，确保网站安全运行，百家乐、真人荷官、澳门博彩在线注册送彩金",  # a comma ends the reach
])
def test_an_enumeration_after_the_cue_s_clause_is_not_negated(text):
    assert "真人荷官" in _gambling(Document(text=text))
