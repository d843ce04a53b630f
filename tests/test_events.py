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
            "troops were withdrawn in 1953.")
    found = candidates(text, [("last year", "2024"), ("1953", "1953")])
    assert [(c.trigger, c.value) for c in found] == [("deployed", "2024"), ("withdrawn", "1953")]


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


def test_year_range_spans_from_the_first_year_to_the_last():
    (c,) = candidates("From 1961-64 the province built 40 dams.", [("1961-64", "196")])
    assert (c.start, c.end) == (D(1961, 1, 1), D(1964, 12, 31))


def test_year_range_naming_a_war_dates_the_war_not_the_clause():
    text = "Veterans of the 1961-64 Border War marched in the capital to demand pensions."
    (c,) = candidates(text, [("1961-64", "196")])
    assert (c.trigger, c.clause, c.trigger_is_verb) == ("war", "Border War", False)
    assert (c.start, c.end) == (D(1961, 1, 1), D(1964, 12, 31))


def test_year_naming_an_event_noun_does_not_date_the_clause():
    text = "Analysts compared the slump to the 2011 banking crisis."
    assert candidates(text, [("2011", "2011")]) == []


def test_year_dating_the_clause_still_gives_an_event():
    (c,) = candidates("The company was founded in 1961 by two engineers.", [("1961", "1961")])
    assert c.value == "1961"


def test_holiday_every_year_is_a_habit_not_an_event():
    text = "Every Christmas the family gathered at the farm and sang."
    assert candidates(text, [("Christmas", "2024-12-25")]) == []


def test_holiday_with_a_habitual_verb_is_not_an_event():
    text = "The mayor used to open the fair on Easter Sunday with a speech."
    assert candidates(text, [("Easter Sunday", "2025-04-20")]) == []


def test_holiday_for_plural_things_is_a_habit():
    text = "The couple hosted lavish parties for Halloween in their old house."
    assert candidates(text, [("Halloween", "2024-10-31")]) == []


def test_holiday_on_its_own_is_still_dated():
    (c,) = candidates("Protesters marched through the city on Christmas Day.",
                      [("Christmas Day", "2024-12-25")])
    assert c.value == "2024-12-25"


def test_year_inside_a_name_that_is_no_event_dates_nothing():
    text = "Lawyers asked the director to read aloud the 2003 Harlan Commission letter."
    assert candidates(text, [("2003", "2003")]) == []


def test_year_before_a_bare_event_noun_dates_nothing():
    text = "The spill is larger than the 1995 spill, officials warned."
    assert candidates(text, [("1995", "1995")]) == []


def test_named_event_keeps_its_of_phrase():
    text = "Investigators reopened files on the 1974 bombing of Flight 209 over the sea."
    (c,) = candidates(text, [("1974", "1974")])
    assert c.clause == "bombing of Flight 209"


def test_year_inside_a_longer_name_is_no_event():
    text = "Officials followed the 1975 Coastal Flood Act in every county."
    assert candidates(text, [("1975", "1975")]) == []


def test_one_word_named_event_keeps_its_year():
    (c,) = candidates("Sponsors backed the 2016 Games across the region.", [("2016", "2016")])
    assert c.clause == "2016 Games"
