"""Pass 2: pair interpretations with policies, then apply the four rules.

Evidence, strongest first: an explicit link (either direction), the policy's
title cited by the interpretation (in its headline, or quoted in 《》), the
policy's 文号 cited in the text. An interpretation interprets the policies it
links to or that link to it; without links, the policies with the best
title/文号 score (so the 文号 of a legal basis cited further down does not
pair it with the wrong policy). Findings go on the page that must change and
name the other page in ``related``; ``explanation.details`` says which
evidence matched and how working days were counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model import Explanation, Finding, fingerprint
from ..registry import Rule
from . import rules as R
from .classify import Kind
from .index import LinkageIndex, Record, anchor_names, interp_anchor, is_attachment
from .options import LinkageOptions
from .titles import title_keys
from .urls import host_of, same_host, url_hash, url_key
from .workdays import OutsideCalendar, WorkCalendar, WorkdayCount

_SCORES = {"link": 100, "backlink": 100, "title:headline": 6, "title:quoted-in-title": 6, "docno:title": 6,
           "title:quoted-in-text": 3, "docno:text": 2}


@dataclass
class Pair:
    policy: Record
    interpretation: Record
    evidence: list[dict[str, Any]] = field(default_factory=list)
    workdays: WorkdayCount | None = None
    calendar_problem: str | None = None
    dead_link: bool = False  # the interpretation's policy link is dead: reported as orphan, not as missing backlink

    @property
    def linked_to_policy(self) -> bool:
        return any(e["type"] == "link" for e in self.evidence)

    @property
    def linked_from_policy(self) -> bool:
        return any(e["type"] == "backlink" for e in self.evidence)


@dataclass
class PolicyStatus:
    """One row of the per-site table."""

    policy: Record
    pairs: list[Pair]
    status: str  # ok | late | missing | pending | exempt | undetermined | attached
    note: str = ""
    deadline: date | None = None
    #: status ``attached``: where the policy page gives its interpretation (an attachment, a page outside this
    #: export, a section of the page itself), each ``{"type", "href", "anchor"}`` or ``{"type": "embedded", "what"}``
    elsewhere: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Orphan:
    """An interpretation without a policy in the collection, or with a dead policy link."""

    rec: Record
    why: str
    dead: list[tuple[str, str]]
    related: list[Record]
    evidence: list[list[dict[str, Any]]]


@dataclass
class LinkageResult:
    """Statuses are computed; findings are built on demand (``groups`` streams them page by page)."""

    rows: list[PolicyStatus]
    orphans: list[Orphan]
    calendar: str
    counts: dict[str, int]
    options: LinkageOptions
    cal: WorkCalendar
    keep: Callable[[Finding], Finding | None] | None = None
    placeholder_urls: int = 0
    _findings: list[Finding] | None = None

    def groups(self) -> Iterator[tuple[Record, list[Finding]]]:
        """(page, its findings) in table order; a page paired with two policies may come twice."""
        for rec, fs in _iter_groups(self):
            if self.keep is not None:
                fs = [k for k in map(self.keep, fs) if k is not None]
            if fs:
                yield rec, fs

    @property
    def findings(self) -> list[Finding]:
        if self._findings is None:
            self._findings = [f for _, fs in self.groups() for f in fs]
        return self._findings


def _d(day: int) -> date | None:
    return date.fromordinal(day) if day else None


def _candidates(ix: LinkageIndex, interp: Record, backlinks: dict[int, list[int]],
                limit: int) -> dict[int, list[dict[str, Any]]]:
    """Evidence per candidate policy. Links from a page that links to more than ``limit`` pages of the other
    kind (a 最新解读/最新文件 sidebar on every page) are marked ``template``: they still count as links
    between a pair found by title or 文号, but do not make a pair on their own."""
    ev: dict[int, list[dict[str, Any]]] = {}
    targets = [t for t in (ix.target(h) for h in interp.links) if t is not None and t.kind.value == "policy"]
    auto = {t.rid for t in (ix.target(h) for h in interp.auto_links) if t is not None and t.kind.value == "policy"}
    forward_template = len(targets) > limit
    for t in targets + [ix.records[r] for r in sorted(auto - {t.rid for t in targets})]:
        href, text = next(((hr, tx) for h, hr, tx in interp.ref_links if ix.url_to_rid.get(h) == t.rid), (t.url, ""))
        e = {"type": "link", "from": interp.id, "href": href, "anchor": text}
        if forward_template or t.rid in auto:
            e["template"] = True
        ev.setdefault(t.rid, []).append(e)
    back = backlinks.get(interp.rid, {})
    for prid, from_box in back.items():
        p = ix.records[prid]
        e = {"type": "backlink", "from": p.id, "href": interp.url}
        if from_box or len(back) > limit or ix.link_fanout.get(prid, 0) > limit:
            e["template"] = True
        ev.setdefault(prid, []).append(e)
    for rank, dn in enumerate(interp.cited_docnos):
        for prid, own, how in ix.policies_with_docno(dn):
            where = "title" if dn in interp.title else "text"
            items = ev.setdefault(prid, [])
            if not any(e["type"].startswith("docno:") for e in items):
                items.append({"type": f"docno:{where}", "docno": own, "cited": dn, "match": how, "order": rank})
    for key, where, rank in interp.cited_keys:
        for prid in ix.policies_with_title(key):
            items = ev.setdefault(prid, [])
            if not any(e["type"] == f"title:{where}" for e in items):
                items.append({"type": f"title:{where}", "title": key, "order": rank})
    return ev


def _choose(ev: dict[int, list[dict[str, Any]]]) -> list[int]:
    if not ev:
        return []
    score = {rid: sum(0 if e.get("template") else _SCORES.get(e["type"], 1) for e in items) for rid, items in ev.items()}
    linked = [rid for rid, items in ev.items() if any(e["type"] in ("link", "backlink") and not e.get("template")
                                                       for e in items)]
    if linked:
        return sorted(linked)
    score = {rid: s for rid, s in score.items() if any(not e["type"].endswith("link") for e in ev[rid])}
    if not score:
        return []
    best = max(score.values())
    tied = [rid for rid, s in score.items() if s == best]
    if len(tied) > 1:  # equal evidence: the policy cited first is the one interpreted (the others are its basis)
        first = {rid: min(e.get("order", 10**6) for e in ev[rid]) for rid in tied}
        lowest = min(first.values())
        tied = [rid for rid in tied if first[rid] == lowest]
    return sorted(tied)


def resolve(ix: LinkageIndex, calendar: WorkCalendar | None = None) -> LinkageResult:
    opts = ix.options
    cal = calendar or WorkCalendar(opts.calendar_files)
    hosts = {same_host(h.strip().lower().rstrip(".")) for h in opts.site_hosts}

    interp_fanin = _promote(ix, opts.template_link_limit)
    # interpretation rid → {policy rid: linked only from a box the CMS fills (相关文章, 最新解读…)}
    backlinks: dict[int, dict[int, bool]] = {}
    for p in ix.policies():
        fanout = 0
        for hashes, from_box in ((p.links, False), (p.auto_links, True)):
            for h in set(hashes):
                t = ix.target(h)
                if t is not None and t.kind.value == "interpretation":
                    links = backlinks.setdefault(t.rid, {})
                    if p.rid not in links:
                        links[p.rid] = from_box
                        fanout += 1
        if fanout:
            ix.link_fanout[p.rid] = fanout

    pairs_by_policy: dict[int, list[Pair]] = {}
    orphans: list[Orphan] = []
    for it in ix.interpretations():
        ev = _candidates(ix, it, backlinks, opts.template_link_limit)
        chosen = _choose(ev)
        dead = [(href, text) for h, href, text in it.ref_links
                if _same_site(href, it, hosts) and not ix.url_exists(h)]
        if dead:
            href, text = dead[0]
            orphans.append(Orphan(it, f"指向政策文件的链接已失效：{href}（“{text}”）", dead,
                                  [ix.records[r] for r in chosen], [ev[r] for r in chosen]))
        elif not chosen:
            cited = [f"《{k}》" for k, w, _ in it.cited_keys if w != "headline"][:3] + list(it.cited_docnos[:3])
            why = "站内未找到被解读的政策文件" + (f"（引用：{'、'.join(cited)}）" if cited else "（页面未引用任何政策文件标题、文号或链接）")
            orphans.append(Orphan(it, why, [], [], []))
        for prid in chosen:
            pairs_by_policy.setdefault(prid, []).append(Pair(ix.records[prid], it, ev[prid], dead_link=bool(dead)))

    rows: list[PolicyStatus] = []
    as_of = opts.reference_date()
    n = opts.deadline_days
    for p in ix.policies():
        pairs = sorted(pairs_by_policy.pop(p.rid, []), key=lambda q: (q.interpretation.day or 10**9, q.interpretation.id))
        pday = _d(p.day)
        due = None
        due_problem = None
        if pday:
            try:
                due = cal.deadline(pday, n)
            except OutsideCalendar as exc:
                due_problem = _outside_msg(exc)
        for q in pairs:
            iday = _d(q.interpretation.day)
            if pday and iday:
                try:
                    q.workdays = cal.count(pday, iday)
                except OutsideCalendar as exc:
                    q.calendar_problem = _outside_msg(exc)
        if pairs:
            first = pairs[0]
            if first.workdays is not None:
                status = "late" if first.workdays.days > n else "ok"
                note = f"{first.workdays.days} 个工作日"
                if first.interpretation.day < p.day:  # a wrong date in the CMS, or a wrong pair: worth a look
                    note += f"（解读早于政策文件 {p.day - first.interpretation.day} 天发布）"
                row = PolicyStatus(p, pairs, status, note, due)
            else:
                why = first.calendar_problem or ("政策文件缺少发布日期" if not pday else "解读缺少发布日期")
                row = PolicyStatus(p, pairs, "undetermined", why, due)
        elif p.exempt:
            row = PolicyStatus(p, [], "exempt", p.exempt, due)
        elif (found := _elsewhere(ix, p, interp_fanin, opts.template_link_limit, hosts)):
            row = PolicyStatus(p, [], "attached", "；".join(_ELSEWHERE_ZH[e["type"]] for e in found[:1]), due, found)
        elif not pday:
            row = PolicyStatus(p, [], "undetermined", "政策文件缺少发布日期")
        elif due is None:
            row = PolicyStatus(p, [], "undetermined", due_problem or "")
        elif as_of > due:
            row = PolicyStatus(p, [], "missing", f"期限 {due.isoformat()}", due)
        else:
            row = PolicyStatus(p, [], "pending", f"期限 {due.isoformat()}", due)
        rows.append(row)
    counts = {k.value: v for k, v in ix.counts.items()}
    return LinkageResult(rows, orphans, cal.describe(), counts, opts, cal, placeholder_urls=ix.placeholder_urls)


def _iter_groups(res: LinkageResult) -> Iterator[tuple[Record, list[Finding]]]:
    """Findings page by page: a policy, then each of its interpretations; orphans last."""
    opts, cal = res.options, res.cal
    n = opts.deadline_days
    as_of = opts.reference_date()
    for row in res.rows:
        p = row.policy
        pday = _d(p.day)
        on_p: list[Finding] = []
        for q in row.pairs:
            if not q.dead_link and not q.linked_from_policy:
                on_p.append(_finding(R.MISSING_BACKLINK, p, [q.interpretation.id],
                                     f"政策文件页面缺少指向其解读的链接：{q.interpretation.title}", 0.85,
                                     {"missing": "policy → interpretation", "interpretation_url": q.interpretation.url,
                                      "matched_by": ev_summary(q.evidence)}))
        if row.status == "missing":
            on_p.append(_finding(
                R.MISSING_INTERPRETATION, p, [],
                f"政策文件发布已超过 {n} 个工作日（期限 {row.deadline.isoformat()}），站内未找到对应的政策解读", 0.8,
                {"policy_published": pday.isoformat(), "deadline": row.deadline.isoformat(), "as_of": as_of.isoformat(),
                 "deadline_working_days": n, "calendar": [cal.source_for(pday)],
                 "working_days_elapsed": _safe_count(cal, pday, as_of), "policy_docnos": [d for d, _ in p.own_docnos],
                 "classification": list(p.reasons)}))
        elif row.status == "attached":
            on_p.append(_finding(R.ATTACHED_INTERPRETATION, p, [], _attached_message(row.elsewhere), 0.7,
                                 {"interpretation_elsewhere": [dict(e) for e in row.elsewhere],
                                  "policy_published": pday.isoformat() if pday else None,
                                  "deadline": row.deadline.isoformat() if row.deadline else None,
                                  "classification": list(p.reasons)}))
        elif row.status == "undetermined" and not row.pairs:
            msg = ("无法判断是否应已发布解读：政策文件缺少发布日期" if not pday
                   else f"站内未找到解读，且无法计算解读期限：{row.note}")
            on_p.append(_finding(R.UNDETERMINED, p, [], msg, 0.9,
                                 {"reason": row.note, "calendar": cal.describe(),
                                  "policy_published": pday.isoformat() if pday else None,
                                  "classification": list(p.reasons)}))
        if on_p:
            yield p, on_p
        for k, q in enumerate(row.pairs):
            it = q.interpretation
            on_i: list[Finding] = []
            if not q.dead_link and not q.linked_to_policy:
                on_i.append(_finding(R.MISSING_BACKLINK, it, [p.id], f"解读页面缺少指向政策文件的链接：{p.title}", 0.85,
                                     {"missing": "interpretation → policy", "policy_url": p.url,
                                      "matched_by": ev_summary(q.evidence)}))
            if k == 0 and row.status == "late":
                on_i.append(_finding(
                    R.LATE, it, [p.id],
                    f"解读发布于政策文件发布后第 {q.workdays.days} 个工作日，超过 {n} 个工作日时限：{p.title}", 0.9,
                    {**q.workdays.details(), "deadline_working_days": n, "policy_published": pday.isoformat(),
                     "interpretation_published": _d(it.day).isoformat(), "matched_by": ev_summary(q.evidence)}))
            elif k == 0 and row.status == "undetermined":
                on_i.append(_finding(R.UNDETERMINED, it, [p.id], f"无法判断解读是否逾期：{row.note}", 0.9,
                                     {"reason": row.note, "calendar": cal.describe(), "matched_by": ev_summary(q.evidence)}))
            if on_i:
                yield it, on_i
    for o in res.orphans:
        it = o.rec
        if o.dead:
            href = o.dead[0][0]
            f = _finding(R.ORPHAN_INTERPRETATION, it, [r.id for r in o.related],
                         f"解读页面指向政策文件的链接在本站已失效（或该页面不在本次导出中）：{href}", 0.85,
                         {"dead_links": [{"href": h2, "anchor": t2} for h2, t2 in o.dead],
                          "resolved_by_other_evidence": [ev_summary(e) for e in o.evidence],
                          "classification": list(it.reasons)})
        else:
            f = _finding(R.ORPHAN_INTERPRETATION, it, [], f"{o.why}：{it.title}", 0.6 if o.why.endswith("链接）") else 0.7,
                         {"cited_titles": [k for k, _, _ in it.cited_keys], "cited_docnos": list(it.cited_docnos),
                          "classification": list(it.reasons)})
        yield it, [f]


_ELSEWHERE_ZH = {"attachment": "解读以附件形式提供", "embedded": "解读与政策文件在同一页面",
                 "external": "解读链接指向站外页面", "not-in-export": "解读链接指向本次导出之外的页面",
                 "unconfirmed": "解读链接指向的页面未能确认"}


def _promote(ix: LinkageIndex, limit: int) -> dict[int, int]:
    """Pages whose title is only a column name (政策问答, 解读) or names a genre without citing a policy stay *other*
    in pass 1. A policy that links to one as its interpretation (anchor 解读, 政策问答, 《X》政策解读…) makes it one,
    when the page confirms it: it links back, or cites the policy's title or 文号 outside its links, or the anchor
    names the policy. A page linked so from more than ``limit`` policies is a column, not an interpretation.
    Returns how many policies give each URL hash as their interpretation (for :func:`_elsewhere`)."""
    fanin: dict[int, int] = {}
    froms: dict[int, list[tuple[Record, str]]] = {}
    for p in ix.policies():
        for h, _, anchor, _ in p.interp_links:
            fanin[h] = fanin.get(h, 0) + 1
            t = ix.target(h)
            if t is not None and t.candidate:
                froms.setdefault(t.rid, []).append((p, anchor))
    for rid, linked in froms.items():
        if len(linked) > limit:
            continue
        t = ix.records[rid]
        for p, anchor in linked:
            why = _confirms(ix, t, p, anchor)
            if why:
                t.kind = Kind.interpretation
                t.candidate = False
                t.reasons = (*t.reasons, f"政策文件“{p.title}”以“{anchor}”链接到本页，且{why}，作为其解读")
                ix.counts[Kind.other] -= 1
                ix.counts[Kind.interpretation] += 1
                break
    return fanin


def _confirms(ix: LinkageIndex, page: Record, policy: Record, anchor: str) -> str | None:
    key = url_key(policy.url)
    if key and url_hash(key) in page.links:
        return "本页链接回该文件"
    for dn in page.cited_docnos:
        if any(rid == policy.rid for rid, _, _ in ix.policies_with_docno(dn)):
            return f"本页正文引用其文号 {dn}"
    keys = title_keys(policy.title)
    for k, _, _ in page.cited_keys:
        if k in keys:
            return f"本页正文引用其标题“{k}”"
    kind = interp_anchor(anchor)
    if kind and kind[1] and anchor_names(kind[1], policy.title):
        return "链接文字点明该文件"
    return None


def _elsewhere(ix: LinkageIndex, p: Record, fanin: dict[int, int], limit: int, hosts: set[str]) -> list[dict[str, Any]]:
    """Where a policy without an interpretation page in the collection gives one anyway: an attachment (PDF, Word,
    一图读懂 image), a page on another site or not in this export, a page it links to as its 解读 that could not
    be confirmed, or a 解读 set into its own page. Links that many policies share (a column, a sidebar) and links
    whose anchor only names the genre (政策解读, unless it is a file) do not count."""
    found: list[dict[str, Any]] = []
    for h, href, anchor, generic in p.interp_links:
        if fanin.get(h, 0) > limit:
            continue
        t = ix.target(h)
        if t is not None and not t.candidate:
            continue  # a policy, or an interpretation (paired elsewhere if it is this policy's)
        attachment = is_attachment(href, anchor)
        if not generic:  # 《X》政策解读: X must be this policy (a city policy's link to the province's 解读 is not)
            subject = (interp_anchor(anchor) or ("", ""))[1] or ""
            if not anchor_names(subject, p.title, abbreviated=attachment):
                continue
        if attachment:
            kind = "attachment"
        elif t is not None:  # a page titled only 政策问答 that does not cite this policy: say so, do not decide
            kind = "unconfirmed"
        elif generic:
            continue
        elif ix.url_exists(h):
            continue  # a page in the export that is neither policy nor interpretation
        elif _same_site(href, p, hosts):
            kind = "not-in-export"
        else:
            kind = "external"
        found.append({"type": kind, "href": href, "anchor": anchor})
    if p.embedded:
        found.append({"type": "embedded", "what": p.embedded})
    return found


def _attached_message(found: list[dict[str, Any]]) -> str:
    e = found[0]
    if e["type"] == "embedded":
        where = f"解读与政策文件在同一页面发布（{e['what']}）"
    elif e["type"] == "attachment":
        where = f"解读以附件形式提供（“{e['anchor']}”：{e['href']}）"
    elif e["type"] == "unconfirmed":
        where = f"政策文件以“{e['anchor']}”链接的页面未能确认是其解读（{e['href']}）"
    else:
        where = f"解读链接指向{'站外页面' if e['type'] == 'external' else '本次导出之外的页面'}（“{e['anchor']}”：{e['href']}）"
    more = f"，另有 {len(found) - 1} 处" if len(found) > 1 else ""
    return f"站内未找到解读页面，{where}{more}：无法核实其内容与发布时间，请人工核实"


def _safe_count(cal: WorkCalendar, a: date, b: date) -> int | None:
    try:
        return cal.count(a, b).days
    except OutsideCalendar:
        return None


def _outside_msg(exc: OutsideCalendar) -> str:
    return (f"日期 {exc.day.isoformat()} 超出已知工作日历（{exc.known}），"
            f"请在 options.linkage.calendar_files 中提供 {exc.day.year} 年节假日安排")


def _same_site(href: str, rec: Record, hosts: set[str]) -> bool:
    h = host_of(url_key(href))
    return h is not None and (same_host(h) == same_host(rec.host or "") or same_host(h) in hosts)


def ev_summary(evidence: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [dict(e) for e in evidence]


def _finding(rule: Rule, on: Record, related: list[str], message: str, confidence: float,
             details: dict[str, Any]) -> Finding:
    return Finding(
        rule=rule.id, category=rule.category, severity=rule.severity, start=None, end=None, text="",
        message=message, confidence=confidence,
        explanation=Explanation(detector="linkage", details={"document_id": on.id, "document_url": on.url, **details}),
        fingerprint=fingerprint(rule.id, "|".join(sorted(related)) or on.title, on.id),
        related=list(related),
    )


__all__ = ["LinkageResult", "Orphan", "Pair", "PolicyStatus", "resolve"]
