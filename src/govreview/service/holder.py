"""The serving Reviewer (and, optionally, its worker processes) and hot reload.

A reload builds a complete new generation on the side — config file and
lexicon files reread from disk, and with ``processes > 0`` a new pool of
worker processes that each confirm they built the same ``lexicon_version`` —
and then swaps one reference. Each request takes the reference once at its
start, so a request in flight finishes on the generation it started with and
nothing is ever half-built. A broken lexicon or config raises before the
swap: the old generation keeps serving. An old process pool is retired: it
shuts down as soon as the calls in flight on it are answered (a batch may
legitimately run ``review_timeout`` per document), with an upper bound of the
longest request the settings allow.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from ..config import ReviewConfig
from ..engine import Reviewer
from ..lexicons import Lexicon
from ..model import Document
from .procpool import WorkerPool
from .settings import ServiceSettings


def build_reviewer(settings: ServiceSettings) -> Reviewer:
    """Build a Reviewer from the settings' files; raises LexiconError / OSError / ValueError on bad input."""
    cfg = ReviewConfig.from_file(settings.config) if settings.config else ReviewConfig()
    extra = [Lexicon.load(p, category=settings.lexicon_category, severity=settings.lexicon_severity)
             for p in settings.lexicons]
    reviewer = Reviewer(cfg, lexicons=extra)
    warm_up(reviewer)
    return reviewer


# A first review pays for lazy loads (segmentation dictionary, HTML parser, tables): seconds on a busy machine.
# Paying it before the swap keeps the first CMS request after a start or a reload as fast as the rest.
WARM_UP = (
    Document(id="warm-up", text="关于公示的通知。张建国，联系电话：13919312345，身份证号：110101199003074514。"
                                "住址：北京市东城区东华门街道。澳门博彩，详见 http://www.example.gov.cn/ 。"),
    Document(id="warm-up", html="<html><head><title>通知</title></head><body><p>联系电话：13919312345</p>"
                                "<a href='http://example.com/'>百家乐</a></body></html>"),
)


def warm_up(reviewer: Reviewer) -> None:
    for doc in WARM_UP:
        reviewer.review(doc)


class WorkerMismatch(RuntimeError):
    """Worker processes built different lexicons than the server (a file changed during the reload)."""


@dataclass(frozen=True)
class Serving:
    """One generation of the service's reviewer."""

    reviewer: Reviewer
    generation: int
    built_at: float
    build_seconds: float
    pool: WorkerPool | None = None


def _start_pool(settings: ServiceSettings, expected_version: str) -> WorkerPool:
    build_args = {"config": settings.config, "lexicons": settings.lexicons, "log_level": settings.log_level,
                  "lexicon_category": settings.lexicon_category, "lexicon_severity": settings.lexicon_severity}
    pool = WorkerPool(settings.processes, build_args)
    if pool.versions != {expected_version}:
        pool.shutdown()
        raise WorkerMismatch(f"workers built lexicon version(s) {sorted(pool.versions)}, server built {expected_version}; "
                             "a file changed during the reload — reload again")
    return pool


class ReviewerHolder:
    """Holds the current :class:`Serving`; ``current`` is a plain attribute read (atomic)."""

    def __init__(self, settings: ServiceSettings):
        self.settings = settings
        self.current: Serving | None = None
        self.startup_error: str | None = None
        self._reload_lock = threading.Lock()
        self._retired: list[WorkerPool] = []  # old generations' pools still finishing their calls

    def build(self) -> Serving:
        """Build the next generation and swap it in; on any exception the current one stays."""
        with self._reload_lock:  # two reloads at once would race to decide which one wins
            t0 = time.perf_counter()
            reviewer = build_reviewer(self.settings)
            pool = _start_pool(self.settings, reviewer.lexicon_version) if self.settings.processes else None
            gen = (self.current.generation + 1) if self.current else 1
            serving = Serving(reviewer, gen, time.time(), time.perf_counter() - t0, pool)
            old = self.current
            self.current = serving  # the atomic swap
            self.startup_error = None
            if old is not None and old.pool is not None:
                old.pool.retire(self.retire_after)
                self._retired = [p for p in self._retired if p.outstanding] + [old.pool]
            return serving

    @property
    def retire_after(self) -> float:
        """Upper bound on the wait for a retired pool's calls: the longest request (a full batch) and a margin.
        Calls normally end long before: each has its deadline, and a worker running past one is replaced."""
        return self.settings.review_timeout * max(1, self.settings.max_batch) + 30.0

    def close(self) -> None:
        cur = self.current
        for pool in [*self._retired, *([cur.pool] if cur is not None and cur.pool is not None else [])]:
            pool.shutdown(wait=False)
        self._retired = []
