"""Resume after ``kill -9``: no report lost, none duplicated; a torn last line is repaired.

Driven through the real CLI in a subprocess. The stdin case is deterministic:
the scan is killed while it waits for more input, after a known prefix was
written; the folder case kills a running parallel scan at whatever point it
has reached.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SECRET = "机密★5年"
CLEAN = "关于做好2024年度政府信息公开工作的通知。"


def cli(*args, **kw):
    return [sys.executable, "-m", "govreview.cli", "scan", *args]


def read_out(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def wait_lines(path: Path, n: int, timeout: float = 60) -> int:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if path.exists():
            k = path.read_bytes().count(b"\n")
            if k >= n:
                return k
        time.sleep(0.02)
    raise AssertionError(f"output never reached {n} lines")


def kill9(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: the scan and its workers
    proc.wait()


def records(n: int) -> list[bytes]:
    return [(json.dumps({"id": f"d{i}", "text": (SECRET if i % 7 == 0 else CLEAN) + f" 第{i}号"}, ensure_ascii=False) + "\n").encode()
            for i in range(n)]


def test_kill9_on_stdin_then_resume(tmp_path):
    out = tmp_path / "out.jsonl"
    recs = records(120)
    args = cli("-", "--format", "jsonl", "-o", str(out), "--workers", "1", "--no-progress", "--fail-on", "none")
    p = subprocess.Popen(args, stdin=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    p.stdin.write(b"".join(recs[:50]))
    p.stdin.flush()
    wait_lines(out, 50)
    kill9(p)
    with open(out, "ab") as fh:  # what a kill in the middle of a write leaves behind
        fh.write(b'{"schema":"govreview.report/v1","document":{"id":"d5')
    r = subprocess.run([*args, "--resume"], input=b"".join(recs), capture_output=True)
    assert r.returncode == 0, r.stderr.decode()
    got = read_out(out)
    ids = [g["document"]["id"] for g in got]
    assert len(ids) == len(set(ids)) == 120
    assert set(ids) == {f"d{i}" for i in range(120)}
    assert "resumed" in r.stderr.decode() and "items in: 70" in r.stderr.decode()


def test_kill9_parallel_folder_scan_then_resume(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    n = 400
    for i in range(n):
        (root / f"p{i:04d}.txt").write_text((SECRET if i % 5 == 0 else CLEAN) * 40 + f"{i}", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = cli(str(root), "--format", "jsonl", "-o", str(out), "--workers", "2", "--no-progress", "--fail-on", "none")
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    wait_lines(out, 1)
    kill9(p)
    before = out.read_bytes().count(b"\n")
    r = subprocess.run([*args, "--resume"], capture_output=True)
    assert r.returncode == 0, r.stderr.decode()
    got = read_out(out)
    sources = [g["document"]["source"] for g in got]
    assert len(sources) == len(set(sources)) == n
    assert before <= n
    assert sum(1 for g in got if g["findings"]) == n // 5


def test_resume_needs_jsonl_output(tmp_path):
    r = subprocess.run(cli(str(tmp_path), "--resume", "--format", "jsonl"), capture_output=True)
    assert r.returncode == 2 and b"resume" in r.stderr


def test_repair_cuts_a_torn_tail_only(tmp_path):
    from govreview.batch.checkpoint import repair_and_read

    out = tmp_path / "o.jsonl"
    good = '{"document":{"source":"a"}}\n{"document":{"source":"b"}}\n'
    out.write_text(good + '{"document":{"sou', encoding="utf-8")
    done, cut = repair_and_read(out)
    assert done == {"a", "b"} and cut == len('{"document":{"sou') and out.read_text() == good
    done, cut = repair_and_read(out)
    assert cut == 0 and done == {"a", "b"}


def _group_alive(pgid: int) -> list[int]:
    """Processes of a process group that still run (zombies waiting for a reaper do not count)."""
    alive = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # state, ppid, pgrp, …
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(d.name))
    return alive


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_kill9_of_the_scan_alone_ends_its_workers(tmp_path):
    """`kill -9 PID` (or the OOM killer) hits the scan process only: its pool workers, blocked on a
    queue they hold both ends of, used to wait forever with a reviewer each in memory."""
    root = tmp_path / "site"
    root.mkdir()
    for i in range(300):
        (root / f"p{i:04d}.txt").write_text((SECRET if i % 5 == 0 else CLEAN) * 40 + f"{i}", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = cli(str(root), "--format", "jsonl", "-o", str(out), "--workers", "2", "--no-progress", "--fail-on", "none")
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_lines(out, 1)
        assert len(_group_alive(p.pid)) > 1  # the scan and its worker processes
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        end = time.monotonic() + 15
        while _group_alive(p.pid) and time.monotonic() < end:
            time.sleep(0.1)
        assert _group_alive(p.pid) == []
    finally:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
