"""Tests for curation: maintainers' corrections in content/curation.toml, keyed by entry id."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from generator.curation import CURATION_FILE, Curation, EntryEdit, MergeRule, apply_curation, load_curation
from generator.models import Article, Event, Paragraph, Problem, Source

D = dt.date


def _article(stem: str, *, title: str | None = None, publisher: str | None = None,
             url: str | None = None, text: str = "Body text of the article.") -> Article:
    return Article(stem=stem, path=Path(f"/content/articles/{stem}.txt"), title=title,
                   date=D(2025, 4, 28), publisher=publisher, url=url, author=None,
                   paragraphs=[Paragraph(text, 3)])


def _source(stem: str, quote: str, date_text: str | None = "on Monday") -> Source:
    return Source(article=stem, publisher=f"Outlet {stem}", title=f"Title {stem}", url=None,
                  quote=quote, date_text=date_text, article_date=D(2025, 4, 28))


def _event(event_id: str, day: D, sources: list[Source], *, importance: float | None = None,
           **extra) -> Event:
    stems = {s.article for s in sources}
    return Event(id=event_id, title=f"Title of {event_id}", summary=sources[0].quote,
                 date=day.isoformat(), start=day, end=day, category="politics",
                 importance=len(stems) if importance is None else importance,
                 sources=sources, **extra)


ARTICLES = [
    _article("a", publisher="Alpha", title="Pact signed", url="https://alpha.example/pact",
             text="Leaders signed the pact on Monday.\n\nThe parliament was dissolved "
                  "on Wednesday, officials said."),
    _article("b", publisher="Beta"),
    _article("c", publisher="Gamma"),
]


@pytest.fixture
def events() -> list[Event]:
    return [
        _event("2025-04-21-pact-signed", D(2025, 4, 21),
               [_source("a", "Leaders signed the pact on Monday."),
                _source("b", "The pact was signed on Monday.")]),
        _event("2025-04-22-pact-ratified", D(2025, 4, 22),
               [_source("c", "Parliament ratified the pact on Tuesday.", "on Tuesday")]),
        _event("2025-04-24-troops-withdraw", D(2025, 4, 24),
               [_source("b", "Troops withdrew on Thursday.", "on Thursday"),
                _source("c", "The army left the town on Thursday.", "on Thursday")],
               importance=3.5),  # 2 for two articles, 1.5 for the coverage of its day
    ]


def _curation(tmp_path: Path, text: str) -> Curation:
    """Write curation.toml, load it and check that it loads without problems."""
    (tmp_path / CURATION_FILE).write_text(text, encoding="utf-8")
    curation, problems = load_curation(tmp_path)
    assert problems == []
    return curation


def _curate(tmp_path: Path, events: list[Event], text: str) -> tuple[dict[str, Event],
                                                                     list[Problem]]:
    curated, problems = apply_curation(events, ARTICLES, _curation(tmp_path, text))
    return {e.id: e for e in curated}, problems


def _line_of(tmp_path: Path, fragment: str) -> int:
    lines = (tmp_path / CURATION_FILE).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if fragment in line)


# --- Loading -------------------------------------------------------------------------------


def test_a_missing_file_is_an_empty_curation_without_problems(tmp_path, events):
    curation, problems = load_curation(tmp_path)
    assert (bool(curation), problems) == (False, [])
    curated, warnings = apply_curation(events, ARTICLES, curation)
    assert [e.id for e in curated] == [e.id for e in events] and warnings == []


def test_invalid_toml_names_file_and_line_and_applies_nothing(tmp_path, events):
    path = tmp_path / CURATION_FILE
    path.write_text('[[entry]]\nid = "2025-04-21-pact-signed"\nhide = true\n'
                    '[[entry]]\nid = "2025-04-22-pact-ratified"\ntitle = \n', encoding="utf-8")
    curation, problems = load_curation(tmp_path)
    assert len(problems) == 1
    assert (problems[0].path, problems[0].line) == (path, 6)
    assert "invalid TOML" in problems[0].message
    curated, _ = apply_curation(events, ARTICLES, curation)
    assert curated == events


def test_a_file_that_is_not_utf8_is_a_problem(tmp_path):
    (tmp_path / CURATION_FILE).write_bytes(b'[[entry]]\nid = "caf\xe9"\nhide = true\n')
    curation, problems = load_curation(tmp_path)
    assert not curation
    assert [p.message for p in problems] == ["not UTF-8 text; no curation applied"]


def test_a_deeply_nested_file_is_reported_invalid_and_applies_nothing(tmp_path, events):
    (tmp_path / CURATION_FILE).write_text("x = " + "[" * 20000 + "]" * 20000 + "\n",
                                          encoding="utf-8")
    curation, problems = load_curation(tmp_path)
    assert not curation
    assert [p.message for p in problems] == ["invalid TOML (nested too deeply); "
                                             "no curation applied"]


def test_a_date_in_the_calendar_s_last_week_is_applied_up_to_its_last_day(tmp_path, events):
    curated, problems = _curate(tmp_path, events, '[[entry]]\nid = "2025-04-24-troops-withdraw"\n'
                                                  'date = "9999-W52"\n\n[[add]]\n'
                                                  'date = "9999-W52"\ntitle = "Last week"\n'
                                                  '[add.source]\nquote = "The end."\n'
                                                  'publisher = "Daily"\n')
    assert problems == []
    moved = curated["2025-04-24-troops-withdraw"]
    assert (moved.date, moved.start, moved.end) == ("9999-W52", D(9999, 12, 27), D(9999, 12, 31))
    added = next(e for e in curated.values() if e.title == "Last week")
    assert (added.start, added.end) == (D(9999, 12, 27), D(9999, 12, 31))


def test_an_unknown_key_is_a_warning_on_its_line_and_skips_only_its_table(tmp_path, events):
    text = ('[[entry]]\nid = "2025-04-21-pact-signed"\nhdie = true\n\n'
            '[[entry]]\nid = "2025-04-22-pact-ratified"\nhide = true\n')
    (tmp_path / CURATION_FILE).write_text(text, encoding="utf-8")
    curation, problems = load_curation(tmp_path)
    assert [(p.line, "'hdie'" in p.message) for p in problems] == [(3, True)]
    curated, _ = apply_curation(events, ARTICLES, curation)
    assert [e.id for e in curated] == ["2025-04-21-pact-signed", "2025-04-24-troops-withdraw"]


def test_an_unknown_table_is_a_warning(tmp_path):
    (tmp_path / CURATION_FILE).write_text('[[entries]]\nid = "x"\n', encoding="utf-8")
    curation, problems = load_curation(tmp_path)
    assert not curation
    assert [(p.line, "'entries'" in p.message) for p in problems] == [(1, True)]


@pytest.mark.parametrize(("line", "key"), [
    ('hide = "yes"', "hide"),
    ("title = 42", "title"),
    ('date = "2025-13-40"', "date"),
    ('date = "next week"', "date"),
])
def test_a_wrong_type_or_bad_date_is_ignored_with_a_warning_on_its_line(tmp_path, line, key):
    (tmp_path / CURATION_FILE).write_text(f'# note\n[[entry]]\nid = "x"\nsummary = "S"\n{line}\n',
                                          encoding="utf-8")
    curation, problems = load_curation(tmp_path)
    assert [replace(e, line=None) for e in curation.entries] == [EntryEdit("x", None, summary="S")]
    assert [(p.line, f"'{key}'" in p.message) for p in problems] == [(5, True)]
    assert "ignored" in problems[0].message


def test_dates_may_be_timex_strings_or_toml_dates(tmp_path):
    curation = _curation(tmp_path, '[[entry]]\nid = "a"\ndate = 2025-04-30\n'
                                   '[[entry]]\nid = "b"\ndate = "2024-FA"\n'
                                   '[[entry]]\nid = "c"\ndate = "2025-W18"\n')
    assert [e.date for e in curation.entries] == ["2025-04-30", "2024-FA", "2025-W18"]


def test_a_merge_of_fewer_than_two_ids_is_a_warning(tmp_path):
    (tmp_path / CURATION_FILE).write_text('[[merge]]\nids = ["a", "a"]\n', encoding="utf-8")
    curation, problems = load_curation(tmp_path)
    assert curation.merges == ()
    assert [p.line for p in problems] == [2]


def test_an_added_source_needs_an_article_or_a_publisher(tmp_path):
    (tmp_path / CURATION_FILE).write_text('[[add]]\ndate = "2025-04-30"\ntitle = "T"\n'
                                          '[add.source]\nquote = "Q"\n', encoding="utf-8")
    curation, problems = load_curation(tmp_path)
    assert curation.additions == ()
    assert [p.line for p in problems] == [4]


# --- Entry changes -------------------------------------------------------------------------


def test_an_entry_is_retitled_recategorized_and_resummarized(tmp_path, events):
    by_id, problems = _curate(tmp_path, events, '''
[[entry]]
id = "2025-04-22-pact-ratified"
title = "Parliament ratifies the pact"
category = "agreement"
summary = "The vote was unanimous."
''')
    event = by_id["2025-04-22-pact-ratified"]
    assert (event.title, event.category, event.summary) == (
        "Parliament ratifies the pact", "agreement", "The vote was unanimous.")
    assert problems == []


def test_a_redated_entry_moves_in_the_order_and_loses_its_date_note(tmp_path, events):
    events[0].date_note = "Sources differ on the date: ..."
    curated, _ = apply_curation(events, ARTICLES, _curation(tmp_path, '''
[[entry]]
id = "2025-04-21-pact-signed"
date = "2025-05"
'''))
    assert [e.id for e in curated][-1] == "2025-04-21-pact-signed"
    event = curated[-1]
    assert (event.date, event.start, event.end, event.date_note) == (
        "2025-05", D(2025, 5, 1), D(2025, 5, 31), None)


def test_a_hidden_entry_is_left_out_even_when_pinned(tmp_path, events):
    by_id, _ = _curate(tmp_path, events, '''
[[entry]]
id = "2025-04-22-pact-ratified"
pin = true
hide = true
''')
    assert set(by_id) == {"2025-04-21-pact-signed", "2025-04-24-troops-withdraw"}


def test_a_pinned_entry_is_marked_and_disputed_can_be_set(tmp_path, events):
    by_id, _ = _curate(tmp_path, events, '''
[[entry]]
id = "2025-04-22-pact-ratified"
pin = true
disputed = true
''')
    assert [(e.pinned, e.disputed) for e in by_id.values()] == [
        (False, False), (True, True), (False, False)]


def test_an_override_for_a_missing_id_warns_with_file_and_line(tmp_path, events):
    by_id, problems = _curate(tmp_path, events, '''
[[entry]]
id = "2025-04-22-pact-ratified"
pin = true

[[entry]]
id = "2019-01-01-no-such-entry"
hide = true
''')
    assert [(p.path, p.line) for p in problems] == [
        (tmp_path / CURATION_FILE, _line_of(tmp_path, "no-such-entry"))]
    assert "2019-01-01-no-such-entry" in problems[0].message
    assert str(problems[0]).startswith(f"{tmp_path / CURATION_FILE}:7: warning:")
    assert by_id["2025-04-22-pact-ratified"].pinned


# --- Merges ----------------------------------------------------------------------------------


def test_merged_entries_become_the_first_with_every_source(tmp_path, events):
    events[1].disputed = True
    by_id, problems = _curate(tmp_path, events, '''
[[merge]]
ids = ["2025-04-21-pact-signed", "2025-04-22-pact-ratified"]
''')
    assert problems == []
    assert "2025-04-22-pact-ratified" not in by_id
    event = by_id["2025-04-21-pact-signed"]
    assert [s.article for s in event.sources] == ["a", "b", "c"]
    assert (event.title, event.date, event.importance, event.disputed) == (
        "Title of 2025-04-21-pact-signed", "2025-04-21", 3.0, True)
    assert event.date_note == ("Sources differ on the date: 22 April 2025 (Outlet c), "
                               "against 21 April 2025.")


def test_a_merge_keeps_the_survivor_s_share_for_its_days(tmp_path, events):
    by_id, _ = _curate(tmp_path, events, '''
[[merge]]
ids = ["2025-04-24-troops-withdraw", "2025-04-22-pact-ratified"]
''')
    # Two articles (b, c) and one further quote of c, plus the survivor's 1.5.
    assert by_id["2025-04-24-troops-withdraw"].importance == 3.75


def test_merging_a_hidden_or_unknown_id_warns_and_leaves_it_out(tmp_path, events):
    by_id, problems = _curate(tmp_path, events, '''
[[entry]]
id = "2025-04-22-pact-ratified"
hide = true

[[merge]]
ids = ["2025-04-21-pact-signed", "2025-04-22-pact-ratified", "nope",
       "2025-04-24-troops-withdraw"]
''')
    assert [p.line for p in problems] == [7, 7]
    assert "hidden" in problems[0].message and "'nope'" in problems[1].message
    assert list(by_id) == ["2025-04-21-pact-signed"]
    assert {s.article for s in by_id["2025-04-21-pact-signed"].sources} == {"a", "b", "c"}


def test_an_entry_change_naming_a_merged_id_warns_naming_the_survivor(tmp_path, events):
    _, problems = _curate(tmp_path, events, '''
[[merge]]
ids = ["2025-04-21-pact-signed", "2025-04-22-pact-ratified"]

[[entry]]
id = "2025-04-22-pact-ratified"
title = "Ratified"
''')
    assert [p.line for p in problems] == [6]
    assert "merged into '2025-04-21-pact-signed'" in problems[0].message


# --- Splits ----------------------------------------------------------------------------------


def test_a_split_moves_an_article_s_quotes_into_a_new_entry(tmp_path, events):
    by_id, problems = _curate(tmp_path, events, '''
[[split]]
id = "2025-04-24-troops-withdraw"
articles = ["c"]
title = "Army leaves the town"
date = "2025-04-25"
''')
    assert problems == []
    old, new = by_id["2025-04-24-troops-withdraw"], by_id["2025-04-24-troops-withdraw-split"]
    assert [s.article for s in old.sources] == ["b"]
    assert [s.article for s in new.sources] == ["c"]
    assert (new.title, new.date, new.start, new.summary) == (
        "Army leaves the town", "2025-04-25", D(2025, 4, 25), "The army left the town on Thursday.")
    # The old entry keeps its share for its day; the redated part has none.
    assert (old.importance, new.importance) == (2.5, 1.0)


def test_a_split_without_title_or_date_keeps_the_old_ones_and_a_unique_id(tmp_path, events):
    events.append(_event("2025-04-24-troops-withdraw-split", D(2025, 4, 30),
                         [_source("a", "Something else.")]))
    by_id, _ = _curate(tmp_path, events, '''
[[split]]
id = "2025-04-24-troops-withdraw"
articles = ["b"]
''')
    new = by_id["2025-04-24-troops-withdraw-split-2"]
    assert (new.title, new.date, new.summary) == (
        "Title of 2025-04-24-troops-withdraw", "2025-04-24", "Troops withdrew on Thursday.")
    assert by_id["2025-04-24-troops-withdraw"].summary == "The army left the town on Thursday."


def test_a_split_never_takes_the_id_of_an_entry_merged_away(tmp_path, events):
    events.append(_event("2025-04-24-troops-withdraw-split", D(2025, 4, 30),
                         [_source("a", "Something else.")]))
    by_id, problems = _curate(tmp_path, events, '''
[[merge]]
ids = ["2025-04-24-troops-withdraw", "2025-04-24-troops-withdraw-split"]

[[split]]
id = "2025-04-24-troops-withdraw"
articles = ["b"]

[[entry]]
id = "2025-04-24-troops-withdraw-split"
title = "Renamed"
''')
    assert "2025-04-24-troops-withdraw-split" not in by_id
    assert by_id["2025-04-24-troops-withdraw-split-2"].title == "Title of 2025-04-24-troops-withdraw"
    assert "Renamed" not in {e.title for e in by_id.values()}  # it names a merged-away entry
    assert len(problems) == 1 and "was merged into" in problems[0].message


def test_entries_with_the_same_title_and_day_all_survive_curation(tmp_path):
    from generator.merge import _assign_ids
    events = [_event("", D(2025, 4, 28), [_source(stem, f"Quote {stem}.")]) for stem in "abc"]
    for event, title in zip(events, ("Port shut", "Port shut", "Port shut 2"), strict=True):
        event.title = title
    _assign_ids(events)
    by_id, problems = _curate(tmp_path, events, '''
[[entry]]
id = "2025-04-28-port-shut-2"
pin = true
''')
    assert problems == [] and len(by_id) == 3
    assert by_id["2025-04-28-port-shut-2"].title == "Port shut 2"


def test_splitting_an_article_the_entry_does_not_cite_warns_and_changes_nothing(tmp_path, events):
    by_id, problems = _curate(tmp_path, events, '''
[[split]]
id = "2025-04-24-troops-withdraw"
articles = ["a"]
''')
    assert [(p.line, "'a'" in p.message) for p in problems] == [(4, True)]
    assert by_id["2025-04-24-troops-withdraw"] == events[2]
    assert len(by_id) == 3


def test_splitting_every_source_out_warns_and_changes_nothing(tmp_path, events):
    by_id, problems = _curate(tmp_path, events, '''
[[split]]
id = "2025-04-24-troops-withdraw"
articles = ["b", "c"]
''')
    assert len(problems) == 1 and "without sources" in problems[0].message
    assert len(by_id) == 3


def test_a_split_part_can_be_changed_by_its_id(tmp_path, events):
    by_id, problems = _curate(tmp_path, events, '''
[[split]]
id = "2025-04-24-troops-withdraw"
articles = ["c"]

[[entry]]
id = "2025-04-24-troops-withdraw-split"
pin = true
''')
    assert problems == [] and by_id["2025-04-24-troops-withdraw-split"].pinned


# --- Additions -------------------------------------------------------------------------------


def test_an_added_entry_cites_its_article(tmp_path, events):
    curated, problems = apply_curation(events, ARTICLES, _curation(tmp_path, '''
[[add]]
date = "2025-04-30"
title = "Parliament dissolved"
[add.source]
quote = "The parliament was dissolved on Wednesday, officials said."
article = "a"
'''))
    assert problems == []
    added = curated[-1]
    assert (added.id, added.category, added.summary, added.importance) == (
        "2025-04-30-parliament-dissolved", "event",
        "The parliament was dissolved on Wednesday, officials said.", 1.0)
    (source,) = added.sources
    assert (source.article, source.publisher, source.title, source.url, source.article_date) == (
        "a", "Alpha", "Pact signed", "https://alpha.example/pact", D(2025, 4, 28))


def test_an_added_entry_without_article_cites_its_publisher(tmp_path, events):
    by_id, problems = _curate(tmp_path, events, '''
[[add]]
date = "2025-Q2"
title = "Ceasefire talks begin"
category = "statement"
summary = "Talks began."
[add.source]
quote = "Talks began in the spring."
publisher = "Radio Delta"
url = "https://delta.example/talks"
''')
    added = by_id["2025-04-01-ceasefire-talks-begin"]
    assert (added.date, added.start, added.end, added.category, added.summary) == (
        "2025-Q2", D(2025, 4, 1), D(2025, 6, 30), "statement", "Talks began.")
    assert added.sources[0].article not in {a.stem for a in ARTICLES}
    assert (added.sources[0].publisher, added.sources[0].url) == (
        "Radio Delta", "https://delta.example/talks")
    assert problems == []


def test_an_added_source_naming_no_article_warns_and_is_kept_unlinked(tmp_path, events):
    by_id, problems = _curate(tmp_path, events, '''
[[add]]
date = "2025-04-30"
title = "Parliament dissolved"
[add.source]
quote = "Parliament was dissolved."
article = "missing-article"
publisher = "Epsilon"
''')
    assert [(p.line, "'missing-article'" in p.message) for p in problems] == [(7, True)]
    (source,) = by_id["2025-04-30-parliament-dissolved"].sources
    assert (source.article, source.publisher, source.url) == ("missing-article", "Epsilon", None)


def test_an_added_quote_not_in_its_article_warns_but_is_kept(tmp_path, events):
    by_id, problems = _curate(tmp_path, events, '''
[[add]]
date = "2025-04-30"
title = "Parliament dissolved"
[add.source]
article = "a"
quote = "Parliament was dissolved on Wednesday."
''')
    assert [(p.line, "not found word for word" in p.message) for p in problems] == [(7, True)]
    assert "2025-04-30-parliament-dissolved" in by_id


def test_an_added_entry_s_id_does_not_take_one_already_used(tmp_path, events):
    by_id, _ = _curate(tmp_path, events, '''
[[add]]
date = "2025-04-21"
title = "Pact signed"
[add.source]
quote = "Leaders signed the pact on Monday."
article = "a"
''')
    assert by_id["2025-04-21-pact-signed-2"].sources[0].article == "a"
    assert by_id["2025-04-21-pact-signed"] == events[0]


def test_an_added_entry_can_be_merged_by_its_id(tmp_path, events):
    by_id, problems = _curate(tmp_path, events, '''
[[add]]
date = "2025-04-22"
title = "Senate votes"
[add.source]
quote = "The senate voted."
publisher = "Zeta"

[[merge]]
ids = ["2025-04-22-pact-ratified", "2025-04-22-senate-votes"]
''')
    assert problems == [] and "2025-04-22-senate-votes" not in by_id
    assert [s.publisher for s in by_id["2025-04-22-pact-ratified"].sources] == ["Outlet c", "Zeta"]


# --- Stability -------------------------------------------------------------------------------

CURATION = '''
[[entry]]
id = "2025-04-22-pact-ratified"
title = "Parliament ratifies the pact"
pin = true

[[merge]]
ids = ["2025-04-21-pact-signed", "2025-04-24-troops-withdraw"]

[[split]]
id = "2025-04-21-pact-signed"
articles = ["c"]

[[add]]
date = "2025-04-30"
title = "Parliament dissolved"
[add.source]
quote = "Parliament was dissolved."
publisher = "Epsilon"
'''


def test_curation_survives_a_new_article(tmp_path, events):
    curation = _curation(tmp_path, CURATION)
    before, problems = apply_curation(events, ARTICLES, curation)
    newcomer = _event("2025-04-23-floods-hit-valley", D(2025, 4, 23),
                      [_source("d", "Floods hit the valley on Wednesday.", "on Wednesday")])
    after, more = apply_curation(events + [newcomer], ARTICLES, curation)
    assert problems == more == []
    assert [e for e in after if e.id != newcomer.id] == before
    assert [e.id for e in after] == ["2025-04-21-pact-signed", "2025-04-21-pact-signed-split",
                                     "2025-04-22-pact-ratified", "2025-04-23-floods-hit-valley",
                                     "2025-04-30-parliament-dissolved"]


def test_the_input_entries_are_not_changed(tmp_path, events):
    events.append(_event("2025-05-02-untouched", D(2025, 5, 2), [_source("d", "Untouched.")]))
    original = copy.deepcopy(events)
    curated, _ = apply_curation(events, ARTICLES, _curation(tmp_path, CURATION))
    assert events == original
    assert curated != original
    assert all(c is not e for c in curated for e in events)


@pytest.mark.parametrize(("line", "key"), [
    ('date = "2025-04-28T<script>"', "date"),
    ('date = "2025-04-28 "', None),  # surrounding spaces are trimmed: a good date
    ('date = "2025-04x"', "date"),
    ('category = "<img src=x onerror=alert(1)>"', "category"),
    ('category = "' + "x" * 41 + '"', "category"),
    ('title = "' + "x" * 301 + '"', "title"),
    ('summary = "' + "x" * 2001 + '"', "summary"),
], ids=["date-with-markup", "date-with-spaces", "date-with-junk", "category-with-markup",
        "long-category", "long-title", "long-summary"])
def test_an_unusable_curation_value_is_a_warning_naming_its_key(tmp_path, line, key):
    (tmp_path / CURATION_FILE).write_text(f'[[entry]]\nid = "x"\n{line}\n', encoding="utf-8")
    curation, problems = load_curation(tmp_path)
    if key is None:
        assert (len(curation.entries), problems) == (1, [])
        return
    assert [replace(e, line=None) for e in curation.entries] == [EntryEdit("x", None)]  # as extracted
    assert [(p.line, f"'{key}' in [[entry]]" in p.message) for p in problems] == [(3, True)]


@pytest.mark.parametrize(("line", "key"), [
    ('url = "javascript:alert(1)"', "url"),
    ('url = "https://example.org/a\\r\\nX-INJECT:1"', "url"),
    ('article = "' + "a" * 301 + '"', "article"),
], ids=["javascript-url", "url-with-line-break", "long-article-name"])
def test_an_unusable_added_source_value_is_a_warning_naming_its_key(tmp_path, line, key):
    (tmp_path / CURATION_FILE).write_text('[[add]]\ndate = "2025-04-30"\ntitle = "T"\n'
                                          f'[add.source]\nquote = "Q"\npublisher = "P"\n{line}\n',
                                          encoding="utf-8")
    curation, problems = load_curation(tmp_path)
    assert curation.additions == ()
    assert [(p.line, f"'{key}'" in p.message) for p in problems] == [(7, True)]


def test_an_id_that_no_entry_can_have_is_a_warning(tmp_path):
    (tmp_path / CURATION_FILE).write_text('[[entry]]\nid = "a b<c>"\nhide = true\n'
                                          '[[merge]]\nids = ["x", "y\\u001b"]\n'
                                          '[[merge]]\nids = ["x", " y "]\n', encoding="utf-8")
    curation, problems = load_curation(tmp_path)
    assert (curation.entries, curation.merges) == ((), (MergeRule(("x", "y"), 7),))
    assert [(p.line, p.message.split(" in ")[0]) for p in problems] == [(2, "'id'"), (5, "'ids'")]


def test_curation_text_loses_control_and_invisible_characters(tmp_path):
    curation = _curation(tmp_path, '[[entry]]\nid = "x"\ntitle = "Pact\\u001b[2J signed\\u202e"\n'
                                   'summary = "Leaders\\u200b signed.\\u0000"\n'
                                   'category = "foreign policy"\n')
    edit, = curation.entries
    assert (edit.title, edit.summary, edit.category) == ("Pact[2J signed", "Leaders signed.",
                                                         "foreign policy")
