"""Find temporal expressions in text and resolve them to TimeML TIMEX3 values."""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re

from ..models import Timex
from .normalize import HANDLERS, Context, Hit
from .recognize import PATTERNS, candidates
from .tense import TenseGuesser
from .typos import Repaired

__all__ = ["tag"]

_log = logging.getLogger(__name__)
_QUARTER = re.compile(r"\bquarter|\bQ[1-4]\b|\bfiscal\b", re.IGNORECASE)
_RANK = {name: i for i, (name, _) in enumerate(PATTERNS)}
# Curly quotes and dashes read as their plain forms; each is one character, so offsets hold.
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                        "\u2010": "-", "\u2011": "-", "\u00a0": " "})


def tag(text: str, dct: dt.date | None) -> list[Timex]:
    """Return the temporal expressions of text, resolved against the document date dct."""
    try:
        return _tag(text, dct)
    except Exception:  # a tagger bug must not stop the pipeline
        _log.exception("temporal tagging failed")
        return []


def _tag(text: str, dct: dt.date | None) -> list[Timex]:
    if not isinstance(text, str) or not text:
        return []
    if dct is not None and isinstance(dct, dt.datetime):
        dct = dct.date()
    repaired = Repaired(text.translate(_PLAIN))
    work = repaired.text
    ctx = Context(work, dct, TenseGuesser(work),
                  [m.start() for m in _QUARTER.finditer(work)])
    hits: list[tuple[Hit, int]] = []
    for name, match in candidates(work):
        for hit in HANDLERS[name](match, ctx):
            start, end = _trim(work, hit.start, hit.end)
            if start < end:
                hits.append((Hit(start, end, hit.type, hit.value, hit.mod, hit.anchor),
                             _RANK[name]))
    chosen = _select(hits)
    out = []
    for hit in chosen:
        start, end = repaired.to_original(hit.start), repaired.to_original(hit.end)
        out.append(Timex(start, end, text[start:end], hit.type, hit.value, hit.mod,
                         hit.anchor))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",("):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",)"):
        end -= 1
    return start, end


def _select(hits: list[tuple[Hit, int]]) -> list[Hit]:
    """Return the longest non-overlapping hits, earlier rules first on ties, by start."""
    hits.sort(key=lambda h: (-(h[0].end - h[0].start), h[1], h[0].start))
    starts: list[int] = []
    chosen: list[Hit] = []
    for hit, _ in hits:
        i = bisect.bisect_left(starts, hit.start)
        if i > 0 and chosen[i - 1].end > hit.start:
            continue
        if i < len(chosen) and chosen[i].start < hit.end:
            continue
        starts.insert(i, hit.start)
        chosen.insert(i, hit)
    return chosen
