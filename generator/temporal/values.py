"""Read TIMEX3 values: the days they cover, their precision and how to print them."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# Meteorological seasons of the northern hemisphere: (first month, last month).
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
HALVES = {"H1": (1, 6), "H2": (7, 12)}
QUARTERS = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12)}

# Precision ranks: lower is more precise.
DAY, WEEK, MONTH, SEASON, QUARTER, HALF, YEAR, DECADE, CENTURY = range(9)

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_PART = re.compile(r"^(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12])$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})X?$")
_CENTURY = re.compile(r"^(\d{2})(?:XX)?$")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@functools.lru_cache(maxsize=4096)  # a pure function of the value, asked again and again
def span(value: str) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day a TIMEX3 date value covers, or None if it names none."""
    try:
        return _span(value)
    except (ValueError, OverflowError):
        return None


def _span(value: str) -> tuple[dt.date, dt.date] | None:
    if m := _DAY.match(value):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        return dt.date(year, month, 1), _month_end(year, month)
    if m := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1).toordinal()
        first = monday + 5 if m[3] else monday
        return _days(first, monday + 6)
    if m := _PART.match(value):
        year, part = int(m[1]), m[2]
        if part == "WI":
            end = _month_end(year + 1, 2) if year < dt.MAXYEAR else dt.date.max
            return dt.date(year, 12, 1), end
        first, last = (SEASONS | HALVES | QUARTERS)[part]
        return dt.date(year, first, 1), _month_end(year, last)
    if m := _YEAR.match(value):
        year = int(m[1])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if m := _DECADE.match(value):
        decade = int(m[1]) * 10
        return dt.date(max(decade, dt.MINYEAR), 1, 1), dt.date(decade + 9, 12, 31)
    if m := _CENTURY.match(value):
        century = int(m[1]) * 100
        return dt.date(max(century, dt.MINYEAR), 1, 1), dt.date(century + 99, 12, 31)
    return None


def _days(first: int, last: int) -> tuple[dt.date, dt.date]:
    """Return the days of two ordinals, the last cut to the calendar's end (9999-W52)."""
    return dt.date.fromordinal(first), dt.date.fromordinal(min(last, dt.date.max.toordinal()))


@functools.lru_cache(maxsize=4096)  # a pure function of the value, asked again and again
def precision(value: str) -> int:
    """Return how precise a date value is: DAY (most precise) up to CENTURY."""
    if _DAY.match(value):
        return DAY
    if _WEEK.match(value):
        return WEEK
    if _MONTH.match(value):
        return MONTH
    if m := _PART.match(value):
        part = m[2]
        return SEASON if part in SEASONS else QUARTER if part in QUARTERS else HALF
    if _YEAR.match(value):
        return YEAR
    if _DECADE.match(value):
        return DECADE
    return CENTURY


def describe(value: str) -> str:
    """Return a reader's wording of a date value: '3 March 2021', 'June 2019', 'autumn 2018'."""
    if m := _DAY.match(value):
        return f"{int(m[3])} {MONTHS[int(m[2]) - 1]} {m[1]}"
    if m := _MONTH.match(value):
        return f"{MONTHS[int(m[2]) - 1]} {m[1]}"
    if m := _WEEK.match(value):
        bounds = span(value)
        if bounds is None:
            return value
        prefix = "weekend of" if m[3] else "week of"
        return f"{prefix} {describe(bounds[0].isoformat())}"
    if m := _PART.match(value):
        year, part = m[1], m[2]
        if part in SEASON_NAMES:
            return f"{SEASON_NAMES[part]} {year}"
        if part in HALVES:
            return f"{'first' if part == 'H1' else 'second'} half of {year}"
        return f"{part} {year}"
    if _YEAR.match(value):
        return value
    if m := _DECADE.match(value):
        return f"the {m[1]}0s"
    if m := _CENTURY.match(value):
        n = int(m[1]) + 1
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"the {n}{suffix} century"
    return value


# TIMEX3 values (TimeML 1.2.1), with X for an unknown digit group. Checked by is_valid.
_POINT = re.compile(
    r"^(?P<y>\d{4}|XXXX)"
    r"(?:-(?P<mo>\d\d|XX)(?:-(?P<d>\d\d|XX))?"
    r"|-W(?P<w>\d\d|XX)(?:-(?P<wd>[1-7]|WE))?"
    r"|-(?:Q[1-4X]|H[12X]|SP|SU|FA|WI))?"
    r"(?:T(?:(?P<hh>\d\d)(?::(?P<mi>\d\d)(?::(?P<ss>\d\d))?)?|MO|AF|EV|NI|DT))?$")
_DECADE_OR_CENTURY = re.compile(r"^\d{3}X?$|^\d{2}(?:XX)?$")
_AMOUNT = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = re.compile(rf"^P(?=.)(?:{_AMOUNT}(?:Y|M|W|D|Q|WE|DE|CE|ML))*"
                       rf"(?:T(?=.)(?:{_AMOUNT}[HMS])+)?$")
REFS = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})


def is_valid(value: str, type_: str) -> bool:
    """Return whether value is a TIMEX3 value of type_ naming a real date, time or length."""
    if not isinstance(value, str):
        return False
    if type_ in ("DATE", "TIME"):
        if value in REFS:
            return True
        if type_ == "DATE" and _DECADE_OR_CENTURY.match(value):
            return True
        return _is_point(value, timed=type_ == "TIME")
    if type_ == "DURATION":
        return bool(_DURATION.match(value))
    if type_ == "SET":
        return bool(_DURATION.match(value)) or _is_point(value, timed=None)
    return False


def _is_point(value: str, timed: bool | None) -> bool:
    """Return whether value names a calendar point; timed says whether it needs a time of day."""
    m = _POINT.match(value)
    if m is None:
        return False
    date_part, has_time, _ = value.partition("T")
    if timed is not None and bool(has_time) != timed:
        return False
    if has_time and not (m["d"] or m["wd"] and m["wd"] != "WE"):
        return False  # a time of day belongs to a day
    if m["hh"] and not (int(m["hh"]) < 24 and int(m["mi"] or 0) < 60 and int(m["ss"] or 0) < 60):
        return False
    year = None if m["y"] == "XXXX" else int(m["y"])
    if year == 0:
        return False
    if m["w"] and m["w"] != "XX":
        if year is None:
            return 1 <= int(m["w"]) <= 53
        weekday = int(m["wd"]) if m["wd"] and m["wd"] != "WE" else 1
        try:
            dt.date.fromisocalendar(year, int(m["w"]), weekday)
        except ValueError:
            return False
    if m["mo"] and m["mo"] != "XX" and not 1 <= int(m["mo"]) <= 12:
        return False
    if m["d"] and m["d"] != "XX":
        known = m["mo"] != "XX"
        last = calendar.monthrange(year or 2000, int(m["mo"]))[1] if known else 31
        if not 1 <= int(m["d"]) <= last:  # 2000: February 29 exists in an unknown year
            return False
    # A known year's span must fit the calendar: winter 9999 would end in year 10000.
    return "X" in date_part or m["wd"] not in (None, "WE") or span(date_part) is not None
