"""Checksums and structural checks for numbers that identify people or organisations.

Hand-written because each is a few lines of a published standard and the
PyPI packages that do them (id-validator, python-stdnum) either pull their
own outdated region data at runtime or lack the timeline rule we need:

* GB 11643-1999 citizen ID numbers: ISO 7064 MOD 11-2 check digit, a real
  birth date not in the future, and a division code valid for the birth year.
* Luhn (ISO/IEC 7812) for bank cards plus the card-scheme prefix ranges.
* GB 32100-2015 unified social credit codes (MOD 31 check character).
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from dataclasses import dataclass

from .regions import province_ok, region_ok

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
MIN_BIRTH_YEAR = 1900


def ascii_digits(s: str) -> str:
    """Keep digits (any script, folded to ASCII) and X/x (as ``X``); drop separators."""
    out = []
    for ch in s:
        if ch in "Xx×Ｘｘ":
            out.append("X")
            continue
        d = unicodedata.decimal(ch, None)
        if d is not None:
            out.append(str(d))
    return "".join(out)


def id_check_digit(body17: str) -> str:
    total = sum(int(c) * w for c, w in zip(body17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


@dataclass(frozen=True, slots=True)
class IdCheck:
    """Outcome of checking an ID-shaped number; ``ok`` only when every check passed."""

    ok: bool
    reason: str  # "ok" or the first failed check
    birth: _dt.date | None = None
    region: str = ""
    legacy: bool = False

    @property
    def structural(self) -> bool:
        """Region and date plausible, only the check digit is wrong (a typo'd real number)."""
        return self.reason == "checksum"


def _date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def check_id(number: str, today: _dt.date | None = None) -> IdCheck:
    """Validate an 18-digit (or legacy 15-digit) resident ID given as ASCII digits/X."""
    today = today or _dt.date.today()
    n = number.upper()
    if len(n) == 18:
        if not n[:17].isdigit() or not (n[17].isdigit() or n[17] == "X"):
            return IdCheck(False, "format")
        birth = _date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
        legacy = False
    elif len(n) == 15:
        if not n.isdigit():
            return IdCheck(False, "format")
        birth = _date(1900 + int(n[6:8]), int(n[8:10]), int(n[10:12]))
        legacy = True
    else:
        return IdCheck(False, "length")
    region = n[:6]
    if birth is None or birth.year < MIN_BIRTH_YEAR or birth > today:
        return IdCheck(False, "date", None, region, legacy)
    if not region_ok(region, birth.year):
        return IdCheck(False, "region" if province_ok(region) else "province", birth, region, legacy)
    if not legacy and id_check_digit(n[:17]) != n[17]:
        return IdCheck(False, "checksum", birth, region, legacy)
    return IdCheck(True, "ok", birth, region, legacy)


def luhn_ok(digits: str) -> bool:
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# Card-scheme prefix ranges (ISO/IEC 7812 IIN registrations as published by the schemes):
# UnionPay 62 (issuer ranges 621–626 and 6282–6288, the 622126–622925 Discover co-brand inside),
# 81 (UnionPay 19-digit range), the old domestic 9558 (ICBC) cards, Visa 4, Mastercard 51–55 and
# 2221–2720, JCB 3528–3589. The 6201/6202 … block is deliberately absent: it is where Chinese
# case/permit numbers built from a division code land (620106… is 城关区, not a card).
def card_prefix_ok(d: str) -> bool:
    if d[:3] in {"621", "622", "623", "624", "625", "626"} or "6282" <= d[:4] <= "6288":
        return True
    if d[0] == "4" or "51" <= d[:2] <= "55" or "2221" <= d[:4] <= "2720" or "3528" <= d[:4] <= "3589":
        return True
    return d[:2] == "81" or d[:4] == "9558"


def bank_card_ok(digits: str) -> bool:
    return 16 <= len(digits) <= 19 and card_prefix_ok(digits) and luhn_ok(digits)


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_ok(code: str) -> bool:
    """GB 32100-2015: 18 characters from the 31-character set, MOD 31 check character."""
    c = code.upper()
    if len(c) != 18 or any(ch not in _USCC_CHARS for ch in c):
        return False
    if not c[2:8].isdigit():
        return False
    total = sum(_USCC_CHARS.index(ch) * w for ch, w in zip(c[:17], _USCC_WEIGHTS))
    return _USCC_CHARS[(31 - total % 31) % 31] == c[17]
