"""Find temporal expressions in text and resolve them to TimeML TIMEX3 values."""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re

from ..models import Timex
from .normalize import Context, Hit, resolve
from .recognize import PATTERNS, candidates
from .tense import TenseGuesser
from .typos import Repaired
from .values import DAY, MONTH, QUARTER, WEEK, is_valid, precision, span

__all__ = ["tag"]

_log = logging.getLogger(__name__)
_QUARTER = re.compile(r"\bquarter|\bQ[1-4]\b|\bfiscal\b", re.IGNORECASE)
_RANK = {name: i for i, (name, _) in enumerate(PATTERNS)}
# Curly quotes and dashes read as their plain forms; each is one character, so offsets hold.
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                        "\u2010": "-", "\u2011": "-", "\u00a0": " "})


def tag(text: str, dct: dt.date | None) -> list[Timex]:
    """Return the temporal expressions of text, resolved against the document date dct."""
    try:
        return _tag(text, dct)
    except Exception:  # a tagger bug must not stop the pipeline
        _log.exception("temporal tagging failed")
        return []


def _tag(text: str, dct: dt.date | None) -> list[Timex]:
    if not isinstance(text, str) or not text:
        return []
    if dct is not None and isinstance(dct, dt.datetime):
        dct = dct.date()
    repaired = Repaired(text.translate(_PLAIN))
    work = repaired.text
    ctx = Context(work, dct, TenseGuesser(work),
                  [m.start() for m in _QUARTER.finditer(work)])
    hits: list[tuple[Hit, int]] = []
    for name, match in candidates(work):
        for hit in resolve(name, match, ctx):
            start, end = _trim(work, hit.start, hit.end)
            if start < end:
                hits.append((Hit(start, end, hit.type, hit.value, hit.mod, hit.anchor),
                             _RANK[name]))
    chosen = _resolve_anchored(_select(hits))
    out = []
    for hit in chosen:
        if not is_valid(hit.value, hit.type):
            continue  # the last guard: only valid TIMEX3 values leave the tagger
        start, end = repaired.to_original(hit.start), repaired.to_original(hit.end)
        out.append(Timex(start, end, text[start:end], hit.type, hit.value, hit.mod,
                         hit.anchor))
    return out


_OFFSET = re.compile(r"^([+-])P([01])(D|W|WE|M|Q|Y)$")
_SOLID = re.compile(r"^\d{4}(?:-\d\d){0,2}(?:T.*)?$|^\d{4}-W\d\d$")


def _resolve_anchored(hits: list[Hit]) -> list[Hit]:
    """Value "the following year" and the like from the latest date before them.

    The anchor offset stays, so that events can re-anchor them to the event they follow.
    """
    out, latest = [], None
    for hit in hits:
        if hit.anchor and hit.value.startswith("X") and latest and (m := _OFFSET.match(hit.anchor)):
            value = _step(latest, m[3], int(m[2]) * (1 if m[1] == "+" else -1), hit.value)
            if value:
                hit = Hit(hit.start, hit.end, hit.type, value, hit.mod, hit.anchor)
        elif hit.type in ("DATE", "TIME") and _SOLID.match(hit.value):
            latest = hit.value
        out.append(hit)
    return out


def _step(anchor: str, code: str, sign: int, unresolved: str) -> str | None:
    """Return the value one unit (code) after or before the anchor value.

    None if the anchor is too coarse or the value would fall outside the calendar.
    """
    try:
        value = _stepped(anchor, code, sign, unresolved)
    except (ValueError, OverflowError):
        return None
    return value if value and is_valid(value, "TIME" if "T" in value else "DATE") else None


def _stepped(anchor: str, code: str, sign: int, unresolved: str) -> str | None:
    bounds = span(anchor.split("T")[0])
    if bounds is None:
        return None
    first, last = bounds
    day = first if sign > 0 else last
    if code == "Y":
        return f"{day.year + sign:04d}"
    if code == "Q":
        if precision(anchor) > QUARTER:
            return None
        quarters = day.year * 4 + (day.month - 1) // 3 + sign
        return f"{quarters // 4:04d}-Q{quarters % 4 + 1}"
    if code == "M":
        if precision(anchor) > MONTH:
            return None
        months = day.year * 12 + day.month - 1 + sign
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    if precision(anchor) > (WEEK if code in ("W", "WE") else DAY):
        return None
    if code == "D":
        shifted = day + dt.timedelta(days=sign)
        part = unresolved.partition("T")[2]
        return shifted.isoformat() + (f"T{part}" if part else "")
    year, week, _ = (day + dt.timedelta(weeks=sign)).isocalendar()
    return f"{year:04d}-W{week:02d}" + ("-WE" if code == "WE" else "")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",("):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",)"):
        end -= 1
    return start, end


def _select(hits: list[tuple[Hit, int]]) -> list[Hit]:
    """Return the longest non-overlapping hits, earlier rules first on ties, by start."""
    hits.sort(key=lambda h: (-(h[0].end - h[0].start), h[1], h[0].start))
    starts: list[int] = []
    chosen: list[Hit] = []
    for hit, _ in hits:
        i = bisect.bisect_left(starts, hit.start)
        if i > 0 and chosen[i - 1].end > hit.start:
            continue
        if i < len(chosen) and chosen[i].start < hit.end:
            continue
        starts.insert(i, hit.start)
        chosen.insert(i, hit)
    return chosen
