"""Parallel execution: tasks stream in, results stream out, memory stays flat.

Workers are processes (``forkserver``: no threads inherited from the parent,
e.g. the progress bar) that each build one Processor. Tasks go in chunks, and
at most ``3 × workers`` chunks are in flight, so a 10⁶-item archive never sits
in a queue. Results come back in completion order. If a worker dies (a native
library crashing on a hostile file, the OOM killer), the pool breaks and takes
every in-flight chunk with it: a fresh pool carries on, and the lost items are
retried one at a time in an isolated single-worker pool, so only the item that
kills its worker again becomes a ``worker`` error record. Nothing is lost.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from .process import ItemResult, Processor, ScanSettings, error_report, init_worker, run_chunk
from .tasks import Task

CHUNK_ITEMS = 32
CHUNK_BYTES = 8 * 1024 * 1024


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def chunks(tasks: Iterable[Task], items: int = CHUNK_ITEMS, nbytes: int = CHUNK_BYTES) -> Iterator[list[Task]]:
    buf: list[Task] = []
    size = 0
    for t in tasks:
        buf.append(t)
        size += len(t.data) if t.data else 0
        if len(buf) >= items or size >= nbytes:
            yield buf
            buf, size = [], 0
    if buf:
        yield buf


def _crashed(chunk: list[Task], exc: BaseException) -> list[ItemResult]:
    out = []
    for t in chunk:
        r = error_report(t, "worker", f"审查进程异常退出，未审查 worker process died while reviewing this batch: {type(exc).__name__}")
        out.append(ItemResult(t.key, r.document.id, r.to_json(), True, r.verdict.value, [], ["worker"], t.size))
    return out


def _isolated(tasks: list[Task], ctx, settings: ScanSettings) -> Iterator[ItemResult]:
    """Retry items one by one in a single-worker pool: a poison item breaks only itself."""
    pool = ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=init_worker, initargs=(settings, os.getpid()))
    try:
        for t in tasks:
            try:
                yield from pool.submit(run_chunk, [t]).result()
            except BrokenProcessPool as exc:
                yield from _crashed([t], exc)
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=init_worker, initargs=(settings, os.getpid()))
    finally:
        pool.shutdown(wait=True)


def run(tasks: Iterable[Task], settings: ScanSettings, workers: int) -> Iterator[ItemResult]:
    if workers <= 1:
        proc = Processor(settings)
        for t in tasks:
            yield proc.process(t)
        return
    ctx = mp.get_context("forkserver") if "forkserver" in mp.get_all_start_methods() else mp.get_context("spawn")

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=init_worker, initargs=(settings, os.getpid()))

    pool = new_pool()
    pending: dict[Future, list[Task]] = {}
    try:
        it = chunks(tasks, items=max(1, min(CHUNK_ITEMS, 4 * workers)))
        exhausted = False
        while True:
            while not exhausted and len(pending) < 3 * workers:
                try:
                    chunk = next(it)
                except StopIteration:
                    exhausted = True
                    break
                try:
                    pending[pool.submit(run_chunk, chunk)] = chunk
                except BrokenProcessPool:
                    yield from _isolated(chunk, ctx, settings)
                    pool = new_pool()
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            lost: list[Task] = []
            for fut in done:
                chunk = pending.pop(fut)
                try:
                    yield from fut.result()
                except BrokenProcessPool:
                    lost.extend(chunk)
            if lost:  # every other in-flight chunk went down with the pool
                for fut, chunk in list(pending.items()):
                    try:
                        yield from fut.result()
                    except BrokenProcessPool:
                        lost.extend(chunk)
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                yield from _isolated(lost, ctx, settings)
                pool = new_pool()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
