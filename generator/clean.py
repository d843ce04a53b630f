"""Clean pasted article text: drop web clutter, separate the headline, join wrapped lines."""

from __future__ import annotations

import re

from generator.models import Paragraph
from generator.sentences import MAX_SENTENCE
from generator.text import clean_text

# Lines that are page furniture rather than reporting, matched against the whole line.
_CLUTTER_LINES = re.compile(
    r"""^(?:
        leave\ a\ (?:reply|comment)|post\ a\ comment|comments?|\d+\s+comments?|
        add\ (?:a\ )?comment|reply|share(?:\ (?:this|on\ \w+))?|tweet|email|print|
        exit\ mobile\ version|skip\ to\ (?:main\ )?content|search|menu|close|
        loading(?:\ next\ post)?|sign(?:ing)?[-\ ](?:in|up)(?:\ \d+\ seconds)?|
        log\ ?in|log\ ?out|register|subscribe(?:\ now)?|advertisement|sponsored|
        continue\ reading|read\ more|show\ more|load\ more|see\ more|click\ here.*|
        follow\ us.*|like\ us.*|share\ this\ article|copy\ link|
        (?:previous|next)\ (?:post|article|story)|back\ to\ top|top\ stories|
        all\ rights\ reserved.*|©.*|copyright\ ©?.*|cookie.*|accept(?:\ all)?(?:\ cookies)?
    )[\s.!:…]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Lines that start as furniture ("Related News: ...", "Read more: ...").
_CLUTTER_PREFIX = re.compile(
    r"^(?:related(?:\ (?:news|stories|articles|posts|content|coverage|reading))?|"
    r"read\ (?:more|also|next)|see\ also|more\ from\ \w+|recommended(?:\ for\ you)?|"
    r"you\ may\ also\ like|also\ read|watch|listen|photo|image|video)\s*:",
    re.IGNORECASE | re.VERBOSE,
)
# Bylines and counters glued together ("david.cWorld News4 hours ago6 Views").
_CLUTTER_ANYWHERE = re.compile(
    r"\d+\s*(?:seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?)\s+ago|\d+\s*views?\b|"
    r"\d+\s*min(?:ute)?s?\s+read\b",
    re.IGNORECASE,
)
# A live-blog promise that follows the standfirst.
_PROMO = re.compile(
    r"\bwe[’']ll be bringing you\b|\bfollow (?:our|the) live\b|\bsign up (?:to|for) our\b|"
    r"\bsubscribe to our\b|\bdownload (?:our|the) app\b",
    re.IGNORECASE,
)
_HASHTAG = re.compile(r"#\w+")
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"'”’]$")
_FUNCTION_WORDS = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and",
    "or", "but", "that", "which", "who", "as", "his", "her", "its", "their", "our", "is",
    "are", "was", "were", "has", "had", "have", "be", "been", "not", "than", "into",
}


def is_clutter(line: str) -> bool:
    """Return whether a line is web page furniture rather than article text."""
    stripped = line.strip()
    if not stripped:
        return False
    if _CLUTTER_LINES.match(stripped) or _CLUTTER_PREFIX.match(stripped):
        return True
    if (_CLUTTER_ANYWHERE.search(stripped) and not _ends_sentence(stripped)
            and len(_WORD.findall(stripped)) <= 12):
        return True
    tags = _HASHTAG.findall(stripped)
    if tags and len(tags) * 2 >= max(1, len(stripped.split())):
        return True
    return bool(_PROMO.search(stripped))


def _ends_sentence(line: str) -> bool:
    return bool(_TERMINAL.search(line.rstrip()))


def _normal(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text))


def _looks_like_headline(line: str, next_line: str | None) -> bool:
    """Return whether the first line of a body reads as a headline run into the text."""
    words = _WORD.findall(line)
    if not 3 <= len(words) <= 25 or _ends_sentence(line):
        return False
    if next_line is None:
        return True
    capitalised = sum(w[0].isupper() for w in words)
    if capitalised * 2 > len(words) + 1:
        return True
    # A wrapped first line ends mid-phrase; a headline ends on a content word and the
    # text goes on with a new sentence.
    return (words[-1].lower() not in _FUNCTION_WORDS and next_line[:1].isupper())


def clean_body(lines: list[tuple[int, str]], title: str | None) -> tuple[str | None, list[Paragraph]]:
    """Return the body's headline (if it has one) and its cleaned paragraphs.

    ``lines`` are (line number, text) pairs of the body. A headline equal to ``title``
    is dropped from the body; without a title, a headline-like first line becomes it.
    """
    # Cleaned again here: Markdown turns character references (&#x202e;) into characters.
    lines = [(n, clean_text(line)) for n, line in lines]
    kept = [(n, line.rstrip()) for n, line in lines if not is_clutter(line)]
    headline = None
    first = next((i for i, (_, text) in enumerate(kept) if text.strip()), None)
    if first is not None:
        text = kept[first][1].strip()
        following = next((t.strip() for _, t in kept[first + 1:] if t.strip()), None)
        if title and _normal(text) == _normal(title):
            headline = text
            kept[first] = (kept[first][0], "")
        elif not title and following is not None and _looks_like_headline(text, following):
            headline = text
            kept[first] = (kept[first][0], "")
    return headline, _join_wrapped(kept)


def _join_wrapped(lines: list[tuple[int, str]]) -> list[Paragraph]:
    """Join hard-wrapped lines into paragraphs; a blank line or a finished sentence ends one.

    A paragraph longer than the longest sentence keeps its line breaks: they may be all that
    separates its entries (a pasted list without full stops), and the sentence splitter
    cuts an over-long sentence there first.
    """
    paragraphs: list[Paragraph] = []
    parts: list[str] = []
    size = 0
    start = 0

    def flush() -> None:
        glue = "\n" if size + len(parts) - 1 > MAX_SENTENCE else " "
        paragraphs.append(Paragraph(glue.join(parts), start))

    for number, line in lines:
        text = line.strip()
        if not text:
            if parts:
                flush()
                parts, size = [], 0
            continue
        if not parts:
            start = number
        parts.append(text)
        size += len(text)
        if _ends_sentence(text):
            flush()
            parts, size = [], 0
    if parts:
        flush()
    return paragraphs
