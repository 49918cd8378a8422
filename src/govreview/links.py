"""Outbound link targets of a document and the class of the domain each one points to.

政府网站不得链接商业网站: every target a reader or crawler can follow counts —
``<a href>``, ``<iframe>/<frame src>``, ``<script src>``, ``<form action>``,
``<meta http-equiv=refresh>``, ``location``/``location.href`` assignments and
``location.replace()`` in inline scripts, URLs written by ``document.write``,
and URLs or bare domains typed as text (``www.xpj3388.com``, also in
full-width characters).

A target's *registrable domain* is found with the Public Suffix List (the
snapshot bundled with tldextract, never fetched: reviews run offline and must
be reproducible), so ``a.b.beijing.gov.cn`` and ``gov.cn`` itself are
government, ``政务``/``xn--zfr164b`` and ``政务.cn`` too, and IDN hosts are
compared in Unicode and punycode alike. Allow-listed domains (authoritative
media shipped in ``lexicons/allow_domains.tsv``, ``allow.domains`` in the
config, the ``links`` detector's ``allow_domains``/``site_domains`` options,
and the document's own host) are not reported; everything else is commercial.
"""

from __future__ import annotations

import functools
import html as _html
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import regex

from .html import HtmlDocument
from .jsstring import unescape_ascii
from .lazyre import lazy_re, lazy_regex
from .textview import TextView

GOVERNMENT_SUFFIXES = ("gov.cn", "政务", "政务.cn")
_DOTS = str.maketrans({"。": ".", "．": ".", "｡": ".", "：": ":", "／": "/"})
_IGNORED_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "sms:", "callto:", "file:", "#", "vbscript:")
#: top-level domains accepted for a bare ``name.tld`` in text (``www.`` or a scheme lifts this):
#: wider would turn ``Mr.Li`` or ``fig.ai`` into links
BARE_TLDS = frozenset(
    "com net org cn cc vip top xyz info biz me tv co io app club site online hk tw mo asia shop store fun live win "
    "bet casino games game poker ltd pro wang ren ink la ws so".split()
)
_FILE_EXTENSIONS = frozenset(
    "zip mov doc docx xls xlsx pdf ppt pptx txt jpg jpeg png gif bmp rar 7z htm html shtml php asp aspx jsp exe apk "
    "wps ofd mp3 mp4 avi py js css xml json csv et dps".split()
)

# --- web addresses written in running text ----------------------------------------------------------
# Three readers ask three different questions of an address in the text; their patterns live here together and
# differ on purpose (tests/test_links.py::test_the_three_url_readers_differ_on_purpose pins the differences —
# a change that makes one reader see more or less than another shows there):
#
# * _TEXT_URL (text_targets, the link rules): which host the text points to. Strict, for a host reported as
#   commercial must be a host: http://, https://, ftp://, or a bare name.tld whose TLD is in BARE_TLDS (www.
#   lifts that); it ends at Han characters and Chinese punctuation; matched case-insensitively on the width-folded
#   view (ＷＷＷ．ｘｐｊ．ｃｏｍ).
# * ADDRESS_AT_END (pii_phone): does a number continue an address begun before it — CMS article ids such as
#   t20240105_13912345678.html are not phones. Read backwards from the number: any scheme (http://, weixin://…),
#   www. in any case, or a bare name.tld (BARE_TLDS) followed by a path, then printable ASCII only up to the
#   number (hunan.gov.cn/art/t20240105_13912345678.html; the slash keeps 见附件.doc 139… and Mr.Li out); the
#   detectors' view keeps a full-width ／ (ｗｗｗ．ｘ．ｇｏｖ．ｃｎ／…), so it counts as a slash.
# * URL_OR_EMAIL (quality_typo.protected_spans): what a corrector must leave alone. Generous: http(s):// or www.
#   up to whitespace or Chinese clause punctuation (Han characters glued to the address included), and e-mail
#   addresses; protecting too much costs a missed typo, too little a wrong correction in an address.
ADDRESS_AT_END = lazy_re(r"(?:[A-Za-z][A-Za-z0-9+.\-]*://|(?i:www)\.|(?<![A-Za-z0-9.\-])(?:[A-Za-z0-9\-]+\.)+(?i:"
                         + "|".join(sorted(BARE_TLDS)) + r")[/／])[\x21-\x7e／]*$")
URL_OR_EMAIL = lazy_regex(r"(?:https?://|www\.)[^\s，。；、）)]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

_TEXT_URL = lazy_regex(
    # not inside a longer host, path or e-mail; a "-" or "_" next to a non-word character is a separator
    # (spam titles run 品牌-www.xpj3388.com-足球投注, 娱乐城_www.xpj.com), not part of a host
    r"(?<![a-z0-9@./])(?<![a-z0-9@./][_-])"
    r"(?:"
    r"(?P<scheme>https?://|ftp://)[^\s<>\"'()（）【】「」《》，。；！？、\p{Han}]+"
    r"|(?P<www>www[.。])?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?[.。])+"
    r"(?P<tld>xn--[a-z0-9-]{2,59}|[a-z]{2,24})(?::\d{2,5})?(?:/[^\s<>\"'()（）【】「」《》，。；！？、]*)?"
    r")(?![a-z0-9]|-[a-z0-9])",
    regex.I,
)
_REFRESH_URL = lazy_regex(r"""url\s*=\s*['"]?\s*([^'"\s;]+)""", regex.I)
_SCRIPT_REDIRECT = lazy_regex(
    r"""(?:(?:window|self|top|parent|document)\s*\.\s*)?location(?:\s*\.\s*href)?\s*=\s*(?:(?:unescape|decodeURI(?:Component)?)\s*\(\s*)?(?P<q>["'])(?P<u>[^"'\n]+)(?P=q)"""
    r"""|location\s*\.\s*(?:replace|assign)\s*\(\s*(?:(?:unescape|decodeURI(?:Component)?)\s*\(\s*)?(?P<q2>["'])(?P<u2>[^"'\n]+)(?P=q2)"""
    r"""|window\s*\.\s*open\s*\(\s*(?:(?:unescape|decodeURI(?:Component)?)\s*\(\s*)?(?P<q3>["'])(?P<u3>[^"'\n]+)(?P=q3)""",
)
_SCRIPT_WRITE = lazy_regex(r"document\s*\.\s*write|innerHTML|insertAdjacentHTML")
_SCRIPT_HIDES = lazy_regex(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|(?:left|top|text-indent)\s*:\s*-\d{3,}", regex.I
)
_SCRIPT_URL = lazy_regex(r"""https?:\\?/\\?/[^\s"'<>\\)]+""")
# JavaScript string escapes injected scripts hide their markup and URLs with: unescape("%3Ca%20href%3D…"),
# "\x3ca href=\x22http…", "\u003c…", %u003c; only escapes of ASCII characters matter for URLs and styles


@dataclass(frozen=True, slots=True)
class Host:
    """A host in both forms; ``registrable`` is the PSL registrable domain (or the suffix itself, e.g. ``gov.cn``)."""

    unicode: str
    ascii: str
    registrable: str
    registrable_ascii: str
    suffix: str


@dataclass(frozen=True, slots=True)
class Target:
    """One outbound target; ``source[start:end]`` is the URL as written in the caller's input."""

    kind: str  # a, area, iframe, frame, script, form, embed, object, meta-refresh, script-location, script-open, script-write, text, comment
    url: str
    start: int
    end: int
    anchor: str = ""
    hidden: str | None = None

    @property
    def redirect(self) -> bool:
        return self.kind in ("meta-refresh", "script-location")


@functools.lru_cache(maxsize=1)
def _extractor():
    import tldextract

    # suffix_list_urls=() and no cache dir: the bundled PSL snapshot only, no network, no files written
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=False)


def _to_unicode(host: str) -> str:
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except (UnicodeError, ValueError):
                pass
        labels.append(label)
    return ".".join(labels)


def _to_ascii(host: str) -> str:
    try:
        import idna

        return idna.encode(host, uts46=True).decode("ascii")
    except Exception:
        try:
            return host.encode("idna").decode("ascii")
        except UnicodeError:
            return host


@functools.lru_cache(maxsize=65536)
def parse_host(host: str) -> Host | None:
    """Normalise a host (case, full-width dots, trailing dot, IDN) and find its registrable domain."""
    host = host.translate(_DOTS).strip().strip(".").lower()
    if not host or " " in host:
        return None
    if host.isascii() and "xn--" not in host:
        uni = asc = host
    else:
        uni = _to_unicode(host)
        asc = _to_ascii(uni)
    r = _extractor()(uni)
    if not r.suffix:
        if regex.fullmatch(r"[0-9.]+|\[[0-9a-f:]+\]", host):  # IP literal: nobody can vouch for it
            return Host(uni, asc, host, host, "")
        return None
    registrable = f"{r.domain}.{r.suffix}" if r.domain else r.suffix
    return Host(uni, asc, registrable, registrable if registrable.isascii() else _to_ascii(registrable), r.suffix)


#: private, shared (CGNAT), loopback, "this network", link-local and unique-local addresses: no public reader reaches them
_NON_PUBLIC_NETS = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10",
                    "0.0.0.0/8", "::1/128", "fe80::/10", "fc00::/7")


@functools.lru_cache(maxsize=1)
def _non_public_nets():
    import ipaddress

    return tuple(ipaddress.ip_network(n) for n in _NON_PUBLIC_NETS)


def non_public_ip(host: str) -> bool:
    """Whether ``host`` is an IP literal (``10.1.2.3``, ``[fe80::1]``) that is not reachable from the Internet."""
    import ipaddress

    h = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        ip = ipaddress.ip_address(h.split("%", 1)[0])
    except ValueError:
        return False
    return any(ip in net for net in _non_public_nets() if net.version == ip.version)


def url_host(url: str) -> Host | None:
    """Host of an absolute or protocol-relative URL, or of ``www.…`` without a scheme; None for relative links."""
    u = url.strip().translate(_DOTS)
    low = u.lower()
    if not u or low.startswith(_IGNORED_SCHEMES):
        return None
    if low.startswith("//"):
        u = "http:" + u
    elif "://" not in low[:12]:
        if not low.startswith("www."):
            return None  # relative: the page's own site
        u = "http://" + u
    try:
        parts = urlsplit(u)
        if parts.scheme.lower() not in ("http", "https", "ftp", "ws", "wss"):
            return None
        host = parts.hostname
    except ValueError:
        return None
    return parse_host(host) if host else None


def _parents(name: str) -> Iterator[str]:
    """``a.b.c`` → ``a.b.c``, ``b.c``, ``c``."""
    yield name
    i = name.find(".")
    while i >= 0:
        yield name[i + 1:]
        i = name.find(".", i + 1)


def host_matches(host: Host, domain: str) -> bool:
    """``domain`` (Unicode or punycode) is the host or one of its parent domains."""
    d = domain.strip().strip(".").lower()
    if not d:
        return False
    for h in (host.unicode, host.ascii):
        if h == d or h.endswith("." + d):
            return True
    return False


@functools.lru_cache(maxsize=1)
def _government_forms() -> tuple[str, ...]:
    return tuple({f for s in GOVERNMENT_SUFFIXES for f in (s, _to_ascii(s))})


def is_government(host: Host) -> bool:
    return any(host_matches(host, s) for s in _government_forms())


@functools.lru_cache(maxsize=1)
def builtin_allow_domains() -> tuple[tuple[str, str], ...]:
    """(domain, note) rows of ``lexicons/allow_domains.tsv``."""
    return _domain_table("allow_domains.tsv")


@functools.lru_cache(maxsize=1)
def builtin_service_hosts() -> tuple[tuple[str, str], ...]:
    """(host, service) rows of ``lexicons/third_party_services.tsv``: statistics, map and JS-SDK script hosts."""
    return _domain_table("third_party_services.tsv")


def service_of(host: Host) -> str | None:
    """The third-party web service a script host belongs to (百度统计, 高德地图 API…), or None."""
    return _named(builtin_service_hosts(), host)


@functools.lru_cache(maxsize=1)
def builtin_platform_hosts() -> tuple[tuple[str, str], ...]:
    """(host, platform) rows of ``lexicons/new_media_platforms.tsv``: where 政务新媒体 accounts live (微博, 公众号…)."""
    return _domain_table("new_media_platforms.tsv")


def platform_of(host: Host) -> str | None:
    """The new-media platform a host belongs to (微博, 微信公众号, 抖音…), or None."""
    return _named(builtin_platform_hosts(), host)


@functools.lru_cache(maxsize=1)
def builtin_shortener_hosts() -> tuple[tuple[str, str], ...]:
    """(host, service) rows of ``lexicons/url_shorteners.tsv``: short-link services (t.cn, url.cn…)."""
    return _domain_table("url_shorteners.tsv")


def shortener_of(host: Host) -> str | None:
    """The short-link service a host belongs to, or None: its links hide where they lead."""
    return _named(builtin_shortener_hosts(), host)


def _named(rows: tuple[tuple[str, str], ...], host: Host) -> str | None:
    """The note of the first row whose domain is the host or one of its parents."""
    return next((note or domain for domain, note in rows if host_matches(host, domain)), None)


def _domain_table(name: str) -> tuple[tuple[str, str], ...]:
    from .lexicons import builtin_dir

    path = Path(builtin_dir()) / name
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("domain\t"):
            continue
        cols = line.split("\t")
        rows.append((cols[0].strip(), cols[1].strip() if len(cols) > 1 else ""))
    return tuple(rows)


class DomainPolicy:
    """Classifies hosts: ``government``, ``allowed`` (with the list that allowed it), or ``commercial``."""

    def __init__(self, allow: Iterable[str] = (), *, builtin: bool = True):
        self.allow: list[tuple[str, str]] = [(d, "config") for d in allow if d and d.strip()]
        if builtin:
            self.allow.extend((d, "builtin") for d, _ in builtin_allow_domains())
        self.allow = [(_to_unicode(d.strip().lower().translate(_DOTS).strip(".")), why) for d, why in self.allow]
        self.allow = [(d, why) for d, why in self.allow if d] + [(_to_ascii(d), why) for d, why in self.allow if d]
        self._allowed: dict[str, str] = {}
        for d, why in self.allow:
            self._allowed.setdefault(d, why)

        self._cache: dict[Host, tuple[str, str | None]] = {}

    def classify(self, host: Host, *, site: Iterable[str] = ()) -> tuple[str, str | None]:
        for d in site:
            if host_matches(host, d):
                return "allowed", f"site:{d}"
        got = self._cache.get(host)
        if got is None:
            got = self._classify(host)
            if len(self._cache) < 100_000:  # a plain dict: a racing duplicate write is harmless
                self._cache[host] = got
        return got

    def _classify(self, host: Host) -> tuple[str, str | None]:
        if is_government(host):
            return "government", None
        for form in {host.unicode, host.ascii}:
            for d in _parents(form):
                why = self._allowed.get(d)
                if why is not None:
                    return "allowed", f"{why}:{d}"
        return "commercial", None


_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH[ord("｡")] = ord("。")


def _view_fold(text: str) -> str:
    """Width-folded copy of equal length (one code point each way), so text-URL matches map 1:1 back to the view."""
    return text.translate(_WIDTH)


# a letter or digit, a dot (ASCII, full-width or 。), then a letter: necessary for any URL or bare domain
_MAYBE_DOMAIN = lazy_re(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ][.．。][A-Za-zＡ-Ｚａ-ｚ]")


def text_targets(view: TextView) -> Iterator[Target]:
    """URLs and bare domains written as text in the view, at source offsets."""
    text = view.text
    if _MAYBE_DOMAIN.search(text) is None:  # no "x.yz" anywhere: skip the fold (most official text)
        return
    folded = _view_fold(text)
    for m in _TEXT_URL.finditer(folded):
        vs, ve = m.span()
        raw = folded[vs:ve].rstrip(".:/,。")
        ve = vs + len(raw)
        raw = raw.replace("。", ".")
        if not m.group("scheme"):
            tld = (m.group("tld") or "").lower()
            if not m.group("www") and (tld in _FILE_EXTENSIONS or (tld not in BARE_TLDS and not tld.startswith("xn--"))):
                continue
            host = parse_host(raw.split("/", 1)[0].split(":", 1)[0])
            if host is None or host.registrable == host.suffix:  # no registrable domain: not a domain
                continue
        s, e = view.to_source(vs, ve)
        yield Target("text", raw, s, e)


def _script_targets(src: str, bs: int, be: int) -> Iterator[Target]:
    """Redirects and written links of one inline script, read as written and, when it hides them in
    escapes (unescape("%3Ca%20href%3D%22http%3A…"), "\\x3ca href…"), decoded: the target's span is then
    the escaped URL in the source, its ``url`` the decoded one."""
    body = src[bs:be]
    seen: set[int] = set()
    decoded = unescape_ascii(body)  # escapes of ASCII characters only: see jsstring
    for reading in (decoded, None) if decoded is not None else (None,):  # decoded first: its URLs parse
        text = body if reading is None else reading.text

        def span(a: int, b: int, reading=reading) -> tuple[int, int]:
            x, y = (a, b) if reading is None else reading.span(a, b)
            return bs + x, bs + y

        for m in _SCRIPT_REDIRECT.finditer(text):
            g = "u" if m.group("u") is not None else "u2" if m.group("u2") is not None else "u3"
            s, e = span(*m.span(g))
            if s not in seen:
                seen.add(s)
                # window.open() opens a window on a click (browsers block it otherwise: 分享到微博 buttons),
                # it does not move the visitor off the page — a link, not a redirect
                yield Target("script-location" if g != "u3" else "script-open", m.group(g).strip(), s, e)
        if _SCRIPT_WRITE.search(text):
            hides = _SCRIPT_HIDES.search(text)
            hidden = f"脚本写入的 {hides.group()}" if hides else None
            for m in _SCRIPT_URL.finditer(text):
                s, e = span(*m.span())
                if s not in seen:
                    seen.add(s)
                    yield Target("script-write", m.group().replace("\\/", "/"), s, e, hidden=hidden)


def html_targets(doc: HtmlDocument) -> Iterator[Target]:
    """Every outbound target of an HTML page, each at the source span of its URL."""
    st = doc.structure
    for link in st.links:
        yield Target(link.kind, link.url, link.start, link.end, link.anchor, link.hidden)
    src = doc.source
    for t in doc.tags:
        if t.closing:
            continue
        if t.name == "meta" and (t.attr("http-equiv") or "").strip().lower() == "refresh" and "content" in t.attrs:
            value, vs, _ = t.attrs["content"]
            m = _REFRESH_URL.search(value)
            if m:
                yield Target("meta-refresh", _html.unescape(m.group(1)), vs + m.start(1), vs + m.end(1))
        elif t.name == "script" and t.body and t.body[1] > t.body[0]:
            yield from _script_targets(src, *t.body)
    for tt in text_targets(doc.view):
        if st.in_anchor(tt.start, tt.end):
            continue  # the anchor's href is the target; its text repeats it
        h = st.hidden_at(tt.start)
        if h is not None and h.tag == "!--":
            # a URL in a comment is text for crawlers, not a link anyone can follow: commercial, not a dark link
            yield Target("comment", tt.url, tt.start, tt.end)
        else:
            yield Target("text", tt.url, tt.start, tt.end, hidden=h.reason if h else None)


def targets(source_view: TextView, html: HtmlDocument | None) -> list[Target]:
    """All targets of a document (HTML: attributes, scripts and text; plain text: text URLs)."""
    if html is not None:
        return html.targets
    return list(text_targets(source_view))
