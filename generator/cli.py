"""Command-line interface: ``timeline build``, ``timeline serve``, ``timeline tag``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from generator import __version__


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


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
    build.add_argument("--quiet", "-q", action="store_true", help="print problems only")

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
        if args.command == "serve":
            return _serve(args)
        return _tag(args)
    except KeyboardInterrupt:
        return 130


def _build(args: argparse.Namespace) -> int:
    from generator.build import BuildError, build
    from generator.write import OutputError

    if not args.content.is_dir():
        print(f"timeline: error: content folder not found: {args.content}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        result = build(args.content, args.output)
    except (OutputError, BuildError) as err:
        print(f"timeline: error: {err}", file=sys.stderr)
        return 1
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if not args.quiet:
        seconds = time.perf_counter() - started
        print(f"Built {len(result.events)} events from {len(result.articles)} articles "
              f"into {args.output} in {seconds:.2f} s"
              + (f" ({len(result.problems)} problems)" if result.problems else ""))
    return 1 if args.strict and result.problems else 0


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
        print(f"timeline: error: {args.file}: {err}", file=sys.stderr)
        return 1
    found = tag(text, args.dct)
    json.dump([t.as_json() for t in found], sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
