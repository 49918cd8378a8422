"""The GB/T 2260 division-code table with its validity timeline.

``lexicons/regions/cn_divisions.tsv`` is a ``kind: table`` file (the generic
lexicon loader returns no entries for tables), so it has its own small loader.
``end_year`` is the last year a code was *listed*; lists are year-end states,
so a code fits an ID number of a person born in year ``Y`` iff ``end_year`` is
blank or ``Y <= end_year + 1`` (the number is issued where the person is
registered; a district created after the birth is fine, a code abolished
before it is not).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..lexicons import builtin_dir


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str
    province: str
    prefecture: str
    level: str
    start_year: int | None
    end_year: int | None

    def valid_for_birth_year(self, year: int) -> bool:
        return self.end_year is None or year <= self.end_year + 1


def table_path() -> Path:
    return builtin_dir() / "regions" / "cn_divisions.tsv"


@functools.lru_cache(maxsize=4)
def load_divisions(path: str | None = None) -> dict[str, Division]:
    """code → Division; header lines (``#``) and the column line are skipped."""
    p = Path(path) if path else table_path()
    out: dict[str, Division] = {}
    with p.open(encoding="utf-8") as fh:
        cols: list[str] | None = None
        for line in fh:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if cols is None:
                cols = parts
                continue
            row = dict(zip(cols, parts + [""] * (len(cols) - len(parts))))
            code = row["code"]
            out[code] = Division(
                code=code, name=row["name"], province=row["province"], prefecture=row["prefecture"],
                level=row["level"], start_year=int(row["start_year"]) if row["start_year"] else None,
                end_year=int(row["end_year"]) if row["end_year"] else None,
            )
    return out


def division(code: str) -> Division | None:
    return load_divisions().get(code)


def region_ok(code: str, birth_year: int) -> bool:
    d = load_divisions().get(code)
    return d is not None and d.valid_for_birth_year(birth_year)


def province_ok(code: str) -> bool:
    """The first two digits name a province-level division (cheap plausibility check)."""
    return (code[:2] + "0000") in load_divisions()
