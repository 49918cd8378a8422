"""The review worker pool (service/procpool.py): answers, isolation of a dead worker, start-up failures."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from contextlib import contextmanager

import pytest

pytest.importorskip("fastapi")

from govreview import Document, Reviewer  # noqa: E402
from govreview.service.procpool import WorkerDied, WorkerPool  # noqa: E402
from govreview.service.work import review_one  # noqa: E402

TEXT = "联系人：张建国，电话13919312345。澳*门*博*彩，百家樂在线。"
BUILD = {"config": None, "lexicons": (), "log_level": "warning", "lexicon_category": "sensitive",
         "lexicon_severity": "medium"}


@contextmanager
def started_pool(processes: int):
    """A pool for one test, shut down (workers ended and reaped) whatever the test does."""
    pool = WorkerPool(processes, dict(BUILD))
    try:
        yield pool
    finally:
        pool.shutdown(wait=True)


def findings(data: bytes) -> list[tuple[str, int, int]]:
    return [(f["rule"], f["start"], f["end"]) for f in json.loads(data)["findings"]]


def test_workers_answer_like_the_library_and_a_dead_one_leaves_the_rotation():
    with started_pool(2) as pool:
        assert pool.versions == {Reviewer().lexicon_version} and pool.alive == 2
        expected = [(f.rule, f.start, f.end) for f in Reviewer().review(Document(id="d", text=TEXT)).findings]

        async def calls(n: int) -> list[bytes]:
            return await asyncio.gather(*(pool.run(review_one, Document(id="d", text=TEXT), None, False)
                                          for _ in range(n)))

        async def scenario() -> None:
            assert all(findings(d) == expected for d in await calls(6))  # concurrent calls, both workers
            os.kill(pool.workers[0].proc.pid, signal.SIGKILL)
            pool.workers[0].proc.join(10)
            await asyncio.sleep(0.2)  # the reader sees EOF
            assert pool.alive == 1
            assert all(findings(d) == expected for d in await calls(4))  # the survivor serves everything
            os.kill(pool.workers[1].proc.pid, signal.SIGKILL)
            pool.workers[1].proc.join(10)
            with pytest.raises(WorkerDied):
                await pool.run(review_one, Document(id="d", text=TEXT), None, False)

        asyncio.run(scenario())
        assert pool.alive == 0


def test_a_worker_that_cannot_build_fails_the_start_with_the_reason(tmp_path):
    missing = str(tmp_path / "no-such-lexicon.txt")
    with pytest.raises(RuntimeError, match="failed to build its reviewer: LexiconError: .*no-such-lexicon.txt.*cannot read"):
        WorkerPool(1, {**BUILD, "lexicons": (missing,)})


def test_shutdown_ends_the_worker_processes():
    pool = WorkerPool(1, dict(BUILD))
    pool.shutdown(wait=True)
    assert not pool.workers[0].proc.is_alive()


SLOW = TEXT * 8000  # a few hundred thousand characters: a second or more of review


def test_a_call_whose_deadline_passed_in_the_queue_is_skipped_and_leaves_the_load():
    """Behind a long call, a call that timed out is not started later (the worker skips it), and ``load``
    counts only the work the worker really has left."""
    with started_pool(1) as pool:
        async def scenario() -> None:
            await pool.run(review_one, Document(id="d", text=TEXT), None, False)  # attach to this loop
            slow = asyncio.ensure_future(pool.run(review_one, Document(id="a", text=SLOW), None, False, timeout=120))
            short = asyncio.ensure_future(pool.run(review_one, Document(id="b", text=SLOW), None, False, timeout=0.2))
            await asyncio.sleep(0)
            assert pool.load == 2
            with pytest.raises(TimeoutError):
                await short
            assert not slow.done() and pool.load == 1  # the expired call is no work: only the running one counts
            assert pool.outstanding == 2  # both are still the worker's until it answers or skips them
            tiny = await pool.run(review_one, Document(id="c", text=TEXT), None, False, timeout=120)
            assert findings(tiny) and findings(await slow)
            assert pool.skipped == 1 and pool.replaced == 0 and pool.load == 0 and pool.outstanding == 0

        asyncio.run(scenario())


def test_a_call_running_past_its_deadline_gets_its_worker_replaced():
    """The worker is killed (so it stops working for nobody), reaped, and a new one takes its place."""
    with started_pool(1) as pool:
        async def scenario() -> None:
            old = pool.workers[0].proc
            with pytest.raises(TimeoutError):
                await pool.run(review_one, Document(id="a", text=SLOW), None, False, timeout=0.3)
            assert pool.replaced == 1 and pool.load == 0
            deadline = asyncio.get_running_loop().time() + 120
            while pool.alive == 0:
                assert pool.restarting == 1 or pool.alive == 1
                assert asyncio.get_running_loop().time() < deadline, "no replacement"
                await asyncio.sleep(0.05)
            assert pool.workers[0].proc.pid != old.pid and old.exitcode == -signal.SIGKILL
            assert findings(await pool.run(review_one, Document(id="c", text=TEXT), None, False, timeout=120))

        asyncio.run(scenario())


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc to see zombies")
def test_a_killed_worker_is_reaped_without_waiting_for_a_reload():
    with started_pool(2) as pool:
        async def scenario() -> int:
            await pool.run(review_one, Document(id="d", text=TEXT), None, False)  # attach to this loop
            pid = pool.workers[0].proc.pid
            os.kill(pid, signal.SIGKILL)
            for _ in range(200):  # a zombie keeps its /proc entry until the parent reaps it
                await asyncio.sleep(0.05)
                if not os.path.exists(f"/proc/{pid}"):
                    assert pool.alive == 1
                    return pid
            with open(f"/proc/{pid}/stat") as fh:
                raise AssertionError(f"worker {pid} not reaped: {fh.read().split()[2]}")

        asyncio.run(scenario())


def test_calls_queued_behind_a_dying_worker_move_to_another_one_with_their_deadline():
    with started_pool(2) as pool:
        async def scenario() -> None:
            await asyncio.gather(*(pool.run(review_one, Document(id="d", text=TEXT), None, False) for _ in range(2)))
            victim, survivor = pool.workers

            def call(text: str, timeout: float) -> asyncio.Future:
                return asyncio.ensure_future(pool.run(review_one, Document(id="x", text=text), None, False,
                                                      timeout=timeout))

            running, other = call(SLOW, 120), call(SLOW, 120)  # one each (least busy first)
            await asyncio.sleep(0)
            queued = [call(TEXT, 120), call(TEXT, 120), call(TEXT, 0.5)]  # victim, survivor, victim
            await asyncio.sleep(0)
            assert len(victim.calls) == 3 and len(survivor.calls) == 2
            os.kill(victim.proc.pid, signal.SIGKILL)
            with pytest.raises(WorkerDied):
                await running  # the call it was running fails
            results = await asyncio.gather(*queued, return_exceptions=True)
            assert findings(results[0]) and findings(results[1])  # moved to the survivor, answered there
            assert isinstance(results[2], TimeoutError)  # moved with its deadline, which passed behind `other`
            assert findings(await other)
            for _ in range(500):  # the survivor skips the expired call after the ones ahead of it
                if not pool.outstanding:
                    break
                await asyncio.sleep(0.01)
            assert pool.alive == 1 and pool.load == 0 and pool.outstanding == 0 and pool.skipped == 1

        asyncio.run(scenario())


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc to see zombies")
def test_a_pool_retired_before_it_served_shuts_down_and_is_reaped():
    import time

    pool = WorkerPool(1, dict(BUILD))
    pid = pool.workers[0].proc.pid
    pool.retire(60)  # never attached to a loop: nothing can be in flight
    deadline = time.monotonic() + 30
    while os.path.exists(f"/proc/{pid}"):
        assert time.monotonic() < deadline, "worker not reaped"
        time.sleep(0.05)
