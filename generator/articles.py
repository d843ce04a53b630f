"""Read news articles from ``content/articles/``: metadata header and cleaned body."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
import threading
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import markdown
from dateutil import parser as dateparser

from generator.clean import clean_body, stamp_day
from generator.files import read_inside, real, walk
from generator.models import Article, Paragraph, Problem
from generator.text import clean_line, clean_text, is_web_address

ARTICLE_DIR = "articles"
SUFFIXES = {".md", ".markdown", ".txt"}
KNOWN_KEYS = {"title", "date", "publisher", "url", "author"}
MAX_BYTES = 5_000_000  # far above any article; a bigger file is a mistake
# Events are read from this many characters of an article at most (a long book's worth),
# so that no article, whatever it holds, makes the build take more than seconds.
EXTRACTED_CHARS = 300_000
# Markdown is read as plain text when it is larger than this, when its blocks nest deeper
# than MARKDOWN_DEPTH, or when brackets that Markdown matches by scanning ahead ("[", "<",
# "(") would make it scan more than MARKDOWN_SCAN characters: Python-Markdown takes time
# quadratic in the text for unclosed brackets, and recurses once per level of nesting.
MARKDOWN_CHARS = 1_000_000
MARKDOWN_DEPTH = 40
MARKDOWN_SCAN = 4_000_000

# Python-Markdown's meta-data syntax: "Key: value", continuation lines indented 4 spaces,
# optionally fenced by "---" lines; the header ends at the first blank line.
_META = re.compile(r"^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$")
_META_MORE = re.compile(r"^[ ]{4,}(\S.*)$")
_FENCE_OPEN = re.compile(r"^-{3}\s*$")
_FENCE_CLOSE = re.compile(r"^(-{3}|\.{3})\s*$")
_HIDDEN_TAGS = {"script", "style", "template", "noscript"}
_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th"}
# What Markdown may read as more than paragraphs: a line that may open a block (an indent,
# "#", "=", "-", "+", "*", "_", ">", "1. "), a link or reference bracket and HTML, which may
# reach across paragraphs, and tabs and control characters, which it expands or strips.
# A body with none of these is paragraphs that Markdown reads one by one.
_BLOCK_MARKUP = re.compile(r"[\[\]<\x00-\x09\x0b-\x1f\x7f]|^[ #=+*_>-]|^\d+\.[ ]", re.MULTILINE)
# What Markdown may read as markup inside such a paragraph; one without any is plain text.
_INLINE_MARKUP = re.compile(r"[\\`*_&]")  # or a hard line break: see _inline_markup


def _inline_markup(text: str) -> bool:
    """Return whether Markdown may read markup inside a paragraph of text."""
    return "  \n" in text or _INLINE_MARKUP.search(text) is not None


def find_article_files(content_dir: Path) -> list[Path]:
    """Return the article files under the content folder, in a stable order.

    A link leading outside the content folder is left out (``files.escaping_links`` reports
    it), and a folder reached twice through links is read once.
    """
    folder = content_dir / ARTICLE_DIR
    if not folder.is_dir():
        return []
    return sorted(Path(path) for _, path, _ in walk(folder, content_dir)
                  if Path(path).suffix.lower() in SUFFIXES)


def read_articles(content_dir: Path, today: dt.date | None = None, mapper: Callable = map,
                  ) -> tuple[list[Article], list[Problem]]:
    """Read every article; a file that cannot be used is reported and left out.

    today bounds publication dates (a later one is an error); by default, the clock's.
    mapper reads the files, as ``map(read_article, paths, days)`` would: a process
    pool's ``map`` reads them in parallel.
    """
    articles, problems = [], []
    seen: dict[str, Path] = {}
    copies: dict[str, Path] = {}
    paths = find_article_files(content_dir)
    if not paths:
        problems.append(Problem(content_dir / ARTICLE_DIR, None,
                                "no articles (.md or .txt files) found; the timeline is empty"))
    days = [today or dt.date.today()] * len(paths)
    reader = functools.partial(read_article, root=real(content_dir))
    for path, (article, found) in zip(paths, mapper(reader, paths, days), strict=True):
        problems += found
        if article is None:
            continue
        if article.stem in seen:
            problems.append(Problem(path, None, f"same name as {seen[article.stem]}; skipped"))
            continue
        keys = [f"url {article.url.strip().rstrip('/')}"] if article.url else []
        keys.append("text " + " ".join(p.text for p in article.paragraphs))
        if twin := next((copies[k] for k in keys if k in copies), None):
            what = "address" if keys[0] in copies and article.url else "text"
            problems.append(Problem(path, None, f"same article ({what}) as {twin}; skipped"))
            continue
        copies.update(dict.fromkeys(keys, path))
        seen[article.stem] = path
        articles.append(article)
    return articles, problems


def read_article(path: Path, today: dt.date | None = None, root: str | None = None,
                 ) -> tuple[Article | None, list[Problem]]:
    """Read one article file, returning it (or None if unusable) and its problems.

    The file must lie inside root, a resolved folder (by default the one holding it).
    """
    try:
        raw = read_inside(path, root or real(path.parent), MAX_BYTES)
    except OSError as err:
        return None, [Problem(path, None, f"cannot be read ({err.strerror}); skipped")]
    if len(raw) > MAX_BYTES:
        return None, [Problem(path, None, f"larger than {MAX_BYTES // 1_000_000} MB "
                                          "(is it an article?); skipped")]
    if b"\0" in raw[:8192]:
        return None, [Problem(path, None, "a binary file, not text; skipped")]
    problems: list[Problem] = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.append(Problem(path, line, f"not UTF-8 text (byte 0x{raw[err.start]:02x}); "
                                            "read with the bad bytes replaced; save it as UTF-8"))
        text = raw.decode("utf-8-sig", errors="replace")
    text = clean_text(text)  # no control or invisible character reaches the site
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta, body_start, found = parse_header(path, lines)
    problems += found
    body = [(number, line) for number, line in enumerate(lines[body_start:], body_start + 1)]
    if path.suffix.lower() != ".txt":
        body, trouble = _markdown_lines(body)
        if trouble:
            problems.append(Problem(path, None, f"markup {trouble}; read as plain text"))
    headline, paragraphs = clean_body(body, meta.get("title"))
    if not paragraphs:
        problems.append(Problem(path, None, "no article text; skipped"))
        return None, problems
    if (unread := _first_unread(paragraphs)) is not None:
        problems.append(Problem(path, unread.line, f"text longer than {EXTRACTED_CHARS:,} "
                                                   "characters; events are read from the first "
                                                   f"{EXTRACTED_CHARS:,} only"))
    date = None
    if "date" in meta:
        date = _parse_date(meta["date"])
        if date is None:
            problems.append(Problem(path, meta["date_line"],
                                    f"unreadable date '{meta['date']}' (use YYYY-MM-DD); "
                                    "only its absolute dates are used"))
        elif today and date > today:
            problems.append(Problem(path, meta["date_line"],
                                    f"date {date.isoformat()} is in the future; "
                                    "only its absolute dates are used"))
            date = None
    elif (stamped := _stamp_date(body, today)) is not None:
        date, line = stamped
        problems.append(Problem(path, line, f"no 'Date:' header; dated {date.isoformat()} "
                                            "by the page's own date stamp"))
    else:
        date, line = _date_in_text(paragraphs)
        if date is None:
            problems.append(Problem(path, None, "no 'Date:' header, and the text names no single "
                                                "day; only its absolute dates are used"))
        else:
            problems.append(Problem(path, line, f"no 'Date:' header; dated {date.isoformat()}, "
                                                "the only full date in the text"))
    url = meta.get("url")
    if url is not None and not is_web_address(url):
        problems.append(Problem(path, meta["url_line"], f"'URL: {url}' is not an absolute "
                                                        "http(s) address; left out"))
        url = None
    article = Article(
        stem=_stem(path), path=path, title=meta.get("title") or headline, date=date,
        publisher=meta.get("publisher"), url=url, author=meta.get("author"),
        paragraphs=paragraphs,
    )
    return article, problems


def _stem(path: Path) -> str:
    """Return a file's name without extension, bad bytes replaced and invisible characters dropped."""
    name = os.fsencode(path.stem).decode("utf-8", errors="replace")
    digest = hashlib.sha256(os.fsencode(path.name)).hexdigest()[:10]
    return clean_line(name) or f"article-{digest}"  # a name of invisible characters alone


def parse_header(path: Path, lines: list[str]) -> tuple[dict, int, list[Problem]]:
    """Return the header's values, the index of the body's first line, and problems."""
    meta: dict = {}
    problems: list[Problem] = []
    i = 0
    fenced = bool(lines) and bool(_FENCE_OPEN.match(lines[0]))
    if fenced:
        i = 1
    key = None
    while i < len(lines):
        line = lines[i]
        if fenced and _FENCE_CLOSE.match(line):
            return meta, i + 1, problems
        if not line.strip():
            if fenced:
                i += 1
                continue
            return meta, i + 1 if meta else i, problems
        match = _META.match(line)
        if match and (match.group(1).lower() in KNOWN_KEYS or meta or fenced):
            key = match.group(1).lower()
            value = match.group(2).strip()
            if key not in KNOWN_KEYS:
                problems.append(Problem(path, i + 1, f"unknown header key '{match.group(1)}' "
                                                     f"(known: {', '.join(sorted(KNOWN_KEYS))})"))
                key = None
            elif not value:
                problems.append(Problem(path, i + 1, f"empty '{match.group(1)}:' header"))
                key = None
            else:
                if key in meta:
                    problems.append(Problem(path, i + 1, f"'{match.group(1)}:' given twice; "
                                                         "the last one wins"))
                meta[key] = value
                meta[f"{key}_line"] = i + 1
        elif key and _META_MORE.match(line) and key != "date":
            meta[key] += " " + line.strip()
        elif meta or fenced:
            problems.append(Problem(path, i + 1, "malformed header line (expected 'Key: value' "
                                                 "or a blank line before the text); read as text"))
            return meta, i, problems
        else:
            return meta, 0, problems
        i += 1
    if fenced:
        problems.append(Problem(path, 1, "header opened with '---' is never closed"))
    return meta, len(lines), problems


def _stamp_date(body: list[tuple[int, str]], today: dt.date | None,
                ) -> tuple[dt.date, int] | None:
    """Return the day of the page's date stamp ("Last updated at ...") and its line, if any."""
    stamp = stamp_day(body)
    day = _parse_date(stamp[0]) if stamp else None
    if stamp is None or day is None or (today and day > today):
        return None
    return day, stamp[1]


def _date_in_text(paragraphs: list[Paragraph]) -> tuple[dt.date | None, int | None]:
    """Return the one full date (day, month and year) the text gives, if it gives exactly one."""
    from generator.temporal import tag  # the tagger is heavy; only undated articles need it

    days: dict[dt.date, int] = {}
    unread = _first_unread(paragraphs)
    for paragraph in paragraphs:
        if paragraph is unread:
            break
        for timex in tag(paragraph.text, None):
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", timex.value):
                day = _parse_date(timex.value)
                if day:
                    days.setdefault(day, paragraph.line)
    if len(days) != 1:
        return None, None
    (day, line), = days.items()
    return day, line


def extracted_text(article: Article) -> str:
    """Return the article's text that events are read from: at most EXTRACTED_CHARS, whole paragraphs."""
    text = article.text
    if len(text) <= EXTRACTED_CHARS:
        return text
    return text[:max(0, text.rfind("\n\n", 0, EXTRACTED_CHARS + 1))] or text[:EXTRACTED_CHARS]


def _first_unread(paragraphs: list[Paragraph]) -> Paragraph | None:
    """Return the first paragraph that extracted_text leaves out, if any."""
    size = -2
    for paragraph in paragraphs:
        size += len(paragraph.text) + 2
        if size > EXTRACTED_CHARS:
            return paragraph
    return None


def _parse_date(value: str) -> dt.date | None:
    """Return the day a header date names, or None if it does not name one day."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", value.strip()):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    # Parse twice with different defaults: a field the text lacks would take the default,
    # so the two results differ unless the text names a whole day.
    try:
        first = dateparser.parse(value, default=dt.datetime(2000, 1, 1))
        second = dateparser.parse(value, default=dt.datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        return None
    return first.date() if first.date() == second.date() else None


class _BlockText(HTMLParser):
    """Collect the text of each block element of rendered Markdown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._depth = 0
        self._hidden = 0
        self._parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
        if tag in _BLOCK_TAGS:
            self._flush()
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        if tag in _BLOCK_TAGS:
            self._flush()
            self._depth = max(0, self._depth - 1)

    def handle_data(self, data: str) -> None:
        if self._depth and not self._hidden:  # a script's code is not the article's text
            self._parts.append(data)

    def _flush(self) -> None:
        text = "".join(self._parts).strip()
        if text:
            self.blocks.append(text)
        self._parts = []


class _Converter(threading.local):
    """A Markdown converter for each thread, reset between texts: building one takes time."""

    def __init__(self) -> None:
        self.markdown = markdown.Markdown()

    def blocks(self, source: str) -> list[str]:
        """Return the text of each block (paragraph, heading, list item ...) of a Markdown text."""
        parser = _BlockText()
        parser.feed(self.markdown.reset().convert(source))
        parser.close()
        return parser.blocks


_CONVERTER = _Converter()


def _markdown_blocks(source: str) -> list[str]:
    """Return the text of each block of a Markdown text, converting only what holds markup."""
    if _BLOCK_MARKUP.search(source):
        return _CONVERTER.blocks(source)
    blocks: list[str] = []
    for chunk in source.split("\n\n"):
        if _inline_markup(chunk):
            blocks += _CONVERTER.blocks(chunk)
        elif text := chunk.strip():
            blocks.append(text)
    return blocks


def _markdown_lines(body: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], str | None]:
    """Return the plain text of a Markdown body as numbered lines, blocks apart.

    The second value says why the body was read as plain text instead, if it was.
    """
    source = "\n".join(line for _, line in body)
    trouble = _markdown_trouble(source)
    if trouble is None:
        try:
            blocks = _markdown_blocks(source)
        except RecursionError:
            trouble = "too deeply nested"
            _CONVERTER.markdown = markdown.Markdown()  # the old one is left broken
    if trouble is not None:
        return body, trouble
    out: list[tuple[int, str]] = []
    cursor = 0
    for block in blocks:
        number = body[0][0] if body else 1
        probe = block.split("\n", 1)[0][:20]
        # A block is looked for in the lines that follow the last one found, not in all
        # of them, so that blocks Markdown rewrote (entities) cost no scan to the end.
        for j in range(cursor, min(len(body), cursor + _LOOK_AHEAD)):
            if probe and probe in body[j][1]:
                number, cursor = body[j][0], j
                break
        for k, line in enumerate(block.split("\n")):
            out.append((number + k, line))
        out.append((number, ""))
    return out, None


_LOOK_AHEAD = 500  # lines
# The markers that open a nested block at the start of a line: a quote, a list item.
_NESTING = re.compile(r"[ \t]*(?:>|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t]))")
_SCANNED = re.compile(r"[\[\]<>()\n]")


def _markdown_trouble(source: str) -> str | None:
    """Return why Markdown would take too long or too deep a recursion on source, if it would."""
    if len(source) > MARKDOWN_CHARS and (_BLOCK_MARKUP.search(source)
                                         or _inline_markup(source)):
        return "too large"
    for line in source.split("\n"):
        depth, at = 0, 0
        while depth <= MARKDOWN_DEPTH and (m := _NESTING.match(line, at)) and m.end() > at:
            depth, at = depth + 1, m.end()
        if depth > MARKDOWN_DEPTH:
            return "too deeply nested"
    if _bracket_scan(source) > MARKDOWN_SCAN:
        return "too large (unclosed brackets)"
    return None


def _bracket_scan(source: str) -> int:
    """Return about how many characters Markdown scans to match the text's brackets.

    Each "[" is matched with its "]", each "<" with the next ">" and each "(" with the
    next ")" within a paragraph; an unclosed one is scanned to the paragraph's end.
    """
    total = 0
    squares: list[int] = []
    pending = {"<": [0, 0], "(": [0, 0]}  # opener -> [count, sum of offsets] since its closer
    closer = {">": "<", ")": "("}
    blank = -2  # offset of the last line break, to find blank lines

    def close_all(at: int) -> None:
        nonlocal total
        total += sum(at - s for s in squares)
        squares.clear()
        for opened in pending.values():
            total += opened[0] * at - opened[1]
            opened[0] = opened[1] = 0

    for m in _SCANNED.finditer(source):
        char, at = m.group(), m.start()
        if char == "[":
            squares.append(at)
        elif char == "]":
            if squares:
                total += at - squares.pop()
        elif char in pending:
            pending[char][0] += 1
            pending[char][1] += at
        elif char in closer:
            opened = pending[closer[char]]
            total += opened[0] * at - opened[1]
            opened[0] = opened[1] = 0
        else:  # a line break: a second one in a row ends the paragraph
            if not source[blank + 1:at].strip():
                close_all(at)
            blank = at
    close_all(len(source))
    return total
