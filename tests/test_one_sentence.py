"""One sentence, one entry, unless it reports two events on two dates; a reprint is one source."""

import datetime as dt
from collections import Counter

from generator import merge
from generator.merge import document_frequencies, merge_candidates, normalised, source_score
from generator.models import Source
from tests.helpers import candidates, reports

D = dt.date


def merged(*groups):
    found = [c for g in groups for c in g]
    df, n = document_frequencies(c.sentence.text for c in found)
    return merge_candidates(found, df, n)


def cited(events) -> Counter:
    """Return under how many entries each quote is cited."""
    return Counter(q for e in events for q in {normalised(s.quote) for s in e.sources})


def test_a_sentence_with_one_event_and_two_date_expressions_gives_one_candidate():
    found = candidates("The council published its audit of the ferry company on 8 June 2025, 5:30 AM.",
                       [("8 June 2025", "2025-06-08"), ("5:30 AM", "2025-06-08T05:30", "TIME")],
                       date=D(2025, 6, 9))
    assert len(found) == 1


def test_dates_of_one_trigger_keep_the_most_precise():
    (found,) = candidates("In 2019 the ferry company sold its last ship on 4 June.",
                          [("2019", "2019"), ("4 June", "2019-06-04")])
    assert (found.start, found.end) == (D(2019, 6, 4), D(2019, 6, 4))


def test_alternative_days_of_one_event_keep_the_one_nearest_its_verb():
    (found,) = candidates("Divers could start the salvage work on Monday or on Tuesday.",
                          [("on Monday", "2025-04-28"), ("on Tuesday", "2025-04-29")])
    assert found.date_text == "on Monday"


def test_a_sentence_with_two_events_on_two_dates_gives_two_candidates():
    found = candidates("The tanker struck a reef on 2 April and sank on 4 April.",
                       [("on 2 April", "2025-04-02"), ("on 4 April", "2025-04-04")])
    assert sorted(c.start for c in found) == [D(2025, 4, 2), D(2025, 4, 4)]
    assert [e.start for e in merged(found)] == [D(2025, 4, 2), D(2025, 4, 4)]


def test_two_articles_with_the_same_sentence_give_one_entry_counting_one_source():
    text = "The council closed the old river bridge on Monday after engineers found cracks."
    reprint = merged(candidates(text, [("on Monday", "2025-04-28")], stem="a"),
                     candidates(text, [("on Monday", "2025-04-28")], stem="b"))
    apart = merged(candidates(text, [("on Monday", "2025-04-28")], stem="a"),
                   candidates("Engineers found cracks, so the council shut the river bridge on Monday.",
                              [("on Monday", "2025-04-28")], stem="b"))
    (event,) = reprint
    (other,) = apart
    assert {s.article for s in event.sources} == {"a", "b"}  # both citations listed
    assert event.importance == other.importance - 1  # but one source, not two


def test_a_reprint_is_one_source_and_a_new_sentence_another():
    def source(article: str, quote: str) -> Source:
        return Source(article=article, publisher=None, title=None, url=None, quote=quote,
                      date_text=None)

    same = "The port reopened on Monday."
    assert source_score([source("a", same), source("b", same.upper())]) == 1
    assert source_score([source("a", same), source("b", "Ships sailed again on Monday.")]) == 2
    assert source_score([source("a", same), source("a", "Ships sailed."),
                         source("b", same), source("b", "Ships sailed.")]) == 1.25


def test_an_undated_report_of_a_dated_sentence_is_cited_under_no_other_entry():
    text = "Police arrested the harbour master of Velport on Monday over the dredging contracts."
    dated = candidates(text, [("on Monday", "2025-04-28")], stem="a", date=D(2025, 4, 29))
    undated = reports(text, stem="a", date=D(2025, 4, 29))
    other = candidates("Police arrested a clerk of the Velport harbour over the dredging contracts "
                       "on Friday.", [("on Friday", "2025-04-18")], stem="b", date=D(2025, 4, 19))
    events = merged(dated, undated, other)
    assert len(events) == 2
    assert max(cited(events).values()) == 1


def test_without_the_rule_the_undated_report_would_be_cited_twice(monkeypatch):
    monkeypatch.setattr(merge, "one_entry_per_sentence", lambda groups: groups)
    text = "Police arrested the harbour master of Velport on Monday over the dredging contracts."
    events = merged(candidates(text, [("on Monday", "2025-04-28")], stem="a", date=D(2025, 4, 29)),
                    reports(text, stem="a", date=D(2025, 4, 29)),
                    candidates("Police arrested a clerk of the Velport harbour over the dredging "
                               "contracts on Friday.", [("on Friday", "2025-04-18")], stem="b",
                               date=D(2025, 4, 19)))
    assert max(cited(events).values()) == 2


def test_a_reprint_read_on_a_later_day_stays_in_the_entry_of_its_first_publication():
    text = "The regional airline cancelled all its flights to the Orn islands on Monday."
    first = candidates(text, [("on Monday", "2025-04-28")], stem="first", date=D(2025, 4, 29))
    # Run again a week on, its "Monday" is read as the next one, where others tell of more.
    again = candidates(text, [("on Monday", "2025-05-05")], stem="again", date=D(2025, 5, 6))
    others = [candidates(f"The regional airline cancelled flights to the Orn islands again "
                         f"on Monday, {n} pilots said.", [("on Monday", "2025-05-05")],
                         stem=f"o{n}", date=D(2025, 5, 6)) for n in range(3)]
    events = merged(first, again, *others)
    (told,) = [e for e in events if any(normalised(s.quote) == normalised(text) for s in e.sources)]
    assert told.start == D(2025, 4, 28)
    assert {s.article for s in told.sources} == {"first"}


def test_the_same_words_published_weeks_apart_stay_two_events():
    text = "Police arrested two fishermen near Orn on Monday."
    events = merged(candidates(text, [("on Monday", "2025-04-28")], stem="a", date=D(2025, 4, 29)),
                    candidates(text, [("on Monday", "2025-06-02")], stem="b", date=D(2025, 6, 3)))
    assert [e.start for e in events] == [D(2025, 4, 28), D(2025, 6, 2)]


def test_entries_do_not_depend_on_the_order_candidates_come_in():
    text = "The council closed the old river bridge on Monday after engineers found cracks."
    groups = [candidates(text, [("on Monday", "2025-04-28")], stem="a"),
              reports(text, stem="a"),
              candidates(text, [("on Monday", "2025-04-28")], stem="b"),
              candidates("Engineers found more cracks in the river bridge on Friday.",
                         [("on Friday", "2025-04-25")], stem="c")]
    forward = [e.as_json() for e in merged(*groups)]
    assert [e.as_json() for e in merged(*reversed(groups))] == forward


def _reopened_sources(published: dt.date) -> set[str]:
    """Return the articles cited for a reopening that a background sentence also tells."""
    text = ("The port of Velport, which was closed by a storm last year, has now been reopened "
            "by the harbour council.")
    background = candidates(text, [("last year", "2024")], stem="a", date=published)
    undated = reports(text, stem="a", date=published)
    news = candidates("The harbour council reopened the port of Velport on Saturday.",
                      [("on Saturday", "2025-04-26")], stem="b", date=D(2025, 4, 27))
    events = merged(background, undated, news)
    (reopened,) = [e for e in events if e.start == D(2025, 4, 26)]
    return {s.article for s in reopened.sources}


def test_a_sentence_dated_only_by_its_background_still_tells_a_later_undated_event():
    assert _reopened_sources(D(2025, 4, 28)) == {"a", "b"}


def test_a_sentence_dated_only_by_its_background_tells_no_event_long_before_its_article():
    assert _reopened_sources(D(2025, 6, 30)) == {"b"}


def test_the_ends_of_one_span_of_days_give_one_candidate():
    found = candidates("The pupil attended school on Wednesday to Friday.",
                       [("on Wednesday", "2025-04-23"), ("Friday", "2025-04-25")])
    assert len(found) == 1
