"""Links with their anchor text, and page metadata, from an HTML page.

``govreview.html`` produces the text view with exact offsets but not the link
structure; linkage needs ``<a href>`` with the words a reader sees on it (the
anchor text, or the ``alt`` of an image inside it — 一图读懂 pages are mostly
images; also the links a ``<script>`` writes into the page, such as a 相关解读 box
filled by ``document.write`` or ``innerHTML``), plus the page metadata Chinese government CMSs write into ``<meta>``
(``ArticleTitle``, ``PubDate``, ``ContentSource`` per the 政府网站发展指引
template), ``<link rel=canonical>`` and ``<base href>``. The standard library's
tolerant ``html.parser`` does this without a new dependency and copes with the
broken markup real sites serve; offsets are not needed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from ..lazyre import lazy_re

#: Cap on links kept per page: navigation-heavy templates can carry thousands.
MAX_LINKS = 1000
_MAX_ANCHOR = 200
#: Script text examined for links (a 相关解读 box written by document.write / innerHTML).
_MAX_SCRIPT = 20_000
_SCRIPT_ANCHOR = lazy_re(r"""<a\s[^<>]*?href\s*=\s*\\?["']([^"'\\<>\s]+)\\?["'][^<>]*>(.{0,400}?)</a""", 2 | 16)  # I | S
_SCRIPT_URL = lazy_re(r"""["']((?:https?:)?//[^"'\\<>\s]+?\.s?html?|\.{0,2}/[^"'\\<>\s]+?\.s?html?)(?:\?[^"'\\<>\s]*)?["']""")
_MAX_HEADINGS = 8
_SPACE_BETWEEN_CJK = lazy_re(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])")


def join_words(parts: list[str]) -> str:
    """Text of an element: whitespace collapsed, and dropped between Chinese characters (a title broken by
    ``<br>`` and a newline in the source is one title)."""
    return _SPACE_BETWEEN_CJK.sub("", " ".join("".join(parts).split()))


#: 上一篇/下一篇 navigation under an article: the link goes to whatever was published next to it, not to a
#: related page, so it is not kept (a policy would be "linked" to an unrelated interpretation).
_PREV_NEXT = lazy_re(r"(?:上一篇|下一篇|上一条|下一条|上篇|下篇|前一篇|后一篇)\s*[:：]?\s*$")
_PREV_NEXT_ANCHOR = lazy_re(r"^\s*(?:上一篇|下一篇|上一条|下一条|上篇|下篇|前一篇|后一篇)")
_TAG = lazy_re(r"<[^<>]*>|['\"]\s*\+[^+]*\+\s*['\"]")

#: Boxes a CMS fills by itself (keywords, newest, most read): their links say nothing about which pages belong
#: together, like 上一篇/下一篇. Recognised by the box's heading (a short text of its own) or by its class/id.
_AUTO_HEADING = lazy_re(
    r"^(?:相关(?:文章|阅读|推荐|新闻|资讯)|推荐(?:阅读|文章|新闻)|热[点门](?:推荐|文章|新闻|阅读|信息)|猜你喜欢"
    r"|你可能(?:还)?(?:感兴趣|喜欢)(?:的(?:文章|内容|新闻))?|(?:阅读|点击|热度|浏览)排行(?:榜)?|排行榜"
    r"|最新(?:文章|发布|信息|动态|解读|文件|政策))$")
#: Headings of boxes an editor fills (the policy's own 相关解读, 政策原文…): they end an automatic box around them.
_KEEP_HEADING = lazy_re(r"^(?:相关(?:解读|文件|政策|链接|附件)|政策(?:解读|原文)|(?:文件|政策)?原文(?:链接)?|附件|延伸阅读)$")
_AUTO_CLASS = lazy_re(
    r"(?:^|[-_])(?:xgwz|xgyd|xgtj|xgxw|xgzx|tjyd|rmwz|rdtj|djph|phb|recommend\w*|tuijian|guess\w*|hot[-_]?(?:news|art\w*|list)"
    r"|related[-_]?(?:art\w*|read\w*|news|rec\w*|posts?)|rank\w*|newest|latest)(?:$|[-_])", 2)  # I
#: Traditional forms of the characters in those headings (相關閱讀, 熱點推薦, 猜你喜歡, 相關解讀…).
_T2S_HEADING = str.maketrans("關閱讀薦聞資訊熱點門歡擊覽瀏動態發佈鏈檔問圖條", "关阅读荐闻资讯热点门欢击览浏动态发布链档问图条")
_HEADING_CUT = lazy_re(r"^[\s【\[■●◆▌▍|｜·•>»]+|[\s:：>»》】\]更多more+＋|｜/]+$", 2)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TITLE_CLASS = lazy_re(r"tit|^hd$|[-_]hd$|head|^bt$|[-_]bt$", 2)  # I
_MORE = lazy_re(r"^\s*(?:查看)?(?:更多|more|[>»+＋]+)\W*$", 2)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
_BLOCK = frozenset({"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "section", "article",
                    "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "aside", "nav", "blockquote", "pre", "td",
                    "th", "center", "form", "hr"})
#: Characters of text outside links kept per page (a 解读 section set below the policy, citations of a page whose
#: title is only a column name).
MAX_PLAIN = 100_000


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    #: in a box the CMS fills by itself (相关文章, 相关阅读, 相关推荐, 最新文章…): not a link an editor chose
    auto: bool = False


@dataclass
class PageStructure:
    links: list[Link] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None
    base: str | None = None
    h1: str | None = None
    #: the first headings (h1/h2), each with whether it follows the previous one with no text between
    #: (a title set over two lines: <h1>…关于印发</h1><h1>…的通知</h1>, <h1>一图读懂</h1><h2>《X》</h2>)
    headings: list[tuple[str, str, bool]] = field(default_factory=list)
    #: the text outside links, scripts and ``<title>``, blocks on their own lines (at most MAX_PLAIN characters)
    plain: str = ""
    #: ``alt``/``title`` of images outside links (一图读懂 pages and 解读 set into a policy page as images)
    images: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageStructure()
        self._href: str | None = None
        self._anchor: list[str] = []
        self._in_h1 = False
        self._h1: list[str] = []
        self._heading: str | None = None  # h1/h2 being read
        self._htext: list[str] = []
        self._adjacent = False  # nothing but markup since the last heading ended
        self._skip = 0  # inside script/style
        self._script: list[str] | None = None  # text of the <script> being read
        self._script_len = 0
        self._tail = ""  # the last words read outside links (the label in front of the next link)
        self._before = ""  # the label in front of the open link
        # open elements: [tag, automatic box?, levels a box heading may still climb (0: none), links seen since,
        # a heading or title element (h1–h6, class …tit…/hd/head)]
        self._stack: list[list] = []
        self._plain: list[str] = []
        self._plain_len = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in _BLOCK:
            self._add_plain("\n")
        if tag not in _VOID and tag not in ("script", "style", "a"):
            names = f"{a.get('class', '')} {a.get('id', '')}".split()
            titled = tag in _HEADINGS or any(_TITLE_CLASS.search(n) for n in names)
            self._stack.append([tag, any(_AUTO_CLASS.search(n) for n in names), 0, 0, titled])
            if len(self._stack) > 400:  # unclosed markup: keep the stack bounded
                del self._stack[:100]
        if tag == "title":
            self._in_title = True
        if tag in ("script", "style"):
            self._skip += 1
            if tag == "script":
                self._script, self._script_len = [], 0
        elif tag == "a":
            if self._href is not None:  # unclosed <a>: close it
                self._close_anchor()
            href = a.get("href")
            if href is not None:
                self._href = href
                self._before = self._tail
                self._anchor = [a.get("title", "")] if a.get("title") else []
        elif tag == "img" and self._href is not None:
            self._anchor.append(a.get("alt") or a.get("title") or "")
        elif tag == "img" and not self._skip and (a.get("alt") or a.get("title")) and len(self.page.images) < 50:
            self.page.images.append(" ".join((a.get("alt") or a.get("title") or "").split())[:_MAX_ANCHOR])
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
        if tag in ("h1", "h2") and self._heading is None and len(self.page.headings) < _MAX_HEADINGS:
            self._heading, self._htext = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self._add_plain("\n")
        if tag == "title":
            self._in_title = False
        if tag not in _VOID and tag not in ("script", "style", "a"):
            self._pop(tag)
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
            if tag == "script" and self._script is not None:
                self._script_links("".join(self._script))
                self._script = None
        elif tag == "a" and self._href is not None:
            self._close_anchor()
        elif tag == "h1" and self._in_h1:
            self._in_h1 = False
            self.page.h1 = join_words(self._h1) or None
        if tag == self._heading:
            text = join_words(self._htext)
            if text:
                self.page.headings.append((tag, text, self._adjacent and bool(self.page.headings)))
                self._adjacent = True
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            if self._script is not None and self._script_len < _MAX_SCRIPT:
                self._script.append(data)
                self._script_len += len(data)
            return
        if self._href is not None:
            self._anchor.append(data)
        elif data.strip():
            self._tail = (self._tail + data.strip())[-12:]
            if not self._in_title:
                self._box_heading(data)
                self._add_plain(data)
        if self._in_h1:
            self._h1.append(data)
        if self._heading is not None:
            self._htext.append(data)
        elif data.strip():
            self._adjacent = False

    def _script_links(self, code: str) -> None:
        """Links a script writes into the page (相关解读 boxes rendered by document.write / innerHTML / a URL
        variable): a reader sees them, so they count. Only page-like URLs (.html/.htm/.shtml) or ``<a href>``
        markup inside string literals are taken; the anchor is the markup's text, else empty."""
        code = code[:_MAX_SCRIPT]
        seen: set[str] = set()
        for m in _SCRIPT_ANCHOR.finditer(code):
            href = unescape(m.group(1))
            if href.startswith(("'", '"', "+")) or len(self.page.links) >= MAX_LINKS:
                continue
            text = " ".join(unescape(_TAG.sub("", m.group(2))).split())[:_MAX_ANCHOR]
            self.page.links.append(Link(href, text))
            seen.add(href)
        for m in _SCRIPT_URL.finditer(code):
            href = unescape(m.group(0)[1:-1])
            if href not in seen and len(self.page.links) < MAX_LINKS:
                seen.add(href)
                self.page.links.append(Link(href, ""))

    def _close_anchor(self) -> None:
        text = " ".join("".join(self._anchor).split())[:_MAX_ANCHOR]
        if len(self.page.links) < MAX_LINKS:
            if not (_PREV_NEXT.search(self._before) or _PREV_NEXT_ANCHOR.match(text)):
                self.page.links.append(Link(self._href or "", text, any(e[1] for e in self._stack)))
        if not _MORE.match(text):  # a 更多>> link in the box's heading row is not one of its entries
            for e in self._stack:
                e[3] += 1
        self._href = None
        self._anchor = []
        self._tail = ""
        if self._stack and self._stack[-1][4]:  # <h3><a href="/col/xgwz/">相关文章</a></h3>, not a menu entry
            self._box_heading(text)

    def _add_plain(self, data: str) -> None:
        if self._plain_len < MAX_PLAIN:
            self._plain.append(data)
            self._plain_len += len(data)

    def _box_heading(self, data: str) -> None:
        """A box's heading: 相关文章 marks the element it stands in as an automatic box (moved to the parent when
        that element closes without a link, as a heading in its own <h3> does); 相关解读 ends the automatic boxes
        it stands in."""
        t = _HEADING_CUT.sub("", data.strip())
        if not t or len(t) > 12 or not self._stack:
            return
        t = t.translate(_T2S_HEADING)
        if _AUTO_HEADING.match(t):
            top = self._stack[-1]
            top[1], top[2], top[3] = True, 3, 0
        elif _KEEP_HEADING.match(t):
            for e in self._stack:
                e[1], e[2] = False, 0

    def _pop(self, tag: str) -> None:
        for i in range(len(self._stack) - 1, max(-1, len(self._stack) - 30), -1):
            if self._stack[i][0] == tag:
                closed = self._stack[i]
                del self._stack[i:]
                if closed[2] and not closed[3] and self._stack and self._stack[-1][0] not in ("html", "body", "head"):
                    parent = self._stack[-1]  # the heading had an element of its own: the box is its parent
                    parent[1], parent[2], parent[3] = True, closed[2] - 1, 0
                return

    def close(self) -> None:
        super().close()
        if self._href is not None:
            self._close_anchor()
        self.page.plain = "".join(self._plain)


def extract_structure(html: str) -> PageStructure:
    """Links, metadata, canonical URL, base URL and first ``<h1>`` of a page; never raises on bad markup."""
    c = _Collector()
    try:
        c.feed(html)
        c.close()
    except Exception:  # html.parser is lenient; keep what was collected if it still gives up
        pass
    return c.page
