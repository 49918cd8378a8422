"""The worker pool: a worker killed mid-scan loses no item (the items it took down are
retried in isolation and reviewed); chunking bounds what is in flight."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from govreview.batch import ItemResult, ScanSettings, Sources, run
from govreview.batch.pool import chunks
from govreview.batch.tasks import Task


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(d.name))
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def test_killed_worker_loses_no_item(tmp_path):
    n = 300
    for i in range(n):
        (tmp_path / f"p{i:03d}.txt").write_text("关于做好政府信息公开工作的通知。" * 50 + ("机密★5年" if i % 10 == 0 else ""), encoding="utf-8")
    before = set(_descendants(os.getpid()))
    results = []
    killed = False
    for r in run(Sources().tasks(str(tmp_path)), ScanSettings(), workers=2):
        results.append(r)
        if not killed:
            # grandchildren of this process are the pool's workers (children of the forkserver)
            workers = [p for p in _descendants(os.getpid()) if p not in before]
            victims = [p for p in workers if p not in _children_of(os.getpid())]
            if victims:
                os.kill(victims[0], signal.SIGKILL)
                killed = True
    assert killed
    keys = [r.key for r in results]
    assert len(keys) == len(set(keys)) == n
    assert all(not r.is_error for r in results)  # the lost items were retried, not given up
    # items that were reviewed found exactly their markings
    assert all(bool(r.findings) == r.key.endswith("0.txt") for r in results)


def _children_of(pid: int) -> set[int]:
    out = set()
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.add(int(d.name))
            except (OSError, IndexError, ValueError):
                pass
    return out


def test_an_item_that_kills_its_worker_every_time_becomes_an_error_record(monkeypatch):
    """The isolation step, driven in-process: the poison item alone is reported."""
    from concurrent.futures.process import BrokenProcessPool

    import govreview.batch.pool as pool_mod

    class FakePool:
        def __init__(self, *a, **k):
            pass

        def submit(self, fn, chunk):
            class F:
                def result(self_inner):
                    if chunk[0].key == "poison":
                        raise BrokenProcessPool("boom")
                    return [ItemResult(chunk[0].key, chunk[0].key, "{}", False, "pass", [], [], 0)]
            return F()

        def shutdown(self, *a, **k):
            pass

    monkeypatch.setattr(pool_mod, "ProcessPoolExecutor", FakePool)
    tasks = [Task(key=k, kind="bytes", data=b"") for k in ("a", "poison", "b")]
    out = list(pool_mod._isolated(tasks, None, ScanSettings()))
    assert [(r.key, r.is_error, r.error_kinds) for r in out] == [("a", False, []), ("poison", True, ["worker"]), ("b", False, [])]


def test_chunks_bound_items_and_bytes():
    tasks = [Task(key=str(i), kind="bytes", data=b"x" * 100) for i in range(10)]
    assert [len(c) for c in chunks(tasks, items=4, nbytes=10_000)] == [4, 4, 2]
    assert [len(c) for c in chunks(tasks, items=100, nbytes=250)] == [3, 3, 3, 1]
