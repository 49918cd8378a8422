"""The text detectors read, and the map from it back to the caller's input.

For plain text the view *is* the input. For HTML the view is the readable text
(tags dropped, entities decoded, block boundaries as line breaks) and every
view code point remembers the source span it came from, so a finding found in
the view is reported at offsets into the HTML source and
``source[start:end] == finding.text`` still holds.

The map is a run table: a run is either 1:1 (a stretch of literal text) or
atomic (one view character standing for a longer source span: an entity such
as ``&amp;`` or a tag turned into a line break).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class TextView:
    """``text`` for detectors; ``to_source`` maps a view span to the caller's input."""

    __slots__ = ("source", "text", "_v", "_s", "_e", "_one", "_by_source")

    def __init__(self, source: str, text: str | None = None, runs: list[tuple[int, int, int, bool]] | None = None):
        self.source = source
        self.text = source if text is None else text
        if runs is None:
            self._v = self._s = self._e = self._one = None
        else:
            self._v = [r[0] for r in runs]
            self._s = [r[1] for r in runs]
            self._e = [r[2] for r in runs]
            self._one = [r[3] for r in runs]
        self._by_source: tuple | None = None

    @property
    def identity(self) -> bool:
        return self._v is None

    def _src(self, i: int) -> tuple[int, int]:
        """Source span of view code point ``i``."""
        assert self._v is not None and self._s is not None and self._e is not None and self._one is not None
        k = bisect_right(self._v, i) - 1
        if self._one[k]:
            p = self._s[k] + (i - self._v[k])
            return p, p + 1
        return self._s[k], self._e[k]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        if self._v is None:
            return start, end
        if end <= start:
            if start < len(self.text):
                p = self._src(start)[0]
            else:
                p = len(self.source)
            return p, p
        return self._src(start)[0], self._src(end - 1)[1]

    def _source_index(self) -> tuple[list[int], list[int], list[int], list[int]]:
        """Runs sorted by source start (all, and the 1:1 ones alone); built on first use."""
        if self._by_source is None:
            assert self._v is not None and self._s is not None and self._one is not None
            order = sorted(range(len(self._v)), key=self._s.__getitem__)
            lits = [k for k in order if self._one[k]]
            self._by_source = ([self._s[k] for k in order], order, [self._s[k] for k in lits], lits)
        return self._by_source

    def from_source(self, start: int, end: int) -> tuple[int, int] | None:
        """The view span of the view characters that come from within source[start:end) — the text a reader
        sees of a finding — or None when none does (the span is markup only: an ``href``, a tag).

        The inverse of ``to_source`` for display (the HTML report's context); runs are not in source order
        (a tag's attribute text sits inside the tag's own atom), so they are sorted once, on first use.
        """
        if self._v is None:
            return start, end
        starts, order, lit_starts, lits = self._source_index()
        lo_v, hi_v = len(self.text), -1
        j = bisect_right(lit_starts, start) - 1  # a stretch of text that begins before the span and runs into it
        if j >= 0:
            k = lits[j]
            if self._e[k] > start:  # type: ignore[index]
                lo_v = self._v[k] + start - self._s[k]  # type: ignore[index]
                hi_v = self._v[k] + min(self._e[k], end) - self._s[k]  # type: ignore[index]
        for k in order[bisect_right(starts, start - 1):bisect_right(starts, end - 1)]:
            s, e, v = self._s[k], self._e[k], self._v[k]  # type: ignore[index]
            if self._one[k]:  # type: ignore[index]
                a, b = v, v + min(e, end) - s
            elif e <= end:
                a, b = v, v + 1
            else:
                continue
            lo_v, hi_v = min(lo_v, a), max(hi_v, b)
        return (lo_v, hi_v) if hi_v > lo_v else None

    def point_from_source(self, pos: int) -> int:
        """The view position where source offset ``pos`` falls (markup the view does not show, such as an
        ``href``, is before the first view character that comes from after it)."""
        if self._v is None:
            return pos
        found = self.from_source(pos, pos + 1)
        if found:
            return found[0]
        starts, order, _, _ = self._source_index()
        i = bisect_left(starts, pos)
        return self._v[order[i]] if i < len(order) else len(self.text)  # type: ignore[index]


class ViewBuilder:
    """Accumulates view text and runs while a parser walks the source."""

    def __init__(self, source: str):
        self.source = source
        self.parts: list[str] = []
        self.runs: list[tuple[int, int, int, bool]] = []
        self.length = 0

    def literal(self, s_start: int, s_end: int) -> None:
        """Copy source[s_start:s_end] into the view unchanged."""
        if s_end <= s_start:
            return
        self.parts.append(self.source[s_start:s_end])
        if self.runs and self.runs[-1][3] and self.runs[-1][2] == s_start:  # contiguous: extend the run
            v0, s0, _, _ = self.runs[-1]
            self.runs[-1] = (v0, s0, s_end, True)
        else:
            self.runs.append((self.length, s_start, s_end, True))
        self.length += s_end - s_start

    def atom(self, char: str, s_start: int, s_end: int) -> None:
        """One view character standing for source[s_start:s_end] (an entity, a tag)."""
        assert len(char) == 1
        self.parts.append(char)
        self.runs.append((self.length, s_start, s_end, False))
        self.length += 1

    def build(self) -> TextView:
        if not self.runs:
            return TextView(self.source, "", [(0, len(self.source), len(self.source), False)])
        return TextView(self.source, "".join(self.parts), self.runs)
