"""Find the spans of candidate temporal expressions with compiled patterns."""

from __future__ import annotations

import re

from .lexicon import (
    AMOUNT_MODS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    SEASONS,
    SET_ADVERBS,
    VAGUE_NUMBERS,
    WEEKDAYS,
)


def _alt(words) -> str:
    """Return a regex alternation of words, longest first, spaces matching any whitespace."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", WS) for w in
                            sorted(words, key=len, reverse=True)) + ")"


# Whitespace holding at most one line break, so hard-wrapped phrases still match.
WS = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"
MONTH = _alt(MONTHS)
MONTH_ANY = rf"(?:{MONTH}|{_alt(MONTH_ABBREVIATIONS)}\.?)"
WEEKDAY = _alt(WEEKDAYS)
SEASON = _alt(SEASONS)
PART = r"(?:morning|afternoon|evening|night)"
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ONES = "one two three four five six seven eight nine".split()
NUMBER = (rf"(?:\d+(?:\.\d+)?|(?:{_alt(_TENS)})(?:[- ](?:{_alt(_ONES)}))?|"
          rf"{_alt(NUMBER_WORDS)}|{_alt(VAGUE_NUMBERS)})")
# A 24-hour clock before a time zone ("1700 BST", "1737GMT", "0900 local time") is no year.
_ZONE_AFTER = (r"\s?(?-i:GMT|BST|UTC|CET|CEST|[ECMP][SD]T)\b|"
               r"\s(?:hrs|hours|local\s+time|[ap]\.?m\b)")
UNIT = r"(?:second|minute|hour|day|night|week|month|quarter|year|decade|centur(?:y|ie))"
AMOUNT = _alt(k for k in AMOUNT_MODS)
POINT = (rf"(?:(?:early|late|mid)(?:-|{WS})|(?:the|this){WS}(?:beginning|start|middle|end|"
         rf"close|turn){WS}of{WS}|(?:earlier|later){WS}(?=this|last|next|in{WS}the))")
ORDINAL = _alt(ORDINALS)
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
REL = (rf"(?:last|this|next|the{WS}past|the{WS}coming|the{WS}previous|the{WS}following|"
       rf"the{WS}current|this{WS}past|this{WS}coming|the{WS}next|the{WS}last|"
       rf"the{WS}same|the{WS}prior|current|previous|coming|past)")
HOLIDAY = (r"(?:Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))?|"
           r"Thanksgiving(?:\s+Day)?|Halloween|Independence\s+Day|Valentine's\s+Day|"
           r"Labou?r\s+Day|Memorial\s+Day|Veterans\s+Day|Boxing\s+Day)")

_PATTERNS: list[tuple[str, str]] = [
    ("iso", r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T(?P<hh>\d\d):(?P<mm>\d\d))?\b"),
    ("slash", r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)\b"),
    ("day_pair", rf"\b(?P<mon>{MONTH_ANY}){WS}?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{WS}(?:and|or)"
                 rf"{WS}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?![.,:]\d|{WS}?(?:%|[a-z]))"
                 rf"(?:,?{WS}(?P<y>{YEAR})\b)?"),
    ("month_day", rf"\b(?:(?P<wd>{WEEKDAY}),?{WS})?(?P<pm>{POINT})?(?P<mon>{MONTH_ANY}){WS}?"
                  rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!:\d|\.\d)"
                  rf"(?:(?:,|{WS}in)?{WS}(?P<y>{YEAR})\b(?![-/]\d))?"),
    ("week_of", rf"\bthe{WS}week{WS}of{WS}(?P<mon>{MONTH_ANY}){WS}?(?P<d>\d{{1,2}})"
                rf"(?:st|nd|rd|th)?\b(?!:\d|\.\d)(?:,?{WS}(?P<y>{YEAR})\b)?"),
    ("day_month", rf"\b(?:(?P<wd>{WEEKDAY}),?{WS})?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{WS}"
                  rf"(?:of{WS})?(?P<mon>{MONTH_ANY})(?:(?:,|{WS}in)?{WS}(?P<y>{YEAR})\b)?"),
    ("month_year", rf"\b(?P<pm>{POINT})?(?P<mon>{MONTH_ANY}),?{WS}(?:of{WS})?(?P<y>{YEAR})\b"
                   rf"(?![-/]\d)"),
    ("month", rf"\b(?P<pre>(?:in|since|until|till|by|through|from|to|during|before|after|"
              rf"of|on|for|between|and|or|over|throughout){WS})?(?P<pm>{POINT})?"
              rf"(?:(?P<rel>last|this|next|past|coming){WS})?(?P<mon>{MONTH})\b(?!-)"
              rf"(?:{WS}(?P<yrel>last|this|next){WS}year\b)?"),
    ("year_range", rf"(?<![\d$.,/-])(?P<y1>{YEAR}){WS}?[-\u2013\u2014/]{WS}?"
                   rf"(?P<y2>\d{{4}}|\d\d)\b(?![-/]\d)"),
    ("decade", rf"\b(?:(?P<the>the){WS})?(?P<pm>(?:early|mid|late)(?:-|{WS}))?"
               rf"(?P<dec>1\d\d0|20\d0|'\d0)'?s\b"),
    ("century", rf"\b(?:the{WS})?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{_alt(ORDINALS)}|"
                rf"nineteenth|twentieth|twenty-first){WS}century\b"),
    ("year", rf"(?<![\d$\u00a3\u20ac.,/#-])(?<!\dx)(?<!\d\u00d7)"
             rf"(?P<pm>{POINT})?(?P<fy>(?:fiscal|FY|calendar){WS}?"
             rf"(?:year{WS})?)?(?P<y>{YEAR})(?![\d%]|,\d|\.\d|-\d|/\d|:\d|[x\u00d7]\d|{_ZONE_AFTER})"
             rf"(?P<after>{WS}[A-Za-z]+)?"),
    ("spoken_year", rf"\b(?:(?P<mon>{MONTH}){WS}(?:of{WS})?|(?P<the>the){WS}year{WS}|"
                    rf"(?:the{WS})?(?P<season>{SEASON}){WS}(?:of{WS})?)?"
                    rf"(?:(?P<c>nineteen|twenty){WS}(?P<t>{_alt(_TENS)}|ten|eleven|twelve|"
                    rf"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
                    rf"(?:[- ](?P<o>{_alt(_ONES)}))?|two{WS}thousand"
                    rf"(?:(?:{WS}and)?{WS}(?P<k>{_alt(_ONES)}|ten|eleven|twelve))?)\b(?![- ](?:year|old))"),
    ("quarter", rf"\b(?:(?P<the>the){WS})?(?:(?P<rel>{REL}|latest|year-earlier|year-ago|"
                rf"this{WS}year's|last{WS}year's|next{WS}year's|fiscal){WS})?"
                rf"(?:(?P<fiscal>fiscal){WS})?(?:(?P<y0>{YEAR}){WS})?(?:(?P<ord>{ORDINAL})[-\s]+)?"
                rf"(?P<unit>quarter|half|period)\b(?!s)"
                rf"(?:{WS}of{WS}(?:(?:fiscal|the{WS}fiscal{WS}year){WS})?(?P<y>{YEAR})\b)?"),
    ("fiscal_year", rf"\b(?:(?P<pre>for|in|during|throughout|through|over){WS})?the{WS}"
                    rf"(?:(?P<rel>current|latest|last|previous|past|prior|next|coming|same|"
                    rf"full){WS})?(?:(?P<kind>fiscal|full|whole|entire){WS})?year\b(?!s|-|')"
                    rf"(?P<ended>{WS}end(?:ed|ing)\b)?"),
    ("year_ago", r"\byear-(?:earlier|ago)\b"),
    ("qcode", rf"\b(?P<q>[QH][1-4])(?:{WS}(?P<y>{YEAR}))?\b"),
    ("relative", rf"\b(?P<pm>{POINT})?(?P<rel>{REL}){WS}(?P<unit>week|weekend|month|year|"
                 rf"decade|century|season|{SEASON}|{WEEKDAY}|{MONTH})\b(?!-)"
                 rf"(?:{WS}(?P<part>{PART}))?"),
    ("the_unit", rf"\b(?P<pm>{POINT})(?:the{WS})?(?P<unit>week|month|year|decade|century)\b"),
    ("anchored", rf"\b(?:the{WS})?(?P<rel>following|next|previous|preceding|prior)"
                 rf"{WS}(?P<unit>day|morning|afternoon|evening|night|week|weekend|month|year)\b"),
    ("that_unit", rf"\b(?:(?P<pm>earlier|later){WS})?that{WS}(?:same{WS})?"
                  rf"(?P<unit>day|week|month|quarter|year)\b"),
    ("year_end", rf"\b(?:(?P<pre>around|by|at|before|after|since|until|through){WS})?"
                 rf"(?:the{WS})?year(?:'s)?(?:-|{WS})end\b"),
    ("full_year", rf"\bthe{WS}full{WS}year\b"),
    ("decade_word", rf"\bthe{WS}(?:(?P<pm>early|mid|late)(?:-|{WS}))?(?P<w>twenties|thirties|"
                    rf"forties|fifties|sixties|seventies|eighties|nineties)\b"),
    ("day_around", rf"\b(?:the{WS})?(?P<unit>day|night|week|month|year){WS}"
                   rf"(?P<dir>before|after|earlier|later)\b(?!{WS}(?:the|a|an|his|her|its|"
                   rf"their|he|she|it|they|we|I|you)\b)"),
    ("deictic", rf"\b(?P<w>today|tonight|tomorrow|yesterday|now|currently|recently|nowadays|"
                rf"lately|right{WS}now|these{WS}days|"
                rf"at{WS}present|at{WS}the{WS}moment|the{WS}(?:near|foreseeable|distant)"
                rf"{WS}future|the{WS}future|the{WS}past|current|"
                rf"the{WS}day{WS}before{WS}yesterday|the{WS}day{WS}after{WS}tomorrow|"
                rf"the{WS}(?:near|short|long){WS}term|soon|"
                rf"last{WS}night)\b"
                rf"(?:{WS}(?P<part>{PART}))?"),
    ("part_of_day", rf"\b(?P<rel>this|last|tomorrow|yesterday|{WEEKDAY}|early|late)?{WS}?"
                    rf"(?P<part>{PART})\b"),
    ("weekday", rf"\b(?P<wd>{WEEKDAY})(?P<pl>s)?\b(?:{WS}(?P<part>{PART})(?P<pl2>s)?\b)?"),
    ("weekend", rf"\b(?P<det>the|this|last|next|that){WS}weekend\b"),
    ("season", rf"\b(?P<pre>(?:in|during|by|until|since|through|over|this|last|next|the|"
               rf"early|late|mid)[-\s]+(?:the{WS})?)?(?P<season>{SEASON})\b(?!-)"
               rf"(?:{WS}(?:of{WS})?(?P<y>{YEAR})\b)?"),
    ("holiday", rf"\b(?P<h>{HOLIDAY})(?:(?:,|{WS}of|{WS}in)?{WS}(?P<y>{YEAR}))?\b"),
    ("ago", rf"(?:\b(?P<amod>{AMOUNT}){WS})?\b(?P<num>{NUMBER})?{WS}?(?P<unit>{UNIT})s?"
            rf"(?:{WS}or{WS}so)?{WS}ago\b"),
    ("offset", rf"(?:\b(?P<amod>{AMOUNT}){WS})?\b(?P<num>{NUMBER}){WS}(?P<unit>{UNIT})s?"
               rf"(?P<dir>{WS}(?:later|earlier|before|after|afterwards?|previously))\b"),
    ("bare_offset", rf"\b(?P<unit>{UNIT})s(?P<dir>{WS}(?:later|earlier|before|after))\b"),
    ("duration", rf"(?:\b(?P<amod>{AMOUNT}){WS})?(?:\b(?P<the>the|a|an){WS}(?:(?P<rel>past|last|"
                 rf"next|first|coming|previous|following|final|latest|remaining|ensuing|"
                 rf"entire|full|whole|same|better{WS}part{WS}of{WS}the){WS})?)?"
                 rf"\b(?P<num>{NUMBER})(?P<frac>{WS}1/2|{WS}and{WS}a{WS}half)?"
                 rf"(?:{WS}(?:more|additional|further|extra))?(?P<sep>{WS}|-)"
                 rf"(?P<unit>{UNIT})s?\b(?P<old>-old)?(?P<half>{WS}and{WS}a{WS}half\b)?"),
    ("plural_units", rf"\b(?P<pre>for|in|within|over|take|took|takes|taking|spend|spent|last|"
                     rf"lasted|recent|coming|the{WS}coming|the{WS}next|the{WS}past|"
                     rf"the{WS}last|the{WS}previous|several){WS}(?P<unit>{UNIT})s\b"),
    ("set_every", rf"\b(?P<q>every|each|per)(?:{WS}(?P<num>{NUMBER}|other))?{WS}"
                  rf"(?P<unit>{UNIT}|season|{WEEKDAY}|{SEASON}|{PART}|{MONTH})s?\b"),
    ("set_times", rf"\b(?P<f>once|twice|thrice|{NUMBER}{WS}times){WS}(?:a|an|per|each|every)"
                  rf"{WS}(?P<unit>{UNIT})\b"),
    ("set_rate", rf"(?:\d|\bpercent|\bdollars|\bcents|\bmillion|\bbillion|\btons?|\bbarrels)"
                 rf"{WS}(?P<x>(?:a|per){WS}(?P<unit>year|month|week|day|hour))\b"),
    ("set_adverb", rf"\b(?P<w>{_alt(SET_ADVERBS)})\b"),
    ("clock", rf"\b(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d\d))?(?:{WS}?(?P<ap>[ap]\.m\.|[ap]m\b|[ap]\.m\b|"
              rf"o'clock\b)(?:{WS}(?P<tz>[A-Z]{{1,2}}[SD]T|GMT|UTC)\b)?|"
              rf"(?<=:\d\d){WS}(?P<tz24>(?-i:[A-Z]{{1,2}}[SD]T|GMT|UTC|BST|CET))\b)"
              rf"(?:{WS}(?:on{WS})?(?P<day>today|tomorrow|yesterday|tonight|{WEEKDAY})|"
              rf",?{WS}(?:on{WS})?(?P<mon>{MONTH_ANY}){WS}?(?P<d>\d{{1,2}})\b(?!:\d|\.\d)"
              rf"(?:,?{WS}(?P<y>{YEAR})\b)?)?"),
    ("noon", rf"\b(?P<w>noon|midnight|midday)\b(?:{WS}(?:on{WS})?(?P<day>today|tomorrow|"
             rf"yesterday|{WEEKDAY}))?"),
]

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _PATTERNS
]

# A word every match of a rule holds: rules only run in windows around such words.
_UNITS = "second|minute|hour|day|night|week|month|quarter|year|decade|centur"
_UNIT_KEY = rf"\b(?:{_UNITS})"
_KEYS = {
    "iso": r"\d{4}-", "slash": r"\d/\d", "month_day": rf"\b{MONTH_ANY}\b",
    "day_month": rf"\b{MONTH_ANY}\b", "week_of": r"\bweek\s+of\b",
    "day_pair": r"\d\s+(?:and|or)\s+\d", "month_year": rf"\b{MONTH_ANY}\b",
    "month": rf"\b{MONTH}\b", "year_range": r"\d\d[-\u2013\u2014/]",
    "decade": r"0'?s\b", "century": "century", "year": r"(?:1[6-9]|20)\d\d",
    "spoken_year": r"\b(?:nineteen|twenty|thousand)\b",
    "quarter": r"\b(?:quarter|half|period)\b", "qcode": r"\b[QH][1-4]\b",
    "year_ago": r"\byear-(?:earlier|ago)\b", "fiscal_year": r"\byear\b",
    "relative": rf"\b(?:week|month|year|decade|century|season|{SEASON}|{WEEKDAY}|{MONTH})",
    "the_unit": _UNIT_KEY, "day_around": _UNIT_KEY,
    "anchored": rf"\b(?:{_UNITS}|morning|afternoon|evening|night)",  # a unit or a part of day
    "that_unit": r"\bthat\s+(?:same\s+)?(?:day|week|month|quarter|year)\b",
    "year_end": r"\byear(?:'s)?[-\s]+end\b",
    "full_year": r"\bfull\s+year\b", "decade_word": r"ties\b",
    "deictic": r"\b(?:today|tonight|tomorrow|yesterday|now|currently|current|recently|recent|"
               r"nowadays|lately|previously|formerly|soon|overnight|days|present|moment|"
               r"future|past|time|night|term)\b",
    "part_of_day": PART, "weekday": WEEKDAY, "weekend": "weekend", "season": SEASON,
    "holiday": r"(?-i:Christmas|Year|Thanksgiving|Halloween|Day\b)", "ago": r"\bago\b",
    "offset": r"\b(?:later|earlier|before|after|afterwards?|previously)\b",
    "bare_offset": r"\b(?:later|earlier|before|after)\b",
    "duration": _UNIT_KEY, "plural_units": _UNIT_KEY, "set_every": r"\b(?:every|each|per)\b",
    "set_times": r"\b(?:once|twice|thrice|times)\b",
    "set_rate": r"(?:\d|percent|dollars|cents|million|billion|tons?|barrels)\s+(?:a|per)\s",
    "set_adverb": rf"\b{_alt(SET_ADVERBS)}\b",
    "clock": r"[ap]\.?m\b|o'clock|\d:\d\d\s+(?-i:[A-Z]{1,2}[SD]T|GMT|UTC|BST|CET)\b",
    "noon": r"noon|midnight|midday",
}
# A key that opens with a word boundary and a word, or a choice of words.
_OPENING_WORDS = re.compile(r"\\b(?:([a-z]+)|\(\?:((?:[a-z]+\??\|)*[a-z]+\??)\))")


def _scannable(key: str) -> str:
    """Return a regex that matches where key matches, in a form the regex engine finds fast.

    "\\bago" is tried at every position of a text; "ago(?<!\\w.{3})", the same test with
    the word boundary checked behind the word, only where the text holds "ago".
    """
    m = _OPENING_WORDS.match(key)
    if m is None:
        return key
    if m[1]:
        return _after_boundary(m[1]) + key[m.end():]
    return "(?:" + "|".join(map(_after_boundary, m[2].split("|"))) + ")" + key[m.end():]


def _after_boundary(word: str) -> str:
    """Return "\\b" + word, with the word boundary checked behind its required letters."""
    letters = word[:-2] if word.endswith("?") else word
    if not letters:
        return rf"\b{word}"
    return rf"{letters}(?<!\w.{{{len(letters)}}}){word[len(letters):]}"


KEYS = {name: re.compile(_scannable(key), re.IGNORECASE) for name, key in _KEYS.items()}
# Keys with no capital letters run case-sensitively on the lowercased text, which is faster.
_LOWER_KEYS = {name: re.compile(_scannable(key)) for name, key in _KEYS.items()
               if not any(c.isupper() for c in re.sub(r"\\.", "", key))}
_REACH, _FORWARD = 70, 70


def _windows(key: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Return merged windows of text around the matches of key."""
    windows: list[tuple[int, int]] = []
    for m in key.finditer(text):
        start, end = max(0, m.start() - _REACH), min(len(text), m.end() + _FORWARD)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def candidates(text: str) -> list[tuple[str, re.Match[str]]]:
    """Return every (rule name, match) the patterns find in text, in no particular order."""
    found = []
    lower = text.lower()
    same_length = len(lower) == len(text)
    windows: dict[str, list[tuple[int, int]]] = {}
    for name, pattern in PATTERNS:
        key = _KEYS[name]
        if key not in windows:
            if same_length and name in _LOWER_KEYS:
                windows[key] = _windows(_LOWER_KEYS[name], lower)
            else:
                windows[key] = _windows(KEYS[name], text)
        for start, end in windows[key]:
            found.extend((name, m) for m in pattern.finditer(text, start, end)
                         if m.end() > m.start())
    return found
