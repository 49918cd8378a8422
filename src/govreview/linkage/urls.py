"""URL normalisation for matching links between pages of one site.

A policy page and its interpretation link to each other with whatever form the
CMS happened to write: relative paths, ``http`` vs ``https``, a trailing
slash, an explicit ``index.html``, a ``#fragment``. Two URLs that a reader's
browser would open as the same page must compare equal, so the *key* of a URL
drops the scheme (http/https), the fragment, default ports, ``index.html`` /
``default.htm`` style directory indexes and trailing slashes, and lower-cases
the host; the hash pages are matched by also ignores a leading ``www.``. Query strings are kept: CMSs address articles by ``?id=``.
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urljoin, urlsplit

#: Directory index file names dropped from the end of a path.
INDEX_NAMES = frozenset({"index.html", "index.htm", "index.shtml", "index.jsp", "index.php",
                         "default.html", "default.htm", "default.aspx"})
_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "ftp:", "file:")

#: Base for pages that have no URL (a folder export without ``--base-url``): relative links between
#: them still resolve, absolute links to the real host do not.
PSEUDO_BASE = "http://site.invalid/"


def resolve(href: str, page_url: str | None) -> str | None:
    """Absolute URL of ``href`` as found on ``page_url``; None for javascript:, mailto:, bare fragments…"""
    href = (href or "").strip().replace("\\", "/")
    if not href or href.startswith("#"):
        return None
    low = href.lower()
    if low.startswith(_SKIP_SCHEMES):
        return None
    try:
        absolute = urljoin(page_url or PSEUDO_BASE, href)
    except ValueError:  # malformed IPv6 literal and similar
        return None
    if not absolute.lower().startswith(("http://", "https://", "//")):
        return None
    return absolute


def url_key(url: str | None) -> str | None:
    """The comparison key of an absolute URL: ``//host/path?query`` with the variations above removed."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().rstrip(".")
        port = parts.port
    except ValueError:
        return None
    if not host:
        return None
    if port and not ((parts.scheme == "http" and port == 80) or (parts.scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    path = unquote(parts.path or "/")
    if "/./" in path or "/../" in path or path.endswith(("/.", "/..")):
        path = posixpath.normpath(path) + ("/" if path.endswith("/") else "")
    while "//" in path:
        path = path.replace("//", "/")
    last = path.rsplit("/", 1)[-1]
    if last.lower() in INDEX_NAMES:
        path = path[: len(path) - len(last)]
    path = path.rstrip("/")
    key = f"//{host}{path}"
    if parts.query:
        key += "?" + unquote(parts.query)
    return key


def host_of(key: str | None) -> str | None:
    """Host part of a key made by :func:`url_key`."""
    if not key or not key.startswith("//"):
        return None
    rest = key[2:]
    for sep in ("/", "?"):
        i = rest.find(sep)
        if i >= 0:
            rest = rest[:i]
    return rest


def same_host(host: str) -> str:
    """``www.example.gov.cn`` → ``example.gov.cn``: a government site answers on both, and its pages link with both."""
    return host[4:] if host.startswith("www.") else host


def url_hash(key: str) -> int:
    """A 64-bit in-process hash of a URL key: the compact index stores these instead of strings.

    A leading ``www.`` is dropped here (not in the key, which reports show): ``http://qinghe.gov.cn/art/…``
    on one page and ``https://www.qinghe.gov.cn/art/…`` on the other are links to the same page."""
    if key.startswith("//www."):
        key = "//" + key[6:]
    return hash(key)
