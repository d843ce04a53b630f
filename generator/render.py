"""Render the timeline site's pages and collect its static assets."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import pickle
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateAssertionError,
    TemplateNotFound,
    meta,
    nodes,
    select_autoescape,
)
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from generator.config import (  # noqa: F401 (re-exported)
    BUILTIN_TEMPLATES,
    default_template_dirs,
    template_root,
)
from generator.events import is_denial
from generator.export import Fragments
from generator.files import read_inside, real, walk
from generator.models import Article, Event, Kept, Site, Source, Stamp  # noqa: F401 (re-exported)
from generator.search import search_index
from generator.temporal.values import CENTURY, DECADE, describe, precision, span
from generator.text import web_link as external_url  # the templates' filter name


@dataclass(frozen=True)
class Citation:
    """One timeline entry as seen from one article: the entry and the quotes it takes from it."""

    event: Event
    sources: list[Source]


# A timeline longer than this is split into a page per year, and a year longer than this
# into several pages, so that no page grows without bound.
PAGE_EVENTS = 300
# The key-events view shows this share of the entries, most important first ...
KEY_SHARE = 0.25
# ... but never fewer or more than these.
KEY_MIN, KEY_MAX = 5, 100
# The heading of the entries long before the story's own period.
BACKGROUND = "Background"


@dataclass(frozen=True)
class Group:
    """The entries of a year listed under one subheading: a month, or the year as a whole."""

    heading: str
    anchor: str
    events: list[Event]


def render_site(site: Site, events: list[Event], articles: list[Article],
                template_dirs: list[Path], build_date: dt.date | None = None,
                ) -> dict[str, str | bytes]:
    """Return the site's pages and assets, keyed by their path relative to the output folder."""
    return render_pages(site, events, articles, template_dirs, build_date)[0]


def render_pages(site: Site, events: list[Event], articles: list[Article],
                 template_dirs: list[Path], build_date: dt.date | None = None,
                 last: Mapping[str, Stamp] | None = None, fragments: Fragments | None = None,
                 ) -> tuple[dict[str, str | bytes | Kept], dict[str, str]]:
    """Return the site's files, and the key of each page's inputs that has one.

    A page whose key is that of its stamp in last (the last build's pages, as checked on
    disk) is not rendered again: it is Kept. The search index takes its entries' parts
    from fragments, whose digest of entries the page keys share.
    """
    env = _environment(template_dirs)
    _check_macros(env)
    timeline = _oldest_first(events)
    story = [e for e in timeline if not e.background]
    background = [e for e in timeline if e.background]
    library = _sorted_articles(articles)
    citations = _citations_by_article(timeline)
    key_ids = key_event_ids(timeline)
    years = _by_year(story)
    paged = len(timeline) > PAGE_EVENTS
    background_chunks = [background[i:i + PAGE_EVENTS] for i in range(0, len(background), PAGE_EVENTS)]
    background_names = [background_page(n) for n in range(1, len(background_chunks) + 1)]
    pages = article_page_names([a.stem for a in library])
    common = {
        "site": site,
        "build_date": build_date,
        "articles": library,
        "article_count": len(library),
        "linked_stems": frozenset(a.stem for a in library),
        "article_pages": pages,
        "labels": {a.stem: a.label for a in library},
        "citation_counts": {stem: len(cited) for stem, cited in citations.items()},
        "key_ids": key_ids,
        "categories": sorted({e.category for e in timeline if e.category}),
        "total_events": len(timeline),
        "year_pages": paged,
        "all_years": [year for year, _ in years],
        "background_page": background_names[0] if paged and background else None,
    }
    out: dict[str, str | bytes | Kept] = {}
    digest = fragments.digest if fragments is not None and fragments.digest else EntryDigests()
    renderer = _PageRenderer(env, common, last or {}, out, digest)
    page = renderer.page
    key_events = [e for e in timeline if e.id in key_ids]
    page("index.html", "index.html", root="", page="timeline", events=key_events if paged else story,
         years=_grouped(_by_year(key_events) if paged else years), view="key" if paged else "all",
         background=[] if paged else background,
         background_groups=[] if paged else _by_year(background))
    page("key.html", "index.html", root="", page="key", events=key_events,
         years=_grouped(_by_year(key_events)), view="key", background=[], background_groups=[])
    page("about.html", "about.html", root="", page="about")
    page("sources.html", "sources.html", root="", page="sources")
    page("404.html", "404.html", root=_site_root(site), page="not-found")
    placed: dict[str, str] = {}  # event id -> the year page listing it
    if paged:
        for year, year_events in years:
            chunks = [year_events[i:i + PAGE_EVENTS] for i in range(0, len(year_events), PAGE_EVENTS)]
            names = [year_page(year, n) for n in range(1, len(chunks) + 1)]
            for n, (name, chunk) in enumerate(zip(names, chunks, strict=True), 1):
                page(f"years/{name}", "year.html", root="../", page="year", events=chunk,
                     years=_grouped([(year, chunk)]), view="year", year=year,
                     page_number=n, year_page_names=names, background=[], background_groups=[])
                placed.update((e.id, name) for e in chunk)
        for n, (name, chunk) in enumerate(zip(background_names, background_chunks, strict=True), 1):
            page(f"years/{name}", "year.html", root="../", page="background", events=[],
                 years=[], view="background", year=BACKGROUND, page_number=n,
                 year_page_names=background_names, background=chunk,
                 background_groups=_by_year(chunk))
            placed.update((e.id, name) for e in chunk)
        out.update(search_index(timeline, lambda e: f"years/{placed[e.id]}#{e.id}", date_label, fragments))
    for i, event in enumerate(timeline):
        page(f"events/{event.id}.html", "event.html", root="../", page="event", event=event,
             previous=timeline[i - 1] if i else None,
             next=timeline[i + 1] if i + 1 < len(timeline) else None,
             timeline_href=_timeline_href(event, placed.get(event.id)))
    for article in library:
        page(f"articles/{pages[article.stem]}.html", "article.html", root="../", page="article",
             article=article, citations=citations.get(article.stem, []))
    out.update(_static_assets(template_dirs))
    return out, renderer.keys


# What a page reads of these tables is known by the entries and articles it shows: a page
# that reads another of their keys, or lists one whole, has no key and is rendered always.
_LOOKUPS = {"labels", "article_pages", "citation_counts", "linked_stems", "key_ids"}
_BY_ID = {"key_ids"}
_PLAIN = {str, int, bool}


class _PageRenderer:
    """Render pages, each unless its inputs are those its file was last rendered from.

    A page's key is a digest of its template with all the templates it pulls in, of the
    values it is given, of what it reads of the site-wide values, and of the entries of
    the lookup tables for the entries and articles it shows. A template that reads the
    whole list of articles, or pulls in a template named at render time, has no key.
    """

    def __init__(self, env: Environment, common: dict, last: Mapping[str, Stamp],
                 out: dict[str, str | bytes | Kept], digest: Callable[[Event], str]) -> None:
        self.env, self.common, self.last, self.out, self.digest = env, common, last, out, digest
        self.keys: dict[str, str] = {}
        self.trees: dict[str, tuple[str, frozenset[str]] | None] = {}
        self.shared: dict[str, str] = {}  # digests of site-wide values
        self.templates: dict[str, tuple[Template, tuple[str, frozenset[str]] | None, list[str]]] = {}

    def page(self, path: str, template_name: str, **variables: object) -> None:
        """Render one page into out, or keep its last file if its key is unchanged."""
        template, tree, reads = self._template(template_name)
        if tree is None:
            self.out[path] = template.render(self.common, **variables)
            return
        shown: list[Event] = []
        parts: list[object] = [tree[0], path]
        parts += [(name, self._value(value, shown)) for name, value in sorted(variables.items())]
        stems = {s.article for e in shown for s in e.sources}
        if isinstance(variables.get("article"), Article):
            stems.add(variables["article"].stem)
        ids = {e.id for e in shown}
        ordered = {False: sorted(stems), True: sorted(ids)}
        for name in reads:
            if name in _LOOKUPS:
                parts.append((name, _entries(self.common[name], ordered[name in _BY_ID])))
            else:
                parts.append((name, self.shared[name]))
        key = _sha(repr(parts))
        reader = _Reads()

        def render() -> str:
            context = {name: _Within(self.common[name], ids if name in _BY_ID else stems, reader)
                       if name in _LOOKUPS else self.common[name] for name in reads}
            return template.render(context, **variables)
        stamp = self.last.get(path)
        if stamp is not None and stamp.key == key:
            self.out[path] = Kept(stamp, render)
            self.keys[path] = key
            return
        self.out[path] = render()
        if not reader.escaped:
            self.keys[path] = key

    def _template(self, name: str) -> tuple[Template, tuple[str, frozenset[str]] | None, list[str]]:
        """Return a template, its tree (None: no key) and the site-wide values it reads."""
        found = self.templates.get(name)
        if found is None:
            template = self.env.get_template(name)  # first: its errors name the file and line
            tree = self._tree(name)
            if tree is not None and "articles" in tree[1]:
                tree = None
            reads = sorted(tree[1] & self.common.keys()) if tree is not None else []
            for value_name in reads:
                if value_name not in _LOOKUPS and value_name not in self.shared:
                    self.shared[value_name] = _digest(self.common[value_name])
            found = self.templates[name] = (template, tree, reads)
        return found

    def _tree(self, name: str) -> tuple[str, frozenset[str]] | None:
        if name not in self.trees:
            self.trees[name] = _template_tree(self.env, name)
        return self.trees[name]

    def _value(self, value: object, shown: list[Event]) -> object:
        """Return what stands for a page's value in its key (a digest for an entry).

        The entries among it, in lists and groups too, are added to shown.
        """
        kind = type(value)
        if value is None or kind in _PLAIN:  # its repr in the key says it exactly
            return (value,)  # a tuple: never taken for a digest
        if kind is Event:
            shown.append(value)
            return self.digest(value)
        if kind is list or kind is tuple:
            return [self._value(v, shown) for v in value]
        if kind is Group:
            return [value.heading, value.anchor, self._value(value.events, shown)]
        if kind is Citation:
            shown.append(value.event)
            # Its quotes are most often some of the entry's own: their places say which.
            taken = {id(s) for s in value.sources}
            places = [i for i, s in enumerate(value.event.sources) if id(s) in taken]
            if [value.event.sources[i] for i in places] != value.sources:
                return [self.digest(value.event), _digest(value.sources)]
            return [self.digest(value.event), places]
        return _digest(value)


class EntryDigests:
    """Digests of entries (see _digest), each made once while the build holds its entry."""

    def __init__(self) -> None:
        self.found: dict[int, str] = {}  # by id(): the entries outlive this

    def __call__(self, event: Event) -> str:
        found = self.found.get(id(event))
        if found is None:
            found = self.found[id(event)] = _digest(event)
        return found


def _template_tree(env: Environment, name: str) -> tuple[str, frozenset[str]] | None:
    """Return a digest of a template and every template it pulls in, and the names they read.

    None if one pulls in a template named only at render time.
    """
    digest = hashlib.sha256()
    reads: set[str] = set()
    todo, seen = [name], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        source, filename, _ = env.loader.get_source(env, current)
        digest.update(f"{len(current)}:{current}{len(source)}:{source}".encode("utf-8", "surrogatepass"))
        names, referenced, _ = _template_facts(env, current, filename, source)
        if None in referenced:
            return None
        reads |= names
        todo.extend(referenced)
    return digest.hexdigest(), frozenset(reads)


_FACTS: dict[tuple, tuple[frozenset[str], tuple[str | None, ...], frozenset[str]]] = {}
KEPT_TEMPLATES = 256  # template sources a process keeps facts and code of, per environment kind


def _template_facts(env: Environment, name: str, filename: str | None, source: str,
                    ) -> tuple[frozenset[str], tuple[str | None, ...], frozenset[str]]:
    """Return the names a template's source reads, the templates it pulls in and the macros
    it defines, parsed once.

    Every environment of a kind parses alike (see _environment).
    """
    key = (type(env), name, filename, source)
    found = _FACTS.get(key)
    if found is None:
        if len(_FACTS) >= KEPT_TEMPLATES:
            _FACTS.clear()
        ast = env.parse(source, name, filename)
        found = _FACTS[key] = (frozenset(meta.find_undeclared_variables(ast)),
                               tuple(meta.find_referenced_templates(ast)),
                               frozenset(m.name for m in ast.find_all(nodes.Macro)))
    return found


def _entries(table: Mapping | AbstractSet, allowed: list[str]) -> list[tuple[str, object]]:
    """Return what a page may read of a table: the values, or the presence, of allowed keys.

    allowed is in order, as the key must be.
    """
    if isinstance(table, Mapping):
        return [(k, table.get(k)) for k in allowed]
    return [(k, k in table) for k in allowed]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _digest(value: object) -> str:
    """Return a digest of a value made of dataclasses, lists, strings, numbers and dates.

    Its pickle is the same for the same value, sets aside (whose order varies), and two
    values with the same pickle are equal: the digest never calls two pages the same
    that are not.
    """
    return hashlib.sha256(pickle.dumps(value, protocol=5)).hexdigest()


class _Reads:
    """Whether a page read a lookup table beyond the keys its key holds."""

    escaped = False


class _Within(Mapping):
    """A lookup table (a dict or a set) as one page reads it, noting reads of other keys."""

    def __init__(self, table: Mapping | AbstractSet, allowed: set[str], reads: _Reads) -> None:
        self._table, self._allowed, self._reads = table, allowed, reads

    def __getitem__(self, key: object) -> object:
        if key not in self._allowed:
            self._reads.escaped = True
        if not isinstance(self._table, Mapping):
            raise KeyError(key)
        return self._table[key]

    def __contains__(self, key: object) -> bool:
        if key not in self._allowed:
            self._reads.escaped = True
        return key in self._table

    def __iter__(self) -> Iterator:
        self._reads.escaped = True
        return iter(self._table)

    def __len__(self) -> int:
        self._reads.escaped = True
        return len(self._table)


# An article's page is named after its file's stem if the stem is at most this long (in
# UTF-8) and holds nothing unsafe in a file name; a longer or unsafe one gets a slug of
# at most SLUG_CHARS ASCII characters and a hash, well under the 255-byte limit of file names.
PAGE_STEM_BYTES = 200
SLUG_CHARS = 80
_UNSAFE_IN_NAMES = re.compile(r"[\x00-\x1f\x7f-\x9f/\\\ud800-\udfff\u200b-\u200f\u202a-\u202e"
                              r"\u2066-\u2069\ufeff]")


def article_page_names(stems: list[str]) -> dict[str, str]:
    """Return each article's page file name (without ".html"), unique even ignoring case.

    A stem that is a safe file name is kept as it is; any other (a control or format
    character, a slash or backslash, a name too long, a clash) becomes an ASCII slug of it
    with a short hash of the stem.
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for stem in sorted(stems):
        name = stem
        if (_UNSAFE_IN_NAMES.search(stem) or stem in ("", ".", "..") or stem.startswith(".")
                or len(stem.encode("utf-8")) > PAGE_STEM_BYTES or stem.casefold() in taken):
            name = _hashed_slug(stem)
        number = 1
        while name.casefold() in taken:
            number += 1
            name = f"{_hashed_slug(stem)}-{number}"
        taken.add(name.casefold())
        names[stem] = name
    return names


def _hashed_slug(stem: str) -> str:
    """Return an ASCII slug of a stem, bounded in length, with a hash that tells stems apart."""
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_text).strip("-_")[:SLUG_CHARS].rstrip("-_")
    digest = hashlib.sha256(stem.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug or 'article'}-{digest}"


def key_event_ids(events: list[Event]) -> frozenset[str]:
    """Return the ids of the key events: the most important share, ties broken by sources.

    Background entries and plans (an entry with a status: planned or expected, not done)
    are never chosen, nor counted in the share; a pinned entry is a key event all the same
    (the maintainer's pin wins).
    """
    story = [e for e in events if not e.background and e.status is None]
    count = max(KEY_MIN, min(KEY_MAX, round(len(story) * KEY_SHARE)))
    ranked = sorted(story, key=lambda e: (-e.importance, -len(e.sources), e.start, e.id))
    return frozenset(e.id for e in ranked[:count]) | {e.id for e in events if e.pinned}


def _timeline_href(event: Event, year_page_name: str | None) -> str:
    """Return where an entry sits on the timeline, relative to its own page."""
    if year_page_name:
        return f"../years/{year_page_name}#{event.id}"
    return f"../index.html#{event.id}"


def background_page(number: int = 1) -> str:
    """Return the file name of a page of background entries: 'background.html', 'background-2.html'."""
    return f"background{'' if number == 1 else f'-{number}'}.html"


def year_page(year: str, number: int = 1) -> str:
    """Return the file name of a page of a year's entries: 'year-2019.html', 'year-2019-2.html'."""
    return f"{period_id(year)}{'' if number == 1 else f'-{number}'}.html"


def _site_root(site: Site) -> str:
    """Return the prefix of links from a page that may be served at any path (the 404 page)."""
    if not site.base_url:
        return ""
    path = urlsplit(site.base_url).path or "/"
    return path if path.endswith("/") else path + "/"


def _grouped(years: list[tuple[str, list[Event]]]) -> list[tuple[str, list[Group]]]:
    """Return each year's entries under month headings, coarser dates first as the year's own."""
    out = []
    for year, events in years:
        groups: list[Group] = []
        for event in events:
            within_month = (event.start.year, event.start.month) == (event.end.year, event.end.month)
            if within_month and (not groups or groups[-1].anchor != _month_id(event.start)):
                label = f"{event.start:%B} {event.start.year}"
                groups.append(Group(label, _month_id(event.start), []))
            elif not groups:
                period = year if year.isdigit() else f"the {year}"
                groups.append(Group(f"During {period}", f"{period_id(year)}-whole", []))
            groups[-1].events.append(event)
        out.append((year, groups))
    return out


def _month_id(day: dt.date) -> str:
    return f"month-{day.year:04d}-{day.month:02d}"


class _ContainedLoader(FileSystemLoader):
    """Load templates from one folder, refusing a file that links outside its root."""

    def __init__(self, folder: Path, root: Path) -> None:
        super().__init__(str(folder))
        self.root = real(root)

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable]:
        """Return a template's text, its file and a check that it is unchanged."""
        path = os.path.join(self.searchpath[0], *split_template_path(template))
        if any(part.startswith(".") for part in split_template_path(template)):
            raise TemplateNotFound(template)
        try:
            text = read_inside(path, self.root).decode(self.encoding)
            mtime = os.path.getmtime(path)
        except (OSError, UnicodeDecodeError):  # missing, or a link outside: the next folder's
            raise TemplateNotFound(template) from None
        return text, os.path.normpath(path), lambda: _unchanged(path, mtime)


def _unchanged(path: str, mtime: float) -> bool:
    try:
        return os.path.getmtime(path) == mtime
    except OSError:
        return False


# The partials the pages import a macro from, and the macro each must define.
PARTIAL_MACROS = {"partials/entry.html": "entry_item(event)",
                  "partials/source.html": "source_figure(source, event)",
                  "partials/status.html": "status_flag(event)"}


def _check_macros(env: Environment) -> None:
    """Refuse a partial that does not define the macro the pages import from it."""
    for name, macro in PARTIAL_MACROS.items():
        source, filename, _ = env.loader.get_source(env, name)
        defined = _template_facts(env, name, filename, source)[2]
        if macro.split("(")[0] not in defined:
            raise TemplateAssertionError(
                f"defines no macro {macro}, which the pages import from it (an override "
                "of a partial must define its macro)", 1, name, filename)


class _CompiledTemplates(BytecodeCache):
    """Compiled templates, kept in this process's memory: each source compiles once.

    A build stores them in the cache (see learned_templates) for the next process.
    """

    def __init__(self) -> None:
        self.code: dict[tuple[str, str], bytes] = {}

    def get_source_checksum(self, source: str) -> str:
        return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self.code.get((bucket.key, bucket.checksum))
        if found is not None:
            bucket.bytecode_from_string(found)

    def dump_bytecode(self, bucket: Bucket) -> None:
        if len(self.code) >= KEPT_TEMPLATES:
            self.code.clear()
        self.code[(bucket.key, bucket.checksum)] = bucket.bytecode_to_string()


_COMPILED = {Environment: _CompiledTemplates(), ImmutableSandboxedEnvironment: _CompiledTemplates()}


def learned_templates() -> dict[str, dict]:
    """Return what this process learned of template sources: their facts and compiled code.

    A later build takes it back with recall_templates, then parses and compiles no source
    it has seen (about a third of a second per process).
    """
    return {"facts": {(kind.__name__, *rest): found for (kind, *rest), found in _FACTS.items()},
            "code": {kind.__name__: dict(compiled.code) for kind, compiled in _COMPILED.items()}}


def recall_templates(learned: object) -> None:
    """Take back what learned_templates returned in an earlier build; ignore anything else."""
    if not isinstance(learned, dict):
        return
    kinds = {kind.__name__: kind for kind in _COMPILED}
    facts, code = learned.get("facts"), learned.get("code")
    if isinstance(facts, dict):
        for key, found in facts.items():
            if (isinstance(key, tuple) and len(key) == 4 and key[0] in kinds
                    and isinstance(found, tuple) and len(found) == 3
                    and len(_FACTS) < KEPT_TEMPLATES):
                _FACTS.setdefault((kinds[key[0]], *key[1:]), found)
    if isinstance(code, dict):
        for name, table in code.items():
            if name in kinds and isinstance(table, dict):
                compiled = _COMPILED[kinds[name]].code
                for key, value in table.items():
                    if isinstance(value, bytes) and len(compiled) < KEPT_TEMPLATES:
                        compiled.setdefault(key, value)


def _environment(template_dirs: list[Path]) -> Environment:
    """Return a Jinja environment that searches the folders in order and escapes HTML.

    Templates other than the built-in ones, such as the content's own templates/, are
    written by whoever sends the content: then the environment is a sandbox, in which
    templates may fill pages but never reach Python (it costs the render about half again).
    """
    trusted = all(d.resolve() == BUILTIN_TEMPLATES for d in template_dirs)
    env = (Environment if trusted else ImmutableSandboxedEnvironment)(
        loader=ChoiceLoader([_ContainedLoader(d, template_root(d)) for d in template_dirs]),
        autoescape=select_autoescape(["html", "htm", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # one build renders from one state of the templates: no stat per page
        bytecode_cache=_COMPILED[Environment if trusted else ImmutableSandboxedEnvironment],
    )
    env.filters.update(date_label=date_label, isodate=isodate, external_url=external_url,
                       plural=plural, period_id=period_id, year_page=year_page)
    env.tests["denial"] = is_denial
    return env


def date_label(value: str | dt.date | None) -> str:
    """Return a reader's wording of a TIMEX3 value or a date: '3 March 2021', 'June 2019'."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return describe(value.isoformat())
    return describe(value) if span(value) else value


def isodate(value: str | dt.date | None) -> str:
    """Return a date, or the first day of a TIMEX3 value, as an ISO 8601 date."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    bounds = span(value)
    return bounds[0].isoformat() if bounds else ""


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """Return the count with its noun: '1 source', '3 sources'."""
    noun = singular if count == 1 else plural_form or f"{singular}s"
    return f"{count} {noun}"


def period_id(label: str) -> str:
    """Return the anchor id of a year heading: 'year-2019', 'year-1880s'."""
    return "year-" + re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def _oldest_first(events: list[Event]) -> list[Event]:
    """Return the events ordered by the days they cover, keeping the given order on ties."""
    return sorted(events, key=lambda e: (e.start, e.end))


def _by_year(events: list[Event]) -> list[tuple[str, list[Event]]]:
    """Return the ordered events grouped under the year (or decade, century) they start in.

    A decade or a century sorts among the years by its first day, so one heading's entries
    need not be consecutive: each heading is listed once, where its first entry sorts.
    """
    groups: dict[str, list[Event]] = {}
    for event in events:
        groups.setdefault(_period(event), []).append(event)
    return list(groups.items())


def _period(event: Event) -> str:
    """Return the heading an event is listed under: '2019', or '1880s' for a decade."""
    rank = precision(event.date)
    if rank == CENTURY and span(event.date):
        return describe(event.date).removeprefix("the ")  # "21st century"
    if rank == DECADE and span(event.date):
        return f"{event.start.year // 10 * 10}s"
    return str(event.start.year)


def _sorted_articles(articles: list[Article]) -> list[Article]:
    """Return the articles by publication date (undated last), then name."""
    return sorted(articles, key=lambda a: (a.date is None, a.date or dt.date.min,
                                           a.display_name.casefold(), a.stem))


def _citations_by_article(events: list[Event]) -> dict[str, list[Citation]]:
    """Return, for each article stem, the entries that quote it with the quotes taken."""
    cited: dict[str, list[Citation]] = {}
    for event in events:
        stems = dict.fromkeys(s.article for s in event.sources)
        for stem in stems:
            quotes = [s for s in event.sources if s.article == stem]
            cited.setdefault(stem, []).append(Citation(event, quotes))
    return cited


def _static_assets(template_dirs: list[Path]) -> dict[str, bytes]:
    """Return every file under each folder's static/, the first folder's copy winning."""
    assets: dict[str, bytes] = {}
    for folder in template_dirs:
        static = folder / "static"
        if not static.is_dir():
            continue
        root = real(template_root(folder))
        for rel, path, _ in walk(static, root):  # links outside the root are left out
            if f"static/{rel}" not in assets and _safe_asset_name(rel):
                with contextlib.suppress(OSError):
                    assets[f"static/{rel}"] = read_inside(path, root)
    return dict(sorted(assets.items()))


def _safe_asset_name(rel: str) -> bool:
    """Return whether an asset's path can be written and linked as it is."""
    return all(not _UNSAFE_IN_NAMES.search(part) and len(part.encode("utf-8")) <= PAGE_STEM_BYTES
               for part in rel.split("/"))
