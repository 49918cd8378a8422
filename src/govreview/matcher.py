"""The one place that talks to pyahocorasick.

All lexicons (terms, allow-lists, context cues, gazetteers) compile into **one**
automaton whose payloads are indices into a flat entry table, so one pass over
the folded text finds everything every detector needs.

Speed: the automaton is fed the UTF-8 bytes of the folded text decoded as
latin-1. pyahocorasick searches a node's children linearly, and CJK text has
thousands of distinct first characters at the root; over bytes the fan-out is
at most 256 and the CJK lead bytes are few, which measured 3–5× faster with
identical matches. UTF-8 is self-synchronising, so every match of a whole
encoded term starts and ends on a character boundary and byte offsets map back
to code points by decoding the bytes between consecutive matches.

We use ``iter`` (all matches), not ``iter_long``: leftmost-longest drops
overlapping matches that detectors need (第三十八条 with 第三十九条/三十八年/十八).

The compiled automaton is pickled under the cache directory, keyed by the
lexicons' content hash and the fold settings, so start-up stays fast.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, replace
import ahocorasick
import numpy as np

from .cache import atomic_write, cache_dir
from .lexicons import Entry, Lexicon
from .normalize import Folded, FoldSettings, fold_term

_CACHE_FORMAT = "1"


@dataclass(frozen=True, slots=True)
class Slot:
    """One entry of the flat table: which lexicon/entry, and the folded term."""

    lexicon: Lexicon
    entry: Entry
    folded: str
    ascii_word: bool
    exact: str | None = None  # set when the repeat fold shortened the term (谢谢 → 谢): the match must show the repeats


@dataclass(frozen=True, slots=True)
class Hit:
    """A raw match in folded coordinates."""

    slot: int
    start: int
    end: int


def _is_ascii_word(s: str) -> bool:
    return s.isascii() and any(c.isalnum() for c in s)


class Matcher:
    """Compiled automaton over every lexicon; thread-safe for concurrent ``find`` calls."""

    def __init__(self, lexicons: list[Lexicon], settings: FoldSettings, *, use_cache: bool = True):
        self.settings = settings
        self.slots: list[Slot] = []
        by_term: dict[str, list[int]] = {}
        no_repeats = replace(settings, repeats=False)
        for lex in lexicons:
            if lex.kind == "cues":  # checked in a window around term hits (context.py), not matched everywhere
                continue
            for e in lex.entries:
                ft = fold_term(e.term, settings)
                if not ft:
                    continue
                exact = fold_term(e.term, no_repeats) if settings.repeats else ft
                by_term.setdefault(ft, []).append(len(self.slots))
                self.slots.append(Slot(lex, e, ft, _is_ascii_word(ft), exact if exact != ft else None))
        self._flen = [len(s.folded) for s in self.slots]
        h = hashlib.sha256(f"{_CACHE_FORMAT}|{ahocorasick.__name__}|{settings.key()}".encode())
        for ft, idxs in sorted(by_term.items()):
            h.update(f"{ft}\x1f{','.join(map(str, idxs))}\n".encode())
        self.key = h.hexdigest()[:20]
        self.automaton = self._load_or_build(by_term, use_cache)

    def _load_or_build(self, by_term: dict[str, list[int]], use_cache: bool) -> ahocorasick.Automaton:
        path = cache_dir() / f"automaton-{self.key}.pickle"
        if use_cache and path.is_file():
            try:
                with open(path, "rb") as fh:
                    return pickle.load(fh)
            except Exception:  # a torn or foreign cache file is rebuilt, never trusted
                pass
        a = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
        for ft, idxs in by_term.items():
            a.add_word(ft.encode("utf-8").decode("latin-1"), tuple(idxs))
        a.make_automaton()
        if use_cache and by_term:
            atomic_write(path, lambda fh: pickle.dump(a, fh, protocol=pickle.HIGHEST_PROTOCOL))
        return a

    def find(self, folded: Folded) -> list[Hit]:
        """All matches in folded coordinates, in order of their end."""
        if not self.slots:
            return []
        text = folded.text
        data = text.encode("utf-8")
        flen = self._flen
        hits: list[Hit] = []
        append = hits.append
        if len(data) == len(text):  # ASCII: byte offsets are code-point offsets
            for end_b, payload in self.automaton.iter(text):
                ce = end_b + 1
                for idx in payload:
                    append(Hit(idx, ce - flen[idx], ce))
            return hits
        ends: list[int] = []
        payloads: list[tuple[int, ...]] = []
        for end_b, payload in self.automaton.iter(data.decode("latin-1")):
            ends.append(end_b)
            payloads.append(payload)
        if not ends:
            return hits
        # code-point end of each match = number of UTF-8 lead bytes up to and including its last byte
        lead = (np.frombuffer(data, dtype=np.uint8) & 0xC0) != 0x80
        char_ends = np.cumsum(lead, dtype=np.int64)[np.asarray(ends)].tolist()
        for ce, payload in zip(char_ends, payloads):
            for idx in payload:
                append(Hit(idx, ce - flen[idx], ce))
        return hits
