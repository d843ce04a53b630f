"""Fuzz whole builds: whatever the articles, headers, file names and curation hold, the build
finishes, every export parses, and nothing from outside the content folder is published.

Bounded in time: TIMELINE_FUZZ_EXAMPLES (default 30) builds per test; set it higher for a
longer hunt, and TIMELINE_FUZZ_SHRINK=1 to shrink a failure to a small example.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import jsonschema
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.cli import main

SCHEMAS = Path(__file__).resolve().parent.parent / "docs" / "schemas"
EXAMPLES = int(os.environ.get("TIMELINE_FUZZ_EXAMPLES", "30"))
SECRET = "SECRET-7f3a9c-OUTSIDE-THE-CONTENT"
# Shrinking a failure can take minutes: only on request, so that a failing CI run stays short.
PHASES = [Phase.explicit, Phase.generate] + ([Phase.shrink] if os.environ.get("TIMELINE_FUZZ_SHRINK") else [])
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, phases=PHASES,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Fragments real news and careless pastes hold, and the characters that break exports.
FRAGMENTS = [
    "On Monday", "on Saturday", "last June", "in March", "on 12 March 2024", "March 8",
    "the March 8 coalition", "15:00 GMT Saturday", "13:67", "29:00 GMT", "February 29, 2014",
    "9999-W52", "0001-01-01", "year 10000", "the 1950-53 Korean War", "in the 1990s",
    "two weeks later", "next spring", "2025-Q3", "Labor Day of 1936", "earlier this year",
    "The army seized the town", "officials said", "troops were deployed", "the president resigned",
    "the council approved the plan", "protesters were killed", "Leaders signed a pact",
    "12 November: Arab League suspends Syria", "September 15 - Minister arrives in Paris",
    "Posted by Bob | 5:50 PM | Report abuse", "Last updated at 14:07 GMT",
    ". ", "; ", ", ", " - ", "\n", "\n\n", "    ", "\t", "1. ", "> ", "* ", "# ", "[", "]", "(",
    "`", "**", "_", "<div>", "</div>", "<script>alert(1)</script>", "&amp;", "&#0;", "\\",
    "\x1b[2J", "\x1b]0;pwned\x07", "\x00", "\x07", "\x0b", "\x0c", "\x7f", "\x85", "\x9b",
    "\ufffe", "\uffff", "\U0001fffe", "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff",
    "\u00ad", "\u2028", "\u2029", "\ud7ff", "\U0001f600", "é", "中文", "ﬁ",
]
_CHAR = st.characters(blacklist_categories=("Cs",))
_PIECE = st.one_of(st.sampled_from(FRAGMENTS), st.text(_CHAR, max_size=12))
TEXT = st.lists(_PIECE, max_size=40).map("".join)
SHORT = st.lists(_PIECE, max_size=6).map("".join)
DATES = st.one_of(
    st.sampled_from(["2025-04-28", "0001-01-01", "9999-12-31", "April 28, 2025", "2025-02-30",
                     "garbage", "2025-04-28T<script>", "1 Jan 10000", "Monday"]),
    st.dates().map(lambda d: d.isoformat()), SHORT)
URLS = st.one_of(
    st.sampled_from(["https://example.org/a", "javascript:alert(1)", "http://x\r\nX-Bad: 1",
                     "https://example.org/\u202e", "//evil.example", "file:///etc/passwd", ""]),
    SHORT)
TIMEX_VALUES = st.one_of(
    st.sampled_from(["2025", "2025-04", "2025-04-28", "2025-Q2", "2025-SU", "2025-W17",
                     "9999-W52", "0001-01-01", "2025-04-28T<script>", "10000-01", "2025-13"]),
    SHORT)
NAME_CHARS = st.sampled_from(list("abcxyz019-_ .é\\'\"$;&中") + ["\u202e", "\x1b", "\t"])
NAMES = st.tuples(st.lists(NAME_CHARS, min_size=1, max_size=30).map("".join),
                  st.integers(0, 220), st.sampled_from([".md", ".txt", ".markdown"]))


def _toml(value: str) -> str:
    """Return a TOML basic string holding value exactly."""
    out = []
    for char in value:
        code = ord(char)
        if 0x20 <= code < 0x7F and char not in '"\\':
            out.append(char)
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def _header_value(value: str) -> str:
    """Return a value that stays on its header line (a line break would end the header)."""
    return value.replace("\r", " ").replace("\n", " ").strip() or "x"


@st.composite
def contents(draw) -> dict:
    """Draw one content folder: a sound article, a fuzzed one, settings and curation."""
    stem, padding, suffix = draw(NAMES)
    name = (stem + "n" * padding).strip() or "n"
    while len((name + suffix).encode("utf-8")) > 250:
        name = name[:-1]
    header = {key: _header_value(draw(value)) for key, value in [
        ("Title", SHORT), ("Date", DATES), ("Publisher", SHORT), ("URL", URLS), ("Author", SHORT),
    ] if draw(st.booleans())}
    return {
        "file": name + suffix,
        "header": header,
        "body": draw(TEXT),
        "site": {"title": draw(SHORT), "description": draw(SHORT), "base_url": draw(URLS),
                 "language": draw(st.sampled_from(["en", "en-GB", "x\r\ny", "<", ""]))},
        "entry": {"category": draw(SHORT), "date": draw(TIMEX_VALUES), "title": draw(SHORT),
                  "summary": draw(SHORT)},
        "add": {"date": draw(TIMEX_VALUES), "title": draw(SHORT), "category": draw(SHORT),
                "quote": draw(SHORT), "publisher": draw(SHORT), "url": draw(URLS)},
    }


SOUND = """Title: Council approves the bridge
Date: 2025-04-28
Publisher: Harbour Times
URL: https://example.org/bridge

The city council approved the new bridge on Monday. Work began last June, officials said.
"""


def _write_content(root: Path, drawn: dict) -> Path:
    """Write the drawn content folder, with links to a secret outside it; return the folder."""
    outside = root / "outside"
    (outside / "folder").mkdir(parents=True)
    secret = f"Title: {SECRET}\nDate: 2025-04-28\n\nThe army seized {SECRET} on Monday.\n"
    (outside / "secret.md").write_text(secret, encoding="utf-8")
    (outside / "folder" / "inner.txt").write_text(secret, encoding="utf-8")
    content = root / "content"
    articles = content / "articles"
    articles.mkdir(parents=True)
    (articles / "sound.txt").write_text(SOUND, encoding="utf-8")
    (articles / "leak.md").symlink_to(outside / "secret.md")
    (articles / "leakdir").symlink_to(outside / "folder", target_is_directory=True)
    header = "".join(f"{key}: {value}\n" for key, value in drawn["header"].items())
    (articles / drawn["file"]).write_text(header + "\n" + drawn["body"], encoding="utf-8",
                                          errors="surrogatepass")
    site = "".join(f"{key} = {_toml(value)}\n" for key, value in drawn["site"].items())
    (content / "site.toml").write_text(site, encoding="utf-8")
    entry, add = drawn["entry"], drawn["add"]
    (content / "curation.toml").write_text(
        "[[entry]]\nid = \"2025-04-28-city-council-approved-new-bridge\"\n"
        + "".join(f"{key} = {_toml(value)}\n" for key, value in entry.items())
        + "\n[[add]]\n" + f"date = {_toml(add['date'])}\ntitle = {_toml(add['title'])}\n"
        + f"category = {_toml(add['category'])}\n[add.source]\nquote = {_toml(add['quote'])}\n"
        + f"publisher = {_toml(add['publisher'])}\nurl = {_toml(add['url'])}\n",
        encoding="utf-8")
    return content


def _build(content: Path, output: Path) -> tuple[int, str]:
    """Run ``timeline build`` in this process; return its exit status and what it printed."""
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        status = main(["build", "--content", str(content), "--output", str(output), "--jobs", "1"])
    return status, err.getvalue() + out.getvalue()


def _check_exports(output: Path) -> None:
    """Parse every export with a real parser and check it against its schema."""
    events = json.loads((output / "events.json").read_text(encoding="utf-8"))
    jsonschema.validate(events, json.loads((SCHEMAS / "events.schema.json").read_text()),
                        cls=jsonschema.Draft202012Validator)
    timeline = json.loads((output / "timeline.json").read_text(encoding="utf-8"))
    jsonschema.validate(timeline, json.loads((SCHEMAS / "timeline.schema.json").read_text()),
                        cls=jsonschema.Draft202012Validator)
    ET.fromstring((output / "feed.xml").read_bytes())
    if (output / "sitemap.xml").exists():
        ET.fromstring((output / "sitemap.xml").read_bytes())
    raw = (output / "events.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(raw)
    vevents = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(vevents) == len(events["events"])
    allowed = {"UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "SUMMARY", "DESCRIPTION",
               "CATEGORIES", "URL"}
    for vevent in vevents:
        assert set(vevent.keys()) <= allowed, f"injected iCalendar properties: {set(vevent.keys())}"
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "an unfolded iCalendar line"
    for line in (output / "robots.txt").read_text(encoding="utf-8").splitlines():
        assert line.split(":", 1)[0] in {"User-agent", "Allow", "Sitemap"}, f"robots.txt: {line!r}"


def _published(output: Path) -> str:
    """Return every file of the built site as text, for searching."""
    return "\n".join(p.read_bytes().decode("utf-8", "replace")
                     for p in sorted(output.rglob("*")) if p.is_file())


@FUZZ
@given(drawn=contents())
def test_any_content_builds_valid_exports_and_publishes_nothing_from_outside(drawn):
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        content = _write_content(root, drawn)
        output = root / "output"
        status, printed = _build(content, output)
        assert status == 0, printed
        assert "Traceback" not in printed
        assert "\x1b" not in printed and "\x07" not in printed, "raw control characters printed"
        _check_exports(output)
        site = _published(output)
        assert SECRET not in site
        for char in ("\x00", "\x1b", "\u202e", "\u200b", "\ufffe", "\uffff"):
            assert char not in site, f"{char!r} reached the site"


@FUZZ
@given(body=TEXT, date=st.dates().map(lambda d: d.isoformat()))
def test_any_text_on_any_publication_date_builds(body, date):
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        articles = root / "content" / "articles"
        articles.mkdir(parents=True)
        (articles / "a.txt").write_text(f"Date: {date}\n\n{body}", encoding="utf-8")
        (articles / "b.md").write_text(f"Date: {date}\n\n{body}\n\nOn Monday troops were deployed.",
                                       encoding="utf-8")
        status, printed = _build(root / "content", root / "output")
        assert status == 0, printed
        assert "Traceback" not in printed
        _check_exports(root / "output")
