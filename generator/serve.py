"""Serve a live-reloading preview that rebuilds whenever the content or templates change."""

from __future__ import annotations

import html
import ipaddress
import re
import shutil
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote_to_bytes

import watchfiles
from livereload import Server
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
from livereload.server import LiveScriptInjector
from tornado import escape, ioloop, web

from generator import manifest
from generator.build import BuildError, few_collections, generate
from generator.cache import ExtractionCache, default_cache_dir
from generator.config import build_date_from_env
from generator.files import walk
from generator.render import default_template_dirs
from generator.text import clean_text, printable
from generator.write import write_output

_ERROR_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Build failed</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}}
pre{{white-space:pre-wrap;background:#f4f4f4;padding:1rem}}</style>
</head>
<body><h1>The preview could not be rebuilt</h1>
<p>Fix the problem below and save; this page reloads by itself.</p>
<pre>{error}</pre></body></html>
"""

LOOPBACK_BINDS = {"127.0.0.1", "::1", "localhost"}
WILDCARD_BINDS = {"0.0.0.0", "::", ""}
LOCAL_NAMES = {"localhost", "127.0.0.1", "[::1]"}
MAX_PATH = 2048  # longer request paths are refused; no site path comes near it
# The livereload.js snippet as livereload injects it, connecting back to the page's own port.
_LIVE_SCRIPT = escape.utf8(
    '<script type="text/javascript">(function(){'
    'var s=document.createElement("script");'
    "var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
    's.src="//"+window.location.hostname+":"+port+"/livereload.js?port="+port;'
    "document.head.appendChild(s);"
    "})();</script>")


def rebuild(content_dir: Path, site_dir: Path, cache: ExtractionCache | None = None) -> bool:
    """Build the preview into ``site_dir``; on failure write a page that shows the error.

    cache, if given, is the one the preview's last build used (see ``ExtractionCache``).
    """
    cache = cache or ExtractionCache(default_cache_dir(content_dir))
    with few_collections():
        try:
            result = generate(content_dir, build_date_from_env(), cache=cache,
                              last=manifest.last_pages(cache.folder, cache.secret, site_dir))
        except BuildError as err:
            return _show_error(site_dir, str(err))
        except Exception:  # the preview must keep running whatever the input
            return _show_error(site_dir, traceback.format_exc(limit=3))
        for problem in result.problems:
            print(problem, file=sys.stderr)
        write_output(result.files, site_dir)
        manifest.record_pages(cache.folder, cache.secret, site_dir, result.page_keys)
    print(f"timeline serve: rebuilt {len(result.events)} events from "
          f"{len(result.articles)} articles", file=sys.stderr)
    return True


def _show_error(site_dir: Path, error: str) -> bool:
    print(f"timeline serve: build failed:\n{printable(error, keep_newlines=True)}", file=sys.stderr)
    page = _ERROR_PAGE.format(error=html.escape(clean_text(error)))
    write_output({"index.html": page}, site_dir)
    return False


def watched_folders(roots: list[Path]) -> list[str]:
    """Return the real path of every folder a build may read under the roots, in order."""
    entered: list[str] = []
    for root in roots:
        for _ in walk(root, entered=entered):  # links inside each root only, each folder once
            pass
    return sorted(set(entered))


class BackgroundRebuild:
    """Run rebuilds one at a time in a worker thread, so the served site stays up meanwhile.

    Requests that arrive while a rebuild runs cause exactly one more rebuild after it;
    ``done`` is called in the worker thread once no rebuild is pending.
    """

    def __init__(self, build: Callable[[], object], done: Callable[[], None]) -> None:
        self.build, self.done = build, done
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self._pending = False
        self._stopped = False

    def request(self) -> None:
        """Start a rebuild, or queue one if a rebuild is running."""
        with self._lock:
            if self._stopped:
                return
            if self._worker is not None:
                self._pending = True
                return
            self._worker = threading.Thread(target=self._run, name="timeline-rebuild",
                                            daemon=True)
            self._worker.start()

    def stop(self, timeout: float) -> None:
        """Drop queued rebuilds and wait up to ``timeout`` seconds for a running one."""
        with self._lock:
            self._stopped, self._pending, worker = True, False, self._worker
        if worker is not None:
            worker.join(timeout)

    def _run(self) -> None:
        while True:
            try:
                self.build()
            except Exception as err:  # a failed write must not end the preview
                print(f"timeline serve: could not write the preview: {err}", file=sys.stderr)
            with self._lock:
                if not self._pending:
                    self._worker = None
                    stopped = self._stopped
                    break
                self._pending = False
        if not stopped:
            self.done()


class DebouncedWatcher:
    """Watch folders for livereload through the system's file events, rebuilding once per burst.

    watchfiles (inotify, FSEvents, ReadDirectoryChangesW) wakes only when a file changes, so
    an idle preview costs nothing whatever the archive's size; a burst of saves is one
    rebuild once SETTLE_MS pass without another change. Each folder a build may read is
    watched on its own, not recursively, since a recursive watch would follow links out of
    the content folder; a change of folders re-lists them. Whoever runs the rebuild calls
    ``reload_browsers`` when it is done.
    """

    SETTLE_MS = 150
    LONGEST_BURST_MS = 1600  # a rebuild starts by then, however long the saves go on
    WAKE_MS = 500  # how often the watch looks whether it was stopped

    def __init__(self, folders: list[Path], rebuild: Callable[[], object]) -> None:
        self.folders, self.rebuild = folders, rebuild
        self.filepath: str | None = "*"
        self._tasks = {"content": None}  # livereload only checks that something is watched
        self._changes: list[tuple[str, float]] = []
        self._loop: ioloop.IOLoop | None = None
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._started = threading.Event()

    def start(self, callback: Callable[[], None] | None = None) -> bool:
        """Watch in a thread of its own; return True so that livereload starts no poller."""
        try:
            self._loop = ioloop.IOLoop.current()
        except RuntimeError:  # no event loop in this thread: no browser to reload
            self._loop = None
        self._thread = threading.Thread(target=self._watch, name="timeline-watch", daemon=True)
        self._thread.start()
        self._started.wait(5)
        return True

    def stop(self, timeout: float = 5) -> None:
        """Stop watching, waiting up to ``timeout`` seconds for the watch to end."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def reload_browsers(self) -> None:
        """Tell the open pages to reload; safe to call from any thread."""
        if self._loop is not None:  # tornado is not thread-safe: hand over to its loop
            self._loop.add_callback(LiveReloadHandler.reload_waiters, "*")

    def examine(self) -> tuple[str | None, float | None]:
        """Report livereload's own changes: none, as file events ask for rebuilds instead."""
        return self._changes.pop() if self._changes else (None, None)

    def _watch(self) -> None:
        polling = False
        relisted = False
        while not self._stopping.is_set():
            watched = watched_folders(self.folders)
            if not watched:  # the folders are gone: look again soon
                self._started.set()
                self._stopping.wait(self.SETTLE_MS / 1000)
                continue
            if relisted:  # what changed while the folders were re-listed
                self.rebuild()
            try:
                changes = watchfiles.watch(
                    *watched, recursive=False, debounce=self.LONGEST_BURST_MS,
                    step=self.SETTLE_MS, stop_event=self._stopping, rust_timeout=self.WAKE_MS,
                    yield_on_timeout=True, raise_interrupt=False, force_polling=polling or None)
                for batch in changes:
                    self._started.set()
                    if not batch:
                        continue
                    self.rebuild()
                    if watched_folders(self.folders) != watched:
                        break
            except (OSError, RuntimeError) as err:  # a folder gone as the watch began, a limit
                if not polling:
                    print(f"timeline serve: file events unavailable ({err}); polling instead",
                          file=sys.stderr)
                polling = True
                self._stopping.wait(self.SETTLE_MS / 1000)
            relisted = True
        self._started.set()


def _split_host(value: str) -> tuple[str, int | None] | None:
    """Split a Host header value into its lower-cased name and port; None if malformed."""
    match = re.fullmatch(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::([0-9]{1,5}))?", value)
    if match is None:
        return None
    return match[1].lower(), int(match[2]) if match[2] else None


def _is_ip_literal(name: str) -> bool:
    """Tell whether a Host name is an IPv4 address or a bracketed IPv6 address."""
    bracketed = name.startswith("[")
    try:
        address = ipaddress.ip_address(name[1:-1] if bracketed else name)
    except ValueError:
        return False
    return address.version == (6 if bracketed else 4)


def host_allowed(value: str, bind_host: str, port: int) -> bool:
    """Tell whether a request's Host names the address the preview is served on.

    Allowed: the host given to ``--host``; for a loopback host also localhost, 127.0.0.1
    and [::1]; for 0.0.0.0 or :: those and any IP address, but no other DNS name, as a name
    is what a DNS rebinding attack controls. The port, when given, must be the served one.
    """
    parsed = _split_host(value)
    if parsed is None:
        return False
    name, given_port = parsed
    if given_port is not None and given_port != port:
        return False
    bind = bind_host.lower()
    if name == (f"[{bind}]" if ":" in bind else bind):
        return True
    if bind in LOOPBACK_BINDS | WILDCARD_BINDS and name in LOCAL_NAMES:
        return True
    return bind in WILDCARD_BINDS and _is_ip_literal(name)


def origin_allowed(origin: str, bind_host: str, port: int) -> bool:
    """Tell whether an Origin header is http://<an allowed host>:<the served port>."""
    if not origin.startswith("http://"):
        return False
    netloc = origin[len("http://"):]
    parsed = _split_host(netloc)
    if parsed is None or parsed[1] != (None if port == 80 else port):
        return False
    return host_allowed(netloc, bind_host, port)


def _refuse_foreign_host(handler: web.RequestHandler) -> None:
    """Answer 400 to a request whose Host is not the served address (DNS rebinding)."""
    host, port = handler.settings["preview_host"], handler.settings["preview_port"]
    if not host_allowed(handler.request.headers.get("Host", ""), host, port):
        raise web.HTTPError(400, "Host header is not the preview's address")


def _refuse_bad_path(path: str) -> None:
    """Answer 400 to a malformed request path and 404 to one that climbs out of the site."""
    if len(path) > MAX_PATH or re.search(r"%(?![0-9A-Fa-f]{2})", path):
        raise web.HTTPError(400, "malformed path")
    decoded = unquote_to_bytes(path)
    if re.search(rb"[\x00-\x1f\x7f\\]", decoded):
        raise web.HTTPError(400, "control character or backslash in path")
    try:
        decoded.decode("utf-8")
    except UnicodeDecodeError:
        raise web.HTTPError(400, "path is not UTF-8") from None
    if b".." in decoded.split(b"/"):
        raise web.HTTPError(404)


class _SiteHandler(StaticFileHandler):
    def prepare(self) -> None:
        _refuse_foreign_host(self)
        _refuse_bad_path(self.request.path)

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        try:
            return super().validate_absolute_path(root, absolute_path)
        except ValueError:  # a path the file system cannot hold
            raise web.HTTPError(400, "path the file system cannot hold") from None


class _ScriptHandler(LiveReloadJSHandler):
    def prepare(self) -> None:
        _refuse_foreign_host(self)


class _SocketHandler(LiveReloadHandler):
    def prepare(self) -> None:
        _refuse_foreign_host(self)
        origin = self.request.headers.get("Origin")
        if origin is not None and not self.check_origin(origin):
            raise web.HTTPError(403, "WebSocket from a page that is not the preview")

    def check_origin(self, origin: str) -> bool:
        return origin_allowed(origin, self.settings["preview_host"],
                              self.settings["preview_port"])


class PreviewServer(Server):
    """livereload's server, answering only for the address it serves on and only its site."""

    def application(self, port: int, host: str, liveport: int | None = None,
                    debug: bool | None = None, live_css: bool = True) -> None:
        """Listen with the guarded handlers: the page, livereload.js and its WebSocket."""
        LiveReloadHandler.watcher = self.watcher  # livereload keeps its state on this class
        LiveReloadHandler.live_css = live_css

        class Inject(LiveScriptInjector):
            script = _LIVE_SCRIPT

        app = web.Application(
            [(r"/livereload", _SocketHandler),
             (r"/livereload.js", _ScriptHandler),
             (r"/(.*)", _SiteHandler, {"path": self.root, "default_filename": self.default_filename})],
            transforms=[Inject], preview_host=host, preview_port=port)
        app.listen(port, address=host)


@contextmanager
def _stop_on_signals() -> Iterator[None]:
    """Turn SIGTERM, SIGHUP and SIGINT into one KeyboardInterrupt, so that clean-up runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        if not stopping:  # a second signal must not cut the clean-up short
            stopping = True
            raise KeyboardInterrupt

    signals = [signal.SIGTERM, signal.SIGINT]
    if hasattr(signal, "SIGHUP"):  # not on Windows
        signals.append(signal.SIGHUP)
    previous = {number: signal.signal(number, stop) for number in signals}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def serve(content_dir: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Build into a temporary folder, serve it, and rebuild on every edit until stopped."""
    with _stop_on_signals():
        workdir = Path(tempfile.mkdtemp(prefix="timeline-serve-"))
        site_dir = workdir / "site"
        watcher: DebouncedWatcher | None = None
        cache = ExtractionCache(default_cache_dir(content_dir), remember=True)
        rebuilds = BackgroundRebuild(lambda: rebuild(content_dir, site_dir, cache),
                                     lambda: watcher and watcher.reload_browsers())
        try:
            rebuild(content_dir, site_dir, cache)
            inside = content_dir.resolve()
            watched = [inside] + [d.resolve() for d in default_template_dirs(content_dir)
                                  if inside not in d.resolve().parents]
            watcher = DebouncedWatcher(watched, rebuilds.request)
            server = PreviewServer(watcher=watcher)
            print(f"Serving the preview at http://{host}:{port}/ (Ctrl+C to stop)",
                  file=sys.stderr)
            server.serve(root=str(site_dir), host=host, port=port, open_url_delay=None)
        finally:
            if watcher is not None:
                watcher.stop(timeout=5)
            rebuilds.stop(timeout=5)
            shutil.rmtree(workdir, ignore_errors=True)
