"""The site's pages and machine-readable exports exist and parse as their formats require."""

from __future__ import annotations

import json
import re
import urllib.request
import xml.etree.ElementTree as ET

import pytest

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PAGES = ["index.html", "key.html", "sources.html", "about.html", "404.html"]
# No sitemap.xml: the embedded content sets no base_url, and a sitemap needs absolute addresses.
EXPORTS = ["events.json", "timeline.json", "feed.xml", "events.ics", "robots.txt"]


def test_every_page_and_export_is_built(site_dir):
    events = json.loads((site_dir / "events.json").read_text(encoding="utf-8"))["events"]
    wanted = PAGES + EXPORTS + [f"events/{e['id']}.html" for e in events]
    wanted += sorted({f"articles/{s['article']}.html" for e in events for s in e["sources"]})
    missing = [rel for rel in wanted if not (site_dir / rel).is_file()]
    assert not missing, f"not built: {missing}"


@pytest.mark.parametrize("rel", EXPORTS)
def test_exports_are_served(site, rel):
    with urllib.request.urlopen(site.url(rel), timeout=10) as response:
        assert response.status == 200
        assert response.read(), f"{rel} is empty"


def test_events_json_lists_events_with_unique_ids(site_dir):
    data = json.loads((site_dir / "events.json").read_text(encoding="utf-8"))
    events = data["events"]
    assert events, "events.json lists no events"
    ids = [e["id"] for e in events]
    assert len(ids) == len(set(ids)), "event ids repeat"
    for event in events:
        assert {"id", "title", "date", "start", "end", "category", "importance", "sources"} <= event.keys()
        assert event["start"] <= event["end"], event["id"]


def test_timeline_json_has_a_headline_and_start_year_for_every_event(site_dir):
    data = json.loads((site_dir / "timeline.json").read_text(encoding="utf-8"))
    items = data["events"]
    assert isinstance(items, list) and items, "timeline.json has no events list"
    for item in items:
        assert re.fullmatch(r"-?\d{1,4}", str(item["start_date"]["year"])), item["start_date"]
        assert item["text"]["headline"].strip(), item


def test_feed_is_an_atom_feed_with_entries(site_dir):
    root = ET.parse(site_dir / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed", root.tag
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip(), f"feed has no <{name}>"
    entries = root.findall(f"{ATOM}entry")
    assert entries, "feed has no entries"
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), f"an entry has no <{name}>"


def test_no_sitemap_is_written_without_a_base_url(site_dir):
    assert not (site_dir / "sitemap.xml").exists()
    assert "sitemap" not in (site_dir / "robots.txt").read_text(encoding="utf-8").lower()


def test_robots_txt_names_a_user_agent(site_dir):
    text = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert re.search(r"(?im)^user-agent:\s*\S", text), text


def test_calendar_is_icalendar_with_crlf_lines_and_balanced_blocks(site_dir):
    raw = (site_dir / "events.ics").read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n"), raw[:40]
    assert raw.endswith(b"END:VCALENDAR\r\n"), raw[-40:]
    assert b"\n" not in raw.replace(b"\r\n", b""), "a line ends without CRLF"
    lines = raw.decode("utf-8").split("\r\n")[:-1]
    too_long = [n for n, line in enumerate(lines, 1) if len(line.encode("utf-8")) > 75]
    assert not too_long, f"lines longer than 75 octets are not folded (RFC 5545 3.1): {too_long[:5]}"
    unfolded = []
    for line in lines:
        if line.startswith((" ", "\t")) and unfolded:
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    stack, events = [], 0
    for line in unfolded:
        if line.startswith("BEGIN:"):
            stack.append(line[6:])
            events += line == "BEGIN:VEVENT"
        elif line.startswith("END:"):
            assert stack and stack[-1] == line[4:], f"{line} closes {stack[-1:] or 'nothing'}"
            stack.pop()
    assert not stack, f"unclosed: {stack}"
    assert "VERSION:2.0" in unfolded and any(line.startswith("PRODID:") for line in unfolded)
    assert events > 0, "no VEVENT"
    for name in ("UID:", "DTSTAMP:", "DTSTART"):
        count = sum(line.startswith(name) for line in unfolded)
        assert count >= events, f"{events} VEVENTs but {count} {name.rstrip(':')} lines"
