"""Precision and recall of the PII rules against the labelled corpus in tests/data/pii/.

A prediction is a finding of a labelled rule at ``medium`` or above (the
severities that ask a reviewer to act: ``info`` marks an office phone or an
organisation's address, ``low`` a doubtful candidate). It is correct when its
rule and span equal a labelled span exactly (``--overlap`` also accepts any
overlap, to separate "found it, span off by a few characters" from "missed").

    python benchmarks/eval_pii.py [--corpus tests/data/pii/corpus.jsonl] [--errors] [--json]

Goal (issue 3): precision and recall ≥ 0.95 for every rule.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from govreview import Reviewer, Severity  # noqa: E402

RULES = ("pii.id_card", "pii.phone.mobile", "pii.address", "pii.bank_card", "pii.email", "pii.travel_document")
GOAL = 0.95


def predictions(reviewer: Reviewer, text: str) -> list[tuple[int, int, str]]:
    report = reviewer.review(text)
    return [(f.start, f.end, f.rule) for f in report.findings
            if f.rule in RULES and f.severity >= Severity.medium and f.start is not None]


def evaluate(items: list[dict], reviewer: Reviewer, overlap: bool = False):
    tp, fp, fn = Counter(), Counter(), Counter()
    errors: dict[str, list[str]] = defaultdict(list)
    for it in items:
        gold = {(s["start"], s["end"], s["rule"]) for s in it["spans"]}
        pred = set(predictions(reviewer, it["text"]))
        matched_gold = set()
        for p in pred:
            hit = p in gold
            if not hit and overlap:
                hit = next((g for g in gold if g[2] == p[2] and g[0] < p[1] and p[0] < g[1]), None) is not None
                if hit:
                    matched_gold.update(g for g in gold if g[2] == p[2] and g[0] < p[1] and p[0] < g[1])
            elif hit:
                matched_gold.add(p)
            if hit:
                tp[p[2]] += 1
            else:
                fp[p[2]] += 1
                errors[it["id"]].append(f"FP {p[2]} {it['text'][p[0]:p[1]]!r} [{p[0]},{p[1]}]")
        for g in gold - matched_gold:
            fn[g[2]] += 1
            errors[it["id"]].append(f"FN {g[2]} {it['text'][g[0]:g[1]]!r} [{g[0]},{g[1]}]")
    return tp, fp, fn, errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT / "tests/data/pii/corpus.jsonl"))
    ap.add_argument("--overlap", action="store_true", help="count overlapping spans of the right rule as hits")
    ap.add_argument("--errors", action="store_true", help="list every false positive and false negative")
    ap.add_argument("--json", action="store_true", help="print the table as JSON")
    args = ap.parse_args(argv)
    items = [json.loads(line) for line in Path(args.corpus).read_text(encoding="utf-8").splitlines() if line.strip()]
    reviewer = Reviewer()
    t0 = time.perf_counter()
    tp, fp, fn, errors = evaluate(items, reviewer, overlap=args.overlap)
    dt = time.perf_counter() - t0
    rows = []
    for r in RULES:
        p = tp[r] / (tp[r] + fp[r]) if tp[r] + fp[r] else 1.0
        rc = tp[r] / (tp[r] + fn[r]) if tp[r] + fn[r] else 1.0
        rows.append({"rule": r, "gold": tp[r] + fn[r], "tp": tp[r], "fp": fp[r], "fn": fn[r],
                     "precision": round(p, 3), "recall": round(rc, 3), "goal_met": p >= GOAL and rc >= GOAL})
    if args.json:
        print(json.dumps({"items": len(items), "match": "overlap" if args.overlap else "exact", "rules": rows},
                         ensure_ascii=False, indent=2))
    else:
        neg = sum(1 for it in items if it["label"] == "negative")
        print(f"corpus: {args.corpus} — {len(items)} items ({neg} negative); match: {'overlap' if args.overlap else 'exact span'}; "
              f"{dt:.2f}s ({1000 * dt / max(1, len(items)):.2f} ms/item)")
        print(f"{'rule':22} {'gold':>5} {'tp':>5} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}  goal≥{GOAL}")
        for row in rows:
            print(f"{row['rule']:22} {row['gold']:5d} {row['tp']:5d} {row['fp']:4d} {row['fn']:4d} "
                  f"{row['precision']:9.3f} {row['recall']:7.3f}  {'ok' if row['goal_met'] else 'MISS'}")
    if args.errors:
        for iid, errs in sorted(errors.items()):
            for e in errs:
                print(f"{iid}\t{e}")
    return 0 if all(r["goal_met"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
