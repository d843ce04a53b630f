"""Merging's shortcuts (shared counts, skipped comparisons) must score exactly as plainly written."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import merge
from generator.lexicon import STOPWORDS, lemma
from generator.models import Candidate, Sentence
from tests.helpers import article

_WORDS = ("troops seized seize the town of Abra rebels said army claimed retook retaken "
          "officials confirmed cases flu Mexico spread deaths reported on Monday").split()
_TEXTS = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map(" ".join)
_FAMILIES = ["attack", "retake", "say", "report", "confirm", "health"]
_NAMES = ["abra", "mexico", "who", "geneva"]
_VALUES = {"2025-04-27": 0, "2025-04-28": 0, "2025-04-30": 0, "2025-W17": 6, "2025-04": 29}


def plain_term_counts(text: str) -> Counter:
    """Return term counts as merge computed them before it cached anything."""
    words = (w.lower().replace("’", "'").removesuffix("'s") for w in merge._WORD.findall(text))
    stems = (lemma(w) for w in words if w not in STOPWORDS)
    return Counter(w for w in stems if w not in STOPWORDS and len(w) > 2)


def plain_idf(df: int, n: int) -> float:
    """Return log(n / df) + 1, n rounded up to a power of two, a large df to its band's middle."""
    powers = math.floor(math.log2(n)) + 1
    held = 1 + df if df + 1 < merge.EXACT_COUNTS else 2 ** (math.floor(math.log2(1 + df)) + 0.5)
    return max(0.0, powers * math.log(2) - math.log(held)) + 1.0


def plain_cosine(vectors: merge._Vectors, a: str, b: str) -> float:
    """Return the cosine of two texts' vectors, summed over every word of the shorter."""
    def vector(text: str) -> dict[str, float]:
        vec = {w: k * plain_idf(vectors.df.get(w, 0), vectors.n)
               for w, k in plain_term_counts(text).items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}
    va, vb = vector(a), vector(b)
    if len(va) > len(vb):
        va, vb = vb, va
    return sum(v * vb.get(w, 0.0) for w, v in va.items())


def plain_match(a: Candidate, b: Candidate, vectors: merge._Vectors) -> float | None:
    """Return the score of two compatible candidates, every similarity computed up front."""
    sayings = a.family in merge.SAYING_FAMILIES and b.family in merge.SAYING_FAMILIES
    said = plain_cosine(vectors, a.sentence.text, b.sentence.text)
    clause_sim = 0.0 if sayings else plain_cosine(vectors, a.clause, b.clause)
    sim = max(said, clause_sim)
    reported = ((a.family in merge.REPORTING_FAMILIES and b.family in a.families)
                or (b.family in merge.REPORTING_FAMILIES and a.family in b.families))
    same_family = a.family == b.family or (reported and sim >= merge.REPORTED_SIMILARITY)
    if merge._overlaps(a, b):
        precise = merge.precision(a.value) <= 1 and merge.precision(b.value) <= 1
        floor = merge.SAME_DAY_FAMILY_SIMILARITY if precise else merge.SAME_FAMILY_SIMILARITY
        if sayings:
            floor = max(floor, merge.REPORTED_SIMILARITY)
        precisions = sorted((merge.precision(a.value), merge.precision(b.value)))
        if precisions[0] <= 1 < precisions[1]:
            floor = max(floor, merge.REPORTED_SIMILARITY)
        if same_family and sim >= floor:
            return sim + 1.0
        alike = clause_sim
        if merge._short(a) and merge._short(b):
            alike = max(alike, sim)
        return alike if alike >= merge.ANY_FAMILY_SIMILARITY else None
    if sayings:
        told_alike = a.family == b.family or reported
        return said + 0.5 if told_alike and said >= merge.ANY_FAMILY_SIMILARITY else None
    if same_family and (sim >= merge.ANY_FAMILY_SIMILARITY
                        or (sim >= merge.SAME_FAMILY_SIMILARITY and a.entities & b.entities)):
        return sim + 0.5
    return None


def plain_report_score(report: Candidate, member: Candidate,
                       vectors: merge._Vectors) -> float | None:
    """Return how well a report tells a member's event, the similarity computed up front."""
    if report.sentence == member.sentence and report.article.stem == member.article.stem:
        return None
    sim = plain_cosine(vectors, report.sentence.text, member.sentence.text)
    related = member.family in report.families or report.family in member.families
    shared = len(report.entities & member.entities)
    if related and shared and sim >= merge.REPORT_SIMILARITY:
        return sim
    return sim if shared >= 2 and sim >= merge.ANY_FAMILY_REPORT_SIMILARITY else None


@st.composite
def candidates(draw) -> Candidate:
    text, value = draw(_TEXTS), draw(st.sampled_from(sorted(_VALUES)))
    start = dt.date.fromisoformat(value + "-01" if len(value) == 7 else value[:10]) \
        if "W" not in value else dt.date(2025, 4, 21)
    return Candidate(
        article=article(text, stem=draw(st.sampled_from("ab"))), sentence=Sentence(0, len(text), text),
        quote=text, value=value, start=start, end=start + dt.timedelta(days=_VALUES[value]),
        date_text=None, trigger="seized", family=draw(st.sampled_from(_FAMILIES)),
        trigger_is_verb=True, category="event", clause=draw(_TEXTS),
        entities=frozenset(draw(st.sets(st.sampled_from(_NAMES)))),
        families=frozenset(draw(st.sets(st.sampled_from(_FAMILIES)))))


@settings(max_examples=600, deadline=None)
@given(st.lists(candidates(), min_size=2, max_size=6))
def test_scores_are_those_of_the_plain_formulas(found):
    df, n = merge.document_frequencies([c.sentence.text for c in found] + [c.clause for c in found])
    vectors = merge._Vectors(df, n)
    for a in found:
        for b in found:
            assert vectors.cosine(a.clause, b.clause) == plain_cosine(vectors, a.clause, b.clause)
            if merge._compatible(a, b):
                assert merge._match(a, b, vectors) == plain_match(a, b, vectors)
            if a.entities & b.entities:  # attach_reports scores only members sharing a name
                assert merge._report_score(a, b, vectors) == plain_report_score(a, b, vectors)


@given(_TEXTS)
def test_term_counts_are_fresh_and_as_plainly_counted(text):
    counts = merge.term_counts(text)
    assert list(counts.items()) == list(plain_term_counts(text).items())
    counts["changed"] += 1
    assert "changed" not in merge.term_counts(text)
