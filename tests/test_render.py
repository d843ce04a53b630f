"""Tests for the rendering stage: pages, links, escaping, overrides and assets."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.models import Article, Event, Paragraph, Site, Source
from generator.render import (
    BUILTIN_TEMPLATES,
    date_label,
    default_template_dirs,
    external_url,
    key_event_ids,
    render_site,
)

EXPORTS = ("feed.xml", "events.ics", "events.json", "timeline.json")
SITE = Site(title="Test timeline", description="A timeline for tests.")


def _article(stem: str, *, title: str | None = None, publisher: str | None = None,
             url: str | None = None, date: dt.date | None = dt.date(2025, 4, 28),
             text: str = "Body text of the article.") -> Article:
    return Article(stem=stem, path=Path(f"/content/articles/{stem}.txt"), title=title,
                   date=date, publisher=publisher, url=url, author="A. Writer",
                   paragraphs=[Paragraph(text, 3)])


def _source(article: Article, quote: str, date_text: str | None = None) -> Source:
    return Source(article=article.stem, publisher=article.publisher, title=article.title,
                  url=article.url, quote=quote, date_text=date_text, article_date=article.date)


def _event(event_id: str, value: str, start: dt.date, sources: list[Source], *,
           end: dt.date | None = None, **extra) -> Event:
    return Event(id=event_id, title=f"Title of {event_id}", summary=f"Summary of {event_id}.",
                 date=value, start=start, end=end or start, category="politics",
                 importance=0.5, sources=sources, **extra)


@pytest.fixture
def articles() -> list[Article]:
    return [
        _article("a1", title="Pact signed", publisher="The Daily", url="https://example.com/a1",
                 text="Secret full text paragraph."),
        _article("a2", title="Troops withdraw", url=None),
    ]


@pytest.fixture
def events(articles: list[Article]) -> list[Event]:
    a1, a2 = articles
    # Deliberately newest first: the renderer must order them.
    return [
        _event("ev-late", "2025-01", dt.date(2025, 1, 1), [_source(a2, "They withdrew.")],
               end=dt.date(2025, 1, 31), disputed=True,
               date_note="One source says December 2024."),
        _event("ev-early", "2024-06", dt.date(2024, 6, 1),
               [_source(a1, "The pact was signed last June.", "last June"),
                _source(a2, "A pact was signed.")], end=dt.date(2024, 6, 30)),
    ]


def _render(events: list[Event], articles: list[Article], *, site: Site = SITE,
            dirs: list[Path] | None = None, build_date: dt.date | None = None,
            ) -> dict[str, str | bytes]:
    return render_site(site, events, articles, dirs or [BUILTIN_TEMPLATES], build_date)


def _pages(output: dict[str, str | bytes]) -> dict[str, str]:
    return {path: text for path, text in output.items() if isinstance(text, str)}


class _Links(HTMLParser):
    """Collect every href/src and every id of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            elif name == "id" and value is not None:
                self.ids.add(value)


def _parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def test_entries_are_rendered_oldest_first_in_an_ordered_list(events, articles):
    index = _render(events, articles)["index.html"]
    assert index.index('id="ev-early"') < index.index('id="ev-late"')
    assert re.search(r'<ol class="timeline">\s*<li[^>]*>\s*<article[^>]*id="ev-early"', index)


def test_each_entry_has_a_permalink_and_a_machine_readable_date(events, articles):
    index = _render(events, articles)["index.html"]
    assert 'href="#ev-early"' in index and 'href="#ev-late"' in index
    assert '<time datetime="2024-06-01">June 2024</time>' in index
    assert '<time datetime="2025-01-01">January 2025</time>' in index


def test_entries_are_grouped_under_a_heading_per_year(events, articles):
    index = _render(events, articles)["index.html"]
    assert index.index('id="year-2024"') < index.index("ev-early") < index.index('id="year-2025"')
    assert index.index('id="year-2025"') < index.index('id="ev-late"')


def test_entries_show_category_source_count_dispute_and_date_note(events, articles):
    index = _render(events, articles)["index.html"]
    early = index[index.index('id="ev-early"'):index.index('id="ev-late"')]
    late = index[index.index('id="ev-late"'):]
    assert "2 sources" in early and "Disputed" not in early
    assert "1 source" in late and "Disputed" in late
    assert "One source says December 2024." in late
    assert "politics" in early and "Summary of ev-early." in early


def test_sources_name_the_outlet_else_the_title(events, articles):
    index = _render(events, articles)["index.html"]
    assert '<span class="outlet">The Daily</span>' in index
    assert "<cite>Pact signed</cite>" in index
    assert '<span class="outlet">Troops withdraw</span>' in index


def test_untrusted_text_is_escaped(articles):
    evil = "<script>alert(1)</script>"
    bad = _article("bad", title=evil, publisher=evil, text=evil)
    event = _event("ev", "2024-06-01", dt.date(2024, 6, 1), [_source(bad, f"Quote {evil}")])
    event.title = evil
    event.summary = evil
    output = _pages(_render([event], [bad], site=Site(title=evil, show_full_text=True)))
    for text in output.values():
        assert "<script>alert" not in text
    assert "&lt;script&gt;" in output["index.html"]


def test_a_source_with_a_url_links_to_it_and_one_without_does_not(events, articles):
    index = _render(events, articles)["index.html"]
    assert re.search(r'<a class="external" href="https://example.com/a1" rel="noopener external"',
                     index)
    externals = [link for link in _parse(index).links if link.startswith("http")]
    assert set(externals) == {"https://example.com/a1"}


def test_a_javascript_url_is_never_linked():
    sneaky = _article("s", title="Sneaky", url="javascript:alert(1)")
    event = _event("ev", "2024-06-01", dt.date(2024, 6, 1), [_source(sneaky, "A quote.")])
    for text in _pages(_render([event], [sneaky])).values():
        assert "javascript:" not in text
    assert external_url("javascript:alert(1)") == ""
    assert external_url("https://example.com/x") == "https://example.com/x"


def test_each_article_gets_a_page_that_links_back_to_its_events(events, articles):
    output = _render(events, articles)
    page = output["articles/a1.html"]
    assert "<h1>Pact signed</h1>" in page
    assert 'href="../events/ev-early.html"' in page
    assert "ev-late" not in page
    assert "The pact was signed last June." in page
    assert 'href="https://example.com/a1"' in page
    second = output["articles/a2.html"]
    assert 'href="../events/ev-early.html"' in second and 'href="../events/ev-late.html"' in second
    assert 'href="articles/a1.html"' in output["index.html"]


def test_full_text_is_hidden_unless_show_full_text(events, articles):
    hidden = _render(events, articles)["articles/a1.html"]
    shown = _render(events, articles, site=Site(show_full_text=True))["articles/a1.html"]
    assert "Secret full text paragraph." not in hidden
    assert "<p>Secret full text paragraph.</p>" in shown


def test_empty_timeline_explains_how_to_add_articles():
    index = _render([], [])["index.html"]
    assert "<ol" not in index
    assert "content/articles/" in index


def test_sources_page_lists_every_article(events, articles):
    sources = _render(events, articles)["sources.html"]
    assert 'href="articles/a1.html"' in sources and 'href="articles/a2.html"' in sources
    assert "verbatim" in _render(events, articles)["about.html"]


def test_internal_links_and_anchors_resolve(events, articles):
    _assert_links_resolve(_render(events, articles))


def test_internal_links_resolve_with_background_entries_on_one_page_or_many(articles, monkeypatch):
    _assert_links_resolve(_render(_story_with_background(articles), articles))
    monkeypatch.setattr("generator.render.PAGE_EVENTS", 3)
    _assert_links_resolve(_render(_story_with_background(articles), articles))


def _assert_links_resolve(output: dict[str, str | bytes]) -> None:
    parsed = {path: _parse(text) for path, text in _pages(output).items()
              if path.endswith(".html")}
    for path, page in parsed.items():
        for link in page.links:
            if link.startswith(("http://", "https://", "data:")) or link in EXPORTS or link.endswith(
                    tuple(f"/{name}" for name in EXPORTS)):
                continue  # the build adds the exports
            assert not link.startswith("/"), f"{path}: absolute link {link}"
            target, _, fragment = link.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            resolved = path if not target else resolved
            assert resolved in output, f"{path}: broken link {link}"
            if fragment:
                assert fragment in parsed[resolved].ids, f"{path}: missing anchor {link}"


def test_user_template_overrides_win_over_built_in_ones(events, articles, tmp_path):
    user = tmp_path / "templates"
    (user / "static").mkdir(parents=True)
    (user / "about.html").write_text("custom about {{ site.title }}\n")
    (user / "static" / "style.css").write_text("body { color: red; }\n")
    (user / "static" / "img").mkdir()
    (user / "static" / "img" / "logo.svg").write_bytes(b"<svg/>")
    output = _render(events, articles, dirs=default_template_dirs(tmp_path))
    assert output["about.html"] == "custom about Test timeline\n"
    assert output["static/style.css"] == b"body { color: red; }\n"
    assert output["static/img/logo.svg"] == b"<svg/>"
    assert 'id="ev-early"' in output["index.html"]


def test_default_template_dirs_put_the_users_folder_first(tmp_path):
    assert default_template_dirs(tmp_path) == [BUILTIN_TEMPLATES]
    (tmp_path / "templates").mkdir()
    assert default_template_dirs(tmp_path) == [tmp_path / "templates", BUILTIN_TEMPLATES]


def test_static_assets_are_returned_as_bytes(events, articles):
    output = _render(events, articles)
    assert isinstance(output["static/style.css"], bytes)
    assert b"prefers-color-scheme: dark" in output["static/style.css"]
    assert "events.json" not in output


def test_the_head_closes_with_a_lowercase_tag(events, articles):
    for path, text in _pages(_render(events, articles)).items():
        if path.endswith(".html"):
            assert text.count("</head>") == 1, path
            assert "</HEAD>" not in text


def test_pages_make_no_external_requests(events, articles):
    source_urls = {a.url for a in articles if a.url}
    output = _render(events, articles)
    for path, data in output.items():
        text = data.decode() if isinstance(data, bytes) else data
        found = set(re.findall(r"https?://[^\s\"'<>)]+", text))
        assert found <= source_urls, f"{path} references {found - source_urls}"


def test_two_builds_of_the_same_input_are_identical(events, articles):
    assert _render(events, articles) == _render(events, articles)


def test_the_build_date_appears_only_when_given(events, articles):
    without = _render(events, articles)["index.html"]
    dated = _render(events, articles, build_date=dt.date(2025, 5, 1))["index.html"]
    assert "Updated" not in without
    assert '<time datetime="2025-05-01">1 May 2025</time>' in dated


def test_pages_declare_language_charset_viewport_and_stylesheet(events, articles):
    index = _render(events, articles, site=Site(language="fr"))["index.html"]
    page = _render(events, articles)["articles/a1.html"]
    assert '<html lang="fr">' in index
    assert '<meta charset="utf-8">' in index and 'name="viewport"' in index
    assert 'href="static/style.css"' in index and 'href="../static/style.css"' in page
    assert '<main id="main"' in index and 'href="#main"' in index


@pytest.mark.parametrize(("value", "label"), [
    ("2025-04-26", "26 April 2025"), ("2024-06", "June 2024"), ("2024-FA", "autumn 2024"),
    (dt.date(2025, 4, 28), "28 April 2025"), ("PRESENT_REF", "PRESENT_REF"),
])
def test_date_label_words_dates_for_readers(value, label):
    assert date_label(value) == label


def test_coarse_dates_are_listed_under_their_decade(articles):
    old = _event("ev-old", "195X", dt.date(1950, 1, 1), [_source(articles[0], "In the 1950s.")],
                 end=dt.date(1959, 12, 31))
    index = _render([old], articles)["index.html"]
    assert '<h2 class="year-heading" id="year-1950s">1950s</h2>' in index
    assert "the 1950s" in index


@pytest.mark.parametrize(("value", "start", "heading"), [("20", 2000, "21st century"),
                                                        ("19", 1900, "20th century"),
                                                        ("00", 1, "1st century")])
def test_centuries_are_listed_under_their_ordinal(articles, value, start, heading):
    old = _event("ev-old", value, dt.date(start, 1, 1), [_source(articles[0], "Long ago.")],
                 end=dt.date(start // 100 * 100 + 99, 12, 31))
    index = _render([old], articles)["index.html"]
    assert f">{heading}</h2>" in index


def test_a_summary_that_repeats_a_quote_is_not_printed_twice(articles):
    quote = "The pact was signed last June."
    event = _event("ev", "2024-06", dt.date(2024, 6, 1), [_source(articles[0], quote)])
    event.summary = quote
    assert _render([event], articles)["index.html"].count(quote) == 1


def test_each_event_gets_a_page_with_every_quote_and_a_way_back(events, articles):
    output = _render(events, articles)
    for event in events:
        page = output[f"events/{event.id}.html"]
        assert f"<h1>{event.title}</h1>" in page
        for source in event.sources:
            assert source.quote in page
        assert f'href="../index.html#{event.id}"' in page


def test_key_events_page_lists_only_the_most_important_entries(articles):
    (a1, _a2) = articles
    many = [_event(f"ev-{i:02d}", f"2024-06-{i:02d}", dt.date(2024, 6, i), [_source(a1, f"Q{i}.")])
            for i in range(1, 21)]
    many[6].importance = 9.0
    key = _render(many, articles)["key.html"]
    index = _render(many, articles)["index.html"]
    assert 'id="ev-07"' in key and 'data-key="true"' in index
    assert key.count('class="timeline-item"') == 5
    assert index.count('class="timeline-item"') == 20


def test_entries_are_grouped_by_month_with_coarser_dates_first(articles):
    (a1, _a2) = articles
    events = [
        _event("june", "2024-06-03", dt.date(2024, 6, 3), [_source(a1, "June.")]),
        _event("year", "2024", dt.date(2024, 1, 1), [_source(a1, "Year.")], end=dt.date(2024, 12, 31)),
        _event("march", "2024-03", dt.date(2024, 3, 1), [_source(a1, "March.")],
               end=dt.date(2024, 3, 31)),
    ]
    index = _render(events, articles)["index.html"]
    headings = re.findall(r'<h3 class="month-heading" id="([^"]+)">([^<]+)</h3>', index)
    assert headings == [("year-2024-whole", "During 2024"), ("month-2024-03", "March 2024"),
                        ("month-2024-06", "June 2024")]


def test_a_long_timeline_is_split_into_a_page_per_year(articles, monkeypatch):
    monkeypatch.setattr("generator.render.PAGE_EVENTS", 3)
    (a1, _a2) = articles
    events = [_event(f"ev-{y}-{m}", f"{y}-0{m}", dt.date(y, m, 1), [_source(a1, f"Q {y} {m}.")],
                     end=dt.date(y, m, 28)) for y in (2023, 2024) for m in (1, 2, 3)]
    output = _render(events, articles)
    assert output["years/year-2023.html"].count('class="timeline-item"') == 3
    assert output["years/year-2024.html"].count('class="timeline-item"') == 3
    assert output["index.html"].count('class="timeline-item"') < 6
    assert 'href="years/year-2024.html"' in output["index.html"]
    assert 'href="../years/year-2023.html#ev-2023-1"' in output["events/ev-2023-1.html"]


def test_every_entry_is_on_a_year_page_when_a_decade_sorts_among_its_year(articles, monkeypatch):
    monkeypatch.setattr("generator.render.PAGE_EVENTS", 3)
    (a1, _a2) = articles
    events = [_event(f"ev-{m}", f"2020-0{m}", dt.date(2020, m, 1), [_source(a1, f"Q {m}.")],
                     end=dt.date(2020, m, 28)) for m in (1, 2, 3, 4, 5)]
    events.append(_event("ev-decade", "202", dt.date(2020, 1, 1), [_source(a1, "Q decade.")],
                         end=dt.date(2029, 12, 31)))
    output = _render(events, articles)
    listed = "".join(page for name, page in output.items()
                     if name.startswith("years/") and isinstance(page, str))
    assert all(f'id="{e.id}"' in listed for e in events)
    index = output["index.html"]
    assert index.count('href="years/year-2020.html"') == index.count('href="years/year-2020s.html"')


def test_a_year_with_more_entries_than_a_page_holds_spreads_over_numbered_pages(articles, monkeypatch):
    monkeypatch.setattr("generator.render.PAGE_EVENTS", 2)
    (a1, _a2) = articles
    events = [_event(f"ev-{m}", f"2024-0{m}", dt.date(2024, m, 1), [_source(a1, f"Q {m}.")],
                     end=dt.date(2024, m, 28)) for m in (1, 2, 3, 4, 5)]
    output = _render(events, articles)
    pages = ["years/year-2024.html", "years/year-2024-2.html", "years/year-2024-3.html"]
    assert [output[p].count('class="timeline-item"') for p in pages] == [2, 2, 1]
    assert '<a href="year-2024-2.html">Page 2</a>' in output[pages[0]]
    assert '<a href="year-2024-3.html" aria-current="page">Page 3</a>' in output[pages[2]]
    assert 'href="../years/year-2024-3.html#ev-5"' in output["events/ev-5.html"]
    assert 'href="years/year-2024.html"' in output["index.html"]


def test_a_list_page_holds_at_most_twelve_quotes_of_an_entry_and_links_to_all(articles):
    (a1, _a2) = articles
    sources = [_source(a1, f"Quote number {i}.") for i in range(20)]
    (event,) = [_event("ev", "2024-03-01", dt.date(2024, 3, 1), sources)]
    output = _render([event], articles)
    assert output["index.html"].count("Quote number") == 12
    assert "All 20 quotes on the entry’s page" in output["index.html"]
    assert output["events/ev.html"].count("Quote number") == 20


def test_the_filter_form_is_hidden_until_javascript_shows_it(events, articles):
    index = _render(events, articles)["index.html"]
    assert re.search(r'<form id="controls"[^>]* hidden>', index)
    assert '<script src="static/timeline.js" defer></script>' in index


def test_the_not_found_page_links_from_the_site_root(events, articles):
    relative = _render(events, articles)["404.html"]
    rooted = _render(events, articles, site=Site(base_url="https://example.org/story/"))["404.html"]
    assert 'href="index.html"' in relative
    assert 'href="/story/index.html"' in rooted


def test_a_denial_is_marked_under_a_disputed_entry(articles):
    (a1, _a2) = articles
    event = _event("ev", "2024-06", dt.date(2024, 6, 1),
                   [_source(a1, "Troops took the town."), _source(a1, "Officials denied the claim.")],
                   disputed=True)
    index = _render([event], articles)["index.html"]
    assert index.count('class="denial-label"') == 1


def test_a_long_timeline_gets_a_search_index_in_parts(articles, monkeypatch):
    import json

    monkeypatch.setattr("generator.render.PAGE_EVENTS", 2)
    monkeypatch.setattr("generator.search.ENTRIES_PER_PART", 2)
    (a1, _a2) = articles
    events = [_event(f"ev-{m}", f"2024-0{m}", dt.date(2024, m, 1), [_source(a1, f"Harbour café {m}.")],
                     end=dt.date(2024, m, 28)) for m in (1, 2, 3)]
    output = _render(events, articles)
    index = json.loads(output["search/index.json"])
    assert index["entries"] == 3 and "ha" in index["prefixes"] and "ca" in index["prefixes"]
    assert json.loads(output["search/terms-ha.json"]) == {"harbour": [0, 1, 2]}
    assert json.loads(output["search/terms-ca.json"]) == {"cafe": [0, 1, 2]}  # accents folded
    assert json.loads(output["search/entries-1.json"]) == [
        [events[2].title, "March 2024", "years/year-2024-2.html#ev-3"]]
    assert "search/index.json" not in _render(events[:2], articles)


def test_article_page_names_keep_safe_stems_and_are_unique_ignoring_case():
    from generator.render import article_page_names

    names = article_page_names(["bridge-opens", "a b", "café", "Port", "port", "a\\b", "x" * 300])
    assert [names[s] for s in ("bridge-opens", "a b", "café", "Port")] == [
        "bridge-opens", "a b", "café", "Port"]
    assert len({n.casefold() for n in names.values()}) == len(names)
    assert names["a\\b"].startswith("a-b-") and len(names["x" * 300]) < 100


def _story_with_background(articles: list[Article]) -> list[Event]:
    a1, a2 = articles
    story = [_event(f"ev-{m}", f"2024-0{m}", dt.date(2024, m, 1), [_source(a1, f"Q {m}.")],
                    end=dt.date(2024, m, 28)) for m in (3, 4, 5, 6, 7, 8)]
    war = _event("ev-war", "1950", dt.date(1950, 1, 1), [_source(a1, "The war began."),
                                                          _source(a2, "War broke out.")],
                 end=dt.date(1953, 12, 31), background=True)
    war.importance = 99.0  # more than any entry of the story: still never a key event
    return [war, *story]


def test_background_entries_are_listed_apart_under_a_background_heading(articles):
    index = _render(_story_with_background(articles), articles)["index.html"]
    section = index[index.index('<section class="background"'):index.index("</section>")]
    assert '<h2 class="year-heading background-heading" id="background-heading">Background</h2>' in section
    assert 'id="ev-war"' in section and "<details" in section
    assert section.count('class="timeline-item"') == 1
    assert index.index('id="background"') < index.index('id="year-2024"')
    assert 'id="year-1950s"' not in index  # not mixed into the story's years and months
    assert "6 entries from 2 articles" in index and "1 background entry" in index


def test_background_entries_are_never_key_events(articles):
    events = _story_with_background(articles)
    output = _render(events, articles)
    assert "ev-war" not in key_event_ids(events)
    assert 'id="ev-war"' not in output["key.html"]
    assert 'data-key="false" data-background="true"' in output["index.html"]
    assert "Background</span>" in output["events/ev-war.html"]


def test_the_key_share_counts_only_the_story(articles):
    a1, _a2 = articles
    events = [_event(f"ev-{n}", "2024-03-01", dt.date(2024, 3, 1), [_source(a1, f"Q {n}.")],
                     background=n >= 20) for n in range(40)]
    assert len(key_event_ids(events)) == 5  # a quarter of 20, not of 40


def test_a_pinned_background_entry_is_a_key_event(articles):
    events = _story_with_background(articles)
    events[0].pinned = True
    output = _render(events, articles)
    assert "ev-war" in key_event_ids(events)
    assert 'id="ev-war"' in output["key.html"]
    assert 'data-key="true" data-background="true"' in output["index.html"]


def test_the_year_navigation_links_the_background_section_first(articles):
    a1, _a2 = articles
    events = _story_with_background(articles)
    events.append(_event("ev-2025", "2025-01", dt.date(2025, 1, 1), [_source(a1, "Q.")],
                         end=dt.date(2025, 1, 31)))
    index = _render(events, articles)["index.html"]
    nav = index[index.index('<nav class="year-nav"'):]
    nav = nav[:nav.index("</nav>")]
    assert re.findall(r'href="#([^"]+)"', nav) == ["background", "year-2024", "year-2025"]


def test_a_timeline_of_only_background_shows_it_without_the_empty_message(articles):
    index = _render(_story_with_background(articles)[:1], articles)["index.html"]
    assert 'id="ev-war"' in index and "The timeline is empty" not in index


def test_a_long_timeline_puts_its_background_on_a_page_of_its_own(articles, monkeypatch):
    monkeypatch.setattr("generator.render.PAGE_EVENTS", 3)
    output = _render(_story_with_background(articles), articles)
    page = output["years/background.html"]
    assert page.count('class="timeline-item"') == 1 and "<h1>Background</h1>" in page
    assert '<details class="background-list" open>' in page
    assert 'href="years/background.html"' in output["index.html"]
    assert 'href="../years/background.html#ev-war"' in output["events/ev-war.html"]
    assert all('id="ev-war"' not in text for path, text in output.items()
               if path.startswith("years/year-"))


def test_an_event_page_counts_articles_and_outlets_not_independent_sources():
    one = _article("b1", publisher="The Daily")
    two = _article("b2", publisher="The Daily")
    other = _article("b3", publisher="Harbour News")
    same = _event("same", "2025-04-20", dt.date(2025, 4, 20),
                  [_source(one, "Q one."), _source(two, "Q two.")])
    mixed = _event("mixed", "2025-04-21", dt.date(2025, 4, 21),
                   [_source(one, "Q three."), _source(other, "Q four.")])
    output = _render([same, mixed], [one, two, other])
    assert "2 articles, 2 quotes" in output["events/same.html"]
    assert "2 articles from 2 outlets, 2 quotes" in output["events/mixed.html"]
    assert "independent" not in output["events/same.html"]
