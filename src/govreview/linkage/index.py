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
from .classify import Classification, Kind, classify
from .features import DocFeatures
from .options import LinkageOptions
from .titles import title_keys, unquoted_subject
from .urls import PSEUDO_BASE, host_of, url_hash, url_key

PLACEHOLDER_HOST = host_of(url_key(PSEUDO_BASE))

_REF_ANCHOR = lazy_regex(r"《|原文|全文|相关文件|文件链接|政策文件[:：]|〔\d{4}〕|.{6,}(?:通知|办法|意见|规定|方案|措施|决定|细则|条例|规划|计划)$")
MAX_REF_LINKS = 20
_DOCNO_PARTS = lazy_regex(r"^(?P<a>.+)〔(?P<y>\d{4})〕(?P<s>\d+)号$")


def split_docno(normalized: str) -> tuple[str, int, int] | None:
    m = _DOCNO_PARTS.match(normalized)
    return (m["a"], int(m["y"]), int(m["s"])) if m else None


class Record:
    """A policy or an interpretation in the index."""

    __slots__ = ("rid", "id", "url", "host", "title", "day", "kind", "reasons", "own_docnos",
                 "cited_docnos", "cited_keys", "links", "ref_links", "exempt",
                 "auto_links")

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
        if c.kind is Kind.other:
            if h is not None:
                self._other_hashes.append(h)
                self._sorted = None
            return c
        rec = Record(len(self.records), f, c)
        self.records.append(rec)
        if h is not None:
            self.url_to_rid.setdefault(h, rec.rid)
        if c.kind is Kind.policy:
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
        else:
            rec.cited_docnos = tuple(f.cited_docnos)
            keys: dict[str, tuple[str, int]] = {}
            for rank, q in enumerate(f.quoted):
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
        return c

    def _exemption(self, f: DocFeatures) -> str | None:
        if f.id in self._exempt_ids:
            return "配置 exempt_ids"
        for p in self._exempt:
            m = p.search(f.title)
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
