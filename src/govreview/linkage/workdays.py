"""Working days by the official PRC calendar, with 调休 make-up days, and an honest edge.

The State Council publishes each year's holiday arrangement (国务院办公厅关于
YYYY年部分节假日安排的通知) late in the previous year: weekday holidays are
skipped and some Saturdays/Sundays become working days (调休). A naive
Monday–Friday count is wrong around every long holiday — across National Day
it can call an on-time interpretation late. So counting uses the
``chinesecalendar`` package (years 2004–2026 in 1.11) and, for later years,
files the user supplies in the format described in ``docs/linkage.md``; a date
outside every known year raises :class:`OutsideCalendar`, never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

#: Longest span whose 调休 days and skipped holidays are listed in the explanation.
DETAIL_DAYS = 120
#: Longest span counted (a policy interpreted years later is simply "late"; stop counting).
MAX_SPAN_DAYS = 3 * 366


def _weekdays_after(start: date, span: int) -> int:
    """Monday–Friday days in (start, start + span]: the naive count, for comparison in explanations."""
    full, rest = divmod(span, 7)
    n = full * 5
    wd = start.weekday()
    for k in range(1, rest + 1):
        n += (wd + k) % 7 < 5
    return n


class OutsideCalendar(ValueError):
    """A date in a year for which no official working-day data is loaded."""

    def __init__(self, day: date, known: str):
        self.day = day
        self.known = known
        super().__init__(f"{day.isoformat()} is outside the known working-day calendar ({known})")


class CalendarFileError(ValueError):
    pass


@dataclass(frozen=True)
class CalendarSource:
    name: str
    version: str
    first_year: int
    last_year: int
    origin: str = ""

    def describe(self) -> str:
        years = f"{self.first_year}" if self.first_year == self.last_year else f"{self.first_year}–{self.last_year}"
        return f"{self.name} {self.version} ({years})"


@dataclass(frozen=True)
class WorkdayCount:
    """Working days in (start, end]: ``end`` is the Nth working day after ``start`` when days == N."""

    start: date
    end: date
    days: int
    makeup_days: tuple[date, ...] = ()
    holidays_skipped: tuple[date, ...] = ()
    sources: tuple[str, ...] = ()
    naive_days: int = 0  # Monday–Friday count of the same span, for the explanation

    def details(self) -> dict:
        return {
            "working_days": self.days,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "makeup_working_days_counted": [d.isoformat() for d in self.makeup_days],
            "weekday_holidays_skipped": [d.isoformat() for d in self.holidays_skipped],
            "naive_mon_fri_days": self.naive_days,
            "calendar": list(self.sources),
        }


@dataclass
class _YearTable:
    source: CalendarSource
    holidays: set[date] = field(default_factory=set)  # weekdays off
    workdays: set[date] = field(default_factory=set)  # weekend days on (调休)


def _package_source() -> tuple[CalendarSource, object] | None:
    try:
        import chinese_calendar as cc
    except ImportError:  # pragma: no cover - it is a base dependency
        return None
    years = [d.year for d in cc.holidays] + [d.year for d in cc.workdays]
    try:
        from importlib.metadata import version

        ver = version("chinesecalendar")
    except Exception:  # pragma: no cover
        ver = getattr(cc, "__version__", "?")
    return CalendarSource("chinesecalendar", ver, min(years), max(years), "PyPI chinesecalendar"), cc


def load_calendar_file(path: str | Path) -> list[_YearTable]:
    """A user calendar: ``# years: 2027[,2028]`` header, then ``YYYY-MM-DD<TAB>holiday|workday[<TAB>name]`` rows.

    Every declared year is fully known: days not listed follow Monday–Friday.
    Undeclared years stay unknown even if a row mentions them (a typo must not
    silently extend the calendar).
    """
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CalendarFileError(f"{p}: cannot read calendar file: {exc.strerror or exc}") from None
    years: list[int] = []
    meta: dict[str, str] = {}
    rows: list[tuple[int, date, str]] = []
    for lineno, line in enumerate(raw.splitlines(), start=1):
        s = line.strip()
        if not s:
            continue
        if s.startswith("#"):
            k, _, v = s.lstrip("#").partition(":")
            k = k.strip().lower()
            if v and k in ("years", "year"):
                try:
                    years.extend(int(y) for y in v.replace("，", ",").split(",") if y.strip())
                except ValueError:
                    raise CalendarFileError(f"{p}:{lineno}: bad years header: {s!r}") from None
            elif v:
                meta[k] = v.strip()
            continue
        cols = [c.strip() for c in line.split("\t")]
        if cols[0].lower() == "date":
            continue
        try:
            d = date.fromisoformat(cols[0])
        except ValueError:
            raise CalendarFileError(f"{p}:{lineno}: not a date (YYYY-MM-DD): {cols[0]!r}") from None
        kind = cols[1].lower() if len(cols) > 1 else ""
        if kind not in ("holiday", "workday"):
            raise CalendarFileError(f"{p}:{lineno}: type must be 'holiday' or 'workday', got {kind!r}")
        rows.append((lineno, d, kind))
    if not years:
        raise CalendarFileError(f"{p}: missing '# years: YYYY' header naming the years this file fully covers")
    tables = {y: _YearTable(CalendarSource(f"file:{p.name}", meta.get("version", "?"), y, y, meta.get("source", str(p))))
              for y in sorted(set(years))}
    for lineno, d, kind in rows:
        t = tables.get(d.year)
        if t is None:
            raise CalendarFileError(f"{p}:{lineno}: {d} is in a year not declared in the '# years:' header")
        if kind == "holiday":
            if d.weekday() < 5:
                t.holidays.add(d)
        elif d.weekday() >= 5:
            t.workdays.add(d)
    return list(tables.values())


class WorkCalendar:
    """``is_workday`` / ``count`` / ``deadline`` over the package years plus user files (files win)."""

    def __init__(self, files: Iterable[str | Path] = (), *, use_package: bool = True):
        self._years: dict[int, _YearTable] = {}
        self._flags: dict[int, bytearray] = {}
        self._sources: dict[int, str] = {}
        self._pkg = None
        self._pkg_source: CalendarSource | None = None
        if use_package:
            found = _package_source()
            if found:
                self._pkg_source, self._pkg = found
        for f in files:
            for t in load_calendar_file(f):
                self._years[t.source.first_year] = t

    def describe(self) -> str:
        parts = []
        if self._pkg_source:
            parts.append(self._pkg_source.describe())
        parts.extend(t.source.describe() for _, t in sorted(self._years.items()))
        return "; ".join(parts) or "no calendar data"

    def source_for(self, d: date) -> str:
        found = self._sources.get(d.year)
        if found is not None:
            return found
        if d.year in self._years:
            found = self._years[d.year].source.describe()
        elif self._pkg_source and self._pkg_source.first_year <= d.year <= self._pkg_source.last_year:
            found = self._pkg_source.describe()
        else:
            raise OutsideCalendar(d, self.describe())
        self._sources[d.year] = found
        return found

    def _year_flags(self, year: int) -> bytearray:
        """One byte per day of ``year`` (1 = working day), computed once: counting spans is then a table walk."""
        flags = self._flags.get(year)
        if flags is None:
            first = date(year, 1, 1)
            n = (date(year + 1, 1, 1) - first).days
            flags = bytearray(self._lookup(first + timedelta(days=i)) for i in range(n))
            self._flags[year] = flags
        return flags

    def is_workday(self, d: date) -> bool:
        try:
            flags = self._year_flags(d.year)
        except OutsideCalendar:
            raise OutsideCalendar(d, self.describe()) from None
        return bool(flags[d.timetuple().tm_yday - 1])

    def _lookup(self, d: date) -> bool:
        t = self._years.get(d.year)
        if t is not None:
            if d in t.holidays:
                return False
            if d in t.workdays:
                return True
            return d.weekday() < 5
        if self._pkg is not None and self._pkg_source and self._pkg_source.first_year <= d.year <= self._pkg_source.last_year:
            return bool(self._pkg.is_workday(d))  # type: ignore[attr-defined]
        raise OutsideCalendar(d, self.describe())

    def count(self, start: date, end: date) -> WorkdayCount:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start).

        Whole years are summed from the per-year tables; the lists of 调休 days
        counted and weekday holidays skipped are filled for spans up to
        ``DETAIL_DAYS`` (the explanation of a late interpretation), not for the
        years-long spans of a long-missing one.
        """
        stop = min(end, start + timedelta(days=MAX_SPAN_DAYS))
        days = 0
        sources: dict[str, None] = {}
        d = start + timedelta(days=1)
        while d <= stop:
            try:
                flags = self._year_flags(d.year)
            except OutsideCalendar:
                raise OutsideCalendar(d, self.describe()) from None
            seg_end = min(stop, date(d.year, 12, 31))
            days += sum(flags[d.timetuple().tm_yday - 1: seg_end.timetuple().tm_yday])
            sources[self.source_for(d)] = None
            d = seg_end + timedelta(days=1)
        makeup: list[date] = []
        skipped: list[date] = []
        span = max(0, (stop - start).days)
        if span <= DETAIL_DAYS:
            for k in range(1, span + 1):
                day = start + timedelta(days=k)
                weekday = day.weekday() < 5
                work = self.is_workday(day)
                if work and not weekday:
                    makeup.append(day)
                elif weekday and not work:
                    skipped.append(day)
        return WorkdayCount(start, end, days, tuple(makeup), tuple(skipped), tuple(sources), _weekdays_after(start, span))

    def deadline(self, start: date, n: int) -> date:
        """The Nth working day after ``start``."""
        d = start
        left = n
        while left > 0:
            d += timedelta(days=1)
            if self.is_workday(d):
                left -= 1
        return d
