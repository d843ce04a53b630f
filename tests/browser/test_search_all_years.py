"""A timeline spread over year pages: the search box also finds entries of every other year."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator

import pytest

from generator import render
from generator.build import generate
from generator.search import words
from generator.write import write_output
from tests.browser.conftest import CONTENT, _QuietHandler


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list]]:
    """The project's content built with pages of 5 entries, served from a sub-path."""
    root = tmp_path_factory.mktemp("paged")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "PAGE_EVENTS", 5)
        result = generate(CONTENT)
    write_output(result.files, root / "sub" / "site")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sub/site/", result.events
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _rare_word(events: list, not_on: set[str]) -> tuple[str, set[str]]:
    """A word of at least 5 letters found in 1 to 3 entries, none of them listed on the page."""
    holders: dict[str, set[str]] = {}
    for e in events:
        text = " ".join([e.title, e.summary or ""] + [s.quote for s in e.sources])
        for word in words(text):
            holders.setdefault(word, set()).add(e.id)
    found = sorted((len(ids), word) for word, ids in holders.items()
                   if len(word) >= 5 and word.isalpha() and 1 <= len(ids) <= 3 and not ids & not_on)
    assert found, "no rare word outside the page to search for"
    word = found[0][1]
    return word, holders[word]


def test_a_word_from_another_year_lists_its_entries_with_links_to_them(paged, page, expect):
    base, events = paged
    page.goto(base + "index.html")
    expect(page.locator("form#controls")).to_be_visible()
    on_page = set(page.eval_on_selector_all("li.timeline-item article[id]", "as => as.map(a => a.id)"))
    word, ids = _rare_word(events, on_page)
    page.fill("#q", word)
    results = page.locator("#search-all-results a")
    expect(page.locator("#search-all")).to_be_visible()
    expect(results).to_have_count(len(ids))
    hrefs = results.evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert {h.split("#", 1)[1] for h in hrefs} == ids
    expect(page.locator("#search-all-status")).to_contain_text(
        "1 entry matches" if len(ids) == 1 else f"{len(ids)} entries match")
    results.first.click()
    target = hrefs[0].split("#", 1)[1]
    expect(page).to_have_url(base + hrefs[0])
    expect(page.locator(f"article[id='{target}']")).to_be_in_viewport()


def test_clearing_the_search_hides_the_results_of_other_years(paged, page, expect):
    base, events = paged
    page.goto(base + "index.html")
    page.fill("#q", "the")
    expect(page.locator("#search-all")).to_be_visible()
    page.fill("#q", "")
    expect(page.locator("#search-all")).to_be_hidden()


def test_a_site_on_one_page_has_no_search_index(site):
    assert not (site.dir / "search").exists()
