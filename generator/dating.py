"""Date arithmetic for the timeline: anchored spans, clipping, and values for spans."""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

_OFFSET = re.compile(r"^([+-])P(\d+(?:\.\d+)?|X)([DWMYE])$")
_UNITS = {"D": "days", "W": "weeks", "M": "months", "Y": "years", "E": "years"}


def _delta(amount: float, unit: str) -> relativedelta:
    whole = int(round(amount))
    if unit == "E":  # decades
        return relativedelta(years=10 * whole)
    return relativedelta(**{_UNITS[unit]: whole})


def shift_days(day: dt.date, days: int) -> dt.date:
    """Return the day the given number of days after day, held inside years 1 to 9999."""
    ordinal = min(max(day.toordinal() + days, 1), dt.date.max.toordinal())
    return dt.date.fromordinal(ordinal)


def anchored_span(anchor: tuple[dt.date, dt.date], offset: str,
                  mod: str | None) -> tuple[dt.date, dt.date] | None:
    """Return the days an expression like "days before" or "six months later" covers.

    None if the offset is unreadable or the days fall outside the calendar (years 1 to 9999).
    """
    try:
        return _anchored_span(anchor, offset, mod)
    except (ValueError, OverflowError):
        return None


def _anchored_span(anchor: tuple[dt.date, dt.date], offset: str,
                   mod: str | None) -> tuple[dt.date, dt.date] | None:
    m = _OFFSET.match(offset)
    if not m:
        return None
    sign, amount, unit = m.groups()
    size = 3.0 if amount == "X" else float(amount)
    delta = _delta(size, unit)
    first, last = anchor
    if amount != "X" and first + delta <= last:
        return first, last  # "a month after" an event of some year: no finer than that year
    if sign == "+":
        if mod in ("LESS_THAN", "EQUAL_OR_LESS") or amount == "X":
            return first, last + delta
        return first + delta, last + delta
    if mod in ("LESS_THAN", "EQUAL_OR_LESS") or amount == "X":
        # "days before": some days before the anchor, never the anchor itself.
        return first - _delta(max(size * 2, 7), unit), first - dt.timedelta(days=1)
    return first - delta, last - delta


def clip_to(start: dt.date, end: dt.date, latest: dt.date) -> tuple[dt.date, dt.date] | None:
    """Return the span cut to end no later than ``latest``, or None if it starts after it."""
    if start > latest:
        return None
    return start, min(end, latest)


def value_for_span(start: dt.date, end: dt.date) -> str:
    """Return the TIMEX3 value of the smallest calendar unit holding a span of days."""
    if start == end:
        return start.isoformat()
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.year:04d}-{start.month:02d}"
    if start.year == end.year:
        return f"{start.year:04d}"
    if start.year // 10 == end.year // 10:
        return f"{start.year // 10:03d}"
    return f"{start.year // 100:02d}XX"


def value_for_ends(start: dt.date, end: dt.date) -> str:
    """Return the TIMEX3 value of a span told by its two ends ("from July through September").

    A span inside one ISO week is that week, one that is a whole quarter that quarter;
    else the smallest calendar unit holding it (value_for_span).
    """
    (year, week, _), (end_year, end_week, _) = start.isocalendar(), end.isocalendar()
    if (year, week) == (end_year, end_week):
        return f"{year:04d}-W{week:02d}"
    quarter = (start.month - 1) // 3
    if (start.year == end.year and start == dt.date(start.year, 3 * quarter + 1, 1)
            and end.month == 3 * quarter + 3 and (end + dt.timedelta(days=1)).day == 1):
        return f"{start.year:04d}-Q{quarter + 1}"
    return value_for_span(start, end)


def narrow(start: dt.date, end: dt.date, mod: str | None) -> tuple[dt.date, dt.date]:
    """Return the part of a span a TimeML mod names: START, MID or END take a third of it."""
    days = (end - start).days + 1
    third = max(days // 3, 1)
    if mod == "START":
        return start, start + dt.timedelta(days=third - 1)
    if mod == "MID":
        return start + dt.timedelta(days=third), end - dt.timedelta(days=third)
    if mod == "END":
        return end - dt.timedelta(days=third - 1), end
    return start, end
