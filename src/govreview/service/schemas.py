"""Request and response bodies of the HTTP API (the OpenAPI contract in docs/openapi.json).

Reports are the library's ``govreview.report/v1`` (``Report.to_dict()``),
unchanged, so a CMS plugin, the CLI's JSON and the library read one shape.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from ..model import Category, Finding, Report


def _at_most(limit: int) -> Any:
    """``str`` of at most ``limit`` code points, checked in Python.

    Not ``Field(max_length=…)``: pydantic-core checks that constraint on a Rust string and so rejects a
    lone UTF-16 surrogate (``string_unicode``) — a CMS field cut inside an emoji by a Java ``substring``.
    Metadata is accepted like ``text``/``html`` (docs/report-format.md), with the same error for a
    value that is too long and the same ``maxLength`` in the OpenAPI schema.
    """
    def check(value: str) -> str:
        if len(value) > limit:
            raise PydanticCustomError("string_too_long", "String should have at most {max_length} characters",
                                      {"max_length": limit})
        return value

    return Annotated[str, AfterValidator(check), WithJsonSchema({"type": "string", "maxLength": limit})]


Id = _at_most(512)
Title = _at_most(4096)
Url = _at_most(8192)


class Selection(BaseModel):
    """Which rules to report, narrowing the server's configuration (it can never enable a rule the server disabled)."""

    model_config = ConfigDict(extra="forbid")

    rules: list[str] | None = Field(default=None, min_length=1, max_length=200,
                                    description="only these rule ids or dotted prefixes (e.g. 'pii', 'secrecy.marking')")
    categories: list[Category] | None = Field(default=None, min_length=1, max_length=20, description="only these categories")
    exclude: list[str] = Field(default_factory=list, max_length=200, description="rule ids, prefixes or categories to leave out")

    @property
    def empty(self) -> bool:
        return self.rules is None and self.categories is None and not self.exclude


class _OneBody(BaseModel):
    """Exactly one of ``text`` or ``html``; ``content`` is the one given (no fields of its own)."""

    @model_validator(mode="after")
    def _one_body(self):
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self

    @property
    def content(self) -> str:
        return self.html if self.html is not None else (self.text or "")


class ReviewRequest(Selection, _OneBody):
    """One document: exactly one of ``text`` or ``html`` (offsets in the report index into that string)."""

    text: str | None = Field(default=None, description="plain text; offsets are code points into it")
    html: str | None = Field(default=None, description="HTML source; offsets are code points into the source, tags included")
    id: Id | None = Field(default=None, description="the CMS's id for the document; appears in the report")
    title: Title | None = None
    url: Url | None = None
    published_at: date | datetime | None = None
    redact: bool = Field(default=False, description="also return a redacted copy of the text (personal data masked)")


class BatchItem(_OneBody):
    """A document in a batch. The selection (rules, categories, exclude) is the batch's; a batch has no ``redact``: use /v1/redact per document."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = None
    html: str | None = None
    id: Id | None = None
    title: Title | None = None
    url: Url | None = None
    published_at: date | datetime | None = None


class BatchRequest(Selection):
    documents: list[BatchItem] = Field(min_length=1, description="at most the server's max_batch (default 100)")


class RedactRequest(BaseModel):
    """Exactly one of ``text`` or ``html``; for HTML only text characters inside the masked spans change."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(default=None, description="plain text to redact")
    html: str | None = Field(default=None, description="HTML source to redact; tags and entities are kept")
    id: Id | None = None

    @model_validator(mode="after")
    def _one_body(self) -> RedactRequest:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self

    @property
    def content(self) -> str:
        return self.html if self.html is not None else (self.text or "")


class RedactResponse(BaseModel):
    text: str = Field(description="the input with personal data masked; everything else unchanged")
    findings: list[Finding] = Field(description="what was masked, with offsets into the input")


class Redaction(BaseModel):
    text: str
    count: int


class ReviewResponse(Report):
    """The ``govreview.report/v1`` report; ``redaction`` only when the request asked for ``redact: true``."""

    redaction: Redaction | None = None


class BatchResponse(BaseModel):
    reports: list[Report] = Field(description="one report per document, in request order; an item that could not be "
                                              "reviewed is a report with verdict 'review' and an entry in 'errors'")


class RuleInfo(BaseModel):
    rule: str
    category: Category
    severity: str
    description: str
    enabled: bool


class LexiconInfo(BaseModel):
    name: str
    kind: str = Field(description="terms, allow or data")
    version: str
    entries: int
    rules: list[str] = Field(description="the rules its terms report (terms lists)")
    builtin: bool = Field(description="shipped with govreview (false: a list the server was configured with)")


class RulesResponse(BaseModel):
    lexicon_version: str
    config_digest: str
    rules: list[RuleInfo]
    lexicons: list[LexiconInfo] = Field(default_factory=list, description="the lists loaded, with their versions "
                                        "(file paths are not shown)")


class ErrorBody(BaseModel):
    code: str = Field(description="stable machine-readable code, e.g. 'body_too_large', 'malformed_json'")
    message: str
    details: list[dict[str, Any]] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    error: ErrorBody


class Health(BaseModel):
    status: str


class Ready(BaseModel):
    status: str = Field(description="'ready' or 'starting' / 'failed'")
    generation: int | None = None
    processes: int | None = Field(default=None, description="worker processes (0: reviews run in threads)")
    workers_alive: int | None = Field(default=None, description="worker processes still running (a dead one leaves "
                                      "the rotation; none left is a 503 until a reload starts new ones)")
    lexicon_version: str | None = None
    config_digest: str | None = None
    errors: list[str] = Field(default_factory=list)


class ReloadResponse(BaseModel):
    status: str
    generation: int
    lexicon_version: str
    config_digest: str
    rules: int
    build_seconds: float
    restart_required: list[str] = Field(
        default_factory=list,
        description="[server] settings changed in the config file since the service started; a reload does not "
                    "apply them (listen address, limits, tokens, the server's own lexicon list): restart to apply")
