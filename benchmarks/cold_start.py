"""Cold start: a fresh interpreter importing govreview and reviewing one short text.

    python benchmarks/cold_start.py [--runs 5]

Runs ``python -c "import govreview; govreview.review('x')"`` in new processes,
first with empty caches (automaton, fold tables and bytecode built) and then
warm (the target: ≤ 0.5 s), and prints min/median wall time next to a bare
``python -c pass`` as the reference; also without bytecode, as a shell with
``PYTHONDONTWRITEBYTECODE=1`` runs it.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


CPU: list[float] = []  # CPU seconds (user + system) of each child, in call order


def wall(cmd: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one run; its CPU seconds go to ``CPU`` (steadier on a shared machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    cache = tempfile.mkdtemp(prefix="govreview-cold-")
    # Bytecode as an installed wheel has it (pip compiles .pyc at install): a private pycache
    # filled by the first run. Development shells often set PYTHONDONTWRITEBYTECODE=1, which makes
    # every start compile every module from source; that case is printed separately.
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env = {**base, "GOVREVIEW_CACHE_DIR": cache, "PYTHONPYCACHEPREFIX": tempfile.mkdtemp(prefix="govreview-pyc-")}
    no_pyc = {**base, "GOVREVIEW_CACHE_DIR": cache, "PYTHONDONTWRITEBYTECODE": "1"}  # deps keep pip's .pyc
    code = [sys.executable, "-c", "import govreview; govreview.review('x')"]
    cold = wall(code, env)
    cold_cpu = CPU[-1]
    rows = []
    for _ in range(args.runs):  # interleaved, so that load on a shared machine hits every row alike
        rows.append(tuple((wall(cmd, e), CPU[-1]) for cmd, e in
                          (([sys.executable, "-c", "pass"], env), (code, env), (code, no_pyc))))
    bare, warm, source = (list(col) for col in zip(*rows))

    def line(name: str, runs: list[tuple[float, float]]) -> str:
        w = [r[0] for r in runs]
        c = [r[1] for r in runs]
        return f"{name:<44}{min(w):>8.3f}{statistics.median(w):>10.3f}{min(c):>10.3f}{statistics.median(c):>10.3f}"

    print(f"{'what':<44}{'min s':>8}{'median s':>10}{'min CPU':>10}{'med CPU':>10}")
    print(line("python -c pass (reference)", bare))
    print(line("govreview, empty caches (1 run)", [(cold, cold_cpu)]))
    print(line("govreview, warm cache", warm))
    print(line("govreview, warm cache, no govreview bytecode", source))
    warm = [r[0] for r in warm]
    print(f"target ≤ 0.5 s warm: {'met' if statistics.median(warm) <= 0.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
