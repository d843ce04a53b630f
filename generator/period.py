"""Find the story's own period and mark the entries long before it as background.

The period is read from the content alone: the days its articles were published and the
days its entries report, each entry weighing as many articles as cite it. It starts at
the earlier of the first publication day and the day below which only a small share
(EDGE_SHARE) of that weight lies, so that the story's own lead-up, reported by several
articles, belongs to it. Where few entries are reported, one recalled old event may
outweigh that share: so the reported days also stop at Tukey's far-out fence (the lower
quartile less three times the spread between the quartiles), below which a day is an
outlier of what the entries mostly report, however few they are. An article published
apart from all the others (a year or more before them) and alone, or nearly so, is a
stray: it neither starts the period nor weighs in the days the entries report.

An entry that ends more than BACKGROUND_MARGIN before the period starts is background:
history the articles recall (a war in the 1950s told in a 2024 story), not an event of
the story. The margin is a year because a story's causes are often months old (last
spring's election, the deal signed the winter before) and belong to it, while what ended
over a year before even its earliest reported days is told as context.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from generator.models import Article, Event

# The share of the reported days' weight that may lie before the period starts ...
EDGE_SHARE = 0.05
# ... and how many spreads between the quartiles below the lower one it may start at most.
FENCE_SPREADS = 3.0
# Entries ending this long before the period starts are background.
BACKGROUND_MARGIN = dt.timedelta(days=365)
# Publication days this far apart split the articles into runs ...
RUN_GAP = dt.timedelta(days=365)
# ... and the runs before the main coverage are strays while they hold fewer articles than
# this share of all the dated ones, or a single article.
STRAY_SHARE = 0.10


@dataclass(frozen=True)
class Period:
    """The days a story covers as its own: from its start to its last publication day."""

    start: dt.date
    end: dt.date


def story_period(articles: list[Article], events: list[Event]) -> Period | None:
    """Return the story's own period, or None when no article is dated and no entry cited."""
    published = sorted(a.date for a in articles if a.date is not None)
    first_published = _first_of_story(published)
    strays = {a.stem for a in articles
              if a.date is not None and first_published and a.date < first_published}
    weighted = [(_middle(e), len({s.article for s in e.sources} - strays)) for e in events]
    reported = sorted((day, weight) for day, weight in weighted if weight > 0)
    early = _reported_start(reported)
    starts = [day for day in (first_published, early) if day is not None]
    if not starts:
        return None
    start = min(starts)
    end = published[-1] if published else max(day for day, _ in reported)
    return Period(start, max(start, end))


def mark_background(events: list[Event], period: Period | None) -> list[Event]:
    """Return the entries, those ending more than the margin before the period as background."""
    if period is None:
        return [replace(e, background=False) for e in events]
    # Within a year of the calendar's first day, nothing can end a year before the period.
    cutoff = period.start - min(BACKGROUND_MARGIN, period.start - dt.date.min)
    return [replace(e, background=e.end < cutoff) for e in events]


def _first_of_story(published: list[dt.date]) -> dt.date | None:
    """Return the first publication day of the story's coverage, stray early articles aside."""
    if not published:
        return None
    first = published[0]
    for before in range(1, len(published)):
        if published[before] - published[before - 1] > RUN_GAP:
            if not (before == 1 or before < STRAY_SHARE * len(published)) \
                    or len(published) - before < 2:
                break  # too many to be strays, or too few after them to be the story
            first = published[before]
    return first


def _middle(event: Event) -> dt.date:
    """Return the middle day of the days an entry covers."""
    return dt.date.fromordinal((event.start.toordinal() + event.end.toordinal()) // 2)


def _reported_start(reported: list[tuple[dt.date, int]]) -> dt.date | None:
    """Return the first day the entries mostly report: the low edge, outliers below the fence aside."""
    edge = _low_quantile(reported, EDGE_SHARE)
    lower, upper = _low_quantile(reported, 0.25), _low_quantile(reported, 0.75)
    if edge is None or lower is None or upper is None:
        return None
    fence = lower.toordinal() - FENCE_SPREADS * (upper.toordinal() - lower.toordinal())
    return max(edge, dt.date.fromordinal(max(1, round(fence))))


def _low_quantile(weighted_days: list[tuple[dt.date, int]], share: float) -> dt.date | None:
    """Return the first day of the sorted days at which the weight so far passes the share."""
    total = sum(weight for _, weight in weighted_days)
    so_far = 0
    for day, weight in weighted_days:
        so_far += weight
        if so_far > share * total:
            return day
    return None
