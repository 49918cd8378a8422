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

import codecs
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
        if self.line <= 0:  # the whole file (unreadable, wrong encoding before any line could be read)
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


_SHOWN_ISSUES = 20


class LexiconError(ValueError):
    """One or more lexicon files are invalid; ``issues`` says where and why."""

    def __init__(self, issues: list[LexiconIssue]):
        self.issues = issues
        shown = [str(i) for i in issues[:_SHOWN_ISSUES]]
        if len(issues) > _SHOWN_ISSUES:  # a 50 000-line list saved wrongly is one problem, not 50 000 lines of output
            shown.append(f"……还有 {len(issues) - _SHOWN_ISSUES} 处问题 and {len(issues) - _SHOWN_ISSUES} more problem(s)")
        super().__init__("\n".join(shown))


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
            raw = decode_lexicon(path.read_bytes(), str(path))
        except OSError as exc:
            raise LexiconError([LexiconIssue(str(path), 0, f"无法读取 cannot read: {exc.strerror or exc}")]) from None
        return parse_lexicon(raw, str(path), tabular=path.suffix.lower() == ".tsv",
                             defaults={k: v for k, v in (("category", category), ("severity", severity), ("rule", rule)) if v})


def decode_lexicon(data: bytes, path: str) -> str:
    """UTF-8 (with or without a BOM), or UTF-16 with its BOM (Excel's "Unicode 文本" export).

    Anything else is an error, not a guess: a list decoded in the wrong legacy encoding would load
    without complaint and never match. The message says which line the first bad byte is on and,
    when the bytes read as GBK/GB18030 (the usual case for issued lists), how to convert the file.
    """
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc)
            except UnicodeDecodeError as exc:
                raise LexiconError([LexiconIssue(path, 0, f"无法按 {enc} 解码 cannot decode as {enc} (it starts with "
                                                          f"the {enc} byte-order mark): {exc.reason} at byte {exc.start}")]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        try:
            data.decode("gb18030")
            hint = ("文件看起来是 GBK/GB18030 编码，请另存为 UTF-8（记事本或 WPS：另存为 → 编码选 UTF-8；"
                    "或 iconv -f GB18030 -t UTF-8） — the file looks like GBK/GB18030: save it as UTF-8")
        except UnicodeDecodeError:
            hint = "请另存为 UTF-8 — save it as UTF-8"
        raise LexiconError([LexiconIssue(path, line, f"不是 UTF-8 编码 not UTF-8; {hint}")]) from None


_WHAT_ZH = {"category": "类别", "severity": "严重程度"}
_SPACE_SEPARATED = lazy_re(r"\u3000|\s{2,}")


def _header_problem(line: str) -> str:
    shown = line if len(line) <= 60 else line[:60] + "…"
    if "\t" not in line and "term" in line.lower().split():
        return (f"列名之间要用制表符（Tab）分隔，不能用空格 — the column names must be separated by Tab characters, "
                f"not spaces: {shown!r}")
    if "\t" not in line:
        return (f"第一个非 # 行应是列名行，如 id<Tab>term<Tab>severity，而这里是 {shown!r}；只有一列词语的词表请存为 .txt — "
                f"the first line that is not a # comment must be the column header naming a 'term' column "
                f"(e.g. id<TAB>term<TAB>severity), not {shown!r}; a plain list of terms, one per line, is a .txt file")
    return (f"列名行必须包含 term 列（列名用英文：id、term、severity…） — the column header must include 'term'; "
            f"found {shown!r}")


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
            if "term" not in columns:  # every row would fail too: one clear message instead of one per row
                issues.append(LexiconIssue(path, lineno, _header_problem(line)))
                raise LexiconError(issues)
            unknown = [c for c in columns if c not in ENTRY_COLUMNS]
            if unknown:
                issues.append(LexiconIssue(path, lineno, f"未知列名 unknown column(s): {', '.join(unknown)} "
                                                         f"(known: {', '.join(ENTRY_COLUMNS)})"))
            continue
        if not tabular and "\t" in line.strip():
            issues.append(LexiconIssue(
                path, lineno, "这一行含有制表符（Tab），看起来是表格（如 Excel 导出的“文本文件(制表符分隔)”）：纯文本词表每行只能有一个词；"
                              "表格请存为 .tsv 并以列名行开头（term、severity…） — this line contains a Tab: a .txt list holds one "
                              "term per line; a table (e.g. Excel's tab-delimited export) must be a .tsv file whose first line "
                              "names the columns (term, severity, …)"))
            continue
        rows.append((lineno, line.split("\t") if tabular else [line.strip()]))
    for k, v in (defaults or {}).items():
        header.setdefault(k, v)

    name = header.get("name") or Path(path).stem
    kind = header.get("kind", "terms")
    if kind not in KINDS:
        issues.append(LexiconIssue(path, 1, f"kind 无效 kind must be one of {', '.join(KINDS)}, not {kind!r}"))
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
            issues.append(LexiconIssue(path, lineno, f"{_WHAT_ZH[what]}无效 {what} must be one of {allowed}, not {value!r}"))
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
            issues.append(LexiconIssue(path, lineno, f"字段比列名多 {len(cells)} fields but {len(columns)} columns"))
            continue
        rec = {c: (cells[i].strip() if i < len(cells) else "") for i, c in enumerate(columns)}
        term = rec.get("term", "")
        if not term:
            issues.append(LexiconIssue(path, lineno, "词语为空 empty term"))
            continue
        if len(cells) < len(columns) and _SPACE_SEPARATED.search(cells[-1].strip()):
            # 词语　high: a full-width space or a run of spaces typed where a Tab belongs; loaded as one
            # term, it would never match and the check would silently do nothing
            issues.append(LexiconIssue(
                path, lineno, f"列之间要用制表符（Tab）分隔：这一行只有 {len(cells)} 列，{cells[-1].strip()!r} 里却有空格 — "
                              f"fields must be separated by Tab characters: this line has {len(cells)} of "
                              f"{len(columns)} fields and spaces inside {cells[-1].strip()!r}"))
            continue
        if not any(ch.isalnum() for ch in term):
            issues.append(LexiconIssue(path, lineno, f"词语 {term!r} 中没有文字或数字，不会匹配任何内容 — the term {term!r} "
                                                     f"has no letters or digits and would never match"))
            continue
        cat = parse_enum(Category, rec.get("category") or default_cat, lineno, "category")
        sev = parse_enum(Severity, rec.get("severity") or default_sev, lineno, "severity")
        if cat is None or sev is None:
            continue
        rule = rec.get("rule") or default_rule or f"{cat.value}.term"
        if rule not in valid_rules and not _RULE_ID.fullmatch(rule):
            issues.append(LexiconIssue(path, lineno, f"规则编号格式不对 rule id must be dotted lower-case like 'advertising.gambling', not {rule!r}"))
            continue
        valid_rules.add(rule)
        window = 8
        if rec.get("window"):
            try:
                window = int(rec["window"])
                if not 0 <= window <= 200:
                    raise ValueError
            except ValueError:
                issues.append(LexiconIssue(path, lineno, f"窗口无效 window must be an integer 0..200, not {rec['window']!r}"))
                continue
        pats = {}
        for col in ("before", "after"):
            if rec.get(col):
                try:
                    pats[col] = regex.compile(rec[col])
                except regex.error as exc:
                    issues.append(LexiconIssue(path, lineno, f"正则表达式有误 bad {col} regex {rec[col]!r}: {exc}"))
        if len(pats) < sum(1 for c in ("before", "after") if rec.get(c)):
            continue
        eid = rec.get("id") or f"{name}:{lineno}"
        if eid in seen_ids:
            issues.append(LexiconIssue(path, lineno, f"编号重复 duplicate id {eid!r}"))
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
    if not entries and not issues:
        issues.append(LexiconIssue(path, 0, "词表中没有词语 the lexicon has no terms (an empty list would check nothing)"))
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


def loaded_lists(lexicons: Iterable[Lexicon]) -> list[dict]:
    """What is loaded, for ``govreview rules`` and ``GET /v1/rules``: each list's name, kind, version, entry
    count, the rules its terms report, and whether it is a built-in one (an office checks there that its
    issued list is active and which version). Cue lists are detectors' internals and are left out."""
    home = builtin_dir()
    return [{"name": lex.name, "kind": lex.kind, "version": lex.version, "entries": len(lex.entries),
             "rules": sorted({e.rule for e in lex.entries}) if lex.kind == "terms" else [],
             "builtin": bool(lex.path) and Path(lex.path).parent == home, "path": lex.path}
            for lex in lexicons if lex.kind != "cues"]


def combined_version(lexicons: Iterable[Lexicon]) -> str:
    h = hashlib.sha256()
    for lex in sorted(lexicons, key=lambda x: x.name):
        h.update(f"{lex.name}@{lex.version}:{lex.digest}\n".encode())
    return h.hexdigest()[:16]
