"""Dating errors seen on real news, each as an invented sentence of the same shape (issue 15)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator.build import build
from generator.temporal import tag

JANUARY = "2025-01-14"  # a Tuesday
NOVEMBER = "2011-11-08"  # a Tuesday
FRIDAY = dt.date(2013, 3, 22)


def _entries(tmp_path: Path, text: str, date: str | None = JANUARY) -> list[dict]:
    """Return the entries of events.json that a one-article build gives."""
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    header = f"Title: Report\nDate: {date}\n\n" if date else "Title: Report\n\n"
    (articles / "a.md").write_text(header + text + "\n", encoding="utf-8")
    build(tmp_path / "content", tmp_path / "out")
    return json.loads((tmp_path / "out" / "events.json").read_text(encoding="utf-8"))["events"]


def _events(tmp_path: Path, text: str, date: str | None = JANUARY) -> list[tuple[str, str, str]]:
    """Return (start, end, date text) of each entry a one-article build gives."""
    return sorted((e["start"], e["end"], e["sources"][0]["date_text"])
                  for e in _entries(tmp_path, text, date))


def _days(tmp_path: Path, text: str, date: str | None = JANUARY) -> list[str]:
    """Return the first day of each entry a one-article build gives."""
    return [start for start, _, _ in _events(tmp_path, text, date)]


# A date inside a name.

@pytest.mark.parametrize("sentence", [
    "Ministers of the June 12 alliance resigned from the cabinet.",
    "Ministers of the northern party's June 12 alliance resigned from the cabinet.",
    "Ministers of the pro-government June 12 bloc resigned from the cabinet.",
    "June 12 movement ministers resigned from the cabinet.",
    "Ministers of the 12 June camp resigned from the cabinet.",
])
def test_a_date_that_opens_a_groups_name_dates_no_event(tmp_path: Path, sentence: str) -> None:
    assert _days(tmp_path, sentence, "2025-07-14") == []


def test_a_date_before_a_group_noun_after_a_preposition_is_still_a_date(tmp_path: Path) -> None:
    assert _days(tmp_path, "On June 12 coalition forces shelled the port.", "2025-07-14") == [
        "2025-06-12"]


@pytest.mark.parametrize("sentence", [
    "A Sunday Times photographer was injured in the blast on Tuesday.",
    "Two Sunday Mirror reporters were detained at the border on Tuesday.",
    "The minister was interviewed by Sunday Telegraph reporters on Tuesday.",
    "The minister gave an interview to Sunday Herald reporters, who were detained on Tuesday.",
])
def test_a_weekday_naming_a_newspaper_dates_nothing(tmp_path: Path, sentence: str) -> None:
    assert _days(tmp_path, sentence) == ["2025-01-14"]


@pytest.mark.parametrize("sentence", [
    "The mayor criticised the agency in an interview with the network's \"Today\" show.",
    "The mayor told the network's Today programme the agency had failed.",
    "The mayor criticised the agency, USA Today reported.",
])
def test_today_naming_a_programme_or_a_paper_dates_nothing(sentence: str) -> None:
    assert [t.value for t in tag(sentence, dt.date(2025, 1, 14))] == []


@pytest.mark.parametrize("sentence", [
    "Such valves are fitted on every well in the world today.",
    "Even today the orchards yield a quarter of their old harvest.",
    "Fares were higher then than today.",
])
def test_today_meaning_the_present_age_is_no_day(sentence: str) -> None:
    assert [t.value for t in tag(sentence, dt.date(2025, 1, 14))] == ["PRESENT_REF"]


def test_today_in_a_report_is_the_publication_day() -> None:
    assert [t.value for t in tag("Shares fell 7% today.", dt.date(2025, 1, 14))] == ["2025-01-14"]


@pytest.mark.parametrize("sentence", [
    "The union's first strike began on Labor Day of 1936.",
    "The union's first strike began on Labor Day in 1936.",
    "The union's first strike began on Labor Day, 1936.",
])
def test_a_holiday_of_a_named_year_is_that_years_holiday(tmp_path: Path, sentence: str) -> None:
    assert _days(tmp_path, sentence, "2008-09-10") == ["1936-09-07"]


@pytest.mark.parametrize("sentence", [
    "The mill closed on March 8 in 1936.",
    "The mill closed on 8 March in 1936.",
])
def test_a_day_in_a_named_year_is_that_years_day(tmp_path: Path, sentence: str) -> None:
    assert _days(tmp_path, sentence, "2008-09-10") == ["1936-03-08"]


# Another clause's date.

@pytest.mark.parametrize("sentence", [
    "Mr Okafor hosted the envoy in the capital on Monday, after rebels seized two border "
    "towns at the weekend.",
    "Mr Okafor hosted the envoy in the capital on Monday and at the weekend rebels seized "
    "two border towns.",
    "At the weekend rebels seized two border towns, and on Monday Mr Okafor hosted the envoy.",
])
def test_each_clause_is_dated_by_its_own_date(tmp_path: Path, sentence: str) -> None:
    assert _events(tmp_path, sentence) == [("2025-01-11", "2025-01-12", "the weekend"),
                                           ("2025-01-13", "2025-01-13", "Monday")]


def test_a_verb_dated_in_its_clause_is_not_dated_again_by_a_later_date(tmp_path: Path) -> None:
    from generator.events import detect_candidates
    from generator.sentences import split_sentences
    from tests.helpers import TRIGGERS, article

    art = article("Mr Okafor hosted the envoy on Monday and at the weekend the army shelled "
                  "the city.", date=dt.date(2025, 1, 14))
    found = detect_candidates(art, art.text, split_sentences(art.text),
                              tag(art.text, art.date), TRIGGERS)
    assert sorted((c.trigger, c.date_text) for c in found) == [("hosted", "Monday"),
                                                              ("shelled", "the weekend")]


def test_a_date_after_a_relative_clause_dates_the_main_clause(tmp_path: Path) -> None:
    sentence = "Mr Okafor hosted the envoy, who had flown in at the weekend, on Monday."
    assert _events(tmp_path, sentence) == [("2025-01-13", "2025-01-13", "Monday")]


def test_a_date_after_and_dates_the_clause_it_opens(tmp_path: Path) -> None:
    sentence = ("Floodwater reached 300 homes in six towns, and on Monday, the army closed "
                "the border road.")
    assert _events(tmp_path, sentence) == [("2025-01-13", "2025-01-13", "Monday")]


def test_a_date_after_a_quote_dates_no_verb_of_telling(tmp_path: Path) -> None:
    sentence = ('"Nobody knows," said Ms Lee, who came to the door of her house in Leeds, '
                "on Monday, in a raincoat.")
    assert _events(tmp_path, sentence) == []


def test_a_lone_date_inside_a_sentence_dates_no_other_clause(tmp_path: Path) -> None:
    sentence = ("The old mine has declined, but at 9,000 tonnes a year (tpy) in 2009, it still "
                "led the region, officials said on Monday.")
    assert _events(tmp_path, sentence) == [("2025-01-13", "2025-01-13", "Monday")]


def test_coordinated_days_each_date_the_one_verb(tmp_path: Path) -> None:
    assert _days(tmp_path, "Talks were held in the capital on Monday and on Tuesday.") == [
        "2025-01-13", "2025-01-14"]


@pytest.mark.parametrize("sentence", [
    "The clean-up bill hit $2.65bn, up from Friday's figure of $2.35bn.",
    "The clean-up bill rose to $2.65bn, up from $2.35bn in November.",
    "Ferry crossings were fewer than in December, the operator announced.",
])
def test_a_comparisons_baseline_date_dates_no_event(tmp_path: Path, sentence: str) -> None:
    assert _days(tmp_path, sentence) == []


# Page stamps over text: a stamp dates the article, never an event.

@pytest.mark.parametrize("stamp", [
    "8 November 2011 Last updated at 14:07 GMT",
    "Last updated: 8 November 2011",
    "Last Updated: Tuesday, 8 November 2011, 14:07 GMT",
    "Page last updated at 14:07 GMT, Tuesday, 8 November 2011",
    "Published: 8 November 2011 Updated: 8 November 2011 14:07",
])
def test_a_page_stamp_line_does_not_date_the_verdict(tmp_path: Path, stamp: str) -> None:
    text = f"{stamp}\nA jury found the surgeon guilty of manslaughter on Monday."
    assert _days(tmp_path, text, NOVEMBER) == ["2011-11-07"]


def test_a_page_stamp_sentence_after_the_text_dates_nothing(tmp_path: Path) -> None:
    text = ("A jury found the surgeon guilty of manslaughter on Monday.\n"
            "This page was last updated on 8 November 2011 at 14:07.")
    assert _days(tmp_path, text, NOVEMBER) == ["2011-11-07"]


def test_a_numeric_page_stamp_run_into_the_text_dates_nothing(tmp_path: Path) -> None:
    text = "08/11/2011 14:07 A jury found the surgeon guilty of manslaughter on Monday."
    assert _days(tmp_path, text, NOVEMBER) == ["2011-11-07"]


def test_a_page_stamp_dates_an_article_without_a_date_header(tmp_path: Path) -> None:
    text = "Last updated: 8 November 2011\nA jury convicted the surgeon of manslaughter yesterday."
    assert _days(tmp_path, text, None) == ["2011-11-07"]


# A weekday with a clock time in an announcement is the coming one.

@pytest.mark.parametrize(("sentence", "value"), [
    ("Kick-off: 15:00 GMT Saturday.", "2013-03-23T15:00"),
    ("The final will be played at 15:00 GMT Saturday.", "2013-03-23T15:00"),
    ("The deadline expires at 15:00 GMT Saturday, officials said.", "2013-03-23T15:00"),
    ("Officials said the deadline expires at 15:00 GMT Saturday.", "2013-03-23T15:00"),
    ("The march starts on Saturday at 15:00 GMT.", "2013-03-23T15:00"),
    ("The ceasefire took effect at 15:00 GMT Saturday.", "2013-03-16T15:00"),
])
def test_a_weekday_with_a_clock_time_looks_ahead_unless_told_past(sentence: str,
                                                                  value: str) -> None:
    (timex,) = [t for t in tag(sentence, FRIDAY) if t.type == "TIME"]
    assert timex.value == value


# A past verb with a bare month or day: the past, whatever the reporting verb's tense.

@pytest.mark.parametrize(("sentence", "start"), [
    ("Engineers warned the council about cracks in March, the report says.", "2024-03-01"),
    ("In March, engineers warned the council about cracks, the report says.", "2024-03-01"),
    ("Engineers warned the council about cracks in February, the report says.", "2024-02-01"),
    ("Engineers warned the council about cracks on March 3, the report says.", "2024-03-03"),
    ("The report says engineers warned the council about cracks in early March.", "2024-03-01"),
])
def test_a_past_verb_with_a_bare_month_ahead_is_last_years(tmp_path: Path, sentence: str,
                                                           start: str) -> None:
    assert _days(tmp_path, sentence) == [start]


@pytest.mark.parametrize("sentence", [
    "The council vote was postponed to February.",
    "The board agreed to close the bridge in February.",
    "A spokesman told reporters the repair was ahead of its schedule of completion in February.",
    "Fines will be cut, assuming the leak is plugged in February.",
    "The forecast for the season starting on 1 February predicted ten storms.",
])
def test_a_past_verb_looking_ahead_is_no_past_event(tmp_path: Path, sentence: str) -> None:
    assert all(day >= JANUARY for day in _days(tmp_path, sentence))


# A year range, and a named war as background.

def test_a_year_range_naming_a_war_spans_its_years(tmp_path: Path) -> None:
    assert _events(tmp_path, "The 1961-64 Border War ended in a truce, not a treaty.") == [
        ("1961-01-01", "1964-12-31", "1961-64")]


@pytest.mark.parametrize("sentence", [
    "Veterans of the 1961-64 Border War met the president on Monday.",
    "Tensions are at their highest since the end of the 1961-64 Border War, analysts "
    "said on Monday.",
])
def test_a_war_named_as_background_is_an_entry_of_its_own_not_the_clauses_date(
        tmp_path: Path, sentence: str) -> None:
    # The war keeps its own name and years ("Border War", 1961 to 1964: no "End of ..."
    # and no 1960s), and the clause's event keeps its own day.
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    (articles / "a.md").write_text(f"Date: {JANUARY}\n\n{sentence}\n", encoding="utf-8")
    build(tmp_path / "content", tmp_path / "out")
    events = json.loads((tmp_path / "out" / "events.json").read_text(encoding="utf-8"))["events"]
    assert sorted((e["start"], e["end"], e["sources"][0]["date_text"]) for e in events) == [
        ("1961-01-01", "1964-12-31", "1961-64"), ("2025-01-13", "2025-01-13", "Monday")]
    assert next(e["title"] for e in events if e["start"] < "2000") == "Border War"


# Habits are not dated events.

@pytest.mark.parametrize("sentence", [
    "The widow hosted great parties for Halloween when she lived in the village.",
    "Every Halloween the widow hosted a party in the village hall.",
    "The widow used to host a party in the village hall on Halloween.",
])
def test_a_holiday_told_as_a_habit_is_no_event(tmp_path: Path, sentence: str) -> None:
    assert _days(tmp_path, sentence) == []


@pytest.mark.parametrize("sentence", [
    "The port's assets were valued at $442 million in 2008.",
    "Ferry fares accounted for 1.3% of the council's income in 2007, figures showed.",
    "The fund was the largest, accounting for around $1 of every $7 paid out last year.",
    "In 2000, the company gave almost 39 percent more to one party than to the other.",
])
def test_a_figure_for_a_year_is_no_dated_event(tmp_path: Path, sentence: str) -> None:
    assert _days(tmp_path, sentence, "2010-06-12") == []


def test_a_sale_for_a_sum_in_a_year_is_still_an_event(tmp_path: Path) -> None:
    assert _days(tmp_path, "The council sold the port for $442 million in 2008.",
                 "2010-06-12") == ["2008-01-01"]


def test_what_can_happen_in_a_month_is_no_dated_event(tmp_path: Path) -> None:
    assert _days(tmp_path, "Low oxygen in the bay can kill fish in late August and early "
                           "September, the report said.", "2025-09-15") == []
    assert _days(tmp_path / "long", "Scientists said warm weather and a lack of wind can rob "
                                    "the water of oxygen and cause fish kills in late August.",
                 "2025-09-15") == []


def test_a_holiday_told_once_is_an_event(tmp_path: Path) -> None:
    assert _days(tmp_path, "The widow hosted a party in the village hall on Halloween.") == [
        "2024-10-31"]


@pytest.mark.parametrize("sentence", [
    "Regulators had blamed both a 2011 refinery blast and pipeline leaks on cost-cutting.",
    "The agency sent the 2019 inspection letter to the firm.",
    "The new chief spoke about pay ahead of his March 1 start date.",
    "The lawyer, who ran the fund for victims of the 4 June 2011 floods, praised the plan.",
    "The lawyer, who ran the fund for victims of the June 4, 2011 floods, praised the plan.",
    "The panel studied claims under the Harbour Safety Act of 1990 and the later rules.",
])
def test_a_date_before_a_noun_is_the_nouns_own_and_dates_no_clause(tmp_path, sentence):
    assert _days(tmp_path, sentence) == []


def test_a_relative_date_counted_from_a_named_event_not_dated_here_dates_no_clause(tmp_path):
    assert _days(tmp_path, "The agency barred reporters from the camps in the weeks after "
                           "Hurricane Doris.") == []


def test_a_relative_date_counted_from_an_event_noun_not_told_before_dates_nothing(tmp_path):
    assert _days(tmp_path, "The council approved the budget on 3 January. In the weeks after "
                           "the storm, the agency barred reporters from the camps.") == [
        "2025-01-03"]


def test_a_number_more_than_a_week_ago_is_a_baseline(tmp_path):
    days = _days(tmp_path, "The agency said there were now 41,000 people working on the "
                           "clean-up - nearly 5,000 more than a week ago.")
    assert "2025-01-06" not in days and "2025-01-07" not in days


@pytest.mark.parametrize("sentence", [
    "The harbour master, who also advises the port, could not be reached late last week.",
    "The ministry declined to comment on Friday.",
    "The operator did not respond to requests for comment on Monday.",
])
def test_a_reporters_note_of_no_comment_is_no_event(tmp_path: Path, sentence: str) -> None:
    assert _days(tmp_path, sentence) == []


def test_a_change_dates_its_end_not_its_starting_point(tmp_path: Path) -> None:
    days = _days(tmp_path, "Its research budget dropped from about $5.6 million in 1993 to "
                           "about $500,000 last year.")
    assert days == ["2024-01-01"]


def test_a_date_after_an_adjective_before_a_noun_is_the_nouns_own(tmp_path: Path) -> None:
    days = _days(tmp_path, "Last month, ahead of his official October 1 start date, the new "
                           "chief said he was reviewing pay.", date="2025-10-19")
    assert days == ["2025-09-01"]


@pytest.mark.parametrize(("sentence", "span"), [
    ("The port earned $1.8 million from July through September.",
     ("2024-07-01", "2024-09-30", "2024-Q3")),
    ("Between June and August, divers took 170 samples from the wreck.",
     ("2024-06-01", "2024-08-31", "2024")),
    ("The inquiry met from Monday to Wednesday.", ("2025-01-13", "2025-01-15", "2025-W03")),
])
def test_a_span_from_one_date_to_another_dates_one_event_over_all_of_it(tmp_path, sentence, span):
    events = _entries(tmp_path, sentence, "2025-01-17")
    assert [(e["start"], e["end"], e["date"]) for e in events] == [span]


def test_a_relative_date_counted_from_an_undated_clause_dates_nothing(tmp_path):
    days = _days(tmp_path, "The minister will visit the port on Friday. The visit will come "
                           "a day after she receives the inspectors' report.", date="2025-01-14")
    assert days == ["2025-01-17"]


def test_a_relative_date_counted_from_the_event_just_told_is_dated_from_it(tmp_path):
    days = _days(tmp_path, "The ferry Aurora caught fire on 3 January. In the days after the "
                           "Aurora fire, divers searched the wreck.", date="2025-01-14")
    assert days[0] == "2025-01-03" and len(days) == 2 and days[1] >= "2025-01-03"


def test_a_quarter_of_a_harvest_is_a_share_not_a_span() -> None:
    tagged = tag("The orchards yield a quarter of their old harvest.", dt.date(2025, 1, 14))
    assert [t.value for t in tagged] == []
