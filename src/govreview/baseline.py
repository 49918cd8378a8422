"""Baselines: accept today's findings, report only new ones tomorrow.

An entry identifies a finding by ``Finding.fingerprint`` (rule + normalised
match + document id; no offsets, so edits that move text keep it
baselined — detect-secrets' lesson). The fingerprint is derived from the
matched text, which may be an ID number, and unsalted hashes of a small
keyspace (18-digit IDs with known structure) can be brute-forced; so the file
stores only ``sha256(salt + fingerprint)`` with a random per-file salt, never
the matched text. Counts are kept so a second copy of the same phone number in
the same document is still new.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .config import ReviewConfig
from .model import Report

FORMAT = "govreview.baseline/v1"


class BaselineError(ValueError):
    pass


def _h(salt: str, fingerprint: str) -> str:
    return hashlib.sha256(f"{salt}\x1f{fingerprint}".encode()).hexdigest()[:32]


class Baseline:
    def __init__(self, salt: str, entries: Counter[str] | None = None, rules: dict[str, str] | None = None):
        self.salt = salt
        self.entries: Counter[str] = entries or Counter()
        self.rules = rules or {}

    @classmethod
    def new(cls) -> Baseline:
        return cls(secrets.token_hex(16))

    def add(self, report: Report) -> None:
        for f in report.findings:
            self.add_fingerprint(f.rule, f.fingerprint)

    def add_fingerprint(self, rule: str, fingerprint: str) -> None:
        h = _h(self.salt, fingerprint)
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
            h = _h(self.salt, f.fingerprint)
            if budget[h] > 0:
                budget[h] -= 1
            else:
                kept.append(f)
        if len(kept) == len(report.findings):
            return report
        return report.model_copy(update={"findings": kept, "verdict": verdict_for(kept, config)})

    def __contains__(self, fingerprint: str) -> bool:
        return _h(self.salt, fingerprint) in self.entries

    def dump(self) -> dict:
        return {"format": FORMAT, "salt": self.salt,
                "entries": [{"hash": h, "rule": self.rules.get(h), "count": n} for h, n in sorted(self.entries.items())]}

    def write(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.dump(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise BaselineError(f"{path}: not a govreview baseline (format {data.get('format')!r})")
            entries = Counter({e["hash"]: int(e.get("count", 1)) for e in data["entries"]})
            rules = {e["hash"]: e.get("rule") for e in data["entries"]}
            return cls(str(data["salt"]), entries, rules)
        except OSError as exc:
            raise BaselineError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError, ValueError) as exc:
            if isinstance(exc, BaselineError):
                raise
            raise BaselineError(f"{path}: invalid baseline: {exc}") from None

    @classmethod
    def from_reports(cls, reports: Iterable[Report]) -> Baseline:
        b = cls.new()
        for r in reports:
            b.add(r)
        return b
