import datetime as dt

from generator.clean import clean_body
from generator.events import detect_candidates
from generator.merge import document_frequencies, merge_candidates
from generator.models import Article
from generator.sentences import split_sentences
from generator.temporal import tag
from generator.titles import title_for
from tests.helpers import TRIGGERS, article

D = dt.date
NOVEMBER_20 = D(2011, 11, 20)


def _found(art: Article):
    body = art.text
    return detect_candidates(art, body, split_sentences(body), tag(body, art.date), TRIGGERS)


def _listed(text: str, date: dt.date = NOVEMBER_20) -> list[tuple[str, str, str]]:
    """Return (value, title, quote) of each listed candidate of an article."""
    return [(c.value, title_for([c]), c.quote) for c in _found(article(text, date=date))
            if c.listed]


def test_each_line_of_a_box_is_its_own_event_with_its_own_date_and_title():
    text = ("Key dates:\n"
            "3 March - Protesters occupy the main square.\n"
            "17 March - The army seizes the port.\n"
            "2 April - The president resigns.\n"
            "9 May - Rebels sign a ceasefire.")
    assert _listed(text) == [
        ("2011-03-03", "Protesters occupy main square", "3 March - Protesters occupy the main square."),
        ("2011-03-17", "Army seizes port", "17 March - The army seizes the port."),
        ("2011-04-02", "President resigns", "2 April - The president resigns."),
        ("2011-05-09", "Rebels sign ceasefire", "9 May - Rebels sign a ceasefire."),
    ]


def test_a_line_in_the_present_tense_is_a_past_event():
    (found,) = _listed("September 15 - The minister arrives in the capital.", D(2011, 9, 20))
    assert found[:2] == ("2011-09-15", "Minister arrives in capital")


def test_a_yearless_line_takes_the_latest_year_not_after_publication():
    text = ("Dec. 28 - The agency pays the first claims.\n"
            "Jan. 5 - The company admits its mistakes.\n"
            "July 3 - A new cap is fitted over the well.")
    values = [v for v, _, _ in _listed(text, D(2011, 1, 12))]
    assert values == ["2010-12-28", "2011-01-05", "2010-07-03"]


def test_a_list_in_order_keeps_its_order_past_a_stale_publication_day():
    text = ("20 April: The rig explodes.\n"
            "16 June: Engineers open a second route.\n"
            "10 July: The old cap is removed.\n"
            "15 July: The flow of oil stops.")
    values = [v for v, _, _ in _listed(text, D(2010, 6, 15))]
    assert values == ["2010-04-20", "2010-06-16", "2010-07-10", "2010-07-15"]


def test_month_and_year_lines_are_dated_to_the_month_and_the_year():
    text = "2008 - The company is founded.\nMarch 2009: Talks collapse after a row."
    assert [v for v, _, _ in _listed(text)] == ["2008", "2009-03"]


def test_a_line_followed_by_a_normal_paragraph_keeps_its_own_date_and_quote():
    art = article("12 November: The Arab League suspends Syria\n"
                  "Diplomats said on Monday that the vote had shocked Damascus.",
                  date=NOVEMBER_20)
    found = _found(art)
    listed = [c for c in found if c.listed]
    assert [(c.value, c.quote) for c in listed] == [
        ("2011-11-12", "12 November: The Arab League suspends Syria")]
    others = [c for c in found if not c.listed]
    assert others and all("Arab League" not in c.quote and c.value != "2011-11-12" for c in others)


def test_lines_glued_in_one_paragraph_are_split_into_their_own_events():
    text = ("12 November: Arab League suspends Syria 13 November: Syria recalls its envoys "
            "16 November: Rebels attack an air force base")
    assert [(v, q) for v, _, q in _listed(text)] == [
        ("2011-11-12", "12 November: Arab League suspends Syria"),
        ("2011-11-13", "13 November: Syria recalls its envoys"),
        ("2011-11-16", "16 November: Rebels attack an air force base"),
    ]


def test_hard_wrapped_lines_without_full_stops_are_not_joined():
    lines = [(1, "12 November: Arab League suspends Syria"),
             (2, "13 November: Syria recalls its envoys and"),
             (3, "closes its embassy")]
    _, paragraphs = clean_body(lines, "The crisis in Syria")
    assert [p.text for p in paragraphs] == [
        "12 November: Arab League suspends Syria",
        "13 November: Syria recalls its envoys and closes its embassy"]


def test_a_score_a_note_or_a_date_in_running_text_is_no_chronology():
    text = ("The home side came back to a 5 - 3 win.\n"
            "Note: The figures were revised on Monday.\n"
            "Arsenal won 2010 - 11 season openers twice.\n"
            "Talks will resume on 13 May: Officials hope for a deal.")
    assert _listed(text) == []


def test_a_live_blogs_clock_times_are_not_years():
    text = ("2059: The spokesman answers questions.\n"
            "2043: The senator tweets her support.\n"
            "2007: The president's tone is firm.")
    found = _found(article(text, date=D(2010, 6, 15)))
    assert not any(c.listed for c in found)
    assert not any(c.start.year in (2007, 2043, 2059) for c in found)


def test_a_live_blogs_clock_times_far_apart_are_not_years():
    entry = " The crowd outside waits.\nA reporter counts the placards.\nNobody leaves.\n"
    text = ("2059: The spokesman answers questions." + entry
            + "2043: The senator tweets her support." + entry
            + "2001: The governor will answer questions.")
    found = _found(article(text, date=D(2010, 6, 15)))
    assert not any(c.start.year in (2001, 2043, 2059) for c in found)


def test_a_list_of_years_far_apart_keeps_its_years():
    entry = " Crews worked for months.\nThe coast was closed.\nFishing stopped.\n"
    text = ("1979: A well blew out in the bay." + entry
            + "1989: A tanker ran aground in the sound." + entry
            + "2005: A refinery exploded in the city.")
    found = _found(article(text, date=D(2010, 6, 15)))
    assert {1979, 1989, 2005} <= {c.start.year for c in found if c.listed}


def test_a_date_elsewhere_in_a_line_tells_its_own_event():
    found = _found(article("May 29 - BP says the operation, started three days earlier, has failed.",
                           date=D(2010, 6, 1)))
    assert [(c.listed, c.value) for c in found][0] == (True, "2010-05-29")
    assert all(not c.listed for c in found[1:])


def test_an_event_counts_the_articles_that_list_it():
    box = "14 March - Rebels seize the port of Abra."
    day = D(2011, 3, 20)
    arts = [article(box, stem="a", date=day), article(box, stem="b", date=day),
            article("Rebels seized the port of Abra on 14 March, officials said.", stem="c",
                    date=day)]
    candidates = [c for art in arts for c in _found(art)]
    df, n = document_frequencies(c.sentence.text for c in candidates)
    (event,) = merge_candidates(candidates, df, n)
    assert event.listed_by == 2 and len({s.article for s in event.sources}) == 3

