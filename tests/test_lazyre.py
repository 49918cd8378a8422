"""Lazily compiled patterns behave exactly like the compiled ones and compile only when used."""

from __future__ import annotations

import pickle
import re

import pytest
import regex

from govreview.lazyre import LazyPattern, lazy_re, lazy_regex

TEXT = "联系电话：0931-8969201，传真：0931-8969202。机密★5年"


@pytest.mark.parametrize("make, engine", [(lazy_regex, regex), (lazy_re, re)])
@pytest.mark.parametrize("pattern", [r"\d{4}-(\d{7})", r"(?P<level>机密|秘密)★(?P<term>\d+)年", r"传真"])
def test_every_method_agrees_with_the_compiled_pattern(make, engine, pattern):
    lazy, real = make(pattern), engine.compile(pattern)
    assert [m.span() for m in lazy.finditer(TEXT)] == [m.span() for m in real.finditer(TEXT)]
    assert lazy.findall(TEXT) == real.findall(TEXT)
    assert (lazy.search(TEXT, 5) or None) and lazy.search(TEXT, 5).span() == real.search(TEXT, 5).span()
    assert lazy.sub("#", TEXT) == real.sub("#", TEXT)
    assert lazy.split(TEXT) == real.split(TEXT)
    assert lazy.match(TEXT) is None and real.match(TEXT) is None
    assert lazy.pattern == pattern and lazy.groups == real.groups


def test_compiles_only_on_first_use_and_once():
    calls = []

    def counting(p, f):
        calls.append(p)
        return regex.compile(p, f)

    lazy = LazyPattern(counting, r"秘密", 0)
    assert calls == []
    assert lazy.search("绝密与秘密").start() == 3
    assert lazy.search("秘密").start() == 0
    assert calls == ["秘密"]


def test_flags_are_kept_and_pickling_round_trips():
    lazy = lazy_regex(r"bet", regex.I)
    assert lazy.search("BET365").group() == "BET"
    clone = pickle.loads(pickle.dumps(lazy))
    assert clone.search("xBeT").span() == (1, 4)
    assert pickle.loads(pickle.dumps(lazy_re("a+"))).fullmatch("aaa")


def test_a_broken_pattern_fails_when_first_used_not_silently():
    lazy = lazy_regex(r"(unclosed")
    with pytest.raises(regex.error):
        lazy.search("x")
