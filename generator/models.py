"""Plain data passed between the pipeline's stages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.text import printable


@dataclass(frozen=True)
class Site:
    """Site-wide settings from ``content/site.toml``."""

    title: str = "Timeline"
    description: str = ""
    base_url: str = ""
    language: str = "en"
    show_full_text: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A cleaned paragraph of an article's body, with its first line in the source file."""

    text: str
    line: int


@dataclass
class Article:
    """One news article read from ``content/articles/``."""

    stem: str
    path: Path
    title: str | None
    date: dt.date | None
    publisher: str | None
    url: str | None
    author: str | None
    paragraphs: list[Paragraph]

    @property
    def text(self) -> str:
        """Return the cleaned body as one string, paragraphs separated by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def label(self) -> str:
        """Return the title, else the text's opening words, to name an article to readers."""
        if self.title:
            return self.title
        words = self.paragraphs[0].text.split() if self.paragraphs else []
        if not words:
            return self.stem
        label = " ".join(words[:9])
        if len(label) > 80:  # a text of long "words" (no spaces) names itself in a line
            cut = label.rfind(" ", 0, 80)
            return label[:cut if cut > 0 else 80].rstrip(",;:.") + "…"
        return label.rstrip(",;:.") + ("…" if len(words) > 9 else "")

    @property
    def display_name(self) -> str:
        """Return the outlet, else the article's label."""
        return self.publisher or self.label


@dataclass(frozen=True)
class Timex:
    """A temporal expression: TimeML TIMEX3 type and value, with offsets into the text."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION or SET
    value: str
    mod: str | None = None
    # Set on expressions dated from an event the text names elsewhere ("days before",
    # "six months later"): the signed ISO duration from that anchor, e.g. "-P3D", "+P6M".
    anchor_offset: str | None = None

    def as_json(self) -> dict:
        """Return the expression as the ``timeline tag`` JSON object."""
        out = {"start": self.start, "end": self.end, "text": self.text,
               "type": self.type, "value": self.value}
        if self.mod:
            out["mod"] = self.mod
        return out


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article's cleaned text, with offsets into that text."""

    start: int
    end: int
    text: str


@dataclass
class Candidate:
    """An event reported by one sentence of one article, with the date it happened."""

    article: Article
    sentence: Sentence
    quote: str
    value: str  # TIMEX3 value of the date
    start: dt.date
    end: dt.date
    date_text: str | None
    trigger: str  # the verb or noun that reports the event
    family: str  # the kind of happening the trigger names ("deploy", "agree", ...)
    trigger_is_verb: bool
    category: str
    clause: str  # the clause that reports the event, without its date
    entities: frozenset[str] = field(default_factory=frozenset)
    families: frozenset[str] = field(default_factory=frozenset)  # of every trigger in the clause
    disputed: bool = False
    listed: bool = False  # the article lists it in a chronology ("May 7 - Rebels seize the port")
    # "planned" or "expected" when the clause tells it as still to happen; None for a fact.
    status: str | None = None


@dataclass(frozen=True)
class Source:
    """A citation of one article under an event."""

    article: str
    publisher: str | None
    title: str | None
    url: str | None
    quote: str
    date_text: str | None
    article_date: dt.date | None = None

    def as_json(self) -> dict:
        """Return the citation as it appears in ``events.json``."""
        return {"article": self.article, "publisher": self.publisher, "title": self.title,
                "url": self.url, "quote": self.quote, "date_text": self.date_text}


@dataclass
class Event:
    """One timeline entry: an event told by one or more articles."""

    id: str
    title: str
    summary: str
    date: str  # TIMEX3 value
    start: dt.date
    end: dt.date
    category: str
    importance: float
    sources: list[Source]
    disputed: bool = False
    date_note: str | None = None  # set where the sources differ on the date
    pinned: bool = False  # a key event whatever its importance (set by curation)
    listed_by: int = 0  # how many distinct articles list it in a chronology
    background: bool = False  # long before the story's own period (set by period)
    # "planned" or "expected" when every source tells it as still to happen; None for a fact.
    status: str | None = None

    def as_json(self) -> dict:
        """Return the entry as it appears in ``events.json``."""
        return {
            "id": self.id, "title": self.title, "summary": self.summary, "date": self.date,
            "start": self.start.isoformat(), "end": self.end.isoformat(),
            "category": self.category, "importance": self.importance,
            "sources": [s.as_json() for s in self.sources],
            "disputed": self.disputed, "date_note": self.date_note,
            "background": self.background, "status": self.status,
        }


@dataclass
class Problem:
    """A problem with one input file, reported as one line naming file and line."""

    path: Path
    line: int | None
    message: str
    severity: str = "warning"  # "warning" or "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        # File names and messages quote the input: print its control characters escaped.
        return printable(f"{where}: {self.severity}: {self.message}")


@dataclass(frozen=True)
class Stamp:
    """A page file as the last build left it, with the key of the inputs it was rendered from."""

    key: str
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int


@dataclass(frozen=True)
class Kept:
    """A page whose inputs are those of the last build's: its file is taken over as it is.

    render gives the page again, should the file have changed since it was checked.
    """

    stamp: Stamp
    render: Callable[[], str] = field(repr=False, compare=False)
