"""A self-contained Chinese HTML report for reviewers: one file, no server, no network.

Streamed: each document with findings or errors is written as it arrives; the
summary and the filter controls (category / severity / rule) are written at
the end and moved to the top by a few lines of inline script (without script
the page still reads top to bottom). Every finding shows its highlighted
context (``contexts`` from the scan, else the matched text alone) and its
location (archive member, sheet/cell, page). Everything from the scanned
pages is HTML-escaped: the report never runs content it shows.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import IO

from ..model import Report
from .csv_format import location_str

_SEV_ZH = {"high": "高", "medium": "中", "low": "低", "info": "提示"}
_CAT_ZH = {"sensitive": "敏感词", "secrecy": "涉密", "pii": "个人信息", "advertising": "广告/博彩", "link": "链接",
           "linkage": "政策解读关联", "quality": "文字质量"}
_VERDICT_ZH = {"block": "拦截", "review": "需复核", "pass": "通过"}

_HEAD = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>govreview 审查报告</title>
<style>
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
.doc{border:1px solid #ccc;border-radius:6px;margin:1em 0;padding:.5em 1em}
.doc h3{margin:.3em 0;font-size:1em}.f{margin:.4em 0;padding:.3em;border-left:4px solid #999}
.sev-high{border-color:#c00}.sev-medium{border-color:#e90}.sev-low{border-color:#09c}.sev-info{border-color:#aaa}
.badge{display:inline-block;padding:0 .4em;border-radius:3px;color:#fff;font-size:.85em}
.b-high{background:#c00}.b-medium{background:#e90}.b-low{background:#09c}.b-info{background:#888}
mark{background:#fd5;font-weight:bold}.ctx{font-family:monospace;background:#f7f7f7;padding:.2em;white-space:pre-wrap}
.err{color:#808}.loc{color:#555;font-size:.9em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em}
#filters select{margin-right:1em}
</style></head><body>
<h1>govreview 审查报告</h1>
<div id="docs">
"""


def _clip(text: str, width: int = 120) -> str:
    return text if len(text) <= width else text[:width] + "…"


class HtmlReporter:
    def __init__(self, stream: IO[str], **options: object):
        self.stream = stream
        self.docs = 0
        self.shown = 0
        self.rules: Counter[tuple[str, str]] = Counter()
        self.cats: Counter[str] = Counter()
        self.verdicts: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.sections: list[str] = []
        stream.write(_HEAD)

    def add(self, report: Report, contexts: list[tuple[str, ...]] | None = None, **_: object) -> None:
        self.docs += 1
        self.verdicts[report.verdict.value] += 1
        for e in report.errors:
            self.errors[e.kind] += 1
        if not report.findings and not report.errors:
            return
        self.shown += 1
        d = report.document
        v = report.verdict.value
        out = [f'<div class="doc" data-verdict="{v}"><h3>{escape(d.id)} — 结论：{_VERDICT_ZH[v]}'
               + (f' <span class="loc">{escape(d.source)}</span>' if d.source and d.source != d.id else "") + "</h3>"]
        for i, f in enumerate(report.findings):
            sev, cat = f.severity.value, f.category.value
            self.rules[(f.rule, sev)] += 1
            self.cats[cat] += 1
            ctx = contexts[i] if contexts and i < len(contexts) else ("", "")
            before, shown, after = ctx if len(ctx) == 3 else (ctx[0], f.text, ctx[-1])
            # a page's finding is shown as its text reads; its source (what the offsets point at) beside it
            src = (f'<br><span class="loc">源码：{escape(_clip(f.text))}</span>'
                   if f.text and shown != f.text else "")
            loc = location_str(f.location)
            pos = f"字符 {f.start}–{f.end}" if f.start is not None else "文档级"
            out.append(
                f'<div class="f sev-{sev}" data-sev="{sev}" data-cat="{cat}" data-rule="{escape(f.rule)}">'
                f'<span class="badge b-{sev}">{_SEV_ZH[sev]}</span> <b>{escape(f.rule)}</b> '
                f'〔{_CAT_ZH.get(cat, cat)}〕 {escape(f.message)}<br>'
                f'<span class="ctx">…{escape(before)}<mark>{escape(shown)}</mark>{escape(after)}…</span>{src}<br>'
                f'<span class="loc">位置：{escape(loc) or "正文"}；{pos}；置信度 {f.confidence:.2f}</span></div>')
        for e in report.errors:
            out.append(f'<div class="err">错误〔{escape(e.kind)}〕：{escape(e.message)}</div>')
        out.append("</div>\n")
        self.stream.write("".join(out))

    def add_section(self, fragment: str) -> None:
        """A collection-level part of the report (the policy ↔ 解读 table): written after the documents, in a
        section of its own, and linked from the summary. An empty fragment adds nothing."""
        if fragment.strip():
            self.sections.append(fragment)

    def close(self) -> None:
        w = self.stream.write
        w("</div>\n")
        for fragment in self.sections:
            w(f'<section class="extra">{fragment}</section>\n')
        w('<div id="summary"><h2>汇总</h2>')
        w(f"<p>文档 {self.docs} 个；有发现或错误的 {self.shown} 个；结论："
          + "，".join(f"{_VERDICT_ZH[k]} {self.verdicts.get(k, 0)}" for k in ("block", "review", "pass")) + "</p>")
        if self.rules:
            w("<table><tr><th>规则</th>" + "".join(f"<th>{_SEV_ZH[s]}</th>" for s in _SEV_ZH) + "</tr>")
            for rule in sorted({r for r, _ in self.rules}):
                w(f"<tr><td>{escape(rule)}</td>" + "".join(f"<td>{self.rules.get((rule, s), '')}</td>" for s in _SEV_ZH) + "</tr>")
            w("</table>")
        if any('id="linkage"' in x for x in self.sections):
            w('<p><a href="#linkage">政策文件与解读关联表</a></p>')
        if self.errors:
            w("<p>错误：" + "，".join(f"{escape(k)} {n}" for k, n in sorted(self.errors.items())) + "</p>")
        w('</div>\n<div id="filters"><h2>筛选</h2>')
        w('类别 <select id="f-cat"><option value="">全部</option>'
          + "".join(f'<option value="{c}">{_CAT_ZH.get(c, c)}</option>' for c in sorted(self.cats)) + "</select>")
        w('严重程度 <select id="f-sev"><option value="">全部</option>'
          + "".join(f'<option value="{s}">{z}</option>' for s, z in _SEV_ZH.items()) + "</select>")
        w('规则 <select id="f-rule"><option value="">全部</option>'
          + "".join(f'<option value="{escape(r)}">{escape(r)}</option>' for r in sorted({r for r, _ in self.rules})) + "</select>")
        w("</div>\n<script>\n"
          "const b=document.body,h=document.querySelector('h1');"
          "h.after(document.getElementById('filters'));h.after(document.getElementById('summary'));\n"
          "function apply(){const c=document.getElementById('f-cat').value,s=document.getElementById('f-sev').value,"
          "r=document.getElementById('f-rule').value;\n"
          "document.querySelectorAll('.f').forEach(e=>{e.style.display=((!c||e.dataset.cat==c)&&(!s||e.dataset.sev==s)&&(!r||e.dataset.rule==r))?'':'none'});\n"
          "document.querySelectorAll('.doc').forEach(d=>{const fs=d.querySelectorAll('.f');const any=[...fs].some(e=>e.style.display!='none');"
          "d.style.display=(fs.length==0&&!c&&!s&&!r)||any?'':'none'});}\n"
          "['f-cat','f-sev','f-rule'].forEach(i=>document.getElementById(i).addEventListener('change',apply));\n"
          "</script></body></html>\n")
        self.stream.flush()
