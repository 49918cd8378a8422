"""The CPU-bound part of a request: review, filter, serialise — as plain functions of a Reviewer.

They run in the server's thread pool, or (``processes > 0``) in worker
processes that each hold their own Reviewer, built by :func:`init_worker`
from the same files. Everything passed in and out is picklable (Documents,
a ReviewConfig selection, bytes). Logs: rule ids and counts only.
"""

from __future__ import annotations

import gc
from ..jsonsafe import dumps
import logging
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from ..config import ReviewConfig
from ..engine import Reviewer
from ..model import Document, Report, ReviewError, Verdict
from .redaction import load_redactor
from .selection import apply_selection

log = logging.getLogger("govreview.service")


def log_report(kind: str, report: Report, chars: int, seconds: float) -> None:
    if log.isEnabledFor(logging.INFO):
        counts = Counter(f.rule for f in report.findings)
        rules = ",".join(f"{r}:{n}" for r, n in sorted(counts.items())) or "-"
        log.info("%s verdict=%s chars=%d findings=%d rules=%s errors=%d ms=%.1f", kind, report.verdict.value, chars,
                 len(report.findings), rules, len(report.errors), seconds * 1000)


def redaction_of(reviewer: Reviewer, doc: Document) -> tuple[str, list[dict[str, Any]]]:
    """Run ``govreview.redact.redact`` with the serving reviewer (so org lexicons and reloads apply)."""
    redactor = load_redactor()
    if redactor is None:  # checked before submitting; a worker without the module is a deployment error
        raise RuntimeError("govreview.redact is not installed")
    redacted, findings = redactor(doc, reviewer=reviewer)
    out = []
    for f in findings:
        if hasattr(f, "model_dump"):
            out.append(f.model_dump(mode="json", by_alias=True))
        elif isinstance(f, dict):
            out.append(f)
        else:
            out.append({"value": str(f)})
    return redacted, out


def review_one(reviewer: Reviewer, doc: Document, sel: ReviewConfig | None, redact: bool) -> bytes:
    t0 = time.perf_counter()
    report = apply_selection(reviewer.review(doc), sel, reviewer)
    log_report("review", report, len(doc.content), time.perf_counter() - t0)
    if not redact:
        return report.to_json().encode()
    data = report.to_dict()
    text, masked = redaction_of(reviewer, doc)
    data["redaction"] = {"text": text, "count": len(masked)}
    return dumps(data).encode()


def too_long_report(reviewer: Reviewer, doc: Document, max_chars: int) -> Report:
    return Report(
        document=doc.info(), verdict=Verdict.review, findings=[],
        errors=[ReviewError(kind="too_large", message=f"document has {len(doc.content)} characters, "
                                                      f"over the {max_chars} limit; not reviewed")],
        lexicon_version=reviewer.lexicon_version, config_digest=reviewer.config_digest)


def review_many(reviewer: Reviewer, docs: list[Document], sel: ReviewConfig | None, max_chars: int) -> bytes:
    t0 = time.perf_counter()
    parts = []
    for doc in docs:
        if len(doc.content) > max_chars:  # an item over the limit is an error report, not a failed batch
            rep = too_long_report(reviewer, doc, max_chars)
        else:
            rep = apply_selection(reviewer.review(doc), sel, reviewer)
        log_report("batch-item", rep, len(doc.content), 0.0)
        parts.append(rep.to_json())
    log.info("batch documents=%d ms=%.1f", len(docs), (time.perf_counter() - t0) * 1000)
    return ('{"reports":[' + ",".join(parts) + "]}").encode()


def redact_only(reviewer: Reviewer, doc: Document) -> bytes:
    red, findings = redaction_of(reviewer, doc)
    counts = Counter(f.get("rule", "?") for f in findings)
    log.info("redact chars=%d masked=%d rules=%s", len(doc.content), len(findings),
             ",".join(f"{r}:{n}" for r, n in sorted(counts.items())) or "-")
    return dumps({"text": red, "findings": findings}).encode()


# --- worker processes --------------------------------------------------------------------------------

_worker_reviewer: Reviewer | None = None


def init_worker(build_args: dict[str, Any]) -> None:
    """Worker start-up (procpool.worker_main): build this worker's Reviewer from the same files as the server's,
    then freeze it out of the cyclic GC's sight, as the batch workers do (batch/process.py): a worker never
    rebuilds its Reviewer (a reload starts new workers), so nothing frozen ever becomes garbage."""
    global _worker_reviewer
    from .holder import build_reviewer
    from .settings import ServiceSettings

    logging.basicConfig(level=build_args.pop("log_level", "INFO").upper(),
                        format="%(asctime)s %(levelname)s %(name)s[worker] %(message)s")
    _worker_reviewer = build_reviewer(ServiceSettings(**build_args))
    gc.freeze()


def current_worker_reviewer() -> Reviewer:
    assert _worker_reviewer is not None, "worker initializer did not run"
    return _worker_reviewer


def in_worker(func: Callable[..., bytes], *args: Any) -> bytes:
    return func(current_worker_reviewer(), *args)
