"""Per-detector cost in µs per document, on the throughput corpus and lexicon.

    python benchmarks/detector_costs.py [--size-mb 10] [--docs 1000] [--jsonl DOCS.jsonl]

The throughput script says how fast ``review()`` is; this one says where the
time goes, so that a change to one detector can be measured on its own:
``prepare`` (text view, fold, automaton, context filter), every detector's
the cue/gate pre-checks, every active detector's ``detect``, and ``assemble`` (overrides, overlaps, the Report).
CPU time of this process, the minimum of ``--repeat`` passes (the machine is shared), less
the cost of reading the clock (~1 µs per stage and document, measured at start).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import benchmark_lexicon, load_docs  # noqa: E402

import govreview  # noqa: E402


def clock_overhead(clock=time.process_time, n: int = 2000) -> float:
    """Seconds one timing pair (two clock reads) costs: subtracted from every timed stage."""
    best = 1.0
    for _ in range(n):
        t = clock()
        best = min(best, clock() - t)
    return best


def one_pass(reviewer, docs):
    clock = time.process_time
    tick = clock_overhead(clock)
    cost: Counter[str] = Counter()
    calls: Counter[str] = Counter()  # timing pairs per stage, each costing ``tick``
    found: Counter[str] = Counter()
    for d in docs:
        t = clock()
        ctx = reviewer.prepare(govreview.Document(text=d))
        cost["(prepare)"] += clock() - t
        calls["(prepare)"] += 1
        findings = []
        t = clock()
        active = list(reviewer.active_detectors(ctx))
        cost["(pre-checks)"] += clock() - t
        calls["(pre-checks)"] += 1
        for spec, inst in active:
            t = clock()
            ctx._current = spec.name
            out = [f for f in inst.detect(ctx) if f is not None]
            findings.extend(out)
            found[spec.name] += len(out)
            cost[spec.name] += clock() - t
            calls[spec.name] += 1
        t = clock()
        reviewer.assemble(ctx.document, findings, [])
        cost["(assemble)"] += clock() - t
        calls["(assemble)"] += 1
    return Counter({k: max(0.0, v - tick * calls[k]) for k, v in cost.items()}), found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mb", type=float, default=10)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--terms", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jsonl", help="documents to use instead of the corpus: one JSON object with 'text' per line")
    args = ap.parse_args()
    if args.jsonl:
        with open(args.jsonl, encoding="utf-8") as fh:
            docs = [json.loads(line)["text"] for line in fh if line.strip()][: args.docs]
    else:
        docs = load_docs(args.size_mb)[: args.docs]
    lex, _, _ = benchmark_lexicon(args.terms)
    reviewer = govreview.Reviewer(lexicons=[lex])
    for d in docs[:50]:
        reviewer.review(d)
    best: dict[str, float] = {}
    found: Counter[str] = Counter()
    for _ in range(args.repeat):
        cost, found = one_pass(reviewer, docs)
        for k, v in cost.items():
            best[k] = min(best.get(k, v), v)
    n = len(docs)
    total = sum(best.values())
    print(f"{n} documents, {sum(len(d) for d in docs) / n:.0f} characters each on average; "
          f"min of {args.repeat} passes, CPU µs per document")
    print(f"{'stage':<26}{'µs/doc':>9}{'share':>8}{'findings':>10}")
    for k, v in sorted(best.items(), key=lambda kv: -kv[1]):
        print(f"{k:<26}{v / n * 1e6:>9.1f}{100 * v / total:>7.1f}%{found.get(k, ''):>10}")
    print(f"{'total':<26}{total / n * 1e6:>9.1f}")


if __name__ == "__main__":
    main()
