"""Serve a live-reloading preview that rebuilds whenever the content or templates change."""

from __future__ import annotations

import html
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from generator.build import BuildError, generate
from generator.cache import ExtractionCache, default_cache_dir
from generator.files import walk
from generator.render import default_template_dirs
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


def rebuild(content_dir: Path, site_dir: Path) -> bool:
    """Build the preview into ``site_dir``; on failure write a page that shows the error."""
    try:
        result = generate(content_dir, cache=ExtractionCache(default_cache_dir(content_dir)))
    except BuildError as err:
        return _show_error(site_dir, str(err))
    except Exception:  # the preview must keep running whatever the input
        return _show_error(site_dir, traceback.format_exc(limit=3))
    for problem in result.problems:
        print(problem, file=sys.stderr)
    write_output(result.files, site_dir)
    print(f"timeline serve: rebuilt {len(result.events)} events from "
          f"{len(result.articles)} articles", file=sys.stderr)
    return True


def _show_error(site_dir: Path, error: str) -> bool:
    print(f"timeline serve: build failed:\n{error}", file=sys.stderr)
    write_output({"index.html": _ERROR_PAGE.format(error=html.escape(error))}, site_dir)
    return False


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """Return the modification time and size of every file under the folders."""
    seen: dict[str, tuple[int, int]] = {}
    for folder in folders:
        for _, path, info in walk(folder):  # each folder once, links inside it only
            seen[path] = (info.st_mtime_ns, info.st_size)
    return seen


class DebouncedWatcher:
    """Watch folders for livereload, rebuilding once a burst of edits has settled.

    livereload's own watcher polls every 0.8 s, runs one task per changed folder and skips
    browser reloads within 3 s of the last one; this one polls every 0.1 s, rebuilds once
    per burst and always reloads.
    """

    POLL_MS = 100
    SETTLE_S = 0.15

    def __init__(self, folders: list[Path], rebuild: Callable[[], object],
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.folders, self.rebuild, self.clock = folders, rebuild, clock
        self.state = snapshot(folders)
        self.changed_at: float | None = None
        self.filepath: str | None = None
        self._tasks = {"content": None}  # livereload only checks that something is watched
        self._changes: list[tuple[str, float]] = []

    def start(self, callback: Callable[[], None]) -> bool:
        """Poll with livereload's event loop; return True so it starts no poller of its own."""
        from tornado import ioloop

        ioloop.PeriodicCallback(callback, self.POLL_MS).start()
        return True

    def examine(self) -> tuple[str | None, float | None]:
        """Return ("__livereload__", None) when a settled burst of edits has been rebuilt."""
        if self._changes:
            return self._changes.pop()
        now = self.clock()
        state = snapshot(self.folders)
        if state != self.state:
            self.state, self.changed_at = state, now
            return None, None
        if self.changed_at is None or now - self.changed_at < self.SETTLE_S:
            return None, None
        self.changed_at = None
        self.rebuild()
        self.filepath = "*"
        return "__livereload__", None  # livereload reloads at once for this name


def serve(content_dir: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Build into a temporary folder, serve it, and rebuild on every edit until interrupted."""
    from livereload import Server

    workdir = Path(tempfile.mkdtemp(prefix="timeline-serve-"))
    site_dir = workdir / "site"
    try:
        rebuild(content_dir, site_dir)
        inside = content_dir.resolve()
        watched = [inside] + [d.resolve() for d in default_template_dirs(content_dir)
                              if inside not in d.resolve().parents]
        watcher = DebouncedWatcher(watched, lambda: rebuild(content_dir, site_dir))
        server = Server(watcher=watcher)
        print(f"Serving the preview at http://{host}:{port}/ (Ctrl+C to stop)", file=sys.stderr)
        server.serve(root=str(site_dir), host=host, port=port, open_url_delay=None)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
