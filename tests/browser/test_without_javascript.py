"""With JavaScript off the timeline is complete: every entry shows (the background once unfolded,
which <details> does by itself) and the filter form does not."""

from __future__ import annotations


def test_without_javascript_every_entry_shows_and_the_controls_do_not(site, events, new_page, expect):
    page = new_page(java_script_enabled=False)
    page.goto(site.url("index.html"))
    expect(page.locator("form#controls"), "the filter form without JavaScript").to_be_hidden()
    items = page.locator("li.timeline-item")
    expect(items).to_have_count(len(events))
    for fold in page.locator("details.background-list > summary").all():
        fold.click()  # background entries are folded away, and unfold without JavaScript
    invisible = page.eval_on_selector_all(
        "li.timeline-item", "items => items.filter(li => !li.checkVisibility()).length")
    assert invisible == 0, f"{invisible} entries are not visible without JavaScript"
    expect(page.locator("li.timeline-item[hidden]")).to_have_count(0)
