#!/usr/bin/env python3
"""Build and validate the PII evaluation corpus.

Reads ``corpus.src.txt`` (markup source, one item per line as
``ID<TAB>TEXT`` with PII values marked ``[[rule|value]]``), strips the
markup, computes exact code-point spans and writes ``corpus.jsonl``.

Every item is validated before anything is written:

* ``pii.id_card``: after removing spaces/hyphens and folding full-width
  characters, 18-digit values must have a correct GB 11643 MOD 11-2 check
  digit, a real birth date (1940-2008) and a known county code; 15-digit
  legacy values must have a known county code and a real ``19YYMMDD`` date.
* ``pii.phone.mobile``: valid Chinese mobile number according to the
  ``phonenumbers`` package (region CN).
* ``pii.bank_card``: 16-19 digits, Luhn-valid, known Chinese issuer BIN.
* ``pii.email``: syntactically valid, not an organisational ``gov.cn`` domain.
* ``pii.travel_document``: one of the accepted Mainland travel document
  formats with a context word shortly before it.
* ``pii.address``: contains an administrative/road component and a detailed
  component.
* Text outside labelled spans (all of a negative item) must not contain an
  ID-like 18-digit string that passes checksum + date + region, a
  Luhn-valid number with a known bank BIN, a valid bare mobile number or a
  free-mail address.

Usage::

    python tests/data/pii/build_corpus.py            # validate + write corpus.jsonl
    python tests/data/pii/build_corpus.py --check    # validate, and fail if corpus.jsonl is stale

Requires ``phonenumbers`` (``pip install phonenumbers``).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "corpus.src.txt"
OUT = HERE / "corpus.jsonl"

RULES = {
    "pii.id_card",
    "pii.phone.mobile",
    "pii.address",
    "pii.bank_card",
    "pii.email",
    "pii.travel_document",
}

MARKUP_RE = re.compile(r"\[\[([a-z_.]+)\|([^\[\]|]+?)\]\]")
ITEM_ID_RE = re.compile(r"^pii-\d{4}$")

# County-level administrative division codes used in the corpus (all real,
# current GB/T 2260 codes).  Positive ID spans must use one of these.
KNOWN_REGIONS = {
    "110101", "110105", "120101", "130102", "140105", "150102", "210102",
    "220102", "230102", "310104", "320102", "320106", "330106", "340104",
    "350203", "360102", "370102", "370202", "410105", "420106", "430104",
    "440106", "440304", "450103", "460106", "500103", "510104", "520102",
    "530102", "540102", "610113", "620102", "620103", "620104", "620105",
    "620121", "620502", "621102", "622901", "630104", "640104", "650102",
}
PROVINCES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
    "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
    "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
}
# Issuer identification numbers of Chinese bank cards used in the corpus.
KNOWN_BINS = {
    "436742",  # CCB credit (Long Card)
    "456351",  # Bank of China Great Wall debit
    "621226",  # ICBC debit
    "621483",  # China Merchants Bank debit
    "621661",  # Bank of China debit
    "621700",  # CCB debit
    "621799",  # CCB debit
    "622188",  # Postal Savings Bank debit
    "622202",  # ICBC debit
    "622260",  # Bank of Communications debit
    "622588",  # China Merchants Bank debit
    "622700",  # CCB debit
    "622848",  # Agricultural Bank of China debit
    "622908",  # Industrial Bank debit
    "623058",  # Ping An Bank debit
    "623668",  # CCB debit
}
FREEMAIL = (
    "qq.com", "163.com", "126.com", "sina.com", "sohu.com", "foxmail.com",
    "outlook.com", "yeah.net", "gmail.com", "hotmail.com", "139.com",
)

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
FULLWIDTH = str.maketrans(
    "０１２３４５６７８９ＸｘＥＣＷ＊",
    "0123456789XxECW*",
)

TRAVEL_PATTERNS = [
    re.compile(r"C[0-9A-Z]\d{7}"),  # 往来港澳通行证（电子）
    re.compile(r"W\d{8}"),  # 往来港澳通行证（旧版）
    re.compile(r"\d{8}"),  # 台湾居民来往大陆通行证
    re.compile(r"E\d{8}"),  # 普通护照
    re.compile(r"E[A-HJ-NP-Z]\d{7}"),  # 普通护照（字母号段）
]
TRAVEL_CONTEXT = re.compile(r"通行证|护照|台胞证")

ADDR_ADMIN = re.compile(r"[省市区县镇乡]|街道|[路街巷弄道]|村")
ADDR_DETAIL = re.compile(r"\d+[号栋幢室户楼]|单元|[一二三四五六七八九十\d]+[组社]|\d+-\d+|\d+房")

EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")

ID18_SCAN = re.compile(
    r"(?<![0-9A-Za-z])(\d{6})[ -]?(\d{8})[ -]?(\d{3}[0-9Xx])(?![0-9A-Za-z])"
)
CARD_SCAN = re.compile(r"(?<![0-9A-Za-z])\d(?:[ -]?\d){15,18}(?![0-9A-Za-z])")
MOBILE_SCAN = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")
EMAIL_SCAN = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def fold(s: str) -> str:
    return s.translate(FULLWIDTH)


def id_check_digit(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def real_date(yyyymmdd: str, lo: int = 1900, hi: int | None = None) -> bool:
    try:
        d = _dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    hi = hi or _dt.date.today().year
    return lo <= d.year <= hi


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def id_like_valid(s18: str) -> bool:
    """True if an 18-char candidate would pass as a real ID number."""
    s18 = s18.upper()
    return (
        s18[:2] in PROVINCES
        and s18[:6] != "000000"
        and real_date(s18[6:14])
        and id_check_digit(s18[:17]) == s18[17]
    )


# --------------------------------------------------------------------------
# span validators: return an error message or None


def check_id_card(value: str) -> str | None:
    v = re.sub(r"[\s\-]", "", fold(value))
    if len(v) == 18:
        if not re.fullmatch(r"\d{17}[\dXx]", v):
            return "malformed 18-digit ID"
        if v[:6] not in KNOWN_REGIONS:
            return f"unknown region code {v[:6]}"
        if not real_date(v[6:14], 1940, 2008):
            return f"impossible / out-of-range birth date {v[6:14]}"
        if id_check_digit(v[:17]) != v[17].upper():
            return "bad MOD 11-2 check digit"
        return None
    if len(v) == 15:
        if not v.isdigit():
            return "malformed 15-digit ID"
        if v[:6] not in KNOWN_REGIONS:
            return f"unknown region code {v[:6]}"
        if not real_date("19" + v[6:12], 1900, 1999):
            return f"impossible birth date 19{v[6:12]}"
        return None
    return f"ID has {len(v)} characters"


_PHONENUMBERS = None


def check_mobile(value: str) -> str | None:
    if not re.fullmatch(r"[0-9+\- ]+", value):
        return "unexpected characters in mobile number"
    pn = _PHONENUMBERS
    try:
        num = pn.parse(value, "CN")
    except pn.NumberParseException as exc:  # pragma: no cover
        return f"unparseable: {exc}"
    if num.country_code != 86:
        return "not a +86 number"
    if not pn.is_valid_number_for_region(num, "CN"):
        return "not a valid CN number (phonenumbers)"
    if pn.number_type(num) not in (
        pn.PhoneNumberType.MOBILE,
        pn.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        return "not a mobile number (phonenumbers)"
    return None


def check_bank_card(value: str) -> str | None:
    v = re.sub(r"[\s\-]", "", value)
    if not re.fullmatch(r"\d{16,19}", v):
        return "bank card must be 16-19 digits"
    if v[:6] not in KNOWN_BINS:
        return f"unknown issuer BIN {v[:6]}"
    if not luhn_ok(v):
        return "fails Luhn"
    return None


def check_email(value: str) -> str | None:
    if not EMAIL_RE.match(value):
        return "malformed email"
    if value.lower().endswith("gov.cn"):
        return "organisational gov.cn email labelled as personal"
    return None


def check_travel(value: str, text: str, start: int) -> str | None:
    v = fold(value)
    if not any(p.fullmatch(v) for p in TRAVEL_PATTERNS):
        return "unknown travel document format"
    if not TRAVEL_CONTEXT.search(text[max(0, start - 30):start]):
        return "no travel-document context word in the 30 chars before"
    return None


def check_address(value: str) -> str | None:
    if len(value) < 6:
        return "address too short"
    if not ADDR_ADMIN.search(value):
        return "no administrative/road component"
    if not ADDR_DETAIL.search(value):
        return "no detailed component (号/栋/单元/室/组…)"
    if value != value.strip() or value[-1] in "，。；、,;":
        return "address span has surrounding whitespace/punctuation"
    return None


# --------------------------------------------------------------------------


def scan_unlabelled(text: str, spans: list[dict]) -> list[str]:
    """Find PII-looking values outside labelled spans."""
    masked = list(fold(text))
    for sp in spans:
        for i in range(sp["start"], sp["end"]):
            masked[i] = "#"
    t = "".join(masked)
    errs = []
    for m in ID18_SCAN.finditer(t):
        cand = "".join(m.groups())
        if id_like_valid(cand):
            errs.append(f"unlabelled valid-looking ID {m.group(0)!r}")
    for m in CARD_SCAN.finditer(t):
        d = re.sub(r"[ -]", "", m.group(0))
        if d[:6] in KNOWN_BINS and luhn_ok(d):
            errs.append(f"unlabelled bank card {m.group(0)!r}")
    for m in MOBILE_SCAN.finditer(t):
        if check_mobile(m.group(0)) is None:
            errs.append(f"unlabelled mobile {m.group(0)!r}")
    for m in EMAIL_SCAN.finditer(t):
        if m.group(0).lower().endswith(FREEMAIL):
            errs.append(f"unlabelled free-mail address {m.group(0)!r}")
    return errs


def parse_line(raw: str) -> tuple[str, list[dict]]:
    out: list[str] = []
    spans: list[dict] = []
    pos = 0
    length = 0
    for m in MARKUP_RE.finditer(raw):
        plain = raw[pos:m.start()]
        out.append(plain)
        length += len(plain)
        rule, value = m.group(1), m.group(2)
        spans.append({"start": length, "end": length + len(value), "rule": rule, "text": value})
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(raw[pos:])
    return "".join(out), spans


def build(src: Path) -> tuple[list[dict], list[str]]:
    items: list[dict] = []
    errors: list[str] = []
    source = None
    seen_ids: set[str] = set()
    seen_texts: dict[str, str] = {}
    seen_values: dict[str, str] = {}
    for lineno, raw in enumerate(src.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        if raw.startswith("#"):
            m = re.match(r"#\s*source:\s*(.+?)\s*$", raw)
            if m:
                source = m.group(1)
            continue
        if "\t" not in raw:
            errors.append(f"line {lineno}: expected ID<TAB>TEXT")
            continue
        item_id, body = raw.split("\t", 1)
        where = f"line {lineno} ({item_id})"
        if not ITEM_ID_RE.match(item_id):
            errors.append(f"{where}: bad item id")
        if item_id in seen_ids:
            errors.append(f"{where}: duplicate item id")
        seen_ids.add(item_id)
        if source is None:
            errors.append(f"{where}: no '# source:' line before the first item")
        text, spans = parse_line(body)
        if "[[" in text or "]]" in text:
            errors.append(f"{where}: unparsed markup left in text")
        if "\t" in text:
            errors.append(f"{where}: tab inside text")
        if text in seen_texts:
            errors.append(f"{where}: duplicate text of {seen_texts[text]}")
        seen_texts[text] = item_id
        for sp in spans:
            rule, value, start = sp["rule"], sp["text"], sp["start"]
            assert text[sp["start"]:sp["end"]] == value
            if rule not in RULES:
                errors.append(f"{where}: unknown rule {rule}")
                continue
            if value != value.strip():
                errors.append(f"{where}: span {value!r} has surrounding whitespace")
            err = {
                "pii.id_card": lambda: check_id_card(value),
                "pii.phone.mobile": lambda: check_mobile(value),
                "pii.bank_card": lambda: check_bank_card(value),
                "pii.email": lambda: check_email(value),
                "pii.travel_document": lambda: check_travel(value, text, start),
                "pii.address": lambda: check_address(value),
            }[rule]()
            if err:
                errors.append(f"{where}: {rule} {value!r}: {err}")
            if rule != "pii.address":
                key = re.sub(r"[\s\-+]", "", fold(value)).upper()
                if key in seen_values:
                    errors.append(f"{where}: value {value!r} reused (also in {seen_values[key]})")
                seen_values[key] = item_id
        for e in scan_unlabelled(text, spans):
            errors.append(f"{where}: {e}")
        items.append({
            "id": item_id,
            "text": text,
            "label": "positive" if spans else "negative",
            "spans": spans,
            "source": source,
        })
    return items, errors


def to_jsonl(items: list[dict]) -> str:
    return "".join(json.dumps(it, ensure_ascii=False) + "\n" for it in items)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", type=Path, default=SRC)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true",
                    help="validate and verify that --out is up to date; write nothing")
    args = ap.parse_args(argv)

    global _PHONENUMBERS
    try:
        import phonenumbers
    except ImportError:
        print("error: the 'phonenumbers' package is required (pip install phonenumbers)",
              file=sys.stderr)
        return 2
    _PHONENUMBERS = phonenumbers

    items, errors = build(args.src)
    if errors:
        for e in errors:
            print("ERROR", e, file=sys.stderr)
        print(f"{len(errors)} validation error(s); nothing written", file=sys.stderr)
        return 1

    n = len(items)
    neg = sum(1 for it in items if it["label"] == "negative")
    rules = Counter(sp["rule"] for it in items for sp in it["spans"])
    rule_items = Counter(r for it in items for r in {sp["rule"] for sp in it["spans"]})
    print(f"items: {n}  positive: {n - neg}  negative: {neg} ({neg / n:.1%})")
    for rule in sorted(RULES):
        print(f"  {rule:22s} spans={rules[rule]:4d}  items={rule_items[rule]:4d}")
    print("sources:")
    for src, c in Counter(it["source"] for it in items).items():
        print(f"  {c:4d}  {src}")
    if neg / n < 0.45:
        print("ERROR: fewer than 45% negatives", file=sys.stderr)
        return 1

    data = to_jsonl(items)
    if args.check:
        if not args.out.exists() or args.out.read_text(encoding="utf-8") != data:
            print(f"ERROR: {args.out} is stale; rerun without --check", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.write_text(data, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
