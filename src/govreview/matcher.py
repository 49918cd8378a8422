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

_CACHE_FORMAT = "3"


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
    """(automaton, folded terms, exact terms) from the cache, or None; a torn or foreign file is never trusted."""
    try:
        with open(path, "rb") as fh:
            value = pickle.load(fh)
        if isinstance(value, tuple) and len(value) == 3 and isinstance(value[0], ahocorasick.Automaton):
            return value
    except Exception:
        pass
    return None


def _insertion_order(terms) -> list[str]:
    """Terms ordered so that, at every trie node, the child shared by the most terms comes first.

    pyahocorasick searches a node's children linearly in insertion order; a byte prefix that many
    terms share is also the one most often on the path while scanning, so putting it first
    shortens the searches (~6 % of the automaton pass, measured; matches are identical).
    """
    shared: dict[bytes, int] = {}
    encoded = {t: t.encode("utf-8") for t in terms}
    for b in encoded.values():
        for k in range(1, len(b) + 1):
            shared[b[:k]] = shared.get(b[:k], 0) + 1
    return sorted(terms, key=lambda t: [-shared[encoded[t][:k]] for k in range(1, len(encoded[t]) + 1)])


class Matcher:
    """Compiled automaton over every lexicon; thread-safe for concurrent ``find`` calls."""

    def __init__(self, lexicons: list[Lexicon], settings: FoldSettings, *, use_cache: bool = True):
        self.settings = settings
        lexicons = [lx for lx in lexicons if lx.kind != "cues"]  # cues are checked in a window (context.py)
        # the cache key comes from the lexicons' content hashes, so a warm start skips folding every term
        h = hashlib.sha256(f"{_CACHE_FORMAT}|{ahocorasick.__name__}|{settings.key()}".encode())
        for lex in lexicons:
            h.update(f"{lex.name}\x1f{lex.kind}\x1f{lex.digest}\n".encode())
        self.key = h.hexdigest()[:20]
        path = cache_dir() / f"automaton-{self.key}.pickle"
        cached = _load(path) if use_cache else None
        entries = [(lex, e) for lex in lexicons for e in lex.entries]
        if cached is not None and len(cached[1]) == len(entries):
            automaton, folded, exact = cached
        else:
            no_repeats = replace(settings, repeats=False)
            folded = [fold_term(e.term, settings) for _, e in entries]
            exact = [fold_term(e.term, no_repeats) if settings.repeats else ft for (_, e), ft in zip(entries, folded)]
            automaton = None
        self.slots: list[Slot] = []
        by_term: dict[str, list[int]] = {}
        for (lex, e), ft, ex in zip(entries, folded, exact):
            if not ft:
                continue
            by_term.setdefault(ft, []).append(len(self.slots))
            self.slots.append(Slot(lex, e, ft, _is_ascii_word(ft), ex if ex != ft else None))
        self._flen = [len(s.folded) for s in self.slots]
        # terms the repeat fold shortened (动动 → 动) can only match where the fold deleted something
        self._shortened = [s.exact is not None for s in self.slots]
        if automaton is None:
            automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
            for ft in _insertion_order(by_term):
                automaton.add_word(ft.encode("utf-8").decode("latin-1"), tuple(by_term[ft]))
            automaton.make_automaton()
            if use_cache and by_term:
                payload = (automaton, folded, exact)
                atomic_write(path, lambda fh: pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL))
        self.automaton = automaton

    def find(self, folded: Folded) -> list[Hit]:
        """All matches in folded coordinates, in order of their end."""
        if not self.slots:
            return []
        text = folded.text
        data = text.encode("utf-8", "surrogatepass")
        flen = self._flen
        hits: list[Hit] = []
        append = hits.append
        if len(data) == len(text):  # ASCII: byte offsets are code-point offsets
            shortened = self._shortened
            for end_b, payload in self.automaton.iter(text):
                ce = end_b + 1
                for idx in payload:
                    cs = ce - flen[idx]
                    if shortened[idx] and not folded.deletes_in(cs, ce):
                        continue
                    append(Hit(idx, cs, ce))
            return hits
        ends: list[int] = []
        payloads: list[tuple[int, ...]] = []
        for end_b, payload in self.automaton.iter(data.decode("latin-1")):
            ends.append(end_b)
            payloads.append(payload)
        if not ends:
            return hits
        if len(ends) <= 64:
            # few matches (the usual case): decode the bytes between consecutive match ends
            char_ends = []
            last_b = last_c = 0
            for end_b in ends:
                nb = end_b + 1
                if nb != last_b:
                    last_c += len(data[last_b:nb].decode("utf-8", "surrogatepass"))
                    last_b = nb
                char_ends.append(last_c)
        else:
            # code-point end of each match = number of UTF-8 lead bytes up to and including its last byte
            lead = (np.frombuffer(data, dtype=np.uint8) & 0xC0) != 0x80
            char_ends = np.cumsum(lead, dtype=np.int64)[np.asarray(ends)].tolist()
        shortened = self._shortened
        for ce, payload in zip(char_ends, payloads):
            for idx in payload:
                cs = ce - flen[idx]
                if shortened[idx] and not folded.deletes_in(cs, ce):
                    continue  # e.g. a plain 动 for the term 动动: not a candidate at all
                append(Hit(idx, cs, ce))
        return hits
