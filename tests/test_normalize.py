"""Folding: the fast implementation equals the reference, and offsets map back exactly."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from govreview.normalize import FoldSettings, fold, fold_small, fold_term, folds_needed, substitution_table
from reference_fold import reference_fold

# text that stresses folding: CJK (simplified and traditional), full-width forms, noise symbols,
# combining marks, astral characters, CRLF, digits and repeats
ALPHABET = st.sampled_from(
    list("澳门博彩百家樂乐國国机密★☆*＊ ＢＥＴbetBET12３４５\r\n\t。，、！？()（）-_.·谢谢")
    + ["\u0301", "\u200b", "\ufeff", "𠀀", "𫝈", "😀", "\U000e0001", "\ud7ff", "ß", "İ"]
)
TEXTS = st.one_of(st.text(alphabet=ALPHABET, max_size=60), st.text(max_size=60))
SETTINGS = st.builds(
    FoldSettings, width=st.booleans(), case=st.booleans(), t2s=st.booleans(), noise=st.booleans(),
    repeats=st.booleans(), max_gap=st.integers(0, 5),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, SETTINGS)
def test_fast_fold_equals_reference(text, fs):
    fast, ref = fold(text, fs), reference_fold(text, fs)
    assert fast.text == ref.text
    assert [fast.orig_index(i) for i in range(len(fast.text))] == [ref.orig_index(i) for i in range(len(ref.text))]


@settings(max_examples=300, deadline=None)
@given(TEXTS, SETTINGS)
def test_small_fold_equals_fold(text, fs):
    from unittest import mock

    from govreview import normalize

    with mock.patch.object(normalize, "_SMALL", 10**9):  # the plain-Python path whatever the length
        assert fold_small(text, fs) == fold(text, fs).text
    assert fold_small(text, fs) == fold(text, fs).text  # and as called, long texts going to fold()


@settings(max_examples=300, deadline=None)
@given(TEXTS, SETTINGS)
def test_map_is_monotonic_and_points_at_the_source_character(text, fs):
    f = fold(text, fs)
    positions = [f.orig_index(i) for i in range(len(f.text))]
    assert positions == sorted(set(positions)), "strictly increasing"
    sub = substitution_table(fs.width, fs.case, fs.t2s)
    for i, o in enumerate(positions):
        assert 0 <= o < len(text)
        assert f.text[i] == text[o].translate(sub)


@st.composite
def folded_spans(draw):
    """(text, settings, folded, a, b): a non-empty half-open span [a, b) of the folded text."""
    text, fs = draw(TEXTS), draw(SETTINGS)
    f = fold(text, fs)
    assume(f.text)
    a = draw(st.integers(0, len(f.text) - 1))
    b = draw(st.integers(a + 1, len(f.text)))
    return text, fs, f, a, b


SPAN_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])


@SPAN_SETTINGS
@given(folded_spans())
def test_spans_map_back_to_a_slice_of_the_original(span):
    text, fs, f, a, b = span
    os_, oe = f.to_original(a, b)
    assert 0 <= os_ < oe <= len(text)
    # re-folding the original span gives back the folded span (possibly plus collapsed repeats)
    refolded = fold(text[os_:oe], fs).text
    assert refolded.startswith(f.text[a:b]) or f.text[a:b].startswith(refolded)


@SPAN_SETTINGS
@given(folded_spans())
def test_term_span_is_a_part_of_to_original_that_keeps_the_match(span):
    text, fs, f, a, b = span
    os_, oe = f.to_original(a, b)
    ts, te = f.term_span(a, b, f.text[a:b])
    # a prefix, except that a span starting in a repeat run that a word before it began (时时彩|彩金) starts
    # at its own copy of the character
    assert os_ <= ts < te <= oe
    assert ts == os_ or (os_ > 0 and text[os_ - 1].isalnum())
    refolded = fold(text[ts:te], fs).text  # the trimmed span still folds to the match, as the whole span does
    assert refolded.startswith(f.text[a:b]) or f.text[a:b].startswith(refolded)


@SPAN_SETTINGS
@given(folded_spans())
def test_deletes_in_says_whether_a_span_lost_characters_inside_or_right_after(span):
    text, _, f, a, b = span
    # per character: does the original have a gap after any folded character a..b-1?
    gaps = any((f.orig_index(i + 1) if i + 1 < len(f.text) else len(text)) - f.orig_index(i) > 1 for i in range(a, b))
    assert f.deletes_in(a, b) == gaps


@SPAN_SETTINGS
@given(folded_spans())
def test_to_original_shortcut_equals_the_per_character_definition(span):
    _, fs, f, a, b = span
    os_, oe = f.orig_index(a), f.orig_index(b - 1) + 1
    if fs.repeats:
        oe = f._extend_repeats(oe, b)  # the definition: always look for deleted repeats after the span
    assert f.to_original(a, b) == (os_, oe)


@pytest.mark.parametrize(
    "text, folded, needed",
    [
        ("澳*门*博*彩", "澳门博彩", ["noise"]),
        ("百家樂", "百家乐", ["t2s"]),
        ("ＢＥＴ", "bet", ["width", "case"]),
        ("博博彩彩", "博彩", ["repeats"]),
        ("澳 门\u200b博 彩", "澳门博彩", ["noise"]),
        ("秘 ★ 密", "秘密", ["noise"]),
    ],
)
def test_obfuscations_fold_to_the_plain_term(text, folded, needed):
    assert fold(text).text == folded
    assert folds_needed(text, FoldSettings()) == needed


def test_long_noise_runs_are_barriers():
    # more than max_gap noise characters between two words: they must not join into a term
    assert fold("澳门    博彩").text == "澳门 博彩"
    assert fold("澳门   博彩").text == "澳门博彩"
    assert fold("澳门    博彩", FoldSettings(max_gap=5)).text == "澳门博彩"


def test_clause_punctuation_is_not_noise():
    assert fold("澳门，博彩").text == "澳门,博彩"  # a comma separates clauses: no match across it
    assert fold("第一。第二").text == "第一。第二"


def test_digits_are_never_collapsed():
    assert fold("2000年").text == "2000年"
    assert fold_term("xpj3388") == "xpj3388"


def test_clean_text_keeps_an_identity_map():
    f = fold("关于做好政务公开工作的通知")
    assert f.runs == 1 and f.text == "关于做好政务公开工作的通知"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=20))
def test_term_folds_shortcut_agrees_with_folds_needed(span):
    from govreview.engine import term_folds

    fs = FoldSettings()
    span = span.strip()
    folded = fold_term(span, fs)
    if not span or not folded or fold_small(span, fs) != folded:  # only spans a term can match exactly
        return
    assert term_folds(span, folded, fs) == folds_needed(span, fs)


# A term written with every character repeated (博博彩彩, 澳澳门门) and optional separators, between
# words of other characters: the repeats at its edges are the same obfuscation as those inside it.
_WORD_CHARS = "方网站注册就送欢迎光临点击进入"  # none of them in a term below
_SEPARATORS = ["", "", "*", "★", "\u200b", "·", " ", "😀"]


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["澳门博彩", "百家乐", "太阳城集团", "真人荷官", "新葡京", "ｘｐｊ"]),
    st.lists(st.integers(2, 3), min_size=6, max_size=6),
    st.lists(st.sampled_from(_SEPARATORS), min_size=6, max_size=6),
    st.text(alphabet=_WORD_CHARS, max_size=4),
    st.text(alphabet=_WORD_CHARS, max_size=4),
)
def test_term_span_covers_a_term_repeated_throughout(term, reps, seps, before, after):
    fs = FoldSettings()
    written = "".join(ch * r + (sep if i < len(term) - 1 else "") for i, (ch, r, sep) in enumerate(zip(term, reps, seps)))
    text = before + written + after
    f = fold(text, fs)
    folded_term = fold_term(term, fs)
    a = f.text.find(folded_term)
    assert a >= 0
    assert f.term_span(a, a + len(folded_term), folded_term) == (len(before), len(before) + len(written))


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=200))
def test_strip_noise_drops_exactly_the_noise_characters(text):
    from govreview.normalize import is_noise, strip_noise

    want = "".join(c for c in text if not is_noise(c))
    assert strip_noise(text) == want  # short texts by the loop, long ones by one gather
    assert strip_noise(text * 3) == want * 3
