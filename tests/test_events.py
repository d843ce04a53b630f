import datetime as dt

from generator.events import detect_candidates
from generator.sentences import split_sentences
from generator.temporal import tag
from tests.helpers import TRIGGERS, article, candidates

D = dt.date


def test_date_dates_the_verb_of_its_own_clause():
    found = candidates("The rebels said the army had seized the town last August.",
                       [("last August", "2024-08")])
    assert [(c.trigger, c.value, c.family) for c in found] == [("seized", "2024-08", "attack")]


def test_fronted_date_dates_the_main_clause():
    found = candidates("In March, the ministry estimated that 400 people had died.",
                       [("March", "2025-03")])
    assert [c.trigger for c in found] == ["estimated"]


def test_date_in_a_relative_clause_does_not_date_the_main_clause():
    text = "Officials said troops have retaken the region that rebels had seized last year."
    found = candidates(text, [("last year", "2024")])
    assert [c.trigger for c in found] == ["seized"]


def test_two_dates_in_one_sentence_give_two_events():
    text = ("The government deployed 500 soldiers last year, its first mission since "
            "the end of the 1950-53 war.")
    found = candidates(text, [("last year", "2024"), ("1950-53", "195")])
    assert [(c.trigger, c.value) for c in found] == [("deployed", "2024"), ("end", "195")]


def test_sentence_with_a_date_but_no_event_gives_nothing():
    assert candidates("The weather in June is usually warm.", [("June", "2025-06")]) == []


def test_quote_is_the_verbatim_sentence_and_date_text_the_words():
    text = "Nothing here. The council signed the deal on Monday. More later."
    (c,) = candidates(text, [("on Monday", "2025-04-28")])
    assert c.quote == "The council signed the deal on Monday."
    assert (c.date_text, c.start, c.end) == ("on Monday", D(2025, 4, 28), D(2025, 4, 28))


def test_denial_in_the_sentence_marks_the_candidate_disputed():
    text = "Russia claimed it retook the town on Saturday, although Kyiv denies it."
    (c,) = candidates(text, [("on Saturday", "2025-04-26")])
    assert c.disputed


def test_anchored_date_resolves_against_the_previous_event():
    text = ("The two leaders signed a pact last June.\n"
            "Less than six months later, reports claimed troops were at the front.")
    found = candidates(text, [("last June", "2024-06"),
                              ("Less than six months later", "P6M", "DURATION", "LESS_THAN", "+P6M")])
    assert found[1].start == D(2024, 6, 1) and found[1].end.year == 2024 and found[1].end.month == 12


def test_past_events_end_no_later_than_the_publication_day():
    (c,) = candidates("The company sold 300 cars earlier this year.",
                      [("earlier this year", "2025")])
    assert (c.start, c.end) == (D(2025, 1, 1), D(2025, 4, 28))


def test_title_clause_drops_the_date_and_leading_connectives():
    (c,) = candidates("This came after the army confirmed on April 28 that it had left.",
                      [("on April 28", "2025-04-28")])
    assert c.clause == "the army confirmed"


def test_denial_of_the_main_claim_does_not_dispute_a_relative_clause():
    text = ("The port, which rebels seized last year, has been retaken, although "
            "rebel leaders deny it.")
    (c,) = candidates(text, [("last year", "2024")])
    assert c.trigger == "seized" and not c.disputed


def test_named_days_are_exact_days_up_to_publication():
    from generator.events import named_days
    from generator.temporal import tag

    text = "Talks began on Saturday. Prices rose in March. The vote will be held on Friday."
    days = named_days(tag(text, dt.date(2025, 4, 28)), dt.date(2025, 4, 28))
    assert days == {dt.date(2025, 4, 26)}


def test_past_event_in_a_bare_month_ahead_of_the_article_is_last_years_event():
    art = article("Surveyors warned the council about cracks in March, the survey says.",
                  date=D(2025, 1, 14))
    found = detect_candidates(art, art.text, split_sentences(art.text), tag(art.text, art.date),
                              TRIGGERS)
    assert [(c.trigger, c.value) for c in found] == [("warned", "2024-03")]
