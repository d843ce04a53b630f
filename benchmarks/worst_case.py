"""Build pathological articles one by one and print the cost of each.

    python3 benchmarks/worst_case.py [--timeout 60] [--only NAME ...] [--profile NAME]

Each case is one article (up to the 5 MB limit) written into a fresh content folder and
built for real (generator.build.build, jobs=1) in a child process, so that a case that
runs away is stopped after TIMEOUT seconds. Prints per case: seconds, entries, the longest
quote (characters) and the size of the output folder. --profile runs one case in this
process under cProfile and prints the 25 costliest functions.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import multiprocessing
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.articles import MAX_BYTES  # noqa: E402
from generator.build import build  # noqa: E402

HEADER = "Date: 2025-04-28\n\n"
LIMIT = MAX_BYTES - 1_000  # room for the header


def _fill(unit: str, size: int = LIMIT) -> str:
    """Return unit repeated to about size bytes."""
    return unit * max(1, size // len(unit.encode("utf-8")))


def _prose() -> str:
    sentences = [
        "The council approved the new budget on 12 March 2024 after a long debate.",
        "On Monday, the minister resigned, officials said.",
        "Protesters gathered outside parliament last week, and police arrested two men.",
        "The company reported higher profits in the first quarter of 2023.",
        "Talks resumed in Geneva three days later, according to the envoy.",
    ]
    paragraph = " ".join(sentences) + "\n\n"
    return _fill(paragraph)


def _chronology() -> str:
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    lines = [f"{day % 28 + 1} {months[day % 12]} - Minister resigns after vote on plan {day}"
             for day in range(300)]
    return "\n".join(lines) + "\n"


# name -> (file suffix, body)
CASES: dict[str, tuple[str, Callable[[], str]]] = {
    "on_monday_1k": (".txt", lambda: "on Monday " * 1_000),
    "on_monday_50k": (".txt", lambda: "on Monday " * 50_000),
    "chronology_300": (".txt", _chronology),
    "chronology_5mb": (".txt", lambda: _fill(_chronology())),
    "arrested_monday_5mb": (".txt", lambda: _fill("police arrested protesters on Monday ")),
    "arrests_dated_5mb": (".txt", lambda: "".join(
        f"Police arrested {n} protesters on {n % 28 + 1} May {1900 + n % 120}. "
        for n in range(90_000))),
    "the_50k": (".txt", lambda: "the " * 50_000),
    "numbers_40k": (".txt", lambda: " ".join(str(n) for n in range(40_000))),
    "prose_5mb": (".txt", _prose),
    "one_line_5mb": (".txt", lambda: _fill("protesters gathered and police arrested men ")),
    "dense_dates_5mb": (".txt", lambda: _fill("1 January 2020, ")),
    "dense_mixed_5mb": (".txt", lambda: _fill("on 3 May 2021 and last week, 2019-04-01; ")),
    "one_word_5mb": (".txt", lambda: _fill("word ")),
    "md_quote_10k": (".md", lambda: ">" * 10_000 + " text\n"),
    "md_star_100k": (".md", lambda: "*" * 100_000 + "\n"),
    "md_bracket_200k": (".md", lambda: "[" * 200_000 + "\n"),
    "md_list_50k": (".md", lambda: "1. " * 50_000 + "\n"),
    "md_backtick_5mb": (".md", lambda: _fill("`a` ``b`` ")),
    "md_div_50k": (".md", lambda: "<div>" * 50_000 + "\n"),
    "md_amp_500k": (".md", lambda: "&amp;" * 500_000 + "\n"),
    "md_prose_5mb": (".md", _prose),
    "md_markup_1mb": (".md", lambda: _fill("## Vote\n\nThe council *approved* the [budget](http://"
                                           "example.org/b) on 12 March 2024, `officials` said.\n\n",
                                           990_000)),
}


def _write(folder: Path, name: str) -> Path:
    suffix, body = CASES[name]
    content = folder / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / f"case{suffix}").write_text(HEADER + body(), encoding="utf-8")
    return content


def _run(name: str, folder: str, queue) -> None:
    content = _write(Path(folder), name)
    output = Path(folder) / "output"
    started = time.perf_counter()
    try:
        result = build(content, output, jobs=1, force=True)
    except BaseException as err:  # noqa: BLE001 - a benchmark reports any failure
        queue.put({"error": f"{type(err).__name__}: {str(err)[:80]}"})
        return
    seconds = time.perf_counter() - started
    events = json.loads((output / "events.json").read_text(encoding="utf-8"))["events"]
    quotes = [len(s["quote"]) for e in events for s in e["sources"]]
    size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
    queue.put({"seconds": seconds, "entries": len(events), "quote": max(quotes, default=0),
               "bytes": size, "warnings": len(result.problems)})


def measure(name: str, timeout: float) -> dict:
    """Return the figures of one case, built in a child process stopped after timeout."""
    with tempfile.TemporaryDirectory() as folder:
        queue = multiprocessing.Queue()
        child = multiprocessing.Process(target=_run, args=(name, folder, queue))
        started = time.perf_counter()
        child.start()
        child.join(timeout)
        if child.is_alive():
            child.kill()
            child.join()
            return {"timeout": timeout}
        if queue.empty():
            return {"error": f"exit status {child.exitcode}",
                    "seconds": time.perf_counter() - started}
        return queue.get()


def profile(name: str) -> None:
    """Build one case in this process under cProfile and print the costliest functions."""
    with tempfile.TemporaryDirectory() as folder:
        content = _write(Path(folder), name)
        profiler = cProfile.Profile()
        profiler.runcall(build, content, Path(folder) / "output", jobs=1, force=True)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--only", nargs="*", choices=sorted(CASES), default=None)
    parser.add_argument("--profile", choices=sorted(CASES))
    args = parser.parse_args()
    if args.profile:
        profile(args.profile)
        return 0
    print(f"{'case':<18} {'seconds':>8} {'entries':>8} {'quote':>7} {'output':>10}")
    for name in args.only or CASES:
        got = measure(name, args.timeout)
        if "timeout" in got:
            print(f"{name:<18} {'>' + format(args.timeout, '.0f'):>8}   (stopped)", flush=True)
        elif "error" in got:
            print(f"{name:<18} {'':>8}   {got['error']}", flush=True)
        else:
            print(f"{name:<18} {got['seconds']:8.2f} {got['entries']:8d} {got['quote']:7d} "
                  f"{got['bytes'] / 1e6:8.2f} MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
