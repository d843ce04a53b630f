"""Build the site: load settings, read articles, extract events, merge, render, write."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from generator import manifest
from generator.articles import extracted_text, read_articles
from generator.cache import (
    Extraction,
    ExtractionCache,
    ReadCache,
    attach,
    default_cache_dir,
    load_state,
    store_state,
)
from generator.clean import reported_sentences
from generator.config import build_date_from_env, default_template_dirs, load_site
from generator.curation import apply_curation, load_curation
from generator.events import detect_candidates, detect_reports, named_days
from generator.export import (
    Fragments,
    atom_feed,
    events_json,
    icalendar,
    robots_txt,
    sitemap_xml,
    timeline_json,
)
from generator.files import escaping_links
from generator.lexicon import DEFAULT_FAMILIES, trigger_table
from generator.merge import Trace, candidate_keys, counted_frequencies, merge_traced, text_stems
from generator.models import Article, Candidate, Event, Problem, Site
from generator.period import mark_background, story_period
from generator.render import (
    EntryDigests,
    Kept,
    Stamp,
    learned_templates,
    recall_templates,
    render_pages,
)
from generator.sentences import split_sentences
from generator.temporal import tag
from generator.write import check_output_dir, write_output

# Below this many articles to extract, starting worker processes costs more than it saves.
POOL_MIN_ARTICLES = 16
READ_CHUNK = 32  # files a worker reads per task
TRACE_FILE, TRACE_MAGIC = "merge-trace.sealed", b"TLXTRACE"  # the last merge's decisions
PARTS_FILE, PARTS_MAGIC = "export-parts.sealed", b"TLXPARTS"  # the last exports' entry parts
TEMPLATES_FILE, TEMPLATES_MAGIC = "templates.sealed", b"TLXTMPLS"  # parsed and compiled
# A build makes millions of objects that live until it ends (candidates, vectors, pages)
# and few reference cycles: the collector's default, a pass every 700 new objects, spent
# a third of an incremental build rescanning them.
COLLECT_AFTER = 50_000


class BuildError(Exception):
    """The site cannot be built; the message names the file and line at fault."""


def _template_error(err: TemplateError) -> BuildError:
    """Return a one-line error naming the template file and line that failed."""
    if isinstance(err, TemplateSyntaxError):
        where = f"{err.filename or err.name}:{err.lineno}"
    else:
        frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename.endswith(".html")]
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "templates"
    return BuildError(f"{where}: template error: {err.message or err}")


@dataclass
class BuildResult:
    """What a build produced and what it found wrong with its input.

    A build that found nothing changed since the last one (``up_to_date``) reads and
    writes nothing: its lists are empty and the counts are the last build's.
    """

    site: Site
    articles: list[Article]
    events: list[Event]
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, str | bytes | Kept] = field(default_factory=dict)
    page_keys: dict[str, str] = field(default_factory=dict)  # of the pages' inputs (see render)
    up_to_date: bool = False
    counts: tuple[int, int] | None = None  # (articles, events) of an up-to-date build
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each stage

    @property
    def article_count(self) -> int:
        """Return how many articles the site holds."""
        return self.counts[0] if self.counts else len(self.articles)

    @property
    def event_count(self) -> int:
        """Return how many entries the site holds."""
        return self.counts[1] if self.counts else len(self.events)


def extract(article: Article, triggers: dict) -> Extraction:
    """Return an article's event candidates, its sentences' stems, the days it names and keys.

    The stems are what the merge's word weights count (see ``merge.text_stems``); the keys
    name the candidates for the merge's replay (see ``merge.candidate_keys``).
    """
    text = extracted_text(article)
    # The stamp's day still counts as a day the article names; it dates no sentence.
    sentences = reported_sentences(split_sentences(text))
    timexes = tag(text, article.date)
    candidates = detect_candidates(article, text, sentences, timexes, triggers)
    candidates += detect_reports(article, sentences, triggers)
    return (candidates, text_stems(s.text for s in sentences), named_days(timexes, article.date),
            candidate_keys(candidates))


def _worker_extract(article: Article) -> Extraction:
    """Extract one article in a worker; the article itself is not sent back."""
    candidates, stems, days, keys = extract(article, _triggers())
    return [replace(c, article=None) for c in candidates], stems, days, keys


@functools.cache
def _triggers() -> dict:
    return trigger_table(DEFAULT_FAMILIES)


def extract_all(articles: list[Article], cache: ExtractionCache, executor: Executor | None = None,
                progress: Callable[[int, int], None] | None = None) -> list[Extraction]:
    """Return each article's extraction: from the cache, else computed, in the executor if any.

    The executor may be any ``concurrent.futures.Executor``: a process pool on this machine,
    or a Dask cluster's (``distributed.Client(...).get_executor()``).
    """
    results: list[Extraction | None] = [cache.get(a) for a in articles]
    todo = [i for i, found in enumerate(results) if found is None]
    done = len(articles) - len(todo)
    if executor is not None and len(todo) >= POOL_MIN_ARTICLES:
        futures = [executor.submit(_worker_extract, articles[i]) for i in todo]
        computed = ((i, attach(future.result(), articles[i]))
                    for i, future in zip(todo, futures, strict=True))
    else:
        computed = ((i, extract(articles[i], _triggers())) for i in todo)
    for i, found in computed:
        cache.put(articles[i], found)
        results[i] = found
        done += 1
        if progress:
            progress(done, len(articles))
    if progress and not todo:
        progress(len(articles), len(articles))
    return [r for r in results if r is not None]


def generate(content_dir: Path, build_date: dt.date | None = None,
             progress: Callable[[int, int], None] | None = None,
             cache: ExtractionCache | None = None,
             executor: Executor | None = None, pool: ProcessPoolExecutor | None = None,
             last: Mapping[str, Stamp] | None = None) -> BuildResult:
    """Read the content folder and return the site's files, without writing anything.

    progress, if given, is called with (articles done, articles in all) during extraction.
    Articles are extracted in executor, if given; they are read in pool, a pool of this
    machine's processes (a cluster's workers may not see the files), if given. Pages whose
    inputs are those of their stamp in last (see ``manifest.last_pages``) are Kept.
    """
    with few_collections():
        return _generate(content_dir, build_date, progress, cache, executor, pool, last)


def _worker_start() -> None:
    """Set up a worker process: it too keeps what it makes until its task ends."""
    gc.set_threshold(COLLECT_AFTER, *gc.get_threshold()[1:])


@contextlib.contextmanager
def few_collections() -> Iterator[None]:
    """Run the cycle collector less often while a build runs."""
    before = gc.get_threshold()
    gc.set_threshold(COLLECT_AFTER, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _generate(content_dir: Path, build_date: dt.date | None,
              progress: Callable[[int, int], None] | None, cache: ExtractionCache | None,
              executor: Executor | None, pool: ProcessPoolExecutor | None,
              last: Mapping[str, Stamp] | None) -> BuildResult:
    clock = _Stopwatch()
    site, problems = load_site(content_dir)
    problems += escaping_links(content_dir)
    cache = cache or ExtractionCache(None)  # no cache unless asked: tests write none
    reads = ReadCache(cache.folder, cache.secret)
    articles, found = read_articles(content_dir, build_date,
                                    reads.mapper(_pool_map(pool) if pool is not None else map))
    problems += found
    clock.lap("read")
    candidates: list[Candidate] = []
    words: list[tuple[int, str]] = []
    mentions: dict[dt.date, set[str]] = {}
    keyed: dict[int, str] = {}
    extractions = extract_all(articles, cache, executor, progress)
    for article, (more, stems, days, keys) in zip(articles, extractions, strict=True):
        candidates += more
        keyed.update(zip(map(id, more), keys, strict=True))
        words.append(stems)
        for day in days:
            mentions.setdefault(day, set()).add(article.stem)
    cache.prune()  # drop what deleted or changed articles left behind
    clock.lap("extract")
    df, n = counted_frequencies(words)
    keys = keyed if cache.folder is not None else None
    traced = load_state(cache.folder, TRACE_FILE, TRACE_MAGIC, cache.secret) if keys else None
    events, trace = merge_traced(candidates, df, n, mentions, {a.stem: a.date for a in articles},
                                 keys, traced if isinstance(traced, Trace) else None)
    if keys and trace is not traced:  # the last trace itself when nothing it read changed
        store_state(cache.folder, TRACE_FILE, TRACE_MAGIC, cache.secret, trace)
    curation, found = load_curation(content_dir)
    events, applied = apply_curation(events, articles, curation)
    problems += found + applied
    events = mark_background(events, story_period(articles, events))
    clock.lap("merge")
    parts = load_state(cache.folder, PARTS_FILE, PARTS_MAGIC, cache.secret)
    fragments = Fragments(parts if isinstance(parts, dict) else None,
                          EntryDigests() if cache.folder is not None else None)
    learned = load_state(cache.folder, TEMPLATES_FILE, TEMPLATES_MAGIC, cache.secret)
    recall_templates(learned)
    try:
        files, keys = render_pages(site, events, articles, default_template_dirs(content_dir),
                                   build_date, last, fragments)
    except TemplateError as err:
        raise _template_error(err) from err
    files.update(exports(site, events, files, build_date, fragments))
    store_state(cache.folder, PARTS_FILE, PARTS_MAGIC, cache.secret, fragments.now)
    if (now := learned_templates()) != learned:
        store_state(cache.folder, TEMPLATES_FILE, TEMPLATES_MAGIC, cache.secret, now)
    clock.lap("render")
    return BuildResult(site, articles, events, problems, files, keys, seconds=clock.laps)


class _Stopwatch:
    """Wall time of successive stages."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        """Record the time since the last lap as the stage's."""
        now = time.perf_counter()
        self.laps[stage], self.last = now - self.last, now


def _pool_map(pool: ProcessPoolExecutor) -> Callable:
    """Return a map that runs in the pool when there are enough items to repay the start-up."""
    def pool_map(func: Callable, items: list, *more: list) -> Iterable:
        if len(items) < POOL_MIN_ARTICLES:
            return map(func, items, *more)
        return pool.map(func, items, *more, chunksize=READ_CHUNK)
    return pool_map


def exports(site: Site, events: list[Event], pages: dict[str, str | bytes | Kept],
            build_date: dt.date | None, fragments: Fragments | None = None) -> dict[str, str | bytes]:
    """Return the machine-readable files: the data, the feed, the calendar and the sitemap.

    Each entry's part of them is taken from fragments where the last build made it.
    """
    listed = sorted(p for p in pages if p.endswith(".html") and p != "404.html")
    latest = max((e.end for e in events), default=None)
    files: dict[str, str | bytes] = {
        "events.json": events_json(events, fragments),
        "timeline.json": timeline_json(site, events, fragments),
        "feed.xml": atom_feed(site, events, build_date),
        "events.ics": icalendar(site, events, fragments).encode("utf-8"),  # CRLF lines, as written
        "robots.txt": robots_txt(site),
    }
    if site.base_url:  # a sitemap's addresses must be absolute
        files["sitemap.xml"] = sitemap_xml(site, listed, build_date or latest)
    return files


def build(content_dir: Path, output_dir: Path,
          progress: Callable[[int, int], None] | None = None,
          jobs: int = 1, executor: Executor | None = None, force: bool = False,
          inputs: manifest.Inputs | None = None) -> BuildResult:
    """Build the site from ``content_dir`` and write it to ``output_dir``.

    Articles are extracted in ``jobs`` processes, or in ``executor`` when one is given.
    When no input changed since the last build and its output is intact, nothing is
    done, unless ``force``. ``inputs`` are the inputs as the caller found them, if it did.
    """
    check_output_dir(output_dir, content_dir)
    inputs = inputs or manifest.inputs(content_dir, output_dir)
    if not force and (summary := manifest.unchanged(inputs, output_dir)):
        site, _ = load_site(content_dir)
        return BuildResult(site, [], [], summary.problems, up_to_date=True,
                           counts=(summary.articles, summary.events))
    cache = ExtractionCache(default_cache_dir(content_dir, output_dir))
    build_date = build_date_from_env()
    last = manifest.last_pages(cache.folder, cache.secret, output_dir)
    with few_collections():
        if executor is None and jobs > 1:
            with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start) as pool:
                result = generate(content_dir, build_date, progress, cache, pool, pool, last)
        else:
            result = generate(content_dir, build_date, progress, cache, executor, last=last)
        started = time.perf_counter()
        write_output(result.files, output_dir)
        manifest.record_pages(cache.folder, cache.secret, output_dir, result.page_keys)
        result.seconds["write"] = time.perf_counter() - started
        # Still with few collections: a full one now would rescan all the build holds.
        manifest.record(inputs, output_dir, manifest.Summary(
            len(result.articles), len(result.events), result.problems))
    return result
