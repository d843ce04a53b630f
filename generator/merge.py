"""Merge the event candidates of all articles that tell the same event into entries."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace

from generator.dating import shift_days
from generator.lexicon import STOPWORDS, lemma
from generator.models import Article, Candidate, Event, Source
from generator.temporal.values import describe, precision
from generator.titles import title_for

SAME_FAMILY_SIMILARITY = 0.15
ANY_FAMILY_SIMILARITY = 0.4
SAME_DAY_FAMILY_SIMILARITY = 0.1
REPORTED_SIMILARITY = 0.25
DISAGREEMENT_DAYS = 3
# An undated report joins a dated entry at this similarity when their words are of one
# family and they share a name; at the higher one when they share two names.
REPORT_SIMILARITY = 0.3
ANY_FAMILY_REPORT_SIMILARITY = 0.45
REPORT_NAMES = 3  # the rarest names of a report through which its entries are found
# ... and of those entries, the most it is compared with: the ones dated nearest before
# its article, since an undated report most likely tells a recent event.
REPORT_GROUPS = 24
# Families of words that report another event ("the army claimed it retook ..."): such a
# report can tell the same event as a plain account of the event it names.
REPORTING_FAMILIES = {"say", "report", "confirm", "deny"}
SAYING_FAMILIES = {"say", "report"}
# Importance adds this much per article that dates anything to the entry's days ...
CENTRALITY_WEIGHT = 1.5
# ... when the entry spans at most this many days.
CENTRAL_SPAN_DAYS = 2
# Importance adds this much per article that names the entry's days from at least
# LATER_DAYS after them: a day still recalled weeks on mattered more than the day's chatter.
LATER_WEIGHT = 3.0
LATER_DAYS = 7
# Importance adds this much per article published on the entry's days (spans of at most
# CENTRAL_SPAN_DAYS).
PUBLISHED_WEIGHT = 1.0
# Importance adds this much per article that lists the entry in a chronology.
LISTED_WEIGHT = 1.0
# A plan or a forecast ("the inquiry will open in June") counts this share of its
# importance: it has not happened, however much it is talked about.
NOT_DONE_WEIGHT = 0.3
# A newcomer is compared with at most this many members of a group, so that one event
# reported thousands of times does not make merging quadratic.
COMPARED_MEMBERS = 16
# A candidate dated to more than this many days (coarser than a season) is compared only
# with groups that share its family, a name or one of its TAG_WORDS weightiest words,
# and with at most WIDE_COMPARED_GROUPS of them.
WIDE_SPAN_DAYS = 92
WIDE_COMPARED_GROUPS = 64
TAG_WORDS = 3
# The same sentence in articles published this many days apart at most is one report
# run again (a reprint), not another event's.
REPRINT_DAYS = 7
# Counts of texts holding a word below this are exact in its weight; above, banded.
EXACT_COUNTS = 16
PAIRS_KEPT = 1 << 20  # similarities remembered: about 150 MB at most

_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]+")


@functools.lru_cache(maxsize=1 << 17)  # a pure function of the word, asked for every word
def _stem(word: str) -> str:
    """Return the stem a word counts as, or "" for a function word or a short one."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    stem = lemma(word)
    # "this" would otherwise count as the stem "thi", and "told" as "tell".
    return stem if word not in STOPWORDS and stem not in STOPWORDS and len(stem) > 2 else ""


# Each sentence is counted for its document frequency, then again for its vector.
@functools.lru_cache(maxsize=1 << 15)
def _shared_counts(text: str) -> Counter:
    """Return term_counts(text), shared between callers: it must not be changed."""
    return Counter(stem for stem in map(_stem, _WORD.findall(text)) if stem)


def term_counts(text: str) -> Counter:
    """Return the content-word stems of a text with their counts."""
    return Counter(_shared_counts(text))


def document_frequencies(texts: Iterable[str]) -> tuple[Counter, int]:
    """Return in how many texts each stem occurs, and the number of texts."""
    return counted_frequencies([text_stems(texts)])


def text_stems(texts: Iterable[str]) -> tuple[int, str]:
    """Return the number of texts and the stems each holds (each once), one text after another.

    That is what document frequencies count of them: extraction keeps it for its article,
    in one string (stems hold no space), which loads as one object.
    """
    n, stems = 0, []
    for text in texts:
        stems += _shared_counts(text).keys()
        n += 1
    return n, " ".join(stems)


def counted_frequencies(parts: Iterable[tuple[int, str]]) -> tuple[Counter, int]:
    """Return document_frequencies of the texts whose text_stems are the parts."""
    df: Counter = Counter()
    n = 0
    for count, stems in parts:
        df.update(stems.split())
        n += count
    return df, n


def banded_idf(df: int, n: int) -> float:
    """Return a word's inverse document frequency, log(n / df) + 1, from powers of two.

    n is rounded up to a power of two, and a count of EXACT_COUNTS or more to the middle of
    its band between two: one more article moves a common word's weight only when its count
    or the number of texts crosses a power of two, so it leaves almost every similarity,
    and merge decision, as it was. A rare word's weight moves with its count, but few
    sentences hold it.
    """
    held = 1 + df
    if held >= EXACT_COUNTS:
        held = 2 ** (held.bit_length() - 0.5)  # 2 ** (k - 1) <= 1 + df < 2 ** k
    return max(0.0, n.bit_length() * math.log(2) - math.log(held)) + 1.0  # n < 2 ** bit_length


class _Vectors:
    """TF-IDF vectors of candidates' sentences, so that words every article uses weigh little."""

    def __init__(self, df: Counter, n: int) -> None:
        self.df, self.n = df, max(n, 1)
        self.cache: dict[str, dict[str, float]] = {}
        self.idfs: dict[str, float] = {}
        self.pairs: dict[tuple[str, str], float] = {}

    def idf(self, word: str) -> float:
        """Return the inverse document frequency of a stem."""
        if word not in self.idfs:
            self.idfs[word] = banded_idf(self.df.get(word, 0), self.n)
        return self.idfs[word]

    def of(self, text: str) -> dict[str, float]:
        """Return the unit-length TF-IDF vector of a text."""
        if text not in self.cache:
            vec = {w: k * self.idf(w) for w, k in _shared_counts(text).items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            self.cache[text] = {w: v / norm for w, v in vec.items()}
        return self.cache[text]

    def similarity(self, a: Candidate, b: Candidate) -> float:
        """Return how alike two reports read: as whole sentences or as the dated clauses."""
        return max(self.cosine(a.sentence.text, b.sentence.text), self.cosine(a.clause, b.clause))

    def cosine(self, a: str, b: str) -> float:
        """Return the cosine similarity of two texts' vectors."""
        # Reprints and wire copy bring the same sentences together again and again.
        found = self.pairs.get((a, b))
        if found is None:
            if len(self.pairs) >= PAIRS_KEPT:
                self.pairs.clear()
            found = self.pairs[(a, b)] = self._cosine(a, b)
        return found

    def _cosine(self, a: str, b: str) -> float:
        va, vb = self.of(a), self.of(b)
        if len(va) > len(vb):
            va, vb = vb, va
        if va.keys().isdisjoint(vb):
            return 0.0
        # Words outside vb would add zeros: the sum, in va's order, is the same to the last bit.
        return sum([v * vb[w] for w, v in va.items() if w in vb], 0.0)


def _overlaps(a: Candidate, b: Candidate) -> bool:
    return a.start <= b.end and b.start <= a.end


def _gap_days(a: Candidate, b: Candidate) -> int:
    if _overlaps(a, b):
        return 0
    return (b.start - a.end).days if a.end < b.start else (a.start - b.end).days


def _compatible(a: Candidate, b: Candidate) -> bool:
    """Return whether two candidates could date one event (never two dates of one sentence)."""
    if a.article.stem == b.article.stem:
        # One article does not disagree with itself: its different days are different events.
        if a.sentence == b.sentence or not _overlaps(a, b):
            return False
    return _overlaps(a, b) or (_gap_days(a, b) <= DISAGREEMENT_DAYS and _short(a) and _short(b))


def _short(c: Candidate) -> bool:
    """Return whether a candidate is dated to a day or two ("on Monday", "over the weekend")."""
    return (c.end - c.start).days <= 2


def _match(a: Candidate, b: Candidate, vectors: _Vectors) -> float | None:
    """Return how well two compatible candidates match as one event, or None if they do not."""
    reported = ((a.family in REPORTING_FAMILIES and b.family in a.families)
                or (b.family in REPORTING_FAMILIES and a.family in b.families))
    if _overlaps(a, b):
        return _same_days_match(a, b, vectors, reported)
    # Sources may disagree by a day or two on when the same thing happened; they must then
    # tell it in words of one family, and name someone in common or read closely alike.
    if a.family != b.family and not reported:
        return None
    if _sayings(a, b):
        # Sayings days apart are one only when they say the same: a shared name is not enough,
        # and the dated clauses ("Ann Lee said") tell only who spoke.
        said = vectors.cosine(a.sentence.text, b.sentence.text)
        return said + 0.5 if said >= ANY_FAMILY_SIMILARITY else None
    sim = vectors.similarity(a, b)
    same_family = a.family == b.family or sim >= REPORTED_SIMILARITY
    if same_family and (sim >= ANY_FAMILY_SIMILARITY
                        or (sim >= SAME_FAMILY_SIMILARITY and a.entities & b.entities)):
        return sim + 0.5
    return None


def _sayings(a: Candidate, b: Candidate) -> bool:
    """Return whether both candidates are dated by a verb of saying ("said on Monday").

    Such a verb tells that someone spoke; what is said is in the rest of the sentence. A
    confirmation or a denial is an event of its own, whatever the words around it.
    """
    return a.family in SAYING_FAMILIES and b.family in SAYING_FAMILIES


def _same_days_match(a: Candidate, b: Candidate, vectors: _Vectors, reported: bool) -> float | None:
    """Return how well two candidates of overlapping dates match as one event, or None."""
    # Different words for one happening: the dated clauses must read alike, or, for
    # reports of the same day, the whole sentences.
    sayings = _sayings(a, b)
    alike = 0.0 if sayings else vectors.cosine(a.clause, b.clause)
    if a.family == b.family or reported:
        sim = max(vectors.cosine(a.sentence.text, b.sentence.text), alike)
        same_family = a.family == b.family or sim >= REPORTED_SIMILARITY
        finest, widest = sorted((precision(a.value), precision(b.value)))
        floor = SAME_DAY_FAMILY_SIMILARITY if widest <= 1 else SAME_FAMILY_SIMILARITY
        # These are one event only when they read alike: two sayings ("said" is no event);
        # a day's report and one of a month or a year ("this year"), whose wide date says
        # little; a forecast and a fact ("could become a takeover target", "shares fell 3%").
        if sayings or finest <= 1 < widest or a.status != b.status:
            floor = max(floor, REPORTED_SIMILARITY)
        if same_family and sim >= floor:
            return sim + 1.0
        if _short(a) and _short(b):
            alike = max(alike, sim)
    elif _short(a) and _short(b):
        alike = max(alike, vectors.cosine(a.sentence.text, b.sentence.text))
    return alike if alike >= ANY_FAMILY_SIMILARITY else None


def _months(start: dt.date, end: dt.date) -> Iterator[tuple[int, int]]:
    """Yield the (year, month) buckets a span of days touches."""
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _sample(group: list[Candidate]) -> list[Candidate]:
    """Return the members a newcomer is compared with: the first (most precise) and latest."""
    if len(group) <= COMPARED_MEMBERS:
        return group
    half = COMPARED_MEMBERS // 2
    return group[:half] + group[-half:]


class _GroupIndex:
    """Groups by the days, or for longer spans the months, that their first member's dates touch.

    A candidate can join a group only if it could date the same event as every member
    compared, the first (most precise) one included: only groups whose first member's
    dates lie within DISAGREEMENT_DAYS of the candidate's need to be looked at.
    """

    def __init__(self, vectors: _Vectors) -> None:
        self.vectors = vectors
        self.by_day: dict[dt.date, list[int]] = {}
        self.days: list[dt.date] = []  # the keys of by_day, in order
        self.by_month: dict[tuple[int, int], list[int]] = {}
        self.by_tag: dict[str, set[int]] = {}  # groups by their members' tags (see _tags)

    def add(self, i: int, first: Candidate) -> None:
        """Index new group i under the dates of its first member."""
        self.tag(i, first)
        if _short(first):
            for day in _days(first.start, first.end):
                if day not in self.by_day:
                    self.by_day[day] = []
                    bisect.insort(self.days, day)
                self.by_day[day].append(i)
        else:
            for key in _months(first.start, first.end):
                self.by_month.setdefault(key, []).append(i)

    def tag(self, i: int, member: Candidate) -> None:
        """Index group i under a new member's family, names and weightiest words."""
        for tag in _tags(member, self.vectors):
            self.by_tag.setdefault(tag, set()).add(i)

    def near(self, c: Candidate) -> list[int]:
        """Return, in the order they were made, the groups a candidate might join.

        A candidate dated to a wide span (a year, a decade) overlaps every group of those
        years: it meets only the first WIDE_COMPARED_GROUPS that share its family, a name
        or one of its clause's weightiest words.
        """
        lo, hi = shift_days(c.start, -DISAGREEMENT_DAYS), shift_days(c.end, DISAGREEMENT_DAYS)
        found: set[int] = set()
        first, last = bisect.bisect_left(self.days, lo), bisect.bisect_right(self.days, hi)
        for day in self.days[first:last]:
            found.update(self.by_day[day])
        for key in _months(lo, hi):
            found.update(self.by_month.get(key, ()))
        if (c.end - c.start).days <= WIDE_SPAN_DAYS:
            return sorted(found)
        tagged = set().union(*(self.by_tag.get(tag, ()) for tag in _tags(c, self.vectors)))
        return sorted(found & tagged)[:WIDE_COMPARED_GROUPS]


def _tags(c: Candidate, vectors: _Vectors) -> list[str]:
    """Return the keys a wide-spanning candidate is found by: family, names, weightiest words."""
    weights = vectors.of(c.clause)
    words = sorted(weights, key=lambda w: (-weights[w], w))[:TAG_WORDS]
    return [f"family:{c.family}", *c.entities, *(f"word:{w}" for w in words)]


def _days(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    """Yield each day from start to end."""
    for i in range((end - start).days + 1):
        yield start + dt.timedelta(days=i)


def cluster(candidates: list[Candidate], vectors: _Vectors,
            replay: _Replay | None = None) -> list[list[Candidate]]:
    """Group candidates that tell the same event, most precise dates first.

    With a replay, a candidate takes again the group it took in the last merge when all it
    reads is as it was then: itself, its words' weights, the groups it could join and
    their members so far (see _Replay).
    """
    replay = replay or _Replay(None, {})
    order = sorted(candidates, key=lambda c: (precision(c.value), c.start, c.end,
                                              c.article.stem, c.sentence.start))
    groups: list[list[Candidate]] = []
    index = _GroupIndex(vectors)
    for c in order:
        near = index.near(c)
        best, score = replay.recorded_group(c, near, groups, vectors)
        if best is _NOT_RECORDED:
            best, score = _best_group(c, near, groups, vectors)
        replay.took(c, best, score, groups)
        if best is None:
            groups.append([c])
            index.add(len(groups) - 1, c)
        else:
            groups[best].append(c)
            index.tag(best, c)
    return groups


def _group_score(c: Candidate, group: list[Candidate], vectors: _Vectors) -> float | None:
    """Return how well a candidate matches a group's sample, or None if it cannot join it."""
    sample = _sample(group)
    for m in sample:
        if not _compatible(c, m):
            return None
    score = None
    for m in sample:
        found = _match(c, m, vectors)
        if found is not None and (score is None or found > score):
            score = found
    return score


def _best_group(c: Candidate, near: list[int], groups: list[list[Candidate]],
                vectors: _Vectors) -> tuple[int | None, float | None]:
    """Return the group a candidate matches best, of those near it (or None), with its score."""
    best, best_score = None, None
    for i in near:
        score = _group_score(c, groups[i], vectors)
        if score is not None and (best_score is None or score > best_score):
            best, best_score = i, score
    return best, best_score


_NOT_RECORDED = -1
_NEW_GROUP = -2  # a report that joins no group


@dataclass
class Trace:
    """What a merge decided, and on what, for the next merge to replay what did not change.

    Candidates and groups are named by their keys (a group by its first member's): a key
    stands for an article as read and the candidate's place among the article's.
    """

    texts_band: int = 0  # the bit length of the number of texts the weights count
    counts: dict[str, int] = field(default_factory=dict)  # each stem's banded count
    joins: dict[str, tuple[bytes, str | None, float | None]] = field(default_factory=dict)
    groups: dict[str, bytes] = field(default_factory=dict)  # each group's members
    reports: dict[str, tuple[bytes, str | None, float]] = field(default_factory=dict)
    names: dict[str, bytes] = field(default_factory=dict)  # the groups holding each name
    events: dict[bytes, Event] = field(default_factory=dict)  # each group's entry, before ids
    inputs: bytes = b""  # a digest of the rest the merge read (see _inputs_digest)
    entries: list[Event] = field(default_factory=list)  # what it returned


def candidate_keys(candidates: list[Candidate]) -> list[str]:
    """Return each candidate's key, in order: a digest of all a merge decision reads of it.

    That is every field but the article, of which only its name and publication day: an
    article edited keeps the keys of the candidates it still holds unchanged. A key does
    not depend on other articles' candidates, so extraction makes an article's keys.
    """
    keys: list[str] = []
    seen: Counter = Counter()
    for c in candidates:
        parts = [c.article.stem, c.article.date]
        for name in _key_fields(type(c)):
            value = getattr(c, name)
            parts.append(tuple(sorted(value)) if isinstance(value, frozenset) else value)
        text = repr(parts)
        seen[text] += 1  # the same candidate twice in one article is two
        keys.append(hashlib.blake2b(f"{seen[text]}:{text}".encode("utf-8", "surrogatepass"),
                                    digest_size=16).hexdigest())
    return keys


@functools.cache
def _key_fields(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind) if f.name != "article")


def _digest(keys: Iterable[str]) -> bytes:
    return hashlib.blake2b("\0".join(keys).encode("utf-8", "surrogatepass"), digest_size=16).digest()


class _Replay:
    """The last merge's decisions, and which of them this merge may take again.

    A decision is taken again only when its candidate is unchanged (same key) and none of
    its words changed weight, it sees the same groups in the same order, and none of those
    is dirty: a group is dirty from the moment its members may differ from the last merge's
    at the same point (a candidate new, changed, gone, of changed words, or that chose
    differently joined or left it). A group so reached is the same, so the choice is.
    """

    def __init__(self, last: Trace | None, keys: dict[int, str],
                 changed: set[str] | None = None) -> None:
        self.last = last
        self.keys = keys
        self.changed = changed or set()  # candidates whose words changed weight
        self.now = Trace()
        self.dirty: set[int] = set()
        self.founders: dict[str, int] = {}  # each group's first member's key, to its group
        self.founder_keys: list[str] = []  # each group's first member's key, by group
        self.signature = b""
        self.articles: dict[int, str] = {}
        gone = set(last.joins) - set(keys.values()) if last is not None else set()
        # The groups the candidates gone had joined: dirty from the start.
        self.left = {last.joins[k][1] or k for k in gone} if last is not None else set()

    def key(self, c: Candidate) -> str:
        """Return a candidate's key."""
        return self.keys[id(c)]

    def recorded_group(self, c: Candidate, near: list[int], groups: list[list[Candidate]],
                       vectors: _Vectors) -> tuple[int | None, float | None]:
        """Return the group c took last time and its score, if it may take it again.

        If some groups c sees are dirty but not the one it took, only they are scored again:
        the others score as they did. Else return (_NOT_RECORDED, None).
        """
        if not self.keys:
            return _NOT_RECORDED, None
        self.signature = _digest([self.founder_keys[i] for i in near])
        if self.last is None:
            return _NOT_RECORDED, None
        key = self.key(c)
        recorded = self.last.joins.get(key)
        if recorded is None or recorded[0] != self.signature or key in self.changed:
            return _NOT_RECORDED, None
        best = None if recorded[1] is None else self.founders[recorded[1]]
        best_score = recorded[2]
        if best in self.dirty:
            return _NOT_RECORDED, None
        return _rescored(near, self.dirty, best, best_score,
                         lambda i: _group_score(c, groups[i], vectors))

    def took(self, c: Candidate, best: int | None, score: float | None,
             groups: list[list[Candidate]]) -> None:
        """Note the group c takes (None: a new one) with its score, and what it makes dirty."""
        if not self.keys:
            return
        key = self.key(c)
        target = None if best is None else self.founder_keys[best]
        self.now.joins[key] = (self.signature, target, score)
        recorded = self.last.joins.get(key) if self.last is not None else None
        if best is None:
            self.founders[key] = len(groups)
            self.founder_keys.append(key)
            if (recorded is None or recorded[:2] != (self.signature, None) or key in self.changed
                    or key in self.left):
                self.dirty.add(len(groups))
        elif recorded is None or recorded[1] != target or key in self.changed:
            self.dirty.add(best)
        if recorded is not None and recorded[1] != target and recorded[1] in self.founders:
            self.dirty.add(self.founders[recorded[1]])  # it left the group it took then

    def kept_report(self, report: Candidate, touched: set[str]) -> int | None:
        """Return the group a report took last time if it takes it again, else None.

        It does when it is unchanged and none of its names is touched: the groups it is
        compared with, found and scored through its names alone, are then as they were.
        A report that joined no group last time gets _NEW_GROUP.
        """
        if self.last is None:
            return None
        key = self.keys[id(report)]
        recorded = self.last.reports.get(key)
        if recorded is None or key in self.changed or not report.entities.isdisjoint(touched):
            return None
        if recorded[1] is None:
            self.now.reports[key] = recorded
            return _NEW_GROUP
        target = self.founders.get(recorded[1])
        if target is not None:
            self.now.reports[key] = recorded
        return target

    def recorded_report(self, report: Candidate, signature: bytes, near: list[int],
                        changed: set[int], named: list[dict[str, list[Candidate]]],
                        vectors: _Vectors) -> tuple[int | None, float]:
        """Return the group a report took last time and its score, if it sees the same groups.

        Of those, only the changed ones are scored again (the others score as they did),
        unless the one it took changed. A report that must be scored again gets
        (_NOT_RECORDED, 0.0).
        """
        if self.last is None:
            return _NOT_RECORDED, 0.0
        key = self.keys[id(report)]
        recorded = self.last.reports.get(key)
        if recorded is None or recorded[0] != signature or key in self.changed:
            return _NOT_RECORDED, 0.0
        best = None if recorded[1] is None else self.founders[recorded[1]]
        best_score = recorded[2]
        if best in changed:
            return _NOT_RECORDED, 0.0
        best, best_score = _rescored(near, changed, best, best_score,
                                     lambda i: _told_score(report, named[i], vectors))
        return best, best_score or 0.0

    def entry(self, group: list[Candidate], salience: _Salience) -> Event:
        """Return a group's entry: the last merge's if its members and their articles are the same.

        Only its importance, which weighs the whole corpus, is worked out again.
        """
        if not self.keys:
            return _event(group, salience)
        digest = _digest([f"{self.keys[id(m)]}:{self._article(m.article)}" for m in group])
        cached = self.last.events.get(digest) if self.last is not None else None
        if cached is None:
            event = _event(group, salience)
            self.now.events[digest] = replace(event, sources=list(event.sources))
            return event
        self.now.events[digest] = cached
        return replace(cached, sources=list(cached.sources),
                       importance=_importance(cached.sources, cached.start, cached.end,
                                              cached.listed_by, cached.status, salience))

    def _article(self, article: Article) -> str:
        """Return what an entry shows of an article, as one string."""
        found = self.articles.get(id(article))
        if found is None:
            found = self.articles[id(article)] = repr(_shown(article))
        return found

    def touched_names(self, groups: list[list[Candidate]],
                      by_entity: dict[str, list[tuple[dt.date, int]]],
                      founders: list[str]) -> tuple[set[int], set[str]]:
        """Return the groups changed since the last merge, and the names whose groups changed."""
        changed: set[int] = set()
        touched: set[str] = set()
        for i, group in enumerate(groups):
            keys = [self.keys[id(m)] for m in group]
            signature = self.now.groups[keys[0]] = _digest(keys)
            if (self.last is None or self.last.groups.get(keys[0]) != signature
                    or not self.changed.isdisjoint(keys)):
                changed.add(i)
                touched.update(*(m.entities for m in group))
        for name, entries in by_entity.items():
            self.now.names[name] = _digest([founders[i] for _, i in entries])
        if self.last is not None:
            touched.update(name for name, signature in self.now.names.items()
                           if self.last.names.get(name) != signature)
            touched.update(name for name in self.last.names if name not in self.now.names)
        return changed, touched


def _rescored(near: list[int], changed: set[int], best: int | None, best_score: float | None,
              score_of: Callable[[int], float | None]) -> tuple[int | None, float | None]:
    """Return the best of the groups near, scoring again only the changed ones.

    best, of best_score, was the best last time and is unchanged: the unchanged groups score
    as they did, none better. As in a full scoring, the first group of the best score wins:
    one seen before best scored less then.
    """
    for i in near:
        if i not in changed:
            continue
        score = score_of(i)
        if score is not None and (best_score is None or score > best_score
                                  or (score == best_score and best is not None and i < best)):
            best, best_score = i, score
    return best, best_score


def merge_candidates(candidates: list[Candidate], df: Counter, n_texts: int,
                     mentions: dict[dt.date, set[str]] | None = None,
                     published: dict[str, dt.date | None] | None = None) -> list[Event]:
    """Return one timeline entry per group of candidates that tell the same event.

    mentions maps each day to the articles that name it; by default, the candidates' days.
    published maps articles to their publication days; by default, the candidates' articles.
    """
    return merge_traced(candidates, df, n_texts, mentions, published)[0]


def merge_traced(candidates: list[Candidate], df: Counter, n_texts: int,
                 mentions: dict[dt.date, set[str]] | None = None,
                 published: dict[str, dt.date | None] | None = None,
                 keys: dict[int, str] | None = None, last: Trace | None = None,
                 ) -> tuple[list[Event], Trace]:
    """Return merge_candidates' entries, replaying the last merge's decisions where they hold.

    keys names each candidate (by id()) as the trace does; without keys nothing is
    replayed or traced. The entries are those of a merge without a replay, exactly.
    """
    vectors = _Vectors(df, n_texts)
    dated = [c for c in candidates if c.value]
    if mentions is None:
        mentions = _day_mentions(dated)
    if published is None:
        published = {c.article.stem: c.article.date for c in candidates}
    replay = _replay(candidates, df, n_texts, keys or {}, last)
    if keys:
        replay.now.inputs = _inputs_digest(candidates, keys, mentions, published)
        if (last is not None and last.inputs == replay.now.inputs
                and last.texts_band == replay.now.texts_band and last.counts == replay.now.counts):
            # Nothing it reads changed (a template, the settings or the curation did):
            # its entries are the last merge's. They are copied, as ids are set on them.
            return [replace(e, sources=list(e.sources)) for e in last.entries], last
    groups = cluster(dated, vectors, replay)
    attach_reports([c for c in candidates if not c.value], groups, vectors, replay)
    groups = one_entry_per_sentence(groups)
    salience = _Salience(mentions, published)
    events = [replay.entry(group, salience) for group in groups]
    events.sort(key=lambda e: (e.start, e.end, e.title))
    _assign_ids(events)
    if keys:
        replay.now.entries = [replace(e, sources=list(e.sources)) for e in events]
    return events, replay.now


def _inputs_digest(candidates: list[Candidate], keys: dict[int, str],
                   mentions: dict[dt.date, set[str]], published: dict[str, dt.date | None],
                   ) -> bytes:
    """Return a digest of what a merge reads beyond its words' weights (kept in the trace).

    That is its candidates in order, the days the articles name and what its entries show
    of the articles.
    """
    shown = sorted({c.article.stem: _shown(c.article) for c in candidates}.items())
    return _digest([*(keys[id(c)] for c in candidates), "",
                    repr(sorted((day, sorted(stems)) for day, stems in mentions.items())),
                    repr(sorted(published.items(), key=lambda item: item[0])), repr(shown)])


def _shown(article: Article) -> tuple:
    """Return what an entry shows of an article."""
    return (article.stem, article.date, article.publisher, article.title, article.url,
            article.display_name)


def _band(count: int) -> int:
    """Return what a word's weight depends on of its count: the count, or its power of two."""
    held = 1 + count
    return held if held < EXACT_COUNTS else -held.bit_length()


def _replay(candidates: list[Candidate], df: Counter, n_texts: int, keys: dict[int, str],
            last: Trace | None) -> _Replay:
    """Return the replay of the last trace, knowing which candidates' words changed weight."""
    band = max(n_texts, 1).bit_length()
    counts = {w: _band(k) for w, k in df.items()} if keys else {}
    if last is not None and last.texts_band != band:
        last = None  # every weight moved
    changed: set[str] = set()
    if last is not None:
        words = {w for w, b in counts.items() if last.counts.get(w) != b}
        words.update(w for w in last.counts if w not in counts)
        if words:
            changed = {keys[id(c)] for c in candidates
                       if not words.isdisjoint(_shared_counts(c.sentence.text))
                       or not words.isdisjoint(_shared_counts(c.clause))}
    replay = _Replay(last, keys, changed)
    replay.now.texts_band, replay.now.counts = band, counts
    return replay


def _report_score(report: Candidate, member: Candidate, vectors: _Vectors) -> float | None:
    """Return how well an undated report tells a dated member's event, or None.

    The two must have a name in common.
    """
    related = member.family in report.families or report.family in member.families
    if not related and len(report.entities & member.entities) < 2:
        return None
    if report.article.stem == member.article.stem and report.sentence == member.sentence:
        return None
    sim = vectors.cosine(report.sentence.text, member.sentence.text)
    if related and sim >= REPORT_SIMILARITY:
        return sim
    if sim >= ANY_FAMILY_REPORT_SIMILARITY and len(report.entities & member.entities) >= 2:
        return sim
    return None


def attach_reports(reports: list[Candidate], groups: list[list[Candidate]],
                   vectors: _Vectors, replay: _Replay | None = None) -> None:
    """Add each undated report to the group of the event it tells best, if one is close enough.

    A report is compared with the dated members of a group (a sample of a large one) that
    share a name with it. Groups are found through the report's rarest shared names, and
    only the REPORT_GROUPS of them dated nearest before the report's article, so that the
    cost grows with the number of reports, not with reports times groups. With a replay,
    a report takes again the group it took last time if it, its words' weights, the groups
    it is compared with and their members are as they were.
    """
    by_entity: dict[str, list[tuple[dt.date, int]]] = {}
    named: list[dict[str, list[Candidate]]] = []  # per group: its sample's members by name
    for i, group in enumerate(groups):
        members: dict[str, list[Candidate]] = {}
        for m in _sample(group):
            for name in m.entities:
                members.setdefault(name, []).append(m)
        named.append(members)
        for name in set().union(*(m.entities for m in group)):
            by_entity.setdefault(name, []).append((group[0].start, i))
    for entries in by_entity.values():
        entries.sort()
    days = {name: [day for day, _ in entries] for name, entries in by_entity.items()}
    nearest: dict[tuple[dt.date | None, tuple[str, ...]], list[int]] = {}
    replay = replay or _Replay(None, {})
    founders = replay.founder_keys if replay.keys else []  # cluster made the groups
    changed, touched = replay.touched_names(groups, by_entity, founders) if replay.keys else (set(), set())
    signatures: dict[tuple[dt.date | None, tuple[str, ...]], bytes] = {}
    found: list[tuple[Candidate, int]] = []
    for report in reports:
        if replay.keys and (kept := replay.kept_report(report, touched)) is not None:
            if kept != _NEW_GROUP:
                found.append((report, kept))
            continue
        names = tuple(sorted((n for n in report.entities if n in by_entity),
                             key=lambda n: (len(by_entity[n]), n))[:REPORT_NAMES])
        key = (report.article.date, names)
        if key not in nearest:  # an article's reports often share their rarest names
            nearest[key] = _nearest_before(report.article.date,
                                           [(days[n], by_entity[n]) for n in names])
            if replay.keys:
                signatures[key] = _digest([*names, "", *(founders[i] for i in nearest[key])])
        best, score = _NOT_RECORDED, 0.0
        if replay.keys:
            best, score = replay.recorded_report(report, signatures[key], nearest[key], changed,
                                                 named, vectors)
        if best == _NOT_RECORDED:
            best, score = _best_told(report, nearest[key], named, vectors)
        if replay.keys:
            replay.now.reports[replay.key(report)] = (
                signatures[key], None if best is None else founders[best], score)
        if best is not None:
            found.append((report, best))
    for report, i in found:
        groups[i].append(report)


def _best_told(report: Candidate, near: list[int], named: list[dict[str, list[Candidate]]],
               vectors: _Vectors) -> tuple[int | None, float]:
    """Return the group near whose members an undated report tells best (or None), and its score."""
    best, best_score = None, 0.0
    for i in near:
        score = _told_score(report, named[i], vectors)
        if score and score > best_score:
            best, best_score = i, score
    return best, best_score


def _told_score(report: Candidate, members: dict[str, list[Candidate]],
                vectors: _Vectors) -> float | None:
    """Return how well a report tells a group's event: its best score with the members named."""
    best = None
    scored: set[int] = set()
    for name in report.entities:
        for m in members.get(name, ()):
            if id(m) in scored:  # through another name it shares: it scores the same
                continue
            scored.add(id(m))
            score = _report_score(report, m, vectors)
            if score and (best is None or score > best):
                best = score
    return best


def _nearest_before(day: dt.date | None,
                    lists: list[tuple[list[dt.date], list[tuple[dt.date, int]]]]) -> list[int]:
    """Return, in index order, the REPORT_GROUPS groups of the lists dated nearest before day.

    Each list is of (day, group) in order, given with its days alone. An article cannot
    report what had not happened yet: later groups are left out.
    """
    found: set[tuple[dt.date, int]] = set()
    for days, entries in lists:
        end = len(entries) if day is None else bisect.bisect_right(days, day)
        found.update(entries[max(0, end - REPORT_GROUPS):end])
    nearest = sorted(found)[-REPORT_GROUPS:]
    return sorted(i for _, i in nearest)


_NOT_WORD = re.compile(r"[\W_]+")


def normalised(quote: str) -> str:
    """Return a quote as compared with others: its words in lower case, without punctuation."""
    return _NOT_WORD.sub(" ", quote.lower()).strip()


def one_entry_per_sentence(groups: list[list[Candidate]]) -> list[list[Candidate]]:
    """Return the groups with each sentence under one entry for each event it tells.

    A sentence (the same words in any article, reprints too) stays under one entry for
    each dated clause of its own. A clause told under several entries stays in the entry
    of its first publication (a reprint's relative dates were written for another day),
    then in the one with the most articles, then in the earliest made; a copy published
    long after those kept (see _reprinted) may tell another event, and stays. An undated
    report of a sentence dated in another entry tells nothing more there, unless that
    entry's event is later than all the sentence's dates (see _later); undated reports
    of one sentence stay in one entry. Groups left without a dated member are dropped.
    """
    cited: dict[str, list[tuple[int, Candidate]]] = {}
    for i, group in enumerate(groups):
        for m in group:
            cited.setdefault(normalised(m.quote), []).append((i, m))
    weight: dict[int, int] = {}
    dropped: set[int] = set()  # ids of the members taken out
    for members in cited.values():
        if len({i for i, _ in members}) < 2:
            continue
        dated = [(i, m) for i, m in members if m.value]
        if dated:
            own = {i for i, _ in dated}
            latest = max(m.end for _, m in dated)
            dropped.update(id(m) for i, m in members if not m.value and i not in own
                           and not _later(groups[i], latest, m.article.date))
        by_clause: dict[tuple[str, str] | None, list[tuple[int, Candidate]]] = {}
        for i, m in dated or members:
            by_clause.setdefault((m.trigger, m.clause) if m.value else None, []).append((i, m))
        for told in by_clause.values():
            where = {i for i, _ in told}
            if len(where) < 2:
                continue
            for i in where:
                if i not in weight:
                    weight[i] = len({m.article.stem for m in groups[i]})
            first: dict[int, dt.date] = {}  # when each group's first copy was published
            for i, m in told:
                day = m.article.date or dt.date.max
                first[i] = min(first.get(i, day), day)
            keep = min(where, key=lambda i: (first[i], -weight[i], i))
            days = sorted(m.article.date or dt.date.min for i, m in told if i == keep)
            dropped.update(id(m) for i, m in told if i != keep and _reprinted(m, days))
    if not dropped:
        return groups
    kept = [[m for m in group if id(m) not in dropped] for group in groups]
    return [group for group in kept if any(m.value for m in group)]


def _later(group: list[Candidate], day: dt.date, published: dt.date | None) -> bool:
    """Return whether a group's event is dated after day, and is news when published.

    A sentence dated only before an entry's event may still tell it, as the news of the
    days before its article: its dated clause is the background ("the region, which was
    seized last year, has been retaken"). The event must lie beyond DISAGREEMENT_DAYS
    after day, and within LATER_DAYS before publication.
    """
    start = group[0].start
    if not shift_days(day, DISAGREEMENT_DAYS) < start:
        return False
    return published is None or shift_days(published, -LATER_DAYS) <= start


def _reprinted(copy: Candidate, days: list[dt.date]) -> bool:
    """Return whether a copy of a sentence was published within REPRINT_DAYS of one of days.

    days are the publication days, in order, of the copies kept; a copy or a day unknown
    counts as near. The same words long apart may tell another event ("on Monday").
    """
    day = copy.article.date
    if day is None or days[0] == dt.date.min:
        return True
    at = bisect.bisect_left(days, shift_days(day, -REPRINT_DAYS))
    return at < len(days) and days[at] <= shift_days(day, REPRINT_DAYS)


def source_score(sources: Iterable[Source]) -> float:
    """Return what an entry's citations weigh: one per source, a quarter per further sentence.

    Articles cited with the same sentences (a reprint, a wire story run again) are one
    source: only a new set of sentences is another.
    """
    quotes: dict[str, set[str]] = {}
    for s in sources:
        quotes.setdefault(s.article, set()).add(normalised(s.quote))
    distinct = {frozenset(q) for q in quotes.values()}
    return len(distinct) + 0.25 * sum(len(q) - 1 for q in distinct)


def _day_mentions(candidates: list[Candidate]) -> dict[dt.date, set[str]]:
    """Return, for each day some candidate is dated to exactly, the articles that date one to it."""
    days: dict[dt.date, set[str]] = {}
    for c in candidates:
        if c.start == c.end:
            days.setdefault(c.start, set()).add(c.article.stem)
    return days


class _Salience:
    """How much the whole corpus talks about a short span of days."""

    def __init__(self, mentions: dict[dt.date, set[str]],
                 published: dict[str, dt.date | None]) -> None:
        self.mentions = mentions
        self.published = published
        self.issued = Counter(day for day in published.values() if day is not None)

    def of(self, start: dt.date, end: dt.date) -> float:
        """Return the weight of the articles naming the span's days, later ones counting more.

        Articles published on the span's days add PUBLISHED_WEIGHT each: a day with its own
        coverage was news that day.
        """
        if (end - start).days > CENTRAL_SPAN_DAYS:
            return 0.0
        naming = set().union(*(self.mentions.get(d, set()) for d in _days(start, end)))
        later = sum(1 for stem in naming if (day := self.published.get(stem)) is not None
                    and (day - end).days >= LATER_DAYS)
        issued = sum(self.issued.get(d, 0) for d in _days(start, end))
        return (CENTRALITY_WEIGHT * len(naming) + LATER_WEIGHT * later
                + PUBLISHED_WEIGHT * issued)


def _choose_date(group: list[Candidate]) -> Candidate:
    """Return the most precise date that at least half as many sources support as the best.

    A date a chronology lists comes first, whatever its support.
    """
    articles: dict[tuple[dt.date, dt.date], set[str]] = {}
    for m in group:
        articles.setdefault((m.start, m.end), set()).add(m.article.stem)
    # Support of a span: the articles whose dates overlap it, counted over distinct spans.
    support = {span: len(set().union(*(stems for other, stems in articles.items()
                                       if span[0] <= other[1] and other[0] <= span[1])))
               for span in articles}
    floor = (max(support.values()) + 1) // 2
    eligible = [c for c in group if support[(c.start, c.end)] >= floor]
    # A chronology's line names its event's date on purpose: it outweighs dates in passing.
    eligible = [c for c in group if c.listed] or eligible
    return min(eligible, key=lambda c: ((c.end - c.start).days, -support[(c.start, c.end)],
                                        precision(c.value), c.start))


def _lead(members: list[Candidate], tellings: list[Candidate]) -> Candidate:
    """Return the member whose quote shares the most words with the other tellings' quotes.

    The telling most sources agree with is the event's plainest account; an aside that
    merely mentions the day shares few of their words.
    """
    if len(tellings) < 3:
        return members[0]
    spread = Counter(w for m in tellings for w in _shared_counts(m.quote))

    def shared(i: int) -> float:
        found = _shared_counts(members[i].quote).keys()
        return sum(spread[w] - 1 for w in found) / math.sqrt(len(found)) if found else -1.0
    return members[min(range(len(members)), key=lambda i: (-shared(i), i))]


def _titled(agree: list[Candidate], with_dates: list[Candidate]) -> list[Candidate]:
    """Return the members a headline is drawn from: a chronology's lines, else those on the date."""
    return [m for m in agree if m.listed] or agree or with_dates


def _event(group: list[Candidate], salience: _Salience) -> Event:
    with_dates = [m for m in group if m.value]
    status = event_status(m.status for m in group)
    # An event that happened is dated, titled and summed up by the sources that report it
    # done, not by those that told it was to come.
    told = (status is None and [m for m in with_dates if m.status is None]) or with_dates
    dated = _choose_date(told)
    agree = [m for m in with_dates if _overlaps(m, dated)]
    differ = [m for m in with_dates if not _overlaps(m, dated)]
    start = max(m.start for m in agree)
    end = min(m.end for m in agree)
    if start > end:
        start, end = dated.start, dated.end
    note = None
    if differ:
        others = "; ".join(sorted({f"{describe(m.value)} ({m.article.display_name})"
                                   for m in differ}))
        note = f"Sources differ on the date: {others}, against {describe(dated.value)}."
    agree_told = [m for m in told if _overlaps(m, dated)]
    naming = [m for m in agree_told if (m.start, m.end) == (dated.start, dated.end)]
    lead = _lead(naming or [dated], told)
    ordered = sorted(group, key=lambda m: (m is not lead, m is not dated, not m.value,
                                           m.status is not None,
                                           precision(m.value) if m.value else 0,
                                           m.article.stem, m.sentence.start))
    sources, seen = [], set()
    for m in ordered:
        key = (m.article.stem, m.quote)
        if key in seen:
            continue
        seen.add(key)
        sources.append(Source(article=m.article.stem, publisher=m.article.publisher,
                              title=m.article.title, url=m.article.url, quote=m.quote,
                              date_text=m.date_text, article_date=m.article.date))
    categories = Counter(m.category for m in with_dates if m.category != "event")
    category = categories.most_common(1)[0][0] if categories else "event"
    # Independent sources first; then how much the whole corpus talks about the same days.
    listed_by = len({m.article.stem for m in group if m.listed})
    importance = _importance(sources, start, end, listed_by, status, salience)
    return Event(
        id="", title=title_for(_titled(agree_told, told)), summary=lead.quote,
        date=dated.value, start=start,
        end=end, category=category, importance=importance, sources=sources,
        disputed=any(m.disputed for m in group), date_note=note,
        listed_by=listed_by, status=status,
    )


def _importance(sources: list[Source], start: dt.date, end: dt.date, listed_by: int,
                status: str | None, salience: _Salience) -> float:
    """Return an entry's importance: its sources, the coverage of its days, its listings."""
    return round((source_score(sources) + salience.of(start, end) + LISTED_WEIGHT * listed_by)
                 * status_weight(status), 2)


def event_status(statuses: Iterable[str | None]) -> str | None:
    """Return an entry's status from its sources': a plan only if every source tells a plan.

    One source telling the event as done makes it a fact, whenever it was written. An entry
    whose date has passed by its sources' latest publication day, and that they all still
    tell as planned or expected, stays so: none reports it done. "planned" wins over
    "expected": some source tells of a firm plan.
    """
    told = list(statuses)
    if not told or None in told:
        return None
    return "planned" if "planned" in told else "expected"


def status_weight(status: str | None) -> float:
    """Return the share of its importance an entry of this status counts."""
    return 1.0 if status is None else NOT_DONE_WEIGHT


def _slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(w for w in words if w not in STOPWORDS)[:48].strip("-") or "event"


def _assign_ids(events: list[Event]) -> None:
    """Give each event an id from its date and title, unique within the site.

    The first event of each date and title has the plain id; the next ones take -2, -3...,
    skipping any id another event has plainly (titles "X", "X" and "X 2").
    """
    bases = [f"{e.start.isoformat()}-{_slug(e.title)}" for e in events]
    taken = set(bases)
    seen: set[str] = set()
    for e, base in zip(events, bases, strict=True):
        if base not in seen:
            seen.add(base)
            e.id = base
            continue
        n = 2
        while f"{base}-{n}" in taken:
            n += 1
        e.id = f"{base}-{n}"
        taken.add(e.id)
