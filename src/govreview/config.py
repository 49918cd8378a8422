"""ReviewConfig: what runs, how severe it is, what is allowed, and how text is folded.

Loaded from ``govreview.toml`` or a dict; immutable, and hashed into
``config_digest`` so a report says exactly which configuration produced it.
No global settings object exists: a Reviewer is built from a config, and
tests build their own (detect-secrets' cached singleton taught us that).
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .model import Category, Severity
from .normalize import FoldSettings


class FoldConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    width: bool = True
    case: bool = True
    t2s: bool = True
    noise: bool = True
    repeats: bool = True
    max_gap: int = Field(default=3, ge=0, le=20)

    def settings(self) -> FoldSettings:
        return FoldSettings(**self.model_dump())


class VerdictConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    block: Severity = Severity.high
    review: Severity = Severity.medium


class AllowConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    terms: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


class LexiconSource(BaseModel):
    """A user lexicon file; plain .txt lists take category/severity/rule from here."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    path: str
    category: Category | None = None
    severity: Severity | None = None
    rule: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _path_alone(cls, value: Any) -> Any:
        # lexicons = ["issued/2026.txt"] as well as [[lexicons]] tables (the [server] table's list is written so)
        return {"path": value} if isinstance(value, str) else value


class ReviewConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    enable: tuple[str, ...] = Field(default=(), description="if set, only these rules (or rule prefixes) run")
    disable: tuple[str, ...] = Field(default=(), description="rules or rule prefixes to turn off, e.g. 'quality' or 'pii.email'")
    disable_categories: tuple[Category, ...] = ()
    severity: dict[str, Severity] = Field(default_factory=dict, description="rule id → severity override")
    allow: AllowConfig = AllowConfig()
    fold: FoldConfig = FoldConfig()
    verdict: VerdictConfig = VerdictConfig()
    lexicons: tuple[LexiconSource, ...] = ()
    disable_builtin_lexicons: tuple[str, ...] = ()
    options: dict[str, dict[str, Any]] = Field(default_factory=dict, description="per-detector options, by detector name")

    @classmethod
    def from_file(cls, path: str | Path) -> ReviewConfig:
        path = Path(path)
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        base = path.parent
        # a top-level [server] table belongs to `govreview serve` (govreview.service.settings), not to the review
        review_data = data["govreview"] if "govreview" in data else {k: v for k, v in data.items() if k != "server"}
        cfg = cls.model_validate(review_data)
        # relative lexicon paths are relative to the config file
        fixed = tuple(
            src.model_copy(update={"path": str((base / src.path).resolve())}) if not Path(src.path).is_absolute() else src
            for src in cfg.lexicons
        )
        update: dict[str, Any] = {"lexicons": fixed}
        # so are the linkage check's working-day calendar files (a service's working directory is often /)
        linkage = cfg.options.get("linkage")
        if isinstance(linkage, dict) and isinstance(linkage.get("calendar_files"), list | tuple):
            files = [str((base / f).resolve()) if isinstance(f, str) and not Path(f).is_absolute() else f
                     for f in linkage["calendar_files"]]
            update["options"] = {**cfg.options, "linkage": {**linkage, "calendar_files": files}}
        return cfg.model_copy(update=update)

    def digest(self) -> str:
        blob = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]

    def rule_enabled(self, rule: str, category: Category) -> bool:
        if category in self.disable_categories:
            return False

        def covers(prefixes: tuple[str, ...]) -> bool:
            return any(rule == p or rule.startswith(p + ".") or p == category.value for p in prefixes)

        if self.enable and not covers(self.enable):
            return False
        return not covers(self.disable)

    def unknown_rules(self, rule_ids) -> list[str]:
        """``enable``/``disable``/``severity`` entries that name no rule, prefix or category of ``rule_ids``:
        a typo there (pii.phne) would silently change nothing."""
        ids = list(rule_ids)
        out = [f"enable: {p}" for p in self.enable if not prefix_known(p, ids)]
        out += [f"disable: {p}" for p in self.disable if not prefix_known(p, ids)]
        out += [f"severity: {r}" for r in self.severity if r not in ids]
        return out

    def severity_for(self, rule: str, default: Severity) -> Severity:
        return self.severity.get(rule, default)


def describe_config_errors(exc: ValidationError) -> list[str]:
    """``where: problem`` per error in the words of the TOML file (``lexicons[1].severity``), without
    pydantic's links and type tags."""
    out = []
    for err in exc.errors(include_url=False):
        where = ""
        for part in err.get("loc", ()):
            if isinstance(part, int):
                where += f"[{part + 1}]"  # the n-th [[lexicons]] table, counted from 1 as a person counts
            elif part not in ("LexiconSource", "function-before[_path_alone(), LexiconSource]"):
                where += ("." if where else "") + str(part)
        msg = str(err.get("msg", "invalid"))
        if err.get("type") == "extra_forbidden":
            msg = "未知设置 unknown setting"
        elif err.get("type") == "enum" and "input" in err:
            msg += f", not {err['input']!r}"
        out.append(f"{where or 'config'}: {msg}")
    return out


def prefix_known(prefix: str, rule_ids) -> bool:
    """Whether ``prefix`` is a category, a rule id or a dotted prefix of one (as ``rule_enabled`` reads it)."""
    return prefix in {c.value for c in Category} or any(r == prefix or r.startswith(prefix + ".") for r in rule_ids)
