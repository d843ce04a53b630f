"""Measure the time from saving an article to the preview reloading in a real browser.

    python3 benchmarks/reload.py [--runs 5] [--content DIR] [--timeout 60]

Starts `timeline serve` on a copy of content/ (or of DIR, such as a folder that
benchmarks/corpus.py wrote), opens it in headless Chromium (Playwright,
/usr/bin/chromium), then edits an article RUNS times and prints each save-to-reload time,
and the longest a page request waited meanwhile (the preview keeps serving while it rebuilds).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the preview did not start at {url}")


def _probe(url: str, stop: threading.Event, waits: list[float]) -> None:
    """Fetch the page over and over until stopped, recording how long each answer took."""
    while not stop.is_set():
        started = time.perf_counter()
        try:
            urllib.request.urlopen(url, timeout=30).read()
        except OSError:
            pass
        waits.append(time.perf_counter() - started)
        stop.wait(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--content", type=Path, default=ROOT / "content",
                        help="the content folder to copy and serve (default: content/)")
    parser.add_argument("--timeout", type=float, default=60,
                        help="seconds to wait for the first build and for each reload")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="reload-bench-"))
    content = work / "content"
    shutil.copytree(args.content, content)
    article = sorted((content / "articles").glob("*"))[0]
    original = article.read_text(encoding="utf-8")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--content", str(content),
                               "--port", str(port)], stderr=subprocess.DEVNULL,
                              env=dict(os.environ, TIMELINE_CACHE_DIR=str(work / "cache")))
    times: list[float] = []
    waits: list[float] = []
    stop = threading.Event()
    try:
        _wait_for(f"http://127.0.0.1:{port}/index.html", args.timeout)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/index.html", timeout=args.timeout * 1000)
            page.wait_for_timeout(1000)  # let the livereload socket connect
            prober = threading.Thread(target=_probe, args=(
                f"http://127.0.0.1:{port}/sources.html", stop, waits))
            prober.start()
            for run in range(args.runs):
                marker = f"Edit number {run} of the reload benchmark."
                with page.expect_event("load", timeout=args.timeout * 1000):
                    started = time.perf_counter()
                    article.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
                times.append(time.perf_counter() - started)
                page.wait_for_timeout(500)
            stop.set()
            prober.join()
            browser.close()
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    print("save to reload (s): " + ", ".join(f"{t:.2f}" for t in times))
    print(f"median {statistics.median(times):.2f} s, max {max(times):.2f} s over {len(times)} saves")
    print(f"longest wait for a page meanwhile {max(waits):.2f} s over {len(waits)} requests")
    return 0


if __name__ == "__main__":
    sys.exit(main())
