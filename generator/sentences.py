"""Split cleaned article text into sentences with their offsets."""

from __future__ import annotations

import re

from generator.chronology import lead_at, line_starts
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
# What may open a sentence after the white space that follows a candidate end.
_STARTER = re.compile(r"\s*[\"'“‘(\[]*[A-Z0-9]")
_LAST_WORD = re.compile(r"([\w.]+)[.!?…]+[\"'”’)\]]*$")
_WORD_TAIL = 80  # characters before a candidate end in which its last word is read
# A sentence longer than this is no sentence a reader would quote whole (a pasted list, a
# text without full stops): it is cut at line breaks and semicolons, then packed into
# pieces of at most this length at clause punctuation, then at spaces, then anywhere.
MAX_SENTENCE = 500
_EVERY_CUT = [re.compile(r"\n"), re.compile(r";(?=\s)")]
_PACKED_CUT = [re.compile(r"[,:](?=\s)|\s[-–—](?=\s)"), re.compile(r"\s+")]
_SPACES = re.compile(r"\s*")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_LINE_BREAK = re.compile(r"\n")


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of ``text``; blank lines always end a sentence.

    A line break inside a paragraph ends a sentence only when the sentence would
    otherwise be longer than MAX_SENTENCE characters; no sentence is longer. A chronology's
    line ("May 7 - Rebels seize the port") always begins a sentence of its own.
    """
    sentences: list[Sentence] = []
    for para in _PARAGRAPH.finditer(text):
        for start, end in _chronology_lines(text, para.start(), para.end()):
            _split_paragraph(text, start, end, sentences)
    return sentences


def _chronology_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return a paragraph's stretches, cut before each chronology line it holds."""
    cuts = [m.end() for m in _LINE_BREAK.finditer(text, start, end) if lead_at(text, m.end(), end)]
    bounds = [start, *cuts, end]
    pieces = []
    for first, last in zip(bounds, bounds[1:], strict=False):
        inner = line_starts(text, first, last)
        pieces.extend(zip([first, *inner], [*inner, last], strict=True))
    return pieces


def _split_paragraph(text: str, start: int, end: int, out: list[Sentence]) -> None:
    begin = start
    for match in _CANDIDATE.finditer(text, start, end):
        stop = match.end()
        after = _STARTER.match(text, stop, end)
        if after is None:
            if _SPACES.match(text, stop, end).end() == end:  # only white space left
                break
            continue
        if _is_abbreviation(text[max(begin, stop - _WORD_TAIL):stop]):
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


def _add(text: str, start: int, end: int, out: list[Sentence], level: int = 0) -> None:
    """Add the sentence text[start:end], cut into pieces if it is over-long."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    if end - start <= MAX_SENTENCE:
        out.append(Sentence(start, end, text[start:end]))
        return
    if level < len(_EVERY_CUT):
        begin = start
        for match in _EVERY_CUT[level].finditer(text, start, end):
            _add(text, begin, match.end(), out, level + 1)
            begin = match.end()
        _add(text, begin, end, out, level + 1)
    elif level < len(_EVERY_CUT) + len(_PACKED_CUT):
        _pack(text, start, end, out, level)
    else:  # no space in MAX_SENTENCE characters: cut anywhere
        for begin in range(start, end, MAX_SENTENCE):
            out.append(Sentence(begin, min(end, begin + MAX_SENTENCE),
                                text[begin:min(end, begin + MAX_SENTENCE)]))


def _pack(text: str, start: int, end: int, out: list[Sentence], level: int) -> None:
    """Cut text[start:end] at the level's cuts into the fewest pieces of MAX_SENTENCE at most."""
    cuts = [m.end() for m in _PACKED_CUT[level - len(_EVERY_CUT)].finditer(text, start, end)]
    cuts.append(end)
    begin, last = start, start  # last: the farthest cut that keeps the piece short enough
    for cut in cuts:
        if cut - begin <= MAX_SENTENCE:
            last = cut
            continue
        if last > begin:
            _add(text, begin, last, out, level + 1)
            begin = last
        if cut - begin <= MAX_SENTENCE:
            last = cut
        else:  # no cut of this level in reach: the next level cuts this stretch
            _add(text, begin, cut, out, level + 1)
            begin = last = cut
    if begin < end:
        _add(text, begin, end, out, level + 1)
