"""Tables of sentences and the expressions generator.temporal.tag must find in them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.temporal import tag
from generator.temporal.values import is_valid, span

DCT = dt.date(2025, 4, 28)  # a Monday


def find(sentence: str, expected: str, dct: dt.date | None = DCT):
    """Return the expression tagged with the expected text, failing if there is none."""
    timexes = tag(sentence, dct)
    for t in timexes:
        if t.text == expected:
            return t
    pytest.fail(f"{expected!r} not tagged in {sentence!r}: {[t.text for t in timexes]}")


ABSOLUTE = [
    ("Prices rose in June 2024.", "June 2024", "2024-06"),
    ("The deal was signed on October 2, 2024.", "October 2, 2024", "2024-10-02"),
    ("The deal was signed on 2 October 2024.", "2 October 2024", "2024-10-02"),
    ("The filing is dated 2024-10-02.", "2024-10-02", "2024-10-02"),
    ("The Korean War (1950-1953) ended in a truce.", "1950-1953", "195"),
    ("The war of 1950-53 ended in a truce.", "1950-53", "195"),
    ("Jazz changed in the 1950s.", "the 1950s", "195"),
    ("The company was founded in 1998.", "1998", "1998"),
    ("Sales fell in fiscal 1998.", "fiscal 1998", "1998"),
    ("The rebels attacked on April 26.", "April 26", "2025-04-26"),
    ("The summit will be held on May 5.", "May 5", "2025-05-05"),
    ("Profits grew in the third quarter of 1998.", "the third quarter of 1998", "1998-Q3"),
    ("Output fell in the first half of 2024.", "the first half of 2024", "2024-H1"),
    ("The company said profit rose in the third quarter.", "the third quarter", "2024-Q3"),
    ("Sales beat the 1988 second quarter.", "the 1988 second quarter", "1988-Q2"),
    ("Atlanta, nineteen ninety-six.", "nineteen ninety-six", "1996"),
    ("It began in January nineteen ninety-seven.", "January nineteen ninety-seven", "1997-01"),
    ("Jobs will double by the year two thousand.", "the year two thousand", "2000"),
    ("Oil peaked in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four",
     "1994-WI"),
    ("The Times said in an editorial on Sunday, April 6: no.", "Sunday, April 6", "2025-04-06"),
    ("A hearing is set for the week of May 5.", "the week of May 5", "2025-W19"),
    ("Leaders met on April 24 and 25.", "25", "2025-04-25"),
    ("The fairs ran May 3 and 4, 1990.", "May 3", "1990-05-03"),
    ("Sales rose in the fiscal year.", "the fiscal year", "2025"),
    ("Profit fell in the latest fiscal year.", "the latest fiscal year", "2024"),
    ("For the year, sales rose 5%.", "the year", "2025"),
    ("Earnings for the last half of 2024 fell.", "the last half of 2024", "2024-H2"),
    ("Profit rose from the year-earlier level.", "year-earlier", "2024"),
    ("Third-quarter profit rose from year-ago levels.", "year-ago", "2024-Q1"),
]

RELATIVE = [
    ("Prices fell last June.", "last June", "2024-06"),
    ("The talks collapsed on Monday.", "Monday", "2025-04-28"),
    ("The rebels attacked on Saturday.", "Saturday", "2025-04-26"),
    ("The ministers will meet on Friday.", "Friday", "2025-05-02"),
    # A bare weekday in a present-tense sentence is the latest one, as news reports events.
    ("Officials say the talks are on track after a meeting Friday.", "Friday", "2025-04-25"),
    ("Officials could not be reached Wednesday.", "Wednesday", "2025-04-23"),
    ("Dozens have been hurt in blasts next to the embassy on Friday.", "Friday", "2025-04-25"),
    ("He spoke this morning.", "this morning", "2025-04-28TMO"),
    ("He will speak this afternoon.", "this afternoon", "2025-04-28TAF"),
    ("The vote is today.", "today", "2025-04-28"),
    ("The border stayed closed until today.", "today", "2025-04-28"),
    ("The minister resigned yesterday.", "yesterday", "2025-04-27"),
    ("He will speak tonight.", "tonight", "2025-04-28TNI"),
    ("The ceasefire is holding now.", "now", "PRESENT_REF"),
    ("The army recently moved troops.", "recently", "PAST_REF"),
    ("Fighting flared over the weekend.", "the weekend", "2025-W17-WE"),
    ("Talks stalled last week.", "last week", "2025-W17"),
    ("Talks continue this week.", "this week", "2025-W18"),
    ("Talks resume next month.", "next month", "2025-05"),
    ("Exports fell last year.", "last year", "2024"),
    ("Hate groups grew over the past year.", "the past year", "2024"),
    ("Exports fell last yeae.", "last yeae", "2024"),
    ("Exports fell last fall.", "last fall", "2024-FA"),
    ("Exports fell last autumn.", "last autumn", "2024-FA"),
    ("Exports rose this year.", "this year", "2025"),
    ("Exports rose earlier this year.", "earlier this year", "2025"),
    ("In March, South Korea estimated the damage.", "March", "2025-03"),
    ("The talks resume in March.", "March", "2026-03"),
    ("The protests began in January.", "January", "2025-01"),
    ("The embassy closed last November.", "last November", "2024-11"),
    ("In October, the rebels seized the port.", "October", "2024-10"),
    ("The last troops left three years ago.", "three years ago", "2022"),
    ("Art flourished in the 20th century.", "the 20th century", "19"),
]

# A past-tense sentence about a month or day long past, but only weeks ahead of the
# document's date, means the coming one.
NEAR_FUTURE = [
    ("Accession was planned for early March.", dt.date(1999, 2, 10), "early March", "1999-03"),
    ("Leaders agreed to meet at the summit on April 24.", dt.date(1999, 2, 10), "April 24",
     "1999-04-24"),
    ("Prices rose in October.", dt.date(1998, 1, 8), "October", "1997-10"),
    # "effective" before a date names when a change takes hold: usually still ahead.
    ("The board named him chairman, effective Feb. 1.", dt.date(1989, 10, 26), "Feb. 1",
     "1990-02-01"),
    ("The drug proved effective in March.", dt.date(1989, 10, 26), "March", "1989-03"),
    # "be paid" takes the tense of "would"; "an unspecified date" is no past verb.
    ("The split would be paid on a still unspecified date in January.", dt.date(1989, 10, 26),
     "January", "1990-01"),
    # "the plan" is a noun, not an intention.
    ("The thrift announced the plan Aug. 21.", dt.date(1989, 10, 27), "Aug. 21", "1989-08-21"),
]

MODS = [
    ("Debt soared by the end of last year.", "the end of last year", "2024", "END"),
    ("The troops withdrew by mid-January.", "mid-January", "2025-01", "MID"),
    ("The plant opened in early 2024.", "early 2024", "2024", "START"),
    ("Work stopped in late March 2023.", "late March 2023", "2023-03", "END"),
    # "over the past 20 years" is a preposition, not "more than".
    ("He held ten jobs over the past 20 years.", "the past 20 years", "P20Y", None),
]

DURATIONS = [
    ("The siege lasted three months.", "three months", "P3M"),
    ("The ban lasted a decade.", "a decade", "P10Y"),
    ("He served six months in prison.", "six months", "P6M"),
    ("The strike went on for two years.", "two years", "P2Y"),
    ("The polls close in 48 hours.", "48 hours", "PT48H"),
    ("Prices rose over the past three years.", "the past three years", "P3Y"),
    ("It spread over the course of three months.", "three months", "P3M"),
    ("Prices have risen in recent years.", "recent years", "PXY"),
    ("Talks will continue in the coming weeks.", "the coming weeks", "PXW"),
    ("The trip took 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
    ("They lived in camps for 2 1/2 years.", "2 1/2 years", "P2Y6M"),
    ("The silence lasted a minute and a half.", "a minute and a half", "PT1M30S"),
    ("Troops will stay for two more weeks.", "two more weeks", "P2W"),
    ("Net income for the year ended Sept. 30 rose.", "the year", "P1Y"),
    ("Prices will hold over the next few days.", "the next few days", "PXD"),
    ("It will not change for a couple of years.", "couple of years", "P2Y"),
]

SETS = [
    ("The council meets every week.", "every week", "P1W"),
    ("Rules change each season.", "each season", "P3M"),
    ("The magazine appears weekly.", "weekly", "P1W"),
    ("Fees are reviewed annually.", "annually", "P1Y"),
    ("The board meets twice a year.", "twice a year", "P1Y"),
    ("The marchers parade each July.", "each July", "XXXX-07"),
    ("The cuts save $500 million a year.", "a year", "P1Y"),
    ("Flights leave on Tuesday nights.", "Tuesday nights", "XXXX-WXX-2TNI"),
]

TIMES = [
    ("The vote closes at 3 p.m.", "3 p.m.", "2025-04-28T15:00"),
    ("The bomb exploded at 10:35 a.m. Friday.", "10:35 a.m. Friday", "2025-04-25T10:35"),
    ("The offer will expire at 5 p.m. EST May 9.", "5 p.m. EST May 9", "2025-05-09T17:00"),
    ("The vote closes at 3 p.m. may 9.", "3 p.m.", "2025-04-28T15:00"),
    # The day may follow a parenthesis: the time is on that day.
    ("The blast came at 10:35 a.m. (0735 GMT) Friday.", "10:35 a.m.", "2025-04-25T10:35"),
    ("The relatives have until 9 a.m. Tuesday to answer.", "9 a.m. Tuesday", "2025-04-29T09:00"),
]


@pytest.mark.parametrize(("sentence", "text", "value"), ABSOLUTE + RELATIVE)
def test_dates(sentence: str, text: str, value: str) -> None:
    assert find(sentence, text).value == value


@pytest.mark.parametrize(("sentence", "dct", "text", "value"), NEAR_FUTURE)
def test_near_future_months_and_days(sentence: str, dct: dt.date, text: str, value: str) -> None:
    assert find(sentence, text, dct).value == value


@pytest.mark.parametrize(("sentence", "text", "value", "mod"), MODS)
def test_mods(sentence: str, text: str, value: str, mod: str) -> None:
    timex = find(sentence, text)
    assert (timex.value, timex.mod) == (value, mod)


@pytest.mark.parametrize(("sentence", "text", "value"), DURATIONS)
def test_durations(sentence: str, text: str, value: str) -> None:
    timex = find(sentence, text)
    assert (timex.type, timex.value) == ("DURATION", value)


@pytest.mark.parametrize(("sentence", "text", "value"), SETS)
def test_sets(sentence: str, text: str, value: str) -> None:
    timex = find(sentence, text)
    assert (timex.type, timex.value) == ("SET", value)


@pytest.mark.parametrize(("sentence", "text", "value"), TIMES)
def test_times(sentence: str, text: str, value: str) -> None:
    timex = find(sentence, text)
    assert (timex.type, timex.value) == ("TIME", value)


ANCHORED = [
    ("The ships left days before the attack.", "days", "PXD", "-P3D", None),
    ("The treaty was signed less than six months later.", "less than six months", "P6M",
     "+P6M", "LESS_THAN"),
    ("A week later, the rebels returned.", "A week", "P1W", "+P1W", None),
    ("The talks resumed the following week.", "the following week", "XXXX-WXX", "+P1W", None),
    ("The plant had closed two years earlier.", "two years earlier", "2023", "-P2Y", None),
    # After an explicit date, "the following year" is the year after it.
    ("On May 22, 1995, he was promoted, and the following year he retired.",
     "the following year", "1996", "+P1Y", None),
    ("The strike began on March 3, 2020. The following month, talks failed.",
     "The following month", "2020-04", "+P1M", None),
    ("The fire broke out on June 9, 2021. The next morning, crews returned.",
     "The next morning", "2021-06-10TMO", "+P1D", None),
]


@pytest.mark.parametrize(("sentence", "text", "value", "anchor", "mod"), ANCHORED)
def test_anchored(sentence: str, text: str, value: str, anchor: str, mod: str | None) -> None:
    timex = find(sentence, text)
    assert (timex.value, timex.anchor_offset, timex.mod) == (value, anchor, mod)


NO_DCT = [
    ("The protests began in June.", "June", "XXXX-06"),
    ("The ceasefire is holding now.", "now", "PRESENT_REF"),
    ("The minister resigned yesterday.", "yesterday", "PAST_REF"),
    ("Prices fell last June.", "last June", "XXXX-06"),
    ("The rebels attacked on Saturday.", "Saturday", "XXXX-WXX-6"),
]


@pytest.mark.parametrize(("sentence", "text", "value"), NO_DCT)
def test_without_document_date(sentence: str, text: str, value: str) -> None:
    assert find(sentence, text, None).value == value


def test_abbreviation_period_does_not_end_a_sentence() -> None:
    from generator.temporal.tense import TenseGuesser
    text = "He left Aug. 21 with Mr. Smith and came back. Then he stayed."
    assert TenseGuesser(text).sentence_starts == [0, text.index("Then")]


def test_hard_wrapped_line_keeps_offsets() -> None:
    text = "Prices fell last\nJune, and again “last week”."
    found = {t.text: t for t in tag(text, DCT)}
    assert found["last\nJune"].value == "2024-06"
    assert found["last week"].value == "2025-W17"
    for t in found.values():
        assert text[t.start:t.end] == t.text


def test_typo_keeps_offsets() -> None:
    text = "Sales slumped last yeae and last Janaury, officials said."
    found = {t.text: t.value for t in tag(text, DCT)}
    assert found == {"last yeae": "2024", "last Janaury": "2025-01"}


def test_discourse_now_is_not_a_time() -> None:
    assert [t.text for t in tag("Now, the council has a choice.", DCT)] == []
    assert [t.value for t in tag("The council is now divided.", DCT)] == ["PRESENT_REF"]


def test_soon_in_a_conjunction_or_past_narrative_is_not_a_time() -> None:
    for sentence in ("Leave as soon as you can.", "He was soon released.",
                     "The trickle soon became a flood.", "She died soon after the attack."):
        assert [t.text for t in tag(sentence, DCT)] == [], sentence


def test_plain_words_are_not_times() -> None:
    assert tag("The weak economy may march on; near the fall of the wall.", DCT) == []
    assert tag("Iraq imports about three-quarters of its food.", DCT) == []
    assert tag("Mr. Reupke, 52 years old, resigned.", DCT) == []
    assert tag('Baker spoke on ABC\'s "This Week" program.', DCT) == []


def test_dates_have_day_spans() -> None:
    for sentence, text, _value in ABSOLUTE + RELATIVE:
        t = find(sentence, text)
        if t.type == "DATE" and not t.value.endswith("_REF"):
            assert span(t.value) is not None, t.value


def test_long_input_is_fast() -> None:
    text = "On Monday, the ministers met for three hours and agreed to meet again in June. " * 1000
    found = tag(text, DCT)
    assert len(found) == 3000


VALUE = re.compile(
    r"^(?:PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|P(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|DE|CE|WE)"
    r"|PT(?:\d+(?:\.\d+)?|X)(?:H|M|S)"
    r"|P(?:\d+[YMWD])+(?:T(?:\d+[HMS])+)?|PT(?:\d+[HMS]){2}|\d{2,3}"
    r"|(?:\d{4}|XXXX|\d{3}X|\d{2}XX)"
    r"(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|-W(?:\d{2}|XX)(?:-(?:\d|WE))?"
    r"|-(?:SP|SU|FA|WI|Q[1-4X]|H[12]))?"
    r"(?:T(?:\d{2}:\d{2}|MO|AF|EV|NI))?)$")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("ab1290 -.,\n") + [
    "June ", "last ", "week", "Monday", "2024", "1950-53", "years ago", "later", "a.m.",
    "the end of ", "every ", "mid-", "three ", "quarter", "’s", "yeae", "Janaury", "fall"]),
    max_size=40).map("".join) | st.text(max_size=200))
def test_any_text_gives_well_formed_expressions(text: str) -> None:
    for dct in (DCT, None):
        timexes = tag(text, dct)
        previous_end = 0
        for t in timexes:
            assert previous_end <= t.start < t.end <= len(text)
            assert text[t.start:t.end] == t.text
            assert t.type in ("DATE", "TIME", "DURATION", "SET")
            assert VALUE.match(t.value), t.value
            previous_end = t.end


def test_impossible_clock_times_are_not_tagged() -> None:
    for text in ("The blast came at 2025-03-14T13:67 local time.",
                 "The blast came at 2025-03-14T29:00 GMT."):
        assert [t.value for t in tag(text, DCT) if t.type == "TIME"] == []


def test_february_29_of_a_common_year_is_not_tagged() -> None:
    values = [t.value for t in tag("The fund closed on February 29.", dt.date(2014, 3, 1))]
    assert "2014-02-29" not in values and all(is_valid(v, "DATE") for v in values)
    assert find("The fund closed on February 29.", "February 29",
                dt.date(2016, 3, 1)).value == "2016-02-29"


@pytest.mark.parametrize(("sentence", "dct"), [
    ("Prices rose next month.", dt.date(9999, 12, 1)),
    ("Prices rose next year.", dt.date(9999, 12, 31)),
    ("Prices rose next week.", dt.date(9999, 12, 31)),
    ("Prices will rise tomorrow.", dt.date(9999, 12, 31)),
    ("Prices rose two months ago.", dt.date(1, 1, 1)),
    ("Prices rose last decade.", dt.date(1, 1, 1)),
    ("Prices rose last Monday.", dt.date(1, 1, 1)),
    ("Prices rose yesterday.", dt.date(1, 1, 1)),
])
def test_relative_dates_past_the_calendar_are_not_resolved(sentence: str, dct: dt.date) -> None:
    text = sentence + " The war began on June 5, 2020."
    timexes = tag(text, dct)
    assert all(is_valid(t.value, t.type) for t in timexes), [t.value for t in timexes]
    assert all(t.value[:1] != "-" and not t.value.startswith(("0000", "10000"))
               for t in timexes)
    assert find(text, "June 5, 2020", dct).value == "2020-06-05"  # the other dates stay


@pytest.mark.parametrize("sentence", ["Growth slows early next decade.", "Seas rise next century.",
                                      "Seas rose in the next decade."])
def test_decades_and_centuries_past_the_calendar_are_not_read_as_earlier_ones(sentence: str) -> None:
    values = [t.value for t in tag(sentence, dt.date(9999, 12, 31))]
    assert not any(v in ("1000", "100") for v in values), values  # the year 1000, the 1000s


@pytest.mark.parametrize(("dct", "value"), [(dt.date(2025, 3, 14), "19"), (dt.date(1950, 1, 1), "18")])
def test_the_last_century_is_the_one_before_the_documents(dct: dt.date, value: str) -> None:
    assert find("It was the worst flood of the last century.", "the last century", dct).value == value


def test_tag_drops_an_invalid_value_whatever_the_rules_return(monkeypatch) -> None:
    import generator.temporal as temporal
    from generator.temporal.normalize import Hit

    def broken(name, m, ctx):
        return [Hit(m.start(), m.end(), "TIME", "2025-03-14T13:67")]
    monkeypatch.setattr(temporal, "resolve", broken)
    assert tag("The deal was signed on 2 October 2024.", DCT) == []


_DATEISH = ["on ", "Monday ", "Friday night ", "last ", "next ", "this ", "the ", "week ",
            "weekend ", "month ", "year ", "decade ", "century ", "quarter ", "Q4 ", "H2 ",
            "ago ", "later ", "earlier ", "before ", "two ", "a few ", "13:67 ", "29:00 GMT ",
            "10:35 a.m. ", "noon ", "January ", "February ", "Feb. ", "29 ", "31 ", "0 ",
            "winter ", "fall ", "the 1990s ", "'10s ", "tomorrow ", "yesterday ", "tonight ",
            "Christmas ", "Memorial Day ", "fiscal ", "second half ", "the following ",
            "that day ", "every ", "twice ", "T", ":", "-", "/", ", ", ". ", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATEISH) | st.integers(0, 10000).map(str), max_size=30)
       .map("".join),
       st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)) | st.sampled_from(
           [dt.date(1, 1, 1), dt.date(1, 1, 7), dt.date(9999, 12, 25), dt.date(9999, 12, 31)]))
def test_any_text_and_document_date_give_valid_timex3_values(text: str, dct: dt.date) -> None:
    for timex in tag(text, dct):
        assert is_valid(timex.value, timex.type), (timex.text, timex.value)
        if timex.type == "DATE" and timex.value[:4].isdigit() and "X" not in timex.value:
            assert span(timex.value) is not None, timex.value


FRIDAY = dt.date(2013, 3, 22)  # a Friday


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("The final kicks off at 15:00 GMT Saturday.", "15:00 GMT Saturday", "2013-03-23T15:00"),
    ("The final will kick off at 15:00 GMT Saturday.", "15:00 GMT Saturday", "2013-03-23T15:00"),
    ("Kick-off is Saturday 15:00 GMT.", "Saturday", "2013-03-23"),
    ("Kick-off is Saturday 15:00 GMT.", "15:00 GMT", "2013-03-23T15:00"),
    ("The club plays at 3pm on Saturday.", "3pm on Saturday", "2013-03-23T15:00"),
    ("The club will play at 3pm on Saturday.", "3pm on Saturday", "2013-03-23T15:00"),
    ("The club played at 3pm on Saturday.", "3pm on Saturday", "2013-03-16T15:00"),
    ("The club played on Saturday.", "Saturday", "2013-03-16"),
])
def test_a_weekday_with_a_clock_time_is_the_coming_one_unless_the_sentence_is_past(
        sentence: str, text: str, value: str) -> None:
    assert find(sentence, text, FRIDAY).value == value


@pytest.mark.parametrize("sentence", [
    "Surveyors warned the council about cracks in March, the survey says.",
    "In March, the survey says, surveyors warned the council about cracks.",
    "The survey says that in March surveyors warned the council about cracks.",
])
def test_a_past_verb_with_a_bare_month_two_months_ahead_is_last_years_month(sentence: str) -> None:
    assert find(sentence, "March", dt.date(2025, 1, 14)).value == "2024-03"


@pytest.mark.parametrize(("sentence", "value"), [
    ("Repairs were planned for March.", "2025-03"),
    ("The board agreed to sell the plant in March.", "2025-03"),
    ("The survey says repairs begin in March.", "2025-03"),
    ("Surveyors found cracks in February.", "2025-02"),
])
def test_a_month_two_months_ahead_is_the_coming_one_in_a_plan(sentence: str, value: str) -> None:
    assert find(sentence, sentence.split()[-1].rstrip("."), dt.date(2025, 1, 14)).value == value


@pytest.mark.parametrize(("sentence", "kept"), [
    ("Leaders of the May 17 coalition met on Monday.", ["Monday"]),
    ("Leaders of the 14 June alliance met on Monday.", ["Monday"]),
    ("Members of the April 9 Student Movement marched on Monday.", ["Monday"]),
    ("A Sunday Times photographer was hurt on Tuesday.", ["Tuesday"]),
    ("He told the Sunday Mirror on Tuesday that he would resign.", ["Tuesday"]),
    ("The game was shown on Monday Night Football.", []),
    # A date before an ordinary noun, or a weekday after a preposition, stays a date.
    ("The Aug. 7 embassy bombings shocked the city.", ["Aug. 7"]),
    ("The June 4 Embassy bombings shocked the city.", ["June 4"]),
    ("On Sunday Mr Brown resigned.", ["Sunday"]),
    ("In his Sunday Mass the bishop spoke.", ["Sunday"]),
])
def test_a_date_inside_a_name_is_not_a_date(sentence: str, kept: list[str]) -> None:
    assert [t.text for t in tag(sentence, DCT) if t.type in ("DATE", "TIME")] == kept


def test_a_holiday_of_a_year_is_that_years_holiday() -> None:
    assert find("The strike began on Labor Day of 1936.", "Labor Day of 1936").value == "1936-09-07"


@pytest.mark.parametrize("sentence", [
    "As of 1700 BST on 5 May 2024, 40 towns had reported floods.",
    "The line is open from 0830 GMT to 1730 GMT on weekdays.",
    "The ferry left at 1737GMT.",
    "Crews arrived at 1400 local time.",
    "The photos were cut from the 2400x1600 originals to 1200×1800 prints.",
])
def test_a_24_hour_clock_before_a_time_zone_or_a_picture_size_is_no_year(sentence: str) -> None:
    assert not [t for t in tag(sentence, DCT) if re.fullmatch(r"\d{4}", t.value)]


def test_a_year_before_a_capitalised_word_stays_a_year() -> None:
    assert find("In 1918 BBC engineers built a mast.", "1918").value == "1918"


@pytest.mark.parametrize("sentence, text, value", [
    ("And I have ordered the inspectors to visit the dam on Friday.", "Friday", "2025-05-02"),
    ("The minister agreed to meet the unions on Wednesday.", "Wednesday", "2025-04-30"),
    ("The mayor asked residents on Friday to leave.", "Friday", "2025-04-25"),
    ("Crews tried to stop the leak on Friday.", "Friday", "2025-04-25"),
])
def test_an_order_or_a_promise_looks_ahead_from_its_day(sentence: str, text: str, value: str) -> None:
    assert find(sentence, text).value == value


def test_a_participle_joined_by_and_takes_the_first_verbs_tense() -> None:
    sentence = "She said the pump would be installed by tomorrow and tested over the weekend."
    assert find(sentence, "the weekend").value == "2025-W18-WE"
    assert find("Police arrested him and charged him on Friday.", "Friday").value == "2025-04-25"


def test_by_a_weekday_with_a_modal_looks_ahead():
    friday = dt.date(2010, 5, 7)
    assert [t.value for t in tag("By Sunday, the box could be capturing most of the oil.",
                                 friday)] == ["2010-05-09"]
    assert [t.value for t in tag("By Sunday, the crews had collected 1,000 barrels.",
                                 friday)] == ["2010-05-02"]
