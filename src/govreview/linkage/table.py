"""The per-site table reviewers read: each policy with its interpretation status, then orphan interpretations."""

from __future__ import annotations

from datetime import date
from typing import IO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .resolve import LinkageResult, Pair

STATUS_ZH = {"ok": "按时", "late": "逾期", "missing": "缺少解读", "pending": "未到期", "exempt": "无需解读",
             "undetermined": "无法判断", "attached": "待人工核实"}
_STATUS_STYLE = {"ok": "green", "late": "yellow", "missing": "bold red", "pending": "cyan", "exempt": "dim",
                 "undetermined": "magenta", "attached": "blue"}
_EVIDENCE_ZH = {"link": "链接(解读→文件)", "backlink": "链接(文件→解读)", "title": "标题", "docno": "文号"}


def evidence_label(pair: Pair) -> str:
    seen: dict[str, None] = {}
    for e in pair.evidence:
        seen.setdefault(_EVIDENCE_ZH.get(e["type"].split(":")[0], e["type"]))
    return "\n".join(seen)


def link_label(pair: Pair) -> str:
    a, b = pair.linked_to_policy, pair.linked_from_policy
    return "双向" if a and b else "仅解读→文件" if a else "仅文件→解读" if b else "无"



def elsewhere_label(found: list[dict]) -> str:
    """Where a policy gives its interpretation when it is not a page of the collection (status ``attached``)."""
    out = []
    for e in found:
        what = {"attachment": "附件", "embedded": "同页", "external": "站外", "not-in-export": "未导出页面",
                "unconfirmed": "待确认页面"}[e["type"]]
        out.append(f"{what}：{e['what']}" if e["type"] == "embedded" else f"{what}：{e['anchor']} {e['href']}")
    return "\n".join(out)


def _day(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat() if ordinal else "—"


def build_table(result: LinkageResult) -> Table:
    o = result.options
    t = Table(title=f"政策文件与解读关联 Policy ↔ interpretation — {len(result.rows)} 个政策文件，时限 {o.deadline_days} 个工作日",
              show_lines=True)
    t.add_column("政策文件 policy", overflow="fold", ratio=3)
    t.add_column("文号", no_wrap=True)
    t.add_column("发布", no_wrap=True)
    t.add_column("解读 interpretation", overflow="fold", ratio=3)
    t.add_column("依据", overflow="fold", ratio=1)
    t.add_column("工作日", justify="right", no_wrap=True)
    t.add_column("互链", no_wrap=True)
    t.add_column("状态", overflow="fold", ratio=1)
    for row in result.rows:
        p = row.policy
        docno = p.own_docnos[0][0] if p.own_docnos else "—"
        if row.pairs:
            interps = "\n".join(f"{escape(q.interpretation.title)}\n[dim]{escape(q.interpretation.id)}[/dim]" for q in row.pairs)
            ev = "\n".join(evidence_label(q) for q in row.pairs)
            days = "\n\n".join(str(q.workdays.days) if q.workdays else "?" for q in row.pairs)
            links = "\n\n".join(link_label(q) for q in row.pairs)
        elif row.elsewhere:
            interps, ev, days, links = escape(elsewhere_label(row.elsewhere)), "", "", ""
        else:
            interps, ev, days, links = "—", "", "", ""
        status = f"[{_STATUS_STYLE[row.status]}]{STATUS_ZH[row.status]}[/]"
        if row.note:
            status += f"\n[dim]{escape(row.note)}[/dim]"
        t.add_row(f"{escape(p.title)}\n[dim]{escape(p.id)}[/dim]", escape(docno), _day(p.day), interps, ev, days,
                  links, status)
    return t


def _url_note_matters(result: LinkageResult) -> bool:
    """Made-up URLs only hurt matching links between policies and interpretations: on a collection with
    neither (an archive of news pages and attachments) the advice to pass --base-url is noise."""
    counts = result.counts
    return bool(result.placeholder_urls and (counts.get("policy", 0) or counts.get("interpretation", 0)))


def render_text(result: LinkageResult, stream: IO[str]) -> None:
    c = Console(file=stream, highlight=False, soft_wrap=False, width=160)
    if result.rows:  # an archive of news pages and attachments has no policy: no empty table, the counts say so
        c.print(build_table(result))
    if result.orphans:
        t = Table(title=f"找不到政策文件的解读 Orphan interpretations — {len(result.orphans)}")
        t.add_column("解读 interpretation", overflow="fold", ratio=1)
        t.add_column("发布", no_wrap=True)
        t.add_column("原因", overflow="fold", ratio=2)
        for o in result.orphans:
            t.add_row(f"{escape(o.rec.title)}\n[dim]{escape(o.rec.id)}[/dim]", _day(o.rec.day), escape(o.why))
        c.print(t)
    o = result.options
    counts = result.counts
    c.print(f"页面分类: 政策文件 {counts.get('policy', 0)}，解读 {counts.get('interpretation', 0)}，其他 {counts.get('other', 0)}；"
            f"工作日历: {escape(result.calendar)}；参考日期: {o.reference_date().isoformat()}")
    if _url_note_matters(result):
        c.print(f"[yellow]注意[/yellow]: {result.placeholder_urls} 个页面没有 URL（导出未给出 url，页面也无 canonical/SiteDomain），"
                "指向本站的绝对链接无法与之匹配；请用 --base-url 指定站点根地址。")
    c.print()


def render_html(result: LinkageResult) -> str:
    """The same table as an HTML fragment for the ``--format html`` report (everything escaped): a section of
    its own, or "" when the collection has neither a policy nor an interpretation to show."""
    from html import escape as h

    if not result.rows and not result.orphans:
        return ""
    o = result.options
    out = [f'<div class="linkage" id="linkage"><h2>政策文件与解读关联 — {len(result.rows)} 个政策文件，'
           f"时限 {o.deadline_days} 个工作日</h2>"]
    if result.rows:
        out.append("<table><tr><th>政策文件</th><th>文号</th><th>发布</th><th>解读</th><th>依据</th><th>工作日</th>"
                   "<th>互链</th><th>状态</th></tr>")
    for row in result.rows:
        p = row.policy
        docno = p.own_docnos[0][0] if p.own_docnos else "—"
        interps = "<br>".join(f"{h(q.interpretation.title)}<br><small>{h(q.interpretation.id)}</small>" for q in row.pairs) \
            or h(elsewhere_label(row.elsewhere)).replace("\n", "<br>") or "—"
        ev = "<br>".join(h(evidence_label(q).replace("\n", " + ")) for q in row.pairs)
        days = "<br>".join(str(q.workdays.days) if q.workdays else "?" for q in row.pairs)
        links = "<br>".join(link_label(q) for q in row.pairs)
        status = f'<span class="status-{row.status}">{STATUS_ZH[row.status]}</span>' + (f"<br><small>{h(row.note)}</small>" if row.note else "")
        out.append(f"<tr><td>{h(p.title)}<br><small>{h(p.id)}</small></td><td>{h(docno)}</td><td>{_day(p.day)}</td>"
                   f"<td>{interps}</td><td>{ev}</td><td>{days}</td><td>{links}</td><td>{status}</td></tr>")
    if result.rows:
        out.append("</table>")
    if result.orphans:
        out.append(f"<h3>找不到政策文件的解读 — {len(result.orphans)}</h3><table><tr><th>解读</th><th>发布</th><th>原因</th></tr>")
        for orph in result.orphans:
            out.append(f"<tr><td>{h(orph.rec.title)}<br><small>{h(orph.rec.id)}</small></td><td>{_day(orph.rec.day)}</td>"
                       f"<td>{h(orph.why)}</td></tr>")
        out.append("</table>")
    counts = result.counts
    out.append(f"<p>页面分类：政策文件 {counts.get('policy', 0)}，解读 {counts.get('interpretation', 0)}，"
               f"其他 {counts.get('other', 0)}；工作日历：{h(result.calendar)}；参考日期：{o.reference_date().isoformat()}</p>")
    if _url_note_matters(result):
        out.append(f"<p>注意：{result.placeholder_urls} 个页面没有 URL，指向本站的绝对链接无法与之匹配；请用 --base-url 指定站点根地址。</p>")
    out.append("</div>\n")
    return "".join(out)
