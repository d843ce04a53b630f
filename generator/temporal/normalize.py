"""Turn pattern matches into TIMEX3 types, values and mods."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import calendar as cal
from .lexicon import (
    AMOUNT_MODS,
    DAY_PARTS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    SEASONS,
    SET_ADVERBS,
    UNITS,
    WEEKDAYS,
)
from .tense import FUTURE, PAST, PRESENT, TenseGuesser
from .values import is_valid


@dataclass(frozen=True)
class Hit:
    """A resolved expression, with offsets into the text the patterns ran on."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    anchor: str | None = None


@dataclass
class Context:
    """What resolving needs besides the match: the text, its date and its tenses."""

    text: str
    dct: dt.date | None
    tenses: TenseGuesser
    quarter_mentions: list[int]

    def tense(self, start: int, end: int) -> str:
        """Return the tense of the sentence around start..end."""
        return self.tenses.tense(start, end)

    def looks_ahead(self, start: int, end: int) -> bool:
        """Return whether the sentence up to start..end names a plan, a deadline or a delay."""
        first, _ = self.tenses.sentence(start)
        return looks_ahead(self.text[first:end])

    def quarter_context(self, start: int) -> bool:
        """Return whether a fiscal quarter is mentioned shortly before start."""
        return any(start - 600 < pos < start + 200 for pos in self.quarter_mentions)


Handler = Callable[[re.Match[str], Context], list[Hit]]
# Words by which a past-tense sentence still points to a coming month: a plan, a deadline,
# a delay, an intention ("agreed to buy"; "to" before a verb, not before "the").
_AHEAD = re.compile(
    r"\b(?:plann?(?:ed|ing)|scheduled|expected|due|set|slated|postponed|delayed|deferred|"
    r"adjourned|rescheduled|pushed\s+back|put\s+off|brought\s+forward|moved\s+up|"
    r"deadline|effective|until|till|would|will|"
    r"to\s+(?!(?:the|a|an|his|her|its|their|our|my|your|this|that|these|those)\b)(?-i:[a-z]+))\b",
    re.IGNORECASE)
_WS = re.compile(r"\s+")
_SPLIT = re.compile(r"[\s-]+")


def looks_ahead(text: str) -> bool:
    """Return whether a sentence names a plan, a deadline, a delay or an intention."""
    return _AHEAD.search(text) is not None


_UNIT_OF_MEASURE = frozenset("""
    people troops pounds points feet foot miles meters metres tons tonnes acres yards dollars
    euros shares cars homes jobs workers students votes seats members calories degrees km kg
    lb lbs mph square cubic barrels units employees passengers residents children soldiers
    hectares kilometers kilometres inches copies rooms beds boats planes patients cases
""".split())
_MOD_WORDS = {
    "early": "START", "late": "END", "mid": "MID", "beginning": "START", "start": "START",
    "middle": "MID", "end": "END", "close": "END", "turn": "START", "earlier": "START",
    "later": "END",
}


def _word(s: str | None) -> str:
    return _WS.sub(" ", s or "").strip().lower()


def point_mod(s: str | None) -> str | None:
    """Return the mod of an 'early', 'mid-', 'the end of' prefix."""
    if not s:
        return None
    for w in _SPLIT.split(s.lower()):
        if w in _MOD_WORDS:
            return _MOD_WORDS[w]
    return None


def amount_mod(s: str | None) -> str | None:
    """Return the mod of an 'about', 'more than' prefix."""
    return AMOUNT_MODS.get(_word(s)) if s else None


def number(s: str | None) -> float | None:
    """Return the count a number word or numeral names, None if vague."""
    w = _word(s).replace(",", "")
    if not w:
        return 1
    try:
        return float(w)
    except ValueError:
        pass
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    parts = _SPLIT.split(w)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def unit_code(s: str) -> str:
    """Return the unit code of a unit word, singular or plural."""
    w = _word(s)
    w = w[:-1] if w.endswith("s") and w[:-1] in UNITS else w
    return UNITS.get(w, UNITS.get(w.rstrip("s"), "D"))


def month_number(s: str) -> int:
    """Return the month number of a month name or abbreviation."""
    w = _word(s).rstrip(".")
    return MONTHS.get(w) or MONTH_ABBREVIATIONS[w]


def _capitalised(s: str) -> bool:
    return s[:1].isupper()


def _span(m: re.Match[str], group: str | None = None) -> tuple[int, int]:
    return m.span(group) if group else m.span()


def _date(m: re.Match[str], type_: str, value: str, mod: str | None = None,
          anchor: str | None = None, start: int | None = None, end: int | None = None) -> Hit:
    s, e = m.span()
    return Hit(s if start is None else start, e if end is None else end, type_, value, mod,
               anchor)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def iso(m: re.Match[str], ctx: Context) -> list[Hit]:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid(y, mo, d):
        return []
    if m["hh"]:
        if int(m["hh"]) > 23 or int(m["mm"]) > 59:
            return []  # "T13:67", "T29:00": no time of day
        return [_date(m, "TIME", f"{y:04d}-{mo:02d}-{d:02d}T{m['hh']}:{m['mm']}")]
    return [_date(m, "DATE", f"{y:04d}-{mo:02d}-{d:02d}")]


def slash(m: re.Match[str], ctx: Context) -> list[Hit]:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    if not _valid(y, mo, d):
        return []
    return [_date(m, "DATE", f"{y:04d}-{mo:02d}-{d:02d}")]


def _month_day(m: re.Match[str], ctx: Context) -> list[Hit]:
    mon = m["mon"]
    if not _capitalised(mon) or (_word(mon) in ("may", "mar", "march") and not m["d"]):
        return []
    mo, d = month_number(mon), int(m["d"])
    if not 1 <= d <= 31 or _names_a_group(m, ctx):
        return []
    mod = point_mod(m.groupdict().get("pm"))
    if m["y"]:
        y = int(m["y"])
        return [_date(m, "DATE", f"{y:04d}-{mo:02d}-{d:02d}", mod)] if _valid(y, mo, d) else []
    if not _valid(2000, mo, d):
        return []
    if ctx.dct is None:
        return [_date(m, "DATE", f"XXXX-{mo:02d}-{d:02d}", mod)]
    y = cal.day_year(ctx.dct, mo, d, ctx.tense(*m.span()))
    if not _valid(y, mo, d):
        return []  # "February 29" with no leap year around the document's date
    return [_date(m, "DATE", f"{y:04d}-{mo:02d}-{d:02d}", mod)]


# Nouns a date names when it is part of the name: "the March 8 coalition".
_GROUP_NOUNS = frozenset("""
    coalition movement alliance group revolution bloc camp front faction forces
    uprising brigade brigades militia organisation organization committee
""".split())
_NAME_AFTER = re.compile(r"[^\S\n]+(?P<w>[A-Za-z]+)\b")
# A word after which a date is a date, whatever follows: "on March 8 coalition forces shelled".
_DATE_LEAD_BEFORE = re.compile(
    r"(?:\b(?:on|by|until|till|since|from|to|before|after|through|between|and|or|of|in|at|"
    r"around|about|during|early|late|mid|as|last|next|this|that|every|each|than)|[\d,;:(])"
    r"[^\S\n]*$", re.IGNORECASE)


def _names_a_group(m: re.Match[str], ctx: Context) -> bool:
    """Return whether "the <Month> <day> <Noun>" is the name of a group, not a date."""
    if m["y"] or m.groupdict().get("wd"):
        return False
    return _group_name(ctx.text, m.start(), m.end())


def _group_name(text: str, start: int, end: int) -> bool:
    """Return whether the date text[start:end] opens a group's name.

    "the March 8 coalition", "Hezbollah's March 8 alliance", "the pro-Western March 14 camp":
    a name, unless a preposition or the like leads the date ("on March 8 coalition forces").
    """
    if _DATE_LEAD_BEFORE.search(text, max(0, start - 10), start):
        return False
    after = _NAME_AFTER.match(text, end)
    if after is None:
        return False
    if after["w"].lower() in _GROUP_NOUNS:
        return True
    # "the April 6 Youth Movement"; "the Aug. 7 Embassy bombings" stays a date.
    second = _NAME_AFTER.match(text, after.end())
    return after["w"][0].isupper() and second is not None and second["w"].lower() in _GROUP_NOUNS


_DAY_AFTER = re.compile(r"[^\S\n]*\d{1,2}(?:st|nd|rd|th)?\b")
_DAY_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?[^\S\n]+$")


def day_pair(m: re.Match[str], ctx: Context) -> list[Hit]:
    """Tag both days of 'April 24 and 25': the second shares the first's month and year."""
    hits = _month_day(m, ctx)
    d2 = int(m["d2"])
    if not hits or hits[0].value.startswith("X") or not 1 <= d2 <= 31:
        return []
    y, mo = int(hits[0].value[:4]), int(hits[0].value[5:7])
    if not _valid(y, mo, d2):
        return []
    return [_date(m, "DATE", hits[0].value, end=m.end("d")),
            _date(m, "DATE", f"{y:04d}-{mo:02d}-{d2:02d}", start=m.start("d2"))]


def week_of(m: re.Match[str], ctx: Context) -> list[Hit]:
    """Give 'the week of March 6' the ISO week holding that day."""
    hits = _month_day(m, ctx)
    if not hits or hits[0].value.startswith("X"):
        return hits
    day = dt.date.fromisoformat(hits[0].value)
    return [_date(m, "DATE", cal.week(day))]


def month_year(m: re.Match[str], ctx: Context) -> list[Hit]:
    if not _capitalised(m["mon"]):
        return []
    return [_date(m, "DATE", cal.month(int(m["y"]), month_number(m["mon"])),
                  point_mod(m["pm"]))]


def month(m: re.Match[str], ctx: Context) -> list[Hit]:
    mon, rel, pm = m["mon"], _word(m["rel"]), m["pm"]
    if not _capitalised(mon):
        return []
    if _word(mon) in ("may", "march") and not (m["pre"] or rel or pm):
        return []
    day_after = _DAY_AFTER.match(ctx.text, m.end("mon"))
    day_before = _DAY_BEFORE.search(ctx.text, max(0, m.start("mon") - 6), m.start("mon"))
    if day_after and _group_name(ctx.text, m.start("mon"), day_after.end()) or (
            day_before and _group_name(ctx.text, day_before.start(), m.end("mon"))):
        return []  # the month of a group's name: "the April 6 movement"
    mo = month_number(mon)
    start = m.start("pm") if pm else m.start("rel") if rel else m.start("mon")
    mod = point_mod(pm)
    if ctx.dct is None:
        return [_date(m, "DATE", f"XXXX-{mo:02d}", mod, start=start)]
    dct = ctx.dct
    if m["yrel"]:
        y = dct.year + {"last": -1, "this": 0, "next": 1}[_word(m["yrel"])]
    elif rel in ("last", "past"):
        y = dct.year if mo < dct.month else dct.year - 1
    elif rel in ("next", "coming"):
        y = dct.year if mo > dct.month else dct.year + 1
    else:
        tense = ctx.tense(start, m.end())
        y = cal.month_year(dct, mo, PRESENT if rel == "this" and tense == PAST else tense,
                           ctx.looks_ahead(start, m.end()))
        if rel == "this":
            y = dct.year
    return [_date(m, "DATE", cal.month(y, mo), mod, start=start)]


def year_range(m: re.Match[str], ctx: Context) -> list[Hit]:
    y1, y2 = m["y1"], m["y2"]
    if len(y2) == 2:
        y2 = y1[:2] + y2
    if not int(y1) < int(y2) <= int(y1) + 100:
        return []
    value = y1[:3] if y1[:3] == y2[:3] else y1
    return [_date(m, "DATE", value)]


def decade(m: re.Match[str], ctx: Context) -> list[Hit]:
    dec = m["dec"]
    if dec.startswith("'"):
        year = ctx.dct.year if ctx.dct else 2000
        full = (year // 100) * 100 + int(dec[1:])
        dec = str(full - 100 if full > year else full)
    return [_date(m, "DATE", dec[:3], point_mod(m["pm"]))]


def century(m: re.Match[str], ctx: Context) -> list[Hit]:
    o = _word(m["ord"])
    if o in ("last", "final"):  # "the last century" is the one before the document's
        return [_date(m, "DATE", cal.shift(ctx.dct, -1, "CE"))] if ctx.dct else []
    n = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}.get(o) or ORDINALS.get(o)
    if n is None:
        digits = re.match(r"\d+", o)
        n = int(digits.group()) if digits else None
    if not n or n > 30:
        return []
    return [_date(m, "DATE", f"{n - 1:02d}")]


def year(m: re.Match[str], ctx: Context) -> list[Hit]:
    after = _word(m["after"])
    if after in _UNIT_OF_MEASURE:
        return []
    y = int(m["y"])
    if not m["fy"] and not m["pm"] and ctx.dct and y > ctx.dct.year + 30:
        return []
    end = m.start("after") if m["after"] else m.end()
    return [_date(m, "DATE", f"{y:04d}", point_mod(m["pm"]), end=end)]


_SPOKEN = {**NUMBER_WORDS, "ten": 10, "eleven": 11, "twelve": 12}


def spoken_year(m: re.Match[str], ctx: Context) -> list[Hit]:
    """Read a year said in words: 'nineteen ninety-six', 'the year two thousand'."""
    if m["c"]:
        y = _SPOKEN[_word(m["c"])] * 100 + _SPOKEN[_word(m["t"])]
        y += _SPOKEN[_word(m["o"])] if m["o"] else 0
    else:
        y = 2000 + (_SPOKEN[_word(m["k"])] if m["k"] else 0)
    if m["mon"]:
        if not _capitalised(m["mon"]):
            return []
        return [_date(m, "DATE", cal.month(y, month_number(m["mon"])))]
    if m["season"]:
        return [_date(m, "DATE", f"{y:04d}-{SEASONS[_word(m['season'])]}")]
    if not (m["c"] or m["the"] or m["k"]):
        return []  # a bare "two thousand" is a count
    return [_date(m, "DATE", f"{y:04d}")]


def quarter(m: re.Match[str], ctx: Context) -> list[Hit]:
    unit, rel, ordinal = _word(m["unit"]), _word(m["rel"]), _word(m["ord"])
    if not (m["the"] or rel or ordinal):
        return []
    rest = ctx.text[m.end():m.end() + 8].lower()
    if not m["y"] and rest.lstrip().startswith("of ") and not ordinal:
        return []
    q = ORDINALS.get(ordinal) if ordinal else None
    if q is None and m["y"] and rel in ("last", "the last"):
        q = 2 if unit == "half" else 4  # "the last half of 1989"
    if unit == "half":
        if q not in (1, 2) and rel not in ("last", "the last", "this", "the past"):
            return []
        letter = "H"
    elif unit == "period":
        if rel not in ("latest", "year-earlier", "year-ago", "the latest"):
            return []
        letter = "Q"
    else:
        letter = "Q"
    dct = ctx.dct
    year = m["y"] or m["y0"]
    if year:
        if q is None:
            return [_date(m, "DATE", year)] if m["y0"] and unit == "period" else []
        return [_date(m, "DATE", f"{year}-{letter}{q}")]
    if dct is None:
        return [_date(m, "DATE", f"XXXX-{letter}{q or 'X'}")]
    if letter == "H":
        if q is None:
            h = 1 if dct.month > 6 else 2
            y = dct.year if dct.month > 6 else dct.year - 1
            return [_date(m, "DATE", f"{y:04d}-H{h}")]
        tense = ctx.tense(*m.span())
        y = dct.year if (tense != FUTURE and q == 1) or (q == 2 and dct.month > 6) else (
            dct.year - 1 if tense != FUTURE else dct.year + (q == 1))
        return [_date(m, "DATE", f"{y:04d}-H{q}")]
    back = 1 if rel in ("year-earlier", "year-ago") or rel.startswith("last year") else 0
    ahead = 1 if rel.startswith("next year") else 0
    if q is not None:
        if rel.startswith(("this year", "last year", "next year")):
            y = dct.year - back + ahead
        else:
            y = cal.quarter_year(dct, q, ctx.tense(*m.span())) - back
        return [_date(m, "DATE", f"{y:04d}-Q{q}")]
    if rel in ("last", "the last", "previous", "the previous", "the prior", "the past"):
        return [_date(m, "DATE", cal.shift(dct, -1, "Q"))]
    if rel in ("this", "current", "the current"):
        return [_date(m, "DATE", cal.shift(dct, 0, "Q"))]
    if rel in ("next", "coming", "the coming", "the next"):
        return [_date(m, "DATE", cal.shift(dct, 1, "Q"))]
    return [_date(m, "DATE", cal.last_quarter(dct, back))]


def fiscal_year(m: re.Match[str], ctx: Context) -> list[Hit]:
    """Date 'the fiscal year', 'the full year', 'the latest fiscal year' by the document's year."""
    rel = _word(m["rel"])
    if not m["kind"] and (rel or not m["pre"]):
        return []  # "the past year" is the relative rule's; a bare "the year" is too vague
    start = m.start("pre") + len(m["pre"]) if m["pre"] else m.start()
    if m["ended"]:
        # "the year ended Sept. 30": a twelve-month period ending on a date.
        return [_date(m, "DURATION", "P1Y", start=start, end=m.start("ended"))]
    if ctx.dct is None:
        return [_date(m, "DATE", "XXXX", start=start)]
    step = -1 if rel in ("latest", "last", "previous", "past", "prior") else (
        1 if rel in ("next", "coming") else 0)
    return [_date(m, "DATE", f"{ctx.dct.year + step:04d}", start=start)]


def year_ago(m: re.Match[str], ctx: Context) -> list[Hit]:
    """Date the adjective 'year-earlier'/'year-ago': last year's quarter in a quarter report."""
    if ctx.dct is None:
        return [_date(m, "DATE", "PAST_REF")]
    if ctx.quarter_context(m.start()):
        return [_date(m, "DATE", cal.last_quarter(ctx.dct, 1))]
    return [_date(m, "DATE", f"{ctx.dct.year - 1:04d}")]


def qcode(m: re.Match[str], ctx: Context) -> list[Hit]:
    code = m["q"].upper()
    if code[0] == "H" and code[1] not in "12":
        return []
    if m["y"]:
        return [_date(m, "DATE", f"{m['y']}-{code}")]
    if ctx.dct is None:
        return [_date(m, "DATE", f"XXXX-{code}")]
    if code[0] == "Q":
        y = cal.quarter_year(ctx.dct, int(code[1]), ctx.tense(*m.span()))
    else:
        y = ctx.dct.year
    return [_date(m, "DATE", f"{y:04d}-{code}")]


def _season_value(dct: dt.date, code: str, rel: str, tense: str) -> str:
    first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    in_season = (dct.month - first) % 12 < 3
    current = dct.year - (1 if code == "WI" and dct.month <= 2 else 0)
    if rel in ("last", "past", "the past", "the last", "the previous", "previous", "this past"):
        y = cal.season_year(dct, code, PAST) - (1 if in_season else 0)
    elif rel in ("next", "coming", "the coming", "the next", "this coming", "the following"):
        y = cal.season_year(dct, code, FUTURE) + (1 if in_season else 0)
    elif in_season:
        y = current
    elif rel == "this":
        y = dct.year
    else:
        y = cal.season_year(dct, code, tense)
    return f"{y:04d}-{code}"


def relative(m: re.Match[str], ctx: Context) -> list[Hit]:
    rel, unit, part = _word(m["rel"]), _word(m["unit"]), _word(m["part"])
    mod = point_mod(m["pm"])
    dct = ctx.dct
    past = rel in ("last", "past", "the past", "the last", "previous", "this past")
    future = rel in ("next", "coming", "the coming", "the next", "this coming")
    this = rel in ("this", "the current", "current", "the same")
    if rel in ("the previous", "the following", "the prior"):
        sign = "+" if rel == "the following" else "-"
        code = UNITS.get(unit)
        if code is None:
            return []
        value = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX",
                 "Y": "XXXX"}.get(code, "XXXX")
        return [_date(m, "DATE", value, mod, anchor=f"{sign}P1{code}")]
    if rel in ("the coming", "the next") and unit in (
            "week", "month", "year", "decade", "century") and not mod:
        return [_date(m, "DURATION", cal.duration(1, UNITS[unit]))]
    step = -1 if past else 1 if future else 0
    if (unit in UNITS and _capitalised(m["unit"])
            and ctx.text[max(0, m.start() - 1):m.start()] in ("'", '"')):
        return []  # a quoted title: the TV programme "This Week"
    if unit in WEEKDAYS or unit in MONTHS:
        if not _capitalised(m["unit"]):
            return []
    if dct is None:
        return [_date(m, "DATE", _x_value(unit, step), mod)]
    tense = ctx.tense(*m.span())
    if unit in ("week", "month", "year", "decade", "century"):
        code = UNITS[unit]
        return [_date(m, "DATE", cal.shift(dct, step, code), mod)]
    if unit == "weekend":
        if past:
            return [_date(m, "DATE", cal.weekend(dct, PAST), mod)]
        if future:
            return [_date(m, "DATE", cal.weekend(dct + dt.timedelta(days=7), PRESENT), mod)]
        return [_date(m, "DATE", cal.weekend(dct, tense), mod)]
    if unit == "season":
        return [_date(m, "DATE", "PAST_REF" if past else "FUTURE_REF" if future
                      else "PRESENT_REF", mod)]
    if unit in SEASONS:
        return [_date(m, "DATE", _season_value(dct, SEASONS[unit], rel, tense), mod)]
    if unit in WEEKDAYS:
        wd = WEEKDAYS[unit]
        if past:
            d = cal.weekday(dct - dt.timedelta(days=1), wd, PAST)
        elif future:
            d = cal.weekday(dct + dt.timedelta(days=1), wd, PRESENT)
        else:
            d = cal.weekday(dct, wd, PRESENT if this and tense == PAST else tense)
        if part:
            return [_date(m, "TIME", f"{d.isoformat()}T{DAY_PARTS[part]}")]
        return [_date(m, "DATE", d.isoformat(), mod)]
    mo = MONTHS[unit]
    if past:
        y = dct.year if mo < dct.month else dct.year - 1
    elif future:
        y = dct.year if mo > dct.month else dct.year + 1
    else:
        y = dct.year
    return [_date(m, "DATE", cal.month(y, mo), mod)]


def _x_value(unit: str, step: int) -> str:
    if unit in WEEKDAYS:
        return f"XXXX-WXX-{WEEKDAYS[unit]}"
    if unit in MONTHS:
        return f"XXXX-{MONTHS[unit]:02d}"
    if unit in SEASONS:
        return f"XXXX-{SEASONS[unit]}"
    if step == 0:
        return "PRESENT_REF"
    return "PAST_REF" if step < 0 else "FUTURE_REF"


def the_unit(m: re.Match[str], ctx: Context) -> list[Hit]:
    unit = _word(m["unit"])
    mod = point_mod(m["pm"])
    if ctx.dct is None:
        return [_date(m, "DATE", "PRESENT_REF", mod)]
    return [_date(m, "DATE", cal.shift(ctx.dct, 0, UNITS[unit]), mod)]


_ANCHORED_X = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX",
               "Q": "XXXX-QX", "Y": "XXXX"}


def that_unit(m: re.Match[str], ctx: Context) -> list[Hit]:
    """Tag "that year", "later that day": the unit of the date last mentioned."""
    code = UNITS[_word(m["unit"])]
    return [_date(m, "DATE", _ANCHORED_X[code], point_mod(m["pm"]), anchor=f"+P0{code}")]


def year_end(m: re.Match[str], ctx: Context) -> list[Hit]:
    pre = _word(m["pre"])
    # "around year end" keeps its qualifier; "by year-end" leaves its preposition out.
    start = m.end("pre") if pre and pre != "around" else m.start()
    if ctx.dct is None:
        return [_date(m, "DATE", "XXXX", "END", start=start)]
    back = pre == "since" or (pre != "by" and ctx.tense(*m.span()) == PAST)
    return [_date(m, "DATE", f"{ctx.dct.year - back:04d}", "END", start=start)]


def full_year(m: re.Match[str], ctx: Context) -> list[Hit]:
    return [_date(m, "DATE", f"{ctx.dct.year:04d}" if ctx.dct else "XXXX")]


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def decade_word(m: re.Match[str], ctx: Context) -> list[Hit]:
    return [_date(m, "DATE", f"19{_DECADE_WORDS[_word(m['w'])]}", point_mod(m["pm"]))]


def anchored(m: re.Match[str], ctx: Context) -> list[Hit]:
    rel, unit = _word(m["rel"]), _word(m["unit"])
    sign = "+" if rel in ("following", "next") else "-"
    if unit in DAY_PARTS and unit != "night":
        return [_date(m, "TIME", f"XXXX-XX-XXT{DAY_PARTS[unit]}", anchor=f"{sign}P1D")]
    code = UNITS[unit]
    if rel == "next" and code != "D" and ctx.tense(*m.span()) != PAST:
        if ctx.dct is None:
            return [_date(m, "DATE", "FUTURE_REF")]
        return [_date(m, "DATE", cal.shift(ctx.dct, 1, code))]
    return [_date(m, "DATE", _ANCHORED_X[code], anchor=f"{sign}P1{code}")]


def day_around(m: re.Match[str], ctx: Context) -> list[Hit]:
    code = UNITS[_word(m["unit"])]
    sign = "+" if _word(m["dir"]) in ("after", "later") else "-"
    return [_date(m, "DATE", _ANCHORED_X[code], anchor=f"{sign}P1{code}", end=m.start("dir"))]


_DEICTIC_DAYS = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1,
                 "the day before yesterday": -2, "the day after tomorrow": 2, "last night": -1}
_DEICTIC_REFS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "right now": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "current": "PRESENT_REF", "this time": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF",
    "soon": "FUTURE_REF", "the future": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the long term": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the foreseeable future": "FUTURE_REF", "the distant future": "FUTURE_REF",
}


# "NBC's 'Today' show", "USA Today": the day's name as a programme's or a paper's.
_TODAY_NAMED_BEFORE = re.compile(r"(?:['’]s|USA)[^\S\n]+[\"“‘']?$")
_TODAY_NAMED_AFTER = re.compile(r"[\"”’']?[^\S\n]+(?:show|program|programme|newspaper)\b",
                                re.IGNORECASE)
# "than today", "even today", "the world today": the present age, not the day.
_TODAY_AGE_BEFORE = re.compile(r"\b(?:than|even|still|world|society)[^\S\n]+$", re.IGNORECASE)
_NOT_SOON = re.compile(r"\s+(?:as|after|afterwards?|thereafter|enough|became|\w+ed)\b",
                       re.IGNORECASE)
_NOT_SOON_BEFORE = re.compile(r"\b(?:as|was|were|had|been)\s+$", re.IGNORECASE)


def deictic(m: re.Match[str], ctx: Context) -> list[Hit]:
    w, part = _word(m["w"]), _word(m["part"])
    if w == "now" and m["w"][0] == "N" and ctx.text[m.end():m.end() + 1] == ",":
        return []  # "Now, ..." opens a point, it does not name a time
    if w == "soon" and (_NOT_SOON.match(ctx.text, m.end())
                        or _NOT_SOON_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start())):
        return []  # "as soon as", "soon after", "was soon released": no time of its own
    if w == "today" and m["w"][0] == "T" and not part and (
            _TODAY_NAMED_AFTER.match(ctx.text, m.end())
            or _TODAY_NAMED_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start())):
        return []
    if w == "today" and not part and _TODAY_AGE_BEFORE.search(ctx.text, max(0, m.start() - 10),
                                                              m.start()):
        return [_date(m, "DATE", "PRESENT_REF")]
    if w in _DEICTIC_REFS:
        if part:
            return [_date(m, "DATE", _DEICTIC_REFS[w], end=m.end("w"))]
        return [_date(m, "DATE", _DEICTIC_REFS[w])]
    if w == "overnight":
        return []
    offset = _DEICTIC_DAYS[w]
    if w in ("tonight", "last night"):
        part = "night"
    if ctx.dct is None:
        ref = "PRESENT_REF" if offset == 0 else "PAST_REF" if offset < 0 else "FUTURE_REF"
        return [_date(m, "TIME" if part else "DATE", ref)]
    d = (ctx.dct + dt.timedelta(days=offset)).isoformat()
    if part:
        return [_date(m, "TIME", f"{d}T{DAY_PARTS[part]}")]
    return [_date(m, "DATE", d)]


def part_of_day(m: re.Match[str], ctx: Context) -> list[Hit]:
    rel, part = _word(m["rel"]), _word(m["part"])
    offsets = {"this": 0, "last": -1, "tomorrow": 1, "yesterday": -1}
    if rel not in offsets or (rel == "last" and part not in ("night", "evening")):
        return []
    if ctx.dct is None:
        return [_date(m, "TIME", f"XXXX-XX-XXT{DAY_PARTS[part]}")]
    d = ctx.dct + dt.timedelta(days=offsets[rel])
    return [_date(m, "TIME", f"{d.isoformat()}T{DAY_PARTS[part]}")]


def weekday(m: re.Match[str], ctx: Context) -> list[Hit]:
    if not _capitalised(m["wd"]):
        return []
    wd = WEEKDAYS[_word(m["wd"])]
    part = _word(m["part"])
    if m["pl"] or m["pl2"]:
        suffix = f"T{DAY_PARTS[part]}" if part else ""
        return [_date(m, "SET", f"XXXX-WXX-{wd}{suffix}")]
    if _is_name(m, ctx):
        return []
    if ctx.dct is None:
        d = f"XXXX-WXX-{wd}"
    else:
        timed = _CLOCK_AFTER.match(ctx.text, m.end()) is not None
        d = cal.weekday(ctx.dct, wd, _weekday_tense(m, ctx, timed)).isoformat()
    # TimeBank dates "Friday night" by its day.
    return [_date(m, "DATE", d)]


_DEADLINE_BEFORE = re.compile(r"\b(?:until|till|through)\s+(?:(?:\d{1,2}(?::\d\d)?\s*"
                              r"[ap]\.?m\.?|noon|midnight)\s+)?(?:\w+\s+)?$", re.IGNORECASE)


_BY_BEFORE = re.compile(r"\bby\s+$", re.IGNORECASE)
# A modal that looks ahead from the writing: not "would" or "could", which tell of a past plan
# or ability ("said it would be done by Wednesday"), unless "could be" does something.
_MODAL_AHEAD = re.compile(r"\b(?:will|shall|(?:could|may|might|should)\s+be\s+\w+ing)\b|"
                          r"[’']ll\b", re.IGNORECASE)
# A verb in the present just before a day's clock time: "expires at", "kicks off at", "is".
_PRESENT_BEFORE = re.compile(
    r"\b(?:is|are|(?!(?:was|has|does|its|this|his|hers|news|times|hours|minutes|days|weeks)\b)"
    r"[a-z]{2,}[^s\W]s)(?:[^\S\n]+(?:off|on|up|out|again|back|down))?[^\S\n]+(?:(?:at|on)[^\S\n]+)?$")
# "Saturday 15:00 GMT", "Saturday at 3pm": a weekday with its clock time.
_CLOCK_AFTER = re.compile(r",?\s+(?:at\s+)?\d{1,2}(?:(?::\d\d)?\s*(?:[ap]\.?m\b|o'clock)|"
                          r":\d\d\s+(?-i:[A-Z]{1,2}[SD]T|GMT|UTC|BST|CET)\b)", re.IGNORECASE)
_CLOCK_DAY_BEFORE = re.compile(r"\b(?P<wd>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day),?\s+(?:at\s+)?$")
# Words after which a weekday followed by a capitalised word is still a day: "on Sunday Mr Smith".
_DAY_LEAD = frozenset("""
    on by until till since from to last next this that every each before after through of
    early late and or between his her its their our my your
""".split())
_NAME_WORD = re.compile(r"[^\S\n]+(?P<w>[A-Z][a-z]+)\b")
# The words that name a newspaper after its day: "the Sunday Times", "Sunday Mirror readers".
_NAMEPLATES = frozenset("""
    Times Telegraph Mirror Express Herald Post Tribune Mail Independent Observer Chronicle
    Journal Gazette Standard Star Sun
""".split())
_NOT_NAME_WORDS = frozenset({w.capitalize() for w in (*MONTHS, *MONTH_ABBREVIATIONS, *WEEKDAYS,
                                                         *DAY_PARTS)})


def _is_name(m: re.Match[str], ctx: Context) -> bool:
    """Return whether a weekday opens a name: "the Sunday Times", "Monday Night Football"."""
    after = _NAME_WORD.match(ctx.text, m.end())
    if after is None or after["w"] in _NOT_NAME_WORDS:
        return False
    if m["part"] and m["part"][0].isupper():
        return True  # "on Monday Night Football"
    if after["w"] in _NAMEPLATES and not _NAME_WORD.match(ctx.text, after.end()):
        return True  # a newspaper: "by Sunday Times photographer Ann Lee"
    before = re.search(r"([A-Za-z]+)[^\S\n]*$", ctx.text[max(0, m.start() - 20):m.start()])
    return before is None or before[1].lower() not in _DAY_LEAD


def _weekday_tense(m: re.Match[str], ctx: Context, timed: bool = False) -> str:
    """Return the direction of a bare weekday: back by default, ahead in future contexts.

    A weekday with a clock time is a schedule, ahead unless the sentence is in the past.
    """
    if ctx.text.startswith(("'s", "\u2019s"), m.end()):
        return PAST  # "Wednesday's ruling" names a day already reported
    if _DEADLINE_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start()):
        return FUTURE  # "postponed until Tuesday": a deadline ahead
    if _BY_BEFORE.search(ctx.text, max(0, m.start() - 4), m.start()):
        first, last = ctx.tenses.sentence(m.start())
        if _MODAL_AHEAD.search(ctx.text, first, last):
            return FUTURE  # "By Sunday, the box could be capturing most of the oil"
    if timed:
        if _PRESENT_BEFORE.search(ctx.text, max(0, m.start() - 40), m.start()):
            return FUTURE  # "the deadline expires at 15:00 GMT Saturday": a schedule
        return PAST if ctx.tenses.tense(*m.span(), default=PRESENT) == PAST else FUTURE
    return FUTURE if ctx.tense(*m.span()) == FUTURE else PAST


def weekend(m: re.Match[str], ctx: Context) -> list[Hit]:
    det = _word(m["det"])
    if ctx.dct is None:
        return [_date(m, "DATE", "XXXX-WXX-WE")]
    if det == "last" or det == "that":
        return [_date(m, "DATE", cal.weekend(ctx.dct, PAST))]
    if det == "next":
        return [_date(m, "DATE", cal.weekend(ctx.dct + dt.timedelta(days=7), PRESENT))]
    return [_date(m, "DATE", cal.weekend(ctx.dct, ctx.tense(*m.span())))]


_PREPOSITION = re.compile(r"(?:in|during|by|until|since|through|over)[-\s]+", re.IGNORECASE)


def season(m: re.Match[str], ctx: Context) -> list[Hit]:
    pre = m["pre"] or ""
    name = _word(m["season"])
    code = SEASONS[name]
    cut = _PREPOSITION.match(pre)
    start = m.start() + (cut.end() if cut else 0)
    head = _word(pre[cut.end():] if cut else pre)
    if not (m["y"] or cut or head in ("this", "last", "next", "early", "late", "mid")):
        if not (head.startswith("the") and name != "fall"):
            return []
    mod = point_mod(head)
    if m["y"]:
        return [_date(m, "DATE", f"{m['y']}-{code}", mod, start=start)]
    if ctx.dct is None:
        return [_date(m, "DATE", f"XXXX-{code}", mod, start=start)]
    rel = head if head in ("this", "last", "next") else ""
    tense = ctx.tense(start, m.end())
    return [_date(m, "DATE", _season_value(ctx.dct, code, rel, tense), mod, start=start)]


def _nth_weekday(year: int, mo: int, wd: int, n: int) -> dt.date:
    first = dt.date(year, mo, 1)
    d = first + dt.timedelta(days=(wd - first.isoweekday()) % 7)
    if n > 0:
        return d + dt.timedelta(weeks=n - 1)
    while (d + dt.timedelta(weeks=1)).month == mo:
        d += dt.timedelta(weeks=1)
    return d


def _holiday_date(name: str, year: int) -> dt.date:
    name = name.replace("\u2019", "'")
    if name.startswith("christmas"):
        return dt.date(year, 12, 24 if name.endswith("eve") else 25)
    if name.startswith("new year"):
        return dt.date(year, 12, 31) if name.endswith("eve") else dt.date(year, 1, 1)
    if name.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 4, 4)
    if name.startswith("labo"):
        return _nth_weekday(year, 9, 1, 1)
    if name.startswith("memorial"):
        return _nth_weekday(year, 5, 1, -1)
    fixed = {"halloween": (10, 31), "independence day": (7, 4), "valentine's day": (2, 14),
             "veterans day": (11, 11), "boxing day": (12, 26)}
    return dt.date(year, *fixed[name])


def holiday(m: re.Match[str], ctx: Context) -> list[Hit]:
    name = _word(m["h"])
    if m["y"]:
        return [_date(m, "DATE", _holiday_date(name, int(m["y"])).isoformat())]
    if ctx.dct is None:
        return [_date(m, "DATE", "XXXX" + _holiday_date(name, 2001).isoformat()[4:])]
    tense = ctx.tense(*m.span())
    this_year = _holiday_date(name, ctx.dct.year)
    if tense == PAST and this_year > ctx.dct:
        this_year = _holiday_date(name, ctx.dct.year - 1)
    elif tense != PAST and this_year < ctx.dct:
        this_year = _holiday_date(name, ctx.dct.year + 1)
    return [_date(m, "DATE", this_year.isoformat())]


def _shifted(dct: dt.date, n: float, code: str) -> str:
    k = int(n)
    if code == "DE":
        return f"{dct.year - 10 * k:04d}"
    if code == "CE":
        return f"{dct.year - 100 * k:04d}"
    if code in ("H", "MIN", "S"):
        return dct.isoformat()
    if code == "WE":
        code = "W"
    return cal.shift(dct, -k, code)


def ago(m: re.Match[str], ctx: Context) -> list[Hit]:
    n = number(m["num"]) if m["num"] else None
    code = unit_code(m["unit"])
    mod = amount_mod(m["amod"])
    if "or so" in _word(m.group()):
        mod = "APPROX"
    if n is None or ctx.dct is None or not float(n).is_integer():
        return [_date(m, "DATE", "PAST_REF", mod)]
    if code == "Y" and n == 1 and ctx.quarter_context(m.start()):
        return [_date(m, "DATE", cal.last_quarter(ctx.dct, 1), mod)]
    try:
        value = _shifted(ctx.dct, n, code)
    except (OverflowError, ValueError):
        value = "PAST_REF"
    if not re.match(r"\d{4}", value):
        value = "PAST_REF"  # before year 1: "12024 years ago"
    return [_date(m, "DATE", value, mod)]


def offset(m: re.Match[str], ctx: Context) -> list[Hit]:
    n = number(m["num"])
    code = unit_code(m["unit"])
    direction = _word(m["dir"])
    sign = "-" if direction in ("earlier", "before", "previously") else "+"
    mod = amount_mod(m["amod"])
    if code == "WE":
        return []
    length = cal.duration(n, code)
    anchor = sign + cal.duration(3 if n is None else n, code)
    if direction == "earlier" and n is not None and float(n).is_integer():
        if ctx.dct is None:
            value = "PAST_REF"
        elif code == "Y" and n == 1 and ctx.quarter_context(m.start()):
            value = cal.last_quarter(ctx.dct, 1)
        else:
            value = _shifted(ctx.dct, n, code)
        return [_date(m, "DATE", value, mod, anchor=anchor)]
    return [_date(m, "DURATION", length, mod, anchor=anchor, end=m.start("dir"))]


def bare_offset(m: re.Match[str], ctx: Context) -> list[Hit]:
    code = unit_code(m["unit"])
    if code == "WE":
        return []
    sign = "-" if _word(m["dir"]) in ("earlier", "before") else "+"
    return [_date(m, "DURATION", cal.duration(None, code), anchor=sign + cal.duration(3, code),
                  end=m.start("dir"))]


# "a quarter of their harvest" is a share; "a quarter of a century" is a span of time.
_SHARE_OF = re.compile(r"\s+of\s+(?!(?:a|an|the)\s+(?:century|year|decade|hour|mile)\b)"
                       r"(?:the|its|their|his|her|our|all|a|an|\d)", re.IGNORECASE)


def duration(m: re.Match[str], ctx: Context) -> list[Hit]:
    if m["old"]:
        return []
    num, code = _word(m["num"]), unit_code(m["unit"])
    if code in ("S", "WE") and num in ("a", "an", "one"):
        return []
    if code == "Q" and (m["sep"] == "-" or _SHARE_OF.match(ctx.text, m.end())):
        return []  # "three-quarters", "a quarter of their harvest": a fraction
    if code == "Y" and re.match(r"\s+(?:old\b|of\s+age\b)", ctx.text[m.end():m.end() + 8]):
        return []  # an age: "52 years old"
    if num in ("a", "an") and not m["amod"] and not m["rel"] and _RATE_BEFORE.search(
            ctx.text, max(0, m.start() - 12), m.start()):
        return []  # "$2 million a year" is a rate, which set_rate tags
    n = number(num)
    if n is not None and n > 10000:
        return []
    if num == "one" and code == "D" and not (m["amod"] or m["the"]) and _MODAL_BEFORE.search(
            ctx.text, max(0, m.start() - 12), m.start()):
        return [_date(m, "DATE", "FUTURE_REF")]  # "will one day be": some day ahead
    after = ctx.text[m.end():m.end() + 12].lower().lstrip()
    if n is not None and n >= 1000 and (code in ("S", "Q") or after.startswith(("quarter", "half"))):
        return []  # a year before "second quarter" or "quarter", not a count of units
    rel = _word(m["rel"])
    if rel in ("coming", "next") and n is None and not m["amod"] and not ctx.text[
            max(0, m.start() - 5):m.start()].lower().endswith(("over ", "for ")):
        return [_date(m, "DATE", "FUTURE_REF")]
    amod = _word(m["amod"])
    start = m.start()
    mod = amount_mod(amod)
    if amod in _OUTSIDE_MODS or amod == "over" and m["the"]:
        start = m.start("the") if m["the"] else m.start("num")
        if amod == "over":
            mod = None  # "over the past 20 years": a preposition, not "more than"
    if _word(m["the"]) in ("a", "an"):
        start = m.start("num")
    if (m["frac"] or m["half"]) and n is not None and float(n).is_integer():
        return [_date(m, "DURATION", cal.and_a_half(int(n), code), mod, start=start)]
    return [_date(m, "DURATION", cal.duration(n, code), mod, start=start)]


_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall|'ll)\s+$", re.IGNORECASE)
_RATE_BEFORE = re.compile(r"(?:\d|\bpercent|\bdollars|\bcents|\bmillion|\bbillion|\btons?|"
                          r"\bbarrels)\s+$", re.IGNORECASE)
# Qualifiers TimeBank leaves outside a duration's span.
_OUTSIDE_MODS = frozenset("about around roughly approximately some only just".split())


def plural_units(m: re.Match[str], ctx: Context) -> list[Hit]:
    pre = _word(m["pre"])
    code = unit_code(m["unit"])
    if code == "WE":
        return []
    if pre in ("recent", "coming", "the coming"):
        # "recent years", "the coming weeks": an unspecified number of units.
        return [_date(m, "DURATION", cal.duration(None, code))]
    if pre.startswith("the") or pre == "several":
        return [_date(m, "DURATION", cal.duration(None, code))]
    return [_date(m, "DURATION", cal.duration(None, code), start=m.start("unit"))]


def set_every(m: re.Match[str], ctx: Context) -> list[Hit]:
    unit = _word(m["unit"])
    unit = unit[:-1] if unit.endswith("s") and unit[:-1] in (
        *WEEKDAYS, *UNITS, *SEASONS, *DAY_PARTS) else unit
    num = _word(m["num"])
    n = 2 if num == "other" else number(num) if num else 1
    if unit in WEEKDAYS:
        return [_date(m, "SET", f"XXXX-WXX-{WEEKDAYS[unit]}")]
    if unit in SEASONS:
        return [_date(m, "SET", f"XXXX-{SEASONS[unit]}")]
    if unit in MONTHS:
        if not _capitalised(m["unit"]):
            return []
        return [_date(m, "SET", f"XXXX-{MONTHS[unit]:02d}")]
    if unit in DAY_PARTS:
        return [_date(m, "SET", f"XXXX-XX-XXT{DAY_PARTS[unit]}")]
    if unit == "season":
        return [_date(m, "SET", "P3M")]
    return [_date(m, "SET", cal.duration(n, unit_code(unit)))]


def set_times(m: re.Match[str], ctx: Context) -> list[Hit]:
    return [_date(m, "SET", cal.duration(1, unit_code(m["unit"])))]


def set_rate(m: re.Match[str], ctx: Context) -> list[Hit]:
    s, e = m.span("x")
    return [Hit(s, e, "SET", cal.duration(1, unit_code(m["unit"])))]


def set_adverb(m: re.Match[str], ctx: Context) -> list[Hit]:
    return [_date(m, "SET", SET_ADVERBS[_word(m["w"])])]


def _day_of(word: str, ctx: Context, m: re.Match[str], timed: bool = False) -> str:
    w = _word(word)
    if ctx.dct is None:
        return f"XXXX-WXX-{WEEKDAYS[w]}" if w in WEEKDAYS else "XXXX-XX-XX"
    if w in WEEKDAYS:
        return cal.weekday(ctx.dct, WEEKDAYS[w], _weekday_tense(m, ctx, timed)).isoformat()
    return (ctx.dct + dt.timedelta(days=_DEICTIC_DAYS.get(w, 0))).isoformat()


# "10:35 a.m. (0735 GMT) Friday": the day after a parenthesis or comma.
_LATER_DAY = re.compile(r"\s*(?:\([^()]{1,25}\)\s*)?,?\s*(?:on\s+)?(?P<wd>(?:Mon|Tues|Wednes|Thurs|Fri|"
                        r"Satur|Sun)day)\b")


def clock(m: re.Match[str], ctx: Context) -> list[Hit]:
    h = int(m["h"])
    minute = int(m["mi"]) if m["mi"] else 0
    ap = _word(m["ap"]).replace(".", "")
    if m["tz24"]:
        # "15:00 GMT Saturday": a 24-hour clock with its zone and day; a page stamp's bare
        # "20:07 UTC" is left alone.
        if not m["mi"] or minute > 59 or h > 23 or ctx.text[m.start() - 1:m.start()] in (":", "T"):
            return []
        if not m["day"] and not _CLOCK_DAY_BEFORE.search(ctx.text, max(0, m.start() - 15), m.start()):
            return []
    elif minute > 59 or h > 12 or (ap != "o'clock" and h == 0):
        return []
    if ap == "pm" and h != 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    hits = _month_day(m, ctx) if m["mon"] else []
    if hits:
        # "5 p.m. EST Nov. 9": the time on that day.
        return [_date(m, "TIME", f"{hits[0].value}T{h:02d}:{minute:02d}")]
    end = m.start("mon") if m["mon"] else None
    later = _LATER_DAY.match(ctx.text, m.end()) if not (m["day"] or m["mon"]) else None
    if later is None and not (m["day"] or m["mon"]):
        later = _CLOCK_DAY_BEFORE.search(ctx.text, max(0, m.start() - 15), m.start())
    day = _day_of(m["day"] or (later["wd"] if later else ""), ctx, m, timed=True)
    return [_date(m, "TIME", f"{day}T{h:02d}:{minute:02d}", end=end)]


def noon(m: re.Match[str], ctx: Context) -> list[Hit]:
    hour = "00:00" if _word(m["w"]) == "midnight" else "12:00"
    return [_date(m, "TIME", f"{_day_of(m['day'] or '', ctx, m)}T{hour}")]


HANDLERS: dict[str, Handler] = {
    "iso": iso, "slash": slash, "month_day": _month_day, "day_month": _month_day,
    "week_of": week_of, "day_pair": day_pair, "month_year": month_year, "month": month,
    "year_range": year_range,
    "decade": decade, "century": century, "year": year, "spoken_year": spoken_year,
    "quarter": quarter, "qcode": qcode, "year_ago": year_ago, "fiscal_year": fiscal_year,
    "relative": relative, "the_unit": the_unit, "anchored": anchored,
    "day_around": day_around, "deictic": deictic, "that_unit": that_unit,
    "year_end": year_end, "full_year": full_year, "decade_word": decade_word, "part_of_day": part_of_day,
    "weekday": weekday, "weekend": weekend, "season": season, "holiday": holiday,
    "ago": ago, "offset": offset, "bare_offset": bare_offset, "duration": duration,
    "plural_units": plural_units, "set_every": set_every, "set_times": set_times,
    "set_rate": set_rate, "set_adverb": set_adverb, "clock": clock, "noon": noon,
}


def resolve(name: str, m: re.Match[str], ctx: Context) -> list[Hit]:
    """Return the hits rule name makes of m whose values are valid TIMEX3 values.

    A date the calendar cannot hold (before year 1 or after 9999, "February 29" of a common
    year) is not resolved: the expression is left untagged.
    """
    try:
        hits = HANDLERS[name](m, ctx)
    except (ValueError, OverflowError):  # date arithmetic past the calendar's ends
        return []
    return [hit for hit in hits if is_valid(hit.value, hit.type)]
