"""Write the timeline's machine-readable exports.

Every function here is pure: it reads no clock and no file, and the same input gives
byte-identical output.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from html import escape
from urllib.parse import quote, urlsplit

from generator.models import Event, Site, Source
from generator.temporal.values import DAY, MONTH, YEAR, describe, precision, span
from generator.text import clean_text, is_web_address, web_link

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_LIMIT = 50
ICS_PRODID = "-//timeline generator//EN"
ICS_HOST = "timeline.local"
EPOCH = dt.date(1970, 1, 1)
# The group (TimelineJS) and category (Atom, iCalendar) of entries long before the story.
BACKGROUND = "Background"
# What XML 1.0 forbids (it allows tab, line breaks, U+0020-D7FF, E000-FFFD, 10000-10FFFF).
# clean_text drops these and more; this rule is kept on its own, as the exports' last word.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class Fragments:
    """Each entry's part of an export, by the entry's digest: the last build's where it holds.

    A part is a pure function of its entry (and of the site, named in its kind), so an
    entry of the same digest has the same part. Without a digest, every part is made.
    """

    def __init__(self, last: Mapping[str, str] | None = None,
                 digest: Callable[[Event], str] | None = None) -> None:
        self.last = last or {}
        self.digest = digest
        self.now: dict[str, str] = {}  # the parts this build used: what the next one may take

    def of(self, kind: str, event: Event, make: Callable[[Event], str]) -> str:
        """Return an entry's part of the kind, made by make unless the last build made it."""
        if self.digest is None:
            return make(event)
        key = f"{kind}\0{self.digest(event)}"
        found = self.now.get(key)
        if found is None:
            found = self.last.get(key)
            if found is None:
                found = make(event)
            self.now[key] = found
        return found


def events_json(events: list[Event], fragments: Fragments | None = None) -> str:
    """Return ``events.json``: every entry, sorted by start."""
    fragments = fragments or Fragments()
    ordered = sorted(events, key=lambda e: (e.start, e.end, e.id))
    lines = [fragments.of("json", e, _entry_json) for e in ordered]
    return "{\n" + f'  "events": {_listing(lines)}' + "\n}\n"


def _entry_json(event: Event) -> str:
    return _dumps(_clean_strings(event.as_json()))


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _listing(lines: list[str]) -> str:
    """Return a JSON list of encoded items, each on a line of its own."""
    if not lines:
        return "[]"
    items = ",\n".join(f"    {line}" for line in lines)
    return f"[\n{items}\n  ]"


def _json(data: dict) -> str:
    """Return data as JSON, each item of its lists on a line of its own, every string cleaned.

    One line per entry reads and diffs well, and is written by json's C encoder (an
    indented dump is pure Python, many times slower). No lone surrogate fails to encode.
    """
    parts = []
    for key, value in _clean_strings(data).items():
        text = _listing([_dumps(item) for item in value]) if isinstance(value, list) else _dumps(value)
        parts.append(f"  {_dumps(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _clean_strings(data: object) -> object:
    if isinstance(data, str):
        return clean_text(data)
    if isinstance(data, dict):
        return {key: _clean_strings(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_clean_strings(value) for value in data]
    return data


# Shared helpers ----------------------------------------------------------------------------

def _base(site: Site) -> str:
    """Return the site's base URL with one trailing slash, or "" when it has none."""
    base = site.base_url.strip()
    return base.rstrip("/") + "/" if is_web_address(base) else ""


def _url(site: Site, path: str) -> str:
    """Return the address of a page of the site: absolute under the base URL, else relative."""
    path = path.lstrip("/")
    try:  # a file name the system could not decode keeps its bytes, as its file does
        return _base(site) + quote(path, safe="/", errors="surrogateescape")
    except UnicodeEncodeError:
        return _base(site) + quote(path, safe="/", errors="replace")


def _event_path(event: Event) -> str:
    return f"events/{event.id}.html"


def _outlet(source: Source) -> str:
    """Return the name readers know a source by: its outlet, else its title, else its file."""
    return source.publisher or source.title or source.article


def _outlets(event: Event) -> list[str]:
    """Return the event's outlets in citation order, each once."""
    return list(dict.fromkeys(_outlet(s) for s in event.sources))


def _latest_article_date(event: Event) -> dt.date | None:
    dates = [s.article_date for s in event.sources if s.article_date]
    return max(dates) if dates else None


def _clean(text: str) -> str:
    """Return text without the characters XML and iCalendar forbid, line breaks as LF."""
    return _NOT_XML.sub("", clean_text(text).replace("\r\n", "\n").replace("\r", "\n"))


def _chronological(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.start, e.end, e.id))


# TimelineJS3 ------------------------------------------------------------------------------

def _tl_date(day: dt.date, rank: int) -> dict[str, str]:
    """Return a TimelineJS date object giving only the parts a precision ``rank`` knows."""
    out = {"year": str(day.year)}
    if rank < YEAR:
        out["month"] = str(day.month)
    if rank == DAY:
        out["day"] = str(day.day)
    return out


def _tl_dates(event: Event) -> tuple[dict[str, str], dict[str, str] | None]:
    """Return an event's TimelineJS start date and, for spans, its end date."""
    rank = precision(event.date) if span(event.date) else DAY
    start = _tl_date(event.start, rank)
    if rank in (DAY, MONTH, YEAR):
        # The value itself names one day, month or year; add an end only if the event
        # was widened past it (by sources that differ on the date).
        end = _tl_date(event.end, rank)
        return start, (end if end != start else None)
    # Weeks, seasons, quarters and halves: year and month of both ends.
    # Decades and centuries: the years of both ends.
    return start, _tl_date(event.end, rank)


def _tl_text(event: Event) -> str:
    parts = [f"<p>{escape(event.summary)}</p>"]
    outlets = _outlets(event)
    if outlets:
        items = "".join(f"<li>{escape(o)}</li>" for o in outlets)
        parts.append(f"<p>Sources:</p><ul>{items}</ul>")
    return "".join(parts)


def timeline_json(site: Site, events: list[Event], fragments: Fragments | None = None) -> str:
    """Return ``timeline.json``: the events in TimelineJS3's JSON format, HTML-escaped."""
    fragments = fragments or Fragments()
    slides = [fragments.of("slide", event, _slide) for event in _chronological(events)]
    title_text = f"<p>{escape(site.description)}</p>" if site.description else ""
    title = _clean_strings({"text": {"headline": escape(site.title), "text": title_text}})
    return "{\n" + f'  "title": {_dumps(title)},\n  "events": {_listing(slides)}' + "\n}\n"


def _slide(event: Event) -> str:
    """Return an entry's TimelineJS3 slide, encoded."""
    start, end = _tl_dates(event)
    slide: dict = {"start_date": start}
    if end is not None:
        slide["end_date"] = end
    slide["text"] = {"headline": escape(marked_title(event)), "text": _tl_text(event)}
    # TimelineJS puts every text of a slide into the page as HTML. Background entries
    # share a row of their own, apart from the story's categories.
    slide["group"] = escape(BACKGROUND if event.background else event.category)
    slide["unique_id"] = event.id
    slide["display_date"] = escape(describe(event.date))
    return _dumps(_clean_strings(slide))


# Atom -------------------------------------------------------------------------------------

def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def _rfc3339(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}T00:00:00Z"


def _entry_updated(event: Event) -> dt.date:
    return _latest_article_date(event) or event.end


def _atom_content(event: Event) -> str:
    """Return the entry's HTML body: summary, then each source's quote and outlet."""
    parts = [f"<p>{escape(event.summary)}</p>"]
    for source in event.sources:
        outlet = escape(_outlet(source))
        link = web_link(source.url)
        if link:
            outlet = f'<a href="{escape(link)}">{outlet}</a>'
        parts.append(f"<blockquote><p>{escape(source.quote)}</p></blockquote><p>— {outlet}</p>")
    return "".join(parts)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {name: _clean(value) for name, value in attrs.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def atom_feed(site: Site, events: list[Event], updated: dt.date | None) -> str:
    """Return ``feed.xml``: an Atom 1.0 feed of the newest events, at most FEED_LIMIT."""
    base = _base(site)
    newest = sorted(sorted(events, key=lambda e: e.id), key=lambda e: e.end, reverse=True)
    newest = newest[:FEED_LIMIT]
    if updated is None:
        # The latest day any entry reports, so the feed is never older than its entries.
        days = [e.end for e in events] + [_entry_updated(e) for e in events]
        updated = max(days, default=EPOCH)

    # The namespace goes in as a plain attribute so that no global prefix is registered.
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": site.language or "en"})
    _sub(feed, "id", _urn(base or site.title))
    _sub(feed, "title", site.title)
    if site.description:
        _sub(feed, "subtitle", site.description)
    _sub(feed, "updated", _rfc3339(updated))
    if base:
        _sub(feed, "link", rel="self", type="application/atom+xml", href=f"{base}feed.xml")
    _sub(feed, "link", rel="alternate", type="text/html", href=_url(site, "index.html"))
    author = _sub(feed, "author")
    _sub(author, "name", site.title)
    _sub(feed, "generator", "timeline generator")

    for event in newest:
        entry = _sub(feed, "entry")
        _sub(entry, "id", _urn(f"{base or site.title}#{event.id}"))
        _sub(entry, "title", marked_title(event))
        _sub(entry, "updated", _rfc3339(_entry_updated(event)))
        _sub(entry, "link", rel="alternate", type="text/html", href=_url(site, _event_path(event)))
        _sub(entry, "category", term=event.category)
        if event.background:
            _sub(entry, "category", term=BACKGROUND.lower(), label=BACKGROUND)
        _sub(entry, "summary", event.summary)
        _sub(entry, "content", _atom_content(event), type="html")
    return _xml(feed)


# iCalendar --------------------------------------------------------------------------------

def _ics_text(text: str) -> str:
    """Return text escaped as an RFC 5545 TEXT value."""
    text = _clean(text)
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def _ics_date(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _fold(line: str) -> str:
    """Return a content line folded to at most 75 octets a line, never inside a character."""
    if line.isascii():
        return "\r\n ".join([line[:75], *(line[i:i + 74] for i in range(75, len(line), 74))])
    out: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out)


def marked_title(event: Event) -> str:
    """Return an entry's title, marked "(planned)" or "(expected)" if it has not happened."""
    return f"{event.title} ({event.status})" if event.status else event.title


def _ics_categories(event: Event) -> list[str]:
    """Return an entry's calendar categories: its own, and "Background" if it is background."""
    return [event.category, BACKGROUND] if event.background else [event.category]


def _ics_host(site: Site) -> str:
    return urlsplit(_base(site)).hostname or ICS_HOST


def icalendar(site: Site, events: list[Event], fragments: Fragments | None = None) -> str:
    """Return ``events.ics``: an RFC 5545 calendar with one all-day VEVENT per event."""
    fragments = fragments or Fragments()
    host = _ics_host(site)
    base = _base(site)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{ICS_PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_ics_text(site.title)}"]
    if site.description:
        lines.append(f"X-WR-CALDESC:{_ics_text(site.description)}")
    head = "".join(_fold(line) + "\r\n" for line in lines)
    vevents = [fragments.of(f"ics\0{host}\0{base}", event, functools.partial(_vevent, site, host))
               for event in _chronological(events)]
    return head + "".join(vevents) + "END:VCALENDAR\r\n"


def _vevent(site: Site, host: str, event: Event) -> str:
    """Return an entry's VEVENT, folded."""
    stamp = _latest_article_date(event) or event.start
    if event.end < dt.date.max:
        end = f"DTEND;VALUE=DATE:{_ics_date(event.end + dt.timedelta(days=1))}"
    else:  # no day after 9999-12-31 to end on
        end = f"DURATION:P{(event.end - event.start).days + 1}D"
    description = event.summary
    outlets = _outlets(event)
    if outlets:
        description += "\n\nSources:\n" + "\n".join(f"- {o}" for o in outlets)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_ics_text(event.id)}@{host}",
        f"DTSTAMP:{_ics_date(stamp)}T000000Z",
        f"DTSTART;VALUE=DATE:{_ics_date(event.start)}",
        end,
        f"SUMMARY:{_ics_text(marked_title(event))}",
        f"DESCRIPTION:{_ics_text(description)}",
        "CATEGORIES:" + ",".join(_ics_text(c) for c in _ics_categories(event)),
    ]
    if _base(site):
        lines.append(f"URL:{_url(site, _event_path(event))}")
    lines.append("END:VEVENT")
    return "".join(_fold(line) + "\r\n" for line in lines)


# Sitemap and robots -----------------------------------------------------------------------

def sitemap_xml(site: Site, paths: list[str], lastmod: dt.date | None) -> str:
    """Return ``sitemap.xml``: a sitemaps.org 0.9 urlset of the given page paths."""
    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for loc in sorted({_url(site, p) for p in paths}):
        url = _sub(urlset, "url")
        _sub(url, "loc", loc)
        if lastmod is not None:
            _sub(url, "lastmod", f"{lastmod.year:04d}-{lastmod.month:02d}-{lastmod.day:02d}")
    return _xml(urlset)


def robots_txt(site: Site) -> str:
    """Return ``robots.txt``: allow every crawler, and name the sitemap when the base URL is set."""
    base = _base(site)
    out = "User-agent: *\nAllow: /\n"
    if base:
        out += f"Sitemap: {base}sitemap.xml\n"
    return out
