"""Full review of HTML pages against naive pyahocorasick, in one run, on one corpus and lexicon.

    python benchmarks/html_review.py [--size-mb 20] [--terms 5000] [--seed 11]

The core target (issue 2) is ``review() >= 2x naive`` where *naive* is pyahocorasick
``iter`` over each document's ``str`` with the raw terms. For HTML the review also
scans the tag stream, builds the lexbor DOM (hidden elements, ``<style>`` selector
matching), extracts and classifies every link (PSL) and runs the injection check,
so this script measures the same ratio on realistic government pages: a CMS
template (navigation with gov.cn links, a collapsed sub-menu, stylesheet,
scripts, footer) around a generated notice, every 20th page hacked with a hidden
block of casino links, every 50th a script redirect.

Prints MB/s (UTF-8 bytes of input per CPU second, single process, as ``throughput.py``) for

* ``naive``        — pyahocorasick ``iter`` on the HTML source ``str`` (no folding, no parsing);
* ``html-view``    — ``parse_html`` alone (scanner: text view + tag stream);
* ``html-dom``     — ``parse_html`` + the DOM structure (selectolax, hidden regions, links);
* ``review-html``  — ``Reviewer.review({"html": page})`` with every detector on;
* ``naive-text``   — pyahocorasick ``iter`` on the pages' text views;
* ``review-text``  — ``Reviewer.review(text)`` on those texts (what the same content costs as plain text);

each with its ratio to the naive run on the same input, and per-detector time shares of the HTML review.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from govreview import Reviewer  # noqa: E402
from govreview.model import Document  # noqa: E402
from govreview.html import parse_html  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import benchmark_lexicon  # noqa: E402

COMMON = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行"
          "学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外"
          "天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者")
SENTENCES = [
    "各乡镇人民政府、县直各部门：", "为切实做好安全生产工作，经县政府同意，现将有关事项通知如下。",
    "各单位要严格落实信息发布审核制度，政府网站不得链接商业网站，不得刊登商业广告。",
    "请于{m}月{d}日前将自查情况报县应急管理局，联系电话：0000-0000000。", "特此通知。",
    "根据《国务院办公厅关于印发政府网站发展指引的通知》（国办发〔2017〕47号）要求，做好年度报表发布工作。",
]
FILLER = [
    "各级各部门要高度重视，加强组织领导，明确责任分工，确保各项工作落到实处。",
    "要坚持问题导向，聚焦群众反映强烈的突出问题，建立台账，逐项销号。",
    "进一步完善工作机制，加强部门协同，形成工作合力，推动工作取得实效。",
    "对工作中发现的问题要及时整改，整改情况于每月底前报送县政府办公室。",
    "加强政策宣传解读，及时回应社会关切，营造良好舆论氛围。",
    "严格落实安全生产责任制，开展隐患排查治理，坚决防范遏制重特大事故发生。",
    "做好信息公开工作，依法依规公开政府信息，保障公众知情权、参与权和监督权。",
    "本方案自印发之日起施行，由县发展和改革局负责解释。",
]
TEMPLATE_HEAD = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{title}_某县人民政府</title><meta name="keywords" content="政务公开,通知公告">
<link rel="stylesheet" href="/css/main.css"><style>.subnav{{display:none;position:absolute}} .nav li:hover .subnav{{display:block}}
.sr-only{{position:absolute;left:-9999px}}</style><script src="/js/jquery.min.js"></script></head><body>
<div class="top"><a href="https://www.gov.cn/">中国政府网</a> | <a href="http://www.sheng.gov.cn/">省政府</a> | <a href="http://www.news.cn/">新华网</a></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a><ul class="subnav"><li><a href="/zwgk/zcwj/">政策文件</a></li>
<li><a href="http://www.mou.gov.cn/zwgk/jd/">政策解读</a></li></ul></li><li><a href="/hdjl/">互动交流</a></li></ul>
<div class="article"><h1>{title}</h1>
"""
TEMPLATE_FOOT = """</div><div class="footer"><p>主办单位：某县人民政府办公室　网站标识码：0000000001
<a href="https://beian.miit.gov.cn/">某ICP备00000000号</a></p></div>
<script>var _hmt = _hmt || []; function goTop(){{ window.scrollTo(0, 0); }}</script></body></html>
"""
HACK = ('<div style="position:absolute;top:-2000px"><a href="http://www.xpj{n}.com/">澳门新葡京</a>'
        '<a href="http://bjpk10-{n}.cc/">北京赛车pk10</a><a href="http://www.yl{n}.vip/">真人百家乐开户送彩金</a></div>')
REDIRECT = '<script>if(document.referrer.indexOf("baidu")>-1){{window.location.href="https://www.am{n}.com/";}}</script>'


def page(rng: random.Random, i: int) -> str:
    title = "关于" + "".join(rng.choice(COMMON) for _ in range(rng.randint(6, 14))) + "的通知"
    parts = [TEMPLATE_HEAD.format(title=title)]
    for _ in range(rng.randint(4, 30)):
        s = rng.choice(SENTENCES).format(m=rng.randint(1, 12), d=rng.randint(1, 28))
        filler = "".join(rng.choice(FILLER) for _ in range(rng.randint(1, 4)))
        parts.append(f"<p>{s}{filler}</p>\n")
        if rng.random() < 0.1:
            parts.append(f'<p>详见<a href="http://www.mou.gov.cn/art/{rng.randint(1, 99999)}.html">附件</a>。</p>\n')
    if i % 20 == 7:
        parts.append(HACK.format(n=i))
    if i % 50 == 13:
        parts.append(REDIRECT.format(n=i))
    parts.append(TEMPLATE_FOOT.format())
    return "".join(parts)


def corpus(size_mb: float, seed: int) -> list[str]:
    rng = random.Random(seed)
    docs, total, i = [], 0, 0
    while total < size_mb * 1e6:
        p = page(rng, i)
        docs.append(p)
        total += len(p.encode("utf-8"))
        i += 1
    return docs


def timed(fn, docs) -> float:
    """CPU seconds of this process (robust on a shared machine; the work is single-threaded), as throughput.py."""
    t0 = time.process_time()
    for d in docs:
        fn(d)
    return time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mb", type=float, default=20)
    ap.add_argument("--terms", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()

    docs = corpus(args.size_mb, args.seed)
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    issued, raw_terms, aut = benchmark_lexicon(args.terms)  # the core benchmark's lexicon (throughput.py)
    reviewer = Reviewer(lexicons=[issued])
    texts = [parse_html(d).view.text for d in docs]
    text_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    def naive(d):
        for _ in aut.iter(d):
            pass

    def dom(d):
        parse_html(d).structure  # noqa: B018

    det_time: dict[str, float] = defaultdict(float)

    def review_html(d):
        ctx = reviewer.prepare(Document(html=d))
        for spec, inst in reviewer.detectors:
            ctx._current = spec.name
            t0 = time.process_time()
            list(inst.detect(ctx))
            det_time[spec.name] += time.process_time() - t0

    reviewer.review({"html": docs[0]})  # warm caches (PSL load, automaton)
    rows = [  # (name, seconds, MB, baseline row)
        ("naive", timed(naive, docs), mb, "naive"),
        ("html-view", timed(parse_html, docs), mb, "naive"),
        ("html-dom", timed(dom, docs), mb, "naive"),
        ("review-html", timed(lambda d: reviewer.review({"html": d}), docs), mb, "naive"),
        ("naive-text", timed(naive, texts), text_mb, "naive-text"),
        ("review-text", timed(reviewer.review, texts), text_mb, "naive-text"),
    ]
    blocked = sum(reviewer.review({"html": d}).verdict.value == "block" for d in docs)
    rate = {name: size / secs for name, secs, size, _ in rows}
    print(f"corpus: {len(docs)} HTML pages, {mb:.1f} MB HTML ({text_mb:.1f} MB of view text), "
          f"{len(raw_terms)} terms; {blocked} pages blocked")
    print(f"{'what':<12} {'seconds':>8} {'MB/s':>8} {'x naive':>8}  (ratio to the naive run on the same input)")
    for name, secs, size, ref in rows:
        print(f"{name:<12} {secs:8.2f} {rate[name]:8.2f} {rate[name] / rate[ref]:8.2f}")
    sample = docs[: max(1, len(docs) // 5)]
    for d in sample:
        review_html(d)
    total = sum(det_time.values()) or 1
    print("detector share of HTML review time (sample of", len(sample), "pages, after prepare):")
    for name, t in sorted(det_time.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<16} {100 * t / total:5.1f}%")


if __name__ == "__main__":
    main()
