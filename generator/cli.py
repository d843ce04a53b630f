"""Command-line interface: ``timeline build``, ``check``, ``new``, ``serve`` and ``tag``."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Executor
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__
from generator.text import printable

if TYPE_CHECKING:
    from generator.build import BuildResult
    from generator.models import Problem


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _strict_date(text: str) -> dt.date:
    """Return the day ``YYYY-MM-DD`` names (not the other ISO forms ``fromisoformat`` takes)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}")
    return _date(text)


def _title(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("the title is empty")
    return text


SCHEDULER_TIMEOUT_S = 10


class SchedulerError(Exception):
    """The Dask scheduler cannot be used."""


@contextlib.contextmanager
def _dask_executor(address: str) -> Iterator[Executor]:
    """Yield an executor that runs tasks on the Dask cluster at ``address``."""
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerError("--scheduler needs Dask: pip install 'timeline-generator[dask]'") from None
    try:
        client = Client(address, timeout=SCHEDULER_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as err:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    try:
        yield client.get_executor()
    finally:
        client.close()


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a number of processes (1 or more): {text!r}")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Turn a folder of news articles into a static, cited timeline website.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build the site into the output folder")
    build.add_argument("--content", type=Path, default=Path("content"),
                       help="folder holding articles/ and site.toml (default: content)")
    build.add_argument("--output", type=Path, default=Path("output"),
                       help="folder to write the site to (default: output)")
    build.add_argument("--strict", action="store_true",
                       help="exit non-zero when any input file has a problem")
    build.add_argument("--force", action="store_true",
                       help="build even if nothing changed since the last build")
    build.add_argument("--jobs", "-j", type=_jobs, default=os.cpu_count() or 1,
                       help="processes that extract articles (default: one per core)")
    build.add_argument("--scheduler", metavar="ADDRESS",
                       help="extract on a Dask cluster, e.g. tcp://HOST:8786 "
                            "(needs: pip install 'timeline-generator[dask]')")
    loudness = build.add_mutually_exclusive_group()
    loudness.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    loudness.add_argument("--verbose", "-v", action="store_true",
                          help="also print what each stage found, and timings")

    check = commands.add_parser("check", help="report every problem with the content; write nothing")
    check.add_argument("--content", type=Path, default=Path("content"),
                       help="folder holding articles/ and site.toml (default: content)")
    check.add_argument("--strict", action="store_true",
                       help="exit non-zero when any input file has a problem (as build --strict)")

    new = commands.add_parser("new", help="start an article file: its header, ready for the text")
    new.add_argument("title", type=_title, help="the article's headline")
    new.add_argument("--url", help="the article's address")
    new.add_argument("--date", type=_strict_date,
                     help="publication date, YYYY-MM-DD (default: today)")
    new.add_argument("--publisher", help="the outlet that published it")
    new.add_argument("--content", type=Path, default=Path("content"),
                     help="content folder; the file goes in its articles/ (default: content)")

    serve = commands.add_parser("serve", help="preview the site, rebuilding on every edit")
    serve.add_argument("--content", type=Path, default=Path("content"))
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000)

    tag = commands.add_parser("tag", help="print the temporal expressions of a text as JSON")
    tag.add_argument("--dct", type=_date, help="the document's date, YYYY-MM-DD")
    tag.add_argument("file", type=Path, help="a UTF-8 text file, or - for standard input")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "check":
            return _check(args)
        if args.command == "new":
            return _new(args)
        if args.command == "serve":
            return _serve(args)
        return _tag(args)
    except KeyboardInterrupt:
        return 130


class _Progress:
    """Count articles done; on a terminal, show it as one line rewritten in place."""

    def __init__(self, show: bool) -> None:
        self.show = show
        self.width = 0

    def __call__(self, done: int, total: int) -> None:
        if self.show:
            line = f"Reading articles: {done}/{total}"
            self.width = max(self.width, len(line))
            sys.stderr.write("\r" + line)
            sys.stderr.flush()

    def clear(self) -> None:
        if self.width:
            sys.stderr.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()
            self.width = 0


def _on_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stream
        return False


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def _build(args: argparse.Namespace) -> int:
    from generator import manifest
    from generator.write import OutputError, check_output_dir

    if not args.content.is_dir():
        print(f"timeline: error: content folder not found: {args.content}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        check_output_dir(args.output, args.content)
    except OutputError as err:
        print(f"timeline: error: {printable(str(err))}", file=sys.stderr)
        return 1
    # Checked before the pipeline's modules are even imported: that alone takes longer.
    inputs = manifest.inputs(args.content, args.output)
    if not args.force and (summary := manifest.unchanged(inputs, args.output)):
        return _summarize(args, summary.problems, summary.events, summary.articles, started,
                          up_to_date=True)
    from generator.build import BuildError, build

    progress = _Progress(show=not args.quiet and _on_terminal())
    try:
        if args.scheduler:
            with _dask_executor(args.scheduler) as executor:
                result = build(args.content, args.output, progress=progress, executor=executor,
                               force=args.force, inputs=inputs)
        else:
            result = build(args.content, args.output, progress=progress, jobs=args.jobs,
                           force=args.force, inputs=inputs)
    except (OutputError, BuildError, SchedulerError) as err:
        progress.clear()
        print(f"timeline: error: {printable(str(err))}", file=sys.stderr)
        return 1
    finally:
        progress.clear()
    if args.verbose:
        _details(result, started, time.perf_counter())
    return _summarize(args, result.problems, len(result.events), len(result.articles), started)


def _summarize(args: argparse.Namespace, problems: list[Problem], events: int, articles: int,
               started: float, up_to_date: bool = False) -> int:
    """Print a build's problems and its one-line summary; return the exit status."""
    for problem in problems:
        print(problem, file=sys.stderr)
    if not args.quiet:
        seconds = time.perf_counter() - started
        done = "Up to date: nothing changed since the last build of" if up_to_date else "Built"
        print(f"{done} {events} events from {articles} articles into {args.output} "
              f"in {seconds:.2f} s" + (f" ({len(problems)} problems)" if problems else "")
              + (" (--force rebuilds)" if up_to_date else ""))
    return 1 if args.strict and problems else 0


def _details(result: BuildResult, started: float, finished: float) -> None:
    """Print what each stage of a build found, from its result, and how long it took."""
    from generator.models import Kept

    site, articles, events = result.site, result.articles, result.events
    print(printable(f"settings: title {site.title!r}, language {site.language}, "
                    f"base_url {site.base_url or '(none: relative addresses)'}"))
    dated = sum(1 for a in articles if a.date)
    paragraphs = sum(len(a.paragraphs) for a in articles)
    print(f"articles: {len(articles)} read ({dated} dated, {len(articles) - dated} undated), "
          f"{_plural(paragraphs, 'paragraph')}")
    sources = sum(len(e.sources) for e in events)
    cited = len({s.article for e in events for s in e.sources})
    span = f", {min(e.start for e in events)} to {max(e.end for e in events)}" if events else ""
    print(f"entries: {len(events)} ({sum(1 for e in events if e.disputed)} disputed, "
          f"{sum(1 for e in events if e.date_note)} with differing dates), "
          f"{_plural(sources, 'source')} from {_plural(cited, 'article')}{span}")
    size = sum(d.stamp.size if isinstance(d, Kept) else len(d.encode("utf-8") if isinstance(d, str) else d)
               for d in result.files.values())
    pages = sum(1 for name in result.files if name.endswith(".html"))
    kept = sum(1 for d in result.files.values() if isinstance(d, Kept))
    print(f"files: {len(result.files)} ({pages} pages, {kept} kept as they were), {size / 1024:.0f} KiB")
    print(f"problems: {len(result.problems)}")
    stages = ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in result.seconds.items())
    print(f"time: {stages}; {finished - started:.2f} s in all")


def _check(args: argparse.Namespace) -> int:
    from generator.build import BuildError, build_date_from_env, generate

    if not args.content.is_dir():
        print(f"timeline: error: content folder not found: {args.content}", file=sys.stderr)
        return 1
    progress = _Progress(show=_on_terminal())
    try:
        result = generate(args.content, build_date_from_env(), progress)
    except BuildError as err:
        progress.clear()
        print(f"timeline: error: {printable(str(err))}", file=sys.stderr)
        return 1
    finally:
        progress.clear()
    for problem in result.problems:
        print(problem, file=sys.stderr)
    print(f"{_plural(len(result.articles), 'article')}, {_plural(len(result.events), 'entry', 'entries')}, "
          f"{_plural(len(result.problems), 'problem')}")
    return 1 if args.strict and result.problems else 0


def _new(args: argparse.Namespace) -> int:
    from generator.scaffold import create_article

    date = args.date or dt.date.today()
    try:
        path = create_article(args.content, args.title, date, args.publisher, args.url)
    except OSError as err:
        print(f"timeline: error: cannot write the article: {err}", file=sys.stderr)
        return 1
    print(path)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from generator.serve import serve

    if not args.content.is_dir():
        print(f"timeline: error: content folder not found: {args.content}", file=sys.stderr)
        return 1
    serve(args.content, host=args.host, port=args.port)
    return 0


def _tag(args: argparse.Namespace) -> int:
    from generator.temporal import tag

    try:
        text = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        print(printable(f"timeline: error: {args.file}: {err}"), file=sys.stderr)
        return 1
    found = tag(text, args.dct)
    json.dump([t.as_json() for t in found], sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
