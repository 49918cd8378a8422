"""Memory and time of the linkage check on a generated site export (default 10^6 documents).

Measures, in one run:
1. pass 1 — the compact index (``LinkageIndex.add``) fed with generated page
   *features* (10% policies, 5% interpretations, 80% other pages; every page
   carries the same 30 navigation links plus its own content links), streamed
   so nothing but the index stays alive;
2. pass 2 — ``resolve`` (pairing, statuses, working-day counts) and
   streaming every finding out page by page (``LinkageResult.groups``);
3. the reference: keeping every page as a ``govreview.Document`` (what a
   one-pass "load everything, then match" check holds), measured on a sample
   and reported per document;
4. feature extraction from real-looking HTML pages (``extract``: text view,
   links, 文号, titles) per document — the part of pass 1 that scales with
   page size and runs alongside the per-document review.

Memory is the growth of the process's resident set (``/proc/self/statm``)
around each step, after a ``gc.collect()``. Run: ``python benchmarks/linkage_index.py [N]``.
"""

from __future__ import annotations

import gc
import os
import platform
import random
import sys
import time
from datetime import date, timedelta

from govreview.linkage.features import DocFeatures, extract
from govreview.linkage.index import LinkageIndex
from govreview.linkage.options import LinkageOptions
from govreview.linkage.resolve import resolve
from govreview.linkage.urls import url_key
from govreview.model import Document

HOST = "http://www.example.gov.cn"
NAV = [(url_key(f"{HOST}/col{i}/"), f"{HOST}/col{i}/", f"栏目{i}") for i in range(30)]
START = date(2015, 1, 5)


def rss_bytes() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _policy_title(i: int) -> str:
    return f"示例市人民政府办公室关于印发示例市第{i}号专项行动方案的通知"


def generate(n: int, seed: int = 7):
    """Features of ``n`` pages; every 20th pair of pages is a policy/interpretation."""
    rnd = random.Random(seed)
    for j in range(n):
        day = START + timedelta(days=j * 3650 // n)
        r = j % 20
        url = f"{HOST}/art/{day:%Y%m}/t{day:%Y%m%d}_{j}.html"
        key = url_key(url)
        if r < 2:  # policy; half link to their interpretation (the next page)
            title = _policy_title(j)
            links = list(NAV)
            if r == 0:
                nxt = f"{HOST}/art/{day:%Y%m}/t{day:%Y%m%d}_{j + 1}.html"
                links.append((url_key(nxt), nxt, f"《示例市第{j}号专项行动方案》解读"))
            yield DocFeatures(str(j), url, key, "www.example.gov.cn", title, day, None, "",
                              own_docnos=[(f"示政办发〔{day.year}〕{j}号", "labelled 发文字号")], links=links)
        elif r == 2:  # interpretation of the policy two pages back, by link, title or 文号
            pj = j - 2
            pday = START + timedelta(days=pj * 3650 // n)
            purl = f"{HOST}/art/{pday:%Y%m}/t{pday:%Y%m%d}_{pj}.html"
            how = rnd.random()
            links = list(NAV)
            if how < 0.5:
                links.append((url_key(purl), purl, f"示例市人民政府办公室关于印发示例市第{pj}号专项行动方案的通知"))
            yield DocFeatures(str(j), url, key, "www.example.gov.cn", f"《示例市第{pj}号专项行动方案》政策解读", day, None, "",
                              cited_docnos=[f"示政办发〔{pday.year}〕{pj}号"] if how > 0.8 else [],
                              quoted=[f"示例市第{pj}号专项行动方案"], links=links)
        else:
            yield DocFeatures(str(j), url, key, "www.example.gov.cn", f"示例市召开第{j}次工作会议", day, None, "",
                              links=list(NAV))


def sample_html(j: int) -> Document:
    nav = "".join(f'<a href="/col{i}/">栏目{i}</a>' for i in range(30))
    body = "<p>" + "为进一步推进有关工作，结合本市实际，现提出如下措施。" * 40 + "</p>"
    html = (f"<html><head><title>示例市第{j}号专项行动方案_示例市人民政府</title>"
            f'<meta name="PubDate" content="2025-03-10"></head><body><div>{nav}</div>'
            f"<table><tr><th>发文字号：</th><td>示政办发〔2025〕{j}号</td></tr></table>"
            f"<h1>示例市第{j}号专项行动方案</h1>{body}</body></html>")
    return Document(id=f"art/{j}.html", html=html)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    ref_n = min(n, 100_000)
    opts = LinkageOptions(as_of=date(2026, 1, 10))
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cpus; N = {n:,}")

    gc.collect()
    base = rss_bytes()
    t0 = time.perf_counter()
    ix = LinkageIndex(opts)
    for f in generate(n):
        ix.add(f)
    t1 = time.perf_counter()
    gc.collect()
    index_bytes = rss_bytes() - base
    res = resolve(ix)
    rules: dict[str, int] = {}
    for _, fs in res.groups():  # streamed, as `govreview scan` writes them
        for fd in fs:
            rules[fd.rule] = rules.get(fd.rule, 0) + 1
    t2 = time.perf_counter()
    gc.collect()
    peak_bytes = rss_bytes() - base
    pairs = sum(len(r.pairs) for r in res.rows)
    del res, ix
    gc.collect()

    # reference: keep every page as a Document (HTML ~3 KB, as sample_html)
    base2 = rss_bytes()
    keep = [sample_html(j) for j in range(ref_n)]
    gc.collect()
    ref_bytes = rss_bytes() - base2
    del keep
    gc.collect()

    m = 2000
    docs = [sample_html(j) for j in range(m)]
    t3 = time.perf_counter()
    for d in docs:
        extract(d)
    t4 = time.perf_counter()

    per_doc_index = index_bytes / n
    per_doc_ref = ref_bytes / ref_n
    print()
    print("| step | documents | time (s) | per document | memory |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(f"| pass 1: compact index | {n:,} | {t1 - t0:.1f} | {(t1 - t0) / n * 1e6:.1f} µs | {index_bytes / 2**20:.0f} MiB ({per_doc_index:.0f} B/doc) |")
    print(f"| pass 2: resolve + stream findings | {pairs:,} pairs, {sum(rules.values()):,} findings | {t2 - t1:.1f} | — | {peak_bytes / 2**20:.0f} MiB (index + pass-2 state) |")
    print(f"| reference: keep every Document | {ref_n:,} | — | — | {ref_bytes / 2**20:.0f} MiB ({per_doc_ref:.0f} B/doc) |")
    print(f"| feature extraction from HTML (~3 KB) | {m:,} | {t4 - t3:.2f} | {(t4 - t3) / m * 1e3:.2f} ms | — |")
    print()
    print(f"memory ratio index / keep-documents, per document: {per_doc_index / per_doc_ref:.3f} "
          f"(1 : {per_doc_ref / per_doc_index:.0f})")
    print(f"findings by rule: {dict(sorted(rules.items()))}")


if __name__ == "__main__":
    main()
