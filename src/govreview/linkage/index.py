"""The compact pass-1 index: only what pass 2 needs, so a 10^6-page export fits in modest memory.

Pages classified *other* (the bulk of a site) cost one 64-bit URL hash in a
growing ``array('q')`` — kept only so pass 2 can tell a dead link from a live
one. Policies and interpretations keep a small slotted record: id, URL,
title, date (ordinal), their 文号 and title keys, and their outgoing links as
an ``array('q')`` of URL hashes (a few policy-looking links of an
interpretation keep their href and anchor text as evidence). Page text is
never kept. See ``benchmarks/linkage_index.py`` for measured memory.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterator

import regex

from ..lazyre import lazy_regex
from ..normalize import match_view
from .classify import Classification, Kind, classify
from .features import INTERP_WORD as _INTERP_WORDS
from .features import DocFeatures
from .options import LinkageOptions
from .titles import fold_title, title_keys, unquoted_subject
from .urls import PSEUDO_BASE, host_of, url_hash, url_key

PLACEHOLDER_HOST = host_of(url_key(PSEUDO_BASE))

#: A link a policy page gives its interpretation: the anchor names the genre alone (解读, 政策问答, 一图读懂) or
#: the genre and a subject (《X》政策解读, 一图读懂X, 关于《X》的解读, 负责人就X答记者问).
_GENERIC_INTERP_ANCHOR = lazy_regex(
    r"(?:相关|专家|权威|深度|政策|图文|文件)?(?:解读|问答)(?:材料|说明|稿|文章)?|一图(?:读懂|看懂|了解|解读)|图解|图说|答记者问"
    r"|政策吹风会")
_ANCHOR_DECOR = lazy_regex(r"^(?:附件\s*[0-9０-９一二三四五六七八九十]*\s*[:：.、．]?|附[:：]|点击(?:查看|下载)?[:：]?"
                           r"|[0-9０-９]{1,2}\s*[.、．]|[(（][0-9０-９一二三四五六七八九十]{1,2}[)）])\s*"
                           r"|\s*[(（]?\s*\.?(?:pdf|docx?|wps|ofd|xlsx?|et|pptx?|jpe?g|png|gif|bmp|webp|zip|rar)\s*[)）]?\s*$"
                           r"|\s*[(（\[【]?\s*\d+(?:\.\d+)?\s*[KMG]B?\s*[)）\]】]?\s*$", 2)  # I
#: A link to a file rather than a page: by extension (also in a download script's query) or a download script.
_ATTACHMENT = lazy_regex(r"\.(?:pdf|docx?|wps|ofd|xlsx?|et|pptx?|jpe?g|png|gif|bmp|webp|zip|rar|7z)(?:$|[?#&;])"
                         r"|downfile|download|filedown|attach|fujian|getfile", 2)  # I
_ATTACHMENT_ANCHOR = lazy_regex(r"\.(?:pdf|docx?|wps|ofd|xlsx?|pptx?|jpe?g|png|zip|rar)\s*[)）]?\s*$", 2)  # I
MAX_INTERP_LINKS = 10
_REF_ANCHOR = lazy_regex(r"《|原文|全文|相关文件|文件链接|政策文件[:：]|〔\d{4}〕|.{6,}(?:通知|办法|意见|规定|方案|措施|决定|细则|条例|规划|计划)$")
MAX_REF_LINKS = 20
_DOCNO_PARTS = lazy_regex(r"^(?P<a>.+)〔(?P<y>\d{4})〕(?P<s>\d+)号$")


def interp_anchor(anchor: str) -> tuple[str, str | None] | None:
    """("generic", None) for 解读 / 政策问答 / 一图读懂.pdf, ("specific", subject) for 《X》政策解读, 一图读懂X,
    市发展改革委负责同志就X答记者问; None when the anchor does not name an interpretation (关于做好政策解读工作的通知)."""
    if not anchor:
        return None
    anchor = match_view(anchor)  # 政策解讀 and 一圖讀懂 are 政策解读 and 一图读懂 (1:1 t2s/width fold)
    if not _INTERP_WORDS.search(anchor):
        return None
    a = anchor.strip()
    prev = None
    while prev != a:
        prev, a = a, _ANCHOR_DECOR.sub("", a).strip()
    folded = fold_title(a)
    if _GENERIC_INTERP_ANCHOR.fullmatch(folded):
        return "generic", None
    subject = unquoted_subject(a)
    return ("specific", subject) if subject else None


def anchor_names(subject: str, title: str, *, abbreviated: bool = False) -> bool:
    """Whether the subject of an anchor (《X》政策解读 → X) is the document titled ``title``; with ``abbreviated``, a
    short form that ends the title counts too (《若干措施》解读.pdf on the page of 关于印发…若干措施的通知)."""
    keys = title_keys(title)
    mine = title_keys(subject) | (title_keys(subject[2:]) if subject.startswith("关于") else set())
    if keys & mine:
        return True
    return abbreviated and any(k.endswith(m) for k in keys for m in mine)


def is_attachment(href: str, anchor: str) -> bool:
    """A file (PDF, Word, WPS, OFD, image…) or a download script, not a page."""
    return bool(_ATTACHMENT.search(href or "") or _ATTACHMENT_ANCHOR.search(anchor or ""))


def is_directory(key: str | None) -> bool:
    """A column page: the URL is a folder (``/zcjd/``, ``/col/col1231/index.html``), not an article file or query."""
    if not key or "?" in key:
        return False
    last = key.rsplit("/", 1)[-1]
    return "." not in last or last.lower().startswith("index")


def split_docno(normalized: str) -> tuple[str, int, int] | None:
    m = _DOCNO_PARTS.match(normalized)
    return (m["a"], int(m["y"]), int(m["s"])) if m else None


class Record:
    """A policy or an interpretation in the index."""

    __slots__ = ("rid", "id", "url", "host", "title", "day", "kind", "reasons", "own_docnos",
                 "cited_docnos", "cited_keys", "links", "ref_links", "exempt", "auto_links", "interp_links", "embedded",
                 "candidate")

    def __init__(self, rid: int, f: DocFeatures, c: Classification):
        self.rid = rid
        self.id = f.id
        self.url = f.url
        self.host = sys.intern(f.host) if f.host else None
        self.title = f.title
        self.day = f.date.toordinal() if f.date else 0
        self.kind = c.kind
        self.reasons = c.reasons
        self.own_docnos: tuple[tuple[str, str], ...] = ()
        self.cited_docnos: tuple[str, ...] = ()
        self.cited_keys: tuple[tuple[str, str, int], ...] = ()  # (key, headline|quoted-in-title|quoted-in-text, quote order)
        self.links = array("q", (url_hash(k) for k, _, _ in f.links))
        self.ref_links: tuple[tuple[int, str, str], ...] = ()
        self.exempt: str | None = None
        #: links from boxes the CMS fills by itself (相关文章, 最新解读…): they never pair pages on their own
        self.auto_links = array("q", (url_hash(k) for k, _, _ in f.auto_links))
        #: a policy's links that name an interpretation: (URL hash, href, anchor, generic anchor?)
        self.interp_links: tuple[tuple[int, str, str, bool], ...] = ()
        self.embedded: str | None = None  # a policy's 解读 set into its own page
        self.candidate = c.candidate  # an *other* page that may be the interpretation a policy links to


class LinkageIndex:
    """Pass 1: ``add`` each document's features; pass 2 (:mod:`.resolve`) reads the tables."""

    def __init__(self, options: LinkageOptions | None = None):
        self.options = options or LinkageOptions()
        self.records: list[Record] = []
        self._other_hashes = array("q")
        self._sorted: array | None = None
        self.url_to_rid: dict[int, int] = {}
        self.docno_to_policies: dict[str, list[int]] = {}
        self.key_to_policies: dict[int, list[int]] = {}  # hash of a title key → policies (strings not kept)
        self.docno_by_number: dict[tuple[int, int], list[tuple[str, int]]] = {}  # (year, seq) → (agency, rid)
        self.counts = {k: 0 for k in Kind}
        self.link_fanout: dict[int, int] = {}  # policy rid → how many interpretations it links to (filled in pass 2)
        self.placeholder_urls = 0  # pages whose URL had to be made up (no url, canonical, base URL or SiteDomain)
        self._exempt = [regex.compile(p) for p in self.options.exempt_titles]
        self._exempt_ids = set(self.options.exempt_ids)

    def __len__(self) -> int:
        return sum(self.counts.values())

    def add(self, f: DocFeatures) -> Classification:
        c = classify(f)
        self.counts[c.kind] += 1
        if f.host == PLACEHOLDER_HOST:
            self.placeholder_urls += 1
        h = url_hash(f.key) if f.key else None
        if c.kind is Kind.other and not (c.candidate and h is not None and not is_directory(f.key)):
            if h is not None:
                self._other_hashes.append(h)
                self._sorted = None
            return c
        rec = Record(len(self.records), f, c)
        self.records.append(rec)
        if h is not None:
            self.url_to_rid.setdefault(h, rec.rid)
        if c.kind is Kind.other:  # candidate: what pass 2 needs should a policy's link show it is its interpretation
            self._interpretation_fields(rec, f, f.body_quoted, f.body_docnos)
        elif c.kind is Kind.policy:
            rec.own_docnos = tuple(f.own_docnos)
            for dn, _ in rec.own_docnos:
                self.docno_to_policies.setdefault(dn, []).append(rec.rid)
                parts = split_docno(dn)
                if parts:
                    self.docno_by_number.setdefault(parts[1:], []).append((parts[0], rec.rid))
            for k in title_keys(f.title):
                rids = self.key_to_policies.setdefault(hash(k), [])
                if rec.rid not in rids:
                    rids.append(rec.rid)
            rec.exempt = self._exemption(f)
            rec.embedded = f.embedded
            found = []
            for k, href, text in f.links:
                kind = interp_anchor(text)
                if kind is not None:
                    found.append((url_hash(k), href, text, kind[0] == "generic"))
                    if len(found) >= MAX_INTERP_LINKS:
                        break
            rec.interp_links = tuple(found)
        else:
            self._interpretation_fields(rec, f, f.quoted, f.cited_docnos)
        return c

    @staticmethod
    def _interpretation_fields(rec: Record, f: DocFeatures, quoted: list[str], docnos: list[str]) -> None:
        rec.cited_docnos = tuple(docnos)
        keys: dict[str, tuple[str, int]] = {}
        for rank, q in enumerate(quoted):
            where = "quoted-in-title" if f"《{q}》" in f.title else "quoted-in-text"
            for k in sorted(title_keys(q)):
                if k not in keys or (where == "quoted-in-title" and keys[k][0] != where):
                    keys[k] = (where, rank)
        subject = unquoted_subject(f.title)
        if subject:
            # 关于X的解读: X, or a policy titled 关于X (关于加快发展银发经济的实施意见)
            bare = subject[2:] if subject.startswith("关于") else subject
            for k in sorted(title_keys(subject) | title_keys(bare)):
                if k not in keys or keys[k][0] == "quoted-in-text":  # the headline outranks a quote below it
                    keys[k] = ("headline", -1)
        rec.cited_keys = tuple((k, w, r) for k, (w, r) in keys.items())
        refs = [(url_hash(k), href, text) for k, href, text in f.links if _REF_ANCHOR.search(text)]
        rec.ref_links = tuple(refs[:MAX_REF_LINKS])

    def _exemption(self, f: DocFeatures) -> str | None:
        if f.id in self._exempt_ids:
            return "配置 exempt_ids"
        for p in self._exempt:
            m = p.search(match_view(f.title))
            if m:
                return f"标题含“{m.group()}”（无需解读的文件类型，见 exempt_titles）"
        return None

    # --- pass 2 helpers ---------------------------------------------------
    def url_exists(self, h: int) -> bool:
        if h in self.url_to_rid:
            return True
        if self._sorted is None:
            self._sorted = array("q", sorted(self._other_hashes))
        i = bisect_left(self._sorted, h)
        return i < len(self._sorted) and self._sorted[i] == h

    def policies(self) -> Iterator[Record]:
        return (r for r in self.records if r.kind is Kind.policy)

    def interpretations(self) -> Iterator[Record]:
        return (r for r in self.records if r.kind is Kind.interpretation)

    def policies_with_docno(self, cited: str) -> list[tuple[int, str, str]]:
        """Policies whose own 文号 is ``cited``: exactly, or with words glued in front of the 机关代字
        (印发了临政办发〔2025〕21号 → agency 了临政办发 ends with 临政办发). Returns (rid, the policy's 文号, how)."""
        exact = self.docno_to_policies.get(cited)
        if exact:
            return [(rid, cited, "exact") for rid in exact]
        parts = split_docno(cited)
        if not parts:
            return []
        agency, year, seq = parts
        return [(rid, f"{a}〔{year}〕{seq}号", "agency suffix") for a, rid in self.docno_by_number.get((year, seq), ())
                if len(a) >= 2 and agency.endswith(a)]

    def policies_with_title(self, key: str) -> list[int]:
        return self.key_to_policies.get(hash(key), [])

    def target(self, h: int) -> Record | None:
        rid = self.url_to_rid.get(h)
        return None if rid is None else self.records[rid]
