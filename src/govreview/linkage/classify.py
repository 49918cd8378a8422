"""policy / interpretation / other, from the title, the head of the text and an optional hint — with reasons.

Most CMS exports carry no ``kind``, so the page must say what it is:
- *interpretation*: the headline names the genre (解读, 一图读懂, 图解, 答记者问,
  问答, 政策吹风会, 新闻发布会); for the weaker genres (问答, 发布会, 吹风会)
  the page must also cite a policy (a 《title》 or a 文号, or name a policy-shaped
  title in the headline: X政策问答, X新闻发布会实录), and headlines about
  an event (解读培训会, 座谈会…) are not interpretations.
- *policy*: the page's own 文号 (labelled 发文字号, or on its own line under the
  title), or a policy-shaped title (关于印发…的通知, 机关+关于…的通知/决定/意见,
  …办法/意见/规定/方案/措施/决定…) that is not a news headline about a policy
  (我市出台…措施).
- *other*: everything else.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ..lazyre import lazy_regex
from .features import DocFeatures
from .titles import fold_title, unquoted_subject


class Kind(str, enum.Enum):
    policy = "policy"
    interpretation = "interpretation"
    other = "other"


@dataclass(frozen=True)
class Classification:
    kind: Kind
    reasons: tuple[str, ...]
    #: an *other* page whose title names an interpretation genre (政策问答, 解读 as a column name, X问答 without a
    #: citation): pass 2 takes it for the interpretation of a policy that links to it as one and that it cites
    candidate: bool = False


_STRONG_INTERP = lazy_regex(r"一图(?:读懂|看懂|了解|解读)|图解|图说|解读|答记者问|记者问|划重点")
_WEAK_INTERP = lazy_regex(r"问答|答问|政策吹风会|吹风会|新闻发布会|发布会")
_EVENT = lazy_regex(r"培训|座谈|研讨|推进会|工作会|部署会|动员会|调研|观摩|竞赛|比赛|评选|征文|专栏|栏目|宣讲团|志愿")
_POLICY_WRAPPED = lazy_regex(r"关于(?:印发|转发|发布|颁布|公布)[^的]{0,8}.+的(?:通知|公告|通告)$")
_POLICY_SUFFIX = lazy_regex(
    r"(?:办法|意见|规定|方案|措施|决定|细则|条例|规则|规划|纲要|计划|指引|实施意见|若干措施|暂行办法)"
    r"(?:\((?:试行|暂行|修订|修订稿|\d{4}(?:-\d{4})?年?(?:修订)?)\))*$"
)
_ISSUED = lazy_regex(r"^.{2,30}?(?:人民政府|政府|办公厅|办公室|委员会|局|厅|部|委|院)关于.{2,}的(?:通知|决定|意见|公告|通告|批复)$")
_NEWS = lazy_regex(r"出台|推出|亮点|看点|来了|一文|速览|[!?！？]|^(?:我市|我省|我区|我县|本市)")
_COLUMN_WORDS = lazy_regex(r"政策|解读|一图读懂|图解|问答|答记者问|发布会|吹风会|专栏|栏目|列表|首页|[-_|()]")
_HINTS = {
    "policy": Kind.policy, "政策文件": Kind.policy, "规范性文件": Kind.policy, "文件": Kind.policy,
    "interpretation": Kind.interpretation, "解读": Kind.interpretation, "政策解读": Kind.interpretation,
    "other": Kind.other, "news": Kind.other, "新闻": Kind.other,
}


def _policy_subject(title: str) -> str | None:
    """The bare policy title in a headline such as X政策问答 / X新闻发布会实录, if it has a policy's shape."""
    subject = unquoted_subject(title)
    if subject and (_POLICY_SUFFIX.search(subject) or _POLICY_WRAPPED.search(subject) or _ISSUED.search(subject)) \
            and not _NEWS.search(subject):
        return subject
    return None


def classify(f: DocFeatures) -> Classification:
    hint = (f.kind_hint or "").strip().lower()
    if hint in _HINTS:
        return Classification(_HINTS[hint], (f"导出数据给出类型 kind hint: {f.kind_hint}",))
    title = fold_title(f.title)
    reasons: list[str] = []

    event = _EVENT.search(title)
    strong = _STRONG_INTERP.search(title)
    weak = _WEAK_INTERP.search(title)
    cites = bool(f.quoted or f.cited_docnos)
    note = (f.title_note,) if f.title_note else ()
    if (strong or weak) and (_POLICY_WRAPPED.search(title) or _ISSUED.search(title)) and unquoted_subject(f.title) is None:
        # 关于进一步做好政策解读工作的通知, 关于印发《政策解读工作规范》的通知: a policy about 解读 work
        reasons.append(f"标题含“{(strong or weak).group()}”，但整体是发文标题（关于…的通知/意见），讲的是解读工作本身")
        strong = weak = None
    if strong or weak:
        marker = (strong or weak).group()
        rest = _COLUMN_WORDS.sub("", title)
        if len(rest) < 4:
            reasons.append(f"标题“{f.title}”只是栏目名（栏目页或列表页），不作为解读")
        elif event:
            reasons.append(f"标题含“{marker}”但讲的是活动（“{event.group()}”），不作为解读")
        elif strong:
            return Classification(Kind.interpretation, (*note, f"标题含解读类标识“{marker}”"))
        elif cites:
            cited = f"《{f.quoted[0]}》" if f.quoted else f.cited_docnos[0]
            return Classification(Kind.interpretation, (*note, f"标题含“{marker}”且引用了政策文件 {cited}"))
        elif (subject := _policy_subject(f.title)) is not None:
            return Classification(Kind.interpretation, (*note, f"标题含“{marker}”，所讲的“{subject}”是政策文件标题"))
        else:
            reasons.append(f"标题含“{marker}”但未引用任何政策文件（无《》标题或文号），不作为解读")

    if f.own_docnos:
        dn, how = f.own_docnos[0]
        return Classification(Kind.policy, (*reasons, f"页面自身文号 {dn}（{how}）"))
    if _POLICY_WRAPPED.search(title):
        return Classification(Kind.policy, (*reasons, "标题为“关于印发/转发…的通知”"))
    if _ISSUED.search(title) and not _NEWS.search(title):
        return Classification(Kind.policy, (*reasons, "标题为机关发文格式（××关于××的通知/决定/意见）"))
    m = _POLICY_SUFFIX.search(title)
    if m and not _NEWS.search(title) and not event:
        return Classification(Kind.policy, (*reasons, f"标题以政策文件文种“{m.group()}”结尾"))
    if m:
        reasons.append(f"标题以“{m.group()}”结尾，但像新闻标题，不作为政策文件")
    if f.head_docnos and not f.own_docnos:
        reasons.append(f"正文开头引用了文号 {f.head_docnos[0]}，但不是本页自身文号")
    return Classification(Kind.other, tuple(reasons) or ("无政策文件或解读的标识",), candidate=bool((strong or weak) and not event))
