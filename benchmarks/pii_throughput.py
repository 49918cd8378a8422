"""The cost of the PII detectors inside a full review, against naive pyahocorasick, in one run.

    python benchmarks/pii_throughput.py [--size-mb 10] [--terms 5000] [--repeat 3]

Same corpus, lexicon and naive baseline as ``benchmarks/throughput.py`` (it
imports them). Rows:

* ``naive``            — pyahocorasick ``iter`` over each document with the raw terms;
* ``review, no PII``   — every detector except the PII ones;
* ``review, all``      — everything on (the default);

with MB/s, the ratio to naive (the core target is ≥ 2×) and the PII share of
the full review's time. Times are CPU time of this process (``process_time``,
as in ``throughput.py``), each row the best of ``--repeat`` runs: the
development machines are shared, and wall time mostly measures the neighbours.
Every reviewer reviews one PII-laden document before timing, so jieba's
one-off dictionary load (~2 s, done lazily the first time a phone number
needs a name decision) is not charged to the corpus.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import benchmark_lexicon, load_docs  # noqa: E402

import govreview  # noqa: E402

WARM = "申请人张三，手机13912345678，身份证号620102199608147890，住址兰州市城关区张掖路街道庆阳路123号5栋2单元301室。"


def best_of(repeat: int, fn, docs) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn(docs)
        best = min(best, time.process_time() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=float, default=10)
    ap.add_argument("--terms", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    docs = load_docs(args.size_mb)
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    lex, raw_terms, naive = benchmark_lexicon(args.terms)

    def run_naive(ds):
        for d in ds:
            for _ in naive.iter(d):
                pass

    configs = [
        ("review, no PII", {"disable_categories": ["pii"]}),
        ("review, all (default)", {}),
    ]
    rows = [("naive pyahocorasick (str)", best_of(args.repeat, run_naive, docs), None)]
    for name, cfg in configs:
        reviewer = govreview.Reviewer(cfg, lexicons=[lex])
        reviewer.review(WARM)
        n_findings = [0]

        def run(ds, reviewer=reviewer, n_findings=n_findings):
            n = 0
            for d in ds:
                n += sum(1 for f in reviewer.review(d).findings if f.category.value == "pii")
            n_findings[0] = n

        rows.append((name, best_of(args.repeat, run, docs), n_findings))
    base = rows[0][1]
    full = rows[-1][1]
    print(f"corpus: {len(docs)} documents, {mb:.1f} MB; lexicon: {len(raw_terms)} terms; best of {args.repeat}")
    print(f"{'what':<30}{'CPU s':>9}{'MB/s':>8}{'× naive':>9}{'share of full':>15}{'PII findings':>14}")
    for name, secs, nf in rows:
        share = f"{100 * secs / full:.0f}%" if nf is not None else ""
        print(f"{name:<30}{secs:>9.2f}{mb / secs:>8.2f}{base / secs:>9.2f}{share:>15}{(nf[0] if nf else ''):>14}")
    no_pii = rows[1][1]
    print(f"\nPII share of the full review: {100 * (full - no_pii) / full:.0f}%")


if __name__ == "__main__":
    main()
