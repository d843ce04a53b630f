"""Serve a live-reloading preview that rebuilds whenever the content or templates change."""

from __future__ import annotations

import html
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from generator.build import generate
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
        result = generate(content_dir)
    except Exception:  # the preview must keep running whatever the input
        error = traceback.format_exc(limit=3)
        print(f"timeline serve: build failed:\n{error}", file=sys.stderr)
        write_output({"index.html": _ERROR_PAGE.format(error=html.escape(error))}, site_dir)
        return False
    for problem in result.problems:
        print(problem, file=sys.stderr)
    write_output(result.files, site_dir)
    print(f"timeline serve: rebuilt {len(result.events)} events from "
          f"{len(result.articles)} articles", file=sys.stderr)
    return True


def serve(content_dir: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Build into a temporary folder, serve it, and rebuild on every edit until interrupted."""
    from livereload import Server

    workdir = Path(tempfile.mkdtemp(prefix="timeline-serve-"))
    site_dir = workdir / "site"
    try:
        rebuild(content_dir, site_dir)
        server = Server()
        inside = content_dir.resolve()
        watched = [inside] + [d.resolve() for d in default_template_dirs(content_dir)
                              if inside not in d.resolve().parents]
        for folder in watched:
            server.watch(str(folder), lambda: rebuild(content_dir, site_dir), delay=0.2)
        print(f"Serving the preview at http://{host}:{port}/ (Ctrl+C to stop)", file=sys.stderr)
        server.serve(root=str(site_dir), host=host, port=port, open_url_delay=None)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
