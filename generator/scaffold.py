"""Start a new article file: ``timeline new "Title"`` writes its header for the text to follow."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from generator.articles import ARTICLE_DIR, SUFFIXES

MAX_SLUG = 60
FALLBACK_SLUG = "article"
SUFFIX = ".md"
# An HTML comment: seen by whoever opens the file, dropped with the Markdown's markup, so an
# article left unfilled is reported as having no text instead of publishing this line.
PLACEHOLDER = "<!-- Paste the article's text below this line, as it was published. -->"
# Names Windows reserves whatever their extension; a file so named cannot be opened there.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def slugify(title: str, limit: int = MAX_SLUG) -> str:
    """Return a file name stem for a title: lowercase ASCII words joined by ``-``.

    Accents are stripped ("Émeute" gives "emeute"); everything but letters and digits
    separates words, so the stem never holds a path separator or "..". It is at most
    ``limit`` characters, cut at a word boundary where one exists, and never empty.
    """
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))
    if len(slug) > limit:
        cut = slug[:limit]
        slug = cut.rsplit("-", 1)[0] if slug[limit] != "-" and "-" in cut else cut
        slug = slug.strip("-")
    if slug in _RESERVED:
        slug = f"{slug}-{FALLBACK_SLUG}"
    return slug or FALLBACK_SLUG


def _one_line(value: str) -> str:
    """Return a header value on one line: a line break would end the header."""
    return " ".join(value.split())


def header_text(title: str, date: dt.date, publisher: str | None = None,
                url: str | None = None) -> str:
    """Return a new article file's text: its header, a blank line and the placeholder."""
    lines = [f"Title: {_one_line(title)}", f"Date: {date.isoformat()}"]
    if publisher and _one_line(publisher):
        lines.append(f"Publisher: {_one_line(publisher)}")
    if url and _one_line(url):
        lines.append(f"URL: {_one_line(url)}")
    return "\n".join(lines) + "\n\n" + PLACEHOLDER + "\n"


def free_name(slug: str, taken: set[str]) -> str:
    """Return ``slug``, else ``slug-2``, ``slug-3``... the first stem not in ``taken``.

    ``taken`` holds lowercase stems: two articles with the same stem would collide in the
    build (one page per stem) even with different suffixes or folders.
    """
    name, n = slug, 1
    while name.lower() in taken:
        n += 1
        name = f"{slug}-{n}"
    return name


def taken_stems(folder: Path) -> set[str]:
    """Return the lowercase stems of every file under ``folder`` the build would read."""
    if not folder.is_dir():
        return set()
    return {p.stem.lower() for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES}


def create_article(content_dir: Path, title: str, date: dt.date, publisher: str | None = None,
                   url: str | None = None) -> Path:
    """Write a new article file under ``content_dir/articles`` and return its path.

    The folder is created if missing; an existing file is never overwritten (the file is
    created exclusively, so not even by a file that appears meanwhile).
    """
    folder = content_dir / ARTICLE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    text = header_text(title, date, publisher, url)
    slug = slugify(title)
    taken = taken_stems(folder)
    while True:
        path = folder / f"{free_name(slug, taken)}{SUFFIX}"
        try:
            with path.open("x", encoding="utf-8", newline="\n") as file:
                file.write(text)
        except FileExistsError:
            taken.add(path.stem.lower())
            continue
        return path
