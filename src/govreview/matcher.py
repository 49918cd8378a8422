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
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

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


@dataclass(frozen=True, slots=True)
class Hit:
    """A raw match in folded coordinates."""

    slot: int
    start: int
    end: int


def cache_dir() -> Path:
    env = os.environ.get("GOVREVIEW_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "govreview"


def _is_ascii_word(s: str) -> bool:
    return s.isascii() and any(c.isalnum() for c in s)


class Matcher:
    """Compiled automaton over every lexicon; thread-safe for concurrent ``find`` calls."""

    def __init__(self, lexicons: list[Lexicon], settings: FoldSettings, *, use_cache: bool = True):
        self.settings = settings
        self.slots: list[Slot] = []
        by_term: dict[str, list[int]] = {}
        for lex in lexicons:
            for e in lex.entries:
                ft = fold_term(e.term, settings)
                if not ft:
                    continue
                by_term.setdefault(ft, []).append(len(self.slots))
                self.slots.append(Slot(lex, e, ft, _is_ascii_word(ft)))
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
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".automaton-")
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump(a, fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, path)  # atomic: concurrent workers never see a partial file
            except OSError:
                pass  # a read-only home is fine: we just rebuild next time
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
        last_b = 0
        last_c = 0
        for end_b, payload in self.automaton.iter(data.decode("latin-1")):
            nb = end_b + 1
            if nb != last_b:
                last_c += len(data[last_b:nb].decode("utf-8"))
                last_b = nb
            for idx in payload:
                append(Hit(idx, last_c - flen[idx], last_c))
        return hits
