"""Home addresses: a detailed address (finer than 街道/乡镇) that belongs to a person.

An address is reported only after an address cue, and its span runs from
just after the cue to the last *detail* component (门牌 号, 栋/幢/号楼,
单元, 室/层/户/房, ``2-5-1``, 村 + 组/社). Whose address it is comes from the
cue and what stands before it:

* private cues (家住, 住址, 现住, 户籍地, 居住地, 家庭住址, 坐落, 住 …) → ``high``,
  unless the subject before the cue is an organisation (公司…住所) → ``info``;
* neutral cues (地址, 联系地址) → ``high`` only with a fine detail (栋/单元/室,
  村组) and a person before it; an institution word in the address or an
  organisation subject → ``info``; otherwise nothing;
* delivery cues (送达地址, 邮寄地址) → as neutral ones, and also ``high`` for a fine
  address in a residential compound (小区, 花园…), ``medium`` for another fine one;
* institution cues (单位地址, 办公地址, 报名地点, 经营场所, 位于 …) → ``info``.

A person located only to a district or village (住厦门市思明区) has no detail
component and is not reported.

Addresses without a cue are found through the division-name gazetteer
(:mod:`govreview.pii.gazetteer`): a fine detail component (…3单元501室) whose
run of address characters starts with a division name, with a person just
before it (``张三，兰州市城关区…3单元501室``), is ``high`` at a lower
confidence.
"""

from __future__ import annotations

import re

from ..lazyre import lazy_re, lazy_regex
from ..model import Category, ContextEffect, Severity
from ..pii.context import (
    CITIZEN_ROLES,
    INSTITUTION_WORDS,
    RESIDENTIAL_WORDS,
    ORG_AFTER,
    ORG_MARKERS,
    PARAGRAPH_END,
    ROLE_WORDS,
    clause_before,
    last_match_end,
    person_before,
    row_evidence,
)
from ..pii.gazetteer import first_place
from ..pii.report import pii_finding
from ..registry import Rule, detector

RULE = Rule(
    "pii.address", Category.pii, Severity.high,
    "个人详细住址，属于个人信息，不得公开", "发现个人详细住址，公开前应删除或仅保留到街道/乡镇",
)

_PRIVATE = (
    "家庭住址|家庭地址|户籍所在地|户籍地址|户籍地|户籍|生前住址|现居住地|现居住|居住地址|居住地|现居|现住址|现住|家住|"
    "住址|住所地|住所|购房地址|建房地点|坐落|常住地|暂住地|我家在|您家位于|你家位于"
)
# 居住在/居住于 as neutral: 居住在XX小区5栋的居民请… is a 封控 notice's, 病例1：李某，女，56岁，居住在… a person's
_NEUTRAL = "联系地址|通讯地址|通信地址|地址|居住在|居住于"
# where a reply or a decision is delivered (答复书, 告知书, 处罚决定书 送达): the addressee's, a citizen as often as not
_RECIPIENT = "送达地址|邮寄地址|收件地址|收信地址"
_INSTITUTION = (
    "单位地址|办公地址|项目地址|工程地址|建设地点|项目地点|办公地点|机关地址|中心地址|受理地址|报名地点|考试地点|体检地点|咨询地点|接待地点|经营地址|经营场所|"
    "注册地址|地点|位于|选址于|来信请寄"
)
# The cue words are the detector's ``cues``: they ride in the shared automaton pass, and
# ADDRESS_CUE (longest word first, as a scan would pick it) is only tried where a hit stands.
# The kind of cue is looked up after.
_KINDS = {w: "inst" for w in _INSTITUTION.split("|")}
_KINDS.update({w: "priv" for w in _PRIVATE.split("|")})
_KINDS.update({w: "neut" for w in _NEUTRAL.split("|")})
_KINDS.update({w: "recv" for w in _RECIPIENT.split("|")})
_KINDS["住"] = "zhu"
# Forms align their labels with spaces (住　　址：, 户 籍 地：): a cue may have up to three spaces between its
# characters; the fold drops them, so the cue's hit stands there too. cue_word() gives the word without them.
_CUE_SPACE = "[ \u3000\xa0]{0,3}"
ADDRESS_CUE = lazy_re("|".join(_CUE_SPACE.join(map(re.escape, w)) for w in sorted(_KINDS, key=len, reverse=True)))
_SPACES = lazy_re("[ \u3000\xa0]+")


def cue_word(m: re.Match[str]) -> str:
    """The cue word ``m`` matched, without the spaces a form put between its characters."""
    return _SPACES.sub("", m.group())
_ZHU_NOT_BEFORE = set("居入暂常租留")
_ZHU_NOT_AFTER = set("房宅院所址户宿建")


def _cue_kind(text: str, m: re.Match[str]) -> str | None:
    kind = _KINDS[cue_word(m)]
    if kind == "zhu":
        s, e = m.start(), m.end()
        if (s > 0 and text[s - 1] in _ZHU_NOT_BEFORE) or (e < len(text) and text[e] in _ZHU_NOT_AFTER):
            return None
    return kind


_AFTER_CUE = lazy_regex(r"[：:\s为是在于]*")
# one space may stand between the parts of an address (金星北路一段 润和紫郡 6栋2单元, &nbsp; in a page)
ADDRESS_RUN = lazy_regex(r"[\p{Han}\dA-Za-zＡ-Ｚａ-ｚ\-－#＃·](?:[ \u3000\xa0]?[\p{Han}\dA-Za-zＡ-Ｚａ-ｚ\-－#＃·]){1,63}")
_NUM = r"(?:\d+|[一二三四五六七八九十百零〇]+)"
DETAIL = lazy_regex(
    r"(?P<fine>\d+(?:号楼|号院|栋|幢|单元|室|层|楼|户|房|门|座)|\d+(?:[\-－]\d+){1,3}|村[\p{Han}]{0,6}?" + _NUM + r"(?:组|社|队)"
    r"|[A-Za-z][座栋]|附\d+号)|(?P<coarse>\d+号)"
)
_TRAILING_ROOM = lazy_regex(r"\d{1,5}")


def _address_end(run: str) -> tuple[int, bool] | None:
    """End of the last detail component in ``run`` and whether any component was fine."""
    last = None
    fine = False
    for m in DETAIL.finditer(run):
        last = m.end()
        fine = fine or m.group("fine") is not None
    if last is None:
        return None
    t = _TRAILING_ROOM.match(run, last)
    if t:
        last = t.end()
    return last, fine


def _address_at(text: str, start: int, end: int | None = None) -> tuple[int, bool] | None:
    """End of the address that starts at ``start`` (its run of address characters, up to ``end``, cut
    after the last detail component) and whether a detail was fine; None when there is no detail."""
    run = ADDRESS_RUN.match(text, start, len(text) if end is None else end)
    if run is None:
        return None
    found = _address_end(run.group())
    return None if found is None else (start + found[0], found[1])


# 处罚决定书, 中标公告 and registrations put one field per line (当事人：XX有限公司 / 统一社会信用代码：… /
# 住所：…): the subject of a 住所 is the record's, so single line breaks do not end it; a blank line does
_RECORD_END = lazy_re(r"[。；;！!？?]|\n[ \t\u3000]*\n")
# 复议决定书 and 判决书 close each party's field with a full stop (被申请人：某某区人民政府。/ 住所地：…。): for a
# cue that starts a line, a sentence end at the end of the line above ends that field, not the record
_FIELD_RECORD_END = lazy_re(r"[。；;！!？?](?![ \t\u3000]*\r?\n)|\n[ \t\u3000]*\n")
_LINE_START = lazy_re(r"(?:^|\n)[ \t\u3000]*$")


_ORG_ROLES = frozenset(("法定代表人", "法人代表", "法人", "负责人"))
# a new party of a 复议决定书/判决书 (第三人：刘某某，女，… / 上诉人（原审被告）：…) or a person's sex field: the
# record has moved on to a person since the organisation named above (an organisation party names itself after)
_PARTY = lazy_regex(r"第三人|原告|被告|上诉人|申诉人|被告人|[，,（(](?:男|女)[，,、）)]")


def _org_subject(text: str, pos: int) -> str | None:
    """The organisation the record before ``pos`` is about, if it is nearer than any person."""
    at_line_start = _LINE_START.search(text, max(0, pos - 8), pos) is not None
    seg, _ = clause_before(text, pos, 96, ends=_FIELD_RECORD_END if at_line_start else _RECORD_END)
    org = last_match_end(ORG_MARKERS, seg)
    if not org:
        return None
    if "\n" in seg[org[0]:] and seg[org[0]:org[0] + 1] not in ("\n", "\r", "，", ",", "（", "(", " ", "\u3000", "\t", "。"):
        return None  # on an earlier line, the organisation must be the whole field (…有限公司), not 有限公司员工李四
    # 法定代表人/负责人 after the organisation is the organisation's own field (当事人：XX有限公司 / 法定代表人：王某
    # / 住所：…), not a person the record is about
    person = max((m.end() for m in ROLE_WORDS.finditer(seg) if m.group() not in _ORG_ROLES), default=-1)
    party = last_match_end(_PARTY, seg)
    person = max(person, party[0] if party else -1)
    from ..pii.context import PERSON_IDENTIFIER

    ident = last_match_end(PERSON_IDENTIFIER, seg)
    p_end = max(person, ident[0] if ident else -1)
    return org[1] if org[0] > p_end else None


# a reply to a citizen (答复书, 告知书) addresses them: 你的通讯地址 / 您的联系地址 is theirs
_ADDRESSEE = lazy_re(r"(?:你|您|本人)的?$")


_CITIZEN_ROLE_SET = frozenset(CITIZEN_ROLES.split("|"))


def _citizen_record(text: str, value_start: int) -> bool:
    """The address (at ``value_start``) is a field of a record written one field per line whose lines above
    name a citizen party (申请人：刘明华 / 信访人：…) or hold a valid ID number — not a 联系人's office."""
    ev = row_evidence(text, value_start, mobiles=False, record=True)
    return ev is not None and (ev == "身份证号" or ev in _CITIZEN_ROLE_SET)


# 办事指南: 邮寄地址：…3楼301室（市政务服务中心） / …301室，收件人：市人社局职业能力建设处 — the office is named after
_RECIPIENT_AFTER = lazy_regex(r"[^。；;\n]{0,6}?收(?:件|信)(?:人|单位)[：:\s]*(?P<who>[^，,。；;\n]{2,30})")


def _office_after(text: str, value_end: int) -> bool:
    """An organisation named right after the address: in brackets, or as the recipient of the mail."""
    if ORG_AFTER.match(text, value_end):
        return True
    m = _RECIPIENT_AFTER.match(text, value_end)
    return m is not None and (ORG_MARKERS.search(m.group("who") + "，") is not None
                              or INSTITUTION_WORDS.search(m.group("who")) is not None or "窗口" in m.group("who"))


def _classify_cue(text: str, cue: str, kind_of_cue: str, cue_start: int, addr: str, fine: bool,
                  value_start: int):
    """(owner, severity, confidence) for an address after a cue; None when it is not reported at all."""
    if kind_of_cue == "inst":
        return "institution", Severity.info, 0.8
    org = _org_subject(text, cue_start)
    inst_word = INSTITUTION_WORDS.search(addr) if not RESIDENTIAL_WORDS.search(addr) else None
    person = person_before(text, cue_start, 60, use_jieba=False, ends=PARAGRAPH_END) or _ADDRESSEE.search(
        text, max(0, cue_start - 3), cue_start)
    if kind_of_cue in ("neut", "recv"):
        if org or inst_word or _office_after(text, value_start + len(addr)):
            return "institution", Severity.info, 0.7
        if fine and person:
            return "personal", Severity.high, 0.9
        if fine and _citizen_record(text, value_start):
            return "personal", Severity.high, 0.85  # 申请人：王某某 / 通讯地址：… — the record's fields above
        if kind_of_cue == "recv" and fine:
            # a delivery address down to 栋/单元/室 in a residential compound is a home; other fine ones are
            # as often an office's floor and room (…路1号3楼301室): for a person to check
            if RESIDENTIAL_WORDS.search(addr):
                return "personal", Severity.high, 0.85
            return "personal", Severity.medium, 0.6
        return None
    if org and cue in ("住所", "住所地", "坐落"):
        return "institution", Severity.info, 0.7
    conf = 0.9 if fine else 0.8
    return "personal", Severity.high, min(1.0, conf + (0.05 if person else 0.0))


_FINE_TRIGGERS = ("单元", "室", "栋", "幢", "号楼", "组", "社")
_RUN_BACK = lazy_re(r"[\u4e00-\u9fff0-9０-９A-Za-z\-－#]{1,64}$")
_HAN_NUM = "一二三四五六七八九十百零〇"
# A gazetteer address ends in a trigger word right after a numeral: a digit (only 0-9/０-９ can end
# the run that _RUN_BACK requires) or, before 组/社, a Chinese numeral. These pairs are the detector's
# cue words for that path, so a page without one never runs it (办公室, 小组, 社会 are not cues).
_TRIGGER_CUES = {d + w: w for w in _FINE_TRIGGERS
                 for d in "0123456789０１２３４５６７８９" + (_HAN_NUM if w in ("组", "社") else "")}


def _gazetteer_addresses(ctx, covered: list[tuple[int, int]], triggers: list[tuple[int, int]]):
    """Addresses without a cue: a division name that starts a run ending in a fine detail, after a person.

    ``triggers`` are (index in ``_FINE_TRIGGERS``, position) of the trigger words next to a numeral,
    visited word by word as a scan for each word in turn would (``covered`` grows on the way).
    """
    text = ctx.text
    for i, q in triggers:
        word = _FINE_TRIGGERS[i]
        if q == 0:
            continue
        before = text[q - 1]
        if not (before.isdigit() or (word in ("组", "社") and before in _HAN_NUM)):
            continue  # 办公室, 社区…: not a detail component
        if any(a <= q < b for a, b in covered):
            continue
        back = _RUN_BACK.search(text, max(0, q - 64), q)
        if back is None:
            continue
        place = first_place(text, back.start(), q)
        if place is None:
            continue
        yield from _gazetteer_candidate(ctx, covered, place)


def _gazetteer_candidate(ctx, covered, place):
    text = ctx.text
    vs, ve = place
    found = _address_at(text, vs)
    if found is None or not found[1]:
        return
    s, e = vs, found[0]
    covered.append((s, e))
    addr = text[s:e]
    if INSTITUTION_WORDS.search(addr) and not RESIDENTIAL_WORDS.search(addr):
        return
    if _org_subject(text, s):
        return
    person = person_before(text, s, 40, ends=PARAGRAPH_END)
    if person is not None:
        word, details = person.text, {"person": person.text}
    else:
        # a 公示 table row: 姓名  身份证号  手机  住址 — the name is further back than 40 characters, but an ID
        # or mobile number on the same line says the row is a person's
        if row_evidence(text, s) is None:
            return
        word, details = "同行的身份证号/手机号", {"person": "same row as an ID or mobile number"}
    yield pii_finding(ctx, RULE.id, s, e, severity=Severity.high, confidence=0.75, message=RULE.message,
                      pattern="address/gazetteer+detail",
                      context=[ContextEffect(word=word, effect="require")],
                      details={"owner": "personal", "detail": "fine", "gazetteer": text[vs:ve], **details})


# A header cell naming an address column: the cue word, a short qualifier (户主家庭住址, 现住址（详细到门牌号）),
# no digits. The row it stands in is a header row: no long number in it.
_HEADER_CELL = lazy_regex(r"[ \u3000]*[\p{Han}]{0,4}(?:家庭住址|家庭地址|户籍地址|居住地址|现住址|现居住地|现住|住址|联系地址|通讯地址|地址)"
                          r"[（(]?[\p{Han}、/]{0,10}[）)]?[ \u3000]*")
_LONG_NUMBER = lazy_re(r"\d{5,}")


def _header_column(text: str, m: re.Match[str]) -> tuple[int, int] | None:
    """(column index, end of the header line) when the cue ``m`` is the whole of a header cell of a table
    (tab-separated row with no long number, followed by more rows); None otherwise."""
    ls = text.rfind("\n", 0, m.start()) + 1
    le = text.find("\n", m.end())
    le = len(text) if le < 0 else le
    cs = text.rfind("\t", ls, m.start()) + 1 or ls
    ce = text.find("\t", m.end(), le)
    ce = le if ce < 0 else ce
    if (cs == ls and ce == le) or not _HEADER_CELL.fullmatch(text, cs, ce) or _LONG_NUMBER.search(text, ls, le):
        return None
    return text.count("\t", ls, cs), le


def _column_addresses(ctx, covered: list[tuple[int, int]], m: re.Match[str], kind_of_cue: str, col: int, header_end: int):
    """The column under an address header (家庭住址, 现住址… over a 公示 list): each cell is an address after
    that cue, judged as the cue path judges it; only personal addresses are reported. A line of prose
    ends the table."""
    text = ctx.text
    cue = cue_word(m)
    pos = header_end
    n = len(text)
    while pos < n:
        ls = pos + 1
        le = text.find("\n", ls)
        le = n if le < 0 else le
        pos = le
        if "\t" not in text[ls:le]:
            if text[ls:le].strip():
                break  # prose: the table has ended
            continue
        cs = ls
        for _ in range(col):
            t = text.find("\t", cs, le)
            if t < 0:
                cs = -1
                break
            cs = t + 1
        if cs < 0:
            continue
        a = _AFTER_CUE.match(text, cs).end()  # spaces before the value
        found = _address_at(text, a, le)
        if found is None:
            continue
        e, fine = found
        s = a
        if any(x <= s < y for x, y in covered):
            continue
        verdict = _classify_cue(text, cue, kind_of_cue, cs, text[s:e], fine, s)
        if verdict is None and kind_of_cue == "neut" and fine and not _org_subject(text, cs) \
                and not INSTITUTION_WORDS.search(text[s:e]) and row_evidence(text, cs, mobiles=False) is not None:
            verdict = ("personal", Severity.high, 0.85)  # 地址 over a row with the person's ID number
        if verdict is None or verdict[1] is not Severity.high:
            continue
        covered.append((s, e))
        yield pii_finding(ctx, RULE.id, s, e, severity=Severity.high, confidence=verdict[2], message=RULE.message,
                          pattern="address/column+detail", context=[ContextEffect(word=cue, effect="require")],
                          details={"owner": "personal", "detail": "fine" if fine else "street-number", "column": cue})


def _find_all(text: str, word: str, start: int, end: int):
    i = text.find(word, start, end)
    while i >= 0:
        yield i
        i = text.find(word, i + 1, end)


def _cue_positions(ctx, hits) -> tuple[list[int], list[tuple[int, int]]]:
    """Where the cue words literally stand, from their ``(hit, word)`` in the shared automaton pass.

    Returns the start of every address cue (where a scan for ``ADDRESS_CUE`` could match) and
    (trigger index, position) of every gazetteer trigger word after a numeral, both sorted; the
    detector then tries its patterns only there, instead of scanning the whole page twice.

    A hit covers, in the view, every character folded into it up to the next character the fold
    kept. The fold only substitutes characters one for one and deletes some (noise, repeats), so
    a cue word standing literally in the view lies inside that span of one of its hits.
    """
    text = ctx.text
    folded = ctx.folded
    folded_len = len(folded.text)
    starts: set[int] = set()
    triggers: set[tuple[int, int]] = set()
    for hit, term in hits:
        vs = folded.orig_index(hit.start)
        ve = folded.orig_index(hit.end) if hit.end < folded_len else len(text)
        word = _TRIGGER_CUES.get(term)
        if word is None:
            found = list(_find_all(text, term, vs, ve))
            # a cue spaced out by a form (住　　址) is no literal in the view: the hit's start is where it stands
            starts.update(found or (vs,))
        else:
            i = _FINE_TRIGGERS.index(word)
            triggers.update((i, q) for q in _find_all(text, word, vs, ve))
    return sorted(starts), sorted(triggers)


@detector(RULE, name="pii_address", order=43, cues=[*_KINDS, *_TRIGGER_CUES])
def detect(ctx):
    """Personal addresses after a cue word, or after a person and a division name (gazetteer)."""
    hits = [(h, ctx.slot(h).entry.term) for h in ctx.cue_hits()]
    return _addresses(ctx, *_cue_positions(ctx, hits))


def _addresses(ctx, starts: list[int], triggers: list[tuple[int, int]]):
    """Findings of the cue path (cue words at ``starts``), then of the gazetteer path (``triggers``)."""
    text = ctx.text
    covered: list[tuple[int, int]] = []
    pos = 0
    for p in starts:  # the matches a scan with ADDRESS_CUE.search(text, pos) would find
        if p < pos:
            continue
        m = ADDRESS_CUE.match(text, p)
        if m is None:
            continue
        pos = m.end()
        kind_of_cue = _cue_kind(text, m)
        if kind_of_cue is None:
            continue
        if kind_of_cue in ("priv", "neut"):
            col = _header_column(text, m)
            if col is not None:
                yield from _column_addresses(ctx, covered, m, kind_of_cue, *col)
        a = _AFTER_CUE.match(text, m.end()).end()
        found = _address_at(text, a)
        if found is None:
            continue
        e, fine = found
        s = a
        covered.append((s, e))
        pos = max(pos, e)
        cue = cue_word(m)
        verdict = _classify_cue(text, cue, kind_of_cue, m.start(), text[s:e], fine, s)
        if verdict is None:
            continue
        owner, severity, conf = verdict
        msg = (RULE.message if severity is Severity.high else
               "疑似个人详细住址（送达/邮寄地址），请核实是否为个人住址" if severity is Severity.medium else
               "地址（单位/机构地址，可公开）")
        yield pii_finding(ctx, RULE.id, s, e, severity=severity, confidence=conf, message=msg, pattern="address/cue+detail",
                          context=[ContextEffect(word=cue, effect="require")],
                          details={"owner": owner, "detail": "fine" if fine else "street-number"})
    yield from _gazetteer_addresses(ctx, covered, triggers)
