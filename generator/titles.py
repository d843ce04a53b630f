"""Turn the clause that reports an event into a headline: "Rebels seize Abra"."""

from __future__ import annotations

import re

from generator.lexicon import DEFAULT_FAMILIES, IRREGULAR_PAST, inflections
from generator.models import Candidate

TITLE_WORDS = 12
QUOTE_WORDS = 10  # of a quotation that follows a speaker's name

_AUXILIARIES = {"had", "has", "have", "was", "were", "is", "are", "been", "be", "being"}
_BE = {"was", "were", "is", "are", "been", "be", "being"}
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+(?=\S)", re.IGNORECASE)
# Attributions that a headline leaves to the citation below it.
_ATTRIBUTION = re.compile(
    r"(?:,?\s+(?:according to|as reported by)\b.*$)|(?:,\s+[^,]{2,60}\s+(?:said|says|reported|"
    r"reports|told [A-Z]\w+)\.?$)", re.IGNORECASE)
_BREAK_WORDS = {"which", "who", "while", "although", "though", "because", "as", "after",
                "before", "despite", "with", "in", "on", "at", "for", "from", "to", "by", "of",
                "and", "but", "that", "when", "where", "under", "during", "since", "unless", "if",
                "until"}
_VERB_END = re.compile(r"(?:s|sh|ch|x|z|o)$")
_NOT_SUBJECTS = {"it", "they", "he", "she", "this", "that", "there", "we", "i", "you", "which",
                 "who", "under", "in", "on", "at", "after", "before", "as", "by", "with", "for",
                 "according", "although", "while", "despite", "was", "were", "had", "has"}
_RELATIVE_END = re.compile(r",?\s*\b(?:which|that|who)$", re.IGNORECASE)
_NEGATIONS = {"not", "never", "neither", "nor", "no"}
# Verbs that make a title of a speaker only: "Minister says".
_SAYING = {"says", "say", "said", "warns", "warn", "warned", "adds", "added", "tells", "told",
           "writes", "wrote", "insists", "insisted", "argues", "argued", "notes", "noted"}
_QUOTATION = re.compile(r"[\"“”]\s*([^\"“”]{12,}?)\s*[\"“”]")
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those"}
_PREPOSITIONS = {"in", "on", "at", "for", "from", "to", "with", "during", "after", "before",
                 "since", "over", "into", "under", "near", "of"}


def _present_forms() -> dict[str, tuple[str, str]]:
    """Return past form -> (third-person present, base form) for the lexicon's verbs."""
    forms: dict[str, tuple[str, str]] = {}
    for _category, verbs, _nouns in DEFAULT_FAMILIES.values():
        for verb in verbs:
            pasts = {f for f in inflections(verb) if f.endswith("ed")}
            pasts |= {p for p, base in IRREGULAR_PAST.items() if base == verb}
            for past in pasts:
                forms.setdefault(past, (third_person(verb), verb))
    for past, base in IRREGULAR_PAST.items():
        forms.setdefault(past, (third_person(base), base))
    return forms


def third_person(verb: str) -> str:
    """Return the third-person singular present of a base verb: "seize" -> "seizes"."""
    if verb in ("be", "have"):
        return {"be": "is", "have": "has"}[verb]
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + ("es" if _VERB_END.search(verb) else "s")


_PRESENT = _present_forms()


def headline(clause: str, trigger: str) -> str:
    """Return a headline from a clause: no leading article or attribution, verb in the present."""
    text = _ATTRIBUTION.sub("", clause).strip(" ,;:.")
    text = _LEADING_ARTICLE.sub("", text)
    words = text.split()
    if not words:
        return ""
    lowered = [w.lower().strip(",;:.") for w in words]
    i = _main_verb(lowered, trigger)
    if i is not None:
        passive = i > 0 and lowered[i - 1] in _BE
        words, i = _drop_auxiliaries(words, lowered, i)
        if not passive:  # "Town was seized" keeps its participle: "Town seized"
            words[i] = _present(words[i], words[:i])
    # Headlines drop articles before common words: "signs defence pact".
    words = [w for k, w in enumerate(words)
             if not (k and w.lower() in ("a", "an", "the") and k + 1 < len(words)
                     and words[k + 1][:1].islower())]
    title = _shorten(words)
    return title[:1].upper() + title[1:]


def _main_verb(lowered: list[str], trigger: str) -> int | None:
    """Return where the verb to put in the present is: the trigger, else an early past verb."""
    if trigger in lowered and (trigger in _PRESENT or trigger.endswith("ed")):
        return lowered.index(trigger)
    for i, word in enumerate(lowered[1:6], start=1):
        if word in _PRESENT and word not in _AUXILIARIES:
            return i
    return lowered.index(trigger) if trigger in lowered else None


def _drop_auxiliaries(words: list[str], lowered: list[str], i: int) -> tuple[list[str], int]:
    """Drop "had", "has been" before the verb: headlines say "troops sent", "Russia sends"."""
    j = i
    while j > 0 and lowered[j - 1] in _AUXILIARIES:
        j -= 1
    if j == i or j == 0:
        return words, i
    # "The town was seized" becomes "Town seized"; "the army had sent" becomes "army sends".
    return words[:j] + words[i:], j


def _present(word: str, before: list[str]) -> str:
    """Return a past verb in the present, matching a plural subject when there is one."""
    bare = word.strip(",;:.")
    forms = _PRESENT.get(bare.lower())
    heads = [w for w in before if not w.lower().endswith("ly")]
    if forms is None or not heads or any(
            w.lower() in _AUXILIARIES | {"not"} or w.endswith(("n't", "n’t")) for w in before[-3:]):
        return word  # "had not officially acknowledged": left as written
    subject = heads[-1].strip(",;:")
    # A capital may only open the sentence: "Engineers found" is as plural as "engineers".
    common = subject.islower() or (len(heads) == 1 and subject[1:].islower())
    plural = (" and " in " ".join(before).lower()
              or (subject.endswith("s") and not subject.endswith(("ss", "us", "is"))
                  and (common or subject.endswith("ans"))))
    form = forms[1] if plural else forms[0]
    return word.replace(bare, form if bare.islower() else form.capitalize())


def _shorten(words: list[str], limit: int = TITLE_WORDS) -> str:
    """Return at most ``limit`` words, cut before a function word rather than mid-phrase."""
    if len(words) <= limit:
        return " ".join(words).rstrip(",;:–—-.")
    cut = limit
    for k in range(limit, limit // 2, -1):
        if words[k].lower().strip(",;:") in _BREAK_WORDS or words[k - 1].endswith(","):
            cut = k
            break
    return " ".join(words[:cut]).rstrip(",;:–—-.")


def with_quotation(title: str, sentence: str) -> str:
    """Return "Speaker: “first words of the quote”" for a title that is a speaker and a verb."""
    words = title.split()
    quote = _QUOTATION.search(sentence)
    if len(words) < 2 or words[-1].lower() not in _SAYING or not quote:
        return title
    said = quote.group(1).split()
    if len(said) < 4:
        return title
    cut = _shorten(said, QUOTE_WORDS)
    more = "…" if len(cut.split()) < len(said) else ""
    return f"{' '.join(words[:-1])}: “{cut.rstrip(',;:')}{more}”"


def title_for(group: list[Candidate]) -> str:
    """Return a headline from the best-phrased member clause."""
    def rank(c: Candidate) -> tuple:
        words = _with_subject(c).split()
        lowered = [w.lower().strip(".,;:") for w in words]
        first = lowered[0] if lowered else ""
        subject = words[0][:1].isupper() and first not in _NOT_SUBJECTS if words else False
        where = lowered.index(c.trigger) if c.trigger in lowered else len(words)
        after = lowered[where + 1] if where + 1 < len(lowered) else ""
        no_object = c.trigger_is_verb and (not after or after in _PREPOSITIONS)
        negated = any(w in _NEGATIONS or w.endswith(("n't", "n’t")) for w in lowered)
        return (len(words) < 4, negated, not subject, where > 6, not c.trigger_is_verb,
                no_object, not 4 <= len(words) <= TITLE_WORDS, len(words))
    best = min(group, key=rank)
    title = headline(_with_subject(best), best.trigger) or headline(best.quote, best.trigger)
    return with_quotation(title, best.sentence.text)


def _with_subject(c: Candidate) -> str:
    """Return the clause, led by the sentence's subject when it opens on a verb or "which".

    A relative clause takes the noun phrase it hangs on: as its subject ("the region, which
    was seized") or as the object its verb lacks ("the region that rebels seized").
    """
    clause = c.clause
    words = clause.split()
    first = words[0].lower() if words else ""
    at = c.sentence.text.lower().find(clause.lower())
    before = c.sentence.text[:at].strip() if at > 0 else ""
    if not first or clause[:1].isupper() and first not in _NOT_SUBJECTS:
        return _with_object(clause, c.trigger, before)
    pronoun = first in ("which", "that", "who")
    if not before:
        return clause
    relative = pronoun or bool(first in _AUXILIARIES and _RELATIVE_END.search(before))
    lead = _RELATIVE_END.sub("", before).rstrip(",").strip()
    if relative and len(lead.split()) > 6:
        lead = _antecedent(lead)
    if not (1 <= len(lead.split()) <= 6 and lead[-1:].isalnum()) or (
            c.date_text and c.date_text in lead):
        return _with_object(clause, c.trigger, before)
    return f"{lead} {' '.join(words[1:]) if pronoun else clause}"


def _antecedent(text: str) -> str:
    """Return the noun phrase that ends a text, without its article: "... of the old port" -> "old port"."""
    words = text.split()
    for k in range(len(words) - 1, max(len(words) - 6, 0) - 1, -1):
        if words[k].lower() in _DETERMINERS:
            return " ".join(words[k + (words[k].lower() in ("the", "a", "an")):])
    return ""


def _with_object(clause: str, trigger: str, before: str) -> str:
    """Return the clause with the noun phrase that a relative "that" or "which" stands for."""
    lowered = [w.lower().strip(",;:.") for w in clause.split()]
    i = _main_verb(lowered, trigger)
    if i is None or not _RELATIVE_END.search(before):
        return clause
    after = lowered[i + 1] if i + 1 < len(lowered) else ""
    if after and after not in _PREPOSITIONS:
        return clause
    thing = _antecedent(_RELATIVE_END.sub("", before).rstrip(","))
    if not thing:
        return clause
    words = clause.split()
    return " ".join(words[:i + 1] + thing.split() + words[i + 1:])
