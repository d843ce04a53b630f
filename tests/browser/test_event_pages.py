"""Each event has its own page, showing its title and every quote its sources give."""

from __future__ import annotations

import re


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_event_page_exists_and_shows_every_quote_of_the_event(site, events, page):
    missing = []
    for event in events:
        path = f"events/{event['id']}.html"
        response = page.goto(site.url(path))
        if response is None or not response.ok:
            missing.append(f"{path}: HTTP {response and response.status}")
            continue
        shown = _squash(page.locator("main").inner_text())
        if _squash(event["title"]) not in shown:
            missing.append(f"{path}: title {event['title']!r} not shown")
        for source in event["sources"]:
            if source["quote"] and _squash(source["quote"]) not in shown:
                missing.append(f"{path}: quote from {source['article']} not shown: {source['quote']!r}")
    assert not missing, "event pages incomplete:\n  " + "\n  ".join(missing)


def test_event_page_links_back_to_its_entry_on_the_timeline(site, events, page, expect):
    event = max(events, key=lambda e: (len(e["sources"]), e["id"]))
    page.goto(site.url(f"events/{event['id']}.html"))
    back = page.locator(f'a[href="../index.html#{event["id"]}"]').first
    expect(back).to_be_visible()
    back.click()
    expect(page.locator(f'article[id="{event["id"]}"]')).to_be_in_viewport()
