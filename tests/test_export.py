"""Tests for the machine-readable exports: TimelineJS JSON, Atom, iCalendar, sitemap, robots."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from generator.export import (
    Fragments,
    atom_feed,
    events_json,
    icalendar,
    robots_txt,
    sitemap_xml,
    timeline_json,
)
from generator.models import Event, Site, Source
from generator.render import EntryDigests

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://example.org/timeline"
SITE = Site(title="Test timeline", description="A timeline for tests.")
SITE_WITH_BASE = Site(title="Test timeline", description="A timeline for tests.", base_url=BASE)
HOSTILE = "<script>alert(1)</script> & friends"


def _source(stem: str = "a1", publisher: str | None = "The Daily", *,
            quote: str = "It happened.", article_date: dt.date | None = dt.date(2025, 4, 28),
            url: str | None = None) -> Source:
    return Source(article=stem, publisher=publisher, title=None, url=url, quote=quote,
                  date_text=None, article_date=article_date)


def _event(event_id: str, value: str, start: dt.date, end: dt.date | None = None, *,
           sources: list[Source] | None = None, **extra) -> Event:
    fields = {"title": f"Title of {event_id}", "summary": f"Summary of {event_id}.",
              "category": "politics", "importance": 0.5} | extra
    return Event(id=event_id, date=value, start=start, end=end or start,
                 sources=[_source()] if sources is None else sources, **fields)


@pytest.fixture
def events() -> list[Event]:
    # Deliberately not in date order: every export must order them itself.
    return [
        _event("month", "2024-06", dt.date(2024, 6, 1), dt.date(2024, 6, 30),
               sources=[_source(article_date=dt.date(2024, 7, 2))]),
        _event("day", "2025-04-28", dt.date(2025, 4, 28),
               sources=[_source("a1", "The Daily", article_date=dt.date(2025, 4, 29)),
                        _source("a2", "Herald & Post", article_date=dt.date(2025, 5, 3))]),
        _event("autumn", "2024-FA", dt.date(2024, 9, 1), dt.date(2024, 11, 30),
               sources=[_source(article_date=None)]),
        _event("week", "2025-W17", dt.date(2025, 4, 21), dt.date(2025, 4, 27)),
        _event("fifties", "195", dt.date(1950, 1, 1), dt.date(1959, 12, 31)),
        _event("year", "2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ]


# TimelineJS3 ------------------------------------------------------------------------------

def _check_tl_date(date: object, where: str) -> None:
    assert isinstance(date, dict), where
    assert set(date) <= {"year", "month", "day"}, where
    assert isinstance(date.get("year"), str) and date["year"].isdigit(), where
    if "month" in date:
        assert date["month"].isdigit() and 1 <= int(date["month"]) <= 12, where
    if "day" in date:
        assert "month" in date, f"{where}: a day needs a month"
        assert date["day"].isdigit() and 1 <= int(date["day"]) <= 31, where


def _check_tl_text(text: object, where: str) -> None:
    assert isinstance(text, dict), where
    assert set(text) <= {"headline", "text"}, where
    assert all(isinstance(v, str) for v in text.values()), where


def validate_timelinejs(data: object) -> None:
    """Fail unless ``data`` has the keys and types of TimelineJS3's JSON format."""
    assert isinstance(data, dict)
    assert set(data) <= {"events", "title", "eras", "scale"}
    assert isinstance(data["events"], list)
    if "title" in data:
        assert isinstance(data["title"], dict) and "text" in data["title"]
        _check_tl_text(data["title"]["text"], "title")
    allowed = {"start_date", "end_date", "text", "group", "unique_id", "display_date"}
    for n, slide in enumerate(data["events"]):
        where = f"events[{n}]"
        assert isinstance(slide, dict), where
        assert set(slide) <= allowed, f"{where}: unexpected {set(slide) - allowed}"
        _check_tl_date(slide["start_date"], f"{where}.start_date")
        if "end_date" in slide:
            _check_tl_date(slide["end_date"], f"{where}.end_date")
        _check_tl_text(slide["text"], f"{where}.text")
        for key in ("group", "unique_id", "display_date"):
            assert isinstance(slide[key], str) and slide[key], f"{where}.{key}"


def _slides(site: Site, events: list[Event]) -> dict[str, dict]:
    return {s["unique_id"]: s for s in json.loads(timeline_json(site, events))["events"]}


def test_timeline_json_has_the_timelinejs3_structure(events):
    data = json.loads(timeline_json(SITE, events))
    validate_timelinejs(data)
    assert data["title"]["text"]["headline"] == "Test timeline"
    assert len(data["events"]) == len(events)


def test_timeline_json_orders_events_by_start(events):
    ids = [s["unique_id"] for s in json.loads(timeline_json(SITE, events))["events"]]
    assert ids == ["fifties", "year", "month", "autumn", "week", "day"]


def test_month_precision_event_has_no_day_in_timeline_json(events):
    slide = _slides(SITE, events)["month"]
    assert slide["start_date"] == {"year": "2024", "month": "6"}
    assert "end_date" not in slide
    assert slide["display_date"] == "June 2024"


def test_day_precision_event_has_year_month_and_day(events):
    slide = _slides(SITE, events)["day"]
    assert slide["start_date"] == {"year": "2025", "month": "4", "day": "28"}
    assert "end_date" not in slide


def test_year_precision_event_has_only_a_year(events):
    slide = _slides(SITE, events)["year"]
    assert slide["start_date"] == {"year": "2024"}
    assert "end_date" not in slide


@pytest.mark.parametrize(("event_id", "start", "end", "display"), [
    ("autumn", {"year": "2024", "month": "9"}, {"year": "2024", "month": "11"}, "autumn 2024"),
    ("week", {"year": "2025", "month": "4"}, {"year": "2025", "month": "4"},
     "week of 21 April 2025"),
    ("fifties", {"year": "1950"}, {"year": "1959"}, "the 1950s"),
])
def test_span_events_have_start_and_end_without_finer_parts(events, event_id, start, end, display):
    slide = _slides(SITE, events)[event_id]
    assert slide["start_date"] == start
    assert slide["end_date"] == end
    assert slide["display_date"] == display


def test_timeline_json_groups_by_category(events):
    events[0].category = "conflict"
    assert _slides(SITE, events)["month"]["group"] == "conflict"


def test_timeline_json_text_has_summary_and_escaped_outlets(events):
    text = _slides(SITE, events)["day"]["text"]["text"]
    assert "<p>Summary of day.</p>" in text
    assert "<li>The Daily</li>" in text
    assert "<li>Herald &amp; Post</li>" in text


def test_timeline_json_escapes_html_in_title_summary_and_outlets():
    site = Site(title=HOSTILE, description=HOSTILE)
    event = _event("x", "2024-06", dt.date(2024, 6, 1), dt.date(2024, 6, 30), title=HOSTILE,
                   summary=HOSTILE, sources=[_source(publisher=HOSTILE)])
    out = timeline_json(site, [event])
    assert "<script>" not in out
    data = json.loads(out)
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends"
    assert data["title"]["text"]["headline"] == escaped
    slide = data["events"][0]
    assert slide["text"]["headline"] == escaped
    assert slide["text"]["text"].count(escaped) == 2  # the summary and the outlet


def test_timeline_json_has_no_media(events):
    assert all("media" not in s for s in _slides(SITE, events).values())


def test_timeline_json_is_deterministic_and_independent_of_input_order(events):
    first = timeline_json(SITE, events)
    assert timeline_json(SITE, events) == first
    assert timeline_json(SITE, list(reversed(events))) == first


# Atom -------------------------------------------------------------------------------------

def _feed(site: Site, events: list[Event], updated: dt.date | None = None) -> ET.Element:
    root = ET.fromstring(atom_feed(site, events, updated))
    assert root.tag == f"{ATOM}feed"
    return root


def _links(element: ET.Element) -> dict[str, str]:
    return {link.get("rel"): link.get("href") for link in element.findall(f"{ATOM}link")}


def test_atom_feed_parses_with_the_atom_namespace(events):
    root = _feed(SITE_WITH_BASE, events)
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(events)
    for entry in entries:
        for tag in ("id", "title", "updated", "link", "summary", "content"):
            assert entry.find(f"{ATOM}{tag}") is not None, tag
        assert entry.find(f"{ATOM}content").get("type") == "html"
    # Nothing outside the Atom namespace (no stray ns0 prefixes or unqualified tags).
    assert all(el.tag.startswith(ATOM) for el in root.iter())


def test_atom_ids_are_uuid5_urns_of_base_url_and_event_id(events):
    root = _feed(SITE_WITH_BASE, events)
    expected = uuid.uuid5(uuid.NAMESPACE_URL, f"{BASE}/")
    assert root.findtext(f"{ATOM}id") == f"urn:uuid:{expected}"
    first = root.find(f"{ATOM}entry")
    event_id = _links(first)["alternate"].rsplit("/", 1)[1].removesuffix(".html")
    entry_uuid = uuid.uuid5(uuid.NAMESPACE_URL, f"{BASE}/#{event_id}")
    assert first.findtext(f"{ATOM}id") == f"urn:uuid:{entry_uuid}"


def test_atom_ids_use_the_title_when_base_url_is_empty(events):
    root = _feed(SITE, events)
    expected = uuid.uuid5(uuid.NAMESPACE_URL, "Test timeline")
    assert root.findtext(f"{ATOM}id") == f"urn:uuid:{expected}"
    ids = [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")]
    assert len(set(ids)) == len(ids)


def test_atom_entries_are_newest_first_by_end_then_id(events):
    events.append(_event("a-tie", "2025-04-28", dt.date(2025, 4, 28)))
    root = _feed(SITE_WITH_BASE, events)
    hrefs = [_links(e)["alternate"] for e in root.findall(f"{ATOM}entry")]
    names = [h.rsplit("/", 1)[1].removesuffix(".html") for h in hrefs]
    assert names == ["a-tie", "day", "week", "year", "autumn", "month", "fifties"]


def test_atom_feed_keeps_at_most_fifty_newest_entries():
    many = [_event(f"e{n:02d}", "2020", dt.date(2020, 1, 1) + dt.timedelta(days=n))
            for n in range(60)]
    entries = _feed(SITE, many).findall(f"{ATOM}entry")
    assert len(entries) == 50
    assert _links(entries[0])["alternate"] == "events/e59.html"
    assert _links(entries[-1])["alternate"] == "events/e10.html"


def test_atom_feed_updated_is_the_given_date(events):
    root = _feed(SITE, events, dt.date(2030, 1, 2))
    assert root.findtext(f"{ATOM}updated") == "2030-01-02T00:00:00Z"


def test_atom_feed_updated_defaults_to_the_latest_day_of_its_events(events):
    assert _feed(SITE, events).findtext(f"{ATOM}updated") == "2025-05-03T00:00:00Z"
    undated = [_event("e", "2024-06", dt.date(2024, 6, 1), dt.date(2024, 6, 30), sources=[])]
    assert _feed(SITE, undated).findtext(f"{ATOM}updated") == "2024-06-30T00:00:00Z"


def test_atom_feed_without_events_is_updated_at_the_epoch():
    root = _feed(SITE, [])
    assert root.findtext(f"{ATOM}updated") == "1970-01-01T00:00:00Z"
    assert root.findall(f"{ATOM}entry") == []


def test_atom_entry_updated_is_the_latest_article_date_else_the_end(events):
    root = _feed(SITE, events)
    updated = {_links(e)["alternate"]: e.findtext(f"{ATOM}updated")
               for e in root.findall(f"{ATOM}entry")}
    assert updated["events/day.html"] == "2025-05-03T00:00:00Z"
    assert updated["events/autumn.html"] == "2024-11-30T00:00:00Z"


def test_atom_links_are_absolute_with_base_url(events):
    root = _feed(Site(title="T", base_url=BASE + "/"), events)
    assert _links(root)["self"] == f"{BASE}/feed.xml"
    entry = root.find(f"{ATOM}entry")
    assert re.fullmatch(rf"{re.escape(BASE)}/events/[\w-]+\.html", _links(entry)["alternate"])


def test_atom_links_are_relative_without_base_url(events):
    root = _feed(SITE, events)
    assert "self" not in _links(root)
    for entry in root.findall(f"{ATOM}entry"):
        assert re.fullmatch(r"events/[\w-]+\.html", _links(entry)["alternate"])


def test_atom_base_url_with_or_without_trailing_slash_gives_the_same_feed(events):
    with_slash = Site(title="T", base_url=BASE + "/")
    without = Site(title="T", base_url=BASE)
    assert atom_feed(with_slash, events, None) == atom_feed(without, events, None)


def test_atom_keeps_script_and_ampersand_escaped():
    site = Site(title=HOSTILE, base_url=BASE)
    event = _event("x", "2024-06", dt.date(2024, 6, 1), title=HOSTILE, summary=HOSTILE,
                   sources=[_source(publisher=HOSTILE, quote=HOSTILE)])
    out = atom_feed(site, [event], None)
    assert "<script>" not in out
    root = ET.fromstring(out)
    assert root.findtext(f"{ATOM}title") == HOSTILE
    entry = root.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == HOSTILE
    assert entry.findtext(f"{ATOM}summary") == HOSTILE
    # The HTML content, once unescaped from XML, still holds the text escaped as HTML.
    content = entry.findtext(f"{ATOM}content")
    assert "<script>" not in content
    assert content.count("&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends") == 3


def test_atom_content_quotes_each_source_and_names_its_outlet(events):
    root = _feed(SITE, events)
    day = next(e for e in root.findall(f"{ATOM}entry")
               if _links(e)["alternate"] == "events/day.html")
    content = day.findtext(f"{ATOM}content")
    assert content.count("<blockquote><p>It happened.</p></blockquote>") == 2
    assert "The Daily" in content and "Herald &amp; Post" in content


def test_atom_content_links_only_web_urls():
    sources = [_source("a1", "Good", url="https://news.example/a"),
               _source("a2", "Bad", url="javascript:alert(1)")]
    root = _feed(SITE, [_event("x", "2024", dt.date(2024, 1, 1), sources=sources)])
    content = root.find(f"{ATOM}entry").findtext(f"{ATOM}content")
    assert '<a href="https://news.example/a">Good</a>' in content
    assert "javascript:" not in content


def test_atom_feed_is_deterministic(events):
    first = atom_feed(SITE_WITH_BASE, events, None)
    assert atom_feed(SITE_WITH_BASE, events, None) == first
    assert atom_feed(SITE_WITH_BASE, list(reversed(events)), None) == first


# iCalendar --------------------------------------------------------------------------------

def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def parse_ics(text: str) -> list[dict[str, str]]:
    """Check an iCalendar file's framing and return its VEVENTs as {name: raw value}."""
    data = text.encode("utf-8")
    assert data.endswith(b"\r\n")
    physical = data[:-2].split(b"\r\n")
    for line in physical:
        assert b"\n" not in line and b"\r" not in line, "bare line break"
        assert len(line) <= 75, f"{len(line)} octets: {line!r}"
        line.decode("utf-8")  # each folded piece is whole characters
    logical: list[str] = []
    for line in physical:
        piece = line.decode("utf-8")
        if piece.startswith(" "):
            logical[-1] += piece[1:]
        else:
            logical.append(piece)
    stack: list[str] = []
    vevents: list[dict[str, str]] = []
    for line in logical:
        name_params, _, value = line.partition(":")
        name = name_params.split(";")[0]
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                vevents.append({})
        elif name == "END":
            assert stack and stack.pop() == value, f"unbalanced END:{value}"
        elif stack and stack[-1] == "VEVENT":
            vevents[-1][name_params] = value
    assert stack == [], f"unclosed {stack}"
    assert logical[0] == "BEGIN:VCALENDAR" and logical[-1] == "END:VCALENDAR"
    return vevents


def _by_uid(site: Site, events: list[Event]) -> dict[str, dict[str, str]]:
    return {v["UID"].split("@")[0]: v for v in parse_ics(icalendar(site, events))}


def test_icalendar_has_the_calendar_properties(events):
    out = icalendar(SITE, events)
    parse_ics(out)
    lines = out.split("\r\n")
    for prop in ("VERSION:2.0", "PRODID:-//timeline generator//EN", "CALSCALE:GREGORIAN",
                 "X-WR-CALNAME:Test timeline"):
        assert prop in lines


def test_icalendar_has_one_all_day_vevent_per_event(events):
    vevents = parse_ics(icalendar(SITE, events))
    assert len(vevents) == len(events)
    for vevent in vevents:
        assert re.fullmatch(r"\d{8}", vevent["DTSTART;VALUE=DATE"])
        assert re.fullmatch(r"\d{8}", vevent["DTEND;VALUE=DATE"])
        assert re.fullmatch(r"\d{8}T000000Z", vevent["DTSTAMP"])


def test_icalendar_dtend_is_the_day_after_the_end(events):
    by_id = _by_uid(SITE, events)
    assert by_id["day"]["DTSTART;VALUE=DATE"] == "20250428"
    assert by_id["day"]["DTEND;VALUE=DATE"] == "20250429"
    assert by_id["month"]["DTEND;VALUE=DATE"] == "20240701"
    assert by_id["year"]["DTEND;VALUE=DATE"] == "20250101"
    assert by_id["fifties"]["DTSTART;VALUE=DATE"] == "19500101"


def test_icalendar_dtstamp_is_the_latest_article_date_else_the_start(events):
    by_id = _by_uid(SITE, events)
    assert by_id["day"]["DTSTAMP"] == "20250503T000000Z"
    assert by_id["autumn"]["DTSTAMP"] == "20240901T000000Z"


def test_icalendar_uid_host_and_url_follow_the_base_url(events):
    with_base = _by_uid(SITE_WITH_BASE, events)["day"]
    assert with_base["UID"] == "day@example.org"
    assert with_base["URL"] == f"{BASE}/events/day.html"
    without = _by_uid(SITE, events)["day"]
    assert without["UID"] == "day@timeline.local"
    assert "URL" not in without


def test_icalendar_text_escaping_round_trips():
    tricky = "Talks; again, in Rome\\Milan\nsecond line"
    event = _event("x", "2024-06-03", dt.date(2024, 6, 3), title=tricky, summary=tricky,
                   category="law, order; courts")
    vevent = parse_ics(icalendar(Site(title=tricky), [event]))[0]
    assert vevent["SUMMARY"] == "Talks\\; again\\, in Rome\\\\Milan\\nsecond line"
    assert _unescape(vevent["SUMMARY"]) == tricky
    assert _unescape(vevent["DESCRIPTION"]).startswith(tricky + "\n\nSources:\n- The Daily")
    assert _unescape(vevent["CATEGORIES"]) == "law, order; courts"


def test_icalendar_folds_long_lines_without_splitting_characters():
    long_text = "Événement très long — " * 20 + "日本語のテキスト" * 10
    event = _event("x", "2024-06-03", dt.date(2024, 6, 3), title=long_text, summary=long_text)
    out = icalendar(SITE, [event])
    assert "\r\n " in out  # it was folded at all
    vevent = parse_ics(out)[0]  # checks ≤ 75 octets and whole characters per line
    assert _unescape(vevent["SUMMARY"]) == long_text


def test_icalendar_uses_crlf_line_endings_only(events):
    out = icalendar(SITE, events)
    assert out.count("\n") == out.count("\r\n")
    assert out.count("\r") == out.count("\r\n")


def test_icalendar_is_deterministic(events):
    first = icalendar(SITE_WITH_BASE, events)
    assert icalendar(SITE_WITH_BASE, events) == first
    assert icalendar(SITE_WITH_BASE, list(reversed(events))) == first


# Sitemap and robots -----------------------------------------------------------------------

PATHS = ["index.html", "events/b.html", "events/a.html", "about.html"]


def _locs(site: Site, paths: list[str], lastmod: dt.date | None = None) -> list[ET.Element]:
    root = ET.fromstring(sitemap_xml(site, paths, lastmod))
    assert root.tag == f"{SITEMAP}urlset"
    assert all(el.tag.startswith(SITEMAP) for el in root.iter())
    return root.findall(f"{SITEMAP}url")


def test_sitemap_lists_absolute_sorted_urls_under_the_base_url():
    urls = _locs(SITE_WITH_BASE, PATHS)
    assert [u.findtext(f"{SITEMAP}loc") for u in urls] == [
        f"{BASE}/about.html", f"{BASE}/events/a.html", f"{BASE}/events/b.html",
        f"{BASE}/index.html"]


def test_sitemap_locs_are_the_paths_without_base_url():
    urls = _locs(SITE, PATHS)
    assert [u.findtext(f"{SITEMAP}loc") for u in urls] == sorted(PATHS)


def test_sitemap_lastmod_only_when_given():
    assert all(u.find(f"{SITEMAP}lastmod") is None for u in _locs(SITE, PATHS))
    urls = _locs(SITE, PATHS, dt.date(2025, 5, 3))
    assert {u.findtext(f"{SITEMAP}lastmod") for u in urls} == {"2025-05-03"}


def test_sitemap_escapes_urls():
    site = Site(base_url="https://example.org/r&d")
    out = sitemap_xml(site, ["a b.html"], None)
    assert "https://example.org/r&amp;d/a%20b.html" in out
    assert _locs(site, ["a b.html"])[0].findtext(f"{SITEMAP}loc") == (
        "https://example.org/r&d/a%20b.html")


def test_sitemap_is_deterministic():
    first = sitemap_xml(SITE_WITH_BASE, PATHS, dt.date(2025, 5, 3))
    assert sitemap_xml(SITE_WITH_BASE, list(reversed(PATHS)), dt.date(2025, 5, 3)) == first


def test_robots_txt_names_the_sitemap_only_with_a_base_url():
    assert robots_txt(SITE) == "User-agent: *\nAllow: /\n"
    assert robots_txt(SITE_WITH_BASE) == (
        f"User-agent: *\nAllow: /\nSitemap: {BASE}/sitemap.xml\n")


# Hostile input: every export stays well-formed and injects nothing --------------------------

# Characters XML 1.0 forbids (C0 controls, U+FFFE/FFFF, a lone surrogate), and others no
# export should carry (DEL, C1, bidi overrides, zero-width and line separators).
FORBIDDEN = ("\x00\x01\x08\x0b\x0c\x1b[2J\x1b]0;t\x07\x7f\x85\x9b\u200b\u202e\u2028"
             "\ufeff\ufffe\uffff\U0001fffe\U0010ffff\ud800")
ICS_PROPERTIES = {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "CATEGORIES",
                  "URL"}
_CTL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


def _parse_xml_strictly(text: str) -> None:
    """Parse an XML export with ElementTree, minidom and expat, from its UTF-8 bytes."""
    import xml.dom.minidom
    import xml.parsers.expat

    data = text.encode("utf-8")
    ET.fromstring(data)
    xml.dom.minidom.parseString(data)
    xml.parsers.expat.ParserCreate().Parse(data, True)


def _parse_ics_strictly(text: str, count: int) -> list:
    """Parse events.ics with the icalendar package; check its events and their text."""
    import icalendar

    calendar = icalendar.Calendar.from_ical(text.encode("utf-8"))
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == count
    for vevent in vevents:
        assert set(vevent) <= ICS_PROPERTIES, f"unexpected {set(vevent) - ICS_PROPERTIES}"
        for name in ("SUMMARY", "DESCRIPTION", "CATEGORIES"):
            assert not _CTL.search(vevent[name].to_ical().decode("utf-8")), name
    assert set(calendar) <= {"VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME",
                             "X-WR-CALDESC"}
    return vevents


def test_every_export_stays_well_formed_whatever_characters_the_text_holds():
    site = Site(title=f"T{FORBIDDEN}", description=f"D{FORBIDDEN}", base_url=BASE)
    event = _event("x", "2024-06", dt.date(2024, 6, 1), dt.date(2024, 6, 30),
                   title=f"Title{FORBIDDEN}", summary=f"Summary{FORBIDDEN}",
                   category=f"cat{FORBIDDEN}",
                   sources=[_source(publisher=f"P{FORBIDDEN}", quote=f"Q{FORBIDDEN}")])
    _parse_xml_strictly(atom_feed(site, [event], None))
    _parse_xml_strictly(sitemap_xml(site, ["index.html", f"a{FORBIDDEN}.html"], None))
    vevent, = _parse_ics_strictly(icalendar(site, [event]), 1)
    assert str(vevent["SUMMARY"]) == "Title[2J]0;t\n"  # U+2028 is a line break
    for export in (timeline_json(site, [event]), events_json([event])):
        data = json.loads(export.encode("utf-8"))  # a lone surrogate would fail to encode
        assert not re.search("[\x00-\x08\x1b\x7f-\x9f\u200b\u202e\ufffe\uffff\ud800]",
                             json.dumps(data, ensure_ascii=False))


def test_timeline_json_escapes_the_group_of_a_hostile_category(events):
    events[0].category = "<img src=x onerror=alert(1)>"
    slide = _slides(SITE, events)["month"]
    assert slide["group"] == "&lt;img src=x onerror=alert(1)&gt;"
    for text in (slide["group"], slide["display_date"], *slide["text"].values()):
        assert "<img" not in text


def test_an_unusable_base_url_injects_no_line_into_the_calendar_or_robots_txt(events):
    site = Site(title="T", base_url="https://example.org/\r\nX-INJECT:1")
    calendar = icalendar(site, events)
    robots = robots_txt(site)
    assert "X-INJECT" not in calendar and "X-INJECT" not in robots
    assert robots == "User-agent: *\nAllow: /\n"
    _parse_ics_strictly(calendar, len(events))


def _content(tmp_path, article: str | bytes, site_toml: str = "",
             curation: str = "") -> Path:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    data = article if isinstance(article, bytes) else article.encode("utf-8", "surrogatepass")
    (content / "articles" / "port.md").write_bytes(data)
    if site_toml:
        (content / "site.toml").write_text(site_toml, encoding="utf-8")
    if curation:
        (content / "curation.toml").write_text(curation, encoding="utf-8")
    return content


def test_a_build_from_text_holding_forbidden_characters_gives_exports_that_parse(tmp_path):
    import jsonschema

    from generator.build import generate

    inline = FORBIDDEN.replace("\x00", "").replace("\u2028", "")  # a NUL here: a binary file
    article = (f"Title: Port{inline} reopens\nDate: 2025-04-28\nPublisher: Daily{inline}\n\n"
               + "Background. " * 800  # past the first 8 KB, where a NUL means a binary file
               + f"\n\nThe port{FORBIDDEN} reopened to ships on Saturday, officials{FORBIDDEN} said.\n")
    site_toml = f'title = "T\\u001b[2J\\u202e\\ufffe"\nbase_url = "{BASE}"\n'
    result = generate(_content(tmp_path, article, site_toml))
    files = {name: files_text(data) for name, data in result.files.items()}
    assert json.loads(files["events.json"])["events"], "the article gave no entry"
    count = len(json.loads(files["events.json"])["events"])
    _parse_xml_strictly(files["feed.xml"])
    _parse_xml_strictly(files["sitemap.xml"])
    _parse_ics_strictly(files["events.ics"], count)
    schemas = Path(__file__).resolve().parent.parent / "docs" / "schemas"
    for export in ("events.json", "timeline.json"):
        schema = json.loads((schemas / export.replace(".json", ".schema.json")).read_text("utf-8"))
        jsonschema.validate(json.loads(files[export]), schema)


def test_a_base_url_holding_a_line_break_is_a_warning_and_ignored(tmp_path):
    from generator.build import generate

    site_toml = 'title = "T"\nbase_url = "https://example.org/\\r\\nX-INJECT:1"\n'
    result = generate(_content(tmp_path, "Date: 2025-04-28\n\nThe port reopened on Saturday.\n",
                               site_toml))
    warning, = [p for p in result.problems if p.path.name == "site.toml"]
    assert warning.line == 2 and "'base_url'" in warning.message
    assert str(warning).startswith(f"{tmp_path / 'content' / 'site.toml'}:2: warning: ")
    assert result.site.base_url == ""
    for name, data in result.files.items():
        assert "X-INJECT" not in files_text(data), name


def files_text(data: str | bytes) -> str:
    return data if isinstance(data, str) else data.decode("utf-8")


def test_a_curation_date_with_trailing_markup_is_a_warning_and_the_entry_keeps_its_date(tmp_path):
    from generator.build import generate

    article = "Date: 2025-04-28\n\nThe port reopened on Saturday.\n"
    first = json.loads(generate(_content(tmp_path / "a", article)).files["events.json"])
    entry, = first["events"]
    curation = f'[[entry]]\nid = "{entry["id"]}"\ndate = "2025-04-28T<script>"\n'
    result = generate(_content(tmp_path / "b", article, curation=curation))
    warning, = [p for p in result.problems if p.path.name == "curation.toml"]
    assert warning.line == 3 and "'date'" in warning.message
    curated, = json.loads(result.files["events.json"])["events"]
    assert (curated["date"], curated["start"]) == (entry["date"], entry["start"])
    assert "<script>" not in result.files["events.json"]


# Background entries ------------------------------------------------------------------------

def test_events_json_marks_background_entries(events):
    events[4].background = True
    marks = {e["id"]: e["background"] for e in json.loads(events_json(events))["events"]}
    assert marks["fifties"] is True and not any(v for k, v in marks.items() if k != "fifties")


def test_timeline_json_groups_background_entries_apart(events):
    events[4].background = True
    slides = _slides(SITE, events)
    assert slides["fifties"]["group"] == "Background"
    assert slides["year"]["group"] == "politics"


def test_the_feed_and_calendar_tag_background_entries(events):
    events[4].background = True
    root = ET.fromstring(atom_feed(SITE, events, None))
    terms = {entry.findtext(f"{ATOM}title"): [c.get("term") for c in entry.findall(f"{ATOM}category")]
             for entry in root.findall(f"{ATOM}entry")}
    assert terms["Title of fifties"] == ["politics", "background"]
    assert terms["Title of year"] == ["politics"]
    calendar = _by_uid(SITE, events)
    assert calendar["fifties"]["CATEGORIES"] == "politics,Background"
    assert calendar["year"]["CATEGORIES"] == "politics"


# Parts kept between builds ----------------------------------------------------------------

def _all_exports(site: Site, events: list[Event], fragments: Fragments | None = None) -> list[str]:
    return [events_json(events, fragments), timeline_json(site, events, fragments),
            icalendar(site, events, fragments)]


def test_exports_made_from_the_last_builds_parts_equal_exports_made_afresh(events):
    first = Fragments(None, EntryDigests())
    _all_exports(SITE_WITH_BASE, events, first)
    changed = [replace(e, title="A new title") if e.id == "day" else e for e in events]
    changed.append(_event("added", "2025-05-02", dt.date(2025, 5, 2)))
    second = Fragments(first.now, EntryDigests())
    assert _all_exports(SITE_WITH_BASE, changed, second) == _all_exports(SITE_WITH_BASE, changed)
    # The parts of the unchanged entries were taken, and only the parts now used are kept.
    assert len(set(first.now) & set(second.now)) == 3 * (len(events) - 1)
    assert len(second.now) == 3 * len(changed)


def test_an_entry_part_is_made_again_for_another_site(events):
    first = Fragments(None, EntryDigests())
    icalendar(SITE_WITH_BASE, events, first)
    assert (icalendar(SITE, events, Fragments(first.now, EntryDigests()))
            == icalendar(SITE, events))
