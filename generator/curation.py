"""Apply the maintainers' corrections in ``content/curation.toml`` to the merged entries.

Curation is keyed by entry id, so it survives rebuilds and new articles. Every part is
optional; a part that cannot be used is reported as a ``FILE:LINE`` warning and skipped,
and the rest still applies::

    [[entry]]                    # change one entry, named by its id
    id = "2024-06-01-leaders-sign-pact"
    title = "Leaders sign mutual defence pact"
    date = "2024-06-19"          # YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-SU, YYYY-Www, ...
    category = "agreement"
    summary = "The two leaders signed the pact in Geneva."
    disputed = false             # set or clear the "Disputed" mark
    status = "planned"           # or "expected": not yet happened; "done" clears it
    pin = true                   # always a key event
    hide = true                  # leave it out of the site (wins over everything else)

    [[merge]]                    # one event: the first id survives with every source
    ids = ["2024-06-01-leaders-sign-pact", "2024-06-02-pact-signed-geneva"]

    [[split]]                    # move these articles' quotes out into a new entry
    id = "2025-04-26-rebels-seize-capital"
    articles = ["daily-news-2025-04-28"]     # article file names without extension
    title = "Government flees the capital"   # optional; else the old title
    date = "2025-04-25"                      # optional; else the old date

    [[add]]                      # an entry no article sentence yields, with its citation
    date = "2025-04-30"
    title = "Parliament dissolved"
    summary = "The president dissolved parliament."   # optional; else the quote
    category = "statement"                            # optional; default "event"
    [add.source]
    quote = "The president dissolved parliament on Wednesday."   # verbatim
    article = "daily-news-2025-05-01"  # optional: an article in content/articles
    publisher = "Daily News"           # required without article; else the article's
    title = "Parliament dissolved"     # optional; else the article's
    url = "https://example.org/dissolved"   # optional; else the article's

Dates may also be TOML dates (``date = 2025-04-30``).

Order: additions first, then merges, splits and entry changes, so that each step can
name what the steps before it made. A split entry's id is ``<old id>-split`` (then
``-split-2``, ...); an added entry's id is ``<start>-<slug of title>`` like a merged
entry's, with ``-2``, ``-3`` if taken. An id that a merge absorbed is still accepted by a
later merge (it names the survivor), but an ``[[entry]]`` or ``[[split]]`` naming it warns.
A hidden id is left out of merges (with a warning); a hidden entry may still be split,
which keeps the split part visible unless its own id is hidden too.

Importance: an entry's sources are rescored as the merge step scores them (one per
article plus a quarter per further quote), keeping the share the entry had for the
coverage of its days; a redated split part or an added entry has no such share. A plan
(an entry whose status is planned or expected) counts NOT_DONE_WEIGHT of that, as merging
weighs it; setting or clearing its status rescales it.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.files import OutsideError, read_inside, real
from generator.merge import _slug, event_status, source_score, status_weight
from generator.models import Article, Event, Problem, Source
from generator.temporal.values import describe, span
from generator.text import clean_line, clean_text, is_web_address, quoted

CURATION_FILE = "curation.toml"
MAX_LINE = 300  # characters of a title, an outlet or an article name
MAX_PROSE = 2000  # characters of a summary or a quote
MAX_LABEL = 40  # characters of a category
DATE_FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-SP/SU/FA/WI or YYYY-Www"


@dataclass(frozen=True)
class EntryEdit:
    """Changes to one entry, named by its id."""

    id: str
    line: int | None
    title: str | None = None
    date: str | None = None
    category: str | None = None
    summary: str | None = None
    hide: bool = False
    pin: bool | None = None
    disputed: bool | None = None
    status: str | None = None  # "planned", "expected", or "done" to clear the status


@dataclass(frozen=True)
class MergeRule:
    """Entries that tell one event; the first id survives."""

    ids: tuple[str, ...]
    line: int | None


@dataclass(frozen=True)
class SplitRule:
    """Articles whose quotes move out of an entry into a new one."""

    id: str
    articles: tuple[str, ...]
    line: int | None
    articles_line: int | None = None
    title: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class ManualSource:
    """The citation of an added entry."""

    quote: str
    article: str | None = None
    publisher: str | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Addition:
    """An entry written by hand, with its citation."""

    date: str
    title: str
    source: ManualSource
    line: int | None
    summary: str | None = None
    category: str = "event"
    article_line: int | None = None
    quote_line: int | None = None


@dataclass(frozen=True)
class Curation:
    """Everything ``curation.toml`` asks for, with the file it came from."""

    path: Path
    entries: tuple[EntryEdit, ...] = ()
    merges: tuple[MergeRule, ...] = ()
    splits: tuple[SplitRule, ...] = ()
    additions: tuple[Addition, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.entries or self.merges or self.splits or self.additions)


# --- Reading the file ------------------------------------------------------------------

_ID = "an entry id (letters, digits, '-', '_' and '.')"
_NAME = f"a non-empty line of at most {MAX_LINE} characters"
_PROSE = f"a non-empty string of at most {MAX_PROSE} characters"
_LABEL = f"a label of letters, digits, spaces and hyphens, at most {MAX_LABEL} characters"
_URL = "an http(s) address"
_DATE = "a date"
_BOOL = "true or false"
_IDS = "a non-empty list of entry ids"
_NAMES = "a non-empty list of article names"
_TABLE = "a table"
_STATUS = '"planned", "expected" or "done"'
_STATUSES = ("planned", "expected", "done")
# kind: (key -> expected, required keys)
_SPECS: dict[str, tuple[dict[str, str], set[str]]] = {
    "entry": ({"id": _ID, "title": _NAME, "date": _DATE, "category": _LABEL,
               "summary": _PROSE, "hide": _BOOL, "pin": _BOOL, "disputed": _BOOL,
               "status": _STATUS}, {"id"}),
    "merge": ({"ids": _IDS}, {"ids"}),
    "split": ({"id": _ID, "articles": _NAMES, "title": _NAME, "date": _DATE},
              {"id", "articles"}),
    "add": ({"date": _DATE, "title": _NAME, "summary": _PROSE, "category": _LABEL,
             "source": _TABLE}, {"date", "title", "source"}),
    "add.source": ({"quote": _PROSE, "article": _NAME, "publisher": _NAME, "title": _NAME,
                    "url": _URL}, {"quote"}),
}
# The forms DATE_FORMS names, and the decades and centuries the site shows: nothing after.
_DATE_VALUE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI)|-W\d{2}(?:-WE)?)?"
                         r"|\d{3}X?|\d{2}(?:XX)?")
_ID_VALUE = re.compile(r"[A-Za-z0-9_.-]{1,200}")
_LABEL_VALUE = re.compile(rf"[^\W_](?:[^\W_]|[ -]){{0,{MAX_LABEL - 1}}}")

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_\-]+(?:\s*\.\s*[A-Za-z0-9_\-]+)*)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+(?:\s*\.\s*[A-Za-z0-9_\-]+)*)\s*=")


@dataclass
class _Lines:
    """Where one table of the file starts and where each of its keys is written."""

    line: int | None
    keys: dict[str, int] = field(default_factory=dict)

    def at(self, key: str | None = None) -> int | None:
        """Return the line of a key (``source.quote``), else of its table, else of the table."""
        if key:
            for name in (key, key.split(".")[0]):
                if name in self.keys:
                    return self.keys[name]
        return self.line


def _scan(text: str) -> tuple[_Lines, dict[str, list[_Lines]]]:
    """Return the line numbers of the top-level keys and of each ``[[kind]]`` table's keys."""
    root = _Lines(None)
    arrays: dict[str, list[_Lines]] = {}
    current, prefix, open_string = root, "", None
    for number, line in enumerate(text.splitlines(), 1):
        if open_string:
            if line.count(open_string) % 2:
                open_string = None
            continue
        if m := _HEADER.match(line):
            name = re.sub(r"\s+", "", m[2])
            head, _, sub = name.partition(".")
            if m[1] == "[[" and not sub:
                current, prefix = _Lines(number), ""
                arrays.setdefault(name, []).append(current)
            elif sub and arrays.get(head):
                current, prefix = arrays[head][-1], sub + "."
                current.keys.setdefault(sub, number)
            else:
                current, prefix = _Lines(number), ""
                root.keys.setdefault(head, number)
            continue
        if m := _KEY.match(line):
            current.keys.setdefault(prefix + re.sub(r"\s+", "", m[1]), number)
        for delimiter in ('"""', "'''"):
            if line.count(delimiter) % 2:
                open_string = delimiter
                break
    return root, arrays


def _toml_line(err: tomllib.TOMLDecodeError) -> int | None:
    match = re.search(r"line (\d+)", str(err))
    return int(match.group(1)) if match else None


def load_curation(content_dir: Path) -> tuple[Curation, list[Problem]]:
    """Return the curation in ``content_dir/curation.toml`` and what is wrong with it."""
    path = content_dir / CURATION_FILE
    empty = Curation(path)
    try:
        text = read_inside(path, real(content_dir)).decode("utf-8-sig")
        data = tomllib.loads(text)
    except (FileNotFoundError, OutsideError):  # files.escaping_links reports a link outside
        return empty, []
    except OSError as err:
        return empty, [Problem(path, None, f"cannot read ({err.strerror}); no curation applied")]
    except UnicodeDecodeError:
        return empty, [Problem(path, None, "not UTF-8 text; no curation applied")]
    except tomllib.TOMLDecodeError as err:
        return empty, [Problem(path, _toml_line(err), f"invalid TOML ({err}); "
                                                       "no curation applied")]
    except RecursionError:  # tomllib recurses once per level of nested arrays or tables
        return empty, [Problem(path, None, "invalid TOML (nested too deeply); "
                                           "no curation applied")]
    root, arrays = _scan(text)
    problems: list[Problem] = []
    found: dict[str, list] = {kind: [] for kind in ("entry", "merge", "split", "add")}
    for kind, items in data.items():
        first = arrays[kind][0].line if arrays.get(kind) else root.at(kind)
        if kind not in found:
            problems.append(Problem(path, first, f"unknown key '{kind}' (the file holds [[entry]], "
                                    "[[merge]], [[split]] and [[add]] tables); skipped"))
            continue
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            problems.append(Problem(path, first,
                                    f"'{kind}' must be written as [[{kind}]] tables; skipped"))
            continue
        tables = arrays.get(kind, [])
        if len(tables) != len(items):  # written inline: only the key's line is known
            tables = [_Lines(root.at(kind)) for _ in items]
        reader = _READERS[kind]
        for item, lines in zip(items, tables, strict=True):
            values = _checked(item, kind, lines, path, problems)
            if values is not None and (made := reader(values, lines, path, problems)):
                found[kind].append(made)
    _check_repeated_ids(found["entry"], path, problems)
    return Curation(path, tuple(found["entry"]), tuple(found["merge"]), tuple(found["split"]),
                    tuple(found["add"])), problems


def _checked(table: dict, kind: str, lines: _Lines, path: Path,
             problems: list[Problem]) -> dict | None:
    """Return a table's values, dates as TIMEX3 strings, or None if any is unusable."""
    expected, required = _SPECS[kind]
    prefix = kind.partition(".")[2] + "." if "." in kind else ""
    header = f"[{kind}]" if prefix else f"[[{kind}]]"
    skipped = f"this [[{kind.partition('.')[0]}]] is skipped"
    values, ok = {}, True
    for key, value in table.items():
        where = lines.at(prefix + key)
        if key not in expected:
            problems.append(Problem(path, where, f"unknown key '{key}' in {header} "
                                    f"(expected {', '.join(expected)}); {skipped}"))
            ok = False
            continue
        usable = _value(value, expected[key])
        if usable is None:
            # Each key of an [[entry]] is an edit of its own: a bad one is ignored, the others
            # apply. The keys of other tables make one thing together: the table is skipped.
            alone = kind == "entry" and key not in required
            detail = f" such as {DATE_FORMS}" if expected[key] == _DATE else ""
            problems.append(Problem(path, where, f"'{key}' in {header} must be "
                                    f"{expected[key]}{detail}, not {quoted(value)}; "
                                    f"{'the value is ignored' if alone else skipped}"))
            ok = ok and alone
            continue
        values[key] = usable
    for key in sorted(required - table.keys()):
        problems.append(Problem(path, lines.at(prefix.rstrip(".") or None),
                                f"{header} lacks '{key}'; {skipped}"))
        ok = False
    return values if ok else None


def _value(value: object, expected: str) -> object | None:
    """Return a value in the form its key expects, cleaned, or None if it is unusable."""
    if expected == _BOOL:
        return value if isinstance(value, bool) else None
    if expected == _TABLE:
        return value if isinstance(value, dict) else None
    if expected == _STATUS:
        status = value.strip().lower() if isinstance(value, str) else None
        return status if status in _STATUSES else None
    if expected in (_IDS, _NAMES):
        item = _ID if expected == _IDS else _NAME
        if not isinstance(value, list) or not value:
            return None
        items = [_value(v, item) for v in value]
        return tuple(dict.fromkeys(items)) if None not in items else None
    if expected == _DATE:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.isoformat()
        ok = isinstance(value, str) and _DATE_VALUE.fullmatch(value.strip()) and span(value.strip())
        return value.strip() if ok else None
    if not isinstance(value, str):
        return None
    if expected == _PROSE:
        text = clean_text(value).strip()
        return text if text and len(text) <= MAX_PROSE else None
    if expected == _ID:  # names an entry as written: nothing to repair
        return value.strip() if _ID_VALUE.fullmatch(value.strip()) else None
    if expected == _URL:
        return value.strip() if is_web_address(value.strip()) else None
    text = clean_line(value)
    if expected == _LABEL:
        return text if _LABEL_VALUE.fullmatch(text) else None
    return text if text and len(text) <= MAX_LINE else None


def _read_entry(values: dict, lines: _Lines, path: Path, problems: list[Problem]) -> EntryEdit:
    return EntryEdit(line=lines.at("id"), **values)


def _read_merge(values: dict, lines: _Lines, path: Path,
                problems: list[Problem]) -> MergeRule | None:
    if len(values["ids"]) < 2:
        problems.append(Problem(path, lines.at("ids"),
                                "[[merge]] needs two different ids or more; skipped"))
        return None
    return MergeRule(values["ids"], lines.at("ids"))


def _read_split(values: dict, lines: _Lines, path: Path, problems: list[Problem]) -> SplitRule:
    return SplitRule(line=lines.at("id"), articles_line=lines.at("articles"), **values)


def _read_add(values: dict, lines: _Lines, path: Path,
              problems: list[Problem]) -> Addition | None:
    source = _checked(values.pop("source"), "add.source", lines, path, problems)
    if source is None:
        return None
    if "article" not in source and "publisher" not in source:
        problems.append(Problem(path, lines.at("source"), "[add.source] needs 'article' or "
                                "'publisher' to name who said it; this [[add]] is skipped"))
        return None
    return Addition(source=ManualSource(**source), line=lines.at(), **values,
                    article_line=lines.at("source.article"), quote_line=lines.at("source.quote"))


_READERS: dict[str, Callable] = {"entry": _read_entry, "merge": _read_merge,
                                 "split": _read_split, "add": _read_add}


def _check_repeated_ids(edits: list[EntryEdit], path: Path, problems: list[Problem]) -> None:
    """Warn about [[entry]] tables that name an id named before (both still apply)."""
    first: dict[str, int | None] = {}
    for edit in edits:
        if edit.id in first:
            problems.append(Problem(path, edit.line, f"another [[entry]] for '{edit.id}' "
                                    f"(line {first[edit.id]}); where both set a key, "
                                    "this one wins"))
        first.setdefault(edit.id, edit.line)


# --- Applying it -------------------------------------------------------------------------

Warn = Callable[[int | None, str], None]


def apply_curation(events: list[Event], articles: list[Article],
                   curation: Curation) -> tuple[list[Event], list[Problem]]:
    """Return curated copies of the entries, sorted by date, and warnings about the curation."""
    problems: list[Problem] = []

    def warn(line: int | None, message: str) -> None:
        problems.append(Problem(curation.path, line, message))

    entries = {e.id: replace(e, sources=list(e.sources)) for e in events}
    library = {a.stem: a for a in articles}
    for addition in curation.additions:
        if (made := _added(addition, library, warn)) is None:
            continue
        made.id = _free_id(f"{made.start.isoformat()}-{_slug(made.title)}", entries)
        entries[made.id] = made
    hidden = {edit.id for edit in curation.entries if edit.hide}
    absorbed: dict[str, str] = {}  # merged-away id -> the id that absorbed it
    for rule in curation.merges:
        _merge(rule, entries, hidden, absorbed, warn)
    for rule in curation.splits:
        _split(rule, entries, absorbed, warn)
    for edit in curation.entries:
        _edit(edit, entries, absorbed, warn)
    curated = [e for e in entries.values() if e.id not in hidden]
    curated.sort(key=lambda e: (e.start, e.end, e.title))
    return curated, problems


def _target(event_id: str, entries: dict[str, Event], absorbed: dict[str, str],
            line: int | None, what: str, warn: Warn) -> Event | None:
    """Return the entry an id names, or warn that it names none."""
    if event_id in entries:
        return entries[event_id]
    if event_id in absorbed:
        warn(line, f"entry '{event_id}' was merged into '{_survivor(event_id, absorbed)}'; "
                   f"this {what} names it, so it changes nothing")
    else:
        warn(line, f"no entry has the id '{event_id}'; this {what} changes nothing")
    return None


def _survivor(event_id: str, absorbed: dict[str, str]) -> str:
    while event_id in absorbed:
        event_id = absorbed[event_id]
    return event_id


def _days(value: str, line: int | None, warn: Warn) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day a date value covers, or warn that it names none."""
    days = span(value)
    if days is None:
        warn(line, f"'{value}' is not a date such as {DATE_FORMS}; it is ignored")
    return days


def _free_id(base: str, entries: dict[str, Event], absorbed: dict[str, str] | None = None) -> str:
    """Return base, or base-2, base-3, ... whichever no entry has, nor had before a merge."""
    candidate, n = base, 1
    while candidate in entries or candidate in (absorbed or {}):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _rescored(event: Event, sources: list[Source], same_days: bool = True,
              status: str | None | bool = False) -> float:
    """Return an entry's importance with other sources, keeping its share for its days.

    A plan counts a share of what a fact would (status_weight), by the entry's status, or
    by status where given (None: a fact).
    """
    status = event.status if status is False else status
    whole = event.importance / status_weight(event.status)
    days = max(0.0, whole - source_score(event.sources)) if same_days else 0.0
    return round((source_score(sources) + days) * status_weight(status), 2)


def _outlet(source: Source) -> str:
    return source.publisher or source.title or source.article


def _merge(rule: MergeRule, entries: dict[str, Event], hidden: set[str],
           absorbed: dict[str, str], warn: Warn) -> None:
    ids: list[str] = []
    for named in rule.ids:
        event_id = _survivor(named, absorbed)
        if named in hidden or event_id in hidden:
            warn(rule.line, f"entry '{named}' is hidden; it is left out of this [[merge]]")
        elif event_id not in entries:
            warn(rule.line, f"no entry has the id '{named}'; it is left out of this [[merge]]")
        elif event_id not in ids:
            ids.append(event_id)
    if len(ids) < 2:
        return
    keep, others = entries[ids[0]], [entries.pop(i) for i in ids[1:]]
    absorbed.update(dict.fromkeys(ids[1:], keep.id))
    sources, seen = [], set()
    for s in keep.sources + [s for o in others for s in o.sources]:
        if (s.article, s.quote) not in seen:
            seen.add((s.article, s.quote))
            sources.append(s)
    note = keep.date_note
    differ = [o for o in others if o.end < keep.start or o.start > keep.end]
    if differ and note is None:
        parts = sorted({f"{describe(o.date)} ({_outlet(s)})" for o in differ
                        for s in ([s for s in o.sources if s.date_text] or o.sources)})
        note = f"Sources differ on the date: {'; '.join(parts)}, against {describe(keep.date)}."
    # A plan only if every entry merged is one: one telling it done makes it a fact.
    status = event_status(e.status for e in [keep, *others])
    entries[keep.id] = replace(keep, sources=sources,
                               importance=_rescored(keep, sources, status=status), status=status,
                               disputed=keep.disputed or any(o.disputed for o in others),
                               pinned=keep.pinned or any(o.pinned for o in others),
                               date_note=note)


def _split(rule: SplitRule, entries: dict[str, Event], absorbed: dict[str, str],
           warn: Warn) -> None:
    event = _target(rule.id, entries, absorbed, rule.line, "[[split]]", warn)
    if event is None:
        return
    cited = {s.article for s in event.sources}
    for stem in rule.articles:
        if stem not in cited:
            warn(rule.articles_line, f"entry '{rule.id}' cites no article '{stem}'; "
                                     "there is nothing of it to split out")
    moving = [s for s in event.sources if s.article in rule.articles]
    staying = [s for s in event.sources if s.article not in rule.articles]
    if not moving:
        return
    if not staying:
        warn(rule.line, f"splitting {', '.join(rule.articles)} out of '{rule.id}' would leave "
                        "it without sources; this [[split]] changes nothing")
        return
    quotes = {s.quote for s in moving}
    value, start, end = event.date, event.start, event.end
    if rule.date and (days := _days(rule.date, rule.line, warn)):
        value, (start, end) = rule.date, days
    part = replace(event, id=_free_id(f"{event.id}-split", entries, absorbed),
                   title=rule.title or event.title,
                   summary=event.summary if event.summary in quotes else moving[0].quote,
                   date=value, start=start, end=end, sources=moving, pinned=False,
                   importance=_rescored(event, moving, same_days=value == event.date),
                   date_note=None)
    entries[event.id] = replace(
        event, sources=staying, importance=_rescored(event, staying),
        summary=staying[0].quote if event.summary in quotes else event.summary)
    entries[part.id] = part


def _edit(edit: EntryEdit, entries: dict[str, Event], absorbed: dict[str, str],
          warn: Warn) -> None:
    event = _target(edit.id, entries, absorbed, edit.line, "[[entry]]", warn)
    if event is None:
        return
    changes: dict[str, object] = {}
    for key in ("title", "category", "summary"):
        if getattr(edit, key) is not None:
            changes[key] = getattr(edit, key)
    if edit.date is not None and (days := _days(edit.date, edit.line, warn)):
        # The maintainer's date settles any disagreement between the sources.
        changes.update(date=edit.date, start=days[0], end=days[1], date_note=None)
    if edit.pin is not None:
        changes["pinned"] = edit.pin
    if edit.disputed is not None:
        changes["disputed"] = edit.disputed
    if edit.status is not None:
        status = None if edit.status == "done" else edit.status
        changes.update(status=status, importance=_rescored(event, event.sources, status=status))
    entries[event.id] = replace(event, **changes)


def _added(addition: Addition, library: dict[str, Article], warn: Warn) -> Event | None:
    """Return the entry an [[add]] writes, its id still to be given."""
    days = _days(addition.date, addition.line, warn)
    if days is None:
        return None
    cited = addition.source
    article = library.get(cited.article) if cited.article else None
    if cited.article and article is None:
        warn(addition.article_line, f"no article '{cited.article}' in the articles folder; "
                                    f"the source of '{addition.title}' is kept without a link to it")
    if article is not None and " ".join(cited.quote.split()) not in " ".join(article.text.split()):
        warn(addition.quote_line, f"the quote of '{addition.title}' is not found word for word "
                                  f"in article '{article.stem}'")
    source = Source(
        # Without an article, a name that no content file can have keeps outlets apart.
        article=cited.article or f"curation:{_slug(cited.publisher or '')}",
        publisher=cited.publisher or (article.publisher if article else None),
        title=cited.title or (article.title if article else None),
        url=cited.url or (article.url if article else None),
        quote=cited.quote, date_text=None, article_date=article.date if article else None)
    return Event(id="", title=addition.title, summary=addition.summary or cited.quote,
                 date=addition.date, start=days[0], end=days[1], category=addition.category,
                 importance=round(source_score([source]), 2), sources=[source])
