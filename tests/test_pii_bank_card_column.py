"""pii.bank_card under a card column header: 征地补偿/补贴发放 tables put the label in the header row only.

A user saw a 征地补偿 table (户主姓名 | 面积 | 补偿金额 | 银行卡号) report every farmer's card number at
``low`` (no card cue in the clause), as it would a random Luhn-valid number; the header now counts as
the cue, as it does for 身份证号 columns.
"""

from __future__ import annotations

import pytest

from govreview import Severity

from pii_helpers import found

RULE = "pii.bank_card"


def luhn(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return body + str((10 - total % 10) % 10)


C1 = luhn("621700287001234567")
C2 = luhn("622848001234567890")


@pytest.mark.parametrize("text", [
    f"序号\t户主姓名\t面积（亩）\t补偿金额（元）\t银行卡号\n1\t王桂兰\t1.25\t56250\t{C1}\n2\t李德明\t0.86\t30100\t{C2}\n",
    f"序号\t姓名\t开户银行账号\t发放金额\n1\t王桂兰\t{C1}\t1200\n2\t李德明\t{C2}\t1200\n",
    f"<table><tr><th>姓名</th><th>社保卡号</th><th>补贴金额</th></tr><tr><td>王桂兰</td><td>{C1}</td><td>800</td></tr>"
    f"<tr><td>李德明</td><td>{C2}</td><td>800</td></tr></table>",
    # rural subsidies are paid to a 存折 / 惠农一折通
    f"<table><tr><th>姓名</th><th>存折号</th><th>补贴金额</th></tr><tr><td>王桂兰</td><td>{C1}</td><td>800</td></tr>"
    f"<tr><td>李德明</td><td>{C2}</td><td>800</td></tr></table>",
    f"序号\t户主\t一折通账号\t金额\n1\t王桂兰\t{C1}\t1130\n2\t李德明\t{C2}\t1130\n",
])
def test_card_column_is_high(reviewer, text):
    hits = found(reviewer.review(text), RULE, min_severity=Severity.high)
    assert sorted(f.text for f in hits) == sorted([C1, C2])


@pytest.mark.parametrize("text", [
    # an organisation's account, another number's column, or no card header: not raised to high
    f"序号\t单位名称\t开户银行\t账号\n1\tXX县财政局\t中国农业银行\t{C1}\n",
    f"序号\t项目名称\t单位账号\t金额\n1\t危房改造\t{C1}\t30000\n",
    f"序号\t姓名\t流水号\t金额\n1\t王桂兰\t{C1}\t1200\n",
    f"序号\t户主姓名\t补偿金额（元）\t备注\n1\t王桂兰\t56250\t{C1}\n",
    f"序号\t存折发放批次\t批次号\n1\t2026年第1批\t{C1}\n",
])
def test_other_columns_are_not_high(reviewer, text):
    assert found(reviewer.review(text), RULE, min_severity=Severity.medium) == []
