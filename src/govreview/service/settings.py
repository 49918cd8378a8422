"""Service settings: defaults < ``[server]`` in govreview.toml < ``GOVREVIEW_*`` environment < command-line flags.

Why not pydantic-settings: the review configuration and the server settings
share one ``govreview.toml`` (``[server]`` next to the review keys), flags come
from click, and the precedence fits in one function — a dependency would add
more configuration surface than it removes.

Tokens are read from the environment or the file, never from flags (a flag is
visible to every user of the machine in ``ps``).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

ENV_PREFIX = "GOVREVIEW_"
_SECRET_WORDS = ("token", "secret", "password", "passwd", "key", "credential")


class SettingsError(ValueError):
    """Invalid server settings; the message names each field and problem and never quotes a value."""


def describe_errors(exc: ValidationError) -> list[str]:
    """``field: problem`` per error, without the input (pydantic's own message quotes ``input_value``,
    which for a token is the secret itself)."""
    out = []
    for err in exc.errors(include_input=False, include_url=False):
        field = ".".join(str(p) for p in err.get("loc", ())) or "settings"
        msg = str(err.get("msg", "invalid"))
        if any(w in field.lower() for w in _SECRET_WORDS) and err.get("type") == "string_type":
            msg += " (write the token as a quoted string)"
        out.append(f"{field}: {msg}")
    return out


def _default_threads() -> int:
    return max(1, os.cpu_count() or 1)


class ServiceSettings(BaseModel):
    """Everything ``govreview serve`` needs; immutable once the app is built."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=0, le=65535)
    config: str | None = Field(default=None, description="govreview.toml with the review configuration; reread on reload")
    lexicons: tuple[str, ...] = Field(default=(), description="extra lexicon files; reread on reload")
    lexicon_category: str = "sensitive"
    lexicon_severity: str = "medium"
    max_body_bytes: int = Field(default=5 * 1024 * 1024, ge=1024, description="request body limit → 413")
    max_chars: int = Field(default=1_000_000, ge=1, description="per-document character limit → 422 (per item in a batch)")
    max_batch: int = Field(default=100, ge=1, description="documents per /v1/review/batch request")
    review_timeout: float = Field(default=10.0, gt=0, description="seconds one request may spend reviewing → 504")
    threads: int = Field(default_factory=_default_threads, ge=1, description="review thread pool size (default: CPU cores)")
    processes: int = Field(default=0, ge=0, le=64, description="0: review in threads of the server process; "
                           "N: in N worker processes (uses N cores; each holds a Reviewer)")
    max_pending: int = Field(default=256, ge=1, description="reviews queued or running before new ones get 503")
    api_token: SecretStr | None = Field(default=None, description="if set, every /v1 endpoint needs 'Authorization: Bearer <token>'")
    admin_token: SecretStr | None = Field(default=None, description="token for /v1/reload (falls back to api_token); reload is off without one")
    log_level: str = "info"

    @property
    def reload_token(self) -> SecretStr | None:
        return self.admin_token or self.api_token


_FIELDS = tuple(ServiceSettings.model_fields)


def _from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in _FIELDS:
        raw = environ.get(ENV_PREFIX + name.upper())
        if raw is None or raw == "":
            continue
        out[name] = tuple(p for p in raw.split(os.pathsep) if p) if name == "lexicons" else raw
    return out


def _from_toml(path: Path) -> dict[str, Any]:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    server = dict(data.get("server", {}))
    base = path.parent
    if "lexicons" in server:  # relative to the file, like the review config's lexicons
        server["lexicons"] = tuple(str(p if Path(p).is_absolute() else (base / p).resolve()) for p in server["lexicons"])
    return server


def load_settings(flags: Mapping[str, Any] | None = None, *, environ: Mapping[str, str] | None = None,
                  cwd: str | Path | None = None) -> ServiceSettings:
    """Merge the four sources; ``flags`` values of ``None`` (or empty tuples) mean "not given".

    The config file is ``flags['config']``, else ``$GOVREVIEW_CONFIG``, else
    ``./govreview.toml`` when it exists. Its ``[server]`` table supplies
    settings; the rest of it is the review configuration.
    """
    environ = os.environ if environ is None else environ
    flags = {k: v for k, v in (flags or {}).items() if v is not None and v != ()}
    env = _from_env(environ)
    config = flags.get("config") or env.get("config")
    if config is None:
        default = Path(cwd or ".") / "govreview.toml"
        config = str(default) if default.is_file() else None
    merged: dict[str, Any] = {}
    if config is not None:
        merged.update(_from_toml(Path(config)))
        merged["config"] = str(Path(config).resolve())
    merged.update(env)
    merged.update(flags)
    if config is not None:
        merged["config"] = str(Path(config).resolve())
    try:
        return ServiceSettings.model_validate(merged)
    except ValidationError as exc:
        raise SettingsError("; ".join(describe_errors(exc))) from None


def server_table(config: str | None) -> dict[str, Any]:
    """The config file's ``[server]`` table as the service started with it ({} without a file or table)."""
    if not config:
        return {}
    try:
        return _from_toml(Path(config))
    except (OSError, ValueError):
        return {}


def changed_server_settings(started: Mapping[str, Any], config: str | None) -> list[str]:
    """Names of ``[server]`` settings whose value in the file differs from the one the service started with.

    A reload rebuilds the reviewer from the review configuration and the lexicon files; the ``[server]``
    table (address, limits, tokens, the server's lexicon list) was merged with the environment and the
    flags at start-up and stays. Saying so beats a silent 200 that a changed setting did not get."""
    now = server_table(config)
    return sorted(k for k in set(started) | set(now) if started.get(k) != now.get(k))
