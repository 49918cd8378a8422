"""Rule ids → detectors, filled by a decorator; detectors are discovered by import.

Adding a detector touches two files: ``src/govreview/detectors/<name>.py``
(which declares its rules and registers itself) and its test. Nothing else
lists detectors: :func:`discover` imports every module in the package.

A detector is either a function ``detect(ctx) -> Iterable[Finding]`` or a class
whose ``__init__(self, reviewer)`` builds what it needs once (tables, compiled
patterns) and whose ``detect(self, ctx)`` runs per document. Instances are
shared between threads, so ``detect`` must not mutate ``self``.
"""

from __future__ import annotations

import importlib
import re
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .model import Category, Severity

if TYPE_CHECKING:  # pragma: no cover
    from .engine import ReviewContext, Reviewer
    from .model import Finding


@dataclass(frozen=True)
class Rule:
    """A stable rule id with its category, default severity and a one-line description."""

    id: str
    category: Category
    severity: Severity
    description: str
    message: str | None = None  # default reviewer-facing message (Chinese)


@dataclass(frozen=True)
class DetectorSpec:
    name: str
    rules: tuple[Rule, ...]
    factory: Callable[[Reviewer], Any]
    dynamic_rules: Callable[[Reviewer], Iterable[Rule]] | None = None
    order: int = 100
    doc: str = field(default="", compare=False)
    gate: re.Pattern[str] | None = None
    cues: tuple[str, ...] = ()
    per_document: bool = True


_REGISTRY: dict[str, DetectorSpec] = {}


def detector(*rules: Rule, name: str | None = None, order: int = 100, gate: str | None = None,
             cues: Iterable[str] = (), per_document: bool = True):
    """Register a detector function or class under ``name`` with the rules it may emit.

    ``gate`` is an optional regular expression (stdlib ``re``) that any text this detector can
    report on must contain — e.g. ``"[0-9０-９]{6}"`` for ID numbers. The engine checks it with
    one fast search and skips the detector when it cannot match: most documents contain nothing
    for most detectors, and the gate keeps bulk scans from paying every detector's full scan.

    ``cues`` are literal words of which any text this detector reports on contains at least one
    (address cues 住址/家庭住址…, marking words 秘密/机密…). They ride in the one automaton pass
    (folded like lexicon terms, so a cue found in the view is always found in the folded text):
    the detector runs only on documents where one occurs, for the cost of a set lookup, and
    ``ctx.cue_hits()`` gives their positions. Prefer cues to a ``gate`` regex: the regex is a
    scan of its own over every document.
    """

    def wrap(obj: Any) -> Any:
        det_name = name or getattr(obj, "name", None) or obj.__module__.rsplit(".", 1)[-1]
        if isinstance(obj, type):
            factory = obj
            dyn = getattr(obj, "dynamic_rules", None)
        else:
            fn = obj

            class _FunctionDetector:
                def __init__(self, reviewer: Reviewer):
                    pass

                def detect(self, ctx: ReviewContext) -> Iterable[Finding]:
                    return fn(ctx)

            factory = _FunctionDetector
            dyn = None
        if det_name in _REGISTRY and _REGISTRY[det_name].factory.__module__ != factory.__module__:
            raise ValueError(f"detector name {det_name!r} registered twice")
        _REGISTRY[det_name] = DetectorSpec(
            name=det_name, rules=tuple(rules), factory=factory, dynamic_rules=dyn, order=order,
            doc=(obj.__doc__ or "").strip(), gate=re.compile(gate) if gate else None,
            cues=tuple(sorted({c for c in cues if c.strip()})), per_document=per_document,
        )
        return obj

    return wrap


_discovered = False


def discover() -> dict[str, DetectorSpec]:
    """Import every module in ``govreview.detectors`` once; return the registry."""
    global _discovered
    if not _discovered:
        from . import detectors

        for mod in pkgutil.iter_modules(detectors.__path__):
            if not mod.name.startswith("_"):
                importlib.import_module(f"{detectors.__name__}.{mod.name}")
        _discovered = True
    return dict(sorted(_REGISTRY.items(), key=lambda kv: (kv[1].order, kv[0])))
