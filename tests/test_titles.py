"""Headlines made from the clauses that report events."""

import pytest

from generator.titles import headline, third_person

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
