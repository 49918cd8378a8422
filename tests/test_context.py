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
