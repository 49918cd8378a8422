"""Folding text for matching, with an exact map back to the caller's offsets.

Spam is written to defeat literal matching (澳*门*博*彩, 百家樂, ＢＥＴ, 博博彩彩), so
all matching runs on a *folded* copy of the text. Two kinds of fold exist:

* **substitutions** (width, case, traditional→simplified) replace one code point
  by exactly one code point, so they are applied with one ``str.translate``;
* **deletions** (noise between characters, deliberate repeats) drop code points.

Because no fold ever inserts or splits a code point, the folded text is a
subsequence of the original and the map back is monotonic. It is stored as a
run table: one entry per kept segment (folded start, original start), not a
per-character list, so a clean document costs two list entries.

Every fold applied to text is applied to lexicon terms by the same function, so
a term matches its folded occurrence exactly; :meth:`Folded.folds_in` recovers
which folds a particular match needed, for the finding's explanation.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

FOLD_NAMES = ("width", "case", "t2s", "noise", "repeats")

# Characters a spammer puts between the characters of a term. Sentence and
# clause punctuation (，。；：！？、brackets) is *not* noise: it is a barrier, so
# terms never match across clauses. Line breaks are whitespace (hard-wrapped
# text), bounded by max_gap.
NOISE_PUNCT = "\t\r\n\v\f._-*/\\|~`'\"#@&%+=^·•・‧﹡"
# plus the invisible fillers that Unicode files as letters (Lo), though they are default-ignorable and
# draw nothing: the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) pass for blanks between characters
NOISE_PUNCT += "\u115f\u1160\u3164\uffa0"
NOISE_CATEGORIES = ("Zs", "Zl", "Zp", "Sm", "Sc", "Sk", "So", "Cf", "Mn", "Me")


def is_noise(ch: str) -> bool:
    """Noise per Python's own Unicode database (the ``regex`` module's may be newer and disagree)."""
    return bool(_class_tables()[0][ord(ch)])


def strip_noise(s: str) -> str:
    noise = _class_tables()[0]
    if len(s) > 32:  # a paragraph (report words are read in one): one gather, not a Python loop (7 µs vs 29 at 100)
        a = np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        drop = noise.take(a)
        return a[~drop].tobytes().decode("utf-32-le", "surrogatepass") if drop.any() else s
    return "".join(c for c in s if not noise[ord(c)])


@dataclass(frozen=True)
class FoldSettings:
    """Which folds run. Part of the config digest and the automaton cache key."""

    width: bool = True
    case: bool = True
    t2s: bool = True
    noise: bool = True
    repeats: bool = True
    max_gap: int = 3

    def key(self) -> str:
        return f"w{int(self.width)}c{int(self.case)}t{int(self.t2s)}n{int(self.noise)}r{int(self.repeats)}g{self.max_gap}"


def _lexicon_path(name: str) -> Path:
    from .lexicons import builtin_dir

    return builtin_dir() / name


def _read_pairs(name: str) -> dict[int, int]:
    """The one-code-point → one-code-point pairs of a ``kind: table`` fold file (first two columns)."""
    table: dict[int, int] = {}
    with open(_lexicon_path(name), encoding="utf-8") as fh:
        header = True
        for line in fh:
            if line.startswith("#"):
                continue
            if header:  # the column names
                header = False
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and len(parts[0]) == 1 and len(parts[1]) == 1:
                table[ord(parts[0])] = ord(parts[1])
    return table


@functools.lru_cache(maxsize=1)
def t2s_table() -> dict[int, int]:
    """Character-level traditional→simplified pairs built from OpenCC (tools/build_t2s.py)."""
    return _read_pairs("fold_t2s.tsv")


@functools.lru_cache(maxsize=1)
def variant_table() -> dict[int, int]:
    """Japanese-only character forms → simplified (楽 → 乐, 娯 → 娱; tools/build_fold_variants.py).

    Part of the t2s fold, but not of :func:`t2s_table`: they are not traditional characters, and
    quality.mixed_script must not call them so."""
    t2s = t2s_table()
    return {k: v for k, v in _read_pairs("fold_variants.tsv").items() if k not in t2s}


@functools.lru_cache(maxsize=1)
def t2s_fold_table() -> dict[int, int]:
    """What the t2s fold substitutes: the traditional pairs and the Japanese forms."""
    return {**variant_table(), **t2s_table()}


@functools.lru_cache(maxsize=1)
def confusable_table() -> dict[int, int]:
    """Cyrillic and Greek letters drawn like a Latin letter → that letter (Unicode confusables;
    tools/build_confusables.py): bеt365 with a Cyrillic е, ВЕТ365, хрj. Part of the width fold."""
    return _read_pairs("fold_confusables.tsv")


_FOLD_FILES = ("fold_t2s.tsv", "fold_variants.tsv", "fold_confusables.tsv")


def _fold_files_stamp() -> str:
    """Size and mtime of every fold data file: a cache built from older files must not be used."""
    parts = []
    for name in _FOLD_FILES:
        st = _lexicon_path(name).stat()
        parts.append(f"{st.st_size}|{int(st.st_mtime)}")
    return "|".join(parts)


# What the 1:1 substitution folds are built from besides the t2s file: bump it when width_table() or
# case_table() change, so that no cache (gather tables, folded lexicon terms) keeps the old fold.
FOLD_TABLES_VERSION = "3"

# Compatibility forms that NFKC maps to a single code point: full-width ASCII, circled letters and
# digits, mathematical alphanumerics (𝐛𝐞𝐭), Kangxi radicals (⾨ for 門: spam, and text extracted from
# PDFs, write them for the ideographs they look like), CJK compatibility ideographs (canonical
# singletons: NFC itself maps them) and the squared/enclosed letters of the supplement (🄱).
_COMPAT_RANGES = (
    (0xFF01, 0xFF5E), (0x2460, 0x24FF), (0x1D400, 0x1D7FF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF),
    (0x2F800, 0x2FA1F), (0x1F100, 0x1F1FF),
)
# Latin letters with diacritics, folded to the letter (bét → bet): the noise fold deletes the combining
# marks of the decomposed form (NFD), so the precomposed form (NFC) must fold the same way
_ACCENTED_RANGES = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))


@functools.lru_cache(maxsize=1)
def width_table() -> dict[int, int]:
    """Compatibility forms and accented Latin letters, each to the one code point it stands for."""
    table: dict[int, int] = {0x3000: 0x20}
    for lo, hi in _COMPAT_RANGES:
        for cp in range(lo, hi + 1):
            nf = unicodedata.normalize("NFKC", chr(cp))
            if len(nf) == 1 and nf != chr(cp) and (cp < 0x1F100 or nf.isascii() and nf.isalnum()):
                table[cp] = ord(nf)
    for lo, hi in _ACCENTED_RANGES:
        for cp in range(lo, hi + 1):
            nfd = unicodedata.normalize("NFD", chr(cp))
            if (len(nfd) > 1 and nfd[0].isascii() and nfd[0].isalpha()
                    and all(unicodedata.category(m) == "Mn" for m in nfd[1:])):
                table[cp] = ord(nfd[0])
    # the CJK radicals drawn exactly as a simplified character (⻔ 门, ⻋ 车, ⻢ 马) have no decomposition:
    # "C-SIMPLIFIED X" is the simplified form of the ideograph that Kangxi radical X stands for
    t2s = t2s_table()
    for cp in range(0x2E80, 0x2EFF + 1):
        name = unicodedata.name(chr(cp), "")
        if name.startswith("CJK RADICAL C-SIMPLIFIED "):
            try:
                kangxi = unicodedata.lookup("KANGXI RADICAL " + name.removeprefix("CJK RADICAL C-SIMPLIFIED "))
            except KeyError:
                continue
            trad = unicodedata.normalize("NFKC", kangxi)
            simp = t2s.get(ord(trad)) if len(trad) == 1 else None
            if simp is not None:
                table[cp] = simp
    for cp, latin in confusable_table().items():  # Cyrillic/Greek look-alikes of Latin letters (ВЕТ365 → BET365)
        table.setdefault(cp, latin)
    return table


@functools.lru_cache(maxsize=1)
def case_table() -> dict[int, int]:
    table: dict[int, int] = {}
    for cp in range(0x10000):
        c = chr(cp)
        low = c.lower()
        if low != c and len(low) == 1:
            table[cp] = ord(low)
    return table


@functools.lru_cache(maxsize=16)
def substitution_table(width: bool, case: bool, t2s: bool) -> dict[int, int]:
    """One translate table for all 1:1 folds (for short strings); read off the cached gather table."""
    lut = _substitution_lut(width, case, t2s)
    if lut is None:
        return {}
    changed = np.flatnonzero(lut != np.arange(_LUT_SIZE, dtype=np.uint32))
    return dict(zip(changed.tolist(), lut[changed].tolist()))


def _build_substitution_table(width: bool, case: bool, t2s: bool) -> dict[int, int]:
    """One translate table for all 1:1 folds, composed in order width → case → t2s."""
    table: dict[int, int] = {}
    w = width_table() if width else {}
    c = case_table() if case else {}
    t = t2s_fold_table() if t2s else {}
    for cp in set(w) | set(c) | set(t):
        out = w.get(cp, cp)
        out = c.get(out, out)
        out = t.get(out, out)
        if out != cp:
            table[cp] = out
    return table


class Folded:
    """A folded copy of ``original`` and the run table mapping it back."""

    __slots__ = ("original", "text", "_seg_f", "_seg_o", "settings", "_codes")

    def __init__(self, original: str, text: str, seg_f: list[int], seg_o: list[int], settings: FoldSettings,
                 codes: np.ndarray | None = None):
        self.original = original
        self.text = text
        self._seg_f = seg_f
        self._seg_o = seg_o
        self.settings = settings
        self._codes = codes

    @property
    def codes(self) -> np.ndarray:
        """The original's code points as uint32 (from the fold, or computed once): detectors test
        "does the text contain any character of set S" as one gather, ``table[codes].any()``."""
        if self._codes is None:
            self._codes = np.frombuffer(self.original.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        return self._codes

    @property
    def runs(self) -> int:
        return len(self._seg_f)

    def orig_index(self, i: int) -> int:
        """Original index of folded code point ``i`` (0 <= i < len(text))."""
        k = bisect_right(self._seg_f, i) - 1
        return self._seg_o[k] + (i - self._seg_f[k])

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty half-open folded span to the original span covering it."""
        if end <= start:
            o = self.orig_index(start) if start < len(self.text) else len(self.original)
            return o, o
        seg_f, seg_o = self._seg_f, self._seg_o
        k = bisect_right(seg_f, start) - 1
        os_ = seg_o[k] + (start - seg_f[k])
        k = bisect_right(seg_f, end - 1, k) - 1  # the end is in this segment or a later one
        oe = seg_o[k] + (end - seg_f[k])
        # repeats can only have been deleted right after the span if a segment ends there
        if self.settings.repeats and (k + 1 < len(seg_f) and seg_f[k + 1] == end or end == len(self.text)):
            oe = self._extend_repeats(oe, end)
        return os_, oe

    def _extend_repeats(self, oe: int, end: int) -> int:
        """Include deleted repeats of the last matched character (博彩彩 → the whole run)."""
        nxt = self.orig_index(end) if end < len(self.text) else len(self.original)
        if nxt <= oe:
            return oe
        sub = substitution_table(self.settings.width, self.settings.case, self.settings.t2s)
        last = self.original[oe - 1].translate(sub)
        best = oe
        for i in range(oe, nxt):
            ch = self.original[i].translate(sub)
            if ch == last:
                best = i + 1
            elif not is_noise(ch):
                break
        return best

    def term_span(self, start: int, end: int, term: str) -> tuple[int, int]:
        """The original span of a match of ``term`` (folded, repeats kept) at folded [start, end).

        :meth:`to_original` takes in every deleted repeat of the last character (博彩彩彩 → the whole run:
        obfuscation). When the run goes on into a word, the extra copies belong to that word (时时彩彩票,
        百家乐乐园: 彩票, 乐园), so the span keeps only as many copies as the term itself ends with.
        Likewise at the start: a term that begins where a word's repeat run began (时时彩彩票平台: the fold
        kept the first 彩, 时时彩's) starts at its own copies, 彩票平台.
        Unless the match is obfuscated inside too — a repeated character or a separator (澳澳门门博博彩彩官网,
        点击进入真真★人😀百|家*乐): then the copies at its edges are the same obfuscation, covered whole.
        """
        os_, oe = self.to_original(start, end)
        if oe - os_ <= end - start:
            return os_, oe
        sub = substitution_table(self.settings.width, self.settings.case, self.settings.t2s)
        if self._obfuscated_inside(os_, oe, term, sub):
            return os_, oe
        if os_ > 0 and self.original[os_ - 1].isalnum():
            os_ = self._own_leading_copies(os_, oe, term, sub)
        if oe >= len(self.original) or not self.original[oe].isalnum():
            return os_, oe
        last = term[-1]
        wanted = len(term) - len(term.rstrip(last))
        copies: list[int] = []  # positions of the last character's copies in the span's trailing run, last first
        i = oe
        while i > os_:
            ch = self.original[i - 1].translate(sub)
            if ch == last:
                copies.append(i - 1)
            elif not is_noise(ch):
                break
            i -= 1
        if len(copies) <= wanted:
            return os_, oe
        return os_, copies[len(copies) - wanted] + 1

    def _obfuscated_inside(self, os_: int, oe: int, term: str, sub: dict[int, int]) -> bool:
        """Whether original [os_, oe), the runs of the term's first and last characters at its edges set
        aside, repeats a character (more characters than the term has between them) or holds a separator
        other than whitespace (a line break or a space is how text wraps, ★ and U+200B are not)."""
        span = self.original[os_:oe].translate(sub)
        first, last = term[0], term[-1]
        lo = i = 0  # just after the leading run's last copy (separators between its copies set aside)
        while i < len(span) and (span[i] == first or is_noise(span[i])):
            i += 1
            if span[i - 1] == first:
                lo = i
        hi = i = len(span)  # at the trailing run's first copy
        while i > lo and (span[i - 1] == last or is_noise(span[i - 1])):
            i -= 1
            if span[i] == last:
                hi = i
        middle = span[lo:hi]
        if not self.settings.noise:
            return len(middle) > len(term.lstrip(first).rstrip(last))
        bare = strip_noise(middle)
        return len(bare) > len(term.lstrip(first).rstrip(last)) or any(
            not c.isspace() for c in middle if is_noise(c))

    def _own_leading_copies(self, os_: int, oe: int, term: str, sub: dict[int, int]) -> int:
        """Skip the leading run's copies of the term's first character that the term does not start with."""
        first = term[0]
        wanted = len(term) - len(term.lstrip(first))
        copies: list[int] = []
        for i in range(os_, oe):
            ch = self.original[i].translate(sub)
            if ch == first:
                copies.append(i)
            elif not is_noise(ch):
                break
        return copies[len(copies) - wanted] if len(copies) > wanted else os_

    def folded_index(self, o: int) -> int:
        """Smallest folded index whose original index is >= o (for context windows)."""
        k = bisect_right(self._seg_o, o) - 1
        if k < 0:
            return 0
        seg_len = (self._seg_f[k + 1] if k + 1 < len(self._seg_f) else len(self.text)) - self._seg_f[k]
        off = o - self._seg_o[k]
        if off < seg_len:
            return self._seg_f[k] + off
        return self._seg_f[k] + seg_len

    def deletes_in(self, start: int, end: int) -> bool:
        """Whether the fold deleted anything after folded index ``start`` up to and including just after
        ``end - 1`` — a cheap necessary condition for a match that needed the noise or repeat fold."""
        k = bisect_right(self._seg_f, start)
        if k < len(self._seg_f) and self._seg_f[k] <= end:
            return True
        if end >= len(self.text):  # deleted characters at the very end of the text
            return self.orig_index(len(self.text) - 1) + 1 < len(self.original) if self.text else bool(self.original)
        return False

    def folds_in(self, start: int, end: int) -> list[str]:
        """Which folds were needed for the original span [start, end) to match."""
        return folds_needed(self.original[start:end], self.settings)


def folds_needed(span: str, settings: FoldSettings) -> list[str]:
    """Which folds the original ``span`` needed to match (for the finding's explanation)."""
    used: list[str] = []
    if settings.width and not span.isascii() and any(ord(ch) in width_table() for ch in span):
        used.append("width")
    if settings.case and any(ord(ch) in case_table() for ch in span):
        used.append("case")
    if settings.t2s and not span.isascii() and any(ord(ch) in t2s_fold_table() for ch in span):
        used.append("t2s")
    if settings.noise:
        sub = span.translate(substitution_table(settings.width, settings.case, settings.t2s))
        if strip_noise(sub) != sub:
            used.append("noise")
    if settings.repeats and fold_small(span, settings) != fold_small(span, replace(settings, repeats=False)):
        used.append("repeats")
    return used


_LUT_SIZE = 0x110000  # every code point: tables are gathers, no range checks on the hot path


def fold_data_stamp() -> str:
    """What folded text depends on besides the settings: the Unicode database, the t2s table file and the
    noise classes. A cache of folded strings (the matcher's folded terms) must be keyed by it, or an
    upgrade that adds a t2s pair would keep old terms folded the old way while documents fold the new way."""
    return (f"{unicodedata.unidata_version}|{_fold_files_stamp()}|{NOISE_PUNCT}|{NOISE_CATEGORIES}"
            f"|{FOLD_TABLES_VERSION}")


def _cached_arrays(name: str, key: str, build) -> dict[str, np.ndarray]:
    """Arrays from the on-disk cache, or built and saved there (see govreview.cache)."""
    from .cache import atomic_write, cache_dir

    digest = hashlib.sha256(f"2|{unicodedata.unidata_version}|{key}".encode()).hexdigest()[:16]
    path = cache_dir() / f"{name}-{digest}.npz"
    try:
        with np.load(path) as z:
            arrays = {k: z[k] for k in z.files}
        if arrays and all(v.shape == (_LUT_SIZE,) for v in arrays.values()):
            return arrays
    except Exception:  # missing, torn (BadZipFile, EOFError, zlib.error) or foreign: rebuild, never fail
        pass
    arrays = build()
    atomic_write(path, lambda fh: np.savez(fh, **arrays))
    return arrays


@functools.lru_cache(maxsize=1)
def _class_tables() -> tuple[np.ndarray, np.ndarray]:
    """Boolean tables over all code points: noise (deleted between characters) and collapsible (repeat fold).

    Reading 1.1M Unicode categories costs ~0.5 s, so the tables are cached on disk
    (keyed by the Unicode database version and the noise list) to keep cold start fast.
    """
    z = _cached_arrays("fold-classes", f"{NOISE_PUNCT}|{NOISE_CATEGORIES}", _build_class_tables)
    return z["noise"], z["collapsible"]


def _build_class_tables() -> dict[str, np.ndarray]:
    noise = np.zeros(_LUT_SIZE, dtype=bool)
    collapsible = np.zeros(_LUT_SIZE, dtype=bool)
    cat = unicodedata.category
    for cp in range(_LUT_SIZE):  # ~0.5 s once; cached on disk
        c = cat(chr(cp))
        if c in NOISE_CATEGORIES:
            noise[cp] = True
        elif c[0] == "L" or c in ("Nl", "No"):
            collapsible[cp] = True
    for ch in NOISE_PUNCT:
        noise[ord(ch)] = True
        collapsible[ord(ch)] = False
    return {"noise": noise, "collapsible": collapsible}


@functools.lru_cache(maxsize=16)
def _substitution_lut(width: bool, case: bool, t2s: bool) -> np.ndarray | None:
    """The 1:1 folds as one gather table over all code points (cached on disk: building it reads 65k case maps)."""
    if not (width or case or t2s):
        return None
    stamp = f"{width}{case}{t2s}|{_fold_files_stamp()}|{FOLD_TABLES_VERSION}"

    def build() -> dict[str, np.ndarray]:
        table = _build_substitution_table(width, case, t2s)
        lut = np.arange(_LUT_SIZE, dtype=np.uint32)
        if table:
            lut[np.fromiter(table.keys(), dtype=np.int64)] = np.fromiter(table.values(), dtype=np.uint32)
        return {"lut": lut}

    return _cached_arrays("fold-lut", stamp, build)["lut"]


def char_table(chars) -> np.ndarray:
    """A boolean table over all code points, True for ``chars`` (for ``table[folded.codes].any()``)."""
    table = np.zeros(_LUT_SIZE, dtype=bool)
    cps = [c if isinstance(c, int) else ord(c) for c in chars]
    if cps:
        table[np.asarray(cps, dtype=np.int64)] = True
    return table


def _text(codes: np.ndarray) -> str:
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


@functools.lru_cache(maxsize=16)
def _fold_tables(width: bool, case: bool, t2s: bool) -> tuple[np.ndarray | None, np.ndarray]:
    """(substitution gather table or None, class table): each code point's class is read off its
    *substituted* character (＊ is noise only once folded); bit 0 noise, bit 1 collapsible.
    Cached on disk with the other tables (deriving it costs ~50 ms, a tenth of the cold-start budget)."""
    lut = _substitution_lut(width, case, t2s)
    stamp = (f"{width}{case}{t2s}|{_fold_files_stamp()}"
             f"|{NOISE_PUNCT}|{NOISE_CATEGORIES}|{FOLD_TABLES_VERSION}")

    def build() -> dict[str, np.ndarray]:
        noise, coll = _class_tables()
        sub = lut if lut is not None else np.arange(_LUT_SIZE, dtype=np.uint32)
        return {"cls": noise.take(sub).astype(np.uint8) | (coll.take(sub).astype(np.uint8) << 1)}

    return lut, _cached_arrays("fold-classes-substituted", stamp, build)["cls"]


def _keep_barriers(nz: np.ndarray, keep: np.ndarray, max_gap: int) -> None:
    """Mark the first character of every noise run longer than ``max_gap`` as kept (a barrier)."""
    edge = np.empty(len(nz) + 1, dtype=bool)
    edge[0] = nz[0]
    edge[-1] = nz[-1]
    np.not_equal(nz[1:], nz[:-1], out=edge[1:-1])
    bounds = np.flatnonzero(edge)
    starts, ends = bounds[0::2], bounds[1::2]
    long_runs = starts[(ends - starts) > max_gap]
    if len(long_runs):
        keep[long_runs] = True


def fold(text: str, settings: FoldSettings = FoldSettings()) -> Folded:
    """Fold ``text`` for matching; see the module docstring.

    Vectorised with numpy over the code points (UTF-32): substitutions are one
    gather, the character classes another (``take``: half the cost of fancy
    indexing), noise runs and repeats are boolean masks, and the run table
    falls out of the kept indices. On pages of a few KB numpy's fixed cost per
    call dominates, so the number of calls is what this function keeps low (a
    version walking the sparse noise positions in Python measured 2× slower).
    ``tests/reference_fold.py`` holds the plain-regex definition that property
    tests compare against.
    """
    if not text:
        return Folded(text, text, [0], [0], settings)
    a = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lut, cls_tab = _fold_tables(settings.width, settings.case, settings.t2s)
    t = lut.take(a) if lut is not None else a
    if not (settings.noise or settings.repeats):
        return Folded(text, _text(t) if lut is not None else text, [0], [0], settings, a)
    cls = cls_tab.take(a)
    keep = None
    if settings.noise:
        nz = (cls & 1).view(np.bool_)
        if nz.any():
            keep = ~nz
            # runs of noise longer than max_gap keep their first character as a barrier; most
            # documents have none, which max_gap + 1 shifted ANDs tell more cheaply than the run bounds
            g, n = settings.max_gap, len(nz)
            if n > g:
                long_run = nz[: n - g].copy()
                for k in range(1, g + 1):
                    long_run &= nz[k : n - g + k]
                if long_run.any():
                    _keep_barriers(nz, keep, g)
    if keep is None:
        if not settings.repeats:
            return Folded(text, _text(t) if lut is not None else text, [0], [0], settings, a)
        keep = np.ones(len(t), dtype=bool)  # no noise (rare in real text): only repeats can go
    idx = np.flatnonzero(keep)
    v = t.take(idx)  # the kept characters: repeats are collapsed among them, then they are the folded text
    if settings.repeats and len(v) > 1:
        dup = (v[1:] == v[:-1]) & (cls.take(idx[1:]) >> 1).view(np.bool_)
        if dup.any():
            sel = np.empty(len(v), dtype=bool)
            sel[0] = True
            np.logical_not(dup, out=sel[1:])
            idx = idx[sel]
            v = v[sel]
    if len(idx) == len(t):
        return Folded(text, _text(t) if lut is not None else text, [0], [0], settings, a)
    if len(idx) == 0:
        return Folded(text, "", [0], [len(text)], settings, a)
    brk = np.flatnonzero(np.diff(idx) != 1) + 1
    seg_f = np.concatenate((np.zeros(1, dtype=brk.dtype), brk))
    return Folded(text, _text(v), seg_f.tolist(), idx.take(seg_f).tolist(), settings, a)


_SMALL = 64  # characters: above this numpy's fold is the cheaper (19 µs against 29 µs at 100, 27 against 283 at 1,000)


def fold_small(text: str, settings: FoldSettings = FoldSettings()) -> str:
    """``fold(text).text`` without the map, in plain Python: cheaper than numpy for short strings
    (terms, matched spans for fingerprints). Longer ones — paragraphs a detector reads for report words —
    go to :func:`fold`. tests/test_normalize.py checks both agree."""
    if len(text) > _SMALL:
        return fold(text, settings).text
    sub = substitution_table(settings.width, settings.case, settings.t2s)
    t = text.translate(sub) if sub else text
    if not (settings.noise or settings.repeats):
        return t
    noise_tab, coll_tab = _class_tables()
    chars = list(t)
    if settings.noise:
        kept: list[str] = []
        i, n = 0, len(chars)
        while i < n:
            if noise_tab[ord(chars[i])]:
                j = i
                while j < n and noise_tab[ord(chars[j])]:
                    j += 1
                if j - i > settings.max_gap:
                    kept.append(chars[i])
                i = j
            else:
                kept.append(chars[i])
                i += 1
        chars = kept
    if settings.repeats:
        out: list[str] = []
        for c in chars:
            if out and out[-1] == c and coll_tab[ord(c)]:
                continue
            out.append(c)
        chars = out
    return "".join(chars)


def fold_term(term: str, settings: FoldSettings = FoldSettings()) -> str:
    """Fold a lexicon term exactly as text is folded (noise at the edges dropped)."""
    folded = fold_small(term.strip(), settings)
    return strip_noise(folded) if settings.noise else folded


# --- the detectors' view: the 1:1 folds that keep every offset --------------------------------------
# Pattern detectors (PII, markings, 文号, addresses…) match regular expressions whose words are written in
# simplified characters (身份证号, 手机, 住址, 号) and whose values are ASCII (邮箱, 护照号 E12345678). A
# document in traditional script (身份證號, 手機, 號 — reposts, 港澳台 material, Big5 files) or typed
# in full-width forms (Ｅ１２３４５６７８, ｚｈａｎｇ＠１６３．ｃｏｍ) must read the same to them, so they
# read the view through this fold: traditional → simplified (the t2s table) and full-width digits,
# letters and ＠．－＿ → ASCII. Both replace one code point by one code point, so the folded view has the
# view's length and every offset into it is an offset into the view. Only these: full-width punctuation
# stays (patterns are written with ，：（ and tell them from , : (), and circled digits, Kangxi radicals
# or case would turn ① into 1 or change what a pattern distinguishes.


@functools.lru_cache(maxsize=4)
def _match_lut(width: bool, t2s: bool) -> np.ndarray | None:
    """The detectors' 1:1 folds as one gather table, built in memory (~7 ms: faster than loading the
    4 MB array from the disk cache as the fold's own table is)."""
    if not (width or t2s):
        return None
    lut = np.arange(_LUT_SIZE, dtype=np.uint32)
    if t2s:
        table = t2s_table()
        lut[np.fromiter(table.keys(), dtype=np.int64)] = np.fromiter(table.values(), dtype=np.uint32)
    if width:  # ０-９, Ａ-Ｚ, ａ-ｚ and the characters of a mail address ＠ ． － ＿ (not the clause
        # punctuation: patterns tell ， from , and （ from ( apart)
        for lo, hi in ((0xFF10, 0xFF19), (0xFF20, 0xFF3A), (0xFF41, 0xFF5A), (0xFF0D, 0xFF0E), (0xFF3F, 0xFF3F)):
            lut[lo:hi + 1] = np.arange(lo - 0xFEE0, hi + 1 - 0xFEE0, dtype=np.uint32)
    return lut


def match_view(text: str, settings: FoldSettings = FoldSettings(), codes: np.ndarray | None = None) -> str:
    """``text`` with traditional characters in simplified form and full-width digits and letters in ASCII (as the
    ``t2s`` and ``width`` settings allow), of the same length: the text pattern detectors match on.
    ``codes`` are the text's code points if the caller has them (``Folded.codes``)."""
    lut = _match_lut(settings.width, settings.t2s)
    if lut is None or not text:
        return text
    if codes is None:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    t = lut.take(codes)
    changed = t != codes
    if not changed.any():
        return text
    return _text(t)
