"""The timeline page in a real browser: its entries, the filter controls and in-page navigation."""

from __future__ import annotations

import re
from collections import Counter

import pytest

ITEM = "li.timeline-item"
SHOWN = "li.timeline-item:not([hidden])"
STATUS = re.compile(r"Showing (\d+) of (\d+) entries")


def _items(page) -> list[dict]:
    """Every timeline entry of the page with its data attributes, article id and visibility."""
    return page.eval_on_selector_all(ITEM, """items => items.map(li => {
        const art = li.querySelector('article[id]');
        const time = art && art.querySelector('time[datetime]');
        return {id: art ? art.id : null, category: li.dataset.category,
                importance: li.dataset.importance, key: li.dataset.key,
                datetime: time ? time.getAttribute('datetime') : null,
                hidden: li.hasAttribute('hidden'), visible: li.checkVisibility(),
                text: li.textContent.toLowerCase()};
    })""")


def _shown_ids(page) -> list[str]:
    return [item["id"] for item in _items(page) if not item["hidden"]]


def _assert_hidden_means_invisible(page) -> None:
    """An entry has the hidden attribute exactly when it cannot be seen."""
    wrong = [i["id"] for i in _items(page) if i["hidden"] == i["visible"]]
    assert not wrong, f"entries whose hidden attribute disagrees with what is shown: {wrong}"


def _assert_status(page, expect, shown: int, total: int) -> None:
    status = page.locator("#filter-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_contain_text(f"Showing {shown} of {total} entries")


@pytest.fixture
def timeline(page, site, expect):
    """index.html, loaded, with its JavaScript having revealed the controls."""
    response = page.goto(site.url("index.html"))
    assert response is not None and response.ok, f"index.html answered {response and response.status}"
    expect(page.locator("form#controls")).to_be_visible()
    return page


def test_index_lists_every_event_once_with_its_data_attributes(site, events, page):
    page.goto(site.url("index.html"))
    items = _items(page)
    ids = [item["id"] for item in items]
    assert None not in ids, "a li.timeline-item has no <article id=...>"
    assert len(ids) == len(set(ids)), f"entries repeated: {[i for i, n in Counter(ids).items() if n > 1]}"
    assert set(ids) == {e["id"] for e in events}, "index.html and events.json list different events"
    by_id = {e["id"]: e for e in events}
    for item in items:
        assert item["category"] == by_id[item["id"]]["category"], item["id"]
        assert item["key"] in ("true", "false"), f"{item['id']}: data-key={item['key']!r}"
        assert item["importance"] is not None and float(item["importance"]) >= 0, item["id"]
        assert item["datetime"], f"{item['id']}: no <time datetime> in its article"
    assert any(i["key"] == "true" for i in items), "no entry is marked data-key=true"


def test_years_are_sections_with_headings_and_the_year_nav_links_to_each(site, page):
    page.goto(site.url("index.html"))
    headings = page.eval_on_selector_all("section.year > h2[id]", "hs => hs.map(h => h.id)")
    assert headings, "no <section class=year> with an <h2 id=year-...>"
    assert all(re.fullmatch(r"year-\d{4}s?", h) for h in headings), headings
    links = page.eval_on_selector_all("nav.year-nav a[href^='#year-']",
                                      "as => as.map(a => a.getAttribute('href').slice(1))")
    assert links == headings, "the year nav should link to every year heading, in order"
    sections_without_items = page.eval_on_selector_all(
        "section.year", "ss => ss.filter(s => !s.querySelector('li.timeline-item')).length")
    assert sections_without_items == 0


def test_controls_are_hidden_in_the_html_and_shown_by_javascript(site, timeline, expect):
    html = (site.dir / "index.html").read_text(encoding="utf-8")
    form_tag = re.search(r"<form\b[^>]*\bid=\"controls\"[^>]*>", html)
    assert form_tag, "index.html has no <form id=controls>"
    assert re.search(r"\shidden(\s|>|=)", form_tag.group(0)), \
        f"the controls form must carry the hidden attribute in the HTML: {form_tag.group(0)}"
    expect(timeline.locator("input#q[type=search]")).to_be_visible()
    expect(timeline.locator("select#category")).to_be_visible()
    expect(timeline.locator("input#key-only[type=checkbox]")).to_be_attached()
    assert timeline.locator("select#category option").first.get_attribute("value") == ""


def test_filtering_by_category_shows_only_that_category(timeline, events, expect):
    counts = Counter(e["category"] for e in events)
    category, wanted = min(counts.items(), key=lambda kv: (kv[1], kv[0]))
    assert wanted < len(events), "every event has one category: nothing to filter"
    timeline.select_option("select#category", category)
    expect(timeline.locator(SHOWN), f"entries shown for category {category!r}").to_have_count(wanted)
    shown = [i for i in _items(timeline) if not i["hidden"]]
    assert {i["category"] for i in shown} == {category}
    _assert_hidden_means_invisible(timeline)
    _assert_status(timeline, expect, wanted, len(events))

    timeline.select_option("select#category", "")
    expect(timeline.locator(SHOWN), "entries shown for all categories").to_have_count(len(events))


def _rare_quote_word(events: list[dict]) -> tuple[str, str]:
    """A plain word from one event's quotes that few other events contain, and that event's id."""
    texts = {e["id"]: " ".join([e["title"], e["summary"] or "", *(s["quote"] or "" for s in e["sources"])])
             .lower() for e in events}
    best = None
    for event in events:
        for source in event["sources"]:
            for word in re.findall(r"[A-Za-z]{6,}", source["quote"] or ""):
                hits = sum(word.lower() in text for text in texts.values())
                key = (hits, word.lower(), event["id"])
                if best is None or key < best:
                    best = key
    assert best is not None, "no quote has a plain word to search for"
    return best[1], best[2]


def test_typing_a_word_from_a_quote_narrows_the_list_to_entries_containing_it(timeline, events, expect):
    word, event_id = _rare_quote_word(events)
    timeline.locator("input#q").press_sequentially(word, delay=10)
    expect(timeline.locator(f'{SHOWN} article[id="{event_id}"]'),
           f"entry {event_id} after typing {word!r}, a word of its quote").to_be_visible()
    shown = [i for i in _items(timeline) if not i["hidden"]]
    assert 1 <= len(shown) < len(events), f"searching {word!r} left {len(shown)} of {len(events)} entries"
    assert all(word in i["text"] for i in shown), \
        f"entries shown that do not contain {word!r}: {[i['id'] for i in shown if word not in i['text']]}"
    _assert_hidden_means_invisible(timeline)
    _assert_status(timeline, expect, len(shown), len(events))

    timeline.locator("input#q").fill("")
    expect(timeline.locator(SHOWN), "entries shown once the search is cleared").to_have_count(len(events))


def test_key_events_toggle_shows_only_key_entries(timeline, events, expect):
    keys = [i["id"] for i in _items(timeline) if i["key"] == "true"]
    assert 0 < len(keys) < len(events), f"{len(keys)} key entries of {len(events)}: nothing to toggle"
    timeline.locator("input#key-only").check()
    expect(timeline.locator(SHOWN), "entries shown with key events only").to_have_count(len(keys))
    assert _shown_ids(timeline) == keys
    _assert_hidden_means_invisible(timeline)
    _assert_status(timeline, expect, len(keys), len(events))

    timeline.locator("input#key-only").uncheck()
    expect(timeline.locator(SHOWN), "entries shown with the toggle off").to_have_count(len(events))


def test_key_page_lists_exactly_the_key_entries(site, page):
    page.goto(site.url("index.html"))
    keys = [i["id"] for i in _items(page) if i["key"] == "true"]
    page.goto(site.url("key.html"))
    listed = page.eval_on_selector_all(f"{ITEM} article[id]", "as => as.map(a => a.id)")
    assert listed == keys, "key.html should list the data-key=true entries of index.html, in order"


def test_clicking_a_year_link_scrolls_its_heading_into_view(timeline, expect):
    link = timeline.locator("nav.year-nav a[href^='#year-']").last
    target = link.get_attribute("href")
    assert target, "the year nav has no links"
    link.click()
    expect(timeline).to_have_url(re.compile(re.escape(target) + "$"))
    expect(timeline.locator(f'h2[id="{target[1:]}"]'), f"heading {target} after clicking its link"
           ).to_be_in_viewport()


def test_opening_an_entry_link_puts_that_entry_in_view(site, page, events, expect):
    event_id = events[-1]["id"]  # the last entry is the furthest from the top of the page
    page.goto(site.url(f"index.html#{event_id}"))
    expect(page.locator(f'article[id="{event_id}"]'), f"entry opened as index.html#{event_id}"
           ).to_be_in_viewport()


def test_opening_a_link_to_a_folded_background_entry_unfolds_it(site, page, events, expect):
    background = [e["id"] for e in events if e["background"]]
    if not background:
        pytest.skip("the site has no background entry")
    page.goto(site.url(f"index.html#{background[0]}"))
    expect(page.locator("details.background-list")).to_have_attribute("open", "")
    expect(page.locator(f'article[id="{background[0]}"]')).to_be_in_viewport()


def test_background_entries_are_listed_before_the_story_under_their_heading(site, page, events):
    background = {e["id"] for e in events if e["background"]}
    if not background:
        pytest.skip("the site has no background entry")
    page.goto(site.url("index.html"))
    listed = page.eval_on_selector_all("section#background li.timeline-item article[id]",
                                       "as => as.map(a => a.id)")
    assert set(listed) == background
    assert page.locator("h2#background-heading").text_content().strip() == "Background"
    assert all(i["key"] == "false" for i in _items(page) if i["id"] in background)
