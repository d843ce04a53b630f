"""Tests for the story's own period and the background entries long before it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from generator.build import generate
from generator.models import Article, Event, Paragraph, Source
from generator.period import BACKGROUND_MARGIN, Period, mark_background, story_period

D = dt.date


def _article(stem: str, published: dt.date | None) -> Article:
    return Article(stem=stem, path=Path(f"{stem}.txt"), title=None, date=published,
                   publisher=None, url=None, author=None, paragraphs=[Paragraph("Text.", 1)])


def _event(event_id: str, start: dt.date, end: dt.date | None = None, *,
           cited_by: tuple[str, ...] = ("a",)) -> Event:
    sources = [Source(article=stem, publisher=None, title=None, url=None, quote=f"Quote {stem}.",
                      date_text=None) for stem in cited_by]
    return Event(id=event_id, title=event_id, summary="", date=start.isoformat(), start=start,
                 end=end or start, category="event", importance=float(len(sources)),
                 sources=sources)


def _articles(*days: dt.date) -> list[Article]:
    return [_article(f"a{n}", day) for n, day in enumerate(days)]


def test_the_period_runs_from_the_first_to_the_last_publication_day():
    articles = _articles(D(2024, 3, 1), D(2024, 5, 1), D(2024, 4, 1))
    events = [_event("e", D(2024, 4, 2), cited_by=("a0", "a1"))]
    assert story_period(articles, events) == Period(D(2024, 3, 1), D(2024, 5, 1))


def test_days_the_entries_report_before_the_first_article_start_the_period():
    articles = _articles(D(2024, 3, 1), D(2024, 3, 2))
    lead_up = _event("lead-up", D(2023, 11, 5), cited_by=("a0", "a1"))
    assert story_period(articles, [lead_up]).start == D(2023, 11, 5)


def test_a_span_weighs_in_at_its_middle_day():
    articles = _articles(D(2024, 3, 1))
    year_long = _event("year", D(2022, 1, 1), D(2022, 12, 31), cited_by=("a0",))
    assert story_period(articles, [year_long]).start == D(2022, 7, 2)


def test_one_recalled_old_event_does_not_stretch_the_period():
    articles = _articles(*[D(2024, 6, day) for day in range(1, 11)])
    story = [_event(f"story-{n}", D(2024, 6, n + 1), cited_by=(f"a{n}", f"a{(n + 1) % 10}"))
             for n in range(10)]
    recalled = _event("korean-war", D(1950, 1, 1), D(1953, 12, 31), cited_by=("a0",))
    assert story_period(articles, [recalled, *story]).start == D(2024, 6, 1)


def test_an_old_event_many_articles_report_belongs_to_the_story():
    articles = _articles(*[D(2024, 6, day) for day in range(1, 5)])
    old = _event("old", D(2010, 5, 1), cited_by=("a0", "a1", "a2"))
    story = [_event("new", D(2024, 6, 2), cited_by=("a3",))]
    assert story_period(articles, [old, *story]).start == D(2010, 5, 1)


def test_a_stray_old_article_neither_starts_the_period_nor_weighs_in_its_days():
    articles = [_article("archive-1990", D(1990, 3, 1)),
                *_articles(*[D(2010, 4, day) for day in range(20, 24)])]
    from_1990 = _event("told-in-1990", D(1989, 12, 1), cited_by=("archive-1990",))
    story = [_event("spill", D(2010, 4, 20), cited_by=("a0", "a1", "a2", "a3"))]
    period = story_period(articles, [from_1990, *story])
    assert period == Period(D(2010, 4, 20), D(2010, 4, 23))
    assert [e.background for e in mark_background([from_1990, *story], period)] == [True, False]


def test_a_tenth_of_the_coverage_published_apart_is_not_stray():
    early = [_article(f"early-{n}", D(2015, 5, n + 1)) for n in range(3)]
    late = [_article(f"late-{n}", D(2019, 5, n + 1)) for n in range(10)]
    period = story_period(early + late, [_event("trial", D(2019, 5, 1), cited_by=("late-0",))])
    assert period.start == D(2015, 5, 1)


def test_two_articles_years_apart_both_count():
    articles = _articles(D(1990, 3, 1), D(2010, 4, 20))
    assert story_period(articles, []).start == D(1990, 3, 1)


def test_a_story_of_one_article_starts_at_what_it_mostly_reports_or_its_day():
    articles = _articles(D(2024, 6, 1))
    story = [_event(f"e{n}", D(2024, 5, 20 + n), cited_by=("a0",)) for n in range(5)]
    assert story_period(articles, story).start == D(2024, 5, 20)
    assert story_period(articles, []).start == D(2024, 6, 1)


def test_one_article_recalling_a_war_among_few_entries_keeps_the_war_as_background():
    articles = _articles(D(2024, 6, 1))
    story = [_event(f"e{n}", D(2024, 5, 20 + n), cited_by=("a0",)) for n in range(5)]
    war = _event("war", D(1950, 6, 25), D(1953, 7, 27), cited_by=("a0",))
    # One entry in six outweighs the edge share, but lies far below what the entries report.
    period = story_period(articles, [war, *story])
    assert D(2024, 5, 1) < period.start <= D(2024, 5, 20)
    assert [e.background for e in mark_background([war, *story], period)] == [True] + [False] * 5


def test_a_story_that_mostly_reports_a_long_history_keeps_it():
    articles = _articles(D(2024, 6, 1), D(2024, 6, 2))
    history = [_event(f"h{year}", D(year, 1, 1), cited_by=("a0", "a1")) for year in (1990, 2000, 2010)]
    story = [_event("now", D(2024, 5, 30), cited_by=("a0", "a1"))]
    assert story_period(articles, history + story).start == D(1990, 1, 1)


def test_undated_articles_leave_the_period_to_the_reported_days():
    articles = [_article("undated", None)]
    events = [_event("e", D(2024, 2, 1), cited_by=("undated",)),
              _event("f", D(2024, 3, 1), cited_by=("undated",))]
    assert story_period(articles, events) == Period(D(2024, 2, 1), D(2024, 3, 1))


def test_without_a_dated_article_or_an_entry_there_is_no_period():
    assert story_period([_article("undated", None)], []) is None
    assert story_period([], []) is None


def test_an_entry_ending_more_than_a_year_before_the_period_is_background():
    period = Period(D(2024, 6, 1), D(2024, 12, 1))
    war = _event("war", D(1950, 6, 25), D(1953, 7, 27))
    just_over = _event("just-over", period.start - BACKGROUND_MARGIN - dt.timedelta(days=1))
    assert [e.background for e in mark_background([war, just_over], period)] == [True, True]


def test_last_months_event_and_last_years_lead_up_are_not_background():
    period = Period(D(2024, 6, 1), D(2024, 12, 1))
    last_month = _event("last-month", D(2024, 5, 1), D(2024, 5, 31))
    lead_up = _event("lead-up", period.start - BACKGROUND_MARGIN)
    began_long_ago = _event("began-long-ago", D(1990, 1, 1), D(2024, 6, 30))
    marked = mark_background([last_month, lead_up, began_long_ago], period)
    assert [e.background for e in marked] == [False, False, False]


def test_a_period_in_the_calendars_first_year_marks_nothing():
    period = Period(D(1, 3, 1), D(1, 6, 1))
    assert not mark_background([_event("first-day", D(1, 1, 1))], period)[0].background


def test_without_a_period_nothing_is_background():
    assert not mark_background([_event("war", D(1950, 6, 25))], None)[0].background


def _content(tmp_path: Path, curation: str = "") -> Path:
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    for n, day in enumerate((3, 4, 5, 6)):
        (articles / f"story-{n}.txt").write_text(
            f"Date: 2024-06-0{day}\n\n"
            f"Report number {n} from the harbour. The council approved the new harbour bridge "
            "on 3 June 2024. Engineers opened the eastern span on 2 June 2024.\n")
    (articles / "history.txt").write_text(
        "Date: 2024-06-06\n\n"
        "The old ferry sank in a storm in March 1962. "
        "The council approved the new harbour bridge on Monday.\n")
    if curation:
        (tmp_path / "content" / "curation.toml").write_text(curation)
    return tmp_path / "content"


def test_a_build_marks_recalled_history_as_background_in_events_json(tmp_path):
    result = generate(_content(tmp_path))
    entries = json.loads(result.files["events.json"])["events"]
    background = [e["title"] for e in entries if e["background"]]
    assert len(background) == 1 and "ferry" in background[0].lower()
    assert all(not e["background"] for e in entries if e["start"].startswith("2024"))


def test_a_build_marks_background_after_curation_redates_an_entry(tmp_path):
    built = generate(_content(tmp_path))
    ferry = next(e for e in built.events if e.background)
    curation = f'[[entry]]\nid = "{ferry.id}"\ndate = "2024-05"\n'
    redated = generate(_content(tmp_path / "again", curation))
    assert not next(e for e in redated.events if e.id == ferry.id).background


def test_the_seed_story_marks_only_its_recalled_war_as_background():
    seeds = Path(__file__).resolve().parent.parent / "content"
    events = json.loads(generate(seeds).files["events.json"])["events"]
    assert [(e["start"], e["end"]) for e in events if e["background"]] == [("1950-01-01", "1953-12-31")]
