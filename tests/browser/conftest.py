"""Fixtures for the browser tests: one build of content/, served from a sub-path, one Chromium.

The site is built once per session from the project's own ``content/`` and served by
``http.server`` on 127.0.0.1 under ``/sub/site/``, so a link that only works from the server's
root fails here. Pages are opened in Debian's headless Chromium through Playwright.

The tools come from ``bash tests/setup-browser.sh``. When one is missing the tests that need it
fail and say so; ``TIMELINE_SKIP_BROWSER=1`` skips every test that needs Chromium, axe-core or
vnu.jar. Tests that only read the built files (exports, links) run either way.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SUB_PATH = "/sub/site/"
DESKTOP = {"width": 1366, "height": 900}
SETUP_HINT = "run `bash tests/setup-browser.sh` (or set TIMELINE_SKIP_BROWSER=1 to skip these tests)"


def require(what: str, ok: bool, detail: str = "") -> None:
    """Fail the test when a tool is missing; under TIMELINE_SKIP_BROWSER=1 skip it, missing or not."""
    if os.environ.get("TIMELINE_SKIP_BROWSER") == "1":
        pytest.skip(f"TIMELINE_SKIP_BROWSER=1: test needs {what}")
    if ok:
        return
    pytest.fail(f"browser test needs {what}{': ' + detail if detail else ''}; {SETUP_HINT}",
                pytrace=False)


# --- the built site ---------------------------------------------------------------------------

@dataclass
class Site:
    """The built site on disk and where it is served."""

    dir: Path
    base_url: str

    def url(self, path: str = "index.html") -> str:
        return self.base_url + path.lstrip("/")

    def html_files(self) -> list[Path]:
        return sorted(self.dir.rglob("*.html"))

    def rel(self, path: Path) -> str:
        return path.relative_to(self.dir).as_posix()

    def events(self) -> list[dict]:
        return json.loads((self.dir / "events.json").read_text(encoding="utf-8"))["events"]

    def first(self, pattern: str) -> str:
        """The relative path of the first file matching ``pattern`` (e.g. ``articles/*.html``)."""
        found = sorted(self.dir.glob(pattern))
        assert found, f"the built site has no {pattern}"
        return self.rel(found[0])


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build content/ once, into <tmp>/sub/site, exactly as `timeline build` does."""
    served_root = tmp_path_factory.mktemp("served")
    out = served_root / SUB_PATH.strip("/")
    out.parent.mkdir(parents=True)
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", str(CONTENT), "--output", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    assert (out / "index.html").is_file(), f"build wrote no index.html:\n{proc.stdout}\n{proc.stderr}"
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".ics": "text/calendar", ".xml": "application/xml", ".json": "application/json",
                      ".js": "text/javascript"}

    def log_message(self, *args) -> None:
        """Keep the test output free of one access-log line per request."""


@pytest.fixture(scope="session")
def site(site_dir: Path) -> Iterator[Site]:
    """The built site, served over HTTP on a free port of 127.0.0.1 from a sub-path."""
    served_root = site_dir.parents[len(Path(SUB_PATH.strip("/")).parts) - 1]
    handler = functools.partial(_QuietHandler, directory=str(served_root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield Site(site_dir, f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="session")
def events(site: Site) -> list[dict]:
    return site.events()


# --- the browser ------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def playwright_api():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        missing = str(err)
    else:
        missing = ""
    require("the Python package playwright", not missing, missing)
    manager = sync_playwright().start()
    try:
        yield manager
    finally:
        manager.stop()


@pytest.fixture(scope="session")
def browser(playwright_api):
    """One headless Debian Chromium for the whole session."""
    require(f"Chromium at {CHROMIUM}", CHROMIUM.exists())
    try:
        browser = playwright_api.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                                 headless=True)
    except Exception as err:  # noqa: BLE001 - report any launch failure the same way
        require(f"a working Chromium at {CHROMIUM}", False, f"launch failed: {err}")
    try:
        yield browser
    finally:
        browser.close()


@dataclass
class PageErrors:
    """Console errors and uncaught exceptions seen by one page, by URL."""

    seen: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        def on_console(msg) -> None:
            # Chromium asks the server's root for /favicon.ico, once per browser, when a page
            # names no icon: not the site's request, and not reliably repeated, so not counted.
            source = (msg.location or {}).get("url") or ""
            if msg.type != "error" or source.endswith("/favicon.ico"):
                return
            self.seen.append(f"console error on {page.url}: {msg.text} ({_location(msg)})")

        page.on("console", on_console)
        page.on("pageerror", lambda exc: self.seen.append(f"page error on {page.url}: {exc}"))
        page.on("requestfailed", lambda req: self.seen.append(
            f"request failed on {page.url}: {req.url} ({req.failure})"))

    def take(self) -> list[str]:
        found, self.seen = self.seen, []
        return found


def _location(msg) -> str:
    loc = msg.location or {}
    return f"{loc.get('url', '?')}:{loc.get('lineNumber', '?')}"


@pytest.fixture
def page_errors() -> PageErrors:
    """What the test's pages reported; a test may ``take()`` them itself, the rest fail it."""
    return PageErrors()


@pytest.fixture
def new_page(browser, page_errors: PageErrors) -> Iterator[Callable[..., object]]:
    """Return a function opening a page in a fresh context (keyword arguments go to new_context).

    Every page it opens is watched: a console error, an uncaught exception or a failed request
    fails the test when it ends.
    """
    contexts = []
    errors = page_errors

    def open_page(**context_args):
        context_args.setdefault("viewport", DESKTOP)
        context = browser.new_context(**context_args)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        errors.watch(page)
        return page

    yield open_page
    for context in contexts:
        context.close()
    found = errors.take()
    if found:
        pytest.fail("the page reported errors:\n  " + "\n  ".join(found), pytrace=False)


@pytest.fixture
def page(new_page):
    """A desktop-sized page (1366x900) with JavaScript on; errors fail the test."""
    return new_page()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    require("axe-core (node_modules/axe-core/axe.min.js)", AXE.is_file())
    return AXE


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    require("vnu-jar (node_modules/vnu-jar/build/dist/vnu.jar)", VNU.is_file())
    java = shutil.which("java")
    require("Java (java on PATH) for vnu.jar", java is not None)
    # a 2 MB thread stack: the checker overflows smaller ones; C1 only: faster start-up
    return [java, "-Xss2m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU)]


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def expect(playwright_api):
    """Playwright's ``expect`` (imported here so a missing playwright fails with the setup hint)."""
    from playwright.sync_api import expect as playwright_expect

    playwright_expect.set_options(timeout=5_000)
    return playwright_expect
