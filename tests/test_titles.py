"""Headlines made from the clauses that report events."""

import pytest

from generator.titles import headline, third_person, title_for, with_quotation
from tests.helpers import candidates

HEADLINES = [
    ("The Russian leader signed a mutual defence pact with Kim Jong Un", "signed",
     "Russian leader signs mutual defence pact with Kim Jong Un"),
    ("North Korea had sent an additional 3,000 soldiers", "sent",
     "North Korea sends additional 3,000 soldiers"),
    ("The rebels seized the northern town of Abra", "seized", "Rebels seize northern town of Abra"),
    ("The town was seized by rebels in a night raid", "seized", "Town seized by rebels in night raid"),
    ("Engineers found cracks in the main span", "found", "Engineers find cracks in main span"),
    ("The minister resigned, officials said", "resigned", "Minister resigns"),
    ("North Korea had not officially acknowledged the deployment", "acknowledged",
     "North Korea had not officially acknowledged deployment"),
]


@pytest.mark.parametrize(("clause", "trigger", "expected"), HEADLINES)
def test_headline_is_present_tense_without_articles_or_attribution(clause, trigger, expected):
    assert headline(clause, trigger) == expected


def test_long_headline_is_cut_before_a_function_word():
    clause = ("Officials confirmed the closure of the northern border crossing for trucks and "
              "buses after the floods in the valley")
    title = headline(clause, "confirmed")
    assert len(title.split()) <= 12
    assert not title.endswith(("for", "and", "the", "after"))


def test_third_person_spelling():
    assert [third_person(v) for v in ("seize", "fix", "deny", "say", "push")] == [
        "seizes", "fixes", "denies", "says", "pushes"]


def test_a_passive_keeps_its_participle_whatever_the_trigger():
    assert headline("The port was seized by rebels in a night attack", "attack") == (
        "Port seized by rebels in night attack")


def test_a_reporting_verb_goes_into_the_present():
    assert headline("Reports claimed that troops were moving north", "reports") == (
        "Reports claim that troops were moving north")


def test_a_speaker_only_title_takes_the_start_of_the_quotation():
    title = with_quotation("Health minister warns",
                           'The health minister warned: "Hospitals will run out of beds within '
                           'a fortnight unless the wards reopen."')
    assert title == "Health minister: “Hospitals will run out of beds within a fortnight…”"


def test_a_title_with_its_own_object_is_not_given_a_quotation():
    assert with_quotation("Minister signs decree", 'He said: "This is a good day for all."') == (
        "Minister signs decree")


def test_a_relative_clause_takes_the_noun_it_hangs_on():
    [object_relative] = candidates(
        "Talks began on the future of the old port that rebels had seized in a night raid last year.",
        [("last year", "2024")])
    assert title_for([object_relative]) == "Rebels seize old port in night raid"
    [subject_relative] = candidates(
        "Talks resumed over control of the old port, which had been seized by rebels last year.",
        [("last year", "2024")])
    assert title_for([subject_relative]) == "Old port seized by rebels"
