"""Detect event candidates: clauses that report something happening, with its date."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from typing import NamedTuple

from generator.chronology import FUTURE_MARGIN_DAYS, Listing, listings
from generator.dating import anchored_span, clip_to, narrow, value_for_ends, value_for_span
from generator.hints import Hinted
from generator.lexicon import (
    CLAUSE_OPENERS,
    IRREGULAR_PAST,
    LIGHT_VERBS,
    STOPWORDS,
    lemma,
)
from generator.models import Article, Candidate, Sentence, Timex
from generator.temporal.normalize import looks_ahead
from generator.temporal.tense import clause_mood
from generator.temporal.values import precision
from generator.temporal.values import span as value_span

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:[-–]\d+(?:[.,]\d+)*)?|\w+(?:[’'.-]\w+)*|[^\w\s]")
_BREAK_PUNCT = set(",;:()[]–—")
# A denial reported by the sentence; "confirmed or denied" reports none.
_DENIAL = re.compile(r"(?<!\bor )(?<!\bnor )\b(?:den(?:y|ies|ied|ying)|dispute[sd]?|disputing|"
                     r"reject(?:s|ed)?|refute[sd]?|dismiss(?:es|ed)?)\b", re.IGNORECASE)
_HINTED_DENIAL = Hinted(_DENIAL, "den", "disput", "reject", "refute", "dismiss")
_LEADING_JUNK = re.compile(
    r"^(?:(?:and|but|so|however|meanwhile|although|though|while|after|before|since|as|"
    r"that|which|who|when|despite|this came after|it (?:also )?follows|this follows|"
    r"it came after|in addition|also|then|later|earlier|still)\b[\s,]*)+",
    re.IGNORECASE,
)
_DATE_PREPOSITION = re.compile(r"(?:\b(?:in|on|at|by|over|during|since|until|from|of|"
                               r"through|throughout|around|about|before|after)\s+)?$",
                               re.IGNORECASE)
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "these", "those", "this",
                "that", "some", "any", "no", "every"}
_BE = {"is", "are", "was", "were", "be", "been", "being", "am"}
_COORDINATORS = {"or", "nor", "and"}
_RELATIVE_PRONOUNS = {"which", "who", "whom", "whose"}
# Between two dates of one verb: alternatives ("Monday or Tuesday") or the ends of one span
# ("Wednesday to Friday", "from May through July").
_ALTERNATIVE = re.compile(r"\b(?:or|either|to|through|thru|until|till)\b|^\s*[-–—]\s*$",
                          re.IGNORECASE)
# The two ends of a span of days: "from July through September", "between June and August".
_SPAN_FROM = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.IGNORECASE)
_SPAN_TO = re.compile(r"\s*(?:to|through|thru|until|till|and|[-–—])\s*(?:the\s+)?", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]+")
_POSSESSIVE = re.compile(r"(?:’s|'s)$")
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")
_TRAILING_FUNCTION = re.compile(r"(?:\s+(?:the|a|an|of|to|in|on|at|for|by|with|and|or|"
                                r"from|under|its|their|his|her))+$", re.IGNORECASE)
# Families of verbs that tell of another event rather than name one.
_TELLING = {"say", "report"}
# A year or year range that names a period or event ("the 1950-53 Korean War", "since the
# 2008 financial crisis") dates that noun phrase only: never the clause's verb.
_PERIOD_NOUNS = {"war", "wars", "crisis", "election", "elections", "olympics", "games",
                 "earthquake", "quake", "summit", "recession", "crash", "spill", "disaster",
                 "uprising", "revolution", "invasion", "campaign", "tsunami", "hurricane",
                 "flood", "floods", "riots", "referendum", "conflict", "scandal", "coup",
                 "storm", "famine", "depression", "bailout", "meltdown", "bombing", "bombings",
                 "attacks", "cup", "championship", "championships", "season"}
_DAY_TEXT = re.compile(r"^(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?$")
# Words after a date that go on the clause, not a noun the date modifies.
_NOT_MODIFIED = {"and", "when", "after", "before", "until", "while", "ago", "onwards", "through"}
# "... after Hurricane Katrina", "... following the Exxon Valdez spill": an anchor named.
_ANCHOR_NAME = re.compile(r"\s+(?:after|before|following|since|preceding)\s+(?:the\s+)?"
                          r"(?P<name>(?-i:[A-Z][\w’'-]+)(?:\s+(?-i:[A-Z][\w’'-]+))*)")
_ANCHOR_NOUN = re.compile(r"\s+(?:after|before|following|preceding)\s+the\s+"
                          r"(?P<name>(?-i:[a-z][\w’'-]{2,}))\b")
_ANCHOR_CLAUSE = re.compile(r"\s+(?:after|before)\s+(?:he|she|it|they|we|you|I)\s+[a-z]+",
                            re.IGNORECASE)
# A reporter's note that a source was asked and gave nothing: no event.
_NO_COMMENT = re.compile(
    r"\b(?:could not|couldn[’']t|cannot|can[’']t) be reached\b|\bdeclined to comment\b|"
    r"\b(?:did not|didn[’']t) (?:immediately )?(?:respond|return|reply)\b|"
    r"\bwas not (?:immediately )?available for comment\b|\bno one was available\b",
    re.IGNORECASE)
_COMPARATIVE_TIMEX = re.compile(r"(?:more|less|fewer|higher|lower)\s+than\s", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(r"\d[\d,.]*\s*(?:%|percent|per cent)?\s+$")
_NAME_OF_BEFORE = re.compile(r"\b(?-i:[A-Z][\w’'-]+)\s+of\s+$")
_YEARS = re.compile(r"^(\d{4})(?:\s*[-–]\s*(\d{2}|\d{4}))?$")
_NAMING_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|our|this|that)|[’']s)\s+"
                            r"(?:(?:official|original|formal|planned|scheduled|proposed|new|"
                            r"initial|first|final|expected)\s+)?$",
                            re.IGNORECASE)
# A comparison's baseline: "up from Friday's figure", "higher than in 2009", "compared with
# last year". Its date is the baseline's, never the news's.
_BASELINE_BEFORE = re.compile(
    r"(?:\b(?:up|down|rises?|rising|rose|falls?|falling|fell|increased?|decreased?|jump(?:ed|s)?|"
    r"drop(?:ped|s)?|climb(?:ed|s)?|slip(?:ped|s)?|gain(?:ed|s)?)\s+from|"
    r"(?<!later )(?<!earlier )(?<!sooner )\bthan|\bcompared\s+(?:with|to)|\bagainst|"
    # "dropped from about $5.6 million in 1993 to ...": where a change started
    r"\bfrom\s+(?:about\s+|around\s+|nearly\s+|roughly\s+|some\s+)?[$£€]?\d[\d,.]*\s*"
    r"(?:million|billion|bn|m|percent|per\s+cent|%)?(?:\s+\w+)?\s+(?:in|on|at|during)?)"
    r"\s+(?:(?:the|a|its|their|his|her|on|in|at|of|levels?|figures?|close)\s+){0,3}$",
    re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s*([\w’'-]+)")
_OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|\d+))*")
_WORDS = re.compile(r"[a-z’']+")
# Words of a clause of its own: "told the BBC it was ahead of schedule in August".
_FINITE = {"is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
           "could", "should", "may", "might", "can", "that", "it's", "it’s"}
_MONTH_NAME = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
                         re.IGNORECASE)
_NOT_PAST_BEFORE = re.compile(r"\b(?:is|are|am|be|being|to|will|would|’ll|'ll)\s+(?:\w+ly\s+)?$",
                              re.IGNORECASE)
_FRONTED = re.compile(r"\W*(?:in|on|during|since)\s+(?:(?:early|mid|late)[-\s]+)?",
                      re.IGNORECASE)
_YEAR_DIGITS = re.compile(r"\d{4}|'\d\d")
_MONTH_OR_DAY = re.compile(r"^\d{4}-\d\d(?:-\d\d)?$")
_PAST_LEAD = re.compile(r"\b(?:in|on|during|since)\s+(?:(?:early|mid|late)[-\s]+)?$",
                        re.IGNORECASE)
# A habit: a holiday or weekday repeated ("every Christmas", "he used to ... on Sunday").
_EVERY_BEFORE = re.compile(r"\b(?:every|each|all)\s+$", re.IGNORECASE)
_HABIT = re.compile(r"\b(?:used to|would (?:always|usually|often)|always|usually|"
                    r"traditionally|every year|each year)\b", re.IGNORECASE)
# A figure for a period: a state of things, not something that happened.
_MEASURE = re.compile(
    r"\b(?:valued at|worth about|account(?:ed|ing|s)? for|totall?(?:ed|ing)|amount(?:ed|ing) to|"
    r"stood at|made up|averag(?:ed|ing))\b\s+(?:about\s+|around\s+|nearly\s+|some\s+|"
    r"roughly\s+|more than\s+|less than\s+|almost\s+|just\s+)?[$£€#]?\s?\d|"
    r"\d\s*(?:%|percent|per cent)\s+(?:more|less|fewer|higher|lower)\b",
    re.IGNORECASE)
_CAN = re.compile(r"\bcan(?:not)?\b", re.IGNORECASE)
_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d")
_PLURAL_FOR = re.compile(r"\b\w{3,}[^s\W]s\s+for\s+$", re.IGNORECASE)
# A verb in the third person present, as a chronology tells its events ("arrives", "tries").
_PRESENT_VERB = re.compile(r"[a-z]{2,}s(?<!ss)(?<!us)(?<!is)(?<!ics)(?<!ways)")
_NOT_PRESENT_VERBS = {"was", "has", "its", "as", "yes", "perhaps", "news", "series", "whereas",
                      "plus", "towards", "afterwards", "besides", "does", "goes"}
# Where a chronology line's account of its event ends: a semicolon or a dash between words.
_LISTED_STOP = re.compile(r";\s|\s(?:--|[–—])\s")
# Words that lead a date opening a clause: "and at the weekend", "and on Monday".
_DATE_LEADS = {"at", "on", "in", "by", "during", "over", "since", "until", "from"}
# The prepositions of a date that stands alone after its clause ("..., on Monday."); "since"
# and the like qualify a comparison ("the biggest campaign since the 1980s").
_BARE_LEADS = {"on", "at", "in", "during"}
# All a clause holds besides its date when the date dates the clause before it.
_BARE_WORDS = _DATE_LEADS | {"and", "or", "then", "again", "also", "later", "earlier", "the"}
_PREPOSITIONS = {"in", "on", "at", "for", "from", "to", "with", "during", "after", "before",
                 "since", "over", "into", "under", "near", "of", "by", "about", "against"}
_NON_EVENT_ED = {"hundred", "red", "need", "speed", "bed", "seed", "feed", "breed", "shed",
                 "wed", "led", "sacred", "naked", "wicked", "beloved", "aged", "ragged"}


class _Token(NamedTuple):
    start: int
    end: int
    text: str


def _tokens(sentence: Sentence) -> list[_Token]:
    """Return a sentence's words, numbers and punctuation, with offsets into the article."""
    base = sentence.start
    return [_Token(m.start() + base, m.end() + base, m.group())
            for m in _TOKEN.finditer(sentence.text)]


def detect_candidates(
    article: Article,
    text: str,
    sentences: list[Sentence],
    timexes: list[Timex],
    triggers: dict[str, tuple[str, str, bool]],
) -> list[Candidate]:
    """Return the dated events that the article's sentences report."""
    candidates: list[Candidate] = []
    previous: Candidate | None = None
    by_sentence = _group(sentences, timexes)
    listed = listings(text, sentences, article.date)
    for index, (sentence, found) in enumerate(by_sentence):
        if (listing := listed.get(index)) is not None:
            # A chronology's line is dated by its own lead; its other dates tell other events.
            found = [t for t in found
                     if not (t.start < listing.date_end and listing.date_start < t.end)]
            candidate = None if listing.clock else _listed_candidate(
                article, text, sentence, listing, found, triggers)
            if candidate is not None:
                candidates.append(candidate)
                previous = candidate
        if not found:
            continue
        # What does not depend on the date is worked out once per sentence, so that a
        # sentence with many dates costs in proportion to its length, not to its dates cubed.
        parsed = _ParsedSentence(sentence, found, triggers)
        entities = _entities(sentence, found)
        told: list[_Told] = []  # the sentence's candidates, before one is kept per event
        for timex in found:
            if _is_habit(text, sentence, timex):
                continue
            if _NO_COMMENT.search(text, max(sentence.start, timex.start - 80),
                                  min(sentence.end, timex.end + 40)):
                continue  # "could not be reached late last week": the reporter's note
            if _is_baseline(text, sentence, timex):
                continue  # "up from Friday's figure": the date of what the news is measured by
            named = _named_period(text, timex)
            bounds = None if _anchored_elsewhere(text, timex, previous) else _timex_span(
                timex, previous, article.date)
            if bounds is None:
                continue
            if named is not None:
                if not named[1]:
                    continue  # a year inside a name ("the 2003 agency letter") dates no clause
                candidate = _named_candidate(article, text, sentence, timex, bounds, named,
                                             triggers, entities)
                told.append(_Told(candidate, None, 0))
                previous = candidate
                continue
            trigger = parsed.trigger(timex)
            if trigger is None:
                continue
            token, family, category, index, is_verb = trigger
            clause = parsed.clauses[index]
            start, end = bounds
            value = timex.value if timex.anchor_offset is None else value_for_span(start, end)
            after = None if article.date is None else start > article.date
            status = _mood(text, clause, token, timex, after)
            # A plan keeps its date ahead of the article; a fact cannot have happened later.
            if article.date is not None and status is None:
                clipped = clip_to(start, end, article.date)
                if clipped is None and is_verb and _told_past(text, sentence, timex, token):
                    # "Engineers warned the council about cracks in February", in January:
                    # a past verb's yearless month or day, resolved ahead, is last year's.
                    earlier = dataclasses.replace(
                        timex, value=f"{int(timex.value[:4]) - 1:04d}{timex.value[4:]}")
                    if (bounds := _timex_span(earlier, previous, article.date)) is not None:
                        (start, end), value = bounds, earlier.value
                        clipped = clip_to(start, end, article.date)
                if clipped is None:
                    continue
                start, end = clipped
            candidate = Candidate(
                article=article, sentence=sentence, quote=quote_of(sentence), value=value,
                start=start, end=end, date_text=timex.text, trigger=token.text.lower(),
                family=family, trigger_is_verb=is_verb, category=category,
                clause=_title_clause(text, clause, timex),
                entities=entities,
                families=frozenset({family}) | parsed.families(index),
                disputed=parsed.disputed(index),
                status=status,
            )
            told.append(_Told(candidate, token.start, _distance(token, timex),
                              (timex.start, timex.end)))
            previous = candidate
        candidates += _one_per_event(told)
    return candidates


class _Told(NamedTuple):
    candidate: Candidate
    trigger_at: int | None  # where its trigger starts; None for a dated name's own event
    distance: int  # characters between its trigger and its date
    date_span: tuple[int, int] = (0, 0)  # the date expression's offsets in the article text


def _distance(token: _Token, timex: Timex) -> int:
    """Return how many characters lie between a trigger and a date expression."""
    if token.end <= timex.start:
        return timex.start - token.end
    return max(0, token.start - timex.end)


def _one_per_event(told: list[_Told]) -> list[Candidate]:
    """Return a sentence's candidates, one per event it tells, in the order they were found.

    Dates of one trigger that overlap ("June 8, 2010; 5:30 AM", "in 2019 ... on 4 June") or
    are alternatives ("could start late Monday or Tuesday") tell one event: the most precise
    date is kept, then the nearest to the trigger. Separate days joined otherwise ("held on
    Monday and on Tuesday") are each an occurrence. Triggers dated alike tell one event too:
    the one nearest its date is kept. A dated name's event is its own.
    """
    told = _spans_joined(told)
    by_trigger: dict[int, list[int]] = {}
    for i, t in enumerate(told):
        if t.trigger_at is not None:
            by_trigger.setdefault(t.trigger_at, []).append(i)
    chosen: list[int] = []
    for members in by_trigger.values():
        kept: list[int] = []
        for i in sorted(members, key=lambda i: _rank(told, i)):
            if not kept or all(_separate(told[i], told[k]) for k in kept):
                kept.append(i)
        chosen += kept
    by_days: dict[tuple[dt.date, dt.date], int] = {}
    for i in sorted(chosen):
        c = told[i].candidate
        best = by_days.get((c.start, c.end))
        if best is None or (told[i].distance, i) < (told[best].distance, best):
            by_days[(c.start, c.end)] = i
    kept_all = set(by_days.values())
    return [t.candidate for i, t in enumerate(told) if t.trigger_at is None or i in kept_all]


def _spans_joined(told: list[_Told]) -> list[_Told]:
    """Return the candidates with "from July through September" told as one span of days.

    The two ends of a span ("from X to Y", "between X and Y") of one trigger date one event
    over the whole span, never over its first or last part alone.
    """
    out = list(told)
    told_by_span: set[int] = set()  # the ends a joined span now tells
    for i, a in enumerate(told):
        for j, b in enumerate(told):
            if i == j or a.trigger_at is None or a.trigger_at != b.trigger_at:
                continue
            ca, cb = a.candidate, b.candidate
            text, base = ca.sentence.text, ca.sentence.start
            if a.date_span[1] > b.date_span[0] or not (ca.start <= cb.start and ca.end <= cb.end):
                continue
            between = text[a.date_span[1] - base:b.date_span[0] - base]
            before = text[max(0, a.date_span[0] - base - 9):a.date_span[0] - base]
            if not (_SPAN_FROM.search(before) and _SPAN_TO.fullmatch(between)):
                continue
            start, end = ca.start, cb.end
            joined = dataclasses.replace(
                ca, start=start, end=end, value=value_for_ends(start, end),
                date_text=text[a.date_span[0] - base:b.date_span[1] - base])
            out[i] = a._replace(candidate=joined, date_span=(a.date_span[0], b.date_span[1]))
            told_by_span.add(j)
    return [t for j, t in enumerate(out) if j not in told_by_span]


def _separate(a: _Told, b: _Told) -> bool:
    """Return whether two dates of one trigger are two occurrences, not one event's."""
    ca, cb = a.candidate, b.candidate
    if ca.start <= cb.end and cb.start <= ca.end:
        return False
    (first, second) = sorted([a.date_span, b.date_span])
    between = ca.sentence.text[first[1] - ca.sentence.start:second[0] - ca.sentence.start]
    return not _ALTERNATIVE.search(between)


def _rank(told: list[_Told], i: int) -> tuple[int, int, int, int]:
    """Return how a candidate ranks among the dates of its trigger, lowest best."""
    c = told[i].candidate
    return (c.end - c.start).days, precision(c.value), told[i].distance, i


def _listed_candidate(article: Article, text: str, sentence: Sentence, listing: Listing,
                      timexes: list[Timex],
                      triggers: dict[str, tuple[str, str, bool]]) -> Candidate | None:
    """Return the event a chronology's line tells, dated by the line's own date."""
    start, end = listing.start, listing.end
    if article.date is not None and not listing.ordered:
        if start > article.date + dt.timedelta(days=FUTURE_MARGIN_DAYS):
            return None  # a listed date still to come is a plan, not an event
        end = max(start, min(end, article.date))
    told = Sentence(listing.clause_start, sentence.end, text[listing.clause_start:sentence.end])
    clauses = _clauses(_tokens(told), timexes)
    if not clauses:
        return None
    index, token, is_verb = _listed_trigger(clauses, triggers)
    word = token.text.lower()
    entry = triggers.get(word)
    family, category = (entry[0], entry[1]) if entry else (
        _verb_info(word, triggers) or (lemma(word), "event"))
    first, own = clauses[0], clauses[index]
    # The line's own words, from its subject to the end of its first clause of substance.
    head = own[0].start
    if index and own[0].text[:1].islower() and first[0].text[:1].isupper() and len(first) <= 6:
        head = first[0].start
    stop = _LISTED_STOP.search(text, own[-1].end, sentence.end)
    words = (text[head:stop.start() if stop else sentence.end] if head == own[0].start else
             f"{text[head:first[-1].end]} {text[own[0].start:stop.start() if stop else sentence.end]}")
    words = _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", _LEADING_JUNK.sub("", words)))
    return Candidate(
        article=article, sentence=sentence, quote=quote_of(sentence), value=listing.value,
        start=start, end=end, date_text=text[listing.date_start:listing.date_end],
        trigger=word, family=family, trigger_is_verb=is_verb, category=category,
        clause=_TRAILING_FUNCTION.sub("", words.strip(" ,;:.–—-")) or told.text,
        entities=_entities(sentence, timexes + [Timex(listing.date_start, listing.date_end,
                                                      "", "DATE", listing.value)]),
        families=frozenset({family} | _families(_lowered(own), triggers)),
        disputed=is_denial(told.text) and _disputed(told, own),
        listed=True,
        # The line's own clause: "concern continues that the oil may harm ..." tells a fact,
        # whatever the clause it reports.
        status=clause_mood(text[own[0].start:own[-1].end], after_publication=False),
    )


def _listed_trigger(clauses: list[list[_Token]],
                    triggers: dict[str, tuple[str, str, bool]]) -> tuple[int, _Token, bool]:
    """Return (clause index, word, is verb) of what a chronology line says happened.

    A chronology tells its events in the present ("Rebels seize the port", "Sarkozy arrives
    in Libya"). In the first clause that has one, the verb is an event verb in -s, else any
    event verb, else a word in -s after the subject; failing all, the first event noun of
    the line, else its first word.
    """
    # A fronted phrase ("In his first comments, ...") holds no verb of the line's own.
    told = [i for i, clause in enumerate(clauses)
            if i + 1 == len(clauses) or clause[0].text.lower() not in _PREPOSITIONS] or [0]
    for index in told:
        clause = clauses[index]
        # The line's first word is its subject's; a later clause may open on its verb.
        verbs = [(tok, _listed_verb_rank(tok, clause[k - 1].text.lower() if k else "", triggers))
                 for k, tok in enumerate(clause) if k or index]
        ranked = [(rank, k, tok) for k, (tok, rank) in enumerate(verbs) if rank is not None]
        if ranked:
            return index, min(ranked)[2], True
    for index in told:
        for tok in clauses[index]:
            if tok.text.lower() in triggers:
                return index, tok, False
    return told[0], clauses[told[0]][0], False


def _listed_verb_rank(tok: _Token, before: str,
                      triggers: dict[str, tuple[str, str, bool]]) -> int | None:
    """Return how surely a word is a chronology line's verb, 0 the surest; None if it is none."""
    word = tok.text.lower()
    if before in _DETERMINERS:
        return None
    entry = triggers.get(word)
    present = (_PRESENT_VERB.fullmatch(tok.text) is not None and word not in _NOT_PRESENT_VERBS
               and before not in _PREPOSITIONS)
    if entry and entry[2] and present:
        return 0
    if (entry and entry[2]) or _verb_info(word, triggers, before):
        return 1
    return 2 if present else None


def _named_candidate(article: Article, text: str, sentence: Sentence, timex: Timex,
                     bounds: tuple[dt.date, dt.date], named: tuple[int, bool],
                     triggers: dict[str, tuple[str, str, bool]],
                     entities: frozenset[str]) -> Candidate:
    """Return the event a dated name tells ("the 1950-53 Korean War"): the name's, not the verb's."""
    name = _SPACES.sub(" ", text[timex.end:named[0]]).strip()
    head = next(w for w in reversed(re.findall(r"[\w’'-]+", name.split(" of ")[0])))
    if " " not in name:
        name = f"{timex.text} {name}"  # "2012 Games", not "Games"
    family, category = triggers.get(head.lower(), (lemma(head.lower()), "event", False))[:2]
    return Candidate(
        article=article, sentence=sentence, quote=quote_of(sentence), value=timex.value,
        start=bounds[0], end=bounds[1], date_text=timex.text, trigger=head.lower(),
        family=family, trigger_is_verb=False, category=category,
        clause=name, entities=entities,
        families=frozenset({family}),
    )


def quote_of(sentence: Sentence) -> str:
    """Return the sentence as quoted: its text, white space runs that hold a line break as one space."""
    if "\n" not in sentence.text:
        return sentence.text
    return _SPACES.sub(" ", sentence.text)


class _Verb(NamedTuple):
    at: _Token  # the verb as written
    token: _Token  # the verb that carries the event ("confirmed or denied": "confirmed")
    info: tuple[str, str]


class _ParsedSentence:
    """A sentence's clauses, with each clause's verbs and event nouns found once."""

    def __init__(self, sentence: Sentence, timexes: list[Timex],
                 triggers: dict[str, tuple[str, str, bool]]) -> None:
        self.sentence = sentence
        self.triggers = triggers
        self.clauses = _clauses(_tokens(sentence), timexes)
        self.starts = [c[0].start for c in self.clauses]
        self._verbs: dict[int, tuple[list[_Verb], list[int]]] = {}
        self._nouns: dict[int, list[tuple[_Token, tuple[str, str, bool]]]] = {}
        self._families: dict[int, frozenset[str]] = {}
        self._denials: list[int] | None = None
        # The clause a date in a fronted adjunct dates: the first later one that opens
        # with no clause opener ("In March, the ministry estimated ...").
        self.main = next((i for i, c in enumerate(self.clauses)
                          if i and c[0].text.lower() not in CLAUSE_OPENERS), None)

    def trigger(self, timex: Timex):
        """Return (token, family, category, clause index, is verb) of the event a date belongs to."""
        index = bisect.bisect_right(self.starts, timex.start) - 1
        if index > 0 and timex.start < self.clauses[index - 1][-1].end + 1:
            index -= 1  # the first clause that holds the date, as the clauses are read in order
        if index < 0 or not timex.start < self.clauses[index][-1].end + 1:
            return None
        own = index
        found = self._nearest_verb(index, timex)
        if found is None and index == 0 and self.main is not None:
            found = self._nearest_verb(self.main, timex)
            if found is not None:
                own = self.main
        if found is None and index > 0 and self._bare(index, timex):
            found, own = self._lone_date_verb(index, timex)
        is_verb = found is not None
        if found is None:
            found = self._first_noun(own, timex)
        if found is None:
            return None
        token, family, category = found
        return token, family, category, own, is_verb

    def families(self, index: int) -> frozenset[str]:
        """Return the families of every event word of a clause."""
        if index not in self._families:
            self._families[index] = frozenset(
                _families(_lowered(self.clauses[index]), self.triggers))
        return self._families[index]

    def disputed(self, index: int) -> bool:
        """Return whether the sentence reports a denial of the event a clause tells."""
        if self._denials is None:
            self._denials = [self.sentence.start + m.start()
                             for m in _HINTED_DENIAL.finditer(self.sentence.text)]
        clause = self.clauses[index]
        if not self._denials:
            return False
        if clause[0].text.lower() not in _RELATIVE_PRONOUNS:
            return True
        return any(clause[0].start <= d < clause[-1].end for d in self._denials)

    def _clause_verbs(self, index: int) -> tuple[list[_Verb], list[int]]:
        """Return a clause's verbs in order, and where each carrying verb ends."""
        if index not in self._verbs:
            clause = self.clauses[index]
            words = _lowered(clause)
            verbs = []
            for i, tok in enumerate(clause):
                info = _verb_info(words[i], self.triggers, words[i - 1] if i else "")
                if info is None:
                    continue
                carrier = tok
                # "confirmed or denied ...": the first of coordinated verbs carries the event.
                if i >= 2 and words[i - 1] in _COORDINATORS:
                    first = _verb_info(words[i - 2], self.triggers, words[i - 3] if i >= 3 else "")
                    if first is not None:
                        carrier, info = clause[i - 2], first
                verbs.append(_Verb(tok, carrier, info))
            self._verbs[index] = verbs, [v.token.end for v in verbs]
        return self._verbs[index]

    def _lone_date_verb(self, index: int, timex: Timex):
        """Return (verb, clause index) of the clause a date standing alone dates, else (None, index).

        After "and" it is fronted to the clause after it ("..., and on Monday, the army closed
        the road"), else it dates the clause before ("met on Monday and on Tuesday"). At the
        sentence's end it dates the clause before, past one that opens with a clause opener or
        has no verb ("hosted the envoy, who had flown in at the weekend, on Monday"; "was
        passed by the Senate, 60 to 40, on Tuesday"). Elsewhere ("..., in 1999, UK oil
        production peaked") it dates nothing. A verb of telling it never dates.
        """
        clauses = self.clauses
        if clauses[index][0].text.lower() in _COORDINATORS:
            order = [index + 1] if index + 1 < len(clauses) and (
                clauses[index + 1][0].text.lower() not in CLAUSE_OPENERS) else []
            order.append(index - 1)
        elif index + 1 == len(clauses):
            order = [index - 1]
            before = clauses[index - 1]
            if before[0].text.lower() in CLAUSE_OPENERS or self._nearest_verb(
                    index - 1, timex) is None:
                order = [index - 2] if index >= 2 and (
                    clauses[index - 2][0].text.lower() not in CLAUSE_OPENERS) else []
        else:
            return None, index
        for own in order:
            if (found := self._nearest_verb(own, timex)) is not None:
                return (None, index) if found[1] in _TELLING else (found, own)
        return None, index

    def _bare(self, index: int, timex: Timex) -> bool:
        """Return whether a clause holds nothing but the date and the preposition that leads it.

        A date with no preposition of its own lists or restates another ("in 1918, 1958 and
        1969"; "on Monday, 13 January"): it dates no clause of its own.
        """
        clause = self.clauses[index]
        lead = [tok for tok in clause if tok.end <= timex.start]
        return (bool(lead) and lead[-1].text.lower() in _BARE_LEADS
                and all(timex.start <= tok.start < timex.end or tok.text.lower() in _BARE_WORDS
                        or not tok.text[0].isalnum() for tok in clause))

    def _nearest_verb(self, index: int, timex: Timex):
        """Return the clause's verb nearest before the date, else nearest after it."""
        verbs, ends = self._clause_verbs(index)

        def inside(verb: _Verb) -> bool:
            return timex.start <= verb.at.start < timex.end

        before = bisect.bisect_right(ends, timex.start)  # verbs[:before] end before the date
        j = before - 1
        while j >= 0 and inside(verbs[j]):
            j -= 1
        if j >= 0:
            # Of verbs carried by one token, the first read wins.
            while j > 0 and verbs[j - 1].token == verbs[j].token and not inside(verbs[j - 1]):
                j -= 1
            chosen = verbs[j]
        else:
            chosen = next((v for v in verbs[before:] if not inside(v)), None)
        if chosen is None:
            return None
        return chosen.token, chosen.info[0], chosen.info[1]

    def _first_noun(self, index: int, timex: Timex):
        """Return the clause's first event word outside the date, if any."""
        if index not in self._nouns:
            self._nouns[index] = [(tok, entry) for tok in self.clauses[index]
                                  if (entry := self.triggers.get(tok.text.lower()))]
        for tok, entry in self._nouns[index]:
            if not timex.start <= tok.start < timex.end:
                return tok, entry[0], entry[1]
        return None


def detect_reports(
    article: Article,
    sentences: list[Sentence],
    triggers: dict[str, tuple[str, str, bool]],
) -> list[Candidate]:
    """Return the sentences that report an event without dating it: further sources.

    Merging attaches each to the dated entry it tells, if any; its date is left empty.
    """
    reports = []
    placeholder = article.date or dt.date.min
    for sentence in sentences:
        words = [w.lower() for w in _TOKEN.findall(sentence.text)]
        if len(words) < 6:
            continue
        infos = _verb_infos(words, triggers)
        verbs = [(word, info) for word, info in zip(words, infos, strict=True) if info]
        if not verbs:
            continue
        # The first verb that names a happening rather than the act of telling it.
        word, (family, category) = next(((w, f) for w, f in verbs if f[0] not in _TELLING),
                                        verbs[0])
        reports.append(Candidate(
            article=article, sentence=sentence, quote=quote_of(sentence), value="",
            start=placeholder, end=placeholder, date_text=None, trigger=word,
            family=family, trigger_is_verb=True, category=category, clause=sentence.text,
            entities=_entities(sentence, []),
            families=frozenset({family} | _families(words, triggers, infos)),
            disputed=is_denial(sentence.text) and _disputed(sentence, _tokens(sentence)),
            status=clause_mood(sentence.text, after_publication=False),
        ))
    return reports


def is_denial(text: str) -> bool:
    """Return whether a sentence reports a denial ("officials denied the claim")."""
    return bool(_HINTED_DENIAL.search(text))


def named_days(timexes: list[Timex], dct: dt.date | None) -> set[dt.date]:
    """Return the days an article names exactly, up to its publication day."""
    days = set()
    for t in timexes:
        if t.type in ("DATE", "TIME") and not t.anchor_offset:
            bounds = value_span(t.value.split("T", 1)[0])
            if bounds and bounds[0] == bounds[1] and (dct is None or bounds[0] <= dct):
                days.add(bounds[0])
    return days


def _disputed(sentence: Sentence, clause: list[_Token]) -> bool:
    """Return whether the sentence reports a denial of the event its clause tells.

    A denial elsewhere in the sentence concerns the main claim, not an event told in a
    relative clause ("the region, which was seized last year, has been retaken, though
    officials deny it").
    """
    denials = [sentence.start + m.start() for m in _HINTED_DENIAL.finditer(sentence.text)]
    if not denials:
        return False
    if clause[0].text.lower() not in _RELATIVE_PRONOUNS:
        return True
    return any(clause[0].start <= d < clause[-1].end for d in denials)


def _group(sentences: list[Sentence], timexes: list[Timex]) -> list[tuple[Sentence, list[Timex]]]:
    """Pair each sentence with the date expressions inside it."""
    out, i = [], 0
    ordered = sorted(timexes, key=lambda t: t.start)
    for sentence in sentences:
        inside = []
        while i < len(ordered) and ordered[i].start < sentence.end:
            t = ordered[i]
            if t.start >= sentence.start and (t.type in ("DATE", "TIME") or t.anchor_offset):
                inside.append(t)
            i += 1
        out.append((sentence, inside))
    return out


def _is_baseline(text: str, sentence: Sentence, timex: Timex) -> bool:
    """Return whether a date is a comparison's baseline, not the time of the news.

    "up from Friday's figure", "fewer than in December"; and "5,000 more than a week ago",
    where "more than" compares the number, not the time.
    """
    if _BASELINE_BEFORE.search(text, max(sentence.start, timex.start - 40), timex.start):
        return True
    return bool(_COMPARATIVE_TIMEX.match(timex.text)) and bool(
        _NUMBER_BEFORE.search(text, max(sentence.start, timex.start - 20), timex.start))


def _anchored_elsewhere(text: str, timex: Timex, previous: Candidate | None) -> bool:
    """Return whether a relative date counts from a named event the text does not date.

    "in the weeks after Hurricane Katrina" counts from Katrina, not from the article's day;
    unless the previous entry tells of that name (or, for "the weeks after the storm", of a
    storm), its day is not known here. Nor is the day of a clause that has no date of its
    own ("a day after he receives the report").
    """
    if not timex.anchor_offset:
        return False
    if _ANCHOR_CLAUSE.match(text, timex.end):
        return True  # "a day after he receives the report": that clause's day is not told
    m = _ANCHOR_NAME.match(text, timex.end) or _ANCHOR_NOUN.match(text, timex.end)
    if m is None:
        return False
    return previous is None or m["name"].lower() not in previous.sentence.text.lower()


def _timex_span(timex: Timex, previous: Candidate | None,
                dct: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """Return the days a date expression covers, resolving anchored ones."""
    if timex.anchor_offset:
        if previous is not None:
            anchor = (previous.start, previous.end)
        elif dct is not None:
            anchor = (dct, dct)
        else:
            return None
        mod = "LESS_THAN" if "X" in timex.value and not timex.mod else timex.mod
        return anchored_span(anchor, timex.anchor_offset, mod)
    if (years := _YEARS.match(timex.text)) and years[2]:
        # "1950-53": from the first year's first day to the second year's last.
        first, last = years[1], years[2]
        last = first[:4 - len(last)] + last
        if timex.value.startswith(first[:3]) and int(first) < int(last):
            return dt.date(int(first), 1, 1), dt.date(int(last), 12, 31)
    value = timex.value.split("T", 1)[0] if timex.type == "TIME" else timex.value
    bounds = value_span(value)
    return narrow(*bounds, timex.mod) if bounds else None


def _named_period(text: str, timex: Timex) -> tuple[int, bool] | None:
    """Return where a name ends, and whether it names an event, when a year is part of it.

    "the 1950-53 Korean War", "since the 2008 financial crisis", "the 2003 agency letter":
    the date is the named thing's own, never the clause's. It names an event worth an entry
    when it ends in an event noun and holds a name ("Korean War", "bombing of Flight 103").
    """
    if timex.anchor_offset:
        return None
    if _YEARS.match(timex.text) and _NAME_OF_BEFORE.search(text, max(0, timex.start - 40),
                                                           timex.start):
        return timex.end, False  # "the Oil Pollution Act of 1990": the year is the name's
    if not _NAMING_BEFORE.search(text[max(0, timex.start - 24):timex.start]):
        return None
    if not _YEARS.match(timex.text):
        # "his October 1 start date", "the May 3 deadline": a day before a noun is the
        # noun's own.
        return _modified_noun(text, timex) if _DAY_TEXT.match(timex.text) else None
    at, named, capital = timex.end, None, False
    for _ in range(4):
        m = _WORD_AFTER.match(text, at)
        if m is None:
            break
        word = m[1]
        if word.lower() in _PERIOD_NOUNS:
            capital = capital or word[0].isupper()
            end = m.end()
            nxt = _WORD_AFTER.match(text, end)
            if nxt is not None and nxt[1].lower() in _PERIOD_NOUNS:
                end = nxt.end()  # "the 2010 hurricane season"
            elif nxt is not None and nxt[1][0].isupper() and nxt[0][0] == " ":
                return end, False  # a longer name: "the 1990 Oil Spill Act"
            if (of := _OF_NAME.match(text, end)) is not None:
                end, capital = of.end(), True
            return end, capital
        if word[0].isupper():
            capital = True
        elif not (word.isalpha() and word.islower()):
            break
        if named is None and capital:
            named = m.end()
        at = m.end()
    if named is not None:
        return named, False
    # "a 2005 refinery blast", "the 2003 agency letter": a year before a noun is the noun's own.
    return _modified_noun(text, timex)


def _modified_noun(text: str, timex: Timex) -> tuple[int, bool] | None:
    """Return (where it ends, False) when the word after a date is a noun the date modifies."""
    m = _WORD_AFTER.match(text, timex.end)
    if m is None:
        return None
    word = m[1]
    if (word.isalpha() and word.islower() and len(word) > 2 and word not in STOPWORDS
            and word not in _NOT_MODIFIED):
        return m.end(), False
    return None


def _told_past(text: str, sentence: Sentence, timex: Timex, verb: _Token) -> bool:
    """Return whether a yearless month or day dates what a past verb tells, with no plan in view.

    "warned ... in February" is past; "postponed to February", "payable Dec. 7" and "agreed
    to sell in February" look ahead, and so may a clause between the verb and the date
    ("told the BBC it was ahead of the schedule of completion in August").
    """
    word = verb.text.lower()
    if not (word.endswith("ed") or word in IRREGULAR_PAST) or not _MONTH_NAME.search(timex.text):
        return False
    if _NOT_PAST_BEFORE.search(text, max(sentence.start, verb.start - 12), verb.start):
        return False  # "assuming the leak is plugged in August"
    if timex.start < verb.start and not _FRONTED.fullmatch(text[sentence.start:timex.start]):
        return False  # "the season starting on 1 June predicted ...": the date is the season's
    between = text[min(verb.end, timex.end):max(verb.start, timex.start)]
    if any(w in _FINITE for w in _WORDS.findall(between.lower())):
        return False
    if _YEAR_DIGITS.search(timex.text):
        return False
    if timex.anchor_offset or not _MONTH_OR_DAY.match(timex.value):
        return False
    if not _PAST_LEAD.search(text, max(sentence.start, timex.start - 10), timex.start):
        return False
    return not looks_ahead(sentence.text)


def _is_habit(text: str, sentence: Sentence, timex: Timex) -> bool:
    """Return whether a date tells a habit or a figure for a period, not a dated event."""
    if timex.anchor_offset:
        return False
    a_day = _DAY_VALUE.match(timex.value) is not None
    if not a_day and _MEASURE.search(text, max(sentence.start, timex.start - 60),
                                     min(sentence.end, timex.end + 80)):
        return True  # "its assets were valued at $442 million in 2008": a figure, no event
    if any(ch.isdigit() for ch in timex.text):
        return False
    before = text[max(sentence.start, timex.start - 40):timex.start]
    if _EVERY_BEFORE.search(before) or timex.text.lower().startswith(("every ", "each ")):
        return True
    if not a_day and _CAN.search(text, sentence.start, timex.start):
        return True  # "low oxygen can cause fish kills in late August": what tends to happen
    words = timex.text.split()
    if not words or not all(w[0].isupper() for w in words if w.lower() not in ("of", "the")):
        return False  # only holidays and weekdays ("Christmas", "Sunday"), not "last week"
    if _HABIT.search(sentence.text):
        return True
    return bool(_PLURAL_FOR.search(before))  # "threw great parties for Halloween"


def _mood(text: str, clause: list[_Token], token: _Token, timex: Timex,
          after_publication: bool | None) -> str | None:
    """Return the mood of the clause that tells a dated event: "planned", "expected" or None.

    The clause is read from its start up to its event's word, or up to the date when the
    date comes later ("Repairs are expected to begin | in September").
    """
    start = clause[0].start
    end = token.end
    if timex.start >= start:
        end = max(end, min(timex.start, clause[-1].end))
    return clause_mood(text[start:end], after_publication)


def _families(words: list[str], triggers: dict[str, tuple[str, str, bool]],
              infos: list[tuple[str, str] | None] | None = None) -> set[str]:
    """Return the families of every event word in a clause ("claimed it regained" -> both).

    words are the clause's lowercased tokens; infos, if given, their _verb_infos.
    """
    found = set()
    if infos is None:
        infos = _verb_infos(words, triggers)
    for word, info in zip(words, infos, strict=True):
        entry = triggers.get(word)
        if info:
            found.add(info[0])
        elif entry:
            found.add(entry[0])
    return found


def _clauses(tokens: list[_Token], timexes: list[Timex]) -> list[list[_Token]]:
    """Split a sentence's tokens into clauses at punctuation and clause openers.

    "and" opens a clause when a preposition and a date follow it ("hosted the envoy on Monday
    and at the weekend the army shelled the city"): the date is the next clause's.
    """
    inside_timex = _Spans(timexes)
    starts = {t.start for t in timexes}
    clauses: list[list[_Token]] = [[]]
    for i, tok in enumerate(tokens):
        if inside_timex(tok.start):
            clauses[-1].append(tok)
        elif tok.text in _BREAK_PUNCT:
            if clauses[-1]:
                clauses.append([])
        elif clauses[-1] and (tok.text.lower() in CLAUSE_OPENERS or (
                tok.text.lower() == "and" and _dated_adjunct(tokens, i + 1, starts))):
            clauses.append([tok])
        else:
            clauses[-1].append(tok)
    return [c for c in clauses if c]


def _dated_adjunct(tokens: list[_Token], i: int, starts: set[int]) -> bool:
    """Return whether a preposition and a date open the words from tokens[i] ("at the weekend")."""
    return (i + 1 < len(tokens) and tokens[i].text.lower() in _DATE_LEADS
            and tokens[i + 1].start in starts)


class _Spans:
    """Whether offsets, asked in increasing order, fall inside any of some spans."""

    def __init__(self, timexes: list[Timex]) -> None:
        self.spans = sorted((t.start, t.end) for t in timexes)
        self.next = 0  # spans before it end before the offsets still to be asked
        self.reach = -1  # the farthest end of the spans passed

    def __call__(self, offset: int) -> bool:
        """Return whether offset (no smaller than the one asked before) is inside a span."""
        while self.next < len(self.spans) and self.spans[self.next][0] <= offset:
            self.reach = max(self.reach, self.spans[self.next][1])
            self.next += 1
        return offset < self.reach


def _lowered(tokens: list[_Token]) -> list[str]:
    """Return the tokens' texts in lower case."""
    return [tok.text.lower() for tok in tokens]


def _verb_infos(words: list[str],
                triggers: dict[str, tuple[str, str, bool]]) -> list[tuple[str, str] | None]:
    """Return the _verb_info of each lowercased word, read after the word before it."""
    after_determiner, after_be, after_other = _known_verb_infos(triggers)
    infos = []
    previous = ""
    for word in words:
        # _verb_info reads of the word before only whether it is a determiner, or a "be".
        known = (after_determiner if previous in _DETERMINERS
                 else after_be if previous in _BE else after_other)
        info = known.get(word, _UNKNOWN)
        if info is _UNKNOWN:
            if len(known) >= _KNOWN_VERB_INFOS:
                known.clear()
            info = known[word] = _verb_info(word, triggers, previous)
        infos.append(info)
        previous = word
    return infos


_UNKNOWN = object()
_KNOWN_VERB_INFOS = 100_000  # answers kept per trigger table and kind of word before
_VERB_INFOS: dict[int, tuple[dict, tuple[dict, dict, dict]]] = {}  # by id() of the table, kept alive


def _known_verb_infos(triggers: dict[str, tuple[str, str, bool]]) -> tuple[dict, dict, dict]:
    """Return the _verb_info answers kept for a trigger table (which no one changes once made)."""
    found = _VERB_INFOS.get(id(triggers))
    if found is None or found[0] is not triggers:
        if len(_VERB_INFOS) >= 4:
            _VERB_INFOS.clear()
        found = _VERB_INFOS[id(triggers)] = (triggers, ({}, {}, {}))
    return found[1]


def _verb_info(word: str, triggers: dict[str, tuple[str, str, bool]], previous: str = ""):
    """Return (family, category) when a lowercased word is a verb that reports an event.

    previous is the lowercased word before it, if any.
    """
    if previous in _DETERMINERS:
        return None  # "its reported deployments": a participle used as an adjective
    if word.endswith("ing") and previous not in _BE:
        return None  # "soldiers fighting in the city": not the clause's own verb
    entry = triggers.get(word)
    if entry and entry[2]:
        return None if lemma(word) in LIGHT_VERBS else (entry[0], entry[1])
    base = IRREGULAR_PAST.get(word)
    if base is None and word.endswith("ed") and len(word) >= 5 and word not in _NON_EVENT_ED:
        base = lemma(word)
    if base is None or base in LIGHT_VERBS or lemma(word) in LIGHT_VERBS:
        return None
    return base, "event"


def _entities(sentence: Sentence, timexes: list[Timex]) -> frozenset[str]:
    """Return the capitalised words of a sentence that are not dates or function words."""
    words = set()
    inside_timex = _Spans(timexes)
    for m in _CAPITALISED.finditer(sentence.text):
        if inside_timex(sentence.start + m.start()):
            continue
        word = m.group().lower()
        if word not in STOPWORDS:
            words.add(_POSSESSIVE.sub("", word))
    return frozenset(words)


def _title_clause(text: str, clause: list[_Token], timex: Timex) -> str:
    """Return the clause's words without its date, as the seed of a title."""
    start, end = clause[0].start, clause[-1].end
    before = text[start:max(start, timex.start)]
    after = text[min(end, timex.end):end] if timex.start < end else ""
    if timex.start >= start and timex.end <= end:
        before = _DATE_PREPOSITION.sub("", before)
        words = (before.rstrip() + " " + after.lstrip()).strip()
    else:
        words = text[start:end]
    words = _LEADING_JUNK.sub("", words)
    words = _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", words))
    words = words.strip(" ,;:.–—-")
    return _TRAILING_FUNCTION.sub("", words)

