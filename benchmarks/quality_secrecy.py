"""Cost of the secrecy and quality rules (issue 5) inside the full review, in one run.

    python benchmarks/quality_secrecy.py [--size-mb 20] [--docs 2000] [--rounds 3]

Same corpus (``gen_corpus.py``) and lexicon (built-ins + 5,000 synthetic issued terms) as
``throughput.py``. Rows, each the best of ``--rounds``, in CPU seconds of this process (the
development machine is shared, so wall time swings by 30 % between runs; CPU time does not):

* ``naive``   — pyahocorasick ``iter`` over each document with the raw terms (the reference);
* ``review (without issue-5 rules)`` — ``Reviewer.review`` with ``secrecy.marking``,
  ``secrecy.internal`` and ``quality.*`` disabled;
* ``review (all rules)`` — everything on;

and the ratio of each to ``naive``. Then the CPU time of each issue-5 detector alone on the
same documents, so a regression in one of them is visible.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import ahocorasick

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import load_docs, synthetic_terms  # noqa: E402

import govreview  # noqa: E402
from govreview.lexicons import builtin_lexicons  # noqa: E402

MINE = ("secrecy_marking", "secrecy_internal", "quality_typo", "quality_doc_number", "quality_encoding",
        "quality_mixed_script")


def cpu(fn) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mb", type=float, default=20)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    docs = load_docs(args.size_mb)[: args.docs]
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    issued = synthetic_terms(5000)
    lex = govreview.Lexicon.from_terms(issued, category="sensitive", severity="medium", name="synthetic-issued")
    raw = sorted({e.term for lx in builtin_lexicons() if lx.kind == "terms" for e in lx.entries} | set(issued))
    naive = ahocorasick.Automaton()
    for t in raw:
        naive.add_word(t, t)
    naive.make_automaton()
    full = govreview.Reviewer(lexicons=[lex])
    base = govreview.Reviewer({"disable": ["quality", "secrecy.marking", "secrecy.internal"]}, lexicons=[lex])
    for d in docs[:20]:  # warm caches (jieba is loaded lazily by the typo detector)
        full.review(d + "再接再励")

    rows = {
        "naive pyahocorasick (str)": lambda: [sum(1 for _ in naive.iter(d)) for d in docs],
        "review (without issue-5 rules)": lambda: [base.review(d) for d in docs],
        "review (all rules)": lambda: [full.review(d) for d in docs],
    }
    best = {name: min(cpu(fn) for _ in range(args.rounds)) for name, fn in rows.items()}
    ref = best["naive pyahocorasick (str)"]
    print(f"corpus: {len(docs)} documents, {mb:.1f} MB; best of {args.rounds} rounds, CPU seconds")
    print(f"{'what':<34}{'CPU s':>8}{'MB/s':>9}{'× naive':>9}")
    for name, secs in best.items():
        print(f"{name:<34}{secs:>8.2f}{mb / secs:>9.2f}{ref / secs:>9.2f}")
    extra = best["review (all rules)"] - best["review (without issue-5 rules)"]
    print(f"issue-5 rules add {extra:.2f} CPU s = {100 * extra / best['review (without issue-5 rules)']:.0f}% of the review")

    ctxs = [full.prepare(govreview.Document(text=d)) for d in docs]
    dets = {spec.name: inst for spec, inst in full.detectors}
    print(f"\n{'detector':<24}{'CPU s':>8}{'µs/doc':>9}")
    for name in MINE:
        inst = dets[name]

        def run(inst=inst, name=name):
            for c in ctxs:
                c._current = name
                list(inst.detect(c))

        secs = min(cpu(run) for _ in range(args.rounds))
        print(f"{name:<24}{secs:>8.3f}{1e6 * secs / len(docs):>9.1f}")


if __name__ == "__main__":
    main()
