"""Standard masks, and how to tell whether an already masked value hides enough.

Masks follow common practice on Chinese government sites (and GB/T 35273's
de-identification guidance): ID numbers keep the first 6 and the last 4
digits (``110101********4514``), mobiles 3+4+4 (``139****5678``), bank cards
the first 6 and last 4, addresses up to the 街道/乡镇 level.

Masking works character by character on the exact source text of a finding:
only digits (and the letters of a code) are replaced, so separators, full
width and anything around the value stay byte for byte as they were. A
full-width digit becomes a full-width star so that tables keep their layout.
"""

from __future__ import annotations

import unicodedata

import regex

from ..lazyre import lazy_regex

# What a published mask writes for a hidden digit. Editors and 公示 templates use more than the star:
# ``43010219680312××××``, ``139xxxx5678``, ``620102●●●●●●●●2326``, ``110101########4514``.
# STARS: ASCII and full-width stars, and the asterisk operator and small asterisk that word
#   processors substitute for them;
# MASK_SIGNS: the stars and the other signs that stand for a digit inside a number — the
#   multiplication sign, a black circle, a hash sign (ASCII and full-width). Never a digit, so one
#   inside a number is always a mask;
# MASK_LETTERS: X and x (full-width too) mask digits as well, but X is also the check digit of an ID
#   number: an X counts as a mask except as the last of 18 positions right after a digit
#   (:func:`visible_positions`).
# ○ (a zero in 二○二六年) and □ (a character the font lacks) are not masks.
STARS = "*＊∗﹡"
MASK_SIGNS = STARS + "×●#＃"
MASK_LETTERS = "XxＸｘ"
MASK_CHARS = MASK_SIGNS + MASK_LETTERS
# The signs that keep a plain value's pattern from matching right beside them (the visible tail of a
# masked number is no value of its own): the mask signs less ●, which also marks a list item (●13907451234).
NEXT_TO_MASK = MASK_SIGNS.replace("●", "")
# Of those, # and × also stand between a label or a name and a value, as a separator or a list mark
# (联系人：张三#13912345678, 身份证号×430102…, an OA export's 姓名#手机): they hide a digit only inside a number, that
# is after a digit, a letter or another mask sign (139##5678, 110101########4514, 620102××××××××2326).
SEPARATING_SIGNS = "×#＃"


def not_after_mask(extra: str = "") -> str:
    """The condition (``regex`` look-behinds) for the start of a plain value: not right after a digit, a letter, a
    mask sign or ``extra`` (regex class characters) — the visible tail of a masked number is no value of its own
    (******195505050350, 139##5678) — except after one or two # or × that follow no digit, letter or mask sign
    (联系人：张三#13912345678, 身份证号×430102…), or one or two mask signs right after a Han character: a masked
    name with its value glued on (王**13907311234, 李××430102…, as table cells run together in an extracted PDF)."""
    return (rf"(?:(?<![\dA-Za-z{extra}{NEXT_TO_MASK}])"
            rf"|(?<=(?:^|[^\dA-Za-zＸｘ{extra}{MASK_SIGNS}])[{SEPARATING_SIGNS}]{{1,2}})"
            rf"|(?<=\p{{Han}}[{MASK_SIGNS}]{{1,2}}))")


def not_before_mask(extra: str = r"\d") -> str:
    """Look-aheads for the end of a plain value: not right before a letter, a star or ``extra`` (regex class
    characters; a digit unless told otherwise), nor before a # or × that a digit, a letter or a mask sign follows (the
    value is the visible head of a longer masked number); before a # or × that anything else follows it is read
    (张三#13912345678#长沙市)."""
    return (rf"(?![A-Za-z{extra}{STARS}])"
            rf"(?![{SEPARATING_SIGNS}][\dA-Za-zＸｘ{MASK_SIGNS}])")


def _is_digitish(ch: str) -> bool:
    return unicodedata.decimal(ch, None) is not None or ch in MASK_LETTERS


def _star_for(ch: str) -> str:
    return "＊" if "\uff00" <= ch <= "\uffef" else "*"


def mask_positions(text: str, keep_first: int, keep_last: int, *, skip: int = 0, alnum: bool = False) -> str:
    """Replace the value characters of ``text`` except the first/last few; others stay as they are.

    ``skip`` value characters at the start (e.g. a ``+86`` country code) are neither counted nor masked.
    """
    def is_value(c: str) -> bool:  # mask signs count as value positions, so re-masking a bad mask is standard
        return c in MASK_SIGNS or _is_digitish(c) or (alnum and c.isascii() and c.isalnum())

    idx = [i for i, c in enumerate(text) if is_value(c)][skip:]
    n = len(idx)
    if n == 0:
        return text
    keep_first = min(keep_first, n)
    keep_last = min(keep_last, max(0, n - keep_first))
    chars = list(text)
    for k, i in enumerate(idx):
        if k >= keep_first and k < n - keep_last:
            chars[i] = _star_for(chars[i])
    return "".join(chars)


def mask_id(text: str) -> str:
    return mask_positions(text, 6, 4)


def mask_mobile(text: str, country_digits: int = 0) -> str:
    """3+4+4: the middle four digits of the national number go (a Taiwan mobile's 10: 091****678)."""
    n = sum(1 for c in text if c in MASK_SIGNS or _is_digitish(c)) - country_digits
    keep_last = 4 if n >= 11 else max(0, n - 7)
    return mask_positions(text, n - 4 - keep_last if n < 11 else 3, keep_last, skip=country_digits)


def mask_landline(text: str) -> str:
    """Keep the area code and the last two digits."""
    digits = sum(1 for c in text if _is_digitish(c))
    m = regex.match(r"\D*(0\d{2,3})", text)
    area = len(m.group(1)) if m else 0
    return mask_positions(text, area, 2) if digits > area + 2 else text


def mask_card(text: str) -> str:
    return mask_positions(text, 6, 4)


def mask_email(text: str) -> str:
    local, _, domain = text.partition("@")
    if not domain:
        return text
    return local[:1] + "*" * max(3, len(local) - 1) + "@" + domain


def mask_code(text: str, keep_first: int = 1, keep_last: int = 2) -> str:
    return mask_positions(text, keep_first, keep_last, alnum=True)


_ADDR_KEEP = lazy_regex(r"^.*?(?:街道|乡|镇)(?:办事处)?")
_ADDR_COARSE = lazy_regex(r"^.*?(?:[省市区县旗])(?![\p{Han}]*?[省市区县旗])")


def mask_address(text: str) -> str:
    """Keep up to the 街道/乡镇 component (else up to the last 省/市/区/县); star the rest."""
    m = _ADDR_KEEP.match(text) or _ADDR_COARSE.match(text)
    keep = m.end() if m else 0
    if keep >= len(text):
        keep = 0
    return text[:keep] + "".join(_star_for(c) if not c.isspace() else c for c in text[keep:])


# ---- adequacy of masks already present -------------------------------------------------------

def visible_positions(masked: str) -> list[str | None]:
    """Per value position: the visible character (ASCII digit, or ``X`` for an ID's check digit) or None
    where masked. An X or x is a check digit only as the 18th position right after a digit; anywhere
    else (``139xxxx5678``, ``43010219680312xxxx``) it is a mask."""
    out: list[str | None] = []
    for ch in masked:
        if ch in MASK_SIGNS:
            out.append(None)
        elif ch in MASK_LETTERS:
            out.append("X" if len(out) == 17 and out[16] is not None else None)
        elif unicodedata.decimal(ch, None) is not None:
            out.append(str(unicodedata.decimal(ch)))
    return out


def plausible_mask(masked: str) -> bool:
    """Whether the hidden positions of ``masked`` read as a mask: a mask hides a block of digits, so a
    hidden position written with anything but a star stands in a run of at least two (``150×150×150``,
    a size, is no masked mobile; ``1391234567*`` is a mask)."""
    run = 0
    lone = False
    pos = visible_positions(masked)
    chars = [c for c in masked if c in MASK_CHARS or unicodedata.decimal(c, None) is not None]
    for i, p in enumerate(pos + ["0"]):
        if p is None:
            run += 1
            lone = lone or chars[i] in STARS
            continue
        if run == 1 and not lone:
            return False
        run, lone = 0, False
    return True


def _real_date(digits: list[str | None]) -> bool:
    import datetime

    try:
        d = datetime.date(int("".join(digits[:4])), int("".join(digits[4:6])), int("".join(digits[6:8])))  # type: ignore[arg-type]
    except ValueError:
        return False
    return 1900 <= d.year <= datetime.date.today().year


def id_mask_problem(masked: str) -> str | None:
    """Why an 18-position ID mask is inadequate, or None if it is fine (or it is no ID number: the
    birth-date positions, when all shown, are no date)."""
    pos = visible_positions(masked)
    if len(pos) < 18:
        return None
    pos = pos[:18]
    date_shown = all(p is not None for p in pos[6:14])
    if date_shown and not _real_date(pos[6:14]):
        return None
    hidden = sum(1 for p in pos if p is None)
    if hidden < 4:
        return f"仅隐藏{hidden}位"
    if date_shown:
        return "未隐藏出生日期（第7至14位）"
    return None


def mobile_mask_problem(masked: str) -> str | None:
    pos = visible_positions(masked)
    hidden = sum(1 for p in pos if p is None)
    if len(pos) == 11 and hidden < 4:
        return f"仅隐藏{hidden}位"
    return None


def combine(a: list[str | None], b: list[str | None]) -> list[str | None] | None:
    """Union of two masks of the same value, or None when they contradict each other."""
    if len(a) != len(b):
        return None
    out: list[str | None] = []
    for x, y in zip(a, b):
        if x is not None and y is not None and x != y:
            return None
        out.append(x if x is not None else y)
    return out
