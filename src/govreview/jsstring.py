"""JavaScript string escapes, decoded where pages hide text and links in inline scripts.

One escape grammar (:data:`HEX_ESCAPE`: ``\\xHH``, ``\\uHHHH``, ``\\u{H…}``) serves two readers, which
differ on purpose:

* :func:`literal` reads one string literal (``'…'``, ``"…"``, a template ``` `…` ```) as a browser
  evaluates it, every escape decoded: ``html.py`` makes what ``document.write('…'+'…')`` writes part of
  the view, so ``'\\u6fb3\\u95e8'+'博彩'`` is read as 澳门博彩.
* :func:`unescape_ascii` decodes a whole script body without parsing it into literals: only escapes of
  ASCII characters, wherever they stand, in JavaScript's forms and in the percent forms of
  ``unescape()`` (``%3C``, ``%u003C``). ``links.py`` finds the URLs and markup a script hides there
  (``location.href="\\x68ttp://…"``, ``document.write(unescape("%3Ca%20href%3D…"))``). URLs and the
  markup around them are ASCII; a percent escape above 0x7F is a byte of a UTF-8 sequence
  ``unescape()`` would misread, and decoding the rest of the body would only move offsets.

Both give each decoded character the span of its whole escape in the source, so a finding on decoded
text points at what the page's author wrote.
"""

from __future__ import annotations

from bisect import bisect_right

from .lazyre import lazy_re

# \xHH, \uHHHH, \u{H…} (leading zeros, then at most six digits: the code space); group 1, 2 or 3 is the value
_HEX = r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|u\{0*([0-9a-fA-F]{1,6})\})"
HEX_ESCAPE = lazy_re(_HEX)
# what unescape_ascii decodes: the hex escapes above and unescape()'s %uHHHH and %HH (groups 1-2, then 3-5)
_ANY_ESCAPE = lazy_re(r"%u([0-9a-fA-F]{4})|%([0-9a-fA-F]{2})|" + _HEX)

# single-character escapes in the view: \r is a line break as \n is; \b \f \v and \0 (NUL) show nothing.
# Any other character after a backslash stands for itself (\' \" \\ \/ — and \1, as legacy octal escapes
# are not decoded).
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\n", "b": "", "f": "", "v": "", "0": ""}


def escape_value(m) -> int:
    """The code point an escape match of :data:`HEX_ESCAPE` (or of the percent forms) stands for."""
    return int(next(g for g in m.groups() if g is not None), 16)


def literal(src: str, i: int, end: int) -> tuple[list[tuple[str, int, int]], int] | None:
    """The characters of the JavaScript string literal starting at src[i] (a quote), each with its source
    span (an escape is one character standing for its whole escape sequence), and the index after it;
    None for a literal not closed before ``end`` or, unless a template, before a line break.

    A backslash before a line break continues the line; a template substitution (``${…}``) is a value we do
    not know and adds nothing; a ``\\u{…}`` escape beyond U+10FFFF adds nothing."""
    q = src[i]
    out: list[tuple[str, int, int]] = []
    j = i + 1
    while j < end:
        c = src[j]
        if c == q:
            return out, j + 1
        if c == "\n" and q != "`":
            return None
        if c == "\\" and j + 1 < end:
            n = src[j + 1]
            if n in "xu":
                m = HEX_ESCAPE.match(src, j, end)
                if m:
                    cp = escape_value(m)
                    if cp <= 0x10FFFF:
                        out.append((chr(cp), j, m.end()))
                    j = m.end()
                    continue
            if n == "\n":  # a line continuation
                j += 2
                continue
            ch = _SIMPLE_ESCAPES.get(n, n)
            if ch:
                out.append((ch, j, j + 2))
            j += 2
            continue
        if q == "`" and c == "$" and src.startswith("{", j + 1):
            close = src.find("}", j, end)
            if close < 0:
                return None
            j = close + 1  # a template substitution: a value we do not know
            continue
        out.append((c, j, j + 1))
        j += 1
    return None


class Unescaped:
    """A script body with its escapes decoded, mapping decoded spans back to the body (one entry per
    escape or literal run, not per character: minified scripts are long)."""

    def __init__(self, text: str, dec: list[int], src: list[int], esc_end: list[int | None]):
        self.text, self._dec, self._src, self._esc_end = text, dec, src, esc_end

    def span(self, a: int, b: int) -> tuple[int, int]:
        """The body span of decoded [a, b): an escape at either end is taken whole."""
        k = bisect_right(self._dec, a) - 1
        start = self._src[k] + (a - self._dec[k])
        k = bisect_right(self._dec, b - 1) - 1
        end = self._esc_end[k]
        return start, (end if end is not None else self._src[k] + (b - self._dec[k]))


def unescape_ascii(body: str) -> Unescaped | None:
    """``body`` with its JavaScript and percent escapes of ASCII characters decoded (see the module
    docstring); None when it has none."""
    parts: list[str] = []
    dec: list[int] = []
    src: list[int] = []
    esc_end: list[int | None] = []
    n = pos = 0
    for m in _ANY_ESCAPE.finditer(body):
        cp = escape_value(m)
        if cp > 0x7F:
            continue  # not ASCII: left as written
        if m.start() > pos:
            dec.append(n), src.append(pos), esc_end.append(None)
            parts.append(body[pos:m.start()])
            n += m.start() - pos
        dec.append(n), src.append(m.start()), esc_end.append(m.end())
        parts.append(chr(cp))
        n += 1
        pos = m.end()
    if not parts:
        return None
    if pos < len(body):
        dec.append(n), src.append(pos), esc_end.append(None)
        parts.append(body[pos:])
    return Unescaped("".join(parts), dec, src, esc_end)
