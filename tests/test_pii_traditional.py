"""PII in 繁体 pages: the detectors' context words are simplified, the records are the same.

A site's 繁体 version, or a 流调通报/低保公示/答复书 pasted from a traditional source, writes
申請人, 戶籍地, 3棟2單元, 手機, 賬號, 粵B. With the t2s fold on, the PII detectors read the page
through the character table (offsets unchanged); the findings' text is the page's own.
"""

from __future__ import annotations

import pytest

from govreview import Reviewer, Severity

from pii_helpers import found

ID = "430421195505050350"


@pytest.mark.parametrize("text,rule,value", [
    ("當事人：張某某，住址：長沙市芙蓉區五一大道88號3棟2單元。", "pii.address", "長沙市芙蓉區五一大道88號3棟2單元"),
    ("病例3：陳某某，男，43歲，戶籍地：重慶市九龍坡區楊家坪正街翠湖花園5棟3單元801室。", "pii.address",
     "重慶市九龍坡區楊家坪正街翠湖花園5棟3單元801室"),
    ("申請人：王某，家庭住址：衡山縣開雲鎮師古村七組。", "pii.address", "衡山縣開雲鎮師古村七組"),
    ("現住址：大祥區城南路金星小區11棟402，其女兒在某銀行工作。", "pii.address", "大祥區城南路金星小區11棟402"),
    ("送達地址：長沙市天心區書院路街道青園小區12棟1門303室", "pii.address", "長沙市天心區書院路街道青園小區12棟1門303室"),
    ("戶主李滿堂，發放賬號：6228480012345678903（農商銀行）。", "pii.bank_card", "6228480012345678903"),
    ("申請人：李秀英，聯繫電話：0731-84561234", "pii.phone.landline", "0731-84561234"),
    ("車主：張某，車牌號碼：粵B·D12345", "pii.license_plate", "粵B·D12345"),
])
def test_traditional_records_are_found(reviewer, text, rule, value):
    hits = found(reviewer.review(text), rule, min_severity=Severity.medium)
    assert [f.text for f in hits] == [value]
    for f in hits:
        assert text[f.start:f.end] == f.text


@pytest.mark.parametrize("text", [
    "短信舉報：13707360123（市委組織部舉報專用手機）",
    "被申請人：長沙市天心區人民政府。\n住所地：長沙市天心區芙蓉南路二段99號2棟。\n法定代表人：王某某，區長。",
    "當事人：湘潭某化工有限公司\n統一社會信用代碼：91430300MA4L7XYZ8Q\n住所：湖南省湘潭市岳塘區荷塘街道芙蓉路88號3棟",
    "郵寄地址：長沙市岳麓區岳麓大道218號市政府1號樓，郵編410013。",
    "執法車輛：湘A·12345（執法公務用車）",
])
def test_traditional_office_records_stay_below_review(reviewer, text):
    assert [(f.rule, f.text) for f in reviewer.review(text).findings if f.severity >= Severity.medium] == []


def test_with_the_t2s_fold_off_traditional_words_are_read_as_written():
    """The fold settings say whether traditional text is simplified: off, only literal words count."""
    rev = Reviewer({"fold": {"t2s": False}})
    text = "當事人：張某某，戶籍地：長沙市芙蓉區五一大道88號3棟2單元。"
    assert not found(rev.review(text), "pii.address", min_severity=Severity.medium)
