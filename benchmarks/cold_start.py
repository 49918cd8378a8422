"""Cold start: a fresh interpreter importing govreview and reviewing one short text.

    python benchmarks/cold_start.py [--runs 5]

Runs ``python -c "import govreview; govreview.review('x')"`` in new processes,
first with an empty cache directory (automaton and fold tables built) and then
with the cache warm (the target: ≤ 0.5 s), and prints min/median wall time next
to a bare ``python -c pass`` as the reference.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def wall(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    cache = tempfile.mkdtemp(prefix="govreview-cold-")
    env = {**os.environ, "GOVREVIEW_CACHE_DIR": cache}
    code = [sys.executable, "-c", "import govreview; govreview.review('x')"]
    cold = wall(code, env)
    warm = [wall(code, env) for _ in range(args.runs)]
    bare = [wall([sys.executable, "-c", "pass"], env) for _ in range(args.runs)]
    print(f"{'what':<34}{'min s':>8}{'median s':>10}")
    print(f"{'python -c pass (reference)':<34}{min(bare):>8.3f}{statistics.median(bare):>10.3f}")
    print(f"{'govreview, empty cache (1 run)':<34}{cold:>8.3f}{cold:>10.3f}")
    print(f"{'govreview, warm cache':<34}{min(warm):>8.3f}{statistics.median(warm):>10.3f}")
    print(f"target ≤ 0.5 s warm: {'met' if statistics.median(warm) <= 0.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
