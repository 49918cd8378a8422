"""JavaScript string escapes: one grammar for the text scripts write (html.py) and the links they hide (links.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreview.jsstring import literal, unescape_ascii


def _decode(src: str) -> str | None:
    got = literal(src, 0, len(src))
    if got is None:
        return None
    chars, after = got
    assert after == len(src), "the literal ends at its closing quote"
    for ch, s, e in chars:  # every character stands for a piece of the literal, in order
        assert 0 < s < e < len(src)
    assert all(a[2] <= b[1] for a, b in zip(chars, chars[1:]))
    return "".join(c for c, _, _ in chars)


@pytest.mark.parametrize("src, text", [
    (r"'\x41\x3c'", "A<"),
    (r"'\u0041\u6fb3\u95e8'", "A澳门"),
    (r"'\u{41}\u{6FB3}\u{0000041}\u{1F600}'", "A澳A\U0001F600"),
    (r"'\u{110000}x'", "x"),                      # beyond the code space: nothing
    (r"'\u{1234567}'", "u{1234567}"),             # seven digits: no such escape, the backslash drops
    (r"'\xZZ\u12'", "xZZu12"),                    # malformed hex escapes: the letter stands for itself
    (r"'a\nb\tc\rd'", "a\nb\tc\nd"),              # \r is a line break in the view, as \n is
    (r"'a\b\f\v\0b'", "ab"),                      # \b \f \v and NUL show nothing
    (r"'\1\01\101'", "11101"),                    # legacy octal escapes are not decoded: \0 is NUL, digits stand
    (r"'\8\9'", "89"),
    (r"'\'\"\\\/'", "'\"\\/"),
    ("\"it's\"", "it's"),
    ("'don\\'t'", "don't"),
    ("'a\\\nb'", "ab"),                           # a line continuation
    ("`a\nb`", "a\nb"),                           # a template may span lines
    ("`a${x + 1}b`", "ab"),                       # a substitution is a value we do not know
    ("''", ""),
])
def test_literal_decodes_escapes(src, text):
    assert _decode(src) == text


@pytest.mark.parametrize("src", ["'abc", "'a\nb'", "`a${x`", "'a\\"])
def test_an_unterminated_literal_is_none(src):
    assert literal(src, 0, len(src)) is None


def test_a_literal_stops_at_the_end_it_is_given():
    src = "'abc'"
    assert literal(src, 0, 3) is None
    assert literal("x = 'a' + 'b'", 4, 13) == ([("a", 5, 6)], 7)


def test_an_escape_spans_its_whole_sequence():
    src = r"'a\x41\u{42}\n'"
    chars, _ = literal(src, 0, len(src))
    assert [(c, src[s:e]) for c, s, e in chars] == [("a", "a"), ("A", r"\x41"), ("B", r"\u{42}"), ("\n", r"\n")]


def _escaped(ch: str, form: int) -> str:
    cp = ord(ch)
    if form == 1 and cp < 0x100:
        return f"\\x{cp:02x}"
    if form == 2 and cp < 0x10000:
        return f"\\u{cp:04X}"
    if form == 3:
        return "\\u{" + "0" * (cp % 3) + f"{cp:x}" + "}"
    if ch in "'\\":
        return "\\" + ch
    return ch


_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\u2028\u2029")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_CHARS, st.integers(0, 3)), max_size=30))
def test_literal_round_trips_every_escape_form(pieces):
    text = "".join(c for c, _ in pieces)
    src = "'" + "".join(_escaped(c, f) for c, f in pieces) + "'"
    chars, after = literal(src, 0, len(src))
    assert after == len(src)
    assert "".join(c for c, _, _ in chars) == text
    for c, s, e in chars:  # each character's span decodes, alone, to that character
        assert _decode("'" + src[s:e] + "'") == c


@pytest.mark.parametrize("body, text", [
    (r'document.write(unescape("%3Ca%20href%3D%22http%3A%2F%2Fx.com%22%3E"))', 'document.write(unescape("<a href="http://x.com">"))'),
    (r"'\x3ca href=\x22h\x74tp://x.com\x22'", "'<a href=\"http://x.com\"'"),
    (r"'\u003c\u{3C}\u{003c}%u003C'", "'<<<<'"),
    (r"'\u6fb3%E6%BE%B3\x8a' + '\x41'", r"'\u6fb3%E6%BE%B3\x8a' + 'A'"),  # only ASCII is decoded
    (r"'\\x41'", "'\\A'"),  # no literal parsing: a backslash escaped in the literal is not seen
])
def test_unescape_ascii_decodes_ascii_escapes_anywhere(body, text):
    got = unescape_ascii(body)
    assert got is not None and got.text == text


@pytest.mark.parametrize("body", ["location.href='http://x.com/'", r"'\u6fb3\u95e8' + '%E6%BE%B3'", ""])
def test_unescape_ascii_is_none_without_an_ascii_escape(body):
    assert unescape_ascii(body) is None


_FORMS = ("plain", "x", "u", "brace", "pct", "pctu")


def _ascii_escaped(ch: str, form: str) -> str:
    cp = ord(ch)
    return {"plain": ch, "x": f"\\x{cp:02x}", "u": f"\\u{cp:04x}", "brace": f"\\u{{{cp:X}}}",
            "pct": f"%{cp:02X}", "pctu": f"%u{cp:04x}"}[form]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.characters(min_codepoint=0x20, max_codepoint=0x7E, blacklist_characters="%\\"),
                          st.sampled_from(_FORMS)), max_size=30))
def test_unescape_ascii_round_trips_and_maps_back(pieces):
    body = "".join(_ascii_escaped(c, f) for c, f in pieces)
    text = "".join(c for c, _ in pieces)
    got = unescape_ascii(body)
    if all(f == "plain" for _, f in pieces):
        assert got is None
        return
    assert got.text == text
    pos = 0
    for i, (c, f) in enumerate(pieces):  # each decoded character maps back to its escape, or to itself
        piece = _ascii_escaped(c, f)
        assert got.span(i, i + 1) == (pos, pos + len(piece))
        pos += len(piece)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.characters(min_codepoint=0x20, max_codepoint=0x7E, blacklist_characters="'\\%"),
                          st.sampled_from(("plain", "x", "u", "brace"))), max_size=20))
def test_both_readers_agree_on_ascii_hex_escapes(pieces):
    src = "'" + "".join(_ascii_escaped(c, f) for c, f in pieces) + "'"
    chars, _ = literal(src, 0, len(src))
    got = unescape_ascii(src)
    assert (got.text if got is not None else src) == "'" + "".join(c for c, _, _ in chars) + "'"
