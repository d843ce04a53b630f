"""Guess the tense of the sentence around an expression: past, present or future."""

from __future__ import annotations

import bisect
import re

from ..hints import Hinted, lowered

PAST, PRESENT, FUTURE = "past", "present", "future"

_IRREGULAR_PAST = frozenset("""
    was were had did said told took came went saw made gave got left met won lost sent held
    began fell rose paid sold bought found thought brought became built spent ran wrote spoke
    chose struck led kept felt knew grew drew threw broke stood sat fought caught taught sought
    meant understood shot hung flew forgot forgave hid lay laid lit rode rang sang sank shook
    slept slid spun stole stuck stung swore swept swam swung tore woke wore wound ago
    yesterday has have hadn't wasn't weren't didn't
""".split())
_AUXILIARY = frozenset("""
    be been being is are am was were has have had will would to get got gets
""".split())
_MODALS = frozenset("will 'll shall would could can might should must may to".split())
_DETERMINERS = frozenset("the a an its his her their our your my".split())
_ADVERBS = frozenset("not also already just still never ever n't reportedly".split())
_FUTURE = frozenset("""
    can will 'll shall won't would might should wouldn't tomorrow next upcoming coming
    soon plans plan intends aims hopes expects scheduled slated due
""".split())
_SCHEDULED = frozenset("due scheduled slated expected set planned".split())
_PRESENT = frozenset("""
    is are am isn't aren't remains remain begins begin starts start opens open ends end
    resumes resume runs meets meet holds takes continues continue says
""".split())
# Present reporting verbs: "the report says" tells who reports, not when the reported
# clause happens, so any other verb of the sentence governs before them.
_REPORTING = frozenset("says".split())
# -ed words that are not past verbs.
_NOT_PAST = frozenset("""
    need needed speed feed seed bed red shed hundred indeed proceed exceed succeed breed
    bred weed greed deed creed ahead united limited based related detailed
    expected scheduled planned supposed set slated
""".split())
_FUTURE_PHRASE = re.compile(
    r"\b(?:going to|is to|are to|set to|expected to|scheduled to|planned to|planning to|"
    r"due to (?:be|begin|start|open|resume|take|meet|end|hold|close|vote|arrive|finish)|"
    r"slated to|poised to|about to|would|(?-i:effective(?= [A-Z\d])))\b", re.IGNORECASE)
# An order or a promise looks ahead from its own day: "ordered the secretaries to visit the
# site on Friday", "agreed to meet on Monday". The infinitive's "to" is the marker.
_DIRECTED = re.compile(
    r"\b(?:ordered|asked|urged|agreed|promised|pledged|vowed|decided|invited|directed|"
    r"instructed|summoned|called on)\s+(?:[A-Za-z.'’,-]+\s+){0,12}?(?P<to>to)\s+"
    r"(?!have\b|be\s+\w+ed\b|the\b|a\b|an\b|his\b|her\b|their\b|its\b)[a-z]+\b",
    re.IGNORECASE)
# A period that ends an abbreviation, not a sentence: "Aug. 21", "Mr. Smith", "St. Louis".
_ABBREVIATION = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gen|Gov|Sen|Rep|"
    r"Lt|Col|Sgt|Capt|Prof|No|Vol)\.$")
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n\s*\n")


class TenseGuesser:
    """Answer the tense of the words around a span of one text, scanning the text once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentence_starts = [0] + [
            m.end() for m in _SENTENCE_END.finditer(text)
            if not _ABBREVIATION.search(text, max(0, m.start() - 5), m.start() + 1)]
        self.positions: list[int] = []
        self.tenses: list[str] = []
        self.reporting: set[int] = set()
        previous = ""
        for m in _WORD.finditer(text):
            word = m.group().lower()
            tense = _word_tense(word)
            if tense is None:  # what follows only takes a tense away or changes it
                if word not in _ADVERBS:
                    previous = word
                continue
            # A participle after an auxiliary ("will be named") takes the auxiliary's tense.
            # A bare verb after a modal ("will meet") takes the modal's tense.
            if tense == PRESENT and previous in _MODALS:
                tense = None
            if previous in _DETERMINERS and (word in ("plan", "plans") or word.endswith("ed")):
                tense = None  # "the plan", "an unspecified date": a noun or an adjective
            if word == "next" and text[m.end():m.end() + 4].lower() == " to ":
                tense = None  # "next to the embassy" is a place
            if word in ("plan", "plans") and text[m.end():m.end() + 4].lower() != " to ":
                tense = None  # "vacation plans" is a noun; "plans to" looks ahead
            if tense == FUTURE and previous == "been" and word in _SCHEDULED:
                tense = PAST  # "had been due to expire": a plan in the past
            if tense == PAST and previous in ("and", "or") and word.endswith("ed"):
                tense = None  # "would be deployed and hooked up": the first verb's tense
            if tense and not (tense == PAST and previous in _AUXILIARY):
                self.positions.append(m.start())
                self.tenses.append(tense)
                if word in _REPORTING:
                    self.reporting.add(m.start())
            if word not in _ADVERBS:
                previous = word
        ahead = [m.start() for m in _FUTURE_PHRASE.finditer(text)
                 if text[max(0, m.start() - 5):m.start()].lower() != "been "]
        ahead += [m.start("to") for m in _DIRECTED.finditer(text)]
        for at in sorted(ahead):
            # After any marker of the same word, so that "is to" outweighs "is".
            i = bisect.bisect_right(self.positions, at)
            self.positions.insert(i, at)
            self.tenses.insert(i, FUTURE)

    def sentence(self, start: int) -> tuple[int, int]:
        """Return the bounds of the sentence holding offset start."""
        i = bisect.bisect_right(self.sentence_starts, start) - 1
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return self.sentence_starts[i], end

    def tense(self, start: int, end: int, default: str = PAST) -> str:
        """Return the tense of the marker nearest the span start..end in its sentence."""
        first, last = self.sentence(start)
        lo = bisect.bisect_left(self.positions, first)
        hi = bisect.bisect_left(self.positions, last)
        # The nearest marker before the span governs; failing that, the nearest after it.
        # A reporting verb governs only a sentence with no other marker.
        before = bisect.bisect_left(self.positions, start, lo, hi)
        after = bisect.bisect_left(self.positions, end, lo, hi)
        order = [*range(before - 1, lo - 1, -1)[:1], *range(after, hi)]
        if before > lo and self.positions[before - 1] in self.reporting:
            order = [*range(after, hi), *range(before - 1, lo - 1, -1)]
        for i in order:
            if self.positions[i] not in self.reporting:
                return self.tenses[i]
        return self.tenses[order[0]] if order else default


def _word_tense(word: str) -> str | None:
    if word in _FUTURE:
        return FUTURE
    if word in _IRREGULAR_PAST:
        return PAST
    if word in _PRESENT:
        return PRESENT
    if len(word) >= 5 and word.endswith("ed") and word not in _NOT_PAST:
        return PAST
    return None


PLANNED, EXPECTED = "planned", "expected"
# Verbs that "due to" plans ("due to open in June"); before anything else it gives a cause.
_DUE_VERBS = ("be|begin|start|open|resume|take|meet|end|hold|close|vote|arrive|finish|leave|"
              "return|visit|launch|sign|expire|decide|rule|testify|appear|report|announce|"
              "release|publish|complete|go|make|give|face|hear|deliver|present|submit|travel")
# A clause that tells what is to happen: a firm plan, announced or scheduled. Each branch
# comes with the words one of which its every match holds (see hints), so that a clause is
# searched only with the branches it may match; "is to" and "was not to" spread their words
# over any white space, and "to" is all they share.
_PLANNED_BRANCHES = (
    (r"(?<!\bthe )(?<!\bher )(?<!\bhis )(?<!\btheir )(?<!\bits )(?<!\bgood )(?-i:\bwill\b)",
     ("will",)),
    (r"\bshall\b|\bwon[’']t\b|[’']ll\b|\bgoing to\b", ("shall", "won", "'ll", "’ll", "going to")),
    (r"\b(?:plans?|planning|planned|intends?|intending|intended|aims?|aiming|aimed)\s+to\b",
     ("plan", "intend", "aim")),
    (r"\b(?:is|are|am|was|were)\s+(?:not\s+)?to\s+(?!blame\b|be blamed\b)[a-z]+", ("to",)),
    (r"\b(?:set|scheduled|slated|poised|about)\s+to\b"
     r"|\b(?:scheduled|slated|due)\s+(?:for|on|in|by|next|this|later)\b"
     r"|\b(?:planned|set)\s+(?:for|next|this|later)\b"
     r"|\b(?:is|are|was|were)\s+due\b(?!\s+to\b)"
     rf"|\bdue\s+to\s+(?:{_DUE_VERBS})\b",
     ("set", "scheduled", "slated", "poised", "about", "due", "planned")),
    (r"\bto be held\b|\bto take place\b", ("to be held", "to take place")),
)
_PLANNED = tuple(Hinted(re.compile(branch, re.IGNORECASE), *words)
                 for branch, words in _PLANNED_BRANCHES)
# A clause that tells what may happen: a forecast, a hope or a possibility.
_EXPECTED = re.compile(
    r"\b(?:expected|likely|unlikely|predicted|forecast|projected|anticipated|hoping|hoped)\s+to\b"
    r"|\b(?:is|are|was|were|be|been)\s+(?:widely\s+)?(?:expected|anticipated|forecast|predicted)\b"
    r"|(?<!\bthe )(?<!\btheir )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\bour )(?<!\bany )"
    r"\b(?:expects?|hopes?|anticipates?|predicts|forecasts)\b(?!\s+(?:for|of)\b)"
    r"|(?<!\bthe )(?<!\bits )(?<!\bmilitary )\bmight\b|\bcould\b|(?-i:\bmay\b)|\bshould\b"
    r"|\bwould\b",
    re.IGNORECASE)
# A modal before "have" speculates about the past or tells what did not happen.
_MODAL_HAVE = re.compile(r"\b(?:could|may|might|would|should|must|will)\s+(?:not\s+)?have\b",
                         re.IGNORECASE)
# Markers before a reporting verb tell of the saying, not of what is said.
_SAYING = re.compile(r"\b(?:said|says|say|told|tells|announced|added|reported|stated|wrote)\b",
                     re.IGNORECASE)
_WOULD = re.compile(r"\bwould\b", re.IGNORECASE)
_HINTED_SAYING = Hinted(_SAYING, "said", "say", "told", "tells", "announced", "added", "reported",
                        "stated", "wrote")
_HINTED_MODAL_HAVE = Hinted(_MODAL_HAVE, "have")
_HINTED_EXPECTED = Hinted(_EXPECTED, "expect", "likely", "predict", "forecast", "projected",
                          "anticipat", "hop", "might", "could", "may", "should", "would")


def clause_mood(text: str, after_publication: bool | None = None) -> str | None:
    """Return "planned" or "expected" when a clause tells what is still to happen, else None.

    text is the clause up to its event's word and its date ("Repairs are expected to begin
    in"). A firm plan ("will", "is to", "scheduled to", "plans to", "due to open") is
    "planned"; a forecast or a possibility ("expected to", "likely to", "could", "may") is
    "expected", which wins where both are told ("will likely"). Only the words after the
    clause's last reporting verb count: in "officials who would not comment said it opened",
    the "would" is not the opening's. A modal before "have" ("may have begun") speculates
    about the past: no plan. A plan told in the past ("was scheduled to open ... but") is
    still no fact. "Would" alone reports a plan only when the date is after publication
    (after_publication, None if unknown): "he said he would resign on Friday" written after
    Friday most likely dates the saying.
    """
    sayings = list(_HINTED_SAYING.finditer(text))
    if sayings:
        text = text[sayings[-1].end():]
    lower = lowered(text)
    text = _HINTED_MODAL_HAVE.sub(" ", text, lower)
    expected = [m for m in _HINTED_EXPECTED.finditer(text, lower)
                if after_publication is not False or not _WOULD.fullmatch(m.group())]
    if expected:
        return EXPECTED
    if any(branch.search(text, lower) for branch in _PLANNED):
        return PLANNED
    return None
