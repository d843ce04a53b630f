"""Screenshots of the site as a reader sees it, written to docs/screenshots/ on every run."""

from __future__ import annotations

MAX_HEIGHT = 3000
PHONE = {"width": 390, "height": 844}


def _full_page(page, path, width: int) -> None:
    """A full-page screenshot, cut at MAX_HEIGHT pixels for a long page."""
    height = page.evaluate("() => document.documentElement.scrollHeight")
    page.screenshot(path=str(path), full_page=True,
                    clip={"x": 0, "y": 0, "width": width, "height": min(height, MAX_HEIGHT)})


def _ready(page, expect) -> None:
    expect(page.locator("form#controls")).to_be_visible()
    page.evaluate("() => document.fonts.ready")


def test_home_on_a_phone(site, new_page, screenshots_dir, expect):
    for scheme, name in (("light", "home-phone.png"), ("dark", "home-phone-dark.png")):
        page = new_page(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True,
                        color_scheme=scheme)
        page.goto(site.url("index.html"))
        _ready(page, expect)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow}px wider than a 390px phone screen"
        _full_page(page, screenshots_dir / name, PHONE["width"])
        assert (screenshots_dir / name).stat().st_size > 0


def test_home_on_a_desktop(site, new_page, screenshots_dir, expect):
    for scheme, name in (("light", "home-desktop.png"), ("dark", "home-desktop-dark.png")):
        page = new_page(color_scheme=scheme)
        page.goto(site.url("index.html"))
        _ready(page, expect)
        page.screenshot(path=str(screenshots_dir / name))
        assert (screenshots_dir / name).stat().st_size > 0


def test_event_page_on_a_desktop(site, events, new_page, screenshots_dir):
    event = max(events, key=lambda e: (len(e["sources"]), e["id"]))
    for scheme, name in (("light", "event-desktop.png"), ("dark", "event-desktop-dark.png")):
        page = new_page(color_scheme=scheme)
        page.goto(site.url(f"events/{event['id']}.html"))
        page.screenshot(path=str(screenshots_dir / name))
        assert (screenshots_dir / name).stat().st_size > 0
