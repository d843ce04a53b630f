"""Every link and resource reference inside the built site leads somewhere that exists.

Links are relative (the site is served from a sub-path in the browser tests); each path must be
a file of the site, and each #fragment an id of the page it points into.
"""

from __future__ import annotations

import functools
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

REFERENCE_ATTRS = {"href", "src", "poster", "action", "data"}
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data", "javascript", "webcal", "feed"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[int, str, str, str]] = []  # (line, tag, attribute, value)

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in REFERENCE_ATTRS:
                self.refs.append((line, tag, name, value))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.refs.append((line, tag, name, candidate.split()[0]))

    handle_startendtag = handle_starttag


@functools.cache
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _broken_links(site_dir: Path) -> list[str]:
    broken = []
    for file in sorted(site_dir.rglob("*.html")):
        rel = file.relative_to(site_dir).as_posix()
        for line, tag, attr, value in _parse(file).refs:
            where = f"{rel}:{line}: <{tag} {attr}={value!r}>"
            parts = urlsplit(value.strip())
            if parts.scheme or parts.netloc:
                if parts.scheme.lower() not in EXTERNAL_SCHEMES and not parts.netloc:
                    broken.append(f"{where}: unknown scheme")
                continue
            path = unquote(parts.path)
            if path.startswith("/"):
                broken.append(f"{where}: root-relative, breaks when the site is not at the server's root")
                continue
            if path:
                target_rel = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
                if path.endswith("/"):
                    target_rel = posixpath.join(target_rel, "index.html")
                if target_rel == ".." or target_rel.startswith("../"):
                    broken.append(f"{where}: points outside the site")
                    continue
                target = site_dir / target_rel
            else:
                target = file
            if not target.is_file():
                broken.append(f"{where}: no such file {target.relative_to(site_dir).as_posix()}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in _parse(target).ids:
                broken.append(f"{where}: no id {fragment!r} in {target.relative_to(site_dir).as_posix()}")
    return broken


def test_every_relative_link_and_resource_exists(site_dir):
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) > 5, f"only {len(pages)} pages built"
    broken = _broken_links(site_dir)
    assert not broken, f"{len(broken)} broken references:\n  " + "\n  ".join(broken)


def test_the_link_checker_catches_a_missing_file_and_a_missing_id(tmp_path):
    (tmp_path / "index.html").write_text(
        '<p id="here"><a href="#here">ok</a> <a href="gone.html">x</a> <a href="#nowhere">y</a>'
        ' <a href="/root.html">z</a> <a href="https://example.org/">ext</a></p>', encoding="utf-8")
    broken = _broken_links(tmp_path)
    assert len(broken) == 3, broken
    assert any("gone.html" in b for b in broken)
    assert any("'nowhere'" in b for b in broken)
    assert any("root-relative" in b for b in broken)
