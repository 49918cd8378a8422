"""pii.mask_inadequate: masked values are not leaks, but weak or combinable masks are flagged."""

from __future__ import annotations

import datetime as dt

import pytest

from govreview import Severity
from govreview.pii import masking

from pii_helpers import found, make_id

RULE = "pii.mask_inadequate"


@pytest.mark.parametrize("text", [
    "王*兰，身份证号620102********2326，家庭人口2人。",
    "张*，身份证号码1101011990****4514，拟录用职位：一级科员。",
    "李**，联系电话139****5678，救助金额3000元。",
    "刘*华，身份证号6201031941******11，补贴每月200元。",
])
def test_standard_masks_are_neither_leaks_nor_inadequate(reviewer, text):
    r = reviewer.review(text)
    assert not [f for f in r.findings if f.category.value == "pii" and f.severity >= Severity.medium]


@pytest.mark.parametrize("text,problem", [
    ("赵*军，残疾证号62010419720813****42，补贴每月100元。", "出生日期"),
    ("申请人身份证号620102199608147***，请核实。", "仅隐藏3位"),
    ("联系电话1391234567*。", "仅隐藏1位"),
])
def test_weak_masks_are_flagged_medium(reviewer, text, problem):
    hits = found(reviewer.review(text), RULE)
    assert len(hits) == 1 and hits[0].severity is Severity.medium
    assert problem in hits[0].message
    assert not found(reviewer.review(text), "pii.id_card", min_severity=Severity.medium)


def test_same_id_masked_differently_combines(reviewer):
    text = "户主张*，身份证号1101011990****4514；复核表中同一户主身份证号110101****030745**。"
    hits = found(reviewer.review(text), RULE)
    assert [f.text for f in hits] == ["110101****030745**"]
    assert hits[0].explanation.details["problem"] == "combined"


def test_different_people_with_standard_masks_do_not_combine(reviewer):
    text = "张*福（370102********0317）、何*平（510104********1235）均为分散供养。"
    assert not found(reviewer.review(text), RULE)


def test_mask_helpers_keep_separators_and_width():
    assert masking.mask_id("420106 19980412 3747") == "420106 ******** 3747"
    assert masking.mask_id("５１０１０４１９９３０９０９７７５５") == "５１０１０４＊＊＊＊＊＊＊＊７７５５"
    assert masking.mask_mobile("139-1234-5678") == "139-****-5678"
    assert masking.mask_mobile("+86 139 1234 5678", 2) == "+86 139 **** 5678"
    assert masking.mask_address("兰州市城关区张掖路街道庆阳路123号5栋") == "兰州市城关区张掖路街道" + "*" * 9


# ---- masks written with other characters than the star (masking.MASK_CHARS) ----------------------------

@pytest.mark.parametrize("text,value,problem", [
    ("身份证号：43010219680312××××", "43010219680312××××", "出生日期"),
    ("申请人李某某，身份证号码43010219680312xxxx，现住长沙市。", "43010219680312xxxx", "出生日期"),
    ("公民身份号码 43010219680312XXXX", "43010219680312XXXX", "出生日期"),
    ("身份证号：43010219680312●●●●", "43010219680312●●●●", "出生日期"),
    ("身份证号：43010219680312####", "43010219680312####", "出生日期"),
    ("身份證號碼：４３０１０２１９６８０３１２＃＃＃＃", "４３０１０２１９６８０３１２＃＃＃＃", "出生日期"),
    ("残疾证号62010419720813××××42，残疾类别：肢体。", "62010419720813××××42", "出生日期"),
    ("联系电话1391234567×。", None, None),  # one × alone is no mask
    ("联系电话：139123456xx", "139123456xx", "仅隐藏2位"),
    ("手机：1391234●●78", "1391234●●78", "仅隐藏2位"),
])
def test_masks_with_other_characters_are_checked_like_stars(reviewer, text, value, problem):
    hits = found(reviewer.review(text), RULE)
    if value is None:
        assert not hits
        return
    assert [f.text for f in hits] == [value] and hits[0].severity is Severity.medium
    assert problem in hits[0].message


@pytest.mark.parametrize("text", [
    "王*兰，身份证号620102××××××××2326，家庭人口2人。",
    "张某，身份证号码110101xxxxxxxx4514，拟录用职位：一级科员。",
    "刘某华，身份证号620103●●●●●●●●11X，补贴每月200元。",
    "户主：何某平，身份证号510104########1235，低保金每月480元。",
    "李某，联系电话139xxxx5678，救助金额3000元。",
    "联系电话：139××××5678（申请人）",
    "联系电话：138●●●●8452",
    "李某某，手机号码：136XXXX1024。",
])
def test_adequate_masks_with_other_characters_stay_quiet(reviewer, text):
    r = reviewer.review(text)
    assert not [f for f in r.findings if f.category.value == "pii" and f.severity >= Severity.medium], r.findings


@pytest.mark.parametrize("text", [
    "身份证号：******195505050350",
    "身份证号码：××××××195505050350",
    "张某某（身份证号：******19550505035X）申请最低生活保障。",
])
def test_region_hidden_but_birth_date_and_sequence_shown(reviewer, text):
    hits = found(reviewer.review(text), RULE)
    assert len(hits) == 1 and "出生日期" in hits[0].message


@pytest.mark.parametrize("text", [
    "设备尺寸：150×150×150毫米，重量12公斤。",
    "屏幕分辨率1920×1080，刷新率60Hz，规格13×15×18。",
    "采购编号：******202613991234（系统生成）",  # the 'birth date' positions are no date
    "序号####1234567890，共计10份。",
    "身份证号码最后一位为“X”的，请输入大写X；示例：110101********451X。",
])
def test_things_that_only_look_like_masks_stay_quiet(reviewer, text):
    assert not found(reviewer.review(text), RULE)


def test_id_with_check_digit_x_stays_an_id_number(reviewer):
    number = next(n for n in (make_id("110101", dt.date(1990, 3, 7), s) for s in range(100, 999)) if n.endswith("X"))
    text = f"姓名：张某某，身份证号：{number}"
    r = reviewer.review(text)
    assert [f.text for f in found(r, "pii.id_card")] == [number]
    assert not found(r, RULE)


@pytest.mark.parametrize("row", [
    "张三 {id} 139****5678",
    "张三\u3000{id}\u3000139××××5678",
    "王某兰 {id} 138-xxxx-8452 城关区",
])
def test_plain_id_beside_a_masked_mobile_in_one_row_is_found(reviewer, row):
    number = make_id("620102", dt.date(1961, 7, 9), 232)
    r = reviewer.review(row.format(id=number))
    assert [f.text for f in found(r, "pii.id_card")] == [number]


# ---- # and × between a label or a name and a value: a separator, not the hidden part of a masked number ----------

@pytest.mark.parametrize("template,rule", [
    ("联系人：张三#{mobile}", "pii.phone.mobile"),
    ("申请人：李某某，联系电话×{mobile}，现住长沙市岳麓区。", "pii.phone.mobile"),
    ("姓名#手机#住址\n张三#{mobile}#长沙市岳麓区某某小区3栋", "pii.phone.mobile"),  # an OA export with # columns
    ("#{mobile}（王某某，低保户）", "pii.phone.mobile"),
    ("联系人：张三＃１３９１２３４５６７８", "pii.phone.mobile"),  # full-width, as typed in full-width mode
    ("身份证号×{id}，户籍所在地：湖南省长沙市。", "pii.id_card"),
    ("申请人：李某某，身份证号码#{id}，申请事项：最低生活保障。", "pii.id_card"),
    ("張三#{id}#湖南省長沙市", "pii.id_card"),
    ("收款人：张三，银行账号#6222021234567890128，开户行：某某银行。", "pii.bank_card"),
    # a masked name with its value glued on, as table cells run together in an extracted PDF
    ("序号\t救助对象\n1\t王**{mobile}\t城关镇", "pii.phone.mobile"),
    ("联系人：李××{mobile}（低保户）", "pii.phone.mobile"),
    ("户主：赵*{id}，家庭人口3人", "pii.id_card"),
])
def test_value_right_after_a_separating_hash_or_times_is_read(reviewer, template, rule):
    number = make_id("430102", dt.date(1968, 3, 12), 123)
    text = template.format(mobile="13912345678", id=number)
    hits = found(reviewer.review(text), rule)
    assert len(hits) == 1 and hits[0].severity >= Severity.medium, hits
    assert text[hits[0].start:hits[0].end] == hits[0].text and hits[0].text[0] not in "#＃×"


@pytest.mark.parametrize("text", [
    "身份证号码：××××××195505050350",  # the region hidden: no plain value after the mask
    "联系电话：139##5678#",
    "手机号码：13010219680×××××××",  # the visible head of a masked number
    "规格：3×13912345678",  # a factor after a digit
    "1#机组、2#机组于2024年3月投运，3#楼2单元",
    "详见 http://www.hunan.gov.cn/xxgk/a.html#13912345678",  # a fragment of a web address
    "订单号：HT#13912345678（系统生成）",
    "户主：王某某，身份证号******195505050350",  # a run of six after a word: the region hidden, no value of its own
])
def test_hash_and_times_inside_numbers_and_codes_stay_quiet(reviewer, text):
    r = reviewer.review(text)
    assert not [f for f in r.findings if f.rule in ("pii.phone.mobile", "pii.id_card", "pii.bank_card")], r.findings



# a masked value glued to a masked name or after a separating sign is checked like any other mask
@pytest.mark.parametrize("text,value,problem", [
    ("序号\t救助对象\n1\t王**1391234**78\t城关镇", "1391234**78", "仅隐藏2位"),
    ("户主：赵*43010219680312****，家庭人口3人", "43010219680312****", "出生日期"),
    ("联系人：张三#1391234××78", "1391234××78", "仅隐藏2位"),
    ("户主：李××430102199003071232", None, None),  # a plain value: pii.id_card reports it, not this rule
    ("户主：王**，联系电话：王**139****5678", None, None),
    ("户主：赵*430102********1232，家庭人口3人", None, None),
])
def test_masks_glued_to_a_masked_name(reviewer, text, value, problem):
    hits = found(reviewer.review(text), RULE)
    assert [f.text for f in hits] == ([value] if value else [])
    if value:
        assert problem in hits[0].message and text[hits[0].start:hits[0].end] == value

# ---- combining masks: each new mask is compared only with the earlier ones it could combine with -------------

class _AllEarlier:
    """The reference: every earlier mask is a candidate (what the detector did before it indexed them)."""

    def __init__(self):
        self.seen = []

    def add(self, s, e, pos):
        self.seen.append((s, e, pos))

    def candidates(self, pos):
        return list(self.seen)


def _random_masks(seed):
    import random

    rnd = random.Random(seed)
    ids = [make_id(rnd.choice(["620102", "430102", "110101"]), dt.date(1950 + rnd.randrange(60), 1 + rnd.randrange(12),
                                                                       1 + rnd.randrange(28)), rnd.randrange(100, 999))
           for _ in range(3)]
    mobiles = ["13912345678", "13807311234", "15109316677"]
    rows = []
    for i in range(60):
        value = rnd.choice(ids + mobiles)
        hidden = set(rnd.sample(range(len(value)), rnd.choice([4, 4, 4, 6, 8])))
        if rnd.random() < 0.5:  # the standard masks, as most rows are
            hidden = set(range(6, 14)) if len(value) == 18 else set(range(3, 7))
        sign = rnd.choice("*×#")
        rows.append(f"{i + 1}\t王某{i}\t" + "".join(sign if k in hidden else c for k, c in enumerate(value)))
    return "关于2026年度城乡低保对象名单的公示\n" + "\n".join(rows)


@pytest.mark.parametrize("seed", range(8))
def test_combined_masks_found_as_by_comparing_with_every_earlier_one(reviewer, monkeypatch, seed):
    from govreview.detectors import pii_mask

    text = _random_masks(seed)
    got = [(f.start, f.end, f.message) for f in found(reviewer.review(text), RULE)]
    monkeypatch.setattr(pii_mask, "_SeenMasks", _AllEarlier)
    want = [(f.start, f.end, f.message) for f in found(reviewer.review(text), RULE)]
    assert got == want


def test_random_masks_do_combine(reviewer):
    # the comparison above means something: the generated lists hold masks that combine
    assert sum(any("拼合" in f.message for f in found(reviewer.review(_random_masks(seed)), RULE)) for seed in range(8)) >= 4


def test_long_list_of_standard_masks_compares_no_pairs(reviewer, monkeypatch):
    # 3,000 rows masked alike show the same positions, so no two can combine and none is offered for comparison
    # (every mask used to be compared with every earlier one: 4.5 million comparisons, 15 s for this list;
    # the speed itself is a benchmark's claim, not a timer's in a unit test)
    from govreview.detectors import pii_mask

    offered: list[int] = []
    candidates = pii_mask._SeenMasks.candidates

    def counting(self, pos):
        out = candidates(self, pos)
        offered.append(len(out))
        return out

    monkeypatch.setattr(pii_mask._SeenMasks, "candidates", counting)
    rows = "".join(f"{i}\t王*{i % 10}\t620102********{i % 10000:04d}\t139****{i % 10000:04d}\t城关镇\n" for i in range(3000))
    assert not found(reviewer.review("关于2026年度城乡低保对象名单的公示\n" + rows), RULE)
    assert len(offered) >= 6000 and sum(offered) == 0
