"""Shop and mini-program embeds in a WeChat (微信公众号) article draft.

The WeChat editor inserts product cards and mini-program entries as elements that hold no URL a
link check could read, only attributes the platform turns into a card:

* ``<mp-common-product data-windowproduct data-title>`` (also ``<a tagname="mp-common-product">``,
  ``linktype="product"``, and the older ``<mpcps>`` / ``<mp-common-cps>``) — a 微信小店 / 带货
  product card, often with a sales commission: a product promotion in a 政务新媒体 article is
  ``advertising.commercial`` at medium, for a person to judge (a 助农 promotion approved by the
  unit may stay);
* ``<mp-miniprogram>`` / ``<mp-common-miniprogram>`` cards and ``<a data-miniprogram-appid>``
  text and image links — an entry into a mini-program named by ``data-miniprogram-nickname``.
  Government service mini-programs (国务院客户端, 粤省事, 随申办…) are linked every day and
  shopping ones (京东购物, 拼多多…) must not be: the name is what tells them apart, so each
  distinct entry is ``link.commercial`` at low with the name, like a link to a new-media
  platform. Their card titles are text of the view (:mod:`govreview.html`), so ad wording in
  them (限时秒杀) is found by the lexicons.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import Category, Finding, Severity
from ..registry import Rule, detector
from .link_targets import COMMERCIAL as LINK_COMMERCIAL

NAME = "new_media_embeds"
AD_COMMERCIAL = Rule("advertising.commercial", Category.advertising, Severity.medium,
                     "商业广告或营销推广内容（政府网站不得刊登商业广告）", "发现疑似商业广告内容")

_PRODUCT_TAGS = frozenset(["mp-common-product", "mpcps", "mp-common-cps"])
_MINIPROGRAM_TAGS = frozenset(["mp-miniprogram", "mp-common-miniprogram"])


def _value(t, *names: str) -> tuple[str, int, int] | None:
    """The first non-empty attribute of ``names``: (decoded value, source start, source end)."""
    for n in names:
        v = t.attrs.get(n)
        if v is not None and v[0].strip():
            return t.attr(n).strip(), v[1], v[2]
    return None


def _is_product(t) -> bool:
    if t.name in _PRODUCT_TAGS or "data-windowproduct" in t.attrs:
        return True
    return ((t.attr("tagname") or "").strip().lower() in _PRODUCT_TAGS
            or (t.attr("linktype") or "").strip().lower() == "product")


@detector(AD_COMMERCIAL, LINK_COMMERCIAL, name=NAME, order=55)
class NewMediaEmbeds:
    """Product cards (带货) and mini-program entries in WeChat article HTML."""

    def __init__(self, reviewer):
        pass

    def detect(self, ctx) -> Iterable[Finding]:
        if ctx.html is None:
            return ()
        src = ctx.source
        if "miniprogram" not in src and "product" not in src and "cps" not in src:
            return ()  # no WeChat embed can be there (one memchr-speed pass each)
        return self._findings(ctx)

    def _findings(self, ctx) -> Iterator[Finding]:
        tags = ctx.html.tags
        product_until = -1  # end of the product element being reported (its inner card is the same product)
        seen_programs: set[tuple[str, str]] = set()
        for i, t in enumerate(tags):
            if t.closing:
                continue
            if _is_product(t):
                if t.start < product_until:
                    continue
                product_until = _element_end(tags, i)
                title = _value(t, "data-title")
                s, e = (title[1], title[2]) if title else (t.start + 1, t.start + 1 + len(t.name))
                shown = f"“{title[0][:40]}”" if title else ""
                details = {"element": t.name}
                for k in ("data-windowproduct", "data-cardtype", "tagname", "linktype"):
                    if k in t.attrs:
                        details[k] = t.attr(k)
                yield ctx.finding(
                    AD_COMMERCIAL.id, s, e, coords="source", confidence=0.8, pattern="wechat-product",
                    message=f"文章中插入了商品卡片{shown}（微信小店/带货商品，可带佣金），属商品推广：政务新媒体不得发布商业广告，"
                            f"如为经批准的助农等公益推介请确认后保留", details=details)
                continue
            appid = _value(t, "data-miniprogram-appid")
            if appid is None and t.name not in _MINIPROGRAM_TAGS:
                continue
            path = _value(t, "data-miniprogram-path")
            key = (appid[0] if appid else "", path[0] if path else "")
            if key in seen_programs:
                continue  # the editor writes a card twice (an iframe preview and the element): one entry
            seen_programs.add(key)
            nick = _value(t, "data-miniprogram-nickname")
            where = nick or _value(t, "data-miniprogram-title") or appid
            if where is None:
                s, e = t.start + 1, t.start + 1 + len(t.name)
            else:
                s, e = where[1], where[2]
            name = f"“{nick[0][:30]}”" if nick else ""
            details = {"element": t.name, "appid": key[0], "path": key[1]}
            if nick:
                details["nickname"] = nick[0]
            yield ctx.finding(
                LINK_COMMERCIAL.id, s, e, coords="source", confidence=0.5, severity=Severity.low, pattern="mini-program",
                message=f"小程序{name}入口：如为政务服务小程序（国务院客户端、各地政务服务小程序等）可保留；"
                        f"购物、外卖、游戏等商业小程序不应出现在政务新媒体中，请核实", details=details,
                normalized=key[0] or (nick[0] if nick else t.name), folds=[])


def _element_end(tags, i: int) -> int:
    """Source offset where the element opened by ``tags[i]`` ends (its closing tag, else the tag itself)."""
    t = tags[i]
    depth = 0
    for j in range(i + 1, len(tags)):
        u = tags[j]
        if u.name != t.name:
            continue
        if not u.closing:
            depth += 1
        elif depth:
            depth -= 1
        else:
            return u.end
    return t.end
