"""Plans are not facts: entries told as still to happen are marked planned or expected."""

import datetime as dt
import json
from pathlib import Path

import pytest

from generator.build import build
from generator.curation import apply_curation, load_curation
from generator.events import detect_candidates
from generator.export import icalendar, timeline_json
from generator.merge import NOT_DONE_WEIGHT, document_frequencies, event_status, merge_candidates
from generator.models import Event, Site, Source
from generator.render import key_event_ids
from generator.sentences import split_sentences
from generator.temporal import tag
from generator.temporal.tense import clause_mood
from tests.helpers import TRIGGERS, article

D = dt.date
PUBLISHED = D(2025, 4, 28)


def _found(text: str, stem: str = "a", date: dt.date = PUBLISHED):
    art = article(text, stem=stem, date=date)
    return detect_candidates(art, art.text, split_sentences(art.text), tag(art.text, art.date),
                             TRIGGERS)


def _merged(*found):
    every = [c for group in found for c in group]
    df, n = document_frequencies(c.sentence.text for c in every)
    return merge_candidates(every, df, n)


@pytest.mark.parametrize(("clause", "mood"), [
    ("The inquiry will open in", "planned"),
    ("Hopes for a quick repair were dashed", None),
    ("Their hopes of a deal faded", None),
    ("The council hopes to reopen the bridge in", "expected"),
    ("The court is to rule on", "planned"),
    ("The trial is due to start on", "planned"),
    ("The summit is scheduled for", "planned"),
    ("The ministry plans to publish the figures in", "planned"),
    ("we'll know more in", "planned"),
    ("Repairs are expected to begin in", "expected"),
    ("The strike is likely to end by", "expected"),
    ("The river could flood the valley in", "expected"),
    ("The company will probably be expected to pay in", "expected"),
    ("The council closed the bridge on", None),
    ("Prices rose in", None),
    ("Delays due to the storm closed the port on", None),
    ("The crisis set in on", None),
    ("The leak may have started in", None),
    ("Officials who would not be named said the bridge reopened on", None),
    ("Voters in May", None),
    ("The institute last month forecast states face shortfalls", None),
    ("The institute forecasts that states face shortfalls", "expected"),
])
def test_a_clause_s_mood_is_planned_expected_or_none(clause, mood):
    assert clause_mood(clause) == mood


def test_would_tells_a_plan_only_for_a_date_after_publication():
    assert clause_mood("He said he would resign on", after_publication=True) == "expected"
    assert clause_mood("He said he would resign on", after_publication=False) is None


def test_a_plan_told_in_the_past_is_still_no_fact():
    assert clause_mood("The vote was scheduled to take place on") == "planned"
    assert clause_mood("The firm had planned to open the plant in") == "planned"
    assert clause_mood("The spill was expected to reach the coast by") == "expected"


def test_a_planned_sentence_gives_a_planned_candidate_dated_ahead_of_the_article():
    (c,) = _found("The public inquiry will open in June, the minister said.")
    assert (c.status, c.value, c.start) == ("planned", "2025-06", D(2025, 6, 1))


def test_an_expected_sentence_gives_an_expected_candidate():
    (c,) = _found("Repairs to the bridge are expected to begin in September.")
    assert (c.status, c.value) == ("expected", "2025-09")


def test_a_reported_fact_has_no_status():
    (c,) = _found("The council closed the bridge on Monday.")
    assert c.status is None


def test_a_scheduled_event_that_was_postponed_is_a_plan():
    (c,) = _found("The vote was scheduled to take place on Monday but was postponed.")
    assert c.status == "planned"


def test_a_chronology_line_is_a_plan_only_if_its_own_verb_is_planned():
    text = ("Timeline of the floods:\n"
            "April 3: Crews are seen at the dam as fears grow that it may burst.\n"
            "April 9: Engineers will inspect the dam.\n"
            "April 12: The council closes the dam road.")
    found = [c for c in _found(text) if c.listed]
    assert [(c.start, c.status) for c in found] == [
        (D(2025, 4, 3), None), (D(2025, 4, 9), "planned"), (D(2025, 4, 12), None)]


def test_a_plan_in_another_clause_leaves_the_fact_a_fact():
    found = _found("The bridge reopened on Saturday, and the council will review it later.")
    assert [(c.trigger, c.status) for c in found] == [("reopened", None)]


def test_the_saying_is_a_fact_though_what_is_said_is_a_plan():
    (c,) = _found("The mayor said on Friday that she would resign.")
    assert (c.trigger, c.status) == ("said", None)


def test_an_event_is_a_plan_only_if_every_source_tells_a_plan():
    planned = _found("The Harbour Authority will open the Eastport ferry terminal on May 5.",
                     stem="a")
    expected = _found("The Harbour Authority is expected to open the Eastport ferry terminal "
                      "on May 5.", stem="b")
    (event,) = _merged(planned, expected)
    assert event.status == "planned"
    done = _found("The Harbour Authority opened the Eastport ferry terminal on May 5.",
                  stem="c", date=D(2025, 5, 6))
    (event,) = _merged(planned, expected, done)
    assert event.status is None


def test_a_plan_that_came_true_is_summed_up_by_the_source_that_reports_it_done():
    planned = _found("The Harbour Authority will open the Eastport ferry terminal on May 5.",
                     stem="a")
    done = _found("The Harbour Authority opened the Eastport ferry terminal on May 5.",
                  stem="b", date=D(2025, 5, 6))
    (event,) = _merged(planned, done)
    assert event.summary == done[0].quote
    assert [s.article for s in event.sources] == ["b", "a"]


def test_statuses_merge_to_a_plan_only_when_none_is_a_fact():
    assert event_status(["expected", "expected"]) == "expected"
    assert event_status(["expected", "planned"]) == "planned"
    assert event_status(["planned", None]) is None
    assert event_status([]) is None


def test_a_plan_counts_a_share_of_a_fact_s_importance():
    (plan,) = _merged(_found("The Harbour Authority will open the Eastport ferry terminal "
                             "on May 5."))
    (fact,) = _merged(_found("The Harbour Authority opened the Eastport ferry terminal on "
                             "May 5.", date=D(2025, 5, 6)))
    assert plan.importance == pytest.approx(fact.importance * NOT_DONE_WEIGHT, abs=0.01)


def _event(event_id: str, importance: float, **extra) -> Event:
    source = Source(article=event_id, publisher="Daily", title=None, url=None,
                    quote=f"Quote of {event_id}.", date_text="on Monday", article_date=PUBLISHED)
    return Event(id=event_id, title=f"Title of {event_id}", summary=source.quote,
                 date="2025-04-21", start=D(2025, 4, 21), end=D(2025, 4, 21),
                 category="event", importance=importance, sources=[source], **extra)


def test_a_plan_is_never_a_key_event_unless_pinned():
    events = [_event("plan", 99.0, status="planned")] + [_event(f"e{n}", 1.0) for n in range(8)]
    assert "plan" not in key_event_ids(events)
    events[0].pinned = True
    assert "plan" in key_event_ids(events)


def test_exports_mark_a_plan_s_title():
    events = [_event("plan", 1.0, status="expected")]
    assert "Title of plan (expected)" in timeline_json(Site(), events)
    assert "SUMMARY:Title of plan (expected)" in icalendar(Site(), events)


def test_curation_sets_and_clears_a_status_and_rescales_importance(tmp_path: Path):
    (tmp_path / "curation.toml").write_text(
        '[[entry]]\nid = "fact"\nstatus = "planned"\n\n'
        '[[entry]]\nid = "plan"\nstatus = "done"\n', encoding="utf-8")
    curation, problems = load_curation(tmp_path)
    assert problems == []
    events = [_event("fact", 2.0), _event("plan", 0.6, status="expected")]
    curated, problems = apply_curation(events, [], curation)
    by_id = {e.id: e for e in curated}
    assert problems == []
    assert (by_id["fact"].status, by_id["fact"].importance) == ("planned", 0.6)
    assert (by_id["plan"].status, by_id["plan"].importance) == (None, 2.0)


def test_curation_rejects_an_unknown_status(tmp_path: Path):
    (tmp_path / "curation.toml").write_text('[[entry]]\nid = "fact"\nstatus = "maybe"\n',
                                            encoding="utf-8")
    _, problems = load_curation(tmp_path)
    assert len(problems) == 1 and "'status'" in problems[0].message


def test_a_build_shows_the_status_in_events_json_and_on_the_entry(tmp_path: Path):
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    (articles / "inquiry.txt").write_text(
        "Title: Inquiry\nDate: 2025-04-28\nPublisher: Daily\n\n"
        "The public inquiry into the bridge collapse will open in June, the minister said.\n\n"
        "The council closed the bridge on Saturday.\n", encoding="utf-8")
    build(tmp_path / "content", tmp_path / "out")
    events = json.loads((tmp_path / "out" / "events.json").read_text(encoding="utf-8"))["events"]
    statuses = {e["start"]: e["status"] for e in events}
    assert statuses == {"2025-04-26": None, "2025-06-01": "planned"}
    plan = next(e for e in events if e["status"])
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    entry = index[index.index(f'id="{plan["id"]}"'):]
    entry = entry[:entry.index("</article>")]
    assert '<span class="visually-hidden">Not yet happened: </span>Planned</span>' in entry
    page = (tmp_path / "out" / "events" / f"{plan['id']}.html").read_text(encoding="utf-8")
    assert "Planned: the sources tell this as still to happen" in page
    assert "(planned)" in (tmp_path / "out" / "feed.xml").read_text(encoding="utf-8")


def test_a_plan_merges_with_its_fulfilment_but_not_with_an_unlike_fact_of_its_day():
    plan = _found("Divers will raise the sunken ferry Aurora on Friday.", "a", D(2025, 4, 30))
    done = _found("Divers raised the sunken ferry Aurora on Friday.", "b", D(2025, 5, 3))
    (entry,) = _merged(plan, done)
    assert entry.status is None and len(entry.sources) == 2
    fact = _found("Harbour shares fell 3% in early trading on Friday.", "c", D(2025, 5, 3))
    guess = _found("Steel prices in Europe will fall further on Friday, analysts said.",
                   "d", D(2025, 5, 1))
    assert len(_merged(fact, guess)) == 2
