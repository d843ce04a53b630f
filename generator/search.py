"""Build the search index of a long timeline, in parts that a browser loads as it needs them.

A timeline spread over year pages cannot be searched by filtering one page. Its index is
split two ways: ``search/terms-<xy>.json`` maps each word that starts with ``xy`` to the
numbers of the entries holding it, and ``search/entries-<k>.json`` holds, for entries
number ``k * ENTRIES_PER_PART`` onwards, what a result shows (title, date, address). A
query loads one terms part per word and the entries parts of the results it shows.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable

from generator.export import Fragments
from generator.models import Event

PREFIX = 2  # letters of a word that name its terms part
ENTRIES_PER_PART = 500
_QUOTES = re.compile("[\u2018\u2019\u201c\u201d\"']")
_WORDS = re.compile(r"[a-z0-9]+")


def words(text: str) -> set[str]:
    """Return the searchable words of a text, as the page's script splits a query."""
    text = text.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return set(_WORDS.findall(_QUOTES.sub("", text)))


def search_index(events: list[Event], href: Callable[[Event], str],
                 date_label: Callable[[str], str], fragments: Fragments | None = None) -> dict[str, str]:
    """Return the index files of events in timeline order; href gives an entry's address."""
    fragments = fragments or Fragments()
    terms: dict[str, dict[str, list[int]]] = {}
    for number, event in enumerate(events):
        for word in fragments.of("words", event, _entry_words).split():
            terms.setdefault(word[:PREFIX], {}).setdefault(word, []).append(number)
    files = {f"search/terms-{prefix}.json": _json(dict(sorted(found.items())))
             for prefix, found in terms.items()}
    for start in range(0, len(events), ENTRIES_PER_PART):
        part = [[e.title, date_label(e.date), href(e)] for e in events[start:start + ENTRIES_PER_PART]]
        files[f"search/entries-{start // ENTRIES_PER_PART}.json"] = _json(part)
    files["search/index.json"] = _json({
        "entries": len(events), "entries_per_part": ENTRIES_PER_PART, "prefix": PREFIX,
        "prefixes": sorted(terms)})
    return files


def _entry_words(event: Event) -> str:
    """Return an entry's searchable words, in order, each once."""
    text = " ".join([event.title, event.summary or ""] + [s.quote for s in event.sources])
    return " ".join(sorted(words(text)))


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"
