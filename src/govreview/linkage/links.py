"""Links with their anchor text, and page metadata, from an HTML page.

``govreview.html`` produces the text view with exact offsets but not the link
structure; linkage needs ``<a href>`` with the words a reader sees on it (the
anchor text, or the ``alt`` of an image inside it — 一图读懂 pages are mostly
images), plus the page metadata Chinese government CMSs write into ``<meta>``
(``ArticleTitle``, ``PubDate``, ``ContentSource`` per the 政府网站发展指引
template), ``<link rel=canonical>`` and ``<base href>``. The standard library's
tolerant ``html.parser`` does this without a new dependency and copes with the
broken markup real sites serve; offsets are not needed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Cap on links kept per page: navigation-heavy templates can carry thousands.
MAX_LINKS = 1000
_MAX_ANCHOR = 200


@dataclass(frozen=True)
class Link:
    href: str
    text: str


@dataclass
class PageStructure:
    links: list[Link] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None
    base: str | None = None
    h1: str | None = None


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageStructure()
        self._href: str | None = None
        self._anchor: list[str] = []
        self._in_h1 = False
        self._h1: list[str] = []
        self._skip = 0  # inside script/style

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "a":
            if self._href is not None:  # unclosed <a>: close it
                self._close_anchor()
            href = a.get("href")
            if href is not None:
                self._href = href
                self._anchor = [a.get("title", "")] if a.get("title") else []
        elif tag == "img" and self._href is not None:
            self._anchor.append(a.get("alt") or a.get("title") or "")
        elif tag == "meta":
            name = (a.get("name") or a.get("property") or a.get("itemprop") or "").strip().lower()
            if name and "content" in a and name not in self.page.meta:
                self.page.meta[name] = a["content"].strip()
        elif tag == "link" and "canonical" in (a.get("rel") or "").lower().split():
            self.page.canonical = self.page.canonical or a.get("href") or None
        elif tag == "base" and a.get("href"):
            self.page.base = self.page.base or a["href"]
        elif tag == "h1" and self.page.h1 is None:
            self._in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag == "a" and self._href is not None:
            self._close_anchor()
        elif tag == "h1" and self._in_h1:
            self._in_h1 = False
            self.page.h1 = " ".join("".join(self._h1).split()) or None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._href is not None:
            self._anchor.append(data)
        if self._in_h1:
            self._h1.append(data)

    def _close_anchor(self) -> None:
        if len(self.page.links) < MAX_LINKS:
            text = " ".join("".join(self._anchor).split())[:_MAX_ANCHOR]
            self.page.links.append(Link(self._href or "", text))
        self._href = None
        self._anchor = []

    def close(self) -> None:
        super().close()
        if self._href is not None:
            self._close_anchor()


def extract_structure(html: str) -> PageStructure:
    """Links, metadata, canonical URL, base URL and first ``<h1>`` of a page; never raises on bad markup."""
    c = _Collector()
    try:
        c.feed(html)
        c.close()
    except Exception:  # html.parser is lenient; keep what was collected if it still gives up
        pass
    return c.page
