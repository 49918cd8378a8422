"""文号 (document numbers): extraction, normalisation and format problems.

A 发文字号 is 机关代字 + 〔year〕 + 序号 + 号, e.g. 国办发〔2017〕47号
(GB/T 9704-2012 §7.2.4: the year in 六角括号 〔〕, four digits, no 第, no
leading zeros; a 公告, 通告 or 令 keeps the 第 of its own series, 中国人民银行公告〔2024〕第8号, and 执法文书
(…罚字, …决字, …复字) follow their own templates, 第 and fixed-width 序号 included). Real pages write it in many broken ways — [2014], (2014),
【2014】, 〔14〕, 第57号, full-width digits — and the linkage check must match
a 文号 cited in an interpretation against the policy whatever the form. So
this module returns every occurrence with a normalised form
(``国办发〔2017〕47号``) and the list of format problems, and is shared by
``quality.doc_number`` and ``govreview.linkage``.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field

import regex

from .lazyre import lazy_re, lazy_regex

_OPEN = "〔[（(【［{｛〖﹝"
_CLOSE = "〕]）)】］}｝〗﹞"
# brackets that look like 六角括号 but are other characters (the small form U+FE5D/U+FE5E of CJK
# compatibility forms, common on pages typed with some input methods): named in the message
_LOOKALIKE = {"﹝": "U+FE5D", "﹞": "U+FE5E"}
# Words that lead into a cited 文号, cut from the front of the Han run before the bracket, as many as follow
# one another (以及国办发, 关于印发国办发 → 国办发; 3月15日作出的榕人社监罚字 → 榕人社监罚字). 经 leads in (经国办发) but 经信/经贸 start a 机关代字 (川经信发,
# 苏经信综合: not 信发, 信综合).
_LEADING = lazy_regex(
    r"^(?:.*?(?:根据|按照|依据|依照|参照|执行|落实|贯彻|印发|转发|废止|修订|关于|详见|见|以|和|及|与|或|即|原|经(?!信|贸)|是|为|由|对|将|把|在|作出|做出|出具|下达|签发|制发|送达)"
    r"(?:了|的|过|着)?)+"  # 印发了临政办发〔2025〕21号: the particle is not part of the 机关代字
)
# Anchored on the bracketed year (rare in text), so the scan is linear; the 机关代字 is then read
# backwards from the bracket (a leading \p{Han}{1,12} would be retried at every character).
# The stdlib engine: nothing here needs ``regex``, and it scans for the bracket twice as fast.
_LEADING_GROUP = lazy_regex(r"[（(]\p{Han}{1,3}[）)]")
_YEAR_SEQ = lazy_re(
    rf"(?P<open>[{regex.escape(_OPEN)}])\s*(?P<year>\d{{4}}|\d{{2}})\s*(?P<nian>年)?\s*(?P<close>[{regex.escape(_CLOSE)}])\s*"
    r"(?P<di>第\s*)?(?P<seq>\d{1,5})\s*号"
)
_HAN = lazy_regex(r"\p{Han}")
# 公告, 通告 and 令 are numbered in a series of their own, with 第 (国务院令第656号, 国家税务总局公告2024年第1号,
# 中国人民银行公告〔2024〕第8号): the 第 of GB/T 9704 §7.2.4 concerns the 发文字号 of other documents
SERIES = ("公告", "通告", "令")
# 执法文书 and other legal instruments (行政处罚决定书 榕人社监罚字, 行政复议决定书 京朝政复字, 仲裁 劳人仲案字)
# are numbered by their own templates, many of which print 第 and a fixed-width 序号 (〔2024〕第0312号); their
# 代字 end in the instrument's kind. Not every 代字 in 字 is one: 厅字, 组通字 number 公文
INSTRUMENT = ("决字", "罚字", "复字", "案字", "裁字", "许字", "诉字", "赔字", "执字", "查字", "封字", "扣字", "改字",
              "催字", "告字")
# how the title of a document ends: a line of its own that ends so, above 〔2026〕第8号, is no 机关代字
_TITLE_ENDS = ("书", "通知", "决定", "意见", "报告", "批复", "纪要", "方案", "办法", "规定", "通报", "请示", "公示")
# how the full name of an office ends (no 机关代字 does)
_OFFICE_ENDS = ("政府", "办公室", "办公厅", "委员会", "局", "厅", "中心", "法院", "检察院")
# the end of an office's name written before its 机关代字 (the longest first), and characters too common in office
# names and 机关代字 to show that a 代字 abbreviates the office before it
_OFFICE_WORD = lazy_re("人民政府|办公厅|办公室|委员会|常委会|总局|政府|厅|局|部|委|署|院")
_GENERIC = frozenset("省市县区")
_SPACES = frozenset(" \t\u3000\xa0")
# what follows a cited 文号 in the sentence that cites it (…〔2024〕5号）, …〔2024〕5号，…): besides Han characters
_GOES_ON = frozenset("）)，,、；;。”’》")


@dataclass(frozen=True)
class DocNumber:
    start: int
    end: int
    text: str
    agency: str
    year: int
    seq: int
    normalized: str
    problems: list[str] = field(default_factory=list)
    # the issuing office's name written right before the 机关代字 and left out of it (省人社厅 of 省人社厅湘人社发〔2024〕5号):
    # it ends at ``start``
    issuer: str = ""

    @property
    def suggestion(self) -> str | None:
        return self.normalized if self.problems else None


def _digits(s: str) -> str:
    if s.isascii():
        return s
    return "".join(str(unicodedata.digit(c)) for c in s)


def _trim_agency(agency: str) -> tuple[str, int, int]:
    """Drop leading words that are not part of the 机关代字 (根据国办发… → 国办发) and the name of the issuing office
    written before it (省人社厅湘人社发 → 湘人社发); return it, the cut and how much of the cut is the office's name."""
    m = _LEADING.match(agency)
    cut = m.end() if m and m.end() < len(agency) else 0
    g = _LEADING_GROUP.match(agency, cut)  # 关于（试行）国办发: a bracketed word before the 机关代字 is not part of it
    if g and g.end() < len(agency):
        cut = g.end()
    office = _office_before(agency[cut:])
    cut += office
    return agency[cut:], cut, office


def _office_before(agency: str) -> int:
    """Length of an issuing office's name written right before its 机关代字 (财政部财预, 省人社厅湘人社发,
    国家发展改革委发改价格, 省人民政府办公厅黔府办发), 0 if none.

    Many 机关代字 hold an office word themselves (工信部联规, 工信厅信管, 教高厅函, 人社部发, 国资厅产权, 宁委办发), so a
    cut after an office word must leave a 机关代字 of two characters or more, and that 代字 must repeat the office's
    abbreviation (财政部 → 财预, 省人社厅 → 湘人社发; the office's first character when its name has three, 工信厅 / 信管
    is one 代字), unless the office is spelled out (…办公厅, …人民政府, …委员会) before a 代字 of three characters or
    one that ends as a 代字 does (湖南省人民政府湘发, 国务院办公厅国函). The rightmost
    such cut wins (工业和信息化部工信部联规 → 工信部联规, 教育部办公厅教职成厅函 → 教职成厅函)."""
    ends = [(m.start(), m.end()) for m in _OFFICE_WORD.finditer(agency)]
    for i in range(len(ends) - 1, -1, -1):
        s, p = ends[i]
        rest = agency[p:]
        if len(rest) < 2 or not _HAN.match(rest[0]) or rest in SERIES or rest.endswith(SERIES):
            continue  # 人社部发; 财政部公告, 某市公安局通告: the issuer is part of a 公告's number
        if p - s > 1:  # spelled out: 办公厅, 人民政府, 委员会, 总局
            # 县政府办发: 政府办 is 政府办公室; 省政府办公厅密发: 密发 marks the whole 代字 (secrecy.internal)
            if rest[0] not in "办密内" and (len(rest) >= 3 or rest[-1] in "发函字规电" or _shares(agency[:p], rest)):
                return p
            continue
        seg = agency[ends[i - 1][1] if i else 0:p]  # this office's own name (市委宣传部 → 宣传部)
        if len(seg) == 3 and seg[0] in rest and seg[0] not in _GENERIC or len(seg) > 3 and _shares(seg, rest):
            return p
    return 0


def _shares(office: str, code: str) -> bool:
    return any(c in office for c in code if c not in _GENERIC)


def find_doc_numbers(text: str) -> list[DocNumber]:
    """Every 文号 in ``text`` with its normalised form and format problems.

    Several detectors ask about the same page (quality, secrecy, typo
    protection), so the last few results are cached by text; treat the
    returned objects as read-only.
    """
    if "号" not in text:  # cheap exit: most paragraphs cite no 文号
        return []
    return list(_find_cached(text))


@functools.lru_cache(maxsize=8)
def _find_cached(text: str) -> tuple[DocNumber, ...]:
    return tuple(_find(text))


def has_doc_number(text: str) -> bool:
    """Whether :func:`find_doc_numbers` finds any 文号 in ``text``, stopping at the first one: no
    problems, no normalisation, no cache entry (for callers that only ask whether the text cites one)."""
    if "号" not in text:
        return False
    # as in _find: a match counts when Han characters stand before it (the floor is 0 until the first one)
    return any(_has_agency(text, _agency_start(text, m.start(), 0), m.start(), m.end()) for m in _YEAR_SEQ.finditer(text))


def _has_agency(text: str, a0: int, bracket: int, end: int) -> bool:
    """Is the Han run [a0, bracket) a 机关代字: there is one, in the bracket's own table cell, not a heading line
    above the number (which ends at ``end``)?"""
    return a0 != bracket and "\t" not in text[a0:bracket] and not _heading_above(text, a0, bracket, end)


def _agency_start(text: str, end: int, floor: int) -> int:
    """Start of the (at most 12) Han characters before ``end``, skipping whitespace; ``end`` if none.

    A bracketed Han group inside the 机关代字 belongs to it (京公（治）决字, 粤（穗）劳仲案字).
    """
    i = end
    while i > floor and text[i - 1].isspace():
        i -= 1
    j = i
    han = 0
    while j > floor and han < 12:
        if _HAN.match(text[j - 1]):
            j -= 1
            han += 1
            continue
        if han and text[j - 1] in "）)":
            k = j - 2  # the group: 1–3 Han characters, then its opening bracket, then a Han character before it
            while k > floor and j - 1 - k <= 3 and _HAN.match(text[k]):
                k -= 1
            if k > floor and k < j - 2 and text[k] in "（(" and _HAN.match(text[k - 1]):
                j = k
                continue
        break
    return j if j < i else end


def _heading_above(text: str, a0: int, bracket: int, end: int) -> bool:
    """Does the Han run before ``bracket`` cross a line break, coming from a line that holds nothing but Han
    characters — a title or an office's name on a line of its own, ending like a title, or long (≥ 7) or ending like
    an office's full name above a number that stands on its own line? A 机关代字 wrapped by a PDF line comes from a line with more on it
    (…的通知》（某政办发 / 〔2023〕45号）), or from running text whose sentence goes on right after the
    number (…认真贯彻落实某政办发 / 〔2024〕5号文件精神)."""
    nl = text.find("\n", a0, bracket)  # the end of the line the run starts on
    if nl < 0:
        return False
    line_start = text.rfind("\n", 0, nl) + 1
    line = text[line_start:nl].strip()
    if not line or not all(_HAN.match(c) for c in line):
        return False
    if line.endswith(_TITLE_ENDS):
        return True
    if end < len(text) and (_HAN.match(text[end]) or text[end] in _GOES_ON):
        return False  # the sentence goes on after the number: a citation wrapped before its bracket
    # a number on its own line under a long line, or under an office's full name (县政府办公室, 市财政局): a
    # 机关代字 is an abbreviation (某政办发, 湘人社函)
    return len(line) >= 7 or line.endswith(_OFFICE_ENDS)


def _find(text: str) -> list[DocNumber]:
    out: list[DocNumber] = []
    last_end = 0
    for m in _YEAR_SEQ.finditer(text):
        a0 = _agency_start(text, m.start(), last_end)
        # no Han run; one in another table cell (文件名称 | 〔2024〕第5号); or a line of its own above a bare
        # number (…答复书 / 〔2026〕第8号), not a wrapped 机关代字
        if not _has_agency(text, a0, m.start(), m.end()):
            continue
        raw_agency = text[a0:m.start()].rstrip()
        agency, cut, office = _trim_agency(raw_agency)
        start = a0 + cut
        last_end = m.end()
        year_raw = _digits(m.group("year"))
        year = int(year_raw)
        problems: list[str] = []
        if m.group("open") != "〔" or m.group("close") != "〕":
            used = m.group("open") + m.group("close")
            look = [c for c in dict.fromkeys(used) if c in _LOOKALIKE]
            problems.append(
                f"年份应使用六角括号〔〕，“{''.join(look)}”是形似的其他字符 {'/'.join(_LOOKALIKE[c] for c in look)}" if look
                else f"年份应使用六角括号〔〕，不应使用“{used}”"
            )
        if len(year_raw) == 2:
            year = 1900 + year if year >= 50 else 2000 + year
            problems.append("年份应写全四位")
        if m.group("nian"):
            problems.append("年份后不加“年”")
        instrument = agency.endswith(INSTRUMENT)
        if m.group("di") and not instrument and not agency.endswith(SERIES):
            problems.append("序号前不加“第”")
        seq_raw = _digits(m.group("seq"))
        if len(seq_raw) > 1 and seq_raw.startswith("0") and not instrument:
            problems.append("序号不编虚位（不加“0”）")
        if not (m.group("year").isascii() and m.group("seq").isascii()) and any(
            unicodedata.east_asian_width(c) == "F" for c in m.group("year") + m.group("seq")
        ):
            problems.append("数字应使用半角阿拉伯数字")
        if any(c in _SPACES for c in text[start:m.end()]):  # not line breaks: a wrapped PDF line is no authoring error
            problems.append("文号中不应有空格")
        seq = int(seq_raw)
        normalized = f"{agency}〔{year}〕{seq}号"
        out.append(DocNumber(start, m.end(), text[start:m.end()], agency, year, seq, normalized, problems,
                             text[start - office:start]))
    return out


def normalize_doc_number(s: str) -> str | None:
    """The normalised form of the first 文号 in ``s`` (for matching citations), or None."""
    found = find_doc_numbers(s)
    return found[0].normalized if found else None
