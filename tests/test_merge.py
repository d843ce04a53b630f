import datetime as dt
from collections import Counter

from generator import merge
from generator.events import detect_candidates
from generator.merge import document_frequencies, merge_candidates
from generator.models import Event
from generator.sentences import split_sentences
from generator.temporal import tag
from tests.helpers import TRIGGERS, article, candidates, reports

D = dt.date


def merged(*groups):
    found = [c for g in groups for c in g]
    df, n = document_frequencies(c.sentence.text for c in found)
    return merge_candidates(found, df, n)


def test_same_event_at_two_precisions_becomes_one_entry_dated_precisely():
    a = candidates("The rebels seized the northern town of Abra in a surprise raid last year.",
                   [("last year", "2024")], stem="a")
    b = candidates("Rebels seized Abra in a surprise raid last August.",
                   [("last August", "2024-08")], stem="b")
    (event,) = merged(a, b)
    assert (event.date, event.start, event.end) == ("2024-08", D(2024, 8, 1), D(2024, 8, 31))
    assert {s.article for s in event.sources} == {"a", "b"}


def test_different_events_on_the_same_day_stay_apart():
    a = candidates("The president signed the budget law on Monday.", [("on Monday", "2025-04-28")],
                   stem="a")
    b = candidates("Floods killed 12 people in the river valley on Monday.",
                   [("on Monday", "2025-04-28")], stem="b")
    assert len(merged(a, b)) == 2


def test_two_sayings_of_one_day_about_different_things_stay_apart():
    a = candidates("The harbour master said on Monday that the ferry would resume its crossings.",
                   [("on Monday", "2025-04-28")], stem="a")
    b = candidates("A union spokesman said on Monday that the dock workers had rejected the pay "
                   "offer.", [("on Monday", "2025-04-28")], stem="b")
    assert len(merged(a, b)) == 2


def test_sayings_of_one_person_days_apart_about_different_things_stay_apart():
    a = candidates("Harbour master Ann Lee said on Monday that the ferry would resume its "
                   "crossings.", [("on Monday", "2025-04-28")], stem="a")
    b = candidates("Harbour master Ann Lee said on Saturday that the dock workers had rejected "
                   "the pay offer.", [("on Saturday", "2025-04-26")], stem="b")
    assert len(merged(a, b)) == 2


def test_two_reports_of_one_saying_become_one_entry():
    a = candidates("The harbour master said on Monday that the ferry would resume its crossings.",
                   [("on Monday", "2025-04-28")], stem="a")
    b = candidates("The ferry will resume its crossings, the harbour master said on Monday.",
                   [("on Monday", "2025-04-28")], stem="b")
    (event,) = merged(a, b)
    assert {s.article for s in event.sources} == {"a", "b"}


def test_a_day_and_a_year_that_hold_it_must_read_alike_to_be_one_event():
    a = candidates("The council approved the harbour budget on Monday.",
                   [("on Monday", "2025-04-28")], stem="a")
    b = candidates("This year the town council approved new ferry routes to the outer islands.",
                   [("This year", "2025")], stem="b")
    assert len(merged(a, b)) == 2


def test_sources_differing_by_days_keep_one_entry_with_a_note():
    a = candidates("The ministry confirmed the closure of the plant over the weekend.",
                   [("over the weekend", "2025-W17-WE")], stem="a")
    b = candidates("The ministry confirmed the closure of the plant on Monday.",
                   [("on Monday", "2025-04-28")], stem="b")
    c = candidates("The closure of the plant was confirmed by the ministry on Monday.",
                   [("on Monday", "2025-04-28")], stem="c")
    (event,) = merged(a, b, c)
    assert event.date == "2025-04-28"
    assert event.date_note and "differ" in event.date_note


def test_one_article_s_different_days_are_different_events():
    a = candidates("Police arrested two men in the harbour on Monday. "
                   "Police arrested a third man in the harbour on Saturday.",
                   [("on Monday", "2025-04-28"), ("on Saturday", "2025-04-26")], stem="a")
    assert [e.date for e in merged(a)] == ["2025-04-26", "2025-04-28"]


def test_reports_days_apart_that_share_no_name_stay_apart():
    a = candidates("Another patient died of the fever in hospital today, a reader wrote.",
                   [("today", "2025-04-26")], stem="a")
    b = candidates("Abel Moreno died in a hospital in Houston on Monday night.",
                   [("Monday night", "2025-04-28")], stem="b")
    assert len(merged(a, b)) == 2


def test_importance_grows_with_independent_sources():
    one = candidates("The port reopened in March after repairs.", [("in March", "2025-03")],
                     stem="a")
    other = candidates("The mayor resigned last June amid protests.", [("last June", "2024-06")],
                       stem="b")
    again = candidates("The mayor resigned in June 2024 amid protests.", [("June 2024", "2024-06")],
                       stem="c")
    events = {e.date: e for e in merged(one, other, again)}
    assert events["2024-06"].importance > events["2025-03"].importance


def test_events_on_a_day_many_articles_talk_about_rank_higher():
    busy = candidates("The port reopened on Monday after repairs.", [("on Monday", "2025-04-28")],
                      stem="a")
    also = candidates("Floods killed 12 people in the river valley on Monday.",
                      [("on Monday", "2025-04-28")], stem="b")
    quiet = candidates("The mayor resigned on Thursday amid protests.",
                       [("on Thursday", "2025-04-24")], stem="c")
    events = {e.sources[0].article: e for e in merged(busy, also, quiet)}
    assert events["a"].importance > events["c"].importance


def test_a_day_recalled_weeks_later_outranks_a_day_only_its_own_week_talked_about():
    # Each day is told the same number of times; only when the articles were written differs.
    week = dt.date(2025, 3, 4)
    same_week = [candidates("The port reopened on 3 March after repairs.",
                            [("on 3 March", "2025-03-03")], stem=f"p{i}", date=week)
                 for i in range(3)]
    recalled = [candidates("The dam failed on 5 March, flooding the valley.",
                           [("on 5 March", "2025-03-05")], stem="d0", date=dt.date(2025, 3, 6))]
    recalled += [candidates("The dam failed on 5 March, flooding the valley.",
                            [("on 5 March", "2025-03-05")], stem=f"d{i}",
                            date=dt.date(2025, 4, 20 + i)) for i in (1, 2)]
    events = {e.date: e for e in merged(*same_week, *recalled)}
    assert events["2025-03-05"].importance > events["2025-03-03"].importance


def test_entries_are_sorted_by_date_with_unique_ids():
    a = candidates("The mayor resigned last June. The port reopened on Monday.",
                   [("last June", "2024-06"), ("on Monday", "2025-04-28")])
    events = merged(a)
    assert [e.date for e in events] == ["2024-06", "2025-04-28"]
    assert len({e.id for e in events}) == 2


def test_ids_do_not_depend_on_article_order():
    a = candidates("The mayor resigned last June.", [("last June", "2024-06")], stem="a")
    b = candidates("The port reopened on Monday.", [("on Monday", "2025-04-28")], stem="b")
    assert [e.id for e in merged(a, b)] == [e.id for e in merged(b, a)]


def test_one_event_reported_many_times_is_one_entry_with_each_quote_once():
    text = " ".join(["The council voted on Monday."] * 300)
    art = article(text)
    body = art.text
    found = detect_candidates(art, body, split_sentences(body), tag(body, art.date), TRIGGERS)
    (event,) = merged(found)
    assert len(found) == 300 and len(event.sources) == 1


def test_an_undated_report_joins_the_dated_entry_it_tells_as_a_further_source():
    dated = candidates("Rebels seized the northern town of Abra on Saturday.",
                       [("on Saturday", "2025-04-26")], stem="a")
    undated = reports("The rebels seized Abra after a short battle with government troops.",
                      stem="b")
    (event,) = merged(dated, undated)
    assert [s.article for s in event.sources] == ["a", "b"]
    assert event.sources[1].date_text is None
    assert event.date == "2025-04-26"


def test_a_reported_denial_marks_the_entry_disputed_and_is_cited():
    dated = candidates("The army said it recaptured Abra on Saturday.",
                       [("on Saturday", "2025-04-26")], stem="a")
    denial = reports("Rebel commanders in Abra denied that the army recaptured the town.",
                     stem="b")
    (event,) = merged(dated, denial)
    assert event.disputed
    assert any("denied" in s.quote for s in event.sources)


def test_an_undated_report_of_something_else_is_left_out():
    dated = candidates("Rebels seized the northern town of Abra on Saturday.",
                       [("on Saturday", "2025-04-26")], stem="a")
    other = reports("The central bank raised interest rates to curb inflation in Velm.",
                    stem="b")
    (event,) = merged(dated, other)
    assert [s.article for s in event.sources] == ["a"]


def test_an_undated_report_is_matched_among_the_entries_dated_nearest_before_its_article():
    # The same name recurs in more entries than a report is compared with: the oldest,
    # though it reads exactly alike, is out of reach.
    year_ago = candidates("Rebels seized the northern town of Abra on Monday after a short battle.",
                          [("on Monday", "2024-01-01")], stem="old", date=D(2024, 1, 2))
    recent = [candidates(f"Rebels seized village {i} near Abra on Monday.",
                         [("on Monday", (D(2025, 1, 6) + dt.timedelta(days=4 * i)).isoformat())],
                         stem=f"r{i}", date=D(2025, 4, 28))
              for i in range(merge.REPORT_GROUPS)]
    undated = reports("Rebels seized the northern town of Abra after a short battle.", stem="new")
    events = merged(year_ago, *recent, undated)
    assert len(events) == 1 + merge.REPORT_GROUPS
    assert all({s.article for s in e.sources} != {"old", "new"} for e in events)


def test_a_report_is_never_matched_with_an_entry_dated_after_its_article():
    later = candidates("Rebels seized the northern town of Abra on Monday.",
                       [("on Monday", "2025-05-05")], stem="later", date=D(2025, 5, 6))
    undated = reports("Rebels seized the northern town of Abra after a short battle.",
                      stem="early", date=D(2025, 4, 28))
    events = merged(later, undated)
    assert [s.article for e in events for s in e.sources] == ["later"]


def test_a_year_long_date_meets_only_entries_sharing_its_kind_a_name_or_a_weighty_word():
    vectors = merge._Vectors(Counter(), 1)
    index = merge._GroupIndex(vectors)
    (day,) = candidates("Rebels seized the northern town of Abra on Monday.",
                        [("on Monday", "2024-03-04")], stem="a")
    (other,) = candidates("The central bank raised interest rates in Velm on Monday.",
                          [("on Monday", "2024-03-11")], stem="b")
    index.add(0, day)
    index.add(1, other)
    (year,) = candidates("In 2024 rebels seized the town of Abra.", [("2024", "2024")], stem="c")
    (close,) = candidates("Rebels seized the northern town of Abra on Tuesday.",
                          [("on Tuesday", "2024-03-05")], stem="d")
    assert index.near(year) == [0]
    assert index.near(close) == [0]  # a day meets every entry a few days from it


MONDAY = D(2025, 4, 28)


def _titled(title: str, day: dt.date = MONDAY) -> Event:
    return Event(id="", title=title, summary="", date=day.isoformat(), start=day, end=day,
                 category="event", importance=1.0, sources=[])


def test_ids_are_unique_whatever_the_titles():
    events = [_titled(t) for t in ("Port shut", "Port shut", "Port shut 2", "Port shut 2",
                                   "Port shut", "Port shut 3")]
    merge._assign_ids(events)
    ids = [e.id for e in events]
    assert len(set(ids)) == len(ids), ids
    # The first of each title keeps its plain id; repeats are numbered past every plain id.
    assert ids[:3] == ["2025-04-28-port-shut", "2025-04-28-port-shut-4", "2025-04-28-port-shut-2"]


def test_ids_without_a_clash_are_the_plain_and_numbered_ones_of_before():
    events = [_titled("Port shut"), _titled("Port shut"), _titled("Port shut"),
              _titled("Port shut", D(2025, 4, 29))]
    merge._assign_ids(events)
    assert [e.id for e in events] == ["2025-04-28-port-shut", "2025-04-28-port-shut-2",
                                      "2025-04-28-port-shut-3", "2025-04-29-port-shut"]


def test_one_more_text_moves_no_weight_unless_a_count_crosses_a_power_of_two():
    assert merge.banded_idf(40, 300) == merge.banded_idf(40, 301) == merge.banded_idf(40, 511)
    assert merge.banded_idf(40, 511) != merge.banded_idf(40, 512)
    assert merge.banded_idf(33, 300) == merge.banded_idf(40, 300) == merge.banded_idf(62, 300)
    assert merge.banded_idf(62, 300) != merge.banded_idf(63, 300)


def test_rarer_words_weigh_more_and_no_weight_falls_below_one():
    weights = [merge.banded_idf(df, 1000) for df in range(0, 5000, 7)]
    assert weights == sorted(weights, reverse=True)
    assert weights[0] > 7 and weights[-1] == 1.0


def test_similarities_stay_as_they_were_when_an_unrelated_article_is_added():
    a = "Rebels seized the northern town of Abra on Monday."
    b = "The rebels took Abra, a northern town, on Monday."
    before = document_frequencies([a, b] + ["The harbour reopened."] * 20)
    after = document_frequencies([a, b] + ["The harbour reopened."] * 21)
    assert merge._Vectors(*before).cosine(a, b) == merge._Vectors(*after).cosine(a, b)


def test_a_replayed_report_scores_again_only_the_changed_groups_it_sees(monkeypatch):
    seized = candidates("Rebels seized the northern town of Abra on Saturday.",
                        [("on Saturday", "2025-04-26")], stem="a")
    shelled = candidates("The army shelled Abra on Tuesday.", [("on Tuesday", "2025-04-22")],
                         stem="b")
    again = candidates("The army shelled the town of Abra again on Tuesday.",
                       [("on Tuesday", "2025-04-22")], stem="c")
    told = reports("The rebels seized Abra after a short battle with government troops.",
                   stem="r")
    df, n = merge.document_frequencies(c.sentence.text for c in seized + shelled + again + told)

    def run(found, last=None):
        keys = dict(zip(map(id, found), merge.candidate_keys(found), strict=True))
        return merge.merge_traced(found, df, n, keys=keys, last=last)

    _, trace = run(seized + shelled + told)
    full, partial = [], []
    best_told, told_score = merge._best_told, merge._told_score
    monkeypatch.setattr(merge, "_best_told", lambda *a: full.append(a) or best_told(*a))
    monkeypatch.setattr(merge, "_told_score", lambda *a: partial.append(a) or told_score(*a))
    events, _ = run(seized + shelled + again + told, trace)  # the shelling's group changed
    # The report kept the seizure's group, scoring only the changed one.
    assert not full and len(partial) == 1
    assert events == merged(seized, shelled, again, told)
    assert any({s.article for s in e.sources} == {"a", "r"} for e in events)
