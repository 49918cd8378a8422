"""Pass 1, per document: what linkage needs from one page, extracted once.

Title (``Document.title``, else ``<meta name=ArticleTitle>``, ``<h1>`` (not a logo
holding the site name; a title set over two headings is joined), the ``<title>``
less the site-name suffix), publication date (``published_at``,
else ``<meta name=PubDate>`` or a 发布日期 line), the page's own 文号 (a
labelled 发文字号 or a 文号 standing on its own line right below the title),
the 文号 and 《titles》 it cites, and its outgoing links resolved to URL keys.
The text itself is not kept: only these features go into the index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

import regex

from ..docnumber import find_doc_numbers
from ..html import parse_html
from ..lazyre import lazy_regex
from ..model import Document
from ..normalize import match_view
from .links import extract_structure, join_words
from .titles import fold_title, quoted_titles, strip_site_suffix
from .urls import PSEUDO_BASE, host_of, resolve, url_key

_DATE = lazy_regex(r"(?P<y>(?:19|20)\d\d)\s*[-/年.]\s*(?P<m>\d{1,2})\s*[-/月.]\s*(?P<d>\d{1,2})")
_DATE_LABEL = lazy_regex(r"(?P<label>发布日期|发布时间|公开日期|公开时间|发文日期|成文日期|成文时间|印发日期|日期)\s*[:：]?\s*")
#: Labels naming the day the document was written or issued, not published: used only when no other label has a date.
_WRITTEN_LABELS = frozenset({"发文日期", "成文日期", "成文时间", "印发日期"})
_DOCNO_LABEL = lazy_regex(r"(?:发文字号|文\s*号|发文号|文件编号)\s*[:：]?\s*$")
_META_TITLE = ("articletitle", "title", "og:title", "dc.title")
_META_DATE = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date", "publishtime", "date")
_DOMAIN = lazy_regex(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,}(?::\d{1,5})?")
_CUT_SHORT = lazy_regex(r"(?:关于印发|关于转发|关于|印发|转发|的)$")
#: Words naming an interpretation genre (classify.py decides how strong each is).
INTERP_WORD = lazy_regex(r"解读|一图(?:读懂|看懂|了解)|图解|图说|答记者问|记者问|问答|答问|吹风会|发布会|划重点")
#: What a column page title holds besides a genre word (a title made only of these names the column, not a page).
COLUMN_WORDS = lazy_regex(r"政策|解读|一图读懂|图解|问答|答记者问|发布会|吹风会|专栏|栏目|列表|首页|[-_|()]")
#: A heading in a policy page over a 解读 set below the policy text: 政策解读, 【解读】, 《X》政策解读, 关于《X》的解读,
#: 一图读懂, 图解 (alone on its line; a numbered section such as （三）加强政策解读 is a policy's own content).
_EMBEDDED_HEADING = lazy_regex(
    r"^(?:附[:：]?|附件\d*[:：]?)?[【\[]?(?:(?:《[^《》\n]{2,80}》|关于《[^《》\n]{2,80}》的?)(?:政策)?(?:解读|图解)(?:说明|材料)?"
    r"|(?:政策|文件)?解读(?:说明|材料)?|一图(?:读懂|看懂|了解)(?:《[^《》\n]{2,80}》)?|图解(?:《[^《》\n]{2,80}》)?)[】\]]?[:：]?$",
    regex.MULTILINE)
_SENTENCE = lazy_regex(r"[。；;]")
_IMAGE_INTERP = lazy_regex(r"解读|一图(?:读懂|看懂|了解|解读)|图解")
_GENRE_ONLY = lazy_regex(r"(?:专家|权威|深度|政策)?(?:解读|问答)|一图(?:读懂|看懂|了解|解读)|图解|图说|答记者问|(?:新闻)?发布会|政策吹风会")
TEXT_LIMIT = 200_000  # characters of a page examined for citations


@dataclass
class DocFeatures:
    id: str
    url: str | None
    key: str | None
    host: str | None
    title: str
    date: date | None
    kind_hint: str | None
    head: str
    own_docnos: list[tuple[str, str]] = field(default_factory=list)  # (normalised 文号, how it was found)
    head_docnos: list[str] = field(default_factory=list)  # 文号 in the head region in any position
    cited_docnos: list[str] = field(default_factory=list)
    quoted: list[str] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (key, absolute href, anchor text)
    date_source: str | None = None
    #: links from boxes the CMS fills by itself (相关文章, 相关推荐, 最新解读…), same form as ``links``
    auto_links: list[tuple[str, str, str]] = field(default_factory=list)
    #: a 解读 set into the page itself: the heading over it, or the alt text of an 一图读懂 image
    embedded: str | None = None
    #: why the title is not the page's <title>/<h1> (a column name there, the headline taken from the body)
    title_note: str | None = None
    #: for a page whose title names an interpretation genre: 《titles》 and 文号 cited outside links
    body_quoted: list[str] = field(default_factory=list)
    body_docnos: list[str] = field(default_factory=list)


def _parse_date(s: str | None) -> date | None:
    if not s:
        return None
    m = _DATE.search(s)
    if not m:
        return None
    try:
        return date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


def _labelled_date(text: str) -> tuple[date | None, str | None]:
    """The publication date from a labelled line near the top. An info table (索引号/发布机构/发文字号/成文日期/
    发布日期) lists 成文日期 first, but the deadline runs from publication: 成文日期 and 发文日期 count only when no
    publication label has a date."""
    written: tuple[date, str] | None = None
    for m in _DATE_LABEL.finditer(text, 0, 5000):
        window = text[m.end(): m.end() + 20]
        nxt = _DATE_LABEL.search(window)  # an empty cell: the date after it belongs to the next label
        day = _parse_date(window[: nxt.start()] if nxt else window)
        if day is None:
            continue
        if m["label"] not in _WRITTEN_LABELS:
            return day, f"{m['label']} line"
        written = written or (day, f"{m['label']} line (no publication date)")
    return written if written else (None, None)


_BEIJING = timezone(timedelta(hours=8))


def _as_date(v: date | datetime | None) -> date | None:
    """The calendar day in China: an aware time (an epoch timestamp is UTC) is read in UTC+8 first."""
    if isinstance(v, datetime):
        return (v.astimezone(_BEIJING) if v.tzinfo is not None else v).date()
    return v


def page_url(doc: Document, canonical: str | None, base_url: str | None, site_domain: str | None = None) -> str | None:
    """The page's absolute URL: its own, else ``<link rel=canonical>``, else base URL + its id (folder exports).

    Without a base URL, the ``<meta name="SiteDomain">`` that government CMS templates write gives the host;
    failing that, a placeholder host (relative links between pages still resolve).
    """
    if doc.url:
        return doc.url
    if canonical and canonical.lower().startswith(("http://", "https://")):
        return canonical
    if not base_url and site_domain and _DOMAIN.fullmatch(site_domain.strip()):
        base_url = f"http://{site_domain.strip().lower()}/"
    root = base_url or PSEUDO_BASE
    if not root.endswith("/"):
        root += "/"
    return resolve(doc.id.replace("\\", "/").lstrip("/"), root)


def _heading_title(headings: list[tuple[str, str, bool]], html_title: str | None, site_name: str | None) -> str | None:
    """The page's headline from its ``<h1>``: not a logo ``<h1>`` holding the site name, and completed by the
    heading right after it when it is cut short (``<h1>…关于印发</h1><h1>…的通知</h1>``) or names only the genre
    (``<h1>一图读懂</h1><h2>《X》</h2>``)."""
    site = [fold_title(site_name or "")]
    if html_title:
        site.append(fold_title(html_title.strip()[len(strip_site_suffix(html_title)):]))
    site = [x for x in site if x]
    for i, (tag, text, _) in enumerate(headings):
        key = fold_title(text)
        if tag != "h1" or not key or any(key in x for x in site):
            continue
        for _, more, adjacent in headings[i + 1:]:
            if not (adjacent and _cut_short(key)):
                break
            text += more
            key = fold_title(text)
        if _cut_short(key) and html_title:
            whole = strip_site_suffix(html_title)
            if key in fold_title(whole):
                return whole
        return text
    return None


def _cut_short(key: str) -> bool:
    return bool(_CUT_SHORT.search(key) or _GENRE_ONLY.fullmatch(key))


def _title_position(text: str, title: str) -> int:
    """Where the body's title stands (the second occurrence: the first is usually ``<title>``); line breaks
    inside the title (``<br>``) are allowed."""
    if not title:
        return 0
    chars = [c for c in title if not c.isspace()][:30]
    if not chars:
        return 0
    probe = re.compile(r"\s*".join(map(re.escape, chars)))
    first = probe.search(text)
    if first is None:
        return 0
    second = probe.search(text, first.end())
    return (second if second is not None and second.start() < 5000 else first).end()


def extract(doc: Document, *, base_url: str | None = None, head_chars: int = 400) -> DocFeatures:
    meta: dict[str, str] = {}
    links_raw = []
    canonical = base_href = None
    html_title = None
    if doc.is_html:
        hd = parse_html(doc.content)
        text = hd.view.text
        st = extract_structure(doc.content)
        meta, links_raw, canonical, base_href = st.meta, st.links, st.canonical, st.base
        html_title = hd.title
    else:
        text = doc.content
    text = text[:TEXT_LIMIT]

    title = doc.title or next((meta[k] for k in _META_TITLE if meta.get(k)), None) \
        or (_heading_title(st.headings, html_title, meta.get("sitename")) if doc.is_html else None) \
        or (strip_site_suffix(html_title) if html_title else None)
    if not title and not doc.is_html:
        title = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")[:120]
    title = " ".join((title or "").split())
    plain = st.plain if doc.is_html else text
    # the labels, genre words and 文号 below are matched on the 1:1 t2s/width fold (發文字號, 政策解讀, 國辦發〔2017〕
    # 47號 are what 发文字号, 政策解读, 国办发〔2017〕47号 are); what is shown (titles, headings) is read off the page
    text_f, plain_f = match_view(text), match_view(plain)
    title_note = None
    if title and INTERP_WORD.search(match_view(title)) and len(COLUMN_WORDS.sub("", fold_title(title))) < 4:
        line = _body_headline(plain, plain_f)
        if line:
            title_note = f"页面标题“{title}”只是栏目名，标题取自正文“{line}”"
            title = line

    url = page_url(doc, canonical, base_url, meta.get("sitedomain"))
    key = url_key(url)

    day = _as_date(doc.published_at)
    date_source = "published_at" if day else None
    if day is None:
        for k in _META_DATE:
            day = _parse_date(meta.get(k))
            if day:
                date_source = f"meta {k}"
                break
    if day is None:
        day, date_source = _labelled_date(text_f)

    title_f = match_view(title)
    pos = _title_position(text_f, title_f)
    head = text[pos: pos + head_chars]
    f = DocFeatures(doc.id, url, key, host_of(key), title, day, (doc.kind or None), head, date_source=date_source,
                    title_note=title_note)
    f.embedded = _embedded_interpretation(plain_f, title_f, st.images if doc.is_html else (), shown=plain)
    if INTERP_WORD.search(title_f):
        f.body_quoted = quoted_titles(plain[:TEXT_LIMIT])
        f.body_docnos = list(dict.fromkeys(dn.normalized for dn in find_doc_numbers(plain_f[:TEXT_LIMIT])))
    shown_text, text = text, text_f  # from here on only matched

    # 文号: own (labelled anywhere near the top, or alone on its line in the head) and cited (anywhere)
    seen_own: set[str] = set()
    for dn in find_doc_numbers(text[: max(5000, pos + head_chars)]):
        line_start = text.rfind("\n", 0, dn.start) + 1
        line_end = text.find("\n", dn.end)
        line_end = len(text) if line_end < 0 else line_end
        before = text[line_start: dn.start - len(dn.issuer)]  # 省人社厅湘人社发〔2024〕5号 alone on its line is one
        rest = (before + text[dn.end: line_end]).strip(" \t\u3000()（）")
        if not before.strip() and line_start > 0:  # label in the cell before: 发文字号 | 临政办发〔2025〕12号
            prev_start = text.rfind("\n", 0, line_start - 1) + 1
            before = text[prev_start: line_start - 1]
        how = None
        if _DOCNO_LABEL.search(before):
            how = "labelled 发文字号"
        elif pos <= dn.start < pos + head_chars and not rest:
            how = "own line below the title"
        if how and dn.normalized not in seen_own:
            seen_own.add(dn.normalized)
            f.own_docnos.append((dn.normalized, how))
        if pos <= dn.start < pos + head_chars:
            f.head_docnos.append(dn.normalized)
    cited: dict[str, None] = {}
    for dn in find_doc_numbers(title_f + "\n" + text):
        cited.setdefault(dn.normalized)
    f.cited_docnos = list(cited)
    f.quoted = quoted_titles(title + "\n" + shown_text)

    base_for_links = resolve(base_href, url) if base_href else url
    seen_links: set[str] = set()
    for ln in links_raw:
        absolute = resolve(ln.href, base_for_links)
        k = url_key(absolute)
        if k and k not in seen_links and k != key:
            seen_links.add(k)
            (f.auto_links if ln.auto else f.links).append((k, absolute or ln.href, ln.text))
    return f


def _squeeze(line: str) -> str:
    return join_words([line])


def _body_headline(plain: str, plain_f: str) -> str | None:
    """The headline of a page whose title is only its column's name (政策问答, 政策解读): the first short line near
    the top that names the genre and cites a policy (《X》（文号）政策问答), and is not a sentence. ``plain_f`` is
    ``plain`` folded 1:1 (match_view): the tests read it, the headline returned is the page's own line."""
    for line, line_f in zip(plain[:5000].splitlines(), plain_f[:5000].splitlines()):
        t = _squeeze(line_f)
        if 8 <= len(t) <= 150 and INTERP_WORD.search(t) and not re.search(r"[，。；,;！？]", t) \
                and ("《" in t or find_doc_numbers(t)):
            return _squeeze(line)
    return None


def _embedded_interpretation(plain: str, title: str, images, shown: str | None = None) -> str | None:
    """A 解读 published inside the page (below a policy): a heading alone on its line after the title, followed by
    sentences of text (not a list of links, which ``plain`` leaves out); or an image whose alt text names a 解读 of a
    particular document (一图读懂《X》). ``plain`` and ``title`` are folded 1:1 (match_view); ``shown`` is
    ``plain`` as written, for the heading quoted in the result."""
    shown = plain if shown is None else shown
    for alt in images:
        a = fold_title(alt)
        if _IMAGE_INTERP.search(a) and len(COLUMN_WORDS.sub("", a)) >= 4:
            return f"图片“{alt}”"
    if "解读" not in plain and "图" not in plain:
        return None
    start = 0
    probe = "".join(title.split())[:8]
    if probe:
        squeezed_at = plain.find(probe)
        start = squeezed_at + len(probe) if squeezed_at >= 0 else 0
    pos = start
    for line in plain[start:].splitlines(keepends=True):
        line_start = pos
        pos += len(line)
        t = _squeeze(line)
        if t and len(t) <= 90 and ("解读" in t or "图" in t) and _EMBEDDED_HEADING.fullmatch(t):
            # text follows, not a box of links: a heading that names the document needs a sentence, a bare 解读
            # heading a paragraph (a sidebar's heading over a line of description is not a 解读)
            after = "".join(plain[pos: pos + 600].split())
            specific = "《" in t
            if not specific and INTERP_WORD.search(title):
                continue  # a section of a policy about 解读 work (关于进一步做好政策解读工作的通知)
            if len(after) >= (30 if specific else 80) and len(_SENTENCE.findall(after)) >= (1 if specific else 2):
                return f"标题“{_squeeze(shown[line_start:pos])}”"
    return None


def folded_title(f: DocFeatures) -> str:
    return fold_title(f.title)
