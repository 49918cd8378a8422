"""Resumable output: the JSONL output file *is* the checkpoint.

Each report is written as one line with a single ``write`` and flushed, and
carries its item key in ``document.source``. After a crash (even ``kill -9``)
the only possible damage is a torn last line: :func:`open_output` cuts the
file back to its last newline and returns the keys already done, so the
re-run skips exactly those items — no report lost, none duplicated.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO

OnFinding = Callable[[str, str, str], None]  # (rule, severity, fingerprint) of a finding already written


def repair_and_read(path: str | Path, on_finding: OnFinding | None = None) -> tuple[set[str], int]:
    """Truncate a torn tail; return (keys done, bytes cut). ``on_finding`` sees every finding of the
    reports already written, so that a resumed scan's exit code and ``--write-baseline`` cover the
    whole scan, not only the part run this time."""
    p = Path(path)
    done: set[str] = set()
    if not p.exists():
        return done, 0
    size = p.stat().st_size
    good = 0
    with open(p, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break  # torn last line
            try:
                rec = json.loads(line)
                done.add(rec["document"]["source"])
                if on_finding is not None:
                    for f in rec.get("findings") or ():
                        on_finding(f["rule"], f["severity"], f["fingerprint"])
            except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError):
                break  # a damaged line can only be the tail; everything after it is rewritten
            good += len(line)
    if good < size:
        with open(p, "r+b") as fh:
            fh.truncate(good)
            fh.flush()
            os.fsync(fh.fileno())
    return done, size - good


def open_output(path: str | Path, resume: bool, on_finding: OnFinding | None = None) -> tuple[IO[str], set[str], int]:
    if resume:
        done, cut = repair_and_read(path, on_finding)
        return open(path, "a", encoding="utf-8", errors="backslashreplace", newline="\n"), done, cut
    return open(path, "w", encoding="utf-8", errors="backslashreplace", newline="\n"), set(), 0
