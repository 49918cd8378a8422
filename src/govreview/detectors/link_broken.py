"""Links no public reader can follow (错链/断链), decided from the document alone, offline.

``link.broken`` reports a link target — an attribute of a tag (``<a href>``,
``<img src>``, ``<iframe src>``, ``<link href>``, ``background``…) or a URL or
path written in the text — that is broken for every reader on the Internet:

* **local files** (medium): ``file:///C:/Users/admin/Desktop/附件1.doc``,
  ``C:\\Documents and Settings\\…``, ``D:/xxx.pdf``, ``/C:/…``, UNC shares
  ``\\\\192.168.1.5\\share\\…`` — a file on the editor's own disk or the office
  network (Word pastes leave ``clip_image002.jpg`` images like this); nobody
  else can open it, and the path shows user and machine names;
* **intranet addresses** (medium): private, loopback and link-local IP
  addresses (10/8, 172.16/12, 192.168/16, 127/8, 169.254/16, 100.64/10,
  ``fe80::``, ``fc00::/7``, ``::1``), ``localhost``, single-label hosts
  (``http://oa/``, ``http://zwoa:8080/``) and hosts under ``.local``, ``.lan``,
  ``.internal``, ``.intranet``, ``.corp``, ``.home``, ``.localdomain`` — they
  expose the office network as well; a host whose top-level domain is not in
  the Public Suffix List cannot resolve on the Internet either (low: a private
  name or a typing error);
* **malformed URLs**: a doubled scheme (``http://http://``), a
  misspelled one (``htp://``, ``htttp://``), a full-width or missing colon
  (``http：//``, ``http//``), one slash (``http:/www…``), a space, comma or
  ``。`` inside the host, a domain without a scheme used as a link target
  (``href="www.xxx.gov.cn"`` is a relative path on the page's own site). In a
  tag's attribute it is judged by what a browser does with it: one no browser
  follows is a dead link (medium); a host typed with ``。．｡`` opens (browsers
  map them to dots) and is low; ``http:/www…`` and ``http:www…`` are read as a
  path on the page's own site by a page of the same scheme (medium) and repaired
  on a page of the other one (low; low too when neither ``<base href>`` nor the
  document's URL gives the page's scheme). Written in the text they are low;
* **placeholder attachment links** (low): ``href="javascript:void(0)"`` or
  ``href="#"`` on an anchor whose text names a download or a file (下载, 附件1：…,
  查看原文, ``….pdf``) and that carries nothing a script could bind to (only
  ``href``, ``target``, ``title``, ``class``, ``style``…; no ``onclick``,
  ``data-*``, ``id``, ``role`` or a CMS's own ``fileid``): a click does
  nothing. Menus, tabs and buttons, whose ``javascript:`` links are wired by
  script, are not reported.

A meta refresh or script that sends every visitor to such a target (the
targets :mod:`govreview.links` reads out of ``<meta http-equiv=refresh>`` and
inline scripts) leaves the whole page dead: high.

In running text (plain text, or a page's text outside its anchors) a URL
needs something after its scheme ("以http://开头" names the scheme), a drive
path must be an editor's own file (a document's file name, a Users/桌面
folder — not 默认安装在C:\\Program Files\\…), and loopback addresses or a
192.168/10 address next to 路由器/光猫/WiFi are what readers type on their own
machines: none of these is reported.

Public IP addresses are not broken and are left to ``link.commercial``; the
``links`` detector leaves non-public IP addresses to this rule while it is on.
HTML findings point at the attribute value as written (as ``link.*`` findings
do); text findings at the URL or path in the text. The text of an anchor
repeats its href and is not reported on its own, except a local path or an
intranet address shown as the text of a link whose href works
(``<a href="/upload/a.doc">\\\\fileserver\\共享\\附件.doc</a>``): it still shows
the office network to every reader.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..lazyre import lazy_re
from ..links import _extractor, _view_fold, non_public_ip
from ..model import Category, Finding, Severity
from ..registry import Rule, detector

NAME = "link_broken"
RULE = Rule("link.broken", Category.link, Severity.medium,
            "链接对公众无效（错链/断链）：指向本机文件、内网地址，或网址格式错误", "链接对公众无效")

#: attributes holding a target the browser fetches or a reader follows (any tag: Word's <v:imagedata src>,
#: old pages' <td background>); ``data`` only on <object>
_URL_ATTRS = frozenset(("href", "src", "background", "poster", "action", "lowsrc", "dynsrc"))
_OBJECT_ATTRS = _URL_ATTRS | {"data"}
_INTERNAL_SUFFIXES = ("local", "lan", "internal", "intranet", "corp", "home", "localdomain", "home.arpa", "localhost")
_FILE_EXTS = ("doc|docx|xls|xlsx|ppt|pptx|pdf|wps|et|dps|ofd|txt|rtf|zip|rar|7z|jpg|jpeg|png|gif|bmp|tif|tiff|mp3|mp4|"
              "avi|wmv|flv|htm|html|xml|csv")

# a path segment of a local file (Chinese names, "Documents and Settings"); stops at what ends a path in prose
_SEG = r"[^\s\\/<>\"'|*?:：，。；！？、（）()【】「」《》]+"
_PATH = rf"(?:[\\/]{_SEG}(?: {_SEG})*(?=[\\/]))*[\\/](?:{_SEG})?"
_TEXT_PATTERN = lazy_re(
    rf"(?P<file>(?<![A-Za-z])[Ff][Ii][Ll][Ee]:[\\/]{{1,3}}(?:[A-Za-z][:|])?{_PATH})"
    rf"|(?P<drive>(?<![A-Za-z0-9_.\\/-])[A-Za-z]:{_PATH})"
    rf"|(?P<unc>(?<![\\A-Za-z0-9_])\\\\[A-Za-z0-9][A-Za-z0-9._$-]*{_PATH})"
    # a scheme, right or misspelled, and what follows it up to the end of the URL in prose
    r"|(?P<url>(?<![A-Za-z0-9])(?:[Hh]{0,2}[Tt]{1,3}[Pp]{1,2}[Ss]?|[Ff][Tt][Pp])\s?(?:[:：;；]\s?[/／\\]{0,3}|[/／\\]{2})"
    r"[^\s<>\"'()（）【】「」《》，；！？、\u3400-\u9fff]+(?: [.。][A-Za-z][^\s<>\"'()（）【】「」《》，；！？、\u3400-\u9fff]*)?)"
    # a private IPv4 address with a port or a path: an intranet system's address typed without a scheme
    # (typed in full-width mode too: the view has ASCII digits and dots, the colon and slash stay ： ／; after ： a
    # path as well, as 10.2.3.4：2024年 may be a clause number and a year)
    r"|(?P<ip>(?<![0-9.])(?:10|127|172|192|169|100)(?:\.[0-9]{1,3}){3}"
    r"(?::[0-9]{2,5}(?:[/／][!-~\uff01-\uff5e]*)?|：[0-9]{2,5}[/／][!-~\uff01-\uff5e]*"
    r"|[/／](?=[A-Za-z_~\uff21-\uff3a\uff41-\uff5a])[!-~\uff01-\uff5e]*))"
)
_SCHEME = lazy_re(
    r"(?P<scheme>[A-Za-z]{2,7})(?P<sep>\s*[:;]\s*[/\\]*|[/\\]{2})(?P<rest>.*)", re.S)
_RIGHT_SCHEMES = ("http", "https", "ftp")
_HOSTISH = lazy_re(r"\s*(?:\[[0-9A-Fa-f:.]+\]|[\w-]+(?:\s*[.。．｡]\s*[\w-]+)*)", re.U)
_SCHEMELESS = lazy_re(
    r"(?:www[.。]|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov\.cn|com\.cn|org\.cn|edu\.cn|net\.cn|gov|com|net|org|cn)(?:[/?#:]|$))",
    re.I)
_EMPTY_JS = lazy_re(r"\s*(?:javascript\s*:\s*(?:void\s*\(?\s*0?\s*\)?|false|null|undefined|)\s*;?\s*|#)\s*", re.I)
# anchor text of a link that promises a file: a download/view verb, an attachment label, a file name
_ATTACHMENT_TEXT = lazy_re(
    r"[\[【〔（(]?\s*(?:"
    r"(?:点击|点此|请)?(?:下载|查看|打开|阅读)(?:附件|原文|全文|文件|文档|PDF|WORD|Word|pdf|word)?(?:下载)?"
    r"|(?:附件|原文|全文|文件|文档|PDF|WORD|pdf|word)(?:下载|查看|预览)"
    r"|点击查看|点此查看|点击这里|点击此处"
    r"|附件|附件\s*(?:[0-9０-９一二三四五六七八九十]+\s*[:：.、．]?|[:：]).*"
    rf"|.*\.(?:{_FILE_EXTS})"
    r")\s*[\]】〕）)]?\s*",
    re.I | re.S)


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a target is broken: ``kind`` local-file / intranet / unknown-tld / malformed / placeholder."""

    kind: str
    reason: str  # Chinese, for the message
    severity: Severity
    confidence: float
    details: dict = field(default_factory=dict)


def _ip_problem(host: str) -> Problem | None:
    if non_public_ip(host):
        return Problem("intranet", f"内网地址 {host}", Severity.medium, 0.9, {"host": host})
    return None  # a public address: not broken (link.commercial judges it)


@functools.lru_cache(maxsize=16384)
def host_problem(host: str) -> Problem | None:
    """What makes a host unreachable from the Internet, or None (a public name or address)."""
    if not host:
        return Problem("malformed", "网址缺少主机名", Severity.low, 0.8, {"host": host})
    if any(c.isspace() for c in host):
        return Problem("malformed", f"主机名“{host}”中有空格", Severity.low, 0.85, {"host": host})
    if any(c in host for c in "。．｡"):
        # browsers map 。．｡ to "." when they parse a host (UTS #46), so the link opens; other clients do not
        return Problem("malformed", f"主机名“{host}”中用了全角句点", Severity.low, 0.8, {"host": host, "form": "host-dot"})
    if any(c in host for c in ",，;；'\"<>\\{}|^`"):
        return Problem("malformed", f"主机名“{host}”中有非法字符", Severity.low, 0.85, {"host": host})
    h = host.lower().rstrip(".")
    if h.startswith("[") or re.fullmatch(r"[0-9.]+", h):
        return _ip_problem(h)
    if h == "localhost" or any(h == s or h.endswith("." + s) for s in _INTERNAL_SUFFIXES):
        return Problem("intranet", f"内网主机名 {host}", Severity.medium, 0.9, {"host": host})
    if "." not in h:
        if re.fullmatch(r"[\w-]+", h):
            return Problem("intranet", f"内网主机名 {host}（没有域名后缀）", Severity.medium, 0.85, {"host": host})
        return None
    if not _extractor()(h).suffix:
        return Problem("unknown-tld", f"域名“{host}”的顶级域不存在，互联网上无法解析（内网主机名或录入错误）",
                       Severity.low, 0.7, {"host": host})
    return None


def _authority_host(rest: str) -> str:
    """The host of ``//authority/path`` (``rest`` is what follows ``scheme://``)."""
    auth = re.split(r"[/?#\\]", rest, maxsplit=1)[0]
    auth = auth.rsplit("@", 1)[-1]
    if auth.startswith("["):
        return auth[: auth.find("]") + 1] if "]" in auth else auth
    m = re.fullmatch(r"(.*?)[:：]\d*", auth)
    return m.group(1) if m else auth


def _host_problem_at(u: str, w: str, at: int) -> Problem | None:
    """The host after ``scheme://`` (or ``//``) at ``at``: read width-folded, as browsers do (ｏａ, １９２.１６８…),
    except that a full stop typed in full width (。 ． ｡) is reported as written."""
    raw = _authority_host(u[at:])
    if any(c in raw for c in "。．｡"):
        return host_problem(raw)
    return host_problem(_authority_host(w[at:]))


@functools.lru_cache(maxsize=16384)  # a site's template repeats its links on every page (the result is read-only)
def url_problem(url: str, *, prose: bool = False) -> Problem | None:
    """Why ``url`` (an attribute value, entity-decoded, or a URL written in ``prose``) is broken for every
    public reader, or None."""
    u = url.strip()
    if not u:
        return None
    w = _view_fold(u)  # full-width letters and punctuation as ASCII, same length
    low = w.lower()
    if low.startswith("file:"):
        return Problem("local-file", "本机或局域网文件（file: 地址）", Severity.medium, 0.95, {"path": u})
    if re.match(r"/?[a-z][:|][\\/]", low):
        return Problem("local-file", "本机磁盘上的文件路径", Severity.medium, 0.95, {"path": u})
    if low.startswith(("\\\\", "\\/", "/\\")):
        host = re.split(r"[\\/]", low.lstrip("\\/"), maxsplit=1)[0]
        return Problem("local-file", f"局域网共享文件（{host}）", Severity.medium, 0.95, {"path": u, "host": host})
    if low.startswith("//") and not prose:  # protocol-relative
        return _host_problem_at(u, w, 2)
    m = _SCHEME.match(w)
    if m is not None:
        scheme, sep, rest = m.group("scheme"), m.group("sep"), m.group("rest")
        raw_head = u[: m.start("rest")]
        proper = scheme.lower() in _RIGHT_SCHEMES and sep == "://"
        if proper and raw_head == w[: m.start("rest")]:
            if re.match(r"(?:https?|ftp)(?:[:：]|//)", rest, re.I):
                return Problem("malformed", "网址的协议头重复（如 http://http://）", Severity.low, 0.9, {"url": u})
            if prose and not _authority_host(rest).strip():
                return None  # "以http://或https://开头": the text talks about the scheme itself
            return _host_problem_at(u, w, m.start("rest"))
        if not _HOSTISH.match(rest) or not re.search(r"[.。．｡]|^\s*\[|^\s*localhost", rest.split("/", 1)[0] or rest):
            return None  # "note:", "step;/" and other words that merely look like a scheme
        sl = scheme.lower()
        if sl in _RIGHT_SCHEMES and sep == "://" and raw_head != w[: m.start("rest")]:
            # typed in full width (ｈｔｔｐ：／／１９２．１６８．１．１０／oa): an intranet host is the problem that matters,
            # read as browsers and readers read it, full stops included
            hp = host_problem(_authority_host(w[m.start("rest"):]))
            if hp is not None and hp.kind == "intranet":
                return hp
        if prose and raw_head != w[: m.start("rest")] and not re.fullmatch(r"[\x00-\x7f]+", u[: len(scheme)]):
            return None  # typed all in full-width (ｈｔｔｐ：／／…) in running text: a typesetting choice
        if sl in _RIGHT_SCHEMES and raw_head != w[: m.start("rest")] and sep == "://":
            reason = "网址的冒号或斜杠用了全角字符（如 http：//）"
        elif sl not in _RIGHT_SCHEMES:
            if not re.fullmatch(r"h{0,2}t{1,3}p{1,2}s?|ftp", sl):
                return None
            reason = f"网址的协议头拼错（{u[: len(scheme)]}）"
        elif ":" not in sep and ";" not in sep:
            reason = "网址的协议头缺少冒号（如 http//）"
        elif ";" in sep:
            reason = "网址的协议头用了分号（如 http;//）"
        elif sep.count("/") + sep.count("\\") == 1 or sep.strip() == ":":
            # a browser reads http:/www.x and http:www.x as a path on the page's own site when the page has the same
            # scheme, and as http://www.x otherwise (WHATWG URL "special relative or authority state")
            return Problem("malformed", "网址的协议头缺少斜杠（如 http:/ 或 http:www）", Severity.low, 0.85,
                           {"url": u, "form": "scheme-slashes", "scheme": sl})
        else:
            return None  # http:/// and http:\\ are repaired by every browser and client, and invisible to readers
        return Problem("malformed", reason, Severity.low, 0.85, {"url": u})
    if not prose and _SCHEMELESS.match(low):
        return Problem("malformed", "网址缺少 http:// 或 https://，浏览器会把它当作本站的相对路径", Severity.low, 0.85,
                       {"url": u})
    return None


_MESSAGES = {
    "local-file": "指向{reason}，公众无法打开，且暴露了内部文件路径：请把文件上传到网站后改为网站上的地址",
    "intranet": "指向{reason}，互联网上的读者无法访问，且暴露了内部网络信息：请改为公众可访问的地址或删除",
    "unknown-tld": "指向的{reason}：请核对网址",
    "malformed": "的网址格式错误（{reason}），读者点击后无法打开：请改为完整正确的网址",
    "malformed-repaired": "的网址不规范（{reason}）：浏览器一般能自动纠正后打开，但复制、转载、链接检查和其他客户端可能无法识别，"
                          "请改为规范网址",
    "malformed-same-scheme": "的网址格式错误（{reason}）：本页同为 {scheme} 协议，浏览器会把它当作本站的相对路径，读者点击后无法打开，"
                             "请改为完整正确的网址",
    "malformed-page-scheme": "的网址格式错误（{reason}）：在 {scheme} 协议的页面上浏览器会把它当作本站的相对路径，读者点击后无法打开"
                             "（其他页面上浏览器能纠正），请改为完整正确的网址",
    "placeholder": "是空链接（{reason}），读者点击没有反应：请链接到附件文件",
    "anchor-local-file": "写的是{reason}，暴露了内部文件路径（读者复制后也无法打开）：请改为文件名称等公开的文字",
    "anchor-intranet": "写的是{reason}，暴露了内部网络信息（读者复制后也无法访问）：请改为公开的名称或地址",
}
_WHERE = {"a": "超链接", "area": "图片热区链接", "img": "图片", "iframe": "内嵌框架", "frame": "框架", "script": "脚本",
          "link": "样式或资源链接", "form": "表单提交地址", "embed": "嵌入对象", "object": "嵌入对象", "source": "媒体资源",
          "video": "视频", "audio": "音频", "base": "页面基准地址 <base>", "v:imagedata": "图片", "text": "正文中的网址或路径",
          "meta-refresh": "meta refresh 跳转", "script-location": "脚本跳转", "script-open": "脚本打开的新窗口",
          "script-write": "脚本写入的链接"}
_SCRIPTED = frozenset(("meta-refresh", "script-location", "script-open", "script-write"))


def _finding(ctx, p: Problem, start: int, end: int, where: str, *, coords: str, extra: dict,
             message: str | None = None) -> Finding:
    details = {"kind": p.kind, **p.details, **extra}
    return ctx.finding(RULE.id, start, end, coords=coords, severity=p.severity, confidence=p.confidence,
                       message=where + (message or _MESSAGES[p.kind]).format(reason=p.reason, **p.details),
                       pattern=p.kind, details=details, folds=[])


def _page_scheme(ctx) -> str | None:
    """The scheme of the page's own address (``<base href>``, else the document's URL), lower case, or None."""
    for t in ctx.html.tags:
        if t.name == "base" and not t.closing and (href := (t.attr("href") or "").strip()):
            m = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", href)
            if m:
                return m.group(1).lower()
            break  # a relative <base href="/xxgk/"> keeps the page's own scheme
    url = str(ctx.document.url or "")
    m = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
    return m.group(1).lower() if m else None


def _as_followed(p: Problem, page_scheme: str | None) -> tuple[Problem, str | None]:
    """A malformed target of a tag judged by what a browser does with it: one it repairs (www。x。cn)
    stays low, one it cannot follow (htp://, http：//, http//, a domain without a scheme) is a dead link (medium);
    http:/www.x is dead on a page of the same scheme, repaired on another, low when the page's scheme is unknown.
    Returns the problem and the message key to use (None: the kind's own)."""
    if p.kind != "malformed":
        return p, None
    form = p.details.get("form")
    if form == "host-dot":
        return p, "malformed-repaired"
    if form == "scheme-slashes":
        if page_scheme is None:
            return p, "malformed-page-scheme"
        if page_scheme != p.details.get("scheme"):
            return p, "malformed-repaired"
        return Problem(p.kind, p.reason, Severity.medium, p.confidence, p.details), "malformed-same-scheme"
    return Problem(p.kind, p.reason, Severity.medium, p.confidence, p.details), None


@detector(RULE, name=NAME, order=51)
class LinkBroken:
    """Broken targets in the attributes of an HTML page (``href``, ``src``, ``background``…) and local paths,
    intranet and malformed URLs written in the text (plain text, or the text of a page)."""

    def __init__(self, reviewer):
        pass

    def detect(self, ctx) -> Iterator[Finding]:
        if ctx.html is not None:
            yield from self._attribute_findings(ctx)
        yield from self._text_findings(ctx)

    def _attribute_findings(self, ctx) -> Iterator[Finding]:
        html = ctx.html
        links = None
        page_scheme = ...
        for t in html.tags:
            if t.closing or not t.attrs:
                continue
            for attr in t.attrs.keys() & (_OBJECT_ATTRS if t.name == "object" else _URL_ATTRS):
                raw, vs, ve = t.attrs[attr]
                if ve <= vs:
                    continue
                value = t.attr(attr) or ""
                p = url_problem(value)
                extra = {"tag": t.name, "attribute": attr}
                lk = None
                if attr == "href" and t.name in ("a", "area") and (p is not None or _EMPTY_JS.fullmatch(value)):
                    if links is None:  # the DOM only for pages with a broken or empty link (the links detector built it)
                        st = html.structure
                        links = {} if st.error else {lk.element_start: lk for lk in st.links if lk.kind in ("a", "area")}
                    lk = links.get(t.start)
                    if p is None and lk is not None:
                        p = _placeholder(t, value, lk.anchor)
                if p is None:
                    continue
                if page_scheme is ...:
                    page_scheme = _page_scheme(ctx)
                p, key = _as_followed(p, page_scheme)
                if lk is not None:
                    if lk.anchor:
                        extra["anchor_text"] = lk.anchor[:200]
                    if lk.hidden:
                        extra["hidden_by"] = lk.hidden
                yield _finding(ctx, p, vs, ve, _WHERE.get(t.name, f"<{t.name}> 的 {attr} "), coords="source",
                               extra=extra, message=_MESSAGES[key] if key else None)
        # redirects and script-written links: the targets the links detector reads out of meta refresh and scripts
        for tg in html.targets:
            if tg.kind in _SCRIPTED and tg.end > tg.start and (p := url_problem(tg.url)) is not None:
                if page_scheme is ...:
                    page_scheme = _page_scheme(ctx)
                p, key = _as_followed(p, page_scheme)
                if key is not None and key != "malformed-same-scheme":
                    # repaired by the browser, or perhaps: the visitor still gets there
                    yield _finding(ctx, p, tg.start, tg.end, _WHERE[tg.kind], coords="source",
                                   extra={"target_kind": tg.kind}, message=_MESSAGES[key])
                    continue
                if tg.redirect:
                    # every visitor is sent there: the whole page is dead (the links detector calls redirects high)
                    p = Problem(p.kind, p.reason, Severity.high, p.confidence, p.details)
                yield _finding(ctx, p, tg.start, tg.end, _WHERE[tg.kind], coords="source", extra={"target_kind": tg.kind})

    def _text_findings(self, ctx) -> Iterator[Finding]:
        html = ctx.html
        text = ctx.text
        for m in _text_matches(text):
            vs = m.start()
            kind = m.lastgroup
            raw = _trim(m.group(), kind)
            ve = vs + len(raw)
            if (kind == "drive" and not _looks_like_drive_path(raw)) or (kind == "file" and not raw[5:].strip("\\/")):
                continue  # a path on the reader's own computer; "不得使用file://协议" names the scheme
            p = url_problem(raw if kind != "ip" else "http://" + raw, prose=True)
            if p is None:
                continue
            if kind in ("url", "ip") and p.kind == "intranet" and _home_network_advice(text, vs, ve, p):
                continue
            if p.kind == "malformed" and _typed_full_width(ctx.raw_text[vs:ve]):
                continue  # ｈｔｔｐ：／／ｗｗｗ．ｇａｎｓｕ．ｇｏｖ．ｃｎ: written in full-width mode throughout, read as text
            where, extra = _WHERE["text"], {"text_kind": kind}
            if html is not None:
                s, e = ctx.view.to_source(vs, ve)
                if not html.structure.error and html.structure.in_anchor(s, e):
                    href = _anchor_href(html.structure, s, e)
                    if p.kind not in ("local-file", "intranet") or href is None or url_problem(href) is not None:
                        continue  # the anchor's href is the target (reported there if broken); its text repeats it
                    # a working link whose text shows an office file path or intranet address (\\fileserver\共享\…)
                    where, extra = "超链接的文字", {**extra, "href": href, "in_anchor": True}
            yield _finding(ctx, p, vs, ve, where, coords="view", extra=extra,
                           message=_MESSAGES["anchor-" + p.kind] if "href" in extra else None)


def _anchor_href(st, start: int, end: int) -> str | None:
    """The href of the ``<a>`` element whose text holds the source span, or None (no href: nothing else to follow)."""
    outer = next(((a, b) for a, b in st.anchors if a <= start and end <= b), None)
    if outer is None:
        return None
    return next((lk.url for lk in st.links if lk.kind == "a" and outer[0] <= lk.element_start < outer[1]), None)


# every URL or path of the text pass holds a colon, semicolon, slash or backslash that follows a scheme's "p"/"s"
# (http:, https//), comes before a slash (C:\\, file:/, ://, \\\\server) or follows an IPv4 address (10.1.2.3:8080,
# 10.1.2.3/oa): one scan that starts with a character set (fast), then a match tried only there
_PUNCT = lazy_re(
    r"[:：;；/／\\](?:(?<=[PpSs].)|(?= ?[/／\\])"
    r"|(?<=\.[0-9][:/：／])(?=[0-9A-Za-z_~])|(?<=\.[0-9]{2}[:/：／])(?=[0-9A-Za-z_~])"
    r"|(?<=\.[0-9]{3}[:/：／])(?=[0-9A-Za-z_~]))"
)
_BACK = 18  # the longest start before its punctuation: "192.168.100.100" before ":8080", "hhttps " before "://"


def _typed_full_width(raw: str) -> bool:
    """Whether an address in running text was typed with full-width letters or digits: then its ：／．are the
    same typing mode, not a slip in a link (the detectors read the text with letters and digits folded to
    ASCII, so ｈｔｔｐ：／／ reads as http：／／ there)."""
    return any("\uff10" <= c <= "\uff19" or "\uff21" <= c <= "\uff3a" or "\uff41" <= c <= "\uff5a" for c in raw)


def _text_matches(text: str) -> Iterator[re.Match]:
    done = 0
    for a in _PUNCT.finditer(text):
        i = a.start()
        if i < done:
            continue
        start = i
        while start > done and i - start < _BACK and text[start - 1] in _URL_HEAD:
            start -= 1
        for p in range(start, i + 1):
            if p > start and text[p - 1] not in ". ":
                continue  # a word or address starts at the walk's start, after a dot or after a space
            m = _TEXT_PATTERN.match(text, p)
            if m is not None and m.end() > i:
                done = m.end()
                yield m
                break


_URL_HEAD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789. ")


_HOME_NETWORK = lazy_re(r"路由器|光猫|无线网|WiFi|WIFI|Wi-Fi|wifi|网关|调制解调器")


def _home_network_advice(text: str, vs: int, ve: int, p: Problem) -> bool:
    """An address each reader has, named in the text: the reader's own computer (安装客户端后访问
    http://127.0.0.1:8088) or home router (登录http://192.168.1.1/进入路由器设置). A hyperlink to either is still
    broken (an editor's local preview left in the page); the text tells readers what to type."""
    host = p.details.get("host", "").lower()
    if host.startswith("127.") or host in ("localhost", "[::1]") or host.endswith(".localhost"):
        return True
    if not host.startswith(("192.168.", "10.")):
        return False
    return _HOME_NETWORK.search(text, max(0, vs - 60), min(len(text), ve + 60)) is not None


def _trim(raw: str, kind: str) -> str:
    """The URL or path without the sentence punctuation after it and, for a file name glued to the following
    prose (附件.xls请查收), without that prose; a URL ends at a 。 that ends the sentence (网址为http://a.gov.cn。3月…),
    not at those of a host typed with them (www。gansu。gov。cn)."""
    if kind == "url":
        m = re.search(r"(?:[:：;；]\s?[/／\\]*|[/／\\]{2})", raw)
        start = m.end() if m else 0
        host_end = start + len(re.split(r"[/?#\\]", raw[start:], maxsplit=1)[0])
        host = raw[start:host_end]
        if any(c in host for c in "。．｡"):
            norm = re.sub(r"[。．｡]", ".", host).strip(".")
            labels = norm.split(".")
            if not (all(re.fullmatch(r"[A-Za-z0-9-]+", x) for x in labels) and labels[-1].isalpha()
                    and _extractor()(norm).suffix):
                host_end = start  # the first 。 in the host ends the sentence
        cut = re.search(r"[。．｡]", raw[host_end:])
        if cut:
            raw = raw[: host_end + cut.start()]
    if kind in ("file", "drive", "unc"):
        m = re.search(rf"\.(?:{_FILE_EXTS})(?=[^\x00-\x7f])", raw, re.I)
        if m:
            raw = raw[: m.end()]
    return raw.rstrip(".,:;!?。，：；．)）]】'\"")


_USER_FOLDER = lazy_re(r"[\\/](?:Users|Documents and Settings|Desktop|桌面|我的文档|My Documents|Documents|文档|AppData|Administrator)"
                       r"(?=[\\/]|$)", re.I)


def _looks_like_drive_path(raw: str) -> bool:
    """A drive path in prose that is an editor's own file: a document's file name (D:/工作/通知.doc) or a user folder
    (C:\\Users\\zhang\\…, 桌面). Installation and settings paths in 办事指南 (默认安装在C:\\Program Files\\…,
    C:\\Windows\\System32\\…) tell readers where to look on their own computer; "A:/B" is a list."""
    body = raw[2:]
    return re.search(rf"\.(?:{_FILE_EXTS})$", body, re.I) is not None or _USER_FOLDER.search(body) is not None


#: the attributes of an anchor nothing but its href makes work (anything else may be what a script binds to)
_PLAIN_ANCHOR_ATTRS = frozenset(("href", "target", "title", "class", "style", "rel", "tabindex", "lang", "dir", "hidefocus"))


def _placeholder(tag, value: str, anchor: str) -> Problem | None:
    """A ``javascript:void(0)`` or ``#`` link on an anchor that promises a file and has no script of its own."""
    if not _EMPTY_JS.fullmatch(value):
        return None
    if not tag.attrs.keys() <= _PLAIN_ANCHOR_ATTRS:
        return None  # wired by script: onclick, data-*, role=tab, an id to bind, a CMS's fileid="…" for its download script
    text = " ".join(anchor.split())
    if not text or len(text) > 80 or not _ATTACHMENT_TEXT.fullmatch(text):
        return None
    return Problem("placeholder", f"地址是 {value.strip() or '#'}", Severity.low, 0.7, {"url": value})
