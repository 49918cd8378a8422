"""Links to commercial sites, hidden dark links (暗链) and redirects, one finding per target.

Every outbound target of the document (see :mod:`govreview.links`) whose
registrable domain is neither government nor allow-listed is reported once,
under the most specific rule:

* ``link.redirect`` (high) — a meta refresh or an inline-script ``location``
  change sends every visitor elsewhere: the page itself has been hijacked;
* ``link.hidden`` (high) — the target sits in an element readers cannot see
  (see :mod:`govreview.htmldom`): a dark link planted for search engines;
* ``link.commercial`` (medium) — a visible link, embedded frame/script, form
  target or typed URL pointing at a non-government site (政府网站不得链接商业网站).

Hidden links to government domains (collapsed navigation menus) are normal and
not reported. Private, loopback and link-local IP addresses (``http://192.168.1.5/oa/``)
are no commercial sites: ``link.broken`` reports them while it is enabled. Hyperlinks to the platforms of 政务新媒体 accounts
(``lexicons/new_media_platforms.tsv``: 微博, 微信公众号, 抖音… — the "新媒体矩阵"
drop-down menus and share buttons) are ``link.commercial`` at low, hidden or not. Options (``[options.links]``): ``allow_domains`` (list),
``site_domains`` (the site's own domains; the document's ``url`` host is always
included), ``builtin_allow`` (default true: the media list in
``lexicons/allow_domains.tsv``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..links import DomainPolicy, Target, non_public_ip, platform_of, service_of, shortener_of, targets, url_host
from ..model import Category, Finding, Severity
from ..registry import Rule, detector
from ._charclasses import LATIN, present

NAME = "links"
COMMERCIAL = Rule("link.commercial", Category.link, Severity.medium, "链接到非政府网站（政府网站不得链接商业网站）",
                  "链接指向非政府网站")
HIDDEN = Rule("link.hidden", Category.link, Severity.high, "隐藏的外部链接（暗链），疑似网站被篡改", "发现隐藏的外部链接（暗链）")
REDIRECT = Rule("link.redirect", Category.link, Severity.high, "页面被脚本或 meta refresh 跳转到非政府网站，疑似网站被篡改",
                "页面跳转到非政府网站")

_KIND_ZH = {
    "a": "超链接", "area": "图片热区链接", "iframe": "内嵌框架 iframe", "frame": "框架 frame", "script": "外部脚本",
    "form": "表单提交地址", "embed": "嵌入对象", "object": "嵌入对象", "meta-refresh": "meta refresh 跳转",
    "script-location": "脚本跳转", "script-open": "脚本打开的新窗口", "script-write": "脚本写入的链接", "text": "正文中的网址",
    "comment": "HTML 注释中的网址",
}


@detector(COMMERCIAL, HIDDEN, REDIRECT, name=NAME, order=50)
class LinkTargets:
    """Outbound targets classified by registrable domain (PSL snapshot, offline)."""

    def __init__(self, reviewer):
        opts = reviewer.config.options.get(NAME, {})
        allow = list(reviewer.config.allow.domains) + list(opts.get("allow_domains", ()))
        self.policy = DomainPolicy(allow, builtin=bool(opts.get("builtin_allow", True)))
        self.site = tuple(opts.get("site_domains", ()))
        # an intranet address (http://192.168.1.5/oa/…) is no commercial site: link.broken reports it while it is on
        self.intranet_elsewhere = reviewer.config.rule_enabled("link.broken", Category.link)

    def detect(self, ctx) -> Iterable[Finding]:
        if ctx.html is not None and ctx.html.structure.error:
            # never a silent gap: the report's errors say the link check did not run on this page
            raise RuntimeError(f"HTML structure analysis failed, links not checked: {ctx.html.structure.error}")
        if ctx.html is None and not present(ctx) & LATIN:
            return ()  # plain text without a Latin letter holds no URL or domain (the shared gather says so)
        return self._findings(ctx)

    def _findings(self, ctx) -> Iterator[Finding]:
        site = list(self.site)
        if ctx.document.url:
            own = url_host(str(ctx.document.url))
            if own is not None:
                site.append(own.registrable)
        for t in targets(ctx.view, ctx.html):
            f = self._finding(ctx, t, site)
            if f is not None:
                yield f

    def _finding(self, ctx, t: Target, site: list[str]) -> Finding | None:
        host = url_host(t.url) if t.kind not in ("text", "comment") or "://" in t.url else url_host("http://" + t.url)
        if host is None or (self.intranet_elsewhere and not host.suffix and non_public_ip(host.ascii)):
            return None
        cls, allowed_by = self.policy.classify(host, site=site)
        if cls != "commercial":
            return None
        where = _KIND_ZH.get(t.kind, t.kind)
        details = {
            "url": t.url, "kind": t.kind, "host": host.unicode, "host_ascii": host.ascii,
            "registrable_domain": host.registrable, "registrable_domain_ascii": host.registrable_ascii,
        }
        if t.anchor:
            details["anchor_text"] = t.anchor[:200]
        shown = host.registrable if host.registrable == host.registrable_ascii else f"{host.registrable}（{host.registrable_ascii}）"
        if t.redirect:
            rule, conf = REDIRECT.id, 0.95
            msg = f"{where}到非政府网站“{shown}”，访问者会被带离本站，疑似网站被篡改，请按安全事件处置"
        elif t.kind in ("a", "area", "script-open", "text") and (platform := platform_of(host)) is not None:
            # 政务新媒体 accounts and share buttons: drop-down menus hide them until hovered, and a hidden link to a
            # social platform earns a spammer no ranking — not a dark link; low, and named
            details["platform"] = platform
            if t.hidden:
                details["hidden_by"] = t.hidden
            anchor = f"“{t.anchor[:30]}”" if t.anchor else ""
            return ctx.finding(COMMERCIAL.id, t.start, t.end, coords="source", confidence=0.6, severity=Severity.low,
                               message=f"{where}{anchor}指向新媒体平台（{platform}，{host.unicode}）"
                                       f"{'，位于隐藏的菜单或弹出层中' if t.hidden else ''}：如为本单位政务新媒体账号或分享按钮可保留，"
                                       f"否则请核实", pattern="new-media",
                               details=details, normalized=host.registrable_ascii, folds=[])
        elif t.hidden:
            rule, conf = HIDDEN.id, 0.9
            details["hidden_by"] = t.hidden
            anchor = f"（链接文字“{t.anchor[:30]}”）" if t.anchor else ""
            msg = f"隐藏的{where}指向非政府网站“{shown}”{anchor}：所在元素被 {t.hidden} 隐藏，读者不可见而搜索引擎可见，疑似暗链"
        elif t.kind == "script" and (service := service_of(host)) is not None:
            # statistics / map API / JS-SDK embeds: not a link readers follow; low, and named
            details["service"] = service
            return ctx.finding(COMMERCIAL.id, t.start, t.end, coords="source", confidence=0.6, severity=Severity.low,
                               message=f"第三方服务脚本（{service}，{host.unicode}）：不是商业链接，但会把访问数据交给第三方，"
                                       f"请确认符合本单位的数据安全要求", pattern="script-service",
                               details=details, normalized=host.registrable_ascii, folds=[])
        elif (shortener := shortener_of(host)) is not None:
            rule, conf = COMMERCIAL.id, 0.8
            details["shortener"] = shortener
            msg = (f"{where}是短链接（{shortener}，{host.unicode}），看不出最终指向哪个网站：请展开确认目标不是商业或违规网站，"
                   f"政府网站宜直接链接目标页面")
        else:
            rule, conf = COMMERCIAL.id, 0.8 if t.kind in ("text", "comment") else 0.85
            msg = f"{where}指向非政府网站“{shown}”；政府网站不得链接商业网站，如为权威媒体或本站域名请加入允许列表"
        return ctx.finding(rule, t.start, t.end, coords="source", confidence=conf, message=msg, pattern=t.kind,
                           details=details, normalized=host.registrable_ascii, folds=[])
