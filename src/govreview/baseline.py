"""Baselines: accept today's findings, report only new ones tomorrow.

An entry identifies a finding by ``Finding.fingerprint`` (rule + normalised
match + document id; no offsets, so edits that move text keep it
baselined — detect-secrets' lesson). The fingerprint is derived from the
matched text, which may be an ID number, and unsalted hashes of a small
keyspace (18-digit IDs with known structure) can be brute-forced; so the file
stores only ``sha256(salt + fingerprint)`` with a random per-file salt, never
the matched text. Counts are kept so a second copy of the same phone number in
the same document is still new.

The salt is in the file, so whoever holds the file can still try every phone number (10⁹) against
an entry. Setting ``GOVREVIEW_BASELINE_KEY`` (a secret kept outside the file, e.g. in the CI's
secret store) makes the entries ``HMAC-SHA256(key, salt + fingerprint)``: without the key the
file reveals nothing. A keyed file says so (``"keyed": true``) and cannot be read without the key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .config import ReviewConfig
from .model import Report

FORMAT = "govreview.baseline/v1"
KEY_ENV = "GOVREVIEW_BASELINE_KEY"


class BaselineError(ValueError):
    pass


def _h(salt: str, fingerprint: str, key: bytes | None = None) -> str:
    msg = f"{salt}\x1f{fingerprint}".encode()
    if key:
        return hmac.new(key, msg, hashlib.sha256).hexdigest()[:32]
    return hashlib.sha256(msg).hexdigest()[:32]


def _env_key() -> bytes | None:
    value = os.environ.get(KEY_ENV, "")
    return value.encode() if value else None


class Baseline:
    def __init__(self, salt: str, entries: Counter[str] | None = None, rules: dict[str, str] | None = None,
                 key: bytes | None = None):
        self.salt = salt
        self.entries: Counter[str] = entries or Counter()
        self.rules = rules or {}
        self.key = key

    @classmethod
    def new(cls) -> Baseline:
        """A fresh baseline, keyed when ``GOVREVIEW_BASELINE_KEY`` is set."""
        return cls(secrets.token_hex(16), key=_env_key())

    def copy(self) -> Baseline:
        """The same salt, key, entries and rules, to add to without changing this one (updating a baseline)."""
        return Baseline(self.salt, Counter(self.entries), dict(self.rules), self.key)

    def add(self, report: Report) -> None:
        for f in report.findings:
            self.add_fingerprint(f.rule, f.fingerprint)

    def add_fingerprint(self, rule: str, fingerprint: str) -> None:
        h = _h(self.salt, fingerprint, self.key)
        self.entries[h] += 1
        self.rules[h] = rule

    def filter(self, report: Report, config: ReviewConfig) -> Report:
        """The report with baselined findings removed and the verdict recomputed."""
        if not report.findings:
            return report
        from .engine import verdict_for

        budget = Counter(self.entries)
        kept = []
        for f in report.findings:
            h = _h(self.salt, f.fingerprint, self.key)
            if budget[h] > 0:
                budget[h] -= 1
            else:
                kept.append(f)
        if len(kept) == len(report.findings):
            return report
        return report.model_copy(update={"findings": kept, "verdict": verdict_for(kept, config)})

    def __contains__(self, fingerprint: str) -> bool:
        return _h(self.salt, fingerprint, self.key) in self.entries

    def dump(self) -> dict:
        keyed = {"keyed": True, "key_check": _h(self.salt, "govreview key check", self.key)} if self.key else {}
        return {"format": FORMAT, "salt": self.salt, **keyed,
                "entries": [{"hash": h, "rule": self.rules.get(h), "count": n} for h, n in sorted(self.entries.items())]}

    def write(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.dump(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise BaselineError(f"{path}: 不是 govreview 基线文件 not a govreview baseline (format {data.get('format')!r})")
            entries = Counter({e["hash"]: int(e.get("count", 1)) for e in data["entries"]})
            rules = {e["hash"]: e.get("rule") for e in data["entries"]}
            key = None
            if data.get("keyed"):
                key = _env_key()
                if key is None:
                    raise BaselineError(f"{path}: 基线文件带密钥，请设置 {KEY_ENV} a keyed baseline: set {KEY_ENV} to the key it was written with")
                if data.get("key_check") != _h(str(data["salt"]), "govreview key check", key):
                    raise BaselineError(f"{path}: {KEY_ENV} 与写入基线时的密钥不同 {KEY_ENV} is not the key this baseline was written with")
            return cls(str(data["salt"]), entries, rules, key)
        except OSError as exc:
            raise BaselineError(f"无法读取基线文件 cannot read baseline {path}: {exc.strerror or exc}") from None
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError, ValueError) as exc:
            if isinstance(exc, BaselineError):
                raise
            raise BaselineError(f"{path}: 基线文件格式错误 invalid baseline: {exc}") from None

    @classmethod
    def from_reports(cls, reports: Iterable[Report]) -> Baseline:
        b = cls.new()
        for r in reports:
            b.add(r)
        return b
