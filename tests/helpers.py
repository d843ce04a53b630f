"""Builders of small pipeline objects for tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.events import detect_candidates, detect_reports
from generator.lexicon import DEFAULT_FAMILIES, trigger_table
from generator.models import Article, Candidate, Paragraph, Timex
from generator.sentences import split_sentences

TRIGGERS = trigger_table(DEFAULT_FAMILIES)


def article(text: str, stem: str = "a", date: dt.date | None = dt.date(2025, 4, 28),
            publisher: str | None = None) -> Article:
    """Return an article whose body is ``text``, one paragraph per line."""
    paragraphs = [Paragraph(line, n) for n, line in enumerate(text.split("\n"), 1) if line]
    return Article(stem=stem, path=Path(f"{stem}.txt"), title=None, date=date,
                   publisher=publisher, url=None, author=None, paragraphs=paragraphs)


def timex(text: str, phrase: str, value: str, type_: str = "DATE", mod: str | None = None,
          anchor_offset: str | None = None) -> Timex:
    """Return a Timex for the first occurrence of ``phrase`` in ``text``."""
    start = text.index(phrase)
    return Timex(start, start + len(phrase), phrase, type_, value, mod, anchor_offset)


def candidates(text: str, dates: list[tuple], **kwargs) -> list[Candidate]:
    """Return the candidates of an article, given its dates as (phrase, value[, ...]) tuples."""
    art = article(text, **kwargs)
    body = art.text
    found = [timex(body, *d) for d in dates]
    return detect_candidates(art, body, split_sentences(body), found, TRIGGERS)


def reports(text: str, **kwargs) -> list[Candidate]:
    """Return the undated reports of an article's sentences."""
    art = article(text, **kwargs)
    return detect_reports(art, split_sentences(art.text), TRIGGERS)
