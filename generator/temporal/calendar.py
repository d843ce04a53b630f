"""Do the calendar arithmetic of TIMEX3 values: shifts, weeks, quarters, tense choices."""

from __future__ import annotations

import datetime as dt

from .tense import FUTURE, PAST, PRESENT

_LETTER = {"Y": 12, "M": 1, "Q": 3}


def day(d: dt.date) -> str:
    """Return the day value of d."""
    return d.isoformat()


def month(year: int, m: int) -> str:
    """Return the month value of year and m."""
    return f"{year:04d}-{m:02d}"


def week(d: dt.date) -> str:
    """Return the ISO week value holding d."""
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def add_months(year: int, m: int, n: int) -> tuple[int, int]:
    """Return the (year, month) n months after year-m."""
    total = year * 12 + (m - 1) + n
    return total // 12, total % 12 + 1


def shift(dct: dt.date, n: int, unit: str) -> str:
    """Return the value n units (Y, M, W, D, Q, DE, CE) from dct at that unit's precision."""
    if unit == "D":
        return day(dct + dt.timedelta(days=n))
    if unit in ("W", "WE"):
        return week(dct + dt.timedelta(weeks=n))
    if unit == "M":
        return month(*add_months(dct.year, dct.month, n))
    if unit == "Q":
        y, m = add_months(dct.year, dct.month, 3 * n)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    if unit == "DE":
        return f"{_in_calendar(dct.year + 10 * n) // 10:03d}"
    if unit == "CE":
        return f"{_in_calendar(dct.year + 100 * n) // 100:02d}"
    return f"{_in_calendar(dct.year + n):04d}"


def _in_calendar(year: int) -> int:
    """Return the year, or raise OverflowError past the calendar's years 1 to 9999.

    Unchecked, the decade after 9999 would read as the year "1000" and its century as "100".
    """
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise OverflowError(f"year {year} is outside the calendar")
    return year


def month_year(dct: dt.date, m: int, tense: str, ahead: bool = True) -> int:
    """Return the year of a bare month: the latest on or before dct's month if past, else next.

    ahead tells whether the sentence looks forward (a plan, a deadline), so that a past-tense
    sentence may still name a month two months ahead; the next month it may name anyway.
    """
    back = (dct.month - m) % 12
    if tense == PAST:
        # A month long past but only weeks ahead is the coming one ("planned for early March").
        if back == 11 or (ahead and back == 10):
            return dct.year + (1 if m < dct.month else 0)
        return dct.year if m <= dct.month else dct.year - 1
    return dct.year if m >= dct.month else dct.year + 1


def day_year(dct: dt.date, m: int, d: int, tense: str) -> int:
    """Return the year of a month and day: the closest, in the past for past tense."""
    candidates = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            candidates.append(dt.date(year, m, d))
        except ValueError:
            continue
    if not candidates:
        return dct.year
    if tense == PAST:
        past = [c for c in candidates if c <= dct]
        future = [c for c in candidates if c > dct]
        soon = bool(future) and (future[0] - dct).days <= 75
        if past and ((dct - past[-1]).days < 240 or not soon):
            return past[-1].year
    if tense == FUTURE:
        future = [c for c in candidates if c >= dct]
        if future and (future[0] - dct).days < 300:
            return future[0].year
    return min(candidates, key=lambda c: abs((c - dct).days)).year


def weekday(dct: dt.date, wd: int, tense: str) -> dt.date:
    """Return the date of a bare weekday (1 = Monday) in a sentence of the given tense."""
    delta = wd - dct.isoweekday()
    if tense == PAST:
        return dct + dt.timedelta(days=delta if delta <= 0 else delta - 7)
    return dct + dt.timedelta(days=delta if delta >= 0 else delta + 7)


def weekend(dct: dt.date, tense: str) -> str:
    """Return the weekend value meant by 'the weekend' in a sentence of the given tense."""
    if tense == PAST:
        saturday = weekday(dct, 6, PAST) if dct.isoweekday() != 7 else dct - dt.timedelta(1)
    else:
        saturday = weekday(dct, 6, PRESENT)
    return week(saturday) + "-WE"


def quarter_year(dct: dt.date, q: int, tense: str) -> int:
    """Return the year of a bare quarter: the latest begun by dct, or the next if future."""
    # Quarters are named in reports after they begin, whatever the tense.
    current = (dct.month - 1) // 3 + 1
    return dct.year if q <= current else dct.year - 1


def last_quarter(dct: dt.date, years_back: int = 0) -> str:
    """Return the last quarter completed before dct, years_back years earlier."""
    y, m = add_months(dct.year, dct.month, -3)
    return f"{y - years_back:04d}-Q{(m - 1) // 3 + 1}"


def season_year(dct: dt.date, season: str, tense: str) -> int:
    """Return the year of a bare season name in a sentence of the given tense."""
    first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    if tense == PAST:
        return dct.year if first <= dct.month else dct.year - 1
    if season == "WI" and dct.month <= 2:
        return dct.year - 1
    return dct.year if first + 2 >= dct.month else dct.year + 1


def duration(n: float | None, unit: str) -> str:
    """Return the ISO duration of n units (None for an unknown count)."""
    count = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    if unit == "DE":
        return f"P{int(n) * 10}Y" if n is not None and float(n).is_integer() else f"P{count}DE"
    if unit == "CE":
        return f"P{int(n) * 100}Y" if n is not None and float(n).is_integer() else f"P{count}CE"
    if unit in ("H", "MIN", "S"):
        return f"PT{count}{'M' if unit == 'MIN' else unit}"
    return f"P{count}{unit}"


# Half of each unit in the next smaller one, for "5 1/2 hours", "a year and a half".
_HALVES = {"Y": ("Y", "6M"), "M": ("M", "15D"), "W": ("W", "3DT12H"), "D": ("D", "T12H"),
           "H": ("TH", "30M"), "MIN": ("TM", "30S")}


def and_a_half(n: int, unit: str) -> str:
    """Return the ISO duration of n and a half units: P2Y6M, PT5H30M, PT1M30S."""
    if unit not in _HALVES:
        return duration(n + 0.5, unit)
    letter, half = _HALVES[unit]
    if letter.startswith("T"):
        return f"PT{n}{letter[1]}{half}"
    return f"P{n}{letter}{half}"
