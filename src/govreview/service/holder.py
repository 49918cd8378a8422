"""The serving Reviewer and its hot reload.

A reload builds a complete new Reviewer on the side (config file and lexicon
files reread from disk) and then swaps one reference. Each request takes the
reference once at its start, so a request in flight finishes on the Reviewer
it started with and nothing is ever half-built. A broken lexicon or config
raises before the swap: the old Reviewer keeps serving.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from ..config import ReviewConfig
from ..engine import Reviewer
from ..lexicons import Lexicon
from .settings import ServiceSettings


def build_reviewer(settings: ServiceSettings) -> Reviewer:
    """Build a Reviewer from the settings' files; raises LexiconError / OSError / ValueError on bad input."""
    cfg = ReviewConfig.from_file(settings.config) if settings.config else ReviewConfig()
    extra = [Lexicon.load(p, category=settings.lexicon_category, severity=settings.lexicon_severity)
             for p in settings.lexicons]
    return Reviewer(cfg, lexicons=extra)


@dataclass(frozen=True)
class Serving:
    """One generation of the service's reviewer."""

    reviewer: Reviewer
    generation: int
    built_at: float
    build_seconds: float


class ReviewerHolder:
    """Holds the current :class:`Serving`; ``current`` is a plain attribute read (atomic)."""

    def __init__(self, settings: ServiceSettings):
        self.settings = settings
        self.current: Serving | None = None
        self.startup_error: str | None = None
        self._reload_lock = threading.Lock()

    def build(self) -> Serving:
        """Build the next generation and swap it in; on any exception the current one stays."""
        with self._reload_lock:  # two reloads at once would race to decide which one wins
            t0 = time.perf_counter()
            reviewer = build_reviewer(self.settings)
            gen = (self.current.generation + 1) if self.current else 1
            serving = Serving(reviewer, gen, time.time(), time.perf_counter() - t0)
            self.current = serving  # the atomic swap
            self.startup_error = None
            return serving
