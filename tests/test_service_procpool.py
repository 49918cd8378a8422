"""The review worker pool (service/procpool.py): answers, isolation of a dead worker, start-up failures."""

from __future__ import annotations

import asyncio
import json
import os
import signal

import pytest

pytest.importorskip("fastapi")

from govreview import Document, Reviewer  # noqa: E402
from govreview.service.procpool import WorkerDied, WorkerPool  # noqa: E402
from govreview.service.work import review_one  # noqa: E402

TEXT = "联系人：张建国，电话13919312345。澳*门*博*彩，百家樂在线。"
BUILD = {"config": None, "lexicons": (), "log_level": "warning", "lexicon_category": "sensitive",
         "lexicon_severity": "medium"}


def findings(data: bytes) -> list[tuple[str, int, int]]:
    return [(f["rule"], f["start"], f["end"]) for f in json.loads(data)["findings"]]


def test_workers_answer_like_the_library_and_a_dead_one_leaves_the_rotation():
    pool = WorkerPool(2, dict(BUILD))
    try:
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
    finally:
        pool.shutdown(wait=True)


def test_a_worker_that_cannot_build_fails_the_start_with_the_reason(tmp_path):
    missing = str(tmp_path / "no-such-lexicon.txt")
    with pytest.raises(RuntimeError, match="failed to build its reviewer: LexiconError: .*no-such-lexicon.txt.*cannot read"):
        WorkerPool(1, {**BUILD, "lexicons": (missing,)})


def test_shutdown_ends_the_worker_processes():
    pool = WorkerPool(1, dict(BUILD))
    pool.shutdown(wait=True)
    assert not pool.workers[0].proc.is_alive()
