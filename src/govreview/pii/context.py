"""Whose value is it? Context cues that decide between a private person and an office.

Government pages must publish office phones, hotlines and office addresses,
and must not publish a citizen's mobile, ID number or home address. The value
itself rarely tells which; the words just before it do. The rule used
throughout: look back within the clause (a short window, cut at sentence
ends) and let the *nearest* cue win — "咨询电话：0931-…，联系人：罗老师 159…"
has an office cue for the landline and a person for the mobile.

Person evidence is cheap first (role words such as 当事人/申请人/户主, titles
such as 老师/先生/女士, ``姓名：``, a common surname right before the value) and
only then jieba's ``nr`` tag on the window — jieba is imported lazily so that
text without PII candidates never pays for it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import regex

from ..lazyre import lazy_regex
from .validate import check_id

SENTENCE_END = lazy_regex(r"[。；;！!？?\n]")
PARAGRAPH_END = lazy_regex(r"[。！!？?\n]")

# 手机 names a person's phone, but not a channel: 手机短信 (SMS reporting line), 手机报, 手机客户端/App —
# nor a duty or service line kept on a mobile (值班手机, 举报手机, 咨询手机: OFFICE_PHONE_CUES has them)
# (举报专用手机, 值班专用手机: a line kept for the duty, as 举报专用电话 is; 短信举报： the 12380 SMS reporting line)
# the duties a line is kept for (值班手机, 举报电话, 办公室手机): before 手机 or inside brackets after a number
OFFICE_LINE_WORDS = "值班|值守|举报|监督|咨询|投诉|热线|服务|应急|受理|办公|专线"
_OFFICE_MOBILE = r"(?:" + OFFICE_LINE_WORDS + r")(?:专用)?手机|短信举报|举报短信"
# 行动电话 (行動電話) is what 港澳台 material calls a 手机
_MOBILE_WORD = r"(?<!" + OFFICE_LINE_WORDS + r"|专用)(?:手机(?!短信|报|客户端|[Aa][Pp][Pp]|版|银行|支付)|行动电话)"
OFFICE_PHONE_CUES = lazy_regex(
    _OFFICE_MOBILE + r"|办公室?电话|办公室|咨询电话|咨询|监督电话|监督|值班电话|值班室|值守电话|热线|举报电话|投诉电话|传真|座机|总机|"
    r"服务电话|客服|窗口|专线|受理电话|联系电话：?[\p{Han}]{0,6}(?:局|委|办|中心|科|处|所|院|站|队)"
)
PERSONAL_PHONE_CUES = lazy_regex(_MOBILE_WORD + r"|本人|家属|家庭电话|住宅电话|宅电|私人|个人|联系人|监护人|家长|微信同号|同微信")
STRONG_PRIVATE_LANDLINE = lazy_regex(r"家庭电话|住宅电话|宅电|家属|本人|家中电话|家庭座机")

# The parties a record is about (not staff: 联系人, 老师, 科长 answer an office's phone): with a name right
# after them (申请人：李秀英，/ 户主王桂兰 / 信访人张某), a landline in the clause is theirs
CITIZEN_ROLES = (
    "当事人|申请人|信访人|来信人|来访人|来电人|留言人|投诉人|举报人|诉求人|被执行人|被处罚人|户主|权利人|产权人|监护人|"
    "受助人|受援人|救助对象|保障对象|被征收人|被拆迁人|承租人|借款人|购房人|违法行为人|死者"
)
ROLE_WORDS = lazy_regex(
    r"姓名|当事人|申请人|户主|联系人|信访人|来信人|来访人|来电人|留言人|投诉人|举报人|诉求人|被处罚人|被执行人|申领人|承租人|借款人|"
    r"收养人|监护人|家长|学生|本人|家属|丈夫|妻子|配偶|男方|女方|同志|老师|先生|女士|主任|经理|干事|警官|教授|院长|组长|"
    r"联络员|网格员|代表|受援人|购机者|承包方|承包人|权利人|产权人|购房人|职工|死者|矫正对象|被征收人|被拆迁人|竞买人|创业者|"
    r"作者|持卡人|对象|违法行为人|行政相对人|处罚对象|纳税人姓名|经营者|团长|团员|领队|出访人员|网友|市民|居民|负责人|"
    r"申请执行人|复核申请人|受助学生|签约居民|诉求人|来信署名|实名|局长|副局长|科长|处长|部长|书记|县长|区长|镇长|乡长|村长|"
    r"站长|所长|队长|股长|主席|委员|科员|法人代表|法人|法定代表人|"
    # 流调通报 and incident reports: 病例1：李某某，女，56岁，居住在… — the case, and a sex and age, are a person
    # (numbered: 确诊病例活动轨迹涉及：… and 密切接触者已全部隔离 are about cases in general)
    r"(?:病例|感染者|确诊者|密接者)(?:\d{1,3}|[一二三四五六七八九十]{1,3})|[男女][，,、]\d{1,3}岁"
)
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
    "范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞"
    "颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻"
    "祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇"
    "栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊"
    "仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓"
    "修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
_COMPOUND = "欧阳|司马|诸葛|上官|慕容|令狐|皇甫|尉迟|公孙|东方|夏侯|长孙|宇文|轩辕|端木|西门|南宫|独孤"
# A name right before the value: surname + 1–2 given-name characters (or 某/某某/*), then a separator.
# Given-name characters exclude the label and unit characters that follow a surname-like
# character in ordinary text (单号, 王府井路, 马路…).
_NOT_GIVEN = "号码证址话编卡账户期额数量位称份项费元月日年时间点区市县省镇村路街道局院处科室所厅会部组队栋楼层单"
NAME_BEFORE = lazy_regex(
    r"(?:(?<anchored>(?<=[人员主方者象属子夫妻户]))|(?<![\p{Han}]))"
    r"(?P<name>(?:(?:" + _COMPOUND + r")|[" + _SURNAMES + r"])(?P<given>某某|某|[*＊]{1,2}|[^\P{Han}" + _NOT_GIVEN + r"]{1,2}))"
    r"(?:（[^）]{0,8}）)?[，,、：:\s（(]*$"
)
NAMED_CITIZEN = lazy_regex(
    r"(?:" + CITIZEN_ROLES + r")[：:\s]*(?:" + _COMPOUND + r"|[" + _SURNAMES + r"])"
    r"(?:某某|某|[*＊]{1,2}|[^\P{Han}" + _NOT_GIVEN + r"]{1,2})(?=[，,、；;\s（(]|$)"
)
NAME_LABEL = lazy_regex(r"姓名[：:\s]*[\p{Han}·*＊]{2,8}")
ORG_MARKERS = lazy_regex(
    r"有限公司|有限责任公司|公司|集团|合作社|人民政府|政府|机关|委员会|[^\p{Han}]?[\p{Han}]{0,8}(?:局|厅|委|办|中心|医院|学校|法院|检察院|银行|支行|分行|协会|学会|事务所|慈善会)(?=[，,。；;：:（(\s]|$)"
)
# An office's own mailbox or account: the label says so (举报邮箱, 投稿信箱, 区民政局邮箱, 官方微信, 咨询QQ) —
# many county offices publish a free-mail (163.com, qq.com) mailbox or a QQ number as their contact point.
# A person's label (个人邮箱, 负责人邮箱, 联系人…) is not one of these; the nearest of the two wins.
_OFFICE_CONTACT_WORDS = (
    r"举报|投诉|监督|投稿|来稿|征稿|咨询|受理|报名|报送|申报|异议|意见|信访|官方|客服|服务|部门|单位|机关|公共|工作|"
    r"办公|政务|公务|纪检|值班|热线|中心|协会|学会|[局委办厅处科室所站院部]"
)
# 通知 name the receiving office, then its mailbox after a comma (报送市政府办公厅政务公开办，电子邮箱：…), or
# say where material is sent (电子版发送至邮箱：…): a mailbox that receives submissions is an office's
OFFICE_MAILBOX = lazy_regex(
    r"(?:(?:" + _OFFICE_CONTACT_WORDS + r")|(?:局|委|办|厅|中心|政府|办公室)[，,、]|(?:发送|报送|寄送|提交|传送|报|发)[至到](?:指定)?)"
    r"[ \u3000]?(?:电子)?(?:邮箱|信箱|邮件地址|[Ee]-?[Mm]ail|EMAIL)"
)
OFFICE_IM = lazy_regex(r"(?:" + _OFFICE_CONTACT_WORDS + r")[ \u3000]?(?:QQ|qq|ＱＱ|微信)")
# …or the organisation is named in brackets right after the value: cgqmzj@163.com（城关区民政局）
ORG_AFTER = lazy_regex(
    r"[ \u3000]?[（(][^）)\n]{0,20}(?:局|委|办|厅|中心|政府|法院|检察院|学校|医院|协会|学会|公司|[处科室所站部])"
    r"(?:(?:举报|值班|咨询|投诉|监督|服务|受理|办公)?(?:专用)?(?:手机|电话|热线|专线|号码|邮箱|信箱)?)[）)]"
)  # …（城关区民政局）, …（市委组织部举报专用手机）, …（县应急管理局值班专用）


def office_contact(text: str, seg: str, value_end: int, person: PersonEvidence | None,
                   pattern: regex.Pattern[str]) -> str | None:
    """What makes a mailbox or account an office's: an office label (``pattern``) in ``seg``, the clause
    before the value, nearer than any ``person`` evidence found there, or — with no person in the clause —
    an organisation named in brackets right after the value (``value_end``). None otherwise."""
    hit = last_match_end(pattern, seg)
    if hit is not None and (person is None or hit[0] > person.end):
        return hit[1]
    if person is None:
        after = ORG_AFTER.match(text, value_end)
        if after is not None:
            return after.group().strip(" \u3000（()）")
    return None


PERSON_IDENTIFIER = lazy_regex(r"身份证|身份号码|证件号码|[\d]{17}[\dXx]|" + _MOBILE_WORD)


def clause_before(text: str, pos: int, window: int, ends: regex.Pattern[str] = SENTENCE_END) -> tuple[str, int]:
    """The ``window`` characters before ``pos``, cut at the last sentence end; returns (text, offset)."""
    lo = max(0, pos - window)
    seg = text[lo:pos]
    last = None
    for m in ends.finditer(seg):
        last = m
    if last is not None:
        lo += last.end()
        seg = text[lo:pos]
    return seg, lo


def last_match_end(pattern: regex.Pattern[str], seg: str) -> tuple[int, str] | None:
    """End offset (in ``seg``) and text of the last match of ``pattern``; None if absent."""
    found = None
    for m in pattern.finditer(seg, overlapped=False):
        found = (m.end(), m.group())
    return found


@dataclass(frozen=True, slots=True)
class PersonEvidence:
    kind: str  # "role", "name", "label", "nr"
    text: str
    end: int  # end offset in the segment searched (nearness)


_jieba_lock = threading.Lock()
_posseg = None


def _jieba_posseg():
    """jieba.posseg, imported and initialised on first use only (about a second)."""
    global _posseg
    if _posseg is None:
        with _jieba_lock:
            if _posseg is None:
                import logging

                import jieba
                import jieba.posseg as pseg

                jieba.setLogLevel(logging.WARNING)
                _posseg = pseg
    return _posseg


# jieba tags many place names nr (东岗镇, 焦家湾, 彭家坪 before 镇, 白石 before 街道): a token that ends in a
# division or settlement word, or stands right before one, names a place, not a person
_PLACE_END = "镇乡村区县市省坪湾滩沟堡屯寨塬峪"
_PLACE_NEXT = lazy_regex(r"[镇乡村区县市省路街巷组社]|街道|社区")


def _nr_person(seg: str, word: str, flag: str, end: int) -> bool:
    """A jieba token ``word`` (ending at ``end`` of ``seg``) tagged ``flag`` that names a person."""
    return flag.startswith("nr") and word[-1] not in _PLACE_END and _PLACE_NEXT.match(seg, end) is None


def _jieba_says_name(seg: str, start: int) -> bool:
    """jieba tags a person name (``nr``…) starting at ``start`` of ``seg``."""
    off = 0
    for w in _jieba_posseg().cut(seg):
        if off == start:
            return _nr_person(seg, w.word, w.flag, off + len(w.word))
        if off > start:
            return False
        off += len(w.word)
    return False


def person_before(text: str, pos: int, window: int = 24, *, use_jieba: bool = True,
                  ends: regex.Pattern[str] = SENTENCE_END) -> PersonEvidence | None:
    """Evidence of a named person in the clause before ``pos`` (nearest wins), or None.

    A surname-shaped token right before the value counts when it is masked or
    placeholder-named (张某, 王*), follows a role character (户主王桂兰), or —
    when ``use_jieba`` — jieba tags it as a person name; otherwise (单号, 信箱,
    项目) it does not.
    """
    seg, _ = clause_before(text, pos, window, ends)
    if not seg:
        return None
    best: PersonEvidence | None = None
    m = NAME_BEFORE.search(seg)
    if m:
        given = m.group("given")
        trusted = "某" in given or "*" in given or "＊" in given or m.group("anchored") is not None
        if trusted or (use_jieba and _jieba_says_name(seg, m.start("name"))):
            best = PersonEvidence("name", m.group("name"), len(seg))
    for pat, kind in ((NAME_LABEL, "label"), (ROLE_WORDS, "role")):
        hit = last_match_end(pat, seg)
        if hit and (best is None or hit[0] > best.end):
            best = PersonEvidence(kind, hit[1], hit[0])
    if best is None and use_jieba:
        off = 0
        for w in _jieba_posseg().cut(seg):
            off += len(w.word)
            if len(w.word) >= 2 and _nr_person(seg, w.word, w.flag, off):
                best = PersonEvidence("nr", w.word, off)
    return best


def nearest(seg: str, *patterns: regex.Pattern[str]) -> list[tuple[int, str] | None]:
    return [last_match_end(p, seg) for p in patterns]


# words of an office's address (…政务服务中心3楼, …区人民政府) and of a home's (…小区5栋, …家园)
INSTITUTION_WORDS = lazy_regex(
    r"政府|局|中心|大楼|大厦|医院|学校|法院|检察院|委员会|办公室|窗口|公司|银行|服务站|党群|图书馆|会议室|总部|写字楼|商铺|"
    r"政务|考点|大学|校区|体检|代理"
)
RESIDENTIAL_WORDS = lazy_regex(r"住宅|小区|花园|家园|新村|公寓|宿舍|社区")

_ROW_NUMBER = lazy_regex(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|1[3-9][0-9]{9})(?![0-9])")
HOME_LABELS = ("家庭住址", "家住", "住址", "现住", "户籍地")
_HOME_LABEL = lazy_regex("|".join(HOME_LABELS))
# Where a reply or a decision is delivered (答复书, 告知书, 决定书): the addressee's home as often as an
# office's. A field line with one of these counts as a home address when the address is no office's and
# is a home (…小区5栋) or the document names a person as its addressee (王秀英：/ 申请人：王秀英).
DELIVERY_LABELS = ("送达地址", "邮寄地址", "收件地址", "收信地址")
_DELIVERY_LABEL = lazy_regex("|".join(DELIVERY_LABELS))
_DELIVERY_FIELD = lazy_regex(r"[ \t\u3000]*(?P<label>" + "|".join(DELIVERY_LABELS) + r")[：:][ \t\u3000]*(?P<addr>.*)")
# a letter's salutation on a line of its own (王秀英：, 李某某同志：, 张先生：) or the named addressee
_SALUTATION = lazy_regex(
    r"(?m)^[ \t\u3000]*(?P<name>(?:" + _COMPOUND + r"|[" + _SURNAMES + r"])(?P<given>某某|某|[^\P{Han}" + _NOT_GIVEN + r"]{1,2}))"
    r"(?P<title>先生|女士|同志)?[：:][ \t\u3000]*$"
)
_NAMED_ADDRESSEE = lazy_regex(
    r"(?:(?:" + CITIZEN_ROLES + r")|收件人|收信人)[：:\s]*(?:" + _COMPOUND + r"|[" + _SURNAMES + r"])"
    r"(?:某某|某|[*＊]{1,2}|[^\P{Han}" + _NOT_GIVEN + r"]{1,2})(?=[，,、；;\s（(]|$)"
)
ADDRESSEE_WINDOW = 3000


def _addressee_named(text: str, pos: int) -> bool:
    """The document, up to ``ADDRESSEE_WINDOW`` characters before ``pos``, names a person it is addressed to
    or about: a salutation line (王秀英：) or a named party or recipient (申请人：王秀英, 收件人：李某)."""
    lo = max(0, pos - ADDRESSEE_WINDOW)
    if _NAMED_ADDRESSEE.search(text, lo, pos) is not None:
        return True
    for m in _SALUTATION.finditer(text, lo, pos):
        given = m.group("given")
        if m.group("title") or "某" in given:
            return True
        line = m.group("name") + "："
        if _jieba_says_name(line, 0):
            return True
    return False


def _delivery_home(line: str, text: str, pos: int) -> str | None:
    """The label when ``line`` is a delivery-address field whose address is a person's home (see
    DELIVERY_LABELS); None otherwise."""
    m = _DELIVERY_FIELD.match(line)
    if m is None:
        return None
    label = m.group("label")
    addr = m.group("addr")
    if RESIDENTIAL_WORDS.search(addr):
        return label
    if INSTITUTION_WORDS.search(addr) or ORG_MARKERS.search(addr) or ORG_AFTER.search(addr):
        return None
    return label if _addressee_named(text, pos) else None


# A record written one field per line (信访事项处理意见书, 依申请公开答复, 登记表): 信访人：陈秀兰 / 身份证号：… /
# 住址：… / 联系电话：…. A field line is a short label, a colon and a value without a sentence end.
_FIELD_LINE = lazy_regex(r"[ \t\u3000]*[\p{Han}（）()]{2,10}[：:][^。！!？?\n]{1,60}")
_ROLE_FIELD = lazy_regex(r"[ \t\u3000]*(?:" + ROLE_WORDS.pattern + r")[：:]")
RECORD_LINES = 6


def _record_fields_before(text: str, pos: int) -> list[str]:
    """The field lines right above the line of ``pos`` (nearest first), up to ``RECORD_LINES``, when that
    line is a field line itself; a blank line, a line of prose or the start of the text ends the record."""
    ls = text.rfind("\n", 0, pos) + 1
    if not _FIELD_LINE.match(text, ls, pos + 1):
        return []
    lines: list[str] = []
    while ls > 0 and len(lines) < RECORD_LINES:
        pe = ls - 1
        if pe > 0 and text[pe - 1] == "\r":
            pe -= 1
        ps = text.rfind("\n", 0, pe) + 1
        line = text[ps:pe]
        if not _FIELD_LINE.fullmatch(line):
            break
        lines.append(line)
        ls = ps
    return lines


def row_evidence(text: str, pos: int, *, mobiles: bool = True, homes: bool = False, window: int = 96,
                 record: bool = False) -> str | None:
    """What earlier in the record (the line, up to ``window`` characters) before ``pos`` says the record is a
    person's: a valid ID number, a mobile number (``mobiles``) or a home-address label (``homes``; in a
    record's field lines also a delivery address that is a person's home, see ``DELIVERY_LABELS``).

    In a wide 公示 row (姓名  身份证号  手机  住址) the name is further back than a detector's person
    window, but these fields make the row a person's as surely as the name does. With ``record``, a
    record written one field per line counts too: the field lines above, where a line that starts with a
    person's role label (信访人：, 申请人：, 姓名：…) also says whose the record is.
    """
    row = clause_before(text, pos, window, ends=PARAGRAPH_END)[0]
    found = _row_evidence(row, mobiles, homes)
    delivery = None
    if found is None and homes:
        label = last_match_end(_DELIVERY_LABEL, row)  # 邮寄地址：…5栋303室，联系电话：139…
        if label is not None:
            delivery = _delivery_home(row[label[0] - len(label[1]):], text, pos)
    if found is None and delivery is None and record:
        for line in _record_fields_before(text, pos):
            role = _ROLE_FIELD.match(line)
            if role is not None:
                return role.group().strip(" \t\u3000：:")
            found = _row_evidence(line, mobiles, homes)
            if found is not None:
                break
            if homes and delivery is None:
                delivery = _delivery_home(line, text, pos)  # nearer than a role above it, but the role says more
    return found if found is not None else delivery


def _row_evidence(row: str, mobiles: bool, homes: bool) -> str | None:
    for m in _ROW_NUMBER.finditer(row):
        if len(m.group()) == 11:
            if mobiles:
                return "手机号"
        elif check_id(m.group()).ok:
            return "身份证号"
    if homes:
        h = last_match_end(_HOME_LABEL, row)
        if h is not None:
            return h[1]
    return None
