"""Detect event candidates: clauses that report something happening, with its date."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from generator.dating import anchored_span, clip_to, narrow, value_for_span
from generator.lexicon import (
    CLAUSE_OPENERS,
    IRREGULAR_PAST,
    LIGHT_VERBS,
    STOPWORDS,
    lemma,
)
from generator.models import Article, Candidate, Sentence, Timex
from generator.temporal.values import span as value_span

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:[-–]\d+(?:[.,]\d+)*)?|\w+(?:[’'.-]\w+)*|[^\w\s]")
_BREAK_PUNCT = set(",;:()[]–—")
# A denial reported by the sentence; "confirmed or denied" reports none.
_DENIAL = re.compile(r"(?<!\bor )(?<!\bnor )\b(?:den(?:y|ies|ied|ying)|dispute[sd]?|disputing|"
                     r"reject(?:s|ed)?|refute[sd]?|dismiss(?:es|ed)?)\b", re.IGNORECASE)
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
_FUTURE = re.compile(r"\b(?:will|shall|’ll|'ll|going to|plans? to|scheduled to|due to|"
                     r"expected to|set to)\b", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]+")
_POSSESSIVE = re.compile(r"(?:’s|'s)$")
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")
_TRAILING_FUNCTION = re.compile(r"(?:\s+(?:the|a|an|of|to|in|on|at|for|by|with|and|or|"
                                r"from|under|its|their|his|her))+$", re.IGNORECASE)
# Families of verbs that tell of another event rather than name one.
_TELLING = {"say", "report"}
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
    for sentence, found in by_sentence:
        if not found:
            continue
        tokens = _tokens(sentence)
        for timex in found:
            bounds = _timex_span(timex, previous, article.date)
            if bounds is None:
                continue
            trigger = _find_trigger(tokens, timex, found, triggers)
            if trigger is None:
                continue
            token, family, category, clause, is_verb = trigger
            start, end = bounds
            value = timex.value if timex.anchor_offset is None else value_for_span(start, end)
            if article.date is not None and not _is_future(sentence.text):
                clipped = clip_to(start, end, article.date)
                if clipped is None:
                    continue
                start, end = clipped
            candidate = Candidate(
                article=article, sentence=sentence, quote=sentence.text, value=value,
                start=start, end=end, date_text=timex.text, trigger=token.text.lower(),
                family=family, trigger_is_verb=is_verb, category=category,
                clause=_title_clause(text, clause, timex),
                entities=_entities(sentence, found),
                families=frozenset({family} | _families(_lowered(clause), triggers)),
                disputed=_disputed(sentence, clause),
            )
            candidates.append(candidate)
            previous = candidate
    return candidates


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
            article=article, sentence=sentence, quote=sentence.text, value="",
            start=placeholder, end=placeholder, date_text=None, trigger=word,
            family=family, trigger_is_verb=True, category=category, clause=sentence.text,
            entities=_entities(sentence, []),
            families=frozenset({family} | _families(words, triggers, infos)),
            disputed=is_denial(sentence.text) and _disputed(sentence, _tokens(sentence)),
        ))
    return reports


def is_denial(text: str) -> bool:
    """Return whether a sentence reports a denial ("officials denied the claim")."""
    return bool(_DENIAL.search(text))


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
    denials = [sentence.start + m.start() for m in _DENIAL.finditer(sentence.text)]
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
    value = timex.value.split("T", 1)[0] if timex.type == "TIME" else timex.value
    bounds = value_span(value)
    return narrow(*bounds, timex.mod) if bounds else None


def _is_future(sentence: str) -> bool:
    return bool(_FUTURE.search(sentence))


def _find_trigger(tokens: list[_Token], timex: Timex, others: list[Timex],
                  triggers: dict[str, tuple[str, str, bool]]):
    """Return (token, family, category, clause tokens) for the event a date belongs to."""
    clauses = _clauses(tokens, others)
    index = next((i for i, c in enumerate(clauses)
                  if c and c[0].start <= timex.start < c[-1].end + 1), None)
    if index is None:
        return None
    own = clauses[index]
    found = _best_trigger(own, timex, triggers, verbs_only=True)
    if found is None and index == 0:
        # A fronted adjunct ("In March, the ministry estimated ...") dates the main clause.
        for later in clauses[1:]:
            if later and later[0].text.lower() in CLAUSE_OPENERS:
                continue
            found = _best_trigger(later, timex, triggers, verbs_only=True)
            if found:
                own = later
            break
    is_verb = found is not None
    if found is None:
        found = _best_trigger(own, timex, triggers, verbs_only=False)
    if found is None:
        return None
    token, family, category = found
    return token, family, category, own, is_verb


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
    """Split a sentence's tokens into clauses at punctuation and clause openers."""
    def inside_timex(tok: _Token) -> bool:
        return any(t.start <= tok.start < t.end for t in timexes)

    clauses: list[list[_Token]] = [[]]
    for tok in tokens:
        if inside_timex(tok):
            clauses[-1].append(tok)
        elif tok.text in _BREAK_PUNCT:
            if clauses[-1]:
                clauses.append([])
        elif tok.text.lower() in CLAUSE_OPENERS and clauses[-1]:
            clauses.append([tok])
        else:
            clauses[-1].append(tok)
    return [c for c in clauses if c]


def _lowered(tokens: list[_Token]) -> list[str]:
    """Return the tokens' texts in lower case."""
    return [tok.text.lower() for tok in tokens]


def _verb_infos(words: list[str],
                triggers: dict[str, tuple[str, str, bool]]) -> list[tuple[str, str] | None]:
    """Return the _verb_info of each lowercased word, read after the word before it."""
    return [_verb_info(word, triggers, words[i - 1] if i else "") for i, word in enumerate(words)]


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


def _best_trigger(clause: list[_Token], timex: Timex,
                  triggers: dict[str, tuple[str, str, bool]], verbs_only: bool):
    """Return the trigger of a clause: its verb nearest the date, else its first event noun."""
    outside = [(i, tok) for i, tok in enumerate(clause) if not timex.start <= tok.start < timex.end]
    if not verbs_only:
        for _, tok in outside:
            entry = triggers.get(tok.text.lower())
            if entry:
                return tok, entry[0], entry[1]
        return None
    words = _lowered(clause)
    best, best_key = None, None
    for i, tok in outside:
        info = _verb_info(words[i], triggers, words[i - 1] if i else "")
        if info is None:
            continue
        # "confirmed or denied ...": the first of coordinated verbs carries the event.
        if i >= 2 and words[i - 1] in _COORDINATORS:
            first = _verb_info(words[i - 2], triggers, words[i - 3] if i >= 3 else "")
            if first is not None:
                tok, info = clause[i - 2], first
        before = tok.end <= timex.start
        distance = timex.start - tok.end if before else tok.start - timex.end
        key = (0 if before else 1, distance)
        if best_key is None or key < best_key:
            best, best_key = (tok, info[0], info[1]), key
    return best


def _entities(sentence: Sentence, timexes: list[Timex]) -> frozenset[str]:
    """Return the capitalised words of a sentence that are not dates or function words."""
    words = set()
    for m in _CAPITALISED.finditer(sentence.text):
        pos = sentence.start + m.start()
        if any(t.start <= pos < t.end for t in timexes):
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

