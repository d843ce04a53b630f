"""Split cleaned article text into sentences with their offsets."""

from __future__ import annotations

import re

from generator.models import Sentence

# Words that end with a full stop without ending a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "adm", "cmdr",
    "gov", "sen", "rep", "pres", "st", "jr", "sr", "rev", "hon", "messrs", "mt", "ft",
    "inc", "corp", "ltd", "co", "bros", "no", "nos", "vs", "etc", "approx", "est", "dept",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "fig", "vol", "p", "pp", "ed", "al", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u",
}
_CANDIDATE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+|$)")
_STARTER = re.compile(r"[\"'“‘(\[]*[A-Z0-9]")
_LAST_WORD = re.compile(r"([\w.]+)[.!?…]+[\"'”’)\]]*$")


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of ``text``; paragraph breaks always end a sentence."""
    sentences: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        _split_paragraph(text, para.start(), para.end(), sentences)
    return sentences


def _split_paragraph(text: str, start: int, end: int, out: list[Sentence]) -> None:
    begin = start
    for match in _CANDIDATE.finditer(text, start, end):
        stop = match.end()
        rest = text[stop:end].lstrip()
        if not rest:
            break
        if not _STARTER.match(rest) or _is_abbreviation(text[begin:stop]):
            continue
        _add(text, begin, stop, out)
        begin = stop
    _add(text, begin, end, out)


def _is_abbreviation(chunk: str) -> bool:
    match = _LAST_WORD.search(chunk)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    # A lone capital is an initial ("J. Smith"); a dotted acronym is "U.S.".
    if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return True
    return bool(re.fullmatch(r"(?:\w\.)+\w", word))


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(start, end, text[start:end]))
