"""Lexicon files: load, validate, and identify by content hash.

A lexicon is data, not code (as in Bandit's blacklists): a TSV file with a
``# key: value`` header (name, version, source, category, rule, severity, kind)
and one entry per row, or a plain-text list with one term per line (the form
in which organisations receive their issued term lists). The format is
documented in ``docs/lexicons.md``.

Loading is strict: every problem is reported with file and line, and a broken
lexicon raises :class:`LexiconError` instead of being skipped — a user must
never believe a check is active when it is not.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .lazyre import lazy_re
from .model import Category, Severity

KINDS = ("terms", "allow", "data", "cues", "table")
ENTRY_COLUMNS = (
    "id", "term", "category", "severity", "rule", "suggestion", "near", "not_near",
    "window", "before", "after", "applies_to", "note", "message",
)


@dataclass(frozen=True)
class LexiconIssue:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class LexiconError(ValueError):
    """One or more lexicon files are invalid; ``issues`` says where and why."""

    def __init__(self, issues: list[LexiconIssue]):
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


@dataclass(frozen=True)
class Entry:
    id: str
    term: str
    category: Category
    severity: Severity
    rule: str
    suggestion: str | None = None
    near: tuple[str, ...] = ()
    not_near: tuple[str, ...] = ()
    window: int = 8
    before: regex.Pattern[str] | None = None
    after: regex.Pattern[str] | None = None
    applies_to: tuple[str, ...] = ()
    note: str | None = None
    message: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Lexicon:
    """A named, versioned list of entries; see docs/lexicons.md."""

    name: str
    entries: tuple[Entry, ...]
    kind: str = "terms"
    version: str = "0"
    source: str = ""
    license: str = ""
    description: str = ""
    negation: bool = True
    path: str | None = None
    header: dict[str, str] = field(default_factory=dict)

    @functools.cached_property
    def digest(self) -> str:
        h = hashlib.sha256()
        h.update(f"{self.name}\x1f{self.kind}\x1f{self.version}\x1f{self.negation}\n".encode())
        for e in self.entries:
            h.update(
                "\x1f".join(
                    str(x)
                    for x in (
                        e.id, e.term, e.category.value, e.severity.value, e.rule, e.suggestion, e.near,
                        e.not_near, e.window, e.before and e.before.pattern, e.after and e.after.pattern,
                        e.applies_to, e.message,
                    )
                ).encode()
            )
            h.update(b"\n")
        return h.hexdigest()[:16]

    @classmethod
    def from_terms(
        cls,
        terms: Iterable[str],
        *,
        category: str | Category = "sensitive",
        severity: str | Severity = "medium",
        name: str | None = None,
        rule: str | None = None,
        kind: str = "terms",
    ) -> Lexicon:
        """An in-memory lexicon, e.g. an organisation's issued list or a benchmark's terms."""
        cat = Category(category)
        sev = Severity(severity)
        terms = [t.strip() for t in terms if t and t.strip()]
        name = name or "memory-" + hashlib.sha256("\n".join(terms).encode()).hexdigest()[:8]
        rule = rule or f"{cat.value}.term"
        entries = tuple(
            Entry(id=f"{name}:{i + 1}", term=t, category=cat, severity=sev, rule=rule, line=i + 1)
            for i, t in enumerate(terms)
        )
        return cls(name=name, entries=entries, kind=kind, version="memory")

    @classmethod
    def load(
        cls,
        path: str | Path,
        *,
        category: str | None = None,
        severity: str | None = None,
        rule: str | None = None,
    ) -> Lexicon:
        """Load a ``.tsv`` lexicon or a plain ``.txt`` term list; raise LexiconError on any problem."""
        path = Path(path)
        try:
            raw = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise LexiconError([LexiconIssue(str(path), 0, f"not UTF-8: {exc}")]) from None
        except OSError as exc:
            raise LexiconError([LexiconIssue(str(path), 0, f"cannot read: {exc.strerror or exc}")]) from None
        return parse_lexicon(raw, str(path), tabular=path.suffix.lower() == ".tsv",
                             defaults={k: v for k, v in (("category", category), ("severity", severity), ("rule", rule)) if v})


_RULE_ID = lazy_re(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")


def _split_words(cell: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in cell.split("|") if w.strip())


def parse_lexicon(raw: str, path: str, *, tabular: bool, defaults: dict[str, str] | None = None) -> Lexicon:
    issues: list[LexiconIssue] = []
    header: dict[str, str] = {}
    columns: list[str] | None = None if tabular else ["term"]
    rows: list[tuple[int, list[str]]] = []
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith("#"):
            body = line[1:].strip()
            key, sep, value = body.partition(":")
            key = key.strip().lower()
            if sep and not rows and key and " " not in key:  # header lines come before the entries
                header[key] = value.strip()
            continue
        if columns is None:
            columns = [c.strip().lower() for c in line.split("\t")]
            if header.get("kind") == "table":  # tables (fold data, regions) have their own columns
                continue
            unknown = [c for c in columns if c not in ENTRY_COLUMNS]
            if unknown:
                issues.append(LexiconIssue(path, lineno, f"unknown column(s): {', '.join(unknown)}"))
            if "term" not in columns:
                issues.append(LexiconIssue(path, lineno, "the column header must include 'term'"))
            continue
        rows.append((lineno, line.split("\t") if tabular else [line.strip()]))
    for k, v in (defaults or {}).items():
        header.setdefault(k, v)

    name = header.get("name") or Path(path).stem
    kind = header.get("kind", "terms")
    if kind not in KINDS:
        issues.append(LexiconIssue(path, 1, f"kind must be one of {', '.join(KINDS)}, not {kind!r}"))
    if kind == "table":
        if issues:
            raise LexiconError(issues)
        return Lexicon(name=name, entries=(), kind=kind, version=header.get("version", "0"),
                       source=header.get("source", ""), path=path, header=header)

    def parse_enum(enum_cls, value: str, lineno: int, what: str):
        try:
            return enum_cls._value2member_map_[value.strip()]  # the Enum's own lookup, without its call overhead
        except KeyError:
            allowed = ", ".join(m.value for m in enum_cls)
            issues.append(LexiconIssue(path, lineno, f"{what} must be one of {allowed}, not {value!r}"))
            return None

    default_cat = header.get("category", "sensitive")
    default_sev = header.get("severity", "medium")
    default_rule = header.get("rule")
    entries: list[Entry] = []
    seen_ids: set[str] = set()
    valid_rules: set[str] = set()
    for lineno, cells in rows:
        assert columns is not None
        if len(cells) > len(columns):
            issues.append(LexiconIssue(path, lineno, f"{len(cells)} fields but {len(columns)} columns"))
            continue
        rec = {c: (cells[i].strip() if i < len(cells) else "") for i, c in enumerate(columns)}
        term = rec.get("term", "")
        if not term:
            issues.append(LexiconIssue(path, lineno, "empty term"))
            continue
        cat = parse_enum(Category, rec.get("category") or default_cat, lineno, "category")
        sev = parse_enum(Severity, rec.get("severity") or default_sev, lineno, "severity")
        if cat is None or sev is None:
            continue
        rule = rec.get("rule") or default_rule or f"{cat.value}.term"
        if rule not in valid_rules and not _RULE_ID.fullmatch(rule):
            issues.append(LexiconIssue(path, lineno, f"rule id must be dotted lower-case like 'advertising.gambling', not {rule!r}"))
            continue
        valid_rules.add(rule)
        window = 8
        if rec.get("window"):
            try:
                window = int(rec["window"])
                if not 0 <= window <= 200:
                    raise ValueError
            except ValueError:
                issues.append(LexiconIssue(path, lineno, f"window must be an integer 0..200, not {rec['window']!r}"))
                continue
        pats = {}
        for col in ("before", "after"):
            if rec.get(col):
                try:
                    pats[col] = regex.compile(rec[col])
                except regex.error as exc:
                    issues.append(LexiconIssue(path, lineno, f"bad {col} regex {rec[col]!r}: {exc}"))
        if len(pats) < sum(1 for c in ("before", "after") if rec.get(c)):
            continue
        eid = rec.get("id") or f"{name}:{lineno}"
        if eid in seen_ids:
            issues.append(LexiconIssue(path, lineno, f"duplicate id {eid!r}"))
            continue
        seen_ids.add(eid)
        entries.append(
            Entry(
                id=eid, term=term, category=cat, severity=sev, rule=rule,
                suggestion=rec.get("suggestion") or None,
                near=_split_words(rec.get("near", "")), not_near=_split_words(rec.get("not_near", "")),
                window=window, before=pats.get("before"), after=pats.get("after"),
                applies_to=_split_words(rec.get("applies_to", "")), note=rec.get("note") or None,
                message=rec.get("message") or None, line=lineno,
            )
        )
    if issues:
        raise LexiconError(issues)
    return Lexicon(
        name=name, entries=tuple(entries), kind=kind, version=header.get("version", "0"),
        source=header.get("source", ""), license=header.get("license", ""),
        description=header.get("description", ""),
        negation=header.get("negation", "true").lower() not in ("false", "no", "0", "off"),
        path=path, header=header,
    )


def builtin_dir() -> Path:
    """Where the shipped lexicons live: inside the wheel, or the repo's lexicons/ in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "_lexicons"
    if packaged.is_dir():
        return packaged
    return here.parents[1] / "lexicons"


@functools.lru_cache(maxsize=1)
def builtin_lexicons() -> tuple[Lexicon, ...]:
    """Every top-level ``lexicons/*.tsv`` that is not a table (fold data, regions are tables)."""
    out = []
    for p in sorted(builtin_dir().glob("*.tsv")):
        lex = Lexicon.load(p)
        if lex.kind != "table":
            out.append(lex)
    return tuple(out)


def combined_version(lexicons: Iterable[Lexicon]) -> str:
    h = hashlib.sha256()
    for lex in sorted(lexicons, key=lambda x: x.name):
        h.update(f"{lex.name}@{lex.version}:{lex.digest}\n".encode())
    return h.hexdigest()[:16]
