"""Hold the word tables of English time expressions."""

from __future__ import annotations

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

# Unit code of each unit word (MIN for minutes, so months keep M).
UNITS = {
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
    "century": "CE", "centurie": "CE",
}
SET_ADVERBS = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2,
    "couple": 2,
}
VAGUE_NUMBERS = ("a few", "few", "several", "some", "many", "a couple of", "a couple",
                 "couple of", "the past few", "numerous", "countless")
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4, "last": 4,
}

# Words that qualify a span: the TimeML mod they give.
POINT_MODS = {
    "early": "START", "earlier": "START", "the beginning of": "START", "the start of": "START",
    "the dawn of": "START", "mid": "MID", "mid-": "MID", "the middle of": "MID",
    "the mid": "MID", "late": "END", "later": "END", "the end of": "END",
    "the close of": "END",
}
AMOUNT_MODS = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
    "under": "LESS_THAN", "fewer than": "LESS_THAN", "more than": "MORE_THAN",
    "over": "MORE_THAN", "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "just over": "MORE_THAN",
    "just under": "LESS_THAN", "well over": "MORE_THAN", "only": None, "just": None,
}

# Time words a one-letter typo of which is still read as the word.
FUZZY_TARGETS = (
    [w for w in MONTHS if len(w) >= 4] + list(WEEKDAYS) + list(SEASONS)
    + ["year", "years", "month", "months", "week", "weeks", "weekend", "decade", "decades",
       "yesterday", "today", "tomorrow", "tonight", "morning", "afternoon", "evening",
       "quarter", "century", "minutes", "hours", "days", "autumn"]
)
# Common words one edit away from a time word, never read as typos.
NOT_TYPOS = frozenset("""
    weak near hear dear wear bear fear gear tear rear sear pear yeah yearn mouth moth
    months' mondays sundays fridays day's days' dais daisy weeks' wee seek week's meek
    reek peek week-end fail falls tall hall wall ball call mall wall winner wintry
    summers summery summed hours' ours tours yours four pours sours hoers minute mines
    decide decode today's toddy monthly weekly yearly hourly daily marches mayday
    tonight's quarters quartet century's sprint string sprung spring's fall's
""".split())

# Determiners after which an unknown word is checked for a typo of a time word.
FUZZY_CONTEXT = frozenset(
    "last this next past coming previous following every each per early late mid in on "
    "since until by of".split())
