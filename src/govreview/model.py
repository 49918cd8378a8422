"""The report contract (``govreview.report/v1``): frozen pydantic types.

Every consumer — CMS plugins, the CLI, the HTTP service, batch pipelines —
reads this one shape, so it is versioned and documented in
``docs/report-format.md``; ``docs/report.schema.json`` is generated from
``Report.model_json_schema()``. Add optional fields only; never rename.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticSerializationError

from .jsonsafe import dumps

SCHEMA_ID = "govreview.report/v1"


class Severity(enum.StrEnum):
    """Ordered severities: info < low < medium < high."""

    info = "info"
    low = "low"
    medium = "medium"
    high = "high"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def __ge__(self, other: object) -> bool:  # type: ignore[override]
        if isinstance(other, Severity):
            return self.rank >= other.rank
        return NotImplemented

    def __gt__(self, other: object) -> bool:  # type: ignore[override]
        if isinstance(other, Severity):
            return self.rank > other.rank
        return NotImplemented

    def __le__(self, other: object) -> bool:  # type: ignore[override]
        if isinstance(other, Severity):
            return self.rank <= other.rank
        return NotImplemented

    def __lt__(self, other: object) -> bool:  # type: ignore[override]
        if isinstance(other, Severity):
            return self.rank < other.rank
        return NotImplemented


_SEVERITY_RANK = {Severity.info: 0, Severity.low: 1, Severity.medium: 2, Severity.high: 3}


class Category(enum.StrEnum):
    """Exactly one per finding; these are the families reviewers triage by."""

    sensitive = "sensitive"
    secrecy = "secrecy"
    pii = "pii"
    advertising = "advertising"
    link = "link"
    linkage = "linkage"
    quality = "quality"


class Verdict(enum.StrEnum):
    pass_ = "pass"
    review = "review"
    block = "block"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class ContextEffect(_Frozen):
    """A context word near a match that changed its score or severity."""

    word: str
    effect: str = Field(description="e.g. 'raise', 'lower', 'suppress', 'require'")
    delta: float = 0.0


class Explanation(_Frozen):
    """Why a finding fired: what matched, which folds were needed, which context changed the score."""

    detector: str
    lexicon: str | None = None
    entry_id: str | None = None
    term: str | None = None
    pattern: str | None = None
    folds: list[str] = Field(default_factory=list, description="normalisation folds needed to find the match")
    context: list[ContextEffect] = Field(default_factory=list)
    validation: str | None = Field(default=None, description="checksum/date/region checks that passed")
    details: dict[str, Any] = Field(default_factory=dict)


class Location(_Frozen):
    """Where inside a container the finding's text came from (archive member, sheet/cell, page...)."""

    path: str | None = None
    member: str | None = None
    sheet: str | None = None
    cell: str | None = None
    page: int | None = None
    paragraph: int | None = None
    part: str | None = None
    hidden: Literal["sheet", "row", "column", "revision", "vanish", "comment", "metadata"] | None = Field(
        default=None, description="the text is in the file but not in the body readers of it see: the sheet, row or column holding "
                                  "the cell is hidden, (revision) it was deleted under track changes and is still stored, "
                                  "(vanish) it is formatted as hidden text, (comment) it is a comment, note or annotation, "
                                  "or (metadata) it is a document property (title, subject, keywords, author…)")


class Finding(_Frozen):
    rule: str
    category: Category
    severity: Severity
    start: int | None = Field(description="half-open code-point offset into the caller's input; null for document-level findings")
    end: int | None
    text: str
    message: str
    confidence: float = Field(ge=0.0, le=1.0)
    explanation: Explanation
    fingerprint: str
    suggestion: str | None = None
    location: Location | None = None
    related: list[str] = Field(default_factory=list, description="ids of related documents (linkage)")


class DocumentInfo(_Frozen):
    id: str
    source: str | None = None
    title: str | None = None
    url: str | None = None
    published_at: date | datetime | None = None
    encoding: str | None = None
    content_type: Literal["text", "html"] = "text"


class ReviewError(_Frozen):
    """A problem that did not stop the review (a detector raised, a file could not be decoded...)."""

    kind: str = Field(description="e.g. 'detector', 'decode', 'read', 'archive', 'unsupported'")
    message: str
    detector: str | None = None
    rule: str | None = None
    location: Location | None = None


class Report(_Frozen):
    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    document: DocumentInfo
    verdict: Verdict
    findings: list[Finding]
    errors: list[ReviewError] = Field(default_factory=list)
    lexicon_version: str
    config_digest: str

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    @classmethod
    def from_json(cls, data: str | bytes) -> Report:
        """Parse :meth:`to_json` output. pydantic-core's parser refuses the ``\\ud800`` escape of a lone
        surrogate (see jsonsafe); the standard library's accepts it, so it reads those few reports."""
        try:
            return cls.model_validate_json(data)
        except ValueError:
            return cls.model_validate(json.loads(data))

    def to_json(self, **kw: Any) -> str:
        try:
            return self.model_dump_json(by_alias=True, **kw)
        except PydanticSerializationError:  # a lone surrogate in the input (see jsonsafe): escaped, not lost
            indent = kw.pop("indent", None)
            return dumps(self.model_dump(mode="json", by_alias=True, **kw), indent=indent,
                         separators=(",", ": ") if indent is not None else (",", ":"))

    def max_severity(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None, key=lambda s: s.rank)


_CMS_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                       r"(?:[\sT]*(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*分?(?:\s*[:：]?\s*(\d{1,2})(?:\.\d+)?\s*秒?)?)?", re.ASCII)


class Document(BaseModel):
    """Input to a review: text or HTML plus optional metadata."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = "-"
    text: str | None = None
    html: str | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None
    published_at: date | datetime | None = None
    kind: str | None = None
    encoding: str | None = None
    input_errors: tuple[str, ...] = Field(default=(), description="problems met while reading the input (e.g. replaced bytes); reported in Report.errors as kind 'decode'")
    input_problems: tuple[tuple[str, str], ...] = Field(
        default=(), description="(kind, message) of other problems met while reading the input, reported in Report.errors "
                                "with that kind: 'parse' for malformed structure (a date of an export record, a malformed CSV, a broken "
                                "part of a document), 'limit' for a part over a size limit")

    @field_validator("published_at", mode="before")
    @classmethod
    def _cms_date(cls, v: Any) -> Any:
        """Dates as Chinese CMS exports write them: 2025-9-26, 2025/09/26 10:00:00, 2025年09月26日, 2025.09.26;
        an empty string is no date. Anything else goes to pydantic's own parsing."""
        if not isinstance(v, str):
            return v
        if not v.strip():
            return None
        m = _CMS_DATE.fullmatch(v.strip())
        if m is None:
            return v
        y, mo, d, hh, mi, ss = m.groups()
        try:
            if hh is None:
                return date(int(y), int(mo), int(d))
            return datetime(int(y), int(mo), int(d), int(hh), int(mi), int(ss or 0))
        except ValueError:
            return v  # 2025-02-30: pydantic says what is wrong

    @property
    def content(self) -> str:
        return self.html if self.html is not None else (self.text or "")

    @property
    def is_html(self) -> bool:
        return self.html is not None

    def info(self) -> DocumentInfo:
        # every value was validated when this Document was built: no second validation per review
        return trusted(
            DocumentInfo,
            id=self.id,
            source=self.source,
            title=self.title,
            url=self.url,
            published_at=self.published_at,
            encoding=self.encoding,
            content_type="html" if self.is_html else "text",
        )


_FIELD_NAMES: dict[type, frozenset[str]] = {}
_new = object.__new__
_set = object.__setattr__


def trusted(cls, **values: Any):
    """Build a frozen model from values that are already typed, skipping validation.

    The engine creates thousands of findings per second in bulk scans; pydantic's
    ``model_construct`` costs tens of microseconds per object. Every field must be
    given (no defaults are filled in) — ``tests/test_model.py`` checks that a
    trusted object equals a validated one.
    """
    fields = _FIELD_NAMES.get(cls)
    if fields is None:  # ``cls.model_fields`` costs ~10 µs per access in pydantic ≥ 2.10: read it once
        fields = _FIELD_NAMES[cls] = frozenset(cls.model_fields)
    if values.keys() != fields:
        raise TypeError(f"{cls.__name__}: fields missing {sorted(fields - values.keys())}, "
                        f"unknown {sorted(values.keys() - fields)}")
    obj = _new(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", set(fields))  # a set: model_copy(update=…) adds to it
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


TITLE_PART = "title"


def is_title(f: Finding) -> bool:
    """A finding in the document's title field: its offsets index ``document.title``, not the body."""
    return f.location is not None and f.location.part == TITLE_PART


def fingerprint(rule: str, normalized_match: str, document_id: str) -> str:
    """Position-independent id of a finding: survives edits that move the text."""
    h = hashlib.sha256(f"{rule}\x1f{normalized_match}\x1f{document_id}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:24]
