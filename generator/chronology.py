"""Find a chronology's lines ("May 7 - Rebels seize the port.") and the day each one names.

A journalist's own timeline is a run of lines that each open with a date, then a dash or a
colon, then what happened. Each line is dated by its own date, never by a neighbour's; a
month and day without a year take the latest year that is not past the publication day
by more than a few days, or, in a list told in order, the year that keeps the order.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from generator.models import Sentence
from generator.temporal.lexicon import MONTH_ABBREVIATIONS, MONTHS

_MONTH = "(?:" + "|".join(sorted([*MONTHS, *MONTH_ABBREVIATIONS], key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_ORDINAL = r"(?:st|nd|rd|th)?"
# The date that opens a line, the dash or colon after it, and a clause that opens like one.
_LEAD = (
    r"(?P<date>(?P<m1>" + _MONTH + r")[^\S\n]+(?P<d1>\d{1,2})" + _ORDINAL
    + r"(?:,?[^\S\n]+(?P<y1>" + _YEAR + r"))?"
    + r"|(?P<d2>\d{1,2})" + _ORDINAL + r"[^\S\n]+(?:of[^\S\n]+)?(?P<m2>" + _MONTH + r")"
    + r"(?:,?[^\S\n]+(?P<y2>" + _YEAR + r"))?"
    + r"|(?P<m3>" + _MONTH + r"),?[^\S\n]+(?P<y3>" + _YEAR + r")"
    + r"|(?P<y4>" + _YEAR + r"))"
    + r"(?![\d/.,-]\d)[^\S\n]*(?:--?[^\S\n]|[:–—])[^\S\n]*"
    + r"(?-i:(?=[\"'“‘(]?[A-Z0-9]))"
)
_LEAD_AT_START = re.compile(r"[^\S\n]*(?:[*•·▪][^\S\n]*)?" + _LEAD, re.IGNORECASE)
_LEAD_INSIDE = re.compile(r"(?<=\s)" + _LEAD, re.IGNORECASE)
# A date after these words is the end of a sentence's own phrase, not a new line's lead.
_RUNS_ON = re.compile(r"\b(?:on|by|until|till|since|from|to|of|in|before|after|and|or|"
                      r"between|through|than|the)\s+$", re.IGNORECASE)
# A yearless date may lie this far past the publication day (a box updated that morning).
FUTURE_MARGIN_DAYS = 7
# A list in order puts a yearless line after the line before it, if at most this much later.
ORDER_GAP_DAYS = 92
# A page's bare-number leads are clock times only when it has at least this many.
CLOCK_LEADS = 3
# Lines further apart than this many sentences are not one list.
_LIST_GAP = 2


class Listing(NamedTuple):
    """A chronology line's own date: where it is written, its value and its days."""

    date_start: int  # offsets of the date into the article's text
    date_end: int
    clause_start: int  # where the line's account of what happened begins
    value: str  # TIMEX3 value
    start: dt.date
    end: dt.date
    ordered: bool  # the year came from the list's order, past the publication day
    clock: bool = False  # the lead is a live blog's clock time ("2059:"): it dates nothing


class _Lead(NamedTuple):
    match: re.Match[str]
    year: int | None
    month: int | None
    day: int | None


def lead_at(text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    """Return the chronology lead ("May 7 -", "12 November:", "2008 -") opening text at pos."""
    m = _LEAD_AT_START.match(text, pos, len(text) if endpos is None else endpos)
    return m if m is not None and _opens_clause(text, m) else None


def _opens_clause(text: str, m: re.Match[str]) -> bool:
    """Return whether a lead is followed by an account, not a range ("2010 - 11 season")."""
    return not (m["y4"] and text[m.end()].isdigit() and ":" not in m[0][m.end("date") - m.start():])


def line_starts(text: str, start: int, end: int) -> list[int]:
    """Return where further chronology lines begin inside text[start:end], one that opens with one.

    Lines glued into one paragraph ("... suspends Syria 13 November: Syria hits back") are
    found by their leads; a date that ends a phrase ("talks resume on 13 May: ...") is none.
    """
    opening = lead_at(text, start, end)
    if opening is None:
        return []
    cuts = []
    for m in _LEAD_INSIDE.finditer(text, opening.end(), end):
        if not _opens_clause(text, m):
            continue
        if text[m.start() - 1] == "\n" or not _RUNS_ON.search(text, max(start, m.start() - 12),
                                                              m.start()):
            cuts.append(m.start())
    return cuts


def listings(text: str, sentences: list[Sentence], dct: dt.date | None) -> dict[int, Listing]:
    """Return the chronology lines among sentences, by index, with the day each one names."""
    leads: dict[int, _Lead] = {}
    for i, sentence in enumerate(sentences):
        m = lead_at(text, sentence.start, sentence.end)
        if m is not None:
            leads[i] = _parsed(m)
    clocks = _clock_times(leads, dct)
    out: dict[int, Listing] = {}
    for run in _runs(sorted(leads)):
        out.update(_dated_run([(i, leads[i]) for i in run], dct, clocks))
    return out


def _clock_times(leads: dict[int, _Lead], dct: dt.date | None) -> bool:
    """Return whether an article's bare-number leads are a live blog's clock times.

    Entries of a live blog lie many sentences apart, so no one list shows it. Its leads
    read as clock times, run one way through the page, and some lie past the
    publication year ("2200: ... 2059: ... 2001: ..."); a list of years runs upward
    through years already past.
    """
    bare = [lead.year for _, lead in sorted(leads.items()) if lead.month is None]
    if dct is None or len(bare) < CLOCK_LEADS or not any(y > dct.year for y in bare):
        return False
    steps = [b - a for a, b in zip(bare, bare[1:], strict=False)]
    one_way = all(s <= 0 for s in steps) or all(s >= 0 for s in steps)
    return one_way and all(y % 100 < 60 for y in bare)


def _parsed(m: re.Match[str]) -> _Lead:
    month = m["m1"] or m["m2"] or m["m3"]
    year = m["y1"] or m["y2"] or m["y3"] or m["y4"]
    day = m["d1"] or m["d2"]
    return _Lead(m, int(year) if year else None, _month_number(month) if month else None,
                 int(day) if day else None)


def _month_number(word: str) -> int:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBREVIATIONS[w]


def _runs(indices: list[int]) -> list[list[int]]:
    """Group sentence indices into lists: lines at most _LIST_GAP sentences apart."""
    runs: list[list[int]] = []
    for i in indices:
        if runs and i - runs[-1][-1] <= _LIST_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _dated_run(run: list[tuple[int, _Lead]], dct: dt.date | None,
               clocks: bool = False) -> dict[int, Listing]:
    """Return the listings of one list's lines, each dated by its own lead."""
    latest_year = dct.year if dct else 9999
    # A bare number past the publication year ("2059: ...") makes the list a live blog's
    # clock times, not years.
    clock = clocks or any(lead.month is None and lead.year > latest_year for _, lead in run)
    spans: list[tuple[int, _Lead, tuple[dt.date, dt.date] | None]] = []
    out: dict[int, Listing] = {}
    for i, lead in run:
        if lead.month is None and (clock or lead.year > latest_year):
            m = lead.match
            out[i] = Listing(m.start("date"), m.end("date"), m.end(), "", dt.date.min,
                             dt.date.min, False, clock=True)
            continue
        spans.append((i, lead, _default_span(lead, dct)))
    ascending = _ascending([s for _, _, s in spans if s is not None])
    previous: dt.date | None = None
    for i, lead, span in spans:
        ordered = False
        if lead.year is None and previous is not None and ascending and (
                span is None or span[0] < previous):
            kept = _after(lead, previous)
            if kept is not None:
                span, ordered = kept, dct is not None and kept[0] > dct
        if span is None:
            continue
        m = lead.match
        out[i] = Listing(m.start("date"), m.end("date"), m.end(), _value(lead, span[0]),
                         span[0], span[1], ordered)
        previous = span[0]
    return out


def _default_span(lead: _Lead, dct: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """Return the days a lead names on its own: a yearless one in the latest fitting year."""
    if lead.year is not None:
        return _span(lead.year, lead.month, lead.day)
    if dct is None:
        return None
    latest = dct + dt.timedelta(days=FUTURE_MARGIN_DAYS)
    for year in (latest.year, latest.year - 1, latest.year - 2):
        span = _span(year, lead.month, lead.day)
        if span is not None and span[0] <= latest:
            return span
    return None


def _after(lead: _Lead, previous: dt.date) -> tuple[dt.date, dt.date] | None:
    """Return a yearless lead's days in the first year that puts it on or after previous."""
    for year in (previous.year, previous.year + 1):
        span = _span(year, lead.month, lead.day)
        if span is not None and span[0] >= previous:
            return span if (span[0] - previous).days <= ORDER_GAP_DAYS else None
    return None


def _ascending(spans: list[tuple[dt.date, dt.date]]) -> bool:
    """Return whether a list's dates, as read on their own, mostly run forward in time."""
    steps = [later[0] > earlier[0] for earlier, later in zip(spans, spans[1:], strict=False)]
    return sum(steps) * 2 >= len(steps)


def _span(year: int, month: int | None, day: int | None) -> tuple[dt.date, dt.date] | None:
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return dt.date(year, month, 1), following - dt.timedelta(days=1)
        return dt.date(year, month, day), dt.date(year, month, day)
    except ValueError:
        return None


def _value(lead: _Lead, start: dt.date) -> str:
    if lead.month is None:
        return f"{start.year:04d}"
    if lead.day is None:
        return f"{start.year:04d}-{start.month:02d}"
    return start.isoformat()
