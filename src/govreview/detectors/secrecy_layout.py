"""Where a term stands in a document: head, tail, alone on a line, in a sentence.

Secrecy labels are decided by *position and form*, not by the word: 内部资料
printed alone above the title is a label of the document; 内部资料 in
"内部资料性出版物管理办法规定……" is the rule talking about labels. This module
cuts the view text into lines once and answers the questions the secrecy
detectors ask: is this span in the head of the document (before the title),
in its last lines (a footer), alone on its line?

It registers no detector; it is shared by ``secrecy_marking`` and
``secrecy_internal``.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass

from ..lazyre import lazy_re, lazy_regex

# The head of an official document (版头) holds 份号, 密级, 紧急程度, 发文机关标志
# and 发文字号 in short lines; the title is the first line that reads like one.
HEAD_MAX_LINES = 8
HEAD_MAX_CHARS = 600
TAIL_LINES = 4
SHORT_LINE = 30

_TITLE = lazy_regex(
    r"关于|(?:通知|意见|办法|规定|决定|方案|报告|请示|批复|复函|纪要|公告|通告|通报|规划|细则|条例|议案|命令|函|要点|总结)$"
)
_SPACES = lazy_regex(r"[\s\u3000]+")
# Decoration around a label: brackets, stars, dashes, dots (（内部资料·注意保存）).
_DECOR = lazy_regex(r"[\s\u3000\p{Ps}\p{Pe}\p{Pi}\p{Pf}【】〔〕「」『』<>《》“”\"'·・•、，,。.:：;；!！|/\\—\-_=~～*＊★☆]+")
# Rule and prohibition wording: a sentence that contains one of these talks about labels.
RULE_WORDS = lazy_regex(
    r"不得|严禁|禁止|不准|不应|不能|不宜|切勿|防止|避免|杜绝|不涉及|未涉及|不属于|不含|是否|应当|应该|必须|"
    r"规定|办法|条例|制度|管理|审查|审核|保密工作|定密|解密|标注|标志|标识|按照|依照|依据|根据|"
    r"涉及|属于|可以|一律|凡|对于|有关|要求|加强|做好|落实|严格|依法|查处|批准|予以|编印|违反|擅自|所称|是指"
)


_BREAKS = "\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85"  # what str.splitlines ends a line at


@dataclass(slots=True)
class Line:  # treated as immutable; not frozen (frozen costs 3× to build)
    start: int  # view offsets of the line without its line break
    end: int
    text: str

    @property
    def compact(self) -> str:
        return _SPACES.sub("", self.text)


class Layout:
    """Non-empty lines of a text and the head/tail regions; built once per document, lazily.

    A long page has hundreds of lines and the secrecy detectors look at a few (those around a
    candidate, the head, the last ones), so only the raw line boundaries are computed up front —
    ``splitlines`` and a running sum, both at C speed — and a :class:`Line` is made when asked for.
    Head and tail are kept as view offsets: ``in_head`` / ``in_tail`` compare a line's start.
    """

    __slots__ = ("text", "_raw", "_starts", "_made", "head_end", "tail_start", "_many")

    def __init__(self, text: str):
        self.text = text
        self._raw = text.splitlines(keepends=True)
        self._starts = [0, *accumulate(map(len, self._raw))][:-1] if self._raw else []
        self._made: dict[int, Line | None] = {}
        # head: up to HEAD_MAX_LINES non-empty lines before the title; its end is the start of the first line after it
        self.head_end = len(text) + 1
        seen = 0
        for i in range(len(self._raw)):
            ln = self._line(i)
            if ln is None:
                continue
            if seen == HEAD_MAX_LINES:
                self.head_end = ln.start
                break
            if ln.start > HEAD_MAX_CHARS or len(c := ln.compact) > SHORT_LINE or _TITLE.search(c):
                self.head_end = ln.start
                break
            seen += 1
        # tail: the last TAIL_LINES non-empty lines (never inside the head), for texts of more than HEAD_MAX_LINES lines
        nonempty = 0
        for i in range(len(self._raw)):
            if self._line(i) is not None:
                nonempty += 1
                if nonempty > HEAD_MAX_LINES:
                    break
        self._many = nonempty > HEAD_MAX_LINES
        self.tail_start = len(text) + 1
        if self._many:
            found = 0
            for i in range(len(self._raw) - 1, -1, -1):
                ln = self._line(i)
                if ln is not None:
                    found += 1
                    if found == TAIL_LINES:
                        self.tail_start = max(self.head_end, ln.start)
                        break

    def _line(self, i: int) -> Line | None:
        """Raw line ``i`` without its break, or None when it is blank."""
        made = self._made
        if i in made:
            return made[i]
        raw = self._raw[i]
        body = raw.rstrip(_BREAKS)
        ln = Line(self._starts[i], self._starts[i] + len(body), body) if body.strip() else None
        made[i] = ln
        return ln

    @property
    def lines(self) -> list[Line]:
        """Every non-empty line, in order (builds them all: for tests and whole-text questions)."""
        return [ln for i in range(len(self._raw)) if (ln := self._line(i)) is not None]

    def lines_with(self, char: str) -> list[Line]:
        """The non-empty lines that contain ``char``, in order, each once."""
        out: list[Line] = []
        last = -1
        p = self.text.find(char)
        while p >= 0:
            i = bisect_right(self._starts, p) - 1
            if i != last:
                last = i
                ln = self._line(i)
                if ln is not None and char in ln.text:
                    out.append(ln)
            p = self.text.find(char, p + 1)
        return out

    def line_at(self, pos: int) -> Line | None:
        """The non-empty line holding ``pos`` (its end included), or None."""
        i = bisect_right(self._starts, pos) - 1
        if i < 0:
            return None
        ln = self._line(i)
        return ln if ln is not None and pos <= ln.end else None

    def in_head(self, ln: Line) -> bool:
        return ln.start < self.head_end

    def in_tail(self, ln: Line) -> bool:
        return self._many and ln.start >= self.tail_start

    def rest_of_line(self, ln: Line, start: int, end: int) -> str:
        """The line without [start, end) and without decoration: empty means 'alone on its line'."""
        return _DECOR.sub("", self.text[ln.start:start] + self.text[end:ln.end])


def layout_of(ctx) -> Layout:
    """The view's layout, built once per document for both secrecy detectors (a long page has
    hundreds of lines; building them twice was a visible share of a review)."""
    layout = getattr(ctx, "_secrecy_layout", None)
    if layout is None:
        layout = ctx._secrecy_layout = Layout(ctx.text)
    return layout


def strip_decor(s: str) -> str:
    return _DECOR.sub("", s)


#: what follows 密 in a 机关代字 of internal circulation (甘政密发, …密函)
AGENCY_AFTER_MI = "发函电字参"
# The 密 either detector looks at closer: before 发函电字参 (see secrecy_internal), or possibly part of
# a marking (see secrecy_marking): followed (after a gap) by 级, or after a level character or a gap and
# followed (after a gap) by a star or by at most 12 characters other than whitespace before the end
# of its line (head lines are often padded with spaces to align them; secrecy_marking judges a bare
# level by the line's length without whitespace too). Led by the literal 密 and zero-width after it, so the stdlib engine skips from 密 to 密 at C speed and every 密
# is tried; 保密, 泄密 and 秘密 inside a sentence are not kept.
_MI_OF_INTEREST = lazy_re(
    rf"密(?=[{AGENCY_AFTER_MI}]|[ \t\u3000]*级"
    r"|(?<=[绝絕机機秘 \t\u3000]密)(?:[ \t\u3000]*[★☆*＊✱✲✳✩✪⭐]|(?:[^\S\n]*\S){0,12}[^\S\n]*(?:\n|\Z)))"
)
# (text, offsets) of the last text scanned: the two detectors run one after the other on the same text.
# Keyed by identity (``is``) of the text held here, so a review in another thread can only cause a
# second scan, never a wrong answer.
_last_mi: tuple[str | None, tuple[int, ...]] = (None, ())


def mi_of_interest(text: str) -> tuple[int, ...]:
    """Offsets of the 密 in ``text`` that :data:`_MI_OF_INTEREST` keeps (one scan for both detectors)."""
    global _last_mi
    last_text, offsets = _last_mi
    if last_text is text:
        return offsets
    # a search loop, not finditer: nearly every page has no such 密, and one search that finds nothing
    # is cheaper than setting up an iterator
    found = []
    m = _MI_OF_INTEREST.search(text)
    while m is not None:
        found.append(m.start())
        m = _MI_OF_INTEREST.search(text, m.end())
    offsets = tuple(found)
    _last_mi = (text, offsets)
    return offsets


def clause_around(text: str, start: int, end: int, limit: int = 40) -> str:
    """The clause containing [start, end) (cut at sentence punctuation and line breaks)."""
    lo = start
    stop = max(0, start - limit)
    while lo > stop and text[lo - 1] not in "。！？；;!?\n":
        lo -= 1
    hi = end
    stop = min(len(text), end + limit)
    while hi < stop and text[hi] not in "。！？；;!?\n":
        hi += 1
    return text[lo:hi]
