"""The one place that runs the Aho-Corasick automaton.

All lexicons (terms, allow-lists, context cues, gazetteers) compile into **one**
automaton whose patterns map to indices into a flat entry table, so one pass
over the folded text finds everything every detector needs.

Engine: ``ahocorasick_rs`` (the Rust ``aho-corasick`` crate), not pyahocorasick.
pyahocorasick searches a trie node's children linearly, and CJK text has
thousands of distinct first characters; we had worked around that by feeding
it UTF-8 bytes as latin-1 (fan-out ≤ 256) and mapping byte offsets back to
code points. The Rust automaton needs neither trick: it returns code-point
offsets into the ``str`` directly and, on the archive benchmark's page texts
with 5,920 terms, finds the same matches in 140 µs per page against 330 µs
for the byte-level pyahocorasick pass with its offset mapping (measured in one
run; benchmarks/README.md). Building it takes milliseconds, so only the folded
terms are cached, not the automaton (which does not pickle).

We ask for all overlapping matches (``MatchKind.Standard``, ``overlapping=True``),
not leftmost-longest: that would drop matches detectors need (第三十八条 with
第三十九条/三十八年/十八). Matches are returned by end, longest first — the order
pyahocorasick's ``iter`` gave, which the rest of the engine was written against.

The folded terms are pickled under the cache directory, keyed by the lexicons'
content hash and the fold settings, so a warm start does not fold every term.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from dataclasses import dataclass, replace

from ahocorasick_rs import AhoCorasick, MatchKind

from .cache import atomic_write, cache_dir
from .lexicons import Entry, Lexicon
from .normalize import Folded, FoldSettings, fold_data_stamp, fold_term

_CACHE_FORMAT = "4"  # 4: folded terms only (the automaton is rebuilt: milliseconds)
# Rust strings cannot hold a lone surrogate; one code point of U+FFFD in its place keeps every offset
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Slot:
    """One entry of the flat table: which lexicon/entry, and the folded term."""

    lexicon: Lexicon
    entry: Entry
    folded: str
    ascii_word: bool
    exact: str | None = None  # set when the repeat fold shortened the term (谢谢 → 谢): the match must show the repeats


@dataclass(slots=True)
class Hit:
    """A raw match in folded coordinates. Treated as immutable; not ``frozen`` because a frozen
    dataclass costs 3× as much to construct and every document makes tens of hits."""

    slot: int
    start: int
    end: int


def _is_ascii_word(s: str) -> bool:
    return s.isascii() and any(c.isalnum() for c in s)


def _load(path):
    """(folded terms, exact terms) from the cache, or None; a torn or foreign file is never trusted."""
    try:
        with open(path, "rb") as fh:
            value = pickle.load(fh)
        if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, list) for v in value):
            return value
    except Exception:
        pass
    return None


class Matcher:
    """Compiled automaton over every lexicon; thread-safe for concurrent ``find`` calls."""

    def __init__(self, lexicons: list[Lexicon], settings: FoldSettings, *, use_cache: bool = True):
        self.settings = settings
        lexicons = [lx for lx in lexicons if lx.kind != "cues"]  # cues are checked in a window (context.py)
        # the cache key comes from the lexicons' content hashes, so a warm start skips folding every term
        h = hashlib.sha256(f"{_CACHE_FORMAT}|{settings.key()}|{fold_data_stamp()}".encode())
        for lex in lexicons:
            h.update(f"{lex.name}\x1f{lex.kind}\x1f{lex.digest}\n".encode())
        self.key = h.hexdigest()[:20]
        path = cache_dir() / f"terms-{self.key}.pickle"
        cached = _load(path) if use_cache else None
        entries = [(lex, e) for lex in lexicons for e in lex.entries]
        if cached is not None and len(cached[0]) == len(entries):
            folded, exact = cached
        else:
            no_repeats = replace(settings, repeats=False)
            folded = [fold_term(e.term, settings) for _, e in entries]
            exact = [fold_term(e.term, no_repeats) if settings.repeats else ft for (_, e), ft in zip(entries, folded)]
            if use_cache and entries:
                payload = (folded, exact)
                atomic_write(path, lambda fh: pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL))
        self.slots: list[Slot] = []
        by_term: dict[str, list[int]] = {}
        for (lex, e), ft, ex in zip(entries, folded, exact):
            if not ft:
                continue
            by_term.setdefault(ft, []).append(len(self.slots))
            self.slots.append(Slot(lex, e, ft, _is_ascii_word(ft), ex if ex != ft else None))
        # terms the repeat fold shortened (动动 → 动) can only match where the fold deleted something
        self._shortened = [s.exact is not None for s in self.slots]
        self._terms = list(by_term)
        self._payloads = [tuple(by_term[t]) for t in self._terms]
        self._ac = AhoCorasick(self._terms, matchkind=MatchKind.Standard) if self._terms else None

    def find(self, folded: Folded) -> list[Hit]:
        """All matches in folded coordinates, in order of their end (longest first at the same end)."""
        if self._ac is None:
            return []
        text = folded.text
        try:
            found = self._ac.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:
            found = self._ac.find_matches_as_indexes(_LONE_SURROGATE.sub("\ufffd", text), overlapping=True)
        if not found:
            return []
        found.sort(key=_by_end_longest_first)
        payloads = self._payloads
        shortened = self._shortened
        hits: list[Hit] = []
        append = hits.append
        for term, cs, ce in found:
            for idx in payloads[term]:
                if shortened[idx] and not folded.deletes_in(cs, ce):
                    continue  # e.g. a plain 动 for the term 动动: not a candidate at all
                append(Hit(idx, cs, ce))
        return hits


def _by_end_longest_first(match: tuple[int, int, int]) -> tuple[int, int]:
    return match[2], match[1]
